//! How a report sheet is laid out: a title block, then tables one below the other (each with a
//! bold title row), native charts in a column to the right of every table, frozen title rows,
//! A4 landscape printing. The sheet modules say *what* to show; this module says *how*.

use super::bulk::Bulk;
use crate::register::{Cents, Text};
use crate::Lang;
use chrono::NaiveDate;
use rust_xlsxwriter::utility::cell_range;
use rust_xlsxwriter::{
    Chart, Color, Format, FormatAlign, FormatBorder, IgnoreError, ObjectMovement, Table,
    TableColumn, TableStyle, Worksheet, XlsxError,
};

/// Rows in an Excel sheet.
pub const EXCEL_ROWS: u32 = 1_048_576;

/// Longest list written as an Excel table; longer lists are a plain range with the same header
/// and a filter, on which Excel stays quick (docs/decisions.md). Either is written at the same
/// speed (bulk.rs): the boundary is about the reader, not about the cost of writing.
pub const TABLE_ROWS: usize = 100_000;

/// Characters in an Excel cell.
const EXCEL_CELL_CHARS: usize = 32_767;

/// Characters in an Excel table column name.
const EXCEL_HEADER_CHARS: usize = 255;

/// Widest a column gets from its content, in characters; long texts run on in the cell.
pub const WIDE: f64 = 60.0;

/// Chart size in pixels and the rows it covers (default rows are 20 pixels high).
const CHART_WIDTH: u32 = 600;
const CHART_HEIGHT: u32 = 320;
const CHART_ROWS: u32 = CHART_HEIGHT / 20 + 1;

/// How a cell's value is shown. Every style has a plain and a bold (totals) variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    /// Whole count, thousands separated.
    Count,
    /// Days with one decimal (means, medians).
    Days,
    /// Whole days (p90, max, ages).
    Whole,
    /// A fraction as a percentage, one decimal.
    Share,
    /// Two decimals: months and rates.
    Decimals,
    /// Euros with cents, `€ 1.234,56` (`€1,234.56` in English): a number the user can sum.
    Money,
    /// A signed difference of euros.
    DeltaMoney,
    Date,
    /// Text aligned with the numbers of its column ("n te klein").
    Right,
    /// A signed difference of counts.
    DeltaCount,
    /// A signed difference of days.
    DeltaDays,
    /// A signed difference of shares, in percentage points (the value is ×100 already).
    DeltaPoints,
    /// A signed relative change as a percentage.
    DeltaShare,
    /// Fixed-width text (configuration).
    Mono,
    /// A verdict that is fine (green), aligned with the numbers above it.
    Good,
    /// A verdict that is not (red).
    Bad,
    /// Severity marks.
    Error,
    Warning,
    Info,
}

pub(super) const STYLES: [Style; 20] = [
    Style::Text,
    Style::Count,
    Style::Days,
    Style::Whole,
    Style::Share,
    Style::Decimals,
    Style::Money,
    Style::DeltaMoney,
    Style::Date,
    Style::Right,
    Style::DeltaCount,
    Style::DeltaDays,
    Style::DeltaPoints,
    Style::DeltaShare,
    Style::Mono,
    Style::Good,
    Style::Bad,
    Style::Error,
    Style::Warning,
    Style::Info,
];

