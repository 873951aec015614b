//! Sheet 6, *Oorzaken*: the causes as Pareto tables (technical and non-technical apart, with a
//! Pareto chart each), a Pareto by failure cost beside them, a Pareto by the cause list's
//! headings and the effect of corrective actions (when the list has them), the causes that
//! recur over the last four quarters, the repeat complainants (pseudonymised unless names
//! were asked for) and the spellings per cause.

use super::layout::{Cell, Charted, Column, Sheet, Style};
use super::native::{self, Series};
use super::{day, nature_label, span, Report};
use crate::metrics::model::{ActionWindow, ParetoRow};
use crate::metrics::stats::round2;
use crate::render::charts::Palette;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Causes drawn in a Pareto chart; the table lists them all.
const CHART_CAUSES: u32 = 10;

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let k = &r.figures().kpi;
    let t = &r.figures().tables;
    let mut s = r.sheet(ws, 5, r.t("Oorzaken van klachten", "Causes of complaints"))?;
    s.note(r.t(
        "Oorzaken samengevoegd over schrijfwijzen (hoofdletters, accenten, leestekens, een toevoeging tussen haakjes, spaties in samenstellingen, woordvolgorde, één tikfout in een woord van 8+ letters) en de eigen oorzakenlijst; onderaan de schrijfwijzen per oorzaak. Over de klachten ontvangen in de periode met een oorzaak.",
        "Causes grouped over their spellings (case, accents, punctuation, a qualifier in brackets, spaces in compounds, word order, one typing slip in a word of 8+ letters) and the company's cause list; the spellings per cause at the bottom. Over the complaints received in the period with a cause.",
    ))?;
    s.gap();

    let received = format!("{} {}", r.t("ontvangen in", "received in"), k.period.label);
    let paretos = [
        (
            r.t("Technische oorzaken", "Technical causes"),
            r.t("OorzakenTechnisch", "CausesTechnical"),
            &t.pareto_technical,
            Palette::nature(true),
        ),
        (
            r.t("Niet-technische oorzaken", "Non-technical causes"),
            r.t("OorzakenNietTechnisch", "CausesNonTechnical"),
            &t.pareto_non_technical,
            Palette::nature(false),
        ),
    ];
    for (title, table, rows, colour) in paretos {
        s.heading(&format!("{title} ({received})"))?;
        pareto(r, &mut s, title, table, rows, colour)?;
        s.gap();
    }
    if !t.pareto_unknown_nature.is_empty() {
        let title = r.t(
            "Oorzaken, aard niet vastgelegd",
            "Causes, nature not recorded",
        );
        s.heading(&format!("{title} ({received})"))?;
        pareto(
            r,
            &mut s,
            title,
            r.t("OorzakenAardOnbekend", "CausesNatureUnknown"),
            &t.pareto_unknown_nature,
            Palette::urgency(None),
        )?;
        s.gap();
    }
    cost_pareto(r, &mut s)?;
    headings(r, &mut s, &received)?;
    actions(r, &mut s)?;

    let quarters = &t.recurring_quarters;
    s.heading(&match (quarters.first(), quarters.last()) {
        (Some(a), Some(b)) => format!(
            "{} ({} {})",
            r.t(
                "Terugkerende oorzaken in de laatste vier kwartalen",
                "Recurring causes in the last four quarters"
            ),
            r.t("ontvangen", "received"),
            span(a.start, b.end, r.lang)
        ),
        _ => r
            .t(
                "Terugkerende oorzaken in de laatste vier kwartalen",
                "Recurring causes in the last four quarters",
            )
            .to_string(),
    })?;
    s.note(r.t(
        "Terugkerend: in twee of meer van de vier kwartalen. Terugkerende oorzaken eerst.",
        "Recurring: in two or more of the four quarters. Recurring causes first.",
    ))?;
    let mut columns = vec![
        Column::capped(r.t("Oorzaak", "Cause"), 50.0),
        Column::new(r.t("Aard", "Nature")),
    ];
    columns.extend(quarters.iter().map(|q| Column::new(q.label.clone())));
    columns.extend([
        Column::new(r.t("Totaal", "Total")),
        Column::new(r.t("Kwartalen", "Quarters")),
        Column::new(r.t("Terugkerend", "Recurring")),
    ]);
    let rows = t.recurring_causes.iter().map(|c| {
        let mut cells = vec![
            Cell::text(c.cause.as_str()),
            Cell::text(nature_label(c.nature, r.lang)),
        ];
        cells.extend(c.counts.iter().map(|n| Cell::count(*n)));
        cells.extend([
            Cell::count(c.total),
            Cell::count(c.quarters),
            if c.recurring {
                Cell::marked(r.t("ja", "yes"), Style::Warning)
            } else {
                Cell::text(r.t("nee", "no"))
            },
        ]);
        cells
    });
    s.table(
        r.t("TerugkerendeOorzaken", "RecurringCauses"),
        &columns,
        rows,
    )?;
    s.gap();

    let w = &t.repeat_window;
    s.heading(&format!(
        "{} ({})",
        r.t(
            "Herhaalklagers: twee of meer klachten in 12 maanden",
            "Repeat complainants: two or more complaints in 12 months"
        ),
        span(w.start, w.end, r.lang)
    ))?;
    if !r.input.show_names {
        s.note(r.t(
            "Klantnamen zijn vervangen door een vast pseudoniem (K-…); hetzelfde in elk rapport. Namen tonen: klacht report --show-names.",
            "Customer names are replaced by a fixed pseudonym (K-…), the same in every report. To show names: klacht report --show-names.",
        ))?;
    }
    let columns = [
        Column::capped(r.t("Klant", "Customer"), 40.0),
        Column::new(r.t("Klachten", "Complaints")),
        Column::new(r.t("Eerste", "First")),
        Column::new(r.t("Laatste", "Last")),
        Column::capped(r.t("Klachtnummers", "Complaint numbers"), 50.0),
    ];
    let rows = t.repeat_complainants.iter().map(|c| {
        vec![
            Cell::text(c.customer.as_str()),
            Cell::count(c.complaints),
            Cell::Date(c.first_received),
            Cell::Date(c.last_received),
            Cell::text(c.ids.join(", ")),
        ]
    });
    s.table(r.t("Herhaalklagers", "RepeatComplainants"), &columns, rows)?;
    s.gap();

    // What the grouping merged, so that an auditor can see it (SPEC §10).
    s.heading(&format!(
        "{} ({received})",
        r.t("Schrijfwijzen per oorzaak", "Spellings per cause")
    ))?;
    s.note(r.t(
        "Elke oorzaak met de schrijfwijzen die samen geteld zijn, de vaakst geschreven eerst.",
        "Each cause with the spellings counted together, the most written first.",
    ))?;
    let columns = [
        Column::capped(r.t("Oorzaak", "Cause"), 50.0),
        Column::capped(r.t("Schrijfwijze", "Spelling"), 50.0),
        Column::new(r.t("Aantal", "Count")),
    ];
    let rows = k.cause_groups.iter().flat_map(|g| {
        g.spellings.iter().map(move |sp| {
            vec![
                Cell::text(g.cause.as_str()),
                Cell::text(sp.text.as_str()),
                Cell::count(sp.count),
            ]
        })
    });
    s.table(r.t("Schrijfwijzen", "Spellings"), &columns, rows)?;
    s.finish()
}

