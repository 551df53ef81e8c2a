//! Helpers shared by the scoring rules, and by the satisfaction and totals rules that recompute
//! the same conditions (JX603 never reads other rules' findings: it calls these predicates).

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::check::{Context, Finding};
use crate::model::{Comparator, Form, Indicator, Pos, Sourced};
use crate::normalise;
use crate::score::{IndicatorScore, QualBand, ScoreMethod};

/// A cell's text folded for matching short words: [`normalise::squeeze`], no whitespace, no
/// trailing punctuation (`已完成。` → `已完成`).
/// Borrows `text` when nothing changes but trailing punctuation.
pub(crate) fn compact(text: &str) -> Cow<'_, str> {
    const TRAILING: [char; 9] = ['。', '.', '；', ';', '，', ',', '、', '！', '!'];
    let sq = normalise::squeeze_cow(text);
    // Squeezed text is clean: its only whitespace is the single space.
    let sq = if sq.as_bytes().contains(&b' ') {
        Cow::Owned(sq.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        sq
    };
    match sq {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim_end_matches(TRAILING)),
        Cow::Owned(mut s) => {
            let keep = s.trim_end_matches(TRAILING).len();
            s.truncate(keep);
            Cow::Owned(s)
        }
    }
}

/// Number of characters of `text` that carry meaning (no whitespace, no punctuation).
pub(crate) fn meaningful_chars(text: &str) -> usize {
    meaningful_in(&normalise::squeeze_cow(text))
}

/// The characters of squeezed (or [`compact`]ed: no whitespace, no trailing punctuation, which
/// count for nothing) text that carry meaning.
fn meaningful_in(squeezed: &str) -> usize {
    squeezed.chars().filter(|c| is_meaningful(*c)).count()
}

/// A character that carries meaning: no whitespace, no punctuation.
fn is_meaningful(c: char) -> bool {
    !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punct(c)
}

fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '【'
            | '】'
            | '—'
            | '…'
            | '·'
    )
}

/// A.5 grade words, as printed in 实际完成值 (compared after [`compact`]).
/// A = 达成 (spec vocabulary; 已完成/完成 are INFERRED synonyms, S11 [V]; 已达成/全部完成/全部达成
/// and the "目标" spellings are obvious variants), B = 部分达成 (部分完成 INFERRED), C = 未达成
/// (未完成 INFERRED). "基本达成/基本完成" are deliberately left out: sources do not say which
/// grade they mean.
const GRADE_A: &[&str] = &[
    "达成年度指标",
    "达成预期指标",
    "达成年度目标",
    "达成预期目标",
    "达成",
    "已达成",
    "已完成",
    "完成",
    "全部完成",
    "全部达成",
];
const GRADE_B: &[&str] = &[
    "部分达成年度指标并具有一定效果",
    "部分达成年度指标",
    "部分达成预期指标",
    "部分达成",
    "部分完成",
];
const GRADE_C: &[&str] = &[
    "未达成年度指标且效果较差",
    "未达成年度指标",
    "未达成预期指标",
    "未达成",
    "未完成",
];

/// The A.5 grade an actual's text names, if it is exactly a grade word.
pub(crate) fn grade_of(text: &str) -> Option<QualBand> {
    grade_of_compact(&compact(text))
}

/// [`grade_of`] of a text already [`compact`]ed.
pub(crate) fn grade_of_compact(t: &str) -> Option<QualBand> {
    if GRADE_A.contains(&t) {
        Some(QualBand::A)
    } else if GRADE_B.contains(&t) {
        Some(QualBand::B)
    } else if GRADE_C.contains(&t) {
        Some(QualBand::C)
    } else {
        None
    }
}

/// Chinese name of a grade band.
pub(crate) fn band_name(b: QualBand) -> &'static str {
    match b {
        QualBand::A => "A档（达成）",
        QualBand::B => "B档（部分达成）",
        QualBand::C => "C档（未达成）",
    }
}

/// The 偏差原因 cell when it holds any text.
pub(crate) fn note(ind: &Indicator) -> Option<&Sourced<String>> {
    ind.deviation_note
        .as_ref()
        .filter(|n| !n.value.trim().is_empty())
}

