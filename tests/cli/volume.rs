//! Complaints per 1,000 work orders (issue 19, SPEC §5 complaint rate): `klacht sample` writes
//! the work orders that go with its register; `report` with `[volume]` (a file or the months
//! themselves) gives `kpi.rate_per_1000`, each rate checked against the test's own count of
//! the register's rows and its own reading of the volume; a month without a volume has none;
//! mistakes name their file and line or cell; without a volume nothing is shown.

use crate::util::*;
use calamine::{Data, Reader};
use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `report` in `dir` with `args`; the terminal output and `kpi.json` of `out`.
fn report(dir: &Path, out: &Path, args: &[&str]) -> (String, Value) {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend(["--out", arg(out)]);
    let run = klacht_in(dir, &all);
    assert_eq!(
        run.status.code(),
        Some(0),
        "report failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let kpi = serde_json::from_slice(&std::fs::read(out.join("kpi.json")).unwrap()).unwrap();
    (String::from_utf8_lossy(&run.stdout).into_owned(), kpi)
}

/// The volume file as the test reads it: (month, department, work orders) per line.
fn read_volume(path: &Path) -> Vec<(NaiveDate, String, u64)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|line| {
            let parts: Vec<&str> = line.split(';').collect();
            let month = NaiveDate::parse_from_str(&format!("{}-01", parts[0]), "%Y-%m-%d");
            (
                month.unwrap(),
                parts[1].to_string(),
                parts[2].parse().unwrap(),
            )
        })
        .collect()
}

/// The months `from..=to` (first days).
fn months(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = vec![from];
    while *out.last().unwrap() < to {
        out.push(*out.last().unwrap() + chrono::Months::new(1));
    }
    out
}

fn last_day(month: NaiveDate) -> NaiveDate {
    month + chrono::Months::new(1) - chrono::Days::new(1)
}

/// The test's own rate: complaints × 1000 / work orders, none without work orders.
fn rate(complaints: usize, work_orders: Option<u64>) -> Option<f64> {
    work_orders
        .filter(|&n| n > 0)
        .map(|n| complaints as f64 * 1000.0 / n as f64)
}

/// `got` is `expected`: both none, or equal but for the last bits (serde_json reads a
/// float back to within an ulp, not always to the bit).
fn same(got: Option<f64>, expected: Option<f64>) -> bool {
    match (got, expected) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * b.abs().max(1.0),
        _ => false,
    }
}

/// Asserts that the JSON value `got` is the rate `expected` (`null` for none).
#[track_caller]
fn assert_rate(got: &Value, expected: Option<f64>, what: &str) {
    assert!(
        same(got.as_f64(), expected) && (got.is_null() == expected.is_none()),
        "{what}: {got} vs {expected:?}"
    );
}

/// A generated register with the work orders `klacht sample` wrote beside it.
struct Fixture {
    dir: PathBuf,
    register: PathBuf,
    rows: Vec<Generated>,
    volume: Vec<(NaiveDate, String, u64)>,
}

fn fixture(name: &str) -> Fixture {
    let dir = temp_dir(name);
    let register = generated(&dir, "register.csv", 4000, 19);
    let volume_file = dir.join("register-werkbonnen.csv");
    assert!(
        volume_file.exists(),
        "klacht sample writes the work orders beside the register"
    );
    Fixture {
        rows: read_generated(&register),
        volume: read_volume(&volume_file),
        register,
        dir,
    }
}

impl Fixture {
    /// Complaints received in `from..=to`, of `department` if given.
    fn received(&self, from: NaiveDate, to: NaiveDate, department: Option<&str>) -> usize {
        self.rows
            .iter()
            .filter(|r| from <= r.received && r.received <= to)
            .filter(|r| department.is_none_or(|d| r.department.as_deref() == Some(d)))
            .count()
    }

    /// The company's work orders per month: the sum of its departments (the file has no
    /// total lines).
    fn totals(&self) -> BTreeMap<NaiveDate, u64> {
        let mut out = BTreeMap::new();
        for (m, _, n) in &self.volume {
            *out.entry(*m).or_default() += n;
        }
        out
    }
}

/// The work orders of `months` in `volume`, when every one has a number.
fn over(volume: &BTreeMap<NaiveDate, u64>, months: &[NaiveDate]) -> Option<u64> {
    months.iter().map(|m| volume.get(m).copied()).sum()
}

