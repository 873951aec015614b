//! Report periods (SPEC §5): a quarter, month, half year, year or any range of days, with the
//! previous period of the same length and the same period a year earlier for the trend.

use crate::config::month_start;
use crate::Error;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

/// A closed range of days `[start, end]` with the label the report uses for it.
///
/// ```
/// use klacht::metrics::period::Period;
/// let p = Period::parse("2026-Q3").unwrap();
/// assert_eq!((p.start.to_string(), p.end.to_string()), ("2026-07-01".into(), "2026-09-30".into()));
/// assert_eq!(p.previous().label, "2026-Q2");
/// assert_eq!(p.year_ago().label, "2025-Q3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The shape of a period, read from its dates: whole calendar months shift by months (so the
/// previous of February is January, whatever their lengths), anything else by days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `n` whole calendar months starting on the 1st of `start`'s month.
    Months(u32),
    Days,
}

impl Period {
    /// Parses `2026-Q3`, `2026-07`, `2026-H2`, `2026` or `2026-07-01..2026-09-30` (white space
    /// anywhere is ignored, letters in either case). The error names the accepted forms in
    /// the run's language when it is shown.
    pub fn parse(s: &str) -> Result<Period, Error> {
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        parse_compact(&compact).ok_or_else(|| Error::Period {
            value: s.trim().to_string(),
        })
    }

    /// The last full quarter before `today`: on any day of 2026-Q4 that is 2026-Q3.
    pub fn last_full_quarter(today: NaiveDate) -> Period {
        Period::quarter_of(today).previous()
    }

    /// The previous period of the same length: the previous quarter, month, half or year (any
    /// run of whole calendar months moves back by that many months), else the same number of
    /// days just before.
    pub fn previous(&self) -> Period {
        match self.shape() {
            Shape::Months(n) => {
                let start = self.start.checked_sub_months(Months::new(n));
                match start {
                    Some(start) => Period::months(start, n),
                    None => self.clone(),
                }
            }
            Shape::Days => {
                let days = u64::try_from(self.days()).unwrap_or(0);
                match (
                    self.start.checked_sub_days(Days::new(days)),
                    self.start.pred_opt(),
                ) {
                    (Some(start), Some(end)) => Period::between(start, end),
                    _ => self.clone(),
                }
            }
        }
    }

    /// The same period a year earlier (`2025-Q3` for `2026-Q3`). A range of days that starts
    /// or ends on 29 February moves to 28 February.
    pub fn year_ago(&self) -> Period {
        let twelve = Months::new(12);
        match self.shape() {
            Shape::Months(n) => match self.start.checked_sub_months(twelve) {
                Some(start) => Period::months(start, n),
                None => self.clone(),
            },
            Shape::Days => match (
                self.start.checked_sub_months(twelve),
                self.end.checked_sub_months(twelve),
            ) {
                (Some(start), Some(end)) => Period::between(start, end),
                _ => self.clone(),
            },
        }
    }

    /// The default reference date D for this period: its end, or `today` if it has not
    /// ended yet (SPEC §5).
    pub fn default_as_of(&self, today: NaiveDate) -> NaiveDate {
        self.end.min(today)
    }

    /// Number of days in the period, both ends included.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// True when `d` lies in the period.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// The calendar quarter holding `d`.
    pub fn quarter_of(d: NaiveDate) -> Period {
        quarter(d.year(), d.month0() / 3 + 1).unwrap_or_else(|| Period::month_of(d))
    }

    /// The calendar month holding `d`.
    pub fn month_of(d: NaiveDate) -> Period {
        Period::months(month_start(d), 1)
    }

    /// `n` whole months from `start` (the 1st of a month), labelled as a quarter, month, half
    /// or year where it is one, else as a range.
    fn months(start: NaiveDate, n: u32) -> Period {
        let end = start
            .checked_add_months(Months::new(n))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        let (y, m) = (start.year(), start.month());
        let label = match n {
            1 => format!("{y:04}-{m:02}"),
            3 if (m - 1) % 3 == 0 => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
            6 if m == 1 || m == 7 => format!("{y:04}-H{}", (m - 1) / 6 + 1),
            12 if m == 1 => format!("{y:04}"),
            _ => range_label(start, end),
        };
        Period { label, start, end }
    }

    /// The days `start..=end`, labelled as the quarter, month, half or year they make up, else
    /// `start..end`.
    pub fn between(start: NaiveDate, end: NaiveDate) -> Period {
        let p = Period {
            label: range_label(start, end),
            start,
            end,
        };
        match p.shape() {
            Shape::Months(n) => Period::months(start, n),
            Shape::Days => p,
        }
    }

