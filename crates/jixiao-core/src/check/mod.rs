//! The review-check catalogue: a registry of rules, one file per rule under `rules/`.
//!
//! Each rule has a stable code (`JX###`, grouped by area), a default severity, Chinese title and
//! documentation, and a `check` function that looks at one form (with its evaluation) and pushes
//! findings that point at the cell concerned. `jixiao rules`, `jixiao rule JX###` and `docs/rules/`
//! are generated from [`registry`].

pub mod config;
pub mod docs;
pub(crate) mod quick;
pub mod rules;
pub(crate) mod words;

use crate::model::{Form, Indicator, Pos};
use crate::normalise;
use crate::profile::Profile;
use crate::score::{Evaluation, IndicatorScore, QualBand};
use rules::satisfaction::common::{
    is_satisfaction, is_satisfaction_with, mentions_survey, satisfaction_without_survey,
};
use rules::scoring::common::{
    compact, forward_ratio, grade_of, grade_of_compact, met_but_deducted, note, overshoot,
};
use rules::scoring::{Evidence, Insufficiency, evidence, evidence_of_actual};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::OnceLock;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" | "错误" => Some(Severity::Error),
            "warning" | "warn" | "警告" => Some(Severity::Warning),
            "info" | "提示" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// The area a rule belongs to; the hundreds digit of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// JX0xx: reading the form.
    Reading,
    /// JX1xx: header, funds and goals.
    Funds,
    /// JX2xx: indicator structure and weights.
    Structure,
    /// JX3xx: target quality.
    Targets,
    /// JX4xx: indicator scoring.
    Scoring,
    /// JX5xx: satisfaction.
    Satisfaction,
    /// JX6xx: totals and grades.
    Totals,
    /// JX7xx: consistency between parts of a form.
    Consistency,
    /// JX8xx: across the forms of a batch.
    Batch,
}

impl Area {
    pub fn chinese(self) -> &'static str {
        match self {
            Area::Reading => "读取",
            Area::Funds => "表头与资金",
            Area::Structure => "指标结构",
            Area::Targets => "目标质量",
            Area::Scoring => "评分",
            Area::Satisfaction => "满意度",
            Area::Totals => "总分与等级",
            Area::Consistency => "一致性",
            Area::Batch => "批量比对",
        }
    }
}

/// Everything a rule's documentation says; `docs/rules/JX###.md` is generated from it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMeta {
    /// Stable code, `JX###`.
    pub code: &'static str,
    /// Stable English name, kebab-case.
    pub name: &'static str,
    pub area: Area,
    pub severity: Severity,
    /// Chinese title shown to users.
    pub title: &'static str,
    /// 检查什么.
    pub what: &'static str,
    /// 为什么重要.
    pub why: &'static str,
    /// A bad example (form cells as printed).
    pub bad: &'static str,
    /// A good example.
    pub good: &'static str,
    /// How to fix it (shown with each finding).
    pub fix: &'static str,
    /// The spec rule(s) and sources it rests on (`R47; C10 [V]`).
    pub source: &'static str,
}

/// One finding on one form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The 三级指标 name the finding concerns, or `None` for a form-level finding.
    pub indicator: Option<String>,
    pub fix: &'static str,
    /// Set when a reviewer accepted the finding (with the reason).
    pub accepted: Option<String>,
}

impl Finding {
    /// A finding of `meta` with its default severity.
    pub fn new(meta: &RuleMeta, message: String) -> Self {
        Finding {
            code: meta.code,
            severity: meta.severity,
            message,
            line: None,
            column: None,
            indicator: None,
            fix: meta.fix,
            accepted: None,
        }
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.line = Some(pos.line);
        self.column = Some(pos.column);
        self
    }

