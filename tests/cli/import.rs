//! Import: every record of the real registers is read and accounted for; the bundled sample
//! workbook and its CSV export give the same complaints.

use crate::util::*;
use klacht::config::Config;
use klacht::ingest::{load::load, ReadOptions};
use serde_json::Value;

/// Reads a shared register through its mapping; checks the exit code (`check` fails, 1, on
/// error findings and only then), the row accounting, and returns the `check --json` document.
fn shared_register(file: &str, mapping_file: &str, records: u64, exit: i32) -> Value {
    let dir = temp_dir(&format!("shared-{mapping_file}"));
    let (doc, code) = check_json(
        &dir,
        &["--config", arg(&mapping(mapping_file)), arg(&shared(file))],
    );
    assert_eq!(code, exit, "{file}: exit");
    let errors = doc["findings"]["error"].as_u64().unwrap();
    assert_eq!(
        errors > 0,
        exit == 1,
        "{file}: {errors} errors, exit {exit}"
    );
    let rows = &doc["rows"];
    assert_eq!(rows["read"], records, "{file}: every record read");
    let sum = rows["used"].as_u64().unwrap()
        + rows["excluded"].as_u64().unwrap()
        + rows["blank"].as_u64().unwrap();
    assert_eq!(sum, records, "{file}: read = used + excluded + blank");
    doc
}

#[test]
fn cfpb_every_record_read_dates_month_first() {
    // Exit 1: no closed-date column while complaints are closed (status-conflict), and
    // dates sent to the company before receipt (date-order).
    let doc = shared_register("cfpb_2013_cuny_msda.csv", "cfpb.toml", 3186, 1);
    assert_eq!(doc["rows"]["used"], 3186);
    // No complaint number column: every id is derived, with a warning each.
    assert_eq!(count(&doc, "missing-id"), 3186);
    assert_eq!(
        count(&doc, "unreadable-value"),
        0,
        "M/D/YYYY dates and mapped values all read"
    );
    assert_eq!(count(&doc, "missing-column"), 0);
}

#[test]
fn nyc_2022_every_record_read() {
    // Exit 0: no error rule applies (required columns mapped, values readable, dates in
    // order, numbers unique): its gaps are warnings.
    let doc = shared_register("nyc311_2022-05_pyboot.csv", "nyc311-2022.toml", 924, 0);
    assert_eq!(doc["rows"]["used"], 924);
    assert_eq!(count(&doc, "unreadable-value"), 0);
    assert_eq!(count(&doc, "duplicate-id"), 0);
}

#[test]
fn nyc_2024_multiline_fields_every_record_read() {
    // Exit 1: one request is closed without a closed date (status-conflict).
    let doc = shared_register(
        "nyc311_2024-04_socrata_api.csv",
        "nyc311-2024.toml",
        1000,
        1,
    );
    assert_eq!(doc["rows"]["used"], 1000);
    assert_eq!(count(&doc, "unreadable-value"), 0);
    // Records span several physical lines: the last record starts far below line 1001.
    let last_line = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["line"].as_u64())
        .max()
        .unwrap_or(0);
    assert!(last_line <= 2956, "lines are physical lines of the file");
}

#[test]
fn boston_lone_space_is_blank() {
    // Exit 0: no error rule applies (required columns mapped, values readable, dates in
    // order, numbers unique): its gaps are warnings.
    let doc = shared_register("boston311_2022_100rows_qsv.csv", "boston311.toml", 100, 0);
    assert_eq!(doc["rows"]["used"], 100);
    assert_eq!(count(&doc, "unreadable-value"), 0);
}

#[test]
fn comcast_shifted_rows_are_reported_not_dropped() {
    // Exit 1: no handler column (missing-column) and the shifted rows' unreadable values.
    let doc = shared_register(
        "comcast_fcc_complaints_2015.tsv.csv",
        "comcast.toml",
        2224,
        1,
    );
    let source = &doc["sources"][0];
    assert_eq!(source["encoding"], "UTF-8");
    // The three rows whose text holds a tab spill into the header-less 12th column (L).
    let stray: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"] == "unreadable-value" && i["cell"].as_str().unwrap().starts_with('L'))
        .map(|i| i["cell"].as_str().unwrap())
        .collect();
    assert_eq!(stray, vec!["L1408", "L1409", "L1508"]);
    // No handler column in this register.
    assert_eq!(count(&doc, "missing-column"), 1);
}

#[test]
fn sample_workbook_and_csv_export_give_the_same_complaints() {
    let config = Config::default();
    let opts = ReadOptions::default();
    let xlsx = load(&[sample("klachtenregister-2025-2026.xlsx")], &config, &opts).unwrap();
    let csv = load(&[sample("klachtenregister-2025-2026.csv")], &config, &opts).unwrap();
    assert_eq!(xlsx.sources[0].sheet.as_deref(), Some("Klachtenregister"));
    assert_eq!(csv.sources[0].encoding, Some("windows-1252"));
    assert_eq!(csv.sources[0].separator, Some(';'));
    assert!(xlsx.complaints.len() > 300, "a few hundred complaints");
    assert_eq!(xlsx.complaints.len(), csv.complaints.len());
    for (a, b) in xlsx.complaints.iter().zip(&csv.complaints) {
        let key = |c: &klacht::register::Complaint| {
            (
                c.id.clone(),
                c.received,
                c.urgency,
                c.channel,
                c.nature,
                c.closed_date,
                c.ack_date,
                c.handler.clone(),
                c.description.clone(),
                c.customer.clone(),
            )
        };
        assert_eq!(
            key(a),
            key(b),
            "complaint {} differs between xlsx and csv",
            a.id
        );
    }
    // The totals row below the data is recognised and excluded with its reason.
    assert!(xlsx
        .exclusions
        .iter()
        .any(|e| e.reason == klacht::register::ExclusionReason::Totals));
    assert!(xlsx.rows().balances() && csv.rows().balances());
}

