//! The four flat tables (forms, funds, indicators, findings) that csv and Parquet share.
//!
//! Column names follow `shared/spec/glossary.md` and the JSON contract (a nested JSON field
//! `total.printed` becomes `total_printed`). `form_id` (1-based position in the export) joins
//! the tables; `seq` orders the rows of one form.

use jixiao_core::model::{FormStatus, Level1, Sourced};
use jixiao_core::output::json::computed;
use jixiao_core::pipeline::CheckedForm;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    /// Exact decimal: Parquet `Decimal128(precision, scale)`; csv: the decimal as printed.
    Dec(u8, i8),
}

/// Amounts (元 or 万元): up to 10^18 with 6 decimals.
pub const AMOUNT: Kind = Kind::Dec(24, 6);
/// Rates, weights and scores.
pub const SCORE: Kind = Kind::Dec(18, 6);
/// Numbers parsed from targets and actuals (counts, percentages, amounts).
pub const VALUE: Kind = Kind::Dec(30, 8);

/// A column: its name and type.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
}

const fn col(name: &'static str, kind: Kind) -> Column {
    Column { name, kind }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(Option<String>),
    Int(Option<i64>),
    /// A decimal, and the text it is written as in csv (as printed, or as the JSON contract
    /// shows a computed value).
    Dec(Option<Decimal>),
}

