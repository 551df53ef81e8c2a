//! A small, fast, non-cryptographic hasher (the `rustc-hash` "Fx" scheme) for the reader's
//! per-thread memos and word sets: keys are short labels, never attacker-controlled lookups
//! whose cost matters (a collision only makes a lookup slower, never wrong).

use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
pub(crate) type FxHashSet<K> = std::collections::HashSet<K, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_answer_like_std_maps() {
        let keys: Vec<String> = (0..3000).map(|i| format!("键{i}x{}", i * 7)).collect();
        let mut fx: FxHashMap<String, usize> = FxHashMap::default();
        let mut std = std::collections::HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            fx.insert(k.clone(), i);
            std.insert(k.clone(), i);
        }
        for k in &keys {
            assert_eq!(fx.get(k), std.get(k));
        }
        assert_eq!(fx.get("不在"), None);
        assert_eq!(fx.len(), std.len());
    }
}
