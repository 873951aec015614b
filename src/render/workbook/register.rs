//! Sheet 9, *Register*: the complaints that matter for the period as the tool read them —
//! every canonical field (the cause with its cause group beside it), where each row sits in
//! the input, and the columns the tool did not recognise. Customers appear by pseudonym unless
//! names were asked for. Streamed.

use super::layout::{Cell, Column, Style, WIDE};
use super::Report;
use crate::base::location::CellRef;
use crate::register::customer::pseudonym;
use crate::register::{Complaint, Field, Register, Satisfaction, Text};
use crate::Lang;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub fn write(r: &Report, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let register = r.register();
    let lang = r.lang;
    let show_names = r.input.show_names;
    let rows = &r.figures().tables.register_rows;
    let mut s = r.sheet(
        ws,
        9,
        r.t(
            "Register: de klachten van de periode",
            "Register: the complaints of the period",
        ),
    )?;
    s.note(r.t(
        "Ontvangen, afgehandeld of open in de periode; zoals ingelezen, met de plaats in het invoerbestand. Onbekende kolommen staan rechts.",
        "Received, closed or open in the period; as read, with the place in the input file. Unrecognised columns are on the right.",
    ))?;
    if !show_names {
        s.note(r.t(
            "Klantnaam en klantnummer zijn vervangen door een vast pseudoniem (K-…). Namen tonen: klacht report --show-names.",
            "Customer name and number are replaced by a fixed pseudonym (K-…). To show names: klacht report --show-names.",
        ))?;
    }
    let extra = Unmapped::of(register);
    let causes = &r.figures().tables.causes;
    // The cause group beside the cause as written (SPEC §10).
    let group_header = r.t("Oorzaakgroep", "Cause group");
    let mut columns: Vec<Column> = Field::ALL
        .iter()
        .flat_map(|f| {
            let group = (*f == Field::Cause).then(|| Column::capped(group_header, width(*f)));
            std::iter::once(Column::capped(f.header(lang), width(*f))).chain(group)
        })
        .collect();
    columns.extend(r.trace_columns());
    columns.extend(
        extra
            .headers
            .iter()
            .map(|h| Column::capped(h.as_str(), 40.0)),
    );

    let complaints: Vec<&Complaint> = rows
        .iter()
        .filter_map(|&i| register.complaints.get(i))
        .collect();
    let cells = |i: usize| {
        let Some(c) = complaints.get(i) else {
            return Vec::new();
        };
        let mut cells: Vec<Cell> = Field::ALL
            .iter()
            .flat_map(|f| {
                let group = (*f == Field::Cause).then(|| {
                    let group = c.cause.as_deref().and_then(|t| causes.group_of(t));
                    Cell::opt_text(group.map(|g| g.name()))
                });
                std::iter::once(field_cell(c, *f, lang, show_names)).chain(group)
            })
            .collect();
        cells.extend(r.trace_cells(Some(CellRef::row(c.file, c.row)), c.file, c.line));
        cells.extend(extra.cells(c));
        cells
    };
    let placed = s.list(
        r.t("Klachten", "Complaints"),
        &columns,
        complaints.len(),
        cells,
        r.t(
            "Alle klachten staan in de invoerbestanden (zie het blad Verantwoording).",
            "All complaints are in the input files (see the Provenance sheet).",
        ),
    )?;
    s.freeze_below(&placed);
    s.finish()
}

/// Widest a field's column gets: free text narrower, so a long description does not push
/// everything else off the screen.
fn width(f: Field) -> f64 {
    match f {
        Field::Description | Field::Solution | Field::Notes => 50.0,
        Field::Cause | Field::Customer | Field::JobRef => 30.0,
        _ => WIDE,
    }
}

/// The value of `f` for `c`, as the report shows it.
fn field_cell(c: &Complaint, f: Field, lang: Lang, show_names: bool) -> Cell {
    let text = |v: &Option<Text>| Cell::opt_text(v.as_deref());
    let person = |v: &Option<Text>| match v {
        Some(v) if !show_names => Cell::text(pseudonym(v)),
        _ => text(v),
    };
    match f {
        Field::Id => Cell::text(c.id.as_str()),
        Field::ReceivedDate => Cell::Date(c.received),
        Field::Channel => Cell::opt_text(c.channel.map(|v| v.label(lang))),
        Field::Customer => person(&c.customer),
        Field::CustomerId => person(&c.customer_id),
        Field::CustomerType => Cell::opt_text(c.customer_type.map(|v| v.label(lang))),
        Field::JobRef => text(&c.job_ref),
        Field::Description => text(&c.description),
        Field::Nature => Cell::opt_text(c.nature.map(|v| v.label(lang))),
        Field::Urgency => Cell::num(c.urgency.map(|u| f64::from(u.number())), Style::Whole),
        Field::Handler => text(&c.handler),
        Field::ContactPerson => text(&c.contact_person),
        Field::Assessor => text(&c.assessor),
        Field::HandlingMode => Cell::opt_text(c.handling_mode.map(|v| v.label(lang))),
        Field::AckDate => Cell::date(c.ack_date),
        Field::Department => text(&c.department),
        Field::DueDate => Cell::date(c.due_date),
        Field::Cause => text(&c.cause),
        Field::Solution => text(&c.solution),
        Field::ClosedDate => Cell::date(c.closed_date),
        Field::Status => Cell::opt_text(c.status.map(|v| v.label(lang))),
        Field::LastUpdate => Cell::date(c.last_update),
        Field::Justified => Cell::opt_text(c.justified.map(|v| v.label(lang))),
        Field::Cost => Cell::money(c.cost),
        // A score as a number (to average), yes/no as the words.
        Field::Satisfaction => match c.satisfaction {
            Some(Satisfaction::Score(n)) => Cell::num(Some(f64::from(n)), Style::Whole),
            Some(v) => Cell::text(v.label(lang)),
            None => Cell::Blank,
        },
        Field::Notes => text(&c.notes),
    }
}

