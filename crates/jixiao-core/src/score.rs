//! Scoring: the execution score, each indicator's rule score, totals and grade (spec §A).
//!
//! Pure functions over the model; nothing here mutates a [`Form`]. Every number is an exact
//! `Decimal`, every operation is checked (a value that would overflow makes the result
//! "not computable", never a panic), and rounding happens only at the points the profile names
//! (A.7: percentages to 2 d.p., then scores).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::model::{Comparator, Form, FormStatus, Indicator, Level1};
use crate::normalise;
use crate::profile::{
    EqualRule, ExecBudget, ExecFormula, NaHandling, Profile, ReverseRule, Rounding, ZeroBudget,
};

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// `x` rounded to 2 decimals, half-up (away from zero), the spec's `round2`.
pub fn round2(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn strategy(rounding: Rounding) -> RoundingStrategy {
    match rounding {
        Rounding::TwoStageHalfUp | Rounding::SingleStageHalfUp => {
            RoundingStrategy::MidpointAwayFromZero
        }
        Rounding::Truncate => RoundingStrategy::ToZero,
    }
}

/// A percentage rounded the profile's way (always 2 decimals).
pub fn round_pct(profile: &Profile, x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, strategy(profile.rounding))
}

/// A score rounded the profile's way (`profile.score_decimals`, 2 by default).
pub fn round_score(profile: &Profile, x: Decimal) -> Decimal {
    x.round_dp_with_strategy(profile.score_decimals, strategy(profile.rounding))
}

/// `num / den` as a percentage and the matching share of `w`, rounded per the profile:
/// two-stage `pct = round(100·num/den)`, `s = round(pct·w/100)`; single-stage `s = round(w·num/den)`.
/// `None` on a zero denominator or overflow.
fn scale(profile: &Profile, num: Decimal, den: Decimal, w: Decimal) -> Option<(Decimal, Decimal)> {
    let pct = pct_of(profile, num, den)?;
    let raw = match profile.rounding {
        Rounding::TwoStageHalfUp | Rounding::Truncate => {
            pct.checked_mul(w)?.checked_div(HUNDRED)?
        }
        Rounding::SingleStageHalfUp => w.checked_mul(num)?.checked_div(den)?,
    };
    Some((pct, round_score(profile, raw)))
}

/// The percentage of [`scale`] alone, for a met row whose score is the full weight anyway.
/// `None` unless the values are small enough that `scale` is sure to compute its score too
/// (`t > 0`, `|a|` and the percentage below 10¹⁵, `|w|` below 10¹²: every product `scale` forms
/// stays below 10²⁷, far inside `Decimal`'s range), so that `scale` would have answered `Some`
/// with this same percentage.
fn met_pct(profile: &Profile, a: Decimal, t: Decimal, w: Decimal) -> Option<Decimal> {
    if !(is_positive(t) && below_pow10(a, 15) && below_pow10(w, 12)) {
        return None;
    }
    let pct = pct_of(profile, a, t)?;
    below_pow10(pct, 15).then_some(pct)
}

/// `round_pct(100·num/den)`, the percentage of [`scale`] and [`met_pct`]; `None` on a zero
/// denominator or overflow. Small positive values are worked out in integers
/// ([`pct_in_integers`]): a `Decimal` division with its rounding costs some 400 instructions.
fn pct_of(profile: &Profile, num: Decimal, den: Decimal) -> Option<Decimal> {
    pct_in_integers(profile.rounding, num, den).or_else(|| pct_by_decimal(profile, num, den))
}

/// [`pct_of`] by `Decimal` arithmetic, for every value.
fn pct_by_decimal(profile: &Profile, num: Decimal, den: Decimal) -> Option<Decimal> {
    Some(round_pct(
        profile,
        num.checked_mul(HUNDRED)?.checked_div(den)?,
    ))
}

/// [`pct_by_decimal`] for `num > 0` and `den > 0` with mantissas below 10¹⁵, `den`'s scale at
/// most 10, `num`'s at most 2 more than `den`'s, and a percentage below 10¹⁰: the same
/// `Decimal` (value and scale) where it is sure, `None` otherwise.
///
/// `Decimal` divides the mantissa of `100·num` by that of `den`, at scale `e₀ = scale(num) −
/// scale(den)`. Without a remainder it keeps that scale (a negative one raised to 0): so does
/// this. With one it carries on to an exact quotient or to 28 digits and trims zeros, and the
/// scale it ends with depends on how it trims: a quotient exact at 2 decimals is left to it.
/// The others have more than 2 decimals, which rounding to 2 brings to exactly 2: the quotient
/// at scale 2 rounded by its remainder. Rounding to 28 digits first changes nothing: with the
/// percentage below 10¹⁰ it moves the quotient by less than 10⁻¹⁶ (in hundredths), and a quotient
/// `q + r/den` with `0 < r < den < 10¹⁵` is at least `1/(2·den)` from every point where rounding
/// to 2 decimals changes (`r/den = 1/2` exactly is representable, and rounded the same way).
fn pct_in_integers(rounding: Rounding, num: Decimal, den: Decimal) -> Option<Decimal> {
    const LIMIT: u128 = 1_000_000_000_000_000; // 10¹⁵
    if num.is_sign_negative() || den.is_sign_negative() || num.is_zero() || den.is_zero() {
        return None;
    }
    let (m_num, m_den) = (num.mantissa().unsigned_abs(), den.mantissa().unsigned_abs());
    if m_num >= LIMIT || m_den >= LIMIT || den.scale() > 10 {
        return None;
    }
    let e0 = i64::from(num.scale()) - i64::from(den.scale());
    if e0 > 2 {
        return None;
    }
    let hundred_num = m_num * 100;
    if hundred_num % m_den == 0 {
        let q = hundred_num / m_den;
        return if e0 >= 0 {
            Decimal::try_from_i128_with_scale(i128::try_from(q).ok()?, u32::try_from(e0).ok()?).ok()
        } else {
            let raised = q.checked_mul(10u128.checked_pow(u32::try_from(-e0).ok()?)?)?;
            Decimal::try_from_i128_with_scale(i128::try_from(raised).ok()?, 0).ok()
        };
    }
    // At scale 2: at most 10¹⁷·10¹² (`e₀ ≥ −10`).
    let at_two = hundred_num.checked_mul(10u128.checked_pow(u32::try_from(2 - e0).ok()?)?)?;
    let (q, r) = (at_two / m_den, at_two % m_den);
    if r == 0 || q >= 1_000_000_000_000 {
        return None; // exact at 2 decimals, or a percentage of 10¹⁰ or more
    }
    let up = match rounding {
        Rounding::TwoStageHalfUp | Rounding::SingleStageHalfUp => 2 * r >= m_den,
        Rounding::Truncate => false,
    };
    Decimal::try_from_i128_with_scale(i128::try_from(q + u128::from(up)).ok()?, 2).ok()
}

/// `x > 0`, from the sign and the mantissa (a `Decimal` comparison aligns scales first).
fn is_positive(x: Decimal) -> bool {
    !x.is_sign_negative() && !x.is_zero()
}

/// `|x| < 10^digits` for `digits` ≤ 28, from the mantissa and the scale: `|m| < 10^(digits +
/// scale)`, always true once that power exceeds every mantissa (2⁹⁶ < 10²⁹).
fn below_pow10(x: Decimal, digits: u32) -> bool {
    const POW10: [u128; 29] = {
        let mut p = [1u128; 29];
        let mut i = 1;
        while i < 29 {
            p[i] = p[i - 1] * 10;
            i += 1;
        }
        p
    };
    let exp = (digits + x.scale()) as usize;
    POW10
        .get(exp)
        .is_none_or(|&p| x.mantissa().unsigned_abs() < p)
}

// ---------------------------------------------------------------------------------------------
// Budget execution (A.3)

/// Why an execution score could not be derived as usual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecProblem {
    /// 全年预算数 is 0 (R07): the rate is undefined; the profile's `zero_budget` decides the score.
    ZeroBudget,
    /// 全年预算数 was not read.
    MissingBudget,
    /// 全年执行数 was not read.
    MissingExecuted,
    /// A negative amount (R02).
    Negative,
    /// No 年度资金总额 row was read.
    NoTotalRow,
    /// The amounts are too large to compute with.
    Overflow,
}

impl ExecProblem {
    /// Chinese text for messages.
    pub fn message(self) -> &'static str {
        match self {
            ExecProblem::ZeroBudget => "全年预算数为0，执行率无法计算",
            ExecProblem::MissingBudget => "缺少全年预算数",
            ExecProblem::MissingExecuted => "缺少全年执行数",
            ExecProblem::Negative => "预算数或执行数为负数",
            ExecProblem::NoTotalRow => "未读到年度资金总额行",
            ExecProblem::Overflow => "金额过大，无法计算",
        }
    }
}

/// The recomputed 执行率 and execution score.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ExecOutcome {
    /// `round2(100·E/B)`, percent.
    pub rate: Option<Decimal>,
    /// The execution score under the profile.
    pub score: Option<Decimal>,
    /// The weight used: the 分值 printed on the row, else the profile's `exec_weight`.
    pub weight: Decimal,
    pub problem: Option<ExecProblem>,
}

impl ExecOutcome {
    fn problem(weight: Decimal, problem: ExecProblem) -> Self {
        ExecOutcome {
            rate: None,
            score: None,
            weight,
            problem: Some(problem),
        }
    }
}

/// Execution score from a rate, given as the fraction `num/den` (A.3 and its regional variants).
fn exec_score(
    profile: &Profile,
    num: Decimal,
    den: Decimal,
    w: Decimal,
) -> Option<(Decimal, Decimal)> {
    let (rate, linear) = scale(profile, num, den, w)?;
    let score = match &profile.exec_formula {
        ExecFormula::Linear { cap: true } => linear.min(w),
        ExecFormula::Linear { cap: false } => linear,
        ExecFormula::Bands(bands) => bands
            .iter()
            .filter(|(min, _)| rate >= *min)
            .max_by_key(|(min, _)| *min)
            .map_or(Decimal::ZERO, |(_, s)| *s),
    };
    Some((rate, score.max(Decimal::ZERO)))
}

