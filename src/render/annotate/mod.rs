//! `klacht check --annotate FILE.xlsx`: a copy of the register as it was read, with every cell
//! that has a finding coloured by severity and given a note (rule, severity, message, and the
//! first sentence of the rule's explanation), behind a first sheet that counts the findings per
//! rule and links to the first cell of each. This is the file a quality manager opens to
//! repair the register; the input itself is never touched.
//!
//! Each input file is read again with the loader's own readers, so every row lands at the row
//! and column it has in the original and `Klachtenregister!F17` in a finding is `F17` on the
//! copy's sheet of that name. Values are written as found: text as text (never a formula),
//! numbers as numbers, dates as dates, merged regions merged again.

mod copy;
mod plan;
mod summary;
#[cfg(test)]
mod tests;

use super::output::{refuse_inputs, write_atomic};
use crate::error::{Error, Result};
use crate::ingest::ReadOptions;
use crate::register::Finding;
use crate::register::Register;
use crate::Lang;
use copy::{copy_sheet, read_again, Copied, CopyError, Sheet, Styles};
use plan::{cell_of, group, note_lines, sheet_names, Mark, SheetPlan};
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};
use std::path::{Path, PathBuf};
use summary::write_summary;

/// Notes (comments) written per sheet; cells beyond are coloured without a note. Notes are
/// costly: measured on 50,000 rows, 65,536 notes took about 420 MB to write and LibreOffice 3
/// minutes to open, 10,000 notes 50 MB and 20 seconds, none 3 seconds.
pub const MAX_NOTES: usize = 10_000;
/// How much of a sheet is copied and annotated.
#[derive(Debug, Clone, Copy)]
struct Limits {
    rows: u32,
    cols: u32,
    notes: usize,
}

impl Limits {
    /// Excel's sheet (rows and columns beyond it cannot be copied) and [`MAX_NOTES`].
    const EXCEL: Limits = Limits {
        rows: 1_048_576,
        cols: 16_384,
        notes: MAX_NOTES,
    };

    fn contains(&self, row: u32, col: u32) -> bool {
        row < self.rows && col < self.cols
    }
}

/// Refuses a path that cannot be written before the register is read: a name not ending in
/// `.xlsx` (`E-annotate-ext`) or one of the inputs (`E-output-is-input`).
///
/// ```
/// use klacht::render::annotate::check_path;
/// assert!(check_path("bevindingen.xlsx".as_ref(), &[]).is_ok());
/// assert_eq!(check_path("kopie.csv".as_ref(), &[]).unwrap_err().code(), "E-annotate-ext");
/// ```
pub fn check_path(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    let xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !xlsx {
        return Err(Error::AnnotateExt { path: path.into() });
    }
    refuse_inputs(path, inputs)
}

/// Writes the annotated copy of `register` to `path`. The files are read again with `opts`
/// (the options they were loaded with); a file whose bytes changed since it was loaded is
/// refused (`E-changed`), because the findings' addresses would no longer fit it.
pub fn write(
    path: &Path,
    inputs: &[PathBuf],
    register: &Register,
    findings: &[Finding],
    opts: &ReadOptions,
    lang: Lang,
) -> Result<()> {
    check_path(path, inputs)?;
    let failed = |e: XlsxError| Error::output(path, e);
    write_atomic(path, inputs, |tmp| {
        let mut wb = build(register, findings, opts, lang, &Limits::EXCEL, failed)?;
        wb.save(tmp).map_err(failed)
    })
}

fn build(
    register: &Register,
    findings: &[Finding],
    opts: &ReadOptions,
    lang: Lang,
    limits: &Limits,
    failed: impl Fn(XlsxError) -> Error + Copy,
) -> Result<Workbook> {
    let styles = Styles::new();
    let mut wb = Workbook::new();
    let created =
        super::template::creation_time(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref());
    wb.set_properties(
        &DocProperties::new()
            .set_title(lang.pick(
                "Klachtenregister met bevindingen",
                "Complaint register with findings",
            ))
            .set_creation_datetime(&created),
    );
    let summary_name = lang.pick("Bevindingen", "Findings");
    wb.add_worksheet().set_name(summary_name).map_err(failed)?;

    let mut plans: Vec<SheetPlan> = sheet_names(&register.sources, summary_name, lang)
        .into_iter()
        .map(|name| SheetPlan {
            name,
            copied: Copied::default(),
        })
        .collect();
    let mut marks: Vec<Vec<Mark>> = plans.iter().map(|_| Vec::new()).collect();
    for f in findings {
        let Some(at) = cell_of(register, f) else {
            continue;
        };
        if let Some(file) = marks.get_mut(usize::from(at.file)) {
            file.push(Mark {
                row: at.row,
                col: at.col.unwrap_or(0),
                severity: f.severity,
                lines: note_lines(register, f, at.col.is_none(), lang),
            });
        }
    }
    let sheets = register.sources.iter().zip(plans.iter_mut()).zip(marks);
    // The sheets of one workbook are consecutive sources: the file is read once for them.
    let mut open = None;
    for ((source, plan), marks) in sheets {
        let marks = group(marks);
        let (rows, merges) = read_again(source, opts, &mut open)?;
        let ws = wb.add_worksheet_with_constant_memory().map_err(failed)?;
        ws.set_name(&plan.name).map_err(failed)?;
        let sheet = Sheet {
            merges: &merges,
            marks: &marks,
            header_row: source.header_row,
            limits: *limits,
        };
        plan.copied = copy_sheet(ws, rows, &sheet, &styles).map_err(|e| match e {
            CopyError::Read(e) => e,
            CopyError::Write(e) => failed(e),
        })?;
    }
    let summary = wb.worksheet_from_index(0).map_err(failed)?;
    write_summary(summary, register, findings, &plans, limits, &styles, lang).map_err(failed)?;
    Ok(wb)
}
