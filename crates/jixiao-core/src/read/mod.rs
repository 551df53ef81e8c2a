//! Reading forms: bytes → text → grid → forms.
//!
//! [`read_bytes`] is the entry point for a file's content. It never panics and never fails: what
//! cannot be read comes back as a form with status `unreadable` (or `incomplete`) saying why.
//!
//! [`read_text`] first repairs what a mirror site or a page layout did to the text as a whole
//! (Traditional characters with the Simplified original's pinyin in brackets), then picks the
//! rendering (`grid::detect`) and reads the rows: row renderings directly, cell streams through
//! [`regrid`], which puts rows back by the label vocabulary.

mod builder;
pub mod family;
pub mod labels;
pub mod pieces;
pub mod regrid;
mod remarks;
mod runtogether;

pub use builder::FormReader;

use crate::decode;
use crate::grid::{self, Grid, PlacedRow, Rendering};
use crate::model::{Form, FormStatus, ReadNote};
use crate::normalise;
use regrid::Item;
use std::borrow::Cow;

/// Options for reading.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force a scoring profile instead of detecting one.
    pub profile: Option<String>,
    /// Force a text encoding (`gbk`, `utf-16le`, …) instead of detecting it.
    pub encoding: Option<String>,
}

/// Read every form in a file's bytes. `path` is only used to label the results.
pub fn read_bytes(path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Form> {
    let decoded = match &options.encoding {
        Some(label) => decode::decode_with(bytes, label),
        None => decode::decode(bytes),
    };
    match decoded {
        Ok(d) => read_text(path, &d.text, options),
        Err(e) => vec![Form::empty(path, &e.to_string())],
    }
}

/// Bytes looked at to decide whether a text is a Traditional-character mirror.
const TRADITIONAL_SAMPLE: usize = 64 * 1024;

/// A text with mirror-site damage repaired: pinyin annotations removed and Traditional
/// characters folded to Simplified, when the text looks Traditional. Lines and columns do not
/// move. The second value says whether anything was changed.
pub fn repair_text(text: &str) -> (Cow<'_, str>, bool) {
    let sample = grid::truncate_at_char_boundary(text, TRADITIONAL_SAMPLE);
    let pinyin = sample.chars().any(|c| ('\u{e0}'..='\u{1dc}').contains(&c));
    let traditional = normalise::looks_traditional(sample);
    if !pinyin && !traditional {
        return (Cow::Borrowed(text), false);
    }
    let stripped = if pinyin {
        normalise::strip_pinyin(text)
    } else {
        Cow::Borrowed(text)
    };
    let out = if traditional {
        Cow::Owned(normalise::to_simplified(&stripped).into_owned())
    } else {
        stripped
    };
    let changed = out.as_ref() != text;
    (out, changed)
}

/// Read every form in a text (any rendering the reader knows).
pub fn read_text(path: &str, text: &str, options: &ReadOptions) -> Vec<Form> {
    let (text, repaired) = repair_text(text);
    let rendering = grid::detect(&text);
    let mut forms = match rendering {
        Rendering::Tabs | Rendering::Empty => {
            return read_tsv(path, &text, options);
        }
        Rendering::Pipes => read_placed(path, &grid::from_pipes(&text), options),
        Rendering::Html => read_placed(path, &grid::from_html(&text), options),
        Rendering::SpaceRows => {
            let rows = regrid::merge_row_labels(grid::from_space_rows(&text));
            read_placed(path, &rows, options)
        }
        Rendering::CellPerLine
        | Rendering::CellPerParagraph
        | Rendering::SpaceStream
        | Rendering::RunTogether => {
            let cells = grid::stream_cells(&text, rendering);
            let items = regrid::regrid(&cells, rendering);
            read_items(path, &items, options)
        }
    };
    if repaired {
        for f in &mut forms {
            f.read_notes.insert(
                0,
                ReadNote::remark(
                    f.source.first_line,
                    "文本为繁体字镜像（括注拼音）：已去掉拼音并转为简体后读取",
                ),
            );
        }
    }
    forms
}

/// Read every form in a grid.
pub fn read_grid(path: &str, grid: &Grid, options: &ReadOptions) -> Vec<Form> {
    let mut reader = FormReader::new(path);
    for row in &grid.rows {
        reader.feed(row);
    }
    let last = grid.rows.last().map_or(0, |r| r.line);
    finish(path, reader, last, options)
}

/// Read every form in tab-separated text, row by row (what `read_grid` of `grid::from_tsv`
/// gives, without building the grid).
pub fn read_tsv(path: &str, text: &str, options: &ReadOptions) -> Vec<Form> {
    let mut reader = FormReader::new(path);
    let last = grid::TsvRows::new(text).for_each_marked(|row, clean| reader.feed_clean(row, clean));
    finish(path, reader, last, options)
}

/// Read every form in rows that carry the printed position of each cell.
pub fn read_placed(path: &str, rows: &[PlacedRow], options: &ReadOptions) -> Vec<Form> {
    let mut reader = FormReader::new(path);
    for row in rows {
        reader.feed_placed(row);
    }
    let last = rows.last().map_or(0, |r| r.row.line);
    finish(path, reader, last, options)
}

fn read_items(path: &str, items: &[Item], options: &ReadOptions) -> Vec<Form> {
    let mut reader = FormReader::new(path);
    let mut last = 0;
    for item in items {
        match item {
            Item::Row(r) => {
                last = last.max(r.row.line);
                reader.feed_placed(r);
            }
            Item::Event(e) => reader.event(e),
        }
    }
    finish(path, reader, last, options)
}

fn finish(path: &str, reader: FormReader, last_line: u32, options: &ReadOptions) -> Vec<Form> {
    let mut forms = reader.finish();
    if forms.is_empty() {
        let mut f = Form::empty(
            path,
            "没有找到绩效自评表：文件中没有可识别的表头（项目名称、资金使用情况或绩效指标）。请确认文件是项目支出绩效自评表的文本、表格或PDF。",
        );
        f.source.last_line = last_line;
        forms.push(f);
    }
    for f in &mut forms {
        f.profile = match &options.profile {
            Some(p) => p.clone(),
            None if !f.profile.is_empty() => std::mem::take(&mut f.profile),
            None => detect_profile(f).to_string(),
        };
    }
    forms
}

/// Pick a scoring profile for a form whose family did not name one: central, or Shenzhen by
/// the project code.
pub fn detect_profile(form: &Form) -> &'static str {
    if matches!(form.status, FormStatus::Unreadable { .. }) {
        return "central_2020";
    }
    let shenzhen = form
        .header
        .project_code
        .as_ref()
        .is_some_and(|c| c.value.starts_with("4403"));
    if shenzhen {
        "shenzhen_2022"
    } else {
        "central_2020"
    }
}
