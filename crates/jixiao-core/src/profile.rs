//! Scoring profiles: every parameter of the 自评 scoring rules that varies by region or family.
//!
//! The spec (`shared/spec/domain.md`, §A and the A.10 summary) tags each rule [V] (verified at a
//! source), [R] (recalled official wording) or INFERRED (a design proposal). Every INFERRED rule
//! is a parameter here rather than a constant in `score`, so a profile can switch it.
//! A [`Profile`] is plain data: `jixiao profiles` prints it as JSON.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{AmountUnit, Comparator, Level1};

/// How the budget-execution score (`s_exec`) is derived from the execution rate (A.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecFormula {
    /// `s_exec = rate% × w_exec / 100`, capped at `w_exec` when `cap` (C5/C7 [V]).
    /// The older C4 [V] did not cap (INFERRED: a defect); the budget-20 family prints uncapped scores.
    Linear { cap: bool },
    /// Banded score (江西, C7 [V]): `(min rate %, score)` pairs, highest first; the first band whose
    /// minimum the (rounded) rate reaches gives the score; below every band the score is 0.
    Bands(Vec<(Decimal, Decimal)>),
}

/// What the execution score is when 全年预算数 `B = 0` (A.3 edge cases; R07 fires in every case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroBudget {
    /// No rate and no score: the score is not computed from a zero total (T14; C10 [V] reports an
    /// ERROR). Default.
    NotScored,
    /// Rate 0 and score 0 (C7 general mode [V]).
    ScoreZero,
    /// Rate 100% and full score when something was executed, else rate 0 / score 0 (C7 浙江 [V]).
    FullIfExecuted,
}

/// Where and how scores and percentages are rounded (A.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// `pct = round2(100·a/t)` half-up, then `s = round(pct·w/100)` half-up. INFERRED default: the
    /// only rule that reproduces both seed examples (5.98 and 6.50).
    TwoStageHalfUp,
    /// `s = round(w·a/t)` half-up from the unrounded ratio (the percentage is still shown rounded).
    SingleStageHalfUp,
    /// Two stages, each truncated toward zero (C2's `getPointNum` string cut [V]).
    Truncate,
}

/// Ratio for a reverse (≤, <) indicator whose actual is above the target (A.4, Q1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReverseRule {
    /// `ratio = 1 − (a − t)/t`, 0 from `a ≥ 2t` (C1 `selfreverseindex` [V]). Default.
    Linear,
    /// `ratio = t / a` (S7 填表说明 [V]).
    Ratio,
}

/// How an "=" target with `t > 0` is scored (A.4, Q2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EqualRule {
    /// `a ≥ t` is met, below scores `a/t` (C1 `selfequalindex` [V]). Default.
    AtLeast,
    /// Only `a = t` is met: below scores `a/t`, above uses the reverse rule against `t`
    /// (河北/天津 flag any `a ≠ t`, C2 [V]; the scoring above `t` is INFERRED).
    Exact,
}

/// Not-applicable indicators (A.8, Q8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NaHandling {
    /// The N/A row has weight 0 and its points are moved to other rows ([R] 办法). Default.
    ZeroWeightRedistribute,
    /// `S' = 100 × Σ_applicable s / Σ_applicable w` (S7 [V], `RENORMALISE_NA`).
    Renormalise,
}

/// Which amount the execution rate divides by (A.3: 全年预算数 `B`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecBudget {
    /// 全年预算数 (调整后预算数, 预算数): A.3, S10/S11 and C7 [V]. Default.
    Adjusted,
    /// 全年预算数, else 年初预算数 when the form prints no 全年 column: the 北京 2016 / 江西 2017
    /// block is `年初(A) / 执行(B) / … / 执行率`, so the rate is B/A (INFERRED from the letters).
    AdjustedOrInitial,
    /// 到位数 (money that arrived), else 全年预算数. An option for 河北 forms that print
    /// 到位数 (INFERRED; no source says which denominator 预算执行进度 uses).
    Arrived,
}

/// How a form that weights its rows by 权重占比 (河北) is recomputed: 折算得分 = 单项指标得分 ×
/// 权重占比 (`formats.md`), and the total is the sum of the 折算得分.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShareWeighting {
    /// 权重占比 is printed in percent (`20`, `20%`: a fifth), as the `(%)` in its header says
    /// (INFERRED); `false` reads it as a ratio (`0.2`).
    pub share_in_percent: bool,
    /// Decimal places each 折算得分 is rounded to, with the profile's `rounding` strategy (half-up
    /// by default), in one step from the exact product: 2 (INFERRED, as A.7 for scores).
    pub decimals: u32,
}

