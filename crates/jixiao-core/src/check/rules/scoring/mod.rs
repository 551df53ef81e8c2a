//! JX4xx: indicator scoring.

use crate::check::Rule;

mod jx401_score_bounds;
mod jx402_score_recalc;
mod jx403_reason_missing;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx401_score_bounds::ScoreBounds,
    &jx402_score_recalc::ScoreRecalc,
    &jx403_reason_missing::ReasonMissing,
];
