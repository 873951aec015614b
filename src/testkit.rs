//! Test oracles written out from the SPEC, sharing no code with the crate: the Dutch holidays
//! of SPEC §4 for 2024–2027 as dates (looked up, not computed), working days counted one day
//! at a time, and the median and p90 of SPEC §5 by their definitions.
//!
//! Tests hold the code to these, so a calendar or statistic that goes wrong cannot agree with
//! itself. The unit tests reach this file as `crate::testkit`; the CLI tests include the same
//! file (`tests/cli/util.rs`, `#[path]`), so there is one table. It therefore uses nothing
//! from the crate, only `chrono`.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// The top-level keys of `kpi.json` up to issue 23, copied from SPEC §8 and §10 (not from
/// the code); `cause_headings` is the second Pareto of §10 and `signals_history` the series
/// too short to judge (docs/decisions.md).
pub const KPI_KEYS: &[&str] = &[
    "period",
    "rows",
    "received",
    "closed",
    "open_at_start",
    "open_at_end",
    "overdue",
    "handling_wd",
    "handling_cd",
    "ack",
    "by_urgency",
    "by_channel",
    "by_nature",
    "causes",
    "previous",
    "year_ago",
    "findings",
    "share_within_target",
    "repeat_complainants",
    "flow",
    "ageing",
    "by_department",
    "recurring_causes",
    "trend",
    "left_out",
    "cause_groups",
    "cause_headings",
    "cause_actions",
    "signals",
    "signals_history",
    "rate_per_1000",
    "cost",
    "justified",
    "reopened",
    "satisfaction",
];

/// The holiday lists of SPEC §4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// `cao`: Nieuwjaarsdag, Tweede Paasdag, Koningsdag, Hemelvaartsdag, Tweede Pinksterdag,
    /// both Kerstdagen, and 5 May in lustrum years.
    Cao,
    /// `atw`: the same plus Goede Vrijdag and 5 May every year.
    Atw,
}

/// The years [`HOLIDAYS`] covers; a date outside them is a test's mistake.
pub const YEARS: std::ops::RangeInclusive<i32> = 2024..=2027;

/// Whether a holiday is in both lists or only in the Algemene termijnenwet's.
#[derive(Clone, Copy, PartialEq)]
enum In {
    Both,
    AtwOnly,
}

