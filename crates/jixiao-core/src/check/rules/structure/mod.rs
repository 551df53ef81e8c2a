//! JX2xx: indicator structure and weights.

use crate::check::Rule;

pub(crate) mod common;
mod jx201_weights_total;
mod jx202_level1_weight_label;
mod jx203_level1_weights_profile;
mod jx204_taxonomy;
mod jx205_void_indicator_weighted;
mod jx206_zero_weight;
mod jx207_satisfaction_missing;
mod jx208_too_many_outputs;
mod jx209_output_outcome_mixed;
mod jx210_name_length;
mod jx211_duplicate_indicator;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx201_weights_total::WeightsTotal,
    &jx202_level1_weight_label::Level1WeightLabel,
    &jx203_level1_weights_profile::Level1WeightsProfile,
    &jx204_taxonomy::Taxonomy,
    &jx205_void_indicator_weighted::VoidIndicatorWeighted,
    &jx206_zero_weight::ZeroWeight,
    &jx207_satisfaction_missing::SatisfactionMissing,
    &jx208_too_many_outputs::TooManyOutputs,
    &jx209_output_outcome_mixed::OutputOutcomeMixed,
    &jx210_name_length::NameLength,
    &jx211_duplicate_indicator::DuplicateIndicator,
];
