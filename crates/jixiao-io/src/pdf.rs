//! PDF → grid, through pdf-extract's positioned characters.
//!
//! pdf-extract reports every character with its text matrix. We rebuild the table geometry
//! ourselves: characters on one baseline make a line; a horizontal gap wider than about one
//! character starts a new cell; cells are given columns by the page's column gutters (x ranges
//! that few cells cross), so a value sits under its header even when cells to its left are
//! blank. Two readings are offered to the caller: the positioned grid and plain tab-separated
//! text (cells in reading order); [`crate::read_forms`] keeps the one that reads better.
//!
//! Known limits: text of vertically merged cells is drawn once, centred in the merged block, so
//! it reaches the row it is printed on (the core reader carries 一级/二级 labels down from there,
//! not up); cell text that wraps onto several lines comes back as several lines.

use jixiao_core::grid::Grid;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::layout::Layout;
use crate::pdf_rules::{self, Rules, SLACK};

/// One character as drawn.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs();
        let (x, y) = (trm.m31, trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || text.is_empty() {
            return Ok(());
        }
        let advance = (width * size).max(0.0);
        if let Some(page) = self.pages.last_mut() {
            page.push(Glyph {
                x,
                y,
                end: x + advance,
                size: size.max(0.1),
                text: text.to_string(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Why a PDF could not be read.
pub(crate) enum PdfError {
    /// The file could not be parsed (or decrypted).
    Broken(String),
    /// Parsed, but no page draws any text.
    NoText,
}

/// A cell on a line: its x extent, the baseline of its last text line, and its text.
#[derive(Debug, Clone)]
struct Cell {
    x0: f64,
    x1: f64,
    bottom: f64,
    text: String,
}

/// The PDF's readings: a positioned grid and tab-separated text.
pub(crate) struct PdfReadings {
    pub grid: Grid,
    pub tsv: String,
}

pub(crate) fn read_pdf(bytes: &[u8]) -> Result<PdfReadings, PdfError> {
    let mut doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| PdfError::Broken(e.to_string()))?;
    let mut collector = Collector::default();
    let result = if doc.is_encrypted() {
        pdf_extract::output_doc_encrypted(&mut doc, &mut collector, "")
    } else {
        pdf_extract::output_doc(&doc, &mut collector)
    };
    if let Err(e) = result {
        // Keep what the pages before the error gave; fail only when nothing came out.
        if collector.pages.iter().all(Vec::is_empty) {
            return Err(PdfError::Broken(format!("{e:?}")));
        }
    }
    let has_text = collector
        .pages
        .iter()
        .flatten()
        .any(|g| !g.text.trim().is_empty());
    if !has_text {
        return Err(PdfError::NoText);
    }
    let rules = pdf_rules::page_rules(&doc);
    let no_rules = Rules::default();
    let mut layout = Layout::default();
    let mut tsv = String::new();
    for (i, page) in collector.pages.into_iter().enumerate() {
        let rules = rules.get(i).unwrap_or(&no_rules);
        let mut lines = lines_of(page, rules);
        let bounds = column_bounds(&lines);
        for l in &mut lines {
            l.cells = cells_of(&l.glyphs, &bounds, rules);
        }
        join_wrapped(&mut lines, rules);
        fill_row_spans(&mut lines, rules);
        let mut rows: Vec<SlotLine> = lines
            .into_iter()
            .map(|l| {
                let mut last = 0u32;
                let cells = l
                    .cells
                    .into_iter()
                    .map(|c| {
                        let slot = bounds.iter().take_while(|&&b| b <= c.x0).count() as u32 + 1;
                        // Keep cells in order even when two fall into one slot.
                        last = slot.max(last + 1);
                        (last, c.text)
                    })
                    .collect();
                SlotLine {
                    y: l.y,
                    size: l.size,
                    cells,
                }
            })
            .collect();
        attach_floating_lines(&mut rows);
        for line in rows.into_iter().filter(|l| !l.cells.is_empty()) {
            let row = layout.new_row();
            for (col, text) in &line.cells {
                layout.put(row, *col, text);
            }
            let texts: Vec<&str> = line.cells.iter().map(|(_, t)| t.as_str()).collect();
            tsv.push_str(&texts.join("\t"));
            tsv.push('\n');
        }
    }
    Ok(PdfReadings {
        grid: layout.into_grid(),
        tsv,
    })
}

/// A line of cells: its baseline, font size, and (column slot, text) cells in slot order.
struct Line {
    y: f64,
    size: f64,
    cells: Vec<Cell>,
    glyphs: Vec<Glyph>,
}

struct SlotLine {
    y: f64,
    size: f64,
    cells: Vec<(u32, String)>,
}

/// Lines that are pieces of a taller row — a cell's wrapped second line, a label centred
/// between two rows (a merged cell over two rows) — sit closer than a font size to a fuller
/// neighbour and share no column with it: join them to that neighbour (the upper one on a tie),
/// appending wrapped text in reading order.
fn attach_floating_lines(lines: &mut [SlotLine]) {
    let collides = |a: &SlotLine, b: &SlotLine| {
        a.cells
            .iter()
            .any(|(s, _)| b.cells.iter().any(|(t, _)| s == t))
    };
    for i in 0..lines.len() {
        if lines[i].cells.is_empty() {
            continue;
        }
        let near = |j: usize| -> Option<f64> {
            let (l, m) = (&lines[i], &lines[j]);
            let d = (l.y - m.y).abs();
            let fits = !m.cells.is_empty()
                && m.cells.len() >= l.cells.len()
                && d <= l.size.max(m.size)
                && !collides(l, m);
            fits.then_some(d)
        };
        let up = i.checked_sub(1).and_then(|j| near(j).map(|d| (j, d)));
        let down = (i + 1 < lines.len())
            .then(|| near(i + 1).map(|d| (i + 1, d)))
            .flatten();
        let target = match (up, down) {
            (Some((u, du)), Some((d, dd))) => Some(if du <= dd { u } else { d }),
            (Some((u, _)), None) => Some(u),
            (None, Some((d, _))) => Some(d),
            (None, None) => None,
        };
        let Some(t) = target else { continue };
        let moved = std::mem::take(&mut lines[i].cells);
        let dest = &mut lines[t].cells;
        dest.extend(moved);
        dest.sort_by_key(|(s, _)| *s);
    }
}

/// A cell's text wraps onto the lines below it: join each piece to the cell above it when both
/// lie in the same ruled cell (between the same vertical rules, with no horizontal rule between
/// them, and closed by horizontal rules above and below) and the piece is the next text line
/// (at most 1.8 font sizes lower). Without ruling lines nothing is joined.
fn join_wrapped(lines: &mut [Line], rules: &Rules) {
    if rules.horizontal.is_empty() || rules.vertical.is_empty() {
        return;
    }
    for i in 1..lines.len() {
        let (upper, rest) = lines.split_at_mut(i);
        let line = &mut rest[0];
        let (y, size) = (line.y, line.size);
        let mut k = 0;
        while k < line.cells.len() {
            let c = &line.cells[k];
            let mid = (c.x0 + c.x1) / 2.0;
            let band = rules
                .cell_columns(mid, y)
                .filter(|&(l, r)| c.x0 >= l - SLACK && c.x1 <= r + SLACK);
            let target = band.and_then(|(l, r)| {
                let inside = |d: &Cell| d.x0 >= l - SLACK && d.x1 <= r + SLACK;
                for (j, above) in upper.iter().enumerate().rev() {
                    if rules.horizontal_between(y, above.y, mid) {
                        return None;
                    }
                    if let Some(m) = above.cells.iter().position(inside) {
                        return Some((j, m));
                    }
                }
                None
            });
            let Some((j, m)) = target else {
                k += 1;
                continue;
            };
            let d = &upper[j].cells[m];
            let next_line = d.bottom - y > 0.0 && d.bottom - y <= size * 1.8;
            let closed = rules
                .horizontal
                .iter()
                .any(|s| s.at > upper[j].y && s.covers(mid, SLACK))
                && rules
                    .horizontal
                    .iter()
                    .any(|s| s.at < y && s.covers(mid, SLACK));
            if !(next_line && closed) {
                k += 1;
                continue;
            }
            let piece = line.cells.remove(k);
            let d = &mut upper[j].cells[m];
            let spaced = d
                .text
                .chars()
                .last()
                .is_some_and(|ch| ch.is_ascii_alphanumeric())
                && piece
                    .text
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_alphanumeric());
            if spaced {
                d.text.push(' ');
            }
            d.text.push_str(&piece.text);
            d.x0 = d.x0.min(piece.x0);
            d.x1 = d.x1.max(piece.x1);
            d.bottom = piece.bottom;
        }
    }
}

/// A cell merged over several table rows is printed once, centred in its block: give its text
/// to every text line of the block that is another table row (a horizontal rule runs between
/// them somewhere on the page) and has nothing of its own in that cell, like the spreadsheet,
/// HTML and docx readers do with merged cells (see `layout`). A line that held nothing but such
/// labels, printed between two rows, is emptied once its labels reached the rows. The block is
/// the ruled cell around the text: the nearest vertical rules left and right, the nearest
/// horizontal rules above and below. Without ruling lines nothing changes.
fn fill_row_spans(lines: &mut [Line], rules: &Rules) {
    if rules.horizontal.is_empty() || rules.vertical.is_empty() {
        return;
    }
    let rows_apart = |a: f64, b: f64| {
        let (lo, hi) = (a.min(b), a.max(b));
        rules.horizontal.iter().any(|s| lo < s.at && s.at < hi)
    };
    // Each spanning cell's ruled block (left, right) and the other lines inside the block: all
    // of them, and those that are other table rows (a cell is spanning when there is one).
    type Block = (f64, f64, Vec<usize>, Vec<usize>);
    let mut spans: Vec<Vec<Option<Block>>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut of_line = Vec::new();
        for c in &line.cells {
            let mid = (c.x0 + c.x1) / 2.0;
            let block = rules
                .cell_columns(mid, line.y)
                .filter(|&(l, r)| c.x0 >= l - SLACK && c.x1 <= r + SLACK)
                .and_then(|(l, r)| {
                    let crossing = || rules.horizontal.iter().filter(|s| s.covers(mid, SLACK));
                    let top = crossing()
                        .map(|s| s.at)
                        .filter(|&a| a > line.y)
                        .reduce(f64::min)?;
                    let bottom = crossing()
                        .map(|s| s.at)
                        .filter(|&a| a < line.y)
                        .reduce(f64::max)?;
                    let within: Vec<usize> = (0..lines.len())
                        .filter(|&j| j != i && lines[j].y < top && lines[j].y > bottom)
                        .collect();
                    let rows: Vec<usize> = within
                        .iter()
                        .copied()
                        .filter(|&j| rows_apart(lines[j].y, line.y))
                        .collect();
                    (!rows.is_empty()).then_some((l, r, within, rows))
                });
            of_line.push(block);
        }
        spans.push(of_line);
    }
    // A line whose every cell spans rows is a label printed between rows: it gives, never takes.
    let floating: Vec<bool> = spans
        .iter()
        .map(|cells| !cells.is_empty() && cells.iter().all(Option::is_some))
        .collect();
    let mut copies: Vec<(usize, Cell)> = Vec::new();
    let mut placed = vec![true; lines.len()];
    for (i, cells) in spans.iter().enumerate() {
        for (k, block) in cells.iter().enumerate() {
            let Some((l, r, within, rows)) = block else {
                continue;
            };
            // A label between rows goes to every row of its block; a label on a row's own line
            // goes to the other rows.
            let targets = if floating[i] { within } else { rows };
            let inside = |d: &Cell| d.x1 >= l - SLACK && d.x0 <= r + SLACK;
            let mut reached = false;
            for &j in targets {
                // Lines emptied by joining wrapped text are no rows.
                let other = &lines[j].cells;
                if floating[j] || other.is_empty() || other.iter().any(inside) {
                    continue;
                }
                copies.push((j, lines[i].cells[k].clone()));
                reached = true;
            }
            if !reached {
                placed[i] = false;
            }
        }
    }
    for (i, line) in lines.iter_mut().enumerate() {
        if floating[i] && placed[i] {
            line.cells.clear();
        }
    }
    for (j, c) in copies {
        let cells = &mut lines[j].cells;
        let at = cells.iter().take_while(|d| d.x0 < c.x0).count();
        cells.insert(at, c);
    }
}

/// Group a page's characters into lines (top to bottom) of cells (left to right).
fn lines_of(mut glyphs: Vec<Glyph>, rules: &Rules) -> Vec<Line> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    let mut line_y = f64::NAN;
    for g in glyphs {
        let same = lines.last().is_some_and(|l| {
            let size = l.iter().map(|g| g.size).fold(g.size, f64::max);
            (g.y - line_y).abs() <= size * 0.4
        });
        if same {
            if let Some(l) = lines.last_mut() {
                l.push(g);
            }
        } else {
            line_y = g.y;
            lines.push(vec![g]);
        }
    }
    lines
        .into_iter()
        .map(|mut l| {
            l.sort_by(|a, b| a.x.total_cmp(&b.x));
            let y = l.iter().map(|g| g.y).sum::<f64>() / l.len().max(1) as f64;
            let size = l.iter().map(|g| g.size).fold(0.0, f64::max);
            Line {
                y,
                size,
                cells: cells_of(&l, &[], rules),
                glyphs: l,
            }
        })
        .filter(|l| !l.cells.is_empty())
        .collect()
}

/// Split one line's characters into cells at wide gaps, at narrower gaps that straddle a
/// column boundary (two full cells side by side leave only their padding between them), and
/// wherever a vertical ruling line runs between two characters (a cell border).
fn cells_of(line: &[Glyph], bounds: &[f64], rules: &Rules) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    let mut current: Option<Cell> = None;
    let mut last_mid = f64::NEG_INFINITY;
    for g in line {
        let blank = g.text.trim().is_empty();
        let gap = current.as_ref().map(|c| g.x - c.x1);
        let straddles = current
            .as_ref()
            .is_some_and(|c| bounds.iter().any(|&b| c.x1 < b && b <= g.x));
        let mid = (g.x + g.end.max(g.x)) / 2.0;
        let ruled = current.is_some() && !blank && rules.vertical_between(last_mid, mid, g.y);
        if !blank {
            last_mid = mid;
        }
        if ruled || gap.is_none_or(|gap| gap > g.size || (straddles && gap > g.size * 0.3)) {
            cells.extend(current.take());
            if !blank {
                current = Some(Cell {
                    x0: g.x,
                    x1: g.end,
                    bottom: g.y,
                    text: g.text.clone(),
                });
            }
            continue;
        }
        let Some(c) = current.as_mut() else { continue };
        let spaced = c.text.ends_with(' ');
        if (blank || gap.is_some_and(|gap| gap > g.size * 0.25)) && !spaced {
            c.text.push(' ');
        }
        if !blank {
            c.text.push_str(&g.text);
        }
        c.x1 = c.x1.max(g.end);
    }
    cells.extend(current);
    cells
        .into_iter()
        .map(|mut c| {
            c.text = c.text.trim().to_string();
            c
        })
        .filter(|c| !c.text.is_empty())
        .collect()
}

