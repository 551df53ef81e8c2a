use super::common::{contains_any, is_quantity, name_key, real_target};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Comparator;

/// A 数量 indicator with a ≤ or < target: output counts are floors.
pub struct QuantityDirection;

static META: RuleMeta = RuleMeta {
    code: "JX307",
    name: "quantity-direction",
    area: Area::Targets,
    severity: Severity::Warning,
    title: "数量指标目标方向错误（≤）",
    what: "数量指标（二级指标为数量）的年度指标值用了“≤”或“<”。产出数量是下限，应写“≥”或直接写数。名称表示越少越好的事项（含“投诉、事故、差错、违规、违纪、超标、逾期、延误、误差、返工、故障、损失、失误、缺陷、问题”）不报。",
    why: "数量指标写成“≤”，做得越少越算完成：“≤800本”实际印 1 本也得满分。多半是符号填反，或把预算控制数当成了产出目标。",
    bad: "数量指标：《罗湖区情手册》，年度指标值“≤800本”，实际完成值“1本”；聘请临聘人员数量“≤8人”。",
    good: "“《罗湖区情手册》印制数量 ≥800本”；人员控制数放到成本指标或写明“控制在8人以内”的依据。",
    fix: "把数量目标改为下限（“≥”或直接写数）；确实是控制上限的，移到成本指标或在名称中写明是控制数。",
    source: "issue “review-check catalogue”（quantity direction）; domain.md B.4（数量按 ≥ 读，INFERRED）",
};

/// Things counted that should be few: `≤` is right for them.
const FEWER_IS_BETTER: &[&str] = &[
    "投诉", "事故", "差错", "违规", "违纪", "超标", "逾期", "延误", "误差", "返工", "故障", "损失",
    "失误", "缺陷", "问题",
];

impl Rule for QuantityDirection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in cx.form.indicators.iter().filter(|i| is_quantity(cx, i)) {
            let Some(t) = real_target(cx, ind) else {
                continue;
            };
            if !matches!(t.comparator, Comparator::AtMost | Comparator::Less) {
                continue;
            }
            if contains_any(&name_key(cx, ind), FEWER_IS_BETTER).is_some() {
                continue;
            }
            let actual = ind
                .actual
                .as_ref()
                .filter(|a| !a.text.trim().is_empty())
                .map_or(String::new(), |a| {
                    format!("（实际完成值“{}”）", a.text.trim())
                });
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "数量指标“{}”的年度指标值为“{}”{actual}：产出数量应设下限（≥），“{}”表示越少越好",
                        ind.name.value.trim(),
                        t.text.trim(),
                        t.comparator.symbol()
                    ),
                )
                .at(t.at)
                .indicator(&ind.name.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::structure::common::test_util::{form, row, run};
    use crate::profile::Profile;

    #[test]
    fn quantity_ceiling_warns() {
        let rows = vec![
            row(
                1,
                "产出(50分)",
                "数量",
                "《罗湖区情手册》",
                "≤800本",
                "1本",
                "2",
            ),
            row(
                2,
                "产出(50分)",
                "数量",
                "聘请临聘人员数量",
                "≤8人",
                "7名",
                "7.5",
            ),
            row(3, "产出(50分)", "数量", "群众投诉次数", "≤2次", "1次", "5"),
            row(4, "产出(50分)", "数量", "培训人数", "≥100人", "120人", "5"),
            row(
                5,
                "产出(50分)",
                "时效",
                "办结时间",
                "≤2个工作日",
                "2个工作日",
                "5",
            ),
            row(6, "产出(50分)", "数量指标", "印发文件", "<10份", "9份", "5"),
        ];
        let out = run(&QuantityDirection, &form(rows), &Profile::central_2020());
        let lines: Vec<_> = out.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![Some(1), Some(2), Some(6)], "{out:?}");
        assert_eq!(
            out[0].message,
            "数量指标“《罗湖区情手册》”的年度指标值为“≤800本”（实际完成值“1本”）：产出数量应设下限（≥），“≤”表示越少越好"
        );
    }
}
