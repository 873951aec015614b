//! Writing output files safely: never over an input, never half-written.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Writes `path` through `write`, which fills a temporary file beside it; the temporary file is
/// renamed into place only when `write` succeeds, so a failed run leaves no half-written output.
/// An output path that is one of the `inputs` is refused: registers are never overwritten.
pub fn write_atomic(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    refuse_inputs(path, inputs)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::output(&dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "klacht".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result =
        write(&tmp).and_then(|()| std::fs::rename(&tmp, path).map_err(|e| Error::output(path, e)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `text` to standard output. A reader that went away (`klacht check --json | head`)
/// ends the output quietly instead of with a panic, as `print!` would; other failures are
/// `E-output`.
pub fn print(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::output("stdout", e)),
        _ => Ok(()),
    }
}

/// Refuses an output path that names one of the input files.
pub fn refuse_inputs(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    let out = std::fs::canonicalize(path).ok();
    for input in inputs {
        let same = match (&out, std::fs::canonicalize(input).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => path == input,
        };
        if same {
            return Err(Error::OutputIsInput { path: path.into() });
        }
    }
    Ok(())
}

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start)
/// gets a leading apostrophe in CSV outputs, so opening the CSV cannot run it.
///
/// ```
/// use klacht::render::output::neutralize;
/// assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralize("lekkage"), "lekkage");
/// ```
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_nothing_and_inputs_are_refused() {
        let dir = std::env::temp_dir().join(format!("klacht-out-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("rapport.csv");
        let err = write_atomic(&target, &[], |tmp| {
            std::fs::write(tmp, "half").unwrap();
            Err(Error::output(tmp, "test"))
        });
        assert!(err.is_err());
        assert!(!target.exists());
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            0,
            "temp file removed"
        );

        let input = dir.join("register.csv");
        std::fs::write(&input, "a").unwrap();
        let refused = write_atomic(&input, std::slice::from_ref(&input), |_| Ok(()));
        assert_eq!(refused.unwrap_err().code(), "E-output-is-input");
        assert_eq!(std::fs::read(&input).unwrap(), b"a");

        write_atomic(&target, &[input], |tmp| {
            std::fs::write(tmp, "ok").map_err(|e| Error::io(tmp, &e))
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "ok");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
