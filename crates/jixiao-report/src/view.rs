//! One checked form as report data: the official table's rows with merged-cell spans, printed and
//! recomputed values side by side (with a `differs` flag), and findings tied to their rows.
//!
//! The same JSON feeds the HTML writer and the typst template (read there with `json()`), so user
//! text is never spliced into markup.

use crate::charts;
use jixiao_core::check::{Finding, Severity};
use jixiao_core::model::{AmountUnit, FormStatus, FundsKind, Sourced};
use jixiao_core::output::json::computed;
use jixiao_core::pipeline::CheckedForm;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// A short label for a form: its file and first line (`seed.txt:3`).
pub fn form_label(c: &CheckedForm) -> String {
    let s = &c.form.source;
    if s.first_line > 0 {
        format!("{}:{}", s.path, s.first_line)
    } else {
        s.path.clone()
    }
}

/// The project name, or a placeholder when none was read.
pub fn project_name(c: &CheckedForm) -> String {
    c.form
        .header
        .project_name
        .as_ref()
        .map_or_else(|| "（未读到项目名称）".to_string(), |s| s.value.clone())
}

/// The implementing unit (实施单位), else the budget unit, else a placeholder.
pub fn unit_name(c: &CheckedForm) -> String {
    let h = &c.form.header;
    h.implementing_unit
        .as_ref()
        .or(h.budget_unit.as_ref())
        .map_or_else(|| "（未读到单位）".to_string(), |s| s.value.clone())
}

/// Chinese text of a form status.
pub fn status_text(status: &FormStatus) -> String {
    match status {
        FormStatus::Complete => "完整".to_string(),
        FormStatus::Incomplete { stops_in, line } => {
            format!("不完整：在“{stops_in}”处中断（第 {line} 行）")
        }
        FormStatus::Unscored => "不计分表式".to_string(),
        FormStatus::Ambiguous { readings } => format!("有歧义：{}", readings.join("；")),
        FormStatus::Unreadable { why } => format!("无法读取：{why}"),
    }
}

fn printed(d: Option<&Sourced<Decimal>>) -> Value {
    d.map_or(Value::Null, |s| Value::String(s.value.to_string()))
}

fn text(s: Option<&Sourced<String>>) -> Value {
    s.map_or(Value::Null, |s| Value::String(s.value.clone()))
}

/// `{printed, computed, differs}` for a value printed on the form and recomputed by jixiao.
fn pair(p: Option<Decimal>, c: Option<Decimal>) -> Value {
    let differs = matches!((p, c), (Some(p), Some(c)) if p != c);
    json!({
        "printed": p.map(|d| d.to_string()),
        "computed": computed(c),
        "differs": differs,
    })
}

fn is_open(f: &Finding) -> bool {
    f.accepted.is_none()
}

/// Codes of the findings that point at `line` or at the indicator `name`.
fn codes_for(findings: &[Finding], line: u32, name: Option<&str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = findings
        .iter()
        .filter(|f| f.line == Some(line) || (name.is_some() && f.indicator.as_deref() == name))
        .map(|f| f.code)
        .collect();
    out.dedup();
    out
}

/// Where a finding points, in words (`指标“…”`, `资金：…`, `总分`, `第 N 行`, `全表`).
fn finding_place(c: &CheckedForm, f: &Finding) -> String {
    if let Some(name) = &f.indicator {
        return format!("指标“{name}”");
    }
    let Some(line) = f.line else {
        return "全表".to_string();
    };
    if let Some(r) = c.form.funds.rows.iter().find(|r| r.line == line) {
        return format!("资金：{}", r.label.value);
    }
    if let Some(i) = c.form.indicators.iter().find(|i| i.line == line) {
        return format!("指标“{}”", i.name.value);
    }
    if c.form.total.as_ref().is_some_and(|t| t.line == line) {
        return "总分".to_string();
    }
    format!("第 {line} 行")
}

/// Run lengths for merged cells: `spans[i]` is the number of rows cell `i` covers, 0 when it is
/// covered by a cell above.
pub fn spans(keys: &[String]) -> Vec<usize> {
    let mut out = vec![0; keys.len()];
    let mut start = 0;
    for i in 1..=keys.len() {
        if i == keys.len() || keys[i] != keys[start] {
            out[start] = i - start;
            start = i;
        }
    }
    out
}

/// Errors, warnings and infos not accepted by a reviewer.
pub fn open_counts(c: &CheckedForm) -> (usize, usize, usize) {
    let mut n = (0, 0, 0);
    for f in c.findings.iter().filter(|f| is_open(f)) {
        match f.severity {
            Severity::Error => n.0 += 1,
            Severity::Warning => n.1 += 1,
            Severity::Info => n.2 += 1,
        }
    }
    n
}

