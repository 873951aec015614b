//! The Dutch working-day calendar (SPEC §4).
//!
//! Every target of the NVKL complaint procedure is expressed in *working days*, and the
//! report measures ~5 million durations per run, so [`Calendar::working_days`] counts weekdays
//! arithmetically and subtracts the weekday holidays and closure days in the interval with two
//! binary searches over a table built once at construction. Years outside that table are
//! still exact: their holidays are computed on the fly.
//!
//! ```
//! use chrono::NaiveDate;
//! use klacht::calendar::{Calendar, Profile};
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
//! let cal = Calendar::new(Profile::Cao, &[]);
//! // Wed 24 Dec → Mon 29 Dec: Christmas (25, 26) and the weekend do not count.
//! assert_eq!(cal.working_days(d(12, 24), d(12, 29)), 1);
//! ```

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Which set of public holidays counts as non-working.
///
/// Complaint handling terms are agreed under the installation trade's collective agreement,
/// so that is the default; the statutory list exists because terms that end up in a legal
/// procedure are computed under the Algemene termijnenwet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Collective agreement of the installation trade (cao Installatiebranche).
    #[default]
    Cao,
    /// Statutory terms (Algemene termijnenwet): adds Goede Vrijdag and 5 May every year.
    Atw,
}

impl Profile {
    /// `cao` or `atw`, as in `klacht.toml` and `kpi.json`.
    pub fn key(self) -> &'static str {
        match self {
            Profile::Cao => "cao",
            Profile::Atw => "atw",
        }
    }
}

/// A named holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name_nl: &'static str,
    pub name_en: &'static str,
}

/// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian algorithm, Meeus);
/// `None` for a year chrono cannot represent.
///
/// Computed rather than tabulated so that any year a register contains works. Floor division
/// keeps the formula valid for the proleptic calendar, negative years included.
fn easter_opt(year: i32) -> Option<NaiveDate> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    // month is 3 or 4 and day 1..=31 by construction of the algorithm.
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The public holidays of `year` under `profile`, sorted by date.
///
/// Two holidays can share a date (Hemelvaartsdag fell on 5 May in 2016); both are listed.
/// Holidays on a weekend are listed too — they simply do not change the working-day count.
///
/// The rules and why:
/// * Koningsdag (from 2014) is 27 April, the King's birthday; when that is a Sunday it moves
///   to Saturday 26 April because the Sunday is kept free of the festivities (Sunday rest).
///   Before 2014 Koninginnedag was 30 April, moved to Saturday 29 April for the same reason.
///   (Earlier history — 31 August before 1949, the Monday shift under Queen Juliana — is not
///   modelled; SPEC §4 fixes the rule.)
/// * Bevrijdingsdag (5 May) is a paid day off under the cao only once every five years
///   (lustrum years: 2020, 2025, …), as for the national civil service; the Algemene
///   termijnenwet counts it every year.
/// * Goede Vrijdag is not a day off under the cao but is a holiday under the Atw.
///
/// ```
/// use klacht::calendar::{holidays, Profile};
/// let names: Vec<_> = holidays(Profile::Cao, 2026).iter().map(|h| h.name_nl).collect();
/// assert!(names.contains(&"Koningsdag"));
/// assert!(!names.contains(&"Bevrijdingsdag"));
/// ```
pub fn holidays(profile: Profile, year: i32) -> Vec<Holiday> {
    let atw = profile == Profile::Atw;
    let fixed = |month, day, name_nl, name_en| {
        NaiveDate::from_ymd_opt(year, month, day).map(|date| Holiday {
            date,
            name_nl,
            name_en,
        })
    };
    let easter = easter_opt(year);
    let from_easter = |offset: i64, name_nl, name_en| {
        let date = easter?.checked_add_signed(chrono::TimeDelta::try_days(offset)?)?;
        Some(Holiday {
            date,
            name_nl,
            name_en,
        })
    };
    let monarch = if year >= 2014 {
        let day = sunday_shift(year, 27);
        fixed(4, day, "Koningsdag", "King's Day")
    } else {
        let day = sunday_shift(year, 30);
        fixed(4, day, "Koninginnedag", "Queen's Day")
    };
    let liberation = atw || year.rem_euclid(5) == 0;
    let mut list: Vec<Holiday> = [
        fixed(1, 1, "Nieuwjaarsdag", "New Year's Day"),
        if atw {
            from_easter(-2, "Goede Vrijdag", "Good Friday")
        } else {
            None
        },
        from_easter(1, "Tweede Paasdag", "Easter Monday"),
        monarch,
        if liberation {
            fixed(5, 5, "Bevrijdingsdag", "Liberation Day")
        } else {
            None
        },
        from_easter(39, "Hemelvaartsdag", "Ascension Day"),
        from_easter(50, "Tweede Pinksterdag", "Whit Monday"),
        fixed(12, 25, "Eerste Kerstdag", "Christmas Day"),
        fixed(12, 26, "Tweede Kerstdag", "Boxing Day"),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Stable sort: coinciding holidays keep the order above.
    list.sort_by_key(|h| h.date);
    list
}

/// The April day of the monarch's day: `day`, or the day before when `day` is a Sunday.
fn sunday_shift(year: i32, day: u32) -> u32 {
    match NaiveDate::from_ymd_opt(year, 4, day) {
        Some(d) if d.weekday() == Weekday::Sun => day - 1,
        _ => day,
    }
}

/// Years whose holidays are tabulated at construction; wide enough for every real register.
const TABLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Day number used for the arithmetic (0001-01-01 = 1, a Monday).
fn day_no(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn is_weekday(d: NaiveDate) -> bool {
    d.weekday().num_days_from_monday() < 5
}

/// Mondays–Fridays among day numbers 1..=n (negative for n < 0, so differences are exact).
fn weekdays_through(n: i64) -> i64 {
    5 * n.div_euclid(7) + n.rem_euclid(7).min(5)
}

/// A working-day calendar: Monday–Friday minus the profile's holidays and the company's
/// closure days. Build it once per run; queries are O(log n).
#[derive(Debug, Clone)]
pub struct Calendar {
    profile: Profile,
    /// Weekday closure days, sorted and unique (day numbers).
    closures: Vec<i64>,
    /// Weekday non-working days: holidays of [`TABLE_YEARS`] plus all weekday closures,
    /// sorted and unique (day numbers).
    off: Vec<i64>,
}

impl Calendar {
    /// `closures`: the company's own closure days (collective days off), any years.
    ///
    /// Weekend closure days are ignored: they are not working days anyway.
    pub fn new(profile: Profile, closures: &[NaiveDate]) -> Calendar {
        let mut closure_days: Vec<i64> = closures
            .iter()
            .copied()
            .filter(|d| is_weekday(*d))
            .map(day_no)
            .collect();
        closure_days.sort_unstable();
        closure_days.dedup();
        let mut off = closure_days.clone();
        for year in TABLE_YEARS {
            off.extend(
                holidays(profile, year)
                    .into_iter()
                    .map(|h| h.date)
                    .filter(|d| is_weekday(*d))
                    .map(day_no),
            );
        }
        off.sort_unstable();
        off.dedup();
        Calendar {
            profile,
            closures: closure_days,
            off,
        }
    }

    /// The holiday profile this calendar was built with (reports state it).
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// Mon–Fri, not a holiday, not a closure day.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if !is_weekday(d) {
            return false;
        }
        let n = day_no(d);
        if self.off.binary_search(&n).is_ok() {
            return false;
        }
        TABLE_YEARS.contains(&d.year())
            || !holidays(self.profile, d.year()).iter().any(|h| h.date == d)
    }

    /// Working days d with a < d <= b (same day = 0). If b < a, the negative of working_days(b, a).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use klacht::calendar::{Calendar, Profile};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// // Thu 2 April → Tue 7 April 2026: Goede Vrijdag counts under the cao, not under the Atw.
    /// assert_eq!(Calendar::new(Profile::Cao, &[]).working_days(d(4, 2), d(4, 7)), 2);
    /// assert_eq!(Calendar::new(Profile::Atw, &[]).working_days(d(4, 2), d(4, 7)), 1);
    /// ```
    pub fn working_days(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return -self.working_days(b, a);
        }
        let (lo, hi) = (day_no(a), day_no(b));
        let weekdays = weekdays_through(hi) - weekdays_through(lo);
        let tabulated =
            self.off.partition_point(|&x| x <= hi) - self.off.partition_point(|&x| x <= lo);
        // A Vec never holds more than isize::MAX elements, so the count fits in i64.
        weekdays - tabulated as i64 - self.untabulated_holidays(a, b)
    }

    /// Weekday holidays in (a, b] from years outside [`TABLE_YEARS`] that are not already
    /// counted as closure days.
    fn untabulated_holidays(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let (first, last) = (a.year(), b.year());
        let below = first..=last.min(TABLE_YEARS.start() - 1);
        let above = first.max(TABLE_YEARS.end() + 1)..=last;
        below
            .chain(above)
            .map(|year| {
                let mut days: Vec<NaiveDate> = holidays(self.profile, year)
                    .into_iter()
                    .map(|h| h.date)
                    .filter(|d| *d > a && *d <= b && is_weekday(*d))
                    .filter(|d| self.closures.binary_search(&day_no(*d)).is_err())
                    .collect();
                // Sorted already; coinciding holidays are one day off.
                days.dedup();
                days.len() as i64
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    /// [`easter_opt`] with the years chrono cannot represent saturated to [`NaiveDate::MIN`] /
    /// [`NaiveDate::MAX`], so the tests can name every year.
    fn easter_sunday(year: i32) -> NaiveDate {
        easter_opt(year).unwrap_or(if year < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn naive_count(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> i64 {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut n = 0;
        let mut d = lo;
        while d < hi {
            d = d.succ_opt().unwrap();
            n += i64::from(naive_is_working(cal.profile(), &cal_closures(cal), d));
        }
        sign * n
    }

    /// Closure days as dates, so the naive count does not share code with the fast path.
    fn cal_closures(cal: &Calendar) -> Vec<NaiveDate> {
        cal.closures
            .iter()
            .map(|&n| NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).unwrap()).unwrap())
            .collect()
    }

    fn naive_is_working(profile: Profile, closures: &[NaiveDate], d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            && !closures.contains(&d)
            && !holidays(profile, d.year()).iter().any(|h| h.date == d)
    }

    fn find(profile: Profile, year: i32, name_nl: &str) -> Option<NaiveDate> {
        holidays(profile, year)
            .into_iter()
            .find(|h| h.name_nl == name_nl)
            .map(|h| h.date)
    }

    /// Deterministic LCG (Knuth MMIX constants) so the property tests need no rand crate.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, bound: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % bound
        }
        fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
            let span = (to - from).num_days() as u64 + 1;
            from + Days::new(self.next(span))
        }
    }

    #[test]
    fn easter_matches_almanac_2014_to_2030() {
        let almanac = [
            (2014, 4, 20),
            (2015, 4, 5),
            (2016, 3, 27),
            (2017, 4, 16),
            (2018, 4, 1),
            (2019, 4, 21),
            (2020, 4, 12),
            (2021, 4, 4),
            (2022, 4, 17),
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
        ];
        for (y, m, d) in almanac {
            assert_eq!(easter_sunday(y), ymd(y, m, d), "Easter {y}");
        }
    }

    #[test]
    fn easter_extremes_and_always_sunday() {
        // Earliest (22 March) and latest (25 April) possible Easter dates.
        assert_eq!(easter_sunday(1818), ymd(1818, 3, 22));
        assert_eq!(easter_sunday(2285), ymd(2285, 3, 22));
        assert_eq!(easter_sunday(1943), ymd(1943, 4, 25));
        assert_eq!(easter_sunday(2038), ymd(2038, 4, 25));
        assert_eq!(easter_sunday(2000), ymd(2000, 4, 23));
        for y in 1583..=3000 {
            let e = easter_sunday(y);
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            assert!(e >= ymd(y, 3, 22) && e <= ymd(y, 4, 25), "{y}");
        }
    }

    #[test]
    fn easter_out_of_chrono_range_saturates() {
        assert_eq!(easter_sunday(i32::MAX), NaiveDate::MAX);
        assert_eq!(easter_sunday(i32::MIN), NaiveDate::MIN);
        assert!(holidays(Profile::Atw, i32::MAX).is_empty());
        // Negative years still yield a Sunday (floor division in the formula).
        assert_eq!(easter_sunday(-500).weekday(), Weekday::Sun);
    }

    #[test]
    fn koningsdag_per_year() {
        let expected = [
            (2014, 26, Weekday::Sat), // 27 April 2014 was a Sunday
            (2015, 27, Weekday::Mon),
            (2016, 27, Weekday::Wed),
            (2017, 27, Weekday::Thu),
            (2018, 27, Weekday::Fri),
            (2019, 27, Weekday::Sat),
            (2020, 27, Weekday::Mon),
            (2021, 27, Weekday::Tue),
            (2022, 27, Weekday::Wed),
            (2023, 27, Weekday::Thu),
            (2024, 27, Weekday::Sat),
            (2025, 26, Weekday::Sat), // 27 April 2025 was a Sunday
            (2026, 27, Weekday::Mon),
            (2027, 27, Weekday::Tue),
            (2028, 27, Weekday::Thu),
            (2029, 27, Weekday::Fri),
            (2030, 27, Weekday::Sat),
            (2031, 26, Weekday::Sat), // 27 April 2031 is a Sunday
        ];
        for (y, day, wd) in expected {
            let k = find(Profile::Cao, y, "Koningsdag").unwrap();
            assert_eq!(k, ymd(y, 4, day), "Koningsdag {y}");
            assert_eq!(k.weekday(), wd, "Koningsdag {y}");
            assert_eq!(find(Profile::Cao, y, "Koninginnedag"), None);
        }
    }

    #[test]
    fn koninginnedag_before_2014() {
        assert_eq!(
            find(Profile::Cao, 2013, "Koninginnedag"),
            Some(ymd(2013, 4, 30))
        );
        assert_eq!(ymd(2013, 4, 30).weekday(), Weekday::Tue);
        // 30 April 2006 was a Sunday.
        assert_eq!(
            find(Profile::Cao, 2006, "Koninginnedag"),
            Some(ymd(2006, 4, 29))
        );
        assert_eq!(
            find(Profile::Atw, 1995, "Koninginnedag"),
            Some(ymd(1995, 4, 29))
        );
        assert_eq!(find(Profile::Cao, 2013, "Koningsdag"), None);
        let cal = Calendar::new(Profile::Cao, &[]);
        assert!(!cal.is_working_day(ymd(2013, 4, 30)));
        assert!(cal.is_working_day(ymd(2013, 4, 29)));
    }

    #[test]
    fn named_facts_2026() {
        for p in [Profile::Cao, Profile::Atw] {
            assert_eq!(find(p, 2026, "Nieuwjaarsdag"), Some(ymd(2026, 1, 1)));
            assert_eq!(find(p, 2026, "Tweede Paasdag"), Some(ymd(2026, 4, 6)));
            assert_eq!(find(p, 2026, "Koningsdag"), Some(ymd(2026, 4, 27)));
            assert_eq!(find(p, 2026, "Hemelvaartsdag"), Some(ymd(2026, 5, 14)));
            assert_eq!(find(p, 2026, "Tweede Pinksterdag"), Some(ymd(2026, 5, 25)));
            assert_eq!(find(p, 2026, "Eerste Kerstdag"), Some(ymd(2026, 12, 25)));
            assert_eq!(find(p, 2026, "Tweede Kerstdag"), Some(ymd(2026, 12, 26)));
        }
        assert_eq!(
            find(Profile::Atw, 2026, "Goede Vrijdag"),
            Some(ymd(2026, 4, 3))
        );
        assert_eq!(find(Profile::Cao, 2026, "Goede Vrijdag"), None);
        assert_eq!(holidays(Profile::Cao, 2026).len(), 7);
        assert_eq!(holidays(Profile::Atw, 2026).len(), 9);
    }

    #[test]
    fn bevrijdingsdag_lustrum_only_under_cao() {
        let cao = Calendar::new(Profile::Cao, &[]);
        let atw = Calendar::new(Profile::Atw, &[]);
        // 2025 is a lustrum year (Monday 5 May).
        assert!(!cao.is_working_day(ymd(2025, 5, 5)));
        assert!(!atw.is_working_day(ymd(2025, 5, 5)));
        // Tuesday 5 May 2026: only the Atw.
        assert!(cao.is_working_day(ymd(2026, 5, 5)));
        assert!(!atw.is_working_day(ymd(2026, 5, 5)));
        assert_eq!(
            find(Profile::Cao, 2030, "Bevrijdingsdag"),
            Some(ymd(2030, 5, 5))
        );
        assert_eq!(find(Profile::Cao, 2029, "Bevrijdingsdag"), None);
        assert_eq!(
            find(Profile::Atw, 2029, "Bevrijdingsdag"),
            Some(ymd(2029, 5, 5))
        );
    }

    #[test]
    fn holidays_sorted_and_coinciding_ones_kept() {
        for y in 1990..2040 {
            for p in [Profile::Cao, Profile::Atw] {
                let h = holidays(p, y);
                assert!(h.windows(2).all(|w| w[0].date <= w[1].date), "{y}");
            }
        }
        // 2016: Hemelvaartsdag on 5 May; both listed, counted once.
        let h = holidays(Profile::Atw, 2016);
        let on_5_may: Vec<_> = h.iter().filter(|h| h.date == ymd(2016, 5, 5)).collect();
        assert_eq!(on_5_may.len(), 2);
        let atw = Calendar::new(Profile::Atw, &[]);
        // Mon 2 May → Fri 6 May 2016: Tue, Wed, Fri.
        assert_eq!(atw.working_days(ymd(2016, 5, 2), ymd(2016, 5, 6)), 3);
    }

    #[test]
    fn easter_2026_cao_vs_atw() {
        let (thu, tue) = (ymd(2026, 4, 2), ymd(2026, 4, 7));
        assert_eq!(Calendar::new(Profile::Cao, &[]).working_days(thu, tue), 2);
        assert_eq!(Calendar::new(Profile::Atw, &[]).working_days(thu, tue), 1);
    }

    #[test]
    fn christmas_and_new_year() {
        let cal = Calendar::new(Profile::Cao, &[]);
        assert_eq!(cal.working_days(ymd(2025, 12, 24), ymd(2025, 12, 29)), 1);
        // Wed 31 Dec 2025 → Fri 2 Jan 2026: 1 January is a holiday.
        assert_eq!(cal.working_days(ymd(2025, 12, 31), ymd(2026, 1, 2)), 1);
        // Fri 29 Dec 2023 → Tue 2 Jan 2024: Mon 1 Jan is a holiday.
        assert_eq!(cal.working_days(ymd(2023, 12, 29), ymd(2024, 1, 2)), 1);
        assert!(!cal.is_working_day(ymd(2026, 1, 1)));
    }

    #[test]
    fn simple_durations() {
        let cal = Calendar::new(Profile::Cao, &[]);
        let fri = ymd(2026, 3, 13);
        assert_eq!(cal.working_days(fri, fri), 0);
        assert_eq!(cal.working_days(fri, ymd(2026, 3, 16)), 1);
        assert_eq!(cal.working_days(fri, ymd(2026, 3, 14)), 0);
        assert_eq!(cal.working_days(ymd(2026, 3, 14), ymd(2026, 3, 15)), 0);
        assert_eq!(cal.working_days(fri, ymd(2026, 3, 27)), 10);
        // Negative direction.
        assert_eq!(cal.working_days(ymd(2026, 3, 16), fri), -1);
        assert_eq!(cal.working_days(ymd(2026, 4, 7), ymd(2026, 4, 2)), -2);
        // A whole year: 2026 has 261 weekdays, of which 6 cao holidays (Kerst on Fri/Sat).
        assert_eq!(
            cal.working_days(ymd(2025, 12, 31), ymd(2026, 12, 31)),
            261 - 6
        );
    }

    #[test]
    fn closure_days_reduce_the_count() {
        // Bridge days after Hemelvaart and in the Christmas week, a weekend day, a duplicate,
        // one that coincides with a holiday and one far outside the table.
        let closures = [
            ymd(2026, 5, 15),
            ymd(2026, 12, 28),
            ymd(2026, 12, 28),
            ymd(2026, 5, 16),
            ymd(2026, 5, 14),
            ymd(2250, 12, 27),
        ];
        let cal = Calendar::new(Profile::Cao, &closures);
        let plain = Calendar::new(Profile::Cao, &[]);
        let (a, b) = (ymd(2026, 5, 13), ymd(2026, 5, 18));
        assert_eq!(plain.working_days(a, b), 2);
        assert_eq!(cal.working_days(a, b), 1);
        assert!(!cal.is_working_day(ymd(2026, 5, 15)));
        assert!(plain.is_working_day(ymd(2026, 5, 15)));
        // Thu 24 → Thu 31 Dec 2026: Fri 25 holiday, Mon 28 closure; Tue, Wed, Thu remain.
        assert_eq!(cal.working_days(ymd(2026, 12, 24), ymd(2026, 12, 31)), 3);
        // Tue 24 → Tue 31 Dec 2250: Wed 25 and Thu 26 holidays, Fri 27 closure; Mon, Tue remain.
        assert_eq!(ymd(2250, 12, 27).weekday(), Weekday::Fri);
        assert_eq!(cal.working_days(ymd(2250, 12, 24), ymd(2250, 12, 31)), 2);
        assert!(!cal.is_working_day(ymd(2250, 12, 27)));
        assert_eq!(cal.profile(), Profile::Cao);
    }

    fn check_pairs(cal: &Calendar, from: NaiveDate, to: NaiveDate, pairs: usize, seed: u64) {
        let mut rng = Lcg(seed);
        for _ in 0..pairs {
            let a = rng.date_between(from, to);
            let b = a + Days::new(rng.next(400));
            let b = if rng.next(2) == 0 {
                b
            } else {
                a - Days::new(rng.next(400))
            };
            let n = cal.working_days(a, b);
            assert_eq!(n, naive_count(cal, a, b), "{a} → {b}");
            assert_eq!(
                cal.is_working_day(b),
                naive_is_working(cal.profile(), &cal_closures(cal), b),
                "{b}"
            );
        }
    }

    #[test]
    fn property_matches_naive_count_2010_2035() {
        let closures = [
            ymd(2019, 12, 27),
            ymd(2024, 5, 10),
            ymd(2030, 8, 5),
            ymd(2030, 8, 6),
        ];
        for (i, p) in [Profile::Cao, Profile::Atw].into_iter().enumerate() {
            let cal = Calendar::new(p, &closures);
            check_pairs(
                &cal,
                ymd(2010, 1, 1),
                ymd(2035, 12, 31),
                3000,
                42 + i as u64,
            );
        }
    }

    #[test]
    fn property_outside_table_range() {
        // Including closures that coincide with untabulated holidays (must count once).
        let closures = [
            ymd(1850, 6, 3),
            ymd(1850, 12, 26),
            ymd(2300, 1, 2),
            ymd(2300, 12, 25),
            ymd(1899, 12, 27),
        ];
        for p in [Profile::Cao, Profile::Atw] {
            let cal = Calendar::new(p, &closures);
            check_pairs(&cal, ymd(1848, 1, 1), ymd(1852, 12, 31), 500, 7);
            check_pairs(&cal, ymd(2298, 1, 1), ymd(2302, 12, 31), 500, 8);
            // Spanning the table edges.
            check_pairs(&cal, ymd(1898, 6, 1), ymd(1901, 6, 30), 500, 9);
            check_pairs(&cal, ymd(2099, 6, 1), ymd(2102, 6, 30), 500, 10);
        }
    }

    #[test]
    fn long_spans_match_naive_count() {
        let cal = Calendar::new(Profile::Atw, &[ymd(1950, 3, 1)]);
        for (a, b) in [
            (ymd(1850, 1, 1), ymd(2300, 12, 31)),
            (ymd(2101, 1, 1), ymd(1899, 12, 31)),
        ] {
            assert_eq!(cal.working_days(a, b), naive_count(&cal, a, b), "{a} → {b}");
        }
    }

    #[test]
    fn profile_serde_lowercase() {
        assert_eq!(serde_json::to_string(&Profile::Atw).unwrap(), "\"atw\"");
        assert_eq!(
            serde_json::from_str::<Profile>("\"cao\"").unwrap(),
            Profile::Cao
        );
        assert!(serde_json::from_str::<Profile>("\"Cao\"").is_err());
        assert_eq!(Profile::default(), Profile::Cao);
    }

    /// SPEC §4 as written out by hand (`crate::testkit`), not as computed here: every day of
    /// 2024–2027 under both profiles, and the count of working days from New Year's Eve 2023
    /// to each of those days.
    #[test]
    fn every_day_of_2024_to_2027_is_what_the_written_out_holidays_say() {
        use crate::testkit::{self, List};
        for (profile, list) in [(Profile::Cao, List::Cao), (Profile::Atw, List::Atw)] {
            let cal = Calendar::new(profile, &[]);
            let start = ymd(2023, 12, 31);
            let (mut d, mut count, mut weekday_holidays) = (start, 0, 0);
            while d < ymd(2027, 12, 31) {
                d = d.succ_opt().unwrap();
                let want = testkit::is_working_day(list, d);
                assert_eq!(
                    cal.is_working_day(d),
                    want,
                    "{profile:?} {d} ({})",
                    d.weekday()
                );
                count += i64::from(want);
                weekday_holidays += i64::from(is_weekday(d) && !want);
                assert_eq!(cal.working_days(start, d), count, "{profile:?} to {d}");
            }
            // Not vacuous: under the cao 6 + 7 + 6 + 5 holidays fall on a weekday in the four
            // years; the atw adds 4 Good Fridays and 5 May of 2026 and 2027 (2025 is a lustrum
            // year, in both; in 2024 it is a Sunday).
            let want = if profile == Profile::Cao {
                24
            } else {
                24 + 4 + 2
            };
            assert_eq!(weekday_holidays, want, "{profile:?}");
        }
    }
}
