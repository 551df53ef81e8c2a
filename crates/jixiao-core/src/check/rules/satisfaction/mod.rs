//! JX5xx: satisfaction.

use crate::check::Rule;

pub(crate) mod common;
mod jx501_satisfaction_actual_missing;
mod jx502_satisfaction_no_survey;
mod jx503_satisfaction_suspicious;
mod jx504_satisfaction_vague_target;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx501_satisfaction_actual_missing::SatisfactionActualMissing,
    &jx502_satisfaction_no_survey::SatisfactionNoSurvey,
    &jx503_satisfaction_suspicious::SatisfactionSuspicious,
    &jx504_satisfaction_vague_target::SatisfactionVagueTarget,
];
