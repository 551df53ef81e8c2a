//! Recall and precision of the checker on generated forms with injected defects.
//!
//! Recall per defect kind and code: an injected (form, code) is found when the form has a finding
//! with that code (any severity). Precision over error-level findings: an error whose (form, code)
//! was injected is a true positive, any other error (on a clean form, or of another code on a
//! defective form) a false positive. Kinds whose code is not yet in the registry are reported as
//! "code not implemented yet" and not asserted.

mod common;

use jixiao_core::check::{self, Severity};
use jixiao_gen::{DefectKind, GenOptions};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct Tally {
    injected: usize,
    found: usize,
    /// Found with a finding at the truth's line (and column, when the truth names one).
    exact_cell: usize,
    same_line: usize,
    missed_forms: Vec<usize>,
}

#[derive(Default)]
struct ErrorTally {
    tp: usize,
    fp_clean: usize,
    fp_defective: usize,
    example: Option<String>,
}

fn run(forms: usize, seed: u64, defect_rate: f64, profile: &str) {
    let opts = GenOptions {
        forms,
        seed,
        defect_rate,
        profile: profile.to_string(),
        ..GenOptions::default()
    };
    let registered: BTreeSet<&str> = check::registry().iter().map(|r| r.meta().code).collect();
    let mut tallies: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut errors: BTreeMap<&str, ErrorTally> = BTreeMap::new();
    let (mut clean_forms, mut defective_forms) = (0usize, 0usize);
    let defect_codes: BTreeSet<&str> = DefectKind::ALL
        .iter()
        .flat_map(|k| k.codes().iter().copied())
        .collect();
    // Findings (any severity) of a defect kind's code on clean forms: they would inflate recall.
    let mut on_clean: BTreeMap<&str, usize> = BTreeMap::new();
    common::check_all(&opts, |c| {
        let truth = &c.generated.truth;
        let idx = c.generated.index;
        if truth.is_empty() {
            clean_forms += 1;
        } else {
            defective_forms += 1;
        }
        let injected: BTreeSet<&str> = truth.iter().map(|t| t.code).collect();
        if truth.is_empty() {
            for f in c.findings().filter(|f| defect_codes.contains(f.code)) {
                *on_clean.entry(f.code).or_default() += 1;
            }
        }
        for t in truth {
            let tally = tallies.entry((t.kind, t.code)).or_default();
            tally.injected += 1;
            let hits: Vec<_> = c.findings().filter(|f| f.code == t.code).collect();
            if hits.is_empty() {
                if tally.missed_forms.len() < 5 {
                    tally.missed_forms.push(idx);
                }
                continue;
            }
            tally.found += 1;
            if hits.iter().any(|f| f.line == Some(t.line_in_form)) {
                tally.same_line += 1;
            }
            if hits.iter().any(|f| {
                f.line == Some(t.line_in_form) && (t.column == 0 || f.column == Some(t.column))
            }) {
                tally.exact_cell += 1;
            }
        }
        for f in c.findings().filter(|f| f.severity == Severity::Error) {
            let e = errors.entry(f.code).or_default();
            if injected.contains(f.code) {
                e.tp += 1;
            } else {
                if truth.is_empty() {
                    e.fp_clean += 1;
                } else {
                    e.fp_defective += 1;
                }
                e.example
                    .get_or_insert_with(|| format!("form {idx}: {}", f.message));
            }
        }
    });

    println!(
        "\n{forms} {profile} forms (seed {seed}): {defective_forms} with injected defects, {clean_forms} clean"
    );
    println!(
        "{:<26} {:<6} {:>8} {:>6} {:>8} {:>6} {:>6}  note",
        "kind", "code", "injected", "found", "recall", "cell", "line"
    );
    let mut failures = Vec::new();
    for kind in DefectKind::ALL {
        for &code in kind.codes() {
            let t = tallies.remove(&(kind.name(), code)).unwrap_or_default();
            let recall = if t.injected == 0 {
                0.0
            } else {
                t.found as f64 / t.injected as f64
            };
            let note = if !registered.contains(code) {
                "code not implemented yet".to_string()
            } else if t.injected == 0 {
                "nothing injected".to_string()
            } else if recall < 0.99 {
                failures.push(format!(
                    "{} {code}: recall {:.1}% ({}/{}), missed e.g. forms {:?}",
                    kind.name(),
                    recall * 100.0,
                    t.found,
                    t.injected,
                    t.missed_forms
                ));
                format!("BELOW 99%: missed forms {:?}", t.missed_forms)
            } else {
                String::new()
            };
            println!(
                "{:<26} {:<6} {:>8} {:>6} {:>7.1}% {:>6} {:>6}  {note}",
                kind.name(),
                code,
                t.injected,
                t.found,
                recall * 100.0,
                t.exact_cell,
                t.same_line
            );
        }
    }
    println!("\nerror-level findings: precision = TP / (TP + FP)");
    println!(
        "{:<6} {:>6} {:>9} {:>13} {:>9}  first false positive",
        "code", "TP", "FP clean", "FP defective", "precision"
    );
    let (mut tp, mut fp) = (0, 0);
    for (code, e) in &errors {
        let all = e.tp + e.fp_clean + e.fp_defective;
        tp += e.tp;
        fp += e.fp_clean + e.fp_defective;
        println!(
            "{code:<6} {:>6} {:>9} {:>13} {:>8.1}%  {}",
            e.tp,
            e.fp_clean,
            e.fp_defective,
            100.0 * e.tp as f64 / all.max(1) as f64,
            e.example.as_deref().unwrap_or("")
        );
    }
    println!(
        "all    {tp:>6} {fp:>23} {:>8.1}%",
        100.0 * tp as f64 / (tp + fp).max(1) as f64
    );
    println!(
        "defect codes raised on clean forms (any severity): {}",
        if on_clean.is_empty() {
            "none".to_string()
        } else {
            format!("{on_clean:?}")
        }
    );
    assert!(
        failures.is_empty(),
        "recall below 99%:\n{}",
        failures.join("\n")
    );
}

/// 10,000 forms, 30% with injected defects (about 150 per kind). About 15–30 s in a debug build
/// on two cores (the core's checker dominates); a few seconds in release.
#[test]
fn recall_and_precision_on_10000_forms() {
    run(10_000, 2024, 0.3, "shenzhen_2022");
}

/// The central layout (万元, 主管部门, no 项目编码).
#[test]
fn recall_and_precision_on_central_forms() {
    run(400, 11, 0.8, "central_2020");
}
