use super::unit_suffix;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::score::round2;
use rust_decimal::Decimal;

/// A large share of the full-year budget left unspent.
pub struct LargeUnspent;

static META: RuleMeta = RuleMeta {
    code: "JX111",
    name: "large-unspent",
    area: Area::Funds,
    severity: Severity::Info,
    title: "预算结余较大",
    what: "年度资金总额行的结余占比 (全年预算数 − 全年执行数) ÷ 全年预算数 超过评分口径的阈值（默认 20%）时提示。",
    why: "大额结余说明预算编制偏多或项目推进滞后，是下年预算安排和结转结余资金管理的关注点；财政部门的绩效系统对此给出黄色提示。",
    bad: "全年预算数 108000，全年执行数 64531，结余 43469（40.25%）。",
    good: "全年预算数 108000，全年执行数 102000，结余 5.56%；或在总体目标完成情况中说明结余原因和去向。",
    fix: "核实结余原因（项目延期、节约、预算偏多），在总体目标完成情况或偏差原因中说明，并据此调整下年预算。",
    source: "R11; domain.md (c) notes on R10–R11; C6 [V]",
};

/// `(B − E)/B` when `B > 0`.
fn unspent_share(b: Decimal, e: Decimal) -> Option<Decimal> {
    if b <= Decimal::ZERO {
        return None;
    }
    b.checked_sub(e)?.checked_div(b)
}

impl Rule for LargeUnspent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some((b, e)) = super::total_budget_and_executed(cx) else {
            return;
        };
        if e.value < Decimal::ZERO {
            return;
        }
        let Some(share) = unspent_share(b.value, e.value) else {
            return;
        };
        let limit = cx.profile.large_unspent_share;
        if share <= limit {
            return;
        }
        let unit = unit_suffix(cx.form.funds.amount_unit);
        out.push(
            Finding::new(
                &META,
                format!(
                    "全年预算数 {}{unit}，全年执行数 {}{unit}，结余 {}{unit}，占 {:.2}%，超过 {}%",
                    b.value,
                    e.value,
                    b.value - e.value,
                    round2(share * Decimal::ONE_HUNDRED),
                    (limit * Decimal::ONE_HUNDRED).normalize()
                ),
            )
            .at(e.at),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn share() {
        assert_eq!(
            unspent_share(dec!(108000), dec!(64531)).map(|s| round2(s * dec!(100))),
            Some(dec!(40.25))
        );
        assert_eq!(unspent_share(dec!(0), dec!(5)), None);
        assert!(unspent_share(dec!(100), dec!(80)) == Some(dec!(0.2)));
    }
}
