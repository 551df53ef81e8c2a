use super::common::real_target;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::normalise;

/// Target and actual carry units of different kinds that cannot be converted.
pub struct UnitMismatch;

static META: RuleMeta = RuleMeta {
    code: "JX305",
    name: "unit-mismatch",
    area: Area::Targets,
    severity: Severity::Error,
    title: "目标与实际完成值单位不一致",
    what: "年度指标值和实际完成值都写了计量单位，两个单位属于不同的量（如目标“人”、实际“%”，目标“万元”、实际“天”），无法换算。可换算的不报（万元↔元、小时↔天、人↔名）；从保守起见，两个计数量词之间（个/项/件/次/人……）、两个时间单位之间、“%”与“百分点”之间、以及带“/”的复合单位都不报。",
    why: "单位不同，实际完成值就不能与目标比较，按完成率计算的得分没有依据；多半是实际完成值填错了栏目或口径。",
    bad: "年度指标值“≥98%”，实际完成值“120人”；年度指标值“≤40万元”，实际完成值“3个月”。",
    good: "年度指标值“≥98%”，实际完成值“99.2%”；或“≤40万元”对“39.6万元”。",
    fix: "按目标的计量单位填写实际完成值（或更正目标的单位），两者须能直接比较。",
    source: "R28 (INFERRED); domain.md B.4; 万元↔元 ×10⁴ 换算",
};

/// The kind of quantity a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dim {
    Count,
    Money,
    Percent,
    PercentPoint,
    Time,
    Mass,
    Area,
    Length,
    Volume,
    Energy,
    Power,
    Points,
}

impl Dim {
    fn chinese(self) -> &'static str {
        match self {
            Dim::Count => "数量",
            Dim::Money => "金额",
            Dim::Percent => "百分比",
            Dim::PercentPoint => "百分点",
            Dim::Time => "时间",
            Dim::Mass => "重量",
            Dim::Area => "面积",
            Dim::Length => "长度",
            Dim::Volume => "体积",
            Dim::Energy => "电量",
            Dim::Power => "功率",
            Dim::Points => "分数",
        }
    }
}

const MULTIPLIERS: &[&str] = &["十万", "百万", "千万", "万", "亿", "千", "百"];

fn base_dim(u: &str) -> Option<Dim> {
    Some(match u {
        "元" => Dim::Money,
        "%" | "‰" | "百分比" => Dim::Percent,
        "百分点" | "个百分点" => Dim::PercentPoint,
        "天" | "日" | "小时" | "个小时" | "分钟" | "周" | "月" | "个月" | "季度" | "个季度"
        | "年" | "学期" | "工作日" | "个工作日" | "学时" | "课时" => Dim::Time,
        "吨" | "公斤" | "千克" | "克" | "斤" | "kg" => Dim::Mass,
        "亩" | "公顷" | "平方米" | "平米" | "㎡" | "m²" | "平方公里" => Dim::Area,
        "米" | "公里" | "千米" | "km" | "㎞" => Dim::Length,
        "立方米" | "m³" => Dim::Volume,
        "千瓦时" | "kWh" | "度" => Dim::Energy,
        "千瓦" | "kW" => Dim::Power,
        "分" => Dim::Points,
        _ => return None,
    })
}

/// The kind of a (simple) unit as the parser normalised it: a known measure, else a count word
/// (the parser only keeps known units, so anything else is a classifier such as 个/人/次).
/// A bare multiplier (`万`) or a compound unit (`元/人`) has no kind.
fn dim(u: &str) -> Option<Dim> {
    let u = u.trim();
    if u.is_empty() || u.contains(['/', '*', '·', '×', '・']) {
        return None;
    }
    if matches!(u, "人天" | "人日" | "人月") {
        return None; // workload: neither a plain count nor a time
    }
    if let Some(d) = base_dim(u) {
        return Some(d);
    }
    for m in MULTIPLIERS {
        if let Some(rest) = u.strip_prefix(m) {
            if rest.is_empty() {
                return None;
            }
            if let Some(d) = base_dim(rest) {
                return Some(d);
            }
        }
    }
    Some(Dim::Count)
}

