//! The saved workbook, repacked with the rows of [`super::bulk`] in their sheets.
//!
//! rust_xlsxwriter saves the workbook (small: the long lists hold only their last row); every
//! part of it is copied as it is, compressed bytes and all, except the sheets that get rows:
//! those are unpacked, and their new content is one deflate stream made of pieces deflated
//! independently (each ends on a byte boundary with a sync flush, as pigz does), so the rows'
//! pieces could be made in parallel while the sheets were written. The part of a table that
//! rust_xlsxwriter was given with its first row only is unpacked and gets its whole range.

use super::bulk::{Body, TableRange};
use flate2::{Compress, Compression, FlushCompress, Status};
use rust_xlsxwriter::XlsxError;
use std::io::{self, Read, Write};
use std::path::Path;

/// The zip level the rest of the workbook is saved at (Excel's own).
pub(super) const LEVEL: u32 = 3;

/// The level of the long lists' rows: zlib-rs's fast strategy instead of level 3's medium
/// one deflates their XML in 0.7× the time for a file a tenth larger (docs/performance.md).
const LIST_LEVEL: u32 = 2;

/// A piece of a deflate stream, with what the zip entry needs to know of its input.
pub(super) struct Deflated {
    data: Vec<u8>,
    crc: crc32fast::Hasher,
    len: u64,
}

/// Deflates `input` as a piece that other pieces may follow (a sync flush, no final block).
pub(super) fn deflate(input: &[u8]) -> io::Result<Deflated> {
    piece(input, FlushCompress::Sync, LIST_LEVEL)
}

fn piece(input: &[u8], flush: FlushCompress, level: u32) -> io::Result<Deflated> {
    let mut z = Compress::new(Compression::new(level), false);
    let mut data = Vec::with_capacity(input.len() / 4 + 1024);
    loop {
        let done = z.total_in() as usize;
        let rest = input.get(done..).unwrap_or_default();
        if data.capacity() - data.len() < 1024 {
            data.reserve(data.capacity().max(4096));
        }
        let status = z
            .compress_vec(rest, &mut data, flush)
            .map_err(io::Error::other)?;
        let all_in = z.total_in() as usize == input.len();
        // Finished once all input is in and the flush fitted with room to spare.
        let room = data.capacity() - data.len();
        match (flush, status) {
            (FlushCompress::Finish, Status::StreamEnd) => break,
            (FlushCompress::Sync, _) if all_in && room > 0 => break,
            _ => {}
        }
    }
    let mut crc = crc32fast::Hasher::new();
    crc.update(input);
    Ok(Deflated {
        data,
        crc,
        len: input.len() as u64,
    })
}

/// One entry of the new zip: its name, how it is stored and its compressed bytes.
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    packed: Vec<u8>,
    size: u64,
    unix_mode: Option<u32>,
}

/// Writes `saved` (a workbook as rust_xlsxwriter saved it) to `path` with `bodies` put into
/// their sheets and `tables` given their whole ranges.
pub(super) fn write(
    saved: &[u8],
    bodies: Vec<Body>,
    tables: Vec<TableRange>,
    path: &Path,
) -> Result<(), XlsxError> {
    let mut zip = zip::ZipArchive::new(io::Cursor::new(saved))?;
    let mut entries = Vec::with_capacity(zip.len());
    let mut bodies = bodies;
    let mut tables = tables;
    for i in 0..zip.len() {
        let name = match zip.name_for_index(i) {
            Some(name) => name?.into_owned(),
            None => String::new(),
        };
        let (mine, rest): (Vec<Body>, Vec<Body>) = bodies
            .into_iter()
            .partition(|b| name == format!("xl/worksheets/sheet{}.xml", b.sheet));
        bodies = rest;
        let table = if name.starts_with("xl/tables/") && !tables.is_empty() {
            whole_range(&mut zip, i, &mut tables)?
        } else {
            None
        };
        let entry = if !mine.is_empty() {
            let mut file = zip.by_index(i)?;
            let unix_mode = file.unix_mode();
            let mut xml = Vec::with_capacity(file.size() as usize);
            file.read_to_end(&mut xml)?;
            spliced(name, &xml, mine, unix_mode)?
        } else if let Some((xml, unix_mode)) = table {
            let whole = piece(xml.as_bytes(), FlushCompress::Finish, LEVEL)?;
            entry(name, vec![whole], unix_mode)
        } else {
            let mut file = zip.by_index_raw(i)?;
            let mut packed = Vec::with_capacity(file.compressed_size() as usize);
            file.read_to_end(&mut packed)?;
            Entry {
                name,
                method: match file.compression() {
                    zip::CompressionMethod::Stored => 0,
                    _ => 8,
                },
                crc: file.crc32(),
                packed,
                size: file.size(),
                unix_mode: file.unix_mode(),
            }
        };
        entries.push(entry);
    }
    if let Some(body) = bodies.first() {
        return Err(XlsxError::ParameterError(format!(
            "no sheet {} for its rows",
            body.sheet
        )));
    }
    if let Some(table) = tables.first() {
        return Err(XlsxError::ParameterError(format!(
            "no table part for table {}",
            table.name
        )));
    }
    let mut out = io::BufWriter::new(std::fs::File::create(path)?);
    write_zip(&mut out, &entries)?;
    out.flush()?;
    Ok(())
}

