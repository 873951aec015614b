//! What every target does with the fuzzer's bytes: read them as a register named `name` (the
//! extension decides the format only where the content leaves it open), then run every rule
//! on what was read and render the result, as `klacht check` does. Errors are expected;
//! panics, hangs and running out of memory are the bugs.

use klacht::calendar::Calendar;
use klacht::config::Config;
use klacht::ingest::{load::load_bytes, ReadOptions};
use klacht::rules;
use klacht::Lang;
use std::sync::OnceLock;

pub fn run(name: &str, data: &[u8]) {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    let config = CONFIG.get_or_init(Config::default);
    let opts = ReadOptions {
        // Small enough that a sheet at the limit fits libFuzzer's memory limit many times.
        max_cells: 1_000_000,
        ..ReadOptions::default()
    };
    let Ok(register) = load_bytes(name.as_ref(), data.to_vec(), config, &opts) else {
        return;
    };
    assert!(register.rows().balances(), "read = used + excluded + blank");
    let calendar = Calendar::new(config.calendar.profile, &config.calendar.closures);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or_default();
    let ctx = rules::Context::new(&register, config, &calendar, as_of);
    let findings = rules::check_all(&ctx);
    // What `check` shows: the JSON document and the terminal summary.
    let _ = klacht::render::json::check_document(&register, &findings, Lang::Nl);
    let _ = klacht::render::terminal::check_summary(&register, &findings, Lang::Nl, 20);
}
