//! Money: amounts as Dutch and English registers write them, in euros rounded to cents.

use super::{clean, is_blank_text};
use crate::ingest::raw::RawRef;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Raw;

    fn text(s: &str) -> Raw {
        Raw::Text(s.to_string())
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
}

/// Property tests: a Dutch amount reads back as its cents.
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

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
    }
}
