//! The corpus of bad inputs: the files in `tests/corpus/` and a few made here at run time
//! (too big to commit, or not a file at all). `klacht check` on each must finish within a
//! minute with the exit code and the Dutch message that the table in `docs/robustness.md`
//! lists, name the file (and the cell where there is one), never panic, and account for every
//! row it read. The table lists exactly these inputs: a file added to the corpus without a row,
//! or a row without its file, fails the test.

use crate::util::*;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A run that takes longer has hung.
const HANG: Duration = Duration::from_secs(60);

/// The reference date of every run, so that the findings do not depend on today.
const AS_OF: &str = "2026-09-30";

/// One row of the table in docs/robustness.md.
#[derive(Debug)]
struct Case {
    file: String,
    /// Fragments the output must contain, in Dutch.
    messages: Vec<String>,
    /// Cells the output must name.
    cells: Vec<String>,
    /// Rows read, used, excluded, blank; for readable inputs.
    rows: Option<[u64; 4]>,
    code: i32,
}

fn corpus_dir() -> PathBuf {
    root().join("tests/corpus")
}

/// The corpus table of docs/robustness.md, between its markers.
fn table() -> Vec<Case> {
    let doc = std::fs::read_to_string(root().join("docs/robustness.md")).unwrap();
    let start = doc.find("<!-- corpus -->").expect("table start marker");
    let end = doc.find("<!-- /corpus -->").expect("table end marker");
    let cell = |s: &str| s.trim().trim_matches('`').to_string();
    doc[start..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            let cols: Vec<&str> = line.trim().trim_matches('|').split(" | ").collect();
            assert_eq!(cols.len(), 6, "six columns: {line}");
            let rows = match cell(cols[4]).as_str() {
                "—" => None,
                text => {
                    // "3 = 2 + 1 + 0"
                    let n: Vec<u64> = text
                        .split(['=', '+'])
                        .map(|n| n.trim().parse().expect("a row count"))
                        .collect();
                    Some([n[0], n[1], n[2], n[3]])
                }
            };
            Case {
                file: cell(cols[0]),
                messages: cols[2].split(" · ").map(cell).collect(),
                cells: cols[3]
                    .split(" · ")
                    .map(cell)
                    .filter(|c| c != "—")
                    .collect(),
                rows,
                code: cell(cols[5]).parse().expect("an exit code"),
            }
        })
        .collect()
}

/// Inputs made at run time in `dir`: (name, path).
fn generated(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let folder = dir.join("map.xlsx");
    std::fs::create_dir_all(&folder).unwrap();

    let fields = dir.join("miljoenen-velden.csv");
    let mut text = BASE_CSV.lines().next().unwrap().as_bytes().to_vec();
    text.push(b'\n');
    text.extend(std::iter::repeat_n(b';', 3_000_000));
    text.push(b'\n');
    std::fs::write(&fields, text).unwrap();

    let bomb = dir.join("zipbom.xlsx");
    std::fs::write(&bomb, zip_bomb(300 << 20)).unwrap();

    vec![
        ("map.xlsx", folder),
        ("bestaat-niet.xlsx", dir.join("bestaat-niet.xlsx")),
        ("miljoenen-velden.csv", fields),
        ("zipbom.xlsx", bomb),
    ]
}

