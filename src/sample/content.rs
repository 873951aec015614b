//! The fictional company and the words of its register: staff, departments, complaint causes
//! of the HVAC/refrigeration trade, and the parts descriptions are built from. Everything is
//! invented; names are common Dutch names, a few with é, ë or ï so that encodings matter.

/// The fictional installer.
pub(crate) const COMPANY: &str = "Koeltechniek Van der Berg B.V.";

/// Departments (*afdelingen*).
pub(crate) const DEPARTMENTS: [&str; 4] = [
    "Service",
    "Koeltechniek",
    "Installatie/Projecten",
    "Administratie",
];
const SERVICE: u8 = 0;
const KOEL: u8 = 1;
const PROJECT: u8 = 2;
const ADMIN: u8 = 3;

/// A member of staff: full name, as colleagues write it short, and initials.
pub(crate) struct Person {
    pub name: &'static str,
    pub first: &'static str,
    pub initials: &'static str,
}

/// Staff. Index 0 is the director, 1 the KAM-coördinator; 1..=8 handle complaints.
pub(crate) const STAFF: [Person; 9] = [
    Person {
        name: "Henk van der Berg",
        first: "Henk",
        initials: "HvdB",
    },
    Person {
        name: "Marieke Jansen",
        first: "Marieke",
        initials: "MJ",
    },
    Person {
        name: "Joost Hendriks",
        first: "Joost",
        initials: "JH",
    },
    Person {
        name: "René Kuipers",
        first: "René",
        initials: "RK",
    },
    Person {
        name: "Daniël Smit",
        first: "Daniël",
        initials: "DS",
    },
    Person {
        name: "Ilse Brouwer",
        first: "Ilse",
        initials: "IB",
    },
    Person {
        name: "Bram Mulder",
        first: "Bram",
        initials: "BM",
    },
    Person {
        name: "Gerrit Visser",
        first: "Gerrit",
        initials: "GV",
    },
    Person {
        name: "Anouk Bakker",
        first: "Anouk",
        initials: "AB",
    },
];
pub(crate) const DIRECTOR: u8 = 0;
pub(crate) const KAM: u8 = 1;
/// The service coordinator, who sometimes assesses.
pub(crate) const COORDINATOR: u8 = 2;

/// Who handles complaints of a department.
pub(crate) fn handlers_of(department: u8) -> &'static [u8] {
    match department {
        SERVICE => &[2, 3],
        KOEL => &[4, 5],
        PROJECT => &[6, 7],
        _ => &[8],
    }
}

/// When a cause peaks: airco trouble in summer heat, heating (heat pumps) in winter.
#[derive(Clone, Copy)]
pub(crate) enum Season {
    Summer,
    Winter,
    AllYear,
}

impl Season {
    /// Relative weight in `month` (1–12).
    pub(crate) fn factor(self, month: u32) -> u32 {
        match (self, month) {
            (Season::Summer, 6..=8) | (Season::Winter, 12 | 1 | 2) => 4,
            (Season::Summer, 5 | 9) | (Season::Winter, 11 | 3) => 2,
            (Season::AllYear, _) => 2,
            _ => 1,
        }
    }
}

/// A complaint cause, with the words around it.
pub(crate) struct Cause {
    /// The usual spelling in the cause column, and the name of its group in a report.
    pub name: &'static str,
    /// Other ways people write it that fold onto `name` (SPEC §10: case, accents,
    /// punctuation, a qualifier in brackets, a space in a compound, word order, one slip in a
    /// word of 8+ letters), each with how often, per mille of the cause's complaints. The rest
    /// write `name`, so that it stays the most frequent spelling and names the group.
    pub variants: &'static [(&'static str, u32)],
    /// Another word for the same cause that no spelling rule finds, and how often (per mille):
    /// its own group unless the company's cause list names it.
    pub synonym: Option<(&'static str, u32)>,
    pub technical: bool,
    pub season: Season,
    /// Base frequency.
    pub weight: u32,
    pub departments: &'static [u8],
    /// The trouble needs an installation that heats (see [`equipment`]).
    pub heating: bool,
    /// Sentence subjects; empty: the installation concerned (see [`equipment`]).
    pub subjects: &'static [&'static str],
    /// What goes wrong, continuing the subject.
    pub problems: &'static [&'static str],
    /// What was done about it (*genomen maatregel*).
    pub solutions: &'static [&'static str],
}

