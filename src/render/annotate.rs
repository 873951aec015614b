//! `klacht check --annotate FILE.xlsx`: a copy of the register as it was read, with every cell
//! that has a finding coloured by severity and given a note (rule, severity, message), behind a
//! first sheet that counts the findings per rule and links to the first cell of each. This is
//! the file a quality manager opens to repair the register; the input itself is never touched.
//!
//! Each input file is read again with the loader's own readers, so every row lands at the row
//! and column it has in the original and `Klachtenregister!F17` in a finding is `F17` on the
//! copy's sheet of that name. Values are written as found: text as text (never a formula),
//! numbers as numbers, dates as dates, merged regions merged again.

use super::output::{refuse_inputs, write_atomic};
use crate::error::{Error, Result};
use crate::ingest::location::CellRef;
use crate::ingest::spreadsheet::{detect_format, open_workbook, read_input, Format as FileFormat};
use crate::ingest::{Raw, RawRow, ReadOptions};
use crate::register::{Register, Source};
use crate::rules::{Finding, Rule, Severity};
use crate::Lang;
use calamine::Dimensions;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use rust_xlsxwriter::{Color, DocProperties, Format, Note, Url, Workbook, Worksheet, XlsxError};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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

/// Excel's limit on the text in one cell, in UTF-16 units.
const MAX_TEXT: usize = 32_767;
/// Column widths are estimated from the content, within these bounds (characters).
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 50;
/// The header row is frozen only when it is near the top; a header on row 30 frozen would
/// leave little of the screen for the register.
const MAX_FROZEN_ROWS: u32 = 12;
/// Row of the summary's table heading (0-based); the rows above it stay in view.
const SUMMARY_HEADER_ROW: u32 = 7;

/// Light fills, so the text stays readable: Excel's own "bad" red, a light amber, a light blue.
const ERROR_FILL: u32 = 0xFFC7CE;
const WARNING_FILL: u32 = 0xFFE0A6;
const INFO_FILL: u32 = 0xDDEBF7;

/// Refuses a path that cannot be written before the register is read: a name not ending in
/// `.xlsx` (`E-annotate-ext`) or one of the inputs (`E-output-is-input`).
///
/// ```
/// use klacht::render::annotate::check_path;
/// assert!(check_path("bevindingen.xlsx".as_ref(), &[]).is_ok());
/// assert_eq!(check_path("kopie.csv".as_ref(), &[]).unwrap_err().code, "E-annotate-ext");
/// ```
pub fn check_path(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    let xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !xlsx {
        return Err(Error::new("E-annotate-ext", path));
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
    let failed = |e: XlsxError| Error::new("E-output", path).detail(e);
    write_atomic(path, inputs, |tmp| {
        let mut wb = build(register, findings, opts, lang, &Limits::EXCEL, failed)?;
        wb.save(tmp).map_err(failed)
    })
}

/// One sheet of the copy: its name, and what happened while copying.
struct SheetPlan {
    name: String,
    copied: Copied,
}

/// A cell with findings: the worst severity colours it, the lines make its note.
#[derive(Debug)]
struct Mark {
    row: u32,
    col: u32,
    severity: Severity,
    lines: Vec<String>,
}

/// What copying one sheet did, for the summary.
#[derive(Debug, Default, PartialEq)]
struct Copied {
    /// Rows written (up to the last row read).
    rows: u64,
    /// Non-empty rows beyond Excel's last row, and non-empty cells beyond its last column.
    rows_beyond: u64,
    cells_beyond: u64,
    /// Texts cut to Excel's 32,767 characters.
    truncated: u64,
    /// Marked cells beyond Excel's limits (neither coloured nor noted).
    marks_beyond: u64,
    /// Marked cells coloured but without a note, over [`MAX_NOTES`].
    notes_skipped: u64,
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
                lines: vec![note_line(register, f, at.col.is_none(), lang)],
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

/// Where a finding is shown in the copy: its cell, or its row (at the row's first cell).
/// `None` for findings about a whole file: no address, or a row finding at the header row
/// (a column the file lacks), which go to the summary sheet instead.
fn cell_of(register: &Register, f: &Finding) -> Option<CellRef> {
    let at = f.at?;
    let header_row = register.sources.get(usize::from(at.file))?.header_row;
    (at.col.is_some() || at.row != header_row).then_some(at)
}

/// One line of a cell's note: `code (severity): message`.
fn note_line(register: &Register, f: &Finding, whole_row: bool, lang: Lang) -> String {
    let row = if whole_row {
        lang.pick(" [hele rij]", " [whole row]")
    } else {
        ""
    };
    format!(
        "{} ({}){row}: {}",
        f.rule.code(),
        f.severity.label(lang),
        f.message(register, lang)
    )
}

/// Marks in row-then-column order, one per cell, the findings of a cell kept in their order.
fn group(mut marks: Vec<Mark>) -> Vec<Mark> {
    marks.sort_by_key(|m| (m.row, m.col));
    let mut out: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        match out.last_mut() {
            Some(last) if (last.row, last.col) == (m.row, m.col) => {
                last.severity = last.severity.max(m.severity);
                last.lines.extend(m.lines);
            }
            _ => out.push(m),
        }
    }
    out
}

/// A sheet name Excel accepts, unique in the workbook: the source's sheet name or the CSV
/// file's stem, without the characters Excel forbids (`[]:*?/\`), at most 31 characters, and
/// numbered ` (2)`, ` (3)`, … where names clash (Excel compares them case-insensitively).
fn sheet_names(sources: &[Source], summary: &str, lang: Lang) -> Vec<String> {
    let mut taken = vec![summary.to_lowercase(), "history".to_string()];
    let mut out = Vec::with_capacity(sources.len());
    for source in sources {
        let raw = match &source.sheet {
            Some(s) => s.clone(),
            None => source
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let clean: String = raw
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c) && !c.is_control())
            .collect();
        let clean = clean.trim().trim_matches('\'').trim();
        let base = if clean.is_empty() {
            lang.pick("Blad", "Sheet").to_string()
        } else {
            clean.to_string()
        };
        let mut name = fit(&base, 31);
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            name = format!("{}{suffix}", fit(&base, 31 - suffix.len()).trim_end());
            n += 1;
        }
        taken.push(name.to_lowercase());
        out.push(name);
    }
    out
}

