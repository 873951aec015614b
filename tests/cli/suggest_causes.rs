//! `klacht check --suggest-causes` (SPEC §10): the register's cause groups written as a
//! `klacht.toml` cause list. Pasted back in place of the configuration's `[causes]`, it gives
//! the same report, on the sample and on every shared register; on the rewritten sample of
//! `causes.rs` it lists each true cause with exactly its spellings and counts, and the pairs
//! it kept apart include the ones that differ in a word.

use crate::causes::{rewritten, Written};
use crate::util::*;
use klacht::config::Config;
use serde_json::Value;
use std::path::Path;

/// The suggestion for `registers` under `config` (a file in `dir`, or none), exit code checked.
fn suggest(dir: &Path, config: Option<&str>, lang: &str, registers: &[&str]) -> String {
    let mut args = vec!["--lang", lang];
    if let Some(c) = config {
        args.extend(["--config", c]);
    }
    args.push("check");
    args.extend_from_slice(registers);
    args.push("--suggest-causes");
    let out = klacht_in(dir, &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `report` with the configuration file `config` in `dir`; its kpi.json.
fn kpi(dir: &Path, config: &str, registers: &[&str], period: &[&str], out: &str) -> Value {
    let mut args = vec!["--config", config, "report"];
    args.extend_from_slice(registers);
    args.extend_from_slice(period);
    args.extend(["--out", out]);
    report_kpi(dir, &args)
}

/// The configuration `base` with its `[causes]` replaced by the suggestion, as the header
/// tells the user to do.
fn pasted(base: &str, suggestion: &str) -> String {
    let mut doc: toml_edit::DocumentMut = base.parse().unwrap();
    doc.remove("causes");
    format!("{doc}\n{suggestion}")
}

/// Reports on `registers` with the configuration `base`, asks for the suggestion, pastes it
/// into `base` and reports again: the two kpi.json are equal. Returns the suggestion, the
/// configuration it made and the kpi.json. `period` must cover the whole register.
fn round_trip(
    dir: &Path,
    base: &str,
    registers: &[&str],
    period: &[&str],
) -> (String, Config, Value) {
    std::fs::write(dir.join("base.toml"), base).unwrap();
    let before = kpi(dir, "base.toml", registers, period, "before");
    let suggestion = suggest(dir, Some("base.toml"), "nl", registers);
    let text = pasted(base, &suggestion);
    let config = Config::from_toml_str(&text, "pasted.toml".as_ref())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    std::fs::write(dir.join("pasted.toml"), &text).unwrap();
    let after = kpi(dir, "pasted.toml", registers, period, "after");
    // Named, not printed whole: a kpi.json of thousands of causes would bury the difference.
    let keys = |k: &Value| k.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&after), keys(&before));
    let changed: Vec<String> = (keys(&before).into_iter())
        .filter(|key| after[key] != before[key])
        .collect();
    assert!(
        changed.is_empty(),
        "pasting the suggestion back changed kpi.json: {changed:?}"
    );
    (suggestion, config, before)
}

