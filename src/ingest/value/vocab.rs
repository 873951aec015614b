//! Closed vocabularies: a cell read as a channel, nature, status, handling mode, customer type,
//! justification or satisfaction, by its key or by its meaningful words.

use super::is_blank_text;
use super::words::*;
use crate::base::key::{normalize_key, short_key};
use crate::ingest::raw::RawRef;
use crate::register::{
    Channel, CustomerType, HandlingMode, Justified, Nature, Satisfaction, Status,
};

/// Looks a text cell up in a vocabulary by its key, also after "per"/"via" ("per mail",
/// "via monteur"), and failing that by its words ([`by_words`]). Unknown words are errors,
/// never `Other`: the user maps them.
fn vocabulary<T: Copy + PartialEq>(
    raw: RawRef,
    words: &[(&str, T)],
    heads: &[&str],
) -> Result<Option<T>, ()> {
    let s = match raw {
        RawRef::Empty => return Ok(None),
        RawRef::Text(s) if is_blank_text(s) => return Ok(None),
        RawRef::Text(s) => s,
        _ => return Err(()),
    };
    let find = |key: &str| words.iter().find(|(w, _)| *w == key).map(|&(_, v)| v);
    // Most cells hold a word as the vocabulary has it ("technisch", "zakelijk"): a key is
    // its own key, so it is found without making one.
    if let Some(v) = find(s) {
        return Ok(Some(v));
    }
    let mut buf = [0u8; 32];
    let exact = short_key(s, &mut buf).and_then(|key| {
        find(key).or_else(|| {
            let rest = key
                .strip_prefix("per")
                .or_else(|| key.strip_prefix("via"))?;
            find(rest)
        })
    });
    // The word reading runs only for the few cells the key does not settle.
    exact
        .or_else(|| by_words(s, words, heads))
        .map(Some)
        .ok_or(())
}

/// At most this many neighbouring words are joined into one vocabulary word ("on hold",
/// "niet technisch", "in behandeling").
const MAX_JOINED: usize = 4;

/// A value read by its meaningful words, for a cell whose whole key is no vocabulary word
/// ("technische klacht", "brief (aangetekend)", "Wacht op klant", "niet-technische klacht").
///
/// The words are the pieces between spaces and `/ , ; : + & | -` (neighbours are joined back
/// where that makes a vocabulary word, so "e-mail" and "niet technisch" stay whole), each
/// folded like a key and, five letters or longer, also tried without a Dutch inflection `-e`
/// ("technische"). Outside
/// brackets every word must be a vocabulary word or a [`FILLER_WORDS`] word, except the words
/// after one of `heads`; inside brackets (a qualifier) unknown words are passed over. Every
/// vocabulary word found must give the same value: "brief/telefoon" or "ja (deels)" means
/// nothing. None when no vocabulary word is found.
fn by_words<T: Copy + PartialEq>(s: &str, words: &[(&str, T)], heads: &[&str]) -> Option<T> {
    // (key, group, inside brackets); a group is a run of text between brackets, and words
    // are only joined within their group.
    let mut tokens: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut group = 0usize;
    let mut piece = String::new();
    let mut flush = |piece: &mut String, group: usize, depth: usize| {
        let key = normalize_key(piece);
        if !key.is_empty() {
            tokens.push((key, group, depth > 0));
        }
        piece.clear();
    };
    for c in s.chars() {
        match c {
            '(' | '[' | '{' => {
                flush(&mut piece, group, depth);
                depth += 1;
                group += 1;
            }
            ')' | ']' | '}' => {
                flush(&mut piece, group, depth);
                depth = depth.saturating_sub(1);
                group += 1;
            }
            '/' | ',' | ';' | ':' | '+' | '&' | '|' | '-' | '\u{2010}'..='\u{2015}' => {
                flush(&mut piece, group, depth);
            }
            c if c.is_whitespace() => flush(&mut piece, group, depth),
            c => piece.push(c),
        }
    }
    flush(&mut piece, group, depth);

    let lookup = |key: &str| -> Option<(&str, T)> {
        let find = |k: &str| words.iter().find(|(w, _)| *w == k).map(|&(w, v)| (w, v));
        // Only a longer word loses an `-e`: "te" is no inflected "t" (technical).
        find(key).or_else(|| find(key.strip_suffix('e').filter(|k| k.len() >= 4)?))
    };
    let mut found: Option<T> = None;
    let mut free = false;
    let mut i = 0;
    while let Some((first, group, qualifier)) = tokens.get(i) {
        let mut joined = String::new();
        let mut hit = None;
        for (j, (key, g, _)) in tokens.iter().enumerate().skip(i).take(MAX_JOINED) {
            if g != group {
                break;
            }
            joined.push_str(key);
            if let Some(h) = lookup(&joined) {
                hit = Some((j, h));
            }
        }
        match hit {
            Some((last, (word, value))) => {
                if found.is_some_and(|f| f != value) {
                    return None;
                }
                found = Some(value);
                free |= heads.contains(&word);
                i = last + 1;
            }
            None => {
                if !qualifier && !free && !FILLER_WORDS.contains(&first.as_str()) {
                    return None;
                }
                i += 1;
            }
        }
    }
    found
}

