//! Sheet 7, *Trend*: received and closed per month over the last 24 months, technical and
//! non-technical apart; a line chart beside the table. Below it the signals (SPEC §10): the
//! c-chart of all complaints received (with the company's volume the u-chart of their rate)
//! with its centre line and limits, and the signals of every series.

use super::layout::{Cell, Charted, Column, Sheet, Style};
use super::native::{self, Series, Stroke};
use super::Report;
use crate::metrics::signals::{self, Direction, SeriesKind, SignalUnit, SignalValue};
use crate::render::charts::Palette;
use crate::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let t = &r.figures().tables;
    let mut s = r.sheet(
        ws,
        7,
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
    let placed = s.chart_table(r.t("PerMaand", "PerMonth"), &columns, rows)?;
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
    let placed = signal_table(r, &mut s)?;
    signal_list(r, &mut s)?;
    // After the list: the chart's hidden column goes beside the widest table.
    signal_chart(r, &mut s, &placed)?;
    s.finish()
}

/// `regel 1 ↑`.
fn rule_text(rule: u8, direction: Direction, lang: Lang) -> String {
    let arrow = match direction {
        Direction::Up => "↑",
        Direction::Down => "↓",
    };
    format!("{} {rule} {arrow}", lang.pick("regel", "rule"))
}

fn signal_title(r: &Report) -> &'static str {
    if rated(r) {
        r.t(
            "Signaalkaart: klachten per 1.000 werkbonnen per maand (u-kaart)",
            "Signal chart: complaints per 1,000 work orders per month (u-chart)",
        )
    } else {
        r.t(
            "Signaalkaart: ontvangen klachten per maand (c-kaart)",
            "Signal chart: complaints received per month (c-chart)",
        )
    }
}

/// The signals are a u-chart of the rate (the company gives its volume).
fn rated(r: &Report) -> bool {
    r.figures().tables.signal_chart.unit == SignalUnit::Rate
}

/// The control chart of all complaints received as a table: baseline and P with the centre
/// line and limits (a u-chart's per month, with its work orders and rate), and the rules that
/// signal in each month.
fn signal_table(r: &Report, s: &mut Sheet) -> Result<Charted, XlsxError> {
    let lang = r.lang;
    let chart = &r.figures().tables.signal_chart;
    let rated = rated(r);
    s.gap();
    s.heading(signal_title(r))?;
    let mut notes = signals::explain(chart, lang);
    if notes.is_empty() {
        // Why there are no limits.
        notes = signals::in_words(&[], chart, lang);
    }
    for note in &notes {
        s.note(note)?;
    }
    let mut columns = vec![
        Column::new(r.t("Maand", "Month")),
        Column::new(r.t("Ontvangen", "Received")),
    ];
    if rated {
        columns.extend([
            Column::new(r.t("Werkbonnen", "Work orders")),
            Column::new(r.t("Per 1.000 werkbonnen", "Per 1,000 work orders")),
        ]);
    }
    columns.extend([
        Column::new(r.t("Gemiddelde", "Mean")),
        Column::new(r.t("Bovengrens", "Upper limit")),
        Column::new(r.t("Ondergrens", "Lower limit")),
        Column::new(r.t("Deel", "Part")),
        Column::new(r.t("Signaal", "Signal")),
    ]);
    let limit = |v: Option<f64>| Cell::num(v, Style::Days);
    let rows = chart.months.iter().map(|m| {
        let l = m.limits;
        let signals: Vec<String> = m
            .signals
            .iter()
            .map(|(rule, d)| rule_text(*rule, *d, lang))
            .collect();
        let mut row = vec![Cell::text(m.month.as_str()), Cell::count(m.received)];
        if rated {
            row.extend([
                Cell::num(m.work_orders.map(|n| n as f64), Style::Count),
                Cell::days(m.value),
            ]);
        }
        row.extend([
            // The centre line of every month, also one without limits of its own.
            limit(chart.centre),
            limit(l.map(|l| l.ucl)),
            limit(l.and_then(|l| l.lcl)),
            Cell::text(if m.in_period {
                r.t("periode", "period")
            } else {
                r.t("basis", "baseline")
            }),
            Cell::opt_text(
                Some(signals.join(", "))
                    .filter(|t| !t.is_empty())
                    .as_deref(),
            ),
        ]);
        row
    });
    s.chart_table(r.t("Signaalkaart", "SignalChart"), &columns, rows)
}

