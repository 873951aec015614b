//! Cause groups (SPEC §10): the free-text causes of a register, gathered into the causes they
//! mean, without comparing all pairs.
//!
//! A text is *folded* into words: a trailing qualifier in brackets (`(R32)`) is dropped, the
//! text is split at everything that is not a letter or digit, and each word is folded by
//! [`key_chars`] (case, accents). Two texts are one cause when
//!
//! - **equal**: they share one of two exact keys. The *order key* is the words sorted, joined
//!   by a space (word order folded: `lekkage koudemiddel` = `koudemiddel lekkage`). The
//!   *compound key* is the words in written order with the spaces removed (compounds folded:
//!   `koudemiddel lekkage` = `koudemiddellekkage`). One key alone is not enough: sorting the
//!   words cannot see that `koudemiddellekkage` is two words, and joining them cannot see that
//!   `lekkage koudemiddel` is `koudemiddel lekkage` reordered. Both go into one map; they
//!   cannot collide by accident, since an order key of two or more words holds a space and a
//!   compound key never does (for one word the two are the same string, as they should be).
//!   The same holds when one text's words joined in sorted order equal another's joined in
//!   written order (`lekkage koudemiddel` / `koudemiddellekkage`).
//! - **one slip apart**: their joined words (written order, or sorted order, so that word
//!   order is folded here too) differ by one letter left out, added, changed, or two
//!   neighbours swapped, and the slip lies in a word of 8 or more letters in at least one of
//!   the two texts (`koudemiddellekage` / `koudemiddel lekkage`: the slip is in the 17-letter
//!   word of the first). A slip in shorter words keeps texts apart (`lekage` / `lekkage`).
//!
//! Groups are the closure of that relation (union-find). Candidates for a slip come from
//! deletion neighbourhoods, as in SymSpell: each joined form is indexed under itself and
//! under every string with one letter deleted; two texts one slip apart always share such a
//! key, and each shared key is checked by [`one_slip`]. The work is linear in the total length
//! of the distinct texts, never in their pairs.
//!
//! The groups do not depend on the order of the texts (the closure is the same), only their
//! naming and order do: the spellings of a group by count, ties in register order; a group is
//! named by its first spelling as written; groups by total count, ties by first appearance.
//!
//! The groups kept apart that come closest, for `check --suggest-causes`, are found by
//! [`kept_apart`] (the `near` module), with indexes of the same kind.

use crate::base::key::key_chars;
use rustc_hash::FxHashMap;

/// One spelling of a cause, as written (trimmed), and how many complaints write it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelling {
    pub text: String,
    pub count: usize,
}

/// A cause group: its spellings, most frequent first (ties in register order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseGroup {
    pub spellings: Vec<Spelling>,
    /// The entry of the company's cause list it is, if any (its position in the list).
    pub listed: Option<usize>,
    name: String,
}

impl CauseGroup {
    /// The name the report shows: the listed name, else the most frequent spelling as written.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The complaints of all its spellings.
    pub fn count(&self) -> usize {
        self.spellings.iter().map(|s| s.count).sum()
    }
}

/// The groups of a register's causes, with the group of each spelling.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CauseGroups {
    pub groups: Vec<CauseGroup>,
    /// Per text: its group, and its place among the group's spellings.
    of: FxHashMap<String, (usize, usize)>,
}

impl CauseGroups {
    /// The group of a cause text as written (trimmed), if it was among the texts grouped.
    pub fn group_of(&self, text: &str) -> Option<&CauseGroup> {
        self.index_of(text).and_then(|g| self.groups.get(g))
    }

    /// The position in [`CauseGroups::groups`] of a cause text's group.
    pub fn index_of(&self, text: &str) -> Option<usize> {
        self.spelling_of(text).map(|(g, _)| g)
    }

    /// A cause text's group and its place in the group's [`CauseGroup::spellings`]: a
    /// register may write one cause many thousand ways, and looking the spelling up in the
    /// group's list for each complaint was quadratic.
    pub fn spelling_of(&self, text: &str) -> Option<(usize, usize)> {
        self.of.get(text.trim()).copied()
    }
}

/// One entry of the company's cause list: the name the report shows and the other ways the
/// register writes it.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    pub name: &'a str,
    pub also: &'a [String],
}

/// The two exact keys of a text (the order key and the compound key, see the module
/// comment): texts that share one are one cause.
pub fn exact_keys(text: &str) -> [String; 2] {
    let words = fold_words(text);
    let mut sorted = words.clone();
    sorted.sort();
    keys_of(&words, &sorted)
}

/// The two exact keys from a text's folded words as written and sorted.
fn keys_of(words: &[String], sorted: &[String]) -> [String; 2] {
    [sorted.join(" "), words.concat()]
}