impl Style {
    /// The cell format; euros are written as the language writes them (`lang`).
    fn format(self, lang: Lang) -> Format {
        // Numbers keep a little space on their right (`_0_)` reserves the width of a digit and a bracket),
        // so that a left-aligned text in the next column never seems to continue them.
        let num = |code: &str| {
            Format::new()
                .set_num_format(code)
                .set_align(FormatAlign::Right)
        };
        let fill = |font: u32, back: u32| {
            Format::new()
                .set_font_color(font)
                .set_background_color(back)
        };
        match self {
            Style::Text => Format::new(),
            Style::Count | Style::Whole => num("#,##0_0_)"),
            Style::Days => num("#,##0.0_0_)"),
            Style::Share => num("0.0%_0_)"),
            Style::Decimals => num("#,##0.00_0_)"),
            Style::Money => num(lang.pick(
                "\"€ \"#,##0.00_0_);\"€ -\"#,##0.00_0_)",
                "\"€\"#,##0.00_0_);\"-€\"#,##0.00_0_)",
            )),
            Style::DeltaMoney => num(lang.pick(
                "\"+€ \"#,##0.00_0_);\"-€ \"#,##0.00_0_);\"€ \"0.00_0_)",
                "\"+€\"#,##0.00_0_);\"-€\"#,##0.00_0_);\"€\"0.00_0_)",
            )),
            Style::Date => num("dd-mm-yyyy_0_)"),
            Style::Right => num(TEXT_RIGHT),
            Style::DeltaCount => num("+#,##0_0_);-#,##0_0_);0_0_)"),
            Style::DeltaDays => num("+#,##0.0_0_);-#,##0.0_0_);0.0_0_)"),
            Style::DeltaPoints => num("+0.0\" pp\"_0_);-0.0\" pp\"_0_);0.0\" pp\"_0_)"),
            Style::DeltaShare => num("+0.0%_0_);-0.0%_0_);0.0%_0_)"),
            Style::Mono => Format::new().set_font_name("Consolas"),
            Style::Good => fill(0x006100, 0xC6EFCE)
                .set_num_format(TEXT_RIGHT)
                .set_align(FormatAlign::Right),
            Style::Bad => fill(0x9C0006, 0xFFC7CE)
                .set_num_format(TEXT_RIGHT)
                .set_align(FormatAlign::Right),
            Style::Error => fill(0x9C0006, 0xFFC7CE),
            Style::Warning => fill(0x9C5700, 0xFFEB9C),
            Style::Info => fill(0x1F4E79, 0xDDEBF7),
        }
    }

    /// Where the style is in [`STYLES`].
    pub(super) fn index(self) -> usize {
        STYLES.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Text aligned right with the same space on its right as the numbers.
const TEXT_RIGHT: &str = "@_0_)";

/// The workbook's formats, made once (a million cells must not build a million formats).
pub struct Formats {
    plain: Vec<Format>,
    bold: Vec<Format>,
    title: Format,
    subtitle: Format,
    heading: Format,
    note: Format,
    warning: Format,
    /// Table headers over text and over numbers.
    header_left: Format,
    header_right: Format,
}

impl Formats {
    /// The formats of a workbook in `lang`.
    pub fn new(lang: Lang) -> Formats {
        Formats {
            plain: STYLES.iter().map(|s| s.format(lang)).collect(),
            bold: STYLES
                .iter()
                .map(|s| {
                    s.format(lang)
                        .set_bold()
                        .set_border_top(FormatBorder::Thin)
                        .set_border_bottom(FormatBorder::Double)
                })
                .collect(),
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(0x1F3864),
            subtitle: Format::new().set_italic().set_font_color(0x595959),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(0x1F3864),
            note: Format::new().set_italic().set_font_color(0x595959),
            warning: Format::new()
                .set_bold()
                .set_font_color(0x9C0006)
                .set_background_color(0xFFC7CE),
            header_left: header(),
            header_right: header()
                .set_num_format(TEXT_RIGHT)
                .set_align(FormatAlign::Right),
        }
    }

    /// Numbers every format in `wb` now, in a fixed order: sheets written on several threads
    /// then only look formats up (`Workbook::register_format`, hidden in rust_xlsxwriter's
    /// docs but meant for this; the version is pinned).
    pub fn register(&self, wb: &mut rust_xlsxwriter::Workbook) {
        for f in self.in_order() {
            wb.register_format(f);
        }
    }

    /// Every format, in the order [`Formats::register`] numbers them.
    pub fn in_order(&self) -> impl Iterator<Item = &Format> {
        let single = [
            &self.title,
            &self.subtitle,
            &self.heading,
            &self.note,
            &self.warning,
            &self.header_left,
            &self.header_right,
        ];
        self.plain.iter().chain(&self.bold).chain(single)
    }

    /// The format of a plain (not bold) cell in `style`.
    pub fn plain(&self, style: Style) -> &Format {
        self.cell(style, false)
    }

    fn header(&self, numbers: bool) -> &Format {
        if numbers {
            &self.header_right
        } else {
            &self.header_left
        }
    }

    fn cell(&self, style: Style, bold: bool) -> &Format {
        let i = style.index();
        let list = if bold { &self.bold } else { &self.plain };
        // `index` is a position in STYLES and both lists are built from STYLES.
        &list[i]
    }
}

/// Table headers: white on dark blue, so they read as headers in any viewer (LibreOffice and
/// print do not show Excel's table styles).
fn header() -> Format {
    Format::new()
        .set_bold()
        .set_font_color(0xFFFFFF)
        .set_background_color(0x1F4E79)
        .set_border_bottom(FormatBorder::Thin)
}

/// One cell of a table row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written as text whatever it looks like (never a formula). Most texts of a list
    /// are short enough to need no allocation of their own.
    Text(Text, Style),
    Num(f64, Style),
    Date(NaiveDate),
    Blank,
}

impl Cell {
    pub fn text(s: impl Into<Text>) -> Cell {
        Cell::Text(s.into(), Style::Text)
    }

