//! `klacht report`: files, workbook structure, reproducibility, languages, and the headline
//! figures of a 20,000-row register against a second, naive implementation.

use crate::util::*;
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

fn report(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(&all)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "report failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn kpi(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("kpi.json")).unwrap()).unwrap()
}

/// Names of the files in the zip, for what calamine does not read (charts).
fn zip_names(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect()
}

#[test]
fn sample_report_has_ten_sheets_tables_charts_and_kpi() {
    let dir = temp_dir("report-nl");
    let out = dir.join("rapport");
    report(
        &dir,
        &[
            arg(&sample("klachtenregister-2025-2026.xlsx")),
            "--period",
            "2026-Q3",
            "--out",
            arg(&out),
        ],
    );
    let book = out.join("klachtenrapport-2026-Q3.xlsx");
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        klacht::render::workbook::sheet_names(klacht::Lang::Nl).to_vec()
    );
    wb.load_tables().unwrap();
    for sheet in [
        "Samenvatting",
        "Urgentie",
        "Achterstallig",
        "Bevindingen",
        "Register",
    ] {
        assert!(
            !wb.table_names_in_sheet(sheet).is_empty(),
            "{sheet} has a formatted Excel table"
        );
    }
    let charts = zip_names(&book)
        .into_iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .count();
    assert!(charts >= 3, "native charts in the workbook: {charts}");
    for stem in [
        "urgentie",
        "trend",
        "doorlooptijden",
        "oorzaken-pareto",
        "ouderdom-open",
    ] {
        for ext in ["png", "svg"] {
            let p = out.join("grafieken").join(format!("{stem}.{ext}"));
            assert!(
                p.metadata().unwrap().len() > 1000,
                "{} written",
                p.display()
            );
        }
    }
    let k = kpi(&out);
    assert_eq!(k["period"]["label"], "2026-Q3");
    assert_eq!(k["period"]["as_of"], "2026-09-30");
    assert_eq!(k["by_urgency"].as_array().unwrap().len(), 9);
    let open_start = k["open_at_start"].as_i64().unwrap();
    let flow = open_start + k["received"].as_i64().unwrap() - k["closed"].as_i64().unwrap();
    assert_eq!(flow, k["open_at_end"].as_i64().unwrap(), "flow check");
    for key in oracle::KPI_KEYS {
        assert!(k.get(key).is_some(), "kpi.json has {key}");
    }
}

#[test]
fn two_runs_give_identical_bytes_and_english_works() {
    let dir = temp_dir("report-repro");
    let reg = sample("klachtenregister-2025-2026.csv");
    let (a, b) = (dir.join("a"), dir.join("b"));
    for out in [&a, &b] {
        report(
            &dir,
            &[
                "--lang",
                "en",
                arg(&reg),
                "--period",
                "2026-Q2",
                "--out",
                arg(out),
            ],
        );
    }
    let files = [
        "complaints-report-2026-Q2.xlsx",
        "complaints-report-2026-Q2.html",
        "kpi.json",
        "charts/urgency.png",
        "charts/urgency.svg",
        "charts/trend.png",
    ];
    for f in files {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(x == y, "{f} differs between two identical runs");
    }
    use calamine::Reader;
    let wb: calamine::Xlsx<_> =
        calamine::open_workbook(a.join("complaints-report-2026-Q2.xlsx")).unwrap();
    assert_eq!(wb.sheet_names()[0], "Summary");
    assert_eq!(wb.sheet_names()[6], "Failure costs");
    assert_eq!(wb.sheet_names()[10], "Provenance");
}

/// Working days d with a < d <= b under the cao holidays of SPEC §4 as written out in
/// [`oracle`], counted day by day.
fn wd(a: NaiveDate, b: NaiveDate) -> i64 {
    oracle::working_days(oracle::List::Cao, a, b)
}