/// A text folded into words (see the module comment).
pub fn fold_words(text: &str) -> Vec<String> {
    let mut folded = String::new();
    fold_into(text, &mut folded);
    words_of(&folded)
}

/// Between the words of a folded text: a character that folding never keeps in a word.
const WORD_END: char = '\u{1f}';

/// A text's folded words into `out` (cleared first), each followed by [`WORD_END`]: one
/// string, without a string per word, that is equal for two texts exactly when their folded
/// words are.
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    let text = strip_qualifier(text.trim());
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        let start = out.len();
        out.extend(key_chars(w));
        if out.len() > start {
            out.push(WORD_END);
        }
    }
}

/// The words of a text folded by [`fold_into`].
fn words_of(folded: &str) -> Vec<String> {
    folded
        .split_terminator(WORD_END)
        .map(str::to_string)
        .collect()
}

/// The text without trailing qualifiers in brackets (`(R32)`, `[2e keer]`), unless nothing
/// would be left.
fn strip_qualifier(mut text: &str) -> &str {
    loop {
        let t = text.trim_end();
        let open = match t.chars().last() {
            Some(')') => '(',
            Some(']') => '[',
            _ => return t,
        };
        match t.rfind(open) {
            Some(at) if !t[..at].trim().is_empty() => text = &t[..at],
            _ => return t,
        }
    }
}

/// Where two strings differ by one slip: the slip's char position in `a` and in `b`; None
/// when they are equal or further apart. A letter left out or added is at its position in the
/// longer string (and the position it would have in the shorter); a swap at its first letter.
pub fn one_slip(a: &[char], b: &[char]) -> Option<(usize, usize)> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ra, rb) = (a.len() - pre - suf, b.len() - pre - suf);
    match (ra, rb) {
        (1, 1) | (1, 0) | (0, 1) => Some((pre, pre)),
        (2, 2) if a[pre] == b[pre + 1] && a[pre + 1] == b[pre] => Some((pre, pre)),
        _ => None,
    }
}

/// One way to join a text's words, with the length of the word each letter belongs to.
#[derive(PartialEq, Eq, Hash)]
struct Form {
    chars: Vec<char>,
    word_len: Vec<usize>,
}

impl Form {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Form {
        let (mut chars, mut word_len) = (Vec::new(), Vec::new());
        for w in words {
            let n = w.chars().count();
            chars.extend(w.chars());
            word_len.extend(std::iter::repeat_n(n, n));
        }
        Form { chars, word_len }
    }

    /// Whether position `at` lies in a word of 8 or more letters (a position one past the
    /// end, where a letter was added at the end, belongs to the last word).
    fn long_word_at(&self, at: usize) -> bool {
        let at = at.min(self.word_len.len().saturating_sub(1));
        self.word_len.get(at).is_some_and(|&n| n >= MIN_SLIP_WORD)
    }
}

/// The tags of the two kinds of neighbourhood key: a form itself, and a form with one letter
/// deleted.
const OWN: u8 = 0;
/// The end of a key's list of nodes.
const END: usize = usize::MAX;
const DELETED: u8 = 1;

