//! Cause groups (SPEC §10) through `klacht report`: the sample register with its causes
//! rewritten the ways people write them; every group's count in kpi.json against the truth
//! the test knows, and no two different causes merged.

use crate::util::*;
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
/// returns, per row written in order, its cause as written and the cause it truly is. Rows
/// with a doubtful number or date are left out, so that every row written is used.
pub fn rewritten(dir: &Path, extra: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
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
    for r in rdr.records() {
        let r = r.unwrap();
        let number = r.get(nr).unwrap_or("").trim().to_string();
        let ok_date =
            chrono::NaiveDate::parse_from_str(r.get(date).unwrap_or("").trim(), "%d-%m-%Y").is_ok();
        if r.len() != headers.len() || number.is_empty() || !ok_date || !numbers.insert(number) {
            continue;
        }
        let mut fields: Vec<String> = r.iter().map(str::to_string).collect();
        let original = fields[cause].trim().to_string();
        if let Some((_, variants)) = VARIANTS.iter().find(|(o, _)| *o == original) {
            // The extra spellings join the refrigerant leak's turn.
            let variants: Vec<(&str, &str)> = if original == "koudemiddellekkage" {
                variants.iter().chain(extra).copied().collect()
            } else {
                variants.to_vec()
            };
            let k = turn.entry(original.clone()).or_default();
            let (text, label) = variants[*k % variants.len()];
            *k += 1;
            fields[cause] = text.to_string();
            truth.push((text.to_string(), label.to_string()));
        } else if !original.is_empty() {
            truth.push((original.clone(), original.to_lowercase()));
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
