//! The management-review page printed in a real browser: headless Chromium prints it to PDF
//! and poppler reads the PDF back — A4 portrait, the pages its sections make, the headline
//! figures of `kpi.json` in its text, nothing past the right margin, no request made. Chromium
//! and poppler-utils are required (`.ci/run` installs them): without them the test fails.

use crate::util::*;
use klacht::metrics::model::HeadlineFigure;
use klacht::Lang;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A4 in PostScript points.
const A4: (f64, f64) = (595.0, 842.0);
/// The page's side margins (page.css: `margin: 15mm 14mm 16mm 14mm`), in points.
const SIDE_MARGIN: f64 = 14.0 * 72.0 / 25.4;

/// The first of the usual Chromium names on the PATH; the test fails without one.
fn chromium() -> PathBuf {
    let names = [
        "chromium",
        "chromium-browser",
        "chromium-headless-shell",
        "google-chrome",
    ];
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "no Chromium on the PATH ({}): the page is tested by printing it. Install it: \
         apt-get install -y chromium poppler-utils",
        names.join(", ")
    )
}

/// Runs a poppler tool and returns its standard output; fails when it is missing.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} does not run ({e}): apt-get install -y poppler-utils"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Prints `html` to `pdf` with headless Chromium, networking cut off (an unreachable proxy,
/// every host unresolvable), recording its network log. Returns the URLs that the page itself
/// asked for: the log's requests whose isolation key is the page's `file://` origin
/// (Chromium's own background requests have other keys).
fn print(html: &Path, pdf: &Path) -> Vec<String> {
    let dir = pdf.parent().unwrap();
    let log = pdf.with_extension("netlog.json");
    let profile = pdf.with_extension("profile");
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--disable-background-networking",
            "--disable-component-update",
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", log.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("chromium did not finish printing {}", html.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        pdf.exists(),
        "chromium printed no PDF for {}",
        html.display()
    );
    let log: Value = serde_json::from_slice(&std::fs::read(&log).unwrap()).unwrap();
    let mut asked = Vec::new();
    for event in log["events"].as_array().unwrap() {
        let params = &event["params"];
        let key = params["network_isolation_key"].as_str().unwrap_or("");
        if key.contains("file://") {
            if let Some(url) = params["url"].as_str() {
                asked.push(url.to_string());
            }
        }
    }
    asked
}

/// `Page size: 594.96 x 841.92 pts (A4)` → (595, 842) rounded; and the page count.
fn pdf_info(pdf: &Path) -> ((f64, f64), usize) {
    let info = poppler("pdfinfo", &[arg(pdf)]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("pdfinfo has no {name}: {info}"))
            .trim()
            .to_string()
    };
    let size = field("Page size:");
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let pages = field("Pages:").parse().unwrap();
    ((numbers[0].round(), numbers[1].round()), pages)
}

