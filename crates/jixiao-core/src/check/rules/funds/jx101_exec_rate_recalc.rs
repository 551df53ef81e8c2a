use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use rust_decimal::{Decimal, RoundingStrategy};

/// The printed 执行率 disagrees with 全年执行数 / 全年预算数.
pub struct ExecRateRecalc;

static META: RuleMeta = RuleMeta {
    code: "JX101",
    name: "exec-rate-recalc",
    area: Area::Funds,
    severity: Severity::Error,
    title: "执行率与预算数、执行数不符",
    what: "按 执行率 = 全年执行数 ÷ 全年预算数 × 100%（保留两位小数，四舍五入）复算年度资金总额行的执行率，与表中所填比较。表中只保留一位或整数时，按所填精度比较：差值小于末位一个单位记为提示（末位取舍不一致），超过则为错误。",
    why: "执行率决定预算执行得分（10分）。执行率填错，得分和总分都会随之出错；审计常见“执行率100%、满分10分，实际只支出了八成”。",
    bad: "全年预算数 4753.66，全年执行数 3824.26，执行率填 100%。",
    good: "执行率填 80.45%（3824.26 ÷ 4753.66 × 100%）。",
    fix: "按 全年执行数 ÷ 全年预算数 × 100% 重新计算执行率，保留两位小数。",
    source: "R05; domain.md A.3; formats.md quirk 5",
};

impl Rule for ExecRateRecalc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(row) = cx.form.funds.total_row() else {
            return;
        };
        let (Some(printed), Some(computed)) = (&row.execution_rate, cx.eval.execution.rate) else {
            return;
        };
        let p = printed.value;
        let scale = p.scale().min(2);
        let unit = Decimal::new(1, scale);
        let diff = (p - computed).abs();
        if !cx.differs(p, computed) {
            return;
        }
        let at_printed_precision =
            computed.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
        if at_printed_precision == p.round_dp(scale) {
            return;
        }
        let finding = if diff < unit {
            Finding::new(
                &META,
                format!("执行率填 {p}%，复算为 {computed}%：末位取舍不一致（差 {diff}）"),
            )
            .severity(Severity::Info)
        } else {
            let hint = if (p * Decimal::ONE_HUNDRED - computed).abs() < Decimal::ONE {
                "（疑似按比例而非百分数填写）"
            } else {
                ""
            };
            Finding::new(
                &META,
                format!("执行率填 {p}%，按执行数÷预算数复算为 {computed}%{hint}"),
            )
        };
        out.push(finding.at(printed.at));
    }
}
