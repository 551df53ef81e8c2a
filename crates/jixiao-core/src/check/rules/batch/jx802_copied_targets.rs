use super::{describe, key_of, project_id};
use crate::check::{Area, BatchItem, Finding, Rule, RuleMeta, Severity};
use crate::model::{Form, Pos};
use crate::normalise;
use crate::profile::ReviewThresholds;
use std::collections::{BTreeMap, HashMap};

/// Two different projects share their targets verbatim.
pub struct CopiedTargets;

// Thresholds (INFERRED), from the profile of the pair's first form: at least
// `review.copied_targets_min_shared` (3) identical (三级指标, 年度指标值) pairs making up at least
// `review.copied_targets_min_share_pct` (50) percent of the smaller form's indicators. Together
// they keep boilerplate rows such as (按标准控制总成本, 100%), which the seed forms of one unit
// share, from counting as copying. An overall goal shorter than `review.copied_goal_min_chars`
// (10, after normalisation) is too short to call a copy when it repeats.

static META: RuleMeta = RuleMeta {
    code: "JX802",
    name: "copied-targets",
    area: Area::Batch,
    severity: Severity::Warning,
    title: "不同项目的绩效目标照搬",
    what: "在一起检查的一批自评表中，两张不同项目的表有 3 项以上名称和年度指标值都相同的三级指标（不计“无”“不适用”等占位行），且占较少一方指标数的一半以上；或年度总体目标的预期目标一字不差（去掉空白和标点后，至少 10 个字）。报告在后出现的那张表上。",
    why: "绩效目标应针对每个项目的内容和资金规模设定。不同项目照搬同一组指标和目标值，说明目标没有按项目设定，无法反映项目实际产出和效益。少量通用指标（如“按标准控制总成本 100%”）相同不在此列。",
    bad: "“档案管理事务”与“外事事务”的 6 项指标（档案整理件数 ≥1.5万件、整理合格率 ≥98% ……）完全相同。",
    good: "每个项目按自身的产出和效益设定指标；共用的只有“服务对象满意度 ≥90%”等少数通用指标。",
    fix: "按本项目的实施内容和预算规模重新设定绩效指标和目标值，并与预算批复的绩效目标核对。",
    source: "INFERRED; [R] 101号 (指标与项目“高度关联”); S13 [V] (指标设置不合理)",
};

/// The form's (三级指标, 年度指标值) keys, with the target cell of each (first occurrence).
fn target_pairs(form: &Form) -> BTreeMap<(String, String), (Pos, String)> {
    let mut pairs = BTreeMap::new();
    for ind in &form.indicators {
        if ind.is_placeholder() {
            continue;
        }
        let Some(t) = &ind.target else { continue };
        if normalise::is_null_marker(&t.text) {
            continue;
        }
        let (Some(name), Some(target)) = (
            key_of(Some(&ind.name)),
            Some(normalise::canonical_label(&t.text)).filter(|s| !s.is_empty()),
        ) else {
            continue;
        };
        pairs
            .entry((name, target))
            .or_insert((t.at, format!("{}“{}”", ind.name.value, t.text)));
    }
    pairs
}

fn goal_key(form: &Form, min_chars: usize) -> Option<String> {
    let g = form.overall_goal.expected.as_ref()?;
    if normalise::is_null_marker(&g.value) {
        return None;
    }
    let k: String = normalise::clean_text(&g.value)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    (k.chars().count() >= min_chars).then_some(k)
}

/// Whether `shared` identical pairs out of the smaller form's `smaller` count as copying.
fn copied(shared: usize, smaller: usize, review: &ReviewThresholds) -> bool {
    shared >= review.copied_targets_min_shared
        && shared.saturating_mul(100) >= smaller.saturating_mul(review.copied_targets_min_share_pct)
}

