//! Sheet 5, *Doorlooptijden*: handling times (working and calendar days) and acknowledgement
//! times per urgency and per nature, with the share within target; a chart of the median and
//! p90 per urgency.

use super::layout::{Cell, Charted, Column, Sheet};
use super::native::{self, Series};
use super::{nature_label, p90_cell, urgency_group, Report};
use crate::metrics::model::{DurationStats, TimeGroup, TimeRow};
use crate::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let k = &r.figures().kpi;
    let t = &r.figures().tables;
    let mut s = r.sheet(
        ws,
        4,
        r.t(
            "Doorlooptijden en ontvangstbevestiging",
            "Handling and acknowledgement times",
        ),
    )?;
    s.note(r.t(
        "wd = werkdagen (ma–vr zonder feestdagen en sluitingsdagen), kd = kalenderdagen. P90: 90% was binnen deze tijd klaar; \"n te klein\" bij minder dan 5 klachten.",
        "wd = working days (Mon–Fri without holidays and closure days), cd = calendar days. P90: 90% were done within this time; \"n too small\" with fewer than 5 complaints.",
    ))?;
    s.gap();

    let closed_in = format!("{} {}", r.t("afgehandeld in", "closed in"), k.period.label);
    s.heading(&format!(
        "{} ({closed_in})",
        r.t("Afhandeltijd per urgentie", "Handling time per urgency")
    ))?;
    let by_urgency = handling(
        r,
        &mut s,
        r.t("AfhandeltijdUrgentie", "HandlingByUrgency"),
        &t.times_by_urgency,
    )?;
    let name = s.name;
    // The p90 column says "n te klein" where n < 5; the chart plots its numbers from a hidden
    // column instead, so that such a p90 is a gap, not a bar of 0.
    let p90: Vec<Option<f64>> = t
        .times_by_urgency
        .iter()
        .map(|row| row.handling_wd.p90.map(|v| v as f64))
        .collect();
    let p90_range = s.chart_values(&by_urgency, &p90)?;
    let mut chart = native::columns(
        &format!(
            "{} — {}",
            r.t(
                "Doorlooptijd per urgentie (werkdagen)",
                "Handling time per urgency (working days)"
            ),
            k.period.label
        ),
        r.t("urgentiecategorie", "urgency category"),
        r.t("werkdagen", "working days"),
        by_urgency.range(name, 0),
        &[
            Series::nth(0, r.t("mediaan", "median"), by_urgency.range(name, 3)),
            Series::nth(1, "p90", p90_range),
        ],
    );
    chart.show_hidden_data();
    s.chart(by_urgency.header_row - 1, chart);
    s.gap();
    s.heading(&format!(
        "{} ({closed_in})",
        r.t("Afhandeltijd per aard", "Handling time per nature")
    ))?;
    handling(
        r,
        &mut s,
        r.t("AfhandeltijdAard", "HandlingByNature"),
        &t.times_by_nature,
    )?;
    s.gap();

    let received_in = format!("{} {}", r.t("ontvangen in", "received in"), k.period.label);
    s.heading(&format!(
        "{} ({received_in})",
        r.t(
            "Ontvangstbevestiging per urgentie",
            "Acknowledgement per urgency"
        )
    ))?;
    acknowledgement(
        r,
        &mut s,
        r.t("BevestigingUrgentie", "AckByUrgency"),
        &t.times_by_urgency,
    )?;
    s.gap();
    s.heading(&format!(
        "{} ({received_in})",
        r.t(
            "Ontvangstbevestiging per aard",
            "Acknowledgement per nature"
        )
    ))?;
    acknowledgement(
        r,
        &mut s,
        r.t("BevestigingAard", "AckByNature"),
        &t.times_by_nature,
    )?;
    s.finish()
}

fn group_label(g: TimeGroup, lang: Lang) -> String {
    match g {
        TimeGroup::All => lang.pick("Alle klachten", "All complaints").to_string(),
        TimeGroup::Urgency(u) => urgency_group(u, lang),
        TimeGroup::Nature(n) => {
            let label = nature_label(n, lang);
            let mut chars = label.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// Mean, median, p90, max of `d`.
fn stats(d: &DurationStats, lang: Lang) -> [Cell; 4] {
    [
        Cell::days(d.mean.map(crate::metrics::stats::round2)),
        Cell::days(d.median),
        p90_cell(d, lang),
        Cell::whole(d.max),
    ]
}

/// Handling times per group, with the all-complaints line as total.
fn handling(
    r: &Report,
    s: &mut Sheet,
    table: &str,
    rows: &[TimeRow],
) -> Result<Charted, XlsxError> {
    let lang = r.lang;
    let columns = [
        Column::new(r.t("Groep", "Group")),
        Column::new(r.t("Afgehandeld (n)", "Closed (n)")),
        Column::new(r.t("Gemiddeld wd", "Mean wd")),
        Column::new(r.t("Mediaan wd", "Median wd")),
        Column::new(r.t("P90 wd", "P90 wd")),
        Column::new(r.t("Max wd", "Max wd")),
        Column::new(r.t("Gemiddeld kd", "Mean cd")),
        Column::new(r.t("Mediaan kd", "Median cd")),
        Column::new(r.t("P90 kd", "P90 cd")),
        Column::new(r.t("Max kd", "Max cd")),
        Column::new(r.t("Met norm", "With target")),
        Column::new(r.t("Binnen norm", "Within target")),
        Column::new(r.t("% binnen norm", "% within target")),
    ];
    let cells = |row: &TimeRow| -> Vec<Cell> {
        let mut c = vec![
            Cell::text(group_label(row.group, lang)),
            Cell::count(row.handling_wd.n),
        ];
        c.extend(stats(&row.handling_wd, lang));
        c.extend(stats(&row.handling_cd, lang));
        c.extend([
            Cell::count(row.with_target),
            Cell::count(row.within_target),
            Cell::share(row.share_within_target),
        ]);
        c
    };
    let placed = s.chart_table(table, &columns, rows.iter().map(cells))?;
    s.total_row(&cells(&r.figures().tables.times_all))?;
    Ok(placed)
}

/// Acknowledgement times per group, with the all-complaints line as total.
fn acknowledgement(
    r: &Report,
    s: &mut Sheet,
    table: &str,
    rows: &[TimeRow],
) -> Result<(), XlsxError> {
    let lang = r.lang;
    let columns = [
        Column::new(r.t("Groep", "Group")),
        Column::new(r.t("Bevestigd (n)", "Acknowledged (n)")),
        Column::new(r.t("Gemiddeld wd", "Mean wd")),
        Column::new(r.t("Mediaan wd", "Median wd")),
        Column::new(r.t("P90 wd", "P90 wd")),
        Column::new(r.t("Max wd", "Max wd")),
        Column::new(r.t("Zonder bevestiging", "Not acknowledged")),
        Column::new(r.t("Binnen termijn", "Within target")),
        Column::new(r.t("% binnen termijn", "% within target")),
    ];
    let cells = |row: &TimeRow| -> Vec<Cell> {
        let mut c = vec![
            Cell::text(group_label(row.group, lang)),
            Cell::count(row.ack_wd.n),
        ];
        c.extend(stats(&row.ack_wd, lang));
        c.extend([
            Cell::count(row.ack_missing),
            Cell::count(row.ack_within_target),
            Cell::share(row.ack_share_within_target),
        ]);
        c
    };
    s.table(table, &columns, rows.iter().map(cells))?;
    s.total_row(&cells(&r.figures().tables.times_all))?;
    Ok(())
}
