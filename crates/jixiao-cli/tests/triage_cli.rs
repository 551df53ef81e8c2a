//! Rule selection, severity overrides, accepted findings, archives and streaming output.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn jixiao() -> Command {
    Command::cargo_bin("jixiao").expect("binary built")
}

fn seed_in(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, SEED).unwrap();
    p
}

fn json(args: &[&str], cwd: &Path) -> (i32, Value) {
    let out = jixiao()
        .current_dir(cwd)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
    )
}

fn codes(v: &Value) -> Vec<String> {
    v["forms"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().iter())
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn select_and_ignore_limit_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path(), "seed.txt");
    let (_, v) = json(&["--select", "JX4", seed.to_str().unwrap()], dir.path());
    let c = codes(&v);
    assert!(
        !c.is_empty() && c.iter().all(|c| c.starts_with("JX4")),
        "{c:?}"
    );
    let (_, v) = json(&["--ignore", "JX4,JX5", seed.to_str().unwrap()], dir.path());
    let c = codes(&v);
    assert!(
        c.iter()
            .all(|c| !c.starts_with("JX4") && !c.starts_with("JX5"))
    );
    assert!(c.iter().any(|c| c.starts_with("JX1")));
}

#[test]
fn severity_override_changes_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path(), "seed.txt");
    let (code, v) = json(&["--select", "JX402", seed.to_str().unwrap()], dir.path());
    assert_eq!(code, 1);
    assert!(codes(&v).iter().all(|c| c == "JX402"));
    let (code, v) = json(
        &[
            "--select",
            "JX402",
            "--severity",
            "JX402=warning",
            seed.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "no error-level finding left");
    let sev: Vec<&str> = v["forms"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().iter())
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert!(!sev.is_empty() && sev.iter().all(|s| *s == "warning"));
}

#[test]
fn jixiao_toml_in_the_working_directory_is_used_and_bad_config_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path(), "seed.txt");
    std::fs::write(
        dir.path().join("jixiao.toml"),
        "select = [\"JX601\", \"JX102\"]\n",
    )
    .unwrap();
    let (code, v) = json(&[seed.to_str().unwrap()], dir.path());
    assert_eq!(code, 0, "the seed's totals and execution scores are right");
    assert!(codes(&v).is_empty());
    std::fs::write(
        dir.path().join("jixiao.toml"),
        "[severity]\nJX402 = \"loud\"\n",
    )
    .unwrap();
    let out = jixiao()
        .current_dir(dir.path())
        .args(["check", seed.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("jixiao.toml") && err.contains("JX402"),
        "{err}"
    );
}

#[test]
fn accepted_findings_are_reported_as_accepted_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path(), "seed.txt");
    let (_, before) = json(&["--select", "JX402", seed.to_str().unwrap()], dir.path());
    let n = codes(&before).len();
    assert!(n >= 2);
    std::fs::write(
        dir.path().join("seed.txt.jixiao-accept.toml"),
        "[[accept]]\ncode = \"JX402\"\nproject_code = \"440303210301500004684\"\nreason = \"经复核，维修量下降系设备更新所致\"\n",
    )
    .unwrap();
    let (_, after) = json(&["--select", "JX402", seed.to_str().unwrap()], dir.path());
    assert_eq!(codes(&after).len(), n, "accepted findings are kept");
    let accepted: Vec<&Value> = after["forms"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().iter())
        .filter(|f| !f["accepted"].is_null())
        .collect();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["accepted"], "经复核，维修量下降系设备更新所致");
    assert_eq!(
        after["summary"]["errors"].as_u64().unwrap() + 1,
        before["summary"]["errors"].as_u64().unwrap()
    );
}

#[test]
fn archives_and_globs_are_read_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = seed_in(dir.path(), "a.txt");
    let zip_path = dir.path().join("forms.zip");
    {
        let f = std::fs::File::create(&zip_path).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let o = zip::write::SimpleFileOptions::default();
        z.start_file("x/seed.txt", o).unwrap();
        std::io::Write::write_all(&mut z, SEED.as_bytes()).unwrap();
        z.start_file("notes.md", o).unwrap();
        std::io::Write::write_all(&mut z, b"ignored").unwrap();
        z.finish().unwrap();
    }
    let (_, v) = json(
        &[
            zip_path.to_str().unwrap(),
            &format!("{}/*.txt", dir.path().display()),
        ],
        dir.path(),
    );
    let forms = v["forms"].as_array().unwrap();
    assert_eq!(forms.len(), 32);
    assert!(
        forms[0]["source"]["path"]
            .as_str()
            .unwrap()
            .ends_with("forms.zip!x/seed.txt")
    );
    assert_eq!(forms[16]["source"]["path"], a.to_str().unwrap());
}

#[test]
fn jsonl_streams_one_form_per_line_then_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_in(dir.path(), "seed.txt");
    let out = jixiao()
        .args([
            "check",
            "--format",
            "jsonl",
            seed.to_str().unwrap(),
            seed.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 33);
    assert_eq!(lines[0]["header"]["project_name"], "干部健康管理");
    assert_eq!(lines[16]["header"]["project_name"], "干部健康管理");
    assert_eq!(lines[32]["summary"]["forms"], 32);
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for i in 0..6 {
        paths.push(
            seed_in(dir.path(), &format!("s{i}.txt"))
                .display()
                .to_string(),
        );
    }
    let run = |jobs: &str| {
        let out = jixiao()
            .args(["check", "--format", "jsonl", "--jobs", jobs])
            .args(&paths)
            .output()
            .unwrap();
        out.stdout
    };
    assert_eq!(run("1"), run("2"));
}
