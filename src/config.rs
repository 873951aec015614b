//! The optional configuration file `klacht.toml` (SPEC section 7): company name, language,
//! targets, calendar, rule severities and the mappings that let foreign registers be read.
//!
//! Every mistake in the file stops the run with an error that names the setting, the file and
//! the line: a setting silently ignored would change the report without anyone noticing. The
//! file is parsed into a tree that keeps the byte position of every key and value (the `toml`
//! crate's span protocol), then checked by hand, so that messages come from the
//! [`crate::messages`] catalogue in Dutch and English.

use crate::calendar::Profile;
use crate::ingest::value::{key_chars, same_key, DayOrder};
use crate::register::{
    Channel, CustomerType, Field, FieldKind, HandlingMode, Justified, Nature, Status, Urgency,
};
use crate::rules::{Rule, Severity};
use crate::{Error, Lang};
use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
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
/// [limits]
/// max_bytes = 2147483648
/// max_cells = 100000000
/// max_fields = 1000
/// max_ratio = 100
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
    /// The file it came from; `None` for the defaults.
    pub source: Option<PathBuf>,
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

/// Guards against files that would exhaust memory or time (a stray cell at XFD1048576, a CSV
/// without line breaks, a zip bomb).
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
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::new("E-encoding", &path).with("encoding", "UTF-8"))?;
        Config::from_toml_str(&text, &path)
    }

    /// Parses the text of a `klacht.toml`; `source` names it in errors and in the result.
    ///
    /// ```
    /// use klacht::config::Config;
    /// use klacht::rules::{Rule, Severity};
    /// let c = Config::from_toml_str("[severity]\nmissing-channel = \"error\"\n", "klacht.toml".as_ref())?;
    /// assert_eq!(c.severity(Rule::MissingChannel), Severity::Error);
    ///
    /// let e = Config::from_toml_str("\n[targets]\nclose_days = 3\n", "klacht.toml".as_ref()).unwrap_err();
    /// assert_eq!(e.to_string(), "klacht.toml, line 3: unknown setting targets.close_days. \
    ///     Allowed: acknowledge, close, unclassified, stale, dispute_months, repeat_days.");
    /// # Ok::<(), klacht::Error>(())
    /// ```
    pub fn from_toml_str(text: &str, source: &Path) -> Result<Config, Error> {
        // Windows Notepad writes a byte order mark; TOML does not allow one.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc = Doc { text, file: source };
        let root: Located = toml::from_str(text).map_err(|e| doc.syntax(&e))?;
        let root = Slot {
            key: "",
            path: String::new(),
            node: &root.node,
            key_at: 0,
            at: 0,
        };
        let mut cfg = Config {
            source: Some(source.to_path_buf()),
            ..Config::default()
        };
        for s in doc.table(&root)? {
            match s.key {
                "company" => {
                    let name = doc.text(&s)?.trim();
                    cfg.company = (!name.is_empty()).then(|| name.to_string());
                }
                "lang" => {
                    cfg.lang = match &s.node {
                        Node::Text(t) => Lang::parse(t),
                        _ => None,
                    }
                    .ok_or_else(|| doc.bad_choice(&s, &["nl", "en"]))?;
                }
                "date_order" => {
                    cfg.date_order = match doc.choice(&s, DATE_ORDERS)? {
                        "month-first" => DayOrder::MonthFirst,
                        _ => DayOrder::DayFirst,
                    };
                }
                "targets" => doc.targets(&s, &mut cfg.targets)?,
                "calendar" => doc.calendar(&s, &mut cfg.calendar)?,
                "severity" => doc.severities(&s, &mut cfg)?,
                "columns" => doc.columns(&s, &mut cfg.columns)?,
                "values" => doc.values(&s, &mut cfg.values)?,
                "limits" => doc.limits(&s, &mut cfg.limits)?,
                _ => return Err(doc.unknown(&s, TOP_KEYS)),
            }
        }
        Ok(cfg)
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

/// The line (1-based) holding byte `byte_offset` of `text`.
///
/// ```
/// assert_eq!(klacht::config::line_of("a = 1\nb = 2\n", 6), 2);
/// ```
pub fn line_of(text: &str, byte_offset: usize) -> usize {
    let end = byte_offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

// ---------------------------------------------------------------------------------------------
// Keys and choices of the file.

const TOP_KEYS: &[&str] = &[
    "company",
    "lang",
    "date_order",
    "targets",
    "calendar",
    "severity",
    "columns",
    "values",
    "limits",
];
const TARGET_KEYS: &[&str] = &[
    "acknowledge",
    "close",
    "unclassified",
    "stale",
    "dispute_months",
    "repeat_days",
];
const CALENDAR_KEYS: &[&str] = &["profile", "closures"];
const LIMIT_KEYS: &[&str] = &["max_bytes", "max_cells", "max_fields", "max_ratio"];
const URGENCY_KEYS: &[&str] = &["1", "2", "3", "4", "5", "6", "7", "8"];
const DATE_ORDERS: &[&str] = &["day-first", "month-first"];
const PROFILES: &[&str] = &["cao", "atw"];
const SEVERITIES: &[&str] = &["error", "warning", "info", "off"];
/// Working-day terms longer than four years are typing errors.
const MAX_WORKING_DAYS: i64 = 1000;
/// A closure period longer than a year is a typing error, and would be expanded day by day.
const MAX_CLOSURE_DAYS: i64 = 366;

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
        FieldKind::Text | FieldKind::Date | FieldKind::Decimal => None,
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

// ---------------------------------------------------------------------------------------------
// Checking the parsed tree.

/// The file being read, for building errors with its name and line numbers.
struct Doc<'a> {
    text: &'a str,
    file: &'a Path,
}

/// One key of the file with its value: `path` is the dotted name shown in errors
/// (`targets.close.9`), `key_at` and `at` the byte positions of key and value.
struct Slot<'n> {
    key: &'n str,
    path: String,
    node: &'n Node,
    key_at: usize,
    at: usize,
}

