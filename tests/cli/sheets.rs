//! A register kept on several sheets of one workbook (SPEC §2, issue 16 §1): every sheet with a
//! register header is read as a source of its own, the other sheets are named with the reason.
//! The fixture is the bundled sample register split into a sheet per year, made here from the
//! sample's own cells.

use crate::util::*;
use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const PERIOD: &str = "2026-Q3";
const AS_OF: &str = "2026-09-30";
/// The column added on sheet 2026 only: no field has this header.
const EXTRA: &str = "Monteur ter plaatse";
/// The row (0-based) of sheet 2026 with a value right of the last column, for the annotated
/// copy.
const STRAY_ROW: u32 = 16;

/// The sample workbook's register sheet: the rows above the header, the header, and the rows
/// below it, as calamine reads them.
struct SampleRows {
    above: Vec<Vec<Data>>,
    header: Vec<Data>,
    body: Vec<Vec<Data>>,
    /// Column of *Datum ontvangst*.
    received: usize,
}

fn sample_rows() -> SampleRows {
    let mut wb = calamine::open_workbook_auto(sample("klachtenregister-2025-2026.xlsx")).unwrap();
    let range = wb.worksheet_range("Klachtenregister").unwrap();
    // calamine's range starts at the first used cell; the sample's starts at A1.
    assert_eq!(range.start(), Some((0, 0)));
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let at = rows
        .iter()
        .position(|r| r.iter().any(|c| *c == "Datum ontvangst"))
        .expect("the sample has a header row");
    let received = rows[at]
        .iter()
        .position(|c| *c == "Datum ontvangst")
        .unwrap();
    SampleRows {
        above: rows[..at].to_vec(),
        header: rows[at].clone(),
        body: rows[at + 1..].to_vec(),
        received,
    }
}

/// Whether a received-date cell of the sample lies in 2026 (a date cell, or a text date).
fn in_2026(cell: &Data) -> bool {
    match cell {
        Data::DateTime(d) => d.as_datetime().is_some_and(|d| {
            use chrono::Datelike;
            d.year() == 2026
        }),
        Data::String(s) => s.contains("2026") || s.ends_with("-26") || s.ends_with("/26"),
        _ => false,
    }
}

fn write_cell(ws: &mut Worksheet, r: u32, c: u16, cell: &Data) {
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let stamp = Format::new().set_num_format("dd-mm-yyyy hh:mm");
    match cell {
        Data::Empty => {}
        Data::String(s) => {
            ws.write_string(r, c, s).unwrap();
        }
        Data::Float(n) => {
            ws.write_number(r, c, *n).unwrap();
        }
        Data::Int(n) => {
            ws.write_number(r, c, *n as f64).unwrap();
        }
        Data::Bool(b) => {
            ws.write_boolean(r, c, *b).unwrap();
        }
        Data::DateTime(d) => {
            let serial = d.as_f64();
            let format = if serial.fract() == 0.0 { &date } else { &stamp };
            ws.write_number_with_format(r, c, serial, format).unwrap();
        }
        other => panic!("the sample has no cell like {other:?}"),
    }
}

fn write_rows(ws: &mut Worksheet, top: u32, rows: &[Vec<Data>]) {
    for (i, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            write_cell(ws, top + i as u32, c as u16, cell);
        }
    }
}

/// The sample split into sheets `2025` (with the sample's title rows above its header) and
/// `2026` (header on row 1 and a column more), behind an instructions sheet, with a lists
/// sheet whose headers (*Behandelaar*, *Afdeling*) would pass for a register header. Returns
/// the path and how many body rows went to each year's sheet. `stray`: a value is put right of
/// sheet 2026's last column, in row [`STRAY_ROW`], which makes a finding there.
fn split_workbook(dir: &Path, stray: bool) -> (PathBuf, usize, usize) {
    let s = sample_rows();
    let (y2026, y2025): (Vec<Vec<Data>>, Vec<Vec<Data>>) = s
        .body
        .iter()
        .cloned()
        .partition(|r| r.get(s.received).is_some_and(in_2026));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Instructies").unwrap();
    ws.write_string(0, 0, "Instructies bij het klachtenregister")
        .unwrap();
    ws.write_string(2, 0, "Eén blad per jaar; vul elke klacht op één regel in.")
        .unwrap();

    let ws = wb.add_worksheet().set_name("2025").unwrap();
    write_rows(ws, 0, &s.above);
    let top = s.above.len() as u32;
    write_rows(ws, top, std::slice::from_ref(&s.header));
    write_rows(ws, top + 1, &y2025);

    let ws = wb.add_worksheet().set_name("2026").unwrap();
    write_rows(ws, 0, std::slice::from_ref(&s.header));
    write_rows(ws, 1, &y2026);
    let extra = s.header.len() as u16;
    ws.write_string(0, extra, EXTRA).unwrap();
    for i in 0..y2026.len() as u32 {
        ws.write_string(1 + i, extra, format!("monteur {}", i % 4))
            .unwrap();
    }

    if stray {
        ws.write_string(STRAY_ROW, extra + 2, "verdwaald").unwrap();
    }

    let ws = wb.add_worksheet().set_name("Lijsten").unwrap();
    for (c, (head, values)) in [
        ("Behandelaar", ["Gerrit Visser", "Bram Mulder"]),
        ("Afdeling", ["Service", "Koeltechniek"]),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *head).unwrap();
        for (r, v) in values.iter().enumerate() {
            ws.write_string(1 + r as u32, c as u16, *v).unwrap();
        }
    }
    let path = dir.join("register-per-jaar.xlsx");
    wb.save(&path).unwrap();
    (path, y2025.len(), y2026.len())
}

