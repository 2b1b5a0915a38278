//! The lexicon of unit roles in dispatch records, and the spelling repair
//! that uses it ("Engineering Unites" -> "Engineering Units").
//!
//! A role written as in the lexicon (ignoring case, and with or without the
//! plural "s" on its last word) is valid as written. Otherwise every lexicon
//! role with the same number of words whose words are each within edit
//! distance 1 of the written ones is a candidate; the role is repaired only
//! when exactly one candidate has the smallest total distance. Hands on
//! [`repair`].

use std::collections::HashSet;
use std::sync::LazyLock;

/// Unit roles as peace-operation dispatch records write them.
pub const LEXICON: &[&str] = &[
    "Engineering Units",
    "Engineer Units",
    "Engineering Company",
    "Engineering Team",
    "Construction Engineers",
    "Staff Officers",
    "Military Staff Officers",
    "Headquarters Staff Officers",
    "Officers",
    "Liaison Officers",
    "Military Liaison Officers",
    "Civilian Police",
    "Police Officers",
    "Individual Police Officers",
    "Formed Police Units",
    "Military Observers",
    "Cease-fire Observers",
    "Ceasefire Observers",
    "Election Observers",
    "Electoral Observers",
    "Movement Control Units",
    "Transport Units",
    "Air Transport Units",
    "Helicopter Units",
    "Logistics Units",
    "Logistics Support Units",
    "Medical Units",
    "Medical Officers",
    "Medical Team",
    "Level II Hospital",
    "Level I Hospital",
    "Level III Hospital",
    "Level 1 Hospital",
    "Level 2 Hospital",
    "Level 3 Hospital",
    "Riverine Units",
    "Aviation Units",
    "Military Experts on Mission",
    "Headquarters Staff",
    "Quick Reaction Force",
    "Special Forces",
    "Naval Units",
    "Field Hospital",
    "Signal Units",
    "Supply Units",
    "Maintenance Units",
    "Demining Units",
    "Infantry Battalion",
    "Infantry Units",
    "Security Units",
    "Support Units",
    "Maritime Task Force",
    "Liaison & Coordination Personnel",
    "Liaison and Coordination Personnel",
    "Civilian Personnel",
    "Self-Defense Force Personnel",
    "Experts on Mission",
    "Advisers",
    "Instructors",
];

/// A lexicon role folded for comparison, as words.
struct Entry {
    canonical: &'static str,
    words: Vec<String>,
}

static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    LEXICON
        .iter()
        .map(|&canonical| Entry {
            canonical,
            words: canonical.split_whitespace().map(str::to_lowercase).collect(),
        })
        .collect()
});

/// Every lexicon role, lower case, in the singular and plural of its last word.
static VALID: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for e in ENTRIES.iter() {
        let joined = e.words.join(" ");
        if let Some(stem) = joined.strip_suffix('s') {
            set.insert(stem.to_string());
        } else {
            set.insert(format!("{joined}s"));
        }
        set.insert(joined);
    }
    set
});

/// True when a role is in the lexicon as written, ignoring case and a
/// plural or singular "s" on any word ("Signals Units", "Observers Team"
/// are written as intended).
pub fn is_known(role_raw: &str) -> bool {
    let words: Vec<String> = role_raw.split_whitespace().map(str::to_lowercase).collect();
    if VALID.contains(&words.join(" ")) {
        return true;
    }
    let same_but_number = |a: &str, b: &str| {
        a == b || a.strip_suffix('s').is_some_and(|x| x == b) || b.strip_suffix('s').is_some_and(|x| x == a)
    };
    ENTRIES
        .iter()
        .any(|e| e.words.len() == words.len() && words.iter().zip(&e.words).all(|(a, b)| same_but_number(a, b)))
}

/// The repaired spelling of a role, or None when it is valid as written, not
/// close to any lexicon role, or equally close to several.
pub fn repair(role_raw: &str) -> Option<&'static str> {
    let words: Vec<String> = role_raw.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() || words.len() > 8 || is_known(role_raw) {
        return None;
    }

    let mut best: Option<(usize, &'static str)> = None;
    let mut tie = false;
    for e in ENTRIES.iter().filter(|e| e.words.len() == words.len()) {
        let mut total = 0;
        let mut close = true;
        for (a, b) in words.iter().zip(&e.words) {
            match within_one(a, b) {
                Some(d) => total += d,
                None => {
                    close = false;
                    break;
                }
            }
        }
        if !close {
            continue;
        }
        match best {
            Some((d, _)) if d < total => {}
            Some((d, _)) if d == total => tie = true,
            _ => {
                best = Some((total, e.canonical));
                tie = false;
            }
        }
    }
    match best {
        Some((d, canonical)) if d > 0 && !tie => Some(canonical),
        _ => None,
    }
}

/// The distance between a written word and a lexicon word when it is 0 or
/// 1, else None: optimal string alignment (an insertion, deletion,
/// substitution or swap of two adjacent letters each count 1), against the
/// lexicon word as it is and with or without a plural "s" (number is not a
/// slip: "Siignals" is one edit from "signal" + "s").
fn within_one(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    let singular = b.strip_suffix('s');
    let plural = format!("{b}s");
    let d = [Some(b), singular, Some(plural.as_str())]
        .into_iter()
        .flatten()
        .map(|w| osa_distance(a, w))
        .min()
        .unwrap_or(usize::MAX);
    (d <= 1).then_some(d)
}

