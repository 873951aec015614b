//! `klacht check --annotate`: the annotated copy of the register, read back independently
//! (calamine for the cells, the xlsx zip for notes and fills).

use crate::util::*;
use calamine::{Data, DataType, Range, Reader};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

const AS_OF: &str = "2026-09-30";

/// Runs `check --annotate out` on `input` and returns the `check --json` document of the same
/// run's options; asserts the input is byte-identical afterwards.
fn annotate(dir: &Path, input: &Path, out: &Path) -> serde_json::Value {
    let before = std::fs::read(input).unwrap();
    let run = klacht_in(
        dir,
        &[
            "check",
            "--as-of",
            AS_OF,
            "--annotate",
            arg(out),
            arg(input),
        ],
    );
    // Exit 1: `check` fails on errors by default, and every register annotated here has
    // some (the sample its planted missing handlers; the messy CSV a missing handler and an
    // impossible date), so the copy is written by a run that fails.
    assert_eq!(
        run.status.code(),
        Some(1),
        "exit {:?}: {}",
        run.status.code(),
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        std::fs::read(input).unwrap(),
        before,
        "the input is untouched"
    );
    let (doc, _) = check_json(dir, &["--as-of", AS_OF, arg(input)]);
    doc
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name} in {}: {e}", path.display()))
}

/// One part of the xlsx zip as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Cell reference → text of its note, from `xl/commentsN.xml`.
fn notes(xml: &str) -> BTreeMap<String, String> {
    xml.split("<comment ref=\"")
        .skip(1)
        .map(|c| {
            let (cell, rest) = c.split_once('"').unwrap();
            let body = rest.split("</comment>").next().unwrap();
            let text: String = body
                .split("<t")
                .skip(1)
                .map(|p| p.split_once('>').unwrap().1.split("</t>").next().unwrap())
                .collect();
            (cell.to_string(), text)
        })
        .collect()
}

/// Code → count from the summary sheet's table (the rows under the `Regel` heading).
fn summary_counts(path: &Path) -> BTreeMap<String, u64> {
    let summary = sheet(path, "Bevindingen");
    let mut rows = summary
        .rows()
        .skip_while(|r| r[0] != Data::String("Regel".into()));
    rows.next().expect("the table heading");
    rows.take_while(|r| r[0] != Data::Empty)
        .map(|r| {
            let n = r[3].as_f64().expect("a count");
            (r[0].to_string(), n as u64)
        })
        .collect()
}

/// Code → count from `check --json`.
fn json_counts(doc: &serde_json::Value) -> BTreeMap<String, u64> {
    doc["findings"]["by_rule"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect()
}

/// Every item with a cell has a note on that cell naming its rule and where its explanation
/// is (`klacht uitleg CODE`, the Dutch copies' language).
fn assert_noted(out: &Path, doc: &serde_json::Value) {
    let notes = notes(&part(out, "xl/comments1.xml"));
    let items = doc["items"].as_array().unwrap();
    let mut checked = 0;
    for item in items {
        let cell = item["cell"].as_str().unwrap();
        if cell.is_empty() || cell.contains(':') {
            continue; // about a whole file or row
        }
        let code = item["code"].as_str().unwrap();
        let note = notes
            .get(cell)
            .unwrap_or_else(|| panic!("no note on {cell} for {code}"));
        assert!(note.contains(code), "{cell}: {note}");
        let summary = klacht::base::Rule::from_code(code)
            .unwrap()
            .explanation()
            .summary
            .nl;
        assert!(
            note.contains(&format!("→ {summary} (klacht uitleg {code})")),
            "{cell}: {note}"
        );
        checked += 1;
    }
    assert!(checked > 50, "{checked} notes checked");
    let styles = part(out, "xl/styles.xml");
    for fill in ["FFFFC7CE", "FFFFE0A6", "FFDDEBF7"] {
        assert!(styles.contains(fill), "fill {fill} in styles.xml");
    }
}

#[test]
fn workbook_copy_is_cell_for_cell_the_register() {
    let dir = temp_dir("annotate-xlsx");
    let input = sample("klachtenregister-2025-2026.xlsx");
    let out = dir.join("geannoteerd.xlsx");
    let doc = annotate(&dir, &input, &out);

    let original = sheet(&input, "Klachtenregister");
    let copy = sheet(&out, "Klachtenregister");
    assert_eq!(copy.start(), original.start());
    assert_eq!(copy.end(), original.end());
    let mut compared = 0;
    for (r, row) in original.rows().enumerate() {
        for (c, want) in row.iter().enumerate() {
            let got = &copy[(r, c)];
            match (want, got) {
                (Data::DateTime(a), Data::DateTime(b)) => {
                    assert_eq!(a.as_datetime(), b.as_datetime(), "row {r} col {c}")
                }
                _ => assert_eq!(want, got, "row {r} col {c}"),
            }
            compared += 1;
        }
    }
    assert!(compared > 350 * 20, "{compared} cells compared");

    let wb = calamine::open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["Bevindingen", "Klachtenregister"]);
    // The same input and options give the same bytes.
    let again = dir.join("nogmaals.xlsx");
    annotate(&dir, &input, &again);
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&out).unwrap());
    assert_eq!(summary_counts(&out), json_counts(&doc));
    assert_noted(&out, &doc);
}

