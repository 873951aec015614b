//! Reading: files (CSV and workbooks) to rows of raw cells, header detection, and value
//! parsing into typed fields. Every value keeps its cell address.

pub mod csv;
pub mod header;
pub mod input;
pub mod load;
pub mod raw;
pub mod spreadsheet;
pub mod survey;
pub mod value;
pub mod volume;

pub use raw::{Raw, RawRef};

use crate::config::Limits;

/// One row as read: its 0-based row index in the sheet (for CSV: the record index, which is
/// the row Excel shows), its physical line for CSV, and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub row: u32,
    /// 1-based physical line where the record starts (CSV only).
    pub line: Option<u64>,
    pub cells: Vec<Raw>,
}

/// Limits and choices for reading one file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Sheets to read (`--sheet`, repeatable); empty: every sheet whose header row is
    /// recognised.
    pub sheets: Vec<String>,
    /// Sizes beyond which a file is refused (`[limits]` in klacht.toml).
    pub limits: Limits,
    /// Encoding label forced by the user (`windows-1252`, `utf-8`), else detected.
    pub encoding: Option<String>,
}
