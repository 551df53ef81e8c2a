//! Grid rows → forms: a streaming state machine, one row at a time.
//!
//! Columns are mapped by header text, never by position: the funds header row (`年初预算数 …`)
//! and the indicator header row (`一级指标 … 得分`, possibly over two lines) say where each
//! value sits, and data rows are aligned to them by their label cell (the 一级 label, else the
//! 二级 label, else the name), so a row with missing or extra leading cells still reads. A row
//! broken over two lines (a name, then its values) is put back together. A form begins at a
//! title row, or at header fields (`项目名称:`) once the previous form has a table; it is
//! complete only when its 总分 row has been read (or, for a family that prints its total in the
//! header, when the table has been read to its end).

mod decision;
mod extra;
mod sections;

use super::family::{self, Family, Signals};
use super::labels::{
    self, FactsMemo, FundsColumn, HeaderField, IndicatorColumn, Label, LabelFacts,
};
use super::regrid::{Event, merge_header_rows};
use crate::grid::{CellMark, GridCell, PlacedRow, Row};
use crate::model::*;
use crate::normalise;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::cell::OnceCell;

/// Longest cell (bytes) looked at as a possible label; longer cells are text, not labels.
const MAX_LABEL_BYTES: usize = 150;

/// Cells of a header row whose "used" flags [`Builder::read_header_cells`] keeps on the stack.
const USED_ON_STACK: usize = 32;

/// Room made for a form's indicators at its first one: forms have a dozen to a few dozen (the
/// generated ones 10 to 22), and growing past the room copies every indicator read so far.
const INDICATORS_AT_ONCE: usize = 24;

/// Rows one form may span before the reader gives up on it (a guard against endless junk).
const MAX_FORM_ROWS: u32 = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Header,
    Funds,
    /// A block the model does not keep (资金管理情况 of transfer payments, 项目决策/项目管理).
    Block,
    Goals,
    Indicators,
    /// Text after the table (评价结论, 说明 …) without a 总分 row.
    Trailer,
    Done,
}

impl Section {
    fn chinese(self) -> &'static str {
        match self {
            Section::Header => "表头",
            Section::Funds => "资金使用情况",
            Section::Block => "资金管理情况",
            Section::Goals => "年度总体目标",
            Section::Indicators => "年度绩效指标",
            Section::Trailer => "表后说明",
            Section::Done => "总分",
        }
    }
}

/// Reads forms from a stream of rows.
pub struct FormReader {
    path: String,
    current: Option<Builder>,
    done: Vec<Form>,
    /// The label facts of the last row, kept for the next row's, and the labels they are of
    /// (`facts_labels[i]` is the label of `facts_buffer[i]`; it may hold more).
    facts_buffer: Vec<LabelFacts>,
    facts_labels: Vec<String>,
    /// The thread's label memo, lent to this reader until it is dropped.
    memo: FactsMemo,
    /// The allocation of the last row's labels, kept for the next row's (always empty).
    labels_buffer: Vec<Cow<'static, str>>,
}

impl Drop for FormReader {
    fn drop(&mut self) {
        std::mem::take(&mut self.memo).give_back();
    }
}

impl FormReader {
    pub fn new(path: &str) -> Self {
        FormReader {
            path: path.to_string(),
            current: None,
            done: Vec::new(),
            facts_buffer: Vec::new(),
            facts_labels: Vec::new(),
            memo: FactsMemo::take(),
            labels_buffer: Vec::new(),
        }
    }

    /// Feed the next row (its cells sit at `(row.line, cell.column)`).
    pub fn feed(&mut self, row: &Row) {
        self.feed_at(row, &[], &[]);
    }

    /// [`FormReader::feed`], told what the grid's scan found out about each cell.
    pub(crate) fn feed_clean(&mut self, row: &Row, marks: &[CellMark]) {
        self.feed_at(row, &[], marks);
    }

    /// Feed the next row with the printed position of each cell.
    pub fn feed_placed(&mut self, row: &PlacedRow) {
        self.feed_at(&row.row, &row.at, &[]);
    }

    fn feed_at(&mut self, row: &Row, at: &[Pos], marks: &[CellMark]) {
        if row.is_blank() {
            return;
        }
        if let Some(marker) = super::remarks::page_marker_row(row) {
            if let Some(b) = self.current.as_mut() {
                let message = super::remarks::page_marker_message(&marker);
                b.form.read_notes.push(ReadNote::remark(row.line, message));
            }
            return;
        }
        // An empty vector of another lifetime, collected in place: the buffer's allocation.
        let mut labels: Vec<Cow<'_, str>> = recycle(std::mem::take(&mut self.labels_buffer));
        labels.extend(row.cells.iter().enumerate().map(|(i, c)| {
            // Labels are short; long cells (goal texts, notes) are never labels.
            if c.text.is_empty() || c.text.len() > MAX_LABEL_BYTES {
                Cow::Borrowed("")
            } else if let Some(m) = marks.get(i).filter(|m| m.clean) {
                normalise::canonical_label_of_scanned(&c.text, m.spaced)
            } else {
                normalise::canonical_label_cow(&c.text)
            }
        }));
        // The last row's facts, kept where a cell repeats the label above it (the 一级/二级
        // labels of an indicator table): a string comparison instead of a memo lookup.
        let mut facts = std::mem::take(&mut self.facts_buffer);
        facts.truncate(labels.len());
        for (i, l) in labels.iter().enumerate() {
            if i < facts.len() && self.facts_labels[i] == **l {
                debug_assert_eq!(facts[i], labels::facts_uncached(l), "{l:?}");
                continue;
            }
            let f = self.memo.get(l);
            match facts.get_mut(i) {
                Some(slot) => *slot = f,
                None => facts.push(f),
            }
            match self.facts_labels.get_mut(i) {
                Some(kept) => {
                    kept.clear();
                    kept.push_str(l);
                }
                None => self.facts_labels.push(l.to_string()),
            }
        }
        let view = RowView::with_facts(row, at, labels, facts).with_marks(marks);
        self.feed_view(&view);
        self.facts_buffer = view.facts;
        self.labels_buffer = recycle(view.labels);
    }

    fn feed_view(&mut self, view: &RowView) {
        let row = view.row;
        if view.is_title() {
            match self.current.as_mut() {
                Some(b) if b.is_empty() => b.retitle(view),
                _ => {
                    self.close();
                    let mut b = Builder::new(&self.path, row.line, Some(view.title()));
                    b.title_signals(view);
                    self.current = Some(b);
                }
            }
            return;
        }
        let has_header_fields = view.header_fields().next().is_some();
        let funds_header = view.has_funds_header();
        let starts_table = funds_header || view.has_indicator_header();
        let needs_new = match &self.current {
            None => has_header_fields || starts_table,
            // A form whose text stopped being readable ends only at the next title.
            Some(b) if b.unreliable.is_some() => b.rows_seen >= MAX_FORM_ROWS,
            Some(b) => {
                (has_header_fields && b.section > Section::Header && !b.is_empty())
                    || (b.section == Section::Done && starts_table)
                    || (funds_header && b.section >= Section::Indicators)
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
            b.feed(view);
        }
    }

    /// A remark of the regridder about the text at this point.
    pub(crate) fn event(&mut self, e: &Event) {
        if self.current.is_none() && matches!(e, Event::Remark { .. }) {
            // A remark on text before any form (a page marker above the title) is not kept.
            return;
        }
        let b = match self.current.as_mut() {
            Some(b) => b,
            None => {
                // Before any form: start one so the remark is not lost.
                let line = match e {
                    Event::Unreliable { line, .. }
                    | Event::Ambiguous { line, .. }
                    | Event::Note { line, .. }
                    | Event::Remark { line, .. }
                    | Event::Gap { line, .. } => *line,
                };
                self.current = Some(Builder::new(&self.path, line, None));
                let Some(b) = self.current.as_mut() else {
                    return;
                };
                b
            }
        };
        match e {
            Event::Unreliable { why, line } => {
                if b.unreliable.is_none() {
                    b.unreliable = Some((why.clone(), *line));
                }
            }
            Event::Ambiguous { reading, line } => {
                b.ambiguous.push(reading.clone());
                b.note(*line, format!("存在多种读法，未作猜测：{reading}"));
            }
            Event::Note { line, message } => b.note(*line, message.clone()),
            Event::Remark { line, message } => {
                b.form
                    .read_notes
                    .push(ReadNote::remark(*line, message.clone()));
            }
            Event::Gap { why, line } => {
                b.note(*line, format!("未读入：{why}"));
                if b.gap.is_none() {
                    b.gap = Some((why.clone(), *line));
                }
            }
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
        std::mem::take(&mut self.done)
    }
}

/// An empty vector of labels of any lifetime, with `labels`' allocation (the standard library
/// collects a vector's `into_iter` in place).
#[allow(clippy::unnecessary_filter_map)] // the item type changes: `filter` cannot do that
fn recycle<'b>(labels: Vec<Cow<'_, str>>) -> Vec<Cow<'b, str>> {
    labels.into_iter().filter_map(|_| None).collect()
}

/// A row with the canonical label of each cell (same order as `row.cells`).
pub(crate) struct RowView<'a> {
    row: &'a Row,
    at: &'a [Pos],
    labels: Vec<Cow<'a, str>>,
    /// `labels::facts` of each label (same order).
    facts: Vec<LabelFacts>,
    /// Per cell, when known: what the grid's scan found out about its text (clean text needs no
    /// cleaning again to be parsed). Empty when not known.
    marks: &'a [CellMark],
    /// Counts over the filled cells' facts, which rule most rows out of the header tests.
    summary: RowSummary,
    /// [`RowView::funds_header`] and [`RowView::indicator_header`], worked out once per row (the
    /// reader asks them several times).
    funds_cols: OnceCell<Option<Vec<(u32, FundsColumn)>>>,
    indicator_cols: OnceCell<Option<Vec<(u32, IndicatorColumn)>>>,
}

