//! Every `Label:` convention: the speaker and a colon open a paragraph, the
//! speech follows on the line or in the next paragraph.
//!
//! - [`Profile::Chamber`]: UN and parliamentary records. `Mr. X (Country):`,
//!   `Mr. X (Country) (spoke in French):`, `The President:`,
//!   `The President (spoke in Arabic):`, `The Minister for Energy (Mr. Murungi):`,
//!   `The Temporary Deputy Speaker (Dr. X):`, `Hon. (Ms.) X:`, `Eng. X:`,
//!   `Hon. ole X:`.
//! - [`Profile::Court`]: court and hearing transcripts, in capitals.
//!   `CHIEF JUSTICE ROBERTS:`, `JUSTICE X:`, `GENERAL X:`, `MR. X:`,
//!   `SENATOR X:`, `THE COURT:`, `THE WITNESS:`.
//! - [`Profile::InlineName`]: `Ann Lee:` (Markdown's `**Ann Lee:**` reads
//!   the same once the emphasis is removed); weak, needs repetition.
//! - [`Profile::Minutes`]: `SFC:`, an abbreviation; weak, needs a roster
//!   entry or repetition.
//!
//! A salutation is never a label: "Mr. Speaker:" names a role, and the
//! words of a name are checked against the address words of the lexicon.

use super::{Labelled, Profile, name_words, read_parenthetical, role_text};
use crate::lexicon;

/// Titles in capitals that court and hearing transcripts put before a
/// surname (and that [`lexicon::leading_honorific`] does not read as one).
const CAPS_TITLES: &[&str] = &[
    "CHIEF JUSTICE",
    "JUSTICE",
    "JUDGE",
    "GENERAL",
    "SENATOR",
    "REPRESENTATIVE",
    "CHAIRMAN",
    "CHAIRWOMAN",
    "CHAIR",
    "COMMISSIONER",
    "SECRETARY",
    "DELEGATE",
    "ADMIRAL",
    "AMBASSADOR",
    "GOVERNOR",
    "MAYOR",
    "DEAN",
    "PROFESSOR",
];

/// Label words that open "Word: value" lines of front matter and forms,
/// never a speaker (lower case).
const FIELD_WORDS: &[&str] = &[
    "date",
    "time",
    "venue",
    "place",
    "location",
    "subject",
    "re",
    "note",
    "notes",
    "present",
    "absent",
    "apologies",
    "attendees",
    "attendance",
    "agenda",
    "action",
    "actions",
    "decision",
    "decisions",
    "minutes",
    "appearances",
    "source",
    "title",
    "topic",
    "theme",
    "chair",
    "by",
    "to",
    "from",
    "cc",
    "tel",
    "fax",
    "email",
    "web",
    "url",
    "isbn",
    "doi",
    "page",
    "pages",
    "see",
    "item",
    "items",
    "motion",
    "resolved",
    "outcome",
    "summary",
];

/// Reads a `Label:` speaker label at the start of `s`.
pub fn read(s: &str) -> Option<Labelled> {
    let colon = label_colon(s)?;
    let head = s[..colon].trim_end();
    let body = s[colon + 1..].trim_start();
    let body_at = (!body.is_empty()).then(|| s.len() - body.len());
    if body_at.is_some() && !body.starts_with(|c: char| !c.is_lowercase()) {
        return None;
    }
    let (main, parens) = split_parens(head)?;
    let mut out = Labelled {
        profile: Profile::Chamber,
        header: s[..colon + 1].to_string(),
        honorific: None,
        name: String::new(),
        affiliation: None,
        role: None,
        language: None,
        body_at,
        needs_support: false,
    };
    if !read_main(main, &mut out) {
        return None;
    }
    for p in parens {
        read_parenthetical(p, &mut out);
    }
    (!out.name.is_empty() || out.role.is_some()).then_some(out)
}