impl Cause {
    /// The spelling `i`: 0 the name, then the variants, then the synonym.
    pub(crate) fn spelling(&self, i: u8) -> &'static str {
        let i = usize::from(i);
        match i.checked_sub(1) {
            None => self.name,
            Some(v) => match self.variants.get(v) {
                Some((text, _)) => text,
                None => self.synonym.map_or(self.name, |s| s.0),
            },
        }
    }

    /// Whether the spelling `i` is the synonym.
    pub(crate) fn is_synonym(&self, i: u8) -> bool {
        self.synonym.is_some() && usize::from(i) == self.variants.len() + 1
    }

    /// The spelling (as for [`Cause::spelling`]) a number `r` below 1000 picks.
    pub(crate) fn pick_spelling(&self, r: u32) -> u8 {
        let mut left = r;
        let others = self.variants.iter().chain(self.synonym.as_ref());
        for (i, (_, per_mille)) in others.enumerate() {
            if left < *per_mille {
                return u8::try_from(i + 1).unwrap_or(0);
            }
            left -= per_mille;
        }
        0
    }
}

/// Index of "storing niet verholpen", the usual cause of a repeat complaint.
pub(crate) const NOT_FIXED: u8 = 6;
/// Index of "foutieve factuur": credits as cost, payment withheld as urgency.
pub(crate) const WRONG_INVOICE: u8 = 8;
/// Index of "afspraak niet nagekomen": call-out costs waived.
pub(crate) const MISSED_APPOINTMENT: u8 = 10;

