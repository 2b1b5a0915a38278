//! Segmentation: from [`Normalized`] blocks to front matter, sections,
//! speaker turns and list groups.
//!
//! Owns the reading of the document's layout. Section headings ("Part I:
//! Presentation", "Q&A", Markdown headings that introduce turns) and speaker
//! headers (see [`header`]) cut the document; the blocks before the first of
//! them are the front matter (handed to `event`). A turn is a header (one or
//! more blocks: name line, affiliation lines) plus the paragraphs and list
//! items up to the next header or section heading. Runs of list items with
//! the line before them become [`ListGroup`]s for the dispatch grammar.
//! A header line is only taken as one when the layout confirms it: the
//! blocks after it read as a body (prose or a list), and a header without an
//! honorific must have its name taken up in that body.

pub mod header;
pub mod profiles;
pub mod swallowed;

pub use crate::lexicon::is_section_heading;

use crate::document::deadline;
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon;
use crate::report::Diagnostic;
use crate::text::{BlockKind, ListGroup, Normalized};
use header::{LineShape, Mention, Mentions, ParsedName};
use profiles::{Labelled, Profile};

/// A section heading ("Part I: Presentation").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionMark {
    pub title: String,
    /// Block index of the heading.
    pub block: usize,
}

/// A speaker header as written, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerHeader {
    /// The header joined to one line.
    pub text: String,
    pub honorific: Option<String>,
    /// The name as written, without honorific ("Akira TANAKA"); empty
    /// for a label that names nobody ("Question:").
    pub name: String,
    pub affiliation: Option<String>,
    /// The label of a "Question:"/"Answer:" header.
    pub label: Option<String>,
    /// The role the header gives the speaker ("Presiding Officer",
    /// "Minister for Energy"); with or without a name.
    pub role: Option<String>,
    /// The language of "(spoke in French)".
    pub language: Option<String>,
    /// The header convention it was read in.
    pub profile: Profile,
}

/// One speaker turn: header blocks and the body blocks that follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnSeg {
    /// Index into [`Segmented::sections`] of the enclosing section.
    pub section: Option<usize>,
    pub header: SpeakerHeader,
    /// Block indices of the header (one or more lines).
    pub header_blocks: Range<usize>,
    /// Block indices of the body (paragraphs, list items), in order.
    pub body_blocks: Vec<usize>,
    /// Byte ranges of the body paragraphs in the normalized text: the
    /// contents of the body blocks, preceded by the text after an inline
    /// header ("Question: How ...").
    pub paragraphs: Vec<(usize, usize)>,
    /// Byte range of the whole turn in the normalized text.
    pub span: (usize, usize),
}

/// What segmentation found.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Block indices of the front matter.
    pub front_matter: Range<usize>,
    pub sections: Vec<SectionMark>,
    pub turns: Vec<TurnSeg>,
    pub list_groups: Vec<ListGroup>,
    pub diagnostics: Vec<Diagnostic>,
    /// The name mentions counted over the whole document, handed on so the
    /// people registry does not count them again.
    pub mentions: header::Mentions,
}

/// A header found at a block, before confirmation.
#[derive(Debug, Clone)]
enum Cand {
    Honorific(LineShape),
    Plain(ParsedName),
    Label(header::Label),
    /// A label of another transcript convention ([`profiles`]).
    Profile(Labelled),
}

/// The header candidate of every block, with the document's name mentions
/// (found once per block, read again by the confirmation).
struct Cands<'a> {
    at: Vec<Option<Cand>>,
    mentions: &'a Mentions,
}

impl std::ops::Index<usize> for Cands<'_> {
    type Output = Option<Cand>;

    fn index(&self, i: usize) -> &Option<Cand> {
        &self.at[i]
    }
}

/// The name mentions of `s`, the trimmed content of block `i`: those found
/// once for the block when `s` is the whole content, else found again.
fn block_mentions<'m>(doc: &Normalized, mentions: &'m Mentions, i: usize, s: &str) -> Cow<'m, [Mention]> {
    match mentions.in_block(i) {
        Some(found)
            if mentions.block_count() == doc.blocks.len()
                && doc.blocks.get(i).is_some_and(|_| doc.content(i).len() == s.len()) =>
        {
            Cow::Borrowed(found)
        }
        _ => Cow::Owned(header::find_mentions(s)),
    }
}

/// A confirmed header.
struct Found {
    header: SpeakerHeader,
    blocks: Range<usize>,
    /// Inline body range (normalized-text offsets).
    inline: Option<(usize, usize)>,
    guessed: bool,
}

