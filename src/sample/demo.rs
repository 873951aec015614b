//! The bundled demo register: the fictional company's complaints from January 2025 to
//! September 2026 as a quality manager keeps them by hand in Excel, and the same sheet saved
//! by Dutch Excel as "CSV (;)". Both files come from one seeded generation laid out as one
//! grid of cells, so they hold the same complaints cell for cell.

use super::clean::{properties, push_csv_field};
use super::content::{self, DEPARTMENTS, STAFF};
use super::model::{self, Generator, Row};
use super::rng::Rng;
use super::volume::{self, VolumeLine};
use super::{output_error, write_atomically, PlantedCounts, WrittenCause};
use crate::base::location::column_letters;
use crate::error::Result;
use crate::register::{Channel, HandlingMode, Justified, Nature, Status};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rust_xlsxwriter::{Color, Format, FormatBorder, Formula, Workbook, Worksheet, XlsxError};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The seed of the demo files (chosen so that every kind of gap occurs at least once).
const DEMO_SEED: u64 = 2026;
const DEMO_ROWS: usize = 350;
const SHEET: &str = "Klachtenregister";

/// The header row as the company wrote it: real-world variants, not the template's headers,
/// and one column (`Plaats`) the tool does not know.
const HEADERS: [&str; 22] = [
    "Klachtnr.",
    "Datum ontvangst",
    "Ontvangen via",
    "Klantnaam",
    "Plaats",
    "Werkbonnr.",
    "Omschrijving klacht",
    "T/NT",
    "Cat.",
    "Behandelaar",
    "Beoordeeld door",
    "Gesprek/schriftelijk",
    "Ontvangst bevestigd",
    "Afdeling",
    "Oorzaak",
    "Genomen maatregel",
    "Afgehandeld op",
    "Status",
    "Gegrond",
    "Kosten",
    "Opmerkingen",
    // Added when the company began asking customers (last, so no other column moved).
    "Tevredenheid",
];
const COL_RECEIVED: usize = 1;
const COL_DESCRIPTION: usize = 6;
const COL_COST: usize = 19;

/// Rows above the header in the workbook: title, blank, two notes.
const TITLE_ROWS: u32 = 4;

/// One cell of the demo sheet.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Int(u32),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    /// Euros in cents, shown as `€ 1.234,50`.
    Money(u32),
    /// A formula with its cached result.
    Formula(String, Box<Cell>),
}

/// Layout and spelling quirks of the demo files, counted while laying them out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoQuirks {
    /// Rows above the header in the workbook (title, blank, notes).
    pub title_rows: usize,
    /// Blank rows between complaints.
    pub blank_rows: usize,
    /// Rows with one note and nothing else (a year separator).
    pub note_rows: usize,
    pub totals_rows: usize,
    /// Columns the tool does not know (`Plaats`).
    pub unmapped_columns: usize,
    /// Dates typed as text (`3 maart 2026`, `12-3-26`, `05/01/2025`, `3-3-2026`), per column:
    /// received, acknowledged, closed.
    pub text_received_dates: usize,
    pub text_ack_dates: usize,
    pub text_closed_dates: usize,
    /// Received dates with a time of day.
    pub received_with_time: usize,
    /// Urgency written `cat. 5`.
    pub urgency_cat_prefix: usize,
    /// Urgency written as number and (shortened) label.
    pub urgency_with_label: usize,
    /// `n.v.t.`, `-` or `?` standing for an empty cell.
    pub blank_markers: usize,
    /// Costs typed as text (`€ 95`) instead of a number.
    pub cost_as_text: usize,
    /// Cells with `;` or `"` (quoted in the CSV).
    pub quoted_csv_cells: usize,
    /// Cells with a line break (Alt+Enter).
    pub multiline_cells: usize,
    /// Handlers written by first name only.
    pub handler_first_name: usize,
}

impl DemoQuirks {
    /// Each quirk with its count, described in Dutch / English as in `sample-data/README.md`.
    pub fn list(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("rijen boven de kopregel: titel, lege regel, notities / rows above the header", self.title_rows),
            ("lege regel tussen de klachten / blank row between complaints", self.blank_rows),
            ("notitieregel `2026` als jaarscheiding / note row as year separator", self.note_rows),
            ("totaalregel `Totaal` met aantal en som kosten / totals row with count and cost sum", self.totals_rows),
            ("onbekende kolom `Plaats` / unmapped column", self.unmapped_columns),
            ("datum ontvangst als tekst / received date typed as text", self.text_received_dates),
            ("ontvangst bevestigd als tekst / acknowledgement date typed as text", self.text_ack_dates),
            ("afgehandeld op als tekst / closed date typed as text", self.text_closed_dates),
            ("datum ontvangst met tijd / received date with a time", self.received_with_time),
            ("urgentie als `cat. 5` / urgency written `cat. 5`", self.urgency_cat_prefix),
            ("urgentie met label, `2 - aangetekende brief met…` / urgency with label", self.urgency_with_label),
            ("`n.v.t.`, `-` of `?` voor leeg / markers meaning empty", self.blank_markers),
            ("kosten als tekst, `€ 95` / cost typed as text", self.cost_as_text),
            ("cel met `;` of `\"`, in de CSV tussen aanhalingstekens / cell quoted in the CSV", self.quoted_csv_cells),
            ("cel met regeleinde (Alt+Enter) / cell with a line break", self.multiline_cells),
            ("behandelaar alleen met voornaam / handler by first name only", self.handler_first_name),
        ]
    }
}

