use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use rust_decimal::Decimal;

/// The printed 总分 is not the sum of the printed component scores.
pub struct TotalRecalc;

static META: RuleMeta = RuleMeta {
    code: "JX601",
    name: "total-recalc",
    area: Area::Totals,
    severity: Severity::Error,
    title: "总分不等于各项得分之和",
    what: "总分应等于预算执行得分加全部三级指标得分（按表中所填各项得分逐项相加）。",
    why: "总分决定等级；加总错误会直接改变评价等级，是抽查中最常见的硬伤之一。",
    bad: "各项得分合计 93，总分填 94。",
    good: "总分填 93，与各项得分之和一致。",
    fix: "把预算执行得分与各三级指标得分逐项相加，更正总分。",
    source: "R47; domain.md A.1, A.6; C10 [V]",
};

impl Rule for TotalRecalc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let f = cx.form;
        if !f.is_complete() || !cx.profile.scored {
            return;
        }
        let Some(printed) = f.total.as_ref().and_then(|t| t.score.as_ref()) else {
            return;
        };
        let exec = f
            .funds
            .total_row()
            .and_then(|r| r.score.as_ref().map(|s| s.value))
            .or(cx.eval.execution.score)
            .unwrap_or(Decimal::ZERO);
        // A row weighted by 权重占比 (河北) counts with its 折算得分 (printed, else recomputed).
        let indicators: Decimal = f
            .indicators
            .iter()
            .zip(&cx.eval.indicators)
            .filter_map(|(i, sc)| match &i.extra.weight_share {
                Some(_) => i
                    .extra
                    .weighted_score
                    .as_ref()
                    .map(|w| w.value)
                    .or(sc.weighted),
                None => i.score.as_ref().map(|s| s.value),
            })
            .sum();
        let sum = exec + indicators;
        if cx.differs(printed.value, sum) {
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "总分填 {}，预算执行得分 {exec} 与指标得分 {indicators} 之和为 {sum}",
                        printed.value
                    ),
                )
                .at(printed.at),
            );
        }
    }
}
