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
        self.to_string()
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
    Letters::of(col).as_str().to_string()
}

/// Column letters without an allocation: a million findings are addressed at a time.
struct Letters {
    /// Right-aligned: seven letters hold every `u32` column.
    buf: [u8; 7],
    start: usize,
}

impl Letters {
    fn of(col: u32) -> Letters {
        // In u64: the last column number plus one must not overflow.
        let mut n = u64::from(col) + 1;
        let mut letters = Letters {
            buf: [b'A'; 7],
            start: 7,
        };
        while n > 0 && letters.start > 0 {
            letters.start -= 1;
            // Below 26: a letter.
            letters.buf[letters.start] = b'A' + ((n - 1) % 26) as u8;
            n = (n - 1) / 26;
        }
        letters
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or_default()
    }
}

/// The address as [`CellRef::a1`] gives it.
impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = u64::from(self.row) + 1;
        match self.col {
            Some(c) => write!(f, "{}{row}", Letters::of(c).as_str()),
            None => write!(f, "{row}:{row}"),
        }
    }
}