/// A neighbourhood key from the hash of its letters and its kind, mixed (SplitMix64's
/// finaliser) so that the two kinds of one string land apart.
fn tagged(kind: u8, letters: u64) -> u64 {
    let mut z = letters ^ (u64::from(kind) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Polynomial hashes of a form (wrapping, base [`Rolling::BASE`]), so that each of its
/// one-letter deletions is hashed in constant time: the neighbourhood of a text costs its
/// length, not its length squared.
struct Rolling {
    /// `prefix[i]`: the hash of the first `i` letters.
    prefix: Vec<u64>,
    /// `suffix[i]`: the hash of the letters from `i` on.
    suffix: Vec<u64>,
    /// `pow[i]`: `BASE` to the power `i`.
    pow: Vec<u64>,
}

impl Rolling {
    const BASE: u64 = 0x100_0000_01B3;

    fn new(c: &[char]) -> Rolling {
        let n = c.len();
        let mut pow = vec![1u64; n + 1];
        for i in 1..=n {
            pow[i] = pow[i - 1].wrapping_mul(Self::BASE);
        }
        let mut prefix = vec![0u64; n + 1];
        for i in 0..n {
            prefix[i + 1] = prefix[i]
                .wrapping_mul(Self::BASE)
                .wrapping_add(u64::from(c[i]) + 1);
        }
        let mut suffix = vec![0u64; n + 1];
        for i in (0..n).rev() {
            suffix[i] = (u64::from(c[i]) + 1)
                .wrapping_mul(pow[n - 1 - i])
                .wrapping_add(suffix[i + 1]);
        }
        Rolling {
            prefix,
            suffix,
            pow,
        }
    }

    fn whole(&self) -> u64 {
        self.suffix[0]
    }

    /// The hash of the letters without position `d`: equal to the hash of that string.
    fn without(&self, d: usize) -> u64 {
        let n = self.prefix.len() - 1;
        self.prefix[d]
            .wrapping_mul(self.pow[n - 1 - d])
            .wrapping_add(self.suffix[d + 1])
    }

    /// The hash of the letters without positions `d` and `e` (`d < e`): the letters before
    /// `d`, between the two and after `e`, each shifted into place.
    fn without_two(&self, d: usize, e: usize) -> u64 {
        let n = self.prefix.len() - 1;
        let between =
            self.prefix[e].wrapping_sub(self.prefix[d + 1].wrapping_mul(self.pow[e - d - 1]));
        self.prefix[d]
            .wrapping_mul(self.pow[n - 2 - d])
            .wrapping_add(between.wrapping_mul(self.pow[n - 1 - e]))
            .wrapping_add(self.suffix[e + 1])
    }
}

/// The shortest word in which one typing slip is forgiven.
pub const MIN_SLIP_WORD: usize = 8;

/// Union-find over the distinct texts; `entry` holds, per root, the entry of the cause list
/// its set belongs to, and two sets of different entries are never joined (the list decides).
struct Sets(Vec<usize>, Vec<Option<usize>>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    /// Joins two sets under the smaller root, so roots are the first text of their set.
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (ea, eb) = (self.1[a], self.1[b]);
        if a != b && (ea.is_none() || eb.is_none() || ea == eb) {
            let (lo, hi) = (a.min(b), a.max(b));
            self.0[hi] = lo;
            self.1[lo] = ea.or(eb);
        }
    }
}

/// Groups the causes of a register, given in register order (one text per complaint; blank
/// texts are skipped).
pub fn group_causes<'a>(texts: impl IntoIterator<Item = &'a str>) -> CauseGroups {
    group_listed(texts, &[])
}

/// Groups the causes of a register with the company's cause list first: each entry's name
/// and `also` spellings are one group from the start (named by the entry), and the texts
/// that fold onto them or slip from them join it; two entries are never merged.
pub fn group_listed<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    list: &[Listed<'a>],
) -> CauseGroups {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut seen: FxHashMap<&'a str, usize> = FxHashMap::default();
    // The list's spellings come first, with no complaints: they seed their entry's set.
    let mut entry_of: Vec<Option<usize>> = Vec::new();
    for (e, l) in list.iter().enumerate() {
        for t in std::iter::once(l.name).chain(l.also.iter().map(String::as_str)) {
            let t = t.trim();
            if t.is_empty() || seen.contains_key(t) {
                continue;
            }
            seen.insert(t, counts.len());
            counts.push((t.to_string(), 0));
            entry_of.push(Some(e));
        }
    }
    let seeds = counts.len();
    for t in texts {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        let id = *seen.entry(t).or_insert_with(|| {
            counts.push((t.to_string(), 0));
            entry_of.push(None);
            counts.len() - 1
        });
        counts[id].1 += 1;
    }
    let n = counts.len();
    let mut sets = Sets((0..n).collect(), entry_of);
    for id in 1..seeds {
        if sets.1[id] == sets.1[id - 1] {
            sets.union(id, id - 1);
        }
    }
    let mut exact: FxHashMap<String, usize> = FxHashMap::default();
    // A text whose folded words were met before (`Lekkage (R32)`, `LEKKAGE`, `lekkage`) has
    // that text's keys and forms: it joins it and is not folded further. Registers that add
    // a number to a cause have as many texts as complaints, but few foldings.
    let mut folded: FxHashMap<String, usize> = FxHashMap::default();
    let mut buf = String::new();
    let mut forms: Vec<Option<[Form; 2]>> = Vec::with_capacity(n);
    for (id, (text, _)) in counts.iter().enumerate() {
        fold_into(text, &mut buf);
        if let Some(&first) = folded.get(buf.as_str()) {
            sets.union(id, first);
            forms.push(None);
            continue;
        }
        folded.insert(buf.clone(), id);
        let words = words_of(&buf);
        let mut sorted = words.clone();
        sorted.sort();
        // The words are folded once, for the keys and the forms alike.
        for key in keys_of(&words, &sorted) {
            match exact.get(&key) {
                Some(&other) => sets.union(id, other),
                None => {
                    exact.insert(key, id);
                }
            }
        }
        forms.push(Some([Form::new(words.iter()), Form::new(sorted.iter())]));
    }
    // The deletion neighbourhoods: key → the (text, form) pairs that have it.
    // Keys are hashes (no string per deletion): a collision only adds a candidate, and
    // every candidate is checked on the letters themselves.
    // Each key's (text, form) pairs as a linked list through `nodes` (no list per key):
    // `hoods` holds the last node of a key, each node the one before it.
    let mut hoods: FxHashMap<u64, usize> = FxHashMap::default();
    let mut nodes: Vec<(usize, usize, usize)> = Vec::new();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    // A form met before (the same letters in the same words: `Lekkage (R32)` and `lekkage`) has
    // the same neighbourhood and the same slips: it joins the text that brought it and adds
    // no nodes. Without this, thousands of spellings of one cause (a qualifier with a number)
    // each walked the others' lists: quadratic in the spellings of a cause.
    let mut met: FxHashMap<&Form, usize> = FxHashMap::default();
    for (id, fs) in forms.iter().enumerate() {
        let Some(fs) = fs else { continue };
        for (f, form) in fs.iter().enumerate() {
            if f == 1 && fs[0].chars == form.chars {
                continue; // written order is sorted order: the same form
            }
            if let Some(&first) = met.get(form) {
                sets.union(id, first);
                continue;
            }
            met.insert(form, id);
            let c = &form.chars;
            let hashes = Rolling::new(c);
            let deletions = if c.len() >= MIN_SLIP_WORD { c.len() } else { 0 };
            let keys = std::iter::once(None).chain((0..deletions).map(Some));
            for d in keys {
                let letters = match d {
                    None => hashes.whole(),
                    Some(d) => hashes.without(d),
                };
                let (own, deleted) = (tagged(OWN, letters), tagged(DELETED, letters));
                candidates.clear();
                // Same kind: equal forms, or one letter changed or swapped; other kind: one
                // letter left out or added.
                for key in [own, deleted] {
                    let mut at = hoods.get(&key).copied().unwrap_or(END);
                    while let Some(&(other, of, before)) = nodes.get(at) {
                        candidates.push((other, of));
                        at = before;
                    }
                }
                for &(other, of) in &candidates {
                    if other != id && sets.find(other) != sets.find(id) {
                        // Only texts with forms have nodes.
                        let Some(b) = forms[other].as_ref().map(|fs| &fs[of]) else {
                            continue;
                        };
                        let a = form;
                        let joined = a.chars == b.chars
                            || one_slip(&a.chars, &b.chars)
                                .is_some_and(|(pa, pb)| a.long_word_at(pa) || b.long_word_at(pb));
                        if joined {
                            sets.union(id, other);
                        }
                    }
                }
                let mine = if d.is_none() { own } else { deleted };
                let before = hoods.insert(mine, nodes.len()).unwrap_or(END);
                nodes.push((id, f, before));
            }
        }
    }
    collect(counts, &mut sets, list)
}

