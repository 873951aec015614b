//! `klacht config --print`: the effective configuration written back as a commented
//! `klacht.toml` (Dutch or English) that reads back as the same configuration.

use super::{month_key_text, vocabulary, CauseEntry, Config, VolumeSetting};
use crate::base::Rule;
use crate::register::{Field, Nature};
use crate::Lang;
use chrono::NaiveDate;
use std::fmt::Write as _;

impl Config {
    /// The effective configuration as TOML text with every default written out and comments
    /// (Dutch or English per `lang`), for `klacht config --print`; it reads back as an equal
    /// configuration.
    pub fn to_toml_pretty(&self, lang: Lang) -> String {
        let t = |nl: &'static str, en: &'static str| lang.pick(nl, en);
        let mut out = String::new();
        // Writing to a String cannot fail.
        macro_rules! w {
            ($($arg:tt)*) => {{ let _ = writeln!(out, $($arg)*); }};
        }
        macro_rules! note {
            ($nl:expr, $en:expr) => {
                w!("# {}", t($nl, $en))
            };
        }
        note!(
            "klacht.toml: de geldende instellingen van klacht.",
            "klacht.toml: the effective settings of klacht."
        );
        match &self.source {
            Some(p) => w!(
                "# {} {}",
                t("Gelezen uit:", "Read from:"),
                comment_safe(&p.display().to_string())
            ),
            None => w!(
                "# {}",
                t(
                    "Geen klacht.toml gevonden: dit zijn de standaardwaarden.",
                    "No klacht.toml found: these are the defaults."
                )
            ),
        }
        note!(
            "Sla deze tekst op als klacht.toml en pas aan wat nodig is.",
            "Save this text as klacht.toml and change what you need."
        );
        w!();
        note!(
            "Bedrijfsnaam op het rapport.",
            "Company name shown on the report."
        );
        match &self.company {
            Some(c) => w!("company = {}", quote(c)),
            None => w!("# company = {}", quote("Installatiebedrijf B.V.")),
        }
        w!(
            "# {} nl | en",
            t(
                "Taal van rapport en meldingen:",
                "Language of report and messages:"
            )
        );
        w!("lang = {}", quote(lang_key(self.lang)));
        w!(
            "# {} day-first | month-first",
            t(
                "Dag of maand voorop in datumkolommen die dubbelzinnig blijven:",
                "Day or month first in date columns that stay ambiguous:"
            )
        );
        w!("date_order = {}", quote(self.date_order.key()));

        let tg = &self.targets;
        w!();
        w!("[targets]");
        note!(
            "Termijnen in werkdagen (maandag-vrijdag zonder feest- en sluitingsdagen).",
            "Terms in working days (Monday-Friday without holidays and closure days)."
        );
        note!("Ontvangstbevestiging.", "Acknowledgement of receipt.");
        w!("acknowledge = {}", tg.ack_wd);
        note!(
            "Afhandeling per urgentiecategorie 1-8; \"none\" = geen streeftermijn.",
            "Closure per urgency category 1-8; \"none\" = no target."
        );
        let close: Vec<String> = tg
            .close_wd
            .iter()
            .zip(1..)
            .map(|(d, u)| format!("{u} = {}", target_text(*d)))
            .collect();
        w!("close = {{ {} }}", close.join(", "));
        note!(
            "Afhandeling zonder urgentiecategorie; \"none\" = geen streeftermijn.",
            "Closure without urgency category; \"none\" = no target."
        );
        w!("unclassified = {}", target_text(tg.unclassified_wd));
        note!(
            "Open zonder actie langer dan zoveel werkdagen: regel stale.",
            "Open without update for longer than this many working days: rule stale."
        );
        w!("stale = {}", tg.stale_wd);
        note!(
            "Consumentenklacht zoveel maanden open: signaal (Geschillencommissie: 12 maanden).",
            "Consumer complaint open this many months: signal (disputes board: 12 months)."
        );
        w!("dispute_months = {}", tg.dispute_months);
        note!(
            "Herhaalde klacht: zelfde klant of installatie binnen zoveel kalenderdagen.",
            "Repeat complaint: same customer or installation within this many calendar days."
        );
        w!("repeat_days = {}", tg.repeat_days);

        w!();
        w!("[calendar]");
        w!(
            "# {} cao | atw",
            t(
                "Feestdagen: cao installatiebranche, of Algemene termijnenwet (ook Goede Vrijdag en elk jaar 5 mei):",
                "Holidays: the installation trade's collective agreement, or the statutory terms act (adds Good Friday and 5 May every year):"
            )
        );
        w!("profile = {}", quote(self.calendar.profile.key()));
        note!(
            "Eigen sluitingsdagen: \"JJJJ-MM-DD\" of een periode \"JJJJ-MM-DD..JJJJ-MM-DD\".",
            "Own closure days: \"YYYY-MM-DD\" or a period \"YYYY-MM-DD..YYYY-MM-DD\"."
        );
        let closures: Vec<String> = closure_texts(&self.calendar.closures)
            .iter()
            .map(|c| quote(c))
            .collect();
        w!("closures = [{}]", closures.join(", "));

        w!();
        w!("[severity]");
        w!(
            "# {} error | warning | info | off",
            t(
                "Ernst per regel; off zet de regel uit:",
                "Severity per rule; off switches the rule off:"
            )
        );
        for &rule in Rule::ALL {
            let set = if self.enabled(rule) {
                self.severity(rule).key()
            } else {
                "off"
            };
            if set == rule.default_severity().key() {
                w!("{} = {}", rule.code(), quote(set));
            } else {
                w!(
                    "{} = {}  # {} {}",
                    rule.code(),
                    quote(set),
                    t("standaard:", "default:"),
                    rule.default_severity().key()
                );
            }
        }

        w!();
        w!("[columns]");
        note!(
            "Eigen kolomkoppen per veld, naast de ingebouwde koppen: een kop of een lijst.",
            "Own column headers per field, besides the built-in ones: one header or a list."
        );
        w!(
            "# {} {}",
            t("Velden:", "Fields:"),
            keys_list(Field::ALL.iter().map(|f| f.key()))
        );
        if self.columns.is_empty() {
            w!("# received_date = {}", quote("Date received"));
        }
        for (field, headers) in &self.columns {
            match headers.as_slice() {
                [one] => w!("{} = {}", field.key(), quote(one)),
                many => {
                    let list: Vec<String> = many.iter().map(|h| quote(h)).collect();
                    w!("{} = [{}]", field.key(), list.join(", "));
                }
            }
        }

        w!();
        w!("[values]");
        note!(
            "Eigen waarden vertaald naar de vaste waarden van een veld, per veld een tabel:",
            "Own values mapped to a field's fixed values, one table per field:"
        );
        for &field in Field::ALL {
            if let Some(keys) = vocabulary(field.kind()) {
                w!("#   {}: {}", field.key(), keys_list(keys.iter().copied()));
            }
        }
        if self.values.is_empty() {
            w!("# [values.channel]");
            w!("# {} = {}", quote("Postal mail"), quote("letter"));
        }
        for (field, map) in &self.values {
            w!();
            w!("[values.{}]", field.key());
            for (from, to) in map {
                w!("{} = {}", quote(from), quote(to));
            }
        }

        w!();
        note!(
            "De eigen oorzakenlijst: gaat voor op het automatisch samenvoegen van oorzaken.",
            "The company's cause list: applied before causes are grouped automatically."
        );
        if self.causes.is_empty() {
            w!("# [causes.{}]", quote("lekkage koudemiddel"));
            w!("# also = [{}]", quote("lek in koudemiddelleiding"));
            w!(
                "# nature = {}  # technical | non-technical",
                quote("technical")
            );
        }
        for (i, c) in self.causes.iter().enumerate() {
            if i > 0 {
                w!();
            }
            w!("[causes.{}]", quote(&c.name));
            if !c.also.is_empty() {
                let also: Vec<String> = c.also.iter().map(|a| quote(a)).collect();
                w!("also = [{}]", also.join(", "));
            }
            for line in cause_settings(c) {
                w!("{line}");
            }
        }

        let sig = &self.signals;
        w!();
        w!("[signals]");
        note!(
            "Signalen: een c-kaart per maand van ontvangen, technisch, niet-technisch en per oorzaak.",
            "Signals: a c-chart per month of received, technical, non-technical and per cause."
        );
        note!(
            "Gemiddelde en grenzen uit zoveel maanden vóór de periode (niet vóór de eerste klacht).",
            "Centre line and limits from this many months before the period (not before the first complaint)."
        );
        w!("baseline_months = {}", sig.baseline_months);
        note!(
            "Minder maanden historie dan dit: geen signalen (te weinig historie).",
            "Fewer months of history than this: no signals (too little history)."
        );
        w!("min_baseline = {}", sig.min_baseline);
        note!(
            "Regels: 1 een maand buiten de grenzen; 2 acht of meer maanden op rij boven of onder het gemiddelde; 3 zes maanden op rij stijgend of dalend.",
            "Rules: 1 a month outside the limits; 2 eight or more months in a row above or below the centre line; 3 six months in a row rising or falling."
        );
        let rules: Vec<String> = sig.rules.iter().map(u8::to_string).collect();
        w!("rules = [{}]", rules.join(", "));
        // Nothing when absent: the configuration the report shows stays as it was.
        if let Some(volume) = &self.volume {
            w!();
            w!("[volume]");
            note!(
                "Werkbonnen per maand, voor klachten per 1.000 werkbonnen; een maand zonder aantal heeft geen cijfer.",
                "Work orders per month, for complaints per 1,000 work orders; a month without a number has no rate."
            );
            note!(
                "Daarmee zijn de signalen een u-kaart op klachten per 1.000 werkbonnen, niet een c-kaart.",
                "With them the signals are a u-chart of complaints per 1,000 work orders, not a c-chart."
            );
            match volume {
                VolumeSetting::File { written, .. } => {
                    note!(
                        "Een CSV met maand, werkbonnen en eventueel afdeling; pad vanuit de map van dit bestand.",
                        "A CSV with month, work orders and optionally department; path from the folder of this file."
                    );
                    w!("file = {}", quote(written));
                }
                VolumeSetting::Months(months) => {
                    w!("[volume.months]");
                    for (month, n) in months {
                        w!("{} = {n}", quote(&month_key_text(*month)));
                    }
                }
            }
        }

        let lim = &self.limits;
        w!();
        w!("[limits]");
        note!(
            "Grenzen tegen te grote of beschadigde bestanden.",
            "Limits against oversized or damaged files."
        );
        w!(
            "max_bytes = {}  # {}",
            lim.max_bytes,
            t("bytes per invoerbestand", "bytes per input file")
        );
        w!(
            "max_cells = {}  # {}",
            lim.max_cells,
            t("cellen per werkblad", "cells per sheet")
        );
        w!(
            "max_fields = {}  # {}",
            lim.max_fields,
            t("velden per CSV-regel", "fields per CSV line")
        );
        w!(
            "max_ratio = {}  # {}",
            lim.max_ratio,
            t(
                "keer zo groot als het bestand mag een werkmap uitgepakt worden",
                "times its own size a workbook may unpack to"
            )
        );
        out
    }
}

