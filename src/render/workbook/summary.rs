//! Sheet 1, *Samenvatting*: the headline figures against the previous period and a year ago,
//! the flow check as an equation with its verdict, and the data quality.

use super::layout::{Cell, Column, Style};
use super::{day, span, Report};
use crate::metrics::model::{HeadlineFigure, HeadlineRow, Kpi, Unit};
use crate::metrics::signals;
use crate::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let lang = r.lang;
    let k = &r.figures().kpi;
    let t = &r.figures().tables;
    let report = r.t("Klachtenrapport", "Complaints report");
    let title = match r.input.provenance.company.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => format!("{report} {} — {c}", k.period.label),
        _ => format!("{report} {}", k.period.label),
    };
    let mut s = r.sheet(ws, 0, &title)?;

    s.heading(r.t("Kerncijfers", "Headline figures"))?;
    let (prev, ago) = (&k.previous.period, &k.year_ago.period);
    s.note(&format!(
        "{} {} ({}); {} {} ({}).",
        r.t(
            "Vergeleken met de vorige periode",
            "Compared with the previous period"
        ),
        prev.label,
        span(prev.start, prev.end, lang),
        r.t(
            "en met dezelfde periode een jaar eerder",
            "and with the same period a year earlier"
        ),
        ago.label,
        span(ago.start, ago.end, lang),
    ))?;
    let columns = [
        Column::new(r.t("Kengetal", "Figure")),
        Column::new(k.period.label.clone()),
        Column::new(format!("{} {}", r.t("Vorige", "Previous"), prev.label)),
        Column::new(format!(
            "{} {}",
            r.t("Jaar eerder", "Year earlier"),
            ago.label
        )),
        Column::new(r.t("Verschil t.o.v. vorige", "Change on previous")),
        Column::new(r.t("% t.o.v. vorige", "% on previous")),
        Column::new(r.t("Verschil t.o.v. jaar eerder", "Change on year earlier")),
        Column::new(r.t("% t.o.v. jaar eerder", "% on year earlier")),
    ];
    let rows: Vec<Vec<Cell>> = t.headline.iter().map(|h| headline_cells(h, lang)).collect();
    s.table(r.t("Kerncijfers", "Headline"), &columns, rows)?;
    s.note(r.t(
        "Doorlooptijden in werkdagen. Verschillen tussen percentages in procentpunten (pp). Geen % waar de vergelijkingswaarde 0 is.",
        "Handling times in working days. Differences between percentages in percentage points (pp). No % where the base is 0.",
    ))?;
    s.note(r.t(
        "Faalkosten: de bedragen van de klachten afgehandeld in de periode, tot op de cent; gegrond: ja van de beoordeelde klachten (ja, nee, deels). Uitsplitsing, tevredenheid en heropende klachten: blad Faalkosten.",
        "Failure costs: the amounts of the complaints closed in the period, to the cent; justified: yes of the complaints judged (yes, no, partly). Breakdown, satisfaction and reopened complaints: the Failure costs sheet.",
    ))?;
    if k.rate_per_1000.is_some() {
        s.note(r.t(
            "Klachten per 1.000 werkbonnen: ontvangen klachten × 1.000 / werkbonnen van de periode ([volume] in klacht.toml); leeg waar een maand van de periode geen werkbonnen heeft.",
            "Complaints per 1,000 work orders: complaints received × 1,000 / the period's work orders ([volume] in klacht.toml); blank where a month of the period has none.",
        ))?;
    }
    s.gap();

    // The signals in words (SPEC §10); their numbers and chart are on the Trend sheet.
    s.heading(r.t("Signalen", "Signals"))?;
    for line in signals::in_words(&k.signals, &t.signal_chart, lang) {
        s.text(&line)?;
    }
    let notes = signals::explain(&t.signal_chart, lang);
    for note in &notes {
        s.note(note)?;
    }
    s.note(r.t(
        "Cijfers en kaart: blad Trend.",
        "Figures and chart: the Trend sheet.",
    ))?;
    s.gap();

    s.heading(r.t("Controle doorstroom", "Flow check"))?;
    let flow = &t.flow;
    s.note(if flow.left_out > 0 {
        r.t(
            "Open bij begin + ontvangen − afgehandeld − buiten beschouwing (afhandeldatum onleesbaar: niet open, niet afgehandeld) = open bij einde.",
            "Open at start + received − closed − left out (closed date unreadable: neither open nor closed) = open at end.",
        )
    } else {
        r.t(
            "Open bij begin + ontvangen − afgehandeld = open bij einde.",
            "Open at start + received − closed = open at end.",
        )
    })?;
    let before_start = k.period.start.pred_opt().unwrap_or(k.period.start);
    let end = day(k.period.end);
    let columns = [
        Column::new(r.t("Controle", "Check")),
        Column::new(r.t("Aantal", "Count")),
    ];
    let verdict = if flow.holds {
        Cell::marked(r.t("klopt", "balances"), Style::Good)
    } else {
        Cell::marked(r.t("klopt niet", "does not balance"), Style::Bad)
    };
    let line = |label: String, value: Cell| vec![Cell::text(label), value];
    let mut rows = vec![
        line(
            format!("{} {}", r.t("Open op", "Open on"), day(before_start)),
            Cell::count(flow.open_at_start),
        ),
        line(
            r.t("+ ontvangen in de periode", "+ received in the period")
                .into(),
            Cell::count(flow.received),
        ),
        line(
            r.t("− afgehandeld in de periode", "− closed in the period")
                .into(),
            Cell::count(flow.closed),
        ),
    ];
    // Neither closed nor open: a line of its own, so the check still balances (SPEC §5).
    if flow.left_out > 0 {
        rows.push(line(
            r.t(
                "− buiten beschouwing: ontvangen in de periode, afhandeldatum onleesbaar",
                "− left out: received in the period, closed date unreadable",
            )
            .into(),
            Cell::count(flow.left_out),
        ));
    }
    rows.extend([
        line(
            format!("{} {end}", r.t("= verwacht open op", "= expected open on")),
            Cell::Num(flow.expected_open_at_end as f64, Style::Count),
        ),
        line(
            format!("{} {end}", r.t("Werkelijk open op", "Actually open on")),
            Cell::count(flow.open_at_end),
        ),
        line(
            r.t("Verschil", "Difference").into(),
            Cell::Num(flow.difference as f64, Style::DeltaCount),
        ),
        line(r.t("Uitkomst", "Result").into(), verdict),
    ]);
    s.table(r.t("Doorstroom", "Flow"), &columns, rows)?;
    if !flow.holds {
        s.warning(&flow_explanation(flow.date_order, lang))?;
    }
    s.gap();

    s.heading(r.t("Gegevenskwaliteit", "Data quality"))?;
    let columns = [
        Column::new(r.t("Onderdeel", "Item")),
        Column::new(r.t("Aantal", "Count")),
    ];
    let rows_read = k.rows;
    let rows: Vec<Vec<Cell>> = quality_lines(k, lang)
        .into_iter()
        .map(|(label, n)| vec![Cell::text(label), Cell::count(n)])
        .collect();
    s.table(r.t("Gegevenskwaliteit", "DataQuality"), &columns, rows)?;
    if rows_read.balances() {
        s.note(r.t(
            "Elke gelezen rij is verantwoord: gelezen = gebruikt + uitgesloten + leeg. Bevindingen: zie het blad Bevindingen.",
            "Every row read is accounted for: read = used + excluded + blank. Findings: see the Findings sheet.",
        ))?;
    } else {
        s.warning(r.t(
            "De rijtelling sluit niet: gelezen ≠ gebruikt + uitgesloten + leeg.",
            "The row count does not balance: read ≠ used + excluded + blank.",
        ))?;
    }
    s.finish()
}

