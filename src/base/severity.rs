//! How serious a finding is and which procedure step its rule enforces: the two scales of the
//! rule catalogue.

use crate::Lang;
use serde::Serialize;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A signal for management.
    Info,
    /// A procedural gap an auditor would note.
    Warning,
    /// The row breaks registration or cannot be used for a figure that needs the field.
    Error,
}

impl Severity {
    /// `error`, `warning`, `info`.
    pub fn key(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a key as written in `klacht.toml` or `--fail-on`.
    pub fn from_key(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    /// The label for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Info => lang.pick("info", "info"),
            Severity::Warning => lang.pick("waarschuwing", "warning"),
            Severity::Error => lang.pick("fout", "error"),
        }
    }
}

/// The procedure step a rule enforces (SPEC section 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Receipt,
    Registration,
    Assessment,
    Acknowledgement,
    FollowUp,
    Action,
    /// Rules about the data rather than one step (`unreadable-value`, `date-order`, …).
    General,
}

impl Step {
    /// Every step in the procedure's order, the rules about the data last: the order the
    /// terminal summary and `klacht uitleg` list rules in.
    pub const ALL: [Step; 7] = [
        Step::Receipt,
        Step::Registration,
        Step::Assessment,
        Step::Acknowledgement,
        Step::FollowUp,
        Step::Action,
        Step::General,
    ];

    /// Stable key as in the JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Step::Receipt => "receipt",
            Step::Registration => "registration",
            Step::Assessment => "assessment",
            Step::Acknowledgement => "acknowledgement",
            Step::FollowUp => "follow_up",
            Step::Action => "action",
            Step::General => "general",
        }
    }

    /// The procedure's own name for the step.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Step::Receipt => lang.pick("ontvangst", "receipt"),
            Step::Registration => lang.pick("registreren", "registration"),
            Step::Assessment => lang.pick("beoordelen", "assessment"),
            Step::Acknowledgement => lang.pick("ontvangstbevestiging", "acknowledgement"),
            Step::FollowUp => lang.pick("opvolging", "follow-up"),
            Step::Action => lang.pick("actie", "action"),
            Step::General => lang.pick("gegevens", "data"),
        }
    }

    /// Where the step is in the *Model Klachtenbehandeling*: the heading as the document
    /// writes it (Dutch in both languages, glossed in English). The document has two sections
    /// headed *Beoordelen van de klacht*; the second is about passing on and following up.
    pub fn procedure_section(self, lang: Lang) -> &'static str {
        match self {
            Step::Receipt => lang.pick(
                "«Ontvangst van een klacht»",
                "“Ontvangst van een klacht” (receiving a complaint)",
            ),
            Step::Registration => lang.pick(
                "«Registreren van een klacht»",
                "“Registreren van een klacht” (registering a complaint)",
            ),
            Step::Assessment => lang.pick(
                "«Beoordelen van de klacht»",
                "“Beoordelen van de klacht” (assessing the complaint)",
            ),
            Step::Acknowledgement => lang.pick(
                "«Beoordelen van de klacht», de alinea over de ontvangstbevestiging",
                "“Beoordelen van de klacht” (assessing the complaint), the paragraph on acknowledgement",
            ),
            Step::FollowUp => lang.pick(
                "de tweede paragraaf «Beoordelen van de klacht» (doorgeven en de status volgen)",
                "the second section “Beoordelen van de klacht” (passing on and following the status)",
            ),
            Step::Action => lang.pick(
                "«Vaststelling van te ondernemen actie»",
                "“Vaststelling van te ondernemen actie” (deciding the action to take)",
            ),
            Step::General => lang.pick(
                "geen eigen stap (het klachtenregister zelf)",
                "no step of its own (the complaint register itself)",
            ),
        }
    }
}
