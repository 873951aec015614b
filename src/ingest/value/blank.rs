//! Blank cells: the words registers write where they have no value (`n.v.t.`, `-`, `?`).

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

#[cfg(test)]
mod tests {
    use super::*;

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
}

/// Property tests: the shortcut agrees with the definition of a blank word.
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

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
    }
}
