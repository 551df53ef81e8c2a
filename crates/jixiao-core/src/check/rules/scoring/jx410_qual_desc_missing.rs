use super::common::{is_qualitative_row, note};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::normalise;

/// The profile in which a qualitative row must carry a description (C2 广西 `score_remark`).
const DESCRIPTION_REQUIRED_PROFILE: &str = "guangxi";

/// A qualitative row that only gives a bare grade word.
pub struct QualDescMissing;

static META: RuleMeta = RuleMeta {
    code: "JX410",
    name: "qual-desc-missing",
    area: Area::Scoring,
    severity: Severity::Info,
    title: "定性指标只写等级，没有完成情况说明",
    what: "定性指标的实际完成值只写了一个等级用语（“达成预期指标”“达成”“完成”等），该行（含偏差原因一栏）再没有任何完成情况的说明。默认为提示；广西口径要求定性指标必须填写完成情况说明，为警告。",
    why: "只写“达成”无法核实：复核人看不到达成了什么、依据是什么。C3 平台导入时要求“定性指标完成情况简要描述不能为空”。",
    bad: "年度指标值“效果显著”，实际完成值“达成”，偏差原因一栏空白。",
    good: "实际完成值“达成：全年开展慰问 2 次，覆盖离退休干部 36 人，无投诉”。",
    fix: "在实际完成值（或偏差原因一栏）中补充一两句具体完成情况，说明等级的依据。",
    source: "R40; domain.md A.5; C2 广西 score_remark [V], C3 [V]",
};

impl Rule for QualDescMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            if !is_qualitative_row(cx, ind, sc) {
                continue;
            }
            let Some(a) = &ind.actual else {
                continue;
            };
            if cx.grade(ind).is_none() {
                continue;
            }
            if note(ind).is_some_and(|n| {
                !normalise::is_null_marker(&n.value) && !normalise::is_void_text(&n.value)
            }) {
                continue;
            }
            let mut f = Finding::new(
                &META,
                [
                    "实际完成值只写了“",
                    a.text.trim(),
                    "”，没有说明具体完成了什么",
                ]
                .concat(),
            )
            .at(a.at)
            .indicator(&ind.name.value);
            if cx.profile.name == DESCRIPTION_REQUIRED_PROFILE {
                f = f.severity(Severity::Warning);
            }
            out.push(f);
        }
    }
}