/// Each page's text (`pdftotext -layout`, pages split at form feeds).
fn page_texts(pdf: &Path) -> Vec<String> {
    let text = poppler("pdftotext", &["-layout", arg(pdf), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The right edges of every word in the PDF (`pdftotext -bbox`), with the word.
fn word_edges(pdf: &Path) -> Vec<(f64, f64, String)> {
    let xhtml = poppler("pdftotext", &["-bbox", arg(pdf), "-"]);
    xhtml
        .split("<word ")
        .skip(1)
        .map(|w| {
            let attr = |name: &str| -> f64 {
                let at = w.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                w[at..at + w[at..].find('"').unwrap()].parse().unwrap()
            };
            let word = w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()].to_string();
            (attr("xMin"), attr("xMax"), word)
        })
        .collect()
}

/// A count as the page writes it: `1.234` in Dutch.
fn count(v: &Value, lang: Lang) -> String {
    lang.number(v.as_f64().unwrap(), 0)
}

fn report_page(lang: Lang, dir: &Path) -> (PathBuf, Value) {
    let code = lang.pick("nl", "en");
    let out = dir.join(code);
    let run = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(["--lang", code, "report"])
        .arg(sample("klachtenregister-2025-2026.xlsx"))
        .args(["--period", "2026-Q3", "--out"])
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let kpi = serde_json::from_slice(&std::fs::read(out.join("kpi.json")).unwrap()).unwrap();
    let name = klacht::render::page::page_name("2026-Q3", lang);
    (out.join(name), kpi)
}

#[test]
fn the_page_prints_on_a4_with_the_figures_of_kpi_json_and_fetches_nothing() {
    let dir = temp_dir("page-print");

    // The request check itself: a page that loads an image is caught.
    let bait = dir.join("bait.html");
    std::fs::write(
        &bait,
        "<!doctype html><html><body><img src=\"http://example.com/x.png\"><p>x</p></body></html>",
    )
    .unwrap();
    let asked = print(&bait, &dir.join("bait.pdf"));
    assert!(
        asked.iter().any(|u| u.contains("example.com")),
        "the network log shows the page's own requests: {asked:?}"
    );

    for lang in [Lang::Nl, Lang::En] {
        let (html_path, kpi) = report_page(lang, &dir);
        let html = std::fs::read_to_string(&html_path).unwrap();
        // Self-contained: nothing that could load a resource, no script.
        for needle in [
            "src=", "href=", "url(", "@import", "<link", "<script", "<iframe", "<object", "http:",
            "https:", "=\"//",
        ] {
            assert!(
                !html.contains(needle),
                "{needle} in {}",
                html_path.display()
            );
        }
        let pdf = html_path.with_extension("pdf");
        let asked = print(&html_path, &pdf);
        assert!(asked.is_empty(), "the page asked for {asked:?}");

        let (size, pages) = pdf_info(&pdf);
        assert_eq!(size, A4, "A4 portrait");
        // The pages the structure makes: the first section (summary and headline table) on
        // page 1, each further section from a new page (`section class="page"`), and each fits
        // on one page for the sample register, except the charts: six at the page's width
        // (the five of SPEC §6 and the causes by cost), two to a page, so three pages (the
        // seventh, the signals' chart, is in its section).
        let breaks = html.matches("<section class=\"page\"").count();
        let charts = html.matches("<svg ").count() - 1;
        assert_eq!(charts, 6);
        assert_eq!(
            pages,
            1 + breaks + charts.div_ceil(2) - 1,
            "pages of {lang:?}"
        );
        let texts = page_texts(&pdf);
        assert_eq!(texts.len(), pages);
        let first_line = |i: usize| {
            texts[i]
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("")
                .to_string()
        };
        let headings: Vec<&str> = match lang {
            Lang::Nl => vec![
                "Klachtenrapport 2026-Q3",
                "Grafieken",
                "Doorlooptijd per urgentie (werkdagen) — 2026-Q3",
                "Oorzaken naar faalkosten (Pareto), afgehandelde klachten — 2026-Q3",
                "Signalen",
                "Terugkerende oorzaken",
                "Faalkosten",
                "Gegrond, tevredenheid en heropende klachten",
                "Achterstallige klachten op 30-09-2026",
                "Gegevenskwaliteit",
                "Verantwoording",
                "Begrippen",
            ],
            Lang::En => vec![
                "Complaints report 2026-Q3",
                "Charts",
                "Handling time per urgency (working days) — 2026-Q3",
                "Causes by failure cost (Pareto), complaints closed — 2026-Q3",
                "Signals",
                "Recurring causes",
                "Failure costs",
                "Justified, satisfaction and reopened complaints",
                "Overdue complaints at 30-09-2026",
                "Data quality",
                "Provenance",
                "Glossary",
            ],
        };
        let firsts: Vec<String> = (0..pages).map(first_line).collect();
        assert_eq!(firsts, headings, "each section starts its own page");
        for (i, text) in texts.iter().enumerate() {
            let number = match lang {
                Lang::Nl => format!("pagina {} van {pages}", i + 1),
                Lang::En => format!("page {} of {pages}", i + 1),
            };
            assert!(text.contains(&number), "page {} says {number}", i + 1);
        }

        // The headline table on page 1: this period, previous, year earlier, as in kpi.json.
        let page1 = &texts[0];
        for (figure, key) in [
            (HeadlineFigure::Received, "received"),
            (HeadlineFigure::Closed, "closed"),
            (HeadlineFigure::OpenAtStart, "open_at_start"),
            (HeadlineFigure::OpenAtEnd, "open_at_end"),
            (HeadlineFigure::Overdue, "overdue"),
        ] {
            let label = figure.label(lang);
            let line = page1
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with(label))
                .unwrap_or_else(|| panic!("no line {label} on page 1:\n{page1}"));
            let values: Vec<&str> = line[label.len()..].split_whitespace().take(3).collect();
            assert_eq!(
                values,
                [
                    count(&kpi[key], lang),
                    count(&kpi["previous"][key], lang),
                    count(&kpi["year_ago"][key], lang)
                ],
                "{label}"
            );
        }
        let share = kpi["share_within_target"].as_f64().unwrap();
        let share = format!("{:.1}%", share * 100.0);
        let share = match lang {
            Lang::Nl => share.replace('.', ","),
            Lang::En => share,
        };
        let label = HeadlineFigure::ShareWithinTarget.label(lang);
        let line = page1
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(label))
            .unwrap();
        assert!(
            line[label.len()..].trim_start().starts_with(&share),
            "{line}"
        );
        // The failure costs on their page, as kpi.json has them to the cent.
        let cents = (kpi["cost"]["total"].as_f64().unwrap() * 100.0).round() as i64;
        let whole = lang.number((cents / 100) as f64, 0);
        let total = match lang {
            Lang::Nl => format!("€ {whole},{:02}", cents % 100),
            Lang::En => format!("€{whole}.{:02}", cents % 100),
        };
        let costs = &texts[6];
        let line = costs
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(lang.pick("Totaal", "Total")))
            .unwrap_or_else(|| panic!("no total on the costs page:\n{costs}"));
        assert!(line.ends_with(&total), "{line}: {total}");
        // The summary's first sentence, with the same number.
        let received = count(&kpi["received"], lang);
        let sentence = match lang {
            Lang::Nl => format!("In 2026-Q3 zijn {received} klachten ontvangen:"),
            Lang::En => format!("In 2026-Q3, {received} complaints were received:"),
        };
        assert!(page1.contains(&sentence), "{sentence}\n{page1}");

        // Nothing runs past the page's margins (2 pt for glyph boxes and rounding; text that
        // overflows runs past by far more).
        let right = A4.0 - SIDE_MARGIN + 2.0;
        let left = SIDE_MARGIN - 2.0;
        let words = word_edges(&pdf);
        assert!(words.len() > 500, "the words of the PDF");
        for (x_min, x_max, word) in &words {
            assert!(
                *x_max <= right && *x_min >= left,
                "{word:?} lies at {x_min}–{x_max} pt, outside {left}–{right}"
            );
        }

        // The charts' text is set in the bundled font's face, as in the PNG files.
        let fonts = poppler("pdffonts", &[arg(&pdf)]);
        for face in ["LiberationSans ", "LiberationSans-Bold "] {
            assert!(
                fonts.lines().any(|l| l.contains(&format!("+{face}"))),
                "{face}in\n{fonts}"
            );
        }
    }
}