/// A.3 with the profile's execution weight: `B` = 全年预算数, `E` = 全年执行数.
pub fn execution(
    profile: &Profile,
    adjusted_budget: Option<Decimal>,
    executed: Option<Decimal>,
) -> ExecOutcome {
    execution_weighted(profile, adjusted_budget, executed, profile.exec_weight)
}

/// A.3 with an explicit execution weight `w`.
pub fn execution_weighted(
    profile: &Profile,
    adjusted_budget: Option<Decimal>,
    executed: Option<Decimal>,
    w: Decimal,
) -> ExecOutcome {
    let Some(b) = adjusted_budget else {
        return ExecOutcome::problem(w, ExecProblem::MissingBudget);
    };
    let Some(e) = executed else {
        return ExecOutcome::problem(w, ExecProblem::MissingExecuted);
    };
    if b < Decimal::ZERO || e < Decimal::ZERO {
        return ExecOutcome::problem(w, ExecProblem::Negative);
    }
    if b.is_zero() {
        let scored = |rate: Decimal, score: Option<Decimal>| ExecOutcome {
            rate: Some(rate),
            score,
            weight: w,
            problem: Some(ExecProblem::ZeroBudget),
        };
        return match profile.zero_budget {
            ZeroBudget::NotScored => ExecOutcome::problem(w, ExecProblem::ZeroBudget),
            ZeroBudget::ScoreZero => scored(Decimal::ZERO, Some(Decimal::ZERO)),
            ZeroBudget::FullIfExecuted if e.is_zero() => scored(Decimal::ZERO, Some(Decimal::ZERO)),
            ZeroBudget::FullIfExecuted => {
                match exec_score(profile, Decimal::ONE, Decimal::ONE, w) {
                    Some((rate, score)) => scored(rate, Some(score)),
                    None => ExecOutcome::problem(w, ExecProblem::Overflow),
                }
            }
        };
    }
    match exec_score(profile, e, b, w) {
        Some((rate, score)) => ExecOutcome {
            rate: Some(rate),
            score: Some(score),
            weight: w,
            problem: None,
        },
        None => ExecOutcome::problem(w, ExecProblem::Overflow),
    }
}

/// The execution weight of a form: the 分值 printed on the 年度资金总额 row, else the profile's.
pub fn exec_weight_of(profile: &Profile, form: &Form) -> Decimal {
    form.funds
        .total_row()
        .and_then(|r| r.weight.as_ref())
        .map(|w| w.value)
        .filter(|w| *w >= Decimal::ZERO)
        .unwrap_or(profile.exec_weight)
}

/// A.3 on the form's 年度资金总额 row (never on the 其中 rows: T14).
pub fn execution_of(profile: &Profile, form: &Form) -> ExecOutcome {
    let w = exec_weight_of(profile, form);
    match form.funds.total_row() {
        None => ExecOutcome::problem(w, ExecProblem::NoTotalRow),
        Some(row) => execution_weighted(
            profile,
            exec_budget_of(profile, row),
            row.executed.as_ref().map(|v| v.value),
            w,
        ),
    }
}

/// The amount a funds row's execution rate divides by, under `profile.exec_budget`.
pub fn exec_budget_of(profile: &Profile, row: &crate::model::FundsRow) -> Option<Decimal> {
    let adjusted = row.adjusted_budget.as_ref().map(|v| v.value);
    match profile.exec_budget {
        ExecBudget::Adjusted => adjusted,
        ExecBudget::AdjustedOrInitial => {
            adjusted.or_else(|| row.initial_budget.as_ref().map(|v| v.value))
        }
        ExecBudget::Arrived => row.arrived.as_ref().map(|v| v.value).or(adjusted),
    }
}

// ---------------------------------------------------------------------------------------------
// Indicators (A.4, A.5)

/// Which rule produced an indicator's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreMethod {
    /// Target met: full weight.
    Met,
    /// Forward shortfall (or an uncapped profile): `w × a/t`.
    Proportional,
    /// Reverse overshoot, `1 − (a − t)/t` (C1).
    ReverseLinear,
    /// Reverse overshoot, `t/a` (S7).
    ReverseRatio,
    /// Zero target: binary, full or 0 (C1/C8 "= 0"; INFERRED for the other operators).
    EqualZero,
    /// Qualitative target: the score is the evaluator's judgement (A.5); only its band is checked.
    Qualitative,
    /// Weight 0 or a 无/不适用 placeholder without weight: excluded, scores 0 (A.8).
    VoidZeroWeight,
    /// A rule applies but the inputs do not allow it; see `reason`.
    NotComputable,
}

/// A.5 grade band a printed qualitative score falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum QualBand {
    /// 达成: `round2(0.8w) ≤ s ≤ w`.
    A,
    /// 部分达成: `round2(0.6w) ≤ s < round2(0.8w)`.
    B,
    /// 未达成: `s < round2(0.6w)`.
    C,
}

/// One indicator's recomputation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorScore {
    /// The score the rule gives; `None` when not computable or qualitative.
    pub computed: Option<Decimal>,
    /// Completion percentage: `100·a/t` for forward targets (may exceed 100, used for overshoot
    /// checks); the rule's ratio for a missed reverse target, 100 when it is met.
    pub completion_pct: Option<Decimal>,
    /// Whether the target was met.
    pub met: Option<bool>,
    pub method: ScoreMethod,
    /// The comparator actually applied (a bare number resolved through the profile).
    pub effective_comparator: Option<Comparator>,
    /// Why the rule could not be applied (Chinese), or a note on the rule.
    pub reason: Option<String>,
    /// Band of the printed score (when a printed score and a positive weight exist).
    pub qualitative_band: Option<QualBand>,
    /// 折算得分 recomputed from the printed 单项指标得分 × 权重占比 (河北 weighted forms).
    pub weighted: Option<Decimal>,
    /// 指标得分 recomputed as 指标权重 × 得分系数 (重庆 whole-department forms).
    pub from_coefficient: Option<Decimal>,
}

impl IndicatorScore {
    fn new(method: ScoreMethod) -> Self {
        IndicatorScore {
            computed: None,
            completion_pct: None,
            met: None,
            method,
            effective_comparator: None,
            reason: None,
            qualitative_band: None,
            weighted: None,
            from_coefficient: None,
        }
    }
}

/// The A.5 band edges `(round2(0.8w), round2(0.6w))` under the profile.
pub fn qualitative_band_edges(profile: &Profile, w: Decimal) -> Option<(Decimal, Decimal)> {
    let (a, b) = profile.qualitative_bands;
    Some((round2(w.checked_mul(a)?), round2(w.checked_mul(b)?)))
}

/// The A.5 band of score `s` for weight `w` (`None` for a weight ≤ 0).
pub fn qualitative_band(profile: &Profile, w: Decimal, s: Decimal) -> Option<QualBand> {
    if !is_positive(w) {
        return None;
    }
    if full_marks_band_a(profile, w, s) {
        return Some(QualBand::A);
    }
    band_by_edges(profile, w, s)
}

/// The A.5 band worked out from the edges, always (`None` for a weight ≤ 0).
fn band_by_edges(profile: &Profile, w: Decimal, s: Decimal) -> Option<QualBand> {
    if w <= Decimal::ZERO {
        return None;
    }
    let (a_min, b_min) = qualitative_band_edges(profile, w)?;
    Some(if s >= a_min {
        QualBand::A
    } else if s >= b_min {
        QualBand::B
    } else {
        QualBand::C
    })
}

/// A score of full marks (`s ≥ w`) is in band A without working the edges out, when the A edge
/// is at most `w`: the A coefficient is at most 1 and `w` (positive) has at most two decimals, so
/// `w × a ≤ w` rounds (monotonically, to two decimals) to at most `w` itself, and the product
/// cannot overflow.
fn full_marks_band_a(profile: &Profile, w: Decimal, s: Decimal) -> bool {
    s >= w && w.scale() <= 2 && profile.qualitative_bands.0 <= Decimal::ONE
}

/// A 无/不适用 row, or a row of weight 0: excluded from scoring (A.8).
fn is_void(ind: &Indicator) -> bool {
    match ind.weight.as_ref().map(|w| w.value) {
        Some(w) => w.is_zero(),
        None => ind.is_placeholder(),
    }
}

/// Cost rows: the 成本 level-1, or a 成本 level-2 (经济/社会/生态环境成本 included).
fn is_cost(ind: &Indicator) -> bool {
    ind.level1_category == Some(Level1::Cost)
        || ind.level2.as_ref().is_some_and(|l| {
            normalise::level2_category(&l.value).is_some_and(|c| c.ends_with("cost"))
                || normalise::contains_in_short(&l.value, "成本")
        })
}

/// The factor that converts the actual into the target's unit (`normalise::units_compatible`,
/// through the check stage's memo: a missing unit on either side is read as the other side's
/// unit), or the R28 reason.
fn unit_factor(target: Option<&str>, actual: Option<&str>) -> Result<Decimal, String> {
    normalise::units_compatible(target, actual).ok_or_else(|| {
        format!(
            "单位不一致：目标为{}，实际为{}",
            target.unwrap_or("").trim(),
            actual.unwrap_or("").trim()
        )
    })
}

fn not_computable(reason: impl Into<String>) -> IndicatorScore {
    IndicatorScore {
        reason: Some(reason.into()),
        ..IndicatorScore::new(ScoreMethod::NotComputable)
    }
}

fn overflow() -> IndicatorScore {
    not_computable("数值过大，无法计算")
}

