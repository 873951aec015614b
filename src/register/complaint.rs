//! One registered complaint, with typed fields. Values are plain; their cells are found
//! through the source's column map (`Register::cell`), which keeps a million complaints small.

use super::{
    Cents, Channel, CustomerType, Field, FieldSet, HandlingMode, Justified, Nature, Satisfaction,
    Status, Urgency,
};
use crate::base::location::FileIdx;
use chrono::NaiveDate;

/// The text of a register cell. Almost every value in a register (numbers, names, codes,
/// departments, causes) fits in the 24 bytes of the value itself, so a complaint needs one or
/// two allocations instead of a dozen: for a million complaints about 200 MB less memory and
/// a tenth off the report's time (docs/performance.md).
pub type Text = compact_str::CompactString;

/// A complaint as registered. Every field is optional because registers are incomplete; the
/// rules say which gaps matter. A complaint always has a received date: rows without one are
/// excluded (and counted) before they become complaints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Complaint {
    /// The input file it came from.
    pub file: FileIdx,
    /// 0-based row in its sheet (record index for CSV).
    pub row: u32,
    /// Physical line for CSV.
    pub line: Option<u64>,
    /// The complaint number as written, or derived (`id_derived`).
    pub id: Text,
    pub id_derived: bool,
    pub received: NaiveDate,
    pub channel: Option<Channel>,
    pub customer: Option<Text>,
    pub customer_id: Option<Text>,
    pub customer_type: Option<CustomerType>,
    pub job_ref: Option<Text>,
    pub description: Option<Text>,
    pub nature: Option<Nature>,
    pub urgency: Option<Urgency>,
    pub handler: Option<Text>,
    pub contact_person: Option<Text>,
    pub assessor: Option<Text>,
    pub handling_mode: Option<HandlingMode>,
    pub ack_date: Option<NaiveDate>,
    pub department: Option<Text>,
    pub due_date: Option<NaiveDate>,
    pub cause: Option<Text>,
    pub solution: Option<Text>,
    pub closed_date: Option<NaiveDate>,
    pub status: Option<Status>,
    pub last_update: Option<NaiveDate>,
    pub justified: Option<Justified>,
    /// The failure cost (*faalkosten*), exact to the cent.
    pub cost: Option<Cents>,
    pub satisfaction: Option<Satisfaction>,
    pub notes: Option<Text>,
    /// Values of the columns the tool does not know, in the source's unmapped-column order.
    pub extra: Vec<String>,
    /// The fields whose cell held a value that could not be read (an `unreadable-value`
    /// finding): the field is then `None`, but not "not recorded", and the figures that need
    /// it leave the complaint out (SPEC §5 "left out").
    pub unreadable: FieldSet,
}

impl Complaint {
    /// Closed by the register's own evidence: a closed date, or else a closed status; never
    /// when reopened.
    pub fn is_closed(&self) -> bool {
        self.closed_on().is_some() || self.status == Some(Status::Closed)
    }

    /// The closed date the figures count: none for a reopened complaint, whose earlier
    /// closing (its date often left in the register) no longer holds: it is open for every
    /// figure (SPEC §5).
    pub fn closed_on(&self) -> Option<NaiveDate> {
        self.closed_date.filter(|_| !self.is_reopened())
    }

    /// Status *heropend* / *reopened*.
    pub fn is_reopened(&self) -> bool {
        self.status == Some(Status::Reopened)
    }

    /// Open at the end of day `d`: received by then and not closed by then (SPEC §5 open(X)).
    /// A complaint with status closed but no closed date counts as open: the date is unknown.
    /// A complaint whose closed date could not be read is neither open nor closed (SPEC §5
    /// "left out"): never open.
    pub fn is_open_at(&self, d: NaiveDate) -> bool {
        self.received <= d && self.closed_on().is_none_or(|c| c > d) && !self.closed_unknown()
    }

    /// The closed date cell holds a value that could not be read: whether and when the
    /// complaint was closed is unknown (unless it was reopened: then it is open).
    pub fn closed_unknown(&self) -> bool {
        self.unreadable.contains(Field::ClosedDate) && !self.is_reopened()
    }

    /// The closing target cannot be known: the due date could not be read, or there is no due
    /// date and the urgency (whose target applies) could not be read. Such a complaint is
    /// neither overdue nor not: it is left out of overdue and of the share within target.
    pub fn target_unknown(&self) -> bool {
        self.due_date.is_none()
            && (self.unreadable.contains(Field::DueDate)
                || self.unreadable.contains(Field::Urgency))
    }

    /// The contact person, defaulting to the handler as the procedure does.
    pub fn contact(&self) -> Option<&str> {
        self.contact_person.as_deref().or(self.handler.as_deref())
    }
}
