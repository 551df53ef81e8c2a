use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// A quantitative indicator's printed score disagrees with the scoring rule.
pub struct ScoreRecalc;

static META: RuleMeta = RuleMeta {
    code: "JX402",
    name: "score-recalc",
    area: Area::Scoring,
    severity: Severity::Error,
    title: "定量指标得分与评分规则不符",
    what: "定量指标按规则复算：完成目标记满分；未完成按 实际 ÷ 目标 的比例计分（先算完成率保留两位小数，再乘分值，四舍五入）；“≤”类指标按所选口径反向计分。复算结果与表中得分不同即报告，两个数都列出，表中所填不会被改动。",
    why: "得分与完成情况不符，要么是计算错误，要么是目标或计算符号填错；两种情况都会让总分失真。",
    bad: "目标 1000件，实际 100件，分值 5，得分填 1.00（按规则应为 0.50）。",
    good: "得分填 0.50（完成率 10.00% × 5）；或目标、实际确有其他口径时在偏差原因中写明。",
    fix: "按评分规则重新计算得分；若目标值或“≥/≤”写错，先更正目标。",
    source: "R34; domain.md A.4, A.7; C1, C10 [V]",
};

fn two_places(d: rust_decimal::Decimal) -> rust_decimal::Decimal {
    let mut d = d.round_dp(2);
    d.rescale(2);
    d
}

impl Rule for ScoreRecalc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(cx.eval.indicators.iter()) {
            let (Some(printed), Some(computed)) = (&ind.score, sc.computed) else {
                continue;
            };
            if !cx.differs(printed.value, computed) {
                continue;
            }
            let basis = match (&ind.target, &ind.actual, sc.completion_pct) {
                (Some(t), Some(a), Some(pct)) => {
                    format!(
                        "目标“{}”，实际“{}”，完成率 {}%",
                        t.text,
                        a.text,
                        two_places(pct)
                    )
                }
                (Some(t), Some(a), None) => format!("目标“{}”，实际“{}”", t.text, a.text),
                _ => String::new(),
            };
            out.push(
                Finding::new(
                    &META,
                    format!("得分填 {}，按规则应为 {computed}（{basis}）", printed.value),
                )
                .at(printed.at)
                .indicator(&ind.name.value),
            );
        }
    }
}
