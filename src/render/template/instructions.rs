//! The instructions sheet: the procedure's steps, urgency and every column, laid out for
//! reading and printing.

use super::register_sheet::{height, need_fill, wrapped_lines};
use super::texts::{
    example, instructions_sheet_name, need_label, register_sheet_name, steps, tips, what_to_enter,
};
use crate::error::Result;
use crate::register::{Field, Urgency};
use crate::Lang;
use rust_xlsxwriter::{ColNum, Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// Widths of the instructions sheet's four columns.
const INSTRUCTION_WIDTHS: [f64; 4] = [28.0, 70.0, 16.0, 40.0];
/// The instructions sheet's last column.
const LAST: ColNum = 3;

/// The instructions sheet, written top to bottom; every row gets an explicit height that fits
/// its wrapped text.
struct Page<'a> {
    pub(super) ws: &'a mut Worksheet,
    pub(super) row: u32,
    pub(super) title: Format,
    heading: Format,
    pub(super) text: Format,
    pub(super) label: Format,
    /// Bold table cell, for the first column of a table.
    th_row: Format,
    th: Format,
    td: Format,
}

impl Page<'_> {
    pub(super) fn title(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, text, &self.title)?;
        self.ws.set_row_height(self.row, 24)?;
        self.row += 1;
        Ok(())
    }

    fn heading(&mut self, text: &str) -> Result<(), XlsxError> {
        self.row += 1;
        self.ws
            .merge_range(self.row, 0, self.row, LAST, text, &self.heading)?;
        self.ws.set_row_height(self.row, 21)?;
        self.row += 1;
        Ok(())
    }

    /// A paragraph across the whole width.
    fn paragraph(&mut self, text: &str) -> Result<(), XlsxError> {
        self.ws
            .merge_range(self.row, 0, self.row, LAST, text, &self.text)?;
        let width: f64 = INSTRUCTION_WIDTHS.iter().sum();
        self.ws
            .set_row_height(self.row, height(wrapped_lines(text, width)))?;
        self.row += 1;
        Ok(())
    }

    /// A bold label in column A and its text across the other columns.
    fn labelled(&mut self, label: &str, text: &str) -> Result<(), XlsxError> {
        self.ws
            .write_string_with_format(self.row, 0, label, &self.label)?;
        self.ws
            .merge_range(self.row, 1, self.row, LAST, text, &self.text)?;
        let width: f64 = INSTRUCTION_WIDTHS[1..].iter().sum();
        let lines = wrapped_lines(text, width).max(wrapped_lines(label, INSTRUCTION_WIDTHS[0]));
        self.ws.set_row_height(self.row, height(lines))?;
        self.row += 1;
        Ok(())
    }

    /// A table row, one cell per column; `formats` overrides a cell's format.
    fn table_row(
        &mut self,
        cells: [&str; 4],
        header: bool,
        formats: [Option<&Format>; 4],
    ) -> Result<(), XlsxError> {
        let mut lines = 1;
        for ((text, col), width) in cells.iter().zip(0..).zip(INSTRUCTION_WIDTHS) {
            // `col` counts the four cells, and `formats` has four entries.
            let own = formats[usize::from(col)];
            let fmt = own.unwrap_or(if header { &self.th } else { &self.td });
            self.ws
                .write_string_with_format(self.row, col, *text, fmt)?;
            lines = lines.max(wrapped_lines(text, width - 1.0));
        }
        self.ws.set_row_height(self.row, height(lines))?;
        self.row += 1;
        Ok(())
    }
}