/// The longest prefix of `s` of at most `max` UTF-16 units (Excel counts in those), without a
/// trailing apostrophe, which Excel refuses at the end of a sheet name.
fn fit(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in s.chars() {
        len += c.len_utf16();
        if len > max {
            break;
        }
        out.push(c);
    }
    out.trim_end_matches('\'').to_string()
}

/// The rows of `source`'s sheet as the loader read them, and its merged regions.
type Rows = Box<dyn Iterator<Item = Result<RawRow>>>;

/// A workbook read again, kept for the next source while that is another sheet of it.
type Reopened = Option<(PathBuf, crate::ingest::spreadsheet::Workbook)>;

fn read_again(
    source: &Source,
    opts: &ReadOptions,
    open: &mut Reopened,
) -> Result<(Rows, Vec<Dimensions>)> {
    let path = &source.path;
    let sheet = match &source.sheet {
        Some(sheet) => sheet.as_str(),
        None => {
            let (bytes, format) = read_checked(source, opts)?;
            if format == FileFormat::Csv {
                let (_, rows) = crate::ingest::csv::open_csv(path, bytes, opts)?;
                return Ok((Box::new(rows), Vec::new()));
            }
            return Err(Error::new("E-no-register", path));
        }
    };
    let wb = match open.take() {
        Some((p, wb)) if p == *path => wb,
        _ => {
            let (bytes, format) = read_checked(source, opts)?;
            open_workbook(path, bytes, format, opts)?
        }
    };
    let (_, wb) = open.insert((path.clone(), wb));
    let rows = wb.read_sheet(sheet)?;
    let merges = wb.merged_regions(sheet)?;
    Ok((Box::new(rows.into_iter().map(Ok)), merges))
}

/// The bytes of `source`'s file and their format, refused (`E-changed`) when they are not the
/// bytes that were loaded.
fn read_checked(
    source: &Source,
    opts: &ReadOptions,
) -> Result<(crate::ingest::input::Input, FileFormat)> {
    let path = &source.path;
    let bytes = read_input(path, opts)?;
    if format!("{:x}", Sha256::digest(&bytes)) != source.sha256 {
        return Err(Error::new("E-changed", path));
    }
    let format = detect_format(path, &bytes)?;
    Ok((bytes, format))
}

/// The cell formats of the copy: by kind of value and by severity of the cell's findings.
struct Styles {
    /// Indexed `[kind][fill]`: kinds as [`Kind`], fills none, info, warning, error.
    cells: [[Format; 4]; 4],
    bold: Format,
    title: Format,
}

/// How a value is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Plain = 0,
    /// A cell of the header row.
    Header = 1,
    Date = 2,
    DateTime = 3,
}

impl Styles {
    fn new() -> Styles {
        let base = [
            Format::new(),
            Format::new().set_bold(),
            Format::new().set_num_format("dd-mm-yyyy"),
            Format::new().set_num_format("dd-mm-yyyy hh:mm"),
        ];
        let cells = base.map(|f| {
            [
                f.clone(),
                f.clone().set_background_color(Color::RGB(INFO_FILL)),
                f.clone().set_background_color(Color::RGB(WARNING_FILL)),
                f.set_background_color(Color::RGB(ERROR_FILL)),
            ]
        });
        Styles {
            cells,
            bold: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
        }
    }

    fn cell(&self, kind: Kind, severity: Option<Severity>) -> &Format {
        &self.cells[kind as usize][fill_index(severity)]
    }

    /// The fill of a severity alone, for the legend and the summary.
    fn severity(&self, severity: Severity) -> &Format {
        self.cell(Kind::Plain, Some(severity))
    }
}

fn fill_index(severity: Option<Severity>) -> usize {
    match severity {
        None => 0,
        Some(Severity::Info) => 1,
        Some(Severity::Warning) => 2,
        Some(Severity::Error) => 3,
    }
}

enum CopyError {
    Read(Error),
    Write(XlsxError),
}

impl From<XlsxError> for CopyError {
    fn from(e: XlsxError) -> CopyError {
        CopyError::Write(e)
    }
}

/// What is known about one sheet before its rows are copied.
struct Sheet<'a> {
    /// Merged regions as stored in the file.
    merges: &'a [Dimensions],
    /// The cells with findings, sorted by row and column (see [`group`]).
    marks: &'a [Mark],
    header_row: u32,
    limits: Limits,
}

