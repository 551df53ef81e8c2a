//! Generation throughput: `cargo run --release -p jixiao-gen --example throughput -- FORMS [DIR]`.
//! Without DIR the forms are generated and dropped; with DIR a corpus is written there.

use jixiao_gen::{GenOptions, generate, write_corpus};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let forms: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let opts = GenOptions {
        forms,
        ..GenOptions::default()
    };
    let start = Instant::now();
    match args.get(2) {
        Some(dir) => match write_corpus(&opts, std::path::Path::new(dir), 1000) {
            Ok(s) => println!(
                "wrote {} forms in {} files, {} truth entries, {} bytes, {}",
                s.forms, s.files, s.truth_entries, s.bytes, s.checksum
            ),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        },
        None => {
            let mut bytes = 0usize;
            generate(&opts, |g| bytes += g.text.len());
            println!("generated {forms} forms, {bytes} bytes");
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{secs:.2} s, {:.0} forms/s", forms as f64 / secs);
}
