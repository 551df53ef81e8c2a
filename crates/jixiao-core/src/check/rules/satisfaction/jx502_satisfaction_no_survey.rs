use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// Satisfaction scored with nothing in the form about how it was measured.
pub struct SatisfactionNoSurvey;

static META: RuleMeta = RuleMeta {
    code: "JX502",
    name: "satisfaction-no-survey",
    area: Area::Satisfaction,
    severity: Severity::Warning,
    title: "满意度没有调查依据",
    what: "满意度指标得了分，但整张表（年度总体目标、资金说明、各指标的名称、指标值、实际完成值和偏差原因）都没有提到问卷、调查、调研、测评、抽样、样本、回访或访谈。每张表只报告一次，指向第一个满意度指标。",
    why: "满意度应当是调查结果（满意人数 ÷ 有效样本）；没有任何调查方式、样本的说明，满意度数字无从核实，常常是估填。这是审查经验规则，不是法定要求（domain.md Q15）。",
    bad: "服务对象满意度：目标“100%”，实际“100%”，表中别处没有任何调查说明。",
    good: "实际完成值“96.2%（12月发放问卷 210 份，回收有效问卷 208 份）”。",
    fix: "在满意度指标的实际完成值或偏差原因中写明调查方式、时间和样本量（如“问卷调查，有效样本 208 份”）。",
    source: "R45; domain.md (c) Satisfaction, Q15; S7 [V]（满意度按问卷计算）",
};

impl Rule for SatisfactionNoSurvey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some((first, rows, points)) = cx.unsurveyed_satisfaction() else {
            return;
        };
        out.push(
            Finding::new(
                &META,
                format!(
                    "满意度指标 {rows} 项共得 {points} 分，表中却没有任何问卷、调查、抽样或回访的说明，满意度数据来源不明"
                ),
            )
            .at(first.name.at)
            .indicator(&first.name.value),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::scoring::common::testkit::{row, run_row, with_note};
    use crate::model::Level1::*;

    #[test]
    fn survey_words_anywhere_silence_it() {
        let bare = row(
            Satisfaction,
            "服务对象满意度",
            "≥90%",
            Some("95%"),
            "10",
            "10",
        );
        assert_eq!(run_row(&SatisfactionNoSurvey, bare.clone()).len(), 1);
        let noted = with_note(bare, "12月发放问卷200份");
        assert!(run_row(&SatisfactionNoSurvey, noted).is_empty());
        let unscored = row(
            Satisfaction,
            "服务对象满意度",
            "≥90%",
            Some("95%"),
            "10",
            "0",
        );
        assert!(run_row(&SatisfactionNoSurvey, unscored).is_empty());
        let output = row(Output, "数量", "≥90%", Some("95%"), "10", "10");
        assert!(run_row(&SatisfactionNoSurvey, output).is_empty());
    }
}
