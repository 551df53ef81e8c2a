use super::common::clip;
use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::model::Indicator;
use crate::normalise;
use std::collections::HashMap;

/// The same 三级指标 name twice in one form.
pub struct DuplicateIndicator;

static META: RuleMeta = RuleMeta {
    code: "JX211",
    name: "duplicate-indicator",
    area: Area::Structure,
    severity: Severity::Warning,
    title: "三级指标名称重复",
    what: "同一张表中两条（或更多）三级指标名称相同（去掉空格、统一全半角后比较；“无/不适用”行不计）。消息写明各行的二级指标和年度指标值是否相同。",
    why: "名称相同的指标要么是重复填报（同一事项计了两次分），要么是名称没有写清区别（如三个季度的会务筹备都叫“做好会务筹备工作”），复核时无法区分各自完成了什么。",
    bad: "“课题评审合格率 ≥95%”和“课题评审合格率 ≥90%”两条并列。",
    good: "“秘书一科课题评审合格率 ≥95%”“秘书二科课题评审合格率 ≥90%”；或合并为一条。",
    fix: "重复填报的合并为一条并调整分值；确是不同事项的，在名称中写明区别（对象、阶段、季度等）。",
    source: "issue “review-check catalogue”（duplicate indicator）; C9 [V]（三级指标名称应明确）",
};

/// A hash of `bytes` mixed eight bytes at a time (a name of ten ideographs is four words, not
/// thirty bytes): equal names hash equal, which is all the duplicate test needs.
fn name_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    let mut h = bytes.len() as u64;
    for c in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    let mut word = [0u8; 8];
    if let Some(head) = word.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    mix(h, u64::from_le_bytes(word))
}

fn squeezed(s: &str) -> String {
    normalise::squeeze(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

impl Rule for DuplicateIndicator {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        // Most forms repeat no name: find out by sorting hashes of the names before grouping
        // them (equal names have equal hashes; a collision only costs the grouping below).
        // One allocation: the filters leave the collected length unknown.
        let mut hashes: Vec<u64> = Vec::with_capacity(cx.form.indicators.len());
        hashes.extend(
            cx.form
                .indicators
                .iter()
                .filter(|i| !cx.is_placeholder(i))
                .map(|i| cx.name_key(i))
                .filter(|k| !k.is_empty())
                .map(|k| name_hash(k.as_bytes())),
        );
        hashes.sort_unstable();
        if !hashes.windows(2).any(|w| w[0] == w[1]) {
            return;
        }
        // Groups by normalised name, in order of first appearance.
        let mut index: HashMap<std::borrow::Cow<str>, usize> = HashMap::new();
        let mut groups: Vec<Vec<&Indicator>> = Vec::new();
        for ind in cx.form.indicators.iter().filter(|i| !cx.is_placeholder(i)) {
            let key = cx.name_key(ind);
            if key.is_empty() {
                continue;
            }
            match index.get(&key) {
                Some(&g) => groups[g].push(ind),
                None => {
                    index.insert(key, groups.len());
                    groups.push(vec![ind]);
                }
            }
        }
        for group in groups.iter().filter(|g| g.len() >= 2) {
            let lines: Vec<String> = group.iter().map(|i| format!("第{}行", i.line)).collect();
            let targets: Vec<String> = group
                .iter()
                .map(|i| {
                    i.target
                        .as_ref()
                        .map_or(String::new(), |t| clip(&squeezed(&t.text), 30))
                })
                .collect();
            let level2s: Vec<String> = group
                .iter()
                .map(|i| {
                    i.level2
                        .as_ref()
                        .map_or(String::new(), |l| squeezed(&l.value))
                })
                .collect();
            let same_targets = targets.iter().all(|t| *t == targets[0]);
            let same_level2 = level2s.iter().all(|l| *l == level2s[0]);
            let target_part = if same_targets {
                format!("年度指标值相同（“{}”），可能重复填报", targets[0])
            } else {
                let ts: Vec<String> = targets.iter().map(|t| format!("“{t}”")).collect();
                format!("年度指标值不同（{}），名称未写明区别", ts.join("、"))
            };
            let level2_part = if same_level2 {
                String::new()
            } else {
                let ls: Vec<String> = level2s.iter().map(|l| format!("“{l}”")).collect();
                format!("，分属二级指标{}", ls.join("、"))
            };
            let second = group[1];
            out.push(
                Finding::new(
                    &META,
                    format!(
                        "三级指标“{}”在本表出现 {} 次（{}）{level2_part}；{target_part}",
                        group[0].name.value.trim(),
                        group.len(),
                        lines.join("、")
                    ),
                )
                .at(second.name.at)
                .indicator(&second.name.value),
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
    fn equal_names_hash_equal_and_near_names_apart() {
        let names = [
            "",
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "培训人数",
            "培训人次",
            "服务对象满意度",
            "服务对象满意度(%)",
            "服务对象满意度（%）",
        ];
        for a in names {
            for b in names {
                let same = name_hash(a.as_bytes()) == name_hash(b.as_bytes());
                assert_eq!(same, a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn groups_once_and_tells_targets_apart() {
        let rows = vec![
            row(
                1,
                "产出(50分)",
                "时效",
                "做好会务筹备工作",
                "第二季度",
                "第二季度",
                "2",
            ),
            row(
                2,
                "产出(50分)",
                "时效",
                "做好会务 筹备工作",
                "第三季度",
                "第三季度",
                "2",
            ),
            row(
                3,
                "产出(50分)",
                "时效",
                "做好会务筹备工作",
                "第四季度",
                "第四季度",
                "2",
            ),
            row(
                4,
                "产出(50分)",
                "质量",
                "课题评审合格率",
                "≥95%",
                "95%",
                "2",
            ),
            row(
                5,
                "产出(50分)",
                "质量",
                "课题评审合格率",
                "≥95%",
                "100%",
                "2",
            ),
            row(6, "效益(30分)", "经济效益", "无", "无", "无", "0"),
            row(7, "效益(30分)", "生态效益", "无", "无", "无", "0"),
        ];
        let out = run(&DuplicateIndicator, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(
            out[0].message.contains("出现 3 次（第1行、第2行、第3行）"),
            "{}",
            out[0].message
        );
        assert!(
            out[0]
                .message
                .contains("年度指标值不同（“第二季度”、“第三季度”、“第四季度”）")
        );
        assert_eq!(out[0].line, Some(2));
        assert!(
            out[1].message.contains("年度指标值相同（“≥95%”）"),
            "{}",
            out[1].message
        );
    }

    #[test]
    fn different_level2_is_named() {
        let rows = vec![
            row(1, "产出(50分)", "数量", "完成课题研究报告", "2", "2", "15"),
            row(
                2,
                "产出(50分)",
                "时效",
                "完成课题研究报告",
                "第四季度前完成",
                "第四季度完成",
                "10",
            ),
        ];
        let out = run(&DuplicateIndicator, &form(rows), &Profile::central_2020());
        assert_eq!(out.len(), 1);
        assert!(
            out[0].message.contains("分属二级指标“数量”、“时效”"),
            "{}",
            out[0].message
        );
    }
}
