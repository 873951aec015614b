//! The rule catalogue of SPEC section 3: each rule's stable code, procedure step, default
//! severity and message texts, and beside them (`explanation`) what `klacht uitleg` says
//! about each rule.

mod explanation;

pub use explanation::{Both, Explanation, Setting};

use super::{Severity, Step};

macro_rules! rules {
    ($( $(#[$m:meta])* $v:ident = ($code:literal, $step:ident, $sev:ident, $nl:literal, $en:literal) ),+ $(,)?) => {
        /// A rule of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $( $(#[$m])* $v ),+ }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[$(Rule::$v),+];

            /// The stable code, e.g. `missing-handler`.
            pub fn code(self) -> &'static str { match self { $(Rule::$v => $code),+ } }

            /// The procedure step the rule enforces.
            pub fn step(self) -> Step { match self { $(Rule::$v => Step::$step),+ } }

            /// Severity unless the configuration changes it.
            pub fn default_severity(self) -> Severity { match self { $(Rule::$v => Severity::$sev),+ } }

            /// The rule with this code.
            pub fn from_code(code: &str) -> Option<Rule> {
                match code { $($code => Some(Rule::$v),)+ _ => None }
            }
        }

        /// Message templates of the rules, for the [`crate::messages`] catalogue. Blanks:
        /// `{field}` (the column's header), `{value}`, `{detail}`, and `{days}` (the
        /// configured window of `repeat-complaint`).
        pub(crate) const RULE_TEXTS: &[(&str, &str, &str)] = &[$(($code, $nl, $en)),+];
    };
}

rules! {
    MissingColumn = ("missing-column", Registration, Error,
        "Verplichte kolom {field} ontbreekt in het bestand.",
        "Required column {field} is missing from the file."),
    UnmappedColumn = ("unmapped-column", General, Info,
        "Kolom {value} is niet herkend; hij wordt bewaard maar niet gebruikt (koppel hem in klacht.toml onder [columns]).",
        "Column {value} was not recognised; it is kept but not used (map it in klacht.toml under [columns])."),
    UnreadableValue = ("unreadable-value", General, Error,
        "{field}: waarde {value} is niet te lezen{detail}.",
        "{field}: value {value} cannot be read{detail}."),
    MissingReceivedDate = ("missing-received-date", Registration, Error,
        "Geen datum van ontvangst; de klacht kan niet in de tijd geplaatst worden.",
        "No date of receipt; the complaint cannot be placed in time."),
    MissingDescription = ("missing-description", Registration, Error,
        "Geen korte omschrijving van de klacht.", "No short description of the complaint."),
    MissingHandler = ("missing-handler", Registration, Error,
        "Geen behandelaar (de medewerker die de klacht in behandeling neemt).",
        "No handler (the employee who will handle the complaint)."),
    MissingId = ("missing-id", Registration, Warning,
        "Geen klachtnummer; afgeleid nummer {value} gebruikt.",
        "No complaint number; derived number {value} used."),
    DuplicateId = ("duplicate-id", Registration, Error,
        "Klachtnummer {value} komt meer dan eens voor{detail}.",
        "Complaint number {value} occurs more than once{detail}."),
    PossibleDuplicate = ("possible-duplicate", Registration, Warning,
        "Mogelijk dubbel geregistreerd: zelfde klant, zelfde datum en bijna gelijke omschrijving als {value}.",
        "Possibly registered twice: same customer, same date and nearly the same description as {value}."),
    MissingChannel = ("missing-channel", Receipt, Warning,
        "Niet vastgelegd hoe de klacht binnenkwam.", "No channel recorded."),
    MissingUrgency = ("missing-urgency", Assessment, Warning,
        "Geen urgentiecategorie; telt als ongeclassificeerd.",
        "No urgency category; counted as unclassified."),
    MissingAssessment = ("missing-assessment", Assessment, Warning,
        "Beoordeling onvolledig: {detail} ontbreekt.", "Assessment incomplete: {detail} missing."),
    LegalNeedsWritten = ("legal-needs-written", Assessment, Warning,
        "Urgentie {value} (juridische gevolgen mogelijk) maar geen schriftelijke afhandeling.",
        "Urgency {value} (legal consequences possible) but not handled in writing."),
    MissingNature = ("missing-nature", Assessment, Warning,
        "Niet vastgelegd of de klacht technisch of niet-technisch is.",
        "Technical or non-technical not recorded."),
    NatureConflict = ("nature-conflict", Assessment, Warning,
        "Urgentie 7 (niet-technisch) maar als technisch vastgelegd.",
        "Urgency 7 (non-technical) but recorded as technical."),
    MissingAcknowledgement = ("missing-acknowledgement", Acknowledgement, Warning,
        "Geen datum van ontvangstbevestiging aan de klant.",
        "No date of acknowledgement to the customer."),
    LateAcknowledgement = ("late-acknowledgement", Acknowledgement, Warning,
        "Ontvangst na {value} werkdagen bevestigd (doel: {detail}).",
        "Receipt acknowledged after {value} working days (target: {detail})."),
    DateOrder = ("date-order", General, Error,
        "{field} {value} ligt vóór de datum van ontvangst {detail}.",
        "{field} {value} is before the date of receipt {detail}."),
    FutureDate = ("future-date", General, Error,
        "{field} {value} ligt na de peildatum {detail}.",
        "{field} {value} is after the reference date {detail}."),
    StatusConflict = ("status-conflict", FollowUp, Error,
        "Status en afhandeldatum spreken elkaar tegen: {detail}.",
        "Status and closed date contradict each other: {detail}."),
    Stale = ("stale", FollowUp, Warning,
        "Open en al {value} werkdagen geen actie (grens: {detail}).",
        "Open with no update for {value} working days (limit: {detail})."),
    Overdue = ("overdue", FollowUp, Warning,
        "Open en over de streeftermijn: {value} werkdagen oud (doel: {detail}).",
        "Open and past its target: {value} working days old (target: {detail})."),
    ClosedWithoutCause = ("closed-without-cause", Action, Warning,
        "Afgehandeld zonder vastgestelde oorzaak.", "Closed without a cause."),
    ClosedWithoutSolution = ("closed-without-solution", Action, Warning,
        "Afgehandeld zonder oplossing of maatregel.", "Closed without a solution or action."),
    OpenEscalation = ("open-escalation", FollowUp, Info,
        "Urgentie {value} staat nog open op de peildatum.",
        "Urgency {value} is still open at the reference date."),
    RepeatComplaint = ("repeat-complaint", Action, Info,
        "Herhaalde klacht: ook een klacht {detail} in de {days} dagen ervoor ({value}).",
        "Repeat complaint: another complaint {detail} in the {days} days before ({value})."),
    DisputeWindow = ("dispute-window", FollowUp, Info,
        "Consumentenklacht al {value} maanden open; de termijn voor de Geschillencommissie is 12 maanden.",
        "Consumer complaint open for {value} months; the term for the disputes board is 12 months."),
}
