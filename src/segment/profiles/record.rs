//! The Congressional Record's convention, shared by printed hearings: a
//! paragraph opens with the speaker in capitals and a period, and the
//! speech follows on the same line.
//!
//! - `Mr. WARNER.`, `Mrs. NORTHUP.`, `Miss McMORRIS.`, `Mr. DeFAZIO.`,
//!   `Mr. VAN HOLLEN.`, `Ms. ROS-LEHTINEN.`: honorific and surname;
//! - `Mr. SMITH of New Jersey.`: with the member's state;
//! - `The PRESIDING OFFICER.`, `The SPEAKER pro tempore (Mr. Poe).`,
//!   `The Acting CHAIRMAN (Mr. Kolbe).`: a role, with the person in the
//!   chair when the record names them;
//! - `CHAIRMAN LEVIN.`, `Senator COLLINS.`: a hearing's title and surname.
//!
//! The surname is what tells a label from a sentence: its letters are
//! capitals but for a prefix ("Mc", "De"), and a period and a capitalized
//! word follow.

use super::{Labelled, Profile, read_parenthetical, role_text};
use crate::lexicon;

use lexicon::LABEL_TITLES as TITLES;
pub use lexicon::is_capitals_surname as is_record_surname;

/// Reads a Record label at the start of `s`.
pub fn read(s: &str) -> Option<Labelled> {
    if s.starts_with("The ") || s.starts_with("THE ") {
        return read_role(s);
    }
    let title = TITLES
        .iter()
        .find(|t| s.starts_with(*t) && s[t.len()..].starts_with(' '))?;
    let rest = &s[title.len() + 1..];
    let toks: Vec<(usize, &str)> = crate::segment::header::tokens(rest).into_iter().take(8).collect();
    let mut name_end = None;
    let mut state = None;
    let mut label_end = None;
    for (k, &(at, tok)) in toks.iter().enumerate() {
        let core = tok.strip_suffix('.').unwrap_or(tok);
        if k < 4 && is_record_surname(core) && name_end.is_none() {
            if core.len() < tok.len() {
                name_end = Some(at + core.len());
                label_end = Some(at + tok.len());
                break;
            }
            continue;
        }
        // "of New Jersey.": the state, one to three capitalized words.
        if k > 0 && tok == "of" && name_end.is_none() {
            name_end = Some(toks[k - 1].0 + toks[k - 1].1.len());
            let words = &toks[k + 1..];
            let last = words.iter().take(3).position(|(_, w)| w.ends_with('.'))?;
            if !words[..=last].iter().all(|(_, w)| w.starts_with(char::is_uppercase)) {
                return None;
            }
            let (a, w) = words[last];
            state = Some(rest[words[0].0..a + w.len() - 1].to_string());
            label_end = Some(a + w.len());
            break;
        }
        return None;
    }
    let (name_end, label_end) = (name_end?, label_end?);
    let body = rest[label_end..].trim_start();
    if !body.is_empty() && !opens_speech(body) {
        return None;
    }
    let name = rest[..name_end].to_string();
    let is_role = lexicon::is_role_word(title);
    Some(Labelled {
        profile: Profile::Record,
        header: s[..title.len() + 1 + label_end].to_string(),
        honorific: (!is_role).then(|| title.to_string()),
        name,
        affiliation: state,
        role: is_role.then(|| role_text(&[title])).flatten(),
        language: None,
        body_at: (!body.is_empty()).then(|| s.len() - body.len()),
        needs_support: false,
    })
}

/// True when the text after a label opens a speech: a capital, a digit or
/// an opening quote or bracket.
fn opens_speech(body: &str) -> bool {
    body.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '\'' | '‘' | '(' | '['))
}

/// "The PRESIDING OFFICER.", "The SPEAKER pro tempore (Mr. Poe).", "The
/// Acting CHAIRMAN (Mr. Kolbe).": "The", a qualifier, role words in
/// capitals (one of them a role word), "pro tempore", a parenthesis, a
/// period.
fn read_role(s: &str) -> Option<Labelled> {
    let head_len = s
        .char_indices()
        .take(160)
        .find(|&(_, c)| c == '.' || c == '(')
        .map(|(i, _)| i)?;
    let words: Vec<&str> = s[..head_len].split_whitespace().collect();
    if words.len() < 2 || words.len() > 7 {
        return None;
    }
    let mut caps = 0;
    let mut role_word = false;
    for w in &words[1..] {
        if lexicon::is_all_caps(w) {
            caps += 1;
            role_word |= lexicon::is_role_word(w);
        } else if !(lexicon::is_role_qualifier(w) || matches!(*w, "pro" | "tempore" | "of" | "the")) {
            return None;
        }
    }
    if caps == 0 || !role_word {
        return None;
    }
    let mut out = Labelled {
        profile: Profile::Record,
        header: String::new(),
        honorific: None,
        name: String::new(),
        affiliation: None,
        role: role_text(&words),
        language: None,
        body_at: None,
        needs_support: false,
    };
    let mut end = head_len;
    if s[end..].starts_with('(') {
        let close = end + s[end..].find(')')?;
        read_parenthetical(&s[end + 1..close], &mut out);
        end = close + 1;
    }
    let after = s[end..].strip_prefix('.')?;
    let body = after.trim_start();
    if !body.is_empty() && !opens_speech(body) {
        return None;
    }
    out.header = s[..end + 1].to_string();
    out.body_at = (!body.is_empty()).then(|| s.len() - body.len());
    Some(out)
}