impl<'a> RowView<'a> {
    fn new(row: &'a Row, at: &'a [Pos], labels: Vec<Cow<'a, str>>) -> Self {
        let facts = labels.iter().map(|l| labels::facts(l)).collect();
        Self::with_facts(row, at, labels, facts)
    }

    /// [`RowView::new`] with the labels' facts already worked out (`labels::facts` of each).
    fn with_facts(
        row: &'a Row,
        at: &'a [Pos],
        labels: Vec<Cow<'a, str>>,
        facts: Vec<LabelFacts>,
    ) -> Self {
        let summary = RowSummary::of(row, &facts);
        RowView {
            row,
            at,
            labels,
            facts,
            summary,
            marks: &[],
            funds_cols: OnceCell::new(),
            indicator_cols: OnceCell::new(),
        }
    }

    fn with_marks(mut self, marks: &'a [CellMark]) -> Self {
        self.marks = marks;
        self
    }
}

impl RowView<'_> {
    /// Where cell `i` was printed.
    fn pos(&self, i: usize) -> Pos {
        match self.at.get(i) {
            Some(p) => *p,
            None => Pos::new(self.row.line, self.row.cells.get(i).map_or(0, |c| c.column)),
        }
    }

    /// Where `cell` (a cell of this row) was printed.
    fn pos_of(&self, cell: &GridCell) -> Pos {
        if self.at.is_empty() {
            return Pos::new(self.row.line, cell.column);
        }
        let i = self
            .row
            .cells
            .iter()
            .position(|c| std::ptr::eq(c, cell))
            .unwrap_or(0);
        self.pos(i)
    }

    /// Whether `cell` (a cell of this row) is known to hold clean text.
    fn is_clean(&self, cell: &GridCell) -> bool {
        self.clean_mark(cell).is_some()
    }

    /// The mark of `cell` (a cell of this row) when it is known to hold clean text.
    fn clean_mark(&self, cell: &GridCell) -> Option<CellMark> {
        if self.marks.is_empty() {
            return None;
        }
        let mark = self
            .index_of(cell)
            .and_then(|i| self.marks.get(i).copied())
            .filter(|m| m.clean);
        debug_assert!(
            mark.is_none_or(|m| normalise::clean_spaced(&cell.text) == Some(m.spaced)),
            "{:?}",
            cell.text
        );
        mark
    }

    /// The facts of a cell (of this row) whose label is its text as it stands (a clean cell with
    /// no blank and no marks): then a question about the text is a question about the label.
    fn text_facts(&self, cell: &GridCell) -> Option<&LabelFacts> {
        let i = self.index_of(cell)?;
        (self.labels.get(i)?.as_ref() == cell.text).then(|| self.facts.get(i))?
    }

    /// [`RowView::text_facts`] of a clean cell, whose squeezed text is then its text too.
    fn squeezed_facts(&self, cell: &GridCell) -> Option<&LabelFacts> {
        self.text_facts(cell).filter(|_| self.is_clean(cell))
    }

    /// Index of `cell` (a cell of this row) in the row.
    fn index_of(&self, cell: &GridCell) -> Option<usize> {
        let base = self.row.cells.as_ptr() as usize;
        let i = (std::ptr::from_ref(cell) as usize)
            .checked_sub(base)?
            .checked_div(std::mem::size_of::<GridCell>())?;
        self.row
            .cells
            .get(i)
            .is_some_and(|c| std::ptr::eq(c, cell))
            .then_some(i)
    }

    /// `normalise::level1_of` of a cell's text.
    fn level1_of(&self, cell: &GridCell) -> Option<(Level1, Option<Decimal>)> {
        match self.text_facts(cell) {
            Some(f) => {
                debug_assert_eq!(f.level1, normalise::level1_of(&cell.text));
                f.level1
            }
            None => normalise::level1_of(&cell.text),
        }
    }

    /// `normalise::squeeze` of a cell's text.
    fn squeeze(&self, cell: &GridCell) -> String {
        if let Some(m) = self.clean_mark(cell) {
            normalise::squeeze_of_scanned(&cell.text, m.spaced).into_owned()
        } else {
            normalise::squeeze(&cell.text)
        }
    }

    /// `normalise::clean_text` of a cell's text.
    fn clean_text(&self, cell: &GridCell) -> String {
        if self.is_clean(cell) {
            cell.text.clone()
        } else {
            normalise::clean_text(&cell.text)
        }
    }

    /// `labels::split_inline` of a cell's text.
    fn split_inline<'c>(&self, cell: &'c GridCell) -> Option<(Label, &'c str)> {
        if self.is_clean(cell) {
            labels::split_inline_of_clean(&cell.text)
        } else {
            labels::split_inline(&cell.text)
        }
    }

    fn parse_number(&self, cell: &GridCell) -> Option<Decimal> {
        if self.is_clean(cell) {
            normalise::parse_number_of_clean(&cell.text)
        } else {
            normalise::parse_number(&cell.text)
        }
    }

    fn parse_percent(&self, cell: &GridCell) -> Option<Decimal> {
        if self.is_clean(cell) {
            normalise::parse_percent_of_clean(&cell.text)
        } else {
            normalise::parse_percent(&cell.text)
        }
    }

    fn parse_amount(&self, cell: &GridCell) -> Option<(Decimal, Option<AmountUnit>)> {
        if self.is_clean(cell) {
            normalise::parse_amount_of_clean(&cell.text)
        } else {
            normalise::parse_amount(&cell.text)
        }
    }

    fn is_null_marker(&self, cell: &GridCell) -> bool {
        if self.is_clean(cell) {
            normalise::is_null_marker_of_clean(&cell.text)
        } else {
            normalise::is_null_marker(&cell.text)
        }
    }

    fn parse_target(&self, cell: &GridCell) -> Target {
        if self.is_clean(cell) {
            normalise::parse_target_of_clean(&cell.text, self.pos_of(cell))
        } else {
            normalise::parse_target(&cell.text, self.pos_of(cell))
        }
    }

    fn parse_actual(&self, cell: &GridCell) -> Actual {
        if self.is_clean(cell) {
            normalise::parse_actual_of_clean(&cell.text, self.pos_of(cell))
        } else {
            normalise::parse_actual(&cell.text, self.pos_of(cell))
        }
    }

    fn filled(&self) -> impl Iterator<Item = (&GridCell, &str)> {
        self.row
            .cells
            .iter()
            .zip(self.labels.iter())
            .filter(|(c, _)| !c.text.is_empty())
            .map(|(c, l)| (c, l.as_ref()))
    }

    /// [`RowView::filled`] with each label's facts.
    fn filled_facts(&self) -> impl Iterator<Item = (&GridCell, &str, &LabelFacts)> {
        self.row
            .cells
            .iter()
            .zip(self.labels.iter().zip(self.facts.iter()))
            .filter(|(c, _)| !c.text.is_empty())
            .map(|(c, (l, f))| (c, l.as_ref(), f))
    }

    fn filled_count(&self) -> usize {
        self.summary.filled
    }

    fn is_title(&self) -> bool {
        self.filled_count() <= 2 && self.filled_facts().next().is_some_and(|(_, _, f)| f.title)
    }

    fn title(&self) -> Sourced<String> {
        match self.filled().next() {
            Some((c, _)) => Sourced::new(normalise::squeeze(&c.text), self.pos_of(c)),
            None => Sourced::new(String::new(), Pos::new(self.row.line, 1)),
        }
    }

    fn header_fields(&self) -> impl Iterator<Item = (usize, HeaderField)> + '_ {
        self.facts
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.header_field.map(|f| (i, f)))
    }

    fn funds_header(&self) -> Option<Vec<(u32, FundsColumn)>> {
        self.funds_header_ref().map(<[_]>::to_vec)
    }

    fn has_funds_header(&self) -> bool {
        self.funds_header_ref().is_some()
    }

    fn funds_header_ref(&self) -> Option<&[(u32, FundsColumn)]> {
        // Every column of a funds header is a cell with a funds column label (a `合计` is added
        // only next to one): most rows are ruled out by their summary, before the memo.
        if self.summary.funds_columns == 0 {
            debug_assert_eq!(self.funds_header_of_cells(), None);
            return None;
        }
        self.funds_cols
            .get_or_init(|| self.funds_header_of_cells())
            .as_deref()
    }

    /// [`RowView::funds_header`] without the summary's shortcut.
    fn funds_header_of_cells(&self) -> Option<Vec<(u32, FundsColumn)>> {
        let mut cols: Vec<(u32, FundsColumn)> = self
            .filled_facts()
            .filter_map(|(c, _, f)| f.funds_column.map(|k| (c.column, k)))
            .collect();
        decision::source_total_column(self, &mut cols);
        let has_money = cols.iter().any(|(_, k)| {
            matches!(
                k,
                FundsColumn::AdjustedBudget | FundsColumn::Executed | FundsColumn::InitialBudget
            )
        });
        (has_money && cols.len() >= 2).then_some(cols)
    }

    /// The indicator column of each filled cell (`None` for a caption such as 绩效指标).
    fn indicator_kinds(&self) -> Vec<(u32, Option<IndicatorColumn>)> {
        self.filled_facts()
            .filter_map(|(c, _, f)| match f.indicator_column {
                Some(k) => Some((c.column, Some(k))),
                None if f.indicator_caption => Some((c.column, None)),
                None => None,
            })
            .collect()
    }

    fn indicator_header(&self) -> Option<Vec<(u32, IndicatorColumn)>> {
        self.indicator_header_ref().map(<[_]>::to_vec)
    }

    fn has_indicator_header(&self) -> bool {
        self.indicator_header_ref().is_some()
    }

    fn indicator_header_ref(&self) -> Option<&[(u32, IndicatorColumn)]> {
        // A header needs a name column and three column labels in all: most rows are ruled out
        // by their summary, before the memo.
        if !self.summary.name_column || self.summary.indicator_columns < 3 {
            debug_assert_eq!(self.indicator_header_of_cells(), None);
            return None;
        }
        self.indicator_cols
            .get_or_init(|| self.indicator_header_of_cells())
            .as_deref()
    }

    /// [`RowView::indicator_header`] without the summary's shortcut.
    fn indicator_header_of_cells(&self) -> Option<Vec<(u32, IndicatorColumn)>> {
        let cols: Vec<(u32, IndicatorColumn)> = self
            .filled_facts()
            .filter_map(|(c, _, f)| f.indicator_column.map(|k| (c.column, k)))
            .collect();
        let has_name = cols.iter().any(|(_, k)| *k == IndicatorColumn::Name);
        (has_name && cols.len() >= 3).then_some(cols)
    }

    /// A first line of a two-line indicator header: column labels but no 三级指标, and nothing
    /// else on the row.
    fn partial_indicator_header(&self) -> Option<Vec<(u32, Option<IndicatorColumn>)>> {
        // Most rows hold fewer than two column labels: ruled out before building the list.
        if self.summary.indicator_columns < 2 {
            return None;
        }
        let kinds = self.indicator_kinds();
        let labelled = kinds.iter().filter(|(_, k)| k.is_some()).count();
        let all_labels = kinds.len() == self.filled_count();
        let has_name = kinds.iter().any(|(_, k)| *k == Some(IndicatorColumn::Name));
        (!has_name && labelled >= 2 && all_labels).then_some(kinds)
    }

    fn funds_row(&self) -> Option<(FundsKind, &GridCell)> {
        if !self.summary.funds_row {
            debug_assert!(self.funds_row_of_cells().is_none());
            return None;
        }
        self.funds_row_of_cells()
    }

    /// [`RowView::funds_row`] without the summary's shortcut.
    fn funds_row_of_cells(&self) -> Option<(FundsKind, &GridCell)> {
        self.filled_facts()
            .find_map(|(c, _, f)| f.funds_row.map(|k| (k, c)))
    }

    fn is_total(&self) -> bool {
        self.filled_facts().next().is_some_and(|(_, _, f)| f.total)
    }

    /// `row.cell` of a column (none for a column before the first).
    fn cell(&self, column: i64) -> Option<&GridCell> {
        let column = u32::try_from(column).ok()?;
        // A tab-separated row (the one kind that comes with marks) holds column `c` at index
        // `c - 1`, once: found there without a search.
        if !self.marks.is_empty() {
            let at_index = usize::try_from(column)
                .ok()
                .and_then(|c| c.checked_sub(1))
                .and_then(|i| self.row.cells.get(i))
                .filter(|c| c.column == column);
            if let Some(c) = at_index {
                let found = (!c.text.is_empty()).then_some(c);
                debug_assert!(
                    found.map(std::ptr::from_ref) == self.row.cell(column).map(std::ptr::from_ref)
                );
                return found;
            }
        }
        self.row.cell(column)
    }

    /// The first filled cell's label classification.
    fn first_label(&self) -> Option<Label> {
        self.filled_facts().next().and_then(|(_, _, f)| f.classify)
    }

    fn texts(&self) -> String {
        let text: Vec<&str> = self.filled().map(|(c, _)| c.text.as_str()).collect();
        text.join(" | ")
    }
}

