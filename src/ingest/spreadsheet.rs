//! Workbooks (xlsx, xlsm, xlsb, xls, ods) to rows of raw cells, the file type told by content,
//! and the size checks made before anything big is read.
//!
//! Files are read into memory once (their size checked first) and calamine reads them from
//! there. xlsx and xlsb sheets are streamed cell by cell into sparse rows, so a stray cell at
//! XFD1048576 is caught by the cell limit instead of becoming a dense range of billions of
//! cells; xls and ods sheets arrive from calamine whole and are checked afterwards.

use super::input::{self, Input};
use super::{Raw, RawRow, ReadOptions};
use crate::base::location::CellRef;
use crate::error::Error;
use calamine::{
    Data, Dimensions, Ods, OdsError, Reader, SheetType, Xls, XlsError, Xlsb, XlsbError, Xlsx,
    XlsxError,
};
use chrono::Datelike;
use std::cell::Cell;
use std::fmt::Display;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

/// The kinds of file the tool reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
    Csv,
}

impl Format {
    /// Lower-case name, as the file extension: `"xlsx"`.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
        }
    }

    /// The format an extension names (case-insensitive); `txt` and `tsv` are CSV.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let format = match ext.to_ascii_lowercase().as_str() {
            "xlsx" => Format::Xlsx,
            "xlsm" => Format::Xlsm,
            "xlsb" => Format::Xlsb,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            "csv" | "tsv" | "txt" => Format::Csv,
            _ => return None,
        };
        Some(format)
    }

    /// Name for messages: `XLSX`, `CSV`.
    fn label(&self) -> String {
        self.name().to_ascii_uppercase()
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Bytes looked at to tell text from binary.
const TEXT_SAMPLE: usize = 8 * 1024;

/// Tells the file type by its content, and by its extension only where the content leaves it
/// open (a zip without a known workbook inside, binary data that is neither zip nor OLE). A
/// file named `.xlsx` that holds CSV text is CSV; an encrypted xlsx (an OLE container with an
/// `EncryptedPackage` stream) is `E-encrypted`; HTML or XML saved under an Excel name, which
/// calamine cannot read, is `E-format`.
///
/// ```
/// use klacht::ingest::spreadsheet::{detect_format, Format};
/// let f = detect_format("register.xlsx".as_ref(), b"Nr;Klant\n1;Jansen\n").unwrap();
/// assert_eq!(f, Format::Csv);
/// ```
pub fn detect_format(path: &Path, bytes: &[u8]) -> Result<Format, Error> {
    let by_ext = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension);
    let has = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
    if bytes.starts_with(ZIP_MAGIC) {
        // Entry names are stored uncompressed in the local headers and the central directory.
        return if has(b"xl/workbook.bin") {
            Ok(Format::Xlsb)
        } else if has(b"xl/workbook.xml") {
            if has(b"xl/vbaProject.bin") || by_ext == Some(Format::Xlsm) {
                Ok(Format::Xlsm)
            } else {
                Ok(Format::Xlsx)
            }
        } else if has(b"mimetype") && has(b"content.xml") {
            Ok(Format::Ods)
        } else {
            match by_ext {
                Some(Format::Csv) | None => Err(Error::Format { path: path.into() }),
                Some(f) => Ok(f),
            }
        };
    }
    if bytes.starts_with(OLE_MAGIC) {
        let encrypted: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        return if has(&encrypted) {
            Err(Error::Encrypted { path: path.into() })
        } else {
            Ok(Format::Xls)
        };
    }
    let sample = &bytes[..bytes.len().min(TEXT_SAMPLE)];
    if looks_like_text(sample) {
        return if is_markup(sample) {
            Err(Error::Format { path: path.into() })
        } else {
            Ok(Format::Csv)
        };
    }
    // Binary, and not a workbook container: let the named reader say what is wrong with it.
    by_ext.ok_or_else(|| Error::Format { path: path.into() })
}

/// Text has a UTF-16 BOM, or no NUL and hardly any other control bytes.
fn looks_like_text(sample: &[u8]) -> bool {
    if sample.starts_with(b"\xFF\xFE") || sample.starts_with(b"\xFE\xFF") {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !b"\t\n\r\x0C".contains(&b)) || b == 0x7F)
        .count();
    !sample.contains(&0) && control * 100 <= sample.len()
}

/// An HTML table or an XML (Excel 2003) spreadsheet saved as `.xls`.
fn is_markup(sample: &[u8]) -> bool {
    let start = sample
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(sample)
        .trim_ascii_start();
    let head = String::from_utf8_lossy(&start[..start.len().min(512)]).to_ascii_lowercase();
    ["<?xml", "<!doctype html", "<html", "<table"]
        .iter()
        .any(|tag| head.starts_with(tag))
}

