//! The template written whole and read back: sheets, headers, lists, validations, formats and
//! texts.

use super::register_sheet::{column_width, FIRST_DATE, LAST_DATE};
use super::texts::{example, explanation, need_label, need_sentence};
use super::*;
use crate::register::{
    Channel, CustomerType, Field, FieldKind, HandlingMode, Justified, Nature, Status, Urgency,
};
use calamine::{open_workbook, Data, Reader, SheetVisible, Xlsx};
use chrono::NaiveDate;
use std::path::PathBuf;

/// A fresh directory per test, removed by the test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("klacht-template-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn written(name: &str, lang: Lang, company: Option<&str>) -> (PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let path = dir.join("klachtenregister.xlsx");
    write_template(&path, lang, company).unwrap();
    (dir, path)
}

fn rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// One part of the xlsx (a zip) as text: calamine 0.38 reads no data validations, tables
/// or notes.
fn part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name} missing from {}: {e}", path.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The value of attribute `name` in the element text `el`.
fn attr<'a>(el: &'a str, name: &str) -> Option<&'a str> {
    let start = el.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = el[start..].find('"')?;
    Some(&el[start..start + len])
}

/// The text of the first `<tag>` inside `el`.
fn inner<'a>(el: &'a str, tag: &str) -> Option<&'a str> {
    let start = el.find(&format!("<{tag}>"))? + tag.len() + 2;
    let len = el[start..].find(&format!("</{tag}>"))?;
    Some(&el[start..start + len])
}

/// `<dataValidation>` elements by their `sqref`.
fn validations(sheet_xml: &str) -> Vec<(String, String)> {
    sheet_xml
        .split("<dataValidation ")
        .skip(1)
        .map(|el| {
            // Keep the space before the first attribute, as `attr` expects.
            let el = format!(" {}", &el[..el.find("</dataValidation>").unwrap()]);
            (attr(&el, "sqref").unwrap().to_string(), el)
        })
        .collect()
}

fn letters(col: usize) -> String {
    rust_xlsxwriter::column_number_to_name(col as u16)
}

#[test]
fn sheets_are_register_instructions_and_a_hidden_lists_sheet() {
    for lang in [Lang::Nl, Lang::En] {
        let (dir, path) = written("sheets", lang, None);
        let wb: Xlsx<_> = open_workbook(&path).unwrap();
        let sheets: Vec<_> = wb
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible))
            .collect();
        assert_eq!(
            sheets,
            vec![
                (register_sheet_name(lang).to_string(), SheetVisible::Visible),
                (
                    instructions_sheet_name(lang).to_string(),
                    SheetVisible::Visible
                ),
                (lists_sheet_name(lang).to_string(), SheetVisible::Hidden),
            ]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
    assert_eq!(register_sheet_name(Lang::Nl), "Klachtenregister");
    assert_eq!(instructions_sheet_name(Lang::En), "Instructions");
}

#[test]
fn the_header_row_is_the_canonical_headers_in_field_order_and_nothing_else() {
    for lang in [Lang::Nl, Lang::En] {
        let (dir, path) = written("header", lang, None);
        let rows = rows(&path, register_sheet_name(lang));
        let expected: Vec<String> = Field::ALL
            .iter()
            .map(|f| f.header(lang).to_string())
            .collect();
        // Only the header: formats and validations add no cells, so a reader sees an
        // empty register, not 1,000 blank rows.
        assert_eq!(rows, vec![expected]);
        std::fs::remove_dir_all(dir).unwrap();
    }
    assert_eq!(Field::ALL[1].header(Lang::Nl), "Datum ontvangst");
}

