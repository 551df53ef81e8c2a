//! JX5xx: satisfaction.

use crate::check::Rule;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[];