struct Demo {
    /// The header and every row below it, as in the CSV export.
    grid: Vec<Vec<Cell>>,
    planted: PlantedCounts,
    quirks: DemoQuirks,
}

/// The procedure gaps planted in the demo files.
pub fn demo_planted() -> PlantedCounts {
    build().planted
}

/// The causes the demo files write, in register order, each with the cause it is.
pub fn demo_causes() -> Vec<WrittenCause> {
    demo_rows()
        .0
        .iter()
        .filter_map(Row::written_cause)
        .collect()
}

/// The layout and spelling quirks of the demo files.
pub fn demo_quirks() -> DemoQuirks {
    build().quirks
}

/// Writes the demo workbook (`sample-data/klachtenregister-2025-2026.xlsx`).
pub fn write_demo_workbook(out: &Path) -> Result<()> {
    let demo = build();
    write_atomically(out, |tmp| write_workbook(&demo, tmp))
}

/// Writes the demo CSV (`sample-data/klachtenregister-2025-2026.csv`): Windows-1252, `;`, CRLF.
pub fn write_demo_csv(out: &Path) -> Result<()> {
    let demo = build();
    let text = csv_text(&demo.grid);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    if unmappable {
        return Err(output_error(
            out,
            &"tekst past niet in Windows-1252 (text not representable in Windows-1252)",
        ));
    }
    write_atomically(out, |tmp| {
        std::fs::write(tmp, &bytes).map_err(|e| output_error(tmp, &e))
    })
}

/// The work orders that go with the demo register, per month and department.
pub fn demo_volume() -> Vec<VolumeLine> {
    let (start, end) = demo_period();
    volume::volume_of(DEMO_ROWS, DEMO_SEED, start, end)
}

/// Writes the demo's work orders (`sample-data/werkbonnen-2025-2026.csv`), which
/// `examples/volume.toml` names.
pub fn write_demo_volume(out: &Path) -> Result<()> {
    volume::write_volume(&demo_volume(), crate::Lang::Nl, out)
}

/// A date as someone types it: `3 maart 2026`, `12-3-26`, `05/01/2025` or `3-3-2026`.
fn typed_date(d: NaiveDate, style: u32) -> String {
    let (day, month, year) = (d.day(), d.month(), d.year());
    match style {
        // `month0` is 0–11, and there are twelve months.
        0 => format!("{day} {} {year}", crate::Lang::Nl.month(d.month())),
        1 => format!("{day}-{month}-{:02}", year % 100),
        2 => format!("{day:02}/{month:02}/{year}"),
        _ => format!("{day}-{month}-{year}"),
    }
}

