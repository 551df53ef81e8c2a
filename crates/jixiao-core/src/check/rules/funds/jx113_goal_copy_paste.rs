use crate::check::{Area, Context, Finding, Rule, RuleMeta, Severity};
use crate::normalise;

/// 实际完成情况 repeats 预期目标 (identical or near-identical).
pub struct GoalCopyPaste;

static META: RuleMeta = RuleMeta {
    code: "JX113",
    name: "goal-copy-paste",
    area: Area::Funds,
    severity: Severity::Warning,
    title: "实际完成情况照抄预期目标",
    what: "比较年度总体目标的“实际完成情况”与“预期目标”：去掉空白和标点后完全相同，或字符二元组相似度（Dice 系数）达到 90% 以上即报告，并给出相似度。",
    why: "实际完成情况应写实际做了什么、完成了多少；照抄预期目标说明没有如实总结，审核人无法据此判断目标是否实现。",
    bad: "预期目标：按时完成改革课题研究1篇。实际完成情况：按时完成改革课题研究1篇。",
    good: "实际完成情况：完成一项改革调研课题，为区委改革工作提供了决策依据，课题评审合格。",
    fix: "按实际完成的数量、质量、时效和资金使用情况重写实际完成情况，未完成的部分写明原因。",
    source: "R13 (INFERRED); domain.md B.3; S9 [V] (identical copy)",
};

/// Text reduced to letters, digits and CJK characters (no whitespace, no punctuation, widths
/// folded; letters lowercased).
///
/// Cleaning folds each character on its own (`Ａ１` → `A1`), turns blanks into spaces and drops
/// zero-width characters, none of which is a letter or digit: so each character is folded here
/// as it is read, and the text is cleaned first only when it may hold a tag or an entity (`<`,
/// `&`). ASCII and CJK ideographs, the common characters, are answered without the Unicode
/// tables.
fn normalised(s: &str) -> Vec<char> {
    let text = if memchr::memchr2(b'<', b'&', s.as_bytes()).is_some() {
        normalise::clean_cow(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    let mut out = Vec::with_capacity(text.len() / 2);
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            out.push(c);
        } else if let Some(f) = normalise::fold_char(c)
            && !is_common_punctuation(f)
            && !is_symbol(f)
            && f.is_alphanumeric()
        {
            out.extend(f.to_lowercase());
        }
    }
    out
}

/// Chinese punctuation left by cleaning (neither letters nor digits), answered without the
/// Unicode tables.
fn is_common_punctuation(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '—'
            | '…'
            | '·'
    )
}

/// Full-width ASCII (folded already) and the arrows, mathematical operators and technical
/// symbols U+2190–U+23FF (`≥ ≤ ≠ →`): neither letters nor digits, answered without the Unicode
/// tables.
fn is_symbol(c: char) -> bool {
    c.is_ascii() && !c.is_ascii_alphanumeric() || ('\u{2190}'..='\u{23FF}').contains(&c)
}

/// Whether texts of `a` and `b` normalised characters can be [`near_identical`] by [`dice`]:
/// `2·common` is at most `2·min(a, b) − 2`, so very different lengths cannot.
fn may_be_near(a: usize, b: usize) -> bool {
    if a == b {
        return a > 0; // equal texts, or dice decides
    }
    if a < 2 || b < 2 {
        return false; // not equal, and dice has no answer
    }
    near_identical(2 * (a.min(b) - 1), (a - 1) + (b - 1))
}

/// Character-bigram Dice similarity as `(2·common, |A| + |B|)` over bigram multisets.
/// `None` when either text has fewer than two characters.
fn dice(a: &[char], b: &[char]) -> Option<(usize, usize)> {
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    // Bigrams as sorted keys; the common count is the size of the multiset intersection.
    let key = |w: &[char]| (u64::from(u32::from(w[0])) << 32) | u64::from(u32::from(w[1]));
    let mut x: Vec<u64> = a.windows(2).map(key).collect();
    let mut y: Vec<u64> = b.windows(2).map(key).collect();
    x.sort_unstable();
    y.sort_unstable();
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Some((2 * common, (a.len() - 1) + (b.len() - 1)))
}

/// Buckets [`common_bigrams_at_most`] counts bigrams in.
const BIGRAM_BUCKETS: usize = 256;

/// The bucket of a bigram: a multiplicative hash of its two characters.
fn bigram_bucket(w: &[char]) -> usize {
    let (x, y) = match w {
        [x, y, ..] => (u32::from(*x), u32::from(*y)),
        _ => (0, 0),
    };
    let k = (x.wrapping_mul(0x9E37_79B1) ^ y).wrapping_mul(0x85EB_CA6B);
    (k >> 24) as usize % BIGRAM_BUCKETS
}

