use super::unit_suffix;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// 全年执行数 above 全年预算数 on the 年度资金总额 row.
pub struct ExecOverBudget;

static META: RuleMeta = RuleMeta {
    code: "JX106",
    name: "exec-over-budget",
    area: Area::Funds,
    severity: Severity::Warning,
    title: "执行数超过全年预算数",
    what: "检查年度资金总额行的全年执行数是否大于全年预算数（超出 0.01 以上）。预算执行得分按上限计分，但超预算支出本身需要说明。",
    why: "执行数超过调整后的全年预算，要么是超预算支出，要么是预算调整未反映到全年预算数，或把其他年度、其他项目的支出计入了本项目。执行率超过 100% 时得分封顶，问题容易被掩盖。",
    bad: "全年预算数 550000，全年执行数 583000（执行率 106.00%）。",
    good: "全年预算数按调整后的预算填 583000，或执行数只计本项目当年支出。",
    fix: "核对全年预算数是否已按预算调整更新、执行数是否只含本项目当年支出；确属超预算支出的，写明原因和依据。",
    source: "R04; domain.md A.3 (cap C5/C7 [V])",
};

impl Rule for ExecOverBudget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some((b, e)) = super::total_budget_and_executed(cx) else {
            return;
        };
        let Some(over) = e.value.checked_sub(b.value) else {
            return;
        };
        if over <= cx.profile.tolerance {
            return;
        }
        let unit = unit_suffix(cx.form.funds.amount_unit);
        let rate = cx
            .eval
            .execution
            .rate
            .map_or(String::new(), |r| format!("（执行率 {r}%）"));
        out.push(
            Finding::new(
                &META,
                format!(
                    "全年执行数 {}{unit} 超过全年预算数 {}{unit}，超出 {over}{unit}{rate}",
                    e.value, b.value
                ),
            )
            .at(e.at),
        );
    }
}