/// Renders the generated rows into the hand-kept sheet's cells.
struct Layout {
    rng: Rng,
    names: HashMap<u32, (String, &'static str)>,
    used_names: HashSet<String>,
    quirks: DemoQuirks,
}

impl Layout {
    fn text(&self, s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// One of the spellings people use, with weights.
    fn spelling(&mut self, options: &[(&str, u32)]) -> Cell {
        let weights: Vec<u32> = options.iter().map(|o| o.1).collect();
        let i = self.rng.weighted(&weights);
        Cell::Text(options.get(i).map_or("", |o| o.0).to_string())
    }

    /// An empty value as people leave it: empty, or a marker meaning "nothing here".
    fn blank(&mut self, markers: &[&'static str]) -> Cell {
        if markers.is_empty() || self.rng.chance(550) {
            return Cell::Empty;
        }
        self.quirks.blank_markers += 1;
        Cell::Text(model::at(markers, self.rng.index(markers.len())).to_string())
    }

    /// A date cell, now and then typed as text.
    fn date(
        &mut self,
        d: Option<NaiveDate>,
        text_per_mille: u32,
        counter: fn(&mut DemoQuirks) -> &mut usize,
    ) -> Cell {
        let Some(d) = d else {
            return self.blank(&["-", "n.v.t."]);
        };
        if self.rng.chance(text_per_mille) {
            *counter(&mut self.quirks) += 1;
            let style = self.rng.below(4);
            Cell::Text(typed_date(d, style))
        } else {
            Cell::Date(d)
        }
    }

    /// The customer's name and town, unique per customer (repeat complaints match by name).
    fn customer(&mut self, r: &Row) -> (String, &'static str) {
        if let Some(known) = self.names.get(&r.customer) {
            return known.clone();
        }
        let mut salt = DEMO_SEED;
        let name = loop {
            let mut s = String::new();
            model::push_customer_name(&mut s, r.customer, r.business, salt);
            if self.used_names.insert(name_key(&s)) {
                break s;
            }
            salt = salt.wrapping_add(0x9E37_79B9);
        };
        let weights: Vec<u32> = content::PLACES.iter().map(|p| p.1).collect();
        let place = content::PLACES
            .get(self.rng.weighted(&weights))
            .map_or("Apeldoorn", |p| p.0);
        self.names.insert(r.customer, (name.clone(), place));
        (name, place)
    }

    fn received(&mut self, r: &Row) -> Cell {
        match self.rng.below(1000) {
            0..=69 => {
                self.quirks.text_received_dates += 1;
                let style = self.rng.below(4);
                Cell::Text(typed_date(r.received, style))
            }
            70..=79 => {
                self.quirks.received_with_time += 1;
                let minutes = self.rng.range(8 * 60, 17 * 60 - 1);
                let t = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)
                    .unwrap_or(NaiveTime::MIN);
                Cell::DateTime(r.received.and_time(t))
            }
            _ => Cell::Date(r.received),
        }
    }

    fn channel(&mut self, r: &Row) -> Cell {
        match r.channel {
            None => self.blank(&["?"]),
            Some(Channel::Email) => {
                self.spelling(&[("mail", 40), ("e-mail", 35), ("E-mail", 15), ("email", 10)])
            }
            Some(Channel::Phone) => self.spelling(&[
                ("tel.", 40),
                ("telefonisch", 35),
                ("telefoon", 15),
                ("Tel", 10),
            ]),
            Some(Channel::Letter) if r.registered => self.spelling(&[
                ("aangetekend", 60),
                ("aangetekende brief", 25),
                ("Aangetekend", 15),
            ]),
            Some(Channel::Letter) => self.spelling(&[("brief", 80), ("Brief", 20)]),
            Some(Channel::Fax) => self.text("fax"),
            Some(Channel::InPerson) => {
                self.spelling(&[("balie", 40), ("monteur", 40), ("mondeling", 20)])
            }
            Some(Channel::Web) => self.spelling(&[("website", 60), ("formulier", 40)]),
            Some(Channel::Other) => self.text("anders"),
        }
    }

    fn urgency(&mut self, r: &Row) -> Cell {
        let Some(u) = r.urgency else {
            return self.blank(&["-", "n.v.t.", "?"]);
        };
        let n = u.number();
        match self.rng.below(100) {
            0..=74 => Cell::Int(u32::from(n)),
            75..=89 => {
                self.quirks.urgency_cat_prefix += 1;
                Cell::Text(format!("cat. {n}"))
            }
            _ => {
                self.quirks.urgency_with_label += 1;
                Cell::Text(format!("{n} - {}", shorten(u.label(crate::Lang::Nl), 26)))
            }
        }
    }

    fn handler(&mut self, r: &Row) -> Cell {
        let Some(p) = r.handler.and_then(|h| STAFF.get(usize::from(h))) else {
            return self.blank(&["-"]);
        };
        if self.rng.chance(100) {
            self.quirks.handler_first_name += 1;
            self.text(p.first)
        } else {
            self.text(p.name)
        }
    }

    fn assessor(&mut self, r: &Row) -> Cell {
        let Some(p) = r.assessor.and_then(|h| STAFF.get(usize::from(h))) else {
            return Cell::Empty;
        };
        if self.rng.chance(400) {
            self.text(p.initials)
        } else {
            let surname = p.name.split_once(' ').map_or(p.name, |s| s.1);
            Cell::Text(format!(
                "{}. {surname}",
                p.first.chars().next().unwrap_or('?')
            ))
        }
    }

    fn mode(&mut self, r: &Row) -> Cell {
        match r.mode {
            None => Cell::Empty,
            Some(HandlingMode::Conversation) => self.spelling(&[("gesprek", 85), ("Gesprek", 15)]),
            Some(HandlingMode::Written) => {
                self.spelling(&[("schriftelijk", 85), ("Schriftelijk", 15)])
            }
        }
    }

    fn status(&mut self, r: &Row) -> Cell {
        match r.status {
            Status::Closed => {
                self.spelling(&[("afgehandeld", 80), ("Afgehandeld", 10), ("gesloten", 10)])
            }
            Status::InProgress => self.text("in behandeling"),
            Status::Open => self.spelling(&[("open", 70), ("Open", 30)]),
            Status::Reopened => self.text("heropend"),
        }
    }

    fn justified(&mut self, r: &Row) -> Cell {
        match r.justified {
            None => Cell::Empty,
            Some(Justified::Yes) => self.spelling(&[("ja", 90), ("Ja", 10)]),
            Some(Justified::No) => self.spelling(&[("nee", 90), ("Nee", 10)]),
            Some(Justified::Partly) => self.text("deels"),
        }
    }

    fn cost(&mut self, r: &Row) -> Cell {
        match r.cost_cents {
            Some(c) if self.rng.chance(60) => {
                self.quirks.cost_as_text += 1;
                Cell::Text(if c % 100 == 0 {
                    format!("€ {}", c / 100)
                } else {
                    format!("€ {},{:02}", c / 100, c % 100)
                })
            }
            Some(c) => Cell::Money(c),
            None if r.is_closed() && self.rng.chance(120) => {
                self.quirks.blank_markers += 1;
                self.text("-")
            }
            None => Cell::Empty,
        }
    }

    fn row(&mut self, k: usize, r: &Row) -> Vec<Cell> {
        let mut s = String::new();
        r.push_id(&mut s);
        let id = Cell::Text(s);
        let received = self.received(r);
        let channel = self.channel(r);
        let (name, place) = self.customer(r);
        let mut s = String::new();
        r.push_job(&mut s);
        let job = if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        };
        let mut description = String::new();
        r.push_description(&mut description);
        // Two descriptions as people write them, with a semicolon and with quotes.
        if k == 41 {
            description.pop();
            description.push_str("; klant wil vandaag nog iemand.");
            self.quirks.quoted_csv_cells += 1;
        } else if k == 123 {
            description.push_str(" Klant noemt het \"prutswerk\".");
            self.quirks.quoted_csv_cells += 1;
        }
        let nature = match r.nature {
            Some(Nature::Technical) => self.text("T"),
            Some(Nature::NonTechnical) => self.text("NT"),
            None => self.blank(&["?"]),
        };
        let urgency = self.urgency(r);
        let handler = self.handler(r);
        let assessor = self.assessor(r);
        let mode = self.mode(r);
        let ack = self.date(r.ack, 60, |q| &mut q.text_ack_dates);
        let department = Cell::Text(
            DEPARTMENTS
                .get(usize::from(r.department))
                .copied()
                .unwrap_or("")
                .to_string(),
        );
        let cause = r.cause_text().map_or(Cell::Empty, |c| self.text(c));
        let solution = r.solution_text().map_or(Cell::Empty, |s| self.text(s));
        let closed = match r.closed {
            Some(_) => self.date(r.closed, 60, |q| &mut q.text_closed_dates),
            None => Cell::Empty,
        };
        let status = self.status(r);
        let justified = self.justified(r);
        let cost = self.cost(r);
        let mut note = String::new();
        r.push_note(&mut note);
        if k == 200 {
            note = "Klant gebeld.\nMonteur komt dinsdag terug.".to_string();
            self.quirks.multiline_cells += 1;
        }
        let note = if note.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(note)
        };
        vec![
            id,
            received,
            channel,
            Cell::Text(name),
            Cell::Text(place.to_string()),
            job,
            Cell::Text(description),
            nature,
            urgency,
            handler,
            assessor,
            mode,
            ack,
            department,
            cause,
            solution,
            closed,
            status,
            justified,
            cost,
            note,
            r.satisfaction
                .map_or(Cell::Empty, |s| Cell::Int(u32::from(s))),
        ]
    }
}

