//! Placing cells (with their spans) into a [`Grid`].
//!
//! All table readers (spreadsheet, HTML, docx) share one rule for merged cells, so the core
//! reader sees the same grid whichever file the table came from:
//!
//! * a cell spanning **rows** carries its text on every row it covers, in its first column
//!   (a merged `产出(50分)` reaches each indicator row, a merged `年度绩效指标` each row of the
//!   block);
//! * a cell spanning **columns** keeps its text in its first column only; the other columns of
//!   the span stay blank. Repeating it across the columns would turn a merged title into a row of
//!   nine titles and paste a merged goal text four times.

use std::collections::BTreeMap;

use jixiao_core::grid::{Grid, GridCell, Row};
use jixiao_core::normalise;

/// Cells by (row, column), both 1-based, before they become a [`Grid`].
#[derive(Debug, Default)]
pub(crate) struct Layout {
    cells: BTreeMap<(u32, u32), String>,
    next_row: u32,
}

impl Layout {
    /// A fresh row number for readers that number rows themselves (HTML, docx).
    pub(crate) fn new_row(&mut self) -> u32 {
        self.next_row = self.next_row.saturating_add(1);
        self.next_row
    }

    /// Put `text` at (row, column) unless a non-blank text is already there.
    pub(crate) fn put(&mut self, row: u32, column: u32, text: &str) {
        if row == 0 || column == 0 {
            return;
        }
        let slot = self.cells.entry((row, column)).or_default();
        if slot.trim().is_empty() {
            text.clone_into(slot);
        }
    }

    /// Put a cell that spans `rows` (its row numbers, first one first) at `column`: the text goes
    /// to the first column of every covered row (see the module docs).
    pub(crate) fn put_spanning(&mut self, rows: &[u32], column: u32, text: &str) {
        for &r in rows {
            self.put(r, column, text);
        }
    }

    /// The grid: one [`Row`] per row number with a non-blank cell, each with cells 1..=last
    /// non-blank column (blank ones as empty text), cleaned like the text reader's cells.
    pub(crate) fn into_grid(self) -> Grid {
        let mut rows: Vec<Row> = Vec::new();
        let mut current: Option<(u32, Vec<(u32, String)>)> = None;
        let flush = |rows: &mut Vec<Row>, cur: Option<(u32, Vec<(u32, String)>)>| {
            let Some((line, cells)) = cur else { return };
            let Some(last) = cells.iter().map(|(c, _)| *c).max() else {
                return;
            };
            let mut out: Vec<GridCell> = (1..=last)
                .map(|column| GridCell {
                    text: String::new(),
                    column,
                })
                .collect();
            for (c, text) in cells {
                out[(c - 1) as usize].text = text;
            }
            rows.push(Row { line, cells: out });
        };
        for ((row, col), raw) in self.cells {
            let text = normalise::clean_text(&raw);
            if text.is_empty() {
                continue;
            }
            match &mut current {
                Some((r, cells)) if *r == row => cells.push((col, text)),
                _ => {
                    flush(&mut rows, current.take());
                    current = Some((row, vec![(col, text)]));
                }
            }
        }
        flush(&mut rows, current);
        Grid { rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_fill_rows_not_columns() {
        let mut l = Layout::default();
        l.put_spanning(&[2, 3, 4], 2, "产出(50分)");
        l.put(2, 3, "数量");
        l.put(3, 3, " ");
        l.put(1, 1, "项目支出绩效自评表");
        let g = l.into_grid();
        assert_eq!(g.rows.len(), 4);
        assert_eq!(g.rows[0].cells.len(), 1);
        for r in &g.rows[1..] {
            assert_eq!(r.cell(2).unwrap().text, "产出(50分)");
            assert_eq!(r.cells[0].text, "");
        }
        assert_eq!(g.rows[2].cells.len(), 2);
    }
}
