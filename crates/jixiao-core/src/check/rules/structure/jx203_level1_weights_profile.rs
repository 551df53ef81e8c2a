use rust_decimal::Decimal;

use super::common::{first_row, has_unknown_level1, level1_sum, satisfaction_absent, short};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Level1;

/// The level-1 weights differ from the profile's default split (产出 50 / 效益 30 / 满意度 10).
pub struct Level1WeightsProfile;

static META: RuleMeta = RuleMeta {
    code: "JX203",
    name: "level1-weights-profile",
    area: Area::Structure,
    severity: Severity::Warning,
    title: "一级指标分值与规定比例不符",
    what: "按评分口径，各一级指标下三级指标分值之和原则上为：产出指标 50 分、效益指标 30 分、满意度指标 10 分（另有预算执行率 10 分）。某一类合计与此不同即提示。口径允许自由分配（如四川 2023）时不检查；表中根本没有设置满意度指标（或其分值为 0）时，只要产出 + 效益 = 90 分即可，是否如此由 JX207 判断。",
    why: "财政部办法规定分值“原则上”按 50/30/10 设置，可以结合项目调整；偏离默认比例本身不是错误，但应有理由，复核时需要留意分值是否被挪到容易得分的指标上。",
    bad: "产出指标(60分) 合计 60、效益指标(20分) 合计 20、满意度指标(10分) 合计 10。",
    good: "产出指标 50、效益指标 30、满意度指标 10；或在说明中写明调整比例的理由。",
    fix: "按口径把各一级指标分值调整为 产出 50 / 效益 30 / 满意度 10；确需调整的，在自评报告中说明理由。",
    source: "R14; domain.md A.2 W1/W2; [R] 财预〔2020〕10号“原则上”; S3 [V]",
};

impl Rule for Level1WeightsProfile {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let (f, p) = (cx.form, cx.profile);
        if p.level1_split_free
            || !p.scored
            || !f.is_complete()
            || f.indicators.is_empty()
            || has_unknown_level1(f)
            || satisfaction_absent(f)
        {
            return;
        }
        // A real row without a weight: its category sum is unknown (other rules report it).
        if f.indicators
            .iter()
            .any(|i| i.weight.is_none() && !cx.is_placeholder(i))
        {
            return;
        }
        // The sums first: the message (and its parts) only for a form that deviates.
        if !p
            .level1_weights
            .iter()
            .any(|&(l1, nominal)| cx.differs(level1_sum(f, l1), nominal))
        {
            return;
        }
        let mut deviating: Vec<(Level1, Decimal, Decimal)> = Vec::new();
        let mut parts: Vec<String> = Vec::new();
        for &(l1, nominal) in &p.level1_weights {
            let sum = level1_sum(f, l1);
            parts.push(format!("{} {}", short(l1), sum.normalize()));
            if cx.differs(sum, nominal) {
                deviating.push((l1, sum, nominal));
            }
        }
        let extra: Vec<(Level1, Decimal)> = [
            Level1::Output,
            Level1::Outcome,
            Level1::Satisfaction,
            Level1::Cost,
        ]
        .into_iter()
        .filter(|l1| p.level1_weight(*l1).is_none())
        .map(|l1| (l1, level1_sum(f, l1)))
        .filter(|(_, s)| *s > Decimal::ZERO)
        .collect();
        for (l1, sum) in &extra {
            parts.push(format!("{} {}", short(*l1), sum.normalize()));
        }
        if deviating.is_empty() {
            return;
        }
        let nominal: Vec<String> = p
            .level1_weights
            .iter()
            .map(|(l1, w)| format!("{} {}", short(*l1), w.normalize()))
            .collect();
        let detail: Vec<String> = deviating
            .iter()
            .map(|(l1, s, n)| {
                format!(
                    "{}指标合计 {} 分（口径 {} 分）",
                    short(*l1),
                    s.normalize(),
                    n.normalize()
                )
            })
            .collect();
        let mut msg = format!(
            "{}；本表一级指标分值为 {}，口径“{}”默认为 {}",
            detail.join("，"),
            parts.join(" / "),
            p.title,
            nominal.join(" / ")
        );
        if !extra.is_empty() {
            msg.push_str("（本口径未规定成本指标的分值）");
        }
        let l1 = deviating[0].0;
        let mut finding = Finding::new(&META, msg);
        finding = match first_row(f, l1) {
            Some(row) => finding.at(row.level1.at),
            None => finding.at_line(f.source.first_line),
        };
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_util::{form, row, run, standard_rows};
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn standard_split_is_silent() {
        let f = form(standard_rows());
        assert!(run(&Level1WeightsProfile, &f, &Profile::central_2020()).is_empty());
    }

    #[test]
    fn shifted_points_warn_once() {
        let mut rows = standard_rows();
        rows[0].weight.as_mut().unwrap().value = Decimal::from(35);
        rows[2].weight.as_mut().unwrap().value = Decimal::from(20);
        let out = run(&Level1WeightsProfile, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].message.contains("产出指标合计 60 分（口径 50 分）"),
            "{}",
            out[0].message
        );
        assert!(out[0].message.contains("效益指标合计 20 分（口径 30 分）"));
        assert_eq!(out[0].line, Some(1));
    }

    #[test]
    fn split_free_profile_and_w2_are_silent() {
        let mut rows = standard_rows();
        rows[0].weight.as_mut().unwrap().value = Decimal::from(35);
        rows[2].weight.as_mut().unwrap().value = Decimal::from(20);
        assert!(run(&Level1WeightsProfile, &form(rows), &Profile::sichuan_2023()).is_empty());
        // No 满意度 row: 55 + 35 = 90 is W2's business (JX207), not a deviation from 50/30.
        let mut rows = standard_rows();
        rows.pop();
        rows[0].weight.as_mut().unwrap().value = Decimal::from(30);
        rows[2].weight.as_mut().unwrap().value = Decimal::from(35);
        assert!(run(&Level1WeightsProfile, &form(rows), &Profile::central_2020()).is_empty());
    }

    #[test]
    fn unknown_level1_is_left_to_jx204() {
        let mut rows = standard_rows();
        rows.push(row(
            5,
            "其他(10分)",
            "其他",
            "宣传次数",
            "≥2次",
            "2次",
            "10",
        ));
        rows[0].weight.as_mut().unwrap().value = Decimal::from(15);
        assert!(run(&Level1WeightsProfile, &form(rows), &Profile::central_2020()).is_empty());
    }

    #[test]
    fn cost_level1_is_mentioned() {
        let mut rows = standard_rows();
        rows[0].weight.as_mut().unwrap().value = Decimal::from(15);
        rows.push(row(
            5,
            "成本指标(10分)",
            "经济成本指标",
            "项目总成本",
            "≤50万元",
            "48万元",
            "10",
        ));
        let out = run(&Level1WeightsProfile, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("成本 10"), "{}", out[0].message);
    }
}
