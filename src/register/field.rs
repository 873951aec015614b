//! The canonical register fields of SPEC section 2, with the headers people write for them.

use crate::Lang;
use serde::{Serialize, Serializer};
use std::fmt;

/// What kind of value a field holds; decides which parser reads its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A date, possibly with a time.
    Date,
    /// Urgency category 1–8.
    Urgency,
    Channel,
    Nature,
    CustomerType,
    HandlingMode,
    Status,
    Justified,
    /// A money amount (Dutch `1.234,56`, `€ 95`), in cents.
    Money,
    /// A satisfaction score 1–10, or yes/no.
    Satisfaction,
}

/// Whether the procedure needs the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The registration step cannot be done without it (`missing-column` when absent).
    Required,
    /// The procedure asks for it; its absence gives warnings.
    Recommended,
    Optional,
}

macro_rules! fields {
    ($( $(#[$m:meta])* $v:ident = ($key:literal, $kind:ident, $need:ident, $nl:literal, $en:literal, [$($syn:literal),* $(,)?]) ),+ $(,)?) => {
        /// A canonical register field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $( $(#[$m])* $v ),+ }

        impl Field {
            /// All fields in register order (the order of the template).
            pub const ALL: &'static [Field] = &[$(Field::$v),+];

            /// Stable key, as in `[columns]` of `klacht.toml`.
            pub fn key(self) -> &'static str { match self { $(Field::$v => $key),+ } }

            /// What the cells hold.
            pub fn kind(self) -> FieldKind { match self { $(Field::$v => FieldKind::$kind),+ } }

            /// Whether the procedure needs it.
            pub fn need(self) -> Need { match self { $(Field::$v => Need::$need),+ } }

            /// The header the template writes, Dutch or English.
            pub fn header(self, lang: Lang) -> &'static str {
                match self { $(Field::$v => lang.pick($nl, $en)),+ }
            }

            /// Headers seen in practice (Dutch and English) besides the template's own.
            pub fn synonyms(self) -> &'static [&'static str] {
                match self { $(Field::$v => &[$($syn),*]),+ }
            }

            /// The field with this key.
            pub fn from_key(key: &str) -> Option<Field> {
                match key { $($key => Some(Field::$v),)+ _ => None }
            }
        }
    };
}

