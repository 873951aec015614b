use super::*;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The partition of the texts: each group as the set of its spellings.
fn partition(g: &CauseGroups) -> BTreeSet<BTreeSet<String>> {
    g.groups
        .iter()
        .map(|g| g.spellings.iter().map(|s| s.text.clone()).collect())
        .collect()
}

fn together(texts: &[&str], a: &str, b: &str) -> bool {
    let g = group_causes(texts.iter().copied());
    g.index_of(a).is_some() && g.index_of(a) == g.index_of(b)
}

fn one(a: &str, b: &str) -> bool {
    together(&[a, b], a, b)
}

#[test]
fn folding_drops_case_accents_punctuation_and_a_trailing_qualifier() {
    assert_eq!(
        fold_words("Koudemiddellekkage (R32)"),
        ["koudemiddellekkage"]
    );
    assert_eq!(
        fold_words("  Lekkage, koudemiddel!  [2e keer] (R410a)"),
        ["lekkage", "koudemiddel"]
    );
    assert_eq!(fold_words("Coördinatie-fout"), ["coordinatie", "fout"]);
    // A qualifier in the middle stays; a text of only a qualifier keeps it.
    assert_eq!(fold_words("lek (R32) leiding"), ["lek", "r32", "leiding"]);
    assert_eq!(fold_words("(onbekend)"), ["onbekend"]);
}

#[test]
fn one_slip_finds_each_kind_of_slip_and_nothing_more() {
    let c = |s: &str| s.chars().collect::<Vec<_>>();
    let slip = |a: &str, b: &str| one_slip(&c(a), &c(b));
    assert_eq!(slip("lekkage", "lekage"), Some((3, 3))); // left out
    assert_eq!(slip("lekage", "lekkage"), Some((3, 3))); // added
    assert_eq!(slip("lekkage", "lekkaga"), Some((6, 6))); // changed
    assert_eq!(slip("lekkage", "lekkgae"), Some((4, 4))); // swapped
    assert_eq!(slip("lekkage", "lekkage"), None);
    assert_eq!(slip("lekkage", "lekgaek"), None); // a rotation: two slips
    assert_eq!(slip("lekkage", "lkekaeg"), None);
    assert_eq!(slip("abc", "bca"), None);
}

#[test]
fn the_spec_variants_are_one_cause() {
    let texts = [
        "koudemiddellekkage",
        "Koudemiddel lekkage",
        "lekkage koudemiddel",
        "koudemiddellekage",
        "lekkage koudemiddel (R32)",
        "Koudemiddellekkage (R32)",
        "KOUDEMIDDEL-LEKKAGE",
    ];
    let g = group_causes(texts.iter().copied());
    assert_eq!(g.groups.len(), 1, "{:?}", g.groups);
    assert_eq!(g.groups[0].count(), texts.len());
}

#[test]
fn order_and_compound_each_on_their_own() {
    // Only the reordered text and the compound, without the spaced form between them.
    assert!(one("lekkage koudemiddel", "koudemiddellekkage"));
    assert!(one("water lekkage", "waterlekkage"));
    assert!(one("lekkage water", "water lekkage"));
    // A slip in a compound against the spaced form.
    assert!(one("koudemiddellekage", "koudemiddel lekkage"));
}

#[test]
fn texts_that_differ_in_a_word_stay_apart() {
    assert!(!one("lekkage koudemiddel", "lekkage condenswater"));
    assert!(!one("compressor defect", "compressor lawaai"));
    assert!(!one("storing thermostaat", "storing compressor"));
    assert!(!one("lekkage", "lekkage koudemiddel"));
}

#[test]
fn a_slip_counts_only_in_a_word_of_eight_letters_or_more() {
    // 8 letters: each kind of slip is forgiven.
    assert!(one("afvoeren", "afvoerne"));
    assert!(one("afvoeren", "afvoerrn"));
    assert!(one("afvoeren", "afvoren"));
    assert!(one("storing afvoeren", "afvoerne storing"));
    // 7 letters: changed, swapped or left out keeps texts apart.
    assert!(!one("lekkage", "lekkaga"));
    assert!(!one("storing", "stroing"));
    assert!(!one("lekkage", "lekage"));
    assert!(!one("koudemiddel lekkage", "koudemiddel lekkaga"));
    // Two slips in a long word keep texts apart.
    assert!(!one("compressor", "comprsesro"));
}

