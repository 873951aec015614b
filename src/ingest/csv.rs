//! CSV and other delimited text as people save it from Excel: decoded (UTF-8 with or without
//! BOM, UTF-16 from Excel's "Unicode text", else Windows-1252 as Dutch Excel writes it), its
//! separator sniffed, and streamed record by record.
//!
//! The decoded text is held once; rows are produced one at a time. A small scanner that follows
//! the `csv` crate's own state machine walks ahead of it over the same text, so that every
//! record's physical line is exact (the crate's positions drift after blank lines and CRLF), a
//! record with too many fields is refused before the crate allocates it, and blank lines come
//! out as blank rows, as Excel shows them, keeping `row` equal to Excel's row number.

use super::input::Input;
use super::{Raw, RawRef, RawRow, ReadOptions};
use crate::error::Error;
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How the text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvInfo {
    /// `"UTF-8"`, `"UTF-8 (BOM)"`, `"windows-1252"`, `"UTF-16LE (BOM)"`, …
    pub encoding: &'static str,
    /// The field separator: `;`, `,`, tab or `|`.
    pub separator: u8,
}

/// Separators tried, in order of preference when two fit equally well: `;` first because a
/// Dutch Excel writes it and then uses the comma as decimal mark.
const SEPARATORS: [u8; 4] = [b';', b'\t', b',', b'|'];

/// Records looked at to choose the separator.
const SNIFF_RECORDS: usize = 20;

/// Bytes looked at to choose the separator (a first line may be huge).
const SNIFF_BYTES: usize = 64 * 1024;

/// Decodes `bytes`, detects the separator and returns the records as rows.
///
/// Encoding: a forced `opts.encoding` label wins; else a BOM (UTF-8, UTF-16); else UTF-8 when
/// the bytes are valid UTF-8; else Windows-1252.
///
/// ```
/// use klacht::ingest::{csv::open_csv, Raw, ReadOptions};
/// let bytes = b"Nr;Omschrijving;Kosten\n1;\"Lekkage, koelcel\";12,50\n".to_vec();
/// let (info, rows) = open_csv("r.csv".as_ref(), bytes, &ReadOptions::default()).unwrap();
/// assert_eq!(info.separator, b';');
/// let rows: Vec<_> = rows.collect::<Result<_, _>>().unwrap();
/// assert_eq!(rows[1].cells[1], Raw::Text("Lekkage, koelcel".into()));
/// ```
pub fn open_csv(
    path: &Path,
    bytes: impl Into<Input>,
    opts: &ReadOptions,
) -> Result<(CsvInfo, CsvRows), Error> {
    let (text, encoding) = decode(path, bytes.into(), opts.encoding.as_deref())?;
    if blank(&text) {
        return Err(Error::Empty { path: path.into() });
    }
    if let Some(at) = memchr::memchr(0, &text) {
        // `at` was found in these bytes, so the slice is in bounds.
        let line = 1 + memchr::memchr_iter(b'\n', &text[..at]).count();
        return Err(Error::NulBytes {
            path: path.into(),
            line,
        });
    }
    let separator = sniff_separator(&text);
    let rows = CsvRows {
        path: path.to_path_buf(),
        text,
        parser: RecordParser::new(separator),
        separator,
        max_fields: opts.limits.max_fields,
        pos: 0,
        line: 1,
        row: 0,
        blank: 0,
        blank_line: 0,
        pending: None,
        done: false,
    };
    Ok((
        CsvInfo {
            encoding,
            separator,
        },
        rows,
    ))
}

/// The records of a CSV file as rows, in order. Every record is one row, and so is every
/// blank line before the last record.
///
/// Rows come out one at a time as [`RawRow`]s (the iterator), or as [`Span`]s, their places
/// in the text, which a [`RecordParser`] splits into borrowed cells: the loader scans the spans
/// in order and parses them in parallel batches without a `String` per cell.
pub struct CsvRows {
    path: PathBuf,
    /// Valid UTF-8: checked or made so by [`decode`].
    text: Input,
    /// Splits records for the iterator.
    parser: RecordParser,
    separator: u8,
    max_fields: usize,
    /// Where the scanner stands in the text, and the line there.
    pos: usize,
    line: u64,
    /// Next row index.
    row: u32,
    /// Blank lines still to be given out before the pending record, and the first one's line.
    blank: u64,
    blank_line: u64,
    /// Line and bytes of the record the scanner has passed and not yet given out.
    pending: Option<(u64, Range<usize>)>,
    done: bool,
}

/// One row's place in the decoded text: a blank line, or a record not yet split into fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub row: u32,
    /// 1-based physical line where the row starts.
    pub line: u64,
    /// The record's bytes (with its line end), `None` for a blank line. The scanner cuts
    /// only at line ends (ASCII) and the end of the text: a range of [`CsvRows::text`] on
    /// char boundaries.
    pub record: Option<Range<usize>>,
}

impl CsvRows {
    /// The decoded text that [`Span`]s point into, as UTF-8 bytes.
    pub fn text(&self) -> &[u8] {
        &self.text
    }

    /// The field separator.
    pub fn separator(&self) -> u8 {
        self.separator
    }

