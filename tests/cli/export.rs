//! `klacht export`: the tables read back with polars give the figures of `kpi.json` and the
//! durations of the written-out calendar; the findings are `check --json`'s; pseudonyms,
//! unreadable values and excluded rows, the CSV for Excel, errors, and byte-identical reruns.

use crate::util::*;
use chrono::NaiveDate;
use polars::prelude::*;
use polars_io::prelude::{ParquetReader, SerReader};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `klacht` in `dir` with `SOURCE_DATE_EPOCH` set, as a reproducible build would.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .output()
        .unwrap()
}

/// Runs `klacht export ARGS`, which must succeed; returns its terminal output.
fn export(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    assert!(
        out.status.success(),
        "export failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `kpi.json` of `klacht report REGISTER --period PERIOD`.
fn kpi(dir: &Path, register: &Path, period: &str) -> Value {
    let out_dir = dir.join(format!("report-{period}"));
    let out = run(
        dir,
        &[
            "report",
            arg(register),
            "--period",
            period,
            "--out",
            arg(&out_dir),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(out_dir.join("kpi.json")).unwrap()).unwrap()
}

fn read(path: &Path) -> DataFrame {
    ParquetReader::new(std::fs::File::open(path).unwrap())
        .finish()
        .unwrap()
}

fn strs(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    let c = df.column(name).unwrap();
    c.str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect()
}

fn longs(df: &DataFrame, name: &str) -> Vec<Option<i64>> {
    let c = df.column(name).unwrap().cast(&DataType::Int64).unwrap();
    c.i64().unwrap().iter().collect()
}

fn dates(df: &DataFrame, name: &str) -> Vec<Option<NaiveDate>> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let c = df.column(name).unwrap();
    assert_eq!(c.dtype(), &DataType::Date, "{name} is a DATE");
    let days = c.cast(&DataType::Int32).unwrap();
    let days = days.i32().unwrap();
    days.iter()
        .map(|d| d.map(|d| epoch + chrono::Days::new(u64::try_from(d).unwrap())))
        .collect()
}

/// The columns of a complaint the figures read.
struct Row {
    received: NaiveDate,
    closed: Option<NaiveDate>,
    ack: Option<NaiveDate>,
    urgency: Option<i64>,
    urgency_unreadable: bool,
    handling_wd: Option<i64>,
    handling_cd: Option<i64>,
    ack_wd: Option<i64>,
    ack_cd: Option<i64>,
}

fn rows(df: &DataFrame) -> Vec<Row> {
    let (received, closed, ack) = (
        dates(df, "received_date"),
        dates(df, "closed_date"),
        dates(df, "ack_date"),
    );
    let (urgency, unreadable) = (longs(df, "urgency"), strs(df, "unreadable"));
    let (hwd, hcd, awd, acd) = (
        longs(df, "handling_wd"),
        longs(df, "handling_cd"),
        longs(df, "ack_wd"),
        longs(df, "ack_cd"),
    );
    (0..df.height())
        .map(|i| Row {
            received: received[i].expect("every complaint has a date of receipt"),
            closed: closed[i],
            ack: ack[i],
            urgency: urgency[i],
            urgency_unreadable: unreadable[i]
                .as_deref()
                .is_some_and(|u| u.split(',').any(|f| f == "urgency")),
            handling_wd: hwd[i],
            handling_cd: hcd[i],
            ack_wd: awd[i],
            ack_cd: acd[i],
        })
        .collect()
}

/// Working days d with a < d ≤ b under the cao holidays written out in [`oracle`].
fn wd(a: NaiveDate, b: NaiveDate) -> i64 {
    oracle::working_days(oracle::List::Cao, a, b)
}

/// Every duration of the export against the written-out calendar, day by day: null without
/// an end date or with one before the received date.
fn durations_hold(rows: &[Row]) {
    let expect = |end: Option<NaiveDate>, r: &Row| {
        end.filter(|e| *e >= r.received)
            .map(|e| (wd(r.received, e), (e - r.received).num_days()))
    };
    for r in rows {
        let handling = expect(r.closed, r);
        assert_eq!(
            r.handling_wd,
            handling.map(|h| h.0),
            "handling {}",
            r.received
        );
        assert_eq!(r.handling_cd, handling.map(|h| h.1));
        let ack = expect(r.ack, r);
        assert_eq!(r.ack_wd, ack.map(|a| a.0), "ack {}", r.received);
        assert_eq!(r.ack_cd, ack.map(|a| a.1));
    }
}

/// The quarter `label` (`2026-Q3`) as its first and last day.
fn quarter(label: &str) -> (NaiveDate, NaiveDate) {
    let (year, q) = label.split_once("-Q").unwrap();
    let (year, q): (i32, u32) = (year.parse().unwrap(), q.parse().unwrap());
    let start = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1).unwrap();
    let next = start + chrono::Months::new(3);
    (start, next.pred_opt().unwrap())
}

/// received and closed of each quarter, and the handling time per urgency (n, median, p90)
/// counted from the exported rows, equal `kpi.json`'s of the report for that quarter.
fn figures_equal_kpi(dir: &Path, register: &Path, rows: &[Row], quarters: &[&str]) {
    for label in quarters {
        let k = kpi(dir, register, label);
        let (start, end) = quarter(label);
        let in_p = |d: NaiveDate| start <= d && d <= end;
        let received = rows.iter().filter(|r| in_p(r.received)).count();
        let closed: Vec<&Row> = rows.iter().filter(|r| r.closed.is_some_and(in_p)).collect();
        assert_eq!(k["received"], received as u64, "{label} received");
        assert_eq!(k["closed"], closed.len() as u64, "{label} closed");
        assert!(received > 0 && !closed.is_empty(), "{label} has complaints");

        let all: Vec<i64> = closed.iter().filter_map(|r| r.handling_wd).collect();
        assert_eq!(k["handling_wd"]["n"], all.len() as u64, "{label}");
        assert_eq!(k["handling_wd"]["median"].as_f64(), oracle::median(&all));
        assert_eq!(k["handling_wd"]["p90"].as_i64(), oracle::p90(&all));

        let by_urgency = k["by_urgency"].as_array().unwrap();
        assert_eq!(by_urgency.len(), 9, "1–8 and unclassified");
        for entry in by_urgency {
            let u = entry["urgency"].as_i64();
            let values: Vec<i64> = closed
                .iter()
                .filter(|r| r.urgency == u && !r.urgency_unreadable)
                .filter_map(|r| r.handling_wd)
                .collect();
            let h = &entry["handling_wd"];
            assert_eq!(h["n"], values.len() as u64, "{label} urgency {u:?}");
            assert_eq!(
                h["median"].as_f64(),
                oracle::median(&values),
                "{label} {u:?}"
            );
            assert_eq!(h["p90"].as_i64(), oracle::p90(&values), "{label} {u:?}");
        }
    }
}

#[test]
fn the_export_of_the_sample_gives_the_figures_of_kpi_json() {
    let dir = temp_dir("export-sample");
    let register = sample("klachtenregister-2025-2026.xlsx");
    let out = dir.join("export");
    let said = export(
        &dir,
        &[arg(&register), "--out", arg(&out), "--as-of", "2026-09-30"],
    );
    let complaints = read(&out.join("complaints.parquet"));
    let rows = rows(&complaints);
    durations_hold(&rows);
    figures_equal_kpi(&dir, &register, &rows, &["2026-Q2", "2026-Q3"]);

    // Every row accounted for: the complaints are the rows used.
    let (check, _) = check_json(&dir, &[arg(&register), "--as-of", "2026-09-30"]);
    assert_eq!(check["rows"]["used"], complaints.height() as u64);
    let r = &check["rows"];
    assert!(said.contains(&format!(
        "Rijen: {} gelezen = {} gebruikt + {} uitgesloten + {} leeg",
        r["read"], r["used"], r["excluded"], r["blank"]
    )));
    assert!(
        said.contains(&format!("({} klachten)", complaints.height())),
        "{said}"
    );
}

#[test]
fn the_export_of_20000_rows_gives_the_figures_of_kpi_json_and_the_register_as_written() {
    let dir = temp_dir("export-20k");
    let register = generated(&dir, "register.csv", 20_000, 23);
    let out = dir.join("export");
    // The Dutch name of the command.
    let mut args = vec!["exporteer", arg(&register), "--out", arg(&out)];
    args.extend(["--as-of", "2026-09-30"]);
    let done = run(&dir, &args);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let complaints = read(&out.join("complaints.parquet"));
    let rows = rows(&complaints);

    // The exported fields against the tests' own reading of the CSV, row by row.
    let written = read_generated(&register);
    assert_eq!(rows.len(), written.len());
    let urgencies = longs(&complaints, "urgency");
    let (causes, departments) = (strs(&complaints, "cause"), strs(&complaints, "department"));
    let natures = strs(&complaints, "nature");
    let due = dates(&complaints, "due_date");
    for (i, (r, g)) in rows.iter().zip(&written).enumerate() {
        assert_eq!(r.received, g.received, "row {i}");
        assert_eq!(
            (r.closed, r.ack, due[i]),
            (g.closed, g.ack, g.due),
            "row {i}"
        );
        assert_eq!(urgencies[i], g.urgency.map(i64::from), "row {i}");
        assert_eq!(causes[i], g.cause, "row {i}");
        assert_eq!(departments[i], g.department, "row {i}");
        let nature = g
            .technical
            .map(|t| if t { "technical" } else { "non_technical" });
        assert_eq!(natures[i].as_deref(), nature, "row {i}");
    }
    durations_hold(&rows);
    figures_equal_kpi(&dir, &register, &rows, &["2026-Q1", "2026-Q3"]);
}

/// `K-` and the first 6 hex digits of the SHA-256 of the name trimmed, lower-cased and with
/// runs of white space made one space (README, SPEC §6).
fn pseudonym(name: &str) -> String {
    use sha2::{Digest, Sha256};
    let normal = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let digest = Sha256::digest(normal.as_bytes());
    format!("K-{:02X}{:02X}{:02X}", digest[0], digest[1], digest[2])
}

#[test]
fn findings_are_those_of_check_json_and_customers_are_pseudonyms_unless_asked() {
    let dir = temp_dir("export-findings");
    let register = sample("klachtenregister-2025-2026.xlsx");
    for lang in ["nl", "en"] {
        let out = dir.join(format!("export-{lang}"));
        let args = ["--lang", lang, "export", arg(&register), "--out", arg(&out)];
        let done = run(&dir, &[&args[..], &["--as-of", "2026-09-30"]].concat());
        assert!(done.status.success());
        let f = read(&out.join("findings.parquet"));
        let (check, _) = check_json(
            &dir,
            &["--lang", lang, arg(&register), "--as-of", "2026-09-30"],
        );
        let items = check["items"].as_array().unwrap();
        assert_eq!(f.height(), items.len());
        assert!(items.len() > 50, "the sample has findings");
        let text = |name| strs(&f, name);
        let (code, severity, step, id, file, sheet, cell, value, message) = (
            text("code"),
            text("severity"),
            text("step"),
            text("id"),
            text("file"),
            text("sheet"),
            text("cell"),
            text("value"),
            text("message"),
        );
        let (row, line) = (longs(&f, "row"), longs(&f, "line"));
        let empty_null =
            |v: &Value| Some(v.as_str().unwrap().to_string()).filter(|s| !s.is_empty());
        for (i, item) in items.iter().enumerate() {
            assert_eq!(code[i].as_deref(), item["code"].as_str(), "{i}");
            assert_eq!(severity[i].as_deref(), item["severity"].as_str());
            assert_eq!(step[i].as_deref(), item["step"].as_str());
            assert_eq!(id[i], empty_null(&item["id"]), "{i}");
            assert_eq!(file[i].as_deref(), item["file"].as_str());
            assert_eq!(sheet[i].as_deref(), item["sheet"].as_str());
            assert_eq!(cell[i], empty_null(&item["cell"]), "{i}");
            assert_eq!(value[i], empty_null(&item["value"]), "{i}");
            assert_eq!(message[i].as_deref(), item["message"].as_str(), "{i}");
            assert_eq!(line[i], item["line"].as_i64(), "{i}");
            // The row is the number in the cell's address.
            let digits: String = item["cell"]
                .as_str()
                .unwrap()
                .chars()
                .skip_while(|c| c.is_ascii_alphabetic())
                .take_while(char::is_ascii_digit)
                .collect();
            assert_eq!(row[i], digits.parse().ok(), "{i}");
        }
    }

    // Names only when asked; the pseudonym is the report's, from the name (a generated
    // register: it has customer numbers too).
    let register = generated(&dir, "register.csv", 400, 5);
    let (named, hidden) = (dir.join("named"), dir.join("hidden"));
    export(
        &dir,
        &[arg(&register), "--out", arg(&named), "--show-names"],
    );
    export(&dir, &[arg(&register), "--out", arg(&hidden)]);
    let hidden = read(&hidden.join("complaints.parquet"));
    let shown = read(&named.join("complaints.parquet"));
    for column in ["customer", "customer_id"] {
        let (hidden, shown) = (strs(&hidden, column), strs(&shown, column));
        assert!(
            shown.iter().flatten().count() > 100,
            "{column} is filled in"
        );
        assert!(
            shown.iter().flatten().all(|s| !s.starts_with("K-")),
            "{column}: names"
        );
        for (h, s) in hidden.iter().zip(&shown) {
            assert_eq!(h, &s.as_deref().map(pseudonym), "{column}");
        }
    }
}

/// A register of four rows: an unreadable urgency and closed date, a formula-like description,
/// costs, a totals row and a row without a date of receipt.
const SMALL: &str = "\
Klachtnummer;Datum ontvangst;Wijze van ontvangst;Klant;Omschrijving;Aard;Urgentie;Behandelaar;Datum ontvangstbevestiging;Oorzaak;Datum afgehandeld;Kosten
K-1;06-07-2026;e-mail;Jansen;Lekkage bij de unit;technisch;hoog;Piet;07-07-2026;koudemiddellekkage;31-02-2026;\"1.234,56\"
K-2;08-07-2026;brief;De Vries;=HYPERLINK(\"x\");niet-technisch;7;Kees;;Koudemiddel lekkage;10-07-2026;€ -95
;;;;Totaal;;;;;;;
K-3;;telefoon;Bakker;Geen datum;technisch;3;Piet;;;;
";

fn small(dir: &Path) -> PathBuf {
    let path = dir.join("register.csv");
    std::fs::write(&path, SMALL).unwrap();
    path
}

#[test]
fn unreadable_values_are_null_and_named_excluded_rows_are_findings() {
    let dir = temp_dir("export-small");
    let register = small(&dir);
    let out = dir.join("export");
    let said = export(
        &dir,
        &[arg(&register), "--out", arg(&out), "--as-of", "2026-09-30"],
    );
    assert!(
        said.contains("Rijen: 4 gelezen = 2 gebruikt + 2 uitgesloten + 0 leeg"),
        "{said}"
    );

    let c = read(&out.join("complaints.parquet"));
    let schema = c.schema();
    let types = [
        ("received_date", DataType::Date),
        ("urgency", DataType::Int8),
        ("cost", DataType::Decimal(18, 2)),
        ("id_derived", DataType::Boolean),
        ("handling_wd", DataType::Int32),
        ("row", DataType::Int64),
        ("channel", DataType::String),
    ];
    for (name, dtype) in types {
        assert_eq!(schema.get(name), Some(&dtype), "{name}");
    }
    assert_eq!(strs(&c, "id"), [Some("K-1".into()), Some("K-2".into())]);
    assert_eq!(longs(&c, "urgency"), [None, Some(7)]);
    assert_eq!(
        strs(&c, "unreadable"),
        [Some("urgency,closed_date".into()), None]
    );
    assert_eq!(
        dates(&c, "closed_date"),
        [None, NaiveDate::from_ymd_opt(2026, 7, 10)]
    );
    // Wed 8 → Fri 10 July: Thursday and Friday. Mon 6 → Tue 7: one.
    assert_eq!(longs(&c, "handling_wd"), [None, Some(2)]);
    assert_eq!(longs(&c, "ack_wd"), [Some(1), None]);
    assert_eq!(
        strs(&c, "channel"),
        [Some("email".into()), Some("letter".into())]
    );
    assert_eq!(
        strs(&c, "nature"),
        [Some("technical".into()), Some("non_technical".into())]
    );
    let cents = c.column("cost").unwrap().cast(&DataType::Float64).unwrap();
    let cents: Vec<Option<f64>> = cents.f64().unwrap().iter().collect();
    assert_eq!(cents, [Some(1234.56), Some(-95.0)]);
    // Both spellings are one cause group, named by the first.
    assert_eq!(
        strs(&c, "cause_group"),
        [
            Some("koudemiddellekkage".into()),
            Some("koudemiddellekkage".into())
        ]
    );
    assert_eq!(
        strs(&c, "description")[1].as_deref(),
        Some("=HYPERLINK(\"x\")")
    );
    assert_eq!(strs(&c, "customer")[0], Some(pseudonym("Jansen")));
    assert_eq!(longs(&c, "row"), [Some(2), Some(3)]);
    assert_eq!(longs(&c, "line"), [Some(2), Some(3)]);
    assert_eq!(strs(&c, "sheet"), [None, None]);
    assert_eq!(strs(&c, "file"), vec![Some(arg(&register).to_string()); 2]);

    // The texts as written are the findings' values; the row without a date is a finding at
    // its row, the totals row none.
    let f = read(&out.join("findings.parquet"));
    let (code, value, row, id) = (
        strs(&f, "code"),
        strs(&f, "value"),
        longs(&f, "row"),
        strs(&f, "id"),
    );
    let at = |want: &str, r: i64| {
        (0..f.height())
            .filter(|&i| code[i].as_deref() == Some(want) && row[i] == Some(r))
            .collect::<Vec<usize>>()
    };
    let unreadable = at("unreadable-value", 2);
    let values: Vec<Option<&str>> = unreadable.iter().map(|&i| value[i].as_deref()).collect();
    assert_eq!(values, [Some("hoog"), Some("31-02-2026")]);
    assert_eq!(id[unreadable[0]].as_deref(), Some("K-1"));
    let no_date = at("missing-received-date", 5);
    assert_eq!(no_date.len(), 1);
    assert_eq!(id[no_date[0]], None, "an excluded row is no complaint");
    assert!(!row.contains(&Some(4)), "the totals row has no finding");
}

/// A cell of the Parquet table as the CSV should write it: decimal comma, ISO dates,
/// formula-like text with a leading apostrophe, nulls empty.
fn csv_cell(c: &Column, i: usize) -> String {
    match c.get(i).unwrap() {
        AnyValue::Null => String::new(),
        AnyValue::String(s) if s.starts_with(['=', '+', '-', '@']) => format!("'{s}"),
        AnyValue::String(s) => s.to_string(),
        AnyValue::Date(days) => (NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
            + chrono::TimeDelta::days(i64::from(days)))
        .to_string(),
        AnyValue::Decimal(v, _, scale) => {
            assert_eq!(scale, 2);
            let sign = if v < 0 { "-" } else { "" };
            format!("{sign}{},{:02}", v.abs() / 100, v.abs() % 100)
        }
        other => other.to_string(),
    }
}

#[test]
fn the_csv_holds_the_same_tables_for_dutch_excel() {
    let dir = temp_dir("export-csv");
    let register = small(&dir);
    let (pq, csv) = (dir.join("parquet"), dir.join("csv"));
    export(
        &dir,
        &[arg(&register), "--out", arg(&pq), "--as-of", "2026-09-30"],
    );
    let said = export(
        &dir,
        &[
            arg(&register),
            "--out",
            arg(&csv),
            "--format",
            "csv",
            "--as-of",
            "2026-09-30",
        ],
    );
    assert!(said.contains("complaints.csv"), "{said}");
    for table in ["complaints", "findings"] {
        let bytes = std::fs::read(csv.join(format!("{table}.csv"))).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
        let df = read(&pq.join(format!("{table}.parquet")));
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(header, names, "{table}");
        let records: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), df.height());
        for (i, record) in records.iter().enumerate() {
            for (c, cell) in df.columns().iter().zip(record.iter()) {
                assert_eq!(cell, csv_cell(c, i), "{table} row {i} {}", c.name());
            }
        }
    }
    let complaints = std::fs::read_to_string(csv.join("complaints.csv")).unwrap();
    assert!(complaints.contains(";1234,56;"), "decimal comma");
    assert!(complaints.contains(";-95,00;"));
    assert!(complaints.contains(";2026-07-06;"), "ISO dates");
    assert!(
        complaints.contains(";\"'=HYPERLINK(\"\"x\"\")\";"),
        "no formula"
    );
}