/// Segments a normalized document.
pub fn segment(doc: &Normalized) -> Segmented {
    let n = doc.blocks.len();
    let mentions = Mentions::build(doc);
    let roster = profiles::roster::build(doc);
    let mut at: Vec<Option<Cand>> = (0..n).map(|i| candidate(doc, i, &mentions)).collect();
    drop_unsupported(&mut at, &roster);
    drop_quoted(&mut at);
    let cands = Cands {
        at,
        mentions: &mentions,
    };
    // Procedural lines end a turn only in documents that mark turns by
    // labels: a seminar report's prose may well say "the meeting rose".
    let labelled = cands.at.iter().any(|c| matches!(c, Some(Cand::Profile(_))));
    let mut sections: Vec<SectionMark> = Vec::new();
    let mut turns: Vec<TurnSeg> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut front_end: Option<usize> = None;
    let mut header_blocks: HashSet<usize> = HashSet::new();
    let mut section_blocks: HashSet<usize> = HashSet::new();
    let mut cur: Option<TurnSeg> = None;
    let mut i = 0;
    while i < n {
        // Past the document's deadline the segmentation stops here; the
        // document then fails with limit.timeout (never a partial report).
        if deadline::expired() {
            break;
        }
        if let Some(found) = confirm(doc, &cands, i) {
            if let Some(t) = cur.take() {
                turns.push(t);
            }
            front_end.get_or_insert(i);
            if found.guessed {
                diagnostics.push(Diagnostic::info(
                    "segment.name-split-guessed",
                    format!(
                        "Guessed where the name ends in the header \"{}\" (no mention or role word decided it).",
                        found.header.text
                    ),
                    Some(doc.block_span(i)),
                ));
            }
            header_blocks.extend(found.blocks.clone());
            let start = doc.blocks[i].span.0;
            let end = found.inline.map_or(doc.blocks[found.blocks.end - 1].span.1, |r| r.1);
            cur = Some(TurnSeg {
                section: sections.len().checked_sub(1),
                header: found.header,
                header_blocks: found.blocks.clone(),
                body_blocks: Vec::new(),
                paragraphs: found.inline.into_iter().collect(),
                span: (start, end),
            });
            i = found.blocks.end;
            continue;
        }
        if section_at(doc, &cands, i) {
            if let Some(t) = cur.take() {
                turns.push(t);
            }
            front_end.get_or_insert(i);
            section_blocks.insert(i);
            sections.push(SectionMark {
                title: doc.content(i).trim().trim_end_matches(':').trim().to_string(),
                block: i,
            });
            i += 1;
            continue;
        }
        if labelled && doc.blocks[i].kind == BlockKind::Paragraph && lexicon::is_procedural(doc.content(i)) {
            if let Some(t) = cur.take() {
                turns.push(t);
            }
            i += 1;
            continue;
        }
        if let Some(t) = cur.as_mut() {
            t.body_blocks.push(i);
            t.paragraphs.push(doc.blocks[i].content);
            t.span.1 = doc.blocks[i].span.1;
        } else if front_end.is_some() {
            diagnostics.push(Diagnostic::info(
                "segment.outside-turn",
                "Text between a section heading and the first speaker header belongs to no turn.",
                Some(doc.block_span(i)),
            ));
        }
        i += 1;
    }
    if let Some(t) = cur.take() {
        turns.push(t);
    }
    let list_groups = list_groups(doc, &header_blocks, &section_blocks);
    resolve_by_roster(doc, &roster, &mut turns, &mut diagnostics);
    diagnostics.extend(profile_diagnostics(doc, &turns));
    Segmented {
        front_matter: 0..front_end.unwrap_or(n),
        sections,
        turns,
        list_groups,
        diagnostics,
        mentions,
    }
}

/// Drops the weak labels ("Ann Lee:", "SFC:") that the document does not
/// support: a label stands when the roster resolves it, when its name
/// labels two blocks or more, or when the document has three or more weak
/// labels of its profile.
fn drop_unsupported(at: &mut [Option<Cand>], roster: &[profiles::roster::RosterEntry]) {
    let weak = |c: &Option<Cand>| match c {
        Some(Cand::Profile(l)) if l.needs_support => Some((l.profile, lexicon::fold(&l.name))),
        _ => None,
    };
    let mut by_profile: std::collections::HashMap<Profile, usize> = std::collections::HashMap::new();
    let mut by_name: std::collections::HashMap<(Profile, String), usize> = std::collections::HashMap::new();
    for c in at.iter() {
        if let Some(k) = weak(c) {
            *by_profile.entry(k.0).or_default() += 1;
            *by_name.entry(k).or_default() += 1;
        }
    }
    for c in at.iter_mut() {
        let Some(k) = weak(c) else { continue };
        let Some(Cand::Profile(l)) = c.as_ref() else { continue };
        let supported = profiles::roster::resolve(roster, &l.name).is_some()
            || by_name.get(&k).is_some_and(|&n| n >= 2)
            || by_profile.get(&k.0).is_some_and(|&n| n >= 3);
        if !supported {
            *c = None;
        }
    }
}

/// In a document whose turns open with Record labels ("Mr. WARNER."),
/// every other header shape is quoted material inside a speech: a letter's
/// address block ("Hon. Condoleezza Rice, Secretary of State, ..."), its
/// salutation ("Dear Ms. Secretary:"), an interview or a Q&A inserted for
/// the record ("Doug Farah: ..."). Those candidates are dropped.
fn drop_quoted(at: &mut [Option<Cand>]) {
    let record = at
        .iter()
        .any(|c| matches!(c, Some(Cand::Profile(l)) if l.profile == Profile::Record));
    if !record {
        return;
    }
    for c in at.iter_mut() {
        if !matches!(c, Some(Cand::Profile(l)) if l.profile == Profile::Record) {
            *c = None;
        }
    }
}

