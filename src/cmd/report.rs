//! `klacht report`: the periodic management report.

use crate::cli::{ReportArgs, EXIT_FINDINGS, EXIT_OK};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::metrics::{self, period::Period, Inputs};
use crate::render::report::{self, ReportOutput};
use crate::render::workbook::Provenance;
use crate::rules;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;

/// Runs `report`.
pub fn run(config: &Config, args: &ReportArgs) -> Result<u8> {
    let lang = config.lang;
    let today = chrono::Local::now().date_naive();
    let period = match &args.period {
        Some(p) => Period::parse(p).map_err(|m| Error::new("E-usage", "--period").detail(m))?,
        None => Period::last_full_quarter(today),
    };
    let as_of = args.input.as_of.unwrap_or_else(|| default_as_of(&period, today));
    let opts = super::read_options(config, &args.input);
    let register = crate::ingest::load::load(&args.input.registers, config, &opts)?;
    let calendar = super::calendar(config);
    let ctx = rules::Context::new(&register, config, &calendar, as_of);
    let findings = rules::check_all(&ctx);
    let figures = metrics::compute(&Inputs {
        register: &register,
        findings: &findings,
        config,
        calendar: &calendar,
        period: period.clone(),
        as_of,
        show_names: args.show_names,
    });
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(period.label.replace("..", "_")));
    let provenance = Provenance {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        generated: generation_time(),
        company: config.company.clone(),
        config_text: config.to_toml_pretty(lang),
        calendar_profile: format!("{:?}", config.calendar.profile).to_lowercase(),
        targets: targets(config, lang),
        command_line: command_line(),
    };
    let written = report::write(&ReportOutput {
        dir: &dir,
        inputs: &args.input.registers,
        figures: &figures,
        register: &register,
        findings: &findings,
        lang,
        show_names: args.show_names,
        provenance: &provenance,
    })?;
    print!("{}", crate::render::terminal::report_summary(&figures, &written, lang));
    let failed = args
        .fail_on
        .threshold()
        .is_some_and(|t| findings.iter().any(|f| f.severity >= t));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// SPEC §5: the end of the period, or today while the period has not ended.
pub fn default_as_of(period: &Period, today: NaiveDate) -> NaiveDate {
    period.end.min(today)
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds of the report), else now.
fn generation_time() -> NaiveDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|d| d.naive_utc())
        .unwrap_or_else(|| chrono::Utc::now().naive_utc())
}

/// The command as run, for the provenance sheet (file names only: no home directories).
fn command_line() -> String {
    std::env::args()
        .enumerate()
        .map(|(i, a)| {
            if i == 0 {
                "klacht".to_string()
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The targets in force, for people.
fn targets(config: &Config, lang: crate::Lang) -> Vec<(String, String)> {
    let t = &config.targets;
    let wd = |n: Option<u32>| match n {
        Some(n) => format!("{n} {}", lang.pick("werkdagen", "working days")),
        None => lang.pick("geen", "none").to_string(),
    };
    let mut out = vec![(
        lang.pick("Ontvangstbevestiging", "Acknowledgement").to_string(),
        wd(Some(t.ack_wd)),
    )];
    for u in crate::register::Urgency::ALL {
        out.push((
            format!("{} {}", lang.pick("Afhandeling urgentie", "Closure urgency"), u.number()),
            wd(t.close_target(Some(u))),
        ));
    }
    out.push((
        lang.pick("Afhandeling ongeclassificeerd", "Closure unclassified").to_string(),
        wd(t.close_target(None)),
    ));
    out.push((
        lang.pick("Geen actie (stale)", "No update (stale)").to_string(),
        wd(Some(t.stale_wd)),
    ));
    out
}
