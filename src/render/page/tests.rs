//! The page from a small register whose figures are worked out by hand below: the summary's
//! sentences, escaping, the document's structure and accessibility, pseudonyms.

use super::*;
use crate::calendar::{Calendar, Profile};
use crate::config::Config;
use crate::metrics::{compute, Inputs, Period};
use crate::register::{Complaint, Nature};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";
const BOLD: &str = "te <b>laat</b>";

/// Eight complaints around 2026-Q3 (reference date 30-09-2026, cao calendar, default
/// targets):
///
/// | id | received   | closed     | nature | urg. | cause    | in          |
/// |----|------------|------------|--------|------|----------|-------------|
/// | A  | 10-07-2025 | 15-07-2025 | tech.  | 5    | lekkage  | year ago    |
/// | B  | 01-08-2025 | 05-08-2025 | tech.  | 5    | lekkage  | year ago    |
/// | C  | 04-05-2026 | 06-05-2026 | tech.  | 5    | lekkage  | previous    |
/// | D  | 29-06-2026 | —          | tech.  | 1    | —        | previous    |
/// | E  | 01-07-2026 | 03-07-2026 | tech.  | 4    | Lekkage  | P: 2 wd     |
/// | F  | 06-07-2026 | 28-08-2026 | non    | 7    | factuur  | P: 39 wd    |
/// | G  | 03-08-2026 | 04-08-2026 | tech.  | 6    | lekkage  | P: 1 wd     |
/// | H  | 01-09-2026 | —          | non    | 7    | te <b>…  | P           |
///
/// 2026-Q3: received E F G H = 4, closed E F G = 3, open at start D = 1, open at end D H = 2,
/// overdue at 30-09: D (urgency 1, far past 10 wd) and H (21 wd past 01-09, target 20) = 2;
/// within target E and G of 3 (F took 39 working days of 20).
/// 2026-Q2: received C D = 2, closed C = 1, open at end D = 1, overdue at 30-06 none (D is
/// 1 working day old); within target 1 of 1. 2025-Q3: received 2, closed 2, open and overdue 0,
/// within target 2 of 2.
///
/// Costs and justification: A € 12,50, C € 50,00 yes, E € 95,00 yes, F € 1.234,56 partly, G no
/// cost, no; H is reopened (still open, as before). 2026-Q3: € 1.329,56 over E and F, G
/// without; justified 1 of 3 judged (E; F partly, G no).
fn register() -> Register {
    use Nature::{NonTechnical, Technical};
    let rows = [
        (
            "A",
            d(2025, 7, 10),
            Some(d(2025, 7, 15)),
            Technical,
            5,
            Some("lekkage"),
        ),
        (
            "B",
            d(2025, 8, 1),
            Some(d(2025, 8, 5)),
            Technical,
            5,
            Some("lekkage"),
        ),
        (
            "C",
            d(2026, 5, 4),
            Some(d(2026, 5, 6)),
            Technical,
            5,
            Some("lekkage"),
        ),
        ("D", d(2026, 6, 29), None, Technical, 1, None),
        (
            "E",
            d(2026, 7, 1),
            Some(d(2026, 7, 3)),
            Technical,
            4,
            Some("Lekkage"),
        ),
        (
            "F",
            d(2026, 7, 6),
            Some(d(2026, 8, 28)),
            NonTechnical,
            7,
            Some("factuur"),
        ),
        (
            "G",
            d(2026, 8, 3),
            Some(d(2026, 8, 4)),
            Technical,
            6,
            Some("lekkage"),
        ),
        ("H", d(2026, 9, 1), None, NonTechnical, 7, Some(BOLD)),
    ];
    let mut complaints: Vec<Complaint> = rows
        .iter()
        .enumerate()
        .map(
            |(i, (id, received, closed, nature, urgency, cause))| Complaint {
                row: 1 + i as u32,
                id: (*id).into(),
                received: *received,
                closed_date: *closed,
                nature: Some(*nature),
                urgency: Urgency::new(*urgency),
                cause: cause.map(Into::into),
                customer: Some(if *id == "H" { "Jansen" } else { "Bakker" }.into()),
                description: Some(if *id == "H" { SCRIPT } else { "lekt" }.into()),
                handler: Some(if *id == "H" { IMG } else { "Piet" }.into()),
                ..Complaint::default()
            },
        )
        .collect();
    use crate::register::{Cents, Justified, Status};
    for (c, cost, justified) in [
        (0, Some(1_250), None),
        (2, Some(5_000), Some(Justified::Yes)),
        (4, Some(9_500), Some(Justified::Yes)),
        (5, Some(123_456), Some(Justified::Partly)),
        (6, None, Some(Justified::No)),
    ] {
        complaints[c].cost = cost.map(Cents);
        complaints[c].justified = justified;
    }
    complaints[7].status = Some(Status::Reopened);
    Register {
        complaints,
        ..Register::default()
    }
}