/// True when block `i` opens a letter ("Dear Ms. Secretary:"): the header
/// shape before it is the letter's address block, not a speaker.
fn opens_letter(doc: &Normalized, i: usize) -> bool {
    doc.blocks.get(i).is_some_and(|_| {
        let s = doc.content(i).trim_start();
        s.starts_with("Dear ") || s.starts_with("DEAR ")
    })
}

/// Gives the turns whose label is a surname or an abbreviation the full
/// name the roster has for it (an `info` diagnostic each).
fn resolve_by_roster(
    doc: &Normalized,
    roster: &[profiles::roster::RosterEntry],
    turns: &mut [TurnSeg],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if roster.is_empty() {
        return;
    }
    for t in turns.iter_mut() {
        if t.header.profile == Profile::Seminar {
            continue;
        }
        let Some(e) = profiles::roster::resolve(roster, &t.header.name) else {
            continue;
        };
        diagnostics.push(Diagnostic::info(
            "segment.name-from-roster",
            format!(
                "The label \"{}\" names {}, as the list of participants gives the name.",
                t.header.text, e.name
            ),
            Some(doc.span(t.span.0, t.span.0 + t.header.text.len())),
        ));
        t.header.name = e.name.clone();
        if t.header.affiliation.is_none() {
            t.header.affiliation = e.affiliation.clone();
        }
    }
}

/// One `info` diagnostic per header convention the document's turns use:
/// which one, how many turns, and the first header read in it.
fn profile_diagnostics(doc: &Normalized, turns: &[TurnSeg]) -> Vec<Diagnostic> {
    let mut seen: Vec<(Profile, usize, usize)> = Vec::new();
    for (k, t) in turns.iter().enumerate() {
        match seen.iter_mut().find(|s| s.0 == t.header.profile) {
            Some(s) => s.1 += 1,
            None => seen.push((t.header.profile, 1, k)),
        }
    }
    seen.iter()
        .map(|&(p, count, first)| {
            let t = &turns[first];
            Diagnostic::info(
                "segment.convention",
                format!(
                    "Speaker headers in the {} convention ({}): {count} turn(s), the first \"{}\".",
                    p.name(),
                    p.shape(),
                    t.header.text
                ),
                Some(doc.span(t.span.0, t.span.1)),
            )
        })
        .collect()
}

/// A role written before a speaker header: "Moderator:", "Chair -".
static ROLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:moderator|co-moderator|chair|chairperson|co-chair|facilitator|discussant|commentator|panell?ist|(?:keynote\s+)?speaker|presenter|host|rapporteur)\s*[:–—-]\s+",
    )
    .expect("valid role label regex")
});

/// The header candidate at block `i`, if its line has a header's shape.
fn candidate(doc: &Normalized, i: usize, mentions: &Mentions) -> Option<Cand> {
    let b = &doc.blocks[i];
    if matches!(b.kind, BlockKind::ListItem { .. }) {
        return None;
    }
    let s = doc.content(i).trim();
    if let Some(l) = header::parse_label(s, mentions) {
        return Some(Cand::Label(l));
    }
    if is_section_heading(s) {
        return None;
    }
    if let Some(l) = profiles::read(s) {
        return Some(Cand::Profile(l));
    }
    // "Moderator: Ms. Ana Lemalu (...)": a role label before the header.
    // ROLE_LABEL's words start with these letters (any case; a non-ASCII
    // letter may fold to one of them).
    let role_first = s.chars().next().is_some_and(|c| {
        !c.is_ascii()
            || matches!(
                c.to_ascii_lowercase(),
                'm' | 'c' | 'f' | 'd' | 'p' | 'k' | 's' | 'h' | 'r'
            )
    });
    let (s, off) = match role_first.then(|| ROLE_LABEL.find(s)).flatten() {
        Some(m) if lexicon::leading_honorific(&s[m.end()..]).is_some() => (&s[m.end()..], m.end()),
        _ => (s, 0),
    };
    match header::parse_honorific_line(s, mentions) {
        LineShape::NotHeader => {}
        // "Mr. Speaker, Sir, ...", "Hon. Members, ...": a salutation opens
        // the speech; it names no person.
        LineShape::NameOnly(p) | LineShape::WithAffiliation(p) | LineShape::Inline(p, _)
            if lexicon::is_address_name(&p.name) =>
        {
            return None;
        }
        LineShape::Inline(p, at) => return Some(Cand::Honorific(LineShape::Inline(p, at + off))),
        // "Ms. Mori, UNDP Philippines, asked whether ...": a sentence
        // that happens to set off an affiliation.
        LineShape::WithAffiliation(p)
            if lexicon::ends_sentence(s)
                && p.affiliation
                    .as_deref()
                    .is_some_and(|a| lexicon::has_content_lowercase_words(a, 3)) =>
        {
            return None;
        }
        shape => {
            if lexicon::at_most_words(s, 45) && !s.ends_with('?') && !s.ends_with('!') {
                return Some(Cand::Honorific(shape));
            }
            return None;
        }
    }
    if lexicon::leading_honorific(s).is_some() {
        return None;
    }
    if let Some(p) = rank_title_header(doc, i, s) {
        return Some(Cand::Honorific(LineShape::NameOnly(p)));
    }
    header::parse_plain_line(s, mentions).map(Cand::Plain)
}

