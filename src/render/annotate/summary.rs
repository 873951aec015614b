//! The summary sheet: findings counted per rule, each linked to its first cell and with the
//! first sentence of the rule's explanation, and what the copy could not hold.

use super::copy::Styles;
use super::plan::{cell_of, SheetPlan};
use super::Limits;
use crate::base::location::CellRef;
use crate::base::{Rule, Severity};
use crate::error::Result;
use crate::register::Finding;
use crate::register::Register;
use crate::render::explain;
use crate::Lang;
use rust_xlsxwriter::{Url, Worksheet, XlsxError};
use std::collections::HashMap;

/// Row of the summary's table heading (0-based); the rows above it stay in view.
const SUMMARY_HEADER_ROW: u32 = 7;

/// Per rule: severity, count, the first finding, and where that finding is in the copy.
struct RuleLine<'a> {
    pub(super) rule: Rule,
    pub(super) severity: Severity,
    pub(super) count: u64,
    pub(super) first: &'a Finding,
    pub(super) at: Option<(usize, u32, u32)>,
}

/// The first sheet: totals, how to read the copy, the findings per rule with a link to the
/// first cell of each, the findings about whole files, the sheets and what did not fit.
pub(super) fn write_summary(
    ws: &mut Worksheet,
    register: &Register,
    findings: &[Finding],
    plans: &[SheetPlan],
    limits: &Limits,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    let counts = crate::rules::Counts::of(findings);
    let title = lang.pick(
        "Klachtenregister met bevindingen",
        "Complaint register with findings",
    );
    ws.write_string_with_format(0, 0, title, &styles.title)?;
    let total = crate::messages::fill(
        lang.pick(
            "{n} bevindingen: {e} fouten, {w} waarschuwingen, {i} info.",
            "{n} findings: {e} errors, {w} warnings, {i} info.",
        ),
        &[
            ("n", &findings.len().to_string()),
            ("e", &counts.error.to_string()),
            ("w", &counts.warning.to_string()),
            ("i", &counts.info.to_string()),
        ],
    );
    ws.write_string(1, 0, total)?;
    let explanation = [
        lang.pick(
            "Dit is een kopie van het register zoals het gelezen is, met dezelfde celadressen; het origineel is niet gewijzigd.",
            "This is a copy of the register as it was read, with the same cell addresses; the original is unchanged.",
        ),
        lang.pick(
            "Elke cel met een bevinding is gekleurd naar ernst en heeft een notitie met de regel, de melding en de uitleg: wijs de cel met het rode driehoekje aan. Meer over een regel: klacht uitleg REGEL.",
            "Every cell with a finding is coloured by severity and has a note with the rule, the message and its explanation: point at the cell with the red triangle. More on a rule: klacht explain RULE.",
        ),
        lang.pick(
            "Een bevinding over een hele rij staat in de eerste cel van die rij; een bevinding over een heel bestand staat alleen op dit blad.",
            "A finding about a whole row is on the first cell of that row; a finding about a whole file is on this sheet only.",
        ),
    ];
    for (i, line) in explanation.into_iter().enumerate() {
        ws.write_string(2 + i as u32, 0, line)?;
    }
    ws.write_string_with_format(5, 0, lang.pick("Kleuren:", "Colours:"), &styles.bold)?;
    for (i, s) in [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .enumerate()
    {
        ws.write_string_with_format(5, 1 + i as u16, s.label(lang), styles.severity(s))?;
    }

    let mut r = SUMMARY_HEADER_ROW;
    // Widest text in the column of links and file names.
    let mut place_width = 0usize;
    let heads = [
        lang.pick("Regel", "Rule"),
        lang.pick("Stap", "Step"),
        lang.pick("Ernst", "Severity"),
        lang.pick("Aantal", "Count"),
        lang.pick("Eerste cel", "First cell"),
        lang.pick("Eerste melding", "First message"),
        lang.pick(
            "Uitleg (klacht uitleg REGEL)",
            "Explanation (klacht explain RULE)",
        ),
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &styles.bold)?;
    }
    r += 1;
    for line in rule_lines(register, findings, plans, limits) {
        ws.write_string(r, 0, line.rule.code())?;
        ws.write_string(r, 1, line.rule.step().label(lang))?;
        let severity = styles.severity(line.severity);
        ws.write_string_with_format(r, 2, line.severity.label(lang), severity)?;
        ws.write_number(r, 3, line.count as f64)?;
        match line.at {
            Some((sheet, row, col)) => {
                let name = &plans[sheet].name;
                let a1 = CellRef::cell(0, row, col).a1();
                // The target is built here from our own sheet name and a cell address,
                // never from text in the register.
                let link = format!("internal:'{}'!{a1}", name.replace('\'', "''"));
                let text = format!("{name}!{a1}");
                place_width = place_width.max(text.chars().count());
                ws.write_url(r, 4, Url::new(link).set_text(text))?;
            }
            None => {
                ws.write_string(
                    r,
                    4,
                    lang.pick("heel bestand, zie onder", "whole file, see below"),
                )?;
            }
        }
        ws.write_string(r, 5, line.first.message(register, lang))?;
        ws.write_string(r, 6, explain::summary(line.rule, lang))?;
        r += 1;
    }
    if findings.is_empty() {
        ws.write_string(r, 0, lang.pick("Geen bevindingen.", "No findings."))?;
        r += 1;
    }

    let whole_file: Vec<&Finding> = findings
        .iter()
        .filter(|f| cell_of(register, f).is_none())
        .collect();
    if !whole_file.is_empty() {
        r += 1;
        let head = lang.pick(
            "Bevindingen over een heel bestand",
            "Findings about a whole file",
        );
        ws.write_string_with_format(r, 0, head, &styles.bold)?;
        r += 1;
        for f in whole_file {
            let file = register.source_name(f.file);
            ws.write_string(r, 0, f.rule.code())?;
            ws.write_string(r, 1, f.rule.step().label(lang))?;
            let severity = styles.severity(f.severity);
            ws.write_string_with_format(r, 2, f.severity.label(lang), severity)?;
            place_width = place_width.max(file.chars().count());
            ws.write_string(r, 4, &file)?;
            ws.write_string(r, 5, f.message(register, lang))?;
            ws.write_string(r, 6, explain::summary(f.rule, lang))?;
            r += 1;
        }
    }

    r += 1;
    let head = lang.pick("Bladen in deze kopie", "Sheets in this copy");
    ws.write_string_with_format(r, 0, head, &styles.bold)?;
    r += 1;
    for (source, plan) in register.sources.iter().zip(plans) {
        let sheet = source
            .sheet
            .as_ref()
            .map(|s| crate::messages::fill(lang.pick(", blad {s}", ", sheet {s}"), &[("s", s)]))
            .unwrap_or_default();
        let line = crate::messages::fill(
            lang.pick(
                "Blad {name}: {file}{sheet}, kopregel op rij {row}.",
                "Sheet {name}: {file}{sheet}, header on row {row}.",
            ),
            &[
                ("name", &plan.name),
                ("file", &source.name()),
                ("sheet", &sheet),
                ("row", &(source.header_row + 1).to_string()),
            ],
        );
        ws.write_string(r, 0, line)?;
        r += 1;
    }
    for p in &register.passed_over {
        let line = crate::messages::fill(
            lang.pick(
                "Niet gelezen: {file}, blad {sheet} ({reason}).",
                "Not read: {file}, sheet {sheet} ({reason}).",
            ),
            &[
                ("file", &p.name()),
                ("sheet", &p.sheet),
                ("reason", p.reason.label(lang)),
            ],
        );
        ws.write_string(r, 0, line)?;
        r += 1;
    }

    let warnings = limit_lines(plans, limits, lang);
    if !warnings.is_empty() {
        r += 1;
        ws.write_string_with_format(r, 0, lang.pick("Let op", "Note"), &styles.bold)?;
        r += 1;
        for w in warnings {
            ws.write_string_with_format(r, 0, &w, styles.severity(Severity::Warning))?;
            r += 1;
        }
    }

    let place_width = place_width.clamp(24, 45) as f64 + 1.0;
    for (c, w) in [26.0, 20.0, 14.0, 8.0, place_width, 90.0, 90.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_freeze_panes(SUMMARY_HEADER_ROW + 1, 0)?;
    ws.set_landscape().set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The per-rule lines of the summary: errors first, then warnings, then info; within a
/// severity in catalogue order.
fn rule_lines<'a>(
    register: &Register,
    findings: &'a [Finding],
    plans: &[SheetPlan],
    limits: &Limits,
) -> Vec<RuleLine<'a>> {
    let mut by_rule: HashMap<Rule, RuleLine<'a>> = HashMap::new();
    for f in findings {
        let at = cell_of(register, f)
            .filter(|at| limits.contains(at.row, at.col.unwrap_or(0)))
            .filter(|at| usize::from(at.file) < plans.len())
            .map(|at| (usize::from(at.file), at.row, at.col.unwrap_or(0)));
        let line = by_rule.entry(f.rule).or_insert(RuleLine {
            rule: f.rule,
            severity: f.severity,
            count: 0,
            first: f,
            at,
        });
        line.count += 1;
        if line.at.is_none() && at.is_some() {
            line.at = at;
            line.first = f;
        }
    }
    let mut lines: Vec<RuleLine<'a>> = by_rule.into_values().collect();
    lines.sort_by_key(|l| (std::cmp::Reverse(l.severity), l.rule));
    lines
}

