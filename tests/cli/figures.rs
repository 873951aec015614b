//! Figures an auditor can trust (issue 16 §2, §3): unreadable values are left out and counted,
//! and `kpi.json` holds every figure, unrounded, each checked against a second, simple
//! computation over the rows the test wrote or read.

use crate::util::*;
use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Working days d with a < d <= b under the cao holidays of SPEC §4 as written out in
/// [`oracle`], counted one day at a time.
fn wd(a: NaiveDate, b: NaiveDate) -> i64 {
    oracle::working_days(oracle::List::Cao, a, b)
}

fn report(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = klacht_in(dir, &all);
    // Exit 0, though both registers here have errors (unreadable values, planted gaps):
    // `report` fails on findings only when asked to (`--fail-on`, default never).
    assert_eq!(
        out.status.code(),
        Some(0),
        "report failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn kpi(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("kpi.json")).unwrap()).unwrap()
}

/// A value as the test wrote it: read, not recorded, or written but unreadable.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell<T> {
    Read(T),
    Blank,
    Unreadable,
}

/// One row of the fixture.
struct Row {
    id: String,
    received: NaiveDate,
    urgency: Cell<u8>,
    closed: Cell<NaiveDate>,
}

/// 30 complaints received every three days from 1 June 2026, with urgencies (some `9` and
/// `hoog`) and closed dates (some `31-02-2026`, some open) in a fixed rotation.
fn fixture_rows() -> Vec<Row> {
    let urgencies = ["1", "3", "5", "8", "", "9", "4", "hoog", "2", "7", "6"];
    (0..30)
        .map(|i: i64| {
            let received = ymd(2026, 6, 1) + chrono::Duration::days(3 * i);
            let urgency = match urgencies[i as usize % urgencies.len()] {
                "" => Cell::Blank,
                s => s
                    .parse()
                    .ok()
                    .filter(|n| (1..=8).contains(n))
                    .map_or(Cell::Unreadable, Cell::Read),
            };
            let closed = match i % 4 {
                0 => Cell::Unreadable,
                1 => Cell::Blank,
                _ => {
                    let d = received + chrono::Duration::days(5 + 2 * i);
                    if d <= ymd(2026, 9, 30) {
                        Cell::Read(d)
                    } else {
                        Cell::Blank
                    }
                }
            };
            Row {
                id: format!("K-{:03}", i + 1),
                received,
                urgency,
                closed,
            }
        })
        .collect()
}

fn write_fixture(path: &Path, rows: &[Row]) {
    let mut csv = String::from(
        "Klachtnummer;Datum ontvangst;Omschrijving;Behandelaar;Urgentie;Datum afgehandeld\n",
    );
    let urgency = ["9", "hoog"];
    for (k, r) in rows.iter().enumerate() {
        let u = match r.urgency {
            Cell::Read(n) => n.to_string(),
            Cell::Blank => String::new(),
            Cell::Unreadable => urgency[k % 2].to_string(),
        };
        let c = match r.closed {
            Cell::Read(d) => d.format("%d-%m-%Y").to_string(),
            Cell::Blank => String::new(),
            Cell::Unreadable => "31-02-2026".to_string(),
        };
        csv.push_str(&format!(
            "{};{};Lekkage;Jan;{u};{c}\n",
            r.id,
            r.received.format("%d-%m-%Y")
        ));
    }
    std::fs::write(path, csv).unwrap();
}

