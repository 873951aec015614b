//! The rows of every list written straight as sheet XML, on every core (all but the small
//! tables a chart reads: `layout::Charted`).
//!
//! rust_xlsxwriter makes an object of every cell, keeps it in a map until its row is done,
//! writes it out as XML and at the end deflates each sheet on one thread; for an Excel table it
//! also records every cell of the table's range in a hash map. For the 160 000 register rows
//! and 128 000 findings of a million-row quarter that was most of the report's time. So the
//! rows of a list, all but the last, are turned into XML and deflated here in parallel chunks;
//! the last row is written by rust_xlsxwriter as usual, so that the sheet's size and filter are
//! its own and the row marks where the chunks go when the saved workbook is repacked
//! ([`Bulk::save`]). A list short enough to be an Excel table is given to rust_xlsxwriter as a
//! table of its header and first row, and its table part gets the whole range in the repack
//! ([`Bulk::table_range`]).
//!
//! The XML is the one rust_xlsxwriter writes for the same cells, except that a cell right after
//! the row's previous one goes without its reference (`r="B12"`), which then is implied, and
//! that texts are kept in their cells (inline strings) on every sheet: a test compares them
//! byte for byte, and reads the cells back with calamine.

use super::layout::{clip, Cell, Column, Formats, Style, STYLES};
use super::repack::{self, Deflated};
use chrono::NaiveDate;
use rayon::prelude::*;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Mutex;

/// Rows turned into XML and deflated as one piece: big enough that the deflate blocks stay
/// efficient, small enough that two cores share a list evenly.
const CHUNK_ROWS: usize = 4096;

/// Rows of one sheet waiting to be put into the saved workbook.
pub(super) struct Body {
    /// Position of the sheet in the workbook, from 1 (`xl/worksheets/sheet{n}.xml`).
    pub(super) sheet: usize,
    /// The 1-based row number the rows go before (the list's last row).
    pub(super) before_row: u32,
    pub(super) parts: Vec<Deflated>,
}

/// An Excel table given to rust_xlsxwriter with its header and first row only, and the range
/// its table part gets in the saved workbook.
pub(super) struct TableRange {
    /// The table's name, unique in the workbook (rust_xlsxwriter refuses a second).
    pub(super) name: String,
    /// The range rust_xlsxwriter wrote (`A5:T6`).
    pub(super) written: String,
    /// The table's whole range (`A5:T60004`).
    pub(super) whole: String,
}

/// Collects the lists of a workbook while its sheets are written, possibly on several
/// threads, and puts them into the file when it is saved.
pub struct Bulk {
    /// The workbook's format number of each style's plain format (`s="…"` in a cell).
    xf: Vec<u32>,
    bodies: Mutex<Vec<Body>>,
    tables: Mutex<Vec<TableRange>>,
}

impl Bulk {
    /// For a workbook whose formats are numbered by [`Formats::register`] before anything else
    /// is written: rust_xlsxwriter numbers formats in the order it first sees them, after the
    /// default format (0), and gives equal formats one number.
    pub fn new(formats: &Formats) -> Bulk {
        let mut seen: Vec<&Format> = Vec::new();
        let default = Format::default();
        seen.push(&default);
        for f in formats.in_order() {
            if !seen.contains(&f) {
                seen.push(f);
            }
        }
        let xf = STYLES
            .iter()
            .map(|s| {
                let f = formats.plain(*s);
                seen.iter().position(|g| *g == f).unwrap_or(0) as u32
            })
            .collect();
        Bulk {
            xf,
            bodies: Mutex::new(Vec::new()),
            tables: Mutex::new(Vec::new()),
        }
    }

    /// Writes rows `0..rows` of a list (`cells(i)` gives row `i`) as the rows of sheet `sheet`
    /// (from 1) starting at worksheet row `first_row` (from 0), in parallel; the caller writes
    /// the list's next row itself. Returns the width each column needs.
    pub(super) fn rows<F>(
        &self,
        sheet: usize,
        first_row: u32,
        rows: usize,
        columns: &[Column],
        cells: F,
    ) -> Result<Vec<f64>, XlsxError>
    where
        F: Fn(usize) -> Vec<Cell> + Sync,
    {
        if rows == 0 {
            return Ok(vec![0.0; columns.len()]);
        }
        let names: Vec<String> = (0..columns.len())
            .map(|c| rust_xlsxwriter::utility::column_number_to_name(c as u16))
            .collect();
        let chunks: Vec<(Deflated, Vec<f64>)> = (0..rows.div_ceil(CHUNK_ROWS))
            .into_par_iter()
            .map(|k| {
                let range = k * CHUNK_ROWS..((k + 1) * CHUNK_ROWS).min(rows);
                with_scratch(|xml| self.chunk(xml, range, first_row, columns, &names, &cells))
            })
            .collect::<Result<_, _>>()
            .map_err(XlsxError::IoError)?;
        let mut widths = vec![0.0_f64; columns.len()];
        let mut parts = Vec::with_capacity(chunks.len());
        for (part, w) in chunks {
            for (all, w) in widths.iter_mut().zip(w) {
                *all = all.max(w);
            }
            parts.push(part);
        }
        let body = Body {
            sheet,
            before_row: first_row + rows as u32 + 1,
            parts,
        };
        locked(&self.bodies)?.push(body);
        Ok(widths)
    }

