//! JX1xx: header, funds and goals.

use crate::check::Rule;

mod jx101_exec_rate_recalc;
mod jx102_exec_score_recalc;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx101_exec_rate_recalc::ExecRateRecalc,
    &jx102_exec_score_recalc::ExecScoreRecalc,
];
