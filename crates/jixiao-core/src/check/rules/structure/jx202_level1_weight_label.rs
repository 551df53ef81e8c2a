use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use rust_decimal::Decimal;

/// The weights under a level-1 indicator do not add up to the weight printed in its label.
pub struct Level1WeightLabel;

static META: RuleMeta = RuleMeta {
    code: "JX202",
    name: "level1-weight-label",
    area: Area::Structure,
    severity: Severity::Error,
    title: "一级指标下分值合计与标注分值不符",
    what: "一级指标标签中写明的分值（如“产出(50分)”）应等于其下全部三级指标分值之和。",
    why: "下级分值合计与上级设置数不一致，说明指标分值录入有误或漏填、多填了指标。",
    bad: "“产出(50分)”下各三级指标分值合计 45 分。",
    good: "“产出(50分)”下各三级指标分值合计 50 分。",
    fix: "调整该一级指标下的三级指标分值，使合计等于标签中的分值；或更正标签中的分值。",
    source: "R16; domain.md A.2 W3; C2 [V] “下级指标…录入合计应等于上级设置数”",
};

impl Rule for Level1WeightLabel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // Group consecutive rows by the level-1 label text; a label may repeat per row.
        let mut groups: Vec<(&str, Decimal, Decimal, u32)> = Vec::new();
        for ind in &cx.form.indicators {
            let Some(label_weight) = ind.level1_label_weight else {
                continue;
            };
            let w = ind.points_weight().map_or(Decimal::ZERO, |w| w.value);
            let key = ind
                .level1_category
                .map_or(ind.level1.value.as_str(), |c| c.chinese());
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.2 += w,
                None => groups.push((key, label_weight, w, ind.level1.at.line)),
            }
        }
        for (label, label_weight, sum, line) in groups {
            if cx.differs(label_weight, sum) {
                out.push(
                    Finding::new(
                        &META,
                        format!("{label}标注 {label_weight} 分，其下三级指标分值合计 {sum} 分"),
                    )
                    .at_line(line),
                );
            }
        }
    }
}
