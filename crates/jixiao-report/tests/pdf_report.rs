//! The PDF report of the seed, read back with pdf-extract: every project name, every printed and
//! recomputed total and every finding code is there as text. Runs when CJK fonts are installed
//! (`JIXIAO_TEST_FONTS` set: they must be; CI installs fonts-noto-cjk).

mod common;

use jixiao_report::{ReportError, ReportOptions, pdf_report};

fn mark_ran(suite: &str) {
    if let Ok(dir) = std::env::var("JIXIAO_TEST_RAN_DIR") {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(std::path::Path::new(&dir).join(suite), "ran\n");
    }
}

/// Text with every whitespace removed (typst puts spaces between CJK and Latin, and breaks lines).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `a + b` to two decimals without floats: both are printed with two decimals in expected.tsv.
fn add2(a: &str, b: &str) -> String {
    let cents = |s: &str| -> i64 {
        let (i, f) = s.split_once('.').unwrap_or((s, "0"));
        let f = format!("{f:0<2}");
        i.parse::<i64>().unwrap() * 100 + f[..2].parse::<i64>().unwrap()
    };
    let c = cents(a) + cents(b);
    format!("{}.{:02}", c / 100, c % 100)
}

#[test]
fn seed_pdf_has_names_totals_and_codes() {
    let forms = common::seed();
    let pdf = match pdf_report(&forms, &ReportOptions::default()) {
        Ok(pdf) => pdf,
        Err(ReportError::NoFont { .. }) if std::env::var_os("JIXIAO_TEST_FONTS").is_none() => {
            eprintln!(
                "skipped: no CJK font installed; set JIXIAO_TEST_FONTS (apt-get install fonts-noto-cjk)"
            );
            return;
        }
        Err(e) => panic!("{e}"),
    };
    assert!(pdf.starts_with(b"%PDF"));
    if let Ok(out) = std::env::var("JIXIAO_REPORT_PDF_OUT") {
        std::fs::write(out, &pdf).unwrap();
    }
    let text = squash(&pdf_extract::extract_text_from_mem(&pdf).expect("extractable text"));
    let expected = common::expected();
    assert_eq!(expected.len(), 16);
    for row in &expected {
        let name = squash(&row["project_name"]);
        assert!(text.contains(&name), "project name {name} missing");
        let printed = &row["total_printed"];
        assert!(
            text.contains(printed.as_str()),
            "printed total {printed} missing"
        );
        let computed = add2(
            &row["execution_score_two_stage"],
            &row["indicator_score_sum"],
        );
        assert!(
            text.contains(&computed),
            "computed total {computed} missing"
        );
    }
    let mut codes = 0;
    for c in &forms {
        for f in &c.findings {
            assert!(text.contains(f.code), "finding code {} missing", f.code);
            codes += 1;
        }
    }
    assert!(codes > 0);
    assert!(text.contains("第1页"), "page numbers");
    render_first_page(&pdf);
    mark_ran("report_pdf");
}

#[test]
fn no_font_is_a_clear_chinese_error() {
    let dir = std::env::temp_dir().join(format!("jixiao-report-nofonts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let opts = ReportOptions {
        font_dir: Some(dir.clone()),
        ..ReportOptions::default()
    };
    let err = pdf_report(&common::seed(), &opts).unwrap_err();
    assert!(matches!(err, ReportError::NoFont { .. }));
    let msg = err.to_string();
    assert!(msg.contains("未找到中文字体"), "{msg}");
    assert!(msg.contains("apt-get install fonts-noto-cjk"), "{msg}");
    let _ = std::fs::remove_dir(&dir);
}

#[test]
fn add2_by_hand() {
    assert_eq!(add2("5.98", "90.00"), "95.98");
    assert_eq!(add2("10.00", "90"), "100.00");
}

/// With poppler's `pdftoppm` installed, the first page renders to a non-trivial PNG.
fn render_first_page(pdf: &[u8]) {
    let dir = std::env::temp_dir().join(format!("jixiao-report-png-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("r.pdf");
    std::fs::write(&input, pdf).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&input)
        .arg(dir.join("p"))
        .status();
    match status {
        Ok(s) => {
            assert!(s.success(), "pdftoppm failed");
            let png = std::fs::read(dir.join("p.png")).unwrap();
            assert!(png.len() > 5_000, "page 1 renders to an almost empty image");
        }
        Err(_) => eprintln!("pdftoppm not installed: page rendering not checked"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}
