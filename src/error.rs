//! Errors that stop a run (exit code 2): the input cannot be read, the configuration is wrong,
//! an output cannot be written. Problems inside a readable register are findings, not errors.

use crate::messages;
use crate::Lang;
use std::path::{Path, PathBuf};

/// A run-stopping error. Its text comes from the [`messages`] catalogue, in either language.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct Error {
    /// Stable code, e.g. `E-encrypted`.
    pub code: &'static str,
    /// The file concerned (input, output or configuration).
    pub file: PathBuf,
    /// Values for the message's blanks besides `{file}`.
    pub args: Vec<(&'static str, String)>,
}

impl Error {
    /// An error with code `code` about `file`.
    pub fn new(code: &'static str, file: impl AsRef<Path>) -> Error {
        Error {
            code,
            file: file.as_ref().to_path_buf(),
            args: Vec::new(),
        }
    }

    /// Adds a value for a blank of the message.
    pub fn with(mut self, key: &'static str, value: impl ToString) -> Error {
        self.args.push((key, value.to_string()));
        self
    }

    /// Adds the `{detail}` blank.
    pub fn detail(self, detail: impl ToString) -> Error {
        self.with("detail", detail)
    }

    /// An I/O failure on `file`, with the cases a user can act on told apart.
    pub fn io(file: impl AsRef<Path>, err: &std::io::Error) -> Error {
        match err.kind() {
            std::io::ErrorKind::NotFound => Error::new("E-not-found", file),
            std::io::ErrorKind::IsADirectory => Error::new("E-is-dir", file),
            _ => Error::new("E-io", file).detail(err),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let file = self.file.display().to_string();
        let mut args: Vec<(&str, &str)> = vec![("file", &file)];
        args.extend(self.args.iter().map(|(k, v)| (*k, v.as_str())));
        messages::text(self.code, lang, &args)
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
