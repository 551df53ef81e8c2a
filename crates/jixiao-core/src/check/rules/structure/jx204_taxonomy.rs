use super::common::short;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity, quick};
use crate::model::{Indicator, Level1, Sourced};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::Hash;

/// An (一级, 二级) pair outside the indicator system, an unrecognised level-1 label, or a
/// level-1 category of the profile with no indicator.
pub struct Taxonomy;

static META: RuleMeta = RuleMeta {
    code: "JX204",
    name: "taxonomy",
    area: Area::Structure,
    severity: Severity::Error,
    title: "指标层级不符合指标体系",
    what: "一级、二级指标须取自规定的指标体系：产出指标下为数量、质量、时效、成本指标（四川 2023 模板另有“经济成本指标”）；效益指标下为经济效益、社会效益、生态效益、可持续影响指标；满意度指标下为服务对象满意度指标（深圳口径另有“其他满意度”）；成本指标（101号文后的一级指标）下为经济成本、社会成本、生态环境成本指标。报告三种情形：二级指标不属于其一级指标（或不是规定名称），一级指标名称无法识别，口径规定的一级指标（产出、效益；满意度见 JX207）在表中一个实际指标都没有（只有“无”行也算没有）。在深圳以外的口径下，“其他满意度”不在 2020 年模板中，按警告提示。",
    why: "指标归类错误会使分值汇总到错误的一级指标下，分值比例检查和得分汇总随之失真；缺少整类指标说明绩效目标不完整。",
    bad: "效益指标(30分) → 二级指标“数量指标”；或表中没有任何效益指标。",
    good: "产出指标(50分) → 数量指标 → “培训人数”；效益指标(30分) → 社会效益指标 → “持证上岗率”。",
    fix: "把该三级指标移到正确的一级/二级指标下（或把二级指标改为规定名称）；缺少的一级指标须补设实际指标。",
    source: "R17; domain.md B.4; [R] 财预〔2020〕10号 指标体系; 财预〔2021〕101号 成本指标; S6, S11 [V]",
};

// Whether 其他满意度 is legal under 满意度 (the 深圳/罗湖 seed has it): INFERRED,
// `Profile::review.other_satisfaction_allowed`. Whether a 满意度 二级 may sit under 效益 (银川
// 项目效益(35分) includes 满意度, S12 [V]): `Profile::review.satisfaction_under_outcome`.

/// Legal level-2 ids under each level-1 (B.4), without the profile-dependent 其他满意度.
fn legal(l1: Level1, l2: &str) -> bool {
    match l1 {
        // 四川 2023 puts 经济成本指标 directly under 产出 (S11 [V]): accepted in every profile.
        Level1::Output => matches!(
            l2,
            "quantity" | "quality" | "timeliness" | "cost" | "economic_cost"
        ),
        Level1::Outcome => matches!(l2, "economic" | "social" | "ecological" | "sustainability"),
        Level1::Satisfaction => l2 == "beneficiary_satisfaction",
        Level1::Cost => matches!(l2, "economic_cost" | "social_cost" | "ecological_cost"),
    }
}

fn allowed_list(l1: Level1) -> &'static str {
    match l1 {
        Level1::Output => "数量指标、质量指标、时效指标、成本指标（四川 2023：经济成本指标）",
        Level1::Outcome => "经济效益指标、社会效益指标、生态效益指标、可持续影响指标",
        Level1::Satisfaction => "服务对象满意度指标（深圳口径另有其他满意度）",
        Level1::Cost => "经济成本指标、社会成本指标、生态环境成本指标",
    }
}

/// Distinct keys numbered in order of first appearance. A form has a handful of distinct labels:
/// they are compared one by one (the last one first) until there are more than
/// [`Groups::LINEAR`], then looked up in a hash map.
struct Groups<K> {
    keys: Vec<K>,
    last: usize,
    map: Option<HashMap<K, usize>>,
}

