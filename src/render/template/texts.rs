//! The template's texts for people, Dutch and English: sheet names, what each column means and
//! takes, examples, the procedure's steps and tips. Kept apart from building the sheets.

use super::lists::dropdown_entries;
use crate::register::{
    Channel, CustomerType, Field, FieldKind, HandlingMode, Justified, Nature, Need, Status,
};
use crate::Lang;

/// Name of the register sheet.
pub fn register_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Klachtenregister", "Complaint register")
}

/// Name of the instructions sheet.
pub fn instructions_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Instructies", "Instructions")
}

/// Name of the hidden sheet that holds the drop-down entries.
pub fn lists_sheet_name(lang: Lang) -> &'static str {
    lang.pick("Lijsten", "Lists")
}

pub(super) fn need_label(need: Need, lang: Lang) -> &'static str {
    match need {
        Need::Required => lang.pick("verplicht", "required"),
        Need::Recommended => lang.pick("aanbevolen", "recommended"),
        Need::Optional => lang.pick("optioneel", "optional"),
    }
}

pub(super) fn need_sentence(need: Need, lang: Lang) -> &'static str {
    match need {
        Need::Required => lang.pick("Verplicht.", "Required."),
        Need::Recommended => lang.pick(
            "Aanbevolen: de procedure vraagt erom.",
            "Recommended: the procedure asks for it.",
        ),
        Need::Optional => lang.pick("Optioneel.", "Optional."),
    }
}

/// One sentence on what a column holds: the header's note, the cell's input message and the
/// instructions sheet all use it.
pub(super) fn explanation(field: Field, lang: Lang) -> &'static str {
    match field {
        Field::Id => lang.pick(
            "Eigen nummer van de klacht, bijvoorbeeld jaar en volgnummer.",
            "The complaint's own number, for example year and sequence number.",
        ),
        Field::ReceivedDate => lang.pick(
            "Datum waarop de klacht binnenkwam; alle termijnen tellen vanaf deze datum.",
            "Date the complaint came in; every term counts from this date.",
        ),
        Field::Channel => lang.pick(
            "Hoe de klacht binnenkwam: schriftelijk, per e-mail of mondeling.",
            "How the complaint came in: in writing, by e-mail or orally.",
        ),
        Field::Customer => lang.pick(
            "Naam van de klant of het bedrijf dat klaagt; rapporten tonen een schuilnaam.",
            "Name of the complaining customer or company; reports show a pseudonym.",
        ),
        Field::CustomerId => lang.pick(
            "Klant- of debiteurnummer uit de eigen administratie.",
            "Customer or account number from your own records.",
        ),
        Field::CustomerType => lang.pick(
            "Particulier of zakelijk; een particulier kan tot 12 maanden na de klacht naar de Geschillencommissie.",
            "Consumer or business; a consumer can go to the disputes committee up to 12 months after complaining.",
        ),
        Field::JobRef => lang.pick(
            "Werkbon-, project- of ordernummer van het werk waar de klacht over gaat.",
            "Work order, project or order number of the job the complaint is about.",
        ),
        Field::Description => lang.pick(
            "Korte omschrijving van de klacht.",
            "Short description of the complaint.",
        ),
        Field::Nature => lang.pick(
            "Technisch, of niet-technisch (gedrag personeel, foutieve factuur, gemiste afspraak).",
            "Technical, or non-technical (staff behaviour, wrong invoice, missed appointment).",
        ),
        Field::Urgency => lang.pick(
            "Urgentiecategorie 1 (zwaarst) tot en met 8 uit de procedure.",
            "Urgency category 1 (most serious) to 8 from the procedure.",
        ),
        Field::Handler => lang.pick(
            "Medewerker die de klacht in behandeling neemt.",
            "Employee who takes on the complaint.",
        ),
        Field::ContactPerson => lang.pick(
            "Aanspreekpunt voor de klant, als dat iemand anders is dan de behandelaar.",
            "The customer's point of contact, if that is someone other than the handler.",
        ),
        Field::Assessor => lang.pick(
            "Directeur of verantwoordelijke medewerker die de klacht beoordeelde.",
            "Director or responsible employee who assessed the complaint.",
        ),
        Field::HandlingMode => lang.pick(
            "Afhandelen met een persoonlijk gesprek, of schriftelijk als er juridische gevolgen kunnen volgen.",
            "Handle it in a personal conversation, or in writing where legal consequences may follow.",
        ),
        Field::AckDate => lang.pick(
            "Datum waarop de klant hoorde dat de klacht ontvangen is, met de naam van de contactpersoon.",
            "Date the customer was told the complaint was received, with the contact person's name.",
        ),
        Field::Department => lang.pick(
            "Afdeling of vestiging die de klacht behandelt.",
            "Department or branch that handles the complaint.",
        ),
        Field::DueDate => lang.pick(
            "Datum waarvoor de klacht afgehandeld moet zijn; gaat voor de standaard streeftermijn.",
            "Date by which the complaint must be closed; overrides the default target.",
        ),
        Field::Cause => lang.pick(
            "Vastgestelde oorzaak van de klacht, liefst in vaste woorden zodat oorzaken te tellen zijn.",
            "The cause found, preferably in fixed words so that causes can be counted.",
        ),
        Field::Solution => lang.pick(
            "Genomen maatregel of oplossing.",
            "Action taken or solution.",
        ),
        Field::ClosedDate => lang.pick(
            "Datum waarop de klacht is afgehandeld; leeg zolang hij loopt.",
            "Date the complaint was closed; empty while it is open.",
        ),
        Field::Status => lang.pick(
            "Stand van de afhandeling; leeg betekent: volgt uit Datum afgehandeld. Heropend: na afhandeling opnieuw open (de eerste afhandeldatum mag blijven staan).",
            "Where handling stands; empty means: follows from Date closed. Reopened: open again after closing (the first closed date may stay).",
        ),
        Field::LastUpdate => lang.pick(
            "Datum van de laatste actie of het laatste contact met de klant.",
            "Date of the last action or the last contact with the customer.",
        ),
        Field::Justified => lang.pick(
            "Of de klacht terecht was (gegrond): ja, nee of deels.",
            "Whether the complaint was justified: yes, no or partly.",
        ),
        Field::Cost => lang.pick(
            "Kosten van de afhandeling (faalkosten) in euro, als getal van 0 of meer.",
            "Cost of handling (failure cost) in euros, as a number of 0 or more.",
        ),
        Field::Satisfaction => lang.pick(
            "Tevredenheid van de klant over de afhandeling: een score (1–5 of 1–10, steeds dezelfde schaal) of ja/nee.",
            "The customer's satisfaction with the handling: a score (1–5 or 1–10, always the same scale) or yes/no.",
        ),
        Field::Notes => lang.pick("Overige opmerkingen.", "Any other remarks."),
    }
}

