//! Shared test helpers: the seed forms, checked with batch rules, and the expected figures.

use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;

/// Path of a file relative to the workspace root.
pub fn root(rel: &str) -> String {
    format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// The 16 seed forms, read, scored, checked, with the batch rules run.
pub fn seed() -> Vec<CheckedForm> {
    let path = root("tests/fixtures/seed.txt");
    let bytes = std::fs::read(&path).expect("seed fixture");
    let mut forms = pipeline::check_bytes(&path, &bytes, &ReadOptions::default());
    pipeline::check_batch(&mut forms);
    forms
}

/// Rows of `tests/fixtures/seed-expected.tsv` (a copy of `../shared/seed/expected.tsv`) as
/// (header → value) maps.
pub fn expected() -> Vec<std::collections::HashMap<String, String>> {
    let text =
        std::fs::read_to_string(root("tests/fixtures/seed-expected.tsv")).expect("expected.tsv");
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            head.iter()
                .zip(l.split('\t'))
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}
