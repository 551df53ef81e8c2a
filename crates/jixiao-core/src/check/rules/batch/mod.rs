//! JX8xx: across the forms of a batch.
//!
//! Batch rules see every form checked together (`check_batch`) and report each finding on one
//! form, by its index in the batch. They only run when a batch holds two forms or more.

use crate::check::{BatchItem, Rule};
use crate::model::{Form, Sourced};
use crate::normalise;
use rust_decimal::Decimal;

mod jx801_duplicate_project_code;
mod jx802_copied_targets;
mod jx803_unit_all_full_marks;
mod jx804_score_outlier;
mod jx805_weak_target_vs_history;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx801_duplicate_project_code::DuplicateProjectCode,
    &jx802_copied_targets::CopiedTargets,
    &jx803_unit_all_full_marks::UnitAllFullMarks,
    &jx804_score_outlier::ScoreOutlier,
    &jx805_weak_target_vs_history::WeakTargetVsHistory,
];

/// A cell's text as a matching key (widths folded, no whitespace, no `*` marks), or `None` when
/// it is blank or a null marker (`—`, `/`, `无`).
pub(crate) fn key_of(v: Option<&Sourced<String>>) -> Option<String> {
    let v = v?;
    if normalise::is_null_marker(&v.value) {
        return None;
    }
    let k = normalise::canonical_label(&v.value);
    (!k.is_empty()).then_some(k)
}

/// Which project a form is about: its 项目编码, or, when there is none, 项目名称 + 实施单位.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ProjectId {
    Code(String),
    NameUnit(String, String),
}

pub(crate) fn project_id(form: &Form) -> Option<ProjectId> {
    let h = &form.header;
    if let Some(code) = key_of(h.project_code.as_ref()) {
        return Some(ProjectId::Code(code));
    }
    Some(ProjectId::NameUnit(
        key_of(h.project_name.as_ref())?,
        key_of(h.implementing_unit.as_ref())?,
    ))
}

/// How a message names another form of the batch: `第3行起的“干部健康管理”（440303…）`, with
/// the file when it differs from `here`'s.
pub(crate) fn describe(other: &Form, here: &Form) -> String {
    let h = &other.header;
    let name = h
        .project_name
        .as_ref()
        .map_or(String::new(), |n| format!("的“{}”", n.value));
    let code = h
        .project_code
        .as_ref()
        .map_or(String::new(), |c| format!("（{}）", c.value));
    let file = if other.source.path == here.source.path {
        String::new()
    } else {
        format!("{} ", other.source.path)
    };
    format!("{file}第{}行起{name}{code}", other.source.first_line)
}

/// The total a complete, scored form reports: the printed 总分, else the recomputed one.
pub(crate) fn reported_total(item: &BatchItem) -> Option<Decimal> {
    if !item.form.is_complete() {
        return None;
    }
    item.form
        .total
        .as_ref()
        .and_then(|t| t.score.as_ref())
        .map(|s| s.value)
        .or(item.eval.total_computed)
}

/// Where a form-level batch finding points: the 总分 cell, else the header.
pub(crate) fn total_pos(form: &Form) -> Option<crate::model::Pos> {
    form.total
        .as_ref()
        .and_then(|t| t.score.as_ref().map(|s| s.at))
        .or(form.header.project_name.as_ref().map(|n| n.at))
}