    pub fn at_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }

    pub fn indicator(mut self, name: &str) -> Self {
        self.indicator = Some(name.to_string());
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// What a rule sees: the form, its profile and the scores computed for it, and what several
/// rules derive from the same rows (worked out once per form, on first use: see [`RowFacts`]).
pub struct Context<'a> {
    pub form: &'a Form,
    pub profile: &'a Profile,
    pub eval: &'a Evaluation,
    rows: OnceCell<Vec<RowFacts<'a>>>,
    survey: OnceCell<bool>,
    /// [`Context::high_forward_ratio`] of each row (JX404, JX405, JX411 and JX603 ask it), see
    /// [`Context::forward_ratios`].
    forward: OnceCell<Box<[Option<Decimal>]>>,
    /// JX502's condition (JX603 asks it too).
    unsurveyed: OnceCell<Option<(usize, usize, Decimal)>>,
    /// [`Unexplained`] of each row (JX404, JX406 and JX603 ask it).
    unexplained: OnceCell<Box<[Unexplained]>>,
}

/// The conditions of a row that its 偏差原因 should explain, for a row without one (`None`
/// both for a row with a note): JX404 reports the overshoots, JX406 the met rows that lost
/// points, JX603 counts both.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Unexplained {
    /// [`overshoot`]: the forward ratio at or above the overshoot threshold.
    pub overshoot: Option<Decimal>,
    /// [`met_but_deducted`]: `(w, s)` of a met row that lost points.
    pub deducted: Option<(Decimal, Decimal)>,
}

/// What several rules ask of one indicator row, computed once per form instead of once per rule.
pub(crate) struct RowFacts<'a> {
    /// [`Indicator::is_placeholder`].
    pub placeholder: bool,
    /// The name as a label key ([`normalise::canonical_label`]), for word matching.
    pub name_key: Cow<'a, str>,
    /// [`normalise::level2_category`] of the 二级指标.
    pub level2: Option<&'static str>,
    /// The A.5 grade word the 实际完成值 is, if it is one.
    pub grade: Option<QualBand>,
    /// How the 实际完成值 evidences the row (JX408).
    pub evidence: Evidence,
    /// A 满意度 indicator (level-1 满意度, or a 满意度 二级 under 效益).
    pub satisfaction: bool,
    /// The 实际完成值 is blank or a null marker ([`normalise::is_null_marker`]).
    pub actual_blank: bool,
    /// A real row (no placeholder) with a 年度指标值 that is not blank.
    pub real_target: bool,
    /// A cost row (see [`is_cost_with`]).
    pub cost: bool,
}

impl<'a> RowFacts<'a> {
    /// The facts of one row; `level2` is the row's [`normalise::level2_category`] and
    /// `cost_label` whether its 二级 label is a cost label ([`is_cost_label`]) (rows of a group
    /// repeat their 二级 label: the caller works both out once per distinct label).
    fn of(ind: &'a Indicator, level2: Option<&'static str>, cost_label: bool) -> Self {
        let placeholder = ind.is_placeholder();
        let actual_blank = ind
            .actual
            .as_ref()
            .is_none_or(|a| normalise::is_null_marker(&a.text));
        // The 实际完成值 folded once, for its grade word and its evidence class (a text that
        // cannot be a grade word, a mark or a number answers both as it is).
        let qualitative_target = ind
            .target
            .as_ref()
            .is_some_and(|t| t.comparator == crate::model::Comparator::Qualitative);
        let compacted = ind.actual.as_ref().map(|a| {
            // An actual opening with a digit is no grade word and no mark; compacted, it is only
            // parsed as a bare number (without a unit) or a bare percentage (for a qualitative
            // target).
            let parsed =
                !quick::starts_with_digit(&a.text) || a.unit.is_none() || qualitative_target;
            if quick::may_be_grade_mark_or_number(&a.text) && parsed {
                compact(&a.text)
            } else {
                Cow::Borrowed(a.text.as_str())
            }
        });
        let grade = compacted.as_deref().and_then(grade_of_compact);
        let evidence = if placeholder {
            Evidence::NotApplicable
        } else {
            match (&ind.actual, &compacted) {
                (Some(a), Some(c)) if !actual_blank => evidence_of_actual(ind, a, c, grade),
                _ => Evidence::Insufficient(Insufficiency::Blank),
            }
        };
        RowFacts {
            placeholder,
            name_key: quick::label_key(&ind.name.value),
            level2,
            grade,
            evidence,
            satisfaction: is_satisfaction_with(ind, level2),
            actual_blank,
            real_target: !placeholder && ind.target.as_ref().is_some_and(has_target_text),
            cost: ind.level1_category == Some(crate::model::Level1::Cost) || cost_label,
        }
    }