/// Counts over the facts of a row's filled cells, taken in one pass when the view is made: the
/// header and row tests each need at least one cell of a kind, which most rows do not have, and
/// would otherwise walk the cells to find out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct RowSummary {
    filled: usize,
    funds_columns: usize,
    indicator_columns: usize,
    name_column: bool,
    funds_row: bool,
    goal: bool,
    /// A cell carries family signals.
    signals: bool,
}

impl RowSummary {
    fn of(row: &Row, facts: &[LabelFacts]) -> RowSummary {
        let mut s = RowSummary::default();
        for (c, f) in row.cells.iter().zip(facts) {
            if c.text.is_empty() {
                continue;
            }
            s.filled += 1;
            // Most cells are no column label, no funds row, no goal label and carry no signals.
            if !f.counted {
                continue;
            }
            s.funds_columns += usize::from(f.funds_column.is_some());
            s.indicator_columns += usize::from(f.indicator_column.is_some());
            s.name_column |= f.indicator_column == Some(IndicatorColumn::Name);
            s.funds_row |= f.funds_row.is_some();
            s.goal |= f.goal.is_some();
            s.signals |= !f.signals.is_none();
        }
        s
    }
}

/// A cell that reads as a value (a number, a percent, an amount, a target with an operator).
fn looks_like_value(t: &str) -> bool {
    // Every reading below needs an ASCII digit in the cleaned cell, which only an ASCII or a
    // full-width digit (folded) can give: most names have neither.
    if !t.bytes().any(|b| b.is_ascii_digit()) && !t.chars().any(|c| ('０'..='９').contains(&c)) {
        return false;
    }
    if normalise::parse_number(t).is_some()
        || normalise::parse_percent(t).is_some()
        || normalise::parse_amount(t).is_some()
    {
        return true;
    }
    normalise::parse_target(t, Pos::default()).comparator != Comparator::Qualitative
}

/// A `(2021年度)` / `2021年度)` / `（2022年度）` cell: the year evaluated.
fn year_cell(label: &str) -> Option<i32> {
    // A year cell ends in `年`, `度` or `)`, told by its last byte (`年` ends in B4, `度` in A6):
    // the other cells of the header and funds rows are ruled out without the trimming below.
    if !matches!(label.as_bytes().last(), Some(b')' | 0xB4 | 0xA6)) {
        debug_assert_eq!(year_cell_of(label), None, "{label:?}");
        return None;
    }
    year_cell_of(label)
}

/// [`year_cell`] without the last-byte shortcut.
fn year_cell_of(label: &str) -> Option<i32> {
    let t = label.trim_start_matches('(').trim_end_matches(')');
    let t = t.strip_suffix("年度").or_else(|| t.strip_suffix('年'))?;
    parse_year(t).filter(|_| t.len() == 4)
}

/// The year inside a title: `部门预算项目支出绩效自评表(2023年度)`, `2020年度项目支出…`.
fn year_in_title(title: &str) -> Option<i32> {
    let b = title.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let y = title.get(i..i + 4)?;
        let before_ok = i == 0 || !b[i - 1].is_ascii_digit();
        let after = title.get(i + 4..)?;
        (before_ok && y.bytes().all(|c| c.is_ascii_digit()) && after.starts_with('年'))
            .then(|| parse_year(y))
            .flatten()
    })
}

/// An indicator row waiting for its values on the next line.
struct PendingRow {
    row: Row,
    at: Vec<Pos>,
    labels: Vec<String>,
}

pub(crate) struct Builder {
    form: Form,
    section: Section,
    rows_seen: u32,
    funds_cols: Vec<(u32, FundsColumn)>,
    goal_cols: Option<(u32, u32)>,
    /// Column of each `IndicatorColumn` (indexed by `as usize`) in the indicator header.
    ind_cols: [Option<u32>; IndicatorColumn::COUNT],
    has_ind_header: bool,
    /// The first line of a two-line indicator header.
    pending_header: Option<Vec<(u32, Option<IndicatorColumn>)>>,
    /// An indicator row with a name and no values (they may follow on the next line).
    pending_row: Option<PendingRow>,
    last_level1: Option<Sourced<String>>,
    /// Indicators whose 一级 label was not printed on or above their row (a merged cell printed
    /// mid-block, as in PDFs): their level-1 comes from their 二级 category until a printed label
    /// of that category is seen, which then replaces it.
    provisional_level1: Vec<usize>,
    /// The last 一级 label printed on or above a row (never a provisional one), and for each
    /// provisional row the printed label it stood under: the decision frame gives the row back
    /// to that section (`sections.rs`).
    printed_level1: Option<Sourced<String>>,
    under_printed: Vec<(usize, Sourced<String>)>,
    last_level2: Option<Sourced<String>>,
    /// `自评总分` printed in the header.
    header_total: Option<Sourced<Decimal>>,
    signals: Signals,
    /// Where the text stops being readable row by row, and why.
    unreliable: Option<(String, u32)>,
    /// The first stretch left out because it could not be put back into rows (reading went on).
    gap: Option<(String, u32)>,
    ambiguous: Vec<String>,
    /// The decision frame's own item header (项目权重 / 评价内容 / 分值 / 自评分 …) and the
    /// section label its rows are under.
    decision: Option<decision::DecisionCols>,
    decision_section: Option<Sourced<String>>,
}

