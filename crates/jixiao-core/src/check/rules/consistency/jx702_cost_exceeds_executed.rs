use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::{AmountUnit, Indicator, Level1};
use rust_decimal::Decimal;

/// A 成本 indicator's actual (money) is larger than the whole project's 全年执行数.
pub struct CostExceedsExecuted;

static META: RuleMeta = RuleMeta {
    code: "JX702",
    name: "cost-exceeds-executed",
    area: Area::Consistency,
    severity: Severity::Warning,
    title: "成本指标实际值超过项目全年执行数",
    what: "成本指标（一级指标为成本指标，或二级指标为成本/经济成本）的实际完成值是金额（元、万元、千元、亿元；成本指标下的“万”也按万元）时，换算成资金区的金额单位后与年度资金总额行的全年执行数比较；实际值扣除其末位的四舍五入误差后仍大于执行数即报告。资金区金额单位不明时不检查。",
    why: "项目某一部分的成本不可能超过整个项目当年实际支出的资金。超过说明成本指标的完成值填错（单位错、把预算当支出），或资金区执行数漏填。",
    bad: "成本指标“编制疫情防控指引”实际完成值 41万，年度资金总额全年执行数 278500 元（27.85 万元）。",
    good: "实际完成值 27.5万（不超过全年执行数 27.85 万元），或资金区执行数按实际支出更正。",
    fix: "核对成本指标的实际完成值和单位，以及资金区的全年执行数，按实际支出更正其中填错的一方。",
    source: "INFERRED (consistency of B.2 and B.4 成本指标); domain.md R29 (cost-vs-budget, related)",
};

fn is_cost(cx: &Context, ind: &Indicator) -> bool {
    ind.level1_category == Some(Level1::Cost)
        || cx
            .level2_category(ind)
            .is_some_and(|c| c == "cost" || c == "economic_cost")
}

/// Yuan per one of `unit` (元 1, 千元 1000, 万元/万 10000, 亿元 10⁸), for money units only.
fn yuan_per(unit: &str) -> Option<Decimal> {
    Some(match unit.trim() {
        "元" => Decimal::ONE,
        "千元" => Decimal::from(1_000),
        "万元" | "万" => Decimal::from(10_000),
        "亿元" | "亿" => Decimal::from(100_000_000),
        _ => return None,
    })
}

/// The lowest amount, in yuan, that the printed actual `value` (with `scale` decimals, in `unit`)
/// can stand for: `46.86万` covers 468550 – 468650 yuan, so compare from 468550.
fn lowest_in_yuan(value: Decimal, unit: &str) -> Option<Decimal> {
    let per = yuan_per(unit)?;
    let half = Decimal::try_new(5, value.scale().checked_add(1)?).ok()?;
    value.checked_sub(half)?.max(Decimal::ZERO).checked_mul(per)
}

impl Rule for CostExceedsExecuted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let funds = &cx.form.funds;
        let (form_unit, form_per) = match funds.amount_unit {
            AmountUnit::Yuan => ("元", Decimal::ONE),
            AmountUnit::WanYuan => ("万元", Decimal::from(10_000)),
            AmountUnit::Unknown => return,
        };
        let Some(executed) = funds.total_row().and_then(|r| r.executed.as_ref()) else {
            return;
        };
        let Some(executed_yuan) = executed.value.checked_mul(form_per) else {
            return;
        };
        for ind in cx.form.indicators.iter().filter(|i| is_cost(cx, i)) {
            let Some(actual) = &ind.actual else { continue };
            let Some(value) = actual.value else { continue };
            // A unit missing on the actual is read as the target's (normalise::units_compatible).
            let Some(unit) = actual
                .unit
                .as_deref()
                .or(ind.target.as_ref().and_then(|t| t.unit.as_deref()))
            else {
                continue;
            };
            let Some(low) = lowest_in_yuan(value, unit) else {
                continue;
            };
            if low <= executed_yuan {
                continue;
            }
            let converted = yuan_per(unit)
                .and_then(|per| value.checked_mul(per)?.checked_div(form_per))
                .map_or(String::new(), |v| {
                    format!("（折合 {}{form_unit}）", v.normalize())
                });
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "成本指标实际完成值“{}”{converted}，超过年度资金总额的全年执行数 {}{form_unit}",
                        actual.text, executed.value
                    ),
                )
                .at(actual.at)
                .indicator(&ind.name.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_of_the_printed_actual_is_allowed_for() {
        // Seed 政务公开业务: 46.86万 printed, 468554 yuan executed: not above.
        assert_eq!(lowest_in_yuan(dec!(46.86), "万"), Some(dec!(468550.000)));
        assert!(lowest_in_yuan(dec!(46.86), "万").is_some_and(|l| l <= dec!(468554)));
        // Seed 疫情防控工作经历: 41万 against 278500 yuan: above.
        assert!(lowest_in_yuan(dec!(41), "万").is_some_and(|l| l > dec!(278500)));
        assert_eq!(lowest_in_yuan(dec!(960), "元"), Some(dec!(959.5)));
        assert_eq!(lowest_in_yuan(dec!(0), "元"), Some(dec!(0)));
        // A value printed with the maximum scale has no room for the half unit: not compared.
        assert_eq!(lowest_in_yuan(Decimal::new(1, 28), "元"), None);
    }

    #[test]
    fn only_money_units() {
        assert_eq!(yuan_per("%"), None);
        assert_eq!(yuan_per("人"), None);
        assert_eq!(yuan_per(" 万元 "), Some(dec!(10000)));
        assert_eq!(yuan_per("亿元"), Some(dec!(100000000)));
    }
}