/// The line chart of [`signal_table`]'s table (`placed`), the months with a signal marked.
fn signal_chart(r: &Report, s: &mut Sheet, placed: &Charted) -> Result<(), XlsxError> {
    let chart = &r.figures().tables.signal_chart;
    if placed.rows == 0 {
        return Ok(());
    }
    let name = s.name;
    // The columns of the value, the mean and the limits: two further right on a u-chart.
    let at = if rated(r) { 3 } else { 1 };
    let flagged: Vec<Option<f64>> = chart
        .months
        .iter()
        .map(|m| m.value.filter(|_| !m.signals.is_empty()))
        .collect();
    let marks = s.chart_values(placed, &flagged)?;
    let (value_name, y_label) = if rated(r) {
        (
            r.t("per 1.000 werkbonnen", "per 1,000 work orders"),
            r.t(
                "klachten per 1.000 werkbonnen",
                "complaints per 1,000 work orders",
            ),
        )
    } else {
        (
            r.t("ontvangen", "received"),
            r.t("aantal klachten", "number of complaints"),
        )
    };
    let mut series = vec![Series::nth(0, value_name, placed.range(name, at))];
    if chart.centre.is_some() {
        series.push(
            Series::new(
                r.t("gemiddelde", "mean"),
                placed.range(name, at + 1),
                Palette::centre(),
            )
            .drawn(Stroke::Plain),
        );
        series.push(
            Series::new(
                r.t("bovengrens", "upper limit"),
                placed.range(name, at + 2),
                Palette::limit(),
            )
            .drawn(Stroke::Dashed),
        );
        if chart
            .months
            .iter()
            .any(|m| m.limits.is_some_and(|l| l.lcl.is_some()))
        {
            series.push(
                Series::new(
                    r.t("ondergrens", "lower limit"),
                    placed.range(name, at + 3),
                    Palette::limit(),
                )
                .drawn(Stroke::Dashed),
            );
        }
    }
    if flagged.iter().any(Option::is_some) {
        series.push(
            Series::new(r.t("signaal", "signal"), marks, Palette::limit()).drawn(Stroke::Points),
        );
    }
    let mut native = native::lines(
        &format!("{} — {}", signal_title(r), r.figures().kpi.period.label),
        r.t("maand", "month"),
        y_label,
        placed.range(name, 0),
        &series,
    );
    native.show_hidden_data();
    s.wide_chart(placed.header_row - 1, native);
    Ok(())
}

/// Every signal of every series, with its numbers.
fn signal_list(r: &Report, s: &mut Sheet) -> Result<(), XlsxError> {
    let lang = r.lang;
    let k = &r.figures().kpi;
    s.gap();
    s.heading(r.t("Signalen per reeks", "Signals per series"))?;
    s.note(r.t(
        "Per maand van de periode: alle ontvangen klachten, technisch, niet-technisch en elke oorzaak met een klacht in de periode, elk tegen het eigen gemiddelde en de eigen grenzen. Regels 2 en 3: bij de laatste maand van de reeks, met het aantal maanden op rij.",
        "Per month of the period: all complaints received, technical, non-technical and each cause with a complaint in the period, each against its own mean and limits. Rules 2 and 3: at the run's last month, with its number of months.",
    ))?;
    if rated(r) {
        s.note(r.t(
            "Elke reeks in klachten per 1.000 werkbonnen van het bedrijf in die maand (u-kaart); grenzen van de maand zelf.",
            "Every series in complaints per 1,000 of the company's work orders that month (u-chart); limits of the month itself.",
        ))?;
    }
    let columns = [
        Column::new(r.t("Maand", "Month")),
        Column::new(r.t("Reeks", "Series")),
        Column::capped(r.t("Oorzaak", "Cause"), 40.0),
        Column::new(r.t("Signaal", "Signal")),
        if rated(r) {
            Column::new(r.t("Per 1.000 werkbonnen", "Per 1,000 work orders"))
        } else {
            Column::new(r.t("Aantal", "Count"))
        },
        Column::new(r.t("Gemiddelde", "Mean")),
        Column::new(r.t("Bovengrens", "Upper limit")),
        Column::new(r.t("Ondergrens", "Lower limit")),
        Column::new(r.t("Maanden op rij", "Months in a row")),
        Column::new(r.t("Sinds", "Since")),
    ];
    let rows = k.signals.iter().map(|g| {
        let series = match g.series {
            SeriesKind::Received => r.t("ontvangen", "received"),
            SeriesKind::Technical => r.t("technisch", "technical"),
            SeriesKind::NonTechnical => r.t("niet-technisch", "non-technical"),
            SeriesKind::Cause => r.t("oorzaak", "cause"),
        };
        vec![
            Cell::text(g.month.as_str()),
            Cell::text(series),
            Cell::opt_text(g.cause.as_deref()),
            Cell::text(rule_text(g.rule, g.direction, lang)),
            match g.value {
                SignalValue::Count(n) => Cell::count(n),
                SignalValue::Rate(v) => Cell::days(Some(v)),
            },
            Cell::num(Some(g.centre), Style::Days),
            Cell::num(Some(g.ucl), Style::Days),
            Cell::num(g.lcl, Style::Days),
            Cell::num(g.run_months.map(|n| n as f64), Style::Whole),
            Cell::opt_text(g.run_from.as_deref()),
        ]
    });
    s.table(r.t("Signalen", "Signals"), &columns, rows)?;
    Ok(())
}
