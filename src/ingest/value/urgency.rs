//! Urgency: a category number 1–8 or the procedure's label, with the prefixes registers use.

use super::{clean, is_blank_text};
use crate::base::key::normalize_key;
use crate::ingest::raw::RawRef;
use crate::register::Urgency;
use crate::Lang;
use std::sync::OnceLock;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Raw;

    fn text(s: &str) -> Raw {
        Raw::Text(s.to_string())
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
}
