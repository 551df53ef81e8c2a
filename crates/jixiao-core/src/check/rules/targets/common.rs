//! Helpers shared by the target-quality rules (JX3xx).

use std::borrow::Cow;

use crate::check::Context;
use crate::model::{Indicator, Target};
use crate::normalise;

/// The target of a real (non-placeholder) row.
#[inline]
pub(super) fn real_target<'a>(cx: &Context, ind: &'a Indicator) -> Option<&'a Target> {
    if !cx.has_real_target(ind) {
        return None;
    }
    ind.target.as_ref()
}

/// The first of `words` that `s` contains.
pub(super) fn contains_any<'a>(s: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.contains(w))
}

/// A cost row: the 成本 level-1, or a 成本 level-2 (成本 / 经济成本 / 社会成本 / 生态环境成本),
/// as `score` reads it for the implicit comparator.
#[inline]
pub(super) fn is_cost(cx: &Context, ind: &Indicator) -> bool {
    cx.is_cost(ind)
}

/// A 数量 (quantity) row.
pub(super) fn is_quantity(cx: &Context, ind: &Indicator) -> bool {
    cx.level2_category(ind) == Some("quantity")
}

/// The name, folded, without whitespace (for word matching).
pub(super) fn name_key<'s>(cx: &'s Context, ind: &'s Indicator) -> Cow<'s, str> {
    cx.name_key(ind)
}

/// The unit a name declares in a trailing bracket: `涉外活动开展率(%)` → `%`, `培训人数（人）` →
/// `人`. Only known units count.
pub(super) fn unit_in_name(name: &str) -> Option<String> {
    let n = crate::check::quick::label_key(name);
    let inner = n.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let unit = inner.get(open + 1..)?.trim();
    if unit.is_empty() {
        return None;
    }
    // A unit is known when `1<unit>` parses as a number with that unit.
    normalise::parse_target(&format!("1{unit}"), Default::default()).unit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_declared_in_name() {
        assert_eq!(unit_in_name("涉外活动开展率(%)").as_deref(), Some("%"));
        assert_eq!(unit_in_name("培训人数（人）").as_deref(), Some("人"));
        assert_eq!(unit_in_name("项目成本(万元)").as_deref(), Some("万元"));
        assert_eq!(unit_in_name("落实区委(区政府)重大决策意图能力"), None);
        assert_eq!(unit_in_name("印刷费(含排版)"), None);
        assert_eq!(unit_in_name("()"), None);
    }
}
