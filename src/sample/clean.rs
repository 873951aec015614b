//! The clean sample: every field of the template in its own column, one complaint per row.
//! Written row by row from the generator into one reused buffer, so a million rows take
//! seconds and little memory.

use super::content::{DEPARTMENTS, STAFF};
use super::model::{self, Generator, Row};
use super::{output_error, SampleOptions};
use crate::error::Result;
use crate::register::{CustomerType, Field};
use crate::Lang;
use chrono::{NaiveDate, NaiveTime};
use rust_xlsxwriter::{DocProperties, Format, Workbook};
use std::io::Write;
use std::path::Path;

/// Data rows a worksheet holds below its header.
pub(super) const XLSX_MAX_ROWS: usize = 1_048_575;

/// One cell of the clean register.
enum Value<'a> {
    Empty,
    Text(&'a str),
    Date(NaiveDate),
    Int(u8),
    Cents(u32),
}

/// The value of `field` for `row`; text built in `tmp` (cleared by the caller).
fn value<'a>(row: &Row, field: Field, lang: Lang, salt: u64, tmp: &'a mut String) -> Value<'a> {
    let text = |s: Option<&'a str>| s.map_or(Value::Empty, Value::Text);
    let staff = |i: Option<u8>| text(i.and_then(|i| STAFF.get(usize::from(i))).map(|p| p.name));
    let date = |d: Option<NaiveDate>| d.map_or(Value::Empty, Value::Date);
    match field {
        Field::Id => row.push_id(tmp),
        Field::ReceivedDate => return Value::Date(row.received),
        Field::Channel => return text(row.channel.map(|c| c.label(lang))),
        Field::Customer => model::push_customer_name(tmp, row.customer, row.business, salt),
        Field::CustomerId => {
            tmp.push('K');
            model::push_uint(tmp, u64::from(row.customer), 6);
        }
        Field::CustomerType => {
            let t = if row.business {
                CustomerType::Business
            } else {
                CustomerType::Consumer
            };
            return Value::Text(t.label(lang));
        }
        Field::JobRef => row.push_job(tmp),
        Field::Description => row.push_description(tmp),
        Field::Nature => return text(row.nature.map(|n| n.label(lang))),
        Field::Urgency => return row.urgency.map_or(Value::Empty, |u| Value::Int(u.number())),
        Field::Handler => return staff(row.handler),
        Field::ContactPerson => return staff(row.contact),
        Field::Assessor => return staff(row.assessor),
        Field::HandlingMode => return text(row.mode.map(|m| m.label(lang))),
        Field::AckDate => return date(row.ack),
        Field::Department => return text(DEPARTMENTS.get(usize::from(row.department)).copied()),
        Field::DueDate => return date(row.due),
        Field::Cause => return text(row.cause_text()),
        Field::Solution => return text(row.solution_text()),
        Field::ClosedDate => return date(row.closed),
        Field::Status => return Value::Text(row.status.label(lang)),
        Field::LastUpdate => return date(row.last_update),
        Field::Justified => return text(row.justified.map(|j| j.label(lang))),
        Field::Cost => return row.cost_cents.map_or(Value::Empty, Value::Cents),
        Field::Satisfaction => return row.satisfaction.map_or(Value::Empty, Value::Int),
        Field::Notes => row.push_note(tmp),
    }
    if tmp.is_empty() {
        Value::Empty
    } else {
        Value::Text(tmp)
    }
}

