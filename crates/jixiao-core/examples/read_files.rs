//! Read (and score and check) text files with the core alone, one thread: a quick loop for
//! profiling and comparing the read side without building the CLI and its heavy crates.
//!
//! `cargo run --release -p jixiao-core --example read_files -- [--stage read|score|check]
//! [--jsonl] FILE…`: prints the number of forms, or with `--jsonl` one `form_json` line per
//! form (the lines `jixiao check --format jsonl --no-batch` prints for text files, without
//! its closing summary line).

use jixiao_core::output::json::form_json;
use jixiao_core::pipeline::{self, CheckOptions, Stage};
use jixiao_core::read::{self, ReadOptions};
use std::io::Write;

fn main() {
    let mut stage = Stage::Check;
    let mut jsonl = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--jsonl" => jsonl = true,
            "--stage" => {
                stage = match args.next().as_deref() {
                    Some("read") => Stage::Read,
                    Some("score") => Stage::Score,
                    _ => Stage::Check,
                }
            }
            _ => files.push(a),
        }
    }
    let read_options = ReadOptions::default();
    let check_options = CheckOptions::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut forms = 0usize;
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        for f in read::read_bytes(path, &bytes, &read_options) {
            let c = pipeline::process_form(f, &check_options, stage);
            forms += 1;
            if jsonl {
                let line = serde_json::to_string(&form_json(&c)).unwrap_or_default();
                let _ = writeln!(out, "{line}");
            }
        }
    }
    if !jsonl {
        let _ = writeln!(out, "{forms} forms");
    }
}