impl Rule for CopiedTargets {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_batch(&self, batch: &[BatchItem], out: &mut Vec<(usize, Finding)>) {
        let pairs: Vec<_> = batch.iter().map(|b| target_pairs(b.form)).collect();
        let goals: Vec<_> = batch
            .iter()
            .map(|b| goal_key(b.form, b.profile.review.copied_goal_min_chars))
            .collect();
        let ids: Vec<_> = batch.iter().map(|b| project_id(b.form)).collect();
        // Candidates come from inverted indexes (target key → earlier forms, goal → earlier
        // forms) instead of comparing every pair: a batch of 10,000 forms is 5·10⁷ pairs, and
        // a pair can only qualify if it shares a target key or its goal. Candidates are visited
        // in ascending order, so the findings are the same, in the same order, as a full scan.
        let mut by_key: HashMap<&(String, String), Vec<usize>> = HashMap::new();
        let mut by_goal: HashMap<&str, Vec<usize>> = HashMap::new();
        // shared_count[i]: identical (三级指标, 年度指标值) keys of form i and the current form j
        // (keys are unique within a form, so the count through the index is exact).
        let mut shared_count = vec![0usize; batch.len()];
        let mut sharing: Vec<usize> = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        for j in 0..batch.len() {
            sharing.clear();
            candidates.clear();
            for key in pairs[j].keys() {
                for &i in by_key.get(key).map(Vec::as_slice).unwrap_or_default() {
                    if shared_count[i] == 0 {
                        sharing.push(i);
                    }
                    shared_count[i] += 1;
                }
            }
            for &i in &sharing {
                let count = std::mem::take(&mut shared_count[i]);
                let smaller = pairs[i].len().min(pairs[j].len());
                if copied(count, smaller, &batch[i].profile.review) {
                    candidates.push(i);
                }
            }
            if let Some(g) = goals[j].as_deref() {
                candidates.extend(by_goal.get(g).map(Vec::as_slice).unwrap_or_default());
            }
            candidates.sort_unstable();
            candidates.dedup();
            for key in pairs[j].keys() {
                by_key.entry(key).or_default().push(j);
            }
            if let Some(g) = goals[j].as_deref() {
                by_goal.entry(g).or_default().push(j);
            }
            for &i in &candidates {
                // Same project (another year, or a duplicate: JX801/JX805) is not copying.
                if ids[i].is_some() && ids[i] == ids[j] {
                    continue;
                }
                let (a, b) = (&pairs[i], &pairs[j]);
                let mut shared: Vec<&(Pos, String)> = b
                    .iter()
                    .filter(|(k, _)| a.contains_key(*k))
                    .map(|(_, v)| v)
                    .collect();
                shared.sort_by_key(|(p, _)| *p);
                let smaller = a.len().min(b.len());
                let targets_copied = copied(shared.len(), smaller, &batch[i].profile.review);
                let goal_copied = goals[j].is_some() && goals[i] == goals[j];
                if !targets_copied && !goal_copied {
                    continue;
                }
                let (here, other) = (batch[j].form, batch[i].form);
                let mut parts = Vec::new();
                if targets_copied {
                    let mut sample: Vec<&str> =
                        shared.iter().take(5).map(|(_, s)| s.as_str()).collect();
                    if shared.len() > 5 {
                        sample.push("……");
                    }
                    parts.push(format!(
                        "有 {} 项三级指标的名称和年度指标值完全相同（较少一方共 {smaller} 项）：{}",
                        shared.len(),
                        sample.join("；")
                    ));
                }
                if goal_copied {
                    parts.push("年度总体目标的预期目标完全相同".to_string());
                }
                let at = if targets_copied {
                    shared.first().map(|(p, _)| *p)
                } else {
                    here.overall_goal.expected.as_ref().map(|e| e.at)
                };
                let mut finding = Finding::new(
                    &META,
                    format!(
                        "与另一项目{}{}，疑似照搬绩效目标",
                        describe(other, here),
                        parts.join("，")
                    ),
                );
                if let Some(at) = at {
                    finding = finding.at(at);
                }
                out.push((j, finding));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_three_and_half() {
        let r = ReviewThresholds::default();
        assert!(!copied(2, 2, &r));
        assert!(copied(3, 6, &r));
        assert!(!copied(3, 7, &r));
        assert!(copied(5, 10, &r));
        assert!(!copied(4, 10, &r));
        assert!(!copied(0, 0, &r));
    }
}
