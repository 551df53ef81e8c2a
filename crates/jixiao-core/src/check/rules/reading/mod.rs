//! JX0xx: reading the form.

use crate::check::Rule;

mod jx001_unplaced_row;
mod jx002_incomplete_form;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx001_unplaced_row::UnplacedRow,
    &jx002_incomplete_form::IncompleteForm,
];
