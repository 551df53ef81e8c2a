//! Building one clean form: header, funds, goals and an indicator tree whose printed scores are
//! the core's rule scores, so that a clean form raises no error.

use crate::form::{Form, Ind, L1, Money, RowKind, Style, fmt2};
use crate::rng::Rng;
use crate::tree::{Ctx, d, indicators, pct};
use crate::vocab::{self, Theme};
use jixiao_core::profile::Profile;
use jixiao_core::score;
use rust_decimal::Decimal;

/// What the defects about to be injected need from the world.
#[derive(Debug, Clone, Copy, Default)]
pub struct World {
    /// 全年执行数 above 全年预算数 (JX106).
    pub overspend: bool,
    /// Keep the execution rate at most 95% (room to inflate the total, JX601).
    pub rate_max_95: bool,
    /// At least one quantitative row that misses its target (JX402, JX403).
    pub shortfall: bool,
    /// The first 数量 row meets its target exactly (JX307).
    pub exact_quantity: bool,
    /// Placeholder rows present (JX205).
    pub placeholders: bool,
}
/// Build one clean form.
///
/// `serial` (below 10^8) ends the 项目编码, so distinct forms of a corpus never share a code.
pub fn build(rng: &mut Rng, central: bool, world: World, profile: &Profile, serial: u64) -> Form {
    let year = 2021 + rng.range(0, 3) as i32;
    let (code, budget_unit, impl_unit, theme) = header(rng, central, year, serial);
    let name = project_name(rng, theme, year);
    let style = style(rng);
    let funds = funds(rng, central, world);
    let total = funds[0];
    let exec = score::execution(profile, Some(total.b), Some(total.e));
    let rate = exec.rate.unwrap_or_default();
    let exec_score = exec.score.unwrap_or_default();
    let rate_text = rate_text(rate, style.rate_dp);
    let wan = |x: Decimal| if central { x } else { x / d(10_000) };
    let mut ctx = Ctx {
        theme,
        profile,
        b_wan: wan(total.b),
        e_wan: wan(total.e),
        used_names: Vec::new(),
        force_shortfall: world.shortfall,
        exact_quantity: world.exact_quantity,
    };
    let mut inds = indicators(rng, &mut ctx, &style, world.placeholders);
    page_breaks(rng, &mut inds);
    let (goal_expected, goal_achieved) = goals(rng, theme, &inds);
    let mut form = Form {
        central,
        code,
        name,
        year,
        impl_unit,
        budget_unit,
        style,
        funds,
        exec_weight: d(10),
        rate,
        rate_text,
        exec_score,
        goal_expected,
        goal_achieved,
        inds,
        total_score: Decimal::ZERO,
        truncated: false,
    };
    form.total_score = form.printed_sum();
    form
}

fn header(
    rng: &mut Rng,
    central: bool,
    year: i32,
    serial: u64,
) -> (String, String, String, &'static Theme) {
    let dept = rng.pick(vocab::DEPTS);
    let theme = &vocab::THEMES[*rng.pick(dept.themes)];
    let own = rng.chance(0.5);
    if central {
        let (city, county) = *rng.pick(vocab::CENTRAL_PLACES);
        let dept_name = dept.name.trim_start_matches('区');
        let budget_unit = format!("{city}{county}{dept_name}");
        let impl_unit = if own || dept.subs.is_empty() {
            budget_unit.clone()
        } else {
            format!("{county}{}", rng.pick(dept.subs).trim_start_matches('区'))
        };
        return (String::new(), budget_unit, impl_unit, theme);
    }
    let (district, adcode) = *rng.pick(vocab::SZ_DISTRICTS);
    let budget_unit = format!("深圳市{district}{}本级", dept.name);
    let impl_unit = if own || dept.subs.is_empty() {
        budget_unit.clone()
    } else {
        format!("深圳市{district}{}", rng.pick(dept.subs))
    };
    let yy = (year - 1) % 100;
    let code = format!(
        "{adcode}{yy:02}{:02}{:03}{:08}",
        rng.range(1, 40),
        rng.range(100, 999),
        serial % 100_000_000
    );
    (code, budget_unit, impl_unit, theme)
}

fn project_name(rng: &mut Rng, theme: &Theme, year: i32) -> String {
    match rng.below(6) {
        0 => format!("{year}年{}", theme.name),
        1 if !theme.name.ends_with("经费") => format!("{}经费", theme.name),
        _ => theme.name.to_string(),
    }
}

const RATE_HEADERS: [&str; 4] = ["执行率(%)", "执行率(%)", "执行率（%）", "执行率 (%)"];
const STARS: [&str; 4] = ["* ", "* ", "*", ""];

fn style(rng: &mut Rng) -> Style {
    Style {
        compact: rng.one_in(8),
        colon: if rng.one_in(6) { "：" } else { ":" },
        label_style: *rng.pick(&[0, 0, 0, 1, 2, 3]),
        l2_long: rng.one_in(5),
        rate_header: RATE_HEADERS[rng.index(RATE_HEADERS.len())],
        sub_colon: if rng.one_in(4) { ":" } else { "：" },
        star: STARS[rng.index(STARS.len())],
        goals: rng.below(3) as u8,
        rate_dp: *rng.pick(&[2, 2, 2, 2, 1, 0, 0, 4]),
        placeholder_weight: if rng.one_in(5) { "0.00" } else { "0" },
    }
}

