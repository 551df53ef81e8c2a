//! Acceptance 2: the same seed form as GBK text, UTF-16 text and an HTML table (rowspan on 一级)
//! reads to the same form JSON; through LibreOffice (when installed) also as PDF (two layouts),
//! .xls and .ods.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use jixiao_io::{Format, ReadOptions, detect_format, read_forms};
use serde_json::Value;

fn read_one(path: &str, bytes: &[u8]) -> Value {
    let forms = read_forms(path, bytes, &ReadOptions::default());
    assert_eq!(forms.len(), 1, "{path}: {forms:#?}");
    assert!(forms[0].is_complete(), "{path}: {:?}", forms[0].status);
    comparable(&forms[0])
}

#[test]
fn gbk_text_reads_like_utf8() {
    let expected = seed_reference();
    let text = seed_form1();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert_eq!(detect_format("seed-gbk.txt", &gbk), Format::Text);
    assert_same("GBK", &expected, &read_one("seed-gbk.txt", &gbk));
}

#[test]
fn utf16_text_reads_like_utf8() {
    let expected = seed_reference();
    let text = seed_form1();
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_same(
        "UTF-16LE with BOM",
        &expected,
        &read_one("seed-le.txt", &le),
    );
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_same(
        "UTF-16BE without BOM",
        &expected,
        &read_one("seed-be.csv", &be),
    );
}

#[test]
fn html_table_with_rowspans_reads_like_the_text() {
    let expected = seed_reference();
    let html = official_html();
    assert!(html.contains("rowspan=\"5\">产出(50分)"));
    assert_eq!(detect_format("seed.html", html.as_bytes()), Format::Html);
    assert_same("HTML", &expected, &read_one("seed.html", html.as_bytes()));
    // Systems that export "Excel" as an HTML table: the bytes decide, not the extension.
    assert_eq!(detect_format("导出.xls", html.as_bytes()), Format::Html);
    assert_same(
        "HTML as .xls",
        &expected,
        &read_one("导出.xls", html.as_bytes()),
    );
    // GBK-encoded HTML.
    let gbk_html = html.replace("utf-8", "gbk");
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_html);
    assert_same("GBK HTML", &expected, &read_one("seed.htm", &gbk));
}

#[test]
fn text_renamed_to_xls_is_read_as_text() {
    let expected = seed_reference();
    let text = seed_form1();
    assert_eq!(detect_format("导出.xls", text.as_bytes()), Format::Text);
    assert_same(
        "TSV as .xls",
        &expected,
        &read_one("导出.xls", text.as_bytes()),
    );
}

/// LibreOffice, when `JIXIAO_TEST_SOFFICE` points at it (`.ci/run` installs it and sets it).
fn soffice() -> Option<String> {
    std::env::var("JIXIAO_TEST_SOFFICE")
        .ok()
        .filter(|p| !p.is_empty())
}

/// Tell `.ci/run` that a suite needing an external program really ran.
fn mark_ran(suite: &str) {
    if let Ok(dir) = std::env::var("JIXIAO_TEST_RAN_DIR") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(std::path::Path::new(&dir).join(suite), "ran\n");
    }
}

/// Convert `input` to `ext` with LibreOffice headless; the converted file's bytes.
fn convert(soffice: &str, dir: &Path, input: &Path, ext: &str) -> Vec<u8> {
    let profile = dir.join("lo-profile");
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", ext, "--outdir"])
        .arg(dir)
        .arg(input)
        .output()
        .expect("run soffice");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let out = dir.join(input.with_extension(ext).file_name().expect("name"));
    std::fs::read(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()))
}

