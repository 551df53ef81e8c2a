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

/// [`form_json`] written straight out as one line of compact JSON (no newline), byte for byte
/// what `serde_json::to_string(&form_json(c))` gives, without building the `Value` tree (the
/// `jsonl` output path: several times fewer allocations). Keys are written in sorted order, as
/// `serde_json`'s map sorts them.
pub fn write_form_json(c: &CheckedForm, out: &mut Vec<u8>) {
    let f = &c.form;
    // The line's own brace: `out` may already hold other lines.
    out.push(b'{');
    let mut w = Writer { out };
    w.key("family");
    w.opt_str(f.family.as_deref());
    w.key("findings");
    w.array(&c.findings, |w, x| w.finding(x));
    w.key("funds");
    w.open();
    w.key("amount_unit");
    w.ser(&f.funds.amount_unit);
    w.key("rows");
    w.array(&f.funds.rows, |w, r| {
        let is_total = r.kind == FundsKind::TotalFunds;
        let rate = if is_total {
            c.eval.execution.rate
        } else {
            match (&r.adjusted_budget, &r.executed) {
                (Some(b), Some(e)) => sub_row_rate(b.value, e.value),
                _ => None,
            }
        };
        w.open();
        w.key("adjusted_budget");
        w.printed(r.adjusted_budget.as_ref());
        w.key("arrived");
        w.printed(r.arrived.as_ref());
        w.key("executed");
        w.printed(r.executed.as_ref());
        w.key("execution_rate");
        w.open();
        w.key("computed");
        w.computed(rate);
        w.key("printed");
        w.printed(r.execution_rate.as_ref());
        w.close();
        w.key("initial_budget");
        w.printed(r.initial_budget.as_ref());
        w.key("kind");
        w.str(r.kind.code());
        w.key("label");
        w.str(&r.label.value);
        w.key("line");
        w.num(r.line);
        w.key("method");
        w.text(r.method.as_ref());
        w.key("reason");
        w.text(r.reason.as_ref());
        w.key("score");
        w.open();
        w.key("computed");
        w.computed(if is_total {
            c.eval.execution.score
        } else {
            None
        });
        w.key("printed");
        w.printed(r.score.as_ref());
        w.close();
        w.key("weight");
        w.printed(r.weight.as_ref());
        w.close();
    });
    w.close();
    w.key("grade");
    w.open();
    w.key("code");
    w.opt_str(c.eval.grade_code);
    w.key("computed");
    w.opt_str(c.eval.grade);
    w.key("printed");
    w.text(f.total.as_ref().and_then(|t| t.grade_label.as_ref()));
    w.close();
    w.key("header");
    w.open();
    w.key("budget_unit");
    w.text(f.header.budget_unit.as_ref());
    w.key("implementing_unit");
    w.text(f.header.implementing_unit.as_ref());
    w.key("project_code");
    w.text(f.header.project_code.as_ref());
    w.key("project_name");
    w.text(f.header.project_name.as_ref());
    w.key("year");
    match &f.header.year {
        Some(y) => w.num(y.value),
        None => w.null(),
    }
    w.close();
    w.key("indicators");
    w.array_zip(&f.indicators, &c.eval.indicators, |w, i, s| {
        w.indicator(i, s)
    });
    w.key("overall_goal");
    w.open();
    w.key("achieved");
    w.text(f.overall_goal.achieved.as_ref());
    w.key("expected");
    w.text(f.overall_goal.expected.as_ref());
    w.close();
    w.key("profile");
    w.str(&f.profile);
    w.key("read_notes");
    w.array(&f.read_notes, |w, n| {
        w.open();
        w.key("kind");
        w.ser(&n.kind);
        w.key("line");
        w.num(n.line);
        w.key("message");
        w.str(&n.message);
        w.close();
    });
    w.key("source");
    w.open();
    w.key("first_line");
    w.num(f.source.first_line);
    w.key("last_line");
    w.num(f.source.last_line);
    w.key("path");
    w.str(&f.source.path);
    w.close();
    w.key("status");
    w.str(f.status.code());
    w.key("status_detail");
    match &f.status {
        FormStatus::Incomplete { stops_in, line } => {
            w.open();
            w.key("line");
            w.num(*line);
            w.key("stops_in");
            w.str(stops_in);
            w.close();
        }
        FormStatus::Unreadable { why } => {
            w.open();
            w.key("why");
            w.str(why);
            w.close();
        }
        FormStatus::Ambiguous { readings } => {
            w.open();
            w.key("readings");
            w.array(readings, |w, r| w.str(r));
            w.close();
        }
        FormStatus::Complete | FormStatus::Unscored => w.null(),
    }
    w.key("title");
    w.text(f.title.as_ref());
    w.key("total");
    w.open();
    w.key("by_rule");
    w.computed(c.eval.total_by_rule);
    w.key("computed");
    w.computed(c.eval.total_computed);
    w.key("line");
    match &f.total {
        Some(t) => w.num(t.line),
        None => w.null(),
    }
    w.key("printed");
    w.printed(f.total.as_ref().and_then(|t| t.score.as_ref()));
    w.key("weight");
    w.printed(f.total.as_ref().and_then(|t| t.weight.as_ref()));
    w.close();
    w.close();
}

