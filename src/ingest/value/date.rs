//! Dates: Excel serials and date cells, and the texts people write for a date, parsed by hand
//! from bytes; numeric dates wait for their column's day/month order.

use super::{clean, is_blank_text};
use crate::base::DayOrder;
use crate::ingest::raw::RawRef;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

/// A date as read, before the column's day/month order is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateValue {
    /// Unambiguous by its form (Excel date cell, serial number, ISO yyyy-mm-dd, "3 maart 2026", "March 3, 2026", yyyymmdd…).
    Exact(NaiveDateTime),
    /// Numeric d-m-y / m-d-y form (separators - / . space); parts as written, year already expanded to 4 digits.
    Numeric {
        first: u8,
        second: u8,
        year: i32,
        time: NaiveTime,
        /// The time was written with AM/PM (`05/01/2022 12:00:03 AM`), as the US writes it.
        us_clock: bool,
    },
}

impl DateValue {
    /// What this value alone says about the column's order: Some(DayFirst) if first > 12 (and second <= 12), Some(MonthFirst) if second > 12 (and first <= 12), None otherwise.
    ///
    /// ```
    /// use klacht::ingest::{Raw, value::parse_date};
    /// use klacht::base::DayOrder;
    /// let v = parse_date(&Raw::Text("13-02-2026".into()), false).unwrap().unwrap();
    /// assert_eq!(v.order_evidence(), Some(DayOrder::DayFirst));
    /// ```
    pub fn order_evidence(&self) -> Option<DayOrder> {
        match *self {
            DateValue::Exact(_) => None,
            DateValue::Numeric { first, second, .. } => match (first > 12, second > 12) {
                (true, false) => Some(DayOrder::DayFirst),
                (false, true) => Some(DayOrder::MonthFirst),
                _ => None,
            },
        }
    }

    /// The date under `order`. For a Numeric value whose own parts settle the order (first>12 or second>12) its own order is used whatever `order` says. None if the date does not exist (31-02-2026, month 13 both ways).
    pub fn resolve(&self, order: DayOrder) -> Option<NaiveDateTime> {
        match *self {
            DateValue::Exact(d) => Some(d),
            DateValue::Numeric {
                first,
                second,
                year,
                time,
                ..
            } => {
                let (day, month) = match self.order_evidence().unwrap_or(order) {
                    DayOrder::DayFirst => (first, second),
                    DayOrder::MonthFirst => (second, first),
                };
                NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
                    .map(|d| d.and_time(time))
            }
        }
    }
}

/// What a date column's values say about its day/month order, counted value by value.
///
/// ```
/// use klacht::ingest::{Raw, value::{parse_date, OrderEvidence}};
/// use klacht::base::DayOrder;
/// let mut e = OrderEvidence::default();
/// for v in ["05/01/2022 12:00:03 AM", "05/02/2022 01:10:00 PM"] {
///     e.add(&parse_date(&Raw::Text(v.into()), false).unwrap().unwrap());
/// }
/// assert_eq!(e.order(), Some(DayOrder::MonthFirst), "AM/PM is the US way of writing");
/// e.add(&parse_date(&Raw::Text("13/02/2022 09:00 AM".into()), false).unwrap().unwrap());
/// assert_eq!(e.order(), Some(DayOrder::DayFirst), "a value that settles it wins");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrderEvidence {
    /// Values whose own parts can only be read day-first (13-02-2026) or month-first.
    pub day_first: u64,
    pub month_first: u64,
    /// Numeric values with an AM/PM time: the US way of writing, so month-first.
    pub us_clock: u64,
}

impl OrderEvidence {
    /// Counts one value.
    pub fn add(&mut self, value: &DateValue) {
        match value.order_evidence() {
            Some(DayOrder::DayFirst) => self.day_first += 1,
            Some(DayOrder::MonthFirst) => self.month_first += 1,
            None => {}
        }
        if matches!(value, DateValue::Numeric { us_clock: true, .. }) {
            self.us_clock += 1;
        }
    }