/// The printed 执行率: the core's `round2(100E/B)` shown with `dp` decimals. Fewer decimals are
/// rounded half-up from the 2-decimal value (what JX101 accepts as a printing precision); `0`
/// is used only when the rate is a whole number.
pub fn rate_text(rate: Decimal, dp: u32) -> String {
    match dp {
        1 => {
            let mut r = score::round2(rate)
                .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            r.rescale(1);
            r.to_string()
        }
        0 if rate.fract().is_zero() => rate.trunc().normalize().to_string(),
        4 => {
            let mut r = rate;
            r.rescale(4);
            r.to_string()
        }
        _ => fmt2(rate),
    }
}

/// An amount on the form's grid: 元 budgets in hundreds, 万元 with 2 decimals.
fn budget(rng: &mut Rng, central: bool) -> Decimal {
    if central {
        // 1.00 – 999 万元.
        let m = rng.range(0, 2) as u32;
        let mut v = d(rng.range(100, 999)) * d(10i64.pow(m));
        v.set_scale(2).ok();
        v.normalize()
    } else {
        // 10,000 – 9,999,000 元.
        let m = rng.range(4, 6) as u32;
        d(rng.range(1000, 9999)) * d(10i64.pow(m - 3))
    }
}

fn funds(rng: &mut Rng, central: bool, world: World) -> [Money; 4] {
    let b = budget(rng, central);
    let grid = if central { pct(1) } else { d(100) };
    let b0 = match rng.below(20) {
        0..=13 => b,
        14..=16 => Decimal::ZERO,
        _ => {
            let f = rng.decimal(pct(60), pct(140), 2);
            ((b * f) / grid).round() * grid
        }
    };
    let rate = if world.overspend {
        rng.decimal(pct(10_050), pct(10_500), 2)
    } else if rng.one_in(10) && !world.rate_max_95 {
        d(100)
    } else {
        let hi = if world.rate_max_95 { d(95) } else { d(100) };
        match rng.below(10) {
            0..=4 => rng.decimal(d(95).min(hi - d(5)), hi, 2),
            5..=7 => rng.decimal(d(80), d(95).min(hi), 2),
            _ => rng.decimal(d(40), d(80), 2),
        }
    };
    let mut e = score::round2(b * rate / d(100));
    if !world.overspend && e > b {
        e = b;
    }
    if world.overspend && e <= b {
        e = b + pct(1);
    }
    let total = Money { b0, b, e };
    let zero = Money::default();
    let split = |f: Decimal| {
        let part = |x: Decimal| score::round2(x * f);
        let p = Money {
            b0: part(b0),
            b: part(b),
            e: part(e).min(part(b).max(Decimal::ZERO)),
        };
        let p = if world.overspend {
            Money { e: part(e), ..p }
        } else {
            p
        };
        let rest = Money {
            b0: b0 - p.b0,
            b: b - p.b,
            e: e - p.e,
        };
        (rest, p)
    };
    match rng.below(20) {
        0..=14 => [total, total, zero, zero],
        15..=17 => {
            let (app, carry) = split(rng.decimal(pct(5), pct(30), 2));
            [total, app, carry, zero]
        }
        _ => {
            let (app, other) = split(rng.decimal(pct(5), pct(25), 2));
            [total, app, zero, other]
        }
    }
}

fn page_breaks(rng: &mut Rng, inds: &mut [Ind]) {
    if inds.len() > 6 && rng.chance(0.3) {
        let at = rng.range(3, inds.len() as i64 - 2) as usize;
        inds[at].break_before = true;
        if rng.chance(0.6) {
            for ind in &mut inds[at..] {
                ind.label_style = 2;
            }
        }
    }
}

fn goals(rng: &mut Rng, theme: &Theme, inds: &[Ind]) -> (String, String) {
    let real: Vec<&Ind> = inds
        .iter()
        .filter(|i| i.kind != RowKind::Placeholder && i.l1 == L1::Output)
        .take(3)
        .collect();
    let mut expected = String::new();
    let mut achieved = String::new();
    for (k, ind) in real.iter().enumerate() {
        let n = k + 1;
        expected.push_str(&format!("目标{n}：{}{}；", ind.name, ind.target));
        if ind.kind == RowKind::Qual {
            achieved.push_str(&format!("{n}.{}{}；", ind.name, ind.actual));
        } else {
            achieved.push_str(&format!("{n}.{}完成{}；", ind.name, ind.actual));
        }
    }
    let closing = [
        format!("全面做好{}工作，提升{}水平。", theme.work, theme.svc),
        format!("保障{}顺利开展，提高{}满意度。", theme.svc, theme.who),
    ];
    expected.push_str(&closing[rng.index(closing.len())]);
    achieved.push_str(&format!(
        "{}工作按计划推进，{}水平有所提升。",
        theme.work, theme.svc
    ));
    if rng.chance(0.6) {
        let sent = rng.range(50, 600);
        let valid = sent - rng.range(0, sent / 10);
        achieved.push_str(&format!(
            "经问卷调查，发放问卷{sent}份，回收有效问卷{valid}份，{}总体满意。",
            theme.who
        ));
    }
    (expected, achieved)
}
