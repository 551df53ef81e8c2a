//! The check JSON contract read back: a form in the shape [`super::json::form_json`] writes,
//! turned into a [`Form`] again. This is how the server, the web editor and the JSON export take
//! a form in: printed values only (every `computed` field is ignored and recomputed by the core).
//!
//! Rules of the shape:
//! - Numbers are decimal strings (`"99.3300"`); JSON numbers are accepted too (integers exactly,
//!   fractions through their shortest decimal text).
//! - A printed value may be given as `{"printed": …}` (as `form_json` writes it) or directly.
//! - A `target` / `actual` is re-parsed from its `text` unless it carries its parsed fields
//!   (`comparator` for a target, `value` for an actual), which are then taken as given: an editor
//!   that changes a cell's `text` sends the text alone.
//! - Positions: each row keeps its `line`; columns are not part of the shape (0).
//! - `status` is the reading status (`complete`, …); a document from the server API carries it
//!   as `read_status` (its `status` is the workflow state), which is preferred when present.

use crate::model::*;
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::str::FromStr;

/// A form from its check-JSON shape; the error names the field (`indicators[3].weight`) and why.
pub fn form_from_json(v: &Value) -> Result<Form, String> {
    let root = v.as_object().ok_or("表单 JSON 应为对象（{…}）")?;
    let source = source(root.get("source"))?;
    let header = header(root.get("header"))?;
    let funds = funds(root.get("funds"))?;
    let goal = root.get("overall_goal").and_then(Value::as_object);
    let overall_goal = OverallGoal {
        expected: opt_text(
            goal.and_then(|g| g.get("expected")),
            "overall_goal.expected",
            0,
        )?,
        achieved: opt_text(
            goal.and_then(|g| g.get("achieved")),
            "overall_goal.achieved",
            0,
        )?,
    };
    let indicators = match root.get("indicators") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| indicator(item, &format!("indicators[{i}]")))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("indicators 应为数组".into()),
    };
    let total = total(root.get("total"), root.get("grade"))?;
    let read_notes = read_notes(root.get("read_notes"))?;
    let mut form = Form {
        source,
        status: FormStatus::Complete,
        title: opt_text(root.get("title"), "title", 0)?,
        header,
        funds,
        overall_goal,
        indicators,
        total,
        profile: opt_str(root.get("profile"), "profile")?.unwrap_or_default(),
        family: opt_str(root.get("family"), "family")?,
        read_notes,
    };
    form.status = status(root, &form)?;
    if form.profile.is_empty() {
        form.profile = crate::read::detect_profile(&form).to_string();
    }
    Ok(form)
}

fn source(v: Option<&Value>) -> Result<SourceRef, String> {
    let Some(o) = v.and_then(Value::as_object) else {
        return Ok(SourceRef::default());
    };
    Ok(SourceRef {
        path: opt_str(o.get("path"), "source.path")?.unwrap_or_default(),
        first_line: opt_u32(o.get("first_line"), "source.first_line")?.unwrap_or(0),
        last_line: opt_u32(o.get("last_line"), "source.last_line")?.unwrap_or(0),
    })
}

fn header(v: Option<&Value>) -> Result<Header, String> {
    let Some(o) = v.and_then(Value::as_object) else {
        return Ok(Header::default());
    };
    let year = match o.get("year") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(
            n.as_i64()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or_else(|| format!("header.year：{n} 不是年份"))?,
        ),
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(
            s.trim()
                .trim_end_matches('年')
                .parse::<i32>()
                .map_err(|_| format!("header.year：“{s}”不是年份"))?,
        ),
        Some(other) => return Err(format!("header.year：{other} 不是年份")),
    };
    Ok(Header {
        project_code: opt_text(o.get("project_code"), "header.project_code", 0)?,
        project_name: opt_text(o.get("project_name"), "header.project_name", 0)?,
        year: year.map(|y| Sourced::new(y, Pos::default())),
        implementing_unit: opt_text(o.get("implementing_unit"), "header.implementing_unit", 0)?,
        budget_unit: opt_text(o.get("budget_unit"), "header.budget_unit", 0)?,
    })
}