/// Writes `rows` to `ws` at their own addresses, colours and notes the marked cells, merges
/// the merged regions again, bolds the header row and freezes the rows above it.
fn copy_sheet(
    ws: &mut Worksheet,
    rows: Rows,
    sheet: &Sheet,
    styles: &Styles,
) -> std::result::Result<Copied, CopyError> {
    let marks = sheet.marks;
    let mut copy = SheetWriter {
        ws,
        styles,
        header_row: sheet.header_row,
        limits: sheet.limits,
        copied: Copied::default(),
        notes: 0,
        widths: Vec::new(),
    };
    let mut merges: Vec<Dimensions> = sheet.merges.to_vec();
    merges.sort_by_key(|d| d.start);
    let mut next_merge = 0;
    // Regions that cover the current row: their cells other than the top-left are empty in
    // the file (the reader filled them in), and stay empty in the copy.
    let mut active: Vec<Dimensions> = Vec::new();
    let mut next_mark = 0;
    let empty = Raw::Empty;
    for row in rows {
        let row = row.map_err(CopyError::Read)?;
        let r = row.row;
        // Marks on rows the reader gave no cells for (none normally; kept so nothing is lost).
        while let Some(m) = marks.get(next_mark).filter(|m| m.row < r) {
            copy.cell(m.row, m.col, &empty, Some(m))?;
            next_mark += 1;
        }
        let end = next_mark + marks[next_mark..].iter().take_while(|m| m.row == r).count();
        let row_marks = &marks[next_mark..end];
        next_mark = end;
        if r >= sheet.limits.rows {
            let filled = row.cells.iter().any(|c| !c.is_empty());
            copy.copied.rows_beyond += u64::from(filled);
            copy.copied.marks_beyond += row_marks.len() as u64;
            continue;
        }
        copy.copied.rows = u64::from(r) + 1;
        active.retain(|d| d.end.0 >= r);
        while let Some(d) = merges.get(next_merge).filter(|d| d.start.0 <= r) {
            if d.start.0 == r {
                copy.merge(d);
                active.push(*d);
            }
            next_merge += 1;
        }
        let covered = |c: u32| {
            active
                .iter()
                .any(|d| d.start != (r, c) && (d.start.1..=d.end.1).contains(&c))
        };
        let mut pending = row_marks.iter().peekable();
        for (c, value) in row.cells.iter().enumerate() {
            let c = c as u32;
            while let Some(m) = pending.next_if(|m| m.col < c) {
                copy.cell(r, m.col, &empty, Some(m))?;
            }
            let mark = pending.next_if(|m| m.col == c);
            let value = if covered(c) { &empty } else { value };
            copy.cell(r, c, value, mark)?;
        }
        for m in pending {
            copy.cell(r, m.col, &empty, Some(m))?;
        }
    }
    for m in &marks[next_mark..] {
        copy.cell(m.row, m.col, &empty, Some(m))?;
    }
    copy.finish()
}

/// The state of one sheet being written.
struct SheetWriter<'a> {
    ws: &'a mut Worksheet,
    styles: &'a Styles,
    header_row: u32,
    limits: Limits,
    copied: Copied,
    notes: usize,
    /// Widest content per column, in characters.
    widths: Vec<usize>,
}

impl SheetWriter<'_> {
    /// Writes one cell: its value (if any), its colour and note (if marked).
    fn cell(
        &mut self,
        row: u32,
        col: u32,
        value: &Raw,
        mark: Option<&Mark>,
    ) -> Result<(), XlsxError> {
        if !self.limits.contains(row, col) {
            self.copied.cells_beyond += u64::from(!value.is_empty());
            self.copied.marks_beyond += u64::from(mark.is_some());
            return Ok(());
        }
        let col16 = col as u16; // below Excel's 16,384 columns, which fit in u16
        let severity = mark.map(|m| m.severity);
        let header = row == self.header_row;
        let text_kind = if header { Kind::Header } else { Kind::Plain };
        let ws = &mut *self.ws;
        let width = match value {
            Raw::Empty => {
                if mark.is_some() {
                    ws.write_blank(row, col16, self.styles.cell(text_kind, severity))?;
                }
                0
            }
            Raw::Text(s) | Raw::Error(s) => {
                let text = if s.encode_utf16().count() > MAX_TEXT {
                    self.copied.truncated += 1;
                    cut_utf16(s, MAX_TEXT)
                } else {
                    s.as_str()
                };
                // write_string: the text stays text, never a formula.
                ws.write_string_with_format(
                    row,
                    col16,
                    text,
                    self.styles.cell(text_kind, severity),
                )?;
                text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
            }
            Raw::Number(n) if n.is_finite() => {
                ws.write_number_with_format(row, col16, *n, self.styles.cell(text_kind, severity))?;
                value.display().len()
            }
            Raw::Number(_) => {
                let text = value.display();
                ws.write_string_with_format(
                    row,
                    col16,
                    &text,
                    self.styles.cell(text_kind, severity),
                )?;
                text.len()
            }
            Raw::Bool(b) => {
                ws.write_boolean_with_format(
                    row,
                    col16,
                    *b,
                    self.styles.cell(text_kind, severity),
                )?;
                5
            }
            Raw::DateTime(dt) => {
                let (serial, kind) = excel_serial(*dt);
                ws.write_number_with_format(row, col16, serial, self.styles.cell(kind, severity))?;
                if kind == Kind::DateTime {
                    16
                } else {
                    10
                }
            }
        };
        // Titles and notes above the header run on into empty cells; they do not widen.
        if row >= self.header_row {
            let i = col as usize;
            if self.widths.len() <= i {
                self.widths.resize(i + 1, 0);
            }
            self.widths[i] = self.widths[i].max(width);
        }
        if let Some(m) = mark {
            if self.notes < self.limits.notes {
                ws.insert_note(row, col16, &note(&m.lines))?;
                self.notes += 1;
            } else {
                self.copied.notes_skipped += 1;
            }
        }
        Ok(())
    }

    /// Merges a region again (clipped to Excel's sheet); the top-left value is written with
    /// the row's other cells.
    fn merge(&mut self, d: &Dimensions) {
        let (top, left) = d.start;
        let bottom = d.end.0.min(self.limits.rows - 1);
        let right = d.end.1.min(self.limits.cols - 1);
        if !self.limits.contains(top, left) || (top, left) == (bottom, right) {
            return;
        }
        let kind = if top == self.header_row {
            Kind::Header
        } else {
            Kind::Plain
        };
        // A region that overlaps another (a damaged file) stays unmerged: its values are in
        // the copy all the same, and the merge is only how they look.
        let _ = self.ws.merge_range(
            top,
            left as u16,
            bottom,
            right as u16,
            "",
            self.styles.cell(kind, None),
        );
    }

    fn finish(self) -> std::result::Result<Copied, CopyError> {
        for (c, w) in self.widths.iter().enumerate() {
            let chars = (*w).clamp(MIN_WIDTH, MAX_WIDTH);
            self.ws.set_column_width(c as u16, chars as f64 + 1.0)?;
        }
        if self.header_row < MAX_FROZEN_ROWS && u64::from(self.header_row) < self.copied.rows {
            self.ws.set_freeze_panes(self.header_row + 1, 0)?;
        }
        // Printed, each page repeats the header row.
        self.ws.set_landscape();
        if u64::from(self.header_row) < self.copied.rows {
            self.ws.set_repeat_rows(self.header_row, self.header_row)?;
        }
        Ok(self.copied)
    }
}

