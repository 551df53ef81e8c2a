//! `jixiao check` through the binary: exit codes, bad input, encodings, batches.

use assert_cmd::Command;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn jixiao() -> Command {
    Command::cargo_bin("jixiao").expect("binary built")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

fn check_json(args: &[&str]) -> (i32, Value, String) {
    let out = jixiao()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .expect("run");
    let code = out.status.code().unwrap_or(-1);
    let json: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    (
        code,
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn forms(v: &Value) -> &Vec<Value> {
    v["forms"].as_array().expect("forms array")
}

fn seed_path() -> String {
    format!(
        "{}/../../tests/fixtures/seed.txt",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn seed_json_has_sixteen_complete_forms_with_printed_totals() {
    let (_, v, _) = check_json(&[&seed_path()]);
    let fs = forms(&v);
    assert_eq!(fs.len(), 16);
    let totals: Vec<&str> = fs
        .iter()
        .map(|f| f["total"]["computed"].as_str().unwrap())
        .collect();
    assert_eq!(&totals[..3], &["95.98", "99.95", "95.24"]);
    for f in fs {
        assert_eq!(f["status"], "complete");
        assert_eq!(f["total"]["computed"], f["total"]["printed"]);
        let total_row = &f["funds"]["rows"][0];
        assert_eq!(total_row["kind"], "total_funds");
        assert_eq!(
            total_row["score"]["computed"],
            total_row["score"]["printed"]
        );
    }
    assert_eq!(fs[2]["header"]["project_name"], "离退休干部管理和服务");
    assert_eq!(v["summary"]["forms"], 16);
}

#[test]
fn text_output_is_chinese_and_names_lines() {
    let out = jixiao().arg("check").arg(seed_path()).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("干部健康管理"));
    assert!(s.contains("预算执行得分"));
    assert!(s.contains("共 1 个文件，16 张表"));
}

#[test]
fn printed_indicator_score_differing_from_the_rule_shows_both() {
    let (code, v, _) = check_json(&[&seed_path()]);
    assert_eq!(code, 1, "the seed has real error-level defects");
    let f = forms(&v)
        .iter()
        .find(|f| f["header"]["project_name"] == "其他管理事务")
        .unwrap();
    let ind = f["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["target"]["text"] == "1000件")
        .unwrap();
    // 100 of 1000 → 10.00% of 5 points = 0.50; the form prints 1.00.
    assert_eq!(ind["score"]["printed"], "1.00");
    assert_eq!(ind["score"]["computed"], "0.50");
    let finding = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "JX402")
        .unwrap();
    assert_eq!(finding["indicator"], ind["name"]);
    assert_eq!(finding["line"], ind["line"]);
}

#[test]
fn gb18030_and_utf16_read_like_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, bad) = encoding_rs::GB18030.encode(SEED);
    assert!(!bad);
    let gb = write(dir.path(), "seed-gb18030.txt", &gbk);
    let mut le = vec![0xFF, 0xFE];
    for u in SEED.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let u16 = write(dir.path(), "seed-utf16.txt", &le);
    let (_, base, _) = check_json(&[&seed_path()]);
    for p in [gb, u16] {
        let (_, v, _) = check_json(&[p.to_str().unwrap()]);
        assert_eq!(forms(&v).len(), 16);
        for (a, b) in forms(&v).iter().zip(forms(&base)) {
            assert_eq!(a["header"], b["header"]);
            assert_eq!(a["indicators"], b["indicators"]);
            assert_eq!(a["total"], b["total"]);
        }
    }
}

#[test]
fn empty_and_binary_files_are_unreadable_with_exit_2_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 4096));
    let bin = write(dir.path(), "picture.txt", &png);
    let (code, v, stderr) =
        check_json(&[empty.to_str().unwrap(), &seed_path(), bin.to_str().unwrap()]);
    assert_eq!(code, 2);
    let fs = forms(&v);
    assert_eq!(
        fs.len(),
        18,
        "both bad files reported, the seed's 16 forms still checked"
    );
    assert_eq!(fs[0]["status"], "unreadable");
    assert!(
        fs[0]["status_detail"]["why"]
            .as_str()
            .unwrap()
            .contains("空")
    );
    assert_eq!(fs[17]["status"], "unreadable");
    assert!(stderr.contains("empty.txt") && stderr.contains("picture.txt"));
}

