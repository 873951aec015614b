//! The page's markup. `maud` escapes every `(value)`; only the style sheet (a constant) and
//! the chart SVGs (whose texts the SVG writer escaped) go in as they are, through
//! `PreEscaped`.

use super::{
    chart_description, svg_body, Chart, ChartKind, View, CAUSE_ROWS, OVERDUE_ROWS, SPELLINGS,
};
use crate::base::Rule;
use crate::metrics::model::{HeadlineFigure, HeadlineRow, Unit};
use crate::register::Cents;
use crate::render::glossary::glossary;
use crate::render::text::{day, percent, span};
use crate::render::workbook::quality_lines;
use crate::Lang;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The style sheet: screen and A4 print.
const STYLE: &str = include_str!("page.css");

/// The page number in the bottom margin of each printed page, in the page's language.
fn page_margin(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => {
            r#"@page { @bottom-right { content: "pagina " counter(page) " van " counter(pages); } }"#
        }
        Lang::En => {
            r#"@page { @bottom-right { content: "page " counter(page) " of " counter(pages); } }"#
        }
    }
}

pub(super) fn page(v: &View) -> Markup {
    let lang = v.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.pick("nl", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("klacht {}", v.input.provenance.tool_version));
                title { (v.title) }
                style { (PreEscaped(STYLE)) (PreEscaped(page_margin(lang))) }
            }
            body {
                header {
                    h1 { (v.title) }
                    p.meta { (period_line(v)) }
                }
                (summary(v))
                (charts(v))
                @if !v.signals.is_empty() {
                    (signals(v))
                }
                (causes(v))
                (costs(v))
                (overdue(v))
                (quality(v))
                (provenance(v))
                (glossary_section(v))
            }
        }
    }
}

/// `periode 2026-Q3: 01-07-2026 t/m 30-09-2026 · peildatum 30-09-2026`.
fn period_line(v: &View) -> String {
    let p = &v.input.figures.kpi.period;
    format!(
        "{} {}: {} · {} {}",
        v.t("Periode", "Period"),
        p.label,
        span(p.start, p.end, v.lang),
        v.t("peildatum", "reference date"),
        day(p.as_of)
    )
}

fn summary(v: &View) -> Markup {
    let f = v.input.figures;
    let flow = &f.tables.flow;
    let prev = &f.kpi.previous.period;
    let ago = &f.kpi.year_ago.period;
    html! {
        section id="samenvatting" {
            h2 { (v.t("Samenvatting voor de directie", "Management summary")) }
            @for sentence in &v.summary {
                p { (sentence) }
            }
            h2 { (v.t("Kerncijfers", "Headline figures")) }
            table.headline {
                thead {
                    tr {
                        th scope="col" { (v.t("Kengetal", "Figure")) }
                        th.num scope="col" { (f.kpi.period.label) }
                        th.num scope="col" { (v.t("Vorige", "Previous")) br; (prev.label) }
                        th.num scope="col" { (v.t("Jaar eerder", "Year earlier")) br; (ago.label) }
                        th.num scope="col" { (v.t("Verschil t.o.v. vorige", "Change on previous")) }
                        th.num scope="col" { (v.t("% t.o.v. vorige", "% on previous")) }
                        th.num scope="col" { (v.t("Verschil t.o.v. jaar eerder", "Change on year earlier")) }
                        th.num scope="col" { (v.t("% t.o.v. jaar eerder", "% on year earlier")) }
                    }
                }
                tbody {
                    @for h in &f.tables.headline {
                        tr {
                            th scope="row" { (h.figure.label(v.lang)) }
                            td.num { (value(h, h.value, v.lang)) }
                            td.num { (value(h, h.previous, v.lang)) }
                            td.num { (value(h, h.year_ago, v.lang)) }
                            td.num { (change(h, h.change_previous, v.lang)) }
                            td.num { (relative(h.rel_change_previous, v.lang)) }
                            td.num { (change(h, h.change_year_ago, v.lang)) }
                            td.num { (relative(h.rel_change_year_ago, v.lang)) }
                        }
                    }
                }
            }
            p.note {
                (v.t(
                    "Doorlooptijden in werkdagen. Verschillen tussen percentages in procentpunten (pp). Geen % waar de vergelijkingswaarde 0 is.",
                    "Handling times in working days. Differences between percentages in percentage points (pp). No % where the base is 0.",
                ))
            }
            p {
                strong { (v.t("Controle doorstroom: ", "Flow check: ")) }
                (v.t("open bij begin", "open at start")) " " (v.count(flow.open_at_start))
                " + " (v.t("ontvangen", "received")) " " (v.count(flow.received))
                " − " (v.t("afgehandeld", "closed")) " " (v.count(flow.closed))
                @if flow.left_out > 0 {
                    " − " (v.t("afhandeldatum onleesbaar", "closed date unreadable")) " " (v.count(flow.left_out))
                }
                " = " (v.t("open bij einde", "open at end")) " " (v.count(flow.open_at_end)) " "
                @if flow.holds {
                    span.good { (v.t("(klopt)", "(balances)")) }
                } @else {
                    span.bad {
                        "(" (v.t("klopt niet, verschil", "does not balance, difference")) " "
                        (flow.difference) ")"
                    }
                }
            }
        }
    }
}