#[test]
fn register_markup_shows_as_text_on_the_page_and_in_its_charts() {
    let dir = temp_dir("page-escape");
    let register = dir.join("register.csv");
    std::fs::write(
        &register,
        "Klachtnummer;Datum ontvangst;Omschrijving;Aard;Urgentie;Behandelaar;Oorzaak\n\
         K-1;01-07-2026;<script>alert(1)</script>;technisch;1;<img src=x onerror=alert(1)>;lek <b>vet</b>\n\
         K-2;02-07-2026;gewoon;technisch;5;Piet;lek <b>vet</b>\n",
    )
    .unwrap();
    let out = dir.join("rapport");
    let run = klacht_in(
        &dir,
        &[
            "report",
            arg(&register),
            "--period",
            "2026-Q3",
            "--out",
            arg(&out),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let html = std::fs::read_to_string(out.join("klachtenrapport-2026-Q3.html")).unwrap();
    // K-1 is overdue (urgency 1, open for 64 working days): its description and handler are in
    // the overdue list; the cause is in the summary, the Pareto chart and its description.
    assert!(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
    assert!(html.contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>"));
    assert!(
        html.contains("“lek &lt;b&gt;vet&lt;/b&gt;”"),
        "in the summary"
    );
    let svg = std::fs::read_to_string(out.join("grafieken/oorzaken-pareto.svg")).unwrap();
    assert!(
        svg.contains("lek &lt;b&gt;vet&lt;/b&gt;"),
        "in the chart's text"
    );
    let body = &svg[svg.find('>').unwrap() + 1..svg.rfind("</svg>").unwrap()];
    assert!(html.contains(body), "the page embeds the chart as written");
    let lower = html.to_lowercase();
    for tag in ["<script", "<img", "<b>"] {
        assert!(!lower.contains(tag), "{tag} in the page");
    }
}
