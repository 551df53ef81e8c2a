//! The whole path for one input: read → score → check, with the profile each form asks for,
//! then the rule configuration (select / ignore / severity) and reviewers' acceptances.

use crate::check::config::{AcceptList, RuleConfig};
use crate::check::{self, Finding};
use crate::model::Form;
use crate::profile::{self, Profile};
use crate::read::{self, ReadOptions};
use crate::score::{self, Evaluation};

/// A form with its scores and findings.
#[derive(Debug, Clone)]
pub struct CheckedForm {
    pub form: Form,
    pub eval: Evaluation,
    pub findings: Vec<Finding>,
}

/// How findings are filtered and triaged.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub rules: RuleConfig,
    pub accept: AcceptList,
}

/// The profile a form names, or the default one (built once per process: no copy per form).
pub fn profile_for(form: &Form) -> &'static Profile {
    profile::get(&form.profile).unwrap_or_else(profile::default_ref)
}

/// Score and check one form that has been read, with every rule on.
pub fn check_form(form: Form) -> CheckedForm {
    check_form_with(form, &CheckOptions::default())
}

/// How far the pipeline goes (for benchmarks: reading alone, reading and scoring, everything).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    Read,
    Score,
    #[default]
    Check,
}

/// Run `form` through the pipeline up to `stage`.
pub fn process_form(form: Form, options: &CheckOptions, stage: Stage) -> CheckedForm {
    match stage {
        Stage::Check => check_form_with(form, options),
        Stage::Score => {
            let eval = score::evaluate(profile_for(&form), &form);
            CheckedForm {
                form,
                eval,
                findings: Vec::new(),
            }
        }
        Stage::Read => CheckedForm {
            form,
            eval: Evaluation::default(),
            findings: Vec::new(),
        },
    }
}

/// Score and check one form under `options`.
pub fn check_form_with(form: Form, options: &CheckOptions) -> CheckedForm {
    let profile = profile_for(&form);
    let eval = score::evaluate(profile, &form);
    let mut findings = check::check_form(&form, profile, &eval);
    options.rules.apply(&mut findings, &profile.default_ignore);
    options.accept.apply(&form, &mut findings);
    CheckedForm {
        form,
        eval,
        findings,
    }
}

/// Read, score and check every form in a file's bytes, with every rule on.
pub fn check_bytes(path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<CheckedForm> {
    check_bytes_with(path, bytes, options, &CheckOptions::default())
}

/// Read, score and check every form in a file's bytes under `check_options`.
pub fn check_bytes_with(
    path: &str,
    bytes: &[u8],
    options: &ReadOptions,
    check_options: &CheckOptions,
) -> Vec<CheckedForm> {
    read::read_bytes(path, bytes, options)
        .into_iter()
        .map(|f| check_form_with(f, check_options))
        .collect()
}

/// Add the batch (cross-form) findings to forms checked together, with every rule on.
pub fn check_batch(forms: &mut [CheckedForm]) {
    check_batch_with(forms, &CheckOptions::default());
}

/// Add the batch (cross-form) findings to forms checked together, keeping each form's
/// findings sorted.
pub fn check_batch_with(forms: &mut [CheckedForm], options: &CheckOptions) {
    let found = {
        let profiles: Vec<&Profile> = forms.iter().map(|c| profile_for(&c.form)).collect();
        let items: Vec<check::BatchItem> = forms
            .iter()
            .zip(&profiles)
            .map(|(c, profile)| check::BatchItem {
                form: &c.form,
                eval: &c.eval,
                profile,
            })
            .collect();
        check::check_batch(&items)
    };
    let mut touched = vec![false; forms.len()];
    for (idx, finding) in found {
        if let Some(c) = forms.get_mut(idx) {
            let profile = profile_for(&c.form);
            let mut one = vec![finding];
            options.rules.apply(&mut one, &profile.default_ignore);
            options.accept.apply(&c.form, &mut one);
            c.findings.extend(one);
            touched[idx] = true;
        }
    }
    for (c, t) in forms.iter_mut().zip(touched) {
        if t {
            c.findings
                .sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
        }
    }
}
