//! `klacht check`: import and validate; the auditor's view of the register.

use crate::cli::{CheckArgs, EXIT_FINDINGS, EXIT_OK};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::render;
use crate::rules;

/// Runs `check`.
pub fn run(config: &Config, args: &CheckArgs) -> Result<u8> {
    if args.suggest_mapping {
        return suggest_mapping(config, args);
    }
    let mut phases = super::Phases::start(config.lang);
    let opts = super::read_options(config, &args.input);
    if let Some(path) = &args.annotate {
        render::annotate::check_path(path, &args.input.registers)?;
    }
    let register = crate::ingest::load::load(&args.input.registers, config, &opts)?;
    phases.mark("import", Some("P-validate"));
    let calendar = super::calendar(config);
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
        let text = serde_json::to_string_pretty(&doc)
            .map_err(|e| Error::new("E-output", "stdout").detail(e))?;
        render::output::print(&format!("{text}\n"))?;
    } else {
        let out = render::terminal::check_summary(&register, &findings, lang, args.show);
        render::output::print(&out)?;
    }
    phases.mark("render", None);
    let failed = args
        .fail_on
        .threshold()
        .is_some_and(|t| findings.iter().any(|f| f.severity >= t));
    super::leave((register, findings));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// `--suggest-mapping`: a klacht.toml skeleton for one register, on stdout.
fn suggest_mapping(config: &Config, args: &CheckArgs) -> Result<u8> {
    let path = match args.input.registers.as_slice() {
        [one] => one,
        [_, second, ..] => return Err(Error::new("E-suggest-one-file", second)),
        [] => return Err(Error::new("E-usage", "").detail("REGISTER")),
    };
    let opts = super::read_options(config, &args.input);
    let survey = crate::ingest::survey::survey(path, config, &opts)?;
    print!(
        "{}",
        render::mapping::suggestion(&survey, config, config.lang)
    );
    Ok(EXIT_OK)
}