impl Val {
    /// The csv text of the value (empty when absent).
    pub fn csv(&self) -> String {
        match self {
            Val::Text(s) => s.clone().unwrap_or_default(),
            Val::Int(i) => i.map(|i| i.to_string()).unwrap_or_default(),
            Val::Dec(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// One table: its file stem, columns and rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Val>>,
}

/// Columns of `forms`.
pub const FORM_COLUMNS: &[Column] = &[
    col("form_id", Kind::Int),
    col("source_path", Kind::Text),
    col("first_line", Kind::Int),
    col("last_line", Kind::Int),
    col("status", Kind::Text),
    col("status_detail", Kind::Text),
    col("profile", Kind::Text),
    col("family", Kind::Text),
    col("title", Kind::Text),
    col("project_code", Kind::Text),
    col("project_name", Kind::Text),
    col("year", Kind::Int),
    col("implementing_unit", Kind::Text),
    col("budget_unit", Kind::Text),
    col("amount_unit", Kind::Text),
    col("overall_goal_expected", Kind::Text),
    col("overall_goal_achieved", Kind::Text),
    col("execution_rate_computed", SCORE),
    col("execution_score_computed", SCORE),
    col("total_weight", SCORE),
    col("total_printed", SCORE),
    col("total_computed", SCORE),
    col("total_by_rule", SCORE),
    col("total_line", Kind::Int),
    col("grade_computed", Kind::Text),
    col("grade_code", Kind::Text),
    col("grade_printed", Kind::Text),
    col("errors", Kind::Int),
    col("warnings", Kind::Int),
    col("infos", Kind::Int),
    col("read_notes", Kind::Text),
];

/// Columns of `funds`.
pub const FUNDS_COLUMNS: &[Column] = &[
    col("form_id", Kind::Int),
    col("seq", Kind::Int),
    col("kind", Kind::Text),
    col("label", Kind::Text),
    col("initial_budget", AMOUNT),
    col("adjusted_budget", AMOUNT),
    col("executed", AMOUNT),
    col("weight", SCORE),
    col("execution_rate_printed", SCORE),
    col("execution_rate_computed", SCORE),
    col("score_printed", SCORE),
    col("score_computed", SCORE),
    col("reason", Kind::Text),
    col("arrived", AMOUNT),
    col("method", Kind::Text),
    col("line", Kind::Int),
];

/// Columns of `indicators`.
pub const INDICATOR_COLUMNS: &[Column] = &[
    col("form_id", Kind::Int),
    col("seq", Kind::Int),
    col("level1", Kind::Text),
    col("level1_category", Kind::Text),
    col("level1_weight", SCORE),
    col("level2", Kind::Text),
    col("name", Kind::Text),
    col("target_text", Kind::Text),
    col("target_comparator", Kind::Text),
    col("target_value", VALUE),
    col("target_upper", VALUE),
    col("target_unit", Kind::Text),
    col("actual_text", Kind::Text),
    col("actual_value", VALUE),
    col("actual_unit", Kind::Text),
    col("weight", SCORE),
    col("score_printed", SCORE),
    col("score_computed", SCORE),
    col("completion_pct", SCORE),
    col("score_method", Kind::Text),
    col("deviation_note", Kind::Text),
    col("scoring_method", Kind::Text),
    col("score_coefficient", VALUE),
    col("score_from_coefficient", SCORE),
    col("core", Kind::Int),
    col("weight_share", SCORE),
    col("weighted_score_printed", SCORE),
    col("weighted_score_computed", SCORE),
    col("line", Kind::Int),
];

/// Columns of `findings`.
pub const FINDING_COLUMNS: &[Column] = &[
    col("form_id", Kind::Int),
    col("seq", Kind::Int),
    col("code", Kind::Text),
    col("severity", Kind::Text),
    col("message", Kind::Text),
    col("line", Kind::Int),
    col("column", Kind::Int),
    col("indicator", Kind::Text),
    col("fix", Kind::Text),
    col("accepted", Kind::Text),
];

fn text(s: Option<&Sourced<String>>) -> Val {
    Val::Text(s.map(|s| s.value.clone()))
}

fn printed(d: Option<&Sourced<Decimal>>) -> Val {
    Val::Dec(d.map(|s| s.value))
}

/// A computed decimal as the JSON contract shows it (at least two places).
fn comp(d: Option<Decimal>) -> Val {
    Val::Dec(computed(d).as_str().and_then(|s| s.parse::<Decimal>().ok()))
}

fn int(i: impl Into<i64>) -> Val {
    Val::Int(Some(i.into()))
}

/// The English code of a level-1 category, as in JSON (`Output`, …).
pub fn level1_code(l: Level1) -> &'static str {
    match l {
        Level1::Output => "Output",
        Level1::Outcome => "Outcome",
        Level1::Satisfaction => "Satisfaction",
        Level1::Cost => "Cost",
    }
}

/// The JSON code of a serde-serialised enum value (`"at_least"`, `"wan_yuan"`, …).
pub fn serde_code<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The reader's notes as a JSON array of `{line, message, kind}` (as in the JSON contract).
fn read_notes(f: &jixiao_core::model::Form) -> Option<String> {
    if f.read_notes.is_empty() {
        return None;
    }
    let notes: Vec<Value> = f
        .read_notes
        .iter()
        .map(|n| json!({"line": n.line, "message": n.message, "kind": n.kind}))
        .collect();
    Some(Value::Array(notes).to_string())
}

fn status_detail(s: &FormStatus) -> Option<String> {
    let v = match s {
        FormStatus::Incomplete { stops_in, line } => json!({"stops_in": stops_in, "line": line}),
        FormStatus::Unreadable { why } => json!({"why": why}),
        FormStatus::Ambiguous { readings } => json!({"readings": readings}),
        FormStatus::Complete | FormStatus::Unscored => return None,
    };
    Some(v.to_string())
}

/// The four tables of `forms` (`findings` empty unless `with_findings`).
pub fn tables(forms: &[CheckedForm], with_findings: bool) -> [Table; 4] {
    let mut t_forms = Table {
        name: "forms",
        columns: FORM_COLUMNS,
        rows: Vec::with_capacity(forms.len()),
    };
    let mut t_funds = Table {
        name: "funds",
        columns: FUNDS_COLUMNS,
        rows: Vec::new(),
    };
    let mut t_inds = Table {
        name: "indicators",
        columns: INDICATOR_COLUMNS,
        rows: Vec::new(),
    };
    let mut t_findings = Table {
        name: "findings",
        columns: FINDING_COLUMNS,
        rows: Vec::new(),
    };
    for (i, c) in forms.iter().enumerate() {
        let id = i as i64 + 1;
        form_row(id, c, &mut t_forms.rows);
        funds_rows(id, c, &mut t_funds.rows);
        indicator_rows(id, c, &mut t_inds.rows);
        if with_findings {
            for (k, f) in c.findings.iter().enumerate() {
                t_findings.rows.push(vec![
                    int(id),
                    int(k as i64 + 1),
                    Val::Text(Some(f.code.to_string())),
                    Val::Text(Some(f.severity.code().to_string())),
                    Val::Text(Some(f.message.clone())),
                    Val::Int(f.line.map(i64::from)),
                    Val::Int(f.column.map(i64::from)),
                    Val::Text(f.indicator.clone()),
                    Val::Text(Some(f.fix.to_string())),
                    Val::Text(f.accepted.clone()),
                ]);
            }
        }
    }
    [t_forms, t_funds, t_inds, t_findings]
}

fn form_row(id: i64, c: &CheckedForm, out: &mut Vec<Vec<Val>>) {
    let f = &c.form;
    let h = &f.header;
    let total = f.total.as_ref();
    let count = |s: jixiao_core::check::Severity| {
        c.findings
            .iter()
            .filter(|x| x.severity == s && x.accepted.is_none())
            .count() as i64
    };
    out.push(vec![
        int(id),
        Val::Text(Some(f.source.path.clone())),
        int(f.source.first_line),
        int(f.source.last_line),
        Val::Text(Some(f.status.code().to_string())),
        Val::Text(status_detail(&f.status)),
        Val::Text(Some(f.profile.clone())),
        Val::Text(f.family.clone()),
        text(f.title.as_ref()),
        text(h.project_code.as_ref()),
        text(h.project_name.as_ref()),
        Val::Int(h.year.as_ref().map(|y| i64::from(y.value))),
        text(h.implementing_unit.as_ref()),
        text(h.budget_unit.as_ref()),
        Val::Text(serde_code(&f.funds.amount_unit)),
        text(f.overall_goal.expected.as_ref()),
        text(f.overall_goal.achieved.as_ref()),
        comp(c.eval.execution.rate),
        comp(c.eval.execution.score),
        printed(total.and_then(|t| t.weight.as_ref())),
        printed(total.and_then(|t| t.score.as_ref())),
        comp(c.eval.total_computed),
        comp(c.eval.total_by_rule),
        Val::Int(total.map(|t| i64::from(t.line))),
        Val::Text(c.eval.grade.map(str::to_string)),
        Val::Text(c.eval.grade_code.map(str::to_string)),
        text(total.and_then(|t| t.grade_label.as_ref())),
        int(count(jixiao_core::check::Severity::Error)),
        int(count(jixiao_core::check::Severity::Warning)),
        int(count(jixiao_core::check::Severity::Info)),
        Val::Text(read_notes(f)),
    ]);
}

fn funds_rows(id: i64, c: &CheckedForm, out: &mut Vec<Vec<Val>>) {
    // The computed rate and score as the JSON contract gives them (one source of truth).
    let json = jixiao_core::output::json::form_json(c);
    for (k, r) in c.form.funds.rows.iter().enumerate() {
        let j = &json["funds"]["rows"][k];
        let dec = |v: &Value| Val::Dec(v.as_str().and_then(|s| s.parse().ok()));
        out.push(vec![
            int(id),
            int(k as i64 + 1),
            Val::Text(Some(r.kind.code().to_string())),
            Val::Text(Some(r.label.value.clone())),
            printed(r.initial_budget.as_ref()),
            printed(r.adjusted_budget.as_ref()),
            printed(r.executed.as_ref()),
            printed(r.weight.as_ref()),
            printed(r.execution_rate.as_ref()),
            dec(&j["execution_rate"]["computed"]),
            printed(r.score.as_ref()),
            dec(&j["score"]["computed"]),
            text(r.reason.as_ref()),
            printed(r.arrived.as_ref()),
            text(r.method.as_ref()),
            int(r.line),
        ]);
    }
}

fn indicator_rows(id: i64, c: &CheckedForm, out: &mut Vec<Vec<Val>>) {
    for (k, i) in c.form.indicators.iter().enumerate() {
        let s = c.eval.indicators.get(k);
        let t = i.target.as_ref();
        let a = i.actual.as_ref();
        out.push(vec![
            int(id),
            int(k as i64 + 1),
            Val::Text(Some(i.level1.value.clone())),
            Val::Text(i.level1_category.map(|l| level1_code(l).to_string())),
            Val::Dec(i.level1_label_weight),
            text(i.level2.as_ref()),
            Val::Text(Some(i.name.value.clone())),
            Val::Text(t.map(|t| t.text.clone())),
            Val::Text(t.and_then(|t| serde_code(&t.comparator))),
            Val::Dec(t.and_then(|t| t.value)),
            Val::Dec(t.and_then(|t| t.upper)),
            Val::Text(t.and_then(|t| t.unit.clone())),
            Val::Text(a.map(|a| a.text.clone())),
            Val::Dec(a.and_then(|a| a.value)),
            Val::Text(a.and_then(|a| a.unit.clone())),
            printed(i.weight.as_ref()),
            printed(i.score.as_ref()),
            comp(s.and_then(|s| s.computed)),
            comp(s.and_then(|s| s.completion_pct)),
            Val::Text(s.and_then(|s| serde_code(&s.method))),
            text(i.deviation_note.as_ref()),
            text(i.extra.scoring_method.as_ref()),
            printed(i.extra.score_coefficient.as_ref()),
            comp(s.and_then(|s| s.from_coefficient)),
            Val::Int(i.extra.core.as_ref().map(|c| i64::from(c.value))),
            printed(i.extra.weight_share.as_ref()),
            printed(i.extra.weighted_score.as_ref()),
            comp(s.and_then(|s| s.weighted)),
            int(i.line),
        ]);
    }
}
