//! Finding the header row of a hand-kept register and matching its headers to fields.
//!
//! Registers have title rows, notes and blank rows above the header, so every one of the first
//! rows is scored by how many distinct fields its cells name; the best row wins. A header
//! matches a field exactly (the template's header or a synonym), by a configured mapping, or
//! loosely (it starts with or contains a long synonym: `Omschrijving van de klacht`). Each
//! column gets at most one field and each field at most one column, best matches first.

use super::value::normalize_key;
use super::{Raw, RawRow};
use crate::register::Field;
use std::collections::BTreeMap;

/// How many rows from the top are considered as header candidates.
pub const HEADER_SCAN_ROWS: usize = 50;

/// How a header was matched to its field, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// Named in `[columns]` of the configuration.
    Configured,
    /// The template's header or a known synonym.
    Exact,
    /// Starts with a known synonym (`Klachtnummer intern`).
    Prefix,
    /// Contains a known synonym (`Korte omschrijving van de klacht`).
    Contains,
}

/// One column of the header row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Column {
    /// 0-based column index.
    pub col: u32,
    /// The header as written (trimmed; empty for a column without header).
    pub header: String,
    pub field: Option<Field>,
    pub how: Option<MatchKind>,
}

/// The result of header detection on one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderMatch {
    /// Index into the scanned rows of the header row.
    pub index: usize,
    /// The header row's own row number (0-based).
    pub row: u32,
    pub columns: Vec<Column>,
    /// Quality of the match; compares sheets with each other.
    pub score: u32,
}

impl HeaderMatch {
    /// The column that holds `field`.
    pub fn column_of(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|c| c.field == Some(field))
            .map(|c| c.col)
    }
}

/// What the configuration says about columns: headers per field; an empty list means the
/// register has no such column and none must be guessed.
pub type ColumnMap = BTreeMap<Field, Vec<String>>;

/// Loose matching only for synonyms at least this long, so that `Datum` or `Nr` never match
/// inside other headers.
const MIN_LOOSE_LEN: usize = 6;

/// A normalised synonym with its rank (0 for the template header; lower is preferred).
struct Synonym {
    field: Field,
    key: String,
    rank: usize,
}

fn synonyms(columns: &ColumnMap) -> Vec<Synonym> {
    let mut out = Vec::new();
    for &field in Field::ALL {
        if columns.get(&field).is_some_and(|v| v.is_empty()) {
            continue; // the configuration says there is no such column
        }
        let names = [
            field.header(crate::Lang::Nl),
            field.header(crate::Lang::En),
            field.key(),
        ];
        for (rank, name) in names.iter().chain(field.synonyms().iter()).enumerate() {
            out.push(Synonym {
                field,
                key: normalize_key(name),
                rank,
            });
        }
    }
    out
}

/// The best match of one header text against the known synonyms: (kind, rank, field).
fn candidates(
    header: &str,
    syns: &[Synonym],
    columns: &ColumnMap,
) -> Vec<(MatchKind, usize, Field)> {
    let key = normalize_key(header);
    if key.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (field, names) in columns {
        if let Some(rank) = names.iter().position(|n| normalize_key(n) == key) {
            out.push((MatchKind::Configured, rank, *field));
        }
    }
    for s in syns {
        if columns.contains_key(&s.field) {
            continue; // configured fields match only by their configured headers
        }
        let kind = if s.key == key {
            MatchKind::Exact
        } else if s.key.len() >= MIN_LOOSE_LEN && key.starts_with(&s.key) {
            MatchKind::Prefix
        } else if s.key.len() >= MIN_LOOSE_LEN && key.contains(&s.key) {
            MatchKind::Contains
        } else {
            continue;
        };
        out.push((kind, s.rank, s.field));
    }
    out
}

/// Text of a header cell; numbers and dates are no headers.
fn header_text(cell: &Raw) -> Option<&str> {
    match cell {
        Raw::Text(s) if !s.trim().is_empty() => Some(s.trim()),
        _ => None,
    }
}

/// Matches the cells of one row; returns the columns and the score.
pub fn match_row(row: &RawRow, columns: &ColumnMap) -> (Vec<Column>, u32) {
    let syns = synonyms(columns);
    match_row_with(row, columns, &syns)
}

