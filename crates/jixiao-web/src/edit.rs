//! Applying the editor's fields to a form: every edited cell is parsed again the way the reader
//! parses a printed cell (`parse_target`, `parse_actual`, `parse_number`), so the recomputed
//! scores and findings are exactly what `jixiao check` would say about the same cells.
//!
//! Field names (the `name` of each input in the editor):
//! `h.project_code|project_name|year|implementing_unit|budget_unit`,
//! `f.{row}.initial_budget|adjusted_budget|executed|weight|execution_rate|score|reason`,
//! `g.expected|achieved`, `i.{row}.name|target|actual|weight|score|deviation_note`,
//! `t.weight|score`. Any other field (csrf_token, version, ...) is ignored here.

use jixiao_core::model::{Form, Pos, Sourced, TotalRow};
use jixiao_core::normalise::{parse_actual, parse_number, parse_percent, parse_target};
use rust_decimal::Decimal;

/// A field whose text could not be read as what the cell needs (a number in a 分值 cell ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field name (`i.3.weight`).
    pub field: String,
    /// What is wrong and what to type instead, in Chinese.
    pub message: String,
}

/// Apply every known field of `fields` to `form`; return the fields that could not be read.
/// A blank field clears the cell (a blank cell is `None`, never zero).
pub fn apply_edits<'a>(
    form: &mut Form,
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (name, value) in fields {
        if let Err(message) = apply_one(form, name, value) {
            errors.push(FieldError {
                field: name.to_string(),
                message,
            });
        }
    }
    errors
}

fn text_cell(old: &Option<Sourced<String>>, value: &str, line: u32) -> Option<Sourced<String>> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let at = old.as_ref().map_or(Pos::new(line, 0), |s| s.at);
    Some(Sourced::new(v.to_string(), at))
}

fn number_cell(
    old: &Option<Sourced<Decimal>>,
    value: &str,
    line: u32,
    percent: bool,
) -> Result<Option<Sourced<Decimal>>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let parsed = if percent {
        parse_percent(v)
    } else {
        parse_number(v)
    };
    let at = old.as_ref().map_or(Pos::new(line, 0), |s| s.at);
    match parsed {
        Some(d) => Ok(Some(Sourced::new(d, at))),
        None => Err(format!(
            "“{v}”不是一个数字：请只填数字（可带小数点{}），单位写在表头里。",
            if percent { "或 %" } else { "" }
        )),
    }
}

fn index(part: Option<&str>, len: usize) -> Result<usize, String> {
    part.and_then(|p| p.parse::<usize>().ok())
        .filter(|&i| i < len)
        .ok_or_else(|| "表格行号无效：请刷新页面后再改。".to_string())
}

