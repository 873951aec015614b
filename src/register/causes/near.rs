//! The cause groups that were kept apart but come closest (`check --suggest-causes`, SPEC
//! §10): the pairs a quality manager should confirm or merge.
//!
//! A pair is two groups with texts whose folded words (see the parent module) are the same
//! but for one word: one word is another (`lekkage koudemiddel` / `lekkage condenswater`,
//! `lekage` / `lekkage`), or one text has a word more (`compressor` / `compressor defect`).
//! Texts that differ in two or more words are not paired.
//!
//! **Closeness** is the share of letters that stay when that one word is corrected:
//! `1 − slips / letters`. *Slips* are the typing slips between the two words (a letter left
//! out, added or changed, or two neighbours swapped: their optimal string alignment distance);
//! a word more counts all its letters. *Letters* are those of the longer text's folded words.
//! `lekage` / `lekkage`: 1 − 1/7 = 0.86; `compressor defect` / `compressor lawaai`:
//! 1 − 6/16 = 0.63. A pair of groups takes its closest pair of texts; pairs equally close
//! are ordered by the complaints of the two groups together (most first), then by the groups'
//! order.
//!
//! No two groups are compared unless an index brings them together (a register can hold
//! 100,000 distinct causes):
//!
//! - **a shared rest**: every text is indexed under all its words, and (with two words or
//!   more) under its words without one of them; texts under one key differ in one word or
//!   have one word more. Each is paired with the [`REST_WINDOW`] texts indexed last before it
//!   under that key: a word common to thousands of texts would otherwise pair them all.
//! - **close words**, for what the rest cannot meet: the words of texts of one word, and of
//!   texts whose rest is shared by more texts than the window meets. Each such word of
//!   [`MIN_CLOSE_WORD`] letters or more is indexed under itself and its one-letter deletions,
//!   and a word of 8 to [`MAX_TWO_SLIP_WORD`] letters under its two-letter deletions too
//!   (SymSpell, as the grouping does with one). Two words one slip apart share a key, and so
//!   do two words two slips apart where one has 8 letters or more: a shorter one (6 or 7
//!   letters) then lacks a letter the longer has, so it needs at most one deletion of its
//!   own. For each such pair of words, every text with the one is looked up with the other in
//!   its place. A key shared by more than [`WORD_WINDOW`] words (short words, numbers) pairs
//!   each with the last of them only.
//!
//! The cost is linear in the distinct texts and words, times the square of the length of the
//! long words looked up (hence the cap): on a register of 200,000 random causes, a third of
//! the grouping's time.
//!
//! The texts of a group are the distinct folded forms of its spellings.

use super::{fold_words, tagged, CauseGroups, Rolling, END, MIN_SLIP_WORD};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::{Ordering, Reverse};

/// Texts paired with those indexed last before them under one shared rest.
pub const REST_WINDOW: usize = 8;
/// The shortest word looked up by its slips: the one-letter deletions of shorter words are
/// shared by hundreds (`de`, `te`, `het`, `net`), and a slip in them is rarely one.
pub const MIN_CLOSE_WORD: usize = 4;
/// Words walked under one neighbourhood key (a key shared by more: short words, numbers).
pub const WORD_WINDOW: usize = 32;
/// The longest word indexed under its two-letter deletions (their number grows with the
/// square of the length); longer words are paired at one slip.
pub const MAX_TWO_SLIP_WORD: usize = 32;

/// The tag of a word's key in a text's key (a sum over its words, see [`Texts`]).
const WORD: u8 = 2;
/// The tag of a word's neighbourhood keys.
const LETTERS: u8 = 3;
/// No word: the text itself under the shared-rest index, or the side with a word less.
const NONE: u32 = u32::MAX;

/// Two cause groups kept apart that come close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearPair {
    /// Their positions in [`CauseGroups::groups`], the first before the second.
    pub groups: (usize, usize),
    /// The folded word each group's text has where the other's has another; empty for the
    /// text with a word less.
    pub words: (String, String),
    /// The typing slips between the two words.
    pub slips: usize,
    /// The letters of the longer of the two texts.
    pub letters: usize,
}

