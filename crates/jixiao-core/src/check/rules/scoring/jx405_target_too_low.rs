use super::common::{full_marks, pct};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// Full marks on a target the actual exceeds many times over: the target was set too low.
pub struct TargetTooLow;

static META: RuleMeta = RuleMeta {
    code: "JX405",
    name: "target-too-low",
    area: Area::Scoring,
    severity: Severity::Warning,
    title: "目标值可能定得过低",
    what: "“≥”类定量指标的实际完成值达到目标值的 150% 及以上（评分口径的“目标过低”阈值），而该行仍按满分计分、没有任何调减。",
    why: "办法规定：实际完成值明显高于目标、目标设定明显偏低的，应按偏离度适度调减分值。目标定得过低，满分就失去了意义，也说明绩效目标编制不够科学（审计称之为“无压力的绩效目标”）。",
    bad: "目标“≥1个”，实际“3个”（300%），分值 7.50，得分 7.50。",
    good: "按偏离度适度调减得分并在偏差原因中说明，或在下一年度把目标值调到与实际能力相符（如“≥3个”）。",
    fix: "核实目标值是否偏低：偏低的按偏离度适度调减该指标得分并写明理由，下一年度据实调高目标值。",
    source: "R36; domain.md A.4（超额调减）, Q3; [R] 办法“按照偏离度适度调减分值”; S13 [V]",
};

impl Rule for TargetTooLow {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            let Some((w, s)) = full_marks(cx, ind) else {
                continue;
            };
            let Some(ratio) = cx
                .high_forward_ratio(ind, sc)
                .filter(|r| *r >= cx.profile.target_too_low_threshold)
            else {
                continue;
            };
            let (Some(t), Some(a)) = (&ind.target, &ind.actual) else {
                continue;
            };
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "目标“{}”，实际“{}”，为目标的 {}（≥ {}），仍得满分（得分 {s}，分值 {w}）：目标值可能定得过低",
                        t.text,
                        a.text,
                        pct(ratio),
                        pct(cx.profile.target_too_low_threshold)
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
    use crate::check::rules::scoring::common::testkit::{row, run_row};
    use crate::model::Level1::*;

    fn fires(target: &str, actual: &str, s: &str) -> bool {
        !run_row(
            &TargetTooLow,
            row(Output, "数量", target, Some(actual), "10", s),
        )
        .is_empty()
    }

    #[test]
    fn full_marks_from_one_and_a_half_times_the_target() {
        assert!(fires("≥2个", "3个", "10"));
        assert!(!fires("≥100个", "149个", "10"));
        assert!(fires("≥1个", "3个", "10.00"));
        assert!(fires("≥1个", "3个", "9.995"));
        assert!(!fires("≥1个", "3个", "9"));
        assert!(!fires("≤1个", "3个", "10"));
    }
}