impl Default for ShareWeighting {
    fn default() -> Self {
        ShareWeighting {
            share_in_percent: true,
            decimals: 2,
        }
    }
}

/// One grade band: totals `≥ min` (and below the next band up) get this grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeBand {
    /// Inclusive lower bound.
    pub min: Decimal,
    /// The grade word printed on forms (`优`).
    pub label: &'static str,
    /// Stable English code (`excellent`).
    pub code: &'static str,
}

/// Used only when a hand-built profile has no grade bands at all.
static FALLBACK_GRADE: GradeBand = GradeBand {
    min: Decimal::ZERO,
    label: "差",
    code: "poor",
};

/// The full set of scoring parameters of one regional profile (A.10).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Stable id (`central_2020`), used on the command line and stored with each form.
    pub name: &'static str,
    /// Chinese title shown to users.
    pub title: &'static str,
    /// What the profile is for and where its rules come from.
    pub description: &'static str,
    /// Whether forms of this family carry scores at all (false: read and checked, never totalled).
    pub scored: bool,
    /// 预算执行率 weight `w_exec`: 10 ([R] 办法; S3, S8, S9 [V]); 湖北 20 (C7 [V]).
    pub exec_weight: Decimal,
    /// Level-1 weights 产出 50 / 效益 30 / 满意度 10 ([R] W1; S3, S8 [V]). A default that raises a
    /// WARNING when not followed (R14), never a hard constraint.
    pub level1_weights: Vec<(Level1, Decimal)>,
    /// The level-1 split is free within `indicator_weight_total` (四川, S10 [V]); R14 then checks
    /// only the total.
    pub level1_split_free: bool,
    /// Σ indicator weights: 90 (100 − `exec_weight`).
    pub indicator_weight_total: Decimal,
    /// Shape of the execution score (A.3, Q6): linear capped [V] by default.
    pub exec_formula: ExecFormula,
    /// Policy for `B = 0` (A.3): not scored by default (T14).
    pub zero_budget: ZeroBudget,
    /// The execution rate's denominator (A.3): 全年预算数 by default.
    pub exec_budget: ExecBudget,
    /// 折算得分 = 单项指标得分 × 权重占比 for forms that print 权重占比 (河北); also how a
    /// 重庆 指标得分 = 指标权重 × 得分系数 is rounded (`score_decimals`, `rounding`: INFERRED).
    pub share_weighting: ShareWeighting,
    /// Rounding (A.7, Q5): two-stage half-up, INFERRED.
    pub rounding: Rounding,
    /// Decimal places of a score (percentages always keep 2): 2 by default; the budget-20 family
    /// prints 1 (sample 016).
    pub score_decimals: u32,
    /// Reverse-indicator rule (A.4, Q1): `Linear` (C1 [V]).
    pub reverse_rule: ReverseRule,
    /// "=" rule (A.4, Q2): `AtLeast` (C1 [V]). With `t = 0` every profile uses the binary rule
    /// `a ≤ 0` → full, else 0 (C1/C8 [V]); the same rule for reverse ops is INFERRED.
    pub equal_rule: EqualRule,
    /// How a bare number target (`Comparator::Implicit`) is read: ≥ (INFERRED, B.4).
    pub implicit_comparator: Comparator,
    /// How a bare number target under a 成本 level-2 (or the 成本 level-1) is read. INFERRED
    /// (B.4: "≥ for 数量/质量 and ≤ for 成本"): a cost figure is a ceiling, so the default is ≤.
    /// The seed bears it out: `62万` budgeted, `46.86万` spent, full marks.
    pub implicit_cost_comparator: Comparator,
    /// `>`/`<` count equality as met, like ≥/≤ (C1 [V]; INFERRED to keep, Q13).
    pub strict_as_inclusive: bool,
    /// A negative actual is scored as 0 (C1–C3 [V]).
    pub negative_actual_as_zero: bool,
    /// Scores are capped at their weight (A.1.3, C2/C3 [V]); false for the budget-20 family whose
    /// printed scores are `w × a/t` uncapped (sample 016).
    pub caps_scores: bool,
    /// θ_over: `a/t` from which an overshoot needs an explanation (R35): 1.2 (C2 [V]); 广西 1.3 [V].
    pub overshoot_threshold: Decimal,
    /// θ_low: `a/t` from which full marks suggest a too-low target (R36): 1.5, INFERRED.
    pub target_too_low_threshold: Decimal,
    /// Qualitative band edges as fractions of the weight `(A min, B min)`: (0.8, 0.6) ([R] 办法;
    /// C1/C2 [V]); each edge is rounded to 2 d.p. before comparing (C1).
    pub qualitative_bands: (Decimal, Decimal),
    /// Not-applicable indicators (A.8, Q8): weight 0 + redistribution ([R]).
    pub na_handling: NaHandling,
    /// Grade bands, highest first, lower bound inclusive: 优 90 / 良 80 / 中 60 / 差 ([R] 办法; S4 [V]).
    pub grade_bands: Vec<GradeBand>,
    /// Comparison tolerance ε for recomputed values: 0.01 (A.7, INFERRED; C10 [V] uses 0.1).
    pub tolerance: Decimal,
    /// The amount unit forms of this family use: 万元 (S8–S11 [V]); 深圳 元 (seed, INFERRED).
    pub amount_unit: AmountUnit,
    /// Every indicator weight must be > 0 (C8 switch [V]); off by default.
    pub weight_positive_required: bool,
    /// An execution rate below this (percent) needs a reason (R09): 四川 90 (S10 [V]); none by default.
    pub low_exec_reason_threshold: Option<Decimal>,
    /// R24: more 产出 level-3 rows than this is reported (INFERRED 10; S13 [V]).
    pub max_output_indicators: usize,
    /// R10 δ: indicator completion ahead of spending by more than this share (C6 [V] 0.05;
    /// INFERRED default 0.2).
    pub perf_vs_spend_delta: Decimal,
    /// R11: unspent share `(B − E)/B` above this is reported (C6 [V] 0.2).
    pub large_unspent_share: Decimal,
    /// Rule codes (or prefixes such as `JX8`) switched off by default for this profile; a
    /// `jixiao.toml` or `--select` can switch them back on.
    pub default_ignore: Vec<&'static str>,
    /// Thresholds of review rules that the spec does not fix (INFERRED): parameters, not facts.
    pub review: ReviewThresholds,
}

