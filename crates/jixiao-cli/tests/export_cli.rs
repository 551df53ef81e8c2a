//! `jixiao export`: every target writes what it says, `--format json` reports it, exit codes.

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seed.txt");

fn jixiao() -> Command {
    Command::cargo_bin("jixiao").expect("binary")
}

#[test]
fn export_each_target_and_report_in_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (to, out, files) in [
        ("xlsx", "seed.xlsx", vec!["seed.xlsx"]),
        ("json", "seed.json", vec!["seed.json"]),
        (
            "csv",
            "csv",
            vec!["forms.csv", "funds.csv", "indicators.csv", "findings.csv"],
        ),
        (
            "parquet",
            "pq",
            vec![
                "forms.parquet",
                "funds.parquet",
                "indicators.parquet",
                "findings.parquet",
            ],
        ),
    ] {
        let out_path = dir.path().join(out);
        let output = jixiao()
            .args([
                "export",
                "--to",
                to,
                "--findings",
                "--format",
                "json",
                SEED,
                "-o",
            ])
            .arg(&out_path)
            .output()
            .expect("run");
        // The seed has error-level findings (seed review): exit 1, files still written.
        assert_eq!(
            output.status.code(),
            Some(1),
            "{to}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let report: Value = serde_json::from_slice(&output.stdout).expect("json report");
        assert_eq!(report["to"], to);
        assert_eq!(report["forms_written"], 16);
        assert_eq!(report["summary"]["forms"], 16);
        let written = report["written"].as_array().expect("written");
        assert_eq!(written.len(), files.len(), "{to}");
        for f in files {
            let p = if files_in_dir(to) {
                out_path.join(f)
            } else {
                out_path.clone()
            };
            assert!(p.is_file(), "{to}: {} missing", p.display());
            assert!(std::fs::metadata(&p).expect("meta").len() > 100);
        }
    }
    // The JSON export is the check JSON contract.
    let doc: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("seed.json")).expect("read"))
            .expect("json");
    assert_eq!(doc["forms"].as_array().map(Vec::len), Some(16));
    assert_eq!(doc["forms"][0]["total"]["printed"], "95.98");
}

fn files_in_dir(to: &str) -> bool {
    matches!(to, "csv" | "parquet")
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    // csv wants a directory, not a file.
    let file = dir.path().join("x.txt");
    std::fs::write(&file, "x").expect("write");
    let out = jixiao()
        .args(["export", "--to", "csv", SEED, "-o"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("应为目录"));
    // A missing input: reported, exit 2, the rest still exported.
    let out = jixiao()
        .args(["export", "--to", "json", SEED, "no-such-file.txt", "-o"])
        .arg(dir.path().join("o.json"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件不存在"));
    let doc: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("o.json")).expect("read"))
            .expect("json");
    assert_eq!(doc["forms"].as_array().map(Vec::len), Some(17));
}