/// The two kinds when they clash (and cannot be converted), else `None`. Most rows print the
/// same unit twice (`场` and `场`), which has one kind: no clash, without working it out.
fn clash(target: &str, actual: &str) -> Option<(Dim, Dim)> {
    if target == actual {
        return None;
    }
    clash_of_kinds(target, actual)
}

/// [`clash`] worked out from the units' kinds.
fn clash_of_kinds(target: &str, actual: &str) -> Option<(Dim, Dim)> {
    let (a, b) = (dim(target)?, dim(actual)?);
    if a == b {
        return None;
    }
    if matches!(
        (a, b),
        (Dim::Percent, Dim::PercentPoint) | (Dim::PercentPoint, Dim::Percent)
    ) {
        return None;
    }
    normalise::units_compatible(Some(target), Some(actual))
        .is_none()
        .then_some((a, b))
}

impl Rule for UnitMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for ind in &cx.form.indicators {
            let (Some(t), Some(a)) = (real_target(cx, ind), ind.actual.as_ref()) else {
                continue;
            };
            let (Some(tu), Some(au)) = (t.unit.as_deref(), a.unit.as_deref()) else {
                continue;
            };
            let Some((td, ad)) = clash(tu, au) else {
                continue;
            };
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "年度指标值“{}”以“{tu}”计（{}），实际完成值“{}”以“{au}”计（{}），两者无法换算比较",
                        t.text.trim(),
                        td.chinese(),
                        a.text.trim(),
                        ad.chinese()
                    ),
                )
                .at(a.at)
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
    fn the_same_unit_twice_is_no_clash_as_its_kinds_say() {
        let units = [
            "%",
            "人",
            "万元",
            "元",
            "天",
            "分",
            "名",
            "个",
            "项",
            "个工作日",
            "元/人",
            "万",
            "人天",
            "场",
            "次",
            "千瓦时",
            "百万吨",
            " 个 ",
            "",
            "‰",
            "百分点",
        ];
        for t in units {
            for a in units {
                assert_eq!(clash(t, a), clash_of_kinds(t, a), "{t:?} {a:?}");
            }
        }
    }

    #[test]
    fn clashes() {
        assert_eq!(clash("%", "人"), Some((Dim::Percent, Dim::Count)));
        assert_eq!(clash("万元", "天"), Some((Dim::Money, Dim::Time)));
        assert_eq!(clash("分", "%"), Some((Dim::Points, Dim::Percent)));
        assert_eq!(clash("万元", "元"), None);
        assert_eq!(clash("人", "名"), None);
        assert_eq!(clash("个", "项"), None);
        assert_eq!(clash("个工作日", "天"), None);
        assert_eq!(clash("月", "年"), None);
        assert_eq!(clash("%", "个百分点"), None);
        assert_eq!(clash("万", "人"), None);
        assert_eq!(clash("元/人", "%"), None);
        assert_eq!(clash("万件", "件"), None);
        assert_eq!(clash("学时", "小时"), None);
        assert_eq!(clash("人天", "天"), None);
    }

    #[test]
    fn rule_needs_both_units() {
        let rows = vec![
            row(1, "产出(50分)", "质量", "合格率", "≥98%", "120人", "10"),
            row(2, "产出(50分)", "成本", "补助成本", "6200元", "1", "10"),
            row(
                3,
                "产出(50分)",
                "数量",
                "档案整理件数",
                "预计≥1.5万件",
                "1.78万件",
                "10",
            ),
        ];
        let out = run(&UnitMismatch, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            out[0].message,
            "年度指标值“≥98%”以“%”计（百分比），实际完成值“120人”以“人”计（数量），两者无法换算比较"
        );
    }
}