    /// The facts of every row of a form, in row order.
    fn of_rows(rows: &'a [Indicator]) -> Vec<Self> {
        let mut out = Vec::with_capacity(rows.len());
        // The form's distinct 二级 labels so far (a handful), their categories and whether
        // they are cost labels.
        let mut seen: Vec<(&str, Option<&'static str>, bool)> = Vec::with_capacity(16);
        for ind in rows {
            let (level2, cost_label) = ind.level2.as_ref().map_or((None, false), |l| {
                if let Some(&(_, cat, cost)) = seen.iter().rev().find(|s| s.0 == l.value) {
                    return (cat, cost);
                }
                let cat = normalise::level2_category(&l.value);
                let cost = is_cost_label(&l.value, cat);
                if seen.len() < 32 {
                    seen.push((&l.value, cat, cost));
                }
                (cat, cost)
            });
            out.push(RowFacts::of(ind, level2, cost_label));
        }
        out
    }
}

impl<'a> Context<'a> {
    pub fn new(form: &'a Form, profile: &'a Profile, eval: &'a Evaluation) -> Self {
        Context {
            form,
            profile,
            eval,
            rows: OnceCell::new(),
            survey: OnceCell::new(),
            forward: OnceCell::new(),
            unsurveyed: OnceCell::new(),
            unexplained: OnceCell::new(),
        }
    }

    /// [`Unexplained`] of every row of this form, in row order, worked out once.
    pub(crate) fn unexplained(&self) -> &[Unexplained] {
        self.unexplained.get_or_init(|| {
            self.form
                .indicators
                .iter()
                .zip(&self.eval.indicators)
                .map(|(ind, sc)| {
                    if note(ind).is_some() {
                        return Unexplained::default();
                    }
                    Unexplained {
                        overshoot: overshoot(self, ind, sc),
                        deducted: met_but_deducted(self, ind, sc),
                    }
                })
                .collect()
        })
    }

    /// Differences within the profile's tolerance are not findings.
    pub fn differs(&self, a: Decimal, b: Decimal) -> bool {
        (a - b).abs() > self.profile.tolerance
    }

    /// The index of a row of this form (`None` for an indicator of another form). Inlined, as
    /// the per-row fact accessors below are: rules ask them of every row, several times each,
    /// and a call costs more than the lookup.
    #[inline]
    fn row_index(&self, ind: &Indicator) -> Option<usize> {
        let rows = &self.form.indicators;
        let offset = (ind as *const Indicator as usize).checked_sub(rows.as_ptr() as usize)?;
        let i = offset / std::mem::size_of::<Indicator>().max(1);
        rows.get(i)
            .is_some_and(|r| std::ptr::eq(r, ind))
            .then_some(i)
    }

    /// The facts of every row of this form.
    #[inline]
    pub(crate) fn all_facts(&self) -> &[RowFacts<'a>] {
        self.rows
            .get_or_init(|| RowFacts::of_rows(&self.form.indicators))
    }

    /// The facts of a row of this form (`None` for an indicator of another form).
    #[inline]
    fn facts(&self, ind: &Indicator) -> Option<&RowFacts<'a>> {
        let i = self.row_index(ind)?;
        self.all_facts().get(i)
    }

    /// [`forward_ratio`] of a row and its score when it may reach the lower of the profile's
    /// overshoot and too-low thresholds (the only thresholds it is compared with), worked out
    /// once per row of this form; `None` for a row whose completion percentage, as
    /// [`crate::score`] computed it, shows the ratio below both.
    #[inline]
    pub(crate) fn high_forward_ratio(
        &self,
        ind: &Indicator,
        sc: &IndicatorScore,
    ) -> Option<Decimal> {
        let Some(i) = self.row_index(ind).filter(|&i| {
            self.eval
                .indicators
                .get(i)
                .is_some_and(|s| std::ptr::eq(s, sc))
        }) else {
            return forward_ratio(ind, sc);
        };
        match self.forward_ratios().get(i) {
            Some(ratio) => *ratio,
            None => forward_ratio(ind, sc),
        }
    }