/// The list holds every group of the report, in its order, under its name, with exactly the
/// spellings the report counts (for a configuration without a cause list before).
fn lists_the_report_groups(config: &Config, kpi: &Value) {
    let groups = kpi["cause_groups"].as_array().unwrap();
    assert_eq!(config.causes.len(), groups.len());
    for (entry, g) in config.causes.iter().zip(groups) {
        assert_eq!(entry.name, g["cause"].as_str().unwrap());
        let mut listed: Vec<&str> = std::iter::once(entry.name.as_str())
            .chain(entry.also.iter().map(String::as_str))
            .collect();
        let mut counted: Vec<&str> = g["spellings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["text"].as_str().unwrap())
            .collect();
        listed.sort_unstable();
        counted.sort_unstable();
        assert_eq!(listed, counted, "{}", entry.name);
        assert_eq!(entry.nature, None, "nature is never written as a setting");
    }
}

#[test]
fn pasting_the_suggestion_back_gives_the_sample_report() {
    let dir = temp_dir("suggest-causes-sample");
    let register = sample("klachtenregister-2025-2026.xlsx");
    let period = [
        "--period",
        "2000-01-01..2030-12-31",
        "--as-of",
        "2026-09-30",
    ];
    let (_, config, k) = round_trip(&dir, "", &[arg(&register)], &period);
    assert!(!config.causes.is_empty());
    lists_the_report_groups(&config, &k);
}

#[test]
fn pasting_the_suggestion_back_gives_each_shared_registers_report() {
    // Each register through its example mapping, with its category (or, for Comcast, the
    // free-text complaint) read as the cause instead of the description, so that there are
    // causes to group: the shared registers have no cause column of their own.
    for (file, mapping_file, period, as_of) in [
        (
            "boston311_2022_100rows_qsv.csv",
            "boston311.toml",
            "2022-01-01..2022-05-31",
            "2022-06-01",
        ),
        (
            "cfpb_2013_cuny_msda.csv",
            "cfpb.toml",
            "2013-01-01..2017-12-31",
            "2017-12-31",
        ),
        (
            "nyc311_2022-05_pyboot.csv",
            "nyc311-2022.toml",
            "2022",
            "2022-12-31",
        ),
        (
            "nyc311_2024-04_socrata_api.csv",
            "nyc311-2024.toml",
            "2024",
            "2024-12-31",
        ),
        (
            "comcast_fcc_complaints_2015.tsv.csv",
            "comcast.toml",
            "2015",
            "2015-12-31",
        ),
    ] {
        let dir = temp_dir(&format!("suggest-causes-{mapping_file}"));
        let mut doc: toml_edit::DocumentMut = std::fs::read_to_string(mapping(mapping_file))
            .unwrap()
            .parse()
            .unwrap();
        let columns = doc["columns"].as_table_mut().unwrap();
        let category = columns.remove("description").unwrap();
        columns.insert("cause", category);
        let register = shared(file);
        let period = ["--period", period, "--as-of", as_of];
        let (_, config, k) = round_trip(&dir, &doc.to_string(), &[arg(&register)], &period);
        assert!(config.causes.len() > 1, "{file}: causes to group");
        lists_the_report_groups(&config, &k);
    }
}

/// The tables of a suggestion as written: name and count, then each `also` spelling and its
/// count, read from the text (the counts are comments).
fn tables(text: &str) -> Vec<Vec<(String, u64)>> {
    let unquote = |s: &str| -> String {
        let v: toml_edit::Value = s.trim().parse().unwrap();
        v.as_str().unwrap().to_string()
    };
    let count = |s: &str| -> u64 { s.trim().parse().unwrap() };
    let mut out: Vec<Vec<(String, u64)>> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("[causes.") {
            let (name, n) = rest.rsplit_once("]  # ").unwrap();
            out.push(vec![(unquote(name), count(n))]);
        } else if let Some(item) = line.strip_prefix("    ") {
            let (spelling, n) = item.rsplit_once(",  # ").unwrap();
            out.last_mut().unwrap().push((unquote(spelling), count(n)));
        }
    }
    out
}

#[test]
fn each_true_cause_is_listed_with_exactly_its_spellings_and_counts() {
    let dir = temp_dir("suggest-causes-truth");
    let truth = rewritten(&dir, &[]);
    let text = suggest(&dir, None, "nl", &["register.csv"]);
    // The truth: per true cause its spellings, counted, in register order of first use.
    let mut per: Vec<(&str, Vec<(&str, u64)>)> = Vec::new();
    for Written {
        text: written,
        label,
        ..
    } in &truth
    {
        let at = match per.iter().position(|(l, _)| l == label) {
            Some(at) => at,
            None => {
                per.push((label, Vec::new()));
                per.len() - 1
            }
        };
        let spellings = &mut per[at].1;
        match spellings.iter_mut().find(|(t, _)| t == written) {
            Some((_, n)) => *n += 1,
            None => spellings.push((written, 1)),
        }
    }
    // A table: the spellings most frequent first, ties in register order (a stable sort);
    // tables with most complaints first, ties in register order.
    let mut want: Vec<(&str, Vec<(String, u64)>)> = per
        .into_iter()
        .map(|(label, mut s)| {
            s.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
            (
                label,
                s.into_iter().map(|(t, n)| (t.to_string(), n)).collect(),
            )
        })
        .collect();
    want.sort_by_key(|(_, t)| std::cmp::Reverse(t.iter().map(|(_, n)| n).sum::<u64>()));
    let listed: Vec<Vec<(String, u64)>> = want.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(tables(&text), listed);
    let config = Config::from_toml_str(&text, "s.toml".as_ref()).unwrap();
    assert_eq!(config.causes.len(), want.len());

    // The pairs kept apart: the refrigerant and the condensate leak differ in one word, and
    // so do the compressor's noise and defect. Closeness by hand: koudemiddel → condenswater
    // is 8 slips (koude/conde two letters changed; middel/nswater four changed, t added,
    // l/r), so 11 of the 19 letters of `lekkage condenswater` stay: 57 %; defect → lawaai is
    // 6 slips, 10 of 16 letters stay: 62 %.
    // A true cause's group: named by its first spelling, with all its complaints.
    let name = |label: &str| {
        let (_, spellings) = want.iter().find(|(l, _)| *l == label).unwrap();
        let total: u64 = spellings.iter().map(|(_, n)| n).sum();
        (spellings[0].0.clone(), total)
    };
    let pair = |a: &str, b: &str, words: &str, percent: u32| {
        let ((na, ca), (nb, cb)) = (name(a), name(b));
        let line = text
            .lines()
            .find(|l| {
                l.starts_with('#')
                    && l.contains(&format!("\"{na}\" ({ca})"))
                    && l.contains(&format!("\"{nb}\" ({cb})"))
            })
            .unwrap_or_else(|| panic!("no pair {na} / {nb}:\n{text}"));
        assert!(line.contains(&format!("{percent}%")), "{line}");
        assert!(line.ends_with(words), "{line}");
    };
    pair(
        "koudemiddel",
        "condenswater",
        "\"koudemiddel\" / \"condenswater\"",
        57,
    );
    pair(
        "compressor defect",
        "compressor lawaai",
        "\"defect\" / \"lawaai\"",
        62,
    );
}