    /// Text or blank.
    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Blank, Cell::text)
    }

    pub fn marked(s: impl Into<Text>, style: Style) -> Cell {
        Cell::Text(s.into(), style)
    }

    pub fn count(n: u64) -> Cell {
        Cell::Num(n as f64, Style::Count)
    }

    /// A number in `style`, blank when absent or not finite.
    pub fn num(v: Option<f64>, style: Style) -> Cell {
        match v {
            Some(v) if v.is_finite() => Cell::Num(v, style),
            _ => Cell::Blank,
        }
    }

    pub fn days(v: Option<f64>) -> Cell {
        Cell::num(v, Style::Days)
    }

    pub fn whole(v: Option<i64>) -> Cell {
        Cell::num(v.map(|v| v as f64), Style::Whole)
    }

    pub fn share(v: Option<f64>) -> Cell {
        Cell::num(v, Style::Share)
    }

    /// An amount in euros, blank when absent.
    pub fn money(v: Option<Cents>) -> Cell {
        Cell::num(v.map(Cents::euros), Style::Money)
    }

    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Blank, Cell::Date)
    }

    /// Width in characters the cell needs.
    pub(super) fn width(&self) -> f64 {
        match self {
            Cell::Text(s, style) => {
                let longest = if s.contains('\n') {
                    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                } else {
                    s.chars().count()
                } as f64;
                match style {
                    Style::Mono => longest * 1.15,
                    Style::Right | Style::Good | Style::Bad => longest + 1.0,
                    _ => longest,
                }
            }
            Cell::Num(v, style) => {
                let digits = integer_digits(*v) as f64;
                let groups = ((digits - 1.0) / 3.0).floor().max(0.0);
                let decimals = match style {
                    Style::Days | Style::DeltaDays => 2.0,
                    Style::Decimals => 3.0,
                    Style::Money | Style::DeltaMoney => 5.0,
                    Style::Share | Style::DeltaShare => 3.0,
                    Style::DeltaPoints => 5.0,
                    _ => 0.0,
                };
                digits + groups + decimals + 3.0
            }
            Cell::Date(_) => 12.0,
            Cell::Blank => 0.0,
        }
    }
}

/// The digits of `v`'s whole part, as `format!("{:.0}", v.abs().trunc())` has them, without
/// making that string for each of a list's numbers.
fn integer_digits(v: f64) -> usize {
    let whole = v.abs().trunc();
    if whole < 1e15 {
        (whole as u64)
            .checked_ilog10()
            .map_or(1, |d| d as usize + 1)
    } else {
        format!("{whole:.0}").len()
    }
}

/// A table column: its header and how wide it may grow.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub max_width: f64,
}

impl Column {
    pub fn new(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            max_width: WIDE,
        }
    }

    /// A column for long free text, capped narrower than the default.
    pub fn capped(header: impl Into<String>, max_width: f64) -> Column {
        Column {
            header: header.into(),
            max_width,
        }
    }
}

/// Where a table landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub header_row: u32,
    pub first_row: u32,
    /// Last data row (equal to `first_row` for a table with the one placeholder row).
    pub last_row: u32,
    pub last_col: u16,
    /// Data rows written (0 when the placeholder row stands in).
    pub rows: usize,
}

/// Where a table that a chart reads landed ([`Sheet::chart_table`]). Its rows were written one
/// by one through rust_xlsxwriter, which fills a chart's cache of the values it plots from the
/// cells it holds (rows written in bulk are not among them) and can add cells beside them
/// ([`Sheet::chart_values`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Charted(Placed);

impl std::ops::Deref for Charted {
    type Target = Placed;

    fn deref(&self) -> &Placed {
        &self.0
    }
}

