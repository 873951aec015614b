//! What `klacht uitleg CODE` says about each rule, beside the rule's message texts: what the
//! *Model Klachtenbehandeling* asks at its step, what the rule checks, why it matters for the
//! review or the audit, and how to put it right in the register. An exhaustive `match`, so a
//! rule without an explanation does not compile.
//!
//! Blanks: a field's key (`{ack_date}`) takes the column's header in the output language, and
//! a setting's key (`{targets.acknowledge}`) the value in force with the setting named; a test
//! holds every blank to one of the two.

use super::Rule;
use crate::Lang;

/// A text in Dutch and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Both {
    pub nl: &'static str,
    pub en: &'static str,
}

impl Both {
    /// The text in `lang`.
    pub fn pick(self, lang: Lang) -> &'static str {
        lang.pick(self.nl, self.en)
    }
}

/// `Both { nl, en }`, short: a literal (not a function call), so that `&Explanation { … }`
/// is promoted to a `'static` reference.
macro_rules! both {
    ($nl:expr, $en:expr $(,)?) => {
        Both { nl: $nl, en: $en }
    };
}

/// A setting of `klacht.toml` a rule uses; its value in force is shown with the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Setting {
    /// `[columns]`: the company's own headers.
    Columns,
    /// `[values.…]`: the company's own words for fields with fixed values.
    Values,
    /// `date_order`: day or month first where a date column leaves it open.
    DateOrder,
    /// `targets.acknowledge`: working days to acknowledge receipt.
    Acknowledge,
    /// `targets.close`: working days to close, per urgency.
    Close,
    /// `targets.unclassified`: working days to close a complaint without urgency.
    Unclassified,
    /// `targets.stale`: working days without update after which an open complaint is stale.
    Stale,
    /// `targets.dispute_months`: months open before the dispute-window signal.
    DisputeMonths,
    /// `targets.repeat_days`: days back in which an earlier complaint makes a repeat.
    RepeatDays,
    /// `calendar.profile`: the holidays that are no working days.
    CalendarProfile,
    /// `calendar.closures`: the company's own closure days.
    Closures,
}

impl Setting {
    /// Every setting.
    pub const ALL: [Setting; 11] = [
        Setting::Columns,
        Setting::Values,
        Setting::DateOrder,
        Setting::Acknowledge,
        Setting::Close,
        Setting::Unclassified,
        Setting::Stale,
        Setting::DisputeMonths,
        Setting::RepeatDays,
        Setting::CalendarProfile,
        Setting::Closures,
    ];

    /// The key as written in `klacht.toml` (a table in brackets), and the blank's name in
    /// the explanations.
    pub fn key(self) -> &'static str {
        match self {
            Setting::Columns => "[columns]",
            Setting::Values => "[values]",
            Setting::DateOrder => "date_order",
            Setting::Acknowledge => "targets.acknowledge",
            Setting::Close => "targets.close",
            Setting::Unclassified => "targets.unclassified",
            Setting::Stale => "targets.stale",
            Setting::DisputeMonths => "targets.dispute_months",
            Setting::RepeatDays => "targets.repeat_days",
            Setting::CalendarProfile => "calendar.profile",
            Setting::Closures => "calendar.closures",
        }
    }
}

/// What `klacht uitleg` says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// One sentence, the explanation's first: the workbook's *Bevindingen* list and the
    /// annotated copy's notes carry it.
    pub summary: Both,
    /// What the procedure asks at the rule's step, quoted or paraphrased.
    pub procedure: Both,
    /// What the rule checks exactly, with the settings in force.
    pub checks: Both,
    /// Why it matters for the management review or the audit.
    pub why: Both,
    /// How to put it right in the register: which column, what to write.
    pub fix: Both,
    /// The settings the rule uses (besides its severity).
    pub settings: &'static [Setting],
}

/// The procedure's sentence on acknowledgement (two rules quote it).
const ACKNOWLEDGE: Both = both!(
    "«Direct na (eerste) ontvangst van een klacht de klagende partij melden dat de klacht is ontvangen met melding van contactpersoon. Een modelbrief is beschikbaar.»",
    "“Directly after (first) receipt of a complaint, tell the complaining party that the complaint has been received, naming the contact person. A model letter is available.”",
);

/// The procedure's sentence on registration (the registration rules quote it).
const REGISTER: Both = both!(
    "«Klachten worden d.m.v. het Klachtenregistratieformulier ingeschreven in de map klachten. Daarin wordt de datum van ontvangst, een korte omschrijving van een klacht en de medewerker geregistreerd, die de klacht in behandeling zal gaan nemen. Tevens wordt de klacht geregistreerd in het klachtenregister.»",
    "“Complaints are entered on the complaint registration form in the complaints folder. It records the date of receipt, a short description of the complaint and the employee who will take the complaint in hand. The complaint is also entered in the complaint register.”",
);

/// The procedure's sentence on following the status (the follow-up rules quote it).
const FOLLOW: Both = both!(
    "«De klacht wordt doorgegeven ter behandeling aan de betreffende afdeling, dan wel medewerker. De directeur dan wel de voor klachtenbehandeling verantwoordelijke medewerker volgt periodiek de status van de afhandeling van de klachten, om daarmee te waarborgen dat de klanten effectief en betrouwbaar worden afgehandeld.»",
    "“The complaint is passed on for handling to the department or employee concerned. The director or the employee responsible for complaint handling periodically follows the status of the complaints' handling, to ensure that customers are dealt with effectively and reliably.”",
);

/// The procedure's sentence on the action step (the action rules quote it).
const ACTION: Both = both!(
    "«De verantwoordelijke stelt de oorzaak van de klacht vast om daarmee tot de (mogelijke) oplossing van het probleem te komen. Zo nodig wordt de klant uitgenodigd om het probleem te bespreken en op te lossen.»",
    "“The person responsible establishes the cause of the complaint, so as to reach the (possible) solution of the problem. Where needed the customer is invited to discuss and solve the problem.”",
);

/// For the rules about the data rather than one step.
const DATA: Both = both!(
    "Geen eigen stap: de procedure vraagt dat elke klacht «ook in het klachtenregister» wordt geregistreerd, en wat daar staat moet te lezen en te vertrouwen zijn om er de stand van zaken uit te halen.",
    "No step of its own: the procedure asks that every complaint is “also entered in the complaint register”, and what is there must be readable and trustworthy to tell how things stand.",
);