/// A row with a qualitative (定性) target that is scored (not a 无/weight-0 row).
#[inline]
pub(crate) fn is_qualitative_row(cx: &Context, ind: &Indicator, sc: &IndicatorScore) -> bool {
    sc.method != ScoreMethod::VoidZeroWeight
        && ind
            .target
            .as_ref()
            .is_some_and(|t| t.comparator == Comparator::Qualitative)
        && !cx.is_placeholder(ind)
}

/// `cx.differs` without the overflow: two values further apart than the tolerance (values too
/// far apart to subtract are apart).
pub(crate) fn apart(cx: &Context, a: Decimal, b: Decimal) -> bool {
    a.checked_sub(b)
        .is_none_or(|d| d.abs() > cx.profile.tolerance)
}

/// `(w, s)` when the printed score is below the weight by more than the tolerance.
pub(crate) fn points_lost(cx: &Context, ind: &Indicator) -> Option<(Decimal, Decimal)> {
    let (w, s) = (ind.weight.as_ref()?.value, ind.score.as_ref()?.value);
    (s < w && apart(cx, w, s)).then_some((w, s))
}

/// `(w, s)` when the row kept full marks (`s = w` within tolerance, `w > 0`).
pub(crate) fn full_marks(cx: &Context, ind: &Indicator) -> Option<(Decimal, Decimal)> {
    let (w, s) = (ind.weight.as_ref()?.value, ind.score.as_ref()?.value);
    (w > Decimal::ZERO && !apart(cx, w, s)).then_some((w, s))
}

/// The forward completion ratio `a/t` (actual converted into the target's unit) of a row scored
/// "higher is better" (≥, >, = and bare numbers the profile reads as ≥), for R35/R36.
/// `None` for reverse, range and qualitative rows, a target ≤ 0, or incompatible units.
pub(crate) fn forward_ratio(ind: &Indicator, sc: &IndicatorScore) -> Option<Decimal> {
    if !matches!(
        sc.effective_comparator,
        Some(Comparator::AtLeast | Comparator::Greater | Comparator::Equal)
    ) {
        return None;
    }
    let target = ind.target.as_ref()?;
    let actual = ind.actual.as_ref()?;
    let (t, a) = (target.value?, actual.value?);
    if t <= Decimal::ZERO {
        return None;
    }
    let factor =
        crate::normalise::units_compatible(target.unit.as_deref(), actual.unit.as_deref())?;
    a.checked_mul(factor)?.checked_div(t)
}

/// `ratio` as a percentage with two decimals, for messages.
pub(crate) fn pct(ratio: Decimal) -> String {
    ratio
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| "—".to_string(), |p| format!("{:.2}%", p.round_dp(2)))
}

/// `f` pointed at the 实际完成值 cell of `ind`: its own position when read; when the cell is
/// blank, the column other rows of the same table keep their actual in; else the line only.
pub(crate) fn at_actual(f: Finding, form: &Form, ind: &Indicator) -> Finding {
    if let Some(a) = &ind.actual {
        return f.at(a.at);
    }
    match form
        .indicators
        .iter()
        .find_map(|i| i.actual.as_ref().map(|a| a.at.column))
    {
        Some(column) => f.at(Pos::new(ind.line, column)),
        None => f.at_line(ind.line),
    }
}

/// The overshoot condition of R35: a forward row with `a/t ≥ θ_over` (profile). Returns the ratio.
pub(crate) fn overshoot(cx: &Context, ind: &Indicator, sc: &IndicatorScore) -> Option<Decimal> {
    cx.high_forward_ratio(ind, sc)
        .filter(|r| *r >= cx.profile.overshoot_threshold)
}

/// R37: the target is met (A.4 rule, or a 定性 actual that is an A grade word) and yet the row
/// lost points. Returns `(w, s)`.
pub(crate) fn met_but_deducted(
    cx: &Context,
    ind: &Indicator,
    sc: &IndicatorScore,
) -> Option<(Decimal, Decimal)> {
    let met = sc.met == Some(true)
        || (is_qualitative_row(cx, ind, sc) && cx.grade(ind) == Some(QualBand::A));
    if !met {
        return None;
    }
    points_lost(cx, ind)
}

