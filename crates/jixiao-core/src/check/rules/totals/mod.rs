//! JX6xx: totals and grades.

use crate::check::Rule;

mod jx601_total_recalc;
mod jx602_grade_band;
mod jx603_inflated_overall;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx601_total_recalc::TotalRecalc,
    &jx602_grade_band::GradeBand,
    &jx603_inflated_overall::InflatedOverall,
];