/// The report data of one form (see the module comment).
pub fn form_view(c: &CheckedForm, index: usize) -> Value {
    let f = &c.form;
    let funds: Vec<Value> = f
        .funds
        .rows
        .iter()
        .map(|r| {
            let total = r.kind == FundsKind::TotalFunds;
            let (rate, score) = if total {
                (c.eval.execution.rate, c.eval.execution.score)
            } else {
                (None, None)
            };
            json!({
                "label": r.label.value,
                "is_total": total,
                "initial_budget": printed(r.initial_budget.as_ref()),
                "adjusted_budget": printed(r.adjusted_budget.as_ref()),
                "executed": printed(r.executed.as_ref()),
                "weight": printed(r.weight.as_ref()),
                "rate": pair(r.execution_rate.as_ref().map(|s| s.value), rate),
                "score": pair(r.score.as_ref().map(|s| s.value), score),
                "findings": codes_for(&c.findings, r.line, None),
            })
        })
        .collect();
    let l1_keys: Vec<String> = f
        .indicators
        .iter()
        .map(|i| i.level1.value.clone())
        .collect();
    let l2_keys: Vec<String> = f
        .indicators
        .iter()
        .map(|i| {
            let l2 = i.level2.as_ref().map_or("", |s| s.value.as_str());
            format!("{}\u{1f}{l2}", i.level1.value)
        })
        .collect();
    let (s1, s2) = (spans(&l1_keys), spans(&l2_keys));
    let indicators: Vec<Value> = f
        .indicators
        .iter()
        .zip(c.eval.indicators.iter())
        .enumerate()
        .map(|(k, (i, s))| {
            json!({
                "level1": i.level1.value,
                "level1_span": s1[k],
                "level2": text(i.level2.as_ref()),
                "level2_span": s2[k],
                "name": i.name.value,
                "target": i.target.as_ref().map(|t| t.text.clone()),
                "actual": i.actual.as_ref().map(|a| a.text.clone()),
                "weight": printed(i.weight.as_ref()),
                "score": pair(i.score.as_ref().map(|s| s.value), s.computed),
                "note": text(i.deviation_note.as_ref()),
                "findings": codes_for(&c.findings, i.line, Some(&i.name.value)),
            })
        })
        .collect();
    let total = f.total.as_ref();
    let findings: Vec<Value> = c
        .findings
        .iter()
        .map(|x| {
            json!({
                "code": x.code,
                "severity": x.severity.code(),
                "severity_text": x.severity.chinese(),
                "message": x.message,
                "place": finding_place(c, x),
                "accepted": x.accepted,
            })
        })
        .collect();
    let (errors, warnings, infos) = open_counts(c);
    let h = &f.header;
    json!({
        "index": index,
        "label": form_label(c),
        "title": f.title.as_ref().map_or("项目支出绩效自评表", |t| t.value.as_str()),
        "status": f.status.code(),
        "status_text": status_text(&f.status),
        "profile": f.profile,
        "header": {
            "project_code": text(h.project_code.as_ref()),
            "project_name": text(h.project_name.as_ref()),
            "year": h.year.as_ref().map(|y| y.value.to_string()),
            "implementing_unit": text(h.implementing_unit.as_ref()),
            "budget_unit": text(h.budget_unit.as_ref()),
        },
        "amount_unit": match f.funds.amount_unit {
            AmountUnit::Yuan => "元",
            AmountUnit::WanYuan => "万元",
            AmountUnit::Unknown => "",
        },
        "funds": funds,
        "goal": {
            "expected": text(f.overall_goal.expected.as_ref()),
            "achieved": text(f.overall_goal.achieved.as_ref()),
        },
        "indicators": indicators,
        "total": {
            "weight": printed(total.and_then(|t| t.weight.as_ref())),
            "score": pair(total.and_then(|t| t.score.as_ref()).map(|s| s.value), c.eval.total_computed),
            "by_rule": computed(c.eval.total_by_rule),
            "findings": total.map(|t| codes_for(&c.findings, t.line, None)).unwrap_or_default(),
        },
        "grade": {
            "computed": c.eval.grade,
            "printed": text(total.and_then(|t| t.grade_label.as_ref())),
        },
        "counts": {"errors": errors, "warnings": warnings, "infos": infos},
        "findings": findings,
        "breakdown": charts::form_breakdown(c),
    })
}

#[cfg(test)]
mod tests {
    use super::spans;

    #[test]
    fn spans_merge_runs() {
        let k: Vec<String> = ["a", "a", "b", "c", "c", "c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(spans(&k), vec![2, 0, 1, 3, 0, 0]);
        assert_eq!(spans(&[]), Vec::<usize>::new());
    }
}
