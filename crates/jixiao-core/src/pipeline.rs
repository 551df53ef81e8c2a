//! The whole path for one input: read → score → check, with the profile each form asks for.

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

/// The profile a form names, or the default one.
pub fn profile_for(form: &Form) -> Profile {
    profile::by_name(&form.profile).unwrap_or_else(profile::default_profile)
}

/// Score and check one form that has been read.
pub fn check_form(form: Form) -> CheckedForm {
    let profile = profile_for(&form);
    let eval = score::evaluate(&profile, &form);
    let findings = check::check_form(&form, &profile, &eval);
    CheckedForm {
        form,
        eval,
        findings,
    }
}

/// Read, score and check every form in a file's bytes.
pub fn check_bytes(path: &str, bytes: &[u8], options: &ReadOptions) -> Vec<CheckedForm> {
    read::read_bytes(path, bytes, options)
        .into_iter()
        .map(check_form)
        .collect()
}

/// Add the batch (cross-form) findings to forms checked together, keeping each form's findings sorted.
pub fn check_batch(forms: &mut [CheckedForm]) {
    let found = {
        let items: Vec<check::BatchItem> = forms
            .iter()
            .map(|c| check::BatchItem {
                form: &c.form,
                eval: &c.eval,
            })
            .collect();
        check::check_batch(&items)
    };
    for (idx, finding) in found {
        if let Some(c) = forms.get_mut(idx) {
            c.findings.push(finding);
        }
    }
    for c in forms.iter_mut() {
        c.findings
            .sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    }
}
