//! The report workbook (SPEC §6): eleven sheets (SPEC's ten and *Faalkosten*), summary first,
//! each table a formatted Excel table with a bold title row, native charts to the right of the
//! tables, frozen title rows, A4 landscape printing.
//!
//! One module per sheet in `workbook/`; [`layout`] holds how a sheet is laid out. Text from
//! the register is always written with `write_string`, so a description such as
//! `=HYPERLINK("http://x","klik")` stays text and never becomes a formula. Identical input
//! gives identical bytes: the creation time is [`Provenance::generated`], and nothing is
//! written in hash order.

mod bulk;
mod causes;
mod channel;
mod costs;
mod findings;
mod layout;
mod native;
mod overdue;
mod provenance;
mod register;
mod repack;
mod summary;
mod times;
mod trend;
mod urgency;

use crate::base::location::{CellRef, FileIdx};
use crate::error::Error;
use crate::metrics::model::{DurationStats, Figures};
use crate::register::Finding;
use crate::register::{Channel, Nature, Register, Urgency};
use crate::render::text::{day, span};
use crate::Lang;
use bulk::Bulk;
use chrono::NaiveDateTime;
use layout::{Cell, Column, Formats, Sheet};
use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};
use std::path::Path;
pub(crate) use summary::quality_lines;

/// What the Verantwoording (provenance) sheet states besides the figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    pub tool_version: String,
    /// From `SOURCE_DATE_EPOCH` or now, decided by the caller; also the workbook's creation
    /// time, so that identical input gives identical bytes.
    pub generated: NaiveDateTime,
    pub company: Option<String>,
    /// The effective configuration as TOML.
    pub config_text: String,
    pub calendar_profile: String,
    /// (label, value) in the output language.
    pub targets: Vec<(String, String)>,
    pub command_line: String,
}

impl Provenance {
    /// What the report is and how it was made, as (item, value) in `lang`: the first table of
    /// the *Verantwoording* sheet and of the page's provenance.
    pub fn items(
        &self,
        k: &crate::metrics::model::Kpi,
        lang: Lang,
        show_names: bool,
    ) -> Vec<(&'static str, String)> {
        let (prev, ago) = (&k.previous.period, &k.year_ago.period);
        let labelled = |p: &crate::metrics::model::PeriodInfo| {
            format!("{}: {}", p.label, span(p.start, p.end, lang))
        };
        let item = |nl: &'static str, en: &'static str, value: String| (lang.pick(nl, en), value);
        vec![
            item(
                "Programma",
                "Program",
                format!("klacht {}", self.tool_version),
            ),
            item(
                "Gemaakt op",
                "Generated on",
                self.generated.format("%d-%m-%Y %H:%M:%S").to_string(),
            ),
            item(
                "Bedrijf",
                "Company",
                self.company
                    .clone()
                    .unwrap_or_else(|| lang.pick("(niet ingesteld)", "(not set)").to_string()),
            ),
            item("Periode", "Period", labelled(&k.period)),
            item("Peildatum", "Reference date", day(k.period.as_of)),
            item("Vorige periode", "Previous period", labelled(prev)),
            item("Jaar eerder", "Year earlier", labelled(ago)),
            item(
                "Kalenderprofiel",
                "Calendar profile",
                self.calendar_profile.clone(),
            ),
            item(
                "Taal",
                "Language",
                lang.pick("Nederlands", "English").into(),
            ),
            item(
                "Klantnamen",
                "Customer names",
                if show_names {
                    lang.pick("getoond (--show-names)", "shown (--show-names)")
                } else {
                    lang.pick("vervangen door pseudoniem", "replaced by pseudonym")
                }
                .into(),
            ),
            item("Opdracht", "Command", self.command_line.clone()),
        ]
    }
}

/// Everything the workbook shows.
pub struct WorkbookInput<'a> {
    pub figures: &'a Figures,
    pub register: &'a Register,
    /// All findings; the figures say which of them count for the period.
    pub findings: &'a [Finding],
    pub lang: Lang,
    /// Customer names instead of pseudonyms (`--show-names`).
    pub show_names: bool,
    pub provenance: &'a Provenance,
}

/// Sheet names in order for `lang`.
///
/// ```
/// use klacht::render::workbook::sheet_names;
/// use klacht::Lang;
/// assert_eq!(sheet_names(Lang::Nl)[0], "Samenvatting");
/// assert_eq!(sheet_names(Lang::En)[10], "Provenance");
/// ```
pub fn sheet_names(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Nl => [
            "Samenvatting",
            "Urgentie",
            "Kanaal en aard",
            "Achterstallig",
            "Doorlooptijden",
            "Oorzaken",
            "Faalkosten",
            "Trend",
            "Bevindingen",
            "Register",
            "Verantwoording",
        ],
        Lang::En => [
            "Summary",
            "Urgency",
            "Channel and nature",
            "Overdue",
            "Handling times",
            "Causes",
            "Failure costs",
            "Trend",
            "Findings",
            "Register",
            "Provenance",
        ],
    }
}

