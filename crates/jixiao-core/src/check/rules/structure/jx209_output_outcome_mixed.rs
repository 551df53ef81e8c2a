use crate::check::words::{FewWords, first_listed};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::{Indicator, Level1};
use std::sync::OnceLock;

/// An 效益 row named as an activity count, or a 产出 row named as an effect or satisfaction.
pub struct OutputOutcomeMixed;

static META: RuleMeta = RuleMeta {
    code: "JX209",
    name: "output-outcome-mixed",
    area: Area::Structure,
    severity: Severity::Warning,
    title: "产出指标与效益指标混用",
    what: "按指标名称判断（启发式）：（1）效益指标下的三级指标是活动或工作量的计数——名称含“次数、场次、人次、数量、个数、件数、篇数、项数、期数、份数、场数、人数”，或以“开展、完成、举办、召开、组织、举行”开头的工作且目标以“次、场、项、篇、个、期、件、份、批、轮”计；名称含“受益、惠及、带动、就业、增收、脱贫、减少、下降、降低、增长、增加、提升、提高、投诉、事故、案件、发案”或含“率”“满意”的不算。（2）产出指标下的三级指标是效果或满意度——名称含“满意度、满意率、效益、影响力、知晓度、知晓率、获得感、幸福感、安全感、认可度、美誉度”；名称含“调查、测评、评估”（如“满意度调查次数”）的不算。",
    why: "审计指出“产出指标与效益指标混用”：产出是做了多少、做得怎样，效益是带来了什么变化。把活动次数当效益，会让效益指标“做了就满分”；把满意度放进产出，满意度的分值口径也随之失真。",
    bad: "效益指标 → 社会效益 → “开展宣传活动次数 ≥10次”；产出指标 → 质量 → “群众满意度 ≥90%”。",
    good: "产出指标 → 数量 → “开展宣传活动次数 ≥10次”；效益指标 → 社会效益 → “政策知晓率 ≥85%”；满意度指标 → “群众满意度 ≥90%”。",
    fix: "把活动/工作量计数移到产出指标（数量指标），把效果、满意度指标移到效益或满意度指标，并相应调整分值。",
    source: "R25; S13 [V]（产出指标与效益指标混用）",
};

/// Words that mark a count of activity or workload (an output).
const COUNT_WORDS: &[&str] = &[
    "次数", "场次", "人次", "数量", "个数", "件数", "篇数", "项数", "期数", "份数", "场数", "人数",
];
/// Activity verbs that, with a count target, make a row an output (“完成…项/篇/次/个”).
const ACTIVITY_VERBS: &[&str] = &["开展", "完成", "举办", "召开", "组织", "举行"];
/// Target units that count activities.
const ACTIVITY_UNITS: &[&str] = &[
    "次", "场", "项", "篇", "个", "期", "件", "份", "批", "轮", "场次", "人次", "项次",
];
/// Counts that are effects (beneficiaries, changes, incidents): not reported under 效益.
const EFFECT_COUNT_WORDS: &[&str] = &[
    "受益", "惠及", "带动", "就业", "增收", "脱贫", "减少", "下降", "降低", "增长", "增加", "提升",
    "提高", "投诉", "事故", "案件", "发案", "率", "满意",
];
/// Words that mark an effect or satisfaction (an outcome).
const EFFECT_WORDS: &[&str] = &[
    "满意度",
    "满意率",
    "效益",
    "影响力",
    "知晓度",
    "知晓率",
    "获得感",
    "幸福感",
    "安全感",
    "认可度",
    "美誉度",
];
/// Measuring an effect is an output (“满意度调查次数”, “效益评估报告”).
const MEASURING_WORDS: &[&str] = &["调查", "测评", "评估"];

/// The four word lists in one [`FewWords`], so that each name is walked once: bit `i` of
/// [`FewWords::lists_in`] for list `i`.
const EFFECT_COUNT: u32 = 1;
const COUNT: u32 = 1 << 1;
const MEASURING: u32 = 1 << 2;
const EFFECT: u32 = 1 << 3;

fn lists() -> &'static FewWords {
    static LISTS: OnceLock<FewWords> = OnceLock::new();
    LISTS.get_or_init(|| {
        FewWords::of_lists(&[
            EFFECT_COUNT_WORDS,
            COUNT_WORDS,
            MEASURING_WORDS,
            EFFECT_WORDS,
        ])
    })
}

