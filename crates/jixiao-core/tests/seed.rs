//! The 16 seed forms against `seed-expected.tsv`, figures computed independently of this project.

use jixiao_core::model::*;
use jixiao_core::output::json::form_json;
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;
use rust_decimal::Decimal;
use std::str::FromStr;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");
const EXPECTED: &str = include_str!("../../../tests/fixtures/seed-expected.tsv");

fn seed() -> Vec<CheckedForm> {
    pipeline::check_bytes("seed.txt", SEED.as_bytes(), &ReadOptions::default())
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|_| panic!("bad decimal in expected.tsv: {s}"))
}

/// Fold full-width parentheses as expected.tsv does, and drop spaces.
fn fold_unit(s: &str) -> String {
    s.replace('（', "(").replace('）', ")").replace(' ', "")
}

struct Expected {
    project_code: String,
    project_name: String,
    implementing_unit: String,
    adjusted_budget: Decimal,
    executed: Decimal,
    execution_rate_printed: Decimal,
    execution_rate_2dp: Decimal,
    execution_score_printed: Decimal,
    execution_score_two_stage: Decimal,
    indicator_rows: usize,
    indicator_rows_not_void: usize,
    indicator_weight_sum: Decimal,
    indicator_score_sum: Decimal,
    total_printed: Decimal,
}

fn expected() -> Vec<Expected> {
    EXPECTED
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Expected {
                project_code: c[0].into(),
                project_name: c[1].into(),
                implementing_unit: c[2].into(),
                adjusted_budget: d(c[3]),
                executed: d(c[4]),
                execution_rate_printed: d(c[5]),
                execution_rate_2dp: d(c[6]),
                execution_score_printed: d(c[7]),
                execution_score_two_stage: d(c[8]),
                indicator_rows: c[9].parse().unwrap(),
                indicator_rows_not_void: c[10].parse().unwrap(),
                indicator_weight_sum: d(c[11]),
                indicator_score_sum: d(c[12]),
                total_printed: d(c[13]),
            }
        })
        .collect()
}

#[test]
fn sixteen_complete_forms() {
    let forms = seed();
    assert_eq!(forms.len(), 16);
    for c in &forms {
        assert_eq!(c.form.status, FormStatus::Complete, "{:?}", c.form.source);
        assert!(c.form.read_notes.is_empty(), "{:?}", c.form.read_notes);
    }
}

#[test]
fn every_form_matches_the_independent_figures() {
    let forms = seed();
    let exp = expected();
    assert_eq!(forms.len(), exp.len());
    for (c, e) in forms.iter().zip(exp.iter()) {
        let f = &c.form;
        let who = &e.project_name;
        let h = &f.header;
        assert_eq!(h.project_code.as_ref().unwrap().value, e.project_code);
        assert_eq!(h.project_name.as_ref().unwrap().value, e.project_name);
        assert_eq!(
            fold_unit(&h.implementing_unit.as_ref().unwrap().value),
            e.implementing_unit
        );
        assert_eq!(h.year.as_ref().unwrap().value, 2022);
        assert!(h.budget_unit.is_some());
        assert_eq!(f.funds.amount_unit, AmountUnit::Yuan);
        assert_eq!(f.funds.rows.len(), 4, "{who}");
        let total = f.funds.total_row().expect("total row");
        assert_eq!(
            total.adjusted_budget.as_ref().unwrap().value,
            e.adjusted_budget
        );
        assert_eq!(total.executed.as_ref().unwrap().value, e.executed);
        assert_eq!(
            total.execution_rate.as_ref().unwrap().value,
            e.execution_rate_printed,
            "{who}"
        );
        assert_eq!(c.eval.execution.rate, Some(e.execution_rate_2dp), "{who}");
        assert_eq!(
            total.score.as_ref().unwrap().value,
            e.execution_score_printed
        );
        assert_eq!(
            c.eval.execution.score,
            Some(e.execution_score_two_stage),
            "{who}"
        );
        assert_eq!(f.indicators.len(), e.indicator_rows, "{who}");
        let not_void = f.indicators.iter().filter(|i| i.name.value != "无").count();
        assert_eq!(not_void, e.indicator_rows_not_void, "{who}");
        let wsum: Decimal = f
            .indicators
            .iter()
            .map(|i| i.weight.as_ref().unwrap().value)
            .sum();
        let ssum: Decimal = f
            .indicators
            .iter()
            .map(|i| i.score.as_ref().unwrap().value)
            .sum();
        assert_eq!(wsum, e.indicator_weight_sum, "{who}");
        assert_eq!(ssum, e.indicator_score_sum, "{who}");
        let printed_total = f.total.as_ref().unwrap().score.as_ref().unwrap().value;
        assert_eq!(printed_total, e.total_printed, "{who}");
        // The seed's arithmetic is consistent: recomputed total = printed total.
        assert_eq!(c.eval.total_computed, Some(e.total_printed), "{who}");
        assert!(c.eval.grade.is_some());
    }
}

#[test]
fn seed_has_no_total_or_execution_errors() {
    for c in seed() {
        for f in &c.findings {
            assert!(
                !matches!(f.code, "JX102" | "JX201" | "JX202" | "JX601" | "JX002"),
                "{}: {f:?}",
                c.form.header.project_name.as_ref().unwrap().value
            );
        }
    }
}

#[test]
fn parsed_forms_snapshot() {
    for c in seed() {
        let code = c.form.header.project_code.as_ref().unwrap().value.clone();
        insta::assert_json_snapshot!(format!("seed_{code}"), form_json(&c));
    }
}
