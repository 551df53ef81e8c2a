use super::common::{boilerplate, note, overshoot, pct, points_lost};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::score::ScoreMethod;

/// A required 偏差原因 that says nothing.
pub struct ReasonBoilerplate;

static META: RuleMeta = RuleMeta {
    code: "JX411",
    name: "reason-boilerplate",
    area: Area::Scoring,
    severity: Severity::Warning,
    title: "偏差原因是套话",
    what: "需要说明偏差原因的指标（扣了分，或实际完成值达到目标的超额阈值以上），“偏差原因分析及改进措施”只填了“无”“暂无”“/”“—”“已完成”“完成”“正常”之类，或不足 10 个字。一栏完全空白的由 JX403（扣分）和 JX404（超额）报告。",
    why: "填“无”等于没有说明：复核人仍然不知道偏差从何而来、下一步怎么改。抽查中“存在问题：无；改进措施：无”是常见的形式主义问题。",
    bad: "分值 5，得分 3，偏差原因填“无”。",
    good: "“受疫情影响，上级未组织测评，尾款未能支付；2023年将积极推进测评工作并按进度支付。”",
    fix: "写明偏差的具体原因（什么事、多大影响）和改进措施，不要只填“无”“已完成”等字样。",
    source: "R42; domain.md A.9; S11 [V]（存在问题“无”/改进措施“无”）; INFERRED 10 字下限",
};

impl Rule for ReasonBoilerplate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            if sc.method == ScoreMethod::VoidZeroWeight {
                continue;
            }
            let Some(n) = note(ind) else {
                continue;
            };
            let lost = points_lost(cx, ind);
            let over = if lost.is_none() {
                overshoot(cx, ind, sc)
            } else {
                None
            };
            if lost.is_none() && over.is_none() {
                continue;
            }
            let Some(what) = boilerplate(&n.value) else {
                continue;
            };
            let why_required = match (lost, over) {
                (Some((w, s)), _) => format!("分值 {w}，得分 {s}，扣了分"),
                (None, Some(r)) => format!("实际完成值为目标的 {}，超额较大", pct(r)),
                (None, None) => continue,
            };
            out.push(
                Finding::new(
                    &META,
                    format!("{why_required}，偏差原因却{what}，没有说明具体原因"),
                )
                .at(n.at)
                .indicator(&ind.name.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::scoring::common::testkit::{row, run_row, with_note};
    use crate::model::Level1::*;

    fn n(target: &str, actual: &str, s: &str, note: &str) -> usize {
        let r = with_note(row(Output, "数量", target, Some(actual), "10", s), note);
        run_row(&ReasonBoilerplate, r).len()
    }

    #[test]
    fn only_required_notes_are_judged() {
        assert_eq!(n("≥3个", "2个", "6.67", "无"), 1);
        assert_eq!(n("≥3个", "2个", "6.67", "已完成。"), 1);
        assert_eq!(n("≥3个", "2个", "6.67", "人员离职"), 1);
        assert_eq!(
            n("≥3个", "2个", "6.67", "一名辅助人员2月离职，次年才补招到位"),
            0
        );
        assert_eq!(n("100个", "135个", "10", "无"), 1);
        assert_eq!(n("100个", "100个", "10", "无"), 0);
    }
}
