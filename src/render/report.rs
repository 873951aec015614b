//! One report on disk: the workbook, the charts, the page and `kpi.json`, named in the output
//! language.
//! Everything is computed before the first file is written, and every file is written to a
//! temporary name and renamed, so a failed run leaves no half-written report.

use super::charts::{self, Bar, ChartText, ControlChart, ControlLimits, Palette, ParetoPanel};
use super::output::write_atomic;
use super::page::{self, Chart, ChartKind, PageInput};
use super::workbook::{self, Provenance, WorkbookInput};
use crate::error::{Error, Result};
use crate::metrics::model::Figures;
use crate::metrics::signals::SignalUnit;
use crate::register::Finding;
use crate::register::{Register, Urgency};
use crate::Lang;
use std::path::{Path, PathBuf};

/// What to write and where.
pub struct ReportOutput<'a> {
    pub dir: &'a Path,
    pub inputs: &'a [PathBuf],
    pub figures: &'a Figures,
    pub register: &'a Register,
    pub findings: &'a [Finding],
    pub lang: Lang,
    pub show_names: bool,
    pub provenance: &'a Provenance,
}

/// The files written, for the terminal summary.
pub struct Written {
    pub workbook: PathBuf,
    /// The management-review page.
    pub page: PathBuf,
    pub kpi: PathBuf,
    pub charts: Vec<PathBuf>,
}

/// The workbook's file name for a period label.
pub fn workbook_name(label: &str, lang: Lang) -> String {
    format!(
        "{}-{}.xlsx",
        lang.pick("klachtenrapport", "complaints-report"),
        label.replace("..", "_")
    )
}

/// Writes the workbook, the charts, the page and `kpi.json` into `out.dir`.
pub fn write(out: &ReportOutput) -> Result<Written> {
    let lang = out.lang;
    let kpi_text =
        serde_json::to_string_pretty(&out.figures.kpi).map_err(|e| Error::output(out.dir, e))?;
    std::fs::create_dir_all(out.dir).map_err(|e| Error::output(out.dir, e))?;

    let workbook_path = out
        .dir
        .join(workbook_name(&out.figures.kpi.period.label, lang));
    let input = WorkbookInput {
        figures: out.figures,
        register: out.register,
        findings: out.findings,
        lang,
        show_names: out.show_names,
        provenance: out.provenance,
    };
    write_atomic(&workbook_path, out.inputs, |tmp| {
        workbook::write_workbook(tmp, &input)
    })?;

    let chart_dir = out.dir.join(lang.pick("grafieken", "charts"));
    std::fs::create_dir_all(&chart_dir).map_err(|e| Error::output(&chart_dir, e))?;
    let drawn = write_charts(&chart_dir, out.figures, lang)?;
    // The page embeds the SVGs as written beside it.
    let mut charts = Vec::new();
    let mut page_charts = Vec::new();
    for (kind, title, paths) in drawn {
        if let Some(svg) = paths
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "svg"))
        {
            let text = std::fs::read_to_string(svg).map_err(|e| Error::io(svg, &e))?;
            page_charts.push(Chart {
                kind,
                title,
                svg: text,
            });
        }
        charts.extend(paths);
    }
    let page_path = out
        .dir
        .join(page::page_name(&out.figures.kpi.period.label, lang));
    let html = page::render(&PageInput {
        figures: out.figures,
        register: out.register,
        lang,
        show_names: out.show_names,
        provenance: out.provenance,
        charts: &page_charts,
    });
    write_atomic(&page_path, out.inputs, |tmp| {
        std::fs::write(tmp, html).map_err(|e| Error::output(tmp, e))
    })?;

    let kpi_path = out.dir.join("kpi.json");
    write_atomic(&kpi_path, out.inputs, |tmp| {
        std::fs::write(tmp, format!("{kpi_text}\n")).map_err(|e| Error::output(tmp, e))
    })?;
    Ok(Written {
        workbook: workbook_path,
        page: page_path,
        kpi: kpi_path,
        charts,
    })
}

/// A chart written: which one, its title, its files.
type Drawn = (ChartKind, String, Vec<PathBuf>);

