use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// The target is met, yet the row lost points and says nothing about why.
pub struct MetButDeducted;

static META: RuleMeta = RuleMeta {
    code: "JX406",
    name: "met-but-deducted",
    area: Area::Scoring,
    severity: Severity::Warning,
    title: "已完成目标却被扣分",
    what: "按评分规则该指标已完成目标（定量指标实际值达到目标；定性指标实际完成值为“达成”“已完成”等 A 档用语），得分却低于分值，且偏差原因一栏空白。与 JX403（扣分未写原因）同时出现时，本条指出更可能的原因：扣分本身没有依据。",
    why: "办法规定完成目标的记该指标全部分值。无理由扣分常见于“谦虚打分”（实际等于目标却打 9/10），会让总分失真，也无法复核。",
    bad: "目标“≥95%”，实际“95%”，分值 10，得分 9。",
    good: "得分填 10；确有扣分理由（如质量问题、目标值调整）的，在偏差原因中写明。",
    fix: "完成目标的按满分计；确需扣分的，在“偏差原因分析及改进措施”中写明扣分理由。",
    source: "R37; domain.md A.4, A.5; [R] 办法“记该指标全部分值”; S9 [V]（实际=目标仍打 9/10、19/20、27/30）",
};

impl Rule for MetButDeducted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, u) in cx.form.indicators.iter().zip(cx.unexplained()) {
            let Some((w, s)) = u.deducted else {
                continue;
            };
            let basis = match (&ind.target, &ind.actual) {
                (Some(t), Some(a)) => format!("目标“{}”，实际“{}”，已完成目标", t.text, a.text),
                _ => "已完成目标".to_string(),
            };
            let mut f = Finding::new(
                &META,
                format!("{basis}，得分却只有 {s}（分值 {w}），且未说明扣分原因"),
            )
            .indicator(&ind.name.value);
            if let Some(sp) = &ind.score {
                f = f.at(sp.at);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::scoring::common::testkit::{row, run_row, with_note};
    use crate::model::Level1::*;

    fn n(target: &str, actual: &str, s: &str) -> usize {
        run_row(
            &MetButDeducted,
            row(Output, "质量", target, Some(actual), "10", s),
        )
        .len()
    }

    #[test]
    fn met_rows_that_lost_points() {
        assert_eq!(n("≥95%", "95%", "9"), 1);
        assert_eq!(n("≤8人", "7人", "9"), 1);
        assert_eq!(n("≥95%", "95%", "9.99"), 0);
        assert_eq!(n("≥95%", "90%", "9"), 0);
        assert_eq!(n("效果显著", "达成", "9"), 1);
        assert_eq!(n("效果显著", "部分达成", "7"), 0);
        assert_eq!(n("效果显著", "效果显著", "9"), 0);
        let noted = with_note(
            row(Output, "质量", "≥95%", Some("95%"), "10", "9"),
            "质量抽检发现差错",
        );
        assert!(run_row(&MetButDeducted, noted).is_empty());
    }
}
