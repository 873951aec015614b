//! The optional configuration file `klacht.toml` (SPEC section 7): company name, language,
//! targets, calendar, rule severities and the mappings that let foreign registers be read.
//!
//! Every mistake in the file stops the run with an error that names the setting, the file and
//! the line: a setting silently ignored would change the report without anyone noticing.
//!
//! This file holds the model and its defaults; the rest is one concern per file: `tree.rs`
//! parses the TOML and keeps where each key and value sits, `validate.rs` checks every key and
//! value with messages from the [`crate::messages`] catalogue, `print.rs` writes the effective
//! configuration back (`klacht config --print`), and `volume.rs` holds the company's work orders
//! per month (`[volume]`).

mod print;
mod tree;
mod validate;
mod volume;

pub(crate) use print::{cause_settings, quote};
pub use tree::line_of;
pub use volume::{
    month_key_text, month_start, parse_month_key, work_orders_over, DepartmentVolume,
    VolumeSetting, Volumes, MAX_WORK_ORDERS,
};

use crate::base::key::{key_chars, same_key};
use crate::base::DayOrder;
use crate::base::{Rule, Severity};
use crate::calendar::Profile;
use crate::register::{
    Channel, CustomerType, Field, FieldKind, HandlingMode, Justified, Nature, Satisfaction, Status,
    Urgency,
};
use crate::{Error, Lang};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The name looked for in the working directory.
pub const FILE_NAME: &str = "klacht.toml";

/// The effective configuration: the file's settings over the defaults of SPEC section 4.
///
/// Every section and key is optional; a missing one keeps its default. `klacht config
/// --print` writes the effective configuration with every default filled in
/// ([`Config::to_toml_pretty`]). A complete file:
///
/// ```toml
/// company = "Koeltechniek Van der Berg B.V."   # shown on the report
/// lang = "nl"                 # nl | en
/// date_order = "day-first"    # day-first | month-first (for ambiguous date columns)
///
/// [targets]                   # in working days unless the name says otherwise
/// acknowledge = 1
/// close = { 1 = 10, 2 = 10, 3 = 10, 4 = 20, 5 = 20, 6 = 20, 7 = 20, 8 = "none" }
/// unclassified = 20           # complaints without urgency; "none" (or false) = no target
/// stale = 10
/// dispute_months = 10
/// repeat_days = 365
///
/// [calendar]
/// profile = "cao"             # cao | atw
/// closures = ["2026-07-20..2026-08-07", "2026-12-31"]
///
/// [severity]                  # error | warning | info | off
/// missing-channel = "error"
/// repeat-complaint = "off"
///
/// [columns]                   # one header or a list of alternatives, besides the built-in ones
/// received_date = "Date received"
/// customer = ["Company", "Klantnaam"]
///
/// [values.channel]            # own words → the field's fixed keys
/// "Postal mail" = "letter"
///
/// [values.status]
/// RESOL = "closed"
///
/// [signals]                 # c-charts of the monthly counts, u-charts with [volume] (SPEC §10)
/// baseline_months = 24        # months before the period that give the centre line
/// min_baseline = 12           # fewer baseline months: no signals ("too little history")
/// rules = [1, 2, 3]           # the rules judged
///
/// [limits]
/// max_bytes = 2147483648
/// max_cells = 100000000
/// max_fields = 1000
/// max_ratio = 100
///
/// [volume]                    # work orders per month, for complaints per 1,000 work orders
/// months = { "2026-07" = 412, "2026-08" = 380 }   # or: file = "werkbonnen.csv"
/// ```
///
/// `close` may also be a table `[targets.close]` with `"1" = 10` and so on; keys left out keep
/// their default. Value mappings exist for the fields with fixed values (channel, nature,
/// urgency, status, handling_mode, customer_type, justified); their keys match cells case-,
/// accent-, space- and punctuation-insensitively.
///
/// Invariants kept by [`Config::from_toml_str`], which [`Config::to_toml_pretty`] relies on to
/// print a file that reads back equal: `severity` holds only real overrides (not the default,
/// not disabled rules), closures are sorted without duplicates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    /// Shown on the report.
    pub company: Option<String>,
    pub lang: Lang,
    /// Day/month order for date columns whose values leave it open.
    #[serde(serialize_with = "serialize_day_order")]
    pub date_order: DayOrder,
    pub targets: Targets,
    pub calendar: CalendarSettings,
    /// Severity overrides per rule; see [`Config::severity`].
    #[serde(serialize_with = "serialize_rule_map")]
    pub severity: BTreeMap<Rule, Severity>,
    /// Rules switched off (`"off"` in `[severity]`); see [`Config::enabled`].
    #[serde(serialize_with = "serialize_rule_set")]
    pub disabled: BTreeSet<Rule>,
    /// Headers mapped to a field, besides the built-in headers and synonyms.
    pub columns: BTreeMap<Field, Vec<String>>,
    /// Value mappings per field: text as written → the field's key.
    pub values: BTreeMap<Field, BTreeMap<String, String>>,
    pub limits: Limits,
    /// The company's cause list (`[causes."NAME"]`, SPEC §10), in file order.
    pub causes: Vec<CauseEntry>,
    pub signals: SignalSettings,
    /// The company's work orders per month (`[volume]`, SPEC §5 complaint rate), if given.
    pub volume: Option<VolumeSetting>,
    /// The file it came from; `None` for the defaults.
    pub source: Option<PathBuf>,
}

