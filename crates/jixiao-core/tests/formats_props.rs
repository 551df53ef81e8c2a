//! Property tests over the samples mangled every way a text gets mangled: cut anywhere, lines
//! shuffled, separators swapped (tab ↔ pipe ↔ spaces), random bytes inserted. The reader never
//! panics, stays fast, and a form that is not complete never gets a total or a grade.

use jixiao_core::pipeline;
use jixiao_core::read::ReadOptions;
use proptest::prelude::*;
use std::time::{Duration, Instant};

const SAMPLES: &[&str] = &[
    include_str!("../../../tests/fixtures/samples/sample-001.txt"),
    include_str!("../../../tests/fixtures/samples/sample-008.txt"),
    include_str!("../../../tests/fixtures/samples/sample-010.txt"),
    include_str!("../../../tests/fixtures/samples/sample-012.txt"),
    include_str!("../../../tests/fixtures/samples/sample-016.txt"),
    include_str!("../../../tests/fixtures/samples/sample-017.txt"),
    include_str!("../../../tests/fixtures/samples/sample-019.txt"),
    include_str!("../../../tests/fixtures/samples/sample-023.txt"),
    include_str!("../../../tests/fixtures/samples/sample-025.txt"),
    include_str!("../../../tests/fixtures/samples/sample-045.txt"),
];

/// Read, score and check; assert the invariants; return the time it took.
fn read_and_check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let t = Instant::now();
    let forms = pipeline::check_bytes("mangled.txt", bytes, &ReadOptions::default());
    let took = t.elapsed();
    // One second per form is the limit; a debug build on a loaded machine gets 10×.
    let limit = Duration::from_secs(10) * u32::try_from(forms.len().max(1)).unwrap_or(1);
    prop_assert!(took < limit, "took {took:?} for {} forms", forms.len());
    for c in &forms {
        if !c.form.is_complete() {
            prop_assert!(c.eval.total_computed.is_none(), "{:?}", c.form.status);
            prop_assert!(c.eval.total_by_rule.is_none());
            prop_assert!(c.eval.grade.is_none());
        }
    }
    Ok(())
}

fn char_cut(s: &str, at: usize) -> &str {
    let mut end = at.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn cut_anywhere(k in 0usize..SAMPLES.len(), at in 0usize..2100) {
        read_and_check(char_cut(SAMPLES[k], at).as_bytes())?;
    }

    #[test]
    fn lines_shuffled(k in 0usize..SAMPLES.len(), swaps in proptest::collection::vec((0usize..200, 0usize..200), 0..40)) {
        let mut lines: Vec<&str> = SAMPLES[k].lines().collect();
        let n = lines.len();
        for (a, b) in swaps {
            lines.swap(a % n, b % n);
        }
        read_and_check(lines.join("\n").as_bytes())?;
    }

    #[test]
    fn separators_swapped(k in 0usize..SAMPLES.len(), how in 0usize..6) {
        let s = SAMPLES[k];
        let swapped = match how {
            0 => s.replace('|', "\t"),
            1 => s.replace('|', "  "),
            2 => s.replace('\t', " | "),
            3 => s.replace(' ', "|"),
            4 => s.replace("\n\n", "\n"),
            _ => s.replace('\n', " "),
        };
        read_and_check(swapped.as_bytes())?;
    }

    #[test]
    fn random_bytes_inserted(
        k in 0usize..SAMPLES.len(),
        inserts in proptest::collection::vec((0usize..2100, proptest::collection::vec(any::<u8>(), 1..12)), 1..8),
    ) {
        let mut b = SAMPLES[k].as_bytes().to_vec();
        for (at, junk) in inserts {
            let at = at.min(b.len());
            b.splice(at..at, junk);
        }
        read_and_check(&b)?;
    }

    #[test]
    fn label_soup(words in proptest::collection::vec(prop::sample::select(vec![
        "项目名称", "年度资金总额", "全年预算数", "全年执行数", "执行率", "分值", "得分", "一级指标",
        "二级指标", "三级指标", "年度指标值", "实际完成值", "产出指标", "数量指标", "总分", "合计",
        "10", "100%", "≥90%", "", " ", "|", "\t", "\n", "\n\n", "其中:", "绩效指标(90分)", "权重",
        "项目支出绩效自评表", "<tr>", "<td colspan=3>", "— 1 —", "资金管理情况", "项目决策",
    ]), 0..300)) {
        read_and_check(words.concat().as_bytes())?;
    }
}

/// Inputs built to be slow: long runs of one thing, huge rows, deep spans.
#[test]
fn pathological_inputs_stay_fast() {
    let cases: Vec<String> = vec![
        "|".repeat(200_000),
        "| a ".repeat(50_000),
        "1".repeat(200_000),
        "产出指标".repeat(20_000),
        "数量指标\n\n".repeat(20_000),
        format!(
            "一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n{}",
            "\n \n".repeat(50_000)
        ),
        format!(
            "<table>{}</table>",
            "<tr><td colspan=64 rowspan=64>x</td>".repeat(3_000)
        ),
        format!("<table><tr>{}</tr></table>", "<td>1</td>".repeat(30_000)),
        "年度资金总额1234567890123456789012345678901234567890%".repeat(2_000),
        format!(
            "项目支出绩效自评表\n{}",
            "年度资金总额\t1\t2\t3\n".repeat(20_000)
        ),
    ];
    for (i, text) in cases.iter().enumerate() {
        let t = Instant::now();
        let forms = pipeline::check_bytes("slow.txt", text.as_bytes(), &ReadOptions::default());
        let took = t.elapsed();
        assert!(took < Duration::from_secs(20), "case {i}: {took:?}");
        for c in &forms {
            if !c.form.is_complete() {
                assert!(c.eval.total_computed.is_none());
            }
        }
    }
}
