//! What complaints cost, whether they were justified, how satisfied the customer was, and
//! which were reopened (issue 23, SPEC §5): a register made here with Dutch amounts (`€ 95`,
//! `1.234,56`, `-`, blank, `n.v.t.`, `ongeveer 100`), ja/nee/deels/blank, `heropend` and
//! satisfaction scores; every figure of `kpi.json` against a second, simple computation over
//! the rows as written, to the cent.

use crate::util::*;
use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A cell as the test wrote it: read (in cents, or a score), not recorded, or unreadable.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell<T> {
    Read(T),
    Blank,
    Unreadable,
}

/// The amounts as written and what each is, worked out by hand.
const AMOUNTS: [(&str, Cell<i64>); 12] = [
    ("€ 95", Cell::Read(9_500)),
    ("1.234,56", Cell::Read(123_456)),
    ("-", Cell::Blank),
    ("", Cell::Blank),
    ("n.v.t.", Cell::Blank),
    ("ongeveer 100", Cell::Unreadable),
    ("€ 12,50", Cell::Read(1_250)),
    ("250", Cell::Read(25_000)),
    ("€ 1.000", Cell::Read(100_000)),
    ("0,99", Cell::Read(99)),
    ("€ 95,-", Cell::Read(9_500)),
    ("3.450,00", Cell::Read(345_000)),
];

/// Justified as written: yes, no, partly, blank.
const JUSTIFIED: [&str; 5] = ["ja", "nee", "deels", "", "Ja"];

/// Satisfaction as written: scores 1–5, a yes, a blank and an unreadable `11`.
const SATISFACTION: [&str; 8] = ["4", "5", "2", "", "1", "ja", "11", "3"];

const CAUSES: [&str; 4] = ["lekkage", "factuur", "", "lekkage"];
const NATURES: [&str; 3] = ["technisch", "niet-technisch", ""];
const DEPARTMENTS: [&str; 3] = ["Service", "Montage", ""];

/// One complaint as the test wrote it.
struct Row {
    id: String,
    received: NaiveDate,
    closed: Option<NaiveDate>,
    reopened: bool,
    amount: usize,
    justified: &'static str,
    satisfaction: &'static str,
    cause: &'static str,
    nature: &'static str,
    urgency: Option<u8>,
    department: &'static str,
}

/// 60 complaints received every 8 days from 2 June 2025 (the last on 17 September 2026), so
/// that the year-ago quarter (2025-Q3), the previous one (2026-Q2) and 2026-Q3 each close
/// a dozen or so. Every fifth from the fourth on stays open; every ninth from the fifth on is
/// `heropend`, with its closed date left in where it had one.
fn rows() -> Vec<Row> {
    (0..60usize)
        .map(|i| {
            let received = ymd(2025, 6, 2) + chrono::Duration::days(8 * i as i64);
            let closed = (i % 5 != 3)
                .then(|| received + chrono::Duration::days(5 + 4 * (i % 7) as i64))
                .filter(|d| *d <= ymd(2026, 9, 30));
            Row {
                id: format!("K-{:03}", i + 1),
                received,
                closed,
                reopened: i % 9 == 4,
                amount: (i * 7) % AMOUNTS.len(),
                justified: JUSTIFIED[(i * 3) % JUSTIFIED.len()],
                satisfaction: SATISFACTION[(i * 3) % SATISFACTION.len()],
                cause: CAUSES[i % CAUSES.len()],
                nature: NATURES[i % NATURES.len()],
                urgency: (i % 9 != 8).then_some((i % 9) as u8 + 1),
                department: DEPARTMENTS[i % DEPARTMENTS.len()],
            }
        })
        .collect()
}