/// One entry of the company's cause list: applied before the automatic cause groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CauseEntry {
    /// The name the report shows.
    pub name: String,
    /// Other ways the register writes it (folded as the automatic groups fold).
    pub also: Vec<String>,
    /// The nature its complaints are counted under in the cause tables, when given.
    pub nature: Option<Nature>,
    /// A broader heading: the second Pareto (`kpi.cause_headings`).
    pub group: Option<String>,
    /// The corrective action taken.
    pub action: Option<String>,
    /// From when the action applies: its complaints before and after (`kpi.cause_actions`).
    pub action_date: Option<NaiveDate>,
}

/// The signals' control charts (`[signals]`, SPEC §10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignalSettings {
    /// Months before P's first month whose counts give the centre line and limits.
    pub baseline_months: u32,
    /// With fewer baseline months (a young register) no signals: "too little history".
    pub min_baseline: u32,
    /// The rules judged, of 1, 2 and 3; ascending, without duplicates.
    pub rules: Vec<u8>,
}

impl Default for SignalSettings {
    fn default() -> SignalSettings {
        SignalSettings {
            baseline_months: 24,
            min_baseline: 12,
            rules: vec![1, 2, 3],
        }
    }
}

/// The procedure's terms (SPEC section 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Targets {
    /// Working days to acknowledge receipt.
    pub ack_wd: u32,
    /// Working days to close, per urgency category 1–8; `None` is no target.
    pub close_wd: [Option<u32>; 8],
    /// Working days to close a complaint without urgency category; `None` is no target.
    pub unclassified_wd: Option<u32>,
    /// Working days without update after which an open complaint is stale.
    pub stale_wd: u32,
    /// Months a consumer complaint may stay open before the dispute-window signal.
    pub dispute_months: u32,
    /// Days back in which an earlier complaint of the same customer makes a repeat.
    pub repeat_days: u32,
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            ack_wd: 1,
            close_wd: [
                Some(10),
                Some(10),
                Some(10),
                Some(20),
                Some(20),
                Some(20),
                Some(20),
                None,
            ],
            unclassified_wd: Some(20),
            stale_wd: 10,
            dispute_months: 10,
            repeat_days: 365,
        }
    }
}

impl Targets {
    /// The closing target in working days for a complaint of urgency `u` (`None`:
    /// unclassified); `None` when there is no target.
    ///
    /// ```
    /// use klacht::config::Targets;
    /// use klacht::register::Urgency;
    /// let t = Targets::default();
    /// assert_eq!(t.close_target(Urgency::new(2)), Some(10));
    /// assert_eq!(t.close_target(Urgency::new(8)), None);
    /// assert_eq!(t.close_target(None), Some(20));
    /// ```
    pub fn close_target(&self, u: Option<Urgency>) -> Option<u32> {
        match u {
            Some(u) => self.close_wd[u.index()],
            None => self.unclassified_wd,
        }
    }
}

/// Which days count as working days.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CalendarSettings {
    pub profile: Profile,
    /// The company's own closure days (collective days off), sorted, without duplicates.
    pub closures: Vec<NaiveDate>,
}

impl CalendarSettings {
    /// The working-day calendar these settings ask for.
    pub fn working_days(&self) -> crate::calendar::Calendar {
        crate::calendar::Calendar::new(self.profile, &self.closures)
    }
}