/// Reads the whole file after checking it is a file and not larger than `opts.limits.max_bytes`.
/// A large file is mapped rather than read ([`input::MAP_FROM`]).
pub fn read_input(path: &Path, opts: &ReadOptions) -> Result<Input, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.is_dir() {
        return Err(Error::IsDir { path: path.into() });
    }
    if meta.len() > opts.limits.max_bytes {
        return Err(too_large(path, opts));
    }
    let bytes = if meta.len() >= input::MAP_FROM {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
        Input::map(&file).map_err(|e| Error::io(path, &e))?
    } else {
        Input::from(std::fs::read(path).map_err(|e| Error::io(path, &e))?)
    };
    // Again: it may have grown between the check and the read.
    check_size(path, &bytes, opts)?;
    Ok(bytes)
}

/// Refuses input that is empty or larger than `opts.limits.max_bytes`.
pub fn check_size(path: &Path, bytes: &[u8], opts: &ReadOptions) -> Result<(), Error> {
    if bytes.len() as u64 > opts.limits.max_bytes {
        return Err(too_large(path, opts));
    }
    if bytes.is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    Ok(())
}

fn too_large(path: &Path, opts: &ReadOptions) -> Error {
    Error::TooLarge {
        path: path.into(),
        limit: human_size(opts.limits.max_bytes),
        key: "max_bytes",
    }
}

