use rust_decimal::Decimal;

use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// A placeholder row (无/不适用/不涉及/—//) that carries points.
pub struct VoidIndicatorWeighted;

static META: RuleMeta = RuleMeta {
    code: "JX205",
    name: "void-indicator-weighted",
    area: Area::Structure,
    severity: Severity::Error,
    title: "“无/不适用”指标设置了分值或得分",
    what: "三级指标或年度指标值为“无”“暂无”“不适用”“不涉及”“—”“/”等占位内容的行，是没有实际内容的空指标，分值和得分都应为 0（或删除该行，把分值分给实际指标）。这类行分值大于 0 或得分大于 0 即报告。",
    why: "审计指出：把“不涉及”“无”列为指标仍给分，等于白送分数，自评得分虚高。",
    bad: "效益指标 → 生态效益 → 三级指标“无”，年度指标值“无”，分值 5，得分 5。",
    good: "三级指标“无”的分值、得分均为 0，这 5 分分配给实际设置的指标。",
    fix: "把空指标的分值和得分改为 0，并把分值分配给实际指标（或删除该行）；如该指标其实适用，填写具体指标名称和年度指标值。",
    source: "R18; domain.md A.8; S13 [V]（“不涉及”“无”列为指标仍给分）",
};

impl Rule for VoidIndicatorWeighted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in cx.form.indicators.iter().filter(|i| cx.is_placeholder(i)) {
            let what = match &ind.target {
                Some(t) if t.text.trim() != ind.name.value.trim() => {
                    format!(
                        "三级指标“{}”，年度指标值“{}”",
                        ind.name.value.trim(),
                        t.text.trim()
                    )
                }
                _ => format!("三级指标“{}”", ind.name.value.trim()),
            };
            let weight = ind.weight.as_ref().filter(|w| w.value > Decimal::ZERO);
            let score = ind.score.as_ref().filter(|s| s.value > Decimal::ZERO);
            let finding = match (weight, score) {
                (Some(w), Some(s)) => Finding::new(
                    &META,
                    format!(
                        "{what}是空指标，却设置分值 {} 并得分 {}",
                        w.value.normalize(),
                        s.value.normalize()
                    ),
                )
                .at(w.at),
                (Some(w), None) => Finding::new(
                    &META,
                    format!("{what}是空指标，却设置分值 {}", w.value.normalize()),
                )
                .at(w.at),
                (None, Some(s)) => Finding::new(
                    &META,
                    format!("{what}是空指标，却得分 {}", s.value.normalize()),
                )
                .at(s.at),
                (None, None) => continue,
            };
            out.push(finding.indicator(&ind.name.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_util::{form, row, run};
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn weighted_placeholder_fires_zero_does_not() {
        let rows = vec![
            row(1, "效益(30分)", "生态效益", "无", "无", "无", "5"),
            row(2, "效益(30分)", "经济效益", "无", "无", "无", "0"),
            row(
                3,
                "产出(50分)",
                "成本",
                "不适用",
                "不适用",
                "不适用",
                "0.00",
            ),
            row(4, "产出(50分)", "成本", "办公成本", "—", "", "10"),
        ];
        let out = run(
            &VoidIndicatorWeighted,
            &form(rows),
            &Profile::central_2020(),
        );
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(
            out[0]
                .message
                .contains("三级指标“无”是空指标，却设置分值 5 并得分 5")
        );
        assert!(
            out[1].message.contains("年度指标值“—”"),
            "{}",
            out[1].message
        );
    }

    #[test]
    fn score_without_weight() {
        let mut r = row(1, "效益(30分)", "生态效益", "不涉及", "不涉及", "", "0");
        r.score.as_mut().unwrap().value = Decimal::from(3);
        let out = run(
            &VoidIndicatorWeighted,
            &form(vec![r]),
            &Profile::central_2020(),
        );
        assert_eq!(out.len(), 1);
        assert!(out[0].message.ends_with("却得分 3"));
    }
}
