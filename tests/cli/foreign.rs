//! Foreign registers read through their example mappings: US date order, status columns.

use crate::util::*;
use chrono::NaiveDate;
use klacht::config::Config;
use klacht::ingest::{load::load, ReadOptions};
use klacht::register::Status;

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