fn figures(register: &Register, show_names: bool) -> Figures {
    compute(&Inputs {
        register,
        findings: &[],
        config: &Config::default(),
        calendar: &Calendar::new(Profile::Cao, &[]),
        period: Period::parse("2026-Q3").unwrap(),
        as_of: d(2026, 9, 30),
        show_names,
        customers: None,
        volumes: None,
    })
    .unwrap()
}

fn provenance() -> Provenance {
    Provenance {
        tool_version: "0.1.0".into(),
        generated: d(2026, 10, 1).and_hms_opt(8, 30, 0).unwrap(),
        company: Some("Koeltechniek <Test> & Zn".into()),
        config_text: "[targets]\nacknowledge = 1\n".into(),
        calendar_profile: "cao".into(),
        targets: vec![("Ontvangstbevestiging".into(), "1 werkdagen".into())],
        command_line: "klacht report r.csv --period 2026-Q3".into(),
    }
}

/// A chart as the SVG writer writes one, with a cause in its text.
fn chart() -> Chart {
    Chart {
        kind: ChartKind::Causes,
        title: "Oorzaken — 2026-Q3".into(),
        svg: "<svg width=\"1600\" height=\"900\" viewBox=\"0 0 1600 900\" xmlns=\"http://www.w3.org/2000/svg\">\n<text x=\"1\" y=\"2\">te &lt;b&gt;laat&lt;/b&gt;\n</text>\n</svg>\n".into(),
    }
}

fn html(lang: Lang, show_names: bool) -> String {
    let register = register();
    let figures = figures(&register, show_names);
    let provenance = provenance();
    render(&PageInput {
        figures: &figures,
        register: &register,
        lang,
        show_names,
        provenance: &provenance,
        charts: &[chart()],
    })
}

#[test]
fn the_summary_says_the_hand_counted_figures_in_sentences() {
    let register = register();
    let f = figures(&register, false);
    assert_eq!(
        summary::sentences(&f, Lang::En),
        [
            "In 2026-Q3, 4 complaints were received: 2 more than in 2026-Q2 (2; +100.0%) and 2 more than in 2025-Q3 (2; +100.0%).",
            "3 complaints were closed: 2 more than in 2026-Q2 (1; +200.0%) and 1 more than in 2025-Q3 (2; +50.0%).",
            "At the end of the period 2 complaints were open (1 at the start): 1 more than in 2026-Q2 (1; +100.0%) and 2 more than in 2025-Q3 (0).",
            "At the reference date 30-09-2026, 2 complaints were overdue: 2 more than in 2026-Q2 (0) and 2 more than in 2025-Q3 (0).",
            "Of the 3 complaints closed in the period that had a target, 2 were closed within it (66.7%); in 2026-Q2 it was 100.0%, in 2025-Q3 100.0%.",
            "Failure costs of the complaints closed: €1,329.56 over 2 complaints with an amount (in 2026-Q2 €50.00, in 2025-Q3 €12.50); justified 33.3% (1 yes, 1 partly, 1 no); reopened: 1.",
            // The baseline is July 2025 – June 2026 (12 months from the first complaint): no
            // non-technical complaint, nor "factuur" or BOLD, so each has mean 0 and limit 0,
            // and F (July, non-technical, factuur) and H (September, non-technical, BOLD) each
            // signal twice. Received (4 in 12 months: limit 0.33 + 3·0.58 = 2.07; July has 2),
            // technical and "lekkage" (3 in 12: limit 1.75; 1 a month) do not.
            "4 signals: July 2026: 1 non-technical complaint, above the upper limit 0.0 (mean 0.0); September 2026: 1 non-technical complaint, above the upper limit 0.0 (mean 0.0); July 2026: 1 complaint with cause “factuur”, above the upper limit 0.0 (mean 0.0); and 1 more (see Signals).",
            // E's "Lekkage" and G's "lekkage" are one cause, named by the spelling the register
            // uses most (A, B, C and G).
            "The most frequent technical cause was “lekkage”: 2 of the 2 technical complaints with a cause (100.0%).",
            "The most frequent non-technical causes were “factuur” and “te <b>laat</b>”: 1 each of the 2 non-technical complaints with a cause (50.0%).",
        ]
    );
    let nl = summary::sentences(&f, Lang::Nl);
    assert_eq!(
        nl[0],
        "In 2026-Q3 zijn 4 klachten ontvangen: 2 meer dan in 2026-Q2 (2; +100,0%) en 2 meer dan in 2025-Q3 (2; +100,0%)."
    );
    assert_eq!(
        nl[4],
        "Van de 3 in de periode afgehandelde klachten met een norm zijn 2 binnen de norm afgehandeld (66,7%); in 2026-Q2 was dat 100,0%, in 2025-Q3 100,0%."
    );
    assert_eq!(
        nl[5],
        "Faalkosten van de afgehandelde klachten: € 1.329,56 over 2 klachten met een bedrag (in 2026-Q2 € 50,00, in 2025-Q3 € 12,50); gegrond 33,3% (1 ja, 1 deels, 1 nee); heropend: 1."
    );
}