/// The five charts of SPEC §6, the causes by failure cost (SPEC §5) and the signals' control
/// chart of SPEC §10.
fn write_charts(dir: &Path, f: &Figures, lang: Lang) -> Result<Vec<Drawn>> {
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_string();
    let label = &f.kpi.period.label;
    let mut written = Vec::new();

    let urgency_label = |u: Option<Urgency>| match u {
        Some(u) => format!("{}", u.number()),
        None => t("ongecl.", "unclass."),
    };
    let bars: Vec<Bar> = f
        .kpi
        .by_urgency
        .iter()
        .map(|r| Bar {
            label: urgency_label(r.urgency),
            values: vec![r.received as f64, r.closed as f64, r.open_at_end as f64],
            color: None,
            missing: None,
        })
        .collect();
    let text = ChartText::new(
        lang,
        &format!(
            "{} — {label}",
            t(
                "Klachten per urgentiecategorie",
                "Complaints per urgency category"
            )
        ),
        &t("urgentiecategorie", "urgency category"),
        &t("aantal klachten", "number of complaints"),
    );
    let files = charts::bar_chart(
        &dir.join(t("urgentie", "urgency")),
        &text,
        &[
            t("ontvangen", "received"),
            t("afgehandeld", "closed"),
            t("open einde periode", "open at end"),
        ],
        &bars,
    )?;
    written.push((ChartKind::Urgency, text.title, files));

    let months: Vec<String> = f.tables.monthly.iter().map(|m| m.month.clone()).collect();
    let series = |get: fn(&crate::metrics::model::MonthRow) -> u64| {
        f.tables
            .monthly
            .iter()
            .map(|m| get(m) as f64)
            .collect::<Vec<f64>>()
    };
    let text = ChartText::new(
        lang,
        &format!(
            "{} ({} {})",
            t(
                "Ontvangen en afgehandeld per maand",
                "Received and closed per month"
            ),
            months.len(),
            if months.len() == 1 {
                t("maand", "month")
            } else {
                t("maanden", "months")
            }
        ),
        &t("maand", "month"),
        &t("aantal klachten", "number of complaints"),
    );
    let files = charts::line_chart(
        &dir.join("trend"),
        &text,
        &months,
        &[
            (t("ontvangen", "received"), series(|m| m.received)),
            (t("afgehandeld", "closed"), series(|m| m.closed)),
            (
                t("ontvangen technisch", "received technical"),
                series(|m| m.received_technical),
            ),
            (
                t("ontvangen niet-technisch", "received non-technical"),
                series(|m| m.received_non_technical),
            ),
        ],
    )?;
    written.push((ChartKind::Trend, text.title, files));

    let handling: Vec<Bar> = f
        .tables
        .times_by_urgency
        .iter()
        .filter_map(|row| match row.group {
            // A missing median or p90 draws no bar, and the chart says why: never a 0.
            crate::metrics::model::TimeGroup::Urgency(u) => Some(Bar {
                label: urgency_label(u),
                values: vec![
                    row.handling_wd.median.unwrap_or(f64::NAN),
                    row.handling_wd.p90.map_or(f64::NAN, |v| v as f64),
                ],
                color: None,
                missing: match (row.handling_wd.n, row.handling_wd.p90) {
                    (0, _) => Some(t("geen (n = 0)", "none (n = 0)")),
                    (n, None) => Some(format!("{} (n = {n})", t("n te klein", "n too small"))),
                    (_, Some(_)) => None,
                },
            }),
            _ => None,
        })
        .collect();
    let text = ChartText::new(
        lang,
        &format!(
            "{} — {label}",
            t(
                "Doorlooptijd per urgentie (werkdagen)",
                "Handling time per urgency (working days)"
            )
        ),
        &t("urgentiecategorie", "urgency category"),
        &t("werkdagen", "working days"),
    );
    let files = charts::bar_chart(
        &dir.join(t("doorlooptijden", "handling-times")),
        &text,
        &[t("mediaan", "median"), t("p90", "p90")],
        &handling,
    )?;
    written.push((ChartKind::HandlingTimes, text.title, files));

    // Technical and non-technical apart, as on *Oorzaken*: a cause written with both natures
    // stands once in each panel. The panel of causes without a nature only when it has any.
    let items = |rows: &[crate::metrics::model::ParetoRow]| {
        rows.iter()
            .map(|r| (r.cause.clone(), r.count as f64))
            .collect::<Vec<_>>()
    };
    let mut panels = vec![
        ParetoPanel {
            label: t("technisch", "technical"),
            color: Palette::nature(true),
            items: items(&f.tables.pareto_technical),
        },
        ParetoPanel {
            label: t("niet-technisch", "non-technical"),
            color: Palette::nature(false),
            items: items(&f.tables.pareto_non_technical),
        },
    ];
    if !f.tables.pareto_unknown_nature.is_empty() {
        panels.push(ParetoPanel {
            label: t("aard onbekend", "nature unknown"),
            color: Palette::urgency(None),
            items: items(&f.tables.pareto_unknown_nature),
        });
    }
    let text = ChartText::new(
        lang,
        &format!(
            "{} — {label}",
            t(
                "Oorzaken (Pareto), aantal klachten per aard",
                "Causes (Pareto), number of complaints per nature"
            )
        ),
        &t("oorzaak", "cause"),
        &t("aantal klachten", "number of complaints"),
    );
    let files = charts::pareto_panels(
        &dir.join(t("oorzaken-pareto", "causes-pareto")),
        &text,
        &panels,
        &t("cumulatief %", "cumulative %"),
    )?;
    written.push((ChartKind::Causes, text.title, files));

    // The causes by what they cost, beside the ones by count (whole euros on the bars).
    let costs: Vec<(String, f64)> = f
        .kpi
        .cost
        .by_cause
        .iter()
        .map(|c| {
            let cause = c.cause_label(lang);
            (cause, (c.total.euros()).round())
        })
        .collect();
    let text = ChartText::new(
        lang,
        &format!(
            "{} — {label}",
            t(
                "Oorzaken naar faalkosten (Pareto), afgehandelde klachten",
                "Causes by failure cost (Pareto), complaints closed"
            )
        ),
        &t("oorzaak", "cause"),
        &t("faalkosten (euro)", "failure costs (euros)"),
    );
    let files = charts::pareto_chart(
        &dir.join(t("faalkosten-pareto", "failure-costs-pareto")),
        &text,
        &costs,
        &t("cumulatief %", "cumulative %"),
    )?;
    written.push((ChartKind::Costs, text.title, files));

    let ageing: Vec<Bar> = f
        .tables
        .age_buckets
        .iter()
        .map(|b| Bar {
            label: b.label.to_string(),
            values: vec![b.open as f64, b.overdue as f64],
            color: None,
            missing: None,
        })
        .collect();
    let text = ChartText::new(
        lang,
        &format!(
            "{} {}",
            t(
                "Ouderdom openstaande klachten op",
                "Age of open complaints at"
            ),
            f.kpi.period.as_of.format("%d-%m-%Y")
        ),
        &t("leeftijd (werkdagen)", "age (working days)"),
        &t("aantal klachten", "number of complaints"),
    );
    let files = charts::bar_chart(
        &dir.join(t("ouderdom-open", "open-ageing")),
        &text,
        &[t("open", "open"), t("achterstallig", "overdue")],
        &ageing,
    )?;
    written.push((ChartKind::Ageing, text.title, files));

    written.push(signal_chart(dir, f, lang)?);
    Ok(written)
}