/// A name as the validator compares it: lower case letters and digits only.
fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'é' | 'ë' | 'è' | 'ê' => 'e',
            'ï' | 'í' => 'i',
            'ü' | 'ú' => 'u',
            'ö' | 'ó' => 'o',
            'á' | 'à' => 'a',
            other => other,
        })
        .collect()
}

/// `label` cut at a word boundary to at most `max` characters, with `…` when cut.
fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let mut out = String::new();
    for word in label.split(' ') {
        if !out.is_empty() && out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// The demo's complaints, and the gaps planted in them.
/// The days the demo's complaints are received: January 2025 to September 2026.
fn demo_period() -> (NaiveDate, NaiveDate) {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or_default();
    (start, end)
}

fn demo_rows() -> (Vec<Row>, PlantedCounts) {
    let (start, end) = demo_period();
    let mut generator = Generator::new(DEMO_ROWS, DEMO_SEED, start, end, &model::DEMO);
    let rows = generator.by_ref().collect();
    (rows, generator.counts)
}

/// The demo, laid out: header, complaints, a blank and a note row at the turn of the year, and
/// the totals row.
fn build() -> Demo {
    let (rows, counts) = demo_rows();
    let mut layout = Layout {
        rng: Rng::new(DEMO_SEED ^ 0x0051_5549_524B_5321),
        names: HashMap::new(),
        used_names: HashSet::new(),
        quirks: DemoQuirks {
            title_rows: TITLE_ROWS as usize,
            unmapped_columns: 1,
            ..DemoQuirks::default()
        },
    };
    let mut grid = vec![HEADERS
        .iter()
        .map(|h| Cell::Text((*h).to_string()))
        .collect::<Vec<_>>()];
    // Rows are `HEADERS.len()` cells wide; the `COL_…` constants and 0 index into them.
    let empty_row = || vec![Cell::Empty; HEADERS.len()];
    let mut year = None;
    for (k, r) in rows.iter().enumerate() {
        if year.is_some_and(|y| y != r.year) {
            grid.push(empty_row());
            let mut note = empty_row();
            note[0] = Cell::Text(r.year.to_string());
            grid.push(note);
            layout.quirks.blank_rows += 1;
            layout.quirks.note_rows += 1;
        }
        year = Some(r.year);
        grid.push(layout.row(k, r));
    }
    // Excel rows (1-based) of the first and last line below the header.
    let first = TITLE_ROWS + 2;
    let last = TITLE_ROWS + 1 + u32::try_from(grid.len() - 1).unwrap_or(0);
    let total_cost: u32 = grid
        .iter()
        .filter_map(|row| match row.get(COL_COST) {
            Some(Cell::Money(c)) => Some(*c),
            _ => None,
        })
        .sum();
    let mut totals = empty_row();
    totals[0] = Cell::Text("Totaal".into());
    let received = column_letters(COL_RECEIVED as u32);
    let cost = column_letters(COL_COST as u32);
    totals[COL_DESCRIPTION] = Cell::Formula(
        format!("=COUNTA({received}{first}:{received}{last})"),
        Box::new(Cell::Int(u32::try_from(rows.len()).unwrap_or(0))),
    );
    totals[COL_COST] = Cell::Formula(
        format!("=SUM({cost}{first}:{cost}{last})"),
        Box::new(Cell::Money(total_cost)),
    );
    grid.push(totals);
    layout.quirks.totals_rows = 1;
    Demo {
        grid,
        planted: PlantedCounts {
            unmapped_column: layout.quirks.unmapped_columns,
            ..counts
        },
        quirks: layout.quirks,
    }
}

/// `€ 1.234,50`, as Dutch Excel shows a euro amount.
fn money_text(cents: u32) -> String {
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!("€ {grouped},{:02}", cents % 100)
}

/// The cell as Excel's "CSV (;)" export writes it: the displayed text.
fn display(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Date(d) => d.format("%d-%m-%Y").to_string(),
        Cell::DateTime(d) => d.format("%d-%m-%Y %H:%M").to_string(),
        Cell::Money(c) => money_text(*c),
        Cell::Formula(_, result) => display(result),
    }
}

