use rust_decimal::Decimal;

use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};

/// A real (non-placeholder) indicator with weight 0.
pub struct ZeroWeight;

static META: RuleMeta = RuleMeta {
    code: "JX206",
    name: "zero-weight",
    area: Area::Structure,
    severity: Severity::Info,
    title: "实际指标分值为 0",
    what: "设置了具体内容（不是“无/不适用”）的三级指标，分值却为 0：它不参与评分，也不需要填写偏差原因。默认作提示；口径要求每个指标分值大于 0 时（部分系统的“权重须大于 0”开关）作警告。",
    why: "分值为 0 的实际指标写了也不算分，通常是漏填分值，或把本应删除的指标留在表中；分值为 0 也会让“完成情况”无法影响得分。",
    bad: "产出指标 → 数量 → “培训人数”，年度指标值“≥100人”，分值 0。",
    good: "“培训人数”分值 10；或该指标确不适用时改为“无”并说明。",
    fix: "为该指标设置分值（并相应调整同级指标分值，保持合计 100 分）；不适用的指标改为“无”或删除。",
    source: "R19; domain.md A.8; C8 [V]（isCheckWeightGtZero）",
};

impl Rule for ZeroWeight {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let severity = if cx.profile.weight_positive_required {
            Severity::Warning
        } else {
            Severity::Info
        };
        for ind in cx.form.indicators.iter().filter(|i| !cx.is_placeholder(i)) {
            let Some(w) = ind.weight.as_ref().filter(|w| w.value == Decimal::ZERO) else {
                continue;
            };
            let target = ind.target.as_ref().map_or(String::new(), |t| {
                format!("（年度指标值“{}”）", t.text.trim())
            });
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "三级指标“{}”{target}分值为 0，不参与评分",
                        ind.name.value.trim()
                    ),
                )
                .at(w.at)
                .indicator(&ind.name.value)
                .severity(severity),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_util::{form, row, run};
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn info_by_default_warning_when_required() {
        let rows = vec![
            row(1, "产出(50分)", "数量", "培训人数", "≥100人", "120人", "0"),
            row(2, "效益(30分)", "生态效益", "无", "无", "无", "0"),
            row(3, "产出(50分)", "数量", "发放人数", "≥10人", "10人", ""),
        ];
        let f = form(rows);
        let out = run(&ZeroWeight, &f, &Profile::central_2020());
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].severity, Severity::Info);
        let strict = Profile {
            weight_positive_required: true,
            ..Profile::central_2020()
        };
        let out = run(&ZeroWeight, &f, &strict);
        assert_eq!(out[0].severity, Severity::Warning);
    }
}
