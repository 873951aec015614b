//! The annotated copy written whole and read back: addresses, marks, notes, limits and values.

use super::*;
use crate::base::location::CellRef;
use crate::base::{Rule, Severity};
use crate::config::Config;
use calamine::{Data, Reader};
use chrono::{NaiveDate, NaiveTime};
use rust_xlsxwriter::Format;
use std::io::Read;

fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("klacht-annotate-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Loads `path`, checks it as of 2026-09-30 and writes the copy to `out` with `limits`.
fn annotate(path: &Path, out: &Path, limits: &Limits) -> (Register, Vec<Finding>) {
    let config = Config::default();
    let opts = ReadOptions::default();
    let register = crate::ingest::load::load(&[path.to_path_buf()], &config, &opts).unwrap();
    let calendar = config.calendar.working_days();
    let as_of = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
    let ctx = crate::rules::Context::new(&register, &config, &calendar, as_of);
    let findings = crate::rules::check_all(&ctx);
    let failed = |e: XlsxError| Error::output(out, e);
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
    let noted: std::collections::BTreeSet<String> = notes.iter().map(|(c, _)| c.clone()).collect();
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
        rows.iter()
            .any(|r| r[0] == "missing-column" && r[4] == "r.csv" && r[5].contains("Behandelaar")),
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
        ws.write_datetime_with_format(r, 4, NaiveTime::from_hms_opt(9 + i, 30, 0).unwrap(), &time)
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
    let register = crate::ingest::load::load(std::slice::from_ref(&input), &config, &opts).unwrap();
    std::fs::write(&input, format!("{MESSY}K-9;1-1-2026;x;y\n")).unwrap();
    let out = dir.join("kopie.xlsx");
    let err = write(&out, &[input], &register, &[], &opts, Lang::En).unwrap_err();
    assert_eq!(err.code(), "E-changed");
    assert!(!out.exists());
}