/// The holidays of 2024–2027 (Easter Sunday 31 March 2024, 20 April 2025, 5 April 2026,
/// 28 March 2027), weekends included: a holiday on a Saturday or Sunday changes nothing.
const HOLIDAYS: [(i32, u32, u32, In, &str); 36] = [
    (2024, 1, 1, In::Both, "Nieuwjaarsdag (Mon)"),
    (2024, 3, 29, In::AtwOnly, "Goede Vrijdag"),
    (2024, 4, 1, In::Both, "Tweede Paasdag"),
    (2024, 4, 27, In::Both, "Koningsdag (Sat)"),
    (2024, 5, 5, In::AtwOnly, "Bevrijdingsdag (Sun; no lustrum)"),
    (2024, 5, 9, In::Both, "Hemelvaartsdag"),
    (2024, 5, 20, In::Both, "Tweede Pinksterdag"),
    (2024, 12, 25, In::Both, "Eerste Kerstdag (Wed)"),
    (2024, 12, 26, In::Both, "Tweede Kerstdag (Thu)"),
    (2025, 1, 1, In::Both, "Nieuwjaarsdag (Wed)"),
    (2025, 4, 18, In::AtwOnly, "Goede Vrijdag"),
    (2025, 4, 21, In::Both, "Tweede Paasdag"),
    (
        2025,
        4,
        26,
        In::Both,
        "Koningsdag (Sat: 27 April is a Sunday)",
    ),
    (2025, 5, 5, In::Both, "Bevrijdingsdag (Mon; lustrum year)"),
    (2025, 5, 29, In::Both, "Hemelvaartsdag"),
    (2025, 6, 9, In::Both, "Tweede Pinksterdag"),
    (2025, 12, 25, In::Both, "Eerste Kerstdag (Thu)"),
    (2025, 12, 26, In::Both, "Tweede Kerstdag (Fri)"),
    (2026, 1, 1, In::Both, "Nieuwjaarsdag (Thu)"),
    (2026, 4, 3, In::AtwOnly, "Goede Vrijdag"),
    (2026, 4, 6, In::Both, "Tweede Paasdag"),
    (2026, 4, 27, In::Both, "Koningsdag (Mon)"),
    (2026, 5, 5, In::AtwOnly, "Bevrijdingsdag (Tue; no lustrum)"),
    (2026, 5, 14, In::Both, "Hemelvaartsdag"),
    (2026, 5, 25, In::Both, "Tweede Pinksterdag"),
    (2026, 12, 25, In::Both, "Eerste Kerstdag (Fri)"),
    (2026, 12, 26, In::Both, "Tweede Kerstdag (Sat)"),
    (2027, 1, 1, In::Both, "Nieuwjaarsdag (Fri)"),
    (2027, 3, 26, In::AtwOnly, "Goede Vrijdag"),
    (2027, 3, 29, In::Both, "Tweede Paasdag"),
    (2027, 4, 27, In::Both, "Koningsdag (Tue)"),
    (2027, 5, 5, In::AtwOnly, "Bevrijdingsdag (Wed; no lustrum)"),
    (2027, 5, 6, In::Both, "Hemelvaartsdag"),
    (2027, 5, 17, In::Both, "Tweede Pinksterdag"),
    (2027, 12, 25, In::Both, "Eerste Kerstdag (Sat)"),
    (2027, 12, 26, In::Both, "Tweede Kerstdag (Sun)"),
];

/// Whether `d` is a holiday of `list`.
pub fn is_holiday(list: List, d: NaiveDate) -> bool {
    assert!(
        YEARS.contains(&d.year()),
        "the written-out holidays cover {YEARS:?}, not {d}"
    );
    HOLIDAYS.iter().any(|&(y, m, day, within, _)| {
        (y, m, day) == (d.year(), d.month(), d.day()) && (within == In::Both || list == List::Atw)
    })
}

/// Monday to Friday and not a holiday of `list` (SPEC §4, without closure days).
pub fn is_working_day(list: List, d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(list, d)
}

/// Working days d with a < d ≤ b, one day at a time (0 when b ≤ a).
pub fn working_days(list: List, a: NaiveDate, b: NaiveDate) -> i64 {
    let mut n = 0;
    let mut d = a;
    while d < b {
        d = d
            .succ_opt()
            .expect("a date inside the table has a next day");
        n += i64::from(is_working_day(list, d));
    }
    n
}

/// How many of `values` are at most `v`.
fn at_most(values: &[i64], v: i64) -> usize {
    values.iter().filter(|&&x| x <= v).count()
}

/// The median by its definition, without sorting by position: the lower middle value is the
/// least v with at least half the values ≤ v, the upper the least with more than half; for
/// odd n they are the same value, for even n their mean is the median.
pub fn median(values: &[i64]) -> Option<f64> {
    let n = values.len();
    let distinct: BTreeSet<i64> = values.iter().copied().collect();
    let lower = distinct.iter().find(|&&v| 2 * at_most(values, v) >= n)?;
    let upper = distinct.iter().find(|&&v| 2 * at_most(values, v) > n)?;
    Some((*lower as f64 + *upper as f64) / 2.0)
}

/// p90 by nearest rank, stated as a count: the least value v with at least 90 % of the values
/// ≤ v. `None` below five values (the report prints "n too small").
pub fn p90(values: &[i64]) -> Option<i64> {
    let n = values.len();
    if n < 5 {
        return None;
    }
    let distinct: BTreeSet<i64> = values.iter().copied().collect();
    distinct
        .into_iter()
        .find(|&v| 10 * at_most(values, v) >= 9 * n)
}
