//! Sheet 10, *Verantwoording*: what the report was made from and how — tool version,
//! generation time, period, reference date, targets, calendar, the input files with SHA-256 and
//! row counts, how their columns were recognised, the rows that were not complaints, the
//! effective configuration and the glossary of the figures. An auditor can redo the report from this sheet.

use super::layout::{Cell, Column};
use super::Report;
use crate::base::location::CellRef;
use crate::base::DayOrder;
use crate::register::MatchKind;
use crate::render::glossary::glossary;
use crate::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let lang = r.lang;
    let p = r.input.provenance;
    let k = &r.figures().kpi;
    let register = r.register();
    let mut s = r.sheet(
        ws,
        10,
        r.t(
            "Verantwoording: waarvan en hoe dit rapport is gemaakt",
            "Provenance: what this report was made from and how",
        ),
    )?;

    s.heading(r.t("Rapport", "Report"))?;
    let columns = [
        Column::new(r.t("Onderdeel", "Item")),
        Column::capped(r.t("Waarde", "Value"), 80.0),
    ];
    let rows = p
        .items(k, lang, r.input.show_names)
        .into_iter()
        .map(|(label, value)| vec![Cell::text(label), Cell::text(value)]);
    s.table(r.t("Rapportgegevens", "ReportDetails"), &columns, rows)?;
    s.gap();

    s.heading(r.t("Normen (streeftermijnen)", "Targets"))?;
    let columns = [
        Column::new(r.t("Norm", "Target")),
        Column::capped(r.t("Waarde", "Value"), 80.0),
    ];
    let rows = p
        .targets
        .iter()
        .map(|(label, value)| vec![Cell::text(label.as_str()), Cell::text(value.as_str())]);
    s.table(r.t("Normen", "Targets"), &columns, rows)?;
    s.gap();

    s.heading(r.t("Invoerbestanden", "Input files"))?;
    let columns = [
        Column::capped(r.t("Bestand", "File"), 50.0),
        Column::new(r.t("Formaat", "Format")),
        Column::new(r.t("Blad", "Sheet")),
        Column::new(r.t("Tekencodering", "Encoding")),
        Column::new(r.t("Scheidingsteken", "Separator")),
        Column::new(r.t("Kopregel (rij)", "Header (row)")),
        Column::new("SHA-256"),
        Column::new(r.t("Bytes", "Bytes")),
        Column::new(r.t("Rijen gelezen", "Rows read")),
        Column::new(r.t("Gebruikt", "Used")),
        Column::new(r.t("Uitgesloten", "Excluded")),
        Column::new(r.t("Leeg", "Blank")),
    ];
    let rows = register.sources.iter().map(|src| {
        vec![
            Cell::text(src.path.display().to_string()),
            Cell::text(src.format),
            Cell::opt_text(src.sheet.as_deref()),
            Cell::opt_text(src.encoding),
            Cell::opt_text(src.separator.map(|c| separator_name(c, lang)).as_deref()),
            Cell::count(u64::from(src.header_row) + 1),
            Cell::text(src.sha256.as_str()),
            Cell::count(src.bytes),
            Cell::count(src.rows.read),
            Cell::count(src.rows.used),
            Cell::count(src.rows.excluded),
            Cell::count(src.rows.blank),
        ]
    });
    s.table(r.t("Invoerbestanden", "InputFiles"), &columns, rows)?;
    let rows_all = register.rows();
    let mut total = vec![Cell::text(r.t("Totaal", "Total"))];
    total.extend(std::iter::repeat_n(Cell::Blank, 7));
    total.extend([
        Cell::count(rows_all.read),
        Cell::count(rows_all.used),
        Cell::count(rows_all.excluded),
        Cell::count(rows_all.blank),
    ]);
    s.total_row(&total)?;
    s.gap();

    if !register.passed_over.is_empty() {
        s.heading(r.t("Bladen die niet gelezen zijn", "Sheets not read"))?;
        let columns = [
            Column::capped(r.t("Bestand", "File"), 50.0),
            Column::new(r.t("Blad", "Sheet")),
            Column::new(r.t("Reden", "Reason")),
        ];
        let rows = register.passed_over.iter().map(|p| {
            vec![
                Cell::text(p.path.display().to_string()),
                Cell::text(p.sheet.as_str()),
                Cell::text(p.reason.label(lang)),
            ]
        });
        s.table(r.t("NietGelezenBladen", "SheetsNotRead"), &columns, rows)?;
        s.gap();
    }

    s.heading(r.t("Herkende kolommen", "Recognised columns"))?;
    let columns = [
        Column::capped(r.t("Bestand", "File"), 40.0),
        Column::new(r.t("Cel", "Cell")),
        Column::capped(r.t("Kop in het register", "Header in the register"), 40.0),
        Column::new(r.t("Veld", "Field")),
        Column::new(r.t("Herkend als", "Recognised as")),
    ];
    let rows: Vec<Vec<Cell>> = register
        .sources
        .iter()
        .enumerate()
        .flat_map(|(i, src)| {
            src.columns
                .iter()
                .filter(|c| !c.header.is_empty() || c.field.is_some())
                .map(move |c| {
                    let at = CellRef::cell(i as u16, src.header_row, c.col);
                    vec![
                        Cell::text(src.name()),
                        Cell::text(src.address(&at)),
                        Cell::text(c.header.as_str()),
                        Cell::text(match c.field {
                            Some(f) => format!("{} ({})", f.header(lang), f.key()),
                            None => "—".to_string(),
                        }),
                        Cell::text(match_label(c.how, lang)),
                    ]
                })
        })
        .collect();
    s.table(r.t("Kolommen", "Columns"), &columns, rows)?;
    s.gap();

    s.heading(r.t(
        "Dag en maand in datumkolommen",
        "Day and month in date columns",
    ))?;
    let columns = [
        Column::capped(r.t("Bestand", "File"), 40.0),
        Column::new(r.t("Veld", "Field")),
        Column::new(r.t("Gelezen als", "Read as")),
        Column::new(r.t("Waarden dag-eerst", "Values day first")),
        Column::new(r.t("Waarden maand-eerst", "Values month first")),
    ];
    let rows: Vec<Vec<Cell>> = register
        .sources
        .iter()
        .enumerate()
        .flat_map(|(i, src)| {
            let name = register.source_name(i as u16);
            src.date_columns.iter().map(move |d| {
                vec![
                    Cell::text(name.as_str()),
                    Cell::text(d.field.header(lang)),
                    Cell::text(match d.order {
                        DayOrder::DayFirst => lang.pick("dag-maand-jaar", "day-month-year"),
                        DayOrder::MonthFirst => lang.pick("maand-dag-jaar", "month-day-year"),
                    }),
                    Cell::count(d.day_first_evidence),
                    Cell::count(d.month_first_evidence),
                ]
            })
        })
        .collect();
    s.table(r.t("Datumkolommen", "DateColumns"), &columns, rows)?;
    s.gap();

    s.heading(r.t("Rijen die geen klacht zijn", "Rows that are not complaints"))?;
    let columns = [
        Column::capped(r.t("Bestand", "File"), 40.0),
        Column::new(r.t("Rij", "Row")),
        Column::new(r.t("Reden", "Reason")),
        Column::capped(r.t("Tekst in de rij", "Text in the row"), 60.0),
    ];
    let exclusions = &register.exclusions;
    let rows = |i: usize| {
        let Some(e) = exclusions.get(i) else {
            return Vec::new();
        };
        let file = register.source_name(e.file);
        vec![
            Cell::text(file),
            Cell::count(u64::from(e.row) + 1),
            Cell::text(e.reason.label(lang)),
            Cell::text(e.text.as_str()),
        ]
    };
    s.list(
        r.t("UitgeslotenRijen", "ExcludedRows"),
        &columns,
        exclusions.len(),
        rows,
        r.t(
            "De volledige lijst: klacht check REGISTER --json",
            "The full list: klacht check REGISTER --json",
        ),
    )?;
    s.gap();

    s.heading(r.t(
        "Configuratie (zoals toegepast)",
        "Configuration (as applied)",
    ))?;
    s.mono_lines(&p.config_text)?;
    s.gap();

    // The same glossary closes the page (render::glossary).
    s.heading(r.t("Begrippen", "Glossary"))?;
    let columns = [
        Column::new(r.t("Begrip", "Term")),
        Column::capped(r.t("Betekenis", "Meaning"), 100.0),
    ];
    let rows = glossary(lang)
        .into_iter()
        .map(|(term, meaning)| vec![Cell::text(term), Cell::text(meaning)]);
    s.table(r.t("Begrippen", "Glossary"), &columns, rows)?;
    s.finish()
}

fn separator_name(c: char, lang: Lang) -> String {
    match c {
        '\t' => "tab".to_string(),
        ' ' => lang.pick("spatie", "space").to_string(),
        c => c.to_string(),
    }
}

fn match_label(how: Option<MatchKind>, lang: Lang) -> &'static str {
    match how {
        Some(MatchKind::Configured) => lang.pick("ingesteld in klacht.toml", "set in klacht.toml"),
        Some(MatchKind::Exact) => lang.pick("bekende kop", "known header"),
        Some(MatchKind::Prefix) => {
            lang.pick("begint met bekende kop", "starts with a known header")
        }
        Some(MatchKind::Contains) => lang.pick("bevat bekende kop", "contains a known header"),
        None => lang.pick(
            "niet herkend (bewaard op blad Register)",
            "not recognised (kept on the Register sheet)",
        ),
    }
}
