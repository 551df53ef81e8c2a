//! Reading one long text in pieces, with exactly the forms (and line numbers) of reading it whole.
//!
//! A piece ends just before a title row (`项目支出绩效自评表`), where the reader starts a new form
//! from nothing, so each piece can be read on its own ([`read_piece`], lines shifted by where the
//! piece starts) and in parallel. One case differs: a form that has nothing but its title when
//! the next title comes is *retitled* by the reader rather than closed; a piece that ends with
//! such a form ([`ends_open`]) is joined to the next piece and read again ([`PieceJoin`]).
//!
//! Only tab-separated text (the bulk rendering) without mirror-site repair is cut
//! ([`can_cut`]); other texts are read whole.

use super::{ReadOptions, read_grid, repair_text};
use crate::grid::{self, Rendering};
use crate::model::{Form, Pos, Sourced};
use crate::normalise;

use super::labels;

/// Whether a text that begins with `head` (its first 256 KB or more) can be read in pieces.
pub fn can_cut(head: &str) -> bool {
    grid::detect(head) == Rendering::Tabs && !repair_text(head).1
}

/// Does `line` hold a title row as the reader sees it (at most two filled cells, the first a
/// title)?
fn is_title_line(line: &str) -> bool {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.len() > grid::MAX_LINE_BYTES {
        return false;
    }
    let mut filled = line
        .split('\t')
        .map(normalise::clean_cow)
        .filter(|c| !c.is_empty());
    let Some(first) = filled.next() else {
        return false;
    };
    if filled.nth(1).is_some() || first.len() > 150 {
        return false;
    }
    labels::is_title(&normalise::canonical_label_cow(&first))
}

/// The byte offset of the last title line of `text` after its first line (a place to cut), if any.
pub fn last_cut(text: &str) -> Option<usize> {
    let mut end = text.len();
    while let Some(nl) = text[..end].rfind('\n') {
        let start = nl + 1;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if start < text.len() && is_title_line(&text[start..line_end]) {
            return Some(start);
        }
        end = nl;
    }
    None
}

/// Read one piece of a tab-separated text whose first line is line `first_line` (1-based) of
/// the whole. Unlike [`super::read_text`], a piece with no form gives no placeholder form.
pub fn read_piece(path: &str, text: &str, first_line: u32, options: &ReadOptions) -> Vec<Form> {
    let mut forms = super::read_tsv(path, text, options);
    // `read_tsv` gives one unreadable placeholder (line 0) when nothing was found.
    if forms.len() == 1 && forms[0].source.first_line == 0 {
        return Vec::new();
    }
    let delta = first_line.saturating_sub(1);
    if delta > 0 {
        for f in &mut forms {
            shift_lines(f, delta);
        }
    }
    forms
}

/// The form read when no piece held one (what reading the whole text gives).
pub fn nothing_found(path: &str, last_line: u32, options: &ReadOptions) -> Form {
    let mut f = read_grid(path, &grid::Grid::default(), options)
        .into_iter()
        .next()
        .unwrap_or_else(|| Form::empty(path, ""));
    f.source.last_line = last_line;
    f
}

/// The last form has nothing but a title: the reader would give it the next piece's title
/// instead of closing it, so the next piece must be read together with this one.
pub fn ends_open(forms: &[Form]) -> bool {
    forms.last().is_some_and(|f| {
        let h = &f.header;
        f.title.is_some()
            && h.project_code.is_none()
            && h.project_name.is_none()
            && h.implementing_unit.is_none()
            && h.budget_unit.is_none()
            && f.funds.rows.is_empty()
            && f.indicators.is_empty()
            && f.total.is_none()
    })
}

fn shift(p: &mut Pos, d: u32) {
    if p.line > 0 {
        p.line = p.line.saturating_add(d);
    }
}

fn shift_line(l: &mut u32, d: u32) {
    if *l > 0 {
        *l = l.saturating_add(d);
    }
}

fn shift_opt<T>(s: &mut Option<Sourced<T>>, d: u32) {
    if let Some(s) = s {
        shift(&mut s.at, d);
    }
}

