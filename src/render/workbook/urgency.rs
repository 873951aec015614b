//! Sheet 2, *Urgentie*: per category 1–8 and unclassified, the procedure's label, the counts
//! and the handling time; a column chart beside the table.

use super::layout::{Cell, Column};
use super::native::{self, Series};
use super::{p90_cell, urgency_code, urgency_label, Report};
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let lang = r.lang;
    let k = &r.figures().kpi;
    let mut s = r.sheet(
        ws,
        1,
        r.t(
            "Klachten per urgentiecategorie",
            "Complaints per urgency category",
        ),
    )?;
    s.heading(&format!(
        "{} {}",
        r.t(
            "Per urgentiecategorie van de klachtenprocedure —",
            "Per urgency category of the complaint procedure —"
        ),
        k.period.label
    ))?;
    let columns = [
        Column::new(r.t("Urgentie", "Urgency")),
        Column::capped(
            r.t("Omschrijving (procedure)", "Description (procedure)"),
            70.0,
        ),
        Column::new(r.t("Ontvangen", "Received")),
        Column::new(r.t("Afgehandeld", "Closed")),
        Column::new(r.t("Open einde periode", "Open at end")),
        Column::new(r.t("Achterstallig op peildatum", "Overdue at reference date")),
        Column::new(r.t("Doorlooptijd n", "Handling time n")),
        Column::new(r.t("Mediaan (werkdagen)", "Median (working days)")),
        Column::new(r.t("P90 (werkdagen)", "P90 (working days)")),
    ];
    let rows: Vec<Vec<Cell>> = k
        .by_urgency
        .iter()
        .map(|u| {
            vec![
                Cell::text(urgency_code(u.urgency, lang)),
                Cell::text(urgency_label(u.urgency, lang)),
                Cell::count(u.received),
                Cell::count(u.closed),
                Cell::count(u.open_at_end),
                Cell::count(u.overdue),
                Cell::count(u.handling_wd.n),
                Cell::days(u.handling_wd.median),
                p90_cell(&u.handling_wd, lang),
            ]
        })
        .collect();
    let placed = s.chart_table(r.t("PerUrgentie", "PerUrgency"), &columns, rows)?;
    s.freeze_below(&placed);
    s.text_digits(&placed, 0)?;
    s.total_row(&[
        Cell::text(r.t("Totaal", "Total")),
        Cell::Blank,
        Cell::count(k.received),
        Cell::count(k.closed),
        Cell::count(k.open_at_end),
        Cell::count(k.overdue),
        Cell::count(k.handling_wd.n),
        Cell::days(k.handling_wd.median),
        p90_cell(&k.handling_wd, lang),
    ])?;
    s.gap();
    s.note(r.t(
        "Doorlooptijd: van ontvangst tot afhandeling in werkdagen, over de klachten afgehandeld in de periode. P90: 90% was binnen deze tijd afgehandeld; bij minder dan 5 klachten \"n te klein\".",
        "Handling time: from receipt to closing in working days, over the complaints closed in the period. P90: 90% were closed within this time; with fewer than 5 complaints \"n too small\".",
    ))?;
    let left_out = k.left_out.field(crate::register::Field::Urgency);
    if left_out > 0 {
        s.warning(&match lang {
            crate::Lang::Nl => format!(
                "Niet in deze tabel: {left_out} klacht(en) met een urgentie die niet te lezen is (fout unreadable-value op het blad Bevindingen); niet als ongeclassificeerd geteld. Het totaal telt ze wel mee."
            ),
            crate::Lang::En => format!(
                "Not in this table: {left_out} complaint(s) with an urgency that cannot be read (error unreadable-value on the Findings sheet); not counted as unclassified. The total does include them."
            ),
        })?;
    }
    let name = s.name;
    s.chart(
        placed.header_row - 1,
        native::columns(
            &format!(
                "{} — {}",
                r.t(
                    "Klachten per urgentiecategorie",
                    "Complaints per urgency category"
                ),
                k.period.label
            ),
            r.t("urgentiecategorie", "urgency category"),
            r.t("aantal klachten", "number of complaints"),
            placed.range(name, 0),
            &[
                Series::nth(0, r.t("ontvangen", "received"), placed.range(name, 2)),
                Series::nth(1, r.t("afgehandeld", "closed"), placed.range(name, 3)),
                Series::nth(
                    2,
                    r.t("open einde periode", "open at end"),
                    placed.range(name, 4),
                ),
            ],
        ),
    );
    s.finish()
}
