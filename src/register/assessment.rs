//! The outcome of the procedure's assessment step: how the complaint is handled, and whether it
//! was justified.

use super::vocab::vocabulary;

vocabulary! {
    /// How the assessor decided to handle the complaint: a personal conversation, or a written
    /// response (mainly where legal consequences may follow).
    HandlingMode {
        Conversation = ("conversation", "gesprek", "conversation"),
        Written = ("written", "schriftelijk", "written"),
    }
}

vocabulary! {
    /// Whether the complaint was justified (*gegrond*).
    Justified {
        Yes = ("yes", "ja", "yes"),
        No = ("no", "nee", "no"),
        Partly = ("partly", "deels", "partly"),
    }
}