impl Charted {
    /// `(sheet, first data row, col, last data row, col)` for a chart series.
    pub fn range<'n>(&self, sheet: &'n str, col: u16) -> (&'n str, u32, u16, u32, u16) {
        (sheet, self.first_row, col, self.last_row, col)
    }

    /// The same for the first `n` data rows only.
    pub fn range_top<'n>(&self, sheet: &'n str, col: u16, n: u32) -> (&'n str, u32, u16, u32, u16) {
        let last = self.last_row.min(self.first_row + n.max(1) - 1);
        (sheet, self.first_row, col, last, col)
    }
}

/// A report sheet being written top to bottom.
pub struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    /// Where very long lists go, and the sheet's position in the workbook (from 1).
    bulk: (&'a Bulk, usize),
    pub name: &'static str,
    /// The next free row.
    row: u32,
    widths: Vec<f64>,
    last_col: u16,
    charts: Vec<(u32, Chart)>,
    /// Rows frozen at the top (and, unless `repeat` says otherwise, repeated on every
    /// printed page).
    freeze: u32,
    /// Rows repeated on every printed page when not the frozen ones.
    repeat: Option<u32>,
    /// Rows the sheet may have; [`EXCEL_ROWS`] except in tests.
    max_rows: u32,
    /// Longest list written as a table; [`TABLE_ROWS`] except in tests.
    table_rows: usize,
    lang: Lang,
    footer: String,
}

