use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::NoteKind;

/// A row the reader could not place in the form.
pub struct UnplacedRow;

static META: RuleMeta = RuleMeta {
    code: "JX001",
    name: "unplaced-row",
    area: Area::Reading,
    severity: Severity::Warning,
    title: "有内容未能读入表格",
    what: "读取时遇到无法归入表头、资金、目标或指标的行，或无法解析为数字的金额、分值单元格（警告）；读取方式的说明（如繁体镜像已转换、分值由得分反推、不属于本表结构的栏目未读入）作为提示列出。",
    why: "未被读入的内容不参与计算，若其中有指标或金额，复算结果会与原表不符；读取器从不悄悄丢弃内容。",
    bad: "分值列写成“七点五”，或指标行缺少三级指标名称。",
    good: "分值写成 7.50；每个指标行都有一级、二级、三级指标。",
    fix: "核对该行内容：把数字写成阿拉伯数字，补齐缺失的单元格，或删除与表格无关的文字。",
    source: "formats.md “What read correctly means”",
};

impl Rule for UnplacedRow {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for note in &cx.form.read_notes {
            let finding = Finding::new(&META, note.message.clone()).at_line(note.line);
            out.push(match note.kind {
                NoteKind::Problem => finding,
                NoteKind::Remark => finding.severity(Severity::Info),
            });
        }
    }
}