fn charts(v: &View) -> Markup {
    html! {
        section.page id="grafieken" {
            h2 { (v.t("Grafieken", "Charts")) }
            // The signals' chart stands with the signals.
            @for (i, chart) in v.input.charts.iter().enumerate() {
                @if chart.kind != ChartKind::Signals {
                    (figure(v, i, chart))
                }
            }
        }
    }
}

/// A chart inline, with its title and its numbers as the text alternative; the `i`th chart
/// of the page (its ids).
fn figure(v: &View, i: usize, chart: &Chart) -> Markup {
    let title_id = format!("grafiek-{}-titel", i + 1);
    let desc_id = format!("grafiek-{}-uitleg", i + 1);
    let description = chart_description(chart.kind, v.input.figures, v.lang);
    html! {
        figure {
            @match svg_body(&chart.svg) {
                Some((view_box, body)) => {
                    svg viewBox=(view_box) role="img"
                        aria-labelledby=(format!("{title_id} {desc_id}")) {
                        title id=(title_id) { (chart.title) }
                        desc id=(desc_id) { (description) }
                        (PreEscaped(body))
                    }
                }
                None => {
                    p { (chart.title) ": " (description) }
                }
            }
        }
    }
}

/// The signals: the control chart of the complaints received, then every signal in words (or why
/// there are none).
fn signals(v: &View) -> Markup {
    html! {
        section.page id="signalen" {
            h2 { (v.t("Signalen", "Signals")) }
            @for (i, chart) in v.input.charts.iter().enumerate() {
                @if chart.kind == ChartKind::Signals {
                    (figure(v, i, chart))
                }
            }
            ul {
                @for line in &v.signals {
                    li { (line) }
                }
            }
        }
    }
}