impl Builder {
    fn new(path: &str, line: u32, title: Option<Sourced<String>>) -> Self {
        let mut form = Form::empty(path, "");
        form.source.first_line = line;
        form.source.last_line = line;
        if let Some(t) = &title
            && let Some(y) = year_in_title(&t.value)
        {
            form.header.year = Some(Sourced::new(y, t.at));
        }
        form.title = title;
        Builder {
            form,
            section: Section::Header,
            rows_seen: 0,
            funds_cols: Vec::new(),
            goal_cols: None,
            ind_cols: [None; IndicatorColumn::COUNT],
            has_ind_header: false,
            pending_header: None,
            pending_row: None,
            last_level1: None,
            provisional_level1: Vec::new(),
            printed_level1: None,
            under_printed: Vec::new(),
            last_level2: None,
            header_total: None,
            signals: Signals::default(),
            unreliable: None,
            gap: None,
            ambiguous: Vec::new(),
            decision: None,
            decision_section: None,
        }
    }

    /// Nothing but a title (and remarks) read so far.
    fn is_empty(&self) -> bool {
        let h = &self.form.header;
        self.section == Section::Header
            && h.project_code.is_none()
            && h.project_name.is_none()
            && h.implementing_unit.is_none()
            && h.budget_unit.is_none()
            && self.form.funds.rows.is_empty()
            && self.form.indicators.is_empty()
            && self.header_total.is_none()
    }

    /// A second title right after the first (a page title, then the form's own): keep the
    /// later one, which is closer to the table.
    fn retitle(&mut self, v: &RowView) {
        let t = v.title();
        if let Some(y) = year_in_title(&t.value) {
            self.form.header.year = Some(Sourced::new(y, t.at));
        }
        self.title_signals(v);
        self.form.title = Some(t);
        self.form.source.last_line = v.row.line;
    }

    fn title_signals(&mut self, v: &RowView) {
        if let Some((_, l)) = v.filled().next() {
            self.signals.title(l);
        }
    }

    fn note(&mut self, line: u32, message: String) {
        self.form.read_notes.push(ReadNote::problem(line, message));
    }

    fn feed(&mut self, v: &RowView) {
        self.rows_seen += 1;
        self.form.source.last_line = v.row.line;
        if self.section == Section::Done {
            return;
        }
        if self.unreliable.is_some() {
            // The text cannot be read row by row any more; only the family shows through.
            if v.summary.signals {
                for (_, _, f) in v.filled_facts() {
                    self.signals.apply(&f.signals);
                }
            }
            return;
        }
        if let Some(p) = self.pending_row.take() {
            if self.continues_row(v) {
                self.read_continued(p, v);
                return;
            }
            self.read_pending(p);
        }
        if v.summary.signals {
            for (_, _, f) in v.filled_facts() {
                self.signals.apply(&f.signals);
            }
        }
        if self.section <= Section::Funds && self.read_header_cells(v) {
            return;
        }
        if let Some(cols) = v.funds_header() {
            self.funds_cols = cols;
            self.section = Section::Funds;
            self.read_funds_captions(v);
            return;
        }
        if self.try_indicator_header(v) {
            return;
        }
        if self.section <= Section::Funds {
            if let Some((kind, label)) = v.funds_row() {
                self.read_funds_row(v, kind, label);
                return;
            }
            if self.read_funds_captions(v) {
                return;
            }
        }
        if self.read_decision(v) || self.read_unlabelled_funds_row(v) {
            return;
        }
        match v.first_label() {
            Some(Label::TransferBlock | Label::DecisionBlock) => {
                if self.section != Section::Block {
                    let (_, l) = v.filled().next().unwrap_or((&v.row.cells[0], ""));
                    let what = l.to_string();
                    self.form.read_notes.push(ReadNote::remark(
                        v.row.line,
                        format!("“{what}”栏目不属于本工具读取的表格结构（文字说明或另一评分框架），其内容未读入"),
                    ));
                }
                self.section = Section::Block;
                return;
            }
            Some(Label::IndicatorCaption) if v.filled_count() <= 2 => {
                return;
            }
            Some(Label::Trailer | Label::FundsColumn(FundsColumn::Reason))
                if self.section >= Section::Indicators =>
            {
                self.section = Section::Trailer;
                return;
            }
            Some(Label::Info) if self.section >= Section::Indicators => {
                self.section = Section::Trailer;
                return;
            }
            Some(Label::Info) if v.filled_count() <= 2 => {
                return;
            }
            _ => {}
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
            Section::Block | Section::Trailer | Section::Done => {}
            Section::Header | Section::Funds => {
                if !is_section_caption(v) {
                    let text = v.texts();
                    let section = self.section.chinese();
                    self.note(v.row.line, format!("未能识别的行（{section}）：{text}"));
                }
            }
        }
    }

    /// Header fields, `label:value` cells, info items, the year and a header total. True when the
    /// row held nothing else.
    fn read_header_cells(&mut self, v: &RowView) -> bool {
        // Header rows are a few cells wide: the flags live on the stack unless the row is wide.
        let mut used_here = [false; USED_ON_STACK];
        let mut used_wide;
        let used: &mut [bool] = match used_here.get_mut(..v.row.cells.len()) {
            Some(here) => here,
            None => {
                used_wide = vec![false; v.row.cells.len()];
                &mut used_wide
            }
        };
        let mut any = false;
        for (i, cell) in v.row.cells.iter().enumerate() {
            if cell.text.is_empty() || used[i] {
                continue;
            }
            let l = v.labels[i].as_ref();
            let at = v.pos(i);
            if let Some((kind, value)) = v.split_inline(cell) {
                used[i] = true;
                any = true;
                match kind {
                    Label::Header(f) => self.set_header(f, normalise::squeeze(value), at),
                    Label::HeaderTotal => self.set_header_total(value, at),
                    _ => {}
                }
                continue;
            }
            if let Some(y) = year_cell(l) {
                if self.form.header.year.is_none() {
                    self.form.header.year = Some(Sourced::new(y, at));
                }
                used[i] = true;
                any = true;
                continue;
            }
            let kind = match v.facts[i].classify {
                Some(k @ (Label::Header(_) | Label::Info | Label::HeaderTotal)) => k,
                _ => continue,
            };
            used[i] = true;
            any = true;
            // The value: the next filled cell, unless it is a label itself.
            let value = (i + 1..v.row.cells.len()).find(|&j| !v.row.cells[j].text.is_empty());
            let Some(j) = value else { continue };
            if v.facts[j]
                .classify
                .is_some_and(|k| matches!(k, Label::Header(_) | Label::Info | Label::HeaderTotal))
            {
                continue;
            }
            used[j] = true;
            let vat = v.pos(j);
            let text = v.squeeze(&v.row.cells[j]);
            match kind {
                Label::Header(f) => self.set_header(f, text, vat),
                Label::HeaderTotal => self.set_header_total(&text, vat),
                _ => {}
            }
        }
        if !any {
            return false;
        }
        // Cells left over on a header row are noted, never dropped silently.
        let rest: Vec<&str> = v
            .row
            .cells
            .iter()
            .zip(used.iter())
            .filter(|(c, u)| !**u && !c.text.is_empty() && !is_checkbox_text(&c.text))
            .map(|(c, _)| c.text.as_str())
            .collect();
        if !rest.is_empty() && !v.has_funds_header() && v.funds_row().is_none() {
            self.note(
                v.row.line,
                format!("表头行中未能识别的内容：{}", rest.join(" | ")),
            );
        }
        !v.has_funds_header() && v.funds_row().is_none() && !v.has_indicator_header()
    }

    fn set_header(&mut self, field: HeaderField, text: String, at: Pos) {
        let h = &mut self.form.header;
        match field {
            HeaderField::ProjectCode => h.project_code = Some(Sourced::new(text, at)),
            HeaderField::ProjectName => h.project_name = Some(Sourced::new(text, at)),
            HeaderField::ImplementingUnit => h.implementing_unit = Some(Sourced::new(text, at)),
            HeaderField::BudgetUnit => {
                if h.budget_unit.is_none() {
                    h.budget_unit = Some(Sourced::new(text, at));
                } else if let Some(b) = h.budget_unit.as_mut() {
                    // 中央主管部门 + 地方主管部门: keep both.
                    b.value.push('；');
                    b.value.push_str(&text);
                }
            }
            HeaderField::UnitName => {
                if h.implementing_unit.is_none() {
                    h.implementing_unit = Some(Sourced::new(text, at));
                }
            }
            HeaderField::Year => match parse_year(&text) {
                Some(y) => h.year = Some(Sourced::new(y, at)),
                None => self.note(at.line, format!("年度“{text}”不是年份")),
            },
        }
    }

    fn set_header_total(&mut self, text: &str, at: Pos) {
        let t = text.trim_end_matches('分').trim();
        match normalise::parse_number(t) {
            Some(d) => self.header_total = Some(Sourced::new(d, at)),
            None => self.note(at.line, format!("自评总分“{text}”不是数字")),
        }
    }

    /// Funds captions on a row (`项目资金(万元)`, `预算执行情况(万元)(20分)`): the amount unit
    /// and the execution weight printed in them. True when the row held only captions.
    fn read_funds_captions(&mut self, v: &RowView) -> bool {
        let mut only = true;
        let mut any = false;
        for (_, l, f) in v.filled_facts() {
            if f.funds_caption {
                any = true;
                let unit = amount_unit_of(l);
                if unit != AmountUnit::Unknown {
                    self.form.funds.amount_unit = unit;
                }
            } else if f.funds_column.is_none() && f.indicator_column.is_none() {
                only = false;
            }
        }
        if any && only && self.section <= Section::Funds {
            self.section = Section::Funds;
        }
        any && only
    }

