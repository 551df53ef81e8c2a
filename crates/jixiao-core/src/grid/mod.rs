//! Rows of cells with their source positions: the rendering-independent middle of the data path.
//!
//! A reader of a rendering (tab-separated text, pipe tables, HTML tables, a spreadsheet) produces
//! a [`Grid`]; the form reader (`read`) only ever sees rows. Cells are cleaned
//! (`normalise::clean_text`) but keep their original column index, so a finding can point at the
//! exact cell.
//!
//! Text reaches the tool in many renderings (`shared/spec/formats.md`, "Renderings"). [`detect`]
//! picks one from simple statistics of the text; the row renderings ([`from_tsv`],
//! [`from_pipes`], [`from_html`], [`from_space_rows`]) give rows directly, the others (one cell
//! per line or paragraph, a whole table on one line, run-together text) give a stream of
//! [`StreamCell`]s ([`stream_cells`]) that `read` puts back into rows by the label vocabulary.

mod html;
mod pipe;
mod spaces;
mod stream;

pub use html::from_html;
pub use pipe::from_pipes;
pub use spaces::from_space_rows;
pub use stream::stream_cells;

use crate::model::Pos;
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

/// A row together with where each of its cells was printed. `at` is empty when every cell sits
/// at `(row.line, cell.column)` (one row per source line, as in tab-separated text); otherwise
/// `at[i]` is the printed position of `row.cells[i]` (a pipe row continued over several lines,
/// a row put back together from one cell per line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedRow {
    pub row: Row,
    pub at: Vec<Pos>,
}

impl PlacedRow {
    /// A row whose cells sit where the row says.
    pub fn plain(row: Row) -> Self {
        PlacedRow {
            row,
            at: Vec::new(),
        }
    }

    /// Where cell `i` of the row was printed.
    pub fn pos(&self, i: usize) -> Pos {
        match self.at.get(i) {
            Some(p) => *p,
            None => Pos::new(self.row.line, self.row.cells.get(i).map_or(0, |c| c.column)),
        }
    }
}

/// How a table became text (`formats.md`, "Renderings").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendering {
    /// Nothing but blank lines.
    Empty,
    /// A row per line, cells split by tabs (PDF text; the seed).
    Tabs,
    /// `a | b | c |` rows, possibly continued over several lines, with ragged `| ||||` padding.
    Pipes,
    /// HTML `<table>` text: `<tr>` rows, `<td>`/`<th>` cells, colspan and rowspan.
    Html,
    /// A row per line, cells split by runs of spaces (or single spaces).
    SpaceRows,
    /// One cell per line, often ending in ` |`; lines of bare pipes are empty cells.
    CellPerLine,
    /// One cell per paragraph: cells separated by empty lines; a line of blanks is an empty cell.
    CellPerParagraph,
    /// A whole table on one line (or a few), cells split by spaces (PDF or spreadsheet text).
    SpaceStream,
    /// Document-site or OCR text with no separators at all (`年度资金总额303010100%`).
    RunTogether,
}

impl Rendering {
    /// Stable English code.
    pub fn code(self) -> &'static str {
        match self {
            Rendering::Empty => "empty",
            Rendering::Tabs => "tabs",
            Rendering::Pipes => "pipes",
            Rendering::Html => "html",
            Rendering::SpaceRows => "space_rows",
            Rendering::CellPerLine => "cell_per_line",
            Rendering::CellPerParagraph => "cell_per_paragraph",
            Rendering::SpaceStream => "space_stream",
            Rendering::RunTogether => "run_together",
        }
    }

    /// Renderings whose rows were lost: they give a [`StreamCell`] stream, not rows.
    pub fn is_stream(self) -> bool {
        matches!(
            self,
            Rendering::CellPerLine
                | Rendering::CellPerParagraph
                | Rendering::SpaceStream
                | Rendering::RunTogether
        )
    }
}

/// One cell of a text whose rows were lost, with where it was printed. `text` is cleaned
/// (`normalise::clean_text`); an empty `text` is an empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamCell {
    pub text: String,
    pub at: Pos,
}

/// Longest line accepted as one row; longer lines are cut (and the reader says so).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// 1-based line number of the `idx`-th line.
pub(crate) fn line_no(idx: usize) -> u32 {
    u32::try_from(idx + 1).unwrap_or(u32::MAX)
}

/// 1-based column number of the `idx`-th cell.
pub(crate) fn col_no(idx: usize) -> u32 {
    u32::try_from(idx + 1).unwrap_or(u32::MAX)
}

