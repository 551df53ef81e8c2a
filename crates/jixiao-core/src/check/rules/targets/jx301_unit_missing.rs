use super::common::{real_target, unit_in_name};
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Comparator;

/// A quantitative target without a unit.
pub struct UnitMissing;

static META: RuleMeta = RuleMeta {
    code: "JX301",
    name: "unit-missing",
    area: Area::Targets,
    severity: Severity::Error,
    title: "定量目标缺少计量单位",
    what: "年度指标值是定量目标（带“≥ > = ≤ <”或“不低于/不超过”等，或只写一个数），却没有计量单位（百分号也算单位）。写了比较符号的作错误；只写一个数（如“11”）的作警告。三级指标名称末尾括号里已写明单位的（如“开展率(%)”）不报；“无/不适用”行不查。",
    why: "定量指标必须有计量单位，否则“≤7”是名次、天数还是件数无从判断，完成情况无法核对（预算系统对定量指标强制填写计量单位）。",
    bad: "信息得分全市排名：年度指标值“≤7”；保障处级干部健康管理人数：年度指标值“11”。",
    good: "年度指标值“≤7名”“11人”。",
    fix: "在年度指标值后补上计量单位（人、次、个、%、万元、天……），实际完成值使用同一单位。",
    source: "R21; domain.md B.4（定量指标计量单位必填）; C9 [V]",
};

impl Rule for UnitMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in &cx.form.indicators {
            let Some(t) = real_target(cx, ind) else {
                continue;
            };
            if t.value.is_none() || t.unit.is_some() {
                continue;
            }
            let severity = match t.comparator {
                Comparator::AtLeast
                | Comparator::Greater
                | Comparator::Equal
                | Comparator::AtMost
                | Comparator::Less => Severity::Error,
                Comparator::Implicit | Comparator::Range => Severity::Warning,
                Comparator::Qualitative => continue,
            };
            if unit_in_name(&ind.name.value).is_some() {
                continue;
            }
            let kind = if severity == Severity::Error {
                "是定量目标"
            } else {
                "只写了数字"
            };
            out.push(
                Finding::new(
                    &META,
                    format!("年度指标值“{}”{kind}，没有计量单位", t.text.trim()),
                )
                .at(t.at)
                .indicator(&ind.name.value)
                .severity(severity),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::structure::common::test_util::{form, row, run};
    use crate::profile::Profile;

    fn sev(name: &str, target: &str) -> Option<Severity> {
        let rows = vec![row(1, "产出(50分)", "数量", name, target, "", "10")];
        let out = run(&UnitMissing, &form(rows), &Profile::central_2020());
        assert!(out.len() <= 1);
        out.first().map(|f| f.severity)
    }

    #[test]
    fn explicit_is_error_bare_is_warning() {
        assert_eq!(sev("信息得分全市排名", "≤7"), Some(Severity::Error));
        assert_eq!(sev("文件数", "不低于20"), Some(Severity::Error));
        assert_eq!(sev("保障人数", "11"), Some(Severity::Warning));
        assert_eq!(sev("区间", "3-5"), Some(Severity::Warning));
    }

    #[test]
    fn units_percent_qualitative_placeholders_are_fine() {
        assert_eq!(sev("合格率", "≥98%"), None);
        assert_eq!(sev("人数", "5名"), None);
        assert_eq!(sev("质量", "优"), None);
        assert_eq!(sev("时效", "12月底前"), None);
        assert_eq!(sev("无", "无"), None);
        assert_eq!(sev("开展率(%)", "100"), None);
    }
}
