//! csv: `forms.csv`, `funds.csv`, `indicators.csv` (and `findings.csv`) in a directory, UTF-8
//! with a BOM so that Excel opens them as UTF-8; decimals exactly as printed.
//!
//! [`read_tables`] rebuilds the forms from those files: what `export --to csv` wrote reads back
//! to the same forms (source positions aside: every value sits at its row's line).

use crate::ExportError;
use crate::tables::{Table, Val};
use jixiao_core::model::*;
use jixiao_core::normalise::{parse_actual, parse_target};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::Path;

const BOM: &str = "\u{FEFF}";

/// One table as csv bytes (BOM, header row, one line per row).
pub fn table_csv(t: &Table) -> Result<Vec<u8>, ExportError> {
    let mut w = ::csv::WriterBuilder::new().from_writer(BOM.as_bytes().to_vec());
    let io = |e: ::csv::Error| ExportError::Write(format!("写入 {}.csv 时出错：{e}", t.name));
    w.write_record(t.columns.iter().map(|c| c.name))
        .map_err(io)?;
    for row in &t.rows {
        w.write_record(row.iter().map(Val::csv)).map_err(io)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Write(format!("写入 {}.csv 时出错：{e}", t.name)))
}

/// Write `tables` as `<dir>/<name>.csv`; the paths written.
pub fn write_tables(dir: &Path, tables: &[Table]) -> Result<Vec<String>, ExportError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ExportError::Write(format!("无法创建输出目录 {}：{e}", dir.display())))?;
    let mut written = Vec::new();
    for t in tables {
        let path = dir.join(format!("{}.csv", t.name));
        std::fs::write(&path, table_csv(t)?)
            .map_err(|e| ExportError::Write(format!("无法写入 {}：{e}", path.display())))?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// One csv file as records keyed by column name.
struct Records {
    file: String,
    rows: Vec<HashMap<String, String>>,
}

fn load(dir: &Path, name: &str) -> Result<Records, ExportError> {
    let path = dir.join(format!("{name}.csv"));
    let file = path.display().to_string();
    let bytes = std::fs::read(&path).map_err(|e| {
        ExportError::Read(format!(
            "无法读取 {file}：{e}。请指定 jixiao export --to csv 写出的目录。"
        ))
    })?;
    let body = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(&bytes);
    let mut r = ::csv::Reader::from_reader(body);
    let bad = |e: ::csv::Error| ExportError::Read(format!("{file} 格式有误：{e}"));
    let headers: Vec<String> = r
        .headers()
        .map_err(bad)?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(bad)?;
        rows.push(
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect(),
        );
    }
    Ok(Records { file, rows })
}

/// Typed access to one csv record, with errors naming the file, line and column.
struct Rec<'a> {
    file: &'a str,
    line: usize,
    map: &'a HashMap<String, String>,
}

impl Rec<'_> {
    fn opt(&self, col: &str) -> Option<String> {
        self.map.get(col).filter(|s| !s.is_empty()).cloned()
    }
    fn text(&self, col: &str) -> String {
        self.opt(col).unwrap_or_default()
    }
    fn bad(&self, col: &str, what: &str) -> ExportError {
        ExportError::Read(format!(
            "{} 第 {} 行“{col}”列的值“{}”不是{what}",
            self.file,
            self.line,
            self.text(col)
        ))
    }
    fn int(&self, col: &str) -> Result<Option<i64>, ExportError> {
        self.opt(col)
            .map(|s| s.parse().map_err(|_| self.bad(col, "整数")))
            .transpose()
    }
    fn u32(&self, col: &str) -> Result<u32, ExportError> {
        Ok(self
            .int(col)?
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0))
    }
    fn dec(&self, col: &str) -> Result<Option<Decimal>, ExportError> {
        self.opt(col)
            .map(|s| s.parse().map_err(|_| self.bad(col, "数字")))
            .transpose()
    }
}

fn records(r: &Records) -> impl Iterator<Item = Rec<'_>> {
    r.rows.iter().enumerate().map(|(i, map)| Rec {
        file: &r.file,
        line: i + 2,
        map,
    })
}

