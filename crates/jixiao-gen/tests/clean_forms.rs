//! Clean generated forms must read completely, raise no error, and reproduce their printed
//! totals under the core's scoring.

mod common;

use jixiao_core::check::Severity;
use jixiao_core::model::FormStatus;
use jixiao_gen::{GenOptions, Rendering};

/// `per_file` > 1: forms are checked as corpus files (read together, batch rules on).
fn assert_clean(opts: &GenOptions, per_file: usize) {
    let mut errors = Vec::new();
    let mut checked = 0;
    common::check_in_files(opts, per_file, |c| {
        checked += 1;
        let idx = c.generated.index;
        assert!(c.generated.truth.is_empty());
        assert_eq!(
            c.forms.len(),
            1,
            "form {idx} read as {} forms",
            c.forms.len()
        );
        let f = &c.forms[0];
        assert_eq!(
            f.form.status,
            FormStatus::Complete,
            "form {idx}:\n{}",
            c.generated.text
        );
        let printed = f
            .form
            .total
            .as_ref()
            .and_then(|t| t.score.as_ref())
            .map(|s| s.value);
        assert!(printed.is_some(), "form {idx}: no printed total");
        assert_eq!(f.eval.total_computed, printed, "form {idx}: total_computed");
        assert_eq!(f.eval.total_by_rule, printed, "form {idx}: total_by_rule");
        assert_eq!(
            f.eval.weight_total,
            Some(rust_decimal::Decimal::ONE_HUNDRED),
            "form {idx}"
        );
        for finding in c.findings().filter(|f| f.severity == Severity::Error) {
            errors.push(format!(
                "form {idx}: {} at {:?}:{:?} {}",
                finding.code, finding.line, finding.column, finding.message
            ));
        }
        if errors.len() == 1 && errors[0].starts_with(&format!("form {idx}:")) {
            eprintln!("first form with an error:\n{}", c.generated.text);
        }
    });
    assert_eq!(checked, opts.forms);
    assert!(
        errors.is_empty(),
        "{} errors on clean forms:\n{}",
        errors.len(),
        errors[..errors.len().min(40)].join("\n")
    );
}

#[test]
fn two_thousand_clean_shenzhen_forms_raise_no_error() {
    assert_clean(
        &GenOptions {
            forms: 2000,
            seed: 20_220_101,
            defect_rate: 0.0,
            ..GenOptions::default()
        },
        1,
    );
}

/// Forms read back from corpus-style files of 200 forms, with the batch (cross-form) rules.
#[test]
fn clean_forms_in_files_raise_no_error_with_batch_rules() {
    assert_clean(
        &GenOptions {
            forms: 1000,
            seed: 99,
            defect_rate: 0.0,
            ..GenOptions::default()
        },
        200,
    );
}

#[test]
fn clean_central_forms_raise_no_error() {
    assert_clean(
        &GenOptions {
            forms: 500,
            seed: 7,
            defect_rate: 0.0,
            profile: "central_2020".into(),
            ..GenOptions::default()
        },
        1,
    );
}

#[test]
fn pipe_rendering_keeps_the_cells() {
    let opts = GenOptions {
        forms: 50,
        seed: 3,
        defect_rate: 0.0,
        renderings: vec![Rendering::Pipe],
        ..GenOptions::default()
    };
    let tsv = GenOptions {
        renderings: vec![Rendering::Tsv],
        ..opts.clone()
    };
    jixiao_gen::generate(&opts, |g| {
        let t = jixiao_gen::generate_one(&tsv, g.index);
        assert_eq!(g.rendering, Rendering::Pipe);
        let pipe_lines: Vec<&str> = g.text.lines().collect();
        let tsv_lines: Vec<&str> = t.text.lines().collect();
        assert_eq!(pipe_lines.len(), tsv_lines.len());
        for (p, t) in pipe_lines.iter().zip(&tsv_lines) {
            if t.is_empty() {
                assert!(p.is_empty());
                continue;
            }
            let cells: Vec<&str> = p
                .strip_prefix("| ")
                .and_then(|r| r.strip_suffix(" |"))
                .expect("pipe row")
                .split(" | ")
                .collect();
            assert_eq!(cells.join("\t"), *t);
        }
    });
}
