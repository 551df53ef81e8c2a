//! JX1xx: header, funds and goals.

use crate::check::{Context, Rule};
use crate::model::{AmountUnit, FormStatus, FundsRow, Sourced};
use rust_decimal::Decimal;

mod jx101_exec_rate_recalc;
mod jx102_exec_score_recalc;
mod jx103_header_incomplete;
mod jx104_funds_negative;
mod jx105_funds_sum;
mod jx106_exec_over_budget;
mod jx107_zero_budget;
mod jx108_budget_adjusted_unexplained;
mod jx109_low_exec_unexplained;
mod jx110_perf_vs_spend;
mod jx111_large_unspent;
mod jx112_goals_missing;
mod jx113_goal_copy_paste;

/// The rules of this area, in code order.
pub static RULES: &[&dyn Rule] = &[
    &jx101_exec_rate_recalc::ExecRateRecalc,
    &jx102_exec_score_recalc::ExecScoreRecalc,
    &jx103_header_incomplete::HeaderIncomplete,
    &jx104_funds_negative::FundsNegative,
    &jx105_funds_sum::FundsSum,
    &jx106_exec_over_budget::ExecOverBudget,
    &jx107_zero_budget::ZeroBudget,
    &jx108_budget_adjusted_unexplained::BudgetAdjustedUnexplained,
    &jx109_low_exec_unexplained::LowExecUnexplained,
    &jx110_perf_vs_spend::PerfVsSpend,
    &jx111_large_unspent::LargeUnspent,
    &jx112_goals_missing::GoalsMissing,
    &jx113_goal_copy_paste::GoalCopyPaste,
];

/// The three money columns of a funds row: (Chinese name, English field name, getter).
type MoneyColumn = (
    &'static str,
    &'static str,
    fn(&FundsRow) -> Option<&Sourced<Decimal>>,
);

pub(crate) const MONEY_COLUMNS: [MoneyColumn; 3] = [
    ("年初预算数", "initial_budget", |r| {
        r.initial_budget.as_ref()
    }),
    ("全年预算数", "adjusted_budget", |r| {
        r.adjusted_budget.as_ref()
    }),
    ("全年执行数", "executed", |r| r.executed.as_ref()),
];

/// `元` / `万元` after an amount, or nothing when the form does not say.
/// 全年预算数 and 全年执行数 of the 年度资金总额 row, when both were read.
pub(crate) fn total_budget_and_executed<'a>(
    cx: &Context<'a>,
) -> Option<(&'a Sourced<Decimal>, &'a Sourced<Decimal>)> {
    let row = cx.form.funds.total_row()?;
    Some((row.adjusted_budget.as_ref()?, row.executed.as_ref()?))
}

pub(crate) fn unit_suffix(unit: AmountUnit) -> &'static str {
    match unit {
        AmountUnit::Yuan => "元",
        AmountUnit::WanYuan => "万元",
        AmountUnit::Unknown => "",
    }
}

/// Whether the form's funds block carries a 原因/说明 column. The reader keeps a reason only
/// when the cell is filled, so a blank column is invisible: a filled reason on any row, or a
/// profile whose layout has the column (四川 2023, S10 [V]), is taken as proof. The central and
/// seed (深圳) layouts have no such column, and rules that want a written reason must not fire
/// on them, or every adjusted budget would be reported.
pub(crate) fn has_reason_column(cx: &Context) -> bool {
    cx.profile.name == "sichuan_2023" || cx.form.funds.rows.iter().any(|r| r.reason.is_some())
}

/// The first non-blank reason written on any funds row (a reason beside a 其中 row explains the
/// total as well).
pub(crate) fn any_reason<'a>(cx: &Context<'a>) -> Option<&'a Sourced<String>> {
    cx.form
        .funds
        .rows
        .iter()
        .filter_map(|r| r.reason.as_ref())
        .find(|r| !crate::normalise::is_null_marker(&r.value))
}

/// Whether the reader got at least as far as the goals section and beyond it: a complete form, or
/// an incomplete one that stops after 年度总体目标 (in the indicators, at the 总分 row, or with a
/// part missing once everything was read).
pub(crate) fn read_past_goals(status: &FormStatus) -> bool {
    match status {
        FormStatus::Complete => true,
        FormStatus::Incomplete { stops_in, .. } => {
            !matches!(stops_in.as_str(), "表头" | "资金使用情况" | "年度总体目标")
        }
        _ => false,
    }
}

/// `|a − b|` above the profile's tolerance, like [`Context::differs`] but without overflow: a
/// difference too large to represent differs.
pub(crate) fn beyond_tolerance(cx: &Context, a: Decimal, b: Decimal) -> bool {
    a.checked_sub(b)
        .is_none_or(|d| d.abs() > cx.profile.tolerance)
}
