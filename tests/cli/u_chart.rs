//! Signals as a u-chart on the rate (SPEC §10, issue 19): registers written here month by month
//! with the company's work orders beside them (`[volume] file`); `kpi.json` `signals` and the
//! Trend sheet's chart must equal a second, plain u-chart computed over the rows and work
//! orders as written. A spike in complaints that comes with as much more work is no signal on
//! the rate (while the c-chart of the same register flags it); without more work it is.

use crate::signals::{
    assert_same, chart_months, close, month_of, plain_chart, report, second_computation,
    signals_of, ymd, Expected, Row,
};
use crate::volume::{cell_number, text_at};
use calamine::{Data, Reader};
use chrono::{Datelike, Months, NaiveDate};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The causes the rows take in turn, with their nature.
const CAUSES: [(&str, bool); 5] = [
    ("storing compressor", true),
    ("condensafvoer verstopt", true),
    ("koudemiddellekkage", true),
    ("foutieve factuur", false),
    ("te laat op afspraak", false),
];

/// Chart months: July 2024 (0) to September 2026 (26); August 2026 is 25.
const MONTHS: usize = 27;
const AUGUST: usize = 25;
const SEPTEMBER: usize = 26;

fn month(k: usize) -> NaiveDate {
    ymd(2024, 7, 1) + Months::new(k as u32)
}

/// The company's work orders in month `k`: 800–940, more in summer and in the winter months.
fn work_orders(k: usize) -> u64 {
    let season = match month(k).month() {
        6..=8 => 350,
        12 | 1 => 200,
        _ => 0,
    };
    800 + season + (k as u64 * 53) % 140
}

/// About 25 complaints per 1,000 work orders, ± 2; the causes in turn. From October 2025 four
/// more "te laat op afspraak" a month (a shift the runs of rule 2 see). `busy`: that month has
/// every complaint twice.
fn rows(busy: Option<usize>) -> Vec<Row> {
    let mut out = Vec::new();
    for k in 0..MONTHS {
        let n = (work_orders(k) * 25 / 1000) as usize + (k * 7) % 5 - 2;
        let mut month_rows: Vec<Row> = (0..n)
            .map(|i| {
                let (cause, technical) = CAUSES[(i + k) % CAUSES.len()];
                Row {
                    received: month(k) + chrono::Days::new((i % 28) as u64),
                    technical,
                    cause,
                    group: cause,
                }
            })
            .collect();
        if month(k) >= ymd(2025, 10, 1) {
            month_rows.extend((0..4).map(|i| Row {
                received: month(k) + chrono::Days::new(i * 5),
                technical: false,
                cause: "te laat op afspraak",
                group: "te laat op afspraak",
            }));
        }
        if busy == Some(k) {
            let again: Vec<Row> = month_rows.iter().map(|r| Row { ..*r }).collect();
            month_rows.extend(again);
        }
        out.extend(month_rows);
    }
    out
}

/// The work orders per month (`2026-07`) as the volume file gives them: every chart month but
/// those of `left_out`, month `double` with twice the work.
fn work_orders_file(left_out: &[usize], double: Option<usize>) -> BTreeMap<String, u64> {
    (0..MONTHS)
        .filter(|k| !left_out.contains(k))
        .map(|k| {
            let n = work_orders(k) * if double == Some(k) { 2 } else { 1 };
            (month_of(month(k)), n)
        })
        .collect()
}

/// `klacht report` on `rows` with `volume` as `werkbonnen.csv` named in `klacht.toml`.
fn report_with_volume(
    name: &str,
    rows: &[Row],
    volume: &BTreeMap<String, u64>,
) -> (Value, std::path::PathBuf) {
    let mut csv = String::from("maand;werkbonnen\n");
    for (m, n) in volume {
        csv.push_str(&format!("{m};{n}\n"));
    }
    report(
        name,
        rows,
        &[
            ("werkbonnen.csv", &csv),
            ("klacht.toml", "[volume]\nfile = \"werkbonnen.csv\"\n"),
        ],
    )
}

/// The signal of `series` (no cause), rule 1 up, in `month`.
fn rule_1_up<'a>(got: &'a [Expected], series: &str, month: &str) -> Option<&'a Expected> {
    got.iter().find(|s| {
        (s.0.as_str(), s.1.as_deref(), s.2, s.3.as_str(), s.4) == (series, None, 1, month, "up")
    })
}

/// The texts of an SVG's `<text>` elements.
fn svg_texts(path: &Path) -> Vec<String> {
    let svg = std::fs::read_to_string(path).unwrap();
    svg.split("<text")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split('<').next()?.trim().to_string()))
        .collect()
}