#[test]
fn unreadable_urgencies_and_closed_dates_are_left_out_and_counted() {
    let dir = temp_dir("left-out");
    let rows = fixture_rows();
    // The fixture has what the test is about, inside the period.
    let in_p = |d: NaiveDate| ymd(2026, 7, 1) <= d && d <= ymd(2026, 9, 30);
    assert!(rows
        .iter()
        .any(|r| in_p(r.received) && r.urgency == Cell::Unreadable));
    assert!(rows
        .iter()
        .any(|r| in_p(r.received) && r.closed == Cell::Unreadable));
    let reg = dir.join("register.csv");
    write_fixture(&reg, &rows);
    let out = dir.join("r");
    let stdout = report(
        &dir,
        &[arg(&reg), "--period", "2026-Q3", "--out", arg(&out)],
    );
    let k = kpi(&out);

    // The second computation: SPEC §5 over the rows as written.
    let (start, end) = (ymd(2026, 7, 1), ymd(2026, 9, 30));
    let before = ymd(2026, 6, 30);
    let open_at = |r: &Row, x: NaiveDate| {
        r.received <= x
            && match r.closed {
                Cell::Read(c) => c > x,
                Cell::Blank => true,
                Cell::Unreadable => false, // neither open nor closed
            }
    };
    let closed_in_p = |r: &Row| matches!(r.closed, Cell::Read(c) if in_p(c));
    let target = |r: &Row| match r.urgency {
        Cell::Read(1..=3) => Some(10),
        Cell::Read(4..=7) => Some(20),
        Cell::Read(_) => None,
        Cell::Blank => Some(20),
        Cell::Unreadable => None, // not known: left out of overdue
    };
    let overdue = |r: &Row| open_at(r, end) && target(r).is_some_and(|t| wd(r.received, end) > t);
    let matters = |r: &Row| {
        in_p(r.received)
            || closed_in_p(r)
            || match r.closed {
                // Not known to be closed: it matters for every period from its receipt.
                Cell::Unreadable => r.received <= end,
                // Open on some day of P: the first candidate is max(received, start).
                _ => r.received <= end && open_at(r, r.received.max(start)),
            }
    };
    let count = |f: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count() as u64;

    let received = count(&|r| in_p(r.received));
    let closed = count(&closed_in_p);
    let open_before = count(&|r| open_at(r, before));
    let open_end = count(&|r| open_at(r, end));
    let flow_left_out = count(&|r| in_p(r.received) && r.closed == Cell::Unreadable);
    assert!(flow_left_out > 0);
    assert_eq!(k["received"], received);
    assert_eq!(k["closed"], closed);
    assert_eq!(k["open_at_start"], open_before);
    assert_eq!(k["open_at_end"], open_end);
    assert_eq!(k["overdue"], count(&overdue));
    assert_eq!(
        k["flow"],
        serde_json::json!({
            "open_before": open_before,
            "received": received,
            "closed": closed,
            "left_out": flow_left_out,
            "open_at_end": open_end,
            "holds": true,
        })
    );
    assert_eq!(open_before + received - closed - flow_left_out, open_end);
    assert_eq!(
        k["left_out"]["urgency"],
        count(&|r| matters(r) && r.urgency == Cell::Unreadable)
    );
    assert_eq!(
        k["left_out"]["closed_date"],
        count(&|r| matters(r) && r.closed == Cell::Unreadable)
    );
    // The urgency table: categories 1–8, then unclassified (a blank urgency only).
    let by_urgency = k["by_urgency"].as_array().unwrap();
    assert_eq!(by_urgency.len(), 9);
    for row in by_urgency {
        let cat = match row["urgency"].as_u64() {
            Some(n) => Cell::Read(n as u8),
            None => Cell::Blank,
        };
        let this = |r: &Row| r.urgency == cat;
        let what = format!("urgency {cat:?}");
        assert_eq!(
            row["received"],
            count(&|r| this(r) && in_p(r.received)),
            "{what}"
        );
        assert_eq!(
            row["closed"],
            count(&|r| this(r) && closed_in_p(r)),
            "{what}"
        );
        assert_eq!(
            row["open_at_end"],
            count(&|r| this(r) && open_at(r, end)),
            "{what}"
        );
        assert_eq!(row["overdue"], count(&|r| this(r) && overdue(r)), "{what}");
    }
    // On the terminal too.
    assert!(
        stdout.contains("buiten de cijfers (waarde onleesbaar)") && stdout.contains("urgentie"),
        "{stdout}"
    );

    // check --json: every unreadable value names the complaint of its row.
    let (doc, _) = check_json(&dir, &[arg(&reg), "--as-of", "2026-09-30"]);
    let items = items_of(&doc, "unreadable-value");
    let unreadable = rows
        .iter()
        .map(|r| u64::from(r.urgency == Cell::Unreadable) + u64::from(r.closed == Cell::Unreadable))
        .sum::<u64>();
    assert_eq!(items.len() as u64, unreadable);
    let by_line: HashMap<u64, &str> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| (k as u64 + 2, r.id.as_str()))
        .collect();
    for item in items {
        let line = item["line"].as_u64().unwrap();
        assert_eq!(item["id"], by_line[&line], "{item}");
    }
}

