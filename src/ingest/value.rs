//! Value parsers: one raw cell to the typed value of a register field, accepting what people
//! really write in hand-kept Dutch registers (SPEC §2) and in foreign ones read through a
//! mapping.
//!
//! Every parser answers `Ok(None)` for an empty cell or a blank word (`n.v.t.`, `-`, `?`),
//! `Err(())` for a value it cannot read (the caller reports the cell), and never panics. Dates
//! are parsed by hand from bytes without allocating: a large register has a million rows with
//! several date columns.

// `Err(())` is the interface: the caller knows the cell and reports it; a parser has nothing
// to add but "unreadable".
#![allow(clippy::result_unit_err)]

use crate::ingest::raw::{format_number, RawRef};
use crate::register::{
    Channel, CustomerType, HandlingMode, Justified, Nature, Status, Text, Urgency,
};
use crate::Lang;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Blank words and keys

/// Words meaning "nothing here", after dropping white space and dots and lower-casing.
const BLANK_WORDS: [&[u8]; 16] = [
    b"nvt",
    b"n/a",
    b"na",
    b"nb",
    b"n/b",
    b"geen",
    b"onbekend",
    b"unknown",
    b"null",
    b"none",
    b"nil",
    b"nan",
    b"ntb",
    b"nnb",
    b"leeg",
    b"/",
];

/// Text that means "nothing here": "", " ", "n.v.t.", "nvt", "n.v.t", "-", "--", "?", "n/a",
/// "N/A", "na", "geen", "nb", "n.b.", "onbekend", "null", "none", "—", "/" … (case/space-insensitive)
///
/// Registers fill cells they have no value for with such words; reading them as values would
/// give a flood of unreadable-value findings.
///
/// ```
/// use klacht::ingest::value::is_blank_text;
/// assert!(is_blank_text(" N.v.t. "));
/// assert!(!is_blank_text("x"));
/// ```
pub fn is_blank_text(s: &str) -> bool {
    // Most cells hold a value: the first character that counts settles it, unless it can
    // start one of the blank forms (`-`, `?`, `/`, a Unicode dash, a blank word). A letter or
    // digit right at the start is the common case, decided without decoding.
    match s.as_bytes().first() {
        None => return true,
        Some(&b) if b.is_ascii_digit() => return false,
        Some(&b)
            if b.is_ascii_alphabetic()
                && !matches!(b.to_ascii_lowercase(), b'n' | b'g' | b'o' | b'u' | b'l') =>
        {
            return false
        }
        Some(_) => {}
    }
    let counted = s.trim_start_matches(|c: char| c == '.' || c.is_whitespace());
    match counted.as_bytes().first().map(u8::to_ascii_lowercase) {
        None => return true,
        Some(b'-' | b'?' | b'/' | b'n' | b'g' | b'o' | b'u' | b'l' | 0xE2) => {}
        Some(_) => return false,
    }
    let mut buf = [0u8; 12];
    let mut n = 0;
    for c in s.chars() {
        let b = match c {
            '.' => continue,
            c if c.is_whitespace() => continue,
            '\u{2010}'..='\u{2015}' | '\u{2212}' => b'-',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return false,
        };
        match buf.get_mut(n) {
            Some(slot) => *slot = b,
            None => return false,
        }
        n += 1;
    }
    // `n` only grows after a byte was stored at `buf[n]`, so it is at most `buf.len()`.
    let w = &buf[..n];
    w.iter().all(|&b| b == b'-') || w.iter().all(|&b| b == b'?') || BLANK_WORDS.contains(&w)
}

/// Lower-case, accents stripped (é→e, ë→e, ï→i, ü→u, ç→c …), everything that is not a letter or digit removed. Used for header matching and value mapping keys. "Datum ontvangst" -> "datumontvangst", "Klachtnr." -> "klachtnr", "Behandelaar(s)" -> "behandelaars", "T/NT" -> "tnt".
///
/// ```
/// use klacht::ingest::value::normalize_key;
/// assert_eq!(normalize_key("Coördinator (privé)"), "coordinatorprive");
/// ```
pub fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_key(&mut out, s);
    out
}

/// Appends the [`normalize_key`] of `s` to `out`: into a compact [`Text`] a key of up to 24
/// bytes needs no allocation (a million customer numbers and job references are keyed).
///
/// ```
/// use klacht::ingest::value::push_key;
/// use klacht::register::Text;
/// let mut key = Text::from("#");
/// push_key(&mut key, "K-013 444");
/// assert_eq!(key, "#k013444");
/// ```
pub fn push_key(out: &mut impl Extend<char>, s: &str) {
    key_chars(s, |c| {
        out.extend([c]);
        true
    });
}

/// Feeds the key characters of `s` (see [`normalize_key`]) to `f` until it returns false;
/// returns false if it was stopped. Shared by the allocating and the stack-buffer forms.
fn key_chars(s: &str, mut f: impl FnMut(char) -> bool) -> bool {
    // Other characters are lower-cased before folding, so that a key is its own key: `ẞ` →
    // `ß` → `ss`, the Kelvin sign → `k`.
    s.chars().all(|c| {
        if c.is_ascii() {
            key_char(c, &mut f)
        } else {
            c.to_lowercase().all(|l| key_char(l, &mut f))
        }
    })
}

/// One character of a key: ASCII letters and digits lower-cased, Latin letters with a
/// diacritic folded, other letters and digits as they are, everything else (including the
/// combining marks that lower-casing may add) dropped.
fn key_char(c: char, f: &mut impl FnMut(char) -> bool) -> bool {
    if c.is_ascii() {
        !c.is_ascii_alphanumeric() || f(c.to_ascii_lowercase())
    } else if let Some(base) = fold_latin(c) {
        base.chars().all(f)
    } else {
        !c.is_alphanumeric() || f(c)
    }
}

/// The plain letters of a Latin-1 or Latin Extended-A letter with a diacritic.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ'..='ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'ò'..='ö' | 'Ø' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' | 'ſ' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' => "z",
        _ => return None,
    })
}

/// The key of a short ASCII word in a stack buffer; None when it is longer than the buffer
/// or holds other letters (then it is no word of any vocabulary).
fn short_key<'a>(s: &str, buf: &'a mut [u8; 32]) -> Option<&'a str> {
    let mut n = 0;
    let whole = key_chars(s, |c| match buf.get_mut(n) {
        Some(slot) if c.is_ascii() => {
            *slot = c as u8;
            n += 1;
            true
        }
        _ => false,
    });
    if whole {
        // As in `is_blank_text`: `n` counts stored bytes only.
        std::str::from_utf8(&buf[..n]).ok()
    } else {
        None
    }
}

/// Text without its surrounding space and a leading apostrophe (Excel's text marker).
fn clean(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('\'').map_or(t, str::trim_start)
}

// ---------------------------------------------------------------------------------------------
// Dates

/// The order of the first two parts of a numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOrder {
    DayFirst,
    MonthFirst,
}

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
    /// use klacht::ingest::{Raw, value::{parse_date, DayOrder}};
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
/// use klacht::ingest::{Raw, value::{parse_date, DayOrder, OrderEvidence}};
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
/// use klacht::ingest::{Raw, value::{parse_date, DayOrder}};
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

// ---------------------------------------------------------------------------------------------
// Urgency

/// Words that may come before the category number: "cat. 3", "urgentie 3", "U3".
const URGENCY_PREFIXES: [&str; 9] = [
    "categorie",
    "category",
    "cat",
    "urgentie",
    "urgency",
    "prioriteit",
    "priority",
    "prio",
    "u",
];

/// A label written without its number must be at least this long to be recognised by its
/// beginning, so that a vague word ("klacht") matches nothing.
const MIN_LABEL_PREFIX: usize = 6;

