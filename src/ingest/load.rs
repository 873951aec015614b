//! From files to a [`Register`]: read each file, find its header, parse every row into a
//! complaint or account for why it is not one.

use super::header::{self, HeaderMatch};
use super::input::Input;
use super::value::{self, DateValue, OrderEvidence};
use super::{Raw, RawRef, RawRow, ReadOptions};
use crate::base::key::normalize_key;
use crate::base::location::{CellRef, FileIdx};
use crate::base::DayOrder;
use crate::base::Rule;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::register::Finding;
use crate::register::{
    Complaint, DateColumn, Exclusion, ExclusionReason, Field, FieldKind, PassReason, PassedOver,
    Register, RowCount, Source, Text,
};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Reads every file into one register. Files are opened in parallel and each sheet's header
/// found; then the sheets are numbered as sources (files in the order given, sheets in
/// workbook order) and their rows read, the files in parallel and the rows of each sheet in
/// batches. The register keeps files, sheets and rows in that order. The first file (in the
/// order given) that cannot be read stops the run.
pub fn load(paths: &[PathBuf], config: &Config, opts: &ReadOptions) -> Result<Register> {
    load_with(
        paths,
        |p| super::spreadsheet::read_input(p, opts),
        config,
        opts,
    )
}

/// Reads one register from bytes already in memory, as [`load`] reads a file: `path` names it
/// in messages and derived ids, and decides the format where the content leaves it open. For
/// the fuzzers, which hand over arbitrary bytes.
///
/// ```
/// use klacht::{config::Config, ingest::{load::load_bytes, ReadOptions}};
/// let csv = b"Datum ontvangst;Omschrijving;Behandelaar\n3-3-2026;Lekkage;Jan\n".to_vec();
/// let register = load_bytes("r.csv".as_ref(), csv, &Config::default(), &ReadOptions::default());
/// assert_eq!(register.unwrap().complaints.len(), 1);
/// ```
pub fn load_bytes(
    path: &Path,
    bytes: Vec<u8>,
    config: &Config,
    opts: &ReadOptions,
) -> Result<Register> {
    super::spreadsheet::check_size(path, &bytes, opts)?;
    let bytes = Input::from(bytes);
    load_with(&[path], |_| Ok(bytes.clone()), config, opts)
}

/// [`load`] with the files' bytes from `read`. Each file is hashed on one core while it is
/// opened and read on the others: for a large CSV file the hash would otherwise be a fifth of
/// a second before the first row (docs/performance.md).
fn load_with<P: AsRef<Path> + Sync>(
    paths: &[P],
    read: impl Fn(&Path) -> Result<Input> + Sync,
    config: &Config,
    opts: &ReadOptions,
) -> Result<Register> {
    use rayon::prelude::*;
    let hashes: Vec<OnceLock<String>> = paths.iter().map(|_| OnceLock::new()).collect();
    // The scope ends when every hash is made.
    let parts = rayon::scope(|scope| {
        let opened: Vec<Result<(Input, OpenedFile)>> = paths
            .par_iter()
            .zip(&hashes)
            .map(|(p, hash)| {
                let p = p.as_ref();
                let bytes = read(p)?;
                let held = bytes.clone();
                scope.spawn(move |_| {
                    let _ = hash.set(hex(&Sha256::digest(&held)));
                });
                let file = open_sheets(p, bytes.clone(), config, opts)?;
                Ok((bytes, file))
            })
            .collect();
        let mut files = Vec::with_capacity(opened.len());
        let mut first = 0;
        for (o, p) in opened.into_iter().zip(paths) {
            let (bytes, file) = o?;
            let n = file.sheets.len();
            files.push((p.as_ref(), bytes.len() as u64, first, file));
            first += n;
        }
        if first > usize::from(FileIdx::MAX) + 1 {
            let last = paths.last().map_or(Path::new(""), |p| p.as_ref());
            return Err(Error::TooManySources { path: last.into() });
        }
        let parts: Vec<Result<FileRegister>> = files
            .into_par_iter()
            .map(|(p, size, first, file)| load_file(p, size, first, file, config))
            .collect();
        Ok(parts)
    })?;
    let mut all = FileRegister::default();
    for (part, hash) in parts.into_iter().zip(&hashes) {
        let mut part = part?;
        let hash = hash.get().map_or("", String::as_str);
        for source in &mut part.sources {
            source.sha256 = hash.to_string();
        }
        all.take(part);
    }
    let mut register = Register {
        sources: all.sources,
        complaints: all.complaints,
        exclusions: all.exclusions,
        findings: all.findings,
        passed_over: all.passed_over,
    };
    link_unreadable(&mut register);
    Ok(register)
}

/// Gives each `unreadable-value` finding made while reading the index of its complaint, so
/// that it names the complaint's id and counts for the complaint's period. Findings on rows
/// that are not complaints (excluded rows) keep none. Indices are positions in
/// `register.complaints` across all files, known only once every file is appended.
fn link_unreadable(register: &mut Register) {
    let complaints = &register.complaints;
    for f in &mut register.findings {
        if f.rule != Rule::UnreadableValue || f.complaint.is_some() {
            continue;
        }
        if let Some(at) = f.at {
            // The complaints are in file and row order (`Register::line`).
            f.complaint = complaints
                .binary_search_by_key(&(at.file, at.row), |c| (c.file, c.row))
                .ok();
        }
    }
}

/// Appends `more` to `all`, taking it over when `all` is empty.
fn append<T>(all: &mut Vec<T>, mut more: Vec<T>) {
    if all.is_empty() {
        *all = more;
    } else {
        all.append(&mut more);
    }
}

/// What one file (or one sheet of it) contributes.
#[derive(Default)]
struct FileRegister {
    sources: Vec<Source>,
    complaints: Vec<Complaint>,
    exclusions: Vec<Exclusion>,
    findings: Vec<Finding>,
    passed_over: Vec<PassedOver>,
}

