//! The rules on registers with planted gaps: `klacht check --json` must report exactly what
//! the generator planted, per rule. The rules that depend on the reference date (`overdue`,
//! `stale`, `dispute-window`) are counted here independently, day by day, from the complaints
//! as the library loads them.

use crate::util::*;
use chrono::{Months, NaiveDate};
use klacht::base::Rule;
use klacht::config::Config;
use klacht::ingest::{load::load, ReadOptions};
use klacht::register::CustomerType;
use klacht::sample::{demo_planted, sample_planted, PlantedCounts, SampleOptions};
use std::collections::BTreeMap;
use std::path::Path;

const AS_OF: &str = "2026-09-30";

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Working days d with a < d ≤ b under the cao holidays of SPEC §4 as written out in
/// [`oracle`], one day at a time.
fn working_days(a: NaiveDate, b: NaiveDate) -> i64 {
    oracle::working_days(oracle::List::Cao, a, b)
}

/// `overdue`, `stale` and `dispute-window` at `as_of`, counted from the complaints of `path`
/// with the default targets (10 working days for urgency 1–3, 20 for 4–7 and unclassified,
/// none for 8; stale after 10; dispute signal at 10 months).
fn date_dependent(path: &Path, as_of: NaiveDate) -> [(Rule, usize); 3] {
    let register = load(
        &[path.to_path_buf()],
        &Config::default(),
        &ReadOptions::default(),
    )
    .expect("the sample loads");
    let (mut overdue, mut stale, mut dispute) = (0, 0, 0);
    for c in &register.complaints {
        let open = c.received <= as_of && c.closed_date.is_none_or(|d| d > as_of);
        if !open {
            continue;
        }
        let age = working_days(c.received, as_of);
        let late = match (c.due_date, c.urgency.map(|u| u.number())) {
            (Some(due), _) => as_of > due,
            (None, Some(1..=3)) => age > 10,
            (None, Some(8)) => false,
            (None, _) => age > 20,
        };
        overdue += usize::from(late);
        if let Some(u) = c.last_update.filter(|u| *u <= as_of) {
            stale += usize::from(working_days(u, as_of) > 10);
        }
        if c.customer_type == Some(CustomerType::Consumer) {
            let ten = c.received.checked_add_months(Months::new(10)).unwrap();
            dispute += usize::from(ten <= as_of);
        }
    }
    [
        (Rule::Overdue, overdue),
        (Rule::Stale, stale),
        (Rule::DisputeWindow, dispute),
    ]
}

/// Every rule with the count `check` must report: planted, counted here, or else zero.
fn expected(planted: &PlantedCounts, path: &Path) -> BTreeMap<&'static str, u64> {
    let mut all: BTreeMap<&'static str, u64> = Rule::ALL.iter().map(|r| (r.code(), 0)).collect();
    let dated = date_dependent(path, NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap());
    for (rule, n) in planted.by_rule().into_iter().chain(dated) {
        all.insert(rule.code(), n as u64);
    }
    all
}

/// The per-rule counts of `klacht check --json --as-of 2026-09-30 FILE`, zeros included.
fn reported(file: &Path) -> (BTreeMap<&'static str, u64>, serde_json::Value) {
    let name = file.file_name().unwrap().to_string_lossy();
    let dir = temp_dir(&format!("planted-{name}"));
    let (doc, code) = check_json(&dir, &["--as-of", AS_OF, arg(file)]);
    // Exit 1: `check` fails on errors by default, and every sample here has planted errors
    // (missing handlers, status conflicts; `assert_planted_found` checks they were planted).
    assert_eq!(code, 1, "exit {code}");
    let counts = Rule::ALL
        .iter()
        .map(|r| {
            let n = doc["findings"]["by_rule"][r.code()].as_u64().unwrap_or(0);
            (r.code(), n)
        })
        .collect();
    (counts, doc)
}

/// The rules whose counts differ, as `code: reported ≠ expected`.
fn differences(got: &BTreeMap<&str, u64>, want: &BTreeMap<&str, u64>) -> Vec<String> {
    want.iter()
        .filter(|(code, n)| got.get(*code) != Some(n))
        .map(|(code, n)| format!("{code}: {} ≠ {n}", got.get(code).copied().unwrap_or(0)))
        .collect()
}

fn assert_planted_found(file: &Path, planted: &PlantedCounts) {
    let (got, doc) = reported(file);
    let want = expected(planted, file);
    assert_eq!(
        doc["rows"]["used"],
        planted.complaints as u64,
        "{}: every planted complaint used",
        file.display()
    );
    let diff = differences(&got, &want);
    assert!(diff.is_empty(), "{}: {diff:#?}", file.display());
    // The independent counts are not vacuous: the sample has open, overdue complaints.
    assert!(want["overdue"] > 0, "{want:?}");
    // The errors that make `reported` expect exit 1.
    assert!(
        want["missing-handler"] > 0 && want["status-conflict"] > 0,
        "{want:?}"
    );
}

#[test]
fn the_demo_workbook_reports_exactly_the_planted_gaps() {
    assert_planted_found(&sample("klachtenregister-2025-2026.xlsx"), &demo_planted());
}