    fn shape(&self) -> Shape {
        let whole_months =
            self.start.day() == 1 && self.end.succ_opt().is_some_and(|d| d.day() == 1);
        if !whole_months || self.end < self.start {
            return Shape::Days;
        }
        let months = (self.end.year() - self.start.year()) * 12 + self.end.month() as i32
            - self.start.month() as i32
            + 1;
        u32::try_from(months).map_or(Shape::Days, Shape::Months)
    }
}

fn range_label(start: NaiveDate, end: NaiveDate) -> String {
    format!("{start}..{end}")
}

fn quarter(year: i32, q: u32) -> Option<Period> {
    let start = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?;
    Some(Period::months(start, 3))
}

/// Four digits, as written in a period.
fn year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// One or two digits.
fn small(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year(y)?, small(m)?, small(d)?)
}

/// Parses an upper-case period without white space.
fn parse_compact(s: &str) -> Option<Period> {
    if let Some((a, b)) = s.split_once("..") {
        let (start, end) = (date(a)?, date(b)?);
        return (start <= end).then(|| Period {
            label: range_label(start, end),
            start,
            end,
        });
    }
    if let Some(y) = year(s) {
        return Some(Period::months(NaiveDate::from_ymd_opt(y, 1, 1)?, 12));
    }
    let (y, rest) = s.split_once('-')?;
    let y = year(y)?;
    if let Some(q) = rest.strip_prefix('Q') {
        let q = small(q).filter(|q| (1..=4).contains(q))?;
        return quarter(y, q);
    }
    if let Some(h) = rest.strip_prefix('H') {
        let h = small(h).filter(|h| (1..=2).contains(h))?;
        return Some(Period::months(
            NaiveDate::from_ymd_opt(y, (h - 1) * 6 + 1, 1)?,
            6,
        ));
    }
    let m = small(rest)?;
    Some(Period::months(NaiveDate::from_ymd_opt(y, m, 1)?, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    fn span(p: &Period) -> (String, NaiveDate, NaiveDate) {
        (p.label.clone(), p.start, p.end)
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(
            span(&p("2026-Q3")),
            ("2026-Q3".into(), ymd(2026, 7, 1), ymd(2026, 9, 30))
        );
        assert_eq!(
            span(&p("2026-q1")),
            ("2026-Q1".into(), ymd(2026, 1, 1), ymd(2026, 3, 31))
        );
        assert_eq!(
            span(&p("2026-Q4")),
            ("2026-Q4".into(), ymd(2026, 10, 1), ymd(2026, 12, 31))
        );
        assert_eq!(
            span(&p("2026-07")),
            ("2026-07".into(), ymd(2026, 7, 1), ymd(2026, 7, 31))
        );
        assert_eq!(
            span(&p("2026-7")),
            ("2026-07".into(), ymd(2026, 7, 1), ymd(2026, 7, 31))
        );
        assert_eq!(
            span(&p("2024-02")),
            ("2024-02".into(), ymd(2024, 2, 1), ymd(2024, 2, 29))
        );
        assert_eq!(
            span(&p("2026-H2")),
            ("2026-H2".into(), ymd(2026, 7, 1), ymd(2026, 12, 31))
        );
        assert_eq!(
            span(&p("2026-h1")),
            ("2026-H1".into(), ymd(2026, 1, 1), ymd(2026, 6, 30))
        );
        assert_eq!(
            span(&p("2026")),
            ("2026".into(), ymd(2026, 1, 1), ymd(2026, 12, 31))
        );
        assert_eq!(
            span(&p("2026-07-01..2026-09-30")),
            (
                "2026-07-01..2026-09-30".into(),
                ymd(2026, 7, 1),
                ymd(2026, 9, 30)
            )
        );
        assert_eq!(
            span(&p(" 2026-07-05 .. 2026-08-14 ")),
            (
                "2026-07-05..2026-08-14".into(),
                ymd(2026, 7, 5),
                ymd(2026, 8, 14)
            )
        );
        assert_eq!(span(&p(" 2026 - Q3 ")).0, "2026-Q3");
        // A one-day range is a period too.
        assert_eq!(p("2026-03-01..2026-03-01").days(), 1);
    }

    #[test]
    fn rejects_malformed_periods_naming_the_forms() {
        for bad in [
            "",
            "2026-Q5",
            "2026-Q0",
            "2026-H3",
            "2026-13",
            "2026-00",
            "26-Q3",
            "Q3-2026",
            "2026-Q3x",
            "2026-07-01..2026-06-30",
            "2026-02-30..2026-03-01",
            "2026-07-01..",
            "2026-07-01",
            "juli 2026",
            "2026-007",
            "20266",
        ] {
            let err = Period::parse(bad).unwrap_err().message(Lang::En);
            assert!(
                err.contains("2026-Q3") && err.contains("2026-07-01..2026-09-30"),
                "{bad}: {err}"
            );
        }
        let nl = Period::parse("2026-Q5").unwrap_err().message(Lang::Nl);
        assert!(nl.contains("2026-Q5") && nl.contains("kwartaal"), "{nl}");
    }

    #[test]
    fn previous_is_the_same_kind_just_before() {
        assert_eq!(p("2026-Q3").previous(), p("2026-Q2"));
        assert_eq!(p("2026-Q1").previous(), p("2025-Q4"));
        assert_eq!(p("2026-07").previous(), p("2026-06"));
        assert_eq!(p("2026-01").previous(), p("2025-12"));
        // Leap year: the previous of March 2024 is February with 29 days.
        assert_eq!(
            span(&p("2024-03").previous()),
            ("2024-02".into(), ymd(2024, 2, 1), ymd(2024, 2, 29))
        );
        assert_eq!(p("2024-02").previous(), p("2024-01"));
        assert_eq!(p("2026-H1").previous(), p("2025-H2"));
        assert_eq!(p("2026-H2").previous(), p("2026-H1"));
        assert_eq!(p("2026").previous(), p("2025"));
        // A range of days: the same number of days just before.
        assert_eq!(
            span(&p("2026-07-05..2026-08-14").previous()),
            (
                "2026-05-25..2026-07-04".into(),
                ymd(2026, 5, 25),
                ymd(2026, 7, 4)
            )
        );
        assert_eq!(p("2026-07-05..2026-08-14").previous().days(), 41);
        // Across a leap day: 2024-03-01..2024-03-10 (10 days) → 2024-02-20..2024-02-29.
        assert_eq!(
            span(&p("2024-03-01..2024-03-10").previous()),
            (
                "2024-02-20..2024-02-29".into(),
                ymd(2024, 2, 20),
                ymd(2024, 2, 29)
            )
        );
        // A range of whole months moves by months and is labelled as what it is.
        assert_eq!(p("2026-07-01..2026-09-30").previous(), p("2026-Q2"));
        assert_eq!(
            span(&p("2026-02-01..2026-03-31").previous()),
            (
                "2025-12-01..2026-01-31".into(),
                ymd(2025, 12, 1),
                ymd(2026, 1, 31)
            )
        );
    }

    #[test]
    fn year_ago_is_the_same_period_a_year_earlier() {
        assert_eq!(p("2026-Q3").year_ago(), p("2025-Q3"));
        assert_eq!(p("2026-07").year_ago(), p("2025-07"));
        assert_eq!(p("2026-H2").year_ago(), p("2025-H2"));
        assert_eq!(p("2026").year_ago(), p("2025"));
        // Leap years: February 2024 (29 days) a year ago is February 2023 (28 days), and back.
        assert_eq!(
            span(&p("2024-02").year_ago()),
            ("2023-02".into(), ymd(2023, 2, 1), ymd(2023, 2, 28))
        );
        assert_eq!(p("2025-02").year_ago().end, ymd(2024, 2, 29));
        assert_eq!(
            span(&p("2024-02-29..2024-03-10").year_ago()),
            (
                "2023-02-28..2023-03-10".into(),
                ymd(2023, 2, 28),
                ymd(2023, 3, 10)
            )
        );
        assert_eq!(
            p("2026-07-01..2026-09-30").year_ago().label,
            "2025-Q3".to_string()
        );
    }

    #[test]
    fn default_period_is_the_last_full_quarter() {
        assert_eq!(Period::last_full_quarter(ymd(2026, 11, 24)), p("2026-Q3"));
        assert_eq!(Period::last_full_quarter(ymd(2026, 10, 1)), p("2026-Q3"));
        assert_eq!(Period::last_full_quarter(ymd(2026, 9, 30)), p("2026-Q2"));
        assert_eq!(Period::last_full_quarter(ymd(2026, 1, 1)), p("2025-Q4"));
    }

    #[test]
    fn quarter_and_month_of_a_day() {
        assert_eq!(Period::quarter_of(ymd(2026, 8, 15)), p("2026-Q3"));
        assert_eq!(Period::month_of(ymd(2024, 2, 10)), p("2024-02"));
        assert_eq!(p("2026-Q3").days(), 92);
        assert!(p("2026-Q3").contains(ymd(2026, 9, 30)));
        assert!(!p("2026-Q3").contains(ymd(2026, 10, 1)));
    }
}
