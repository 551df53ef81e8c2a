//! The indicator tree of one form: level-2 rows from templates, weights that add up, targets
//! and actuals, printed scores from the core's rule, deviation notes where points are lost.

use crate::form::{Ind, L1, RowKind, Style, fmt_grouped, fmt_trim};
use crate::rng::Rng;
use crate::vocab::{self, TargetKind, Template, Theme};
use jixiao_core::profile::Profile;
use jixiao_core::score;
use rust_decimal::Decimal;

pub(crate) fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

pub(crate) fn pct(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

/// The words of one project.
pub(crate) struct Ctx<'a> {
    pub theme: &'a Theme,
    pub profile: &'a Profile,
    /// Budget and execution in 万元 (for cost caps).
    pub b_wan: Decimal,
    pub e_wan: Decimal,
    pub used_names: Vec<String>,
    pub force_shortfall: bool,
    pub exact_quantity: bool,
}

fn fill(template: &str, th: &Theme) -> String {
    template
        .replace("{obj}", th.obj)
        .replace("{work}", th.work)
        .replace("{svc}", th.svc)
        .replace("{who}", th.who)
}

/// The level-2s of each level-1, with their templates.
fn level2s(l1: L1) -> &'static [(&'static str, &'static [Template])] {
    match l1 {
        L1::Output => &[
            ("数量", vocab::QUANTITY),
            ("质量", vocab::QUALITY),
            ("时效", vocab::TIMELINESS),
            ("成本", vocab::COST),
        ],
        L1::Outcome => &[
            ("经济效益", vocab::ECONOMIC),
            ("社会效益", vocab::SOCIAL),
            ("生态效益", vocab::ECOLOGICAL),
            ("可持续影响", vocab::SUSTAINABLE),
        ],
        L1::Satisfaction => &[
            ("服务对象满意度", vocab::BENEFICIARY_SAT),
            ("其他满意度", vocab::OTHER_SAT),
        ],
    }
}

/// How many real rows a level-2 gets (0 = a placeholder row, or nothing).
fn rows_for(rng: &mut Rng, l2: &str, placeholders: bool) -> usize {
    let none = |rng: &mut Rng, p: u64| if rng.below(100) < p { 0 } else { 1 };
    match l2 {
        "数量" => rng.range(1, 5) as usize,
        "质量" => rng.range(1, 4) as usize,
        "时效" => rng.range(1, 3) as usize,
        "成本" => {
            if rng.one_in(10) {
                0
            } else {
                rng.range(1, 2) as usize
            }
        }
        "社会效益" => rng.range(1, 4) as usize,
        "经济效益" => none(rng, if placeholders { 85 } else { 70 }),
        "生态效益" => none(rng, 88),
        "可持续影响" => none(rng, if placeholders { 85 } else { 65 }),
        "服务对象满意度" => rng.range(1, 3) as usize,
        "其他满意度" => none(rng, 60),
        _ => 1,
    }
}

