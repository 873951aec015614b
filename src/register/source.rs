//! What was read from each input file: where the register sat, how its columns map to fields,
//! and how every row was accounted for.

use crate::base::location::{CellRef, FileIdx};
use crate::base::DayOrder;
use crate::register::Field;
use serde::Serialize;
use std::path::PathBuf;

/// Row accounting: every row below the header is read, and is used, excluded or blank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RowCount {
    pub read: u64,
    pub used: u64,
    pub excluded: u64,
    pub blank: u64,
}

impl RowCount {
    /// Adds another file's counts.
    pub fn add(&mut self, other: &RowCount) {
        self.read += other.read;
        self.used += other.used;
        self.excluded += other.excluded;
        self.blank += other.blank;
    }

    /// The accounting identity of SPEC §3: read = used + excluded + blank.
    pub fn balances(&self) -> bool {
        self.read == self.used + self.excluded + self.blank
    }
}

/// Why a row did not become a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// No readable date of receipt: the row cannot be placed in time.
    NoReceivedDate,
    /// A totals row (`Totaal`, `Aantal`, …).
    Totals,
    /// A row with a single note and nothing else.
    Note,
}

impl ExclusionReason {
    /// The reason for people.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            ExclusionReason::NoReceivedDate => lang.pick(
                "geen leesbare datum van ontvangst",
                "no readable date of receipt",
            ),
            ExclusionReason::Totals => lang.pick("totaalregel", "totals row"),
            ExclusionReason::Note => lang.pick("notitieregel", "note row"),
        }
    }
}

/// Why a sheet of a workbook was not read (SPEC §2: nothing is ignored silently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassReason {
    /// No cell is filled.
    Empty,
    /// No row looks like a register's header row.
    NoHeader,
    /// An instructions sheet (*Toelichting*, *Instructies*, *Read me*, …).
    Instructions,
    /// The lists behind the register's drop-downs (*Lijsten*, *Keuzelijsten*, …).
    Lists,
    /// Not among the sheets named with `--sheet`.
    NotAsked,
}

impl PassReason {
    /// The reason for people.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            PassReason::Empty => lang.pick("leeg blad", "empty sheet"),
            PassReason::NoHeader => {
                lang.pick("geen kopregel van een register", "no register header row")
            }
            PassReason::Instructions => lang.pick("toelichting of instructies", "instructions"),
            PassReason::Lists => lang.pick("keuzelijsten", "drop-down lists"),
            PassReason::NotAsked => {
                lang.pick("niet gevraagd met --sheet", "not asked for with --sheet")
            }
        }
    }
}

/// A sheet of a workbook that was not read, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassedOver {
    pub path: PathBuf,
    pub sheet: String,
    pub reason: PassReason,
}

impl PassedOver {
    /// The file's name for messages (no directories), as [`Source::name`].
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }
}

/// A row that was read but is not a complaint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exclusion {
    pub file: FileIdx,
    pub row: u32,
    pub line: Option<u64>,
    pub reason: ExclusionReason,
    /// The row's first non-empty text, to recognise it by.
    pub text: String,
}

/// How a date column's day/month order was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateColumn {
    pub field: Field,
    /// The order applied to ambiguous values.
    pub order: DayOrder,
    /// Values that showed day-first (a first part above 12) and month-first.
    pub day_first_evidence: u64,
    pub month_first_evidence: u64,
}

impl DateColumn {
    /// Both orders occur: each settled value is read its own way, the rest by `order`.
    pub fn is_mixed(&self) -> bool {
        self.day_first_evidence > 0 && self.month_first_evidence > 0
    }
}

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

/// One column of a source's header row, as header detection (`ingest::header`) matched it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Column {
    /// 0-based column index.
    pub col: u32,
    /// The header as written (trimmed; empty for a column without header).
    pub header: String,
    pub field: Option<Field>,
    pub how: Option<MatchKind>,
}

/// One input file (one sheet of it) as read: a workbook with the register on several sheets
/// gives one source per sheet read, each with the file's path, size and hash.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub path: PathBuf,
    /// Format actually read (`xlsx`, `csv`, …), by content.
    pub format: &'static str,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Text encoding and separator, for CSV.
    pub encoding: Option<&'static str>,
    pub separator: Option<char>,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    pub bytes: u64,
    /// 0-based row of the header.
    pub header_row: u32,
    pub columns: Vec<Column>,
    pub date_columns: Vec<DateColumn>,
    pub rows: RowCount,
}

#[cfg(test)]
impl Source {
    /// A source known only by its path and sheet (a workbook's when it has one, else a CSV),
    /// for tests of what is said about sources.
    pub(crate) fn named(path: &str, sheet: Option<&str>) -> Source {
        Source {
            path: path.into(),
            format: if sheet.is_some() { "xlsx" } else { "csv" },
            sheet: sheet.map(str::to_string),
            encoding: None,
            separator: None,
            sha256: String::new(),
            bytes: 0,
            header_row: 0,
            columns: Vec::new(),
            date_columns: Vec::new(),
            rows: RowCount::default(),
        }
    }
}

impl Source {
    /// The column holding `field` in this file.
    pub fn column_of(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|c| c.field == Some(field))
            .map(|c| c.col)
    }

    /// Columns with a header the tool does not know, in order.
    pub fn unmapped(&self) -> impl Iterator<Item = &Column> {
        self.columns
            .iter()
            .filter(|c| c.field.is_none() && !c.header.is_empty())
    }

    /// The file's name for messages (no directories).
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// `Sheet!F17` for workbooks, `F17` for CSV.
    pub fn address(&self, at: &CellRef) -> String {
        match &self.sheet {
            Some(s) if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                format!("{s}!{}", at.a1())
            }
            Some(s) => format!("'{}'!{}", s.replace('\'', "''"), at.a1()),
            None => at.a1(),
        }
    }
}
