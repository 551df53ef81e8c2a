use super::common::{contains_any, is_cost, name_key, real_target};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Comparator;

/// A cost indicator with a ≥ or > target: a cost is a ceiling.
pub struct CostDirection;

static META: RuleMeta = RuleMeta {
    code: "JX306",
    name: "cost-direction",
    area: Area::Targets,
    severity: Severity::Warning,
    title: "成本指标目标方向错误（≥）",
    what: "成本指标（二级指标为成本/经济成本/社会成本/生态环境成本，或一级指标为成本指标）的年度指标值用了“≥”或“>”（或以“≥、>、不低于、不少于、大于、高于、至少”开头而无法整体读作一个数的文字）。成本是上限，应写“≤”。名称表示节约、降低的（含“节约、节省、降低、下降、压减、控制率”，如“成本节约率 ≥5%”）本来就是越高越好，不报。",
    why: "成本指标写成“≥”，花得越多越算完成，与控制成本的本意相反；按“≥”计分时超支反而得满分。",
    bad: "成本指标：表扬书、批评书制作费用，年度指标值“≥0.79%”。",
    good: "年度指标值“≤2.5万元”（或“≤3%”并写明占什么的比例）。",
    fix: "把成本指标改为上限：“≤××万元”或“≤××%”，并写明比例的基数；确需下限的，改用“节约率”等正向表述。",
    source: "issue “review-check catalogue”（cost direction）; domain.md B.4（成本按 ≤ 读，INFERRED）; [R] 财预〔2021〕101号 成本指标",
};

/// Names that measure a saving or a cut: higher is better, `≥` is right.
const SAVING_WORDS: &[&str] = &["节约", "节省", "降低", "下降", "压减", "控制率"];

/// Floor operators a target text may open with.
const FLOOR_PREFIXES: &[&str] = &[
    "≥",
    ">=",
    ">",
    "不低于",
    "不少于",
    "不小于",
    "大于",
    "高于",
    "至少",
];

/// The floor operator a (qualitative) target text opens with, when it also holds a number.
fn floor_prefix(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    FLOOR_PREFIXES.iter().copied().find(|p| t.starts_with(p))
}

impl Rule for CostDirection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in cx.form.indicators.iter().filter(|i| is_cost(cx, i)) {
            let Some(t) = real_target(cx, ind) else {
                continue;
            };
            let symbol = match t.comparator {
                Comparator::AtLeast | Comparator::Greater => t.comparator.symbol(),
                // A text the parser could not read as one quantity, but that opens with a floor
                // (`≥总成本不超过510.82万元`): still a floor on a cost.
                Comparator::Qualitative => match floor_prefix(&t.text) {
                    Some(op) => op,
                    None => continue,
                },
                _ => continue,
            };
            if contains_any(&name_key(cx, ind), SAVING_WORDS).is_some() {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "成本指标“{}”的年度指标值为“{}”：成本应设上限（≤），“{}”表示越高越好",
                        ind.name.value.trim(),
                        t.text.trim(),
                        symbol
                    ),
                )
                .at(t.at)
                .indicator(&ind.name.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::structure::common::test_util::{form, row, run};
    use crate::profile::Profile;

    #[test]
    fn cost_floor_warns_ceiling_and_saving_do_not() {
        let rows = vec![
            row(
                1,
                "产出(50分)",
                "成本",
                "表扬书、批评书制作费用",
                "≥0.79%",
                "2.98%",
                "10",
            ),
            row(
                2,
                "产出(50分)",
                "成本",
                "采购成本",
                "≤62万元",
                "46万元",
                "10",
            ),
            row(3, "产出(50分)", "成本指标", "成本节约率", "≥5%", "6%", "10"),
            row(
                4,
                "成本指标(10分)",
                "经济成本指标",
                "项目总成本",
                ">10万元",
                "12万元",
                "10",
            ),
            row(5, "产出(50分)", "数量", "培训人数", "≥100人", "120人", "10"),
            row(6, "产出(50分)", "成本", "人均成本", "100元", "90元", "10"),
            row(
                7,
                "产出(50分)",
                "成本",
                "总成本",
                "≥总成本不超过510.82万元",
                "98.51万元",
                "10",
            ),
            row(
                8,
                "产出(50分)",
                "成本",
                "印刷费",
                "按标准控制",
                "完成",
                "10",
            ),
        ];
        let out = run(&CostDirection, &form(rows), &Profile::central_2020());
        let lines: Vec<_> = out.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![Some(1), Some(4), Some(7)], "{out:?}");
        assert!(out[1].message.contains("“>”表示越高越好"));
    }
}
