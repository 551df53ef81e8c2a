//! The fast, non-cryptographic hash maps of the reader's per-thread memos and word sets (the
//! `rustc-hash` crate): keys are short labels, and a collision only makes a lookup slower,
//! never wrong.

pub(crate) use rustc_hash::{FxHashMap, FxHashSet};
