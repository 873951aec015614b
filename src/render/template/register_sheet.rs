//! The register sheet: the header row, column widths and formats, header notes and the
//! validations over the data rows.

use super::lists::{dropdown_entries, DropDown};
use super::texts::{explanation, need_sentence, register_sheet_name};
use super::DATA_ROWS;
use crate::error::Result;
use crate::register::{Field, FieldKind, Need};
use crate::Lang;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    ColNum, Color, DataValidation, DataValidationErrorStyle, DataValidationRule, Format,
    FormatAlign, FormatBorder, Formula, Note, Table, TableColumn, TableStyle, Worksheet, XlsxError,
};

/// The range a date validation accepts: wide enough for any real register, narrow enough to
/// catch a year typed as `26` or `20026`.
pub(super) const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => panic!("2000-01-01 is a date"), // evaluated at compile time
};
pub(super) const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => panic!("2100-12-31 is a date"), // evaluated at compile time
};

/// Header fills by need: dark for required, light blue for recommended, grey for optional.
pub(super) fn need_fill(need: Need) -> (Color, Color) {
    match need {
        Need::Required => (Color::RGB(0x1F4E78), Color::White),
        Need::Recommended => (Color::RGB(0xBDD7EE), Color::Black),
        Need::Optional => (Color::RGB(0xE7E6E6), Color::Black),
    }
}

/// Column width: what typical content needs, and at least the longest word of the header
/// (headers wrap at spaces) plus room for the filter button.
pub(super) fn column_width(field: Field, lang: Lang) -> f64 {
    let typical = match field.kind() {
        FieldKind::Date | FieldKind::Money | FieldKind::Satisfaction => 12,
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
pub(super) fn wrapped_lines(text: &str, width: f64) -> u32 {
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
pub(super) fn height(lines: u32) -> f64 {
    f64::from(lines.max(1)) * 15.0 + 3.0
}

pub(super) fn write_register(
    ws: &mut Worksheet,
    lang: Lang,
    lists: &[DropDown],
) -> Result<(), XlsxError> {
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
        FieldKind::Money => base.set_num_format("[$€-413] #,##0.00"),
        FieldKind::Satisfaction => base.set_align(FormatAlign::Center),
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

/// The cell check of a column: a date range, a non-negative amount, a score 1–10 (a warning:
/// `ja`/`nee` is read too), or a drop-down list (a warning, not a stop: `3` or `cat. 3` is
/// still read correctly by the tool).
pub(super) fn validation(
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
        (FieldKind::Satisfaction, _) => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(1, 10))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title(lang.pick("Geen score 1–10", "Not a score 1–10"))?
            .set_error_message(lang.pick(
                "Vul de score van de klant in (1–5 of 1–10, steeds dezelfde schaal), of ja/nee.",
                "Enter the customer's score (1–5 or 1–10, always the same scale), or yes/no.",
            ))?,
        (FieldKind::Money, _) => DataValidation::new()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