    /// Adds the values counted by `other` (for counts made in parallel).
    pub fn merge(&mut self, other: &OrderEvidence) {
        self.day_first += other.day_first;
        self.month_first += other.month_first;
        self.us_clock += other.us_clock;
    }

    /// The column's order: values that settle it one way decide; without any, times written
    /// with AM/PM say month-first; `None` when nothing settles it or values settle it both
    /// ways (then the configured `date_order` applies).
    pub fn order(&self) -> Option<DayOrder> {
        match (self.day_first > 0, self.month_first > 0) {
            (true, false) => Some(DayOrder::DayFirst),
            (false, true) => Some(DayOrder::MonthFirst),
            (false, false) if self.us_clock > 0 => Some(DayOrder::MonthFirst),
            _ => None,
        }
    }
}

/// Blank → Ok(None); unreadable → Err(()). `date1904` is the workbook's 1904 date system flag (serial numbers in Raw::Number are Excel serials: 1900 system with the Lotus leap-year bug, serial 60 = 1900-02-29 does not exist → Err; 1904 system offset 1462).
///
/// ```
/// use klacht::ingest::{Raw, value::parse_date};
/// use klacht::base::DayOrder;
/// let v = parse_date(&Raw::Text("3 mrt. '26".into()), false).unwrap().unwrap();
/// let d = v.resolve(DayOrder::MonthFirst).unwrap();
/// assert_eq!(d.format("%Y-%m-%d").to_string(), "2026-03-03");
/// ```
pub fn parse_date<'a>(raw: impl Into<RawRef<'a>>, date1904: bool) -> Result<Option<DateValue>, ()> {
    match raw.into() {
        RawRef::Empty => Ok(None),
        RawRef::Text(s) if is_blank_text(s) => Ok(None),
        RawRef::Text(s) => date_text(clean(s)).map(Some),
        RawRef::Number(n) => excel_serial(n, date1904).map(|d| Some(DateValue::Exact(d))),
        RawRef::DateTime(d) => Ok(Some(DateValue::Exact(d))),
        RawRef::Bool(_) | RawRef::Error(_) => Err(()),
    }
}

/// Last serial of the 1900 system that Excel shows: 9999-12-31.
const MAX_SERIAL: i64 = 2_958_465;
/// The 1904 system counts from 1904-01-01, which is serial 1462 of the 1900 system.
const SERIAL_1904_OFFSET: f64 = 1462.0;
const SECONDS_PER_DAY: i64 = 86_400;

fn excel_serial(n: f64, date1904: bool) -> Result<NaiveDateTime, ()> {
    let (serial, first) = if date1904 {
        (n + SERIAL_1904_OFFSET, SERIAL_1904_OFFSET)
    } else {
        (n, 1.0)
    };
    // Written so that NaN fails every test.
    if serial.is_nan() || serial < first || serial >= (MAX_SERIAL + 1) as f64 {
        return Err(());
    }
    // In range 1..=2958466, so the product fits an i64 exactly enough for whole seconds.
    let total = (serial * SECONDS_PER_DAY as f64).round() as i64;
    let (days, secs) = (total / SECONDS_PER_DAY, total % SECONDS_PER_DAY);
    // Serial 60 is Lotus 1-2-3's 1900-02-29, which never was; serials before it count from
    // 1899-12-31, those after from 1899-12-30.
    let epoch = match days {
        60 => return Err(()),
        d if d < 60 => NaiveDate::from_ymd_opt(1899, 12, 31),
        d if d <= MAX_SERIAL => NaiveDate::from_ymd_opt(1899, 12, 30),
        _ => return Err(()),
    };
    let date = epoch
        .and_then(|e| e.checked_add_days(Days::new(days.unsigned_abs())))
        .ok_or(())?;
    let time =
        NaiveTime::from_num_seconds_from_midnight_opt(secs.unsigned_abs() as u32, 0).ok_or(())?;
    Ok(date.and_time(time))
}