impl<'a> Sheet<'a> {
    /// Sheet number `number` (from 1) of a workbook whose long lists go to `bulk`.
    pub fn new(
        ws: &'a mut Worksheet,
        f: &'a Formats,
        bulk: (&'a Bulk, usize),
        name: &'static str,
        lang: Lang,
        footer: String,
    ) -> Result<Sheet<'a>, XlsxError> {
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            f,
            bulk,
            name,
            row: 0,
            widths: Vec::new(),
            last_col: 0,
            charts: Vec::new(),
            freeze: 0,
            repeat: None,
            max_rows: EXCEL_ROWS,
            table_rows: TABLE_ROWS,
            lang,
            footer,
        })
    }

    /// Pretends the sheet has only `rows` rows, to test the overflow notes.
    #[cfg(test)]
    pub fn with_max_rows(mut self, rows: u32) -> Sheet<'a> {
        self.max_rows = rows;
        self
    }

    /// Pretends lists longer than `rows` are too long for a table.
    #[cfg(test)]
    pub fn with_table_rows(mut self, rows: usize) -> Sheet<'a> {
        self.table_rows = rows;
        self
    }

    fn line(&mut self, text: &str, format: &Format) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, clip(text), format)?;
        self.row += 1;
        Ok(())
    }

    /// The sheet's title (first row).
    pub fn title(&mut self, text: &str) -> Result<(), XlsxError> {
        let f = &self.f.title;
        self.ws.set_row_height(self.row, 22)?;
        self.line(text, f)
    }

    /// A grey line under the title (company, period).
    pub fn subtitle(&mut self, text: &str) -> Result<(), XlsxError> {
        let f = &self.f.subtitle;
        self.line(text, f)
    }

    /// The bold title row of the next table.
    pub fn heading(&mut self, text: &str) -> Result<(), XlsxError> {
        let f = &self.f.heading;
        self.ws.set_row_height(self.row, 18)?;
        self.line(text, f)
    }

    /// A line of plain text (a sentence of the summary).
    pub fn text(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws.write_string(self.row, 0, clip(text))?;
        self.row += 1;
        Ok(())
    }

    /// An explanatory line in grey italics.
    pub fn note(&mut self, text: &str) -> Result<(), XlsxError> {
        let f = &self.f.note;
        self.line(text, f)
    }

    /// A line that must not be overlooked (rows left out, a check that fails).
    pub fn warning(&mut self, text: &str) -> Result<(), XlsxError> {
        let f = &self.f.warning;
        self.line(text, f)
    }

    /// Text lines in a fixed-width font (the configuration).
    pub fn mono_lines(&mut self, text: &str) -> Result<(), XlsxError> {
        let f = self.f.cell(Style::Mono, false);
        for line in text.lines() {
            if self.row >= self.max_rows {
                break;
            }
            self.ws
                .write_string_with_format(self.row, 0, clip(line), f)?;
            self.row += 1;
        }
        Ok(())
    }

    /// An empty row.
    pub fn gap(&mut self) {
        self.row += 1;
    }

    /// Freezes the rows above the next free row.
    pub fn freeze_here(&mut self) {
        self.freeze = self.row;
    }

    /// Freezes everything down to the header of `placed` (a sheet with one main table).
    pub fn freeze_below(&mut self, placed: &Placed) {
        self.freeze = placed.header_row + 1;
    }

    /// Prints the header of `placed` (a long list low on the sheet) at the top of every page.
    pub fn repeat_header(&mut self, placed: &Placed) {
        self.repeat = Some(placed.header_row);
    }

    /// Writes a formatted Excel table at the next free row: header, then `rows`. An empty table
    /// gets one placeholder row ("(geen)"), since Excel tables need a data row.
    pub fn table<I>(&mut self, name: &str, columns: &[Column], rows: I) -> Result<Placed, XlsxError>
    where
        I: IntoIterator<Item = Vec<Cell>>,
    {
        self.collected(name, columns, rows.into_iter().collect(), Rows::Bulk)
    }

    /// The same for a short table that a chart reads ([`Charted`]).
    pub fn chart_table<I>(
        &mut self,
        name: &str,
        columns: &[Column],
        rows: I,
    ) -> Result<Charted, XlsxError>
    where
        I: IntoIterator<Item = Vec<Cell>>,
    {
        self.collected(name, columns, rows.into_iter().collect(), Rows::OneByOne)
            .map(Charted)
    }

    fn collected(
        &mut self,
        name: &str,
        columns: &[Column],
        rows: Vec<Vec<Cell>>,
        how: Rows,
    ) -> Result<Placed, XlsxError> {
        self.place(name, columns, rows.len(), |i| rows[i].clone(), "", how)
    }

    /// A table of `total` rows (`rows(i)` is row `i`) that may be longer than a sheet: rows
    /// that do not fit are left out after a warning line above the table that says how many,
    /// and `hint` says where to find them. Rows are made as they are written, so a streamed
    /// sheet holds none in memory, and written in parallel (bulk.rs).
    pub fn list(
        &mut self,
        name: &str,
        columns: &[Column],
        total: usize,
        rows: impl Fn(usize) -> Vec<Cell> + Sync,
        hint: &str,
    ) -> Result<Placed, XlsxError> {
        self.place(name, columns, total, rows, hint, Rows::Bulk)
    }

    /// Every list and table: an Excel table when it has at most `table_rows` rows, else a
    /// range with a filter; its rows written `how`.
    fn place(
        &mut self,
        name: &str,
        columns: &[Column],
        total: usize,
        rows: impl Fn(usize) -> Vec<Cell> + Sync,
        hint: &str,
        how: Rows,
    ) -> Result<Placed, XlsxError> {
        // Rows below the header; one fewer when a warning line must go above the header.
        let room = self.max_rows.saturating_sub(self.row + 1) as usize;
        let shown = if total > room {
            let room = room.saturating_sub(1);
            let text = overflow_text(total - room, total, hint, self.lang);
            self.warning(&text)?;
            room
        } else {
            total
        };
        let last_col = columns.len().saturating_sub(1) as u16;
        let header_row = self.row;
        let first_row = header_row + 1;
        let last_row = header_row + shown.max(1) as u32;
        // The first rows decide which columns hold numbers: their headers align right.
        let head: Vec<Vec<Cell>> = (0..shown.min(SAMPLE_ROWS)).map(&rows).collect();
        let numbers: Vec<bool> = (0..columns.len())
            .map(|c| holds_numbers(&head, c))
            .collect();
        let headers = unique_headers(columns);
        let (bulk, sheet) = self.bulk;
        if shown <= self.table_rows {
            let table_columns: Vec<TableColumn> = headers
                .iter()
                .zip(&numbers)
                .map(|(h, n)| {
                    TableColumn::new()
                        .set_header(h.as_str())
                        .set_header_format(self.f.header(*n))
                })
                .collect();
            let table = Table::new()
                .set_name(name)
                .set_style(TableStyle::Medium2)
                .set_columns(&table_columns);
            // rust_xlsxwriter writes the headers and records every cell of a table's range in
            // a map, to refuse overlapping tables (tables here never overlap: each starts below
            // the last); its table part needs only the headers and the range. So it gets the
            // header and the first row, and the part gets the whole range when the workbook
            // is saved.
            self.ws
                .add_table(header_row, 0, first_row, last_col, &table)?;
            if last_row > first_row {
                let range = |last| cell_range(header_row, 0, last, last_col);
                bulk.table_range(name, range(first_row), range(last_row))?;
            }
        } else {
            for (c, (h, n)) in headers.iter().zip(&numbers).enumerate() {
                self.ws
                    .write_string_with_format(header_row, c as u16, h, self.f.header(*n))?;
            }
            self.ws.autofilter(header_row, 0, last_row, last_col)?;
        }
        for (c, (h, col)) in headers.iter().zip(columns).enumerate() {
            // Room for the filter button beside the header.
            self.widen(c, h.chars().count() as f64 + 4.0, col.max_width.max(12.0));
        }
        // The rows but the last in bulk, or all of them one by one.
        let one_by_one = if how == Rows::OneByOne || shown == 0 {
            0..shown
        } else {
            let widths = bulk.rows(sheet, first_row, shown - 1, columns, &rows)?;
            for (c, w) in widths.into_iter().enumerate() {
                self.widen(c, w, f64::INFINITY);
            }
            shown - 1..shown
        };
        for i in one_by_one {
            let cells = match head.get(i) {
                Some(cells) => cells.clone(),
                None => rows(i),
            };
            for (c, cell) in cells.iter().enumerate().take(columns.len()) {
                self.write_cell(first_row + i as u32, c as u16, cell, false)?;
                self.widen(c, cell.width() + 1.0, columns[c].max_width);
            }
        }
        if shown == 0 {
            self.ws
                .write_string(first_row, 0, self.lang.pick("(geen)", "(none)"))?;
        }
        self.last_col = self.last_col.max(last_col);
        self.row = last_row + 1;
        Ok(Placed {
            header_row,
            first_row,
            last_row,
            last_col,
            rows: shown,
        })
    }

    /// A bold totals line right below the table just written (outside it, so that sorting or
    /// filtering the table leaves it in place).
    pub fn total_row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        for (c, cell) in cells.iter().enumerate() {
            self.write_cell(self.row, c as u16, cell, true)?;
        }
        self.row += 1;
        Ok(())
    }

    /// Marks digits-as-text in a column (urgency codes) as intended, so Excel shows no
    /// warning triangles.
    pub fn text_digits(&mut self, placed: &Placed, col: u16) -> Result<(), XlsxError> {
        self.ws.ignore_error_range(
            placed.first_row,
            col,
            placed.last_row,
            col,
            IgnoreError::NumberStoredAsText,
        )?;
        Ok(())
    }

    /// Places `chart` to the right of every table of the sheet, level with `row` (or below the
    /// previous chart).
    pub fn chart(&mut self, row: u32, chart: Chart) {
        self.sized_chart(row, chart, CHART_WIDTH);
    }

    /// The same, wider (a line over 24 months).
    pub fn wide_chart(&mut self, row: u32, chart: Chart) {
        self.sized_chart(row, chart, CHART_WIDTH * 3 / 2);
    }

    fn sized_chart(&mut self, row: u32, mut chart: Chart, width: u32) {
        chart
            .set_width(width)
            .set_height(CHART_HEIGHT)
            .set_object_movement(ObjectMovement::MoveButDontSizeWithCells);
        self.charts.push((row, chart));
    }

    /// Numbers for a native chart in a hidden column beside the rows of `placed` (blank where
    /// `values` has none) and the range to plot: a chart reads a text cell of the table ("n te
    /// klein") as 0, a blank one as a gap. The column takes the place of the gap before the
    /// charts, which move one column on, so the sheet looks the same. The chart must show
    /// hidden data (`Chart::show_hidden_data`).
    pub fn chart_values(
        &mut self,
        placed: &Charted,
        values: &[Option<f64>],
    ) -> Result<(&'static str, u32, u16, u32, u16), XlsxError> {
        let col = self.last_col + 1;
        self.last_col = col;
        for (row, v) in (placed.first_row..).zip(values) {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                self.ws.write_number(row, col, v)?;
            }
        }
        self.ws.set_column_hidden(col)?;
        Ok((self.name, placed.first_row, col, placed.last_row, col))
    }

    /// Applies a conditional format to a data column of a placed table.
    pub fn conditional<T>(&mut self, placed: &Placed, col: u16, format: &T) -> Result<(), XlsxError>
    where
        T: rust_xlsxwriter::ConditionalFormat + Send + Sync,
    {
        if placed.rows > 0 {
            self.ws
                .add_conditional_format(placed.first_row, col, placed.last_row, col, format)?;
        }
        Ok(())
    }

    fn write_cell(&mut self, row: u32, col: u16, cell: &Cell, bold: bool) -> Result<(), XlsxError> {
        match cell {
            // write_string: text that starts with `=` stays text, never a formula. The plain
            // text style is the default format: no format to look up for most cells.
            Cell::Text(s, Style::Text) if !bold => {
                self.ws.write_string(row, col, clip(s))?;
            }
            Cell::Text(s, style) => {
                self.ws
                    .write_string_with_format(row, col, clip(s), self.f.cell(*style, bold))?;
            }
            Cell::Num(v, style) => {
                self.ws
                    .write_number_with_format(row, col, *v, self.f.cell(*style, bold))?;
            }
            Cell::Date(d) => {
                self.ws
                    .write_date_with_format(row, col, d, self.f.cell(Style::Date, bold))?;
            }
            Cell::Blank if bold => {
                self.ws
                    .write_blank(row, col, self.f.cell(Style::Text, true))?;
            }
            Cell::Blank => {}
        }
        Ok(())
    }

    fn widen(&mut self, col: usize, width: f64, max: f64) {
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0.0);
        }
        let w = width.min(max);
        if w > self.widths[col] {
            self.widths[col] = w;
        }
    }

    /// Column widths, charts, frozen rows and print setup.
    pub fn finish(self) -> Result<(), XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, w.max(8.0))?;
        }
        // One empty column between the widest table and the charts.
        let chart_col = self.last_col + 2;
        let mut next_free = 0;
        for (row, chart) in &self.charts {
            let at = (*row).max(next_free);
            self.ws.insert_chart(at, chart_col, chart)?;
            next_free = at + CHART_ROWS + 1;
        }
        if self.freeze > 0 {
            self.ws.set_freeze_panes(self.freeze, 0)?;
        }
        match self.repeat {
            Some(row) => {
                self.ws.set_repeat_rows(row, row)?;
            }
            None if self.freeze > 0 => {
                self.ws.set_repeat_rows(0, self.freeze - 1)?;
            }
            None => {}
        }
        self.ws
            .set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0)
            .set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3)
            .set_footer(&self.footer);
        Ok(())
    }
}

