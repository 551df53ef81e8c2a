use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// The printed execution score disagrees with the profile's formula.
pub struct ExecScoreRecalc;

static META: RuleMeta = RuleMeta {
    code: "JX102",
    name: "exec-score-recalc",
    area: Area::Funds,
    severity: Severity::Error,
    title: "预算执行得分与规则不符",
    what: "按所选评分口径复算预算执行得分（默认：执行率保留两位小数后 × 分值 ÷ 100，再保留两位小数，四舍五入，最高不超过分值），与表中所填比较。",
    why: "预算执行得分是总分的一部分；算错或多给会直接抬高总分。",
    bad: "执行率 59.75%，分值 10，得分填 6.00。",
    good: "得分填 5.98（59.75 × 10 ÷ 100 = 5.975，四舍五入为 5.98）。",
    fix: "按“执行率 × 分值 ÷ 100”重新计算得分，保留两位小数，且不超过分值。",
    source: "R06; domain.md A.3, A.7; C10 [V]",
};

impl Rule for ExecScoreRecalc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(row) = cx.form.funds.total_row() else {
            return;
        };
        let (Some(printed), Some(computed)) = (&row.score, cx.eval.execution.score) else {
            return;
        };
        if cx.differs(printed.value, computed) {
            let rate = cx
                .eval
                .execution
                .rate
                .map_or(String::new(), |r| format!("（执行率 {r}%）"));
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "预算执行得分填 {}，按规则应为 {computed}{rate}",
                        printed.value
                    ),
                )
                .at(printed.at),
            );
        }
    }
}