pub(crate) fn indicators(
    rng: &mut Rng,
    ctx: &mut Ctx,
    style: &Style,
    placeholders: bool,
) -> Vec<Ind> {
    let omit_placeholders = !placeholders && rng.one_in(6);
    let mut out = Vec::new();
    for l1 in L1::ALL {
        let plan: Vec<(&'static str, &'static [Template], usize)> = level2s(l1)
            .iter()
            .map(|&(l2, ts)| (l2, ts, rows_for(rng, l2, placeholders)))
            .collect();
        let real: usize = plan.iter().map(|p| p.2).sum();
        let weights = split_weights(rng, l1.weight(), real);
        let mut wi = weights.into_iter();
        for (l2, templates, n) in plan {
            if n == 0 {
                if !omit_placeholders {
                    out.push(placeholder(l1, l2, style));
                }
                continue;
            }
            let mut order: Vec<usize> = (0..templates.len()).collect();
            rng.shuffle(&mut order);
            let mut made = 0;
            for &ti in order.iter().cycle().take(order.len() * 2) {
                if made == n {
                    break;
                }
                let name = fill(templates[ti].name, ctx.theme);
                if ctx.used_names.contains(&name) {
                    continue;
                }
                let w = wi.next().unwrap_or(Decimal::ONE);
                out.push(row(
                    rng,
                    ctx,
                    l1,
                    l2,
                    &templates[ti],
                    name.clone(),
                    w,
                    style,
                ));
                ctx.used_names.push(name);
                made += 1;
            }
            // Fewer distinct templates than rows: give the rest of the weight to the last row.
            for _ in made..n {
                if let (Some(w), Some(last)) = (wi.next(), out.last_mut().filter(|l| l.l1 == l1)) {
                    last.weight += w;
                    rescore(ctx.profile, last, rng, ctx.theme);
                }
            }
        }
    }
    if ctx.force_shortfall
        && !out
            .iter()
            .any(|i| !i.full() && matches!(i.kind, RowKind::Quant { .. }))
    {
        force_shortfall(rng, ctx, &mut out);
    }
    out
}

fn placeholder(l1: L1, l2: &'static str, style: &Style) -> Ind {
    let word = if l2 == "成本" { "不适用" } else { "无" };
    Ind {
        l1,
        label_weight: l1.weight(),
        label_style: style.label_style,
        l2,
        name: word.to_string(),
        target: word.to_string(),
        actual: word.to_string(),
        weight: Decimal::ZERO,
        score: Decimal::ZERO,
        note: String::new(),
        kind: RowKind::Placeholder,
        t_val: None,
        a_val: None,
        op: "",
        unit: String::new(),
        break_before: false,
    }
}

/// Split `total` into `n` weights on a grid (0.5, 1 or 2.5 points), each at least 1.
fn split_weights(rng: &mut Rng, total: Decimal, n: usize) -> Vec<Decimal> {
    if n == 0 {
        return Vec::new();
    }
    let grids = [Decimal::new(5, 1), d(1), Decimal::new(25, 1)];
    let g = *rng.pick(&grids);
    let units = (total / g).trunc();
    let units = i64::try_from(units).unwrap_or(0);
    let n_i = n as i64;
    let min_units = if g < d(1) { 2 } else { 1 };
    if units < n_i * min_units || (total / g).fract() != Decimal::ZERO {
        // Fall back to the 0.5 grid, which always fits the 5–25 rows we make.
        return split_on(rng, total, n, Decimal::new(5, 1), 2);
    }
    if units % n_i == 0 && rng.chance(0.5) {
        return vec![g * d(units / n_i); n];
    }
    split_on(rng, total, n, g, min_units)
}

fn split_on(rng: &mut Rng, total: Decimal, n: usize, g: Decimal, min_units: i64) -> Vec<Decimal> {
    let units = i64::try_from((total / g).trunc()).unwrap_or(0);
    let mut parts = vec![min_units; n];
    let mut left = units - min_units * n as i64;
    // Roughly even: spread the remaining units in rounds, each to a random row.
    let mut order: Vec<usize> = (0..n).collect();
    while left > 0 {
        rng.shuffle(&mut order);
        for &i in &order {
            if left == 0 {
                break;
            }
            let take = 1 + rng.below(2) as i64;
            let take = take.min(left);
            parts[i] += take;
            left -= take;
        }
    }
    parts.into_iter().map(|p| g * d(p)).collect()
}