/// The register as a Dutch Excel CSV export (`;`), with *Faalkosten*, *Gegrond* and
/// *Tevredenheid* columns.
fn write_register(path: &Path, rows: &[Row]) {
    let mut csv = String::from(
        "Klachtnummer;Datum ontvangst;Omschrijving;Behandelaar;Aard;Urgentie;Afdeling;Oorzaak;\
         Datum afgehandeld;Status;Gegrond;Faalkosten;Tevredenheid\n",
    );
    for r in rows {
        let status = match (r.reopened, r.closed) {
            (true, _) => "heropend",
            (false, Some(_)) => "afgehandeld",
            (false, None) => "in behandeling",
        };
        csv.push_str(&format!(
            "{};{};Storing;Jan;{};{};{};{};{};{status};{};{};{}\n",
            r.id,
            r.received.format("%d-%m-%Y"),
            r.nature,
            r.urgency.map_or(String::new(), |u| u.to_string()),
            r.department,
            r.cause,
            r.closed
                .map_or(String::new(), |d| d.format("%d-%m-%Y").to_string()),
            r.justified,
            AMOUNTS[r.amount].0,
            r.satisfaction,
        ));
    }
    std::fs::write(path, csv).unwrap();
}

/// A quarter, first and last day.
type Span = (NaiveDate, NaiveDate);

const P: Span = (
    NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
    NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
);

fn within(d: NaiveDate, (a, b): Span) -> bool {
    a <= d && d <= b
}

/// Closed in `span`: a closed date in it and not reopened (a reopened complaint is open).
fn closed_in(r: &Row, span: Span) -> bool {
    !r.reopened && r.closed.is_some_and(|d| within(d, span))
}

/// Received, closed or open on some day of P (SPEC §5: the complaints that matter for P).
fn matters(r: &Row) -> bool {
    let closed = r.closed.filter(|_| !r.reopened);
    r.received <= P.1 && closed.is_none_or(|c| c >= P.0)
}

fn amount(r: &Row) -> Cell<i64> {
    AMOUNTS[r.amount].1
}

/// `total / n` rounded to the cent, half away from zero (the amounts here are positive).
fn mean(total: i64, n: i64) -> i64 {
    (2 * total + n) / (2 * n)
}

fn median(mut v: Vec<i64>) -> i64 {
    v.sort();
    let n = v.len();
    if !n.is_multiple_of(2) {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2] + 1) / 2
    }
}

/// Euros in `kpi.json`: a number whose cents are `cents`, exactly.
fn euros(v: &Value) -> i64 {
    let x = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    let cents = (x * 100.0).round();
    assert_eq!(x, cents / 100.0, "{x} has more than two decimals");
    cents as i64
}

fn share(part: i64, whole: i64) -> Value {
    if whole == 0 {
        Value::Null
    } else {
        serde_json::json!(part as f64 / whole as f64)
    }
}

fn close(got: &Value, want: &Value, what: &str) {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-12, "{what}: {g} != {w}"),
        _ => assert_eq!(got, want, "{what}"),
    }
}

/// The sum of the readable costs closed in `span`; `None` without any.
fn cost_total(rows: &[Row], span: Span) -> Option<i64> {
    let costs: Vec<i64> = rows
        .iter()
        .filter(|r| closed_in(r, span))
        .filter_map(|r| match amount(r) {
            Cell::Read(c) => Some(c),
            _ => None,
        })
        .collect();
    (!costs.is_empty()).then(|| costs.iter().sum())
}

/// The costed complaints of a group closed in P: how many, their sum, the natures seen.
type Costs = (u64, i64, Vec<&'static str>);

/// Per key, the costed complaints closed in P.
fn per<K: Ord>(rows: &[Row], key: impl Fn(&Row) -> K) -> BTreeMap<K, Costs> {
    let mut out: BTreeMap<K, Costs> = BTreeMap::new();
    for r in rows.iter().filter(|r| closed_in(r, P)) {
        if let Cell::Read(c) = amount(r) {
            let e = out.entry(key(r)).or_default();
            e.0 += 1;
            e.1 += c;
            e.2.push(r.nature);
        }
    }
    out
}

fn nature_key(s: &str) -> Value {
    match s {
        "technisch" => "technical".into(),
        "niet-technisch" => "non_technical".into(),
        _ => Value::Null,
    }
}

fn text_or_null(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        s.into()
    }
}