/// A repaired role with each word's number as written: a lexicon word in
/// the singular becomes plural where the written word ends in "s"
/// ("Siignals Units" -> "Signals Units", not "Signal Units").
pub fn keep_number(fixed: &str, raw: &str) -> String {
    let raw_words: Vec<&str> = raw.split_whitespace().collect();
    let fixed_words: Vec<&str> = fixed.split_whitespace().collect();
    if raw_words.len() != fixed_words.len() {
        return fixed.to_string();
    }
    fixed_words
        .iter()
        .zip(&raw_words)
        .map(|(f, r)| {
            let plural_written = r.ends_with(['s', 'S']) && f.chars().count() > 2;
            if plural_written && !f.ends_with('s') && f.chars().all(char::is_alphabetic) {
                format!("{f}s")
            } else {
                f.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Optimal string alignment distance between two words (Damerau's
/// restricted edit distance), over chars. Words are short; the table is
/// three rows.
pub fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// The closest of `vocabulary` (roles the same record writes elsewhere) to
/// a role that the lexicon does not know: every word within one edit (see
/// `within_one`), some word not equal, and a single best candidate.
pub fn repair_from<'v>(role_raw: &str, vocabulary: &'v [String]) -> Option<&'v str> {
    let words: Vec<String> = role_raw.split_whitespace().map(str::to_lowercase).collect();
    let mut best: Option<(usize, &'v str)> = None;
    let mut tie = false;
    for v in vocabulary {
        let vw: Vec<String> = v.split_whitespace().map(str::to_lowercase).collect();
        if vw.len() != words.len() || vw == words {
            continue;
        }
        let Some(total) = words
            .iter()
            .zip(&vw)
            .map(|(a, b)| within_one(a, b))
            .try_fold(0, |acc, d| d.map(|d| acc + d))
        else {
            continue;
        };
        match best {
            _ if total == 0 => {}
            Some((d, c)) if d == total && !c.eq_ignore_ascii_case(v) => tie = true,
            Some((d, _)) if d <= total => {}
            _ => {
                best = Some((total, v.as_str()));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slip_per_word_is_repaired() {
        assert_eq!(repair("Engineering Unites"), Some("Engineering Units"));
        assert_eq!(repair("Staff Oficers"), Some("Staff Officers"));
        assert_eq!(repair("Military Observors"), Some("Military Observers"));
        assert_eq!(
            repair("Liaison & Cordination Personnel"),
            Some("Liaison & Coordination Personnel")
        );
    }

    #[test]
    fn lexicon_roles_and_their_singulars_stay_as_written() {
        for role in [
            "Engineer Units",
            "Engineering Unit",
            "Engineering Units",
            "Cease-fire observers",
            "Civilian Police",
            "Staff Officer",
            "Officers",
            "Level II Hospital",
            "Signals Units",
            "Medical Unit",
        ] {
            assert_eq!(repair(role), None, "{role}");
        }
    }

    #[test]
    fn unknown_or_ambiguous_roles_stay_as_written() {
        assert_eq!(repair("Cooks"), None);
        assert_eq!(repair("Engineering Unitsses"), None); // distance 2
        assert_eq!(repair(""), None);
        // "IV" is within 1 of both "I" and "II": a tie, so no repair.
        assert_eq!(repair("Level IV Hospital"), None);
    }

    #[test]
    fn osa_distance_counts_a_transposition_once() {
        assert_eq!(osa_distance("polcie", "police"), 1);
        assert_eq!(osa_distance("ca", "abc"), 3); // OSA, not full Damerau (2)
        assert_eq!(osa_distance("", "abc"), 3);
        assert_eq!(osa_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn the_record_vocabulary_repairs_roles_the_lexicon_lacks() {
        let seen = vec!["Riverine Patrol Units".to_string(), "Staff Officers".to_string()];
        assert_eq!(
            repair_from("Rivreine Patrol Units", &seen),
            Some("Riverine Patrol Units")
        );
        assert_eq!(repair_from("Riverine Patrol Units", &seen), None);
        assert_eq!(repair_from("Cooks", &seen), None);
    }

    #[test]
    fn repairs_keep_the_number_as_written() {
        assert_eq!(keep_number("Signal Units", "Siignals Units"), "Signals Units");
        assert_eq!(
            keep_number("Military Observers", "Militray Observers"),
            "Military Observers"
        );
    }

    #[test]
    fn within_one_is_an_edit_distance_bound() {
        assert_eq!(within_one("units", "units"), Some(0));
        assert_eq!(within_one("unites", "units"), Some(1));
        assert_eq!(within_one("unit", "units"), Some(0)); // number is not a slip
        assert_eq!(within_one("unxts", "units"), Some(1));
        assert_eq!(within_one("unit", "unitess"), None);
        // A swap of adjacent letters is one edit (optimal string alignment).
        assert_eq!(within_one("ab", "ba"), Some(1));
        assert_eq!(within_one("militray", "military"), Some(1));
        assert_eq!(within_one("obsevrers", "observers"), Some(1));
        // Number is not a slip: the plural of a lexicon word is compared too.
        assert_eq!(within_one("siignals", "signal"), Some(1));
        assert_eq!(within_one("abc", "cba"), None);
        assert_eq!(within_one("", "a"), Some(1));
        assert_eq!(within_one("café", "cafe"), Some(1));
        assert_eq!(within_one("cafés", "café"), Some(0)); // the plural of a lexicon word
    }
}