fn lang_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    }
}

fn keys_list<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    keys.collect::<Vec<_>>().join(", ")
}

/// Closure days as written back: runs of three or more consecutive days as one period.
fn closure_texts(days: &[NaiveDate]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && days[j].succ_opt() == Some(days[j + 1]) {
            j += 1;
        }
        if j - i >= 2 {
            out.push(format!("{}..{}", days[i], days[j]));
        } else {
            out.extend(days[i..=j].iter().map(|d| d.to_string()));
        }
        i = j + 1;
    }
    out
}

fn target_text(days: Option<u32>) -> String {
    days.map_or_else(|| quote("none"), |d| d.to_string())
}

/// The settings of a cause list entry besides its name and `also`, one TOML line each:
/// `config --print` and `check --suggest-causes` write them alike.
pub(crate) fn cause_settings(c: &CauseEntry) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = c.nature {
        let key = match n {
            Nature::Technical => "technical",
            Nature::NonTechnical => "non-technical",
        };
        out.push(format!("nature = {}", quote(key)));
    }
    if let Some(g) = &c.group {
        out.push(format!("group = {}", quote(g)));
    }
    if let Some(a) = &c.action {
        out.push(format!("action = {}", quote(a)));
    }
    if let Some(d) = c.action_date {
        out.push(format!("action_date = {}", d.format("%Y-%m-%d")));
    }
    out
}