pub(crate) const CAUSES: [Cause; 13] = [
    Cause {
        name: "koudemiddellekkage",
        variants: &[
            ("Koudemiddellekkage", 80),
            ("koudemiddel lekkage", 70),
            ("lekkage koudemiddel", 60),
            ("koudemiddellekkage (R32)", 50),
            ("koudemiddellekage", 40),
            ("koudemiddel-lekkage", 30),
        ],
        synonym: Some(("lek in koudemiddelleiding", 30)),
        technical: true,
        season: Season::Summer,
        weight: 12,
        departments: &[KOEL, KOEL, SERVICE],
        heating: false,
        subjects: &[],
        problems: &[
            "lekt koudemiddel",
            "koelt niet meer, koudemiddel gelekt",
            "verliest koudemiddel, lekdetectie slaat aan",
            "heeft een olievlek onder de unit, vermoedelijk lekkage",
        ],
        solutions: &[
            "Lek opgespoord en gedicht, installatie bijgevuld",
            "Flareverbinding vervangen en lektest uitgevoerd",
            "Verdamper vervangen onder garantie",
            "Leiding opnieuw gesoldeerd en afgeperst",
        ],
    },
    Cause {
        name: "compressorstoring",
        variants: &[
            ("Compressorstoring", 90),
            ("compressor storing", 80),
            ("storing compressor", 50),
            ("compresorstoring", 40),
            ("compressorstoring (buitenunit)", 40),
        ],
        synonym: Some(("compressor defect", 30)),
        technical: true,
        season: Season::Summer,
        weight: 9,
        departments: &[KOEL, SERVICE],
        heating: false,
        subjects: &[],
        problems: &[
            "valt steeds uit, compressor slaat af",
            "start niet, compressor defect",
            "geeft storingscode, compressor draait niet",
            "maakt tikkend geluid bij aanlopen compressor",
        ],
        solutions: &[
            "Compressor vervangen",
            "Aanloopcondensator vervangen",
            "Compressorbeveiliging afgesteld",
            "Softstarter geplaatst",
        ],
    },
    Cause {
        name: "condensafvoer verstopt",
        variants: &[
            ("Condensafvoer verstopt", 90),
            ("condens afvoer verstopt", 70),
            ("condensafvoer verstopt.", 50),
            ("condesafvoer verstopt", 40),
            ("condensafvoer verstopt (2e keer)", 40),
        ],
        synonym: None,
        technical: true,
        season: Season::Summer,
        weight: 9,
        departments: &[SERVICE],
        heating: false,
        subjects: &[],
        problems: &[
            "lekt water",
            "druppelt water op de vloer",
            "condenswater loopt langs de muur",
            "lekt water op het plafond van de ruimte eronder",
        ],
        solutions: &[
            "Condensafvoer doorgespoten",
            "Condenspomp vervangen",
            "Afvoer opnieuw aangelegd met afschot",
        ],
    },
    Cause {
        name: "geluidsoverlast buitenunit",
        variants: &[
            ("Geluidsoverlast buitenunit", 90),
            ("geluidsoverlast buiten unit", 60),
            ("geluidoverlast buitenunit", 60),
            ("buitenunit geluidsoverlast", 50),
            ("geluidsoverlast buitenunit (buren)", 50),
        ],
        synonym: None,
        technical: true,
        season: Season::Summer,
        weight: 7,
        departments: &[PROJECT, SERVICE],
        heating: false,
        subjects: &[],
        problems: &[
            "maakt veel lawaai, buren klagen",
            "bromt 's nachts, buren klagen over het geluid",
            "buitenunit trilt en resoneert op de gevel",
            "ventilator buitenunit maakt schurend geluid",
        ],
        solutions: &[
            "Trillingsdempers geplaatst",
            "Buitenunit verplaatst naar de achtergevel",
            "Geluidsscherm geplaatst",
            "Nachtstand ingesteld en ventilator vervangen",
        ],
    },
    Cause {
        name: "thermostaatinstelling",
        variants: &[
            ("Thermostaatinstelling", 90),
            ("thermostaat instelling", 80),
            ("instelling thermostaat", 50),
            ("thermostaatinsteling", 50),
            ("thermostaatinstelling (stooklijn)", 40),
        ],
        synonym: None,
        technical: true,
        season: Season::Winter,
        weight: 8,
        departments: &[SERVICE],
        heating: true,
        subjects: &[],
        problems: &[
            "wordt niet warm genoeg",
            "slaat steeds af, thermostaat verkeerd ingesteld",
            "houdt de ingestelde temperatuur niet vast",
            "draait continu op vol vermogen",
        ],
        solutions: &[
            "Thermostaat opnieuw ingesteld, klant uitleg gegeven",
            "Stooklijn aangepast",
            "Thermostaat vervangen en ingeregeld",
        ],
    },
    Cause {
        name: "installatiefout",
        variants: &[
            ("Installatiefout", 90),
            ("installatie fout", 70),
            ("instalatiefout", 60),
            ("fout installatie", 40),
            ("installatiefout (montage)", 40),
        ],
        synonym: None,
        technical: true,
        season: Season::AllYear,
        weight: 10,
        departments: &[PROJECT],
        heating: false,
        subjects: &[],
        problems: &[
            "niet volgens afspraak geïnstalleerd",
            "leidingen slordig weggewerkt",
            "verkeerd aangesloten, groep slaat af",
            "scheef gemonteerd en niet waterpas",
        ],
        solutions: &[
            "Installatie aangepast volgens voorschrift",
            "Bekabeling gecorrigeerd",
            "Leidingwerk opnieuw gemonteerd",
            "Werk opnieuw uitgevoerd op eigen kosten",
        ],
    },
    Cause {
        name: "storing niet verholpen",
        variants: &[
            ("Storing niet verholpen", 100),
            ("storing niet verholpen (2e bezoek)", 80),
            ("storing, niet verholpen", 50),
            ("storing niet verhopen", 40),
            ("STORING NIET VERHOLPEN", 30),
        ],
        synonym: None,
        technical: true,
        season: Season::Winter,
        weight: 11,
        departments: &[SERVICE, SERVICE, KOEL],
        heating: false,
        subjects: &[],
        problems: &[
            "nog steeds in storing na bezoek monteur",
            "heeft dezelfde storing als vorige week",
            "storing niet opgelost na twee bezoeken",
            "valt opnieuw uit, eerdere reparatie hielp niet",
        ],
        solutions: &[
            "Tweede monteur gestuurd, storing verholpen",
            "Printplaat vervangen",
            "Fabrikant ingeschakeld, sensor vervangen",
            "Software-update uitgevoerd",
        ],
    },
    Cause {
        name: "verkeerd gedimensioneerd",
        variants: &[
            ("Verkeerd gedimensioneerd", 100),
            ("verkeerd gedimentioneerd", 80),
            ("verkeerd gedimensioneerd (te klein)", 70),
            ("verkeerd gedimensioneerd.", 50),
        ],
        synonym: None,
        technical: true,
        season: Season::Summer,
        weight: 5,
        departments: &[PROJECT],
        heating: false,
        subjects: &[],
        problems: &[
            "koelt de ruimte niet voldoende",
            "is te klein voor de ruimte",
            "haalt de gewenste temperatuur niet bij warm weer",
        ],
        solutions: &[
            "Extra binnenunit geplaatst",
            "Unit vervangen door zwaarder type",
            "Warmtelastberekening herzien, aanpassing geoffreerd",
        ],
    },
    Cause {
        name: "foutieve factuur",
        variants: &[
            ("Foutieve factuur", 100),
            ("foutieve factuur (creditnota)", 60),
            ("foutive factuur", 50),
            ("foutieve factuur (btw)", 40),
            ("FOUTIEVE FACTUUR", 30),
        ],
        synonym: None,
        technical: false,
        season: Season::AllYear,
        weight: 9,
        departments: &[ADMIN],
        heating: false,
        subjects: &[
            "Factuur",
            "Onderhoudsfactuur",
            "Eindfactuur",
            "Servicefactuur",
        ],
        problems: &[
            "klopt niet, uren dubbel berekend",
            "bevat het verkeerde btw-tarief",
            "ontvangen terwijl het contract al is opgezegd",
            "rekent materiaal dat niet is gebruikt",
            "rekent voorrijkosten die waren kwijtgescholden",
        ],
        solutions: &[
            "Creditnota verstuurd",
            "Factuur gecorrigeerd en opnieuw verstuurd",
            "Uitleg gegeven, factuur blijft staan",
        ],
    },
    Cause {
        name: "gedrag personeel",
        variants: &[
            ("Gedrag personeel", 100),
            ("gedrag personeel (monteur)", 80),
            ("gedrag personneel", 60),
            ("gedrag personeel.", 40),
            ("Gedrag Personeel", 30),
        ],
        synonym: None,
        technical: false,
        season: Season::AllYear,
        weight: 4,
        departments: &[SERVICE, PROJECT],
        heating: false,
        subjects: &["Monteur", "Medewerker", "Leerling-monteur"],
        problems: &[
            "was onvriendelijk tegen de klant",
            "liet rommel en verpakking achter",
            "rookte in de woning",
            "parkeerde de bus voor de inrit van de buren",
        ],
        solutions: &[
            "Gesprek met medewerker gevoerd, excuses aangeboden",
            "Excuses aangeboden, bos bloemen gestuurd",
            "Toolbox over klantcontact gehouden",
        ],
    },
    Cause {
        name: "afspraak niet nagekomen",
        variants: &[
            ("Afspraak niet nagekomen", 100),
            ("afspraak niet na gekomen", 70),
            ("afspraak niet nagekomen (monteur)", 50),
            ("afspaak niet nagekomen", 40),
        ],
        synonym: Some(("monteur niet gekomen", 40)),
        technical: false,
        season: Season::AllYear,
        weight: 8,
        departments: &[SERVICE],
        heating: false,
        subjects: &["Monteur", "Servicemonteur", "Onderhoudsmonteur"],
        problems: &[
            "is niet verschenen op de afgesproken tijd",
            "kwam drie uur te laat zonder bericht",
            "heeft de afspraak twee keer verzet zonder bericht",
            "zegde af terwijl de klant vrij had genomen",
        ],
        solutions: &[
            "Nieuwe afspraak gemaakt, voorrijkosten vervallen",
            "Planning aangepast, excuses aangeboden",
        ],
    },
    Cause {
        name: "te late levering",
        variants: &[
            ("Te late levering", 100),
            ("te late levering (leverancier)", 60),
            ("té late levering", 50),
            ("te late levring", 40),
            ("Te late levering.", 40),
        ],
        synonym: None,
        technical: false,
        season: Season::Summer,
        weight: 4,
        departments: &[PROJECT],
        heating: false,
        subjects: &[
            "Levering airco",
            "Levering warmtepomp",
            "Oplevering project",
            "Levering koelcel",
        ],
        problems: &[
            "drie weken later dan toegezegd",
            "steeds uitgesteld zonder reden",
            "later dan de datum in de opdrachtbevestiging",
        ],
        solutions: &[
            "Leverancier aangesproken, tijdelijke unit geplaatst",
            "Nieuwe leverdatum bevestigd, korting gegeven",
        ],
    },
    Cause {
        name: "slechte communicatie",
        variants: &[
            ("Slechte communicatie", 100),
            ("slechte comunicatie", 70),
            ("slechte communicatie (terugbellen)", 60),
            ("slechte communicatie.", 40),
            ("SLECHTE COMMUNICATIE", 30),
        ],
        synonym: None,
        technical: false,
        season: Season::AllYear,
        weight: 5,
        departments: &[SERVICE, ADMIN, PROJECT],
        heating: false,
        subjects: &["Klant", "Opdrachtgever", "Beheerder"],
        problems: &[
            "is niet teruggebeld na de melding",
            "kreeg geen reactie op drie e-mails",
            "heeft de toegezegde offerte nooit ontvangen",
            "wist niet wanneer de monteur zou komen",
        ],
        solutions: &[
            "Klant teruggebeld, vast aanspreekpunt toegewezen",
            "Terugbelprocedure aangescherpt",
        ],
    },
];