/// How the complaint arrived.
///
/// ```
/// use klacht::ingest::{Raw, value::parse_channel};
/// use klacht::register::Channel;
/// assert_eq!(parse_channel(&Raw::Text("Tel.".into())), Ok(Some(Channel::Phone)));
/// ```
pub fn parse_channel<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Channel>, ()> {
    vocabulary(raw.into(), CHANNEL_WORDS, &[])
}

/// Technical or not.
pub fn parse_nature<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Nature>, ()> {
    vocabulary(raw.into(), NATURE_WORDS, &[])
}

/// Handling status.
pub fn parse_status<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Status>, ()> {
    vocabulary(raw.into(), STATUS_WORDS, WAITING_WORDS)
}

/// Conversation or written response.
pub fn parse_handling_mode<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<HandlingMode>, ()> {
    vocabulary(raw.into(), HANDLING_WORDS, &[])
}

/// Consumer or business.
pub fn parse_customer_type<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<CustomerType>, ()> {
    vocabulary(raw.into(), CUSTOMER_WORDS, &[])
}

/// Justified: yes, no or partly; Excel booleans and 1/0 too.
pub fn parse_justified<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Justified>, ()> {
    let raw = raw.into();
    match raw {
        RawRef::Bool(true) => Ok(Some(Justified::Yes)),
        RawRef::Bool(false) => Ok(Some(Justified::No)),
        RawRef::Number(1.0) => Ok(Some(Justified::Yes)),
        RawRef::Number(0.0) => Ok(Some(Justified::No)),
        _ => vocabulary(raw, JUSTIFIED_WORDS, &[]),
    }
}

