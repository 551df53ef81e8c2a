//! One file per rule, grouped by area (one folder per area, like ruff's linters).
//!
//! Add a rule: write `AREA/jx###_name.rs` with a `RuleMeta` and a `Rule` impl, then list it in
//! `AREA/mod.rs`'s `RULES` (in code order). The registry is the concatenation of the areas.

use super::Rule;

pub mod batch;
pub mod consistency;
pub mod funds;
pub mod reading;
pub mod satisfaction;
pub mod scoring;
pub mod structure;
pub mod targets;
pub mod totals;

/// The areas' rule lists, in code order.
pub static AREAS: &[&[&dyn Rule]] = &[
    reading::RULES,
    funds::RULES,
    structure::RULES,
    targets::RULES,
    scoring::RULES,
    satisfaction::RULES,
    totals::RULES,
    consistency::RULES,
    batch::RULES,
];
