//! `klacht check --suggest-mapping`: a klacht.toml skeleton for a foreign register, which
//! parses once its placeholders are filled in and then reads the register without unreadable
//! values.

use crate::util::*;
use klacht::config::Config;
use klacht::register::Field;
use std::path::Path;

const REGISTERS: [&str; 5] = [
    "cfpb_2013_cuny_msda.csv",
    "nyc311_2022-05_pyboot.csv",
    "nyc311_2024-04_socrata_api.csv",
    "boston311_2022_100rows_qsv.csv",
    "comcast_fcc_complaints_2015.tsv.csv",
];

/// The suggestion for `register`, with its exit code checked.
fn suggest(dir: &Path, lang: &str, register: &Path) -> String {
    let out = klacht_in(
        dir,
        &["--lang", lang, "check", arg(register), "--suggest-mapping"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        register.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A `"Value" = ""   # 3×; one of: a, b` placeholder line: the value as quoted and the keys.
fn placeholder(line: &str) -> Option<(String, Vec<String>)> {
    if line.starts_with('#') {
        return None;
    }
    let (value, rest) = line.split_once(" = \"\"")?;
    let keys = rest.rsplit(':').next()?;
    let keys = keys.split(',').map(|k| k.trim().to_string()).collect();
    Some((value.to_string(), keys))
}

/// The table a `[values.…]` line opens.
fn table(line: &str) -> Option<Field> {
    let key = line.strip_prefix("[values.")?.strip_suffix(']')?;
    Field::from_key(key)
}

/// Every placeholder of the suggestion: (field, value as quoted, the keys allowed).
fn placeholders(text: &str) -> Vec<(Field, String, Vec<String>)> {
    let mut field = None;
    let mut out = Vec::new();
    for line in text.lines() {
        field = table(line).or(field);
        if let (Some(f), Some((value, keys))) = (field, placeholder(line)) {
            out.push((f, value, keys));
        }
    }
    out
}

/// The suggestion with every placeholder filled by `choose(field, value, keys)` and the
/// commented column lines named in `columns` switched on with the header given.
fn fill(
    text: &str,
    choose: impl Fn(Field, &str, &[String]) -> String,
    columns: &[(&str, &str)],
) -> String {
    let mut field = None;
    let mut out = String::new();
    for line in text.lines() {
        field = table(line).or(field);
        let mut line = line.to_string();
        if let (Some(f), Some((value, keys))) = (field, placeholder(&line)) {
            line = format!("{value} = \"{}\"", choose(f, &value, &keys));
        }
        for (key, header) in columns {
            if line.starts_with(&format!("# {key} = \"\"")) {
                line = format!("{key} = \"{header}\"");
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn first_key(_: Field, _: &str, keys: &[String]) -> String {
    keys[0].clone()
}

#[test]
fn every_shared_register_gets_a_suggestion_that_parses_once_filled() {
    let dir = temp_dir("suggest-all");
    let mut filled_in = 0;
    for name in REGISTERS {
        for lang in ["nl", "en"] {
            let text = suggest(&dir, lang, &shared(name));
            assert!(text.contains("[columns]"), "{name}: {text}");
            let filled = fill(&text, first_key, &[]);
            let config = Config::from_toml_str(&filled, "suggestion.toml".as_ref())
                .unwrap_or_else(|e| panic!("{name} ({lang}): {e}\n{filled}"));
            // Every placeholder became a mapping, with the first allowed key.
            for (field, value, keys) in placeholders(&text) {
                let value = value.trim_matches('"').replace("\\\"", "\"");
                assert_eq!(
                    config.map_value(field, &value),
                    Some(keys[0].as_str()),
                    "{name}: {field} {value}"
                );
                filled_in += 1;
            }
        }
    }
    assert!(
        filled_in > 20,
        "the registers have values to map: {filled_in}"
    );
}

#[test]
fn comments_follow_the_language() {
    let dir = temp_dir("suggest-lang");
    let nl = suggest(&dir, "nl", &shared("cfpb_2013_cuny_msda.csv"));
    let en = suggest(&dir, "en", &shared("cfpb_2013_cuny_msda.csv"));
    assert!(nl.contains("# Kopregel in rij 1."), "{nl}");
    assert!(nl.contains("\"Referral\" = \"\"   # "), "{nl}");
    assert!(
        nl.contains("een van: letter, fax, email, phone, in_person, web, other"),
        "{nl}"
    );
    assert!(en.contains("# Header row in row 1."), "{en}");
    assert!(
        en.contains("one of: letter, fax, email, phone, in_person, web, other"),
        "{en}"
    );
    // CFPB dates are M/D/YYYY: the values show it, and the suggestion says so.
    assert!(
        en.contains("\"Date received\" (received_date): month first"),
        "{en}"
    );
    assert!(en.contains("\ndate_order = \"month-first\""), "{en}");
}

#[test]
fn boston_status_values_are_listed_and_open_dt_is_proposed_for_the_received_date() {
    let dir = temp_dir("suggest-boston");
    let boston = shared("boston311_2022_100rows_qsv.csv");
    let text = suggest(&dir, "en", &boston);
    // Independently: the case_status values and their counts in the file.
    let mut reader = csv::Reader::from_path(&boston).unwrap();
    let headers = reader.headers().unwrap().clone();
    let status = headers.iter().position(|h| h == "case_status").unwrap();
    let (mut open, mut closed) = (0, 0);
    for r in reader.records() {
        match &r.unwrap()[status] {
            "Open" => open += 1,
            "Closed" => closed += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(text.contains("status = \"case_status\""), "{text}");
    assert!(
        text.contains(&format!(
            "# \"Closed\" = \"closed\"   # {closed}×, already understood"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "# \"Open\" = \"open\"   # {open}×, already understood"
        )),
        "{text}"
    );
    // No header says "date received"; the date columns without a field are the candidates,
    // open_dt (the first) included.
    assert!(
        text.contains(
            "# received_date = \"\"   # REQUIRED; candidates: \"open_dt\", \"target_dt\""
        ),
        "{text}"
    );

    // Filled in with reasonable values and the proposed received date, the suggestion reads
    // every case, with no unreadable value.
    let choose = |field: Field, value: &str, keys: &[String]| -> String {
        let v = value.to_lowercase();
        let key = match field {
            Field::Channel if v.contains("app") || v.contains("self service") => "web",
            Field::Channel if v.contains("call") => "phone",
            Field::Channel => "other",
            Field::Nature => "technical",
            _ => keys[0].as_str(),
        };
        assert!(keys.iter().any(|k| k == key), "{field}: {key}");
        key.to_string()
    };
    let config = dir.join("boston.toml");
    std::fs::write(
        &config,
        fill(&text, choose, &[("received_date", "open_dt")]),
    )
    .unwrap();
    let (doc, _) = check_json(&dir, &["--config", arg(&config), arg(&boston)]);
    assert_eq!(doc["rows"]["used"], 100, "{}", doc["rows"]);
    assert_eq!(count(&doc, "unreadable-value"), 0);
    assert_eq!(count(&doc, "missing-received-date"), 0);
}

#[test]
fn nyc_2022_filled_suggestion_reads_without_unreadable_values() {
    let dir = temp_dir("suggest-nyc");
    let nyc = shared("nyc311_2022-05_pyboot.csv");
    let text = suggest(&dir, "en", &nyc);
    assert!(text.contains("received_date = \"Created Date\""), "{text}");
    assert!(text.contains("[values.channel]"), "{text}");
    assert!(text.contains("\"MOBILE\" = \"\""), "{text}");
    assert!(text.contains("# \"PHONE\" = \"phone\""), "{text}");
    let choose = |field: Field, value: &str, keys: &[String]| -> String {
        match (field, value) {
            (Field::Channel, "\"MOBILE\"") => "web".into(),
            _ => keys[0].clone(),
        }
    };
    let config = dir.join("nyc.toml");
    std::fs::write(&config, fill(&text, choose, &[("handler", "Agency")])).unwrap();
    let (doc, _) = check_json(&dir, &["--config", arg(&config), arg(&nyc)]);
    assert_eq!(doc["rows"]["used"], 924);
    assert_eq!(count(&doc, "unreadable-value"), 0);
    assert_eq!(count(&doc, "missing-column"), 0);
}

#[test]
fn a_file_without_a_recognisable_header_still_gets_a_suggestion() {
    let dir = temp_dir("suggest-no-header");
    let path = dir.join("eigen.csv");
    std::fs::write(
        &path,
        "Overzicht klachten\n\
         Wanneer;Wat;Wie;Hoe binnen\n\
         3-2-2026;Lekkage koelcel;Jan;Tel.\n\
         13-2-2026;Storing;Piet;Postduif\n\
         14-2-2026;Geluid;Jan;postduif\n",
    )
    .unwrap();
    // The check itself finds no register here.
    let out = klacht_in(&dir, &["check", arg(&path)]);
    assert_eq!(out.status.code(), Some(2));
    let text = suggest(&dir, "nl", &path);
    assert!(text.contains("Geen kopregel herkend: rij 2"), "{text}");
    assert!(text.contains("3 rijen met gegevens"), "{text}");
    assert!(
        text.contains("# received_date = \"\"   # VERPLICHT; kandidaten: \"Wanneer\""),
        "{text}"
    );
    assert!(text.contains("\"Wanneer\": dag eerst (2 waarden"), "{text}");
    // With the columns filled in, the check reads it; only the channel values it does not
    // know are left.
    let config = dir.join("eigen.toml");
    let filled = fill(
        &text,
        first_key,
        &[
            ("received_date", "Wanneer"),
            ("description", "Wat"),
            ("handler", "Wie"),
            ("channel", "Hoe binnen"),
        ],
    );
    std::fs::write(&config, &filled).unwrap();
    let (doc, _) = check_json(&dir, &["--config", arg(&config), arg(&path)]);
    assert_eq!(doc["rows"]["used"], 3, "{filled}");
    assert_eq!(count(&doc, "missing-column"), 0);
    assert_eq!(
        doc["findings"]["by_rule"]["unreadable-value"], 2,
        "Postduif twice"
    );
    // A second run with that configuration lists the channel values: Tel. understood,
    // Postduif (twice, one key) to be mapped (WhatsApp itself reads as `web` since issue 16).
    // Filled in, nothing is unreadable.
    let out = klacht_in(
        &dir,
        &[
            "check",
            arg(&path),
            "--suggest-mapping",
            "--config",
            arg(&config),
        ],
    );
    let again = String::from_utf8(out.stdout).unwrap();
    assert!(again.contains("# Kopregel in rij 2."), "{again}");
    assert!(again.contains("received_date = \"Wanneer\"\n"), "{again}");
    assert!(
        again.contains("# \"Tel.\" = \"phone\"   # 1×, al begrepen"),
        "{again}"
    );
    assert!(
        again.contains("\"Postduif\" = \"\"   # 2×; een van: "),
        "{again}"
    );
    let choose = |_: Field, _: &str, _: &[String]| "other".to_string();
    std::fs::write(&config, fill(&again, choose, &[])).unwrap();
    let (doc, _) = check_json(&dir, &["--config", arg(&config), arg(&path)]);
    assert_eq!(doc["rows"]["used"], 3);
    assert_eq!(count(&doc, "unreadable-value"), 0);
}

#[test]
fn one_register_at_a_time_and_not_with_json() {
    let dir = temp_dir("suggest-usage");
    let a = shared("boston311_2022_100rows_qsv.csv");
    let b = shared("cfpb_2013_cuny_msda.csv");
    let out = klacht_in(&dir, &["check", arg(&a), arg(&b), "--suggest-mapping"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cfpb_2013_cuny_msda.csv") && err.contains("één"),
        "{err}"
    );
    let out = klacht_in(&dir, &["check", arg(&a), "--suggest-mapping", "--json"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Lines of the `# Date columns …` block of a suggestion: the headers listed as dates.
fn date_columns(text: &str) -> Vec<String> {
    text.lines()
        .skip_while(|l| !l.starts_with("# Date columns"))
        .skip(1)
        .take_while(|l| l.starts_with("#   "))
        .filter_map(|l| l.split('"').nth(1).map(str::to_string))
        .collect()
}

/// A city's service-request export: numbers that are no dates, and a creation date.
const SERVICE_REQUESTS: &[&str] = &[
    "SR NUMBER",
    "CREATION DATE",
    "ZIP CODE",
    "LATITUDE",
    "DAYS TO CLOSE",
    "COUNCIL DISTRICT",
];

/// Row `i` of the service requests: (zip, latitude, days, district) and the creation day.
fn service_request(i: u32) -> (u32, f64, u32, u32, u32) {
    (
        60600 + i,
        41.8 + f64::from(i) / 100.0,
        i % 15,
        1 + i % 50,
        1 + i % 28,
    )
}

#[test]
fn a_service_request_export_proposes_its_creation_date_and_no_number_as_a_date() {
    let dir = temp_dir("suggest-service-requests");
    let path = dir.join("requests.csv");
    let mut csv = SERVICE_REQUESTS.join(",") + "\n";
    for i in 0..40 {
        let (zip, lat, days, district, day) = service_request(i);
        csv += &format!("SR22-{i:05},03/{day:02}/2022 10:15:00 AM,{zip},{lat},{days},{district}\n");
    }
    std::fs::write(&path, csv).unwrap();
    let text = suggest(&dir, "en", &path);
    assert!(
        text.contains("\nreceived_date = \"CREATION DATE\""),
        "{text}"
    );
    assert_eq!(date_columns(&text), ["CREATION DATE"], "{text}");
    // The numbers are numbers.
    for header in &SERVICE_REQUESTS[2..] {
        assert!(
            text.contains(&format!("#   \"{header}\" — "))
                && !text.contains(&format!("{header}\" (")),
            "{header}: {text}"
        );
    }
    // The filled-in text reads every request.
    let config = dir.join("requests.toml");
    std::fs::write(&config, fill(&text, first_key, &[])).unwrap();
    let (doc, _) = check_json(&dir, &["--config", arg(&config), arg(&path)]);
    assert_eq!(doc["rows"]["used"], 40, "{}", doc["rows"]);
}

#[test]
fn number_cells_of_a_workbook_are_no_date_columns() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = temp_dir("suggest-service-requests-xlsx");
    let path = dir.join("requests.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    for (col, h) in SERVICE_REQUESTS.iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    for i in 0..40 {
        let (zip, lat, days, district, day) = service_request(i);
        let row = i + 1;
        sheet.write_string(row, 0, format!("SR22-{i:05}")).unwrap();
        let created = ExcelDateTime::from_ymd(2022, 3, day as u8).unwrap();
        sheet
            .write_datetime_with_format(row, 1, &created, &date)
            .unwrap();
        // Each a valid Excel serial number: 60600 is in 2065, 3 is 1900-01-03.
        for (col, n) in [
            (2, f64::from(zip)),
            (3, lat),
            (4, f64::from(days)),
            (5, f64::from(district)),
        ] {
            sheet.write_number(row, col, n).unwrap();
        }
    }
    book.save(&path).unwrap();
    let text = suggest(&dir, "en", &path);
    assert!(
        text.contains("\nreceived_date = \"CREATION DATE\""),
        "{text}"
    );
    assert_eq!(date_columns(&text), ["CREATION DATE"], "{text}");
}

#[test]
fn date_candidates_whose_header_names_the_receipt_come_first() {
    let dir = temp_dir("suggest-open-first");
    let path = dir.join("cases.csv");
    let mut csv = String::from("case_ref,target_dt,open_dt,summary\n");
    for i in 1..=9 {
        csv += &format!(
            "C{i},2022-02-{:02} 10:00:00,2022-01-{i:02} 09:00:00,Pothole\n",
            i + 10
        );
    }
    std::fs::write(&path, csv).unwrap();
    let text = suggest(&dir, "en", &path);
    // target_dt stands first in the file; open_dt names the opening of the case.
    assert!(
        text.contains(
            "# received_date = \"\"   # REQUIRED; candidates: \"open_dt\", \"target_dt\""
        ),
        "{text}"
    );
    assert!(
        text.contains("# due_date = \"\"   # candidates: \"target_dt\", \"open_dt\""),
        "{text}"
    );
}