impl FileRegister {
    /// Appends a file's (or a sheet's) part. The first part's lists are taken over, not
    /// copied: a million complaints are hundreds of megabytes.
    fn take(&mut self, part: FileRegister) {
        append(&mut self.sources, part.sources);
        append(&mut self.complaints, part.complaints);
        append(&mut self.exclusions, part.exclusions);
        append(&mut self.findings, part.findings);
        append(&mut self.passed_over, part.passed_over);
    }
}

/// Rows of one sheet, with what is needed to read them.
pub(crate) struct Sheet {
    pub(crate) name: Option<String>,
    pub(crate) format: &'static str,
    pub(crate) encoding: Option<&'static str>,
    pub(crate) separator: Option<char>,
    pub(crate) date1904: bool,
    /// The rest of a CSV file after `head` (a workbook's rows are all in `head`).
    pub(crate) csv: Option<super::csv::CsvRows>,
}

/// A file opened for reading: the sheet chosen, its first rows (for a workbook: all rows) and
/// the header row found among them.
pub(crate) struct Opened {
    pub(crate) sheet: Sheet,
    pub(crate) head: Vec<RawRow>,
    /// `None` when no row looks like a header (then the sheet is the one asked for with
    /// `--sheet`, else the first sheet with any filled cell).
    pub(crate) header: Option<HeaderMatch>,
}

/// Rows parsed together on one thread. Large enough that a batch's bookkeeping is noise,
/// small enough that the cores share a file evenly.
const BATCH_ROWS: usize = 16_384;

/// A sheet whose header row was found, ready to be read.
pub(crate) struct Found {
    pub(crate) sheet: Sheet,
    /// The sheet's first rows (for a workbook: all rows).
    pub(crate) head: Vec<RawRow>,
    pub(crate) header: HeaderMatch,
}

/// A file opened for reading: the sheets to read, in workbook order (a CSV file is one), and
/// the sheets passed over.
#[derive(Default)]
pub(crate) struct OpenedFile {
    pub(crate) sheets: Vec<Found>,
    pub(crate) passed_over: Vec<PassedOver>,
}

/// Reads the sheets of one file of `size` bytes as sources `first`, `first + 1`, …; the caller
/// fills in the file's hash.
fn load_file(
    path: &Path,
    size: u64,
    first: usize,
    file: OpenedFile,
    config: &Config,
) -> Result<FileRegister> {
    let several = file.sheets.len() > 1;
    let mut out = FileRegister {
        passed_over: file.passed_over,
        ..FileRegister::default()
    };
    for (k, found) in file.sheets.into_iter().enumerate() {
        let idx = FileIdx::try_from(first + k)
            .map_err(|_| Error::TooManySources { path: path.into() })?;
        out.take(read_rows(path, idx, config, found, size, several)?);
    }
    Ok(out)
}

/// Opens the file held in `bytes` and finds the header row of each of its sheets: every sheet
/// whose header row is recognised is read, unless its name says it holds instructions or
/// lists; the others are passed over with the reason. With `--sheet` only the sheets named are
/// read, and each must have a header row. A workbook without any sheet to read is no register
/// (`E-no-register`).
pub(crate) fn open_sheets(
    path: &Path,
    bytes: Input,
    config: &Config,
    opts: &ReadOptions,
) -> Result<OpenedFile> {
    let format = super::spreadsheet::detect_format(path, &bytes)?;
    if format == super::spreadsheet::Format::Csv {
        let (sheet, head) = open_csv(path, bytes, opts)?;
        let header = header::detect(&head, &config.columns)
            .ok_or_else(|| Error::NoRegister { path: path.into() })?;
        return Ok(OpenedFile {
            sheets: vec![Found {
                sheet,
                head,
                header,
            }],
            passed_over: Vec::new(),
        });
    }
    let mut wb = super::spreadsheet::open_workbook(path, bytes, format, opts)?;
    let names = wb.sheet_names();
    let asked = asked_sheets(path, &names, &opts.sheets)?;
    let mut out = OpenedFile::default();
    for name in names {
        let pass = |reason| PassedOver {
            path: path.to_path_buf(),
            sheet: name.clone(),
            reason,
        };
        if asked.as_ref().is_some_and(|a| !a.contains(&name)) {
            out.passed_over.push(pass(PassReason::NotAsked));
            continue;
        }
        let rows = wb.read_sheet(&name)?;
        let scan = rows.len().min(header::HEADER_SCAN_ROWS);
        let header = header::detect(&rows[..scan], &config.columns);
        // A sheet asked for by name is read whatever its name says.
        let by_name = asked.is_none().then(|| kind_by_name(&name)).flatten();
        match (header, by_name) {
            (Some(header), None) => out.sheets.push(Found {
                sheet: Sheet {
                    name: Some(name),
                    format: format.name(),
                    encoding: None,
                    separator: None,
                    date1904: wb.date1904(),
                    csv: None,
                },
                head: rows,
                header,
            }),
            (Some(_), Some(reason)) => out.passed_over.push(pass(reason)),
            (None, _) if asked.is_some() => return Err(Error::NoRegister { path: path.into() }),
            (None, by_name) => {
                let reason = by_name.unwrap_or_else(|| kind_by_content(&rows));
                out.passed_over.push(pass(reason));
            }
        }
    }
    if out.sheets.is_empty() {
        return Err(Error::NoRegister { path: path.into() });
    }
    Ok(out)
}