/// Thresholds of review rules that no source fixes (all INFERRED): kept here so that a region
/// with other practice changes a profile, not a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewThresholds {
    /// JX603: a total at or above this is examined for signs of inflation (95).
    pub inflated_total: Decimal,
    /// JX603: full marks on every indicator with an execution rate (percent) below this is one
    /// such sign (95).
    pub full_marks_exec_rate: Decimal,
    /// JX703: an execution rate (percent) below which full marks on every 产出 indicator are
    /// reported (60: the lowest band of the 江西 banded score, C7 [V], and the 中/差 boundary).
    pub low_exec_full_output_rate: Decimal,
    /// JX309: a total-cost ceiling below this share of the budget is reported (0.5).
    pub cost_target_low_share: Decimal,
    /// JX204: 其他满意度 is a legal level-2 under 满意度 (the 深圳 seed has it).
    pub other_satisfaction_allowed: bool,
    /// JX204: a 满意度 二级 (服务对象满意度指标) is legal under 效益: the 银川 decision frame's
    /// 项目效益(35分) includes 满意度 (S12 [V]); elsewhere 满意度指标 is a level-1 of its own.
    pub satisfaction_under_outcome: bool,
    /// JX802: targets shared by two forms count as copied from this many identical pairs (3) …
    pub copied_targets_min_shared: usize,
    /// … making at least this percent of the smaller form's targets (50).
    pub copied_targets_min_share_pct: usize,
    /// JX802: overall goals shorter than this many characters are not compared (10).
    pub copied_goal_min_chars: usize,
    /// JX803: a total at or above this counts as full marks (99.5) …
    pub unit_full_marks: Decimal,
    /// … for a unit with at least this many complete forms (3).
    pub unit_full_marks_min_forms: usize,
    /// JX804: outlier fences need at least this many scored forms (8) …
    pub outlier_min_forms: usize,
    /// … and use an interquartile range of at least this (1 point).
    pub outlier_min_iqr: Decimal,
}