/// How a list's rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rows {
    /// All but the last as sheet XML by bulk.rs, in parallel.
    Bulk,
    /// Each through rust_xlsxwriter, which can then add cells to them.
    OneByOne,
}

/// Rows looked at to tell number columns from text columns.
const SAMPLE_ROWS: usize = 50;

/// Whether column `c` of `rows` holds numbers (or dates, or text aligned with numbers) and
/// no other text.
fn holds_numbers(rows: &[Vec<Cell>], c: usize) -> bool {
    let mut any = false;
    for cell in rows.iter().filter_map(|r| r.get(c)) {
        match cell {
            Cell::Num(..) | Cell::Date(_) => any = true,
            Cell::Text(_, Style::Right | Style::Good | Style::Bad) | Cell::Blank => {}
            Cell::Text(..) => return false,
        }
    }
    any
}

/// Table column names must be unique (case-insensitively), one line, at most 255 characters;
/// a register's own headers may break any of that.
fn unique_headers(columns: &[Column]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(columns.len());
    for col in columns {
        let base: String = col
            .header
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(EXCEL_HEADER_CHARS - 4)
            .collect();
        let base = if base.trim().is_empty() {
            "-".to_string()
        } else {
            base.trim().to_string()
        };
        let taken = |name: &str| out.iter().any(|h| h.to_lowercase() == name.to_lowercase());
        let mut name = base.clone();
        let mut n = 2;
        while taken(&name) {
            name = format!("{base} ({n})");
            n += 1;
        }
        out.push(name);
    }
    out
}

