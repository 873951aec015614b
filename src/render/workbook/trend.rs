//! Sheet 7, *Trend*: received and closed per month over the last 24 months, technical and
//! non-technical apart; a line chart beside the table.

use super::layout::{Cell, Column, Style};
use super::native::{self, Series};
use super::Report;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let t = &r.figures().tables;
    let mut s = r.sheet(
        ws,
        6,
        r.t(
            "Trend: ontvangen en afgehandeld per maand",
            "Trend: received and closed per month",
        ),
    )?;
    let months = &t.monthly;
    s.heading(&match (months.first(), months.last()) {
        (Some(a), Some(b)) if months.len() > 1 => format!(
            "{} {} {} {} ({} {})",
            r.t("Per maand,", "Per month,"),
            a.month,
            r.t("t/m", "to"),
            b.month,
            months.len(),
            r.t("maanden", "months")
        ),
        _ => r.t("Per maand", "Per month").to_string(),
    })?;
    let mut columns = vec![
        Column::new(r.t("Maand", "Month")),
        Column::new(r.t("Ontvangen", "Received")),
        Column::new(r.t("Ontvangen technisch", "Received technical")),
        Column::new(r.t("Ontvangen niet-technisch", "Received non-technical")),
        Column::new(r.t("Ontvangen aard onbekend", "Received nature unknown")),
        Column::new(r.t("Afgehandeld", "Closed")),
        Column::new(r.t("Afgehandeld technisch", "Closed technical")),
        Column::new(r.t("Afgehandeld niet-technisch", "Closed non-technical")),
        Column::new(r.t("Afgehandeld aard onbekend", "Closed nature unknown")),
    ];
    // The company's volume, where given: work orders and the rate beside the counts.
    let rates = r.figures().kpi.rate_per_1000.as_ref().map(|v| &v.months);
    if rates.is_some() {
        columns.extend([
            Column::new(r.t("Werkbonnen", "Work orders")),
            Column::new(r.t(
                "Klachten per 1.000 werkbonnen",
                "Complaints per 1,000 work orders",
            )),
        ]);
    }
    let rows = months.iter().enumerate().map(|(i, m)| {
        let mut row = vec![
            Cell::text(m.month.as_str()),
            Cell::count(m.received),
            Cell::count(m.received_technical),
            Cell::count(m.received_non_technical),
            Cell::count(m.received_unknown_nature),
            Cell::count(m.closed),
            Cell::count(m.closed_technical),
            Cell::count(m.closed_non_technical),
            Cell::count(m.closed_unknown_nature),
        ];
        // The rate's months are the trend's, one for one.
        if let Some(rate) = rates.and_then(|months| months.get(i)) {
            row.extend([
                Cell::num(rate.work_orders.map(|n| n as f64), Style::Count),
                Cell::days(rate.rate),
            ]);
        }
        row
    });
    let placed = s.table(r.t("PerMaand", "PerMonth"), &columns, rows)?;
    s.freeze_below(&placed);
    if rates.is_some() {
        s.note(r.t(
            "Klachten per 1.000 werkbonnen: ontvangen klachten × 1.000 / werkbonnen van de maand ([volume] in klacht.toml). Een maand zonder opgegeven werkbonnen heeft geen cijfer (leeg, nooit 0).",
            "Complaints per 1,000 work orders: complaints received × 1,000 / the month's work orders ([volume] in klacht.toml). A month without work orders given has no rate (blank, never 0).",
        ))?;
    }
    let name = s.name;
    // The same four lines as the PNG trend chart, in the same colours.
    s.wide_chart(
        placed.header_row - 1,
        native::lines(
            r.t(
                "Ontvangen en afgehandeld per maand",
                "Received and closed per month",
            ),
            r.t("maand", "month"),
            r.t("aantal klachten", "number of complaints"),
            placed.range(name, 0),
            &[
                Series::nth(0, r.t("ontvangen", "received"), placed.range(name, 1)),
                Series::nth(1, r.t("afgehandeld", "closed"), placed.range(name, 5)),
                Series::nth(
                    2,
                    r.t("ontvangen technisch", "received technical"),
                    placed.range(name, 2),
                ),
                Series::nth(
                    3,
                    r.t("ontvangen niet-technisch", "received non-technical"),
                    placed.range(name, 3),
                ),
            ],
        ),
    );
    s.finish()
}
