use super::common::pct;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// An actual far above a "higher is better" target, with no 偏差原因.
pub struct OvershootUnexplained;

static META: RuleMeta = RuleMeta {
    code: "JX404",
    name: "overshoot-unexplained",
    area: Area::Scoring,
    severity: Severity::Warning,
    title: "大幅超额完成但未说明原因",
    what: "“≥”类（含只写数字、按“≥”理解的目标）定量指标，实际完成值达到目标值的一定倍数（评分口径的超额阈值，默认 120%，广西 130%）时，“偏差原因分析及改进措施”不能为空。实际值先换算到目标的计量单位再比较。",
    why: "《项目支出绩效评价管理办法》要求：实际完成值大幅高于目标的，应分析原因；目标明显偏低的应按偏离度适度调减分值。超额却不说明，复核人无法判断是目标定低了还是另有原因。",
    bad: "目标“160本”，实际“382本”（238.75%），得满分 4，偏差原因一栏空白。",
    good: "偏差原因写明“下半年新增党员学习用书采购需求，经党组会研究追加采购，下一年度将据实调整目标值”。",
    fix: "在该行“偏差原因分析及改进措施”中写明超额完成的原因；如目标定得过低，说明并在下一年度据实调高目标值。",
    source: "R35; domain.md A.4（超额）, A.9; C2 [V] 阈值 1.2，广西 1.3 [V]；[R] 办法",
};

impl Rule for OvershootUnexplained {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, u) in cx.form.indicators.iter().zip(cx.unexplained()) {
            let Some(ratio) = u.overshoot else {
                continue;
            };
            let (Some(t), Some(a)) = (&ind.target, &ind.actual) else {
                continue;
            };
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "目标“{}”，实际“{}”，为目标的 {}（达到 {} 的超额阈值），偏差原因分析为空",
                        t.text,
                        a.text,
                        pct(ratio),
                        pct(cx.profile.overshoot_threshold)
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
    use crate::check::rules::scoring::common::testkit::{form, row, run, run_row, with_note};
    use crate::model::Level1::*;
    use crate::profile::Profile;

    fn fires(target: &str, actual: &str) -> bool {
        !run_row(
            &OvershootUnexplained,
            row(Output, "数量", target, Some(actual), "10", "10"),
        )
        .is_empty()
    }

    #[test]
    fn threshold_is_inclusive() {
        assert!(fires("100个", "120个"));
        assert!(!fires("100个", "119个"));
        assert!(fires("≥100个", "135个"));
        assert!(fires("=100个", "135个"));
        assert!(fires("160本", "382本"));
    }

    #[test]
    fn units_are_converted() {
        assert!(fires("≥1.5万件", "18000件"));
        assert!(!fires("≥1.5万件", "1.78万件"));
        assert!(!fires("≥5万元", "6人"));
    }

    #[test]
    fn reverse_cost_and_qualitative_rows_are_left_alone() {
        assert!(!fires("≤100元", "300元"));
        assert!(!fires("效果显著", "300%"));
        let cost = row(Output, "成本", "100元", Some("300元"), "10", "8");
        assert!(run_row(&OvershootUnexplained, cost).is_empty());
        assert!(!fires("≥0", "5个"));
    }

    #[test]
    fn a_note_explains_it() {
        let r = with_note(
            row(Output, "数量", "100个", Some("135个"), "10", "10"),
            "新增需求",
        );
        assert!(run_row(&OvershootUnexplained, r).is_empty());
    }

    #[test]
    fn guangxi_uses_its_own_threshold() {
        let f = form(
            "100",
            "100",
            vec![row(Output, "数量", "100个", Some("125个"), "10", "10")],
        );
        assert_eq!(
            run(&OvershootUnexplained, &f, &Profile::central_2020()).len(),
            1
        );
        assert!(run(&OvershootUnexplained, &f, &Profile::guangxi()).is_empty());
    }
}
