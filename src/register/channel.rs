//! How a complaint arrived (the procedure's *ontvangst*: in writing, by e-mail or orally).

use super::vocab::vocabulary;

vocabulary! {
    /// The receipt channel. The procedure names letter, fax, e-mail and oral receipt; web forms
    /// and "other" exist in practice.
    Channel {
        /// Letter, including registered letters (*aangetekend*).
        Letter = ("letter", "brief", "letter"),
        Fax = ("fax", "fax", "fax"),
        Email = ("email", "e-mail", "e-mail"),
        /// Telephone.
        Phone = ("phone", "telefoon", "phone"),
        /// Orally in person: at the counter, to the mechanic on site.
        InPerson = ("in_person", "mondeling", "in person"),
        /// Website or web form.
        Web = ("web", "website/formulier", "web/form"),
        Other = ("other", "anders", "other"),
    }
}

impl Channel {
    /// Written channels count as *schriftelijk* in the procedure.
    pub fn is_written(self) -> bool {
        matches!(
            self,
            Channel::Letter | Channel::Fax | Channel::Email | Channel::Web
        )
    }
}
