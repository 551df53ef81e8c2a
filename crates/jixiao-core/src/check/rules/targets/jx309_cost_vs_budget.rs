use rust_decimal::Decimal;

use super::common::{contains_any, is_cost, name_key, real_target};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::{AmountUnit, Comparator, Indicator, Target};

/// A money cost ceiling above the budget, or (for a total cost) far below it.
pub struct CostVsBudget;

static META: RuleMeta = RuleMeta {
    code: "JX309",
    name: "cost-vs-budget",
    area: Area::Targets,
    severity: Severity::Warning,
    title: "成本上限与预算数不符",
    what: "成本指标的年度指标值是金额上限（“≤”“<”“不超过”，或按口径读作上限的单独金额，单位为元、万元或“万”），折算成表中资金的金额单位后与年度资金总额的全年预算数 B 比较：高于 B 即报告；名称是项目总成本（含“总成本、总费用、项目成本、采购成本”，不含“单个、单项、一项、每、人均、单价、单位成本”）而上限低于 0.5·B（INFERRED）也报告。资金金额单位未知时不查。",
    why: "成本上限高于全年预算，说明目标不是按预算设定的（或单位写错了）；项目总成本上限远低于预算，则预算与成本目标有一个不实。两者都使成本指标失去约束。",
    bad: "全年预算数 1780000 元，成本指标“采购成本”年度指标值“不超过1830000元”。",
    good: "全年预算数 1780000 元，成本指标“采购成本 ≤1780000元”。",
    fix: "按批复的预算和成本测算重新设定成本上限，核对金额单位（元/万元）；成本上限确需高于预算的，说明资金来源。",
    source: "R29 (INFERRED: 0.5·B 下限); S8 [V]（“≤90万元”与预算 90 万元一致）",
};

// Threshold (R29, INFERRED): `Profile::review.cost_target_low_share`.

/// Names of a whole project's cost.
const TOTAL_WORDS: &[&str] = &["总成本", "总费用", "项目成本", "采购成本"];
/// Names of a unit or per-item cost, even when they say 项目成本.
const PER_UNIT_WORDS: &[&str] = &["单个", "单项", "一项", "每", "人均", "单价", "单位成本"];
/// Units that read as money (a bare multiplier under a cost indicator is 万元, as the seed's
/// `≤40万` / `62万`).
const BARE_MULTIPLIERS: &[&str] = &["万", "十万", "百万", "千万", "亿", "千"];

fn amount_unit_text(u: AmountUnit) -> Option<&'static str> {
    match u {
        AmountUnit::Yuan => Some("元"),
        AmountUnit::WanYuan => Some("万元"),
        AmountUnit::Unknown => None,
    }
}

/// The ceiling a cost target sets, in the form's amount unit.
fn ceiling(cx: &Context, ind: &Indicator, t: &Target, form_unit: &str) -> Option<Decimal> {
    let cmp = match t.comparator {
        Comparator::Implicit => cx.profile.implicit_cost_comparator,
        c => c,
    };
    if !matches!(cmp, Comparator::AtMost | Comparator::Less) || !is_cost(cx, ind) {
        return None;
    }
    let unit = t.unit.as_deref()?.trim();
    if !(unit.ends_with('元') || BARE_MULTIPLIERS.contains(&unit)) {
        return None;
    }
    let factor = crate::normalise::units_compatible(Some(form_unit), Some(unit))?;
    t.value?.checked_mul(factor)
}