/// The lines of a text without their `\r`, each cut to [`MAX_LINE_BYTES`].
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    split_byte(text, b'\n').map(|raw| {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        truncate_at_char_boundary(line, MAX_LINE_BYTES)
    })
}

/// `text.split(byte as char)` for an ASCII `byte`, found with `memchr` (SIMD) instead of the
/// standard library's per-call searcher.
pub(crate) fn split_byte(text: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(byte, text.as_bytes())
        .map(Some)
        .chain(std::iter::once(None))
        .map(move |end| {
            let end = end.unwrap_or(text.len());
            // An ASCII byte is always a character boundary.
            let piece = text.get(start..end).unwrap_or_default();
            start = end + 1;
            piece
        })
}

/// Split tab-separated text into a grid: one row per line, cells split on tabs.
/// Blank lines are kept out of the grid (their line numbers simply do not appear).
pub fn from_tsv(text: &str) -> Grid {
    let mut rows = Vec::new();
    TsvRows::new(text).for_each(|row| rows.push(row.clone()));
    Grid { rows }
}

/// What the grid's scan found out about a cell's text, handed to the reader with its row so that
/// the reader does not look again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct CellMark {
    /// The text is clean: `normalise::clean_cow` borrows it, so
    /// [`normalise::canonical_label_of_scanned`] and the `*_of_clean` parsers apply.
    pub clean: bool,
    /// A clean text holds a space (always `false` for a text that is not clean).
    pub spaced: bool,
}

impl CellMark {
    /// The mark of a text whose [`normalise::clean_spaced`] is `spaced`.
    fn of_spaced(spaced: Option<bool>) -> CellMark {
        match spaced {
            Some(spaced) => CellMark {
                clean: true,
                spaced,
            },
            None => CellMark::default(),
        }
    }
}

/// The rows of tab-separated text one at a time, in one reused [`Row`]: what [`from_tsv`] gives,
/// without a `Grid` or a `String` per cell (the cells' buffers are kept from row to row, so
/// reading a large file allocates only when a cell is longer than any before it in its slot).
pub struct TsvRows<'t> {
    text: &'t str,
    row: Row,
    /// Cell buffers of earlier rows, cleared, ready for the next row's cells.
    spare: Vec<String>,
    /// Per cell of the current row: what the scan found out about its text.
    marks: Vec<CellMark>,
}

impl<'t> TsvRows<'t> {
    pub fn new(text: &'t str) -> Self {
        TsvRows {
            text,
            row: Row {
                line: 0,
                cells: Vec::with_capacity(16),
            },
            spare: Vec::new(),
            marks: Vec::with_capacity(16),
        }
    }

    /// Call `f` with every non-blank row in order; returns the line of the last one (0 if none).
    pub fn for_each(self, mut f: impl FnMut(&Row)) -> u32 {
        self.for_each_marked(|row, _| f(row))
    }

    /// [`TsvRows::for_each`], with the [`CellMark`] of each cell.
    pub(crate) fn for_each_marked(mut self, mut f: impl FnMut(&Row, &[CellMark])) -> u32 {
        let mut last = 0;
        for (idx, line) in lines(self.text).enumerate() {
            if is_blank_line(line) {
                continue;
            }
            self.fill(line, line_no(idx));
            f(&self.row, &self.marks);
            last = self.row.line;
        }
        last
    }

    /// Put `line`'s cells into the reused row.
    fn fill(&mut self, line: &str, line_number: u32) {
        // Cell `i` keeps the buffer of the last row's cell `i`, which is about the right size
        // (a column of numbers, a column of long texts); cells past the last row's come from
        // `spare`, and those the row does not need go back to it (last cell first).
        let kept = self.row.cells.len();
        self.row.line = line_number;
        self.marks.clear();
        // One pass per cell finds its tab and tells whether it is clean (what
        // `split_byte(line, b'\t')` and `normalise::clean_cow` would, without a second scan).
        let mut start = 0;
        let mut i = 0;
        loop {
            let scan = normalise::scan_cell(line, start);
            let end = scan.end;
            let raw = || line.get(start..end).unwrap_or_default();
            if i >= self.row.cells.len() {
                self.row.cells.push(GridCell {
                    text: self.spare.pop().unwrap_or_default(),
                    column: col_no(i),
                });
            }
            // Cell `i` of every row is column `i + 1`: a kept cell has its column already.
            if let Some(cell) = self.row.cells.get_mut(i) {
                debug_assert_eq!(cell.column, col_no(i));
                cell.text.clear();
                if scan.clean {
                    // Empty cells (the runs of tabs that end many rows) have nothing to copy.
                    if end > start {
                        cell.text.push_str(raw());
                    }
                    self.marks.push(CellMark {
                        clean: true,
                        spaced: scan.spaced,
                    });
                } else {
                    // Cleaned text is mostly clean itself (`（元）` → `(元)`): say so when it is.
                    let spaced = normalise::clean_slow_into(raw(), &mut cell.text);
                    self.marks.push(CellMark::of_spaced(spaced));
                }
            }
            if end >= line.len() {
                break;
            }
            start = end + 1;
            i += 1;
        }
        let used = i + 1;
        if used < kept {
            self.spare
                .extend(self.row.cells.drain(used..).rev().map(|c| c.text));
        }
    }
}

