//! Sheet 4, *Achterstallig*: the open complaints by age, the backlog per handler, the open
//! urgency 1–2 escalations and the overdue list, most days past target first.

use super::layout::{Cell, Column, Sheet, Style};
use super::native::{self, Series};
use super::{day, Report};
use crate::metrics::model::OpenItem;
use crate::register::Field;
use rust_xlsxwriter::{
    ConditionalFormat3ColorScale, ConditionalFormatDataBar, Worksheet, XlsxError,
};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let k = &r.figures().kpi;
    let t = &r.figures().tables;
    let as_of = day(k.period.as_of);
    let mut s = r.sheet(
        ws,
        3,
        r.t(
            "Achterstallige en openstaande klachten",
            "Overdue and open complaints",
        ),
    )?;
    let name = s.name;

    s.heading(&format!(
        "{} {as_of}",
        r.t(
            "Open klachten naar leeftijd op",
            "Open complaints by age at"
        )
    ))?;
    let columns = [
        Column::new(r.t("Leeftijd (werkdagen)", "Age (working days)")),
        Column::new(r.t("Open", "Open")),
        Column::new(r.t("Waarvan achterstallig", "Of which overdue")),
    ];
    let rows: Vec<Vec<Cell>> = t
        .age_buckets
        .iter()
        .map(|b| {
            vec![
                Cell::text(b.label),
                Cell::count(b.open),
                Cell::count(b.overdue),
            ]
        })
        .collect();
    let buckets = s.chart_table(r.t("Leeftijd", "Age"), &columns, rows)?;
    s.total_row(&[
        Cell::text(r.t("Totaal", "Total")),
        Cell::count(t.age_buckets.iter().map(|b| b.open).sum()),
        Cell::count(t.age_buckets.iter().map(|b| b.overdue).sum()),
    ])?;
    s.chart(
        buckets.header_row - 1,
        native::columns(
            &format!(
                "{} {as_of}",
                r.t(
                    "Ouderdom openstaande klachten op",
                    "Age of open complaints at"
                )
            ),
            r.t("leeftijd (werkdagen)", "age (working days)"),
            r.t("aantal klachten", "number of complaints"),
            buckets.range(name, 0),
            &[
                Series::nth(0, r.t("open", "open"), buckets.range(name, 1)),
                Series::nth(1, r.t("achterstallig", "overdue"), buckets.range(name, 2)),
            ],
        ),
    );
    s.gap();

    s.heading(r.t("Per behandelaar", "Per handler"))?;
    let columns = [
        Column::capped(r.t("Behandelaar", "Handler"), 40.0),
        Column::new(r.t("Ontvangen", "Received")),
        Column::new(r.t("Afgehandeld", "Closed")),
        Column::new(r.t("Open einde periode", "Open at end")),
        Column::new(r.t("Achterstallig op peildatum", "Overdue at reference date")),
        Column::new(r.t(
            "Mediaan doorlooptijd (werkdagen)",
            "Median handling time (working days)",
        )),
    ];
    let rows: Vec<Vec<Cell>> = t
        .by_handler
        .iter()
        .map(|g| super::channel::group_cells(g, r.lang))
        .collect();
    s.table(r.t("Behandelaars", "Handlers"), &columns, rows)?;
    s.gap();

    s.heading(&format!(
        "{} {as_of}",
        r.t(
            "Openstaande escalaties (urgentie 1 en 2) op",
            "Open escalations (urgency 1 and 2) at"
        )
    ))?;
    s.note(r.t(
        "Geschil of aangetekende brief: juridische gevolgen mogelijk, schriftelijke afhandeling aanbevolen.",
        "A dispute or a registered letter: legal consequences possible, written handling recommended.",
    ))?;
    open_list(r, &mut s, r.t("Escalaties", "Escalations"), &t.escalations)?;
    s.gap();

    s.heading(&format!(
        "{} {as_of}",
        r.t("Achterstallige klachten op", "Overdue complaints at")
    ))?;
    s.note(r.t(
        "Open en ouder dan de streeftermijn van de urgentie (of na de streefdatum in het register). Meest overschreden eerst.",
        "Open and older than the urgency's target (or past the due date in the register). Most overdue first.",
    ))?;
    let list = open_list(
        r,
        &mut s,
        r.t("AchterstalligeKlachten", "OverdueComplaints"),
        &t.overdue,
    )?;
    s.repeat_header(&list);
    s.conditional(
        &list,
        5,
        &ConditionalFormatDataBar::new().set_fill_color(0x5B9BD5),
    )?;
    s.conditional(
        &list,
        9,
        &ConditionalFormat3ColorScale::new()
            .set_minimum_color(0xFFEB84)
            .set_midpoint_color(0xFCA55D)
            .set_maximum_color(0xF8696B),
    )?;
    s.finish()
}

/// The open complaints of `items` with age, target and where they sit in the register.
/// Age in working days is column 5 and days past target column 9 (for the formats above).
pub(super) fn open_list(
    r: &Report,
    s: &mut Sheet,
    table: &str,
    items: &[OpenItem],
) -> Result<super::layout::Placed, XlsxError> {
    let register = r.register();
    let mut columns = vec![
        Column::new(r.t("Klachtnummer", "Complaint number")),
        Column::new(r.t("Ontvangen", "Received")),
        Column::new(r.t("Urgentie", "Urgency")),
        Column::capped(r.t("Behandelaar", "Handler"), 30.0),
        Column::capped(r.t("Contactpersoon", "Contact person"), 30.0),
        Column::new(r.t("Leeftijd (werkdagen)", "Age (working days)")),
        Column::new(r.t("Leeftijd (kalenderdagen)", "Age (calendar days)")),
        Column::new(r.t("Norm (werkdagen)", "Target (working days)")),
        Column::new(r.t("Streefdatum", "Due date")),
        Column::new(r.t("Werkdagen over termijn", "Working days past target")),
    ];
    columns.extend(r.trace_columns());
    let rows = items.iter().map(|i| {
        let at = register
            .complaints
            .get(i.index)
            .map(|c| register.cell_or_row(c, Field::Id));
        let mut cells = vec![
            Cell::text(i.id.as_str()),
            Cell::Date(i.received),
            Cell::num(i.urgency.map(|u| f64::from(u.number())), Style::Whole),
            Cell::opt_text(i.handler.as_deref()),
            Cell::opt_text(i.contact_person.as_deref()),
            Cell::whole(Some(i.age_wd)),
            Cell::whole(Some(i.age_cd)),
            Cell::whole(i.target_wd.map(i64::from)),
            Cell::date(i.due_date),
            Cell::whole(i.days_past_target),
        ];
        cells.extend(r.trace_cells(at, i.file, i.line));
        cells
    });
    s.table(table, &columns, rows)
}