/// Boilerplate 偏差原因 words (R42), compared after [`compact`].
const BOILERPLATE: &[&str] = &[
    "无",
    "暂无",
    "没有",
    "无偏差",
    "没有偏差",
    "无偏差原因",
    "不适用",
    "已完成",
    "完成",
    "正常",
    "同上",
    "见上",
];

/// A deviation note shorter than this (in meaningful characters) says nothing (R42: "< 10").
pub(crate) const MIN_NOTE_CHARS: usize = 10;

/// Why a deviation note is boilerplate, or `None` when it has some content (R42).
pub(crate) fn boilerplate(text: &str) -> Option<String> {
    match boilerplate_kind(text)? {
        Boilerplate::Word => Some(format!("只填了“{}”", text.trim())),
        Boilerplate::Short(n) => Some(format!("“{}”只有 {n} 个字", text.trim())),
    }
}

/// Whether a deviation note is boilerplate ([`boilerplate`] without the message).
pub(crate) fn is_boilerplate(text: &str) -> bool {
    boilerplate_kind(text).is_some()
}

/// How a deviation note is boilerplate.
enum Boilerplate {
    /// A null marker, a placeholder or a boilerplate word.
    Word,
    /// Fewer than [`MIN_NOTE_CHARS`] meaningful characters.
    Short(usize),
}

fn boilerplate_kind(text: &str) -> Option<Boilerplate> {
    if says_something(text) {
        return None;
    }
    boilerplate_by_compacting(text)
}

/// [`boilerplate_kind`] worked out on the [`compact`]ed note (the meaningful characters counted
/// only up to [`MIN_NOTE_CHARS`], all a longer note needs).
fn boilerplate_by_compacting(text: &str) -> Option<Boilerplate> {
    let c = compact(text);
    if normalise::is_null_marker(&c)
        || normalise::is_void_text(&c)
        || BOILERPLATE.contains(&c.as_ref())
    {
        return Some(Boilerplate::Word);
    }
    let n = c
        .chars()
        .filter(|c| is_meaningful(*c))
        .take(MIN_NOTE_CHARS)
        .count();
    (n < MIN_NOTE_CHARS).then_some(Boilerplate::Short(n))
}