#[allow(clippy::too_many_arguments)]
fn row(
    rng: &mut Rng,
    ctx: &mut Ctx,
    l1: L1,
    l2: &'static str,
    tmpl: &Template,
    name: String,
    weight: Decimal,
    style: &Style,
) -> Ind {
    let mut ind = Ind {
        l1,
        label_weight: l1.weight(),
        label_style: style.label_style,
        l2,
        name,
        target: String::new(),
        actual: String::new(),
        weight,
        score: weight,
        note: String::new(),
        kind: RowKind::Qual,
        t_val: None,
        a_val: None,
        op: "",
        unit: String::new(),
        break_before: false,
    };
    let shortfall_p = if l1 == L1::Satisfaction { 0.04 } else { 0.06 };
    let exact = ctx.exact_quantity && l2 == "数量";
    if exact {
        ctx.exact_quantity = false;
    }
    let short = !exact && rng.chance(shortfall_p);
    match tmpl.kind {
        TargetKind::Count { unit, lo, hi } => {
            let unit = if unit == "{u}" { ctx.theme.unit } else { unit };
            count_row(rng, &mut ind, unit, lo, hi, short, exact);
        }
        TargetKind::Percent { lo } => percent_row(rng, &mut ind, lo, short, l1 == L1::Satisfaction),
        TargetKind::ReversePercent { lo, hi } => reverse_percent_row(rng, &mut ind, lo, hi, short),
        TargetKind::ReverseCount { unit, lo, hi } => reverse_count_row(rng, &mut ind, unit, lo, hi),
        TargetKind::CostCap => cost_cap_row(rng, ctx, &mut ind),
        TargetKind::CostPercent => cost_percent_row(rng, &mut ind),
        TargetKind::Qual(texts) => {
            ind.target = rng.pick(texts).to_string();
            if rng.chance(0.04) {
                ind.actual = vocab::QUAL_PARTIAL.to_string();
                ind.score = score::round2(weight * Decimal::new(7, 1));
            } else {
                ind.actual = rng.pick(vocab::QUAL_ACTUALS).to_string();
            }
        }
    }
    rescore(ctx.profile, &mut ind, rng, ctx.theme);
    ind
}

/// Set the printed score from the core's rule (quantitative rows) and write a deviation note
/// when points are lost.
pub(crate) fn rescore(profile: &Profile, ind: &mut Ind, rng: &mut Rng, theme: &Theme) {
    match ind.kind {
        RowKind::Placeholder => return,
        RowKind::Qual => {
            if ind.actual == vocab::QUAL_PARTIAL {
                ind.score = score::round2(ind.weight * Decimal::new(7, 1));
            } else {
                ind.score = ind.weight;
            }
        }
        RowKind::Quant { .. } => {
            ind.score = ind.rule_score(profile).unwrap_or(ind.weight);
        }
    }
    if ind.score < ind.weight {
        if ind.note.is_empty() {
            ind.note = note(rng, ind, theme);
        }
    } else {
        ind.note.clear();
    }
}

fn note(rng: &mut Rng, ind: &Ind, theme: &Theme) -> String {
    let cause = rng.pick(vocab::SHORTFALL_CAUSES);
    let measure = rng.pick(vocab::MEASURES);
    if ind.kind == RowKind::Qual {
        return format!("{cause}，{}工作部分达成预期。{measure}。", theme.work);
    }
    format!(
        "{cause}，{}实际完成{}，未达到年度指标值{}。{measure}。",
        ind.name, ind.actual, ind.target
    )
}

/// A count between `lo` and `hi`, rounded so it looks planned (`3000`, not `2987`).
fn nice_count(rng: &mut Rng, lo: u32, hi: u32) -> i64 {
    let v = rng.range(i64::from(lo), i64::from(hi));
    let step = match v {
        0..=99 => 1,
        100..=999 => 10,
        1000..=9999 => 100,
        _ => 1000,
    };
    (v / step * step).max(i64::from(lo))
}