#[test]
fn headline_figures_of_20000_rows_equal_a_naive_implementation() {
    let dir = temp_dir("report-20k");
    let reg = generated(&dir, "register.csv", 20_000, 11);
    let rdir = dir.join("r");
    report(
        &dir,
        &[arg(&reg), "--period", "2026-Q2", "--out", arg(&rdir)],
    );
    let k = kpi(&rdir);

    let rows = read_generated(&reg);
    assert_eq!(rows.len(), 20000);
    let start = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let in_p = |d: NaiveDate| d >= start && d <= end;
    let open_at = |r: &Generated, x: NaiveDate| r.received <= x && r.closed.is_none_or(|c| c > x);
    let received = rows.iter().filter(|r| in_p(r.received)).count();
    let closed: Vec<&Generated> = rows.iter().filter(|r| r.closed.is_some_and(in_p)).collect();
    let open_start = rows
        .iter()
        .filter(|r| open_at(r, start.pred_opt().unwrap()))
        .count();
    let open_end = rows.iter().filter(|r| open_at(r, end)).count();
    let targets: HashMap<Option<u8>, i64> = [
        (Some(1), 10),
        (Some(2), 10),
        (Some(3), 10),
        (Some(4), 20),
        (Some(5), 20),
        (Some(6), 20),
        (Some(7), 20),
        (None, 20),
    ]
    .into_iter()
    .collect();
    let overdue = rows
        .iter()
        .filter(|r| open_at(r, end))
        .filter(|r| match r.due {
            Some(due) => end > due,
            None => targets
                .get(&r.urgency)
                .is_some_and(|t| wd(r.received, end) > *t),
        })
        .count();
    let handling: Vec<i64> = closed
        .iter()
        .filter(|r| r.closed.unwrap() >= r.received)
        .map(|r| wd(r.received, r.closed.unwrap()))
        .collect();
    let n = handling.len();
    let med = oracle::median(&handling);
    let p90 = oracle::p90(&handling).unwrap();
    let max = *handling.iter().max().unwrap();
    let acked: Vec<&Generated> = rows.iter().filter(|r| in_p(r.received)).collect();
    let ack_missing = acked.iter().filter(|r| r.ack.is_none()).count();

    assert_eq!(k["received"], received as u64);
    assert_eq!(k["closed"], closed.len() as u64);
    assert_eq!(k["open_at_start"], open_start as u64);
    assert_eq!(k["open_at_end"], open_end as u64);
    assert_eq!(k["overdue"], overdue as u64);
    assert_eq!(k["handling_wd"]["n"], n as u64);
    assert_eq!(k["handling_wd"]["median"].as_f64(), med);
    assert_eq!(k["handling_wd"]["p90"], p90);
    assert_eq!(k["handling_wd"]["max"], max);
    assert_eq!(k["ack"]["missing"], ack_missing as u64);
    assert!(received > 1000, "a quarter of 20,000 rows over 21 months");

    // The two long lists (thousands of findings and register rows here) are written on
    // two threads: a second run must give the same workbook, byte for byte.
    let again = dir.join("r2");
    report(
        &dir,
        &[arg(&reg), "--period", "2026-Q2", "--out", arg(&again)],
    );
    let name = "klachtenrapport-2026-Q2.xlsx";
    let (a, b) = (
        std::fs::read(rdir.join(name)).unwrap(),
        std::fs::read(again.join(name)).unwrap(),
    );
    assert!(a == b, "the workbook differs between two runs");
}

/// The texts of an SVG's `<text>` elements.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .map(|t| {
            t.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .trim()
                .to_string()
        })
        .collect()
}

/// The sample report's charts: a p90 of n < 5 is no bar but its reason, in either language;
/// the cause Pareto names each nature and shows a cause once per nature it occurs with.
#[test]
fn charts_show_a_missing_p90_as_its_reason_and_causes_per_nature() {
    let dir = temp_dir("report-charts");
    for (lang, charts, small, nature) in [
        (
            "nl",
            "grafieken",
            "n te klein",
            ["technisch", "niet-technisch"],
        ),
        (
            "en",
            "charts",
            "n too small",
            ["technical", "non-technical"],
        ),
    ] {
        let out = dir.join(lang);
        report(
            &dir,
            &[
                "--lang",
                lang,
                arg(&sample("klachtenregister-2025-2026.xlsx")),
                "--period",
                "2026-Q3",
                "--out",
                arg(&out),
            ],
        );
        let k = kpi(&out);
        let read = |stem: &str| {
            let name = std::fs::read_dir(out.join(charts))
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    let n = p.file_name().unwrap().to_string_lossy().to_string();
                    n.starts_with(stem) && n.ends_with(".svg")
                })
                .unwrap();
            svg_texts(&std::fs::read_to_string(name).unwrap())
        };
        // Expected from kpi.json: one reason per urgency that has closed complaints and no p90.
        let mut want: Vec<String> = k["by_urgency"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["handling_wd"]["n"].as_u64().unwrap() > 0)
            .filter(|u| u["handling_wd"]["p90"].is_null())
            .map(|u| format!("{small} (n = {})", u["handling_wd"]["n"]))
            .collect();
        assert!(!want.is_empty(), "the sample has a p90 with n < 5");
        let times = read(if lang == "nl" {
            "doorlooptijden"
        } else {
            "handling-times"
        });
        let mut got: Vec<String> = times.into_iter().filter(|t| t.starts_with(small)).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want);

        let pareto = read(if lang == "nl" {
            "oorzaken-pareto"
        } else {
            "causes-pareto"
        });
        for n in nature {
            assert!(
                pareto.iter().filter(|t| *t == n).count() >= 2,
                "{n}: legend and panel"
            );
        }
        // A cause with two natures in kpi.json stands twice, once per panel.
        let causes = k["causes"].as_array().unwrap();
        let mut per_cause: HashMap<&str, usize> = HashMap::new();
        for c in causes {
            *per_cause.entry(c["cause"].as_str().unwrap()).or_default() += 1;
        }
        let twice: Vec<&str> = per_cause
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(c, _)| *c)
            .collect();
        assert!(!twice.is_empty(), "the sample has a cause with two natures");
        for cause in twice {
            let shown = pareto
                .iter()
                .filter(|t| t.as_str() == cause || cause.starts_with(&format!("{t} ")))
                .count();
            assert_eq!(shown, per_cause[cause], "{cause}");
        }
    }
}

