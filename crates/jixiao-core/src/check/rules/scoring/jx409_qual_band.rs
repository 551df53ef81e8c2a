use super::common::{band_name, is_qualitative_row};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::score::{QualBand, qualitative_band_edges};

/// A qualitative row's printed score lies outside the band of the grade its actual names.
pub struct QualBandMismatch;

static META: RuleMeta = RuleMeta {
    code: "JX409",
    name: "qual-band",
    area: Area::Scoring,
    severity: Severity::Error,
    title: "定性指标得分不在所评等级的分数区间内",
    what: "定性指标按办法分三档计分：达成年度指标得分在 [80%×分值, 分值]；部分达成在 [60%×分值, 80%×分值)；未达成在 [0, 60%×分值)（区间端点先保留两位小数）。实际完成值写的是某一档的等级用语（达成/已完成、部分达成、未达成等），得分却落在另一档，即报告。",
    why: "等级与得分矛盾，说明要么等级写错，要么得分打错；两者都会让总分失真，平台（C1/C2）对此直接拦截。",
    bad: "实际完成值“部分达成”，分值 10，得分 8.00（部分达成档为 [6.00, 8.00)）。",
    good: "实际完成值“部分达成”，得分 7.00；或完成情况确属达成的，把实际完成值改为“达成年度指标”并说明。",
    fix: "使得分与所评等级一致：按等级在对应分数区间内重新打分，或更正实际完成值中的等级。",
    source: "R39; domain.md A.5（T10, T11）; [R] 办法三档; C1, C2 [V]",
};

impl Rule for QualBandMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            if !is_qualitative_row(cx, ind, sc) {
                continue;
            }
            let (Some(a), Some(w), Some(s)) = (&ind.actual, &ind.weight, &ind.score) else {
                continue;
            };
            let (Some(grade), Some(band)) = (cx.grade(ind), sc.qualitative_band) else {
                continue;
            };
            if grade == band {
                continue;
            }
            let Some((a_min, b_min)) = qualitative_band_edges(cx.profile, w.value) else {
                continue;
            };
            let interval = match grade {
                QualBand::A => format!("[{a_min}, {}]", w.value),
                QualBand::B => format!("[{b_min}, {a_min})"),
                QualBand::C => format!("[0, {b_min})"),
            };
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "实际完成值“{}”属{}，分值 {} 时该档得分应在 {interval} 内，表中得分 {} 落在{}",
                        a.text,
                        band_name(grade),
                        w.value,
                        s.value,
                        band_name(band)
                    ),
                )
                .at(s.at)
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

    fn n(actual: &str, w: &str, s: &str) -> usize {
        run_row(
            &QualBandMismatch,
            row(Outcome, "社会效益", "效果显著", Some(actual), w, s),
        )
        .len()
    }

    #[test]
    fn spec_vectors() {
        assert_eq!(n("部分达成", "10", "8.00"), 1); // T10
        assert_eq!(n("达成", "7.5", "6.00"), 0); // T11
    }

    #[test]
    fn band_edges() {
        assert_eq!(n("部分达成", "10", "6.00"), 0);
        assert_eq!(n("部分达成", "10", "7.99"), 0);
        assert_eq!(n("部分达成", "10", "5.99"), 1);
        assert_eq!(n("未达成", "10", "5.99"), 0);
        assert_eq!(n("未达成", "10", "6.00"), 1);
        assert_eq!(n("已完成", "10", "7.99"), 1);
        assert_eq!(n("完成", "7.5", "5.99"), 1);
        assert_eq!(n("100%", "10", "3"), 0);
        // quantitative rows are JX402's
        let q = row(Output, "数量", "≥3个", Some("达成"), "10", "5");
        assert!(run_row(&QualBandMismatch, q).is_empty());
    }
}
