use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// Points lost on an indicator with no 偏差原因分析.
pub struct ReasonMissing;

static META: RuleMeta = RuleMeta {
    code: "JX403",
    name: "reason-missing",
    area: Area::Scoring,
    severity: Severity::Error,
    title: "扣分但未填写偏差原因",
    what: "三级指标得分低于分值时，“偏差原因分析及改进措施”不能为空。",
    why: "《项目支出绩效评价管理办法》要求未完成目标的说明原因并提出改进措施；没有说明的扣分无法复核。",
    bad: "分值 7.50，得分 6.50，偏差原因一栏空白。",
    good: "写明原因和措施，如“一名辅助人员2月离职，2023年已补招，今后提前做好人员储备”。",
    fix: "在该行“偏差原因分析及改进措施”中写明未完成的具体原因和下一步改进措施。",
    source: "R41; domain.md A.9; C2, C10 [V]; [R] 办法",
};

impl Rule for ReasonMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in &cx.form.indicators {
            let (Some(w), Some(s)) = (&ind.weight, &ind.score) else {
                continue;
            };
            let lost = w.value - s.value > cx.profile.tolerance;
            let blank = ind
                .deviation_note
                .as_ref()
                .is_none_or(|n| n.value.trim().is_empty());
            if lost && blank {
                out.push(
                    Finding::new(
                        &META,
                        format!(
                            "分值 {}，得分 {}，扣了分却没有填写偏差原因",
                            w.value, s.value
                        ),
                    )
                    .at(s.at)
                    .indicator(&ind.name.value),
                );
            }
        }
    }
}