    fn read_funds_row(&mut self, v: &RowView, kind: FundsKind, label: &GridCell) {
        // Align by the label cell: it sits just left of the first value column of the header.
        let first_value_col = self.funds_cols.iter().map(|(c, _)| *c).min().unwrap_or(3);
        let offset = i64::from(label.column) - (i64::from(first_value_col) - 1);
        for (_, l, f) in v.filled_facts() {
            if f.funds_caption {
                let unit = amount_unit_of(l);
                if unit != AmountUnit::Unknown {
                    self.form.funds.amount_unit = unit;
                }
            }
        }
        let mut row = FundsRow {
            kind,
            label: Sourced::new(v.squeeze(label), v.pos_of(label)),
            initial_budget: None,
            adjusted_budget: None,
            executed: None,
            weight: None,
            execution_rate: None,
            score: None,
            reason: None,
            arrived: None,
            method: None,
            line: v.row.line,
        };
        // Lent out of the builder while its cells are read (`note` needs `self`), not copied.
        let cols = std::mem::take(&mut self.funds_cols);
        for &(col, what) in &cols {
            let Some(cell) = v.cell(i64::from(col) + offset) else {
                continue;
            };
            if v.is_null_marker(cell) {
                continue;
            }
            let at = v.pos_of(cell);
            if what == FundsColumn::Reason {
                row.reason = Some(Sourced::new(v.clean_text(cell), at));
                continue;
            }
            if what == FundsColumn::Method {
                row.method = Some(Sourced::new(v.clean_text(cell), at));
                continue;
            }
            // A percent under another column is the row's 执行率 shifted by a merged cell that
            // the text left out (`其中 | 7.29 | 7.29 | 7.29 | 100%`).
            let what = if what != FundsColumn::ExecutionRate
                && cell.text.trim_end().ends_with('%')
                && row.execution_rate.is_none()
                && cols.iter().any(|(_, k)| *k == FundsColumn::ExecutionRate)
                && v.cell(
                    cols.iter()
                        .find(|(_, k)| *k == FundsColumn::ExecutionRate)
                        .map_or(0, |(c, _)| i64::from(*c) + offset),
                )
                .is_none()
            {
                FundsColumn::ExecutionRate
            } else {
                what
            };
            let parsed = match what {
                FundsColumn::ExecutionRate => v.parse_percent(cell),
                _ => v.parse_amount(cell).map(|(d, _)| d),
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
                FundsColumn::Arrived => &mut row.arrived,
                FundsColumn::Reason | FundsColumn::Method => continue,
            };
            *slot = Some(Sourced::new(value, at));
        }
        self.funds_cols = cols;
        // Amounts that carry their own unit (`4753.66万元`) tell the block's unit.
        if self.form.funds.amount_unit == AmountUnit::Unknown {
            for (c, _) in v.filled() {
                if let Some((_, Some(u))) = v.parse_amount(c) {
                    self.form.funds.amount_unit = u;
                    break;
                }
            }
        }
        self.form.funds.rows.push(row);
        self.section = Section::Funds;
    }

