//! Acceptance 1: seed form 1 written as an xlsx in the official layout (merged title, header
//! rows, funds block, goals, indicator table with merged 一级/二级 cells, 总分) reads to the same
//! form JSON as the seed text.

mod common;

use common::*;
use jixiao_io::{Format, ReadOptions, detect_format, read_forms};

#[test]
fn official_xlsx_reads_like_the_seed_text() {
    let expected = seed_reference();
    let bytes = official_xlsx();
    assert_eq!(detect_format("自评表.xlsx", &bytes), Format::Xlsx);
    // Magic bytes win over a wrong extension.
    assert_eq!(detect_format("自评表.txt", &bytes), Format::Xlsx);
    let forms = read_forms("自评表.xlsx", &bytes, &ReadOptions::default());
    assert_eq!(forms.len(), 1, "{forms:#?}");
    let f = &forms[0];
    assert!(f.is_complete(), "{:?}", f.status);
    assert_eq!(f.source.path, "自评表.xlsx#自评表");
    assert!(f.read_notes.is_empty(), "{:#?}", f.read_notes);
    // The merged 一级 label reaches every row; positions are spreadsheet rows and columns.
    assert_eq!(f.indicators.len(), 11);
    for (i, ind) in f.indicators.iter().enumerate() {
        let row = 14 + i as u32;
        assert_eq!(ind.line, row);
        assert_eq!(
            ind.level1.at.line, row,
            "一级 of row {row} read on its own row"
        );
        assert_eq!(ind.level1.at.column, 2);
    }
    assert_eq!(f.indicators[1].level1.value, "产出(50分)");
    assert_eq!(
        f.indicators[1].level2.as_ref().map(|l| l.value.as_str()),
        Some("数量")
    );
    // Number cells come back as printed: 7.50, 100%, 59.7.
    assert_eq!(
        f.indicators[0].weight.as_ref().map(|w| w.value.to_string()),
        Some("7.50".into())
    );
    assert_eq!(
        f.indicators[2].actual.as_ref().map(|a| a.text.as_str()),
        Some("100%")
    );
    let total = f.funds.total_row().expect("funds total row");
    assert_eq!(
        total.execution_rate.as_ref().map(|r| r.value.to_string()),
        Some("59.7".into())
    );
    assert_eq!((total.line, total.label.at.column), (6, 2));

    assert_same("xlsx vs seed text", &expected, &comparable(f));
}

#[test]
fn every_sheet_is_read_and_blank_sheets_are_skipped() {
    // Two sheets with the form, one empty sheet, one sheet of notes.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let rows = seed_rows();
    for name in ["甲", "空", "乙", "说明"] {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        match name {
            "甲" | "乙" => {
                for (r, row) in rows.iter().enumerate() {
                    for (c, text) in row.iter().enumerate() {
                        if !text.is_empty() {
                            ws.write_string(r as u32 + 2, c as u16 + 1, text)
                                .expect("write");
                        }
                    }
                }
            }
            "说明" => {
                ws.write_string(0, 0, "本表由单位填报").expect("write");
            }
            _ => {}
        }
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    let forms = read_forms("dir/两表.xlsx", &bytes, &ReadOptions::default());
    let paths: Vec<&str> = forms.iter().map(|f| f.source.path.as_str()).collect();
    assert_eq!(paths, ["dir/两表.xlsx#甲", "dir/两表.xlsx#乙"]);
    let expected = seed_reference();
    for f in &forms {
        assert!(f.is_complete());
        // Offset by two rows and one column: positions differ, the content does not.
        assert_eq!(
            f.title.as_ref().map(|t| (t.at.line, t.at.column)),
            Some((3, 2))
        );
        assert_same("text cells in xlsx", &expected, &comparable(f));
    }
}

#[test]
fn a_workbook_without_a_form_says_so() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .write_string(0, 0, "与自评表无关的内容")
        .expect("write");
    let bytes = wb.save_to_buffer().expect("xlsx");
    let forms = read_forms("other.xlsx", &bytes, &ReadOptions::default());
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].status.code(), "unreadable");

    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet();
    let bytes = wb.save_to_buffer().expect("xlsx");
    let forms = read_forms("blank.xlsx", &bytes, &ReadOptions::default());
    assert_eq!(forms.len(), 1);
    match &forms[0].status {
        jixiao_core::model::FormStatus::Unreadable { why } => {
            assert!(why.contains("blank.xlsx") && why.contains("空"), "{why}");
        }
        s => panic!("{s:?}"),
    }
}
