//! Same options → same bytes; another seed → other forms; truth points at real cells.

use jixiao_gen::{GenOptions, GeneratedForm, Rendering, generate, write_corpus};
use std::fs;
use std::path::Path;

fn collect(opts: &GenOptions) -> Vec<GeneratedForm> {
    let mut v = Vec::new();
    generate(opts, |g| v.push(g));
    v
}

fn opts(seed: u64) -> GenOptions {
    GenOptions {
        forms: 300,
        seed,
        defect_rate: 0.5,
        renderings: vec![Rendering::Tsv, Rendering::Pipe],
        ..GenOptions::default()
    }
}

#[test]
fn same_seed_same_forms_other_seed_other_forms() {
    let a = collect(&opts(42));
    let b = collect(&opts(42));
    assert_eq!(a, b);
    let c = collect(&opts(43));
    let same = a.iter().zip(&c).filter(|(x, y)| x.text == y.text).count();
    assert_eq!(same, 0, "{same} forms identical across seeds 42 and 43");
    // A form does not depend on the forms before it.
    let one = jixiao_gen::generate_one(&opts(42), 123);
    assert_eq!(one, a[123]);
}

fn read_dir_sorted(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| {
            let p = e.expect("entry").path();
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            (name, fs::read(&p).expect("read"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn write_corpus_is_byte_identical_and_truth_points_at_cells() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (d1, d2, d3) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    let o = GenOptions {
        renderings: vec![Rendering::Tsv],
        ..opts(7)
    };
    let s1 = write_corpus(&o, &d1, 64).expect("write a");
    let s2 = write_corpus(&o, &d2, 64).expect("write b");
    assert_eq!(s1, s2);
    let (f1, f2) = (read_dir_sorted(&d1), read_dir_sorted(&d2));
    assert_eq!(f1, f2, "two runs with the same options differ");
    let names: Vec<&str> = f1.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "forms-00000.txt",
            "forms-00001.txt",
            "forms-00002.txt",
            "forms-00003.txt",
            "forms-00004.txt",
            "manifest.json",
            "truth.jsonl"
        ]
    );
    assert_eq!(s1.files, 5);
    assert!(
        s1.defective_forms > 100 && s1.defective_forms < 200,
        "{s1:?}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(d1.join("manifest.json")).expect("manifest"))
            .expect("json");
    assert_eq!(manifest["summary"]["checksum"], s1.checksum.as_str());
    assert_eq!(manifest["options"]["seed"], 7);

    // Another chunking: the same forms, the same truth (up to file and line offsets).
    write_corpus(&o, &d3, 1000).expect("write c");
    let concat = |files: &[(String, Vec<u8>)]| -> Vec<u8> {
        files
            .iter()
            .filter(|(n, _)| n.starts_with("forms-"))
            .flat_map(|(_, b)| b.clone())
            .collect()
    };
    let f3 = read_dir_sorted(&d3);
    assert_eq!(concat(&f1), concat(&f3));

    // Every truth entry names a line of its file and a cell on that line.
    let truth = fs::read_to_string(d1.join("truth.jsonl")).expect("truth");
    let mut entries = 0;
    for line in truth.lines() {
        let t: serde_json::Value = serde_json::from_str(line).expect("truth line");
        let file = t["file"].as_str().expect("file");
        let text = fs::read_to_string(d1.join(file)).expect("form file");
        let n = t["line"].as_u64().expect("line") as usize;
        let row = text.lines().nth(n - 1).expect("line in file");
        let col = t["column"].as_u64().expect("column") as usize;
        assert!(!row.is_empty(), "{line}: blank line");
        if col > 0 {
            assert!(
                row.split('\t').count() >= col,
                "{line}: no column {col} in {row:?}"
            );
        }
        let cell = if col > 0 {
            row.split('\t').nth(col - 1).unwrap_or("")
        } else {
            ""
        };
        match t["code"].as_str().expect("code") {
            "JX103" | "JX112" | "JX403" | "JX501" => assert!(cell.is_empty(), "{line}: {cell:?}"),
            "JX304" => assert!(cell.contains("**"), "{line}: {cell:?}"),
            "JX306" => assert!(cell.starts_with('≥'), "{line}: {cell:?}"),
            "JX307" => assert!(cell.starts_with('≤'), "{line}: {cell:?}"),
            "JX211" => {
                let prev = text.lines().nth(n - 2).expect("previous line");
                assert_eq!(prev, row, "{line}: the duplicate follows its original");
            }
            _ => {}
        }
        entries += 1;
    }
    assert_eq!(entries, s1.truth_entries);
}

/// The first forms of seed 1, pinned: a change here means every corpus changes. If the change is
/// intended (generator or core scoring changed), update the value and say so in the commit.
#[test]
fn pinned_output() {
    let o = GenOptions {
        forms: 40,
        seed: 1,
        ..GenOptions::default()
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    generate(&o, |g| {
        for b in g.text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    });
    assert_eq!(format!("{h:016x}"), "5383869ea4a3f485");
}