#[test]
fn sample_volume_file_gives_the_rate_for_every_period_month_and_department() {
    let f = fixture("volume-file");
    std::fs::write(
        f.dir.join("klacht.toml"),
        "[volume]\nfile = \"register-werkbonnen.csv\"\n",
    )
    .unwrap();
    let out = f.dir.join("out");
    let (terminal, k) = report(&f.dir, &out, &[arg(&f.register), "--period", "2026-Q3"]);
    let r = &k["rate_per_1000"];
    let totals = f.totals();
    // Every month of the sample has work orders, in three departments.
    assert_eq!(totals.len(), 21);
    let quarter = |y, m| months(ymd(y, m, 1), ymd(y, m + 2, 1));
    for (key, (y, m)) in [
        ("received", (2026, 7)),
        ("previous", (2026, 4)),
        ("year_ago", (2025, 7)),
    ] {
        let q = quarter(y, m);
        let n = f.received(q[0], last_day(q[2]), None);
        assert!(n > 100, "{key}: {n}");
        assert_rate(&r[key], rate(n, over(&totals, &q)), key);
    }
    // Per department, as the file names them.
    let q3 = quarter(2026, 7);
    let departments: Vec<&str> = r["by_department"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["department"].as_str().unwrap())
        .collect();
    assert_eq!(
        departments,
        ["Installatie/Projecten", "Koeltechniek", "Service"]
    );
    for d in r["by_department"].as_array().unwrap() {
        let name = d["department"].as_str().unwrap();
        let n = f.received(q3[0], last_day(q3[2]), Some(name));
        let orders: u64 = f
            .volume
            .iter()
            .filter(|(m, dept, _)| dept == name && q3.contains(m))
            .map(|(_, _, n)| n)
            .sum();
        assert_eq!(d["complaints"].as_u64(), Some(n as u64), "{name}");
        assert_eq!(d["work_orders"].as_u64(), Some(orders), "{name}");
        assert_rate(&d["rate"], rate(n, Some(orders)), name);
    }
    // Per month of the trend: the register starts in January 2025.
    let trend = months(ymd(2025, 1, 1), ymd(2026, 9, 1));
    let per_month = r["months"].as_array().unwrap();
    assert_eq!(per_month.len(), trend.len());
    for (m, row) in trend.iter().zip(per_month) {
        assert_eq!(row["month"], m.format("%Y-%m").to_string());
        let n = f.received(*m, last_day(*m), None);
        assert_eq!(row["complaints"].as_u64(), Some(n as u64));
        assert_eq!(row["work_orders"].as_u64(), totals.get(m).copied());
        assert_rate(
            &row["rate"],
            rate(n, totals.get(m).copied()),
            &row["month"].to_string(),
        );
    }
    // The sample's work is seasonal with its complaints: the rate stays within 20–45.
    for row in per_month {
        let x = row["rate"].as_f64().unwrap();
        assert!((20.0..45.0).contains(&x), "{row}");
    }
    assert!(
        terminal.contains("klachten per 1.000 werkbonnen"),
        "{terminal}"
    );
    // In Dutch, with a decimal comma.
    let shown = format!("{:.1}", r["received"].as_f64().unwrap()).replace('.', ",");
    assert!(terminal.contains(&shown), "{terminal}");

    // The workbook shows them beside the counts.
    let book = out.join("klachtenrapport-2026-Q3.xlsx");
    let mut wb = calamine::open_workbook_auto(&book).unwrap();
    let summary = wb.worksheet_range("Samenvatting").unwrap();
    let row = find_row(&summary, "Klachten per 1.000 werkbonnen").expect("headline row");
    let round2 = |x: f64| (x * 100.0).round() / 100.0;
    let values: Vec<Option<f64>> = (1..=3).map(|c| cell_number(&summary, row, c)).collect();
    let expected: Vec<Option<f64>> = ["received", "previous", "year_ago"]
        .iter()
        .map(|k| r[*k].as_f64().map(round2))
        .collect();
    for (v, e) in values.iter().zip(&expected) {
        assert!(same(*v, *e), "{values:?} vs {expected:?}");
    }
    let trend_sheet = wb.worksheet_range("Trend").unwrap();
    let header = find_row(&trend_sheet, "Maand").unwrap();
    let col = |name: &str| {
        (0..trend_sheet.width() as u32)
            .find(|&c| text_at(&trend_sheet, header, c) == name)
            .unwrap_or_else(|| panic!("Trend has no column {name}"))
    };
    let (orders_col, rate_col) = (col("Werkbonnen"), col("Klachten per 1.000 werkbonnen"));
    for (i, row) in per_month.iter().enumerate() {
        let at = header + 1 + i as u32;
        assert_eq!(text_at(&trend_sheet, at, 0), row["month"].as_str().unwrap());
        assert_eq!(
            cell_number(&trend_sheet, at, orders_col),
            row["work_orders"].as_f64()
        );
        assert!(same(
            cell_number(&trend_sheet, at, rate_col),
            row["rate"].as_f64()
        ));
    }
    let channel = wb.worksheet_range("Kanaal en aard").unwrap();
    let table = (0..channel.height() as u32)
        .find(|&r| text_at(&channel, r, 3) == "Per 1.000 werkbonnen")
        .expect("department rate table");
    assert_eq!(text_at(&channel, table, 1), "Werkbonnen");
    for (i, d) in r["by_department"].as_array().unwrap().iter().enumerate() {
        let at = table + 1 + i as u32;
        assert_eq!(text_at(&channel, at, 0), d["department"].as_str().unwrap());
        assert_eq!(cell_number(&channel, at, 1), d["work_orders"].as_f64());
        assert_eq!(cell_number(&channel, at, 2), d["complaints"].as_f64());
        assert!(same(cell_number(&channel, at, 3), d["rate"].as_f64()));
    }
}