/// The sheets named with `--sheet`, as the workbook spells them (`None`: no `--sheet`). A
/// name the workbook lacks is refused (`E-no-sheet`).
fn asked_sheets(path: &Path, names: &[String], asked: &[String]) -> Result<Option<Vec<String>>> {
    if asked.is_empty() {
        return Ok(None);
    }
    asked
        .iter()
        .map(|s| {
            let found = names.iter().find(|n| n.eq_ignore_ascii_case(s)).cloned();
            found.ok_or_else(|| Error::NoSheet {
                path: path.into(),
                sheet: s.clone(),
                sheets: names.to_vec(),
            })
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

/// Words that make a sheet's name (after [`normalize_key`]) an instructions sheet when
/// it starts with one (`Toelichting`, `Instructies register`, `Read me`).
const INSTRUCTION_WORDS: [&str; 12] = [
    "toelichting",
    "instructie",
    "instruction",
    "uitleg",
    "handleiding",
    "readme",
    "leesmij",
    "leesditeerst",
    "legenda",
    "explanation",
    "howto",
    "gebruiksaanwijzing",
];
/// Names that are an instructions sheet only as a whole (`Info`, not `Infodesk`).
const INSTRUCTION_NAMES: [&str; 5] = ["info", "informatie", "help", "hulp", "about"];
/// Words that make a sheet's name a lists sheet when it starts with one (`Lijsten`,
/// `Keuzelijsten`, `Lists`, `Validatie`).
const LIST_WORDS: [&str; 9] = [
    "lijsten",
    "keuzelijst",
    "keuzelijsten",
    "lists",
    "validatie",
    "validation",
    "datavalidatie",
    "datavalidation",
    "dropdown",
];
/// Names that are a lists sheet only as a whole.
const LIST_NAMES: [&str; 5] = ["keuzes", "keuzewaarden", "codes", "lookup", "lookups"];

/// What a sheet's name says it is, when it says it holds no register.
fn kind_by_name(name: &str) -> Option<PassReason> {
    let key = normalize_key(name);
    let starts = |words: &[&str]| words.iter().any(|w| key.starts_with(w));
    let is = |names: &[&str]| names.contains(&key.as_str());
    if starts(&INSTRUCTION_WORDS) || is(&INSTRUCTION_NAMES) {
        Some(PassReason::Instructions)
    } else if starts(&LIST_WORDS) || is(&LIST_NAMES) {
        Some(PassReason::Lists)
    } else {
        None
    }
}

/// Why a sheet without a header row is passed over: empty, an instructions sheet by its first
/// text (a title such as *Toelichting bij het klachtenregister*), a lists sheet the same way,
/// or no register header.
fn kind_by_content(rows: &[RawRow]) -> PassReason {
    let first = rows
        .iter()
        .take(header::HEADER_SCAN_ROWS)
        .flat_map(|r| r.cells.iter())
        .find(|c| !c.is_empty());
    match first {
        None if !filled(rows) => PassReason::Empty,
        Some(Raw::Text(t)) => kind_by_name(t).unwrap_or(PassReason::NoHeader),
        _ => PassReason::NoHeader,
    }
}

/// A CSV file's sheet and its first rows, up to [`header::HEADER_SCAN_ROWS`].
fn open_csv(path: &Path, bytes: Input, opts: &ReadOptions) -> Result<(Sheet, Vec<RawRow>)> {
    let (info, mut rows) = super::csv::open_csv(path, bytes, opts)?;
    let mut head = Vec::new();
    while head.len() < header::HEADER_SCAN_ROWS {
        match rows.next() {
            Some(r) => head.push(r?),
            None => break,
        }
    }
    let sheet = Sheet {
        name: None,
        format: "csv",
        encoding: Some(info.encoding),
        separator: Some(char::from(info.separator)),
        date1904: false,
        csv: Some(rows),
    };
    Ok((sheet, head))
}

/// Opens the file held in `bytes` for `--suggest-mapping`, which proposes a mapping for one
/// sheet: the one whose header row scores best (among those named with `--sheet`).
pub(crate) fn open(
    path: &Path,
    bytes: Input,
    config: &Config,
    opts: &ReadOptions,
) -> Result<Opened> {
    let format = super::spreadsheet::detect_format(path, &bytes)?;
    let (sheet, head, header) = match format {
        super::spreadsheet::Format::Csv => {
            let (sheet, head) = open_csv(path, bytes, opts)?;
            let header = header::detect(&head, &config.columns);
            (sheet, head, header)
        }
        _ => {
            let mut wb = super::spreadsheet::open_workbook(path, bytes, format, opts)?;
            let names = wb.sheet_names();
            let asked = asked_sheets(path, &names, &opts.sheets)?;
            let wanted = asked.clone().unwrap_or(names);
            let mut best: Option<(String, Vec<RawRow>, HeaderMatch)> = None;
            // Without any header: the first sheet with a filled cell (or the one asked for).
            let mut first: Option<(String, Vec<RawRow>)> = None;
            for name in wanted {
                let rows = wb.read_sheet(&name)?;
                let scan = rows.len().min(header::HEADER_SCAN_ROWS);
                if let Some(h) = header::detect(&rows[..scan], &config.columns) {
                    if best.as_ref().is_none_or(|(_, _, b)| h.score > b.score) {
                        best = Some((name, rows, h));
                        first = None;
                    }
                } else if best.is_none() && first.is_none() && (asked.is_some() || filled(&rows)) {
                    first = Some((name, rows));
                }
            }
            let (name, rows, header) = match (best, first) {
                (Some((name, rows, h)), _) => (Some(name), rows, Some(h)),
                (None, Some((name, rows))) => (Some(name), rows, None),
                (None, None) => (None, Vec::new(), None),
            };
            let sheet = Sheet {
                name,
                format: format.name(),
                encoding: None,
                separator: None,
                date1904: wb.date1904(),
                csv: None,
            };
            (sheet, rows, header)
        }
    };
    Ok(Opened {
        sheet,
        head,
        header,
    })
}

/// Whether any cell of `rows` is filled.
fn filled(rows: &[RawRow]) -> bool {
    rows.iter().any(|r| r.cells.iter().any(|c| !c.is_empty()))
}

/// The row counts and per-field state of one file while its rows are read. Shared by the
/// threads that parse its batches; each batch collects its own output.
struct Reader<'a> {
    file: FileIdx,
    config: &'a Config,
    header: &'a HeaderMatch,
    date1904: bool,
    /// (field, column, has a value mapping) for every mapped field.
    mapped: Vec<(Field, usize, bool)>,
    /// Columns without a field whose values are kept.
    unmapped: Vec<usize>,
    /// Per column: whether it has a header (a value under a column without one is reported).
    headed: Vec<bool>,
    /// The column of each field of [`DATE_FIELDS`].
    date_cols: [Option<u32>; DATE_FIELDS.len()],
}

/// The cells of one row, borrowed from a workbook row or from the CSV parser.
#[derive(Clone, Copy)]
enum Cells<'a> {
    Sheet(&'a [Raw]),
    Csv(super::csv::Fields<'a>),
}

impl<'a> Cells<'a> {
    fn len(self) -> usize {
        match self {
            Cells::Sheet(cells) => cells.len(),
            Cells::Csv(fields) => fields.len(),
        }
    }

    /// Cell `i`; `Empty` beyond the row's last cell.
    fn get(self, i: usize) -> RawRef<'a> {
        match self {
            Cells::Sheet(cells) => cells.get(i).map_or(RawRef::Empty, RawRef::from),
            Cells::Csv(fields) => fields.get(i),
        }
    }

    fn iter(self) -> impl Iterator<Item = RawRef<'a>> {
        (0..self.len()).map(move |i| self.get(i))
    }
}

/// What one batch of rows gives besides its complaints: the findings made while reading
/// them, and the rows counted.
#[derive(Default)]
struct Batch {
    findings: Vec<Finding>,
    read: u64,
    blank: u64,
}

impl Batch {
    fn append(&mut self, mut other: Batch) {
        self.findings.append(&mut other.findings);
        self.read += other.read;
        self.blank += other.blank;
    }
}

/// What a row still needs once all rows are read: dates wait for the column's day/month
/// order. Kept beside the complaint rather than in it, so that the complaints are built in
/// place and never copied into a second vector. `dates[i]` belongs to `DATE_FIELDS[i]`; every
/// index into it comes from a position in or an enumeration of `DATE_FIELDS`, so it is in
/// bounds.
struct Pending {
    /// A blank row: its slot is dropped once all rows are read.
    blank: bool,
    dates: [Option<DateValue>; DATE_FIELDS.len()],
    received_missing: bool,
    /// The row's first text, for an exclusion; only kept for a row that may be excluded.
    first_text: Option<String>,
    /// Recognised as a totals or note row before its cells were parsed.
    not_a_complaint: Option<ExclusionReason>,
}

impl Pending {
    /// What a blank row leaves.
    const BLANK: Pending = Pending {
        blank: true,
        dates: [None; DATE_FIELDS.len()],
        received_missing: true,
        first_text: None,
        not_a_complaint: None,
    };
}

const DATE_FIELDS: [Field; 5] = [
    Field::ReceivedDate,
    Field::AckDate,
    Field::DueDate,
    Field::ClosedDate,
    Field::LastUpdate,
];

/// The rows below the header as complaints; the caller fills in the file's hash. `several`:
/// the file has several sheets read, so a derived id names the sheet too.
fn read_rows(
    path: &Path,
    file: FileIdx,
    config: &Config,
    found: Found,
    bytes: u64,
    several: bool,
) -> Result<FileRegister> {
    use rayon::prelude::*;
    let Found {
        sheet,
        head,
        header,
    } = found;
    let mapped: Vec<(Field, usize, bool)> = header
        .columns
        .iter()
        .filter_map(|c| {
            let field = c.field?;
            Some((field, c.col as usize, config.values.contains_key(&field)))
        })
        .collect();
    let unmapped: Vec<usize> = header
        .columns
        .iter()
        .filter(|c| c.field.is_none() && !c.header.is_empty())
        .map(|c| c.col as usize)
        .collect();
    let reader = Reader {
        file,
        config,
        header: &header,
        date1904: sheet.date1904,
        mapped,
        unmapped,
        headed: header
            .columns
            .iter()
            .map(|c| !c.header.is_empty())
            .collect(),
        date_cols: DATE_FIELDS.map(|f| header.column_of(f)),
    };
    // The rows below the header that were read with it (all of a workbook's rows), then the
    // rest of a CSV file, located in order by the scanner. Each row gets its slot in the
    // complaint list up front and the batches fill their slots in parallel: nothing is copied
    // from batch lists into one list afterwards (a million complaints are 400 MB).
    let below = head.get(header.index + 1..).unwrap_or_default();
    let (mut spans, mut csv) = (Vec::new(), sheet.csv);
    if let Some(csv) = csv.as_mut() {
        while let Some(span) = csv.next_span() {
            spans.push(span?);
        }
    }
    let n = below.len() + spans.len();
    crate::progress::rows(n as u64);
    // The slots are written once, by the batches: filling them with empty complaints first
    // cost a pass over 500 MB of fresh memory (docs/performance.md).
    let mut complaints: Vec<Complaint> = Vec::with_capacity(n);
    let mut pending: Vec<Pending> = Vec::with_capacity(n);
    let text = csv.as_ref().map_or(&[][..], |c| c.text());
    let separator = csv.as_ref().map_or(b',', |c| c.separator());
    // On an error what the batches wrote is leaked, not dropped (the lists never take a
    // length): the only cost of a read that fails anyway.
    let batches: Vec<Batch> = complaints.spare_capacity_mut()[..n]
        .par_chunks_mut(BATCH_ROWS)
        .zip(pending.spare_capacity_mut()[..n].par_chunks_mut(BATCH_ROWS))
        .enumerate()
        .map(|(k, (cs, ps))| {
            let mut parser = None;
            let mut out = Batch::default();
            let first = k * BATCH_ROWS;
            for (j, (c, p)) in cs.iter_mut().zip(ps.iter_mut()).enumerate() {
                let i = first + j;
                let (complaint, pend) = if let Some(row) = below.get(i) {
                    reader.read(row.row, row.line, Cells::Sheet(&row.cells), &mut out)
                } else if let Some(span) = spans.get(i - below.len()) {
                    let parser =
                        parser.get_or_insert_with(|| super::csv::RecordParser::new(separator));
                    let cells = match &span.record {
                        Some(r) => parser
                            .parse(&text[r.clone()])
                            .map_err(|e| e.error(path, span.line))?,
                        None => super::csv::Fields::EMPTY,
                    };
                    reader.read(span.row, Some(span.line), Cells::Csv(cells), &mut out)
                } else {
                    (Complaint::default(), Pending::BLANK)
                };
                c.write(complaint);
                p.write(pend);
            }
            crate::progress::advance(cs.len() as u64);
            Ok(out)
        })
        .collect::<Result<_>>()?;
    // SAFETY: the first `n` slots of both lists were each written once above: every batch
    // writes every slot of its chunk in order and leaves early only with an error, and no
    // batch failed.
    unsafe {
        complaints.set_len(n);
        pending.set_len(n);
    }
    drop((spans, csv, head));
    let mut rows = Batch {
        findings: reader.column_findings(),
        ..Batch::default()
    };
    for b in batches {
        rows.append(b);
    }
    let Batch {
        mut findings,
        read,
        blank,
    } = rows;

    let date_columns = reader.settle_dates(&mut complaints, &mut pending, &mut findings);
    let mut stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let (true, Some(name)) = (several, &sheet.name) {
        stem = format!("{stem}:{name}");
    }
    let mut exclusions = Vec::new();
    // Keep the complaints in place, moving each forward over the excluded rows before it.
    let mut kept = 0;
    for i in 0..complaints.len() {
        let p = &mut pending[i];
        if p.blank {
            continue;
        }
        if complaints[i].received != NaiveDate::MIN {
            let c = &mut complaints[i];
            if c.id.is_empty() {
                c.id = compact_str::format_compact!("{stem}:{}", u64::from(c.row) + 1);
                c.id_derived = true;
            }
            if kept != i {
                complaints.swap(kept, i);
            }
            kept += 1;
            continue;
        }
        let (row, line) = (complaints[i].row, complaints[i].line);
        let reason = if let Some(reason) = p.not_a_complaint {
            reason
        } else {
            // Without the column, `missing-column` said it once already (decisions.md).
            if p.received_missing && header.column_of(Field::ReceivedDate).is_some() {
                findings.push(reader.finding(
                    Rule::MissingReceivedDate,
                    reader.at(row, Field::ReceivedDate),
                    String::new(),
                    Some(Field::ReceivedDate),
                ));
            }
            ExclusionReason::NoReceivedDate
        };
        exclusions.push(Exclusion {
            file,
            row,
            line,
            reason,
            text: p.first_text.take().unwrap_or_default(),
        });
    }
    complaints.truncate(kept);
    drop(pending);
    let counts = RowCount {
        read,
        used: complaints.len() as u64,
        excluded: exclusions.len() as u64,
        blank,
    };
    let source = Source {
        path: path.to_path_buf(),
        format: sheet.format,
        sheet: sheet.name,
        encoding: sheet.encoding,
        separator: sheet.separator,
        sha256: String::new(),
        bytes,
        header_row: header.row,
        columns: header.columns.clone(),
        date_columns,
        rows: counts,
    };
    Ok(FileRegister {
        sources: vec![source],
        complaints,
        exclusions,
        findings,
        passed_over: Vec::new(),
    })
}

/// A totals row starts with a word like `Totaal` (`Totaal`, `Totaal 2026:`, `Aantal klachten`).
pub(super) fn is_totals(first_text: &str) -> bool {
    let key = normalize_key(first_text);
    const WORDS: [&str; 9] = [
        "totaal",
        "totalen",
        "subtotaal",
        "total",
        "totals",
        "subtotal",
        "aantal",
        "som",
        "count",
    ];
    WORDS.iter().any(|w| key.starts_with(w)) && key.len() <= 24
}

impl Reader<'_> {
    fn at(&self, row: u32, field: Field) -> CellRef {
        match self.header.column_of(field) {
            Some(col) => CellRef::cell(self.file, row, col),
            None => CellRef::row(self.file, row),
        }
    }

    fn finding(&self, rule: Rule, at: CellRef, value: String, field: Option<Field>) -> Finding {
        Finding {
            rule,
            severity: self.config.severity(rule),
            at: Some(at),
            file: self.file,
            complaint: None,
            value,
            field,
            detail: String::new(),
        }
    }

    /// `missing-column` for absent required fields, `unmapped-column` for unknown headers.
    fn column_findings(&self) -> Vec<Finding> {
        let header_row = self.header.row;
        let mut out = Vec::new();
        for field in Field::required() {
            if self.header.column_of(field).is_none() {
                out.push(self.finding(
                    Rule::MissingColumn,
                    CellRef::row(self.file, header_row),
                    String::new(),
                    Some(field),
                ));
            }
        }
        for c in &self.header.columns {
            if c.field.is_none() && !c.header.is_empty() {
                out.push(self.finding(
                    Rule::UnmappedColumn,
                    CellRef::cell(self.file, header_row, c.col),
                    c.header.clone(),
                    None,
                ));
            }
        }
        out
    }

    /// Parses one row; a blank row is only counted (and given an empty slot).
    fn read(
        &self,
        row: u32,
        line: Option<u64>,
        cells: Cells,
        out: &mut Batch,
    ) -> (Complaint, Pending) {
        out.read += 1;
        let blank = |c: RawRef| match c {
            RawRef::Text(s) => value::is_blank_text(s),
            other => other.is_empty(),
        };
        // Only none, one or more matter: most rows are settled by their first cell or two.
        let filled = cells.iter().filter(|&c| !blank(c)).take(2).count();
        if filled == 0 {
            out.blank += 1;
            return (Complaint::default(), Pending::BLANK);
        }
        let first_text = || {
            cells
                .iter()
                .find(|&c| !blank(c))
                .map(RawRef::display)
                .unwrap_or_default()
        };
        let mut c = Complaint {
            file: self.file,
            row,
            line,
            received: NaiveDate::MIN,
            ..Complaint::default()
        };
        let mut p = Pending {
            blank: false,
            ..Pending::BLANK
        };
        // A totals row or a lone note is not a complaint; its cells are not checked as one.
        let received = self.date_cols[0].map_or(RawRef::Empty, |col| cells.get(col as usize));
        let dated = matches!(value::parse_date(received, self.date1904), Ok(Some(_)));
        if !dated {
            let text = first_text();
            if is_totals(&text) {
                p.not_a_complaint = Some(ExclusionReason::Totals);
            } else if filled == 1 && blank(received) {
                p.not_a_complaint = Some(ExclusionReason::Note);
            }
            p.first_text = Some(text);
        }
        if p.not_a_complaint.is_none() {
            for &(field, col, has_map) in &self.mapped {
                let cell = cells.get(col);
                if field == Field::ReceivedDate && !blank(cell) {
                    p.received_missing = false;
                }
                self.set(&mut c, &mut p, field, col as u32, cell, has_map, out);
            }
            c.extra = self
                .unmapped
                .iter()
                .map(|&col| cells.get(col).display())
                .collect();
            // Values right of the header or under a column without header: a shifted row.
            for (col, cell) in cells.iter().enumerate() {
                if !self.headed.get(col).copied().unwrap_or(false) && !blank(cell) {
                    out.findings.push(self.finding(
                        Rule::UnreadableValue,
                        CellRef::cell(self.file, row, col as u32),
                        cell.display(),
                        None,
                    ));
                }
            }
            // Only a row whose date of receipt may not resolve can be excluded later.
            let may_exclude = p.dates[0].is_none_or(|d| {
                d.resolve(DayOrder::DayFirst).is_none() || d.resolve(DayOrder::MonthFirst).is_none()
            });
            if may_exclude && p.first_text.is_none() {
                p.first_text = Some(first_text());
            }
        }
        (c, p)
    }

    /// Parses `cell` as `field` into the complaint; unreadable values become findings.
    #[allow(clippy::too_many_arguments)]
    fn set(
        &self,
        c: &mut Complaint,
        p: &mut Pending,
        field: Field,
        col: u32,
        cell: RawRef,
        has_map: bool,
        out: &mut Batch,
    ) {
        let cell = match cell {
            RawRef::Text(t) | RawRef::Error(t) if has_map => {
                match self.config.map_value(field, t) {
                    Some(target) => RawRef::Text(target),
                    None => cell,
                }
            }
            _ => cell,
        };
        let ok = match field.kind() {
            FieldKind::Text => value::parse_text(cell).map(|v| match field {
                Field::Id => c.id = v.unwrap_or_default(),
                _ => *text_slot(c, field) = v,
            }),
            FieldKind::Date => value::parse_date(cell, self.date1904).map(|v| {
                if let Some(i) = DATE_FIELDS.iter().position(|f| *f == field) {
                    p.dates[i] = v;
                }
            }),
            FieldKind::Urgency => value::parse_urgency(cell).map(|v| c.urgency = v),
            FieldKind::Channel => value::parse_channel(cell).map(|v| c.channel = v),
            FieldKind::Nature => value::parse_nature(cell).map(|v| c.nature = v),
            FieldKind::CustomerType => {
                value::parse_customer_type(cell).map(|v| c.customer_type = v)
            }
            FieldKind::HandlingMode => {
                value::parse_handling_mode(cell).map(|v| c.handling_mode = v)
            }
            FieldKind::Status => value::parse_status(cell).map(|v| c.status = v),
            FieldKind::Justified => value::parse_justified(cell).map(|v| c.justified = v),
            FieldKind::Money => value::parse_money(cell).map(|v| c.cost = v),
            FieldKind::Satisfaction => value::parse_satisfaction(cell).map(|v| c.satisfaction = v),
        };
        if ok.is_err() {
            c.unreadable.insert(field);
            out.findings.push(self.finding(
                Rule::UnreadableValue,
                CellRef::cell(self.file, c.row, col),
                cell.display(),
                Some(field),
            ));
        }
    }

    /// Decides each date column's day/month order from its values and resolves the dates.
    /// Rows are resolved in parallel chunks; the findings come out as one pass column by
    /// column, row by row would give them.
    fn settle_dates(
        &self,
        complaints: &mut [Complaint],
        pending: &mut [Pending],
        findings: &mut Vec<Finding>,
    ) -> Vec<DateColumn> {
        use rayon::prelude::*;
        let default = self.config.date_order;
        let evidence = pending
            .par_iter()
            .fold(
                || [OrderEvidence::default(); DATE_FIELDS.len()],
                |mut e, p| {
                    for (e, d) in e.iter_mut().zip(&p.dates) {
                        if let Some(d) = d {
                            e.add(d);
                        }
                    }
                    e
                },
            )
            .reduce(
                || [OrderEvidence::default(); DATE_FIELDS.len()],
                |mut a, b| {
                    for (a, b) in a.iter_mut().zip(&b) {
                        a.merge(b);
                    }
                    a
                },
            );
        // (position in DATE_FIELDS, field, column, order) of the columns the file has.
        let mut settled = Vec::new();
        let mut columns = Vec::new();
        for (i, &field) in DATE_FIELDS.iter().enumerate() {
            let Some(col) = self.date_cols[i] else {
                continue;
            };
            let order = evidence[i].order().unwrap_or(default);
            columns.push(DateColumn {
                field,
                order,
                day_first_evidence: evidence[i].day_first,
                month_first_evidence: evidence[i].month_first,
            });
            settled.push((i, field, col, order));
        }
        let mut chunks: Vec<Vec<Vec<Finding>>> = complaints
            .par_chunks_mut(BATCH_ROWS)
            .zip(pending.par_chunks_mut(BATCH_ROWS))
            .map(|(cs, ps)| {
                let mut found = vec![Vec::new(); settled.len()];
                for (c, p) in cs.iter_mut().zip(ps.iter_mut()) {
                    for (&(i, field, col, order), found) in settled.iter().zip(found.iter_mut()) {
                        self.resolve(c, p, (i, field), col, order, found);
                    }
                }
                found
            })
            .collect();
        for k in 0..settled.len() {
            for chunk in chunks.iter_mut() {
                if let Some(found) = chunk.get_mut(k) {
                    findings.append(found);
                }
            }
        }
        columns
    }

    /// Resolves date `field` (`DATE_FIELDS[i]`) of one row in the column's `order`.
    fn resolve(
        &self,
        c: &mut Complaint,
        p: &mut Pending,
        (i, field): (usize, Field),
        col: u32,
        order: DayOrder,
        findings: &mut Vec<Finding>,
    ) {
        let Some(value) = p.dates.get(i).copied().flatten() else {
            return;
        };
        let resolved = value.resolve(order).map(|dt| dt.date());
        if resolved.is_none() {
            if field == Field::ReceivedDate {
                p.received_missing = false;
            }
            c.unreadable.insert(field);
            findings.push(self.finding(
                Rule::UnreadableValue,
                CellRef::cell(self.file, c.row, col),
                show_date(&value),
                Some(field),
            ));
        }
        match field {
            Field::ReceivedDate => c.received = resolved.unwrap_or(NaiveDate::MIN),
            Field::AckDate => c.ack_date = resolved,
            Field::DueDate => c.due_date = resolved,
            Field::ClosedDate => c.closed_date = resolved,
            _ => c.last_update = resolved,
        }
    }
}

