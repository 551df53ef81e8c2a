//! Grid rows → forms: a streaming state machine, one row at a time.
//!
//! Columns are mapped by header text, never by position: the funds header row (`年初预算数 …`)
//! and the indicator header row (`一级指标 … 得分`) say where each value sits, and data rows are
//! aligned to them by their label cell, so a row with a missing or extra leading cell still reads.
//! A form begins at a title row, or at header fields (`项目名称:`) once the previous form has a
//! table, and it is complete only when its 总分 row has been read.

use super::labels::{self, FundsColumn, HeaderField, IndicatorColumn};
use crate::grid::{GridCell, Row};
use crate::model::*;
use crate::normalise;
use rust_decimal::Decimal;

/// Rows one form may span before the reader gives up on it (a guard against endless junk).
const MAX_FORM_ROWS: u32 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Header,
    Funds,
    Goals,
    Indicators,
    Done,
}

impl Section {
    fn chinese(self) -> &'static str {
        match self {
            Section::Header => "表头",
            Section::Funds => "资金使用情况",
            Section::Goals => "年度总体目标",
            Section::Indicators => "年度绩效指标",
            Section::Done => "总分",
        }
    }
}

/// Reads forms from a stream of rows.
pub struct FormReader {
    path: String,
    current: Option<Builder>,
    done: Vec<Form>,
}

impl FormReader {
    pub fn new(path: &str) -> Self {
        FormReader {
            path: path.to_string(),
            current: None,
            done: Vec::new(),
        }
    }

    /// Feed the next row.
    pub fn feed(&mut self, row: &Row) {
        let labels: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                if c.text.is_empty() {
                    String::new()
                } else {
                    normalise::canonical_label(&c.text)
                }
            })
            .collect();
        let view = RowView { row, labels };

        if view.is_title() {
            self.close();
            self.current = Some(Builder::new(&self.path, row.line, Some(view.title())));
            return;
        }
        let has_header_fields = view.header_fields().next().is_some();
        let starts_table = view.funds_header().is_some() || view.indicator_header().is_some();
        let needs_new = match &self.current {
            None => has_header_fields || starts_table,
            Some(b) => {
                (has_header_fields && b.section > Section::Header)
                    || b.section == Section::Done && starts_table
                    || b.rows_seen >= MAX_FORM_ROWS
            }
        };
        if needs_new {
            self.close();
            if has_header_fields || starts_table {
                self.current = Some(Builder::new(&self.path, row.line, None));
            }
        }
        if let Some(b) = self.current.as_mut() {
            b.feed(&view);
        }
    }

    fn close(&mut self) {
        if let Some(b) = self.current.take() {
            self.done.push(b.finish());
        }
    }

    /// All forms read, in source order.
    pub fn finish(mut self) -> Vec<Form> {
        self.close();
        self.done
    }
}

/// A row with the canonical label of each cell (same order as `row.cells`).
struct RowView<'a> {
    row: &'a Row,
    labels: Vec<String>,
}

