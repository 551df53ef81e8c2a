//! Column-major spreadsheet text: a sheet converted to text cell by cell, column by column
//! (`formats.md`, "Renderings"), so a table's row labels come as one run and each column's
//! values as another (`年度资金总额 其中:当年财政拨款 … 年初预算数 5 5 0 0 全年预算数 …`).
//!
//! The rows are put back only where the text itself says how: every column of a table is a
//! column label followed by its cells, and the columns are aligned by position when they have
//! as many cells as the table has rows (`一级指标` repeated on each row, or a single label for
//! all of them). Where the counts disagree the reader says which column has how many cells and
//! stops there; no pairing is ever guessed. Text that is only partly column-major (a few rows
//! whose cells drifted, then rows in order) is read row by row where a name is followed by
//! exactly one row of values, and the stretches between are left out with a note (a gap: the
//! form is incomplete).
//!
//! Everything here runs only when [`detect`] saw column-major evidence; row-major text never
//! reaches it.

use super::{Cell, Event, Header, Item, Regrid, State, is_pure_number, looks_like_value, row_at};
use crate::model::Pos;
use crate::read::labels::{FundsColumn, IndicatorColumn, Label};

/// Remark on a form whose rows were rebuilt from column runs.
const REMARK: &str =
    "文本为按列导出的表格（先列出一列的全部单元格，再列下一列）：已按列对齐重排为行后读取";

/// Cells more than this far from a table's first label are not looked at as part of it.
const MAX_BLOCK_CELLS: usize = 1024;

/// Whether a text came out column by column: two funds-row labels with no value between them
/// (`其中:当年财政拨款 上年结转资金`), or the 三级指标 label followed by its cells before the next
/// column label (`三级指标 建档人数 年度指标值 …`; short label pieces do not count), or a run of header labels followed by as
/// many values (`项目名称 主管部门 某项目 某局`).
pub(super) fn detect(cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells.iter().filter(|c| !c.is_blank()).collect();
    let mut after_column: Option<(IndicatorColumn, usize)> = None;
    let mut header_run = 0usize;
    let mut values_after_run = 0usize;
    for (n, c) in filled.iter().enumerate() {
        // Funds rows listed one after another, then a column label over their values.
        if matches!(c.label, Some(Label::FundsRow(_)))
            && matches!(
                filled.get(n + 1).and_then(|d| d.label),
                Some(Label::FundsRow(_))
            )
        {
            let next = filled[n + 1..]
                .iter()
                .find(|d| !matches!(d.label, Some(Label::FundsRow(_))));
            if next.is_some_and(|d| matches!(d.label, Some(Label::FundsColumn(_)))) {
                return true;
            }
        }
        // The 三级指标 label, its cells, then another column label.
        match c.label {
            Some(Label::IndicatorColumn(k)) => {
                if after_column.is_some_and(|(prev, cells)| {
                    cells >= 1 && (prev == IndicatorColumn::Name || k == IndicatorColumn::Name)
                }) {
                    return true;
                }
                after_column = Some((k, 0));
            }
            // Whole cells, not the 1–3 character pieces of a label split by a PDF
            // (`一级 指标 二级 指标名称`), which are scrambled text, not column-major.
            None if c.text.chars().count() > 3 || looks_like_value(&c.text) => {
                if let Some((_, cells)) = after_column.as_mut() {
                    *cells += 1;
                }
            }
            _ => {}
        }
        // Header labels in a run, then exactly as many values, then a label.
        match c.label {
            Some(Label::Header(_)) if values_after_run == 0 && !has_inline_value(c) => {
                header_run += 1;
            }
            None if header_run >= 2 => {
                values_after_run += 1;
                if values_after_run == header_run
                    && filled.get(n + 1).is_none_or(|d| d.label.is_some())
                {
                    return true;
                }
            }
            _ => {
                header_run =
                    usize::from(matches!(c.label, Some(Label::Header(_))) && !has_inline_value(c));
                values_after_run = 0;
            }
        }
    }
    false
}