/// `line.trim().is_empty()`, without decoding the characters of most lines: ASCII blanks (tabs
/// before a row's first cell) are skipped by bytes, and the first other byte decides when it is
/// ASCII (which has no other blank) or opens a character of U+4000–U+9FFF (lead bytes E4–E9:
/// ideographs, no blank); only a line that goes on with another character is trimmed from there
/// (`U+3000` is a blank).
fn is_blank_line(line: &str) -> bool {
    let b = line.as_bytes();
    match b.iter().position(|x| !matches!(x, b'\t'..=b'\r' | b' ')) {
        None => true,
        Some(i) if b[i].is_ascii() || (0xE4..=0xE9).contains(&b[i]) => false,
        Some(i) => line
            .get(i..)
            .is_none_or(|rest| rest.trim_start().is_empty()),
    }
}

/// `s.split_whitespace().take(limit).count()`, by bytes: ASCII and the ideographs U+4000–U+9FFF
/// (lead bytes E4–E9, most of a Chinese line) are told blank or not without decoding them.
fn whitespace_tokens(s: &str, limit: usize) -> usize {
    let b = s.as_bytes();
    let (mut tokens, mut in_token, mut i) = (0, false, 0);
    while i < b.len() && tokens <= limit {
        let x = b[i];
        let (blank, len) = if x.is_ascii() {
            (matches!(x, b'\t'..=b'\r' | b' '), 1)
        } else if (0xE4..=0xE9).contains(&x) {
            (false, 3)
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            }
        };
        if !blank && !in_token {
            tokens += 1;
        }
        in_token = !blank;
        i += len;
    }
    tokens.min(limit)
}

pub(crate) fn truncate_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Simple counts over a text's lines, enough to tell the renderings apart.
#[derive(Debug, Default, Clone)]
pub struct TextStats {
    /// Lines with something other than blanks.
    pub lines: usize,
    /// Empty lines (nothing at all, not even blanks).
    pub empty_lines: usize,
    /// Lines holding only blanks (spaces, U+00A0, U+3000): empty cells in a paragraph rendering.
    pub blank_lines: usize,
    pub tab_lines: usize,
    pub pipe_lines: usize,
    /// Pipe lines with at most one non-empty cell.
    pub pipe_single: usize,
    /// Pipe lines whose text starts with `|`.
    pub pipe_leading: usize,
    /// Lines with at least 3 space-separated tokens.
    pub multi_token_lines: usize,
    /// `<td`/`<th` and `<tr` tags.
    pub html_cells: usize,
    pub html_rows: usize,
    /// Characters of the longest line, and of all lines.
    pub longest_line: usize,
    pub chars: usize,
    /// Whitespace-separated tokens on lines of 200 characters or more.
    pub long_line_tokens: usize,
    pub long_line_chars: usize,
    /// Lengths of the non-blank lines (characters), for the median.
    lengths: Vec<usize>,
}

impl TextStats {
    pub fn of(text: &str) -> TextStats {
        let mut s = TextStats::default();
        for line in lines(text) {
            if line.is_empty() {
                s.empty_lines += 1;
                continue;
            }
            let trimmed = line.trim();
            if trimmed.is_empty() {
                s.blank_lines += 1;
                continue;
            }
            s.lines += 1;
            let n = trimmed.chars().count();
            s.chars += n;
            s.longest_line = s.longest_line.max(n);
            s.lengths.push(n);
            if line.contains('\t') {
                s.tab_lines += 1;
            }
            if trimmed.contains('|') {
                s.pipe_lines += 1;
                let filled = trimmed.split('|').filter(|p| !p.trim().is_empty()).count();
                if filled <= 1 {
                    s.pipe_single += 1;
                }
                if trimmed.starts_with('|') && filled > 0 {
                    s.pipe_leading += 1;
                }
            }
            // Short lines only need to know whether there are three tokens.
            let tokens = whitespace_tokens(trimmed, if n >= 200 { usize::MAX } else { 3 });
            if tokens >= 3 {
                s.multi_token_lines += 1;
            }
            if n >= 200 {
                s.long_line_tokens += tokens;
                s.long_line_chars += n;
            }
            if trimmed.contains('<') {
                let lower = trimmed.to_ascii_lowercase();
                s.html_cells += lower.matches("<td").count() + lower.matches("<th").count();
                s.html_rows += lower.matches("<tr").count();
            }
        }
        s
    }

