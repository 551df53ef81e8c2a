//! SplitMix64: a tiny, fully specified PRNG, so a corpus is the same bytes on every platform and
//! with every version of every dependency (a crate's `StdRng` may change between releases).

use rust_decimal::Decimal;

/// SplitMix64 (Steele, Lea, Flood 2014), the seeding generator of xoshiro.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// One SplitMix64 output step applied to `z` (also used to derive independent sub-seeds).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// An independent generator for item `index` of stream `seed` (form `i` of a corpus).
    pub fn for_item(seed: u64, stream: u64, index: u64) -> Self {
        Rng::new(mix(
            mix(seed ^ mix(stream.wrapping_add(GOLDEN))).wrapping_add(index)
        ))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix(self.state)
    }

    /// Uniform in `[0, n)`; `n = 0` gives 0. Lemire's multiply-shift (bias < 2^-64 · n, irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform integer in `[lo, hi]` (inclusive).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo) + 1;
        lo.wrapping_add(self.below(span) as i64)
    }

    /// Uniform index into a slice of `len` items.
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// Uniform in `[0, 1)` with 53 bits: exact IEEE arithmetic, so identical everywhere.
    pub fn unit_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p` (`p ≤ 0` never, `p ≥ 1` always).
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit_f64() < p
    }

    /// True with probability `num / den`, in integers.
    pub fn one_in(&mut self, den: u64) -> bool {
        self.below(den) == 0
    }

    /// A decimal uniform in `[lo, hi]` on a grid of `10^-dp`.
    pub fn decimal(&mut self, lo: Decimal, hi: Decimal, dp: u32) -> Decimal {
        let scale = Decimal::from(10u64.pow(dp));
        let lo_i = (lo * scale).ceil();
        let hi_i = (hi * scale).floor();
        let (Ok(a), Ok(b)) = (i64::try_from(lo_i), i64::try_from(hi_i)) else {
            return lo;
        };
        let mut v = Decimal::from(self.range(a, b.max(a)));
        v.set_scale(dp).ok();
        v
    }

    /// Shuffle in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_reference_values() {
        // Reference: splitmix64 seeded with 1234567 (values from the C reference implementation).
        let mut r = Rng::new(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn decimal_stays_in_range() {
        let mut r = Rng::new(7);
        for _ in 0..1000 {
            let d = r.decimal(Decimal::new(40, 0), Decimal::new(105, 0), 2);
            assert!(d >= Decimal::new(40, 0) && d <= Decimal::new(105, 0));
            assert_eq!(d.scale(), 2);
        }
    }
}