fn causes(v: &View) -> Markup {
    let t = &v.input.figures.tables;
    let k = &v.input.figures.kpi;
    let recurring: Vec<_> = t.recurring_causes.iter().filter(|c| c.recurring).collect();
    let groups: Vec<_> = k
        .cause_groups
        .iter()
        .filter(|g| g.spellings.len() > 1)
        .collect();
    html! {
        section.page id="oorzaken" {
            h2 { (v.t("Terugkerende oorzaken", "Recurring causes")) }
            p.note {
                (v.t(
                    "Oorzaken met klachten in twee of meer van de laatste vier kwartalen, meeste klachten eerst.",
                    "Causes with complaints in two or more of the last four quarters, most complaints first.",
                ))
            }
            @if recurring.is_empty() {
                p { (v.t("Geen terugkerende oorzaken.", "No recurring causes.")) }
            } @else {
                table {
                    thead {
                        tr {
                            th scope="col" { (v.t("Oorzaak", "Cause")) }
                            th scope="col" { (v.t("Aard", "Nature")) }
                            @for q in &t.recurring_quarters {
                                th.num scope="col" { (q.label) }
                            }
                            th.num scope="col" { (v.t("Totaal", "Total")) }
                        }
                    }
                    tbody {
                        @for c in recurring.iter().take(CAUSE_ROWS) {
                            tr {
                                th scope="row" { (c.cause) }
                                td { (nature(c.nature, v.lang)) }
                                @for n in &c.counts {
                                    td.num { (v.count(*n)) }
                                }
                                td.num { (v.count(c.total)) }
                            }
                        }
                    }
                }
                @if recurring.len() > CAUSE_ROWS {
                    p.note { (more(recurring.len() - CAUSE_ROWS, v.t("het blad Oorzaken", "the Causes sheet"), v.lang)) }
                }
            }
            @if !groups.is_empty() {
                h3 { (v.t("Schrijfwijzen per oorzaak", "Spellings per cause")) }
                p.note {
                    (v.t(
                        "Oorzaken die in het register op meer dan één manier geschreven zijn, met het aantal klachten per schrijfwijze in de periode.",
                        "Causes written more than one way in the register, with the complaints per spelling in the period.",
                    ))
                }
                table {
                    thead {
                        tr {
                            th scope="col" { (v.t("Oorzaak", "Cause")) }
                            th scope="col" { (v.t("Schrijfwijzen (aantal)", "Spellings (count)")) }
                        }
                    }
                    tbody {
                        @for g in groups.iter().take(CAUSE_ROWS) {
                            tr {
                                th scope="row" { (g.cause) }
                                td {
                                    @for (i, s) in g.spellings.iter().take(SPELLINGS).enumerate() {
                                        @if i > 0 { "; " }
                                        (s.text) " (" (v.count(s.count)) ")"
                                    }
                                    @if g.spellings.len() > SPELLINGS {
                                        "; … (+" (g.spellings.len() - SPELLINGS) ")"
                                    }
                                }
                            }
                        }
                    }
                }
                @if groups.len() > CAUSE_ROWS {
                    p.note { (more(groups.len() - CAUSE_ROWS, v.t("het blad Oorzaken", "the Causes sheet"), v.lang)) }
                }
            }
        }
    }
}