fn funds(v: Option<&Value>) -> Result<Funds, String> {
    let Some(o) = v.and_then(Value::as_object) else {
        return Ok(Funds::default());
    };
    let amount_unit = match opt_str(o.get("amount_unit"), "funds.amount_unit")?.as_deref() {
        None | Some("unknown") | Some("") => AmountUnit::Unknown,
        Some("yuan") => AmountUnit::Yuan,
        Some("wan_yuan") => AmountUnit::WanYuan,
        Some(other) => {
            return Err(format!(
                "funds.amount_unit：“{other}”应为 yuan、wan_yuan 或 unknown"
            ));
        }
    };
    let rows = match o.get("rows") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(rows)) => rows
            .iter()
            .enumerate()
            .map(|(i, r)| funds_row(r, &format!("funds.rows[{i}]")))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err("funds.rows 应为数组".into()),
    };
    Ok(Funds { amount_unit, rows })
}

fn funds_row(v: &Value, at: &str) -> Result<FundsRow, String> {
    let o = v.as_object().ok_or_else(|| format!("{at} 应为对象"))?;
    let kind = match opt_str(o.get("kind"), &format!("{at}.kind"))?.as_deref() {
        Some("total_funds") => FundsKind::TotalFunds,
        Some("appropriation") => FundsKind::Appropriation,
        Some("carryover") => FundsKind::Carryover,
        Some("other_funds") => FundsKind::OtherFunds,
        other => {
            return Err(format!(
                "{at}.kind：{other:?} 应为 total_funds、appropriation、carryover 或 other_funds"
            ));
        }
    };
    let line = opt_u32(o.get("line"), &format!("{at}.line"))?.unwrap_or(0);
    let label = opt_str(o.get("label"), &format!("{at}.label"))?.unwrap_or_default();
    let num = |key: &str| printed_decimal(o.get(key), &format!("{at}.{key}"), line);
    Ok(FundsRow {
        kind,
        label: Sourced::new(label, Pos::new(line, 0)),
        initial_budget: num("initial_budget")?,
        adjusted_budget: num("adjusted_budget")?,
        executed: num("executed")?,
        weight: num("weight")?,
        execution_rate: num("execution_rate")?,
        score: num("score")?,
        reason: opt_text(o.get("reason"), &format!("{at}.reason"), line)?,
        arrived: num("arrived")?,
        method: opt_text(o.get("method"), &format!("{at}.method"), line)?,
        line,
    })
}

fn indicator(v: &Value, at: &str) -> Result<Indicator, String> {
    let o = v.as_object().ok_or_else(|| format!("{at} 应为对象"))?;
    let line = opt_u32(o.get("line"), &format!("{at}.line"))?.unwrap_or(0);
    let pos = Pos::new(line, 0);
    let level1 = opt_str(o.get("level1"), &format!("{at}.level1"))?.unwrap_or_default();
    let from_label = crate::normalise::level1_of(&level1);
    let level1_category = match o.get("level1_category") {
        None | Some(Value::Null) => from_label.map(|(c, _)| c),
        Some(Value::String(s)) => Some(level1_category(s).ok_or_else(|| {
            format!("{at}.level1_category：“{s}”应为 Output、Outcome、Satisfaction 或 Cost")
        })?),
        Some(other) => return Err(format!("{at}.level1_category：{other} 不是类别")),
    };
    let level1_label_weight = match o.get("level1_weight") {
        None => from_label.and_then(|(_, w)| w),
        Some(v) => decimal(v, &format!("{at}.level1_weight"))?,
    };
    let name = opt_str(o.get("name"), &format!("{at}.name"))?.unwrap_or_default();
    Ok(Indicator {
        level1: Sourced::new(level1, pos),
        level1_category,
        level1_label_weight,
        level2: opt_text(o.get("level2"), &format!("{at}.level2"), line)?,
        name: Sourced::new(name, pos),
        target: target(o.get("target"), &format!("{at}.target"), pos)?,
        actual: actual(o.get("actual"), &format!("{at}.actual"), pos)?,
        weight: printed_decimal(o.get("weight"), &format!("{at}.weight"), line)?,
        score: printed_decimal(o.get("score"), &format!("{at}.score"), line)?,
        deviation_note: opt_text(
            o.get("deviation_note"),
            &format!("{at}.deviation_note"),
            line,
        )?,
        extra: extra_columns(o, at, line)?,
        line,
    })
}