// Separator flags: what stood between a token and the one before it.
const SPACE: u8 = 1;
const DASH: u8 = 2;
const SLASH: u8 = 4;
const DOT: u8 = 8;
const COMMA: u8 = 16;
const COLON: u8 = 32;
const APOSTROPHE: u8 = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A run of digits: `val` is its value, `len` its digit count.
    Num,
    /// A month name: `val` is the month.
    Month,
    /// AM (`val` 0) or PM (`val` 12).
    AmPm,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    val: u32,
    len: u8,
    seps: u8,
}

impl Tok {
    const NONE: Tok = Tok {
        kind: Kind::Num,
        val: 0,
        len: 0,
        seps: 0,
    };

    fn num(&self, lens: std::ops::RangeInclusive<u8>) -> bool {
        self.kind == Kind::Num && lens.contains(&self.len)
    }

    /// A later part of a date: separated from the part before it, not by a colon.
    fn date_part(&self) -> bool {
        self.seps != 0 && self.seps & COLON == 0
    }
}

/// More tokens than any date with weekday, time and AM/PM has.
const MAX_TOKENS: usize = 12;

enum Word {
    Month(u32),
    AmPm(u32),
    Ignored,
}

/// Month names and abbreviations (Dutch and English), weekdays and filler words.
fn word(w: &[u8]) -> Result<Word, ()> {
    let mut buf = [0u8; 10];
    let lower = buf.get_mut(..w.len()).ok_or(())?;
    for (d, s) in lower.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    Ok(match &*lower {
        b"jan" | b"januari" | b"january" => Word::Month(1),
        b"feb" | b"febr" | b"februari" | b"february" => Word::Month(2),
        b"mrt" | b"mar" | b"maart" | b"march" => Word::Month(3),
        b"apr" | b"april" => Word::Month(4),
        b"mei" | b"may" => Word::Month(5),
        b"jun" | b"juni" | b"june" => Word::Month(6),
        b"jul" | b"juli" | b"july" => Word::Month(7),
        b"aug" | b"augustus" | b"august" => Word::Month(8),
        b"sep" | b"sept" | b"september" => Word::Month(9),
        b"okt" | b"oct" | b"oktober" | b"october" => Word::Month(10),
        b"nov" | b"november" => Word::Month(11),
        b"dec" | b"december" => Word::Month(12),
        b"am" => Word::AmPm(0),
        b"pm" => Word::AmPm(12),
        // Weekdays, Dutch then English.
        b"ma" | b"maandag" | b"di" | b"dinsdag" | b"wo" | b"woensdag" | b"do" | b"donderdag"
        | b"vr" | b"vrij" | b"vrijdag" | b"za" | b"zat" | b"zaterdag" | b"zo" | b"zon"
        | b"zondag" | b"mon" | b"monday" | b"tue" | b"tues" | b"tuesday" | b"wed"
        | b"wednesday" | b"thu" | b"thur" | b"thurs" | b"thursday" | b"fri" | b"friday"
        | b"sat" | b"saturday" | b"sun" | b"sunday"
        // ISO `T` and `Z`, "om 14:00 uur", "at", ordinals ("3rd", "3e").
        | b"t" | b"z" | b"om" | b"uur" | b"u" | b"at" | b"st" | b"nd" | b"rd" | b"th" | b"e" => {
            Word::Ignored
        }
        _ => return Err(()),
    })
}

