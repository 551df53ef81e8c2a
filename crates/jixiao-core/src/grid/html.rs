//! HTML `<table>` text: `<tr>` rows, `<td>`/`<th>` cells, `colspan`/`rowspan` expanded.
//!
//! A merged cell's text stays in its top-left position; the other positions it covers are empty
//! cells, so every row has its cells at their true columns (a two-line header lines up with
//! the rows under it). Text outside tables becomes one-cell rows, one per source line.

use super::{GridCell, PlacedRow, Row, col_no};
use crate::model::Pos;
use crate::normalise;

/// Largest colspan/rowspan honoured (a guard against junk attributes).
const MAX_SPAN: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    TableOpen,
    TableClose,
    RowOpen,
    RowClose,
    CellOpen { colspan: usize, rowspan: usize },
    CellClose,
}

/// The tag starting at byte `i` (a `<`), with its end byte.
fn tag_at(b: &[u8], i: usize) -> Option<(Tag, usize)> {
    let rest = b.get(i + 1..)?;
    let close = rest.first() == Some(&b'/');
    let name_start = usize::from(close);
    let name_end = rest
        .iter()
        .skip(name_start)
        .position(|c| !c.is_ascii_alphanumeric())
        .map(|p| p + name_start)?;
    let name = std::str::from_utf8(&rest[name_start..name_end])
        .ok()?
        .to_ascii_lowercase();
    let end = rest.iter().take(4096).position(|&c| c == b'>')? + i + 2;
    let tag = match (name.as_str(), close) {
        ("table", false) => Tag::TableOpen,
        ("table", true) => Tag::TableClose,
        ("tr", false) => Tag::RowOpen,
        ("tr", true) => Tag::RowClose,
        ("td" | "th", false) => {
            let attrs = std::str::from_utf8(&b[i..end]).ok()?.to_ascii_lowercase();
            Tag::CellOpen {
                colspan: span(&attrs, "colspan"),
                rowspan: span(&attrs, "rowspan"),
            }
        }
        ("td" | "th", true) => Tag::CellClose,
        _ => return None,
    };
    Some((tag, end))
}

fn span(attrs: &str, name: &str) -> usize {
    let Some(p) = attrs.find(name) else { return 1 };
    let digits: String = attrs[p + name.len()..]
        .chars()
        .skip_while(|c| matches!(c, ' ' | '=' | '"' | '\''))
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().map_or(1, |n: usize| n.clamp(1, MAX_SPAN))
}

struct Builder {
    rows: Vec<PlacedRow>,
    /// Cells of the row being read: (column index, text, position).
    row: Vec<(usize, String, Pos)>,
    row_line: u32,
    /// Rows still covered by a rowspan, per column index.
    covered: Vec<usize>,
    cell: Option<(String, Pos, usize, usize)>,
    in_row: bool,
    /// Columns of the current row already taken, and the first one that may be free.
    used: Vec<bool>,
    next_free: usize,
}