/// Guards against files that would exhaust memory or time (a stray cell at XFD1048576, a CSV
/// without line breaks, a zip bomb). Reading takes them in
/// [`ReadOptions`](crate::ingest::ReadOptions); these defaults are the only ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_bytes: u64,
    /// Largest sheet, in cells of its used range.
    pub max_cells: u64,
    /// Most fields on one CSV line.
    pub max_fields: usize,
    /// Most times a workbook may unpack to its own size.
    pub max_ratio: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: 2 * 1024 * 1024 * 1024,
            max_cells: 100_000_000,
            max_fields: 1000,
            max_ratio: 100,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            company: None,
            lang: Lang::Nl,
            date_order: DayOrder::DayFirst,
            targets: Targets::default(),
            calendar: CalendarSettings::default(),
            severity: BTreeMap::new(),
            disabled: BTreeSet::new(),
            columns: BTreeMap::new(),
            values: BTreeMap::new(),
            limits: Limits::default(),
            causes: Vec::new(),
            signals: SignalSettings::default(),
            volume: None,
            source: None,
        }
    }
}

impl Config {
    /// Loads `path` if given (missing → Error E-not-found); else `klacht.toml` in `dir` if
    /// present; else defaults.
    pub fn load(explicit: Option<&Path>, dir: &Path) -> Result<Config, Error> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let p = dir.join(FILE_NAME);
                if !p.exists() {
                    return Ok(Config::default());
                }
                p
            }
        };
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, &e))?;
        let text = String::from_utf8(bytes).map_err(|_| Error::Encoding {
            path: path.clone(),
            encoding: "UTF-8",
        })?;
        Config::from_toml_str(&text, &path)
    }

    /// Parses the text of a `klacht.toml`; `source` names it in errors and in the result.
    ///
    /// ```
    /// use klacht::config::Config;
    /// use klacht::base::{Rule, Severity};
    /// let c = Config::from_toml_str("[severity]\nmissing-channel = \"error\"\n", "klacht.toml".as_ref())?;
    /// assert_eq!(c.severity(Rule::MissingChannel), Severity::Error);
    ///
    /// let e = Config::from_toml_str("\n[targets]\nclose_days = 3\n", "klacht.toml".as_ref()).unwrap_err();
    /// assert_eq!(e.to_string(), "klacht.toml, line 3: unknown setting targets.close_days. \
    ///     Allowed: acknowledge, close, unclassified, stale, dispute_months, repeat_days.");
    /// # Ok::<(), klacht::Error>(())
    /// ```
    pub fn from_toml_str(text: &str, source: &Path) -> Result<Config, Error> {
        validate::read(text, source)
    }

    /// The severity findings of `rule` get: the configured one, else the rule's default.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.severity
            .get(&rule)
            .copied()
            .unwrap_or_else(|| rule.default_severity())
    }

    /// Whether `rule` runs at all (`"off"` in `[severity]` switches it off).
    pub fn enabled(&self, rule: Rule) -> bool {
        !self.disabled.contains(&rule)
    }

    /// Looks up a value mapping: the configured target key for `raw_text` in `field`,
    /// matching keys case-, accent-, space- and punctuation-insensitively.
    ///
    /// ```
    /// use klacht::config::Config;
    /// use klacht::register::Field;
    /// let c = Config::from_toml_str("[values.channel]\n\"Postal mail\" = \"letter\"\n", "k.toml".as_ref())?;
    /// assert_eq!(c.map_value(Field::Channel, " POSTAL-mail "), Some("letter"));
    /// assert_eq!(c.map_value(Field::Status, "Postal mail"), None);
    /// # Ok::<(), klacht::Error>(())
    /// ```
    pub fn map_value(&self, field: Field, raw_text: &str) -> Option<&str> {
        let map = self.values.get(&field)?;
        // A cell of only punctuation or spaces is blank, never a mapped value.
        key_chars(raw_text).next()?;
        map.iter()
            .find(|(k, _)| same_key(k, raw_text))
            .map(|(_, v)| v.as_str())
    }
}

/// The keys of the urgency categories, as written in `[targets.close]` and `[values.urgency]`.
const URGENCY_KEYS: &[&str] = &["1", "2", "3", "4", "5", "6", "7", "8"];