/// The installations a complaint of `cause` can be about, at a business or at home.
pub(crate) fn equipment(cause: &Cause, business: bool) -> &'static [&'static str] {
    match (business, cause.heating) {
        (true, false) => &BUSINESS_EQUIPMENT,
        (true, true) => &BUSINESS_HEATING,
        (false, false) => &CONSUMER_EQUIPMENT,
        (false, true) => &CONSUMER_HEATING,
    }
}

/// Installations at home.
const CONSUMER_EQUIPMENT: [&str; 7] = [
    "Airco woonkamer",
    "Airco slaapkamer",
    "Split-unit zolder",
    "Warmtepomp",
    "Lucht-waterwarmtepomp",
    "Multi-split airco",
    "Hybride warmtepomp",
];

/// Installations at businesses.
const BUSINESS_EQUIPMENT: [&str; 8] = [
    "Koelcel",
    "Vriescel",
    "Koelvitrine",
    "VRF-systeem kantoor",
    "Klimaatkast serverruimte",
    "Airco vergaderzaal",
    "Koelinstallatie keuken",
    "Warmtepomp kantoorpand",
];

/// Installations that heat, at home and at businesses.
const CONSUMER_HEATING: [&str; 4] = [
    "Warmtepomp",
    "Lucht-waterwarmtepomp",
    "Hybride warmtepomp",
    "Airco woonkamer",
];
const BUSINESS_HEATING: [&str; 3] = [
    "Warmtepomp kantoorpand",
    "VRF-systeem kantoor",
    "Airco vergaderzaal",
];