pub(super) fn write_instructions(
    ws: &mut Worksheet,
    lang: Lang,
    company: Option<&str>,
) -> Result<(), XlsxError> {
    ws.set_name(instructions_sheet_name(lang))?;
    for (col, width) in (0..).zip(INSTRUCTION_WIDTHS) {
        ws.set_column_width(col, width)?;
    }
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    ws.set_screen_gridlines(false);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let cell = wrap
        .clone()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF));
    let mut page = Page {
        ws,
        row: 0,
        title: Format::new()
            .set_bold()
            .set_font_size(16)
            .set_font_color(Color::RGB(0x1F4E78)),
        heading: Format::new()
            .set_bold()
            .set_font_size(13)
            .set_font_color(Color::RGB(0x1F4E78))
            .set_border_bottom(FormatBorder::Medium)
            .set_border_bottom_color(Color::RGB(0x1F4E78)),
        text: wrap.clone(),
        label: wrap.set_bold(),
        th_row: cell.clone().set_bold(),
        th: cell
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7)),
        td: cell,
    };

    let title = match company {
        Some(c) => format!("{} – {c}", register_sheet_name(lang)),
        None => register_sheet_name(lang).to_string(),
    };
    page.title(&title)?;
    page.paragraph(lang.pick(
        "Dit werkboek is een klachtenregister volgens het NVKL Model Klachtenbehandeling. Zet elke klacht op een eigen regel in het blad Klachtenregister: ook mondelinge klachten en klachten die niet technisch zijn. Vul de kolommen in zoals hieronder staat en kies waar het kan uit de keuzelijst. Het programma klacht controleert het register en maakt er de managementrapportage van.",
        "This workbook is a complaint register following the NVKL complaint procedure. Put every complaint on its own row of the sheet Complaint register: oral complaints and non-technical complaints too. Fill in the columns as described below and choose from the drop-down list where there is one. The program klacht checks the register and turns it into the management report.",
    ))?;

    page.heading(lang.pick("De procedure in zes stappen", "The procedure in six steps"))?;
    for (label, text) in steps(lang) {
        page.labelled(label, text)?;
    }

    page.heading(lang.pick(
        "Urgentiecategorieën (bij het beoordelen)",
        "Urgency categories (when assessing)",
    ))?;
    page.paragraph(lang.pick(
        "Een urgentiecategorie helpt bij het beoordelen; 1 is het zwaarst. Bij 1 en 2 kunnen juridische gevolgen volgen: handel die schriftelijk af. De streeftermijn telt werkdagen vanaf de datum van ontvangst; een Streefdatum in het register gaat voor. De termijnen zijn de standaard van klacht en zijn in te stellen in klacht.toml.",
        "An urgency category helps the assessment; 1 is the most serious. Categories 1 and 2 may have legal consequences: handle them in writing. The target counts working days from the date received; a Due date in the register overrides it. The targets are klacht's defaults and can be changed in klacht.toml.",
    ))?;
    page.table_row(
        [
            lang.pick("Nr.", "No."),
            lang.pick("Omschrijving", "Description"),
            lang.pick("Streeftermijn", "Target"),
            lang.pick("Let op", "Note"),
        ],
        true,
        [None; 4],
    )?;
    for u in Urgency::ALL {
        let number = u.number().to_string();
        let target = match u.number() {
            1..=3 => lang.pick("10 werkdagen", "10 working days"),
            4..=7 => lang.pick("20 werkdagen", "20 working days"),
            _ => lang.pick("geen", "none"),
        };
        let note = match u.number() {
            1 | 2 => lang.pick(
                "juridische gevolgen mogelijk: schriftelijk afhandelen",
                "legal consequences possible: handle in writing",
            ),
            7 => lang.pick("Aard: niet-technisch", "Nature: non-technical"),
            _ => "",
        };
        let centred = page.th_row.clone().set_align(FormatAlign::Center);
        page.table_row(
            [&number, u.label(lang), target, note],
            false,
            [Some(&centred), None, None, None],
        )?;
    }

    page.heading(lang.pick("Kolommen van het register", "Columns of the register"))?;
    page.paragraph(lang.pick(
        "De kleur van de kolomkop zegt of een kolom nodig is: donkerblauw = verplicht, lichtblauw = aanbevolen, grijs = optioneel. Elke kolomkop heeft een opmerking met uitleg; ga er met de muis op staan. Verander de kolomkoppen niet: klacht herkent het register aan deze koppen. Kolommen toevoegen mag; klacht meldt ze en neemt ze mee.",
        "The colour of a column header says whether the column is needed: dark blue = required, light blue = recommended, grey = optional. Every header has a note that explains it; hover over it with the mouse. Do not change the headers: klacht recognises the register by them. Adding columns is fine; klacht reports them and keeps them.",
    ))?;
    page.table_row(
        [
            lang.pick("Kolom", "Column"),
            lang.pick("Wat vul je in", "What to enter"),
            lang.pick("Nodig", "Needed"),
            lang.pick("Voorbeeld", "Example"),
        ],
        true,
        [None; 4],
    )?;
    for &field in Field::ALL {
        let need = field.need();
        let (fill, font) = need_fill(need);
        let need_cell = page
            .td
            .clone()
            .set_bold()
            .set_background_color(fill)
            .set_font_color(font);
        page.table_row(
            [
                field.header(lang),
                &what_to_enter(field, lang),
                need_label(need, lang),
                &example(field, lang),
            ],
            false,
            [Some(&page.th_row.clone()), None, Some(&need_cell), None],
        )?;
    }

    page.heading(lang.pick("Tips", "Tips"))?;
    for tip in tips(lang) {
        page.paragraph(&format!("• {tip}"))?;
    }
    Ok(())
}