/// What the column takes, for the instructions: the explanation plus the allowed values.
pub(super) fn what_to_enter(field: Field, lang: Lang) -> String {
    let mut text = explanation(field, lang).to_string();
    match field.kind() {
        FieldKind::Date => {
            text.push_str(lang.pick(" Datum als dd-mm-jjjj.", " A date as dd-mm-yyyy."))
        }
        FieldKind::Urgency => text.push_str(lang.pick(
            " Kies uit de keuzelijst (zie de tabel hierboven); alleen het nummer mag ook.",
            " Choose from the drop-down (see the table above); the number alone is fine too.",
        )),
        _ => {
            if let Some(entries) = dropdown_entries(field, lang) {
                text.push_str(lang.pick(" Kies uit: ", " Choose from: "));
                text.push_str(&entries.join(", "));
                text.push('.');
            }
        }
    }
    text
}

/// An example value as a user would type it; vocabularies come from their labels so the
/// example always reads back.
pub(super) fn example(field: Field, lang: Lang) -> String {
    let text = match field {
        Field::Id => "2026-014",
        Field::ReceivedDate => "03-03-2026",
        Field::Channel => Channel::Phone.label(lang),
        Field::Customer => lang.pick("Bakkerij De Korenaar", "De Korenaar bakery"),
        Field::CustomerId => "D10482",
        Field::CustomerType => CustomerType::Business.label(lang),
        Field::JobRef => "WB-26-0315",
        Field::Description => lang.pick(
            "Koelcel haalt na onderhoud de temperatuur niet",
            "Cold store does not reach temperature after maintenance",
        ),
        Field::Nature => Nature::Technical.label(lang),
        Field::Urgency => {
            return dropdown_entries(field, lang)
                .and_then(|e| e.into_iter().nth(5))
                .unwrap_or_default()
        }
        Field::Handler => "J. de Vries",
        Field::ContactPerson => "M. Jansen",
        Field::Assessor => lang.pick("P. Bakker (directeur)", "P. Bakker (director)"),
        Field::HandlingMode => HandlingMode::Conversation.label(lang),
        Field::AckDate => "04-03-2026",
        Field::Department => "Service",
        Field::DueDate => "17-03-2026",
        Field::Cause => lang.pick(
            "Expansieventiel verkeerd afgesteld",
            "Expansion valve set incorrectly",
        ),
        Field::Solution => lang.pick(
            "Ventiel afgesteld, temperatuur gecontroleerd",
            "Valve adjusted, temperature checked",
        ),
        Field::ClosedDate => "12-03-2026",
        Field::Status => Status::Closed.label(lang),
        Field::LastUpdate => "12-03-2026",
        Field::Justified => Justified::Yes.label(lang),
        Field::Cost => lang.pick("185,00", "185.00"),
        Field::Satisfaction => "4",
        Field::Notes => lang.pick(
            "Klant tevreden na gesprek",
            "Customer satisfied after the talk",
        ),
    };
    text.to_string()
}

