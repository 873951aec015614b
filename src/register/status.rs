//! Where a complaint stands in its handling.

use super::vocab::vocabulary;

vocabulary! {
    /// Handling status. Registers write *open, in behandeling, afgehandeld, gesloten, heropend*.
    Status {
        Open = ("open", "open", "open"),
        InProgress = ("in_progress", "in behandeling", "in progress"),
        Closed = ("closed", "afgehandeld", "closed"),
        /// Closed once and opened again (*heropend*): a first-time-fix failure, kept apart so
        /// the report can count and list it, and open for every figure (SPEC §5).
        Reopened = ("reopened", "heropend", "reopened"),
    }
}

impl Status {
    /// Open, in progress or reopened.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed)
    }
}
