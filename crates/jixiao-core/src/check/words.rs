//! Word lists searched in one pass: a rule that asks whether a text holds any word of one or
//! several lists (`str::contains` per word, dozens of searches per text) walks the text once
//! with a [`FewWords`] (short texts) or searches it with an [`AnyWord`] automaton (long ones),
//! with the same answers as the per-word searches.

use aho_corasick::{AhoCorasick, MatchKind};

/// One word list, asked only whether a text holds any of its words. Leftmost-first matching
/// (which finds a match wherever the standard semantics does) lets the automaton skip ahead with
/// a vectorised prefilter instead of stepping through every byte.
pub(crate) struct AnyWord {
    ac: Option<AhoCorasick>,
}

impl AnyWord {
    pub fn new(words: &[&str]) -> AnyWord {
        let words: Vec<&str> = words.iter().copied().filter(|w| !w.is_empty()).collect();
        let ac = if words.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&words)
                .ok()
        };
        AnyWord { ac }
    }

    /// Whether `text` holds any of the words: `words.iter().any(|w| text.contains(w))`.
    pub fn in_text(&self, text: &str) -> bool {
        self.ac.as_ref().is_some_and(|ac| ac.is_match(text))
    }
}

/// One short word list, asked whether a short text (a name, a target) holds any of its words.
/// An automaton's setup per search costs more than such a text's characters: this walks the
/// text once and compares words only where one of their first characters stands. Several lists
/// can share one walk ([`FewWords::of_lists`], [`FewWords::lists_in`]): a rule asking two lists
/// of the same text then decodes its characters once.
pub(crate) struct FewWords {
    /// The words by their first character `c`, in slot `c % 64`: `(c, word, lists)`, `lists`
    /// the bit set of the lists that hold the word (bit `i` for list `i`).
    slots: Vec<Vec<(char, &'static str, u32)>>,
    /// Bit `c & 0xFFF` set for the first character `c` of each word (4096 bits): most
    /// characters of a text start none and are passed over without looking at their slot (few
    /// characters share the twelve low bits of a word's first character).
    first: [u64; 64],
}

impl FewWords {
    const SLOTS: u32 = 64;

