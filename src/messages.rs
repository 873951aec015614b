//! The one catalogue of texts for people keyed by codes that travel as data: the rule codes
//! of the findings, notices (`N-…`), warnings (`W-…`), hints (`H-…`) and progress (`P-…`).
//! Each rule's explanation for `klacht uitleg` sits beside its message texts, in
//! [`crate::base::catalogue::Explanation`].
//! The texts of run-stopping errors (`E-…`) are in [`crate::error::Error::message`], one
//! exhaustive `match` over the typed variants. Dutch first, English second. Templates name their blanks
//! (`{file}`, `{cell}`, …) and [`fill`] puts the values in.

use crate::Lang;

/// `(code, Dutch, English)`.
const CATALOGUE: &[(&str, &str, &str)] = &[
    ("W-workbook-open", "{workbook} is elders geopend (vergrendelbestand {lock} overgeslagen); de laatst opgeslagen versie wordt gelezen.",
     "{workbook} is open elsewhere (lock file {lock} skipped); its last saved version is read."),
    ("W-lock-file-alone", "{lock} overgeslagen: het vergrendelbestand van {workbook}, dat niet is opgegeven.",
     "{lock} skipped: the lock file of {workbook}, which was not given."),
    // Hint appended to an unreadable value of a field with fixed values (`unreadable-value`).
    ("H-map-value", "; vertaal hem in klacht.toml met {mapping} en een van {keys}",
     "; map it in klacht.toml with {mapping} and one of {keys}"),
    // First contact with a register of other headers (`klacht check`, render::terminal).
    ("N-missing-columns", "{file}: geen kolom herkend voor {fields}; die heeft elke klacht nodig.",
     "{file}: no column recognised for {fields}, which every complaint needs."),
    ("N-candidates", "{field}: komt misschien uit {headers}", "{field}: perhaps in {headers}"),
    ("N-no-candidates", "{field}: geen kolom die ervoor in aanmerking komt",
     "{field}: no column that could hold it"),
    ("N-suggest-mapping", "Volgende stap: klacht check --suggest-mapping {file} > klacht.toml schrijft een voorstel voor de kolommen en waarden; vul het aan en voer klacht check opnieuw uit.",
     "Next step: klacht check --suggest-mapping {file} > klacht.toml writes a suggestion for the columns and values; complete it and run klacht check again."),
    // The line the terminal summaries of `check` and `report` end with (render::explain).
    ("N-explain", "meer uitleg: klacht uitleg CODE (bijvoorbeeld klacht uitleg {code})",
     "more: klacht explain CODE (for example klacht explain {code})"),
    ("N-excluded-no-date-column", "uitgesloten: {rows} rijen van {file}, want er is geen kolom voor de datum van ontvangst",
     "excluded: {rows} rows of {file}, as there is no column for the date of receipt"),
    // Progress on a terminal during long runs (`crate::progress`).
    ("P-import", "registers inlezen", "reading registers"),
    ("P-validate", "controleren", "checking"),
    ("P-figures", "controleren en cijfers berekenen", "checking and computing figures"),
    ("P-render", "uitvoer schrijven", "writing output"),
    ("P-causes", "oorzaken groeperen", "grouping causes"),
];

/// The template for `code` in `lang`; the code itself where the catalogue has no entry (a
/// test checks that every code written in the source has one).
///
/// ```
/// use klacht::{messages, Lang};
/// assert!(messages::template("P-validate", Lang::Nl).contains("controleren"));
/// ```
pub fn template(code: &str, lang: Lang) -> &str {
    CATALOGUE
        .iter()
        .chain(crate::base::catalogue::RULE_TEXTS.iter())
        .find(|(c, _, _)| *c == code)
        .map(|(_, nl, en)| lang.pick(nl, en))
        .unwrap_or(code)
}

/// Replaces each `{name}` in `template` by its value.
///
/// ```
/// use klacht::messages::fill;
/// assert_eq!(fill("{file}: {n} rijen", &[("file", "a.csv"), ("n", "3")]), "a.csv: 3 rijen");
/// ```
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    // Slicing at positions `find` returned, and one byte past a `{` or `}` (ASCII): always on
    // a character boundary and in bounds.
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The message for `code` in `lang` with its blanks filled.
pub fn text(code: &str, lang: Lang, args: &[(&str, &str)]) -> String {
    fill(template(code, lang), args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_both_languages_and_codes_are_unique() {
        let all: Vec<_> = CATALOGUE
            .iter()
            .chain(crate::base::catalogue::RULE_TEXTS.iter())
            .collect();
        let mut codes: Vec<_> = all.iter().map(|(c, _, _)| *c).collect();
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len(), "duplicate code in the catalogue");
        for (code, nl, en) in all {
            assert!(!nl.is_empty() && !en.is_empty(), "{code}");
        }
    }

    /// Every code the source names (`"N-…"`, `"P-…"`, `"W-…"`, `"H-…"` in quotes) has a text,
    /// so [`template`]'s fallback to the bare code is never reached.
    #[test]
    fn every_code_named_in_the_source_has_a_text() {
        let mut named = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for piece in text.split('"').skip(1).step_by(2) {
                        let prefixed = ["N-", "P-", "W-", "H-"]
                            .iter()
                            .any(|p| piece.starts_with(p));
                        let word = piece.len() > 2
                            && piece.is_char_boundary(2)
                            && piece[2..]
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c == '-');
                        if prefixed && word {
                            named.push(piece.to_string());
                        }
                    }
                }
            }
        }
        assert!(named.len() >= 10, "{named:?}");
        for code in named {
            assert!(
                CATALOGUE.iter().any(|(c, _, _)| *c == code),
                "no text for {code}"
            );
        }
    }

    #[test]
    fn unknown_blanks_are_left_visible() {
        assert_eq!(fill("{a} {b}", &[("a", "1")]), "1 {b}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }
}
