//! The lock files Excel and LibreOffice leave beside a workbook that is open: `~$name.xlsx`
//! (Excel's owner file, 165 bytes holding the user's name) and `.~lock.name.xlsx#`
//! (LibreOffice). A shell pattern such as `vestigingen/*.xlsx` picks them up with the
//! workbooks; they are no registers, and the workbook itself is read as last saved.

use crate::error::{Error, Result};
use crate::Lang;
use std::path::{Path, PathBuf};

/// The workbook name a lock file's name stands for, if `path` is named as a lock file.
fn locked_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let rest = name
        .strip_prefix("~$")
        .or_else(|| name.strip_prefix(".~lock.")?.strip_suffix('#'))?;
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Whether the bytes at the start of the file are those of a workbook (zip for xlsx and ods,
/// OLE for xls): such a file is a register whatever its name. A file that cannot be read is
/// judged by its name.
fn is_workbook(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head));
    read.is_ok() && (head == *b"PK\x03\x04" || head == [0xD0, 0xCF, 0x11, 0xE0])
}

/// Whether `workbook` is the one a lock file for `name` in `dir` belongs to: the same name in
/// the same folder, or (Word's way, which Excel follows for long names) the name with its
/// first two characters replaced by `~$`.
fn belongs(workbook: &Path, dir: &Path, name: &str) -> bool {
    let (Some(w), Some(wdir)) = (
        workbook.file_name().and_then(|n| n.to_str()),
        workbook.parent(),
    ) else {
        return false;
    };
    wdir == dir
        && (w == name || (w.chars().count() == name.chars().count() + 2 && w.ends_with(name)))
}

/// `registers` without the lock files among them. Each workbook open elsewhere is named once
/// on stderr; a lock file whose workbook was not given is named as skipped. When nothing but
/// lock files was given, that is an error (exit 2) naming the workbook to give instead.
pub fn without_lock_files(registers: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>> {
    let mut kept = Vec::new();
    let mut locks: Vec<(&PathBuf, String)> = Vec::new();
    for path in registers {
        match locked_name(path) {
            Some(name) if !is_workbook(path) => locks.push((path, name)),
            _ => kept.push(path.clone()),
        }
    }
    if locks.is_empty() {
        return Ok(kept);
    }
    if kept.is_empty() {
        let (lock, name) = &locks[0];
        return Err(Error::OnlyLockFiles {
            path: lock.to_path_buf(),
            workbook: name.to_string(),
        });
    }
    let mut told: Vec<&PathBuf> = Vec::new();
    for (lock, name) in &locks {
        let dir = lock.parent().unwrap_or(Path::new(""));
        let lock_name = lock.display().to_string();
        match kept.iter().find(|w| belongs(w, dir, name)) {
            Some(workbook) if !told.contains(&workbook) => {
                told.push(workbook);
                let workbook = workbook.display().to_string();
                let args = [
                    ("workbook", workbook.as_str()),
                    ("lock", lock_name.as_str()),
                ];
                note(&crate::messages::text("W-workbook-open", lang, &args), lang);
            }
            Some(_) => {}
            None => {
                let args = [("lock", lock_name.as_str()), ("workbook", name.as_str())];
                note(
                    &crate::messages::text("W-lock-file-alone", lang, &args),
                    lang,
                );
            }
        }
    }
    Ok(kept)
}

/// A note on stderr, beside the run's output.
fn note(text: &str, lang: Lang) {
    eprintln!(
        "klacht: {}: {}",
        lang.pick("let op", "note"),
        crate::render::terminal::printable(text)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_files_are_known_by_name() {
        let name = |s: &str| locked_name(Path::new(s));
        assert_eq!(
            name("map/~$vestiging-a.xlsx").as_deref(),
            Some("vestiging-a.xlsx")
        );
        assert_eq!(
            name(".~lock.vestiging-a.xlsx#").as_deref(),
            Some("vestiging-a.xlsx")
        );
        assert_eq!(name("vestiging-a.xlsx"), None);
        assert_eq!(name(".~lock.x.xlsx"), None, "no # at the end");
        assert_eq!(name("~$"), None);
    }

    #[test]
    fn a_lock_file_belongs_to_its_workbook_in_the_same_folder() {
        let dir = Path::new("map");
        assert!(belongs(
            Path::new("map/register.xlsx"),
            dir,
            "register.xlsx"
        ));
        assert!(
            belongs(Path::new("map/register.xlsx"), dir, "gister.xlsx"),
            "Word's short form"
        );
        assert!(!belongs(
            Path::new("elders/register.xlsx"),
            dir,
            "register.xlsx"
        ));
        assert!(!belongs(Path::new("map/ander.xlsx"), dir, "register.xlsx"));
    }
}