/// The sheet `xml` with the rows of each body before its row `before_row`, as one entry.
fn spliced(
    name: String,
    xml: &[u8],
    mut bodies: Vec<Body>,
    unix_mode: Option<u32>,
) -> Result<Entry, XlsxError> {
    bodies.sort_by_key(|b| b.before_row);
    let mut pieces = Vec::new();
    let mut done = 0;
    for body in bodies {
        let rest = xml.get(done..).unwrap_or_default();
        let at = done
            + splice_point(rest, body.before_row).ok_or_else(|| {
                XlsxError::ParameterError(format!("{name}: no place for row {}", body.before_row))
            })?;
        pieces.push(deflate(xml.get(done..at).unwrap_or_default())?);
        pieces.extend(body.parts);
        done = at;
    }
    pieces.push(piece(
        xml.get(done..).unwrap_or_default(),
        FlushCompress::Finish,
        LEVEL,
    )?);
    Ok(entry(name, pieces, unix_mode))
}

/// Part `i` of `zip`, a table part, with the whole range of its table if that is one of
/// `tables` (then taken from the list): its `ref` and its filter's, the only ranges the part
/// holds. With the part's file mode.
fn whole_range(
    zip: &mut zip::ZipArchive<io::Cursor<&[u8]>>,
    i: usize,
    tables: &mut Vec<TableRange>,
) -> Result<Option<(String, Option<u32>)>, XlsxError> {
    let mut file = zip.by_index(i)?;
    let mut xml = String::with_capacity(file.size() as usize);
    file.read_to_string(&mut xml)?;
    // Only the table element has a display name; its columns have only names.
    let Some(at) = tables
        .iter()
        .position(|t| xml.contains(&format!("displayName=\"{}\"", t.name)))
    else {
        return Ok(None);
    };
    let t = tables.swap_remove(at);
    let attribute = |range: &str| format!(" ref=\"{range}\"");
    let xml = xml.replace(&attribute(&t.written), &attribute(&t.whole));
    Ok(Some((xml, file.unix_mode())))
}

/// A deflated entry of the zip, made of `pieces` that form one stream.
fn entry(name: String, pieces: Vec<Deflated>, unix_mode: Option<u32>) -> Entry {
    let mut crc = crc32fast::Hasher::new();
    let mut size = 0;
    let mut packed = Vec::with_capacity(pieces.iter().map(|p| p.data.len()).sum());
    for p in pieces {
        crc.combine(&p.crc);
        size += p.len;
        packed.extend_from_slice(&p.data);
    }
    Entry {
        name,
        method: 8,
        crc: crc.finalize(),
        packed,
        size,
        unix_mode,
    }
}

/// Where rows numbered below `row` end in a sheet's XML: before its first row numbered `row`
/// or more (the list's last row, unless that is empty and left out), else at the end of the
/// sheet's data.
fn splice_point(xml: &[u8], row: u32) -> Option<usize> {
    const ROW: &[u8] = b"<row r=\"";
    let later = memchr::memmem::find_iter(xml, ROW).find(|&at| {
        let digits = xml.get(at + ROW.len()..).unwrap_or_default();
        let end = digits.iter().position(|b| !b.is_ascii_digit()).unwrap_or(0);
        std::str::from_utf8(&digits[..end])
            .ok()
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n >= row)
    });
    later.or_else(|| memchr::memmem::find(xml, b"</sheetData>"))
}