fields! {
    Id = ("id", Text, Recommended, "Klachtnummer", "Complaint number",
        ["Klachtnr", "Klacht nr", "Nr", "Nummer", "No", "Number", "Registratienummer", "Volgnummer",
         "Kenmerk", "Referentie", "ID", "Complaint ID", "Complaint no", "Case ID", "Reference",
         "Meldingsnummer", "Meldingnummer", "Zaaknummer", "Ticketnummer", "Ticketnr", "Ticket",
         "Ticket number", "Ticket no", "Case number", "Case no", "Key", "Unique key",
         "Unique ID", "Request ID"]),
    ReceivedDate = ("received_date", Date, Required, "Datum ontvangst", "Date received",
        ["Ontvangstdatum", "Datum binnenkomst", "Datum melding", "Meldingsdatum", "Gemeld op",
         "Datum klacht", "Klachtdatum", "Ontvangen op", "Datum", "Received", "Received date",
         "Date", "Date reported", "Reported on", "Created date", "Opened", "Creation date",
         "Created", "Date created", "Created on", "Open date", "Opened date", "Date opened",
         "Opened on", "Datum aangemaakt", "Aangemaakt op", "Aanmaakdatum"]),
    Channel = ("channel", Channel, Recommended, "Wijze van ontvangst", "Channel",
        ["Ontvangen via", "Kanaal", "Medium", "Ontvangstwijze", "Via", "Received via",
         "Submitted via", "Source"]),
    Customer = ("customer", Text, Recommended, "Klant", "Customer",
        ["Klantnaam", "Naam klant", "Klager", "Opdrachtgever", "Relatie", "Naam", "Customer name",
         "Complainant", "Client"]),
    CustomerId = ("customer_id", Text, Optional, "Klantnummer", "Customer number",
        ["Klantnr", "Debiteurnummer", "Debiteurnr", "Relatienummer", "Relatienr", "Customer ID",
         "Account number"]),
    CustomerType = ("customer_type", CustomerType, Optional, "Particulier/Zakelijk", "Customer type",
        ["Soort klant", "Klanttype", "Type klant", "Particulier of zakelijk", "B2B/B2C"]),
    JobRef = ("job_ref", Text, Optional, "Werkbon", "Job reference",
        ["Werkbonnummer", "Werkbonnr", "Werkbon nr", "Project", "Projectnummer", "Projectnr",
         "Ordernummer", "Ordernr", "Order", "Installatie", "Object", "Job", "Job number",
         "Work order", "Order number", "Order no"]),
    Description = ("description", Text, Required, "Omschrijving", "Description",
        ["Korte omschrijving", "Klachtomschrijving", "Omschrijving klacht", "Onderwerp", "Klacht",
         "Short description", "Complaint", "Subject", "Summary"]),
    Nature = ("nature", Nature, Recommended, "Aard", "Nature",
        ["Soort klacht", "Type", "Type klacht", "Technisch/niet-technisch", "T/NT",
         "Technisch", "Aard klacht", "Kind"]),
    Urgency = ("urgency", Urgency, Recommended, "Urgentie", "Urgency",
        ["Urgentiecategorie", "Urgentie categorie", "Cat", "Categorie", "Prioriteit",
         "Urgency category", "Category", "Priority"]),
    Handler = ("handler", Text, Required, "Behandelaar", "Handler",
        ["Behandeld door", "Medewerker", "Toegewezen aan", "Verantwoordelijke", "In behandeling bij",
         "Handled by", "Assigned to", "Owner", "Employee"]),
    ContactPerson = ("contact_person", Text, Optional, "Contactpersoon", "Contact person",
        ["Aanspreekpunt", "Contact"]),
    Assessor = ("assessor", Text, Recommended, "Beoordeeld door", "Assessed by",
        ["Beoordelaar", "Beoordeling door", "Assessor"]),
    HandlingMode = ("handling_mode", HandlingMode, Recommended, "Wijze van afhandeling", "Handling mode",
        ["Afhandelwijze", "Afhandelingswijze", "Gesprek/schriftelijk", "Gesprek of schriftelijk",
         "Handling", "Response type"]),
    AckDate = ("ack_date", Date, Recommended, "Datum ontvangstbevestiging", "Acknowledged on",
        ["Ontvangstbevestiging", "Ontvangst bevestigd", "Bevestigd op", "Datum bevestiging",
         "Acknowledgement date", "Acknowledged", "Date acknowledged"]),
    Department = ("department", Text, Optional, "Afdeling", "Department",
        ["Vestiging", "Team", "Discipline", "Branch"]),
    DueDate = ("due_date", Date, Optional, "Streefdatum", "Due date",
        ["Uiterste datum", "Deadline", "Afhandelen voor", "Target date", "Due"]),
    Cause = ("cause", Text, Recommended, "Oorzaak", "Cause",
        ["Oorzaakcategorie", "Oorzaak categorie", "Grondoorzaak", "Root cause", "Cause category"]),
    Solution = ("solution", Text, Recommended, "Oplossing", "Solution",
        ["Genomen maatregel", "Maatregel", "Actie", "Afhandeling", "Ondernomen actie",
         "Corrective action", "Action", "Resolution"]),
    ClosedDate = ("closed_date", Date, Optional, "Datum afgehandeld", "Date closed",
        ["Afgehandeld op", "Datum gesloten", "Sluitdatum", "Datum afhandeling", "Gesloten op",
         "Closed", "Closed date", "Resolved on", "Date resolved"]),
    Status = ("status", Status, Optional, "Status", "Status",
        ["Stand van zaken", "Stand", "State"]),
    LastUpdate = ("last_update", Date, Optional, "Laatste actie", "Last update",
        ["Laatst bijgewerkt", "Datum laatste contact", "Laatste contact", "Datum laatste actie",
         "Last updated", "Last contact", "Updated"]),
    Justified = ("justified", Justified, Optional, "Gegrond", "Justified",
        ["Gegrond ja/nee", "Terecht", "Valid"]),
    Cost = ("cost", Money, Optional, "Kosten", "Cost",
        ["Faalkosten", "Herstelkosten", "Kosten (EUR)", "Costs", "Amount"]),
    Satisfaction = ("satisfaction", Satisfaction, Optional, "Tevredenheid", "Satisfaction",
        ["Klanttevredenheid", "Tevreden over afhandeling", "Tevreden", "Tevredenheid klant",
         "Customer satisfaction", "Satisfied"]),
    Notes = ("notes", Text, Optional, "Opmerkingen", "Notes",
        ["Opmerking", "Toelichting", "Notities", "Remarks", "Comments"]),
}

impl Field {
    /// Fields whose absence as a column is a `missing-column` error.
    pub fn required() -> impl Iterator<Item = Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(|f| f.need() == Need::Required)
    }
}

/// A set of fields in one word: which values of a complaint could not be read. A bit per
/// field keeps it as small as a complaint must be (built a million times).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FieldSet(u32);

// Every field has its bit.
const _: () = assert!(Field::ALL.len() <= 32);

impl FieldSet {
    /// Adds `field`.
    pub fn insert(&mut self, field: Field) {
        self.0 |= 1 << field as u32;
    }

    /// Whether `field` is in the set.
    pub fn contains(self, field: Field) -> bool {
        self.0 & (1 << field as u32) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The fields in the set, in register order.
    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL
            .iter()
            .copied()
            .filter(move |f| self.contains(*f))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_required_fields_are_the_procedures() {
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(*f));
        }
        let req: Vec<_> = Field::required().collect();
        assert_eq!(
            req,
            vec![Field::ReceivedDate, Field::Description, Field::Handler]
        );
    }

    #[test]
    fn a_field_set_holds_exactly_the_fields_put_in() {
        let mut set = FieldSet::default();
        assert!(set.is_empty());
        set.insert(Field::Notes);
        set.insert(Field::Id);
        set.insert(Field::Urgency);
        set.insert(Field::Urgency);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            vec![Field::Id, Field::Urgency, Field::Notes]
        );
        assert!(!set.contains(Field::ClosedDate) && !set.is_empty());
    }
}