impl<K> Default for Groups<K> {
    fn default() -> Self {
        Groups {
            keys: Vec::new(),
            last: 0,
            map: None,
        }
    }
}

impl<K: Eq + Hash + Clone> Groups<K> {
    const LINEAR: usize = 16;

    fn with_capacity(n: usize) -> Self {
        Groups {
            keys: Vec::with_capacity(n),
            ..Groups::default()
        }
    }

    /// `Ok(group)` of a key seen before; `Err(new group)` for a new key.
    fn get_or_add(&mut self, key: K) -> Result<usize, usize> {
        if self.keys.get(self.last) == Some(&key) {
            return Ok(self.last);
        }
        let found = match &self.map {
            Some(map) => map.get(&key).copied(),
            None => self.keys.iter().position(|k| *k == key),
        };
        if let Some(g) = found {
            self.last = g;
            return Ok(g);
        }
        let g = self.keys.len();
        if let Some(map) = &mut self.map {
            map.insert(key.clone(), g);
        } else if g >= Self::LINEAR {
            let mut map: HashMap<K, usize> = self
                .keys
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect();
            map.insert(key.clone(), g);
            self.map = Some(map);
        }
        self.keys.push(key);
        self.last = g;
        Err(g)
    }
}

const ALL_L1: [Level1; 4] = [
    Level1::Output,
    Level1::Outcome,
    Level1::Satisfaction,
    Level1::Cost,
];