/// An upper bound on the common bigram count of [`dice`], without its sorts: the bigrams two
/// texts share are shared bucket by bucket, so no bucket holds more of them than the smaller of
/// its two counts.
fn common_bigrams_at_most(a: &[char], b: &[char]) -> usize {
    if a.len().max(b.len()) > u32::MAX as usize {
        return usize::MAX; // counts that could overflow: no bound
    }
    let mut counts = [[0u32; BIGRAM_BUCKETS]; 2];
    for (text, count) in [a, b].into_iter().zip(&mut counts) {
        for w in text.windows(2) {
            if let Some(c) = count.get_mut(bigram_bucket(w)) {
                *c += 1;
            }
        }
    }
    let [x, y] = &counts;
    x.iter().zip(y).map(|(x, y)| (*x).min(*y) as usize).sum()
}

/// Whether [`dice`] may find the texts [`near_identical`]: false when even
/// [`common_bigrams_at_most`] is too few, which spares the sorts for texts far apart.
fn may_be_near_by_bigrams(a: &[char], b: &[char]) -> bool {
    let den = a.len().saturating_sub(1) + b.len().saturating_sub(1);
    near_identical(common_bigrams_at_most(a, b).saturating_mul(2), den)
}

fn near_identical(num: usize, den: usize) -> bool {
    den > 0 && num.saturating_mul(10) >= den.saturating_mul(9)
}

impl Rule for GoalCopyPaste {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let g = &cx.form.overall_goal;
        let (Some(expected), Some(achieved)) = (&g.expected, &g.achieved) else {
            return;
        };
        if normalise::is_null_marker(&expected.value) || normalise::is_null_marker(&achieved.value)
        {
            return;
        }
        let (a, b) = (normalised(&expected.value), normalised(&achieved.value));
        if a.is_empty() || b.is_empty() || !may_be_near(a.len(), b.len()) {
            return;
        }
        let message = if a == b {
            "实际完成情况与预期目标内容相同（去掉空白和标点后一字不差），未写明实际完成了什么"
                .to_string()
        } else {
            if !may_be_near_by_bigrams(&a, &b) {
                return;
            }
            let Some((num, den)) = dice(&a, &b) else {
                return;
            };
            if !near_identical(num, den) {
                return;
            }
            let pct = num.saturating_mul(100) / den;
            format!("实际完成情况与预期目标几乎相同（字符相似度 {pct}%），疑似照抄预期目标")
        };
        out.push(Finding::new(&META, message).at(achieved.at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_punctuation_is_not_alphanumeric() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            if is_common_punctuation(c) {
                assert!(!c.is_alphanumeric() && !c.is_ascii(), "{c}");
            }
        }
    }

