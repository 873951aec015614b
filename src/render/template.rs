//! `klacht template`: an empty register workbook that follows the NVKL procedure.
//!
//! A company that starts (or restarts) its register gets exactly the columns the tool reads,
//! drop-down lists whose every entry reads back as its value, date checks that keep text out
//! of date columns, and the procedure explained on a second sheet. The drop-down entries live
//! on a hidden sheet because Excel limits a typed-in list to 255 characters and the urgency
//! list alone is longer.

use crate::error::{Error, Result};
use crate::register::{
    Channel, CustomerType, Field, FieldKind, HandlingMode, Justified, Nature, Need, Status, Urgency,
};
use crate::render::output::write_atomic;
use crate::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::{
    worksheet_range_absolute, ColNum, Color, DataValidation, DataValidationErrorStyle,
    DataValidationRule, DocProperties, Format, FormatAlign, FormatBorder, Formula, Note, Table,
    TableColumn, TableStyle, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

/// Data rows the template prepares below the header (rows 2 to 1001): table, formats and
/// validations cover them; the Excel table grows when someone types directly below it.
pub const DATA_ROWS: u32 = 1000;

/// Name of the register sheet.
pub fn register_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Klachtenregister", "Complaint register")
}

/// Name of the instructions sheet.
pub fn instructions_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Instructies", "Instructions")
}

/// Name of the hidden sheet that holds the drop-down entries.
pub fn lists_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Lijsten", "Lists")
}

/// Writes the empty register to `out` (through a temporary file, so a failure leaves nothing).
/// The workbook's creation time comes from `SOURCE_DATE_EPOCH`, else a fixed date, so two runs
/// give identical bytes.
///
/// ```no_run
/// use klacht::render::template::write_template;
/// use klacht::Lang;
/// write_template(std::path::Path::new("klachtenregister.xlsx"), Lang::Nl, Some("Koeltechniek BV"))?;
/// # Ok::<(), klacht::Error>(())
/// ```
pub fn write_template(out: &Path, lang: Lang, company: Option<&str>) -> Result<()> {
    let company = company.map(str::trim).filter(|c| !c.is_empty());
    let created = creation_time(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref());
    let failed = |e: XlsxError| Error::new("E-output", out).detail(e);
    write_atomic(out, &[], |tmp| {
        build(lang, company, created)
            .map_err(failed)?
            .save(tmp)
            .map_err(failed)
    })
}

/// The drop-down entries of `field`, in list order; `None` for fields without a drop-down
/// (text, dates, cost). Urgency entries are the number, ` - ` and the procedure's label, so
/// the cell shows the meaning and its leading number is the value.
///
/// ```
/// use klacht::register::Field;
/// use klacht::render::template::dropdown_entries;
/// use klacht::Lang;
/// let urgency = dropdown_entries(Field::Urgency, Lang::Nl).unwrap();
/// assert_eq!(urgency[4], "5 - garantieclaim");
/// assert_eq!(dropdown_entries(Field::Description, Lang::Nl), None);
/// ```
pub fn dropdown_entries(field: Field, lang: Lang) -> Option<Vec<String>> {
    fn labels<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<String> {
        all.iter().map(|&v| label(v).to_string()).collect()
    }
    let entries = match field.kind() {
        FieldKind::Urgency => Urgency::ALL
            .iter()
            .map(|u| format!("{} - {}", u.number(), u.label(lang)))
            .collect(),
        FieldKind::Channel => labels(Channel::ALL, |v| v.label(lang)),
        FieldKind::Nature => labels(Nature::ALL, |v| v.label(lang)),
        FieldKind::CustomerType => labels(CustomerType::ALL, |v| v.label(lang)),
        FieldKind::HandlingMode => labels(HandlingMode::ALL, |v| v.label(lang)),
        FieldKind::Status => labels(Status::ALL, |v| v.label(lang)),
        FieldKind::Justified => labels(Justified::ALL, |v| v.label(lang)),
        FieldKind::Text | FieldKind::Date | FieldKind::Decimal => return None,
    };
    Some(entries)
}

/// 2026-01-01T00:00:00Z: the creation time when `SOURCE_DATE_EPOCH` is not set.
const FIXED_EPOCH: i64 = 1_767_225_600;

/// The workbook's creation time: `SOURCE_DATE_EPOCH` (seconds) when it is a valid number,
/// else a fixed date. Never the clock: an empty template has no meaningful creation time.
pub(crate) fn creation_time(source_date_epoch: Option<&str>) -> DateTime<Utc> {
    source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .or_else(|| DateTime::from_timestamp(FIXED_EPOCH, 0))
        .unwrap_or(DateTime::UNIX_EPOCH)
}

/// The range a date validation accepts: wide enough for any real register, narrow enough to
/// catch a year typed as `26` or `20026`.
const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => panic!("2000-01-01 is a date"), // evaluated at compile time
};
const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => panic!("2100-12-31 is a date"), // evaluated at compile time
};

/// Header fills by need: dark for required, light blue for recommended, grey for optional.
fn need_fill(need: Need) -> (Color, Color) {
    match need {
        Need::Required => (Color::RGB(0x1F4E78), Color::White),
        Need::Recommended => (Color::RGB(0xBDD7EE), Color::Black),
        Need::Optional => (Color::RGB(0xE7E6E6), Color::Black),
    }
}

fn need_label(need: Need, lang: Lang) -> &'static str {
    match need {
        Need::Required => lang.pick("verplicht", "required"),
        Need::Recommended => lang.pick("aanbevolen", "recommended"),
        Need::Optional => lang.pick("optioneel", "optional"),
    }
}

fn need_sentence(need: Need, lang: Lang) -> &'static str {
    match need {
        Need::Required => lang.pick("Verplicht.", "Required."),
        Need::Recommended => lang.pick(
            "Aanbevolen: de procedure vraagt erom.",
            "Recommended: the procedure asks for it.",
        ),
        Need::Optional => lang.pick("Optioneel.", "Optional."),
    }
}

