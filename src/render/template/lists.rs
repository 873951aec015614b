//! The drop-down lists: their entries per field (each reads back as its value) and the hidden
//! sheet that holds them.

use super::texts::lists_sheet_name;
use crate::error::Result;
use crate::register::{
    Channel, CustomerType, Field, FieldKind, HandlingMode, Justified, Nature, Status, Urgency,
};
use crate::Lang;
use rust_xlsxwriter::{worksheet_range_absolute, Format, Worksheet, XlsxError};

/// The drop-down entries of `field`, in list order; `None` for fields without a drop-down
/// (text, dates, cost, satisfaction). Urgency entries are the number, ` - ` and the procedure's label, so
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
        FieldKind::Text | FieldKind::Date | FieldKind::Money | FieldKind::Satisfaction => {
            return None
        }
    };
    Some(entries)
}

/// A drop-down column: its field, entries, and the range on the lists sheet that holds them.
pub(super) struct DropDown {
    pub(super) field: Field,
    pub(super) entries: Vec<String>,
    pub(super) range: String,
}

pub(super) fn dropdowns(lang: Lang) -> Vec<DropDown> {
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

pub(super) fn write_lists(
    ws: &mut Worksheet,
    lang: Lang,
    lists: &[DropDown],
) -> Result<(), XlsxError> {
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
