use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use rust_decimal::Decimal;

/// 分值 of the execution row and all indicators do not add up to 100.
pub struct WeightsTotal;

static META: RuleMeta = RuleMeta {
    code: "JX201",
    name: "weights-total",
    area: Area::Structure,
    severity: Severity::Error,
    title: "分值合计不等于100",
    what: "预算执行分值与各三级指标分值之和应等于100分（总分行所填分值也应等于该合计）。",
    why: "分值合计不是100，得分就无法与其他项目的100分制结果比较，等级评定失去依据。",
    bad: "预算执行 10 分，指标分值合计 95 分，总分行写 100。",
    good: "预算执行 10 分 + 产出 50 分 + 效益 30 分 + 满意度 10 分 = 100 分。",
    fix: "调整各指标分值，使预算执行分值与全部三级指标分值之和为100分。",
    source: "R15; domain.md A.2 W3; C2 [V]",
};

impl Rule for WeightsTotal {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let f = cx.form;
        if !cx.profile.scored || f.indicators.is_empty() || !f.is_complete() {
            return;
        }
        let exec_weight = f
            .funds
            .total_row()
            .and_then(|r| r.weight.as_ref().map(|w| w.value))
            .unwrap_or(cx.profile.exec_weight);
        let sum: Decimal = exec_weight
            + f.indicators
                .iter()
                .filter_map(|i| i.points_weight())
                .map(|w| w.value)
                .sum::<Decimal>();
        let hundred = Decimal::ONE_HUNDRED;
        let line = f.total.as_ref().map_or(f.source.first_line, |t| t.line);
        if cx.differs(sum, hundred) {
            out.push(
                Finding::new(
                    &META,
                    format!("预算执行分值 {exec_weight} 与各指标分值合计为 {sum}，不等于 100"),
                )
                .at_line(line),
            );
        }
        if let Some(printed) = f.total.as_ref().and_then(|t| t.weight.as_ref())
            && cx.differs(printed.value, sum)
            && !cx.differs(sum, hundred)
        {
            out.push(
                Finding::new(
                    &META,
                    format!("总分行分值填 {}，而各项分值合计为 {sum}", printed.value),
                )
                .at(printed.at),
            );
        }
    }
}