/// Writes the report workbook to `path` (the caller makes that a temporary file and renames
/// it into place).
///
/// ```no_run
/// # use klacht::render::workbook::{write_workbook, WorkbookInput};
/// # fn demo(input: &WorkbookInput) -> Result<(), klacht::Error> {
/// write_workbook("klachtenrapport-2026-Q3.xlsx".as_ref(), input)?;
/// # Ok(()) }
/// ```
pub fn write_workbook(path: &Path, input: &WorkbookInput) -> Result<(), Error> {
    let failed = |e: XlsxError| Error::output(path, e);
    let report = Report::new(input);
    let mut wb = build(&report).map_err(failed)?;
    report.bulk.save(&mut wb, path).map_err(failed)
}

fn build(report: &Report) -> Result<Workbook, XlsxError> {
    let input = report.input;
    let mut wb = Workbook::new();
    // Every format is numbered before anything is written: the sheets' long lists, written
    // straight as XML (bulk.rs), and the two lists written side by side depend on it.
    report.formats.register(&mut wb);
    // Excel's own level: a 1M-row register's report saves in 0.7× the time of the default
    // level 6 for a file 15 % larger (docs/performance.md).
    wb.set_zip_compression_level(repack::LEVEL as u8);
    let lang = input.lang;
    let kpi = &input.figures.kpi;
    let mut props = DocProperties::new()
        .set_title(format!(
            "{} {}",
            lang.pick("Klachtenrapport", "Complaints report"),
            kpi.period.label
        ))
        .set_author(format!("klacht {}", input.provenance.tool_version))
        .set_creation_datetime(&input.provenance.generated);
    if let Some(company) = &input.provenance.company {
        props = props.set_company(company);
    }
    wb.set_properties(&props);

    summary::write(report, wb.add_worksheet())?;
    urgency::write(report, wb.add_worksheet())?;
    channel::write(report, wb.add_worksheet())?;
    overdue::write(report, wb.add_worksheet())?;
    times::write(report, wb.add_worksheet())?;
    causes::write(report, wb.add_worksheet())?;
    costs::write(report, wb.add_worksheet())?;
    trend::write(report, wb.add_worksheet())?;
    // The two long lists are streamed (a big register must not need gigabytes) and written
    // side by side. So that the file does not depend on which thread came first, both keep
    // their texts in their cells (inline strings), as the bulk rows do.
    wb.add_worksheet_with_constant_memory()?;
    wb.add_worksheet_with_constant_memory()?;
    let [.., findings_ws, register_ws] = wb.worksheets_mut().as_mut_slice() else {
        return Err(XlsxError::ParameterError("two list sheets".into()));
    };
    let (f, r) = rayon::join(
        || findings::write(report, findings_ws),
        || register::write(report, register_ws),
    );
    f?;
    r?;
    provenance::write(report, wb.add_worksheet())?;
    Ok(wb)
}

/// What every sheet module needs: the input, the formats and the shared texts.
struct Report<'a> {
    input: &'a WorkbookInput<'a>,
    formats: Formats,
    /// The rows of lists too long for a table, written apart.
    bulk: Bulk,
    lang: Lang,
    /// More than one input file: the lists get a file column.
    many_files: bool,
    /// A CSV input: the lists get its line numbers.
    any_csv: bool,
}

