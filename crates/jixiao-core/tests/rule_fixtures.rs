//! Every rule has a positive and a negative fixture under `tests/fixtures/rules/JX###/`:
//! `bad.txt` must raise the rule's code, `good.txt` must not. Fixtures are seed forms with one or
//! a few cells changed (a file may hold several forms: batch rules see them together). The
//! findings of the rule on `bad.txt` are snapshot-tested (`snapshots/rule_fixtures__JX###_bad.snap`).

use jixiao_core::check::registry;
use jixiao_core::pipeline::{self, CheckedForm};
use jixiao_core::read::ReadOptions;
use std::path::PathBuf;

fn fixture_dir(code: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
}

/// A fixture folder may hold `profile.txt` naming the scoring profile to read it with (for
/// rules that only apply under a regional profile).
fn run(path: &PathBuf) -> Vec<CheckedForm> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let profile = path
        .parent()
        .and_then(|d| std::fs::read_to_string(d.join("profile.txt")).ok())
        .map(|p| p.trim().to_string());
    let options = ReadOptions {
        profile,
        ..ReadOptions::default()
    };
    let mut forms = pipeline::check_bytes("fixture.txt", &bytes, &options);
    pipeline::check_batch(&mut forms);
    forms
}

fn findings_of(forms: &[CheckedForm], code: &str) -> Vec<String> {
    forms
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.findings.iter().filter(|f| f.code == code).map(move |f| {
                format!(
                    "form {} line {} col {} {} [{}] {}",
                    i + 1,
                    f.line.map_or("-".into(), |l| l.to_string()),
                    f.column.map_or("-".into(), |c| c.to_string()),
                    f.severity.code(),
                    f.indicator.as_deref().unwrap_or("-"),
                    f.message
                )
            })
        })
        .collect()
}

#[test]
fn every_rule_fires_on_its_bad_fixture_and_not_on_its_good_one() {
    let mut missing = Vec::new();
    let mut failures = Vec::new();
    for rule in registry() {
        let code = rule.meta().code;
        let dir = fixture_dir(code);
        let (bad, good) = (dir.join("bad.txt"), dir.join("good.txt"));
        if !bad.exists() || !good.exists() {
            missing.push(code);
            continue;
        }
        let on_bad = findings_of(&run(&bad), code);
        if on_bad.is_empty() {
            failures.push(format!("{code}: bad.txt raised nothing"));
        } else {
            insta::assert_snapshot!(format!("{code}_bad"), on_bad.join("\n"));
        }
        let on_good = findings_of(&run(&good), code);
        if !on_good.is_empty() {
            failures.push(format!("{code}: good.txt raised {on_good:?}"));
        }
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
