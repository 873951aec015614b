//! One module per subcommand, as xsv does: each turns its arguments into work on the library.

pub mod check;
pub mod config;
pub mod report;
pub mod sample;
pub mod template;

use crate::cli::InputArgs;
use crate::config::Config;
use crate::ingest::ReadOptions;

/// Reading options from the configuration's limits and the command line.
pub fn read_options(config: &Config, input: &InputArgs) -> ReadOptions {
    ReadOptions {
        sheet: input.sheet.clone(),
        max_bytes: config.limits.max_bytes,
        max_cells: config.limits.max_cells,
        max_fields: config.limits.max_fields,
        max_ratio: config.limits.max_ratio,
        encoding: input.encoding.clone(),
    }
}

/// The reference date: `--as-of`, else today.
pub fn as_of(input: &InputArgs) -> chrono::NaiveDate {
    input
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The working-day calendar the configuration asks for.
pub fn calendar(config: &Config) -> crate::calendar::Calendar {
    crate::calendar::Calendar::new(config.calendar.profile, &config.calendar.closures)
}

/// Phase timings on stderr when `KLACHT_TIMINGS` is set, for `benches/run.sh`; and the
/// progress line on a terminal (`crate::progress`), which names the phase under way.
pub struct Phases {
    enabled: bool,
    last: std::time::Instant,
}

impl Phases {
    /// Starts timing (silent unless `KLACHT_TIMINGS` is set) and the progress line.
    pub fn start(lang: crate::Lang) -> Phases {
        crate::progress::install(lang);
        crate::progress::phase("P-import");
        Phases {
            enabled: std::env::var_os("KLACHT_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    /// Ends the phase `name`: prints `klacht-timing name=SECONDS` and starts the next, which
    /// the progress line shows (`next`, a `P-…` message code; `None` after the last phase).
    pub fn mark(&mut self, name: &str, next: Option<&str>) {
        match next {
            Some(code) => crate::progress::phase(code),
            None => crate::progress::finish(),
        }
        let now = std::time::Instant::now();
        if self.enabled {
            eprintln!(
                "klacht-timing {name}={:.3}",
                (now - self.last).as_secs_f64()
            );
        }
        self.last = now;
    }
}
