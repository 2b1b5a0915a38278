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
    "Headquarters Staff",
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
    "Aviation Units",
    "Helicopter Units",
    "Logistics Units",
    "Logistics Support Units",
    "Medical Units",
    "Medical Officers",
    "Medical Team",
    "Level II Hospital",
    "Level I Hospital",
    "Level III Hospital",
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

/// The repaired spelling of a role, or None when it is valid as written, not
/// close to any lexicon role, or equally close to several.
pub fn repair(role_raw: &str) -> Option<&'static str> {
    let words: Vec<String> = role_raw.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() || words.len() > 8 || VALID.contains(&words.join(" ")) {
        return None;
    }
    // A plural or singular "s" on any word is number, not a slip:
    // "Signals Units", "Observers Team" are written as intended.
    let same_but_number = |a: &str, b: &str| {
        a == b || a.strip_suffix('s').is_some_and(|x| x == b) || b.strip_suffix('s').is_some_and(|x| x == a)
    };
    if ENTRIES
        .iter()
        .any(|e| e.words.len() == words.len() && words.iter().zip(&e.words).all(|(a, b)| same_but_number(a, b)))
    {
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

/// The edit distance (insert, delete, substitute one char) between two
/// words when it is 0 or 1, else None. Linear in the word length, no
/// allocation.
fn within_one(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let (short, long) = if la <= lb { (a, b) } else { (b, a) };
    let same_length = la == lb;
    if la.abs_diff(lb) > 1 {
        return None;
    }
    // Byte length of the common prefix (a char boundary in both words).
    let prefix: usize = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (s, l) = (&short[prefix..], &long[prefix..]);
    let rest_equal = if same_length {
        s.chars().skip(1).eq(l.chars().skip(1))
    } else {
        s.chars().eq(l.chars().skip(1))
    };
    rest_equal.then_some(1)
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
        assert_eq!(repair("Engineering Unitess"), None); // distance 2
        assert_eq!(repair(""), None);
        // "IV" is within 1 of both "I" and "II": a tie, so no repair.
        assert_eq!(repair("Level IV Hospital"), None);
    }

    #[test]
    fn within_one_is_an_edit_distance_bound() {
        assert_eq!(within_one("units", "units"), Some(0));
        assert_eq!(within_one("unites", "units"), Some(1));
        assert_eq!(within_one("unit", "units"), Some(1));
        assert_eq!(within_one("unxts", "units"), Some(1));
        assert_eq!(within_one("unit", "unites"), None);
        assert_eq!(within_one("ab", "ba"), None);
        assert_eq!(within_one("", "a"), Some(1));
        assert_eq!(within_one("café", "cafe"), Some(1));
        assert_eq!(within_one("cafés", "café"), Some(1));
    }
}
