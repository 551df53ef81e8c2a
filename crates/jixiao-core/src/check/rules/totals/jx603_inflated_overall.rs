use rust_decimal::Decimal;

use crate::check::rules::scoring::common::apart;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::score::ScoreMethod;

// Thresholds (R50, INFERRED): `Profile::review.inflated_total` and `full_marks_exec_rate`.

/// `ratio` as a percentage with two decimals.
fn pct2(ratio: Decimal) -> String {
    ratio
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| "—".to_string(), |p| format!("{:.2}", p.round_dp(2)))
}

/// A very high total together with signs that scores were inflated.
pub struct InflatedOverall;

static META: RuleMeta = RuleMeta {
    code: "JX603",
    name: "inflated-overall",
    area: Area::Totals,
    severity: Severity::Warning,
    title: "总分可能虚高",
    what: "总分 ≥ 95，且至少有一个虚高迹象：大幅超额完成却未说明原因（同 JX404）；完成目标却无理由扣分（同 JX406）；满意度没有任何调查依据（同 JX502）；指标得分率明显高于预算执行得分率（指标得分率 I = Σ指标得分 ÷ Σ指标分值，执行得分率 X = 预算执行得分 ÷ 其分值，(I − X) ÷ I 超过评分口径的 δ，默认 0.2）；或全部指标满分而执行率低于 95%。各条件在本条内独立计算，不依赖其他规则的结果；消息列出成立的条件。",
    why: "财政部门明确要求“严禁刻意抬高分数、弄虚作假”。钱只花了一半、指标却全部满分，或满意度无调查依据却满分，总分 95 以上的结论很难经得起复核。",
    bad: "执行率 59.75%，预算执行得分 5.98，其余指标全部满分，总分 95.98。",
    good: "按实际完成情况打分：资金未按计划支出导致的产出、效益缺口如实扣分并说明原因。",
    fix: "逐项复核消息所列的情形：补充超额原因和满意度调查依据，按实际完成情况和资金使用情况调整得分。",
    source: "R50; domain.md (c) Totals; R10 (C6 [V]); S14 [V]（严禁刻意抬高分数）; INFERRED 阈值 95",
};

impl Rule for InflatedOverall {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if !cx.profile.scored {
            return;
        }
        let printed = cx.form.total.as_ref().and_then(|t| t.score.as_ref());
        let Some(total) = printed.map(|s| s.value).or(cx.eval.total_computed) else {
            return;
        };
        if total < cx.profile.review.inflated_total {
            return;
        }
        // One walk over the scored rows: the two counts, the sums and the all-full condition.
        let (mut overshoots, mut deducted) = (0usize, 0usize);
        let (mut w_sum, mut s_sum, mut all_full, mut any) =
            (Decimal::ZERO, Decimal::ZERO, true, false);
        let rows = cx.form.indicators.iter().zip(&cx.eval.indicators);
        for ((i, s), u) in rows.zip(cx.unexplained()) {
            if s.method == ScoreMethod::VoidZeroWeight || cx.is_placeholder(i) {
                continue;
            }
            overshoots += usize::from(u.overshoot.is_some());
            deducted += usize::from(u.deducted.is_some());
            let (Some(w), Some(s)) = (&i.weight, &i.score) else {
                all_full = false;
                continue;
            };
            any = true;
            w_sum = w_sum.checked_add(w.value).unwrap_or(w_sum);
            s_sum = s_sum.checked_add(s.value).unwrap_or(s_sum);
            if apart(cx, w.value, s.value) {
                all_full = false;
            }
        }
        let mut reasons = Vec::new();
        if overshoots > 0 {
            reasons.push(format!("{overshoots} 项指标大幅超额完成却未说明原因"));
        }
        if deducted > 0 {
            reasons.push(format!("{deducted} 项指标已完成目标却无理由扣分"));
        }
        if cx.unsurveyed_satisfaction().is_some() {
            reasons.push("满意度没有任何调查依据".to_string());
        }

