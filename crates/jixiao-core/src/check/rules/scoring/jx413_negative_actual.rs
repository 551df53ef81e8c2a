use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::score::ScoreMethod;
use rust_decimal::Decimal;

/// A numeric actual below zero.
pub struct NegativeActual;

static META: RuleMeta = RuleMeta {
    code: "JX413",
    name: "negative-actual",
    area: Area::Scoring,
    severity: Severity::Warning,
    title: "实际完成值为负数",
    what: "实际完成值是负数。计分时负数按 0 计（C1–C3 平台同样处理）。",
    why: "数量、比率、金额的实际完成值不会是负数；出现负数多是把“差额”“减少量”当成了完成值，或是录入错误。",
    bad: "目标“≥10次”，实际完成值“-5次”。",
    good: "实际完成值填实际完成的次数，如“5次”，并在偏差原因中说明未完成原因。",
    fix: "核实并更正实际完成值：填实际完成的数量或比率；要表达“减少”的，改用“≤”类目标和实际发生值。",
    source: "R44; domain.md A.4（负数按 0 计）; C1–C3 [V]",
};

impl Rule for NegativeActual {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            if sc.method == ScoreMethod::VoidZeroWeight {
                continue;
            }
            let Some(a) = &ind.actual else {
                continue;
            };
            let Some(v) = a.value.filter(|v| *v < Decimal::ZERO) else {
                continue;
            };
            let how = if cx.profile.negative_actual_as_zero {
                "，计分时按 0 计"
            } else {
                ""
            };
            out.push(
                Finding::new(&META, format!("实际完成值“{}”为负数（{v}）{how}", a.text))
                    .at(a.at)
                    .indicator(&ind.name.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::scoring::common::testkit::{row, run_row};
    use crate::model::Level1::*;

    #[test]
    fn negative_numbers_only() {
        let n = |a: &str| {
            run_row(
                &NegativeActual,
                row(Output, "数量", "≥10次", Some(a), "10", "0"),
            )
            .len()
        };
        assert_eq!(n("-5次"), 1);
        assert_eq!(n("0"), 0);
        assert_eq!(n("5次"), 0);
        assert_eq!(n("减少5次"), 0);
    }
}