fn has_inline_value(c: &Cell) -> bool {
    crate::read::labels::split_inline(&c.text).is_some()
}

/// A cell of a table block, by what it is in column-major text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Caption,
    /// A column label.
    Column,
    RowLabel,
    Total,
    Value,
}

impl Regrid<'_> {
    /// Rebuild the block that starts at cell `i` (labelled `label`) from its column runs.
    /// True when the block was handled (rows or an event emitted, `self.i` moved on).
    pub(super) fn column_major_block(&mut self, i: usize, label: Option<Label>) -> bool {
        match label {
            Some(Label::Header(_)) => self.header_run(i),
            Some(Label::FundsCaption | Label::FundsColumn(_) | Label::FundsRow(_))
                if !matches!(self.state, State::Indicators(_)) =>
            {
                self.funds_block(i)
            }
            Some(Label::GoalCaption | Label::GoalExpected | Label::GoalAchieved) => {
                self.goal_block(i)
            }
            Some(Label::IndicatorCaption | Label::IndicatorColumn(_))
                if !matches!(self.state, State::Indicators(_)) =>
            {
                self.indicator_block(i) || self.drifted_indicators(i)
            }
            _ => false,
        }
    }

    fn remark_once(&mut self, line: u32) {
        if !self.column_major_said {
            self.column_major_said = true;
            self.out.push(Item::Event(Event::Remark {
                line,
                message: REMARK.to_string(),
            }));
        }
    }

    /// The filled cells from `i` on, with their indices, up to the block limit or the first
    /// cell whose label `ends` the block (that cell is left out).
    fn filled_from(&self, i: usize, ends: impl Fn(Option<Label>) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        for k in i..self.cells.len() {
            let c = &self.cells[k];
            if c.is_blank() {
                continue;
            }
            if (k > i && ends(c.label)) || out.len() >= MAX_BLOCK_CELLS {
                break;
            }
            out.push(k);
        }
        out
    }

    /// `项目名称 主管部门 某项目 某局`: a run of header labels, then as many values, paired in
    /// order. With another number of values nothing is paired: the labels stand alone and the
    /// values are reported as not placed.
    fn header_run(&mut self, i: usize) -> bool {
        let idx = self.filled_from(i, |l| !matches!(l, None | Some(Label::Header(_))));
        let labels: Vec<usize> = idx
            .iter()
            .copied()
            .take_while(|&k| {
                matches!(self.cells[k].label, Some(Label::Header(_)))
                    && !has_inline_value(&self.cells[k])
            })
            .collect();
        if labels.len() < 2 {
            return false;
        }
        let values: Vec<usize> = idx[labels.len()..]
            .iter()
            .copied()
            .take_while(|&k| self.cells[k].label.is_none())
            .collect();
        let line = self.cells[i].at.line;
        let end = values.last().or(labels.last()).map_or(i + 1, |k| k + 1);
        self.i = end;
        if values.len() == labels.len() {
            self.remark_once(line);
            for (l, v) in labels.iter().zip(&values) {
                let (l, v) = (&self.cells[*l], &self.cells[*v]);
                let row = row_at(vec![(1, l.text.clone(), l.at), (2, v.text.clone(), v.at)]);
                self.emit(row);
            }
            return true;
        }
        for l in &labels {
            let c = &self.cells[*l];
            self.emit(row_at(vec![(1, c.text.clone(), c.at)]));
        }
        if !values.is_empty() {
            let texts: Vec<&str> = values
                .iter()
                .map(|k| self.cells[*k].text.as_str())
                .collect();
            self.event(Event::Note {
                line,
                message: format!(
                    "表头有{}个栏目名连在一起，其后有{}个值（{}），个数不同，无法对应，未读入",
                    labels.len(),
                    values.len(),
                    texts.join(" ")
                ),
            });
        }
        true
    }

    /// `年度总体目标 预期目标 文字… 实际完成情况 文字…`: each goal label followed by its text.
    fn goal_block(&mut self, i: usize) -> bool {
        let idx = self.filled_from(i, |l| {
            !matches!(
                l,
                None | Some(Label::GoalCaption | Label::GoalExpected | Label::GoalAchieved)
            )
        });
        let mut head: Vec<usize> = Vec::new();
        let mut expected: Vec<usize> = Vec::new();
        let mut achieved: Vec<usize> = Vec::new();
        let mut current: Option<Label> = None;
        let mut end = i + 1;
        for &k in &idx {
            let c = &self.cells[k];
            match c.label {
                Some(l @ (Label::GoalCaption | Label::GoalExpected | Label::GoalAchieved)) => {
                    if head.iter().any(|h| self.cells[*h].label == Some(l)) {
                        break;
                    }
                    head.push(k);
                    current = Some(l);
                }
                None => match current {
                    Some(Label::GoalExpected) => expected.push(k),
                    Some(Label::GoalAchieved) => achieved.push(k),
                    _ => return false,
                },
                _ => break,
            }
            end = k + 1;
        }
        // Row-major goals have their labels side by side: the ordinary reader takes them.
        if expected.is_empty() || achieved.is_empty() {
            return false;
        }
        self.remark_once(self.cells[i].at.line);
        let cells: Vec<(u32, String, Pos)> = head
            .iter()
            .enumerate()
            .map(|(n, k)| {
                let c = &self.cells[*k];
                (crate::grid::col_no(n), c.text.clone(), c.at)
            })
            .collect();
        let col_of = |l: Label| {
            cells
                .iter()
                .zip(&head)
                .find(|(_, k)| self.cells[**k].label == Some(l))
                .map_or(2, |(c, _)| c.0)
        };
        let (ce, ca) = (col_of(Label::GoalExpected), col_of(Label::GoalAchieved));
        let join = |ks: &[usize]| {
            ks.iter()
                .map(|k| self.cells[*k].text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let row = row_at(vec![
            (ce, join(&expected), self.cells[expected[0]].at),
            (ca, join(&achieved), self.cells[achieved[0]].at),
        ]);
        self.emit(row_at(cells));
        self.emit(row);
        self.state = State::Goals;
        self.i = end;
        true
    }

    /// The funds table: its row labels as one run and each column label followed by its values.
    /// Aligned when every column has one value per row; otherwise left out with a note saying
    /// which column has how many values (the form is incomplete, reading goes on).
    fn funds_block(&mut self, i: usize) -> bool {
        let mut tokens: Vec<(usize, Token)> = Vec::new();
        let mut header_pairs: Vec<(usize, usize)> = Vec::new();
        let mut kinds: Vec<FundsColumn> = Vec::new();
        let mut at = Some(i);
        while let Some(k) = at {
            if tokens.len() + header_pairs.len() >= MAX_BLOCK_CELLS {
                break;
            }
            let c = &self.cells[k];
            let next = self.next_filled(k + 1);
            let t = match c.label {
                Some(Label::FundsCaption) => Token::Caption,
                Some(Label::FundsColumn(f)) => {
                    kinds.push(f);
                    Token::Column
                }
                Some(Label::IndicatorColumn(IndicatorColumn::Weight)) => {
                    kinds.push(FundsColumn::Weight);
                    Token::Column
                }
                Some(Label::IndicatorColumn(IndicatorColumn::Score)) => {
                    kinds.push(FundsColumn::Score);
                    Token::Column
                }
                Some(Label::FundsRow(_)) => Token::RowLabel,
                // A header cell and its value that drifted into the block (`实施单位 某院`).
                Some(Label::Header(_)) => match next {
                    Some(v) if self.cells[v].label.is_none() => {
                        header_pairs.push((k, v));
                        at = self.next_filled(v + 1);
                        continue;
                    }
                    _ => break,
                },
                None => Token::Value,
                _ => break,
            };
            tokens.push((k, t));
            at = next;
        }
        let rows: Vec<usize> = tokens
            .iter()
            .filter(|(_, t)| *t == Token::RowLabel)
            .map(|(k, _)| *k)
            .collect();
        let columns = column_runs(&tokens);
        // Row-major funds (a label, then its values) are for the ordinary reader.
        let row_major = rows.len() < 2
            || columns.is_empty()
            || tokens
                .windows(2)
                .any(|w| w[0].1 == Token::RowLabel && w[1].1 == Token::Value);
        if row_major {
            return false;
        }
        let end = tokens
            .iter()
            .map(|(k, _)| *k)
            .chain(header_pairs.iter().map(|(_, v)| *v))
            .max()
            .map_or(i + 1, |k| k + 1);
        let line = self.cells[i].at.line;
        self.remark_once(line);
        for (l, v) in &header_pairs {
            let (l, v) = (&self.cells[*l], &self.cells[*v]);
            let row = row_at(vec![(1, l.text.clone(), l.at), (2, v.text.clone(), v.at)]);
            self.emit(row);
        }
        self.i = end;
        let loose = loose_values(&tokens);
        let aligned = loose == 0 && columns.iter().all(|c| c.1.len() == rows.len());
        if !aligned {
            let counts: Vec<String> = columns
                .iter()
                .map(|(h, v)| format!("“{}”{}个", self.cells[*h].text, v.len()))
                .collect();
            let mut why = format!(
                "资金使用情况（按列导出的表格文本：{}个资金行，各列数值个数为{}",
                rows.len(),
                counts.join("、")
            );
            if loose > 0 {
                why.push_str(&format!("，另有{loose}个数值不在任何列标题之下"));
            }
            why.push_str("，无法逐行对齐）");
            self.event(Event::Gap { why, line });
            self.state = State::Funds { ncols: 0 };
            return true;
        }
        let caption = tokens.iter().find(|(_, t)| *t == Token::Caption);
        let mut head = vec![match caption {
            Some((k, _)) => (1, self.cells[*k].text.clone(), self.cells[*k].at),
            None => (1, String::new(), self.cells[i].at),
        }];
        for (n, (h, _)) in columns.iter().enumerate() {
            let c = &self.cells[*h];
            head.push((crate::grid::col_no(n + 1), c.text.clone(), c.at));
        }
        self.emit(row_at(head));
        for (r, k) in rows.iter().enumerate() {
            let l = &self.cells[*k];
            let mut cells = vec![(1, l.text.clone(), l.at)];
            for (n, (_, vals)) in columns.iter().enumerate() {
                let v = &self.cells[vals[r]];
                cells.push((crate::grid::col_no(n + 1), v.text.clone(), v.at));
            }
            self.emit(row_at(cells));
        }
        self.state = State::Funds {
            ncols: columns.len(),
        };
        self.funds_kinds = kinds;
        true
    }

    /// The indicator table as column runs: `一级指标 产出指标 … 二级指标 数量指标 … 三级指标 名称 …
    /// 年度指标值 … 得分 …`, with `总分` at the end of the 一级 column and the total's 分值 and
    /// 得分 at the end of theirs. False when the text is not laid out that way.
    fn indicator_block(&mut self, i: usize) -> bool {
        let idx = self.filled_from(i, |l| {
            !matches!(
                l,
                None | Some(
                    Label::IndicatorCaption
                        | Label::IndicatorColumn(_)
                        | Label::FundsColumn(FundsColumn::Reason)
                        | Label::Total
                        | Label::Level1
                        | Label::Level2
                )
            )
        });
        let mut tokens: Vec<(usize, Token)> = Vec::new();
        for &k in &idx {
            let c = &self.cells[k];
            let t = match c.label {
                Some(Label::IndicatorCaption) if tokens.is_empty() => Token::Caption,
                Some(Label::IndicatorColumn(_) | Label::FundsColumn(FundsColumn::Reason)) => {
                    Token::Column
                }
                Some(Label::Total) => Token::Total,
                Some(Label::Level1 | Label::Level2) | None => Token::Value,
                _ => break,
            };
            tokens.push((k, t));
        }
        let columns = column_runs(&tokens);
        let kinds: Vec<IndicatorColumn> = columns
            .iter()
            .map(|(h, _)| match self.cells[*h].label {
                Some(Label::IndicatorColumn(k)) => k,
                _ => IndicatorColumn::Deviation,
            })
            .collect();
        let Some(name_at) = kinds.iter().position(|k| *k == IndicatorColumn::Name) else {
            return false;
        };
        let repeated = kinds
            .iter()
            .enumerate()
            .any(|(n, k)| kinds[..n].contains(k) && *k != IndicatorColumn::Ignored);
        // Column labels side by side are a row-major header: the ordinary reader takes it.
        let names = &columns[name_at].1;
        if repeated || names.is_empty() || loose_values(&tokens) > 0 {
            return false;
        }
        let n = names.len();
        let total_at = tokens
            .iter()
            .find(|(_, t)| *t == Token::Total)
            .map(|(k, _)| *k);
        let end = tokens.last().map_or(i + 1, |(k, _)| k + 1);
        let line = self.cells[i].at.line;
        self.remark_once(line);
        self.i = end;
        // Each column: one cell per row, a single cell for every row (a merged 一级/二级
        // label), or one more than the rows (the total's 分值 / 得分).
        let mut problems = Vec::new();
        let mut dropped = Vec::new();
        for (c, k) in columns.iter().zip(&kinds) {
            let len = c.1.len();
            let ok = match k {
                IndicatorColumn::Name => true,
                IndicatorColumn::Level1 | IndicatorColumn::Level2 => {
                    len == n || len <= 1 || (len == n + 1 && total_at.is_some())
                }
                IndicatorColumn::Weight | IndicatorColumn::Score => {
                    len == n || len == 0 || (len == n + 1 && total_at.is_some())
                }
                IndicatorColumn::Deviation
                | IndicatorColumn::Ignored
                | IndicatorColumn::Method
                | IndicatorColumn::Core => {
                    if len != n && len != 0 {
                        dropped.push(format!("“{}”{}个", self.cells[c.0].text, len));
                    }
                    true
                }
                _ => len == n || len == 0,
            };
            if !ok {
                problems.push(format!("“{}”{}个", self.cells[c.0].text, len));
            }
        }
        let header_cells: Vec<(u32, String, Pos)> = columns
            .iter()
            .enumerate()
            .map(|(p, (h, _))| {
                let c = &self.cells[*h];
                (crate::grid::col_no(p), c.text.clone(), c.at)
            })
            .collect();
        for (k, _) in tokens.iter().take_while(|(_, t)| *t == Token::Caption) {
            let c = &self.cells[*k];
            self.emit(row_at(vec![(1, c.text.clone(), c.at)]));
        }
        self.emit(row_at(header_cells));
        if !problems.is_empty() {
            let why = format!(
                "年度绩效指标（按列导出的表格文本：{}个三级指标，但{}，无法逐行对齐）",
                n,
                problems.join("、")
            );
            self.event(Event::Unreliable { why, line });
            return true;
        }
        if !dropped.is_empty() {
            self.event(Event::Note {
                line,
                message: format!(
                    "按列导出的表格文本：{}个三级指标，{}，个数不同，该列未读入",
                    n,
                    dropped.join("、")
                ),
            });
        }
        for r in 0..n {
            let mut cells = Vec::new();
            for (p, ((_, vals), k)) in columns.iter().zip(&kinds).enumerate() {
                let len = vals.len();
                let at = match k {
                    IndicatorColumn::Level1 | IndicatorColumn::Level2 if len == 1 => {
                        (r == 0).then_some(0)
                    }
                    _ if len == n || len == n + 1 => Some(r),
                    _ => None,
                };
                if let Some(v) = at.and_then(|a| vals.get(a)) {
                    let v = &self.cells[*v];
                    if v.label != Some(Label::Total) {
                        cells.push((crate::grid::col_no(p), v.text.clone(), v.at));
                    }
                }
            }
            self.emit(row_at(cells));
        }
        match total_at {
            Some(t) => {
                let c = &self.cells[t];
                let mut cells = vec![(1, c.text.clone(), c.at)];
                for (p, ((_, vals), k)) in columns.iter().zip(&kinds).enumerate() {
                    if matches!(k, IndicatorColumn::Weight | IndicatorColumn::Score)
                        && vals.len() == n + 1
                    {
                        let v = &self.cells[vals[n]];
                        cells.push((crate::grid::col_no(p), v.text.clone(), v.at));
                    }
                }
                self.emit(row_at(cells));
                self.state = State::Trailer;
            }
            None => {
                self.state = State::Indicators(Header { kinds, name_at });
            }
        }
        true
    }

    /// Text whose indicator header drifted apart (its labels scattered among the cells) but
    /// whose rows are mostly in order: the value columns are taken in the order their labels
    /// were printed, and a row is read where a name is followed by exactly one row of values
    /// (or `m` names by `m` rows of values, paired in order). The stretches between are left
    /// out with a note; the form is incomplete.
    fn drifted_indicators(&mut self, i: usize) -> bool {
        let idx = self.filled_from(i, |_| false);
        // The block: up to the total, a trailer, another table or the next form.
        let mut block: Vec<usize> = Vec::new();
        for &k in &idx {
            match self.cells[k].label {
                Some(
                    Label::Title
                    | Label::Total
                    | Label::Trailer
                    | Label::FundsCaption
                    | Label::FundsRow(_)
                    | Label::GoalCaption
                    | Label::GoalExpected
                    | Label::GoalAchieved
                    | Label::TransferBlock
                    | Label::DecisionBlock,
                ) => break,
                _ => block.push(k),
            }
        }
        let mut values: Vec<IndicatorColumn> = Vec::new();
        for &k in &block {
            if let Some(Label::IndicatorColumn(c)) = self.cells[k].label
                && matches!(
                    c,
                    IndicatorColumn::Comparator
                        | IndicatorColumn::Target
                        | IndicatorColumn::Unit
                        | IndicatorColumn::Actual
                        | IndicatorColumn::Weight
                        | IndicatorColumn::Score
                )
                && !values.contains(&c)
            {
                values.push(c);
            }
        }
        let has_score_cols = values
            .iter()
            .any(|c| matches!(c, IndicatorColumn::Weight | IndicatorColumn::Score));
        if values.len() < 2 || !has_score_cols {
            return false;
        }
        let mut kinds = vec![
            IndicatorColumn::Level1,
            IndicatorColumn::Level2,
            IndicatorColumn::Name,
        ];
        kinds.extend(values.iter().copied());
        let header = Header { kinds, name_at: 2 };
        let line = self.cells[i].at.line;
        let mut head = Vec::new();
        for (p, k) in header.kinds.iter().enumerate() {
            let src = block
                .iter()
                .find(|b| self.cells[**b].label == Some(Label::IndicatorColumn(*k)));
            let (text, at) = match src {
                Some(b) => (self.cells[*b].text.clone(), self.cells[*b].at),
                None => (canonical_column(*k).to_string(), self.cells[i].at),
            };
            head.push((crate::grid::col_no(p), text, at));
        }
        let mut rows: Vec<FoundRow> = Vec::new();
        let mut gaps: Vec<Gap> = Vec::new();
        let mut leads: Vec<(u32, usize)> = Vec::new();
        let mut joined = Vec::new();
        // Stretches between labels (a label is never inside a row).
        let mut s = 0;
        while s < block.len() {
            let k = block[s];
            match self.cells[k].label {
                Some(Label::Level1) => {
                    leads.retain(|(c, _)| *c > 2);
                    leads.push((1, k));
                    s += 1;
                    continue;
                }
                Some(Label::Level2) => {
                    leads.retain(|(c, _)| *c != 2);
                    leads.push((2, k));
                    s += 1;
                    continue;
                }
                Some(_) => {
                    s += 1;
                    continue;
                }
                None => {}
            }
            let mut e = s;
            while e < block.len() && self.cells[block[e]].label.is_none() {
                e += 1;
            }
            let stretch = &block[s..e];
            self.cut_stretch(
                stretch,
                &values,
                &mut rows,
                &mut gaps,
                &mut joined,
                &mut leads,
            );
            s = e;
        }
        if rows.is_empty() {
            return false;
        }
        self.remark_once(line);
        self.emit(row_at(head));
        let at_end = block.last().is_some_and(|k| *k + 1 >= self.cells.len());
        let n_rows = rows.len();
        for r in &rows {
            let mut cells: Vec<(u32, String, Pos)> = r
                .leads
                .iter()
                .map(|(c, k)| (*c, self.cells[*k].text.clone(), self.cells[*k].at))
                .collect();
            let name: String = r
                .name
                .iter()
                .map(|k| self.cells[*k].text.as_str())
                .collect();
            cells.push((3, name, self.cells[r.name[0]].at));
            for (p, v) in r.values.iter().enumerate() {
                let c = &self.cells[*v];
                cells.push((4 + u32::try_from(p).unwrap_or(0), c.text.clone(), c.at));
            }
            self.emit(row_at(cells));
        }
        for g in &gaps {
            let first = &self.cells[g.first];
            let cut_at_end = at_end && g.rows_before == n_rows && g.last + 1 >= self.cells.len();
            let texts: Vec<&str> = g
                .cells
                .iter()
                .map(|k| self.cells[*k].text.as_str())
                .filter(|t| !looks_like_value(t))
                .collect();
            let what = match texts.as_slice() {
                [] => format!("“{}”", first.text),
                [one] => format!("“{one}”"),
                [a, .., b] => format!("“{a}”至“{b}”"),
            };
            if cut_at_end {
                self.event(Event::Note {
                    line: first.at.line,
                    message: format!("文本在{what}处中途结束"),
                });
            } else {
                self.event(Event::Gap {
                    why: format!(
                        "年度绩效指标（按列导出的表格文本：{what}一段单元格错位，名称与数值无法逐行对应）"
                    ),
                    line: first.at.line,
                });
            }
        }
        for (line, text) in joined {
            self.event(Event::Remark {
                line,
                message: format!("指标名称被换行拆开，已接回：“{text}”"),
            });
        }
        self.i = block.last().map_or(i + 1, |k| k + 1);
        self.state = State::Indicators(header);
        true
    }

    /// Cut one stretch of cells (no labels in it) into rows of a name and `values.len()`
    /// values; what cannot be cut goes into `gaps` (first and last cell index).
    fn cut_stretch(
        &self,
        stretch: &[usize],
        values: &[IndicatorColumn],
        rows: &mut Vec<FoundRow>,
        gaps: &mut Vec<Gap>,
        joined: &mut Vec<(u32, String)>,
        leads: &mut Vec<(u32, usize)>,
    ) {
        let k = values.len();
        let is_value = |c: usize| looks_like_value(&self.cells[c].text);
        let mut p = 0;
        while p < stretch.len() {
            let names_end = (p..stretch.len())
                .find(|&q| is_value(stretch[q]))
                .unwrap_or(stretch.len());
            let values_end = (names_end..stretch.len())
                .find(|&q| !is_value(stretch[q]))
                .unwrap_or(stretch.len());
            let names = &stretch[p..names_end];
            let vals = &stretch[names_end..values_end];
            let groups = self.name_groups(names, vals.len(), k);
            let fits = match &groups {
                Some(g) => g.iter().enumerate().all(|(r, _)| {
                    values.iter().enumerate().all(|(j, col)| {
                        let t = &self.cells[vals[r * k + j]].text;
                        !matches!(col, IndicatorColumn::Weight | IndicatorColumn::Score)
                            || is_pure_number(t)
                            || crate::normalise::is_null_marker(t)
                    })
                }),
                None => false,
            };
            match groups {
                Some(g) if fits => {
                    for (r, name) in g.into_iter().enumerate() {
                        if name.len() > 1 {
                            let text: String =
                                name.iter().map(|c| self.cells[*c].text.as_str()).collect();
                            joined.push((self.cells[name[0]].at.line, text));
                        }
                        rows.push(FoundRow {
                            leads: std::mem::take(leads),
                            name,
                            values: vals[r * k..(r + 1) * k].to_vec(),
                        });
                    }
                }
                _ => {
                    let cells = &stretch[p..values_end.max(p + 1)];
                    let last = cells[cells.len() - 1];
                    match gaps.last_mut() {
                        // Nothing read since the last gap: one stretch left out.
                        Some(g) if g.rows_before == rows.len() => {
                            g.last = last;
                            g.cells.extend_from_slice(cells);
                        }
                        _ => gaps.push(Gap {
                            first: cells[0],
                            last,
                            cells: cells.to_vec(),
                            rows_before: rows.len(),
                        }),
                    }
                }
            }
            p = values_end.max(p + 1);
        }
    }

    /// The names of `m = n_values / k` rows: the name cells as they are when there are `m`, or
    /// with short wrapped pieces (`报告` / `数`: one or two characters after a name) joined
    /// back when that makes `m`. `None` when the counts do not fit.
    fn name_groups(&self, names: &[usize], n_values: usize, k: usize) -> Option<Vec<Vec<usize>>> {
        if names.is_empty() || k == 0 || n_values == 0 || !n_values.is_multiple_of(k) {
            return None;
        }
        let m = n_values / k;
        if names.len() == m {
            return Some(names.iter().map(|c| vec![*c]).collect());
        }
        let is_piece = |c: usize| {
            let t = &self.cells[c].text;
            let n = t.chars().count();
            (1..=2).contains(&n) && !t.chars().any(|ch| ch.is_ascii_digit())
        };
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (q, c) in names.iter().enumerate() {
            match groups.last_mut() {
                Some(g) if q > 0 && is_piece(*c) => g.push(*c),
                _ => groups.push(vec![*c]),
            }
        }
        (groups.len() == m).then_some(groups)
    }
}

/// A row found by [`Regrid::drifted_indicators`]: the level labels printed before it, its name
/// cells (several when a wrapped name was joined) and its value cells.
struct FoundRow {
    leads: Vec<(u32, usize)>,
    name: Vec<usize>,
    values: Vec<usize>,
}

/// Cells left out by [`Regrid::drifted_indicators`]: first and last cell, all of them, and
/// how many rows had been read before.
struct Gap {
    first: usize,
    last: usize,
    cells: Vec<usize>,
    rows_before: usize,
}

/// The label an indicator column is known by (for a header whose label was not printed).
fn canonical_column(k: IndicatorColumn) -> &'static str {
    match k {
        IndicatorColumn::Level1 => "一级指标",
        IndicatorColumn::Level2 => "二级指标",
        IndicatorColumn::Name => "三级指标",
        IndicatorColumn::Comparator => "指标性质",
        IndicatorColumn::Target => "年度指标值",
        IndicatorColumn::Unit => "度量单位",
        IndicatorColumn::Actual => "实际完成值",
        IndicatorColumn::Weight => "分值",
        IndicatorColumn::Score => "得分",
        IndicatorColumn::Deviation => "偏差原因分析及改进措施",
        IndicatorColumn::Ignored => "备注",
        IndicatorColumn::Method => "得分计算方法",
        IndicatorColumn::Coefficient => "得分系数",
        IndicatorColumn::Core => "是否核心指标",
        IndicatorColumn::WeightShare => "权重占比(%)",
        IndicatorColumn::WeightedScore => "折算得分",
    }
}

/// The columns of a block: each column label with the cells after it (up to the next column
/// label), row labels and captions left out.
fn column_runs(tokens: &[(usize, Token)]) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for (k, t) in tokens {
        match t {
            Token::Column => out.push((*k, Vec::new())),
            Token::Value | Token::Total => {
                if let Some(last) = out.last_mut() {
                    last.1.push(*k);
                }
            }
            Token::RowLabel | Token::Caption => {}
        }
    }
    // Values after a row label belong to no column.
    out
}

/// Values that sit under no column label (before the first one).
fn loose_values(tokens: &[(usize, Token)]) -> usize {
    tokens
        .iter()
        .take_while(|(_, t)| *t != Token::Column)
        .filter(|(_, t)| matches!(t, Token::Value | Token::Total))
        .count()
}