    fn read_goal_row(&mut self, v: &RowView) {
        let Some((expected_col, achieved_col)) = self.goal_cols else {
            return;
        };
        let cells: Vec<(&GridCell, &str)> = v
            .filled_facts()
            .filter(|(_, _, f)| f.goal.is_none())
            .map(|(c, l, _)| (c, l))
            .collect();
        // Two texts: the first is expected, the second achieved, wherever they sit (a merged
        // caption cell left out of the row shifts them).
        let two = cells.len() == 2;
        for (k, (cell, _)) in cells.iter().enumerate() {
            let at = v.pos_of(cell);
            let text = v.clean_text(cell);
            let expected = if two {
                k == 0
            } else {
                cell.column.abs_diff(expected_col) <= cell.column.abs_diff(achieved_col)
            };
            let slot = if expected {
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

    fn set_indicator_header(&mut self, cols: &[(u32, IndicatorColumn)]) {
        self.ind_cols = [None; IndicatorColumn::COUNT];
        for (col, what) in cols {
            self.ind_cols[*what as usize].get_or_insert(*col);
        }
        self.has_ind_header = true;
        self.signals.indicator_header(cols.iter().map(|(_, k)| *k));
    }

    /// Indicator header rows, over one or two lines. True when the row was a header line.
    fn try_indicator_header(&mut self, v: &RowView) -> bool {
        if let Some(cols) = v.indicator_header() {
            let cols = match self.pending_header.take() {
                Some(first) => merge_two_line(&first, &v.indicator_kinds()).unwrap_or(cols),
                None => cols,
            };
            if !self.has_ind_header || self.form.indicators.is_empty() {
                self.set_indicator_header(&cols);
            } else {
                let message = super::remarks::REPEATED_HEADER;
                self.form
                    .read_notes
                    .push(ReadNote::remark(v.row.line, message));
            }
            self.section = Section::Indicators;
            return true;
        }
        if let Some(kinds) = v.partial_indicator_header() {
            if self.has_ind_header && self.form.indicators.is_empty() {
                // The second line of a header whose first line had the names: sub-columns
                // (指标性质 / 指标值 / 度量单位) under 年度指标值.
                let sub: Vec<(u32, IndicatorColumn)> = kinds
                    .iter()
                    .filter_map(|(c, k)| k.map(|k| (*c, k)))
                    .collect();
                let all_sub = sub.iter().all(|(_, k)| {
                    matches!(
                        k,
                        IndicatorColumn::Comparator
                            | IndicatorColumn::Target
                            | IndicatorColumn::Unit
                    )
                });
                if all_sub {
                    for (c, k) in sub {
                        self.ind_cols[k as usize] = Some(c);
                    }
                    return true;
                }
            }
            self.pending_header = Some(kinds);
            return true;
        }
        false
    }

    /// The next row continues a pending indicator row: it starts with a value and carries no
    /// level label.
    fn continues_row(&self, v: &RowView) -> bool {
        let Some((first, _, f)) = v.filled_facts().next() else {
            return false;
        };
        looks_like_value(&first.text) && f.level1.is_none() && !v.is_total() && f.classify.is_none()
    }

    fn read_continued(&mut self, p: PendingRow, v: &RowView) {
        let last_col = p.row.cells.iter().map(|c| c.column).max().unwrap_or(0);
        let mut row = p.row;
        let mut at: Vec<Pos> = (0..row.cells.len())
            .map(|i| {
                p.at.get(i)
                    .copied()
                    .unwrap_or(Pos::new(row.line, row.cells[i].column))
            })
            .collect();
        let mut labels: Vec<Cow<'_, str>> = p.labels.into_iter().map(Cow::Owned).collect();
        for (i, c) in v.row.cells.iter().enumerate() {
            row.cells.push(GridCell {
                text: c.text.clone(),
                column: last_col + c.column,
            });
            at.push(v.pos(i));
            labels.push(v.labels[i].clone());
        }
        let view = RowView::new(&row, &at, labels);
        self.read_indicator_row(&view, false);
    }

    fn read_pending(&mut self, p: PendingRow) {
        let view = RowView::new(
            &p.row,
            &p.at,
            p.labels.iter().map(|l| Cow::Borrowed(l.as_str())).collect(),
        );
        self.read_indicator_row(&view, false);
    }

    fn read_indicator(&mut self, v: &RowView) {
        self.read_indicator_row(v, true);
    }

    /// The anchor of an indicator row: (cell, header column it belongs in).
    fn anchor<'v>(&self, v: &'v RowView) -> Option<(&'v GridCell, Option<u32>, bool)> {
        let mut cells = v.filled_facts().skip_while(|(_, _, f)| f.indicator_caption);
        let (first, l, facts) = cells.next()?;
        // Asked only of a level label that does not end in 指标 or `)`: most rows never ask.
        let second = cells.next();
        let next_is_text_once = OnceCell::new();
        let next_is_text = || {
            *next_is_text_once
                .get_or_init(|| second.is_some_and(|(c, _, _)| !looks_like_value(&c.text)))
        };
        // The cell after `first` among the filled ones (only captions stand before `first`).
        let next_is_level2 = second.is_some_and(|(_, _, f)| f.level2.is_some());
        // `成本指标` where the 产出 group's level-2 labels stand (an older template).
        let cost_as_level2 = matches!(facts.level1, Some((Level1::Cost, _)))
            && self.last_level1.as_ref().is_some_and(|l1| {
                matches!(normalise::level1_of(&l1.value), Some((Level1::Output, _)))
            })
            && !next_is_level2;
        if facts.level1.is_some()
            && !cost_as_level2
            && (l.ends_with("指标") || l.ends_with(')') || next_is_text())
        {
            return Some((first, self.column_of(IndicatorColumn::Level1), true));
        }
        if facts.level2.is_some() && (l.ends_with("指标") || next_is_text()) {
            return Some((first, self.column_of(IndicatorColumn::Level2), false));
        }
        Some((first, self.column_of(IndicatorColumn::Name), false))
    }

    fn read_indicator_row(&mut self, v: &RowView, may_wait: bool) {
        let Some((anchor, anchor_col, is_l1)) = self.anchor(v) else {
            return;
        };
        let offset = match anchor_col {
            Some(h) => i64::from(anchor.column) - i64::from(h),
            None => 0,
        };
        let cols = self.ind_cols;
        let get = |what: IndicatorColumn| -> Option<&GridCell> {
            cols[what as usize].and_then(|c| v.cell(i64::from(c) + offset))
        };
        let line = v.row.line;
        let sourced = |c: &GridCell, text: String| Sourced::new(text, v.pos_of(c));

        // `level1_of` of the level-1 text, when the row's facts know it (the text is its label,
        // and squeezing changes nothing in it).
        let mut level1_known: Option<Option<(Level1, Option<Decimal>)>> = None;
        let level1 = if is_l1 {
            level1_known = v.squeezed_facts(anchor).map(|f| f.level1);
            Some(sourced(anchor, v.squeeze(anchor)))
        } else {
            match get(IndicatorColumn::Level1).filter(|c| v.level1_of(c).is_some()) {
                Some(c) => {
                    level1_known = v.squeezed_facts(c).map(|f| f.level1);
                    Some(sourced(c, v.squeeze(c)))
                }
                None => self.last_level1.clone(),
            }
        };
        // `level2_category` of the level-2 text, when the row's facts know it.
        let level2_known = get(IndicatorColumn::Level2)
            .and_then(|c| v.squeezed_facts(c))
            .map(|f| f.level2);
        let level2 = get(IndicatorColumn::Level2)
            .map(|c| sourced(c, v.squeeze(c)))
            .or_else(|| {
                // A new level-1 label starts a new level-2 group.
                if is_l1 {
                    None
                } else {
                    self.last_level2.clone()
                }
            });
        let mut name_cell = get(IndicatorColumn::Name);
        // `生态效益指标 0`: no name, a lone number: it belongs to the last columns (得分).
        let mut lone_number: Option<&GridCell> = None;
        if let Some(n) = name_cell {
            let filled_after = v
                .row
                .cells
                .iter()
                .any(|c| c.column > n.column && !c.text.is_empty());
            if !filled_after && v.parse_number(n).is_some() {
                lone_number = Some(n);
                name_cell = None;
            }
        }
        // No level-1 printed on this row: trust the carried label only when the row's 二级
        // category agrees with it; otherwise take the category's level-1 provisionally.
        let row_has_l1 =
            is_l1 || get(IndicatorColumn::Level1).is_some_and(|c| v.level1_of(c).is_some());
        let implied = level2
            .as_ref()
            .and_then(|l| match level2_known {
                Some(known) => {
                    debug_assert_eq!(known, normalise::level2_category(&l.value));
                    level1_of_category(known)
                }
                None => level1_of_level2(&l.value),
            })
            .map(|cat| (cat, level2.as_ref().map_or(Pos::new(line, 0), |l| l.at)));
        let level1_of_value = |l: &Sourced<String>| match level1_known {
            Some(known) => known,
            None => normalise::level1_of(&l.value),
        };
        let carried_category = level1
            .as_ref()
            .and_then(|l| level1_of_value(l).map(|(c, _)| c));
        let mut provisional = false;
        let level1 = match (row_has_l1, level1, implied) {
            (false, None, Some((cat, at))) => {
                provisional = true;
                level1_known = None;
                Some(Sourced::new(cat.chinese().to_string(), at))
            }
            // 经济成本 may sit under 产出 (四川 2023): a cost level-2 never overrides a label.
            (false, Some(_), Some((cat, at)))
                if cat != Level1::Cost
                    && (carried_category != Some(cat) || self.last_level1_is_provisional()) =>
            {
                provisional = true;
                level1_known = None;
                Some(Sourced::new(cat.chinese().to_string(), at))
            }
            (_, l1, _) => l1,
        };
        let level1 = level1.or_else(|| {
            level1_known = None;
            self.flat_level1(v, name_cell)
        });
        let Some(level1) = level1 else {
            let text = v.texts();
            self.note(
                line,
                format!("绩效指标行无法识别（缺少一级指标或三级指标）：{text}"),
            );
            return;
        };
        if name_cell.is_none() && lone_number.is_none() {
            let text = v.texts();
            self.note(
                line,
                format!("绩效指标行无法识别（缺少一级指标或三级指标）：{text}"),
            );
            return;
        }
        debug_assert!(level1_known.is_none_or(|k| k == normalise::level1_of(&level1.value)));
        let (category, label_weight) = match level1_known {
            Some(known) => known,
            None => normalise::level1_of(&level1.value),
        }
        .unzip();
        let mut target = get(IndicatorColumn::Target).map(|c| v.parse_target(c));
        // Families with a separate 指标性质 / 度量单位 column.
        if let Some(t) = target.as_mut() {
            if let Some(op) =
                get(IndicatorColumn::Comparator).and_then(|c| normalise::parse_comparator(&c.text))
                && t.comparator == Comparator::Implicit
            {
                t.comparator = op;
            }
            if t.unit.is_none() {
                t.unit = get(IndicatorColumn::Unit).map(|c| v.squeeze(c));
            }
        }
        let mut actual = get(IndicatorColumn::Actual).map(|c| v.parse_actual(c));
        // The row's 计量单位 / 度量单位 (重庆 whole department, 云南) is the unit of its 全年完成值
        // too: a bare number there is in that unit.
        if let Some(a) = actual.as_mut()
            && a.value.is_some()
            && a.unit.is_none()
            && let Some(u) = get(IndicatorColumn::Unit)
                .map(|c| v.squeeze(c))
                .filter(|u| !u.is_empty() && !normalise::is_null_marker(u))
        {
            a.unit = Some(u);
        }
        let weight_cell = get(IndicatorColumn::Weight);
        let score_cell = get(IndicatorColumn::Score).or(lone_number);
        let weight = self.number_cell(v, weight_cell, "分值");
        let score = self.number_cell(v, score_cell, "得分");
        let deviation_note = get(IndicatorColumn::Deviation)
            .filter(|c| !matches!(c.text.as_str(), "—" | "——" | "/"))
            .map(|c| sourced(c, v.clean_text(c)));
        // A name with nothing after it may have its values on the next line.
        if may_wait
            && name_cell.is_some()
            && target.is_none()
            && actual.is_none()
            && weight_cell.is_none()
            && score_cell.is_none()
        {
            self.pending_row = Some(PendingRow {
                row: v.row.clone(),
                at: (0..v.row.cells.len()).map(|i| v.pos(i)).collect(),
                labels: v.labels.iter().map(|l| l.to_string()).collect(),
            });
            return;
        }
        let extra = self.extra_columns(v, offset);
        let name = match name_cell {
            Some(c) => sourced(c, v.squeeze(c)),
            None => {
                let at = lone_number.map_or(Pos::new(line, 0), |c| v.pos_of(c));
                self.note(
                    line,
                    format!(
                        "{}一行没有三级指标名称，只有数字“{}”，读作得分",
                        level2.as_ref().map_or("", |l| l.value.as_str()),
                        lone_number.map_or("", |c| c.text.as_str())
                    ),
                );
                Sourced::new(String::new(), at)
            }
        };
        if provisional {
            let i = self.form.indicators.len();
            self.provisional_level1.push(i);
            if let Some(p) = &self.printed_level1 {
                self.under_printed.push((i, p.clone()));
            }
        } else {
            // Rows of a group repeat their label: clone it only when it changes.
            if category.is_some()
                && self
                    .printed_level1
                    .as_ref()
                    .is_none_or(|p| p.value != level1.value)
            {
                self.printed_level1 = Some(level1.clone());
            }
            if let Some(cat) = category {
                self.resolve_provisional(cat, &level1, label_weight.flatten());
            }
        }
        // Rows of a group repeat their labels: copy a label only when its text changes.
        carry(&mut self.last_level1, Some(&level1));
        carry(&mut self.last_level2, level2.as_ref());
        if self.form.indicators.is_empty() {
            // Room for 24 at once instead of growing through 4, 8 and 16 (the 25th grows it to 48).
            self.form.indicators.reserve(INDICATORS_AT_ONCE);
        }
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
            extra,
            line,
        });
    }

    /// Whether the last indicator's level-1 is still provisional.
    fn last_level1_is_provisional(&self) -> bool {
        self.provisional_level1
            .last()
            .is_some_and(|&i| i + 1 == self.form.indicators.len())
    }

    /// A printed level-1 label of category `cat`: give it to the provisional rows of that category.
    fn resolve_provisional(
        &mut self,
        cat: Level1,
        label: &Sourced<String>,
        weight: Option<Decimal>,
    ) {
        let indicators = &mut self.form.indicators;
        self.provisional_level1.retain(|&i| {
            let Some(ind) = indicators.get_mut(i) else {
                return false;
            };
            if ind.level1_category != Some(cat) {
                return true;
            }
            ind.level1 = label.clone();
            ind.level1_label_weight = weight;
            false
        });
    }

    fn number_cell(
        &mut self,
        v: &RowView,
        cell: Option<&GridCell>,
        what: &str,
    ) -> Option<Sourced<Decimal>> {
        let cell = cell?;
        // A number is never a null marker (those have no digit): parse first, the common case.
        let number = v.parse_number(cell);
        if number.is_none() && v.is_null_marker(cell) {
            return None;
        }
        let at = v.pos_of(cell);
        match number {
            Some(d) => Some(Sourced::new(d, at)),
            None => {
                let message = format!("{what}“{}”不是数字，已按空值处理", cell.text);
                self.note(at.line, message);
                None
            }
        }
    }