/// The grid as Dutch Excel's "CSV (;)": `;`, CRLF between records, quotes where needed.
fn csv_text(grid: &[Vec<Cell>]) -> String {
    let mut out = String::new();
    for row in grid {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            push_csv_field(&mut out, &display(cell));
        }
        out.push_str("\r\n");
    }
    out
}

fn write_workbook(demo: &Demo, path: &Path) -> Result<()> {
    let err = |e: XlsxError| output_error(path, &e);
    let mut wb = Workbook::new();
    let created = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or_default();
    wb.set_properties(&properties("Klachtenregister", created).set_author("M. Jansen"));
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(err)?;
    write_register(ws, &demo.grid).map_err(err)?;
    let notes = wb.add_worksheet();
    notes.set_name("Toelichting").map_err(err)?;
    notes.set_column_width(0, 100).map_err(err)?;
    let bold = Format::new().set_bold();
    notes
        .write_string_with_format(0, 0, "Toelichting bij het klachtenregister", &bold)
        .map_err(err)?;
    for (i, line) in TOELICHTING.iter().enumerate() {
        notes.write_string(i as u32 + 2, 0, *line).map_err(err)?;
    }
    wb.save(path).map_err(err)
}

const TOELICHTING: [&str; 9] = [
    "Procedure: KB-04 Klachtenbehandeling, volgens het NVKL Model Klachtenbehandeling.",
    "Cat. = urgentiecategorie 1 t/m 8 volgens de NVKL-indeling; leeg = nog niet beoordeeld.",
    "T/NT: T = technisch, NT = niet-technisch (gedrag personeel, factuur, afspraken).",
    "Ontvangst bevestigd: datum van de ontvangstbevestiging aan de klant (modelbrief KB-04-B1).",
    "Streeftermijn: cat. 1-3 binnen 10 werkdagen afgehandeld, cat. 4-7 binnen 20 werkdagen.",
    "Kosten: faalkosten (arbeid, materiaal, creditering) in euro, exclusief btw.",
    "Tevredenheid: score 1 t/m 5 van de klant na afhandeling (5 = zeer tevreden); leeg = niet beantwoord.",
    "Cat. 1-2 altijd schriftelijk afhandelen en de directie informeren.",
    "Het register wordt elk kwartaal besproken in de directiebeoordeling.",
];

