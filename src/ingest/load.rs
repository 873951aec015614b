//! From files to a [`Register`]: read each file, find its header, parse every row into a
//! complaint or account for why it is not one.

use super::header::{self, HeaderMatch};
use super::location::{CellRef, FileIdx};
use super::value::{self, DateValue, DayOrder, OrderEvidence};
use super::{Raw, RawRow, ReadOptions};
use crate::config::{Config, DayOrderSetting};
use crate::error::{Error, Result};
use crate::register::{
    Complaint, DateColumn, Exclusion, ExclusionReason, Field, FieldKind, Register, RowCount, Source,
};
use crate::rules::{Finding, Rule};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Reads every file into one register. Files are read in parallel; the register keeps them in
/// the order given. The first file that cannot be read stops the run.
pub fn load(paths: &[PathBuf], config: &Config, opts: &ReadOptions) -> Result<Register> {
    use rayon::prelude::*;
    let parts: Vec<Result<FileRegister>> = paths
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let bytes = super::spreadsheet::read_input(p, opts)?;
            load_file(p, bytes, i as FileIdx, config, opts)
        })
        .collect();
    assemble(parts)
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
    assemble([load_file(path, bytes, 0, config, opts)])
}

/// The files' parts as one register, in the order given; the first error stops it.
fn assemble(parts: impl IntoIterator<Item = Result<FileRegister>>) -> Result<Register> {
    let mut register = Register::default();
    for part in parts {
        let part = part?;
        register.sources.push(part.source);
        register.complaints.extend(part.complaints);
        register.exclusions.extend(part.exclusions);
        register.findings.extend(part.findings);
    }
    Ok(register)
}

/// What one file contributes.
struct FileRegister {
    source: Source,
    complaints: Vec<Complaint>,
    exclusions: Vec<Exclusion>,
    findings: Vec<Finding>,
}

