//! One module per subcommand, as xsv does: each turns its arguments into work on the library.

pub mod check;
pub mod config;
pub mod export;
pub mod locks;
mod options;
pub mod report;
pub mod sample;
pub mod template;
pub mod uitleg;

pub use options::{
    CheckOptions, ConfigOptions, ExportOptions, Input, ReportOptions, SampleOptions,
    TemplateOptions, UitlegOptions, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK,
};

use crate::config::Config;
use crate::ingest::ReadOptions;

/// Reading options from the configuration's limits and the command line.
pub fn read_options(config: &Config, input: &Input) -> ReadOptions {
    ReadOptions {
        sheets: input.sheet.clone(),
        limits: config.limits.clone(),
        encoding: input.encoding.clone(),
    }
}

/// The reference date: `--as-of`, else today.
pub fn as_of(input: &Input) -> chrono::NaiveDate {
    input
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Leaves what a command has finished with to the system instead of freeing it: a million
/// complaints and their findings take a tenth of a second to free one allocation at a time,
/// and a command is the last thing the process does, whose memory the system takes back at
/// once when it ends.
fn leave<T>(finished: T) {
    std::mem::forget(finished);
}

/// Phase timings on stderr when `KLACHT_TIMINGS` is set, for `benches/run.sh`; and the
/// progress line on a terminal (`crate::progress`), which names the phase under way.
pub struct Phases {
    enabled: bool,
    last: std::time::Instant,
    /// Processor time used by then, to show how well a phase uses the cores.
    last_cpu: Option<f64>,
}

impl Phases {
    /// Starts timing (silent unless `KLACHT_TIMINGS` is set) and the progress line.
    pub fn start(lang: crate::Lang) -> Phases {
        crate::progress::install(lang);
        crate::progress::phase("P-import");
        Phases {
            enabled: std::env::var_os("KLACHT_TIMINGS").is_some(),
            last: std::time::Instant::now(),
            last_cpu: cpu_seconds(),
        }
    }

    /// Ends the phase `name`: prints `klacht-timing name=SECONDS cpu=SECONDS` (wall time, then
    /// processor time of all threads, where the system tells it) and starts the next, which
    /// the progress line shows (`next`, a `P-…` message code; `None` after the last phase).
    pub fn mark(&mut self, name: &str, next: Option<&str>) {
        self.mark_overlapped(name, &[], next);
    }

    /// Ends the phases `parts` (name, own wall time) that ran side by side as phase `name`:
    /// prints each one's own time, then the phase as [`Phases::mark`] does.
    pub fn mark_overlapped(&mut self, name: &str, parts: &[(&str, f64)], next: Option<&str>) {
        match next {
            Some(code) => crate::progress::phase(code),
            None => crate::progress::finish(),
        }
        let now = std::time::Instant::now();
        if self.enabled {
            for (part, secs) in parts {
                eprintln!("klacht-timing {part}={secs:.3}");
            }
            let cpu = cpu_seconds();
            let used = match (cpu, self.last_cpu) {
                (Some(b), Some(a)) => format!(" cpu={:.2}", b - a),
                _ => String::new(),
            };
            eprintln!(
                "klacht-timing {name}={:.3}{used}",
                (now - self.last).as_secs_f64()
            );
            self.last_cpu = cpu;
        }
        self.last = now;
    }
}

/// Runs `f`, returning its result and how long it took, for phases that run side by side
/// ([`Phases::mark_overlapped`]).
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = std::time::Instant::now();
    let out = f();
    (out, start.elapsed().as_secs_f64())
}

/// User and system time of the process so far, from `/proc/self/stat` (Linux; `None`
/// elsewhere). In clock ticks of 1/100 s, which is what Linux reports there.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name in parentheses may hold spaces; the fields after it are plain.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let mut fields = rest.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}
