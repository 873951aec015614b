//! The words of each closed vocabulary, as keys, and the words that never change a value.

use crate::register::{
    Channel, CustomerType, HandlingMode, Justified, Nature, Satisfaction, Status,
};

/// Normalised words of each vocabulary, including the tool's own keys and labels.
pub(super) const CHANNEL_WORDS: &[(&str, Channel)] = &[
    ("brief", Channel::Letter),
    ("post", Channel::Letter),
    ("aangetekend", Channel::Letter),
    ("aangetekendebrief", Channel::Letter),
    ("letter", Channel::Letter),
    ("postalmail", Channel::Letter),
    ("registeredletter", Channel::Letter),
    ("fax", Channel::Fax),
    ("telefax", Channel::Fax),
    ("mail", Channel::Email),
    ("email", Channel::Email),
    ("telefonisch", Channel::Phone),
    ("telefoon", Channel::Phone),
    ("tel", Channel::Phone),
    ("gebeld", Channel::Phone),
    ("telefoontje", Channel::Phone),
    ("phone", Channel::Phone),
    ("call", Channel::Phone),
    ("telephone", Channel::Phone),
    ("mondeling", Channel::InPerson),
    ("persoonlijk", Channel::InPerson),
    ("balie", Channel::InPerson),
    ("aandebalie", Channel::InPerson),
    ("monteur", Channel::InPerson),
    ("oplocatie", Channel::InPerson),
    ("bijbezoek", Channel::InPerson),
    ("inperson", Channel::InPerson),
    ("walkin", Channel::InPerson),
    ("website", Channel::Web),
    ("web", Channel::Web),
    ("formulier", Channel::Web),
    ("webformulier", Channel::Web),
    ("contactformulier", Channel::Web),
    ("websiteformulier", Channel::Web),
    ("internet", Channel::Web),
    ("online", Channel::Web),
    ("webform", Channel::Web),
    // Messaging and social media: written and online, like a web form (docs/decisions.md).
    ("whatsapp", Channel::Web),
    ("app", Channel::Web),
    ("appje", Channel::Web),
    ("geappt", Channel::Web),
    ("sms", Channel::Web),
    ("smsje", Channel::Web),
    ("tekstbericht", Channel::Web),
    ("textmessage", Channel::Web),
    ("chat", Channel::Web),
    ("livechat", Channel::Web),
    ("webchat", Channel::Web),
    ("socialmedia", Channel::Web),
    ("socialemedia", Channel::Web),
    ("facebook", Channel::Web),
    ("instagram", Channel::Web),
    ("messenger", Channel::Web),
    ("twitter", Channel::Web),
    ("linkedin", Channel::Web),
    ("anders", Channel::Other),
    ("overig", Channel::Other),
    ("overige", Channel::Other),
    ("other", Channel::Other),
];

pub(super) const NATURE_WORDS: &[(&str, Nature)] = &[
    ("technisch", Nature::Technical),
    ("tech", Nature::Technical),
    ("t", Nature::Technical),
    ("technical", Nature::Technical),
    ("niettechnisch", Nature::NonTechnical),
    ("niettech", Nature::NonTechnical),
    ("nt", Nature::NonTechnical),
    ("nontechnical", Nature::NonTechnical),
    ("nontechnisch", Nature::NonTechnical),
    ("nontech", Nature::NonTechnical),
    ("administratief", Nature::NonTechnical),
    ("administratieve", Nature::NonTechnical),
    ("commercieel", Nature::NonTechnical),
    ("commerciele", Nature::NonTechnical),
];

pub(super) const STATUS_WORDS: &[(&str, Status)] = &[
    ("open", Status::Open),
    ("nieuw", Status::Open),
    ("new", Status::Open),
    ("heropend", Status::Reopened),
    ("heropenen", Status::Reopened),
    ("weeropen", Status::Reopened),
    ("opnieuwopen", Status::Reopened),
    ("reopened", Status::Reopened),
    ("reopen", Status::Reopened),
    ("inbehandeling", Status::InProgress),
    ("lopend", Status::InProgress),
    ("bezig", Status::InProgress),
    ("inprogress", Status::InProgress),
    ("pending", Status::InProgress),
    ("inuitvoering", Status::InProgress),
    ("assigned", Status::InProgress),
    ("started", Status::InProgress),
    ("toegewezen", Status::InProgress),
    ("onhold", Status::InProgress),
    ("wacht", Status::InProgress),
    ("wachten", Status::InProgress),
    ("wachtend", Status::InProgress),
    ("afwachting", Status::InProgress),
    ("inafwachting", Status::InProgress),
    ("waiting", Status::InProgress),
    ("awaiting", Status::InProgress),
    ("afgehandeld", Status::Closed),
    ("gesloten", Status::Closed),
    ("afgesloten", Status::Closed),
    ("opgelost", Status::Closed),
    ("afgerond", Status::Closed),
    ("gereed", Status::Closed),
    ("klaar", Status::Closed),
    ("closed", Status::Closed),
    ("resolved", Status::Closed),
    ("done", Status::Closed),
    ("solved", Status::Closed),
];