impl RowView<'_> {
    fn filled(&self) -> impl Iterator<Item = (&GridCell, &str)> {
        self.row
            .cells
            .iter()
            .zip(self.labels.iter())
            .filter(|(c, _)| !c.text.is_empty())
            .map(|(c, l)| (c, l.as_str()))
    }

    fn filled_count(&self) -> usize {
        self.filled().count()
    }

    fn is_title(&self) -> bool {
        self.filled_count() <= 2
            && self
                .filled()
                .next()
                .is_some_and(|(_, l)| labels::is_title(l))
    }

    fn title(&self) -> Sourced<String> {
        let (c, _) = self
            .filled()
            .next()
            .expect("is_title checked a filled cell");
        Sourced::new(
            normalise::squeeze(&c.text),
            Pos::new(self.row.line, c.column),
        )
    }

    fn header_fields(&self) -> impl Iterator<Item = (usize, HeaderField)> + '_ {
        self.labels
            .iter()
            .enumerate()
            .filter_map(|(i, l)| labels::header_field(l).map(|f| (i, f)))
    }

    fn funds_header(&self) -> Option<Vec<(u32, FundsColumn)>> {
        let cols: Vec<(u32, FundsColumn)> = self
            .filled()
            .filter_map(|(c, l)| labels::funds_column(l).map(|k| (c.column, k)))
            .collect();
        let has_money = cols.iter().any(|(_, k)| {
            matches!(
                k,
                FundsColumn::AdjustedBudget | FundsColumn::Executed | FundsColumn::InitialBudget
            )
        });
        (has_money && cols.len() >= 2).then_some(cols)
    }

    fn indicator_header(&self) -> Option<Vec<(u32, IndicatorColumn)>> {
        let cols: Vec<(u32, IndicatorColumn)> = self
            .filled()
            .filter_map(|(c, l)| labels::indicator_column(l).map(|k| (c.column, k)))
            .collect();
        let has_name = cols.iter().any(|(_, k)| *k == IndicatorColumn::Name);
        (has_name && cols.len() >= 3).then_some(cols)
    }

    fn funds_row(&self) -> Option<(FundsKind, &GridCell)> {
        self.filled()
            .find_map(|(c, l)| labels::funds_row(l).map(|k| (k, c)))
    }

    fn is_total(&self) -> bool {
        self.filled()
            .next()
            .is_some_and(|(_, l)| labels::is_total_label(l))
    }

    fn cell(&self, column: i64) -> Option<&GridCell> {
        u32::try_from(column).ok().and_then(|c| self.row.cell(c))
    }
}

struct Builder {
    form: Form,
    section: Section,
    rows_seen: u32,
    funds_cols: Vec<(u32, FundsColumn)>,
    goal_cols: Option<(u32, u32)>,
    /// Column of each `IndicatorColumn` (indexed by `as usize`) in the indicator header.
    ind_cols: [Option<u32>; IndicatorColumn::COUNT],
    has_ind_header: bool,
    last_level1: Option<Sourced<String>>,
    last_level2: Option<Sourced<String>>,
}

impl Builder {
    fn new(path: &str, line: u32, title: Option<Sourced<String>>) -> Self {
        let mut form = Form::empty(path, "");
        form.source.first_line = line;
        form.source.last_line = line;
        form.title = title;
        Builder {
            form,
            section: Section::Header,
            rows_seen: 0,
            funds_cols: Vec::new(),
            goal_cols: None,
            ind_cols: [None; IndicatorColumn::COUNT],
            has_ind_header: false,
            last_level1: None,
            last_level2: None,
        }
    }

    fn note(&mut self, line: u32, message: String) {
        self.form.read_notes.push(ReadNote { line, message });
    }

    fn feed(&mut self, v: &RowView) {
        self.rows_seen += 1;
        self.form.source.last_line = v.row.line;
        if self.section == Section::Done {
            return;
        }
        if v.header_fields().next().is_some() && self.section == Section::Header {
            self.read_header(v);
            return;
        }
        if let Some(cols) = v.funds_header() {
            self.funds_cols = cols;
            self.section = Section::Funds;
            return;
        }
        if let Some(cols) = v.indicator_header() {
            if !self.has_ind_header || self.form.indicators.is_empty() {
                self.ind_cols = [None; IndicatorColumn::COUNT];
                for (col, what) in cols {
                    self.ind_cols[what as usize].get_or_insert(col);
                }
                self.has_ind_header = true;
            }
            self.section = Section::Indicators;
            return;
        }
        if self.section <= Section::Funds {
            if let Some((kind, label)) = v.funds_row() {
                self.read_funds_row(v, kind, label);
                return;
            }
            if let Some((_, l)) = v.filled().find(|(_, l)| l.starts_with("项目资金")) {
                self.form.funds.amount_unit = amount_unit_of(l);
            }
        }
        if let Some(cols) = goal_header(v) {
            self.goal_cols = Some(cols);
            self.section = Section::Goals;
            return;
        }
        match self.section {
            Section::Goals => self.read_goal_row(v),
            Section::Indicators if v.is_total() => self.read_total(v),
            Section::Indicators => self.read_indicator(v),
            _ => {
                if !is_section_caption(v) {
                    let text: Vec<&str> = v.filled().map(|(c, _)| c.text.as_str()).collect();
                    self.note(
                        v.row.line,
                        format!(
                            "未能识别的行（{}）：{}",
                            self.section.chinese(),
                            text.join(" | ")
                        ),
                    );
                }
            }
        }
    }

