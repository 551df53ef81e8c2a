//! Text normalisation shared by every reader.
//!
//! * width folding ([`fold`]) and cell clean-up ([`clean_text`], [`squeeze`], [`canonical_label`]);
//! * null and placeholder cells ([`is_null_marker`], [`is_void_text`]);
//! * exact numbers ([`parse_number`], [`parse_percent`], [`parse_amount`]);
//! * the 年度指标值 / 实际完成值 grammar ([`parse_target`], [`parse_actual`], [`parse_comparator`],
//!   `shared/spec/domain.md` §B.4) and units ([`units_compatible`]);
//! * indicator category labels ([`level1_of`], [`level2_category`]).
//!
//! Every function is total: any string gives a result and nothing panics. Numbers are
//! `Decimal`s kept at the scale printed (`99.3300` stays `99.3300`). Scanners are hand-written
//! and linear in the input: this runs on millions of cells.

use crate::model::{Actual, AmountUnit, Comparator, Level1, Pos, Target};
use rust_decimal::Decimal;
use std::borrow::Cow;

// ---------------------------------------------------------------------------------------------
// Folding and clean-up
// ---------------------------------------------------------------------------------------------

/// Fold one character; `None` drops it (zero-width characters, BOM, soft hyphen).
#[inline]
pub(crate) fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    Some(match c {
        // Full-width ASCII: ！ … ～ (includes （）：，；％＝＞＜＋－．０-９Ａ-Ｚ).
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}'
        | '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{0085}' => ' ',
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        '\u{FE66}' | '\u{2550}' => '=',
        '\u{2267}' | '\u{2A7E}' => '≥',
        '\u{2266}' | '\u{2A7D}' => '≤',
        '\u{FE64}' => '<',
        '\u{FE65}' => '>',
        '\u{FE63}' | '\u{2212}' => '-',
        '\u{FE6A}' => '%',
        '\u{FE59}' => '(',
        '\u{FE5A}' => ')',
        '\u{FE55}' => ':',
        '\u{301C}' => '~',
        _ => c,
    })
}

/// Width folding: full-width ASCII (U+FF01–FF5E) to ASCII, Unicode blanks (U+3000, U+00A0, …) to
/// `' '`, `﹦ ═ ＝` to `=`, `≧ ≦` to `≥ ≤`, small-form `﹤ ﹥ ﹣` to ASCII; zero-width characters
/// are dropped. `。、“”—` and circled digits are left alone (no NFKC). Idempotent.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter_map(fold_char));
    out
}

/// Narrative clean-up: strip HTML tags, decode common entities, [`fold`], collapse every run of
/// whitespace (and control characters) to one space, trim.
pub fn clean_text(s: &str) -> String {
    clean_cow(s).into_owned()
}

/// [`clean_text`] without copying: borrows `s` when it is already clean (the common case of a
/// cell read from a clean table).
pub fn clean_cow(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(clean_slow(s))
}

/// The cleaning itself, for text that [`is_clean`] did not pass.
pub(crate) fn clean_slow(s: &str) -> String {
    let mut out = String::new();
    clean_slow_into(s, &mut out);
    out
}

/// [`clean_slow`] into `out` (cleared first), which keeps its buffer (the grid cleans each cell
/// into the buffer its column had in the last row), and [`clean_spaced`] of the result.
///
/// The result is clean unless it holds a `<` or an `&`: it is folded (folding is idempotent),
/// holds no control character and no blank but single interior spaces. So what the cleaning
/// put into it tells what a scan of the result would.
pub(crate) fn clean_slow_into(s: &str, out: &mut String) -> Option<bool> {
    out.clear();
    let put = clean_slow_onto(s, out);
    let spaced = (!put.markup).then_some(put.space);
    debug_assert_eq!(spaced, clean_spaced(out), "{out:?}");
    spaced
}

/// What [`clean_slow_onto`] put into its output besides words: a space (between two of them), a
/// `<` or an `&` (left as text, or folded from `＜ ＆ ﹤`).
#[derive(Debug, Default)]
struct Put {
    space: bool,
    markup: bool,
}

/// The cleaning of `s`, pushed onto `out`, which must be empty (no space is put before the first
/// word).
fn clean_slow_onto(s: &str, out: &mut String) -> Put {
    debug_assert!(out.is_empty());
    let (lt, amp) = markup_bytes(s.as_bytes());
    let untagged = if lt { strip_tags(s) } else { Cow::Borrowed(s) };
    // Stripping tags puts no `&` in: a text without one has none after.
    let decoded = if amp && memchr::memchr(b'&', untagged.as_bytes()).is_some() {
        Cow::Owned(decode_entities(&untagged))
    } else {
        untagged
    };
    out.reserve(decoded.len());
    let mut put = Put::default();
    let mut pending_space = false;
    let b = decoded.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A run of characters that fold to themselves and are no blanks: printable ASCII
        // other than the space, and CJK ideographs U+4E00–U+9FFF (lead bytes E5–E9, or E4
        // then B8–BF). Copied as they are.
        let start = i;
        loop {
            i = clean_run_end(b, i);
            // `<` and `&` left by the passes above are text now, U+4E00–U+4FFF are ideographs
            // too, and Chinese text keeps most of its own punctuation.
            match b.get(i) {
                Some(b'<' | b'&') => {
                    put.markup = true;
                    i += 1;
                }
                Some(0xE4) if b.get(i + 1).is_some_and(|&y| y >= 0xB8) => i += 3,
                Some(0xE2 | 0xE3) if is_kept_punctuation(b.get(i..i + 3)) => i += 3,
                _ => break,
            }
        }
        if i > start {
            space_before_word(out, &mut pending_space, &mut put);
            out.push_str(decoded.get(start..i).unwrap_or_default());
            continue;
        }
        // Full-width punctuation (`，：；（）`), most of what is left, folded by its bytes.
        let folded = match full_width_ascii(b, i) {
            Some(a) => {
                i += 3;
                a
            }
            None => {
                let Some(c) = decoded.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                i += c.len_utf8();
                let Some(f) = fold_char(c) else { continue };
                if f.is_whitespace() || f.is_control() {
                    pending_space = true;
                    continue;
                }
                f
            }
        };
        space_before_word(out, &mut pending_space, &mut put);
        put.markup |= matches!(folded, '<' | '&');
        out.push(folded);
    }
    put
}

/// Whether `b` holds a `<` and whether it holds an `&`: one search for the first of them, which
/// most texts hold neither of.
fn markup_bytes(b: &[u8]) -> (bool, bool) {
    let Some(p) = memchr::memchr2(b'<', b'&', b) else {
        return (false, false);
    };
    let rest = b.get(p + 1..).unwrap_or_default();
    if b[p] == b'<' {
        (true, memchr::memchr(b'&', rest).is_some())
    } else {
        (memchr::memchr(b'<', rest).is_some(), true)
    }
}

/// The one space that stands for the blanks before a word of cleaned text, unless the word is the
/// first.
fn space_before_word(out: &mut String, pending_space: &mut bool, put: &mut Put) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
        put.space = true;
    }
    *pending_space = false;
}

/// Already what `clean_text` would return: no tags or entities, nothing to fold, no control
/// characters, single interior spaces only. ASCII bytes are checked without decoding.
pub(crate) fn is_clean(s: &str) -> bool {
    clean_spaced(s).is_some()
}

/// When `s` [`is_clean`]: whether it holds a space.
pub(crate) fn clean_spaced(s: &str) -> Option<bool> {
    // A tab is a control character: where [`scan_cell`] stops at one, `s` is not clean.
    let scan = scan_cell(s, 0);
    (scan.clean && scan.end == s.len()).then_some(scan.spaced)
}

/// What [`scan_cell`] found out about one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CellScan {
    /// Where the cell ends: its tab, or the end of the line.
    pub end: usize,
    /// The cell's text is clean ([`is_clean`]).
    pub clean: bool,
    /// A clean cell holds a space (`text.contains(' ')`); meaningless when it is not clean.
    pub spaced: bool,
}

/// One pass over the cell of a tab-separated `line` that starts at byte `start` (a character
/// boundary): where it ends (its tab, or the end of the line), whether its text is clean
/// ([`is_clean`] of `&line[start..end]`) and, when it is, whether it holds a space (clean text
/// has no other blank), which [`squeeze_of_scanned`] and [`canonical_label_of_scanned`] would
/// otherwise look for again.
#[inline(always)]
pub(crate) fn scan_cell(line: &str, start: usize) -> CellScan {
    let b = line.as_bytes();
    let unclean_from = |from: usize| CellScan {
        end: b
            .get(from..)
            .and_then(|rest| memchr::memchr(b'\t', rest))
            .map_or(b.len(), |p| from + p),
        clean: false,
        spaced: false,
    };
    let mut prev_space = true;
    let mut spaced = false;
    let mut i = start;
    while i < b.len() {
        // Most of a cell is a run of printable ASCII and ideographs: stepped over at once, the
        // other bytes looked at by their class below.
        let run_from = i;
        i = clean_run_end(b, i);
        if i > run_from {
            prev_space = false;
        }
        let Some(&x) = b.get(i) else { break };
        match BYTE_CLASS[usize::from(x)] {
            // Printable ASCII other than `<` and `&`, the common case.
            PLAIN => {
                prev_space = false;
                i += 1;
            }
            SPACE => {
                if prev_space {
                    return unclean_from(i);
                }
                prev_space = true;
                spaced = true;
                i += 1;
            }
            // U+5000–U+9FFF (lead bytes E5–E9) and U+4E00–U+4FFF (E4 B8–BF): CJK ideographs,
            // which never fold; skipped without decoding (`line` is valid UTF-8, so no tab
            // hides in the two bytes skipped).
            CJK => {
                prev_space = false;
                i += 3;
            }
            E4 if b.get(i + 1).is_some_and(|&y| y >= 0xB8) => {
                prev_space = false;
                i += 3;
            }
            TAB => {
                return CellScan {
                    end: i,
                    clean: !prev_space || i == start,
                    spaced,
                };
            }
            // A control (newlines included), a tag or an entity.
            ASCII_BAD => return unclean_from(i),
            _ => {
                let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else {
                    return unclean_from(i);
                };
                // Non-ASCII blanks fold to ' ', so they fail here too.
                if c.is_control() || fold_char(c) != Some(c) || c.is_whitespace() {
                    return unclean_from(i);
                }
                i += c.len_utf8();
                prev_space = false;
            }
        }
    }
    CellScan {
        end: b.len(),
        clean: !prev_space || i == start,
        spaced,
    }
}

/// [`is_clean`] as it was before [`scan_cell`]: a byte walk without tabs, the reference the
/// one-pass scan is tested against.
#[cfg(test)]
pub(crate) fn is_clean_reference(s: &str) -> bool {
    let b = s.as_bytes();
    let mut prev_space = true;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if (0x21..0x7F).contains(&x) && x != b'<' && x != b'&' {
            prev_space = false;
            i += 1;
        } else if x == b' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
            i += 1;
        } else if x.is_ascii() {
            return false;
        } else {
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                return false;
            };
            i += c.len_utf8();
            if c.is_control() || fold_char(c) != Some(c) || c.is_whitespace() {
                return false;
            }
            prev_space = false;
        }
    }
    !prev_space || s.is_empty()
}

const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const CJK: u8 = 2;
const E4: u8 = 3;
const ASCII_BAD: u8 = 4;
const OTHER: u8 = 5;
const TAB: u8 = 6;

/// What [`is_clean`] does with each byte value.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut x = 0;
    while x < 0x80 {
        t[x] = if x == 0x20 {
            SPACE
        } else if x >= 0x21 && x < 0x7F && x != 0x3C && x != 0x26 {
            PLAIN
        } else {
            ASCII_BAD
        };
        x += 1;
    }
    let mut x = 0xE5;
    while x <= 0xE9 {
        t[x] = CJK;
        x += 1;
    }
    t[0xE4] = E4;
    t[0x09] = TAB;
    t
};

/// How far [`scan_cell`] steps over a byte in a run of clean text: 1 for the [`PLAIN`] ASCII
/// bytes, 3 for the lead byte of an ideograph U+5000–U+9FFF (E5–E9, the [`CJK`] class: `line`
/// is valid UTF-8, so its two continuation bytes follow), 0 for a byte that ends the run.
static RUN_STEP: [u8; 256] = {
    let mut t = [0; 256];
    let mut x = 0;
    while x < 256 {
        t[x] = match BYTE_CLASS[x] {
            PLAIN => 1,
            CJK => 3,
            _ => 0,
        };
        x += 1;
    }
    t
};

/// The end of the run of characters that cleaning keeps as they are which starts at byte `i`
/// of `b` (valid UTF-8, `i` a character boundary): printable ASCII other than the space, `<`
/// and `&`, and ideographs U+5000–U+9FFF, stepped over by one table lookup each.
#[inline(always)]
fn clean_run_end(b: &[u8], mut i: usize) -> usize {
    while let Some(&x) = b.get(i) {
        match RUN_STEP[usize::from(x)] {
            0 => break,
            step => i += usize::from(step),
        }
    }
    i
}

/// Whether `bytes` are the UTF-8 of punctuation of Chinese text that cleaning keeps as it is (it
/// folds to itself and is no blank or control character): `— “ ” ≤ ≥ 、 。`.
fn is_kept_punctuation(bytes: Option<&[u8]>) -> bool {
    matches!(
        bytes,
        Some(
            [0xE2, 0x80, 0x94 | 0x9C | 0x9D]
                | [0xE2, 0x89, 0xA4 | 0xA5]
                | [0xE3, 0x80, 0x81 | 0x82]
        )
    )
}

/// The ASCII character a full-width one (U+FF01–U+FF5E: `，：；（）％`) at byte `i` of `b` folds
/// to ([`fold_char`]), told by its bytes: U+FF01–FF3F are EF BC 81–BF, U+FF40–FF5E EF BD 80–9E.
fn full_width_ascii(b: &[u8], i: usize) -> Option<char> {
    match b.get(i..i + 3)? {
        [0xEF, 0xBC, y @ 0x81..=0xBF] => Some(char::from(y - 0x60)),
        [0xEF, 0xBD, y @ 0x80..=0x9E] => Some(char::from(y - 0x20)),
        _ => None,
    }
}

/// HTML element names stripped as tags (anything else in `<…>` is kept as text: `<5%` or
/// `x<y and z>w` are not tags).
const HTML_TAGS: &[&str] = &[
    "a",
    "b",
    "i",
    "u",
    "s",
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "span",
    "font",
    "div",
    "td",
    "tr",
    "th",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "sup",
    "sub",
    "col",
    "colgroup",
    "img",
    "section",
    "article",
    "header",
    "footer",
    "center",
    "small",
    "big",
    "strike",
    "label",
    "input",
    "o:p",
    "html",
    "body",
    "head",
    "meta",
    "title",
    "caption",
    "pre",
    "code",
    "blockquote",
    "nobr",
    "wbr",
    "ins",
    "del",
    "style",
    "link",
];
/// Tags that separate words (replaced by a space rather than nothing).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "div",
    "td",
    "tr",
    "th",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "center",
    "pre",
    "blockquote",
    "caption",
    "title",
    "html",
    "body",
    "head",
];