    /// Table `name`, given to rust_xlsxwriter over the range `written`, spans `whole` in the
    /// saved workbook.
    pub(super) fn table_range(
        &self,
        name: &str,
        written: String,
        whole: String,
    ) -> Result<(), XlsxError> {
        locked(&self.tables)?.push(TableRange {
            name: name.to_string(),
            written,
            whole,
        });
        Ok(())
    }

    /// Rows `range` of a list as XML in `xml` (empty), deflated; with the width each column
    /// needs.
    fn chunk<F>(
        &self,
        xml: &mut String,
        range: std::ops::Range<usize>,
        first_row: u32,
        columns: &[Column],
        names: &[String],
        cells: &F,
    ) -> std::io::Result<(Deflated, Vec<f64>)>
    where
        F: Fn(usize) -> Vec<Cell>,
    {
        let mut widths = vec![0.0; columns.len()];
        let mut number = itoa::Buffer::new();
        for i in range {
            let row = number.format(first_row + i as u32 + 1);
            let start = xml.len();
            xml.push_str("<row r=\"");
            xml.push_str(row);
            xml.push_str("\">");
            let cells_from = xml.len();
            // The column a cell without a reference lands in: the one after the last cell
            // written.
            let mut next = 0;
            for (c, cell) in cells(i).iter().enumerate().take(columns.len()) {
                // A column as wide as it may get needs no more measuring.
                if widths[c] < columns[c].max_width {
                    let w = (cell.width() + 1.0).min(columns[c].max_width);
                    widths[c] = widths[c].max(w);
                }
                let before = xml.len();
                let at = Place {
                    column: &names[c],
                    row,
                    implied: c == next,
                };
                self.cell(xml, &at, cell);
                if xml.len() > before {
                    next = c + 1;
                }
            }
            if xml.len() == cells_from {
                // A row with nothing in it is left out, as rust_xlsxwriter does.
                xml.truncate(start);
            } else {
                xml.push_str("</row>");
            }
        }
        repack::deflate(xml.as_bytes()).map(|d| (d, widths))
    }

    /// The XML rust_xlsxwriter writes for `cell` at `at` (nothing for a blank).
    fn cell(&self, xml: &mut String, at: &Place, cell: &Cell) {
        let xf = |style: Style| self.xf.get(style.index()).copied().unwrap_or(0);
        match cell {
            Cell::Text(s, style) => text_cell(xml, at, clip(s), xf(*style)),
            Cell::Num(v, style) => number_cell(xml, at, *v, xf(*style)),
            Cell::Date(d) => number_cell(xml, at, excel_date(*d), xf(Style::Date)),
            Cell::Blank => {}
        }
    }

    /// Saves `wb` at `path` with the rows collected here in their places and the tables given
    /// their whole ranges; a workbook without either (lists of a row at most) is saved by
    /// rust_xlsxwriter as it is.
    pub fn save(self, wb: &mut Workbook, path: &Path) -> Result<(), XlsxError> {
        let bodies = self.bodies.into_inner().map_err(poisoned)?;
        let tables = self.tables.into_inner().map_err(poisoned)?;
        if bodies.is_empty() && tables.is_empty() {
            return wb.save(path);
        }
        let saved = wb.save_to_buffer()?;
        repack::write(&saved, bodies, tables, path)
    }
}

fn locked<T>(list: &Mutex<Vec<T>>) -> Result<std::sync::MutexGuard<'_, Vec<T>>, XlsxError> {
    list.lock().map_err(poisoned)
}

/// A list whose writer panicked on another thread.
fn poisoned<E>(_: E) -> XlsxError {
    XlsxError::ParameterError("bulk rows".into())
}

thread_local! {
    /// Each thread's buffer for a chunk's XML, kept from chunk to chunk: a fresh one of several
    /// megabytes per chunk, grown by doubling, cost a page fault per 4 KiB and a copy at every
    /// doubling (40 % of the page faults of a million-row report, docs/performance.md).
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Runs `f` on this thread's [`SCRATCH`] buffer, emptied; on a fresh one if the buffer is in
/// use further up this thread's stack (a rayon thread may start another chunk while it
/// waits).
fn with_scratch<R>(f: impl FnOnce(&mut String) -> R) -> R {
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut xml) => {
            xml.clear();
            f(&mut xml)
        }
        Err(_) => f(&mut String::new()),
    })
}

/// A cell's column letters and row number, as text. Cells are written with `push_str` and
/// `itoa`, not `write!`, whose overhead would be paid for each of millions of cells.
struct Place<'a> {
    column: &'a str,
    row: &'a str,
    /// The cell follows the row's last written cell, where a cell without a reference lands.
    implied: bool,
}

