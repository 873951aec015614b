//! Sheet 7, *Faalkosten*: what the complaints closed in the period cost (totals, and per
//! nature, urgency and department with shares; per cause on *Oorzaken*), whether they were
//! justified, how satisfied the customers were, and the reopened complaints (SPEC §5).

use super::layout::{Cell, Column, Sheet, Style};
use super::native::{self, Series};
use super::{nature_label, not_recorded, urgency_code, urgency_label, Report};
use crate::metrics::model::CostRow;
use crate::metrics::stats::round2;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let lang = r.lang;
    let k = &r.figures().kpi;
    let t = &r.figures().tables;
    let mut s = r.sheet(
        ws,
        6,
        r.t(
            "Faalkosten, gegrondheid, tevredenheid en heropende klachten",
            "Failure costs, justification, satisfaction and reopened complaints",
        ),
    )?;
    let name = s.name;
    let closed_in = format!("{} {}", r.t("afgehandeld in", "closed in"), k.period.label);

    let c = &k.cost;
    s.heading(&format!(
        "{} ({closed_in})",
        r.t("Faalkosten", "Failure costs")
    ))?;
    s.note(r.t(
        "Bedragen tot op de cent opgeteld; gemiddelde en mediaan afgerond op hele centen. Een onleesbaar bedrag telt niet mee en staat apart (blad Bevindingen: unreadable-value). Per oorzaak: blad Oorzaken.",
        "Amounts summed to the cent; mean and median rounded to whole cents. An unreadable amount does not count and is shown apart (Findings sheet: unreadable-value). Per cause: the Causes sheet.",
    ))?;
    let line =
        |nl: &'static str, en: &'static str, value: Cell| vec![Cell::text(r.t(nl, en)), value];
    let rows = vec![
        line(
            "Afgehandeld met een bedrag",
            "Closed with an amount",
            Cell::count(c.n),
        ),
        line("Totaal", "Total", Cell::money(c.total)),
        line(
            "Gemiddeld per klacht",
            "Mean per complaint",
            Cell::money(c.mean),
        ),
        line("Mediaan", "Median", Cell::money(c.median)),
        line(
            "Afgehandeld zonder bedrag",
            "Closed without an amount",
            Cell::count(c.missing),
        ),
        line(
            "Buiten beschouwing: bedrag onleesbaar",
            "Left out: amount unreadable",
            Cell::count(c.left_out),
        ),
    ];
    figures(r, &mut s, r.t("Faalkosten", "FailureCosts"), rows)?;

    s.heading(&format!(
        "{} ({closed_in})",
        r.t("Faalkosten per aard", "Failure costs per nature")
    ))?;
    let natures = c
        .by_nature
        .iter()
        .map(|row| cost_cells(row, nature_label(row.key.nature, lang)));
    cost_table(
        r,
        &mut s,
        r.t("FaalkostenAard", "CostsByNature"),
        r.t("Aard", "Nature"),
        natures,
    )?;
    s.gap();

    s.heading(&format!(
        "{} ({closed_in})",
        r.t("Faalkosten per urgentie", "Failure costs per urgency")
    ))?;
    let columns = [
        Column::new(r.t("Urgentie", "Urgency")),
        Column::capped(r.t("Omschrijving", "Description"), 45.0),
        Column::new(r.t("Klachten met kosten", "Complaints with a cost")),
        Column::new(r.t("Faalkosten", "Failure costs")),
        Column::new(r.t("Aandeel", "Share")),
    ];
    let rows = c.by_urgency.iter().map(|row| {
        let mut cells = vec![Cell::text(urgency_code(row.key.urgency, lang))];
        cells.extend(cost_cells(row, urgency_label(row.key.urgency, lang)));
        cells
    });
    let urgency = s.chart_table(r.t("FaalkostenUrgentie", "CostsByUrgency"), &columns, rows)?;
    s.text_digits(&urgency, 0)?;
    s.chart(
        urgency.header_row - 1,
        native::columns(
            &format!(
                "{} — {}",
                r.t("Faalkosten per urgentie", "Failure costs per urgency"),
                k.period.label
            ),
            r.t("urgentiecategorie", "urgency category"),
            r.t("euro", "euros"),
            urgency.range(name, 0),
            &[Series::nth(
                0,
                r.t("faalkosten", "failure costs"),
                urgency.range(name, 3),
            )],
        ),
    );
    s.gap();

    s.heading(&format!(
        "{} ({closed_in})",
        r.t("Faalkosten per afdeling", "Failure costs per department")
    ))?;
    let departments = c.by_department.iter().map(|row| {
        let name = row.key.department.as_deref().unwrap_or(not_recorded(lang));
        cost_cells(row, name)
    });
    cost_table(
        r,
        &mut s,
        r.t("FaalkostenAfdeling", "CostsByDepartment"),
        r.t("Afdeling", "Department"),
        departments,
    )?;
    s.gap();

    let j = &k.justified;
    s.heading(&format!("{} ({closed_in})", r.t("Gegrond", "Justified")))?;
    s.note(r.t(
        "Aandeel van de klachten waarover geoordeeld is (ja + nee + deels); deels apart, niet bij ja geteld.",
        "Share of the complaints judged (yes + no + partly); partly apart, never counted as yes.",
    ))?;
    let judged = j.yes + j.no + j.partly;
    let judged_share = |n: u64| crate::metrics::stats::share(n, judged);
    let rows = vec![
        vec![
            Cell::text(r.t("ja", "yes")),
            Cell::count(j.yes),
            Cell::share(j.share_yes),
        ],
        vec![
            Cell::text(r.t("nee", "no")),
            Cell::count(j.no),
            Cell::share(judged_share(j.no)),
        ],
        vec![
            Cell::text(r.t("deels", "partly")),
            Cell::count(j.partly),
            Cell::share(judged_share(j.partly)),
        ],
        vec![
            Cell::text(r.t("niet vastgelegd", "not recorded")),
            Cell::count(j.unknown),
            Cell::Blank,
        ],
        vec![
            Cell::text(r.t("buiten beschouwing: onleesbaar", "left out: unreadable")),
            Cell::count(j.left_out),
            Cell::Blank,
        ],
    ];
    let columns = [
        Column::new(r.t("Gegrond", "Justified")),
        Column::new(r.t("Aantal", "Count")),
        Column::new(r.t("Aandeel van beoordeeld", "Share of judged")),
    ];
    s.table(r.t("Gegrond", "Justified"), &columns, rows)?;
    s.gap();

    let sat = &k.satisfaction;
    s.heading(&format!(
        "{} ({closed_in})",
        r.t(
            "Tevredenheid over de afhandeling",
            "Satisfaction with the handling"
        )
    ))?;
    s.note(r.t(
        "De schaal volgt uit alle antwoorden in het register: een score boven 5 betekent 1–10. Respons: antwoorden van de afgehandelde klachten.",
        "The scale follows from all answers in the register: a score above 5 means 1–10. Response: answers of the complaints closed.",
    ))?;
    let scale = sat.scale.map_or(
        r.t(
            "geen antwoorden in het register",
            "no answers in the register",
        ),
        |s| s.label(lang),
    );
    let rows = vec![
        line("Schaal", "Scale", Cell::text(scale)),
        line("Antwoorden", "Responses", Cell::count(sat.responses)),
        line("Respons", "Response rate", Cell::share(sat.response_rate)),
        line(
            "Gemiddelde score",
            "Mean score",
            Cell::num(sat.mean.map(round2), Style::Decimals),
        ),
        line("Tevreden", "Satisfied", Cell::share(sat.share_satisfied)),
        line(
            "Buiten beschouwing: antwoord onleesbaar",
            "Left out: answer unreadable",
            Cell::count(sat.left_out),
        ),
    ];
    figures(r, &mut s, r.t("Tevredenheid", "Satisfaction"), rows)?;

    s.heading(&format!(
        "{}: {}",
        r.t("Heropende klachten", "Reopened complaints"),
        k.reopened
    ))?;
    s.note(r.t(
        "Status heropend: na afhandeling opnieuw open (niet in één keer opgelost). Telt als open in alle cijfers, ook met een eerdere afhandeldatum. Leeftijd op de peildatum.",
        "Status reopened: open again after closing (not fixed first time). Counts as open in every figure, even with an earlier closed date. Age at the reference date.",
    ))?;
    super::overdue::open_list(r, &mut s, r.t("Heropend", "Reopened"), &t.reopened)?;
    s.finish()
}