        let exec = &cx.eval.execution;
        if let (Some(x_score), true) = (exec.score, w_sum > Decimal::ZERO)
            && exec.weight > Decimal::ZERO
            && let (Some(i_rate), Some(x_rate)) =
                (s_sum.checked_div(w_sum), x_score.checked_div(exec.weight))
            && i_rate > Decimal::ZERO
            && let Some(gap) = i_rate.checked_sub(x_rate)
            && cx
                .profile
                .perf_vs_spend_delta
                .checked_mul(i_rate)
                .is_some_and(|limit| gap > limit)
        {
            reasons.push(format!(
                "指标得分率 {}% 明显高于预算执行得分率 {}%",
                pct2(i_rate),
                pct2(x_rate)
            ));
        }
        if any
            && all_full
            && let Some(rate) = exec.rate
            && rate < cx.profile.review.full_marks_exec_rate
        {
            reasons.push(format!("执行率仅 {rate}%，全部指标却都是满分"));
        }
        if reasons.is_empty() {
            return;
        }
        let mut f = Finding::new(
            &META,
            format!("总分 {total}，同时有虚高迹象：{}", reasons.join("；")),
        );
        if let Some(p) = printed {
            f = f.at(p.at);
        } else if let Some(t) = &cx.form.total {
            f = f.at_line(t.line);
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::scoring::common::testkit::{form, row, run, with_note};
    use crate::model::Level1::*;
    use crate::profile::Profile;

    fn findings(b: &str, e: &str, rows: Vec<crate::model::Indicator>) -> Vec<Finding> {
        run(
            &InflatedOverall,
            &form(b, e, rows),
            &Profile::central_2020(),
        )
    }

    fn sat(note: &str) -> crate::model::Indicator {
        with_note(
            row(
                Satisfaction,
                "服务对象满意度",
                "≥90%",
                Some("95%"),
                "10",
                "10",
            ),
            note,
        )
    }

    #[test]
    fn clean_high_total_is_fine() {
        let rows = vec![
            row(Output, "数量", "≥3个", Some("3个"), "80", "80"),
            sat("问卷调查，有效样本200份"),
        ];
        assert!(findings("100", "100", rows).is_empty());
    }

    fn reasons(b: &str, e: &str, rows: Vec<crate::model::Indicator>) -> String {
        let f = findings(b, e, rows);
        assert!(f.len() <= 1);
        f.first().map_or(String::new(), |f| f.message.clone())
    }

    #[test]
    fn each_condition() {
        let full = || row(Output, "数量", "≥3个", Some("3个"), "80", "80");
        let surveyed = || sat("问卷调查，有效样本200份");
        // 60% spent, every indicator full: R10 and the all-full condition
        let m = reasons("100", "60", vec![full(), surveyed()]);
        assert!(
            m.contains("明显高于预算执行得分率") && m.contains("全部指标却都是满分"),
            "{m}"
        );
        // 96% spent: neither
        assert_eq!(reasons("100", "96", vec![full(), surveyed()]), "");
        // overshoot without a note
        let over = row(Output, "数量", "≥3个", Some("5个"), "80", "80");
        assert!(reasons("100", "100", vec![over, surveyed()]).contains("大幅超额"));
        // met but deducted
        let ded = row(Output, "数量", "≥3个", Some("3个"), "80", "79");
        assert!(reasons("100", "100", vec![ded, surveyed()]).contains("无理由扣分"));
        // no survey
        let m = reasons("100", "100", vec![full(), sat("")]);
        assert!(m.contains("调查依据"), "{m}");
        // below 95 nothing is said
        let low = with_note(
            row(Output, "数量", "≥3个", Some("2个"), "80", "53.33"),
            "一项工作因疫情推迟",
        );
        assert_eq!(reasons("100", "60", vec![low, sat("")]), "");
    }
}