#[test]
fn fewer_equal_and_singular_are_written_as_such() {
    assert_eq!(
        summary::versus(3, 4, "2026-Q2", Lang::Nl),
        "1 minder dan in 2026-Q2 (4; −25,0%)"
    );
    assert_eq!(
        summary::versus(4, 4, "2025-Q3", Lang::En),
        "as many as in 2025-Q3 (4)"
    );
    assert_eq!(summary::complaints(1, Lang::Nl), "1 klacht");
    assert_eq!(summary::complaints(1234, Lang::Nl), "1.234 klachten");
}

#[test]
fn register_text_is_escaped_everywhere() {
    for lang in [Lang::Nl, Lang::En] {
        let page = html(lang, false);
        for raw in [SCRIPT, IMG, "<b>", "<Test>"] {
            assert!(!page.contains(raw), "{raw} stands in the page as markup");
        }
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(
            page.contains("te &lt;b&gt;laat&lt;/b&gt;"),
            "cause in text and chart"
        );
        assert!(page.contains("Koeltechniek &lt;Test&gt; &amp; Zn"));
        assert!(!page.to_lowercase().contains("<script"), "no script at all");
    }
}

/// The tags of `html` in order, as (name, the tag's text).
fn tags(html: &str) -> Vec<(String, String)> {
    html.split('<')
        .skip(1)
        .filter_map(|t| {
            let tag = &t[..t.find('>')?];
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
                .collect();
            Some((name.to_lowercase(), tag.to_string()))
        })
        .collect()
}

#[test]
fn the_page_is_accessible_and_fetches_nothing() {
    let page = html(Lang::Nl, false);
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"nl\">"));
    assert!(html(Lang::En, false).contains("<html lang=\"en\">"));
    assert!(page
        .contains("<title>Klachtenrapport 2026-Q3 — Koeltechniek &lt;Test&gt; &amp; Zn</title>"));
    let tags = tags(&page);
    // Headings in order: one h1, and never a level skipped on the way down.
    let levels: Vec<u32> = tags
        .iter()
        .filter_map(|(n, _)| match n.as_str() {
            "h1" => Some(1),
            "h2" => Some(2),
            "h3" => Some(3),
            _ => None,
        })
        .collect();
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
    assert_eq!(levels[0], 1);
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "heading skips a level: {levels:?}");
    }
    // Every table header says what it heads.
    for (name, tag) in &tags {
        if name == "th" {
            assert!(
                tag.contains("scope=\"col\"") || tag.contains("scope=\"row\""),
                "<{tag}>"
            );
        }
    }
    // The chart: an image with its title and a description in numbers, its text as written.
    let svg = tags.iter().find(|(n, _)| n == "svg").expect("the chart");
    assert!(svg.1.contains("role=\"img\""));
    assert!(svg
        .1
        .contains("aria-labelledby=\"grafiek-1-titel grafiek-1-uitleg\""));
    assert!(svg.1.contains("viewBox=\"0 0 1600 900\""));
    assert!(page.contains("<title id=\"grafiek-1-titel\">Oorzaken — 2026-Q3</title>"));
    assert!(page.contains(
        "<desc id=\"grafiek-1-uitleg\">lekkage (technisch): 2; factuur (niet-technisch): 1; te &lt;b&gt;laat&lt;/b&gt; (niet-technisch): 1.</desc>"
    ));
    // Nothing fetched: no links, sources or urls at all, and no script.
    for needle in [
        "src=\"", "href=", "url(", "@import", "<script", "<link", "http",
    ] {
        assert!(!page.contains(needle), "{needle} in the page");
    }
    // Print: A4 portrait, a page break before each section after the first, rows kept whole.
    assert!(page.contains("@page { size: A4 portrait;"));
    assert!(page.contains("section.page { break-before: page;"));
    assert!(page.contains("tr, figure, dl div.term { break-inside: avoid;"));
    assert!(page.contains("<section class=\"page\" id=\"begrippen\">"));
}