#[test]
fn costs_justification_satisfaction_and_reopened_equal_a_second_computation() {
    let dir = temp_dir("cost");
    let rows = rows();
    write_register(&dir.join("register.csv"), &rows);
    let k = report_kpi(
        &dir,
        &[
            "report",
            "register.csv",
            "--period",
            "2026-Q3",
            "--out",
            "out",
        ],
    );
    let closed: Vec<&Row> = rows.iter().filter(|r| closed_in(r, P)).collect();
    assert!(closed.len() >= 6, "the fixture closes enough in P");

    // Cost: n + missing + left out = closed(P); an unreadable amount is neither.
    let c = &k["cost"];
    let count = |cell: Cell<i64>| {
        closed
            .iter()
            .filter(|r| std::mem::discriminant(&amount(r)) == std::mem::discriminant(&cell))
            .count() as u64
    };
    let costs: Vec<i64> = closed
        .iter()
        .filter_map(|r| match amount(r) {
            Cell::Read(c) => Some(c),
            _ => None,
        })
        .collect();
    let total: i64 = costs.iter().sum();
    let n = costs.len() as i64;
    assert_eq!(c["n"], count(Cell::Read(0)));
    assert_eq!(c["missing"], count(Cell::Blank));
    assert_eq!(c["left_out"], count(Cell::Unreadable));
    assert!(count(Cell::Unreadable) > 0 && count(Cell::Blank) > 0);
    assert!(closed.iter().any(|r| AMOUNTS[r.amount].0 == "1.234,56"));
    assert_eq!(
        c["n"].as_u64().unwrap() + count(Cell::Blank) + count(Cell::Unreadable),
        k["closed"].as_u64().unwrap()
    );
    assert_eq!(euros(&c["total"]), total);
    assert_eq!(euros(&c["mean"]), mean(total, n));
    assert_eq!(euros(&c["median"]), median(costs.clone()));

    // Per cause group, most cost first, the costs without a cause last; the nature where
    // all its costed complaints share one.
    let by_cause = per(&rows, |r| r.cause);
    let mut want: Vec<(&str, Costs)> = by_cause.into_iter().collect();
    want.sort_by_key(|(cause, (_, t, _))| (cause.is_empty(), std::cmp::Reverse(*t)));
    let got = c["by_cause"].as_array().unwrap();
    assert_eq!(got.len(), want.len());
    let mut running = 0;
    for (g, (cause, (n, t, natures))) in got.iter().zip(&want) {
        running += t;
        assert_eq!(g["cause"], text_or_null(cause));
        assert_eq!(
            (&g["n"], euros(&g["total"])),
            (&Value::from(*n), *t),
            "{cause}"
        );
        close(&g["share"], &share(*t, total), cause);
        close(&g["cumulative_share"], &share(running, total), cause);
        let same = natures.iter().all(|x| x == &natures[0]);
        let nature = if same {
            nature_key(natures[0])
        } else {
            Value::Null
        };
        assert_eq!(g["nature"], nature, "{cause}");
    }
    assert_eq!(running, total, "the Pareto adds up to the total");

    // Per nature (all three rows), urgency (1–8 and unclassified), department (with costs).
    let check = |key: &str, list: &Value, want: Vec<(Value, (u64, i64))>| {
        let got = list.as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{key}");
        for (g, (k, (n, t))) in got.iter().zip(&want) {
            assert_eq!(g[key], *k, "{key}");
            assert_eq!(
                (&g["n"], euros(&g["total"])),
                (&Value::from(*n), *t),
                "{key} {k}"
            );
            close(&g["share"], &share(*t, total), key);
        }
    };
    let natures = per(&rows, |r| r.nature);
    let of = |m: &BTreeMap<&str, Costs>, k: &str| m.get(k).map_or((0, 0), |e| (e.0, e.1));
    check(
        "nature",
        &c["by_nature"],
        ["technisch", "niet-technisch", ""]
            .iter()
            .map(|n| (nature_key(n), of(&natures, n)))
            .collect(),
    );
    let urgencies = per(&rows, |r| r.urgency.map_or(9, |u| u));
    check(
        "urgency",
        &c["by_urgency"],
        (1..=9u8)
            .map(|u| {
                let key = if u == 9 { Value::Null } else { Value::from(u) };
                (key, urgencies.get(&u).map_or((0, 0), |e| (e.0, e.1)))
            })
            .collect(),
    );
    let departments = per(&rows, |r| (r.department.is_empty(), r.department));
    check(
        "department",
        &c["by_department"],
        departments
            .iter()
            .map(|((_, d), e)| (text_or_null(d), (e.0, e.1)))
            .collect(),
    );

    // The previous period and the year before, for the summary's comparison.
    let q2 = (ymd(2026, 4, 1), ymd(2026, 6, 30));
    let q3_2025 = (ymd(2025, 7, 1), ymd(2025, 9, 30));
    for (key, span) in [("previous", q2), ("year_ago", q3_2025)] {
        let want = cost_total(&rows, span).expect("the fixture closes costs in both");
        assert_eq!(euros(&k[key]["cost_total"]), want, "{key}");
    }

    // Justified over closed(P): partly apart, the share of yes over yes + no + partly.
    let j = &k["justified"];
    let n_of = |s: &[&str]| closed.iter().filter(|r| s.contains(&r.justified)).count() as i64;
    let (yes, no, partly) = (n_of(&["ja", "Ja"]), n_of(&["nee"]), n_of(&["deels"]));
    assert_eq!(
        (
            &j["yes"],
            &j["no"],
            &j["partly"],
            &j["unknown"],
            &j["left_out"]
        ),
        (
            &Value::from(yes),
            &Value::from(no),
            &Value::from(partly),
            &Value::from(n_of(&[""])),
            &Value::from(0)
        )
    );
    assert!(yes > 0 && no > 0 && partly > 0 && n_of(&[""]) > 0);
    close(&j["share_yes"], &share(yes, yes + no + partly), "share_yes");
    let closed_p = &k["previous"]["closed"];
    assert!(closed_p.as_u64().unwrap() > 0);
    assert!(k["previous"]["share_justified"].is_number());

    // Satisfaction over closed(P) on the register's scale (scores 1–5 and a yes: 1–5); the
    // unreadable `11` left out of all of it, the base of the response rate too.
    let s = &k["satisfaction"];
    let asked: Vec<&&Row> = closed.iter().filter(|r| r.satisfaction != "11").collect();
    let answers: Vec<&str> = asked
        .iter()
        .map(|r| r.satisfaction)
        .filter(|a| !a.is_empty())
        .collect();
    let scores: Vec<i64> = answers.iter().filter_map(|a| a.parse().ok()).collect();
    let satisfied = answers
        .iter()
        .filter(|a| **a == "ja" || a.parse::<i64>().is_ok_and(|s| s >= 4))
        .count() as i64;
    assert!(asked.len() < closed.len() && answers.contains(&"ja"));
    assert_eq!(s["scale"], "1-5");
    assert_eq!(s["responses"], answers.len());
    assert_eq!(s["left_out"], closed.len() - asked.len());
    close(
        &s["response_rate"],
        &share(answers.len() as i64, asked.len() as i64),
        "response",
    );
    close(
        &s["mean"],
        &serde_json::json!(scores.iter().sum::<i64>() as f64 / scores.len() as f64),
        "mean",
    );
    close(
        &s["share_satisfied"],
        &share(satisfied, answers.len() as i64),
        "satisfied",
    );

    // Reopened: its own status, counted over the complaints that matter for P, and open for
    // every figure — so a reopened complaint's closed date in P does not make it closed.
    let reopened: Vec<&Row> = rows.iter().filter(|r| r.reopened && matters(r)).collect();
    assert_eq!(k["reopened"], reopened.len());
    assert!(reopened
        .iter()
        .any(|r| r.closed.is_some_and(|d| within(d, P))));
    let closed_dates_in_p = rows
        .iter()
        .filter(|r| r.closed.is_some_and(|d| within(d, P)))
        .count();
    assert_eq!(k["closed"], closed.len());
    assert!(closed.len() < closed_dates_in_p);

    // Left out, counted per field over the complaints that matter for P.
    let unreadable_costs = rows
        .iter()
        .filter(|r| matters(r) && amount(r) == Cell::Unreadable)
        .count();
    assert_eq!(k["left_out"]["cost"], unreadable_costs);

    // The workbook: amounts are numbers (to sum), the reopened complaints listed.
    let out = dir.join("out");
    let mut wb: Xlsx<_> = open_workbook(out.join("klachtenrapport-2026-Q3.xlsx")).unwrap();
    let sheet = wb.worksheet_range("Faalkosten").unwrap();
    let cells: Vec<(String, Data)> = sheet
        .rows()
        .map(|r| {
            (
                r.first().map(|c| c.to_string()).unwrap_or_default(),
                r.get(1).cloned().unwrap_or(Data::Empty),
            )
        })
        .collect();
    let totaal = cells.iter().find(|(label, _)| label == "Totaal").unwrap();
    assert_eq!(totaal.1, Data::Float(total as f64 / 100.0));
    for r in &reopened {
        assert!(
            cells.iter().any(|(label, _)| *label == r.id),
            "{} listed",
            r.id
        );
    }
    // The page writes the total as Dutch writes money.
    let page = std::fs::read_to_string(out.join("klachtenrapport-2026-Q3.html")).unwrap();
    assert!(page.contains(&money(total, '.', ',', "€ ")), "{total}");
    // In English the same figures, the amounts as English writes them.
    let en = report_kpi(
        &dir,
        &[
            "report",
            "register.csv",
            "--period",
            "2026-Q3",
            "--lang",
            "en",
            "--out",
            "en",
        ],
    );
    assert_eq!(en["cost"], k["cost"]);
    let page = std::fs::read_to_string(dir.join("en/complaints-report-2026-Q3.html")).unwrap();
    assert!(page.contains(&money(total, ',', '.', "€")), "{total}");
}