/// A cell note holding `lines`, sized to show them without scrolling.
fn note(lines: &[String]) -> Note {
    const CHARS_PER_LINE: usize = 52;
    let text = lines.join("\n");
    let shown: usize = lines
        .iter()
        .map(|l| l.chars().count().div_ceil(CHARS_PER_LINE).max(1))
        .sum();
    let height = (shown as u32 * 15 + 12).clamp(60, 600);
    let text = if text.encode_utf16().count() > MAX_TEXT - 100 {
        cut_utf16(&text, MAX_TEXT - 100).to_string()
    } else {
        text
    };
    Note::new(text)
        .set_author("klacht")
        .add_author_prefix(false)
        .set_width(340)
        .set_height(height)
}

/// The longest prefix of `s` of at most `max` UTF-16 units.
fn cut_utf16(s: &str, max: usize) -> &str {
    let mut len = 0;
    for (i, c) in s.char_indices() {
        len += c.len_utf16();
        if len > max {
            return &s[..i];
        }
    }
    s
}

/// Excel's serial number of a date and time (1900 system, with Excel's phantom 29 February
/// 1900, so that serials below 61 count one day less) and how to show it: a date, or a date
/// and time. (The reader gives dates from 1900 on; a time of day alone arrives as a number.)
fn excel_serial(dt: NaiveDateTime) -> (f64, Kind) {
    const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1899, 12, 30) {
        Some(d) => d,
        None => panic!("1899-12-30 is a date"), // evaluated at compile time
    };
    let mut days = (dt.date() - EPOCH).num_days() as f64;
    if days < 61.0 {
        days -= 1.0;
    }
    let time = dt.time();
    let seconds = f64::from(time.num_seconds_from_midnight()) + f64::from(time.nanosecond()) / 1e9;
    let serial = days + seconds / 86_400.0;
    let kind = if time == NaiveTime::MIN {
        Kind::Date
    } else {
        Kind::DateTime
    };
    (serial.max(0.0), kind)
}

/// Per rule: severity, count, the first finding, and where that finding is in the copy.
struct RuleLine<'a> {
    rule: Rule,
    severity: Severity,
    count: u64,
    first: &'a Finding,
    at: Option<(usize, u32, u32)>,
}