/// The failure costs; then, on a page of their own, whether the complaints were justified, the
/// customers' satisfaction and the reopened complaints (SPEC §5).
fn costs(v: &View) -> Markup {
    let k = &v.input.figures.kpi;
    let t = &v.input.figures.tables;
    let (c, j, sat) = (&k.cost, &k.justified, &k.satisfaction);
    let money = |m: Option<Cents>| m.map_or_else(|| "–".to_string(), |m| m.text(v.lang));
    let share = |s: Option<f64>| s.map_or_else(|| "–".to_string(), |s| percent(s, v.lang));
    let judged = j.yes + j.no + j.partly;
    let of_judged = |n: u64| share(crate::metrics::stats::share(n, judged));
    let closed_in = format!("{} {}", v.t("afgehandeld in", "closed in"), k.period.label);
    html! {
        section.page id="faalkosten" {
            h2 { (v.t("Faalkosten", "Failure costs")) }
            p.note {
                (v.t(
                    "Over de klachten afgehandeld in de periode. Bedragen tot op de cent opgeteld; een onleesbaar bedrag telt niet mee en staat apart.",
                    "Over the complaints closed in the period. Amounts summed to the cent; an unreadable amount does not count and is shown apart.",
                ))
            }
            table.narrow {
                thead { tr { th scope="col" { (v.t("Faalkosten", "Failure costs")) " (" (closed_in) ")" } th.num scope="col" { (v.t("Waarde", "Value")) } } }
                tbody {
                    tr { th scope="row" { (v.t("Totaal", "Total")) } td.num { (money(c.total)) } }
                    tr { th scope="row" { (v.t("Afgehandeld met een bedrag", "Closed with an amount")) } td.num { (v.count(c.n)) } }
                    tr { th scope="row" { (v.t("Gemiddeld per klacht", "Mean per complaint")) } td.num { (money(c.mean)) } }
                    tr { th scope="row" { (v.t("Mediaan", "Median")) } td.num { (money(c.median)) } }
                    tr { th scope="row" { (v.t("Afgehandeld zonder bedrag", "Closed without an amount")) } td.num { (v.count(c.missing)) } }
                    tr { th scope="row" { (v.t("Buiten beschouwing: bedrag onleesbaar", "Left out: amount unreadable")) } td.num { (v.count(c.left_out)) } }
                }
            }
            @if !c.by_cause.is_empty() {
                h3 { (v.t("Faalkosten per oorzaak", "Failure costs per cause")) }
                table {
                    thead {
                        tr {
                            th scope="col" { (v.t("Oorzaak", "Cause")) }
                            th scope="col" { (v.t("Aard", "Nature")) }
                            th.num scope="col" { (v.t("Klachten", "Complaints")) }
                            th.num scope="col" { (v.t("Faalkosten", "Failure costs")) }
                            th.num scope="col" { (v.t("Aandeel", "Share")) }
                            th.num scope="col" { (v.t("Cumulatief", "Cumulative")) }
                        }
                    }
                    tbody {
                        @for row in c.by_cause.iter().take(CAUSE_ROWS) {
                            tr {
                                th scope="row" { (row.cause_label(v.lang)) }
                                td { (nature(row.key.nature, v.lang)) }
                                td.num { (v.count(row.n)) }
                                td.num { (row.total.text(v.lang)) }
                                td.num { (share(row.share)) }
                                td.num { (share(row.key.cumulative_share)) }
                            }
                        }
                    }
                }
                @if c.by_cause.len() > CAUSE_ROWS {
                    p.note { (more(c.by_cause.len() - CAUSE_ROWS, v.t("het blad Oorzaken", "the Causes sheet"), v.lang)) }
                }
                h3 { (v.t("Faalkosten per aard en per afdeling", "Failure costs per nature and per department")) }
                table.narrow {
                    thead {
                        tr {
                            th scope="col" { (v.t("Aard of afdeling", "Nature or department")) }
                            th.num scope="col" { (v.t("Klachten", "Complaints")) }
                            th.num scope="col" { (v.t("Faalkosten", "Failure costs")) }
                            th.num scope="col" { (v.t("Aandeel", "Share")) }
                        }
                    }
                    tbody {
                        @for row in c.by_nature.iter().filter(|r| r.n > 0) {
                            tr {
                                th scope="row" { (nature(row.key.nature, v.lang)) }
                                td.num { (v.count(row.n)) }
                                td.num { (row.total.text(v.lang)) }
                                td.num { (share(row.share)) }
                            }
                        }
                        @for row in &c.by_department {
                            tr {
                                th scope="row" { (row.key.department.as_deref().unwrap_or(v.t("afdeling niet vastgelegd", "department not recorded"))) }
                                td.num { (v.count(row.n)) }
                                td.num { (row.total.text(v.lang)) }
                                td.num { (share(row.share)) }
                            }
                        }
                    }
                }
            }
        }
        section.page id="gegrond" {
            h2 { (v.t("Gegrond, tevredenheid en heropende klachten", "Justified, satisfaction and reopened complaints")) }
            p.note { (v.t("Over de klachten", "Over the complaints")) " " (closed_in) "." }
            h3 { (v.t("Gegrond", "Justified")) }
            table.narrow {
                thead { tr { th scope="col" { (v.t("Gegrond", "Justified")) } th.num scope="col" { (v.t("Aantal", "Count")) } th.num scope="col" { (v.t("Aandeel van beoordeeld", "Share of judged")) } } }
                tbody {
                    tr { th scope="row" { (v.t("ja", "yes")) } td.num { (v.count(j.yes)) } td.num { (share(j.share_yes)) } }
                    tr { th scope="row" { (v.t("deels", "partly")) } td.num { (v.count(j.partly)) } td.num { (of_judged(j.partly)) } }
                    tr { th scope="row" { (v.t("nee", "no")) } td.num { (v.count(j.no)) } td.num { (of_judged(j.no)) } }
                    tr { th scope="row" { (v.t("niet vastgelegd", "not recorded")) } td.num { (v.count(j.unknown)) } td.num { "–" } }
                    tr { th scope="row" { (v.t("buiten beschouwing: onleesbaar", "left out: unreadable")) } td.num { (v.count(j.left_out)) } td.num { "–" } }
                }
            }
            h3 { (v.t("Tevredenheid over de afhandeling", "Satisfaction with the handling")) }
            table.narrow {
                tbody {
                    tr { th scope="row" { (v.t("Schaal", "Scale")) } td { (sat.scale.map_or(v.t("geen antwoorden in het register", "no answers in the register"), |s| s.label(v.lang))) } }
                    tr { th scope="row" { (v.t("Antwoorden", "Responses")) } td.num { (v.count(sat.responses)) } }
                    tr { th scope="row" { (v.t("Respons", "Response rate")) } td.num { (share(sat.response_rate)) } }
                    tr { th scope="row" { (v.t("Gemiddelde score", "Mean score")) } td.num { (sat.mean.map_or_else(|| "–".to_string(), |m| v.lang.number(m, 2))) } }
                    tr { th scope="row" { (v.t("Tevreden", "Satisfied")) } td.num { (share(sat.share_satisfied)) } }
                    tr { th scope="row" { (v.t("Buiten beschouwing: antwoord onleesbaar", "Left out: answer unreadable")) } td.num { (v.count(sat.left_out)) } }
                }
            }
            h3 { (v.t("Heropende klachten", "Reopened complaints")) ": " (v.count(k.reopened)) }
            p.note {
                (v.t(
                    "Na afhandeling opnieuw open: niet in één keer opgelost. Ze tellen als open in alle cijfers. Leeftijd in werkdagen op de peildatum.",
                    "Open again after closing: not fixed first time. They count as open in every figure. Age in working days at the reference date.",
                ))
            }
            @if !t.reopened.is_empty() {
                table.narrow {
                    thead {
                        tr {
                            th scope="col" { (v.t("Klacht", "Complaint")) }
                            th scope="col" { (v.t("Ontvangen", "Received")) }
                            th.num scope="col" { (v.t("Urg.", "Urg.")) }
                            th scope="col" { (v.t("Behandelaar", "Handler")) }
                            th.num scope="col" { (v.t("Leeftijd", "Age")) }
                        }
                    }
                    tbody {
                        @for item in t.reopened.iter().take(OVERDUE_ROWS) {
                            tr {
                                th scope="row" { (item.id) }
                                td { (day(item.received)) }
                                td.num { (item.urgency.map_or_else(|| "–".to_string(), |u| u.number().to_string())) }
                                td { (item.handler.as_deref().unwrap_or("")) }
                                td.num { (v.lang.number(item.age_wd as f64, 0)) }
                            }
                        }
                    }
                }
                @if t.reopened.len() > OVERDUE_ROWS {
                    p.note { (more(t.reopened.len() - OVERDUE_ROWS, v.t("het blad Faalkosten", "the Failure costs sheet"), v.lang)) }
                }
            }
        }
    }
}

