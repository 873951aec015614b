//! The SPEC §5 statistics, exact and in plain Rust: the median is the middle value (the mean
//! of the two middle values for even n), p90 is nearest rank (the value at position ⌈0.9·n⌉
//! of the sorted values, 1-based) and is withheld below [`P90_MIN_N`] values.

use super::model::DurationStats;

/// Fewer values than this and the report prints "n too small" instead of a p90.
pub const P90_MIN_N: usize = 5;

/// Median of sorted values; `None` for none.
///
/// ```
/// use klacht::metrics::stats::median;
/// assert_eq!(median(&[1, 3, 8]), Some(3.0));
/// assert_eq!(median(&[1, 3, 8, 10]), Some(5.5));
/// assert_eq!(median(&[]), None);
/// ```
pub fn median(sorted: &[i32]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    Some(if n % 2 == 1 {
        f64::from(sorted[mid])
    } else {
        (f64::from(sorted[mid - 1]) + f64::from(sorted[mid])) / 2.0
    })
}

/// Nearest-rank percentile `p` (0 < p ≤ 100, in whole percents) of sorted values: the value
/// at 1-based position ⌈p·n/100⌉; `None` for none.
///
/// Whole percents keep the rank in integers: ⌈0.9·n⌉ in floating point is 10 for n = 10 only
/// by luck of rounding, `(90·n).div_ceil(100)` is exact.
pub fn nearest_rank(sorted: &[i32], p: usize) -> Option<i32> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = (p * n).div_ceil(100).clamp(1, n);
    Some(sorted[rank - 1])
}

/// p90 by nearest rank of sorted values; `None` below [`P90_MIN_N`] values.
///
/// ```
/// use klacht::metrics::stats::p90;
/// assert_eq!(p90(&[1, 2, 3, 4, 5]), Some(5)); // ⌈4.5⌉ = 5th
/// assert_eq!(p90(&[1, 2, 3, 4]), None);
/// ```
pub fn p90(sorted: &[i32]) -> Option<i32> {
    if sorted.len() < P90_MIN_N {
        return None;
    }
    nearest_rank(sorted, 90)
}

/// Rounds to 2 decimals, half away from zero: how the workbook shows every mean (`kpi.json`
/// keeps them unrounded).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Complaints per 1,000 work orders: `None` without work orders (no division by zero).
///
/// ```
/// use klacht::metrics::stats::per_1000;
/// assert_eq!(per_1000(9, Some(412)), Some(9000.0 / 412.0));
/// assert_eq!(per_1000(3, Some(0)), None);
/// assert_eq!(per_1000(3, None), None);
/// ```
pub fn per_1000(complaints: u64, work_orders: Option<u64>) -> Option<f64> {
    // Both below 2^53: exact in f64, so the division is the only rounding.
    let thousands = complaints.checked_mul(1000)? as f64;
    work_orders.filter(|&n| n > 0).map(|n| thousands / n as f64)
}

/// `part / whole` as a fraction; `None` when `whole` is 0.
pub fn share(part: u64, whole: u64) -> Option<f64> {
    // Counts stay far below 2^53, so the conversion to f64 is exact.
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// (value − base) / base as a fraction; `None` when either is missing or the base is 0.
pub fn rel_change(value: Option<f64>, base: Option<f64>) -> Option<f64> {
    match (value, base) {
        (Some(v), Some(b)) if b != 0.0 => Some((v - b) / b),
        _ => None,
    }
}

impl DurationStats {
    /// The statistics of `values` (sorted in place).
    ///
    /// ```
    /// use klacht::metrics::model::DurationStats;
    /// let s = DurationStats::of(&mut vec![4, 1, 2, 9, 3, 3]);
    /// assert_eq!((s.n, s.median, s.p90, s.max), (6, Some(3.0), Some(9), Some(9)));
    /// assert_eq!(s.mean, Some(22.0 / 6.0)); // not rounded: 3.666…
    /// ```
    pub fn of(values: &mut [i32]) -> DurationStats {
        values.sort_unstable();
        let n = values.len();
        let sum: i64 = values.iter().map(|&v| i64::from(v)).sum();
        DurationStats {
            n: n as u64,
            // Sums of day counts stay far below 2^53: exact in f64.
            mean: (n > 0).then(|| sum as f64 / n as f64),
            median: median(values),
            p90: p90(values).map(i64::from),
            max: values.last().map(|&v| i64::from(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_even_and_single() {
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[2, 7]), Some(4.5));
        assert_eq!(median(&[0, 0, 1, 5, 9]), Some(1.0));
        assert_eq!(median(&[0, 0, 1, 5, 9, 20]), Some(3.0));
        assert_eq!(median(&[-3, -1]), Some(-2.0));
    }

    #[test]
    fn p90_is_nearest_rank_by_hand() {
        // n = 5: ⌈4.5⌉ = 5 → the largest.
        assert_eq!(p90(&[1, 2, 3, 4, 50]), Some(50));
        // n = 10: ⌈9⌉ = 9 → the 9th, not the 10th.
        assert_eq!(p90(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), Some(9));
        // n = 11: ⌈9.9⌉ = 10.
        assert_eq!(p90(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), Some(10));
        // n = 20: ⌈18⌉ = 18.
        let twenty: Vec<i32> = (1..=20).collect();
        assert_eq!(p90(&twenty), Some(18));
        // n = 21: ⌈18.9⌉ = 19.
        let v: Vec<i32> = (1..=21).collect();
        assert_eq!(p90(&v), Some(19));
        // n = 4: too few.
        assert_eq!(p90(&[1, 2, 3, 4]), None);
        assert_eq!(p90(&[]), None);
    }

    #[test]
    fn nearest_rank_edges() {
        assert_eq!(nearest_rank(&[5], 90), Some(5));
        assert_eq!(nearest_rank(&[1, 2, 3], 100), Some(3));
        assert_eq!(nearest_rank(&[1, 2, 3], 50), Some(2));
        assert_eq!(nearest_rank(&[1, 2, 3, 4], 50), Some(2));
        assert_eq!(nearest_rank(&[], 50), None);
    }

    #[test]
    fn stats_of_values() {
        let empty = DurationStats::of(&mut []);
        assert_eq!(empty, DurationStats::default());
        assert_eq!(empty.n, 0);
        let s = DurationStats::of(&mut [3, 1, 2]);
        // mean 2, median 2, p90 withheld (n = 3), max 3.
        assert_eq!(
            s,
            DurationStats {
                n: 3,
                mean: Some(2.0),
                median: Some(2.0),
                p90: None,
                max: Some(3),
            }
        );
        // Means keep full precision: 1/3 stays 1/3 (the workbook rounds it to 0,33).
        assert_eq!(DurationStats::of(&mut [0, 0, 1]).mean, Some(1.0 / 3.0));
        assert_eq!(DurationStats::of(&mut [0, 1, 1]).mean, Some(2.0 / 3.0));
    }

    #[test]
    fn shares_and_changes() {
        assert_eq!(share(1, 4), Some(0.25));
        assert_eq!(share(0, 0), None);
        assert_eq!(rel_change(Some(15.0), Some(10.0)), Some(0.5));
        assert_eq!(rel_change(Some(5.0), Some(10.0)), Some(-0.5));
        assert_eq!(rel_change(Some(5.0), Some(0.0)), None);
        assert_eq!(rel_change(None, Some(3.0)), None);
        assert_eq!(rel_change(Some(3.0), None), None);
        assert_eq!(round2(2.345_000_1), 2.35);
        assert_eq!(round2(-1.005_1), -1.01);
    }
}