/// The data quality as (item, count): rows read, used, excluded and blank, findings per
/// severity, and the complaints left out of figures. The summary sheet and the page show it.
pub(crate) fn quality_lines(k: &Kpi, lang: Lang) -> Vec<(String, u64)> {
    let lines: [(&str, &str, u64); 9] = [
        (
            "Rijen gelezen (onder de kopregel)",
            "Rows read (below the header row)",
            k.rows.read,
        ),
        ("– gebruikt als klacht", "– used as complaints", k.rows.used),
        (
            "– uitgesloten (geen datum van ontvangst, totaal- of notitieregel)",
            "– excluded (no date of receipt, totals or note row)",
            k.rows.excluded,
        ),
        (
            "– lege rijen overgeslagen",
            "– blank rows skipped",
            k.rows.blank,
        ),
        ("Bevindingen: fout", "Findings: error", k.findings.error),
        (
            "Bevindingen: waarschuwing",
            "Findings: warning",
            k.findings.warning,
        ),
        ("Bevindingen: info", "Findings: info", k.findings.info),
        (
            "Niet in doorlooptijden: afgehandeld vóór ontvangst",
            "Left out of handling times: closed before received",
            k.left_out.handling_date_order,
        ),
        (
            "Niet in bevestigingstermijn: bevestigd vóór ontvangst",
            "Left out of acknowledgement times: acknowledged before received",
            k.left_out.ack_date_order,
        ),
    ];
    let mut rows: Vec<(String, u64)> = lines
        .iter()
        .map(|(nl, en, n)| (lang.pick(nl, en).to_string(), *n))
        .collect();
    // Per field with a value that cannot be read: left out of the figures that need it.
    for (field, n) in &k.left_out.unreadable {
        let label = match lang {
            Lang::Nl => format!(
                "Niet in de cijfers met {}: waarde onleesbaar",
                field.header(lang)
            ),
            Lang::En => format!(
                "Left out of the figures using {}: value unreadable",
                field.header(lang)
            ),
        };
        rows.push((label, *n));
    }
    rows
}