fn overdue(v: &View) -> Markup {
    let t = &v.input.figures.tables;
    let as_of = day(v.input.figures.kpi.period.as_of);
    html! {
        section.page id="achterstallig" {
            h2 { (v.t("Achterstallige klachten op", "Overdue complaints at")) " " (as_of) }
            p.note {
                (v.t(
                    "Open en ouder dan de norm van de urgentie (of na de streefdatum in het register); meest overschreden eerst. Leeftijd en overschrijding in werkdagen.",
                    "Open and older than the urgency's target (or past the due date in the register); most overdue first. Age and excess in working days.",
                ))
                @if !v.input.show_names {
                    " "
                    (v.t(
                        "Klanten staan er met een vast pseudoniem (K-…); namen tonen: klacht report --show-names.",
                        "Customers appear by a fixed pseudonym (K-…); to show names: klacht report --show-names.",
                    ))
                }
            }
            @if v.overdue.is_empty() {
                p { (v.t("Geen achterstallige klachten.", "No overdue complaints.")) }
            } @else {
                table.overdue {
                    thead {
                        tr {
                            th scope="col" { (v.t("Klacht", "Complaint")) }
                            th scope="col" { (v.t("Ontvangen", "Received")) }
                            th.num scope="col" { (v.t("Urg.", "Urg.")) }
                            th scope="col" { (v.t("Klant", "Customer")) }
                            th scope="col" { (v.t("Omschrijving", "Description")) }
                            th scope="col" { (v.t("Behandelaar", "Handler")) }
                            th scope="col" { (v.t("Contact", "Contact")) }
                            th.num scope="col" { (v.t("Leeftijd", "Age")) }
                            th.num scope="col" { (v.t("Norm", "Target")) }
                            th.num scope="col" { (v.t("Over termijn", "Past target")) }
                        }
                    }
                    tbody {
                        @for r in &v.overdue {
                            tr {
                                th scope="row" { (r.id) }
                                td { (r.received) }
                                td.num { (r.urgency) }
                                td { (r.customer) }
                                td { (r.description) }
                                td { (r.handler) }
                                td { (r.contact) }
                                td.num { (r.age_wd) }
                                td.num { (r.target) }
                                td.num { (r.past) }
                            }
                        }
                    }
                }
                @if t.overdue.len() > OVERDUE_ROWS {
                    p.note { (more(t.overdue.len() - OVERDUE_ROWS, v.t("het blad Achterstallig", "the Overdue sheet"), v.lang)) }
                }
            }
        }
    }
}