/// Category number or label; see the SPEC §2 forms.
///
/// ```
/// use klacht::ingest::{Raw, value::parse_urgency};
/// let u = parse_urgency(&Raw::Text("cat. 3 - inhouding betaling".into())).unwrap().unwrap();
/// assert_eq!(u.number(), 3);
/// ```
pub fn parse_urgency<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Urgency>, ()> {
    match raw.into() {
        RawRef::Empty => Ok(None),
        RawRef::Number(n) if n.fract() == 0.0 && (1.0..=8.0).contains(&n) => {
            // A whole number 1..=8, so the cast is exact.
            Urgency::new(n as u8).ok_or(()).map(Some)
        }
        RawRef::Text(s) if is_blank_text(s) => Ok(None),
        RawRef::Text(s) => urgency_text(clean(s)).map(Some),
        _ => Err(()),
    }
}

fn urgency_text(s: &str) -> Result<Urgency, ()> {
    let rest = strip_urgency_prefix(s).unwrap_or(s);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        urgency_numbered(rest)
    } else {
        urgency_label(rest)
    }
}

/// The text after a prefix word, its punctuation and space.
fn strip_urgency_prefix(s: &str) -> Option<&str> {
    URGENCY_PREFIXES.iter().find_map(|p| {
        let head = s.get(..p.len())?;
        let tail = s.get(p.len()..)?;
        let ends_word = !tail.starts_with(|c: char| c.is_alphabetic());
        (head.eq_ignore_ascii_case(p) && ends_word)
            .then(|| tail.trim_start_matches(|c: char| c.is_whitespace() || ".:#-".contains(c)))
    })
}

/// "3", "03", "3.", "3 - label", "3: …", "3) …"; not "3.5", "3,5" or "3 5".
fn urgency_numbered(s: &str) -> Result<Urgency, ()> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 2 {
        return Err(());
    }
    let number: u8 = s.get(..digits).ok_or(())?.parse().map_err(|_| ())?;
    let urgency = Urgency::new(number).ok_or(())?;
    let tail = s.get(digits..).ok_or(())?;
    let is_sep = |c: char| c.is_whitespace() || ".,)(:;/-–—".contains(c);
    if !tail.is_empty() && !tail.starts_with(is_sep) {
        return Err(());
    }
    if tail
        .trim_start_matches(is_sep)
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(());
    }
    Ok(urgency)
}

/// The procedure's label (Dutch or English), whole or a clear beginning of it.
fn urgency_label(s: &str) -> Result<Urgency, ()> {
    static LABEL_KEYS: OnceLock<Vec<(Urgency, String)>> = OnceLock::new();
    let labels = LABEL_KEYS.get_or_init(|| {
        Urgency::ALL
            .iter()
            .flat_map(|&u| [Lang::Nl, Lang::En].map(|l| (u, normalize_key(u.label(l)))))
            .collect()
    });
    let key = normalize_key(s);
    if key.len() < MIN_LABEL_PREFIX {
        return Err(());
    }
    let mut found = None;
    for (u, label) in labels {
        if label.starts_with(&key) || key.starts_with(label.as_str()) {
            if found.is_some_and(|f| f != *u) {
                return Err(());
            }
            found = Some(*u);
        }
    }
    found.ok_or(())
}

// ---------------------------------------------------------------------------------------------
// Closed vocabularies

/// Normalised words of each vocabulary, including the tool's own keys and labels.
const CHANNEL_WORDS: &[(&str, Channel)] = &[
    ("brief", Channel::Letter),
    ("post", Channel::Letter),
    ("aangetekend", Channel::Letter),
    ("aangetekendebrief", Channel::Letter),
    ("letter", Channel::Letter),
    ("postalmail", Channel::Letter),
    ("registeredletter", Channel::Letter),
    ("fax", Channel::Fax),
    ("telefax", Channel::Fax),
    ("mail", Channel::Email),
    ("email", Channel::Email),
    ("telefonisch", Channel::Phone),
    ("telefoon", Channel::Phone),
    ("tel", Channel::Phone),
    ("gebeld", Channel::Phone),
    ("telefoontje", Channel::Phone),
    ("phone", Channel::Phone),
    ("call", Channel::Phone),
    ("telephone", Channel::Phone),
    ("mondeling", Channel::InPerson),
    ("persoonlijk", Channel::InPerson),
    ("balie", Channel::InPerson),
    ("aandebalie", Channel::InPerson),
    ("monteur", Channel::InPerson),
    ("oplocatie", Channel::InPerson),
    ("bijbezoek", Channel::InPerson),
    ("inperson", Channel::InPerson),
    ("walkin", Channel::InPerson),
    ("website", Channel::Web),
    ("web", Channel::Web),
    ("formulier", Channel::Web),
    ("webformulier", Channel::Web),
    ("contactformulier", Channel::Web),
    ("websiteformulier", Channel::Web),
    ("internet", Channel::Web),
    ("online", Channel::Web),
    ("webform", Channel::Web),
    // Messaging and social media: written and online, like a web form (docs/decisions.md).
    ("whatsapp", Channel::Web),
    ("app", Channel::Web),
    ("appje", Channel::Web),
    ("geappt", Channel::Web),
    ("sms", Channel::Web),
    ("smsje", Channel::Web),
    ("tekstbericht", Channel::Web),
    ("textmessage", Channel::Web),
    ("chat", Channel::Web),
    ("livechat", Channel::Web),
    ("webchat", Channel::Web),
    ("socialmedia", Channel::Web),
    ("socialemedia", Channel::Web),
    ("facebook", Channel::Web),
    ("instagram", Channel::Web),
    ("messenger", Channel::Web),
    ("twitter", Channel::Web),
    ("linkedin", Channel::Web),
    ("anders", Channel::Other),
    ("overig", Channel::Other),
    ("overige", Channel::Other),
    ("other", Channel::Other),
];

const NATURE_WORDS: &[(&str, Nature)] = &[
    ("technisch", Nature::Technical),
    ("tech", Nature::Technical),
    ("t", Nature::Technical),
    ("technical", Nature::Technical),
    ("niettechnisch", Nature::NonTechnical),
    ("niettech", Nature::NonTechnical),
    ("nt", Nature::NonTechnical),
    ("nontechnical", Nature::NonTechnical),
    ("nontechnisch", Nature::NonTechnical),
    ("nontech", Nature::NonTechnical),
    ("administratief", Nature::NonTechnical),
    ("administratieve", Nature::NonTechnical),
    ("commercieel", Nature::NonTechnical),
    ("commerciele", Nature::NonTechnical),
];

const STATUS_WORDS: &[(&str, Status)] = &[
    ("open", Status::Open),
    ("nieuw", Status::Open),
    ("new", Status::Open),
    ("heropend", Status::Open),
    ("reopened", Status::Open),
    ("inbehandeling", Status::InProgress),
    ("lopend", Status::InProgress),
    ("bezig", Status::InProgress),
    ("inprogress", Status::InProgress),
    ("pending", Status::InProgress),
    ("inuitvoering", Status::InProgress),
    ("assigned", Status::InProgress),
    ("started", Status::InProgress),
    ("toegewezen", Status::InProgress),
    ("onhold", Status::InProgress),
    ("wacht", Status::InProgress),
    ("wachten", Status::InProgress),
    ("wachtend", Status::InProgress),
    ("afwachting", Status::InProgress),
    ("inafwachting", Status::InProgress),
    ("waiting", Status::InProgress),
    ("awaiting", Status::InProgress),
    ("afgehandeld", Status::Closed),
    ("gesloten", Status::Closed),
    ("afgesloten", Status::Closed),
    ("opgelost", Status::Closed),
    ("afgerond", Status::Closed),
    ("gereed", Status::Closed),
    ("klaar", Status::Closed),
    ("closed", Status::Closed),
    ("resolved", Status::Closed),
    ("done", Status::Closed),
    ("solved", Status::Closed),
];

