//! The register model: complaints with typed fields, each traceable to its cell.

pub mod assessment;
pub mod channel;
pub mod customer;
pub mod field;
pub mod nature;
pub mod status;
pub mod urgency;
mod vocab;

pub use assessment::{HandlingMode, Justified};
pub use channel::Channel;
pub use customer::CustomerType;
pub use field::{Field, FieldKind, Need};
pub use nature::Nature;
pub use status::Status;
pub use urgency::Urgency;

pub mod complaint;
pub mod source;

pub use complaint::Complaint;
pub use source::{DateColumn, Exclusion, ExclusionReason, RowCount, Source};

use crate::ingest::location::CellRef;
use crate::rules::Finding;

/// A register as read from one or more files: the complaints, the rows that are not
/// complaints, and the findings made while reading.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub sources: Vec<Source>,
    pub complaints: Vec<Complaint>,
    pub exclusions: Vec<Exclusion>,
    /// Findings made while reading (missing or unmapped columns, unreadable values, rows
    /// without a received date).
    pub findings: Vec<Finding>,
}

impl Register {
    /// Row accounting over all files.
    pub fn rows(&self) -> RowCount {
        let mut total = RowCount::default();
        for s in &self.sources {
            total.add(&s.rows);
        }
        total
    }

    /// The cell that holds `field` for `complaint`, if the file has that column.
    pub fn cell(&self, complaint: &Complaint, field: Field) -> Option<CellRef> {
        let col = self
            .sources
            .get(usize::from(complaint.file))?
            .column_of(field)?;
        Some(CellRef::cell(complaint.file, complaint.row, col))
    }

    /// The cell for `field`, or the row when the file has no such column.
    pub fn cell_or_row(&self, complaint: &Complaint, field: Field) -> CellRef {
        self.cell(complaint, field)
            .unwrap_or_else(|| CellRef::row(complaint.file, complaint.row))
    }

    /// `Sheet!F17` (or `F17` for CSV) for a cell of one of the files.
    pub fn address(&self, at: &CellRef) -> String {
        match self.sources.get(usize::from(at.file)) {
            Some(s) => s.address(at),
            None => at.a1(),
        }
    }
}
