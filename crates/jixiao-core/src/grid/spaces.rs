//! Space-separated rows: a row per line, cells split by runs of spaces or single spaces.
//!
//! A cell whose own text holds a space comes out as several cells (`项目资金 (万元)`,
//! `年度 指标值`); `read` joins neighbouring cells back when together they make a known label.

use super::{GridCell, PlacedRow, Row, col_no, line_no, lines};
use crate::normalise;

/// Rows of space-separated text: one per non-blank line, one cell per whitespace-separated
/// token (after `normalise::clean_text`, so U+3000 and U+00A0 separate too).
pub fn from_space_rows(text: &str) -> Vec<PlacedRow> {
    let mut rows = Vec::new();
    for (idx, line) in lines(text).enumerate() {
        let clean = normalise::clean_text(line);
        if clean.is_empty() {
            continue;
        }
        let cells = clean
            .split(' ')
            .enumerate()
            .map(|(i, t)| GridCell {
                text: t.to_string(),
                column: col_no(i),
            })
            .collect();
        rows.push(PlacedRow::plain(Row {
            line: line_no(idx),
            cells,
        }));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_cells() {
        let rows = from_space_rows("项目名称 科技经费\n\n年度资金总额:  25 25\u{3000}25\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].row.line, 3);
        let t: Vec<&str> = rows[1].row.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(t, vec!["年度资金总额:", "25", "25", "25"]);
    }
}
