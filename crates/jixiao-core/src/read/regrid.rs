//! Putting rows back: a stream of cells (one per line or paragraph, a table on one line,
//! run-together text) → rows, by the label vocabulary.
//!
//! Labels the forms share (`labels::classify`) mark where rows start: a header field and its
//! value, a run of column labels (a header row), a funds row label and the values after it, a
//! level-1 or level-2 label and the indicator rows under it, 总分, and what follows the table.
//! Indicator rows under one label are cut by a small dynamic programme that matches the cells
//! against the types of the header's columns (a name is text, 分值 and 得分 are numbers, a
//! trailing 偏差原因 may be missing). A label broken over two cells (`年度` / `指标值`,
//! `经济效` / `益指标`) is joined first. What cannot be put back honestly (values before their
//! labels in column-major spreadsheet text, a scrambled PDF header) becomes an [`Event`] that
//! stops the form there.

mod column_major;

use super::labels::{self, IndicatorColumn, Label};
use crate::grid::{GridCell, PlacedRow, Rendering, Row, StreamCell};
use crate::model::Pos;
use crate::normalise;

/// A remark the regridder passes to the form reader, in stream order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// From here on the text cannot be put back into rows: the form stops here.
    Unreliable { why: String, line: u32 },
    /// A cell that can be read in several ways; none is chosen.
    Ambiguous { reading: String, line: u32 },
    /// A problem for the form's read notes.
    Note { line: u32, message: String },
    /// How the text was read (a page marker skipped, rows rebuilt): a remark, not a problem.
    Remark { line: u32, message: String },
    /// A stretch that could not be put back into rows: it is left out, the form is incomplete,
    /// but reading goes on after it.
    Gap { why: String, line: u32 },
}

/// What the regridder gives the form reader.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Row(PlacedRow),
    Event(Event),
}

#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub text: String,
    pub canon: String,
    pub at: Pos,
    pub label: Option<Label>,
}

