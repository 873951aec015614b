//! How satisfied the customer was with the handling (ISO 9001 9.1.2): a score on the
//! company's scale, or yes/no. The scale is the register's, decided from its answers.

use crate::Lang;
use serde::{Serialize, Serializer};

/// One customer's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Satisfaction {
    /// A whole score 1–10.
    Score(u8),
    Yes,
    No,
}

impl Satisfaction {
    /// The answer as a value mapping (`[values.satisfaction]`) names it: `1`…`10`, `yes`, `no`.
    pub const KEYS: &'static [&'static str] = &[
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "yes", "no",
    ];

    /// The answer as a key of [`Satisfaction::KEYS`].
    pub fn key(self) -> String {
        self.label(Lang::En)
    }

    /// The answer as the register sheet shows it: the score, or ja/nee.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Satisfaction::Score(s) => s.to_string(),
            Satisfaction::Yes => lang.pick("ja", "yes").to_string(),
            Satisfaction::No => lang.pick("nee", "no").to_string(),
        }
    }

    /// The score, for the mean; `None` for yes/no.
    pub fn score(self) -> Option<u8> {
        match self {
            Satisfaction::Score(s) => Some(s),
            _ => None,
        }
    }
}

/// The scale of a register's answers, decided from all of them: a score above 5 means
/// 1–10 (a 1–5 register never writes 6), other scores 1–5; only yes/no answers, yes/no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    Five,
    Ten,
    YesNo,
}

impl Scale {
    /// The scale of `answers`; `None` without any.
    ///
    /// ```
    /// use klacht::register::{Satisfaction::*, Scale};
    /// assert_eq!(Scale::of([Score(4), Score(5), Yes]), Some(Scale::Five));
    /// assert_eq!(Scale::of([Score(4), Score(8)]), Some(Scale::Ten));
    /// assert_eq!(Scale::of([Yes, No]), Some(Scale::YesNo));
    /// assert_eq!(Scale::of([]), None);
    /// ```
    pub fn of(answers: impl IntoIterator<Item = Satisfaction>) -> Option<Scale> {
        let mut scale = None;
        for a in answers {
            scale = Some(match (a, scale) {
                (Satisfaction::Score(s), _) if s > 5 => return Some(Scale::Ten),
                (Satisfaction::Score(_), _) => Scale::Five,
                (_, Some(Scale::Five)) => Scale::Five,
                _ => Scale::YesNo,
            });
        }
        scale
    }

    /// Whether `answer` counts as satisfied (SPEC §5): a score of 4 or more of 5, 7 or more
    /// of 10, or yes.
    pub fn satisfied(self, answer: Satisfaction) -> bool {
        match answer {
            Satisfaction::Score(s) => s >= self.threshold(),
            Satisfaction::Yes => true,
            Satisfaction::No => false,
        }
    }

    /// The lowest satisfied score.
    fn threshold(self) -> u8 {
        match self {
            Scale::Ten => 7,
            Scale::Five | Scale::YesNo => 4,
        }
    }

    /// Stable key, as in `kpi.json`.
    pub fn key(self) -> &'static str {
        match self {
            Scale::Five => "1-5",
            Scale::Ten => "1-10",
            Scale::YesNo => "yes_no",
        }
    }

    /// The scale and what counts as satisfied, for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Scale::Five => lang.pick(
                "score 1–5 (tevreden: 4 of 5)",
                "score 1–5 (satisfied: 4 or 5)",
            ),
            Scale::Ten => lang.pick(
                "score 1–10 (tevreden: 7 of hoger)",
                "score 1–10 (satisfied: 7 or more)",
            ),
            Scale::YesNo => lang.pick("ja/nee (tevreden: ja)", "yes/no (satisfied: yes)"),
        }
    }
}

impl Serialize for Scale {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Satisfaction::*;

    #[test]
    fn a_yes_in_a_scored_register_keeps_the_scores_scale() {
        assert_eq!(Scale::of([Yes, Score(3), No]), Some(Scale::Five));
        assert_eq!(Scale::of([No, Score(6)]), Some(Scale::Ten));
        assert_eq!(Scale::of([Score(5), Score(1)]), Some(Scale::Five));
    }

    #[test]
    fn satisfied_is_four_of_five_seven_of_ten_or_yes() {
        let five: Vec<bool> = (1..=5).map(|s| Scale::Five.satisfied(Score(s))).collect();
        assert_eq!(five, [false, false, false, true, true]);
        let ten: Vec<u8> = (1..=10)
            .filter(|&s| Scale::Ten.satisfied(Score(s)))
            .collect();
        assert_eq!(ten, [7, 8, 9, 10]);
        assert!(Scale::Ten.satisfied(Yes) && !Scale::Five.satisfied(No));
    }
}