/// The procedure's steps as the instructions explain them.
pub(super) fn steps(lang: Lang) -> [(&'static str, &'static str); 6] {
    [
        (
            lang.pick("1. Ontvangst", "1. Receipt"),
            lang.pick(
                "Een klacht komt schriftelijk binnen (brief, fax), per e-mail of mondeling (telefoon, balie, bij de monteur). Vul in hoe: Wijze van ontvangst.",
                "A complaint comes in writing (letter, fax), by e-mail or orally (phone, at the counter, to the mechanic). Record how: Channel.",
            ),
        ),
        (
            lang.pick("2. Registreren", "2. Registration"),
            lang.pick(
                "Schrijf de klacht meteen in: de datum van ontvangst, een korte omschrijving en de medewerker die de klacht gaat behandelen. Geef elke klacht een eigen klachtnummer. Vul in: Klachtnummer, Datum ontvangst, Omschrijving, Behandelaar.",
                "Register the complaint at once: the date received, a short description and the employee who will handle it. Give every complaint its own number. Fill in: Complaint number, Date received, Description, Handler.",
            ),
        ),
        (
            lang.pick("3. Beoordelen", "3. Assessment"),
            lang.pick(
                "De directeur of de verantwoordelijke voor klachten beslist: afhandelen met een persoonlijk gesprek, of met een schriftelijke reactie (vooral als er juridische gevolgen kunnen volgen). Wijs een contactpersoon aan als dat iemand anders is. Ook een klacht die niet technisch is (gedrag personeel, foutieve factuur) volgt de procedure. Vul in: Beoordeeld door, Wijze van afhandeling, Contactpersoon, Aard, Urgentie.",
                "The director or the person responsible for complaints decides: handle it in a personal conversation, or with a written response (mainly where legal consequences may follow). Appoint a contact person if that is someone else. A non-technical complaint (staff behaviour, wrong invoice) follows the procedure too. Fill in: Assessed by, Handling mode, Contact person, Nature, Urgency.",
            ),
        ),
        (
            lang.pick("4. Ontvangstbevestiging", "4. Acknowledgement"),
            lang.pick(
                "Laat de klant direct na de (eerste) ontvangst weten dat de klacht binnen is en wie de contactpersoon is; er is een modelbrief. klacht verwacht dit standaard binnen 1 werkdag. Vul in: Datum ontvangstbevestiging.",
                "Directly after (first) receipt, tell the customer the complaint was received and who the contact person is; a model letter exists. By default klacht expects this within 1 working day. Fill in: Acknowledged on.",
            ),
        ),
        (
            lang.pick("5. Opvolging", "5. Follow-up"),
            lang.pick(
                "Geef de klacht door aan de afdeling of medewerker die hem behandelt. De directeur of de verantwoordelijke volgt regelmatig hoe het ervoor staat. Vul in: Afdeling, Status, Laatste actie, zo nodig Streefdatum.",
                "Pass the complaint to the department or employee who handles it. The director or the person responsible regularly checks how it stands. Fill in: Department, Status, Last update, and a Due date where needed.",
            ),
        ),
        (
            lang.pick("6. Actie", "6. Action"),
            lang.pick(
                "De verantwoordelijke zoekt de oorzaak en komt zo tot een oplossing; nodig de klant zo nodig uit om het probleem te bespreken. Vul bij het afsluiten in: Oorzaak, Oplossing, Datum afgehandeld, Gegrond, Kosten, Tevredenheid.",
                "The person responsible finds the cause and so reaches a solution; invite the customer to discuss the problem where needed. When closing, fill in: Cause, Solution, Date closed, Justified, Cost, Satisfaction.",
            ),
        ),
    ]
}

pub(super) fn tips(lang: Lang) -> [&'static str; 5] {
    [
        lang.pick(
            "Eén klacht per regel. Laat geen lege regels tussen klachten en zet geen totalen of notities onder het register.",
            "One complaint per row. Leave no empty rows between complaints and put no totals or notes below the register.",
        ),
        lang.pick(
            "Typ datums als dd-mm-jjjj, bijvoorbeeld 03-03-2026. Een datum vóór 2000 of na 2100 wordt geweigerd.",
            "Type dates as dd-mm-yyyy, for example 03-03-2026. A date before 2000 or after 2100 is refused.",
        ),
        lang.pick(
            "Het register is een Excel-tabel voor 1.000 klachten. Typ direct onder de laatste regel verder, dan groeit de tabel mee met opmaak en keuzelijsten.",
            "The register is an Excel table for 1,000 complaints. Keep typing directly below the last row and the table grows, with its formats and drop-downs.",
        ),
        lang.pick(
            "Controleer het register met: klacht check klachtenregister.xlsx. De kwartaalrapportage maak je met: klacht report klachtenregister.xlsx --period 2026-Q1.",
            "Check the register with: klacht check klachtenregister.xlsx. Make the quarterly report with: klacht report klachtenregister.xlsx --period 2026-Q1.",
        ),
        lang.pick(
            "De keuzelijsten staan op het verborgen blad Lijsten; verander dat blad niet.",
            "The drop-down lists are on the hidden sheet Lists; do not change that sheet.",
        ),
    ]
}
