use super::{beyond_tolerance, has_reason_column, unit_suffix};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::FundsRow;
use crate::normalise;

/// 年初预算数 ≠ 全年预算数 with no reason written in the funds block.
pub struct BudgetAdjustedUnexplained;

static META: RuleMeta = RuleMeta {
    code: "JX108",
    name: "budget-adjusted-unexplained",
    area: Area::Funds,
    severity: Severity::Warning,
    title: "预算调整未说明原因",
    what: "年度资金总额行的年初预算数与全年预算数（调整后预算数）不同，而资金区的“原因/说明”栏没有填写。只检查带有原因栏的表样（如四川 2023 表：表中任一资金行填了原因，或评分口径为 sichuan_2023）；财政部和深圳表样没有原因栏，不检查，以免每个调整过预算的项目都被报告。原因写在总额行，或写在同样调整了预算的其中行，都算已说明；只写在未调整的行（如执行率偏低的说明）不算。",
    why: "年中追加或调减预算会改变执行率的分母。四川等地要求对预算调整单独说明，否则无法判断调整是否合规、执行率是否被“调低预算”美化。",
    bad: "总额：年初预算 145，调整后预算数 178，原因栏空白。",
    good: "原因：“年中追加档案数字化经费 33 万元（区财政局追加批复）”。",
    fix: "在资金区原因栏写明预算追加或调减的金额、原因和批复依据。",
    source: "R08; domain.md A.3 四川, B.2 variants; S10 [V]",
};

/// 年初预算数 and 全年预算数 both printed and different.
fn adjusted(cx: &Context, row: &FundsRow) -> bool {
    match (&row.initial_budget, &row.adjusted_budget) {
        (Some(b0), Some(b)) => beyond_tolerance(cx, b0.value, b.value),
        _ => false,
    }
}

fn has_reason(row: &FundsRow) -> bool {
    row.reason
        .as_ref()
        .is_some_and(|r| !normalise::is_null_marker(&r.value))
}

impl Rule for BudgetAdjustedUnexplained {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if !has_reason_column(cx) {
            return;
        }
        let Some(row) = cx.form.funds.total_row() else {
            return;
        };
        let explained = cx
            .form
            .funds
            .rows
            .iter()
            .any(|r| has_reason(r) && (r.kind == row.kind || adjusted(cx, r)));
        if explained {
            return;
        }
        let (Some(b0), Some(b)) = (&row.initial_budget, &row.adjusted_budget) else {
            return;
        };
        let Some(diff) = b.value.checked_sub(b0.value) else {
            return;
        };
        if diff.abs() <= cx.profile.tolerance {
            return;
        }
        let unit = unit_suffix(cx.form.funds.amount_unit);
        let change = if diff > rust_decimal::Decimal::ZERO {
            format!("调增 {diff}{unit}")
        } else {
            format!("调减 {}{unit}", -diff)
        };
        out.push(
            Finding::new(
                &META,
                format!(
                    "年初预算数 {}{unit}，全年预算数 {}{unit}（{change}），原因栏未说明预算调整",
                    b0.value, b.value
                ),
            )
            .at(b.at),
        );
    }
}
