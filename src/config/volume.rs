//! `[volume]`: the company's work orders per month, so that the report can show complaints per
//! 1,000 work orders (SPEC §5 complaint rate). HVAC work is seasonal: a summer rise in
//! complaints may be a summer rise in work, and the rate tells the two apart.
//!
//! The setting says where the numbers are ([`VolumeSetting`]); [`Volumes`] holds them, from the
//! setting's own months or from the file it names (read by `ingest::volume`).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Where the work orders come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VolumeSetting {
    /// `months = { "2026-07" = 412 }`: the company's work orders per month (first day).
    Months(BTreeMap<NaiveDate, u64>),
    /// `file = "werkbonnen.csv"`: as written in the file, and that path taken from the
    /// folder of the `klacht.toml` that names it.
    File { written: String, path: PathBuf },
}

/// Work orders per month, for the whole company and per department, as given. A month
/// without a number has no volume: its rate is unknown (null), never zero.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Volumes {
    /// The company's work orders per month (the month's first day).
    pub totals: BTreeMap<NaiveDate, u64>,
    /// Per department, named as the volume file writes it, sorted by name.
    pub departments: Vec<DepartmentVolume>,
}

/// One department's work orders per month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentVolume {
    pub name: String,
    pub months: BTreeMap<NaiveDate, u64>,
}

impl Volumes {
    /// The volume of `[volume] months`: company totals, no departments.
    pub fn from_months(months: &BTreeMap<NaiveDate, u64>) -> Volumes {
        Volumes {
            totals: months.clone(),
            departments: Vec::new(),
        }
    }

    /// The company's work orders in the month holding `day`, if given.
    ///
    /// ```
    /// use klacht::config::Volumes;
    /// use chrono::NaiveDate;
    /// let july = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    /// let v = Volumes::from_months(&[(july, 412)].into());
    /// assert_eq!(v.total(NaiveDate::from_ymd_opt(2026, 7, 19).unwrap()), Some(412));
    /// assert_eq!(v.total(NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()), None);
    /// ```
    pub fn total(&self, day: NaiveDate) -> Option<u64> {
        self.totals.get(&month_start(day)).copied()
    }
}

/// The work orders of `months` over the days `start..=end`: their sum when the days are
/// whole calendar months and every one of them has a number, else `None` (a part of a month
/// has no known volume, and a month without one makes the sum unknown, not smaller).
///
/// ```
/// use klacht::config::work_orders_over;
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let months = [(d(7, 1), 412), (d(8, 1), 380), (d(9, 1), 401)].into();
/// assert_eq!(work_orders_over(&months, d(7, 1), d(9, 30)), Some(1193));
/// assert_eq!(work_orders_over(&months, d(7, 1), d(10, 31)), None);
/// assert_eq!(work_orders_over(&months, d(7, 2), d(8, 31)), None);
/// ```
pub fn work_orders_over(
    months: &BTreeMap<NaiveDate, u64>,
    start: NaiveDate,
    end: NaiveDate,
) -> Option<u64> {
    let whole = start.day() == 1 && end.succ_opt().is_some_and(|d| d.day() == 1);
    if !whole || end < start {
        return None;
    }
    let mut sum = 0u64;
    let mut m = start;
    while m <= end {
        sum = sum.checked_add(*months.get(&m)?)?;
        m = m.checked_add_months(chrono::Months::new(1))?;
    }
    Some(sum)
}

/// The first day of the month holding `day`.
pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// A month written `2026-07`, as `[volume] months` and the report write months.
///
/// ```
/// use klacht::config::parse_month_key;
/// assert_eq!(parse_month_key(" 2026-07 ").map(|d| d.to_string()), Some("2026-07-01".into()));
/// assert_eq!(parse_month_key("2026-7"), None);
/// assert_eq!(parse_month_key("2026-13"), None);
/// ```
pub fn parse_month_key(text: &str) -> Option<NaiveDate> {
    let t = text.trim().as_bytes();
    let digits = |b: &[u8]| b.iter().all(u8::is_ascii_digit);
    if t.len() != 7 || t[4] != b'-' || !digits(&t[..4]) || !digits(&t[5..]) {
        return None;
    }
    let year = std::str::from_utf8(&t[..4]).ok()?.parse().ok()?;
    let month = std::str::from_utf8(&t[5..]).ok()?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The month of `day` written as [`parse_month_key`] reads it.
pub fn month_key_text(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

/// The most work orders one month may have: more is a typing error (and keeps every sum and
/// rate exact).
pub const MAX_WORK_ORDERS: u64 = 1_000_000_000;