impl Default for ReviewThresholds {
    fn default() -> Self {
        ReviewThresholds {
            inflated_total: d(95),
            full_marks_exec_rate: d(95),
            low_exec_full_output_rate: d(60),
            cost_target_low_share: dec(5, 1),
            other_satisfaction_allowed: false,
            satisfaction_under_outcome: false,
            copied_targets_min_shared: 3,
            copied_targets_min_share_pct: 50,
            copied_goal_min_chars: 10,
            unit_full_marks: dec(995, 1),
            unit_full_marks_min_forms: 3,
            outlier_min_forms: 8,
            outlier_min_iqr: Decimal::ONE,
        }
    }
}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

/// `n / 10^scale` (e.g. `dec(12, 1)` = 1.2).
fn dec(n: i64, scale: u32) -> Decimal {
    Decimal::new(n, scale)
}

fn grade_bands_90_80_60() -> Vec<GradeBand> {
    vec![
        GradeBand {
            min: d(90),
            label: "优",
            code: "excellent",
        },
        GradeBand {
            min: d(80),
            label: "良",
            code: "good",
        },
        GradeBand {
            min: d(60),
            label: "中",
            code: "fair",
        },
        GradeBand {
            min: Decimal::ZERO,
            label: "差",
            code: "poor",
        },
    ]
}

fn grade_bands_80_70_60() -> Vec<GradeBand> {
    vec![
        GradeBand {
            min: d(80),
            label: "优",
            code: "excellent",
        },
        GradeBand {
            min: d(70),
            label: "良",
            code: "good",
        },
        GradeBand {
            min: d(60),
            label: "中",
            code: "fair",
        },
        GradeBand {
            min: Decimal::ZERO,
            label: "差",
            code: "poor",
        },
    ]
}

impl Profile {
    /// The grade band `total` falls in (lower bounds inclusive, so 89.5 → 良).
    /// A total below every band gets the lowest band.
    pub fn grade(&self, total: Decimal) -> &GradeBand {
        self.grade_bands
            .iter()
            .find(|b| total >= b.min)
            .or_else(|| self.grade_bands.iter().min_by_key(|b| b.min))
            .unwrap_or(&FALLBACK_GRADE)
    }

    /// The nominal weight of a level-1 category, if the profile sets one.
    pub fn level1_weight(&self, level1: Level1) -> Option<Decimal> {
        self.level1_weights
            .iter()
            .find(|(l, _)| *l == level1)
            .map(|(_, w)| *w)
    }

    /// Σ of all weights (execution + indicators): 100 for every built-in profile.
    pub fn total_weight(&self) -> Decimal {
        self.exec_weight
            .checked_add(self.indicator_weight_total)
            .unwrap_or(Decimal::MAX)
    }

    /// The default profile: the 财政部 rules (财预〔2020〕10号).
    pub fn central_2020() -> Profile {
        Profile {
            name: "central_2020",
            title: "财政部项目支出绩效自评（2020）",
            description: "财预〔2020〕10号 rules: 预算执行率 10 + 产出 50 + 效益 30 + 满意度 10; \
                          linear execution score capped at 10; two-stage half-up rounding; \
                          grades 优 ≥90 / 良 ≥80 / 中 ≥60 / 差. Amounts in 万元.",
            scored: true,
            exec_weight: d(10),
            level1_weights: vec![
                (Level1::Output, d(50)),
                (Level1::Outcome, d(30)),
                (Level1::Satisfaction, d(10)),
            ],
            level1_split_free: false,
            indicator_weight_total: d(90),
            exec_formula: ExecFormula::Linear { cap: true },
            zero_budget: ZeroBudget::NotScored,
            exec_budget: ExecBudget::Adjusted,
            share_weighting: ShareWeighting::default(),
            rounding: Rounding::TwoStageHalfUp,
            score_decimals: 2,
            reverse_rule: ReverseRule::Linear,
            equal_rule: EqualRule::AtLeast,
            implicit_comparator: Comparator::AtLeast,
            implicit_cost_comparator: Comparator::AtMost,
            strict_as_inclusive: true,
            negative_actual_as_zero: true,
            caps_scores: true,
            overshoot_threshold: dec(12, 1),
            target_too_low_threshold: dec(15, 1),
            qualitative_bands: (dec(8, 1), dec(6, 1)),
            na_handling: NaHandling::ZeroWeightRedistribute,
            grade_bands: grade_bands_90_80_60(),
            tolerance: dec(1, 2),
            amount_unit: AmountUnit::WanYuan,
            weight_positive_required: false,
            low_exec_reason_threshold: None,
            max_output_indicators: 10,
            perf_vs_spend_delta: dec(2, 1),
            large_unspent_share: dec(2, 1),
            default_ignore: Vec::new(),
            review: ReviewThresholds::default(),
        }
    }

