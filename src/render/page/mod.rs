//! The management-review page (SPEC §11): one self-contained HTML file beside the workbook, to
//! mail before the review, read on any device and print on A4 portrait.
//!
//! The page is made from the figures, the chart SVGs and the provenance, never from the
//! register's rows: only the complaints of the (capped) overdue list and the input files are
//! looked up. The markup is in [`template`], written with `maud`, which escapes every value it
//! is given: a description `<script>` shows as text. The charts go in as the SVG documents
//! written beside the page, whose texts the SVG writer escapes. Inline CSS, no script, nothing
//! fetched: the fonts are a list of metric-compatible faces (docs/decisions.md, issue 19).

mod summary;
mod template;
#[cfg(test)]
mod tests;

use crate::metrics::model::{Figures, OpenItem};
use crate::metrics::signals::{self, SignalUnit};
use crate::register::customer::pseudonym;
use crate::register::{Register, Urgency};
use crate::render::text::day;
use crate::render::workbook::Provenance;
use crate::Lang;

/// Complaints of the overdue list shown on the page, most days past target first; the
/// workbook's *Achterstallig* sheet has them all.
pub const OVERDUE_ROWS: usize = 50;
/// Causes of the recurring-causes table and cause groups of the spellings table on the page.
pub const CAUSE_ROWS: usize = 25;
/// Spellings shown per cause group.
const SPELLINGS: usize = 8;
/// Characters of a description shown in the overdue list.
const DESCRIPTION_CHARS: usize = 120;

/// The five charts of the report, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Urgency,
    Trend,
    HandlingTimes,
    Causes,
    /// The causes by failure cost (SPEC §5).
    Costs,
    Ageing,
    /// The control chart of the complaints received per month (SPEC §10): counts, or rates.
    Signals,
}

/// A chart as written beside the page: which one, its title, and its SVG document.
#[derive(Debug, Clone)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    pub svg: String,
}

/// What the page shows.
pub struct PageInput<'a> {
    pub figures: &'a Figures,
    pub register: &'a Register,
    pub lang: Lang,
    /// Customer names instead of pseudonyms (`--show-names`).
    pub show_names: bool,
    pub provenance: &'a Provenance,
    pub charts: &'a [Chart],
}

/// The page's file name for a period label: `klachtenrapport-2026-Q3.html`.
///
/// ```
/// use klacht::render::page::page_name;
/// use klacht::Lang;
/// assert_eq!(page_name("2026-Q3", Lang::En), "complaints-report-2026-Q3.html");
/// ```
pub fn page_name(label: &str, lang: Lang) -> String {
    format!(
        "{}-{}.html",
        lang.pick("klachtenrapport", "complaints-report"),
        label.replace("..", "_")
    )
}

/// The page as one HTML document.
pub fn render(input: &PageInput) -> String {
    let view = View::of(input);
    template::page(&view).into_string()
}

/// Everything the template shows, as texts in the output language. Register texts stay
/// plain text here: the template escapes them.
struct View<'a> {
    input: &'a PageInput<'a>,
    lang: Lang,
    title: String,
    summary: Vec<String>,
    /// The signals in words (SPEC §10), one line each; the page has a section for them.
    signals: Vec<String>,
    overdue: Vec<OverdueRow>,
}

/// One line of the overdue list.
struct OverdueRow {
    id: String,
    received: String,
    urgency: String,
    customer: String,
    description: String,
    handler: String,
    contact: String,
    age_wd: String,
    target: String,
    past: String,
}

impl<'a> View<'a> {
    fn of(input: &'a PageInput<'a>) -> View<'a> {
        let lang = input.lang;
        let k = &input.figures.kpi;
        let report = lang.pick("Klachtenrapport", "Complaints report");
        let title = match input.provenance.company.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() => format!("{report} {} — {c}", k.period.label),
            _ => format!("{report} {}", k.period.label),
        };
        View {
            input,
            lang,
            title,
            summary: summary::sentences(input.figures, lang),
            signals: signals::in_words(
                &input.figures.kpi.signals,
                &input.figures.tables.signal_chart,
                lang,
            ),
            overdue: input
                .figures
                .tables
                .overdue
                .iter()
                .take(OVERDUE_ROWS)
                .map(|item| overdue_row(item, input))
                .collect(),
        }
    }

    fn t(&self, nl: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(nl, en)
    }

    fn count(&self, n: u64) -> String {
        self.lang.number(n as f64, 0)
    }
}

fn overdue_row(item: &OpenItem, input: &PageInput) -> OverdueRow {
    let lang = input.lang;
    let complaint = input.register.complaints.get(item.index);
    let text = |v: Option<&str>| v.unwrap_or("").to_string();
    let customer = complaint
        .and_then(|c| c.customer.as_deref().or(c.customer_id.as_deref()))
        .map(|name| {
            if input.show_names {
                name.to_string()
            } else {
                pseudonym(name)
            }
        });
    let description = complaint
        .and_then(|c| c.description.as_deref())
        .map(|d| shorten(d, DESCRIPTION_CHARS));
    OverdueRow {
        id: item.id.clone(),
        received: day(item.received),
        urgency: urgency_code(item.urgency),
        customer: customer.unwrap_or_default(),
        description: description.unwrap_or_default(),
        handler: text(item.handler.as_deref()),
        contact: text(item.contact_person.as_deref()),
        age_wd: lang.number(item.age_wd as f64, 0),
        target: match (item.due_date, item.target_wd) {
            (Some(due), _) => day(due),
            (None, Some(wd)) => wd.to_string(),
            (None, None) => "–".into(),
        },
        past: item
            .days_past_target
            .map_or_else(|| "–".into(), |d| lang.number(d as f64, 0)),
    }
}

