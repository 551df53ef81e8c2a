use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// A printed 指标得分 that is not 指标权重 × 得分系数 (重庆 whole-department forms).
pub struct CoefficientScoreRecalc;

static META: RuleMeta = RuleMeta {
    code: "JX415",
    name: "coefficient-score-recalc",
    area: Area::Scoring,
    severity: Severity::Error,
    title: "指标得分不等于指标权重×得分系数",
    what: "印有得分系数栏的表式（重庆部门整体支出）中，指标得分应等于指标权重 × 得分系数。两栏都有数时复算（按评分口径的小数位四舍五入），与所填指标得分不同即报告。得分系数本身是否合理由 JX402 按完成情况另行复核。",
    why: "得分系数是评价人对完成程度的判定，指标得分只是它与权重的乘积；二者对不上，说明得分或系数有一处填错，总分随之失真。",
    bad: "指标权重 20，得分系数 0.9，指标得分填 19（应为 18）。",
    good: "指标得分填 18；若评价结论是 19 分，则得分系数应为 0.95。",
    fix: "按 指标权重 × 得分系数 重新计算指标得分，或更正得分系数，并相应更正总分。",
    source: "formats.md（重庆 whole department: 指标权重 / 得分系数 / 指标得分）; INFERRED that 指标得分 = 指标权重 × 得分系数",
};

/// A recomputed score with at least two decimals (`27` → `27.00`).
fn shown(mut d: rust_decimal::Decimal) -> rust_decimal::Decimal {
    if d.scale() < 2 {
        d.rescale(2);
    }
    d
}

impl Rule for CoefficientScoreRecalc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            let (Some(printed), Some(computed)) = (&ind.score, sc.from_coefficient) else {
                continue;
            };
            if !cx.differs(printed.value, computed) {
                continue;
            }
            let w = ind
                .weight
                .as_ref()
                .map_or(String::new(), |w| w.value.to_string());
            let c = ind
                .extra
                .score_coefficient
                .as_ref()
                .map_or(String::new(), |c| c.value.to_string());
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "指标得分填 {}，指标权重 {w} × 得分系数 {c} = {}",
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