fn write_register(ws: &mut Worksheet, grid: &[Vec<Cell>]) -> std::result::Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let datetime = Format::new().set_num_format("dd-mm-yyyy hh:mm");
    let money = Format::new().set_num_format("\"€ \"#,##0.00");
    let wrap = Format::new().set_text_wrap();
    let bold = Format::new().set_bold();
    ws.write_string_with_format(
        0,
        0,
        format!("Klachtenregister {}", content::COMPANY),
        &title,
    )?;
    ws.write_string(
        2,
        0,
        "Bijgewerkt door: M. Jansen (KAM-coördinator), 30-09-2026",
    )?;
    ws.write_string(
        3,
        0,
        "Streeftermijnen en uitleg van de kolommen: zie tabblad Toelichting.",
    )?;
    let widths = [
        10, 13, 13, 26, 12, 11, 60, 6, 9, 16, 16, 13, 12, 20, 24, 40, 12, 14, 8, 12, 30, 12,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let header_row = TITLE_ROWS;
    for (i, row) in grid.iter().enumerate() {
        let r = header_row + i as u32;
        let is_totals = i + 1 == grid.len();
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) if i == 0 => {
                    ws.write_string_with_format(r, c, s, &header)?;
                }
                Cell::Text(s) if is_totals => {
                    ws.write_string_with_format(r, c, s, &bold)?;
                }
                Cell::Text(s) if s.contains('\n') => {
                    ws.write_string_with_format(r, c, s, &wrap)?;
                }
                Cell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                Cell::Int(n) => {
                    ws.write_number(r, c, f64::from(*n))?;
                }
                Cell::Date(d) => {
                    ws.write_date_with_format(r, c, d, &date)?;
                }
                Cell::DateTime(d) => {
                    ws.write_datetime_with_format(r, c, d, &datetime)?;
                }
                Cell::Money(cents) => {
                    ws.write_number_with_format(r, c, f64::from(*cents) / 100.0, &money)?;
                }
                Cell::Formula(f, result) => {
                    let value = match result.as_ref() {
                        Cell::Money(cents) => format!("{}.{:02}", cents / 100, cents % 100),
                        other => display(other),
                    };
                    let format = if matches!(result.as_ref(), Cell::Money(_)) {
                        money.clone().set_bold()
                    } else {
                        bold.clone()
                    };
                    ws.write_formula_with_format(r, c, Formula::new(f).set_result(value), &format)?;
                }
            }
        }
    }
    let last = header_row + u32::try_from(grid.len()).unwrap_or(1) - 2;
    ws.autofilter(header_row, 0, last, (HEADERS.len() - 1) as u16)?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::temp_dir;
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    /// Splits a CSV text into records of fields (quotes honoured, CRLF or LF).
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(ch) = chars.next() {
            match (quoted, ch) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ';') => record.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                (false, c) => field.push(c),
            }
        }
        records
    }

    fn write_both(name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let dir = temp_dir(name);
        let (x, c) = (dir.join("demo.xlsx"), dir.join("demo.csv"));
        write_demo_workbook(&x).unwrap();
        write_demo_csv(&c).unwrap();
        (x, c)
    }

    #[test]
    fn every_gap_and_quirk_occurs_and_gaps_stay_a_minority() {
        let demo = build();
        let p = demo.planted;
        assert_eq!(p.complaints, DEMO_ROWS);
        for (rule, n) in p.by_rule() {
            assert!(n > 0, "{rule:?} never planted");
            assert!(
                n * 10 < DEMO_ROWS || rule == crate::base::Rule::RepeatComplaint,
                "{rule:?}: {n}"
            );
        }
        let q = demo.quirks;
        for (what, n) in [
            ("text received", q.text_received_dates),
            ("text ack", q.text_ack_dates),
            ("text closed", q.text_closed_dates),
            ("time", q.received_with_time),
            ("cat.", q.urgency_cat_prefix),
            ("label", q.urgency_with_label),
            ("markers", q.blank_markers),
            ("cost text", q.cost_as_text),
            ("first name", q.handler_first_name),
        ] {
            assert!(n > 0, "{what}");
        }
        assert_eq!(
            (
                q.blank_rows,
                q.note_rows,
                q.totals_rows,
                q.quoted_csv_cells,
                q.multiline_cells
            ),
            (1, 1, 1, 2, 1)
        );
    }

    #[test]
    fn typed_dates_settle_day_first_in_every_date_column() {
        // A column's day/month order is read from its text values: each column needs one
        // whose first number is above 12, and none that would only fit month-first.
        let demo = build();
        for col in [1, 12, 16] {
            let texts: Vec<&String> = demo.grid[1..]
                .iter()
                .filter_map(|r| match &r[col] {
                    Cell::Text(s)
                        if s.starts_with(|c: char| c.is_ascii_digit()) && !s.contains(' ') =>
                    {
                        Some(s)
                    }
                    _ => None,
                })
                .collect();
            let first = |s: &str| s.split(['-', '/']).next().unwrap().parse::<u32>().unwrap();
            let second = |s: &str| s.split(['-', '/']).nth(1).unwrap().parse::<u32>().unwrap();
            assert!(
                texts.iter().any(|s| first(s) > 12),
                "column {col}: {texts:?}"
            );
            assert!(texts.iter().all(|s| second(s) <= 12), "column {col}");
        }
    }

    #[test]
    fn typed_dates_and_shortened_labels() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        assert_eq!(typed_date(d, 0), "3 maart 2026");
        assert_eq!(
            typed_date(NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(), 1),
            "12-3-26"
        );
        assert_eq!(
            typed_date(NaiveDate::from_ymd_opt(2025, 1, 5).unwrap(), 2),
            "05/01/2025"
        );
        assert_eq!(typed_date(d, 3), "3-3-2026");
        assert_eq!(
            shorten("aangetekende brief met verzoek tot actie / dreigement", 26),
            "aangetekende brief met…"
        );
        assert_eq!(shorten("garantieclaim", 26), "garantieclaim");
        assert_eq!(
            shorten("brief/fax/e-mail/telefoontje met boze toonzetting", 26),
            "brief/fax/e-mail/telefoontje…"
        );
        assert_eq!(money_text(123_450), "€ 1.234,50");
        assert_eq!(money_text(9_500), "€ 95,00");
        assert_eq!(money_text(100_000_000), "€ 1.000.000,00");
        assert_eq!(name_key("Fam. de Vries"), name_key("fam de vries"));
        assert_eq!(name_key("Noël Smit"), "noelsmit");
    }

    #[test]
    fn customer_names_are_unique_per_customer_and_repeats_reuse_them() {
        let demo = build();
        let mut by_name: HashMap<String, Vec<NaiveDate>> = HashMap::new();
        let mut id_date = Vec::new();
        for row in &demo.grid[1..demo.grid.len() - 1] {
            if let (Cell::Text(name), Some(date)) = (&row[3], cell_date(&row[1])) {
                by_name.entry(name_key(name)).or_default().push(date);
                id_date.push((name_key(name), date));
            }
        }
        // Repeats counted as the validator would: an earlier complaint of the same customer
        // within 365 days, and never two on the same day.
        let mut repeats = 0;
        for (name, date) in &id_date {
            let dates = &by_name[name];
            assert_eq!(
                dates.iter().filter(|d| *d == date).count(),
                1,
                "{name} twice on {date}"
            );
            repeats += usize::from(
                dates
                    .iter()
                    .any(|d| d < date && (*date - *d).num_days() <= 365),
            );
        }
        assert_eq!(repeats, demo.planted.repeat_complaint);
    }

    fn cell_date(c: &Cell) -> Option<NaiveDate> {
        match c {
            Cell::Date(d) => Some(*d),
            Cell::DateTime(d) => Some(d.date()),
            Cell::Text(s) => {
                let months = (1..=12).find(|&m| s.contains(crate::Lang::Nl.month(m)));
                if let Some(m) = months {
                    let mut parts = s.split(' ');
                    let day = parts.next()?.parse().ok()?;
                    let year = parts.nth(1)?.parse().ok()?;
                    return NaiveDate::from_ymd_opt(year, m, day);
                }
                let p: Vec<i32> = s
                    .split(['-', '/'])
                    .map(|x| x.parse().ok())
                    .collect::<Option<_>>()?;
                let year = if p[2] < 100 { 2000 + p[2] } else { p[2] };
                NaiveDate::from_ymd_opt(year, p[1] as u32, p[0] as u32)
            }
            _ => None,
        }
    }

    #[test]
    fn demo_csv_is_a_dutch_excel_export_of_the_same_sheet() {
        let (x, c) = write_both("csv");
        let bytes = std::fs::read(&c).unwrap();
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "not UTF-8: accents are single bytes"
        );
        let (text, _, malformed) = encoding_rs::WINDOWS_1252.decode(&bytes);
        assert!(!malformed);
        assert!(
            text.contains('€') && text.contains('ë') && text.contains('é') && text.contains('ï')
        );
        assert!(
            text.starts_with("Klachtnr.;Datum ontvangst;Ontvangen via;"),
            "no title rows"
        );
        assert_eq!(
            text.matches("\r\n").count(),
            text.matches('\n').count() - 1,
            "CRLF records, one LF in a cell"
        );
        let records = parse_csv(&text);
        let demo = build();
        assert_eq!(records.len(), demo.grid.len());
        for (rec, row) in records.iter().zip(&demo.grid) {
            assert_eq!(rec.len(), HEADERS.len());
            let shown: Vec<String> = row.iter().map(display).collect();
            assert_eq!(rec, &shown);
        }
        let totals = records.last().unwrap();
        assert_eq!(totals[0], "Totaal");
        assert_eq!(totals[COL_DESCRIPTION], DEMO_ROWS.to_string());
        assert!(
            records.iter().any(|r| r.iter().all(String::is_empty)),
            "blank row"
        );
        std::fs::remove_file(x).unwrap();
        std::fs::remove_file(c).unwrap();
    }

    #[test]
    fn demo_workbook_is_a_hand_kept_register_with_the_same_cells() {
        let (x, c) = write_both("xlsx");
        let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
        assert_eq!(
            wb.sheet_names(),
            vec![SHEET.to_string(), "Toelichting".to_string()]
        );
        let range = wb.worksheet_range(SHEET).unwrap();
        assert_eq!(range.start(), Some((0, 0)));
        let title = range.get((0, 0)).unwrap().to_string();
        assert_eq!(title, "Klachtenregister Koeltechniek Van der Berg B.V.");
        assert!(range
            .get((2, 0))
            .unwrap()
            .to_string()
            .starts_with("Bijgewerkt door:"));
        let demo = build();
        let top = TITLE_ROWS as usize;
        assert_eq!(range.height(), top + demo.grid.len());
        let mut date_cells = 0;
        for (i, row) in demo.grid.iter().enumerate() {
            for (col, cell) in row.iter().enumerate() {
                let got = range.get((top + i, col)).unwrap_or(&Data::Empty);
                match (cell, got) {
                    (Cell::Empty, Data::Empty) => {}
                    (Cell::Text(s), Data::String(g)) => assert_eq!(s, g),
                    (Cell::Int(n), Data::Float(g)) => assert_eq!(f64::from(*n), *g),
                    (Cell::Money(n), Data::Float(g)) => assert_eq!(f64::from(*n) / 100.0, *g),
                    (Cell::Date(d), Data::DateTime(g)) => {
                        date_cells += 1;
                        assert_eq!(g.as_datetime().unwrap(), d.and_time(NaiveTime::MIN));
                    }
                    (Cell::DateTime(d), Data::DateTime(g)) => {
                        assert_eq!(g.as_datetime().unwrap(), *d)
                    }
                    (Cell::Formula(_, r), got) => assert_eq!(
                        display(r)
                            .replace("€ ", "")
                            .replace('.', "")
                            .replace(',', "."),
                        got.to_string()
                    ),
                    other => panic!("row {i} col {col}: {other:?}"),
                }
            }
        }
        assert!(
            date_cells > 600,
            "most dates are real date cells: {date_cells}"
        );
        let bold_title = std::fs::read(&x).unwrap();
        assert!(!bold_title.is_empty());
        let notes = wb.worksheet_range("Toelichting").unwrap();
        assert!(notes.height() >= 5);
        std::fs::remove_file(x).unwrap();
        std::fs::remove_file(c).unwrap();
    }

    #[test]
    fn demo_causes_are_the_cause_column_in_order() {
        let col = HEADERS.iter().position(|h| *h == "Oorzaak").unwrap();
        let column: Vec<String> = build().grid[1..]
            .iter()
            .filter_map(|r| match &r[col] {
                Cell::Text(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let written: Vec<String> = demo_causes().iter().map(|w| w.text.to_string()).collect();
        assert_eq!(column, written);
        assert!(demo_causes().iter().any(|w| w.synonym));
    }

    #[test]
    fn demo_files_are_byte_stable() {
        let (x1, c1) = write_both("stable1");
        let (x2, c2) = write_both("stable2");
        assert_eq!(std::fs::read(&x1).unwrap(), std::fs::read(&x2).unwrap());
        assert_eq!(std::fs::read(&c1).unwrap(), std::fs::read(&c2).unwrap());
    }

    #[test]
    fn bundled_sample_data_is_up_to_date() {
        // sample-data/ holds the output of these functions; regenerate it when this fails.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let (x, c) = write_both("bundled");
        for (fresh, name) in [
            (x, "klachtenregister-2025-2026.xlsx"),
            (c, "klachtenregister-2025-2026.csv"),
        ] {
            let bundled = std::fs::read(dir.join(name)).unwrap();
            assert!(
                bundled == std::fs::read(&fresh).unwrap(),
                "{name} differs from the generator"
            );
        }
        let volume =
            std::env::temp_dir().join(format!("klacht-demo-volume-{}.csv", std::process::id()));
        write_demo_volume(&volume).unwrap();
        assert!(
            std::fs::read(dir.join("werkbonnen-2025-2026.csv")).unwrap()
                == std::fs::read(&volume).unwrap(),
            "werkbonnen-2025-2026.csv differs from the generator"
        );
        std::fs::remove_file(volume).unwrap();
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
        for (rule, n) in demo_planted().by_rule() {
            let line = format!("| `{}` | {n} |", rule.code());
            assert!(readme.contains(&line), "README lacks {line}");
        }
        for (what, n) in demo_quirks().list() {
            let line = format!("| {what} | {n} |");
            assert!(readme.contains(&line), "README lacks {line}");
        }
        let written = demo_causes();
        for (i, c) in content::CAUSES.iter().enumerate() {
            let code = |t: &str| format!("`{t}`");
            let variants: Vec<String> = c.variants.iter().map(|v| code(v.0)).collect();
            let synonym = c.synonym.map_or("–".to_string(), |s| code(s.0));
            let of = written.iter().filter(|w| w.cause == i);
            let otherwise = of.clone().filter(|w| w.text != c.name).count();
            let line = format!(
                "| {} | {} | {synonym} | {otherwise} / {} |",
                code(c.name),
                variants.join(", "),
                of.count()
            );
            assert!(readme.contains(&line), "README lacks {line}");
        }
        let complaints = format!("{} klachten", demo_planted().complaints);
        assert!(readme.contains(&complaints), "README lacks {complaints}");
    }
}
