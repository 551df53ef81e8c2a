//! The check JSON read back (`form_from_json`): every form the reader makes from the seed, the 10
//! samples and every rule fixture goes form → JSON → form → checked again, and gives the same JSON
//! (findings compared without their positions, which the shape does not carry), and bad documents
//! get an error naming the field.

use jixiao_core::output::json::{form_from_json, form_json};
use jixiao_core::pipeline::{self, CheckOptions};
use jixiao_core::read::ReadOptions;
use serde_json::{Value, json};
use std::path::Path;

/// Findings point at cells by line and column, and are listed in that order; the shape keeps row
/// lines but no columns, and header values have no line. Compare findings by what they say.
fn without_positions(mut v: Value) -> Value {
    if let Some(findings) = v.get_mut("findings").and_then(Value::as_array_mut) {
        for f in findings.iter_mut() {
            if let Some(o) = f.as_object_mut() {
                o.remove("line");
                o.remove("column");
            }
        }
        findings.sort_by_key(|f| f.to_string());
    }
    v
}

fn round_trip(path: &str, bytes: &[u8]) -> usize {
    let options = CheckOptions::default();
    let forms = pipeline::check_bytes_with(path, bytes, &ReadOptions::default(), &options);
    for c in &forms {
        let first = form_json(c);
        let form = form_from_json(&first)
            .unwrap_or_else(|e| panic!("{path} line {}: {e}", c.form.source.first_line));
        assert_eq!(form.status, c.form.status, "{path}: status");
        assert_eq!(form.indicators.len(), c.form.indicators.len());
        let again = form_json(&pipeline::check_form_with(form, &options));
        assert_eq!(
            without_positions(again),
            without_positions(first),
            "{path} line {}",
            c.form.source.first_line
        );
    }
    forms.len()
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

#[test]
fn seed_forms_round_trip() {
    let bytes = std::fs::read(fixtures().join("seed.txt")).unwrap();
    assert_eq!(round_trip("seed.txt", &bytes), 16);
}

#[test]
fn samples_and_rule_fixtures_round_trip() {
    let mut files = Vec::new();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let families = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/families");
    for dir in [fixtures().join("samples"), rules, families] {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "txt")
                    && p.file_name().is_some_and(|n| n != "profile.txt")
                {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    assert!(files.len() > 100, "{} fixture files", files.len());
    let mut forms = 0;
    for p in &files {
        forms += round_trip(&p.display().to_string(), &std::fs::read(p).unwrap());
    }
    assert!(forms > 100, "{forms} forms");
}

#[test]
fn an_edited_text_is_parsed_again() {
    let bytes = std::fs::read(fixtures().join("seed.txt")).unwrap();
    let c = &pipeline::check_bytes("seed.txt", &bytes, &ReadOptions::default())[0];
    let mut v = form_json(c);
    // An editor sends the new text alone; the parsed fields are dropped.
    v["indicators"][0]["actual"] = json!({"text": "3个"});
    v["indicators"][0]["target"] = json!({"text": "≥5个"});
    let form = form_from_json(&v).unwrap();
    let t = form.indicators[0].target.as_ref().unwrap();
    assert_eq!(t.comparator, jixiao_core::model::Comparator::AtLeast);
    assert_eq!(t.value, Some(5.into()));
    assert_eq!(
        form.indicators[0].actual.as_ref().unwrap().value,
        Some(3.into())
    );
}

#[test]
fn numbers_may_be_json_numbers() {
    let v = json!({
        "header": {"project_name": "测试项目", "year": 2024},
        "funds": {"amount_unit": "wan_yuan", "rows": [
            {"kind": "total_funds", "label": "年度资金总额", "line": 3,
             "adjusted_budget": 100, "executed": "95.5", "weight": 10, "score": {"printed": 9.55}}
        ]},
        "indicators": [],
    });
    let form = form_from_json(&v).unwrap();
    let row = &form.funds.rows[0];
    assert_eq!(row.executed.as_ref().unwrap().value.to_string(), "95.5");
    assert_eq!(row.score.as_ref().unwrap().value.to_string(), "9.55");
    assert_eq!(form.header.year.as_ref().unwrap().value, 2024);
    // No indicators and no total row: not complete, so never totalled.
    assert!(!form.is_complete());
}

#[test]
fn bad_documents_name_the_field() {
    let cases = [
        (json!([]), "对象"),
        (
            json!({"indicators": [{"name": "a"}, {"name": "b", "weight": "十分"}]}),
            "indicators[1].weight",
        ),
        (
            json!({"funds": {"rows": [{"kind": "nonsense"}]}}),
            "funds.rows[0].kind",
        ),
        (json!({"header": {"year": "去年"}}), "header.year"),
        (
            json!({"indicators": [{"target": {"text": "≥1", "comparator": "about"}}]}),
            "indicators[0].target.comparator",
        ),
        (json!({"indicators": {"a": 1}}), "indicators"),
    ];
    for (doc, field) in cases {
        let err = form_from_json(&doc).expect_err(&doc.to_string());
        assert!(err.contains(field), "{err} should name {field}");
    }
}