fn match_row_with(row: &RawRow, columns: &ColumnMap, syns: &[Synonym]) -> (Vec<Column>, u32) {
    let mut cols: Vec<Column> = row
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| Column {
            col: i as u32,
            header: header_text(c).unwrap_or("").to_string(),
            field: None,
            how: None,
        })
        .collect();
    let mut all: Vec<(MatchKind, usize, u32, Field)> = Vec::new();
    for c in &cols {
        for (kind, rank, field) in candidates(&c.header, syns, columns) {
            all.push((kind, rank, c.col, field));
        }
    }
    all.sort();
    let mut taken: Vec<Field> = Vec::new();
    for (kind, _, col, field) in all {
        // `col` is the index of one of `cols`, taken from them above.
        let column = &mut cols[col as usize];
        if column.field.is_some() || taken.contains(&field) {
            continue;
        }
        column.field = Some(field);
        column.how = Some(kind);
        taken.push(field);
    }
    let score = cols
        .iter()
        .filter_map(|c| Some((c.field?, c.how?)))
        .map(|(f, how)| {
            let weight = match f.need() {
                crate::register::Need::Required => 4,
                _ => 2,
            };
            match how {
                MatchKind::Configured | MatchKind::Exact => weight * 2,
                MatchKind::Prefix | MatchKind::Contains => weight,
            }
        })
        .sum();
    (cols, score)
}