    fn median_length(&self) -> usize {
        let mut v = self.lengths.clone();
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or(0)
    }

    /// The rendering these counts point to.
    pub fn rendering(&self) -> Rendering {
        if self.lines == 0 {
            return Rendering::Empty;
        }
        if self.html_rows >= 2 && self.html_cells >= 4 {
            return Rendering::Html;
        }
        if self.tab_lines >= 2 && self.tab_lines * 3 >= self.lines {
            return Rendering::Tabs;
        }
        if self.pipe_lines >= 3 && self.pipe_lines * 2 >= self.lines {
            return if self.pipe_single * 10 >= self.pipe_lines * 8 {
                Rendering::CellPerLine
            } else {
                Rendering::Pipes
            };
        }
        let separators = self.empty_lines + self.blank_lines;
        if self.lines >= 6 && separators * 10 >= self.lines * 6 && self.median_length() <= 40 {
            return Rendering::CellPerParagraph;
        }
        // A whole table on a few long lines.
        if self.long_line_chars * 10 >= self.chars * 6 && self.long_line_chars >= 200 {
            // Space-separated cells are short tokens; run-together text has long ones.
            return if self.long_line_tokens * 8 >= self.long_line_chars {
                Rendering::SpaceStream
            } else {
                Rendering::RunTogether
            };
        }
        if self.multi_token_lines * 10 >= self.lines * 3 {
            Rendering::SpaceRows
        } else {
            Rendering::CellPerLine
        }
    }
}

/// Bytes of a text looked at by [`detect`]: the rendering of a file shows in its beginning.
const DETECT_BYTES: usize = 256 * 1024;