/// The fixed keys a value mapping may target, for fields that have them.
///
/// ```
/// use klacht::{config::vocabulary, register::FieldKind};
/// assert_eq!(vocabulary(FieldKind::Nature), Some(vec!["technical", "non_technical"]));
/// assert_eq!(vocabulary(FieldKind::Date), None);
/// ```
pub fn vocabulary(kind: FieldKind) -> Option<Vec<&'static str>> {
    fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Option<Vec<&'static str>> {
        Some(all.iter().map(|v| key(*v)).collect())
    }
    match kind {
        FieldKind::Channel => keys(Channel::ALL, Channel::key),
        FieldKind::Nature => keys(Nature::ALL, Nature::key),
        FieldKind::Status => keys(Status::ALL, Status::key),
        FieldKind::HandlingMode => keys(HandlingMode::ALL, HandlingMode::key),
        FieldKind::CustomerType => keys(CustomerType::ALL, CustomerType::key),
        FieldKind::Justified => keys(Justified::ALL, Justified::key),
        FieldKind::Urgency => Some(URGENCY_KEYS.to_vec()),
        FieldKind::Satisfaction => Some(Satisfaction::KEYS.to_vec()),
        FieldKind::Text | FieldKind::Date | FieldKind::Money => None,
    }
}

/// The date order as `klacht.toml` writes it (`month-first`), not as `check --json` does.
fn serialize_day_order<S: Serializer>(order: &DayOrder, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(order.key())
}

fn serialize_rule_map<S: Serializer>(
    map: &BTreeMap<Rule, Severity>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(map.iter().map(|(r, sev)| (r.code(), sev)))
}

fn serialize_rule_set<S: Serializer>(set: &BTreeSet<Rule>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(set.iter().map(|r| r.code()))
}

/// Shared by the tests of this module and its parts.
#[cfg(test)]
mod testdata {
    use super::Config;
    use crate::Error;
    use chrono::NaiveDate;
    use std::path::Path;

    /// Reads `text` as a file named `klacht.toml`.
    pub(super) fn parse(text: &str) -> Result<Config, Error> {
        Config::from_toml_str(text, Path::new("klacht.toml"))
    }

    pub(super) fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A file that sets every setting, most of them away from their defaults.
    pub(super) const FULL: &str = r#"
company = "Koeltechniek Van der Berg B.V."
lang = "en"
date_order = "month-first"

[targets]
acknowledge = 2
close = { 1 = 5, 2 = 5, 3 = 10, 4 = 15, 5 = 20, 6 = 20, 7 = "none", 8 = false }
unclassified = "none"
stale = 15
dispute_months = 9
repeat_days = 180

[calendar]
profile = "atw"
closures = ["2026-07-20..2026-07-23", "2026-12-31", 2026-12-24, "2026-07-21"]

[severity]
missing-channel = "error"
repeat-complaint = "off"
missing-id = "warning"
stale = "Info"

[columns]
received_date = "Date received"
customer = ["Company", "Klantnaam"]

[values.channel]
"Postal mail" = "letter"
"Walk-in" = "in_person"

[values.status]
RESOL = "closed"

[values.urgency]
"High" = 2
"Low" = "8"

[causes."lekkage koudemiddel"]
also = ["lek in koudemiddelleiding", "koudemiddelverlies"]
nature = "technical"
group = "installatie"
action = "perscontrole bij elke oplevering"
action_date = 2026-03-01

[causes."Foutieve factuur"]
nature = "Non-Technical"

[signals]
baseline_months = 36
min_baseline = 18
rules = [3, 1, 3]
[volume.months]
"2026-07" = 412
"2026-08" = 0

[limits]
max_bytes = 1048576
max_cells = 5000000
max_fields = 200
max_ratio = 250
"#;
}

#[cfg(test)]
mod tests {
    use super::testdata::{parse, FULL};
    use super::*;