/// The groups of the sets, ordered and named (see the module comment); sets without
/// complaints (entries of the list the register does not use) are left out, and so are the
/// list's spellings the register does not write.
fn collect(counts: Vec<(String, usize)>, sets: &mut Sets, list: &[Listed]) -> CauseGroups {
    let n = counts.len();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for id in 0..n {
        members[sets.find(id)].push(id);
    }
    let mut groups: Vec<(usize, Vec<usize>)> = members
        .into_iter()
        .map(|m| {
            m.into_iter()
                .filter(|&i| counts[i].1 > 0)
                .collect::<Vec<_>>()
        })
        .enumerate()
        .filter(|(_, m)| !m.is_empty())
        .collect();
    for (_, m) in &mut groups {
        // Register order is the id order; a stable sort by count keeps it for ties.
        m.sort_by(|&x, &y| counts[y].1.cmp(&counts[x].1));
    }
    let total = |m: &[usize]| m.iter().map(|&i| counts[i].1).sum::<usize>();
    let first = |m: &[usize]| m.iter().min().copied();
    groups.sort_by(|(_, a), (_, b)| total(b).cmp(&total(a)).then(first(a).cmp(&first(b))));
    let mut of = FxHashMap::with_capacity_and_hasher(n, Default::default());
    let groups = groups
        .into_iter()
        .enumerate()
        .map(|(g, (root, m))| {
            let listed = sets.1[root];
            let spellings: Vec<Spelling> = m
                .into_iter()
                .enumerate()
                .map(|(s, i)| {
                    of.insert(counts[i].0.clone(), (g, s));
                    Spelling {
                        text: counts[i].0.clone(),
                        count: counts[i].1,
                    }
                })
                .collect();
            let name = match listed.and_then(|e| list.get(e)) {
                Some(l) => l.name.trim().to_string(),
                None => spellings
                    .first()
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
            };
            CauseGroup {
                spellings,
                listed,
                name,
            }
        })
        .collect();
    CauseGroups { groups, of }
}

mod near;
pub use near::{kept_apart, slips, NearPair};

#[cfg(test)]
mod tests;