pub(super) const HANDLING_WORDS: &[(&str, HandlingMode)] = &[
    ("gesprek", HandlingMode::Conversation),
    ("persoonlijkgesprek", HandlingMode::Conversation),
    ("telefoongesprek", HandlingMode::Conversation),
    ("mondeling", HandlingMode::Conversation),
    ("telefonisch", HandlingMode::Conversation),
    ("conversation", HandlingMode::Conversation),
    ("oral", HandlingMode::Conversation),
    ("schriftelijk", HandlingMode::Written),
    ("brief", HandlingMode::Written),
    ("email", HandlingMode::Written),
    ("mail", HandlingMode::Written),
    ("written", HandlingMode::Written),
    ("letter", HandlingMode::Written),
];

pub(super) const CUSTOMER_WORDS: &[(&str, CustomerType)] = &[
    ("particulier", CustomerType::Consumer),
    ("consument", CustomerType::Consumer),
    ("prive", CustomerType::Consumer),
    ("p", CustomerType::Consumer),
    ("consumer", CustomerType::Consumer),
    ("private", CustomerType::Consumer),
    ("b2c", CustomerType::Consumer),
    ("zakelijk", CustomerType::Business),
    ("bedrijf", CustomerType::Business),
    ("b2b", CustomerType::Business),
    ("z", CustomerType::Business),
    ("zzp", CustomerType::Business),
    ("business", CustomerType::Business),
    ("company", CustomerType::Business),
];

/// `1`/`0` are how a check-box column or a CSV export writes yes and no.
pub(super) const JUSTIFIED_WORDS: &[(&str, Justified)] = &[
    ("ja", Justified::Yes),
    ("j", Justified::Yes),
    ("yes", Justified::Yes),
    ("y", Justified::Yes),
    ("x", Justified::Yes),
    ("waar", Justified::Yes),
    ("true", Justified::Yes),
    ("gegrond", Justified::Yes),
    ("terecht", Justified::Yes),
    ("1", Justified::Yes),
    ("nee", Justified::No),
    ("n", Justified::No),
    ("no", Justified::No),
    ("false", Justified::No),
    ("onwaar", Justified::No),
    ("ongegrond", Justified::No),
    ("onterecht", Justified::No),
    ("0", Justified::No),
    ("deels", Justified::Partly),
    ("gedeeltelijk", Justified::Partly),
    ("partly", Justified::Partly),
    ("partially", Justified::Partly),
    ("tendele", Justified::Partly),
    ("deelsgegrond", Justified::Partly),
    ("gedeeltelijkgegrond", Justified::Partly),
];

/// Yes/no answers to "satisfied with the handling?" (scores are numbers, read apart).
pub(super) const SATISFACTION_WORDS: &[(&str, Satisfaction)] = &[
    ("ja", Satisfaction::Yes),
    ("j", Satisfaction::Yes),
    ("yes", Satisfaction::Yes),
    ("y", Satisfaction::Yes),
    ("true", Satisfaction::Yes),
    ("waar", Satisfaction::Yes),
    ("tevreden", Satisfaction::Yes),
    ("zeertevreden", Satisfaction::Yes),
    ("satisfied", Satisfaction::Yes),
    ("verysatisfied", Satisfaction::Yes),
    ("nee", Satisfaction::No),
    ("n", Satisfaction::No),
    ("no", Satisfaction::No),
    ("false", Satisfaction::No),
    ("onwaar", Satisfaction::No),
    ("ontevreden", Satisfaction::No),
    ("niettevreden", Satisfaction::No),
    ("zeerontevreden", Satisfaction::No),
    ("dissatisfied", Satisfaction::No),
    ("unsatisfied", Satisfaction::No),
    ("notsatisfied", Satisfaction::No),
];

/// Words that never change what a value means: the field's subject ("technische klacht",
/// "WhatsApp-bericht") and the linking words before a channel ("via de website", "by phone").
/// Kept small on purpose: every word here is one a register may write without meaning.
pub(super) const FILLER_WORDS: &[&str] = &[
    "klacht",
    "klachten",
    "complaint",
    "bericht",
    "message",
    "via",
    "per",
    "door",
    "by",
    "de",
    "het",
    "een",
    "the",
    "a",
    "an",
];

/// Status words after which the rest of the value says what is waited for ("wacht op
/// klant", "in afwachting van onderdelen", "pending parts"): those words are not read.
pub(super) const WAITING_WORDS: &[&str] = &[
    "wacht",
    "wachten",
    "wachtend",
    "afwachting",
    "inafwachting",
    "waiting",
    "awaiting",
    "onhold",
    "pending",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::key::normalize_key;

    #[test]
    fn every_vocabulary_word_is_its_own_key() {
        // `vocabulary` finds a cell that reads as a word before it makes the key.
        let words = CHANNEL_WORDS.iter().map(|w| w.0);
        let words = words
            .chain(NATURE_WORDS.iter().map(|w| w.0))
            .chain(STATUS_WORDS.iter().map(|w| w.0))
            .chain(HANDLING_WORDS.iter().map(|w| w.0))
            .chain(CUSTOMER_WORDS.iter().map(|w| w.0))
            .chain(JUSTIFIED_WORDS.iter().map(|w| w.0))
            .chain(SATISFACTION_WORDS.iter().map(|w| w.0));
        for w in words {
            assert_eq!(normalize_key(w), w);
        }
    }
}