    /// [`Context::high_forward_ratio`] of every row of this form, in row order, worked out for
    /// all rows at once on first use (between them, the rules ask it of nearly every row).
    fn forward_ratios(&self) -> &[Option<Decimal>] {
        self.forward.get_or_init(|| {
            let limit = pct_limit(self.profile);
            let rows = self.form.indicators.iter().zip(&self.eval.indicators);
            rows.map(|(ind, sc)| {
                if ratio_below_limit(self.profile, sc, limit) {
                    None
                } else {
                    forward_ratio(ind, sc)
                }
            })
            .collect()
        })
    }

    /// [`Indicator::is_placeholder`], worked out once per row.
    #[inline]
    pub fn is_placeholder(&self, ind: &Indicator) -> bool {
        self.facts(ind)
            .map_or_else(|| ind.is_placeholder(), |f| f.placeholder)
    }

    /// The row's name as a label key ([`normalise::canonical_label`]).
    pub fn name_key<'s>(&'s self, ind: &'s Indicator) -> Cow<'s, str> {
        match self.facts(ind) {
            Some(f) => Cow::Borrowed(f.name_key.as_ref()),
            None => normalise::canonical_label_cow(&ind.name.value),
        }
    }

    /// [`normalise::level2_category`] of the row's 二级指标.
    #[inline]
    pub fn level2_category(&self, ind: &Indicator) -> Option<&'static str> {
        match self.facts(ind) {
            Some(f) => f.level2,
            None => ind
                .level2
                .as_ref()
                .and_then(|l| normalise::level2_category(&l.value)),
        }
    }

    /// The A.5 grade word the row's 实际完成值 is, if it is one.
    #[inline]
    pub fn grade(&self, ind: &Indicator) -> Option<QualBand> {
        match self.facts(ind) {
            Some(f) => f.grade,
            None => ind.actual.as_ref().and_then(|a| grade_of(&a.text)),
        }
    }

    /// How the row's 实际完成值 evidences it (JX408).
    #[inline]
    pub fn evidence(&self, ind: &Indicator) -> Evidence {
        self.facts(ind)
            .map_or_else(|| evidence(ind), |f| f.evidence)
    }

    /// A 满意度 indicator (see [`is_satisfaction`]).
    #[inline]
    pub(crate) fn is_satisfaction(&self, ind: &Indicator) -> bool {
        self.facts(ind)
            .map_or_else(|| is_satisfaction(ind), |f| f.satisfaction)
    }

    /// The row's 实际完成值 is blank or a null marker.
    #[inline]
    pub(crate) fn actual_blank(&self, ind: &Indicator) -> bool {
        self.facts(ind).map_or_else(
            || {
                ind.actual
                    .as_ref()
                    .is_none_or(|a| normalise::is_null_marker(&a.text))
            },
            |f| f.actual_blank,
        )
    }

    /// A cost row (see [`is_cost_with`]).
    #[inline]
    pub(crate) fn is_cost(&self, ind: &Indicator) -> bool {
        match self.facts(ind) {
            Some(f) => f.cost,
            None => is_cost_with(ind, self.level2_category(ind)),
        }
    }

    /// The row is no placeholder and its 年度指标值 is not blank.
    #[inline]
    pub(crate) fn has_real_target(&self, ind: &Indicator) -> bool {
        self.facts(ind).map_or_else(
            || !ind.is_placeholder() && ind.target.as_ref().is_some_and(has_target_text),
            |f| f.real_target,
        )
    }

    /// Some text of the form mentions a survey (JX502, JX603).
    pub fn mentions_survey(&self) -> bool {
        *self.survey.get_or_init(|| mentions_survey(self.form))
    }

    /// [`satisfaction_without_survey`], worked out once per form (JX502 and JX603 ask it).
    pub(crate) fn unsurveyed_satisfaction(&self) -> Option<(&'a Indicator, usize, Decimal)> {
        let form: &'a Form = self.form;
        self.unsurveyed
            .get_or_init(|| {
                satisfaction_without_survey(self).map(|(first, rows, points)| {
                    let i = self.row_index(first).unwrap_or_default();
                    (i, rows, points)
                })
            })
            .and_then(|(i, rows, points)| form.indicators.get(i).map(|f| (f, rows, points)))
    }
}