impl Builder {
    fn close_cell(&mut self) {
        let Some((raw, at, colspan, rowspan)) = self.cell.take() else {
            return;
        };
        let mut col = self.next_free;
        let taken = |c: usize, b: &Builder| {
            b.covered.get(c).is_some_and(|&n| n > 0) || b.used.get(c).is_some_and(|u| *u)
        };
        while taken(col, self) {
            col += 1;
        }
        let text = normalise::clean_text(&raw);
        self.row.push((col, text, at));
        if self.used.len() < col + colspan {
            self.used.resize(col + colspan, false);
        }
        self.next_free = col + colspan;
        for k in col..col + colspan {
            self.used[k] = true;
            if k > col {
                self.row.push((k, String::new(), at));
            }
            if rowspan > 1 {
                if self.covered.len() <= k {
                    self.covered.resize(k + 1, 0);
                }
                // This row is counted when the row closes.
                self.covered[k] = self.covered[k].max(rowspan);
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if !self.in_row && self.row.is_empty() {
            return;
        }
        self.in_row = false;
        let width = self
            .row
            .iter()
            .map(|(k, _, _)| k + 1)
            .chain(std::iter::once(self.covered.len()))
            .max()
            .unwrap_or(0);
        let mut cells = Vec::with_capacity(width);
        let mut at = Vec::with_capacity(width);
        let mut placed: Vec<Option<(String, Pos)>> = vec![None; width];
        for (k, t, p) in self.row.drain(..) {
            if let Some(slot) = placed.get_mut(k) {
                *slot = Some((t, p));
            }
        }
        for (k, slot) in placed.into_iter().enumerate() {
            let (text, pos) = match slot {
                Some((t, p)) => (t, p),
                None => (String::new(), Pos::new(self.row_line, col_no(k))),
            };
            cells.push(GridCell {
                text,
                column: col_no(k),
            });
            at.push(Pos::new(pos.line, col_no(k)));
        }
        for n in &mut self.covered {
            *n = n.saturating_sub(1);
        }
        self.row.clear();
        self.used.clear();
        self.next_free = 0;
        if cells.iter().any(|c| !c.text.is_empty()) {
            self.rows.push(PlacedRow {
                row: Row {
                    line: self.row_line,
                    cells,
                },
                at,
            });
        }
    }
}

/// Rows of the tables in an HTML text (and one-cell rows for text outside them).
pub fn from_html(text: &str) -> Vec<PlacedRow> {
    let b = text.as_bytes();
    let mut out = Builder {
        rows: Vec::new(),
        row: Vec::new(),
        row_line: 1,
        covered: Vec::new(),
        cell: None,
        in_row: false,
        used: Vec::new(),
        next_free: 0,
    };
    let mut line: u32 = 1;
    let mut depth = 0usize;
    let mut i = 0;
    let mut last = 0;
    // Text outside any table, per line.
    let mut outside = String::new();
    let mut outside_line = 1;
    let flush_outside = |outside: &mut String, at_line: u32, rows: &mut Vec<PlacedRow>| {
        for (k, l) in outside.split('\n').enumerate() {
            let t = normalise::clean_text(l);
            if !t.is_empty() {
                let ln = at_line.saturating_add(u32::try_from(k).unwrap_or(0));
                rows.push(PlacedRow::plain(Row {
                    line: ln,
                    cells: vec![GridCell { text: t, column: 1 }],
                }));
            }
        }
        outside.clear();
    };
    while i < b.len() {
        if b[i] == b'\n' {
            line = line.saturating_add(1);
            i += 1;
            continue;
        }
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let Some((tag, end)) = tag_at(b, i) else {
            i += 1;
            continue;
        };
        let between = text.get(last..i).unwrap_or("");
        if depth == 0 {
            if outside.is_empty() {
                outside_line =
                    line.saturating_sub(u32::try_from(between.matches('\n').count()).unwrap_or(0));
            }
            outside.push_str(between);
        } else if let Some((t, _, _, _)) = out.cell.as_mut() {
            t.push_str(between);
        }
        match tag {
            Tag::TableOpen => {
                if depth == 0 {
                    flush_outside(&mut outside, outside_line, &mut out.rows);
                }
                depth += 1;
            }
            Tag::TableClose => {
                out.close_row();
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.covered.clear();
                }
            }
            Tag::RowOpen => {
                out.close_row();
                out.in_row = true;
                out.row_line = line;
            }
            Tag::RowClose => out.close_row(),
            Tag::CellOpen { colspan, rowspan } => {
                out.close_cell();
                if !out.in_row {
                    out.in_row = true;
                    out.row_line = line;
                }
                out.cell = Some((String::new(), Pos::new(line, 0), colspan, rowspan));
            }
            Tag::CellClose => out.close_cell(),
        }
        line = line.saturating_add(
            u32::try_from(text.get(i..end).unwrap_or("").matches('\n').count()).unwrap_or(0),
        );
        i = end;
        last = end;
    }
    if depth > 0 {
        if let Some((t, _, _, _)) = out.cell.as_mut() {
            t.push_str(text.get(last..).unwrap_or(""));
        }
        out.close_row();
    } else {
        outside.push_str(text.get(last..).unwrap_or(""));
        flush_outside(&mut outside, outside_line, &mut out.rows);
    }
    out.rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(r: &PlacedRow) -> Vec<&str> {
        r.row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn spans_are_expanded() {
        let html = "<h1>项目支出绩效自评表</h1>\n<table>\n<tr><td rowspan=2>绩效指标</td><td colspan=\"2\">年度指标值</td><td rowspan='2'>得分</td></tr>\n<tr><td>指标值</td><td>度量单位</td></tr>\n<tr><td>产出指标</td><td>10</td><td>人</td><td>5</td></tr>\n</table>";
        let rows = from_html(html);
        assert_eq!(rows.len(), 4);
        assert_eq!(texts(&rows[0]), vec!["项目支出绩效自评表"]);
        assert_eq!(texts(&rows[1]), vec!["绩效指标", "年度指标值", "", "得分"]);
        assert_eq!(texts(&rows[2]), vec!["", "指标值", "度量单位", ""]);
        assert_eq!(texts(&rows[3]), vec!["产出指标", "10", "人", "5"]);
        assert_eq!(rows[3].row.line, 5);
        assert_eq!(rows[3].pos(2), Pos::new(5, 3));
    }

    #[test]
    fn unclosed_tags_and_junk_do_not_panic() {
        for s in [
            "<table><tr><td>a",
            "<td colspan=999999999999>x",
            "<tr><tr></tr>",
            "<",
            "<table",
            "a<b>c",
        ] {
            let _ = from_html(s);
        }
        let rows = from_html("<table><tr><td>a<td>b<tr><td>c</table>");
        assert_eq!(rows.len(), 2);
        assert_eq!(texts(&rows[0]), vec!["a", "b"]);
    }
}
