//! A large text file is streamed in pieces read in parallel (`JIXIAO_PIECE_BYTES` forces tiny
//! pieces here): the output is exactly that of reading the file whole, in the same order.

use assert_cmd::Command;
use std::path::Path;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn check(args: &[&str], piece_bytes: Option<&str>) -> (i32, String) {
    let mut cmd = Command::cargo_bin("jixiao").expect("binary built");
    cmd.arg("check").args(args);
    match piece_bytes {
        Some(n) => cmd.env("JIXIAO_PIECE_BYTES", n),
        None => cmd.env_remove("JIXIAO_PIECE_BYTES"),
    };
    let out = cmd.output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p.display().to_string()
}

#[test]
fn streamed_pieces_give_the_output_of_the_whole_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 16 seed forms three times, a page title before one of them (a title-only form that the
    // reader retitles), CRLF line ends in the middle copy, and a small file after the big one.
    let crlf = SEED.replace('\n', "\r\n");
    let text = format!("{SEED}部门项目支出绩效自评表\n\n{crlf}{SEED}");
    let big = write(dir.path(), "big.txt", &text);
    let small = write(dir.path(), "small.txt", SEED);
    for format in ["jsonl", "json", "summary"] {
        let args = ["--format", format, big.as_str(), small.as_str()];
        let (code_whole, whole) = check(&args, None);
        for piece in ["1", "3000", "40000"] {
            let (code, streamed) = check(&args, Some(piece));
            assert_eq!(code, code_whole, "{format} piece {piece}");
            assert_eq!(streamed, whole, "{format} piece {piece}");
        }
        if format == "jsonl" {
            // 48 forms of the big file, 16 of the small one, and the summary line.
            assert_eq!(whole.lines().count(), 48 + 16 + 1);
        }
    }
}

#[test]
fn a_big_file_without_forms_is_unreadable_like_a_small_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "甲\t乙\n丙\t丁\n".repeat(2000);
    let big = write(dir.path(), "junk.txt", &text);
    let args = ["--format", "jsonl", big.as_str()];
    let (code_whole, whole) = check(&args, None);
    let (code, streamed) = check(&args, Some("1000"));
    assert_eq!(code_whole, 2);
    assert_eq!(code, code_whole);
    assert_eq!(streamed, whole);
}
