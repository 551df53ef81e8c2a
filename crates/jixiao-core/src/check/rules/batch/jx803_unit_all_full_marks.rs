use super::{reported_total, total_pos};
use crate::check::{Area, BatchItem, Finding, Rule, RuleMeta, Severity};
use crate::normalise;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Every complete form of one 实施单位 scores (nearly) full marks.
pub struct UnitAllFullMarks;

// Thresholds (INFERRED), from the profile of the unit's first form: `review.unit_full_marks`
// (99.5 keeps a form whose only lost points are a fraction of the execution score, 执行率 95% and
// above, in the pattern) and `review.unit_full_marks_min_forms` (3).

static META: RuleMeta = RuleMeta {
    code: "JX803",
    name: "unit-all-full-marks",
    area: Area::Batch,
    severity: Severity::Warning,
    title: "同一单位的自评表全部满分",
    what: "在一起检查的一批自评表中，同一实施单位（名称按全角/半角括号和空格统一后比较）有 3 张以上完整的自评表，且总分全部在 99.5 分（INFERRED）以上时，在该单位的每一张表上报告。",
    why: "一个单位所有项目都自评满分或接近满分，通常说明自评流于形式、评分宽松，而不是每个项目都完美完成。财政部门要求“严禁刻意抬高分数”，对这种情况应重点抽查。",
    bad: "某中心 4 个项目的自评总分为 100.00、99.97、99.93、99.85。",
    good: "各项目按实际完成情况计分，未完成或执行率偏低的项目如实扣分。",
    fix: "逐项核对各项目的指标完成值和得分依据，对未完全达到目标的指标按规则扣分，并写明偏差原因。",
    source: "INFERRED; domain.md R50 (inflated-overall); S14 [V] (严禁刻意抬高分数)",
};

/// The unit name as a grouping key: widths folded (`（）` → `()`), whitespace dropped.
fn unit_key(name: &str) -> String {
    normalise::canonical_label(name)
        .chars()
        .map(|c| match c {
            '【' | '〔' | '[' => '(',
            '】' | '〕' | ']' => ')',
            c => c,
        })
        .collect()
}

impl Rule for UnitAllFullMarks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_batch(&self, batch: &[BatchItem], out: &mut Vec<(usize, Finding)>) {
        let mut units: BTreeMap<String, Vec<(usize, Decimal)>> = BTreeMap::new();
        for (idx, item) in batch.iter().enumerate() {
            let Some(unit) = item
                .form
                .header
                .implementing_unit
                .as_ref()
                .filter(|u| !normalise::is_null_marker(&u.value))
            else {
                continue;
            };
            let Some(total) = reported_total(item) else {
                continue;
            };
            units
                .entry(unit_key(&unit.value))
                .or_default()
                .push((idx, total));
        }
        for forms in units.values() {
            let Some(&(first, _)) = forms.first() else {
                continue;
            };
            let review = &batch[first].profile.review;
            if forms.len() < review.unit_full_marks_min_forms
                || forms.iter().any(|(_, t)| *t < review.unit_full_marks)
            {
                continue;
            }
            let totals = forms
                .iter()
                .map(|(_, t)| t.to_string())
                .collect::<Vec<_>>()
                .join("、");
            for &(idx, _) in forms {
                let form = batch[idx].form;
                let unit = form
                    .header
                    .implementing_unit
                    .as_ref()
                    .map_or("", |u| u.value.as_str());
                let mut finding = Finding::new(
                    &META,
                    format!(
                        "实施单位“{unit}”本批 {} 张完整自评表的总分全部在 {} 分以上（{totals}），自评可能流于形式",
                        forms.len(),
                        review.unit_full_marks
                    ),
                );
                if let Some(at) = total_pos(form) {
                    finding = finding.at(at);
                }
                out.push((idx, finding));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_fold_brackets_and_spaces() {
        assert_eq!(
            unit_key("深圳市罗湖区委（政府）办 本级"),
            unit_key("深圳市罗湖区委(政府)办本级")
        );
        assert_eq!(unit_key("某局【本级】"), unit_key("某局(本级)"));
        assert_ne!(
            unit_key("深圳市罗湖区政务公开中心"),
            unit_key("深圳市罗湖区委(政府)办本级")
        );
    }

    #[test]
    fn threshold() {
        let r = crate::profile::ReviewThresholds::default();
        assert_eq!(r.unit_full_marks.to_string(), "99.5");
    }
}
