//! Acceptance 1 (xlsx): what `export --to xlsx` writes, `jixiao_io::read_forms` reads back to
//! the same forms (positions aside): the seed's 16 forms and generated forms of both profiles.

mod common;

use common::*;
use jixiao_export::xlsx::{XlsxOptions, to_xlsx};
use jixiao_io::{ReadOptions, read_forms};

#[test]
fn seed_forms_read_back_from_xlsx() {
    let forms = seed_forms();
    let bytes = to_xlsx(&forms, XlsxOptions::default()).expect("xlsx");
    let back = read_forms("seed-export.xlsx", &bytes, &ReadOptions::default());
    assert_forms_same("seed xlsx", &forms, &back);
    // Checked by hand against tests/fixtures/seed.txt (form 1).
    let f = &back[0];
    assert_eq!(f.source.path, "seed-export.xlsx#1-干部健康管理");
    let name = f.header.project_name.as_ref().map(|n| n.value.as_str());
    assert_eq!(name, Some("干部健康管理"));
    let total = f
        .total
        .as_ref()
        .and_then(|t| t.score.as_ref())
        .map(|s| s.value.to_string());
    assert_eq!(total.as_deref(), Some("95.98"));
    let rate = f.funds.total_row().and_then(|r| r.execution_rate.as_ref());
    assert_eq!(rate.map(|r| r.value.to_string()).as_deref(), Some("59.7"));
    assert_eq!(f.indicators.len(), 11);
    assert_eq!(
        f.indicators[0]
            .weight
            .as_ref()
            .map(|w| w.value.to_string())
            .as_deref(),
        Some("7.50")
    );
}

#[test]
fn seed_forms_with_findings_read_back_from_xlsx() {
    // The 问题清单 sheet and the notes do not disturb the reader.
    let forms = seed_forms();
    let bytes = to_xlsx(&forms, XlsxOptions { findings: true }).expect("xlsx");
    let back = read_forms("seed-export.xlsx", &bytes, &ReadOptions::default());
    assert_forms_same("seed xlsx with findings", &forms, &back);
}

#[test]
fn one_form_per_workbook_reads_back() {
    for (i, c) in seed_forms().into_iter().enumerate().take(4) {
        let bytes = to_xlsx(std::slice::from_ref(&c), XlsxOptions::default()).expect("xlsx");
        let back = read_forms(&format!("f{i}.xlsx"), &bytes, &ReadOptions::default());
        assert_forms_same(&format!("single form {i}"), std::slice::from_ref(&c), &back);
    }
}

#[test]
fn generated_forms_read_back_from_xlsx() {
    let forms = generated_set(200);
    assert!(forms.len() >= 200);
    // The set covers both profiles, complete and incomplete forms, and forms with errors.
    let count = |p: &dyn Fn(&jixiao_core::pipeline::CheckedForm) -> bool| {
        forms.iter().filter(|c| p(c)).count()
    };
    assert!(count(&|c| c.form.profile == "central_2020") > 50);
    assert!(count(&|c| c.form.profile == "shenzhen_2022") > 50);
    assert!(count(&|c| c.form.status.code() == "incomplete") > 0);
    assert!(
        count(&|c| c
            .findings
            .iter()
            .any(|f| f.severity == jixiao_core::check::Severity::Error))
            > 20
    );
    for chunk in forms.chunks(25) {
        let bytes = to_xlsx(chunk, XlsxOptions { findings: true }).expect("xlsx");
        let back = read_forms("gen.xlsx", &bytes, &ReadOptions::default());
        assert_forms_same("generated xlsx", chunk, &back);
    }
}

/// The comments part of the first form sheet: (cell, note text) pairs.
fn notes(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    z.by_name("xl/comments1.xml")
        .expect("comments part")
        .read_to_string(&mut xml)
        .expect("read");
    xml.split("<comment ref=\"")
        .skip(1)
        .map(|c| {
            let (cell, rest) = c.split_once('"').expect("ref");
            (cell.to_string(), rest.to_string())
        })
        .collect()
}

#[test]
fn findings_become_notes_on_the_cells_they_point_at() {
    let forms = seed_forms();
    let first = std::slice::from_ref(&forms[0]);
    let bytes = to_xlsx(first, XlsxOptions { findings: true }).expect("xlsx");
    let notes = notes(&bytes);
    let at = |cell: &str| {
        notes
            .iter()
            .find(|(c, _)| c == cell)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no note on {cell}: {notes:?}"))
    };
    // Seed form 1 (hand-mapped): JX101 points at the printed 执行率 59.7 (text line 9, cell 7),
    // which the layout puts in G6; JX301 at the first target “11” (line 17, cell 5) → E14;
    // JX603 at the printed 总分 95.98 (line 28, cell 8) → H25.
    assert!(at("G6").contains("JX101"));
    assert!(at("E14").contains("JX301"));
    assert!(at("H25").contains("JX603"));
    // Without --findings: no notes.
    let plain = to_xlsx(first, XlsxOptions::default()).expect("xlsx");
    let z = zip::ZipArchive::new(std::io::Cursor::new(plain)).expect("zip");
    assert!(z.file_names().flatten().all(|n| !n.contains("comments")));
}