impl NearPair {
    /// `1 − slips / letters` (see the module comment).
    pub fn closeness(&self) -> f64 {
        1.0 - self.slips as f64 / self.letters.max(1) as f64
    }
}

/// The typing slips between two words: letters left out, added or changed, and two
/// neighbours swapped (the optimal string alignment distance).
pub fn slips(a: &[char], b: &[char]) -> usize {
    slips_in(a, b, &mut Vec::new())
}

/// [`slips`] with the table's rows in `rows` (kept by the caller: no allocation per pair).
fn slips_in(a: &[char], b: &[char], rows: &mut Vec<usize>) -> usize {
    let m = b.len();
    // Three rows of the table: two back, one back, this one.
    rows.clear();
    rows.resize(3 * (m + 1), 0);
    let (mut back2, mut back1, mut this) = (0, m + 1, 2 * (m + 1));
    for (j, v) in rows[back1..back1 + m + 1].iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        rows[this] = i;
        for j in 1..=m {
            let changed = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[back1 + j] + 1)
                .min(rows[this + j - 1] + 1)
                .min(rows[back1 + j - 1] + changed);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[back2 + j - 2] + 1);
            }
            rows[this + j] = v;
        }
        (back2, back1, this) = (back1, this, back2);
    }
    rows[back1 + m]
}

/// Whether two words are close: one slip apart, or two where one has 8 letters or more.
fn close_words(a: &[char], b: &[char], rows: &mut Vec<usize>) -> bool {
    let allowed = if a.len().max(b.len()) >= MIN_SLIP_WORD {
        2
    } else {
        1
    };
    a.len().abs_diff(b.len()) <= allowed && slips_in(a, b, rows) <= allowed
}

/// One distinct text: its group, its folded words (as word numbers, sorted), its letters,
/// and its key: the sum of its words' keys, so that the key of the text with one word
/// left out or replaced is a subtraction (and an addition) away.
struct Text {
    group: u32,
    words: Vec<u32>,
    letters: usize,
    key: u64,
}

/// The distinct words and texts of the groups.
struct Texts {
    /// Each word's letters, by word number.
    words: Vec<Vec<char>>,
    texts: Vec<Text>,
    /// Text key → text. A second text with a key already taken (the same words, or a
    /// collision) is left out: at worst a candidate fewer.
    at: FxHashMap<u64, u32>,
}

fn word_key(w: u32) -> u64 {
    tagged(WORD, u64::from(w))
}

/// The key of a text without one of its words.
fn rest_key(text: &Text, w: u32) -> u64 {
    text.key.wrapping_sub(word_key(w))
}

impl Texts {
    fn of(groups: &CauseGroups) -> Texts {
        let mut number: FxHashMap<String, u32> = FxHashMap::default();
        let mut t = Texts {
            words: Vec::new(),
            texts: Vec::new(),
            at: FxHashMap::default(),
        };
        for (g, group) in groups.groups.iter().enumerate() {
            for s in &group.spellings {
                let folded = fold_words(&s.text);
                let letters = folded.iter().map(|w| w.chars().count()).sum();
                let mut words: Vec<u32> = folded
                    .into_iter()
                    .map(|w| {
                        let next = t.words.len() as u32;
                        *number.entry(w).or_insert_with_key(|w| {
                            t.words.push(w.chars().collect());
                            next
                        })
                    })
                    .collect();
                if words.is_empty() {
                    continue;
                }
                words.sort_unstable();
                let key = words.iter().fold(0u64, |k, &w| k.wrapping_add(word_key(w)));
                if t.at.contains_key(&key) {
                    continue;
                }
                t.at.insert(key, t.texts.len() as u32);
                t.texts.push(Text {
                    group: g as u32,
                    words,
                    letters,
                    key,
                });
            }
        }
        t
    }

