//! Signals (SPEC §10, issue 19): registers written here month by month, with and without a
//! planted spike, reported on; `kpi.json` `signals` must equal a second, plain c-chart computed
//! over the rows as written.

use crate::util::*;
use chrono::{Datelike, Months, NaiveDate};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// One complaint as the test writes it; `group` is the cause group it belongs to, known here
/// because the test chose the spelling.
pub(crate) struct Row {
    pub received: NaiveDate,
    pub technical: bool,
    pub cause: &'static str,
    pub group: &'static str,
}

const TECHNICAL: [&str; 3] = [
    "storing compressor",
    "condensafvoer verstopt",
    "koudemiddellekkage",
];
const NON_TECHNICAL: [&str; 2] = ["foutieve factuur", "te laat op afspraak"];

/// Complaints from `from` to September 2026: 18–24 a month (two in three technical), their
/// causes taken in turn; with `spike`, 25 more technical complaints in August 2026 with the
/// cause "koudemiddellekkage" written three ways. With `shifts`, one "storing compressor" a
/// month from January 2026 on (nine months below its mean: rule 2 down), and a new cause "wachttijd
/// monteur" rising one a month from February 2026 (rules 1, 2 and 3 up).
fn rows(from: NaiveDate, spike: bool, shifts: bool) -> Vec<Row> {
    let mut out = Vec::new();
    let mut month = from;
    let mut k = 0usize;
    while month <= ymd(2026, 9, 1) {
        let n = 18 + (k * 5) % 7;
        let mut kept = false;
        for i in 0..n {
            let technical = i % 3 != 2;
            let cause = if technical {
                TECHNICAL[(i + k) % TECHNICAL.len()]
            } else {
                NON_TECHNICAL[(i / 3 + k) % NON_TECHNICAL.len()]
            };
            let compressor = cause == "storing compressor";
            if shifts && compressor && month >= ymd(2026, 1, 1) && kept {
                continue;
            }
            kept |= compressor;
            out.push(Row {
                received: month + chrono::Days::new((i % 27) as u64),
                technical,
                cause,
                group: cause,
            });
        }
        if shifts && month >= ymd(2026, 2, 1) {
            for i in 0..=k - 25 {
                out.push(Row {
                    received: month + chrono::Days::new(i as u64),
                    technical: false,
                    cause: "wachttijd monteur",
                    group: "wachttijd monteur",
                });
            }
        }
        month = month + Months::new(1);
        k += 1;
    }
    if spike {
        let spellings = [
            ("Koudemiddel lekkage", 10),
            ("lekkage koudemiddel (R32)", 8),
            ("koudemiddellekkage", 7),
        ];
        for (cause, n) in spellings {
            for i in 0..n {
                out.push(Row {
                    received: ymd(2026, 8, 3 + i),
                    technical: true,
                    cause,
                    group: "koudemiddellekkage",
                });
            }
        }
    }
    out
}

pub(crate) fn write_register(path: &Path, rows: &[Row]) {
    let mut csv =
        String::from("Klachtnummer;Datum ontvangst;Omschrijving;Aard;Oorzaak;Datum afgehandeld\n");
    for (i, r) in rows.iter().enumerate() {
        let nature = if r.technical {
            "technisch"
        } else {
            "niet-technisch"
        };
        let closed = r.received + chrono::Days::new(4);
        csv.push_str(&format!(
            "K-{:05};{};Klacht;{nature};{};{}\n",
            i + 1,
            r.received.format("%d-%m-%Y"),
            r.cause,
            closed.format("%d-%m-%Y")
        ));
    }
    std::fs::write(path, csv).unwrap();
}

