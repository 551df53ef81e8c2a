//! Helpers shared by the satisfaction rules (and JX408/JX603, which reuse their conditions).

use rust_decimal::Decimal;

use crate::check::Context;
use crate::model::{Form, Indicator, Level1};
use crate::normalise;
use crate::score::{Evaluation, ScoreMethod};

/// A 满意度 indicator: level-1 满意度, or a 满意度 二级 under 效益 (the decision frame's
/// `项目效益(35分)` includes 满意度, 银川 S12 [V]; JX204 reports it elsewhere).
pub(crate) fn is_satisfaction(ind: &Indicator) -> bool {
    match ind.level1_category {
        Some(Level1::Satisfaction) => true,
        Some(Level1::Outcome) => is_satisfaction_with(
            ind,
            ind.level2
                .as_ref()
                .and_then(|l| normalise::level2_category(&l.value)),
        ),
        _ => false,
    }
}

/// [`is_satisfaction`] given the row's [`normalise::level2_category`].
pub(crate) fn is_satisfaction_with(ind: &Indicator, level2: Option<&str>) -> bool {
    match ind.level1_category {
        Some(Level1::Satisfaction) => true,
        Some(Level1::Outcome) => matches!(
            level2,
            Some("beneficiary_satisfaction" | "other_satisfaction")
        ),
        _ => false,
    }
}

/// A scored 满意度 row: a 满意度 indicator, not a 无/不适用 placeholder, not weight 0.
pub(crate) fn is_satisfaction_row(cx: &Context, ind: &Indicator, method: ScoreMethod) -> bool {
    method != ScoreMethod::VoidZeroWeight && cx.is_satisfaction(ind) && !cx.is_placeholder(ind)
}

/// The scored 满意度 rows of a form, with their evaluation index.
pub(crate) fn satisfaction_rows<'c, 'a>(
    cx: &'c Context<'a>,
) -> impl Iterator<Item = &'a Indicator> + 'c {
    let (form, eval): (&'a Form, &'a Evaluation) = (cx.form, cx.eval);
    form.indicators
        .iter()
        .zip(&eval.indicators)
        .filter(move |(i, s)| is_satisfaction_row(cx, i, s.method))
        .map(|(i, _)| i)
}

/// JX501's condition: a 满意度 row with weight > 0 and a score > 0 whose 实际完成值 is blank
/// (or `—`, `/`, `无`). Returns `(w, s)`.
pub(crate) fn satisfaction_actual_missing(
    cx: &Context,
    ind: &Indicator,
) -> Option<(Decimal, Decimal)> {
    if !cx.is_satisfaction(ind) || cx.is_placeholder(ind) {
        return None;
    }
    let (w, s) = (ind.weight.as_ref()?.value, ind.score.as_ref()?.value);
    if w <= Decimal::ZERO || s <= Decimal::ZERO {
        return None;
    }
    cx.actual_blank(ind).then_some((w, s))
}

/// Words that show a survey basis for satisfaction figures (R45).
const SURVEY_WORDS: &[&str] = &[
    "问卷", "调查", "调研", "测评", "抽样", "样本", "回访", "访谈",
];

/// Whether any text of the form (goals, funds notes, indicator cells) mentions a survey.
pub(crate) fn mentions_survey(form: &Form) -> bool {
    let goal = [&form.overall_goal.expected, &form.overall_goal.achieved];
    let goal_texts = goal.into_iter().flatten().map(|s| s.value.as_str());
    let funds_texts = form
        .funds
        .rows
        .iter()
        .filter_map(|r| r.reason.as_ref().map(|s| s.value.as_str()));
    let indicator_texts = form.indicators.iter().flat_map(|i| {
        [
            Some(i.name.value.as_str()),
            i.level2.as_ref().map(|s| s.value.as_str()),
            i.target.as_ref().map(|t| t.text.as_str()),
            i.actual.as_ref().map(|a| a.text.as_str()),
            i.deviation_note.as_ref().map(|s| s.value.as_str()),
            // 评价标准 / 得分计算方法 (`问卷调查，有效样本300份`).
            i.extra.scoring_method.as_ref().map(|s| s.value.as_str()),
        ]
        .into_iter()
        .flatten()
    });
    goal_texts
        .chain(funds_texts)
        .chain(indicator_texts)
        .any(mentions_survey_word)
}

/// One of [`SURVEY_WORDS`] in `t`: a single pass over the text, a word compared only where
/// its first character stands.
fn mentions_survey_word(t: &str) -> bool {
    t.char_indices().any(|(i, c)| {
        matches!(c, '问' | '调' | '测' | '抽' | '样' | '回' | '访')
            && SURVEY_WORDS.iter().any(|w| t[i..].starts_with(w))
    })
}

/// JX502's condition: satisfaction rows carry points (score > 0) but nothing in the form says
/// how satisfaction was measured. Returns the first such row and the number of rows.
pub(crate) fn satisfaction_without_survey<'a>(
    cx: &Context<'a>,
) -> Option<(&'a Indicator, usize, Decimal)> {
    let scored = |i: &&Indicator| i.score.as_ref().is_some_and(|s| s.value > Decimal::ZERO);
    let first = satisfaction_rows(cx).find(scored)?;
    if cx.mentions_survey() {
        return None;
    }
    // Points of the total: a row weighted by 权重占比 (河北) brings its 折算得分.
    let (rows, points) = satisfaction_rows(cx)
        .filter(scored)
        .filter_map(|i| {
            i.extra
                .weighted_score
                .as_ref()
                .or(i.score.as_ref())
                .map(|s| s.value)
        })
        .fold((0, Decimal::ZERO), |(n, acc), s| {
            (n + 1, acc.checked_add(s).unwrap_or(acc))
        });
    Some((first, rows, points))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_words_are_found_where_they_stand() {
        for (t, want) in [
            ("发放问卷542份", true),
            ("经抽样调查", true),
            ("开展回访", true),
            ("样本量100", true),
            ("群众满意", false),
            ("问题整改", false),
            ("", false),
        ] {
            assert_eq!(mentions_survey_word(t), want, "{t}");
            assert_eq!(SURVEY_WORDS.iter().any(|w| t.contains(w)), want, "{t}");
        }
    }
}
