//! A file's bytes as import holds them: large files mapped from the page cache, small ones
//! read into memory. Shared cheaply, so that the file can be hashed on one core while it is
//! parsed on the others.

use std::ops::Deref;
use std::sync::Arc;

/// Files from this size on are mapped instead of read. Reading copies every byte into fresh
/// memory, which the system must first clear: for a 350 MB register that was a third of a
/// second of a run, spent before the first row was parsed (docs/performance.md). Below it
/// either way is instant.
pub const MAP_FROM: u64 = 8 << 20;

/// Bytes of one input file (or the decoded text of one), from an offset on: the bytes after a
/// byte-order mark are a view, not a copy.
///
/// ```
/// use klacht::ingest::input::Input;
/// let input = Input::from(b"\xEF\xBB\xBFNr;Klant\n".to_vec()).skip(3);
/// assert_eq!(&input[..], b"Nr;Klant\n");
/// let shared = input.clone(); // no copy
/// assert_eq!(shared.len(), 9);
/// ```
#[derive(Clone)]
pub struct Input {
    held: Arc<Held>,
    start: usize,
}

enum Held {
    Read(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Input {
    /// Maps `file`, whose size the caller has checked. A register is read by one run and
    /// changed by people saving it in Excel, which writes a new file and renames it over the
    /// old one: the mapped bytes stay those of the file as it was opened. A program that
    /// rewrote the file in place during the run could change them, and the SHA-256 recorded in
    /// the report would then not match the figures; `klacht check --annotate` compares the
    /// hash before using a file again (docs/decisions.md).
    pub fn map(file: &std::fs::File) -> std::io::Result<Input> {
        // SAFETY: the map is read-only and private to this process; the bytes are only read,
        // as a slice, while the map lives. See the note above on files changed during a run.
        let map = unsafe { memmap2::Mmap::map(file)? };
        Ok(Input {
            held: Arc::new(Held::Mapped(map)),
            start: 0,
        })
    }

    /// The same bytes without their first `n` (all of them when `n` is past the end).
    pub fn skip(mut self, n: usize) -> Input {
        self.start = (self.start + n).min(self.held.bytes().len());
        self
    }
}

impl Held {
    fn bytes(&self) -> &[u8] {
        match self {
            Held::Read(v) => v,
            Held::Mapped(m) => m,
        }
    }
}

impl From<Vec<u8>> for Input {
    fn from(bytes: Vec<u8>) -> Input {
        Input {
            held: Arc::new(Held::Read(bytes)),
            start: 0,
        }
    }
}

impl Deref for Input {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        // `start` never passes the end (`skip`).
        &self.held.bytes()[self.start..]
    }
}

impl AsRef<[u8]> for Input {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = match *self.held {
            Held::Read(_) => "read",
            Held::Mapped(_) => "mapped",
        };
        write!(f, "Input({how}, {} bytes)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapped_file_reads_as_its_bytes() {
        let dir = std::env::temp_dir().join(format!("klacht-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.csv");
        std::fs::write(&path, b"\xEF\xBB\xBFNr;Klant\n1;Jansen\n").unwrap();
        let input = Input::map(&std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(format!("{input:?}"), "Input(mapped, 21 bytes)");
        let text = input.skip(3);
        assert_eq!(&text[..], b"Nr;Klant\n1;Jansen\n");
        assert_eq!(&text.clone()[..], b"Nr;Klant\n1;Jansen\n");
        assert_eq!(&text.skip(100)[..], b"");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