/// `1`…`8`, or `–` for unclassified.
fn urgency_code(u: Option<Urgency>) -> String {
    u.map_or_else(|| "–".into(), |u| u.number().to_string())
}

/// `text` with its white space collapsed, cut to `max` characters with "…".
fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The text alternative of a chart: what it shows, in numbers.
fn chart_description(kind: ChartKind, f: &Figures, lang: Lang) -> String {
    let n = |v: u64| lang.number(v as f64, 0);
    let k = &f.kpi;
    let t = |nl, en| lang.pick(nl, en);
    let urgency = |u: Option<Urgency>| match u {
        Some(u) => format!("{} {}", t("urgentie", "urgency"), u.number()),
        None => t("ongeclassificeerd", "unclassified").to_string(),
    };
    let parts: Vec<String> = match kind {
        ChartKind::Urgency => k
            .by_urgency
            .iter()
            .filter(|r| r.received + r.closed + r.open_at_end > 0)
            .map(|r| {
                format!(
                    "{}: {} {}, {} {}, {} {}",
                    urgency(r.urgency),
                    n(r.received),
                    t("ontvangen", "received"),
                    n(r.closed),
                    t("afgehandeld", "closed"),
                    n(r.open_at_end),
                    t("open", "open")
                )
            })
            .collect(),
        ChartKind::Trend => f
            .tables
            .monthly
            .iter()
            .map(|m| {
                format!(
                    "{}: {} {}, {} {}",
                    m.month,
                    n(m.received),
                    t("ontvangen", "received"),
                    n(m.closed),
                    t("afgehandeld", "closed")
                )
            })
            .collect(),
        ChartKind::HandlingTimes => f
            .tables
            .times_by_urgency
            .iter()
            .filter(|r| r.handling_wd.n > 0)
            .filter_map(|r| match r.group {
                crate::metrics::model::TimeGroup::Urgency(u) => Some(format!(
                    "{}: {} {}, p90 {} (n = {})",
                    urgency(u),
                    t("mediaan", "median"),
                    r.handling_wd
                        .median
                        .map_or_else(|| "–".into(), |m| lang.number(m, 1)),
                    r.handling_wd.p90.map_or_else(
                        || t("n te klein", "n too small").to_string(),
                        |p| lang.number(p as f64, 0)
                    ),
                    n(r.handling_wd.n)
                )),
                _ => None,
            })
            .collect(),
        ChartKind::Causes => [
            (&f.tables.pareto_technical, t("technisch", "technical")),
            (
                &f.tables.pareto_non_technical,
                t("niet-technisch", "non-technical"),
            ),
            (
                &f.tables.pareto_unknown_nature,
                t("aard onbekend", "nature unknown"),
            ),
        ]
        .iter()
        .flat_map(|(rows, nature)| {
            rows.iter()
                .take(5)
                .map(move |r| format!("{} ({nature}): {}", r.cause, n(r.count)))
        })
        .collect(),
        ChartKind::Costs => k
            .cost
            .by_cause
            .iter()
            .take(5)
            .map(|c| {
                let share = c.share.map_or_else(String::new, |s| {
                    format!(" ({})", crate::render::text::percent(s, lang))
                });
                format!("{}: {}{share}", c.cause_label(lang), c.total.text(lang))
            })
            .collect(),
        ChartKind::Ageing => f
            .tables
            .age_buckets
            .iter()
            .map(|b| {
                format!(
                    "{} {}: {} {}, {} {}",
                    b.label,
                    t("werkdagen", "working days"),
                    n(b.open),
                    t("open", "open"),
                    n(b.overdue),
                    t("achterstallig", "overdue")
                )
            })
            .collect(),
        ChartKind::Signals => {
            let chart = &f.tables.signal_chart;
            chart
                .months
                .iter()
                .map(|m| {
                    let flag = if m.signals.is_empty() {
                        ""
                    } else {
                        t(" (signaal)", " (signal)")
                    };
                    match (chart.unit, m.value) {
                        (SignalUnit::Count, _) => format!(
                            "{}: {} {}{flag}",
                            m.month,
                            n(m.received),
                            t("ontvangen", "received")
                        ),
                        (SignalUnit::Rate, Some(rate)) => format!(
                            "{}: {} {}{flag}",
                            m.month,
                            lang.number(rate, 1),
                            t("per 1.000 werkbonnen", "per 1,000 work orders")
                        ),
                        (SignalUnit::Rate, None) => {
                            format!("{}: {}", m.month, t("geen werkbonnen", "no work orders"))
                        }
                    }
                })
                .collect()
        }
    };
    if parts.is_empty() {
        t("Geen gegevens in deze periode.", "No data in this period.").to_string()
    } else {
        format!("{}.", parts.join("; "))
    }
}

/// The SVG document without its outer `<svg …>` tag, and its `viewBox`: the page writes its
/// own outer tag with the text alternative. `None` for a document that is not one `<svg>`.
fn svg_body(svg: &str) -> Option<(&str, &str)> {
    let open_end = svg.find('>')?;
    let open = &svg[..open_end];
    if !open.trim_start().starts_with("<svg") {
        return None;
    }
    let vb = open.find("viewBox=\"")? + "viewBox=\"".len();
    let view_box = &open[vb..vb + open[vb..].find('"')?];
    let close = svg.rfind("</svg>")?;
    Some((view_box, svg.get(open_end + 1..close)?))
}