    /// 深圳/罗湖 2022 (the seed): central rules, amounts in 元, 满意度 has 其他满意度.
    pub fn shenzhen_2022() -> Profile {
        Profile {
            name: "shenzhen_2022",
            title: "深圳市项目支出绩效自评（2022）",
            description: "Shenzhen/Luohu seed forms: scoring identical to central_2020; amounts in 元 \
                          (INFERRED from the seed); 满意度 adds 其他满意度. No Shenzhen rule text found (Q12).",
            amount_unit: AmountUnit::Yuan,
            review: ReviewThresholds {
                other_satisfaction_allowed: true,
                ..ReviewThresholds::default()
            },
            ..Profile::central_2020()
        }
    }

    /// 湖北: execution worth 20 (C7 [V]); the indicators then share 80.
    pub fn hubei() -> Profile {
        Profile {
            name: "hubei",
            title: "湖北省项目支出绩效自评",
            description: "C7 湖北 mode: 预算执行率 20 = min(20, rate% × 20 / 100); indicators share 80. \
                          The level-1 split is not known: nominal 产出 40 / 效益 30 / 满意度 10 (INFERRED), \
                          only the 80 total is checked.",
            exec_weight: d(20),
            level1_weights: vec![
                (Level1::Output, d(40)),
                (Level1::Outcome, d(30)),
                (Level1::Satisfaction, d(10)),
            ],
            level1_split_free: true,
            indicator_weight_total: d(80),
            ..Profile::central_2020()
        }
    }

    /// 江西: banded execution score (C7 [V]).
    pub fn jiangxi() -> Profile {
        Profile {
            name: "jiangxi",
            title: "江西省项目支出绩效自评",
            description: "C7 江西 mode: execution score by bands: rate 100% → 10, ≥80% → 7, ≥60% → 5, \
                          below → 0. The 2017 form's 得分计算方法 / 评分标准 column is read and shown, \
                          never applied; a block with only 年初(A) / 执行(B) is rated B/A (INFERRED). \
                          Otherwise central_2020.",
            exec_formula: ExecFormula::Bands(vec![(d(100), d(10)), (d(80), d(7)), (d(60), d(5))]),
            exec_budget: ExecBudget::AdjustedOrInitial,
            ..Profile::central_2020()
        }
    }

    /// 北京 2016: the central form with a 得分计算方法 column.
    pub fn beijing_2016() -> Profile {
        Profile {
            name: "beijing_2016",
            title: "北京市项目支出绩效自评（2016）",
            description: "北京 2016 form (formats.md): 年初(A) / 执行(B) / 分值 / 执行率 / 得分 / 得分计算方法, \
                          and a 得分计算方法 or 评分标准 text column beside the indicators (`每降5%扣1分`); \
                          fractional weights (12.5). The method text is read and shown, never parsed or \
                          applied. No 北京 rule text was found: the rate is B/A when no 全年预算数 is printed \
                          (INFERRED from the column letters) and scoring is otherwise central_2020 (INFERRED).",
            exec_budget: ExecBudget::AdjustedOrInitial,
            ..Profile::central_2020()
        }
    }

    /// 河北 weighted forms: each row's 单项指标得分 is scaled by its 权重占比 into a 折算得分.
    pub fn hebei_weighted() -> Profile {
        Profile {
            name: "hebei_weighted",
            title: "河北省项目支出绩效自评（权重占比折算）",
            description: "河北 weighted family (formats.md): funds 预算数 / 到位数 / 执行数 / 预算执行进度; \
                          indicators 指标分值 / 单项指标得分 / 权重占比(%) / 折算得分 = 单项指标得分 × 权重占比. \
                          Each 折算得分 is recomputed exactly and the total is Σ 折算得分 (rounded rows, \
                          INFERRED). INFERRED, no rule text found: 权重占比 in percent; 折算得分 rounded \
                          half-up to 2 d.p. in one step; the budget block carries no points (execution \
                          weight 0 unless the row prints a 分值) and its rate is 执行数 / 预算数 (到位数 is \
                          shown; exec_budget = arrived switches to it); 权重占比 adds up to 100, the level-1 \
                          split 60/30/10 is nominal only (split free); grades 90/80/60 as central_2020.",
            exec_weight: Decimal::ZERO,
            level1_weights: vec![
                (Level1::Output, d(60)),
                (Level1::Outcome, d(30)),
                (Level1::Satisfaction, d(10)),
            ],
            level1_split_free: true,
            indicator_weight_total: d(100),
            ..Profile::central_2020()
        }
    }