/// Target met: full weight.
fn full(w: Decimal, pct: Option<Decimal>) -> IndicatorScore {
    IndicatorScore {
        computed: Some(w),
        completion_pct: pct,
        met: Some(true),
        ..IndicatorScore::new(ScoreMethod::Met)
    }
}

/// Binary rule for a zero target.
fn zero_target(w: Decimal, met: bool) -> IndicatorScore {
    IndicatorScore {
        computed: Some(if met { w } else { Decimal::ZERO }),
        met: Some(met),
        ..IndicatorScore::new(ScoreMethod::EqualZero)
    }
}

fn cap(profile: &Profile, s: Decimal, w: Decimal) -> Decimal {
    let s = s.max(Decimal::ZERO);
    if profile.caps_scores { s.min(w) } else { s }
}

/// Forward (≥, >) rule: met → w; else `w × a/t` (A.4).
fn forward(profile: &Profile, t: Decimal, a: Decimal, w: Decimal, strict: bool) -> IndicatorScore {
    if t.is_zero() {
        return zero_target(w, if strict { a > t } else { a >= t });
    }
    // Not zero (above): negative by its sign.
    if t.is_sign_negative() {
        return not_computable("目标值为负数，无法按比例计分");
    }
    let met = if strict { a > t } else { a >= t };
    if met
        && profile.caps_scores
        && let Some(pct) = met_pct(profile, a, t, w)
    {
        return full(w, Some(pct));
    }
    let Some((pct, s)) = scale(profile, a, t, w) else {
        return overflow();
    };
    if met && profile.caps_scores {
        return full(w, Some(pct));
    }
    IndicatorScore {
        computed: Some(cap(profile, s, w)),
        completion_pct: Some(pct),
        met: Some(met),
        ..IndicatorScore::new(ScoreMethod::Proportional)
    }
}

/// Reverse (≤, <) rule: met → w; else the profile's reverse ratio (A.4, Q1).
fn reverse(profile: &Profile, t: Decimal, a: Decimal, w: Decimal, strict: bool) -> IndicatorScore {
    if t.is_zero() {
        return zero_target(w, if strict { a < t } else { a <= t });
    }
    if t < Decimal::ZERO {
        return not_computable("目标值为负数，无法按比例计分");
    }
    let met = if strict { a < t } else { a <= t };
    if met {
        return full(w, Some(HUNDRED));
    }
    let (num, den, method) = match profile.reverse_rule {
        ReverseRule::Linear => {
            let Some(num) = t.checked_add(t).and_then(|t2| t2.checked_sub(a)) else {
                return overflow();
            };
            (num.max(Decimal::ZERO), t, ScoreMethod::ReverseLinear)
        }
        ReverseRule::Ratio => (t, a, ScoreMethod::ReverseRatio),
    };
    let Some((pct, s)) = scale(profile, num, den, w) else {
        return overflow();
    };
    IndicatorScore {
        computed: Some(cap(profile, s, w)),
        completion_pct: Some(pct),
        met: Some(false),
        ..IndicatorScore::new(method)
    }
}

/// "=" rule (A.4, Q2).
fn equal(profile: &Profile, t: Decimal, a: Decimal, w: Decimal) -> IndicatorScore {
    if t.is_zero() {
        return zero_target(w, a <= t);
    }
    match profile.equal_rule {
        EqualRule::AtLeast => forward(profile, t, a, w, false),
        EqualRule::Exact if a == t => full(w, Some(HUNDRED)),
        EqualRule::Exact if a < t => forward(profile, t, a, w, false),
        EqualRule::Exact => reverse(profile, t, a, w, false),
    }
}

/// Range `[L, U]` (INFERRED): inside met; below `a/L`; above the reverse rule against `U`.
fn range(
    profile: &Profile,
    l: Decimal,
    u: Option<Decimal>,
    a: Decimal,
    w: Decimal,
) -> IndicatorScore {
    let Some(u) = u else {
        return forward(profile, l, a, w, false);
    };
    let (l, u) = (l.min(u), l.max(u));
    if a < l {
        forward(profile, l, a, w, false)
    } else if a > u {
        reverse(profile, u, a, w, false)
    } else {
        full(w, Some(HUNDRED))
    }
}

/// The comparator a target is scored with: a bare number goes through the profile (a profile
/// that maps it to something unusable falls back to ≥).
pub fn effective_comparator(profile: &Profile, ind: &Indicator, cmp: Comparator) -> Comparator {
    if cmp != Comparator::Implicit {
        return cmp;
    }
    let resolved = if is_cost(ind) {
        profile.implicit_cost_comparator
    } else {
        profile.implicit_comparator
    };
    match resolved {
        Comparator::Implicit | Comparator::Qualitative | Comparator::Range => Comparator::AtLeast,
        other => other,
    }
}

/// A.4/A.5 for one indicator row.
pub fn indicator(profile: &Profile, ind: &Indicator) -> IndicatorScore {
    let weight = ind.weight.as_ref().map(|w| w.value);
    let printed = ind.score.as_ref().map(|s| s.value);
    let band = weight
        .zip(printed)
        .and_then(|(w, s)| qualitative_band(profile, w, s));
    let mut out = score_rule(profile, ind, weight);
    if out.method != ScoreMethod::VoidZeroWeight {
        out.qualitative_band = band;
    }
    out.weighted = printed.and_then(|s| weighted_score(profile, ind, s));
    out.from_coefficient = weight
        .zip(ind.extra.score_coefficient.as_ref().map(|c| c.value))
        .and_then(|(w, c)| w.checked_mul(c))
        .map(|x| round_score(profile, x));
    out
}

/// 折算得分 = `single × 权重占比` for a row that prints a share (河北), rounded per
/// `profile.share_weighting` in one step from the exact product; `None` without a share.
pub fn weighted_score(profile: &Profile, ind: &Indicator, single: Decimal) -> Option<Decimal> {
    let share = ind.extra.weight_share.as_ref()?.value;
    let sw = profile.share_weighting;
    let raw = single.checked_mul(share)?;
    let raw = if sw.share_in_percent {
        raw.checked_div(HUNDRED)?
    } else {
        raw
    };
    Some(raw.round_dp_with_strategy(sw.decimals, strategy(profile.rounding)))
}

/// The share a row's 权重占比 stands for in points of the 100-point total (河北): the printed
/// percent, or a printed ratio × 100.
fn share_points(profile: &Profile, ind: &Indicator) -> Option<Decimal> {
    let share = ind.extra.weight_share.as_ref()?.value;
    if profile.share_weighting.share_in_percent {
        Some(share)
    } else {
        share.checked_mul(HUNDRED)
    }
}

fn score_rule(profile: &Profile, ind: &Indicator, weight: Option<Decimal>) -> IndicatorScore {
    if is_void(ind) {
        return IndicatorScore {
            computed: Some(Decimal::ZERO),
            ..IndicatorScore::new(ScoreMethod::VoidZeroWeight)
        };
    }
    let Some(w) = weight else {
        return not_computable("缺少分值");
    };
    if w < Decimal::ZERO {
        return not_computable("分值为负数");
    }
    if ind.is_placeholder() {
        return not_computable("占位指标（无/不适用/不涉及）带有分值");
    }
    let Some(target) = ind.target.as_ref() else {
        return not_computable("缺少年度指标值");
    };
    if target.comparator == Comparator::Qualitative {
        return IndicatorScore {
            effective_comparator: Some(Comparator::Qualitative),
            reason: Some("目标值为定性描述，得分由评价人判断".to_string()),
            ..IndicatorScore::new(ScoreMethod::Qualitative)
        };
    }
    let Some(t) = target.value else {
        return not_computable("目标值不是数字");
    };
    let Some(actual) = ind.actual.as_ref() else {
        return not_computable("缺少实际完成值");
    };
    let Some(a) = actual.value else {
        return not_computable("实际完成值不是数字");
    };
    let factor = match unit_factor(target.unit.as_deref(), actual.unit.as_deref()) {
        Ok(f) => f,
        Err(reason) => return not_computable(reason),
    };
    let Some(mut a) = a.checked_mul(factor) else {
        return overflow();
    };
    if a < Decimal::ZERO && profile.negative_actual_as_zero {
        a = Decimal::ZERO;
    }
    let cmp = effective_comparator(profile, ind, target.comparator);
    let strict = !profile.strict_as_inclusive;
    let mut out = match cmp {
        Comparator::AtLeast | Comparator::Implicit => forward(profile, t, a, w, false),
        Comparator::Greater => forward(profile, t, a, w, strict),
        Comparator::Equal => equal(profile, t, a, w),
        Comparator::AtMost => reverse(profile, t, a, w, false),
        Comparator::Less => reverse(profile, t, a, w, strict),
        Comparator::Range => range(profile, t, target.upper, a, w),
        Comparator::Qualitative => IndicatorScore::new(ScoreMethod::Qualitative),
    };
    out.effective_comparator = Some(cmp);
    out
}

// ---------------------------------------------------------------------------------------------
// Totals and grade (A.1, A.6, A.8)

/// The recomputation of one form (`Default`: nothing computed, e.g. when only reading).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Evaluation {
    pub execution: ExecOutcome,
    /// One entry per `form.indicators`, same order.
    pub indicators: Vec<IndicatorScore>,
    /// Computed execution score + Σ printed indicator scores: what the 总分 must equal (R47).
    pub total_computed: Option<Decimal>,
    /// Computed execution score + Σ rule scores (printed score where no rule applies).
    pub total_by_rule: Option<Decimal>,
    /// `100 × Σ_applicable s / Σ_applicable w` under `NaHandling::Renormalise` (S7), else `None`.
    pub total_renormalised: Option<Decimal>,
    /// Execution weight + Σ indicator weights (100 when the form is consistent).
    pub weight_total: Option<Decimal>,
    /// Grade label (优/良/中/差) of the total.
    pub grade: Option<&'static str>,
    /// Grade code (excellent/good/fair/poor).
    pub grade_code: Option<&'static str>,
}