/// The cells of a cost row after its group's name: complaints with a cost, the sum, the share.
fn cost_cells<K>(row: &CostRow<K>, name: &str) -> Vec<Cell> {
    vec![
        Cell::text(name),
        Cell::count(row.n),
        Cell::money(Some(row.total)),
        Cell::share(row.share),
    ]
}

/// A table of cost rows under the group's column title `group`.
fn cost_table(
    r: &Report,
    s: &mut Sheet,
    table: &str,
    group: &str,
    rows: impl Iterator<Item = Vec<Cell>>,
) -> Result<(), XlsxError> {
    let columns = [
        Column::capped(group, 45.0),
        Column::new(r.t("Klachten met kosten", "Complaints with a cost")),
        Column::new(r.t("Faalkosten", "Failure costs")),
        Column::new(r.t("Aandeel", "Share")),
    ];
    s.table(table, &columns, rows)?;
    Ok(())
}

/// A table of figures, a label and a value on each row, and the gap after it.
fn figures(r: &Report, s: &mut Sheet, name: &str, rows: Vec<Vec<Cell>>) -> Result<(), XlsxError> {
    let columns = [
        Column::new(r.t("Kengetal", "Figure")),
        Column::new(r.t("Waarde", "Value")),
    ];
    s.table(name, &columns, rows)?;
    s.gap();
    Ok(())
}