/// The columns only some families print (`scoring_method`, `score_coefficient`, `core`,
/// `weight_share`, `weighted_score`), each optional.
fn extra_columns(o: &Map<String, Value>, at: &str, line: u32) -> Result<ExtraColumns, String> {
    let num = |key: &str| printed_decimal(o.get(key), &format!("{at}.{key}"), line);
    let core = match o.get("core") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(Sourced::new(*b, Pos::new(line, 0))),
        Some(Value::String(s)) if matches!(s.trim(), "是" | "true") => {
            Some(Sourced::new(true, Pos::new(line, 0)))
        }
        Some(Value::String(s)) if matches!(s.trim(), "否" | "false") => {
            Some(Sourced::new(false, Pos::new(line, 0)))
        }
        Some(other) => return Err(format!("{at}.core：{other} 应为 true、false 或 null")),
    };
    Ok(ExtraColumns {
        scoring_method: opt_text(
            o.get("scoring_method"),
            &format!("{at}.scoring_method"),
            line,
        )?,
        score_coefficient: num("score_coefficient")?,
        core,
        weight_share: num("weight_share")?,
        weighted_score: num("weighted_score")?,
    })
}

fn level1_category(s: &str) -> Option<Level1> {
    match s {
        "Output" | "output" => Some(Level1::Output),
        "Outcome" | "outcome" => Some(Level1::Outcome),
        "Satisfaction" | "satisfaction" => Some(Level1::Satisfaction),
        "Cost" | "cost" => Some(Level1::Cost),
        _ => None,
    }
}

fn comparator(s: &str) -> Option<Comparator> {
    Some(match s {
        "at_least" => Comparator::AtLeast,
        "greater" => Comparator::Greater,
        "equal" => Comparator::Equal,
        "at_most" => Comparator::AtMost,
        "less" => Comparator::Less,
        "range" => Comparator::Range,
        "implicit" => Comparator::Implicit,
        "qualitative" => Comparator::Qualitative,
        _ => return None,
    })
}

/// A target: `null`, a bare string (re-parsed), or `{text, comparator?, value?, upper?, unit?}`.
fn target(v: Option<&Value>, at: &str, pos: Pos) -> Result<Option<Target>, String> {
    let o = match v {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => return Ok(Some(crate::normalise::parse_target(s, pos))),
        Some(Value::Object(o)) => o,
        Some(other) => return Err(format!("{at}：{other} 应为文字或对象")),
    };
    let text = opt_str(o.get("text"), &format!("{at}.text"))?.unwrap_or_default();
    match o.get("comparator") {
        None | Some(Value::Null) => Ok(Some(crate::normalise::parse_target(&text, pos))),
        Some(Value::String(c)) => {
            let comparator =
                comparator(c).ok_or_else(|| format!("{at}.comparator：“{c}”不是比较方式"))?;
            Ok(Some(Target {
                text,
                comparator,
                value: opt_decimal(o.get("value"), &format!("{at}.value"))?,
                upper: opt_decimal(o.get("upper"), &format!("{at}.upper"))?,
                unit: opt_str(o.get("unit"), &format!("{at}.unit"))?,
                at: pos,
            }))
        }
        Some(other) => Err(format!("{at}.comparator：{other} 不是比较方式")),
    }
}

/// An actual value: `null`, a bare string (re-parsed), or `{text, value?, unit?}`.
fn actual(v: Option<&Value>, at: &str, pos: Pos) -> Result<Option<Actual>, String> {
    let o = match v {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) => return Ok(Some(crate::normalise::parse_actual(s, pos))),
        Some(Value::Object(o)) => o,
        Some(other) => return Err(format!("{at}：{other} 应为文字或对象")),
    };
    let text = opt_str(o.get("text"), &format!("{at}.text"))?.unwrap_or_default();
    if !o.contains_key("value") {
        return Ok(Some(crate::normalise::parse_actual(&text, pos)));
    }
    Ok(Some(Actual {
        text,
        value: opt_decimal(o.get("value"), &format!("{at}.value"))?,
        unit: opt_str(o.get("unit"), &format!("{at}.unit"))?,
        at: pos,
    }))
}

fn total(v: Option<&Value>, grade: Option<&Value>) -> Result<Option<TotalRow>, String> {
    let o = v.and_then(Value::as_object);
    let line = opt_u32(o.and_then(|o| o.get("line")), "total.line")?;
    let l = line.unwrap_or(0);
    let score = printed_decimal(o.and_then(|o| o.get("printed")), "total.printed", l)?;
    let weight = printed_decimal(o.and_then(|o| o.get("weight")), "total.weight", l)?;
    let grade_label = match grade {
        Some(Value::Object(g)) => opt_text(g.get("printed"), "grade.printed", l)?,
        Some(Value::String(_)) => opt_text(grade, "grade", l)?,
        _ => None,
    };
    if line.is_none() && score.is_none() && weight.is_none() && grade_label.is_none() {
        return Ok(None);
    }
    Ok(Some(TotalRow {
        weight,
        score,
        grade_label,
        line: l,
    }))
}