    /// The next row's place in the text: the sequential part of reading, which follows the
    /// quotes through the text but copies nothing.
    pub fn next_span(&mut self) -> Option<Result<Span, Error>> {
        if self.done {
            return None;
        }
        if self.blank > 0 {
            self.blank -= 1;
            let line = self.blank_line;
            self.blank_line += 1;
            return Some(Ok(self.emit(line, None)));
        }
        if let Some((line, range)) = self.pending.take() {
            return Some(Ok(self.emit(line, Some(range))));
        }
        let Some(scan) = scan_record(&self.text, self.pos, self.line, self.separator) else {
            self.done = true;
            return None;
        };
        if scan.fields > self.max_fields {
            self.done = true;
            return Some(Err(Error::TooManyFields {
                path: self.path.clone(),
                line: scan.start_line,
                fields: scan.fields,
                limit: self.max_fields,
            }));
        }
        self.pending = Some((scan.start_line, scan.start..scan.end));
        self.pos = scan.end;
        self.line = scan.end_line;
        self.blank = scan.blank_lines;
        // The scanner counts the blank lines into `start_line`, so this cannot go below 1.
        self.blank_line = scan.start_line - scan.blank_lines;
        self.next_span()
    }

    fn emit(&mut self, line: u64, record: Option<Range<usize>>) -> Span {
        let span = Span {
            row: self.row,
            line,
            record,
        };
        self.row = self.row.saturating_add(1);
        span
    }
}

impl Iterator for CsvRows {
    type Item = Result<RawRow, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let span = match self.next_span()? {
            Ok(span) => span,
            Err(e) => return Some(Err(e)),
        };
        let cells = match &span.record {
            Some(range) => match self.parser.parse(&self.text[range.clone()]) {
                Ok(fields) => fields.iter().map(Raw::from).collect(),
                Err(e) => {
                    self.done = true;
                    return Some(Err(e.error(&self.path, span.line)));
                }
            },
            None => Vec::new(),
        };
        Some(Ok(RawRow {
            row: span.row,
            line: Some(span.line),
            cells,
        }))
    }
}

/// Splits one record into its fields by the `csv` crate's own rules (`csv-core`: `"` quoting
/// with `""` escapes), into a buffer it reuses: no allocation per record or per field.
pub struct RecordParser {
    core: csv_core::Reader,
    separator: u8,
    out: Vec<u8>,
    ends: Vec<usize>,
}

/// The fields of one record, borrowed from the parser.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    text: &'a str,
    ends: &'a [usize],
    /// Bytes between a field's end and the next one's start: 0 in unquoted output, 1 (the
    /// separator) in a record split where it stands.
    gap: usize,
}

/// A record that is not text after unquoting (cannot happen for text split at ASCII
/// separators and quotes; reported rather than trusted).
#[derive(Debug)]
pub struct NotText;

impl NotText {
    /// The error for the file, at the record starting on `line`.
    pub fn error(&self, path: &Path, line: u64) -> Error {
        Error::Corrupt {
            path: path.into(),
            format: "CSV".to_string(),
            detail: format!("line {line}: a field is not valid text after unquoting"),
        }
    }
}

impl RecordParser {
    /// A parser for records separated by `separator`.
    pub fn new(separator: u8) -> RecordParser {
        RecordParser {
            core: csv_core::ReaderBuilder::new().delimiter(separator).build(),
            separator,
            out: Vec::new(),
            ends: vec![0; 64],
        }
    }

    /// The fields of `record`, one record of the text with or without its line end. The
    /// fields are checked to be text, so `record` may be any bytes.
    pub fn parse<'s>(&'s mut self, record: &'s [u8]) -> Result<Fields<'s>, NotText> {
        use csv_core::ReadRecordResult as R;
        if let Some(body) = unquoted(record) {
            return self.split(body);
        }
        self.core.reset();
        // Unquoting only shortens: the output never needs more room than the input.
        if self.out.len() < record.len() {
            self.out.resize(record.len(), 0);
        }
        let mut input = record;
        let (mut n_out, mut n_ends) = (0, 0);
        loop {
            let (result, read, wrote, ended) =
                self.core
                    .read_record(input, &mut self.out[n_out..], &mut self.ends[n_ends..]);
            input = &input[read..];
            n_out += wrote;
            n_ends += ended;
            match result {
                R::Record | R::End => break,
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                R::OutputFull => self.out.resize(self.out.len() * 2 + 1, 0),
                // At the end of the input: an empty read ends the last field.
                R::InputEmpty => input = &[],
            }
        }
        self.fields(n_out, n_ends)
    }