#[test]
fn months_in_the_settings_and_a_month_without_volume() {
    let f = fixture("volume-months");
    let totals = f.totals();
    // August 2025 (in the year-ago quarter) left out; September 2026 without work orders.
    let mut toml = String::from("[volume.months]\n");
    let mut given = BTreeMap::new();
    for (m, n) in &totals {
        let n = if *m == ymd(2026, 9, 1) { 0 } else { *n };
        if *m != ymd(2025, 8, 1) {
            toml.push_str(&format!("\"{}\" = {n}\n", m.format("%Y-%m")));
            given.insert(*m, n);
        }
    }
    std::fs::write(f.dir.join("instellingen.toml"), toml).unwrap();
    let out = f.dir.join("out");
    let (_, k) = report(
        &f.dir,
        &out,
        &[
            "--config",
            "instellingen.toml",
            arg(&f.register),
            "--period",
            "2026-Q3",
        ],
    );
    let r = &k["rate_per_1000"];
    let q3 = months(ymd(2026, 7, 1), ymd(2026, 9, 1));
    let n = f.received(q3[0], ymd(2026, 9, 30), None);
    // September's 0 is a number: the quarter has work orders, September alone none.
    assert_rate(&r["received"], rate(n, over(&given, &q3)), "received");
    assert!(r["received"].is_f64());
    assert!(r["year_ago"].is_null(), "August 2025 has no volume");
    let q2 = months(ymd(2026, 4, 1), ymd(2026, 6, 1));
    let n2 = f.received(q2[0], ymd(2026, 6, 30), None);
    assert_rate(&r["previous"], rate(n2, over(&given, &q2)), "previous");
    assert_eq!(r["by_department"], serde_json::json!([]));
    let month = |m: &str| {
        r["months"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["month"] == m)
            .unwrap()
            .clone()
    };
    let aug = month("2025-08");
    assert!(
        aug["work_orders"].is_null() && aug["rate"].is_null(),
        "{aug}"
    );
    assert_eq!(
        aug["complaints"].as_u64(),
        Some(f.received(ymd(2025, 8, 1), ymd(2025, 8, 31), None) as u64)
    );
    let sep = month("2026-09");
    assert_eq!(
        (sep["work_orders"].as_u64(), sep["rate"].is_null()),
        (Some(0), true)
    );
    // The blank rate is a blank cell on the Trend sheet, not a 0.
    let mut wb = calamine::open_workbook_auto(out.join("klachtenrapport-2026-Q3.xlsx")).unwrap();
    let trend = wb.worksheet_range("Trend").unwrap();
    let header = find_row(&trend, "Maand").unwrap();
    let rate_col = (0..trend.width() as u32)
        .find(|&c| text_at(&trend, header, c) == "Klachten per 1.000 werkbonnen")
        .unwrap();
    let row = find_row(&trend, "2025-08").unwrap();
    assert_eq!(cell_number(&trend, row, rate_col), None);
    assert_eq!(cell_number(&trend, row, rate_col - 1), None);
    let sep = find_row(&trend, "2026-09").unwrap();
    assert_eq!(cell_number(&trend, sep, rate_col - 1), Some(0.0));
    assert_eq!(cell_number(&trend, sep, rate_col), None);
    // A month-long period without its month's volume has no rate; a part month neither.
    for period in ["2025-08", "2026-07-01..2026-07-15"] {
        let (_, k) = report(
            &f.dir,
            &f.dir.join("out2"),
            &[
                "--config",
                "instellingen.toml",
                arg(&f.register),
                "--period",
                period,
            ],
        );
        assert!(k["rate_per_1000"]["received"].is_null(), "{period}");
    }
}

