//! JX3xx: target quality.

use crate::check::Rule;

mod common;
mod jx301_unit_missing;
mod jx302_vague_target;
mod jx303_quantifiable_as_qualitative;
mod jx304_placeholder_value;
mod jx305_unit_mismatch;
mod jx306_cost_direction;
mod jx307_quantity_direction;
mod jx308_percent_actual_without_unit;
mod jx309_cost_vs_budget;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx301_unit_missing::UnitMissing,
    &jx302_vague_target::VagueTarget,
    &jx303_quantifiable_as_qualitative::QuantifiableAsQualitative,
    &jx304_placeholder_value::PlaceholderValue,
    &jx305_unit_mismatch::UnitMismatch,
    &jx306_cost_direction::CostDirection,
    &jx307_quantity_direction::QuantityDirection,
    &jx308_percent_actual_without_unit::PercentActualWithoutUnit,
    &jx309_cost_vs_budget::CostVsBudget,
];