#[test]
fn csv_copy_holds_the_text_of_every_field() {
    let dir = temp_dir("annotate-csv");
    let input = sample("klachtenregister-2025-2026.csv");
    let out = dir.join("geannoteerd.xlsx");
    let doc = annotate(&dir, &input, &out);

    // The export as Dutch Excel writes it: Windows-1252, `;`.
    let bytes = std::fs::read(&input).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let copy = sheet(&out, "klachtenregister-2025-2026");
    assert_eq!(copy.height(), records.len());
    for (r, record) in records.iter().enumerate() {
        for (c, field) in record.iter().enumerate() {
            let want = if field.is_empty() {
                Data::Empty
            } else {
                Data::String(field.to_string())
            };
            let got = copy.get((r, c)).cloned().unwrap_or(Data::Empty);
            assert_eq!(got, want, "row {r} col {c}");
        }
    }
    assert_eq!(summary_counts(&out), json_counts(&doc));
    assert_noted(&out, &doc);
}

#[test]
fn messy_csv_rows_keep_their_excel_row() {
    let dir = temp_dir("annotate-messy");
    let input = dir.join("register.csv");
    // A title and a blank line above the header, a text over two lines, a formula-like text.
    std::fs::write(
        &input,
        "Klachtenregister 2026\n\
         \n\
         Klachtnr;Datum ontvangst;Omschrijving;Behandelaar\n\
         K-1;3-3-2026;\"Lekkage\nkoelcel\";Jan\n\
         K-2;4-3-2026;=HYPERLINK(\"http://x\");\n\
         K-3;31-02-2026;Storing;Piet\n",
    )
    .unwrap();
    let out = dir.join("kopie.xlsx");
    let doc = annotate(&dir, &input, &out);
    let copy = sheet(&out, "register");
    let text = |r: usize, c: usize| copy.get((r, c)).map(|d| d.to_string()).unwrap_or_default();
    assert_eq!(text(0, 0), "Klachtenregister 2026");
    assert_eq!(text(1, 0), "");
    assert_eq!(text(2, 1), "Datum ontvangst");
    assert_eq!(text(3, 2), "Lekkage\nkoelcel");
    assert_eq!(text(4, 2), "=HYPERLINK(\"http://x\")");
    assert_eq!(text(5, 1), "31-02-2026");
    assert!(!part(&out, "xl/worksheets/sheet2.xml").contains("<f>"));
    // The findings' cells: the missing handler in D5 and the impossible date in B6.
    let notes = notes(&part(&out, "xl/comments1.xml"));
    assert!(notes["D5"].contains("missing-handler"), "{notes:?}");
    assert!(notes["B6"].contains("unreadable-value"), "{notes:?}");
    let cells: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["cell"].as_str().unwrap())
        .collect();
    assert!(cells.contains(&"D5") && cells.contains(&"B6"), "{cells:?}");
    assert_eq!(summary_counts(&out), json_counts(&doc));
}

#[test]
fn wrong_output_paths_are_refused_before_anything_is_written() {
    let dir = temp_dir("annotate-refused");
    let input = dir.join("r.csv");
    std::fs::write(
        &input,
        "Datum ontvangst;Omschrijving;Behandelaar\n3-3-2026;Lekkage;Jan\n",
    )
    .unwrap();
    let before = std::fs::read(&input).unwrap();
    let over = klacht_in(&dir, &["check", "--annotate", arg(&input), arg(&input)]);
    assert_eq!(over.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), before, "input untouched");

    let csv_out = dir.join("kopie.csv");
    let nl = klacht_in(&dir, &["check", "--annotate", arg(&csv_out), arg(&input)]);
    assert_eq!(nl.status.code(), Some(2));
    let err = String::from_utf8_lossy(&nl.stderr);
    assert!(err.contains("kopie.csv") && err.contains(".xlsx"), "{err}");
    assert!(err.contains("bestandsnaam"), "Dutch: {err}");
    let en = klacht_in(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--annotate",
            arg(&csv_out),
            arg(&input),
        ],
    );
    assert_eq!(en.status.code(), Some(2));
    let err = String::from_utf8_lossy(&en.stderr);
    assert!(err.contains("use a file name ending in .xlsx"), "{err}");
    assert!(!csv_out.exists());
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing written"
    );
}