/// A short header opened by a rank or office that also opens sentences
/// ("General Gómez Costa", [`lexicon::RANK_TITLES`]): the line is the title
/// and one to four name words (particles inside), and the next block opens
/// with the very same words followed by a lower-case word ("General Gómez
/// Costa asked ..."), which "General Assembly" over prose does not do
/// unless its next word is a name.
fn rank_title_header(doc: &Normalized, i: usize, s: &str) -> Option<ParsedName> {
    let (title, at) = lexicon::leading_rank_title(s)?;
    let words: Vec<&str> = s[at..].split_whitespace().collect();
    let last_is_name = words.last().is_some_and(|w| lexicon::is_name_word(w));
    if words.is_empty()
        || words.len() > 4
        || !last_is_name
        || !words
            .iter()
            .all(|w| lexicon::is_name_word(w) || lexicon::is_particle(w))
        || words.iter().any(|w| lexicon::is_affiliation_word(w))
    {
        return None;
    }
    let next = doc.blocks.get(i + 1).filter(|b| b.kind == BlockKind::Paragraph)?;
    let body = doc.text.get(next.content.0..next.content.1)?.trim_start();
    let rest = body.strip_prefix(s)?;
    let verb = rest.strip_prefix(' ')?.split_whitespace().next()?;
    if !lexicon::starts_lowercase(verb) || lexicon::is_particle(verb) {
        return None;
    }
    Some(ParsedName {
        honorific: Some(title.to_string()),
        name: words.join(" "),
        affiliation: None,
        guessed: false,
    })
}

/// True when block `i` reads as the body of a turn: prose or a list item.
fn body_like(doc: &Normalized, i: usize) -> bool {
    match doc.blocks.get(i).map(|b| &b.kind) {
        Some(BlockKind::ListItem { .. }) => true,
        Some(BlockKind::Paragraph) => {
            let s = doc.content(i).trim();
            lexicon::is_prose(s) || (s.ends_with(':') && lexicon::has_content_lowercase_words(s, 1))
        }
        _ => false,
    }
}

/// True when block `i` can be (part of) the affiliation line(s) of a header.
fn affiliation_like(doc: &Normalized, cands: &Cands<'_>, i: usize) -> bool {
    let Some(b) = doc.blocks.get(i) else { return false };
    if b.kind != BlockKind::Paragraph {
        return false;
    }
    match &cands[i] {
        None => {}
        // A name-shaped line without honorific is only a header when the
        // body takes its name up; otherwise it may well be an affiliation.
        Some(Cand::Plain(p)) if !name_taken_up(doc, cands.mentions, &p.name, i + 1) => {}
        Some(_) => return false,
    }
    let s = doc.content(i).trim();
    // Counted up to 41: only `<= 40` and `<= 15` are asked.
    let words = s.split_whitespace().take(41).count();
    let first_ok = s
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '(' | '"' | '“'));
    // "Mr. Ono is a member of ...": a sentence about a person.
    let sentence = block_mentions(doc, cands.mentions, i, s).first().is_some_and(|m| {
        m.start == 0
            && s[m.end..]
                .split_whitespace()
                .next()
                .is_some_and(lexicon::starts_lowercase)
    });
    first_ok
        && !sentence
        && words <= 40
        && !s.ends_with(['?', '!', ':', ';'])
        && (!s.ends_with('.') || words <= 15)
        && !lexicon::is_prose(s)
        && !is_section_heading(s)
}

/// The end of the header blocks that start at block `i`: the longest run
/// (up to three) of affiliation-like blocks after it that is followed by a
/// body block. None when no body follows.
fn header_end(doc: &Normalized, cands: &Cands<'_>, i: usize) -> Option<usize> {
    let mut run = 0;
    while run < 3 && affiliation_like(doc, cands, i + 1 + run) {
        run += 1;
    }
    (i + 1..=i + 1 + run).rev().find(|&end| body_like(doc, end))
}