/// One sentence on what a column holds: the header's note, the cell's input message and the
/// instructions sheet all use it.
fn explanation(field: Field, lang: Lang) -> &'static str {
    match field {
        Field::Id => lang.pick(
            "Eigen nummer van de klacht, bijvoorbeeld jaar en volgnummer.",
            "The complaint's own number, for example year and sequence number.",
        ),
        Field::ReceivedDate => lang.pick(
            "Datum waarop de klacht binnenkwam; alle termijnen tellen vanaf deze datum.",
            "Date the complaint came in; every term counts from this date.",
        ),
        Field::Channel => lang.pick(
            "Hoe de klacht binnenkwam: schriftelijk, per e-mail of mondeling.",
            "How the complaint came in: in writing, by e-mail or orally.",
        ),
        Field::Customer => lang.pick(
            "Naam van de klant of het bedrijf dat klaagt; rapporten tonen een schuilnaam.",
            "Name of the complaining customer or company; reports show a pseudonym.",
        ),
        Field::CustomerId => lang.pick(
            "Klant- of debiteurnummer uit de eigen administratie.",
            "Customer or account number from your own records.",
        ),
        Field::CustomerType => lang.pick(
            "Particulier of zakelijk; een particulier kan tot 12 maanden na de klacht naar de Geschillencommissie.",
            "Consumer or business; a consumer can go to the disputes committee up to 12 months after complaining.",
        ),
        Field::JobRef => lang.pick(
            "Werkbon-, project- of ordernummer van het werk waar de klacht over gaat.",
            "Work order, project or order number of the job the complaint is about.",
        ),
        Field::Description => lang.pick(
            "Korte omschrijving van de klacht.",
            "Short description of the complaint.",
        ),
        Field::Nature => lang.pick(
            "Technisch, of niet-technisch (gedrag personeel, foutieve factuur, gemiste afspraak).",
            "Technical, or non-technical (staff behaviour, wrong invoice, missed appointment).",
        ),
        Field::Urgency => lang.pick(
            "Urgentiecategorie 1 (zwaarst) tot en met 8 uit de procedure.",
            "Urgency category 1 (most serious) to 8 from the procedure.",
        ),
        Field::Handler => lang.pick(
            "Medewerker die de klacht in behandeling neemt.",
            "Employee who takes on the complaint.",
        ),
        Field::ContactPerson => lang.pick(
            "Aanspreekpunt voor de klant, als dat iemand anders is dan de behandelaar.",
            "The customer's point of contact, if that is someone other than the handler.",
        ),
        Field::Assessor => lang.pick(
            "Directeur of verantwoordelijke medewerker die de klacht beoordeelde.",
            "Director or responsible employee who assessed the complaint.",
        ),
        Field::HandlingMode => lang.pick(
            "Afhandelen met een persoonlijk gesprek, of schriftelijk als er juridische gevolgen kunnen volgen.",
            "Handle it in a personal conversation, or in writing where legal consequences may follow.",
        ),
        Field::AckDate => lang.pick(
            "Datum waarop de klant hoorde dat de klacht ontvangen is, met de naam van de contactpersoon.",
            "Date the customer was told the complaint was received, with the contact person's name.",
        ),
        Field::Department => lang.pick(
            "Afdeling of vestiging die de klacht behandelt.",
            "Department or branch that handles the complaint.",
        ),
        Field::DueDate => lang.pick(
            "Datum waarvoor de klacht afgehandeld moet zijn; gaat voor de standaard streeftermijn.",
            "Date by which the complaint must be closed; overrides the default target.",
        ),
        Field::Cause => lang.pick(
            "Vastgestelde oorzaak van de klacht, liefst in vaste woorden zodat oorzaken te tellen zijn.",
            "The cause found, preferably in fixed words so that causes can be counted.",
        ),
        Field::Solution => lang.pick(
            "Genomen maatregel of oplossing.",
            "Action taken or solution.",
        ),
        Field::ClosedDate => lang.pick(
            "Datum waarop de klacht is afgehandeld; leeg zolang hij loopt.",
            "Date the complaint was closed; empty while it is open.",
        ),
        Field::Status => lang.pick(
            "Stand van de afhandeling; leeg betekent: volgt uit Datum afgehandeld.",
            "Where handling stands; empty means: follows from Date closed.",
        ),
        Field::LastUpdate => lang.pick(
            "Datum van de laatste actie of het laatste contact met de klant.",
            "Date of the last action or the last contact with the customer.",
        ),
        Field::Justified => lang.pick(
            "Of de klacht terecht was.",
            "Whether the complaint was justified.",
        ),
        Field::Cost => lang.pick(
            "Kosten van de afhandeling (faalkosten) in euro, als getal.",
            "Cost of handling (failure cost) in euros, as a number.",
        ),
        Field::Notes => lang.pick("Overige opmerkingen.", "Any other remarks."),
    }
}

/// What the column takes, for the instructions: the explanation plus the allowed values.
fn what_to_enter(field: Field, lang: Lang) -> String {
    let mut text = explanation(field, lang).to_string();
    match field.kind() {
        FieldKind::Date => {
            text.push_str(lang.pick(" Datum als dd-mm-jjjj.", " A date as dd-mm-yyyy."))
        }
        FieldKind::Urgency => text.push_str(lang.pick(
            " Kies uit de keuzelijst (zie de tabel hierboven); alleen het nummer mag ook.",
            " Choose from the drop-down (see the table above); the number alone is fine too.",
        )),
        _ => {
            if let Some(entries) = dropdown_entries(field, lang) {
                text.push_str(lang.pick(" Kies uit: ", " Choose from: "));
                text.push_str(&entries.join(", "));
                text.push('.');
            }
        }
    }
    text
}