const HANDLING_WORDS: &[(&str, HandlingMode)] = &[
    ("gesprek", HandlingMode::Conversation),
    ("persoonlijkgesprek", HandlingMode::Conversation),
    ("telefoongesprek", HandlingMode::Conversation),
    ("mondeling", HandlingMode::Conversation),
    ("telefonisch", HandlingMode::Conversation),
    ("conversation", HandlingMode::Conversation),
    ("oral", HandlingMode::Conversation),
    ("schriftelijk", HandlingMode::Written),
    ("brief", HandlingMode::Written),
    ("email", HandlingMode::Written),
    ("mail", HandlingMode::Written),
    ("written", HandlingMode::Written),
    ("letter", HandlingMode::Written),
];

const CUSTOMER_WORDS: &[(&str, CustomerType)] = &[
    ("particulier", CustomerType::Consumer),
    ("consument", CustomerType::Consumer),
    ("prive", CustomerType::Consumer),
    ("p", CustomerType::Consumer),
    ("consumer", CustomerType::Consumer),
    ("private", CustomerType::Consumer),
    ("b2c", CustomerType::Consumer),
    ("zakelijk", CustomerType::Business),
    ("bedrijf", CustomerType::Business),
    ("b2b", CustomerType::Business),
    ("z", CustomerType::Business),
    ("zzp", CustomerType::Business),
    ("business", CustomerType::Business),
    ("company", CustomerType::Business),
];

/// `1`/`0` are how a check-box column or a CSV export writes yes and no.
const JUSTIFIED_WORDS: &[(&str, Justified)] = &[
    ("ja", Justified::Yes),
    ("j", Justified::Yes),
    ("yes", Justified::Yes),
    ("y", Justified::Yes),
    ("x", Justified::Yes),
    ("waar", Justified::Yes),
    ("true", Justified::Yes),
    ("gegrond", Justified::Yes),
    ("terecht", Justified::Yes),
    ("1", Justified::Yes),
    ("nee", Justified::No),
    ("n", Justified::No),
    ("no", Justified::No),
    ("false", Justified::No),
    ("onwaar", Justified::No),
    ("ongegrond", Justified::No),
    ("onterecht", Justified::No),
    ("0", Justified::No),
    ("deels", Justified::Partly),
    ("gedeeltelijk", Justified::Partly),
    ("partly", Justified::Partly),
    ("partially", Justified::Partly),
    ("tendele", Justified::Partly),
    ("deelsgegrond", Justified::Partly),
    ("gedeeltelijkgegrond", Justified::Partly),
];

/// Looks a text cell up in a vocabulary by its key, also after "per"/"via" ("per mail",
/// "via monteur"), and failing that by its words ([`by_words`]). Unknown words are errors,
/// never `Other`: the user maps them.
fn vocabulary<T: Copy + PartialEq>(
    raw: RawRef,
    words: &[(&str, T)],
    heads: &[&str],
) -> Result<Option<T>, ()> {
    let s = match raw {
        RawRef::Empty => return Ok(None),
        RawRef::Text(s) if is_blank_text(s) => return Ok(None),
        RawRef::Text(s) => s,
        _ => return Err(()),
    };
    let find = |key: &str| words.iter().find(|(w, _)| *w == key).map(|&(_, v)| v);
    // Most cells hold a word as the vocabulary has it ("technisch", "zakelijk"): a key is
    // its own key, so it is found without making one.
    if let Some(v) = find(s) {
        return Ok(Some(v));
    }
    let mut buf = [0u8; 32];
    let exact = short_key(s, &mut buf).and_then(|key| {
        find(key).or_else(|| {
            let rest = key
                .strip_prefix("per")
                .or_else(|| key.strip_prefix("via"))?;
            find(rest)
        })
    });
    // The word reading runs only for the few cells the key does not settle.
    exact
        .or_else(|| by_words(s, words, heads))
        .map(Some)
        .ok_or(())
}

/// Words that never change what a value means: the field's subject ("technische klacht",
/// "WhatsApp-bericht") and the linking words before a channel ("via de website", "by phone").
/// Kept small on purpose: every word here is one a register may write without meaning.
const FILLER_WORDS: &[&str] = &[
    "klacht",
    "klachten",
    "complaint",
    "bericht",
    "message",
    "via",
    "per",
    "door",
    "by",
    "de",
    "het",
    "een",
    "the",
    "a",
    "an",
];

/// Status words after which the rest of the value says what is waited for ("wacht op
/// klant", "in afwachting van onderdelen", "pending parts"): those words are not read.
const WAITING_WORDS: &[&str] = &[
    "wacht",
    "wachten",
    "wachtend",
    "afwachting",
    "inafwachting",
    "waiting",
    "awaiting",
    "onhold",
    "pending",
];

/// At most this many neighbouring words are joined into one vocabulary word ("on hold",
/// "niet technisch", "in behandeling").
const MAX_JOINED: usize = 4;

/// A value read by its meaningful words, for a cell whose whole key is no vocabulary word
/// ("technische klacht", "brief (aangetekend)", "Wacht op klant", "niet-technische klacht").
///
/// The words are the pieces between spaces and `/ , ; : + & | -` (neighbours are joined back
/// where that makes a vocabulary word, so "e-mail" and "niet technisch" stay whole), each
/// folded like a key and, five letters or longer, also tried without a Dutch inflection `-e`
/// ("technische"). Outside
/// brackets every word must be a vocabulary word or a [`FILLER_WORDS`] word, except the words
/// after one of `heads`; inside brackets (a qualifier) unknown words are passed over. Every
/// vocabulary word found must give the same value: "brief/telefoon" or "ja (deels)" means
/// nothing. None when no vocabulary word is found.
fn by_words<T: Copy + PartialEq>(s: &str, words: &[(&str, T)], heads: &[&str]) -> Option<T> {
    // (key, group, inside brackets); a group is a run of text between brackets, and words
    // are only joined within their group.
    let mut tokens: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut group = 0usize;
    let mut piece = String::new();
    let mut flush = |piece: &mut String, group: usize, depth: usize| {
        let key = normalize_key(piece);
        if !key.is_empty() {
            tokens.push((key, group, depth > 0));
        }
        piece.clear();
    };
    for c in s.chars() {
        match c {
            '(' | '[' | '{' => {
                flush(&mut piece, group, depth);
                depth += 1;
                group += 1;
            }
            ')' | ']' | '}' => {
                flush(&mut piece, group, depth);
                depth = depth.saturating_sub(1);
                group += 1;
            }
            '/' | ',' | ';' | ':' | '+' | '&' | '|' | '-' | '\u{2010}'..='\u{2015}' => {
                flush(&mut piece, group, depth);
            }
            c if c.is_whitespace() => flush(&mut piece, group, depth),
            c => piece.push(c),
        }
    }
    flush(&mut piece, group, depth);

    let lookup = |key: &str| -> Option<(&str, T)> {
        let find = |k: &str| words.iter().find(|(w, _)| *w == k).map(|&(w, v)| (w, v));
        // Only a longer word loses an `-e`: "te" is no inflected "t" (technical).
        find(key).or_else(|| find(key.strip_suffix('e').filter(|k| k.len() >= 4)?))
    };
    let mut found: Option<T> = None;
    let mut free = false;
    let mut i = 0;
    while let Some((first, group, qualifier)) = tokens.get(i) {
        let mut joined = String::new();
        let mut hit = None;
        for (j, (key, g, _)) in tokens.iter().enumerate().skip(i).take(MAX_JOINED) {
            if g != group {
                break;
            }
            joined.push_str(key);
            if let Some(h) = lookup(&joined) {
                hit = Some((j, h));
            }
        }
        match hit {
            Some((last, (word, value))) => {
                if found.is_some_and(|f| f != value) {
                    return None;
                }
                found = Some(value);
                free |= heads.contains(&word);
                i = last + 1;
            }
            None => {
                if !qualifier && !free && !FILLER_WORDS.contains(&first.as_str()) {
                    return None;
                }
                i += 1;
            }
        }
    }
    found
}