/// Move every line number of a form down by `d` lines.
fn shift_lines(f: &mut Form, d: u32) {
    shift_line(&mut f.source.first_line, d);
    shift_line(&mut f.source.last_line, d);
    if let crate::model::FormStatus::Incomplete { line, .. } = &mut f.status {
        shift_line(line, d);
    }
    shift_opt(&mut f.title, d);
    let h = &mut f.header;
    shift_opt(&mut h.project_code, d);
    shift_opt(&mut h.project_name, d);
    shift_opt(&mut h.year, d);
    shift_opt(&mut h.implementing_unit, d);
    shift_opt(&mut h.budget_unit, d);
    for r in &mut f.funds.rows {
        shift(&mut r.label.at, d);
        shift_opt(&mut r.initial_budget, d);
        shift_opt(&mut r.adjusted_budget, d);
        shift_opt(&mut r.executed, d);
        shift_opt(&mut r.weight, d);
        shift_opt(&mut r.execution_rate, d);
        shift_opt(&mut r.score, d);
        shift_opt(&mut r.reason, d);
        shift_line(&mut r.line, d);
    }
    shift_opt(&mut f.overall_goal.expected, d);
    shift_opt(&mut f.overall_goal.achieved, d);
    for i in &mut f.indicators {
        shift(&mut i.level1.at, d);
        shift_opt(&mut i.level2, d);
        shift(&mut i.name.at, d);
        if let Some(t) = &mut i.target {
            shift(&mut t.at, d);
        }
        if let Some(a) = &mut i.actual {
            shift(&mut a.at, d);
        }
        shift_opt(&mut i.weight, d);
        shift_opt(&mut i.score, d);
        shift_opt(&mut i.deviation_note, d);
        shift_line(&mut i.line, d);
    }
    if let Some(t) = &mut f.total {
        shift_opt(&mut t.weight, d);
        shift_opt(&mut t.score, d);
        shift_opt(&mut t.grade_label, d);
        shift_line(&mut t.line, d);
    }
    for n in &mut f.read_notes {
        shift_line(&mut n.line, d);
    }
}

/// One piece of a text: its text, the line it starts on (1-based) and what was read from it.
pub struct Piece<T> {
    pub text: String,
    pub first_line: u32,
    pub items: Vec<T>,
}

/// Puts pieces read independently (in parallel) back in order, joining a piece that
/// [`ends_open`] to the next and reading the two again.
pub struct PieceJoin<T> {
    pending: Option<Piece<T>>,
}

impl<T> Default for PieceJoin<T> {
    fn default() -> Self {
        PieceJoin { pending: None }
    }
}

impl<T> PieceJoin<T> {
    /// Take the next piece (in text order). Returns what is final: everything read before it.
    /// `open(items)` tells whether the items end with a title-only form; `reread(text, line)`
    /// reads a joined piece.
    pub fn push(
        &mut self,
        piece: Piece<T>,
        open: impl Fn(&[T]) -> bool,
        reread: impl Fn(&str, u32) -> Vec<T>,
    ) -> Vec<T> {
        let Some(prev) = self.pending.take() else {
            self.pending = Some(piece);
            return Vec::new();
        };
        if open(&prev.items) {
            let mut text = prev.text;
            text.push_str(&piece.text);
            let items = reread(&text, prev.first_line);
            self.pending = Some(Piece {
                text,
                first_line: prev.first_line,
                items,
            });
            return Vec::new();
        }
        self.pending = Some(piece);
        prev.items
    }

    /// Everything still held.
    pub fn finish(self) -> Vec<T> {
        self.pending.map(|p| p.items).unwrap_or_default()
    }
}

