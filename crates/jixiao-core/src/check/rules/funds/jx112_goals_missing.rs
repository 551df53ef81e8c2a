use super::read_past_goals;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Sourced;
use crate::normalise;

/// 年度总体目标: 预期目标 or 实际完成情况 blank.
pub struct GoalsMissing;

static META: RuleMeta = RuleMeta {
    code: "JX112",
    name: "goals-missing",
    area: Area::Funds,
    severity: Severity::Error,
    title: "年度总体目标或完成情况未填",
    what: "检查年度总体目标的“预期目标”和“实际完成情况”是否填写（空白或只填“—”“/”“无”都算未填）。只检查读到了总体目标之后内容的表（完整的表，或在绩效指标、总分处中断的表）。",
    why: "预期目标是预算批复时确定的绩效目标，实际完成情况是自评的核心结论；缺了任何一项，审核人无法判断项目是否达到目的，指标得分也失去依据。",
    bad: "预期目标：完成档案整理归档。实际完成情况：（空）",
    good: "实际完成情况：合同服务期内累计完成档案整理归档约 4 万件，整理质量符合合同约定要求。",
    fix: "补填预期目标（与预算批复的绩效目标一致）和实际完成情况（写明完成的数量、质量、时间和资金使用情况）。",
    source: "R12; domain.md B.3; S8 [V]",
};

fn blank(v: Option<&Sourced<String>>) -> bool {
    v.is_none_or(|s| normalise::is_null_marker(&s.value))
}

impl Rule for GoalsMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let f = cx.form;
        if !read_past_goals(&f.status) {
            return;
        }
        let g = &f.overall_goal;
        // Where to point when a cell is missing altogether: the other goal cell's line, else the
        // first indicator row.
        let fallback = g
            .expected
            .as_ref()
            .or(g.achieved.as_ref())
            .map(|s| s.at.line)
            .or(f.indicators.first().map(|i| i.line));
        for (label, value) in [
            ("预期目标", g.expected.as_ref()),
            ("实际完成情况", g.achieved.as_ref()),
        ] {
            if !blank(value) {
                continue;
            }
            let finding = match value {
                Some(v) => Finding::new(
                    &META,
                    format!("年度总体目标的“{label}”填的是“{}”，等于未填", v.value),
                )
                .at(v.at),
                None => {
                    let f = Finding::new(&META, format!("年度总体目标的“{label}”未填写"));
                    match fallback {
                        Some(line) => f.at_line(line),
                        None => f,
                    }
                }
            };
            out.push(finding);
        }
    }
}
