//! A progress line on stderr while a large register is read, checked and reported on.
//!
//! Only the commands turn it on ([`install`]); the library alone shows nothing. It stays
//! hidden for the first second, so small registers never flicker, and indicatif draws nothing
//! when stderr is not a terminal (pipes, CI, the tests).

use crate::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

/// Work shorter than this shows no progress.
const DELAY: Duration = Duration::from_secs(1);

struct Progress {
    bar: ProgressBar,
    lang: Lang,
    /// Shown, or finished: either way not to be shown again.
    shown: AtomicBool,
}

static PROGRESS: OnceLock<Progress> = OnceLock::new();

/// Shows progress for the rest of the run, in `lang`.
pub fn install(lang: Lang) {
    let mut new = false;
    PROGRESS.get_or_init(|| {
        new = true;
        Progress {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            lang,
            shown: AtomicBool::new(false),
        }
    });
    if new {
        // Ends with the process when the run is shorter.
        std::thread::spawn(|| {
            std::thread::sleep(DELAY);
            if let Some(p) = PROGRESS.get() {
                if !p.shown.swap(true, Ordering::SeqCst) {
                    p.bar.set_draw_target(ProgressDrawTarget::stderr());
                    p.bar.enable_steady_tick(Duration::from_millis(120));
                }
            }
        });
    }
}

/// Starts the phase `code` (`P-import`, `P-validate`, … in the message catalogue).
pub fn phase(code: &str) {
    if let Some(p) = PROGRESS.get() {
        p.bar.set_message(crate::messages::text(code, p.lang, &[]));
        p.bar.set_length(0);
        p.bar.set_position(0);
        p.bar.set_style(spinner());
    }
}

/// The current phase has `total` more rows of work (one file's).
pub fn rows(total: u64) {
    if let Some(p) = PROGRESS.get() {
        p.bar.set_style(bar(p.lang));
        p.bar.inc_length(total);
    }
}

/// `n` more rows are done (from any thread).
pub fn advance(n: u64) {
    if let Some(p) = PROGRESS.get() {
        p.bar.inc(n);
    }
}

/// Removes the progress line before the command prints its result.
pub fn finish() {
    if let Some(p) = PROGRESS.get() {
        p.shown.store(true, Ordering::SeqCst);
        p.bar.finish_and_clear();
    }
}

fn spinner() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} klacht: {msg} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar(lang: Lang) -> ProgressStyle {
    let template = lang.pick(
        "{spinner} klacht: {msg} [{bar:30}] {human_pos}/{human_len} rijen ({elapsed})",
        "{spinner} klacht: {msg} [{bar:30}] {human_pos}/{human_len} rows ({elapsed})",
    );
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}
