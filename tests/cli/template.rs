//! `klacht template`: the empty register checks clean, a register kept the way the procedure
//! asks has no findings at all, and every drop-down entry reads back as its value.

use crate::util::*;
use chrono::{Days, NaiveDate};
use klacht::config::Config;
use klacht::ingest::{load::load, ReadOptions};
use klacht::register::{
    Channel, CustomerType, Field, HandlingMode, Justified, Nature, Status, Urgency,
};
use klacht::render::template::dropdown_entries;
use klacht::Lang;
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

const LANGS: [(&str, Lang); 2] = [("nl", Lang::Nl), ("en", Lang::En)];

/// The finding counts of a `check --json` document: (error, warning, info).
fn severities(doc: &Value) -> (u64, u64, u64) {
    let n = |k: &str| doc["findings"][k].as_u64().unwrap();
    (n("error"), n("warning"), n("info"))
}

#[test]
fn the_empty_template_checks_clean_in_both_languages() {
    for (code, lang) in LANGS {
        let dir = temp_dir(&format!("template-empty-{code}"));
        let out = klacht_in(&dir, &["--lang", code, "template", "--out", "t.xlsx"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (doc, exit) = check_json(&dir, &["--lang", code, "t.xlsx"]);
        assert_eq!(exit, 0, "{doc}");
        let (errors, warnings, _) = severities(&doc);
        assert_eq!((errors, warnings), (0, 0), "{}", doc["items"]);
        assert_eq!(
            doc["rows"]["read"], 0,
            "the prepared empty rows are no rows"
        );
        let source = &doc["sources"][0];
        assert_eq!(
            source["sheet"],
            klacht::render::template::register_sheet_name(lang)
        );
        assert_eq!(source["header_row"], 1);
        // Every header of the template is read as its own field, in order.
        let columns: Vec<(String, String)> = source["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["header"].as_str().unwrap().to_string(),
                    c["field"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = Field::ALL
            .iter()
            .map(|f| (f.header(lang).to_string(), f.key().to_string()))
            .collect();
        assert_eq!(columns, expected);
    }
}

/// One complaint of the filled-in example, as the procedure wants it kept.
struct Row {
    received: NaiveDate,
    urgency: u8,
    customer_type: CustomerType,
    handling: HandlingMode,
    justified: Justified,
}

/// Eight complaints, one per urgency category, received on Mondays in February and March
/// 2026 (no holidays), acknowledged the same day and closed a week later with cause and
/// solution; every customer different.
fn example_rows() -> Vec<Row> {
    let first = NaiveDate::from_ymd_opt(2026, 2, 2).unwrap();
    (0..8u8)
        .map(|i| Row {
            received: first + Days::new(7 * u64::from(i)),
            urgency: i + 1,
            customer_type: if i % 2 == 0 {
                CustomerType::Consumer
            } else {
                CustomerType::Business
            },
            handling: if i < 2 || i % 2 == 0 {
                HandlingMode::Written
            } else {
                HandlingMode::Conversation
            },
            justified: Justified::ALL[usize::from(i) % Justified::ALL.len()],
        })
        .collect()
}

/// The drop-down entry of `field` for `value`, one of `all` (the list's values in order).
fn entry<T: PartialEq>(field: Field, lang: Lang, all: &[T], value: T) -> Option<String> {
    let n = all.iter().position(|v| *v == value).unwrap();
    Some(dropdown_entries(field, lang).unwrap()[n].clone())
}

/// Writes the example as a workbook with the template's headers and drop-down texts.
fn write_example(path: &std::path::Path, lang: Lang) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    for (col, f) in Field::ALL.iter().enumerate() {
        ws.write_string(0, col as u16, f.header(lang)).unwrap();
    }
    for (i, r) in example_rows().iter().enumerate() {
        let row = i as u32 + 1;
        let closed = r.received + Days::new(7);
        let nature = if r.urgency == 7 {
            Nature::NonTechnical
        } else {
            Nature::Technical
        };
        for (col, &f) in Field::ALL.iter().enumerate() {
            let col = col as u16;
            let date = match f {
                Field::ReceivedDate | Field::AckDate => Some(r.received),
                Field::DueDate => Some(r.received + Days::new(14)),
                Field::ClosedDate | Field::LastUpdate => Some(closed),
                _ => None,
            };
            if let Some(d) = date {
                ws.write_datetime_with_format(row, col, d, &date_format)
                    .unwrap();
                continue;
            }
            let text = match f {
                Field::Id => Some(format!("K-2026-{:03}", i + 1)),
                Field::Channel => {
                    entry(f, lang, Channel::ALL, Channel::ALL[i % Channel::ALL.len()])
                }
                Field::Customer => Some(format!("Klant {}", i + 1)),
                Field::CustomerId => Some(format!("D{:04}", 100 + i)),
                Field::CustomerType => entry(f, lang, CustomerType::ALL, r.customer_type),
                Field::JobRef => Some(format!("WB-{}", 5000 + i)),
                Field::Description => Some(format!("Storing nummer {} aan installatie", i + 1)),
                Field::Nature => entry(f, lang, Nature::ALL, nature),
                Field::Urgency => entry(f, lang, &Urgency::ALL, Urgency::new(r.urgency).unwrap()),
                Field::Handler | Field::ContactPerson => Some("J. de Vries".into()),
                Field::Assessor => Some("M. Bakker".into()),
                Field::HandlingMode => entry(f, lang, HandlingMode::ALL, r.handling),
                Field::Department => Some("Service".into()),
                Field::Cause => Some("Montagefout".into()),
                Field::Solution => Some("Hersteld en gecontroleerd".into()),
                Field::Status => entry(f, lang, Status::ALL, Status::Closed),
                Field::Justified => entry(f, lang, Justified::ALL, r.justified),
                Field::Cost => {
                    ws.write_number(row, col, 125.5 * f64::from(r.urgency))
                        .unwrap();
                    None
                }
                _ => None,
            };
            if let Some(v) = text {
                ws.write_string(row, col, v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_register_kept_as_the_procedure_asks_has_no_findings() {
    for (code, lang) in LANGS {
        let dir = temp_dir(&format!("template-filled-{code}"));
        let path = dir.join("register.xlsx");
        write_example(&path, lang);
        let (doc, exit) = check_json(
            &dir,
            &[
                "--lang",
                code,
                arg(&path),
                "--as-of",
                "2026-06-30",
                "--fail-on",
                "info",
            ],
        );
        assert_eq!(doc["rows"]["used"], 8, "{doc}");
        assert_eq!(severities(&doc), (0, 0, 0), "{}", doc["items"]);
        assert_eq!(exit, 0);
        // Read back, the values are the ones written.
        let register = load(&[path], &Config::default(), &ReadOptions::default()).unwrap();
        for (c, r) in register.complaints.iter().zip(example_rows()) {
            assert_eq!(c.received, r.received);
            assert_eq!(c.urgency, Urgency::new(r.urgency));
            assert_eq!(c.customer_type, Some(r.customer_type));
            assert_eq!(c.handling_mode, Some(r.handling));
            assert_eq!(c.justified, Some(r.justified));
            assert_eq!(c.status, Some(Status::Closed));
            assert_eq!(c.closed_date, Some(r.received + Days::new(7)));
        }
    }
}

/// The register's own vocabulary, in list order, for the fields with a drop-down.
fn keys(field: Field) -> Vec<String> {
    klacht::config::vocabulary(field.kind())
        .unwrap()
        .into_iter()
        .map(String::from)
        .collect()
}

/// The key a complaint holds for `field`, as a vocabulary key.
fn key_of(c: &klacht::register::Complaint, field: Field) -> Option<String> {
    match field {
        Field::Urgency => c.urgency.map(|u| u.number().to_string()),
        Field::Channel => c.channel.map(|v| v.key().to_string()),
        Field::Nature => c.nature.map(|v| v.key().to_string()),
        Field::CustomerType => c.customer_type.map(|v| v.key().to_string()),
        Field::HandlingMode => c.handling_mode.map(|v| v.key().to_string()),
        Field::Status => c.status.map(|v| v.key().to_string()),
        Field::Justified => c.justified.map(|v| v.key().to_string()),
        _ => None,
    }
}

#[test]
fn every_drop_down_entry_reads_back_as_its_value() {
    let fields: Vec<Field> = Field::ALL
        .iter()
        .copied()
        .filter(|&f| dropdown_entries(f, Lang::Nl).is_some())
        .collect();
    assert_eq!(
        fields.len(),
        7,
        "urgency, channel, nature, customer type, handling mode, status, justified"
    );
    for (code, lang) in LANGS {
        let dir = temp_dir(&format!("template-dropdowns-{code}"));
        let path = dir.join("keuzelijsten.csv");
        let longest = fields
            .iter()
            .map(|&f| dropdown_entries(f, lang).unwrap().len())
            .max()
            .unwrap();
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_path(&path)
            .unwrap();
        let mut header = vec![
            Field::ReceivedDate.header(lang).to_string(),
            Field::Description.header(lang).to_string(),
            Field::Handler.header(lang).to_string(),
        ];
        header.extend(fields.iter().map(|f| f.header(lang).to_string()));
        w.write_record(&header).unwrap();
        for i in 0..longest {
            let mut row = vec![
                format!("{}-3-2026", i + 1),
                format!("Klacht {i}"),
                "Jan".into(),
            ];
            for &f in &fields {
                let entries = dropdown_entries(f, lang).unwrap();
                row.push(entries[i % entries.len()].clone());
            }
            w.write_record(&row).unwrap();
        }
        w.flush().unwrap();
        drop(w);

        let (doc, _) = check_json(&dir, &["--lang", code, arg(&path), "--as-of", "2026-06-30"]);
        assert_eq!(doc["rows"]["used"], longest as u64);
        assert_eq!(count(&doc, "unreadable-value"), 0, "{}", doc["items"]);
        let register = load(&[path], &Config::default(), &ReadOptions::default()).unwrap();
        for (i, c) in register.complaints.iter().enumerate() {
            for &f in &fields {
                let keys = keys(f);
                assert_eq!(
                    key_of(c, f).as_deref(),
                    Some(keys[i % keys.len()].as_str()),
                    "{code}: {f} entry {i}"
                );
            }
        }
    }
}