/// Writes the register and `files` (name, text: `klacht.toml`, a volume file) and runs `klacht
/// report` for 2026-Q3 on it; returns `kpi.json` and the output directory.
pub(crate) fn report(
    name: &str,
    rows: &[Row],
    files: &[(&str, &str)],
) -> (Value, std::path::PathBuf) {
    let dir = temp_dir(name);
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    let reg = dir.join("register.csv");
    write_register(&reg, rows);
    let out = dir.join("r");
    let kpi = report_kpi(
        &dir,
        &[
            "report",
            arg(&reg),
            "--period",
            "2026-Q3",
            "--out",
            arg(&out),
        ],
    );
    (kpi, out)
}

/// A signal as compared: series, cause, rule, month, direction, value, centre, UCL, LCL, run.
pub(crate) type Expected = (
    String,
    Option<String>,
    u64,
    String,
    &'static str,
    f64,
    f64,
    f64,
    Option<f64>,
    Option<u64>,
);

pub(crate) fn month_of(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// The months of the chart: the 24 before July 2026 (none before the register's first month),
/// then July–September; and how many of them are the baseline.
pub(crate) fn chart_months(rows: &[Row]) -> (Vec<String>, usize) {
    let first = rows.iter().map(|r| r.received).min().unwrap();
    let first = ymd(first.year(), first.month(), 1).max(ymd(2024, 7, 1));
    let mut months = Vec::new();
    let mut m = first;
    while m <= ymd(2026, 9, 1) {
        months.push(month_of(m));
        m = m + Months::new(1);
    }
    let baseline = months.iter().filter(|m| m.as_str() < "2026-07").count();
    (months, baseline)
}

/// One series on its chart as the test computes it: the centre line, and per month its value
/// and limits (UCL, LCL if above 0), `None` for a month the chart cannot show.
pub(crate) struct Plain {
    pub centre: f64,
    pub months: Vec<Option<(f64, f64, Option<f64>)>>,
}

/// The c-chart of `counts` (c̄ the baseline's mean, c̄ ± 3√c̄), or with `work_orders` per month
/// the u-chart of the rate per 1,000 work orders: u = Σ complaints / Σ work orders over the
/// baseline months that have work orders, each month 1000·(u ± 3√(u / nᵢ)).
pub(crate) fn plain_chart(
    counts: &[u64],
    baseline: usize,
    work_orders: Option<&[Option<u64>]>,
) -> Plain {
    let lower = |l: f64| Some(l).filter(|l| *l > 0.0);
    match work_orders {
        None => {
            let centre = counts[..baseline].iter().sum::<u64>() as f64 / baseline as f64;
            let spread = 3.0 * centre.sqrt();
            let limits = (centre + spread, lower(centre - spread));
            Plain {
                centre,
                months: counts
                    .iter()
                    .map(|&c| Some((c as f64, limits.0, limits.1)))
                    .collect(),
            }
        }
        Some(orders) => {
            let n = |i: usize| orders[i].filter(|&n| n > 0);
            let used: Vec<usize> = (0..baseline).filter(|&i| n(i).is_some()).collect();
            let complaints: u64 = used.iter().map(|&i| counts[i]).sum();
            let work: u64 = used.iter().map(|&i| n(i).unwrap()).sum();
            let u = complaints as f64 / work as f64;
            Plain {
                centre: 1000.0 * u,
                months: (0..counts.len())
                    .map(|i| {
                        let n = n(i)? as f64;
                        let sigma = (u / n).sqrt();
                        Some((
                            1000.0 * counts[i] as f64 / n,
                            1000.0 * (u + 3.0 * sigma),
                            lower(1000.0 * (u - 3.0 * sigma)),
                        ))
                    })
                    .collect(),
            }
        }
    }
}

/// The second computation: per series, the counts of the chart's months; its chart
/// ([`plain_chart`], with `volume` the work orders per month `2026-07`); rule 1 per month of
/// P; rules 2 and 3 as runs of 8 (above or below the centre) or 6 (each higher or lower than
/// the one before) months ending in a month of P that the next month does not continue. A
/// month the chart cannot show is in no run and not judged.
pub(crate) fn second_computation(
    rows: &[Row],
    volume: Option<&BTreeMap<String, u64>>,
) -> Vec<Expected> {
    let (months, baseline) = chart_months(rows);
    assert!(
        baseline >= 12,
        "the second computation is for judged registers"
    );
    let work_orders: Option<Vec<Option<u64>>> =
        volume.map(|v| months.iter().map(|m| v.get(m).copied()).collect());
    let count = |f: &dyn Fn(&Row) -> bool| -> Vec<u64> {
        months
            .iter()
            .map(|m| {
                rows.iter()
                    .filter(|r| month_of(r.received) == *m && f(r))
                    .count() as u64
            })
            .collect()
    };
    let in_p = |r: &Row| r.received >= ymd(2026, 7, 1);
    let mut groups: Vec<&str> = rows.iter().filter(|r| in_p(r)).map(|r| r.group).collect();
    groups.sort_unstable();
    groups.dedup();
    let mut series: Vec<(String, Option<String>, Vec<u64>)> = vec![
        ("received".into(), None, count(&|_| true)),
        ("technical".into(), None, count(&|r| r.technical)),
        ("non_technical".into(), None, count(&|r| !r.technical)),
    ];
    for g in groups {
        series.push(("cause".into(), Some(g.into()), count(&|r| r.group == g)));
    }
    let mut out = Vec::new();
    for (name, cause, c) in series {
        let chart = plain_chart(&c, baseline, work_orders.as_deref());
        let centre = chart.centre;
        let mut add = |m: usize, rule: u64, dir: &'static str, run: Option<u64>| {
            let (value, ucl, lcl) = chart.months[m].unwrap();
            out.push((
                name.clone(),
                cause.clone(),
                rule,
                months[m].clone(),
                dir,
                value,
                centre,
                ucl,
                lcl,
                run,
            ));
        };
        let v = |i: usize| chart.months[i].map(|m| m.0);
        for m in baseline..months.len() {
            if let Some((value, ucl, lcl)) = chart.months[m] {
                if value > ucl {
                    add(m, 1, "up", None);
                }
                if lcl.is_some_and(|l| value < l) {
                    add(m, 1, "down", None);
                }
            }
            let last = m + 1 == months.len();
            for (dir, side) in [
                (
                    "up",
                    &(|i: usize| v(i).is_some_and(|x| x > centre)) as &dyn Fn(usize) -> bool,
                ),
                ("down", &|i: usize| v(i).is_some_and(|x| x < centre)),
            ] {
                let run = (0..=m).rev().take_while(|&i| side(i)).count();
                if run >= 8 && (last || !side(m + 1)) {
                    add(m, 2, dir, Some(run as u64));
                }
            }
            let step = |i: usize| Some((v(i - 1)?, v(i)?));
            for (dir, step) in [
                (
                    "up",
                    &(|i: usize| step(i).is_some_and(|(a, b)| b > a)) as &dyn Fn(usize) -> bool,
                ),
                ("down", &|i: usize| step(i).is_some_and(|(a, b)| b < a)),
            ] {
                let run = 1 + (1..=m).rev().take_while(|&i| step(i)).count();
                if run >= 6 && (last || !step(m + 1)) {
                    add(m, 3, dir, Some(run as u64));
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1, &a.3, a.2, a.4).cmp(&(&b.0, &b.1, &b.3, b.2, b.4)));
    out
}

/// `kpi.json` `signals` in the same form and order; each must say `unit` (`count`, `rate`).
pub(crate) fn signals_of(kpi: &Value, unit: &str) -> Vec<Expected> {
    let mut out: Vec<Expected> = kpi["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert_eq!(s["unit"], unit, "{s}");
            // A count stays a whole number.
            assert_eq!(s["value"].is_u64(), unit == "count", "{s}");
            (
                s["series"].as_str().unwrap().to_string(),
                s["cause"].as_str().map(str::to_string),
                s["rule"].as_u64().unwrap(),
                s["month"].as_str().unwrap().to_string(),
                if s["direction"] == "up" { "up" } else { "down" },
                s["value"].as_f64().unwrap(),
                s["centre"].as_f64().unwrap(),
                s["ucl"].as_f64().unwrap(),
                s["lcl"].as_f64(),
                s["run_months"].as_u64(),
            )
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1, &a.3, a.2, a.4).cmp(&(&b.0, &b.1, &b.3, b.2, b.4)));
    out
}

/// `a` is `b` but for the last bits of a float.
pub(crate) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Equal, the numbers up to rounding.
pub(crate) fn assert_same(got: &[Expected], want: &[Expected]) {
    assert_eq!(got.len(), want.len(), "got {got:#?}\nwant {want:#?}");
    for (g, w) in got.iter().zip(want) {
        let same = (&g.0, &g.1, g.2, &g.3, g.4, g.9) == (&w.0, &w.1, w.2, &w.3, w.4, w.9)
            && close(g.5, w.5)
            && close(g.6, w.6)
            && close(g.7, w.7)
            && g.8.is_some() == w.8.is_some()
            && g.8.zip(w.8).is_none_or(|(a, b)| close(a, b));
        assert!(same, "got {g:?}\nwant {w:?}");
    }
}

#[test]
fn a_planted_spike_is_flagged_for_received_its_nature_and_its_cause_group() {
    let rows = rows(ymd(2024, 1, 1), true, true);
    let (kpi, out) = report("signals-spike", &rows, &[]);
    let got = signals_of(&kpi, "count");
    assert_same(&got, &second_computation(&rows, None));
    // The spike itself: rule 1 up in August for all received, technical and the group its
    // three spellings form.
    let flagged = |series: &str, cause: Option<&str>| {
        got.iter().any(|s| {
            (s.0.as_str(), s.1.as_deref(), s.2, s.3.as_str(), s.4)
                == (series, cause, 1, "2026-08", "up")
        })
    };
    assert!(flagged("received", None), "{got:#?}");
    assert!(flagged("technical", None), "{got:#?}");
    assert!(flagged("cause", Some("koudemiddellekkage")), "{got:#?}");
    assert!(!flagged("non_technical", None));
    // The shifts: each rule in September, once, at the end of its run.
    let at_end = |cause: &str, rule: u64, dir: &str| {
        got.iter()
            .filter(|s| s.1.as_deref() == Some(cause) && s.2 == rule && s.4 == dir)
            .map(|s| (s.3.as_str(), s.9))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        at_end("storing compressor", 2, "down"),
        [("2026-09", Some(9))]
    );
    assert_eq!(at_end("wachttijd monteur", 2, "up"), [("2026-09", Some(8))]);
    // Rising from January's 0: nine months.
    assert_eq!(at_end("wachttijd monteur", 3, "up"), [("2026-09", Some(9))]);
    assert_eq!(kpi["signals_history"], serde_json::json!([]));

    // In words on the summary, its numbers on the Trend sheet, marked in the chart.
    let received = got
        .iter()
        .find(|s| s.0 == "received" && s.2 == 1 && s.3 == "2026-08")
        .unwrap();
    let comma = |v: f64| format!("{v:.1}").replace('.', ",");
    let sentence = format!(
        "augustus 2026: {} klachten ontvangen, boven de bovengrens {} (gemiddeld {})",
        received.5 as u64,
        comma(received.7),
        comma(received.6)
    );
    let book = out.join("klachtenrapport-2026-Q3.xlsx");
    let mut wb = calamine::open_workbook_auto(&book).unwrap();
    use calamine::Reader;
    let summary = wb.worksheet_range("Samenvatting").unwrap();
    let texts: Vec<String> = summary.rows().map(|r| r[0].to_string()).collect();
    assert!(texts.contains(&sentence), "{sentence} not in {texts:#?}");
    let trend = wb.worksheet_range("Trend").unwrap();
    let listed = trend
        .rows()
        .filter(|r| {
            r.get(3)
                .is_some_and(|c| c.to_string().starts_with("regel "))
        })
        .count();
    assert_eq!(
        listed,
        got.len(),
        "one row per signal in the Trend sheet's list"
    );
    let svg = std::fs::read_to_string(out.join("grafieken/signalen.svg")).unwrap();
    let texts: Vec<&str> = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>')?.1.split('<').next())
        .map(str::trim)
        .collect();
    assert!(
        texts.contains(&(received.5 as u64).to_string().as_str()),
        "the count at the signal: {texts:?}"
    );
}

#[test]
fn without_a_spike_no_month_is_beyond_the_limits() {
    let rows = rows(ymd(2024, 1, 1), false, false);
    let (kpi, _) = report("signals-quiet", &rows, &[]);
    let got = signals_of(&kpi, "count");
    assert_same(&got, &second_computation(&rows, None));
    assert!(got.iter().all(|s| s.2 != 1), "{got:#?}");
    assert_eq!(kpi["signals_history"], serde_json::json!([]));
}

#[test]
fn too_little_history_gives_no_signals_and_says_so() {
    // Kept since November 2025: 8 months before July 2026.
    let rows = rows(ymd(2025, 11, 1), true, false);
    let (kpi, out) = report("signals-young", &rows, &[]);
    assert_eq!(kpi["signals"], serde_json::json!([]));
    let history: Vec<(String, Option<String>, u64)> = kpi["signals_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["series"].as_str().unwrap().to_string(),
                h["cause"].as_str().map(str::to_string),
                h["baseline_months"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut want: Vec<(String, Option<String>, u64)> = ["received", "technical", "non_technical"]
        .iter()
        .map(|s| (s.to_string(), None, 8))
        .collect();
    let groups: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.received >= ymd(2026, 7, 1))
        .map(|r| r.group)
        .collect();
    let mut causes: Vec<_> = history.iter().filter(|h| h.0 == "cause").cloned().collect();
    causes.sort();
    want.extend(
        groups
            .iter()
            .map(|g| ("cause".to_string(), Some(g.to_string()), 8)),
    );
    assert_eq!(history[..3], want[..3]);
    assert_eq!(causes, want[3..]);
    let mut wb = calamine::open_workbook_auto(out.join("klachtenrapport-2026-Q3.xlsx")).unwrap();
    use calamine::Reader;
    let summary = wb.worksheet_range("Samenvatting").unwrap();
    let said = "Geen signalen: te weinig historie (8 maanden vóór de periode in het register, minimaal 12 nodig).";
    assert!(summary.rows().any(|r| r[0] == said));

    // A lower minimum in klacht.toml judges the same register.
    let (kpi, _) = report(
        "signals-young-judged",
        &rows,
        &[("klacht.toml", "[signals]\nmin_baseline = 8\n")],
    );
    assert_eq!(kpi["signals_history"], serde_json::json!([]));
    assert!(!kpi["signals"].as_array().unwrap().is_empty());
}

#[test]
fn signal_settings_are_checked_before_anything_is_written() {
    let dir = temp_dir("signals-config");
    std::fs::write(
        dir.join("klacht.toml"),
        "[signals]\nbaseline_months = 12\nmin_baseline = 18\n",
    )
    .unwrap();
    let reg = dir.join("register.csv");
    write_register(&reg, &rows(ymd(2025, 1, 1), false, false));
    let out = dir.join("r");
    let run = klacht_in(
        &dir,
        &[
            "report",
            arg(&reg),
            "--period",
            "2026-Q3",
            "--out",
            arg(&out),
        ],
    );
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("klacht.toml, regel 3: signals.min_baseline = 18 mag niet groter zijn dan signals.baseline_months = 12."),
        "{err}"
    );
    assert!(!out.exists());
}