    pub fn new(words: &[&'static str]) -> FewWords {
        FewWords::of_lists(&[words])
    }

    /// The words of up to 32 lists, numbered in the order given (lists past the 32nd are left
    /// out).
    pub fn of_lists(lists: &[&[&'static str]]) -> FewWords {
        let mut slots: Vec<Vec<(char, &'static str, u32)>> = vec![Vec::new(); Self::SLOTS as usize];
        let mut first = [0u64; 64];
        for (bit, words) in lists.iter().take(32).enumerate() {
            for &w in *words {
                if let Some(c) = w.chars().next()
                    && let Some(slot) = slots.get_mut((u32::from(c) % Self::SLOTS) as usize)
                {
                    slot.push((c, w, 1 << bit));
                    let k = low_bits(c);
                    if let Some(m) = first.get_mut(k >> 6) {
                        *m |= 1 << (k & 63);
                    }
                }
            }
        }
        FewWords { slots, first }
    }

    /// The words that may start at character `c`: those of its slot.
    fn slot_of(&self, c: char) -> &[(char, &'static str, u32)] {
        let k = u32::from(c) % Self::SLOTS;
        self.slots.get(k as usize).map_or(&[], Vec::as_slice)
    }

    /// The characters of `text` (with their byte offsets, in order) that may start a word: those
    /// whose twelve low bits are a word's first character's; every character that starts a
    /// word is among them.
    fn starts<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, char)> + 't {
        text.char_indices().filter(|&(_, c)| {
            let k = low_bits(c);
            self.first
                .get(k >> 6)
                .is_some_and(|m| m & (1 << (k & 63)) != 0)
        })
    }

    /// Whether `text` holds any of the words: `words.iter().any(|w| text.contains(w))`.
    pub fn in_text(&self, text: &str) -> bool {
        self.lists_in(text, u32::MAX) != 0
    }

    /// The bit set of the lists some word of which `text` holds (bit `i`: list `i` has a word
    /// `w` with `text.contains(w)`). The walk stops at the first word found of a list in
    /// `enough`: the caller only needs to know about those, and other lists may then be missing.
    pub fn lists_in(&self, text: &str, enough: u32) -> u32 {
        let mut found = 0;
        for (i, c) in self.starts(text) {
            for &(f, w, lists) in self.slot_of(c) {
                // A word whose lists are all found already changes nothing.
                if lists & !found != 0
                    && f == c
                    && text.get(i..).is_some_and(|rest| rest.starts_with(w))
                {
                    found |= lists;
                }
            }
            if found & enough != 0 {
                break;
            }
        }
        found
    }

    /// The words of the lists in `lists` (a bit set, as [`FewWords::lists_in`] answers) that
    /// `text` holds, each once, ordered by where each first occurs (ties by the word): what
    /// sorting `(text.find(w), w)` over the words of a list without repeats gives.
    pub fn in_text_order(&self, text: &str, lists: u32) -> Vec<&'static str> {
        let mut found: Vec<(usize, &'static str)> = Vec::new();
        for (i, c) in self.starts(text) {
            for &(f, w, of) in self.slot_of(c) {
                if of & lists != 0
                    && f == c
                    && text.get(i..).is_some_and(|rest| rest.starts_with(w))
                    && !found.iter().any(|&(_, seen)| seen == w)
                {
                    found.push((i, w));
                }
            }
        }
        // Found in order of their start already: the sort only orders the words of one start.
        found.sort_unstable();
        found.into_iter().map(|(_, w)| w).collect()
    }
}

/// The first word of `words` (in list order) that `text` holds, by one search per word: for a
/// text a [`FewWords`] walk found to hold one of them.
pub(crate) fn first_listed(words: &[&'static str], text: &str) -> Option<&'static str> {
    words
        .iter()
        .copied()
        .filter(|w| !w.is_empty())
        .find(|w| text.contains(w))
}

/// The twelve low bits of `c`'s code point: the key of [`FewWords::first`].
fn low_bits(c: char) -> usize {
    (u32::from(c) & 0xFFF) as usize
}

/// The length of the UTF-8 sequence `lead` begins (`lead` being the first byte of a character).
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const A: &[&str] = &["满意度", "满意", "率", "场次", "次", "a", "ab", "bab"];
    const B: &[&str] = &["次", "调查", "效益", "", "ab", "b"];

    /// What the rules computed before: one `contains` / `find` per word.
    fn naive_first(text: &str, list: &[&'static str]) -> Option<&'static str> {
        list.iter()
            .copied()
            .filter(|w| !w.is_empty())
            .find(|w| text.contains(w))
    }

    fn naive_order(text: &str, list: &[&'static str]) -> Vec<&'static str> {
        let mut found: Vec<(usize, &'static str)> = list
            .iter()
            .filter(|w| !w.is_empty())
            .filter_map(|w| text.find(w).map(|i| (i, *w)))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|(_, w)| w).collect()
    }

    fn agree(text: &str) {
        for list in [A, B] {
            let any = naive_first(text, list).is_some();
            assert_eq!(AnyWord::new(list).in_text(text), any, "{text:?}");
        }
        assert!(!AnyWord::new(&[""]).in_text(text));
        for list in [A, B] {
            let few = FewWords::new(list);
            assert_eq!(
                few.in_text(text),
                naive_first(text, list).is_some(),
                "{text:?}"
            );
            assert_eq!(
                few.in_text_order(text, 1),
                naive_order(text, list),
                "{text:?}"
            );
        }
        assert!(!FewWords::new(&[""]).in_text(text));
        // Both lists in one walk: the bit of each list whose per-word search finds a word.
        let both = FewWords::of_lists(&[A, B]);
        let exact = [A, B]
            .iter()
            .enumerate()
            .map(|(i, list)| u32::from(naive_first(text, list).is_some()) << i)
            .sum::<u32>();
        assert_eq!(both.lists_in(text, 0), exact, "{text:?}");
        for enough in [1, 2, 3] {
            let early = both.lists_in(text, enough);
            // Stopping early still tells whether a list asked about holds a word (which one, for
            // a single list), and finds nothing that is not there; without a word of those lists
            // the walk goes to the end and answers all of them.
            assert_eq!(
                early & enough != 0,
                exact & enough != 0,
                "{text:?} {enough}"
            );
            assert_eq!(early & !exact, 0, "{text:?} {enough}");
            if exact & enough == 0 {
                assert_eq!(early, exact, "{text:?} {enough}");
            }
        }
        for list in [A, B] {
            assert_eq!(first_listed(list, text), naive_first(text, list));
        }
    }

    #[test]
    fn examples() {
        for t in [
            "",
            "满意度调查次数",
            "服务对象满意率",
            "场次场次",
            "babab",
            "次调查效益满意",
            "abab次",
            "人次（次）",
        ] {
            agree(t);
        }
        let both = FewWords::of_lists(&[A, B]);
        let t = "满意度调查次数";
        assert_eq!(both.lists_in(t, 0), 0b11);
        assert_eq!(first_listed(A, t), Some("满意度"));
        assert_eq!(first_listed(B, t), Some("次"));
        // Same start: ties go by the word, as sorting `(offset, word)` does.
        assert_eq!(both.in_text_order(t, 1), vec!["满意", "满意度", "次"]);
        assert_eq!(both.in_text_order(t, 2), vec!["调查", "次"]);
        // A word of both lists is listed once.
        assert_eq!(
            both.in_text_order(t, 3),
            vec!["满意", "满意度", "调查", "次"]
        );
        assert!(both.in_text_order(t, 1 << 9).is_empty());
    }

    #[test]
    fn utf8_len_is_the_length_of_the_character_a_byte_leads() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert_eq!(utf8_len(lead), c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn no_words() {
        let few = FewWords::of_lists(&[&[], &[""]]);
        assert_eq!(few.lists_in("abc", 0), 0);
        assert!(few.in_text_order("abc", 3).is_empty());
        assert!(!AnyWord::new(&[]).in_text("abc"));
    }

    proptest! {
        #[test]
        fn agrees_with_per_word_search(
            text in proptest::collection::vec(
                prop::sample::select(vec!["满", "意", "度", "率", "场", "次", "调", "查", "效", "益", "a", "b", " "]),
                0..24,
            )
        ) {
            agree(&text.concat());
        }
    }
}
