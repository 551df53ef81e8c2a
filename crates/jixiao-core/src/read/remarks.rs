//! Reader remarks on rows that are not part of the form: page markers (`-1-`, `— 1 —`,
//! `第 1 页 共 3 页`) printed between the rows of a table. They are skipped with a note of kind
//! `remark` (JX001 info), so a finding can still say where the page broke.

use super::regrid::{Event, Item};
use crate::grid::{Row, StreamCell};
use crate::model::Pos;
use crate::normalise;
use std::borrow::Cow;

/// Longest row text (bytes) looked at as a page marker.
const MAX_MARKER_BYTES: usize = 48;

/// Whether `c` can start a page marker (a dash of any width, or `第`).
fn may_start_marker(c: char) -> bool {
    matches!(
        c,
        '-' | '—' | '–' | '－' | '―' | '─' | '━' | '‐' | '‑' | '‒' | '⁃' | '﹣' | '第'
    )
}

/// The text of a row that holds nothing but a page marker (over up to three cells: `—`, `1`,
/// `—`), or `None`. Cheap for ordinary rows: only a short row starting with a dash or `第` is
/// looked at more closely.
pub(crate) fn page_marker_row(row: &Row) -> Option<String> {
    let mut filled = row.filled();
    let first = filled.next()?;
    if !first.text.chars().next().is_some_and(may_start_marker) {
        return None;
    }
    let mut text = first.text.clone();
    for (n, c) in filled.enumerate() {
        if n >= 2 || text.len() + c.text.len() > MAX_MARKER_BYTES {
            return None;
        }
        text.push(' ');
        text.push_str(&c.text);
    }
    (text.len() <= MAX_MARKER_BYTES && normalise::is_page_marker(&text)).then_some(text)
}

/// Whether a cell's text is a page marker (cheap for ordinary cells).
pub(crate) fn is_marker_text(t: &str) -> bool {
    t.len() <= MAX_MARKER_BYTES
        && t.chars().next().is_some_and(may_start_marker)
        && normalise::is_page_marker(t)
}

/// The cells of a stream without its page markers, and the markers (position, text).
pub(crate) fn take_page_markers(
    stream: &[StreamCell],
) -> (Cow<'_, [StreamCell]>, Vec<(Pos, String)>) {
    let markers: Vec<(Pos, String)> = stream
        .iter()
        .filter(|c| is_marker_text(&c.text))
        .map(|c| (c.at, c.text.clone()))
        .collect();
    if markers.is_empty() {
        return (Cow::Borrowed(stream), markers);
    }
    let kept = stream
        .iter()
        .filter(|c| !is_marker_text(&c.text))
        .cloned()
        .collect();
    (Cow::Owned(kept), markers)
}

/// Put a remark for each skipped marker before the first row printed after it.
pub(crate) fn place_page_markers(items: Vec<Item>, markers: Vec<(Pos, String)>) -> Vec<Item> {
    if markers.is_empty() {
        return items;
    }
    let remark = |(at, text): (Pos, String)| {
        Item::Event(Event::Remark {
            line: at.line,
            message: page_marker_message(&text),
        })
    };
    let mut out = Vec::with_capacity(items.len() + markers.len());
    let mut pending = markers.into_iter().peekable();
    for item in items {
        if let Item::Row(r) = &item {
            let p = r.pos(0);
            while let Some(m) = pending.next_if(|(at, _)| (at.line, at.column) < (p.line, p.column))
            {
                out.push(remark(m));
            }
        }
        out.push(item);
    }
    out.extend(pending.map(remark));
    out
}

/// The remark for a skipped page marker.
pub(crate) fn page_marker_message(marker: &str) -> String {
    format!("页码标记“{marker}”不属于表格内容：已跳过")
}

/// The remark for a repeated table header.
pub(crate) const REPEATED_HEADER: &str =
    "指标表头重复出现（分页后重复打印的表头）：已跳过，按前面的表头继续读取";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::GridCell;

    fn row(cells: &[&str]) -> Row {
        Row {
            line: 1,
            cells: cells
                .iter()
                .enumerate()
                .map(|(i, t)| GridCell {
                    text: (*t).to_string(),
                    column: u32::try_from(i + 1).unwrap(),
                })
                .collect(),
        }
    }

    #[test]
    fn marker_rows_are_told_from_data_rows() {
        assert_eq!(page_marker_row(&row(&["-1-"])).as_deref(), Some("-1-"));
        assert_eq!(
            page_marker_row(&row(&["", "—", "2", "—", ""])).as_deref(),
            Some("— 2 —")
        );
        assert_eq!(
            page_marker_row(&row(&["第 1 页 共 3 页"])).as_deref(),
            Some("第 1 页 共 3 页")
        );
        assert!(page_marker_row(&row(&["第一季度", "10"])).is_none());
        assert!(page_marker_row(&row(&["—", "—", "—", "—"])).is_none());
        assert!(page_marker_row(&row(&["-", "10", "10"])).is_none());
        assert!(page_marker_row(&row(&["产出指标", "-1-"])).is_none());
        assert!(page_marker_row(&row(&["—"])).is_none());
        assert!(is_marker_text("— 1 —"));
        assert!(!is_marker_text("—"));
        assert!(!is_marker_text("1"));
    }
}