/// Appends a CSV field, quoted only when it must be.
pub(super) fn push_csv_field(line: &mut String, s: &str) {
    if s.bytes().any(|b| matches!(b, b';' | b'"' | b'\n' | b'\r')) {
        line.push('"');
        line.push_str(&s.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(s);
    }
}

/// `1234,56`: euros with a decimal comma, no thousands separator.
fn push_cents(line: &mut String, cents: u32) {
    model::push_uint(line, u64::from(cents / 100), 1);
    line.push(',');
    model::push_uint(line, u64::from(cents % 100), 2);
}

pub(super) fn write_csv(opts: &SampleOptions, path: &Path) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| output_error(path, &e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut line = String::with_capacity(1024);
    let mut tmp = String::with_capacity(256);
    line.push('\u{feff}');
    for (i, f) in Field::ALL.iter().enumerate() {
        if i > 0 {
            line.push(';');
        }
        push_csv_field(&mut line, f.header(opts.lang));
    }
    line.push_str("\r\n");
    for row in Generator::new(opts.rows, opts.seed, opts.start, opts.end, &model::CLEAN) {
        for (i, f) in Field::ALL.iter().enumerate() {
            if i > 0 {
                line.push(';');
            }
            tmp.clear();
            match value(&row, *f, opts.lang, opts.seed, &mut tmp) {
                Value::Empty => {}
                Value::Text(s) => push_csv_field(&mut line, s),
                Value::Date(d) => model::push_date(&mut line, d),
                Value::Int(n) => model::push_uint(&mut line, u64::from(n), 1),
                Value::Cents(c) => push_cents(&mut line, c),
            }
        }
        line.push_str("\r\n");
        w.write_all(line.as_bytes())
            .map_err(|e| output_error(path, &e))?;
        line.clear();
    }
    w.write_all(line.as_bytes())
        .map_err(|e| output_error(path, &e))?;
    let file = w.into_inner().map_err(|e| output_error(path, e.error()))?;
    file.sync_all().map_err(|e| output_error(path, &e))
}

/// Fixed document properties, so the same options give the same bytes.
pub(super) fn properties(title: &str, created: NaiveDate) -> DocProperties {
    DocProperties::new()
        .set_title(title)
        .set_company(super::content::COMPANY)
        .set_creation_datetime(&created.and_time(NaiveTime::MIN))
}

pub(super) fn write_xlsx(opts: &SampleOptions, path: &Path) -> Result<()> {
    let err = |e: rust_xlsxwriter::XlsxError| output_error(path, &e);
    let mut wb = Workbook::new();
    wb.set_properties(&properties(
        opts.lang.pick("Klachtenregister", "Complaint register"),
        opts.end,
    ));
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let money = Format::new().set_num_format("#,##0.00");
    // Constant-memory mode streams rows to a temporary file: a million rows in bounded memory.
    let ws = wb.add_worksheet_with_constant_memory().map_err(err)?;
    ws.set_name(opts.lang.pick("Klachtenregister", "Complaints"))
        .map_err(err)?;
    for (c, f) in Field::ALL.iter().enumerate() {
        let c = c as u16;
        let width = match f {
            Field::Description => 70.0,
            Field::Customer | Field::Solution | Field::Notes => 30.0,
            Field::Cause | Field::Handler | Field::ContactPerson | Field::Assessor => 20.0,
            _ => 14.0,
        };
        ws.set_column_width(c, width).map_err(err)?;
        ws.write_string_with_format(0, c, f.header(opts.lang), &bold)
            .map_err(err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    let mut tmp = String::with_capacity(256);
    for (r, row) in
        Generator::new(opts.rows, opts.seed, opts.start, opts.end, &model::CLEAN).enumerate()
    {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, f) in Field::ALL.iter().enumerate() {
            let c = c as u16;
            tmp.clear();
            match value(&row, *f, opts.lang, opts.seed, &mut tmp) {
                Value::Empty => {}
                Value::Text(s) => {
                    ws.write_string(r, c, s).map_err(err)?;
                }
                Value::Date(d) => {
                    ws.write_date_with_format(r, c, d, &date).map_err(err)?;
                }
                Value::Int(n) => {
                    ws.write_number(r, c, f64::from(n)).map_err(err)?;
                }
                Value::Cents(cents) => {
                    ws.write_number_with_format(r, c, f64::from(cents) / 100.0, &money)
                        .map_err(err)?;
                }
            }
        }
    }
    wb.save(path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::super::tests::temp_dir;
    use super::super::write_sample;
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn csv(opts: &SampleOptions, name: &str) -> String {
        let dir = temp_dir("clean");
        let path = dir.join(name);
        write_sample(opts, &path).unwrap();
        let s = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        s
    }

    fn parse_date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%d-%m-%Y").unwrap()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let opts = SampleOptions {
            rows: 2000,
            ..SampleOptions::default()
        };
        let a = csv(&opts, "a.csv");
        let b = csv(&opts, "b.csv");
        assert_eq!(a, b);
        let c = csv(&SampleOptions { seed: 2, ..opts }, "c.csv");
        assert_ne!(a, c);
    }

    #[test]
    fn csv_has_the_template_header_and_exactly_the_rows() {
        let opts = SampleOptions {
            rows: 1234,
            ..SampleOptions::default()
        };
        let text = csv(&opts, "rows.csv");
        assert!(text.starts_with('\u{feff}'));
        assert!(text.ends_with("\r\n"));
        let lines: Vec<&str> = text
            .trim_start_matches('\u{feff}')
            .split_terminator("\r\n")
            .collect();
        assert_eq!(lines.len(), 1235);
        let header: Vec<&str> = Field::ALL.iter().map(|f| f.header(Lang::Nl)).collect();
        assert_eq!(lines[0], header.join(";"));
        assert!(lines
            .iter()
            .all(|l| l.split(';').count() == Field::ALL.len() && !l.contains('"')));
    }

    #[test]
    fn csv_rows_are_consistent() {
        let opts = SampleOptions {
            rows: 3000,
            seed: 42,
            start: d(2024, 3, 1),
            end: d(2025, 2, 28),
            lang: Lang::Nl,
        };
        let text = csv(&opts, "consistent.csv");
        let col = |f: Field| Field::ALL.iter().position(|x| *x == f).unwrap();
        let planted = super::super::sample_planted(&opts).unwrap();
        let (mut status_conflicts, mut nature_conflicts) = (0, 0);
        for line in text.lines().skip(1) {
            let v: Vec<&str> = line.split(';').collect();
            let received = parse_date(v[col(Field::ReceivedDate)]);
            assert!(received >= opts.start && received <= opts.end, "{line}");
            for f in [
                Field::AckDate,
                Field::ClosedDate,
                Field::LastUpdate,
                Field::DueDate,
            ] {
                if !v[col(f)].is_empty() {
                    let x = parse_date(v[col(f)]);
                    assert!(x >= received && x <= opts.end, "{line}");
                }
            }
            let closed = !v[col(Field::ClosedDate)].is_empty();
            status_conflicts += usize::from(closed != (v[col(Field::Status)] == "afgehandeld"));
            if v[col(Field::Urgency)] == "7" {
                nature_conflicts += usize::from(v[col(Field::Nature)] == "technisch");
            }
            let cost = v[col(Field::Cost)];
            assert!(
                cost.is_empty()
                    || cost
                        .split_once(',')
                        .is_some_and(|(e, c)| e.parse::<u32>().is_ok() && c.len() == 2),
                "{cost}"
            );
            let urgency = v[col(Field::Urgency)];
            assert!(urgency.is_empty() || (1..=8).contains(&urgency.parse::<u8>().unwrap()));
        }
        assert_eq!(status_conflicts, planted.status_conflict);
        assert_eq!(nature_conflicts, planted.nature_conflict);
        assert!(status_conflicts > 0 && nature_conflicts > 0);
    }

    #[test]
    fn english_sample_uses_english_headers_and_labels() {
        let opts = SampleOptions {
            rows: 300,
            lang: Lang::En,
            ..SampleOptions::default()
        };
        let text = csv(&opts, "en.csv");
        let first = text.lines().next().unwrap();
        assert!(first.contains("Date received;Channel;Customer"), "{first}");
        assert!(text.contains(";closed;") && text.contains(";e-mail;"));
        assert!(!text.contains(";afgehandeld;"));
    }

    #[test]
    fn cells_are_quoted_only_when_needed() {
        let mut s = String::new();
        push_csv_field(&mut s, "a;b");
        s.push('|');
        push_csv_field(&mut s, "zei \"nee\"");
        s.push('|');
        push_csv_field(&mut s, "café");
        assert_eq!(s, "\"a;b\"|\"zei \"\"nee\"\"\"|café");
        let mut c = String::new();
        push_cents(&mut c, 123_405);
        c.push(' ');
        push_cents(&mut c, 7);
        assert_eq!(c, "1234,05 0,07");
    }

    #[test]
    fn xlsx_has_real_dates_and_the_same_rows_as_csv() {
        let dir = temp_dir("xlsx");
        let opts = SampleOptions {
            rows: 400,
            seed: 3,
            ..SampleOptions::default()
        };
        let path = dir.join("s.xlsx");
        write_sample(&opts, &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        write_sample(&opts, &path).unwrap();
        assert_eq!(bytes, std::fs::read(&path).unwrap(), "xlsx is byte-stable");
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        let range = wb.worksheet_range("Klachtenregister").unwrap();
        assert_eq!(range.height(), 401);
        assert_eq!(
            range.get((0, 1)),
            Some(&Data::String("Datum ontvangst".into()))
        );
        let text = csv(&opts, "s.csv");
        for (r, line) in text.lines().skip(1).enumerate() {
            let v: Vec<&str> = line.split(';').collect();
            match range.get((r + 1, 1)) {
                Some(Data::DateTime(dt)) => {
                    assert_eq!(dt.as_datetime().unwrap().date(), parse_date(v[1]));
                }
                other => panic!("received date is not a date cell: {other:?}"),
            }
            assert_eq!(range.get((r + 1, 0)), Some(&Data::String(v[0].to_string())));
        }
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn too_many_rows_for_a_worksheet_is_a_usage_error() {
        let opts = SampleOptions {
            rows: XLSX_MAX_ROWS + 1,
            ..SampleOptions::default()
        };
        let err = write_sample(&opts, Path::new("big.xlsx")).unwrap_err();
        assert_eq!(err.code(), "E-usage");
    }
}