/// How the complaint arrived.
///
/// ```
/// use klacht::ingest::{Raw, value::parse_channel};
/// use klacht::register::Channel;
/// assert_eq!(parse_channel(&Raw::Text("Tel.".into())), Ok(Some(Channel::Phone)));
/// ```
pub fn parse_channel<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Channel>, ()> {
    vocabulary(raw.into(), CHANNEL_WORDS, &[])
}

/// Technical or not.
pub fn parse_nature<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Nature>, ()> {
    vocabulary(raw.into(), NATURE_WORDS, &[])
}

/// Handling status.
pub fn parse_status<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Status>, ()> {
    vocabulary(raw.into(), STATUS_WORDS, WAITING_WORDS)
}

/// Conversation or written response.
pub fn parse_handling_mode<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<HandlingMode>, ()> {
    vocabulary(raw.into(), HANDLING_WORDS, &[])
}

/// Consumer or business.
pub fn parse_customer_type<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<CustomerType>, ()> {
    vocabulary(raw.into(), CUSTOMER_WORDS, &[])
}

/// Justified: yes, no or partly; Excel booleans and 1/0 too.
pub fn parse_justified<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Justified>, ()> {
    let raw = raw.into();
    match raw {
        RawRef::Bool(true) => Ok(Some(Justified::Yes)),
        RawRef::Bool(false) => Ok(Some(Justified::No)),
        RawRef::Number(1.0) => Ok(Some(Justified::Yes)),
        RawRef::Number(0.0) => Ok(Some(Justified::No)),
        _ => vocabulary(raw, JUSTIFIED_WORDS, &[]),
    }
}

// ---------------------------------------------------------------------------------------------
// Money and text

/// Money: Dutch "1.234,56", "€ 95", "€95,-", "95,00", "EUR 1.234", "1234.56", English "1,234.56" (decide by which separator comes last and group patterns), negative "-12,50"; Raw::Number as is. Returns euros as f64 rounded to cents.
///
/// A single separator followed by exactly three digits groups thousands ("1.234", "1,234");
/// otherwise it is the decimal separator.
///
/// ```
/// use klacht::ingest::{Raw, value::parse_decimal};
/// assert_eq!(parse_decimal(&Raw::Text("€ 1.234,56".into())), Ok(Some(1234.56)));
/// ```
pub fn parse_decimal<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<f64>, ()> {
    match raw.into() {
        RawRef::Empty => Ok(None),
        RawRef::Number(n) => cents(n).map(Some),
        RawRef::Text(s) if is_blank_text(s) => Ok(None),
        RawRef::Text(s) => money_text(clean(s)),
        RawRef::DateTime(_) | RawRef::Bool(_) | RawRef::Error(_) => Err(()),
    }
}

fn cents(x: f64) -> Result<f64, ()> {
    if !x.is_finite() {
        return Err(());
    }
    // Beyond 1e13 euros a cent is below f64 precision anyway; `+ 0.0` turns -0 into 0.
    let rounded = if x.abs() < 1e13 {
        (x * 100.0).round() / 100.0
    } else {
        x
    };
    Ok(rounded + 0.0)
}

fn strip_ci_prefix<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let head = s.get(..p.len())?;
    head.eq_ignore_ascii_case(p)
        .then(|| s.get(p.len()..))
        .flatten()
}

fn strip_ci_suffix<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(p.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(p).then(|| s.get(..cut)).flatten()
}

/// The amount without a currency mark before or after it.
fn strip_currency(s: &str) -> &str {
    const MARKS: [&str; 3] = ["€", "euro", "eur"];
    let s = MARKS
        .iter()
        .find_map(|m| strip_ci_prefix(s, m))
        .unwrap_or(s)
        .trim();
    MARKS
        .iter()
        .find_map(|m| strip_ci_suffix(s, m))
        .unwrap_or(s)
        .trim()
}

fn strip_sign(s: &str) -> (bool, &str) {
    match s.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s).trim_start()),
    }
}

fn money_text(s: &str) -> Result<Option<f64>, ()> {
    let (paren, s) = match s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, s),
    };
    let (neg1, s) = strip_sign(s);
    let (neg2, s) = strip_sign(strip_currency(s));
    if is_blank_text(s) {
        // "€ -" is what Excel's accounting format shows for nothing.
        return Ok(None);
    }
    if u8::from(paren) + u8::from(neg1) + u8::from(neg2) > 1 {
        return Err(());
    }
    // "95,-" and "95,--": whole euros.
    let undashed = s.trim_end_matches(['-', '\u{2013}', '\u{2014}']);
    let s = match undashed.strip_suffix([',', '.']) {
        Some(whole) if undashed.len() < s.len() => whole,
        _ => s,
    };
    let amount = amount(s)?;
    cents(if paren || neg1 || neg2 {
        -amount
    } else {
        amount
    })
    .map(Some)
}

/// Digits with thousands and decimal separators; spaces between digits group thousands.
fn amount(s: &str) -> Result<f64, ()> {
    let mut body = [0u8; 40];
    let mut n = 0usize;
    for c in s.chars() {
        let b = match c {
            '0'..='9' | '.' | ',' => c as u8,
            c if c.is_whitespace() => {
                // Only a space after a digit can group; the rest is padding ("€ 95").
                if !body.get(n.wrapping_sub(1)).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                b' '
            }
            _ => return Err(()),
        };
        *body.get_mut(n).ok_or(())? = b;
        n += 1;
    }
    // `n` counts stored bytes only (a longer amount fails above); `pos` below is a position
    // found in `body`.
    let body = &body[..n];
    let count = |sep: u8| body.iter().filter(|&&b| b == sep).count();
    let (commas, dots) = (count(b','), count(b'.'));
    let (int, frac, group) = match body.iter().rposition(|&b| b == b',' || b == b'.') {
        None => (body, &body[..0], body.contains(&b' ').then_some(b' ')),
        Some(pos) => {
            let (int, frac) = (&body[..pos], &body[pos + 1..]);
            let (same, other) = if body[pos] == b',' {
                (commas, b'.')
            } else {
                (dots, b',')
            };
            let looks_grouped =
                frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with(b"0");
            if int.contains(&b' ') {
                // Spaces group thousands, so the one mark is the decimal separator.
                if commas + dots > 1 {
                    return Err(());
                }
                (int, frac, Some(b' '))
            } else if commas > 0 && dots > 0 {
                // Both marks: the last one is decimal, and occurs once.
                if same > 1 {
                    return Err(());
                }
                (int, frac, Some(other))
            } else if same > 1 || looks_grouped {
                // Only group separators: the whole body is the integer part.
                (body, &body[..0], Some(body[pos]))
            } else {
                (int, frac, None)
            }
        }
    };
    let has_digit = int.iter().chain(frac).any(u8::is_ascii_digit);
    if !has_digit || !frac.iter().all(u8::is_ascii_digit) || !grouping_ok(int, group) {
        return Err(());
    }
    let mut text = [0u8; 42];
    let mut len = 0;
    let digits = int.iter().filter(|b| b.is_ascii_digit());
    for &b in digits.chain(b".").chain(frac).chain(b"0") {
        *text.get_mut(len).ok_or(())? = b;
        len += 1;
    }
    // `len` counts stored bytes only.
    let text = std::str::from_utf8(&text[..len]).map_err(|_| ())?;
    text.parse::<f64>().map_err(|_| ())
}

/// Thousands groups: 1–3 digits, then groups of exactly 3.
fn grouping_ok(int: &[u8], group: Option<u8>) -> bool {
    match group {
        None => int.iter().all(u8::is_ascii_digit),
        Some(sep) => int.split(|&b| b == sep).enumerate().all(|(i, g)| {
            let len_ok = if i == 0 {
                (1..=3).contains(&g.len())
            } else {
                g.len() == 3
            };
            len_ok && g.iter().all(u8::is_ascii_digit)
        }),
    }
}

