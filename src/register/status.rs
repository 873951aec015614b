//! Where a complaint stands in its handling.

use super::vocab::vocabulary;

vocabulary! {
    /// Handling status. Registers write *open, in behandeling, afgehandeld, gesloten, heropend*;
    /// a reopened complaint is open again.
    Status {
        Open = ("open", "open", "open"),
        InProgress = ("in_progress", "in behandeling", "in progress"),
        Closed = ("closed", "afgehandeld", "closed"),
    }
}

impl Status {
    /// Open or in progress.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed)
    }
}
