//! `jixiao report` through the binary: HTML report of the seed, JSON summary, missing font.

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seed.txt");

fn jixiao() -> Command {
    Command::cargo_bin("jixiao").expect("binary built")
}

#[test]
fn html_report_of_the_seed_with_json_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("seed.html");
    let out = jixiao()
        .args(["report", "--to", "html", "--format", "json", SEED, "-o"])
        .arg(&out_path)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(v["to"], "html");
    assert_eq!(v["forms"], 16);
    assert_eq!(v["forms_in_full"], 16);
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(v["bytes"].as_u64().unwrap() as usize, html.len());
    assert!(html.contains("干部健康管理"));
    assert_eq!(html.matches("<section class=\"form\"").count(), 16);
}

#[test]
fn forms_limit_and_kind_from_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("seed.HTML");
    let out = jixiao()
        .args([
            "report",
            "--forms-limit",
            "2",
            "--format",
            "json",
            SEED,
            "-o",
        ])
        .arg(&out_path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(v["forms_in_full"], 2);
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert_eq!(html.matches("<section class=\"form\"").count(), 2);
}

#[test]
fn pdf_without_fonts_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("seed.pdf");
    let out = jixiao()
        .args(["report", "--to", "pdf", SEED, "--font-dir"])
        .arg(dir.path())
        .arg("-o")
        .arg(&out_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install fonts-noto-cjk"), "{err}");
    assert!(!out_path.exists());
}

#[test]
fn unknown_output_kind_is_a_usage_error() {
    let out = jixiao()
        .args(["report", SEED, "-o", "/tmp/x.docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--to"));
}