/// Context after a technical problem.
pub(crate) const TECH_SUFFIXES: [&str; 9] = [
    "",
    "",
    "",
    "",
    " na onderhoud",
    " na oplevering",
    " sinds de installatie",
    " ondanks eerdere melding",
    " voor de tweede keer deze maand",
];

/// What the urgency category adds to the description, per category 1–8.
pub(crate) const URGENCY_TAILS: [&[&str]; 8] = [
    &[
        ", klant heeft geschil bij de Geschillencommissie ingediend",
        ", advocaat van klant stelt ons aansprakelijk",
        ", klacht voorgelegd aan NVKL geschillenbemiddeling",
    ],
    &[
        ", aangetekende brief met eis tot herstel binnen 14 dagen",
        ", klant dreigt met juridische stappen",
        ", ingebrekestelling ontvangen",
    ],
    &[
        ", klant houdt betaling van de factuur in",
        ", laatste termijn wordt niet betaald tot het is opgelost",
    ],
    &[
        ", klant is zeer ontevreden",
        ", klant belde boos op",
        ", boze mail van klant",
    ],
    &[
        ", valt onder garantie",
        ", klant doet beroep op garantie",
        " binnen de garantietermijn",
    ],
    &[
        "",
        ", eerdere reparatie heeft niet geholpen",
        ", storing keert terug",
    ],
    &[""],
    &[
        ", wil bij een volgende opdracht vooraf een planning",
        ", wil voortaan vooraf een prijsopgave",
    ],
];

/// Solutions when a technical complaint was not justified.
pub(crate) const NOT_JUSTIFIED_TECH: [&str; 3] = [
    "Uitleg gegeven, geen actie nodig",
    "Klacht ongegrond, klant schriftelijk geïnformeerd",
    "Bedieningsfout, klant uitleg gegeven",
];

