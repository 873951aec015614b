//! Sheet 8, *Bevindingen*: the findings that count for the period (on its complaints, plus
//! those about files and excluded rows) — a count per rule, then the full list with the cell
//! to repair; both with the first sentence of the rule's explanation (`klacht uitleg`).
//! Streamed: a big register can have more findings than a sheet has rows.

use super::layout::{Cell, Column, Style};
use super::Report;
use crate::base::{Rule, Severity};
use crate::register::Finding;
use crate::render::explain;
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::collections::BTreeMap;

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let lang = r.lang;
    let register = r.register();
    let all = r.input.findings;
    let chosen: Vec<&Finding> = r
        .figures()
        .tables
        .findings
        .iter()
        .filter_map(|&i| all.get(i))
        .collect();
    let mut s = r.sheet(
        ws,
        8,
        r.t("Bevindingen van de controle", "Validation findings"),
    )?;
    s.note(r.t(
        "Bevindingen over de klachten die voor de periode meetellen (ontvangen, afgehandeld of open in de periode) en over de bestanden zelf.",
        "Findings on the complaints that matter for the period (received, closed or open in it) and on the files themselves.",
    ))?;
    s.gap();

    s.heading(r.t("Aantal per controleregel", "Count per rule"))?;
    let mut per_rule: BTreeMap<Rule, (Severity, u64)> = BTreeMap::new();
    for f in &chosen {
        per_rule.entry(f.rule).or_insert((f.severity, 0)).1 += 1;
    }
    let columns = [
        Column::new(r.t("Code", "Code")),
        Column::new(r.t("Stap", "Step")),
        Column::new(r.t("Ernst", "Severity")),
        Column::new(r.t("Aantal", "Count")),
        // Narrow: the sentence runs on into the empty cells right of the table, and the
        // column stays as wide as the list below needs it (its cell addresses).
        Column::capped(r.t("Uitleg", "Explanation"), 12.0),
    ];
    let rows = per_rule.iter().map(|(rule, (severity, n))| {
        vec![
            Cell::text(rule.code()),
            Cell::text(rule.step().label(lang)),
            severity_cell(*severity, lang),
            Cell::count(*n),
            Cell::text(explain::summary(*rule, lang)),
        ]
    });
    s.table(
        r.t("BevindingenPerRegel", "FindingsPerRule"),
        &columns,
        rows,
    )?;
    s.total_row(&[
        Cell::text(r.t("Totaal", "Total")),
        Cell::Blank,
        Cell::Blank,
        Cell::count(chosen.len() as u64),
        Cell::Blank,
    ])?;
    s.gap();

    s.heading(r.t("Alle bevindingen", "All findings"))?;
    let mut columns = vec![
        Column::new(r.t("Ernst", "Severity")),
        Column::new(r.t("Code", "Code")),
        Column::new(r.t("Stap", "Step")),
        Column::new(r.t("Klachtnummer", "Complaint number")),
    ];
    columns.extend(r.trace_columns());
    columns.extend([
        Column::capped(r.t("Waarde", "Value"), 30.0),
        Column::capped(r.t("Melding", "Message"), 100.0),
        Column::capped(r.t("Uitleg", "Explanation"), 100.0),
    ]);
    let rows = |i: usize| {
        let Some(f) = chosen.get(i) else {
            return Vec::new();
        };
        let id = f
            .complaint
            .and_then(|i| register.complaints.get(i))
            .map(|c| c.id.as_str());
        let line =
            f.at.filter(|_| r.any_csv)
                .and_then(|at| register.line(at.file, at.row));
        let mut cells = vec![
            severity_cell(f.severity, lang),
            Cell::text(f.rule.code()),
            Cell::text(f.rule.step().label(lang)),
            Cell::opt_text(id),
        ];
        cells.extend(r.trace_cells(f.at, f.file, line));
        cells.extend([
            Cell::text(f.value.as_str()),
            Cell::text(f.message(register, lang)),
            Cell::text(explain::summary(f.rule, lang)),
        ]);
        cells
    };
    let list = s.list(
        r.t("Bevindingenlijst", "FindingsList"),
        &columns,
        chosen.len(),
        rows,
        r.t(
            "De volledige lijst: klacht check REGISTER --findings bevindingen.csv",
            "The full list: klacht check REGISTER --findings findings.csv",
        ),
    )?;
    s.repeat_header(&list);
    s.finish()
}

fn severity_cell(s: Severity, lang: crate::Lang) -> Cell {
    let style = match s {
        Severity::Error => Style::Error,
        Severity::Warning => Style::Warning,
        Severity::Info => Style::Info,
    };
    Cell::marked(s.label(lang), style)
}