#[test]
fn exporting_twice_gives_the_same_bytes() {
    let dir = temp_dir("export-twice");
    let register = sample("klachtenregister-2025-2026.xlsx");
    for format in ["parquet", "csv"] {
        let (a, b) = (
            dir.join(format!("a-{format}")),
            dir.join(format!("b-{format}")),
        );
        let base = [arg(&register), "--format", format, "--as-of", "2026-09-30"];
        export(&dir, &[&base[..], &["--out", arg(&a)]].concat());
        std::thread::sleep(std::time::Duration::from_millis(1100));
        // Without SOURCE_DATE_EPOCH too: nothing in the files depends on the time.
        let out = klacht_in(
            &dir,
            &[&["export"], &base[..], &["--out", arg(&b)]].concat(),
        );
        assert!(out.status.success());
        for table in ["complaints", "findings"] {
            let name = format!("{table}.{format}");
            let (x, y) = (
                std::fs::read(a.join(&name)).unwrap(),
                std::fs::read(b.join(&name)).unwrap(),
            );
            assert!(x.len() > 1000);
            assert!(x == y, "{name} differs between two exports");
        }
    }
    // The metadata: the Arrow schema, the version and the calendar; no time.
    let mut reader =
        ParquetReader::new(std::fs::File::open(dir.join("a-parquet/complaints.parquet")).unwrap());
    let meta = reader.get_metadata().unwrap().clone();
    let pairs: Vec<(String, Option<String>)> = meta
        .key_value_metadata()
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|kv| (kv.key, kv.value))
        .collect();
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["ARROW:schema", "klacht.version", "klacht.calendar"]);
    assert_eq!(pairs[2].1.as_deref(), Some("cao"));
}

