//! Putting a ruled table back together from a PDF page's text lines, with the cell borders
//! the page draws (`pdf_rules`): wrapped cell text joined within its cell, the lines of one
//! table row made one line, a label merged over several rows given to each of them. Pages
//! without ruling lines are left as they are.

use crate::pdf::{Cell, Line};
use crate::pdf_rules::{Rules, SLACK};

/// Whether the page rules its table rows, not only its columns: it has vertical rules, and of
/// the neighbouring text lines between its topmost and bottommost horizontal rule, at least two
/// pairs and a quarter of all pairs have a horizontal rule between them (a row border; the
/// other pairs are wrapped lines of one row). In a table with column rules only, the next row's
/// cell would look like a wrapped line of the cell above: such pages are left as they are.
fn row_ruled(lines: &[Line], rules: &Rules) -> bool {
    if rules.vertical.is_empty() || rules.horizontal.len() < 2 {
        return false;
    }
    let heights = rules.horizontal.iter().map(|s| s.at);
    let low = heights.clone().fold(f64::INFINITY, f64::min);
    let high = heights.fold(f64::NEG_INFINITY, f64::max);
    let mut ys: Vec<f64> = lines
        .iter()
        .filter(|l| !l.cells.is_empty() && l.y > low && l.y < high)
        .map(|l| l.y)
        .collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    let pairs = ys.len().saturating_sub(1);
    let ruled = ys
        .windows(2)
        .filter(|w| rules.horizontal.iter().any(|s| w[1] < s.at && s.at < w[0]))
        .count();
    ruled >= 2 && ruled * 4 >= pairs
}

/// A cell's text wraps onto the lines below it: join each piece to the cell above it when both
/// lie in the same ruled cell (between the same vertical rules, with no horizontal rule between
/// them, and closed by horizontal rules above and below) and the piece is the next text line
/// (at most 1.8 font sizes lower). Without ruling lines nothing is joined.
pub(crate) fn join_wrapped(lines: &mut [Line], rules: &Rules) {
    if !row_ruled(lines, rules) {
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
            let drop = d.bottom - c.bottom;
            let next_line = drop > 0.0 && drop <= size * 1.8;
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
            // Latin words wrap at a space; digit strings (codes, amounts) and CJK text wrap
            // anywhere and join directly.
            let latin = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_alphabetic());
            let spaced = latin(d.text.chars().last()) && latin(piece.text.chars().next());
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

/// Text lines of one table row: in a row where one cell wraps onto two lines, the other cells
/// are centred between them on a line of their own. Neighbouring lines with no horizontal rule
/// between them anywhere, inside the ruled table (a rule above and below both), closer than 1.5
/// font sizes and with no cells over each other become one line (at the fuller line's height).
pub(crate) fn merge_same_row(lines: &mut Vec<Line>, rules: &Rules) {
    if !row_ruled(lines, rules) {
        return;
    }
    lines.retain(|l| !l.cells.is_empty());
    let mut i = 1;
    while i < lines.len() {
        let (a, b) = (&lines[i - 1], &lines[i]);
        let (hi, lo) = (a.y.max(b.y), a.y.min(b.y));
        let near = hi - lo <= a.size.max(b.size) * 1.5;
        let between = rules.horizontal.iter().any(|s| lo < s.at && s.at < hi);
        let xs = |l: &Line| {
            let x0 = l.cells.iter().map(|c| c.x0).fold(f64::INFINITY, f64::min);
            let x1 = l
                .cells
                .iter()
                .map(|c| c.x1)
                .fold(f64::NEG_INFINITY, f64::max);
            (x0, x1)
        };
        let ((ax0, ax1), (bx0, bx1)) = (xs(a), xs(b));
        let (x0, x1) = (ax0.min(bx0), ax1.max(bx1));
        let inside = rules
            .horizontal
            .iter()
            .any(|s| s.at > hi && s.from <= x0 + SLACK && s.to >= x1 - SLACK)
            && rules
                .horizontal
                .iter()
                .any(|s| s.at < lo && s.from <= x0 + SLACK && s.to >= x1 - SLACK);
        let overlap = a
            .cells
            .iter()
            .any(|c| b.cells.iter().any(|d| c.x0 < d.x1 && d.x0 < c.x1));
        if !near || between || !inside || overlap {
            i += 1;
            continue;
        }
        let b = lines.remove(i);
        let a = &mut lines[i - 1];
        if b.cells.len() > a.cells.len() {
            a.y = b.y;
        }
        a.size = a.size.max(b.size);
        a.cells.extend(b.cells);
        a.cells.sort_by(|c, d| c.x0.total_cmp(&d.x0));
        a.glyphs.extend(b.glyphs);
    }
}

/// A cell merged over several table rows is printed once, centred in its block: give its text
/// to every text line of the block that is another table row (a horizontal rule runs between
/// them somewhere on the page) and has nothing of its own in that cell, like the spreadsheet,
/// HTML and docx readers do with merged cells (see `layout`). A line that held nothing but such
/// labels, printed between two rows, is emptied once its labels reached the rows. The block is
/// the ruled cell around the text: the nearest vertical rules left and right, the nearest
/// horizontal rules above and below. Without ruling lines nothing changes.
pub(crate) fn fill_row_spans(lines: &mut [Line], rules: &Rules) {
    if !row_ruled(lines, rules) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::{Glyph, cells_of, lines_of};
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
        // Row 3 (y 20..40): the first cell wraps, the second sits between its two lines.
        g.extend(run("戊戊", 10.0, 34.0));
        g.extend(run("己", 110.0, 30.0));
        g.extend(run("戊尾", 10.0, 26.0));
        let rules = Rules {
            vertical: vec![
                v(0.0, 20.0, 100.0),
                v(100.0, 20.0, 100.0),
                v(200.0, 20.0, 100.0),
                v(250.0, 40.0, 100.0),
            ],
            horizontal: vec![
                v(100.0, 0.0, 250.0),
                v(60.0, 0.0, 200.0),
                v(40.0, 0.0, 250.0),
                v(20.0, 0.0, 200.0),
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
        merge_same_row(&mut lines, &rules);
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
                vec!["戊戊戊尾", "己"],
            ]
        );
    }

    #[test]
    fn rows_of_a_table_ruled_by_columns_only_are_not_joined() {
        // Six one-line rows, 9 points apart, two columns; rules: the columns and the outer box.
        let mut g = Vec::new();
        for k in 0..6 {
            let y = 90.0 - 9.0 * f64::from(k);
            g.extend(run("名称", 10.0, y));
            g.extend(run("数值", 110.0, y));
        }
        let rules = Rules {
            vertical: vec![
                v(0.0, 30.0, 100.0),
                v(100.0, 30.0, 100.0),
                v(200.0, 30.0, 100.0),
            ],
            horizontal: vec![v(100.0, 0.0, 200.0), v(30.0, 0.0, 200.0)],
        };
        let mut lines = lines_of(g, &rules);
        for l in &mut lines {
            l.cells = cells_of(&l.glyphs, &[], &rules);
        }
        join_wrapped(&mut lines, &rules);
        merge_same_row(&mut lines, &rules);
        fill_row_spans(&mut lines, &rules);
        assert_eq!(texts(&lines), vec![vec!["名称", "数值"]; 6]);
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
        merge_same_row(&mut lines, &none);
        fill_row_spans(&mut lines, &none);
        // The touching texts stay one cell; the wrapped pieces and the label stay on their lines.
        assert_eq!(texts(&lines).len(), 7);
        assert_eq!(lines[0].cells.len(), 1);
    }
}