/// If an HTML tag or comment starts at byte `start` (a `<`), its end byte and whether it is a
/// block tag.
fn html_tag_at(b: &[u8], start: usize) -> Option<(usize, bool)> {
    const MAX_TAG: usize = 2048;
    let rest = b.get(start + 1..)?;
    if rest.starts_with(b"!--") {
        let body = &rest[3..];
        let end = body.windows(3).position(|w| w == b"-->")?;
        return Some((start + 1 + 3 + end + 3, false));
    }
    let mut j = 0;
    if matches!(rest.first(), Some(b'/') | Some(b'!')) {
        j = 1;
    }
    let name_start = j;
    while j < rest.len() && (rest[j].is_ascii_alphanumeric() || rest[j] == b':') {
        j += 1;
    }
    let name = std::str::from_utf8(&rest[name_start..j]).ok()?;
    let doctype = rest.first() == Some(&b'!') && name.eq_ignore_ascii_case("doctype");
    let known = HTML_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
    if !(known || doctype) {
        return None;
    }
    match rest.get(j) {
        Some(b'>') | Some(b'/') => {}
        Some(c) if c.is_ascii_whitespace() => {}
        _ => return None,
    }
    let limit = rest.len().min(j + MAX_TAG);
    for (k, &c) in rest.iter().enumerate().take(limit).skip(j) {
        match c {
            b'>' => {
                let block = BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
                return Some((start + 1 + k + 1, block));
            }
            b'<' => return None,
            _ => {}
        }
    }
    None
}

fn strip_tags(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut last = 0;
    let mut i = 0;
    while let Some(off) = s.get(i..).and_then(|r| r.find('<')) {
        let start = i + off;
        match html_tag_at(b, start) {
            Some((end, block)) => {
                let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
                o.push_str(s.get(last..start).unwrap_or(""));
                if block {
                    o.push(' ');
                }
                last = end;
                i = end;
            }
            None => i = start + 1,
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(s.get(last..).unwrap_or(""));
            Cow::Owned(o)
        }
        None => Cow::Borrowed(s),
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "yen" => '¥',
        "ge" => '≥',
        "le" => '≤',
        "plusmn" => '±',
        "permil" => '‰',
        _ => return None,
    })
}

fn entity_char(body: &str) -> Option<char> {
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code)?
    } else {
        named_entity(body)?
    };
    (c != '\0').then_some(c)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let decoded = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .and_then(|(semi, _)| entity_char(&after[..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Ideographs, CJK and full-width punctuation, kana, enclosed CJK, circled numbers.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2460..=0x24FF
        | 0x2E80..=0x2FDF
        | 0x3001..=0x303F
        | 0x3040..=0x30FF
        | 0x3100..=0x312F
        | 0x31A0..=0x31EF
        | 0x3200..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3134F)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '―' | '…' | '·')
}

/// ASCII punctuation that sticks to neighbouring CJK text (folded from （）：；，！？).
fn is_glue(c: char) -> bool {
    matches!(c, '(' | ')' | ':' | ';' | ',' | '!' | '?')
}

fn is_numchar(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '%')
}

/// Is the space between `l` (last kept char, `before` = text kept so far) and `r` (`after[0]`) a
/// stray break?
fn stray_space(l: char, r: char, before: &str, after: &str) -> bool {
    let lc = is_cjk(l);
    let rc = is_cjk(r);
    if (lc && (rc || is_glue(r))) || (is_glue(l) && rc) {
        return true;
    }
    if lc && r.is_ascii_digit() {
        // `服务 50分`, `年 8 月`: a number that runs into CJK (directly or after one space).
        let mut rest = after.chars().skip_while(|c| is_numchar(*c));
        match rest.next() {
            Some(c) if is_cjk(c) => return true,
            Some(' ') if rest.next().is_some_and(is_cjk) => return true,
            _ => {}
        }
    }
    if (l.is_ascii_digit() || l == '%') && rc {
        // `2022 年`, `共11 人`: a number token that starts the text or follows CJK.
        match before.chars().rev().find(|c| !is_numchar(*c)) {
            None => return true,
            Some(c) if is_cjk(c) || is_glue(c) => return true,
            _ => {}
        }
    }
    false
}

/// [`clean_text`], then remove spaces that are stray breaks inside Chinese text:
/// `离退休干部管理和服 务` → `离退休干部管理和服务`, `产出 (50分)` → `产出(50分)`,
/// `2022 年 8 月` → `2022年8月`. Spaces between Latin words and numbers stay (`Windows 10`).
pub fn squeeze(s: &str) -> String {
    squeeze_cow(s).into_owned()
}

/// [`squeeze`] without copying when nothing changes.
pub fn squeeze_cow(s: &str) -> Cow<'_, str> {
    squeeze_cleaned(clean_cow(s))
}

/// [`squeeze_cow`] of a text that [`clean_cow`] borrows (already clean), told by its scan whether
/// it holds a space (`CellScan::spaced`): without cleaning it again, and without one there is
/// nothing to squeeze and no need to look again.
pub(crate) fn squeeze_of_scanned(s: &str, spaced: bool) -> Cow<'_, str> {
    if spaced {
        Cow::Owned(squeeze_spaced(s))
    } else {
        Cow::Borrowed(s)
    }
}

fn squeeze_cleaned(clean: Cow<'_, str>) -> Cow<'_, str> {
    if !clean.contains(' ') {
        return clean;
    }
    Cow::Owned(squeeze_spaced(&clean))
}

/// The squeezing of a cleaned text that holds a space.
fn squeeze_spaced(clean: &str) -> String {
    let mut out = String::with_capacity(clean.len());
    for (i, c) in clean.char_indices() {
        if c == ' ' {
            // A space is one byte: the text after it starts at `i + 1`.
            let after = clean.get(i + 1..).unwrap_or_default();
            if let (Some(l), Some(r)) = (out.chars().next_back(), after.chars().next())
                && stray_space(l, r, &out, after)
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Key for matching header and label cells: [`squeeze`], no whitespace at all, no leading `*`
/// (or `★`) marks, no trailing `:`. `* 实际完成 值` → `实际完成值`, `执行率 （%）` → `执行率(%)`.
pub fn canonical_label(s: &str) -> String {
    canonical_label_cow(s).into_owned()
}

/// [`canonical_label`] without copying when the cell already is its own key.
pub fn canonical_label_cow(s: &str) -> Cow<'_, str> {
    let clean = clean_cow(s);
    if !clean.contains(' ') {
        // Cleaned text has no whitespace but single spaces: without one, `squeeze` changes
        // nothing and there is no whitespace to drop, only the marks to trim.
        if !clean.starts_with(['*', '★', '☆', '※']) && !clean.ends_with(':') {
            return clean;
        }
        fn key(t: &str) -> &str {
            t.trim_start_matches(['*', '★', '☆', '※'])
                .trim_end_matches(':')
        }
        return match clean {
            Cow::Borrowed(b) => Cow::Borrowed(key(b)),
            Cow::Owned(o) => Cow::Owned(key(&o).to_owned()),
        };
    }
    Cow::Owned(key_without_spaces(&clean))
}

/// The key of a cleaned text that holds spaces: [`squeeze`] only ever drops spaces, and the key
/// drops every blank left, so squeezing first changes nothing: every blank goes.
fn key_without_spaces(clean: &str) -> String {
    // Cleaning turns every other blank into a space, so the spaces are all the blanks there are:
    // the pieces between them are copied without looking at characters.
    debug_assert!(
        !clean.chars().any(|c| c.is_whitespace() && c != ' '),
        "{clean:?}"
    );
    let mut no_ws = String::with_capacity(clean.len());
    for piece in clean.split(' ') {
        no_ws.push_str(piece);
    }
    let key = without_label_marks(&no_ws);
    if key.len() == no_ws.len() {
        return no_ws;
    }
    // The key is a slice of `no_ws`: move it to the front instead of copying it out.
    let start = key.as_ptr() as usize - no_ws.as_ptr() as usize;
    let end = start + key.len();
    no_ws.truncate(end);
    no_ws.drain(..start);
    no_ws
}

/// [`canonical_label_cow`] of a text [`clean_cow`] leaves as it is (borrows it), without checking
/// that again, told by its scan whether it holds a space (`CellScan::spaced`): a cell the grid
/// kept as printed.
pub(crate) fn canonical_label_of_scanned(s: &str, spaced: bool) -> Cow<'_, str> {
    if spaced {
        return Cow::Owned(key_without_spaces(s));
    }
    Cow::Borrowed(without_label_marks(s))
}

/// A label's text without the marks of a required field (`*`, `★ ☆ ※`) before it and the
/// colons after it. Most texts have neither, told by their first and last bytes (`*` and `:` are
/// ASCII; `★ ☆ ※` all start with the byte E2) without trimming.
#[inline(always)]
fn without_label_marks(s: &str) -> &str {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'*' | 0xE2)) && b.last() != Some(&b':') {
        return s;
    }
    s.trim_start_matches(['*', '★', '☆', '※'])
        .trim_end_matches(':')
}

// ---------------------------------------------------------------------------------------------
// Null and placeholder cells
// ---------------------------------------------------------------------------------------------

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '―' | '─' | '━' | '‐' | '‑' | '‒')
}

/// A cell that means "no value": blank, `—`, `——`, `-`, `–`, `−`, `/`, `／`, `\`, `无`, `空`,
/// `N/A`, `#N/A`.
pub fn is_null_marker(s: &str) -> bool {
    // Of the null markers only `无` and `空` open with an ideograph, none with a digit or `≥ ≤`.
    if stable_first(s).is_some_and(|c| !matches!(c, '无' | '空')) {
        return false;
    }
    null_marker_by_cleaning(s)
}

/// [`is_null_marker`] without the first-character shortcut.
pub(crate) fn null_marker_by_cleaning(s: &str) -> bool {
    if s.len() > 64 {
        return false;
    }
    null_marker_cleaned(&clean_cow(s))
}

/// The first character of `s` when cleaning is sure to keep it first: a CJK ideograph
/// (U+4E00–U+9FFF), an ASCII digit, or `≥ ≤` (which open most targets). Tags open with `<`,
/// entities with `&`, only blanks are trimmed, and width folding leaves these alone, so a
/// predicate on the cleaned cell can rule a cell out by this character without cleaning it.
pub(crate) fn stable_first(s: &str) -> Option<char> {
    let c = s.chars().next()?;
    (c.is_ascii_digit() || matches!(c, '≥' | '≤') || ('\u{4E00}'..='\u{9FFF}').contains(&c))
        .then_some(c)
}

/// [`is_null_marker`] of a text that [`clean_cow`] borrows (already clean).
pub(crate) fn is_null_marker_of_clean(s: &str) -> bool {
    s.len() <= 64 && null_marker_cleaned(s)
}

fn null_marker_cleaned(t: &str) -> bool {
    if t.is_empty() || t.chars().all(is_dash) || t.chars().all(|c| c == '/') {
        return true;
    }
    matches!(t, "\\" | "无" | "空")
        || t.eq_ignore_ascii_case("n/a")
        || t.eq_ignore_ascii_case("#n/a")
}

/// `text.contains(word)` for a label-sized text: the bytes compared where the word's first byte
/// stands cost less than a substring searcher's setup. Longer texts go to the searcher.
pub(crate) fn contains_in_short(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some(&first) = w.first() else {
        return true;
    };
    if t.len() > 64 {
        return text.contains(word);
    }
    let Some(last) = t.len().checked_sub(w.len()) else {
        return false;
    };
    (0..=last).any(|i| t[i] == first && t.get(i..i + w.len()) == Some(w))
}

/// An indicator placeholder: `无`, `暂无`, `不适用`, `不涉及`, `—`, `/`, `……`, `...`, `/ / /`, or a
/// bare `指标1:` / `指标二：`. A blank cell is *not* a placeholder (see [`is_null_marker`]).
pub fn is_void_text(s: &str) -> bool {
    // Placeholders open with `无 暂 不 没 空 指` (or dashes, dots, slashes and `n/a`, none of
    // which is an ideograph or a digit).
    if stable_first(s).is_some_and(|c| !matches!(c, '无' | '暂' | '不' | '没' | '空' | '指'))
    {
        return false;
    }
    void_text_by_cleaning(s)
}