/// Excel's owner file beside an open workbook: 165 bytes, the user's name first, its length
/// in the first byte.
fn excel_owner_file(user: &str) -> Vec<u8> {
    let mut bytes = vec![user.len() as u8];
    bytes.extend_from_slice(user.as_bytes());
    bytes.resize(165, b' ');
    bytes
}

#[test]
fn lock_files_beside_an_open_workbook_are_skipped_with_a_note() {
    let dir = temp_dir("report-lock-files");
    let map = dir.join("vestigingen");
    std::fs::create_dir_all(&map).unwrap();
    std::fs::copy(
        sample("klachtenregister-2025-2026.xlsx"),
        map.join("vestiging-a.xlsx"),
    )
    .unwrap();
    std::fs::write(
        map.join("~$vestiging-a.xlsx"),
        excel_owner_file("J. de Vries"),
    )
    .unwrap();
    std::fs::write(
        map.join(".~lock.vestiging-a.xlsx#"),
        "J. de Vries,jdv,PC-12,03.07.2026 09:12,file:///home/jdv/.config/libreoffice/4;",
    )
    .unwrap();
    let period = [
        "--period",
        "2026-Q2",
        "--as-of",
        "2026-07-03",
        "--lang",
        "en",
    ];
    // As the shell expands vestigingen/*.xlsx (and .~lock…#), lock files first.
    let mut args = vec![
        "vestigingen/~$vestiging-a.xlsx",
        "vestigingen/.~lock.vestiging-a.xlsx#",
        "vestigingen/vestiging-a.xlsx",
        "--out",
        "with-locks",
    ];
    args.extend_from_slice(&period);
    let out = report(&dir, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let notes: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("open elsewhere"))
        .collect();
    assert_eq!(
        notes,
        ["klacht: note: vestigingen/vestiging-a.xlsx is open elsewhere (lock file vestigingen/~$vestiging-a.xlsx skipped); its last saved version is read."],
        "once per workbook: {stderr}"
    );
    let mut alone = vec!["vestigingen/vestiging-a.xlsx", "--out", "alone"];
    alone.extend_from_slice(&period);
    report(&dir, &alone);
    // The figures of the one workbook, as if the lock files were not there.
    assert_eq!(kpi(&dir.join("with-locks")), kpi(&dir.join("alone")));

    // A lock file on its own is no register: exit 2, naming the workbook to give instead.
    let only = klacht_in(
        &dir,
        &["--lang", "en", "check", "vestigingen/~$vestiging-a.xlsx"],
    );
    assert_eq!(only.status.code(), Some(2));
    let err = String::from_utf8_lossy(&only.stderr);
    assert!(
        err.contains("lock file") && err.contains("(vestiging-a.xlsx)"),
        "{err}"
    );
    // A lock file whose workbook was not given is skipped with its own note.
    std::fs::copy(
        sample("klachtenregister-2025-2026.xlsx"),
        map.join("vestiging-b.xlsx"),
    )
    .unwrap();
    let other = klacht_in(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "vestigingen/~$vestiging-a.xlsx",
            "vestigingen/vestiging-b.xlsx",
        ],
    );
    let err = String::from_utf8_lossy(&other.stderr);
    assert!(
        err.contains("vestigingen/~$vestiging-a.xlsx skipped: the lock file of vestiging-a.xlsx, which was not given."),
        "{err}"
    );
    // A workbook named like a lock file is still read.
    std::fs::copy(
        sample("klachtenregister-2025-2026.xlsx"),
        map.join("~$echt.xlsx"),
    )
    .unwrap();
    let real = klacht_in(&dir, &["--lang", "en", "check", "vestigingen/~$echt.xlsx"]);
    assert_ne!(
        real.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&real.stderr)
    );
}