impl Doc<'_> {
    fn error(&self, code: &'static str, key: &str, at: usize) -> Error {
        Error::new(code, self.file)
            .with("line", line_of(self.text, at))
            .with("key", key)
    }

    fn syntax(&self, e: &toml::de::Error) -> Error {
        let at = e.span().map_or(0, |s| s.start);
        Error::new("E-config-syntax", self.file)
            .with("line", line_of(self.text, at))
            .detail(e.message().trim().replace('\n', "; "))
    }

    fn unknown(&self, s: &Slot, allowed: &[&str]) -> Error {
        self.error("E-config-unknown-key", &s.path, s.key_at)
            .with("allowed", allowed.join(", "))
    }

    fn bad_choice(&self, s: &Slot, allowed: &[&str]) -> Error {
        self.error("E-config-choice", &s.path, s.at)
            .with("value", s.node.show())
            .with("allowed", allowed.join(", "))
    }

    /// The entries of a table, with their positions (an implicit table such as `values` in
    /// `[values.channel]` has none of its own: its key's position stands in).
    fn table<'n>(&self, s: &Slot<'n>) -> Result<Vec<Slot<'n>>, Error> {
        let Node::Table(entries) = s.node else {
            return Err(self.error("E-config-not-table", &s.path, s.at));
        };
        Ok(entries
            .iter()
            .map(|e| {
                let key_at = e.key_at.unwrap_or(s.at);
                Slot {
                    key: &e.key,
                    path: if s.path.is_empty() {
                        e.key.clone()
                    } else {
                        format!("{}.{}", s.path, e.key)
                    },
                    node: &e.value.node,
                    key_at,
                    at: e.value.at.unwrap_or(key_at),
                }
            })
            .collect())
    }

    fn text<'n>(&self, s: &Slot<'n>) -> Result<&'n str, Error> {
        match s.node {
            Node::Text(t) => Ok(t),
            _ => Err(self.error("E-config-not-text", &s.path, s.at)),
        }
    }

    /// One of `allowed`, written in any case and with spaces around.
    fn choice<'c>(&self, s: &Slot, allowed: &[&'c str]) -> Result<&'c str, Error> {
        if let Node::Text(t) = s.node {
            let t = t.trim();
            if let Some(c) = allowed.iter().find(|c| c.eq_ignore_ascii_case(t)) {
                return Ok(c);
            }
        }
        Err(self.bad_choice(s, allowed))
    }

    fn number(&self, s: &Slot, min: i64, max: i64) -> Result<i64, Error> {
        match s.node {
            Node::Int(n) if (min..=max).contains(n) => Ok(*n),
            _ => Err(self
                .error("E-config-number", &s.path, s.at)
                .with("value", s.node.show())
                .with("min", min)
                .with("max", max)),
        }
    }

    /// A working-day target, or `"none"` / `false` for none.
    fn target(&self, s: &Slot) -> Result<Option<u32>, Error> {
        match s.node {
            Node::Bool(false) => return Ok(None),
            Node::Text(t) if t.trim().eq_ignore_ascii_case("none") => return Ok(None),
            Node::Int(n) => {
                if let Some(n) = working_days(*n) {
                    return Ok(Some(n));
                }
            }
            _ => {}
        }
        Err(self
            .error("E-config-number-or-none", &s.path, s.at)
            .with("value", s.node.show())
            .with("min", 0)
            .with("max", MAX_WORKING_DAYS))
    }

    fn targets(&self, s: &Slot, out: &mut Targets) -> Result<(), Error> {
        for s in self.table(s)? {
            match s.key {
                "acknowledge" => out.ack_wd = self.u32(&s, 0)?,
                "close" => {
                    for s in self.table(&s)? {
                        let u = s.key.parse::<u8>().ok().and_then(Urgency::new);
                        let u = u.ok_or_else(|| self.unknown(&s, URGENCY_KEYS))?;
                        out.close_wd[u.index()] = self.target(&s)?;
                    }
                }
                "unclassified" => out.unclassified_wd = self.target(&s)?,
                "stale" => out.stale_wd = self.u32(&s, 1)?,
                "dispute_months" => out.dispute_months = self.number_u32(&s, 1, 120)?,
                "repeat_days" => out.repeat_days = self.number_u32(&s, 1, 3660)?,
                _ => return Err(self.unknown(&s, TARGET_KEYS)),
            }
        }
        Ok(())
    }

    /// A number of working days of at least `min`.
    fn u32(&self, s: &Slot, min: i64) -> Result<u32, Error> {
        self.number_u32(s, min, MAX_WORKING_DAYS)
    }

    fn number_u32(&self, s: &Slot, min: i64, max: i64) -> Result<u32, Error> {
        let n = self.number(s, min, max)?;
        // In range [min, max] with max far below u32::MAX.
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn calendar(&self, s: &Slot, out: &mut CalendarSettings) -> Result<(), Error> {
        for s in self.table(s)? {
            match s.key {
                "profile" => {
                    out.profile = match self.choice(&s, PROFILES)? {
                        "atw" => Profile::Atw,
                        _ => Profile::Cao,
                    }
                }
                "closures" => {
                    let Node::Array(items) = s.node else {
                        return Err(self.error("E-config-not-list", &s.path, s.at));
                    };
                    let mut days = Vec::new();
                    for item in items {
                        let at = item.at.unwrap_or(s.at);
                        let text = match &item.node {
                            Node::Text(t) | Node::Datetime(t) => Some(t.as_str()),
                            _ => None,
                        };
                        let period = text.and_then(parse_period).ok_or_else(|| {
                            self.error("E-config-date", &s.path, at)
                                .with("value", item.node.show())
                                .with("max", MAX_CLOSURE_DAYS)
                        })?;
                        days.extend(period);
                    }
                    days.sort_unstable();
                    days.dedup();
                    out.closures = days;
                }
                _ => return Err(self.unknown(&s, CALENDAR_KEYS)),
            }
        }
        Ok(())
    }

    fn severities(&self, s: &Slot, cfg: &mut Config) -> Result<(), Error> {
        let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        for s in self.table(s)? {
            let rule = Rule::from_code(s.key).ok_or_else(|| self.unknown(&s, &codes))?;
            match Severity::from_key(self.choice(&s, SEVERITIES)?) {
                None => {
                    cfg.disabled.insert(rule);
                }
                Some(sev) => {
                    if sev != rule.default_severity() {
                        cfg.severity.insert(rule, sev);
                    }
                }
            }
        }
        Ok(())
    }

    fn columns(&self, s: &Slot, out: &mut BTreeMap<Field, Vec<String>>) -> Result<(), Error> {
        let fields: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        for s in self.table(s)? {
            let field = Field::from_key(s.key).ok_or_else(|| self.unknown(&s, &fields))?;
            let not_texts = || self.error("E-config-not-texts", &s.path, s.at);
            // An empty list says the register has no such column: it is then never guessed.
            let items: Vec<(&Node, usize)> = match s.node {
                Node::Array(items) => items
                    .iter()
                    .map(|i| (&i.node, i.at.unwrap_or(s.at)))
                    .collect(),
                node => vec![(node, s.at)],
            };
            let mut headers: Vec<String> = Vec::new();
            for (node, at) in items {
                let header = match node {
                    Node::Text(t) if key_chars(t).next().is_some() => t.trim(),
                    _ => return Err(not_texts()),
                };
                // The same header under another field would make the mapping ambiguous.
                let clash = out
                    .iter()
                    .find(|(_, hs)| hs.iter().any(|h| same_key(h, header)));
                if let Some((other, _)) = clash {
                    return Err(self
                        .error("E-config-duplicate", &s.path, at)
                        .with("value", quote(header))
                        .with("other", format!("columns.{other}")));
                }
                if !headers.iter().any(|h| same_key(h, header)) {
                    headers.push(header.to_string());
                }
            }
            out.insert(field, headers);
        }
        Ok(())
    }

    fn values(
        &self,
        s: &Slot,
        out: &mut BTreeMap<Field, BTreeMap<String, String>>,
    ) -> Result<(), Error> {
        let fields: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        let mappable: Vec<&str> = Field::ALL
            .iter()
            .filter(|f| vocabulary(f.kind()).is_some())
            .map(|f| f.key())
            .collect();
        for s in self.table(s)? {
            let field = Field::from_key(s.key).ok_or_else(|| self.unknown(&s, &fields))?;
            let allowed = vocabulary(field.kind()).ok_or_else(|| {
                self.error("E-config-no-values", &s.path, s.key_at)
                    .with("allowed", mappable.join(", "))
            })?;
            let mut map = BTreeMap::new();
            for v in self.table(&s)? {
                if key_chars(v.key).next().is_none() {
                    return Err(self.error("E-config-blank-key", &v.path, v.key_at));
                }
                if let Some(other) = map.keys().find(|k: &&String| same_key(k, v.key)) {
                    return Err(self
                        .error("E-config-duplicate", &v.path, v.key_at)
                        .with("value", quote(v.key))
                        .with("other", format!("{}.{}", s.path, quote(other))));
                }
                let target = match v.node {
                    Node::Int(n) if field == Field::Urgency => URGENCY_KEYS
                        .iter()
                        .find(|k| **k == n.to_string())
                        .copied()
                        .ok_or_else(|| self.bad_choice(&v, &allowed))?,
                    _ => self.choice(&v, &allowed)?,
                };
                map.insert(v.key.to_string(), target.to_string());
            }
            out.insert(field, map);
        }
        Ok(())
    }

    fn limits(&self, s: &Slot, out: &mut Limits) -> Result<(), Error> {
        for s in self.table(s)? {
            match s.key {
                "max_bytes" => out.max_bytes = self.number(&s, 1, i64::MAX)?.unsigned_abs(),
                "max_cells" => out.max_cells = self.number(&s, 1, i64::MAX)?.unsigned_abs(),
                "max_ratio" => out.max_ratio = self.number(&s, 1, i64::MAX)?.unsigned_abs(),
                "max_fields" => {
                    let n = self.number(&s, 1, 1_000_000)?;
                    // In range [1, 1_000_000], which fits every usize Rust supports.
                    out.max_fields = usize::try_from(n).unwrap_or(usize::MAX);
                }
                _ => return Err(self.unknown(&s, LIMIT_KEYS)),
            }
        }
        Ok(())
    }
}