/// Read a whole tab-separated text in pieces of about `piece_bytes` (sequentially): the same
/// forms as [`super::read_text`]. The parallel reader in the CLI does the same with threads.
pub fn read_in_pieces(
    path: &str,
    text: &str,
    piece_bytes: usize,
    options: &ReadOptions,
) -> Vec<Form> {
    let mut join = PieceJoin::default();
    let mut out = Vec::new();
    let mut rest = text;
    let mut line = 1u32;
    let read = |t: &str, l: u32| read_piece(path, t, l, options);
    while !rest.is_empty() {
        let window = grid::truncate_at_char_boundary(rest, piece_bytes);
        let cut = if window.len() == rest.len() {
            rest.len()
        } else {
            last_cut(window)
                .or_else(|| next_cut(rest, window.len()))
                .unwrap_or(rest.len())
        };
        let (piece, tail) = rest.split_at(cut);
        let items = read(piece, line);
        out.extend(join.push(
            Piece {
                text: piece.to_string(),
                first_line: line,
                items,
            },
            ends_open,
            read,
        ));
        line = line.saturating_add(u32::try_from(piece.matches('\n').count()).unwrap_or(0));
        rest = tail;
    }
    out.extend(join.finish());
    if out.is_empty() {
        out.push(nothing_found(path, last_line_of(text), options));
    }
    out
}

/// The first title line at or after byte `from` (on a line start).
fn next_cut(text: &str, from: usize) -> Option<usize> {
    let mut start = text[..from].rfind('\n').map_or(0, |i| i + 1);
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if start > 0 && start >= from && is_title_line(&text[start..end]) {
            return Some(start);
        }
        start = end + 1;
    }
    None
}

/// The line number of the last non-blank line of `text` (what the whole read calls its last
/// line).
pub fn last_line_of(text: &str) -> u32 {
    let mut last = 0;
    for (i, l) in grid::lines(text).enumerate() {
        if !l.trim().is_empty() {
            last = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../../tests/fixtures/seed.txt");

    #[test]
    fn title_lines_are_cut_points() {
        assert!(is_title_line("项目支出绩效自评表\t\t\t"));
        assert!(is_title_line("\t（2023年度）项目支出绩效自评表\t\t"));
        assert!(!is_title_line("项目名称\t某项目\t\t"));
        assert!(!is_title_line("项目支出绩效自评表\ta\tb"));
        let t = "x\n项目支出绩效自评表\ny\n项目支出绩效自评表\nz";
        assert_eq!(last_cut(t), Some(t.rfind("项目").unwrap_or(0)));
        assert_eq!(last_cut("项目支出绩效自评表\nx"), None);
    }

    /// The seed read in pieces of every size from tiny to whole gives the forms of reading it
    /// whole, in the same order, with the same line numbers.
    #[test]
    fn pieces_read_like_the_whole() {
        let opts = ReadOptions::default();
        assert!(can_cut(SEED));
        let whole = super::super::read_text("seed.txt", SEED, &opts);
        assert_eq!(whole.len(), 16);
        for piece_bytes in [1, 500, 4_000, 20_000, 100_000, SEED.len()] {
            let pieces = read_in_pieces("seed.txt", SEED, piece_bytes, &opts);
            assert_eq!(pieces.len(), whole.len(), "piece size {piece_bytes}");
            for (a, b) in pieces.iter().zip(&whole) {
                assert_eq!(a, b, "piece size {piece_bytes}");
            }
        }
    }

    /// A page title right before the form's own title: the first is replaced, not closed,
    /// even when a cut falls between them.
    #[test]
    fn a_title_only_form_is_joined_to_the_next_piece() {
        let opts = ReadOptions::default();
        let text = format!("部门项目支出绩效自评表\n\n{SEED}");
        let whole = super::super::read_text("t.txt", &text, &opts);
        let pieces = read_in_pieces("t.txt", &text, 1, &opts);
        assert_eq!(pieces, whole);
        assert_eq!(pieces.len(), 16);
    }

    #[test]
    fn no_form_gives_the_placeholder_of_the_whole_read() {
        let opts = ReadOptions::default();
        let text = "a\tb\n\nc\td\n";
        let whole = super::super::read_text("t.txt", text, &opts);
        assert_eq!(read_in_pieces("t.txt", text, 2, &opts), whole);
    }
}
