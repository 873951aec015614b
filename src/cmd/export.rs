//! `klacht export`: the normalised register and its findings as Parquet (or CSV) tables, for
//! DuckDB, polars, Spark or Power BI (SPEC §12).

use super::{ExportOptions, EXIT_OK};
use crate::config::Config;
use crate::error::Result;
use crate::render::export::Export;
use crate::rules;

/// Runs `export`.
pub fn run(config: &Config, args: &ExportOptions) -> Result<u8> {
    keep_freed_memory();
    let lang = config.lang;
    let mut phases = super::Phases::start(lang);
    let opts = super::read_options(config, &args.input);
    let register = crate::ingest::load::load(&args.input.registers, config, &opts)?;
    phases.mark("import", Some("P-validate"));
    let calendar = config.calendar.working_days();
    let ctx = rules::Context::new(&register, config, &calendar, super::as_of(&args.input));
    let export = Export {
        dir: &args.out,
        inputs: &args.input.registers,
        register: &register,
        calendar: &calendar,
        calendar_text: calendar_text(config),
        lang,
        show_names: args.show_names,
        format: args.format,
    };
    // The complaints table needs only the register and its cause groups (the report's): it
    // is written while the rules run, the findings table after them.
    let (with_findings, with_causes) = rayon::join(
        || {
            let (findings, validate) = super::timed(|| rules::check_all(&ctx));
            let (staged, written) = super::timed(|| export.findings(&findings));
            (findings, staged, validate, written)
        },
        || {
            super::timed(|| {
                let causes = crate::metrics::compute::register_cause_groups(
                    &register.complaints,
                    &config.causes,
                );
                let staged = export.complaints(&causes);
                (causes, staged)
            })
        },
    );
    let (findings, findings_staged, validate, findings_written) = with_findings;
    let ((causes, complaints_staged), complaints_written) = with_causes;
    phases.mark_overlapped(
        "validate+export",
        &[
            ("validate", validate),
            ("findings", findings_written),
            ("complaints", complaints_written),
        ],
        Some("P-render"),
    );
    let written = export.commit(complaints_staged?, findings_staged?)?;
    phases.mark("commit", None);
    crate::render::output::print(&crate::render::terminal::export_summary(
        &register, &findings, &written, lang,
    ))?;
    super::leave((register, findings, causes));
    Ok(EXIT_OK)
}

/// Tells the allocator to keep the memory the export frees instead of handing it back to the
/// system after 10 ms: each slice of a table frees what the next one takes again, and memory
/// fresh from the system must be cleared first — 12 % of the export's time on the 1M-row
/// register (`MIMALLOC_PURGE_DELAY=-1`: 4.98 s against 5.66 s, three alternating rounds), for
/// about 60 MB more at the peak (docs/performance.md). `report`, which frees less along the
/// way, gained nothing from it.
fn keep_freed_memory() {
    // SAFETY: sets an option, before the export's threads allocate.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

/// mimalloc v2's `mi_option_purge_delay` (`include/mimalloc.h`), which libmimalloc-sys does not
/// name; -1: never purge.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The calendar the durations were counted with, for the Parquet metadata: the profile's key
/// and the company's closure days (`cao`, `atw; closures 2026-12-24, 2026-12-31`).
fn calendar_text(config: &Config) -> String {
    let c = &config.calendar;
    if c.closures.is_empty() {
        return c.profile.key().to_string();
    }
    let days: Vec<String> = c.closures.iter().map(|d| d.to_string()).collect();
    format!("{}; closures {}", c.profile.key(), days.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_mimallocs_purge_delay() {
        // Its default is 10 (ms); the options beside it default to 1 and 0. Nothing in the
        // library's tests runs the export command, so the default is still in force.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an option.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 10);
    }

    #[test]
    fn the_calendar_is_named_with_its_closure_days() {
        let mut config = Config::default();
        assert_eq!(calendar_text(&config), "cao");
        config.calendar.profile = crate::calendar::Profile::Atw;
        config.calendar.closures = ["2026-12-24", "2026-12-31"]
            .iter()
            .map(|d| d.parse().unwrap())
            .collect();
        assert_eq!(
            calendar_text(&config),
            "atw; closures 2026-12-24, 2026-12-31"
        );
    }
}