/// True when the family name of a header without honorific is taken up in
/// the body block `b`: after an honorific, or opening a sentence.
fn name_taken_up(doc: &Normalized, mentions: &Mentions, name: &str, b: usize) -> bool {
    let Some(body) = doc.blocks.get(b).map(|_| doc.content(b)) else {
        return false;
    };
    let words: Vec<String> = name.split_whitespace().map(lexicon::fold).collect();
    if block_mentions(doc, mentions, b, body).iter().any(|m| {
        m.tokens.iter().any(|t| {
            let t = lexicon::fold_cow(t);
            words.iter().any(|w| *w == t)
        })
    }) {
        return true;
    }
    let toks: Vec<&str> = body.split_whitespace().collect();
    let is_name = |w: &str| {
        let w = w.trim_end_matches([',', ';', ':', '.', ')']);
        words
            .iter()
            .any(|x| *x == lexicon::fold_cow(lexicon::strip_possessive(w)))
    };
    toks.windows(2).enumerate().any(|(k, w)| {
        let sentence_start = k == 0 || toks[k - 1].ends_with(['.', '?', '!']);
        // "Tanaka noted ...", the whole name ("Takeshi Mori noted ...") or,
        // with a rank or role word in place of an honorific, "Superintendent
        // Choi, who ...".
        let whole_name_then_verb = || {
            let run = toks[k..].iter().take_while(|t| is_name(t)).count();
            run >= 2 && toks.get(k + run).is_some_and(|t| lexicon::starts_lowercase(t))
        };
        (sentence_start && is_name(w[0]) && (lexicon::starts_lowercase(w[1]) || whole_name_then_verb()))
            || (w[0].starts_with(char::is_uppercase)
                && !lexicon::is_function_word(&w[0].to_lowercase())
                && lexicon::is_affiliation_word(w[0])
                && is_name(w[1]))
    })
}

/// Confirms the header candidate at block `i` by the layout after it.
fn confirm(doc: &Normalized, cands: &Cands<'_>, i: usize) -> Option<Found> {
    let n = doc.blocks.len();
    let cand = cands[i].as_ref()?;
    let text_of = |r: Range<usize>| r.map(|k| doc.content(k).trim()).collect::<Vec<_>>().join(" ");
    match cand {
        Cand::Label(l) => {
            let inline = l.body_at.map(|at| {
                let c = doc.blocks[i].content;
                let lead = doc.content(i).len() - doc.content(i).trim_start().len();
                (c.0 + lead + at, c.1)
            });
            if inline.is_none() && !(i + 1 < n && cands[i + 1].is_none() && !section_at(doc, cands, i + 1)) {
                return None;
            }
            let p = l.person.clone();
            Some(Found {
                header: SpeakerHeader {
                    text: l.header.clone(),
                    honorific: p.as_ref().and_then(|p| p.honorific.clone()),
                    name: p.as_ref().map_or(String::new(), |p| p.name.clone()),
                    affiliation: p.as_ref().and_then(|p| p.affiliation.clone()),
                    label: Some(l.label.clone()),
                    role: None,
                    language: None,
                    profile: Profile::Seminar,
                },
                blocks: i..i + 1,
                inline,
                guessed: false,
            })
        }
        Cand::Profile(l) => {
            let c = doc.blocks[i].content;
            let lead = doc.content(i).len() - doc.content(i).trim_start().len();
            let inline = l.body_at.map(|at| (c.0 + lead + at, c.1));
            if inline.is_none() && !(i + 1 < n && cands[i + 1].is_none() && body_like(doc, i + 1)) {
                return None;
            }
            Some(Found {
                header: SpeakerHeader {
                    text: l.header.clone(),
                    honorific: l.honorific.clone(),
                    name: l.name.clone(),
                    affiliation: l.affiliation.clone(),
                    label: None,
                    role: l.role.clone(),
                    language: l.language.clone(),
                    profile: l.profile,
                },
                blocks: i..i + 1,
                inline,
                guessed: false,
            })
        }
        Cand::Honorific(LineShape::Inline(p, at)) => {
            let c = doc.blocks[i].content;
            let lead = doc.content(i).len() - doc.content(i).trim_start().len();
            let body_start = c.0 + lead + at;
            let head = doc.text[c.0..body_start].trim().to_string();
            Some(Found {
                header: speaker(head, p),
                blocks: i..i + 1,
                inline: Some((body_start, c.1)),
                guessed: p.guessed,
            })
        }
        Cand::Honorific(LineShape::WithAffiliation(p))
        | Cand::Plain(
            p @ ParsedName {
                affiliation: Some(_), ..
            },
        ) => {
            let end = header_end(doc, cands, i)?;
            if matches!(cand, Cand::Plain(_)) && !name_taken_up(doc, cands.mentions, &p.name, end)
                || opens_letter(doc, end)
            {
                return None;
            }
            let mut p = p.clone();
            if end > i + 1 {
                let more = text_of(i + 1..end);
                p.affiliation = Some(
                    format!("{} {more}", p.affiliation.clone().unwrap_or_default())
                        .trim()
                        .to_string(),
                );
            }
            Some(Found {
                header: speaker(text_of(i..end), &p),
                blocks: i..end,
                inline: None,
                guessed: p.guessed,
            })
        }
        Cand::Honorific(LineShape::NameOnly(p)) | Cand::Plain(p) => {
            let plain = matches!(cand, Cand::Plain(_));
            // The affiliation and the body in one block after the name
            // line: the body opens by naming the speaker.
            if !plain && let Some(found) = affiliation_with_body(doc, cands, i, p) {
                return Some(found);
            }
            // Name line, affiliation line(s), then the body; or the body
            // right after the name line.
            let end = header_end(doc, cands, i)?;
            if plain && !name_taken_up(doc, cands.mentions, &p.name, end) || opens_letter(doc, end) {
                return None;
            }
            let mut p = p.clone();
            if end > i + 1 {
                let more = text_of(i + 1..end);
                p.affiliation = match &p.affiliation {
                    Some(a) => Some(format!("{a} {more}")),
                    None => header::clean_affiliation(&more),
                };
            }
            Some(Found {
                header: speaker(text_of(i..end), &p),
                blocks: i..end,
                inline: None,
                guessed: p.guessed,
            })
        }
        Cand::Honorific(LineShape::NotHeader) => None,
    }
}