    /// The first `n_ends` fields, ending within the first `n_out` bytes of the output. Each
    /// field must be text on its own: two broken halves of a character in neighbouring fields
    /// make text together, but not two values.
    fn fields(&self, n_out: usize, n_ends: usize) -> Result<Fields<'_>, NotText> {
        let text = std::str::from_utf8(&self.out[..n_out]).map_err(|_| NotText)?;
        let ends = &self.ends[..n_ends];
        if !ends.iter().all(|&e| text.is_char_boundary(e)) {
            return Err(NotText);
        }
        Ok(Fields { text, ends, gap: 0 })
    }

    /// The fields of a record without quotes or inner line ends: what csv-core makes of it,
    /// found with memchr instead of its state machine (most records of most registers), and
    /// left where they stand. Text split at ASCII separators is text in every piece.
    fn split<'s>(&'s mut self, body: &'s [u8]) -> Result<Fields<'s>, NotText> {
        let text = std::str::from_utf8(body).map_err(|_| NotText)?;
        let mut n_ends = 0;
        for end in memchr::memchr_iter(self.separator, body).chain([body.len()]) {
            if n_ends == self.ends.len() {
                self.ends.resize(self.ends.len() * 2 + 1, 0);
            }
            self.ends[n_ends] = end;
            n_ends += 1;
        }
        Ok(Fields {
            text,
            ends: &self.ends[..n_ends],
            gap: 1,
        })
    }
}

/// `record` without its line end, if csv-core would only split it at its separators: not blank,
/// no quote, no line end inside.
fn unquoted(record: &[u8]) -> Option<&[u8]> {
    let body = record.strip_suffix(b"\n").unwrap_or(record);
    let body = body.strip_suffix(b"\r").unwrap_or(body);
    (!body.is_empty() && memchr::memchr3(b'"', b'\r', b'\n', body).is_none()).then_some(body)
}

impl<'a> Fields<'a> {
    /// No fields: a blank line.
    pub const EMPTY: Fields<'static> = Fields {
        text: "",
        ends: &[],
        gap: 0,
    };

    /// How many fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True for a record without fields (never produced for a scanned record).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i` as a cell; `Empty` for an empty field or beyond the last.
    pub fn get(&self, i: usize) -> RawRef<'a> {
        let Some(&end) = self.ends.get(i) else {
            return RawRef::Empty;
        };
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        // Every start and end is a char boundary (`RecordParser::fields` and `split`).
        match self.text.get(start..end) {
            Some("") | None => RawRef::Empty,
            Some(s) => RawRef::Text(s),
        }
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = RawRef<'a>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Whether `text` (UTF-8) is empty or only white space.
fn blank(text: &[u8]) -> bool {
    match text.iter().position(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(i) if text[i].is_ascii() => false,
        // Unicode white space (a no-break space): rare enough to decode for.
        Some(i) => std::str::from_utf8(&text[i..]).is_ok_and(|s| s.trim().is_empty()),
    }
}

/// The text as UTF-8 and the name of its encoding. UTF-8 input is kept as it is, without its
/// byte-order mark (a view, not a copy: a large file is mapped, not read).
fn decode(path: &Path, bytes: Input, forced: Option<&str>) -> Result<(Input, &'static str), Error> {
    let (encoding, bom_len) = match forced {
        Some(label) => {
            let encoding = encoding_for_label(label).ok_or_else(|| Error::UnknownEncoding {
                path: path.into(),
                label: label.to_string(),
            })?;
            let bom = Encoding::for_bom(&bytes).filter(|(e, _)| *e == encoding);
            (encoding, bom.map_or(0, |(_, len)| len))
        }
        None => Encoding::for_bom(&bytes).unwrap_or((UTF_8, 0)),
    };
    let invalid = |encoding| Error::Encoding {
        path: path.into(),
        encoding,
    };
    let name = encoding_name(encoding, bom_len > 0);
    if encoding != UTF_8 {
        // `bom_len` is the length of a BOM found at the start of `bytes`, or 0.
        return decode_as(encoding, &bytes[bom_len..])
            .map(|text| (Input::from(text.into_bytes()), name))
            .ok_or_else(|| invalid(name));
    }
    let text = bytes.skip(bom_len);
    match std::str::from_utf8(&text) {
        Ok(_) => Ok((text, name)),
        // Neither declared nor forced UTF-8: what Dutch Excel writes.
        Err(_) if forced.is_none() && bom_len == 0 => {
            let cp = WINDOWS_1252.name();
            decode_as(WINDOWS_1252, &text)
                .map(|text| (Input::from(text.into_bytes()), cp))
                .ok_or_else(|| invalid(cp))
        }
        Err(_) => Err(invalid(name)),
    }
}

/// Decodes into a string sized up front; `None` for bytes the encoding cannot map. (The
/// convenience `Encoding::decode` allocates three times the input for Windows-1252 and was
/// seven times slower on a 260 MB register.)
fn decode_as(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = if encoding.is_single_byte() {
        // ASCII stays one byte; any other byte becomes one BMP character, at most 3 bytes.
        bytes.len() + 2 * bytes.iter().filter(|b| !b.is_ascii()).count()
    } else {
        decoder.max_utf8_buffer_length_without_replacement(bytes.len())?
    };
    let mut text = String::with_capacity(capacity);
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        // The decoder reports how much of `rest` it read: never more than it was given.
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => return Some(text),
            // The decoder wants room to spare near the end; give it its worst case.
            DecoderResult::OutputFull => {
                text.reserve(decoder.max_utf8_buffer_length_without_replacement(rest.len())?)
            }
            DecoderResult::Malformed(..) => return None,
        }
    }
}

