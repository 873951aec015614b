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

    /// The name of month `m` (1–12) as the language writes it in a sentence: `augustus`,
    /// `August`; empty outside 1–12.
    ///
    /// ```
    /// use klacht::Lang;
    /// assert_eq!(Lang::Nl.month(8), "augustus");
    /// assert_eq!(Lang::En.month(3), "March");
    /// ```
    pub fn month(self, m: u32) -> &'static str {
        const NL: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let names = match self {
            Lang::Nl => NL,
            Lang::En => EN,
        };
        m.checked_sub(1)
            .and_then(|i| names.get(i as usize))
            .copied()
            .unwrap_or("")
    }

    /// A number for people with `decimals` digits, grouped and pointed as the language writes
    /// it: `1.234,5` in Dutch, `1,234.5` in English. Charts, the page and their texts share it.
    ///
    /// ```
    /// use klacht::Lang;
    /// assert_eq!(Lang::Nl.number(1234.5, 1), "1.234,5");
    /// assert_eq!(Lang::En.number(1234.5, 1), "1,234.5");
    /// assert_eq!(Lang::En.number(61.06, 1), "61.1");
    /// ```
    pub fn number(self, v: f64, decimals: usize) -> String {
        let (group, point) = match self {
            Lang::Nl => ('.', ','),
            Lang::En => (',', '.'),
        };
        let s = format!("{:.*}", decimals, v.abs());
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let mut out = String::new();
        if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
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

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn numbers_follow_the_language() {
        let (nl, en) = (Lang::Nl, Lang::En);
        assert_eq!(nl.number(1234.5, 1), "1.234,5");
        assert_eq!(en.number(1234.5, 1), "1,234.5");
        assert_eq!(nl.number(1_234_567.0, 0), "1.234.567");
        assert_eq!(nl.number(999.0, 0), "999");
        assert_eq!(nl.number(0.25, 2), "0,25");
        assert_eq!(nl.number(-0.0, 0), "0");
        assert_eq!(nl.number(-1500.0, 0), "-1.500");
    }
}