/// The warning above a list that does not fit in a sheet.
fn overflow_text(left_out: usize, total: usize, hint: &str, lang: Lang) -> String {
    let text = match lang {
        Lang::Nl => format!(
            "Let op: {left_out} van de {total} regels passen niet in een Excel-blad en zijn hieronder weggelaten."
        ),
        Lang::En => format!(
            "Note: {left_out} of the {total} rows do not fit in an Excel sheet and are left out below."
        ),
    };
    if hint.is_empty() {
        text
    } else {
        format!("{text} {hint}")
    }
}

/// Text cut to what a cell holds. Excel counts UTF-16 units, never more than UTF-8 bytes.
pub(super) fn clip(s: &str) -> &str {
    if s.len() <= EXCEL_CELL_CHARS {
        return s;
    }
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > EXCEL_CELL_CHARS {
            return &s[..i];
        }
    }
    s
}

/// Excel's page footer: `&` starts a code, so user text doubles it.
pub fn footer_text(text: &str) -> String {
    text.replace('&', "&&")
}

/// A colour from the chart palette.
pub fn color(rgb: plotters::style::RGBColor) -> Color {
    Color::RGB(crate::render::charts::Palette::hex(rgb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_made_unique_and_single_line() {
        let cols = [
            Column::new("Klant"),
            Column::new("klant"),
            Column::new("Klant"),
            Column::new("Regel 1\nRegel 2"),
            Column::new("  "),
        ];
        assert_eq!(
            unique_headers(&cols),
            vec!["Klant", "klant (2)", "Klant (3)", "Regel 1 Regel 2", "-"]
        );
        let long = Column::new("x".repeat(400));
        assert!(unique_headers(&[long])[0].chars().count() <= EXCEL_HEADER_CHARS);
    }

    #[test]
    fn digits_are_counted_as_the_formatted_number_has_them() {
        let values = [
            0.0,
            0.4,
            -0.9,
            1.0,
            9.99,
            10.0,
            -12.7,
            99.5,
            100.0,
            12345.678,
            999_999.0,
            1_000_000.0,
            999_999_999_999_999.0,
            1e15,
            1.5e17,
            -1e20,
            f64::NAN,
            f64::INFINITY,
        ];
        for v in values {
            let formatted = format!("{:.0}", v.abs().trunc()).len();
            assert_eq!(integer_digits(v), formatted, "{v}");
        }
    }

    #[test]
    fn a_cell_is_as_wide_as_its_longest_line() {
        let w = |s: &str| Cell::text(s).width();
        assert_eq!(w("één"), 3.0);
        assert_eq!(w("ab\nabcd\r\nabc"), 4.0);
        assert_eq!(w("abc\n"), 3.0);
        assert_eq!(w(""), 0.0);
        assert_eq!(Cell::Num(-12345.6, Style::Whole).width(), 5.0 + 1.0 + 3.0);
    }

    #[test]
    fn text_is_clipped_to_a_cell_on_a_character_boundary() {
        let s = "é".repeat(EXCEL_CELL_CHARS + 10);
        assert_eq!(clip(&s).chars().count(), EXCEL_CELL_CHARS);
        assert_eq!(clip("kort"), "kort");
        // A character outside the first plane counts twice, as in Excel.
        let s = "🔧".repeat(EXCEL_CELL_CHARS);
        assert_eq!(clip(&s).chars().count(), EXCEL_CELL_CHARS / 2);
    }

    #[test]
    fn number_columns_are_told_from_text_columns() {
        let rows = vec![
            vec![
                Cell::count(3),
                Cell::text("a"),
                Cell::Blank,
                Cell::marked("n te klein", Style::Right),
            ],
            vec![
                Cell::Blank,
                Cell::count(1),
                Cell::Blank,
                Cell::whole(Some(4)),
            ],
        ];
        let found: Vec<bool> = (0..4).map(|c| holds_numbers(&rows, c)).collect();
        assert_eq!(found, [true, false, false, true]);
    }

    #[test]
    fn widths_follow_the_shown_value() {
        assert_eq!(Cell::text("lekkage").width(), 7.0);
        assert_eq!(Cell::text("a\nlanger").width(), 6.0);
        assert_eq!(Cell::count(1_234_567).width(), 7.0 + 2.0 + 3.0);
        assert!(Cell::share(Some(0.5)).width() >= "50.0%".len() as f64);
        assert_eq!(Cell::num(Some(f64::NAN), Style::Days), Cell::Blank);
        assert_eq!(footer_text("Jansen & Zn"), "Jansen && Zn");
    }
}