    fn read_header(&mut self, v: &RowView) {
        let fields: Vec<(usize, HeaderField)> = v.header_fields().collect();
        for (idx, field) in fields {
            let value = v.row.cells[idx + 1..]
                .iter()
                .zip(v.labels[idx + 1..].iter())
                .find(|(c, _)| !c.text.is_empty())
                .filter(|(_, l)| labels::header_field(l).is_none())
                .map(|(c, _)| c);
            let Some(cell) = value else { continue };
            let at = Pos::new(v.row.line, cell.column);
            let text = normalise::squeeze(&cell.text);
            let h = &mut self.form.header;
            match field {
                HeaderField::ProjectCode => h.project_code = Some(Sourced::new(text, at)),
                HeaderField::ProjectName => h.project_name = Some(Sourced::new(text, at)),
                HeaderField::ImplementingUnit => h.implementing_unit = Some(Sourced::new(text, at)),
                HeaderField::BudgetUnit => h.budget_unit = Some(Sourced::new(text, at)),
                HeaderField::Year => match parse_year(&text) {
                    Some(y) => h.year = Some(Sourced::new(y, at)),
                    None => self.note(at.line, format!("年度“{text}”不是年份")),
                },
            }
        }
    }

    fn read_funds_row(&mut self, v: &RowView, kind: FundsKind, label: &GridCell) {
        // Align by the label cell: it sits just left of the first value column of the header.
        let first_value_col = self.funds_cols.iter().map(|(c, _)| *c).min().unwrap_or(3);
        let offset = i64::from(label.column) - (i64::from(first_value_col) - 1);
        if let Some((_, l)) = v.filled().find(|(_, l)| l.starts_with("项目资金")) {
            self.form.funds.amount_unit = amount_unit_of(l);
        }
        let mut row = FundsRow {
            kind,
            label: Sourced::new(
                normalise::squeeze(&label.text),
                Pos::new(v.row.line, label.column),
            ),
            initial_budget: None,
            adjusted_budget: None,
            executed: None,
            weight: None,
            execution_rate: None,
            score: None,
            reason: None,
            line: v.row.line,
        };
        let cols = self.funds_cols.clone();
        for (col, what) in cols {
            let Some(cell) = v.cell(i64::from(col) + offset) else {
                continue;
            };
            if normalise::is_null_marker(&cell.text) {
                continue;
            }
            let at = Pos::new(v.row.line, cell.column);
            if what == FundsColumn::Reason {
                row.reason = Some(Sourced::new(normalise::clean_text(&cell.text), at));
                continue;
            }
            let parsed = match what {
                FundsColumn::ExecutionRate => normalise::parse_percent(&cell.text),
                _ => normalise::parse_amount(&cell.text).map(|(d, _)| d),
            };
            let Some(value) = parsed else {
                self.note(
                    at.line,
                    format!("第{}列“{}”不是数字，已按空值处理", at.column, cell.text),
                );
                continue;
            };
            let slot = match what {
                FundsColumn::InitialBudget => &mut row.initial_budget,
                FundsColumn::AdjustedBudget => &mut row.adjusted_budget,
                FundsColumn::Executed => &mut row.executed,
                FundsColumn::Weight => &mut row.weight,
                FundsColumn::ExecutionRate => &mut row.execution_rate,
                FundsColumn::Score => &mut row.score,
                FundsColumn::Reason => continue,
            };
            *slot = Some(Sourced::new(value, at));
        }
        self.form.funds.rows.push(row);
        self.section = Section::Funds;
    }

