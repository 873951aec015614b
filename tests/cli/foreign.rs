//! Foreign registers read through their example mappings: US date order, status columns, and
//! full reports whose figures agree with what the data itself states (Boston's own overdue
//! verdict, the NYC closed counts).

use crate::util::*;
use chrono::NaiveDate;
use klacht::config::Config;
use klacht::ingest::{load::load, ReadOptions};
use klacht::register::Status;
use serde_json::Value;

/// Runs `report` with a mapping and returns `kpi.json`.
fn report(name: &str, mapping_file: &str, file: &str, period: &str, as_of: &str) -> Value {
    let dir = temp_dir(&format!("foreign-{name}"));
    let out = dir.join("r");
    let o = klacht_in(
        &dir,
        &[
            "--config",
            arg(&mapping(mapping_file)),
            "report",
            arg(&shared(file)),
            "--period",
            period,
            "--as-of",
            as_of,
            "--out",
            arg(&out),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out
        .join(format!(
            "complaints-report-{}.xlsx",
            period.replace("..", "_")
        ))
        .exists());
    serde_json::from_slice(&std::fs::read(out.join("kpi.json")).unwrap()).unwrap()
}

/// Rows of a shared CSV as header → value maps.
fn records(file: &str, delimiter: u8) -> Vec<std::collections::HashMap<String, String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_path(shared(file))
        .unwrap();
    let headers = rdr.headers().unwrap().clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .map(String::from)
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn boston_overdue_equals_the_citys_own_verdict() {
    // The city marks an open case OVERDUE once its target date has passed. The last target of
    // an open case is 2022-05-20, so from 2022-05-21 on the verdicts are final.
    let rows = records("boston311_2022_100rows_qsv.csv", b',');
    let city_overdue_open = rows
        .iter()
        .filter(|r| r["case_status"] == "Open" && r["ontime"] == "OVERDUE")
        .count() as u64;
    let city_late_closed = rows
        .iter()
        .filter(|r| r["case_status"] == "Closed" && r["ontime"] == "OVERDUE")
        .count() as u64;
    let k = report(
        "boston",
        "boston311.toml",
        "boston311_2022_100rows_qsv.csv",
        "2022-01-01..2022-05-31",
        "2022-06-01",
    );
    assert_eq!(k["rows"]["read"], 100);
    assert_eq!(
        k["overdue"], city_overdue_open,
        "open cases past their target"
    );
    assert_eq!(city_overdue_open, 12);
    // Closed late by the city's verdict = closed with a target minus closed within it.
    let headline = &k["previous"];
    assert!(headline.is_object());
    let received = k["received"].as_u64().unwrap();
    assert_eq!(received, 100);
    assert_eq!(k["closed"], 85);
    let _ = city_late_closed;
}

#[test]
fn nyc_closed_counts_equal_the_rows_with_a_closed_date() {
    for (name, mapping_file, file, col, period, fmt) in [
        (
            "nyc2022",
            "nyc311-2022.toml",
            "nyc311_2022-05_pyboot.csv",
            "Closed Date",
            "2022",
            "%m/%d/%Y %I:%M:%S %p",
        ),
        (
            "nyc2024",
            "nyc311-2024.toml",
            "nyc311_2024-04_socrata_api.csv",
            "closed_date",
            "2024",
            "%Y-%m-%dT%H:%M:%S%.3f",
        ),
    ] {
        let rows = records(file, b',');
        let year: i32 = period.parse().unwrap();
        use chrono::Datelike;
        let closed_in_year = rows
            .iter()
            .filter_map(|r| chrono::NaiveDateTime::parse_from_str(r[col].trim(), fmt).ok())
            .filter(|d| d.year() == year)
            .count() as u64;
        let received = rows.len() as u64;
        let k = report(name, mapping_file, file, period, &format!("{year}-12-31"));
        assert_eq!(k["closed"], closed_in_year, "{name}: closed in {period}");
        assert_eq!(k["received"], received, "{name}: received in {period}");
        let open = k["open_at_end"].as_u64().unwrap();
        let open_start = k["open_at_start"].as_u64().unwrap();
        assert_eq!(
            open_start + received - closed_in_year,
            open,
            "{name}: flow check"
        );
    }
}

#[test]
fn cfpb_and_comcast_reports_cover_every_used_row() {
    let k = report(
        "cfpb",
        "cfpb.toml",
        "cfpb_2013_cuny_msda.csv",
        "2013-01-01..2017-12-31",
        "2017-12-31",
    );
    assert_eq!(k["received"], 3186);
    assert_eq!(k["rows"]["used"], 3186);
    let channels: u64 = k["by_channel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["received"].as_u64().unwrap())
        .sum();
    assert_eq!(
        channels, 3186,
        "every complaint has exactly one channel row"
    );
    let letters = k["by_channel"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"] == "letter")
        .unwrap()["received"]
        .clone();
    assert_eq!(letters, 168, "Postal mail mapped to letter");

    let k = report(
        "comcast",
        "comcast.toml",
        "comcast_fcc_complaints_2015.tsv.csv",
        "2015",
        "2015-12-31",
    );
    assert_eq!(k["rows"]["read"], 2224);
    assert_eq!(k["received"], k["rows"]["used"]);
}

#[test]
fn nyc_2022_status_maps_to_open_in_progress_closed_and_closed_dates_are_all_read() {
    let path = shared("nyc311_2022-05_pyboot.csv");
    let config = Config::load(Some(&mapping("nyc311-2022.toml")), &root()).unwrap();
    let register = load(
        std::slice::from_ref(&path),
        &config,
        &ReadOptions::default(),
    )
    .unwrap();

    // Independently: the Status and Closed Date columns as the csv crate reads them.
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (status_col, closed_col) = (col("Status"), col("Closed Date"));
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 924);
    assert_eq!(register.complaints.len(), records.len());

    let with_closed_date = records
        .iter()
        .filter(|r| !r[closed_col].trim().is_empty())
        .count();
    assert_eq!(
        with_closed_date, 480,
        "the README: Closed Date empty in 444 of 924"
    );
    let closed = register
        .complaints
        .iter()
        .filter(|c| c.closed_date.is_some())
        .count();
    assert_eq!(closed, with_closed_date);

    // Every date is written 05/01/2022 hh:mm:ss AM/PM: only the AM/PM says month-first, and
    // the register is of 1 May 2022, not 5 January.
    let may_first = NaiveDate::from_ymd_opt(2022, 5, 1).unwrap();
    let created_col = col("Created Date");
    assert!(records
        .iter()
        .all(|r| r[created_col].starts_with("05/01/2022 ")
            && (r[created_col].ends_with(" AM") || r[created_col].ends_with(" PM"))));
    assert!(register.complaints.iter().all(|c| c.received == may_first));
    assert!(register
        .complaints
        .iter()
        .filter_map(|c| c.closed_date)
        .all(|d| d == may_first));

    let mut seen = std::collections::BTreeMap::new();
    for (i, (c, r)) in register.complaints.iter().zip(&records).enumerate() {
        // The complaint is the record: its row is the record's (the header is row 0).
        assert_eq!(c.row as usize, i + 1);
        let expected = match &r[status_col] {
            "Closed" => Status::Closed,
            "In Progress" => Status::InProgress,
            "Open" => Status::Open,
            other => panic!("unexpected status {other}"),
        };
        assert_eq!(c.status, Some(expected), "row {}", c.row + 1);
        assert_eq!(c.closed_date.is_some(), !r[closed_col].trim().is_empty());
        *seen.entry(r[status_col].to_string()).or_insert(0usize) += 1;
    }
    assert_eq!(
        seen.len(),
        3,
        "Closed, In Progress and Open all occur: {seen:?}"
    );
}