#[test]
fn a_messy_hand_kept_csv_is_read_with_cell_addresses() {
    let dir = temp_dir("messy");
    let path = dir.join("register.csv");
    // Title, blank and note rows above the header; a blank row, an impossible date, an
    // unknown urgency and a totals row below. Windows-1252 bytes for ë and €.
    let text = "Klachtenregister 2026;;;;;\r\n\
                ;;;;;\r\n\
                Bijgewerkt: maart;;;;;\r\n\
                Klachtnr.;Datum ontvangst;Omschrijving klacht;Behandelaar;Cat.;Kosten\r\n\
                K-1;3-3-2026;Koelcel lekt;Jan;cat. 4;\u{20ac} 95\r\n\
                K-2;31-02-2026;Factuur fout;Piët;7;1.234,50\r\n\
                ;;;;;\r\n\
                K-3;4 maart 2026;Buitenunit maakt lawaai;;hoog;\r\n\
                K-3;05/03/2026;Zelfde nummer;Jan;6;\r\n\
                Totaal;4;;;;\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(&path, &bytes).unwrap();
    let (doc, code) = check_json(&dir, &[arg(&path)]);
    assert_eq!(code, 1, "errors found → exit 1");
    assert_eq!(doc["rows"]["read"], 6);
    assert_eq!(doc["rows"]["used"], 3);
    assert_eq!(doc["rows"]["excluded"], 2, "impossible date and totals row");
    assert_eq!(doc["rows"]["blank"], 1);
    let items = doc["items"].as_array().unwrap();
    let find = |code: &str| -> Vec<String> {
        items
            .iter()
            .filter(|i| i["code"] == code)
            .map(|i| {
                format!(
                    "{}={}",
                    i["cell"].as_str().unwrap(),
                    i["value"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(find("unreadable-value"), vec!["B6=31-02-2026", "E8=hoog"]);
    assert_eq!(find("duplicate-id"), vec!["A9=K-3"]);
    assert_eq!(find("missing-handler"), vec!["D8="]);
    let excl = doc["exclusions"].as_array().unwrap();
    assert_eq!(excl[0]["reason"], "no_received_date");
    assert_eq!(excl[1]["reason"], "totals");
    assert_eq!(doc["sources"][0]["header_row"], 4);
    assert_eq!(doc["sources"][0]["encoding"], "windows-1252");
}

#[test]
fn several_files_form_one_register_with_the_file_kept() {
    let dir = temp_dir("two-files");
    let xlsx = sample("klachtenregister-2025-2026.xlsx");
    let csv = sample("klachtenregister-2025-2026.csv");
    let (one, _) = check_json(&dir, &["--as-of", "2026-09-30", arg(&xlsx)]);
    let (both, _) = check_json(&dir, &["--as-of", "2026-09-30", arg(&xlsx), arg(&csv)]);
    assert_eq!(both["sources"].as_array().unwrap().len(), 2);
    for key in ["read", "used", "excluded", "blank"] {
        let sum: u64 = both["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["rows"][key].as_u64().unwrap())
            .sum();
        assert_eq!(both["rows"][key], sum, "{key} is the sum over the files");
    }
    assert_eq!(both["rows"]["used"], 700, "the same 350 complaints twice");
    // The same numbers in two files are no duplicates (branches number their own registers).
    assert_eq!(
        both["findings"]["by_rule"]["duplicate-id"],
        one["findings"]["by_rule"]["duplicate-id"]
    );
    // Every finding names its own file.
    let files: std::collections::BTreeSet<&str> = both["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2);
}

/// A register of 8 MiB or more is mapped rather than read (src/ingest/input.rs): it gives the
/// same complaints, findings and accounting as the same bytes read into memory, every record
/// arrives, the byte-order mark is skipped in place, and the recorded hash is the file's own.
#[test]
fn a_large_register_mapped_gives_what_its_bytes_read_give() {
    use sha2::{Digest, Sha256};
    let dir = temp_dir("mapped");
    let big = generated(&dir, "groot.csv", 30_000, 11);
    let bytes = std::fs::read(&big).unwrap();
    assert!(bytes.len() as u64 >= klacht::ingest::input::MAP_FROM);
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the sample CSV has a BOM"
    );
    let (config, opts) = (Config::default(), ReadOptions::default());
    let mapped = load(std::slice::from_ref(&big), &config, &opts).unwrap();
    let read = klacht::ingest::load::load_bytes(&big, bytes.clone(), &config, &opts).unwrap();
    assert_eq!(mapped.complaints.len(), 30_000);
    assert_eq!(mapped.complaints, read.complaints);
    assert_eq!(mapped.findings, read.findings);
    assert_eq!(mapped.exclusions, read.exclusions);
    let (m, r) = (&mapped.sources[0], &read.sources[0]);
    assert_eq!(
        (m.rows, m.encoding, m.header_row),
        (r.rows, r.encoding, r.header_row)
    );
    assert_eq!(m.sha256, format!("{:x}", Sha256::digest(&bytes)));
    assert_eq!(m.sha256, r.sha256);
    assert_eq!(m.encoding, Some("UTF-8 (BOM)"));
}