#[test]
fn the_lists_sheet_holds_each_drop_down_column() {
    for lang in [Lang::Nl, Lang::En] {
        let (dir, path) = written("lists", lang, None);
        let rows = rows(&path, lists_sheet_name(lang));
        let fields: Vec<Field> = Field::ALL
            .iter()
            .copied()
            .filter(|&f| dropdown_entries(f, lang).is_some())
            .collect();
        assert_eq!(
            fields,
            vec![
                Field::Channel,
                Field::CustomerType,
                Field::Nature,
                Field::Urgency,
                Field::HandlingMode,
                Field::Status,
                Field::Justified,
            ]
        );
        for (col, field) in fields.iter().enumerate() {
            assert_eq!(rows[0][col], field.header(lang));
            let entries = dropdown_entries(*field, lang).unwrap();
            let column: Vec<&str> = rows[1..]
                .iter()
                .map(|r| r[col].as_str())
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(column, entries, "{field}");
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn drop_down_entries_are_the_vocabularies_and_urgency_numbers_lead() {
    let urgency = dropdown_entries(Field::Urgency, Lang::Nl).unwrap();
    assert_eq!(urgency.len(), 8);
    assert_eq!(
        urgency[0],
        "1 - NVKL geschillenbemiddeling / SGB / rechtszaak (door klant ingezet)"
    );
    assert_eq!(
        urgency[7],
        "8 - melding dat klant bij een volgende opdracht iets anders/beter wil"
    );
    // Too long for a typed-in list (Excel's limit is 255): hence the lists sheet.
    assert!(urgency.join(",").len() > 255);
    for (entry, u) in urgency.iter().zip(Urgency::ALL) {
        let number: u8 = entry.split(" - ").next().unwrap().parse().unwrap();
        assert_eq!(Urgency::new(number), Some(u));
    }
    assert_eq!(
        dropdown_entries(Field::Urgency, Lang::En).unwrap()[4],
        "5 - warranty claim"
    );
    assert_eq!(
        dropdown_entries(Field::Status, Lang::Nl).unwrap(),
        vec!["open", "in behandeling", "afgehandeld", "heropend"]
    );
    assert_eq!(
        dropdown_entries(Field::Channel, Lang::Nl).unwrap(),
        vec![
            "brief",
            "fax",
            "e-mail",
            "telefoon",
            "mondeling",
            "website/formulier",
            "anders"
        ]
    );
    assert_eq!(
        dropdown_entries(Field::Justified, Lang::En).unwrap(),
        vec!["yes", "no", "partly"]
    );
    for field in [
        Field::Id,
        Field::ReceivedDate,
        Field::Cost,
        Field::Satisfaction,
        Field::Notes,
    ] {
        assert_eq!(dropdown_entries(field, Lang::Nl), None);
    }
    // Every entry is distinct, so each reads back as one value.
    for lang in [Lang::Nl, Lang::En] {
        for &field in Field::ALL {
            if let Some(entries) = dropdown_entries(field, lang) {
                let mut unique = entries.clone();
                unique.sort();
                unique.dedup();
                assert_eq!(unique.len(), entries.len(), "{field}");
            }
        }
    }
}

#[test]
fn every_column_has_its_validation_over_the_data_rows() {
    let date_serial =
        |d: NaiveDate| (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
    for lang in [Lang::Nl, Lang::En] {
        let (dir, path) = written("validation", lang, None);
        let sheet = part(&path, "xl/worksheets/sheet1.xml");
        let found = validations(&sheet);
        let lists = rows(&path, lists_sheet_name(lang));
        let mut expected = 0;
        for (col, &field) in Field::ALL.iter().enumerate() {
            let sqref = format!("{0}2:{0}1001", letters(col));
            let el = found
                .iter()
                .find(|(s, _)| *s == sqref)
                .map(|(_, el)| el.as_str());
            match (field.kind(), dropdown_entries(field, lang)) {
                (FieldKind::Text, _) => assert_eq!(el, None, "{field}"),
                (FieldKind::Date, _) => {
                    let el = el.unwrap();
                    assert_eq!(attr(el, "type"), Some("date"));
                    assert_eq!(attr(el, "showInputMessage"), Some("1"));
                    assert_eq!(attr(el, "promptTitle"), Some(field.header(lang)));
                    let first = date_serial(FIRST_DATE).to_string();
                    let last = date_serial(LAST_DATE).to_string();
                    assert_eq!(inner(el, "formula1"), Some(first.as_str()));
                    assert_eq!(inner(el, "formula2"), Some(last.as_str()));
                }
                (FieldKind::Money, _) => {
                    let el = el.unwrap();
                    assert_eq!(attr(el, "type"), Some("decimal"));
                    assert_eq!(attr(el, "operator"), Some("greaterThanOrEqual"));
                    assert_eq!(inner(el, "formula1"), Some("0"));
                }
                // A score 1–10, a warning only: `ja` / `nee` are answers too.
                (FieldKind::Satisfaction, _) => {
                    let el = el.unwrap();
                    assert_eq!(attr(el, "type"), Some("whole"));
                    assert_eq!(attr(el, "errorStyle"), Some("warning"));
                    assert_eq!(inner(el, "formula1"), Some("1"));
                    assert_eq!(inner(el, "formula2"), Some("10"));
                }
                (_, Some(entries)) => {
                    let el = el.unwrap();
                    assert_eq!(attr(el, "type"), Some("list"), "{field}");
                    assert_eq!(attr(el, "errorStyle"), Some("warning"));
                    // `Lijsten!$C$2:$C$4`: that column of the lists sheet holds the entries.
                    let formula = inner(el, "formula1").unwrap();
                    let (sheet_name, range) = formula.split_once('!').unwrap();
                    assert_eq!(sheet_name, lists_sheet_name(lang));
                    let (from, to) = range.split_once(':').unwrap();
                    let col_of = |cell: &str| cell.split('$').nth(1).unwrap().to_string();
                    let row_of =
                        |cell: &str| cell.split('$').nth(2).unwrap().parse::<usize>().unwrap();
                    assert_eq!(col_of(from), col_of(to));
                    assert_eq!(row_of(from), 2);
                    assert_eq!(row_of(to), entries.len() + 1);
                    let list_col = (0..lists[0].len())
                        .find(|&c| letters(c) == col_of(from))
                        .unwrap();
                    assert_eq!(lists[0][list_col], field.header(lang));
                    let listed: Vec<&str> = lists[1..=entries.len()]
                        .iter()
                        .map(|r| r[list_col].as_str())
                        .collect();
                    assert_eq!(listed, entries);
                }
                (kind, None) => panic!("{field}: {kind:?} without entries"),
            }
            expected += usize::from(field.kind() != FieldKind::Text);
        }
        assert_eq!(found.len(), expected, "no other validations");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn formats_table_notes_and_frozen_header_are_in_the_file() {
    let (dir, path) = written("parts", Lang::Nl, None);
    let (sheet, styles, table, notes) = (
        part(&path, "xl/worksheets/sheet1.xml"),
        part(&path, "xl/styles.xml"),
        part(&path, "xl/tables/table1.xml"),
        part(&path, "xl/comments1.xml"),
    );
    assert!(styles.contains("formatCode=\"dd-mm-yyyy\""));
    assert!(styles.contains("formatCode=\"[$€-413] #,##0.00\""));
    assert!(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""));
    let last = letters(Field::ALL.len() - 1);
    assert!(table.contains(&format!("ref=\"A1:{last}1001\"")), "{table}");
    assert!(table.contains("autoFilter"));
    assert_eq!(notes.matches("<comment ").count(), Field::ALL.len());
    assert!(notes.contains("Behandelaar") || notes.contains("behandeling neemt"));
    assert_eq!(notes.matches("Verplicht.").count(), 3);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn two_runs_give_identical_bytes_and_the_creation_time_is_fixed() {
    let dir = temp_dir("bytes");
    let (a, b) = (dir.join("a.xlsx"), dir.join("b.xlsx"));
    write_template(&a, Lang::Nl, Some("Koeltechniek Jansen BV")).unwrap();
    write_template(&b, Lang::Nl, Some("Koeltechniek Jansen BV")).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let core = part(&a, "docProps/core.xml");
    let created = creation_time(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref());
    let stamp = created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    assert!(core.contains(&stamp), "{core}");
    assert!(core.contains("<dc:title>Klachtenregister</dc:title>"));
    let app = part(&a, "docProps/app.xml");
    assert!(app.contains("<Company>Koeltechniek Jansen BV</Company>"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_creation_time_comes_from_source_date_epoch_or_a_fixed_date() {
    let fixed = DateTime::from_timestamp(FIXED_EPOCH, 0).unwrap();
    assert_eq!(fixed.to_rfc3339(), "2026-01-01T00:00:00+00:00");
    assert_eq!(creation_time(None), fixed);
    assert_eq!(creation_time(Some("not a number")), fixed);
    assert_eq!(creation_time(Some("")), fixed);
    assert_eq!(
        creation_time(Some(" 1700000000 ")).to_rfc3339(),
        "2023-11-14T22:13:20+00:00"
    );
}

#[test]
fn the_instructions_explain_steps_urgency_and_every_column() {
    let (dir, path) = written("instructions", Lang::Nl, Some("Koeltechniek Jansen BV"));
    let rows = rows(&path, instructions_sheet_name(Lang::Nl));
    assert_eq!(rows[0][0], "Klachtenregister – Koeltechniek Jansen BV");
    let first = |text: &str| rows.iter().position(|r| r[0] == text);
    for step in [
        "1. Ontvangst",
        "2. Registreren",
        "3. Beoordelen",
        "4. Ontvangstbevestiging",
        "5. Opvolging",
        "6. Actie",
    ] {
        assert!(first(step).is_some(), "{step}");
    }
    for u in Urgency::ALL {
        let at = first(&u.number().to_string()).unwrap();
        assert_eq!(rows[at][1], u.label(Lang::Nl));
    }
    let legal = first("1").unwrap();
    assert!(rows[legal][3].contains("schriftelijk"));
    assert_eq!(rows[legal][2], "10 werkdagen");
    for &field in Field::ALL {
        let at = first(field.header(Lang::Nl)).unwrap_or_else(|| panic!("{field}"));
        let [_, what, need, example] = &rows[at][..] else {
            panic!("{field}: four columns")
        };
        assert!(what.starts_with(explanation(field, Lang::Nl)));
        assert_eq!(need, need_label(field.need(), Lang::Nl));
        assert!(!example.is_empty());
        // Examples of drop-down columns are entries, date examples are dd-mm-yyyy.
        if let Some(entries) = dropdown_entries(field, Lang::Nl) {
            assert!(entries.contains(example), "{field}: {example}");
        }
        if field.kind() == FieldKind::Date {
            assert!(NaiveDate::parse_from_str(example, "%d-%m-%Y").is_ok());
        }
    }
    let status = first("Status").unwrap();
    assert!(rows[status][1].ends_with("Kies uit: open, in behandeling, afgehandeld, heropend."));
    let handler = first("Behandelaar").unwrap();
    assert_eq!(rows[handler][2], "verplicht");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn english_instructions_and_examples_are_english() {
    let (dir, path) = written("english", Lang::En, None);
    let rows = rows(&path, instructions_sheet_name(Lang::En));
    assert_eq!(rows[0][0], "Complaint register");
    let at = rows.iter().position(|r| r[0] == "Handling mode").unwrap();
    assert_eq!(rows[at][3], "conversation");
    assert_eq!(rows[at][2], "recommended");
    assert!(rows.iter().any(|r| r[0] == "3. Assessment"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn texts_fit_excels_limits_for_notes_and_input_messages() {
    for lang in [Lang::Nl, Lang::En] {
        for &field in Field::ALL {
            assert!(
                field.header(lang).chars().count() <= 32,
                "input title {field}"
            );
            let message = format!(
                "{} {}",
                explanation(field, lang),
                need_sentence(field.need(), lang)
            );
            assert!(message.encode_utf16().count() <= 255, "{field}");
            assert!(explanation(field, lang).ends_with('.'), "{field}");
        }
    }
}

#[test]
fn column_widths_fit_headers_and_content() {
    for lang in [Lang::Nl, Lang::En] {
        for &field in Field::ALL {
            let width = column_width(field, lang);
            for word in field.header(lang).split_whitespace() {
                assert!(width >= word.chars().count() as f64 + 3.0, "{field}");
            }
        }
    }
    assert_eq!(column_width(Field::LastUpdate, Lang::Nl), 12.0);
    assert_eq!(column_width(Field::Cost, Lang::Nl), 12.0);
    // "ontvangst" plus room for the filter button.
    assert_eq!(column_width(Field::ReceivedDate, Lang::Nl), 13.0);
    assert_eq!(column_width(Field::Description, Lang::Nl), 42.0);
    // "ontvangstbevestiging" is one long word.
    assert_eq!(column_width(Field::AckDate, Lang::Nl), 24.0);
    // Fits "website/formulier".
    assert_eq!(column_width(Field::Channel, Lang::Nl), 21.0);
}

/// Reads `entries` back with the importer's parser and expects `all`, in order.
fn reads_back<T: PartialEq + std::fmt::Debug + Copy>(
    field: Field,
    lang: Lang,
    all: &[T],
    parse: fn(&crate::ingest::Raw) -> std::result::Result<Option<T>, ()>,
) {
    let entries = dropdown_entries(field, lang).unwrap();
    assert_eq!(entries.len(), all.len(), "{field}");
    for (entry, &value) in entries.iter().zip(all) {
        let raw = crate::ingest::Raw::Text(entry.clone());
        assert_eq!(parse(&raw), Ok(Some(value)), "{field} {lang:?}: {entry}");
    }
}

#[test]
fn every_drop_down_entry_reads_back_as_its_value() {
    use crate::ingest::value;
    for lang in [Lang::Nl, Lang::En] {
        reads_back(Field::Urgency, lang, &Urgency::ALL, |r| {
            value::parse_urgency(r)
        });
        reads_back(Field::Channel, lang, Channel::ALL, |r| {
            value::parse_channel(r)
        });
        reads_back(Field::Nature, lang, Nature::ALL, |r| value::parse_nature(r));
        reads_back(Field::CustomerType, lang, CustomerType::ALL, |r| {
            value::parse_customer_type(r)
        });
        reads_back(Field::HandlingMode, lang, HandlingMode::ALL, |r| {
            value::parse_handling_mode(r)
        });
        reads_back(Field::Status, lang, Status::ALL, |r| value::parse_status(r));
        reads_back(Field::Justified, lang, Justified::ALL, |r| {
            value::parse_justified(r)
        });
    }
}

#[test]
fn every_example_of_the_instructions_reads_back() {
    use crate::ingest::{value, Raw};
    for lang in [Lang::Nl, Lang::En] {
        for &field in Field::ALL {
            let raw = Raw::Text(example(field, lang));
            let read = match field.kind() {
                FieldKind::Text => value::parse_text(&raw).map(|v| v.is_some()),
                FieldKind::Date => value::parse_date(&raw, false).map(|v| {
                    v.and_then(|d| d.resolve(crate::base::DayOrder::DayFirst))
                        .is_some()
                }),
                FieldKind::Money => {
                    value::parse_money(&raw).map(|v| v == Some(crate::register::Cents(18_500)))
                }
                FieldKind::Satisfaction => {
                    value::parse_satisfaction(&raw).map(|v| v.is_some_and(|s| s.score() == Some(4)))
                }
                // Drop-down examples are entries; the test above reads those back.
                _ => Ok(dropdown_entries(field, lang)
                    .unwrap()
                    .contains(&example(field, lang))),
            };
            assert_eq!(read, Ok(true), "{field} {lang:?}");
        }
    }
}

#[test]
fn an_unwritable_output_is_an_error_and_leaves_no_temporary_file() {
    let dir = temp_dir("unwritable");
    let target = dir.join("bestaat-al");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("x"), "x").unwrap();
    let err = write_template(&target, Lang::Nl, None).unwrap_err();
    assert_eq!(err.code(), "E-output");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "only the directory"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
