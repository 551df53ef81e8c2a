//! Cell streams: renderings whose rows were lost.
//!
//! * one cell per line (`金额 |`), where a line of `k` bare pipes is `k` empty cells;
//! * one cell per paragraph, where empty lines separate cells and a line of blanks (U+00A0 in the
//!   source) is an empty cell;
//! * a whole table on one line, cells split by spaces;
//! * run-together text: a line is one chunk (its stray spaces squeezed out, a doc site's `2、`
//!   line numbering dropped) that `read` cuts at the label vocabulary.
//!
//! Page markers (`-1-`, `— 1 —`) come out as cells of their own (a marker split over three
//! tokens is put back into one), for `read` to skip with a remark.

use super::{Rendering, StreamCell, col_no, line_no, lines};
use crate::model::Pos;
use crate::normalise;

/// The cells of a text in a stream rendering, in reading order.
pub fn stream_cells(text: &str, rendering: Rendering) -> Vec<StreamCell> {
    match rendering {
        Rendering::CellPerLine => per_line(text),
        Rendering::CellPerParagraph => per_paragraph(text),
        Rendering::SpaceStream => space_tokens(text),
        Rendering::RunTogether => run_together(text),
        _ => Vec::new(),
    }
}

fn cell(text: &str, line_idx: usize, col_idx: usize) -> StreamCell {
    StreamCell {
        text: normalise::clean_text(text),
        at: Pos::new(line_no(line_idx), col_no(col_idx)),
    }
}

fn per_line(text: &str) -> Vec<StreamCell> {
    let mut out = Vec::new();
    for (idx, line) in lines(text).enumerate() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let mut parts: Vec<&str> = t.split('|').collect();
        if parts.len() > 1 && parts.last().is_some_and(|p| p.trim().is_empty()) {
            parts.pop();
        }
        for (i, p) in parts.iter().enumerate() {
            out.push(cell(p, idx, i));
        }
    }
    out
}

fn per_paragraph(text: &str) -> Vec<StreamCell> {
    let mut out = Vec::new();
    for (idx, line) in lines(text).enumerate() {
        if line.is_empty() {
            continue;
        }
        out.push(cell(line, idx, 0));
    }
    out
}

fn space_tokens(text: &str) -> Vec<StreamCell> {
    let mut out: Vec<StreamCell> = Vec::new();
    for (idx, line) in lines(text).enumerate() {
        let clean = normalise::clean_text(line);
        if clean.is_empty() {
            continue;
        }
        if normalise::is_page_marker(&clean) {
            out.push(StreamCell {
                text: clean,
                at: Pos::new(line_no(idx), 1),
            });
            continue;
        }
        let start = out.len();
        for (i, tok) in clean.split(' ').enumerate() {
            out.push(StreamCell {
                text: tok.to_string(),
                at: Pos::new(line_no(idx), col_no(i)),
            });
        }
        drop_marker_tokens(&mut out, start);
    }
    out
}

/// Put `— 1 —` / `- 2 -` page markers that came out as three tokens back into one cell.
fn drop_marker_tokens(cells: &mut Vec<StreamCell>, start: usize) {
    let mut i = start;
    while i + 2 < cells.len() {
        let joined = format!(
            "{}{}{}",
            cells[i].text,
            cells[i + 1].text,
            cells[i + 2].text
        );
        if cells[i + 1].text.chars().all(|c| c.is_ascii_digit())
            && normalise::is_page_marker(&joined)
        {
            let marker = format!(
                "{} {} {}",
                cells[i].text,
                cells[i + 1].text,
                cells[i + 2].text
            );
            cells[i].text = marker;
            cells.drain(i + 1..i + 3);
            i += 1;
        } else {
            i += 1;
        }
    }
}

/// A doc site's line numbering: `k、` at the start of the `k`-th line.
fn strip_line_number(line: &str, k: usize) -> &str {
    let prefix = format!("{k}、");
    line.strip_prefix(prefix.as_str()).unwrap_or(line)
}

fn run_together(text: &str) -> Vec<StreamCell> {
    let mut out = Vec::new();
    let mut k = 0;
    for (idx, line) in lines(text).enumerate() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if normalise::is_page_marker(t) {
            out.push(StreamCell {
                text: normalise::clean_text(t),
                at: Pos::new(line_no(idx), 1),
            });
            continue;
        }
        k += 1;
        let t = strip_line_number(t, k);
        out.push(StreamCell {
            text: normalise::squeeze(t),
            at: Pos::new(line_no(idx), 1),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &[StreamCell]) -> Vec<&str> {
        c.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn per_line_counts_bare_pipes_as_empty_cells() {
        let c = stream_cells(
            "项目名称 |\n某项目 |\n|\n||\n-1-\n总额 |",
            Rendering::CellPerLine,
        );
        assert_eq!(
            texts(&c),
            vec!["项目名称", "某项目", "", "", "", "-1-", "总额"]
        );
        assert_eq!(c[6].at, Pos::new(6, 1));
    }

    #[test]
    fn paragraphs_keep_blank_cells() {
        let c = stream_cells(
            "年度\n\n指标值\n\n\u{a0}\n\n10\n",
            Rendering::CellPerParagraph,
        );
        assert_eq!(texts(&c), vec!["年度", "指标值", "", "10"]);
        assert_eq!(c[3].at.line, 7);
    }

    #[test]
    fn space_stream_keeps_page_markers_as_one_cell() {
        let c = stream_cells(
            "扣 1 分。 — 1 — 项目年度目标 1:乡村",
            Rendering::SpaceStream,
        );
        assert_eq!(
            texts(&c),
            vec!["扣", "1", "分。", "— 1 —", "项目年度目标", "1:乡村"]
        );
    }

    #[test]
    fn run_together_drops_line_numbers_and_squeezes() {
        let c = stream_cells(
            "1、绩 效 指 标100%\n2、100%质量 指标",
            Rendering::RunTogether,
        );
        assert_eq!(texts(&c), vec!["绩效指标100%", "100%质量指标"]);
    }
}