/// Value, previous, year ago and the changes, formatted by the figure's unit.
fn headline_cells(h: &HeadlineRow, lang: Lang) -> Vec<Cell> {
    let (value, delta) = match (h.unit, h.figure) {
        (_, HeadlineFigure::HandlingWdP90) => (Style::Whole, Style::DeltaCount),
        (Unit::Count, _) => (Style::Count, Style::DeltaCount),
        (Unit::WorkingDays, _) => (Style::Days, Style::DeltaDays),
        (Unit::Share, _) => (Style::Share, Style::DeltaPoints),
        // One decimal, as days are shown (a style of its own would change every workbook).
        (Unit::Rate, _) => (Style::Days, Style::DeltaDays),
        (Unit::Money, _) => (Style::Money, Style::DeltaMoney),
    };
    // Differences of shares are shown in percentage points.
    let scale = |v: Option<f64>| match h.unit {
        Unit::Share => v.map(|v| v * 100.0),
        _ => v,
    };
    vec![
        Cell::text(h.figure.label(lang)),
        Cell::num(h.value, value),
        Cell::num(h.previous, value),
        Cell::num(h.year_ago, value),
        Cell::num(scale(h.change_previous), delta),
        Cell::num(h.rel_change_previous, Style::DeltaShare),
        Cell::num(scale(h.change_year_ago), delta),
        Cell::num(h.rel_change_year_ago, Style::DeltaShare),
    ]
}

fn flow_explanation(date_order: u64, lang: Lang) -> String {
    if date_order > 0 {
        match lang {
            Lang::Nl => format!(
                "{date_order} klacht(en) hebben een afhandeldatum vóór de datum van ontvangst (fout date-order op het blad Bevindingen); die verklaren het verschil."
            ),
            Lang::En => format!(
                "{date_order} complaint(s) have a closed date before the date of receipt (error date-order on the Findings sheet); they explain the difference."
            ),
        }
    } else {
        lang.pick(
            "Het verschil is niet verklaard; controleer de data van ontvangst en afhandeling.",
            "The difference is not explained; check the dates of receipt and closing.",
        )
        .to_string()
    }
}