    fn read_total(&mut self, v: &RowView) {
        let line = v.row.line;
        let number_at = |col: Option<u32>| {
            col.and_then(|c| v.cell(i64::from(c)))
                .and_then(|c| v.parse_number(c).map(|d| Sourced::new(d, v.pos_of(c))))
        };
        // A form that weights its rows by share (河北) prints its total under 折算得分 and the
        // shares' sum under 权重占比.
        let mut weight = number_at(self.column_of(IndicatorColumn::WeightShare))
            .or_else(|| number_at(self.column_of(IndicatorColumn::Weight)));
        let mut score = number_at(self.column_of(IndicatorColumn::WeightedScore))
            .or_else(|| number_at(self.column_of(IndicatorColumn::Score)));
        let aligned = weight.is_some() || score.is_some();
        if !aligned {
            // No header alignment: the last two numbers on the row are 分值 and 得分.
            let numbers: Vec<Sourced<Decimal>> = v
                .filled()
                .filter_map(|(c, _)| v.parse_number(c).map(|d| Sourced::new(d, v.pos_of(c))))
                .collect();
            match numbers.as_slice() {
                [.., w, s] => {
                    weight = Some(w.clone());
                    score = Some(s.clone());
                }
                [s] if self.column_of(IndicatorColumn::Weight).is_none()
                    || self.column_of(IndicatorColumn::Score).is_some() =>
                {
                    score = Some(s.clone());
                }
                [w] => weight = Some(w.clone()),
                [] => {}
            }
        }
        let grade_label = v
            .filled()
            .find(|(c, _)| labels::is_grade_word(&c.text))
            .map(|(c, _)| Sourced::new(c.text.clone(), v.pos_of(c)));
        self.form.total = Some(TotalRow {
            weight,
            score,
            grade_label,
            line,
        });
        self.section = Section::Done;
    }

    fn finish(mut self) -> Form {
        if let Some(p) = self.pending_row.take() {
            self.read_pending(p);
        }
        let family = family::detect(&self.signals);
        if family == Family::Budget20 {
            family::infer_budget20_weights(&mut self.form, &self.signals);
        }
        if family.is_decision_frame() {
            sections::restore(
                &mut self.form,
                &self.under_printed,
                &self.provisional_level1,
            );
            self.form.read_notes.push(ReadNote::remark(
                self.form.source.first_line,
                "项目决策/项目管理/项目绩效框架（如2+13+85）：各部分的评价内容按印出的分值和自评分读入，总分为各项自评分之和",
            ));
        }
        self.form.family = Some(family.code().to_string());
        if let Some(p) = family.profile_for(&self.form) {
            self.form.profile = p.to_string();
        }
        if family == Family::ScoringMethod {
            family::note_scoring_method(&mut self.form);
        }
        if self.form.total.is_none()
            && let Some(t) = self.header_total.clone()
        {
            self.form.total = Some(TotalRow {
                weight: None,
                score: Some(t.clone()),
                grade_label: None,
                line: t.at.line,
            });
        }
        self.form.status = self.status(family);
        self.form
    }

    fn status(&self, family: Family) -> FormStatus {
        let last_line = self.form.source.last_line;
        if let Some((why, line)) = &self.unreliable {
            return FormStatus::Incomplete {
                stops_in: why.clone(),
                line: *line,
            };
        }
        if let Some((why, line)) = &self.gap {
            return FormStatus::Incomplete {
                stops_in: why.clone(),
                line: *line,
            };
        }
        if !self.ambiguous.is_empty() {
            return FormStatus::Ambiguous {
                readings: self.ambiguous.clone(),
            };
        }
        let has_total_funds = self.form.funds.total_row().is_some();
        let has_indicators = !self.form.indicators.is_empty();
        let total_row = self
            .form
            .total
            .as_ref()
            .filter(|_| self.section == Section::Done);
        let has_total_score = total_row.is_some_and(|t| t.score.is_some());
        let table_finished = matches!(self.section, Section::Done | Section::Trailer)
            || self.form.indicators.last().is_some_and(|i| {
                i.level1_category == Some(Level1::Satisfaction)
                    && (i.actual.is_some() || i.score.is_some())
            });
        if !family.scored() {
            return if has_indicators && table_finished {
                FormStatus::Unscored
            } else {
                self.incomplete(last_line)
            };
        }
        if has_total_funds && has_indicators && has_total_score {
            return FormStatus::Complete;
        }
        // The total printed only in the header: complete once the table was read to its end.
        if has_total_funds
            && has_indicators
            && self.header_total.is_some()
            && total_row.is_none()
            && table_finished
        {
            return FormStatus::Complete;
        }
        // The whole table was read but no score was ever filled in (a template left blank).
        let no_scores = self.form.indicators.iter().all(|i| i.score.is_none())
            && self
                .form
                .funds
                .total_row()
                .is_none_or(|r| r.score.is_none())
            && !has_total_score
            && self.header_total.is_none();
        if has_indicators && no_scores && table_finished && self.section != Section::Indicators {
            return FormStatus::Unscored;
        }
        self.incomplete(last_line)
    }

    fn incomplete(&self, last_line: u32) -> FormStatus {
        let has_total_funds = self.form.funds.total_row().is_some();
        let stops_in = if self.section == Section::Done {
            // The 总分 row was read but something before it is missing.
            if !has_total_funds {
                "资金使用情况（缺少年度资金总额行）".to_string()
            } else if self.form.indicators.is_empty() {
                "年度绩效指标（没有指标行）".to_string()
            } else {
                "总分（没有得分）".to_string()
            }
        } else if self.section == Section::Indicators && self.form.indicators.is_empty() {
            "年度绩效指标（表头之后没有指标行）".to_string()
        } else {
            self.section.chinese().to_string()
        };
        FormStatus::Incomplete {
            stops_in,
            line: last_line,
        }
    }
}

/// `*slot = label.cloned()`, without copying the text when the slot already holds it, and into
/// the slot's own buffer when it changes (labels change every few rows: no allocation then).
fn carry(slot: &mut Option<Sourced<String>>, label: Option<&Sourced<String>>) {
    match (slot.as_mut(), label) {
        (Some(s), Some(l)) => {
            if s.value != l.value {
                s.value.clone_from(&l.value);
            }
            s.at = l.at;
        }
        (_, l) => *slot = l.cloned(),
    }
}

/// Merge the two lines of a two-line indicator header into header columns: by position when
/// the lines line up (an HTML or spreadsheet header with merged cells left empty), else by
/// substituting each group label of the first line with the columns under it.
fn merge_two_line(
    first: &[(u32, Option<IndicatorColumn>)],
    second: &[(u32, Option<IndicatorColumn>)],
) -> Option<Vec<(u32, IndicatorColumn)>> {
    use IndicatorColumn::*;
    // By position: every first-line leaf sits over a blank of the second line.
    let positional = first.iter().all(|(c, k)| match k {
        None => true,
        Some(k) => second.iter().all(|(c2, k2)| {
            c2 != c
                || match k2 {
                    None => true,
                    Some(k2) => *k == Target && matches!(k2, Comparator | Target | Unit),
                }
        }),
    });
    if positional {
        let mut cols: Vec<(u32, IndicatorColumn)> = second
            .iter()
            .filter_map(|(c, k)| k.map(|k| (*c, k)))
            .collect();
        for (c, k) in first {
            if let Some(k) = k
                && !cols.iter().any(|(c2, k2)| c2 == c || k2 == k)
            {
                cols.push((*c, *k));
            }
        }
        cols.sort_by_key(|(c, _)| *c);
        let has_name = cols.iter().any(|(_, k)| *k == Name);
        if has_name {
            return Some(cols);
        }
    }
    let kinds_first: Vec<Option<IndicatorColumn>> = first.iter().map(|(_, k)| *k).collect();
    let kinds_second: Vec<IndicatorColumn> = second.iter().filter_map(|(_, k)| *k).collect();
    let merged = merge_header_rows(&kinds_first, &kinds_second);
    // Columns counted from the second line's first column.
    let start = second.first().map_or(1, |(c, _)| *c);
    Some(
        merged
            .into_iter()
            .enumerate()
            .map(|(i, k)| (start + u32::try_from(i).unwrap_or(0), k))
            .collect(),
    )
}

/// `预期目标 … 实际完成情况` header of the goals block: (expected column, achieved column).
fn goal_header(v: &RowView) -> Option<(u32, u32)> {
    if !v.summary.goal {
        debug_assert_eq!(goal_header_of_cells(v), None);
        return None;
    }
    goal_header_of_cells(v)
}

/// [`goal_header`] without the summary's shortcut.
fn goal_header_of_cells(v: &RowView) -> Option<(u32, u32)> {
    let expected = v
        .filled_facts()
        .find(|(_, _, f)| matches!(f.goal, Some(Label::GoalExpected)))?;
    let achieved = v
        .filled_facts()
        .find(|(_, _, f)| matches!(f.goal, Some(Label::GoalAchieved)))?;
    Some((expected.0.column, achieved.0.column))
}

fn is_section_caption(v: &RowView) -> bool {
    v.filled_count() == 1
        && v.filled_facts().next().is_some_and(|(_, l, f)| {
            matches!(l, "资金使用情况" | "项目目标完成情况" | "年度总体目标")
                || matches!(
                    f.classify,
                    Some(Label::Info | Label::FundsCaption | Label::GoalCaption)
                )
        })
}

/// Wingdings checkbox glyphs and 项目属性-style choice lists (`1、常年性 2、延续性□`).
fn is_checkbox_text(t: &str) -> bool {
    t.contains(['□', '☑', '■', 'þ', '£', 'R', '√', '☐'])
}