/// Finds the header row among `rows` (the first rows of a sheet). A header must name at least
/// two fields, one of them required or configured; otherwise there is no register here.
///
/// ```
/// use klacht::ingest::{header::detect, Raw, RawRow};
/// let text = |s: &str| Raw::Text(s.to_string());
/// let rows = vec![
///     RawRow { row: 0, line: None, cells: vec![text("Klachtenregister 2026")] },
///     RawRow { row: 1, line: None, cells: vec![] },
///     RawRow { row: 2, line: None, cells: vec![text("Klachtnr."), text("Datum ontvangst"), text("Omschrijving klacht")] },
/// ];
/// let h = detect(&rows, &Default::default()).unwrap();
/// assert_eq!(h.row, 2);
/// ```
pub fn detect(rows: &[RawRow], columns: &ColumnMap) -> Option<HeaderMatch> {
    let syns = synonyms(columns);
    let mut best: Option<HeaderMatch> = None;
    for (index, row) in rows.iter().take(HEADER_SCAN_ROWS).enumerate() {
        let (cols, score) = match_row_with(row, columns, &syns);
        let matched: Vec<_> = cols.iter().filter_map(|c| c.field.zip(c.how)).collect();
        let anchored = matched.iter().any(|(f, how)| {
            f.need() == crate::register::Need::Required || *how == MatchKind::Configured
        });
        if matched.len() < 2 || !anchored {
            continue;
        }
        if best.as_ref().is_none_or(|b| score > b.score) {
            best = Some(HeaderMatch {
                index,
                row: row.row,
                columns: cols,
                score,
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: u32, cells: &[&str]) -> RawRow {
        RawRow {
            row: n,
            line: None,
            cells: cells
                .iter()
                .map(|s| {
                    if s.is_empty() {
                        Raw::Empty
                    } else {
                        Raw::Text(s.to_string())
                    }
                })
                .collect(),
        }
    }

    fn fields(h: &HeaderMatch) -> Vec<Option<&'static str>> {
        h.columns.iter().map(|c| c.field.map(|f| f.key())).collect()
    }

    #[test]
    fn finds_the_header_below_title_and_notes() {
        let rows = vec![
            row(0, &["Klachtenregister Koeltechniek Van der Berg B.V."]),
            row(1, &[]),
            row(2, &["Bijgewerkt door: J. de Vries", "", "Datum: 3-3-2026"]),
            row(
                3,
                &[
                    "Klachtnr.",
                    "Datum ontvangst",
                    "Ontvangen via",
                    "Klantnaam",
                    "Werkbonnr.",
                    "Omschrijving klacht",
                    "T/NT",
                    "Cat.",
                    "Behandelaar",
                    "Afgehandeld op",
                    "Opmerkingen intern",
                ],
            ),
            row(4, &["K-001", "3-1-2025", "mail", "Jansen"]),
        ];
        let h = detect(&rows, &ColumnMap::new()).unwrap();
        assert_eq!(h.row, 3);
        assert_eq!(
            fields(&h),
            vec![
                Some("id"),
                Some("received_date"),
                Some("channel"),
                Some("customer"),
                Some("job_ref"),
                Some("description"),
                Some("nature"),
                Some("urgency"),
                Some("handler"),
                Some("closed_date"),
                Some("notes"),
            ]
        );
    }

    #[test]
    fn case_accents_and_punctuation_do_not_matter() {
        let h = detect(
            &[row(
                0,
                &[
                    "DATUM  ONTVANGST",
                    "omschrijving",
                    "Behandelaar(s)",
                    "Créée",
                ],
            )],
            &ColumnMap::new(),
        )
        .unwrap();
        assert_eq!(h.column_of(Field::ReceivedDate), Some(0));
        assert_eq!(h.column_of(Field::Description), Some(1));
        assert_eq!(h.column_of(Field::Handler), Some(2));
        assert_eq!(h.columns[3].field, None);
    }

    #[test]
    fn exact_beats_loose_and_each_field_is_taken_once() {
        // "Klantnummer" is customer_id exactly, although it starts with "Klant".
        let h = detect(
            &[row(
                0,
                &[
                    "Klantnummer",
                    "Klant",
                    "Datum klacht",
                    "Datum",
                    "Omschrijving",
                    "Behandelaar",
                ],
            )],
            &ColumnMap::new(),
        )
        .unwrap();
        assert_eq!(h.column_of(Field::CustomerId), Some(0));
        assert_eq!(h.column_of(Field::Customer), Some(1));
        // "Datum klacht" ranks before the bare "Datum"; the second date column stays unmapped.
        assert_eq!(h.column_of(Field::ReceivedDate), Some(2));
        assert_eq!(h.columns[3].field, None);
    }

    #[test]
    fn loose_matches_need_long_synonyms() {
        let h = detect(
            &[row(
                0,
                &[
                    "Datum ontvangst klacht",
                    "Korte omschrijving van de klacht",
                    "Nr van de auto",
                    "Behandelaar",
                ],
            )],
            &ColumnMap::new(),
        )
        .unwrap();
        assert_eq!(h.columns[0].how, Some(MatchKind::Prefix));
        assert_eq!(h.column_of(Field::ReceivedDate), Some(0));
        assert_eq!(h.column_of(Field::Description), Some(1));
        assert_eq!(
            h.columns[2].field, None,
            "short synonyms never match loosely"
        );
    }

    #[test]
    fn configured_headers_win_and_empty_lists_forbid_guessing() {
        let mut map = ColumnMap::new();
        map.insert(Field::ReceivedDate, vec!["Date received".into()]);
        map.insert(Field::Handler, vec!["Company".into()]);
        map.insert(Field::Nature, vec![]);
        let h = detect(
            &[row(0, &["Date received", "Issue", "Company", "Type"])],
            &map,
        )
        .unwrap();
        assert_eq!(h.columns[0].how, Some(MatchKind::Configured));
        assert_eq!(h.column_of(Field::Handler), Some(2));
        assert_eq!(
            h.columns[3].field, None,
            "nature = [] forbids matching Type"
        );
    }

    #[test]
    fn a_sheet_of_notes_has_no_header() {
        let rows = vec![
            row(0, &["Toelichting bij het klachtenregister"]),
            row(1, &["Datum", "wordt ingevuld door de receptie"]),
        ];
        assert!(detect(&rows, &ColumnMap::new()).is_none());
    }

    #[test]
    fn foreign_registers_match_their_obvious_columns() {
        let h = detect(
            &[row(
                0,
                &[
                    "Unique Key",
                    "Created Date",
                    "Closed Date",
                    "Agency",
                    "Complaint Type",
                    "Status",
                    "Due Date",
                ],
            )],
            &ColumnMap::new(),
        )
        .unwrap();
        assert_eq!(h.column_of(Field::ReceivedDate), Some(1));
        assert_eq!(h.column_of(Field::ClosedDate), Some(2));
        assert_eq!(h.column_of(Field::Status), Some(5));
        assert_eq!(h.column_of(Field::DueDate), Some(6));
    }
}

/// Property tests: header matching does not depend on column order or on how a header is
/// typed, and no row of junk makes it panic.
#[cfg(test)]
mod props {
    use super::*;
    use crate::Lang;
    use proptest::prelude::*;

    fn header_row(cells: &[String]) -> RawRow {
        RawRow {
            row: 0,
            line: None,
            cells: cells.iter().map(|s| Raw::Text(s.clone())).collect(),
        }
    }

    /// Every field once, in a shuffled order, by its template header in `lang`.
    fn shuffled_fields() -> impl Strategy<Value = (Vec<Field>, Lang)> {
        (
            Just(Field::ALL.to_vec()).prop_shuffle(),
            prop_oneof![Just(Lang::Nl), Just(Lang::En)],
        )
    }

    /// `header` as people type it: odd capitals, accents on vowels, punctuation and spaces
    /// around and between the words. `noise` drives the choices.
    fn noisy(header: &str, noise: &[u8]) -> String {
        let mut out = String::new();
        let mut n = noise.iter().cycle();
        let mut pick = || n.next().copied().unwrap_or(0);
        if pick() % 3 == 0 {
            out.push_str(["  ", "* ", "("][usize::from(pick() % 3)]);
        }
        for c in header.chars() {
            let roll = pick();
            let accented = match c.to_ascii_lowercase() {
                'a' => Some(['á', 'à', 'Ä']),
                'e' => Some(['é', 'Ë', 'ê']),
                'i' => Some(['ï', 'Í', 'î']),
                'o' => Some(['ö', 'Ó', 'ô']),
                'u' => Some(['ü', 'Ú', 'û']),
                _ => None,
            };
            match (roll % 5, accented) {
                (0, Some(forms)) => out.push(forms[usize::from(pick() % 3)]),
                (1, _) => out.push(c.to_ascii_uppercase()),
                (2, _) => out.push(c.to_ascii_lowercase()),
                _ => out.push(c),
            }
            if c == ' ' && roll % 7 == 0 {
                out.push_str(["-", "_", ". ", "/"][usize::from(pick() % 4)]);
            }
        }
        if pick() % 3 == 0 {
            out.push_str([".", ":", " )", " *"][usize::from(pick() % 4)]);
        }
        out
    }

    fn any_cell() -> impl Strategy<Value = Raw> {
        prop_oneof![
            Just(Raw::Empty),
            any::<String>().prop_map(Raw::Text),
            // Junk made of real header words, the worst case for matching.
            proptest::sample::select(
                Field::ALL
                    .iter()
                    .flat_map(|f| f.synonyms().iter().copied().chain([f.header(Lang::Nl)]))
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
            )
            .prop_map(Raw::Text),
            any::<f64>().prop_map(Raw::Number),
            any::<bool>().prop_map(Raw::Bool),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn any_permutation_of_the_template_headers_matches(
            (fields, lang) in shuffled_fields(),
        ) {
            let headers: Vec<String> = fields.iter().map(|f| f.header(lang).to_string()).collect();
            let h = detect(&[header_row(&headers)], &ColumnMap::new()).unwrap();
            for (col, field) in fields.iter().enumerate() {
                prop_assert_eq!(h.columns[col].field, Some(*field), "{}", headers[col]);
            }
        }

        #[test]
        fn case_accents_and_punctuation_keep_the_match(
            (fields, lang) in shuffled_fields(),
            noise in proptest::collection::vec(any::<u8>(), 1..64),
        ) {
            let headers: Vec<String> =
                fields.iter().map(|f| noisy(f.header(lang), &noise)).collect();
            let h = detect(&[header_row(&headers)], &ColumnMap::new());
            let h = h.unwrap_or_else(|| panic!("no header found in {headers:?}"));
            for (col, field) in fields.iter().enumerate() {
                prop_assert_eq!(h.columns[col].field, Some(*field), "{:?}", headers[col]);
            }
        }

        #[test]
        fn junk_rows_never_panic(
            rows in proptest::collection::vec(
                proptest::collection::vec(any_cell(), 0..40), 0..60),
        ) {
            let rows: Vec<RawRow> = rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| RawRow { row: i as u32, line: None, cells })
                .collect();
            if let Some(h) = detect(&rows, &ColumnMap::new()) {
                prop_assert!(h.index < rows.len().min(HEADER_SCAN_ROWS));
                prop_assert_eq!(h.columns.len(), rows[h.index].cells.len());
                let mapped: Vec<Field> = h.columns.iter().filter_map(|c| c.field).collect();
                let mut unique = mapped.clone();
                unique.sort();
                unique.dedup();
                prop_assert_eq!(unique.len(), mapped.len(), "each field one column");
            }
        }
    }
}