/// Splits a date text into numbers, month names and AM/PM, remembering the separators.
fn tokenize(s: &str, out: &mut [Tok; MAX_TOKENS]) -> Result<usize, ()> {
    let b = s.as_bytes();
    let (mut i, mut n, mut seps) = (0, 0, 0u8);
    while let Some(&c) = b.get(i) {
        let (kind, val, len) = if c.is_ascii_digit() {
            let start = i;
            let mut val = 0u32;
            while let Some(&d) = b.get(i).filter(|d| d.is_ascii_digit()) {
                // Nine digits fit a u32; no date part has more.
                if i - start == 9 {
                    return Err(());
                }
                val = val * 10 + u32::from(d - b'0');
                i += 1;
            }
            (Kind::Num, val, (i - start) as u8)
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            // `start <= i <= b.len()`: `i` only moved past bytes `get` returned.
            match word(&b[start..i])? {
                Word::Month(m) => (Kind::Month, m, 0),
                Word::AmPm(h) => (Kind::AmPm, h, 0),
                // "maandag 3 maart", "2026-03-05T14:03", "14:03 uur": the word stands in for
                // the separators around it.
                Word::Ignored => {
                    seps = 0;
                    continue;
                }
            }
        } else {
            let (flag, width) = match c {
                b' ' | b'\t' => (SPACE, 1),
                b'-' => (DASH, 1),
                b'/' => (SLASH, 1),
                b'.' => (DOT, 1),
                b',' => (COMMA, 1),
                b':' => (COLON, 1),
                b'\'' => (APOSTROPHE, 1),
                0x80.. => {
                    // `i` is always on a character boundary: it only moves past whole characters.
                    let ch = s.get(i..).and_then(|r| r.chars().next()).ok_or(())?;
                    let flag = match ch {
                        '\u{2010}'..='\u{2015}' => DASH,
                        ch if ch.is_whitespace() => SPACE,
                        _ => return Err(()),
                    };
                    (flag, ch.len_utf8())
                }
                _ => return Err(()),
            };
            seps |= flag;
            i += width;
            continue;
        };
        *out.get_mut(n).ok_or(())? = Tok {
            kind,
            val,
            len,
            seps,
        };
        n += 1;
        seps = 0;
    }
    // A closing dot ("3 maart 2026.") is harmless; other trailing marks are not a date.
    if seps & !DOT != 0 {
        return Err(());
    }
    Ok(n)
}

fn date_text(s: &str) -> Result<DateValue, ()> {
    let mut toks = [Tok::NONE; MAX_TOKENS];
    let n = tokenize(s, &mut toks)?;
    // `tokenize` fails rather than count past the array.
    let t = &toks[..n];
    if t.first().is_some_and(|f| f.seps & !(SPACE | COMMA) != 0) {
        return Err(());
    }
    match t {
        // yyyymmdd
        [a, rest @ ..] if a.num(8..=8) => {
            let (y, m, d) = (a.val / 10_000, a.val / 100 % 100, a.val % 100);
            exact(full_year(y, 4)?, m, d, rest)
        }
        // ISO y-m-d
        [y, m, d, rest @ ..]
            if y.num(4..=4) && m.num(1..=2) && d.num(1..=2) && m.date_part() && d.date_part() =>
        {
            exact(full_year(y.val, 4)?, m.val, d.val, rest)
        }
        // d-m-y or m-d-y
        [a, b, y, rest @ ..]
            if a.num(1..=2)
                && b.num(1..=2)
                && y.kind == Kind::Num
                && b.date_part()
                && y.date_part() =>
        {
            let (first, second, year) = (a.val as u8, b.val as u8, full_year(y.val, y.len)?);
            let (time, us_clock) = time(rest)?;
            let value = DateValue::Numeric {
                first,
                second,
                year,
                time,
                us_clock,
            };
            // Reject a date that exists in neither order (31-02, 29-02 in a non-leap year).
            let exists = value.resolve(DayOrder::DayFirst).is_some()
                || value.resolve(DayOrder::MonthFirst).is_some();
            if exists {
                Ok(value)
            } else {
                Err(())
            }
        }
        // 3 maart 2026, 3-Mar-26
        [d, m, y, rest @ ..]
            if d.num(1..=2) && m.kind == Kind::Month && y.kind == Kind::Num && y.date_part() =>
        {
            exact(full_year(y.val, y.len)?, m.val, d.val, rest)
        }
        // March 3, 2026
        [m, d, y, rest @ ..]
            if m.kind == Kind::Month && d.num(1..=2) && y.kind == Kind::Num && y.date_part() =>
        {
            exact(full_year(y.val, y.len)?, m.val, d.val, rest)
        }
        _ => Err(()),
    }
}