fn quality(v: &View) -> Markup {
    let k = &v.input.figures.kpi;
    let per_rule = &k.findings.by_rule;
    let total: u64 = per_rule.values().sum();
    html! {
        section.page id="kwaliteit" {
            h2 { (v.t("Gegevenskwaliteit", "Data quality")) }
            table.narrow {
                thead {
                    tr {
                        th scope="col" { (v.t("Onderdeel", "Item")) }
                        th.num scope="col" { (v.t("Aantal", "Count")) }
                    }
                }
                tbody {
                    @for (label, n) in quality_lines(k, v.lang) {
                        tr {
                            th scope="row" { (label) }
                            td.num { (v.count(n)) }
                        }
                    }
                }
            }
            h3 { (v.t("Bevindingen per controleregel", "Findings per rule")) }
            p.note {
                (v.t(
                    "Over de klachten die voor de periode meetellen en over de bestanden; de volledige lijst met celadressen staat op het blad Bevindingen.",
                    "On the complaints that matter for the period and on the files; the full list with cell addresses is on the Findings sheet.",
                ))
            }
            @if per_rule.is_empty() {
                p { (v.t("Geen bevindingen.", "No findings.")) }
            } @else {
                table.narrow {
                    thead {
                        tr {
                            th scope="col" { (v.t("Regel", "Rule")) }
                            th scope="col" { (v.t("Stap", "Step")) }
                            th.num scope="col" { (v.t("Aantal", "Count")) }
                        }
                    }
                    tbody {
                        @for (code, n) in per_rule {
                            tr {
                                th scope="row" { (code) }
                                td { (Rule::from_code(code).map_or("", |r| r.step().label(v.lang))) }
                                td.num { (v.count(*n)) }
                            }
                        }
                    }
                    tfoot {
                        tr {
                            th scope="row" { (v.t("Totaal", "Total")) }
                            td {}
                            td.num { (v.count(total)) }
                        }
                    }
                }
            }
        }
    }
}

