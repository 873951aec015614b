//! JSON documents with the stable keys of SPEC section 8.

use crate::register::Finding;
use crate::register::Register;
use crate::rules::Counts;
use crate::Lang;
use serde::Serialize;

/// One finding as a JSON item.
#[derive(Debug, Serialize)]
pub struct Item {
    pub code: &'static str,
    pub severity: &'static str,
    pub step: &'static str,
    /// Complaint id; empty for findings about a column or an excluded row.
    pub id: String,
    pub file: String,
    pub sheet: Option<String>,
    /// `F17`; empty for findings about a whole file.
    pub cell: String,
    /// Physical line, CSV only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub value: String,
    pub message: String,
}

/// The document of `klacht check --json`.
#[derive(Debug, Serialize)]
pub struct CheckDocument {
    pub rows: crate::register::RowCount,
    pub findings: Counts,
    pub items: Vec<Item>,
    /// Per input file: format, sheet, header row, column mapping and row counts.
    pub sources: Vec<SourceDoc>,
    /// Rows read that are not complaints, with the reason.
    pub exclusions: Vec<ExclusionDoc>,
    /// Sheets of the workbooks that were not read, with the reason.
    pub sheets_passed_over: Vec<PassedOverDoc>,
}

/// A sheet not read: `reason` is a stable key (`no_header`, `empty`, `instructions`, `lists`,
/// `not_asked`), `message` says it in the output language.
#[derive(Debug, Serialize)]
pub struct PassedOverDoc {
    pub file: String,
    pub sheet: String,
    pub reason: crate::register::PassReason,
    pub message: &'static str,
}

#[derive(Debug, Serialize)]
pub struct SourceDoc {
    pub file: String,
    pub format: &'static str,
    pub sheet: Option<String>,
    pub encoding: Option<&'static str>,
    pub sha256: String,
    pub header_row: u32,
    pub columns: Vec<ColumnDoc>,
    pub rows: crate::register::RowCount,
}

#[derive(Debug, Serialize)]
pub struct ColumnDoc {
    pub cell: String,
    pub header: String,
    pub field: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ExclusionDoc {
    pub file: String,
    /// The sheet, for workbooks (a workbook may be read on several sheets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub row: u32,
    pub reason: crate::register::ExclusionReason,
    pub text: String,
}

/// Builds the `check --json` document.
pub fn check_document(register: &Register, findings: &[Finding], lang: Lang) -> CheckDocument {
    let items = findings
        .iter()
        .map(|f| Item::new(register, f, lang))
        .collect();
    CheckDocument {
        rows: register.rows(),
        findings: Counts::of(findings),
        items,
        sources: register
            .sources
            .iter()
            .map(|s| SourceDoc {
                file: s.path.display().to_string(),
                format: s.format,
                sheet: s.sheet.clone(),
                encoding: s.encoding,
                sha256: s.sha256.clone(),
                header_row: s.header_row.saturating_add(1),
                columns: s
                    .columns
                    .iter()
                    .filter(|c| !c.header.is_empty() || c.field.is_some())
                    .map(|c| ColumnDoc {
                        cell: crate::base::location::CellRef::cell(0, s.header_row, c.col).a1(),
                        header: c.header.clone(),
                        field: c.field.map(|f| f.key()),
                    })
                    .collect(),
                rows: s.rows,
            })
            .collect(),
        exclusions: register
            .exclusions
            .iter()
            .map(|e| ExclusionDoc {
                file: register
                    .sources
                    .get(usize::from(e.file))
                    .map(|s| s.path.display().to_string())
                    .unwrap_or_default(),
                sheet: register
                    .sources
                    .get(usize::from(e.file))
                    .and_then(|s| s.sheet.clone()),
                row: e.row.saturating_add(1),
                reason: e.reason,
                text: e.text.clone(),
            })
            .collect(),
        sheets_passed_over: register
            .passed_over
            .iter()
            .map(|p| PassedOverDoc {
                file: p.path.display().to_string(),
                sheet: p.sheet.clone(),
                reason: p.reason,
                message: p.reason.label(lang),
            })
            .collect(),
    }
}

impl Item {
    /// The item for `f`.
    pub fn new(register: &Register, f: &Finding, lang: Lang) -> Item {
        let source = register.sources.get(usize::from(f.file));
        Item {
            code: f.rule.code(),
            severity: f.severity.key(),
            step: f.rule.step().key(),
            id: f
                .complaint
                .and_then(|i| register.complaints.get(i))
                .map(|c| c.id.to_string())
                .unwrap_or_default(),
            file: source
                .map(|s| s.path.display().to_string())
                .unwrap_or_default(),
            sheet: source.and_then(|s| s.sheet.clone()),
            cell: f.at.map(|a| a.a1()).unwrap_or_default(),
            line: f.at.and_then(|at| register.line(at.file, at.row)),
            value: f.value.clone(),
            message: f.message(register, lang),
        }
    }
}
