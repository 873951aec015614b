//! Finding the header row of a hand-kept register and matching its headers to fields.
//!
//! Registers have title rows, notes and blank rows above the header, so every one of the first
//! rows is scored by how many distinct fields its cells name; the best row wins. A header
//! matches a field exactly (the template's header or a synonym), by a configured mapping, or
//! loosely (it starts with or contains a long synonym: `Omschrijving van de klacht`). Each
//! column gets at most one field and each field at most one column, best matches first.

use super::{Raw, RawRow};
use crate::base::key::normalize_key;
use crate::register::{Column, Field, MatchKind};
use std::collections::BTreeMap;

/// How many rows from the top are considered as header candidates.
pub const HEADER_SCAN_ROWS: usize = 50;

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

/// Words that join a header's main phrase to a phrase that qualifies it (`Omschrijving van de
/// klacht`, `Number of complaints`, `Nr van de auto`): the words after them name what the head
/// belongs to, not the column's field, so they are never matched loosely.
const LINK_WORDS: &[&str] = &[
    "van", "voor", "door", "bij", "op", "per", "met", "naar", "de", "het", "een", "of", "for",
    "by", "from", "on", "at", "to", "with", "the", "a", "an",
];

/// Link words that name who did what the main phrase says (`Created by`, `Aangemaakt
/// door`): such a header names a person, whatever its main phrase names.
const AGENT_WORDS: &[&str] = &["door", "by"];

/// Endings a header word may have beyond a synonym that ends inside it: plurals
/// (`complaints`, `omschrijvingen`).
const INFLECTIONS: &[&str] = &["s", "es", "n", "en"];

/// A header's words (as keys, leading link words dropped) and where its main phrase ends:
/// at the first link word after the first word.
struct Words {
    words: Vec<String>,
    /// The number of words in the main phrase.
    main: usize,
    /// The main phrase is followed by an agent word ([`AGENT_WORDS`]).
    agent: bool,
}

impl Words {
    fn of(header: &str) -> Words {
        let mut words: Vec<String> = header
            .split(|c: char| !c.is_alphanumeric())
            .map(normalize_key)
            .filter(|w| !w.is_empty())
            .collect();
        let is_link = |w: &String| LINK_WORDS.contains(&w.as_str());
        let lead = words.iter().take_while(|w| is_link(w)).count();
        words.drain(..lead);
        let main = words.iter().position(is_link).unwrap_or(words.len());
        let agent = words
            .get(main)
            .is_some_and(|w| AGENT_WORDS.contains(&w.as_str()));
        Words { words, main, agent }
    }

    /// Whether a synonym at `span` may name the header's field: it starts in the main phrase,
    /// and when an agent word follows the main phrase it takes that word in (`Behandeld
    /// door`: a `Created by` column is no date of creation).
    fn admits(&self, span: Span) -> bool {
        span.first < self.main && (!self.agent || span.last >= self.main)
    }
}

/// Where a synonym occurs in a header's main phrase: the first and last word it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    first: usize,
    last: usize,
}

impl Span {
    fn words(self) -> usize {
        self.last - self.first + 1
    }
}

/// A main phrase ready for matching: its words joined, with each word's byte range.
struct Phrase {
    full: String,
    bounds: Vec<(usize, usize)>,
}

impl Phrase {
    fn new(words: &[String]) -> Phrase {
        let mut bounds = Vec::with_capacity(words.len());
        let mut full = String::new();
        for w in words {
            bounds.push((full.len(), full.len() + w.len()));
            full.push_str(w);
        }
        Phrase { full, bounds }
    }

    fn word_at(&self, pos: usize) -> Option<usize> {
        self.bounds.iter().position(|&(s, e)| pos >= s && pos < e)
    }

