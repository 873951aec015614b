//! `klacht uitleg [CODE]` (`explain`): a rule of the catalogue explained, or every rule by
//! procedure step; an unknown code is a usage error that names the nearest codes.

use super::{UitlegOptions, EXIT_OK};
use crate::base::Rule;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::render;

/// Codes named when the code given is unknown.
const NEAREST: usize = 3;

/// Runs `uitleg`.
pub fn run(config: &Config, args: &UitlegOptions) -> Result<u8> {
    let lang = config.lang;
    let text = match &args.code {
        None => render::explain::listing(config, lang),
        Some(code) => {
            let rule = find(code).ok_or_else(|| Error::UnknownRule {
                code: code.clone(),
                nearest: nearest(code, NEAREST)
                    .iter()
                    .map(|r| r.code().to_string())
                    .collect(),
            })?;
            render::explain::explanation(rule, config, lang)
        }
    };
    render::output::print(&text)?;
    Ok(EXIT_OK)
}

/// The rule a code names, as typed: case, surrounding spaces and `_` for `-` forgiven.
fn find(code: &str) -> Option<Rule> {
    Rule::from_code(&folded(code))
}

fn folded(code: &str) -> String {
    code.trim().to_lowercase().replace('_', "-")
}

/// The at most `n` codes nearest to `code`: the codes that contain it (or that it contains)
/// when there are such, else those fewest typing slips away (letters left out, added, changed
/// or swapped); closest first, ties in catalogue order.
fn nearest(code: &str, n: usize) -> Vec<Rule> {
    let typed: Vec<char> = folded(code).chars().collect();
    let text: String = typed.iter().collect();
    let holds = |rule: &Rule| {
        !text.is_empty() && (rule.code().contains(&text) || text.contains(rule.code()))
    };
    let any_holds = Rule::ALL.iter().any(holds);
    let mut scored: Vec<(usize, usize, Rule)> = (Rule::ALL.iter().enumerate())
        .filter(|(_, rule)| !any_holds || holds(rule))
        .map(|(i, &rule)| {
            let known: Vec<char> = rule.code().chars().collect();
            (crate::register::causes::slips(&typed, &known), i, rule)
        })
        .collect();
    scored.sort_unstable_by_key(|&(slips, i, _)| (slips, i));
    scored.into_iter().take(n).map(|(.., rule)| rule).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_as_people_type_them() {
        assert_eq!(
            find("late-acknowledgement"),
            Some(Rule::LateAcknowledgement)
        );
        assert_eq!(
            find(" Late_Acknowledgement "),
            Some(Rule::LateAcknowledgement)
        );
        assert_eq!(find("late"), None);
    }

    #[test]
    fn the_nearest_codes_hold_the_word_or_are_a_slip_away() {
        let codes = |q: &str| -> Vec<&str> { nearest(q, 3).iter().map(|r| r.code()).collect() };
        // One letter left out, two swapped: that code first.
        assert_eq!(codes("overdu")[0], "overdue");
        assert_eq!(codes("stael")[0], "stale");
        assert_eq!(codes("late-acknowlegement")[0], "late-acknowledgement");
        // A part of codes: only the codes that hold it, the closest first.
        assert_eq!(
            codes("acknowledgement"),
            ["late-acknowledgement", "missing-acknowledgement"]
        );
        assert_eq!(codes("Duplicate"), ["duplicate-id", "possible-duplicate"]);
        assert_eq!(codes("late-ack"), ["late-acknowledgement"]);
        assert_eq!(codes("missing").len(), 3);
        assert_eq!(codes("").len(), 3);
    }
}
