//! JX8xx: across the forms of a batch.

use crate::check::Rule;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[];
