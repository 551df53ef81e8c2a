//! JX4xx: indicator scoring.

use crate::check::Rule;

pub(crate) mod common;
mod jx401_score_bounds;
mod jx402_score_recalc;
mod jx403_reason_missing;
mod jx404_overshoot_unexplained;
mod jx405_target_too_low;
mod jx406_met_but_deducted;
mod jx407_qual_grade_missing;
pub mod jx408_insufficient_evidence;
mod jx409_qual_band;
mod jx410_qual_desc_missing;
mod jx411_reason_boilerplate;
mod jx412_reason_no_measure;
mod jx413_negative_actual;
mod jx414_weighted_score_recalc;
mod jx415_coefficient_score_recalc;

pub(crate) use jx408_insufficient_evidence::evidence_of_actual;
pub use jx408_insufficient_evidence::{Evidence, Insufficiency, evidence};

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx401_score_bounds::ScoreBounds,
    &jx402_score_recalc::ScoreRecalc,
    &jx403_reason_missing::ReasonMissing,
    &jx404_overshoot_unexplained::OvershootUnexplained,
    &jx405_target_too_low::TargetTooLow,
    &jx406_met_but_deducted::MetButDeducted,
    &jx407_qual_grade_missing::QualGradeMissing,
    &jx408_insufficient_evidence::InsufficientEvidence,
    &jx409_qual_band::QualBandMismatch,
    &jx410_qual_desc_missing::QualDescMissing,
    &jx411_reason_boilerplate::ReasonBoilerplate,
    &jx412_reason_no_measure::ReasonNoMeasure,
    &jx413_negative_actual::NegativeActual,
    &jx414_weighted_score_recalc::WeightedScoreRecalc,
    &jx415_coefficient_score_recalc::CoefficientScoreRecalc,
];
