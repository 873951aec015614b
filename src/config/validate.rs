//! Checking `klacht.toml`: every key and value of the parsed tree (`tree.rs`) against
//! what the model allows, each mistake an error naming the setting, the file and the line.

use super::tree::{self, line_of, Located, Node};
use super::{
    parse_month_key, quote, vocabulary, CalendarSettings, CauseEntry, Config, Limits,
    SignalSettings, Targets, VolumeSetting, MAX_WORK_ORDERS, URGENCY_KEYS,
};
use crate::base::key::{key_chars, same_key};
use crate::base::DayOrder;
use crate::base::{Rule, Severity};
use crate::calendar::Profile;
use crate::error::ConfigProblem;
use crate::register::causes::exact_keys;
use crate::register::{Field, Nature, Urgency};
use crate::{Error, Lang};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Reads the text of a `klacht.toml` into a [`Config`]; `source` names it in errors and in the
/// result. See [`Config::from_toml_str`].
pub(super) fn read(text: &str, source: &Path) -> Result<Config, Error> {
    // Windows Notepad writes a byte order mark; TOML does not allow one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = Doc { text, file: source };
    let root: Located = tree::parse(text).map_err(|e| doc.syntax(&e))?;
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
            "causes" => doc.causes(&s, &mut cfg.causes)?,
            "signals" => doc.signals(&s, &mut cfg.signals)?,
            "volume" => cfg.volume = Some(doc.volume(&s)?),
            _ => return Err(doc.unknown(&s, TOP_KEYS)),
        }
    }
    Ok(cfg)
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
    "causes",
    "signals",
    "volume",
];
const VOLUME_KEYS: &[&str] = &["months", "file"];
const CAUSE_KEYS: &[&str] = &["also", "nature", "group", "action", "action_date"];
const NATURES: &[&str] = &["technical", "non-technical"];
const TARGET_KEYS: &[&str] = &[
    "acknowledge",
    "close",
    "unclassified",
    "stale",
    "dispute_months",
    "repeat_days",
];
const CALENDAR_KEYS: &[&str] = &["profile", "closures"];
const SIGNAL_KEYS: &[&str] = &["baseline_months", "min_baseline", "rules"];
/// The signal rules of SPEC §10.
const SIGNAL_RULES: std::ops::RangeInclusive<i64> = 1..=3;
/// A baseline longer than ten years is a typing error.
const MAX_BASELINE_MONTHS: i64 = 120;
const LIMIT_KEYS: &[&str] = &["max_bytes", "max_cells", "max_fields", "max_ratio"];
const DATE_ORDERS: &[&str] = &["day-first", "month-first"];
const PROFILES: &[&str] = &["cao", "atw"];
const SEVERITIES: &[&str] = &["error", "warning", "info", "off"];
/// Working-day terms longer than four years are typing errors.
const MAX_WORKING_DAYS: i64 = 1000;
/// A closure period longer than a year is a typing error, and would be expanded day by day.
const MAX_CLOSURE_DAYS: i64 = 366;

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

/// The names in `allowed`, for an error that lists them.
fn owned(allowed: &[&str]) -> Vec<String> {
    allowed.iter().map(|a| a.to_string()).collect()
}