#[test]
fn kpi_json_of_20000_rows_has_every_figure_unrounded() {
    let dir = temp_dir("kpi-complete");
    let reg = generated(&dir, "register.csv", 20_000, 7);
    let out = dir.join("r");
    report(
        &dir,
        &[arg(&reg), "--period", "2026-Q2", "--out", arg(&out)],
    );
    let k = kpi(&out);
    for key in oracle::KPI_KEYS {
        assert!(k.get(key).is_some(), "kpi.json has {key}");
    }
    for key in [
        "open_before",
        "received",
        "closed",
        "left_out",
        "open_at_end",
        "holds",
    ] {
        assert!(k["flow"].get(key).is_some(), "flow has {key}");
    }
    assert_eq!(k["ageing"].as_array().unwrap().len(), 5);
    assert_eq!(
        k["recurring_causes"][0]["quarters"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert!(k["by_department"][0].get("department").is_some());

    let rows = read_generated(&reg);
    let (start, end) = (ymd(2026, 4, 1), ymd(2026, 6, 30));
    let in_p = |d: NaiveDate| start <= d && d <= end;

    // Share within target and the mean handling time over closed(P), closed after received.
    let (mut with_target, mut within, mut sum, mut n) = (0u64, 0u64, 0i64, 0i64);
    for r in &rows {
        let Some(c) = r.closed.filter(|c| in_p(*c) && *c >= r.received) else {
            continue;
        };
        let days = wd(r.received, c);
        sum += days;
        n += 1;
        let met = match (r.due, r.urgency) {
            (Some(due), _) => Some(c <= due),
            (None, Some(1..=3)) => Some(days <= 10),
            (None, Some(4..=7) | None) => Some(days <= 20),
            (None, Some(_)) => None,
        };
        if let Some(met) = met {
            with_target += 1;
            within += u64::from(met);
        }
    }
    let share = within as f64 / with_target as f64;
    assert!((k["share_within_target"].as_f64().unwrap() - share).abs() < 1e-12);
    let mean = sum as f64 / n as f64;
    let got = k["handling_wd"]["mean"].as_f64().unwrap();
    assert!((got - mean).abs() < 1e-9, "{got} vs {mean}");
    assert!(
        (got * 100.0).fract().abs() > 1e-6,
        "the mean keeps more than two decimals: {got}"
    );

    // Repeat complainants: 2 or more complaints received in (end − 12 months, end].
    let window = |d: NaiveDate| ymd(2025, 6, 30) < d && d <= end;
    let mut per: HashMap<&str, u64> = HashMap::new();
    for r in rows
        .iter()
        .filter(|r| window(r.received) && !r.customer.is_empty())
    {
        *per.entry(r.customer.as_str()).or_default() += 1;
    }
    let repeat = per.values().filter(|&&n| n >= 2).count() as u64;
    assert!(repeat > 0);
    assert_eq!(k["repeat_complainants"], repeat);

    // The trend: the 24 months ending June 2026, but none before the month of the register's
    // first complaint (docs/decisions.md, "The trend starts with the register").
    let trend = k["trend"].as_array().unwrap();
    let first = rows.iter().map(|r| r.received).min().unwrap();
    let from = (first.year() * 12 + first.month0() as i32).max(2024 * 12 + 6);
    let months = (2026 * 12 + 5) - from + 1;
    assert_eq!(trend.len(), months as usize);
    let month = |m: i32| format!("{}-{:02}", m / 12, m % 12 + 1);
    assert_eq!(trend[0]["month"], month(from));
    assert_eq!(trend[trend.len() - 1]["month"], "2026-06");
    for m in trend {
        let month = m["month"].as_str().unwrap();
        let of = |d: NaiveDate| d.format("%Y-%m").to_string() == month;
        let received: Vec<&Generated> = rows.iter().filter(|r| of(r.received)).collect();
        assert_eq!(m["received"], received.len() as u64, "{month}");
        let closed = rows.iter().filter(|r| r.closed.is_some_and(of)).count();
        assert_eq!(m["closed"], closed as u64, "{month}");
        let nature = |t| received.iter().filter(|r| r.technical == Some(t)).count() as u64;
        assert_eq!(m["technical"], nature(true), "{month}");
        assert_eq!(m["non_technical"], nature(false), "{month}");
    }
    assert!(trend.iter().any(|m| m["received"].as_u64() > Some(100)));
}