#[test]
fn without_volume_there_is_no_rate_anywhere() {
    let dir = temp_dir("volume-none");
    let out = dir.join("out");
    let reg = sample("klachtenregister-2025-2026.xlsx");
    let (terminal, k) = report(&dir, &out, &[arg(&reg), "--period", "2026-Q3"]);
    assert!(k["rate_per_1000"].is_null());
    assert!(k["previous"].get("rate_per_1000").is_none());
    assert!(!terminal.contains("werkbonnen"), "{terminal}");
    let mut wb = calamine::open_workbook_auto(out.join("klachtenrapport-2026-Q3.xlsx")).unwrap();
    for sheet in wb.sheet_names() {
        let range = wb.worksheet_range(&sheet).unwrap();
        for c in range.used_cells() {
            if let Data::String(s) = c.2 {
                assert!(!s.contains("werkbon"), "{sheet}: {s}");
            }
        }
    }
}

#[test]
fn the_bundled_sample_shows_the_rate_with_the_example_settings() {
    let dir = temp_dir("volume-bundled");
    let out = dir.join("out");
    let config = root().join("examples").join("volume.toml");
    let reg = sample("klachtenregister-2025-2026.xlsx");
    let (_, k) = report(
        &dir,
        &out,
        &["--config", arg(&config), arg(&reg), "--period", "2026-Q3"],
    );
    let mut totals: BTreeMap<String, u64> = BTreeMap::new();
    for (m, _, n) in read_volume(&sample("werkbonnen-2025-2026.csv")) {
        *totals.entry(m.format("%Y-%m").to_string()).or_default() += n;
    }
    assert_eq!(totals.len(), 21);
    let r = &k["rate_per_1000"];
    for (row, t) in r["months"]
        .as_array()
        .unwrap()
        .iter()
        .zip(k["trend"].as_array().unwrap())
    {
        let work = totals[row["month"].as_str().unwrap()];
        let n = t["received"].as_u64().unwrap();
        assert_eq!(row["work_orders"].as_u64(), Some(work));
        assert_rate(&row["rate"], rate(n as usize, Some(work)), "month");
    }
    let q3: u64 = ["2026-07", "2026-08", "2026-09"]
        .iter()
        .map(|m| totals[*m])
        .sum();
    let n = k["received"].as_u64().unwrap() as usize;
    assert_rate(&r["received"], rate(n, Some(q3)), "received");
    assert_eq!(r["by_department"].as_array().unwrap().len(), 3);
}

