//! Value parsers: one raw cell to the typed value of a register field, accepting what people
//! really write in hand-kept Dutch registers (SPEC §2) and in foreign ones read through a
//! mapping. One file per kind of value; this module holds the entry points shared by all.
//!
//! Every parser answers `Ok(None)` for an empty cell or a blank word (`n.v.t.`, `-`, `?`),
//! `Err(())` for a value it cannot read (the caller reports the cell), and never panics. Dates
//! are parsed by hand from bytes without allocating: a large register has a million rows with
//! several date columns.

// `Err(())` is the interface: the caller knows the cell and reports it; a parser has nothing
// to add but "unreadable".
#![allow(clippy::result_unit_err)]

mod blank;
mod date;
mod money;
mod urgency;
mod vocab;
mod words;

pub use blank::is_blank_text;
pub use date::{parse_date, DateValue, OrderEvidence};
pub use money::parse_money;
pub use urgency::parse_urgency;
pub use vocab::{
    parse_channel, parse_customer_type, parse_handling_mode, parse_justified, parse_nature,
    parse_satisfaction, parse_status,
};

use crate::ingest::raw::{format_number, RawRef};
use crate::register::Text;

/// Text without its surrounding space and a leading apostrophe (Excel's text marker).
fn clean(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('\'').map_or(t, str::trim_start)
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
    use crate::base::key::normalize_key;
    use crate::base::DayOrder;
    use crate::ingest::Raw;
    use chrono::{NaiveDate, NaiveDateTime};

    fn dt(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, mi, s))
            .expect("test date exists")
    }

    fn text(s: &str) -> Raw {
        Raw::Text(s.to_string())
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
            let _ = parse_satisfaction(cell);
            if let Ok(Some(x)) = parse_money(cell) {
                assert!(x.0.abs() < crate::register::Cents::LIMIT);
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
        assert_eq!(parse_satisfaction(&error), Err(()));
        assert_eq!(parse_money(&error), Err(()));
        assert_eq!(parse_text(&error), Err(()));
    }
}

/// Property tests: the parsers never panic on any input.
#[cfg(test)]
mod props {
    use super::date::props::dates;
    use super::*;
    use crate::base::DayOrder;
    use crate::ingest::Raw;
    use chrono::NaiveTime;
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

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
            let _ = parse_satisfaction(cell);
            if let Ok(Some(x)) = parse_money(cell) {
                prop_assert!(x.0.abs() < crate::register::Cents::LIMIT);
            }
            if let RawRef::Text(s) = cell {
                let _ = is_blank_text(s);
            }
        }
    }
}
