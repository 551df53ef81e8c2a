use super::common::satisfaction_rows;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Indicator;
use crate::normalise;
use rust_decimal::Decimal;

/// Every satisfaction result is 100%, or exactly its target.
pub struct SatisfactionSuspicious;

static META: RuleMeta = RuleMeta {
    code: "JX503",
    name: "satisfaction-suspicious",
    area: Area::Satisfaction,
    severity: Severity::Info,
    title: "满意度结果过于整齐",
    what: "一张表的全部满意度指标，实际完成值都是 100%，或都与目标值完全相同。任何一项满意度没有填写实际值时不作判断（由 JX501 报告）。",
    why: "真实的抽样调查很少恰好得到 100%，更少恰好等于事先定的目标；这种整齐的结果往往是照目标估填，应核实调查记录。",
    bad: "一线下沉干部满意度：目标 98%，实际 98%；指引使用者满意度：目标 95%，实际 95%。",
    good: "实际完成值按调查结果填写，如“96.2%（有效问卷 208 份）”。",
    fix: "核对满意度调查的原始记录，按实际调查结果填写满意率并注明样本量。",
    source: "R46; INFERRED",
};

/// Whether the actual is exactly 100%.
fn is_hundred_percent(ind: &Indicator) -> bool {
    ind.actual.as_ref().is_some_and(|a| {
        a.value == Some(Decimal::ONE_HUNDRED) && a.unit.as_deref().map(str::trim) == Some("%")
    })
}

/// Whether the actual equals the target number exactly (after unit conversion).
fn equals_target(ind: &Indicator) -> bool {
    let (Some(t), Some(a)) = (&ind.target, &ind.actual) else {
        return false;
    };
    let (Some(tv), Some(av)) = (t.value, a.value) else {
        return false;
    };
    if !t.comparator.is_quantitative() {
        return false;
    }
    normalise::units_compatible(t.unit.as_deref(), a.unit.as_deref())
        .and_then(|f| av.checked_mul(f))
        .is_some_and(|v| v == tv)
}

impl Rule for SatisfactionSuspicious {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let rows: Vec<&Indicator> = satisfaction_rows(cx).collect();
        let Some(first) = rows.first() else {
            return;
        };
        if rows
            .iter()
            .any(|i| i.actual.as_ref().is_none_or(|a| a.value.is_none()))
        {
            return;
        }
        let all_hundred = rows.iter().all(|i| is_hundred_percent(i));
        let all_equal = rows.iter().all(|i| equals_target(i));
        let n = rows.len();
        let what = if all_hundred {
            let same = if all_equal {
                "，且与目标值完全相同"
            } else {
                ""
            };
            match n {
                1 => format!("唯一的满意度指标实际值为 100%{same}"),
                n => format!("全部 {n} 项满意度指标实际值均为 100%{same}"),
            }
        } else if all_equal {
            let actuals: Vec<String> = rows
                .iter()
                .filter_map(|i| i.actual.as_ref().map(|a| format!("“{}”", a.text)))
                .collect();
            match n {
                1 => format!("唯一的满意度指标实际值{}与目标值完全相同", actuals.join("")),
                n => format!(
                    "全部 {n} 项满意度指标实际值（{}）均与目标值完全相同",
                    actuals.join("、")
                ),
            }
        } else {
            return;
        };
        let Some(a) = &first.actual else {
            return;
        };
        out.push(
            Finding::new(&META, format!("{what}，请核实调查记录"))
                .at(a.at)
                .indicator(&first.name.value),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::scoring::common::testkit::{form, run};
    use crate::model::Level1::*;
    use crate::profile::Profile;

    fn n(rows: &[(&str, Option<&str>)]) -> usize {
        let inds = rows
            .iter()
            .map(|(t, a)| {
                crate::check::rules::scoring::common::testkit::row(
                    Satisfaction,
                    "服务对象满意度",
                    t,
                    *a,
                    "5",
                    "5",
                )
            })
            .collect();
        run(
            &SatisfactionSuspicious,
            &form("100", "100", inds),
            &Profile::central_2020(),
        )
        .len()
    }

    #[test]
    fn all_hundred_or_all_equal() {
        assert_eq!(n(&[("90%", Some("100%")), ("95%", Some("100%"))]), 1);
        assert_eq!(n(&[("98%", Some("98%")), ("95%", Some("95%"))]), 1);
        assert_eq!(n(&[("98%", Some("98%")), ("95%", Some("96.5%"))]), 0);
        assert_eq!(n(&[("90%", Some("100%")), ("95%", None)]), 0);
        assert_eq!(n(&[]), 0);
    }
}