    /// The spans where `key` (a synonym's key) occurs as whole words: it starts at the start
    /// of a word, or ends a single word as the head of a Dutch compound
    /// (`probleemomschrijving`); and it ends at the end of a word or before a plural ending.
    /// So `klacht` does not occur in `klachtnummer`, whose head is `nummer`.
    fn spans(&self, key: &str) -> Vec<Span> {
        let mut out = Vec::new();
        for (start, _) in self.full.match_indices(key) {
            let end = start + key.len();
            let (Some(first), Some(last)) = (self.word_at(start), self.word_at(end - 1)) else {
                continue;
            };
            let (word_start, _) = self.bounds[first];
            let (_, word_end) = self.bounds[last];
            let rest = self.full.get(end..word_end).unwrap_or_default();
            let ends_word = rest.is_empty() || INFLECTIONS.contains(&rest);
            let starts_word = start == word_start || (first == last && rest.is_empty());
            if ends_word && starts_word {
                out.push(Span { first, last });
            }
        }
        out
    }
}

/// The matches of one header text against the known synonyms: (kind, rank, field).
///
/// A loose match must name the header's head, the word that says what the column holds:
/// *Customer complaints* are complaints (a description), not a customer; *Datum ontvangst
/// klacht* is a date. The head is the first or the last word of the main phrase (Dutch puts
/// it first, `Datum ontvangst`; English last, `Customer complaint`); a synonym in between, or
/// in the qualifying phrase after a link word, names something else. When synonyms of
/// different fields sit at both ends, the end whose synonym covers more words is the head, and
/// on a tie the last (a Dutch header joins its nouns into one word, `klantklacht`). When
/// neither end is a synonym, one inside the main phrase may stand for the head.
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
    let words = Words::of(header);
    let phrase = Phrase::new(&words.words);
    let mut loose: Vec<(MatchKind, usize, Field, Span)> = Vec::new();
    for s in syns {
        if columns.contains_key(&s.field) {
            continue; // configured fields match only by their configured headers
        }
        if s.key == key {
            out.push((MatchKind::Exact, s.rank, s.field));
        } else if s.key.len() >= MIN_LOOSE_LEN {
            for span in phrase
                .spans(&s.key)
                .into_iter()
                .filter(|&p| words.admits(p))
            {
                let kind = if phrase.full.starts_with(&s.key) {
                    MatchKind::Prefix
                } else {
                    MatchKind::Contains
                };
                loose.push((kind, s.rank, s.field, span));
            }
        }
    }
    // The last word of the main phrase; a synonym that runs past it (`Wijze van ontvangst`)
    // ends there too.
    let last = words.main.saturating_sub(1);
    let widest = |at_head: &dyn Fn(&Span) -> bool| {
        (loose.iter().filter(|c| at_head(&c.3)))
            .map(|c| c.3.words())
            .max()
    };
    let head_first = match (widest(&|s| s.first == 0), widest(&|s| s.last >= last)) {
        (Some(a), Some(b)) => Some(a > b),
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
    };
    for (kind, rank, field, span) in loose {
        let names_head = match head_first {
            Some(true) => span.first == 0,
            Some(false) => span.last >= last,
            // Neither end is a known word (`Open Data Channel Type`: a type of channel): a
            // synonym inside is the best evidence there is.
            None => true,
        };
        if names_head {
            out.push((kind, rank, field));
        }
    }
    out
}

/// Each word of the known headers (template headers, keys and synonyms) with the fields whose
/// headers use it.
fn header_words() -> &'static BTreeMap<String, Vec<Field>> {
    static WORDS: std::sync::OnceLock<BTreeMap<String, Vec<Field>>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: BTreeMap<String, Vec<Field>> = BTreeMap::new();
        for &field in Field::ALL {
            let names = [
                field.header(crate::Lang::Nl),
                field.header(crate::Lang::En),
                field.key(),
            ];
            for name in names.iter().chain(field.synonyms()) {
                for word in Words::of(name).words {
                    if LINK_WORDS.contains(&word.as_str()) {
                        continue;
                    }
                    let fields = words.entry(word).or_default();
                    if !fields.contains(&field) {
                        fields.push(field);
                    }
                }
            }
        }
        words
    })
}

