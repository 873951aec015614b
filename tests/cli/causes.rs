//! Cause groups (SPEC §10) through `klacht report`: the sample register with its causes
//! rewritten the ways people write them, and the registers as `klacht sample` writes them;
//! every group's count in kpi.json against the truth the test knows, and no two different
//! causes merged.

use crate::util::*;
use chrono::{Datelike, NaiveDate};
use klacht::sample::WrittenCause;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// For an original cause of the sample, the spellings to write in turn, each with the cause
/// it truly is.
const VARIANTS: &[(&str, &[(&str, &str)])] = &[
    (
        "koudemiddellekkage",
        &[
            ("Koudemiddel lekkage", "koudemiddel"),
            ("lekkage koudemiddel", "koudemiddel"),
            ("koudemiddellekage", "koudemiddel"),
            ("Koudemiddellekkage (R32)", "koudemiddel"),
            ("koudemiddellekkage", "koudemiddel"),
            ("KOUDEMIDDEL-LEKKAGE", "koudemiddel"),
            ("lekkage koudemiddel (R410A)", "koudemiddel"),
        ],
    ),
    (
        "compressorstoring",
        &[
            ("compressorstoring", "compressorstoring"),
            ("compressor defect", "compressor defect"),
            ("compressor storing", "compressorstoring"),
            ("compressor lawaai", "compressor lawaai"),
            ("Compressor defect", "compressor defect"),
            ("compresorstoring", "compressorstoring"),
        ],
    ),
    (
        "condensafvoer verstopt",
        &[
            ("condensafvoer verstopt", "condensafvoer"),
            ("verstopt condensafvoer", "condensafvoer"),
            ("lekkage condenswater", "condenswater"),
            ("Condensafvoer verstopt.", "condensafvoer"),
            ("Lekkage condenswater", "condenswater"),
        ],
    ),
    (
        "thermostaatinstelling",
        &[
            ("thermostaatinstelling", "thermostaat"),
            ("thermostaat instelling", "thermostaat"),
            ("thermostaatinstellign", "thermostaat"),
            ("thermostaat defect", "thermostaat defect"),
        ],
    ),
];

/// A row written with a cause: the cause as written, the cause it truly is, and its received
/// date.
pub struct Written {
    pub text: String,
    pub label: String,
    pub received: NaiveDate,
}

/// The sample register (Windows-1252, `;`) with the causes rewritten, written as UTF-8 CSV;
/// returns the rows written with a cause, in order, each with the cause it truly is (the
/// generator's cause, or a synonym of it on its own). Rows with a doubtful number or date are
/// left out, so that every row written is used.
pub fn rewritten(dir: &Path, extra: &[(&'static str, &'static str)]) -> Vec<Written> {
    let bytes = std::fs::read(sample("klachtenregister-2025-2026.csv")).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (nr, date, cause) = (col("Klachtnr."), col("Datum ontvangst"), col("Oorzaak"));
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(dir.join("register.csv"))
        .unwrap();
    w.write_record(&headers).unwrap();
    let mut turn: BTreeMap<String, usize> = BTreeMap::new();
    let mut numbers = BTreeSet::new();
    let mut truth = Vec::new();
    // The sample's causes as the generator wrote them, one per filled cause cell in order.
    let mut written = klacht::sample::demo_causes().into_iter();
    for r in rdr.records() {
        let r = r.unwrap();
        let was = r.get(cause).unwrap_or("").trim();
        let meant = (!was.is_empty()).then(|| written.next().unwrap());
        assert!(meant.is_none_or(|m| m.text == was), "{was} / {meant:?}");
        let number = r.get(nr).unwrap_or("").trim().to_string();
        let received = NaiveDate::parse_from_str(r.get(date).unwrap_or("").trim(), "%d-%m-%Y");
        let Ok(received) = received else {
            continue;
        };
        if r.len() != headers.len() || number.is_empty() || !numbers.insert(number) {
            continue;
        }
        let mut fields: Vec<String> = r.iter().map(str::to_string).collect();
        let Some(meant) = meant else {
            w.write_record(&fields).unwrap();
            continue;
        };
        let original = meant.name;
        if let Some((_, variants)) = VARIANTS.iter().find(|(o, _)| *o == original) {
            // The extra spellings join the refrigerant leak's turn.
            let variants: Vec<(&str, &str)> = if original == "koudemiddellekkage" {
                variants.iter().chain(extra).copied().collect()
            } else {
                variants.to_vec()
            };
            let k = turn.entry(original.to_string()).or_default();
            let (text, label) = variants[*k % variants.len()];
            *k += 1;
            fields[cause] = text.to_string();
            truth.push(Written {
                text: text.to_string(),
                label: label.to_string(),
                received,
            });
        } else {
            let label = if meant.synonym {
                meant.text
            } else {
                meant.name
            };
            truth.push(Written {
                text: meant.text.to_string(),
                label: label.to_string(),
                received,
            });
        }
        w.write_record(&fields).unwrap();
    }
    w.flush().unwrap();
    truth
}

