//! Property tests: no input makes the reader or the checks panic.

use jixiao_core::pipeline;
use jixiao_core::read::ReadOptions;
use proptest::prelude::*;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC*") {
        let _ = pipeline::check_bytes("prop.txt", s.as_bytes(), &ReadOptions::default());
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = pipeline::check_bytes("prop.bin", &b, &ReadOptions::default());
    }

    /// The seed cut at any byte, with tab-separated junk spliced in, never panics and never
    /// yields a total for a form that is not complete.
    #[test]
    fn mangled_seed_never_panics(cut in 0usize..SEED.len(), junk in "[\\t 0-9.%≥≤无—总分得分a-z\\n]{0,200}", at in 0usize..SEED.len()) {
        let mut s: String = SEED.char_indices().take_while(|(i, _)| *i < cut).map(|(_, c)| c).collect();
        let pos = s.char_indices().map(|(i, _)| i).find(|i| *i >= at.min(s.len())).unwrap_or(s.len());
        s.insert_str(pos, &junk);
        for c in pipeline::check_bytes("mangled.txt", s.as_bytes(), &ReadOptions::default()) {
            if !c.form.is_complete() {
                prop_assert!(c.eval.total_computed.is_none());
                prop_assert!(c.eval.grade.is_none());
            }
        }
    }

}

/// Forms of the seed read complete, counted once.
fn seed_complete() -> usize {
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| {
        pipeline::check_bytes("seed.txt", SEED.as_bytes(), &ReadOptions::default())
            .iter()
            .filter(|c| c.form.is_complete())
            .count()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Page markers and repeated header rows put between any lines of the seed: skipped with
    /// remarks, never a panic, never a total for a form that is not complete; the forms read
    /// complete before stay complete.
    #[test]
    fn page_breaks_anywhere_in_the_seed(
        breaks in proptest::collection::vec((0usize..400, 0usize..4), 1..6),
    ) {
        const BREAKS: [&str; 4] = [
            "-1-",
            "\t\t— 2 —\t",
            "第 1 页 共 3 页",
            "年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t* 实际完成值\t* 分值\t* 得分\t偏差原因分析及改进措施",
        ];
        let mut lines: Vec<&str> = SEED.lines().collect();
        for (at, k) in breaks {
            let at = at.min(lines.len());
            // Page markers anywhere; a header row only after an indicator row.
            if k < 3 || lines.get(at.wrapping_sub(1)).is_some_and(|l| l.starts_with("年度绩效指标\t") && !l.contains("一级指标")) {
                lines.insert(at, BREAKS[k]);
            }
        }
        let text = lines.join("\n");
        let after = pipeline::check_bytes("seed.txt", text.as_bytes(), &ReadOptions::default());
        for c in &after {
            if !c.form.is_complete() {
                prop_assert!(c.eval.total_computed.is_none());
                prop_assert!(c.eval.grade.is_none());
            }
        }
        let complete = after.iter().filter(|c| c.form.is_complete()).count();
        prop_assert_eq!(seed_complete(), complete);
    }
}
