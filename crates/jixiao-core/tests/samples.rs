//! The 10 sample forms of `shared/samples` (one or two per family, each in another rendering)
//! against their manifest: status, family profile, and the figures the manifest states. The
//! form JSON of each is snapshotted (reviewed by hand against the sample text).

use jixiao_core::model::*;
use jixiao_core::output::json::form_json;
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;
use rust_decimal::Decimal;
use std::str::FromStr;

macro_rules! sample {
    ($n:literal) => {
        (
            $n,
            include_str!(concat!(
                "../../../tests/fixtures/samples/sample-",
                $n,
                ".txt"
            )),
        )
    };
}

const SAMPLES: &[(&str, &str)] = &[
    sample!("001"),
    sample!("008"),
    sample!("010"),
    sample!("012"),
    sample!("016"),
    sample!("017"),
    sample!("019"),
    sample!("023"),
    sample!("025"),
    sample!("045"),
];

fn read(n: &str) -> Vec<CheckedForm> {
    let (_, text) = SAMPLES
        .iter()
        .find(|(k, _)| *k == n)
        .unwrap_or_else(|| panic!("no sample {n}"));
    pipeline::check_bytes(
        &format!("sample-{n}.txt"),
        text.as_bytes(),
        &ReadOptions::default(),
    )
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The one form of a sample that holds the table (page titles before it are folded in).
fn one(n: &str) -> CheckedForm {
    let forms = read(n);
    assert_eq!(
        forms.len(),
        1,
        "sample {n}: {:#?}",
        forms.iter().map(|f| &f.form.status).collect::<Vec<_>>()
    );
    forms.into_iter().next().unwrap()
}

fn status(c: &CheckedForm) -> &'static str {
    c.form.status.code()
}

#[test]
fn every_sample_gets_the_status_of_its_manifest() {
    let expected = [
        // full Sichuan form, but every 得分 cell left blank: read to the end, nothing to total
        ("001", "unscored", "sichuan_2023"),
        // no-score county form by design
        ("008", "unscored", "no_score"),
        // decision/management/performance family, scrambled PDF text cut inside 产出: scored by
        // its sections when complete (tests/families.rs), so never totalled here
        ("010", "incomplete", "decision_management_performance"),
        // stops at the 满意度 row's 分值
        ("012", "incomplete", "central_2020"),
        ("016", "complete", "budget20_target80"),
        // column-major spreadsheet text, cut in 质量指标
        ("017", "incomplete", "central_2020"),
        ("019", "incomplete", "central_2020"),
        ("023", "incomplete", "central_2020"),
        // transfer payment, stops at the indicator header
        ("025", "incomplete", "no_score"),
        ("045", "complete", "central_2020"),
    ];
    for (n, st, profile) in expected {
        let c = one(n);
        assert_eq!(status(&c), st, "sample {n}: {:?}", c.form.status);
        assert_eq!(c.form.profile, profile, "sample {n}");
        if !c.form.is_complete() {
            assert!(c.eval.total_computed.is_none(), "sample {n} got a total");
            assert!(c.eval.grade.is_none(), "sample {n} got a grade");
        }
    }
}

#[test]
fn sample_016_budget20_reproduces_the_uncapped_scores() {
    let c = one("016");
    let f = &c.form;
    let total = f.funds.total_row().expect("funds total");
    assert_eq!(total.adjusted_budget.as_ref().unwrap().value, d("650"));
    assert_eq!(total.executed.as_ref().unwrap().value, d("94"));
    // 执行率 printed as the coarse ratio 0.1; the true rate is 14.46%.
    assert_eq!(total.execution_rate.as_ref().unwrap().value, d("0.1"));
    assert_eq!(c.eval.execution.rate, Some(d("14.46")));
    assert_eq!(c.eval.execution.score, Some(d("2.9")));
    assert_eq!(
        f.total.as_ref().unwrap().score.as_ref().unwrap().value,
        d("71.7")
    );
    assert_eq!(c.eval.total_computed, Some(d("71.7")));
    // Weights are inferred (20/20/20/10/10 = 80) and three scores exceed them, uncapped.
    let w: Vec<Decimal> = f
        .indicators
        .iter()
        .map(|i| i.weight.as_ref().unwrap().value)
        .collect();
    assert_eq!(w, vec![d("20"), d("20"), d("20"), d("10"), d("10")]);
    let over: Vec<&str> = f
        .indicators
        .iter()
        .filter(|i| i.score.as_ref().unwrap().value > i.weight.as_ref().unwrap().value)
        .map(|i| i.name.value.as_str())
        .collect();
    assert_eq!(
        over,
        vec![
            "新型经营主体实现产值(%)",
            "新型经营主体助农增收(元)",
            "满意度(%)"
        ]
    );
    assert_eq!(c.eval.indicators[2].computed, Some(d("31.9")));
    assert!(f.read_notes.iter().any(|n| n.message.contains("反推")));
}