/// Why an 效益 row reads as an activity count, if it does.
fn activity_count(cx: &Context, ind: &Indicator) -> Option<String> {
    let name = cx.name_key(ind);
    // An effect word settles it: the walk may stop there.
    let found = lists().lists_in(&name, EFFECT_COUNT);
    if found & EFFECT_COUNT != 0 {
        return None;
    }
    if found & COUNT != 0
        && let Some(w) = first_listed(COUNT_WORDS, &name)
    {
        return Some(format!("名称含“{w}”"));
    }
    let verb = ACTIVITY_VERBS.iter().find(|v| name.starts_with(**v))?;
    let unit = ind.target.as_ref()?.unit.as_deref()?;
    ACTIVITY_UNITS
        .contains(&unit)
        .then(|| format!("以“{verb}”开头，目标以“{unit}”计"))
}

/// Why a 产出 row reads as an effect or satisfaction, if it does.
fn effect(cx: &Context, ind: &Indicator) -> Option<String> {
    let name = cx.name_key(ind);
    // A measuring word settles it: the walk may stop there.
    let found = lists().lists_in(&name, MEASURING);
    if found & (MEASURING | EFFECT) != EFFECT {
        return None;
    }
    first_listed(EFFECT_WORDS, &name).map(|w| format!("名称含“{w}”"))
}

impl Rule for OutputOutcomeMixed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in cx.form.indicators.iter().filter(|i| !cx.is_placeholder(i)) {
            let msg = match ind.level1_category {
                Some(Level1::Outcome) => activity_count(cx, ind).map(|why| {
                    format!(
                        "效益指标“{}”{why}，是活动或工作量的计数，属于产出指标",
                        ind.name.value.trim()
                    )
                }),
                Some(Level1::Output) => effect(cx, ind).map(|why| {
                    format!(
                        "产出指标“{}”{why}，衡量的是效果或满意度，应放在效益或满意度指标下",
                        ind.name.value.trim()
                    )
                }),
                _ => None,
            };
            if let Some(msg) = msg {
                out.push(
                    Finding::new(&META, msg)
                        .at(ind.name.at)
                        .indicator(&ind.name.value),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_util::{form, row, run};
    use super::*;
    use crate::profile::Profile;

    fn fires(l1: &str, name: &str, target: &str) -> bool {
        let rows = vec![row(1, l1, "", name, target, "", "10")];
        !run(&OutputOutcomeMixed, &form(rows), &Profile::central_2020()).is_empty()
    }

    #[test]
    fn outcome_named_as_activity() {
        assert!(fires("效益(30分)", "开展宣传活动次数", "≥10次"));
        assert!(fires("效益(30分)", "培训人数", "≥100人"));
        assert!(fires("效益(30分)", "完成调研报告", "≥3篇"));
        assert!(fires("效益(30分)", "举办讲座", "4场"));
        assert!(!fires("效益(30分)", "受益群众人数", "≥1000人"));
        assert!(!fires("效益(30分)", "带动就业人数", "≥50人"));
        assert!(!fires("效益(30分)", "安全事故发生次数", "0次"));
        assert!(!fires("效益(30分)", "完成率", "100%"));
        assert!(!fires(
            "效益(30分)",
            "完成政务内网延伸部署",
            "加快敏感公文规范化流转"
        ));
        assert!(!fires("效益(30分)", "完成网站改版", "≥95%"));
    }

    #[test]
    fn output_named_as_effect() {
        assert!(fires("产出(50分)", "群众满意度", "≥90%"));
        assert!(fires("产出(50分)", "扩大社会影响力", "明显提升"));
        assert!(fires("产出(50分)", "政策知晓率", "≥85%"));
        assert!(!fires("产出(50分)", "开展满意度调查次数", "≥2次"));
        assert!(!fires("产出(50分)", "培训人数", "≥100人"));
    }

    #[test]
    fn one_walk_answers_each_list() {
        let lists_of = [
            (EFFECT_COUNT, EFFECT_COUNT_WORDS),
            (COUNT, COUNT_WORDS),
            (MEASURING, MEASURING_WORDS),
            (EFFECT, EFFECT_WORDS),
        ];
        for name in [
            "开展满意度调查次数",
            "受益群众人数",
            "群众满意度",
            "效益评估报告份数",
            "培训场次",
            "",
            "率",
        ] {
            let found = lists().lists_in(name, 0);
            for (bit, words) in lists_of {
                let any = words.iter().any(|w| name.contains(w));
                assert_eq!(found & bit != 0, any, "{name:?} {bit}");
            }
        }
    }

    #[test]
    fn other_levels_and_placeholders_are_ignored() {
        assert!(!fires("满意度(10分)", "群众满意度", "≥90%"));
        assert!(!fires("效益(30分)", "无", "无"));
    }
}
