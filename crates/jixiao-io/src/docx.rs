//! Word .docx → a grid: `word/document.xml` read with quick-xml.
//!
//! Each `w:tr` of each `w:tbl` (nested tables too) is a row, numbered in document order; a
//! `w:tc` sits at its grid column (`w:gridBefore` and `w:gridSpan` counted), a `w:vMerge`
//! continuation carries the text of the cell that started the merge (spans filled as in
//! [`crate::layout`]). Paragraphs inside a cell are joined with a space. Paragraphs outside
//! tables become one-cell rows (the title above the table is usually one).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use jixiao_core::grid::Grid;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::layout::Layout;

/// Largest document.xml read (a guard against zip bombs).
const MAX_XML_BYTES: u64 = 256 << 20;

/// Why a .docx could not be read (Chinese reason with the detail).
pub(crate) enum DocxError {
    /// Not a zip, or a broken one.
    Container(String),
    /// No `word/document.xml`.
    NoDocument,
    /// The XML is malformed.
    Xml(String),
}

/// The document: its grid, and whether it had any text at all.
pub(crate) struct DocxGrid {
    pub grid: Grid,
    pub has_tables: bool,
}

pub(crate) fn read_docx(bytes: &[u8]) -> Result<DocxGrid, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Container(e.to_string()))?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| DocxError::NoDocument)?;
    let mut xml = String::new();
    entry
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| DocxError::Container(e.to_string()))?;
    document_grid(&xml).map_err(DocxError::Xml)
}

#[derive(Default)]
struct Tc {
    text: String,
    span: u32,
    vmerge: VMerge,
}

#[derive(Default, PartialEq, Eq)]
enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Default)]
struct Tbl {
    /// Global row number of the current row.
    row: Option<u32>,
    next_col: u32,
    cell: Option<Tc>,
    /// Text of the vertical merge open in each grid column.
    merges: HashMap<u32, String>,
}

fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.into_owned())
}

/// Parse `word/document.xml` into a grid.
pub(crate) fn document_grid(xml: &str) -> Result<DocxGrid, String> {
    let mut reader = Reader::from_str(xml);
    let mut layout = Layout::default();
    let mut tables: Vec<Tbl> = Vec::new();
    let mut has_tables = false;
    // Body paragraph text (outside any table cell).
    let mut para = String::new();
    let mut in_text = false;
    let mut run_depth = 0u32;
    // Inside mc:Fallback (a duplicate rendering of mc:Choice) or deleted text: ignore.
    let mut skip_depth = 0u32;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("第 {} 字节附近：{e}", reader.buffer_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skip_depth > 0 || matches!(name, "Fallback" | "delText" | "instrText") {
                    skip_depth += 1;
                    continue;
                }
                match name {
                    "tbl" => {
                        has_tables = true;
                        tables.push(Tbl::default());
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(layout.new_row());
                            t.next_col = 1;
                            t.cell = None;
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(Tc {
                                span: 1,
                                ..Tc::default()
                            });
                        }
                    }
                    "r" => run_depth += 1,
                    "t" => in_text = true,
                    "vMerge" => set_vmerge(&mut tables, &e),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                let name = e.local_name();
                match name.as_ref() {
                    "gridSpan" => {
                        let span = val(&e).and_then(|v| v.parse().ok()).unwrap_or(1u32);
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.span = span.clamp(1, 1000);
                        }
                    }
                    "gridBefore" => {
                        let n = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0u32);
                        if let Some(t) = tables.last_mut() {
                            t.next_col = t.next_col.saturating_add(n.min(1000));
                        }
                    }
                    "vMerge" => set_vmerge(&mut tables, &e),
                    "tab" | "br" | "cr" if run_depth > 0 => {
                        push_text(&mut tables, &mut para, " ");
                    }
                    "p" => end_paragraph(&mut tables, &mut para, &mut layout),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = e.local_name();
                match name.as_ref() {
                    "tbl" => {
                        if let Some(t) = tables.pop() {
                            finish_table(t, &mut layout);
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            end_cell(t, &mut layout);
                        }
                    }
                    "p" => end_paragraph(&mut tables, &mut para, &mut layout),
                    "r" => run_depth = run_depth.saturating_sub(1),
                    "t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                push_text(&mut tables, &mut para, &t);
            }
            Event::CData(t) if in_text && skip_depth == 0 => {
                push_text(&mut tables, &mut para, &t);
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .unwrap_or_default()
                        .to_string(),
                };
                push_text(&mut tables, &mut para, &text);
            }
            _ => {}
        }
    }
    while let Some(t) = tables.pop() {
        finish_table(t, &mut layout);
    }
    if !para.trim().is_empty() {
        let row = layout.new_row();
        layout.put(row, 1, &para);
    }
    Ok(DocxGrid {
        grid: layout.into_grid(),
        has_tables,
    })
}

fn set_vmerge(tables: &mut [Tbl], e: &BytesStart) {
    if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
        c.vmerge = match val(e).as_deref() {
            Some("restart") => VMerge::Restart,
            _ => VMerge::Continue,
        };
    }
}

fn push_text(tables: &mut [Tbl], para: &mut String, text: &str) {
    match tables.last_mut() {
        Some(t) => {
            if let Some(c) = t.cell.as_mut() {
                c.text.push_str(text);
            }
        }
        None => para.push_str(text),
    }
}

fn end_paragraph(tables: &mut [Tbl], para: &mut String, layout: &mut Layout) {
    match tables.last_mut() {
        Some(t) => {
            if let Some(c) = t.cell.as_mut()
                && !c.text.is_empty()
                && !c.text.ends_with(' ')
            {
                c.text.push(' ');
            }
        }
        None => {
            if !para.trim().is_empty() {
                let row = layout.new_row();
                layout.put(row, 1, para);
            }
            para.clear();
        }
    }
}

fn end_cell(t: &mut Tbl, layout: &mut Layout) {
    let (Some(cell), Some(row)) = (t.cell.take(), t.row) else {
        return;
    };
    let col = t.next_col.max(1);
    t.next_col = col.saturating_add(cell.span);
    match cell.vmerge {
        VMerge::Continue => {
            let text = t.merges.get(&col).unwrap_or(&cell.text);
            layout.put(row, col, text);
        }
        VMerge::Restart => {
            layout.put(row, col, &cell.text);
            t.merges.insert(col, cell.text);
        }
        VMerge::None => {
            layout.put(row, col, &cell.text);
            t.merges.remove(&col);
        }
    }
}

fn finish_table(mut t: Tbl, layout: &mut Layout) {
    if t.cell.is_some() {
        end_cell(&mut t, layout);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn spans_merges_and_paragraphs() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>项目支出绩效自评表</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>一级</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>产出(50分)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>b&amp;c</w:t><w:tab/><w:t>d</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve">&#8805;98%</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>z</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl></w:body></w:document>"#
        );
        let d = document_grid(&xml).unwrap_or_else(|e| panic!("{e}"));
        assert!(d.has_tables);
        let rows: Vec<Vec<(u32, String)>> = d
            .grid
            .rows
            .iter()
            .map(|r| r.filled().map(|c| (c.column, c.text.clone())).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec![(1, "项目支出绩效自评表".to_string())],
                vec![(1, "一级".to_string()), (3, "x".to_string())],
                vec![(1, "产出(50分)".to_string()), (2, "a b&c d".to_string())],
                vec![(1, "产出(50分)".to_string()), (2, "≥98%".to_string())],
                vec![(2, "z".to_string())],
            ]
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(document_grid("<w:document><w:body><w:p></w:body>").is_err());
    }
}