/// `<c r="B12"` and the cell's format, if any; just `<c` where the place is implied. The
/// reference is optional (ECMA-376 §18.3.1.4) and Excel, LibreOffice and calamine read such
/// cells in order; left out, the long lists' XML is a fifth smaller and deflates in 0.6× the
/// time (docs/decisions.md).
fn open_cell(xml: &mut String, at: &Place, xf: u32) {
    xml.push_str("<c");
    if !at.implied {
        xml.push_str(" r=\"");
        xml.push_str(at.column);
        xml.push_str(at.row);
        xml.push('"');
    }
    if xf > 0 {
        xml.push_str(" s=\"");
        xml.push_str(itoa::Buffer::new().format(xf));
        xml.push('"');
    }
}

/// A number as rust_xlsxwriter writes it (Rust's shortest form, whole numbers without a
/// fraction): Excel has no NaN or infinity, so those become text.
fn number_cell(xml: &mut String, at: &Place, v: f64, xf: u32) {
    if v.is_nan() {
        return text_cell(xml, at, "NAN", xf);
    }
    if v.is_infinite() {
        let text = if v > 0.0 { "INF" } else { "-INF" };
        return text_cell(xml, at, text, xf);
    }
    open_cell(xml, at, xf);
    xml.push_str("><v>");
    // Dates, counts and days are whole: written without the float formatter. (-0 is not: it
    // keeps its sign.)
    if v.fract() == 0.0 && v.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative()) {
        xml.push_str(itoa::Buffer::new().format(v as i64));
    } else {
        let _ = write!(xml, "{v}");
    }
    xml.push_str("</v></c>");
}

/// A text kept in its cell (an inline string). Empty text with a format is a formatted blank.
fn text_cell(xml: &mut String, at: &Place, s: &str, xf: u32) {
    if s.is_empty() {
        if xf > 0 {
            open_cell(xml, at, xf);
            xml.push_str("/>");
        }
        return;
    }
    open_cell(xml, at, xf);
    xml.push_str(" t=\"inlineStr\"><is><t");
    let edge = ['\t', '\n', ' '];
    if s.starts_with(edge) || s.ends_with(edge) {
        xml.push_str(" xml:space=\"preserve\"");
    }
    xml.push('>');
    escape(xml, s);
    xml.push_str("</t></is></c>");
}

/// Excel's escaping of cell text: the three XML characters, control characters as `_xHHHH_`,
/// and a literal `_xHHHH_` in the text guarded by an escaped underscore (`_x005F`).
fn escape(xml: &mut String, s: &str) {
    // Most texts have nothing to escape: one pass over the bytes settles that (0xEF starts
    // U+FFFE and U+FFFF). Without an early exit the compiler vectorises the pass.
    let special = |b: u8| {
        matches!(b, b'&' | b'<' | b'>' | b'_' | 0xEF) || (b < b' ' && !matches!(b, b'\t' | b'\n'))
    };
    if !s.bytes().fold(false, |found, b| found | special(b)) {
        xml.push_str(s);
        return;
    }
    let mut rest = s;
    while let Some(i) = rest.find(needs_escape) {
        let (plain, tail) = rest.split_at(i);
        xml.push_str(plain);
        let mut chars = tail.chars();
        let Some(ch) = chars.next() else { break };
        match ch {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '_' => {
                if literal_escape(tail) {
                    xml.push_str("_x005F");
                }
                xml.push('_');
            }
            c => {
                let _ = write!(xml, "_x{:04X}_", u32::from(c));
            }
        }
        rest = chars.as_str();
    }
    xml.push_str(rest);
}

fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '_' | '\u{FFFE}' | '\u{FFFF}')
        || (c < ' ' && c != '\t' && c != '\n')
}

/// Whether `s` starts with text that reads as Excel's own escape `_xHHHH_`.
fn literal_escape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 7 && b[1] == b'x' && b[6] == b'_' && b[2..6].iter().all(|c| c.is_ascii_hexdigit())
}

/// Excel's serial day number of `d`, counting the 29th of February 1900 that Excel believes in.
fn excel_date(d: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 31).unwrap_or_default();
    let days = (d - epoch).num_days() as f64;
    if days > 59.0 {
        days + 1.0
    } else {
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut xml = String::new();
        escape(&mut xml, s);
        xml
    }

    #[test]
    fn text_is_escaped_as_excel_does() {
        assert_eq!(escaped("a & b <c>"), "a &amp; b &lt;c&gt;");
        assert_eq!(escaped("bel\u{7}\ttab\nline"), "bel_x0007_\ttab\nline");
        assert_eq!(
            escaped("_x0041_ en _x12_ en _"),
            "_x005F_x0041_ en _x12_ en _"
        );
        assert_eq!(escaped("\u{FFFF}é"), "_xFFFF_é");
    }

    #[test]
    fn dates_count_excels_leap_day_of_1900() {
        let d = |y, m, day| excel_date(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(d(1900, 1, 1), 1.0);
        assert_eq!(d(1900, 2, 28), 59.0);
        assert_eq!(d(1900, 3, 1), 61.0);
        assert_eq!(d(2026, 9, 30), 46295.0);
    }
}