impl Cell {
    fn new(text: String, at: Pos) -> Cell {
        let canon = if text.is_empty() {
            String::new()
        } else {
            normalise::canonical_label(&text)
        };
        let label =
            labels::classify(&canon).or_else(|| labels::split_inline(&text).map(|(l, _)| l));
        Cell {
            text,
            canon,
            at,
            label,
        }
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

fn is_pure_number(t: &str) -> bool {
    normalise::parse_number(t).is_some() || normalise::parse_percent(t).is_some()
}

/// Text whose only digits are a trailing weight: `指标(50分)`, `(40)`, `30分)`.
fn digits_only_in_weight(t: &str) -> bool {
    if !t.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    let Some(open) = t.rfind('(') else {
        return is_weight_fragment(t) || !t.chars().any(|c| c.is_ascii_digit());
    };
    is_weight_fragment(&t[open..]) && !t[..open].chars().any(|c| c.is_ascii_digit())
}

/// A weight fragment of a split level-1 label: `(50)`, `30分)`, `(50分)`.
fn is_weight_fragment(t: &str) -> bool {
    if !(t.starts_with('(') || t.ends_with(')')) {
        return false;
    }
    let t = t.trim_start_matches('(').trim_end_matches(')');
    let t = t.strip_suffix('分').unwrap_or(t);
    !t.is_empty() && normalise::parse_number(t).is_some()
}

/// Join label pieces broken over neighbouring cells: `年度`+`指标值`, `经济效`+`益指标`,
/// `产出指标`+`(50)`, `偏差原因`+`分析及`+`改进措施`. A join is made only when the joined text is
/// a label and it is not just two labels side by side.
pub(crate) fn merge_split_labels(cells: Vec<Cell>) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    let mut i = 0;
    while i < cells.len() {
        let mut merged = None;
        for k in [3usize, 2] {
            if i + k > cells.len() {
                continue;
            }
            let pieces = &cells[i..i + k];
            if pieces
                .iter()
                .any(|c| c.is_blank() || c.canon.chars().count() > 16)
            {
                continue;
            }
            if is_pure_number(&pieces[0].text) {
                continue;
            }
            if pieces[1..].iter().any(|c| !digits_only_in_weight(&c.text)) {
                continue;
            }
            let canon: String = pieces.iter().map(|c| c.canon.as_str()).collect();
            let Some(kind) = labels::classify(&canon) else {
                continue;
            };
            let first_is_fragment = match pieces[0].label {
                None | Some(Label::Header(labels::HeaderField::Year) | Label::Info) => true,
                Some(first) => first == kind && kind.is_column(),
            };
            let rest_are_fragments = pieces[1..].iter().all(|c| c.label.is_none());
            let extends = pieces[0].label == Some(kind)
                && pieces[1..]
                    .iter()
                    .all(|c| c.label.is_none_or(|l| l == Label::Trailer));
            let first_is_fragment = first_is_fragment
                && (pieces[0].label.is_none()
                    || !kind.is_column()
                    || extends
                    || pieces[0].label != Some(kind));
            if !first_is_fragment && !rest_are_fragments {
                continue;
            }
            // Do not swallow a complete row label into a longer one of another kind.
            if pieces[0].label.is_some_and(|l| l.is_column()) && !kind.is_column() {
                continue;
            }
            let text: String = pieces.iter().map(|c| c.text.as_str()).collect();
            merged = Some((
                k,
                Cell {
                    text,
                    canon,
                    at: pieces[0].at,
                    label: Some(kind),
                },
            ));
            break;
        }
        match merged {
            Some((k, c)) => {
                out.push(c);
                i += k;
            }
            None => {
                out.push(cells[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// Join split labels inside each row of a row rendering (space-separated rows).
pub fn merge_row_labels(rows: Vec<PlacedRow>) -> Vec<PlacedRow> {
    rows.into_iter()
        .map(|r| {
            let cells: Vec<Cell> = r
                .row
                .cells
                .iter()
                .enumerate()
                .map(|(i, c)| Cell::new(c.text.clone(), r.pos(i)))
                .collect();
            if cells.len() < 2 {
                return r;
            }
            let merged = merge_split_labels(cells);
            let line = r.row.line;
            to_row(line, merged.iter().map(|c| (c.text.clone(), c.at)))
        })
        .collect()
}

fn to_row(line: u32, cells: impl Iterator<Item = (String, Pos)>) -> PlacedRow {
    let mut out = Vec::new();
    let mut at = Vec::new();
    for (i, (text, p)) in cells.enumerate() {
        out.push(GridCell {
            text,
            column: crate::grid::col_no(i),
        });
        at.push(p);
    }
    PlacedRow {
        row: Row { line, cells: out },
        at,
    }
}

/// A row placed at explicit columns (`(column, text, position)`).
fn row_at(cells: Vec<(u32, String, Pos)>) -> PlacedRow {
    let line = cells.first().map_or(1, |c| c.2.line);
    let mut out = Vec::with_capacity(cells.len());
    let mut at = Vec::with_capacity(cells.len());
    for (column, text, p) in cells {
        out.push(GridCell { text, column });
        at.push(p);
    }
    PlacedRow {
        row: Row { line, cells: out },
        at,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Header,
    Funds {
        ncols: usize,
    },
    Goals,
    Indicators(Header),
    Trailer,
    /// A block the model does not keep (资金管理情况, 项目决策 …): cells pass through as rows.
    Block,
}

/// The indicator header as the regridder needs it.
#[derive(Debug, Clone, PartialEq)]
struct Header {
    /// Every column in order.
    kinds: Vec<IndicatorColumn>,
    /// Index of the name column in `kinds`.
    name_at: usize,
}

impl Header {
    fn values(&self) -> &[IndicatorColumn] {
        &self.kinds[self.name_at + 1..]
    }
    fn col_of(&self, k: IndicatorColumn) -> Option<u32> {
        self.kinds
            .iter()
            .position(|x| *x == k)
            .map(crate::grid::col_no)
    }
}

/// Merge the two rows of a two-line indicator header (`绩效指标 | 年度指标值 | 实际完成值 | …`
/// over `一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位`): a group label of the
/// first row (绩效指标, or 年度指标值 over 指标性质/指标值/度量单位) is replaced by the
/// columns under it; the other first-row labels keep their order.
pub(crate) fn merge_header_rows(
    first: &[Option<IndicatorColumn>],
    second: &[IndicatorColumn],
) -> Vec<IndicatorColumn> {
    use IndicatorColumn::*;
    let is_name_group = |k: &IndicatorColumn| matches!(k, Level1 | Level2 | Name);
    let is_target_group = |k: &IndicatorColumn| matches!(k, Comparator | Target | Unit);
    let mut out = Vec::new();
    let mut j = 0;
    for k in first {
        match k {
            None => {
                // A caption (绩效指标) over the name columns.
                while j < second.len() && is_name_group(&second[j]) {
                    out.push(second[j]);
                    j += 1;
                }
            }
            Some(Target) if second[j..].iter().any(&is_target_group) => {
                while j < second.len() && !is_target_group(&second[j]) && is_name_group(&second[j])
                {
                    out.push(second[j]);
                    j += 1;
                }
                while j < second.len() && is_target_group(&second[j]) {
                    out.push(second[j]);
                    j += 1;
                }
            }
            Some(k) => {
                if !out.contains(k) && !second.contains(k) {
                    out.push(*k);
                }
            }
        }
    }
    for k in &second[j..] {
        if !out.contains(k) {
            out.push(*k);
        }
    }
    out
}

struct Regrid<'a> {
    cells: &'a [Cell],
    i: usize,
    out: Vec<Item>,
    state: State,
    /// Value cells seen in the funds block that no row label claimed.
    orphans: usize,
    unreliable: bool,
    run_together: bool,
    /// The last level-1 category placed.
    last_l1: Option<crate::model::Level1>,
    /// The funds header's columns.
    funds_kinds: Vec<labels::FundsColumn>,
    /// The text came out column by column (`column_major`): tables are rebuilt from their
    /// column runs.
    column_major: bool,
    /// The column-major remark was made for the current form.
    column_major_said: bool,
}

/// Put a stream of cells back into rows.
pub fn regrid(stream: &[StreamCell], rendering: Rendering) -> Vec<Item> {
    let (stream, markers) = super::remarks::take_page_markers(stream);
    let stream = stream.as_ref();
    let run_together = rendering == Rendering::RunTogether;
    let raw: Vec<Cell> = if run_together {
        super::runtogether::cut(stream)
    } else {
        stream
            .iter()
            .map(|c| Cell::new(c.text.clone(), c.at))
            .collect()
    };
    let cells = merge_split_labels(raw);
    let column_major = !run_together && column_major::detect(&cells);
    let mut r = Regrid {
        cells: &cells,
        i: 0,
        out: Vec::new(),
        state: State::Header,
        orphans: 0,
        unreliable: false,
        run_together,
        last_l1: None,
        funds_kinds: Vec::new(),
        column_major,
        column_major_said: false,
    };
    r.run();
    super::remarks::place_page_markers(r.out, markers)
}

impl Regrid<'_> {
    fn cell(&self, i: usize) -> Option<&Cell> {
        self.cells.get(i)
    }

    fn next_filled(&self, mut i: usize) -> Option<usize> {
        while i < self.cells.len() {
            if !self.cells[i].is_blank() {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// The label of cell `i` in the current context, or `None` for data.
    fn label(&self, i: usize) -> Option<Label> {
        let c = self.cell(i)?;
        let l = c.label?;
        let in_table = matches!(self.state, State::Indicators(_));
        match l {
            Label::FundsRow(_) if in_table => None,
            Label::Total if !in_table && !matches!(self.state, State::Trailer) => {
                // `合计` in a funds block is a row of the funds table (sources by kind).
                None
            }
            Label::Level1 | Label::Level2 => self.is_level_label(i, l).then_some(l),
            Label::FundsColumn(labels::FundsColumn::Reason) if in_table => Some(Label::Trailer),
            Label::Info if c.canon.chars().count() <= 2 && in_table => None,
            _ => Some(l),
        }
    }

    /// `成本指标` printed where the 产出 group's level-2 labels stand (an older template): a
    /// level-2 label, unless a level-2 label follows it (the newer 成本 level-1).
    fn cost_as_level2(&self, i: usize) -> bool {
        if !self.cost_after_output(&self.cells[i]) {
            return false;
        }
        !matches!(
            self.next_filled(i + 1).map(|j| self.label(j)),
            Some(Some(Label::Level2))
        )
    }

    fn cost_after_output(&self, c: &Cell) -> bool {
        self.last_l1 == Some(crate::model::Level1::Output)
            && matches!(
                normalise::level1_of(&c.canon),
                Some((crate::model::Level1::Cost, None))
            )
    }

    /// A bare level word (`满意度`, `数量`) is a label only when text (a name) follows it.
    fn is_level_label(&self, i: usize, l: Label) -> bool {
        let c = &self.cells[i];
        let explicit = c.canon.ends_with("指标")
            || c.canon.ends_with("指標")
            || (l == Label::Level1
                && normalise::level1_of(&c.canon).is_some_and(|(_, w)| w.is_some()));
        if explicit {
            return true;
        }
        match self.next_filled(i + 1).and_then(|j| self.cell(j)) {
            Some(n) => n.label.is_some() || !looks_like_value(&n.text),
            None => false,
        }
    }

    fn emit(&mut self, row: PlacedRow) {
        self.out.push(Item::Row(row));
    }

    fn event(&mut self, e: Event) {
        if matches!(e, Event::Unreliable { .. }) {
            if self.unreliable {
                return;
            }
            self.unreliable = true;
        }
        self.out.push(Item::Event(e));
    }

    fn run(&mut self) {
        while self.i < self.cells.len() {
            let i = self.i;
            let c = &self.cells[i];
            if c.is_blank() {
                self.i += 1;
                continue;
            }
            let label = self.label(i);
            if let State::Indicators(h) = &self.state {
                let h = h.clone();
                let hard = match label {
                    None => false,
                    Some(Label::Level1 | Label::Level2) => false,
                    Some(Label::IndicatorCaption) => {
                        // A caption repeated at a page break.
                        self.i += 1;
                        continue;
                    }
                    Some(_) => true,
                };
                if !hard {
                    self.indicator_segment(&h);
                    continue;
                }
            }
            if self.column_major && !self.unreliable && self.column_major_block(i, label) {
                continue;
            }
            match label {
                Some(Label::Title) => {
                    self.state = State::Header;
                    self.orphans = 0;
                    self.unreliable = false;
                    self.column_major_said = false;
                    self.single(i);
                }
                Some(Label::Header(_) | Label::Info | Label::HeaderTotal) => {
                    if matches!(self.state, State::Indicators(_)) && label == Some(Label::Info) {
                        self.state = State::Trailer;
                    }
                    self.label_value(i);
                }
                Some(Label::FundsCaption | Label::FundsColumn(_)) => self.funds_header(i),
                Some(Label::FundsRow(_)) => self.funds_row(i),
                Some(Label::GoalCaption | Label::GoalExpected | Label::GoalAchieved) => {
                    self.goals(i)
                }
                Some(Label::IndicatorCaption | Label::IndicatorColumn(_)) => {
                    self.indicator_header(i)
                }
                Some(Label::Total) => self.total(i),
                Some(Label::Trailer) => {
                    self.state = State::Trailer;
                    self.label_text(i);
                }
                Some(Label::TransferBlock | Label::DecisionBlock) => {
                    self.state = State::Block;
                    self.label_text(i);
                }
                Some(Label::Level1 | Label::Level2) | None => self.data(i),
            }
        }
    }

    /// A row of one cell.
    fn single(&mut self, i: usize) {
        let c = &self.cells[i];
        self.emit(row_at(vec![(1, c.text.clone(), c.at)]));
        self.i = i + 1;
    }

    /// A label and the value after it (a non-label cell), if any.
    fn label_value(&mut self, i: usize) {
        let c = self.cells[i].clone();
        let mut cells = vec![(1, c.text.clone(), c.at)];
        self.i = i + 1;
        if labels::split_inline(&c.text).is_none()
            && let Some(j) = self.next_filled(i + 1)
            && self.label(j).is_none()
        {
            let v = &self.cells[j];
            cells.push((2, v.text.clone(), v.at));
            self.i = j + 1;
        }
        self.emit(row_at(cells));
    }

    /// A label and the text cells after it, joined into one cell.
    fn label_text(&mut self, i: usize) {
        let c = self.cells[i].clone();
        let mut cells = vec![(1, c.text.clone(), c.at)];
        let mut j = i + 1;
        let mut col = 2;
        while j < self.cells.len() && self.label(j).is_none() {
            let v = &self.cells[j];
            if !v.is_blank() {
                cells.push((col, v.text.clone(), v.at));
                col += 1;
            }
            j += 1;
            if col > 64 {
                break;
            }
        }
        self.i = j;
        self.emit(row_at(cells));
    }

    /// Cells that are not labels, outside the indicator table: one row until the next label.
    fn data(&mut self, i: usize) {
        let mut cells = Vec::new();
        let mut j = i;
        let mut values = 0;
        while j < self.cells.len() && (j == i || self.label(j).is_none()) {
            let v = &self.cells[j];
            if !v.is_blank() {
                if looks_like_value(&v.text) {
                    values += 1;
                }
                cells.push((crate::grid::col_no(cells.len()), v.text.clone(), v.at));
            }
            j += 1;
            if cells.len() >= 64 {
                break;
            }
        }
        self.i = j.max(i + 1);
        if let State::Funds { ncols } = self.state {
            self.orphans += values;
            if ncols > 0 && values >= 2 && !self.run_together {
                let line = self.cells[i].at.line;
                self.event(Event::Unreliable {
                    why: "资金使用情况（数值出现在行标签之前：按列导出的表格文本或单元格顺序错乱，无法按行对齐）"
                        .to_string(),
                    line,
                });
            }
        }
        if !cells.is_empty() {
            self.emit(row_at(cells));
        }
    }

    fn funds_header(&mut self, i: usize) {
        let mut cells = Vec::new();
        let mut j = i;
        let mut ncols = 0;
        let mut kinds = Vec::new();
        // Captions first (`预算执行情况(10分)`, `年度预算数(万元)`), then the column labels.
        while let Some(k) = self.next_filled(j) {
            match self.label(k) {
                Some(Label::FundsCaption) if ncols == 0 => {}
                Some(Label::FundsColumn(c)) => {
                    ncols += 1;
                    kinds.push(c);
                }
                Some(Label::IndicatorColumn(IndicatorColumn::Weight)) if ncols > 0 => {
                    ncols += 1;
                    kinds.push(labels::FundsColumn::Weight);
                }
                Some(Label::IndicatorColumn(IndicatorColumn::Score)) if ncols > 0 => {
                    ncols += 1;
                    kinds.push(labels::FundsColumn::Score);
                }
                _ => break,
            }
            let c = &self.cells[k];
            cells.push((crate::grid::col_no(cells.len()), c.text.clone(), c.at));
            j = k + 1;
        }
        self.i = j.max(i + 1);
        // A header interleaved with values (column-major text) has a single column here.
        if ncols == 1
            && !self.run_together
            && let Some(k) = self.next_filled(j)
            && self.label(k).is_none()
            && looks_like_value(&self.cells[k].text)
        {
            self.orphans += 1;
        }
        self.state = State::Funds { ncols };
        self.funds_kinds = kinds;
        self.emit(row_at(cells));
    }

    fn funds_row(&mut self, i: usize) {
        let ncols = match self.state {
            State::Funds { ncols } => ncols,
            _ => 0,
        };
        let c = self.cells[i].clone();
        let mut cells = vec![(1, c.text.clone(), c.at)];
        let mut j = i + 1;
        let mut taken = 0;
        while j < self.cells.len() && taken < ncols.max(1) && self.label(j).is_none() {
            let v = &self.cells[j];
            cells.push((crate::grid::col_no(cells.len()), v.text.clone(), v.at));
            taken += 1;
            j += 1;
        }
        // Drop trailing blanks (padding).
        while cells.len() > 1 && cells.last().is_some_and(|c| c.1.is_empty()) {
            cells.pop();
        }
        self.i = j;
        if ncols == 0 && !matches!(self.state, State::Funds { .. }) {
            self.state = State::Funds { ncols: 0 };
        }
        if self.run_together && cells.len() == 2 && ncols >= 2 {
            let (text, at) = (cells[1].1.clone(), cells[1].2);
            match super::runtogether::split_funds_values(&text, &self.funds_kinds) {
                Ok(values) => {
                    cells.truncate(1);
                    for v in values {
                        cells.push((crate::grid::col_no(cells.len()), v, at));
                    }
                }
                Err(readings) if readings.len() > 1 => {
                    cells.truncate(1);
                    self.event(Event::Ambiguous {
                        reading: format!(
                            "“{}”一行的数字“{}”可以拆成：{}",
                            c.text,
                            text,
                            readings.join("；")
                        ),
                        line: at.line,
                    });
                }
                Err(_) => {}
            }
        }
        // Column-major text lists row labels one after another with no values between them.
        if taken == 0 && self.orphans >= 2 && !self.run_together {
            self.event(Event::Unreliable {
                why: "资金使用情况（数值出现在行标签之前：按列导出的表格文本，无法按行对齐）"
                    .to_string(),
                line: c.at.line,
            });
        }
        self.emit(row_at(cells));
    }

    fn goals(&mut self, i: usize) {
        let mut head = Vec::new();
        let mut j = i;
        while let Some(k) = self.next_filled(j) {
            if !matches!(
                self.label(k),
                Some(Label::GoalCaption | Label::GoalExpected | Label::GoalAchieved)
            ) {
                break;
            }
            let c = &self.cells[k];
            head.push((crate::grid::col_no(head.len()), c.text.clone(), c.at));
            j = k + 1;
        }
        self.emit(row_at(head));
        self.state = State::Goals;
        // The goal texts up to the next label: the first half is 预期目标, the second half
        // 实际完成情况 (a cell of several paragraphs comes out as several cells).
        let mut texts: Vec<&Cell> = Vec::new();
        while j < self.cells.len() && self.label(j).is_none() {
            if !self.cells[j].is_blank() {
                texts.push(&self.cells[j]);
            }
            j += 1;
        }
        self.i = j;
        if texts.is_empty() {
            return;
        }
        let join = |cs: &[&Cell]| {
            cs.iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let n = texts.len();
        let row = if n.is_multiple_of(2) {
            vec![
                (2, join(&texts[..n / 2]), texts[0].at),
                (3, join(&texts[n / 2..]), texts[n / 2].at),
            ]
        } else {
            if n > 1 {
                let line = texts[0].at.line;
                self.out.push(Item::Event(Event::Note {
                    line,
                    message: format!(
                        "年度总体目标有{n}段文字，无法分清预期目标与实际完成情况，均读作预期目标"
                    ),
                }));
            }
            vec![(2, join(&texts), texts[0].at)]
        };
        self.emit(row_at(row));
    }

    fn indicator_header(&mut self, i: usize) {
        // Collect the run of column labels (and captions) with their kinds.
        let mut run: Vec<(Option<IndicatorColumn>, &Cell)> = Vec::new();
        let mut j = i;
        while let Some(k) = self.next_filled(j) {
            let kind = match self.label(k) {
                Some(Label::IndicatorColumn(c)) => Some(c),
                Some(Label::FundsColumn(labels::FundsColumn::Weight)) => {
                    Some(IndicatorColumn::Weight)
                }
                Some(Label::FundsColumn(labels::FundsColumn::Score)) => {
                    Some(IndicatorColumn::Score)
                }
                Some(Label::IndicatorCaption) if run.iter().all(|(k, _)| k.is_none()) => None,
                Some(Label::IndicatorCaption) => break,
                _ => break,
            };
            run.push((kind, &self.cells[k]));
            j = k + 1;
        }
        self.i = j.max(i + 1);
        let kinds: Vec<Option<IndicatorColumn>> = run.iter().map(|(k, _)| *k).collect();
        if kinds.iter().all(Option::is_none) {
            // Only a caption (`绩效指标(90分)`): a row of its own.
            let cells = run
                .iter()
                .enumerate()
                .map(|(n, (_, c))| (crate::grid::col_no(n), c.text.clone(), c.at))
                .collect();
            self.emit(row_at(cells));
            return;
        }
        // A two-line header comes out as one run: the second line starts where a level or name
        // column follows a value column, or where a kind repeats.
        let split = (1..kinds.len()).find(|&n| {
            let k = kinds[n];
            let before = &kinds[..n];
            (matches!(
                k,
                Some(IndicatorColumn::Level1 | IndicatorColumn::Level2 | IndicatorColumn::Name)
            ) && before.iter().any(|b| {
                matches!(
                    b,
                    Some(
                        IndicatorColumn::Target
                            | IndicatorColumn::Actual
                            | IndicatorColumn::Weight
                            | IndicatorColumn::Score
                    )
                )
            })) || (k.is_some() && before.contains(&k))
        });
        let merged: Vec<IndicatorColumn> = match split {
            Some(n) => {
                let second: Vec<IndicatorColumn> = kinds[n..].iter().flatten().copied().collect();
                merge_header_rows(&kinds[..n], &second)
            }
            None => kinds.iter().flatten().copied().collect(),
        };
        let Some(name_at) = merged.iter().position(|k| *k == IndicatorColumn::Name) else {
            // Damaged header (a scrambled PDF): the table cannot be read row by row.
            let line = run.first().map_or(0, |(_, c)| c.at.line);
            let cells = run
                .iter()
                .enumerate()
                .map(|(n, (_, c))| (crate::grid::col_no(n), c.text.clone(), c.at))
                .collect();
            self.emit(row_at(cells));
            self.event(Event::Unreliable {
                why: "年度绩效指标（表头不完整或顺序错乱，找不到三级指标列，无法按行读出）"
                    .to_string(),
                line,
            });
            return;
        };
        // Captions before the columns (`绩效指标(90分)`) go in a row of their own.
        for (k, c) in &run {
            if k.is_some() {
                break;
            }
            self.out
                .push(Item::Row(row_at(vec![(1, c.text.clone(), c.at)])));
        }
        // The header row as the form reader sees it: one label per column, in order.
        let mut cells = Vec::new();
        for (n, k) in merged.iter().enumerate() {
            let src = run.iter().find(|(kk, _)| *kk == Some(*k)).map(|(_, c)| *c);
            let (text, at) = match src {
                Some(c) => (c.text.clone(), c.at),
                None => (String::new(), run[0].1.at),
            };
            cells.push((crate::grid::col_no(n), text, at));
        }
        self.emit(row_at(cells));
        self.state = State::Indicators(Header {
            kinds: merged,
            name_at,
        });
    }

    fn total(&mut self, i: usize) {
        let c = self.cells[i].clone();
        let mut vals: Vec<&Cell> = Vec::new();
        let mut j = i + 1;
        while j < self.cells.len() && self.label(j).is_none() {
            let v = &self.cells[j];
            if !(v.is_blank()
                || is_pure_number(&v.text)
                || labels::is_grade_word(&v.text)
                || normalise::is_null_marker(&v.text))
            {
                break;
            }
            vals.push(v);
            j += 1;
            if vals.len() > 16 {
                break;
            }
        }
        self.i = j;
        while vals.last().is_some_and(|v| v.is_blank()) && vals.len() > 3 {
            vals.pop();
        }
        let width = match &self.state {
            State::Indicators(h) => h.kinds.len(),
            _ => vals.len() + 1,
        };
        // The cells after 总分 sit under the last columns of the header.
        let n = u32::try_from(vals.len()).unwrap_or(0);
        let w = u32::try_from(width).unwrap_or(0).max(n + 1);
        let mut cells = vec![(w - n, c.text.clone(), c.at)];
        for (k, v) in vals.iter().enumerate() {
            cells.push((
                w - n + 1 + u32::try_from(k).unwrap_or(0),
                v.text.clone(),
                v.at,
            ));
        }
        self.emit(row_at(cells));
        self.state = State::Trailer;
    }

    /// The cells under one level label (or none) up to the next label, cut into rows.
    fn indicator_segment(&mut self, h: &Header) {
        let start = self.i;
        let mut lead: Vec<&Cell> = Vec::new();
        let mut j = start;
        // Leading level labels.
        while let Some(k) = self.next_filled(j) {
            match self.label(k) {
                Some(Label::Level1) if lead.is_empty() && self.cost_as_level2(k) => {
                    lead.push(&self.cells[k]);
                    j = k + 1;
                    continue;
                }
                Some(Label::Level1) if lead.is_empty() => {}
                Some(Label::Level2)
                    if lead.len() <= 1
                        && !lead.iter().any(|c| matches!(c.label, Some(Label::Level2))) => {}
                _ => break,
            }
            lead.push(&self.cells[k]);
            j = k + 1;
        }
        let body_start = j;
        let mut end = j;
        while end < self.cells.len() && self.label(end).is_none() {
            end += 1;
        }
        let body: Vec<&Cell> = self.cells[body_start..end].iter().collect();
        self.i = end.max(start + 1);
        let at_end = end >= self.cells.len();
        let rows = segment_rows(&body, h.values());
        let col1 = h.col_of(IndicatorColumn::Level1);
        let col2 = h.col_of(IndicatorColumn::Level2);
        let name_col = crate::grid::col_no(h.name_at);
        let mut leads: Vec<(u32, String, Pos)> = Vec::new();
        for (n, c) in lead.iter().enumerate() {
            let is_l1 = matches!(c.label, Some(Label::Level1))
                && !(n == 0 && lead.len() == 1 && self.cost_after_output(c));
            let col = if is_l1 {
                self.last_l1 = normalise::level1_of(&c.canon).map(|(k, _)| k);
                col1.unwrap_or(1)
            } else {
                col2.or(col1).unwrap_or(1)
            };
            leads.push((col, c.text.clone(), c.at));
        }
        let mut rows = rows;
        let mut cut_fragment = None;
        if at_end && rows.last().is_some_and(|(_, v)| v.is_empty()) && rows.len() > 1 {
            // A last fragment with no value (`生态` of a cut `生态效益指标`): not a row.
            cut_fragment = rows.pop().map(|(n, _)| body[n]);
        }
        if rows.is_empty() {
            if !leads.is_empty() {
                self.emit(row_at(leads));
            }
            return;
        }
        let nrows = rows.len();
        for (r, (name, values)) in rows.into_iter().enumerate() {
            let mut cells = std::mem::take(&mut leads);
            let n = body[name];
            cells.push((name_col, n.text.clone(), n.at));
            for (k, v) in values.iter().enumerate() {
                let c = body[*v];
                cells.push((
                    name_col + 1 + u32::try_from(k).unwrap_or(0),
                    c.text.clone(),
                    c.at,
                ));
            }
            let short = values.len() < h.values().len();
            self.emit(row_at(cells));
            if r + 1 == nrows && at_end && short && cut_fragment.is_none() {
                self.event(Event::Note {
                    line: n.at.line,
                    message: format!("文本在指标“{}”一行中途结束，该行可能不完整", n.text),
                });
            }
        }
        if let Some(c) = cut_fragment {
            self.out.push(Item::Event(Event::Note {
                line: c.at.line,
                message: format!("文本在“{}”处中途结束", c.text),
            }));
        }
    }
}

/// A cell that reads as a value (number, percent, amount, target with an operator, null marker).
fn looks_like_value(t: &str) -> bool {
    if t.is_empty() || normalise::is_null_marker(t) {
        return true;
    }
    if is_pure_number(t) || normalise::parse_amount(t).is_some() {
        return true;
    }
    let target = normalise::parse_target(t, Pos::default());
    target.comparator != crate::model::Comparator::Qualitative
}

/// Cost of reading cell text `t` as a value of column `k`.
fn type_cost(k: IndicatorColumn, t: &str) -> f32 {
    use IndicatorColumn::*;
    let blank = t.is_empty() || normalise::is_null_marker(t);
    match k {
        Weight | Score | Coefficient | WeightShare | WeightedScore => {
            if normalise::parse_number(t).is_some() {
                0.0
            } else if blank {
                0.3
            } else {
                5.0
            }
        }
        Comparator => {
            if normalise::parse_comparator(t).is_some() {
                0.0
            } else if blank {
                0.3
            } else {
                2.0
            }
        }
        Unit => {
            if blank || (t.chars().count() <= 6 && !t.chars().any(|c| c.is_ascii_digit())) {
                0.0
            } else {
                1.5
            }
        }
        Target | Actual => {
            if blank {
                0.3
            } else if t.chars().count() > 40 {
                0.5
            } else {
                0.0
            }
        }
        Deviation | Ignored | Method | Core | Level1 | Level2 | Name => 0.0,
    }
}

fn name_cost(t: &str) -> f32 {
    if t.is_empty() {
        4.0
    } else if normalise::is_void_text(t) {
        0.0
    } else if is_pure_number(t) || normalise::parse_comparator(t).is_some() {
        3.0
    } else if looks_like_value(t) {
        1.5
    } else {
        0.0
    }
}

/// Cost of a row that stops before column `k` (the columns from `k` on are missing).
fn omit_cost(k: IndicatorColumn) -> f32 {
    use IndicatorColumn::*;
    match k {
        Deviation | Ignored | Method | Core => 0.6,
        Weight | Score | Coefficient | WeightShare | WeightedScore => 2.5,
        Target | Actual => 3.0,
        _ => 1.5,
    }
}

/// Cut the cells under one level label into rows: each row is a name and up to
/// `values.len()` value cells. Returns `(name index, value indices)` per row.
fn segment_rows(body: &[&Cell], values: &[IndicatorColumn]) -> Vec<(usize, Vec<usize>)> {
    let m = body.len();
    let k = values.len();
    // best[i] = (cost, number of values taken, skip) for the rest from i.
    let mut best: Vec<(f32, usize, bool)> = vec![(0.0, 0, false); m + 1];
    for i in (0..m).rev() {
        let mut choice = (f32::INFINITY, 0, false);
        if body[i].is_blank() {
            choice = (best[i + 1].0, 0, true);
        }
        let base = name_cost(&body[i].text);
        let mut acc = base;
        for j in 0..=k {
            if j > 0 {
                let idx = i + j;
                if idx >= m {
                    break;
                }
                acc += type_cost(values[j - 1], &body[idx].text);
            }
            let next = i + 1 + j;
            if next > m {
                break;
            }
            let missing: f32 = if next == m {
                values[j..].iter().map(|_| 0.2).sum()
            } else {
                values[j..].iter().map(|v| omit_cost(*v)).sum()
            };
            let total = acc + missing + best[next].0;
            if total < choice.0 {
                choice = (total, j, false);
            }
        }
        best[i] = choice;
    }
    let mut rows = Vec::new();
    let mut i = 0;
    while i < m {
        let (_, j, skip) = best[i];
        if skip {
            i += 1;
            continue;
        }
        rows.push((i, (i + 1..i + 1 + j).collect()));
        i += 1 + j;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<StreamCell> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| StreamCell {
                text: (*t).to_string(),
                at: Pos::new(u32::try_from(i + 1).unwrap(), 1),
            })
            .collect()
    }

    fn rows(items: &[Item]) -> Vec<Vec<String>> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Row(r) => Some(r.row.cells.iter().map(|c| c.text.clone()).collect()),
                Item::Event(_) => None,
            })
            .collect()
    }

    #[test]
    fn split_labels_are_joined() {
        let c: Vec<Cell> = [
            "年度",
            "指标值",
            "经济效",
            "益指标",
            "产出指标",
            "(50)",
            "10",
            "10",
        ]
        .iter()
        .map(|t| Cell::new((*t).to_string(), Pos::default()))
        .collect();
        let m: Vec<String> = merge_split_labels(c).into_iter().map(|c| c.text).collect();
        assert_eq!(
            m,
            vec!["年度指标值", "经济效益指标", "产出指标(50)", "10", "10"]
        );
    }

    #[test]
    fn two_line_header_merges_groups() {
        use IndicatorColumn::*;
        let first = [
            None,
            Some(Target),
            Some(Actual),
            Some(Weight),
            Some(Score),
            Some(Deviation),
        ];
        let second = [Level1, Level2, Name, Comparator, Target, Unit];
        assert_eq!(
            merge_header_rows(&first, &second),
            vec![
                Level1, Level2, Name, Comparator, Target, Unit, Actual, Weight, Score, Deviation
            ]
        );
    }

    #[test]
    fn rows_come_back_with_a_missing_reason_cell() {
        let s = cells(&[
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因",
            "产出指标",
            "数量指标",
            "造林面积",
            "1.2万亩",
            "1.2万亩",
            "10",
            "10",
            "",
            "病虫害防治面积",
            "3.45万亩",
            "3.45万亩",
            "7",
            "7",
            "森林经营面积",
            "16.3万亩",
            "16.3万亩",
            "7",
            "7",
            "",
            "质量指标",
            "造林成活率",
            "85%",
            "85%",
            "7",
            "7",
            "总分",
            "100",
            "100",
        ]);
        let r = rows(&regrid(&s, Rendering::CellPerLine));
        assert_eq!(r[1][..3], ["产出指标", "数量指标", "造林面积"]);
        assert_eq!(
            r[2],
            vec!["病虫害防治面积", "3.45万亩", "3.45万亩", "7", "7"]
        );
        assert_eq!(r[3][0], "森林经营面积");
        assert_eq!(r[4][..2], ["质量指标", "造林成活率"]);
        assert_eq!(r[5], vec!["总分", "100", "100"]);
    }
}