/// The control chart of all complaints received: baseline and P, centre line, limits,
/// signals; a c-chart of the counts, or with the company's volume a u-chart of the rate.
fn signal_chart(dir: &Path, f: &Figures, lang: Lang) -> Result<Drawn> {
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_string();
    let chart = &f.tables.signal_chart;
    let num = |v: f64| lang.number(v, 1);
    let rate = chart.unit == SignalUnit::Rate;
    let limits = chart.centre.map(|centre| match chart.fixed_limits() {
        Some(l) => ControlLimits::Fixed(l),
        None => ControlLimits::PerMonth {
            centre,
            months: chart.months.iter().map(|m| m.limits).collect(),
        },
    });
    let limits_name = match &limits {
        Some(ControlLimits::Fixed(l)) => match l.lcl {
            Some(lcl) => format!("{} {} – {}", t("grenzen", "limits"), num(lcl), num(l.ucl)),
            None => format!("{} {}", t("bovengrens", "upper limit"), num(l.ucl)),
        },
        Some(ControlLimits::PerMonth { months, .. }) => {
            if months.iter().flatten().any(|l| l.lcl.is_some()) {
                t("grenzen per maand", "limits per month")
            } else {
                t("bovengrens per maand", "upper limit per month")
            }
        }
        None => String::new(),
    };
    let (what, y_label) = if rate {
        (
            t(
                "klachten per 1.000 werkbonnen (u-kaart)",
                "complaints per 1,000 work orders (u-chart)",
            ),
            t(
                "klachten per 1.000 werkbonnen",
                "complaints per 1,000 work orders",
            ),
        )
    } else {
        (
            t(
                "ontvangen klachten per maand (c-kaart)",
                "complaints received per month (c-chart)",
            ),
            t("aantal klachten", "number of complaints"),
        )
    };
    let mut title = format!(
        "{}: {what} — {}",
        t("Signalen", "Signals"),
        f.kpi.period.label
    );
    if chart.centre.is_none() {
        // Too little history: say so where the limits would be looked for.
        title.push_str(&match lang {
            Lang::Nl => format!(", te weinig historie ({} mnd)", chart.history),
            Lang::En => format!(", too little history ({} mo)", chart.history),
        });
    }
    let control = ControlChart {
        months: chart.months.iter().map(|m| m.month.clone()).collect(),
        values: chart
            .months
            .iter()
            .map(|m| m.value.unwrap_or(f64::NAN))
            .collect(),
        unit: chart.unit,
        period_from: chart.baseline,
        limits,
        flagged: chart.months.iter().map(|m| !m.signals.is_empty()).collect(),
        names: [
            if rate {
                t("per 1.000 werkbonnen", "per 1,000 work orders")
            } else {
                t("ontvangen", "received")
            },
            format!(
                "{} {}",
                t("gemiddeld", "mean"),
                chart.centre.map_or_else(String::new, num)
            ),
            limits_name,
            t("signaal", "signal"),
            format!("{} {}", t("periode", "period"), f.kpi.period.label),
        ],
    };
    let text = ChartText::new(lang, &title, &t("maand", "month"), &y_label);
    let files = charts::control_chart(&dir.join(t("signalen", "signals")), &text, &control)?;
    Ok((ChartKind::Signals, text.title, files))
}