impl Rule for Taxonomy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let f = cx.form;
        if f.indicators.is_empty() {
            return;
        }
        let other_sat_ok = cx.profile.review.other_satisfaction_allowed;
        let sat_under_outcome = cx.profile.review.satisfaction_under_outcome;

        // 1. Unrecognised level-1 labels, once per label (first row, number of rows).
        let mut l1_index: Groups<Cow<str>> = Groups::default();
        let mut l1_groups: Vec<(&Indicator, usize)> = Vec::new();
        // The decision frame's 项目决策/项目管理 sections are sections of their own, not level-1
        // indicators.
        for ind in f
            .indicators
            .iter()
            .filter(|i| i.level1_category.is_none() && !i.is_decision_item())
        {
            let key = quick::label_key(&ind.level1.value);
            match l1_index.get_or_add(key) {
                Ok(g) => l1_groups[g].1 += 1,
                Err(_) => l1_groups.push((ind, 1)),
            }
        }
        for (ind, n) in l1_groups {
            let label = ind.level1.value.trim();
            let msg = if label.is_empty() {
                format!("一级指标为空（共 {n} 行），无法归入产出、效益、满意度或成本指标")
            } else {
                format!(
                    "一级指标“{label}”（共 {n} 行）不是产出指标、效益指标、满意度指标或成本指标"
                )
            };
            out.push(
                Finding::new(&META, msg)
                    .at(ind.level1.at)
                    .indicator(&ind.name.value),
            );
        }

        // 2. (L1, L2) pairs outside B.4, once per pair (first row, number of rows).
        // A form has up to a dozen distinct pairs: room for them from the start.
        let mut pair_index: Groups<(Level1, Cow<str>)> = Groups::with_capacity(16);
        let mut pairs: Vec<(Level1, &Indicator, &Sourced<String>, usize)> = Vec::with_capacity(16);
        // Rows of a group repeat their labels as printed: a row with the previous row's labels
        // falls in the previous row's group (`None`: a blank 二级 cell) without a new key.
        let mut previous: Option<(Level1, &str, Option<usize>)> = None;
        for ind in &f.indicators {
            let (Some(l1), Some(l2)) = (ind.level1_category, ind.level2.as_ref()) else {
                continue;
            };
            if let Some((p1, p2, group)) = previous
                && p1 == l1
                && p2 == l2.value
            {
                if let Some(g) = group {
                    pairs[g].3 += 1;
                }
                continue;
            }
            if crate::normalise::is_null_marker(&l2.value) {
                previous = Some((l1, &l2.value, None));
                continue; // a blank 二级 cell (merged cell) is not a taxonomy error
            }
            let key = (l1, quick::label_key(&l2.value));
            let g = match pair_index.get_or_add(key) {
                Ok(g) => {
                    pairs[g].3 += 1;
                    g
                }
                Err(g) => {
                    pairs.push((l1, ind, l2, 1));
                    g
                }
            };
            previous = Some((l1, &l2.value, Some(g)));
        }
        for (l1, ind, l2, n) in pairs {
            let cat = cx.level2_category(ind);
            let (msg, severity) = match cat {
                Some(c) if legal(l1, c) => continue,
                Some("beneficiary_satisfaction" | "other_satisfaction")
                    if l1 == Level1::Outcome && sat_under_outcome =>
                {
                    continue;
                }
                Some("other_satisfaction") if l1 == Level1::Satisfaction => {
                    if other_sat_ok {
                        continue;
                    }
                    (
                        format!(
                            "二级指标“{}”不在 2020 年指标体系中（满意度指标下只有服务对象满意度指标；口径“{}”）",
                            l2.value.trim(),
                            cx.profile.title
                        ),
                        Severity::Warning,
                    )
                }
                Some(c) => {
                    let home: Vec<&str> = ALL_L1
                        .iter()
                        .filter(|o| legal(**o, c))
                        .map(|o| o.chinese())
                        .collect();
                    let belongs = if home.is_empty() {
                        String::new()
                    } else {
                        format!("，它属于{}", home.join("或"))
                    };
                    (
                        format!(
                            "二级指标“{}”不应放在{}下{belongs}；{}下应为：{}",
                            l2.value.trim(),
                            l1.chinese(),
                            short(l1),
                            allowed_list(l1)
                        ),
                        Severity::Error,
                    )
                }
                None => (
                    format!(
                        "二级指标“{}”不是规定的指标名称；{}下应为：{}",
                        l2.value.trim(),
                        l1.chinese(),
                        allowed_list(l1)
                    ),
                    Severity::Error,
                ),
            };
            let msg = if n > 1 {
                format!("{msg}（共 {n} 行）")
            } else {
                msg
            };
            out.push(
                Finding::new(&META, msg)
                    .at(l2.at)
                    .indicator(&ind.name.value)
                    .severity(severity),
            );
        }

        // 3. A level-1 of the profile with no real indicator (满意度 under W2 is JX207's).
        if !f.is_complete() {
            return; // the missing rows may simply not have been read
        }
        for &(l1, nominal) in &cx.profile.level1_weights {
            if l1 == Level1::Satisfaction {
                continue;
            }
            let mut rows = f
                .indicators
                .iter()
                .filter(|i| i.level1_category == Some(l1));
            let first = rows.next();
            if first.is_some_and(|i| !cx.is_placeholder(i)) || rows.any(|i| !cx.is_placeholder(i)) {
                continue;
            }
            // Every row of the category is a placeholder.
            let count = f
                .indicators
                .iter()
                .filter(|i| i.level1_category == Some(l1))
                .count();
            let msg = if first.is_none() {
                format!(
                    "表中没有{}（口径规定 {} 分），绩效指标不完整",
                    l1.chinese(),
                    nominal.normalize()
                )
            } else {
                format!(
                    "{}下只有“无/不适用”行（{} 行），没有实际指标（口径规定 {} 分）",
                    l1.chinese(),
                    count,
                    nominal.normalize()
                )
            };
            let finding = Finding::new(&META, msg);
            out.push(match first {
                Some(r) => finding.at(r.level1.at),
                None => {
                    finding.at_line(f.indicators.first().map_or(f.source.first_line, |i| i.line))
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::test_util::{form, row, run, standard_rows};
    use super::*;
    use crate::profile::Profile;

    #[test]
    fn groups_number_keys_by_first_appearance_past_the_linear_limit() {
        let mut g: Groups<String> = Groups::default();
        let keys: Vec<String> = (0..40).map(|i| format!("k{}", i % 23)).collect();
        let got: Vec<Result<usize, usize>> = keys.iter().map(|k| g.get_or_add(k.clone())).collect();
        // Independent: the first index of each key among the distinct keys, in order.
        let mut seen: Vec<&String> = Vec::new();
        let want: Vec<Result<usize, usize>> = keys
            .iter()
            .map(|k| match seen.iter().position(|s| *s == k) {
                Some(i) => Ok(i),
                None => {
                    seen.push(k);
                    Err(seen.len() - 1)
                }
            })
            .collect();
        assert_eq!(got, want);
        assert!(g.map.is_some());
    }

    #[test]
    fn standard_form_is_silent() {
        let f = form(standard_rows());
        assert!(run(&Taxonomy, &f, &Profile::central_2020()).is_empty());
    }

    #[test]
    fn label_variants_are_legal() {
        let rows = vec![
            row(1, "产出指标", "数量指标(20分)", "a", "≥1个", "1个", "20"),
            row(2, "产出指标", "经济成本指标", "b", "≤5万元", "4万元", "30"),
            row(3, "效益指标", "可持续影响指标", "c", "≥1个", "1个", "30"),
            row(4, "满意度指标", "满意度", "d", "≥90%", "95%", "10"),
        ];
        assert!(run(&Taxonomy, &form(rows), &Profile::central_2020()).is_empty());
    }

    #[test]
    fn misplaced_level2_names_its_home() {
        let mut rows = standard_rows();
        rows.push(row(5, "效益(30分)", "数量", "宣传次数", "≥2次", "2次", "0"));
        rows.push(row(6, "效益(30分)", "数量", "宣传场次", "≥2场", "2场", "0"));
        let out = run(&Taxonomy, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].severity, Severity::Error);
        assert!(
            out[0].message.contains("它属于产出指标"),
            "{}",
            out[0].message
        );
        assert!(out[0].message.contains("共 2 行"));
    }

    #[test]
    fn unknown_labels() {
        let mut rows = standard_rows();
        rows.push(row(5, "产出(50分)", "服务指标", "x", "≥2次", "2次", "0"));
        rows.push(row(6, "社会影响", "社会效益", "y", "≥2次", "2次", "0"));
        let out = run(&Taxonomy, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out.iter().any(|f| f.message.contains("一级指标“社会影响”")));
        assert!(
            out.iter()
                .any(|f| f.message.contains("二级指标“服务指标”不是规定的指标名称"))
        );
    }

    #[test]
    fn other_satisfaction_by_profile() {
        let mut rows = standard_rows();
        rows.push(row(5, "满意度(10分)", "其他满意度", "无", "无", "无", "0"));
        let f = form(rows);
        assert!(run(&Taxonomy, &f, &Profile::shenzhen_2022()).is_empty());
        let out = run(&Taxonomy, &f, &Profile::central_2020());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, Severity::Warning);
    }

    #[test]
    fn missing_level1_but_not_satisfaction() {
        let mut rows = standard_rows();
        rows[2] = row(3, "效益(30分)", "社会效益", "无", "无", "无", "0");
        rows.pop(); // no 满意度: JX207's case
        let out = run(&Taxonomy, &form(rows.clone()), &Profile::central_2020());
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].message.contains("效益指标下只有“无/不适用”行"));
        rows.remove(2);
        let out = run(&Taxonomy, &form(rows), &Profile::central_2020());
        assert!(out[0].message.contains("表中没有效益指标"), "{out:?}");
    }

    #[test]
    fn incomplete_form_skips_missing_level1() {
        let mut f = form(vec![standard_rows().remove(0)]);
        f.status = crate::model::FormStatus::Incomplete {
            stops_in: "indicators".into(),
            line: 1,
        };
        assert!(run(&Taxonomy, &f, &Profile::central_2020()).is_empty());
    }
}