#[test]
fn sample_023_shows_the_printed_and_the_computed_execution_rate() {
    let c = one("023");
    let json = form_json(&c);
    let rate = &json["funds"]["rows"][0]["execution_rate"];
    assert_eq!(rate["printed"], "100");
    assert_eq!(rate["computed"], "80.45");
    assert_eq!(json["funds"]["amount_unit"], "wan_yuan");
    // 产出 scores 10+7+7+7+7+6+6 = 50.
    let output: Decimal = c
        .form
        .indicators
        .iter()
        .filter(|i| i.level1_category == Some(Level1::Output))
        .filter_map(|i| i.score.as_ref().map(|s| s.value))
        .sum();
    assert_eq!(output, d("50"));
}

#[test]
fn sample_045_is_complete_with_total_100() {
    let c = one("045");
    assert_eq!(
        c.form.total.as_ref().unwrap().score.as_ref().unwrap().value,
        d("100.00")
    );
    assert_eq!(c.eval.total_computed, Some(d("100")));
    assert_eq!(c.form.indicators.len(), 9);
    assert_eq!(c.form.header.year.as_ref().unwrap().value, 2022);
}

#[test]
fn sample_001_sichuan_is_read_to_the_end_without_scores() {
    let c = one("001");
    let f = &c.form;
    assert_eq!(f.funds.rows.len(), 5);
    assert_eq!(f.funds.amount_unit, AmountUnit::WanYuan);
    let w: Vec<Decimal> = f
        .indicators
        .iter()
        .map(|i| i.weight.as_ref().unwrap().value)
        .collect();
    assert_eq!(w, vec![d("60"), d("30")]);
    assert!(f.indicators.iter().all(|i| i.score.is_none()));
    assert_eq!(
        f.total.as_ref().unwrap().weight.as_ref().unwrap().value,
        d("100")
    );
    assert_eq!(f.header.year.as_ref().unwrap().value, 2023);
}

#[test]
fn sample_008_run_together_splits_the_funds_digits() {
    let c = one("008");
    let total = c.form.funds.total_row().unwrap();
    assert_eq!(total.adjusted_budget.as_ref().unwrap().value, d("194.9"));
    assert_eq!(total.executed.as_ref().unwrap().value, d("194.9"));
    assert_eq!(total.execution_rate.as_ref().unwrap().value, d("100"));
    assert_eq!(c.form.indicators.len(), 16);
    assert!(
        c.form
            .indicators
            .iter()
            .all(|i| i.weight.is_none() && i.score.is_none())
    );
}

#[test]
fn sample_012_traditional_mirror_reads_as_simplified() {
    let c = one("012");
    let f = &c.form;
    assert_eq!(
        f.header.budget_unit.as_ref().unwrap().value,
        "丽江市自然资源和规划局"
    );
    assert_eq!(f.indicators.len(), 5);
    let first = &f.indicators[0];
    let t = first.target.as_ref().unwrap();
    assert_eq!(
        (t.comparator, t.value, t.unit.as_deref()),
        (Comparator::Equal, Some(d("72890")), Some("元"))
    );
    assert_eq!(first.score.as_ref().unwrap().value, d("9.00"));
    assert!(f.indicators[4].score.is_none());
    // 度量单位 `%` is the unit of the bare 实际完成值 `100` too: no JX308 on this form.
    let a = f.indicators[1].actual.as_ref().unwrap();
    assert_eq!((a.value, a.unit.as_deref()), (Some(d("100")), Some("%")));
    assert!(c.findings.iter().all(|x| x.code != "JX308"));
}

#[test]
fn samples_snapshot() {
    for (n, _) in SAMPLES {
        for (k, c) in read(n).iter().enumerate() {
            insta::assert_json_snapshot!(format!("sample_{n}_{k}"), form_json(c));
        }
    }
}

/// Column-major spreadsheet text, cut in 质量指标: the header is read in full, the funds
/// block (whose columns do not line up) is left out with the counts, rows whose names and
/// values stay together are found, and nothing is totalled.
#[test]
fn sample_017_column_major_reads_what_lines_up_and_no_more() {
    let c = one("017");
    let f = &c.form;
    assert_eq!(
        f.header.implementing_unit.as_ref().unwrap().value,
        "稷山县翟店镇卫生院"
    );
    match &f.status {
        FormStatus::Incomplete { stops_in, .. } => {
            assert!(stops_in.starts_with("资金使用情况（按列导出"), "{stops_in}");
        }
        other => panic!("{other:?}"),
    }
    assert!(f.funds.rows.is_empty());
    let notes: Vec<&str> = f.read_notes.iter().map(|n| n.message.as_str()).collect();
    // 指标8 as printed: 100.00% / 97.30% / 2 / 1.9 (its 一级/二级 are not in the text, so
    // it is reported, not placed).
    assert!(
        notes
            .iter()
            .any(|n| n.contains("指标8:适龄儿童疫苗接种率 | 100.00% | 97.30% | 2 | 1.9")),
        "{notes:?}"
    );
    // The wrapped name is joined back, and its row keeps its own values.
    assert!(
        notes
            .iter()
            .any(|n| n.contains("指标24:传染病及突发公共卫生事件报告数 | 14例 | 14例 | 2 | 2")),
        "{notes:?}"
    );
    assert!(c.eval.total_computed.is_none() && c.eval.grade.is_none());
}