#[test]
fn mistakes_name_the_file_and_line_or_cell() {
    let dir = temp_dir("volume-errors");
    let reg = sample("klachtenregister-2025-2026.csv");
    let run = |toml: &str| {
        std::fs::write(dir.join("klacht.toml"), toml).unwrap();
        let out = klacht_in(
            &dir,
            &["report", arg(&reg), "--period", "2026-Q3", "--out", "out"],
        );
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let cases = [
        (
            "[volume.months]\n\"2026-07\" = 412\n\"2026-13\" = 380\n",
            "klacht.toml, regel 3: volume.months.2026-13: \"2026-13\" is geen maand",
        ),
        (
            "[volume.months]\n\"2026-07\" = -4\n",
            "klacht.toml, regel 2: volume.months.2026-07 = -4 is ongeldig",
        ),
        (
            "[volume]\nmonths = { \"2026-07\" = 412 }\nfile = \"w.csv\"\n",
            "klacht.toml, regel 3: volume.file: geef de werkbonnen per maand",
        ),
        (
            "\n[volume]\nfile = \"weg.csv\"\n",
            "klacht.toml, regel 3: volume.file: bestand",
        ),
    ];
    for (toml, expected) in cases {
        let (code, stderr) = run(toml);
        assert_eq!(code, Some(2), "{toml}");
        assert!(stderr.contains(expected), "{toml}\n{stderr}");
    }
    // A bad cell of the volume file: the file and the cell, nothing written.
    let volume_cases = [
        (
            "maand;werkbonnen\n2026-07;412\n2026-08;veel\n",
            "w.csv, cel B3: \"veel\" is geen aantal werkbonnen",
        ),
        (
            "maand;werkbonnen\n2026-07;412\nzomer;380\n",
            "w.csv, cel A3: \"zomer\" is geen maand",
        ),
        (
            "2026-07;412\n2026-08;380\n2026-07;413\n",
            "w.csv, cel A3: 2026-07 staat al op rij 1",
        ),
    ];
    for (csv, expected) in volume_cases {
        std::fs::write(dir.join("w.csv"), csv).unwrap();
        let (code, stderr) = run("[volume]\nfile = \"w.csv\"\n");
        assert_eq!(code, Some(2), "{csv}");
        assert!(stderr.contains(expected), "{csv}\n{stderr}");
        assert!(!dir.join("out").exists());
    }
}

#[test]
fn config_print_shows_the_volume() {
    let dir = temp_dir("volume-print");
    std::fs::write(dir.join("w.csv"), "2026-07;412\n").unwrap();
    std::fs::write(dir.join("klacht.toml"), "[volume]\nfile = \"w.csv\"\n").unwrap();
    let out = klacht_in(&dir, &["config", "--print"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[volume]\n") && text.contains("file = \"w.csv\""),
        "{text}"
    );
    std::fs::write(
        dir.join("klacht.toml"),
        "[volume]\nmonths = { \"2026-08\" = 380, \"2026-07\" = 1234 }\n",
    )
    .unwrap();
    let out = klacht_in(&dir, &["--lang", "en", "config", "--print"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[volume.months]\n\"2026-07\" = 1234\n\"2026-08\" = 380\n"),
        "{text}"
    );
    // Without [volume] the printed settings say nothing of it.
    std::fs::remove_file(dir.join("klacht.toml")).unwrap();
    let out = klacht_in(&dir, &["config", "--print"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("volume"));
}

/// The first row whose first cell is `text`.
pub(crate) fn find_row(range: &calamine::Range<Data>, text: &str) -> Option<u32> {
    (0..range.height() as u32).find(|&r| text_at(range, r, 0) == text)
}

pub(crate) fn text_at(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

pub(crate) fn cell_number(range: &calamine::Range<Data>, row: u32, col: u32) -> Option<f64> {
    match range.get_value((row, col)) {
        Some(Data::Float(x)) => Some(*x),
        Some(Data::Int(x)) => Some(*x as f64),
        _ => None,
    }
}

#[test]
fn the_sample_volume_follows_the_register_and_its_language() {
    let dir = temp_dir("volume-sample");
    let out = klacht_in(
        &dir,
        &[
            "--lang",
            "en",
            "sample",
            "--rows",
            "300",
            "--out",
            "proef.xlsx",
        ],
    );
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("[volume] file = \"proef-work-orders.csv\""),
        "{stderr}"
    );
    let volume = read_volume(&dir.join("proef-work-orders.csv"));
    let text = std::fs::read_to_string(dir.join("proef-work-orders.csv")).unwrap();
    assert!(text.starts_with("\u{feff}month;department;work orders\r\n"));
    // Every month of the default period (January 2025 – September 2026), three departments.
    let first = volume.first().unwrap().0;
    let last = volume.last().unwrap().0;
    assert_eq!((first, last), (ymd(2025, 1, 1), ymd(2026, 9, 1)));
    assert_eq!(volume.len(), 21 * 3);
    assert!(volume.iter().all(|(m, _, n)| *n > 0 && m.day() == 1));
}