/// A year as written: two digits (00–69 → 20xx, 70–99 → 19xx) or four (1900..=9999).
fn full_year(val: u32, len: u8) -> Result<i32, ()> {
    let year = match len {
        2 if val < 70 => 2000 + val,
        2 => 1900 + val,
        4 if (1900..=9999).contains(&val) => val,
        _ => return Err(()),
    };
    i32::try_from(year).map_err(|_| ())
}

fn exact(year: i32, month: u32, day: u32, rest: &[Tok]) -> Result<DateValue, ()> {
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(())?;
    Ok(DateValue::Exact(date.and_time(time(rest)?.0)))
}

/// The time after a date: `h:mm`, `h:mm:ss`, `h:mm:ss.fff` (or with dots), then AM/PM; and
/// whether AM/PM was written.
fn time(t: &[Tok]) -> Result<(NaiveTime, bool), ()> {
    let (h, m, rest) = match t {
        [] => return Ok((NaiveTime::MIN, false)),
        [h, m, rest @ ..] if h.num(1..=2) && m.num(2..=2) && (m.seps == COLON || m.seps == DOT) => {
            (h, m, rest)
        }
        _ => return Err(()),
    };
    let (sec, rest) = match rest {
        [s, rest @ ..] if s.num(2..=2) && s.seps == m.seps => (s.val, rest),
        _ => (0, rest),
    };
    let (nano, rest) = match rest {
        [f, rest @ ..] if f.num(1..=9) && f.seps == DOT && m.seps == COLON && sec_given(t) => {
            (f.val * 10u32.pow(9 - u32::from(f.len)), rest)
        }
        _ => (0, rest),
    };
    let (hour, us_clock) = match rest {
        [] => (h.val, false),
        [ap] if ap.kind == Kind::AmPm && (1..=12).contains(&h.val) => (h.val % 12 + ap.val, true),
        _ => return Err(()),
    };
    let time = NaiveTime::from_hms_nano_opt(hour, m.val, sec, nano).ok_or(())?;
    Ok((time, us_clock))
}

