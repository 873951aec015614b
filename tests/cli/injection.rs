//! Formula injection: register text that a spreadsheet would run as a formula (`=`, `+`, `-`,
//! `@` at the start) must reach a findings file as text: with a leading apostrophe in CSV, as
//! a string cell (never a formula) in xlsx.

use crate::util::*;
use calamine::{Data, Reader};

/// Texts a register may hold; the last is a phone number that must stay readable.
const HOSTILE: [&str; 3] = [
    "=HYPERLINK(\"http://evil\",\"klik\")",
    "@SUM(1+1)",
    "+31 6 1234",
];

/// A register where the hostile texts are complaint numbers, descriptions, an urgency and a
/// header, and every complaint has a finding (no handler), so that each text reaches the
/// findings file as a complaint number, a value or a message.
fn register(dir: &std::path::Path) -> std::path::PathBuf {
    let mut csv =
        String::from("Klachtnummer;Datum ontvangst;Omschrijving;Urgentie;Behandelaar;-2+3\n");
    for (i, text) in HOSTILE.iter().enumerate() {
        let quoted = text.replace('"', "\"\"");
        csv.push_str(&format!(
            "\"{quoted}\";0{}-03-2026;\"{quoted}\";\"{quoted}\";;x\n",
            i + 2
        ));
    }
    let path = dir.join("register.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// Runs `check --findings bevindingen.EXT` on the register; returns the findings file.
fn findings_file(ext: &str) -> std::path::PathBuf {
    let dir = temp_dir(&format!("injection-{ext}"));
    let out = dir.join(format!("bevindingen.{ext}"));
    let run = klacht_in(
        &dir,
        &["check", "--findings", arg(&out), arg(&register(&dir))],
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    out
}

#[test]
fn csv_findings_neutralise_formulas() {
    let out = findings_file("csv");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(&out)
        .unwrap();
    let fields: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for f in &fields {
        assert!(
            !f.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a field a spreadsheet would run: {f:?}"
        );
    }
    for text in HOSTILE {
        let neutral = format!("'{text}");
        assert!(fields.contains(&neutral), "{neutral:?} in {fields:?}");
    }
    // The phone number is still there to read, behind Excel's own text marker.
    assert!(fields.iter().any(|f| f == "'+31 6 1234"));
    assert!(fields.contains(&"'-2+3".to_string()), "the header too");
}

#[test]
fn xlsx_findings_hold_text_never_formulas() {
    let out = findings_file("xlsx");
    let mut wb = calamine::open_workbook_auto(&out).unwrap();
    for sheet in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "sheet {sheet} has a formula"
        );
    }
    let list = wb.worksheet_range("Bevindingen").unwrap();
    for text in HOSTILE {
        let string_cell = |v: &Data| matches!(v, Data::String(s) if s == text);
        assert!(
            list.used_cells().any(|(_, _, v)| string_cell(v)),
            "{text:?} as a string cell"
        );
    }
}

/// A cell with a terminal escape sequence (here: set the window title, clear the screen) is
/// shown inert in the terminal summary; the JSON keeps the text exactly, escaped.
#[test]
fn terminal_output_has_no_control_characters() {
    let dir = temp_dir("injection-terminal");
    let path = dir.join("register.csv");
    std::fs::write(
        &path,
        "Klachtnummer;Datum ontvangst;Omschrijving;Urgentie;Behandelaar;\"Notitie\x1b]0;pwned\x07\"\n\
         K-1;03-03-2026;Lekkage;\x1b[2Jhoog;;\n",
    )
    .unwrap();
    let run = klacht_in(&dir, &["check", arg(&path)]);
    let out = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{out}");
    assert!(out.contains("niet herkend: Notitie�]0;pwned�"), "{out}");
    assert!(out.contains("waarde �[2Jhoog"), "{out}");
    assert!(!out.contains(['\x1b', '\x07']), "{out:?}");
    let (doc, _) = check_json(&dir, &[arg(&path)]);
    let items = doc["items"].as_array().unwrap();
    assert!(items.iter().any(|i| i["value"] == "\x1b[2Jhoog"));
}
