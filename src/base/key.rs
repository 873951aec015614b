//! Keys: text folded for comparison (lower case, Latin diacritics off, only letters and
//! digits). The one folding of the crate: headers, vocabularies and value mappings all compare
//! by it.

/// Lower-case, accents stripped (é→e, ë→e, ï→i, ü→u, ç→c, þ→th …), everything that is not a letter or digit removed. Used for header matching, vocabularies and value mapping keys. "Datum ontvangst" -> "datumontvangst", "Klachtnr." -> "klachtnr", "Behandelaar(s)" -> "behandelaars", "T/NT" -> "tnt".
///
/// ```
/// use klacht::base::key::normalize_key;
/// assert_eq!(normalize_key("Coördinator (privé)"), "coordinatorprive");
/// ```
pub fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_key(&mut out, s);
    out
}

/// Appends the [`normalize_key`] of `s` to `out`: into a compact
/// [`Text`](crate::register::Text) a key of up to 24 bytes needs no allocation (a million
/// customer numbers and job references are keyed).
///
/// ```
/// use klacht::base::key::push_key;
/// use klacht::register::Text;
/// let mut key = Text::from("#");
/// push_key(&mut key, "K-013 444");
/// assert_eq!(key, "#k013444");
/// ```
pub fn push_key(out: &mut impl Extend<char>, s: &str) {
    out.extend(key_chars(s));
}

/// Whether two texts have the same key, compared without allocating (a value mapping is
/// looked up for every cell of its column).
///
/// ```
/// use klacht::base::key::same_key;
/// assert!(same_key("Postal-mail", " postal mail "));
/// assert!(!same_key("ab", "abc"));
/// ```
pub fn same_key(a: &str, b: &str) -> bool {
    key_chars(a).eq(key_chars(b))
}

/// The characters of the [`normalize_key`] of `s`, one by one.
///
/// Non-ASCII characters are lower-cased before folding, so that a key is its own key: `ẞ` →
/// `ß` → `ss`, the Kelvin sign → `k`.
pub fn key_chars(s: &str) -> KeyChars<'_> {
    KeyChars {
        chars: s.chars(),
        lower: None,
        pending: None,
    }
}

/// Iterator over the key characters of a text; see [`key_chars`].
#[derive(Debug, Clone)]
pub struct KeyChars<'a> {
    chars: std::str::Chars<'a>,
    /// The lower case of the last non-ASCII character, not yet all folded.
    lower: Option<std::char::ToLowercase>,
    /// The second letter of a fold into two (`æ` → `ae`).
    pending: Option<char>,
}

impl Iterator for KeyChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.pending.take() {
            return Some(c);
        }
        loop {
            if let Some(lower) = &mut self.lower {
                match lower.next() {
                    Some(l) => match key_char(l, &mut self.pending) {
                        Some(k) => return Some(k),
                        None => continue,
                    },
                    None => self.lower = None,
                }
            }
            // ASCII, nearly every character of a register, is settled without lower-casing
            // tables.
            let c = self.chars.next()?;
            if !c.is_ascii() {
                self.lower = Some(c.to_lowercase());
            } else if c.is_ascii_alphanumeric() {
                return Some(c.to_ascii_lowercase());
            }
        }
    }
}

/// One lower-cased character of a key: ASCII letters and digits as they are, Latin letters
/// with a diacritic folded (a second letter left in `pending`), other letters and digits as
/// they are, everything else (including the combining marks that lower-casing may add)
/// dropped.
fn key_char(c: char, pending: &mut Option<char>) -> Option<char> {
    if c.is_ascii() {
        c.is_ascii_alphanumeric().then_some(c)
    } else if let Some(base) = fold_latin(c) {
        let mut letters = base.chars();
        let first = letters.next();
        *pending = letters.next();
        first
    } else {
        c.is_alphanumeric().then_some(c)
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
pub(crate) fn short_key<'a>(s: &str, buf: &'a mut [u8; 32]) -> Option<&'a str> {
    let mut n = 0;
    for c in key_chars(s) {
        let slot = buf.get_mut(n).filter(|_| c.is_ascii())?;
        *slot = c as u8;
        n += 1;
    }
    // As in `is_blank_text`: `n` counts stored bytes only.
    std::str::from_utf8(&buf[..n]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            // Latin letters without a decomposition fold too.
            ("Þórshöfn", "thorshofn"),
            ("ŋ ħ ŧ ð ſ", "nhtds"),
        ] {
            assert_eq!(normalize_key(s), k, "{s:?}");
        }
    }
}

/// Property tests: a key is its own key.
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

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
