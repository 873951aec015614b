//! Amounts of money (failure costs, *faalkosten*) in whole euro cents: summed, averaged and
//! shown exactly, never through floating point that rounds (SPEC §5).

use crate::Lang;
use serde::{Serialize, Serializer};

/// An amount in euro cents. A register cell holds at most [`Cents::LIMIT`] in absolute value,
/// so a million of them sum without overflow.
///
/// ```
/// use klacht::register::Cents;
/// use klacht::Lang;
/// let total: Cents = [Cents(9_500), Cents(123_456)].into_iter().sum();
/// assert_eq!(total, Cents(132_956));
/// assert_eq!(total.text(Lang::Nl), "€ 1.329,56");
/// assert_eq!(total.text(Lang::En), "€1,329.56");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cents(pub i64);

impl Cents {
    /// Ten billion euros: no complaint costs that much, so a cell holding it is a slip or
    /// another number in the cost column, read as unreadable. Below it, a million complaints
    /// sum inside an `i64`.
    pub const LIMIT: i64 = 1_000_000_000_000;

    /// The amount in euros, for a spreadsheet cell or JSON: exact to the cent below 2^53
    /// cents (ninety thousand billion euros), far beyond any sum of [`Cents::LIMIT`]s a
    /// register holds.
    pub fn euros(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// The amount as the language writes it: `€ 1.234,56` in Dutch, `€1,234.56` in English;
    /// a negative amount `€ -12,50` / `-€12.50`.
    pub fn text(self, lang: Lang) -> String {
        let digits = lang.number(self.euros().abs(), 2);
        match (lang, self.0 < 0) {
            (Lang::Nl, false) => format!("€ {digits}"),
            (Lang::Nl, true) => format!("€ -{digits}"),
            (Lang::En, false) => format!("€{digits}"),
            (Lang::En, true) => format!("-€{digits}"),
        }
    }

    /// The mean of `n` amounts summing to `total`, rounded to the cent half away from zero
    /// (an amount has cents, not fractions of one); `None` for none.
    ///
    /// ```
    /// use klacht::register::Cents;
    /// assert_eq!(Cents::mean(Cents(100), 3), Some(Cents(33)));
    /// assert_eq!(Cents::mean(Cents(5), 2), Some(Cents(3)));
    /// assert_eq!(Cents::mean(Cents(-5), 2), Some(Cents(-3)));
    /// assert_eq!(Cents::mean(Cents(7), 0), None);
    /// ```
    pub fn mean(total: Cents, n: u64) -> Option<Cents> {
        (n > 0).then(|| Cents::halves(i128::from(total.0) * 2, i128::from(n) * 2))
    }

    /// The median of sorted amounts: the middle one, or the mean of the two middle ones
    /// rounded to the cent half away from zero; `None` for none.
    ///
    /// ```
    /// use klacht::register::Cents;
    /// assert_eq!(Cents::median(&[Cents(1), Cents(3), Cents(8)]), Some(Cents(3)));
    /// assert_eq!(Cents::median(&[Cents(1), Cents(4)]), Some(Cents(3)));
    /// assert_eq!(Cents::median(&[]), None);
    /// ```
    pub fn median(sorted: &[Cents]) -> Option<Cents> {
        let n = sorted.len();
        let mid = n / 2;
        match n {
            0 => None,
            _ if n % 2 == 1 => sorted.get(mid).copied(),
            _ => {
                let sum = i128::from(sorted[mid - 1].0) + i128::from(sorted[mid].0);
                Some(Cents::halves(sum * 2, 4))
            }
        }
    }

    /// `num / den` (den > 0) rounded half away from zero; the caller has doubled both so that
    /// the half is whole.
    fn halves(num: i128, den: i128) -> Cents {
        let rounded = (num.abs() + den / 2) / den * num.signum();
        Cents(i64::try_from(rounded).unwrap_or(if num < 0 { i64::MIN } else { i64::MAX }))
    }
}

/// Sums saturate: a sum of register amounts (each below [`Cents::LIMIT`]) never reaches the
/// bounds, and a sum of anything else must not wrap into a plausible figure.
impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        Cents(iter.fold(0i64, |a, c| a.saturating_add(c.0)))
    }
}

impl std::ops::Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0.saturating_add(other.0))
    }
}

/// In `kpi.json` an amount is a number of euros with at most two decimals (SPEC §8).
impl Serialize for Cents {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.euros())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_as_each_language_writes_them() {
        for (c, nl, en) in [
            (0, "€ 0,00", "€0.00"),
            (7, "€ 0,07", "€0.07"),
            (9_500, "€ 95,00", "€95.00"),
            (123_456, "€ 1.234,56", "€1,234.56"),
            (-1_250, "€ -12,50", "-€12.50"),
            (123_456_789_012, "€ 1.234.567.890,12", "€1,234,567,890.12"),
        ] {
            assert_eq!(Cents(c).text(Lang::Nl), nl);
            assert_eq!(Cents(c).text(Lang::En), en);
        }
    }

    #[test]
    fn euros_in_json_are_the_cents_exactly() {
        for (c, json) in [
            (123_456, "1234.56"),
            (10, "0.1"),
            (30, "0.3"),
            (-1_250, "-12.5"),
            (99_999_999_999, "999999999.99"),
        ] {
            assert_eq!(serde_json::to_string(&Cents(c)).unwrap(), json);
        }
        // A sum of thirds of a euro, in cents, is exact where floats are not (0.1 + 0.2).
        let sum: Cents = [Cents(10), Cents(20)].into_iter().sum();
        assert_eq!(serde_json::to_string(&sum).unwrap(), "0.3");
    }

    #[test]
    fn means_and_medians_round_half_away_from_zero() {
        assert_eq!(Cents::mean(Cents(10), 4), Some(Cents(3)), "2.5 → 3");
        assert_eq!(Cents::mean(Cents(-10), 4), Some(Cents(-3)));
        assert_eq!(Cents::mean(Cents(9), 4), Some(Cents(2)), "2.25 → 2");
        assert_eq!(Cents::median(&[Cents(-3), Cents(0)]), Some(Cents(-2)));
        assert_eq!(
            Cents::median(&[Cents(i64::MAX - 1), Cents(i64::MAX)]),
            Some(Cents(i64::MAX)),
            "no overflow"
        );
        let sum: Cents = [Cents(i64::MAX), Cents(1)].into_iter().sum();
        assert_eq!(sum, Cents(i64::MAX), "saturates");
    }
}