impl Rule {
    /// What `klacht uitleg` says about this rule.
    pub fn explanation(self) -> &'static Explanation {
        match self {
            Rule::MissingColumn => &Explanation {
                summary: both!(
                    "Een kolom die elke klacht nodig heeft (datum van ontvangst, omschrijving of behandelaar) is in dit bestand niet gevonden, dus is geen enkele klacht erin volledig geregistreerd.",
                    "A column every complaint needs (date received, description or handler) was not found in this file, so no complaint in it is fully registered.",
                ),
                procedure: REGISTER,
                checks: both!(
                    "klacht zoekt in de kopregel van elk blad een kolom voor {received_date}, {description} en {handler}, ook onder andere namen (Ontvangstdatum, Klachtomschrijving, Behandeld door …) en zonder op hoofdletters, accenten of leestekens te letten. Ontbreekt er een, dan is dat één fout voor het bestand, niet een per rij; zonder kolom voor de datum van ontvangst worden alle rijen van het bestand uitgesloten. Eigen koppen: {[columns]}.",
                    "klacht looks in the header row of every sheet for a column for {received_date}, {description} and {handler}, also under other names (Received, Complaint, Handled by …) and regardless of case, accents or punctuation. A missing one is one error for the file, not one per row; without a column for the date received every row of the file is excluded. Own headers: {[columns]}.",
                ),
                why: both!(
                    "Zonder die kolom kan geen klacht in de tijd geplaatst of aan een medewerker toegewezen worden: de cijfers van het rapport missen het bestand of het gegeven, en een auditor ziet een register dat de registratiestap niet volgt.",
                    "Without that column no complaint can be placed in time or assigned to an employee: the report's figures miss the file or the field, and an auditor sees a register that does not follow the registration step.",
                ),
                fix: both!(
                    "Voeg de kolom toe met een kop die klacht kent (in het sjabloon: {received_date}, {description}, {handler}), of koppel uw eigen kop in klacht.toml, bijvoorbeeld [columns] received_date = \"Binnengekomen\". klacht check REGISTER --suggest-mapping schrijft een voorstel.",
                    "Add the column with a header klacht knows (in the template: {received_date}, {description}, {handler}), or map your own header in klacht.toml, for example [columns] received_date = \"Came in\". klacht check REGISTER --suggest-mapping writes a suggestion.",
                ),
                settings: &[Setting::Columns],
            },
            Rule::UnmappedColumn => &Explanation {
                summary: both!(
                    "Een kolom van het register is niet herkend: klacht bewaart hem op het blad Register, maar gebruikt hem voor geen enkel cijfer.",
                    "A column of the register was not recognised: klacht keeps it on the Register sheet but uses it for no figure.",
                ),
                procedure: DATA,
                checks: both!(
                    "Elke kop die klacht aan geen veld kan koppelen, ook niet via de bekende andere namen of via {[columns]}, geeft één melding voor die kolom.",
                    "Every header klacht cannot link to a field, neither by the known other names nor by {[columns]}, gives one finding for that column.",
                ),
                why: both!(
                    "Vaak is het een kolom die wel meetelt maar een ongebruikelijke kop heeft, zoals «Binnengekomen» voor de datum van ontvangst: dan ontbreken gegevens in de cijfers zonder dat het opvalt.",
                    "Often it is a column that does count but has an unusual header, such as “Came in” for the date received: then data is missing from the figures without anyone noticing.",
                ),
                fix: both!(
                    "Hoort de kolom bij een veld van klacht, koppel hem dan in klacht.toml: [columns] veld = \"Kop zoals in uw register\" (klacht config --print noemt alle velden). Is het een eigen kolom (zoals Plaats), laat de melding dan staan of zet hem uit met [severity] unmapped-column = \"off\".",
                    "If the column belongs to a field of klacht, map it in klacht.toml: [columns] field = \"Header as in your register\" (klacht config --print names every field). If it is a column of your own (such as Town), leave the finding or switch it off with [severity] unmapped-column = \"off\".",
                ),
                settings: &[Setting::Columns],
            },
            Rule::UnreadableValue => &Explanation {
                summary: both!(
                    "Een cel is niet te lezen als het soort gegeven van haar kolom (een datum, urgentie, kanaal …), dus telt de klacht niet mee in de cijfers die dat gegeven nodig hebben.",
                    "A cell cannot be read as its column's kind of value (a date, urgency, channel …), so the complaint is left out of the figures that need that value.",
                ),
                procedure: DATA,
                checks: both!(
                    "Datums worden gelezen als Excel-datum of als tekst (03-03-2026, 3-3-26, 3 maart 2026, 2026-03-03); 31-02-2026 bestaat niet. De volgorde van dag en maand bepaalt klacht per kolom uit de waarden; waar die open blijft: {date_order}. Urgentie is 1 tot en met 8, ook als «cat. 3» of met het label; kanaal, aard, status, wijze van afhandeling, soort klant en gegrond kennen vaste woorden, aangevuld met {[values]}. Ook een waarde in een cel zonder kop (een rij die een tab verschoof) valt hieronder.",
                    "Dates are read as Excel dates or as text (03-03-2026, 3-3-26, 3 maart 2026, 2026-03-03); 31-02-2026 does not exist. klacht settles the order of day and month per column from its values; where that stays open: {date_order}. Urgency is 1 to 8, also as “cat. 3” or with its label; channel, nature, status, handling mode, customer type and justified take fixed words, plus {[values]}. A value in a cell without a header (a row shifted by a tab) counts too.",
                ),
                why: both!(
                    "Een klacht met een onleesbare waarde valt weg uit elk cijfer dat die waarde nodig heeft en wordt apart geteld; een onleesbare urgentie is niet «ongeclassificeerd», en een onleesbare afhandeldatum maakt de klacht open noch afgehandeld. Het rapport is pas volledig als deze cellen hersteld zijn.",
                    "A complaint with an unreadable value is left out of every figure that needs it and counted apart; an unreadable urgency is not “unclassified”, and an unreadable closed date makes the complaint neither open nor closed. The report is complete only once these cells are repaired.",
                ),
                fix: both!(
                    "Ga naar de cel die de melding noemt en schrijf de waarde zoals klacht hem leest: een bestaande datum (dd-mm-jjjj), een urgentie 1–8, of een woord uit de keuzelijst van het sjabloon (klacht template). Gebruikt uw register eigen woorden, vertaal ze dan in klacht.toml, bijvoorbeeld [values.channel] \"per post\" = \"letter\"; de melding noemt de toegestane waarden.",
                    "Go to the cell the finding names and write the value as klacht reads it: a date that exists (dd-mm-yyyy), an urgency 1–8, or a word from the template's drop-down (klacht template). If your register uses its own words, map them in klacht.toml, for example [values.channel] \"Postal mail\" = \"letter\"; the finding names the values allowed.",
                ),
                settings: &[Setting::DateOrder, Setting::Values],
            },
            Rule::MissingReceivedDate => &Explanation {
                summary: both!(
                    "De datum van ontvangst ontbreekt, dus kan de klacht niet in de tijd geplaatst worden en telt hij in geen enkel cijfer mee.",
                    "The date received is missing, so the complaint cannot be placed in time and counts in no figure.",
                ),
                procedure: REGISTER,
                checks: both!(
                    "Een rij zonder leesbare datum in {received_date} wordt geen klacht: hij wordt uitgesloten en geteld bij «uitgesloten» in de rijtelling. Totaal- en notitieregels zonder datum krijgen geen melding: dat zijn geen klachten.",
                    "A row without a readable date in {received_date} does not become a complaint: it is excluded and counted as “excluded” in the row accounting. Totals and note rows without a date get no finding: they are not complaints.",
                ),
                why: both!(
                    "Alle termijnen tellen vanaf deze datum: ontvangstbevestiging, afhandeling, achterstand. Voor een consument heeft hij ook juridisch gewicht: de Geschillencommissie neemt een geschil alleen aan binnen 12 maanden na de klacht bij het bedrijf.",
                    "Every term counts from this date: acknowledgement, closure, overdue. For a consumer it also carries legal weight: the disputes committee takes a dispute only within 12 months of the complaint to the company.",
                ),
                fix: both!(
                    "Vul in {received_date} de datum in waarop de klacht binnenkwam (dd-mm-jjjj), bijvoorbeeld uit de e-mail, de brief of de telefoonnotitie.",
                    "Fill in {received_date} with the date the complaint came in (dd-mm-yyyy), for example from the e-mail, the letter or the phone note.",
                ),
                settings: &[],
            },
            Rule::MissingDescription => &Explanation {
                summary: both!(
                    "De korte omschrijving van de klacht ontbreekt, dus is niet na te gaan waar de klacht over gaat.",
                    "The short description of the complaint is missing, so what it is about cannot be traced.",
                ),
                procedure: REGISTER,
                checks: both!(
                    "Een klacht met een lege cel in {description} (leeg, of alleen n.v.t., - of ?).",
                    "A complaint with an empty cell in {description} (blank, or only n.v.t., - or ?).",
                ),
                why: both!(
                    "Zonder omschrijving kan niemand de klacht later beoordelen of de oorzaak vaststellen, en kan een auditor niet nagaan of de afhandeling bij de klacht past. Ook een dubbele registratie is zonder omschrijving niet te herkennen.",
                    "Without a description nobody can assess the complaint later or establish its cause, and an auditor cannot check that the handling fits the complaint. A complaint registered twice cannot be recognised without it either.",
                ),
                fix: both!(
                    "Schrijf in {description} in één zin wat de klant meldt, bijvoorbeeld «Airco koelt niet, kantoor 2e verdieping».",
                    "Write in {description} in one sentence what the customer reports, for example “Air conditioning does not cool, office 2nd floor”.",
                ),
                settings: &[],
            },
            Rule::MissingHandler => &Explanation {
                summary: both!(
                    "Er staat geen behandelaar bij de klacht, dus is niet vastgelegd wie hem in behandeling neemt.",
                    "No handler is recorded, so it is not on record who takes the complaint in hand.",
                ),
                procedure: REGISTER,
                checks: both!(
                    "Een klacht met een lege cel in {handler}.",
                    "A complaint with an empty cell in {handler}.",
                ),
                why: both!(
                    "Een klacht zonder eigenaar blijft liggen; het overzicht van achterstallige klachten per behandelaar mist hem, en een auditor vraagt bij elke klacht wie verantwoordelijk was.",
                    "A complaint without an owner is left lying; the overview of overdue complaints per handler misses it, and an auditor asks of every complaint who was responsible.",
                ),
                fix: both!(
                    "Vul in {handler} de naam in van de medewerker die de klacht behandelt, steeds op dezelfde manier geschreven (voor- en achternaam).",
                    "Fill in {handler} with the name of the employee who handles the complaint, written the same way every time (first and last name).",
                ),
                settings: &[],
            },
            Rule::MissingId => &Explanation {
                summary: both!(
                    "De klacht heeft geen klachtnummer; klacht gebruikt een afgeleid nummer (bestand:rij) dat verschuift zodra er rijen bijkomen of verdwijnen.",
                    "The complaint has no complaint number; klacht uses a derived number (file:row) that shifts as soon as rows are added or removed.",
                ),
                procedure: REGISTER,
                checks: both!(
                    "Een klacht met een lege cel in {id}, of een bestand zonder kolom daarvoor: dan krijgt elke rij een melding met zijn afgeleide nummer.",
                    "A complaint with an empty cell in {id}, or a file without such a column: then every row gets a finding with its derived number.",
                ),
                why: both!(
                    "Met een vast nummer verwijzen het registratieformulier, de brief aan de klant, het rapport en het gesprek met de auditor naar dezelfde klacht; een afgeleid nummer wijst naar een andere klacht zodra de volgorde verandert.",
                    "With a fixed number the registration form, the letter to the customer, the report and the talk with the auditor point to the same complaint; a derived number points to another complaint as soon as the order changes.",
                ),
                fix: both!(
                    "Geef elke klacht een eigen nummer in {id}, bijvoorbeeld jaar en volgnummer (2026-014), en nummer verder waar de laatste klacht ophield.",
                    "Give every complaint its own number in {id}, for example year and sequence number (2026-014), and carry on from the last complaint's number.",
                ),
                settings: &[],
            },
            Rule::DuplicateId => &Explanation {
                summary: both!(
                    "Hetzelfde klachtnummer staat bij meer dan één klacht, dus verwijst het nummer niet naar één klacht.",
                    "The same complaint number is on more than one complaint, so the number does not point to one complaint.",
                ),
                procedure: REGISTER,
                checks: both!(
                    "Twee klachten in hetzelfde bestand en op hetzelfde blad met hetzelfde {id}; de melding noemt de cel van de eerdere. Registers in verschillende bestanden of op verschillende bladen (vestigingen) mogen elk bij 1 beginnen.",
                    "Two complaints in the same file and on the same sheet with the same {id}; the finding names the earlier one's cell. Registers in different files or on different sheets (branches) may each start at 1.",
                ),
                why: both!(
                    "Een auditor die om klacht 2026-014 vraagt, moet één klacht krijgen; ook de brief aan de klant en de herhaalklachten verwijzen naar het nummer.",
                    "An auditor who asks for complaint 2026-014 must get one complaint; the letter to the customer and the repeat complaints also refer to the number.",
                ),
                fix: both!(
                    "Zijn het twee verschillende klachten, geef de tweede dan een nieuw nummer in {id}. Is het twee keer dezelfde klacht, voeg de gegevens samen in één rij en verwijder de andere.",
                    "If they are two different complaints, give the second a new number in {id}. If it is the same complaint twice, merge the data into one row and delete the other.",
                ),
                settings: &[],
            },
            Rule::PossibleDuplicate => &Explanation {
                summary: both!(
                    "Deze klacht lijkt twee keer geregistreerd: zelfde klant, zelfde datum van ontvangst en bijna dezelfde omschrijving als een andere klacht.",
                    "This complaint looks registered twice: same customer, same date received and nearly the same description as another complaint.",
                ),
                procedure: REGISTER,
                checks: both!(
                    "Twee klachten van dezelfde klant ({customer_id}, anders de naam in {customer}) met dezelfde {received_date} en een {description} die voor minstens 80% dezelfde woorden heeft. De melding noemt het nummer van de eerdere.",
                    "Two complaints of the same customer ({customer_id}, else the name in {customer}) with the same {received_date} and a {description} sharing at least 80% of its words. The finding names the earlier one's number.",
                ),
                why: both!(
                    "Een klacht die per telefoon én per e-mail binnenkwam is één klacht; dubbel geregistreerd telt hij twee keer mee in ontvangen, open en achterstallig, en maakt hij van de klant een herhaalklager.",
                    "A complaint that came in by phone and by e-mail is one complaint; registered twice it counts twice in received, open and overdue, and makes the customer a repeat complainant.",
                ),
                fix: both!(
                    "Is het dezelfde klacht, neem de gegevens over in één rij en verwijder de andere. Zijn het echt twee klachten, maak de omschrijvingen dan duidelijk verschillend.",
                    "If it is the same complaint, merge the data into one row and delete the other. If they really are two complaints, make the descriptions clearly different.",
                ),
                settings: &[],
            },
            Rule::MissingChannel => &Explanation {
                summary: both!(
                    "Niet vastgelegd hoe de klacht binnenkwam: schriftelijk, per e-mail of mondeling.",
                    "Not recorded how the complaint came in: in writing, by e-mail or orally.",
                ),
                procedure: both!(
                    "«De ontvangst van een klacht kan zowel schriftelijk, per e-mail als mondeling plaatsvinden. Schriftelijke klachten worden als brief of als faxbericht in ontvangst genomen.»",
                    "“A complaint can be received in writing, by e-mail or orally. Written complaints are received as a letter or a fax.”",
                ),
                checks: both!(
                    "Een klacht met een lege cel in {channel}; heeft het bestand geen kolom daarvoor, dan is het één melding voor het hele bestand.",
                    "A complaint with an empty cell in {channel}; a file without such a column gets one finding for the whole file.",
                ),
                why: both!(
                    "Het kanaal laat zien waar klachten binnenkomen (blad Kanaal en aard) en of mondelinge klachten even goed worden vastgelegd als schriftelijke; een aangetekende brief vraagt een andere aanpak dan een telefoontje.",
                    "The channel shows where complaints come in (sheet Channel and nature) and whether oral complaints are recorded as well as written ones; a registered letter asks for another approach than a phone call.",
                ),
                fix: both!(
                    "Vul in {channel} in hoe de klacht kwam: brief, fax, e-mail, telefoon, mondeling (balie, monteur), website/formulier of anders.",
                    "Fill in {channel} with how the complaint came: letter, fax, e-mail, phone, in person (counter, mechanic), web/form or other.",
                ),
                settings: &[],
            },
            Rule::MissingUrgency => &Explanation {
                summary: both!(
                    "De klacht heeft geen urgentiecategorie (1–8), dus telt hij als ongeclassificeerd en geldt de termijn voor ongeclassificeerde klachten.",
                    "The complaint has no urgency category (1–8), so it counts as unclassified and the term for unclassified complaints applies.",
                ),
                procedure: both!(
                    "«Bij de beoordeling van een klacht kan het helpen als er een urgentiecategorie wordt toegekend», van 1 (NVKL geschillenbemiddeling / SGB / rechtszaak, door de klant ingezet) tot 8 (de klant wil bij een volgende opdracht iets anders of beter).",
                    "“When assessing a complaint it can help to assign an urgency category”, from 1 (NVKL dispute mediation / arbitration board / lawsuit started by the customer) to 8 (the customer wants something different or better next time).",
                ),
                checks: both!(
                    "Een klacht met een lege cel in {urgency}; zonder kolom één melding voor het bestand. Een klacht zonder categorie moet af binnen {targets.unclassified}.",
                    "A complaint with an empty cell in {urgency}; without the column one finding for the file. A complaint without a category must be closed within {targets.unclassified}.",
                ),
                why: both!(
                    "De urgentie bepaalt de afhandeltermijn, dus wat achterstallig is, en welke klachten escaleren (1 en 2). Een rapport met veel ongeclassificeerde klachten zegt de directie weinig over de ernst.",
                    "The urgency sets the closing term, so what is overdue, and which complaints escalate (1 and 2). A report with many unclassified complaints tells management little about their weight.",
                ),
                fix: both!(
                    "Kies in {urgency} een categorie 1–8; in het sjabloon staat het label erbij, bijvoorbeeld «4 - brief/fax/e-mail/telefoontje met boze toonzetting».",
                    "Choose a category 1–8 in {urgency}; the template shows its label, for example “4 - letter/fax/e-mail/call in an angry tone”.",
                ),
                settings: &[Setting::Unclassified],
            },
            Rule::MissingAssessment => &Explanation {
                summary: both!(
                    "De beoordeling is niet volledig vastgelegd: wie de klacht beoordeelde of hoe hij wordt afgehandeld (gesprek of schriftelijk) ontbreekt.",
                    "The assessment is not fully recorded: who assessed the complaint or how it is handled (conversation or in writing) is missing.",
                ),
                procedure: both!(
                    "«In eerste instantie wordt de klacht beoordeeld door de directeur, dan wel een andere voor klachtenbehandeling verantwoordelijke medewerker, die bepaald of de klacht afgehandeld kan worden d.m.v. een persoonlijk gesprek met de klant of dat er een schriftelijke reactie verstuurd dient te worden.»",
                    "“The complaint is first assessed by the director or another employee responsible for complaint handling, who decides whether it can be handled in a personal conversation with the customer or whether a written response must be sent.”",
                ),
                checks: both!(
                    "Een klacht zonder {assessor} of zonder {handling_mode}; de melding noemt wat ontbreekt. Mist het bestand een van die kolommen, dan is het één melding voor het bestand.",
                    "A complaint without {assessor} or without {handling_mode}; the finding names what is missing. A file without one of those columns gets one finding for the file.",
                ),
                why: both!(
                    "Een auditor wil zien dat elke klacht door een verantwoordelijke is beoordeeld en dat de wijze van afhandeling bewust gekozen is, juist waar juridische gevolgen kunnen volgen.",
                    "An auditor wants to see that a responsible person assessed every complaint and chose the way of handling on purpose, especially where legal consequences may follow.",
                ),
                fix: both!(
                    "Vul in {assessor} de naam in van de directeur of verantwoordelijke die de klacht beoordeelde, en in {handling_mode} «gesprek» of «schriftelijk».",
                    "Fill in {assessor} with the director or responsible person who assessed the complaint, and {handling_mode} with “conversation” or “written”.",
                ),
                settings: &[],
            },
            Rule::LegalNeedsWritten => &Explanation {
                summary: both!(
                    "Een klacht van urgentie 1 of 2 (geschil, rechtszaak, aangetekende brief of dreigement) wordt met een gesprek afgehandeld, waar de procedure een schriftelijke reactie vraagt.",
                    "A complaint of urgency 1 or 2 (dispute, lawsuit, registered letter or threat) is handled by conversation, where the procedure asks for a written response.",
                ),
                procedure: both!(
                    "De beoordelaar kiest tussen een gesprek en een schriftelijke reactie; «Dit laatste is voornamelijk van toepassing wanneer mogelijke juridische consequenties het gevolg kunnen zijn.»",
                    "The assessor chooses between a conversation and a written response; “the latter applies mainly where legal consequences may follow.”",
                ),
                checks: both!(
                    "Een klacht met urgentie 1 of 2 in {urgency} en «gesprek» in {handling_mode}. (Een lege wijze van afhandeling is missing-assessment.)",
                    "A complaint with urgency 1 or 2 in {urgency} and “conversation” in {handling_mode}. (An empty handling mode is missing-assessment.)",
                ),
                why: both!(
                    "Bij een geschil of een aangetekende brief kan de afhandeling later als bewijs nodig zijn; alleen een schriftelijke reactie legt vast wat is toegezegd.",
                    "With a dispute or a registered letter the handling may later be needed as evidence; only a written response records what was promised.",
                ),
                fix: both!(
                    "Stuur de klant (ook) een schriftelijke reactie en zet {handling_mode} op «schriftelijk». Was de urgentie te hoog gekozen, verbeter dan {urgency}.",
                    "Send the customer a written response (as well) and set {handling_mode} to “written”. If the urgency was set too high, correct {urgency}.",
                ),
                settings: &[],
            },
            Rule::MissingNature => &Explanation {
                summary: both!(
                    "Niet vastgelegd of de klacht technisch of niet-technisch is.",
                    "Not recorded whether the complaint is technical or non-technical.",
                ),
                procedure: both!(
                    "«Klachten zijn zeker niet altijd van technische aard. Ook ingeval van niet-technische klachten (gedrag personeel, foutieve factuur, etc.) moet de klacht volgens de vaste procedure worden ingeschreven en behandeld.»",
                    "“Complaints are certainly not always technical. Non-technical complaints too (staff behaviour, wrong invoice, etc.) must be registered and handled by the set procedure.”",
                ),
                checks: both!(
                    "Een klacht met een lege cel in {nature}; zonder kolom één melding voor het bestand.",
                    "A complaint with an empty cell in {nature}; without the column one finding for the file.",
                ),
                why: both!(
                    "Het rapport zet technische en niet-technische oorzaken apart (Oorzaken, Trend): zo ziet de directie of klachten uit het werk zelf komen of uit gedrag, planning en administratie. Zonder aard valt de klacht buiten die vergelijking.",
                    "The report keeps technical and non-technical causes apart (Causes, Trend): so management sees whether complaints come from the work itself or from behaviour, planning and administration. Without a nature the complaint falls outside that comparison.",
                ),
                fix: both!(
                    "Vul in {nature} «technisch» of «niet-technisch» in (T of NT mag ook).",
                    "Fill in {nature} with “technical” or “non-technical” (T or NT will do).",
                ),
                settings: &[],
            },
            Rule::NatureConflict => &Explanation {
                summary: both!(
                    "Urgentie 7 betekent een klacht van niet-technische aard, maar deze klacht staat als technisch vastgelegd.",
                    "Urgency 7 means a complaint of a non-technical nature, but this complaint is recorded as technical.",
                ),
                procedure: both!(
                    "Categorie 7 van de urgentie-indeling van de procedure is «klacht van niet-technische aard»; de aard en de categorie moeten dus bij elkaar passen.",
                    "Category 7 of the procedure's urgency scale is “complaint of a non-technical nature”; the nature and the category must agree.",
                ),
                checks: both!(
                    "Een klacht met urgentie 7 in {urgency} en «technisch» in {nature}.",
                    "A complaint with urgency 7 in {urgency} and “technical” in {nature}.",
                ),
                why: both!(
                    "Een van beide is fout, en het rapport telt de klacht bij de technische oorzaken én in een niet-technische categorie.",
                    "One of the two is wrong, and the report counts the complaint among the technical causes and in a non-technical category.",
                ),
                fix: both!(
                    "Beslis wat klopt: is de klacht niet-technisch, zet {nature} dan op «niet-technisch»; is hij technisch, kies in {urgency} een andere categorie (bijvoorbeeld 6).",
                    "Decide which is right: if the complaint is non-technical, set {nature} to “non-technical”; if it is technical, choose another category in {urgency} (for example 6).",
                ),
                settings: &[],
            },
            Rule::MissingAcknowledgement => &Explanation {
                summary: both!(
                    "Niet vastgelegd dat de klant bericht kreeg dat zijn klacht is ontvangen, terwijl de termijn daarvoor voorbij is.",
                    "Not recorded that the customer was told the complaint was received, while the term for it has passed.",
                ),
                procedure: ACKNOWLEDGE,
                checks: both!(
                    "Een klacht zonder datum in {ack_date}, zodra de termijn voor de ontvangstbevestiging op de peildatum voorbij is: {targets.acknowledge} na {received_date}. Werkdagen zijn maandag tot en met vrijdag, min {calendar.profile} en {calendar.closures}. Een klacht van vandaag is dus nog niet te laat. Zonder kolom één melding voor het bestand.",
                    "A complaint without a date in {ack_date}, once the acknowledgement term has passed at the reference date: {targets.acknowledge} after {received_date}. Working days are Monday to Friday, less {calendar.profile} and {calendar.closures}. A complaint of today is not yet late. Without the column one finding for the file.",
                ),
                why: both!(
                    "De ontvangstbevestiging is de eerste toezegging aan de klant en iets wat een auditor in een steekproef nagaat; het rapport telt hoeveel bevestigingen ontbreken.",
                    "The acknowledgement is the first promise to the customer and something an auditor checks in a sample; the report counts how many are missing.",
                ),
                fix: both!(
                    "Stuur de bevestiging (de modelbrief, met de naam van de contactpersoon) als dat nog niet gebeurde, en vul in {ack_date} de datum in waarop de klant bericht kreeg.",
                    "Send the acknowledgement (the model letter, naming the contact person) if it has not been sent, and fill in {ack_date} with the date the customer was told.",
                ),
                settings: &[
                    Setting::Acknowledge,
                    Setting::CalendarProfile,
                    Setting::Closures,
                ],
            },
            Rule::LateAcknowledgement => &Explanation {
                summary: both!(
                    "De klant kreeg later bericht dat zijn klacht is ontvangen dan de termijn voor de ontvangstbevestiging, waar de procedure «direct» vraagt.",
                    "The customer was told the complaint was received later than the acknowledgement term, where the procedure asks for “directly”.",
                ),
                procedure: ACKNOWLEDGE,
                checks: both!(
                    "Het aantal werkdagen van {received_date} tot {ack_date} is groter dan {targets.acknowledge}. Werkdagen zijn maandag tot en met vrijdag, min {calendar.profile} en {calendar.closures}. Dezelfde dag telt als 0, en precies op de termijn is op tijd.",
                    "The working days from {received_date} to {ack_date} are more than {targets.acknowledge}. Working days are Monday to Friday, less {calendar.profile} and {calendar.closures}. The same day counts as 0, and exactly on the term is on time.",
                ),
                why: both!(
                    "Het rapport toont het aandeel bevestigingen binnen de termijn, en een auditor ziet een late bevestiging als een tekortkoming in de uitvoering van de procedure.",
                    "The report shows the share of acknowledgements within the term, and an auditor sees a late acknowledgement as a shortcoming in carrying out the procedure.",
                ),
                fix: both!(
                    "Klopt de datum, laat {ack_date} dan staan: het register hoort te zeggen hoe het ging; de verbetering zit in het sneller bevestigen. Is de datum verkeerd overgetypt, verbeter hem dan. Past de termijn niet bij het bedrijf, stel hem in met [targets] acknowledge = 2.",
                    "If the date is right, leave {ack_date} as it is: the register should say how it went; the improvement is acknowledging sooner. If the date was mistyped, correct it. If the term does not suit the company, set it with [targets] acknowledge = 2.",
                ),
                settings: &[
                    Setting::Acknowledge,
                    Setting::CalendarProfile,
                    Setting::Closures,
                ],
            },
            Rule::DateOrder => &Explanation {
                summary: both!(
                    "Een datum ligt vóór de datum van ontvangst; dat kan niet, dus een van beide is verkeerd ingevuld.",
                    "A date lies before the date received; that cannot be, so one of the two is wrong.",
                ),
                procedure: DATA,
                checks: both!(
                    "Een {ack_date} of {closed_date} vóór de {received_date} van dezelfde klacht.",
                    "An {ack_date} or {closed_date} before the same complaint's {received_date}.",
                ),
                why: both!(
                    "De procedure loopt van ontvangst via bevestiging naar afhandeling; een negatieve doorlooptijd vertekent de gemiddelden en het aandeel binnen de termijn, en de stroomcontrole van het rapport klopt dan niet.",
                    "The procedure runs from receipt via acknowledgement to closure; a negative handling time distorts the averages and the share within target, and the report's flow check does not hold.",
                ),
                fix: both!(
                    "Vergelijk beide datums met de correspondentie en verbeter de verkeerde; vaak zijn dag en maand omgedraaid of is het jaar fout.",
                    "Compare both dates with the correspondence and correct the wrong one; often day and month are swapped or the year is wrong.",
                ),
                settings: &[],
            },
            Rule::FutureDate => &Explanation {
                summary: both!(
                    "Een datum ligt na de peildatum, dus in de toekomst: vrijwel altijd een tikfout.",
                    "A date lies after the reference date, in the future: nearly always a typing slip.",
                ),
                procedure: DATA,
                checks: both!(
                    "Een {received_date}, {ack_date}, {closed_date} of {last_update} na de peildatum: voor klacht check vandaag, voor klacht report het einde van de periode, of wat --as-of zegt. Een {due_date} mag in de toekomst liggen.",
                    "A {received_date}, {ack_date}, {closed_date} or {last_update} after the reference date: today for klacht check, the end of the period for klacht report, or what --as-of says. A {due_date} may lie ahead.",
                ),
                why: both!(
                    "Wat de procedure vastlegt is al gebeurd; een datum in de toekomst maakt termijnen negatief en zet een klacht in de verkeerde periode.",
                    "What the procedure records has happened; a date in the future makes terms negative and puts a complaint in the wrong period.",
                ),
                fix: both!(
                    "Verbeter de datum (vaak het jaar: 2062 in plaats van 2026). Controleert u een register van vroeger, geef dan de juiste peildatum met --as-of.",
                    "Correct the date (often the year: 2062 instead of 2026). When checking an old register, give the right reference date with --as-of.",
                ),
                settings: &[],
            },
            Rule::StatusConflict => &Explanation {
                summary: both!(
                    "De status en de afhandeldatum spreken elkaar tegen: afgehandeld zonder datum, of een afhandeldatum bij een open status.",
                    "The status and the closed date contradict each other: closed without a date, or a closed date with an open status.",
                ),
                procedure: FOLLOW,
                checks: both!(
                    "{status} afgehandeld of gesloten zonder {closed_date}, of {status} open of in behandeling met een {closed_date}. Heeft het bestand geen kolom {closed_date}, dan één melding voor het bestand. klacht volgt de datum: zonder afhandeldatum telt een klacht als open.",
                    "{status} closed without {closed_date}, or {status} open or in progress with a {closed_date}. A file without a {closed_date} column gets one finding for the file. klacht follows the date: without a closed date a complaint counts as open.",
                ),
                why: both!(
                    "Open, afgehandeld en achterstallig tellen naar de afhandeldatum: een klacht die «afgehandeld» heet maar geen datum heeft, staat in het rapport als open en misschien als achterstallig.",
                    "Open, closed and overdue are counted by the closed date: a complaint called “closed” without a date is open in the report, and perhaps overdue.",
                ),
                fix: both!(
                    "Is de klacht afgehandeld, vul dan {closed_date} in; loopt hij nog, zet {status} dan op «in behandeling» en haal de datum weg.",
                    "If the complaint is closed, fill in {closed_date}; if it is still running, set {status} to “in progress” and remove the date.",
                ),
                settings: &[],
            },
            Rule::Stale => &Explanation {
                summary: both!(
                    "De klacht staat open en er is al langer dan de grens geen actie op vastgelegd.",
                    "The complaint is open and no action has been recorded on it for longer than the limit.",
                ),
                procedure: FOLLOW,
                checks: both!(
                    "Een open klacht waarvan {last_update} meer dan {targets.stale} vóór de peildatum ligt. Werkdagen zijn maandag tot en met vrijdag, min {calendar.profile} en {calendar.closures}. Alleen waar het register de kolom {last_update} heeft.",
                    "An open complaint whose {last_update} lies more than {targets.stale} before the reference date. Working days are Monday to Friday, less {calendar.profile} and {calendar.closures}. Only where the register has the {last_update} column.",
                ),
                why: both!(
                    "Een klacht zonder beweging is wat een klant het eerst ergert en een auditor het eerst opvalt; het is ook een voorbode van achterstand.",
                    "A complaint without movement is what annoys a customer first and what an auditor notices first; it also heralds a backlog.",
                ),
                fix: both!(
                    "Pak de klacht op en vul bij elke actie (telefoontje, bezoek, brief) de datum in {last_update} in; is hij afgehandeld, vul dan {closed_date} in.",
                    "Take the complaint up and fill in {last_update} at every action (call, visit, letter); if it is closed, fill in {closed_date}.",
                ),
                settings: &[Setting::Stale, Setting::CalendarProfile, Setting::Closures],
            },
            Rule::Overdue => &Explanation {
                summary: both!(
                    "De klacht staat open en is ouder dan de afhandeltermijn van zijn urgentie, of zijn streefdatum is voorbij.",
                    "The complaint is open and older than its urgency's closing term, or its due date has passed.",
                ),
                procedure: FOLLOW,
                checks: both!(
                    "Een open klacht waarvan de leeftijd in werkdagen sinds {received_date} groter is dan de termijn van zijn urgentie: {targets.close}; zonder urgentie {targets.unclassified}. Een {due_date} gaat voor: dan is de klacht achterstallig vanaf de dag erna. Werkdagen zijn maandag tot en met vrijdag, min {calendar.profile} en {calendar.closures}.",
                    "An open complaint whose age in working days since {received_date} is more than its urgency's term: {targets.close}; without urgency {targets.unclassified}. A {due_date} comes first: the complaint is then overdue from the day after. Working days are Monday to Friday, less {calendar.profile} and {calendar.closures}.",
                ),
                why: both!(
                    "De termijn maakt «effectief en betrouwbaar» meetbaar. Achterstallige klachten staan in de samenvatting en op het blad Achterstallig met hun behandelaar, en in de directiebeoordeling is de achterstand een vaste vraag.",
                    "The term makes “effectively and reliably” measurable. Overdue complaints are in the summary and on the Overdue sheet with their handler, and the backlog is a standing question in the management review.",
                ),
                fix: both!(
                    "Handel de klacht af en vul {closed_date} in, of spreek met de klant een nieuwe datum af en zet die in {due_date}. Is hij al afgehandeld, dan ontbreekt alleen de datum.",
                    "Close the complaint and fill in {closed_date}, or agree a new date with the customer and put it in {due_date}. If it is already closed, only the date is missing.",
                ),
                settings: &[
                    Setting::Close,
                    Setting::Unclassified,
                    Setting::CalendarProfile,
                    Setting::Closures,
                ],
            },
            Rule::ClosedWithoutCause => &Explanation {
                summary: both!(
                    "De klacht is afgehandeld zonder dat de oorzaak is vastgelegd.",
                    "The complaint was closed without its cause on record.",
                ),
                procedure: ACTION,
                checks: both!(
                    "Een afgehandelde klacht (met {closed_date}) met een lege {cause}; zonder kolom één melding voor het bestand.",
                    "A closed complaint (with {closed_date}) with an empty {cause}; without the column one finding for the file.",
                ),
                why: both!(
                    "Oorzaken zijn de grond van het blad Oorzaken: de Pareto, de terugkerende oorzaken en de verbetermaatregelen die ISO 9001 (10.2) vraagt. Zonder oorzaak leert het bedrijf niets van de klacht.",
                    "Causes are the ground of the Causes sheet: the Pareto, the recurring causes and the corrective actions ISO 9001 (10.2) asks for. Without a cause the company learns nothing from the complaint.",
                ),
                fix: both!(
                    "Vul in {cause} de oorzaak in, kort en steeds op dezelfde manier geschreven (bijvoorbeeld «koudemiddellekkage»); klacht check REGISTER --suggest-causes toont hoe het register oorzaken nu schrijft.",
                    "Fill in {cause} with the cause, short and written the same way every time (for example “refrigerant leak”); klacht check REGISTER --suggest-causes shows how the register writes causes now.",
                ),
                settings: &[],
            },
            Rule::ClosedWithoutSolution => &Explanation {
                summary: both!(
                    "De klacht is afgehandeld zonder dat de oplossing of maatregel is vastgelegd.",
                    "The complaint was closed without its solution or action on record.",
                ),
                procedure: ACTION,
                checks: both!(
                    "Een afgehandelde klacht (met {closed_date}) met een lege {solution}; zonder kolom één melding voor het bestand.",
                    "A closed complaint (with {closed_date}) with an empty {solution}; without the column one finding for the file.",
                ),
                why: both!(
                    "Een auditor wil zien wat er met de klacht gedaan is; komt de klant terug, dan laat de vorige oplossing zien wat niet werkte.",
                    "An auditor wants to see what was done about the complaint; if the customer comes back, the earlier solution shows what did not work.",
                ),
                fix: both!(
                    "Beschrijf in {solution} wat er gedaan is, bijvoorbeeld «ventiel afgesteld, temperatuur gecontroleerd» of «creditnota verstuurd».",
                    "Describe in {solution} what was done, for example “valve adjusted, temperature checked” or “credit note sent”.",
                ),
                settings: &[],
            },
            Rule::OpenEscalation => &Explanation {
                summary: both!(
                    "Een klacht van urgentie 1 of 2 (geschil, rechtszaak, aangetekende brief of dreigement) staat nog open: een signaal voor de directie.",
                    "A complaint of urgency 1 or 2 (dispute, lawsuit, registered letter or threat) is still open: a signal for management.",
                ),
                procedure: FOLLOW,
                checks: both!(
                    "Een klacht met urgentie 1 of 2 in {urgency} die op de peildatum open is (geen {closed_date} op of vóór die dag).",
                    "A complaint with urgency 1 or 2 in {urgency} that is open at the reference date (no {closed_date} on or before it).",
                ),
                why: both!(
                    "Juist deze klachten kunnen geld, reputatie of een procedure kosten; het rapport zet ze apart op het blad Achterstallig, en de directiebeoordeling hoort ze te bespreken.",
                    "These are the complaints that can cost money, reputation or a lawsuit; the report lists them apart on the Overdue sheet, and the management review should discuss them.",
                ),
                fix: both!(
                    "Klopt het register, dan is er niets te verbeteren: dit is een signaal, geen fout. Vul {closed_date} in zodra de klacht is afgehandeld.",
                    "If the register is right there is nothing to correct: this is a signal, not a fault. Fill in {closed_date} once the complaint is closed.",
                ),
                settings: &[],
            },
            Rule::RepeatComplaint => &Explanation {
                summary: both!(
                    "Dezelfde klant of hetzelfde werk gaf eerder een klacht binnen de termijn voor herhaalklachten: misschien is het probleem de eerste keer niet opgelost.",
                    "The same customer or job complained before within the repeat window: perhaps the problem was not solved the first time.",
                ),
                procedure: ACTION,
                checks: both!(
                    "Een eerdere klacht van dezelfde klant ({customer_id}, anders de naam in {customer}, zonder op hoofdletters en spaties te letten) of over hetzelfde werk ({job_ref}) binnen {targets.repeat_days} vóór deze. De melding noemt de eerdere klacht.",
                    "An earlier complaint of the same customer ({customer_id}, else the name in {customer}, regardless of case and spaces) or about the same job ({job_ref}) within {targets.repeat_days} before this one. The finding names the earlier complaint.",
                ),
                why: both!(
                    "Een herhaling is het duidelijkste teken dat de oorzaak niet gevonden of niet weggenomen is; urgentie 6 («eerder gemelde storing niet adequaat opgelost») gaat erover, en het rapport telt de herhaalklagers op het blad Oorzaken.",
                    "A repeat is the clearest sign that the cause was not found or not removed; urgency 6 (“earlier fault not properly fixed”) is about it, and the report counts repeat complainants on the Causes sheet.",
                ),
                fix: both!(
                    "Klopt het, dan is er niets te verbeteren: bekijk de eerdere klacht en leg in {cause} en {solution} vast wat nu anders is. Is het een andere klant met dezelfde naam, vul dan {customer_id} in.",
                    "If it is right there is nothing to correct: look at the earlier complaint and record in {cause} and {solution} what is different now. If it is another customer with the same name, fill in {customer_id}.",
                ),
                settings: &[Setting::RepeatDays],
            },
            Rule::DisputeWindow => &Explanation {
                summary: both!(
                    "Een klacht van een particulier staat al lang open, terwijl die tot 12 maanden na zijn klacht naar de Geschillencommissie kan.",
                    "A consumer's complaint has been open a long time, while a consumer can go to the disputes committee up to 12 months after complaining.",
                ),
                procedure: FOLLOW,
                checks: both!(
                    "Een klacht met «particulier» in {customer_type} die op de peildatum {targets.dispute_months} of langer open is, in hele kalendermaanden sinds {received_date}.",
                    "A complaint with “consumer” in {customer_type} that has been open {targets.dispute_months} or more at the reference date, in whole calendar months since {received_date}.",
                ),
                why: both!(
                    "Een consument moet een geschil binnen 12 maanden na zijn klacht bij het bedrijf aan de Geschillencommissie voorleggen; een klacht die zo lang openstaat, wordt dan een geschil. Wie dat wil voorkomen, handelt af vóór die tijd.",
                    "A consumer must take a dispute to the disputes committee within 12 months of complaining to the company; a complaint open that long then becomes a dispute. To prevent that, close it before then.",
                ),
                fix: both!(
                    "Handel de klacht af en vul {closed_date} in, of leg de stand van zaken vast in {last_update} en {notes}.",
                    "Close the complaint and fill in {closed_date}, or record how it stands in {last_update} and {notes}.",
                ),
                settings: &[Setting::DisputeMonths],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first sentence stands alone in a cell or a note: one sentence, no blanks.
    #[test]
    fn the_summary_is_one_sentence_without_blanks() {
        for rule in Rule::ALL {
            let summary = rule.explanation().summary;
            for text in [summary.nl, summary.en] {
                let inner = text
                    .strip_suffix('.')
                    .unwrap_or_else(|| panic!("{}: {text}", rule.code()));
                assert!(
                    !inner.contains(". ") && !text.contains('{'),
                    "{}: {text}",
                    rule.code()
                );
            }
        }
    }

    /// A declared setting is shown where the rule says what it checks, in both languages.
    #[test]
    fn every_setting_a_rule_declares_is_in_its_check() {
        for rule in Rule::ALL {
            let e = rule.explanation();
            for s in e.settings {
                let blank = format!("{{{}}}", s.key());
                assert!(
                    e.checks.nl.contains(&blank) && e.checks.en.contains(&blank),
                    "{}: {} declared but not in the check's text",
                    rule.code(),
                    s.key()
                );
            }
        }
    }
}