/// A TOML basic string, also valid as a quoted key (`toml`'s own formatting may choose a
/// multi-line string, which is not).
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text safe inside a `#` comment: a line break would end the comment.
fn comment_safe(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testdata::{date, parse, FULL};
    use super::*;
    use std::path::Path;

    #[test]
    fn an_empty_column_list_means_no_such_column_and_round_trips() {
        let c = Config::from_toml_str("[columns]\nnature = []\n", Path::new("k.toml")).unwrap();
        assert_eq!(c.columns.get(&Field::Nature), Some(&Vec::new()));
        let again =
            Config::from_toml_str(&c.to_toml_pretty(Lang::Nl), Path::new("k.toml")).unwrap();
        assert_eq!(again.columns, c.columns);
    }

    #[test]
    fn pretty_print_round_trips() {
        let path = Path::new("klacht.toml");
        let full = parse(FULL).unwrap();
        let mut tricky = full.clone();
        tricky.company = Some("Van \"Dijk\" & Zn.\\Koeling\nB.V.\t\u{1}'s".into());
        tricky
            .values
            .get_mut(&Field::Channel)
            .unwrap()
            .insert("Post's \"mail\"".into(), "letter".into());
        tricky.source = Some("dir\nwith newline/klacht.toml".into());
        for original in [Config::default(), full, tricky] {
            for lang in [Lang::Nl, Lang::En] {
                let text = original.to_toml_pretty(lang);
                let back =
                    Config::from_toml_str(&text, path).unwrap_or_else(|e| panic!("{e}\n{text}"));
                let expected = Config {
                    source: Some(path.to_path_buf()),
                    ..original.clone()
                };
                assert_eq!(back, expected, "{text}");
            }
        }
    }

    #[test]
    fn pretty_print_writes_every_default_with_comments() {
        let text = Config::default().to_toml_pretty(Lang::Nl);
        for needle in [
            "lang = \"nl\"",
            "date_order = \"day-first\"",
            "acknowledge = 1",
            "close = { 1 = 10, 2 = 10, 3 = 10, 4 = 20, 5 = 20, 6 = 20, 7 = 20, 8 = \"none\" }",
            "unclassified = 20",
            "stale = 10",
            "dispute_months = 10",
            "repeat_days = 365",
            "profile = \"cao\"",
            "closures = []",
            "missing-channel = \"warning\"",
            "dispute-window = \"info\"",
            "max_bytes = 2147483648",
            "max_cells = 100000000",
            "max_fields = 1000",
            "max_ratio = 100",
            "[signals]",
            "baseline_months = 24",
            "min_baseline = 12",
            "rules = [1, 2, 3]",
            "# Geen klacht.toml gevonden",
        ] {
            assert!(text.contains(needle), "{needle} missing from\n{text}");
        }
        for r in Rule::ALL {
            let line = format!("{} = \"{}\"", r.code(), r.default_severity().key());
            assert!(text.lines().any(|l| l == line), "{line} missing");
        }
        let en = parse(FULL).unwrap().to_toml_pretty(Lang::En);
        assert!(en.contains("# Read from: klacht.toml"));
        assert!(en.contains("missing-channel = \"error\"  # default: warning"));
        assert!(en.contains("repeat-complaint = \"off\"  # default: info"));
        assert!(
            en.contains("closures = [\"2026-07-20..2026-07-23\", \"2026-12-24\", \"2026-12-31\"]")
        );
        assert!(en.contains("customer = [\"Company\", \"Klantnaam\"]"));
        assert!(en.contains("[values.urgency]"));
        assert!(en.contains("\nbaseline_months = 36\n") && en.contains("\nmin_baseline = 18\n"));
        assert!(en.contains("rules = [1, 3]"));
        assert!(en.contains("[volume.months]\n\"2026-07\" = 412\n\"2026-08\" = 0\n"));
        // Without a volume nothing is written about it: the configuration the report shows
        // (Verantwoording) stays as it was.
        assert!(!text.contains("volume"), "{text}");
    }

    #[test]
    fn closure_runs_are_written_as_periods() {
        let days: Vec<NaiveDate> = [
            "2026-07-20",
            "2026-07-21",
            "2026-12-30",
            "2026-12-31",
            "2027-01-01",
            "2027-01-04",
        ]
        .into_iter()
        .map(date)
        .collect();
        assert_eq!(
            closure_texts(&days),
            [
                "2026-07-20",
                "2026-07-21",
                "2026-12-30..2027-01-01",
                "2027-01-04"
            ]
        );
    }
}