/// The first sheet: totals, how to read the copy, the findings per rule with a link to the
/// first cell of each, the findings about whole files, the sheets and what did not fit.
fn write_summary(
    ws: &mut Worksheet,
    register: &Register,
    findings: &[Finding],
    plans: &[SheetPlan],
    limits: &Limits,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let counts = crate::rules::Counts::of(findings);
    let title = lang.pick(
        "Klachtenregister met bevindingen",
        "Complaint register with findings",
    );
    ws.write_string_with_format(0, 0, title, &styles.title)?;
    let total = crate::messages::fill(
        lang.pick(
            "{n} bevindingen: {e} fouten, {w} waarschuwingen, {i} info.",
            "{n} findings: {e} errors, {w} warnings, {i} info.",
        ),
        &[
            ("n", &findings.len().to_string()),
            ("e", &counts.error.to_string()),
            ("w", &counts.warning.to_string()),
            ("i", &counts.info.to_string()),
        ],
    );
    ws.write_string(1, 0, total)?;
    let explanation = [
        lang.pick(
            "Dit is een kopie van het register zoals het gelezen is, met dezelfde celadressen; het origineel is niet gewijzigd.",
            "This is a copy of the register as it was read, with the same cell addresses; the original is unchanged.",
        ),
        lang.pick(
            "Elke cel met een bevinding is gekleurd naar ernst en heeft een notitie met de regel en de melding: wijs de cel met het rode driehoekje aan.",
            "Every cell with a finding is coloured by severity and has a note with the rule and the message: point at the cell with the red triangle.",
        ),
        lang.pick(
            "Een bevinding over een hele rij staat in de eerste cel van die rij; een bevinding over een heel bestand staat alleen op dit blad.",
            "A finding about a whole row is on the first cell of that row; a finding about a whole file is on this sheet only.",
        ),
    ];
    for (i, line) in explanation.into_iter().enumerate() {
        ws.write_string(2 + i as u32, 0, line)?;
    }
    ws.write_string_with_format(5, 0, lang.pick("Kleuren:", "Colours:"), &styles.bold)?;
    for (i, s) in [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .enumerate()
    {
        ws.write_string_with_format(5, 1 + i as u16, s.label(lang), styles.severity(s))?;
    }

    let mut r = SUMMARY_HEADER_ROW;
    // Widest text in the column of links and file names.
    let mut place_width = 0usize;
    let heads = [
        lang.pick("Regel", "Rule"),
        lang.pick("Stap", "Step"),
        lang.pick("Ernst", "Severity"),
        lang.pick("Aantal", "Count"),
        lang.pick("Eerste cel", "First cell"),
        lang.pick("Eerste melding", "First message"),
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &styles.bold)?;
    }
    r += 1;
    for line in rule_lines(register, findings, plans, limits) {
        ws.write_string(r, 0, line.rule.code())?;
        ws.write_string(r, 1, line.rule.step().label(lang))?;
        let severity = styles.severity(line.severity);
        ws.write_string_with_format(r, 2, line.severity.label(lang), severity)?;
        ws.write_number(r, 3, line.count as f64)?;
        match line.at {
            Some((sheet, row, col)) => {
                let name = &plans[sheet].name;
                let a1 = CellRef::cell(0, row, col).a1();
                // The target is built here from our own sheet name and a cell address,
                // never from text in the register.
                let link = format!("internal:'{}'!{a1}", name.replace('\'', "''"));
                let text = format!("{name}!{a1}");
                place_width = place_width.max(text.chars().count());
                ws.write_url(r, 4, Url::new(link).set_text(text))?;
            }
            None => {
                ws.write_string(
                    r,
                    4,
                    lang.pick("heel bestand, zie onder", "whole file, see below"),
                )?;
            }
        }
        ws.write_string(r, 5, line.first.message(register, lang))?;
        r += 1;
    }
    if findings.is_empty() {
        ws.write_string(r, 0, lang.pick("Geen bevindingen.", "No findings."))?;
        r += 1;
    }

    let whole_file: Vec<&Finding> = findings
        .iter()
        .filter(|f| cell_of(register, f).is_none())
        .collect();
    if !whole_file.is_empty() {
        r += 1;
        let head = lang.pick(
            "Bevindingen over een heel bestand",
            "Findings about a whole file",
        );
        ws.write_string_with_format(r, 0, head, &styles.bold)?;
        r += 1;
        for f in whole_file {
            let file = register.source_name(f.file);
            ws.write_string(r, 0, f.rule.code())?;
            ws.write_string(r, 1, f.rule.step().label(lang))?;
            let severity = styles.severity(f.severity);
            ws.write_string_with_format(r, 2, f.severity.label(lang), severity)?;
            place_width = place_width.max(file.chars().count());
            ws.write_string(r, 4, &file)?;
            ws.write_string(r, 5, f.message(register, lang))?;
            r += 1;
        }
    }

    r += 1;
    let head = lang.pick("Bladen in deze kopie", "Sheets in this copy");
    ws.write_string_with_format(r, 0, head, &styles.bold)?;
    r += 1;
    for (source, plan) in register.sources.iter().zip(plans) {
        let sheet = source
            .sheet
            .as_ref()
            .map(|s| crate::messages::fill(lang.pick(", blad {s}", ", sheet {s}"), &[("s", s)]))
            .unwrap_or_default();
        let line = crate::messages::fill(
            lang.pick(
                "Blad {name}: {file}{sheet}, kopregel op rij {row}.",
                "Sheet {name}: {file}{sheet}, header on row {row}.",
            ),
            &[
                ("name", &plan.name),
                ("file", &source.name()),
                ("sheet", &sheet),
                ("row", &(source.header_row + 1).to_string()),
            ],
        );
        ws.write_string(r, 0, line)?;
        r += 1;
    }
    for p in &register.passed_over {
        let line = crate::messages::fill(
            lang.pick(
                "Niet gelezen: {file}, blad {sheet} ({reason}).",
                "Not read: {file}, sheet {sheet} ({reason}).",
            ),
            &[
                ("file", &p.name()),
                ("sheet", &p.sheet),
                ("reason", p.reason.label(lang)),
            ],
        );
        ws.write_string(r, 0, line)?;
        r += 1;
    }

    let warnings = limit_lines(plans, limits, lang);
    if !warnings.is_empty() {
        r += 1;
        ws.write_string_with_format(r, 0, lang.pick("Let op", "Note"), &styles.bold)?;
        r += 1;
        for w in warnings {
            ws.write_string_with_format(r, 0, &w, styles.severity(Severity::Warning))?;
            r += 1;
        }
    }

    let place_width = place_width.clamp(24, 45) as f64 + 1.0;
    for (c, w) in [26.0, 20.0, 14.0, 8.0, place_width, 90.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_freeze_panes(SUMMARY_HEADER_ROW + 1, 0)?;
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The per-rule lines of the summary: errors first, then warnings, then info; within a
/// severity in catalogue order.
fn rule_lines<'a>(
    register: &Register,
    findings: &'a [Finding],
    plans: &[SheetPlan],
    limits: &Limits,
) -> Vec<RuleLine<'a>> {
    let mut by_rule: HashMap<Rule, RuleLine<'a>> = HashMap::new();
    for f in findings {
        let at = cell_of(register, f)
            .filter(|at| limits.contains(at.row, at.col.unwrap_or(0)))
            .filter(|at| usize::from(at.file) < plans.len())
            .map(|at| (usize::from(at.file), at.row, at.col.unwrap_or(0)));
        let line = by_rule.entry(f.rule).or_insert(RuleLine {
            rule: f.rule,
            severity: f.severity,
            count: 0,
            first: f,
            at,
        });
        line.count += 1;
        if line.at.is_none() && at.is_some() {
            line.at = at;
            line.first = f;
        }
    }
    let mut lines: Vec<RuleLine<'a>> = by_rule.into_values().collect();
    lines.sort_by_key(|l| (std::cmp::Reverse(l.severity), l.rule));
    lines
}