/// What could not be copied or annotated whole, per sheet, for the summary.
fn limit_lines(plans: &[SheetPlan], limits: &Limits, lang: Lang) -> Vec<String> {
    let rows = limits.rows.to_string();
    let col = crate::base::location::column_letters(limits.cols - 1);
    let notes = limits.notes.to_string();
    let mut out = Vec::new();
    for plan in plans {
        let c = &plan.copied;
        let sheet = plan.name.as_str();
        let mut say = |n: u64, nl: &str, en: &str| {
            if n > 0 {
                out.push(crate::messages::fill(
                    lang.pick(nl, en),
                    &[
                        ("sheet", sheet),
                        ("n", &n.to_string()),
                        ("rows", &rows),
                        ("col", &col),
                        ("notes", &notes),
                    ],
                ));
            }
        };
        say(
            c.rows_beyond,
            "Blad {sheet}: rijen voorbij de laatste rij van Excel ({rows}), niet gekopieerd: {n}.",
            "Sheet {sheet}: rows beyond Excel's last row ({rows}), not copied: {n}.",
        );
        say(
            c.cells_beyond,
            "Blad {sheet}: cellen voorbij de laatste kolom van Excel ({col}), niet gekopieerd: {n}.",
            "Sheet {sheet}: cells beyond Excel's last column ({col}), not copied: {n}.",
        );
        say(
            c.marks_beyond,
            "Blad {sheet}: cellen met een bevinding buiten het blad van Excel, niet gemarkeerd: {n}; zie de lijst met bevindingen (--findings).",
            "Sheet {sheet}: cells with a finding outside Excel's sheet, not marked: {n}; see the list of findings (--findings).",
        );
        say(
            c.truncated,
            "Blad {sheet}: teksten langer dan de 32767 tekens die een cel kan bevatten, ingekort: {n}.",
            "Sheet {sheet}: texts longer than the 32767 characters a cell can hold, cut short: {n}.",
        );
        say(
            c.notes_skipped,
            "Blad {sheet}: cellen met een bevinding die wel gekleurd zijn maar geen notitie hebben (hoogstens {notes} notities per blad): {n}; zie de lijst met bevindingen (--findings).",
            "Sheet {sheet}: cells with a finding that are coloured but have no note (at most {notes} notes per sheet): {n}; see the list of findings (--findings).",
        );
    }
    out
}
