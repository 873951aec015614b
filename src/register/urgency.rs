//! The eight urgency categories of the NVKL procedure.

use crate::Lang;
use serde::{Serialize, Serializer};
use std::fmt;

/// Urgency category 1 (most urgent: a dispute started by the customer) to 8 (a wish for next
/// time). The numbers are the procedure's own; they order severity, not handling order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Urgency(u8);

const LABELS: [(&str, &str); 8] = [
    (
        "NVKL geschillenbemiddeling / SGB / rechtszaak (door klant ingezet)",
        "dispute mediation / arbitration board / lawsuit started by the customer",
    ),
    (
        "aangetekende brief met verzoek tot actie / dreigement",
        "registered letter demanding action / threat",
    ),
    (
        "inhouding betaling vanwege onopgeloste kwestie",
        "payment withheld over an unresolved issue",
    ),
    (
        "brief/fax/e-mail/telefoontje met boze toonzetting",
        "letter/fax/e-mail/call in an angry tone",
    ),
    ("garantieclaim", "warranty claim"),
    (
        "klacht over opgeleverd werk / eerder gemelde storing niet adequaat opgelost",
        "complaint about delivered work / earlier fault not properly fixed",
    ),
    (
        "klacht van niet-technische aard",
        "complaint of a non-technical nature",
    ),
    (
        "melding dat klant bij een volgende opdracht iets anders/beter wil",
        "customer wants something different/better next time",
    ),
];

impl Urgency {
    /// All eight categories in order.
    pub const ALL: [Urgency; 8] = [
        Urgency(1),
        Urgency(2),
        Urgency(3),
        Urgency(4),
        Urgency(5),
        Urgency(6),
        Urgency(7),
        Urgency(8),
    ];

    /// The category with this number, if it is 1–8.
    ///
    /// ```
    /// use klacht::register::Urgency;
    /// assert!(Urgency::new(3).is_some());
    /// assert!(Urgency::new(9).is_none());
    /// ```
    pub fn new(n: u8) -> Option<Urgency> {
        (1..=8).contains(&n).then_some(Urgency(n))
    }

    /// The procedure's number, 1–8.
    pub fn number(self) -> u8 {
        self.0
    }

    /// 0–7, for tables with one entry per category. In range because [`Urgency::new`] is the
    /// only way to make one.
    pub fn index(self) -> usize {
        usize::from(self.0.saturating_sub(1))
    }

    /// The procedure's label (Dutch kept exactly as the procedure writes it).
    pub fn label(self, lang: Lang) -> &'static str {
        let (nl, en) = LABELS[self.index()];
        lang.pick(nl, en)
    }

    /// Categories 1 and 2: a dispute or a formal demand, with possible legal consequences.
    pub fn is_escalation(self) -> bool {
        self.0 <= 2
    }
}

impl fmt::Display for Urgency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Urgency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_the_procedures() {
        assert_eq!(Urgency::new(5).unwrap().label(Lang::Nl), "garantieclaim");
        assert!(Urgency::new(1).unwrap().label(Lang::Nl).contains("SGB"));
        assert!(Urgency::new(2).unwrap().is_escalation());
        assert!(!Urgency::new(3).unwrap().is_escalation());
        assert_eq!(Urgency::new(0), None);
    }
}
