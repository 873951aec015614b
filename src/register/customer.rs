//! Who complained. Customer names are personal data: the report shows a pseudonym unless
//! the user asks for names.

use super::vocab::vocabulary;

vocabulary! {
    /// Consumer or business customer; consumers have a 12-month term to go to the
    /// Geschillencommissie, so the difference has legal weight.
    CustomerType {
        Consumer = ("consumer", "particulier", "consumer"),
        Business = ("business", "zakelijk", "business"),
    }
}

/// A stable pseudonym for a customer name (or number): `K-` and the first 6 hex digits,
/// upper case, of the SHA-256 of the name trimmed, lower-cased and with runs of white space
/// collapsed to one space. The same on every run and machine, so a repeat complainant keeps
/// the same pseudonym from one quarterly report to the next.
///
/// ```
/// use klacht::register::customer::pseudonym;
/// assert_eq!(pseudonym("  Jansen   Installatie "), pseudonym("jansen installatie"));
/// assert!(pseudonym("Jansen").starts_with("K-"));
/// ```
pub fn pseudonym(name: &str) -> String {
    use sha2::{Digest, Sha256};
    // The normal form is fed to the hash word by word instead of being built first: `export`
    // makes two pseudonyms per complaint, a million complaints at a time.
    let mut hash = Sha256::new();
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            hash.update(b" ");
        }
        if word.is_ascii() {
            let mut buf = [0u8; 64];
            for chunk in word.as_bytes().chunks(buf.len()) {
                let lower = &mut buf[..chunk.len()];
                lower.copy_from_slice(chunk);
                lower.make_ascii_lowercase();
                hash.update(&*lower);
            }
        } else {
            hash.update(word.to_lowercase().as_bytes());
        }
    }
    let digest = hash.finalize();
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(8);
    out.push_str("K-");
    // A SHA-256 digest has 32 bytes.
    for b in &digest[..3] {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xF)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonym_is_stable_normalised_and_distinct() {
        // Fixed values (`printf jansen | sha256sum` starts 4c617e…): a change here changes
        // every published report.
        assert_eq!(pseudonym("Jansen"), "K-4C617E");
        assert_eq!(pseudonym(" JANSEN\t"), "K-4C617E");
        assert_eq!(pseudonym("De  Vries\u{a0}BV"), "K-0EB52A");
        assert_ne!(pseudonym("Jansen"), pseudonym("Janssen"));
        assert_ne!(pseudonym("Bakker"), pseudonym("Jansen"));
        // Beyond ASCII, and a word longer than the hashing buffer: as the normal form whole.
        assert_eq!(
            pseudonym(" Élise  MÜLLER"),
            pseudonym_of_normal("élise müller")
        );
        let long = format!("{} B", "A".repeat(70));
        assert_eq!(
            pseudonym(&long),
            pseudonym_of_normal(&format!("{} b", "a".repeat(70)))
        );
    }

    /// The definition: the digest of the normal form, written out.
    fn pseudonym_of_normal(normal: &str) -> String {
        use sha2::{Digest, Sha256};
        let d = Sha256::digest(normal.as_bytes());
        format!("K-{:02X}{:02X}{:02X}", d[0], d[1], d[2])
    }
}
