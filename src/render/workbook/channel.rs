//! Sheet 3, *Kanaal en aard*: how complaints arrived and whether they were technical, with
//! shares and charts; then per department and, with several input files, per file.

use super::layout::{Cell, Column, Sheet, Style};
use super::native::{self, Series};
use super::{channel_label, nature_label, not_recorded, Report};
use crate::metrics::model::{CountShare, GroupRow, RateRow};
use crate::register::Nature;
use crate::render::charts::Palette;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let lang = r.lang;
    let k = &r.figures().kpi;
    let t = &r.figures().tables;
    let mut s = r.sheet(
        ws,
        2,
        r.t(
            "Klachten per kanaal en aard (technisch / niet-technisch)",
            "Complaints per channel and nature (technical / non-technical)",
        ),
    )?;
    let name = s.name;
    let received = format!("{} {}", r.t("ontvangen in", "received in"), k.period.label);

    s.heading(&format!(
        "{} ({received})",
        r.t("Per kanaal", "Per channel")
    ))?;
    let channels = shares(
        r,
        &mut s,
        r.t("Kanalen", "Channels"),
        r.t("Kanaal", "Channel"),
        &t.by_channel,
        |c| channel_label(*c, lang),
    )?;
    s.chart(
        channels.header_row - 1,
        native::columns(
            &format!(
                "{} — {}",
                r.t("Ontvangen per kanaal", "Received per channel"),
                k.period.label
            ),
            "",
            r.t("aantal klachten", "number of complaints"),
            channels.range(name, 0),
            &[Series::nth(
                0,
                r.t("ontvangen", "received"),
                channels.range(name, 1),
            )],
        ),
    );
    s.gap();

    s.heading(&format!("{} ({received})", r.t("Per aard", "Per nature")))?;
    let natures = shares(
        r,
        &mut s,
        r.t("Aard", "Nature"),
        r.t("Aard", "Nature"),
        &t.by_nature,
        |n| nature_label(*n, lang),
    )?;
    let colors: Vec<_> = t
        .by_nature
        .iter()
        .map(|n| match n.key {
            Some(n) => Palette::nature(n == Nature::Technical),
            None => Palette::urgency(None),
        })
        .collect();
    s.chart(
        natures.header_row - 1,
        native::pie(
            &format!(
                "{} — {}",
                r.t("Technisch en niet-technisch", "Technical and non-technical"),
                k.period.label
            ),
            natures.range(name, 0),
            natures.range(name, 1),
            &colors,
        ),
    );
    s.gap();

    s.heading(r.t("Per afdeling", "Per department"))?;
    if t.by_department.iter().any(|g| g.name.is_some()) {
        groups(
            r,
            &mut s,
            r.t("Afdelingen", "Departments"),
            r.t("Afdeling", "Department"),
            &t.by_department,
        )?;
    } else {
        s.note(r.t(
            "Het register legt geen afdeling vast.",
            "The register records no department.",
        ))?;
    }
    let rates = k.rate_per_1000.as_ref().map(|v| &v.by_department);
    if let Some(rates) = rates.filter(|d| !d.is_empty()) {
        s.gap();
        department_rates(r, &mut s, rates)?;
    }
    if t.by_file.len() > 1 {
        s.gap();
        s.heading(r.t("Per invoerbestand", "Per input file"))?;
        groups(
            r,
            &mut s,
            r.t("Bestanden", "Files"),
            r.t("Bestand", "File"),
            &t.by_file,
        )?;
    }
    s.finish()
}

/// Complaints received in P per 1,000 work orders of each department the volume names.
fn department_rates(r: &Report, s: &mut Sheet, rates: &[RateRow]) -> Result<(), XlsxError> {
    let label = &r.figures().kpi.period.label;
    s.heading(&format!(
        "{} ({} {label})",
        r.t(
            "Klachten per 1.000 werkbonnen per afdeling",
            "Complaints per 1,000 work orders per department"
        ),
        r.t("ontvangen in", "received in"),
    ))?;
    let columns = [
        Column::capped(r.t("Afdeling", "Department"), 40.0),
        Column::new(r.t("Werkbonnen", "Work orders")),
        Column::new(r.t("Ontvangen", "Received")),
        Column::new(r.t("Per 1.000 werkbonnen", "Per 1,000 work orders")),
    ];
    let cells: Vec<Vec<Cell>> = rates
        .iter()
        .map(|d| {
            vec![
                Cell::text(d.department.as_str()),
                Cell::num(d.work_orders.map(|n| n as f64), Style::Count),
                Cell::count(d.complaints),
                Cell::days(d.rate),
            ]
        })
        .collect();
    s.table(
        r.t("PerAfdelingWerkbonnen", "PerDepartmentWorkOrders"),
        &columns,
        cells,
    )?;
    s.note(r.t(
        "Afdelingen zoals het werkbonnenbestand ze noemt; een klacht telt mee bij de afdeling met dezelfde naam (hoofdletters, accenten, spaties en leestekens tellen niet). Geen cijfer waar een maand van de periode geen werkbonnen heeft.",
        "Departments as the work-orders file names them; a complaint counts under the department of the same name (case, accents, spaces and punctuation aside). No rate where a month of the period has no work orders.",
    ))
}

/// A count-and-share table with a total line.
fn shares<K>(
    r: &Report,
    s: &mut Sheet,
    table: &str,
    key: &str,
    rows: &[CountShare<K>],
    label: impl Fn(&K) -> &'static str,
) -> Result<super::layout::Charted, XlsxError> {
    let columns = [
        Column::new(key),
        Column::new(r.t("Ontvangen", "Received")),
        Column::new(r.t("Aandeel", "Share")),
    ];
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|c| {
            vec![
                Cell::text(label(&c.key)),
                Cell::count(c.count),
                Cell::share(c.share),
            ]
        })
        .collect();
    let placed = s.chart_table(table, &columns, cells)?;
    let total: u64 = rows.iter().map(|c| c.count).sum();
    s.total_row(&[
        Cell::text(r.t("Totaal", "Total")),
        Cell::count(total),
        Cell::share((total > 0).then_some(1.0)),
    ])?;
    Ok(placed)
}

/// Received, closed, open, overdue and median handling time per department or file.
fn groups(
    r: &Report,
    s: &mut Sheet,
    table: &str,
    key: &str,
    rows: &[GroupRow],
) -> Result<(), XlsxError> {
    let columns = [
        Column::capped(key, 40.0),
        Column::new(r.t("Ontvangen", "Received")),
        Column::new(r.t("Afgehandeld", "Closed")),
        Column::new(r.t("Open einde periode", "Open at end")),
        Column::new(r.t("Achterstallig op peildatum", "Overdue at reference date")),
        Column::new(r.t(
            "Mediaan doorlooptijd (werkdagen)",
            "Median handling time (working days)",
        )),
    ];
    let cells: Vec<Vec<Cell>> = rows.iter().map(|g| group_cells(g, r.lang)).collect();
    s.table(table, &columns, cells)?;
    Ok(())
}

/// One [`GroupRow`] as cells (also used for handlers on the overdue sheet).
pub fn group_cells(g: &GroupRow, lang: crate::Lang) -> Vec<Cell> {
    vec![
        Cell::text(g.name.as_deref().unwrap_or(not_recorded(lang))),
        Cell::count(g.received),
        Cell::count(g.closed),
        Cell::count(g.open_at_end),
        Cell::count(g.overdue),
        Cell::days(g.handling_wd_median),
    ]
}