fn comma(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

#[test]
fn the_rate_signals_and_each_months_limits_are_the_tests_own_u_chart() {
    let rows = rows(None);
    // Two baseline months without work orders: left out of ū.
    let volume = work_orders_file(&[2, 8], None);
    let (kpi, out) = report_with_volume("u-chart-plain", &rows, &volume);
    let got = signals_of(&kpi, "rate");
    assert_same(&got, &second_computation(&rows, Some(&volume)));
    // The shift from October 2025 is a run of rule 2 on the rate, reported at its end.
    assert!(
        got.iter()
            .any(|s| s.1.as_deref() == Some("te laat op afspraak")
                && (s.2, s.3.as_str(), s.4) == (2, "2026-09", "up")),
        "{got:#?}"
    );
    assert_eq!(kpi["signals_history"], serde_json::json!([]));

    // The Trend sheet's chart of all complaints: per month the work orders, the rate and that
    // month's limits, against the test's own u-chart.
    let (months, baseline) = chart_months(&rows);
    let counts: Vec<u64> = months
        .iter()
        .map(|m| rows.iter().filter(|r| month_of(r.received) == *m).count() as u64)
        .collect();
    let orders: Vec<Option<u64>> = months.iter().map(|m| volume.get(m).copied()).collect();
    let plain = plain_chart(&counts, baseline, Some(&orders));
    let mut wb = calamine::open_workbook_auto(out.join("klachtenrapport-2026-Q3.xlsx")).unwrap();
    let trend = wb.worksheet_range("Trend").unwrap();
    let title = "Signaalkaart: klachten per 1.000 werkbonnen per maand (u-kaart)";
    assert!(trend
        .used_cells()
        .any(|c| c.2 == &Data::String(title.into())));
    let header = (0..trend.height() as u32)
        .find(|&r| {
            text_at(&trend, r, 0) == "Maand" && text_at(&trend, r, 3) == "Per 1.000 werkbonnen"
        })
        .expect("the u-chart's table");
    let heads: Vec<String> = (0..7).map(|c| text_at(&trend, header, c)).collect();
    assert_eq!(
        heads,
        [
            "Maand",
            "Ontvangen",
            "Werkbonnen",
            "Per 1.000 werkbonnen",
            "Gemiddelde",
            "Bovengrens",
            "Ondergrens"
        ]
    );
    let same = |cell: Option<f64>, want: Option<f64>| match (cell, want) {
        (Some(a), Some(b)) => close(a, b),
        (a, b) => a.is_none() && b.is_none(),
    };
    let mut lower_limits = 0;
    for (i, m) in months.iter().enumerate() {
        let at = header + 1 + i as u32;
        assert_eq!(&text_at(&trend, at, 0), m);
        let num = |c: u32| cell_number(&trend, at, c);
        assert_eq!(num(1), Some(counts[i] as f64), "{m}");
        assert_eq!(num(2), orders[i].map(|n| n as f64), "{m}");
        let month = plain.months[i];
        assert!(same(num(3), month.map(|m| m.0)), "{m} rate");
        assert!(same(num(4), Some(plain.centre)), "{m} centre");
        assert!(same(num(5), month.map(|m| m.1)), "{m} upper limit");
        assert!(same(num(6), month.and_then(|m| m.2)), "{m} lower limit");
        lower_limits += usize::from(num(6).is_some());
    }
    // The limits differ from month to month with the work orders.
    let uppers: Vec<u64> = plain
        .months
        .iter()
        .flatten()
        .map(|m| (m.1 * 1e6) as u64)
        .collect();
    assert!(uppers.iter().any(|u| *u != uppers[0]));
    assert_eq!(lower_limits, months.len() - 2);
    // The months without work orders have no rate: blank, never 0.
    assert!(orders[2].is_none() && cell_number(&trend, header + 3, 3).is_none());

    // The chart says it is a u-chart of the rate.
    let texts = svg_texts(&out.join("grafieken/signalen.svg"));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("klachten per 1.000 werkbonnen (u-kaart)")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "grenzen per maand"), "{texts:?}");
}

#[test]
fn a_spike_with_as_much_more_work_is_no_signal_on_the_rate_but_is_on_the_count() {
    // August 2026: every complaint twice, and twice the work orders.
    let rows = rows(Some(AUGUST));
    let volume = work_orders_file(&[], Some(AUGUST));
    let (kpi, _) = report_with_volume("u-chart-busy", &rows, &volume);
    let got = signals_of(&kpi, "rate");
    assert_same(&got, &second_computation(&rows, Some(&volume)));
    assert!(
        !got.iter().any(|s| s.3 == "2026-08" && s.2 == 1),
        "no month of twice the work is beyond a limit: {got:#?}"
    );
    let august = kpi["rate_per_1000"]["months"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["month"] == "2026-08")
        .unwrap()
        .clone();
    assert_eq!(
        august["work_orders"].as_u64(),
        Some(2 * work_orders(AUGUST))
    );

    // The same register without the work orders: the c-chart flags the count.
    let (kpi, _) = report("u-chart-busy-count", &rows, &[]);
    let got = signals_of(&kpi, "count");
    assert_same(&got, &second_computation(&rows, None));
    for series in ["received", "technical", "non_technical"] {
        assert!(
            rule_1_up(&got, series, "2026-08").is_some(),
            "{series}: {got:#?}"
        );
    }
}

