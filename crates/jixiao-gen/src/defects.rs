//! Defect injection: each kind changes one cell (or one small set of cells) of a clean form so
//! that exactly the intended rule code fires, and keeps the rest of the form consistent (totals
//! follow the printed scores, weights still add up, notes stay where points are lost).

use crate::build::World;
use crate::form::{Form, Ind, L1, RowKind, fmt_trim, fmt2};
use crate::render::{Cell, funds_col, ind_col};
use crate::rng::Rng;
use jixiao_core::profile::Profile;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The kinds of injected defect, each tied to the rule code(s) the catalogue must raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefectKind {
    /// A quantitative score that differs from the rule (JX402).
    ScoreRecalc,
    /// 总分 above the sum of the printed scores (JX601).
    TotalInflated,
    /// Execution score not what the rate gives (JX102).
    ExecScoreWrong,
    /// 执行率 not 全年执行数 ÷ 全年预算数 (JX101).
    ExecRateWrong,
    /// Points lost and no 偏差原因 (JX403).
    ReasonMissing,
    /// Score above the weight (JX401).
    ScoreOverWeight,
    /// Weights add to 97.5: 2.5 points moved out of one row (JX201, JX202).
    WeightsTotal,
    /// A level-1 label's weight disagrees with its rows (JX202).
    Level1LabelWeight,
    /// `≤` on a 数量 row (JX307).
    QuantityReverseOp,
    /// `≥` on a 成本 row (JX306).
    CostForwardOp,
    /// A satisfaction actual left blank while keeping its score (JX501).
    SatisfactionActualBlank,
    /// 全年执行数 above 全年预算数 (JX106).
    ExecOverBudget,
    /// 年度资金总额 ≠ Σ 其中 rows (JX105).
    FundsSum,
    /// A `无` placeholder row carrying points (JX205).
    VoidWeighted,
    /// An indicator row printed twice (JX211).
    DuplicateRow,
    /// 项目名称 blank (JX103).
    ProjectNameBlank,
    /// 实际完成情况 of the overall goal blank (JX112).
    GoalAchievedBlank,
    /// A quantitative target with an operator and no unit, `≥5` (JX301).
    UnitMissing,
    /// A template placeholder target, `≥**人` (JX304).
    PlaceholderTarget,
    /// The text stops before 总分 (JX002).
    Truncated,
}

/// Which part of the form a kind touches; two defects of one form never share a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    Header,
    Goals,
    Funds,
    Indicators,
    Total,
    /// Alone on its form.
    Exclusive,
}

impl DefectKind {
    pub const ALL: [DefectKind; 20] = [
        DefectKind::ScoreRecalc,
        DefectKind::TotalInflated,
        DefectKind::ExecScoreWrong,
        DefectKind::ExecRateWrong,
        DefectKind::ReasonMissing,
        DefectKind::ScoreOverWeight,
        DefectKind::WeightsTotal,
        DefectKind::Level1LabelWeight,
        DefectKind::QuantityReverseOp,
        DefectKind::CostForwardOp,
        DefectKind::SatisfactionActualBlank,
        DefectKind::ExecOverBudget,
        DefectKind::FundsSum,
        DefectKind::VoidWeighted,
        DefectKind::DuplicateRow,
        DefectKind::ProjectNameBlank,
        DefectKind::GoalAchievedBlank,
        DefectKind::UnitMissing,
        DefectKind::PlaceholderTarget,
        DefectKind::Truncated,
    ];