fn working_days(n: i64) -> Option<u32> {
    if (0..=MAX_WORKING_DAYS).contains(&n) {
        u32::try_from(n).ok()
    } else {
        None
    }
}

/// A date `2026-07-20` or a period `2026-07-20..2026-08-07` (both ends included, earliest
/// first, at most [`MAX_CLOSURE_DAYS`] days).
fn parse_period(text: &str) -> Option<Vec<NaiveDate>> {
    let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let (from, to) = match text.split_once("..") {
        Some((a, b)) => (date(a)?, date(b)?),
        None => (date(text)?, date(text)?),
    };
    let days = (to - from).num_days();
    if !(0..MAX_CLOSURE_DAYS).contains(&days) {
        return None;
    }
    Some(from.iter_days().take_while(|d| *d <= to).collect())
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

// ---------------------------------------------------------------------------------------------
// A TOML tree that keeps positions.
//
// `toml::Spanned` cannot be used throughout: an implicit table (`values` in `[values.channel]`)
// has no span, and `Spanned` then fails to parse. So this tree speaks the span protocol of
// `serde_spanned` (which `toml` 0.8 uses) itself and accepts values with or without a span.

/// Struct name and fields by which `toml` recognises a request for a value with its span.
const SPANNED: &str = "$__serde_spanned_private_Spanned";
const SPAN_START: &str = "$__serde_spanned_private_start";
const SPAN_END: &str = "$__serde_spanned_private_end";
const SPAN_VALUE: &str = "$__serde_spanned_private_value";
const SPANNED_FIELDS: &[&str] = &[SPAN_START, SPAN_END, SPAN_VALUE];
/// The single field of the map by which `toml` hands over a date-time.
const DATETIME: &str = "$__toml_private_datetime";

/// A TOML value.
#[derive(Debug)]
enum Node {
    Table(Vec<Entry>),
    Array(Vec<Located>),
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// An unquoted date or date-time, as written.
    Datetime(String),
}

impl Node {
    /// The value as shown in a message.
    fn show(&self) -> String {
        match self {
            Node::Table(_) => "{…}".to_string(),
            Node::Array(_) => "[…]".to_string(),
            Node::Text(t) => quote(t),
            Node::Int(n) => n.to_string(),
            Node::Float(x) => x.to_string(),
            Node::Bool(b) => b.to_string(),
            Node::Datetime(d) => d.clone(),
        }
    }
}

/// A key of a table, its byte position, and its value.
#[derive(Debug)]
struct Entry {
    key: String,
    key_at: Option<usize>,
    value: Located,
}

/// A value and the byte position where it starts, when the parser knows it.
#[derive(Debug)]
struct Located {
    node: Node,
    at: Option<usize>,
}

impl<'de> Deserialize<'de> for Located {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Located, D::Error> {
        d.deserialize_struct(SPANNED, SPANNED_FIELDS, NodeVisitor)
    }
}

/// Reads the value inside a span: asking for a span again would wrap it forever.
struct Unspanned;

impl<'de> DeserializeSeed<'de> for Unspanned {
    type Value = Located;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Located, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

fn unplaced(node: Node) -> Located {
    Located { node, at: None }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Located;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Located, E> {
        Ok(unplaced(Node::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Located, E> {
        Ok(unplaced(Node::Int(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Located, E> {
        i64::try_from(v)
            .map(|v| unplaced(Node::Int(v)))
            .map_err(|_| E::custom("integer too large"))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Located, E> {
        Ok(unplaced(Node::Float(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Located, E> {
        Ok(unplaced(Node::Text(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Located, E> {
        Ok(unplaced(Node::Text(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Located, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Located>()? {
            items.push(item);
        }
        Ok(unplaced(Node::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Located, A::Error> {
        let Some(first) = map.next_key::<Key>()? else {
            return Ok(unplaced(Node::Table(Vec::new())));
        };
        match (first.name.as_str(), first.at) {
            (SPAN_START, None) => {
                let start: usize = map.next_value()?;
                expect_key(&mut map, SPAN_END)?;
                let _end: usize = map.next_value()?;
                expect_key(&mut map, SPAN_VALUE)?;
                let inner = map.next_value_seed(Unspanned)?;
                Ok(Located {
                    node: inner.node,
                    at: Some(start),
                })
            }
            (DATETIME, None) => Ok(unplaced(Node::Datetime(map.next_value()?))),
            _ => {
                let mut entries = vec![Entry {
                    key: first.name,
                    key_at: first.at,
                    value: map.next_value()?,
                }];
                while let Some(key) = map.next_key::<Key>()? {
                    entries.push(Entry {
                        key: key.name,
                        key_at: key.at,
                        value: map.next_value()?,
                    });
                }
                Ok(unplaced(Node::Table(entries)))
            }
        }
    }
}

fn expect_key<'de, A: MapAccess<'de>>(map: &mut A, want: &str) -> Result<(), A::Error> {
    match map.next_key::<Key>()? {
        Some(k) if k.name == want => Ok(()),
        _ => Err(de::Error::custom("malformed span from the TOML parser")),
    }
}

/// A table key with its byte position; the span protocol's own field names come without one.
struct Key {
    name: String,
    at: Option<usize>,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        d.deserialize_struct(SPANNED, SPANNED_FIELDS, KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOML key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(Key {
            name: v.to_string(),
            at: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Key, A::Error> {
        expect_field(&mut map, SPAN_START)?;
        let start: usize = map.next_value()?;
        expect_field(&mut map, SPAN_END)?;
        let _end: usize = map.next_value()?;
        expect_field(&mut map, SPAN_VALUE)?;
        Ok(Key {
            name: map.next_value()?,
            at: Some(start),
        })
    }
}

/// Like [`expect_key`] for the plain field names inside a key's span (no recursion into
/// [`Key`], which would ask for a span again).
fn expect_field<'de, A: MapAccess<'de>>(map: &mut A, want: &str) -> Result<(), A::Error> {
    match map.next_key::<String>()? {
        Some(k) if k == want => Ok(()),
        _ => Err(de::Error::custom("malformed key span from the TOML parser")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::from_toml_str(text, Path::new("klacht.toml"))
    }

    /// Parses `text`, expecting an error: returns it for the code/line/key checks.
    fn fail(text: &str) -> Error {
        match parse(text) {
            Ok(c) => panic!("expected an error for {text:?}, got {c:?}"),
            Err(e) => e,
        }
    }

    fn arg<'e>(e: &'e Error, key: &str) -> &'e str {
        e.args
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {key} in {e:?}"))
    }

    /// Code, line and key of an error.
    fn where_(e: &Error) -> (&'static str, usize, &str) {
        let line = arg(e, "line").parse().unwrap();
        (e.code, line, arg(e, "key"))
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const FULL: &str = r#"
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

[limits]
max_bytes = 1048576
max_cells = 5000000
max_fields = 200
max_ratio = 250
"#;

    #[test]
    fn an_empty_column_list_means_no_such_column_and_round_trips() {
        let c = Config::from_toml_str("[columns]\nnature = []\n", Path::new("k.toml")).unwrap();
        assert_eq!(c.columns.get(&Field::Nature), Some(&Vec::new()));
        let again =
            Config::from_toml_str(&c.to_toml_pretty(Lang::Nl), Path::new("k.toml")).unwrap();
        assert_eq!(again.columns, c.columns);
    }

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
    fn full_example_parses_to_the_expected_config() {
        let c = parse(FULL).unwrap();
        let expected = Config {
            company: Some("Koeltechniek Van der Berg B.V.".into()),
            lang: Lang::En,
            date_order: DayOrder::MonthFirst,
            targets: Targets {
                ack_wd: 2,
                close_wd: [
                    Some(5),
                    Some(5),
                    Some(10),
                    Some(15),
                    Some(20),
                    Some(20),
                    None,
                    None,
                ],
                unclassified_wd: None,
                stale_wd: 15,
                dispute_months: 9,
                repeat_days: 180,
            },
            calendar: CalendarSettings {
                profile: Profile::Atw,
                closures: [
                    "2026-07-20",
                    "2026-07-21",
                    "2026-07-22",
                    "2026-07-23",
                    "2026-12-24",
                    "2026-12-31",
                ]
                .into_iter()
                .map(date)
                .collect(),
            },
            // missing-id = "warning" is its default: not an override.
            severity: [
                (Rule::MissingChannel, Severity::Error),
                (Rule::Stale, Severity::Info),
            ]
            .into(),
            disabled: [Rule::RepeatComplaint].into(),
            columns: [
                (Field::ReceivedDate, vec!["Date received".to_string()]),
                (
                    Field::Customer,
                    vec!["Company".to_string(), "Klantnaam".to_string()],
                ),
            ]
            .into(),
            values: [
                (
                    Field::Channel,
                    [
                        ("Postal mail".to_string(), "letter".to_string()),
                        ("Walk-in".to_string(), "in_person".to_string()),
                    ]
                    .into(),
                ),
                (
                    Field::Status,
                    [("RESOL".to_string(), "closed".to_string())].into(),
                ),
                (
                    Field::Urgency,
                    [
                        ("High".to_string(), "2".to_string()),
                        ("Low".to_string(), "8".to_string()),
                    ]
                    .into(),
                ),
            ]
            .into(),
            limits: Limits {
                max_bytes: 1_048_576,
                max_cells: 5_000_000,
                max_fields: 200,
                max_ratio: 250,
            },
            source: Some("klacht.toml".into()),
        };
        assert_eq!(c, expected);
        assert_eq!(c.severity(Rule::MissingChannel), Severity::Error);
        assert_eq!(c.severity(Rule::MissingId), Severity::Warning);
        assert!(!c.enabled(Rule::RepeatComplaint));
        assert!(c.enabled(Rule::MissingChannel));
    }

    #[test]
    fn close_targets_as_a_table_override_only_the_keys_given() {
        let c = parse("[targets.close]\n\"4\" = 15\n8 = 40\n").unwrap();
        let mut close = Targets::default().close_wd;
        close[3] = Some(15);
        close[7] = Some(40);
        assert_eq!(c.targets.close_wd, close);
        assert_eq!(c.targets.unclassified_wd, Some(20));
        // Dotted keys work too.
        let c = parse("targets.close.2 = 3\ntargets.unclassified = false\n").unwrap();
        assert_eq!(c.targets.close_wd[1], Some(3));
        assert_eq!(c.targets.unclassified_wd, None);
    }

    #[test]
    fn lenient_spellings_of_choices_are_accepted() {
        let c = parse("lang = \"English\"\ndate_order = \" Month-First \"\n[calendar]\nprofile = \"ATW\"\n[values.status]\nklaar = \"Closed\"\n").unwrap();
        assert_eq!(c.lang, Lang::En);
        assert_eq!(c.date_order, DayOrder::MonthFirst);
        assert_eq!(c.calendar.profile, Profile::Atw);
        assert_eq!(c.map_value(Field::Status, "Klaar"), Some("closed"));
        // A blank company name is no company name; a byte order mark is ignored.
        let c = parse("\u{feff}company = \"  \"\n").unwrap();
        assert_eq!(c.company, None);
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let cases: &[(&str, usize, &str)] = &[
            ("company = \"X\"\ncolour = \"blue\"\n", 2, "colour"),
            (
                "\n\n[targets]\nacknowledge = 1\nclose_days = 3\n",
                5,
                "targets.close_days",
            ),
            ("[targets.close]\n1 = 5\n9 = 20\n", 3, "targets.close.9"),
            (
                "[targets]\nclose = { 1 = 5, 0 = 20 }\n",
                2,
                "targets.close.0",
            ),
            (
                "[calendar]\nprofile = \"cao\"\nholidays = []\n",
                3,
                "calendar.holidays",
            ),
            ("[limits]\n\nmax_rows = 5\n", 3, "limits.max_rows"),
            (
                "[severity]\nmissing-channel = \"error\"\nmissing-chanel = \"error\"\n",
                3,
                "severity.missing-chanel",
            ),
            (
                "[columns]\nreceived_date = \"Date\"\n\nontvangen = \"Datum\"\n",
                4,
                "columns.ontvangen",
            ),
            (
                "lang = \"nl\"\n[values.kanaal]\n\"Post\" = \"letter\"\n",
                2,
                "values.kanaal",
            ),
            ("[targetz]\nstale = 3\n", 1, "targetz"),
            ("company = \"X\"\n\n[extra.sub]\nx = 1\n", 3, "extra"),
            (
                "[severity]\nstale = \"info\"\n\n[severity.sub]\nx = 1\n",
                4,
                "severity.sub",
            ),
        ];
        for (text, line, key) in cases {
            let e = fail(text);
            let (code, l, k) = where_(&e);
            assert_eq!(
                (code, l, k),
                ("E-config-unknown-key", *line, *key),
                "{text:?}: {e}"
            );
        }
        // The message lists what is possible and names the file.
        let e = fail("[severity]\nhoog = \"error\"\n");
        let msg = e.message(Lang::Nl);
        assert!(
            msg.starts_with("klacht.toml, regel 2: onbekende instelling severity.hoog."),
            "{msg}"
        );
        assert!(msg.contains("missing-channel"), "{msg}");
        let e = fail("[columns]\nklant = \"Naam\"\n");
        assert!(e.message(Lang::En).contains("received_date"));
    }

    #[test]
    fn bad_values_are_named_with_their_line() {
        let cases: &[(&str, &str, usize, &str)] = &[
            ("lang = \"fr\"\n", "E-config-choice", 1, "lang"),
            ("\nlang = 1\n", "E-config-choice", 2, "lang"),
            ("date_order = \"ymd\"\n", "E-config-choice", 1, "date_order"),
            (
                "[severity]\n\nmissing-channel = \"hoog\"\n",
                "E-config-choice",
                3,
                "severity.missing-channel",
            ),
            (
                "[targets]\nacknowledge = -3\n",
                "E-config-number",
                2,
                "targets.acknowledge",
            ),
            (
                "[targets]\nstale = \"tien\"\n",
                "E-config-number",
                2,
                "targets.stale",
            ),
            (
                "[targets]\nstale = 1.5\n",
                "E-config-number",
                2,
                "targets.stale",
            ),
            (
                "[targets.close]\n1 = 10\n2 = -3\n",
                "E-config-number-or-none",
                3,
                "targets.close.2",
            ),
            (
                "[targets]\nunclassified = true\n",
                "E-config-number-or-none",
                2,
                "targets.unclassified",
            ),
            (
                "[targets.close]\n\"3\" = \"geen idee\"\n",
                "E-config-number-or-none",
                2,
                "targets.close.3",
            ),
            (
                "[targets]\ndispute_months = 0\n",
                "E-config-number",
                2,
                "targets.dispute_months",
            ),
            (
                "[targets]\nclose = 10\n",
                "E-config-not-table",
                2,
                "targets.close",
            ),
            ("targets = 5\n", "E-config-not-table", 1, "targets"),
            (
                "[[targets]]\nstale = 3\n",
                "E-config-not-table",
                1,
                "targets",
            ),
            (
                "[calendar]\nclosures = [\n  \"2026-07-20\",\n  \"2026-13-01\",\n]\n",
                "E-config-date",
                4,
                "calendar.closures",
            ),
            (
                "[calendar]\nclosures = [\"2026-08-07..2026-07-20\"]\n",
                "E-config-date",
                2,
                "calendar.closures",
            ),
            (
                "[calendar]\nclosures = [\"2026-01-01..2027-12-31\"]\n",
                "E-config-date",
                2,
                "calendar.closures",
            ),
            (
                "[calendar]\nclosures = [2026-07-20T08:00:00]\n",
                "E-config-date",
                2,
                "calendar.closures",
            ),
            (
                "[calendar]\nclosures = [20260720]\n",
                "E-config-date",
                2,
                "calendar.closures",
            ),
            (
                "[calendar]\nclosures = \"2026-07-20\"\n",
                "E-config-not-list",
                2,
                "calendar.closures",
            ),
            (
                "[calendar]\nprofile = \"bouw\"\n",
                "E-config-choice",
                2,
                "calendar.profile",
            ),
            (
                "[values.channel]\n\"Postal mail\" = \"letter\"\n\"Bus\" = \"brievenbus\"\n",
                "E-config-choice",
                3,
                "values.channel.Bus",
            ),
            (
                "[values.urgency]\nhoog = 9\n",
                "E-config-choice",
                2,
                "values.urgency.hoog",
            ),
            (
                "[values.received_date]\n\"gisteren\" = \"2026-01-01\"\n",
                "E-config-no-values",
                1,
                "values.received_date",
            ),
            (
                "[values.channel]\n\"-\" = \"other\"\n",
                "E-config-blank-key",
                2,
                "values.channel.-",
            ),
            (
                "[values.channel]\n\"E-mail\" = \"email\"\nemail = \"email\"\n",
                "E-config-duplicate",
                3,
                "values.channel.email",
            ),
            (
                "values = { channel = 3 }\n",
                "E-config-not-table",
                1,
                "values.channel",
            ),
            ("company = 42\n", "E-config-not-text", 1, "company"),
            (
                "[columns]\ncustomer = [\"Klant\", 3]\n",
                "E-config-not-texts",
                2,
                "columns.customer",
            ),
            (
                "[columns]\ncustomer = \"Naam\"\nhandler = [\"Medewerker\",\n \"naam\"]\n",
                "E-config-duplicate",
                4,
                "columns.handler",
            ),
            (
                "[limits]\nmax_bytes = 0\n",
                "E-config-number",
                2,
                "limits.max_bytes",
            ),
            (
                "[limits]\nmax_fields = 99999999\n",
                "E-config-number",
                2,
                "limits.max_fields",
            ),
        ];
        for (text, code, line, key) in cases {
            let e = fail(text);
            assert_eq!(where_(&e), (*code, *line, *key), "{text:?}: {e}");
            assert_eq!(e.file, Path::new("klacht.toml"));
        }
    }

    #[test]
    fn messages_name_the_value_in_both_languages() {
        let e = fail("[targets]\nacknowledge = -3\n");
        assert_eq!(
            e.message(Lang::Nl),
            "klacht.toml, regel 2: targets.acknowledge = -3 is ongeldig; verwacht een geheel getal van 0 tot en met 1000."
        );
        let e = fail("[values.channel]\n\"Bus\" = \"brievenbus\"\n");
        assert_eq!(
            e.message(Lang::En),
            "klacht.toml, line 2: values.channel.Bus = \"brievenbus\" is not valid; choose from letter, fax, email, phone, in_person, web, other."
        );
        let e = fail("[calendar]\nclosures = [\"2026-13-01\"]\n");
        assert!(e
            .message(Lang::Nl)
            .contains("\"2026-13-01\" is geen geldige datum"));
        let e = fail("[columns]\ncustomer = \"Naam\"\nhandler = \"NAAM\"\n");
        assert!(e
            .message(Lang::En)
            .contains("\"NAAM\" is also given for columns.customer"));
        for e in [e, fail("lang = \"fr\""), fail("[[x]]\na = 1")] {
            for lang in [Lang::Nl, Lang::En] {
                let m = e.message(lang);
                assert!(!m.contains('{'), "unfilled blank: {m}");
            }
        }
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let e = fail("company = \"X\"\n[targets]\nacknowledge = = 1\n");
        assert_eq!((e.code, arg(&e, "line")), ("E-config-syntax", "3"));
        assert!(e
            .message(Lang::Nl)
            .starts_with("klacht.toml, regel 3: geen geldige TOML"));
        let e = fail("[targets]\nstale = = 2\n");
        assert!(!e.message(Lang::En).contains('\n'), "{e}");
        let e = fail("[targets]\nstale = 1\n[targets]\nstale = 2\n");
        assert_eq!((e.code, arg(&e, "line")), ("E-config-syntax", "3"));
        let e = fail("lang = \"nl\"\nlang = \"en\"\n");
        assert_eq!((e.code, arg(&e, "line")), ("E-config-syntax", "2"));
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
        assert_eq!(
            parse_period("2026-12-30 .. 2027-01-01").map(|d| d.len()),
            Some(3)
        );
        assert_eq!(parse_period("2026-02-29"), None);
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
        assert!(same_key(
            "Ĳsselmeer Œuvre Straße",
            "ijsselmeer oeuvre strasse"
        ));
        assert!(!same_key("ab", "abc"));
    }

    #[test]
    fn line_of_counts_lines_from_one() {
        assert_eq!(line_of("", 0), 1);
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 1), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\r\nb\r\nc", 6), 3);
        assert_eq!(line_of("a\nb", 99), 2);
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
            Config::load(Some(&missing), &dir).unwrap_err().code,
            "E-not-found"
        );

        std::fs::write(&file, b"company = \"Caf\xe9\"\n").unwrap();
        assert_eq!(Config::load(None, &dir).unwrap_err().code, "E-encoding");

        std::fs::write(&file, "[targets]\nstale = -1\n").unwrap();
        let e = Config::load(None, &dir).unwrap_err();
        assert_eq!(
            (e.code, e.file.as_path()),
            ("E-config-number", file.as_path())
        );

        std::fs::remove_dir_all(&dir).unwrap();
    }
}