/// A byte count in whole units without a decimal mark (which differs between the languages):
/// the largest binary unit that divides it, or that still leaves at least 10 of it.
///
/// ```
/// use klacht::ingest::spreadsheet::human_size;
/// assert_eq!(human_size(2 << 30), "2 GiB");
/// assert_eq!(human_size(1536 << 20), "1536 MiB");
/// ```
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 4] = [
        ("TiB", 1 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
    ];
    for (name, size) in UNITS {
        if bytes >= size && (bytes.is_multiple_of(size) || bytes / size >= 10) {
            return format!("{} {name}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}

type Bytes = Cursor<Input>;

enum Inner {
    Xlsx(Box<Xlsx<Bytes>>),
    Xlsb(Box<Xlsb<Bytes>>),
    Xls(Box<Xls<Bytes>>),
    Ods(Box<Ods<Bytes>>),
}

/// An open workbook.
pub struct Workbook {
    path: PathBuf,
    format: Format,
    max_cells: u64,
    inner: Inner,
}

/// Opens a workbook held in memory with the reader for `format` (not calamine's
/// `open_workbook_auto`, which decides by a case-sensitive extension and hides the real error).
/// A password-protected workbook is `E-encrypted`; anything calamine cannot read is
/// `E-corrupt` with calamine's message.
pub fn open_workbook(
    path: &Path,
    bytes: impl Into<Input>,
    format: Format,
    opts: &ReadOptions,
) -> Result<Workbook, Error> {
    let bytes = bytes.into();
    let err = |password: bool, e: &dyn Display| workbook_error(path, format, password, e);
    if matches!(
        format,
        Format::Xlsx | Format::Xlsm | Format::Xlsb | Format::Ods
    ) {
        check_unpacked(path, &bytes, opts.limits.max_ratio)?;
    }
    let cursor = Cursor::new(bytes);
    let inner = guarded(path, format, || {
        Ok(match format {
            Format::Xlsx | Format::Xlsm => Inner::Xlsx(Box::new(
                Xlsx::new(cursor).map_err(|e| err(matches!(e, XlsxError::Password), &e))?,
            )),
            Format::Xlsb => Inner::Xlsb(Box::new(
                Xlsb::new(cursor).map_err(|e| err(matches!(e, XlsbError::Password), &e))?,
            )),
            Format::Xls => Inner::Xls(Box::new(
                Xls::new(cursor).map_err(|e| err(matches!(e, XlsError::Password), &e))?,
            )),
            Format::Ods => Inner::Ods(Box::new(
                Ods::new(cursor).map_err(|e| err(matches!(e, OdsError::Password), &e))?,
            )),
            Format::Csv => return Err(Error::Format { path: path.into() }),
        })
    })?;
    Ok(Workbook {
        path: path.to_path_buf(),
        format,
        max_cells: opts.limits.max_cells,
        inner,
    })
}

/// Refuses a zip-based workbook whose parts together unpack to more than `max_ratio` times the
/// file's own size: a zip bomb, which would keep the reader inflating for minutes and fill
/// memory. Office files unpack to 4–12 times their size (measured on the sample register, the
/// template and a 100 000-row register). The sizes are the ones the archive declares; they
/// cannot lie, because the zip reader fails a part that unpacks to more than declared. An
/// archive the zip reader cannot open is left to calamine, which says what is wrong with it.
fn check_unpacked(path: &Path, bytes: &[u8], max_ratio: u64) -> Result<(), Error> {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let unpacked = (0..archive.len())
        .filter_map(|i| archive.by_index_data(i).ok())
        .fold(0u64, |sum, entry| sum.saturating_add(entry.size()));
    // Never zero: the caller has refused empty files.
    let packed = (bytes.len() as u64).max(1);
    if unpacked > packed.saturating_mul(max_ratio) {
        return Err(Error::ZipBomb {
            path: path.into(),
            unpacked: human_size(unpacked),
            ratio: unpacked / packed,
            limit: max_ratio,
        });
    }
    Ok(())
}

fn workbook_error(path: &Path, format: Format, password: bool, err: &dyn Display) -> Error {
    if password {
        Error::Encrypted { path: path.into() }
    } else {
        Error::Corrupt {
            path: path.into(),
            format: format.label(),
            detail: err.to_string(),
        }
    }
}

thread_local! {
    /// Set while calamine runs under [`guarded`] on this thread.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs calamine on untrusted bytes; a panic inside it becomes `E-corrupt` instead of ending
/// the run (the fuzzer found one: an assertion in calamine's OLE reader on a damaged `.xls`).
/// Such a panic is handled, so it is not printed either: the panic hook, wrapped once, stays
/// silent while this thread is inside `guarded`, and reports every other panic as before.
fn guarded<T>(
    path: &Path,
    format: Format,
    f: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(false));
    result.unwrap_or_else(|_| {
        Err(workbook_error(
            path,
            format,
            false,
            &"the reader failed on this file",
        ))
    })
}

impl Workbook {
    /// The workbook's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Names of the worksheets in workbook order (chart and macro sheets are left out, hidden
    /// sheets are not).
    pub fn sheet_names(&self) -> Vec<String> {
        let sheets = match &self.inner {
            Inner::Xlsx(w) => w.sheets_metadata(),
            Inner::Xlsb(w) => w.sheets_metadata(),
            Inner::Xls(w) => w.sheets_metadata(),
            Inner::Ods(w) => w.sheets_metadata(),
        };
        sheets
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect()
    }

    /// Whether dates count from 1904 (old Mac Excel), for date serials in plain number cells.
    /// Date-formatted cells already arrive as dates.
    pub fn date1904(&self) -> bool {
        match &self.inner {
            Inner::Xlsx(w) => w.has_1904_epoch(),
            Inner::Xlsb(w) => w.has_1904_epoch(),
            Inner::Xls(w) => w.has_1904_epoch(),
            Inner::Ods(_) => false,
        }
    }

    /// The merged regions of sheet `name` as stored (calamine gives them for xlsx and xls only;
    /// none for the other formats). The annotated copy needs them to show the sheet as found.
    pub fn merged_regions(&mut self, name: &str) -> Result<Vec<Dimensions>, Error> {
        let (path, format) = (self.path.clone(), self.format);
        let err = |e: &dyn Display| workbook_error(&path, format, false, e);
        let inner = &mut self.inner;
        guarded(&path, format, || match inner {
            Inner::Xlsx(w) => w.merge_cells_by_sheet_name(name).map_err(|e| err(&e)),
            Inner::Xls(w) => w.merge_cells_by_sheet_name(name).map_err(|e| err(&e)),
            Inner::Xlsb(_) | Inner::Ods(_) => Ok(Vec::new()),
        })
    }

    /// All rows of sheet `name`, indexed from the sheet's row 1 (`rows[i].row == i`), empty
    /// rows included and trailing empty cells left off.
    ///
    /// Merged cells: the top-left value is copied into every cell of the region, because a
    /// reader sees it across the whole region (a customer merged over three complaint rows
    /// belongs to all three). Regions are clipped to the used area, so a title merged across
    /// the whole width does not widen the table. calamine gives merged regions for xlsx and
    /// xls only.
    ///
    /// The sheet is refused (`E-too-many-cells`) when the area from A1 to its last used cell is
    /// larger than the cell limit — that area is what is held in memory. For xlsx and xlsb the
    /// sheet's declared dimension is checked before any cell is read, and the cells read are
    /// counted as they come, in case the declaration is missing or wrong.
    pub fn read_sheet(&mut self, name: &str) -> Result<Vec<RawRow>, Error> {
        if !self.sheet_names().iter().any(|n| n == name) {
            return Err(Error::NoSheet {
                path: self.path.clone(),
                sheet: name.to_string(),
                sheets: self.sheet_names(),
            });
        }
        let merges = self.merged_regions(name)?;
        let (path, format) = (self.path.clone(), self.format);
        let err = |password: bool, e: &dyn Display| workbook_error(&path, format, password, e);
        let mut sheet = SheetRows::new(self.max_cells);
        let inner = &mut self.inner;
        guarded(&path, format, || {
            match inner {
                Inner::Xlsx(w) => {
                    let mut cells = match w.worksheet_cells_reader(name) {
                        Ok(cells) => cells,
                        Err(XlsxError::NotAWorksheet(_)) => return Ok(()),
                        Err(e) => return Err(err(false, &e)),
                    };
                    if sheet.declared(cells.dimensions()) {
                        while let Some(c) = cells.next_cell().map_err(|e| err(false, &e))? {
                            sheet.push(c.get_position(), raw(c.get_value().clone().into()));
                        }
                    }
                }
                Inner::Xlsb(w) => {
                    let mut cells = w.worksheet_cells_reader(name).map_err(|e| err(false, &e))?;
                    if sheet.declared(cells.dimensions()) {
                        while let Some(c) = cells.next_cell().map_err(|e| err(false, &e))? {
                            sheet.push(c.get_position(), raw(c.get_value().clone().into()));
                        }
                    }
                }
                Inner::Xls(w) => {
                    let range = w.worksheet_range(name).map_err(|e| err(false, &e))?;
                    sheet.push_range(&range);
                }
                Inner::Ods(w) => {
                    let range = w.worksheet_range(name).map_err(|e| err(false, &e))?;
                    sheet.push_range(&range);
                }
            }
            Ok(())
        })?;
        sheet
            .finish(&merges)
            .map_err(|(cells, (row, col))| Error::TooManyCells {
                path: self.path.clone(),
                sheet: name.to_string(),
                cell: CellRef::cell(0, row, col).a1(),
                cells,
                limit: self.max_cells,
            })
    }
}

/// Rows of one sheet being filled from cells in any order, with a running count of the area
/// from A1 to the last used cell. Once that passes the limit, cells are only counted.
struct SheetRows {
    rows: Vec<RawRow>,
    /// Last used row and column.
    last: Option<(u32, u32)>,
    limit: u64,
    /// Area at the first sign of going over the limit and the corner cell that makes it, kept
    /// growing for the message.
    over: Option<(u64, (u32, u32))>,
}

impl SheetRows {
    fn new(limit: u64) -> SheetRows {
        SheetRows {
            rows: Vec::new(),
            last: None,
            limit,
            over: None,
        }
    }

    /// Area from A1 to `(row, col)`.
    fn area(row: u32, col: u32) -> u64 {
        (u64::from(row) + 1) * (u64::from(col) + 1)
    }

    /// Takes the sheet's own statement of its used range; false when that is already over
    /// the limit, so that reading the cells can be skipped.
    fn declared(&mut self, dims: Dimensions) -> bool {
        let area = Self::area(dims.end.0, dims.end.1);
        if area > self.limit {
            self.over = Some((area, dims.end));
        }
        self.over.is_none()
    }

    fn push(&mut self, (row, col): (u32, u32), value: Raw) {
        if value == Raw::Empty {
            return;
        }
        let last = self
            .last
            .map_or((row, col), |(r, c)| (r.max(row), c.max(col)));
        self.last = Some(last);
        let area = Self::area(last.0, last.1);
        if let Some(over) = &mut self.over {
            if area > over.0 {
                *over = (area, last);
            }
            return;
        }
        if area > self.limit {
            self.over = Some((area, last));
            return;
        }
        self.put(row, col, value);
    }

    /// Cells of a range calamine already built (xls, ods).
    fn push_range(&mut self, range: &calamine::Range<Data>) {
        let (Some(start), Some(end)) = (range.start(), range.end()) else {
            return;
        };
        if !self.declared(Dimensions::new(start, end)) {
            return;
        }
        for (r, c, value) in range.used_cells() {
            // Offsets inside a range whose corners are u32 positions.
            let pos = (start.0 + r as u32, start.1 + c as u32);
            self.push(pos, raw(value.clone()));
        }
    }

    /// Sets one cell, growing the rows and the row's cells to reach it (the indexing below is
    /// in bounds because of that growth).
    fn put(&mut self, row: u32, col: u32, value: Raw) {
        while self.rows.len() <= row as usize {
            let next = self.rows.len() as u32;
            self.rows.push(RawRow {
                row: next,
                line: None,
                cells: Vec::new(),
            });
        }
        let cells = &mut self.rows[row as usize].cells;
        if cells.len() <= col as usize {
            cells.resize(col as usize + 1, Raw::Empty);
        }
        cells[col as usize] = value;
    }

    /// The rows with merged regions filled in, or the area and its corner cell when over the
    /// limit. Regions are
    /// clipped to the used area, so filling never goes beyond what the limit allowed.
    fn finish(mut self, merges: &[Dimensions]) -> Result<Vec<RawRow>, (u64, (u32, u32))> {
        if let Some(over) = self.over {
            return Err(over);
        }
        let Some((last_row, last_col)) = self.last else {
            return Ok(Vec::new());
        };
        for region in merges {
            let (top, left) = region.start;
            let Some(value) = self
                .rows
                .get(top as usize)
                .and_then(|r| r.cells.get(left as usize))
                .filter(|v| **v != Raw::Empty)
                .cloned()
            else {
                continue;
            };
            for row in top..=region.end.0.min(last_row) {
                for col in left..=region.end.1.min(last_col) {
                    if (row, col) != (top, left) {
                        self.put(row, col, value.clone());
                    }
                }
            }
        }
        Ok(self.rows)
    }
}

/// Serial of 10000-01-01 in the 1900 system; the 1904 system stays below it too.
const EXCEL_DATE_END: f64 = 2_958_466.0;

/// One calamine cell as a raw cell. Date-formatted numbers become dates (calamine applies the
/// workbook's 1904 setting); a duration (`[h]:mm`) stays a number of days; ISO text from ods
/// stays text for the value parser.
fn raw(value: Data) -> Raw {
    match value {
        Data::Empty => Raw::Empty,
        Data::String(s) if s.is_empty() => Raw::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Raw::Text(s),
        Data::Float(f) => Raw::Number(f),
        Data::Int(i) => Raw::Number(i as f64),
        Data::Bool(b) => Raw::Bool(b),
        Data::Error(e) => Raw::Error(e.to_string()),
        // Outside Excel's date range (0 to 9999-12-31) calamine's conversion could panic.
        Data::DateTime(dt) if dt.is_duration() || !(0.0..EXCEL_DATE_END).contains(&dt.as_f64()) => {
            Raw::Number(dt.as_f64())
        }
        // Excel's dates start at 1900-01-01. Before it (1900 system) is a time of day without
        // a date or Excel's "0-1-1900": a number, which the value parser reports as no date.
        Data::DateTime(dt) => dt
            .as_datetime()
            .filter(|d| d.year() >= 1900)
            .map_or(Raw::Number(dt.as_f64()), Raw::DateTime),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Limits;
    use chrono::{NaiveDate, NaiveDateTime};
    use rust_xlsxwriter::{Format as CellFormat, Formula, Workbook as XlsxWriter};
    use std::io::{Read, Write};

    /// A fresh directory per test under the system temp dir.
    fn temp_dir(test: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("klacht-readers-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn open(name: &str, bytes: Vec<u8>) -> Result<Workbook, Error> {
        open_with(name, bytes, &ReadOptions::default())
    }

    fn open_with(name: &str, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Workbook, Error> {
        let path = Path::new(name);
        let format = detect_format(path, &bytes)?;
        open_workbook(path, bytes, format, opts)
    }

    fn code<T>(r: Result<T, Error>) -> &'static str {
        match r {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
    }

    fn text(s: &str) -> Raw {
        Raw::Text(s.into())
    }

    /// A register with the cell types a hand-kept one has.
    fn sample_xlsx() -> Vec<u8> {
        let mut wb = XlsxWriter::new();
        let ws = wb.add_worksheet().set_name("Register").unwrap();
        let dmy = CellFormat::new().set_num_format("dd-mm-yyyy");
        for (c, h) in [
            "Nr",
            "Datum ontvangst",
            "Kosten",
            "Dagen",
            "Check",
            "Gegrond",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        ws.write_number(3, 0, 1).unwrap();
        let received = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 3).unwrap();
        ws.write_datetime_with_format(3, 1, &received, &dmy)
            .unwrap();
        ws.write_number(3, 2, 95.5).unwrap();
        ws.write_formula(3, 3, Formula::new("=B4-DATE(2026,3,1)").set_result("2"))
            .unwrap();
        ws.write_formula(3, 4, Formula::new("=NA()").set_result("#N/A"))
            .unwrap();
        ws.write_boolean(3, 5, true).unwrap();
        // A customer merged over two complaint rows, a title merged far wider than the table,
        // and a merged note below it.
        ws.merge_range(4, 0, 5, 0, "Jansen", &CellFormat::new())
            .unwrap();
        ws.write_string(4, 1, "Lekkage").unwrap();
        ws.write_string(5, 1, "Storing").unwrap();
        ws.merge_range(0, 0, 0, 9, "Klachtenregister 2026", &CellFormat::new())
            .unwrap();
        ws.merge_range(7, 0, 9, 1, "", &CellFormat::new()).unwrap();
        wb.add_worksheet().set_name("Lijsten").unwrap();
        wb.save_to_buffer().unwrap()
    }

    /// Rewrites one entry of a zip archive.
    fn rewrite_entry(bytes: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let entry_name = entry.name().unwrap().to_string();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            if entry_name == name {
                content = edit(String::from_utf8(content).unwrap()).into_bytes();
            }
            out.start_file(entry_name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&content).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn xlsx_cells_arrive_typed() {
        let mut wb = open("register.xlsx", sample_xlsx()).unwrap();
        assert_eq!(wb.format(), Format::Xlsx);
        assert_eq!(wb.sheet_names(), ["Register", "Lijsten"]);
        assert!(!wb.date1904());
        let rows = wb.read_sheet("Register").unwrap();
        assert!(rows
            .iter()
            .enumerate()
            .all(|(i, r)| r.row as usize == i && r.line.is_none()));
        assert_eq!(rows[1].cells, []);
        assert_eq!(rows[2].cells[1], text("Datum ontvangst"));
        assert_eq!(
            rows[3].cells,
            [
                Raw::Number(1.0),
                Raw::DateTime(date(2026, 3, 3)),
                Raw::Number(95.5),
                Raw::Number(2.0),
                Raw::Error("#N/A".into()),
                Raw::Bool(true),
            ]
        );
    }

    #[test]
    fn merged_regions_are_filled() {
        let rows = open("r.xlsx", sample_xlsx())
            .unwrap()
            .read_sheet("Register")
            .unwrap();
        // Clipped to the used columns A:F.
        assert_eq!(rows[0].cells, vec![text("Klachtenregister 2026"); 6]);
        assert_eq!(rows[4].cells, [text("Jansen"), text("Lekkage")]);
        assert_eq!(rows[5].cells, [text("Jansen"), text("Storing")]);
        // The empty merged region below the table adds nothing.
        assert_eq!(rows.len(), 6);
    }

    #[test]
    fn empty_sheet_and_unknown_sheet() {
        let mut wb = open("r.xlsx", sample_xlsx()).unwrap();
        assert_eq!(wb.read_sheet("Lijsten").unwrap(), []);
        let e = wb.read_sheet("Blad1").unwrap_err();
        assert_eq!(e.code(), "E-no-sheet");
        assert!(e.to_string().contains("Register, Lijsten"), "{e}");
    }

    #[test]
    fn workbook_with_1904_dates() {
        let bytes = rewrite_entry(&sample_xlsx(), "xl/workbook.xml", |xml| {
            assert!(xml.contains("<workbookPr "), "{xml}");
            xml.replace("<workbookPr ", "<workbookPr date1904=\"1\" ")
        });
        let mut wb = open("mac.xlsx", bytes).unwrap();
        assert!(wb.date1904());
        let rows = wb.read_sheet("Register").unwrap();
        // The stored serial was written for 1900; read with 1904 it is four years and a day
        // later, which shows the epoch is applied.
        assert_eq!(rows[3].cells[1], Raw::DateTime(date(2030, 3, 4)));
    }

    #[test]
    fn cell_limit_from_the_declared_dimension() {
        let mut wb = XlsxWriter::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Nr").unwrap();
        ws.write_string(1_048_575, 16_383, "verdwaald").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let e = open("r.xlsx", bytes)
            .unwrap()
            .read_sheet("Sheet1")
            .unwrap_err();
        assert_eq!(e.code(), "E-too-many-cells");
        assert!(e.to_string().contains("XFD1048576"), "{e}");
        assert!(e.to_string().contains("17179869184 cells"), "{e}");
    }

    #[test]
    fn cell_limit_while_streaming_without_a_dimension() {
        let mut wb = XlsxWriter::new();
        let ws = wb.add_worksheet();
        for r in 0..10 {
            for c in 0..10 {
                ws.write_number(r, c, 1).unwrap();
            }
        }
        let bytes = rewrite_entry(
            &wb.save_to_buffer().unwrap(),
            "xl/worksheets/sheet1.xml",
            |x| {
                assert!(x.contains("<dimension ref=\"A1:J10\"/>"));
                x.replace("<dimension ref=\"A1:J10\"/>", "")
            },
        );
        let opts = |max_cells| ReadOptions {
            limits: Limits {
                max_cells,
                ..Limits::default()
            },
            ..ReadOptions::default()
        };
        let e = open_with("r.xlsx", bytes.clone(), &opts(99))
            .unwrap()
            .read_sheet("Sheet1")
            .unwrap_err();
        let expected = Error::TooManyCells {
            path: "r.xlsx".into(),
            sheet: "Sheet1".to_string(),
            cell: "J10".to_string(),
            cells: 100,
            limit: 99,
        };
        assert_eq!(e, expected);
        let rows = open_with("r.xlsx", bytes, &opts(100))
            .unwrap()
            .read_sheet("Sheet1")
            .unwrap();
        assert_eq!(rows.len(), 10);
    }

    #[test]
    fn unpacking_ratio_limit() {
        let bytes = sample_xlsx();
        let opts = |max_ratio| ReadOptions {
            limits: Limits {
                max_ratio,
                ..Limits::default()
            },
            ..ReadOptions::default()
        };
        assert!(open_with("r.xlsx", bytes.clone(), &opts(100)).is_ok());
        let e = open_with("r.xlsx", bytes, &opts(2))
            .map(|_| ())
            .unwrap_err();
        assert_eq!(e.code(), "E-zip-bomb");
        let msg = e.message(crate::Lang::Nl);
        assert!(
            msg.contains("grens van 2 keer (instelling limits.max_ratio)"),
            "{msg}"
        );
    }

    #[test]
    fn broken_workbooks_are_corrupt_not_panics() {
        let good = sample_xlsx();
        let half = good[..good.len() / 2].to_vec();
        let e = open("r.xlsx", half).map(|_| ()).unwrap_err();
        assert_eq!(e.code(), "E-corrupt");
        assert!(e.to_string().contains("not a valid XLSX"), "{e}");

        // Pseudo-random bytes (a fixed linear congruential sequence).
        let mut x: u32 = 12345;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect();
        for name in ["r.xlsx", "r.xls", "r.xlsb", "r.ods"] {
            assert_eq!(code(open(name, noise.clone())), "E-corrupt", "{name}");
        }
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend(&noise);
        assert_eq!(code(open("r.xls", ole)), "E-corrupt");
        let mut zip = ZIP_MAGIC.to_vec();
        zip.extend(b"xl/workbook.bin");
        assert_eq!(code(open("r.xlsb", zip.clone())), "E-corrupt");
        zip.extend(b"mimetype content.xml");
        assert_eq!(
            code(open_workbook(
                Path::new("r.ods"),
                zip,
                Format::Ods,
                &ReadOptions::default()
            )),
            "E-corrupt"
        );
    }

    #[test]
    fn detect_format_by_content() {
        let detect = |name: &str, bytes: &[u8]| detect_format(Path::new(name), bytes);
        let xlsx = sample_xlsx();
        assert_eq!(detect("a.csv", &xlsx).unwrap(), Format::Xlsx);
        assert_eq!(detect("a.XLSX", &xlsx).unwrap(), Format::Xlsx);
        assert_eq!(detect("a.xlsm", &xlsx).unwrap(), Format::Xlsm);
        let zip = |names: &[&str]| {
            let mut b = ZIP_MAGIC.to_vec();
            for n in names {
                b.extend(n.as_bytes());
                b.extend(b"\x00\x00junk");
            }
            b
        };
        let z = zip(&[
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/vbaProject.bin",
        ]);
        assert_eq!(detect("macro.xlsx", &z).unwrap(), Format::Xlsm);
        assert_eq!(
            detect("a.xlsx", &zip(&["xl/workbook.bin"])).unwrap(),
            Format::Xlsb
        );
        let ods = zip(&["mimetype", "content.xml", "styles.xml"]);
        assert_eq!(detect("a.xls", &ods).unwrap(), Format::Ods);
        let other = zip(&["word/document.xml"]);
        assert_eq!(detect("a.ods", &other).unwrap(), Format::Ods);
        assert_eq!(code(detect("a.csv", &other)), "E-format");
        assert_eq!(code(detect("a.zip", &other)), "E-format");

        let mut ole = OLE_MAGIC.to_vec();
        ole.extend([0u8; 64]);
        assert_eq!(detect("a.xlsx", &ole).unwrap(), Format::Xls);
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(code(detect("a.xlsx", &ole)), "E-encrypted");

        assert_eq!(
            detect("a.xlsx", b"Nr;Klant\r\n1;Jansen\r\n").unwrap(),
            Format::Csv
        );
        assert_eq!(detect("a", b"Nr\tKlant\n").unwrap(), Format::Csv);
        assert_eq!(detect("a.csv", b"Caf\xe9;\x80\n").unwrap(), Format::Csv);
        assert_eq!(detect("a.xls", b"\xFF\xFEN\x00r\x00").unwrap(), Format::Csv);
        assert_eq!(code(detect("a.xls", b"\n<html><table><tr>")), "E-format");
        assert_eq!(
            code(detect("a.xls", b"<?xml version=\"1.0\"?><Workbook>")),
            "E-format"
        );
        // Binary: the extension decides, or nothing does.
        let binary = b"\x01\x02\x03\x00\x00\x05";
        assert_eq!(detect("a.xlsx", binary).unwrap(), Format::Xlsx);
        assert_eq!(detect("a.csv", binary).unwrap(), Format::Csv);
        assert_eq!(code(detect("a.pdf", binary)), "E-format");
    }

    #[test]
    fn csv_text_named_xlsx_reads_as_csv() {
        let bytes = b"Nr;Omschrijving\n1;Lekkage\n".to_vec();
        let path = Path::new("register.xlsx");
        assert_eq!(detect_format(path, &bytes).unwrap(), Format::Csv);
        let (info, rows) =
            super::super::csv::open_csv(path, bytes, &ReadOptions::default()).unwrap();
        assert_eq!(info.separator, b';');
        assert_eq!(rows.count(), 2);
        assert_eq!(
            code(open_workbook(
                path,
                Vec::new(),
                Format::Csv,
                &ReadOptions::default()
            )),
            "E-format"
        );
    }

    #[test]
    fn read_input_checks() {
        let dir = temp_dir("read_input");
        let opts = ReadOptions::default();
        assert_eq!(
            code(read_input(&dir.join("nope.xlsx"), &opts)),
            "E-not-found"
        );
        assert_eq!(code(read_input(&dir, &opts)), "E-is-dir");
        let empty = dir.join("leeg.csv");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(code(read_input(&empty, &opts)), "E-empty");
        let file = dir.join("r.csv");
        std::fs::write(&file, b"Nr;Klant\n").unwrap();
        assert_eq!(&read_input(&file, &opts).unwrap()[..], b"Nr;Klant\n");
        let small = ReadOptions {
            limits: Limits {
                max_bytes: 4,
                ..Limits::default()
            },
            ..ReadOptions::default()
        };
        let e = read_input(&file, &small).unwrap_err();
        assert_eq!(e.code(), "E-too-large");
        assert!(
            e.to_string().contains("4 bytes (setting limits.max_bytes)"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn xlsx_file_from_disk() {
        let dir = temp_dir("from_disk");
        let file = dir.join("Register.XLSX");
        std::fs::write(&file, sample_xlsx()).unwrap();
        let opts = ReadOptions::default();
        let bytes = read_input(&file, &opts).unwrap();
        let format = detect_format(&file, &bytes).unwrap();
        let mut wb = open_workbook(&file, bytes, format, &opts).unwrap();
        assert_eq!(wb.read_sheet("Register").unwrap().len(), 6);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1024), "1 KiB");
        assert_eq!(human_size(100_000_000), "95 MiB");
        assert_eq!(human_size(5 << 40), "5 TiB");
    }

    #[test]
    fn calamine_values_to_raw() {
        use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
        let dt = |v, t, is_1904| Data::DateTime(ExcelDateTime::new(v, t, is_1904));
        assert_eq!(raw(Data::Int(7)), Raw::Number(7.0));
        assert_eq!(raw(Data::String(String::new())), Raw::Empty);
        assert_eq!(
            raw(Data::DateTimeIso("2026-03-03".into())),
            text("2026-03-03")
        );
        assert_eq!(raw(Data::DurationIso("PT2H".into())), text("PT2H"));
        assert_eq!(
            raw(Data::Error(CellErrorType::Div0)),
            Raw::Error("#DIV/0!".into())
        );
        assert_eq!(
            raw(dt(46084.0, ExcelDateTimeType::DateTime, false)),
            Raw::DateTime(date(2026, 3, 3))
        );
        assert_eq!(
            raw(dt(44622.0, ExcelDateTimeType::DateTime, true)),
            Raw::DateTime(date(2026, 3, 3))
        );
        assert_eq!(
            raw(dt(1.5, ExcelDateTimeType::TimeDelta, false)),
            Raw::Number(1.5)
        );
        // Serial 0 is a date in the 1904 system only.
        assert_eq!(
            raw(dt(0.0, ExcelDateTimeType::DateTime, true)),
            Raw::DateTime(date(1904, 1, 1))
        );
        for odd in [f64::MAX, -1e300, -1.0, 0.0, 0.5, f64::NAN] {
            let got = raw(dt(odd, ExcelDateTimeType::DateTime, false));
            assert!(
                matches!(got, Raw::Number(n) if n.to_bits() == odd.to_bits()),
                "{odd}"
            );
        }
    }
}