/// Solutions when a non-technical complaint was not justified.
pub(crate) const NOT_JUSTIFIED_NON_TECH: [&str; 3] = [
    "Uitleg gegeven, geen actie nodig",
    "Klacht ongegrond, klant schriftelijk geïnformeerd",
    "Afspraken nagelopen, klacht niet terecht",
];

/// Occasional remarks.
pub(crate) const NOTES: [&str; 6] = [
    "Klant teruggebeld",
    "Foto's ontvangen per mail",
    "Monteur ingepland",
    "Onderdeel besteld bij leverancier",
    "Contactpersoon ter plaatse: de beheerder",
    "Klant tevreden na afhandeling",
];

pub(crate) const FIRST_NAMES: [&str; 24] = [
    "Jan",
    "Piet",
    "Kees",
    "Annemarie",
    "Noël",
    "Zoë",
    "Chloë",
    "Sophie",
    "Mehmet",
    "Fatima",
    "André",
    "Ingrid",
    "Eric",
    "Linda",
    "Wim",
    "Ria",
    "Désirée",
    "Thijs",
    "Femke",
    "Ruud",
    "Sanne",
    "Hüseyin",
    "Joëlle",
    "Gert-Jan",
];

pub(crate) const SURNAMES: [&str; 48] = [
    "de Vries",
    "van Dijk",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "van Leeuwen",
    "Dekker",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Jong",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "Prins",
    "Blom",
    "Huisman",
    "Kuiper",
    "van Wijk",
    "Post",
    "Kramer",
    "Postma",
    "Brinkman",
    "Haverkamp",
];

pub(crate) const INITIALS: &[u8; 20] = b"ABCDEFGHIJKLMNPRSTVW";

pub(crate) const BUSINESS_KINDS: [&str; 20] = [
    "Bakkerij",
    "Slagerij",
    "Café",
    "Restaurant",
    "Hotel",
    "Tandartspraktijk",
    "Fysiotherapie",
    "Autobedrijf",
    "Bloemenhuis",
    "Supermarkt",
    "Kantoor",
    "Zorgcentrum",
    "Sportschool",
    "Kapsalon",
    "Brasserie",
    "IJssalon",
    "Vishandel",
    "Drukkerij",
    "Apotheek",
    "Hoveniersbedrijf",
];

pub(crate) const BUSINESS_NAMES: [&str; 16] = [
    "De Zwaan",
    "Het Anker",
    "De Eik",
    "De Veluwe",
    "'t Hooiland",
    "De Linde",
    "Het Baken",
    "De Gouden Leeuw",
    "De Kroon",
    "Het Wapen",
    "De Poort",
    "Zonneweide",
    "De Molen",
    "Het Loo",
    "De Brink",
    "Crème de la Crème",
];

pub(crate) const LEGAL_FORMS: [&str; 5] = ["", "", " B.V.", " V.O.F.", ""];