/// Whether a note is sure to be no boilerplate without [`compact`]ing it (a long note costs
/// thousands of instructions to compact): it holds more than 64 bytes of CJK ideographs
/// (U+4E00–U+9FFF) and no `<` or `&`. Without tags or entities, cleaning and compacting keep
/// every such ideograph (they only fold other characters and drop blanks and trailing
/// punctuation), so the compacted note is longer than 64 bytes, which no null marker,
/// placeholder (`normalise` gives up on longer texts) or [`BOILERPLATE`] word is, and has more
/// than [`MIN_NOTE_CHARS`] meaningful characters.
fn says_something(text: &str) -> bool {
    /// Ideographs are three bytes each: 22 of them are more than 64 bytes.
    const IDEOGRAPHS: usize = 22;
    let b = text.as_bytes();
    if b.len() < 3 * IDEOGRAPHS || memchr::memchr2(b'<', b'&', b).is_some() {
        return false;
    }
    let mut seen = 0;
    let mut i = 0;
    while i < b.len() {
        // Lead bytes E5–E9, or E4 then B8–BF (the text is UTF-8: such a byte leads a
        // three-byte character, and no continuation byte is one).
        if (0xE5..=0xE9).contains(&b[i])
            || (b[i] == 0xE4 && b.get(i + 1).is_some_and(|&y| y >= 0xB8))
        {
            seen += 1;
            if seen >= IDEOGRAPHS {
                return true;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    false
}

/// Building blocks for the rules' unit tests: rows parsed the way the reader parses cells, a
/// complete form, and a run of one rule under a profile.
#[cfg(test)]
pub(crate) mod testkit {
    use rust_decimal::Decimal;

    use crate::check::{Finding, Rule};
    use crate::model::{
        Form, FormStatus, FundsKind, FundsRow, Indicator, Level1, Pos, Sourced, TotalRow,
    };
    use crate::normalise::{parse_actual, parse_target};
    use crate::profile::Profile;
    use crate::score;

    fn at(column: u32) -> Pos {
        Pos::new(1, column)
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    /// One indicator row: `target`/`actual` as printed (`None` = blank), weight and score as text.
    pub(crate) fn row(
        level1: Level1,
        level2: &str,
        target: &str,
        actual: Option<&str>,
        w: &str,
        s: &str,
    ) -> Indicator {
        Indicator {
            level1: Sourced::new(level1.chinese().to_string(), at(2)),
            level1_category: Some(level1),
            level1_label_weight: None,
            level2: Some(Sourced::new(level2.to_string(), at(3))),
            name: Sourced::new(format!("{level2}指标"), at(4)),
            target: Some(parse_target(target, at(5))),
            actual: actual.map(|a| parse_actual(a, at(6))),
            weight: Some(Sourced::new(dec(w), at(7))),
            score: Some(Sourced::new(dec(s), at(8))),
            deviation_note: None,
            extra: Default::default(),
            line: 1,
        }
    }

    /// `ind` with a 偏差原因.
    pub(crate) fn with_note(mut ind: Indicator, note: &str) -> Indicator {
        ind.deviation_note = Some(Sourced::new(note.to_string(), at(9)));
        ind
    }

    /// A complete form: execution `e` of budget `b` (weight 10), the rows, and a printed total
    /// equal to the execution score plus the printed indicator scores.
    pub(crate) fn form(b: &str, e: &str, indicators: Vec<Indicator>) -> Form {
        let mut f = Form::empty("t.txt", "");
        f.status = FormStatus::Complete;
        f.funds.rows.push(FundsRow {
            kind: FundsKind::TotalFunds,
            label: Sourced::new("年度资金总额".to_string(), at(2)),
            initial_budget: Some(Sourced::new(dec(b), at(3))),
            adjusted_budget: Some(Sourced::new(dec(b), at(4))),
            executed: Some(Sourced::new(dec(e), at(5))),
            weight: Some(Sourced::new(Decimal::TEN, at(6))),
            execution_rate: None,
            score: None,
            reason: None,
            arrived: None,
            method: None,
            line: 1,
        });
        f.indicators = indicators;
        let ev = score::evaluate(&Profile::central_2020(), &f);
        f.total = Some(TotalRow {
            weight: Some(Sourced::new(Decimal::ONE_HUNDRED, at(7))),
            score: ev.total_computed.map(|t| Sourced::new(t, at(8))),
            grade_label: None,
            line: 2,
        });
        f
    }

    /// The findings of `rule` on `form` under `profile`.
    pub(crate) fn run(rule: &dyn Rule, form: &Form, profile: &Profile) -> Vec<Finding> {
        crate::check::run_rule(rule, form, profile)
    }

    /// The findings of `rule` on a one-row form (fully spent budget) under the central profile.
    pub(crate) fn run_row(rule: &dyn Rule, ind: Indicator) -> Vec<Finding> {
        run(
            rule,
            &form("100", "100", vec![ind]),
            &Profile::central_2020(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_drops_every_whitespace() {
        for t in [
            "达 成",
            "达\u{3000}成。",
            "已\t完成，",
            "a\u{a0} b",
            " 完 成 ！",
            "x\u{2028}y",
            "达成",
        ] {
            let by_definition: String = normalise::squeeze(t)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .trim_end_matches(['。', '.', '；', ';', '，', ',', '、', '！', '!'])
                .to_string();
            assert_eq!(compact(t), by_definition, "{t:?}");
        }
    }

    #[test]
    fn grade_words() {
        assert_eq!(grade_of("达成"), Some(QualBand::A));
        assert_eq!(grade_of(" 已完成。"), Some(QualBand::A));
        assert_eq!(grade_of("达成预期指标"), Some(QualBand::A));
        assert_eq!(grade_of("部分达成"), Some(QualBand::B));
        assert_eq!(
            grade_of("部分达成年度指标并具有一定效果"),
            Some(QualBand::B)
        );
        assert_eq!(grade_of("未达成"), Some(QualBand::C));
        assert_eq!(grade_of("未完成"), Some(QualBand::C));
        assert_eq!(grade_of("基本完成"), None);
        assert_eq!(grade_of("12月底前已发放"), None);
        assert_eq!(grade_of("100%"), None);
        assert_eq!(grade_of(""), None);
    }

    #[test]
    fn boilerplate_notes() {
        assert!(boilerplate("无").is_some());
        assert!(boilerplate(" 暂无。").is_some());
        assert!(boilerplate("/").is_some());
        assert!(boilerplate("——").is_some());
        assert!(boilerplate("正常").is_some());
        assert!(boilerplate("受疫情影响未完成").is_some());
        assert!(
            boilerplate("受疫情影响，上级未测评。改进措施：2023年会积极推进测评工作。").is_none()
        );
        assert!(boilerplate("一名辅助人员2月离职，次年才补招").is_none());
    }

    #[test]
    fn compacted_text_has_as_many_meaningful_characters() {
        let mut notes = 0;
        for form in crate::check::fixture_forms() {
            let texts = form.indicators.iter().flat_map(|i| {
                [
                    i.deviation_note.as_ref().map(|n| n.value.as_str()),
                    i.actual.as_ref().map(|a| a.text.as_str()),
                    Some(i.name.value.as_str()),
                ]
                .into_iter()
                .flatten()
            });
            for t in texts {
                notes += 1;
                assert_eq!(meaningful_in(&compact(t)), meaningful_chars(t), "{t:?}");
            }
        }
        for t in [
            "无。",
            " 已 完成 , ",
            "（一）原因：离职。",
            "ａ，ｂ；。！",
            "x 、、。",
            "",
        ] {
            assert_eq!(meaningful_in(&compact(t)), meaningful_chars(t), "{t:?}");
        }
        assert!(notes > 100);
    }

    /// The shortcut for long notes gives the answer compacting gives, on every text of the
    /// fixtures and on notes made to sit either side of its conditions.
    #[test]
    fn long_notes_are_no_boilerplate_as_compacting_says() {
        let same = |t: &str| {
            let by_compacting = boilerplate_by_compacting(t).map(|k| match k {
                Boilerplate::Word => 0,
                Boilerplate::Short(n) => n + 1,
            });
            let fast = boilerplate_kind(t).map(|k| match k {
                Boilerplate::Word => 0,
                Boilerplate::Short(n) => n + 1,
            });
            assert_eq!(fast, by_compacting, "{t:?}");
            if says_something(t) {
                assert_eq!(by_compacting, None, "{t:?}");
                let c = compact(t);
                assert!(meaningful_in(&c) >= MIN_NOTE_CHARS, "{t:?}");
            }
            usize::from(says_something(t))
        };
        let mut shortcut = 0;
        for form in crate::check::fixture_forms() {
            for i in &form.indicators {
                for t in [
                    i.deviation_note.as_ref().map(|n| n.value.as_str()),
                    i.actual.as_ref().map(|a| a.text.as_str()),
                    Some(i.name.value.as_str()),
                ]
                .into_iter()
                .flatten()
                {
                    shortcut += same(t);
                }
            }
        }
        let twenty = "上级部署调整部分任务延后实施专题培训工作";
        for t in [
            format!("{twenty}推进"),
            format!("{twenty}推"),
            format!("{twenty}，。！ 推进"),
            format!("指标一二三四五六七八九十{twenty}"),
            "指标一二三四五六七八九十".to_string(),
            format!("<b>{twenty}推进</b>"),
            format!("&nbsp;{twenty}推进"),
            format!("{twenty}\u{200B}推进"),
            format!("——————————————————————————{twenty}"),
            "无".repeat(30),
            "一".repeat(22),
            "丁".repeat(22),
            "䶵".repeat(30),
            "a".repeat(100),
            "受疫情影响未完成".to_string(),
            String::new(),
        ] {
            same(&t);
        }
        assert!(shortcut > 0, "no fixture note took the shortcut");
    }

    #[test]
    fn counting_meaningful_characters() {
        assert_eq!(meaningful_chars("无。"), 1);
        assert_eq!(meaningful_chars(" 已 完成 , "), 3);
        assert_eq!(meaningful_chars("（一）原因：离职。"), 5);
    }
}