#[test]
fn a_spike_without_more_work_is_a_rate_signal() {
    let rows = rows(Some(AUGUST));
    let volume = work_orders_file(&[], None);
    let (kpi, out) = report_with_volume("u-chart-spike", &rows, &volume);
    let got = signals_of(&kpi, "rate");
    assert_same(&got, &second_computation(&rows, Some(&volume)));
    let signal = rule_1_up(&got, "received", "2026-08").expect("the spike on the rate");
    // Its numbers are the month's rate and limits per 1,000 work orders.
    let complaints = rows
        .iter()
        .filter(|r| month_of(r.received) == "2026-08")
        .count();
    assert!(close(
        signal.5,
        complaints as f64 * 1000.0 / work_orders(AUGUST) as f64
    ));

    // In words on the summary, as a rate.
    let sentence = format!(
        "augustus 2026: {} klachten per 1.000 werkbonnen, boven de bovengrens {} (gemiddeld {})",
        comma(signal.5),
        comma(signal.7),
        comma(signal.6)
    );
    let mut wb = calamine::open_workbook_auto(out.join("klachtenrapport-2026-Q3.xlsx")).unwrap();
    let summary = wb.worksheet_range("Samenvatting").unwrap();
    let texts: Vec<String> = summary.rows().map(|r| r[0].to_string()).collect();
    assert!(texts.contains(&sentence), "{sentence} not in {texts:#?}");
    let page = std::fs::read_to_string(out.join("klachtenrapport-2026-Q3.html")).unwrap();
    assert!(page.contains(&sentence), "the page says it too");
    // The Trend sheet lists every signal with its rate; the chart marks it with its rate.
    let trend = wb.worksheet_range("Trend").unwrap();
    let listed: Vec<f64> = (0..trend.height() as u32)
        .filter(|&r| text_at(&trend, r, 3).starts_with("regel "))
        .filter_map(|r| cell_number(&trend, r, 4))
        .collect();
    assert_eq!(listed.len(), got.len());
    assert!(listed.iter().any(|v| close(*v, signal.5)));
    let texts = svg_texts(&out.join("grafieken/signalen.svg"));
    assert!(texts.contains(&comma(signal.5)), "{texts:?}");
}

#[test]
fn months_without_work_orders_are_left_out_and_not_judged() {
    // September twice as busy, but without its work orders: not judged (the count is flagged).
    let rows = rows(Some(SEPTEMBER));
    let volume = work_orders_file(&[SEPTEMBER], None);
    let (kpi, out) = report_with_volume("u-chart-no-september", &rows, &volume);
    let got = signals_of(&kpi, "rate");
    assert_same(&got, &second_computation(&rows, Some(&volume)));
    assert!(!got.iter().any(|s| s.3 == "2026-09"), "{got:#?}");
    let (count, _) = report("u-chart-september-count", &rows, &[]);
    assert!(rule_1_up(&signals_of(&count, "count"), "received", "2026-09").is_some());
    let mut wb = calamine::open_workbook_auto(out.join("klachtenrapport-2026-Q3.xlsx")).unwrap();
    let summary = wb.worksheet_range("Samenvatting").unwrap();
    let said = "Zonder werkbonnen, dus niet beoordeeld: september 2026.";
    assert!(summary.rows().any(|r| r[0] == said));

    // Work orders only from August 2025: 11 months of history with them, too few.
    let (kpi, out) = report_with_volume(
        "u-chart-short",
        &rows,
        &work_orders_file(&(0..13).collect::<Vec<_>>(), None),
    );
    assert_eq!(kpi["signals"], serde_json::json!([]));
    let history: Vec<u64> = kpi["signals_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["baseline_months"].as_u64().unwrap())
        .collect();
    // Received, technical, non-technical and the five causes of P.
    assert_eq!(history, [11; 8]);
    let mut wb = calamine::open_workbook_auto(out.join("klachtenrapport-2026-Q3.xlsx")).unwrap();
    let summary = wb.worksheet_range("Samenvatting").unwrap();
    let said = "Geen signalen: te weinig historie (11 maanden met werkbonnen vóór de periode in het register, minimaal 12 nodig).";
    assert!(summary.rows().any(|r| r[0] == said));
}
