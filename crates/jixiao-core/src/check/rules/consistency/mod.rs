//! JX7xx: consistency between parts of a form.

use crate::check::Rule;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[];