    #[test]
    fn defaults_are_the_specs() {
        let c = Config::default();
        assert_eq!(c.lang, Lang::Nl);
        assert_eq!(c.date_order, DayOrder::DayFirst);
        assert_eq!(c.company, None);
        let t = &c.targets;
        assert_eq!(t.ack_wd, 1);
        for n in 1..=3 {
            assert_eq!(t.close_target(Urgency::new(n)), Some(10), "urgency {n}");
        }
        for n in 4..=7 {
            assert_eq!(t.close_target(Urgency::new(n)), Some(20), "urgency {n}");
        }
        assert_eq!(t.close_target(Urgency::new(8)), None);
        assert_eq!(t.close_target(None), Some(20));
        assert_eq!((t.stale_wd, t.dispute_months, t.repeat_days), (10, 10, 365));
        assert_eq!(c.calendar.profile, Profile::Cao);
        assert!(c.calendar.closures.is_empty());
        assert_eq!(c.limits.max_bytes, 2_147_483_648);
        assert_eq!(c.limits.max_cells, 100_000_000);
        assert_eq!(c.limits.max_fields, 1000);
        let sig = &c.signals;
        assert_eq!((sig.baseline_months, sig.min_baseline), (24, 12));
        assert_eq!(sig.rules, [1, 2, 3]);
        for &r in Rule::ALL {
            assert_eq!(c.severity(r), r.default_severity());
            assert!(c.enabled(r));
        }
        assert_eq!(c.source, None);
        // An empty file is the defaults, from that file.
        let empty = parse("# nothing\n").unwrap();
        assert_eq!(
            empty,
            Config {
                source: Some("klacht.toml".into()),
                ..Config::default()
            }
        );
    }

    #[test]
    fn map_value_ignores_case_accents_spaces_and_punctuation() {
        let c = parse("[values.channel]\n\"Postal mail\" = \"letter\"\n\"Téléphone\" = \"phone\"\n[values.justified]\n\"J\" = \"yes\"\n").unwrap();
        for raw in [
            "Postal mail",
            "postal mail",
            "POSTAL-MAIL",
            " postal  mail ",
            "Postal_Mail.",
        ] {
            assert_eq!(c.map_value(Field::Channel, raw), Some("letter"), "{raw}");
        }
        for raw in [
            "telephone",
            "TÉLÉPHONE",
            "Telephone",
            "te\u{301}le\u{301}phone",
        ] {
            assert_eq!(c.map_value(Field::Channel, raw), Some("phone"), "{raw}");
        }
        assert_eq!(c.map_value(Field::Justified, "j."), Some("yes"));
        assert_eq!(c.map_value(Field::Channel, "Postal"), None);
        assert_eq!(c.map_value(Field::Channel, "-"), None);
        assert_eq!(c.map_value(Field::Channel, ""), None);
        assert_eq!(c.map_value(Field::Nature, "Postal mail"), None);
    }

    #[test]
    fn serialises_with_stable_keys() {
        let json = serde_json::to_value(parse(FULL).unwrap()).unwrap();
        assert_eq!(json["severity"]["missing-channel"], "error");
        assert_eq!(json["disabled"][0], "repeat-complaint");
        assert_eq!(json["date_order"], "month-first");
        assert_eq!(json["calendar"]["profile"], "atw");
        assert_eq!(json["columns"]["customer"][1], "Klantnaam");
        assert_eq!(json["calendar"]["closures"][0], "2026-07-20");
    }

    #[test]
    fn load_finds_the_file_in_the_directory_or_uses_defaults() {
        let dir = std::env::temp_dir().join(format!("klacht-config-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(FILE_NAME);
        let _ = std::fs::remove_file(&file);

        assert_eq!(Config::load(None, &dir).unwrap(), Config::default());

        std::fs::write(&file, "company = \"Frisse Lucht B.V.\"\n").unwrap();
        let c = Config::load(None, &dir).unwrap();
        assert_eq!(c.company.as_deref(), Some("Frisse Lucht B.V."));
        assert_eq!(c.source.as_deref(), Some(file.as_path()));

        let other = dir.join("elders.toml");
        std::fs::write(&other, "lang = \"en\"\n").unwrap();
        let c = Config::load(Some(&other), &dir).unwrap();
        assert_eq!((c.lang, c.company), (Lang::En, None));

        let missing = dir.join("weg.toml");
        assert_eq!(
            Config::load(Some(&missing), &dir).unwrap_err().code(),
            "E-not-found"
        );

        std::fs::write(&file, b"company = \"Caf\xe9\"\n").unwrap();
        assert_eq!(Config::load(None, &dir).unwrap_err().code(), "E-encoding");

        std::fs::write(&file, "[targets]\nstale = -1\n").unwrap();
        let e = Config::load(None, &dir).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("E-config-number", Some(file.as_path()))
        );

        std::fs::remove_dir_all(&dir).unwrap();
    }
}