/// [`is_void_text`] without the first-character shortcut.
pub(crate) fn void_text_by_cleaning(s: &str) -> bool {
    // Placeholders are a few characters long; most cells are not, and need no cleaning.
    if s.len() > 64 {
        return false;
    }
    let t = clean_cow(s);
    if t.is_empty() {
        return false;
    }
    if t.chars()
        .all(|c| is_dash(c) || matches!(c, '/' | '…' | '.' | '。' | ' ' | '\\'))
    {
        return true;
    }
    let word = t.trim_end_matches(['。', '.', ';', ',', '、']);
    if matches!(
        word,
        "无" | "暂无" | "不适用" | "不涉及" | "无此项" | "没有" | "空"
    ) || word.eq_ignore_ascii_case("n/a")
    {
        return true;
    }
    if let Some(rest) = t.strip_prefix("指标") {
        let rest = rest.trim_end_matches(':').trim_end();
        return !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/// Scan an unsigned decimal at byte `i` of `s`: digits, optional `,` thousands groups (only when
/// the first group has at most 3 digits and every later group exactly 3), optional fraction.
/// Returns the value (scale as printed) and the end byte.
fn scan_number(s: &str, i: usize) -> Option<(Decimal, usize)> {
    let b = s.as_bytes();
    let digits_end = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    // The digits before and after the point are read into the mantissa on the way: most
    // numbers (`5.00`, `236593.28`) need no other parsing.
    let mut m = Mantissa::default();
    let mut j = m.read(b, i);
    if j == i {
        return None;
    }
    let mut grouped = false;
    if j - i <= 3 {
        while b.get(j) == Some(&b',') {
            let k = digits_end(j + 1);
            if k - (j + 1) != 3 {
                break;
            }
            grouped = true;
            j = k;
        }
    }
    let whole_digits = m.digits;
    if b.get(j) == Some(&b'.') {
        let k = m.read(b, j + 1);
        if k > j + 1 {
            j = k;
        }
    }
    if !grouped && let Some(v) = m.exact(m.digits - whole_digits) {
        return Some((v, j));
    }
    let lit = s.get(i..j)?;
    let value = if grouped {
        Decimal::from_str_exact(&lit.replace(',', ""))
    } else {
        Decimal::from_str_exact(lit)
    };
    value.ok().map(|v| (v, j))
}

/// The digits of a number read so far, as an integer (exact while there are at most 18).
#[derive(Debug, Default)]
struct Mantissa {
    value: i64,
    digits: u32,
}

impl Mantissa {
    /// Read the digits from byte `j` of `b` on; returns where they end.
    fn read(&mut self, b: &[u8], mut j: usize) -> usize {
        while let Some(&d) = b.get(j).filter(|d| d.is_ascii_digit()) {
            // Past 18 digits the value is not used (`exact`), so wrapping is harmless.
            self.value = self
                .value
                .wrapping_mul(10)
                .wrapping_add(i64::from(d - b'0'));
            self.digits += 1;
            j += 1;
        }
        j
    }

    /// `Decimal::from_str_exact` of the digits read, `scale` of them after the point, when they
    /// are at most 18 (`5.00` → 500 at scale 2); `None` for more (the general parser decides).
    fn exact(&self, scale: u32) -> Option<Decimal> {
        (self.digits <= 18).then(|| Decimal::new(self.value, scale))
    }
}

/// An optionally signed number filling all of `t` (already cleaned).
fn whole_number(t: &str) -> Option<Decimal> {
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (v, end) = scan_number(body, 0)?;
    if end != body.len() {
        return None;
    }
    Some(if negative { -v } else { v })
}

/// A cell that is exactly one number: optional sign, thousands separators (`1,091,200.00`, also
/// `，`), surrounding blanks. The printed scale is kept. `12月`, `86%` → `None`.
pub fn parse_number(s: &str) -> Option<Decimal> {
    whole_number(&clean_cow(s))
}

/// [`parse_number`] of a text that [`clean_cow`] borrows (already clean).
pub(crate) fn parse_number_of_clean(s: &str) -> Option<Decimal> {
    whole_number(s)
}

/// An 执行率 cell: `59.7`, `99.3300`, `86%`, `100 %`, `100.00%` → the number in percent units as
/// printed (a printed ratio such as `0.1` stays `0.1`). `5‰` → `0.5`.
pub fn parse_percent(s: &str) -> Option<Decimal> {
    percent_cleaned(&clean_cow(s))
}

/// [`parse_percent`] of a text that [`clean_cow`] borrows (already clean).
pub(crate) fn parse_percent_of_clean(s: &str) -> Option<Decimal> {
    percent_cleaned(s)
}

fn percent_cleaned(t: &str) -> Option<Decimal> {
    if let Some(n) = t.strip_suffix('%') {
        return whole_number(n.trim_end());
    }
    if let Some(n) = t.strip_suffix('‰') {
        return whole_number(n.trim_end())?.checked_div(Decimal::TEN);
    }
    whole_number(t)
}

/// An amount cell that may carry its unit: `4753.66万元` → `(4753.66, Some(WanYuan))`,
/// `5.8万` → `(5.8, Some(WanYuan))`, `620元` → `(620, Some(Yuan))`, `108,000.00` →
/// `(108000.00, None)`. A leading `¥`/`￥` is allowed. `千元` and `亿元`/`亿` are converted to
/// 元 and 万元 respectively (exactly); the OCR misreading `万兀` is read as 万元.
pub fn parse_amount(s: &str) -> Option<(Decimal, Option<AmountUnit>)> {
    amount_cleaned(&clean_cow(s))
}

/// [`parse_amount`] of a text that [`clean_cow`] borrows (already clean).
pub(crate) fn parse_amount_of_clean(s: &str) -> Option<(Decimal, Option<AmountUnit>)> {
    amount_cleaned(s)
}

fn amount_cleaned(t: &str) -> Option<(Decimal, Option<AmountUnit>)> {
    // A digit opens most amounts (`246400.00`): no currency sign or blank to trim then.
    if t.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return amount_after_sign(t);
    }
    amount_after_sign(strip_currency(t))
}

/// A cleaned amount cell without its leading `¥`/`￥` signs and the blanks after them.
fn strip_currency(t: &str) -> &str {
    t.trim_start_matches(['¥', '￥']).trim_start()
}

/// [`amount_cleaned`] of a text that [`strip_currency`] leaves as it is.
fn amount_after_sign(t: &str) -> Option<(Decimal, Option<AmountUnit>)> {
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (v, end) = scan_number(body, 0)?;
    let v = if negative { -v } else { v };
    let unit = body.get(end..)?.trim();
    match unit {
        "" => Some((v, None)),
        "元" => Some((v, Some(AmountUnit::Yuan))),
        "万元" | "万" | "万兀" => Some((v, Some(AmountUnit::WanYuan))),
        "千元" => Some((
            v.checked_mul(Decimal::ONE_THOUSAND)?,
            Some(AmountUnit::Yuan),
        )),
        "亿元" | "亿" => Some((
            v.checked_mul(Decimal::from(10_000))?,
            Some(AmountUnit::WanYuan),
        )),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------------------------

/// Operator spellings that may stand before the number (matched as the end of the prefix text;
/// the longest spelling wins, so `不超过` beats `超过`, `大于等于` beats `等于`).
const PREFIX_OPS: &[(&str, Comparator)] = &[
    ("≥", Comparator::AtLeast),
    (">=", Comparator::AtLeast),
    ("=>", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("不得低于", Comparator::AtLeast),
    ("不得少于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("达到", Comparator::AtLeast),
    ("大于等于", Comparator::AtLeast),
    ("大于或等于", Comparator::AtLeast),
    (">", Comparator::Greater),
    ("大于", Comparator::Greater),
    ("高于", Comparator::Greater),
    ("超过", Comparator::Greater),
    ("多于", Comparator::Greater),
    ("=", Comparator::Equal),
    ("==", Comparator::Equal),
    ("等于", Comparator::Equal),
    ("≤", Comparator::AtMost),
    ("<=", Comparator::AtMost),
    ("=<", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("不得超过", Comparator::AtMost),
    ("不得高于", Comparator::AtMost),
    ("小于等于", Comparator::AtMost),
    ("小于或等于", Comparator::AtMost),
    ("<", Comparator::Less),
    ("小于", Comparator::Less),
    ("低于", Comparator::Less),
    ("少于", Comparator::Less),
];

/// Operator words that follow the number and unit (`80%以上`, `5个工作日内`); checked in order.
const SUFFIX_OPS: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("或以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("及以下", Comparator::AtMost),
    ("或以下", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
    ("内", Comparator::AtMost),
];

/// Words that may precede a number with no operator and are dropped.
const BARE_PREFIXES: &[&str] = &["预计", "大约", "约", "全年"];

/// The operator the prefix text ends with, and its byte length.
fn ends_with_op(pre: &str) -> Option<(Comparator, usize)> {
    // No spelling is empty (most numbers have no prefix at all), and `≥` / `≤` end no
    // spelling but themselves (the common `≥95%`, `≤24.64万元`).
    if pre.is_empty() {
        return None;
    }
    if pre.ends_with('≥') {
        return Some((Comparator::AtLeast, '≥'.len_utf8()));
    }
    if pre.ends_with('≤') {
        return Some((Comparator::AtMost, '≤'.len_utf8()));
    }
    PREFIX_OPS
        .iter()
        .filter(|(w, _)| pre.ends_with(w))
        .max_by_key(|(w, _)| w.len())
        .map(|&(w, c)| (c, w.len()))
}

fn strip_suffix_op(rest: &str) -> (Option<Comparator>, &str) {
    for &(w, c) in SUFFIX_OPS {
        if let Some(r) = rest.strip_suffix(w) {
            return (Some(c), r.trim_end());
        }
    }
    (None, rest)
}

/// +1 for ≥ and >, −1 for ≤ and <, 0 otherwise.
fn direction(c: Comparator) -> i8 {
    match c {
        Comparator::AtLeast | Comparator::Greater => 1,
        Comparator::AtMost | Comparator::Less => -1,
        _ => 0,
    }
}

/// A separate 指标性质 / 计算符号 cell: `≥ ≧ >= 大于等于 不低于 不少于` → AtLeast, `> 大于` →
/// Greater, `= ＝ ﹦ ═ 等于` → Equal, `≤ ≦ <= 小于等于 不高于 不超过` → AtMost, `< 小于` → Less,
/// `定性` → Qualitative, `区间` → Range, `定量` → Implicit, `正向`/`反向` → AtLeast/AtMost.
pub fn parse_comparator(s: &str) -> Option<Comparator> {
    let t: String = clean_text(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = t.trim_end_matches(':');
    let t = t
        .strip_suffix("指标")
        .filter(|r| !r.is_empty())
        .unwrap_or(t);
    Some(match t {
        "≥" | ">=" | "=>" | "大于等于" | "大于或等于" | "不低于" | "不少于" | "不小于" | "至少"
        | "达到" | "以上" | "正向" => Comparator::AtLeast,
        ">" | "大于" | "高于" | "超过" | "多于" => Comparator::Greater,
        "=" | "==" | "等于" => Comparator::Equal,
        "≤" | "<=" | "=<" | "小于等于" | "小于或等于" | "不高于" | "不超过" | "不大于"
        | "不多于" | "以内" | "以下" | "反向" => Comparator::AtMost,
        "<" | "小于" | "低于" | "少于" => Comparator::Less,
        "定性" => Comparator::Qualitative,
        "区间" | "范围" => Comparator::Range,
        "定量" => Comparator::Implicit,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

/// Unit words a number may carry (after an optional multiplier prefix, see [`MULTIPLIERS`]).
const UNIT_BASES: &[&str] = &[
    "个",
    "人",
    "人次",
    "名",
    "位",
    "户",
    "户次",
    "次",
    "项",
    "项次",
    "份",
    "台",
    "套",
    "辆",
    "件",
    "件次",
    "期",
    "场",
    "场次",
    "篇",
    "篇次",
    "条",
    "本",
    "册",
    "家",
    "家次",
    "所",
    "批",
    "批次",
    "座",
    "处",
    "处次",
    "元",
    "天",
    "日",
    "月",
    "年",
    "季度",
    "个季度",
    "学期",
    "小时",
    "个小时",
    "分钟",
    "周",
    "个工作日",
    "工作日",
    "个月",
    "吨",
    "公斤",
    "千克",
    "克",
    "斤",
    "亩",
    "公顷",
    "平方米",
    "平米",
    "㎡",
    "m²",
    "米",
    "公里",
    "千米",
    "km",
    "㎞",
    "kg",
    "立方米",
    "m³",
    "平方公里",
    "分",
    "课时",
    "学时",
    "种",
    "类",
    "间",
    "张",
    "块",
    "棵",
    "株",
    "头",
    "只",
    "部",
    "栋",
    "幢",
    "卷",
    "页",
    "起",
    "宗",
    "例",
    "笔",
    "单",
    "轮",
    "组",
    "队",
    "门",
    "班",
    "架",
    "艘",
    "根",
    "盏",
    "首",
    "集",
    "节",
    "课",
    "封",
    "幅",
    "箱",
    "盒",
    "瓶",
    "支",
    "点",
    "个点",
    "网点",
    "人天",
    "人日",
    "人月",
    "度",
    "千瓦",
    "千瓦时",
    "kW",
    "kWh",
    "个百分点",
    "百分点",
];

/// Multipliers that may prefix a unit word (`万元`, `万人次`, `千克`), or stand alone (`62万`).
const MULTIPLIERS: &[&str] = &["十万", "百万", "千万", "万", "亿", "千", "百"];

/// `UNIT_BASES.contains(&f)`, by one hash lookup instead of ~130 comparisons.
fn is_unit_base(f: &str) -> bool {
    static SET: std::sync::OnceLock<fx::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    // Every base is at most 12 bytes (`个工作日`, `个百分点`): longer text needs no lookup.
    f.len() <= 12
        && SET
            .get_or_init(|| UNIT_BASES.iter().copied().collect())
            .contains(f)
}

fn unit_factor_ok(f: &str, allow_bare_multiplier: bool) -> bool {
    if is_unit_base(f) {
        return true;
    }
    MULTIPLIERS.iter().any(|m| match f.strip_prefix(m) {
        Some("") => allow_bare_multiplier,
        Some(rest) => is_unit_base(rest),
        None => false,
    })
}

const UNIT_JOINERS: [char; 4] = ['*', '·', '×', '・'];

/// Validate and normalise a unit as printed: spaces removed, `百分比` → `%`. Compounds `X/Y`
/// and `X/Y*Z` of known units are accepted (`元/户`, `元/人*月`, `天/期`, `元/人·月`).
fn normalise_unit(u: &str) -> Option<String> {
    // Units are rarely printed with spaces inside: copy only once the unit is accepted.
    let spaced: String;
    let u: &str = if u.chars().any(char::is_whitespace) {
        spaced = u.chars().filter(|c| !c.is_whitespace()).collect();
        &spaced
    } else {
        u
    };
    match u {
        "" => return None,
        "%" | "百分比" => return Some("%".to_owned()),
        "‰" => return Some(u.to_owned()),
        _ => {}
    }
    for (k, part) in u.split('/').enumerate() {
        if part.is_empty() {
            return None;
        }
        for f in part.split(UNIT_JOINERS) {
            if !unit_factor_ok(f, k == 0 && !part.contains(UNIT_JOINERS)) {
                return None;
            }
        }
    }
    Some(u.to_owned())
}

/// A unit reduced to a comparable base: (signature, scale). Synonyms share a base (`人`/`名`,
/// `天`/`日`, `公里`/`千米`); related sizes carry a scale (`万元` = 10000 `元`, `小时` = 60 `分钟`).
/// An empty numerator base means "a bare multiplier" (`万`), which matches any base.
fn unit_scale(u: &str) -> Option<(String, Decimal)> {
    fn base(f: &str) -> Option<(&'static str, Decimal)> {
        let d = Decimal::from;
        Some(match f {
            "人" | "名" | "位" => ("人", d(1)),
            "天" | "日" => ("分钟", d(1440)),
            "小时" | "个小时" => ("分钟", d(60)),
            "分钟" => ("分钟", d(1)),
            "周" => ("分钟", d(10080)),
            "月" | "个月" => ("月", d(1)),
            "季度" | "个季度" => ("月", d(3)),
            "年" => ("月", d(12)),
            "工作日" | "个工作日" => ("工作日", d(1)),
            "克" => ("克", d(1)),
            "公斤" | "千克" | "kg" => ("克", d(1000)),
            "斤" => ("克", d(500)),
            "吨" => ("克", d(1_000_000)),
            "平方米" | "平米" | "㎡" | "m²" => ("平方米", d(1)),
            "公顷" => ("平方米", d(10_000)),
            "平方公里" => ("平方米", d(1_000_000)),
            "米" => ("米", d(1)),
            "公里" | "千米" | "km" | "㎞" => ("米", d(1000)),
            "立方米" | "m³" => ("立方米", d(1)),
            "千瓦时" | "kWh" | "度" => ("千瓦时", d(1)),
            "千瓦" | "kW" => ("千瓦", d(1)),
            "%" | "百分比" => ("%", d(1)),
            "‰" => ("%", Decimal::new(1, 1)),
            "个百分点" | "百分点" => ("百分点", d(1)),
            _ => {
                let b = UNIT_BASES.iter().find(|b| **b == f)?;
                (*b, d(1))
            }
        })
    }
    fn multiplier(m: &str) -> Decimal {
        Decimal::from(match m {
            "十万" => 100_000i64,
            "百万" => 1_000_000,
            "千万" => 10_000_000,
            "万" => 10_000,
            "亿" => 100_000_000,
            "千" => 1000,
            "百" => 100,
            _ => 1,
        })
    }
    fn factor(f: &str) -> Option<(&'static str, Decimal)> {
        if let Some(b) = base(f) {
            return Some(b);
        }
        for m in MULTIPLIERS {
            if let Some(rest) = f.strip_prefix(m) {
                if rest.is_empty() {
                    return Some(("", multiplier(m)));
                }
                if let Some((b, s)) = base(rest) {
                    return Some((b, s.checked_mul(multiplier(m))?));
                }
            }
        }
        None
    }
    let u: String = fold(u).chars().filter(|c| !c.is_whitespace()).collect();
    let mut signature = String::new();
    let mut scale = Decimal::ONE;
    for (k, part) in u.split('/').enumerate() {
        if k > 0 {
            signature.push('/');
        }
        for (j, f) in part.split(UNIT_JOINERS).enumerate() {
            let (b, s) = factor(f)?;
            if j > 0 {
                signature.push('*');
            }
            signature.push_str(b);
            scale = if k == 0 {
                scale.checked_mul(s)?
            } else {
                scale.checked_div(s)?
            };
        }
    }
    Some((signature, scale))
}

/// The factor that converts an actual printed in unit `b` into the target's unit `a`
/// (`actual_in_a = actual × factor`). Same unit, or either side missing/blank → `1`;
/// `a = 元`, `b = 万元` → `10000`; `a = 万元`, `b = 元` → `0.0001`; `人`/`名` → `1`;
/// `小时` vs `天` → `24`; a bare multiplier (`万`) matches any base. Incompatible units, or a
/// factor that is not an exact decimal (`年` into `月` is fine, `月` into `年` is not), → `None`.
///
/// Pairs of different units are remembered per thread (forms repeat a few pairs, `元`/`万元`
/// and the like, and working a pair out builds strings).
pub fn units_compatible(a: Option<&str>, b: Option<&str>) -> Option<Decimal> {
    type Memo = Vec<(String, String, Option<Decimal>)>;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = const { std::cell::RefCell::new(Vec::new()) };
    }
    const KEEP: usize = 64;
    let (Some(x), Some(y)) = (a, b) else {
        return Some(Decimal::ONE);
    };
    if x == y {
        // Two equal units (blank or not) are the same unit.
        return Some(Decimal::ONE);
    }
    if x.len() > 32 || y.len() > 32 {
        return units_compatible_uncached(a, b);
    }
    MEMO.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return units_compatible_uncached(a, b);
        };
        if let Some(&(_, _, f)) = memo.iter().find(|(p, q, _)| p == x && q == y) {
            return f;
        }
        let f = units_compatible_uncached(a, b);
        if memo.len() >= KEEP {
            memo.clear();
        }
        memo.push((x.to_owned(), y.to_owned(), f));
        f
    })
}

/// [`units_compatible`] worked out every time.
pub(crate) fn units_compatible_uncached(a: Option<&str>, b: Option<&str>) -> Option<Decimal> {
    let (Some(a), Some(b)) = (a, b) else {
        return Some(Decimal::ONE);
    };
    if a.trim().is_empty() || b.trim().is_empty() || a.trim() == b.trim() {
        return Some(Decimal::ONE);
    }
    let (sig_a, scale_a) = unit_scale(a)?;
    let (sig_b, scale_b) = unit_scale(b)?;
    let same = sig_a == sig_b
        || (sig_a.is_empty() && !sig_b.contains('/'))
        || (sig_b.is_empty() && !sig_a.contains('/'));
    if !same {
        return None;
    }
    let f = scale_b.checked_div(scale_a)?;
    // Exact only: reject rounded quotients such as 1/12.
    (f.checked_mul(scale_a)? == scale_b).then(|| f.normalize())
}

// ---------------------------------------------------------------------------------------------
// 年度指标值 / 实际完成值
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Target,
    Actual,
}

#[derive(Debug, Clone, PartialEq)]
struct Quant {
    comparator: Comparator,
    value: Decimal,
    upper: Option<Decimal>,
    unit: Option<String>,
}

/// Longest tail (after the last number) that can still be `[unit] [suffix-op]`, in bytes.
const MAX_TAIL: usize = 96;

const RANGE_SEPARATORS: [char; 7] = ['-', '~', '至', '到', '—', '–', '―'];

/// `[unit] sep number` at the start of `tail`: (unit before the separator, upper bound, rest).
fn split_range(tail: &str) -> Option<(&str, Decimal, &str)> {
    let sep = tail.find(RANGE_SEPARATORS)?;
    let unit_lo = tail[..sep].trim();
    let after = tail[sep..]
        .trim_start_matches(RANGE_SEPARATORS)
        .trim_start();
    if !after.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let (hi, end) = scan_number(after, 0)?;
    Some((unit_lo, hi, &after[end..]))
}

fn is_year(v: Decimal) -> bool {
    v.is_integer() && v >= Decimal::from(1900) && v <= Decimal::from(2100)
}

/// Try to read `[prefix] [op] number [unit] [suffix-op]` or `number [unit] sep number [unit]`
/// with the first number starting at byte `p` of `t`.
fn quant_at(t: &str, p: usize, mode: Mode) -> Option<Quant> {
    let (lo, lo_end) = scan_number(t, p)?;
    let tail = t.get(lo_end..)?;
    if tail.len() > MAX_TAIL {
        return None;
    }
    let (upper, unit_lo, rest) = match split_range(tail) {
        Some((u, hi, rest)) if mode == Mode::Target => (Some(hi), u, rest),
        Some(_) => return None,
        None => (None, "", tail),
    };
    let (suffix_op, unit_text) = strip_suffix_op(rest.trim());
    let mut unit = match unit_text.trim() {
        "" => None,
        u => Some(normalise_unit(u)?),
    };
    if upper.is_some() {
        if suffix_op.is_some() {
            return None;
        }
        if !unit_lo.is_empty() {
            let ul = normalise_unit(unit_lo)?;
            match &unit {
                None => unit = Some(ul),
                Some(u) if *u == ul => {}
                Some(_) => return None,
            }
        }
    }

    // Prefix: optional sign, optional operator, and text before it.
    let raw_pre = t.get(..p)?;
    let mut negative = false;
    let mut pre = raw_pre.trim_end();
    if let Some(signless) = raw_pre.strip_suffix(['-', '+']) {
        let signless = signless.trim_end();
        if signless.is_empty() || ends_with_op(signless).is_some() {
            negative = raw_pre.ends_with('-');
            pre = signless;
        }
    }
    let (prefix_op, before) = match ends_with_op(pre) {
        Some((c, len)) => (Some(c), pre[..pre.len() - len].trim_end()),
        None => (None, pre),
    };
    if before.contains(['≥', '≤', '<', '>', '=']) {
        return None;
    }
    if prefix_op.is_none() && suffix_op.is_none() {
        let mut b = before;
        while let Some(r) = BARE_PREFIXES.iter().find_map(|w| b.strip_prefix(w)) {
            b = r.trim_start();
        }
        if !b.is_empty() {
            return None;
        }
    }
    let comparator = match (prefix_op, suffix_op) {
        _ if upper.is_some() => {
            if prefix_op.is_some() {
                return None;
            }
            Comparator::Range
        }
        (Some(a), Some(b)) => {
            if direction(a) != direction(b) {
                return None;
            }
            a
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => Comparator::Implicit,
    };
    let value = if negative { -lo } else { lo };
    if upper.is_some_and(|hi| value > hi) {
        return None;
    }
    // Dates are not quantities: `2022年`, and (as a bare target) `12月`.
    match unit.as_deref() {
        Some("年") if is_year(value) => return None,
        Some("月")
            if mode == Mode::Target
                && comparator == Comparator::Implicit
                && value.is_integer()
                && value >= Decimal::ONE
                && value <= Decimal::from(12) =>
        {
            return None;
        }
        _ => {}
    }
    Some(Quant {
        comparator,
        value,
        upper,
        unit,
    })
}

/// Where a number may start in `t`: an ASCII digit that does not continue a number.
fn number_starts(t: &str) -> impl Iterator<Item = usize> + '_ {
    let b = t.as_bytes();
    (0..b.len()).filter(move |&p| {
        b[p].is_ascii_digit()
            && (p == 0 || !(b[p - 1].is_ascii_digit() || matches!(b[p - 1], b'.' | b',')))
    })
}

/// The first reading of a cleaned cell as a quantity.
fn parse_quant(t: &str, mode: Mode) -> Option<Quant> {
    // A text without a digit reads as no quantity: told by the scan, cheaper than a lookup.
    number_starts(t).next()?;
    // Targets and actuals repeat from row to row and form to form (`≥95%`, `100%`), and reading
    // one takes several scans of it: remember the answers per thread (the answer depends on
    // the text and the mode alone).
    if t.len() > QUANTS_KEY_MAX {
        return quant_of(t, mode);
    }
    thread_local! {
        static QUANTS: std::cell::RefCell<[fx::FxHashMap<Box<str>, Option<Quant>>; 2]> =
            std::cell::RefCell::default();
    }
    QUANTS
        .try_with(|memo| {
            let mut memo = memo.try_borrow_mut().ok()?;
            let map = &mut memo[mode as usize];
            if let Some(q) = map.get(t) {
                return Some(q.clone());
            }
            let q = quant_of(t, mode);
            if map.len() >= QUANTS_MAX {
                map.clear();
            }
            map.insert(t.into(), q.clone());
            Some(q)
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| quant_of(t, mode))
}

/// Longest text whose quantity [`parse_quant`] remembers, in bytes.
const QUANTS_KEY_MAX: usize = 64;

/// Texts remembered per mode and thread by [`parse_quant`] before the memo is forgotten at once.
const QUANTS_MAX: usize = 4096;

/// [`parse_quant`] computed: the first place a number starts that reads as a quantity.
fn quant_of(t: &str, mode: Mode) -> Option<Quant> {
    number_starts(t).find_map(|p| quant_at(t, p, mode))
}

/// Parse a combined 年度指标值 cell (`shared/spec/domain.md` §B.4):
/// `[prefix] op number [unit] [以上|以下|以内]`, a bare `number [unit]` (→ `Implicit`), or
/// `L-U` / `L~U` / `L至U` (→ `Range`); anything else is `Qualitative` (`12月底前`, `优`,
/// `≥3次/80%`, `每月各1次`, `2022年底`). A prefix is dropped only before an explicit operator
/// (`总成本不超过510.82万元`, `预计≥1.5万件`) or when it is `预计`/`约`/`全年`. Percent targets
/// keep the percent number (`≥98%` → 98, unit `%`). `text` is [`clean_text`] of the cell.
pub fn parse_target(text: &str, at: Pos) -> Target {
    target_of_cleaned(clean_text(text), at)
}

/// [`parse_target`] of a text that [`clean_cow`] borrows (already clean).
pub(crate) fn parse_target_of_clean(text: &str, at: Pos) -> Target {
    target_of_cleaned(text.to_owned(), at)
}

fn target_of_cleaned(text: String, at: Pos) -> Target {
    match parse_quant(&text, Mode::Target) {
        Some(q) => Target {
            text,
            comparator: q.comparator,
            value: Some(q.value),
            upper: q.upper,
            unit: q.unit,
            at,
        },
        None => Target {
            text,
            comparator: Comparator::Qualitative,
            value: None,
            upper: None,
            unit: None,
            at,
        },
    }
}

/// Parse a 实际完成值 cell: `value` only when the cell is one number with an optional operator
/// and a known unit (`85%`, `7名`, `1.78万件`, `≥266米`, `0`); text, several numbers, ranges
/// and years (`2022年`) give `None`.
pub fn parse_actual(text: &str, at: Pos) -> Actual {
    actual_of_cleaned(clean_text(text), at)
}

/// [`parse_actual`] of a text that [`clean_cow`] borrows (already clean).
pub(crate) fn parse_actual_of_clean(text: &str, at: Pos) -> Actual {
    actual_of_cleaned(text.to_owned(), at)
}

fn actual_of_cleaned(text: String, at: Pos) -> Actual {
    let q = parse_quant(&text, Mode::Actual);
    Actual {
        text,
        value: q.as_ref().map(|q| q.value),
        unit: q.and_then(|q| q.unit),
        at,
    }
}

// ---------------------------------------------------------------------------------------------
// Indicator categories
// ---------------------------------------------------------------------------------------------

/// The first character of `canonical_label(s)` when it is surely the first character of `s`:
/// a CJK ideograph or an ASCII letter or digit, which cleaning never drops, folds or strips.
fn stable_first_char(s: &str) -> Option<char> {
    let c = s.chars().next()?;
    (c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c)).then_some(c)
}

/// A level-1 label and the weight printed in it: `产出(50分)`, `产出指标 (50)`, `效益指标30分)`,
/// `满意度指标`, `成本指标(20分)`. Extra text after the weight → `None`.
pub fn level1_of(label: &str) -> Option<(Level1, Option<Decimal>)> {
    // The reader asks this of the same label several times per indicator row, and rows of a
    // group repeat it: remember the last answer.
    thread_local! {
        static LAST: LastAnswer<Option<(Level1, Option<Decimal>)>> = const { LastAnswer::new(None) };
    }
    LAST.with(|last| last.get(label, level1_of_uncached))
}

/// The last label a function was asked about and its answer, per thread (parallel readers do
/// not share it): consecutive indicator rows repeat their 一级/二级 labels.
struct LastAnswer<T> {
    last: std::cell::RefCell<(String, T)>,
}

impl<T: Copy> LastAnswer<T> {
    const fn new(init: T) -> Self {
        LastAnswer {
            last: std::cell::RefCell::new((String::new(), init)),
        }
    }

    /// `f(label)`, computed again only when `label` differs from the last one. Empty labels
    /// (the initial key) and long ones are never remembered.
    fn get(&self, label: &str, f: fn(&str) -> T) -> T {
        if label.is_empty() || label.len() > 64 {
            return f(label);
        }
        let Ok(mut last) = self.last.try_borrow_mut() else {
            return f(label);
        };
        if last.0 != label {
            last.1 = f(label);
            last.0.clear();
            last.0.push_str(label);
        }
        last.1
    }
}

fn level1_of_uncached(label: &str) -> Option<(Level1, Option<Decimal>)> {
    const WORDS: &[(&str, Level1)] = &[
        ("项目产出", Level1::Output),
        ("产出", Level1::Output),
        ("產出", Level1::Output),
        ("项目效益", Level1::Outcome),
        ("效益", Level1::Outcome),
        ("满意度", Level1::Satisfaction),
        ("滿意度", Level1::Satisfaction),
        ("成本", Level1::Cost),
    ];
    // Most cells are no category label: rule them out by their first character, unchanged by
    // canonicalisation, before canonicalising.
    if stable_first_char(label).is_some_and(|c| !"项产產效满滿成".contains(c)) {
        return None;
    }
    let l = canonical_label_cow(label);
    let (cat, rest) = WORDS
        .iter()
        .find_map(|&(w, c)| l.strip_prefix(w).map(|r| (c, r)))?;
    let rest = rest
        .strip_prefix("指标")
        .or_else(|| rest.strip_prefix("指標"))
        .unwrap_or(rest);
    if rest.is_empty() {
        return Some((cat, None));
    }
    let w = rest.strip_prefix('(').unwrap_or(rest);
    let w = w.strip_suffix(')').unwrap_or(w);
    let w = w.strip_suffix('分').unwrap_or(w);
    let weight = whole_number(w)?;
    Some((cat, Some(weight)))
}

/// The normalised id of a level-2 label (with or without `指标`, with or without a weight):
/// 数量/质量/时效/成本 → `quantity`/`quality`/`timeliness`/`cost`; 经济效益/社会效益/生态效益/
/// 可持续影响 → `economic`/`social`/`ecological`/`sustainability`; 服务对象满意度 (also a bare
/// 满意度) → `beneficiary_satisfaction`; 其他满意度 → `other_satisfaction`; 经济成本/社会成本/
/// 生态环境成本 → `economic_cost`/`social_cost`/`ecological_cost`.
pub fn level2_category(label: &str) -> Option<&'static str> {
    // Most labels are printed as a name of the list (`数量`, `社会效益指标`): ideographs only,
    // which are their own key, with no bracket and no printed weight: no cleaning, no memo.
    if only_ideographs(label) {
        return level2_of_stem(label);
    }
    thread_local! {
        static LAST: LastAnswer<Option<&'static str>> = const { LastAnswer::new(None) };
    }
    LAST.with(|last| last.get(label, level2_category_uncached))
}

fn level2_category_uncached(label: &str) -> Option<&'static str> {
    if stable_first_char(label).is_some_and(|c| !"产数质时成经社生可服满其环".contains(c))
    {
        return None;
    }
    let key = canonical_label_cow(label);
    let mut l: &str = &key;
    if l.ends_with(')')
        && let Some(i) = l.find('(')
    {
        l = &l[..i];
    }
    // `数量指标15分`: a weight printed without brackets.
    if let Some(body) = l.strip_suffix('分') {
        let stem = body.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
        if stem.len() < body.len() {
            l = stem;
        }
    }
    level2_of_stem(l)
}

/// Whether `s` is CJK ideographs U+4E00–U+9FFF only (which [`canonical_label_cow`] keeps as
/// they are: cleaning never folds them, and there is no space or mark to drop).
fn only_ideographs(s: &str) -> bool {
    s.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// [`level2_category`] of a label key without its bracket and printed weight: `指标` and a
/// leading `产出` dropped, then the name looked up.
fn level2_of_stem(l: &str) -> Option<&'static str> {
    let l = l.strip_suffix("指标").unwrap_or(l);
    let l = l
        .strip_prefix("产出")
        .filter(|r| !r.is_empty())
        .unwrap_or(l);
    Some(match l {
        "数量" => "quantity",
        "质量" => "quality",
        "时效" => "timeliness",
        "成本" => "cost",
        "经济效益" => "economic",
        "社会效益" => "social",
        "生态效益" => "ecological",
        "可持续影响" | "可持续发展影响" => "sustainability",
        "服务对象满意度" | "满意度" => "beneficiary_satisfaction",
        "其他满意度" => "other_satisfaction",
        "经济成本" => "economic_cost",
        "社会成本" => "social_cost",
        "生态环境成本" | "生态成本" | "环境成本" => "ecological_cost",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Mirror-site and page damage: Traditional characters, pinyin annotations, page markers
// ---------------------------------------------------------------------------------------------

pub(crate) mod fx;
mod t2s;

/// The Simplified form of one Traditional character (OpenCC `TSCharacters`), or the character
/// itself. `著`, `乾`, `於` and other characters that are also current Simplified words keep their
/// Simplified reading only where the table says so; apply this to texts that
/// [`looks_traditional`], not to every text.
pub fn simplified_char(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    match t2s::T2S.binary_search_by(|(t, _)| t.cmp(&c)) {
        Ok(i) => t2s::T2S[i].1,
        Err(_) => c,
    }
}

/// Traditional → Simplified, character by character (`績效指標` → `绩效指标`). Lines, columns
/// and every non-Traditional character are kept, so source positions do not move.
pub fn to_simplified(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| simplified_char(c) != c) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(simplified_char).collect())
}

/// A text mostly in Traditional characters (a mirror site's conversion): at least 3 characters
/// with a different Simplified form, and at least 8% of its CJK ideographs.
pub fn looks_traditional(s: &str) -> bool {
    let (mut cjk, mut trad) = (0usize, 0usize);
    for c in s.chars() {
        if ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c) {
            cjk += 1;
            if simplified_char(c) != c {
                trad += 1;
            }
        }
    }
    trad >= 3 && trad * 100 >= cjk * 8
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê".contains(c)
}

fn has_tone_mark(s: &str) -> bool {
    s.chars()
        .any(|c| !c.is_ascii() && "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c))
}

/// Remove pinyin annotations a mirror site puts after characters: `項(xiàng)目` → `項目`,
/// `績效指標(biāo)` → `績效指標`. An annotation is 1–7 pinyin letters in brackets (ASCII or
/// full-width), with at least one tone mark, right after a CJK character; `(万元)`, `(A)`, `(m)`
/// are left alone.
pub fn strip_pinyin(s: &str) -> Cow<'_, str> {
    if !s.contains(['(', '（']) || !s.chars().any(|c| !c.is_ascii() && is_pinyin_letter(c)) {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '(' | '（') && i > 0 && is_cjk(chars[i - 1]) {
            let close = chars[i + 1..]
                .iter()
                .take(9)
                .position(|&d| matches!(d, ')' | '）'));
            if let Some(len) = close {
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                if (1..=7).contains(&len)
                    && inner.chars().all(is_pinyin_letter)
                    && has_tone_mark(&inner)
                {
                    i += len + 2;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    Cow::Owned(out)
}

/// A line (or cell) that is only a page marker: `-1-`, `- 12 -`, `— 1 —`, `－2－`, `第1页`,
/// `第 2 页 共 5 页`, `第1页/共3页`. A bare number is not a marker.
pub fn is_page_marker(s: &str) -> bool {
    let t: String = clean_text(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 4 {
            return false;
        }
        let tail = &rest[digits..];
        let Some(tail) = tail.strip_prefix('页') else {
            return false;
        };
        let tail = tail.trim_start_matches(['/', ',', '，']);
        if tail.is_empty() {
            return true;
        }
        let Some(total) = tail.strip_prefix('共').and_then(|r| r.strip_suffix('页')) else {
            return false;
        };
        return !total.is_empty() && total.len() <= 4 && total.chars().all(|c| c.is_ascii_digit());
    }
    let first = t.chars().next().unwrap_or(' ');
    let last = t.chars().next_back().unwrap_or(' ');
    if !is_dash(first) || !is_dash(last) {
        return false;
    }
    let inner = t.trim_matches(is_dash);
    !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// The key of a clean text as the reader takes it, with the space its scan would find.
    fn of_clean(s: &str) -> Cow<'_, str> {
        let spaced = clean_spaced(s).unwrap_or_else(|| panic!("not clean: {s:?}"));
        canonical_label_of_scanned(s, spaced)
    }

    #[test]
    fn squeezing_a_scanned_clean_text_is_squeezing_it() {
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        let texts = [
            "离退休干部管理和服 务",
            "产出 (50分)",
            "2022 年 8 月",
            "Windows 10",
            "共11 人",
            "95%",
            "产出指标",
            "a b",
            "",
        ];
        let mut spaced = 0;
        for t in texts
            .into_iter()
            .chain(seed.lines().flat_map(|l| l.split('\t')))
        {
            let c = clean_text(t);
            // Cleaned text is mostly clean itself; the reader marks only what is.
            let Some(has_space) = clean_spaced(&c) else {
                continue;
            };
            assert_eq!(has_space, c.contains(' '), "{c:?}");
            spaced += usize::from(has_space);
            assert_eq!(squeeze_of_scanned(&c, has_space), squeeze(&c), "{c:?}");
        }
        assert!(spaced >= 5);
    }

    #[test]
    fn quantities_are_remembered_without_changing_answers() {
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        let tricky = [
            "≥95%",
            "100%",
            "95%",
            "≥21场",
            "≤24.64万元",
            "12月",
            "2022年",
            "1-2次",
            "3~5天",
            "不低于90%",
            "预计≥1.5万件",
            "总成本不超过510.82万元",
            "约50人",
            "≥3次/80%",
            "0",
            "-5",
            "5.00",
            "1,091,200.00",
            "0起",
            "无",
            "",
            "达成预期指标",
            "2022年底前",
            "≥ 3 次",
            "100 %",
            "10元/人*月",
            "5‰",
            "4000人",
            "12",
            "98%以上",
        ];
        let cells: Vec<String> = seed
            .lines()
            .flat_map(|l| l.split('\t'))
            .map(clean_text)
            .chain(tricky.iter().map(|t| t.to_string()))
            .collect();
        // More distinct texts than the memo keeps, so that it is forgotten on the way.
        let many: Vec<String> = (0..5000).map(|i| format!("≥{i}次")).collect();
        let mut read = 0;
        for round in 0..3 {
            for t in cells
                .iter()
                .chain(many.iter().step_by(round + 1))
                .chain(cells.iter())
            {
                for mode in [Mode::Target, Mode::Actual] {
                    let q = parse_quant(t, mode);
                    assert_eq!(q, quant_of(t, mode), "{t:?} {mode:?} round {round}");
                    read += usize::from(q.is_some());
                }
            }
        }
        assert!(read > 1000);
    }

    fn at() -> Pos {
        Pos::new(1, 1)
    }

    /// (comparator, value, upper, unit) of a target cell.
    fn t(s: &str) -> (Comparator, Option<Decimal>, Option<Decimal>, Option<String>) {
        let r = parse_target(s, at());
        (r.comparator, r.value, r.upper, r.unit)
    }

    fn q(
        c: Comparator,
        v: Decimal,
        unit: Option<&str>,
    ) -> (Comparator, Option<Decimal>, Option<Decimal>, Option<String>) {
        (c, Some(v), None, unit.map(str::to_owned))
    }

    fn qual() -> (Comparator, Option<Decimal>, Option<Decimal>, Option<String>) {
        (Comparator::Qualitative, None, None, None)
    }

    fn a(s: &str) -> (Option<Decimal>, Option<String>) {
        let r = parse_actual(s, at());
        (r.value, r.unit)
    }

    /// `normalise_unit` before the unit set and the copy on acceptance (the reference).
    fn normalise_unit_reference(u: &str) -> Option<String> {
        fn ok(f: &str, bare: bool) -> bool {
            if UNIT_BASES.contains(&f) {
                return true;
            }
            MULTIPLIERS.iter().any(|m| match f.strip_prefix(m) {
                Some("") => bare,
                Some(rest) => UNIT_BASES.contains(&rest),
                None => false,
            })
        }
        let u: String = u.chars().filter(|c| !c.is_whitespace()).collect();
        match u.as_str() {
            "" => return None,
            "%" | "百分比" => return Some("%".to_owned()),
            "‰" => return Some(u),
            _ => {}
        }
        for (k, part) in u.split('/').enumerate() {
            if part.is_empty() {
                return None;
            }
            for f in part.split(UNIT_JOINERS) {
                if !ok(f, k == 0 && !part.contains(UNIT_JOINERS)) {
                    return None;
                }
            }
        }
        Some(u)
    }

    #[test]
    fn byte_classes_tell_clean_text_as_before() {
        // `is_clean` as first written, one test per byte.
        fn reference(s: &str) -> bool {
            let b = s.as_bytes();
            let mut prev_space = true;
            let mut i = 0;
            while i < b.len() {
                let x = b[i];
                if x < 0x80 {
                    if (0x21..0x7F).contains(&x) && x != b'<' && x != b'&' {
                        prev_space = false;
                    } else if x == b' ' && !prev_space {
                        prev_space = true;
                    } else {
                        return false;
                    }
                    i += 1;
                    continue;
                }
                if (0xE5..=0xE9).contains(&x)
                    || (x == 0xE4 && b.get(i + 1).is_some_and(|&y| y >= 0xB8))
                {
                    prev_space = false;
                    i += 3;
                    continue;
                }
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    return false;
                };
                i += c.len_utf8();
                if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                    prev_space = false;
                    continue;
                }
                if c.is_control() || fold_char(c) != Some(c) || c.is_whitespace() {
                    return false;
                }
                prev_space = false;
            }
            !prev_space || s.is_empty()
        }
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        let mut texts: Vec<String> = seed
            .lines()
            .flat_map(|l| l.split('\t'))
            .map(String::from)
            .collect();
        for c in (0u32..0x3_0000).step_by(7).filter_map(char::from_u32) {
            texts.push(format!("{c}"));
            texts.push(format!("a{c}b"));
            texts.push(format!("一 {c} 丁"));
        }
        for t in [
            "",
            " ",
            "a ",
            " a",
            "a  b",
            "a b",
            "<b>",
            "&amp;",
            "x\ty",
            "中\u{3000}文",
            "\u{4DFF}\u{4E00}",
        ] {
            texts.push(t.to_owned());
        }
        for t in &texts {
            assert_eq!(is_clean(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn cleaning_by_runs_is_cleaning_by_characters() {
        // The clean-up as first written: one character at a time.
        fn reference(s: &str) -> String {
            let untagged = if s.contains('<') {
                strip_tags(s)
            } else {
                Cow::Borrowed(s)
            };
            let decoded = if untagged.contains('&') {
                Cow::Owned(decode_entities(&untagged))
            } else {
                untagged
            };
            let mut out = String::new();
            let mut pending_space = false;
            for c in decoded.chars() {
                let Some(f) = fold_char(c) else { continue };
                if f.is_whitespace() || f.is_control() {
                    pending_space = true;
                    continue;
                }
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(f);
            }
            out
        }
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        let mut texts: Vec<String> = seed
            .lines()
            .flat_map(|l| l.split('\t'))
            .map(String::from)
            .collect();
        texts.push(seed.to_owned());
        for t in [
            "目标1：组织专题培训场次≥21场；",
            "  前后  ",
            "项目资金（元）",
            "a\u{3000}b\u{00A0}c",
            "x\u{200B}y",
            "一丁七",
            "\u{4E00}\u{4DFF}\u{9FFF}\u{A000}",
            "<b>加粗</b>&amp;",
            "\t\n\r",
            "ｘ１２３４５",
            "全角　空格",
            "emoji 😀 ok",
            "﹦≧≦﹤﹥﹣",
            // `<` and `&` that stay text, amid ideographs of both lead bytes.
            "&lt;5%丁 a&b x<y 丏&#38;中",
            // `&` only inside a tag, `&` before `<`, `<` only folded from full width.
            "<span title=\"a&b\">甲</span>乙",
            "a&b<x 丙",
            "＜１０％ ＆",
            // Punctuation kept and folded by its bytes, next to that decoded.
            "“引号”—破折号、顿号。≥≤（全角）＜＆ｘ～！＿｀〜\u{3000}末",
            "",
        ] {
            texts.push(t.to_owned());
        }
        let mut buffer = String::from("the last row's cell");
        for t in &texts {
            assert_eq!(clean_slow(t), reference(t), "{t:?}");
            let spaced = clean_slow_into(t, &mut buffer);
            assert_eq!(buffer, reference(t), "{t:?}");
            assert_eq!(spaced, clean_spaced(&buffer), "{t:?}");
        }
    }

    #[test]
    fn punctuation_told_by_its_bytes_is_what_folding_says() {
        let mut kept = 0;
        for c in ('\u{80}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            if is_kept_punctuation(Some(b)) {
                kept += 1;
                let keeps = fold_char(c) == Some(c) && !c.is_whitespace() && !c.is_control();
                assert!(keeps, "{c:?}");
            }
            match full_width_ascii(b, 0) {
                Some(a) => assert_eq!(fold_char(c), Some(a), "{c:?}"),
                None => assert!(!('\u{FF01}'..='\u{FF5E}').contains(&c), "{c:?}"),
            }
        }
        assert_eq!(kept, 7);
    }

    #[test]
    fn operators_at_the_end_of_a_prefix_are_the_longest_spelling() {
        fn reference(pre: &str) -> Option<(Comparator, usize)> {
            PREFIX_OPS
                .iter()
                .filter(|(w, _)| pre.ends_with(w))
                .max_by_key(|(w, _)| w.len())
                .map(|&(w, c)| (c, w.len()))
        }
        let mut pres = vec![String::new(), "总成本".into(), "≥≤".into(), "≤≥".into()];
        for (w, _) in PREFIX_OPS {
            for before in ["", "总成本", "不", "大于", "=", "<", ">", "≥", "≤", "得"] {
                pres.push(format!("{before}{w}"));
                pres.push(format!("{w}{before}"));
            }
        }
        for p in &pres {
            assert_eq!(ends_with_op(p), reference(p), "{p:?}");
        }
    }

    #[test]
    fn scanned_numbers_are_the_general_parser_s() {
        let mut lits: Vec<String> = [
            "0",
            "00",
            "007",
            "0.00",
            "5.00",
            "100",
            "95",
            "99.96",
            "236593.28",
            "0.5",
            "12.",
            ".5",
            "1.2.3",
            "",
            ".",
            "999999999999999999",
            "1000000000000000000",
            "123456789012345678.9",
            "1.234567890123456789",
            "0.000000000000000001",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for i in 0..2000u64 {
            let x = i.wrapping_mul(2_654_435_761) % 100_000_000;
            lits.push(x.to_string());
            lits.push(format!("{}.{:02}", x / 100, x % 100));
            lits.push(format!("{}.{}", x % 1000, x));
        }
        for l in lits.clone() {
            // After a prefix, before a unit, in groups.
            lits.push(format!("≥{l}万元"));
            lits.push(format!("{l},000.5"));
            lits.push(format!("1,{l}"));
        }
        let mut fast = 0;
        for l in &lits {
            let want = scan_number_general(l, 0);
            let got = scan_number(l, 0);
            assert_eq!(
                got.map(|(v, end)| (v.mantissa(), v.scale(), end)),
                want.map(|(v, end)| (v.mantissa(), v.scale(), end)),
                "{l:?}"
            );
            fast += usize::from(got.is_some_and(|(v, _)| v.mantissa().unsigned_abs() < 1 << 60));
        }
        assert!(fast > 1000);
    }

    /// [`scan_number`] as it was before the mantissa was read on the way: every number through
    /// the general parser.
    fn scan_number_general(s: &str, i: usize) -> Option<(Decimal, usize)> {
        let b = s.as_bytes();
        let digits_end = |mut j: usize| {
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            j
        };
        let mut j = digits_end(i);
        if j == i {
            return None;
        }
        if j - i <= 3 {
            while b.get(j) == Some(&b',') {
                let k = digits_end(j + 1);
                if k - (j + 1) != 3 {
                    break;
                }
                j = k;
            }
        }
        if b.get(j) == Some(&b'.') {
            let k = digits_end(j + 1);
            if k > j + 1 {
                j = k;
            }
        }
        // Only thousands groups put a `,` in the number.
        let lit = s.get(i..j)?;
        Decimal::from_str_exact(&lit.replace(',', ""))
            .ok()
            .map(|v| (v, j))
    }

    #[test]
    fn keys_of_clean_cells_are_the_general_keys() {
        let texts = [
            "效益 (30分)",
            "执行率 (%)",
            "* 实际完成 值",
            "*实际完成值:",
            "★ 年初预算数",
            "项目 名称:",
            "Windows 10 系统",
            "产出指标 (50分)",
            "a b c",
            "服 务 对 象 满 意 度",
            "※ 备注 :",
            "2022 年 8 月",
            " 前导",
            "尾随 ",
            "两  空格",
        ];
        // The key as it was first written: squeeze, then drop every blank.
        fn reference(s: &str) -> String {
            let sq = squeeze_cow(s);
            let no_ws: String = sq.chars().filter(|c| !c.is_whitespace()).collect();
            no_ws
                .trim_start_matches(['*', '★', '☆', '※'])
                .trim_end_matches(':')
                .to_owned()
        }
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        let cells: Vec<&str> = seed.lines().flat_map(|l| l.split('\t')).collect();
        assert!(cells.len() > 200);
        for t in texts.iter().copied().chain(cells.iter().copied()) {
            assert_eq!(canonical_label_cow(t), reference(t), "{t:?}");
            let c = clean_text(t);
            if is_clean(&c) {
                assert_eq!(of_clean(&c), reference(&c), "{c:?}");
            }
        }
        let mut n = 0;
        for t in texts {
            if is_clean(t) {
                n += 1;
                assert_eq!(of_clean(t), canonical_label_cow(t), "{t:?}");
            }
        }
        assert!(n >= 10, "{n}");
    }

    #[test]
    fn units_normalise_like_the_reference() {
        let mut units: Vec<String> = vec![
            "".into(),
            " ".into(),
            "%".into(),
            " % ".into(),
            "百分比".into(),
            "‰".into(),
            "万".into(),
            "万/人".into(),
            "元/人*月".into(),
            "元/人·月".into(),
            "天/期".into(),
            "个 工作日".into(),
            "/".into(),
            "元/".into(),
            "*".into(),
            "元**人".into(),
            "十万元".into(),
            "万万元".into(),
            "个工作日以内".into(),
            "人次 ".into(),
        ];
        for b in UNIT_BASES {
            units.push((*b).to_owned());
            units.push(format!("{b}x"));
            units.push(format!("x{b}"));
            units.push(format!("元/{b}"));
            units.push(format!("{b}/{b}*{b}"));
            for m in MULTIPLIERS {
                units.push(format!("{m}{b}"));
                units.push(format!("{m} {b}"));
                units.push(format!("{b}/{m}"));
                units.push((*m).to_owned());
            }
        }
        for u in &units {
            assert_eq!(normalise_unit(u), normalise_unit_reference(u), "{u:?}");
        }
    }

    #[test]
    fn level_answers_are_remembered_per_label_not_reused_across_labels() {
        // Alternate labels so every call misses the one-entry memo, then repeat one.
        for _ in 0..2 {
            assert_eq!(
                level1_of("产出指标(50分)"),
                Some((Level1::Output, Some(50.into())))
            );
            assert_eq!(
                level1_of("效益 (30分)"),
                Some((Level1::Outcome, Some(30.into())))
            );
            assert_eq!(level1_of("数量"), None);
            assert_eq!(level1_of(""), None);
            assert_eq!(
                level1_of("* 满意度指标"),
                Some((Level1::Satisfaction, None))
            );
            assert_eq!(level2_category("数量"), Some("quantity"));
            assert_eq!(level2_category("数量"), Some("quantity"));
            assert_eq!(level2_category("产出指标"), None);
            assert_eq!(level2_category("社会效益指标(10分)"), Some("social"));
            assert_eq!(level2_category("数量指标15分"), Some("quantity"));
            assert_eq!(level2_category("质量指标 12 分"), Some("quality"));
            assert_eq!(level2_category("95%"), None);
        }
    }

    #[test]
    fn traditional_to_simplified() {
        assert_eq!(to_simplified("績效指標"), "绩效指标");
        assert_eq!(to_simplified("項目資金(萬元)"), "项目资金(万元)");
        assert_eq!(to_simplified("年度资金总额 7.29"), "年度资金总额 7.29");
        assert!(matches!(to_simplified("abc 项目"), Cow::Borrowed(_)));
        assert!(looks_traditional("2020年度項目支出績效自評表 預算數"));
        assert!(!looks_traditional("2020年度项目支出绩效自评表"));
        assert!(!looks_traditional("顯著"));
    }

    #[test]
    fn pinyin_annotations() {
        assert_eq!(strip_pinyin("項(xiàng)目"), "項目");
        assert_eq!(strip_pinyin("績效指標(biāo)"), "績效指標");
        assert_eq!(strip_pinyin("預(yù)算數(shù)"), "預算數");
        assert_eq!(strip_pinyin("项目资金(万元)"), "项目资金(万元)");
        assert_eq!(strip_pinyin("执行数(B)"), "执行数(B)");
        assert_eq!(strip_pinyin("长度(m)"), "长度(m)");
        assert_eq!(strip_pinyin("a(xiàng)"), "a(xiàng)");
        assert_eq!(strip_pinyin("項（xiàng）目"), "項目");
    }

    #[test]
    fn page_markers() {
        for s in [
            "-1-",
            "- 12 -",
            "— 1 —",
            "－2－",
            "第1页",
            "第 2 页 共 5 页",
            "第1页/共3页",
            " -3- ",
        ] {
            assert!(is_page_marker(s), "{s:?}");
        }
        for s in [
            "1",
            "-",
            "—",
            "-1",
            "第一页",
            "1-2",
            "10-20",
            "第1页共",
            "—无—",
            "",
        ] {
            assert!(!is_page_marker(s), "{s:?}");
        }
    }

    #[test]
    fn fold_examples() {
        assert_eq!(fold("（１２３．５）：，；！？"), "(123.5):,;!?");
        assert_eq!(fold("a\u{3000}b\u{00A0}c"), "a b c");
        assert_eq!(fold("﹦═＝≧≦＞＜"), "===≥≤><");
        assert_eq!(fold("。、“”—①㎡"), "。、“”—①㎡");
        assert_eq!(fold("～"), "~");
        assert_eq!(fold("ab\u{200B}c"), "abc");
    }

    #[test]
    fn clean_text_examples() {
        assert_eq!(clean_text("<p>完成</p>"), "完成");
        assert_eq!(clean_text("第一行<br/>第二行"), "第一行 第二行");
        assert_eq!(
            clean_text("<p style=\"x\">a&nbsp;&amp;&lt;b&gt;&quot;&#20320;&#x597D;</p>"),
            "a &<b>\"你好"
        );
        assert_eq!(clean_text("  a \t\n  b  "), "a b");
        assert_eq!(clean_text("<5%"), "<5%");
        assert_eq!(clean_text("x<y and z>w"), "x<y and z>w");
        assert_eq!(clean_text("a<!-- c -->b"), "ab");
        assert_eq!(clean_text("&foo; & &#0;"), "&foo; & &#0;");
        assert_eq!(clean_text("<=43万"), "<=43万");
    }

    #[test]
    fn squeeze_examples() {
        assert_eq!(squeeze("离退休干部管理和服 务"), "离退休干部管理和服务");
        assert_eq!(squeeze("绩效自评年 度:"), "绩效自评年度:");
        assert_eq!(squeeze("产出 (50分)"), "产出(50分)");
        assert_eq!(squeeze("执行率 (%)"), "执行率(%)");
        assert_eq!(squeeze("执行率 （%）"), "执行率(%)");
        assert_eq!(
            squeeze("推进、指导、协调、 监督罗湖区的政府信 息公开工作。"),
            "推进、指导、协调、监督罗湖区的政府信息公开工作。"
        );
        assert_eq!(squeeze("Windows 10"), "Windows 10");
        assert_eq!(squeeze("升级 Windows 10 系统"), "升级 Windows 10 系统");
        assert_eq!(squeeze("2022 年 8 月 10 日"), "2022年8月10日");
        assert_eq!(squeeze("绩 效 指 标"), "绩效指标");
        assert_eq!(squeeze("效益 (30分)"), "效益(30分)");
        assert_eq!(squeeze("人数 11 11"), "人数 11 11");
    }

    #[test]
    fn squeeze_matches_the_char_vector_version() {
        // The earlier implementation, on a vector of characters.
        fn by_chars(s: &str) -> String {
            fn stray(l: char, r: char, before: &str, after: &[char]) -> bool {
                let (lc, rc) = (is_cjk(l), is_cjk(r));
                if (lc && (rc || is_glue(r))) || (is_glue(l) && rc) {
                    return true;
                }
                if lc && r.is_ascii_digit() {
                    let n = after.iter().take_while(|c| is_numchar(**c)).count();
                    match after.get(n) {
                        Some(&c) if is_cjk(c) => return true,
                        Some(' ') if after.get(n + 1).is_some_and(|c| is_cjk(*c)) => return true,
                        _ => {}
                    }
                }
                if (l.is_ascii_digit() || l == '%') && rc {
                    match before.chars().rev().find(|c| !is_numchar(*c)) {
                        None => return true,
                        Some(c) if is_cjk(c) || is_glue(c) => return true,
                        _ => {}
                    }
                }
                false
            }
            let clean = clean_text(s);
            let chars: Vec<char> = clean.chars().collect();
            let mut out = String::new();
            for (i, &c) in chars.iter().enumerate() {
                if c == ' ' {
                    let after = chars.get(i + 1..).unwrap_or(&[]);
                    if let (Some(l), Some(&r)) = (out.chars().next_back(), after.first())
                        && stray(l, r, &out, after)
                    {
                        continue;
                    }
                }
                out.push(c);
            }
            out
        }
        let pieces = [
            "年", "月", " ", "2022", "8", "5.5", "%", "(", ")", "（", "）", "Windows", "服", "务",
            "，", "、", "分", "a",
        ];
        let mut n = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in [" ", "年", "1", "%"] {
                        for t in [format!("{a}{b}{c}{d}"), format!("{a} {b} {c} {d}")] {
                            assert_eq!(squeeze(&t), by_chars(&t), "{t:?}");
                            n += 1;
                        }
                    }
                }
            }
        }
        assert!(n > 40_000);
        assert_eq!(squeeze("2022 年 8 月"), "2022年8月");
        assert_eq!(squeeze("Windows 10"), "Windows 10");
    }

    #[test]
    fn canonical_label_of_clean_text() {
        for s in [
            "实际完成值",
            "*实际完成值:",
            "★★执行率(%)::",
            "项目 名称",
            "2022 年",
            "a b",
            ":",
            "*",
            "",
            "※备注",
            "执行率（%）",
            "a\tb",
            "  x",
        ] {
            if matches!(clean_cow(s), Cow::Borrowed(_)) {
                assert_eq!(of_clean(s), canonical_label_cow(s), "{s:?}");
            }
        }
        assert_eq!(of_clean("*实际完成值:"), "实际完成值");
    }

    #[test]
    fn canonical_label_as_defined() {
        // The definition: squeeze, drop all whitespace, trim the marks and a trailing colon.
        fn by_definition(s: &str) -> String {
            let no_ws: String = squeeze(s).chars().filter(|c| !c.is_whitespace()).collect();
            no_ws
                .trim_start_matches(['*', '★', '☆', '※'])
                .trim_end_matches(':')
                .to_owned()
        }
        let pieces = [
            "实际", "完成", "值", " ", "  ", "\t", "\u{3000}", "\u{a0}", "*", "★", "※", ":", "：",
            "（", "）", "(", ")", "%", "％", "ＡＢ", "a", "<b>", "</b>", "&amp;", "\u{200b}",
            "指标", "1", "分",
        ];
        // Every string of up to three pieces, and some longer ones.
        let mut cases: Vec<String> = vec![String::new()];
        for a in pieces {
            cases.push(a.to_string());
            for b in pieces {
                cases.push(format!("{a}{b}"));
                for c in ["*", " ", ":", "：", "值", "\u{3000}"] {
                    cases.push(format!("{a}{b}{c}"));
                    cases.push(format!("{c}{a}{b}"));
                }
            }
        }
        cases.push("* 实际完成 值 ：".into());
        cases.push("★★执行率 （%）::".into());
        for s in &cases {
            assert_eq!(canonical_label_cow(s), by_definition(s), "{s:?}");
        }
    }

    #[test]
    fn canonical_label_examples() {
        assert_eq!(canonical_label("* 实际完成 值"), "实际完成值");
        assert_eq!(canonical_label("*实际完成值"), "实际完成值");
        assert_eq!(canonical_label("执行率 （%）"), "执行率(%)");
        assert_eq!(canonical_label("项目编码："), "项目编码");
        assert_eq!(canonical_label("项目编码:"), "项目编码");
        assert_eq!(canonical_label("执行率（%）"), "执行率(%)");
        assert_eq!(canonical_label("项目资金（元）"), "项目资金(元)");
    }

    #[test]
    fn null_markers() {
        for s in [
            "", "  ", "—", "——", "-", "–", "−", "/", "／", "\\", "＼", "无", "空", "N/A", "n/a",
            "#N/A", "\u{3000}",
        ] {
            assert!(is_null_marker(s), "{s:?}");
        }
        for s in ["0", "-5", "无效", "暂无数据", "1"] {
            assert!(!is_null_marker(s), "{s:?}");
        }
    }

    #[test]
    fn void_text() {
        for s in [
            "无",
            "暂无",
            "不适用",
            "不涉及",
            "—",
            "——",
            "-",
            "/",
            "……",
            "...",
            "指标1:",
            "指标2：",
            "指标2",
            "/ / /",
            "无。",
            "指标三:",
        ] {
            assert!(is_void_text(s), "{s:?}");
        }
        for s in ["", "指标1:完成率", "无障碍设施", "100%", "效果显著"] {
            assert!(!is_void_text(s), "{s:?}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1,091,200.00"), Some(dec!(1091200.00)));
        assert_eq!(parse_number("1，091，200.00"), Some(dec!(1091200.00)));
        assert_eq!(parse_number(" 108000.00 "), Some(dec!(108000.00)));
        assert_eq!(parse_number("99.3300").map(|d| d.scale()), Some(4));
        assert_eq!(parse_number("-3.5"), Some(dec!(-3.5)));
        assert_eq!(parse_number("0"), Some(dec!(0)));
        assert_eq!(parse_number("１２"), Some(dec!(12)));
        for s in [
            "12月", "86%", "", "—", "1,2", "12,34", "1.2.3", "abc", "1 000", "100.", ".5",
        ] {
            assert_eq!(parse_number(s), None, "{s:?}");
        }
    }

    #[test]
    fn percents() {
        assert_eq!(parse_percent("59.7"), Some(dec!(59.7)));
        assert_eq!(
            parse_percent("99.3300").map(|d| d.to_string()),
            Some("99.3300".into())
        );
        assert_eq!(parse_percent("86%"), Some(dec!(86)));
        assert_eq!(parse_percent("100 %"), Some(dec!(100)));
        assert_eq!(parse_percent("100.00%"), Some(dec!(100.00)));
        assert_eq!(parse_percent("0.1"), Some(dec!(0.1)));
        assert_eq!(parse_percent("100％"), Some(dec!(100)));
        assert_eq!(parse_percent("5‰"), Some(dec!(0.5)));
        assert_eq!(parse_percent("—"), None);
        assert_eq!(parse_percent("%"), None);
    }

    #[test]
    fn amounts_opening_with_a_digit_need_no_trimming() {
        let seed = include_str!("../../../tests/fixtures/seed.txt");
        let mut texts: Vec<String> = seed.split(['\t', '\n']).map(clean_text).collect();
        for n in [
            "0.00",
            "246400.00",
            "1,091,200.00",
            "5",
            "4753.66",
            "-3",
            "+2",
            "¥12",
            "￥ 7",
        ] {
            for unit in ["", "元", "万元", " 万元", "万兀", "千元", "亿", "分", "%"] {
                texts.push(format!("{n}{unit}"));
            }
        }
        for t in &texts {
            assert_eq!(
                amount_cleaned(t),
                amount_after_sign(strip_currency(t)),
                "{t:?}"
            );
        }
    }

    #[test]
    fn amounts() {
        use AmountUnit::*;
        assert_eq!(
            parse_amount("4753.66万元"),
            Some((dec!(4753.66), Some(WanYuan)))
        );
        assert_eq!(parse_amount("5.8万"), Some((dec!(5.8), Some(WanYuan))));
        assert_eq!(parse_amount("108,000.00"), Some((dec!(108000.00), None)));
        assert_eq!(parse_amount("620元"), Some((dec!(620), Some(Yuan))));
        assert_eq!(
            parse_amount("620.82 万元"),
            Some((dec!(620.82), Some(WanYuan)))
        );
        assert_eq!(parse_amount("¥1,000"), Some((dec!(1000), None)));
        assert_eq!(parse_amount("1.5亿元"), Some((dec!(15000), Some(WanYuan))));
        assert_eq!(parse_amount("5千元"), Some((dec!(5000), Some(Yuan))));
        assert_eq!(parse_amount("0.00"), Some((dec!(0.00), None)));
        assert_eq!(parse_amount("5个"), None);
        assert_eq!(parse_amount("M.8万元"), None);
        assert_eq!(parse_amount("—"), None);
    }

    #[test]
    fn comparators() {
        use Comparator::*;
        for (s, c) in [
            ("≥", AtLeast),
            ("≧", AtLeast),
            (">=", AtLeast),
            ("＞=", AtLeast),
            ("大于等于", AtLeast),
            ("不低于", AtLeast),
            ("不少于", AtLeast),
            (">", Greater),
            ("大于", Greater),
            ("＞", Greater),
            ("=", Equal),
            ("＝", Equal),
            ("﹦", Equal),
            ("═", Equal),
            ("等于", Equal),
            ("≤", AtMost),
            ("≦", AtMost),
            ("<=", AtMost),
            ("小于等于", AtMost),
            ("不高于", AtMost),
            ("不超过", AtMost),
            ("<", Less),
            ("小于", Less),
            ("＜", Less),
            ("定性", Qualitative),
            (" ≥ ", AtLeast),
            ("正向指标", AtLeast),
            ("反向指标", AtMost),
        ] {
            assert_eq!(parse_comparator(s), Some(c), "{s:?}");
        }
        assert_eq!(parse_comparator(""), None);
        assert_eq!(parse_comparator("个"), None);
    }

    #[test]
    fn targets_from_brief() {
        use Comparator::*;
        assert_eq!(t("≥98%"), q(AtLeast, dec!(98), Some("%")));
        assert_eq!(t("≧98%"), q(AtLeast, dec!(98), Some("%")));
        assert_eq!(t("＞=98%"), q(AtLeast, dec!(98), Some("%")));
        assert_eq!(t("不低于95%"), q(AtLeast, dec!(95), Some("%")));
        assert_eq!(t("不少于12 种"), q(AtLeast, dec!(12), Some("种")));
        assert_eq!(t("至少3次"), q(AtLeast, dec!(3), Some("次")));
        assert_eq!(t("达到100%"), q(AtLeast, dec!(100), Some("%")));
        assert_eq!(t("大于等于5个"), q(AtLeast, dec!(5), Some("个")));
        assert_eq!(t(">5个"), q(Greater, dec!(5), Some("个")));
        assert_eq!(t("大于5个"), q(Greater, dec!(5), Some("个")));
        assert_eq!(t("高于90%"), q(Greater, dec!(90), Some("%")));
        assert_eq!(t("超过3次"), q(Greater, dec!(3), Some("次")));
        assert_eq!(t("=100 %"), q(Equal, dec!(100), Some("%")));
        assert_eq!(t("﹦ 72890 元"), q(Equal, dec!(72890), Some("元")));
        assert_eq!(t("═100%"), q(Equal, dec!(100), Some("%")));
        assert_eq!(t("等于1"), q(Equal, dec!(1), None));
        assert_eq!(t("≤90万元"), q(AtMost, dec!(90), Some("万元")));
        assert_eq!(t("≦5天"), q(AtMost, dec!(5), Some("天")));
        assert_eq!(t("<=5300元/户"), q(AtMost, dec!(5300), Some("元/户")));
        assert_eq!(t("不大于3%"), q(AtMost, dec!(3), Some("%")));
        assert_eq!(t("小于等于3%"), q(AtMost, dec!(3), Some("%")));
        assert_eq!(t("5个工作日以内"), q(AtMost, dec!(5), Some("个工作日")));
        assert_eq!(t("3个工作日内"), q(AtMost, dec!(3), Some("个工作日")));
        assert_eq!(t("<1%"), q(Less, dec!(1), Some("%")));
        assert_eq!(t("小于0.9‰"), q(Less, dec!(0.9), Some("‰")));
        assert_eq!(t("低于5%"), q(Less, dec!(5), Some("%")));
        assert_eq!(t("80%以上"), q(AtLeast, dec!(80), Some("%")));
        assert_eq!(t("5%以下"), q(AtMost, dec!(5), Some("%")));
        assert_eq!(t("≥100百分比"), q(AtLeast, dec!(100), Some("%")));
        assert_eq!(t(">=570元/人*月"), q(AtLeast, dec!(570), Some("元/人*月")));
        assert_eq!(t("≥530元/人·月"), q(AtLeast, dec!(530), Some("元/人·月")));
        assert_eq!(t("预计≥1.5万件"), q(AtLeast, dec!(1.5), Some("万件")));
        assert_eq!(t("约6个"), q(Implicit, dec!(6), Some("个")));
        assert_eq!(
            t("总成本不超过510.82万元"),
            q(AtMost, dec!(510.82), Some("万元"))
        );
        assert_eq!(t("≥ 95 %"), q(AtLeast, dec!(95), Some("%")));
        assert_eq!(t("≥-5%"), q(AtLeast, dec!(-5), Some("%")));
        assert_eq!(t("0起"), q(Implicit, dec!(0), Some("起")));
        // bare numbers
        assert_eq!(t("11"), q(Implicit, dec!(11), None));
        assert_eq!(t("100%"), q(Implicit, dec!(100), Some("%")));
        assert_eq!(t("5名"), q(Implicit, dec!(5), Some("名")));
        assert_eq!(t("1000件"), q(Implicit, dec!(1000), Some("件")));
        assert_eq!(t("28条"), q(Implicit, dec!(28), Some("条")));
        assert_eq!(t("62万"), q(Implicit, dec!(62), Some("万")));
        assert_eq!(t("6200元"), q(Implicit, dec!(6200), Some("元")));
        assert_eq!(t("15万元"), q(Implicit, dec!(15), Some("万元")));
        assert_eq!(t("12个月"), q(Implicit, dec!(12), Some("个月")));
        assert_eq!(t("500㎡"), q(Implicit, dec!(500), Some("㎡")));
        assert_eq!(t("3万人次"), q(Implicit, dec!(3), Some("万人次")));
        assert_eq!(t("１００％"), q(Implicit, dec!(100), Some("%")));
        // ranges
        assert_eq!(
            t("5-10个"),
            (Range, Some(dec!(5)), Some(dec!(10)), Some("个".into()))
        );
        assert_eq!(
            t("80%~90%"),
            (Range, Some(dec!(80)), Some(dec!(90)), Some("%".into()))
        );
        assert_eq!(
            t("3至5天"),
            (Range, Some(dec!(3)), Some(dec!(5)), Some("天".into()))
        );
        assert_eq!(t("3～5"), (Range, Some(dec!(3)), Some(dec!(5)), None));
        assert_eq!(t("10-5"), qual());
        assert_eq!(t("5个-10天"), qual());
        // qualitative
        for s in [
            "12月底前",
            "第四季度前完成",
            "2022年底",
            "每月各1次",
            "≥3次/80%",
            "优",
            "效果显著",
            "有所提升",
            "全年",
            "2023年12月",
            "2022年",
            "12月",
            "±10%",
            "2022-2023年",
            "页面兼容至少4个主流浏览器",
            "每亩300",
            "≥**人",
            "2021年12月完成",
            "1:1",
            "11 11",
            "≥5以下",
            "≥5-10",
            "达标率",
            "",
        ] {
            assert_eq!(t(s), qual(), "{s:?}");
        }
        // text is the cleaned cell
        assert_eq!(parse_target(" <p>≥98％</p> ", at()).text, "≥98%");
    }

    #[test]
    fn targets_from_seed() {
        use Comparator::*;
        // Every distinct 年度指标值 shape of shared/seed/000_11be6e5d95fedf78.txt.
        assert_eq!(t("11"), q(Implicit, dec!(11), None));
        assert_eq!(t("4"), q(Implicit, dec!(4), None));
        assert_eq!(t("100%"), q(Implicit, dec!(100), Some("%")));
        assert_eq!(t("98%"), q(Implicit, dec!(98), Some("%")));
        assert_eq!(t("1篇"), q(Implicit, dec!(1), Some("篇")));
        assert_eq!(t("1次"), q(Implicit, dec!(1), Some("次")));
        assert_eq!(t("6期"), q(Implicit, dec!(6), Some("期")));
        assert_eq!(t("3人"), q(Implicit, dec!(3), Some("人")));
        assert_eq!(t("1场"), q(Implicit, dec!(1), Some("场")));
        assert_eq!(t("160本"), q(Implicit, dec!(160), Some("本")));
        assert_eq!(t("10个"), q(Implicit, dec!(10), Some("个")));
        assert_eq!(t("100份"), q(Implicit, dec!(100), Some("份")));
        assert_eq!(t("550个"), q(Implicit, dec!(550), Some("个")));
        assert_eq!(t("960元"), q(Implicit, dec!(960), Some("元")));
        assert_eq!(t("≥5篇"), q(AtLeast, dec!(5), Some("篇")));
        assert_eq!(t("≥5期"), q(AtLeast, dec!(5), Some("期")));
        assert_eq!(t("≥2份"), q(AtLeast, dec!(2), Some("份")));
        assert_eq!(t("≥2000件"), q(AtLeast, dec!(2000), Some("件")));
        assert_eq!(t("≥1个"), q(AtLeast, dec!(1), Some("个")));
        assert_eq!(t("≥0.79%"), q(AtLeast, dec!(0.79), Some("%")));
        assert_eq!(t("≤8人"), q(AtMost, dec!(8), Some("人")));
        assert_eq!(t("≤800本"), q(AtMost, dec!(800), Some("本")));
        assert_eq!(t("≤7天/期"), q(AtMost, dec!(7), Some("天/期")));
        assert_eq!(t("≤72小时"), q(AtMost, dec!(72), Some("小时")));
        assert_eq!(t("≤7"), q(AtMost, dec!(7), None));
        assert_eq!(t("≤5万元"), q(AtMost, dec!(5), Some("万元")));
        assert_eq!(t("≤50%"), q(AtMost, dec!(50), Some("%")));
        assert_eq!(t("≤40万"), q(AtMost, dec!(40), Some("万")));
        assert_eq!(t("≤400,000元"), q(AtMost, dec!(400000), Some("元")));
        assert_eq!(t("≤2个工作日"), q(AtMost, dec!(2), Some("个工作日")));
        assert_eq!(t("≤133,500元"), q(AtMost, dec!(133500), Some("元")));
        assert_eq!(t("<=43万"), q(AtMost, dec!(43), Some("万")));
        assert_eq!(t("不超过1830000元"), q(AtMost, dec!(1830000), Some("元")));
        assert_eq!(t("80%以上"), q(AtLeast, dec!(80), Some("%")));
        assert_eq!(t("年度考核80分以上"), q(AtLeast, dec!(80), Some("分")));
        assert_eq!(t("2022年至少1次"), q(AtLeast, dec!(1), Some("次")));
        for s in [
            "无",
            "全年",
            "有所提升",
            "逐步提高",
            "第四季度前完成",
            "有效保障",
            "长期",
            "足额",
            "第四季度",
            "第二季度",
            "第三季度",
            "第一季度陆续开展，预计第四季度结题",
            "每月各1次",
            "每支部每月1次支委会、每季1次党员大会和党课、每月1次主题党日",
            "每支部每年1次",
            "每年1次",
            "每季度各1次",
            "每半年1次",
            "明显提高",
            "效果显著",
            "提高用户的友好度和服务质量",
            "按月度发放",
            "持续提升",
            "形成第二版的网站栏目结构表",
            "合同服务期内",
            "及时传达、扩大知晓度和影响力",
            "及时",
            "加快敏感公文规范化流转",
            "全部合格达标",
            "全天",
            "优",
            "不适用",
            "7月底前",
            "12月底前",
            "2022年底",
            "2022年第四季度完成区委区政府工作报告起草工作",
            "2022年内完成网站信息资源规划梳理与用户体验设计、网站全新页面与交互设计及全面改版等建设项。",
            "上级刊物采用量≥80篇；领导批示量≥15条；区级刊物采用量≥200篇",
            "首页及主要频道约6个，二级页面约14个，专题页面约22个，列表页面约6个，详细页面约6个的不同专题风格设计",
            "页面兼容至少4个主流浏览器",
            "≥3次/80%",
            "完成",
        ] {
            assert_eq!(t(s), qual(), "{s:?}");
        }
    }

    #[test]
    fn actuals() {
        let v = |d: Decimal, u: Option<&str>| (Some(d), u.map(str::to_owned));
        assert_eq!(a("85%"), v(dec!(85), Some("%")));
        assert_eq!(a("7名"), v(dec!(7), Some("名")));
        assert_eq!(a("1.78万件"), v(dec!(1.78), Some("万件")));
        assert_eq!(a("≥266米"), v(dec!(266), Some("米")));
        assert_eq!(a("100"), v(dec!(100), None));
        assert_eq!(a("0"), v(dec!(0), None));
        assert_eq!(a("99.95%"), v(dec!(99.95), Some("%")));
        assert_eq!(a("98.51万元"), v(dec!(98.51), Some("万元")));
        assert_eq!(a("1768150元"), v(dec!(1768150), Some("元")));
        assert_eq!(a("350000元"), v(dec!(350000), Some("元")));
        assert_eq!(a("2个工作日"), v(dec!(2), Some("个工作日")));
        assert_eq!(a("24小时"), v(dec!(24), Some("小时")));
        assert_eq!(a("100分"), v(dec!(100), Some("分")));
        assert_eq!(a("46.86万"), v(dec!(46.86), Some("万")));
        assert_eq!(a("2510件"), v(dec!(2510), Some("件")));
        assert_eq!(a("6月"), v(dec!(6), Some("月")));
        assert_eq!(a("5830元/户"), v(dec!(5830), Some("元/户")));
        for s in [
            "改革课题经费19.8万；放管服课题经费19.73万。",
            "12月底前已发放",
            "无",
            "",
            "3次/80%",
            "第四季度完成",
            "2022年底",
            "党政信息分数排名全市第一",
            "长期",
            "《罗湖信息》普刊全年出刊49期，《罗湖信息》专刊、《罗湖调研》不定期出刊。",
            "页面兼容5个主流浏览器",
            "已经编印《罗湖区情手册》1本",
            "2022年已按期完成并上线",
            "每支部每月1次支委会、每季1次党员大会（含主题党日）41次",
            "5-10个",
            "2022年",
            "达成预期指标",
        ] {
            assert_eq!(a(s).0, None, "{s:?}");
        }
        assert_eq!(parse_actual("  98% ", at()).text, "98%");
    }

    #[test]
    fn level1() {
        use Level1::*;
        for (s, c, w) in [
            ("产出(50分)", Output, Some(dec!(50))),
            ("产出指标(50分)", Output, Some(dec!(50))),
            ("产出（50分）", Output, Some(dec!(50))),
            ("产出 (50分)", Output, Some(dec!(50))),
            ("产出指标 (50)", Output, Some(dec!(50))),
            ("效益指标30分)", Outcome, Some(dec!(30))),
            ("效益 (30分)", Outcome, Some(dec!(30))),
            ("满意度(10分)", Satisfaction, Some(dec!(10))),
            ("满意度 (10分)", Satisfaction, Some(dec!(10))),
            ("满意度（10分）", Satisfaction, Some(dec!(10))),
            ("满意度指标", Satisfaction, None),
            ("成本指标(20分)", Cost, Some(dec!(20))),
            ("产出指标(12.5分)", Output, Some(dec!(12.5))),
            ("产 出 指 标", Output, None),
            ("项目产出(30)", Output, Some(dec!(30))),
        ] {
            assert_eq!(level1_of(s), Some((c, w)), "{s:?}");
        }
        for s in ["一级指标", "服务对象满意度", "产出数量指标", "", "数量"] {
            assert_eq!(level1_of(s), None, "{s:?}");
        }
    }

    #[test]
    fn level2() {
        for (s, id) in [
            ("数量", "quantity"),
            ("数量指标", "quantity"),
            ("质量指标", "quality"),
            ("时效", "timeliness"),
            ("成本指标", "cost"),
            ("经济效益", "economic"),
            ("社会效益指标", "social"),
            ("生态效益", "ecological"),
            ("可持续影响", "sustainability"),
            ("可持续影响指标", "sustainability"),
            ("服务对象满意度", "beneficiary_satisfaction"),
            ("服务对象满意度指标", "beneficiary_satisfaction"),
            ("其他满意度", "other_satisfaction"),
            ("经济成本指标", "economic_cost"),
            ("社会成本", "social_cost"),
            ("生态环境成本指标", "ecological_cost"),
            ("经济效 益指标", "economic"),
            ("数量指标(20分)", "quantity"),
        ] {
            assert_eq!(level2_category(s), Some(id), "{s:?}");
        }
        assert_eq!(level2_category("三级指标"), None);
        assert_eq!(level2_category(""), None);
    }

    /// The ideographs-only shortcut of `level2_category` answers as the memo and the cleaning.
    #[test]
    fn level2_category_of_ideographs_is_the_cleaned_answer() {
        let names = [
            "数量",
            "质量",
            "时效",
            "成本",
            "经济效益",
            "社会效益",
            "生态效益",
            "可持续影响",
            "可持续发展影响",
            "服务对象满意度",
            "满意度",
            "其他满意度",
            "经济成本",
            "社会成本",
            "生态环境成本",
            "生态成本",
            "环境成本",
            "产出",
            "效益",
            "指标",
            "三级指标",
            "數量",
        ];
        let mut labels = vec![String::new()];
        for n in names {
            for l in [
                n.to_string(),
                format!("{n}指标"),
                format!("产出{n}"),
                format!("产出{n}指标"),
                format!("{n}指标指标"),
                format!("{n}分"),
                format!("一{n}"),
            ] {
                labels.push(l);
            }
        }
        for l in &labels {
            assert!(only_ideographs(l), "{l}");
            assert_eq!(level2_category(l), level2_category_uncached(l), "{l}");
        }
        for l in [
            "数量 ",
            "数量(10分)",
            "数量15分",
            "＊数量",
            "数量:",
            "★质量",
        ] {
            assert!(!only_ideographs(l), "{l}");
            assert_eq!(level2_category(l), level2_category_uncached(l), "{l}");
        }
    }

    #[test]
    fn units() {
        let u = |x: Option<&str>, y: Option<&str>| units_compatible(x, y);
        assert_eq!(u(Some("元"), Some("元")), Some(dec!(1)));
        assert_eq!(u(None, Some("元")), Some(dec!(1)));
        assert_eq!(u(Some("%"), None), Some(dec!(1)));
        assert_eq!(u(Some("元"), Some("万元")), Some(dec!(10000)));
        assert_eq!(u(Some("万元"), Some("元")), Some(dec!(0.0001)));
        assert_eq!(u(Some("万"), Some("万元")), Some(dec!(1)));
        assert_eq!(u(Some("元"), Some("万")), Some(dec!(10000)));
        assert_eq!(u(Some("人"), Some("名")), Some(dec!(1)));
        assert_eq!(u(Some("名"), Some("人")), Some(dec!(1)));
        assert_eq!(u(Some("人"), Some("人次")), None);
        assert_eq!(u(Some("个"), Some("件")), None);
        assert_eq!(u(Some("小时"), Some("天")), Some(dec!(24)));
        assert_eq!(u(Some("天"), Some("小时")), None); // 1/24 is not exact
        assert_eq!(u(Some("月"), Some("年")), Some(dec!(12)));
        assert_eq!(u(Some("天"), Some("日")), Some(dec!(1)));
        assert_eq!(u(Some("个工作日"), Some("工作日")), Some(dec!(1)));
        assert_eq!(u(Some("件"), Some("万件")), Some(dec!(10000)));
        assert_eq!(u(Some("元/人*月"), Some("元/人·月")), Some(dec!(1)));
        assert_eq!(u(Some("元/户"), Some("万元/户")), Some(dec!(10000)));
        assert_eq!(u(Some("元/户"), Some("元/人")), None);
        assert_eq!(u(Some("%"), Some("‰")), Some(dec!(0.1)));
        assert_eq!(u(Some("平方米"), Some("㎡")), Some(dec!(1)));
        assert_eq!(u(Some("米"), Some("公里")), Some(dec!(1000)));
        assert_eq!(u(Some("千克"), Some("吨")), Some(dec!(1000)));
        assert_eq!(u(Some("%"), Some("元")), None);
        assert_eq!(u(Some("foo"), Some("bar")), None);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn public_fns_never_panic(s in "\\PC*") {
                let p = Pos::new(1, 1);
                let _ = fold(&s);
                let _ = clean_text(&s);
                let _ = squeeze(&s);
                let _ = canonical_label(&s);
                let _ = is_null_marker(&s);
                let _ = is_void_text(&s);
                let _ = parse_number(&s);
                let _ = parse_percent(&s);
                let _ = parse_amount(&s);
                let _ = parse_comparator(&s);
                let _ = parse_target(&s, p);
                let _ = parse_actual(&s, p);
                let _ = level1_of(&s);
                let _ = level2_category(&s);
                let _ = units_compatible(Some(&s), Some("元"));
                let _ = units_compatible(Some("万"), Some(&s));
                let _ = to_simplified(&s);
                let _ = looks_traditional(&s);
                let _ = strip_pinyin(&s);
                let _ = is_page_marker(&s);
            }

            #[test]
            fn grammar_shaped_never_panic(s in "[≥≤<>=＝﹦ 0-9.,，%‰\\-~至万元个人次/*·<p>&#;以上内下年月预计约分]{0,24}") {
                let p = Pos::new(1, 1);
                let t = parse_target(&s, p);
                if let (Some(lo), Some(hi)) = (t.value, t.upper) {
                    prop_assert!(lo <= hi);
                }
                let _ = parse_actual(&s, p);
                let _ = parse_amount(&s);
                let _ = parse_percent(&s);
                let _ = squeeze(&s);
                let _ = units_compatible(Some(&s), Some(&s));
            }

            #[test]
            fn contains_in_short_is_contains(t in "[成本经济a-c ]{0,30}", w in "[成本经a-c]{0,3}") {
                prop_assert_eq!(contains_in_short(&t, &w), t.contains(w.as_str()));
                let long = t.repeat(4);
                prop_assert_eq!(contains_in_short(&long, &w), long.contains(w.as_str()));
            }

            #[test]
            fn level2_shortcut_answers_as_cleaning(s in "[数量质时效成本经济社会生态可持续发展影响服务对象满意度其他环境产出指标分 ()（）0-9]{0,12}") {
                prop_assert_eq!(level2_category(&s), level2_category_uncached(&s));
            }

            #[test]
            fn fold_is_idempotent(s in "\\PC*") {
                let once = fold(&s);
                prop_assert_eq!(fold(&once), once.clone());
            }

            #[test]
            fn is_clean_only_passes_text_that_cleaning_keeps(
                s in "[一-龥㐀-䶵丁-丏a-z0-9 <>&;，：（）\u{3000}\u{a0}\t\u{200b}]{0,24}"
            ) {
                if is_clean(&s) {
                    prop_assert_eq!(clean_slow(&s), s.clone());
                }
                prop_assert_eq!(is_clean(&s), is_clean_reference(&s));
            }

            #[test]
            fn cleaning_into_a_buffer_tells_the_scan_of_the_result(
                s in "\\PC{0,40}|[一-龥a-z0-9 <>&;，：（）＜＆﹤—≥≤“”。、〜ｘ！～＿｀\u{3000}\u{a0}\t\u{200b}\u{1}]{0,32}"
            ) {
                let mut buffer = String::from("前一行的格子");
                let spaced = clean_slow_into(&s, &mut buffer);
                prop_assert_eq!(&buffer, &clean_slow(&s));
                prop_assert_eq!(spaced, clean_spaced(&buffer));
            }

            #[test]
            fn scan_cell_is_split_then_is_clean(
                s in "[一-龥㐀-䶵丁-丏a-z0-9 <>&;，：（）\u{3000}\u{a0}\t\u{200b}\u{1}é]{0,32}"
            ) {
                let want: Vec<(usize, bool, bool)> = crate::grid::split_byte(&s, b'\t')
                    .scan(0, |at, cell| {
                        let end = *at + cell.len();
                        *at = end + 1;
                        let clean = is_clean_reference(cell);
                        Some((end, clean, clean && cell.contains(' ')))
                    })
                    .collect();
                let mut got = Vec::new();
                let mut start = 0;
                loop {
                    let scan = scan_cell(&s, start);
                    got.push((scan.end, scan.clean, scan.clean && scan.spaced));
                    if scan.end >= s.len() {
                        break;
                    }
                    start = scan.end + 1;
                }
                prop_assert_eq!(got, want);
            }

            fn clean_text_has_no_double_spaces(s in "\\PC*") {
                let c = clean_text(&s);
                prop_assert!(!c.contains("  "));
                prop_assert_eq!(c.trim(), c.as_str());
            }

            #[test]
            fn numbers_round_trip(n in -1_000_000_000i64..1_000_000_000i64, scale in 0u32..6) {
                let d = Decimal::new(n, scale);
                prop_assert_eq!(parse_number(&d.to_string()), Some(d));
                prop_assert_eq!(parse_percent(&format!("{d}%")), Some(d));
            }
        }
    }
}
