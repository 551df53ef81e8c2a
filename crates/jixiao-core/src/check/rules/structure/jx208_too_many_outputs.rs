use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Level1;

/// More 产出 level-3 indicators than the profile's limit.
pub struct TooManyOutputs;

static META: RuleMeta = RuleMeta {
    code: "JX208",
    name: "too-many-outputs",
    area: Area::Structure,
    severity: Severity::Info,
    title: "产出指标条数过多",
    what: "统计产出指标下的三级指标条数（不含“无/不适用”行），超过口径上限（默认 10 条，INFERRED）时提示。",
    why: "审计指出“产出指标条数繁多”：指标应提炼最能反映产出的核心内容，条数过多会稀释分值、把日常工作罗列成指标，复核也更难。",
    bad: "产出指标下罗列 16 条三级指标，每条 2～4 分。",
    good: "产出指标保留 6～8 条核心指标，相近的合并（如各季度会务筹备合并为一条时效指标）。",
    fix: "合并相近的产出指标，只保留反映项目核心产出的指标，并重新分配分值。",
    source: "R24; S13 [V]（产出指标条数繁多）; 上限 10 为 INFERRED（profile.max_output_indicators）",
};

impl Rule for TooManyOutputs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // Counted, not collected: the rows are only counted and the first one pointed at.
        let outputs = || {
            cx.form
                .indicators
                .iter()
                .filter(|i| i.level1_category == Some(Level1::Output) && !cx.is_placeholder(i))
        };
        let count = outputs().count();
        let max = cx.profile.max_output_indicators;
        if count <= max {
            return;
        }
        if let Some(first) = outputs().next() {
            out.push(
                Finding::new(
                    &META,
                    format!("产出指标下有 {count} 条三级指标（不含“无/不适用”行），超过 {max} 条"),
                )
                .at(first.level1.at),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_util::{form, row, run};
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn limit_is_exclusive_and_placeholders_do_not_count() {
        let mut rows: Vec<_> = (1..=10)
            .map(|k| {
                row(
                    k,
                    "产出(50分)",
                    "数量",
                    &format!("指标{k}项"),
                    "≥1个",
                    "1个",
                    "5",
                )
            })
            .collect();
        rows.push(row(11, "产出(50分)", "成本", "无", "无", "无", "0"));
        assert!(
            run(
                &TooManyOutputs,
                &form(rows.clone()),
                &Profile::central_2020()
            )
            .is_empty()
        );
        rows.push(row(
            12,
            "产出(50分)",
            "数量",
            "第十一项",
            "≥1个",
            "1个",
            "0",
        ));
        let out = run(&TooManyOutputs, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("11 条"));
    }
}
