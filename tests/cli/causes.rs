//! Cause groups (SPEC §10) through `klacht report`: the sample register with its causes
//! rewritten the ways people write them, and the registers as `klacht sample` writes them;
//! every group's count in kpi.json against the truth the test knows, and no two different
//! causes merged.

use crate::util::*;
use chrono::NaiveDate;
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

/// The sample register (Windows-1252, `;`) with the causes rewritten, written as UTF-8 CSV;
/// returns, per row written in order, its cause as written and the cause it truly is (the
/// generator's cause, or a synonym of it on its own). Rows with a doubtful number or date are
/// left out, so that every row written is used.
fn rewritten(dir: &Path, extra: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
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
        let ok_date =
            chrono::NaiveDate::parse_from_str(r.get(date).unwrap_or("").trim(), "%d-%m-%Y").is_ok();
        if r.len() != headers.len() || number.is_empty() || !ok_date || !numbers.insert(number) {
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
            truth.push((text.to_string(), label.to_string()));
        } else {
            let label = if meant.synonym {
                meant.text
            } else {
                meant.name
            };
            truth.push((meant.text.to_string(), label.to_string()));
        }
        w.write_record(&fields).unwrap();
    }
    w.flush().unwrap();
    truth
}

fn report_kpi(dir: &Path) -> Value {
    let out = klacht_in(
        dir,
        &[
            "report",
            "register.csv",
            "--period",
            "2000-01-01..2030-12-31",
            "--out",
            "out",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&std::fs::read(dir.join("out").join("kpi.json")).unwrap()).unwrap()
}

#[test]
fn cause_groups_count_every_variant_and_merge_no_two_causes() {
    let dir = temp_dir("causes-groups");
    let truth = rewritten(&dir, &[]);
    let k = report_kpi(&dir);
    assert_eq!(k["rows"]["excluded"], 0, "every row written is used");
    // The truth: per true cause, its spellings with their counts in register order.
    let mut per: BTreeMap<&str, Vec<(&str, u64)>> = BTreeMap::new();
    for (text, label) in &truth {
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
        .map(|(t, l)| (t.as_str(), l.as_str()))
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
    let book = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .unwrap();
    let mut wb = calamine::open_workbook_auto(&book).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut wb, "Oorzaken").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
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
    let k = report_kpi(&dir);
    assert_eq!(k["rows"]["excluded"], 0, "every row written is used");
    let want: BTreeMap<&str, u64> =
        truth
            .iter()
            .filter(|(_, l)| l == "koudemiddel")
            .fold(BTreeMap::new(), |mut m, (t, _)| {
                *m.entry(t.as_str()).or_default() += 1;
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
        let out = klacht_in(
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
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let k: Value =
            serde_json::from_slice(&std::fs::read(out_dir.join("kpi.json")).unwrap()).unwrap();
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
    let out = klacht_in(
        &dir,
        &["report", arg(&reg), "--period", "2026-Q3", "--out", "out"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let k: Value =
        serde_json::from_slice(&std::fs::read(dir.join("out").join("kpi.json")).unwrap()).unwrap();
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