    fn letters(&self, w: u32) -> &[char] {
        self.words.get(w as usize).map_or(&[], Vec::as_slice)
    }
}

/// The words of a text without one `w` (all of them for [`NONE`]); `None` when it has no `w`.
fn rest(words: &[u32], w: u32) -> Option<impl Iterator<Item = u32> + '_> {
    let skip = match w {
        NONE => None,
        w => Some(words.iter().position(|&x| x == w)?),
    };
    Some(
        words
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != skip)
            .map(|(_, &x)| x),
    )
}

/// The closest pair of texts found so far for a pair of groups.
#[derive(Clone, Copy)]
struct Best {
    words: (u32, u32),
    slips: usize,
    letters: usize,
}

impl Best {
    /// Closer first: slips / letters compared exactly.
    fn cmp_closeness(&self, other: &Best) -> Ordering {
        (self.slips * other.letters).cmp(&(other.slips * self.letters))
    }
}

/// The candidates met, the closest per pair of groups.
struct Pairs<'a> {
    t: &'a Texts,
    best: FxHashMap<(u32, u32), Best>,
    rows: Vec<usize>,
}

impl Pairs<'_> {
    /// Texts `a` and `b` as candidates: `a` without word `wa` and `b` without `wb` must have
    /// the same words (checked here: keys only bring them together).
    fn meet(&mut self, a: u32, wa: u32, b: u32, wb: u32) {
        let (ta, tb) = (&self.t.texts[a as usize], &self.t.texts[b as usize]);
        if ta.group == tb.group {
            return;
        }
        let same = match (rest(&ta.words, wa), rest(&tb.words, wb)) {
            (Some(ra), Some(rb)) => ra.eq(rb),
            _ => false,
        };
        if !same || (wa == NONE && wb == NONE) {
            return;
        }
        let found = Best {
            words: (wa, wb),
            slips: slips_in(self.t.letters(wa), self.t.letters(wb), &mut self.rows),
            letters: ta.letters.max(tb.letters),
        };
        let (key, found) = if ta.group < tb.group {
            ((ta.group, tb.group), found)
        } else {
            let words = (found.words.1, found.words.0);
            ((tb.group, ta.group), Best { words, ..found })
        };
        let best = self.best.entry(key).or_insert(found);
        if found.cmp_closeness(best) == Ordering::Less {
            *best = found;
        }
    }
}

/// The `limit` closest pairs of groups kept apart, closest first (see the module comment).
pub fn kept_apart(groups: &CauseGroups, limit: usize) -> Vec<NearPair> {
    let t = Texts::of(groups);
    let mut pairs = Pairs {
        t: &t,
        best: FxHashMap::default(),
        rows: Vec::new(),
    };
    let missed = shared_rests(&t, &mut pairs);
    let holders = Holders::of(&t);
    for (a, b) in close_word_pairs(&t, &missed) {
        replaced(&t, &holders, a, b, &mut pairs);
    }
    let count =
        |(a, b): (u32, u32)| groups.groups[a as usize].count() + groups.groups[b as usize].count();
    let order = |x: &((u32, u32), Best), y: &((u32, u32), Best)| {
        x.1.cmp_closeness(&y.1)
            .then_with(|| Reverse(count(x.0)).cmp(&Reverse(count(y.0))))
            .then(x.0.cmp(&y.0))
    };
    let mut found: Vec<((u32, u32), Best)> = pairs.best.into_iter().collect();
    if found.len() > limit && limit > 0 {
        found.select_nth_unstable_by(limit - 1, order);
    }
    found.truncate(limit);
    found.sort_unstable_by(order);
    let word = |w: u32| t.letters(w).iter().collect::<String>();
    found
        .into_iter()
        .map(|((a, b), best)| NearPair {
            groups: (a as usize, b as usize),
            words: (word(best.words.0), word(best.words.1)),
            slips: best.slips,
            letters: best.letters,
        })
        .collect()
}

