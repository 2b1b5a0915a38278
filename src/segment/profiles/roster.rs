//! Rosters: the lists of who takes part that minutes and transcripts print
//! before the speech, read so that short speaker labels resolve to full
//! names.
//!
//! - an attendee written with an abbreviation: "Sarah F. Clark (SFC)", or a
//!   table row "| SFC | Sarah F. Clark | Chair |", or "SFC – Sarah F. Clark";
//! - an appearances page: "APPEARANCES:" then counsel in capitals before a
//!   comma ("PAUL D. CLEMENT, ESQ., Solicitor General, ...").
//!
//! A label resolves to an entry when the entry is the only one with that
//! abbreviation, those initials, or that surname.

use std::sync::LazyLock;

use regex::Regex;

use super::name_words;
use crate::lexicon;
use crate::text::Normalized;

/// One person of a roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// The full name as written ("Sarah F. Clark", "PAUL D. CLEMENT").
    pub name: String,
    pub abbreviation: Option<String>,
    pub affiliation: Option<String>,
    /// Block index where the roster names the person.
    pub block: usize,
}

/// "Sarah F. Clark (SFC)".
static NAME_ABBR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|van|von|de|der|da|ole)){1,4})\s*\((\p{Lu}{2,5})\)")
        .expect("regex")
});
/// "| SFC | Sarah F. Clark | Chair |" and "SFC – Sarah F. Clark".
static ABBR_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\|)\s*(\p{Lu}{2,5})\s*(?:\||[–—=]|-\s)\s*(\p{Lu}[^|–—=;,]{2,60}?)\s*(?:\|\s*([^|]{1,80}?)\s*)?(?:\||$|;)")
        .expect("regex")
});
/// Counsel on an appearances page: a name in capitals before a comma.
static APPEARANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\p{Lu}[\p{Lu}'’.-]*(?:\s+\p{Lu}[\p{Lu}'’.-]*){1,4}),\s*(?:JR\.,\s*)?([^;]*)").expect("regex")
});

/// Reads the roster entries of a document.
pub fn build(doc: &Normalized) -> Vec<RosterEntry> {
    let mut out: Vec<RosterEntry> = Vec::new();
    let mut appearances_left = 0usize;
    for i in 0..doc.blocks.len() {
        let s = doc.content(i).trim();
        for c in NAME_ABBR.captures_iter(s) {
            push(&mut out, &c[1], Some(&c[2]), None, i);
        }
        for c in ABBR_NAME.captures_iter(s) {
            push(&mut out, c[2].trim(), Some(&c[1]), c.get(3).map(|m| m.as_str()), i);
        }
        let head = s.split([':', ' ']).next().unwrap_or("");
        if head.eq_ignore_ascii_case("appearances") {
            appearances_left = 12;
        }
        if appearances_left > 0 {
            appearances_left -= 1;
            for c in APPEARANCE.captures_iter(s) {
                let aff = c[2]
                    .trim()
                    .trim_start_matches("ESQ.,")
                    .trim_start_matches("Esq.,")
                    .trim();
                push(&mut out, &c[1], None, (!aff.is_empty()).then_some(aff), i);
            }
        }
    }
    out
}

fn push(out: &mut Vec<RosterEntry>, name: &str, abbr: Option<&str>, aff: Option<&str>, block: usize) {
    let name = name.trim().trim_end_matches(',');
    let Some(words) = name_words(name) else { return };
    if words.len() < 2
        || words
            .iter()
            .any(|w| lexicon::is_role_word(w) || lexicon::is_affiliation_word(w))
    {
        return;
    }
    if out.iter().any(|e| e.name == name && e.abbreviation.as_deref() == abbr) {
        return;
    }
    out.push(RosterEntry {
        name: name.to_string(),
        abbreviation: abbr.map(str::to_string),
        affiliation: aff
            .map(|a| a.trim().trim_end_matches(['.', ';']).to_string())
            .filter(|a| !a.is_empty()),
        block,
    });
}

/// The one roster entry that a label's name stands for: by abbreviation,
/// by initials ("SFC" for "Sarah F. Clark"), or by surname ("CLEMENT").
pub fn resolve<'r>(roster: &'r [RosterEntry], label: &str) -> Option<&'r RosterEntry> {
    let label = label.trim();
    if label.is_empty() || label.contains(' ') {
        return None;
    }
    let unique = |hits: Vec<&'r RosterEntry>| -> Option<&'r RosterEntry> {
        let first = *hits.first()?;
        hits.iter()
            .all(|e| lexicon::fold_eq(&e.name, &first.name))
            .then_some(first)
    };
    let by_abbr: Vec<&RosterEntry> = roster
        .iter()
        .filter(|e| e.abbreviation.as_deref() == Some(label))
        .collect();
    if !by_abbr.is_empty() {
        return unique(by_abbr);
    }
    let initials = |e: &RosterEntry| -> String {
        e.name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect()
    };
    let by_initials: Vec<&RosterEntry> = roster
        .iter()
        .filter(|e| label.chars().all(|c| c.is_uppercase()) && label.len() >= 2 && initials(e) == label)
        .collect();
    if !by_initials.is_empty() {
        return unique(by_initials);
    }
    let surname = |e: &RosterEntry| -> Option<String> {
        e.name
            .split_whitespace()
            .rev()
            .find(|w| {
                !matches!(
                    w.trim_end_matches([',', '.']).to_uppercase().as_str(),
                    "JR" | "SR" | "II" | "III"
                )
            })
            .map(lexicon::fold)
    };
    let key = lexicon::fold(label);
    unique(
        roster
            .iter()
            .filter(|e| surname(e).as_deref() == Some(key.as_str()))
            .collect(),
    )
}