#[test]
fn the_demo_csv_reports_exactly_the_planted_gaps() {
    assert_planted_found(&sample("klachtenregister-2025-2026.csv"), &demo_planted());
}

#[test]
fn a_generated_sample_reports_exactly_the_planted_gaps() {
    let dir = temp_dir("sample-2000");
    let out = klacht_in(
        &dir,
        &["sample", "--rows", "2000", "--seed", "9", "--out", "x.csv"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let opts = SampleOptions {
        rows: 2000,
        seed: 9,
        ..SampleOptions::default()
    };
    assert_planted_found(&dir.join("x.csv"), &sample_planted(&opts).unwrap());
}

#[test]
fn the_independent_working_day_count_knows_the_holidays() {
    // Thursday 24 → Monday 29 December 2025 crosses Christmas and a weekend: 1 working day.
    assert_eq!(working_days(ymd(2025, 12, 24), ymd(2025, 12, 29)), 1);
    assert_eq!(working_days(ymd(2026, 4, 2), ymd(2026, 4, 7)), 2);
    assert_eq!(working_days(ymd(2026, 9, 16), ymd(2026, 9, 30)), 10);
    // Goede Vrijdag (3 April 2026) is a holiday under the atw only.
    let atw = oracle::working_days(oracle::List::Atw, ymd(2026, 4, 2), ymd(2026, 4, 7));
    assert_eq!(atw, 1);
}

/// A register of two complaints acknowledged across Easter and Christmas, checked in `dir`.
fn holiday_register(dir: &Path) -> serde_json::Value {
    let reg = dir.join("feestdagen.csv");
    std::fs::write(
        &reg,
        "Klachtnummer;Datum ontvangst;Omschrijving;Behandelaar;Datum ontvangstbevestiging\n\
         K-1;02-04-2026;Airco koelt niet;Jan;07-04-2026\n\
         K-2;24-12-2025;Storing koelcel;Jan;29-12-2025\n\
         K-3;24-12-2025;Storing vriescel;Jan;30-12-2025\n",
    )
    .unwrap();
    let (doc, _) = check_json(dir, &["--as-of", AS_OF, arg(&reg)]);
    doc
}

/// The ids of the late acknowledgements, with their working days.
fn late_acks(doc: &serde_json::Value) -> Vec<(String, String)> {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["code"] == "late-acknowledgement")
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn late_acknowledgement_counts_working_days_across_easter_and_christmas() {
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    // cao (default): Goede Vrijdag 3 April 2026 is a working day, Tweede Paasdag 6 April not:
    // Thursday 2 → Tuesday 7 April is 2 working days, late against the target of 1.
    // Christmas: Wednesday 24 → Monday 29 December 2025 is 1 working day; → Tuesday 30 is 2.
    let cao = temp_dir("holidays-cao");
    assert_eq!(
        late_acks(&holiday_register(&cao)),
        [s("K-1", "2"), s("K-3", "2")]
    );
    // atw, from klacht.toml in the working directory: Goede Vrijdag is off too, so 1.
    let atw = temp_dir("holidays-atw");
    std::fs::write(atw.join("klacht.toml"), "[calendar]\nprofile = \"atw\"\n").unwrap();
    assert_eq!(late_acks(&holiday_register(&atw)), [s("K-3", "2")]);
}

/// Complaints entered twice: the demo register with fifty of its rows appended again as they
/// are (same number, customer, date and description). Each copy is one more `duplicate-id`
/// (within the file) and one more `possible-duplicate` (same customer and day, same text),
/// and the rows before them keep their findings.
#[test]
fn rows_entered_twice_are_duplicate_ids_and_possible_duplicates() {
    let dir = temp_dir("entered-twice");
    let demo = std::fs::read(sample("klachtenregister-2025-2026.csv")).unwrap();
    let lines: Vec<&[u8]> = demo.split(|&b| b == b'\n').collect();
    // Rows whose number, customer name and description are plainly there (fields 0, 3, 6;
    // no quoting), as a second, simple reading of the file.
    let plain = |line: &&[u8]| {
        let fields: Vec<&[u8]> = line.split(|&b| b == b';').collect();
        !line.contains(&b'"')
            && fields.len() > 6
            && [0, 3, 6].iter().all(|&k| {
                fields[k].len() > 3 && fields[k].first().is_some_and(u8::is_ascii_alphanumeric)
            })
    };
    let copies: Vec<&[u8]> = lines[1..].iter().copied().filter(plain).take(50).collect();
    assert_eq!(copies.len(), 50);
    let mut twice = demo.clone();
    if !twice.ends_with(b"\n") {
        twice.push(b'\n');
    }
    for line in &copies {
        twice.extend_from_slice(line);
        twice.push(b'\n');
    }
    let path = dir.join("twice.csv");
    std::fs::write(&path, twice).unwrap();

    let (before, _) = check_json(
        &dir,
        &[
            "--as-of",
            AS_OF,
            arg(&sample("klachtenregister-2025-2026.csv")),
        ],
    );
    let (after, _) = check_json(&dir, &["--as-of", AS_OF, arg(&path)]);
    for rule in ["duplicate-id", "possible-duplicate"] {
        assert_eq!(count(&after, rule), count(&before, rule) + 50, "{rule}");
    }
}