/// One Pareto table with its chart (the first [`CHART_CAUSES`] causes).
fn pareto(
    r: &Report,
    s: &mut Sheet,
    title: &str,
    table: &str,
    rows: &[ParetoRow],
    colour: plotters::style::RGBColor,
) -> Result<(), XlsxError> {
    let columns = [
        Column::capped(r.t("Oorzaak", "Cause"), 50.0),
        Column::new(r.t("Aantal", "Count")),
        Column::new(r.t("Aandeel", "Share")),
        Column::new(r.t("Cumulatief", "Cumulative")),
    ];
    let cells = rows.iter().map(|p| {
        vec![
            Cell::text(p.cause.as_str()),
            Cell::count(p.count),
            Cell::share(Some(p.share)),
            Cell::share(Some(p.cumulative_share)),
        ]
    });
    let placed = s.chart_table(table, &columns, cells)?;
    let (bars, y) = (
        r.t("aantal", "count"),
        r.t("aantal klachten", "number of complaints"),
    );
    pareto_chart(r, s, &placed, title, (bars, y, 1, 3), colour);
    Ok(())
}

/// The chart of a Pareto table just written: the bars of column `value` (named `bars`, on
/// an axis named `y`) and the cumulative share of column `cumulative`, first
/// [`CHART_CAUSES`] rows, the categories in column 0.
fn pareto_chart(
    r: &Report,
    s: &mut Sheet,
    placed: &Charted,
    title: &str,
    (bars, y, value, cumulative): (&str, &str, u16, u16),
    colour: plotters::style::RGBColor,
) {
    if placed.rows == 0 {
        return;
    }
    let name = s.name;
    let top = |col| placed.range_top(name, col, CHART_CAUSES);
    s.chart(
        placed.header_row - 1,
        native::pareto(
            &format!("{title} — {}", r.figures().kpi.period.label),
            y,
            top(0),
            Series::new(bars, top(value), colour),
            Series::nth(2, r.t("cumulatief %", "cumulative %"), top(cumulative)),
        ),
    );
}

