//! Evidence quality of each indicator's 实际完成值, and the rule that reports the weak ones.

use rust_decimal::Decimal;
use serde::Serialize;

use super::common::{at_actual, compact, full_marks, grade_of};
use crate::check::rules::satisfaction::common::satisfaction_actual_missing;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::{Actual, Comparator, Indicator, Level1, Target};
use crate::normalise;
use crate::score::{QualBand, ScoreMethod};

/// How well an indicator's 实际完成值 shows what was achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// A placeholder row (无/不适用/不涉及): nothing to evidence.
    NotApplicable,
    /// A number (with its unit) that can be compared with the target.
    Measured,
    /// A grade word or a description: evidence a reviewer has to judge.
    Qualitative,
    /// The actual does not show what was achieved.
    Insufficient(Insufficiency),
}

/// Why an actual is insufficient evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Insufficiency {
    /// No actual at all (blank, `—`, `/`, `无`).
    Blank,
    /// A bare `1`, `是` or `√` for a target that is not a count of one.
    BareMark,
    /// A bare percentage (`100%`) as the actual of a qualitative target.
    PercentForQualitative,
    /// A completion word (`已完成`) as the actual of a numeric target.
    WordForNumeric,
}

impl Insufficiency {
    /// Chinese description, for messages and reports.
    pub fn chinese(self) -> &'static str {
        match self {
            Insufficiency::Blank => "实际完成值为空",
            Insufficiency::BareMark => "实际完成值只是一个标记（1/是/√）",
            Insufficiency::PercentForQualitative => "定性目标只填了百分比",
            Insufficiency::WordForNumeric => "定量目标只填了“完成”等字样",
        }
    }
}

impl Evidence {
    /// Stable English code (`measured`, `qualitative`, `insufficient`, `not_applicable`).
    pub fn code(self) -> &'static str {
        match self {
            Evidence::NotApplicable => "not_applicable",
            Evidence::Measured => "measured",
            Evidence::Qualitative => "qualitative",
            Evidence::Insufficient(_) => "insufficient",
        }
    }

    /// Chinese label.
    pub fn chinese(self) -> &'static str {
        match self {
            Evidence::NotApplicable => "不适用",
            Evidence::Measured => "有实测数值",
            Evidence::Qualitative => "定性描述",
            Evidence::Insufficient(_) => "证据不足",
        }
    }
}

const MARKS: &[&str] = &["是", "√", "✓", "✔", "☑", "有", "Y", "y"];

/// A target that is a count of one (`1`, `1次`, `≥1个`): a bare `1` is then a real measurement.
fn is_count_of_one(target: Option<&Target>) -> bool {
    target.is_some_and(|t| {
        t.comparator.is_quantitative()
            && t.value == Some(Decimal::ONE)
            && !matches!(t.unit.as_deref().map(str::trim), Some("%" | "‰"))
    })
}

/// The actual, [`compact`]ed, is exactly a percentage (`100%`, `98.5 %`), nothing else.
fn is_bare_percent(c: &str) -> bool {
    c.strip_suffix('%')
        .or_else(|| c.strip_suffix('％'))
        .is_some_and(|n| normalise::parse_number(n).is_some())
}

/// A satisfaction row: a percentage is then the measured satisfaction rate, whatever the target.
fn is_satisfaction(ind: &Indicator) -> bool {
    ind.level1_category == Some(Level1::Satisfaction)
        || ind.name.value.contains("满意")
        || ind
            .level2
            .as_ref()
            .is_some_and(|l| l.value.contains("满意"))
}

/// Classify the evidence an indicator's 实际完成值 gives (issue requirement "evidence quality").
pub fn evidence(ind: &Indicator) -> Evidence {
    let grade = ind.actual.as_ref().and_then(|a| grade_of(&a.text));
    evidence_with(ind, ind.is_placeholder(), grade)
}

/// [`evidence`] given what the check context already knows of the row: whether it is a
/// placeholder, and the grade word its 实际完成值 is.
fn evidence_with(ind: &Indicator, placeholder: bool, grade: Option<QualBand>) -> Evidence {
    if placeholder {
        return Evidence::NotApplicable;
    }
    let Some(actual) = ind
        .actual
        .as_ref()
        .filter(|a| !normalise::is_null_marker(&a.text))
    else {
        return Evidence::Insufficient(Insufficiency::Blank);
    };
    evidence_of_actual(ind, actual, &compact(&actual.text), grade)
}