/// The completion percentage below which a row's forward ratio is below both the overshoot and
/// the too-low thresholds: `100·min(θ) − 0.02` (`None`-like `Decimal::MIN` when it cannot be
/// worked out, so that no row is settled by it).
fn pct_limit(profile: &Profile) -> Decimal {
    let theta = profile
        .overshoot_threshold
        .min(profile.target_too_low_threshold);
    theta
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_sub(Decimal::new(2, 2)))
        .unwrap_or(Decimal::MIN)
}

/// Whether the score's completion percentage settles that the row's [`forward_ratio`] `r` is
/// below `limit / 100 + 0.0002` (the thresholds, see [`pct_limit`]): for a row scored forward
/// (≥, >, or = read as ≥), `score` put `round2(100·a·f/t)` — the same actual, unit factor
/// and target, the actual perhaps raised from below 0 to 0 — in `completion_pct`, within 0.01
/// of `100·r` (or above it, for a negative actual), so `pct < limit` gives `100·r < limit +
/// 0.02`.
fn ratio_below_limit(profile: &Profile, sc: &IndicatorScore, limit: Decimal) -> bool {
    use crate::model::Comparator;
    use crate::score::ScoreMethod;
    let forward = match sc.effective_comparator {
        Some(Comparator::AtLeast | Comparator::Greater) => true,
        Some(Comparator::Equal) => profile.equal_rule == crate::profile::EqualRule::AtLeast,
        _ => false,
    };
    forward
        && matches!(sc.method, ScoreMethod::Met | ScoreMethod::Proportional)
        && sc.completion_pct.is_some_and(|p| p < limit)
}

/// A cost row: the 成本 level-1, or a 成本 level-2 (成本 / 经济成本 / 社会成本 / 生态环境成本),
/// as `score` reads it for the implicit comparator; `level2` is the row's
/// [`normalise::level2_category`].
fn is_cost_with(ind: &Indicator, level2: Option<&str>) -> bool {
    ind.level1_category == Some(crate::model::Level1::Cost)
        || ind
            .level2
            .as_ref()
            .is_some_and(|l| is_cost_label(&l.value, level2))
}

/// A 二级 label of a cost row ([`is_cost_with`]): a cost category, or a label holding 成本;
/// `level2` is its [`normalise::level2_category`].
fn is_cost_label(label: &str, level2: Option<&str>) -> bool {
    level2.is_some_and(|c| c.ends_with("cost")) || normalise::contains_in_short(label, "成本")
}

/// A 年度指标值 that is not blank (`trim().is_empty()`: looked at from the start only, where
/// the first character that is no blank settles it).
fn has_target_text(t: &crate::model::Target) -> bool {
    !t.text.trim_start().is_empty()
}

/// One form of a batch, as batch rules see it.
pub struct BatchItem<'a> {
    pub form: &'a Form,
    pub eval: &'a Evaluation,
    /// The form's profile; a rule comparing a group of forms uses the first form's thresholds.
    pub profile: &'a Profile,
}

/// One review rule. Form rules implement `check`; batch (cross-form) rules implement
/// `check_batch`, which sees every form checked together and reports findings by form index.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, _cx: &Context, _out: &mut Vec<Finding>) {}
    fn check_batch(&self, _batch: &[BatchItem], _out: &mut Vec<(usize, Finding)>) {}
}

/// Every rule, in code order.
pub fn registry() -> &'static [&'static dyn Rule] {
    static ALL: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static dyn Rule> = rules::AREAS
            .iter()
            .flat_map(|a| a.iter().copied())
            .collect();
        all.sort_by_key(|r| r.meta().code);
        all
    })
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    registry()
        .iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(code))
}

/// Run every rule on one form; findings sorted by line, then code.
pub fn check_form(form: &Form, profile: &Profile, eval: &Evaluation) -> Vec<Finding> {
    let cx = Context::new(form, profile, eval);
    let mut out = Vec::new();
    for r in registry() {
        r.check(&cx, &mut out);
    }
    out.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    out
}

/// Run one form rule on one form (for the rules' unit tests).
#[cfg(test)]
pub(crate) fn run_rule(rule: &dyn Rule, form: &Form, profile: &Profile) -> Vec<Finding> {
    let eval = crate::score::evaluate(profile, form);
    let cx = Context::new(form, profile, &eval);
    let mut out = Vec::new();
    rule.check(&cx, &mut out);
    out
}