/// An example value as a user would type it; vocabularies come from their labels so the
/// example always reads back.
fn example(field: Field, lang: Lang) -> String {
    let text = match field {
        Field::Id => "2026-014",
        Field::ReceivedDate => "03-03-2026",
        Field::Channel => Channel::Phone.label(lang),
        Field::Customer => lang.pick("Bakkerij De Korenaar", "De Korenaar bakery"),
        Field::CustomerId => "D10482",
        Field::CustomerType => CustomerType::Business.label(lang),
        Field::JobRef => "WB-26-0315",
        Field::Description => lang.pick(
            "Koelcel haalt na onderhoud de temperatuur niet",
            "Cold store does not reach temperature after maintenance",
        ),
        Field::Nature => Nature::Technical.label(lang),
        Field::Urgency => {
            return dropdown_entries(field, lang)
                .and_then(|e| e.into_iter().nth(5))
                .unwrap_or_default()
        }
        Field::Handler => "J. de Vries",
        Field::ContactPerson => "M. Jansen",
        Field::Assessor => lang.pick("P. Bakker (directeur)", "P. Bakker (director)"),
        Field::HandlingMode => HandlingMode::Conversation.label(lang),
        Field::AckDate => "04-03-2026",
        Field::Department => "Service",
        Field::DueDate => "17-03-2026",
        Field::Cause => lang.pick(
            "Expansieventiel verkeerd afgesteld",
            "Expansion valve set incorrectly",
        ),
        Field::Solution => lang.pick(
            "Ventiel afgesteld, temperatuur gecontroleerd",
            "Valve adjusted, temperature checked",
        ),
        Field::ClosedDate => "12-03-2026",
        Field::Status => Status::Closed.label(lang),
        Field::LastUpdate => "12-03-2026",
        Field::Justified => Justified::Yes.label(lang),
        Field::Cost => lang.pick("185,00", "185.00"),
        Field::Notes => lang.pick(
            "Klant tevreden na gesprek",
            "Customer satisfied after the talk",
        ),
    };
    text.to_string()
}

/// Column width: what typical content needs, and at least the longest word of the header
/// (headers wrap at spaces) plus room for the filter button.
fn column_width(field: Field, lang: Lang) -> f64 {
    let typical = match field.kind() {
        FieldKind::Date | FieldKind::Decimal => 12,
        FieldKind::Urgency => 34,
        FieldKind::Text => match field {
            Field::Description => 42,
            Field::Solution | Field::Notes => 36,
            Field::Cause => 30,
            Field::Customer => 24,
            _ => 16,
        },
        _ => dropdown_entries(field, lang)
            .into_iter()
            .flatten()
            .map(|e| e.chars().count() + 4)
            .max()
            .unwrap_or(12),
    };
    let longest_word = field
        .header(lang)
        .split_whitespace()
        .map(|w| w.chars().count() + 4)
        .max()
        .unwrap_or(0);
    typical.max(longest_word) as f64
}

/// Lines `text` takes when wrapped at spaces in a column of `width` width units; used for
/// explicit row heights, which Excel and LibreOffice both honour. A unit is the width of a
/// digit; Dutch text averages about 1.3 characters per unit in Calibri 11 (seen in
/// LibreOffice with Calibri's metrics), and 1.2 leaves a margin against clipped text.
fn wrapped_lines(text: &str, width: f64) -> u32 {
    let cap = ((width * 1.2).floor() as usize).max(1);
    let mut lines = 0;
    for para in text.split('\n') {
        let mut len = 0usize;
        lines += 1;
        for word in para.split_whitespace() {
            let w = word.chars().count();
            if len > 0 && len + 1 + w > cap {
                lines += 1;
                len = 0;
            }
            len += if len == 0 { w } else { w + 1 };
            while len > cap {
                lines += 1;
                len -= cap;
            }
        }
    }
    lines
}

/// Row height in points for `lines` lines of 11-point text.
fn height(lines: u32) -> f64 {
    f64::from(lines.max(1)) * 15.0 + 3.0
}

/// A drop-down column: its field, entries, and the range on the lists sheet that holds them.
struct DropDown {
    field: Field,
    entries: Vec<String>,
    range: String,
}

fn dropdowns(lang: Lang) -> Vec<DropDown> {
    Field::ALL
        .iter()
        .filter_map(|&f| dropdown_entries(f, lang).map(|e| (f, e)))
        .zip(0..)
        .map(|((field, entries), col)| {
            let last = entries.len() as u32; // at most eight entries
            let range = worksheet_range_absolute(lists_sheet_name(lang), 1, col, last, col);
            DropDown {
                field,
                entries,
                range,
            }
        })
        .collect()
}

fn build(lang: Lang, company: Option<&str>, created: DateTime<Utc>) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(register_sheet_name(lang))
        .set_subject(lang.pick(
            "Klachtenregister volgens het NVKL Model Klachtenbehandeling",
            "Complaint register following the NVKL complaint procedure",
        ))
        .set_comment(lang.pick("Gemaakt met klacht template", "Made with klacht template"))
        .set_creation_datetime(&created);
    if let Some(company) = company {
        properties = properties.set_company(company);
    }
    workbook.set_properties(&properties);

    let lists = dropdowns(lang);
    write_register(workbook.add_worksheet(), lang, &lists)?;
    write_instructions(workbook.add_worksheet(), lang, company)?;
    write_lists(workbook.add_worksheet(), lang, &lists)?;
    Ok(workbook)
}

fn write_register(ws: &mut Worksheet, lang: Lang, lists: &[DropDown]) -> Result<(), XlsxError> {
    ws.set_name(register_sheet_name(lang))?;
    let columns: Vec<TableColumn> = Field::ALL
        .iter()
        .map(|&f| {
            TableColumn::new()
                .set_header(f.header(lang))
                .set_header_format(header_format(f.need()))
        })
        .collect();
    let last_col = ColNum::try_from(Field::ALL.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    let table = Table::new()
        .set_name(lang.pick("Klachten", "Complaints"))
        .set_style(TableStyle::Light1)
        .set_columns(&columns);
    ws.add_table(0, 0, DATA_ROWS, last_col, &table)?;

    let mut header_lines = 1;
    for (&field, col) in Field::ALL.iter().zip(0..) {
        let width = column_width(field, lang);
        ws.set_column_width(col, width)?;
        ws.set_column_format(col, &cell_format(field))?;
        header_lines = header_lines.max(wrapped_lines(field.header(lang), width - 3.0));
        ws.insert_note(0, col, &header_note(field, lang))?;
        let list = lists.iter().find(|l| l.field == field);
        if let Some(validation) = validation(field, lang, list)? {
            ws.add_data_validation(1, col, DATA_ROWS, col, &validation)?;
        }
    }
    ws.set_row_height(0, height(header_lines))?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape().set_paper_size(9);
    ws.set_repeat_rows(0, 0)?;
    ws.set_active(true);
    Ok(())
}

fn header_format(need: Need) -> Format {
    let (fill, font) = need_fill(need);
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(fill)
        .set_font_color(font)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0x8EA9C1))
}

