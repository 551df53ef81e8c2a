use rust_decimal::Decimal;

use super::common::real_target;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// The target is a percentage, the actual a bare number without `%`.
pub struct PercentActualWithoutUnit;

static META: RuleMeta = RuleMeta {
    code: "JX308",
    name: "percent-actual-without-unit",
    area: Area::Targets,
    severity: Severity::Warning,
    title: "目标为百分比，实际完成值未写“%”",
    what: "年度指标值以“%”计（如“≥95%”），实际完成值却只是一个数字、没有“%”（如“100”）。实际为 0 的不报（0 与 0% 没有歧义）；只填“1”的由 JX408（证据不足）报告，这里不重复。",
    why: "“100”可能是 100%，也可能是 100 件、100 分，或把比例 1.00 写成了 100；证据有歧义，复核人无法确认完成率。",
    bad: "秘书三科调研课题评审合格率：年度指标值“≥95%”，实际完成值“100”。",
    good: "实际完成值“100%”（最好附上“评审 4 项、合格 4 项”）。",
    fix: "实际完成值按目标的单位填写，写成“100%”，并写明分子、分母。",
    source: "issue “review-check catalogue”（percent actual without unit）; R28 相关; C3 [V]（定量指标实际完成值应为数值）",
};

impl Rule for PercentActualWithoutUnit {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in &cx.form.indicators {
            let (Some(t), Some(a)) = (real_target(cx, ind), ind.actual.as_ref()) else {
                continue;
            };
            if !matches!(t.unit.as_deref().map(str::trim), Some("%" | "‰")) {
                continue;
            }
            let Some(v) = a.value else {
                continue;
            };
            if a.unit.is_some() || a.text.contains(['%', '‰']) {
                continue;
            }
            if v == Decimal::ZERO || v == Decimal::ONE {
                continue; // 0 is unambiguous; a bare 1 is JX408's (bare mark)
            }
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "年度指标值“{}”以百分比计，实际完成值“{}”没有“%”，无法确认是否为百分比",
                        t.text.trim(),
                        a.text.trim()
                    ),
                )
                .at(a.at)
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
    fn bare_number_for_percent_target() {
        let rows = vec![
            row(1, "产出(50分)", "质量", "评审合格率", "≥95%", "100", "2.5"),
            row(2, "产出(50分)", "质量", "合格率", "≥95%", "100%", "2.5"),
            row(3, "产出(50分)", "质量", "差错率", "≤1%", "0", "2.5"),
            row(4, "产出(50分)", "质量", "达标率", "100%", "1", "2.5"),
            row(5, "产出(50分)", "质量", "覆盖率", "≥95%", "已全覆盖", "2.5"),
            row(6, "产出(50分)", "数量", "人数", "≥95人", "100", "2.5"),
        ];
        let out = run(
            &PercentActualWithoutUnit,
            &form(rows),
            &Profile::central_2020(),
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].line, Some(1));
    }
}
