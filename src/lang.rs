//! The output language. Dutch is the default because the users are Dutch quality managers;
//! English exists for their auditors.

use serde::{Deserialize, Serialize};

/// Language of every text the tool writes for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Nederlands (default).
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Picks the Dutch or the English text.
    ///
    /// ```
    /// use klacht::Lang;
    /// assert_eq!(Lang::En.pick("klacht", "complaint"), "complaint");
    /// ```
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// Parses `nl` / `en` (also `dutch`, `nederlands`, `english`, `engels`).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" | "nl-nl" | "dutch" | "nederlands" => Some(Lang::Nl),
            "en" | "en-gb" | "en-us" | "english" | "engels" => Some(Lang::En),
            _ => None,
        }
    }
}