/// Fractions of a second only follow seconds (`14:03:15.000`).
fn sec_given(t: &[Tok]) -> bool {
    t.get(2).is_some_and(|s| s.num(2..=2) && s.seps == COLON)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Raw;

    fn text(s: &str) -> Raw {
        Raw::Text(s.to_string())
    }

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, mi, s))
            .expect("test date exists")
    }

    fn date(s: &str) -> Option<NaiveDateTime> {
        match parse_date(&text(s), false) {
            Ok(Some(v)) => v.resolve(DayOrder::DayFirst),
            _ => None,
        }
    }

    #[test]
    fn dates_day_month_year() {
        let march5 = Some(dt(2026, 3, 5, 0, 0, 0));
        for s in [
            "05-03-2026",
            "5-3-26",
            "05/03/2026",
            "5.3.2026",
            "05 03 2026",
            "'05-03-2026",
            " 05-03-2026 ",
            "2026-03-05",
            "2026/3/5",
            "20260305",
            "5 maart 2026",
            "5 mrt 2026",
            "5 mrt. '26",
            "donderdag 5 maart 2026",
            "do, 5 maart 2026",
            "March 5, 2026",
            "Thursday, March 5, 2026",
            "5 March 2026",
            "5-Mar-2026",
            "5-mrt-26",
            "5th March 2026",
            "5e maart 2026",
            "5\u{a0}maart\u{a0}2026",
            "5 maart 2026.",
        ] {
            assert_eq!(date(s), march5, "{s:?}");
        }
    }

    #[test]
    fn dates_with_time() {
        for (s, want) in [
            ("2026-03-05T14:03:00", dt(2026, 3, 5, 14, 3, 0)),
            ("2026-03-05 14:03", dt(2026, 3, 5, 14, 3, 0)),
            ("2026-03-05T14:03:00Z", dt(2026, 3, 5, 14, 3, 0)),
            ("05-03-2026 14:03:59", dt(2026, 3, 5, 14, 3, 59)),
            ("5-3-2026 9:07", dt(2026, 3, 5, 9, 7, 0)),
            ("5 maart 2026 om 14.03 uur", dt(2026, 3, 5, 14, 3, 0)),
            ("04/16/2024 03:03:15 PM", dt(2024, 4, 16, 15, 3, 15)),
            ("22-04-2015 3:53:50PM", dt(2015, 4, 22, 15, 53, 50)),
            ("12/31/2022 12:00:00 PM", dt(2022, 12, 31, 12, 0, 0)),
            ("20260305 23:59", dt(2026, 3, 5, 23, 59, 0)),
            ("March 3, 2026 10:15 am", dt(2026, 3, 3, 10, 15, 0)),
        ] {
            assert_eq!(date(s), Some(want), "{s:?}");
        }
        let millis = parse_date(&text("2024-04-16T03:03:15.000"), false);
        assert_eq!(
            millis,
            Ok(Some(DateValue::Exact(dt(2024, 4, 16, 3, 3, 15))))
        );
        let nanos = parse_date(&text("2024-04-16T03:03:15.25"), false);
        let want = NaiveDate::from_ymd_opt(2024, 4, 16)
            .and_then(|d| d.and_hms_milli_opt(3, 3, 15, 250))
            .map(DateValue::Exact);
        assert_eq!(nanos, Ok(want));
        // Midnight in the US 12-hour clock is 12 AM.
        let nyc = parse_date(&text("5/1/2022 12:00:00 AM"), false);
        let v = nyc.ok().flatten().expect("read");
        assert_eq!(
            v.resolve(DayOrder::MonthFirst),
            Some(dt(2022, 5, 1, 0, 0, 0))
        );
    }

    #[test]
    fn two_digit_years_and_month_names() {
        for (s, want) in [
            ("1-1-00", (2000, 1, 1)),
            ("1-1-69", (2069, 1, 1)),
            ("1-1-70", (1970, 1, 1)),
            ("31-12-99", (1999, 12, 31)),
            ("22-Apr-15", (2015, 4, 22)),
            ("1 mei 2026", (2026, 5, 1)),
            ("1 May 2026", (2026, 5, 1)),
            ("1 okt 2026", (2026, 10, 1)),
            ("1 Oct 2026", (2026, 10, 1)),
            ("1 oktober 2026", (2026, 10, 1)),
            ("1 sept 2026", (2026, 9, 1)),
            ("1 febr. 2026", (2026, 2, 1)),
            ("15 augustus 2026", (2026, 8, 15)),
            ("December 24, 1999", (1999, 12, 24)),
            ("1 januari 1900", (1900, 1, 1)),
            ("31-12-9999", (9999, 12, 31)),
        ] {
            let (y, m, d) = want;
            assert_eq!(date(s), Some(dt(y, m, d, 0, 0, 0)), "{s:?}");
        }
    }

    #[test]
    fn impossible_and_unreadable_dates() {
        for s in [
            "31-02-2026",
            "30-02-2025",
            "29-02-2025",
            "2026-13-01",
            "2026-02-30",
            "32-1-2026",
            "13-13-2026",
            "00-01-2026",
            "45123",
            "45123.5",
            "2026",
            "5-3",
            "5 maart",
            "maart 2026",
            "5-3-026",
            "5-3-1899",
            "1 januari 1899",
            "20261305",
            "18991231",
            "14:03",
            "5-3-2026 25:00",
            "5-3-2026 14:60",
            "5-3-2026 13:00 PM",
            "5-3-2026 0:00 AM",
            "5-3-2026 14",
            "5-3-2026 14:03 +01:00",
            "5 foo 2026",
            "vandaag",
            "5:3:2026",
            "- 5-3-2026",
            "5-3-2026 -",
            "5-3-2026 14:03:15.1234567891",
            "1234567890-1-1",
            "5 maart 2026 (ongeveer)",
        ] {
            assert!(parse_date(&text(s), false).is_err(), "{s:?} is not a date");
        }
    }

    #[test]
    fn day_month_order() {
        let read = |s: &str| parse_date(&text(s), false).ok().flatten().expect("read");
        let day_first = read("13-02-2026");
        assert_eq!(day_first.order_evidence(), Some(DayOrder::DayFirst));
        for order in [DayOrder::DayFirst, DayOrder::MonthFirst] {
            assert_eq!(day_first.resolve(order), Some(dt(2026, 2, 13, 0, 0, 0)));
        }
        let month_first = read("02-13-2026");
        assert_eq!(month_first.order_evidence(), Some(DayOrder::MonthFirst));
        for order in [DayOrder::DayFirst, DayOrder::MonthFirst] {
            assert_eq!(month_first.resolve(order), Some(dt(2026, 2, 13, 0, 0, 0)));
        }
        let ambiguous = read("05-06-2026");
        assert_eq!(ambiguous.order_evidence(), None);
        assert_eq!(
            ambiguous.resolve(DayOrder::DayFirst),
            Some(dt(2026, 6, 5, 0, 0, 0))
        );
        assert_eq!(
            ambiguous.resolve(DayOrder::MonthFirst),
            Some(dt(2026, 5, 6, 0, 0, 0))
        );
        // Parts as written, year expanded.
        assert_eq!(
            read("5/6/26 8:30"),
            DateValue::Numeric {
                first: 5,
                second: 6,
                year: 2026,
                time: NaiveTime::from_hms_opt(8, 30, 0).expect("valid"),
                us_clock: false,
            }
        );
        assert!(matches!(
            read("5/6/26 8:30 PM"),
            DateValue::Numeric { us_clock: true, .. }
        ));
        // Exact forms say nothing about the column.
        assert_eq!(read("2026-03-05").order_evidence(), None);
        assert_eq!(read("5 maart 2026").order_evidence(), None);
        // A hand-made value that exists in no order resolves to nothing.
        let impossible = DateValue::Numeric {
            first: 31,
            second: 31,
            year: 2026,
            time: NaiveTime::MIN,
            us_clock: false,
        };
        assert_eq!(impossible.order_evidence(), None);
        assert_eq!(impossible.resolve(DayOrder::DayFirst), None);
        let feb30 = DateValue::Numeric {
            first: 2,
            second: 30,
            year: 2026,
            time: NaiveTime::MIN,
            us_clock: false,
        };
        assert_eq!(feb30.resolve(DayOrder::DayFirst), None);
    }

    #[test]
    fn excel_serials_and_cells() {
        let exact = |n: f64, date1904: bool| match parse_date(&Raw::Number(n), date1904) {
            Ok(Some(DateValue::Exact(d))) => Some(d),
            _ => None,
        };
        assert_eq!(exact(1.0, false), Some(dt(1900, 1, 1, 0, 0, 0)));
        assert_eq!(exact(59.0, false), Some(dt(1900, 2, 28, 0, 0, 0)));
        assert_eq!(exact(60.0, false), None, "Lotus' 1900-02-29");
        assert_eq!(exact(61.0, false), Some(dt(1900, 3, 1, 0, 0, 0)));
        assert_eq!(exact(46086.0, false), Some(dt(2026, 3, 5, 0, 0, 0)));
        assert_eq!(exact(46086.5, false), Some(dt(2026, 3, 5, 12, 0, 0)));
        assert_eq!(
            exact(46_086.585_416_666_7, false),
            Some(dt(2026, 3, 5, 14, 3, 0))
        );
        assert_eq!(exact(2_958_465.0, false), Some(dt(9999, 12, 31, 0, 0, 0)));
        assert_eq!(exact(0.0, true), Some(dt(1904, 1, 1, 0, 0, 0)));
        assert_eq!(exact(44624.0, true), Some(dt(2026, 3, 5, 0, 0, 0)));
        for (n, date1904) in [
            (0.0, false),
            (0.5, false),
            (-1.0, false),
            (-1.0, true),
            (2_958_466.0, false),
            (2_958_465.999_999_999, false),
            (f64::NAN, false),
            (f64::NAN, true),
            (f64::INFINITY, false),
            (f64::NEG_INFINITY, true),
            (1e300, false),
        ] {
            assert_eq!(exact(n, date1904), None, "{n} (1904: {date1904})");
        }
        let cell = dt(2026, 3, 5, 14, 3, 0);
        let got = parse_date(&Raw::DateTime(cell), false);
        assert_eq!(got, Ok(Some(DateValue::Exact(cell))));
        assert_eq!(parse_date(&Raw::Empty, false), Ok(None));
        assert_eq!(parse_date(&text("n.v.t."), false), Ok(None));
        assert_eq!(parse_date(&Raw::Bool(true), false), Err(()));
        assert_eq!(parse_date(&Raw::Error("#N/A".into()), false), Err(()));
    }

    #[test]
    fn day_order_serialises_as_snake_case() {
        let json = serde_json::to_string(&[DayOrder::DayFirst, DayOrder::MonthFirst]);
        assert_eq!(json.ok().as_deref(), Some(r#"["day_first","month_first"]"#));
    }
}

/// Property tests: what a person writes for a valid date reads back as that date.
#[cfg(test)]
pub(super) mod props {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    /// Dates from the first of January of `from` to the last of December of `to`.
    pub(in crate::ingest::value) fn dates(from: i32, to: i32) -> impl Strategy<Value = NaiveDate> {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map_or(0, |d| d.num_days_from_ce());
        (day(from, 1, 1)..=day(to, 12, 31))
            .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default())
    }

    /// A date a register can hold.
    fn any_date() -> impl Strategy<Value = NaiveDate> {
        dates(1900, 9999)
    }

    const MAANDEN: [(&str, &str); 12] = [
        ("januari", "jan"),
        ("februari", "feb"),
        ("maart", "mrt"),
        ("april", "apr"),
        ("mei", "mei"),
        ("juni", "jun"),
        ("juli", "jul"),
        ("augustus", "aug"),
        ("september", "sep"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("december", "dec"),
    ];

    /// Reads `s` as a date, day first as the Dutch default.
    fn read_date(s: &str) -> Option<NaiveDate> {
        match parse_date(RawRef::Text(s), false) {
            Ok(Some(v)) => v.resolve(DayOrder::DayFirst).map(|d| d.date()),
            _ => None,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn dd_mm_yyyy_round_trips(d in any_date()) {
            prop_assert_eq!(read_date(&d.format("%d-%m-%Y").to_string()), Some(d));
            prop_assert_eq!(read_date(&d.format("%d/%m/%Y").to_string()), Some(d));
        }

        #[test]
        fn d_m_yy_round_trips(d in dates(1970, 2069)) {
            // Two-digit years are 1970–2069.
            let text = format!("{}-{}-{:02}", d.day(), d.month(), d.year() % 100);
            prop_assert_eq!(read_date(&text), Some(d), "{}", text);
        }

        #[test]
        fn iso_round_trips(d in any_date(), h in 0u32..24, m in 0u32..60) {
            prop_assert_eq!(read_date(&d.format("%Y-%m-%d").to_string()), Some(d));
            let with_time = format!("{}T{h:02}:{m:02}:00", d.format("%Y-%m-%d"));
            let read = parse_date(RawRef::Text(&with_time), false);
            let want = d.and_hms_opt(h, m, 0).map(DateValue::Exact);
            prop_assert_eq!(read, Ok(want));
        }

        #[test]
        fn dutch_month_names_round_trip(d in any_date()) {
            let (long, short) = MAANDEN[d.month0() as usize];
            for text in [
                format!("{} {long} {}", d.day(), d.year()),
                format!("{} {short}. {}", d.day(), d.year()),
                format!("{}-{short}-{}", d.day(), d.year()),
            ] {
                prop_assert_eq!(read_date(&text), Some(d), "{}", text);
            }
        }
    }
}
