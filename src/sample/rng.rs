//! A tiny deterministic random generator (SplitMix64), written here instead of taken from a
//! crate so that a seed gives the same register forever, whatever crate versions change.
//! Only integer arithmetic: no floating point, no platform-dependent maths.

/// SplitMix64 (Steele, Lea, Flood 2014), the seeding generator of `java.util.SplittableRandom`.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator whose stream is fixed by `seed`.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift: no division, negligible bias.
    pub(crate) fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// A number in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1))
    }

    /// True with probability `per_mille` / 1000.
    pub(crate) fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille
    }

    /// An index into a table of `len` entries, as `u8` (tables here are short).
    pub(crate) fn index(&mut self, len: usize) -> u8 {
        let len = u32::try_from(len.min(256)).unwrap_or(256);
        u8::try_from(self.below(len)).unwrap_or(u8::MAX)
    }

    /// An index into `weights` chosen with them; 0 when all weights are 0. So
    /// `[a, b, c][rng.weighted(&[x, y, z])]`, a table and weights of one length, is in bounds.
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        0
    }
}

/// One SplitMix64 step as a hash: spreads a key (a customer number) over 64 bits.
pub(crate) fn mix(key: u64) -> u64 {
    Rng::new(key).next_u64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_reference_values() {
        // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn bounded_draws_stay_in_bounds_and_cover_the_range() {
        let mut r = Rng::new(7);
        let mut seen = [0u32; 6];
        for _ in 0..6000 {
            let v = r.below(6);
            seen[v as usize] += 1;
            let x = r.range(3, 5);
            assert!((3..=5).contains(&x));
        }
        assert!(seen.iter().all(|&n| n > 800), "{seen:?}");
        assert_eq!(r.below(0), 0);
        assert_eq!(r.range(5, 2), 5);
    }

    #[test]
    fn weighted_follows_weights_and_skips_zero_weights() {
        let mut r = Rng::new(3);
        let mut seen = [0u32; 3];
        for _ in 0..4000 {
            seen[r.weighted(&[1, 0, 3])] += 1;
        }
        assert_eq!(seen[1], 0);
        assert!(seen[2] > 2 * seen[0], "{seen:?}");
        assert_eq!(r.weighted(&[0, 0]), 0);
    }

    #[test]
    fn chance_is_roughly_its_rate() {
        let mut r = Rng::new(11);
        let hits = (0..10_000).filter(|_| r.chance(250)).count();
        assert!((2300..2700).contains(&hits), "{hits}");
        assert!(!(0..100).any(|_| r.chance(0)));
        assert!((0..100).all(|_| r.chance(1000)));
    }
}