/// All the sample's complaints in one period.
const ALL: &str = "2000-01-01..2030-12-31";

fn register_kpi(dir: &Path, period: &str) -> Value {
    report_kpi(
        dir,
        &["report", "register.csv", "--period", period, "--out", "out"],
    )
}

#[test]
fn cause_groups_count_every_variant_and_merge_no_two_causes() {
    let dir = temp_dir("causes-groups");
    let truth = rewritten(&dir, &[]);
    let k = register_kpi(&dir, ALL);
    assert_eq!(k["rows"]["excluded"], 0, "every row written is used");
    // The truth: per true cause, its spellings with their counts in register order.
    let mut per: BTreeMap<&str, Vec<(&str, u64)>> = BTreeMap::new();
    for Written { text, label, .. } in &truth {
        let spellings = per.entry(label.as_str()).or_default();
        match spellings.iter_mut().find(|(t, _)| t == text) {
            Some((_, n)) => *n += 1,
            None => spellings.push((text.as_str(), 1)),
        }
    }
    let groups = k["cause_groups"].as_array().unwrap();
    assert_eq!(
        groups.len(),
        per.len(),
        "one group per true cause: {groups:#?}"
    );
    let label_of: BTreeMap<&str, &str> = truth
        .iter()
        .map(|w| (w.text.as_str(), w.label.as_str()))
        .collect();
    for g in groups {
        let spellings = g["spellings"].as_array().unwrap();
        let labels: BTreeSet<&str> = spellings
            .iter()
            .map(|s| label_of[s["text"].as_str().unwrap()])
            .collect();
        assert_eq!(labels.len(), 1, "one true cause per group: {g}");
        let label = labels.into_iter().next().unwrap();
        let expected = &per[label];
        let got: BTreeMap<&str, u64> = spellings
            .iter()
            .map(|s| (s["text"].as_str().unwrap(), s["count"].as_u64().unwrap()))
            .collect();
        let want: BTreeMap<&str, u64> = expected.iter().copied().collect();
        assert_eq!(got, want, "spellings of {label}");
        // Named by the most frequent spelling, ties in register order.
        let top = expected.iter().map(|(_, n)| *n).max().unwrap();
        let name = expected.iter().find(|(_, n)| *n == top).unwrap().0;
        assert_eq!(g["cause"], name);
        // kpi.causes counts the group under that name (split by nature only).
        let total: u64 = want.values().sum();
        let counted: u64 = k["causes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["cause"] == name)
            .map(|c| c["count"].as_u64().unwrap())
            .sum();
        assert_eq!(counted, total, "kpi.causes of {name}");
    }
    // The Oorzaken sheet lists every spelling with its count under its group's name.
    let rows = sheet_rows(&dir, "Oorzaken");
    let start = rows
        .iter()
        .position(|r| {
            r.first()
                .is_some_and(|c| c.starts_with("Schrijfwijzen per oorzaak"))
        })
        .expect("the spellings table");
    let listed: BTreeSet<(String, String)> = rows[start..]
        .iter()
        .skip_while(|r| r.get(1).is_none_or(|c| c != "Schrijfwijze"))
        .skip(1)
        .take_while(|r| r.get(1).is_some_and(|c| !c.is_empty()))
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    let want: BTreeSet<(String, String)> = per
        .values()
        .flatten()
        .map(|(t, n)| (t.to_string(), n.to_string()))
        .collect();
    assert_eq!(listed, want);
}

#[test]
fn the_cause_list_counts_a_synonym_under_its_name_and_nature() {
    let dir = temp_dir("causes-list");
    let truth = rewritten(&dir, &[("lek in koudemiddelleiding", "koudemiddel")]);
    std::fs::write(
        dir.join("klacht.toml"),
        "[causes.\"Lekkage koudemiddel\"]\nalso = [\"Lek in koudemiddel-leiding\"]\nnature = \"technical\"\n",
    )
    .unwrap();
    let k = register_kpi(&dir, ALL);
    assert_eq!(k["rows"]["excluded"], 0, "every row written is used");
    let want: BTreeMap<&str, u64> =
        truth
            .iter()
            .filter(|w| w.label == "koudemiddel")
            .fold(BTreeMap::new(), |mut m, w| {
                *m.entry(w.text.as_str()).or_default() += 1;
                m
            });
    assert!(want.contains_key("lek in koudemiddelleiding"));
    let groups = k["cause_groups"].as_array().unwrap();
    let g = groups
        .iter()
        .find(|g| g["cause"] == "Lekkage koudemiddel")
        .expect("the listed cause is a group under its configured name");
    assert_eq!(g["nature"], "technical");
    let got: BTreeMap<&str, u64> = g["spellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["text"].as_str().unwrap(), s["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, want);
    // In the cause tables: one row, under the configured nature, with every complaint.
    let rows: Vec<&Value> = k["causes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["cause"] == "Lekkage koudemiddel")
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["nature"], "technical");
    assert_eq!(
        rows[0]["count"].as_u64().unwrap(),
        want.values().sum::<u64>()
    );
}

#[test]
fn a_spelling_claimed_by_two_causes_is_a_configuration_error_naming_both() {
    let dir = temp_dir("causes-claimed");
    rewritten(&dir, &[]);
    std::fs::write(
        dir.join("klacht.toml"),
        "[causes.lekkage]\nalso = [\"koudemiddellekkage\"]\n\n[causes.koudemiddel]\nalso = [\"Koudemiddel lekkage (R32)\"]\n",
    )
    .unwrap();
    let out = klacht_in(&dir, &["report", "register.csv", "--out", "out"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("klacht.toml")
            && err.contains("causes.lekkage")
            && err.contains("causes.koudemiddel"),
        "{err}"
    );
    assert!(!dir.join("out").join("kpi.json").exists());
}

/// A group as the truth sees it: the generator's cause, or a synonym on its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Meant {
    Cause(usize),
    Synonym(&'static str),
}

fn meant(w: &WrittenCause) -> Meant {
    if w.synonym {
        Meant::Synonym(w.text)
    } else {
        Meant::Cause(w.cause)
    }
}

/// Checks a report's `cause_groups` and `causes` against the causes the generator wrote
/// (`written`, in register order) for the complaints received in `[from, to]`: one group per
/// cause (a synonym its own), with exactly the spellings written in the period and their
/// counts, named by its most frequent spelling in the whole register (ties: the first written),
/// which is the cause's usual name. Returns each group's name and spellings as the truth has them.
fn check_against_generator(
    k: &Value,
    written: &[WrittenCause],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(String, BTreeMap<&'static str, u64>)> {
    // The truth per group: the spellings written in the period with their counts, and the
    // name from the whole register.
    let mut in_period: BTreeMap<Meant, BTreeMap<&str, u64>> = BTreeMap::new();
    for w in written.iter().filter(|w| (from..=to).contains(&w.received)) {
        *in_period
            .entry(meant(w))
            .or_default()
            .entry(w.text)
            .or_default() += 1;
    }
    let mut all: BTreeMap<Meant, Vec<(&str, u64)>> = BTreeMap::new();
    for w in written {
        let spellings = all.entry(meant(w)).or_default();
        match spellings.iter_mut().find(|(t, _)| *t == w.text) {
            Some((_, n)) => *n += 1,
            None => spellings.push((w.text, 1)),
        }
    }
    let name_of = |m: &Meant| {
        let spellings = &all[m];
        let top = spellings.iter().map(|s| s.1).max().unwrap();
        spellings.iter().find(|s| s.1 == top).unwrap().0
    };
    let groups = k["cause_groups"].as_array().unwrap();
    assert_eq!(groups.len(), in_period.len(), "{groups:#?}");
    let mut out = Vec::new();
    for (m, want) in &in_period {
        let name = name_of(m);
        if let (Meant::Cause(_), Some(w)) = (m, written.iter().find(|w| meant(w) == *m)) {
            assert_eq!(name, w.name, "the usual spelling names its cause's group");
        }
        let g = groups
            .iter()
            .find(|g| g["cause"] == name)
            .unwrap_or_else(|| panic!("no group {name}: {groups:#?}"));
        let got: BTreeMap<&str, u64> = g["spellings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["text"].as_str().unwrap(), s["count"].as_u64().unwrap()))
            .collect();
        assert_eq!(&got, want, "spellings of {name}");
        let total: u64 = want.values().sum();
        let counted: u64 = k["causes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["cause"] == name)
            .map(|c| c["count"].as_u64().unwrap())
            .sum();
        assert_eq!(counted, total, "kpi.causes of {name}");
        out.push((name.to_string(), want.clone()));
    }
    out
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_bundled_sample_report_groups_the_causes_as_the_generator_wrote_them() {
    let dir = temp_dir("causes-bundled");
    let written = klacht::sample::demo_causes();
    for name in [
        "klachtenregister-2025-2026.xlsx",
        "klachtenregister-2025-2026.csv",
    ] {
        let out_dir = dir.join(name);
        let k = report_kpi(
            &dir,
            &[
                "report",
                arg(&sample(name)),
                "--period",
                "2026-Q3",
                "--out",
                arg(&out_dir),
            ],
        );
        let groups = check_against_generator(&k, &written, day(2026, 7, 1), day(2026, 9, 30));
        assert!(
            groups.iter().filter(|(_, s)| s.len() > 1).count() > groups.len() / 2,
            "most groups of the quarter show several spellings: {groups:?}"
        );
    }
}

#[test]
fn a_generated_register_groups_every_spelling_under_its_cause() {
    let dir = temp_dir("causes-generated");
    let seed = 31;
    let reg = generated(&dir, "register.csv", 20_000, seed);
    let k = report_kpi(
        &dir,
        &["report", arg(&reg), "--period", "2026-Q3", "--out", "out"],
    );
    let opts = klacht::sample::SampleOptions {
        rows: 20_000,
        seed: u64::from(seed),
        ..Default::default()
    };
    let written = klacht::sample::sample_causes(&opts).unwrap();
    // The truth's dates are the register's: the tests' own reading of its CSV agrees.
    let read = read_generated(&reg);
    let filled: Vec<_> = read.iter().filter(|r| r.cause.is_some()).collect();
    assert_eq!(filled.len(), written.len());
    for (r, w) in filled.iter().zip(&written) {
        assert_eq!((r.received, r.cause.as_deref()), (w.received, Some(w.text)));
    }
    let groups = check_against_generator(&k, &written, day(2026, 7, 1), day(2026, 9, 30));
    // In a quarter of thousands of complaints every spelling and synonym occurs: the groups
    // hold every one of them, and their number is the causes' plus the synonyms'.
    let spelt: BTreeSet<&str> = groups.iter().flat_map(|(_, s)| s.keys().copied()).collect();
    let all: BTreeSet<&str> = written.iter().map(|w| w.text).collect();
    assert_eq!(spelt, all);
    let causes: BTreeSet<usize> = written.iter().map(|w| w.cause).collect();
    let synonyms: BTreeSet<&str> = written
        .iter()
        .filter(|w| w.synonym)
        .map(|w| w.text)
        .collect();
    assert_eq!(groups.len(), causes.len() + synonyms.len());
    assert!((2..=3).contains(&synonyms.len()), "{synonyms:?}");
}

/// The report's workbook in `dir/out`.
fn book(dir: &Path) -> std::path::PathBuf {
    std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .unwrap()
}

/// A sheet of the report's workbook as rows of text.
fn sheet_rows(dir: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb = calamine::open_workbook_auto(book(dir)).unwrap();
    let range = calamine::Reader::worksheet_range(&mut wb, sheet).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// A formatted table of the report's workbook: its header and its rows.
fn table(dir: &Path, name: &str) -> (Vec<String>, Vec<Vec<calamine::Data>>) {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(book(dir)).unwrap();
    wb.load_tables().unwrap();
    let t = wb.table_by_name(name).unwrap();
    let rows = t.data().rows().map(<[calamine::Data]>::to_vec).collect();
    (t.columns().to_vec(), rows)
}

/// A cell's number; `None` for an empty cell.
fn number(cell: &calamine::Data) -> Option<f64> {
    match cell {
        calamine::Data::Float(v) => Some(*v),
        calamine::Data::Int(v) => Some(*v as f64),
        calamine::Data::Empty => None,
        other => panic!("not a number: {other:?}"),
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A configuration with three corrective actions, dated where the register's rows make the
/// window boundaries count: the refrigerant leak's on a day with such a complaint (it belongs
/// after), the compressor's 12 months after a day with such a complaint (it belongs before),
/// the condensate drain's after the period (2026-Q3). Returns it with the three dates.
fn actions_config(truth: &[Written]) -> (String, [NaiveDate; 3]) {
    let day_of = |label: &str, lo: NaiveDate, hi: NaiveDate| {
        truth
            .iter()
            .find(|w| w.label == label && lo <= w.received && w.received <= hi)
            .map(|w| w.received)
            .unwrap_or_else(|| panic!("a {label} complaint in {lo}..{hi}"))
    };
    let leak = day_of("koudemiddel", ymd(2026, 2, 2), ymd(2026, 6, 30));
    let compressor = day_of("compressorstoring", ymd(2025, 4, 2), ymd(2025, 9, 30))
        .checked_add_months(chrono::Months::new(12))
        .unwrap();
    let drain = ymd(2026, 12, 1);
    let toml = format!(
        r#"
[causes."Lekkage koudemiddel"]
also = ["Lek in koudemiddel-leiding"]
action = "perscontrole bij elke oplevering"
action_date = {leak}

[causes.compressorstoring]
action = "startcondensator bij elk onderhoud vervangen"
action_date = {compressor}

[causes."condensafvoer verstopt"]
action_date = {drain}
"#
    );
    (toml, [leak, compressor, drain])
}

/// The months from `a` to `end`, the last day of a month, as a second way of counting: the
/// share of `a`'s month from `a` on, and the calendar months after it; 0 when `a` is later.
fn months_to_month_end(a: NaiveDate, end: NaiveDate) -> f64 {
    if a > end {
        return 0.0;
    }
    let next = ymd(a.year() + i32::from(a.month() == 12), a.month() % 12 + 1, 1);
    let in_month = (next - ymd(a.year(), a.month(), 1)).num_days();
    let first = (next - a).num_days() as f64 / in_month as f64;
    let index = |d: NaiveDate| d.year() * 12 + d.month() as i32;
    first + f64::from(index(end) - index(a))
}

#[test]
fn corrective_actions_count_the_complaints_before_and_after_their_date() {
    let dir = temp_dir("causes-actions");
    let truth = rewritten(&dir, &[("lek in koudemiddelleiding", "koudemiddel")]);
    let (toml, dates) = actions_config(&truth);
    std::fs::write(dir.join("klacht.toml"), toml).unwrap();
    let k = register_kpi(&dir, "2026-Q3");
    assert_eq!(k["rows"]["excluded"], 0, "every row written is used");
    let end = ymd(2026, 9, 30);
    let causes = [
        ("Lekkage koudemiddel", "koudemiddel"),
        ("compressorstoring", "compressorstoring"),
        ("condensafvoer verstopt", "condensafvoer"),
    ];
    let actions = k["cause_actions"].as_array().unwrap();
    assert_eq!(actions.len(), causes.len());
    let (header, rows) = table(&dir, "EffectMaatregelen");
    assert_eq!(rows.len(), causes.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let num = |row: &[calamine::Data], name: &str| number(&row[col(name)]);
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    for (((name, label), date), (a, row)) in
        causes.into_iter().zip(dates).zip(actions.iter().zip(&rows))
    {
        // The 12 months before: the same day a year earlier (none of the dates is a 29 Feb).
        let from = ymd(date.year() - 1, date.month(), date.day());
        let last_before = date.pred_opt().unwrap();
        let count = |lo: NaiveDate, hi: NaiveDate| {
            truth
                .iter()
                .filter(|w| w.label == label && lo <= w.received && w.received <= hi)
                .count() as u64
        };
        let (before, after) = (count(from, last_before), count(date, end));
        let months_after = months_to_month_end(date, end);
        assert!(before > 0, "{name}: complaints before the action");
        assert_eq!(a["cause"], name);
        assert_eq!(a["action_date"], day(date));
        assert_eq!(a["before"]["from"], day(from));
        assert_eq!(a["before"]["to"], day(last_before));
        assert_eq!(a["after"]["from"], day(date));
        assert_eq!(a["after"]["to"], day(end));
        assert_eq!(a["before"]["complaints"], before, "{name} before");
        assert_eq!(a["after"]["complaints"], after, "{name} after");
        let close = |v: &Value, want: f64| (v.as_f64().unwrap() - want).abs() < 1e-9;
        assert!(close(&a["before"]["months"], 12.0), "{name}: {a}");
        assert!(close(&a["after"]["months"], months_after), "{name}: {a}");
        assert!(
            close(&a["before"]["per_month"], before as f64 / 12.0),
            "{a}"
        );
        if months_after > 0.0 {
            let rate = after as f64 / months_after;
            assert!(close(&a["after"]["per_month"], rate), "{a}");
        } else {
            assert_eq!(after, 0);
            assert!(a["after"]["per_month"].is_null(), "{a}");
        }
        // The sheet's table: the same numbers, months and rates to two decimals.
        assert_eq!(row[col("Oorzaak")], calamine::Data::String(name.into()));
        let near = |v: Option<f64>, want: f64| v.is_some_and(|v| (v - want).abs() <= 0.005);
        assert_eq!(num(row, "Vóór: klachten"), Some(before as f64));
        assert_eq!(num(row, "Na: klachten"), Some(after as f64));
        assert!(near(num(row, "Vóór: maanden"), 12.0));
        assert!(near(num(row, "Na: maanden"), months_after));
        assert!(near(num(row, "Vóór: per maand"), before as f64 / 12.0));
        match months_after > 0.0 {
            true => assert!(near(num(row, "Na: per maand"), after as f64 / months_after)),
            false => assert_eq!(num(row, "Na: per maand"), None),
        }
    }
    // The boundaries: a complaint on the leak's action date counts after it, one on the
    // first day of the compressor's 12 months before counts before.
    let [leak, compressor, _] = dates;
    assert!(truth
        .iter()
        .any(|w| w.label == "koudemiddel" && w.received == leak));
    let a_year_before = ymd(compressor.year() - 1, compressor.month(), compressor.day());
    assert!(truth
        .iter()
        .any(|w| w.label == "compressorstoring" && w.received == a_year_before));
}

#[test]
fn without_actions_or_headings_the_keys_are_empty_lists_and_the_tables_absent() {
    let dir = temp_dir("causes-no-actions");
    rewritten(&dir, &[]);
    let k = register_kpi(&dir, "2026-Q3");
    assert_eq!(k["cause_actions"], Value::Array(Vec::new()));
    assert_eq!(k["cause_headings"], Value::Array(Vec::new()));
    let rows = sheet_rows(&dir, "Oorzaken");
    for title in ["Effect van maatregelen", "Oorzaken per hoofdgroep"] {
        assert!(
            !rows
                .iter()
                .any(|r| r.first().is_some_and(|c| c.starts_with(title))),
            "{title}"
        );
    }
}

#[test]
fn headings_of_the_cause_list_make_a_second_pareto() {
    let dir = temp_dir("causes-headings");
    let truth = rewritten(&dir, &[]);
    std::fs::write(
        dir.join("klacht.toml"),
        r#"
[causes."Lekkage koudemiddel"]
group = "installatie"
[causes.compressorstoring]
group = "installatie"
[causes."condensafvoer verstopt"]
group = "onderhoud"
[causes."foutieve factuur"]
group = "administratie"
[causes."slechte communicatie"]
"#,
    )
    .unwrap();
    let (period, from, to) = ("2026-H1", ymd(2026, 1, 1), ymd(2026, 6, 30));
    let k = register_kpi(&dir, period);
    // The test's own sums over the rows received in the period, by true cause.
    let heading_of = |label: &str| match label {
        "koudemiddel" | "compressorstoring" => Some("installatie"),
        "condensafvoer" => Some("onderhoud"),
        "foutieve factuur" => Some("administratie"),
        _ => None,
    };
    let mut want: BTreeMap<Option<&str>, u64> = BTreeMap::new();
    for w in truth
        .iter()
        .filter(|w| from <= w.received && w.received <= to)
    {
        *want.entry(heading_of(&w.label)).or_default() += 1;
    }
    let total: u64 = want.values().sum();
    let rows = k["cause_headings"].as_array().unwrap();
    let got: BTreeMap<Option<&str>, u64> = rows
        .iter()
        .map(|r| (r["heading"].as_str(), r["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), 4, "three headings and the rest");
    // A Pareto: most first, the rest last; shares of the total and their running sum.
    assert!(rows.last().unwrap()["heading"].is_null());
    let named: Vec<u64> = rows[..rows.len() - 1]
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .collect();
    assert!(named.windows(2).all(|w| w[0] >= w[1]), "{named:?}");
    let mut running = 0;
    for r in rows {
        let n = r["count"].as_u64().unwrap();
        running += n;
        let share = r["share"].as_f64().unwrap();
        assert!((share - n as f64 / total as f64).abs() < 1e-12);
        let cumulative = r["cumulative_share"].as_f64().unwrap();
        assert!((cumulative - running as f64 / total as f64).abs() < 1e-12);
    }
    // The workbook: the table with the same counts, "overige" for the rest, and its chart.
    let (_, table_rows) = table(&dir, "OorzakenHoofdgroep");
    let shown: BTreeMap<String, f64> = table_rows
        .iter()
        .map(|r| (r[0].to_string(), number(&r[1]).unwrap()))
        .collect();
    let want_shown: BTreeMap<String, f64> = want
        .iter()
        .map(|(h, n)| (h.unwrap_or("overige").to_string(), *n as f64))
        .collect();
    assert_eq!(shown, want_shown);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book(&dir)).unwrap()).unwrap();
    let titled = (0..zip.len()).any(|i| {
        let mut f = zip.by_index(i).unwrap();
        let mut xml = String::new();
        f.name().is_ok_and(|n| n.starts_with("xl/charts/chart"))
            && std::io::Read::read_to_string(&mut f, &mut xml).is_ok()
            && xml.contains(&format!("Oorzaken per hoofdgroep — {period}"))
    });
    assert!(titled, "a Pareto chart of the headings");
}

#[test]
fn the_register_sheet_shows_each_cause_with_its_group() {
    let dir = temp_dir("causes-register-group");
    let truth = rewritten(&dir, &[("lek in koudemiddelleiding", "koudemiddel")]);
    std::fs::write(dir.join("klacht.toml"), actions_config(&truth).0).unwrap();
    let k = register_kpi(&dir, ALL);
    let group_of: BTreeMap<&str, &str> = k["cause_groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            g["spellings"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |s| (s["text"].as_str().unwrap(), g["cause"].as_str().unwrap()))
        })
        .collect();
    let rows = sheet_rows(&dir, "Register");
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "Oorzaakgroep"))
        .expect("a cause group column");
    let cause = rows[header].iter().position(|c| c == "Oorzaak").unwrap();
    let group = rows[header]
        .iter()
        .position(|c| c == "Oorzaakgroep")
        .unwrap();
    assert_eq!(group, cause + 1, "beside the cause as written");
    let complaints = &rows[header + 1..];
    assert_eq!(complaints.len() as u64, k["rows"]["used"].as_u64().unwrap());
    let mut grouped = 0;
    for r in complaints {
        let text = r[cause].trim();
        match text {
            "" => assert_eq!(r[group], "", "no cause, no group"),
            _ => {
                assert_eq!(r[group], group_of[text], "{text}");
                grouped += 1;
            }
        }
    }
    assert!(grouped > 0);
    // The listed cause's synonym stands under the listed name.
    assert!(complaints
        .iter()
        .any(|r| r[cause] == "lek in koudemiddelleiding" && r[group] == "Lekkage koudemiddel"));
}