    /// Stable snake_case name (the `kind` of a truth entry).
    pub fn name(self) -> &'static str {
        match self {
            DefectKind::ScoreRecalc => "score_recalc",
            DefectKind::TotalInflated => "total_inflated",
            DefectKind::ExecScoreWrong => "exec_score_wrong",
            DefectKind::ExecRateWrong => "exec_rate_wrong",
            DefectKind::ReasonMissing => "reason_missing",
            DefectKind::ScoreOverWeight => "score_over_weight",
            DefectKind::WeightsTotal => "weights_total",
            DefectKind::Level1LabelWeight => "level1_label_weight",
            DefectKind::QuantityReverseOp => "quantity_reverse_op",
            DefectKind::CostForwardOp => "cost_forward_op",
            DefectKind::SatisfactionActualBlank => "satisfaction_actual_blank",
            DefectKind::ExecOverBudget => "exec_over_budget",
            DefectKind::FundsSum => "funds_sum",
            DefectKind::VoidWeighted => "void_weighted",
            DefectKind::DuplicateRow => "duplicate_row",
            DefectKind::ProjectNameBlank => "project_name_blank",
            DefectKind::GoalAchievedBlank => "goal_achieved_blank",
            DefectKind::UnitMissing => "unit_missing",
            DefectKind::PlaceholderTarget => "placeholder_target",
            DefectKind::Truncated => "truncated",
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<DefectKind> {
        DefectKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The rule codes the defect must raise (one truth entry each).
    pub fn codes(self) -> &'static [&'static str] {
        match self {
            DefectKind::ScoreRecalc => &["JX402"],
            DefectKind::TotalInflated => &["JX601"],
            DefectKind::ExecScoreWrong => &["JX102"],
            DefectKind::ExecRateWrong => &["JX101"],
            DefectKind::ReasonMissing => &["JX403"],
            DefectKind::ScoreOverWeight => &["JX401"],
            DefectKind::WeightsTotal => &["JX201", "JX202"],
            DefectKind::Level1LabelWeight => &["JX202"],
            DefectKind::QuantityReverseOp => &["JX307"],
            DefectKind::CostForwardOp => &["JX306"],
            DefectKind::SatisfactionActualBlank => &["JX501"],
            DefectKind::ExecOverBudget => &["JX106"],
            DefectKind::FundsSum => &["JX105"],
            DefectKind::VoidWeighted => &["JX205"],
            DefectKind::DuplicateRow => &["JX211"],
            DefectKind::ProjectNameBlank => &["JX103"],
            DefectKind::GoalAchievedBlank => &["JX112"],
            DefectKind::UnitMissing => &["JX301"],
            DefectKind::PlaceholderTarget => &["JX304"],
            DefectKind::Truncated => &["JX002"],
        }
    }

    pub(crate) fn zone(self) -> Zone {
        match self {
            DefectKind::ProjectNameBlank => Zone::Header,
            DefectKind::GoalAchievedBlank => Zone::Goals,
            DefectKind::ExecScoreWrong
            | DefectKind::ExecRateWrong
            | DefectKind::ExecOverBudget
            | DefectKind::FundsSum => Zone::Funds,
            DefectKind::TotalInflated => Zone::Total,
            DefectKind::Truncated => Zone::Exclusive,
            _ => Zone::Indicators,
        }
    }

    /// What the clean form must offer for this defect.
    pub(crate) fn shape(self, w: &mut World) {
        match self {
            DefectKind::ExecOverBudget => w.overspend = true,
            DefectKind::TotalInflated => w.rate_max_95 = true,
            DefectKind::ScoreRecalc | DefectKind::ReasonMissing => w.shortfall = true,
            DefectKind::QuantityReverseOp => w.exact_quantity = true,
            DefectKind::VoidWeighted => w.placeholders = true,
            _ => {}
        }
    }
}

/// One injected defect: the code it must raise and the cell it changed.
pub(crate) type Injected = (&'static str, DefectKind, Cell);

fn dec(n: i64, scale: u32) -> Decimal {
    Decimal::new(n, scale)
}

fn rows_where(form: &Form, f: impl Fn(&Ind) -> bool) -> Vec<usize> {
    form.inds
        .iter()
        .enumerate()
        .filter(|(_, i)| f(i))
        .map(|(k, _)| k)
        .collect()
}

fn pick_row(rng: &mut Rng, rows: &[usize]) -> Option<usize> {
    (!rows.is_empty()).then(|| rows[rng.index(rows.len())])
}

/// Inject `kind` into `form` (all but [`DefectKind::TotalInflated`], which [`inflate_total`]
/// applies once the total is known). `None` when the form offers no place for it.
pub(crate) fn apply(
    kind: DefectKind,
    form: &mut Form,
    rng: &mut Rng,
    profile: &Profile,
) -> Option<Vec<Injected>> {
    let one = |cell: Cell| Some(vec![(kind.codes()[0], kind, cell)]);
    let real_full =
        |i: &Ind| i.kind != RowKind::Placeholder && i.full() && i.weight > Decimal::ZERO;
    match kind {
        DefectKind::ScoreRecalc => {
            let rows = rows_where(form, |i| {
                matches!(i.kind, RowKind::Quant { .. }) && !i.full() && !i.note.is_empty()
            });
            let k = pick_row(rng, &rows)?;
            let ind = &mut form.inds[k];
            let steps = [
                dec(50, 2),
                dec(100, 2),
                dec(150, 2),
                dec(25, 2),
                dec(200, 2),
            ];
            let start = rng.index(steps.len());
            let new = (0..steps.len()).find_map(|j| {
                let delta = steps[(start + j) % steps.len()];
                let up = ind.score + delta;
                let down = ind.score - delta;
                if up <= ind.weight - dec(5, 2) {
                    Some(up)
                } else if down >= Decimal::ZERO {
                    Some(down)
                } else {
                    None
                }
            })?;
            ind.score = new;
            one(Cell::Ind(k, ind_col::SCORE))
        }
        DefectKind::ReasonMissing => {
            let rows = rows_where(form, |i| i.score < i.weight && !i.note.is_empty());
            let k = pick_row(rng, &rows)?;
            form.inds[k].note.clear();
            one(Cell::Ind(k, ind_col::NOTE))
        }
        DefectKind::ScoreOverWeight => {
            let rows = rows_where(form, |i| i.kind == RowKind::Qual && real_full(i));
            let k = pick_row(rng, &rows)?;
            let delta = *rng.pick(&[dec(50, 2), dec(100, 2), dec(200, 2), dec(500, 2)]);
            form.inds[k].score += delta;
            one(Cell::Ind(k, ind_col::SCORE))
        }
        DefectKind::WeightsTotal => {
            let moved = dec(25, 1);
            let rows = rows_where(form, |i| {
                real_full(i) && i.weight >= dec(35, 1) && {
                    let mut probe = i.clone();
                    probe.weight -= moved;
                    probe.score = probe.weight;
                    i.kind == RowKind::Qual || probe.rule_score(profile) == Some(probe.weight)
                }
            });
            let k = pick_row(rng, &rows)?;
            let ind = &mut form.inds[k];
            ind.weight -= moved;
            ind.score = ind.weight;
            let cell = Cell::Ind(k, ind_col::WEIGHT);
            Some(vec![("JX201", kind, cell), ("JX202", kind, cell)])
        }
        DefectKind::Level1LabelWeight => {
            let l1 = *rng.pick(&L1::ALL);
            let first = form.inds.iter().position(|i| i.l1 == l1)?;
            let old = l1.weight();
            let deltas = [dec(5, 0), dec(-5, 0), dec(10, 0), dec(-10, 0)];
            let start = rng.index(deltas.len());
            let new = (0..deltas.len())
                .map(|j| old + deltas[(start + j) % deltas.len()])
                .find(|n| *n > Decimal::ZERO)?;
            for ind in form.inds.iter_mut().filter(|i| i.l1 == l1) {
                ind.label_weight = new;
            }
            one(Cell::Ind(first, ind_col::LEVEL1))
        }
        DefectKind::QuantityReverseOp => {
            let rows = rows_where(form, |i| {
                i.l2 == "数量"
                    && matches!(
                        i.kind,
                        RowKind::Quant {
                            forward: true,
                            count: true
                        }
                    )
                    && real_full(i)
                    && i.t_val.is_some()
                    && i.t_val == i.a_val
            });
            let k = pick_row(rng, &rows)?;
            let ind = &mut form.inds[k];
            let t = ind.t_val?;
            ind.target = format!("≤{}{}", fmt_trim(t), ind.unit);
            ind.op = "≤";
            ind.kind = RowKind::Quant {
                forward: false,
                count: true,
            };
            (ind.rule_score(profile) == Some(ind.weight)).then_some(())?;
            one(Cell::Ind(k, ind_col::TARGET))
        }
        DefectKind::CostForwardOp => {
            let rows = rows_where(form, |i| {
                i.is_cost()
                    && matches!(i.kind, RowKind::Quant { .. })
                    && real_full(i)
                    && i.a_val.is_some_and(|a| a > Decimal::ZERO)
            });
            let k = pick_row(rng, &rows)?;
            let ind = &mut form.inds[k];
            let a = ind.a_val?;
            let v = match ind.unit.as_str() {
                "元" => (a / Decimal::from(100)).floor() * Decimal::from(100),
                _ if a >= Decimal::from(10) => a.floor(),
                _ => a.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::ToZero),
            };
            (v > Decimal::ZERO).then_some(())?;
            ind.target = format!("≥{}{}", fmt_trim(v), ind.unit);
            ind.op = "≥";
            ind.t_val = Some(v);
            ind.kind = RowKind::Quant {
                forward: true,
                count: false,
            };
            (ind.rule_score(profile) == Some(ind.weight)).then_some(())?;
            one(Cell::Ind(k, ind_col::TARGET))
        }
        DefectKind::SatisfactionActualBlank => {
            let rows = rows_where(form, |i| {
                i.l1 == L1::Satisfaction && matches!(i.kind, RowKind::Quant { .. }) && real_full(i)
            });
            let k = pick_row(rng, &rows)?;
            let ind = &mut form.inds[k];
            ind.actual.clear();
            ind.a_val = None;
            (ind.rule_score(profile).is_none()).then_some(())?;
            one(Cell::Ind(k, ind_col::ACTUAL))
        }
        DefectKind::UnitMissing => {
            let rows = rows_where(form, |i| {
                matches!(i.kind, RowKind::Quant { forward: true, .. })
                    && !i.is_cost()
                    && i.l1 != L1::Satisfaction
                    && !i.unit.is_empty()
                    && i.t_val.is_some()
            });
            let k = pick_row(rng, &rows)?;
            let ind = &mut form.inds[k];
            let before = ind.score;
            ind.target = format!("≥{}", fmt_trim(ind.t_val?));
            ind.op = "≥";
            (ind.rule_score(profile) == Some(before)).then_some(())?;
            one(Cell::Ind(k, ind_col::TARGET))
        }
        DefectKind::PlaceholderTarget => {
            let rows = rows_where(form, |i| i.kind == RowKind::Qual && real_full(i));
            let k = pick_row(rng, &rows)?;
            let unit = *rng.pick(&["人", "个", "%", "次", "件"]);
            form.inds[k].target = format!("≥**{unit}");
            one(Cell::Ind(k, ind_col::TARGET))
        }
        DefectKind::VoidWeighted => {
            let mut options = Vec::new();
            for (p, ph) in form.inds.iter().enumerate() {
                if ph.kind != RowKind::Placeholder {
                    continue;
                }
                for (d, donor) in form.inds.iter().enumerate() {
                    if donor.l1 == ph.l1 && real_full(donor) && donor.weight >= dec(20, 1) {
                        options.push((p, d));
                    }
                }
            }
            let (p, d) = *options.get(rng.index(options.len().max(1)))?;
            let donor_w = form.inds[d].weight;
            let amounts: Vec<Decimal> = [dec(10, 1), dec(20, 1), dec(25, 1), dec(50, 1)]
                .into_iter()
                .filter(|a| *a <= donor_w - Decimal::ONE)
                .collect();
            let amount = *amounts.get(rng.index(amounts.len().max(1)))?;
            let mut donor = form.inds[d].clone();
            donor.weight -= amount;
            donor.score = donor.weight;
            if donor.kind != RowKind::Qual {
                (donor.rule_score(profile) == Some(donor.weight)).then_some(())?;
            }
            form.inds[d] = donor;
            form.inds[p].weight = amount;
            form.inds[p].score = amount;
            one(Cell::Ind(p, ind_col::WEIGHT))
        }
        DefectKind::DuplicateRow => {
            let rows = rows_where(form, |i| {
                real_full(i) && i.weight >= Decimal::ONE && {
                    let mut probe = i.clone();
                    probe.weight /= Decimal::TWO;
                    probe.score = probe.weight;
                    probe.weight.scale() <= 2
                        && (i.kind == RowKind::Qual
                            || probe.rule_score(profile) == Some(probe.weight))
                }
            });
            let k = pick_row(rng, &rows)?;
            let half = form.inds[k].weight / Decimal::TWO;
            form.inds[k].weight = half;
            form.inds[k].score = half;
            let mut copy = form.inds[k].clone();
            copy.break_before = false;
            form.inds.insert(k + 1, copy);
            one(Cell::Ind(k + 1, ind_col::NAME))
        }
        DefectKind::ExecRateWrong => {
            let r = form.rate;
            let new = if r < Decimal::from(99) && rng.chance(0.25) {
                Decimal::ONE_HUNDRED
            } else {
                let delta = rng.decimal(dec(100, 2), dec(1500, 2), 2);
                if r + delta <= Decimal::ONE_HUNDRED {
                    r + delta
                } else if r - delta > Decimal::ZERO {
                    r - delta
                } else {
                    r + delta
                }
            };
            form.rate_text = if form.style.rate_dp == 0 && new.fract().is_zero() {
                new.trunc().normalize().to_string()
            } else {
                fmt2(new)
            };
            one(Cell::FundsTotal(funds_col::RATE))
        }
        DefectKind::ExecScoreWrong => {
            let s = form.exec_score;
            let ten = form.exec_weight;
            let new = if s <= dec(950, 2) && rng.chance(0.4) {
                ten
            } else {
                let delta = rng.decimal(dec(30, 2), dec(200, 2), 2);
                if s + delta <= ten {
                    s + delta
                } else {
                    (s - delta).max(Decimal::ZERO)
                }
            };
            ((new - s).abs() > dec(5, 2)).then_some(())?;
            form.exec_score = new;
            one(Cell::FundsTotal(funds_col::SCORE))
        }
        DefectKind::ExecOverBudget => {
            let t = form.funds[0];
            (t.e > t.b).then_some(())?;
            one(Cell::FundsTotal(funds_col::E))
        }
        DefectKind::FundsSum => {
            let deltas: &[i64] = if form.central {
                &[50, 100, 200, 500]
            } else {
                &[10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]
            };
            let delta = dec(*rng.pick(deltas), 2);
            let sub = &mut form.funds[1];
            let col = match rng.below(3) {
                0 if sub.e >= delta => {
                    sub.e -= delta;
                    funds_col::E
                }
                1 => {
                    sub.b0 += delta;
                    funds_col::B0
                }
                _ => {
                    sub.b += delta;
                    funds_col::B
                }
            };
            one(Cell::FundsSub(1, col))
        }
        DefectKind::ProjectNameBlank => {
            form.name.clear();
            one(Cell::ProjectName)
        }
        DefectKind::GoalAchievedBlank => {
            form.goal_achieved.clear();
            one(Cell::GoalAchieved)
        }
        DefectKind::Truncated => {
            form.truncated = true;
            one(Cell::LastLine)
        }
        DefectKind::TotalInflated => None,
    }
}

/// JX601: raise 总分 above the sum of the printed scores (lower it when there is no room).
pub(crate) fn inflate_total(form: &mut Form, rng: &mut Rng) -> Vec<Injected> {
    let room = Decimal::ONE_HUNDRED - form.total_score;
    let ups: Vec<Decimal> = [
        dec(50, 2),
        dec(100, 2),
        dec(200, 2),
        dec(300, 2),
        dec(500, 2),
    ]
    .into_iter()
    .filter(|d| *d <= room)
    .collect();
    let delta = if ups.is_empty() {
        -*rng.pick(&[dec(50, 2), dec(100, 2), dec(200, 2)])
    } else {
        ups[rng.index(ups.len())]
    };
    form.total_score += delta;
    vec![("JX601", DefectKind::TotalInflated, Cell::TotalScore)]
}
