use super::common::{is_boilerplate, note, points_lost};
use crate::check::words::FewWords;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::score::ScoreMethod;
use std::sync::OnceLock;

/// Words that announce an improvement measure (R43; 今后/后续 added, INFERRED).
const MEASURE_WORDS: &[&str] = &[
    "下一步",
    "将",
    "加强",
    "改进",
    "整改",
    "拟",
    "完善",
    "提前",
    "优化",
    "措施",
    "今后",
    "后续",
];

/// Whether a note names an improvement measure.
fn has_measure(text: &str) -> bool {
    static WORDS: OnceLock<FewWords> = OnceLock::new();
    let words = WORDS.get_or_init(|| FewWords::new(MEASURE_WORDS));
    words.in_text(text)
}

/// A deviation note that explains the shortfall but proposes nothing.
pub struct ReasonNoMeasure;

static META: RuleMeta = RuleMeta {
    code: "JX412",
    name: "reason-no-measure",
    area: Area::Scoring,
    severity: Severity::Info,
    title: "偏差原因没有改进措施",
    what: "扣了分的指标，“偏差原因分析及改进措施”写了原因，但没有任何改进措施（找不到“下一步”“将”“加强”“改进”“整改”“拟”“完善”“提前”“优化”“措施”“今后”“后续”等字样）。只填套话的由 JX411 报告。",
    why: "这一栏的名称就是“偏差原因分析及改进措施”；办法要求未完成目标的提出改进措施，广东等地还要求写明整改时限。",
    bad: "“国产化替代后，电脑及打印机全覆盖，均为新设备，维修量降低。”",
    good: "“国产化替代后设备均为新机，维修量降低；下一年度将据实把维护数量目标调整为 200 件。”",
    fix: "在原因之后补充下一步的改进措施（最好附完成时限），如“下一年度将据实调整目标值”。",
    source: "R43; domain.md A.9; S15 [V]（整改措施及时限）; INFERRED 关键词",
};

impl Rule for ReasonNoMeasure {
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
            let Some((w, s)) = points_lost(cx, ind) else {
                continue;
            };
            if is_boilerplate(&n.value) || has_measure(&n.value) {
                continue;
            }
            out.push(
                Finding::new(
                    &META,
                    format!("分值 {w}，得分 {s}，偏差原因只说明了原因，没有写改进措施"),
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

    #[test]
    fn measure_words() {
        assert!(has_measure("改进措施：2023年会积极推进测评工作。"));
        assert!(has_measure("下一年度将据实调整目标"));
        assert!(!has_measure(
            "国产化替代后，电脑及打印机全覆盖，均为新设备，维修量降低。"
        ));
    }
}