fn count_row(rng: &mut Rng, ind: &mut Ind, unit: &str, lo: u32, hi: u32, short: bool, exact: bool) {
    let t = nice_count(rng, lo, hi);
    let op = if exact || rng.chance(0.55) { "≥" } else { "" };
    let a = if short {
        (d(t) * rng.decimal(pct(50), pct(95), 2)).floor()
    } else if exact || rng.chance(0.5) {
        d(t)
    } else {
        (d(t) * rng.decimal(pct(100), pct(115), 2))
            .floor()
            .max(d(t))
    };
    let wan_unit = matches!(unit, "件" | "人次" | "份" | "条") && t >= 10_000 && rng.chance(0.6);
    ind.kind = RowKind::Quant {
        forward: true,
        count: true,
    };
    ind.op = op;
    if wan_unit {
        let tw = (d(t) / d(10_000)).round_dp(1);
        let aw = if short {
            score::round2(a / d(10_000)).min(tw - pct(1))
        } else if a == d(t) {
            tw
        } else {
            score::round2(a / d(10_000)).max(tw)
        };
        ind.unit = format!("万{unit}");
        ind.t_val = Some(tw);
        ind.a_val = Some(aw);
        ind.target = format!("{op}{}{}", fmt_trim(tw), ind.unit);
        ind.actual = format!("{}{}", fmt_trim(aw), ind.unit);
    } else {
        ind.unit = unit.to_string();
        ind.t_val = Some(d(t));
        ind.a_val = Some(a);
        ind.target = format!("{op}{t}{unit}");
        let a_unit = if unit == "名" && rng.one_in(3) {
            "人"
        } else {
            unit
        };
        ind.actual = format!("{}{a_unit}", fmt_trim(a));
    }
}

fn percent_row(rng: &mut Rng, ind: &mut Ind, lo: u32, short: bool, satisfaction: bool) {
    let choices: Vec<i64> = [80, 85, 90, 95, 98, 100]
        .into_iter()
        .filter(|&v| v >= i64::from(lo))
        .collect();
    let mut t = *rng.pick(&choices);
    if satisfaction && t == 100 {
        t = 95;
    }
    let op = if t == 100 || rng.chance(0.4) {
        ""
    } else {
        "≥"
    };
    let a = if short {
        score::round2(d(t) * rng.decimal(pct(80), pct(97), 2))
    } else if t == 100 || rng.chance(0.35) {
        d(t)
    } else {
        let dp = rng.below(3) as u32;
        rng.decimal(d(t), d(100), dp)
    };
    ind.kind = RowKind::Quant {
        forward: true,
        count: false,
    };
    ind.op = op;
    ind.unit = "%".to_string();
    ind.t_val = Some(d(t));
    ind.a_val = Some(a);
    ind.target = format!("{op}{t}%");
    ind.actual = format!("{}%", fmt_trim(a));
}

fn reverse_percent_row(rng: &mut Rng, ind: &mut Ind, lo: u32, hi: u32, short: bool) {
    let t = rng.range(i64::from(lo), i64::from(hi));
    let a = if short {
        score::round2(d(t) * rng.decimal(pct(105), pct(150), 2))
    } else {
        rng.decimal(Decimal::ZERO, d(t), 2)
    };
    ind.kind = RowKind::Quant {
        forward: false,
        count: false,
    };
    ind.op = "≤";
    ind.unit = "%".to_string();
    ind.t_val = Some(d(t));
    ind.a_val = Some(a);
    ind.target = format!("≤{t}%");
    ind.actual = format!("{}%", fmt_trim(a));
}

/// `≤8人` with an actual at or under the cap (`7名`).
fn reverse_count_row(rng: &mut Rng, ind: &mut Ind, unit: &str, lo: u32, hi: u32) {
    let t = rng.range(i64::from(lo), i64::from(hi));
    let a = rng.range((t * 3 / 4).max(1), t);
    ind.kind = RowKind::Quant {
        forward: false,
        count: true,
    };
    ind.op = "≤";
    ind.unit = unit.to_string();
    ind.t_val = Some(d(t));
    ind.a_val = Some(d(a));
    ind.target = format!("≤{t}{unit}");
    let a_unit = if unit == "人" && rng.one_in(2) {
        "名"
    } else {
        unit
    };
    ind.actual = format!("{a}{a_unit}");
}