/// The rendering of a text, from [`TextStats`] of its first 256 KB.
pub fn detect(text: &str) -> Rendering {
    TextStats::of(truncate_at_char_boundary(text, DETECT_BYTES)).rendering()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_byte_is_str_split() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "\na",
            "a\nb",
            "a\n\nb\n",
            "项目\t名称\t\t",
            "\t",
            "甲\r\n乙",
        ] {
            for b in [b'\n', b'\t'] {
                let want: Vec<&str> = text.split(char::from(b)).collect();
                let got: Vec<&str> = split_byte(text, b).collect();
                assert_eq!(got, want, "{text:?} {b}");
            }
        }
    }

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
    fn tsv_rows_reuse_buffers_without_leaking_cells() {
        // A long row, then shorter ones: a reused cell buffer must not keep old text or cells.
        let text = "项目名称：\t甲乙丙丁戊\tx\ty\n\na\n\t 全角（１） \n<b>b</b>\tc\n";
        let mut seen = Vec::new();
        let last = TsvRows::new(text).for_each(|r| seen.push(r.clone()));
        assert_eq!(last, 5);
        let texts: Vec<(u32, Vec<&str>)> = seen
            .iter()
            .map(|r| (r.line, r.cells.iter().map(|c| c.text.as_str()).collect()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (1, vec!["项目名称:", "甲乙丙丁戊", "x", "y"]),
                (3, vec!["a"]),
                (4, vec!["", "全角(1)"]),
                (5, vec!["b", "c"]),
            ]
        );
        assert_eq!(seen, from_tsv(text).rows);
        assert_eq!(TsvRows::new("\n \n").for_each(|_| {}), 0);
    }

    /// Cells and clean flags of `fill` (one scan per cell) against splitting on tabs and
    /// cleaning each piece, on every line of the seed and the samples and on odd lines.
    #[test]
    fn fill_is_split_then_clean() {
        let mut texts = vec![include_str!("../../../../tests/fixtures/seed.txt").to_owned()];
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/samples");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                texts.push(t);
            }
        }
        assert!(texts.len() > 1, "samples not found in {dir}");
        texts.push(
            [
                "\t\t",
                " a\tb ",
                "a  b\t项目　名称\t",
                "<b>x</b>\t&amp;\t（元）\t\u{200b}\t\u{1}\t é \t丁\t㐀",
                "\t \t",
                "甲\t\t乙\t",
                // Blank lines and lines that only look blank, for the blank-line test.
                "\u{3000}\t\u{3000}",
                "\u{b}\u{c}\t",
                "\t\u{3000}甲",
                "\u{85}\u{a0} \u{2028}",
                "\t\u{1}",
                " x",
            ]
            .join("\n"),
        );
        for text in &texts {
            for line in lines(text) {
                assert_eq!(is_blank_line(line), line.trim().is_empty(), "{line:?}");
            }
        }
        let mut rows = 0;
        for text in &texts {
            let mut want = Vec::new();
            for (idx, line) in lines(text).enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let cells: Vec<(String, bool)> = split_byte(line, b'\t')
                    .map(|raw| {
                        let c = normalise::clean_text(raw);
                        let clean = normalise::is_clean_reference(&c);
                        // The flag says "as printed" when nothing had to be cleaned.
                        let printed = normalise::is_clean_reference(raw);
                        (c, printed || clean)
                    })
                    .collect();
                want.push((line_no(idx), cells));
            }
            let mut got = Vec::new();
            TsvRows::new(text).for_each_marked(|row, marks| {
                let cells = row
                    .cells
                    .iter()
                    .zip(marks)
                    .map(|(c, m)| {
                        // A space is known only in clean text, and then it is the text's.
                        let spaced = m.clean && c.text.contains(' ');
                        assert_eq!(m.spaced, spaced, "{:?}", c.text);
                        (c.text.clone(), m.clean)
                    })
                    .collect();
                assert!(
                    row.cells
                        .iter()
                        .enumerate()
                        .all(|(i, c)| c.column == col_no(i))
                );
                assert_eq!(row.cells.len(), marks.len());
                got.push((row.line, cells));
            });
            rows += got.len();
            assert_eq!(got, want);
        }
        assert!(rows > 100);
    }

    #[test]
    fn tokens_are_counted_as_split_whitespace_counts_them() {
        let blanks = [
            " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let words = [
            "a",
            "项目",
            "≥95%",
            "\u{1c}",
            "\u{200b}",
            "é",
            "丁",
            "䶵",
            "𠀀",
            "（元）",
            "|",
            "<td>",
        ];
        let mut texts: Vec<String> = include_str!("../../../../tests/fixtures/seed.txt")
            .lines()
            .map(str::to_owned)
            .collect();
        let mut x: u64 = 7;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(x % 9) {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let pick = usize::try_from(x >> 33).unwrap_or(0);
                if pick % 3 == 0 {
                    t.push_str(blanks[pick / 3 % blanks.len()]);
                } else {
                    t.push_str(words[pick / 3 % words.len()]);
                }
            }
            texts.push(t);
        }
        for t in &texts {
            for limit in [0, 1, 3, usize::MAX] {
                let want = t.split_whitespace().take(limit).count();
                assert_eq!(whitespace_tokens(t, limit), want, "{t:?} {limit}");
            }
        }
    }

    #[test]
    fn overlong_line_is_cut_on_a_char_boundary() {
        let s = "项".repeat(MAX_LINE_BYTES / 3 + 10);
        let g = from_tsv(&s);
        assert!(g.rows[0].cells[0].text.len() <= MAX_LINE_BYTES);
    }

    #[test]
    fn renderings_are_told_apart() {
        assert_eq!(detect(""), Rendering::Empty);
        assert_eq!(detect("\n \n"), Rendering::Empty);
        assert_eq!(detect("a\tb\tc\nd\te\n"), Rendering::Tabs);
        assert_eq!(
            detect("| a | b | c |\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n"),
            Rendering::Pipes
        );
        assert_eq!(detect("a |\nb |\n|\nc |\n||||\n"), Rendering::CellPerLine);
        assert_eq!(
            detect("a\n\nb\n\n \n\nc\n\nd\n\ne\n\nf\n\n"),
            Rendering::CellPerParagraph
        );
        assert_eq!(
            detect("<table><tr><td>a</td><td>b</td></tr>\n<tr><td>1</td><td>2</td></tr></table>"),
            Rendering::Html
        );
        assert_eq!(
            detect("项目名称 甲\n年度资金总额 1 2 3\n产出指标 数量指标 人数 5 5 10 10\n"),
            Rendering::SpaceRows
        );
        let long = "项目名称 甲 ".repeat(60);
        assert_eq!(detect(&long), Rendering::SpaceStream);
        let run = "年度资金总额303010100%其中当年财政拨款303010100%".repeat(8);
        assert_eq!(detect(&run), Rendering::RunTogether);
    }
}