impl Doc<'_> {
    fn error(&self, problem: ConfigProblem, key: &str, at: usize) -> Error {
        Error::Config {
            path: self.file.to_path_buf(),
            line: line_of(self.text, at),
            key: key.to_string(),
            problem,
        }
    }

    fn syntax(&self, e: &toml_edit::TomlError) -> Error {
        let at = e.span().map_or(0, |s| s.start);
        Error::ConfigSyntax {
            path: self.file.to_path_buf(),
            line: line_of(self.text, at),
            detail: e.message().trim().replace('\n', "; "),
        }
    }

    fn unknown(&self, s: &Slot, allowed: &[&str]) -> Error {
        let allowed = owned(allowed);
        self.error(ConfigProblem::UnknownKey { allowed }, &s.path, s.key_at)
    }

    fn bad_choice(&self, s: &Slot, allowed: &[&str]) -> Error {
        let (value, allowed) = (s.node.show(), owned(allowed));
        self.error(ConfigProblem::Choice { value, allowed }, &s.path, s.at)
    }

    /// The entries of a table, with their positions (an implicit table such as `values` in
    /// `[values.channel]` has none of its own: its key's position stands in).
    fn table<'n>(&self, s: &Slot<'n>) -> Result<Vec<Slot<'n>>, Error> {
        let Node::Table(entries) = s.node else {
            return Err(self.error(ConfigProblem::NotTable, &s.path, s.at));
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
            _ => Err(self.error(ConfigProblem::NotText, &s.path, s.at)),
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
            _ => {
                let value = s.node.show();
                let problem = ConfigProblem::Number { value, min, max };
                Err(self.error(problem, &s.path, s.at))
            }
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
        let value = s.node.show();
        let problem = ConfigProblem::NumberOrNone {
            value,
            min: 0,
            max: MAX_WORKING_DAYS,
        };
        Err(self.error(problem, &s.path, s.at))
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
                        let example = "[\"2026-07-20\", \"2026-07-21\"]";
                        let problem = ConfigProblem::NotList { example };
                        return Err(self.error(problem, &s.path, s.at));
                    };
                    let mut days = Vec::new();
                    for item in items {
                        let at = item.at.unwrap_or(s.at);
                        let text = match &item.node {
                            Node::Text(t) | Node::Datetime(t) => Some(t.as_str()),
                            _ => None,
                        };
                        let period = text.and_then(parse_period).ok_or_else(|| {
                            let value = item.node.show();
                            let max = MAX_CLOSURE_DAYS;
                            self.error(ConfigProblem::Date { value, max }, &s.path, at)
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
            let not_texts = || self.error(ConfigProblem::NotTexts, &s.path, s.at);
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
                    let problem = ConfigProblem::Duplicate {
                        value: quote(header),
                        other: format!("columns.{other}"),
                    };
                    return Err(self.error(problem, &s.path, at));
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
                let allowed = owned(&mappable);
                self.error(ConfigProblem::NoValues { allowed }, &s.path, s.key_at)
            })?;
            let mut map = BTreeMap::new();
            for v in self.table(&s)? {
                if key_chars(v.key).next().is_none() {
                    return Err(self.error(ConfigProblem::BlankKey, &v.path, v.key_at));
                }
                if let Some(other) = map.keys().find(|k: &&String| same_key(k, v.key)) {
                    let problem = ConfigProblem::Duplicate {
                        value: quote(v.key),
                        other: format!("{}.{}", s.path, quote(other)),
                    };
                    return Err(self.error(problem, &v.path, v.key_at));
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

    /// `[causes."NAME"]`: the company's cause list. A spelling (a name or one of `also`)
    /// that folds onto another entry's spelling (the exact keys of the automatic groups)
    /// would claim one text for two causes: an error naming both entries.
    fn causes(&self, s: &Slot, out: &mut Vec<CauseEntry>) -> Result<(), Error> {
        // Exact key → (entry path, spelling as written).
        let mut claimed: HashMap<String, (String, String)> = HashMap::new();
        for e in self.table(s)? {
            let name = e.key.trim();
            if key_chars(name).next().is_none() {
                return Err(self.error(ConfigProblem::CauseName, &e.path, e.key_at));
            }
            let mut entry = CauseEntry {
                name: name.to_string(),
                also: Vec::new(),
                nature: None,
                group: None,
                action: None,
                action_date: None,
            };
            let mut spellings: Vec<(String, usize)> = vec![(name.to_string(), e.key_at)];
            for k in self.table(&e)? {
                let text = |k: &Slot| -> Result<Option<String>, Error> {
                    let t = self.text(k)?.trim();
                    Ok((!t.is_empty()).then(|| t.to_string()))
                };
                match k.key {
                    "also" => {
                        let Node::Array(items) = k.node else {
                            let example = "[\"lek in koudemiddelleiding\"]";
                            let problem = ConfigProblem::NotList { example };
                            return Err(self.error(problem, &k.path, k.at));
                        };
                        for item in items {
                            let at = item.at.unwrap_or(k.at);
                            match &item.node {
                                Node::Text(t) if key_chars(t).next().is_some() => {
                                    entry.also.push(t.trim().to_string());
                                    spellings.push((t.trim().to_string(), at));
                                }
                                _ => return Err(self.error(ConfigProblem::NotTexts, &k.path, at)),
                            }
                        }
                    }
                    "nature" => {
                        let c = self.choice(&k, NATURES)?;
                        entry.nature = Nature::ALL.iter().copied().find(|n| same_key(n.key(), c));
                    }
                    "group" => entry.group = text(&k)?,
                    "action" => entry.action = text(&k)?,
                    "action_date" => {
                        let day = match &k.node {
                            Node::Text(t) | Node::Datetime(t) => {
                                NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok()
                            }
                            _ => None,
                        };
                        entry.action_date = Some(day.ok_or_else(|| {
                            let value = k.node.show();
                            self.error(ConfigProblem::Day { value }, &k.path, k.at)
                        })?);
                    }
                    _ => return Err(self.unknown(&k, CAUSE_KEYS)),
                }
            }
            for (spelling, at) in spellings {
                for key in exact_keys(&spelling) {
                    match claimed.get(&key) {
                        Some((other, _)) if *other != e.path => {
                            let problem = ConfigProblem::Duplicate {
                                value: quote(&spelling),
                                other: other.clone(),
                            };
                            return Err(self.error(problem, &e.path, at));
                        }
                        Some(_) => {}
                        None => {
                            claimed.insert(key, (e.path.clone(), spelling.clone()));
                        }
                    }
                }
            }
            out.push(entry);
        }
        Ok(())
    }

    /// `[signals]`. A minimum above the baseline could never be met: an error at whichever
    /// of the two the file sets (the minimum when it sets both).
    fn signals(&self, s: &Slot, out: &mut SignalSettings) -> Result<(), Error> {
        let (mut baseline_at, mut min_at) = (None, None);
        for s in self.table(s)? {
            match s.key {
                "baseline_months" => {
                    out.baseline_months = self.number_u32(&s, 1, MAX_BASELINE_MONTHS)?;
                    baseline_at = Some((s.path.clone(), s.at));
                }
                "min_baseline" => {
                    out.min_baseline = self.number_u32(&s, 1, MAX_BASELINE_MONTHS)?;
                    min_at = Some((s.path.clone(), s.at));
                }
                "rules" => {
                    let Node::Array(items) = s.node else {
                        let problem = ConfigProblem::NotList {
                            example: "[1, 2, 3]",
                        };
                        return Err(self.error(problem, &s.path, s.at));
                    };
                    let mut rules = Vec::new();
                    for item in items {
                        let at = item.at.unwrap_or(s.at);
                        match item.node {
                            Node::Int(n) if SIGNAL_RULES.contains(&n) => {
                                rules.extend(u8::try_from(n).ok());
                            }
                            _ => {
                                let problem = ConfigProblem::Number {
                                    value: item.node.show(),
                                    min: *SIGNAL_RULES.start(),
                                    max: *SIGNAL_RULES.end(),
                                };
                                return Err(self.error(problem, &s.path, at));
                            }
                        }
                    }
                    rules.sort_unstable();
                    rules.dedup();
                    out.rules = rules;
                }
                _ => return Err(self.unknown(&s, SIGNAL_KEYS)),
            }
        }
        if out.min_baseline > out.baseline_months {
            let (min, baseline) = (out.min_baseline, out.baseline_months);
            let order = |value, other, limit, at_most| ConfigProblem::Order {
                value,
                other,
                limit,
                at_most,
            };
            // The defaults are in order: one of the two was set.
            return Err(match (min_at, baseline_at) {
                (Some((path, at)), _) => self.error(
                    order(min, "signals.baseline_months", baseline, true),
                    &path,
                    at,
                ),
                (None, Some((path, at))) => self.error(
                    order(baseline, "signals.min_baseline", min, false),
                    &path,
                    at,
                ),
                (None, None) => self.error(
                    order(min, "signals.baseline_months", baseline, true),
                    &s.path,
                    s.at,
                ),
            });
        }
        Ok(())
    }

    /// `[volume]`: `months` (work orders per `"YYYY-MM"`) or `file` (a CSV, from the folder of
    /// this file, which must exist), not both.
    fn volume(&self, s: &Slot) -> Result<VolumeSetting, Error> {
        let mut out = None;
        for k in self.table(s)? {
            if out.is_some() && VOLUME_KEYS.contains(&k.key) {
                return Err(self.error(ConfigProblem::VolumeBoth, &k.path, k.key_at));
            }
            out = Some(match k.key {
                "months" => {
                    let mut months = BTreeMap::new();
                    for m in self.table(&k)? {
                        let month = parse_month_key(m.key).ok_or_else(|| {
                            let value = quote(m.key);
                            self.error(ConfigProblem::Month { value }, &m.path, m.key_at)
                        })?;
                        let max = i64::try_from(MAX_WORK_ORDERS).unwrap_or(i64::MAX);
                        months.insert(month, self.number(&m, 0, max)?.unsigned_abs());
                    }
                    VolumeSetting::Months(months)
                }
                "file" => {
                    let written = self.text(&k)?.trim();
                    let path = self.file.parent().unwrap_or(Path::new("")).join(written);
                    if written.is_empty() || !path.is_file() {
                        let path = path.display().to_string();
                        let problem = ConfigProblem::FileNotFound { path };
                        return Err(self.error(problem, &k.path, k.at));
                    }
                    VolumeSetting::File {
                        written: written.to_string(),
                        path,
                    }
                }
                _ => return Err(self.unknown(&k, VOLUME_KEYS)),
            });
        }
        // An empty `[volume]` gives no numbers: every month is without volume.
        Ok(out.unwrap_or_else(|| VolumeSetting::Months(BTreeMap::new())))
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

#[cfg(test)]
mod tests {
    use super::super::testdata::{date, parse, FULL};
    use super::*;

    /// Parses `text`, expecting an error: returns it for the code/line/key checks.
    fn fail(text: &str) -> Error {
        match parse(text) {
            Ok(c) => panic!("expected an error for {text:?}, got {c:?}"),
            Err(e) => e,
        }
    }

    /// Code, line and key of an error.
    fn where_(e: &Error) -> (&'static str, usize, &str) {
        match e {
            Error::Config { line, key, .. } => (e.code(), *line, key.as_str()),
            _ => panic!("not a setting's error: {e:?}"),
        }
    }

    /// Code and line of a syntax error.
    fn syntax_line(e: &Error) -> (&'static str, usize) {
        match e {
            Error::ConfigSyntax { line, .. } => (e.code(), *line),
            _ => panic!("not a syntax error: {e:?}"),
        }
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
            causes: vec![
                CauseEntry {
                    name: "lekkage koudemiddel".into(),
                    also: vec![
                        "lek in koudemiddelleiding".into(),
                        "koudemiddelverlies".into(),
                    ],
                    nature: Some(Nature::Technical),
                    group: Some("installatie".into()),
                    action: Some("perscontrole bij elke oplevering".into()),
                    action_date: Some(date("2026-03-01")),
                },
                CauseEntry {
                    name: "Foutieve factuur".into(),
                    also: vec![],
                    nature: Some(Nature::NonTechnical),
                    group: None,
                    action: None,
                    action_date: None,
                },
            ],
            // Rules in any order and repeated: read as the set.
            signals: SignalSettings {
                baseline_months: 36,
                min_baseline: 18,
                rules: vec![1, 3],
            },
            volume: Some(VolumeSetting::Months(
                [(date("2026-07-01"), 412), (date("2026-08-01"), 0)].into(),
            )),
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
            assert_eq!(e.path(), Some(Path::new("klacht.toml")));
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
    fn cause_list_errors_name_the_file_line_and_key() {
        let cases = [
            // A spelling claimed by a second cause names both causes.
            (
                "[causes.a]\nalso = [\"Koudemiddel lekkage\"]\n[causes.b]\nalso = [\"x\", \"lekkage koudemiddel (R32)\"]\n",
                "E-config-duplicate",
                4,
                "causes.b",
            ),
            // A name that folds onto another cause's spelling.
            (
                "[causes.\"koudemiddel lekkage\"]\n[causes.koudemiddellekkage]\n",
                "E-config-duplicate",
                2,
                "causes.koudemiddellekkage",
            ),
            ("[causes.\" - \"]\nnature = \"technical\"\n", "E-config-cause-name", 1, "causes. - "),
            ("[causes.a]\nsynonyms = [\"b\"]\n", "E-config-unknown-key", 2, "causes.a.synonyms"),
            ("[causes.a]\nnature = \"soms\"\n", "E-config-choice", 2, "causes.a.nature"),
            ("[causes.a]\nalso = \"b\"\n", "E-config-not-list", 2, "causes.a.also"),
            ("[causes.a]\naction_date = \"maart\"\n", "E-config-day", 2, "causes.a.action_date"),
        ];
        for (text, code, line, key) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!(where_(&e), (code, line, key), "{text}");
        }
        let e = parse(cases[0].0).unwrap_err();
        for lang in [Lang::Nl, Lang::En] {
            let m = e.message(lang);
            assert!(m.contains("causes.a") && m.contains("causes.b"), "{m}");
        }
    }

    #[test]
    fn signal_settings_errors_name_the_file_line_and_key() {
        let cases = [
            (
                "[signals]\nbaseline = 24\n",
                "E-config-unknown-key",
                2,
                "signals.baseline",
            ),
            (
                "[signals]\n\nbaseline_months = 0\n",
                "E-config-number",
                3,
                "signals.baseline_months",
            ),
            (
                "[signals]\nmin_baseline = \"12\"\n",
                "E-config-number",
                2,
                "signals.min_baseline",
            ),
            (
                "[signals]\nbaseline_months = 121\n",
                "E-config-number",
                2,
                "signals.baseline_months",
            ),
            (
                "[signals]\nrules = 1\n",
                "E-config-not-list",
                2,
                "signals.rules",
            ),
            (
                "[signals]\nrules = [1,\n  4]\n",
                "E-config-number",
                3,
                "signals.rules",
            ),
            (
                "[signals]\nrules = [\"1\"]\n",
                "E-config-number",
                2,
                "signals.rules",
            ),
            ("signals = 3\n", "E-config-not-table", 1, "signals"),
            // Both set: the minimum is named; one set: that one.
            (
                "[signals]\nbaseline_months = 12\nmin_baseline = 13\n",
                "E-config-order",
                3,
                "signals.min_baseline",
            ),
            (
                "[signals]\nmin_baseline = 25\n",
                "E-config-order",
                2,
                "signals.min_baseline",
            ),
            (
                "[signals]\n\nbaseline_months = 6\n",
                "E-config-order",
                3,
                "signals.baseline_months",
            ),
        ];
        for (text, code, line, key) in cases {
            let e = parse(text).unwrap_err();
            assert_eq!(where_(&e), (code, line, key), "{text}");
        }
        assert_eq!(
            parse("[signals]\nmin_baseline = 25\n").unwrap_err().message(Lang::Nl),
            "klacht.toml, regel 2: signals.min_baseline = 25 mag niet groter zijn dan signals.baseline_months = 24."
        );
        assert_eq!(
            parse("[signals]\nbaseline_months = 6\n").unwrap_err().message(Lang::En),
            "klacht.toml, line 2: signals.baseline_months = 6 may not be less than signals.min_baseline = 12."
        );
        assert!(parse("[signals]\nrules = 1\n")
            .unwrap_err()
            .message(Lang::En)
            .contains("like [1, 2, 3]"));
        // Equal is allowed; no rules switch the signals off.
        let c = parse("[signals]\nbaseline_months = 12\nmin_baseline = 12\nrules = []\n").unwrap();
        assert_eq!(
            c.signals,
            SignalSettings {
                baseline_months: 12,
                min_baseline: 12,
                rules: vec![]
            }
        );
    }

    #[test]
    fn volume_errors_name_the_file_line_and_key() {
        let cases = [
            (
                "[volume]\nmonths = { \"2026-07\" = 412, \"2026-13\" = 5 }\n",
                "E-config-month",
                2,
                "volume.months.2026-13",
            ),
            (
                "[volume.months]\n\"2026-07\" = 412\njuli = 380\n",
                "E-config-month",
                3,
                "volume.months.juli",
            ),
            (
                "[volume.months]\n\"2026-7\" = 412\n",
                "E-config-month",
                2,
                "volume.months.2026-7",
            ),
            (
                "[volume.months]\n\"2026-07\" = -3\n",
                "E-config-number",
                2,
                "volume.months.2026-07",
            ),
            (
                "[volume.months]\n\"2026-07\" = 41.5\n",
                "E-config-number",
                2,
                "volume.months.2026-07",
            ),
            (
                "[volume.months]\n\"2026-07\" = \"veel\"\n",
                "E-config-number",
                2,
                "volume.months.2026-07",
            ),
            (
                "[volume]\nmonths = { \"2026-07\" = 412 }\nfile = \"w.csv\"\n",
                "E-config-volume-both",
                3,
                "volume.file",
            ),
            (
                "[volume]\n\nfile = \"bestaat-niet.csv\"\n",
                "E-config-file",
                3,
                "volume.file",
            ),
            (
                "[volume]\nfile = 3\n",
                "E-config-not-text",
                2,
                "volume.file",
            ),
            (
                "[volume]\nbestand = \"w.csv\"\n",
                "E-config-unknown-key",
                2,
                "volume.bestand",
            ),
            (
                "[volume]\nmonths = 412\n",
                "E-config-not-table",
                2,
                "volume.months",
            ),
        ];
        for (text, code, line, key) in cases {
            let e = fail(text);
            assert_eq!(where_(&e), (code, line, key), "{text}");
            assert_eq!(e.path(), Some(Path::new("klacht.toml")));
        }
        // A month written twice is TOML's own error, on the second.
        let e = fail("[volume.months]\n\"2026-07\" = 1\n\"2026-07\" = 2\n");
        assert_eq!(syntax_line(&e), ("E-config-syntax", 3));
        let e = fail("[volume.months]\n\"2026-13\" = 5\n");
        assert_eq!(
            e.message(Lang::Nl),
            "klacht.toml, regel 2: volume.months.2026-13: \"2026-13\" is geen maand; schrijf \"JJJJ-MM\", zoals \"2026-07\"."
        );
        // A month without a number is no setting: an empty [volume] has no months.
        assert_eq!(
            parse("[volume]\n").unwrap().volume,
            Some(VolumeSetting::Months(BTreeMap::new()))
        );
    }

    #[test]
    fn the_volume_file_is_found_from_the_settings_files_folder() {
        let dir = std::env::temp_dir().join(format!("klacht-volume-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("data").join("werkbonnen.csv"), "2026-07;412\n").unwrap();
        let toml = dir.join("klacht.toml");
        let text = "[volume]\nfile = \"data/werkbonnen.csv\"\n";
        let c = Config::from_toml_str(text, &toml).unwrap();
        assert_eq!(
            c.volume,
            Some(VolumeSetting::File {
                written: "data/werkbonnen.csv".into(),
                path: dir.join("data").join("werkbonnen.csv"),
            })
        );
        // The same text in another folder names a file that is not there.
        let elsewhere = dir.join("data").join("klacht.toml");
        let e = Config::from_toml_str(text, &elsewhere).unwrap_err();
        assert_eq!(where_(&e), ("E-config-file", 2, "volume.file"));
        assert!(
            e.message(Lang::En).contains("data/data/werkbonnen.csv"),
            "{e}"
        );
        // Printed, it reads back the same from the same folder.
        let printed = c.to_toml_pretty(Lang::Nl);
        assert!(
            printed.contains("file = \"data/werkbonnen.csv\""),
            "{printed}"
        );
        assert_eq!(Config::from_toml_str(&printed, &toml).unwrap(), c);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let e = fail("company = \"X\"\n[targets]\nacknowledge = = 1\n");
        assert_eq!(syntax_line(&e), ("E-config-syntax", 3));
        assert!(e
            .message(Lang::Nl)
            .starts_with("klacht.toml, regel 3: geen geldige TOML"));
        let e = fail("[targets]\nstale = = 2\n");
        assert!(!e.message(Lang::En).contains('\n'), "{e}");
        let e = fail("[targets]\nstale = 1\n[targets]\nstale = 2\n");
        assert_eq!(syntax_line(&e), ("E-config-syntax", 3));
        let e = fail("lang = \"nl\"\nlang = \"en\"\n");
        assert_eq!(syntax_line(&e), ("E-config-syntax", 2));
    }

    #[test]
    fn closure_periods_are_read_day_by_day() {
        assert_eq!(
            parse_period("2026-12-30 .. 2027-01-01"),
            Some(vec![
                date("2026-12-30"),
                date("2026-12-31"),
                date("2027-01-01")
            ])
        );
        assert_eq!(parse_period("2026-02-29"), None);
    }
}
