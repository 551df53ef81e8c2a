use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::FormStatus;

/// A form that stops before its 总分 row, or could not be read at all.
pub struct IncompleteForm;

static META: RuleMeta = RuleMeta {
    code: "JX002",
    name: "incomplete-form",
    area: Area::Reading,
    severity: Severity::Error,
    title: "表格不完整或无法读取",
    what: "表格在总分行之前中断（缺少资金、指标或总分），或文件无法作为自评表读取。",
    why: "不完整的表无法复算总分，也无法评定等级；jixiao 不会为不完整的表给出总分。",
    bad: "文本在“年度绩效指标”中途结束，没有总分行。",
    good: "表格从表头、资金使用情况、年度总体目标、绩效指标一直到总分行完整。",
    fix: "补全表格后重新提交；若是转换时被截断，请用原始的 Excel 或 PDF 文件重新导入。",
    source: "formats.md quirk 13",
};

impl Rule for IncompleteForm {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let f = cx.form;
        match &f.status {
            FormStatus::Incomplete { stops_in, line } => out.push(
                Finding::new(
                    &META,
                    format!("表格不完整：止于“{stops_in}”（第{line}行），不计算总分和等级"),
                )
                .at_line(*line),
            ),
            FormStatus::Unreadable { why } => out
                .push(Finding::new(&META, format!("无法读取：{why}")).at_line(f.source.first_line)),
            FormStatus::Ambiguous { readings } => out.push(
                Finding::new(
                    &META,
                    format!("存在多种读法，未作猜测：{}", readings.join("；")),
                )
                .at_line(f.source.first_line),
            ),
            FormStatus::Complete | FormStatus::Unscored => {}
        }
    }
}
