//! JX6xx: totals and grades.

use crate::check::Rule;

mod jx601_total_recalc;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[&jx601_total_recalc::TotalRecalc];