/// `€ 1.234,56` or `€1,234.56`, written out here as a second implementation.
fn money(cents: i64, group: char, point: char, euro: &str) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    format!("{euro}{grouped}{point}{:02}", cents % 100)
}

#[test]
fn an_unreadable_amount_is_an_unreadable_value_finding_at_its_cell() {
    let dir = temp_dir("cost-unreadable");
    let rows = rows();
    write_register(&dir.join("register.csv"), &rows);
    let (doc, _) = check_json(&dir, &["register.csv", "--as-of", "2026-09-30"]);
    let items = items_of(&doc, "unreadable-value");
    let amounts: Vec<&&Value> = items
        .iter()
        .filter(|i| i["value"] == "ongeveer 100")
        .collect();
    let written = rows
        .iter()
        .filter(|r| amount(r) == Cell::Unreadable)
        .count();
    assert_eq!(amounts.len(), written);
    // Column L is Faalkosten; the line is the row's CSV line (header on line 1).
    for (item, r) in amounts
        .iter()
        .zip(rows.iter().filter(|r| amount(r) == Cell::Unreadable))
    {
        let line = rows.iter().position(|x| x.id == r.id).unwrap() + 2;
        assert_eq!(item["cell"], format!("L{line}"));
        assert_eq!(item["id"], r.id.as_str());
    }
    // The blanks (`-`, empty, `n.v.t.`) are not findings; the `11` satisfaction is.
    assert_eq!(
        items.len(),
        written + rows.iter().filter(|r| r.satisfaction == "11").count()
    );
}