/// The unit a caption names: `万元` if it holds that, else `元` if it holds that.
fn amount_unit_of(label: &str) -> AmountUnit {
    // Each `元` found by its bytes (memchr), `万元` told by the character before one: a
    // substring search costs more to set up than these short captions take to look through.
    let mut unit = AmountUnit::Unknown;
    for (i, _) in label.match_indices('元') {
        if label.get(..i).is_some_and(|before| before.ends_with('万')) {
            return AmountUnit::WanYuan;
        }
        unit = AmountUnit::Yuan;
    }
    unit
}

fn parse_year(text: &str) -> Option<i32> {
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
    let year: i32 = digits.parse().ok()?;
    (digits.len() == 4 && (1990..=2100).contains(&year)).then_some(year)
}

/// The level-1 category a 二级 label belongs to (数量 → 产出, 社会效益 → 效益, …).
fn level1_of_level2(label: &str) -> Option<Level1> {
    level1_of_category(normalise::level2_category(label))
}

/// The level-1 category of a level-2 category id.
fn level1_of_category(category: Option<&str>) -> Option<Level1> {
    Some(match category? {
        "quantity" | "quality" | "timeliness" | "cost" => Level1::Output,
        "economic" | "social" | "ecological" | "sustainability" => Level1::Outcome,
        "beneficiary_satisfaction" | "other_satisfaction" => Level1::Satisfaction,
        "economic_cost" | "social_cost" | "ecological_cost" => Level1::Cost,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carried_labels_are_the_labels() {
        let l = |v: &str, line: u32| Sourced::new(v.to_string(), Pos::new(line, 2));
        let mut slot = None;
        for (label, line) in [
            (Some("产出"), 1),
            (Some("产出"), 2),
            (None, 3),
            (Some("效益"), 4),
            (Some("效益"), 5),
            (Some("产出"), 6),
            (None, 7),
            (None, 8),
            (Some("产出"), 9),
            // Longer than the slot's buffer, then shorter again.
            (Some("社会效益指标"), 10),
            (Some("效益"), 11),
        ] {
            let label = label.map(|v| l(v, line));
            carry(&mut slot, label.as_ref());
            assert_eq!(slot, label);
        }
    }

    #[test]
    fn looks_like_value_needs_a_digit() {
        // Without the digit test: every reading tried.
        fn all_readings(t: &str) -> bool {
            normalise::parse_number(t).is_some()
                || normalise::parse_percent(t).is_some()
                || normalise::parse_amount(t).is_some()
                || normalise::parse_target(t, Pos::default()).comparator != Comparator::Qualitative
        }
        for t in [
            "培训人数",
            "优",
            "达成",
            "&amp;",
            "&#49;",
            "&#x31;",
            "一百",
            "①",
            "Ⅲ",
            "≥九十",
            "",
            "%",
            "≥95%",
            "１２个",
            "１",
            "100",
            "５万元",
            "≥ ３ 次",
            "２０２２年",
            "1-2次",
            "约５０人",
        ] {
            assert_eq!(looks_like_value(t), all_readings(t), "{t:?}");
        }
        assert!(looks_like_value("１２个") && !looks_like_value("培训人数"));
    }

    #[test]
    fn null_markers_are_not_numbers() {
        // `number_cell` parses before asking for a null marker.
        for t in [
            "", "—", "——", "-", "–", "−", "/", "／", "\\", "无", "空", "N/A", "#N/A",
        ] {
            assert!(normalise::is_null_marker(t), "{t:?}");
            assert_eq!(normalise::parse_number(t), None, "{t:?}");
        }
    }

    #[test]
    fn row_summaries_rule_out_only_what_the_cells_rule_out() {
        let seed = include_str!("../../../../tests/fixtures/seed.txt");
        let extra = "年初预算数\t全年执行数\n合计\t全年执行数\t执行率\n三级指标\t指标值\n\
                     一级指标\t二级指标\t三级指标\t年度指标值\n预期目标\t实际完成情况\n";
        let mut found = [0usize; 4];
        for text in [seed, extra] {
            for row in crate::grid::from_tsv(text).rows {
                let labels = row
                    .cells
                    .iter()
                    .map(|c| normalise::canonical_label_cow(&c.text))
                    .collect();
                let v = RowView::new(&row, &[], labels);
                assert_eq!(v.filled_count(), v.filled().count(), "{}", v.texts());
                let funds = v.funds_header_of_cells();
                let indicators = v.indicator_header_of_cells();
                let funds_row = v.funds_row_of_cells().map(|(k, c)| (k, c.column));
                let goals = goal_header_of_cells(&v);
                assert_eq!(v.funds_header(), funds, "{}", v.texts());
                assert_eq!(v.indicator_header(), indicators, "{}", v.texts());
                assert_eq!(v.funds_row().map(|(k, c)| (k, c.column)), funds_row);
                assert_eq!(goal_header(&v), goals, "{}", v.texts());
                let counted = v
                    .filled_facts()
                    .filter(|(_, _, f)| f.indicator_column.is_some())
                    .count();
                assert_eq!(v.summary.indicator_columns, counted, "{}", v.texts());
                let signals = v.filled_facts().any(|(_, _, f)| !f.signals.is_none());
                assert_eq!(v.summary.signals, signals, "{}", v.texts());
                for f in &v.facts {
                    let counted = f.funds_column.is_some()
                        || f.indicator_column.is_some()
                        || f.funds_row.is_some()
                        || f.goal.is_some()
                        || !f.signals.is_none();
                    assert_eq!(f.counted, counted, "{}", v.texts());
                }
                for (n, hit) in found.iter_mut().zip([
                    funds.is_some(),
                    indicators.is_some(),
                    funds_row.is_some(),
                    goals.is_some(),
                ]) {
                    *n += usize::from(hit);
                }
            }
        }
        // Each test answered yes on some rows.
        assert!(found.iter().all(|&n| n > 0), "{found:?}");
    }

    #[test]
    fn cells_of_marked_rows_are_found_at_their_index() {
        let seed = include_str!("../../../../tests/fixtures/seed.txt");
        let text = format!("{seed}\n\t\t\n甲\t\t乙\t\n");
        let mut rows = 0;
        crate::grid::TsvRows::new(&text).for_each_marked(|row, marks| {
            let labels = row.cells.iter().map(|_| Cow::Borrowed("")).collect();
            let v = RowView::new(row, &[], labels).with_marks(marks);
            let wide = i64::try_from(row.cells.len()).unwrap_or(0) + 2;
            for c in -1..=wide {
                let want = u32::try_from(c).ok().and_then(|c| row.cell(c));
                assert_eq!(
                    v.cell(c).map(std::ptr::from_ref),
                    want.map(std::ptr::from_ref),
                    "line {} column {c}",
                    row.line
                );
            }
            rows += 1;
        });
        assert!(rows > 100);
    }

    #[test]
    fn header_rows_wider_than_the_stack_flags_read_alike() {
        for extra in [2, USED_ON_STACK + 8] {
            let text = format!("项目名称\t甲项目{}\n", "\t多余".repeat(extra));
            let forms = crate::read::read_text("t", &text, &Default::default());
            let name = forms[0]
                .header
                .project_name
                .as_ref()
                .map(|n| n.value.as_str());
            assert_eq!(name, Some("甲项目"), "{extra}");
            let left: Vec<&str> = forms[0]
                .read_notes
                .iter()
                .filter_map(|n| n.message.strip_prefix("表头行中未能识别的内容："))
                .collect();
            assert_eq!(left, [vec!["多余"; extra].join(" | ")], "{extra}");
        }
    }

    #[test]
    fn amount_units_are_the_substring_searches() {
        let general = |l: &str| {
            if l.contains("万元") {
                AmountUnit::WanYuan
            } else if l.contains('元') {
                AmountUnit::Yuan
            } else {
                AmountUnit::Unknown
            }
        };
        let seed = include_str!("../../../../tests/fixtures/seed.txt");
        let mut labels: Vec<String> = seed.split(['\t', '\n']).map(String::from).collect();
        for a in ["", "元", "万", "万元", "(", "资金"] {
            for b in ["", "元", "万", "万元", ")", "兀"] {
                for c in ["", "元", "万元", "单位"] {
                    labels.push(format!("{a}{b}{c}"));
                }
            }
        }
        for l in &labels {
            assert_eq!(amount_unit_of(l), general(l), "{l:?}");
        }
    }

    #[test]
    fn years() {
        assert_eq!(year_cell("(2021年度)"), Some(2021));
        assert_eq!(year_cell("2021年度)"), Some(2021));
        assert_eq!(year_cell("2021"), None);
        // The last-byte shortcut rules out only what the trimming rules out.
        let seed = include_str!("../../../../tests/fixtures/seed.txt");
        let mut labels: Vec<String> = seed
            .lines()
            .flat_map(|l| l.split('\t'))
            .map(|c| normalise::canonical_label_cow(c).into_owned())
            .collect();
        for open in ["", "(", "((", "（"] {
            for year in ["2021", "1989", "202", "20210", "２０２１"] {
                for unit in ["年度", "年", "度", "", "年份"] {
                    for close in ["", ")", "))", "）", " "] {
                        labels.push(format!("{open}{year}{unit}{close}"));
                    }
                }
            }
        }
        let mut years = 0;
        for l in &labels {
            assert_eq!(year_cell(l), year_cell_of(l), "{l:?}");
            years += usize::from(year_cell(l).is_some());
        }
        assert!(years >= 6, "{years}");
        assert_eq!(
            year_in_title("部门预算项目支出绩效自评表(2023年度)"),
            Some(2023)
        );
        assert_eq!(year_in_title("2020年度项目支出绩效自评表"), Some(2020));
        assert_eq!(year_in_title("项目支出绩效自评表"), None);
    }
}
