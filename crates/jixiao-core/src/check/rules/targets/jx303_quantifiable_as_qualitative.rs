use super::common::{name_key, real_target};
use crate::check::rules::satisfaction::common::is_satisfaction_row;
use crate::check::rules::structure::common::clip;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Comparator;

/// An indicator named as a measure (率, 数, 金额…) whose target is written qualitatively.
pub struct QuantifiableAsQualitative;

static META: RuleMeta = RuleMeta {
    code: "JX303",
    name: "quantifiable-as-qualitative",
    area: Area::Targets,
    severity: Severity::Info,
    title: "可量化指标写成了定性目标",
    what: "三级指标名称是一个量（含“率”，或含“次数、人数、数量、金额、天数、个数、件数、户数、场次、人次”，或以“数”结尾），年度指标值却是不含任何数字的文字。“率先、表率、率领”和“数字、数据、数码、数智”不算量；满意度指标由 JX504 报告；“无/不适用”行不查。",
    why: "名称本身就是可以计数或计算比率的量，写成“明显提高”“及时”等文字就无法核对完成情况；101号文要求绩效指标“量化易评”。",
    bad: "三级指标“培训覆盖率”，年度指标值“全面覆盖”；“发放人数”，年度指标值“足额发放”。",
    good: "“培训覆盖率 ≥95%”；“发放人数 ≥120人”。",
    fix: "按名称所指的量填写数值目标（比率、数量、金额、天数），并写明计量单位。",
    source: "R23 (INFERRED); [R] 财预〔2021〕101号“量化易评”",
};

/// Measure words (R23); `率` and a trailing `数` are matched separately.
const MEASURE_WORDS: &[&str] = &[
    "次数", "人数", "数量", "金额", "天数", "个数", "件数", "户数", "场次", "人次",
];
/// A character each of [`MEASURE_WORDS`] holds.
const MEASURE_CHARS: [char; 3] = ['数', '额', '次'];
/// Words with `率` that are not rates.
const NOT_RATE: &[&str] = &["率先", "表率", "率领", "草率", "坦率", "直率", "轻率"];

/// The measure word a name contains, if any.
fn measure_word(name: &str) -> Option<String> {
    // Every measure word holds `数`, `额` or `次`.
    if name.contains(MEASURE_CHARS)
        && let Some(w) = MEASURE_WORDS.iter().find(|w| name.contains(**w))
    {
        return Some((*w).to_string());
    }
    let mut rest = std::borrow::Cow::Borrowed(name);
    if name.contains('率') {
        for w in NOT_RATE {
            rest = rest.replace(w, "").into();
        }
    }
    if rest.contains('率') {
        return Some("率".to_string());
    }
    // A trailing `数` (`参训数`, `受理数(件)`), but not `数字/数据`.
    let core = rest.split(['(', '（']).next().unwrap_or("");
    core.ends_with('数').then(|| "数".to_string())
}

impl Rule for QuantifiableAsQualitative {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            let Some(t) = real_target(cx, ind) else {
                continue;
            };
            if t.comparator != Comparator::Qualitative
                || t.text.chars().any(|c| c.is_ascii_digit())
                || is_satisfaction_row(cx, ind, sc.method)
            {
                continue;
            }
            let Some(word) = measure_word(&name_key(cx, ind)) else {
                continue;
            };
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "三级指标“{}”含“{word}”，是可以量化的指标，年度指标值却写成文字“{}”",
                        ind.name.value.trim(),
                        clip(&t.text, 40)
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
    use crate::check::rules::structure::common::test_util::{form, row, run};
    use crate::profile::Profile;

    #[test]
    fn every_measure_word_holds_a_measure_char() {
        for w in MEASURE_WORDS {
            assert!(w.contains(MEASURE_CHARS), "{w}");
        }
    }

    #[test]
    fn measure_words() {
        assert_eq!(measure_word("培训覆盖率").as_deref(), Some("率"));
        assert_eq!(measure_word("发放人数").as_deref(), Some("人数"));
        assert_eq!(measure_word("受理数(件)").as_deref(), Some("数"));
        assert_eq!(measure_word("补助金额").as_deref(), Some("金额"));
        assert_eq!(measure_word("率先建成示范区"), None);
        assert_eq!(measure_word("数字政府建设"), None);
        assert_eq!(measure_word("数据共享"), None);
        assert_eq!(measure_word("及时发放"), None);
    }

    #[test]
    fn only_wordy_targets() {
        let rows = vec![
            row(
                1,
                "产出(50分)",
                "质量",
                "培训覆盖率",
                "全面覆盖",
                "全面覆盖",
                "10",
            ),
            row(2, "产出(50分)", "质量", "验收合格率", "≥95%", "98%", "10"),
            row(
                3,
                "产出(50分)",
                "数量",
                "活动次数",
                "每月1次",
                "每月1次",
                "10",
            ),
            row(
                4,
                "满意度(10分)",
                "服务对象满意度",
                "群众满意率",
                "较高",
                "95%",
                "10",
            ),
        ];
        let out = run(
            &QuantifiableAsQualitative,
            &form(rows),
            &Profile::central_2020(),
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].line, Some(1));
    }
}