#[test]
fn named_by_the_most_frequent_spelling_ties_in_register_order() {
    let texts = [
        "Koudemiddel lekkage",
        "koudemiddellekkage",
        "compressor defect",
        "koudemiddellekkage",
        "Compressor defect",
        "compressor lawaai",
    ];
    let g = group_causes(texts.iter().copied());
    let names: Vec<&str> = g.groups.iter().map(|g| g.name()).collect();
    assert_eq!(
        names,
        [
            "koudemiddellekkage",
            "compressor defect",
            "compressor lawaai"
        ]
    );
    assert_eq!(
        g.groups[0].spellings,
        [
            Spelling {
                text: "koudemiddellekkage".into(),
                count: 2
            },
            Spelling {
                text: "Koudemiddel lekkage".into(),
                count: 1
            },
        ]
    );
    assert_eq!(g.groups[1].spellings[1].text, "Compressor defect");
    assert_eq!(
        g.group_of(" Compressor defect ").map(|g| g.name()),
        Some("compressor defect")
    );
}

/// The relation of SPEC §10 checked on every pair, by a second, plain reading: equal when the
/// sorted words or the joined words agree (or one's sorted joining is the other's written
/// joining), else one slip in a long word; then the closure.
fn oracle(texts: &[String]) -> BTreeSet<BTreeSet<String>> {
    let distinct: Vec<&String> = texts
        .iter()
        .filter(|t| !t.trim().is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let joins = |t: &str| {
        let w = fold_words(t);
        let mut s = w.clone();
        s.sort();
        // The joined forms with each letter's word length.
        [w, s].map(|ws| {
            let mut out = Vec::new();
            for x in &ws {
                for ch in x.chars() {
                    out.push((ch, x.chars().count()));
                }
            }
            out
        })
    };
    let related = |a: &str, b: &str| {
        let (wa, wb) = (fold_words(a), fold_words(b));
        let (mut sa, mut sb) = (wa.clone(), wb.clone());
        sa.sort();
        sb.sort();
        if sa == sb || wa.concat() == wb.concat() {
            return true;
        }
        for fa in joins(a) {
            for fb in joins(b) {
                let ca: Vec<char> = fa.iter().map(|p| p.0).collect();
                let cb: Vec<char> = fb.iter().map(|p| p.0).collect();
                if ca == cb {
                    return true;
                }
                // Every single edit of a, compared with b.
                let long = |f: &[(char, usize)], i: usize| {
                    f.get(i.min(f.len().saturating_sub(1)))
                        .is_some_and(|p| p.1 >= 8)
                };
                let (la, lb) = (ca.len(), cb.len());
                let mut slip = None;
                if la == lb {
                    let diff: Vec<usize> = (0..la).filter(|&i| ca[i] != cb[i]).collect();
                    if diff.len() == 1
                        || (diff.len() == 2
                            && diff[1] == diff[0] + 1
                            && ca[diff[0]] == cb[diff[1]]
                            && ca[diff[1]] == cb[diff[0]])
                    {
                        slip = Some(diff[0]);
                    }
                } else if la == lb + 1 || lb == la + 1 {
                    let (long_s, short_s) = if la > lb { (&ca, &cb) } else { (&cb, &ca) };
                    for i in 0..long_s.len() {
                        let mut d = long_s.clone();
                        d.remove(i);
                        if &d == short_s {
                            slip = Some(i);
                            break;
                        }
                    }
                }
                if let Some(i) = slip {
                    if long(&fa, i) || long(&fb, i) {
                        return true;
                    }
                }
            }
        }
        false
    };
    let n = distinct.len();
    let mut group: Vec<usize> = (0..n).collect();
    loop {
        let mut changed = false;
        for i in 0..n {
            for j in 0..n {
                if group[i] != group[j] && related(distinct[i], distinct[j]) {
                    let (lo, hi) = (group[i].min(group[j]), group[i].max(group[j]));
                    for g in &mut group {
                        if *g == hi {
                            *g = lo;
                        }
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    (0..n)
        .map(|g| {
            (0..n)
                .filter(|&i| group[i] == g)
                .map(|i| distinct[i].trim().to_string())
                .collect::<BTreeSet<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Words and their slips, so that random texts hit every rule.
const WORDS: &[&str] = &[
    "koudemiddel",
    "koudemidel",
    "lekkage",
    "lekage",
    "lekkaeg",
    "compressor",
    "compresor",
    "comrpessor",
    "defect",
    "defekt",
    "storing",
    "afvoeren",
    "afvoerne",
    "water",
    "Koudemiddellekkage",
];

fn text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..4),
        prop::sample::select(&[" ", "", "-", ", "][..]),
        prop::bool::ANY,
    )
        .prop_map(|(ws, sep, q)| {
            let t = ws.join(sep);
            if q {
                t + " (R32)"
            } else {
                t
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shuffling_the_texts_gives_the_same_groups(
        texts in prop::collection::vec(text(), 1..30),
        seed in any::<u64>(),
    ) {
        let mut shuffled = texts.clone();
        // A Fisher-Yates shuffle from the seed (a plain LCG; no rand dependency).
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (s >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let a = group_causes(texts.iter().map(String::as_str));
        let b = group_causes(shuffled.iter().map(String::as_str));
        prop_assert_eq!(partition(&a), partition(&b));
        let total: usize = a.groups.iter().map(CauseGroup::count).sum();
        prop_assert_eq!(total, texts.len());
    }

    #[test]
    fn the_groups_are_those_of_the_pairwise_relation(
        texts in prop::collection::vec(text(), 1..20),
    ) {
        let g = group_causes(texts.iter().map(String::as_str));
        prop_assert_eq!(partition(&g), oracle(&texts));
    }
}

#[test]
fn the_list_names_its_groups_and_keeps_two_entries_apart() {
    let also_a = vec!["lek in koudemiddelleiding".to_string()];
    let texts = [
        "Lek in koudemiddel-leiding",
        "lekkage koudemiddel",
        "koudemiddellekage",
        "compressorstoring",
        "Koudemiddel lekkage (R32)",
    ];
    // Without a list the last four refrigerant texts are one group; the synonym alone.
    let plain = group_causes(texts.iter().copied());
    assert_eq!(plain.groups.len(), 3);
    let list = [Listed {
        name: "Lekkage koudemiddel",
        also: &also_a,
    }];
    let g = group_listed(texts.iter().copied(), &list);
    assert_eq!(g.groups.len(), 2);
    let leak = g.group_of("Lek in koudemiddel-leiding").unwrap();
    assert_eq!(leak.name(), "Lekkage koudemiddel");
    assert_eq!(leak.listed, Some(0));
    assert_eq!(leak.count(), 4);
    assert_eq!(
        g.group_of("compressorstoring").map(|g| g.listed),
        Some(None)
    );
    // Two entries whose spellings are one slip apart stay two causes.
    let list = [
        Listed {
            name: "lekkage koudemiddel",
            also: &[],
        },
        Listed {
            name: "koudemiddellekage",
            also: &[],
        },
    ];
    let g = group_listed(["koudemiddel lekkage", "koudemiddellekage"], &list);
    assert_eq!(g.groups.len(), 2);
    // A listed cause the register never writes is no group.
    let list = [Listed {
        name: "thermostaat",
        also: &[],
    }];
    assert!(group_listed(["compressorstoring"], &list)
        .groups
        .iter()
        .all(|g| g.listed.is_none()));
}

#[test]
fn a_deletion_hashes_as_the_string_it_leaves() {
    let c: Vec<char> = "koudemiddellekkage".chars().collect();
    let r = Rolling::new(&c);
    for d in 0..c.len() {
        let mut left = c.clone();
        left.remove(d);
        assert_eq!(r.without(d), Rolling::new(&left).whole(), "deleting {d}");
    }
    assert_ne!(r.whole(), r.without(0));
    assert_ne!(tagged(OWN, r.whole()), tagged(DELETED, r.whole()));
}