/// Column boundaries of a page: the middles of the x ranges that no cell covers, on the
/// lines that look like table rows (at least 60% of the fullest line's cells, and 3), plus the
/// left and right edges of those rows so cells outside them get columns of their own.
fn column_bounds(lines: &[Line]) -> Vec<f64> {
    let widest = lines.iter().map(|l| l.cells.len()).max().unwrap_or(0);
    let dense = (widest * 3).div_ceil(5).max(3);
    let cells: Vec<&Cell> = lines
        .iter()
        .filter(|l| l.cells.len() >= dense)
        .flat_map(|l| &l.cells)
        .collect();
    let Some(min) = cells.iter().map(|c| c.x0).reduce(f64::min) else {
        return Vec::new();
    };
    let max = cells.iter().map(|c| c.x1).fold(min, f64::max);
    let width = max - min;
    if !(width.is_finite() && width > 1.0) {
        return Vec::new();
    }
    const BINS: usize = 2000;
    let last = BINS as f64 - 1.0;
    let bin = |x: f64| (((x - min) / width) * last).clamp(0.0, last) as usize;
    let mut coverage = vec![0u32; BINS];
    for c in &cells {
        for v in &mut coverage[bin(c.x0)..=bin(c.x1)] {
            *v += 1;
        }
    }
    let mut bounds = vec![min - 0.5];
    let mut run_start: Option<usize> = None;
    for (i, &v) in coverage.iter().enumerate() {
        match (v == 0, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                let mid = (s + i) as f64 / 2.0;
                bounds.push(min + mid / last * width);
                run_start = None;
            }
            _ => {}
        }
    }
    bounds.push(max + 0.5);
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf_rules::Segment;

    /// Characters of `text` from x, 7 points each, on baseline y.
    fn run(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 7.0 * i as f64,
                y,
                end: x + 7.0 * (i + 1) as f64,
                size: 7.0,
                text: c.to_string(),
            })
            .collect()
    }

    fn v(at: f64, from: f64, to: f64) -> Segment {
        Segment { at, from, to }
    }

    /// A two-row table: a goal row whose two cells (x 0–100 and 100–200) each wrap onto a second
    /// line, then a row of three one-line cells under a label merged over both rows (x 200–250).
    fn table() -> (Vec<Glyph>, Rules) {
        let mut g = Vec::new();
        // Row 1 (y 60..100): two wrapped cells, the texts fill the cells (gap 2 at x 100).
        g.extend(run("甲甲甲甲甲甲甲甲甲甲甲甲甲甲", 1.0, 85.0));
        g.extend(run("乙乙乙乙乙乙乙乙乙乙乙乙乙乙", 101.0, 85.0));
        g.extend(run("甲尾", 1.0, 75.0));
        g.extend(run("乙尾", 101.0, 75.0));
        // Row 2 (y 40..60): one-line cells.
        g.extend(run("丙", 10.0, 47.0));
        g.extend(run("丁", 110.0, 47.0));
        // The label merged over rows 1 and 2, printed between them.
        g.extend(run("合并", 210.0, 58.0));
        let rules = Rules {
            vertical: vec![
                v(0.0, 40.0, 100.0),
                v(100.0, 40.0, 100.0),
                v(200.0, 40.0, 100.0),
                v(250.0, 40.0, 100.0),
            ],
            horizontal: vec![
                v(100.0, 0.0, 250.0),
                v(60.0, 0.0, 200.0),
                v(40.0, 0.0, 250.0),
            ],
        };
        (g, rules)
    }

    fn texts(lines: &[Line]) -> Vec<Vec<String>> {
        lines
            .iter()
            .filter(|l| !l.cells.is_empty())
            .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn ruled_cells_split_wrap_and_span() {
        let (glyphs, rules) = table();
        let mut lines = lines_of(glyphs, &rules);
        for l in &mut lines {
            l.cells = cells_of(&l.glyphs, &[], &rules);
        }
        // The rule at x 100 splits the touching texts.
        assert_eq!(lines[0].cells.len(), 2);
        join_wrapped(&mut lines, &rules);
        fill_row_spans(&mut lines, &rules);
        assert_eq!(
            texts(&lines),
            vec![
                vec![
                    "甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲尾",
                    "乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙尾",
                    "合并"
                ],
                vec!["丙", "丁", "合并"],
            ]
        );
    }

    #[test]
    fn without_rules_nothing_is_joined_or_spread() {
        let (glyphs, _) = table();
        let none = Rules::default();
        let mut lines = lines_of(glyphs, &none);
        for l in &mut lines {
            l.cells = cells_of(&l.glyphs, &[], &none);
        }
        join_wrapped(&mut lines, &none);
        fill_row_spans(&mut lines, &none);
        // The touching texts stay one cell; the wrapped pieces and the label stay on their lines.
        assert_eq!(texts(&lines).len(), 4);
        assert_eq!(lines[0].cells.len(), 1);
    }
}
