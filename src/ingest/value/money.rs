//! Money: amounts as Dutch and English registers write them, in exact cents.

use super::{clean, is_blank_text};
use crate::ingest::raw::RawRef;
use crate::register::Cents;

/// Money: Dutch "1.234,56", "€ 95", "€95,-", "95,00", "EUR 1.234", "1234.56", English "1,234.56" (decide by which separator comes last and group patterns), negative "-12,50"; Raw::Number as is. Returns whole cents, rounded half away from zero from the digits as written (never through a float).
///
/// A single separator followed by exactly three digits groups thousands ("1.234", "1,234");
/// otherwise it is the decimal separator. An amount of ten billion euros or more
/// ([`Cents::LIMIT`]) is unreadable: no complaint costs that, so it is a slip.
///
/// ```
/// use klacht::ingest::{Raw, value::parse_money};
/// use klacht::register::Cents;
/// assert_eq!(parse_money(&Raw::Text("€ 1.234,56".into())), Ok(Some(Cents(123_456))));
/// assert_eq!(parse_money(&Raw::Text("95.50".into())), Ok(Some(Cents(9_550))));
/// assert_eq!(parse_money(&Raw::Text("n.v.t.".into())), Ok(None));
/// ```
pub fn parse_money<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Cents>, ()> {
    match raw.into() {
        RawRef::Empty => Ok(None),
        RawRef::Number(n) => number(n).map(Some),
        RawRef::Text(s) if is_blank_text(s) => Ok(None),
        RawRef::Text(s) => money_text(clean(s)),
        RawRef::DateTime(_) | RawRef::Bool(_) | RawRef::Error(_) => Err(()),
    }
}

/// A number cell: its shortest decimal form (what Excel shows of what was typed, `12.345`),
/// read as text, so that it rounds as the typed amount does; `-0` is 0.
fn number(x: f64) -> Result<Cents, ()> {
    // Rust writes a float without exponent; below the limit it has at most 10 whole digits.
    if !x.is_finite() || x.abs() * 100.0 >= Cents::LIMIT as f64 {
        return Err(());
    }
    let text = format!("{}", x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let cents = to_cents(int.as_bytes(), frac.as_bytes())?;
    Ok(Cents(if x < 0.0 { -cents } else { cents }))
}

/// Whole and fractional digits to cents, rounded half away from zero on the third decimal;
/// an error at or beyond [`Cents::LIMIT`].
fn to_cents(int: &[u8], frac: &[u8]) -> Result<i64, ()> {
    let mut cents: i64 = 0;
    let digits = int.iter().filter(|b| b.is_ascii_digit());
    let decimal = |i: usize| frac.get(i).map_or(0, |b| i64::from(b - b'0'));
    for &b in digits {
        cents = cents
            .checked_mul(10)
            .and_then(|c| c.checked_add(i64::from(b - b'0')))
            .filter(|c| c.checked_mul(100).is_some_and(|c| c < Cents::LIMIT))
            .ok_or(())?;
    }
    let rounding = i64::from(decimal(2) >= 5);
    let cents = cents * 100 + decimal(0) * 10 + decimal(1) + rounding;
    if cents >= Cents::LIMIT {
        return Err(());
    }
    Ok(cents)
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

fn money_text(s: &str) -> Result<Option<Cents>, ()> {
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
    let cents = amount(s)?;
    Ok(Some(Cents(if paren || neg1 || neg2 {
        -cents
    } else {
        cents
    })))
}

/// Digits with thousands and decimal separators, in cents; spaces between digits group
/// thousands.
fn amount(s: &str) -> Result<i64, ()> {
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
    to_cents(int, frac)
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
            ("1.234,56", 123_456),
            ("€ 95", 9500),
            ("€95,-", 9500),
            ("€ 95,--", 9500),
            ("95.-", 9500),
            ("95,00", 9500),
            ("EUR 1.234", 123_400),
            ("1.234 EUR", 123_400),
            ("1234.56", 123_456),
            ("1,234.56", 123_456),
            ("1,234", 123_400),
            ("1.234.567,8", 123_456_780),
            ("1,234,567", 123_456_700),
            ("-12,50", -1250),
            ("€ -12,50", -1250),
            ("-€ 12,50", -1250),
            ("\u{2212}12,50", -1250),
            ("(12,50)", -1250),
            ("+7", 700),
            ("12,5", 1250),
            ("0,125", 13),
            ("1234,567", 123_457),
            ("1 234,56", 123_456),
            ("1\u{a0}234,56", 123_456),
            ("1 234 567", 123_456_700),
            ("€ 1 234.5", 123_450),
            (",50", 50),
            ("95,", 9500),
            ("'95", 9500),
            ("12,50 €", 1250),
            ("euro 10", 1000),
            ("95.50", 9550),
            ("0,124", 12),
            ("-0,125", -13),
        ] {
            assert_eq!(parse_money(&text(s)), Ok(Some(Cents(want))), "{s:?}");
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
            "10.000.000.000",
            "€ 9.999.999.999,995",
        ] {
            // "€" alone is a blank cell, the rest unreadable.
            let got = parse_money(&text(s));
            if s == "€" {
                assert_eq!(got, Ok(None));
            } else {
                assert_eq!(got, Err(()), "{s:?}");
            }
        }
        assert_eq!(parse_money(&text("€ -")), Ok(None));
        assert_eq!(parse_money(&text("n.v.t.")), Ok(None));
        assert_eq!(parse_money(&text("-")), Ok(None));
        assert_eq!(parse_money(&text("ongeveer 100")), Err(()));
        assert_eq!(
            parse_money(&text("999.999.999,99")),
            Ok(Some(Cents(99_999_999_999)))
        );
        let number = |x: f64| parse_money(&Raw::Number(x));
        assert_eq!(number(95.0), Ok(Some(Cents(9_500))));
        assert_eq!(number(12.345_6), Ok(Some(Cents(1_235))));
        assert_eq!(
            number(1.005),
            Ok(Some(Cents(101))),
            "as typed, not 100.49999…"
        );
        assert_eq!(number(0.1 + 0.2), Ok(Some(Cents(30))));
        assert_eq!(number(-0.0), Ok(Some(Cents(0))));
        assert_eq!(number(-12.5), Ok(Some(Cents(-1_250))));
        assert_eq!(number(1e-7), Ok(Some(Cents(0))));
        assert_eq!(number(9_999_999_999.99), Ok(Some(Cents(999_999_999_999))));
        assert_eq!(
            number(1e10),
            Err(()),
            "ten billion euros is no complaint's cost"
        );
        assert_eq!(number(1e300), Err(()));
        assert_eq!(number(f64::NAN), Err(()));
        assert_eq!(parse_money(&Raw::Bool(true)), Err(()));
        assert_eq!(parse_money(&Raw::Error("#DIV/0!".into())), Err(()));
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
            cents in -999_999_999_999i64..999_999_999_999,
            grouped in any::<bool>(),
            euro in any::<bool>(),
            dash in any::<bool>(),
        ) {
            let text = dutch_amount(cents, grouped, euro, dash);
            let read = parse_money(RawRef::Text(&text));
            prop_assert_eq!(read, Ok(Some(Cents(cents))), "{}", text);
        }
    }
}