/// The format of a column's data cells: dates, euros, identifiers kept as text (so that
/// `2026-01` stays a number and not a date), long texts wrapped.
fn cell_format(field: Field) -> Format {
    let base = Format::new().set_align(FormatAlign::Top);
    match field.kind() {
        FieldKind::Date => base
            .set_num_format("dd-mm-yyyy")
            .set_align(FormatAlign::Center),
        FieldKind::Decimal => base.set_num_format("[$€-413] #,##0.00"),
        FieldKind::Text => match field {
            Field::Id | Field::CustomerId | Field::JobRef => base.set_num_format("@"),
            Field::Description | Field::Cause | Field::Solution | Field::Notes => {
                base.set_text_wrap()
            }
            _ => base,
        },
        _ => base,
    }
}

fn header_note(field: Field, lang: Lang) -> Note {
    let text = format!(
        "{} {}",
        explanation(field, lang),
        need_sentence(field.need(), lang)
    );
    let lines = wrapped_lines(&text, 34.0);
    Note::new(text)
        .set_author("klacht")
        .add_author_prefix(false)
        .set_width(260)
        .set_height(lines * 16 + 12)
}

/// The cell check of a column: a date range, a non-negative amount, or a drop-down list
/// (a warning, not a stop: `3` or `cat. 3` is still read correctly by the tool).
fn validation(
    field: Field,
    lang: Lang,
    list: Option<&DropDown>,
) -> Result<Option<DataValidation>, XlsxError> {
    let validation = match (field.kind(), list) {
        (FieldKind::Date, _) => DataValidation::new()
            .allow_date(DataValidationRule::Between(FIRST_DATE, LAST_DATE))
            .set_error_title(lang.pick("Geen geldige datum", "Not a valid date"))?
            .set_error_message(lang.pick(
                "Vul een datum in als dd-mm-jjjj, tussen 01-01-2000 en 31-12-2100.",
                "Enter a date as dd-mm-yyyy, between 01-01-2000 and 31-12-2100.",
            ))?,
        (FieldKind::Decimal, _) => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_error_title(lang.pick("Geen geldig bedrag", "Not a valid amount"))?
            .set_error_message(lang.pick(
                "Vul een bedrag in euro in als getal van 0 of meer, bijvoorbeeld 185,00.",
                "Enter an amount in euros as a number of 0 or more, for example 185.00.",
            ))?,
        (_, Some(list)) => DataValidation::new()
            .allow_list_formula(Formula::new(&list.range))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title(lang.pick("Niet uit de lijst", "Not from the list"))?
            .set_error_message(lang.pick(
                "Deze waarde staat niet in de keuzelijst. Kies bij voorkeur een waarde uit de lijst.",
                "This value is not in the drop-down list. Preferably choose a value from the list.",
            ))?,
        _ => return Ok(None),
    };
    let message = format!(
        "{} {}",
        explanation(field, lang),
        need_sentence(field.need(), lang)
    );
    Ok(Some(
        validation
            .set_input_title(field.header(lang))?
            .set_input_message(message)?,
    ))
}

fn write_lists(ws: &mut Worksheet, lang: Lang, lists: &[DropDown]) -> Result<(), XlsxError> {
    ws.set_name(lists_sheet_name(lang))?;
    let bold = Format::new().set_bold();
    for (list, col) in lists.iter().zip(0..) {
        ws.write_string_with_format(0, col, list.field.header(lang), &bold)?;
        for (entry, row) in list.entries.iter().zip(1..) {
            ws.write_string(row, col, entry)?;
        }
        let width = list.entries.iter().map(|e| e.chars().count()).max();
        ws.set_column_width(col, width.unwrap_or(10).max(12) as f64 + 2.0)?;
    }
    ws.set_hidden(true);
    Ok(())
}

/// Widths of the instructions sheet's four columns.
const INSTRUCTION_WIDTHS: [f64; 4] = [28.0, 70.0, 16.0, 40.0];
/// The instructions sheet's last column.
const LAST: ColNum = 3;

/// The instructions sheet, written top to bottom; every row gets an explicit height that fits
/// its wrapped text.
struct Page<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    title: Format,
    heading: Format,
    text: Format,
    label: Format,
    /// Bold table cell, for the first column of a table.
    th_row: Format,
    th: Format,
    td: Format,
}