    /// 浙江: `B = 0` with money executed counts as 100% (C7 [V]).
    pub fn zhejiang() -> Profile {
        Profile {
            name: "zhejiang",
            title: "浙江省项目支出绩效自评",
            description: "C7 浙江 mode: B = 0 with a non-zero execution → rate 100%. The 执行回溯 column \
                          added to the numerator is not modelled: the reader folds it into 全年执行数.",
            zero_budget: ZeroBudget::FullIfExecuted,
            ..Profile::central_2020()
        }
    }

    /// 广西: overshoot explanation from 130% (C2 [V]).
    pub fn guangxi() -> Profile {
        Profile {
            name: "guangxi",
            title: "广西壮族自治区项目支出绩效自评",
            description: "C2 广西 mode: an actual ≥ 130% of the target needs a 偏差原因 \
                          (实际完成情况超计划较大); 定性 rows need a description. Otherwise central_2020.",
            overshoot_threshold: dec(13, 1),
            ..Profile::central_2020()
        }
    }

    /// 四川 部门预算项目支出绩效自评表 (2023): 预算执行情况 10 + 绩效指标 90 (S10/S11 [V]).
    pub fn sichuan_2023() -> Profile {
        Profile {
            name: "sichuan_2023",
            title: "四川省部门预算项目支出绩效自评（2023）",
            description: "S10/S11: 预算执行情况(10分) + 绩效指标(90分), level-1 split free within 90, \
                          weights spelled 权重; a rate below 90% must be explained. Amounts in 万元.",
            level1_split_free: true,
            low_exec_reason_threshold: Some(d(90)),
            ..Profile::central_2020()
        }
    }

    /// Budget 20 + targets 80 (云南保山, sample 016): uncapped `w × a/t` scores, 1 decimal.
    pub fn budget20_target80() -> Profile {
        Profile {
            name: "budget20_target80",
            title: "预算执行20分+绩效目标80分",
            description: "Yunnan Baoshan family (sample 016): execution 20 × rate, indicators 80 scored \
                          w × a/t without caps, printed to 1 decimal. Level-1 split 40/30/10 read off \
                          sample 016 (INFERRED), only the 80 total is checked.",
            exec_weight: d(20),
            level1_weights: vec![
                (Level1::Output, d(40)),
                (Level1::Outcome, d(30)),
                (Level1::Satisfaction, d(10)),
            ],
            level1_split_free: true,
            indicator_weight_total: d(80),
            exec_formula: ExecFormula::Linear { cap: false },
            score_decimals: 1,
            caps_scores: false,
            tolerance: dec(1, 1),
            ..Profile::central_2020()
        }
    }

    /// The decision / management / performance frame (湖北 2+13+85, 银川 10+25+30+35).
    pub fn decision_management_performance() -> Profile {
        Profile {
            name: "decision_management_performance",
            title: "项目决策/项目管理/项目绩效框架",
            description: "湖北 (项目决策 2 + 项目管理 13 + 项目绩效 85) and 银川 (决策 10 + 管理 25 + 产出 30 + \
                          效益 35, S12 [V]) forms: every item is scored with the 分值 printed in its section, \
                          the total is the sum of the 自评分 and the grade comes from the bands below \
                          (90/80/60, INFERRED: the forms print no band set). The budget block (by source) \
                          carries no points of its own (银川 counts 预算执行率 as an item inside 项目管理, \
                          S12 [V]; for 湖北 INFERRED from the 2+13+85 frame), so the execution weight is 0; the sections' weights must add up to 100. The \
                          level-1 split is the form's own (no nominal split). 复核分 and 评价标准 are read, \
                          the 评价标准 text is shown, never applied.",
            exec_weight: Decimal::ZERO,
            level1_weights: Vec::new(),
            level1_split_free: true,
            indicator_weight_total: d(100),
            review: ReviewThresholds {
                satisfaction_under_outcome: true,
                ..ReviewThresholds::default()
            },
            ..Profile::central_2020()
        }
    }

