//! Which earlier value each value equals: the one question behind duplicate numbers and the
//! customer and job keys, asked of a million values.
//!
//! The values are hashed on every core; one pass in order then looks each up in a table of
//! 4-byte positions, comparing values only when the hashes' tags agree. A map from value to
//! position was ten times the memory (every bucket held the value) and a tenth of the
//! report's time (docs/performance.md).

use hashbrown::hash_table::{Entry, HashTable};
use rayon::prelude::*;
use std::hash::{BuildHasher, Hash};

/// No value: the position given to `None`.
pub const NONE: u32 = u32::MAX;

/// For each value of `values`, the position of the first value equal to it (its own position
/// for the first of its kind); [`NONE`] for `None`.
///
/// ```
/// use klacht::base::first::{first_equal, NONE};
/// let values = [Some("a"), None, Some("b"), Some("a"), Some("b")];
/// assert_eq!(first_equal(&values), [0, NONE, 2, 0, 2]);
/// ```
pub fn first_equal<K: Hash + Eq + Sync>(values: &[Option<K>]) -> Vec<u32> {
    let hasher = rustc_hash::FxBuildHasher;
    let hashes: Vec<u64> = values
        .par_iter()
        .map(|v| v.as_ref().map_or(0, |v| hasher.hash_one(v)))
        .collect();
    let mut table: HashTable<u32> = HashTable::with_capacity(values.len());
    values
        .iter()
        .zip(&hashes)
        .enumerate()
        .map(|(i, (v, &h))| {
            let Some(v) = v else { return NONE };
            // Positions fit: a register has fewer rows than u32::MAX (Excel and the
            // reader's row numbers are u32).
            let i = i as u32;
            let same = |&j: &u32| values[j as usize].as_ref() == Some(v);
            match table.entry(h, same, |&j| hashes[j as usize]) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => {
                    e.insert(i);
                    i
                }
            }
        })
        .collect()
}

/// Numbers the values: equal values alike, in order of first sight from 0; [`NONE`] for
/// `None`.
///
/// ```
/// use klacht::base::first::{numbered, NONE};
/// let values = [Some("b"), None, Some("a"), Some("b")];
/// assert_eq!(numbered(&values), [0, NONE, 1, 0]);
/// ```
pub fn numbered<K: Hash + Eq + Sync>(values: &[Option<K>]) -> Vec<u32> {
    let first = first_equal(values);
    let mut numbers = Vec::with_capacity(first.len());
    let mut next = 0;
    for (i, &f) in first.iter().enumerate() {
        let n = if f == NONE {
            NONE
        } else if f as usize == i {
            next += 1;
            next - 1
        } else {
            // `f` is an earlier position, numbered already.
            numbers[f as usize]
        };
        numbers.push(n);
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Against the plain reading: the first earlier position with an equal value.
        #[test]
        fn first_equal_is_the_first_earlier_equal_value(
            values in proptest::collection::vec(proptest::option::of(0u8..20), 0..300)
        ) {
            let first = first_equal(&values);
            for (i, v) in values.iter().enumerate() {
                let expected = match v {
                    None => NONE,
                    Some(_) => values.iter().position(|w| w == v).unwrap_or(i) as u32,
                };
                prop_assert_eq!(first[i], expected);
            }
            let numbers = numbered(&values);
            let mut seen: Vec<u8> = Vec::new();
            for (v, n) in values.iter().zip(numbers) {
                let expected = match v {
                    None => NONE,
                    Some(v) => match seen.iter().position(|w| w == v) {
                        Some(k) => k as u32,
                        None => {
                            seen.push(*v);
                            seen.len() as u32 - 1
                        }
                    },
                };
                prop_assert_eq!(n, expected);
            }
        }
    }
}
