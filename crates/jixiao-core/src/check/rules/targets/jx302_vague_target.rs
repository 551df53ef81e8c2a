use super::common::real_target;
use crate::check::rules::satisfaction::common::is_satisfaction_row;
use crate::check::rules::structure::common::clip;
use crate::check::words::FewWords;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Comparator;
use std::sync::OnceLock;

/// A qualitative target that is vague: no number, no criterion.
pub struct VagueTarget;

static META: RuleMeta = RuleMeta {
    code: "JX302",
    name: "vague-target",
    area: Area::Targets,
    severity: Severity::Warning,
    title: "年度指标值表述模糊",
    what: "定性的年度指标值只用了“改善、提高、提升、加强、增强、明显、有效、进一步、显著、良好、有所、逐步、持续、不断、大幅、扩大、加快、促进、优化、改进、较好、较大、一定程度”等程度词，既没有数字，也没有“标准、规定、要求、验收、合格、达标、考核”之类可对照的标准。满意度指标的文字目标由 JX504 报告，这里不重复；“无/不适用”行不查。",
    why: "审计把“改善”“提高”这类目标列为“指标值模糊”：无法判断是否完成，自评时几乎总被判为满分，绩效目标失去约束力。",
    bad: "社会效益：调动区内改革动力，年度指标值“有所提升”；档案服务质量成效，年度指标值“明显提高”。",
    good: "“改革事项落地率 ≥90%”；“档案查阅平均响应时间 ≤2个工作日”；或“达到《档案整理规范》要求，通过验收”。",
    fix: "把年度指标值改为可衡量的数值（比率、数量、时限），或写明可对照的标准（达到××标准、通过××验收）。",
    source: "R22; S13 [V]（指标值模糊，如“改善”“提高”）; [R] 财预〔2021〕101号“量化易评”",
};

/// Degree words that say nothing measurable on their own.
const VAGUE_WORDS: &[&str] = &[
    "改善",
    "提高",
    "提升",
    "加强",
    "增强",
    "明显",
    "有效",
    "进一步",
    "显著",
    "良好",
    "有所",
    "逐步",
    "持续",
    "不断",
    "大幅",
    "扩大",
    "加快",
    "促进",
    "优化",
    "改进",
    "较好",
    "较大",
    "一定程度",
];

/// Words that name a criterion the target can be checked against.
const CRITERION_WORDS: &[&str] = &["标准", "规定", "要求", "验收", "合格", "达标", "考核"];

/// Criterion and vague words, asked whether a target holds any ([`FewWords`]) in one walk:
/// bit [`CRITERION`] and bit [`VAGUE`] of [`FewWords::lists_in`].
fn few_words() -> &'static FewWords {
    static WORDS: OnceLock<FewWords> = OnceLock::new();
    WORDS.get_or_init(|| FewWords::of_lists(&[CRITERION_WORDS, VAGUE_WORDS]))
}
const CRITERION: u32 = 1;
const VAGUE: u32 = 1 << 1;

/// The vague words of a target text, when it has no number and no criterion (in the order they
/// first occur).
fn vague_words(text: &str) -> Vec<&'static str> {
    if text.bytes().any(|b| b.is_ascii_digit() || b == b'%') {
        return Vec::new();
    }
    let words = few_words();
    // A criterion settles it: the walk may stop there.
    if words.lists_in(text, CRITERION) & (CRITERION | VAGUE) != VAGUE {
        return Vec::new();
    }
    words.in_text_order(text, VAGUE)
}

impl Rule for VagueTarget {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            let Some(t) = real_target(cx, ind) else {
                continue;
            };
            if t.comparator != Comparator::Qualitative || is_satisfaction_row(cx, ind, sc.method) {
                continue;
            }
            let words = vague_words(&t.text);
            if words.is_empty() {
                continue;
            }
            // `年度指标值“…”只有“w1”“w2”等程度词…`, built in one string.
            let mut msg = String::with_capacity(t.text.len() + 96);
            msg.push_str("年度指标值“");
            msg.push_str(&clip(&t.text, 40));
            msg.push_str("”只有");
            for w in &words {
                msg.push('“');
                msg.push_str(w);
                msg.push('”');
            }
            msg.push_str("等程度词，没有数值或可对照的标准");
            out.push(Finding::new(&META, msg).at(t.at).indicator(&ind.name.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::structure::common::test_util::{form, row, run};
    use crate::profile::Profile;

    #[test]
    fn vague_words_need_no_number_and_no_criterion() {
        assert_eq!(vague_words("有所提升"), vec!["有所", "提升"]);
        assert_eq!(vague_words("效果显著"), vec!["显著"]);
        assert_eq!(vague_words("有效保障"), vec!["有效"]);
        assert!(vague_words("提升至95%").is_empty());
        assert!(vague_words("达到国家标准，明显改善").is_empty());
        assert!(vague_words("12月底前").is_empty());
        assert!(vague_words("优").is_empty());
        assert!(vague_words("全部合格达标").is_empty());
    }

    /// The rule as first written: one search per word.
    fn vague_words_by_search(text: &str) -> Vec<&'static str> {
        if text.bytes().any(|b| b.is_ascii_digit() || b == b'%')
            || CRITERION_WORDS.iter().any(|w| text.contains(w))
        {
            return Vec::new();
        }
        let mut found: Vec<(usize, &'static str)> = VAGUE_WORDS
            .iter()
            .filter_map(|w| text.find(w).map(|i| (i, *w)))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|(_, w)| w).collect()
    }

    #[test]
    fn the_walks_agree_with_one_search_per_word() {
        let mut texts = vec![
            "有所提升",
            "达到国家标准，明显改善",
            "考核合格",
            "",
            "优",
            "进一步加强，逐步改进",
            "一定程度提升要求",
            "标准",
            "明显提高，明显改善，提升",
            "有效有效",
        ];
        let forms = crate::check::fixture_forms();
        for form in &forms {
            for ind in &form.indicators {
                texts.extend(ind.target.as_ref().map(|t| t.text.as_str()));
            }
        }
        let mut vague = 0;
        for text in texts {
            let want = vague_words_by_search(text);
            vague += usize::from(!want.is_empty());
            assert_eq!(vague_words(text), want, "{text:?}");
        }
        assert!(vague > 5, "{vague}");
    }

    #[test]
    fn satisfaction_rows_are_left_to_jx504() {
        let rows = vec![
            row(
                1,
                "效益(30分)",
                "社会效益",
                "调动区内改革动力",
                "有所提升",
                "100%",
                "30",
            ),
            row(
                2,
                "满意度(10分)",
                "服务对象满意度",
                "群众满意度",
                "有所提升",
                "100%",
                "10",
            ),
            row(3, "产出(50分)", "质量", "合格率", "≥98%", "98%", "10"),
        ];
        let out = run(&VagueTarget, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].line, Some(1));
        assert_eq!(
            out[0].message,
            "年度指标值“有所提升”只有“有所”“提升”等程度词，没有数值或可对照的标准"
        );
    }
}