    fn read_goal_row(&mut self, v: &RowView) {
        let Some((expected_col, achieved_col)) = self.goal_cols else {
            return;
        };
        for (cell, label) in v.filled() {
            if label == "年度总体目标" || label == "项目目标完成情况" {
                continue;
            }
            let at = Pos::new(v.row.line, cell.column);
            let text = normalise::clean_text(&cell.text);
            let slot = if cell.column.abs_diff(expected_col) <= cell.column.abs_diff(achieved_col) {
                &mut self.form.overall_goal.expected
            } else {
                &mut self.form.overall_goal.achieved
            };
            match slot {
                Some(existing) => {
                    existing.value.push(' ');
                    existing.value.push_str(&text);
                }
                None => *slot = Some(Sourced::new(text, at)),
            }
        }
    }

    fn column_of(&self, what: IndicatorColumn) -> Option<u32> {
        self.ind_cols[what as usize]
    }

    fn read_indicator(&mut self, v: &RowView) {
        // Align by the level-1 cell when the row has one; otherwise by the header as is.
        let level1_col = self.column_of(IndicatorColumn::Level1);
        let l1_cell = v
            .filled()
            .find(|(c, _)| normalise::level1_of(&c.text).is_some())
            .map(|(c, _)| c);
        let offset = match (l1_cell, level1_col) {
            (Some(c), Some(h)) => i64::from(c.column) - i64::from(h),
            _ => 0,
        };
        let cols = self.ind_cols;
        let get = |what: IndicatorColumn| -> Option<&GridCell> {
            cols[what as usize].and_then(|c| v.cell(i64::from(c) + offset))
        };
        let line = v.row.line;
        let sourced = |c: &GridCell, text: String| Sourced::new(text, Pos::new(line, c.column));

        let level1 = l1_cell
            .map(|c| sourced(c, normalise::squeeze(&c.text)))
            .or_else(|| self.last_level1.clone());
        let level2 = get(IndicatorColumn::Level2)
            .map(|c| sourced(c, normalise::squeeze(&c.text)))
            .or_else(|| self.last_level2.clone());
        let name_cell = get(IndicatorColumn::Name);
        let (Some(level1), Some(name_cell)) = (level1, name_cell) else {
            let text: Vec<&str> = v.filled().map(|(c, _)| c.text.as_str()).collect();
            self.note(
                line,
                format!(
                    "绩效指标行无法识别（缺少一级指标或三级指标）：{}",
                    text.join(" | ")
                ),
            );
            return;
        };
        let (category, label_weight) = normalise::level1_of(&level1.value).unzip();
        let mut target = get(IndicatorColumn::Target)
            .map(|c| normalise::parse_target(&c.text, Pos::new(line, c.column)));
        // Families with a separate 指标性质 / 度量单位 column.
        if let Some(t) = target.as_mut() {
            if let Some(op) =
                get(IndicatorColumn::Comparator).and_then(|c| normalise::parse_comparator(&c.text))
                && t.comparator == Comparator::Implicit
            {
                t.comparator = op;
            }
            if t.unit.is_none() {
                t.unit = get(IndicatorColumn::Unit).map(|c| normalise::squeeze(&c.text));
            }
        }
        let actual = get(IndicatorColumn::Actual)
            .map(|c| normalise::parse_actual(&c.text, Pos::new(line, c.column)));
        let weight = self.number_cell(get(IndicatorColumn::Weight), line, "分值");
        let score = self.number_cell(get(IndicatorColumn::Score), line, "得分");
        let deviation_note = get(IndicatorColumn::Deviation)
            .filter(|c| !matches!(c.text.as_str(), "—" | "——" | "/"))
            .map(|c| sourced(c, normalise::clean_text(&c.text)));
        let name = sourced(name_cell, normalise::squeeze(&name_cell.text));
        self.last_level1 = Some(level1.clone());
        self.last_level2 = level2.clone();
        self.form.indicators.push(Indicator {
            level1,
            level1_category: category,
            level1_label_weight: label_weight.flatten(),
            level2,
            name,
            target,
            actual,
            weight,
            score,
            deviation_note,
            line,
        });
    }

