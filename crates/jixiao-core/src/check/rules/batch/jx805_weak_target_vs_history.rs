use super::{describe, key_of};
use crate::check::{Area, BatchItem, Finding, Rule, RuleMeta, Severity};
use crate::model::{Comparator, Form, Indicator};
use crate::normalise;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A target at or below the same indicator's actual in an earlier year of the same project.
pub struct WeakTargetVsHistory;

static META: RuleMeta = RuleMeta {
    code: "JX805",
    name: "weak-target-vs-history",
    area: Area::Batch,
    severity: Severity::Warning,
    title: "目标值不高于上年实际完成值",
    what: "同一项目编码在同批中出现两个不同年度时，对较晚年度的每个定量指标，找较早年度（取最近的一年）同名指标的实际完成值：正向指标（≥、>，以及按口径读作 ≥ 的无符号数值）的目标值不高于上年实际值，或反向指标（≤、<）的目标值不低于上年实际值，即报告。单位不同且不能换算的不比较；目标已是 100%（百分比）的正向指标无法再提高，不报告。",
    why: "绩效目标应有挑战性。目标定在上年已经达到的水平，指标必然“完成”并得满分，自评结果不能反映绩效的进步，属于“无压力的绩效目标”。",
    bad: "2022年实际完成“1.78万件”，2023年目标仍为“≥1.5万件”。",
    good: "2023年目标“≥1.8万件”（高于上年实际），或写明目标下调的原因（如工作量减少）。",
    fix: "参考上年实际完成值重新设定目标值；确因任务调整需要持平或降低目标的，在申报和自评中写明原因。",
    source: "R31; C11 [V] (history fed to review); S13 [V] (无压力的绩效目标)",
};

/// Positive (`Some(true)`), reverse (`Some(false)`) or not comparable.
fn direction(cmp: Comparator) -> Option<bool> {
    match cmp {
        Comparator::AtLeast | Comparator::Greater => Some(true),
        Comparator::AtMost | Comparator::Less => Some(false),
        _ => None,
    }
}

/// A positive percentage target of 100% or more is already at the ceiling: it cannot be raised
/// above last year's 100%, so it is never reported.
fn at_ceiling(positive: bool, t: Decimal, unit: Option<&str>) -> bool {
    positive && t >= Decimal::ONE_HUNDRED && unit.is_some_and(|u| u.trim() == "%")
}

/// Whether target `t` is weak against last year's actual `a_prev` (already in the target's unit).
fn weak(positive: bool, t: Decimal, a_prev: Decimal) -> bool {
    if positive { t <= a_prev } else { t >= a_prev }
}

/// The first indicator of `form` with this name key that has a numeric actual.
fn prev_actual<'a>(form: &'a Form, name: &str) -> Option<&'a Indicator> {
    form.indicators.iter().find(|i| {
        key_of(Some(&i.name)).as_deref() == Some(name)
            && i.actual.as_ref().is_some_and(|a| a.value.is_some())
    })
}

impl Rule for WeakTargetVsHistory {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_batch(&self, batch: &[BatchItem], out: &mut Vec<(usize, Finding)>) {
        // project code → [(year, index)]
        let mut by_code: HashMap<String, Vec<(i32, usize)>> = HashMap::new();
        for (idx, item) in batch.iter().enumerate() {
            let h = &item.form.header;
            let (Some(code), Some(year)) = (key_of(h.project_code.as_ref()), &h.year) else {
                continue;
            };
            by_code.entry(code).or_default().push((year.value, idx));
        }
        for forms in by_code.values() {
            for &(year, idx) in forms {
                // The closest earlier year (the first form of that year).
                let Some(&(prev_year, prev_idx)) = forms
                    .iter()
                    .filter(|(y, _)| *y < year)
                    .max_by_key(|(y, i)| (*y, std::cmp::Reverse(*i)))
                else {
                    continue;
                };
                let (form, eval) = (batch[idx].form, batch[idx].eval);
                let prev = batch[prev_idx].form;
                for (ind, sc) in form.indicators.iter().zip(&eval.indicators) {
                    if ind.is_placeholder() {
                        continue;
                    }
                    let Some(t) = &ind.target else { continue };
                    let Some(tv) = t.value else { continue };
                    let cmp = sc.effective_comparator.unwrap_or(t.comparator);
                    let Some(positive) = direction(cmp) else {
                        continue;
                    };
                    if at_ceiling(positive, tv, t.unit.as_deref()) {
                        continue;
                    }
                    let Some(name) = key_of(Some(&ind.name)) else {
                        continue;
                    };
                    let Some(p) = prev_actual(prev, &name) else {
                        continue;
                    };
                    let Some(a) = &p.actual else { continue };
                    let Some(av) = a.value else { continue };
                    let Some(factor) =
                        normalise::units_compatible(t.unit.as_deref(), a.unit.as_deref())
                    else {
                        continue;
                    };
                    let Some(a_conv) = av.checked_mul(factor) else {
                        continue;
                    };
                    if !weak(positive, tv, a_conv) {
                        continue;
                    }
                    let relation = if positive { "不高于" } else { "不低于" };
                    out.push((
                        idx,
                        Finding::new(
                            &META,
                            format!(
                                "{year}年目标“{}”{relation}{prev_year}年（{}）同名指标的实际完成值“{}”，目标缺乏挑战性",
                                t.text,
                                describe(prev, form),
                                a.text
                            ),
                        )
                        .at(t.at)
                        .indicator(&ind.name.value),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn weak_both_directions() {
        assert!(weak(true, dec!(11), dec!(11)));
        assert!(weak(true, dec!(1.5), dec!(1.78)));
        assert!(!weak(true, dec!(12), dec!(11)));
        assert!(weak(false, dec!(8), dec!(7)));
        assert!(weak(false, dec!(7), dec!(7)));
        assert!(!weak(false, dec!(6), dec!(7)));
    }

    #[test]
    fn full_percentage_is_a_ceiling() {
        assert!(at_ceiling(true, dec!(100), Some("%")));
        assert!(!at_ceiling(true, dec!(98), Some("%")));
        assert!(!at_ceiling(true, dec!(100), Some("件")));
        assert!(!at_ceiling(false, dec!(100), Some("%")));
    }

    #[test]
    fn only_directed_comparators() {
        assert_eq!(direction(Comparator::Greater), Some(true));
        assert_eq!(direction(Comparator::Less), Some(false));
        assert_eq!(direction(Comparator::Equal), None);
        assert_eq!(direction(Comparator::Range), None);
        assert_eq!(direction(Comparator::Qualitative), None);
        assert_eq!(direction(Comparator::Implicit), None);
    }
}
