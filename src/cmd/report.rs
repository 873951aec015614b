//! `klacht report`: the periodic management report.

use super::{ReportOptions, EXIT_FINDINGS, EXIT_OK};
use crate::config::Config;
use crate::error::Result;
use crate::metrics::{self, period::Period, Inputs};
use crate::render::report::{self, ReportOutput};
use crate::render::workbook::Provenance;
use crate::rules;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::PathBuf;

/// Runs `report`.
pub fn run(config: &Config, args: &ReportOptions) -> Result<u8> {
    let lang = config.lang;
    let today = chrono::Local::now().date_naive();
    let period = match &args.period {
        Some(p) => Period::parse(p)?,
        None => Period::last_full_quarter(today),
    };
    let as_of = args
        .input
        .as_of
        .unwrap_or_else(|| default_as_of(&period, today));
    let mut phases = super::Phases::start(config.lang);
    let opts = super::read_options(config, &args.input);
    // A broken volume file stops the run before the register is read.
    let volumes = crate::ingest::volume::volumes(config)?;
    let register = crate::ingest::load::load(&args.input.registers, config, &opts)?;
    phases.mark("import", Some("P-figures"));
    let calendar = config.calendar.working_days();
    let ctx = rules::Context::new(&register, config, &calendar, as_of);
    // The customer keys are made once for the rules and the figures. The figures need the
    // findings only to count them, so they are computed while the rules run and count the
    // findings after (both phases already use both cores: the overlap itself gains little).
    let keys = crate::register::keys::Keys::of(&register.complaints);
    let (findings, figures) = rayon::join(
        || super::timed(|| rules::check_with_keys(&ctx, &keys)),
        || {
            super::timed(|| {
                metrics::compute(&Inputs {
                    register: &register,
                    findings: &[],
                    config,
                    calendar: &calendar,
                    period: period.clone(),
                    as_of,
                    show_names: args.show_names,
                    customers: Some(keys.customers()),
                    volumes: volumes.as_ref(),
                })
            })
        },
    );
    phases.mark_overlapped(
        "validate+figures",
        &[("validate", findings.1), ("figures", figures.1)],
        Some("P-render"),
    );
    let findings = findings.0;
    let mut figures = figures.0?;
    figures.count_findings(&findings);
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(period.label.replace("..", "_")));
    let provenance = Provenance {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        generated: generation_time(),
        company: config.company.clone(),
        config_text: config.to_toml_pretty(lang),
        calendar_profile: config.calendar.profile.key().to_string(),
        targets: targets(config, lang),
        command_line: command_line(args, &period, as_of, lang),
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
    phases.mark("render", None);
    print!(
        "{}",
        crate::render::terminal::report_summary(&figures, &written, lang)
    );
    let failed = args
        .fail_on
        .is_some_and(|t| findings.iter().any(|f| f.severity >= t));
    super::leave((register, findings, keys, figures));
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

/// The command that reproduces the figures, for the provenance sheet: input files by name (no
/// home directories) and the options that shape the report; the output folder is left out, so
/// that writing the same report elsewhere gives the same bytes.
fn command_line(
    args: &ReportOptions,
    period: &Period,
    as_of: NaiveDate,
    lang: crate::Lang,
) -> String {
    let mut parts = vec![
        "klacht".to_string(),
        format!("--lang {}", lang.pick("nl", "en")),
        "report".into(),
    ];
    for p in &args.input.registers {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        parts.push(name.unwrap_or_else(|| p.display().to_string()));
    }
    for sheet in &args.input.sheet {
        parts.push(format!("--sheet {sheet:?}"));
    }
    parts.push(format!("--period {}", period.label));
    parts.push(format!("--as-of {as_of}"));
    if args.show_names {
        parts.push("--show-names".into());
    }
    parts.join(" ")
}

/// The targets in force, for people.
fn targets(config: &Config, lang: crate::Lang) -> Vec<(String, String)> {
    let t = &config.targets;
    let wd = |n: Option<u32>| match n {
        Some(1) => lang.pick("1 werkdag", "1 working day").to_string(),
        Some(n) => format!("{n} {}", lang.pick("werkdagen", "working days")),
        None => lang.pick("geen", "none").to_string(),
    };
    let mut out = vec![(
        lang.pick("Ontvangstbevestiging", "Acknowledgement")
            .to_string(),
        wd(Some(t.ack_wd)),
    )];
    for u in crate::register::Urgency::ALL {
        out.push((
            format!(
                "{} {}",
                lang.pick("Afhandeling urgentie", "Closure urgency"),
                u.number()
            ),
            wd(t.close_target(Some(u))),
        ));
    }
    out.push((
        lang.pick("Afhandeling ongeclassificeerd", "Closure unclassified")
            .to_string(),
        wd(t.close_target(None)),
    ));
    out.push((
        lang.pick("Geen actie (stale)", "No update (stale)")
            .to_string(),
        wd(Some(t.stale_wd)),
    ));
    out
}
