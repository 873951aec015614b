//! The glossary that closes the page and the workbook's *Verantwoording* sheet: how each figure
//! is defined (SPEC §5) in plain words, Dutch and English, from this one list.

use crate::Lang;

/// One term: its name and its definition, Dutch and English.
struct Entry {
    term: (&'static str, &'static str),
    definition: (&'static str, &'static str),
}

const ENTRIES: &[Entry] = &[
    Entry {
        term: ("Ontvangen", "Received"),
        definition: (
            "Klachten met een datum van ontvangst in de periode.",
            "Complaints with a date of receipt in the period.",
        ),
    },
    Entry {
        term: ("Afgehandeld", "Closed"),
        definition: (
            "Klachten met een afhandeldatum in de periode.",
            "Complaints with a closed date in the period.",
        ),
    },
    Entry {
        term: ("Open", "Open"),
        definition: (
            "Op een dag ontvangen en nog niet afgehandeld: geen afhandeldatum, of een latere. Open bij einde periode is de werkvoorraad; open bij begin + ontvangen − afgehandeld = open bij einde (de controle doorstroom).",
            "Received by a day and not yet closed on it: no closed date, or a later one. Open at the end of the period is the backlog; open at start + received − closed = open at end (the flow check).",
        ),
    },
    Entry {
        term: ("Peildatum", "Reference date"),
        definition: (
            "De dag waarop achterstand en leeftijd gemeten worden: het einde van de periode, of vandaag als de periode nog loopt (--as-of zet hem).",
            "The day on which overdue complaints and ages are measured: the end of the period, or today while the period runs (--as-of sets it).",
        ),
    },
    Entry {
        term: ("Werkdag", "Working day"),
        definition: (
            "Maandag tot en met vrijdag, behalve de feestdagen van het kalenderprofiel (cao of atw) en de eigen sluitingsdagen. Een termijn telt de werkdagen na de eerste datum tot en met de tweede: dezelfde dag is 0.",
            "Monday to Friday, except the holidays of the calendar profile (cao or atw) and the company's closure days. A duration counts the working days after the first date up to and including the second: the same day is 0.",
        ),
    },
    Entry {
        term: ("Norm (streeftermijn)", "Target"),
        definition: (
            "De termijn in werkdagen waarbinnen een klacht afgehandeld moet zijn, per urgentie (zie Normen); een streefdatum in het register gaat voor.",
            "The time in working days within which a complaint is to be closed, per urgency (see Targets); a due date in the register takes precedence.",
        ),
    },
    Entry {
        term: ("Achterstallig", "Overdue"),
        definition: (
            "Open op de peildatum en ouder dan de norm van de urgentie, of de peildatum ligt na de streefdatum.",
            "Open at the reference date and older than the urgency's target, or the reference date is past the due date.",
        ),
    },
    Entry {
        term: ("Doorlooptijd", "Handling time"),
        definition: (
            "Van ontvangst tot afhandeling, in werkdagen (en kalenderdagen), over de klachten afgehandeld in de periode.",
            "From receipt to closure, in working days (and calendar days), over the complaints closed in the period.",
        ),
    },
    Entry {
        term: ("Binnen de norm", "Within target"),
        definition: (
            "Het deel van de in de periode afgehandelde klachten met een norm dat binnen die norm (of op of vóór de streefdatum) is afgehandeld.",
            "The share of the complaints closed in the period that have a target which were closed within it (or on or before the due date).",
        ),
    },
    Entry {
        term: ("Mediaan", "Median"),
        definition: (
            "De middelste waarde; bij een even aantal het gemiddelde van de twee middelste.",
            "The middle value; with an even number of values the mean of the two middle ones.",
        ),
    },
    Entry {
        term: ("p90", "p90"),
        definition: (
            "De waarde waar 90% van de gevallen op of onder blijft: de waarde op plaats ⌈0,9 × n⌉ van de gesorteerde waarden. Bij minder dan 5 waarden staat er 'n te klein'.",
            "The value that 90% of the cases stay at or below: the value at position ⌈0.9 × n⌉ of the sorted values. With fewer than 5 values it says 'n too small'.",
        ),
    },
    Entry {
        term: ("Vorige periode, jaar eerder", "Previous period, year earlier"),
        definition: (
            "Dezelfde cijfers voor de even lange periode direct ervoor en voor dezelfde periode een jaar eerder; geen % waar de vergelijkingswaarde 0 is.",
            "The same figures for the period of the same length just before and for the same period a year earlier; no % where the base is 0.",
        ),
    },
    Entry {
        term: ("Oorzaak", "Cause"),
        definition: (
            "Oorzaken worden geteld per groep: schrijfwijzen die alleen verschillen in hoofdletters, accenten, leestekens, een toevoeging tussen haakjes, spaties, woordvolgorde of één tikfout in een woord van 8 of meer letters zijn één oorzaak, genoemd naar de meest gebruikte schrijfwijze.",
            "Causes are counted per group: spellings that differ only in case, accents, punctuation, a qualifier in brackets, spaces, word order or one typing slip in a word of 8 or more letters are one cause, named after the spelling used most.",
        ),
    },
    Entry {
        term: ("Herhaalklager", "Repeat complainant"),
        definition: (
            "Een klant met 2 of meer klachten ontvangen in de 12 maanden tot het einde van de periode.",
            "A customer with 2 or more complaints received in the 12 months up to the end of the period.",
        ),
    },
    Entry {
        term: ("Faalkosten", "Failure costs"),
        definition: (
            "De bedragen in het register bij de klachten afgehandeld in de periode, tot op de cent opgeteld.",
            "The amounts the register records for the complaints closed in the period, summed to the cent.",
        ),
    },
    Entry {
        term: ("Heropend", "Reopened"),
        definition: (
            "Na afhandeling weer open (status heropend): telt als open in alle cijfers.",
            "Open again after closing (status reopened): counts as open in every figure.",
        ),
    },
    Entry {
        term: ("Signaal", "Signal"),
        definition: (
            "Een maand die afwijkt van de 24 maanden vóór de periode (c-kaart): boven de bovengrens (gemiddelde + 3 × √gemiddelde) of onder de ondergrens, 8 maanden op rij boven of onder het gemiddelde, of 6 maanden op rij elk hoger of lager dan de vorige. Met minder dan 12 maanden geschiedenis geen signalen.",
            "A month that stands out against the 24 months before the period (c-chart): above the upper limit (mean + 3 × √mean) or below the lower limit, 8 months in a row above or below the mean, or 6 months in a row each higher or lower than the one before. With fewer than 12 months of history, no signals.",
        ),
    },
];

/// The glossary in `lang`: (term, definition), in reading order.
///
/// ```
/// use klacht::render::glossary::glossary;
/// use klacht::Lang;
/// assert!(glossary(Lang::En).iter().any(|(term, _)| *term == "p90"));
/// ```
pub fn glossary(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ENTRIES
        .iter()
        .map(|e| {
            (
                lang.pick(e.term.0, e.term.1),
                lang.pick(e.definition.0, e.definition.1),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_is_defined_in_both_languages() {
        let (nl, en) = (glossary(Lang::Nl), glossary(Lang::En));
        assert_eq!(nl.len(), en.len());
        for ((term_nl, def_nl), (term_en, def_en)) in nl.iter().zip(&en) {
            assert!(!term_nl.is_empty() && !term_en.is_empty());
            assert!(def_nl.len() > 20 && def_en.len() > 20, "{term_en}");
            // The two sides are translations, never the same text left untranslated.
            assert_ne!(def_nl, def_en, "{term_en}");
        }
        // SPEC §5's definitions the issue names are all there.
        for term in ["Open", "Working day", "p90", "Within target", "Signal"] {
            assert!(en.iter().any(|(t, _)| *t == term), "{term}");
        }
    }
}
