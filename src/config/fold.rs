//! The comparison of texts in value and header mappings: case, accents, spaces and
//! punctuation do not count, so `"Postal mail"` in `klacht.toml` matches a cell `POSTAL-MAIL`.

/// Characters of `s` compared by value mappings and header mappings: lower case, accents
/// removed, only letters and digits.
pub(super) fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .flat_map(char::to_lowercase)
        .flat_map(strip_accent)
        .filter(|c| c.is_alphanumeric())
}

pub(super) fn same_key(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// The form in which value mappings compare texts: two texts with the same form are one key
/// of a `[values.…]` table (empty for a text without letters or digits, which cannot be a key).
pub(crate) fn mapping_form(s: &str) -> String {
    folded(s).collect()
}

/// The base letter(s) of an accented lower-case Latin letter; other characters unchanged.
fn strip_accent(c: char) -> impl Iterator<Item = char> {
    let (base, extra) = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => ('a', None),
        'æ' => ('a', Some('e')),
        'ç' | 'ć' | 'č' => ('c', None),
        'ď' | 'đ' => ('d', None),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => ('e', None),
        'ğ' => ('g', None),
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => ('i', None),
        'ĳ' => ('i', Some('j')),
        'ł' => ('l', None),
        'ñ' | 'ń' | 'ň' => ('n', None),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => ('o', None),
        'œ' => ('o', Some('e')),
        'ř' => ('r', None),
        'ś' | 'š' | 'ş' => ('s', None),
        'ß' => ('s', Some('s')),
        'ť' => ('t', None),
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => ('u', None),
        'ý' | 'ÿ' => ('y', None),
        'ź' | 'ż' | 'ž' => ('z', None),
        _ => (c, None),
    };
    std::iter::once(base).chain(extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_and_sharp_s_fold_to_their_letters() {
        assert!(same_key(
            "Ĳsselmeer Œuvre Straße",
            "ijsselmeer oeuvre strasse"
        ));
        assert!(same_key("Téléphone", "TELEPHONE"));
        assert!(!same_key("ab", "abc"));
        assert_eq!(mapping_form(" E-mail! "), "email");
        assert_eq!(mapping_form("-- "), "");
    }
}