/// The byte offset of the colon that closes a label: within the first 160
/// bytes, outside parentheses, not a clock time ("10:30").
fn label_colon(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if i > 160 {
            return None;
        }
        match c {
            '(' => depth += 1,
            ')' => depth = depth.checked_sub(1)?,
            ':' if depth == 0 => {
                let next = s[i + 1..].chars().next();
                return (!next.is_some_and(|n| n.is_ascii_digit())).then_some(i);
            }
            '.' | '?' | '!' | ';' if depth == 0 => {
                // A sentence ended before any colon; an honorific's or an
                // initial's period does not end one.
                let word = s[..i].rsplit(' ').next().unwrap_or("");
                let abbreviation = word.chars().filter(|c| c.is_alphabetic()).count() <= 4;
                if c != '.' || !abbreviation {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// The head before its parenthesized tails: "Mr. X (Japan) (spoke in
/// French)" -> ("Mr. X", ["Japan", "spoke in French"]).
fn split_parens(head: &str) -> Option<(&str, Vec<&str>)> {
    // "Hon. (Ms.) Ann Lee": a parenthesized honorific belongs to the head.
    let skip = lexicon::leading_title(head).map_or(0, |(_, at)| at);
    let Some(open) = head[skip..].find('(').map(|o| o + skip) else {
        return Some((head, Vec::new()));
    };
    let main = head[..open].trim_end();
    let mut parens = Vec::new();
    let mut rest = &head[open..];
    while let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        parens.push(&inner[..close]);
        rest = inner[close + 1..].trim_start();
    }
    rest.is_empty().then_some((main, parens))
}

/// Reads the head of a label (without its parentheses) into `out`; false
/// when it is no speaker label.
fn read_main(main: &str, out: &mut Labelled) -> bool {
    let words: Vec<&str> = main.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    // "The President", "The Minister for Energy", "THE COURT".
    if words[0].eq_ignore_ascii_case("the") {
        return read_role_head(&words, out);
    }
    if let Some((h, at)) = lexicon::leading_title(main) {
        let name = main[at..].trim();
        if lexicon::is_address_name(name) {
            return false;
        }
        let Some(toks) = name_words(name) else { return false };
        // "JUSTICE GINSBURG": a title that is an office is a role.
        if lexicon::is_role_word(&h) {
            out.role = role_text(&[h.as_str()]);
        } else {
            out.honorific = Some(h);
        }
        out.name = toks.join(" ");
        if lexicon::is_all_caps(main) {
            out.profile = Profile::Court;
        }
        return true;
    }
    if lexicon::is_all_caps(main) {
        return read_caps_head(main, &words, out);
    }
    // "Ann Lee": two to four capitalized name words.
    let first = words[0].to_lowercase();
    if (2..=4).contains(&words.len())
        && name_words(main).is_some()
        && !FIELD_WORDS.contains(&first.as_str())
        && !lexicon::is_affiliation_word(words[0])
        && !lexicon::is_address_name(main)
        && !lexicon::MONTHS.contains(&first.as_str())
    {
        out.profile = Profile::InlineName;
        out.name = words.join(" ");
        out.needs_support = true;
        return true;
    }
    false
}

/// "The President", "The Temporary Deputy Speaker", "The Minister for
/// Energy", "THE COURT": a role head with a role word, capitalized words
/// or function words only.
fn read_role_head(words: &[&str], out: &mut Labelled) -> bool {
    let rest = &words[1..];
    if rest.is_empty() || rest.len() > 8 || !rest.iter().any(|w| lexicon::is_role_word(w)) {
        return false;
    }
    let ok = rest
        .iter()
        .all(|w| w.starts_with(char::is_uppercase) || lexicon::is_function_word(w) || matches!(*w, "pro" | "tempore"));
    if !ok {
        return false;
    }
    out.role = role_text(words);
    if words.iter().all(|w| lexicon::is_all_caps(w)) {
        out.profile = Profile::Court;
    }
    true
}

/// A head in capitals without an honorific: "CHIEF JUSTICE ROBERTS",
/// "SENATOR SMITH", "WITNESS", or an abbreviation ("SFC").
fn read_caps_head(main: &str, words: &[&str], out: &mut Labelled) -> bool {
    out.profile = Profile::Court;
    if let Some(t) = CAPS_TITLES
        .iter()
        .find(|t| main.starts_with(*t) && main[t.len()..].starts_with(' '))
    {
        let name = main[t.len()..].trim();
        if name_words(name).is_none() || lexicon::is_address_name(name) {
            return false;
        }
        out.name = name.to_string();
        if t.split_whitespace().all(lexicon::is_role_word) || t.split_whitespace().any(lexicon::is_role_qualifier) {
            out.role = role_text(&t.split_whitespace().collect::<Vec<_>>());
        } else {
            out.honorific = Some(lexicon::normal_case(t));
        }
        return true;
    }
    match words {
        // "WITNESS:", "CHAIRMAN:": a role alone.
        [w] if lexicon::is_role_word(w) => {
            out.role = role_text(words);
            true
        }
        // "SFC:": an abbreviation, resolved through the roster.
        [w] if (2..=5).contains(&w.len())
            && w.chars().all(|c| c.is_ascii_uppercase())
            && !FIELD_WORDS.contains(&w.to_lowercase().as_str()) =>
        {
            out.profile = Profile::Minutes;
            out.name = w.to_string();
            out.needs_support = true;
            true
        }
        _ => false,
    }
}