    /// Families with no 分值/得分 by design (county 专项资金, transfer payments).
    pub fn no_score() -> Profile {
        Profile {
            name: "no_score",
            title: "不评分（仅填报完成值）",
            description: "Families without 分值, 得分 or 总分 (e.g. county 专项资金, 转移支付区域绩效自评表): \
                          read and checked, never scored or totalled.",
            scored: false,
            ..Profile::central_2020()
        }
    }

    /// Central rules with the older 80/70/60 grade bands (C4/C5 [V]).
    pub fn legacy_80_70_60() -> Profile {
        Profile {
            name: "legacy_80_70_60",
            title: "旧版等级（优≥80/良≥70/中≥60）",
            description: "pmkpi C4/C5 deployments: grades 优 ≥ 80 / 良 [70,80) / 中 [60,70) / 差 < 60; \
                          execution capped at 10 (C5). Otherwise central_2020.",
            grade_bands: grade_bands_80_70_60(),
            ..Profile::central_2020()
        }
    }
}

/// The built-in profiles by id, default first: one constructor each, so that looking one up
/// (once per form) builds only that profile.
type Constructor = fn() -> Profile;

const BUILT_IN: &[(&str, Constructor)] = &[
    ("central_2020", Profile::central_2020),
    ("shenzhen_2022", Profile::shenzhen_2022),
    ("hubei", Profile::hubei),
    ("jiangxi", Profile::jiangxi),
    ("beijing_2016", Profile::beijing_2016),
    ("hebei_weighted", Profile::hebei_weighted),
    ("zhejiang", Profile::zhejiang),
    ("guangxi", Profile::guangxi),
    ("sichuan_2023", Profile::sichuan_2023),
    ("budget20_target80", Profile::budget20_target80),
    (
        "decision_management_performance",
        Profile::decision_management_performance,
    ),
    ("no_score", Profile::no_score),
    ("legacy_80_70_60", Profile::legacy_80_70_60),
];

/// Every built-in profile, default first.
pub fn all() -> Vec<Profile> {
    BUILT_IN.iter().map(|(_, make)| make()).collect()
}

/// The built-in profile with this id (`central_2020`, ...).
pub fn by_name(name: &str) -> Option<Profile> {
    get(name).cloned()
}

/// [`by_name`] without a copy: the built-in profiles are built once per process (the pipeline
/// looks a profile up for every form; building all ten each time cost ~40 allocations a form).
pub fn get(name: &str) -> Option<&'static Profile> {
    static ALL: std::sync::OnceLock<Vec<Profile>> = std::sync::OnceLock::new();
    let name = name.trim();
    ALL.get_or_init(all).iter().find(|p| p.name == name)
}

/// The default profile (`central_2020`).
pub fn default_profile() -> Profile {
    Profile::central_2020()
}

