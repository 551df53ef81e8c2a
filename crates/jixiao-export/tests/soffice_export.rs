//! Acceptance 2: the exported seed workbook opens in LibreOffice (headless) and prints: the PDF
//! holds every project name. Runs when `JIXIAO_TEST_SOFFICE` points at soffice (`.ci/run` sets
//! it); needs `pdftotext` (poppler-utils).

mod common;

use common::*;
use jixiao_export::xlsx::{XlsxOptions, to_xlsx};
use std::process::Command;

fn mark_ran(suite: &str) {
    if let Ok(dir) = std::env::var("JIXIAO_TEST_RAN_DIR") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(std::path::Path::new(&dir).join(suite), "ran\n");
    }
}

#[test]
fn exported_seed_xlsx_prints_in_libreoffice() {
    let Some(soffice) = std::env::var("JIXIAO_TEST_SOFFICE")
        .ok()
        .filter(|p| !p.is_empty())
    else {
        eprintln!(
            "skipped: set JIXIAO_TEST_SOFFICE=/usr/bin/soffice to run the LibreOffice export test"
        );
        return;
    };
    let forms = seed_forms();
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("seed-export.xlsx");
    std::fs::write(
        &xlsx,
        to_xlsx(&forms, XlsxOptions { findings: true }).expect("xlsx"),
    )
    .expect("write");
    let profile = dir.path().join("lo-profile");
    let out = Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("seed-export.pdf");
    assert!(pdf.is_file(), "no PDF written");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("run pdftotext (apt-get install poppler-utils)");
    assert!(text.status.success());
    // pdftotext may break a long name over two lines: compare without whitespace.
    let text: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for c in &forms {
        let name = &c.form.header.project_name.as_ref().expect("name").value;
        assert!(text.contains(name.as_str()), "PDF lacks {name}");
    }
    assert!(text.contains("项目支出绩效自评表") && text.contains("偏差原因分析及改进措施"));
    if let Ok(png_dir) = std::env::var("JIXIAO_EXPORT_PNG_DIR") {
        // For docs/screenshots: keep the PDF for pdftoppm.
        let _ = std::fs::copy(&pdf, std::path::Path::new(&png_dir).join("seed-export.pdf"));
    }
    mark_ran("soffice_export");
}
