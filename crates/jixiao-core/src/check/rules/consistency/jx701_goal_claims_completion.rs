use crate::check::words::FewWords;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Indicator;

/// The overall goal's 实际完成情况 claims completion while a quantitative indicator missed.
pub struct GoalClaimsCompletion;

static META: RuleMeta = RuleMeta {
    code: "JX701",
    name: "goal-claims-completion",
    area: Area::Consistency,
    severity: Severity::Warning,
    title: "总体目标称全部完成，但有定量指标未达标",
    what: "年度总体目标的实际完成情况写有“全部完成”“圆满完成”“均已完成”“已完成”“全面完成”“顺利完成”等完成表述（前面带“未”“没”“不”“无”等否定词的不算），而有定量指标按评分规则判定未达到目标值。列出未达标的指标。",
    why: "总体目标完成情况与指标完成情况互相矛盾：要么完成情况写得过满，要么指标的目标值或完成值填错。审核时应以可核实的指标数据为准。",
    bad: "实际完成情况：“各项工作均已完成。”　指标“保障办公设备维护数量”目标 1000件，实际 100件。",
    good: "实际完成情况：“完成订报和慰问工作；办公设备维护 100 件，未达到 1000 件的计划，原因是……”。",
    fix: "按指标的实际完成情况改写总体目标完成情况，写明未完成的部分及原因；如指标目标值或完成值填错，更正指标。",
    source: "INFERRED (consistency of B.3 and B.4); domain.md A.4, A.9",
};

/// Phrases that claim the goal was fully achieved, longest first.
const CLAIMS: &[&str] = &[
    "已全部完成",
    "全部完成",
    "圆满完成",
    "均已完成",
    "全面完成",
    "顺利完成",
    "如期完成",
    "按时完成",
    "全部达成",
    "全部实现",
    "100%完成",
    "已完成",
];

/// Characters that negate a claim when they stand just before it (`未全部完成`, `没有如期完成`,
/// `不能按时完成`, `无法全面完成`, `尚未…`).
const NEGATIONS: &[char] = &['未', '没', '不', '无', '非'];

/// How many characters before a claim are searched for a negation.
const NEGATION_WINDOW: usize = 2;

/// The first completion claim in `text` that is not negated.
pub(crate) fn completion_claim(text: &str) -> Option<&'static str> {
    let clean = crate::normalise::clean_cow(text);
    let t: std::borrow::Cow<str> = if clean.contains(char::is_whitespace) {
        clean
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .into()
    } else {
        clean
    };
    // Most texts hold no claim at all, negated or not.
    static ANY_CLAIM: std::sync::OnceLock<FewWords> = std::sync::OnceLock::new();
    if !ANY_CLAIM.get_or_init(|| FewWords::new(CLAIMS)).in_text(&t) {
        return None;
    }
    let mut best: Option<(usize, &'static str)> = None;
    for claim in CLAIMS {
        let mut from = 0;
        while let Some(found) = t.get(from..).and_then(|rest| rest.find(claim)) {
            let start = from + found;
            let negated = t[..start]
                .chars()
                .rev()
                .take(NEGATION_WINDOW)
                .any(|c| NEGATIONS.contains(&c));
            if !negated {
                if best.is_none_or(|(s, _)| start < s) {
                    best = Some((start, claim));
                }
                break;
            }
            // the next start: one character on
            from = start + t[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    best.map(|(_, c)| c)
}

fn describe(ind: &Indicator) -> String {
    match (&ind.target, &ind.actual) {
        (Some(t), Some(a)) => format!("“{}”（目标“{}”，实际“{}”）", ind.name.value, t.text, a.text),
        _ => format!("“{}”", ind.name.value),
    }
}

impl Rule for GoalClaimsCompletion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(achieved) = &cx.form.overall_goal.achieved else {
            return;
        };
        // The cheap test first: most forms miss no quantitative target.
        if !cx.eval.indicators.iter().any(|s| s.met == Some(false)) {
            return;
        }
        let Some(claim) = completion_claim(&achieved.value) else {
            return;
        };
        let missed: Vec<&Indicator> = cx
            .form
            .indicators
            .iter()
            .zip(&cx.eval.indicators)
            .filter(|(_, s)| s.met == Some(false))
            .map(|(i, _)| i)
            .collect();
        if missed.is_empty() {
            return;
        }
        let list = missed
            .iter()
            .map(|i| describe(i))
            .collect::<Vec<_>>()
            .join("；");
        out.push(
            Finding::new(
                &META,
                format!(
                    "实际完成情况称“{claim}”，但有 {} 项定量指标未达到目标：{list}",
                    missed.len()
                ),
            )
            .at(achieved.at),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_found() {
        assert_eq!(completion_claim("各项工作均已完成。"), Some("均已完成"));
        assert_eq!(completion_claim("项目已全部完成"), Some("已全部完成"));
        assert_eq!(completion_claim("2022年已完成体验设计"), Some("已完成"));
        assert_eq!(completion_claim("任务顺 利完成"), Some("顺利完成"));
    }

    #[test]
    fn negated_claims_are_not_claims() {
        assert_eq!(completion_claim("受疫情影响未能如期完成干部疗养"), None);
        assert_eq!(completion_claim("尚未全部完成"), None);
        assert_eq!(completion_claim("没有按时完成"), None);
        assert_eq!(completion_claim("无法全面完成"), None);
        // The negation must stand right before the claim.
        assert_eq!(completion_claim("计划不变，已完成"), Some("已完成"));
    }

    #[test]
    fn partial_completion_is_no_claim() {
        assert_eq!(completion_claim("目前已基本完成"), None);
        assert_eq!(completion_claim("完成两份课题报告"), None);
        assert_eq!(completion_claim(""), None);
    }
}