impl Rule for CostVsBudget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(form_unit) = amount_unit_text(cx.form.funds.amount_unit) else {
            return;
        };
        let Some(b) = cx
            .form
            .funds
            .total_row()
            .and_then(|r| r.adjusted_budget.as_ref())
            .map(|b| b.value)
            .filter(|b| *b > Decimal::ZERO)
        else {
            return;
        };
        for ind in &cx.form.indicators {
            let Some(t) = real_target(cx, ind) else {
                continue;
            };
            let Some(cap) = ceiling(cx, ind, t, form_unit) else {
                continue;
            };
            let shown = if t.unit.as_deref().map(str::trim) == Some(form_unit) {
                String::new()
            } else {
                format!("（折合 {} {form_unit}）", cap.normalize())
            };
            let msg = if cap > b && cx.differs(cap, b) {
                format!(
                    "成本上限“{}”{shown}高于全年预算数 {} {form_unit}",
                    t.text.trim(),
                    b.normalize()
                )
            } else {
                let name = name_key(cx, ind);
                let total = contains_any(&name, TOTAL_WORDS).is_some()
                    && contains_any(&name, PER_UNIT_WORDS).is_none();
                let floor = b * cx.profile.review.cost_target_low_share;
                if !(total && cap < floor) {
                    continue;
                }
                format!(
                    "“{}”按名称是总成本，上限“{}”{shown}却不到全年预算数 {} {form_unit}的一半：若指项目总成本，成本目标与预算不符；若只是其中一项，应在名称中写明",
                    ind.name.value.trim(),
                    t.text.trim(),
                    b.normalize()
                )
            };
            out.push(Finding::new(&META, msg).at(t.at).indicator(&ind.name.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::structure::common::test_util::{form, row, run};
    use crate::model::{FundsKind, FundsRow, Pos, Sourced};
    use crate::profile::Profile;
    use rust_decimal_macros::dec;

    fn with_budget(rows: Vec<Indicator>, unit: AmountUnit, b: Decimal) -> crate::model::Form {
        let mut f = form(rows);
        f.funds.amount_unit = unit;
        let at = Pos::new(1, 4);
        f.funds.rows.push(FundsRow {
            kind: FundsKind::TotalFunds,
            label: Sourced::new("年度资金总额".into(), at),
            initial_budget: None,
            adjusted_budget: Some(Sourced::new(b, at)),
            executed: None,
            weight: None,
            execution_rate: None,
            score: None,
            reason: None,
            arrived: None,
            method: None,
            line: 1,
        });
        f
    }

    fn lines(out: &[crate::check::Finding]) -> Vec<u32> {
        out.iter().filter_map(|f| f.line).collect()
    }

    #[test]
    fn above_budget_in_yuan() {
        let rows = vec![
            row(
                10,
                "产出(50分)",
                "成本",
                "采购成本",
                "不超过1830000元",
                "1768150元",
                "10",
            ),
            row(
                11,
                "产出(50分)",
                "成本",
                "采购成本",
                "62万",
                "46.86万",
                "10",
            ),
            row(12, "产出(50分)", "成本", "单个课题经费", "≤40万", "", "10"),
            row(13, "产出(50分)", "成本", "成本", "≤1780000元", "", "10"),
            row(14, "产出(50分)", "成本", "制作费用", "≥2000000元", "", "10"),
            row(15, "产出(50分)", "质量", "资金", "≤2000000元", "", "10"),
        ];
        let out = run(
            &CostVsBudget,
            &with_budget(rows, AmountUnit::Yuan, dec!(1780000)),
            &Profile::shenzhen_2022(),
        );
        assert_eq!(lines(&out), vec![10, 11], "{out:?}");
        assert_eq!(
            out[0].message,
            "成本上限“不超过1830000元”高于全年预算数 1780000 元"
        );
        assert_eq!(
            out[1].message,
            "“采购成本”按名称是总成本，上限“62万”（折合 620000 元）却不到全年预算数 1780000 元的一半：若指项目总成本，成本目标与预算不符；若只是其中一项，应在名称中写明"
        );
    }

    #[test]
    fn wan_yuan_conversion_and_low_band() {
        let rows = vec![
            row(
                10,
                "产出(50分)",
                "成本",
                "总成本不超过510.82万元",
                "总成本不超过510.82万元",
                "",
                "10",
            ),
            row(11, "产出(50分)", "成本", "项目总成本", "≤40万元", "", "10"),
            row(
                12,
                "产出(50分)",
                "成本",
                "一项调研课题项目成本",
                "≤5万元",
                "",
                "10",
            ),
            row(
                13,
                "产出(50分)",
                "成本",
                "项目总成本",
                "≤500000元",
                "",
                "10",
            ),
        ];
        let out = run(
            &CostVsBudget,
            &with_budget(rows, AmountUnit::WanYuan, dec!(100)),
            &Profile::central_2020(),
        );
        assert_eq!(lines(&out), vec![10, 11], "{out:?}");
        assert!(
            out[1].message.contains("却不到全年预算数 100 万元的一半"),
            "{}",
            out[1].message
        );
        let out = run(
            &CostVsBudget,
            &with_budget(vec![], AmountUnit::Unknown, dec!(100)),
            &Profile::central_2020(),
        );
        assert!(out.is_empty());
    }
}
