//! Reading: files (CSV and workbooks) to rows of raw cells, header detection, and value
//! parsing into typed fields. Every value keeps its cell address.

pub mod csv;
pub mod header;
pub mod input;
pub mod load;
pub mod location;
pub mod raw;
pub mod spreadsheet;
pub mod survey;
pub mod value;

pub use raw::{Raw, RawRef};

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
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Sheets to read (`--sheet`, repeatable); empty: every sheet whose header row is
    /// recognised.
    pub sheets: Vec<String>,
    /// Largest input file accepted, in bytes.
    pub max_bytes: u64,
    /// Largest sheet accepted, in cells (rows × columns of its used range).
    pub max_cells: u64,
    /// Most fields accepted on one CSV line.
    pub max_fields: usize,
    /// Most times a zip-based workbook may unpack to its own size (zip bomb guard).
    pub max_ratio: u64,
    /// Encoding label forced by the user (`windows-1252`, `utf-8`), else detected.
    pub encoding: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            sheets: Vec::new(),
            max_bytes: 2 << 30,
            max_cells: 100_000_000,
            max_fields: 1_000,
            max_ratio: 100,
            encoding: None,
        }
    }
}
