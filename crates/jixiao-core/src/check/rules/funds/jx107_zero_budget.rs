use super::unit_suffix;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::profile::ZeroBudget as Policy;
use crate::score::ExecProblem;

/// 全年预算数 = 0 on the 年度资金总额 row: the execution rate is undefined.
pub struct ZeroBudget;

static META: RuleMeta = RuleMeta {
    code: "JX107",
    name: "zero-budget",
    area: Area::Funds,
    severity: Severity::Error,
    title: "全年预算数为0",
    what: "检查年度资金总额行的全年预算数是否为 0。预算为 0 时执行率没有意义，预算执行得分按所选评分口径处理（默认不计算；部分地区记 0 分或在有执行数时记满分）。",
    why: "全年预算数为 0 的项目不应出现在项目支出自评中；常见原因是总额行漏填（只填了其中行）、把年初预算数 0 当作全年预算数，或项目未安排资金。",
    bad: "年度资金总额：年初预算数 0，全年预算数 0，全年执行数 278500。",
    good: "年度资金总额：年初预算数 0，全年预算数 278500（年中追加），全年执行数 278500。",
    fix: "按调整后的预算填写全年预算数；项目当年确未安排资金的，不应填报项目支出绩效自评表。",
    source: "R07; domain.md A.3 edge cases; C10 [V]; C7 [V]",
};

impl Rule for ZeroBudget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.eval.execution.problem != Some(ExecProblem::ZeroBudget) {
            return;
        }
        let Some(row) = cx.form.funds.total_row() else {
            return;
        };
        let unit = unit_suffix(cx.form.funds.amount_unit);
        let executed = row
            .executed
            .as_ref()
            .filter(|e| !e.value.is_zero())
            .map_or(String::new(), |e| {
                format!("，全年执行数却为 {}{unit}", e.value)
            });
        let policy = match (cx.profile.zero_budget, cx.eval.execution.score) {
            (Policy::NotScored, _) | (_, None) => "预算执行得分不能按为 0 的预算计算".to_string(),
            (_, Some(s)) => format!("按本评分口径预算执行得分记为 {s}"),
        };
        let at = row.adjusted_budget.as_ref().map_or(row.label.at, |b| b.at);
        out.push(
            Finding::new(
                &META,
                format!("全年预算数为 0{executed}，执行率无法计算；{policy}"),
            )
            .at(at),
        );
    }
}