#[test]
fn odd_names_and_the_list_in_force_survive_the_round_trip() {
    let dir = temp_dir("suggest-causes-list");
    // A spelling with a quote, a backslash and a line break; a listed cause with every
    // setting; an entry the register never uses.
    let odd = "Lek \"R32\" \\ leiding\nregel 2";
    rewritten(
        &dir,
        &[(odd, "odd"), ("lek in koudemiddelleiding", "koudemiddel")],
    );
    let base = "[causes.\"Lekkage koudemiddel\"]\nalso = [\"Lek in koudemiddel-leiding\", \"nooit zo geschreven\"]\nnature = \"technical\"\ngroup = \"installatie\"\naction = \"perscontrole bij elke oplevering\"\naction_date = 2026-03-01\n\n[causes.\"Niet in dit register\"]\nalso = [\"ook niet\"]\nnature = \"non-technical\"\n";
    let period = [
        "--period",
        "2000-01-01..2030-12-31",
        "--as-of",
        "2026-09-30",
    ];
    let (text, config, k) = round_trip(&dir, base, &["register.csv"], &period);
    let listed = Config::from_toml_str(base, "base.toml".as_ref()).unwrap();
    for entry in &listed.causes {
        let kept = config
            .causes
            .iter()
            .find(|c| c.name == entry.name)
            .unwrap_or_else(|| panic!("{} kept:\n{text}", entry.name));
        assert_eq!(
            (&kept.nature, &kept.group, &kept.action, &kept.action_date),
            (
                &entry.nature,
                &entry.group,
                &entry.action,
                &entry.action_date
            )
        );
        for a in &entry.also {
            assert!(kept.also.contains(a), "{a} kept in {}", entry.name);
        }
    }
    // The listed cause counts its synonym; the odd spelling is a cause of its own, its name
    // read back exactly.
    let leak = config
        .causes
        .iter()
        .find(|c| c.name == "Lekkage koudemiddel")
        .unwrap();
    assert!(leak.also.iter().any(|a| a == "lek in koudemiddelleiding"));
    assert!(config.causes.iter().any(|c| c.name == odd), "{text}");
    let groups = k["cause_groups"].as_array().unwrap();
    assert!(groups.iter().any(|g| g["cause"] == odd));
    // Comments never carry the line break: every line is a comment, a table, or TOML.
    assert!(!text.lines().any(|l| l.starts_with("regel 2")));
}

#[test]
fn the_header_is_dutch_or_english_and_no_summary_is_printed() {
    let dir = temp_dir("suggest-causes-lang");
    rewritten(&dir, &[]);
    let nl = suggest(&dir, None, "nl", &["register.csv"]);
    let en = suggest(&dir, None, "en", &["register.csv"]);
    for (text, lines) in [
        (
            &nl,
            [
                "# Oorzakenlijst voorgesteld door klacht check --suggest-causes voor \"register.csv\"",
                "# Gebruik: plak deze lijst in klacht.toml",
                "# Samenvoegen: verplaats de naam en de schrijfwijzen",
                "# Apart gehouden, maar het meest op elkaar lijkend",
            ],
        ),
        (
            &en,
            [
                "# Cause list suggested by klacht check --suggest-causes for \"register.csv\"",
                "# Use: paste this list into klacht.toml",
                "# Merging: move the name and spellings of one table",
                "# Kept apart, but most alike",
            ],
        ),
    ] {
        for line in lines {
            assert!(text.lines().any(|l| l.starts_with(line)), "{line}:\n{text}");
        }
        // The whole output reads as a configuration: no findings summary among it.
        Config::from_toml_str(text, "s.toml".as_ref()).unwrap();
    }
    assert_eq!(
        tables(&nl),
        tables(&en),
        "the list itself does not depend on the language"
    );
}