fn apply_one(form: &mut Form, name: &str, value: &str) -> Result<(), String> {
    let mut parts = name.split('.');
    let section = parts.next().unwrap_or("");
    match section {
        "h" => {
            let h = &mut form.header;
            let line = form.source.first_line;
            match parts.next() {
                Some("project_code") => h.project_code = text_cell(&h.project_code, value, line),
                Some("project_name") => h.project_name = text_cell(&h.project_name, value, line),
                Some("implementing_unit") => {
                    h.implementing_unit = text_cell(&h.implementing_unit, value, line)
                }
                Some("budget_unit") => h.budget_unit = text_cell(&h.budget_unit, value, line),
                Some("year") => {
                    let v = value.trim();
                    h.year = if v.is_empty() {
                        None
                    } else {
                        let y: i32 = v
                            .parse()
                            .map_err(|_| format!("“{v}”不是年份：请填四位数字，如 2024。"))?;
                        let at = h.year.as_ref().map_or(Pos::new(line, 0), |s| s.at);
                        Some(Sourced::new(y, at))
                    };
                }
                _ => {}
            }
        }
        "g" => {
            let g = &mut form.overall_goal;
            let line = form.source.first_line;
            match parts.next() {
                Some("expected") => g.expected = text_cell(&g.expected, value, line),
                Some("achieved") => g.achieved = text_cell(&g.achieved, value, line),
                _ => {}
            }
        }
        "f" => {
            let k = index(parts.next(), form.funds.rows.len())?;
            let r = &mut form.funds.rows[k];
            let line = r.line;
            match parts.next() {
                Some("initial_budget") => {
                    r.initial_budget = number_cell(&r.initial_budget, value, line, false)?
                }
                Some("adjusted_budget") => {
                    r.adjusted_budget = number_cell(&r.adjusted_budget, value, line, false)?
                }
                Some("executed") => r.executed = number_cell(&r.executed, value, line, false)?,
                Some("weight") => r.weight = number_cell(&r.weight, value, line, false)?,
                Some("execution_rate") => {
                    r.execution_rate = number_cell(&r.execution_rate, value, line, true)?
                }
                Some("score") => r.score = number_cell(&r.score, value, line, false)?,
                Some("reason") => r.reason = text_cell(&r.reason, value, line),
                _ => {}
            }
        }
        "i" => {
            let k = index(parts.next(), form.indicators.len())?;
            let ind = &mut form.indicators[k];
            let line = ind.line;
            match parts.next() {
                Some("name") => {
                    let at = ind.name.at;
                    ind.name = Sourced::new(value.trim().to_string(), at);
                }
                Some("target") => {
                    let at = ind.target.as_ref().map_or(Pos::new(line, 0), |t| t.at);
                    ind.target = (!value.trim().is_empty()).then(|| parse_target(value, at));
                }
                Some("actual") => {
                    let at = ind.actual.as_ref().map_or(Pos::new(line, 0), |a| a.at);
                    ind.actual = (!value.trim().is_empty()).then(|| parse_actual(value, at));
                }
                Some("weight") => ind.weight = number_cell(&ind.weight, value, line, false)?,
                Some("score") => ind.score = number_cell(&ind.score, value, line, false)?,
                Some("deviation_note") => {
                    ind.deviation_note = text_cell(&ind.deviation_note, value, line)
                }
                _ => {}
            }
        }
        "t" => {
            let total = form.total.get_or_insert_with(TotalRow::default);
            let line = total.line;
            match parts.next() {
                Some("weight") => total.weight = number_cell(&total.weight, value, line, false)?,
                Some("score") => total.score = number_cell(&total.score, value, line, false)?,
                _ => {}
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_core::read::{ReadOptions, read_text};

    fn seed_form() -> Form {
        let text = include_str!("../../../tests/fixtures/seed.txt");
        read_text("seed.txt", text, &ReadOptions::default())
            .into_iter()
            .next()
            .expect("seed has a form")
    }

    #[test]
    fn actual_is_parsed_like_a_printed_cell() {
        let mut f = seed_form();
        let errs = apply_edits(&mut f, [("i.0.actual", "9人")]);
        assert!(errs.is_empty());
        let a = f.indicators[0].actual.as_ref().expect("actual set");
        assert_eq!(a.value, Some(Decimal::from(9)));
        assert_eq!(a.text, "9人");
    }

    #[test]
    fn blank_clears_and_bad_number_is_reported() {
        let mut f = seed_form();
        let errs = apply_edits(&mut f, [("i.0.score", ""), ("i.1.weight", "七点五")]);
        assert!(f.indicators[0].score.is_none());
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "i.1.weight");
        assert!(errs[0].message.contains("不是一个数字"));
        // The unreadable weight keeps its old value.
        assert_eq!(
            f.indicators[1].weight.as_ref().map(|w| w.value.to_string()),
            Some("7.50".to_string())
        );
    }

    #[test]
    fn out_of_range_row_is_an_error_not_a_panic() {
        let mut f = seed_form();
        let errs = apply_edits(&mut f, [("i.999.actual", "1"), ("f.x.executed", "1")]);
        assert_eq!(errs.len(), 2);
    }

    #[test]
    fn executed_amount_changes_the_total_funds_row() {
        let mut f = seed_form();
        let errs = apply_edits(&mut f, [("f.0.executed", "108,000.00")]);
        assert!(errs.is_empty());
        assert_eq!(
            f.funds.rows[0].executed.as_ref().map(|e| e.value),
            Some(Decimal::new(10800000, 2))
        );
    }
}
