//! Property tests: no input makes the reader or the checks panic.

use jixiao_core::pipeline;
use jixiao_core::read::ReadOptions;
use proptest::prelude::*;

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC*") {
        let _ = pipeline::check_bytes("prop.txt", s.as_bytes(), &ReadOptions::default());
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = pipeline::check_bytes("prop.bin", &b, &ReadOptions::default());
    }

    /// The seed cut at any byte, with tab-separated junk spliced in, never panics and never
    /// yields a total for a form that is not complete.
    #[test]
    fn mangled_seed_never_panics(cut in 0usize..SEED.len(), junk in "[\\t 0-9.%≥≤无—总分得分a-z\\n]{0,200}", at in 0usize..SEED.len()) {
        let mut s: String = SEED.char_indices().take_while(|(i, _)| *i < cut).map(|(_, c)| c).collect();
        let pos = s.char_indices().map(|(i, _)| i).find(|i| *i >= at.min(s.len())).unwrap_or(s.len());
        s.insert_str(pos, &junk);
        for c in pipeline::check_bytes("mangled.txt", s.as_bytes(), &ReadOptions::default()) {
            if !c.form.is_complete() {
                prop_assert!(c.eval.total_computed.is_none());
                prop_assert!(c.eval.grade.is_none());
            }
        }
    }
}
