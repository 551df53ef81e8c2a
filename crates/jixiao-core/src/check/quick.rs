//! Cheap answers to `normalise`'s cell predicates for the common cell: one that opens with a CJK
//! ideograph or a digit. Cleaning keeps such a first character where it is (tags open with `<`,
//! entities with `&`, only blanks are trimmed, and width folding leaves ideographs and ASCII
//! alone), so when no placeholder, null marker or grade word can open with it the answer is known
//! without cleaning the cell. Every other cell gets the `normalise` answer.

use std::cell::RefCell;

use rust_decimal::Decimal;

use crate::normalise;

/// The first character of `s` when cleaning is sure to keep it first: a CJK ideograph
/// (U+4E00–U+9FFF), an ASCII digit, or `≥ ≤` (which open most targets).
fn stable_first(s: &str) -> Option<char> {
    let c = s.chars().next()?;
    (c.is_ascii_digit() || matches!(c, '≥' | '≤') || ('\u{4E00}'..='\u{9FFF}').contains(&c))
        .then_some(c)
}

/// `s` opens with an ASCII digit.
pub(crate) fn starts_with_digit(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// [`normalise::is_void_text`]: placeholders open with `无 暂 不 没 空 指` (or dashes, dots,
/// slashes and `n/a`, none of which is an ideograph or a digit).
pub(crate) fn is_void_text(s: &str) -> bool {
    if stable_first(s).is_some_and(|c| !matches!(c, '无' | '暂' | '不' | '没' | '空' | '指'))
    {
        return false;
    }
    normalise::is_void_text(s)
}

/// [`normalise::is_null_marker`]: of the null markers only `无` and `空` open with an ideograph,
/// none with a digit.
pub(crate) fn is_null_marker(s: &str) -> bool {
    if stable_first(s).is_some_and(|c| !matches!(c, '无' | '空')) {
        return false;
    }
    normalise::is_null_marker(s)
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

/// [`normalise::units_compatible`], remembered per thread for pairs of different units (forms
/// repeat a few pairs, `元`/`万元` and the like, and working a pair out builds strings).
pub(crate) fn units_compatible(a: Option<&str>, b: Option<&str>) -> Option<Decimal> {
    type Memo = Vec<(String, String, Option<Decimal>)>;
    thread_local! {
        static MEMO: RefCell<Memo> = const { RefCell::new(Vec::new()) };
    }
    const KEEP: usize = 64;
    let (Some(x), Some(y)) = (a, b) else {
        return normalise::units_compatible(a, b);
    };
    if x == y {
        // `normalise` reads two equal units (blank or not) as the same unit.
        return Some(Decimal::ONE);
    }
    if x.len() > 32 || y.len() > 32 {
        return normalise::units_compatible(a, b);
    }
    MEMO.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return normalise::units_compatible(a, b);
        };
        if let Some(&(_, _, f)) = memo.iter().find(|(p, q, _)| p == x && q == y) {
            return f;
        }
        let f = normalise::units_compatible(a, b);
        if memo.len() >= KEEP {
            memo.clear();
        }
        memo.push((x.to_owned(), y.to_owned(), f));
        f
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::scoring::common::{compact, grade_of};

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
                            units_compatible(x, y),
                            normalise::units_compatible(x, y),
                            "{x:?} {y:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn same_answers_as_normalise() {
        for s in cells() {
            assert_eq!(is_void_text(&s), normalise::is_void_text(&s), "{s:?}");
            assert_eq!(is_null_marker(&s), normalise::is_null_marker(&s), "{s:?}");
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
