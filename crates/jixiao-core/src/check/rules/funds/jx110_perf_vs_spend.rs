use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::score::round2;
use rust_decimal::Decimal;

/// Indicators scored much better than the money was spent.
pub struct PerfVsSpend;

static META: RuleMeta = RuleMeta {
    code: "JX110",
    name: "perf-vs-spend",
    area: Area::Funds,
    severity: Severity::Warning,
    title: "指标完成度明显高于资金执行",
    what: "比较指标得分率 I = Σ指标得分 ÷ Σ指标分值（按表中所填）与预算执行得分率 X = 预算执行得分 ÷ 预算执行分值（按规则复算）。I > 0 且 (I − X) ÷ I 超过评分口径的阈值 δ（默认 20%）时报告。",
    why: "资金只用了一部分，绩效指标却全部或几乎全部完成，说明目标定得偏低、完成值填得偏高，或预算编得过多。财政部门的绩效系统对这种“钱没花完、事都办完”的情况给出红色预警。",
    bad: "执行率 59.75%（预算执行得分 5.98/10），而 11 项指标全部满分（90/90）。",
    good: "执行率 59.75%，未完成的疗养项目相关指标如实按完成比例计分并写明偏差原因；或说明资金结余的原因（如疫情影响、节约）。",
    fix: "核对指标完成值是否如实填写、目标是否偏低；资金结余确有原因的，在偏差原因或总体目标完成情况中说明。",
    source: "R10; domain.md (c) notes on R10–R11; C6 [V]",
};

/// `Σ s_i` and `Σ w_i` over the indicators with a positive weight and a printed score.
fn indicator_sums(cx: &Context) -> Option<(Decimal, Decimal)> {
    cx.form
        .indicators
        .iter()
        .filter_map(|i| {
            let w = i.weight.as_ref()?.value;
            let s = i.score.as_ref()?.value;
            (w > Decimal::ZERO).then_some((s, w))
        })
        .try_fold((Decimal::ZERO, Decimal::ZERO), |(ss, ws), (s, w)| {
            Some((ss.checked_add(s)?, ws.checked_add(w)?))
        })
}

/// Whether `(I − X)/I > δ` with `I = s_sum/w_sum > 0` and `X = s_exec/w_exec`, evaluated without
/// division: `s_sum·(1 − δ)·w_exec > s_exec·w_sum`.
fn mismatch(
    s_sum: Decimal,
    w_sum: Decimal,
    s_exec: Decimal,
    w_exec: Decimal,
    delta: Decimal,
) -> Option<bool> {
    if s_sum <= Decimal::ZERO || w_sum <= Decimal::ZERO || w_exec <= Decimal::ZERO {
        return Some(false);
    }
    let lhs = s_sum
        .checked_mul(Decimal::ONE.checked_sub(delta)?)?
        .checked_mul(w_exec)?;
    let rhs = s_exec.checked_mul(w_sum)?;
    Some(lhs > rhs)
}

fn pct(num: Decimal, den: Decimal) -> Option<Decimal> {
    Some(round2(
        num.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(den)?,
    ))
}

impl Rule for PerfVsSpend {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(row) = cx.form.funds.total_row() else {
            return;
        };
        let w_exec = cx.eval.execution.weight;
        let Some(s_exec) = cx
            .eval
            .execution
            .score
            .or(row.score.as_ref().map(|s| s.value))
        else {
            return;
        };
        let Some((s_sum, w_sum)) = indicator_sums(cx) else {
            return;
        };
        let delta = cx.profile.perf_vs_spend_delta;
        if mismatch(s_sum, w_sum, s_exec, w_exec, delta) != Some(true) {
            return;
        }
        let (Some(i), Some(x)) = (pct(s_sum, w_sum), pct(s_exec, w_exec)) else {
            return;
        };
        let gap = (|| {
            let ix = s_sum.checked_mul(w_exec)?;
            let xw = s_exec.checked_mul(w_sum)?;
            pct(ix.checked_sub(xw)?, ix)
        })()
        .map_or(String::new(), |g| format!("，相对差 {g:.2}%"));
        let rate = cx
            .eval
            .execution
            .rate
            .map_or(String::new(), |r| format!("，执行率 {r}%"));
        let at = row
            .score
            .as_ref()
            .map(|s| s.at)
            .or(row.execution_rate.as_ref().map(|r| r.at))
            .unwrap_or(row.label.at);
        out.push(
            Finding::new(
                &META,
                format!(
                    "指标得分率 {i:.2}%（{s_sum}/{w_sum}），预算执行得分率仅 {x:.2}%（{s_exec}/{w_exec}{rate}）{gap}，超过 {}%",
                    (delta * Decimal::ONE_HUNDRED).normalize()
                ),
            )
            .at(at),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn seed_health_form_fires() {
        // 干部健康管理: 90/90 on the indicators, 5.98/10 on execution: (1 − 0.598)/1 = 0.402 > 0.2.
        assert_eq!(
            mismatch(dec!(90), dec!(90), dec!(5.98), dec!(10), dec!(0.2)),
            Some(true)
        );
    }

    #[test]
    fn boundary_is_not_reported() {
        // I = 1, X = 0.8: (I − X)/I = 0.2, not above δ.
        assert_eq!(
            mismatch(dec!(90), dec!(90), dec!(8), dec!(10), dec!(0.2)),
            Some(false)
        );
        assert_eq!(
            mismatch(dec!(90), dec!(90), dec!(7.99), dec!(10), dec!(0.2)),
            Some(true)
        );
    }

    #[test]
    fn zero_indicator_score_or_weight_never_fires() {
        assert_eq!(
            mismatch(dec!(0), dec!(90), dec!(0), dec!(10), dec!(0.2)),
            Some(false)
        );
        assert_eq!(
            mismatch(dec!(90), dec!(90), dec!(0), dec!(0), dec!(0.2)),
            Some(false)
        );
    }

    #[test]
    fn relative_not_absolute() {
        // I = 0.5, X = 0.45: gap 0.1 relative to 0.5 → no. X = 0.39: gap 0.22 → yes.
        assert_eq!(
            mismatch(dec!(45), dec!(90), dec!(4.5), dec!(10), dec!(0.2)),
            Some(false)
        );
        assert_eq!(
            mismatch(dec!(45), dec!(90), dec!(3.9), dec!(10), dec!(0.2)),
            Some(true)
        );
    }
}