/// What could not be copied or annotated whole, per sheet, for the summary.
fn limit_lines(plans: &[SheetPlan], limits: &Limits, lang: Lang) -> Vec<String> {
    let rows = limits.rows.to_string();
    let col = crate::ingest::location::column_letters(limits.cols - 1);
    let notes = limits.notes.to_string();
    let mut out = Vec::new();
    for plan in plans {
        let c = &plan.copied;
        let sheet = plan.name.as_str();
        let mut say = |n: u64, nl: &str, en: &str| {
            if n > 0 {
                out.push(crate::messages::fill(
                    lang.pick(nl, en),
                    &[
                        ("sheet", sheet),
                        ("n", &n.to_string()),
                        ("rows", &rows),
                        ("col", &col),
                        ("notes", &notes),
                    ],
                ));
            }
        };
        say(
            c.rows_beyond,
            "Blad {sheet}: rijen voorbij de laatste rij van Excel ({rows}), niet gekopieerd: {n}.",
            "Sheet {sheet}: rows beyond Excel's last row ({rows}), not copied: {n}.",
        );
        say(
            c.cells_beyond,
            "Blad {sheet}: cellen voorbij de laatste kolom van Excel ({col}), niet gekopieerd: {n}.",
            "Sheet {sheet}: cells beyond Excel's last column ({col}), not copied: {n}.",
        );
        say(
            c.marks_beyond,
            "Blad {sheet}: cellen met een bevinding buiten het blad van Excel, niet gemarkeerd: {n}; zie de lijst met bevindingen (--findings).",
            "Sheet {sheet}: cells with a finding outside Excel's sheet, not marked: {n}; see the list of findings (--findings).",
        );
        say(
            c.truncated,
            "Blad {sheet}: teksten langer dan de 32767 tekens die een cel kan bevatten, ingekort: {n}.",
            "Sheet {sheet}: texts longer than the 32767 characters a cell can hold, cut short: {n}.",
        );
        say(
            c.notes_skipped,
            "Blad {sheet}: cellen met een bevinding die wel gekleurd zijn maar geen notitie hebben (hoogstens {notes} notities per blad): {n}; zie de lijst met bevindingen (--findings).",
            "Sheet {sheet}: cells with a finding that are coloured but have no note (at most {notes} notes per sheet): {n}; see the list of findings (--findings).",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use calamine::{Data, Reader};
    use std::io::Read;

    fn temp_dir(test: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("klacht-annotate-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Loads `path`, checks it as of 2026-09-30 and writes the copy to `out` with `limits`.
    fn annotate(path: &Path, out: &Path, limits: &Limits) -> (Register, Vec<Finding>) {
        let config = Config::default();
        let opts = ReadOptions::default();
        let register = crate::ingest::load::load(&[path.to_path_buf()], &config, &opts).unwrap();
        let calendar = crate::cmd::calendar(&config);
        let as_of = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
        let ctx = crate::rules::Context::new(&register, &config, &calendar, as_of);
        let findings = crate::rules::check_all(&ctx);
        let failed = |e: XlsxError| Error::new("E-output", out).detail(e);
        let mut wb = build(&register, &findings, &opts, Lang::Nl, limits, failed).unwrap();
        wb.save(out).unwrap();
        (register, findings)
    }

    fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
        let mut wb = calamine::open_workbook_auto(path).unwrap();
        wb.worksheet_range(name).unwrap()
    }

    /// The text of one part of the xlsx zip.
    fn part(path: &Path, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// The `<comment ref="…">` cells and their text.
    fn comments(xml: &str) -> Vec<(String, String)> {
        xml.split("<comment ref=\"")
            .skip(1)
            .map(|c| {
                let (cell, rest) = c.split_once('"').unwrap();
                let body = rest.split("</comment>").next().unwrap();
                let mut text = String::new();
                for piece in body.split("<t").skip(1) {
                    let piece = piece.split_once('>').unwrap().1;
                    text.push_str(piece.split("</t>").next().unwrap());
                }
                (cell.to_string(), text)
            })
            .collect()
    }

    const MESSY: &str = "Klachtenregister Test;;\n\
        \n\
        Klachtnr;Datum ontvangst;Omschrijving;Behandelaar;Datum afgehandeld;Status\n\
        K-1;3-3-2026;=HYPERLINK(\"http://x\");Jan;1-3-2026;afgehandeld\n\
        K-2;31-02-2026;Lekkage;;;open\n\
        \n\
        ;4-3-2026;\"Geluid; hard\";Piet;;open\n\
        K-3;5-12-2026;Lek;Ali;1-12-2026;afgehandeld\n";

    #[test]
    fn the_copy_keeps_every_cell_at_its_address_and_marks_the_findings() {
        let dir = temp_dir("messy");
        let input = dir.join("register.csv");
        std::fs::write(&input, MESSY).unwrap();
        let out = dir.join("kopie.xlsx");
        let (_, findings) = annotate(&input, &out, &Limits::EXCEL);

        let copy = sheet(&out, "register");
        assert_eq!(copy.start(), Some((0, 0)));
        let expected: Vec<Vec<&str>> = MESSY
            .lines()
            .map(|l| match l {
                l if l.contains('"') => vec![],
                "" => vec![],
                l => l.split(';').collect(),
            })
            .collect();
        assert_eq!(copy.height(), expected.len());
        for (r, cells) in expected.iter().enumerate() {
            for (c, want) in cells.iter().enumerate() {
                let got = copy.get((r, c)).cloned().unwrap_or(Data::Empty);
                let want = if want.is_empty() {
                    Data::Empty
                } else {
                    Data::String(want.to_string())
                };
                assert_eq!(got, want, "cell {}", CellRef::cell(0, r as u32, c as u32));
            }
        }
        // A quoted field with the separator in it, and a formula-like text that stays text.
        assert_eq!(
            copy.get((3, 2)),
            Some(&Data::String("=HYPERLINK(\"http://x\")".into()))
        );
        assert_eq!(copy.get((6, 2)), Some(&Data::String("Geluid; hard".into())));
        let xml = part(&out, "xl/worksheets/sheet2.xml");
        assert!(!xml.contains("<f>"), "no formulas in the copy");

        // E8 has two findings: one note holding both, coloured red.
        let notes = comments(&part(&out, "xl/comments1.xml"));
        let e8 = &notes.iter().find(|(c, _)| c == "E8").unwrap().1;
        assert!(
            e8.contains("date-order (fout)") && e8.contains("future-date (fout)"),
            "{e8}"
        );
        assert!(e8.contains("01-12-2026"), "{e8}");
        // One note per marked cell; findings about the whole file have none.
        let cells: std::collections::BTreeSet<String> = findings
            .iter()
            .filter_map(|f| f.at.filter(|at| at.col.is_some()))
            .map(|at| at.a1())
            .collect();
        let noted: std::collections::BTreeSet<String> =
            notes.iter().map(|(c, _)| c.clone()).collect();
        assert_eq!(noted, cells);
        let styles = part(&out, "xl/styles.xml");
        for fill in ["FFFFC7CE", "FFFFE0A6", "FFDDEBF7"] {
            assert!(styles.contains(fill), "{fill}");
        }
        // The header row is frozen.
        assert!(xml.contains("<pane ySplit=\"3\""), "{xml}");
    }

    #[test]
    fn whole_row_and_whole_file_findings() {
        // No number column: each row's missing-id is a row finding, shown on the row's first
        // cell. No handler column: missing-column, about the whole file.
        let dir = temp_dir("rows");
        let input = dir.join("r.csv");
        std::fs::write(
            &input,
            "Datum ontvangst;Omschrijving\n3-3-2026;Lek\n4-3-2026;Storing\n",
        )
        .unwrap();
        let out = dir.join("kopie.xlsx");
        let (_, findings) = annotate(&input, &out, &Limits::EXCEL);
        assert!(findings.iter().any(|f| f.rule == Rule::MissingColumn));
        let notes = comments(&part(&out, "xl/comments1.xml"));
        let a2 = &notes.iter().find(|(c, _)| c == "A2").unwrap().1;
        assert!(a2.contains("missing-id (waarschuwing) [hele rij]"), "{a2}");
        assert!(a2.contains("r:2"), "the derived number: {a2}");
        assert!(
            !notes.iter().any(|(c, _)| c == "A1"),
            "no note for the file"
        );
        let summary = sheet(&out, "Bevindingen");
        let rows: Vec<Vec<String>> = summary
            .rows()
            .map(|r| r.iter().map(|d| d.to_string()).collect())
            .collect();
        let missing = rows
            .iter()
            .find(|r| r[0] == "missing-column")
            .expect("missing-column counted");
        assert_eq!(missing[4], "heel bestand, zie onder");
        let id = rows.iter().find(|r| r[0] == "missing-id").unwrap();
        assert_eq!(id[3], "2");
        assert_eq!(id[4], "r!A2");
        assert!(
            rows.iter().any(|r| r[0] == "missing-column"
                && r[4] == "r.csv"
                && r[5].contains("Behandelaar")),
            "listed under the findings about a whole file: {rows:?}"
        );
    }

    #[test]
    fn limits_are_reported_not_silent() {
        let dir = temp_dir("limits");
        let input = dir.join("r.csv");
        let mut text = String::from("Klachtnr;Datum ontvangst;Omschrijving;Behandelaar\n");
        for i in 0..9 {
            text.push_str(&format!("K-{i};3-3-2026;Lek;\n"));
        }
        std::fs::write(&input, text).unwrap();
        let out = dir.join("kopie.xlsx");
        let limits = Limits {
            rows: 6,
            cols: 3,
            notes: 2,
        };
        annotate(&input, &out, &limits);
        let copy = sheet(&out, "r");
        assert_eq!(
            copy.end(),
            Some((5, 2)),
            "rows and columns cut at the limits"
        );
        assert_eq!(comments(&part(&out, "xl/comments1.xml")).len(), 2);
        let summary = sheet(&out, "Bevindingen");
        let text: Vec<String> = summary.rows().map(|r| r[0].to_string()).collect();
        let has = |s: &str| text.iter().any(|t| t.contains(s));
        assert!(has(
            "rijen voorbij de laatste rij van Excel (6), niet gekopieerd: 4."
        ));
        // Only the header's D1 is filled beyond column C (the handlers are missing).
        assert!(has("laatste kolom van Excel (C), niet gekopieerd: 1."));
        // Marked cells: 9 missing handlers in column D (beyond the columns), 9 overdue in
        // column B, of which 5 are inside: 2 get a note, 3 only a colour, 13 nothing.
        assert!(has("niet gemarkeerd: 13;"), "{text:?}");
        assert!(has("(hoogstens 2 notities per blad): 3;"), "{text:?}");
    }

    #[test]
    fn workbook_values_dates_and_merges_as_found() {
        let dir = temp_dir("xlsx");
        let input = dir.join("r.xlsx");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Klachten 2026").unwrap();
        let title = Format::new().set_bold();
        ws.merge_range(0, 0, 0, 4, "Klachtenregister", &title)
            .unwrap();
        let heads = [
            "Klachtnr",
            "Datum ontvangst",
            "Omschrijving",
            "Behandelaar",
            "Tijd",
        ];
        for (c, h) in heads.iter().enumerate() {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        let date = Format::new().set_num_format("d mmm yyyy");
        let time = Format::new().set_num_format("h:mm");
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        for i in 0..3u32 {
            let r = 3 + i;
            ws.write_number(r, 0, f64::from(i + 1)).unwrap();
            ws.write_datetime_with_format(r, 1, d(2026, 3, 2 + i), &date)
                .unwrap();
            ws.write_string(r, 2, "Lekkage").unwrap();
            ws.write_datetime_with_format(
                r,
                4,
                NaiveTime::from_hms_opt(9 + i, 30, 0).unwrap(),
                &time,
            )
            .unwrap();
        }
        // The handler merged over the three complaints.
        ws.merge_range(3, 3, 5, 3, "Jan", &Format::new()).unwrap();
        ws.write_boolean(6, 0, true).unwrap();
        wb.save(&input).unwrap();

        let out = dir.join("kopie.xlsx");
        annotate(&input, &out, &Limits::EXCEL);
        let original = sheet(&input, "Klachten 2026");
        let copy = sheet(&out, "Klachten 2026");
        assert_eq!(copy.start(), original.start());
        assert_eq!(copy.end(), original.end());
        for (r, c, want) in original.cells() {
            let got = copy.get((r, c)).unwrap();
            match (want, got) {
                (Data::DateTime(a), Data::DateTime(b)) => {
                    assert_eq!(a.as_datetime(), b.as_datetime(), "({r}, {c})")
                }
                // A time of day alone: the reader gives its number, and so does the copy.
                (Data::DateTime(a), Data::Float(b)) if c == 4 => assert_eq!(a.as_f64(), *b),
                _ => assert_eq!(want, got, "({r}, {c})"),
            }
        }
        let mut xlsx: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
        let regions: Vec<_> = xlsx
            .merge_cells_by_sheet_name("Klachten 2026")
            .unwrap()
            .into_iter()
            .map(|d| (d.start, d.end))
            .collect();
        assert!(regions.contains(&((0, 0), (0, 4))), "{regions:?}");
        assert!(regions.contains(&((3, 3), (5, 3))), "{regions:?}");
    }

    #[test]
    fn sheet_names_excel_accepts() {
        let source = |sheet: Option<&str>, path: &str| Source {
            path: PathBuf::from(path),
            format: "xlsx",
            sheet: sheet.map(str::to_string),
            encoding: None,
            separator: None,
            sha256: String::new(),
            bytes: 0,
            header_row: 0,
            columns: Vec::new(),
            date_columns: Vec::new(),
            rows: Default::default(),
        };
        let sources = [
            source(Some("Register"), "a.xlsx"),
            source(Some("register"), "b.xlsx"),
            source(Some("[Klachten]: 2026/Q3*?"), "c.xlsx"),
            source(None, "vestiging-apeldoorn-klachtenregister-2026.csv"),
            source(None, "vestiging-apeldoorn-klachtenregister-2026-kopie.csv"),
            source(Some("Bevindingen"), "d.xlsx"),
            source(Some("'quoted'"), "e.xlsx"),
            source(Some("***"), "f.xlsx"),
            source(Some("History"), "g.xlsx"),
        ];
        let names = sheet_names(&sources, "Bevindingen", Lang::Nl);
        assert_eq!(
            names,
            [
                "Register",
                "register (2)",
                "Klachten 2026Q3",
                "vestiging-apeldoorn-klachtenreg",
                "vestiging-apeldoorn-klachte (2)",
                "Bevindingen (2)",
                "quoted",
                "Blad",
                "History (2)",
            ]
        );
        let mut wb = Workbook::new();
        for name in &names {
            wb.add_worksheet().set_name(name).unwrap();
        }
    }

    #[test]
    fn serials_match_what_calamine_reads_back() {
        let cases = [
            ("1900-01-01T00:00:00", 1.0, Kind::Date),
            ("1900-02-28T00:00:00", 59.0, Kind::Date),
            ("1900-03-01T00:00:00", 61.0, Kind::Date),
            ("2025-01-01T00:00:00", 45658.0, Kind::Date),
            ("2026-03-03T12:00:00", 46084.5, Kind::DateTime),
        ];
        for (text, serial, kind) in cases {
            let dt: NaiveDateTime = text.parse().unwrap();
            assert_eq!(excel_serial(dt), (serial, kind), "{text}");
            let back =
                calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false);
            assert_eq!(back.as_datetime(), Some(dt), "{text}");
        }
    }

    #[test]
    fn marks_on_one_cell_become_one_note_with_the_worst_colour() {
        let mark = |row, col, severity, line: &str| Mark {
            row,
            col,
            severity,
            lines: vec![line.to_string()],
        };
        let marks = group(vec![
            mark(5, 2, Severity::Info, "b"),
            mark(3, 1, Severity::Warning, "a"),
            mark(5, 2, Severity::Error, "c"),
            mark(5, 0, Severity::Info, "d"),
        ]);
        let cells: Vec<_> = marks.iter().map(|m| (m.row, m.col, m.severity)).collect();
        assert_eq!(
            cells,
            [
                (3, 1, Severity::Warning),
                (5, 0, Severity::Info),
                (5, 2, Severity::Error)
            ]
        );
        assert_eq!(marks[2].lines, ["b", "c"]);
    }

    #[test]
    fn a_changed_input_is_refused() {
        let dir = temp_dir("changed");
        let input = dir.join("r.csv");
        std::fs::write(&input, MESSY).unwrap();
        let config = Config::default();
        let opts = ReadOptions::default();
        let register =
            crate::ingest::load::load(std::slice::from_ref(&input), &config, &opts).unwrap();
        std::fs::write(&input, format!("{MESSY}K-9;1-1-2026;x;y\n")).unwrap();
        let out = dir.join("kopie.xlsx");
        let err = write(&out, &[input], &register, &[], &opts, Lang::En).unwrap_err();
        assert_eq!(err.code, "E-changed");
        assert!(!out.exists());
    }
}