#[test]
fn office_round_trips_pdf_xls_ods() {
    let Some(soffice) = soffice() else {
        eprintln!(
            "skipped: LibreOffice round trip (set JIXIAO_TEST_SOFFICE=/usr/bin/soffice to run it)"
        );
        return;
    };
    let expected = seed_reference();
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("seed.xlsx");
    std::fs::write(&xlsx, official_xlsx()).expect("write xlsx");

    // PDF: the same form JSON as the seed text.
    let pdf = convert(&soffice, dir.path(), &xlsx, "pdf");
    assert_eq!(detect_format("seed.pdf", &pdf), Format::Pdf);
    let forms = read_forms("seed.pdf", &pdf, &ReadOptions::default());
    assert_eq!(forms.len(), 1, "{forms:#?}");
    assert!(forms[0].is_complete(), "{:?}", forms[0].status);
    // The whole form reads like the seed text: merged 一级/二级 labels that the PDF prints once,
    // mid-block, are given to every row of their block by the reader, and the two goal texts,
    // which wrap over two lines side by side, are split at the cell border (a ruling line
    // between their characters) and their wrapped pieces joined within their ruled cells.
    let got = comparable(&forms[0]);
    assert_same("PDF", &expected, &got);
    let goal = |k: &str| {
        got["overall_goal"][k]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        goal("expected").starts_with("发放在职处级11人")
            && goal("expected").ends_with("退休局级3人15000。")
    );
    assert!(
        goal("achieved").starts_with("严格按照标准划拨疗养费")
            && goal("achieved").ends_with("预计2023年继续使用")
    );

    // Narrow columns: indicator names wrap onto two lines, the row's other cells sit centred
    // between them on a line of their own; the ruled cells put them back together.
    let narrow = dir.path().join("narrow.xlsx");
    std::fs::write(
        &narrow,
        official_xlsx_with(
            &[10.0, 12.0, 9.0, 14.0, 10.0, 12.0, 8.0, 8.0, 12.0],
            Some(26.0),
        ),
    )
    .expect("write xlsx");
    let pdf = convert(&soffice, dir.path(), &narrow, "pdf");
    let forms = read_forms("narrow.pdf", &pdf, &ReadOptions::default());
    assert_eq!(forms.len(), 1, "{forms:#?}");
    assert_same("narrow PDF", &expected, &comparable(&forms[0]));

    // Legacy .xls: merges through merge_cells_by_sheet_name, number formats from the BIFF
    // FORMAT/XF records (calamine gives none for xls): 108000.00 keeps its decimals and a
    // 100% cell reads 100%, so the form reads exactly like the seed.
    let xls = convert(&soffice, dir.path(), &xlsx, "xls");
    assert_eq!(detect_format("seed.xls", &xls), Format::Xls);
    let got = read_one("seed.xls", &xls);
    assert_same("xls", &expected, &got);
    assert_eq!(got["indicators"][2]["actual"]["text"], "100%");
    assert_eq!(got["indicators"][0]["weight"], "7.50");
    assert_eq!(got["funds"]["rows"][0]["initial_budget"], "108000.00");

    // ODS: merges, percent cells and the shown text of number cells (its decimals) come from
    // content.xml (calamine reports none of them): the form reads exactly like the seed.
    let ods = convert(&soffice, dir.path(), &xlsx, "ods");
    assert_eq!(detect_format("seed.ods", &ods), Format::Ods);
    let got = read_one("seed.ods", &ods);
    assert_same("ods", &expected, &got);
    assert_eq!(got["indicators"][0]["weight"], "7.50");
    mark_ran("soffice");
}

#[test]
fn comma_separated_text_reads_like_the_text() {
    let expected = seed_reference();
    let quote = |c: &str| {
        if c.contains([',', '"', '\n']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.to_string()
        }
    };
    let csv: String = seed_form1()
        .lines()
        .map(|l| {
            let cells: Vec<String> = l.split('\t').map(quote).collect();
            format!("{}\r\n", cells.join(","))
        })
        .collect();
    assert!(!csv.contains('\t'));
    assert_same("CSV", &expected, &read_one("seed.csv", csv.as_bytes()));
}
