//! Rows of cells with their source positions: the rendering-independent middle of the data path.
//!
//! A reader of a rendering (tab-separated text, pipe tables, a spreadsheet) produces a [`Grid`];
//! the form reader (`read::form`) only ever sees grids. Cells are cleaned (`normalise::clean_text`)
//! but keep their original column index, so a finding can point at the exact cell.

use crate::normalise;

/// One cell: cleaned text and its 1-based column in the source row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    pub text: String,
    pub column: u32,
}

/// One source row (a line of text, a spreadsheet row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<GridCell>,
}

impl Row {
    /// The cell at 1-based `column`, if present and not blank.
    pub fn cell(&self, column: u32) -> Option<&GridCell> {
        self.cells
            .iter()
            .find(|c| c.column == column)
            .filter(|c| !c.text.is_empty())
    }

    /// The non-blank cells, in order.
    pub fn filled(&self) -> impl Iterator<Item = &GridCell> {
        self.cells.iter().filter(|c| !c.text.is_empty())
    }

    /// The first non-blank cell.
    pub fn first_filled(&self) -> Option<&GridCell> {
        self.filled().next()
    }

    pub fn is_blank(&self) -> bool {
        self.filled().next().is_none()
    }
}

/// A table as rows of cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    pub rows: Vec<Row>,
}

/// Longest line accepted as one row; longer lines are cut (and the reader says so).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Split tab-separated text into a grid: one row per line, cells split on tabs.
/// Blank lines are kept out of the grid (their line numbers simply do not appear).
pub fn from_tsv(text: &str) -> Grid {
    let mut rows = Vec::new();
    for (idx, raw_line) in text.split('\n').enumerate() {
        let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        if line.trim().is_empty() {
            continue;
        }
        let line = truncate_at_char_boundary(line, MAX_LINE_BYTES);
        let cells = line
            .split('\t')
            .enumerate()
            .map(|(i, raw)| GridCell {
                text: normalise::clean_text(raw),
                column: u32::try_from(i + 1).unwrap_or(u32::MAX),
            })
            .collect();
        rows.push(Row {
            line: line_no,
            cells,
        });
    }
    Grid { rows }
}

fn truncate_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_keeps_columns_and_skips_blank_lines() {
        let g = from_tsv("a\tb\t\tc\n\n\t\n x \ty\r\n");
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0].line, 1);
        assert_eq!(g.rows[0].cell(4).map(|c| c.text.as_str()), Some("c"));
        assert_eq!(g.rows[0].cell(3), None);
        assert_eq!(g.rows[1].line, 4);
        assert_eq!(g.rows[1].cells[0].text, "x");
        assert_eq!(g.rows[1].cells[1].text, "y");
    }

    #[test]
    fn overlong_line_is_cut_on_a_char_boundary() {
        let s = "项".repeat(MAX_LINE_BYTES / 3 + 10);
        let g = from_tsv(&s);
        assert!(g.rows[0].cells[0].text.len() <= MAX_LINE_BYTES);
    }
}
