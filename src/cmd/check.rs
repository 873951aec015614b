//! `klacht check`: import and validate; the auditor's view of the register.

use super::{CheckOptions, EXIT_FINDINGS, EXIT_OK};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::render;
use crate::rules;

/// Runs `check`.
pub fn run(config: &Config, args: &CheckOptions) -> Result<u8> {
    if args.suggest_mapping {
        return suggest_mapping(config, args);
    }
    if args.suggest_causes {
        return suggest_causes(config, args);
    }
    let mut phases = super::Phases::start(config.lang);
    let opts = super::read_options(config, &args.input);
    if let Some(path) = &args.annotate {
        render::annotate::check_path(path, &args.input.registers)?;
    }
    let register = crate::ingest::load::load(&args.input.registers, config, &opts)?;
    phases.mark("import", Some("P-validate"));
    let calendar = config.calendar.working_days();
    let ctx = rules::Context::new(&register, config, &calendar, super::as_of(&args.input));
    let findings = rules::check_all(&ctx);
    phases.mark("validate", None);
    let lang = config.lang;
    if let Some(path) = &args.findings {
        render::findings_file::write(path, &args.input.registers, &register, &findings, lang)?;
        phases.mark("findings", None);
    }
    if let Some(path) = &args.annotate {
        let inputs = &args.input.registers;
        render::annotate::write(path, inputs, &register, &findings, &opts, lang)?;
        phases.mark("annotate", None);
    }
    if args.json {
        let doc = render::json::check_document(&register, &findings, lang);
        let text = serde_json::to_string_pretty(&doc).map_err(|e| Error::output("stdout", e))?;
        render::output::print(&format!("{text}\n"))?;
    } else {
        let missing = missing_columns(&register, &findings, config, &opts);
        let mut out = render::terminal::missing_columns(&register, &missing, lang);
        out.push_str(&render::terminal::check_summary(
            &register, &findings, lang, args.show,
        ));
        render::output::print(&out)?;
    }
    phases.mark("render", None);
    let failed = args
        .fail_on
        .is_some_and(|t| findings.iter().any(|f| f.severity >= t));
    super::leave((register, findings));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// The required fields each file has no column for (its `missing-column` findings), with the
/// headers that could hold them: the file is surveyed as `--suggest-mapping` does, which
/// reads it once more, but only on first contact with a register of other headers. A file
/// that cannot be surveyed gets no candidates.
fn missing_columns(
    register: &crate::register::Register,
    findings: &[crate::register::Finding],
    config: &Config,
    opts: &crate::ingest::ReadOptions,
) -> Vec<render::terminal::MissingColumn> {
    let mut out: Vec<render::terminal::MissingColumn> = Vec::new();
    let mut surveyed = None;
    for f in findings
        .iter()
        .filter(|f| f.rule == crate::base::Rule::MissingColumn)
    {
        let (Some(field), Some(source)) = (f.field, register.sources.get(usize::from(f.file)))
        else {
            continue;
        };
        if out.iter().any(|m| m.file == f.file && m.field == field) {
            continue;
        }
        if surveyed.as_ref().is_none_or(|(file, _)| *file != f.file) {
            let survey = crate::ingest::survey::survey(&source.path, config, opts).ok();
            surveyed = Some((f.file, survey));
        }
        let candidates = match &surveyed {
            Some((_, Some(survey))) => render::mapping::candidate_headers(survey, field),
            _ => Vec::new(),
        };
        out.push(render::terminal::MissingColumn {
            file: f.file,
            field,
            candidates,
        });
    }
    out
}

/// `--suggest-mapping`: a klacht.toml skeleton for one register, on stdout.
fn suggest_mapping(config: &Config, args: &CheckOptions) -> Result<u8> {
    let path = match args.input.registers.as_slice() {
        [one] => one,
        [_, second, ..] => {
            return Err(Error::SuggestOneFile {
                path: second.into(),
            })
        }
        [] => return Err(Error::NoRegisterGiven),
    };
    let opts = super::read_options(config, &args.input);
    let survey = crate::ingest::survey::survey(path, config, &opts)?;
    print!(
        "{}",
        render::mapping::suggestion(&survey, config, config.lang)
    );
    Ok(EXIT_OK)
}

/// `--suggest-causes`: the register's cause groups as a klacht.toml cause list, with the
/// pairs kept apart that come closest, on stdout. The groups are the report's (the whole
/// register, the list in force first).
fn suggest_causes(config: &Config, args: &CheckOptions) -> Result<u8> {
    let mut phases = super::Phases::start(config.lang);
    let opts = super::read_options(config, &args.input);
    let register = crate::ingest::load::load(&args.input.registers, config, &opts)?;
    phases.mark("import", Some("P-causes"));
    let groups =
        crate::metrics::compute::register_cause_groups(&register.complaints, &config.causes);
    phases.mark("group", Some("P-causes"));
    let pairs = crate::register::causes::kept_apart(&groups, render::cause_list::SHOWN_PAIRS);
    phases.mark("pairs", Some("P-render"));
    let text = render::cause_list::suggestion(&register, &groups, &pairs, config, config.lang);
    render::output::print(&text)?;
    phases.mark("render", None);
    super::leave((register, groups));
    Ok(EXIT_OK)
}