/// Free text: trimmed; blank words → None. Raw::Number shown without ".0" (use raw::format_number); Raw::Error → Err(()).
pub fn parse_text<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Text>, ()> {
    let raw = raw.into();
    match raw {
        RawRef::Empty => Ok(None),
        RawRef::Text(s) if is_blank_text(s) => Ok(None),
        RawRef::Text(s) => Ok(Some(Text::from(s.trim()))),
        RawRef::Number(n) if n.is_finite() => Ok(Some(format_number(n).into())),
        RawRef::DateTime(_) | RawRef::Bool(_) => Ok(Some(raw.display().into())),
        RawRef::Number(_) | RawRef::Error(_) => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Raw;

    #[test]
    fn every_vocabulary_word_is_its_own_key() {
        // `vocabulary` finds a cell that reads as a word before it makes the key.
        let words = CHANNEL_WORDS.iter().map(|w| w.0);
        let words = words
            .chain(NATURE_WORDS.iter().map(|w| w.0))
            .chain(STATUS_WORDS.iter().map(|w| w.0))
            .chain(HANDLING_WORDS.iter().map(|w| w.0))
            .chain(CUSTOMER_WORDS.iter().map(|w| w.0))
            .chain(JUSTIFIED_WORDS.iter().map(|w| w.0));
        for w in words {
            assert_eq!(normalize_key(w), w);
        }
    }

    fn text(s: &str) -> Raw {
        Raw::Text(s.to_string())
    }

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, mi, s))
            .expect("test date exists")
    }

    /// A text date read day-first (the Dutch default).
    fn date(s: &str) -> Option<NaiveDateTime> {
        match parse_date(&text(s), false) {
            Ok(Some(v)) => v.resolve(DayOrder::DayFirst),
            _ => None,
        }
    }

    #[test]
    fn blank_words() {
        for s in [
            "", " ", "\u{a0}", "n.v.t.", "nvt", "n.v.t", "N.V.T.", "n. v. t.", "-", "--", "?",
            "??", "n/a", "N/A", "na", "geen", "Geen", "nb", "n.b.", "onbekend", "null", "NULL",
            "none", "—", "–", "/", "...", " - ", "nan", "unknown",
        ] {
            assert!(is_blank_text(s), "{s:?} is blank");
        }
        for s in [
            "x",
            "0",
            "ja",
            "n",
            "nee",
            "3",
            "a",
            "nvtt",
            "n.v.t.x",
            "—x",
            "geen idee",
        ] {
            assert!(!is_blank_text(s), "{s:?} is a value");
        }
    }

    #[test]
    fn keys() {
        for (s, k) in [
            ("Datum ontvangst", "datumontvangst"),
            ("Klachtnr.", "klachtnr"),
            ("Behandelaar(s)", "behandelaars"),
            ("T/NT", "tnt"),
            ("  Privé ", "prive"),
            ("Coördinatie", "coordinatie"),
            ("Financiële ÇA ÏÜ", "financielecaiu"),
            ("Straße", "strasse"),
            ("Ĳsselmeer", "ijsselmeer"),
            ("Łódź", "lodz"),
            ("e\u{301}e", "ee"),
            ("Nr. 2", "nr2"),
            ("Ωmega", "ωmega"),
            ("€ / % ()", ""),
            // Lower-casing gives a letter that folds: still its own key.
            ("GROẞ", "gross"),
            ("\u{212a}LANT", "klant"),
        ] {
            assert_eq!(normalize_key(s), k, "{s:?}");
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
    fn urgency_forms() {
        let n = |s: &str| parse_urgency(&text(s)).map(|u| u.map(Urgency::number));
        for (s, want) in [
            ("3", 3),
            ("03", 3),
            ("3.", 3),
            ("cat 3", 3),
            ("cat. 3", 3),
            ("Cat.3", 3),
            ("CAT3", 3),
            ("categorie 3", 3),
            ("Categorie: 4", 4),
            ("urgentie 3", 3),
            ("Urgency 8", 8),
            ("prio 2", 2),
            ("U3", 3),
            ("u 1", 1),
            ("3 - inhouding betaling", 3),
            ("3: inhouding betaling", 3),
            ("3) inhouding", 3),
            ("3 – inhouding", 3),
            ("'1", 1),
            ("garantieclaim", 5),
            ("Garantie claim", 5),
            ("Garantieclaim ketel", 5),
            ("warranty claim", 5),
            ("Klacht van niet-technische aard", 7),
            ("klacht van", 7),
            ("klacht over opgeleverd werk", 6),
            ("aangetekende brief", 2),
            (
                "NVKL geschillenbemiddeling / SGB / rechtszaak (door klant ingezet)",
                1,
            ),
            ("payment withheld over an unresolved issue", 3),
        ] {
            assert_eq!(n(s), Ok(Some(want)), "{s:?}");
        }
        for s in [
            "9",
            "0",
            "hoog",
            "3,5",
            "3.5",
            "3 5",
            "3-4",
            "10",
            "003",
            "3a",
            "cat",
            "urgentie hoog",
            "klacht",
            "uitgesteld",
            "drie",
        ] {
            assert_eq!(n(s), Err(()), "{s:?}");
        }
        assert_eq!(n(""), Ok(None));
        assert_eq!(n("-"), Ok(None));
        assert_eq!(
            parse_urgency(&Raw::Number(3.0)).map(|u| u.map(Urgency::number)),
            Ok(Some(3))
        );
        for x in [0.0, 9.0, 3.5, -3.0, f64::NAN, f64::INFINITY] {
            assert_eq!(parse_urgency(&Raw::Number(x)), Err(()), "{x}");
        }
        assert_eq!(parse_urgency(&Raw::Empty), Ok(None));
        assert_eq!(parse_urgency(&Raw::Bool(true)), Err(()));
        assert_eq!(parse_urgency(&Raw::Error("#REF!".into())), Err(()));
    }

    #[test]
    fn every_urgency_reads_from_its_labels() {
        for u in Urgency::ALL {
            for lang in [Lang::Nl, Lang::En] {
                assert_eq!(
                    parse_urgency(&text(u.label(lang))),
                    Ok(Some(u)),
                    "{u} {lang:?}"
                );
            }
            assert_eq!(
                parse_urgency(&text(&format!("{u} - {}", u.label(Lang::Nl)))),
                Ok(Some(u))
            );
        }
    }

    #[test]
    fn channels() {
        use Channel::*;
        for (s, want) in [
            ("brief", Letter),
            ("post", Letter),
            ("per post", Letter),
            ("Aangetekend", Letter),
            ("aangetekende brief", Letter),
            ("letter", Letter),
            ("Postal mail", Letter),
            ("fax", Fax),
            ("Telefax", Fax),
            ("mail", Email),
            ("e-mail", Email),
            ("email", Email),
            ("E-mail", Email),
            ("per mail", Email),
            ("via e-mail", Email),
            ("telefonisch", Phone),
            ("telefoon", Phone),
            ("tel", Phone),
            ("Tel.", Phone),
            ("gebeld", Phone),
            ("telefoontje", Phone),
            ("Phone", Phone),
            ("call", Phone),
            ("telephone", Phone),
            ("mondeling", InPerson),
            ("persoonlijk", InPerson),
            ("balie", InPerson),
            ("aan de balie", InPerson),
            ("monteur", InPerson),
            ("via monteur", InPerson),
            ("op locatie", InPerson),
            ("bij bezoek", InPerson),
            ("in person", InPerson),
            ("walk-in", InPerson),
            ("website", Web),
            ("web", Web),
            ("Formulier", Web),
            ("webformulier", Web),
            ("contactformulier", Web),
            ("internet", Web),
            ("ONLINE", Web),
            ("web form", Web),
            ("anders", Other),
            ("overig", Other),
            ("Other", Other),
        ] {
            assert_eq!(parse_channel(&text(s)), Ok(Some(want)), "{s:?}");
        }
        for s in [
            "Referral",
            "Constituent Call",
            "duif",
            "brief of mail",
            "perpetuum",
        ] {
            assert_eq!(parse_channel(&text(s)), Err(()), "{s:?} needs a mapping");
        }
        assert_eq!(parse_channel(&Raw::Number(1.0)), Err(()));
    }

    #[test]
    fn natures_statuses_modes_customers() {
        use CustomerType::*;
        use HandlingMode::*;
        use Nature::*;
        use Status::*;
        let cases: [(&str, Option<Nature>); 14] = [
            ("technisch", Some(Technical)),
            ("tech", Some(Technical)),
            ("T", Some(Technical)),
            ("Technical", Some(Technical)),
            ("niet-technisch", Some(NonTechnical)),
            ("niet technisch", Some(NonTechnical)),
            ("nt", Some(NonTechnical)),
            ("N.T.", Some(NonTechnical)),
            ("non-technical", Some(NonTechnical)),
            ("nontechnical", Some(NonTechnical)),
            ("niet-tech", Some(NonTechnical)),
            ("administratief", Some(NonTechnical)),
            ("commercieel", Some(NonTechnical)),
            ("n.v.t.", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_nature(&text(s)), Ok(want), "{s:?}");
        }
        for (s, want) in [
            ("open", Open),
            ("Nieuw", Open),
            ("new", Open),
            ("heropend", Open),
            ("Reopened", Open),
            ("in behandeling", InProgress),
            ("lopend", InProgress),
            ("bezig", InProgress),
            ("In Progress", InProgress),
            ("pending", InProgress),
            ("in uitvoering", InProgress),
            ("afgehandeld", Closed),
            ("Gesloten", Closed),
            ("afgesloten", Closed),
            ("opgelost", Closed),
            ("gereed", Closed),
            ("klaar", Closed),
            ("CLOSED", Closed),
            ("resolved", Closed),
            ("done", Closed),
        ] {
            assert_eq!(parse_status(&text(s)), Ok(Some(want)), "{s:?}");
        }
        for (s, want) in [
            ("gesprek", Conversation),
            ("persoonlijk gesprek", Conversation),
            ("mondeling", Conversation),
            ("telefonisch", Conversation),
            ("conversation", Conversation),
            ("oral", Conversation),
            ("schriftelijk", Written),
            ("brief", Written),
            ("per brief", Written),
            ("e-mail", Written),
            ("written", Written),
            ("letter", Written),
        ] {
            assert_eq!(parse_handling_mode(&text(s)), Ok(Some(want)), "{s:?}");
        }
        for (s, want) in [
            ("particulier", Consumer),
            ("consument", Consumer),
            ("prive", Consumer),
            ("Privé", Consumer),
            ("P", Consumer),
            ("consumer", Consumer),
            ("private", Consumer),
            ("B2C", Consumer),
            ("zakelijk", Business),
            ("bedrijf", Business),
            ("B2B", Business),
            ("Z", Business),
            ("ZZP", Business),
            ("business", Business),
            ("company", Business),
        ] {
            assert_eq!(parse_customer_type(&text(s)), Ok(Some(want)), "{s:?}");
        }
        assert_eq!(parse_nature(&text("hardware")), Err(()));
        assert_eq!(parse_status(&text("misschien")), Err(()));
        assert_eq!(parse_handling_mode(&text("duif")), Err(()));
        assert_eq!(parse_customer_type(&text("overheid")), Err(()));
    }

    /// A value with company: brackets, filler, waiting states, messaging channels; and what
    /// must stay unreadable (unknown, meaningless or pointing two ways).
    #[test]
    fn values_read_by_their_meaningful_words() {
        use Channel::*;
        for (s, want) in [
            ("brief (aangetekend)", Some(Letter)),
            ("Brief [aangetekend]", Some(Letter)),
            ("telefoon (terugbelverzoek)", Some(Phone)),
            ("per e-mail (klant)", Some(Email)),
            ("via de website", Some(Web)),
            ("by phone", Some(Phone)),
            ("klacht per brief", Some(Letter)),
            ("WhatsApp", Some(Web)),
            ("via WhatsApp", Some(Web)),
            ("WhatsApp-bericht", Some(Web)),
            ("sms", Some(Web)),
            ("SMS'je", Some(Web)),
            ("chat", Some(Web)),
            ("live chat", Some(Web)),
            ("social media", Some(Web)),
            ("Sociale media (Facebook)", Some(Web)),
            ("Postduif", None),
            ("postduif (brief)", None),
            ("brief of telefoon", None),
            ("brief/telefoon", None),
            ("brief (telefoon)", None),
            ("klacht", None),
            ("per", None),
            ("(brief", Some(Letter)),
            ("te (laat)", None),
        ] {
            let got = parse_channel(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "channel {s:?}");
        }
        for (s, want) in [
            ("technische klacht", Some(Nature::Technical)),
            ("Technische klacht (cv-ketel)", Some(Nature::Technical)),
            ("klacht (technisch)", Some(Nature::Technical)),
            ("niet-technische klacht", Some(Nature::NonTechnical)),
            ("niet technische klacht", Some(Nature::NonTechnical)),
            ("administratieve klacht", Some(Nature::NonTechnical)),
            ("technisch / niet-technisch", None),
            ("T/NT", None),
            ("niet klacht", None),
            ("geen technische klacht", None),
        ] {
            let got = parse_nature(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "nature {s:?}");
        }
        for (s, want) in [
            ("Wacht op klant", Some(Status::InProgress)),
            ("wachten op onderdelen", Some(Status::InProgress)),
            ("in afwachting van onderdelen", Some(Status::InProgress)),
            ("In afwachting", Some(Status::InProgress)),
            ("on hold", Some(Status::InProgress)),
            ("On hold (leverancier)", Some(Status::InProgress)),
            ("pending parts", Some(Status::InProgress)),
            ("waiting for customer", Some(Status::InProgress)),
            ("in behandeling (monteur)", Some(Status::InProgress)),
            ("afgehandeld (telefonisch)", Some(Status::Closed)),
            ("Nieuwe klacht", Some(Status::Open)),
            ("wacht op klant, gesloten", None),
            ("niet afgehandeld", None),
            ("nog open of gesloten", None),
            ("klant wacht", None),
        ] {
            let got = parse_status(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "status {s:?}");
        }
        for (s, want) in [
            ("telefonisch gesprek", Some(HandlingMode::Conversation)),
            ("schriftelijke reactie", None),
            ("schriftelijk (per brief)", Some(HandlingMode::Written)),
        ] {
            let got = parse_handling_mode(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "handling {s:?}");
        }
        for (s, want) in [
            ("zakelijke klant", None),
            ("Zakelijk (VvE)", Some(CustomerType::Business)),
            ("particuliere", Some(CustomerType::Consumer)),
        ] {
            let got = parse_customer_type(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "customer {s:?}");
        }
        for (s, want) in [
            ("ja (gegrond)", Some(Justified::Yes)),
            ("ja (deels)", None),
            ("gegrond / ongegrond", None),
        ] {
            let got = parse_justified(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "justified {s:?}");
        }
    }

    /// The word reading is a fallback: a value the key settles never reaches it, and it
    /// gives the same answer as the key for every vocabulary word written with company.
    #[test]
    fn every_vocabulary_word_reads_with_filler_and_a_qualifier() {
        for &(w, v) in CHANNEL_WORDS {
            assert_eq!(
                by_words(&format!("per {w} (x)"), CHANNEL_WORDS, &[]),
                Some(v),
                "{w}"
            );
        }
        for &(w, v) in STATUS_WORDS {
            let s = format!("{w} [klacht]");
            assert_eq!(by_words(&s, STATUS_WORDS, WAITING_WORDS), Some(v), "{w}");
        }
        for &(w, v) in NATURE_WORDS {
            assert_eq!(
                by_words(&format!("{w} klacht"), NATURE_WORDS, &[]),
                Some(v),
                "{w}"
            );
        }
    }

    #[test]
    fn justified() {
        use Justified::*;
        for (s, want) in [
            ("ja", Yes),
            ("J", Yes),
            ("yes", Yes),
            ("Y", Yes),
            ("x", Yes),
            ("X", Yes),
            ("waar", Yes),
            ("TRUE", Yes),
            ("gegrond", Yes),
            ("nee", No),
            ("N", No),
            ("no", No),
            ("false", No),
            ("ongegrond", No),
            ("deels", Partly),
            ("gedeeltelijk", Partly),
            ("partly", Partly),
            ("partially", Partly),
            ("ten dele", Partly),
            ("deels gegrond", Partly),
        ] {
            assert_eq!(parse_justified(&text(s)), Ok(Some(want)), "{s:?}");
        }
        assert_eq!(parse_justified(&Raw::Bool(true)), Ok(Some(Yes)));
        assert_eq!(parse_justified(&Raw::Bool(false)), Ok(Some(No)));
        assert_eq!(parse_justified(&Raw::Number(1.0)), Ok(Some(Yes)));
        assert_eq!(parse_justified(&Raw::Number(0.0)), Ok(Some(No)));
        assert_eq!(parse_justified(&Raw::Number(2.0)), Err(()));
        assert_eq!(parse_justified(&text("misschien")), Err(()));
        assert_eq!(parse_justified(&text(" ")), Ok(None));
    }

    /// Reads a value back from the tool's own key and both labels.
    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        names: impl Fn(T) -> [&'static str; 3],
        parse: fn(&Raw) -> Result<Option<T>, ()>,
    ) {
        for &v in all {
            for name in names(v) {
                assert_eq!(parse(&text(name)), Ok(Some(v)), "{name:?}");
            }
        }
    }

    #[test]
    fn every_vocabulary_reads_its_own_keys_and_labels() {
        macro_rules! names {
            ($t:ty) => {
                |v: $t| [v.key(), v.label(Lang::Nl), v.label(Lang::En)]
            };
        }
        round_trips(Channel::ALL, names!(Channel), |r| parse_channel(r));
        round_trips(Nature::ALL, names!(Nature), |r| parse_nature(r));
        round_trips(Status::ALL, names!(Status), |r| parse_status(r));
        round_trips(HandlingMode::ALL, names!(HandlingMode), |r| {
            parse_handling_mode(r)
        });
        round_trips(CustomerType::ALL, names!(CustomerType), |r| {
            parse_customer_type(r)
        });
        round_trips(Justified::ALL, names!(Justified), |r| parse_justified(r));
    }

    #[test]
    fn money() {
        for (s, want) in [
            ("1.234,56", 1234.56),
            ("€ 95", 95.0),
            ("€95,-", 95.0),
            ("€ 95,--", 95.0),
            ("95.-", 95.0),
            ("95,00", 95.0),
            ("EUR 1.234", 1234.0),
            ("1.234 EUR", 1234.0),
            ("1234.56", 1234.56),
            ("1,234.56", 1234.56),
            ("1,234", 1234.0),
            ("1.234.567,8", 1_234_567.8),
            ("1,234,567", 1_234_567.0),
            ("-12,50", -12.5),
            ("€ -12,50", -12.5),
            ("-€ 12,50", -12.5),
            ("\u{2212}12,50", -12.5),
            ("(12,50)", -12.5),
            ("+7", 7.0),
            ("12,5", 12.5),
            ("0,125", 0.13),
            ("1234,567", 1234.57),
            ("1 234,56", 1234.56),
            ("1\u{a0}234,56", 1234.56),
            ("1 234 567", 1_234_567.0),
            ("€ 1 234.5", 1234.5),
            (",50", 0.5),
            ("95,", 95.0),
            ("'95", 95.0),
            ("12,50 €", 12.5),
            ("euro 10", 10.0),
        ] {
            assert_eq!(parse_decimal(&text(s)), Ok(Some(want)), "{s:?}");
        }
        for s in [
            "abc",
            "12,50 dollar",
            "1.2.3",
            "1.23.456",
            "1.234,56.7",
            "1,2.3",
            "1.234,5,6",
            "--12",
            "-(12)",
            "€",
            "12-",
            "1e5",
            "0x10",
            "12 34",
            "1 234,5 6",
            "1 234.567,8",
            "1234567890123456789012345678901234567890123",
        ] {
            // "€" alone is a blank cell, the rest unreadable.
            let got = parse_decimal(&text(s));
            if s == "€" {
                assert_eq!(got, Ok(None));
            } else {
                assert_eq!(got, Err(()), "{s:?}");
            }
        }
        assert_eq!(parse_decimal(&text("€ -")), Ok(None));
        assert_eq!(parse_decimal(&text("n.v.t.")), Ok(None));
        assert_eq!(parse_decimal(&Raw::Number(95.0)), Ok(Some(95.0)));
        assert_eq!(parse_decimal(&Raw::Number(12.345_6)), Ok(Some(12.35)));
        assert_eq!(parse_decimal(&Raw::Number(-0.0)), Ok(Some(0.0)));
        assert_eq!(parse_decimal(&Raw::Number(1e300)), Ok(Some(1e300)));
        assert_eq!(parse_decimal(&Raw::Number(f64::NAN)), Err(()));
        assert_eq!(parse_decimal(&Raw::Bool(true)), Err(()));
        assert_eq!(parse_decimal(&Raw::Error("#DIV/0!".into())), Err(()));
    }

    #[test]
    fn free_text() {
        assert_eq!(parse_text(&text("  Jansen  ")), Ok(Some("Jansen".into())));
        assert_eq!(parse_text(&text("n.v.t.")), Ok(None));
        assert_eq!(parse_text(&Raw::Empty), Ok(None));
        assert_eq!(parse_text(&Raw::Number(12345.0)), Ok(Some("12345".into())));
        assert_eq!(parse_text(&Raw::Number(1.5)), Ok(Some("1.5".into())));
        assert_eq!(parse_text(&Raw::Bool(true)), Ok(Some("TRUE".into())));
        assert_eq!(
            parse_text(&Raw::DateTime(dt(2026, 3, 5, 0, 0, 0))),
            Ok(Some("2026-03-05".into()))
        );
        assert_eq!(parse_text(&Raw::Number(f64::NAN)), Err(()));
        assert_eq!(parse_text(&Raw::Error("#N/A".into())), Err(()));
    }

    /// Every parser on hostile input: no panic, and a cell error is always an error.
    #[test]
    fn never_panics() {
        let mut cells = vec![
            Raw::Number(f64::NAN),
            Raw::Number(f64::INFINITY),
            Raw::Number(f64::NEG_INFINITY),
            Raw::Number(f64::MAX),
            Raw::Number(f64::MIN_POSITIVE),
            Raw::Number(-0.0),
            Raw::Number(1e20),
            Raw::DateTime(NaiveDateTime::MIN),
            Raw::DateTime(NaiveDateTime::MAX),
        ];
        let words = [
            "ｅｍａｉｌ",
            "İstanbul",
            "ﬁ",
            "🦀🦀🦀",
            "\u{0}",
            "\u{202e}3-5-2026",
            "5\u{301}-3-2026",
            "٣-٥-٢٠٢٦",
            "99999999999999999999-1-1",
            "1-1-99999999999999999999",
            "€€€",
            "(",
            ")",
            "'",
            "''",
            "cat.",
            "u\u{301}3",
            "3\u{301}",
            "12:00 PM PM",
            "1.2.3.4.5.6.7.8.9.10.11.12.13.14",
            "maandag maandag maandag maandag",
            "a b c d e f g h i j k l m n o p",
            "1 2 3 4 5 6 7 8 9 10 11 12 13 14",
        ];
        cells.extend(words.iter().map(|w| text(w)));
        cells.push(text(&"9".repeat(10_000)));
        cells.push(text(&"é".repeat(10_000)));
        // Pseudo-random strings from a mix of ASCII, separators and multi-byte characters.
        let alphabet: Vec<char> = "0123456789-/.,: 'aAmMpPtTzZ€éß🦀\u{a0}\u{2013}()+?nv"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_u64;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(seed % 24) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            cells.push(Raw::Text(s));
        }
        for cell in &cells {
            for date1904 in [false, true] {
                if let Ok(Some(v)) = parse_date(cell, date1904) {
                    let _ = (v.order_evidence(), v.resolve(DayOrder::DayFirst));
                    let _ = v.resolve(DayOrder::MonthFirst);
                }
            }
            let _ = parse_urgency(cell);
            let _ = parse_channel(cell);
            let _ = parse_nature(cell);
            let _ = parse_status(cell);
            let _ = parse_handling_mode(cell);
            let _ = parse_customer_type(cell);
            let _ = parse_justified(cell);
            if let Ok(Some(x)) = parse_decimal(cell) {
                assert!(x.is_finite());
            }
            let _ = parse_text(cell);
            if let Raw::Text(s) = cell {
                let _ = (is_blank_text(s), normalize_key(s));
            }
        }
        let error = Raw::Error("#REF!".into());
        assert_eq!(parse_date(&error, false), Err(()));
        assert_eq!(parse_urgency(&error), Err(()));
        assert_eq!(parse_channel(&error), Err(()));
        assert_eq!(parse_nature(&error), Err(()));
        assert_eq!(parse_status(&error), Err(()));
        assert_eq!(parse_handling_mode(&error), Err(()));
        assert_eq!(parse_customer_type(&error), Err(()));
        assert_eq!(parse_justified(&error), Err(()));
        assert_eq!(parse_decimal(&error), Err(()));
        assert_eq!(parse_text(&error), Err(()));
    }

    #[test]
    fn day_order_serialises_as_snake_case() {
        let json = serde_json::to_string(&[DayOrder::DayFirst, DayOrder::MonthFirst]);
        assert_eq!(json.ok().as_deref(), Some(r#"["day_first","month_first"]"#));
    }
}

/// Property tests: the parsers never panic on any input, and what a person writes for a valid
/// date or amount reads back as that date or amount.
#[cfg(test)]
mod props {
    use super::*;
    use crate::ingest::Raw;
    use chrono::Datelike;
    use proptest::prelude::*;

    /// Any cell, with the floats and dates that break naive code among them.
    fn any_raw() -> impl Strategy<Value = Raw> {
        let datetime = (dates(1, 9999), 0u32..86_400).prop_map(|(date, secs)| {
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0);
            date.and_time(time.unwrap_or_default())
        });
        prop_oneof![
            Just(Raw::Empty),
            any::<String>().prop_map(Raw::Text),
            "[0-9 .,:/'-]{0,30}[a-zA-Z]{0,9}".prop_map(Raw::Text),
            any::<f64>().prop_map(Raw::Number),
            datetime.prop_map(Raw::DateTime),
            any::<bool>().prop_map(Raw::Bool),
            any::<String>().prop_map(Raw::Error),
        ]
    }

    /// Dates from the first of January of `from` to the last of December of `to`.
    fn dates(from: i32, to: i32) -> impl Strategy<Value = NaiveDate> {
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

    /// An amount in cents as a Dutch register writes it: `€ 1.234,56`, `1234,5`, `€95,-`,
    /// `-12,50`, with or without thousands dots and euro sign.
    fn dutch_amount(cents: i64, grouped: bool, euro: bool, dash: bool) -> String {
        let (whole, frac) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
        let digits = whole.to_string();
        let mut int = String::new();
        for (i, c) in digits.chars().enumerate() {
            if grouped && i > 0 && (digits.len() - i) % 3 == 0 {
                int.push('.');
            }
            int.push(c);
        }
        let body = if frac == 0 && dash {
            format!("{int},-")
        } else {
            format!("{int},{frac:02}")
        };
        let sign = if cents < 0 { "-" } else { "" };
        if euro {
            format!("€ {sign}{body}")
        } else {
            format!("{sign}{body}")
        }
    }

    /// `is_blank_text` without its first-character shortcut: the definition it must agree with.
    fn blank_by_definition(s: &str) -> bool {
        let w: Vec<u8> = s
            .chars()
            .filter(|&c| c != '.' && !c.is_whitespace())
            .map(|c| match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => Some(b'-'),
                c if c.is_ascii() => Some(c.to_ascii_lowercase() as u8),
                _ => None,
            })
            .collect::<Option<Vec<u8>>>()
            .unwrap_or_else(|| b"x".to_vec());
        w.iter().all(|&b| b == b'-')
            || w.iter().all(|&b| b == b'?')
            || BLANK_WORDS.contains(&&w[..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn blank_shortcut_agrees(s in "[ .\\-?/a-zA-Z\u{2010}-\u{2015}\u{2212}\u{a0}é]{0,14}") {
            prop_assert_eq!(is_blank_text(&s), blank_by_definition(&s), "{:?}", s);
        }

        #[test]
        fn blank_words_are_blank(i in 0..BLANK_WORDS.len(), pad in "[ .]{0,3}") {
            let word = std::str::from_utf8(BLANK_WORDS[i]).unwrap_or_default().to_uppercase();
            let text = format!("{pad}{word}{pad}");
            prop_assert!(is_blank_text(&text), "{:?}", text);
        }

        #[test]
        fn parsers_never_panic(raw in any_raw(), date1904 in any::<bool>()) {
            let cell = RawRef::from(&raw);
            if let Ok(Some(v)) = parse_date(cell, date1904) {
                let _ = (v.order_evidence(), v.resolve(DayOrder::DayFirst));
                let _ = v.resolve(DayOrder::MonthFirst);
            }
            let _ = (parse_urgency(cell), parse_channel(cell), parse_nature(cell));
            let _ = (parse_status(cell), parse_handling_mode(cell));
            let _ = (parse_customer_type(cell), parse_justified(cell), parse_text(cell));
            if let Ok(Some(x)) = parse_decimal(cell) {
                prop_assert!(x.is_finite());
            }
            if let RawRef::Text(s) = cell {
                let _ = is_blank_text(s);
            }
        }

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

        #[test]
        fn dutch_amounts_round_trip(
            cents in -100_000_000_000i64..100_000_000_000,
            grouped in any::<bool>(),
            euro in any::<bool>(),
            dash in any::<bool>(),
        ) {
            let text = dutch_amount(cents, grouped, euro, dash);
            let read = parse_decimal(RawRef::Text(&text));
            prop_assert_eq!(read, Ok(Some(cents as f64 / 100.0)), "{}", text);
        }

        #[test]
        fn normalize_key_is_idempotent(
            s in prop_oneof![
                any::<String>(),
                // Latin with diacritics, Latin Extended Additional (ẞ), letterlike symbols
                // (the Kelvin and Ångström signs), Greek: where lower-casing and folding meet.
                "[a-zA-Z0-9 .()\\x{80}-\\x{24F}\\x{370}-\\x{3FF}\\x{1E00}-\\x{1EFF}\\x{2100}-\\x{214F}]{0,24}",
            ]
        ) {
            let key = normalize_key(&s);
            prop_assert_eq!(normalize_key(&key), key.clone());
            prop_assert!(key.chars().all(char::is_alphanumeric));
        }
    }
}