fn checked_sum(items: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    items
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, x| acc.checked_add(x?))
}

/// Score and total a whole form under `profile`. Totals and grade are `None` unless the form
/// was read completely and the profile is scored.
pub fn evaluate(profile: &Profile, form: &Form) -> Evaluation {
    let execution = execution_of(profile, form);
    let indicators: Vec<IndicatorScore> = form
        .indicators
        .iter()
        .map(|i| indicator(profile, i))
        .collect();
    let exec_w = execution.weight;

    // A row weighted by 权重占比 (河北) brings its share and its 折算得分 to the total; any
    // other row its 分值 and 得分.
    let weight_of = |i: &Indicator| {
        if i.extra.weight_share.is_some() {
            return share_points(profile, i);
        }
        match i.weight.as_ref() {
            Some(w) => Some(w.value),
            None if is_void(i) => Some(Decimal::ZERO),
            None => None,
        }
    };
    let printed_of = |i: &Indicator| {
        if i.extra.weight_share.is_some() {
            return match &i.extra.weighted_score {
                Some(w) => Some(w.value),
                None => weighted_score(profile, i, i.score.as_ref()?.value),
            };
        }
        match i.score.as_ref() {
            Some(s) => Some(s.value),
            None if is_void(i) => Some(Decimal::ZERO),
            None => None,
        }
    };
    let weight_total =
        checked_sum(std::iter::once(Some(exec_w)).chain(form.indicators.iter().map(weight_of)));

    let scorable = profile.scored && form.status == FormStatus::Complete;
    let (mut total_computed, mut total_by_rule, mut total_renormalised) = (None, None, None);
    if scorable {
        let exec = execution.score;
        total_computed =
            checked_sum(std::iter::once(exec).chain(form.indicators.iter().map(printed_of)));
        total_by_rule = checked_sum(std::iter::once(exec).chain(
            form.indicators.iter().zip(&indicators).map(|(i, s)| {
                match (s.computed, i.extra.weight_share.is_some()) {
                    (Some(c), true) => weighted_score(profile, i, c),
                    (Some(c), false) => Some(c),
                    (None, _) => printed_of(i),
                }
            }),
        ));
        if profile.na_handling == NaHandling::Renormalise {
            let applicable: Vec<&Indicator> =
                form.indicators.iter().filter(|i| !is_void(i)).collect();
            let s =
                checked_sum(std::iter::once(exec).chain(applicable.iter().map(|i| printed_of(i))));
            let w = checked_sum(
                std::iter::once(Some(exec_w)).chain(applicable.iter().map(|i| weight_of(i))),
            );
            total_renormalised = s
                .zip(w)
                .and_then(|(s, w)| s.checked_mul(HUNDRED)?.checked_div(w))
                .map(|x| round_score(profile, x));
        }
    }
    let band = total_renormalised
        .or(total_computed)
        .map(|t| profile.grade(t));
    Evaluation {
        execution,
        indicators,
        total_computed,
        total_by_rule,
        total_renormalised,
        weight_total,
        grade: band.map(|b| b.label),
        grade_code: band.map(|b| b.code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actual, FundsKind, FundsRow, Pos, Sourced, Target};
    use crate::profile::{self, by_name, default_profile};
    use rust_decimal_macros::dec;

    fn at() -> Pos {
        Pos::new(1, 1)
    }
    fn src<T>(v: T) -> Sourced<T> {
        Sourced::new(v, at())
    }
    fn tgt(cmp: Comparator, v: Option<Decimal>, unit: Option<&str>) -> Target {
        Target {
            text: format!(
                "{}{}{}",
                cmp.symbol(),
                v.map(|d| d.to_string()).unwrap_or_default(),
                unit.unwrap_or("")
            ),
            comparator: cmp,
            value: v,
            upper: None,
            unit: unit.map(str::to_string),
            at: at(),
        }
    }
    fn ge(v: Decimal) -> Target {
        tgt(Comparator::AtLeast, Some(v), None)
    }
    fn le(v: Decimal) -> Target {
        tgt(Comparator::AtMost, Some(v), None)
    }
    fn eq(v: Decimal) -> Target {
        tgt(Comparator::Equal, Some(v), None)
    }
    fn qual(text: &str) -> Target {
        Target {
            text: text.to_string(),
            ..tgt(Comparator::Qualitative, None, None)
        }
    }
    fn act(v: Option<Decimal>, unit: Option<&str>) -> Actual {
        Actual {
            text: format!(
                "{}{}",
                v.map(|d| d.to_string()).unwrap_or_default(),
                unit.unwrap_or("")
            ),
            value: v,
            unit: unit.map(str::to_string),
            at: at(),
        }
    }
    fn a(v: Decimal) -> Actual {
        act(Some(v), None)
    }
    fn text_actual(text: &str) -> Actual {
        Actual {
            text: text.to_string(),
            ..act(None, None)
        }
    }
    fn ind(target: Target, actual: Actual, w: Decimal, s: Decimal) -> Indicator {
        Indicator {
            level1: src("产出(50分)".to_string()),
            level1_category: Some(Level1::Output),
            level1_label_weight: Some(dec!(50)),
            level2: Some(src("数量".to_string())),
            name: src("指标".to_string()),
            target: Some(target),
            actual: Some(actual),
            weight: Some(src(w)),
            score: Some(src(s)),
            deviation_note: None,
            extra: Default::default(),
            line: 1,
        }
    }
    fn computed(p: &Profile, i: &Indicator) -> Option<Decimal> {
        indicator(p, i).computed
    }
    fn central() -> Profile {
        default_profile()
    }
    fn with_reverse(r: ReverseRule) -> Profile {
        Profile {
            reverse_rule: r,
            ..central()
        }
    }
    fn funds_row(
        kind: FundsKind,
        b: Option<Decimal>,
        e: Option<Decimal>,
        w: Option<Decimal>,
    ) -> FundsRow {
        FundsRow {
            kind,
            label: src(kind.code().to_string()),
            initial_budget: b.map(src),
            adjusted_budget: b.map(src),
            executed: e.map(src),
            weight: w.map(src),
            execution_rate: None,
            score: None,
            reason: None,
            arrived: None,
            method: None,
            line: 1,
        }
    }
    fn form(b: Decimal, e: Decimal, indicators: Vec<Indicator>) -> Form {
        let mut f = Form::empty("t.txt", "");
        f.status = FormStatus::Complete;
        f.funds.rows.push(funds_row(
            FundsKind::TotalFunds,
            Some(b),
            Some(e),
            Some(dec!(10)),
        ));
        f.indicators = indicators;
        f
    }

    // --- rounding vectors (A.7) ---

    #[test]
    fn rounding_vector_exec_64531_of_108000() {
        let out = execution(&central(), Some(dec!(108000)), Some(dec!(64531)));
        assert_eq!(
            (out.rate, out.score, out.problem),
            (Some(dec!(59.75)), Some(dec!(5.98)), None)
        );
        let single = Profile {
            rounding: Rounding::SingleStageHalfUp,
            ..central()
        };
        assert_eq!(
            execution(&single, Some(dec!(108000)), Some(dec!(64531))).score,
            Some(dec!(5.98))
        );
        let trunc = Profile {
            rounding: Rounding::Truncate,
            ..central()
        };
        assert_eq!(
            execution(&trunc, Some(dec!(108000)), Some(dec!(64531))).score,
            Some(dec!(5.97))
        );
    }

    #[test]
    fn t2_rounding_vector_85_of_98_weight_7_5() {
        let i = ind(
            tgt(Comparator::AtLeast, Some(dec!(98)), Some("%")),
            act(Some(dec!(85)), Some("%")),
            dec!(7.5),
            dec!(6.5),
        );
        let s = indicator(&central(), &i);
        assert_eq!(
            (s.completion_pct, s.computed),
            (Some(dec!(86.73)), Some(dec!(6.50)))
        );
        assert_eq!((s.method, s.met), (ScoreMethod::Proportional, Some(false)));
        let single = Profile {
            rounding: Rounding::SingleStageHalfUp,
            ..central()
        };
        assert_eq!(computed(&single, &i), Some(dec!(6.51)));
    }

    #[test]
    fn sign_and_magnitude_shortcuts_are_the_comparisons() {
        const E15: Decimal = Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0);
        const E12: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);
        let mut values = vec![Decimal::ZERO, -Decimal::ZERO, Decimal::MAX, Decimal::MIN];
        for m in [0i64, 1, 9, 10, 99, 999_999, 1_000_000_000_000, i64::MAX] {
            for scale in [0u32, 1, 2, 3, 12, 15, 16, 27, 28] {
                for d in [m.saturating_sub(1), m, m.saturating_add(1)] {
                    let x = Decimal::new(d, scale);
                    values.push(x);
                    values.push(-x);
                }
            }
        }
        values.push(E15);
        values.push(E12);
        values.push(E15 - Decimal::new(1, 28));
        values.push(Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 13));
        for x in values {
            assert_eq!(is_positive(x), x > Decimal::ZERO, "{x}");
            assert_eq!(below_pow10(x, 15), x.abs() < E15, "{x}");
            assert_eq!(below_pow10(x, 12), x.abs() < E12, "{x}");
        }
    }

    #[test]
    fn round2_is_half_up() {
        assert_eq!(round2(dec!(5.975)), dec!(5.98));
        assert_eq!(round2(dec!(6.50475)), dec!(6.50));
        assert_eq!(round2(dec!(-1.005)), dec!(-1.01));
    }

    // --- appendix vectors T1–T15 ---

    #[test]
    fn t1_exec() {
        let out = execution(&central(), Some(dec!(108000)), Some(dec!(64531)));
        assert_eq!((out.rate, out.score), (Some(dec!(59.75)), Some(dec!(5.98))));
    }

    #[test]
    fn t3_t4_shortfall() {
        assert_eq!(
            computed(&central(), &ind(ge(dec!(3)), a(dec!(1)), dec!(10), dec!(0))),
            Some(dec!(3.33))
        );
        let s = indicator(
            &central(),
            &ind(ge(dec!(3)), a(dec!(2)), dec!(7.5), dec!(0)),
        );
        assert_eq!(
            (s.completion_pct, s.computed),
            (Some(dec!(66.67)), Some(dec!(5.00)))
        );
        assert_eq!(
            indicator(&central(), &ind(ge(dec!(3)), a(dec!(1)), dec!(10), dec!(0))).completion_pct,
            Some(dec!(33.33))
        );
    }

    #[test]
    fn t5_t6_t7_reverse_linear_vs_ratio() {
        let lin = with_reverse(ReverseRule::Linear);
        let rat = with_reverse(ReverseRule::Ratio);
        let cases = [
            (dec!(90), dec!(99), dec!(8), dec!(7.20), dec!(7.27)),
            (dec!(100), dec!(170), dec!(5), dec!(1.50), dec!(2.94)),
            (dec!(100), dec!(200), dec!(5), dec!(0.00), dec!(2.50)),
        ];
        for (t, act_v, w, l, r) in cases {
            let i = ind(le(t), a(act_v), w, dec!(0));
            let sl = indicator(&lin, &i);
            assert_eq!(
                (sl.computed, sl.method, sl.met),
                (Some(l), ScoreMethod::ReverseLinear, Some(false))
            );
            let sr = indicator(&rat, &i);
            assert_eq!(
                (sr.computed, sr.method),
                (Some(r), ScoreMethod::ReverseRatio)
            );
        }
        assert_eq!(
            indicator(&lin, &ind(le(dec!(90)), a(dec!(99)), dec!(8), dec!(0))).completion_pct,
            Some(dec!(90.00))
        );
        assert_eq!(
            indicator(&rat, &ind(le(dec!(90)), a(dec!(99)), dec!(8), dec!(0))).completion_pct,
            Some(dec!(90.91))
        );
        // beyond 2t the linear rule stays at 0
        assert_eq!(
            computed(&lin, &ind(le(dec!(100)), a(dec!(350)), dec!(5), dec!(0))),
            Some(dec!(0))
        );
        // met
        let m = indicator(&lin, &ind(le(dec!(100)), a(dec!(80)), dec!(5), dec!(5)));
        assert_eq!(
            (m.computed, m.method, m.met),
            (Some(dec!(5)), ScoreMethod::Met, Some(true))
        );
    }

    #[test]
    fn t8_equal_zero() {
        let s = indicator(&central(), &ind(eq(dec!(0)), a(dec!(0)), dec!(4), dec!(4)));
        assert_eq!(
            (s.computed, s.method, s.met),
            (Some(dec!(4)), ScoreMethod::EqualZero, Some(true))
        );
        let s = indicator(&central(), &ind(eq(dec!(0)), a(dec!(1)), dec!(4), dec!(0)));
        assert_eq!((s.computed, s.met), (Some(dec!(0)), Some(false)));
    }

    #[test]
    fn t9_overshoot_full_marks_and_ratio_reported() {
        let s = indicator(
            &central(),
            &ind(ge(dec!(100)), a(dec!(125)), dec!(10), dec!(10)),
        );
        assert_eq!(
            (s.computed, s.method, s.met),
            (Some(dec!(10)), ScoreMethod::Met, Some(true))
        );
        let pct = s.completion_pct.unwrap();
        assert!(pct >= central().overshoot_threshold * dec!(100));
        assert!(pct < by_name("guangxi").unwrap().overshoot_threshold * dec!(100));
    }

    #[test]
    fn t10_t11_qualitative_bands() {
        let p = central();
        // T10: w 10, B band is [6.00, 8.00): a printed 8.00 is in band A, so 部分达成 + 8.00 is R39.
        assert_eq!(
            qualitative_band_edges(&p, dec!(10)),
            Some((dec!(8.00), dec!(6.00)))
        );
        let s = indicator(
            &p,
            &ind(
                qual("效果明显"),
                text_actual("部分达成"),
                dec!(10),
                dec!(8.00),
            ),
        );
        assert_eq!(
            (s.method, s.computed, s.qualitative_band),
            (ScoreMethod::Qualitative, None, Some(QualBand::A))
        );
        assert_eq!(
            qualitative_band(&p, dec!(10), dec!(7.99)),
            Some(QualBand::B)
        );
        assert_eq!(
            qualitative_band(&p, dec!(10), dec!(6.00)),
            Some(QualBand::B)
        );
        assert_eq!(
            qualitative_band(&p, dec!(10), dec!(5.99)),
            Some(QualBand::C)
        );
        // T11: w 7.5, A band is [6.00, 7.50].
        assert_eq!(
            qualitative_band_edges(&p, dec!(7.5)),
            Some((dec!(6.00), dec!(4.50)))
        );
        let s = indicator(
            &p,
            &ind(qual("效果明显"), text_actual("达成"), dec!(7.5), dec!(6.00)),
        );
        assert_eq!(s.qualitative_band, Some(QualBand::A));
        assert_eq!(
            s.reason.as_deref(),
            Some("目标值为定性描述，得分由评价人判断")
        );
        assert_eq!(qualitative_band(&p, dec!(0), dec!(0)), None);
    }

    #[test]
    fn t12_hubei_exec_20() {
        let out = execution(
            &by_name("hubei").unwrap(),
            Some(dec!(108000)),
            Some(dec!(64531)),
        );
        assert_eq!(
            (out.rate, out.score, out.weight),
            (Some(dec!(59.75)), Some(dec!(11.95)), dec!(20))
        );
    }

    #[test]
    fn t13_jiangxi_bands() {
        let p = by_name("jiangxi").unwrap();
        let score = |e: Decimal| execution(&p, Some(dec!(10000)), Some(e)).score;
        assert_eq!(score(dec!(9999)), Some(dec!(7)));
        assert_eq!(score(dec!(10000)), Some(dec!(10)));
        assert_eq!(score(dec!(12000)), Some(dec!(10)));
        assert_eq!(score(dec!(8000)), Some(dec!(7)));
        assert_eq!(score(dec!(7999)), Some(dec!(5)));
        assert_eq!(score(dec!(6000)), Some(dec!(5)));
        assert_eq!(score(dec!(5999)), Some(dec!(0)));
    }

    #[test]
    fn t14_zero_total_row_is_not_scored_from_sub_rows() {
        let mut f = Form::empty("s8.txt", "");
        f.status = FormStatus::Complete;
        f.funds.rows.push(funds_row(
            FundsKind::TotalFunds,
            Some(dec!(0)),
            Some(dec!(0)),
            Some(dec!(10)),
        ));
        f.funds.rows.push(funds_row(
            FundsKind::Appropriation,
            Some(dec!(90)),
            Some(dec!(89.974)),
            None,
        ));
        let out = execution_of(&central(), &f);
        assert_eq!(
            (out.rate, out.score, out.problem),
            (None, None, Some(ExecProblem::ZeroBudget))
        );
        let ev = evaluate(&central(), &f);
        assert_eq!((ev.total_computed, ev.grade), (None, None));
    }

    #[test]
    fn t15_grade_89_5_is_good() {
        let f = form(
            dec!(100),
            dec!(95),
            vec![
                ind(ge(dec!(1)), a(dec!(1)), dec!(50), dec!(50)),
                ind(ge(dec!(1)), a(dec!(1)), dec!(40), dec!(30)),
            ],
        );
        let ev = evaluate(&central(), &f);
        assert_eq!(ev.execution.score, Some(dec!(9.50)));
        assert_eq!(ev.total_computed, Some(dec!(89.50)));
        assert_eq!((ev.grade, ev.grade_code), (Some("良"), Some("good")));
        assert_eq!(ev.weight_total, Some(dec!(100)));
        assert_eq!(ev.total_by_rule, Some(dec!(99.50)));
    }

    // --- execution edge cases and profiles ---

    #[test]
    fn exec_zero_budget_policies() {
        let zero = Profile {
            zero_budget: ZeroBudget::ScoreZero,
            ..central()
        };
        let out = execution(&zero, Some(dec!(0)), Some(dec!(5)));
        assert_eq!(
            (out.rate, out.score, out.problem),
            (Some(dec!(0)), Some(dec!(0)), Some(ExecProblem::ZeroBudget))
        );
        let zj = by_name("zhejiang").unwrap();
        let out = execution(&zj, Some(dec!(0)), Some(dec!(5)));
        assert_eq!(
            (out.rate, out.score, out.problem),
            (
                Some(dec!(100)),
                Some(dec!(10)),
                Some(ExecProblem::ZeroBudget)
            )
        );
        assert_eq!(
            execution(&zj, Some(dec!(0)), Some(dec!(0))).score,
            Some(dec!(0))
        );
        assert_eq!(
            execution(&central(), Some(dec!(0)), Some(dec!(5))).score,
            None
        );
    }

    #[test]
    fn exec_missing_negative_and_overflow() {
        let p = central();
        assert_eq!(
            execution(&p, None, Some(dec!(1))).problem,
            Some(ExecProblem::MissingBudget)
        );
        assert_eq!(
            execution(&p, Some(dec!(1)), None).problem,
            Some(ExecProblem::MissingExecuted)
        );
        assert_eq!(
            execution(&p, Some(dec!(-1)), Some(dec!(1))).problem,
            Some(ExecProblem::Negative)
        );
        assert_eq!(
            execution(&p, Some(dec!(1)), Some(dec!(-1))).problem,
            Some(ExecProblem::Negative)
        );
        let out = execution(&p, Some(Decimal::new(1, 28)), Some(Decimal::MAX));
        assert_eq!(
            (out.score, out.problem),
            (None, Some(ExecProblem::Overflow))
        );
        assert_eq!(
            execution_of(&p, &Form::empty("x", "")).problem,
            Some(ExecProblem::NoTotalRow)
        );
        assert!(!ExecProblem::ZeroBudget.message().is_empty());
    }

    #[test]
    fn exec_cap_and_printed_weight() {
        let out = execution(&central(), Some(dec!(100)), Some(dec!(120)));
        assert_eq!((out.rate, out.score), (Some(dec!(120.00)), Some(dec!(10))));
        let uncapped = Profile {
            exec_formula: ExecFormula::Linear { cap: false },
            ..central()
        };
        assert_eq!(
            execution(&uncapped, Some(dec!(100)), Some(dec!(120))).score,
            Some(dec!(12.00))
        );
        let mut f = form(dec!(108000), dec!(64531), vec![]);
        f.funds.rows[0].weight = Some(src(dec!(20)));
        assert_eq!(execution_of(&central(), &f).score, Some(dec!(11.95)));
        f.funds.rows[0].weight = None;
        assert_eq!(
            execution_of(&by_name("hubei").unwrap(), &f).score,
            Some(dec!(11.95))
        );
    }

    /// The 16 seed forms (expected.tsv: 全年预算数, 全年执行数, 执行率 2dp, printed 得分).
    #[test]
    fn seed_execution_scores_match_printed() {
        let rows = [
            (dec!(108000), dec!(64531), dec!(59.75), dec!(5.98)),
            (dec!(178000.00), dec!(177028.64), dec!(99.45), dec!(9.95)),
            (dec!(103400.00), dec!(54200.00), dec!(52.42), dec!(5.24)),
            (dec!(278500.00), dec!(278500.00), dec!(100.00), dec!(10.00)),
            (dec!(1091200.00), dec!(927026.50), dec!(84.95), dec!(8.50)),
            (dec!(1902800.00), dec!(1437356.40), dec!(75.54), dec!(7.55)),
            (dec!(1662200.00), dec!(1429601.95), dec!(86.01), dec!(8.60)),
            (dec!(321750.00), dec!(317459.17), dec!(98.67), dec!(9.87)),
            (dec!(265400.00), dec!(206279.00), dec!(77.72), dec!(7.77)),
            (dec!(550000.00), dec!(421932.60), dec!(76.72), dec!(7.67)),
            (dec!(44000.00), dec!(43999.67), dec!(100.00), dec!(10.00)),
            (dec!(2220000.00), dec!(2086860.54), dec!(94.00), dec!(9.40)),
            (dec!(470000.00), dec!(468554.00), dec!(99.69), dec!(9.97)),
            (dec!(1780000.00), dec!(1768150.00), dec!(99.33), dec!(9.93)),
            (dec!(1000000.00), dec!(985123.20), dec!(98.51), dec!(9.85)),
            (dec!(6200.00), dec!(6200.00), dec!(100.00), dec!(10.00)),
        ];
        let p = by_name("shenzhen_2022").unwrap();
        for (b, e, rate, printed) in rows {
            let f = form(b, e, vec![]);
            let out = execution_of(&p, &f);
            assert_eq!(out.rate, Some(rate), "rate of {e}/{b}");
            assert_eq!(out.score, Some(printed), "score of {e}/{b}");
            assert_eq!(out.problem, None);
        }
    }

    /// Sample 016 (budget 20 + targets 80): uncapped `w × a/t`, 1 decimal, total 71.7.
    #[test]
    fn budget20_uncapped_scores_reproduce_sample_016() {
        let p = by_name("budget20_target80").unwrap();
        let out = execution(&p, Some(dec!(650)), Some(dec!(94)));
        assert_eq!((out.rate, out.score), (Some(dec!(14.46)), Some(dec!(2.9))));
        let rows = [
            (dec!(15), dec!(6), dec!(20), dec!(8.0)),
            (dec!(11442), dec!(4164), dec!(20), dec!(7.3)),
            (dec!(8000), dec!(12767.36), dec!(20), dec!(31.9)),
            (dec!(1980), dec!(2074), dec!(10), dec!(10.5)),
            (dec!(90), dec!(100), dec!(10), dec!(11.1)),
        ];
        let inds: Vec<Indicator> = rows
            .iter()
            .map(|(t, v, w, s)| ind(tgt(Comparator::Implicit, Some(*t), None), a(*v), *w, *s))
            .collect();
        for (i, (_, _, _, s)) in inds.iter().zip(rows) {
            assert_eq!(computed(&p, i), Some(s));
        }
        let mut f = form(dec!(650), dec!(94), inds);
        f.funds.rows[0].weight = Some(src(dec!(20)));
        let ev = evaluate(&p, &f);
        assert_eq!(
            (ev.total_computed, ev.total_by_rule, ev.weight_total),
            (Some(dec!(71.7)), Some(dec!(71.7)), Some(dec!(100)))
        );
        assert_eq!(ev.grade, Some("中"));
    }

    // --- indicator rules and parameters ---

    #[test]
    fn strict_operators() {
        let gt = ind(
            tgt(Comparator::Greater, Some(dec!(10)), None),
            a(dec!(10)),
            dec!(5),
            dec!(5),
        );
        let lt = ind(
            tgt(Comparator::Less, Some(dec!(10)), None),
            a(dec!(10)),
            dec!(5),
            dec!(5),
        );
        let s = indicator(&central(), &gt);
        assert_eq!(
            (s.met, s.computed, s.effective_comparator),
            (Some(true), Some(dec!(5)), Some(Comparator::Greater))
        );
        assert_eq!(indicator(&central(), &lt).met, Some(true));
        let exclusive = Profile {
            strict_as_inclusive: false,
            ..central()
        };
        let s = indicator(&exclusive, &gt);
        assert_eq!((s.met, s.computed), (Some(false), Some(dec!(5.00))));
        let s = indicator(&exclusive, &lt);
        assert_eq!((s.met, s.computed), (Some(false), Some(dec!(5.00))));
        assert_eq!(
            computed(
                &exclusive,
                &ind(
                    tgt(Comparator::Greater, Some(dec!(10)), None),
                    a(dec!(5)),
                    dec!(5),
                    dec!(0)
                )
            ),
            Some(dec!(2.50))
        );
    }

    #[test]
    fn negative_actual() {
        let i = ind(ge(dec!(10)), a(dec!(-5)), dec!(5), dec!(0));
        let s = indicator(&central(), &i);
        assert_eq!(
            (s.computed, s.completion_pct),
            (Some(dec!(0)), Some(dec!(0)))
        );
        let keep = Profile {
            negative_actual_as_zero: false,
            ..central()
        };
        let s = indicator(&keep, &i);
        assert_eq!(
            (s.computed, s.completion_pct),
            (Some(dec!(0)), Some(dec!(-50.00)))
        );
        // a reverse target is met by a negative actual either way
        assert_eq!(
            computed(
                &central(),
                &ind(le(dec!(10)), a(dec!(-5)), dec!(5), dec!(5))
            ),
            Some(dec!(5))
        );
    }

    #[test]
    fn range_targets() {
        let mut t = tgt(Comparator::Range, Some(dec!(90)), Some("%"));
        t.upper = Some(dec!(110));
        let t = t;
        let r = |v: Decimal| {
            let t = t.clone();
            indicator(&central(), &ind(t, a(v), dec!(10), dec!(0)))
        };
        assert_eq!(
            (r(dec!(100)).computed, r(dec!(100)).met),
            (Some(dec!(10)), Some(true))
        );
        assert_eq!(
            (r(dec!(90)).computed, r(dec!(110)).computed),
            (Some(dec!(10)), Some(dec!(10)))
        );
        assert_eq!(
            (r(dec!(80)).computed, r(dec!(80)).method),
            (Some(dec!(8.89)), ScoreMethod::Proportional)
        );
        assert_eq!(
            (r(dec!(121)).computed, r(dec!(121)).method),
            (Some(dec!(9.00)), ScoreMethod::ReverseLinear)
        );
        let mut open = tgt(Comparator::Range, Some(dec!(90)), Some("%"));
        open.upper = None;
        assert_eq!(
            computed(&central(), &ind(open, a(dec!(45)), dec!(10), dec!(0))),
            Some(dec!(5.00))
        );
    }

    #[test]
    fn units_wanyuan_vs_yuan() {
        let cap = ind(
            tgt(Comparator::AtMost, Some(dec!(90)), Some("万元")),
            act(Some(dec!(899740)), Some("元")),
            dec!(10),
            dec!(10),
        );
        assert_eq!(indicator(&central(), &cap).met, Some(true));
        let over = ind(
            tgt(Comparator::AtMost, Some(dec!(90)), Some("万元")),
            act(Some(dec!(990000)), Some("元")),
            dec!(8),
            dec!(0),
        );
        assert_eq!(computed(&central(), &over), Some(dec!(7.20)));
        let yuan = ind(
            tgt(Comparator::AtLeast, Some(dec!(1000000)), Some("元")),
            act(Some(dec!(50)), Some("万元")),
            dec!(10),
            dec!(0),
        );
        assert_eq!(computed(&central(), &yuan), Some(dec!(5.00)));
        let wan = ind(
            tgt(Comparator::AtLeast, Some(dec!(1.5)), Some("万件")),
            act(Some(dec!(1.78)), Some("万件")),
            dec!(15),
            dec!(15),
        );
        assert_eq!(indicator(&central(), &wan).met, Some(true));
        let km = ind(
            tgt(Comparator::AtLeast, Some(dec!(2)), Some("公里")),
            act(Some(dec!(1500)), Some("米")),
            dec!(10),
            dec!(0),
        );
        assert_eq!(computed(&central(), &km), Some(dec!(7.50)));
        let pct = ind(
            tgt(Comparator::AtLeast, Some(dec!(100)), Some("百分比")),
            act(Some(dec!(95)), Some("%")),
            dec!(10),
            dec!(0),
        );
        assert_eq!(computed(&central(), &pct), Some(dec!(9.50)));
    }

    #[test]
    fn unit_mismatch_is_not_computable() {
        let i = ind(
            tgt(Comparator::AtLeast, Some(dec!(5)), Some("万元")),
            act(Some(dec!(5)), Some("人")),
            dec!(10),
            dec!(10),
        );
        let s = indicator(&central(), &i);
        assert_eq!((s.method, s.computed), (ScoreMethod::NotComputable, None));
        assert_eq!(
            s.reason.as_deref(),
            Some("单位不一致：目标为万元，实际为人")
        );
        assert_eq!(s.qualitative_band, Some(QualBand::A));
    }

    #[test]
    fn missing_unit_is_read_in_the_other_unit() {
        let i = ind(
            tgt(Comparator::AtLeast, Some(dec!(98)), Some("%")),
            a(dec!(85)),
            dec!(7.5),
            dec!(6.5),
        );
        assert_eq!(computed(&central(), &i), Some(dec!(6.50)));
        let i = ind(
            ge(dec!(11)),
            act(Some(dec!(11)), Some("人")),
            dec!(7.5),
            dec!(7.5),
        );
        assert_eq!(computed(&central(), &i), Some(dec!(7.5)));
    }

    #[test]
    fn placeholder_and_zero_weight() {
        let mut i = ind(qual("无"), text_actual("无"), dec!(0), dec!(0));
        i.name = src("无".to_string());
        let s = indicator(&central(), &i);
        assert_eq!(
            (s.method, s.computed, s.qualitative_band),
            (ScoreMethod::VoidZeroWeight, Some(dec!(0)), None)
        );
        i.weight = None;
        i.score = None;
        assert_eq!(
            indicator(&central(), &i).method,
            ScoreMethod::VoidZeroWeight
        );
        i.weight = Some(src(dec!(5)));
        let s = indicator(&central(), &i);
        assert_eq!((s.method, s.computed), (ScoreMethod::NotComputable, None));
        // a real row of weight 0 is excluded too
        let z = ind(ge(dec!(3)), a(dec!(1)), dec!(0), dec!(0));
        assert_eq!(
            indicator(&central(), &z).method,
            ScoreMethod::VoidZeroWeight
        );
    }

    #[test]
    fn not_computable_reasons() {
        let p = central();
        let s = indicator(
            &p,
            &ind(ge(dec!(3)), text_actual("已完成"), dec!(10), dec!(9)),
        );
        assert_eq!(
            (s.method, s.reason.as_deref()),
            (ScoreMethod::NotComputable, Some("实际完成值不是数字"))
        );
        assert_eq!(s.qualitative_band, Some(QualBand::A));
        let mut i = ind(ge(dec!(3)), a(dec!(3)), dec!(10), dec!(10));
        i.weight = None;
        assert_eq!(indicator(&p, &i).reason.as_deref(), Some("缺少分值"));
        let mut i = ind(ge(dec!(3)), a(dec!(3)), dec!(10), dec!(10));
        i.actual = None;
        assert_eq!(indicator(&p, &i).reason.as_deref(), Some("缺少实际完成值"));
        let i = ind(ge(dec!(-3)), a(dec!(3)), dec!(10), dec!(10));
        assert_eq!(indicator(&p, &i).method, ScoreMethod::NotComputable);
        let i = ind(ge(Decimal::new(1, 28)), a(Decimal::MAX), dec!(10), dec!(10));
        assert_eq!(indicator(&p, &i).method, ScoreMethod::NotComputable);
    }

    #[test]
    fn equal_rules() {
        let at_least = central();
        let exact = Profile {
            equal_rule: EqualRule::Exact,
            ..central()
        };
        let i = |v: Decimal| ind(eq(dec!(100)), a(v), dec!(10), dec!(0));
        assert_eq!(computed(&at_least, &i(dec!(110))), Some(dec!(10)));
        assert_eq!(computed(&at_least, &i(dec!(90))), Some(dec!(9.00)));
        assert_eq!(computed(&exact, &i(dec!(100))), Some(dec!(10)));
        assert_eq!(computed(&exact, &i(dec!(90))), Some(dec!(9.00)));
        let s = indicator(&exact, &i(dec!(110)));
        assert_eq!(
            (s.computed, s.met, s.method),
            (Some(dec!(9.00)), Some(false), ScoreMethod::ReverseLinear)
        );
    }

    #[test]
    fn zero_target_reverse_and_forward() {
        let p = central();
        assert_eq!(
            computed(&p, &ind(le(dec!(0)), a(dec!(0)), dec!(4), dec!(4))),
            Some(dec!(4))
        );
        let s = indicator(&p, &ind(le(dec!(0)), a(dec!(1)), dec!(4), dec!(0)));
        assert_eq!(
            (s.computed, s.method),
            (Some(dec!(0)), ScoreMethod::EqualZero)
        );
        assert_eq!(
            computed(&p, &ind(ge(dec!(0)), a(dec!(0)), dec!(4), dec!(4))),
            Some(dec!(4))
        );
    }

    #[test]
    fn implicit_comparator_and_cost_override() {
        let mut i = ind(
            tgt(Comparator::Implicit, Some(dec!(100)), Some("%")),
            act(Some(dec!(120)), Some("%")),
            dec!(10),
            dec!(10),
        );
        i.level2 = Some(src("成本".to_string()));
        let cost_ge = Profile {
            implicit_cost_comparator: Comparator::AtLeast,
            ..central()
        };
        let s = indicator(&cost_ge, &i);
        assert_eq!(
            (s.computed, s.effective_comparator),
            (Some(dec!(10)), Some(Comparator::AtLeast))
        );
        // The default reads a bare cost figure as a ceiling (B.4).
        let cost_le = central();
        let s = indicator(&cost_le, &i);
        assert_eq!(
            (s.computed, s.effective_comparator),
            (Some(dec!(8.00)), Some(Comparator::AtMost))
        );
        i.level2 = Some(src("数量".to_string()));
        assert_eq!(computed(&cost_le, &i), Some(dec!(10)));
        let broken = Profile {
            implicit_comparator: Comparator::Qualitative,
            ..central()
        };
        assert_eq!(
            indicator(&broken, &i).effective_comparator,
            Some(Comparator::AtLeast)
        );
    }

    // --- evaluate ---

    /// Seed form 1 (干部健康管理): printed total 95.98 = 5.98 + 90.
    fn seed_form_1() -> Form {
        let pct = |v: Decimal| act(Some(v), Some("%"));
        let imp = |v: Decimal, u: Option<&str>| tgt(Comparator::Implicit, Some(v), u);
        let void = || {
            let mut i = ind(qual("无"), text_actual("无"), dec!(0), dec!(0));
            i.name = src("无".to_string());
            i
        };
        form(
            dec!(108000),
            dec!(64531),
            vec![
                ind(imp(dec!(11), None), a(dec!(11)), dec!(7.50), dec!(7.50)),
                ind(imp(dec!(4), None), a(dec!(4)), dec!(7.50), dec!(7.50)),
                ind(qual("优"), pct(dec!(100)), dec!(15), dec!(15)),
                ind(
                    qual("12月底前"),
                    text_actual("12月底前已发放"),
                    dec!(10),
                    dec!(10),
                ),
                ind(
                    imp(dec!(100), Some("%")),
                    pct(dec!(100)),
                    dec!(10),
                    dec!(10),
                ),
                void(),
                ind(qual("效果显著"), pct(dec!(100)), dec!(30), dec!(30)),
                void(),
                void(),
                ind(
                    imp(dec!(100), Some("%")),
                    pct(dec!(100)),
                    dec!(10),
                    dec!(10),
                ),
                void(),
            ],
        )
    }

    #[test]
    fn evaluate_seed_form_1() {
        let p = by_name("shenzhen_2022").unwrap();
        let ev = evaluate(&p, &seed_form_1());
        assert_eq!(ev.indicators.len(), 11);
        assert_eq!(ev.execution.score, Some(dec!(5.98)));
        assert_eq!(ev.total_computed, Some(dec!(95.98)));
        assert_eq!(ev.total_by_rule, Some(dec!(95.98)));
        assert_eq!(ev.weight_total, Some(dec!(100)));
        assert_eq!((ev.grade, ev.grade_code), (Some("优"), Some("excellent")));
        assert_eq!(ev.total_renormalised, None);
        assert!(serde_json::to_string(&ev).is_ok());
    }

    #[test]
    fn evaluate_needs_complete_scored_form_and_every_score() {
        let mut f = seed_form_1();
        f.status = FormStatus::Incomplete {
            stops_in: "indicators".into(),
            line: 9,
        };
        let ev = evaluate(&central(), &f);
        assert_eq!(
            (ev.total_computed, ev.total_by_rule, ev.grade),
            (None, None, None)
        );
        assert_eq!(ev.weight_total, Some(dec!(100)));
        let ev = evaluate(&profile::Profile::no_score(), &seed_form_1());
        assert_eq!((ev.total_computed, ev.grade), (None, None));
        let mut f = seed_form_1();
        f.indicators[0].score = None;
        let ev = evaluate(&central(), &f);
        assert_eq!(ev.total_computed, None);
        assert_eq!(ev.total_by_rule, Some(dec!(95.98)));
        f.indicators[2].score = None;
        assert_eq!(evaluate(&central(), &f).total_by_rule, None);
        f.indicators[2].weight = None;
        assert_eq!(evaluate(&central(), &f).weight_total, None);
    }

    #[test]
    fn evaluate_renormalise_na() {
        let p = Profile {
            na_handling: NaHandling::Renormalise,
            ..central()
        };
        let mut void = ind(qual("不适用"), text_actual("无"), dec!(0), dec!(0));
        void.name = src("不适用".to_string());
        let f = form(
            dec!(100),
            dec!(100),
            vec![
                ind(ge(dec!(1)), a(dec!(1)), dec!(45), dec!(45)),
                void,
                ind(ge(dec!(1)), a(dec!(1)), dec!(35), dec!(28)),
            ],
        );
        let ev = evaluate(&p, &f);
        assert_eq!(ev.total_computed, Some(dec!(83)));
        assert_eq!(ev.total_renormalised, Some(dec!(92.22)));
        assert_eq!(ev.grade, Some("优"));
        assert_eq!(evaluate(&central(), &f).grade, Some("良"));
    }

    #[test]
    fn full_marks_band_is_the_edges_band() {
        let mut profiles = profile::all();
        profiles.push(Profile {
            qualitative_bands: (dec!(1.5), dec!(0.6)),
            ..central()
        });
        let ws = [
            dec!(0.01),
            dec!(0.05),
            dec!(0.1),
            dec!(1),
            dec!(2.5),
            dec!(3.33),
            dec!(5),
            dec!(10),
            dec!(12.34),
            dec!(30),
            dec!(100),
            dec!(0.005),
            dec!(0.125),
            dec!(1.255),
            Decimal::MAX,
            Decimal::new(1, 28),
        ];
        for p in &profiles {
            for &w in &ws {
                for s in [
                    Some(w),
                    w.checked_add(dec!(0.01)),
                    w.checked_add(dec!(5)),
                    Some(Decimal::MAX),
                ]
                .into_iter()
                .flatten()
                {
                    assert_eq!(
                        qualitative_band(p, w, s),
                        band_by_edges(p, w, s),
                        "{} w {w} s {s}",
                        p.name
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn met_pct_is_scale_pct(
            t in proptest::num::i64::ANY, ts in 0u32..28,
            v in proptest::num::i64::ANY, vs in 0u32..28,
            w in proptest::num::i64::ANY, wsc in 0u32..28, rule in 0usize..3,
        ) {
            let (t, a, w) = (Decimal::new(t, ts), Decimal::new(v, vs), Decimal::new(w, wsc));
            let rounding = [Rounding::TwoStageHalfUp, Rounding::SingleStageHalfUp, Rounding::Truncate][rule];
            let p = Profile { rounding, ..central() };
            if let Some(pct) = met_pct(&p, a, t, w) {
                proptest::prop_assert_eq!(scale(&p, a, t, w).map(|(pct, _)| pct), Some(pct));
            }
        }

        #[test]
        fn band_fast_path_is_the_edges_band(
            w in proptest::num::i64::ANY, wsc in 0u32..28,
            s in proptest::num::i64::ANY, ssc in 0u32..28, a in 0i64..200,
        ) {
            let (w, s) = (Decimal::new(w, wsc), Decimal::new(s, ssc));
            let p = Profile { qualitative_bands: (Decimal::new(a, 2), dec!(0.6)), ..central() };
            proptest::prop_assert_eq!(qualitative_band(&p, w, s), band_by_edges(&p, w, s));
        }
    }

    /// `pct_in_integers` gives what `Decimal` gives, value and scale, or nothing.
    fn same_pct(rounding: Rounding, n: Decimal, d: Decimal) {
        let p = Profile {
            rounding,
            ..central()
        };
        let by_decimal = pct_by_decimal(&p, n, d);
        if let Some(fast) = pct_in_integers(rounding, n, d) {
            assert_eq!(
                Some(fast.serialize()),
                by_decimal.map(|x| x.serialize()),
                "{n} / {d} {rounding:?}: {fast} vs {by_decimal:?}"
            );
        }
        assert_eq!(
            pct_of(&p, n, d).map(|x| x.serialize()),
            by_decimal.map(|x| x.serialize())
        );
    }

    const ROUNDINGS: [Rounding; 3] = [
        Rounding::TwoStageHalfUp,
        Rounding::SingleStageHalfUp,
        Rounding::Truncate,
    ];

    proptest::proptest! {
        #[test]
        fn integer_pct_is_the_decimal_pct(
            n in 0i64..2_000_000_000_000_000, ns in 0u32..14,
            d in 0i64..2_000_000_000_000_000, ds in 0u32..14, r in 0usize..3,
        ) {
            same_pct(ROUNDINGS[r], Decimal::new(n, ns), Decimal::new(d, ds));
        }

        #[test]
        fn integer_pct_is_the_decimal_pct_for_small_values(
            n in 0i64..100_000, ns in 0u32..5, d in 1i64..100_000, ds in 0u32..5, r in 0usize..3,
        ) {
            same_pct(ROUNDINGS[r], Decimal::new(n, ns), Decimal::new(d, ds));
        }
    }

    /// Random numerators and denominators of 3 to 16 digits at scales 0 to 5, as amounts and
    /// rates come: the fast path answers most of them, each as `Decimal` does.
    #[test]
    fn integer_pct_on_random_values() {
        let mut x: u64 = 0x1234_5678_9abc_def1;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut fast = 0;
        let tries = 200_000u64;
        for i in 0..tries {
            let digits = [3u32, 5, 8, 12, 16][(i % 5) as usize];
            let m = 10u64.pow(digits);
            let n = Decimal::new((next() % m) as i64, (next() % 6) as u32);
            let d = Decimal::new((next() % m) as i64 + 1, (next() % 6) as u32);
            let rounding = ROUNDINGS[(next() % 3) as usize];
            if pct_in_integers(rounding, n, d).is_some() {
                fast += 1;
            }
            same_pct(rounding, n, d);
        }
        assert!(fast > tries / 3, "{fast} of {tries}");
    }

    #[test]
    fn integer_pct_on_tricky_values() {
        let values = [
            dec!(95),
            dec!(95.0),
            dec!(95.00),
            dec!(-95),
            dec!(0),
            dec!(0.00),
            dec!(2),
            dec!(3),
            dec!(7),
            dec!(1.005),
            dec!(0.001),
            dec!(100),
            dec!(12000),
            dec!(13320),
            dec!(21),
            dec!(23),
            dec!(0.5),
            dec!(0.125),
            dec!(8),
            dec!(16),
            dec!(999999999999999),
            dec!(0.000000001),
            dec!(1000000000000000),
            dec!(33.333),
            dec!(66.67),
            dec!(1.2345678901),
        ];
        for rounding in ROUNDINGS {
            for n in values {
                for d in values {
                    same_pct(rounding, n, d);
                }
            }
        }
        // The fast path answers the common cases.
        let r = Rounding::TwoStageHalfUp;
        assert_eq!(pct_in_integers(r, dec!(23), dec!(21)), Some(dec!(109.52)));
        assert_eq!(
            pct_in_integers(r, dec!(95), dec!(95)).map(|x| x.to_string()),
            Some("100".into())
        );
        assert_eq!(
            pct_in_integers(r, dec!(98.5), dec!(98)).map(|x| x.to_string()),
            Some("100.51".into())
        );
        assert_eq!(pct_in_integers(r, dec!(1), dec!(3)), Some(dec!(33.33)));
        assert_eq!(
            pct_in_integers(Rounding::Truncate, dec!(2), dec!(3)),
            Some(dec!(66.66))
        );
        // Left to `Decimal`, whose scale depends on how it trims zeros: 1187.5 comes out as
        // `1187.50`, 125 from 1 / 0.8 as `125.0`, 12.5 as `12.5`.
        assert_eq!(pct_in_integers(r, dec!(95), dec!(8)), None);
        assert_eq!(pct_in_integers(r, dec!(1), dec!(0.8)), None);
        assert_eq!(pct_in_integers(r, dec!(1), dec!(8)), None);
    }

    /// Met forward rows give the same score through the percentage-only path.
    #[test]
    fn met_rows_score_as_before() {
        for p in profile::all() {
            for (t, a, w) in [
                (dec!(3), dec!(3), dec!(10)),
                (dec!(3), dec!(5), dec!(7.5)),
                (dec!(0.3), dec!(0.31), dec!(2)),
                (dec!(100), dec!(382), dec!(4)),
                (dec!(0.000001), dec!(1000000000), dec!(100)),
            ] {
                let s = forward(&p, t, a, w, false);
                let (pct, raw) = scale(&p, a, t, w).unwrap();
                let expected = if p.caps_scores {
                    full(w, Some(pct))
                } else {
                    IndicatorScore {
                        computed: Some(cap(&p, raw, w)),
                        completion_pct: Some(pct),
                        met: Some(true),
                        ..IndicatorScore::new(ScoreMethod::Proportional)
                    }
                };
                assert_eq!(s, expected, "{} {t} {a} {w}", p.name);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn indicator_never_panics_and_stays_in_bounds(
            t in proptest::num::i64::ANY, ts in 0u32..28,
            v in proptest::num::i64::ANY, vs in 0u32..28,
            w in 0i64..10_000, cmp in 0usize..7, rule in 0usize..3,
        ) {
            let cmps = [Comparator::AtLeast, Comparator::Greater, Comparator::Equal, Comparator::AtMost,
                        Comparator::Less, Comparator::Range, Comparator::Implicit];
            let w = Decimal::new(w, 2);
            let mut target = tgt(cmps[cmp], Some(Decimal::new(t, ts)), None);
            target.upper = Some(Decimal::new(t, ts).saturating_mul(dec!(2)));
            let p = match rule {
                0 => central(),
                1 => Profile { reverse_rule: ReverseRule::Ratio, rounding: Rounding::SingleStageHalfUp, ..central() },
                _ => Profile { equal_rule: EqualRule::Exact, rounding: Rounding::Truncate, ..central() },
            };
            let s = indicator(&p, &ind(target, a(Decimal::new(v, vs)), w, w));
            if let Some(c) = s.computed {
                proptest::prop_assert!(c >= Decimal::ZERO && c <= w, "{c} not in [0, {w}]");
            }
            let e = execution(&p, Some(Decimal::new(t, ts)), Some(Decimal::new(v, vs)));
            if let Some(c) = e.score {
                proptest::prop_assert!(c >= Decimal::ZERO && c <= dec!(10));
            }
        }
    }
}
