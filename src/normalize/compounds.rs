//! Compounds pass: hyphens that another extractor's own dehyphenation took
//! out of a compound.
//!
//! `pdftotext` joins a word hyphenated at a line end and drops the hyphen,
//! also when the hyphen was the compound's ("self-" + "defense" becomes
//! "selfdefense", "Timor-" + "Leste" becomes "TimorLeste"). The document
//! itself tells: a word that the document writes with a hyphen at least
//! twice as often as without gets its hyphen back, and so does one written
//! with a hyphen at least as often when it stands in a line longer than
//! the file's wrap width by 30% (a line the extractor merged with the next,
//! which is where it joins words).
//! Words of fewer than five letters are left alone. Each restoration is a
//! repair on its line (`normalize.compound-restored`).

use std::collections::HashMap;

use super::*;
use crate::diagnostics::Code;

/// The document's hyphenated compounds, by their closed form (lower case):
/// where the hyphen stands (in characters) and how often each form occurs.
#[derive(Default)]
struct Compound {
    hyphen_at: usize,
    hyphenated: usize,
    closed: usize,
}

fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !(c.is_alphabetic() || c == '-'))
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Restores the hyphens of compounds in every line of the sheets; `wrap`
/// is the file's wrap width ([`LineStats::wrap`]).
pub(super) fn restore(sheets: &mut [Sheet], wrap: Option<usize>) {
    let mut found: HashMap<String, Compound> = HashMap::new();
    let lines = || sheets.iter().flat_map(|s| s.lines.iter());
    for l in lines() {
        for (_, w) in tokens(&l.text) {
            let w = w.trim_matches('-');
            // One inner hyphen between letters: "self-defense".
            if let Some((a, b)) = w.split_once('-')
                && !a.is_empty()
                && !b.is_empty()
                && !b.contains('-')
            {
                let closed = format!("{a}{b}").to_lowercase();
                let e = found.entry(closed).or_default();
                e.hyphen_at = a.chars().count();
                e.hyphenated += 1;
            }
        }
    }
    if found.is_empty() {
        return;
    }
    for l in lines() {
        for (_, w) in tokens(&l.text) {
            if let Some(e) = found.get_mut(&w.to_lowercase()) {
                e.closed += 1;
            }
        }
    }
    found.retain(|closed, e| closed.chars().count() >= 5 && e.closed > 0 && e.hyphenated >= e.closed);
    if found.is_empty() {
        return;
    }
    for l in sheets.iter_mut().flat_map(|s| s.lines.iter_mut()) {
        let merged = wrap.is_some_and(|w| (l.indent + l.text.chars().count()) * 10 > w * 13);
        let mut fixes: Vec<(usize, String)> = Vec::new();
        for (start, w) in tokens(&l.text) {
            if let Some(e) = found.get(&w.to_lowercase())
                && (merged || e.hyphenated >= 2 * e.closed)
            {
                let cut = w.char_indices().nth(e.hyphen_at).map_or(w.len(), |(i, _)| i);
                fixes.push((start + cut, format!("{}-{}", &w[..cut], &w[cut..])));
            }
        }
        for (at, word) in fixes.iter().rev() {
            l.text.insert(*at, '-');
            l.repairs.push((
                Code::NormalizeCompoundRestored,
                format!("Restored the hyphen of the compound \"{word}\" that an extractor had joined."),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(lines: &[&str]) -> Vec<Sheet> {
        vec![Sheet {
            page: 0,
            lines: lines.iter().map(|l| clean_line(l)).collect(),
        }]
    }

    #[test]
    fn joined_compounds_get_their_hyphen_back() {
        let mut s = sheet(&[
            "the self-defense forces of Timor-Leste",
            "and the selfdefense forces for TimorLeste.",
            "self-defense again in Timor-Leste",
        ]);
        restore(&mut s, None);
        assert_eq!(s[0].lines[1].text, "and the self-defense forces for Timor-Leste.");
        assert_eq!(s[0].lines[1].repairs.len(), 2);
    }

    #[test]
    fn a_closed_spelling_the_document_prefers_stays() {
        let mut s = sheet(&["e-mail once", "email here", "email there", "an email"]);
        restore(&mut s, None);
        assert_eq!(s[0].lines[1].text, "email here");
        // As often hyphenated as not: only in a merged line.
        let mut s = sheet(&["a gender-sensitive plan", "a gendersensitive camp"]);
        restore(&mut s, None);
        assert_eq!(s[0].lines[1].text, "a gendersensitive camp");
        restore(&mut s, Some(12));
        assert_eq!(s[0].lines[1].text, "a gender-sensitive camp");
        // Short words are left alone.
        let mut s = sheet(&["a co-op", "the coop"]);
        restore(&mut s, None);
        assert_eq!(s[0].lines[1].text, "the coop");
    }
}