/// The complaint's slot for a free-text field other than the id.
fn text_slot(c: &mut Complaint, field: Field) -> &mut Option<Text> {
    match field {
        Field::Customer => &mut c.customer,
        Field::CustomerId => &mut c.customer_id,
        Field::JobRef => &mut c.job_ref,
        Field::Description => &mut c.description,
        Field::Handler => &mut c.handler,
        Field::ContactPerson => &mut c.contact_person,
        Field::Assessor => &mut c.assessor,
        Field::Department => &mut c.department,
        Field::Cause => &mut c.cause,
        Field::Solution => &mut c.solution,
        _ => &mut c.notes,
    }
}

/// A date value as the user wrote it, near enough to find it (only for dates that exist in
/// no order, which value parsing already rejects; kept so nothing can panic or vanish).
fn show_date(v: &DateValue) -> String {
    match v {
        DateValue::Exact(d) => d.format("%Y-%m-%d").to_string(),
        DateValue::Numeric {
            first,
            second,
            year,
            ..
        } => format!("{first}-{second}-{year}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_name_says_instructions_or_lists_only_as_such() {
        use PassReason::{Instructions, Lists};
        for (name, kind) in [
            ("Toelichting", Some(Instructions)),
            ("Instructies register", Some(Instructions)),
            ("Read me", Some(Instructions)),
            ("Info", Some(Instructions)),
            ("Infodesk", None),
            ("Helpdesk", None),
            ("Lijsten", Some(Lists)),
            ("Keuzelijsten", Some(Lists)),
            ("Lists", Some(Lists)),
            ("Data validation", Some(Lists)),
            ("Klachtenlijst", None),
            ("2026", None),
            ("Klachtenregister", None),
        ] {
            assert_eq!(kind_by_name(name), kind, "{name}");
        }
    }

    /// A workbook: sheets of rows of text cells.
    fn workbook(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        for (name, rows) in sheets {
            let ws = wb.add_worksheet().set_name(*name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, text) in row.iter().enumerate() {
                    ws.write_string(r as u32, c as u16, *text).unwrap();
                }
            }
        }
        wb.save_to_buffer().unwrap()
    }

    const HEADER: &[&str] = &["Nr", "Datum ontvangst", "Omschrijving", "Behandelaar"];

    #[test]
    fn every_sheet_with_a_header_is_read_and_the_others_are_named() {
        // The lists sheet's headers would pass for a register's: its name decides.
        let lists: &[&[&str]] = &[&["Behandelaar", "Afdeling"], &["Jan", "Service"]];
        assert!(header::detect(&rows_of(lists), &Default::default()).is_some());
        let bytes = workbook(&[
            ("Uitleg", &[&["Vul per klacht één regel in."]]),
            ("2025", &[HEADER, &["1", "03-03-2025", "Lekkage", "Jan"]]),
            ("Leeg", &[]),
            ("Overzicht", &[&["Aantal", "12"]]),
            (
                "2026",
                &[
                    &["Klachten 2026"],
                    HEADER,
                    &["1", "04-03-2026", "Storing", "Piet"],
                ],
            ),
            ("Keuzes", lists),
        ]);
        let read = |sheets: &[&str]| {
            let opts = ReadOptions {
                sheets: sheets.iter().map(|s| s.to_string()).collect(),
                ..ReadOptions::default()
            };
            load_bytes("r.xlsx".as_ref(), bytes.clone(), &Config::default(), &opts)
        };
        let register = read(&[]).unwrap();
        let sheets: Vec<(Option<&str>, u32, FileIdx)> = register
            .sources
            .iter()
            .zip(0..)
            .map(|(s, i)| (s.sheet.as_deref(), s.header_row, i))
            .collect();
        assert_eq!(sheets, [(Some("2025"), 0, 0), (Some("2026"), 1, 1)]);
        let by_file: Vec<(FileIdx, &str)> = register
            .complaints
            .iter()
            .map(|c| (c.file, c.id.as_str()))
            .collect();
        assert_eq!(by_file, [(0, "1"), (1, "1")]);
        let passed: Vec<(&str, PassReason)> = register
            .passed_over
            .iter()
            .map(|p| (p.sheet.as_str(), p.reason))
            .collect();
        assert_eq!(
            passed,
            [
                ("Uitleg", PassReason::Instructions),
                ("Leeg", PassReason::Empty),
                ("Overzicht", PassReason::NoHeader),
                ("Keuzes", PassReason::Lists),
            ]
        );

        // Asked for by name, a sheet is read whatever its name; the rest are not asked for.
        let register = read(&["keuzes", "2025"]).unwrap();
        let sheets: Vec<&str> = register
            .sources
            .iter()
            .filter_map(|s| s.sheet.as_deref())
            .collect();
        assert_eq!(sheets, ["2025", "Keuzes"], "in workbook order");
        assert_eq!(register.passed_over.len(), 4);
        assert!(register
            .passed_over
            .iter()
            .all(|p| p.reason == PassReason::NotAsked));
        // A sheet asked for must be a register; so must at least one sheet of a workbook.
        assert_eq!(read(&["Overzicht"]).unwrap_err().code(), "E-no-register");
        assert_eq!(read(&["2027"]).unwrap_err().code(), "E-no-sheet");
        let none = workbook(&[
            ("Uitleg", &[&["Tekst"]]),
            ("Overzicht", &[&["Aantal", "12"]]),
        ]);
        let err = load_bytes(
            "r.xlsx".as_ref(),
            none,
            &Config::default(),
            &ReadOptions::default(),
        );
        assert_eq!(err.unwrap_err().code(), "E-no-register");
    }

    #[test]
    fn derived_ids_name_the_sheet_when_a_file_has_several() {
        let no_id: &[&str] = &["Datum ontvangst", "Omschrijving", "Behandelaar"];
        let row: &[&str] = &["03-03-2025", "Lekkage", "Jan"];
        let ids = |sheets: &[(&str, &[&[&str]])]| -> Vec<String> {
            let bytes = workbook(sheets);
            let opts = ReadOptions::default();
            let register =
                load_bytes("reg.xlsx".as_ref(), bytes, &Config::default(), &opts).unwrap();
            register
                .complaints
                .iter()
                .map(|c| c.id.to_string())
                .collect()
        };
        assert_eq!(ids(&[("A", &[no_id, row])]), ["reg:2"]);
        assert_eq!(
            ids(&[("A", &[no_id, row]), ("B", &[no_id, row])]),
            ["reg:A:2", "reg:B:2"]
        );
    }

    fn rows_of(rows: &[&[&str]]) -> Vec<RawRow> {
        rows.iter()
            .zip(0..)
            .map(|(r, i)| RawRow {
                row: i,
                line: None,
                cells: r.iter().map(|t| Raw::Text(t.to_string())).collect(),
            })
            .collect()
    }

    /// A column's day/month order is settled by all its values, also when the rows are read
    /// in several parallel chunks: one value in the last chunk decides for every chunk.
    #[test]
    fn one_value_in_the_last_chunk_settles_the_order_of_every_row() {
        let rows = 3 * BATCH_ROWS + 17;
        let mut csv = String::from("Nr;Datum ontvangst;Datum afgehandeld;Omschrijving\n");
        for i in 0..rows {
            // Ambiguous everywhere, but for one month-first received date near the end and
            // one day-first closed date at the start.
            let received = if i == rows - 2 {
                "12-25-2025"
            } else {
                "03-04-2025"
            };
            let closed = if i == 1 { "25-12-2025" } else { "05-06-2025" };
            csv.push_str(&format!("{i};{received};{closed};Lekkage\n"));
        }
        let register = load_bytes(
            "r.csv".as_ref(),
            csv.into_bytes(),
            &Config::default(),
            &ReadOptions::default(),
        )
        .unwrap();
        let columns = &register.sources[0].date_columns;
        for (field, order, evidence) in [
            (Field::ReceivedDate, DayOrder::MonthFirst, (0, 1)),
            (Field::ClosedDate, DayOrder::DayFirst, (1, 0)),
        ] {
            let column = columns.iter().find(|c| c.field == field).unwrap();
            assert_eq!(column.order, order, "{field:?}");
            let seen = (column.day_first_evidence, column.month_first_evidence);
            assert_eq!(seen, evidence, "{field:?}");
        }
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(register.complaints.len(), rows);
        for (i, c) in register.complaints.iter().enumerate() {
            let (received, closed) = match i {
                1 => (ymd(2025, 3, 4), ymd(2025, 12, 25)),
                i if i == rows - 2 => (ymd(2025, 12, 25), ymd(2025, 6, 5)),
                _ => (ymd(2025, 3, 4), ymd(2025, 6, 5)),
            };
            assert_eq!(
                (c.received, c.closed_date),
                (received, Some(closed)),
                "row {i}"
            );
        }
    }
}