/// [`default_profile`] without a copy.
pub fn default_ref() -> &'static Profile {
    static DEFAULT: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(default_profile)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn default_is_central_2020() {
        let p = default_profile();
        assert_eq!(p.name, "central_2020");
        assert_eq!(p.exec_weight, dec!(10));
        assert_eq!(p.indicator_weight_total, dec!(90));
        assert_eq!(p.level1_weight(Level1::Output), Some(dec!(50)));
        assert_eq!(p.level1_weight(Level1::Outcome), Some(dec!(30)));
        assert_eq!(p.level1_weight(Level1::Satisfaction), Some(dec!(10)));
        assert_eq!(p.level1_weight(Level1::Cost), None);
        assert_eq!(p.rounding, Rounding::TwoStageHalfUp);
        assert_eq!(p.reverse_rule, ReverseRule::Linear);
        assert_eq!(p.equal_rule, EqualRule::AtLeast);
        assert_eq!(p.zero_budget, ZeroBudget::NotScored);
        assert_eq!(p.overshoot_threshold, dec!(1.2));
        assert_eq!(p.qualitative_bands, (dec!(0.8), dec!(0.6)));
        assert_eq!(p.tolerance, dec!(0.01));
        assert_eq!(p.amount_unit, AmountUnit::WanYuan);
        assert!(p.scored && p.caps_scores && p.strict_as_inclusive && p.negative_actual_as_zero);
    }

    #[test]
    fn every_profile_totals_100_and_names_are_unique() {
        let all = all();
        assert_eq!(all.len(), 13);
        for p in &all {
            assert_eq!(p.total_weight(), dec!(100), "{}", p.name);
            // A profile without a nominal level-1 split (the decision frame) only fixes the total.
            let l1: Decimal = p.level1_weights.iter().map(|(_, w)| *w).sum();
            if !p.level1_weights.is_empty() {
                assert_eq!(l1, p.indicator_weight_total, "{}", p.name);
            } else {
                assert!(p.level1_split_free, "{}", p.name);
            }
            assert!(!p.grade_bands.is_empty());
            // The lookup table's id is the profile's own name.
            assert_eq!(by_name(p.name).as_ref(), Some(p));
            assert_eq!(all.iter().filter(|q| q.name == p.name).count(), 1);
        }
        assert!(by_name("nope").is_none());
    }

    #[test]
    fn regional_parameters() {
        let hubei = by_name("hubei").unwrap();
        assert_eq!(
            (hubei.exec_weight, hubei.indicator_weight_total),
            (dec!(20), dec!(80))
        );
        assert!(matches!(
            by_name("jiangxi").unwrap().exec_formula,
            ExecFormula::Bands(_)
        ));
        assert_eq!(
            by_name("zhejiang").unwrap().zero_budget,
            ZeroBudget::FullIfExecuted
        );
        assert_eq!(by_name("guangxi").unwrap().overshoot_threshold, dec!(1.3));
        let sc = by_name("sichuan_2023").unwrap();
        assert_eq!(sc.low_exec_reason_threshold, Some(dec!(90)));
        assert!(sc.level1_split_free);
        let b20 = by_name("budget20_target80").unwrap();
        assert!(!b20.caps_scores);
        assert_eq!(b20.exec_formula, ExecFormula::Linear { cap: false });
        assert!(!by_name("no_score").unwrap().scored);
        assert_eq!(
            by_name("shenzhen_2022").unwrap().amount_unit,
            AmountUnit::Yuan
        );
        let bj = by_name("beijing_2016").unwrap();
        assert_eq!(bj.exec_budget, ExecBudget::AdjustedOrInitial);
        assert_eq!(bj.exec_formula, ExecFormula::Linear { cap: true });
        let hb = by_name("hebei_weighted").unwrap();
        assert_eq!(
            (hb.exec_weight, hb.indicator_weight_total),
            (dec!(0), dec!(100))
        );
        assert_eq!(
            hb.share_weighting,
            ShareWeighting {
                share_in_percent: true,
                decimals: 2
            }
        );
        assert!(hb.level1_split_free && hb.scored);
    }

    #[test]
    fn grade_bands_central_boundaries() {
        let p = default_profile();
        assert_eq!(p.grade(dec!(100)).label, "优");
        assert_eq!(p.grade(dec!(90)).label, "优");
        assert_eq!(p.grade(dec!(89.99)).label, "良");
        assert_eq!(p.grade(dec!(89.5)).label, "良");
        assert_eq!(p.grade(dec!(80)).code, "good");
        assert_eq!(p.grade(dec!(79.99)).label, "中");
        assert_eq!(p.grade(dec!(60)).label, "中");
        assert_eq!(p.grade(dec!(59.99)).label, "差");
        assert_eq!(p.grade(dec!(0)).code, "poor");
        assert_eq!(p.grade(dec!(-5)).label, "差");
    }

    #[test]
    fn grade_bands_legacy() {
        let p = by_name("legacy_80_70_60").unwrap();
        assert_eq!(p.grade(dec!(80)).label, "优");
        assert_eq!(p.grade(dec!(79.99)).label, "良");
        assert_eq!(p.grade(dec!(70)).label, "良");
        assert_eq!(p.grade(dec!(69.99)).label, "中");
        assert_eq!(p.grade(dec!(60)).label, "中");
        assert_eq!(p.grade(dec!(59.99)).label, "差");
    }

    #[test]
    fn grade_without_bands_does_not_panic() {
        let p = Profile {
            grade_bands: Vec::new(),
            ..default_profile()
        };
        assert_eq!(p.grade(dec!(95)).code, "poor");
    }

    #[test]
    fn serialises_to_json() {
        let json = serde_json::to_string(&all()).unwrap();
        assert!(json.contains("\"central_2020\""));
        assert!(json.contains("\"two_stage_half_up\""));
        assert!(json.contains("\"bands\""));
    }
}