/// The shared-rest index: each text under its key and under its key without each of its
/// words, met with the texts indexed last before it under each. Returns, per word, whether
/// some pair with it in place of another word may have been missed: it is the only word of
/// a text (no rest to share), or a rest of its text is shared by more texts than the window
/// meets. Only such words need [`close_word_pairs`].
fn shared_rests(t: &Texts, pairs: &mut Pairs) -> Vec<bool> {
    // Key → its last node and how many texts it holds.
    let mut heads: FxHashMap<u64, (usize, usize)> = FxHashMap::default();
    // (text, the word left out or NONE, the node before under the same key)
    let mut nodes: Vec<(u32, u32, usize)> = Vec::new();
    let mut keys: Vec<(u64, u32)> = Vec::new();
    for (a, text) in t.texts.iter().enumerate() {
        keys.clear();
        keys.push((text.key, NONE));
        if text.words.len() >= 2 {
            keys.extend(distinct_words(&text.words).map(|w| (rest_key(text, w), w)));
        }
        for &(key, w) in &keys {
            let (head, held) = heads.get(&key).copied().unwrap_or((END, 0));
            let mut at = head;
            for _ in 0..REST_WINDOW {
                let Some(&(b, wb, before)) = nodes.get(at) else {
                    break;
                };
                pairs.meet(a as u32, w, b, wb);
                at = before;
            }
            heads.insert(key, (nodes.len(), held + 1));
            nodes.push((a as u32, w, head));
        }
    }
    let mut missed = vec![false; t.words.len()];
    for text in &t.texts {
        for w in distinct_words(&text.words) {
            let crowded = || {
                heads
                    .get(&rest_key(text, w))
                    .is_some_and(|h| h.1 > REST_WINDOW + 1)
            };
            if text.words.len() == 1 || crowded() {
                missed[w as usize] = true;
            }
        }
    }
    missed
}

/// The pairs of distinct words that are close ([`close_words`]), found through their
/// deletion neighbourhoods, among the words `wanted`.
fn close_word_pairs(t: &Texts, wanted: &[bool]) -> Vec<(u32, u32)> {
    let mut heads: FxHashMap<u64, usize> = FxHashMap::default();
    let mut nodes: Vec<(u32, usize)> = Vec::new();
    let mut close = Vec::new();
    let mut keys: Vec<u64> = Vec::new();
    let mut checked: FxHashSet<u32> = FxHashSet::default();
    let mut rows = Vec::new();
    for (w, c) in t.words.iter().enumerate() {
        if c.len() < MIN_CLOSE_WORD || !wanted[w] {
            continue;
        }
        let hashes = Rolling::new(c);
        keys.clear();
        keys.push(hashes.whole());
        keys.extend((0..c.len()).map(|d| hashes.without(d)));
        if (MIN_SLIP_WORD..=MAX_TWO_SLIP_WORD).contains(&c.len()) {
            for d in 0..c.len() {
                keys.extend((d + 1..c.len()).map(|e| hashes.without_two(d, e)));
            }
        }
        // Deleting either of two equal neighbours gives the same key.
        keys.sort_unstable();
        keys.dedup();
        checked.clear();
        for &k in &keys {
            let key = tagged(LETTERS, k);
            let mut at = heads.get(&key).copied().unwrap_or(END);
            for _ in 0..WORD_WINDOW {
                let Some(&(o, before)) = nodes.get(at) else {
                    break;
                };
                if checked.insert(o) && close_words(c, &t.words[o as usize], &mut rows) {
                    close.push((o, w as u32));
                }
                at = before;
            }
            let before = heads.insert(key, nodes.len()).unwrap_or(END);
            nodes.push((w as u32, before));
        }
    }
    close
}

/// The texts that have each word, by word number (each text once per distinct word).
struct Holders {
    /// `texts[start[w]..start[w + 1]]` hold word `w`.
    start: Vec<usize>,
    texts: Vec<u32>,
}