/// A cost cap tied to the budget: a share of 全年预算数 as the cap, the same share of 全年执行数
/// as the actual (so overspending the budget overspends the cap).
fn cost_cap_row(rng: &mut Rng, ctx: &Ctx, ind: &mut Ind) {
    let share = if rng.chance(0.5) {
        d(1)
    } else {
        rng.decimal(pct(30), pct(90), 2)
    };
    let cap = (ctx.b_wan * share * d(100)).ceil() / d(100);
    let act = score::round2(ctx.e_wan * share).max(pct(1));
    ind.kind = RowKind::Quant {
        forward: false,
        count: false,
    };
    ind.op = "≤";
    ind.t_val = Some(cap);
    ind.a_val = Some(act);
    match rng.below(20) {
        0..=12 => {
            ind.unit = "万元".into();
            ind.target = format!("≤{}万元", fmt_trim(cap));
            ind.actual = format!("{}万元", fmt_trim(act));
        }
        13..=15 => {
            ind.unit = "万元".into();
            ind.target = format!("不超过{}万元", fmt_trim(cap));
            ind.actual = format!("{}万元", fmt_trim(act));
        }
        16..=17 => {
            ind.unit = "万".into();
            ind.target = format!("<={}万", fmt_trim(cap));
            ind.actual = format!("{}万", fmt_trim(act));
        }
        _ => {
            // In 元, with thousands separators in the target (`≤400,000元`).
            let cap_y = (cap * d(10_000)).ceil();
            let act_y = (ctx.e_wan * share * d(10_000)).floor();
            ind.unit = "元".into();
            ind.t_val = Some(cap_y);
            ind.a_val = Some(act_y.min(cap_y));
            ind.target = format!("≤{}元", fmt_grouped(cap_y));
            ind.actual = format!("{}元", fmt_trim(act_y.min(cap_y)));
            if act_y > cap_y {
                ind.a_val = Some(act_y);
                ind.actual = format!("{}元", fmt_trim(act_y));
            }
        }
    }
}

fn cost_percent_row(rng: &mut Rng, ind: &mut Ind) {
    ind.kind = RowKind::Quant {
        forward: false,
        count: false,
    };
    ind.unit = "%".into();
    if rng.chance(0.6) {
        ind.op = "";
        ind.t_val = Some(d(100));
        ind.a_val = Some(d(100));
        ind.target = "100%".into();
        ind.actual = "100%".into();
    } else {
        let a = rng.decimal(d(90), d(100), 2);
        ind.op = "≤";
        ind.t_val = Some(d(100));
        ind.a_val = Some(a);
        ind.target = "≤100%".into();
        ind.actual = format!("{}%", fmt_trim(a));
    }
}

/// Make one forward quantitative row (not satisfaction) miss its target.
fn force_shortfall(rng: &mut Rng, ctx: &mut Ctx, inds: &mut [Ind]) {
    let candidates: Vec<usize> = inds
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            matches!(i.kind, RowKind::Quant { forward: true, .. }) && i.l1 != L1::Satisfaction
        })
        .map(|(k, _)| k)
        .collect();
    if candidates.is_empty() {
        return;
    }
    let k = candidates[rng.index(candidates.len())];
    let ind = &mut inds[k];
    let (Some(t), Some(_)) = (ind.t_val, ind.a_val) else {
        return;
    };
    let f = rng.decimal(pct(50), pct(95), 2);
    let a = match ind.kind {
        RowKind::Quant { count: true, .. } if !ind.unit.starts_with('万') => (t * f).floor(),
        _ => score::round2(t * f),
    };
    if a >= t {
        return;
    }
    ind.a_val = Some(a);
    let shown_unit = if ind.actual.ends_with('人') && ind.unit == "名" {
        "人"
    } else {
        ind.unit.as_str()
    };
    ind.actual = format!("{}{}", fmt_trim(a), shown_unit);
    ind.note.clear();
    rescore(ctx.profile, ind, rng, ctx.theme);
}
