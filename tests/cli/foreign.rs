//! Reports on the five real registers through their mappings, and the figures that the data
//! itself states: Boston's own overdue verdict, the NYC closed counts.

use crate::util::*;
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
