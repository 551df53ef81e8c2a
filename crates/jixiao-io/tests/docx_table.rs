//! Acceptance 4: a .docx built here (zip + a minimal document.xml) with the official layout's
//! merges as w:gridSpan / w:vMerge reads to the same form JSON as the seed text.

mod common;

use common::*;
use jixiao_io::{Format, ReadOptions, detect_format, read_forms};

#[test]
fn docx_table_reads_like_the_seed_text() {
    let expected = seed_reference();
    let bytes = docx(&official_document_xml());
    assert_eq!(detect_format("自评表.docx", &bytes), Format::Docx);
    assert_eq!(detect_format("no-extension", &bytes), Format::Docx);
    let forms = read_forms("自评表.docx", &bytes, &ReadOptions::default());
    assert_eq!(forms.len(), 1, "{forms:#?}");
    let f = &forms[0];
    assert!(f.is_complete(), "{:?}", f.status);
    assert!(f.read_notes.is_empty(), "{:#?}", f.read_notes);
    // Every indicator row carries its 一级 label on its own row (vMerge continuation).
    for ind in &f.indicators {
        assert_eq!(ind.level1.at.line, ind.line);
    }
    assert_same("docx vs seed text", &expected, &comparable(f));
}

#[test]
fn paragraphs_in_a_cell_are_joined_with_a_space() {
    let cell = |paras: &[&str]| {
        let ps: String = paras
            .iter()
            .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
            .collect();
        format!("<w:tc>{ps}</w:tc>")
    };
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell(&["项目名称:"]),
        cell(&["Cadre", "health care"]),
        cell(&["项目编码:"]),
        cell(&["4403", "0321"]),
    );
    let forms = read_forms(
        "x.docx",
        &docx(&document_xml(&body)),
        &ReadOptions::default(),
    );
    assert_eq!(forms.len(), 1);
    let h = &forms[0].header;
    assert_eq!(
        h.project_name.as_ref().map(|s| s.value.as_str()),
        Some("Cadre health care")
    );
    assert_eq!(
        h.project_code.as_ref().map(|s| (s.at.line, s.at.column)),
        Some((2, 2))
    );
}
