//! `klacht check --suggest-causes`: the cause groups of a register written as the
//! `klacht.toml` cause list (SPEC §10), with the pairs it kept apart that come closest as
//! comments, so that a quality manager can confirm or merge them.
//!
//! Pasted into `klacht.toml` in place of its `[causes]` tables, the list gives the report the
//! groups it had: each group is a table with every spelling the register writes of it, in the
//! group's order (most frequent first, as the group is named), and the tables come in the
//! groups' order, so names, order and counts stay as they were. The entries of the list in
//! force keep their name and settings; those the register does not use come last, so that
//! nothing of the list is lost. Nature is a comment, never a setting: as a setting it would
//! replace the complaints' own nature in the cause tables.
//!
//! Register texts appear only as quoted TOML strings (table names, `also` items, and quoted
//! in comments), so no cell can break the file. A spelling that would fold onto another
//! entry's spelling (possible only when the list in force already holds two such entries)
//! is written as a comment, so that the file always reads as a configuration.

use crate::config::{cause_settings, quote, CauseEntry, Config};
use crate::messages::fill;
use crate::register::causes::{exact_keys, CauseGroup, CauseGroups, NearPair};
use crate::register::{Field, Nature, Register};
use crate::Lang;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// Writes one line (`w!(out)` an empty one) to a String, which cannot fail.
macro_rules! w {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// The pairs kept apart listed at the end.
pub const SHOWN_PAIRS: usize = 20;

/// The cause list for `groups` (the register's groups under `config`'s list) and the pairs
/// `pairs` (closest first), comments in `lang`.
pub fn suggestion(
    register: &Register,
    groups: &CauseGroups,
    pairs: &[NearPair],
    config: &Config,
    lang: Lang,
) -> String {
    let mut out = String::new();
    heading(&mut out, register, groups, lang);
    let natures = natures(register, groups);
    let mut claims = Claims::of(&config.causes);
    for (g, group) in groups.groups.iter().enumerate() {
        let entry = group
            .listed
            .and_then(|e| config.causes.get(e).map(|c| (e, c)));
        // An unlisted group claims its spellings under a number after the list's entries.
        let owner = entry.map_or(config.causes.len() + g, |(e, _)| e);
        table(
            &mut out,
            group,
            entry,
            owner,
            &natures[g],
            &mut claims,
            lang,
        );
    }
    let mut used = vec![false; config.causes.len()];
    for e in groups.groups.iter().filter_map(|g| g.listed) {
        if let Some(u) = used.get_mut(e) {
            *u = true;
        }
    }
    let unused: Vec<&CauseEntry> = (config.causes.iter().zip(used))
        .filter(|(_, used)| !used)
        .map(|(c, _)| c)
        .collect();
    if !unused.is_empty() {
        w!(out);
        w!(
            out,
            "# {}",
            lang.pick(
                "Uit de configuratie, maar niet in dit register:",
                "From the configuration, but not in this register:"
            )
        );
        for c in unused {
            w!(out, "[causes.{}]", quote(&c.name));
            if !c.also.is_empty() {
                let also: Vec<String> = c.also.iter().map(|a| quote(a)).collect();
                w!(out, "also = [{}]", also.join(", "));
            }
            for line in cause_settings(c) {
                w!(out, "{line}");
            }
        }
    }
    kept_apart(&mut out, groups, pairs, lang);
    out
}

/// What was read and how to use the text.
fn heading(out: &mut String, register: &Register, groups: &CauseGroups, lang: Lang) {
    let mut files: Vec<String> = Vec::new();
    for s in &register.sources {
        let name = s
            .path
            .file_name()
            .map(|n| quote(&n.to_string_lossy()))
            .unwrap_or_default();
        if !files.contains(&name) {
            files.push(name);
        }
    }
    let complaints: usize = groups.groups.iter().map(CauseGroup::count).sum();
    w!(
        out,
        "# {}",
        fill(
            lang.pick(
                "Oorzakenlijst voorgesteld door klacht check --suggest-causes voor {files}: {groups} oorzaken in {complaints} klachten met een oorzaak.",
                "Cause list suggested by klacht check --suggest-causes for {files}: {groups} causes in {complaints} complaints with a cause."
            ),
            &[
                ("files", &files.join(", ")),
                ("groups", &groups.groups.len().to_string()),
                ("complaints", &complaints.to_string()),
            ]
        )
    );
    for line in [
        lang.pick(
            "Elke tabel [causes.\"NAAM\"] is één oorzaak zoals het rapport die telt: NAAM is de naam in het rapport, also de andere schrijfwijzen in het register. Achter elke schrijfwijze staat hoe vaak die voorkomt.",
            "Each table [causes.\"NAME\"] is one cause as the report counts it: NAME is the name in the report, also the other spellings in the register. After each spelling: how often it occurs.",
        ),
        lang.pick(
            "Gebruik: plak deze lijst in klacht.toml, in plaats van de [causes]-tabellen die er al staan (hun instellingen zijn overgenomen). Het rapport blijft dan gelijk, en wat u hier verandert geldt ook voor nieuwe klachten.",
            "Use: paste this list into klacht.toml, in place of the [causes] tables already there (their settings are carried over). The report then stays the same, and what you change here holds for new complaints too.",
        ),
        lang.pick(
            "Samenvoegen: verplaats de naam en de schrijfwijzen van de ene tabel naar de also van de andere, en verwijder de lege tabel. Splitsen: zet een schrijfwijze in een eigen tabel.",
            "Merging: move the name and spellings of one table into the also of the other, and delete the empty table. Splitting: put a spelling in a table of its own.",
        ),
        lang.pick(
            "De aard staat als commentaar bij elke oorzaak; nature = \"technical\" of \"non-technical\" telt alle klachten van de oorzaak onder die aard.",
            "The nature is a comment at each cause; nature = \"technical\" or \"non-technical\" counts all the cause's complaints under that nature.",
        ),
        lang.pick(
            "Onderaan: de paren oorzaken die apart zijn gehouden maar het meest op elkaar lijken, om te bevestigen of samen te voegen.",
            "At the end: the pairs of causes kept apart that look most alike, to confirm or merge.",
        ),
    ] {
        w!(out, "# {line}");
    }
}

/// Per group, its complaints by nature: technical, non-technical, not known.
fn natures(register: &Register, groups: &CauseGroups) -> Vec<[usize; 3]> {
    let mut out = vec![[0usize; 3]; groups.groups.len()];
    for c in &register.complaints {
        let Some(g) = c.cause.as_deref().and_then(|t| groups.index_of(t)) else {
            continue;
        };
        let nature = c.nature.filter(|_| !c.unreadable.contains(Field::Nature));
        let at = match nature {
            Some(Nature::Technical) => 0,
            Some(Nature::NonTechnical) => 1,
            None => 2,
        };
        out[g][at] += 1;
    }
    out
}

/// The exact keys each entry written claims (as the configuration checks them), so that no
/// spelling is written that the configuration would refuse as another entry's.
struct Claims(HashMap<String, usize>);

impl Claims {
    /// The claims of the list in force: its entries are written under their own number.
    fn of(list: &[CauseEntry]) -> Claims {
        let mut claims = HashMap::new();
        for (e, c) in list.iter().enumerate() {
            for text in std::iter::once(&c.name).chain(&c.also) {
                for key in exact_keys(text) {
                    claims.entry(key).or_insert(e);
                }
            }
        }
        Claims(claims)
    }

    /// Claims `text` for entry `owner`; false (and nothing claimed) when another entry has
    /// one of its keys.
    fn claim(&mut self, text: &str, owner: usize) -> bool {
        let keys = exact_keys(text);
        if keys
            .iter()
            .any(|k| self.0.get(k).is_some_and(|&o| o != owner))
        {
            return false;
        }
        for k in keys {
            self.0.insert(k, owner);
        }
        true
    }
}

/// One group as a `[causes."NAME"]` table.
fn table(
    out: &mut String,
    group: &CauseGroup,
    entry: Option<(usize, &CauseEntry)>,
    owner: usize,
    natures: &[usize; 3],
    claims: &mut Claims,
    lang: Lang,
) {
    let (mut fits, mut refused) = (Vec::new(), Vec::new());
    for s in &group.spellings {
        if claims.claim(&s.text, owner) {
            fits.push((s.text.as_str(), s.count));
        } else {
            refused.push((s.text.as_str(), s.count));
        }
    }
    w!(out);
    let mut about = match group.count() {
        1 => lang.pick("1 klacht", "1 complaint").to_string(),
        n => fill(
            lang.pick("{n} klachten", "{n} complaints"),
            &[("n", &n.to_string())],
        ),
    };
    let labels = [
        Nature::Technical.label(lang),
        Nature::NonTechnical.label(lang),
        lang.pick("onbekend", "not known"),
    ];
    let parts: Vec<String> = (natures.iter().zip(labels))
        .filter(|(n, _)| **n > 0)
        .map(|(n, label)| format!("{label} {n}"))
        .collect();
    if !parts.is_empty() {
        let _ = write!(
            about,
            "; {}: {}",
            lang.pick("aard", "nature"),
            parts.join(", ")
        );
    }
    w!(out, "# {about}");
    for (text, count) in &refused {
        w!(
            out,
            "# {}",
            fill(
                lang.pick(
                    "ook geschreven als {text} ({n}), maar die schrijfwijze valt samen met die van een andere oorzaak in de configuratie",
                    "also written {text} ({n}), but that spelling folds onto another cause's in the configuration"
                ),
                &[("text", &quote(text)), ("n", &count.to_string())]
            )
        );
    }
    // The name: the entry's, else the most frequent spelling that fits; the other spellings
    // in the group's order, then the entry's own that the register does not write.
    let (name, name_count) = match entry {
        Some((_, c)) => {
            let at = fits.iter().position(|(t, _)| *t == c.name);
            (c.name.as_str(), at.map_or(0, |i| fits.remove(i).1))
        }
        None if fits.is_empty() => return,
        None => fits.remove(0),
    };
    let unwritten: Vec<&String> = match entry {
        Some((_, c)) => {
            let written: HashSet<&str> = group.spellings.iter().map(|s| s.text.as_str()).collect();
            (c.also.iter())
                .filter(|a| **a != c.name && !written.contains(a.as_str()))
                .collect()
        }
        None => Vec::new(),
    };
    w!(out, "[causes.{}]  # {name_count}", quote(name));
    if !fits.is_empty() || !unwritten.is_empty() {
        w!(out, "also = [");
        for (text, count) in &fits {
            w!(out, "    {},  # {count}", quote(text));
        }
        for text in unwritten {
            w!(out, "    {},  # 0", quote(text));
        }
        w!(out, "]");
    }
    if let Some((_, c)) = entry {
        for line in cause_settings(c) {
            w!(out, "{line}");
        }
    }
}

/// The pairs kept apart, closest first, as comments.
fn kept_apart(out: &mut String, groups: &CauseGroups, pairs: &[NearPair], lang: Lang) {
    w!(out);
    w!(
        out,
        "# {}",
        fill(
            lang.pick(
                "Apart gehouden, maar het meest op elkaar lijkend (hoogstens {n} paren, de dichtste eerst): oorzaken die op één woord na gelijk zijn. De gelijkenis is het deel van de letters dat blijft als dat woord verbeterd wordt (lekage / lekkage: 1 typefout in 7 letters, 86%). Horen twee oorzaken bij elkaar, voeg hun tabellen dan samen.",
                "Kept apart, but most alike (at most {n} pairs, closest first): causes equal but for one word. The likeness is the share of letters that stays when that word is corrected (lekage / lekkage: 1 slip in 7 letters, 86%). Where two causes are one, merge their tables."
            ),
            &[("n", &SHOWN_PAIRS.to_string())]
        )
    );
    if pairs.is_empty() {
        w!(
            out,
            "#   {}",
            lang.pick("(geen zulke paren)", "(no such pairs)")
        );
    }
    let none = lang.pick("(geen)", "(none)");
    for p in pairs {
        let (a, b) = (&groups.groups[p.groups.0], &groups.groups[p.groups.1]);
        let word = |w: &str| {
            if w.is_empty() {
                none.to_string()
            } else {
                quote(w)
            }
        };
        // Whole percents, rounded down: the same on every machine.
        let percent = (p.letters - p.slips.min(p.letters)) * 100 / p.letters.max(1);
        w!(
            out,
            "#   {percent:>3}%  {} ({})  ~  {} ({}):  {} / {}",
            quote(a.name()),
            a.count(),
            quote(b.name()),
            b.count(),
            word(&p.words.0),
            word(&p.words.1)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::causes::{group_listed, Listed};

    #[test]
    fn a_spelling_two_entries_claim_is_a_comment_and_the_list_still_reads() {
        // Two valid entries (their keys differ), but `koudemiddel lekkage` folds onto the
        // first by its word order and onto the second by its compound: it joins the first,
        // and as its spelling the configuration would refuse it.
        let base = "[causes.\"lekkage koudemiddel\"]\nnature = \"technical\"\n[causes.koudemiddellekkage]\n";
        let config = Config::from_toml_str(base, "k.toml".as_ref()).unwrap();
        let listed: Vec<Listed> = (config.causes.iter())
            .map(|e| Listed {
                name: &e.name,
                also: &e.also,
            })
            .collect();
        let texts = [
            "koudemiddel lekkage",
            "koudemiddel lekkage",
            "lekkage koudemiddel",
            "koudemiddellekkage",
            "compressor \"R32\" \\ defect",
        ];
        let groups = group_listed(texts, &listed);
        let first = &groups.groups[0];
        assert_eq!((first.name(), first.count()), ("lekkage koudemiddel", 3));
        let text = suggestion(&Register::default(), &groups, &[], &config, Lang::Nl);
        assert!(
            text.contains("# ook geschreven als \"koudemiddel lekkage\" (2), maar"),
            "{text}"
        );
        let again = Config::from_toml_str(&text, "s.toml".as_ref())
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        let names: Vec<&str> = again.causes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "lekkage koudemiddel",
                "koudemiddellekkage",
                "compressor \"R32\" \\ defect"
            ]
        );
        assert!(again.causes.iter().all(|c| c.also.is_empty()), "{text}");
        assert_eq!(again.causes[0].nature, config.causes[0].nature);
        assert!(
            text.contains("[causes.\"lekkage koudemiddel\"]  # 1\n"),
            "{text}"
        );
    }
}