    #[test]
    fn normalised_agrees_with_the_definition_on_every_character() {
        // Every character of the Basic Multilingual Plane and a slice above it, one at a time
        // and between CJK neighbours.
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            for t in [
                c.to_string(),
                format!("一{c}丁"),
                format!("<b>{c}</b>&amp;{c}"),
            ] {
                assert_eq!(normalised(&t), by_definition(&t), "{:X}", c as u32);
            }
        }
    }

    /// The definition: letters and digits, lowercased.
    fn by_definition(s: &str) -> Vec<char> {
        normalise::clean_cow(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn normalised_keeps_letters_and_digits() {
        for t in [
            "",
            "完成 100% 的培训任务。",
            "ＡＢＣ（全角）ａｂ１２",
            "İstanbul Ǆ ß ΣΑΣ",
            "<b>标签</b>&amp; 2022年",
            "\u{200B}零宽\u{3000}空格",
        ] {
            assert_eq!(normalised(t), by_definition(t), "{t:?}");
        }
    }

    /// What the rule decided before the length test: equal, or near-identical by dice.
    fn flagged(a: &str, b: &str) -> bool {
        let (a, b) = (normalised(a), normalised(b));
        if a.is_empty() || b.is_empty() {
            return false;
        }
        a == b || dice(&a, &b).is_some_and(|(n, d)| near_identical(n, d))
    }

    /// `a` with its last `cut` characters dropped and `extra` added: often near-identical to it.
    fn cut_and_extended(a: &str, cut: usize, extra: &str) -> String {
        let chars: Vec<char> = a.chars().collect();
        chars[..chars.len().saturating_sub(cut)]
            .iter()
            .collect::<String>()
            + extra
    }

    proptest::proptest! {
        /// The length test never rules out a pair the full comparison flags.
        #[test]
        fn may_be_near_keeps_every_flagged_pair(
            a in "[甲乙丙a-c，。 ]{0,24}",
            cut in 0usize..4,
            extra in "[甲乙丙a-c]{0,4}",
        ) {
            let b = cut_and_extended(&a, cut, &extra);
            if flagged(&a, &b) {
                proptest::prop_assert!(may_be_near(normalised(&a).len(), normalised(&b).len()));
            }
        }
    }

    proptest::proptest! {
        /// The bucket bound is at least the exact common count, so it never rules out a pair
        /// dice flags.
        #[test]
        fn bigram_bound_keeps_every_flagged_pair(
            a in "[甲乙丙丁a-d，。 ]{0,40}",
            cut in 0usize..6,
            extra in "[甲乙丙丁a-d]{0,6}",
        ) {
            let b = cut_and_extended(&a, cut, &extra);
            let (x, y) = (normalised(&a), normalised(&b));
            if let Some((num, den)) = dice(&x, &y) {
                proptest::prop_assert!(common_bigrams_at_most(&x, &y) * 2 >= num);
                if near_identical(num, den) {
                    proptest::prop_assert!(may_be_near_by_bigrams(&x, &y));
                }
            }
        }
    }

    #[test]
    fn bigram_bound_on_the_fixture_goals() {
        for form in crate::check::fixture_forms() {
            let g = &form.overall_goal;
            let (Some(e), Some(a)) = (&g.expected, &g.achieved) else {
                continue;
            };
            let (x, y) = (normalised(&e.value), normalised(&a.value));
            let Some((num, den)) = dice(&x, &y) else {
                continue;
            };
            assert!(
                common_bigrams_at_most(&x, &y) * 2 >= num,
                "{}",
                form.source.path
            );
            if near_identical(num, den) {
                assert!(may_be_near_by_bigrams(&x, &y), "{}", form.source.path);
            }
        }
        // Texts far apart are ruled out, and a copied goal is not.
        let copied: Vec<char> = "完成年度目标任务，提升服务水平".chars().collect();
        let edited: Vec<char> = "完成年度目标任务，提升服务水平好".chars().collect();
        let other: Vec<char> = "培训人数达到120人，群众满意度98%".chars().collect();
        assert!(may_be_near_by_bigrams(&copied, &edited));
        assert!(!may_be_near_by_bigrams(&copied, &other));
    }

    #[test]
    fn may_be_near_rejects_very_different_lengths() {
        assert!(may_be_near(20, 21) && may_be_near(1, 1));
        assert!(!may_be_near(10, 14) && !may_be_near(0, 0) && !may_be_near(1, 3));
    }

    fn sim(a: &str, b: &str) -> Option<(usize, usize)> {
        dice(&normalised(a), &normalised(b))
    }

    #[test]
    fn punctuation_and_width_do_not_matter() {
        assert_eq!(
            normalised("目标1：完成 档案整理。"),
            normalised("目标１:完成档案整理")
        );
    }

    #[test]
    fn dice_values() {
        assert_eq!(sim("abcd", "abcd"), Some((6, 6)));
        assert_eq!(sim("ab", "cd"), Some((0, 2)));
        assert_eq!(sim("a", "a"), None);
        // Repeated bigrams are counted as a multiset: "aaa" has (a,a)×2, "aa" has (a,a)×1.
        assert_eq!(sim("aaa", "aa"), Some((2, 3)));
    }

    #[test]
    fn threshold() {
        assert!(near_identical(9, 10));
        assert!(!near_identical(89, 100));
        assert!(!near_identical(0, 0));
        // One word changed in a long sentence stays above 90%.
        let (n, d) = sim(
            "完成区委区政府截至合同服务期满期间形成的全部档案资料的分类整理装订数据录入入库等工作",
            "完成区委区政府截至合同服务期满期间形成的全部档案资料的分类整理装订数据录入入库等工作。已完成",
        )
        .unwrap_or((0, 1));
        assert!(near_identical(n, d));
        // The seed's 外事事务 goal shares its first half with the achievement: not a copy.
        let (n, d) = sim(
            "国际化街区建设工作取得显著进展,国际化公共服务有所增强。首批试点街区中,1-2个街区通过验收,成功挂牌深圳市“国际化街区”。",
            "国际化街区建设工作取得显著进展,国际化公共服务有所增强。首批试点街区中,3个街区全部通过验收。翠竹街区获评“国际化商业文旅特色示范街区”,桂园街区获评“国际化商务交往特色街区”。",
        )
        .unwrap_or((0, 1));
        assert!(!near_identical(n, d));
    }
}
