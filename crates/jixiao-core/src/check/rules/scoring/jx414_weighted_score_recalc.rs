use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// A printed 折算得分 that is not 单项指标得分 × 权重占比 (河北 weighted forms).
pub struct WeightedScoreRecalc;

static META: RuleMeta = RuleMeta {
    code: "JX414",
    name: "weighted-score-recalc",
    area: Area::Scoring,
    severity: Severity::Error,
    title: "折算得分不等于单项指标得分×权重占比",
    what: "按权重占比折算的表式（河北）中，每行的折算得分应等于该行单项指标得分 × 权重占比(%)。按表中所填单项得分和权重占比复算（四舍五入保留两位小数，口径见评分口径 hebei_weighted），与所填折算得分不同即报告。",
    why: "总分由各行折算得分相加；折算得分算错，总分和等级随之失真，而单看总分行看不出来。",
    bad: "单项指标得分 90，权重占比 30%，折算得分填 30.00（应为 27.00）。",
    good: "折算得分填 27.00；单项得分另有依据的，先更正单项得分再折算。",
    fix: "按 单项指标得分 × 权重占比 重新计算折算得分，并相应更正总分。",
    source: "formats.md（河北 weighted: 折算得分 = 单项得分 × 权重占比）; rounding INFERRED (profile share_weighting)",
};

/// A recomputed score with at least two decimals (`27` → `27.00`).
fn shown(mut d: rust_decimal::Decimal) -> rust_decimal::Decimal {
    if d.scale() < 2 {
        d.rescale(2);
    }
    d
}

impl Rule for WeightedScoreRecalc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            let (Some(printed), Some(computed)) = (&ind.extra.weighted_score, sc.weighted) else {
                continue;
            };
            if !cx.differs(printed.value, computed) {
                continue;
            }
            let single = ind
                .score
                .as_ref()
                .map_or(String::new(), |s| s.value.to_string());
            let share = ind
                .extra
                .weight_share
                .as_ref()
                .map_or(String::new(), |s| s.value.to_string());
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "折算得分填 {}，单项指标得分 {single} × 权重占比 {share}% = {}",
                        printed.value,
                        shown(computed)
                    ),
                )
                .at(printed.at)
                .indicator(&ind.name.value),
            );
        }
    }
}
