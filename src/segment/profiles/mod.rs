//! Speaker-header conventions ("profiles") beyond the seminar report's own
//! header lines: each kind of transcript marks a new speaker its own way.
//!
//! Owns the reading of one block's opening label in each convention and the
//! per-document tally of which conventions a document uses. A profile reads
//! a label at the start of a block and hands on a [`Labelled`]: the label as
//! written, the person it names (honorific, name, affiliation), the role it
//! names (a role speaker: "The PRESIDING OFFICER", "The Minister for Energy
//! (Mr. Murungi)"), and where the speech starts. Several profiles may be used
//! in one document; weak forms (a bare "Ann Lee:" or "SFC:") count only when
//! the document uses them often enough or a roster resolves them
//! ([`roster`]).
//!
//! The profiles, by file: [`record`] (the Congressional Record's
//! `Mr. SURNAME.` and `The PRESIDING OFFICER.`, hearings' `CHAIRMAN X.`),
//! [`colon`] (every `Label:` convention: UN records, Commonwealth Hansard,
//! court and hearing transcripts, inline names and bold Markdown labels,
//! minutes' abbreviations), [`roster`] (attendee lists and appearances pages
//! that resolve short labels to full names).

pub mod colon;
pub mod record;
pub mod roster;

use crate::lexicon;

/// A speaker-header convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// Own-line headers of seminar reports (honorific, name, affiliation
    /// lines before the body), and the "Question:"/"Answer:" labels.
    Seminar,
    /// `Mr. SURNAME.` / `The PRESIDING OFFICER.` at a paragraph start.
    Record,
    /// `The President:`, `Mr. X (Country):`, `The Minister for Energy (Mr. X):`,
    /// `Hon. (Ms.) X:`: parliamentary and UN records.
    Chamber,
    /// `CHIEF JUSTICE ROBERTS:`, `MR. X:`, `SENATOR X:`: court and hearing
    /// transcripts, labels in capitals.
    Court,
    /// `Ann Lee:` (also `**Ann Lee:**`): a bare name and a colon.
    InlineName,
    /// `SFC:`: an abbreviation of an attendee's name.
    Minutes,
}

impl Profile {
    /// Stable name, as written in the report (`turns[].convention`).
    pub fn name(self) -> &'static str {
        match self {
            Profile::Seminar => "seminar",
            Profile::Record => "record",
            Profile::Chamber => "chamber",
            Profile::Court => "court",
            Profile::InlineName => "inline-name",
            Profile::Minutes => "minutes",
        }
    }

    /// What the convention looks like, for the diagnostic that reports it.
    pub fn shape(self) -> &'static str {
        match self {
            Profile::Seminar => "header lines before the body, or Question:/Answer: labels",
            Profile::Record => "\"Mr. SURNAME.\" or \"The PRESIDING OFFICER.\" opening a paragraph",
            Profile::Chamber => {
                "\"Mr. X (Country):\", \"The President:\" or \"The Minister (Mr. X):\" opening a paragraph"
            }
            Profile::Court => "a label in capitals and a colon (\"JUSTICE X:\", \"MR. X:\") opening a paragraph",
            Profile::InlineName => "a bare name and a colon (\"Ann Lee:\") opening a paragraph",
            Profile::Minutes => "an attendee's abbreviation and a colon (\"SFC:\") opening a paragraph",
        }
    }
}

/// A speaker label read at the start of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub profile: Profile,
    /// The label as written, with its closing `.` or `:`.
    pub header: String,
    pub honorific: Option<String>,
    /// The person's name as written; empty for a role-only label.
    pub name: String,
    /// Affiliation, country or constituency ("New Jersey", "Japan").
    pub affiliation: Option<String>,
    /// The role the label gives ("Presiding Officer", "Speaker pro tempore").
    pub role: Option<String>,
    /// The language of "(spoke in French)".
    pub language: Option<String>,
    /// Byte offset (in the trimmed block content) where the speech starts;
    /// None when the label stands on its own line.
    pub body_at: Option<usize>,
    /// True for a weak form that counts only with support from the rest of
    /// the document (repetition or a roster).
    pub needs_support: bool,
}

/// Reads the speaker label at the start of `s` (a block's trimmed content)
/// in any profile: the Record's period form first, then the colon forms.
pub fn read(s: &str) -> Option<Labelled> {
    record::read(s).or_else(|| colon::read(s))
}

/// A role as the report writes it: capitals in normal case, other words
/// as written ("PRESIDING OFFICER" -> "Presiding Officer", "SPEAKER pro
/// tempore" -> "Speaker pro tempore", "THE COURT" -> "Court").
pub fn role_text(words: &[&str]) -> Option<String> {
    let words: Vec<&str> = match words.first() {
        Some(w) if w.eq_ignore_ascii_case("the") => &words[1..],
        _ => words,
    }
    .to_vec();
    if words.is_empty() {
        return None;
    }
    let joined: Vec<String> = words
        .iter()
        .map(|w| {
            let n = lexicon::normal_case(w);
            if lexicon::is_all_caps(w) && lexicon::is_function_word(&n.to_lowercase()) {
                n.to_lowercase()
            } else {
                n
            }
        })
        .collect();
    Some(joined.join(" "))
}

/// Splits a parenthesized tail of a label into the person it names
/// ("(Mr. Poe)"), a language ("(spoke in French)") or an affiliation
/// ("(Japan)", "(Officer, Peace Forum)"); a tail in small letters ("(during
/// the vote)") is dropped.
pub(crate) fn read_parenthetical(inner: &str, out: &mut Labelled) {
    let t = inner.trim();
    let low = t.to_lowercase();
    for lead in [
        "spoke in ",
        "speaking in ",
        "interpretation from ",
        "through interpretation from ",
    ] {
        if let Some(lang) = low.strip_prefix(lead) {
            let lang = &t[t.len() - lang.len()..];
            out.language = Some(lang.trim().to_string());
            return;
        }
    }
    if let Some((h, at)) = lexicon::leading_title(t) {
        let name = &t[at..];
        if name_words(name).is_some() && !lexicon::is_address_name(name) {
            out.honorific = Some(h);
            out.name = name.to_string();
            return;
        }
    }
    if t.starts_with(char::is_uppercase) {
        out.affiliation = Some(match out.affiliation.take() {
            Some(a) => format!("{a}; {t}"),
            None => t.to_string(),
        });
    }
}

/// The name words of `s` when every token is one (capitalized, capitals,
/// initial, or a particle before a name word: "ole Kina"), at most six.
pub(crate) fn name_words(s: &str) -> Option<Vec<&str>> {
    let toks: Vec<&str> = s.split_whitespace().collect();
    if toks.is_empty() || toks.len() > 6 {
        return None;
    }
    let ok = toks
        .iter()
        .enumerate()
        .all(|(k, t)| lexicon::is_name_word(t) || (k + 1 < toks.len() && lexicon::is_particle(t)));
    ok.then_some(toks)
}

#[cfg(test)]
mod tests;