impl<'a> Report<'a> {
    fn new(input: &'a WorkbookInput<'a>) -> Report<'a> {
        let sources = &input.register.sources;
        let formats = Formats::new(input.lang);
        Report {
            input,
            bulk: Bulk::new(&formats),
            formats,
            lang: input.lang,
            // Sheets of one workbook are told apart by their addresses (`2026!F17`).
            many_files: sources
                .iter()
                .any(|s| sources.first().is_some_and(|f| f.path != s.path)),
            any_csv: sources.iter().any(|s| s.sheet.is_none()),
        }
    }

    fn figures(&self) -> &'a Figures {
        self.input.figures
    }

    fn register(&self) -> &'a Register {
        self.input.register
    }

    fn t(&self, nl: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(nl, en)
    }

    /// Sheet `index` (0-based) with its title and the company/period line under it.
    fn sheet<'w>(
        &'w self,
        ws: &'w mut Worksheet,
        index: usize,
        title: &str,
    ) -> Result<Sheet<'w>, XlsxError> {
        let name = sheet_names(self.lang)[index];
        let period = &self.figures().kpi.period;
        let footer = format!(
            "&L{}&C{} — {}&R{}",
            layout::footer_text(&self.company_or_tool()),
            layout::footer_text(name),
            layout::footer_text(&period.label),
            self.t("pagina &P van &N", "page &P of &N"),
        );
        let bulk = (&self.bulk, index + 1);
        let mut s = Sheet::new(ws, &self.formats, bulk, name, self.lang, footer)?;
        s.title(title)?;
        s.subtitle(&self.period_line())?;
        s.freeze_here();
        s.gap();
        Ok(s)
    }

    /// The company for the page footer: Excel drops a footer over 255 characters, so a long
    /// name is cut.
    fn company_or_tool(&self) -> String {
        match &self.input.provenance.company {
            Some(c) if !c.trim().is_empty() => c.trim().chars().take(60).collect(),
            _ => "klacht".to_string(),
        }
    }

    /// `Koeltechniek B.V. · periode 2026-Q3: 01-07-2026 t/m 30-09-2026 · peildatum 30-09-2026`.
    fn period_line(&self) -> String {
        let p = &self.figures().kpi.period;
        let mut parts = Vec::new();
        if let Some(c) = self.input.provenance.company.as_deref().map(str::trim) {
            if !c.is_empty() {
                parts.push(c.to_string());
            }
        }
        parts.push(format!(
            "{} {}: {}",
            self.t("periode", "period"),
            p.label,
            span(p.start, p.end, self.lang)
        ));
        parts.push(format!(
            "{} {}",
            self.t("peildatum", "reference date"),
            day(p.as_of)
        ));
        parts.join("  ·  ")
    }

    /// Columns that say where a complaint sits in the input: file (with several files),
    /// cell, and line (CSV).
    fn trace_columns(&self) -> Vec<Column> {
        let mut cols = Vec::new();
        if self.many_files {
            cols.push(Column::capped(self.t("Bestand", "File"), 40.0));
        }
        cols.push(Column::new(self.t("Cel", "Cell")));
        if self.any_csv {
            cols.push(Column::new(self.t("CSV-regel", "CSV line")));
        }
        cols
    }

    /// The cells for [`Report::trace_columns`]: `at` is the cell (or row) concerned.
    fn trace_cells(&self, at: Option<CellRef>, file: FileIdx, line: Option<u64>) -> Vec<Cell> {
        let register = self.register();
        let mut cells = Vec::new();
        if self.many_files {
            let name = register.sources.get(usize::from(file)).map(|s| s.name());
            cells.push(Cell::opt_text(name.as_deref()));
        }
        cells.push(match at {
            Some(at) if at.col.is_some() => Cell::text(register.address(&at)),
            Some(at) => {
                let sheet = register
                    .sources
                    .get(usize::from(at.file))
                    .and_then(|s| s.sheet.as_deref());
                let row = format!("{} {}", self.t("rij", "row"), at.row + 1);
                Cell::text(match sheet {
                    Some(s) => format!("{s}: {row}"),
                    None => row,
                })
            }
            None => Cell::Blank,
        });
        if self.any_csv {
            cells.push(Cell::num(line.map(|l| l as f64), layout::Style::Whole));
        }
        cells
    }
}

/// `1`…`8`, or `geen` for unclassified: the category column of the urgency tables.
fn urgency_code(u: Option<Urgency>, lang: Lang) -> String {
    match u {
        Some(u) => u.number().to_string(),
        None => lang.pick("geen", "none").to_string(),
    }
}

/// The procedure's label, or what unclassified means.
fn urgency_label(u: Option<Urgency>, lang: Lang) -> &'static str {
    match u {
        Some(u) => u.label(lang),
        None => lang.pick(
            "ongeclassificeerd (geen urgentie vastgelegd)",
            "unclassified (no urgency recorded)",
        ),
    }
}

/// `Urgentie 5` or `Ongeclassificeerd`, for group columns.
fn urgency_group(u: Option<Urgency>, lang: Lang) -> String {
    match u {
        Some(u) => format!("{} {}", lang.pick("Urgentie", "Urgency"), u.number()),
        None => lang.pick("Ongeclassificeerd", "Unclassified").to_string(),
    }
}

fn not_recorded(lang: Lang) -> &'static str {
    lang.pick("niet vastgelegd", "not recorded")
}

fn nature_label(n: Option<Nature>, lang: Lang) -> &'static str {
    n.map_or(not_recorded(lang), |n| n.label(lang))
}

fn channel_label(c: Option<Channel>, lang: Lang) -> &'static str {
    c.map_or(not_recorded(lang), |c| c.label(lang))
}

/// The p90 cell: blank without data, "n te klein" with fewer than five values.
fn p90_cell(stats: &DurationStats, lang: Lang) -> Cell {
    match (stats.n, stats.p90) {
        (0, _) => Cell::Blank,
        (_, Some(v)) => Cell::whole(Some(v)),
        (_, None) => Cell::marked(lang.pick("n te klein", "n too small"), layout::Style::Right),
    }
}

#[cfg(test)]
mod tests;