/// A name line at `i` followed by a block that holds the affiliation and
/// then the body ("Former Ambassador, Kobe University Mr. Ono stated ...").
fn affiliation_with_body(doc: &Normalized, cands: &Cands<'_>, i: usize, p: &ParsedName) -> Option<Found> {
    let j = i + 1;
    if doc.blocks.get(j)?.kind != BlockKind::Paragraph || cands[j].is_some() {
        return None;
    }
    let content = doc.content(j);
    let m = header::self_mention_in(content, &block_mentions(doc, cands.mentions, j, content), &p.name)?;
    let affil = content[..m].trim();
    let first_ok = affil.chars().next().is_some_and(|c| c.is_uppercase());
    if !first_ok
        || !lexicon::at_most_words(affil, 40)
        || lexicon::is_prose(affil)
        || affil.ends_with(['.', '?', '!', ':'])
    {
        return None;
    }
    let (c0, c1) = doc.blocks[j].content;
    let mut p = p.clone();
    p.affiliation = Some(match &p.affiliation {
        Some(a) => format!("{a} {affil}"),
        None => affil.to_string(),
    });
    Some(Found {
        header: speaker(format!("{} {affil}", doc.content(i).trim()), &p),
        blocks: i..j + 1,
        inline: Some((c0 + m, c1)),
        guessed: p.guessed,
    })
}

fn speaker(text: String, p: &ParsedName) -> SpeakerHeader {
    SpeakerHeader {
        text,
        honorific: p.honorific.clone(),
        name: p.name.clone(),
        affiliation: p.affiliation.clone(),
        label: None,
        role: None,
        language: None,
        profile: Profile::Seminar,
    }
}

/// True when block `i` is a section heading: a heading line by its words,
/// or a Markdown heading that introduces speaker turns.
fn section_at(doc: &Normalized, cands: &Cands<'_>, i: usize) -> bool {
    let b = &doc.blocks[i];
    match b.kind {
        BlockKind::ListItem { .. } => false,
        BlockKind::Paragraph => is_section_heading(doc.content(i)),
        BlockKind::Heading { .. } => {
            if is_section_heading(doc.content(i)) {
                return true;
            }
            // A heading that opens the document, when its words do not
            // name a section and no header follows it directly, is the
            // title ("# Protection of Civilians" over the organizer and
            // date lines), even when no other heading follows.
            if i == 0 && !(doc.blocks.len() > 1 && cands[1].is_some() && confirm(doc, cands, 1).is_some()) {
                return false;
            }
            // A Markdown heading is a section when a header follows before
            // the next heading.
            // A date line before that header makes it a heading of the
            // title block instead ("## Water, Climate and Conflict" over
            // "10 March 2024, 3:15 p.m.").
            let mut k = i + 1;
            while k < doc.blocks.len() && !matches!(doc.blocks[k].kind, BlockKind::Heading { .. }) {
                if cands[k].is_some() && confirm(doc, cands, k).is_some() {
                    return true;
                }
                if doc.blocks[k].kind == BlockKind::Paragraph && crate::event::is_date_line(doc.content(k).trim()) {
                    return false;
                }
                k += 1;
            }
            false
        }
    }
}

/// The heading line of a list from the paragraph before it: its last
/// sentence ("He listed the priorities:" out of a longer paragraph).
pub fn heading_line(s: &str) -> &str {
    let t = s.trim();
    let mut start = 0;
    let toks = header::tokens(t);
    for w in toks.windows(2) {
        let (prev, next) = (w[0].1, w[1]);
        let ends = prev.ends_with(['.', '?', '!']);
        let abbreviation = lexicon::leading_honorific(&format!("{prev} X")).is_some()
            || (prev.chars().filter(|c| c.is_alphabetic()).count() <= 2 && !prev.chars().any(|c| c.is_ascii_digit()));
        if ends && !abbreviation && next.1.starts_with(char::is_uppercase) {
            start = next.0;
        }
    }
    &t[start..]
}

