//! Helpers shared by the satisfaction rules (and JX408/JX603, which reuse their conditions).

use rust_decimal::Decimal;

use std::sync::OnceLock;

use crate::check::Context;
use crate::check::words::AnyWord;
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
#[inline]
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

/// Each text of a form that may say how satisfaction was measured, in turn: goals, funds notes
/// and indicator cells.
fn for_each_survey_text<'a>(form: &'a Form, mut f: impl FnMut(&'a str)) {
    for s in [&form.overall_goal.expected, &form.overall_goal.achieved]
        .into_iter()
        .flatten()
    {
        f(&s.value);
    }
    for r in &form.funds.rows {
        if let Some(s) = &r.reason {
            f(&s.value);
        }
    }
    for i in &form.indicators {
        f(&i.name.value);
        if let Some(s) = &i.level2 {
            f(&s.value);
        }
        if let Some(t) = &i.target {
            f(&t.text);
        }
        if let Some(a) = &i.actual {
            f(&a.text);
        }
        if let Some(s) = &i.deviation_note {
            f(&s.value);
        }
        // 评价标准 / 得分计算方法 (`问卷调查，有效样本300份`).
        if let Some(s) = &i.extra.scoring_method {
            f(&s.value);
        }
    }
}

/// The texts [`for_each_survey_text`] visits, in order.
#[cfg(test)]
fn survey_texts(form: &Form) -> Vec<&str> {
    let mut texts = Vec::new();
    for_each_survey_text(form, |t| texts.push(t));
    texts
}

/// Whether any text of the form (goals, funds notes, indicator cells) mentions a survey.
///
/// The texts are copied, one per line, into one buffer kept per thread and searched in one
/// pass (no word holds a line break, so no word is found across two texts): the same answer as
/// [`mentions_survey_word`] over each text.
pub(crate) fn mentions_survey(form: &Form) -> bool {
    thread_local! {
        static TEXTS: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    static WORDS: OnceLock<AnyWord> = OnceLock::new();
    let words = WORDS.get_or_init(|| AnyWord::new(SURVEY_WORDS));
    TEXTS.with(|texts| {
        let Ok(mut buf) = texts.try_borrow_mut() else {
            let mut found = false;
            for_each_survey_text(form, |t| found = found || mentions_survey_word(t));
            return found;
        };
        buf.clear();
        // A text shorter than a survey word (two ideographs, six bytes) cannot hold one.
        for_each_survey_text(form, |t| {
            if t.len() >= 6 {
                buf.push_str(t);
                buf.push('\n');
            }
        });
        let found = words.in_text(&buf);
        if buf.capacity() > 1 << 20 {
            *buf = String::new(); // an outsized form: do not keep its buffer
        }
        found
    })
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
    fn survey_words_are_at_least_six_bytes() {
        assert!(SURVEY_WORDS.iter().all(|w| w.len() >= 6));
    }

    #[test]
    fn one_search_over_the_buffer_answers_as_each_text() {
        let mut mentioning = 0;
        for form in crate::check::fixture_forms() {
            let each = survey_texts(&form).into_iter().any(mentions_survey_word);
            assert_eq!(mentions_survey(&form), each, "{}", form.source.path);
            mentioning += usize::from(each);
        }
        assert!(mentioning > 0);
    }

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
            assert_eq!(
                AnyWord::new(SURVEY_WORDS).in_text(&format!("x\n{t}\n")),
                want,
                "{t}"
            );
            assert_eq!(SURVEY_WORDS.iter().any(|w| t.contains(w)), want, "{t}");
        }
    }
}
