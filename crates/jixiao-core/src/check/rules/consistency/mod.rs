//! JX7xx: consistency between parts of a form.

use crate::check::Rule;

mod jx701_goal_claims_completion;
mod jx702_cost_exceeds_executed;
mod jx703_low_exec_full_output;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx701_goal_claims_completion::GoalClaimsCompletion,
    &jx702_cost_exceeds_executed::CostExceedsExecuted,
    &jx703_low_exec_full_output::LowExecFullOutput,
];