/// Run every batch rule over forms checked together; findings come back with their form's index.
pub fn check_batch(items: &[BatchItem]) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    if items.len() < 2 {
        return out;
    }
    for r in registry() {
        r.check_batch(items, &mut out);
    }
    out
}

/// Every form of the repository's text fixtures (the seed, the samples, the family and rule
/// fixtures), for tests that compare a fast path with the straightforward computation.
#[cfg(test)]
pub(crate) fn fixture_forms() -> Vec<Form> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "txt") {
                out.push(p);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("../../tests/fixtures"), &mut files);
    walk(&root.join("tests/fixtures"), &mut files);
    let options = crate::read::ReadOptions::default();
    let forms: Vec<Form> = files
        .iter()
        .filter_map(|p| Some((p.to_string_lossy().into_owned(), std::fs::read(p).ok()?)))
        .flat_map(|(path, bytes)| crate::read::read_bytes(&path, &bytes, &options))
        .collect();
    assert!(
        forms.len() > 50,
        "fixtures not found: {} forms",
        forms.len()
    );
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls `f` with every fixture form, its profile, its evaluation and its check context.
    fn each_fixture_context(mut f: impl FnMut(&Form, &Profile, &Evaluation, &Context)) {
        for form in fixture_forms() {
            let profile = crate::pipeline::profile_for(&form);
            let eval = crate::score::evaluate(profile, &form);
            let cx = Context::new(&form, profile, &eval);
            f(&form, profile, &eval, &cx);
        }
    }

    #[test]
    fn row_facts_are_the_straightforward_answers() {
        let mut rows = 0;
        each_fixture_context(|form, _, _, cx| {
            for (ind, f) in form.indicators.iter().zip(cx.all_facts()) {
                rows += 1;
                let at = format!("{}:{}", form.source.path, ind.line);
                assert_eq!(f.placeholder, ind.is_placeholder(), "{at}");
                assert_eq!(
                    f.name_key,
                    normalise::canonical_label_cow(&ind.name.value),
                    "{at}"
                );
                let level2 = ind
                    .level2
                    .as_ref()
                    .and_then(|l| normalise::level2_category(&l.value));
                assert_eq!(f.level2, level2, "{at}");
                let grade = ind.actual.as_ref().and_then(|a| grade_of(&a.text));
                assert_eq!(f.grade, grade, "{at}");
                assert_eq!(f.evidence, evidence(ind), "{at}");
                assert_eq!(f.satisfaction, is_satisfaction(ind), "{at}");
                let blank = ind
                    .actual
                    .as_ref()
                    .is_none_or(|a| normalise::is_null_marker(&a.text));
                assert_eq!(f.actual_blank, blank, "{at}");
                let real = !ind.is_placeholder()
                    && ind
                        .target
                        .as_ref()
                        .is_some_and(|t| !t.text.trim().is_empty());
                assert_eq!(f.real_target, real, "{at}");
                let cost = ind.level1_category == Some(crate::model::Level1::Cost)
                    || ind.level2.as_ref().is_some_and(|l| {
                        level2.is_some_and(|c| c.ends_with("cost")) || l.value.contains("成本")
                    });
                assert_eq!(f.cost, cost, "{at}");
            }
        });
        assert!(rows > 500, "{rows} rows");
    }

    #[test]
    fn unexplained_rows_are_the_straightforward_answers() {
        let mut flagged = 0;
        each_fixture_context(|form, profile, eval, cx| {
            let rows = cx.unexplained();
            assert_eq!(rows.len(), form.indicators.len());
            for ((ind, sc), u) in form.indicators.iter().zip(&eval.indicators).zip(rows) {
                let plain = Context::new(form, profile, eval);
                let want = if note(ind).is_some() {
                    Unexplained::default()
                } else {
                    Unexplained {
                        overshoot: forward_ratio(ind, sc)
                            .filter(|r| *r >= profile.overshoot_threshold),
                        deducted: met_but_deducted(&plain, ind, sc),
                    }
                };
                assert_eq!(*u, want, "{}:{}", form.source.path, ind.line);
                flagged += usize::from(*u != Unexplained::default());
            }
        });
        assert!(flagged > 0);
    }

    /// `high_forward_ratio` answers every threshold comparison as `forward_ratio` does.
    fn assert_high_ratio_agrees(form: &Form, profile: &Profile) -> usize {
        let eval = crate::score::evaluate(profile, form);
        let cx = Context::new(form, profile, &eval);
        let mut settled = 0;
        for (ind, sc) in form.indicators.iter().zip(&eval.indicators) {
            let limit = pct_limit(profile);
            settled += usize::from(ratio_below_limit(profile, sc, limit));
            for theta in [
                profile.overshoot_threshold,
                profile.target_too_low_threshold,
            ] {
                assert_eq!(
                    cx.high_forward_ratio(ind, sc).filter(|r| *r >= theta),
                    forward_ratio(ind, sc).filter(|r| *r >= theta),
                    "{} line {} under {}",
                    form.source.path,
                    ind.line,
                    profile.name
                );
            }
        }
        settled
    }

    #[test]
    fn high_forward_ratio_is_the_forward_ratio_above_the_thresholds() {
        use crate::check::rules::scoring::common::testkit::{form, row};
        use crate::model::Level1::Output;
        let mut settled = 0;
        for f in fixture_forms() {
            settled += assert_high_ratio_agrees(&f, crate::pipeline::profile_for(&f));
        }
        assert!(settled > 100, "{settled} rows settled");
        // Actuals either side of every threshold, in the target's unit and converted.
        let mut profiles = crate::profile::all();
        profiles.push(Profile {
            equal_rule: crate::profile::EqualRule::Exact,
            ..Profile::central_2020()
        });
        for profile in &profiles {
            let mut rows = Vec::new();
            for step in 0..=80 {
                let a = Decimal::new(11_000 + 100 * step, 2); // 110.00 … 190.00
                for (target, actual) in [
                    ("≥100个", format!("{a}个")),
                    (">100个", format!("{a}个")),
                    ("=100个", format!("{a}个")),
                    ("100", format!("{a}")),
                    ("≥1万元", format!("{}元", a * Decimal::new(100, 0))),
                    ("≥100%", format!("{a}%")),
                    ("≥-5个", format!("{a}个")),
                ] {
                    rows.push(row(Output, "数量", target, Some(&actual), "10", "10"));
                    rows.push(row(Output, "数量", target, Some(&actual), "10", "7"));
                }
                let near = Decimal::new(11_990 + step, 2); // 119.90 … 120.70
                rows.push(row(
                    Output,
                    "数量",
                    "≥100个",
                    Some(&format!("{near}个")),
                    "10",
                    "9",
                ));
                rows.push(row(
                    Output,
                    "数量",
                    "≥0.3",
                    Some(&format!(
                        "{}",
                        near / Decimal::new(1000, 0) * Decimal::new(3, 0)
                    )),
                    "10",
                    "10",
                ));
            }
            assert_high_ratio_agrees(&form("100", "100", rows), profile);
        }
    }

    #[test]
    fn codes_are_unique_sorted_and_match_their_area() {
        for area in rules::AREAS {
            for w in area.windows(2) {
                assert!(
                    w[0].meta().code < w[1].meta().code,
                    "{} listed before {}",
                    w[0].meta().code,
                    w[1].meta().code
                );
            }
        }
        let metas: Vec<&RuleMeta> = registry().iter().map(|r| r.meta()).collect();
        for w in metas.windows(2) {
            assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
        }
        for m in metas {
            assert!(m.code.starts_with("JX") && m.code.len() == 5, "{}", m.code);
            let digit = m.code.as_bytes()[2];
            let expected = match m.area {
                Area::Reading => b'0',
                Area::Funds => b'1',
                Area::Structure => b'2',
                Area::Targets => b'3',
                Area::Scoring => b'4',
                Area::Satisfaction => b'5',
                Area::Totals => b'6',
                Area::Consistency => b'7',
                Area::Batch => b'8',
            };
            assert_eq!(digit, expected, "{} is in the wrong area", m.code);
            assert!(!m.title.is_empty() && !m.what.is_empty() && !m.fix.is_empty());
        }
    }
}
