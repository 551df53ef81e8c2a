use super::common::{compact, is_qualitative_row, meaningful_chars};
use super::jx408_insufficient_evidence::Evidence;
use crate::check::words::FewWords;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use std::sync::OnceLock;

/// Words that make an actual a statement of completion (`12月底前已发放`, `2022年已按期完成并上线`).
const COMPLETION_MARKERS: &[&str] = &[
    "已", "完成", "按时", "按期", "如期", "全部", "达到", "达标", "合格", "实现", "形成", "落实",
    "通过", "上线", "验收", "完工", "竣工", "办结", "到位", "达成",
];

/// A descriptive actual longer than this (meaningful characters) is taken as a description.
/// INFERRED: short cells are grade words or copies; 10 characters is where seed cells start to
/// read as sentences (`页面兼容5个主流浏览器`).
const DESCRIPTION_MIN_CHARS: usize = 10;

/// Whether an actual text states completion (or reports what was done) rather than grading it.
fn describes_completion(actual: &str) -> bool {
    static WORDS: OnceLock<FewWords> = OnceLock::new();
    let words = WORDS.get_or_init(|| FewWords::new(COMPLETION_MARKERS));
    words.in_text(actual)
}

/// A qualitative row whose actual is neither a grade word nor a completion description.
pub struct QualGradeMissing;

static META: RuleMeta = RuleMeta {
    code: "JX407",
    name: "qual-grade-missing",
    area: Area::Scoring,
    severity: Severity::Warning,
    title: "定性指标未给出完成等级",
    what: "定性指标（年度指标值为文字描述）的实际完成值，应是办法规定的完成等级（达成年度指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差，或“达成”“已完成”等同义用语），或一段说明完成情况的文字（含“已”“完成”“按时”“全部”“达到”“形成”等）。带数字的实测描述（“页面兼容5个主流浏览器”）和 10 个字以上的描述也视为说明。照抄年度指标值（“全年 → 全年”）或只写一个与等级无关的短语（“每月发放”）的，本条报告。实际完成值为空、只填数字或百分比的，由 JX408 报告。规范（R38）定为错误；但真实表格普遍用文字描述完成情况（如“12月底前已发放”），不能一律视为违规，所以默认级别为警告。",
    why: "定性指标的得分要落在所选等级的分数区间内（JX409）。看不出等级，复核人既无法判断该给几档分，也无法核对得分。",
    bad: "年度指标值“全年”，实际完成值“全年”，得满分 3。",
    good: "实际完成值“达成年度指标：全年 20 个工作日内答复依申请公开 136 件，无逾期”。",
    fix: "在实际完成值中写明完成等级（达成/部分达成/未达成），并用一句话说明实际完成情况。",
    source: "R38（规范定为 E；本规则默认警告，理由见“检查什么”）; domain.md A.5; C3 [V] 定性指标完成情况; [R] 办法三档",
};

impl Rule for QualGradeMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (ind, sc) in cx.form.indicators.iter().zip(&cx.eval.indicators) {
            if !is_qualitative_row(cx, ind, sc) {
                continue;
            }
            let (Some(t), Some(a)) = (&ind.target, &ind.actual) else {
                continue;
            };
            // Blank, numeric and bare-mark actuals are JX408's.
            if cx.evidence(ind) != Evidence::Qualitative || cx.grade(ind).is_some() {
                continue;
            }
            if describes_completion(&a.text) {
                continue;
            }
            let copy = compact(&a.text) == compact(&t.text);
            let msg = if copy {
                format!(
                    "定性目标“{}”，实际完成值照抄为“{}”：既不是完成等级（达成/部分达成/未达成），也没有说明完成情况",
                    t.text, a.text
                )
            } else if a.text.chars().any(|c| c.is_ascii_digit())
                || meaningful_chars(&a.text) >= DESCRIPTION_MIN_CHARS
            {
                continue;
            } else {
                format!(
                    "定性目标“{}”，实际完成值“{}”不是完成等级（达成/部分达成/未达成），也没有说明完成情况",
                    t.text, a.text
                )
            };
            out.push(Finding::new(&META, msg).at(a.at).indicator(&ind.name.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_descriptions() {
        assert!(describes_completion("12月底前已发放"));
        assert!(describes_completion("第四季度完成"));
        assert!(describes_completion("形成了第三个版本栏目结构表"));
        assert!(describes_completion("全部合格达标"));
        assert!(!describes_completion("全年"));
        assert!(!describes_completion("每月发放"));
        assert!(!describes_completion("长期"));
    }
}