fn committed() -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_input_behaves_as_the_table_says() {
    let dir = temp_dir("corpus");
    let cases = table();
    let mut inputs: Vec<(String, PathBuf)> = committed();
    for (name, path) in generated(&dir) {
        inputs.push((name.to_string(), path));
    }
    let listed: BTreeSet<&str> = cases.iter().map(|c| c.file.as_str()).collect();
    let present: BTreeSet<&str> = inputs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(listed, present, "the table lists exactly the corpus");
    assert_eq!(listed.len(), cases.len(), "each input once in the table");

    let mut failures = Vec::new();
    for case in &cases {
        let path = &inputs.iter().find(|(n, _)| *n == case.file).unwrap().1;
        let run = klacht_timed(&dir, &["check", "--as-of", AS_OF, arg(path)], HANG);
        let all = format!("{}{}", run.stdout, run.stderr);
        let mut fail = |what: String| failures.push(format!("{}: {what}\n{all}", case.file));
        if run.code != Some(case.code) {
            fail(format!("exit {:?}, expected {}", run.code, case.code));
        }
        if all.contains("panicked") {
            fail("panicked".into());
        }
        if !all.contains(&case.file) {
            fail("the file is not named".into());
        }
        for m in &case.messages {
            if !all.contains(m.as_str()) {
                fail(format!("no {m:?} in the output"));
            }
        }
        for cell in &case.cells {
            if !all.contains(cell.as_str()) {
                fail(format!("cell {cell} not named"));
            }
        }
        eprintln!("{}: exit {:?} in {:?}", case.file, run.code, run.took);
        if case.code == 2 {
            continue;
        }
        // Readable: every row read is used, excluded or blank, and the counts are the table's.
        let (doc, _) = check_json(&dir, &["--as-of", AS_OF, arg(path)]);
        let n = |k: &str| doc["rows"][k].as_u64().unwrap_or(u64::MAX);
        let got = [n("read"), n("used"), n("excluded"), n("blank")];
        if got[0] != got[1] + got[2] + got[3] {
            fail(format!("rows do not add up: {got:?}"));
        }
        if Some(got) != case.rows {
            fail(format!("rows {got:?}, the table says {:?}", case.rows));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The exit code 2 inputs are refused, and only those; readable inputs list their rows.
#[test]
fn the_table_is_consistent() {
    for case in table() {
        assert!((0..=2).contains(&case.code), "{}", case.file);
        assert_eq!(case.rows.is_some(), case.code != 2, "{}", case.file);
        assert!(!case.messages.is_empty(), "{}", case.file);
    }
}

#[test]
fn lowering_a_limit_refuses_a_normal_file_and_names_the_setting() {
    let dir = temp_dir("limits");
    let csv = sample("klachtenregister-2025-2026.csv");
    let xlsx = sample("klachtenregister-2025-2026.xlsx");
    for (setting, input, fragment) in [
        (
            "max_bytes = 1000",
            &csv,
            "groter dan de grens van 1000 bytes",
        ),
        ("max_fields = 5", &csv, "meer dan de grens van 5"),
        ("max_cells = 100", &xlsx, "meer dan de grens van 100"),
        ("max_ratio = 3", &xlsx, "meer dan de grens van 3 keer"),
    ] {
        let config = dir.join("klacht.toml");
        std::fs::write(&config, format!("[limits]\n{setting}\n")).unwrap();
        let run = klacht_timed(&dir, &["check", arg(input)], HANG);
        let key = setting.split(' ').next().unwrap();
        assert_eq!(run.code, Some(2), "{setting}: {}", run.stderr);
        for want in [
            fragment,
            &format!("limits.{key}"),
            "klachtenregister-2025-2026",
        ] {
            assert!(
                run.stderr.contains(want),
                "{setting}: {want}: {}",
                run.stderr
            );
        }
    }
    // The same files pass with the default limits.
    std::fs::remove_file(dir.join("klacht.toml")).unwrap();
    for input in [&csv, &xlsx] {
        let run = klacht_timed(&dir, &["check", "--fail-on", "never", arg(input)], HANG);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
}

// ---------------------------------------------------------------------------------------------
// Making the inputs

/// A small, clean register: no finding at all on 2026-09-30.
const BASE_CSV: &str = "\
Klachtnummer;Datum ontvangst;Wijze van ontvangst;Klant;Omschrijving;Aard;Urgentie;Behandelaar;Beoordeeld door;Wijze van afhandeling;Datum ontvangstbevestiging;Oorzaak;Oplossing;Datum afgehandeld
K-001;02-03-2026;telefoon;Jansen;Koelcel lekt;technisch;3;Jan de Vries;Piet Bakker;schriftelijk;03-03-2026;Lekkage;Leiding vervangen;10-03-2026
K-002;05-03-2026;e-mail;Bakkerij Smit;Factuur te hoog;niet-technisch;7;Anna Visser;Piet Bakker;gesprek;05-03-2026;Administratie;Creditnota gestuurd;12-03-2026
K-003;09-03-2026;brief;De Boer;Buitenunit maakt lawaai;technisch;4;Jan de Vries;Piet Bakker;schriftelijk;10-03-2026;Montage;Trillingsdempers geplaatst;20-03-2026
";

/// The base register's rows as cells.
fn base_rows() -> Vec<Vec<&'static str>> {
    BASE_CSV.lines().map(|l| l.split(';').collect()).collect()
}

/// The base register as a workbook, header in row `top` (0-based), dates as date cells.
/// `edit` changes the worksheet afterwards.
fn base_xlsx(top: u32, edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Register").unwrap();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    for (r, row) in base_rows().iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (top + r as u32, c as u16);
            let parts: Vec<u16> = text.split('-').filter_map(|p| p.parse().ok()).collect();
            if let [d, m, y] = parts[..] {
                let dt = ExcelDateTime::from_ymd(y, m as u8, d as u8).unwrap();
                ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
            } else if let Ok(n) = text.parse::<f64>() {
                ws.write_number(r, c, n).unwrap();
            } else {
                ws.write_string(r, c, *text).unwrap();
            }
        }
    }
    edit(ws);
    wb.save_to_buffer().unwrap()
}

/// Pseudo-random bytes from a fixed linear congruential sequence.
fn noise(seed: u32, len: usize) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        })
        .collect()
}