/// A plain zip, without zip64: a part of 4 GB or more, unpacked, is refused with a message,
/// as rust_xlsxwriter refuses it without its large-file option.
fn write_zip(out: &mut impl Write, entries: &[Entry]) -> Result<(), XlsxError> {
    let too_big = |what: &str| XlsxError::ParameterError(format!("{what} too large for a zip"));
    let u32_of = |v: u64, what: &str| u32::try_from(v).map_err(|_| too_big(what));
    let mut central = Vec::new();
    let mut offset = 0u64;
    for e in entries {
        let packed = u32_of(e.packed.len() as u64, &e.name)?;
        let size = u32_of(e.size, &e.name)?;
        let name_len = u16::try_from(e.name.len()).map_err(|_| too_big("name"))?;
        // From "version needed" to the name's length, the same in both headers.
        let mut shared = Vec::with_capacity(24);
        // Version 2.0, no flags; 1980-01-01 00:00, the oldest time a zip holds, as
        // rust_xlsxwriter writes.
        for half in [20u16, 0, e.method, 0, 0x21] {
            shared.extend(half.to_le_bytes());
        }
        for word in [e.crc, packed, size] {
            shared.extend(word.to_le_bytes());
        }
        shared.extend(name_len.to_le_bytes());

        let mut local = Vec::with_capacity(30 + e.name.len());
        local.extend(0x0403_4b50u32.to_le_bytes());
        local.extend(&shared);
        local.extend(0u16.to_le_bytes()); // extra
        local.extend(e.name.as_bytes());
        out.write_all(&local)?;
        out.write_all(&e.packed)?;

        let at = u32_of(offset, "workbook")?;
        central.extend(0x0201_4b50u32.to_le_bytes());
        // Made on Unix (3), so that the file modes below count.
        central.extend((0x0300u16 | 20).to_le_bytes());
        central.extend(&shared);
        central.extend([0u8; 8]); // extra, comment, disk, internal attributes
        central.extend((e.unix_mode.unwrap_or(0o100_600) << 16).to_le_bytes());
        central.extend(at.to_le_bytes());
        central.extend(e.name.as_bytes());
        offset += local.len() as u64 + e.packed.len() as u64;
    }
    let count = u16::try_from(entries.len()).map_err(|_| too_big("parts"))?;
    let mut end = Vec::with_capacity(22);
    end.extend(0x0605_4b50u32.to_le_bytes());
    end.extend([0u8; 4]); // this disk, disk of the directory
    end.extend(count.to_le_bytes());
    end.extend(count.to_le_bytes());
    end.extend(u32_of(central.len() as u64, "directory")?.to_le_bytes());
    end.extend(u32_of(offset, "workbook")?.to_le_bytes());
    end.extend(0u16.to_le_bytes());
    out.write_all(&central)?;
    out.write_all(&end)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two long lists on one sheet: each body's rows go before its own row, in row order.
    #[test]
    fn several_bodies_of_one_sheet_go_each_in_its_place() {
        let xml = br#"<sheetData><row r="1"/><row r="5"/><row r="9"/></sheetData>"#;
        let body = |before_row, rows: &str| Body {
            sheet: 1,
            before_row,
            parts: vec![deflate(rows.as_bytes()).unwrap()],
        };
        let bodies = vec![body(9, "<row r=\"7\"/>"), body(5, "<row r=\"3\"/>")];
        let entry = spliced("s.xml".into(), xml, bodies, None).unwrap();
        let mut back = String::new();
        flate2::read::DeflateDecoder::new(entry.packed.as_slice())
            .read_to_string(&mut back)
            .unwrap();
        let want = r#"<sheetData><row r="1"/><row r="3"/><row r="5"/><row r="7"/><row r="9"/></sheetData>"#;
        assert_eq!(back, want);
        assert_eq!(entry.size, want.len() as u64);
        assert_eq!(entry.crc, crc32fast::hash(want.as_bytes()));
    }

    /// A table's part gets its whole range, found by the table's name; a column of another
    /// table named like it leaves that table's part as it is; a table without a part is an
    /// error, not a table left short.
    #[test]
    fn a_table_part_gets_its_whole_range_by_the_tables_name() {
        use rust_xlsxwriter::{Table, TableColumn, Workbook};
        let saved = |names: [&str; 2]| {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            for (first_col, name) in [(0, names[0]), (3, names[1])] {
                let columns = [TableColumn::new().set_header("Twee"), TableColumn::new()];
                let table = Table::new().set_name(name).set_columns(&columns);
                ws.add_table(0, first_col, 1, first_col + 1, &table)
                    .unwrap();
            }
            wb.save_to_buffer().unwrap()
        };
        let range = |written: &str, whole: &str| TableRange {
            name: "Twee".into(),
            written: written.into(),
            whole: whole.into(),
        };
        let path = std::env::temp_dir().join(format!("klacht-repack-{}.xlsx", std::process::id()));
        write(
            &saved(["Een", "Twee"]),
            Vec::new(),
            vec![range("D1:E2", "D1:E9")],
            &path,
        )
        .unwrap();
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut part = |name: &str| {
            let mut xml = String::new();
            zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
            xml
        };
        let (one, two) = (part("xl/tables/table1.xml"), part("xl/tables/table2.xml"));
        assert!(one.contains(r#"name="Twee""#) && one.contains(r#" ref="A1:B2""#));
        assert_eq!(two.matches(r#" ref="D1:E9""#).count(), 2, "{two}");
        assert!(!two.contains("E2"));

        let missing = write(
            &saved(["Een", "Drie"]),
            Vec::new(),
            vec![range("D1:E2", "D1:E9")],
            &path,
        );
        assert!(missing.is_err());
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn rows_go_before_the_first_later_row_or_at_the_end_of_the_data() {
        let xml = br#"<sheetData><row r="2"><c/></row><row r="12"><c/></row></sheetData>"#;
        let at = |row| splice_point(xml, row).map(|i| &xml[i..i + 12]);
        assert_eq!(at(12), Some(&br#"<row r="12">"#[..]));
        assert_eq!(at(3), Some(&br#"<row r="12">"#[..]));
        assert_eq!(at(13), Some(&b"</sheetData>"[..]));
        assert_eq!(splice_point(b"<sheetData/>", 1), None);
    }

    /// Pieces deflated apart and joined read back as the text they came from, and the zip
    /// they go into opens with the zip crate with the right checksum.
    #[test]
    fn pieces_join_into_one_stream_in_a_readable_zip() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("<row r=\"{i}\"><c>{}</c></row>", i % 97).into_bytes())
            .collect();
        let (a, b) = text.split_at(123_457);
        let (b, c) = b.split_at(2_000_000);
        let pieces = [
            deflate(a).unwrap(),
            deflate(b).unwrap(),
            deflate(&[]).unwrap(),
            piece(c, FlushCompress::Finish, LEVEL).unwrap(),
        ];
        let mut crc = crc32fast::Hasher::new();
        let mut packed = Vec::new();
        for p in &pieces {
            crc.combine(&p.crc);
            packed.extend_from_slice(&p.data);
        }
        let mut back = Vec::new();
        flate2::read::DeflateDecoder::new(packed.as_slice())
            .read_to_end(&mut back)
            .unwrap();
        assert!(back == text, "the joined stream inflates to the input");

        let entries = [
            Entry {
                name: "a.xml".into(),
                method: 8,
                crc: crc.finalize(),
                packed,
                size: text.len() as u64,
                unix_mode: None,
            },
            Entry {
                name: "b.txt".into(),
                method: 0,
                crc: crc32fast::hash(b"plain"),
                packed: b"plain".to_vec(),
                size: 5,
                unix_mode: Some(0o100_644),
            },
        ];
        let mut file = Vec::new();
        write_zip(&mut file, &entries).unwrap();
        let mut zip = zip::ZipArchive::new(io::Cursor::new(file)).unwrap();
        let mut read = |name: &str| {
            let mut out = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
            out
        };
        assert!(read("a.xml") == text);
        assert_eq!(read("b.txt"), b"plain");
    }
}