fn notes_of(rec: &Rec) -> Result<Vec<ReadNote>, ExportError> {
    let Some(text) = rec.opt("read_notes") else {
        return Ok(Vec::new());
    };
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|_| rec.bad("read_notes", "JSON 数组"))?;
    let items = v
        .as_array()
        .ok_or_else(|| rec.bad("read_notes", "JSON 数组"))?;
    Ok(items
        .iter()
        .map(|n| ReadNote {
            line: n["line"].as_u64().unwrap_or(0) as u32,
            message: n["message"].as_str().unwrap_or_default().to_string(),
            kind: if n["kind"] == "remark" {
                NoteKind::Remark
            } else {
                NoteKind::Problem
            },
        })
        .collect())
}

fn status_of(rec: &Rec) -> Result<FormStatus, ExportError> {
    let detail: serde_json::Value = match rec.opt("status_detail") {
        Some(s) => serde_json::from_str(&s).map_err(|_| rec.bad("status_detail", "JSON"))?,
        None => serde_json::Value::Null,
    };
    let s = |k: &str| detail[k].as_str().unwrap_or_default().to_string();
    Ok(match rec.text("status").as_str() {
        "complete" => FormStatus::Complete,
        "unscored" => FormStatus::Unscored,
        "incomplete" => FormStatus::Incomplete {
            stops_in: s("stops_in"),
            line: detail["line"].as_u64().unwrap_or(0) as u32,
        },
        "ambiguous" => FormStatus::Ambiguous {
            readings: detail["readings"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        },
        "unreadable" => FormStatus::Unreadable { why: s("why") },
        _ => return Err(rec.bad("status", "已知的状态")),
    })
}

/// Rebuild the forms from a directory written by `export --to csv`: `forms.csv`, `funds.csv`,
/// `indicators.csv`. Targets and actuals are parsed again from their text by the core's parsers
/// (the comparator and unit columns fill in what a separate 指标性质 / 度量单位 column gave).
/// Every value is placed at its row's line (`line` column), column 0.
pub fn read_tables(dir: &Path) -> Result<Vec<Form>, ExportError> {
    let forms = load(dir, "forms")?;
    let funds = load(dir, "funds")?;
    let inds = load(dir, "indicators")?;
    let mut out: Vec<(i64, Form)> = Vec::new();
    for rec in records(&forms) {
        let id = rec
            .int("form_id")?
            .ok_or_else(|| rec.bad("form_id", "整数"))?;
        let first = rec.u32("first_line")?;
        let at = Pos::new(first, 0);
        let sourced = |col: &str| rec.opt(col).map(|v| Sourced::new(v, at));
        let total_line = rec.int("total_line")?;
        let tline = Pos::new(total_line.unwrap_or(0) as u32, 0);
        let year = match rec.int("year")? {
            Some(y) => Some(Sourced::new(
                i32::try_from(y).map_err(|_| rec.bad("year", "年份"))?,
                at,
            )),
            None => None,
        };
        let form = Form {
            source: SourceRef {
                path: rec.text("source_path"),
                first_line: first,
                last_line: rec.u32("last_line")?,
            },
            status: status_of(&rec)?,
            title: sourced("title"),
            header: Header {
                project_code: sourced("project_code"),
                project_name: sourced("project_name"),
                year,
                implementing_unit: sourced("implementing_unit"),
                budget_unit: sourced("budget_unit"),
            },
            funds: Funds {
                amount_unit: match rec.text("amount_unit").as_str() {
                    "yuan" => AmountUnit::Yuan,
                    "wan_yuan" => AmountUnit::WanYuan,
                    _ => AmountUnit::Unknown,
                },
                rows: Vec::new(),
            },
            overall_goal: OverallGoal {
                expected: sourced("overall_goal_expected"),
                achieved: sourced("overall_goal_achieved"),
            },
            indicators: Vec::new(),
            total: total_line.map(|l| TotalRow {
                weight: None,
                score: None,
                grade_label: rec.opt("grade_printed").map(|g| Sourced::new(g, tline)),
                line: l as u32,
            }),
            profile: rec.text("profile"),
            family: rec.opt("family"),
            read_notes: notes_of(&rec)?,
        };
        let mut form = form;
        if let Some(t) = form.total.as_mut() {
            t.weight = rec.dec("total_weight")?.map(|d| Sourced::new(d, tline));
            t.score = rec.dec("total_printed")?.map(|d| Sourced::new(d, tline));
        }
        out.push((id, form));
    }
    let index: HashMap<i64, usize> = out
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let form_of = |rec: &Rec| -> Result<usize, ExportError> {
        let id = rec
            .int("form_id")?
            .ok_or_else(|| rec.bad("form_id", "整数"))?;
        index
            .get(&id)
            .copied()
            .ok_or_else(|| rec.bad("form_id", "forms.csv 中的表号"))
    };
    for rec in records(&funds) {
        let i = form_of(&rec)?;
        let line = rec.u32("line")?;
        let at = Pos::new(line, 0);
        let num = |col: &str| -> Result<Option<Sourced<Decimal>>, ExportError> {
            Ok(rec.dec(col)?.map(|d| Sourced::new(d, at)))
        };
        let kind = match rec.text("kind").as_str() {
            "total_funds" => FundsKind::TotalFunds,
            "appropriation" => FundsKind::Appropriation,
            "carryover" => FundsKind::Carryover,
            "other_funds" => FundsKind::OtherFunds,
            _ => return Err(rec.bad("kind", "资金行类型")),
        };
        let row = FundsRow {
            kind,
            label: Sourced::new(rec.text("label"), at),
            initial_budget: num("initial_budget")?,
            adjusted_budget: num("adjusted_budget")?,
            executed: num("executed")?,
            weight: num("weight")?,
            execution_rate: num("execution_rate_printed")?,
            score: num("score_printed")?,
            reason: rec.opt("reason").map(|r| Sourced::new(r, at)),
            arrived: num("arrived")?,
            method: rec.opt("method").map(|m| Sourced::new(m, at)),
            line,
        };
        out[i].1.funds.rows.push(row);
    }
    for rec in records(&inds) {
        let i = form_of(&rec)?;
        let ind = indicator_of(&rec)?;
        out[i].1.indicators.push(ind);
    }
    Ok(out.into_iter().map(|(_, f)| f).collect())
}

fn indicator_of(rec: &Rec) -> Result<Indicator, ExportError> {
    let line = rec.u32("line")?;
    let at = Pos::new(line, 0);
    let category = match rec.opt("level1_category").as_deref() {
        None => None,
        Some("Output") => Some(Level1::Output),
        Some("Outcome") => Some(Level1::Outcome),
        Some("Satisfaction") => Some(Level1::Satisfaction),
        Some("Cost") => Some(Level1::Cost),
        Some(_) => return Err(rec.bad("level1_category", "一级指标类别")),
    };
    let target = match rec.map.get("target_text") {
        // An absent target (no cell) and an empty one are both written as an empty field;
        // the comparator column tells them apart.
        Some(text) if !text.is_empty() || rec.opt("target_comparator").is_some() => {
            let mut t = parse_target(text, at);
            if t.comparator == Comparator::Implicit
                && let Some(c) = rec.opt("target_comparator").and_then(|c| comparator(&c))
            {
                t.comparator = c;
            }
            if t.unit.is_none() {
                t.unit = rec.opt("target_unit");
            }
            Some(t)
        }
        _ => None,
    };
    let actual = match rec.map.get("actual_text") {
        Some(text) if !text.is_empty() => {
            let mut a = parse_actual(text, at);
            // A unit from a 计量单位 column is not in the text: the unit column carries it.
            if a.unit.is_none() {
                a.unit = rec.opt("actual_unit");
            }
            Some(a)
        }
        _ => None,
    };
    let num = |col: &str| -> Result<Option<Sourced<Decimal>>, ExportError> {
        Ok(rec.dec(col)?.map(|d| Sourced::new(d, at)))
    };
    Ok(Indicator {
        level1: Sourced::new(rec.text("level1"), at),
        level1_category: category,
        level1_label_weight: rec.dec("level1_weight")?,
        level2: rec.opt("level2").map(|l| Sourced::new(l, at)),
        name: Sourced::new(rec.text("name"), at),
        target,
        actual,
        weight: num("weight")?,
        score: num("score_printed")?,
        deviation_note: rec.opt("deviation_note").map(|n| Sourced::new(n, at)),
        extra: ExtraColumns {
            scoring_method: rec.opt("scoring_method").map(|m| Sourced::new(m, at)),
            score_coefficient: num("score_coefficient")?,
            core: match rec.int("core")? {
                None => None,
                Some(0) => Some(Sourced::new(false, at)),
                Some(1) => Some(Sourced::new(true, at)),
                Some(_) => return Err(rec.bad("core", "0 或 1")),
            },
            weight_share: num("weight_share")?,
            weighted_score: num("weighted_score_printed")?,
        },
        line,
    })
}

/// A comparator from its JSON code (`at_least`, …).
fn comparator(code: &str) -> Option<Comparator> {
    Some(match code {
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