/// Compact JSON written piece by piece; a comma goes before every key or array item but the
/// first of its object or array.
struct Writer<'o> {
    out: &'o mut Vec<u8>,
}

impl Writer<'_> {
    fn sep(&mut self) {
        if !matches!(self.out.last(), Some(b'{' | b'[' | b':')) {
            self.out.push(b',');
        }
    }
    fn open(&mut self) {
        self.sep();
        self.out.push(b'{');
    }
    fn close(&mut self) {
        self.out.push(b'}');
    }
    fn key(&mut self, k: &str) {
        self.str(k);
        self.out.push(b':');
    }
    fn null(&mut self) {
        self.sep();
        self.out.extend_from_slice(b"null");
    }
    fn str(&mut self, s: &str) {
        self.sep();
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *self.out, s);
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }
    fn text(&mut self, s: Option<&Sourced<String>>) {
        self.opt_str(s.map(|s| s.value.as_str()))
    }
    fn ser<T: serde::Serialize>(&mut self, v: &T) {
        self.sep();
        let _ = serde_json::to_writer(&mut *self.out, v);
    }
    fn num<T: serde::Serialize>(&mut self, n: T) {
        self.ser(&n);
    }
    /// A decimal as a JSON string (its digits need no escaping).
    fn dec(&mut self, d: Decimal) {
        use std::io::Write;
        self.sep();
        let _ = write!(self.out, "\"{d}\"");
    }
    fn opt_dec(&mut self, d: Option<Decimal>) {
        match d {
            Some(d) => self.dec(d),
            None => self.null(),
        }
    }
    fn printed(&mut self, d: Option<&Sourced<Decimal>>) {
        self.opt_dec(d.map(|s| s.value))
    }
    fn computed(&mut self, d: Option<Decimal>) {
        self.opt_dec(d.map(|mut v| {
            if v.scale() < 2 {
                v.rescale(2);
            }
            v
        }))
    }
    fn array<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.sep();
        self.out.push(b'[');
        for x in items {
            each(self, x);
        }
        self.out.push(b']');
    }
    fn array_zip<A, B>(&mut self, a: &[A], b: &[B], mut each: impl FnMut(&mut Self, &A, &B)) {
        self.sep();
        self.out.push(b'[');
        for (x, y) in a.iter().zip(b) {
            each(self, x, y);
        }
        self.out.push(b']');
    }
    fn finding(&mut self, f: &Finding) {
        self.open();
        self.key("accepted");
        self.opt_str(f.accepted.as_deref());
        self.key("code");
        self.str(f.code);
        self.key("column");
        self.ser(&f.column);
        self.key("fix");
        self.str(f.fix);
        self.key("indicator");
        self.opt_str(f.indicator.as_deref());
        self.key("line");
        self.ser(&f.line);
        self.key("message");
        self.str(&f.message);
        self.key("severity");
        self.str(f.severity.code());
        self.close();
    }
    fn indicator(&mut self, i: &Indicator, s: &IndicatorScore) {
        self.open();
        self.key("actual");
        match &i.actual {
            Some(a) => {
                self.open();
                self.key("text");
                self.str(&a.text);
                self.key("unit");
                self.opt_str(a.unit.as_deref());
                self.key("value");
                self.opt_dec(a.value);
                self.close();
            }
            None => self.null(),
        }
        self.key("core");
        self.ser(&i.extra.core.as_ref().map(|c| c.value));
        self.key("deviation_note");
        self.text(i.deviation_note.as_ref());
        self.key("level1");
        self.str(&i.level1.value);
        self.key("level1_category");
        self.ser(&i.level1_category);
        self.key("level1_weight");
        self.opt_dec(i.level1_label_weight);
        self.key("level2");
        self.text(i.level2.as_ref());
        self.key("line");
        self.num(i.line);
        self.key("name");
        self.str(&i.name.value);
        self.key("score");
        self.open();
        self.key("completion_pct");
        self.computed(s.completion_pct);
        self.key("computed");
        self.computed(s.computed);
        self.key("from_coefficient");
        self.computed(s.from_coefficient);
        self.key("method");
        self.ser(&s.method);
        self.key("printed");
        self.printed(i.score.as_ref());
        self.key("reason");
        self.opt_str(s.reason.as_deref());
        self.close();
        self.key("score_coefficient");
        self.printed(i.extra.score_coefficient.as_ref());
        self.key("scoring_method");
        self.text(i.extra.scoring_method.as_ref());
        self.key("target");
        match &i.target {
            Some(t) => {
                self.open();
                self.key("comparator");
                self.ser(&t.comparator);
                self.key("text");
                self.str(&t.text);
                self.key("unit");
                self.opt_str(t.unit.as_deref());
                self.key("upper");
                self.opt_dec(t.upper);
                self.key("value");
                self.opt_dec(t.value);
                self.close();
            }
            None => self.null(),
        }
        self.key("weight");
        self.printed(i.weight.as_ref());
        self.key("weight_share");
        self.printed(i.extra.weight_share.as_ref());
        self.key("weighted_score");
        self.open();
        self.key("computed");
        self.computed(s.weighted);
        self.key("printed");
        self.printed(i.extra.weighted_score.as_ref());
        self.close();
        self.close();
    }
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

    /// Add the counts of `other` (a part of the same batch) to these.
    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.forms += other.forms;
        for (mine, theirs) in [
            (&mut self.by_status, &other.by_status),
            (&mut self.by_grade, &other.by_grade),
            (&mut self.findings_by_code, &other.findings_by_code),
        ] {
            for (k, n) in theirs {
                *mine.entry(k).or_default() += n;
            }
        }
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{self, CheckedForm};
    use crate::read::ReadOptions;

    fn forms() -> Vec<CheckedForm> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(format!("{dir}/samples"))
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.push(format!("{dir}/seed.txt").into());
        // The families with extra columns (权重占比, 得分系数, 得分计算方法, ...).
        let families = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/families");
        files.extend(
            std::fs::read_dir(families)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default(),
        );
        files.sort();
        let mut out = Vec::new();
        for p in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let bytes = std::fs::read(p).unwrap_or_default();
            let label = p.display().to_string();
            out.extend(pipeline::check_bytes(
                &label,
                &bytes,
                &ReadOptions::default(),
            ));
        }
        // Forms that exercise the other branches: unreadable, incomplete, ambiguous, accepted
        // findings, text that needs escaping.
        let mut odd = pipeline::check_form(Form::empty("a\"b\\c\n.txt", "无法读取：\u{1}"));
        odd.findings.push(Finding {
            accepted: Some("经复核“同意”".to_string()),
            ..Finding::new(crate::check::registry()[0].meta(), "x\ty".to_string())
        });
        out.push(odd);
        let mut inc = out[0].clone();
        inc.form.status = FormStatus::Incomplete {
            stops_in: "指标".to_string(),
            line: 7,
        };
        out.push(inc);
        let mut amb = out[0].clone();
        amb.form.status = FormStatus::Ambiguous {
            readings: vec!["甲".to_string(), "乙".to_string()],
        };
        amb.form.family = None;
        amb.form.total = None;
        out.push(amb);
        out
    }

    #[test]
    fn written_json_is_the_value_tree_byte_for_byte() {
        let forms = forms();
        assert!(forms.len() > 20, "{} forms", forms.len());
        let with = |key: &str| {
            forms.iter().any(|c| {
                let v = form_json(c);
                v["indicators"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|i| !i[key].is_null()))
            })
        };
        for key in [
            "weight_share",
            "score_coefficient",
            "core",
            "scoring_method",
        ] {
            assert!(with(key), "no form with a non-null {key}");
        }
        for c in &forms {
            let want = serde_json::to_string(&form_json(c)).unwrap_or_default();
            let mut got = Vec::new();
            write_form_json(c, &mut got);
            assert_eq!(
                String::from_utf8_lossy(&got),
                want,
                "{}",
                c.form.source.path
            );
        }
    }

    #[test]
    fn merged_summaries_count_like_one() {
        let forms = forms();
        let (mut whole, mut a, mut b) =
            (Summary::default(), Summary::default(), Summary::default());
        for (k, c) in forms.iter().enumerate() {
            whole.add(c);
            if k % 3 == 0 { a.add(c) } else { b.add(c) }
        }
        a.files = 1;
        b.files = 2;
        whole.files = 3;
        a.merge(&b);
        assert_eq!(a.to_json(), whole.to_json());
        assert!(whole.forms > 20 && !whole.findings_by_code.is_empty());
    }
}