    fn number_cell(
        &mut self,
        cell: Option<&GridCell>,
        line: u32,
        what: &str,
    ) -> Option<Sourced<Decimal>> {
        let cell = cell?;
        if normalise::is_null_marker(&cell.text) {
            return None;
        }
        match normalise::parse_number(&cell.text) {
            Some(d) => Some(Sourced::new(d, Pos::new(line, cell.column))),
            None => {
                let message = format!("{what}“{}”不是数字，已按空值处理", cell.text);
                self.note(line, message);
                None
            }
        }
    }

    fn read_total(&mut self, v: &RowView) {
        let line = v.row.line;
        let number_at = |col: Option<u32>| {
            col.and_then(|c| v.row.cell(c)).and_then(|c| {
                normalise::parse_number(&c.text).map(|d| Sourced::new(d, Pos::new(line, c.column)))
            })
        };
        let mut weight = number_at(self.column_of(IndicatorColumn::Weight));
        let mut score = number_at(self.column_of(IndicatorColumn::Score));
        if weight.is_none() && score.is_none() {
            // No header alignment: the last two numbers on the row are 分值 and 得分.
            let numbers: Vec<Sourced<Decimal>> = v
                .filled()
                .filter_map(|(c, _)| {
                    normalise::parse_number(&c.text)
                        .map(|d| Sourced::new(d, Pos::new(line, c.column)))
                })
                .collect();
            match numbers.as_slice() {
                [.., w, s] => {
                    weight = Some(w.clone());
                    score = Some(s.clone());
                }
                [s] => score = Some(s.clone()),
                [] => {}
            }
        }
        let grade_label = v
            .filled()
            .find(|(c, _)| labels::is_grade_word(&c.text))
            .map(|(c, _)| Sourced::new(c.text.clone(), Pos::new(line, c.column)));
        self.form.total = Some(TotalRow {
            weight,
            score,
            grade_label,
            line,
        });
        self.section = Section::Done;
    }

    fn finish(mut self) -> Form {
        let has_total_funds = self.form.funds.total_row().is_some();
        let has_total_score = self.form.total.as_ref().is_some_and(|t| t.score.is_some());
        self.form.status = if has_total_funds && !self.form.indicators.is_empty() && has_total_score
        {
            FormStatus::Complete
        } else {
            let stops_in = if self.section == Section::Done {
                // The 总分 row was read but something before it is missing.
                if !has_total_funds {
                    "资金使用情况（缺少年度资金总额行）"
                } else if self.form.indicators.is_empty() {
                    "年度绩效指标（没有指标行）"
                } else {
                    "总分（没有得分）"
                }
            } else {
                self.section.chinese()
            };
            FormStatus::Incomplete {
                stops_in: stops_in.to_string(),
                line: self.form.source.last_line,
            }
        };
        self.form
    }
}

/// `预期目标 … 实际完成情况` header of the goals block: (expected column, achieved column).
fn goal_header(v: &RowView) -> Option<(u32, u32)> {
    let expected = v
        .filled()
        .find(|(_, l)| *l == "预期目标" || *l == "年初设定目标")?;
    let achieved = v
        .filled()
        .find(|(_, l)| l.contains("实际完成情况") || l.contains("完成情况"))?;
    Some((expected.0.column, achieved.0.column))
}

fn is_section_caption(v: &RowView) -> bool {
    v.filled_count() == 1
        && v.filled()
            .next()
            .is_some_and(|(_, l)| matches!(l, "资金使用情况" | "项目目标完成情况" | "年度总体目标"))
}

fn amount_unit_of(label: &str) -> AmountUnit {
    if label.contains("万元") {
        AmountUnit::WanYuan
    } else if label.contains('元') {
        AmountUnit::Yuan
    } else {
        AmountUnit::Unknown
    }
}

fn parse_year(text: &str) -> Option<i32> {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let year: i32 = digits.parse().ok()?;
    (digits.len() == 4 && (1990..=2100).contains(&year)).then_some(year)
}
