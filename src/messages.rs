//! The one catalogue of texts for people, keyed by stable codes: error codes (`E…`) and the
//! rule codes of the findings. Dutch first, English second. Templates name their blanks
//! (`{file}`, `{cell}`, …) and [`fill`] puts the values in.

use crate::Lang;

/// `(code, Dutch, English)`.
const CATALOGUE: &[(&str, &str, &str)] = &[
    // Input errors (exit code 2).
    ("E-not-found", "{file}: bestand niet gevonden.", "{file}: file not found."),
    ("E-is-dir", "{file}: is een map, geen bestand. Geef het registerbestand zelf op.",
     "{file}: is a directory, not a file. Name the register file itself."),
    ("E-io", "{file}: kan niet gelezen worden: {detail}", "{file}: cannot be read: {detail}"),
    ("E-empty", "{file}: het bestand is leeg.", "{file}: the file is empty."),
    ("E-format", "{file}: onbekend bestandstype. Gebruik xlsx, xlsm, xls, xlsb, ods of csv.",
     "{file}: unknown file type. Use xlsx, xlsm, xls, xlsb, ods or csv."),
    ("E-encrypted", "{file}: de werkmap is met een wachtwoord beveiligd. Sla een onbeveiligde kopie op en geef die op.",
     "{file}: the workbook is password-protected. Save an unprotected copy and use that."),
    ("E-corrupt", "{file}: het bestand is beschadigd of geen geldige {format}: {detail}",
     "{file}: the file is damaged or not a valid {format}: {detail}"),
    ("E-too-large", "{file}: het bestand is groter dan de grens van {limit} (instelling limits.{key}).",
     "{file}: the file is larger than the limit of {limit} (setting limits.{key})."),
    ("E-too-many-cells", "{file}: blad {sheet} loopt tot cel {cell} en heeft daarmee {cells} cellen, meer dan de grens van {limit} (instelling limits.max_cells). Verwijder verdwaalde cellen ver buiten het register.",
     "{file}: sheet {sheet} reaches cell {cell} and so has {cells} cells, more than the limit of {limit} (setting limits.max_cells). Delete stray cells far outside the register."),
    ("E-too-many-fields", "{file}: regel {line} heeft {fields} velden, meer dan de grens van {limit} (instelling limits.max_fields).",
     "{file}: line {line} has {fields} fields, more than the limit of {limit} (setting limits.max_fields)."),
    ("E-zip-bomb", "{file}: de werkmap pakt uit tot {unpacked}, {ratio} keer zo groot als het bestand, meer dan de grens van {limit} keer (instelling limits.max_ratio). Zo'n bestand is bijna altijd een zipbom; is het een echte werkmap, verhoog dan de grens.",
     "{file}: the workbook unpacks to {unpacked}, {ratio} times the size of the file, more than the limit of {limit} times (setting limits.max_ratio). Such a file is nearly always a zip bomb; if it is a real workbook, raise the limit."),
    ("E-no-sheet", "{file}: blad {sheet} bestaat niet. Bladen in dit bestand: {sheets}.",
     "{file}: there is no sheet {sheet}. Sheets in this file: {sheets}."),
    ("E-no-register", "{file}: geen register gevonden: geen rij lijkt op een kopregel met bijvoorbeeld Datum ontvangst, Omschrijving en Behandelaar.",
     "{file}: no register found: no row looks like a header row with, for example, Date received, Description and Handler."),
    ("E-too-many-sources", "{file}: meer dan 65.536 bladen en bestanden in één keer; lees het register in delen.",
     "{file}: more than 65,536 sheets and files at once; read the register in parts."),
    ("E-nul-bytes", "{file}: regel {line} bevat NUL-tekens (0x00), dus dit is geen tekstbestand. Is het een werkmap met een verkeerde naam, of is het beschadigd?",
     "{file}: line {line} holds NUL characters (0x00), so this is not a text file. Is it a workbook under a wrong name, or is it damaged?"),
    ("E-encoding", "{file}: de tekst is geen geldige {encoding}.", "{file}: the text is not valid {encoding}."),
    // Configuration errors (klacht.toml), each naming the setting and its line.
    ("E-config-syntax", "{file}, regel {line}: geen geldige TOML: {detail}",
     "{file}, line {line}: not valid TOML: {detail}"),
    ("E-config-unknown-key", "{file}, regel {line}: onbekende instelling {key}. Toegestaan: {allowed}.",
     "{file}, line {line}: unknown setting {key}. Allowed: {allowed}."),
    ("E-config-not-table", "{file}, regel {line}: {key} moet een tabel zijn, zoals [{key}].",
     "{file}, line {line}: {key} must be a table, like [{key}]."),
    ("E-config-not-text", "{file}, regel {line}: {key} moet tekst tussen aanhalingstekens zijn.",
     "{file}, line {line}: {key} must be text in quotes."),
    ("E-config-not-texts", "{file}, regel {line}: {key} moet een kolomkop zijn (\"Kop\") of een lijst ervan ([\"Kop 1\", \"Kop 2\"]).",
     "{file}, line {line}: {key} must be a column header (\"Header\") or a list of them ([\"Header 1\", \"Header 2\"])."),
    ("E-config-not-list", "{file}, regel {line}: {key} moet een lijst zijn, zoals [\"2026-07-20\", \"2026-07-21\"].",
     "{file}, line {line}: {key} must be a list, like [\"2026-07-20\", \"2026-07-21\"]."),
    ("E-config-number", "{file}, regel {line}: {key} = {value} is ongeldig; verwacht een geheel getal van {min} tot en met {max}.",
     "{file}, line {line}: {key} = {value} is not valid; expected a whole number from {min} to {max}."),
    ("E-config-number-or-none", "{file}, regel {line}: {key} = {value} is ongeldig; verwacht een geheel getal van {min} tot en met {max}, of \"none\" voor geen streeftermijn.",
     "{file}, line {line}: {key} = {value} is not valid; expected a whole number from {min} to {max}, or \"none\" for no target."),
    ("E-config-choice", "{file}, regel {line}: {key} = {value} is ongeldig; kies uit {allowed}.",
     "{file}, line {line}: {key} = {value} is not valid; choose from {allowed}."),
    ("E-config-date", "{file}, regel {line}: {key}: {value} is geen geldige datum of periode; schrijf \"JJJJ-MM-DD\" of \"JJJJ-MM-DD..JJJJ-MM-DD\" (van vroeg naar laat, hoogstens {max} dagen).",
     "{file}, line {line}: {key}: {value} is not a valid date or period; write \"YYYY-MM-DD\" or \"YYYY-MM-DD..YYYY-MM-DD\" (earliest first, at most {max} days)."),
    ("E-config-no-values", "{file}, regel {line}: {key}: waarden vertalen kan alleen voor velden met vaste waarden: {allowed}.",
     "{file}, line {line}: {key}: value mappings exist only for fields with fixed values: {allowed}."),
    ("E-config-blank-key", "{file}, regel {line}: {key}: een waarde zonder letters of cijfers kan niet vertaald worden; zulke cellen gelden als leeg.",
     "{file}, line {line}: {key}: a value without letters or digits cannot be mapped; such cells count as blank."),
    ("E-config-duplicate", "{file}, regel {line}: {key}: {value} staat ook al bij {other}.",
     "{file}, line {line}: {key}: {value} is also given for {other}."),
    ("E-output", "{file}: kan niet geschreven worden: {detail}", "{file}: cannot be written: {detail}"),
    ("E-output-is-input", "{file}: dit is ook een invoerbestand; kies een andere uitvoer, het register wordt nooit overschreven.",
     "{file}: this is also an input file; choose another output, the register is never overwritten."),
    ("E-usage", "{detail}", "{detail}"),
    ("E-only-lock-files", "{file}: dit is het vergrendelbestand dat Excel of LibreOffice naast een geopende werkmap zet, geen register; geef de werkmap zelf op ({workbook}).",
     "{file}: this is the lock file Excel or LibreOffice puts beside an open workbook, not a register; name the workbook itself ({workbook})."),
    ("W-workbook-open", "{workbook} is elders geopend (vergrendelbestand {lock} overgeslagen); de laatst opgeslagen versie wordt gelezen.",
     "{workbook} is open elsewhere (lock file {lock} skipped); its last saved version is read."),
    ("W-lock-file-alone", "{lock} overgeslagen: het vergrendelbestand van {workbook}, dat niet is opgegeven.",
     "{lock} skipped: the lock file of {workbook}, which was not given."),
    ("E-suggest-one-file", "{file}: --suggest-mapping maakt een voorstel voor één registerbestand; geef alleen dat bestand op.",
     "{file}: --suggest-mapping makes a suggestion for one register file; name only that file."),
    ("E-annotate-ext", "{file}: --annotate schrijft een Excel-werkmap; gebruik een bestandsnaam op .xlsx.",
     "{file}: --annotate writes an Excel workbook; use a file name ending in .xlsx."),
    ("E-changed", "{file}: het bestand is gewijzigd terwijl klacht het las; voer de opdracht opnieuw uit.",
     "{file}: the file changed while klacht was reading it; run the command again."),
    ("E-metrics", "Interne fout bij het berekenen van de rapportcijfers: {detail}",
     "Internal error while computing the report figures: {detail}"),
    ("E-period", "Periode {value} is ongeldig; schrijf 2026-Q3 (kwartaal), 2026-07 (maand), 2026-H2 (halfjaar), 2026 (jaar) of 2026-07-01..2026-09-30 (van vroeg naar laat).",
     "Period {value} is not valid; write 2026-Q3 (quarter), 2026-07 (month), 2026-H2 (half year), 2026 (year) or 2026-07-01..2026-09-30 (earliest first)."),
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
    ("N-excluded-no-date-column", "uitgesloten: {rows} rijen van {file}, want er is geen kolom voor de datum van ontvangst",
     "excluded: {rows} rows of {file}, as there is no column for the date of receipt"),
    // Progress on a terminal during long runs (`crate::progress`).
    ("P-import", "registers inlezen", "reading registers"),
    ("P-validate", "controleren", "checking"),
    ("P-figures", "controleren en cijfers berekenen", "checking and computing figures"),
    ("P-render", "uitvoer schrijven", "writing output"),
];

/// The template for `code` in `lang`; the code itself where the catalogue has no entry (a
/// test keeps that from happening).
///
/// ```
/// use klacht::{messages, Lang};
/// assert!(messages::template("E-empty", Lang::Nl).contains("leeg"));
/// ```
pub fn template(code: &str, lang: Lang) -> &'static str {
    CATALOGUE
        .iter()
        .chain(crate::base::catalogue::RULE_TEXTS.iter())
        .find(|(c, _, _)| *c == code)
        .map(|(_, nl, en)| lang.pick(nl, en))
        .unwrap_or("{code}")
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

    #[test]
    fn unknown_blanks_are_left_visible() {
        assert_eq!(fill("{a} {b}", &[("a", "1")]), "1 {b}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }
}
