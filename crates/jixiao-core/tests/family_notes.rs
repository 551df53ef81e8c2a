//! `Form.family` (the detected format family) and the kind of reader notes (problem → JX001
//! warning, remark → JX001 info), checked against the sample manifest
//! (`shared/samples/manifest.tsv`, `format_variant` column) and the JX001 fixtures.

use jixiao_core::check::Severity;
use jixiao_core::model::NoteKind;
use jixiao_core::output::json::form_json;
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;
use jixiao_core::read::family::Family;

macro_rules! sample {
    ($n:literal) => {
        include_str!(concat!(
            "../../../tests/fixtures/samples/sample-",
            $n,
            ".txt"
        ))
    };
}

fn check(name: &str, text: &str) -> Vec<CheckedForm> {
    pipeline::check_bytes(name, text.as_bytes(), &ReadOptions::default())
}

/// The form of a sample that holds the table (the one with the most rows read).
fn table_form(name: &str, text: &str) -> CheckedForm {
    check(name, text)
        .into_iter()
        .max_by_key(|c| c.form.indicators.len() + c.form.funds.rows.len())
        .unwrap_or_else(|| panic!("{name}: no form"))
}

#[test]
fn family_of_each_sample_is_the_manifest_s_variant() {
    // (sample, manifest format_variant, expected code), written from the manifest by hand.
    let cases = [
        ("001", sample!("001"), "sichuan"),  // sichuan-dept-budget-weight
        ("008", sample!("008"), "no_score"), // no-score (hunan county)
        ("010", sample!("010"), "decision_management_performance"), // decision-mgmt-perf
        ("012", sample!("012"), "central_split_target"), // central + 指标性质/度量单位
        ("016", sample!("016"), "budget20_target80"), // budget20-target80
        ("017", sample!("017"), "central"),  // central-wanyuan
        ("019", sample!("019"), "fenzhi_first"), // fenzhi-first
        ("023", sample!("023"), "whole_department"), // whole-department
        ("025", sample!("025"), "transfer_payment"), // transfer-payment
        ("045", sample!("045"), "central"),  // central-wanyuan
    ];
    for (n, text, code) in cases {
        let c = table_form(&format!("sample-{n}.txt"), text);
        assert_eq!(c.form.family.as_deref(), Some(code), "sample {n}");
        assert_eq!(form_json(&c)["family"], code, "sample {n} JSON");
        let family = Family::from_code(code).expect("known code");
        assert_eq!(family.code(), code);
        assert!(!family.chinese().is_empty());
    }
}

#[test]
fn seed_forms_are_central_and_unreadable_input_has_no_family() {
    let seed = include_str!("../../../tests/fixtures/seed.txt");
    let forms = check("seed.txt", seed);
    assert_eq!(forms.len(), 16);
    for c in &forms {
        assert_eq!(
            c.form.family.as_deref(),
            Some("central"),
            "{:?}",
            c.form.source
        );
    }
    let empty = check("empty.txt", "没有任何表格的文字\n");
    assert!(
        empty
            .iter()
            .all(|c| c.form.family.is_none() || c.form.indicators.is_empty())
    );
    let unreadable = jixiao_core::model::Form::empty("x.pdf", "无法读取");
    let c = pipeline::check_form(unreadable);
    assert_eq!(form_json(&c)["family"], serde_json::Value::Null);
}

fn jx001(c: &CheckedForm) -> Vec<(Severity, String)> {
    c.findings
        .iter()
        .filter(|f| f.code == "JX001")
        .map(|f| (f.severity, f.message.clone()))
        .collect()
}

#[test]
fn a_value_that_cannot_be_parsed_stays_a_warning() {
    let bad = include_str!("fixtures/rules/JX001/bad.txt");
    let forms = check("bad.txt", bad);
    let found: Vec<(Severity, String)> = forms.iter().flat_map(jx001).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(found[0].1.contains("七点五"), "{found:?}");
    let notes: Vec<NoteKind> = forms
        .iter()
        .flat_map(|c| c.form.read_notes.iter().map(|n| n.kind))
        .collect();
    assert_eq!(notes, vec![NoteKind::Problem]);
}

#[test]
fn an_unplaced_row_stays_a_warning() {
    // Seed form 1 with a stray line inside the funds block.
    let seed = include_str!("fixtures/rules/JX001/good.txt");
    let text = seed.replacen("其他资金", "这一行不属于任何栏目\t甲\t乙\n其他资金", 1);
    assert_ne!(text, seed);
    let found: Vec<(Severity, String)> = check("t.txt", &text).iter().flat_map(jx001).collect();
    assert!(
        found
            .iter()
            .any(|(s, m)| *s == Severity::Warning && m.contains("这一行不属于任何栏目")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(s, _)| *s == Severity::Warning),
        "{found:?}"
    );
}

#[test]
fn reading_remarks_are_info() {
    // 012: a Traditional mirror repaired before reading.
    let c = table_form("sample-012.txt", sample!("012"));
    let found = jx001(&c);
    assert!(
        found
            .iter()
            .any(|(s, m)| *s == Severity::Info && m.contains("繁体字镜像")),
        "{found:?}"
    );
    // 016: weights read back from the printed scores (an inference, said as a remark).
    let c = table_form("sample-016.txt", sample!("016"));
    let found = jx001(&c);
    assert!(
        found
            .iter()
            .any(|(s, m)| *s == Severity::Info && m.contains("反推分值为 20/20/20/10/10")),
        "{found:?}"
    );
    // 010: the decision/management/performance frame is read, not rescored.
    let c = table_form("sample-010.txt", sample!("010"));
    let found = jx001(&c);
    assert!(
        found
            .iter()
            .any(|(s, m)| *s == Severity::Info && m.contains("项目决策/项目管理/项目绩效框架")),
        "{found:?}"
    );
    // 025: the 资金管理情况 block is deliberately not read.
    let forms = check("sample-025.txt", sample!("025"));
    let found: Vec<(Severity, String)> = forms.iter().flat_map(jx001).collect();
    assert!(
        found
            .iter()
            .any(|(s, m)| *s == Severity::Info && m.contains("资金管理情况")),
        "{found:?}"
    );
}