#[test]
fn missing_path_is_named_and_exits_2() {
    let (code, v, stderr) = check_json(&["no/such/form.txt", &seed_path()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such/form.txt"));
    assert!(stderr.contains("不存在"));
    assert_eq!(forms(&v).len(), 17);
}

#[test]
fn a_form_cut_in_the_middle_is_incomplete_without_a_total() {
    let dir = tempfile::tempdir().unwrap();
    let cut: String = SEED.lines().take(22).collect::<Vec<_>>().join("\n");
    let p = write(dir.path(), "cut.txt", cut.as_bytes());
    let (code, v, _) = check_json(&[p.to_str().unwrap()]);
    let f = &forms(&v)[0];
    assert_eq!(f["status"], "incomplete");
    assert_eq!(f["status_detail"]["stops_in"], "年度绩效指标");
    assert_eq!(f["status_detail"]["line"], 22);
    assert!(f["total"]["computed"].is_null());
    assert!(f["grade"]["computed"].is_null());
    assert!(
        f["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["code"] == "JX002")
    );
    assert_eq!(code, 1);
}

#[test]
fn a_header_with_no_table_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let text = "项目支出绩效自评表\n\n项目编码:\t4403\t项目名称:\t测试项目\t绩效自评年度:\t2022\n实施单位:\t某单位\t一级预算单位:\t某部门\n";
    let p = write(dir.path(), "header-only.txt", text.as_bytes());
    let (_, v, _) = check_json(&[p.to_str().unwrap()]);
    let f = &forms(&v)[0];
    assert_eq!(f["status"], "incomplete");
    assert_eq!(f["status_detail"]["stops_in"], "表头");
    assert_eq!(f["header"]["project_name"], "测试项目");
    assert!(f["total"]["computed"].is_null());
}

#[test]
fn stdin_is_read_with_dash() {
    let out = jixiao()
        .args(["check", "--format", "json", "-"])
        .write_stdin(SEED)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(forms(&v).len(), 16);
    assert_eq!(forms(&v)[0]["source"]["path"], "-");
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", SEED.as_bytes());
    write(dir.path(), "a.txt", SEED.as_bytes());
    write(dir.path(), "ignored.png", b"\x89PNG");
    let (_, v, _) = check_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(forms(&v).len(), 32);
    assert!(
        forms(&v)[0]["source"]["path"]
            .as_str()
            .unwrap()
            .ends_with("a.txt")
    );
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn unknown_profile_is_a_usage_error() {
    let out = jixiao()
        .args(["check", "--profile", "nowhere", &seed_path()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

/// 100 MB of junk: finishes, reports no form, and memory stays bounded (a few times the input).
#[test]
fn a_100_mb_junk_file_finishes_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("junk.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        let mut x: u64 = 0x2545F4914F6CDD1D;
        let mut written = 0usize;
        let words = [
            "资金", "\t", "项目", "99.5", "—", "总分", "abc", " ", "%", "得分",
        ];
        while written < 100 * 1024 * 1024 {
            let mut line = String::new();
            for _ in 0..12 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                line.push_str(words[(x % words.len() as u64) as usize]);
            }
            line.push('\n');
            written += line.len();
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    let bin = assert_cmd::cargo::cargo_bin("jixiao");
    let status = std::process::Command::new(bin)
        .args(["check", "--format", "json", p.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2), "no form in junk → unreadable");
    let max_rss_kib = children_max_rss_kib();
    assert!(
        max_rss_kib < 1024 * 1024,
        "peak RSS {max_rss_kib} KiB on a 100 MB input"
    );
}

fn children_max_rss_kib() -> i64 {
    // SAFETY: getrusage writes into the zeroed struct we pass.
    unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru);
        ru.ru_maxrss
    }
}

#[test]
fn family_is_in_the_json_and_the_text_header() {
    let (_, v, _) = check_json(&[&seed_path()]);
    for f in forms(&v) {
        assert_eq!(f["family"], "central");
    }
    let out = jixiao()
        .arg("check")
        .arg(seed_path())
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    let headers = text.lines().filter(|l| l.contains("实施单位：")).count();
    let with_family = text
        .lines()
        .filter(|l| l.contains("表式：中央通用表式（central）"))
        .count();
    assert_eq!(headers, 16, "{text}");
    assert_eq!(with_family, 16, "{text}");
}

/// 河北 weighted forms: the summary adds up the 折算得分 (hand-checked in the fixture: 18.67 +
/// 30.00 + 40.00 + 10.00 printed = 98.67; by rule 90 × 30% = 27.00, so 95.67), not the
/// 单项指标得分 (383.33).
#[test]
fn weighted_forms_sum_their_weighted_scores_in_the_text_summary() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../jixiao-core/tests/fixtures/families/hebei_weighted_mismatch.txt");
    let out = jixiao().arg("check").arg(&p).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    let row = text
        .lines()
        .find(|l| l.contains("得分合计"))
        .unwrap_or_default()
        .to_string();
    assert!(row.contains("折算得分合计（4项）"), "{text}");
    assert!(
        row.contains("98.67") && row.contains("95.67（按规则）"),
        "{row}"
    );
}
