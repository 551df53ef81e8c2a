use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use rust_decimal::Decimal;

/// A score above its weight, or below zero.
pub struct ScoreBounds;

static META: RuleMeta = RuleMeta {
    code: "JX401",
    name: "score-bounds",
    area: Area::Scoring,
    severity: Severity::Error,
    title: "得分超出分值范围",
    what: "每个三级指标和预算执行的得分都应在 0 到分值之间。",
    why: "得分超过分值（如按“分值 × 实际 ÷ 目标”计算却不封顶）会虚增总分；负分没有依据。",
    bad: "分值 20，实际 12767.36、目标 8000，得分填 31.9。",
    good: "超额完成按满分 20 计，超出部分不加分，并在偏差原因中说明超额原因。",
    fix: "把得分改为不超过分值的数；超额完成的记满分，不另加分。",
    source: "R33; domain.md A.1(3); C2, C3 [V] “得分不能大于分值”",
};

impl Rule for ScoreBounds {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in &cx.form.indicators {
            let (Some(w), Some(s)) = (&ind.weight, &ind.score) else {
                continue;
            };
            if s.value - w.value > cx.profile.tolerance {
                out.push(
                    Finding::new(&META, format!("得分 {} 超过分值 {}", s.value, w.value))
                        .at(s.at)
                        .indicator(&ind.name.value),
                );
            } else if s.value < Decimal::ZERO {
                out.push(
                    Finding::new(&META, format!("得分 {} 为负数", s.value))
                        .at(s.at)
                        .indicator(&ind.name.value),
                );
            }
        }
        if let Some(row) = cx.form.funds.total_row()
            && let (Some(w), Some(s)) = (&row.weight, &row.score)
            && s.value - w.value > cx.profile.tolerance
        {
            out.push(
                Finding::new(
                    &META,
                    format!("预算执行得分 {} 超过分值 {}", s.value, w.value),
                )
                .at(s.at),
            );
        }
    }
}
