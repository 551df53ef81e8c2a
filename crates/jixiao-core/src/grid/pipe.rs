//! Pipe tables: `a | b | c |` rows with ragged `| ||||` padding.
//!
//! Two dialects are seen. In the leading-pipe dialect (`| a | b |`, a mirror site's markdown) a
//! row starts at a line that starts with `|`, and a line that does not continues the row before
//! it (a cell whose text holds a line break). In the trailing-pipe dialect (`a | b |`) every line
//! is a row and a line of bare pipes is padding of the row before it. The dialect is chosen by
//! the share of lines that start with `|`.

use super::{GridCell, PlacedRow, Row, col_no, line_no, lines};
use crate::model::Pos;
use crate::normalise;

/// A line holding nothing but pipes and blanks.
fn is_padding(line: &str) -> bool {
    line.contains('|') && line.chars().all(|c| c == '|' || c.is_whitespace())
}

/// Rows of a pipe table. Each cell is placed at the line where its text starts.
pub fn from_pipes(text: &str) -> Vec<PlacedRow> {
    let all: Vec<&str> = lines(text).collect();
    let (mut with_text, mut leading) = (0usize, 0usize);
    for l in &all {
        let t = l.trim();
        if t.contains('|') && !is_padding(t) {
            with_text += 1;
            if t.starts_with('|') {
                leading += 1;
            }
        }
    }
    let leading_dialect = with_text > 0 && leading * 2 >= with_text;
    // Each logical row: its pieces as (line index, text).
    let mut logical: Vec<Vec<(usize, &str)>> = Vec::new();
    for (idx, l) in all.iter().enumerate() {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        let continues = if leading_dialect {
            // A lone `|` opens a row whose first cell starts on the next line; two or more bare
            // pipes are padding.
            (!t.starts_with('|') || (is_padding(t) && t.matches('|').count() >= 2))
                && !logical.is_empty()
        } else {
            is_padding(t) && !logical.is_empty()
        };
        if continues {
            if let Some(last) = logical.last_mut() {
                last.push((idx, t));
            }
        } else {
            logical.push(vec![(idx, t)]);
        }
    }
    logical
        .into_iter()
        .map(|pieces| split_row(&pieces, leading_dialect))
        .collect()
}

/// Split one logical row (its pieces, one per source line) into cells.
fn split_row(pieces: &[(usize, &str)], leading_dialect: bool) -> PlacedRow {
    // Raw cells with the line where each starts; a piece boundary (line break) without a pipe
    // joins the text (a cell spanning lines).
    let mut raw: Vec<(usize, String)> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (k, (idx, piece)) in pieces.iter().enumerate() {
        let mut parts = piece.split('|');
        if let Some(first) = parts.next() {
            match current.as_mut() {
                Some((start, text)) if text.trim().is_empty() => {
                    *start = *idx;
                    *text = first.to_string();
                }
                Some((_, text)) => {
                    text.push(' ');
                    text.push_str(first);
                }
                None => current = Some((*idx, first.to_string())),
            }
        }
        for part in parts {
            if let Some(done) = current.take() {
                raw.push(done);
            }
            current = Some((*idx, part.to_string()));
        }
        // A cell that is still open at a line end continues on the next line only in the
        // leading dialect; in the trailing dialect a line ends its last cell.
        if !leading_dialect
            && k + 1 < pieces.len()
            && let Some(done) = current.take()
        {
            raw.push(done);
        }
    }
    if let Some(done) = current.take() {
        raw.push(done);
    }
    // The text before a leading pipe and after a trailing pipe is not a cell.
    if leading_dialect && raw.first().is_some_and(|(_, t)| t.trim().is_empty()) {
        raw.remove(0);
    }
    if raw.len() > 1 && raw.last().is_some_and(|(_, t)| t.trim().is_empty()) {
        raw.pop();
    }
    let line = pieces.first().map_or(1, |(i, _)| line_no(*i));
    let mut cells = Vec::with_capacity(raw.len());
    let mut at = Vec::with_capacity(raw.len());
    for (i, (idx, text)) in raw.into_iter().enumerate() {
        let column = col_no(i);
        let clean = normalise::clean_text(&text);
        at.push(Pos::new(line_no(idx), column));
        cells.push(GridCell {
            text: clean,
            column,
        });
    }
    PlacedRow {
        row: Row { line, cells },
        at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(r: &PlacedRow) -> Vec<&str> {
        r.row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn leading_dialect_joins_continuation_lines() {
        let rows = from_pipes(
            "| 项目名称 |\n某项目 |\n|||\n| 主管部门 | 某局 | ||\n|\n项目资金 (万元) |\n年初预算数 | 全年预算数 | ||\n| 年度资金总额 | 1 | 1 |\n| 其他资金 | | |\n| 上年结转资金 | | |\n",
        );
        assert_eq!(rows.len(), 6);
        assert_eq!(texts(&rows[0]), vec!["项目名称", "某项目", "", "", ""]);
        assert_eq!(rows[0].pos(1), Pos::new(2, 2));
        assert_eq!(texts(&rows[1]), vec!["主管部门", "某局", "", ""]);
        assert_eq!(
            texts(&rows[2])[..3],
            ["项目资金 (万元)", "年初预算数", "全年预算数"]
        );
        assert_eq!(rows[2].row.line, 5);
        assert_eq!(rows[2].pos(1), Pos::new(7, 2));
    }

    #[test]
    fn trailing_dialect_keeps_lines_and_pads() {
        let rows = from_pipes(
            "项目支出绩效自评表 |\n||||||\n年度资金总额 | 650 | 94 | 0.1 | 2.9 | ||\n总分 | 71.7 |\n",
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(texts(&rows[0])[0], "项目支出绩效自评表");
        assert_eq!(
            texts(&rows[1])[..5],
            ["年度资金总额", "650", "94", "0.1", "2.9"]
        );
        assert_eq!(texts(&rows[2]), vec!["总分", "71.7"]);
    }
}
