//! The batch part of a report: counts, the forms most in need of review, and which forms are
//! laid out in full.

use crate::charts::{self, Chart};
use crate::view::{form_label, open_counts, project_name, unit_name};
use jixiao_core::output::json::computed;
use jixiao_core::pipeline::CheckedForm;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::cmp::Reverse;

/// Why a form needs review: open errors and warnings, and score inflation.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewEntry {
    /// Index of the form in the batch.
    pub index: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Printed 总分 − 总分 by the scoring rules, when positive (the form claims more than it earns).
    pub inflation: Decimal,
}

/// Printed total minus total by rule, when both exist and the difference is positive.
pub fn inflation(c: &CheckedForm) -> Decimal {
    let printed = c
        .form
        .total
        .as_ref()
        .and_then(|t| t.score.as_ref())
        .map(|s| s.value);
    match (printed, c.eval.total_by_rule) {
        (Some(p), Some(r)) if p > r => p - r,
        _ => Decimal::ZERO,
    }
}

/// Every form ranked by need of review: most open errors first, then largest inflation, then
/// most warnings, then input order.
pub fn review_ranking(forms: &[CheckedForm]) -> Vec<ReviewEntry> {
    let mut v: Vec<ReviewEntry> = forms
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let (errors, warnings, _) = open_counts(c);
            ReviewEntry {
                index,
                errors,
                warnings,
                inflation: inflation(c),
            }
        })
        .collect();
    v.sort_by_key(|e| {
        (
            Reverse(e.errors),
            Reverse(e.inflation),
            Reverse(e.warnings),
            e.index,
        )
    });
    v
}

/// The forms laid out in full: all of them (input order) when there are at most `limit`, else
/// the `limit` most in need of review, in ranking order.
pub fn forms_in_full(forms: &[CheckedForm], ranking: &[ReviewEntry], limit: usize) -> Vec<usize> {
    if forms.len() <= limit {
        (0..forms.len()).collect()
    } else {
        ranking.iter().take(limit).map(|e| e.index).collect()
    }
}

/// Rows shown in the review table.
pub const REVIEW_ROWS: usize = 30;

/// The batch part as report data (counts, charts, review table).
pub fn batch_view(
    forms: &[CheckedForm],
    ranking: &[ReviewEntry],
    charts: &[Chart],
    in_full: usize,
) -> Value {
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    for c in forms {
        let n = open_counts(c);
        errors += n.0;
        warnings += n.1;
        infos += n.2;
    }
    let review: Vec<Value> = ranking
        .iter()
        .take(REVIEW_ROWS)
        .enumerate()
        .map(|(rank, e)| {
            let c = &forms[e.index];
            let printed = c
                .form
                .total
                .as_ref()
                .and_then(|t| t.score.as_ref())
                .map(|s| s.value.to_string());
            json!({
                "rank": rank + 1,
                "index": e.index,
                "label": form_label(c),
                "project_name": project_name(c),
                "unit": unit_name(c),
                "errors": e.errors,
                "warnings": e.warnings,
                "inflation": computed(Some(e.inflation)),
                "total_printed": printed,
                "total_computed": computed(c.eval.total_computed),
                "grade": c.eval.grade,
            })
        })
        .collect();
    json!({
        "forms": forms.len(),
        "forms_in_full": in_full,
        "graded": forms.iter().filter(|c| c.eval.grade.is_some()).count(),
        "errors": errors,
        "warnings": warnings,
        "infos": infos,
        "charts": charts,
        "review": review,
    })
}

/// Charts and ranking of a batch, computed once for both writers.
pub struct Batch {
    pub ranking: Vec<ReviewEntry>,
    pub charts: Vec<Chart>,
    pub in_full: Vec<usize>,
}

impl Batch {
    /// Rank the forms, build the batch charts and choose the forms laid out in full.
    pub fn new(forms: &[CheckedForm], forms_limit: usize) -> Self {
        let ranking = review_ranking(forms);
        let in_full = forms_in_full(forms, &ranking, forms_limit);
        Batch {
            charts: charts::batch_charts(forms),
            ranking,
            in_full,
        }
    }

    /// The batch part as report data.
    pub fn view(&self, forms: &[CheckedForm]) -> Value {
        batch_view(forms, &self.ranking, &self.charts, self.in_full.len())
    }
}