impl Page<'_> {
    fn title(&mut self, text: &str) -> Result<(), XlsxError> {
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

fn write_instructions(
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

/// The procedure's steps as the instructions explain them.
fn steps(lang: Lang) -> [(&'static str, &'static str); 6] {
    [
        (
            lang.pick("1. Ontvangst", "1. Receipt"),
            lang.pick(
                "Een klacht komt schriftelijk binnen (brief, fax), per e-mail of mondeling (telefoon, balie, bij de monteur). Vul in hoe: Wijze van ontvangst.",
                "A complaint comes in writing (letter, fax), by e-mail or orally (phone, at the counter, to the mechanic). Record how: Channel.",
            ),
        ),
        (
            lang.pick("2. Registreren", "2. Registration"),
            lang.pick(
                "Schrijf de klacht meteen in: de datum van ontvangst, een korte omschrijving en de medewerker die de klacht gaat behandelen. Geef elke klacht een eigen klachtnummer. Vul in: Klachtnummer, Datum ontvangst, Omschrijving, Behandelaar.",
                "Register the complaint at once: the date received, a short description and the employee who will handle it. Give every complaint its own number. Fill in: Complaint number, Date received, Description, Handler.",
            ),
        ),
        (
            lang.pick("3. Beoordelen", "3. Assessment"),
            lang.pick(
                "De directeur of de verantwoordelijke voor klachten beslist: afhandelen met een persoonlijk gesprek, of met een schriftelijke reactie (vooral als er juridische gevolgen kunnen volgen). Wijs een contactpersoon aan als dat iemand anders is. Ook een klacht die niet technisch is (gedrag personeel, foutieve factuur) volgt de procedure. Vul in: Beoordeeld door, Wijze van afhandeling, Contactpersoon, Aard, Urgentie.",
                "The director or the person responsible for complaints decides: handle it in a personal conversation, or with a written response (mainly where legal consequences may follow). Appoint a contact person if that is someone else. A non-technical complaint (staff behaviour, wrong invoice) follows the procedure too. Fill in: Assessed by, Handling mode, Contact person, Nature, Urgency.",
            ),
        ),
        (
            lang.pick("4. Ontvangstbevestiging", "4. Acknowledgement"),
            lang.pick(
                "Laat de klant direct na de (eerste) ontvangst weten dat de klacht binnen is en wie de contactpersoon is; er is een modelbrief. klacht verwacht dit standaard binnen 1 werkdag. Vul in: Datum ontvangstbevestiging.",
                "Directly after (first) receipt, tell the customer the complaint was received and who the contact person is; a model letter exists. By default klacht expects this within 1 working day. Fill in: Acknowledged on.",
            ),
        ),
        (
            lang.pick("5. Opvolging", "5. Follow-up"),
            lang.pick(
                "Geef de klacht door aan de afdeling of medewerker die hem behandelt. De directeur of de verantwoordelijke volgt regelmatig hoe het ervoor staat. Vul in: Afdeling, Status, Laatste actie, zo nodig Streefdatum.",
                "Pass the complaint to the department or employee who handles it. The director or the person responsible regularly checks how it stands. Fill in: Department, Status, Last update, and a Due date where needed.",
            ),
        ),
        (
            lang.pick("6. Actie", "6. Action"),
            lang.pick(
                "De verantwoordelijke zoekt de oorzaak en komt zo tot een oplossing; nodig de klant zo nodig uit om het probleem te bespreken. Vul bij het afsluiten in: Oorzaak, Oplossing, Datum afgehandeld, Gegrond, Kosten.",
                "The person responsible finds the cause and so reaches a solution; invite the customer to discuss the problem where needed. When closing, fill in: Cause, Solution, Date closed, Justified, Cost.",
            ),
        ),
    ]
}

fn tips(lang: Lang) -> [&'static str; 5] {
    [
        lang.pick(
            "Eén klacht per regel. Laat geen lege regels tussen klachten en zet geen totalen of notities onder het register.",
            "One complaint per row. Leave no empty rows between complaints and put no totals or notes below the register.",
        ),
        lang.pick(
            "Typ datums als dd-mm-jjjj, bijvoorbeeld 03-03-2026. Een datum vóór 2000 of na 2100 wordt geweigerd.",
            "Type dates as dd-mm-yyyy, for example 03-03-2026. A date before 2000 or after 2100 is refused.",
        ),
        lang.pick(
            "Het register is een Excel-tabel voor 1.000 klachten. Typ direct onder de laatste regel verder, dan groeit de tabel mee met opmaak en keuzelijsten.",
            "The register is an Excel table for 1,000 complaints. Keep typing directly below the last row and the table grows, with its formats and drop-downs.",
        ),
        lang.pick(
            "Controleer het register met: klacht check klachtenregister.xlsx. De kwartaalrapportage maak je met: klacht report klachtenregister.xlsx --period 2026-Q1.",
            "Check the register with: klacht check klachtenregister.xlsx. Make the quarterly report with: klacht report klachtenregister.xlsx --period 2026-Q1.",
        ),
        lang.pick(
            "De keuzelijsten staan op het verborgen blad Lijsten; verander dat blad niet.",
            "The drop-down lists are on the hidden sheet Lists; do not change that sheet.",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, Reader, SheetVisible, Xlsx};
    use std::path::PathBuf;

    /// A fresh directory per test, removed by the test.
    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("klacht-template-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn written(name: &str, lang: Lang, company: Option<&str>) -> (PathBuf, PathBuf) {
        let dir = temp_dir(name);
        let path = dir.join("klachtenregister.xlsx");
        write_template(&path, lang, company).unwrap();
        (dir, path)
    }

    fn rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
        let mut wb: Xlsx<_> = open_workbook(path).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    /// One part of the xlsx (a zip) as text: calamine 0.38 reads no data validations, tables
    /// or notes.
    fn part(path: &Path, name: &str) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name} missing from {}: {e}", path.display()))
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// The value of attribute `name` in the element text `el`.
    fn attr<'a>(el: &'a str, name: &str) -> Option<&'a str> {
        let start = el.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = el[start..].find('"')?;
        Some(&el[start..start + len])
    }

    /// The text of the first `<tag>` inside `el`.
    fn inner<'a>(el: &'a str, tag: &str) -> Option<&'a str> {
        let start = el.find(&format!("<{tag}>"))? + tag.len() + 2;
        let len = el[start..].find(&format!("</{tag}>"))?;
        Some(&el[start..start + len])
    }

    /// `<dataValidation>` elements by their `sqref`.
    fn validations(sheet_xml: &str) -> Vec<(String, String)> {
        sheet_xml
            .split("<dataValidation ")
            .skip(1)
            .map(|el| {
                // Keep the space before the first attribute, as `attr` expects.
                let el = format!(" {}", &el[..el.find("</dataValidation>").unwrap()]);
                (attr(&el, "sqref").unwrap().to_string(), el)
            })
            .collect()
    }

    fn letters(col: usize) -> String {
        rust_xlsxwriter::column_number_to_name(col as u16)
    }

    #[test]
    fn sheets_are_register_instructions_and_a_hidden_lists_sheet() {
        for lang in [Lang::Nl, Lang::En] {
            let (dir, path) = written("sheets", lang, None);
            let wb: Xlsx<_> = open_workbook(&path).unwrap();
            let sheets: Vec<_> = wb
                .sheets_metadata()
                .iter()
                .map(|s| (s.name.clone(), s.visible))
                .collect();
            assert_eq!(
                sheets,
                vec![
                    (register_sheet_name(lang).to_string(), SheetVisible::Visible),
                    (
                        instructions_sheet_name(lang).to_string(),
                        SheetVisible::Visible
                    ),
                    (lists_sheet_name(lang).to_string(), SheetVisible::Hidden),
                ]
            );
            std::fs::remove_dir_all(dir).unwrap();
        }
        assert_eq!(register_sheet_name(Lang::Nl), "Klachtenregister");
        assert_eq!(instructions_sheet_name(Lang::En), "Instructions");
    }

    #[test]
    fn the_header_row_is_the_canonical_headers_in_field_order_and_nothing_else() {
        for lang in [Lang::Nl, Lang::En] {
            let (dir, path) = written("header", lang, None);
            let rows = rows(&path, register_sheet_name(lang));
            let expected: Vec<String> = Field::ALL
                .iter()
                .map(|f| f.header(lang).to_string())
                .collect();
            // Only the header: formats and validations add no cells, so a reader sees an
            // empty register, not 1,000 blank rows.
            assert_eq!(rows, vec![expected]);
            std::fs::remove_dir_all(dir).unwrap();
        }
        assert_eq!(Field::ALL[1].header(Lang::Nl), "Datum ontvangst");
    }

    #[test]
    fn the_lists_sheet_holds_each_drop_down_column() {
        for lang in [Lang::Nl, Lang::En] {
            let (dir, path) = written("lists", lang, None);
            let rows = rows(&path, lists_sheet_name(lang));
            let fields: Vec<Field> = Field::ALL
                .iter()
                .copied()
                .filter(|&f| dropdown_entries(f, lang).is_some())
                .collect();
            assert_eq!(
                fields,
                vec![
                    Field::Channel,
                    Field::CustomerType,
                    Field::Nature,
                    Field::Urgency,
                    Field::HandlingMode,
                    Field::Status,
                    Field::Justified,
                ]
            );
            for (col, field) in fields.iter().enumerate() {
                assert_eq!(rows[0][col], field.header(lang));
                let entries = dropdown_entries(*field, lang).unwrap();
                let column: Vec<&str> = rows[1..]
                    .iter()
                    .map(|r| r[col].as_str())
                    .filter(|s| !s.is_empty())
                    .collect();
                assert_eq!(column, entries, "{field}");
            }
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn drop_down_entries_are_the_vocabularies_and_urgency_numbers_lead() {
        let urgency = dropdown_entries(Field::Urgency, Lang::Nl).unwrap();
        assert_eq!(urgency.len(), 8);
        assert_eq!(
            urgency[0],
            "1 - NVKL geschillenbemiddeling / SGB / rechtszaak (door klant ingezet)"
        );
        assert_eq!(
            urgency[7],
            "8 - melding dat klant bij een volgende opdracht iets anders/beter wil"
        );
        // Too long for a typed-in list (Excel's limit is 255): hence the lists sheet.
        assert!(urgency.join(",").len() > 255);
        for (entry, u) in urgency.iter().zip(Urgency::ALL) {
            let number: u8 = entry.split(" - ").next().unwrap().parse().unwrap();
            assert_eq!(Urgency::new(number), Some(u));
        }
        assert_eq!(
            dropdown_entries(Field::Urgency, Lang::En).unwrap()[4],
            "5 - warranty claim"
        );
        assert_eq!(
            dropdown_entries(Field::Status, Lang::Nl).unwrap(),
            vec!["open", "in behandeling", "afgehandeld"]
        );
        assert_eq!(
            dropdown_entries(Field::Channel, Lang::Nl).unwrap(),
            vec![
                "brief",
                "fax",
                "e-mail",
                "telefoon",
                "mondeling",
                "website/formulier",
                "anders"
            ]
        );
        assert_eq!(
            dropdown_entries(Field::Justified, Lang::En).unwrap(),
            vec!["yes", "no", "partly"]
        );
        for field in [Field::Id, Field::ReceivedDate, Field::Cost, Field::Notes] {
            assert_eq!(dropdown_entries(field, Lang::Nl), None);
        }
        // Every entry is distinct, so each reads back as one value.
        for lang in [Lang::Nl, Lang::En] {
            for &field in Field::ALL {
                if let Some(entries) = dropdown_entries(field, lang) {
                    let mut unique = entries.clone();
                    unique.sort();
                    unique.dedup();
                    assert_eq!(unique.len(), entries.len(), "{field}");
                }
            }
        }
    }

    #[test]
    fn every_column_has_its_validation_over_the_data_rows() {
        let date_serial =
            |d: NaiveDate| (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
        for lang in [Lang::Nl, Lang::En] {
            let (dir, path) = written("validation", lang, None);
            let sheet = part(&path, "xl/worksheets/sheet1.xml");
            let found = validations(&sheet);
            let lists = rows(&path, lists_sheet_name(lang));
            let mut expected = 0;
            for (col, &field) in Field::ALL.iter().enumerate() {
                let sqref = format!("{0}2:{0}1001", letters(col));
                let el = found
                    .iter()
                    .find(|(s, _)| *s == sqref)
                    .map(|(_, el)| el.as_str());
                match (field.kind(), dropdown_entries(field, lang)) {
                    (FieldKind::Text, _) => assert_eq!(el, None, "{field}"),
                    (FieldKind::Date, _) => {
                        let el = el.unwrap();
                        assert_eq!(attr(el, "type"), Some("date"));
                        assert_eq!(attr(el, "showInputMessage"), Some("1"));
                        assert_eq!(attr(el, "promptTitle"), Some(field.header(lang)));
                        let first = date_serial(FIRST_DATE).to_string();
                        let last = date_serial(LAST_DATE).to_string();
                        assert_eq!(inner(el, "formula1"), Some(first.as_str()));
                        assert_eq!(inner(el, "formula2"), Some(last.as_str()));
                    }
                    (FieldKind::Decimal, _) => {
                        let el = el.unwrap();
                        assert_eq!(attr(el, "type"), Some("decimal"));
                        assert_eq!(attr(el, "operator"), Some("greaterThanOrEqual"));
                        assert_eq!(inner(el, "formula1"), Some("0"));
                    }
                    (_, Some(entries)) => {
                        let el = el.unwrap();
                        assert_eq!(attr(el, "type"), Some("list"), "{field}");
                        assert_eq!(attr(el, "errorStyle"), Some("warning"));
                        // `Lijsten!$C$2:$C$4`: that column of the lists sheet holds the entries.
                        let formula = inner(el, "formula1").unwrap();
                        let (sheet_name, range) = formula.split_once('!').unwrap();
                        assert_eq!(sheet_name, lists_sheet_name(lang));
                        let (from, to) = range.split_once(':').unwrap();
                        let col_of = |cell: &str| cell.split('$').nth(1).unwrap().to_string();
                        let row_of =
                            |cell: &str| cell.split('$').nth(2).unwrap().parse::<usize>().unwrap();
                        assert_eq!(col_of(from), col_of(to));
                        assert_eq!(row_of(from), 2);
                        assert_eq!(row_of(to), entries.len() + 1);
                        let list_col = (0..lists[0].len())
                            .find(|&c| letters(c) == col_of(from))
                            .unwrap();
                        assert_eq!(lists[0][list_col], field.header(lang));
                        let listed: Vec<&str> = lists[1..=entries.len()]
                            .iter()
                            .map(|r| r[list_col].as_str())
                            .collect();
                        assert_eq!(listed, entries);
                    }
                    (kind, None) => panic!("{field}: {kind:?} without entries"),
                }
                expected += usize::from(field.kind() != FieldKind::Text);
            }
            assert_eq!(found.len(), expected, "no other validations");
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn formats_table_notes_and_frozen_header_are_in_the_file() {
        let (dir, path) = written("parts", Lang::Nl, None);
        let (sheet, styles, table, notes) = (
            part(&path, "xl/worksheets/sheet1.xml"),
            part(&path, "xl/styles.xml"),
            part(&path, "xl/tables/table1.xml"),
            part(&path, "xl/comments1.xml"),
        );
        assert!(styles.contains("formatCode=\"dd-mm-yyyy\""));
        assert!(styles.contains("formatCode=\"[$€-413] #,##0.00\""));
        assert!(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""));
        let last = letters(Field::ALL.len() - 1);
        assert!(table.contains(&format!("ref=\"A1:{last}1001\"")), "{table}");
        assert!(table.contains("autoFilter"));
        assert_eq!(notes.matches("<comment ").count(), Field::ALL.len());
        assert!(notes.contains("Behandelaar") || notes.contains("behandeling neemt"));
        assert_eq!(notes.matches("Verplicht.").count(), 3);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn two_runs_give_identical_bytes_and_the_creation_time_is_fixed() {
        let dir = temp_dir("bytes");
        let (a, b) = (dir.join("a.xlsx"), dir.join("b.xlsx"));
        write_template(&a, Lang::Nl, Some("Koeltechniek Jansen BV")).unwrap();
        write_template(&b, Lang::Nl, Some("Koeltechniek Jansen BV")).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        let core = part(&a, "docProps/core.xml");
        let created = creation_time(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref());
        let stamp = created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        assert!(core.contains(&stamp), "{core}");
        assert!(core.contains("<dc:title>Klachtenregister</dc:title>"));
        let app = part(&a, "docProps/app.xml");
        assert!(app.contains("<Company>Koeltechniek Jansen BV</Company>"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_creation_time_comes_from_source_date_epoch_or_a_fixed_date() {
        let fixed = DateTime::from_timestamp(FIXED_EPOCH, 0).unwrap();
        assert_eq!(fixed.to_rfc3339(), "2026-01-01T00:00:00+00:00");
        assert_eq!(creation_time(None), fixed);
        assert_eq!(creation_time(Some("not a number")), fixed);
        assert_eq!(creation_time(Some("")), fixed);
        assert_eq!(
            creation_time(Some(" 1700000000 ")).to_rfc3339(),
            "2023-11-14T22:13:20+00:00"
        );
    }

    #[test]
    fn the_instructions_explain_steps_urgency_and_every_column() {
        let (dir, path) = written("instructions", Lang::Nl, Some("Koeltechniek Jansen BV"));
        let rows = rows(&path, instructions_sheet_name(Lang::Nl));
        assert_eq!(rows[0][0], "Klachtenregister – Koeltechniek Jansen BV");
        let first = |text: &str| rows.iter().position(|r| r[0] == text);
        for step in [
            "1. Ontvangst",
            "2. Registreren",
            "3. Beoordelen",
            "4. Ontvangstbevestiging",
            "5. Opvolging",
            "6. Actie",
        ] {
            assert!(first(step).is_some(), "{step}");
        }
        for u in Urgency::ALL {
            let at = first(&u.number().to_string()).unwrap();
            assert_eq!(rows[at][1], u.label(Lang::Nl));
        }
        let legal = first("1").unwrap();
        assert!(rows[legal][3].contains("schriftelijk"));
        assert_eq!(rows[legal][2], "10 werkdagen");
        for &field in Field::ALL {
            let at = first(field.header(Lang::Nl)).unwrap_or_else(|| panic!("{field}"));
            let [_, what, need, example] = &rows[at][..] else {
                panic!("{field}: four columns")
            };
            assert!(what.starts_with(explanation(field, Lang::Nl)));
            assert_eq!(need, need_label(field.need(), Lang::Nl));
            assert!(!example.is_empty());
            // Examples of drop-down columns are entries, date examples are dd-mm-yyyy.
            if let Some(entries) = dropdown_entries(field, Lang::Nl) {
                assert!(entries.contains(example), "{field}: {example}");
            }
            if field.kind() == FieldKind::Date {
                assert!(NaiveDate::parse_from_str(example, "%d-%m-%Y").is_ok());
            }
        }
        let status = first("Status").unwrap();
        assert!(rows[status][1].ends_with("Kies uit: open, in behandeling, afgehandeld."));
        let handler = first("Behandelaar").unwrap();
        assert_eq!(rows[handler][2], "verplicht");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn english_instructions_and_examples_are_english() {
        let (dir, path) = written("english", Lang::En, None);
        let rows = rows(&path, instructions_sheet_name(Lang::En));
        assert_eq!(rows[0][0], "Complaint register");
        let at = rows.iter().position(|r| r[0] == "Handling mode").unwrap();
        assert_eq!(rows[at][3], "conversation");
        assert_eq!(rows[at][2], "recommended");
        assert!(rows.iter().any(|r| r[0] == "3. Assessment"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn texts_fit_excels_limits_for_notes_and_input_messages() {
        for lang in [Lang::Nl, Lang::En] {
            for &field in Field::ALL {
                assert!(
                    field.header(lang).chars().count() <= 32,
                    "input title {field}"
                );
                let message = format!(
                    "{} {}",
                    explanation(field, lang),
                    need_sentence(field.need(), lang)
                );
                assert!(message.encode_utf16().count() <= 255, "{field}");
                assert!(explanation(field, lang).ends_with('.'), "{field}");
            }
        }
    }

    #[test]
    fn column_widths_fit_headers_and_content() {
        for lang in [Lang::Nl, Lang::En] {
            for &field in Field::ALL {
                let width = column_width(field, lang);
                for word in field.header(lang).split_whitespace() {
                    assert!(width >= word.chars().count() as f64 + 3.0, "{field}");
                }
            }
        }
        assert_eq!(column_width(Field::LastUpdate, Lang::Nl), 12.0);
        assert_eq!(column_width(Field::Cost, Lang::Nl), 12.0);
        // "ontvangst" plus room for the filter button.
        assert_eq!(column_width(Field::ReceivedDate, Lang::Nl), 13.0);
        assert_eq!(column_width(Field::Description, Lang::Nl), 42.0);
        // "ontvangstbevestiging" is one long word.
        assert_eq!(column_width(Field::AckDate, Lang::Nl), 24.0);
        // Fits "website/formulier".
        assert_eq!(column_width(Field::Channel, Lang::Nl), 21.0);
    }

    /// Reads `entries` back with the importer's parser and expects `all`, in order.
    fn reads_back<T: PartialEq + std::fmt::Debug + Copy>(
        field: Field,
        lang: Lang,
        all: &[T],
        parse: fn(&crate::ingest::Raw) -> std::result::Result<Option<T>, ()>,
    ) {
        let entries = dropdown_entries(field, lang).unwrap();
        assert_eq!(entries.len(), all.len(), "{field}");
        for (entry, &value) in entries.iter().zip(all) {
            let raw = crate::ingest::Raw::Text(entry.clone());
            assert_eq!(parse(&raw), Ok(Some(value)), "{field} {lang:?}: {entry}");
        }
    }

    #[test]
    fn every_drop_down_entry_reads_back_as_its_value() {
        use crate::ingest::value;
        for lang in [Lang::Nl, Lang::En] {
            reads_back(Field::Urgency, lang, &Urgency::ALL, |r| {
                value::parse_urgency(r)
            });
            reads_back(Field::Channel, lang, Channel::ALL, |r| {
                value::parse_channel(r)
            });
            reads_back(Field::Nature, lang, Nature::ALL, |r| value::parse_nature(r));
            reads_back(Field::CustomerType, lang, CustomerType::ALL, |r| {
                value::parse_customer_type(r)
            });
            reads_back(Field::HandlingMode, lang, HandlingMode::ALL, |r| {
                value::parse_handling_mode(r)
            });
            reads_back(Field::Status, lang, Status::ALL, |r| value::parse_status(r));
            reads_back(Field::Justified, lang, Justified::ALL, |r| {
                value::parse_justified(r)
            });
        }
    }

    #[test]
    fn every_example_of_the_instructions_reads_back() {
        use crate::ingest::{value, Raw};
        for lang in [Lang::Nl, Lang::En] {
            for &field in Field::ALL {
                let raw = Raw::Text(example(field, lang));
                let read = match field.kind() {
                    FieldKind::Text => value::parse_text(&raw).map(|v| v.is_some()),
                    FieldKind::Date => value::parse_date(&raw, false).map(|v| {
                        v.and_then(|d| d.resolve(value::DayOrder::DayFirst))
                            .is_some()
                    }),
                    FieldKind::Decimal => value::parse_decimal(&raw).map(|v| v == Some(185.0)),
                    // Drop-down examples are entries; the test above reads those back.
                    _ => Ok(dropdown_entries(field, lang)
                        .unwrap()
                        .contains(&example(field, lang))),
                };
                assert_eq!(read, Ok(true), "{field} {lang:?}");
            }
        }
    }

    #[test]
    fn wrapped_lines_counts_like_a_word_wrap() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("kort", 10.0), 1);
        assert_eq!(wrapped_lines("Datum ontvangst", 10.0), 2);
        assert_eq!(wrapped_lines("Datum ontvangst", 15.0), 1);
        assert_eq!(wrapped_lines("een twee\ndrie", 40.0), 2);
        // A word longer than the line breaks over lines.
        assert_eq!(wrapped_lines("ontvangstbevestiging", 8.0), 3);
        assert_eq!(wrapped_lines("a ontvangstbevestiging b", 8.0), 4);
    }

    #[test]
    fn an_unwritable_output_is_an_error_and_leaves_no_temporary_file() {
        let dir = temp_dir("unwritable");
        let target = dir.join("bestaat-al");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("x"), "x").unwrap();
        let err = write_template(&target, Lang::Nl, None).unwrap_err();
        assert_eq!(err.code, "E-output");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "only the directory"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
