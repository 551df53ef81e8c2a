//! The check JSON contract (see README “JSON contract”): field names are stable; add, never rename.

use crate::check::Finding;
use crate::model::*;
use crate::pipeline::CheckedForm;
use crate::score::IndicatorScore;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

pub use super::json_in::form_from_json;

/// A printed decimal exactly as printed (`"99.3300"`).
fn printed(d: Option<&Sourced<Decimal>>) -> Value {
    d.map_or(Value::Null, |s| Value::String(s.value.to_string()))
}

/// A computed decimal with two places (`"5.98"`, `"100.00"`).
pub fn computed(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, |v| {
        let mut v = v;
        if v.scale() < 2 {
            v.rescale(2);
        }
        Value::String(v.to_string())
    })
}

fn text(s: Option<&Sourced<String>>) -> Value {
    s.map_or(Value::Null, |s| Value::String(s.value.clone()))
}

fn decimal(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

/// 执行率 of a 其中 row (shown, never scored): round2(100 × E / B), `None` when B is 0.
fn sub_row_rate(budget: Decimal, executed: Decimal) -> Option<Decimal> {
    if budget.is_zero() {
        return None;
    }
    let pct = executed
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(budget)?;
    Some(pct.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

/// The same JSON with every source position removed (keys `line`, `column`, `source`, `at` at
/// any depth): two renderings of one form compare equal this way.
pub fn without_positions(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "line" | "column" | "source" | "at"))
                .map(|(k, v)| (k.clone(), without_positions(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_positions).collect()),
        other => other.clone(),
    }
}

/// One form in the contract's shape.
pub fn form_json(c: &CheckedForm) -> Value {
    let f = &c.form;
    let status_detail = match &f.status {
        FormStatus::Incomplete { stops_in, line } => json!({"stops_in": stops_in, "line": line}),
        FormStatus::Unreadable { why } => json!({"why": why}),
        FormStatus::Ambiguous { readings } => json!({"readings": readings}),
        FormStatus::Complete | FormStatus::Unscored => Value::Null,
    };
    let funds_rows: Vec<Value> = f
        .funds
        .rows
        .iter()
        .map(|r| {
            let is_total = r.kind == FundsKind::TotalFunds;
            let rate = if is_total {
                c.eval.execution.rate
            } else {
                match (&r.adjusted_budget, &r.executed) {
                    (Some(b), Some(e)) => sub_row_rate(b.value, e.value),
                    _ => None,
                }
            };
            json!({
                "kind": r.kind.code(),
                "label": r.label.value,
                "line": r.line,
                "initial_budget": printed(r.initial_budget.as_ref()),
                "adjusted_budget": printed(r.adjusted_budget.as_ref()),
                "executed": printed(r.executed.as_ref()),
                "weight": printed(r.weight.as_ref()),
                "execution_rate": {"printed": printed(r.execution_rate.as_ref()), "computed": computed(rate)},
                "score": {
                    "printed": printed(r.score.as_ref()),
                    "computed": if is_total { computed(c.eval.execution.score) } else { Value::Null },
                },
                "reason": text(r.reason.as_ref()),
                "arrived": printed(r.arrived.as_ref()),
                "method": text(r.method.as_ref()),
            })
        })
        .collect();
    let indicators: Vec<Value> = f
        .indicators
        .iter()
        .zip(c.eval.indicators.iter())
        .map(|(i, s)| indicator_json(i, s))
        .collect();
    json!({
        "source": {"path": f.source.path, "first_line": f.source.first_line, "last_line": f.source.last_line},
        "status": f.status.code(),
        "status_detail": status_detail,
        "profile": f.profile,
        "family": f.family,
        "title": text(f.title.as_ref()),
        "header": {
            "project_code": text(f.header.project_code.as_ref()),
            "project_name": text(f.header.project_name.as_ref()),
            "year": f.header.year.as_ref().map_or(Value::Null, |y| json!(y.value)),
            "implementing_unit": text(f.header.implementing_unit.as_ref()),
            "budget_unit": text(f.header.budget_unit.as_ref()),
        },
        "funds": {"amount_unit": f.funds.amount_unit, "rows": funds_rows},
        "overall_goal": {
            "expected": text(f.overall_goal.expected.as_ref()),
            "achieved": text(f.overall_goal.achieved.as_ref()),
        },
        "indicators": indicators,
        "total": {
            "printed": printed(f.total.as_ref().and_then(|t| t.score.as_ref())),
            "computed": computed(c.eval.total_computed),
            "by_rule": computed(c.eval.total_by_rule),
            "weight": printed(f.total.as_ref().and_then(|t| t.weight.as_ref())),
            "line": f.total.as_ref().map(|t| t.line),
        },
        "grade": {
            "computed": c.eval.grade,
            "code": c.eval.grade_code,
            "printed": text(f.total.as_ref().and_then(|t| t.grade_label.as_ref())),
        },
        "findings": c.findings.iter().map(finding_json).collect::<Vec<_>>(),
        "read_notes": f.read_notes.iter().map(|n| json!({"line": n.line, "message": n.message, "kind": n.kind})).collect::<Vec<_>>(),
    })
}

fn indicator_json(i: &Indicator, s: &IndicatorScore) -> Value {
    json!({
        "level1": i.level1.value,
        "level1_category": i.level1_category,
        "level1_weight": decimal(i.level1_label_weight),
        "level2": text(i.level2.as_ref()),
        "name": i.name.value,
        "line": i.line,
        "target": i.target.as_ref().map(|t| json!({
            "text": t.text,
            "comparator": t.comparator,
            "value": decimal(t.value),
            "upper": decimal(t.upper),
            "unit": t.unit,
        })),
        "actual": i.actual.as_ref().map(|a| json!({
            "text": a.text,
            "value": decimal(a.value),
            "unit": a.unit,
        })),
        "weight": printed(i.weight.as_ref()),
        "score": {
            "printed": printed(i.score.as_ref()),
            "computed": computed(s.computed),
            "completion_pct": computed(s.completion_pct),
            "method": s.method,
            "reason": s.reason,
            "from_coefficient": computed(s.from_coefficient),
        },
        "deviation_note": text(i.deviation_note.as_ref()),
        "scoring_method": text(i.extra.scoring_method.as_ref()),
        "score_coefficient": printed(i.extra.score_coefficient.as_ref()),
        "core": i.extra.core.as_ref().map(|c| c.value),
        "weight_share": printed(i.extra.weight_share.as_ref()),
        "weighted_score": {
            "printed": printed(i.extra.weighted_score.as_ref()),
            "computed": computed(s.weighted),
        },
    })
}

/// One finding in the contract's shape.
pub fn finding_json(f: &Finding) -> Value {
    json!({
        "code": f.code,
        "severity": f.severity.code(),
        "message": f.message,
        "line": f.line,
        "column": f.column,
        "indicator": f.indicator,
        "fix": f.fix,
        "accepted": f.accepted,
    })
}

/// Counts over a batch, for the `summary` object.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files: usize,
    pub forms: usize,
    pub by_status: BTreeMap<&'static str, usize>,
    pub by_grade: BTreeMap<&'static str, usize>,
    pub findings_by_code: BTreeMap<&'static str, usize>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn add(&mut self, c: &CheckedForm) {
        self.forms += 1;
        *self.by_status.entry(c.form.status.code()).or_default() += 1;
        if let Some(g) = c.eval.grade {
            *self.by_grade.entry(g).or_default() += 1;
        }
        for f in &c.findings {
            *self.findings_by_code.entry(f.code).or_default() += 1;
            if f.accepted.is_some() {
                continue;
            }
            match f.severity {
                crate::check::Severity::Error => self.errors += 1,
                crate::check::Severity::Warning => self.warnings += 1,
                crate::check::Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("files".into(), json!(self.files));
        m.insert("forms".into(), json!(self.forms));
        m.insert("by_status".into(), json!(self.by_status));
        m.insert("by_grade".into(), json!(self.by_grade));
        m.insert("findings_by_code".into(), json!(self.findings_by_code));
        m.insert("errors".into(), json!(self.errors));
        m.insert("warnings".into(), json!(self.warnings));
        m.insert("infos".into(), json!(self.infos));
        Value::Object(m)
    }
}