/// The Pareto of the cause groups by failure cost, beside the ones by count: the causes that
/// cost most are often not the most frequent (SPEC §5). Over the complaints closed in P.
fn cost_pareto(r: &Report, s: &mut Sheet) -> Result<(), XlsxError> {
    let k = &r.figures().kpi;
    let title = r.t("Oorzaken naar faalkosten", "Causes by failure cost");
    s.heading(&format!(
        "{title} ({} {})",
        r.t("afgehandeld in", "closed in"),
        k.period.label
    ))?;
    s.note(r.t(
        "Som van de kosten per oorzaak, over de klachten afgehandeld in de periode met een bedrag; de kosten zonder oorzaak onderaan. Totalen en de verdeling per aard, urgentie en afdeling: blad Faalkosten.",
        "Sum of the costs per cause, over the complaints closed in the period with an amount; the costs without a cause at the bottom. Totals and the split by nature, urgency and department: the Failure costs sheet.",
    ))?;
    let columns = [
        Column::capped(r.t("Oorzaak", "Cause"), 50.0),
        Column::new(r.t("Faalkosten", "Failure costs")),
        Column::new(r.t("Aandeel", "Share")),
        Column::new(r.t("Cumulatief", "Cumulative")),
        Column::new(r.t("Aard", "Nature")),
        Column::new(r.t("Klachten met kosten", "Complaints with a cost")),
    ];
    let cells = k.cost.by_cause.iter().map(|c| {
        vec![
            Cell::text(c.cause_label(r.lang)),
            Cell::money(Some(c.total)),
            Cell::share(c.share),
            Cell::share(c.key.cumulative_share),
            Cell::text(nature_label(c.key.nature, r.lang)),
            Cell::count(c.n),
        ]
    });
    let placed = s.chart_table(r.t("OorzakenFaalkosten", "CausesByCost"), &columns, cells)?;
    let (bars, y) = (r.t("faalkosten", "failure costs"), r.t("euro", "euros"));
    pareto_chart(r, s, &placed, title, (bars, y, 1, 3), Palette::series(0));
    s.gap();
    Ok(())
}

/// The Pareto by the cause list's headings (`group = "…"`), when the list gives any.
fn headings(r: &Report, s: &mut Sheet, received: &str) -> Result<(), XlsxError> {
    let k = &r.figures().kpi;
    if k.cause_headings.is_empty() {
        return Ok(());
    }
    let title = r.t("Oorzaken per hoofdgroep", "Causes by heading");
    s.heading(&format!("{title} ({received})"))?;
    s.note(r.t(
        "Hoofdgroep: de `group` van de oorzaak in de eigen oorzakenlijst (klacht.toml); oorzaken die niet of zonder hoofdgroep in de lijst staan, vallen onder overige.",
        "Heading: the cause's `group` in the company's cause list (klacht.toml); causes not in the list, or in it without a group, fall under other.",
    ))?;
    let rows: Vec<ParetoRow> = k
        .cause_headings
        .iter()
        .map(|h| ParetoRow {
            cause: h
                .heading
                .clone()
                .unwrap_or_else(|| r.t("overige", "other").to_string()),
            count: h.count,
            share: h.share,
            cumulative_share: h.cumulative_share,
        })
        .collect();
    let table = r.t("OorzakenHoofdgroep", "CausesByHeading");
    pareto(r, s, title, table, &rows, Palette::series(0))?;
    s.gap();
    Ok(())
}

/// The effect of corrective actions: per listed cause with an action date, its complaints
/// before and after side by side. Numbers only, no verdict.
fn actions(r: &Report, s: &mut Sheet) -> Result<(), XlsxError> {
    let k = &r.figures().kpi;
    if k.cause_actions.is_empty() {
        return Ok(());
    }
    s.heading(r.t("Effect van maatregelen", "Effect of corrective actions"))?;
    s.note(r.t(
        "Klachten van de oorzaak (alle schrijfwijzen en aarden) ontvangen in de 12 maanden vóór de datum van de maatregel en vanaf die datum tot het einde van de periode. Een deel van een maand telt naar rato van zijn dagen.",
        "Complaints of the cause (all spellings and natures) received in the 12 months before the action's date and from that date to the end of the period. Part of a month counts by its share of days.",
    ))?;
    let (before, after) = (r.t("Vóór", "Before"), r.t("Na", "After"));
    let mut columns = vec![
        Column::capped(r.t("Oorzaak", "Cause"), 40.0),
        Column::capped(r.t("Maatregel", "Action"), 50.0),
        Column::new(r.t("Datum maatregel", "Action date")),
    ];
    for side in [before, after] {
        columns.extend([
            Column::new(format!("{side}: {}", r.t("periode", "period"))),
            Column::new(format!("{side}: {}", r.t("klachten", "complaints"))),
            Column::new(format!("{side}: {}", r.t("maanden", "months"))),
            Column::new(format!("{side}: {}", r.t("per maand", "per month"))),
        ]);
    }
    let side = |w: &ActionWindow| {
        let period = if w.to < w.from {
            format!("{} {}", r.t("vanaf", "from"), day(w.from))
        } else {
            span(w.from, w.to, r.lang)
        };
        [
            Cell::text(period),
            Cell::count(w.complaints),
            Cell::num(Some(round2(w.months)), Style::Decimals),
            Cell::num(w.per_month.map(round2), Style::Decimals),
        ]
    };
    let rows = k.cause_actions.iter().map(|a| {
        let mut cells = vec![
            Cell::text(a.cause.as_str()),
            Cell::opt_text(a.action.as_deref()),
            Cell::Date(a.action_date),
        ];
        cells.extend(side(&a.before));
        cells.extend(side(&a.after));
        cells
    });
    s.table(r.t("EffectMaatregelen", "ActionEffects"), &columns, rows)?;
    s.gap();
    Ok(())
}
