//! JX2xx: indicator structure and weights.

use crate::check::Rule;

mod jx201_weights_total;
mod jx202_level1_weight_label;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx201_weights_total::WeightsTotal,
    &jx202_level1_weight_label::Level1WeightLabel,
];