impl Holders {
    fn of(t: &Texts) -> Holders {
        let mut start = vec![0usize; t.words.len() + 1];
        for text in &t.texts {
            for w in distinct_words(&text.words) {
                start[w as usize + 1] += 1;
            }
        }
        for w in 0..t.words.len() {
            start[w + 1] += start[w];
        }
        let mut next = start.clone();
        let mut texts = vec![0u32; start[t.words.len()]];
        for (i, text) in t.texts.iter().enumerate() {
            for w in distinct_words(&text.words) {
                texts[next[w as usize]] = i as u32;
                next[w as usize] += 1;
            }
        }
        Holders { start, texts }
    }

    fn of_word(&self, w: u32) -> &[u32] {
        let w = w as usize;
        &self.texts[self.start[w]..self.start[w + 1]]
    }
}

/// The words of a sorted word list, each once.
fn distinct_words(words: &[u32]) -> impl Iterator<Item = u32> + '_ {
    words
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || words[i - 1] != *w)
        .map(|(_, &w)| w)
}

/// Every text with word `a` looked up with `b` in its place, from the word fewer texts have
/// (the pair found is the same either way).
fn replaced(t: &Texts, holders: &Holders, a: u32, b: u32, pairs: &mut Pairs) {
    let (from, to) = if holders.of_word(a).len() <= holders.of_word(b).len() {
        (a, b)
    } else {
        (b, a)
    };
    for &x in holders.of_word(from) {
        let key = t.texts[x as usize]
            .key
            .wrapping_sub(word_key(from))
            .wrapping_add(word_key(to));
        if let Some(&y) = t.at.get(&key) {
            pairs.meet(x, from, y, to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::group_causes;
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The register: each text written `n` times.
    fn groups(texts: &[(&str, usize)]) -> CauseGroups {
        let all: Vec<&str> = texts
            .iter()
            .flat_map(|&(t, n)| std::iter::repeat_n(t, n))
            .collect();
        group_causes(all)
    }

    /// The pairs as (first name, second name, slips, letters).
    fn named(g: &CauseGroups, pairs: &[NearPair]) -> Vec<(String, String, usize, usize)> {
        pairs
            .iter()
            .map(|p| {
                let name = |i: usize| g.groups[i].name().to_string();
                (name(p.groups.0), name(p.groups.1), p.slips, p.letters)
            })
            .collect()
    }

    #[test]
    fn slips_count_each_kind_once_and_a_swap_as_one() {
        let s = |a: &str, b: &str| slips(&chars(a), &chars(b));
        assert_eq!(s("lekkage", "lekkage"), 0);
        assert_eq!(s("lekkage", "lekage"), 1); // left out
        assert_eq!(s("lekage", "lekkage"), 1); // added
        assert_eq!(s("lekkage", "lekkaga"), 1); // changed
        assert_eq!(s("lekkage", "lekkgae"), 1); // swapped
        assert_eq!(s("koudemiddellekkage", "koudemidellekage"), 2);
        assert_eq!(s("", "defect"), 6);
        assert_eq!(s("defect", "lawaai"), 6);
        // By hand: koude/conde two changed; middel/nswater four changed, t added, l/r.
        assert_eq!(s("koudemiddel", "condenswater"), 8);
        // A swap is not undone by a later edit of the swapped letters (OSA, not Damerau):
        // ca → abc takes three.
        assert_eq!(s("ca", "abc"), 3);
    }

    #[test]
    fn two_deletions_hash_as_the_word_without_those_letters() {
        let c = chars("koudemiddel");
        let r = Rolling::new(&c);
        for d in 0..c.len() {
            for e in d + 1..c.len() {
                let mut rest = c.clone();
                rest.remove(e);
                rest.remove(d);
                assert_eq!(r.without_two(d, e), Rolling::new(&rest).whole(), "{d} {e}");
            }
        }
    }

    #[test]
    fn pairs_rank_by_the_share_of_letters_that_stay() {
        let g = groups(&[
            ("lekkage koudemiddel", 3),
            ("koudemiddellekkage", 1),
            ("lekkage condenswater", 2),
            ("lekkage", 4),
            ("lekage", 1),
            ("compressor defect", 2),
            ("compressor lawaai", 1),
            ("koudemidellekage", 1),
            // Two words apart from every other text: never paired.
            ("thermostaat instelling", 1),
        ]);
        let pairs = kept_apart(&g, 20);
        // Slips and letters by hand (see slips_count_each_kind_once_and_a_swap_as_one).
        let s = |a: &str, b: &str, slips: usize, letters: usize| {
            (a.to_string(), b.to_string(), slips, letters)
        };
        assert_eq!(
            named(&g, &pairs),
            [
                // 16/18: two slips in the compound.
                s("lekkage koudemiddel", "koudemidellekage", 2, 18),
                // 6/7: one slip in a short word.
                s("lekkage", "lekage", 1, 7),
                // 10/16: one word another.
                s("compressor defect", "compressor lawaai", 6, 16),
                // 11/19.
                s("lekkage koudemiddel", "lekkage condenswater", 8, 19),
                // 7/18 and 7/19: a word more. The group with more complaints first.
                s("lekkage koudemiddel", "lekkage", 11, 18),
                s("lekkage", "lekkage condenswater", 12, 19),
            ]
        );
        assert_eq!(
            pairs[0].words,
            ("koudemiddellekkage".into(), "koudemidellekage".into())
        );
        assert_eq!(pairs[4].words, ("koudemiddel".into(), String::new()));
        assert_eq!(pairs[5].words, (String::new(), "condenswater".into()));
        assert!((pairs[1].closeness() - 6.0 / 7.0).abs() < 1e-12);
        assert_eq!(kept_apart(&g, 2).len(), 2);
        assert!(kept_apart(&g, 0).is_empty());
    }

    #[test]
    fn equally_close_pairs_put_more_complaints_first() {
        // Groups in order: pomp defect (5), buis lawaai (4), buis defect (3), pomp lawaai (1).
        // Both pairs are 6 slips in 10 letters; buis has 7 complaints, pomp 6.
        let g = groups(&[
            ("pomp defect", 5),
            ("buis lawaai", 4),
            ("buis defect", 3),
            ("pomp lawaai", 1),
        ]);
        let pairs = kept_apart(&g, 20);
        let firsts: Vec<(String, String)> = named(&g, &pairs)
            .into_iter()
            .filter(|p| p.2 == 6)
            .map(|p| (p.0, p.1))
            .collect();
        assert_eq!(
            firsts,
            [
                ("buis lawaai".to_string(), "buis defect".to_string()),
                ("pomp defect".to_string(), "pomp lawaai".to_string()),
            ]
        );
    }

    #[test]
    fn a_crowded_rest_still_finds_its_close_words() {
        // More texts share the rest `storing` than the window meets: the first and the last,
        // two slips apart in a long word, are found through their words.
        let fillers = [
            "pomp", "kraan", "buis", "klep", "filter", "ventiel", "motor", "sensor", "kabel",
            "display", "zekering", "relais",
        ];
        assert!(fillers.len() > REST_WINDOW);
        let mut texts = vec!["storing koudemiddel".to_string()];
        texts.extend(fillers.iter().map(|f| format!("storing {f}")));
        texts.push("storing koudemidl".to_string());
        let g = group_causes(texts.iter().map(String::as_str));
        assert_eq!(g.groups.len(), texts.len());
        let found = kept_apart(&g, usize::MAX)
            .into_iter()
            .find(|p| p.words == ("koudemiddel".into(), "koudemidl".into()))
            .expect("the pair beyond the window");
        // Two letters left out of the 18 of `storing koudemiddel`.
        assert_eq!((found.slips, found.letters), (2, 18));
        let name = |i: usize| g.groups[i].name();
        assert_eq!(
            (name(found.groups.0), name(found.groups.1)),
            ("storing koudemiddel", "storing koudemidl")
        );
    }

    /// Slips by the full table (a second, plain reading of the definition).
    fn plain_slips(a: &[char], b: &[char]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let c = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + c);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    fn gcd(a: usize, b: usize) -> usize {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }

    /// Every pair of groups compared on every pair of spellings: the pairs of the definition,
    /// with their closeness as a reduced fraction, in the ranking's order.
    fn oracle(g: &CauseGroups) -> Vec<((usize, usize), (usize, usize))> {
        let mut best: std::collections::BTreeMap<(usize, usize), (usize, usize)> =
            Default::default();
        for a in 0..g.groups.len() {
            for b in a + 1..g.groups.len() {
                for sa in &g.groups[a].spellings {
                    for sb in &g.groups[b].spellings {
                        let (wa, wb) = (fold_words(&sa.text), fold_words(&sb.text));
                        // The words of each that the other lacks (as multisets).
                        let mut only_a = wa.clone();
                        let mut only_b = Vec::new();
                        for w in &wb {
                            match only_a.iter().position(|x| x == w) {
                                Some(i) => {
                                    only_a.remove(i);
                                }
                                None => only_b.push(w.clone()),
                            }
                        }
                        if only_a.len() > 1 || only_b.len() > 1 || only_a.len() + only_b.len() == 0
                        {
                            continue;
                        }
                        let x = chars(only_a.first().map_or("", String::as_str));
                        let y = chars(only_b.first().map_or("", String::as_str));
                        let rest_shared = wa.len() > only_a.len();
                        let slips = plain_slips(&x, &y);
                        let long = x.len().max(y.len()) >= 8;
                        let short = x.len().min(y.len()) < MIN_CLOSE_WORD;
                        let close = !short && slips <= if long { 2 } else { 1 };
                        let replaced = close && !x.is_empty() && !y.is_empty();
                        if !(rest_shared || replaced) {
                            continue;
                        }
                        let letters =
                            |w: &[String]| w.iter().map(|w| w.chars().count()).sum::<usize>();
                        let letters = letters(&wa).max(letters(&wb));
                        let e = best.entry((a, b)).or_insert((slips, letters));
                        if slips * e.1 < e.0 * letters {
                            *e = (slips, letters);
                        }
                    }
                }
            }
        }
        let count = |(a, b): (usize, usize)| g.groups[a].count() + g.groups[b].count();
        let mut out: Vec<((usize, usize), (usize, usize))> = best.into_iter().collect();
        out.sort_by(|x, y| {
            (x.1 .0 * y.1 .1)
                .cmp(&(y.1 .0 * x.1 .1))
                .then(count(y.0).cmp(&count(x.0)))
                .then(x.0.cmp(&y.0))
        });
        out.into_iter()
            .map(|(p, (s, l))| {
                let k = gcd(s, l).max(1);
                (p, (s / k, l / k))
            })
            .collect()
    }

    /// Words and their slips, so that random texts meet every kind of pair.
    const WORDS: &[&str] = &[
        "koudemiddel",
        "koudemidel",
        "koudmidel",
        "lekkage",
        "lekage",
        "lekkaeg",
        "compressor",
        "comprsesro",
        "defect",
        "lawaai",
        "condenswater",
        "koudemiddellekkage",
        "koudemidellekage",
        "pomp",
        "pmop",
        "tv",
        "tc",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn the_index_finds_the_pairs_that_comparing_all_finds(
            texts in prop::collection::vec(
                prop::collection::vec(prop::sample::select(WORDS), 1..4),
                1..10,
            ),
        ) {
            // At most 9 texts: no key holds more than the window, so every pair is met.
            let texts: Vec<String> = texts.iter().map(|w| w.join(" ")).collect();
            let g = group_causes(texts.iter().map(String::as_str));
            let got: Vec<((usize, usize), (usize, usize))> = kept_apart(&g, usize::MAX)
                .into_iter()
                .map(|p| {
                    let k = gcd(p.slips, p.letters).max(1);
                    (p.groups, (p.slips / k, p.letters / k))
                })
                .collect();
            prop_assert_eq!(got, oracle(&g));
        }
    }
}
