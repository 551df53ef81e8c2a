//! `docs/rules/` is generated from the rule registry; this test fails when it is stale.
//! Regenerate with `JIXIAO_UPDATE_DOCS=1 cargo test -p jixiao-core --test rule_docs`.

use jixiao_core::check::{docs, registry};
use std::path::PathBuf;

#[test]
fn rule_docs_are_up_to_date() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let update = std::env::var_os("JIXIAO_UPDATE_DOCS").is_some();
    let mut wanted: Vec<(String, String)> = registry()
        .iter()
        .map(|r| (format!("{}.md", r.meta().code), docs::markdown(r.meta())))
        .collect();
    wanted.push(("README.md".to_string(), docs::index()));
    if update {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            std::fs::remove_file(entry.path()).unwrap();
        }
        for (name, text) in &wanted {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &wanted {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let present = std::fs::read_dir(&dir).map_or(0, |d| d.count());
    assert!(
        stale.is_empty() && present == wanted.len(),
        "docs/rules is stale ({stale:?}, {present} files for {} expected): run JIXIAO_UPDATE_DOCS=1 cargo test -p jixiao-core --test rule_docs",
        wanted.len()
    );
}