/// [`evidence_with`] of a row that is no placeholder and whose 实际完成值 `actual` is no null
/// marker, given the actual's text [`compact`]ed (`c`).
pub(crate) fn evidence_of_actual(
    ind: &Indicator,
    actual: &Actual,
    c: &str,
    grade: Option<QualBand>,
) -> Evidence {
    let target = ind.target.as_ref();
    let bare_one = actual.unit.is_none() && normalise::parse_number(c) == Some(Decimal::ONE);
    if (bare_one || MARKS.contains(&c)) && !is_count_of_one(target) {
        return Evidence::Insufficient(Insufficiency::BareMark);
    }
    let qualitative_target = target.is_some_and(|t| t.comparator == Comparator::Qualitative);
    if qualitative_target && is_bare_percent(c) && !is_satisfaction(ind) {
        return Evidence::Insufficient(Insufficiency::PercentForQualitative);
    }
    let numeric_target =
        target.is_some_and(|t| t.comparator.is_quantitative() && t.value.is_some());
    if numeric_target && actual.value.is_none() && grade.is_some() {
        return Evidence::Insufficient(Insufficiency::WordForNumeric);
    }
    if actual.value.is_some() {
        Evidence::Measured
    } else {
        Evidence::Qualitative
    }
}

/// An indicator whose 实际完成值 does not show what was achieved.
pub struct InsufficientEvidence;

static META: RuleMeta = RuleMeta {
    code: "JX408",
    name: "insufficient-evidence",
    area: Area::Scoring,
    severity: Severity::Warning,
    title: "实际完成值不足以证明完成情况",
    what: "逐项判断实际完成值的证据质量：有实测数值、定性描述，或证据不足。证据不足指：实际完成值为空；目标不是“1个/1次”之类时只填“1”“是”“√”；定性目标（如“效果显著”）只填“100%”等百分比（满意度指标除外，百分比即满意率）；定量目标只填“已完成”“完成”。证据不足的指标不能悄悄保留满分：得满分时消息会写明；实际完成值为空却得满分的记为错误（满意度指标的这种情况由 JX501 报告，本条不重复）。",
    why: "实际完成值是得分的唯一依据。“效果显著 → 100%”“足额 → 1”看不出到底完成了什么，复核人无法核实，满分也就无从谈起；审计把这类情形列为“自评结果不实”。",
    bad: "目标“足额”，实际“1”，得满分 15；目标“效果显著”，实际“100%”，得满分 30。",
    good: "目标“足额”，实际“按标准足额发放 5 人共 6200 元”；目标“效果显著”，实际“一线人员补助全部按时发放，未收到投诉”。",
    fix: "把实际完成值改为能核实的内容：定量指标填实测数值和单位，定性指标写明完成等级和具体完成情况；无法证明完成的，不应给满分。",
    source: "issue “evidence quality”; domain.md A.4（定量指标实际完成值填数字，C3 [V]）, A.5; R38/R40 相关",
};

