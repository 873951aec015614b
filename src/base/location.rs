//! Where a value came from: file, sheet and cell, so that every finding points at the cell a
//! quality manager has to repair.

use serde::Serialize;
use std::fmt;

/// Index of an input file in the run's list of sources.
pub type FileIdx = u16;

/// A cell in one of the run's input files. Rows and columns are 0-based here and shown 1-based
/// as spreadsheet addresses (`Register!F17`); for CSV the row is the record number, which is
/// the row Excel shows when it opens the file, and `line` the physical line in a text editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CellRef {
    pub file: FileIdx,
    pub row: u32,
    /// `None` for a finding about a whole row.
    pub col: Option<u32>,
}

impl CellRef {
    /// A cell.
    pub fn cell(file: FileIdx, row: u32, col: u32) -> CellRef {
        CellRef {
            file,
            row,
            col: Some(col),
        }
    }

    /// A whole row.
    pub fn row(file: FileIdx, row: u32) -> CellRef {
        CellRef {
            file,
            row,
            col: None,
        }
    }

    /// The A1-style address without the sheet: `F17`, or `17:17` (Excel's notation) for a row.
    pub fn a1(&self) -> String {
        match self.col {
            Some(c) => format!("{}{}", column_letters(c), u64::from(self.row) + 1),
            None => format!("{0}:{0}", u64::from(self.row) + 1),
        }
    }
}

/// Spreadsheet column letters for a 0-based column: 0 → `A`, 26 → `AA`.
///
/// ```
/// use klacht::base::location::column_letters;
/// assert_eq!(column_letters(0), "A");
/// assert_eq!(column_letters(5), "F");
/// assert_eq!(column_letters(27), "AB");
/// assert_eq!(column_letters(16383), "XFD");
/// assert_eq!(column_letters(u32::MAX), "MWLQKWV");
/// ```
pub fn column_letters(col: u32) -> String {
    // In u64: the last column number plus one must not overflow.
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.a1())
    }
}
