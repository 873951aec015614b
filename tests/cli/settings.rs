//! `klacht config --print` and `klacht.toml`: the printed configuration reads back as the
//! one in effect, and an unknown key stops the run with the key, file and line named.

use crate::util::*;
use klacht::base::Rule;
use klacht::config::Config;
use std::path::Path;

/// `klacht config --print` in `dir`: its text, after checking the exit code.
fn print_config(dir: &Path) -> String {
    let out = klacht_in(dir, &["config", "--print"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Parses printed TOML; the source is left out of the comparison.
fn parse_back(text: &str) -> Config {
    let c = Config::from_toml_str(text, Path::new("printed.toml"))
        .unwrap_or_else(|e| panic!("printed configuration does not read back: {e}\n{text}"));
    Config { source: None, ..c }
}

#[test]
fn config_print_writes_every_default_and_reads_back_as_the_defaults() {
    let dir = temp_dir("config-defaults");
    let text = print_config(&dir);
    assert_eq!(parse_back(&text), Config::default());
    // Every setting is written out, not left to the defaults when read back.
    let doc = toml_edit::ImDocument::parse(text.as_str()).unwrap();
    let keys = |table: &str| -> Vec<String> {
        let t = doc[table].as_table_like().unwrap();
        let mut k: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
        k.sort();
        k
    };
    assert!(doc.contains_key("lang") && doc.contains_key("date_order"));
    assert_eq!(
        keys("targets"),
        [
            "acknowledge",
            "close",
            "dispute_months",
            "repeat_days",
            "stale",
            "unclassified"
        ]
    );
    assert_eq!(doc["targets"]["close"].as_table_like().unwrap().len(), 8);
    assert_eq!(keys("calendar"), ["closures", "profile"]);
    assert_eq!(
        keys("limits"),
        ["max_bytes", "max_cells", "max_fields", "max_ratio"]
    );
    let mut codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    codes.sort_unstable();
    assert_eq!(keys("severity"), codes);
}

#[test]
fn config_print_shows_the_values_of_klacht_toml_in_the_working_directory() {
    let dir = temp_dir("config-file");
    let file = "company = \"Frisse Lucht B.V.\"\n\
                [targets]\nacknowledge = 2\nstale = 15\n\
                [calendar]\nprofile = \"atw\"\nclosures = [\"2026-07-20..2026-07-22\"]\n\
                [severity]\nmissing-channel = \"error\"\nrepeat-complaint = \"off\"\n\
                [columns]\nreceived_date = \"Date received\"\n";
    std::fs::write(dir.join("klacht.toml"), file).unwrap();
    let text = print_config(&dir);
    for line in [
        "company = \"Frisse Lucht B.V.\"",
        "acknowledge = 2",
        "stale = 15",
        "profile = \"atw\"",
        "closures = [\"2026-07-20..2026-07-22\"]",
        "missing-channel = \"error\"",
        "repeat-complaint = \"off\"",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(line)),
            "{line} missing:\n{text}"
        );
    }
    assert!(text.contains("\"Date received\""), "{text}");
    let loaded = Config::load(None, &dir).unwrap();
    assert_ne!(
        loaded,
        Config {
            source: loaded.source.clone(),
            ..Config::default()
        }
    );
    assert_eq!(
        parse_back(&text),
        Config {
            source: None,
            ..loaded
        }
    );
}

#[test]
fn an_unknown_key_in_klacht_toml_stops_check_with_key_file_and_line() {
    let dir = temp_dir("config-unknown");
    std::fs::write(
        dir.join("klacht.toml"),
        "company = \"Frisse Lucht B.V.\"\n[targets]\nclose_days = 3\n",
    )
    .unwrap();
    let reg = dir.join("r.csv");
    std::fs::write(
        &reg,
        "Datum ontvangst;Omschrijving;Behandelaar\n3-3-2026;Lekkage;Jan\n",
    )
    .unwrap();
    let out = klacht_in(&dir, &["check", arg(&reg)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "no summary after a configuration error"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in ["klacht.toml", "regel 3", "targets.close_days"] {
        assert!(err.contains(needle), "{needle} missing: {err}");
    }
    let en = klacht_in(&dir, &["--lang", "en", "check", arg(&reg)]);
    assert_eq!(en.status.code(), Some(2));
    let err = String::from_utf8_lossy(&en.stderr);
    assert!(
        err.contains("klacht.toml, line 3: unknown setting targets.close_days"),
        "{err}"
    );
}