/// How well the words of `header` name `field`, for ordering the columns that could hold a
/// field without one (`--suggest-mapping`, the check summary): 2 for each word only that
/// field's headers use (`open` in `open_dt` for the date of receipt, `target` for the due
/// date), 1 for a word it shares with other fields (`date`), 0 for none.
pub fn naming(header: &str, field: Field) -> u32 {
    let known = header_words();
    Words::of(header)
        .words
        .iter()
        .filter_map(|w| known.get(w))
        .filter(|fields| fields.contains(&field))
        .map(|fields| if fields.len() == 1 { 2 } else { 1 })
        .sum()
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

    /// The field one header gets on its own.
    fn field_of(header: &str) -> Option<&'static str> {
        let (columns, _) = match_row(&row(0, &[header]), &ColumnMap::new());
        columns[0].field.map(|f| f.key())
    }

    #[test]
    fn a_loose_match_must_name_the_head_of_the_header() {
        // (header, field it names): the head noun decides, not any long synonym inside.
        let table: &[(&str, Option<&str>)] = &[
            // Complaint text is a description, not the customer.
            ("Customer complaints", Some("description")),
            ("Customer Complaint", Some("description")),
            ("Klacht van klant", Some("description")),
            ("Klachtomschrijving klant", Some("description")),
            ("Probleemomschrijving", Some("description")),
            ("Korte omschrijving van de klacht", Some("description")),
            // Dutch puts the head first; the longer synonym at an end is the head.
            ("Datum ontvangst klacht", Some("received_date")),
            ("Wijze van ontvangst klacht", Some("channel")),
            ("Klachtnummer intern", Some("id")),
            // Synonyms inside a compound's modifier or a qualifying phrase name nothing.
            ("Klachtnummers", Some("id")),
            ("Nr van de auto", None),
            ("Datum van de klacht", None),
            // Who did something is a person: only synonyms that say so match.
            ("Created by", None),
            ("Behandeld door (naam)", Some("handler")),
            ("Created on", Some("received_date")),
            // Id-like headers.
            ("Unique Key", Some("id")),
            ("Ticket #", Some("id")),
            ("Ticket no.", Some("id")),
            ("Ticket number", Some("id")),
            ("Case Id", Some("id")),
            ("Klachtnummer", Some("id")),
            ("Order number", Some("job_ref")),
            ("Ticket status", Some("status")),
            // Neither end known: the synonym inside stands for the head.
            ("Open Data Channel Type", Some("channel")),
            // Dates of creation are dates of receipt.
            ("CREATION DATE", Some("received_date")),
            ("Datum aangemaakt", Some("received_date")),
            ("Aangemaakt op", Some("received_date")),
            ("Date opened", Some("received_date")),
        ];
        for (header, want) in table {
            assert_eq!(field_of(header), *want, "{header:?}");
        }
    }

    #[test]
    fn a_number_of_something_else_yields_to_an_id_like_column() {
        for other in ["School number", "Zip code number", "Order number"] {
            for id in [
                "Unique key",
                "Ticket no",
                "Ticket number",
                "Case id",
                "Klachtnummer",
            ] {
                // Both orders: the id-like column wins wherever it stands.
                for cells in [[other, id], [id, other]] {
                    let h = detect(
                        &[row(0, &[cells[0], cells[1], "Omschrijving", "Behandelaar"])],
                        &ColumnMap::new(),
                    )
                    .unwrap();
                    let at = cells.iter().position(|c| *c == id).unwrap() as u32;
                    assert_eq!(h.column_of(Field::Id), Some(at), "{cells:?}");
                }
            }
        }
        // Without one, a number is the likeliest complaint number there is.
        assert_eq!(field_of("School number"), Some("id"));
        // A description column of its own does not make complaint text the customer.
        let h = detect(
            &[row(0, &["Customer complaints", "Description", "Handler"])],
            &ColumnMap::new(),
        )
        .unwrap();
        assert_eq!(h.column_of(Field::Description), Some(1));
        assert_eq!(h.columns[0].field, None);
    }

    #[test]
    fn naming_ranks_headers_by_the_words_only_a_field_uses() {
        // `open` names the date of receipt alone, `date` every date field.
        assert_eq!(naming("open_dt", Field::ReceivedDate), 2);
        assert_eq!(naming("Due Date", Field::ReceivedDate), 1);
        assert!(naming("Due Date", Field::DueDate) > naming("Due Date", Field::ReceivedDate));
        assert_eq!(naming("LATITUDE", Field::ReceivedDate), 0);
        assert!(naming("closed_dt", Field::ClosedDate) > naming("closed_dt", Field::ReceivedDate));
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
