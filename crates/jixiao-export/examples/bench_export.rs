//! Export throughput: N generated forms (default 10,000; both profiles) are read and checked
//! once, then exported to each format; prints forms/s per format.
//!
//! `cargo run --release -p jixiao-export --example bench_export -- [N] [OUT_DIR]`
//! (or `bash bench/export.sh`).

use jixiao_core::pipeline::{CheckedForm, check_form};
use jixiao_core::read::{ReadOptions, read_bytes};
use jixiao_export::{Options, Target, export};
use jixiao_gen::{GenOptions, generate};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let out = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("jixiao-export-bench"));
    let _ = std::fs::create_dir_all(&out);
    let t = Instant::now();
    let mut forms: Vec<CheckedForm> = Vec::with_capacity(n);
    for profile in ["shenzhen_2022", "central_2020"] {
        let opts = GenOptions {
            forms: n / 2 + n % 2 * usize::from(profile == "shenzhen_2022"),
            seed: 42,
            profile: profile.to_string(),
            ..GenOptions::default()
        };
        generate(&opts, |g| {
            let path = format!("{profile}-{}.txt", g.index);
            for f in read_bytes(&path, g.text.as_bytes(), &ReadOptions::default()) {
                forms.push(check_form(f));
            }
        });
    }
    let indicators: usize = forms.iter().map(|c| c.form.indicators.len()).sum();
    eprintln!(
        "prepared {} forms ({indicators} indicators) in {:.1} s (generate + read + check, not timed below)",
        forms.len(),
        t.elapsed().as_secs_f64()
    );
    println!("format\tfindings\tforms\tseconds\tforms_per_s\tbytes");
    for target in [Target::Xlsx, Target::Csv, Target::Json, Target::Parquet] {
        for findings in [false, true] {
            if findings && target == Target::Json {
                continue;
            }
            let path = if target.is_directory() {
                out.join(format!("{}-{findings}", target.name()))
            } else {
                out.join(format!("out-{findings}.{}", target.name()))
            };
            let t = Instant::now();
            let written = match export(&forms, target, &path, Options { findings }) {
                Ok(w) => w,
                Err(e) => {
                    eprintln!("{}: {e}", target.name());
                    std::process::exit(2);
                }
            };
            let secs = t.elapsed().as_secs_f64();
            let bytes: u64 = written
                .iter()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum();
            println!(
                "{}\t{findings}\t{}\t{secs:.2}\t{:.0}\t{bytes}",
                target.name(),
                forms.len(),
                forms.len() as f64 / secs
            );
        }
    }
}
