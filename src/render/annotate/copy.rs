//! Copying one sheet: the input read again with the loader's readers, every value written at
//! its own address as found, marked cells coloured and noted.

use super::plan::Mark;
use super::Limits;
use crate::base::Severity;
use crate::error::{Error, Result};
use crate::ingest::spreadsheet::{detect_format, open_workbook, read_input, Format as FileFormat};
use crate::ingest::{Raw, RawRow, ReadOptions};
use crate::register::Source;
use calamine::Dimensions;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use rust_xlsxwriter::{Color, Format, Note, Worksheet, XlsxError};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// Excel's limit on the text in one cell, in UTF-16 units.
const MAX_TEXT: usize = 32_767;
/// Column widths are estimated from the content, within these bounds (characters).
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 50;
/// The header row is frozen only when it is near the top; a header on row 30 frozen would
/// leave little of the screen for the register.
const MAX_FROZEN_ROWS: u32 = 12;
/// Light fills, so the text stays readable: Excel's own "bad" red, a light amber, a light blue.
const ERROR_FILL: u32 = 0xFFC7CE;
const WARNING_FILL: u32 = 0xFFE0A6;
const INFO_FILL: u32 = 0xDDEBF7;

/// What copying one sheet did, for the summary.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Copied {
    /// Rows written (up to the last row read).
    pub(super) rows: u64,
    /// Non-empty rows beyond Excel's last row, and non-empty cells beyond its last column.
    pub(super) rows_beyond: u64,
    pub(super) cells_beyond: u64,
    /// Texts cut to Excel's 32,767 characters.
    pub(super) truncated: u64,
    /// Marked cells beyond Excel's limits (neither coloured nor noted).
    pub(super) marks_beyond: u64,
    /// Marked cells coloured but without a note, over [`MAX_NOTES`].
    pub(super) notes_skipped: u64,
}

/// The rows of `source`'s sheet as the loader read them, and its merged regions.
type Rows = Box<dyn Iterator<Item = Result<RawRow>>>;

/// A workbook read again, kept for the next source while that is another sheet of it.
type Reopened = Option<(PathBuf, crate::ingest::spreadsheet::Workbook)>;

pub(super) fn read_again(
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
            return Err(Error::NoRegister { path: path.into() });
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
        return Err(Error::Changed { path: path.into() });
    }
    let format = detect_format(path, &bytes)?;
    Ok((bytes, format))
}

/// The cell formats of the copy: by kind of value and by severity of the cell's findings.
pub(super) struct Styles {
    /// Indexed `[kind][fill]`: kinds as [`Kind`], fills none, info, warning, error.
    pub(super) cells: [[Format; 4]; 4],
    pub(super) bold: Format,
    pub(super) title: Format,
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
    pub(super) fn new() -> Styles {
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
    pub(super) fn severity(&self, severity: Severity) -> &Format {
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

pub(super) enum CopyError {
    Read(Error),
    Write(XlsxError),
}

impl From<XlsxError> for CopyError {
    fn from(e: XlsxError) -> CopyError {
        CopyError::Write(e)
    }
}

/// What is known about one sheet before its rows are copied.
pub(super) struct Sheet<'a> {
    /// Merged regions as stored in the file.
    pub(super) merges: &'a [Dimensions],
    /// The cells with findings, sorted by row and column (see [`group`]).
    pub(super) marks: &'a [Mark],
    pub(super) header_row: u32,
    pub(super) limits: Limits,
}

/// Writes `rows` to `ws` at their own addresses, colours and notes the marked cells, merges
/// the merged regions again, bolds the header row and freezes the rows above it.
pub(super) fn copy_sheet(
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
    pub(super) ws: &'a mut Worksheet,
    pub(super) styles: &'a Styles,
    pub(super) header_row: u32,
    pub(super) limits: Limits,
    pub(super) copied: Copied,
    pub(super) notes: usize,
    /// Widest content per column, in characters.
    widths: Vec<usize>,
}

impl SheetWriter<'_> {
    /// Writes one cell: its value (if any), its colour and note (if marked).
    pub(super) fn cell(
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
pub(super) fn note(lines: &[String]) -> Note {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