/// Satisfaction with the handling: a whole score 1–10 (a number, or text such as `8` or
/// `8,0`), or yes/no (`ja`, `tevreden`, `niet tevreden`, an Excel boolean). Which scale the
/// scores are on is decided over the whole register ([`crate::register::Scale::of`]).
///
/// ```
/// use klacht::ingest::{Raw, value::parse_satisfaction};
/// use klacht::register::Satisfaction;
/// assert_eq!(parse_satisfaction(&Raw::Number(4.0)), Ok(Some(Satisfaction::Score(4))));
/// assert_eq!(parse_satisfaction(&Raw::Text("niet tevreden".into())), Ok(Some(Satisfaction::No)));
/// assert_eq!(parse_satisfaction(&Raw::Text("11".into())), Err(()));
/// ```
pub fn parse_satisfaction<'a>(raw: impl Into<RawRef<'a>>) -> Result<Option<Satisfaction>, ()> {
    let score = |cents: i64| match u8::try_from(cents / 100) {
        Ok(s) if cents % 100 == 0 && (1..=10).contains(&s) => Ok(Some(Satisfaction::Score(s))),
        _ => Err(()),
    };
    let raw = raw.into();
    match raw {
        RawRef::Bool(true) => Ok(Some(Satisfaction::Yes)),
        RawRef::Bool(false) => Ok(Some(Satisfaction::No)),
        RawRef::Number(_) => score(super::parse_money(raw)?.ok_or(())?.0),
        RawRef::Text(s) if s.trim().starts_with(|c: char| c.is_ascii_digit()) => {
            score(super::parse_money(raw)?.ok_or(())?.0)
        }
        _ => vocabulary(raw, SATISFACTION_WORDS, &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Raw;
    use crate::Lang;

    fn text(s: &str) -> Raw {
        Raw::Text(s.to_string())
    }

    #[test]
    fn channels() {
        use Channel::*;
        for (s, want) in [
            ("brief", Letter),
            ("post", Letter),
            ("per post", Letter),
            ("Aangetekend", Letter),
            ("aangetekende brief", Letter),
            ("letter", Letter),
            ("Postal mail", Letter),
            ("fax", Fax),
            ("Telefax", Fax),
            ("mail", Email),
            ("e-mail", Email),
            ("email", Email),
            ("E-mail", Email),
            ("per mail", Email),
            ("via e-mail", Email),
            ("telefonisch", Phone),
            ("telefoon", Phone),
            ("tel", Phone),
            ("Tel.", Phone),
            ("gebeld", Phone),
            ("telefoontje", Phone),
            ("Phone", Phone),
            ("call", Phone),
            ("telephone", Phone),
            ("mondeling", InPerson),
            ("persoonlijk", InPerson),
            ("balie", InPerson),
            ("aan de balie", InPerson),
            ("monteur", InPerson),
            ("via monteur", InPerson),
            ("op locatie", InPerson),
            ("bij bezoek", InPerson),
            ("in person", InPerson),
            ("walk-in", InPerson),
            ("website", Web),
            ("web", Web),
            ("Formulier", Web),
            ("webformulier", Web),
            ("contactformulier", Web),
            ("internet", Web),
            ("ONLINE", Web),
            ("web form", Web),
            ("anders", Other),
            ("overig", Other),
            ("Other", Other),
        ] {
            assert_eq!(parse_channel(&text(s)), Ok(Some(want)), "{s:?}");
        }
        for s in [
            "Referral",
            "Constituent Call",
            "duif",
            "brief of mail",
            "perpetuum",
        ] {
            assert_eq!(parse_channel(&text(s)), Err(()), "{s:?} needs a mapping");
        }
        assert_eq!(parse_channel(&Raw::Number(1.0)), Err(()));
    }

    #[test]
    fn natures_statuses_modes_customers() {
        use CustomerType::*;
        use HandlingMode::*;
        use Nature::*;
        use Status::*;
        let cases: [(&str, Option<Nature>); 14] = [
            ("technisch", Some(Technical)),
            ("tech", Some(Technical)),
            ("T", Some(Technical)),
            ("Technical", Some(Technical)),
            ("niet-technisch", Some(NonTechnical)),
            ("niet technisch", Some(NonTechnical)),
            ("nt", Some(NonTechnical)),
            ("N.T.", Some(NonTechnical)),
            ("non-technical", Some(NonTechnical)),
            ("nontechnical", Some(NonTechnical)),
            ("niet-tech", Some(NonTechnical)),
            ("administratief", Some(NonTechnical)),
            ("commercieel", Some(NonTechnical)),
            ("n.v.t.", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_nature(&text(s)), Ok(want), "{s:?}");
        }
        for (s, want) in [
            ("open", Open),
            ("Nieuw", Open),
            ("new", Open),
            ("heropend", Reopened),
            ("Heropend", Reopened),
            ("Reopened", Reopened),
            ("weer open", Reopened),
            ("in behandeling", InProgress),
            ("lopend", InProgress),
            ("bezig", InProgress),
            ("In Progress", InProgress),
            ("pending", InProgress),
            ("in uitvoering", InProgress),
            ("afgehandeld", Closed),
            ("Gesloten", Closed),
            ("afgesloten", Closed),
            ("opgelost", Closed),
            ("gereed", Closed),
            ("klaar", Closed),
            ("CLOSED", Closed),
            ("resolved", Closed),
            ("done", Closed),
        ] {
            assert_eq!(parse_status(&text(s)), Ok(Some(want)), "{s:?}");
        }
        for (s, want) in [
            ("gesprek", Conversation),
            ("persoonlijk gesprek", Conversation),
            ("mondeling", Conversation),
            ("telefonisch", Conversation),
            ("conversation", Conversation),
            ("oral", Conversation),
            ("schriftelijk", Written),
            ("brief", Written),
            ("per brief", Written),
            ("e-mail", Written),
            ("written", Written),
            ("letter", Written),
        ] {
            assert_eq!(parse_handling_mode(&text(s)), Ok(Some(want)), "{s:?}");
        }
        for (s, want) in [
            ("particulier", Consumer),
            ("consument", Consumer),
            ("prive", Consumer),
            ("Privé", Consumer),
            ("P", Consumer),
            ("consumer", Consumer),
            ("private", Consumer),
            ("B2C", Consumer),
            ("zakelijk", Business),
            ("bedrijf", Business),
            ("B2B", Business),
            ("Z", Business),
            ("ZZP", Business),
            ("business", Business),
            ("company", Business),
        ] {
            assert_eq!(parse_customer_type(&text(s)), Ok(Some(want)), "{s:?}");
        }
        assert_eq!(parse_nature(&text("hardware")), Err(()));
        assert_eq!(parse_status(&text("misschien")), Err(()));
        assert_eq!(parse_handling_mode(&text("duif")), Err(()));
        assert_eq!(parse_customer_type(&text("overheid")), Err(()));
    }

    /// A value with company: brackets, filler, waiting states, messaging channels; and what
    /// must stay unreadable (unknown, meaningless or pointing two ways).
    #[test]
    fn values_read_by_their_meaningful_words() {
        use Channel::*;
        for (s, want) in [
            ("brief (aangetekend)", Some(Letter)),
            ("Brief [aangetekend]", Some(Letter)),
            ("telefoon (terugbelverzoek)", Some(Phone)),
            ("per e-mail (klant)", Some(Email)),
            ("via de website", Some(Web)),
            ("by phone", Some(Phone)),
            ("klacht per brief", Some(Letter)),
            ("WhatsApp", Some(Web)),
            ("via WhatsApp", Some(Web)),
            ("WhatsApp-bericht", Some(Web)),
            ("sms", Some(Web)),
            ("SMS'je", Some(Web)),
            ("chat", Some(Web)),
            ("live chat", Some(Web)),
            ("social media", Some(Web)),
            ("Sociale media (Facebook)", Some(Web)),
            ("Postduif", None),
            ("postduif (brief)", None),
            ("brief of telefoon", None),
            ("brief/telefoon", None),
            ("brief (telefoon)", None),
            ("klacht", None),
            ("per", None),
            ("(brief", Some(Letter)),
            ("te (laat)", None),
        ] {
            let got = parse_channel(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "channel {s:?}");
        }
        for (s, want) in [
            ("technische klacht", Some(Nature::Technical)),
            ("Technische klacht (cv-ketel)", Some(Nature::Technical)),
            ("klacht (technisch)", Some(Nature::Technical)),
            ("niet-technische klacht", Some(Nature::NonTechnical)),
            ("niet technische klacht", Some(Nature::NonTechnical)),
            ("administratieve klacht", Some(Nature::NonTechnical)),
            ("technisch / niet-technisch", None),
            ("T/NT", None),
            ("niet klacht", None),
            ("geen technische klacht", None),
        ] {
            let got = parse_nature(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "nature {s:?}");
        }
        for (s, want) in [
            ("Wacht op klant", Some(Status::InProgress)),
            ("wachten op onderdelen", Some(Status::InProgress)),
            ("in afwachting van onderdelen", Some(Status::InProgress)),
            ("In afwachting", Some(Status::InProgress)),
            ("on hold", Some(Status::InProgress)),
            ("On hold (leverancier)", Some(Status::InProgress)),
            ("pending parts", Some(Status::InProgress)),
            ("waiting for customer", Some(Status::InProgress)),
            ("in behandeling (monteur)", Some(Status::InProgress)),
            ("afgehandeld (telefonisch)", Some(Status::Closed)),
            ("Nieuwe klacht", Some(Status::Open)),
            ("wacht op klant, gesloten", None),
            ("niet afgehandeld", None),
            ("nog open of gesloten", None),
            ("klant wacht", None),
        ] {
            let got = parse_status(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "status {s:?}");
        }
        for (s, want) in [
            ("telefonisch gesprek", Some(HandlingMode::Conversation)),
            ("schriftelijke reactie", None),
            ("schriftelijk (per brief)", Some(HandlingMode::Written)),
        ] {
            let got = parse_handling_mode(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "handling {s:?}");
        }
        for (s, want) in [
            ("zakelijke klant", None),
            ("Zakelijk (VvE)", Some(CustomerType::Business)),
            ("particuliere", Some(CustomerType::Consumer)),
        ] {
            let got = parse_customer_type(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "customer {s:?}");
        }
        for (s, want) in [
            ("ja (gegrond)", Some(Justified::Yes)),
            ("ja (deels)", None),
            ("gegrond / ongegrond", None),
        ] {
            let got = parse_justified(&text(s));
            assert_eq!(got, want.map(Some).ok_or(()), "justified {s:?}");
        }
    }

    /// The word reading is a fallback: a value the key settles never reaches it, and it
    /// gives the same answer as the key for every vocabulary word written with company.
    #[test]
    fn every_vocabulary_word_reads_with_filler_and_a_qualifier() {
        for &(w, v) in CHANNEL_WORDS {
            assert_eq!(
                by_words(&format!("per {w} (x)"), CHANNEL_WORDS, &[]),
                Some(v),
                "{w}"
            );
        }
        for &(w, v) in STATUS_WORDS {
            let s = format!("{w} [klacht]");
            assert_eq!(by_words(&s, STATUS_WORDS, WAITING_WORDS), Some(v), "{w}");
        }
        for &(w, v) in NATURE_WORDS {
            assert_eq!(
                by_words(&format!("{w} klacht"), NATURE_WORDS, &[]),
                Some(v),
                "{w}"
            );
        }
    }

    #[test]
    fn justified() {
        use Justified::*;
        for (s, want) in [
            ("ja", Yes),
            ("J", Yes),
            ("yes", Yes),
            ("Y", Yes),
            ("x", Yes),
            ("X", Yes),
            ("waar", Yes),
            ("TRUE", Yes),
            ("gegrond", Yes),
            ("nee", No),
            ("N", No),
            ("no", No),
            ("false", No),
            ("ongegrond", No),
            ("deels", Partly),
            ("gedeeltelijk", Partly),
            ("partly", Partly),
            ("partially", Partly),
            ("ten dele", Partly),
            ("deels gegrond", Partly),
        ] {
            assert_eq!(parse_justified(&text(s)), Ok(Some(want)), "{s:?}");
        }
        assert_eq!(parse_justified(&Raw::Bool(true)), Ok(Some(Yes)));
        assert_eq!(parse_justified(&Raw::Bool(false)), Ok(Some(No)));
        assert_eq!(parse_justified(&Raw::Number(1.0)), Ok(Some(Yes)));
        assert_eq!(parse_justified(&Raw::Number(0.0)), Ok(Some(No)));
        assert_eq!(parse_justified(&Raw::Number(2.0)), Err(()));
        assert_eq!(parse_justified(&text("misschien")), Err(()));
        assert_eq!(parse_justified(&text(" ")), Ok(None));
    }

    #[test]
    fn satisfaction() {
        use Satisfaction::*;
        for (s, want) in [
            ("1", Score(1)),
            ("4", Score(4)),
            (" 8 ", Score(8)),
            ("8,0", Score(8)),
            ("10", Score(10)),
            ("ja", Yes),
            ("Tevreden", Yes),
            ("zeer tevreden", Yes),
            ("yes", Yes),
            ("nee", No),
            ("niet tevreden", No),
            ("Ontevreden", No),
            ("no", No),
        ] {
            assert_eq!(parse_satisfaction(&text(s)), Ok(Some(want)), "{s:?}");
        }
        for s in ["0", "11", "7,5", "-3", "hoog", "ja/nee", "4 van 5"] {
            assert_eq!(parse_satisfaction(&text(s)), Err(()), "{s:?}");
        }
        assert_eq!(parse_satisfaction(&Raw::Number(9.0)), Ok(Some(Score(9))));
        assert_eq!(parse_satisfaction(&Raw::Number(3.5)), Err(()));
        assert_eq!(parse_satisfaction(&Raw::Bool(false)), Ok(Some(No)));
        assert_eq!(parse_satisfaction(&text("n.v.t.")), Ok(None));
        assert_eq!(parse_satisfaction(&text("-")), Ok(None));
        for key in Satisfaction::KEYS {
            let read = parse_satisfaction(&text(key)).unwrap().unwrap();
            assert_eq!(read.key(), *key);
        }
    }

    /// Reads a value back from the tool's own key and both labels.
    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        names: impl Fn(T) -> [&'static str; 3],
        parse: fn(&Raw) -> Result<Option<T>, ()>,
    ) {
        for &v in all {
            for name in names(v) {
                assert_eq!(parse(&text(name)), Ok(Some(v)), "{name:?}");
            }
        }
    }

    #[test]
    fn every_vocabulary_reads_its_own_keys_and_labels() {
        macro_rules! names {
            ($t:ty) => {
                |v: $t| [v.key(), v.label(Lang::Nl), v.label(Lang::En)]
            };
        }
        round_trips(Channel::ALL, names!(Channel), |r| parse_channel(r));
        round_trips(Nature::ALL, names!(Nature), |r| parse_nature(r));
        round_trips(Status::ALL, names!(Status), |r| parse_status(r));
        round_trips(HandlingMode::ALL, names!(HandlingMode), |r| {
            parse_handling_mode(r)
        });
        round_trips(CustomerType::ALL, names!(CustomerType), |r| {
            parse_customer_type(r)
        });
        round_trips(Justified::ALL, names!(Justified), |r| parse_justified(r));
    }
}
