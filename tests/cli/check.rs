//! `klacht check`: terminal summary, JSON, findings files, exit codes and usage errors.

use crate::util::*;

#[test]
fn terminal_summary_names_files_rows_and_cells() {
    let dir = temp_dir("summary");
    let out = klacht_in(
        &dir,
        &["check", arg(&sample("klachtenregister-2025-2026.xlsx"))],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Klachtenregister"), "{text}");
    assert!(text.contains("kopregel in rij"), "Dutch by default: {text}");
    assert!(text.contains("gelezen"), "{text}");
    let en = klacht_in(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            arg(&sample("klachtenregister-2025-2026.xlsx")),
        ],
    );
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(
        text.contains("header in row") && text.contains("Findings"),
        "{text}"
    );
}

#[test]
fn unreadable_input_exits_2_with_the_file_named() {
    let dir = temp_dir("bad-input");
    let missing = dir.join("bestaat-niet.xlsx");
    let out = klacht_in(&dir, &["check", arg(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bestaat-niet.xlsx") && err.contains("niet gevonden"),
        "{err}"
    );

    let junk = dir.join("register.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 this is no workbook").unwrap();
    let out = klacht_in(&dir, &["--lang", "en", "check", arg(&junk)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("register.xlsx"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn fail_on_sets_the_exit_code() {
    let dir = temp_dir("fail-on");
    let path = dir.join("r.csv");
    std::fs::write(
        &path,
        "Klachtnr;Datum ontvangst;Omschrijving;Behandelaar\nK-1;3-3-2026;Lekkage;Jan\n;4-3-2026;Geluid;Piet\n",
    )
    .unwrap();
    // Only a missing-id warning: clean for errors, failing for warnings.
    let ok = klacht_in(&dir, &["check", arg(&path)]);
    assert_eq!(ok.status.code(), Some(0));
    let warn = klacht_in(&dir, &["check", "--fail-on", "warning", arg(&path)]);
    assert_eq!(warn.status.code(), Some(1));
}

#[test]
fn findings_file_as_csv_xlsx_and_json() {
    let dir = temp_dir("findings-file");
    let reg = sample("klachtenregister-2025-2026.csv");
    for name in ["bevindingen.csv", "bevindingen.xlsx", "bevindingen.json"] {
        let out_path = dir.join(name);
        let out = klacht_in(&dir, &["check", "--findings", arg(&out_path), arg(&reg)]);
        assert!(out.status.code() == Some(0) || out.status.code() == Some(1));
        assert!(out_path.exists(), "{name} written");
    }
    let (doc, _) = check_json(&dir, &[arg(&reg)]);
    let csv = std::fs::read_to_string(dir.join("bevindingen.csv")).unwrap();
    assert_eq!(
        csv.lines().count() as u64 - 1,
        doc["items"].as_array().unwrap().len() as u64,
        "one CSV line per finding"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("bevindingen.json")).unwrap()).unwrap();
    assert_eq!(json["findings"], doc["findings"]);
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(dir.join("bevindingen.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), vec!["Samenvatting", "Bevindingen"]);
    let list = wb.worksheet_range("Bevindingen").unwrap();
    assert_eq!(list.height() - 1, doc["items"].as_array().unwrap().len());
}

#[test]
fn an_output_over_the_input_is_refused() {
    let dir = temp_dir("over-input");
    let reg = dir.join("r.csv");
    std::fs::write(
        &reg,
        "Datum ontvangst;Omschrijving;Behandelaar\n3-3-2026;Lekkage;Jan\n",
    )
    .unwrap();
    let before = std::fs::read(&reg).unwrap();
    let out = klacht_in(&dir, &["check", "--findings", arg(&reg), arg(&reg)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&reg).unwrap(), before, "input untouched");
}

/// Values with company (brackets, filler, waiting states, messaging channels) read as their
/// keys; a value that means nothing is the one unreadable value, and its message gives the
/// `[values.…]` line that would map it.
#[test]
fn values_as_people_write_them_read_and_a_meaningless_one_says_how_to_map_it() {
    let dir = temp_dir("values-words");
    let reg = dir.join("register.csv");
    // (channel, nature, status); expected keys written out by hand.
    let rows = [
        (
            "brief (aangetekend)",
            "technische klacht",
            "Wacht op klant",
            "letter",
        ),
        (
            "WhatsApp",
            "niet-technische klacht",
            "in afwachting van onderdelen",
            "web",
        ),
        ("sms", "Technisch (cv-ketel)", "on hold", "web"),
        ("chat", "technisch", "wachten op onderdelen", "web"),
        ("social media", "administratieve klacht", "pending", "web"),
        (
            "per telefoon (mobiel)",
            "technische klacht",
            "in behandeling",
            "phone",
        ),
        ("Postduif", "technisch", "open", ""),
    ];
    let mut csv =
        String::from("Klachtnummer;Datum ontvangst;Omschrijving;Behandelaar;Kanaal;Aard;Status\n");
    for (i, (channel, nature, status, _)) in rows.iter().enumerate() {
        csv.push_str(&format!(
            "K-{i};0{}-07-2026;Lekkage;Jan;{channel};{nature};{status}\n",
            i + 1
        ));
    }
    std::fs::write(&reg, csv).unwrap();
    let (doc, _) = check_json(&dir, &[arg(&reg)]);
    assert_eq!(count(&doc, "unreadable-value"), 1, "{doc:#}");
    let item = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "unreadable-value")
        .unwrap();
    assert_eq!(item["value"], "Postduif");
    assert_eq!(item["line"], 8, "the Postduif row");
    let message = item["message"].as_str().unwrap();
    assert!(
        message.contains(r#"[values.channel] "Postduif" = """#),
        "{message}"
    );
    assert!(message.contains("letter, fax, email, phone, in_person, web, other"));
    let (en, _) = check_json(&dir, &["--lang", "en", arg(&reg)]);
    let en = en["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "unreadable-value")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        en.contains(r#"map it in klacht.toml with [values.channel] "Postduif" = """#),
        "{en}"
    );

    // The readable ones count under the keys written above.
    let out = dir.join("rapport");
    let run = klacht_in(
        &dir,
        &[
            "report",
            arg(&reg),
            "--period",
            "2026-Q3",
            "--out",
            arg(&out),
        ],
    );
    assert!(run.status.code() == Some(0) || run.status.code() == Some(1));
    let kpi: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("kpi.json")).unwrap()).unwrap();
    let received = |list: &str, key: &str, value: &str| -> u64 {
        kpi[list]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r[key] == value)
            .map(|r| r["received"].as_u64().unwrap())
            .sum()
    };
    for key in ["letter", "web", "phone"] {
        let want = rows.iter().filter(|r| r.3 == key).count() as u64;
        assert_eq!(received("by_channel", "channel", key), want, "{key}");
    }
    assert_eq!(received("by_nature", "nature", "non_technical"), 2);
    assert_eq!(received("by_nature", "nature", "technical"), 5);
}

/// `klacht check` in `lang` on `file` in `dir`: the terminal text.
fn summary(dir: &std::path::Path, lang: &str, file: &str) -> String {
    let out = klacht_in(dir, &["--lang", lang, "check", file]);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_register_of_other_headers_hears_the_cause_first_and_once() {
    let dir = temp_dir("first-contact");
    // A ticket export: an id, complaint text, a date and a queue under headers the tool does
    // not know as the date of receipt and the handler.
    let rows = 30;
    let mut csv = String::from("Unique Key,open_dt,Customer complaints,queue,ZIP CODE\n");
    for i in 1..=rows {
        csv += &format!(
            "{i},2026-03-{:02} 10:00:00,Late delivery,Billing,{}\n",
            1 + i % 28,
            10450 + i
        );
    }
    std::fs::write(dir.join("tickets.csv"), csv).unwrap();
    let text = summary(&dir, "en", "tickets.csv");
    let lines: Vec<&str> = text.lines().collect();
    // The cause first, once: the fields, their candidates, the next step.
    assert_eq!(
        lines[0],
        "tickets.csv: no column recognised for Date received, Handler, which every complaint needs.",
        "{text}"
    );
    assert_eq!(
        lines[1], "  Date received (received_date): perhaps in \"open_dt\"",
        "{text}"
    );
    assert!(
        lines[2].starts_with("  Handler (handler): perhaps in \"queue\""),
        "{text}"
    );
    assert!(
        lines[3].contains("klacht check --suggest-mapping tickets.csv > klacht.toml"),
        "{text}"
    );
    assert_eq!(text.matches("--suggest-mapping").count(), 1, "{text}");
    // Complaint text is the description, not the customer.
    assert!(text.contains("Customer complaints → description"), "{text}");
    // One line for the rows the missing column excludes, not one per row.
    let excluded: Vec<&&str> = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("excluded"))
        .collect();
    assert_eq!(
        excluded,
        [&format!(
            "  excluded: {rows} rows of tickets.csv, as there is no column for the date of receipt"
        )],
        "{text}"
    );
    // Whole-row findings of a CSV file are at a line, not at a row range.
    assert!(
        text.contains("tickets.csv line 1  Required column Handler"),
        "{text}"
    );
    assert!(!text.contains("1:1"), "{text}");
    let nl = summary(&dir, "nl", "tickets.csv");
    assert!(
        nl.starts_with("tickets.csv: geen kolom herkend voor Datum ontvangst, Behandelaar"),
        "{nl}"
    );
    assert!(nl.contains("uitgesloten: 30 rijen van tickets.csv"), "{nl}");
}

#[test]
fn excluded_csv_rows_are_named_by_their_line() {
    let dir = temp_dir("csv-lines");
    // The first complaint's description runs over two lines, so the third record (the row
    // without a date) starts on line 5 of the file: header, 2 lines, 1 line, then it.
    let csv = "Datum ontvangst;Omschrijving;Behandelaar\n\
               3-3-2026;\"Lek\nin dak\";Jan\n\
               4-3-2026;Tocht;Piet\n\
               ;Geluid;Kees\n";
    std::fs::write(dir.join("r.csv"), csv).unwrap();
    let nl = summary(&dir, "nl", "r.csv");
    assert!(
        nl.contains("  uitgesloten regel 5: geen leesbare datum van ontvangst (Geluid)"),
        "{nl}"
    );
    let en = summary(&dir, "en", "r.csv");
    assert!(
        en.contains("  excluded line 5: no readable date of receipt (Geluid)"),
        "{en}"
    );
    assert!(
        !en.contains("4:4") && !en.contains("no column recognised"),
        "{en}"
    );
}