/// Towns around Apeldoorn, weighted towards the home town.
pub(crate) const PLACES: [(&str, u32); 14] = [
    ("Apeldoorn", 40),
    ("Deventer", 10),
    ("Zutphen", 6),
    ("Epe", 5),
    ("Ugchelen", 4),
    ("Beekbergen", 4),
    ("Twello", 5),
    ("Voorst", 3),
    ("Loenen", 2),
    ("Vaassen", 4),
    ("Hoenderloo", 2),
    ("Harderwijk", 4),
    ("Ede", 4),
    ("Arnhem", 7),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_used_by_index_is_filled() {
        for c in &CAUSES {
            assert!(
                !c.problems.is_empty() && !c.solutions.is_empty() && !c.departments.is_empty(),
                "{}",
                c.name
            );
            assert_eq!(c.technical, c.subjects.is_empty(), "{}", c.name);
            for d in c.departments {
                assert!(usize::from(*d) < DEPARTMENTS.len());
            }
        }
        assert!(URGENCY_TAILS.iter().all(|t| !t.is_empty()));
        for c in CAUSES.iter().filter(|c| c.technical) {
            assert!(!equipment(c, true).is_empty() && !equipment(c, false).is_empty());
        }
        let heating = CAUSES.iter().find(|c| c.heating).unwrap();
        assert!(!equipment(heating, true).contains(&"Koelcel"));
        for d in 0..4 {
            assert!(handlers_of(d)
                .iter()
                .all(|&h| usize::from(h) < STAFF.len() && h > KAM));
        }
        assert_eq!(
            CAUSES[usize::from(NOT_FIXED)].name,
            "storing niet verholpen"
        );
        assert_eq!(CAUSES[usize::from(WRONG_INVOICE)].name, "foutieve factuur");
        assert_eq!(
            CAUSES[usize::from(MISSED_APPOINTMENT)].name,
            "afspraak niet nagekomen"
        );
    }

    #[test]
    fn seasons_favour_their_months() {
        assert!(Season::Summer.factor(7) > Season::Summer.factor(1));
        assert!(Season::Winter.factor(1) > Season::Winter.factor(7));
        assert_eq!(Season::AllYear.factor(4), Season::AllYear.factor(10));
    }

    /// Every spelling of a cause with its index, the name first.
    fn spellings(c: &Cause) -> Vec<(u8, &'static str)> {
        let n = 1 + c.variants.len() + usize::from(c.synonym.is_some());
        (0..n as u8).map(|i| (i, c.spelling(i))).collect()
    }

    #[test]
    fn each_spelling_is_picked_as_often_as_its_weight_and_the_name_most() {
        for c in &CAUSES {
            let mut picked = vec![0u32; spellings(c).len()];
            for r in 0..1000 {
                picked[usize::from(c.pick_spelling(r))] += 1;
            }
            let weights: Vec<u32> = c.variants.iter().chain(&c.synonym).map(|v| v.1).collect();
            assert_eq!(picked[1..], weights[..], "{}", c.name);
            assert_eq!(picked[0], 1000 - weights.iter().sum::<u32>(), "{}", c.name);
            assert!((600..=750).contains(&picked[0]), "{}: {picked:?}", c.name);
            assert!(c.synonym.is_none_or(|s| s.1 <= 50), "{}: rare", c.name);
            assert!(
                !c.is_synonym(0)
                    && c.synonym
                        .is_none_or(|_| c.is_synonym(picked.len() as u8 - 1))
            );
        }
        let synonyms = CAUSES.iter().filter(|c| c.synonym.is_some()).count();
        assert!((2..=3).contains(&synonyms), "{synonyms}");
    }

    #[test]
    fn spellings_fold_onto_their_cause_and_synonyms_onto_none() {
        // Each cause's name written often (so it names its group), then every other spelling
        // once: one group per cause, named by it, and one per synonym, alone.
        let mut texts = Vec::new();
        for c in &CAUSES {
            texts.extend(std::iter::repeat_n(c.name, 3));
            texts.extend(spellings(c).into_iter().skip(1).map(|s| s.1));
        }
        let groups = crate::register::causes::group_causes(texts.iter().copied());
        let want = CAUSES.len() + CAUSES.iter().filter(|c| c.synonym.is_some()).count();
        assert_eq!(groups.groups.len(), want, "{:#?}", groups.groups);
        for c in &CAUSES {
            for (i, text) in spellings(c) {
                let g = groups.group_of(text).unwrap();
                if c.is_synonym(i) {
                    assert_eq!(g.spellings.len(), 1, "{text}");
                } else {
                    assert_eq!(g.name(), c.name, "{text}");
                }
            }
            assert_eq!(
                groups.group_of(c.name).unwrap().spellings.len(),
                1 + c.variants.len(),
                "{}",
                c.name
            );
        }
    }

    #[test]
    fn texts_avoid_csv_specials() {
        let spelt: Vec<&str> = CAUSES
            .iter()
            .flat_map(|c| spellings(c))
            .map(|s| s.1)
            .collect();
        let all = CAUSES
            .iter()
            .flat_map(|c| c.problems.iter().chain(c.solutions).chain(c.subjects))
            .chain(&spelt)
            .chain(URGENCY_TAILS.iter().flat_map(|t| t.iter()))
            .chain(
                NOTES
                    .iter()
                    .chain(&NOT_JUSTIFIED_TECH)
                    .chain(&NOT_JUSTIFIED_NON_TECH)
                    .chain(&FIRST_NAMES)
                    .chain(&SURNAMES),
            );
        for t in all {
            assert!(!t.contains([';', '"', '\n', '\r']), "{t}");
        }
    }
}