/// The unrecognised columns of all files as one list of headers (same header, same column),
/// and for each file where its own unrecognised columns go in that list.
struct Unmapped {
    headers: Vec<String>,
    /// Per file: the list position of each of its unmapped columns, in its order.
    slots: Vec<Vec<usize>>,
}

impl Unmapped {
    fn of(register: &Register) -> Unmapped {
        let mut headers: Vec<String> = Vec::new();
        let mut slots = Vec::with_capacity(register.sources.len());
        for source in &register.sources {
            let mut mine = Vec::new();
            for col in source.unmapped() {
                let header = col.header.trim();
                let key = header.to_lowercase();
                // Same header, same column; two columns of one file with one header stay two.
                let free = headers
                    .iter()
                    .enumerate()
                    .position(|(i, h)| h.to_lowercase() == key && !mine.contains(&i));
                let at = free.unwrap_or_else(|| {
                    headers.push(header.to_string());
                    headers.len() - 1
                });
                mine.push(at);
            }
            slots.push(mine);
        }
        Unmapped { headers, slots }
    }

    fn cells(&self, c: &Complaint) -> Vec<Cell> {
        let mut cells = vec![Cell::Blank; self.headers.len()];
        if let Some(slots) = self.slots.get(usize::from(c.file)) {
            for (value, &at) in c.extra.iter().zip(slots) {
                if !value.is_empty() {
                    cells[at] = Cell::text(value.as_str());
                }
            }
        }
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::Column as HeaderColumn;

    fn source(headers: &[&str]) -> crate::register::Source {
        crate::register::Source {
            path: "r.xlsx".into(),
            format: "xlsx",
            sheet: None,
            encoding: None,
            separator: None,
            sha256: String::new(),
            bytes: 0,
            header_row: 0,
            columns: headers
                .iter()
                .enumerate()
                .map(|(i, h)| HeaderColumn {
                    col: i as u32,
                    header: h.to_string(),
                    field: None,
                    how: None,
                })
                .collect(),
            date_columns: Vec::new(),
            rows: Default::default(),
        }
    }

    #[test]
    fn unknown_columns_of_all_files_share_columns_by_header() {
        let register = Register {
            sources: vec![
                source(&["Monteur", "Regio"]),
                source(&["regio ", "Monteur", "Monteur"]),
            ],
            ..Register::default()
        };
        let u = Unmapped::of(&register);
        assert_eq!(u.headers, ["Monteur", "Regio", "Monteur"]);
        assert_eq!(u.slots, [vec![0, 1], vec![1, 0, 2]]);
        let c = Complaint {
            file: 1,
            extra: vec!["Noord".into(), "Piet".into(), String::new()],
            ..Complaint::default()
        };
        assert_eq!(
            u.cells(&c),
            [Cell::text("Piet"), Cell::text("Noord"), Cell::Blank]
        );
    }

    #[test]
    fn names_become_pseudonyms_and_values_keep_their_type() {
        let c = Complaint {
            customer: Some("Jansen".into()),
            urgency: crate::register::Urgency::new(3),
            cost: Some(crate::register::Cents(9_550)),
            ..Complaint::default()
        };
        assert_eq!(
            field_cell(&c, Field::Customer, Lang::Nl, false),
            Cell::text(pseudonym("Jansen"))
        );
        assert_eq!(
            field_cell(&c, Field::Customer, Lang::Nl, true),
            Cell::text("Jansen")
        );
        assert_eq!(
            field_cell(&c, Field::Urgency, Lang::Nl, false),
            Cell::Num(3.0, Style::Whole)
        );
        assert_eq!(
            field_cell(&c, Field::Cost, Lang::Nl, false),
            Cell::Num(95.5, Style::Money)
        );
        assert_eq!(
            field_cell(&c, Field::ClosedDate, Lang::Nl, false),
            Cell::Blank
        );
    }
}