fn provenance(v: &View) -> Markup {
    let p = v.input.provenance;
    let k = &v.input.figures.kpi;
    let register = v.input.register;
    html! {
        section.page id="verantwoording" {
            h2 { (v.t("Verantwoording", "Provenance")) }
            table.narrow {
                thead {
                    tr {
                        th scope="col" { (v.t("Onderdeel", "Item")) }
                        th scope="col" { (v.t("Waarde", "Value")) }
                    }
                }
                tbody {
                    @for (label, value) in p.items(k, v.lang, v.input.show_names) {
                        tr {
                            th scope="row" { (label) }
                            td { (value) }
                        }
                    }
                }
            }
            h3 { (v.t("Invoerbestanden", "Input files")) }
            table.files {
                thead {
                    tr {
                        th scope="col" { (v.t("Bestand", "File")) }
                        th scope="col" { "SHA-256" }
                        th.num scope="col" { (v.t("Rijen gelezen", "Rows read")) }
                        th.num scope="col" { (v.t("Gebruikt", "Used")) }
                    }
                }
                tbody {
                    @for src in &register.sources {
                        tr {
                            th scope="row" { (src.name()) }
                            td.hash { (src.sha256) }
                            td.num { (v.count(src.rows.read)) }
                            td.num { (v.count(src.rows.used)) }
                        }
                    }
                }
            }
            h3 { (v.t("Normen (streeftermijnen)", "Targets")) }
            table.narrow {
                thead {
                    tr {
                        th scope="col" { (v.t("Norm", "Target")) }
                        th scope="col" { (v.t("Waarde", "Value")) }
                    }
                }
                tbody {
                    @for (label, value) in &p.targets {
                        tr {
                            th scope="row" { (label) }
                            td { (value) }
                        }
                    }
                }
            }
            p.note {
                (v.t(
                    "De volledige configuratie zoals toegepast, de herkende kolommen en de rijen die geen klacht zijn staan op het blad Verantwoording van de werkmap.",
                    "The full configuration as applied, the recognised columns and the rows that are not complaints are on the Provenance sheet of the workbook.",
                ))
            }
        }
    }
}

fn glossary_section(v: &View) -> Markup {
    html! {
        section.page id="begrippen" {
            h2 { (v.t("Begrippen", "Glossary")) }
            dl {
                @for (term, meaning) in glossary(v.lang) {
                    div.term {
                        dt { (term) }
                        dd { (meaning) }
                    }
                }
            }
        }
    }
}

/// `… en nog 12; zie het blad Oorzaken`.
fn more(n: usize, sheet: &str, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("… en nog {n}: zie {sheet} van de werkmap."),
        Lang::En => format!("… and {n} more: see {sheet} of the workbook."),
    }
}

fn nature(n: Option<crate::register::Nature>, lang: Lang) -> &'static str {
    n.map_or(lang.pick("niet vastgelegd", "not recorded"), |n| {
        n.label(lang)
    })
}

/// A headline value as the workbook shows it: counts whole, days with one decimal (p90
/// whole), shares as a percentage.
fn value(h: &HeadlineRow, v: Option<f64>, lang: Lang) -> String {
    let Some(v) = v else { return "–".into() };
    match (h.unit, h.figure) {
        (Unit::Share, _) => percent(v, lang),
        (Unit::Money, _) => cents(v).text(lang),
        (Unit::WorkingDays, f) if f != HeadlineFigure::HandlingWdP90 => lang.number(v, 1),
        _ => lang.number(v, 0),
    }
}

/// A signed difference: counts whole, days with one decimal, shares in percentage points.
fn change(h: &HeadlineRow, d: Option<f64>, lang: Lang) -> String {
    let Some(d) = d else { return "–".into() };
    match (h.unit, h.figure) {
        (Unit::Share, _) => format!("{} pp", signed(d * 100.0, 1, lang)),
        (Unit::Money, _) => {
            let text = cents(d.abs()).text(lang);
            match cents(d).0.signum() {
                1 => format!("+{text}"),
                -1 => format!("−{text}"),
                _ => text,
            }
        }
        (Unit::WorkingDays, f) if f != HeadlineFigure::HandlingWdP90 => signed(d, 1, lang),
        _ => signed(d, 0, lang),
    }
}

/// A headline amount (euros, as the table holds them) back in cents.
fn cents(euros: f64) -> Cents {
    Cents((euros * 100.0).round() as i64)
}

fn relative(r: Option<f64>, lang: Lang) -> String {
    r.map_or_else(
        || "–".into(),
        |r| format!("{}%", signed(r * 100.0, 1, lang)),
    )
}

/// `+12`, `−3,5`, `0`: the sign written, zero without one.
fn signed(v: f64, decimals: usize, lang: Lang) -> String {
    let text = lang.number(v.abs(), decimals);
    if text.chars().all(|c| !c.is_ascii_digit() || c == '0') {
        text
    } else if v > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
    }
}
