//! A finding: a rule of the catalogue broken by one complaint (or one column), at one cell.
//! Reading makes findings (unreadable cells, missing columns) before the rules do, so the
//! type lives with the register that keeps them; its message is made in `rules`.

use crate::base::location::{CellRef, FileIdx};
use crate::base::{Rule, Severity};
use crate::register::Field;

/// One finding: a rule broken by one complaint (or one column), at one cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// Where it shows; `None` for findings about a whole file (`missing-column`).
    pub at: Option<CellRef>,
    /// The file, for findings about a whole file.
    pub file: FileIdx,
    /// Index of the complaint in the register, when the finding is about one.
    pub complaint: Option<usize>,
    /// The offending value as found (or the derived value the message mentions).
    pub value: String,
    /// The field concerned, for the message's `{field}`.
    pub field: Option<Field>,
    /// Extra text for the message's `{detail}`.
    pub detail: String,
}