/// WHATWG labels (`utf-8`, `latin1`, `cp1252`, `utf-16le`, …) plus `ansi`, which is what
/// Windows users call their code page.
fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    if label.eq_ignore_ascii_case("ansi") {
        return Some(WINDOWS_1252);
    }
    Encoding::for_label(label.as_bytes())
}

fn encoding_name(encoding: &'static Encoding, bom: bool) -> &'static str {
    match (bom, encoding) {
        (true, e) if e == UTF_8 => "UTF-8 (BOM)",
        (true, e) if e == UTF_16LE => "UTF-16LE (BOM)",
        (true, e) if e == UTF_16BE => "UTF-16BE (BOM)",
        (_, e) => e.name(),
    }
}

/// Picks the separator that splits the first records into the same number of fields most
/// consistently; between equally consistent ones the one giving more fields, then the order
/// of [`SEPARATORS`]. Counting follows the quoting rules, so a `,` inside `"Lekkage, koelcel"`
/// does not count; a decimal comma does, but a `;` file has as many or more `;` per line than
/// decimal commas, and its header line has none.
fn sniff_separator(text: &[u8]) -> u8 {
    let sample = &text[..text.len().min(SNIFF_BYTES)];
    let whole = sample.len() == text.len();
    let mut best = (0usize, 0usize, 0usize, SEPARATORS[0]);
    for sep in SEPARATORS {
        let counts = field_counts(sample, whole, sep);
        let (mode, hits) = mode(&counts);
        if mode <= 1 {
            continue;
        }
        // Compare hits / len as fractions without floating point.
        let better = match best.0 {
            0 => true,
            best_len => {
                let (a, b) = (hits * best_len, best.1 * counts.len());
                a > b || (a == b && mode > best.2)
            }
        };
        // On a tie the earlier separator stays: a later one must be strictly better.
        if better {
            best = (counts.len(), hits, mode, sep);
        }
    }
    best.3
}

/// Fields per record for the first [`SNIFF_RECORDS`] records of `sample`. A record cut off by
/// the end of the sample is left out, unless it is the only one.
fn field_counts(sample: &[u8], whole: bool, sep: u8) -> Vec<usize> {
    let mut counts = Vec::new();
    let (mut pos, mut line) = (0, 1);
    while counts.len() < SNIFF_RECORDS {
        let Some(scan) = scan_record(sample, pos, line, sep) else {
            break;
        };
        if scan.terminated || whole || counts.is_empty() {
            counts.push(scan.fields);
        }
        if !scan.terminated {
            break;
        }
        (pos, line) = (scan.end, scan.end_line);
    }
    counts
}

/// The most frequent value (the larger on a tie) and how often it occurs.
fn mode(values: &[usize]) -> (usize, usize) {
    let mut best = (0, 0);
    for &v in values {
        let n = values.iter().filter(|&&w| w == v).count();
        if n > best.1 || (n == best.1 && v > best.0) {
            best = (v, n);
        }
    }
    best
}

/// One record as the scanner found it.
#[derive(Debug, PartialEq)]
struct Scan {
    /// Blank lines skipped before the record.
    blank_lines: u64,
    /// 1-based line where the record starts, and its first byte.
    start_line: u64,
    start: usize,
    fields: usize,
    /// Byte just after the record and its line end, and the line there.
    end: usize,
    end_line: u64,
    /// False when the text ended inside the record.
    terminated: bool,
}

/// Finds the next record from `pos` (at line `line`) by the rules of `csv-core` (`"` quoting
/// with `""` escapes, a quote only opens a field at its start, `\r`, `\n` and `\r\n` end a
/// record, empty lines are skipped). Line ends inside quoted fields count as lines; a lone
/// `\r` counts as a line end as well. `None` when only blank lines remain.
///
/// Indexing: `pos < text.len()` wherever `text[pos]` or `text[pos + 1..]` is taken — after
/// `text.get(pos)` gave a byte — and `pos` never passes `text.len()` (it is set to it when a
/// search finds nothing). Inside an unquoted field `text[pos]` is not a quote, so a quote
/// found there is at `q > pos` and `text[q - 1]` is in the text.
fn scan_record(text: &[u8], mut pos: usize, mut line: u64, sep: u8) -> Option<Scan> {
    let mut blank_lines = 0;
    while let Some(&b) = text.get(pos) {
        match b {
            b'\n' => pos += 1,
            b'\r' => {
                pos += if text.get(pos + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            }
            _ => break,
        }
        blank_lines += 1;
        line += 1;
    }
    if pos >= text.len() {
        return None;
    }
    let (start_line, start) = (line, pos);
    let mut fields = 1;
    // At the start of a field, or just after a closing quote: the same transitions in csv-core.
    let mut at_start = true;
    let terminated = loop {
        if at_start {
            match text.get(pos) {
                None => break false,
                Some(b'"') => match memchr::memchr(b'"', &text[pos + 1..]) {
                    Some(i) => {
                        line += line_breaks(text, pos + 1, pos + 1 + i);
                        pos += i + 2;
                    }
                    None => {
                        line += line_breaks(text, pos + 1, text.len());
                        pos = text.len();
                        break false;
                    }
                },
                Some(&b) if b == sep => {
                    fields += 1;
                    pos += 1;
                }
                Some(b'\r' | b'\n') => break true,
                Some(_) => at_start = false,
            }
        } else {
            // Inside an unquoted field: up to the line end, only a quote just after a
            // separator opens a field that may hold a line end; the separators before it are
            // counted in one pass rather than found one by one.
            let end = memchr::memchr2(b'\r', b'\n', &text[pos..]).map_or(text.len(), |i| pos + i);
            let opens = memchr::memchr_iter(b'"', &text[pos..end])
                .map(|i| pos + i)
                .find(|&q| text[q - 1] == sep);
            let to = opens.unwrap_or(end);
            fields += count_byte(&text[pos..to], sep);
            pos = to;
            if opens.is_some() {
                at_start = true;
            } else {
                break end < text.len();
            }
        }
    };
    if terminated {
        pos += if text[pos..].starts_with(b"\r\n") {
            2
        } else {
            1
        };
        line += 1;
    }
    Some(Scan {
        blank_lines,
        start_line,
        start,
        fields,
        end: pos,
        end_line: line,
        terminated,
    })
}

/// How many times `byte` occurs in `hay`: counted in blocks of 64 bytes into one byte each,
/// which the compiler turns into vector compares (a plain filtered count it did not: six
/// times slower, a sixth of a second on one core for a 350 MB register).
fn count_byte(hay: &[u8], byte: u8) -> usize {
    let mut blocks = hay.chunks_exact(64);
    let mut n = 0;
    for block in &mut blocks {
        n += usize::from(block.iter().map(|&b| u8::from(b == byte)).sum::<u8>());
    }
    n + blocks.remainder().iter().filter(|&&b| b == byte).count()
}

/// Line ends in `text[from..to]`: `\n`, and `\r` not followed by `\n`. The callers pass
/// `from <= to <= text.len()`; `from + i` indexes a byte found inside that range.
fn line_breaks(text: &[u8], from: usize, to: usize) -> u64 {
    memchr::memchr2_iter(b'\n', b'\r', &text[from..to])
        .filter(|&i| text[from + i] == b'\n' || text.get(from + i + 1) != Some(&b'\n'))
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Limits;

    fn read(bytes: &[u8]) -> (CsvInfo, Vec<RawRow>) {
        read_with(bytes, &ReadOptions::default())
    }

    fn read_with(bytes: &[u8], opts: &ReadOptions) -> (CsvInfo, Vec<RawRow>) {
        let (info, rows) = open_csv(Path::new("t.csv"), bytes.to_vec(), opts).unwrap();
        (info, rows.collect::<Result<_, _>>().unwrap())
    }

    fn err(bytes: &[u8], opts: &ReadOptions) -> Error {
        match open_csv(Path::new("t.csv"), bytes.to_vec(), opts) {
            Err(e) => e,
            Ok((_, rows)) => rows.filter_map(Result::err).next().expect("an error"),
        }
    }

    fn text(s: &str) -> Raw {
        Raw::Text(s.to_string())
    }

    fn texts(row: &RawRow) -> Vec<String> {
        row.cells.iter().map(Raw::display).collect()
    }

    #[test]
    fn halves_of_a_character_in_two_fields_are_not_text() {
        let mut parser = RecordParser::new(b';');
        assert!(parser.parse(b"\xC3;\xA9\n").is_err());
        assert!(parser.parse(b"\"\xC3\";\xA9\n").is_err());
        let fields = parser.parse("\"é\";é\n".as_bytes()).expect("text");
        assert_eq!(
            (fields.get(0), fields.get(1)),
            (RawRef::Text("é"), RawRef::Text("é"))
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]
        /// Records without quotes are split with memchr, not csv-core: into the fields the
        /// csv crate finds in them, or refused as not text.
        #[test]
        fn an_unquoted_record_is_split_as_the_csv_crate_splits_it(
            body in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'1', b' ', b';', b',', 0xC3, 0xA9, 0xFF]),
                1..40,
            ),
            end in proptest::sample::select(vec!["", "\n", "\r\n", "\r"]),
            sep in proptest::sample::select(vec![b';', b',']),
        ) {
            let mut record = body.clone();
            record.extend_from_slice(end.as_bytes());
            let expected: Vec<Vec<u8>> = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(sep)
                .from_reader(&record[..])
                .byte_records()
                .next()
                .expect("a record")
                .expect("readable")
                .iter()
                .map(<[u8]>::to_vec)
                .collect();
            let mut parser = RecordParser::new(sep);
            match parser.parse(&record) {
                Ok(fields) => {
                    let got: Vec<Vec<u8>> = (0..fields.len())
                        .map(|i| match fields.get(i) {
                            RawRef::Text(t) => t.as_bytes().to_vec(),
                            _ => Vec::new(),
                        })
                        .collect();
                    proptest::prop_assert_eq!(got, expected);
                }
                Err(NotText) => proptest::prop_assert!(
                    expected.iter().any(|f| std::str::from_utf8(f).is_err())
                ),
            }
        }
    }

    /// The scanner's rules a byte at a time: every record of `text` as (blank lines before,
    /// start line, start, fields, end, end line, terminated).
    fn scan_slowly(text: &[u8], sep: u8) -> Vec<Scan> {
        let (mut pos, mut line, mut out) = (0, 1, Vec::new());
        let line_end = |pos: usize| -> usize {
            if text[pos] == b'\r' && text.get(pos + 1) == Some(&b'\n') {
                2
            } else {
                1
            }
        };
        loop {
            let mut blank_lines = 0;
            while pos < text.len() && matches!(text[pos], b'\r' | b'\n') {
                pos += line_end(pos);
                (blank_lines, line) = (blank_lines + 1, line + 1);
            }
            if pos == text.len() {
                return out;
            }
            let (start, start_line) = (pos, line);
            let (mut fields, mut quoted, mut at_start, mut terminated) = (1, false, true, false);
            while pos < text.len() {
                let b = text[pos];
                if quoted {
                    if b == b'"' {
                        (quoted, at_start) = (false, true);
                    } else if matches!(b, b'\r' | b'\n') && line_end(pos) == 1 {
                        line += 1;
                    }
                } else if b == sep {
                    (fields, at_start) = (fields + 1, true);
                } else if matches!(b, b'\r' | b'\n') {
                    terminated = true;
                    break;
                } else {
                    quoted = b == b'"' && at_start;
                    at_start = false;
                }
                pos += 1;
            }
            if terminated {
                pos += line_end(pos);
                line += 1;
            }
            out.push(Scan {
                blank_lines,
                start_line,
                start,
                fields,
                end: pos,
                end_line: line,
                terminated,
            });
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3_000))]
        /// The scanner skips over unquoted fields a line at a time: it finds the records, lines
        /// and field counts that a byte-at-a-time reading finds.
        #[test]
        fn records_are_found_as_a_byte_at_a_time_reading_finds_them(
            text in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b' ', b';', b',', b'"', b'\r', b'\n']),
                0..60,
            ),
            sep in proptest::sample::select(vec![b';', b',']),
        ) {
            let mut found = Vec::new();
            let (mut pos, mut line) = (0, 1);
            while let Some(scan) = scan_record(&text, pos, line, sep) {
                (pos, line) = (scan.end, scan.end_line);
                found.push(scan);
            }
            proptest::prop_assert_eq!(found, scan_slowly(&text, sep));
        }

        /// Separators counted in blocks of 64 bytes are the ones a byte-by-byte count finds,
        /// in the blocks and in the rest.
        #[test]
        fn bytes_are_counted_in_blocks_as_one_by_one(
            hay in proptest::collection::vec(
                proptest::sample::select(vec![b';', b'a', 0xFF]),
                0..400,
            ),
        ) {
            let one_by_one = hay.iter().filter(|&&b| b == b';').count();
            proptest::prop_assert_eq!(count_byte(&hay, b';'), one_by_one);
        }
    }

    fn register(name: &str) -> Vec<u8> {
        std::fs::read(format!("/work/shared/registers/{name}"))
            .or_else(|_| std::fs::read(format!("../shared/registers/{name}")))
            .unwrap()
    }

    #[test]
    fn windows_1252_is_decoded() {
        // "Café;Drieëndertig;€ 95" in Windows-1252: é = E9, ë = EB, € = 80.
        let bytes = b"Caf\xe9;Drie\xebndertig;\x80 95\r\n";
        let (info, rows) = read(bytes);
        assert_eq!(info.encoding, "windows-1252");
        assert_eq!(info.separator, b';');
        assert_eq!(texts(&rows[0]), ["Café", "Drieëndertig", "€ 95"]);
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let (info, rows) = read("\u{feff}Klachtnr;Omschrijving\n1;Storing ë\n".as_bytes());
        assert_eq!(info.encoding, "UTF-8 (BOM)");
        assert_eq!(rows[0].cells[0], text("Klachtnr"));
        assert_eq!(rows[1].cells[1], text("Storing ë"));
        let (info, _) = read("Klachtnr;Omschrijving\n1;ë\n".as_bytes());
        assert_eq!(info.encoding, "UTF-8");
    }

    #[test]
    fn utf16_from_excel_unicode_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Nr\tKlant\r\n1\tJansen & Zn\r\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let (info, rows) = read(&bytes);
        assert_eq!(info.encoding, "UTF-16LE (BOM)");
        assert_eq!(info.separator, b'\t');
        assert_eq!(texts(&rows[1]), ["1", "Jansen & Zn"]);
    }

    #[test]
    fn forced_encoding() {
        let latin1 = ReadOptions {
            encoding: Some("latin1".into()),
            ..ReadOptions::default()
        };
        // Valid UTF-8 too ("Ã©"), but the user said Latin-1.
        let (info, rows) = read_with(b"a;\xc3\xa9\n", &latin1);
        assert_eq!(info.encoding, "windows-1252");
        assert_eq!(rows[0].cells[1], text("Ã©"));

        let utf8 = ReadOptions {
            encoding: Some("UTF-8".into()),
            ..ReadOptions::default()
        };
        let e = err(b"a;caf\xe9\n", &utf8);
        assert_eq!(e.code(), "E-encoding");
        assert!(e.message(crate::Lang::En).contains("UTF-8"), "{e}");
        let (info, rows) = read_with("\u{feff}a;é\n".as_bytes(), &utf8);
        assert_eq!(
            (info.encoding, rows[0].cells[0].clone()),
            ("UTF-8 (BOM)", text("a"))
        );

        let ansi = ReadOptions {
            encoding: Some("ANSI".into()),
            ..ReadOptions::default()
        };
        assert_eq!(read_with(b"a;\x80\n", &ansi).1[0].cells[1], text("€"));

        let bad = ReadOptions {
            encoding: Some("klingon".into()),
            ..ReadOptions::default()
        };
        let e = err(b"a;b\n", &bad);
        assert_eq!(e.code(), "E-usage");
        assert!(e.to_string().contains("klingon"));
    }

    #[test]
    fn separator_detection() {
        let cases: [(&str, u8); 7] = [
            ("a;b;c\n1;2;3\n", b';'),
            ("a,b,c\n1,2,3\n", b','),
            ("a\tb\tc\n1\t2\t3\n", b'\t'),
            ("a|b|c\n1|2|3\n", b'|'),
            // Dutch Excel: comma decimals and a quoted comma.
            (
                "Nr;Omschrijving;Kosten\n1;\"Lekkage, koelcel\";12,50\n2;Deur;3,00\n",
                b';',
            ),
            // As many decimal commas as semicolons per line: the header settles it.
            ("Nr;Kosten;Uren\n1;12,50;3,5\n2;8,00;1,25\n", b';'),
            // Commas in free text vary per line; the comma separator does not.
            ("id,text\n1,\"a; b; c\"\n2,d;e\n3,f\n", b','),
        ];
        for (csv, sep) in cases {
            assert_eq!(read(csv.as_bytes()).0.separator, sep, "{csv}");
        }
        // Without any separator the file is one column; `;` is the default.
        let (info, rows) = read(b"alleen\neen kolom\n");
        assert_eq!(info.separator, b';');
        assert_eq!(rows[1].cells, [text("een kolom")]);
    }

    #[test]
    fn dutch_comma_decimal_record() {
        let (_, rows) = read(b"1;\"Lekkage, koelcel\";12,50\n2;\"Geluid\";7,25\n");
        assert_eq!(texts(&rows[0]), ["1", "Lekkage, koelcel", "12,50"]);
    }

    #[test]
    fn quoted_newlines_keep_rows_and_lines() {
        let csv = "Nr;Omschrijving\n1;\"regel een\nregel twee\"\n2;\"a\r\nb\r\nc\"\n3;\"\"\"quoted\"\"\"\n";
        let (_, rows) = read(csv.as_bytes());
        let at: Vec<_> = rows.iter().map(|r| (r.row, r.line)).collect();
        assert_eq!(at, [(0, Some(1)), (1, Some(2)), (2, Some(4)), (3, Some(7))]);
        assert_eq!(rows[1].cells[1], text("regel een\nregel twee"));
        assert_eq!(rows[2].cells[1], text("a\r\nb\r\nc"));
        assert_eq!(rows[3].cells[1], text("\"quoted\""));
    }

    #[test]
    fn crlf_lines() {
        let (_, rows) = read(b"a;b\r\n1;2\r\n3;4\r\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(texts(&rows[2]), ["3", "4"]);
        assert_eq!(rows[2].line, Some(3));
    }

    #[test]
    fn old_mac_line_ends() {
        let (_, rows) = read(b"a;b\r1;2\r\r3;4");
        let at: Vec<_> = rows.iter().map(|r| (r.line, texts(r))).collect();
        assert_eq!(
            at,
            [
                (Some(1), vec!["a".to_string(), "b".into()]),
                (Some(2), vec!["1".into(), "2".into()]),
                (Some(3), vec![]),
                (Some(4), vec!["3".into(), "4".into()]),
            ]
        );
    }

    #[test]
    fn blank_lines_and_separator_only_rows_are_blank_rows() {
        let csv = "\nNr;Klant;Datum\r\n\r\n;;\n1;Jansen;3-3-2026\n\n\n";
        let (_, rows) = read(csv.as_bytes());
        let at: Vec<_> = rows
            .iter()
            .map(|r| (r.row, r.line, r.cells.len()))
            .collect();
        assert_eq!(
            at,
            [
                (0, Some(1), 0),
                (1, Some(2), 3),
                (2, Some(3), 0),
                (3, Some(4), 3),
                (4, Some(5), 3),
            ]
        );
        assert!(rows[3].cells.iter().all(|c| *c == Raw::Empty));
        assert!(rows[2].cells.iter().all(Raw::is_empty));
    }

    #[test]
    fn a_quote_inside_a_field_is_text() {
        let (_, rows) = read(b"Nr;Omschrijving\n1;Leiding 5\" lekt\n2;ok\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].cells[1], text("Leiding 5\" lekt"));
        assert_eq!(rows[2].line, Some(3));
    }

    #[test]
    fn ragged_rows_are_kept() {
        let (_, rows) = read(b"a;b;c\n1\n1;2;3;4\n");
        let widths: Vec<_> = rows.iter().map(|r| r.cells.len()).collect();
        assert_eq!(widths, [3, 1, 4]);
    }

    #[test]
    fn too_many_fields() {
        let opts = ReadOptions {
            limits: Limits {
                max_fields: 5,
                ..Limits::default()
            },
            ..ReadOptions::default()
        };
        let e = err(b"a;b\n1;2\n\"x\ny\";1;2;3;4;5;6\n", &opts);
        let expected = Error::TooManyFields {
            path: "t.csv".into(),
            line: 3,
            fields: 7,
            limit: 5,
        };
        assert_eq!(e, expected);
        // Rows before the bad record still come through.
        let (_, rows) =
            open_csv(Path::new("t.csv"), b"a;b\n1;2;3;4;5;6\n".to_vec(), &opts).unwrap();
        let got: Vec<_> = rows
            .map(|r| r.map(|r| r.row).map_err(|e| e.code()))
            .collect();
        assert_eq!(got, [Ok(0), Err("E-too-many-fields")]);
    }

    #[test]
    fn a_line_of_millions_of_fields_fails_fast() {
        let mut bytes = b"Nr;Klant\n".to_vec();
        bytes.extend(std::iter::repeat_n(b';', 3_000_000));
        bytes.push(b'\n');
        let e = err(&bytes, &ReadOptions::default());
        assert_eq!(e.code(), "E-too-many-fields");
        assert!(e.to_string().contains("line 2 has 3000001 fields"), "{e}");
    }

    #[test]
    fn empty_input() {
        for bytes in [&b""[..], b"\xef\xbb\xbf", b" \r\n\t\n"] {
            assert_eq!(err(bytes, &ReadOptions::default()).code(), "E-empty");
        }
    }

    #[test]
    fn nul_bytes_are_not_text() {
        let e = err(b"a;b\n1;\x002\n", &ReadOptions::default());
        assert_eq!(e.code(), "E-nul-bytes");
        let msg = e.message(crate::Lang::Nl);
        assert!(msg.contains("regel 2 bevat NUL-tekens"), "{msg}");
    }

    #[test]
    fn scanner_agrees_with_the_csv_crate_on_real_registers() {
        for (name, records) in [
            ("cfpb_2013_cuny_msda.csv", 3_187),
            ("nyc311_2022-05_pyboot.csv", 925),
            ("boston311_2022_100rows_qsv.csv", 101),
        ] {
            let bytes = register(name);
            let (info, rows) = read(&bytes);
            assert_eq!(info.separator, b',', "{name}");
            assert_eq!(rows.len(), records, "{name}");
            let mut plain = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(&bytes[..]);
            for (row, rec) in rows.iter().zip(plain.records()) {
                let rec = rec.unwrap();
                assert_eq!(texts(row), rec.iter().collect::<Vec<_>>(), "{name}");
            }
        }
    }

    #[test]
    fn comcast_tsv_with_trailing_tabs() {
        let (info, rows) = read(&register("comcast_fcc_complaints_2015.tsv.csv"));
        assert_eq!(info.separator, b'\t');
        assert_eq!(rows.len(), 2_225);
        assert_eq!(rows[0].cells.len(), 12);
        assert_eq!(rows[0].cells[11], Raw::Empty);
        assert_eq!(rows[0].cells[0], text("Ticket #"));
        assert!(rows.iter().enumerate().all(|(i, r)| r.row as usize == i));
    }

    #[test]
    fn nyc_2024_with_newlines_in_quoted_fields() {
        let bytes = register("nyc311_2024-04_socrata_api.csv");
        let physical = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        let (info, rows) = read(&bytes);
        assert_eq!(info.separator, b',');
        assert_eq!(rows.len(), 1_001);
        let header = texts(&rows[0]);
        let location = header.iter().position(|h| h == "location").unwrap();
        assert!(rows[1].cells[location].display().contains('\n'));
        // Every record spans the same number of lines, so the last one starts where the count
        // of lines says.
        let span = rows[2].line.unwrap() - rows[1].line.unwrap();
        assert!(span > 1);
        assert_eq!(rows[1000].line.unwrap() + span - 1, physical);
    }

    #[test]
    fn scan_record_steps() {
        let text = b"\n\na;\"b\nc\";d\r\ne";
        let first = scan_record(text, 0, 1, b';').unwrap();
        assert_eq!(
            first,
            Scan {
                blank_lines: 2,
                start_line: 3,
                start: 2,
                fields: 3,
                end: 13,
                end_line: 5,
                terminated: true
            }
        );
        let last = scan_record(text, first.end, first.end_line, b';').unwrap();
        assert_eq!(
            (last.start_line, last.fields, last.terminated),
            (5, 1, false)
        );
        assert_eq!(scan_record(text, text.len(), 6, b';'), None);
        assert_eq!(scan_record(b"\r\n\n", 0, 1, b';'), None);
    }
}