#[test]
fn the_overdue_list_shows_pseudonyms_unless_names_are_asked_for() {
    let hidden = html(Lang::Nl, false);
    assert!(!hidden.contains("Jansen"));
    assert!(hidden.contains(&pseudonym("Jansen")));
    let shown = html(Lang::Nl, true);
    assert!(shown.contains("<td>Jansen</td>"));
    // D and H are overdue, most working days past target first: D (1 wd old on 30-06, 65
    // working days on 30-09, target 10) before H.
    let overdue = &shown[shown.find("id=\"achterstallig\"").unwrap()..];
    let at = |id: &str, page: &str| page.find(&format!("<th scope=\"row\">{id}</th>"));
    assert!(at("D", overdue).unwrap() < at("H", overdue).unwrap());
    assert!(
        at("E", overdue).is_none(),
        "closed complaints are not overdue"
    );
    // H, reopened, is in the list of reopened complaints too; D is not.
    let reopened = &shown[shown.find("id=\"gegrond\"").unwrap()..];
    let reopened = &reopened[..reopened.find("</section>").unwrap()];
    assert!(at("H", reopened).is_some() && at("D", reopened).is_none());
}

#[test]
fn the_glossary_closes_the_page_and_signals_get_their_section() {
    let page = html(Lang::En, false);
    let glossary_at = page.find("<h2>Glossary</h2>").unwrap();
    assert!(page[glossary_at..].contains("<dt>p90</dt>"));
    assert!(
        page.rfind("<h2>").unwrap() == glossary_at,
        "the last section"
    );
    // The fixture's four signals (see the summary test), one line each.
    let at = page.find("id=\"signalen\"").expect("the signals section");
    let list = &page[at..at + page[at..].find("</ul>").unwrap()];
    assert_eq!(list.matches("<li>").count(), 4, "{list}");

    let register = register();
    let figures = figures(&register, false);
    let provenance = provenance();
    let input = PageInput {
        figures: &figures,
        register: &register,
        lang: Lang::Nl,
        show_names: false,
        provenance: &provenance,
        charts: &[],
    };
    let mut view = View::of(&input);
    view.signals = vec!["augustus 2026: 82 klachten <ontvangen>".into()];
    let page = template::page(&view).into_string();
    assert!(page.contains(
        "<h2>Signalen</h2><ul><li>augustus 2026: 82 klachten &lt;ontvangen&gt;</li></ul>"
    ));
}

#[test]
fn a_document_that_is_not_one_svg_is_not_embedded() {
    assert_eq!(
        svg_body("<svg viewBox=\"0 0 4 3\" x=\"&gt;\">\n<rect/>\n</svg>\n"),
        Some(("0 0 4 3", "\n<rect/>\n"))
    );
    assert_eq!(svg_body("<p>no</p>"), None);
    assert_eq!(svg_body("<svg width=\"1\"></svg>"), None, "no viewBox");
    assert_eq!(shorten("a  b\n c", 10), "a b c");
    assert_eq!(shorten("abcdefghijk", 5), "abcd…");
}
