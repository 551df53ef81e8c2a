use super::common::satisfaction_rows;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Comparator;

/// A satisfaction target that is not a number.
pub struct SatisfactionVagueTarget;

static META: RuleMeta = RuleMeta {
    code: "JX504",
    name: "satisfaction-vague-target",
    area: Area::Satisfaction,
    severity: Severity::Warning,
    title: "满意度目标不是数值",
    what: "满意度指标的年度指标值是文字（“有所提升”“明显提高”“较高”等），不是可以与调查结果比较的数值。",
    why: "满意度是调查得出的比率，目标应是“≥90%”这样的数值；“有所提升”无法判断是否完成，得分也就无法复核。",
    bad: "辖区人民群众及企业满意度：年度指标值“有所提升”，实际完成值“100%”。",
    good: "年度指标值“≥90%”，实际完成值“93.5%（有效问卷 186 份）”。",
    fix: "把满意度目标改为数值（如“≥90%”），并按调查结果填写实际满意率。",
    source: "issue “satisfaction”; R22 相关; S13 [V]（指标值模糊）",
};

impl Rule for SatisfactionVagueTarget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in satisfaction_rows(cx) {
            let Some(t) = &ind.target else {
                continue;
            };
            if t.comparator != Comparator::Qualitative || t.text.trim().is_empty() {
                continue;
            }
            out.push(
                Finding::new(&META, format!("满意度目标“{}”不是可衡量的数值", t.text))
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

    #[test]
    fn words_instead_of_numbers() {
        let n = |t: &str| {
            run_row(
                &SatisfactionVagueTarget,
                row(Satisfaction, "服务对象满意度", t, Some("95%"), "10", "10"),
            )
            .len()
        };
        assert_eq!(n("有所提升"), 1);
        assert_eq!(n("较高"), 1);
        assert_eq!(n("≥90%"), 0);
        assert_eq!(n("90%以上"), 0);
    }
}
