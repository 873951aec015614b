//! The register model: complaints with typed fields, each traceable to its cell.

pub mod assessment;
pub mod channel;
pub mod customer;
pub mod field;
mod money;
pub mod nature;
mod satisfaction;
pub mod status;
pub mod urgency;
mod vocab;

pub use assessment::{HandlingMode, Justified};
pub use channel::Channel;
pub use customer::CustomerType;
pub use field::{Field, FieldKind, FieldSet, Need};
pub use money::Cents;
pub use nature::Nature;
pub use satisfaction::{Satisfaction, Scale};
pub use status::Status;
pub use urgency::Urgency;

pub mod causes;
pub mod complaint;
mod finding;
pub mod keys;
pub mod source;

pub use complaint::{Complaint, Text};
pub use source::{
    Column, DateColumn, Exclusion, ExclusionReason, MatchKind, PassReason, PassedOver, RowCount,
    Source,
};

use crate::base::location::{CellRef, FileIdx};
pub use finding::Finding;

/// A register as read from one or more files: the complaints, the rows that are not
/// complaints, and the findings made while reading.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub sources: Vec<Source>,
    /// In the order of their files and rows, as are the exclusions ([`Register::line`]).
    pub complaints: Vec<Complaint>,
    pub exclusions: Vec<Exclusion>,
    /// Findings made while reading (missing or unmapped columns, unreadable values, rows
    /// without a received date).
    pub findings: Vec<Finding>,
    /// Sheets of the workbooks that were not read, in file and workbook order.
    pub passed_over: Vec<PassedOver>,
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

    /// The physical line of row `row` of `file`, for a CSV row that is a complaint or an
    /// excluded row. Found by halving the lists, which are in file and row order: a million
    /// findings need no index built first.
    pub fn line(&self, file: FileIdx, row: u32) -> Option<u64> {
        let key = (file, row);
        let complaint = self
            .complaints
            .binary_search_by_key(&key, |c| (c.file, c.row))
            .ok()
            .and_then(|i| self.complaints.get(i)?.line);
        complaint.or_else(|| {
            let i = self
                .exclusions
                .binary_search_by_key(&key, |e| (e.file, e.row))
                .ok()?;
            self.exclusions.get(i)?.line
        })
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

    /// The name of source `file` for people: the file's name, and the sheet in brackets when
    /// the file was read on several sheets (`register.xlsx (2026)`).
    pub fn source_name(&self, file: FileIdx) -> String {
        let Some(s) = self.sources.get(usize::from(file)) else {
            return String::new();
        };
        let i = usize::from(file);
        let several = [i.checked_sub(1), i.checked_add(1)]
            .into_iter()
            .flatten()
            .filter_map(|j| self.sources.get(j))
            .any(|o| o.path == s.path);
        match (&s.sheet, several) {
            (Some(sheet), true) => format!("{} ({sheet})", s.name()),
            _ => s.name(),
        }
    }

    /// Where `at` is, for people: a cell's address (`F17`, `Register!F17`), a workbook row as
    /// Excel writes it (`Register!17:17`), and a CSV row as the line a text editor shows
    /// (`regel 17`), not as a spreadsheet row range. [`Register::address`] stays the
    /// address for machines (`check --json` `cell`).
    pub fn place(&self, at: &CellRef, lang: crate::Lang) -> String {
        let csv = (self.sources.get(usize::from(at.file))).is_some_and(|s| s.sheet.is_none());
        if at.col.is_some() || !csv {
            return self.address(at);
        }
        let line = self.line(at.file, at.row).unwrap_or(u64::from(at.row) + 1);
        format!("{} {line}", lang.pick("regel", "line"))
    }

    /// `Sheet!F17` (or `F17` for CSV) for a cell of one of the files.
    pub fn address(&self, at: &CellRef) -> String {
        match self.sources.get(usize::from(at.file)) {
            Some(s) => s.address(at),
            None => at.a1(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_for_complaints_and_excluded_rows() {
        let complaint = |file, row, line| Complaint {
            file,
            row,
            line,
            ..Complaint::default()
        };
        let register = Register {
            complaints: vec![
                complaint(0, 1, Some(2)),
                complaint(0, 3, Some(5)),
                complaint(1, 1, None),
            ],
            exclusions: vec![Exclusion {
                file: 0,
                row: 2,
                line: Some(4),
                reason: ExclusionReason::NoReceivedDate,
                text: String::new(),
            }],
            ..Register::default()
        };
        assert_eq!(register.line(0, 1), Some(2));
        assert_eq!(register.line(0, 3), Some(5), "a quoted newline before it");
        assert_eq!(register.line(0, 2), Some(4), "an excluded row");
        assert_eq!(register.line(0, 9), None);
        assert_eq!(register.line(1, 1), None, "a workbook row has no line");
    }

    #[test]
    fn a_source_is_named_by_its_sheet_only_beside_another_sheet_of_its_file() {
        let source = Source::named;
        let register = Register {
            sources: vec![
                source("map/a.xlsx", Some("2025")),
                source("map/a.xlsx", Some("2026")),
                source("map/b.xlsx", Some("Register")),
                source("map/c.csv", None),
            ],
            ..Register::default()
        };
        let names: Vec<String> = (0..5).map(|i| register.source_name(i)).collect();
        assert_eq!(
            names,
            ["a.xlsx (2025)", "a.xlsx (2026)", "b.xlsx", "c.csv", ""]
        );
    }
}