fn read_notes(v: Option<&Value>) -> Result<Vec<ReadNote>, String> {
    let Some(Value::Array(items)) = v else {
        return Ok(Vec::new());
    };
    items
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let at = format!("read_notes[{i}]");
            let o = n.as_object().ok_or_else(|| format!("{at} 应为对象"))?;
            let kind = match opt_str(o.get("kind"), &format!("{at}.kind"))?.as_deref() {
                None | Some("problem") => NoteKind::Problem,
                Some("remark") => NoteKind::Remark,
                Some(other) => {
                    return Err(format!("{at}.kind：“{other}”应为 problem 或 remark"));
                }
            };
            Ok(ReadNote {
                line: opt_u32(o.get("line"), &format!("{at}.line"))?.unwrap_or(0),
                message: opt_str(o.get("message"), &format!("{at}.message"))?.unwrap_or_default(),
                kind,
            })
        })
        .collect()
}

/// The reading status: `read_status` (server documents) or `status`, with `status_detail`.
/// Without one, a form with indicators and a total row is complete.
fn status(root: &Map<String, Value>, form: &Form) -> Result<FormStatus, String> {
    let code = [root.get("read_status"), root.get("status")]
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .find(|s| {
            matches!(
                *s,
                "complete" | "incomplete" | "unscored" | "ambiguous" | "unreadable"
            )
        });
    let detail = root.get("status_detail").and_then(Value::as_object);
    let detail_str = |k: &str| {
        detail
            .and_then(|d| d.get(k))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok(match code {
        Some("complete") => FormStatus::Complete,
        Some("unscored") => FormStatus::Unscored,
        Some("incomplete") => FormStatus::Incomplete {
            stops_in: detail_str("stops_in"),
            line: opt_u32(detail.and_then(|d| d.get("line")), "status_detail.line")?.unwrap_or(0),
        },
        Some("ambiguous") => FormStatus::Ambiguous {
            readings: detail
                .and_then(|d| d.get("readings"))
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        },
        Some(_) => FormStatus::Unreadable {
            why: detail_str("why"),
        },
        None if !form.indicators.is_empty() && form.total.is_some() => FormStatus::Complete,
        None => FormStatus::Incomplete {
            stops_in: if form.indicators.is_empty() {
                "绩效指标".into()
            } else {
                "总分".into()
            },
            line: form.source.last_line,
        },
    })
}

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

fn opt_str(v: Option<&Value>, at: &str) -> Result<Option<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(format!("{at}：{other} 应为文字")),
    }
}

fn opt_text(v: Option<&Value>, at: &str, line: u32) -> Result<Option<Sourced<String>>, String> {
    Ok(opt_str(v, at)?.map(|s| Sourced::new(s, Pos::new(line, 0))))
}

fn opt_u32(v: Option<&Value>, at: &str) -> Result<Option<u32>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| format!("{at}：{n} 应为非负整数")),
        Some(other) => Err(format!("{at}：{other} 应为非负整数")),
    }
}

/// A decimal from a string or a JSON number; `null` and blank strings are absent.
fn decimal(v: &Value, at: &str) -> Result<Option<Decimal>, String> {
    let text = match v {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        other => return Err(format!("{at}：{other} 应为数字")),
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map(Some)
        .map_err(|_| format!("{at}：“{text}”不是数字"))
}

fn opt_decimal(v: Option<&Value>, at: &str) -> Result<Option<Decimal>, String> {
    v.map_or(Ok(None), |v| decimal(v, at))
}

/// A printed number given directly or as `{"printed": …}` (other keys, like `computed`, ignored).
fn printed_decimal(
    v: Option<&Value>,
    at: &str,
    line: u32,
) -> Result<Option<Sourced<Decimal>>, String> {
    let v = match v {
        Some(Value::Object(o)) => o.get("printed"),
        other => other,
    };
    Ok(opt_decimal(v, at)?.map(|d| Sourced::new(d, Pos::new(line, 0))))
}
