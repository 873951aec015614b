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
    commit(vec![stage(path, inputs, write)?])
}

/// An output written under a temporary name beside its place and not yet put there: outputs
/// that belong together (`klacht export`'s two tables) are all staged, then committed, so a
/// failure leaves the files of an earlier run as they were, never a mix. Dropped uncommitted
/// (an error elsewhere), it removes its temporary file.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    /// `None` once in place.
    tmp: Option<PathBuf>,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = &self.tmp {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Writes `path`'s content through `write` into a temporary file beside it, for [`commit`].
/// Refused before anything is written: one of the `inputs`, and a folder in the file's place
/// (whose rename would fail only at the commit, after other files were put in place).
pub fn stage(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&Path) -> Result<()>,
) -> Result<Staged> {
    refuse_inputs(path, inputs)?;
    if path.is_dir() {
        let e = std::io::Error::from(std::io::ErrorKind::IsADirectory);
        return Err(Error::output(path, e));
    }
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
    let staged = Staged {
        path: path.to_path_buf(),
        tmp: Some(tmp.clone()),
    };
    write(&tmp)?;
    Ok(staged)
}

/// Puts the staged files in place, in order. Renaming within a folder does not fail but for
/// reasons that stop the first rename as well (the folder became unwritable).
pub fn commit(staged: Vec<Staged>) -> Result<()> {
    for mut s in staged {
        if let Some(tmp) = &s.tmp {
            std::fs::rename(tmp, &s.path).map_err(|e| Error::output(&s.path, e))?;
        }
        s.tmp = None;
    }
    Ok(())
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

    #[test]
    fn files_staged_together_are_all_put_in_place_or_none() {
        let dir = std::env::temp_dir().join(format!("klacht-out-all-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a.csv"), dir.join("b.csv"));
        std::fs::write(&a, "old a").unwrap();
        std::fs::write(&b, "old b").unwrap();
        let fill = |text: &'static str| {
            move |tmp: &Path| std::fs::write(tmp, text).map_err(|e| Error::io(tmp, &e))
        };
        let first = stage(&a, &[], fill("new a")).unwrap();
        let failed = stage(&b, &[], |tmp| {
            std::fs::write(tmp, "half").unwrap();
            Err(Error::output(tmp, "test"))
        });
        assert!(failed.is_err());
        drop(first);
        assert_eq!(
            std::fs::read_to_string(&a).unwrap(),
            "old a",
            "not replaced alone"
        );
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "old b");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            2,
            "temp files removed"
        );

        // A folder where a file goes is refused before anything is written.
        let c = dir.join("c.csv");
        std::fs::create_dir(&c).unwrap();
        let err = stage(&c, &[], |_| panic!("not written"));
        assert_eq!(err.unwrap_err().code(), "E-output");

        let staged = vec![
            stage(&a, &[], fill("new a")).unwrap(),
            stage(&b, &[], fill("new b")).unwrap(),
        ];
        assert_eq!(
            std::fs::read_to_string(&a).unwrap(),
            "old a",
            "staged, not in place"
        );
        commit(staged).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new b");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            3,
            "a, b and the folder c"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
