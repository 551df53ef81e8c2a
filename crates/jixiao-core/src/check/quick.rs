//! Cheap answers for the check stage's common cell, one that opens with a CJK ideograph or a
//! digit: whether a 实际完成值 can be a grade word, a mark or a number is known from its first
//! character (`normalise::stable_first`) without compacting it. (The same shortcut for
//! placeholders and null markers lives in `normalise::is_void_text` / `is_null_marker`.)

use crate::normalise::{self, stable_first};
use std::borrow::Cow;

/// `s` opens with an ASCII digit.
pub(crate) fn starts_with_digit(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// Whether the [`compact`](crate::check::rules::scoring::common::compact)ed 实际完成值 can be a
/// grade word (`达成`, `已完成`, `完成`, `全部达成`, `部分达成`, `未完成`…), a bare mark (`是`,
/// `有`) or a number: `false` for a text opening with another ideograph (or `≥ ≤`). Such a
/// text, compacted or not, opens with that character, so it is no grade word, no mark and no
/// number (with or without a trailing `%`): the evidence rules get the same answers from the
/// text as it is.
pub(crate) fn may_be_grade_mark_or_number(s: &str) -> bool {
    match stable_first(s) {
        Some(c) if !c.is_ascii_digit() => {
            matches!(c, '达' | '已' | '完' | '全' | '部' | '未' | '是' | '有')
        }
        _ => true,
    }
}

/// Whether `s` is CJK ideographs U+4E00–U+9FFF only, told from its bytes: every character is
/// three bytes led by E5–E9, or by E4 then B8–BF (`s` is UTF-8, so a chunk of three opening
/// with such a byte is one character).
pub(crate) fn ideographs_only(s: &str) -> bool {
    let b = s.as_bytes();
    b.len().is_multiple_of(3)
        && b.chunks_exact(3)
            .all(|c| matches!(c[0], 0xE5..=0xE9) || (c[0] == 0xE4 && c[1] >= 0xB8))
}

/// [`normalise::canonical_label_cow`] of a label, borrowed without scanning it for cleaning when
/// it is ideographs only (most names and 二级 labels: `培训人数`, `数量`), which cleaning never
/// folds and which hold no space and no mark to drop.
pub(crate) fn label_key(s: &str) -> Cow<'_, str> {
    if ideographs_only(s) {
        Cow::Borrowed(s)
    } else {
        normalise::canonical_label_cow(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::scoring::common::{compact, grade_of};
    use crate::normalise;

    /// Cells of every shape the predicates care about, each character of the Basic Multilingual
    /// Plane opening a few of them.
    fn cells() -> Vec<String> {
        let mut out: Vec<String> = [
            "",
            " ",
            "无",
            "无。",
            "暂无",
            "不适用",
            "不涉及",
            "没有",
            "空",
            "指标1",
            "指标二：",
            "—",
            "——",
            "/",
            "/ / /",
            "……",
            "...",
            "n/a",
            "N/A",
            "#N/A",
            "\\",
            "1",
            "1。",
            "100%",
            "12月",
            "达成",
            "已完成。",
            "完成",
            "全部达成",
            "部分达成",
            "未完成",
            "是",
            "有",
            "√",
            "达成预期指标",
            "群众满意",
            "<b>无</b>",
            "&nbsp;无",
            "\u{3000}无",
            "\u{200B}无",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            for tail in ["", "无", "1", "。", " 成", "%"] {
                out.push(format!("{c}{tail}"));
            }
        }
        out
    }

    #[test]
    fn remembered_units_answer_as_normalise() {
        let units = [
            "",
            " ",
            "元",
            "万元",
            "万",
            "亿元",
            "千元",
            "%",
            "‰",
            "人",
            "人次",
            "次",
            "个",
            "天",
            "小时",
            "分钟",
            "月",
            "年",
            "吨",
            "公斤",
            "千克",
            "平方米",
            "亩",
            "元/人",
            "万元/年",
            "km",
            "公里",
            "米",
            "分",
            "百分点",
            "个百分点",
            " 万元 ",
            "",
            " ",
            "个 ",
        ];
        // Twice over (the second time from the memo), past the memo's size.
        for _ in 0..2 {
            for a in units {
                for b in units {
                    for (x, y) in [(Some(a), Some(b)), (None, Some(b)), (Some(a), None)] {
                        assert_eq!(
                            normalise::units_compatible(x, y),
                            normalise::units_compatible_uncached(x, y),
                            "{x:?} {y:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn label_keys_are_canonical_labels() {
        for s in cells() {
            assert_eq!(label_key(&s), normalise::canonical_label_cow(&s), "{s:?}");
            assert_eq!(
                ideographs_only(&s),
                s.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{s:?}"
            );
        }
        for s in [
            "培训人数",
            "数量",
            "一丁",
            "䶵",
            "*数量",
            "数量：",
            "数 量",
            "",
            "丁-",
        ] {
            assert_eq!(label_key(s), normalise::canonical_label_cow(s), "{s:?}");
        }
    }

    #[test]
    fn same_answers_as_normalise() {
        for s in cells() {
            assert_eq!(
                normalise::is_void_text(&s),
                normalise::void_text_by_cleaning(&s),
                "{s:?}"
            );
            assert_eq!(
                normalise::is_null_marker(&s),
                normalise::null_marker_by_cleaning(&s),
                "{s:?}"
            );
            if !may_be_grade_mark_or_number(&s) {
                let c = compact(&s);
                assert_eq!(grade_of(&s), None, "{s:?}");
                assert!(!["是", "有"].contains(&c.as_ref()), "{s:?}");
                assert_eq!(normalise::parse_number(&c), None, "{s:?}");
                assert_eq!(normalise::parse_number(&s), None, "{s:?}");
                for t in [&c[..], &s[..]] {
                    let n = t.strip_suffix('%').or_else(|| t.strip_suffix('％'));
                    assert!(
                        n.is_none_or(|n| normalise::parse_number(n).is_none()),
                        "{s:?}"
                    );
                }
            }
        }
    }
}