fn report(dir: &Path, out: &Path, args: &[&str]) -> Value {
    let mut all = vec!["report", "--period", PERIOD, "--out", arg(out)];
    all.extend_from_slice(args);
    let run = klacht_in(dir, &all);
    assert!(
        run.status.success(),
        "report failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&std::fs::read(out.join("kpi.json")).unwrap()).unwrap()
}

/// Per rule, the findings at a sheet's header row in a `check --json` document: findings about
/// the sheet as a whole (a column it lacks or does not know), which every sheet read has once.
fn header_findings(doc: &Value) -> BTreeMap<String, u64> {
    let header_row = |file: &str, sheet: &Value| {
        doc["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["file"] == file && s["sheet"] == *sheet)
            .map(|s| s["header_row"].as_u64().unwrap())
            .unwrap()
    };
    let mut out = BTreeMap::new();
    for item in doc["items"].as_array().unwrap() {
        let cell = item["cell"].as_str().unwrap();
        let row: String = cell
            .chars()
            .skip_while(|c| c.is_ascii_alphabetic())
            .collect();
        let row = row.split(':').next().unwrap_or_default();
        let Ok(row) = row.parse::<u64>() else {
            continue;
        };
        if row == header_row(item["file"].as_str().unwrap(), &item["sheet"]) {
            *out.entry(item["code"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    out
}

fn passed_over(doc: &Value) -> Vec<(String, String)> {
    doc["sheets_passed_over"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["sheet"].as_str().unwrap().to_string(),
                p["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_register_split_per_year_gives_the_figures_of_the_one_sheet_register() {
    let dir = temp_dir("sheets-split");
    let (split, n2025, n2026) = split_workbook(&dir, false);
    assert!(n2025 > 100 && n2026 > 100, "{n2025} + {n2026} rows");
    let one = sample("klachtenregister-2025-2026.xlsx");

    let (doc, _) = check_json(&dir, &["--as-of", AS_OF, arg(&split)]);
    let sources = doc["sources"].as_array().unwrap();
    let sheets: Vec<&str> = sources
        .iter()
        .map(|s| s["sheet"].as_str().unwrap())
        .collect();
    assert_eq!(sheets, ["2025", "2026"], "both years, in workbook order");
    // Each sheet found its own header: under the sample's title rows on 2025, on row 1 of 2026,
    // where the added column is kept as an unknown column.
    let above = sample_rows().above.len() as u64;
    assert_eq!(sources[0]["header_row"], above + 1);
    assert_eq!(sources[1]["header_row"], 1);
    assert!(sources[1]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["header"] == EXTRA && c["field"].is_null()));
    assert_eq!(sources[0]["sha256"], sources[1]["sha256"], "one file");
    for (s, n) in sources.iter().zip([n2025, n2026]) {
        assert_eq!(s["rows"]["read"], n as u64, "{}", s["sheet"]);
    }
    assert_eq!(
        passed_over(&doc),
        [
            ("Instructies".to_string(), "instructions".to_string()),
            ("Lijsten".to_string(), "lists".to_string()),
        ]
    );
    let (one_doc, _) = check_json(&dir, &["--as-of", AS_OF, arg(&one)]);
    assert_eq!(
        passed_over(&one_doc),
        [("Toelichting".to_string(), "instructions".to_string())],
        "the sample's own notes sheet is named too"
    );

    let split_kpi = report(&dir, &dir.join("split"), &[arg(&split)]);
    let one_kpi = report(&dir, &dir.join("one"), &[arg(&one)]);
    assert!(one_kpi["received"].as_u64().unwrap() > 0);
    // Every figure is the same, rows read included (each sheet counts the rows below its own
    // header). Only the findings about a sheet as a whole (at its header row: an unknown column)
    // come once per sheet read, and sheet 2026 has a column more; every other finding is the
    // same.
    let figures = |k: &Value| {
        let mut k = k.clone();
        k.as_object_mut().unwrap().remove("findings");
        k
    };
    assert_eq!(figures(&split_kpi), figures(&one_kpi));
    let (split_heads, one_heads) = (header_findings(&doc), header_findings(&one_doc));
    let unknown = |h: &BTreeMap<String, u64>| h.get("unmapped-column").copied().unwrap_or(0);
    assert!(
        unknown(&one_heads) > 0,
        "the sample has a column of its own"
    );
    assert_eq!(unknown(&split_heads), 2 * unknown(&one_heads) + 1);
    let by_rule = |k: &Value, heads: &BTreeMap<String, u64>| -> BTreeMap<String, i64> {
        k["findings"]["by_rule"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(r, n)| {
                let n = n.as_i64().unwrap() - heads.get(r).copied().unwrap_or(0) as i64;
                (r.clone(), n)
            })
            .filter(|(_, n)| *n != 0)
            .collect()
    };
    assert_eq!(
        by_rule(&split_kpi, &split_heads),
        by_rule(&one_kpi, &one_heads)
    );

    // The terminal's check summary names the sheets read and those passed over.
    let run = klacht_in(&dir, &["check", "--as-of", AS_OF, arg(&split)]);
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(
        text.contains("blad 2025") && text.contains("blad 2026"),
        "{text}"
    );
    assert!(
        text.contains("niet gelezen: blad Instructies: toelichting of instructies"),
        "{text}"
    );
    assert!(
        text.contains("niet gelezen: blad Lijsten: keuzelijsten"),
        "{text}"
    );
    assert_eq!(
        text.matches("register-per-jaar.xlsx\n").count(),
        1,
        "the file is named once: {text}"
    );

    // The Verantwoording sheet lists both sheets read and the two passed over.
    let book = dir.join("split").join("klachtenrapport-2026-Q3.xlsx");
    let mut wb = calamine::open_workbook_auto(&book).unwrap();
    let range = wb.worksheet_range("Verantwoording").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let with = |a: &str, b: &str| {
        rows.iter()
            .filter(|r| r.iter().any(|c| c == a) && r.iter().any(|c| c == b))
            .count()
    };
    assert_eq!(with("2026", "1"), 1, "sheet 2026, header on row 1");
    assert_eq!(with("Instructies", "toelichting of instructies"), 1);
    assert_eq!(with("Lijsten", "keuzelijsten"), 1);
}

#[test]
fn sheet_may_be_given_more_than_once() {
    let dir = temp_dir("sheets-option");
    let (split, n2025, n2026) = split_workbook(&dir, false);
    let sheets = |doc: &Value| -> Vec<String> {
        doc["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["sheet"].as_str().unwrap().to_string())
            .collect()
    };
    let (both, _) = check_json(
        &dir,
        &[
            "--as-of",
            AS_OF,
            "--sheet",
            "2025",
            "--sheet",
            "2026",
            arg(&split),
        ],
    );
    assert_eq!(sheets(&both), ["2025", "2026"]);
    assert_eq!(both["rows"]["read"], (n2025 + n2026) as u64);
    let (only, _) = check_json(&dir, &["--as-of", AS_OF, "--sheet", "2026", arg(&split)]);
    assert_eq!(sheets(&only), ["2026"]);
    assert_eq!(only["rows"]["read"], n2026 as u64);
    let not_asked: Vec<(String, String)> = passed_over(&only)
        .into_iter()
        .filter(|(_, r)| r == "not_asked")
        .collect();
    assert_eq!(not_asked.len(), 3, "{not_asked:?}");

    // A report on 2026 alone: the 2025 quarter received nothing, 2026 the same as both.
    let year_2025 = |dir: &Path, args: &[&str]| {
        let mut all = vec!["report", "--period", "2025", "--out", arg(dir)];
        all.extend_from_slice(args);
        let run = klacht_in(dir.parent().unwrap(), &all);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let k: Value =
            serde_json::from_slice(&std::fs::read(dir.join("kpi.json")).unwrap()).unwrap();
        k["received"].as_u64().unwrap()
    };
    assert_eq!(
        year_2025(&dir.join("only"), &["--sheet", "2026", arg(&split)]),
        0
    );
    assert!(year_2025(&dir.join("all"), &[arg(&split)]) > 0);

    // A name the workbook lacks is refused, as before.
    let run = klacht_in(&dir, &["check", "--sheet", "2027", arg(&split)]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("2027") && err.contains("2025, 2026"), "{err}");
}

/// A small workbook with the same numbers on two sheets.
fn numbered_twice(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    for (name, rows) in [
        (
            "Vestiging A",
            [
                ("1", "05-01-2026"),
                ("2", "06-01-2026"),
                ("2", "07-01-2026"),
            ],
        ),
        (
            "Vestiging B",
            [
                ("1", "05-01-2026"),
                ("2", "08-01-2026"),
                ("3", "09-01-2026"),
            ],
        ),
    ] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        for (c, h) in [
            "Klachtnummer",
            "Datum ontvangst",
            "Omschrijving",
            "Behandelaar",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, (id, date)) in rows.iter().enumerate() {
            let r = 1 + r as u32;
            ws.write_string(r, 0, *id).unwrap();
            ws.write_string(r, 1, *date).unwrap();
            ws.write_string(r, 2, format!("lekkage {name} {r}"))
                .unwrap();
            ws.write_string(r, 3, "Jan").unwrap();
        }
    }
    let path = dir.join("vestigingen.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn numbers_are_unique_per_sheet_as_they_are_per_file() {
    let dir = temp_dir("sheets-duplicate-id");
    let path = numbered_twice(&dir);
    let (doc, _) = check_json(&dir, &["--as-of", AS_OF, arg(&path)]);
    // Numbers 1 and 2 are on both sheets; only the second 2 on sheet A repeats a number of
    // its own sheet.
    let dups: Vec<(String, String)> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"] == "duplicate-id")
        .map(|i| {
            (
                i["sheet"].as_str().unwrap().to_string(),
                i["cell"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(dups, [("Vestiging A".to_string(), "A4".to_string())]);
    let message = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "duplicate-id")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("'Vestiging A'!A3"), "{message}");
    assert_eq!(doc["rows"]["used"], 6);
}

#[test]
fn the_annotated_copy_has_a_sheet_per_sheet_read() {
    let dir = temp_dir("sheets-annotate");
    let (split, _, n2026) = split_workbook(&dir, true);
    let out = dir.join("bevindingen.xlsx");
    let run = klacht_in(
        &dir,
        &[
            "check",
            "--as-of",
            AS_OF,
            "--annotate",
            arg(&out),
            arg(&split),
        ],
    );
    // Exit 1: `check` fails on errors by default; the sample's rows bring their missing
    // handlers, and the stray value beside the header is unreadable.
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut wb = calamine::open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["Bevindingen", "2025", "2026"]);
    let copy = wb.worksheet_range("2026").unwrap();
    assert_eq!(copy.start(), Some((0, 0)));
    assert_eq!(copy.height(), 1 + n2026, "header and every row of 2026");
    assert_eq!(
        copy.get((0, sample_rows().header.len()))
            .map(|c| c.to_string()),
        Some(EXTRA.to_string())
    );

    // The finding about the stray value points at sheet 2026 (`2026!Y17`), and so at the
    // copy's sheet 2026, where that cell holds the value.
    let (doc, _) = check_json(&dir, &["--as-of", AS_OF, arg(&split)]);
    let col = sample_rows().header.len() as u32 + 2;
    let letters = |mut n: u32| {
        let mut s = Vec::new();
        n += 1;
        while n > 0 {
            s.insert(0, b'A' + ((n - 1) % 26) as u8);
            n = (n - 1) / 26;
        }
        String::from_utf8(s).unwrap()
    };
    let cell = format!("{}{}", letters(col), STRAY_ROW + 1);
    let stray: Vec<&Value> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["value"] == "verdwaald")
        .collect();
    assert_eq!(stray.len(), 1);
    assert_eq!(stray[0]["sheet"], "2026");
    assert_eq!(stray[0]["cell"], cell.as_str());
    assert_eq!(
        copy.get_value((STRAY_ROW, col)).map(|c| c.to_string()),
        Some("verdwaald".to_string())
    );
    for other in ["2025", "Bevindingen"] {
        let r = wb.worksheet_range(other).unwrap();
        assert!(r.rows().flatten().all(|c| *c != "verdwaald"), "{other}");
    }
    let summary = wb.worksheet_range("Bevindingen").unwrap();
    let lines: Vec<String> = summary.rows().map(|r| r[0].to_string()).collect();
    assert!(
        lines.iter().any(|l| l.contains("Instructies")),
        "the summary names the sheets not read: {lines:?}"
    );
}