/// Rows of one sheet, with what is needed to read them.
pub(crate) struct Sheet {
    pub(crate) name: Option<String>,
    pub(crate) format: &'static str,
    pub(crate) encoding: Option<&'static str>,
    pub(crate) separator: Option<char>,
    pub(crate) date1904: bool,
    /// The rows after `head`.
    pub(crate) rows: Box<dyn Iterator<Item = Result<RawRow>>>,
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

fn load_file(
    path: &Path,
    bytes: Vec<u8>,
    file: FileIdx,
    config: &Config,
    opts: &ReadOptions,
) -> Result<FileRegister> {
    let sha256 = hex(&Sha256::digest(&bytes));
    let size = bytes.len() as u64;
    let opened = open(path, bytes, config, opts)?;
    let header = opened
        .header
        .ok_or_else(|| Error::new("E-no-register", path))?;
    read_rows(
        path,
        file,
        config,
        opened.sheet,
        opened.head,
        header,
        sha256,
        size,
    )
}

/// Opens the file held in `bytes`, chooses its sheet and finds the header row.
pub(crate) fn open(
    path: &Path,
    bytes: Vec<u8>,
    config: &Config,
    opts: &ReadOptions,
) -> Result<Opened> {
    let format = super::spreadsheet::detect_format(path, &bytes)?;
    let (sheet, head, header) = match format {
        super::spreadsheet::Format::Csv => {
            let (info, rows) = super::csv::open_csv(path, bytes, opts)?;
            let mut rows = rows.peekable();
            let mut head = Vec::new();
            while head.len() < header::HEADER_SCAN_ROWS {
                match rows.next() {
                    Some(r) => head.push(r?),
                    None => break,
                }
            }
            let header = header::detect(&head, &config.columns);
            let sheet = Sheet {
                name: None,
                format: "csv",
                encoding: Some(info.encoding),
                separator: Some(char::from(info.separator)),
                date1904: false,
                rows: Box::new(rows),
            };
            (sheet, head, header)
        }
        _ => {
            let mut wb = super::spreadsheet::open_workbook(path, bytes, format, opts)?;
            let names = wb.sheet_names();
            let wanted: Vec<String> = match &opts.sheet {
                Some(s) => {
                    let found = names.iter().find(|n| n.eq_ignore_ascii_case(s)).cloned();
                    vec![found.ok_or_else(|| {
                        Error::new("E-no-sheet", path)
                            .with("sheet", s)
                            .with("sheets", names.join(", "))
                    })?]
                }
                None => names,
            };
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
                } else if best.is_none()
                    && first.is_none()
                    && (opts.sheet.is_some() || filled(&rows))
                {
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
                rows: Box::new(std::iter::empty()),
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

/// The row counts and per-field state of one file while its rows are read.
struct Reader<'a> {
    file: FileIdx,
    config: &'a Config,
    header: &'a HeaderMatch,
    date1904: bool,
    /// (field, column) for every mapped field.
    mapped: Vec<(Field, usize)>,
    /// Columns without a field whose values are kept.
    unmapped: Vec<usize>,
    findings: Vec<Finding>,
}

/// A row on its way to becoming a complaint: dates wait for the column's day/month order.
/// `dates[i]` belongs to `DATE_FIELDS[i]`; every index into it comes from a position in or an
/// enumeration of `DATE_FIELDS`, so it is in bounds.
struct Pending {
    complaint: Complaint,
    dates: [Option<(DateValue, u32)>; DATE_FIELDS.len()],
    received_missing: bool,
    first_text: String,
    /// Recognised as a totals or note row before its cells were parsed.
    not_a_complaint: Option<ExclusionReason>,
}

const DATE_FIELDS: [Field; 5] = [
    Field::ReceivedDate,
    Field::AckDate,
    Field::DueDate,
    Field::ClosedDate,
    Field::LastUpdate,
];

#[allow(clippy::too_many_arguments)]
fn read_rows(
    path: &Path,
    file: FileIdx,
    config: &Config,
    sheet: Sheet,
    head: Vec<RawRow>,
    header: HeaderMatch,
    sha256: String,
    bytes: u64,
) -> Result<FileRegister> {
    let mapped: Vec<(Field, usize)> = header
        .columns
        .iter()
        .filter_map(|c| Some((c.field?, c.col as usize)))
        .collect();
    let unmapped: Vec<usize> = header
        .columns
        .iter()
        .filter(|c| c.field.is_none() && !c.header.is_empty())
        .map(|c| c.col as usize)
        .collect();
    let mut reader = Reader {
        file,
        config,
        header: &header,
        date1904: sheet.date1904,
        mapped,
        unmapped,
        findings: Vec::new(),
    };
    reader.column_findings();

    let mut counts = RowCount::default();
    let mut pending = Vec::new();
    let rows = head
        .into_iter()
        .skip(header.index + 1)
        .map(Ok)
        .chain(sheet.rows);
    for row in rows {
        let row = row?;
        counts.read += 1;
        match reader.read(&row) {
            Some(p) => pending.push(p),
            None => counts.blank += 1,
        }
    }

    let date_columns = reader.settle_dates(&mut pending);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut complaints = Vec::with_capacity(pending.len());
    let mut exclusions = Vec::new();
    for p in pending {
        if p.complaint.received != NaiveDate::MIN {
            let mut c = p.complaint;
            if c.id.is_empty() {
                c.id = format!("{stem}:{}", u64::from(c.row) + 1);
                c.id_derived = true;
            }
            complaints.push(c);
            continue;
        }
        let reason = if let Some(reason) = p.not_a_complaint {
            reason
        } else {
            // Without the column, `missing-column` said it once already (decisions.md).
            if p.received_missing && header.column_of(Field::ReceivedDate).is_some() {
                reader.finding(
                    Rule::MissingReceivedDate,
                    reader.at(p.complaint.row, Field::ReceivedDate),
                    String::new(),
                    Some(Field::ReceivedDate),
                );
            }
            ExclusionReason::NoReceivedDate
        };
        exclusions.push(Exclusion {
            file,
            row: p.complaint.row,
            line: p.complaint.line,
            reason,
            text: p.first_text,
        });
    }
    counts.used = complaints.len() as u64;
    counts.excluded = exclusions.len() as u64;
    let source = Source {
        path: path.to_path_buf(),
        format: sheet.format,
        sheet: sheet.name,
        encoding: sheet.encoding,
        separator: sheet.separator,
        sha256,
        bytes,
        header_row: header.row,
        columns: header.columns.clone(),
        date_columns,
        rows: counts,
    };
    Ok(FileRegister {
        source,
        complaints,
        exclusions,
        findings: reader.findings,
    })
}

/// A totals row starts with a word like `Totaal` (`Totaal`, `Totaal 2026:`, `Aantal klachten`).
fn is_totals(first_text: &str) -> bool {
    let key = value::normalize_key(first_text);
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

    fn finding(&mut self, rule: Rule, at: CellRef, value: String, field: Option<Field>) {
        self.findings.push(Finding {
            rule,
            severity: self.config.severity(rule),
            at: Some(at),
            file: self.file,
            complaint: None,
            value,
            field,
            detail: String::new(),
        });
    }

    /// `missing-column` for absent required fields, `unmapped-column` for unknown headers.
    fn column_findings(&mut self) {
        let header_row = self.header.row;
        for field in Field::required() {
            if self.header.column_of(field).is_none() {
                self.findings.push(Finding {
                    rule: Rule::MissingColumn,
                    severity: self.config.severity(Rule::MissingColumn),
                    at: Some(CellRef::row(self.file, header_row)),
                    file: self.file,
                    complaint: None,
                    value: String::new(),
                    field: Some(field),
                    detail: String::new(),
                });
            }
        }
        let unknown: Vec<(u32, String)> = self
            .header
            .columns
            .iter()
            .filter(|c| c.field.is_none() && !c.header.is_empty())
            .map(|c| (c.col, c.header.clone()))
            .collect();
        for (col, text) in unknown {
            self.finding(
                Rule::UnmappedColumn,
                CellRef::cell(self.file, header_row, col),
                text,
                None,
            );
        }
    }

    /// Parses one row; `None` for a blank row.
    fn read(&mut self, row: &RawRow) -> Option<Pending> {
        let blank = |c: &Raw| match c {
            Raw::Text(s) => value::is_blank_text(s),
            other => other.is_empty(),
        };
        let filled = row.cells.iter().filter(|c| !blank(c)).count();
        if filled == 0 {
            return None;
        }
        let first_text = row
            .cells
            .iter()
            .find(|c| !blank(c))
            .map(Raw::display)
            .unwrap_or_default();
        let mut p = Pending {
            complaint: Complaint {
                file: self.file,
                row: row.row,
                line: row.line,
                received: NaiveDate::MIN,
                ..Complaint::default()
            },
            dates: [None; DATE_FIELDS.len()],
            received_missing: true,
            first_text,
            not_a_complaint: None,
        };
        let empty = Raw::Empty;
        // A totals row or a lone note is not a complaint; its cells are not checked as one.
        let received = self
            .header
            .column_of(Field::ReceivedDate)
            .and_then(|c| row.cells.get(c as usize))
            .unwrap_or(&empty);
        let dated = matches!(value::parse_date(received, self.date1904), Ok(Some(_)));
        if !dated && is_totals(&p.first_text) {
            p.not_a_complaint = Some(ExclusionReason::Totals);
        } else if filled == 1 && blank(received) {
            p.not_a_complaint = Some(ExclusionReason::Note);
        }
        if p.not_a_complaint.is_some() {
            return Some(p);
        }
        // By index, as `set` borrows `self` mutably; `i` stays below the length.
        for i in 0..self.mapped.len() {
            let (field, col) = self.mapped[i];
            let cell = row.cells.get(col).unwrap_or(&empty);
            if !blank(cell) && field == Field::ReceivedDate {
                p.received_missing = false;
            }
            self.set(&mut p, field, col as u32, cell);
        }
        p.complaint.extra = self
            .unmapped
            .iter()
            .map(|&c| row.cells.get(c).map(Raw::display).unwrap_or_default())
            .collect();
        // Values right of the header or under a column without header: a shifted row.
        for (col, cell) in row.cells.iter().enumerate() {
            let headed = self
                .header
                .columns
                .get(col)
                .is_some_and(|c| !c.header.is_empty());
            if !headed && !blank(cell) {
                self.finding(
                    Rule::UnreadableValue,
                    CellRef::cell(self.file, row.row, col as u32),
                    cell.display(),
                    None,
                );
            }
        }
        Some(p)
    }

    /// Parses `cell` as `field` into the pending complaint; unreadable values become findings.
    fn set(&mut self, p: &mut Pending, field: Field, col: u32, cell: &Raw) {
        let mapped_text;
        let cell = match cell {
            Raw::Text(t) | Raw::Error(t) => match self.config.map_value(field, t) {
                Some(target) => {
                    mapped_text = Raw::Text(target.to_string());
                    &mapped_text
                }
                None => cell,
            },
            _ => cell,
        };
        let c = &mut p.complaint;
        let ok = match field.kind() {
            FieldKind::Text => value::parse_text(cell).map(|v| match field {
                Field::Id => c.id = v.unwrap_or_default(),
                _ => *text_slot(c, field) = v,
            }),
            FieldKind::Date => value::parse_date(cell, self.date1904).map(|v| {
                if let Some(i) = DATE_FIELDS.iter().position(|f| *f == field) {
                    p.dates[i] = v.map(|d| (d, col));
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
            FieldKind::Decimal => value::parse_decimal(cell).map(|v| c.cost = v),
        };
        if ok.is_err() {
            let row = p.complaint.row;
            self.finding(
                Rule::UnreadableValue,
                CellRef::cell(self.file, row, col),
                cell.display(),
                Some(field),
            );
        }
    }

    /// Decides each date column's day/month order from its values and resolves the dates.
    fn settle_dates(&mut self, pending: &mut [Pending]) -> Vec<DateColumn> {
        let default = match self.config.date_order {
            DayOrderSetting::DayFirst => DayOrder::DayFirst,
            DayOrderSetting::MonthFirst => DayOrder::MonthFirst,
        };
        let mut columns = Vec::new();
        for (i, &field) in DATE_FIELDS.iter().enumerate() {
            if self.header.column_of(field).is_none() {
                continue;
            }
            let mut evidence = OrderEvidence::default();
            for (d, _) in pending.iter().filter_map(|p| p.dates[i]) {
                evidence.add(&d);
            }
            let order = evidence.order().unwrap_or(default);
            columns.push(DateColumn {
                field,
                order,
                day_first_evidence: evidence.day_first,
                month_first_evidence: evidence.month_first,
            });
            for p in pending.iter_mut() {
                let Some((value, col)) = p.dates[i] else {
                    continue;
                };
                let resolved = value.resolve(order).map(|dt| dt.date());
                if resolved.is_none() {
                    let row = p.complaint.row;
                    if field == Field::ReceivedDate {
                        p.received_missing = false;
                    }
                    self.finding(
                        Rule::UnreadableValue,
                        CellRef::cell(self.file, row, col),
                        show_date(&value),
                        Some(field),
                    );
                }
                let c = &mut p.complaint;
                match field {
                    Field::ReceivedDate => c.received = resolved.unwrap_or(NaiveDate::MIN),
                    Field::AckDate => c.ack_date = resolved,
                    Field::DueDate => c.due_date = resolved,
                    Field::ClosedDate => c.closed_date = resolved,
                    _ => c.last_update = resolved,
                }
            }
        }
        columns
    }
}

/// The complaint's slot for a free-text field other than the id.
fn text_slot(c: &mut Complaint, field: Field) -> &mut Option<String> {
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