/// Runs of consecutive list items with the line before them.
fn list_groups(doc: &Normalized, headers: &HashSet<usize>, sections: &HashSet<usize>) -> Vec<ListGroup> {
    let mut groups = Vec::new();
    let mut i = 0;
    let n = doc.blocks.len();
    while i < n {
        if !matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && matches!(doc.blocks[i].kind, BlockKind::ListItem { .. }) {
            i += 1;
        }
        let heading = start.checked_sub(1).filter(|&h| {
            let s = doc.content(h).trim();
            doc.blocks[h].kind == BlockKind::Paragraph
                && !headers.contains(&h)
                && !sections.contains(&h)
                && (s.ends_with(':') || (lexicon::at_most_words(s, 15) && !lexicon::ends_sentence(s)))
        });
        groups.push(ListGroup {
            heading,
            items: (start..i).collect(),
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::text::RawText;

    fn seg(s: &str) -> (Normalized, Segmented) {
        let n = normalize(&RawText {
            pages: vec![s.to_string()],
            paged: false,
            diagnostics: vec![],
        });
        let g = segment(&n);
        (n, g)
    }

    #[test]
    fn section_headings() {
        for s in [
            "Part I: Presentation",
            "Part II - Commentators",
            "Session 2 - Discussion",
            "Panel",
            "Chair's summary",
            "Chair’s Closing Remarks",
            "Q&A",
            "PART 3",
            "I. Opening Session",
            "III) Open Floor",
            "IV. Part 4: Wrap-up",
            "Discussants",
            "II. Panel Responses",
            "III. Reactions from the Floor",
            "Panel Responses",
            "PART ONE – PRESENTATION",
            "Session 1: Opening Remarks",
            "Q&A Session",
            "Closing Remarks",
        ] {
            assert!(is_section_heading(s), "{s}");
        }
        for s in [
            "Part of the problem is money.",
            "Present",
            "Partners",
            "I. Smith",
            "II. The Mandate of the Mission",
            "Ms. Eva Lind",
            "Geneva Mine Action Dialogue",
        ] {
            assert!(!is_section_heading(s), "{s}");
        }
    }

    #[test]
    fn plain_header_taken_up_by_rank_word() {
        let doc = "Forum\n\nPresents\n\nDr. Ann LEE\n\non\n\nA Title\n\nPart I: Talk\n\n\
                   Dr. Ann LEE - Fellow, Peace Institute\n\nDr. Lee spoke about peace.\n\n\
                   KANG Min-ji - Inspector, National Police\n\nInspector Kang, who served abroad, spoke too.\n\n\
                   The Cabinet Office\n\nThe Cabinet was not consulted.";
        let (_, g) = seg(doc);
        let names: Vec<&str> = g.turns.iter().map(|t| t.header.name.as_str()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names[1].contains("Min-ji"), "{names:?}");
    }

    #[test]
    fn short_headers_after_a_rank_title_and_run_together_name_lines() {
        let doc = "A Title\n\nPart I: Talk\n\n\
                   Maj. Gen. Ewa Whitfield\nFolke Bernadotte Academy\n\n\
                   General Whitfield opened the session.\n\n\
                   KIM Min-jun\nUniversity of Ghana\n\nMin-jun Kim added a point.\n\n\
                   General Whitfield\n\nGeneral Whitfield replied that it was late.\n\n\
                   General Assembly\n\nThe resolutions were adopted.";
        let (_, g) = seg(doc);
        let heads: Vec<(&str, Option<&str>)> = g
            .turns
            .iter()
            .map(|t| (t.header.name.as_str(), t.header.affiliation.as_deref()))
            .collect();
        assert_eq!(
            heads,
            [
                ("Ewa Whitfield", Some("Folke Bernadotte Academy")),
                ("KIM Min-jun", Some("University of Ghana")),
                ("Whitfield", None),
            ]
        );
    }

    #[test]
    fn a_heading_over_the_date_line_is_the_title_block() {
        let doc = "# Forum present\n\n**Ms. Ann Lee**\n\non\n\n## Water and Conflict\n\n\
                   10 March 2024, 3:15 p.m. Addis Ababa time\n\n\
                   Ms. Ann Lee, Fellow, Peace Institute\n\nMs. Lee spoke about peace.";
        let (_, g) = seg(doc);
        assert!(g.sections.is_empty(), "{:?}", g.sections);
        assert_eq!(g.turns.len(), 1);
        let (_, g) = seg("# Maritime Security\n\nOrganized by the Forum\n\n\
                          Ms. Ann Lee, Fellow, Peace Institute\n\nMs. Lee spoke about peace.");
        assert!(g.sections.is_empty(), "{:?}", g.sections);
        assert_eq!(g.front_matter, 0..2);
    }

    #[test]
    fn role_label_before_a_header_and_capital_honorifics() {
        let doc = "Forum\n\nPresents\n\nDr. Ann LEE\n\non\n\nA Title\n\nPart I: Talk\n\n\
                   BRIG. GEN. ANN LEE\nCommandant, Peace Academy\n\nBrig. Gen. Lee spoke about peace.\n\n\
                   Moderator: Ms. Eva Lind (Officer, Peace Forum)\n\nMs. Lind thanked the panel.\n\n\
                   Chair: Mr. Bo Ek: Thank you all.";
        let (n, g) = seg(doc);
        let got: Vec<(&str, Option<&str>)> = g
            .turns
            .iter()
            .map(|t| (t.header.name.as_str(), t.header.affiliation.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("ANN LEE", Some("Commandant, Peace Academy")),
                ("Eva Lind", Some("Officer, Peace Forum")),
                ("Bo Ek", None)
            ]
        );
        let t = &g.turns[2];
        assert_eq!(&n.text[t.paragraphs[0].0..t.paragraphs[0].1], "Thank you all.");
    }

    #[test]
    fn front_matter_sections_and_turns() {
        let doc = "Center for Peace\n\nPresent\n\nMr. Naoto HISAJIMA\n\non\n\nA Title\n\nPart I: Talk\n\n\
                   Mr. Naoto Hisajima Director-General, Cabinet Office\n\nMr. Hisajima started by noting things.\n\n\
                   Part II: Discussion\n\nDr. Ann Lee\n\nSenior Fellow, Peace Institute\n\nDr. Lee asked a question.\n\n\
                   Mr. Naoto Hisajima replied that all is well.";
        let (n, g) = seg(doc);
        assert_eq!(g.front_matter, 0..5);
        assert_eq!(
            g.sections.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
            ["Part I: Talk", "Part II: Discussion"]
        );
        assert_eq!(g.turns.len(), 2);
        let t0 = &g.turns[0];
        assert_eq!(t0.header.name, "Naoto Hisajima");
        assert_eq!(
            t0.header.affiliation.as_deref(),
            Some("Director-General, Cabinet Office")
        );
        let t1 = &g.turns[1];
        assert_eq!(t1.header.text, "Dr. Ann Lee Senior Fellow, Peace Institute");
        assert_eq!(t1.header.affiliation.as_deref(), Some("Senior Fellow, Peace Institute"));
        assert_eq!(t1.section, Some(1));
        // The body sentence opening with a full name stays body.
        assert_eq!(t1.paragraphs.len(), 2);
        assert_eq!(
            &n.text[t1.paragraphs[1].0..t1.paragraphs[1].1],
            "Mr. Naoto Hisajima replied that all is well."
        );
    }

    #[test]
    fn labels_and_plain_headers() {
        let doc = "Title line\n\nQ&A\n\nQuestion: How will funding work?\n\nAnswer (Ms. Ann Lee): It will grow.\n\n\
                   Ken Abe, Director, Peace Office\n\nAbe noted that the plan works.";
        let (n, g) = seg(doc);
        assert_eq!(g.turns.len(), 3);
        assert_eq!(g.turns[0].header.label.as_deref(), Some("Question"));
        assert_eq!(g.turns[0].header.name, "");
        let p = g.turns[0].paragraphs[0];
        assert_eq!(&n.text[p.0..p.1], "How will funding work?");
        assert_eq!(g.turns[1].header.name, "Ann Lee");
        assert_eq!(g.turns[2].header.name, "Ken Abe");
        assert_eq!(g.turns[2].header.affiliation.as_deref(), Some("Director, Peace Office"));
    }

    #[test]
    fn header_lines_merged_with_the_body() {
        let doc = "Part I: Talk\n\nMr. Ken Ono\n\nFormer Ambassador, Kobe University Mr. Ono stated that all went well.\n\n\
                   Ms. Ann Lee Chair, Board Ms. Lee asked a question about it.";
        let (n, g) = seg(doc);
        assert_eq!(g.turns.len(), 2);
        assert_eq!(
            g.turns[0].header.affiliation.as_deref(),
            Some("Former Ambassador, Kobe University")
        );
        assert_eq!(g.turns[0].header.text, "Mr. Ken Ono Former Ambassador, Kobe University");
        let p = g.turns[0].paragraphs[0];
        assert_eq!(&n.text[p.0..p.1], "Mr. Ono stated that all went well.");
        assert_eq!(g.turns[1].header.affiliation.as_deref(), Some("Chair, Board"));
        let p = g.turns[1].paragraphs[0];
        assert_eq!(&n.text[p.0..p.1], "Ms. Lee asked a question about it.");
    }

    #[test]
    fn sentences_with_a_set_off_affiliation_are_body() {
        let doc = "Part I: Talk\n\nMs. Ann Lee Chair, Board\n\nMs. Lee spoke first.\n\n\
                   Ms. Lee, Chair of the Board, then asked whether the plan was funded.\n\nShe sat down.";
        let (_, g) = seg(doc);
        assert_eq!(g.turns.len(), 1);
        assert_eq!(g.turns[0].paragraphs.len(), 3);
    }

    #[test]
    fn list_heading_is_the_last_sentence() {
        assert_eq!(heading_line("He spoke. Mr. Ito listed these:"), "Mr. Ito listed these:");
        assert_eq!(heading_line("Four Pillars of Peace:"), "Four Pillars of Peace:");
        assert_eq!(
            heading_line("Reforms began in 2019. He listed them:"),
            "He listed them:"
        );
        assert_eq!(
            heading_line("In 2015 the U.S. and others agreed. They are:"),
            "They are:"
        );
    }

    #[test]
    fn lists_with_headings() {
        let doc = "Part I: A\n\nMr. Ken Abe Director, Office\n\nHe said this:\n\nFour Pillars:\n\n- 1. One,\n- 2. Two.\n\nMore prose follows here.";
        let (_, g) = seg(doc);
        assert_eq!(g.list_groups.len(), 1);
        assert!(g.list_groups[0].heading.is_some());
        assert_eq!(g.list_groups[0].items.len(), 2);
        assert_eq!(g.turns[0].body_blocks.len(), 5);
    }
}