#[test]
fn a_folder_that_cannot_be_written_or_a_bad_register_stops_with_nothing_half_written() {
    let dir = temp_dir("export-errors");
    let register = sample("klachtenregister-2025-2026.xlsx");

    // --out names a file.
    let file = dir.join("a-file");
    std::fs::write(&file, "keep").unwrap();
    let out = run(&dir, &["export", arg(&register), "--out", arg(&file)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a-file") && err.contains("kan niet geschreven worden"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");

    // An earlier export stays as it was when the second table cannot be put in place.
    let earlier = dir.join("earlier");
    std::fs::create_dir_all(earlier.join("findings.parquet")).unwrap();
    std::fs::write(earlier.join("complaints.parquet"), "old").unwrap();
    let out = run(&dir, &["export", arg(&register), "--out", arg(&earlier)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("findings.parquet"));
    assert_eq!(
        std::fs::read_to_string(earlier.join("complaints.parquet")).unwrap(),
        "old"
    );
    let left: Vec<_> = std::fs::read_dir(&earlier).unwrap().collect();
    assert_eq!(left.len(), 2, "no temporary file left");

    // A register that cannot be read: exit 2, no folder made.
    let missing = dir.join("geen-register.xlsx");
    let never = dir.join("never");
    let out = run(&dir, &["export", arg(&missing), "--out", arg(&never)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("geen-register.xlsx"));
    assert!(!never.exists());

    // The register itself is never overwritten.
    let folder = dir.join("in-place");
    std::fs::create_dir_all(&folder).unwrap();
    let input = folder.join("complaints.csv");
    std::fs::write(&input, SMALL).unwrap();
    let out = run(
        &dir,
        &[
            "export",
            arg(&input),
            "--out",
            arg(&folder),
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), SMALL);
    assert!(!folder.join("findings.csv").exists());
}

/// The shared registers, read through their example mappings (foreign headers, US dates,
/// free text): one exported row per complaint `check` uses, and its findings, one for one.
#[test]
fn each_shared_register_exports_one_row_per_complaint_and_every_finding() {
    let registers = [
        ("boston311.toml", "boston311_2022_100rows_qsv.csv"),
        ("cfpb.toml", "cfpb_2013_cuny_msda.csv"),
        ("comcast.toml", "comcast_fcc_complaints_2015.tsv.csv"),
        ("nyc311-2022.toml", "nyc311_2022-05_pyboot.csv"),
        ("nyc311-2024.toml", "nyc311_2024-04_socrata_api.csv"),
    ];
    for (config, file) in registers {
        let dir = temp_dir(&format!("export-shared-{file}"));
        let out = dir.join("export");
        let (config, register) = (mapping(config), shared(file));
        let as_of = ["--as-of", "2026-09-30"];
        let args = [
            &["--config", arg(&config), arg(&register), "--out", arg(&out)][..],
            &as_of,
        ]
        .concat();
        export(&dir, &args);
        let (check, _) = check_json(
            &dir,
            &[&["--config", arg(&config), arg(&register)][..], &as_of].concat(),
        );
        let complaints = read(&out.join("complaints.parquet"));
        assert_eq!(
            complaints.height() as u64,
            check["rows"]["used"].as_u64().unwrap(),
            "{file}"
        );
        assert!(complaints.height() > 0, "{file}");
        let findings = read(&out.join("findings.parquet"));
        assert_eq!(
            findings.height(),
            check["items"].as_array().unwrap().len(),
            "{file}"
        );
    }
}