/// A workbook whose sheet unpacks to `size` bytes of identical rows: 2 MB for 300 MiB.
fn zip_bomb(size: usize) -> Vec<u8> {
    let base = base_xlsx(0, |_| {});
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(base)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().large_file(true);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        out.start_file(name.as_str(), options).unwrap();
        if name != "xl/worksheets/sheet1.xml" {
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            out.write_all(&content).unwrap();
            continue;
        }
        out.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
              <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
              <sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Datum ontvangst</t></is></c>\
              <c r=\"B1\" t=\"inlineStr\"><is><t>Omschrijving</t></is></c>\
              <c r=\"C1\" t=\"inlineStr\"><is><t>Behandelaar</t></is></c></row>",
        )
        .unwrap();
        let row = b"<row><c t=\"inlineStr\"><is><t>lek</t></is></c></row>";
        let chunk: Vec<u8> = row.iter().copied().cycle().take(row.len() * 1024).collect();
        for _ in 0..size / chunk.len() {
            out.write_all(&chunk).unwrap();
        }
        out.write_all(b"</sheetData></worksheet>").unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Writes the committed corpus files (all but `wachtwoord.xlsx`, which needs msoffcrypto-tool;
/// see docs/robustness.md). Run by hand: `cargo test --test cli corpus::write_corpus --
/// --ignored`.
#[test]
#[ignore]
fn write_corpus() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula};
    let dir = corpus_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();

    put("leeg.csv", b"");
    put("leeg.xlsx", b"");
    put("ruis.csv", &noise(1, 1024));
    put("ruis.xlsx", &noise(2, 1024));
    let base = base_xlsx(0, |_| {});
    put("afgekapt.xlsx", &base[..base.len() / 2]);
    // For wachtwoord.xlsx: msoffcrypto-tool -e -p klacht basis.xlsx wachtwoord.xlsx
    std::fs::write(std::env::temp_dir().join("basis.xlsx"), &base).unwrap();
    put(
        "alleen-kopregel.csv",
        BASE_CSV.lines().next().unwrap().as_bytes(),
    );
    put(
        "nul-bytes.csv",
        BASE_CSV
            .replace("Bakkerij Smit", "Bakkerij\0Smit")
            .as_bytes(),
    );
    let mut dup = String::new();
    for (i, line) in BASE_CSV.lines().enumerate() {
        let extra = if i == 0 { "Omschrijving" } else { "zie mail" };
        dup.push_str(&format!("{line};{extra}\n"));
    }
    put("dubbele-koppen.csv", dup.as_bytes());
    put(
        "samengevoegde-cellen.xlsx",
        &base_xlsx(1, |ws| {
            let plain = Format::new();
            ws.merge_range(0, 0, 0, 13, "Klachtenregister 2026", &plain)
                .unwrap();
            // One customer over two complaints.
            ws.merge_range(2, 3, 3, 3, "Jansen", &plain).unwrap();
        }),
    );
    put(
        "formulefouten.xlsx",
        &base_xlsx(0, |ws| {
            ws.write_formula(2, 1, Formula::new("=NA()").set_result("#N/A"))
                .unwrap();
            ws.write_formula(3, 6, Formula::new("=1/0").set_result("#DIV/0!"))
                .unwrap();
        }),
    );
    put(
        "datums-1899-9999.xlsx",
        &base_xlsx(0, |ws| {
            let date = Format::new().set_num_format("dd-mm-yyyy");
            // Excel keeps a date before 1900 as text; serial 0 shows as 0-1-1900.
            ws.write_string(1, 1, "31-12-1899").unwrap();
            let last = ExcelDateTime::from_ymd(9999, 12, 31).unwrap();
            ws.write_datetime_with_format(2, 1, &last, &date).unwrap();
            ws.write_datetime_with_format(2, 10, &last, &date).unwrap();
            ws.write_datetime_with_format(2, 13, &last, &date).unwrap();
            ws.write_number_with_format(3, 1, 0, &date).unwrap();
        }),
    );
    put("csv-als-xlsx.xlsx", BASE_CSV.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in BASE_CSV
        .replace(';', "\t")
        .replace('\n', "\r\n")
        .encode_utf16()
    {
        utf16.extend(u.to_le_bytes());
    }
    put("utf16.csv", &utf16);
    put(
        "verdwaalde-cel.xlsx",
        &base_xlsx(0, |ws| {
            ws.write_string(1_048_575, 16_383, "x").unwrap();
        }),
    );
    put(
        "html-als-xls.xls",
        b"<html><body><table><tr><td>Datum ontvangst</td><td>Omschrijving</td></tr></table></body></html>\n",
    );
}

/// `klacht check --json | head -c 10`: the reader goes away after a few bytes; the output ends
/// quietly, with the exit code of the findings, not with a panic.
#[test]
fn a_closed_pipe_is_no_panic() {
    use std::process::{Command, Stdio};
    let dir = temp_dir("pipe");
    let register = dir.join("r.csv");
    let made = klacht_in(&dir, &["sample", "--rows", "5000", "--out", arg(&register)]);
    assert_eq!(made.status.code(), Some(0));
    let mut child = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(["check", "--json", "--as-of", AS_OF, arg(&register)])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The read end is closed here, with megabytes of findings still to come, far more than a
    // pipe holds.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
}