impl Rule for InsufficientEvidence {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            // Items of the decision frame's 项目决策/项目管理 sections have no target or actual
            // by design: their evidence is the 评价标准 they were scored by.
            if sc.method == ScoreMethod::VoidZeroWeight || ind.is_decision_item() {
                continue;
            }
            let Evidence::Insufficient(why) = cx.evidence(ind) else {
                continue;
            };
            if why == Insufficiency::Blank && satisfaction_actual_missing(cx, ind).is_some() {
                continue; // JX501 reports it (as an error); one finding per cell.
            }
            let target = ind.target.as_ref().map_or("", |t| t.text.as_str());
            let actual = ind.actual.as_ref().map_or("", |a| a.text.trim());
            let mut msg = match why {
                Insufficiency::Blank if actual.is_empty() => {
                    format!("目标“{target}”，实际完成值为空")
                }
                Insufficiency::Blank => format!("目标“{target}”，实际完成值只填了“{actual}”"),
                Insufficiency::BareMark => {
                    format!("目标“{target}”，实际只填了“{actual}”，看不出完成了什么")
                }
                Insufficiency::PercentForQualitative => format!(
                    "定性目标“{target}”，实际只填了“{actual}”，没有说明完成了什么、百分比从何而来"
                ),
                Insufficiency::WordForNumeric => {
                    format!("定量目标“{target}”，实际只填了“{actual}”，没有填写实测数值")
                }
            };
            let full = full_marks(cx, ind);
            if let Some((w, s)) = full {
                msg.push_str(&format!("，该指标仍得满分 {s}（分值 {w}）"));
            }
            let mut f = Finding::new(&META, msg).indicator(&ind.name.value);
            if why == Insufficiency::Blank && full.is_some() {
                f = f.severity(Severity::Error);
            }
            out.push(at_actual(f, cx.form, ind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Pos, Sourced};
    use crate::normalise::{parse_actual, parse_target};

    fn row(level1: Level1, name: &str, target: &str, actual: Option<&str>) -> Indicator {
        let at = Pos::new(1, 1);
        Indicator {
            level1: Sourced::new(level1.chinese().to_string(), at),
            level1_category: Some(level1),
            level1_label_weight: None,
            level2: None,
            name: Sourced::new(name.to_string(), at),
            target: Some(parse_target(target, at)),
            actual: actual.map(|a| parse_actual(a, at)),
            weight: Some(Sourced::new(Decimal::TEN, at)),
            score: Some(Sourced::new(Decimal::TEN, at)),
            deviation_note: None,
            extra: Default::default(),
            line: 1,
        }
    }

    fn ev(target: &str, actual: Option<&str>) -> Evidence {
        evidence(&row(Level1::Output, "指标", target, actual))
    }

    #[test]
    fn classification() {
        use Insufficiency::*;
        assert_eq!(ev("11", Some("11")), Evidence::Measured);
        assert_eq!(ev("≥98%", Some("85%")), Evidence::Measured);
        assert_eq!(
            ev("12月底前", Some("12月底前已发放")),
            Evidence::Qualitative
        );
        assert_eq!(ev("效果显著", Some("达成")), Evidence::Qualitative);
        assert_eq!(
            ev("≤40万", Some("改革课题经费19.8万")),
            Evidence::Qualitative
        );
        assert_eq!(ev("90%", None), Evidence::Insufficient(Blank));
        assert_eq!(ev("90%", Some("—")), Evidence::Insufficient(Blank));
        assert_eq!(ev("足额", Some("1")), Evidence::Insufficient(BareMark));
        assert_eq!(ev("及时", Some("是")), Evidence::Insufficient(BareMark));
        assert_eq!(ev("6200元", Some("1")), Evidence::Insufficient(BareMark));
        assert_eq!(ev("100%", Some("√")), Evidence::Insufficient(BareMark));
        assert_eq!(ev("1", Some("1")), Evidence::Measured);
        assert_eq!(ev("≥1次", Some("1")), Evidence::Measured);
        assert_eq!(ev("1%", Some("1")), Evidence::Insufficient(BareMark));
        assert_eq!(
            ev("效果显著", Some("100%")),
            Evidence::Insufficient(PercentForQualitative)
        );
        assert_eq!(
            ev("有所提升", Some("95 %")),
            Evidence::Insufficient(PercentForQualitative)
        );
        assert_eq!(
            ev("≥3次", Some("已完成")),
            Evidence::Insufficient(WordForNumeric)
        );
        assert_eq!(
            ev("100%", Some("完成")),
            Evidence::Insufficient(WordForNumeric)
        );
        assert_eq!(ev("每半年1次", Some("2次")), Evidence::Measured);
    }

    #[test]
    fn satisfaction_percent_is_a_rate() {
        let r = row(Level1::Satisfaction, "群众满意度", "有所提升", Some("100%"));
        assert_eq!(evidence(&r), Evidence::Measured);
        let r = row(Level1::Outcome, "服务对象满意度", "较高", Some("96%"));
        assert_eq!(evidence(&r), Evidence::Measured);
    }

    #[test]
    fn placeholder_rows_are_not_applicable() {
        let mut r = row(Level1::Outcome, "无", "无", Some("无"));
        r.weight = None;
        assert_eq!(evidence(&r), Evidence::NotApplicable);
    }
}
