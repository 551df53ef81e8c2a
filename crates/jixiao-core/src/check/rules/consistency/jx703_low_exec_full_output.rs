use crate::check::rules::funds::beyond_tolerance;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::{Indicator, Level1};
use rust_decimal::Decimal;

/// A low execution rate while every 产出 indicator has full marks.
pub struct LowExecFullOutput;

// Threshold (INFERRED): `Profile::review.low_exec_full_output_rate`.

static META: RuleMeta = RuleMeta {
    code: "JX703",
    name: "low-exec-full-output",
    area: Area::Consistency,
    severity: Severity::Warning,
    title: "资金执行率低而产出指标全部满分",
    what: "执行率（复算）低于 60%（INFERRED），而所有产出指标（分值大于 0 的三级指标）都按满分填报时报告。",
    why: "产出指标衡量项目用钱办成了多少事。资金只用了不到六成，产出却全部达标，要么产出目标定得偏低、完成值填得偏高，要么预算编得明显偏多；两种情况都需要说明。",
    bad: "执行率 52.42%，产出指标“发放春节慰问人数”等 5 项全部满分。",
    good: "未开展的慰问活动对应的产出指标按实际完成比例计分，并写明偏差原因。",
    fix: "核对产出指标的完成值是否如实填写、目标是否与预算规模匹配；资金结余确有原因的（如疫情影响、政府采购节约），在偏差原因中写明。",
    source: "INFERRED (consistency of A.3 and the 产出 indicators); related to R10 (C6 [V]) and R50",
};

fn is_scored_output(ind: &Indicator) -> bool {
    ind.level1_category == Some(Level1::Output)
        && ind.weight.as_ref().is_some_and(|w| w.value > Decimal::ZERO)
}

impl Rule for LowExecFullOutput {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(rate) = cx.eval.execution.rate else {
            return;
        };
        let low = cx.profile.review.low_exec_full_output_rate;
        if rate >= low {
            return;
        }
        let outputs: Vec<&Indicator> = cx
            .form
            .indicators
            .iter()
            .filter(|i| is_scored_output(i))
            .collect();
        if outputs.is_empty() {
            return;
        }
        let all_full = outputs.iter().all(|i| match (&i.weight, &i.score) {
            (Some(w), Some(s)) => !beyond_tolerance(cx, s.value, w.value) || s.value > w.value,
            _ => false,
        });
        if !all_full {
            return;
        }
        let sums = outputs
            .iter()
            .try_fold((Decimal::ZERO, Decimal::ZERO), |(s, w), i| {
                Some((
                    s.checked_add(i.score.as_ref()?.value)?,
                    w.checked_add(i.weight.as_ref()?.value)?,
                ))
            })
            .map_or(String::new(), |(s, w)| format!("（{s}/{w}）"));
        let at = cx.form.funds.total_row().and_then(|r| {
            r.execution_rate
                .as_ref()
                .map(|x| x.at)
                .or(r.executed.as_ref().map(|x| x.at))
        });
        let finding = Finding::new(
            &META,
            format!(
                "执行率仅 {rate}%（低于 {low}%），而 {} 项产出指标全部满分{sums}",
                outputs.len()
            ),
        );
        out.push(match at {
            Some(at) => finding.at(at),
            None => finding,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_is_sixty_percent_by_default() {
        let p = crate::profile::Profile::central_2020();
        assert_eq!(p.review.low_exec_full_output_rate, Decimal::from(60));
    }
}
