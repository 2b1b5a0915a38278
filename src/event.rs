//! Front matter: from the front-matter blocks to the report's `event`.
//!
//! Reads the layout seminar reports use ("X and Y / Present / Mr. Z / on /
//! Title / Wednesday, 27 July 2022 8:00 p.m. Tokyo, ... / Report compiled by:
//! W") and labelled variants ("Organized by:", "Speaker:", "Title:"). Owns
//! organizers, presenter names (as written; the people registry resolves
//! them), title, date and weekday, local times with their zones and the start
//! instant, and the compiler. Submodules: `date` (dates), `times` (times
//! and the places written with them), `zones` (places to IANA zones).
//! Every reading that is a guess or a repair is reported as a diagnostic.

mod date;
mod times;
mod zones;

use std::ops::Range;
use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{AmbiguousOffset, Offset};
use regex::Regex;

use crate::report::{Diagnostic, Event, LocalTime, Span};
use crate::text::{BlockKind, Normalized};

/// The event, plus the presenter names as written (the people registry
/// resolves them to ids).
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub event: Event,
    pub presenter_names: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One line of the front matter, artifacts removed.
#[derive(Debug, Clone)]
struct Line {
    /// Text with converter artifacts removed and spaces collapsed.
    text: String,
    /// Byte range of the line as written in the normalized text.
    start: usize,
    end: usize,
    /// True when `text` differs from the line as written (beyond spaces).
    cleaned: bool,
    /// A Markdown heading (by block kind or a leading `#`).
    heading: bool,
    /// Index of the block the line belongs to.
    block: usize,
}

/// What a line was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Free,
    Organizer,
    Present,
    Presenter,
    On,
    Title,
    Compiled,
    Label,
    /// Joined onto the line before it.
    Joined,
}

static MATH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\$([^$]*)\$").expect("valid regex"));
static TEX_CMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\\(?:text|mathrm|textbf|mathbf|textit|mathit|emph|operatorname)\s*\{([^}]*)\}").expect("valid regex")
});
static TEX_SPACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\\[ ,;:!~]").expect("valid regex"));
static TEX_ESC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\\([&%_#{}$*])").expect("valid regex"));
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\*\*|__").expect("valid regex"));
static HEADING_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#{1,6}\s+").expect("valid regex"));

static COMPILED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:this\s+)?(?:report\s+|summary\s+|notes?\s+)?(?:compiled|prepared|written|drafted|reported|taken)\s+by\s*:?\s*(.+)$|^(?:rapporteurs?|report\s+by|compiler|note[\s-]?takers?)\s*:?\s*(.+)$",
    )
    .expect("valid regex")
});
static ORG_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:jointly\s+|co-?)?(?:organi[sz]ed|hosted|convened|sponsored)\s+by|(?:co-?)?organi[sz]ers?|(?:co-?)?hosts?|in\s+(?:cooperation|collaboration|partnership)\s+with|(?:with\s+the\s+)?support(?:ed)?\s+(?:by|of))\b\s*:?\s*")
        .expect("valid regex")
});
static SPEAKER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:guest|keynote|featured)\s+)?(?:speakers?|presenters?|lecturers?|panell?ists?|presented\s+by|speech\s+by|lecture\s+by)\b\s*:?\s+")
        .expect("valid regex")
});
static TITLE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:title|theme|topic|subject)\s*:\s*").expect("valid regex"));
static OTHER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:date|time|venue|place|location|moderator|chair|facilitator|language|format)\s*:")
        .expect("valid regex")
});
static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:H\.\s?E\.|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Amb|Ambassador|Sir|Dame|Judge|Justice|Gen|General|Lt|Col|Colonel|Maj|Major|Capt|Captain|Adm|Admiral|Rev|Hon|Lord|Lady|Mme|Mlle|Sen|Senator)\.?\s")
        .expect("valid regex")
});
static PRESENT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.*?)\s*(?:\b(?:are|is)\s+(?:pleased|proud|delighted|honou?red)\s+to\s+|\b(?:proudly|jointly|cordially)\s+)?\bpresents?\s*:?$")
        .expect("valid regex")
});
/// A section heading ("Part I: Presentation", "Session 2 - Q&A") or a body
/// paragraph: where the front matter ends at the latest.
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:part|session|section|chapter)\s+(?:[ivxlc]+|\d+|one|two|three|four|five)\b")
        .expect("valid regex")
});
/// The line between presenters and title: "on", "on the topic of",
/// "a lecture on", "Mr. X on".
static ON_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // Alone on its line in any case; after a name only in lower case, so a
    // title ending in "On" or "About" is not taken for it.
    Regex::new(
        r"^(?i:(?:on|about)(?:\s+the\s+(?:topic|theme|subject|question)(?:\s+of)?)?)\s*:?$|\s(?:on|about)(?:\s+the\s+(?:topic|theme|subject|question)(?:\s+of)?)?\s*:?$",
    )
        .expect("valid regex")
});
static ACRONYM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\([A-Z][A-Za-z&\-.]{1,}\)").expect("valid regex"));
static PEOPLE_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:[,;]|\s&\s|\band\b)\s*").expect("valid regex"));

/// Head nouns of organization names.
const ORG_WORDS: &[&str] = &[
    "university",
    "institute",
    "institution",
    "association",
    "center",
    "centre",
    "council",
    "foundation",
    "ministry",
    "embassy",
    "organization",
    "organisation",
    "society",
    "committee",
    "office",
    "agency",
    "network",
    "forum",
    "commission",
    "secretariat",
    "department",
    "school",
    "college",
    "academy",
    "programme",
    "program",
    "fund",
    "bank",
    "mission",
    "government",
    "federation",
    "union",
    "league",
    "trust",
    "initiative",
    "group",
    "corporation",
    "company",
    "inc",
    "ltd",
    "nations",
    "consortium",
    "alliance",
    "club",
    "headquarters",
    "laboratory",
    "faculty",
    "dialogue",
    "coalition",
    "partnership",
    "platform",
    "observatory",
];
/// Words of a role or affiliation, which person names do not contain.
const ROLE_WORDS: &[&str] = &[
    "director",
    "director-general",
    "minister",
    "president",
    "secretary",
    "secretary-general",
    "chair",
    "chairman",
    "chairperson",
    "head",
    "officer",
    "fellow",
    "researcher",
    "manager",
    "coordinator",
    "adviser",
    "advisor",
    "representative",
    "chief",
    "deputy",
    "senior",
    "former",
    "lecturer",
    "dean",
    "member",
    "vice",
    "executive",
    "special",
    "assistant",
    "associate",
    "professor",
    "ambassador",
    "envoy",
    "counsellor",
    "counselor",
    "analyst",
];
/// Words that make up generic document headings ("Seminar Report").
const GENERIC_WORDS: &[&str] = &[
    "seminar",
    "webinar",
    "report",
    "event",
    "summary",
    "lecture",
    "meeting",
    "minutes",
    "record",
    "of",
    "the",
    "symposium",
    "workshop",
    "conference",
    "roundtable",
    "round-table",
    "online",
    "panel",
    "discussion",
    "series",
    "session",
    "proceedings",
    "public",
    "special",
    "no.",
    "a",
    "on",
];
const LOWER_JOINERS: &[&str] = &[
    "of", "on", "the", "for", "in", "de", "des", "du", "to", "at", "la", "le", "and",
];

/// Removes converter artifacts from a front-matter line: TeX math mode
/// (`$Osaka\ Peace$`), Markdown emphasis and heading marks.
fn clean(raw: &str) -> String {
    let mut s = raw.trim().to_string();
    s = HEADING_MARK.replace(&s, "").into_owned();
    if s.contains('$') {
        s = MATH
            .replace_all(&s, |c: &regex::Captures| {
                let inner = c.get(1).map_or("", |m| m.as_str());
                let inner = TEX_CMD.replace_all(inner, "$1");
                let inner = TEX_SPACE.replace_all(&inner, " ");
                TEX_ESC.replace_all(&inner, "$1").into_owned()
            })
            .into_owned();
    }
    s = EMPHASIS.replace_all(&s, "").into_owned();
    s = TEX_ESC.replace_all(&s, "$1").into_owned();
    let t = s.trim();
    let t = if t.len() > 2
        && ((t.starts_with('*') && t.ends_with('*')) || (t.starts_with('_') && t.ends_with('_')))
        && t.is_char_boundary(1)
        && t.is_char_boundary(t.len() - 1)
    {
        &t[1..t.len() - 1]
    } else {
        t
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_lines(doc: &Normalized, blocks: Range<usize>) -> Vec<Line> {
    let end = blocks.end.min(doc.blocks.len());
    let mut out = Vec::new();
    for bi in blocks.start.min(end)..end {
        let b = &doc.blocks[bi];
        let Some(content) = doc.text.get(b.content.0..b.content.1) else {
            continue;
        };
        let mut offset = b.content.0;
        for piece in content.split('\n') {
            let lead = piece.len() - piece.trim_start().len();
            let start = offset + lead;
            let stop = offset + piece.trim_end().len();
            offset += piece.len() + 1;
            if stop <= start {
                continue;
            }
            let raw = piece.trim();
            let text = clean(raw);
            if text.is_empty() {
                continue;
            }
            let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(Line {
                cleaned: text != collapsed,
                heading: matches!(b.kind, BlockKind::Heading { .. }) || raw.starts_with('#'),
                text,
                start,
                end: stop,
                block: bi,
            });
        }
    }
    out
}

fn word_is(w: &str, list: &[&str]) -> bool {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    list.contains(&w.as_str())
}

fn is_and(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "and" | "&" | "with" | "together with"
    )
}

/// The text without a leading "the".
fn without_article(text: &str) -> &str {
    let t = text.trim();
    match t.get(..4) {
        Some(a) if a.eq_ignore_ascii_case("the ") => t[4..].trim_start(),
        _ => t,
    }
}

/// An all-caps word of two or more letters ("ACUNS", "R&D").
fn is_acronym(word: &str) -> bool {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.'));
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '&' || c == '-')
}

fn has_org_word(text: &str) -> bool {
    text.split_whitespace().any(|w| word_is(w, ORG_WORDS))
}

/// Looks like an organization name: capitalized, with an organization word
/// or an acronym.
fn org_like(text: &str) -> bool {
    let t = without_article(text);
    let starts_upper = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
    starts_upper && (ACRONYM.is_match(t) || has_org_word(t) || t.split_whitespace().any(is_acronym))
}

/// A name that stands on its own after "and": it has its own organization
/// word, or is an acronym (with at most a city after it). "Conflict Studies
/// (CPCS)" in "Center for Peace and Conflict Studies (CPCS)" is not.
fn org_complete(text: &str) -> bool {
    let t = without_article(text);
    let words: Vec<&str> = t.split_whitespace().collect();
    let starts_upper = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let acronym_only = words.first().is_some_and(|w| is_acronym(w)) && words.len() <= 2;
    // A lone organization word ("Dialogue" in "Centre for Peace and
    // Dialogue") is the end of one name, not a second organizer.
    starts_upper && ((has_org_word(t) && words.len() > 1) || acronym_only)
}

fn starts_with_honorific(text: &str) -> bool {
    HONORIFIC.is_match(text)
}

/// A person's name without honorific: 2 to 5 capitalized (or all-caps)
/// words, no function words, no role or organization words.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().enumerate().all(|(k, w)| {
            // A particle or patronymic link inside ("Jan van der Berg",
            // "Siti binti Yusof").
            let inner = k > 0 && k + 1 < words.len();
            (inner && (crate::lexicon::is_particle(w) || crate::lexicon::is_patronymic_link(w)))
                || w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '\u{2019}'))
        })
        && !words
            .iter()
            .any(|w| word_is(w, ROLE_WORDS) || word_is(w, ORG_WORDS) || word_is(w, LOWER_JOINERS))
}

fn is_name_line(text: &str) -> bool {
    let first = PEOPLE_SPLIT.split(text).next().unwrap_or("");
    starts_with_honorific(first) || looks_like_name(first)
}

/// A compiler's name: "Ms. Jane Doe", "Jane DOE (Osaka University)",
/// "Jane Doe, intern": a name first, whatever follows a comma or bracket.
fn person_like(text: &str) -> bool {
    let head = text.split([',', '(', ';']).next().unwrap_or("").trim();
    let head = HONORIFIC.find(head).map_or(head, |m| head[m.end()..].trim());
    looks_like_name(head)
}

/// True when `text` is two or more names joined by `,`, `;`, `&` or
/// "and" ("A, B", "A and B").
fn several_names(text: &str) -> bool {
    let pieces: Vec<&str> = text
        .split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .collect();
    pieces.len() > 1 && pieces.iter().all(|p| !p.is_empty() && person_like(p))
}

/// The compiler's name without a role or affiliation after a comma or in
/// brackets ("Jane Doe (intern, KPC)" -> "Jane Doe"), when the part before
/// is a name; else the text unchanged.
fn compiler_name(text: &str) -> &str {
    // Several compilers ("Rapporteurs: A, B", "Prepared by A and B"): every
    // piece a name, all kept as written.
    if several_names(text) {
        return text;
    }
    let head = text.split([',', '(', ';']).next().unwrap_or(text).trim();
    if head.len() < text.len() && person_like(head) {
        head
    } else {
        text
    }
}

fn is_generic_heading(text: &str) -> bool {
    text.split_whitespace()
        .all(|w| word_is(w, GENERIC_WORDS) || w.chars().all(|c| c.is_ascii_digit() || c == '#'))
}

/// "Mr. A, Director of X and Ms. B" -> the names; the text dropped as
/// affiliation is returned too.
fn split_people(text: &str) -> (Vec<String>, Vec<String>) {
    let pieces: Vec<&str> = PEOPLE_SPLIT
        .split(text)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let any_honorific = pieces.iter().any(|p| starts_with_honorific(p));
    let mut names = Vec::new();
    let mut dropped = Vec::new();
    let mut in_affiliation = false;
    for p in pieces {
        let p = p.trim_end_matches([',', ';', ':']).trim();
        let new_person = if any_honorific {
            starts_with_honorific(p)
        } else {
            !in_affiliation && looks_like_name(p)
        };
        if new_person {
            names.push(p.to_string());
            in_affiliation = false;
        } else {
            dropped.push(p.to_string());
            in_affiliation = true;
        }
    }
    (names, dropped)
}

/// Words joining two organizers in one labelled line: "Organised by X in
/// partnership with Y", "X jointly with Y", "X with the support of Y".
static PARTNER_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s+(?:in\s+(?:partnership|cooperation|collaboration|association)\s+with|jointly\s+with|together\s+with|with\s+the\s+(?:support|assistance)\s+of)\s+")
        .expect("valid regex")
});

/// Splits "X and Y" (or "X, Y and Z") into organizations only when every
/// part is clearly one (an acronym in parentheses or an organization word).
fn split_orgs(text: &str) -> Option<Vec<String>> {
    static SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*(?:;|,\s*and\b|,|\band\b|\s&\s)\s*").expect("valid regex"));
    let parts: Vec<String> = SEP
        .split(text)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let ok =
        parts.len() > 1 && parts.first().is_some_and(|p| org_like(p)) && parts.iter().skip(1).all(|p| org_complete(p));
    ok.then_some(parts)
}

fn strip_quotes(s: &str) -> &str {
    let pairs = [
        ('"', '"'),
        ('\u{201c}', '\u{201d}'),
        ('\'', '\''),
        ('\u{2018}', '\u{2019}'),
        ('\u{ab}', '\u{bb}'),
    ];
    for (a, b) in pairs {
        if let Some(inner) = s.strip_prefix(a).and_then(|r| r.strip_suffix(b))
            && !inner.is_empty()
        {
            return inner.trim();
        }
    }
    s
}

/// Looks like a title: starts with a capital, several words, no final
/// period, most long words capitalized or a colon.
fn title_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2
        || text.ends_with('.')
        || !text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '"' || c == '\u{201c}')
    {
        return false;
    }
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let caps = long
        .iter()
        .filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase))
        .count();
    text.contains(':') || (!long.is_empty() && caps * 10 >= long.len() * 6)
}

fn fmt_offset(o: Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, (abs / 60) % 60)
}

fn fmt_utc(ts: Timestamp) -> String {
    let dt = Offset::UTC.to_datetime(ts);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

struct Reader<'a> {
    doc: &'a Normalized,
    lines: Vec<Line>,
    roles: Vec<Role>,
    diags: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn span(&self, i: usize) -> Span {
        self.doc.span(self.lines[i].start, self.lines[i].end)
    }

    /// Span of bytes `a..b` of line `i`'s text: exact when the line needed
    /// no cleaning, else the whole line.
    fn sub_span(&self, i: usize, a: usize, b: usize) -> Span {
        let l = &self.lines[i];
        let raw = self.doc.text.get(l.start..l.end).unwrap_or("");
        if !l.cleaned && raw == l.text && b <= l.text.len() && a <= b {
            self.doc.span(l.start + a, l.start + b)
        } else {
            self.span(i)
        }
    }

    fn note_cleaned(&mut self, i: usize, what: &str) {
        if self.lines[i].cleaned {
            let span = self.span(i);
            self.diags.push(Diagnostic::info(
                "event.artifact-removed",
                format!(
                    "Converter markup (math mode or emphasis) removed from the {what} \"{}\".",
                    self.lines[i].text
                ),
                Some(span),
            ));
        }
    }

    fn free(&self, i: usize) -> bool {
        self.roles[i] == Role::Free
    }
}

/// The first line that belongs to the body: a section heading, or a long
/// line of running text once something else has been read.
fn body_start(lines: &[Line]) -> Option<usize> {
    lines.iter().enumerate().position(|(i, l)| {
        SECTION.is_match(&l.text) || (i > 0 && l.text.len() > 200 && l.text.split_whitespace().count() > 30)
    })
}

/// True when `next` continues `line` mid-expression: `line` ends with a
/// comma, a digit, "a.m."/"p.m." or a joining word, or `next` starts in
/// lower case or with "a.m."/"p.m.".
fn wraps(line: &str, next: &str) -> bool {
    static END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?:[,\d/\-\u{2013}]|[ap]\.?m\.?|\band|\bat)$").expect("valid regex"));
    END.is_match(line.trim_end()) || next.chars().next().is_some_and(char::is_lowercase)
}

/// True when `line` is a short line that gives a date (a front-matter date
/// line, "Wednesday, 27 July 2022 8:00 p.m. Tokyo"), not prose that
/// mentions one.
pub fn is_date_line(line: &str) -> bool {
    crate::lexicon::at_most_words(line, 20) && !crate::lexicon::is_prose(line) && date::find_date(line).is_some()
}

/// Reads the event from the front-matter blocks `blocks`.
pub fn extract(doc: &Normalized, blocks: Range<usize>) -> FrontMatter {
    let mut lines = collect_lines(doc, blocks.clone());
    let cut = body_start(&lines);
    let mut early_diags = Vec::new();
    if let Some(c) = cut {
        let first = &lines[c];
        early_diags.push(Diagnostic::info(
            "event.front-matter-cut",
            "The front matter given runs into the body; it was read up to this line.",
            Some(doc.span(first.start, first.end)),
        ));
        lines.truncate(c);
    }
    let n = lines.len();
    let mut r = Reader {
        doc,
        roles: vec![Role::Free; n],
        lines,
        diags: early_diags,
    };
    let mut event = Event::default();
    let mut presenters: Vec<String> = Vec::new();

    // Dates first: a date line is never an organizer, presenter or title.
    let dates: Vec<Option<date::FoundDate>> = r.lines.iter().map(|l| date::find_date(&l.text)).collect();
    let date_line = dates.iter().position(Option::is_some);

    // Compiler.
    for i in 0..n {
        if let Some(c) = COMPILED.captures(&r.lines[i].text)
            && let Some(m) = c.get(1).or_else(|| c.get(2))
        {
            let v = m.as_str().trim().trim_end_matches('.').trim();
            if !v.is_empty() {
                let name = compiler_name(v);
                if name != v {
                    let span = r.span(i);
                    r.diags.push(Diagnostic::info(
                        "event.compiler-affiliation",
                        format!("Kept \"{name}\" as the compiler and left out the role or affiliation after it."),
                        Some(span),
                    ));
                }
                event.compiled_by = Some(name.to_string());
                r.roles[i] = Role::Compiled;
                r.note_cleaned(i, "compiler");
                break;
            }
        }
    }

    // Labelled lines.
    let mut labelled_title: Option<String> = None;
    for i in 0..n {
        if !r.free(i) {
            continue;
        }
        let text = r.lines[i].text.clone();
        if let Some(m) = TITLE_LABEL.find(&text) {
            labelled_title = Some(strip_quotes(text[m.end()..].trim()).to_string());
            r.roles[i] = Role::Title;
        } else if let Some(m) = ORG_LABEL.find(&text) {
            let rest = text[m.end()..].trim();
            if !rest.is_empty() {
                for part in PARTNER_SEP
                    .split(rest)
                    .map(|p| without_article(p.trim_end_matches('.')))
                {
                    if part.is_empty() {
                        continue;
                    }
                    for org in split_orgs(part).unwrap_or_else(|| vec![part.to_string()]) {
                        let known = |o: &String| without_article(o).eq_ignore_ascii_case(&org);
                        if !event.organizers.iter().any(known) {
                            event.organizers.push(org);
                        }
                    }
                }
                r.roles[i] = Role::Organizer;
                r.note_cleaned(i, "organizer");
            }
        } else if let Some(m) = SPEAKER_LABEL.find(&text) {
            let (names, _) = split_people(text[m.end()..].trim());
            if !names.is_empty() {
                presenters.extend(names);
                r.roles[i] = Role::Presenter;
            }
        } else if OTHER_LABEL.is_match(&text) && Some(i) != date_line {
            r.roles[i] = Role::Label;
        }
    }

    // The "X and Y / Present / Mr. Z / on / Title" layout.
    let present = (0..n).find(|&i| {
        if !r.free(i) || dates[i].is_some() {
            return false;
        }
        let t = r.lines[i].text.to_lowercase();
        let t = t.trim_end_matches([':', '.', ',']).trim();
        if matches!(
            t,
            "present" | "presents" | "jointly present" | "proudly present" | "proudly presents"
        ) {
            return true;
        }
        (t.ends_with(" present") || t.ends_with(" presents"))
            && (i + 1..n)
                .find(|&j| !is_and(&r.lines[j].text))
                .is_some_and(|j| is_name_line(&r.lines[j].text))
    });
    let mut title_after: Option<usize> = None;
    if let Some(p) = present {
        r.roles[p] = Role::Present;
        let mut org_lines: Vec<(usize, String)> = Vec::new();
        for (i, d) in dates.iter().enumerate().take(p) {
            // A heading above the organizers is the document's title, not an organizer.
            if !r.free(i)
                || d.is_some()
                || (r.lines[i].heading && !org_like(&r.lines[i].text))
                || is_generic_heading(&r.lines[i].text)
            {
                continue;
            }
            let text = &r.lines[i].text;
            // Page numbers and running headers (a line repeated below, such
            // as the title at the top of a PDF page) are not organizers.
            let repeated = (p + 1..n).any(|j| &r.lines[j].text == text);
            let no_words = !text.chars().any(char::is_alphabetic);
            if no_words || crate::lexicon::is_page_number(text) || repeated {
                if repeated {
                    let span = r.span(i);
                    r.diags.push(Diagnostic::info(
                        "event.running-header",
                        format!("\"{text}\" is repeated below; read as a running header, not an organizer."),
                        Some(span),
                    ));
                }
                r.roles[i] = Role::Label;
                continue;
            }
            org_lines.push((i, text.clone()));
        }
        if let Some(c) = PRESENT_TAIL.captures(&r.lines[p].text)
            && let Some(prefix) = c.get(1).map(|m| m.as_str().trim().to_string())
            && !prefix.is_empty()
        {
            org_lines.push((p, prefix));
        }
        read_organizers(&mut r, &org_lines, &mut event.organizers);

        // Presenters up to "on".
        let stop = date_line.filter(|&d| d > p).unwrap_or(n);
        let on = (p + 1..stop).find(|&j| r.free(j) && ON_LINE.is_match(&r.lines[j].text));
        let presenter_end = on.unwrap_or(stop);
        let mut last_names = 0;
        for j in p + 1..presenter_end {
            if !r.free(j) || is_and(&r.lines[j].text) {
                if r.free(j) {
                    r.roles[j] = Role::Presenter;
                }
                continue;
            }
            let text = r.lines[j].text.clone();
            if on.is_none() && !is_name_line(&text) {
                break;
            }
            let (names, dropped) = split_people(&text);
            if names.is_empty() {
                if on.is_none() {
                    break;
                }
                // A role line under a presenter's name ("Director-General, ...").
                let span = r.span(j);
                r.diags.push(Diagnostic::info(
                    "event.presenter-affiliation",
                    format!("Read \"{text}\" as a presenter's role, not a name."),
                    Some(span),
                ));
                r.roles[j] = Role::Presenter;
                continue;
            }
            if !dropped.is_empty() {
                let span = r.span(j);
                r.diags.push(Diagnostic::info(
                    "event.presenter-affiliation",
                    format!("Read \"{}\" as the presenter's role, not a name.", dropped.join(", ")),
                    Some(span),
                ));
            }
            last_names = names.len();
            presenters.extend(names);
            r.roles[j] = Role::Presenter;
            r.note_cleaned(j, "presenter");
        }
        if on.is_none() {
            // Without "on", a title in title case looks like a name: when no
            // line is left for the title before the date, the last presenter
            // line without honorific is the title.
            let last = (p + 1..n)
                .rev()
                .find(|&j| r.roles[j] == Role::Presenter && !is_and(&r.lines[j].text));
            let title_left = last.is_some_and(|l| (l + 1..stop).any(|j| r.free(j) && dates[j].is_none()));
            if let Some(l) = last
                && !title_left
                && !starts_with_honorific(&r.lines[l].text)
                && presenters.len() > last_names
            {
                r.roles[l] = Role::Free;
                presenters.truncate(presenters.len() - last_names);
            }
        }
        if let Some(o) = on {
            let t = r.lines[o].text.clone();
            let prefix = ON_LINE.find(&t).map_or("", |m| t[..m.start()].trim());
            if !prefix.is_empty() && is_name_line(prefix) {
                presenters.extend(split_people(prefix).0);
            }
            r.roles[o] = Role::On;
            title_after = Some(o + 1);
        } else {
            title_after = (p + 1..n).find(|&j| r.free(j));
        }
    }

    // Title.
    if let Some(t) = labelled_title.filter(|t| !t.is_empty()) {
        event.title = Some(t);
    } else if let Some(start) = title_after.filter(|&s| s < n && r.free(s) && dates[s].is_none()) {
        let mut title = r.lines[start].text.clone();
        r.roles[start] = Role::Title;
        let mut k = start + 1;
        while k < n && r.free(k) && dates[k].is_none() && times::find_times(&r.lines[k].text, &[]).is_empty() {
            let same_block = r.lines[k].block == r.lines[k - 1].block;
            let next = &r.lines[k].text;
            let continues = title.ends_with([':', '-', '\u{2013}', '\u{2014}'])
                || next.chars().next().is_some_and(char::is_lowercase)
                || (same_block && !is_name_line(next));
            if !continues {
                break;
            }
            title.push(' ');
            title.push_str(next);
            r.roles[k] = Role::Title;
            k += 1;
        }
        r.note_cleaned(start, "title");
        if present.is_some() && r.roles.get(start.wrapping_sub(1)) != Some(&Role::On) {
            let span = r.span(start);
            r.diags.push(Diagnostic::info(
                "event.title-guessed",
                "No \"on\" line before the title: the first line after the presenters was read as the title.",
                Some(span),
            ));
        }
        event.title = Some(strip_quotes(&title).to_string());
    } else {
        // The first prominent line: a heading, else a title-cased line
        // before the date.
        let limit = date_line.unwrap_or(n);
        let pick = (0..n)
            .find(|&i| r.free(i) && dates[i].is_none() && r.lines[i].heading && !is_generic_heading(&r.lines[i].text))
            .or_else(|| {
                // Organization names are title-cased too: prefer a line
                // that is not one.
                let candidates: Vec<usize> = (0..limit)
                    .filter(|&i| {
                        r.free(i)
                            && title_like(&r.lines[i].text)
                            && !is_generic_heading(&r.lines[i].text)
                            && times::find_times(&r.lines[i].text, &[]).is_empty()
                    })
                    .collect();
                candidates
                    .iter()
                    .copied()
                    .find(|&i| !org_like(&r.lines[i].text))
                    .or(candidates.first().copied())
            });
        if let Some(i) = pick
            && present.is_none()
            && event.organizers.is_empty()
        {
            // Organization names above the title are its organizers.
            for (j, dj) in dates.iter().enumerate().take(i) {
                if r.free(j) && dj.is_none() && org_like(&r.lines[j].text) && !r.lines[j].heading {
                    let name = r.lines[j].text.clone();
                    let span = r.span(j);
                    r.diags.push(Diagnostic::info(
                        "event.organizer-guessed",
                        format!("Read \"{name}\", an organization name above the title, as an organizer."),
                        Some(span),
                    ));
                    r.roles[j] = Role::Organizer;
                    event.organizers.push(name);
                }
            }
        }
        if let Some(i) = pick {
            r.roles[i] = Role::Title;
            let span = r.span(i);
            r.diags.push(Diagnostic::info(
                "event.title-guessed",
                format!("Read the prominent line \"{}\" as the title.", r.lines[i].text),
                Some(span),
            ));
            event.title = Some(strip_quotes(&r.lines[i].text).to_string());
        }
    }

    // Date and weekday.
    let mut the_date: Option<Date> = None;
    if let Some(d) = date_line
        && let Some(found) = dates[d].clone()
    {
        the_date = Some(found.date);
        event.date = Some(found.date.to_string());
        event.weekday = found.weekday.clone();
        let span = r.sub_span(d, found.range.0, found.range.1);
        match found.order {
            date::Order::Certain => {}
            date::Order::ByWeekday => r.diags.push(Diagnostic::info(
                "event.date-order",
                format!(
                    "Day and month of the numeric date could be either way; the weekday decided {}.",
                    found.date
                ),
                Some(span),
            )),
            date::Order::AssumedDayFirst => r.diags.push(Diagnostic::warning(
                "event.date-order",
                format!(
                    "Day and month of the numeric date could be either way; read day first ({}).",
                    found.date
                ),
                Some(span),
            )),
        }
        if let (Some(w), Some(written)) = (found.weekday_value, found.weekday.as_deref())
            && w != found.date.weekday()
        {
            r.diags.push(Diagnostic::warning(
                "event.weekday-mismatch",
                format!(
                    "The text says {written}, but {} is a {:?}.",
                    found.date,
                    found.date.weekday()
                ),
                Some(span),
            ));
        }
    }

    // A date line wrapped inside its block ("..., 7:00" / "a.m. New York")
    // is read as one line for its times.
    if let Some(d) = date_line
        && d + 1 < n
        && r.free(d + 1)
        && dates[d + 1].is_none()
        && r.lines[d + 1].block == r.lines[d].block
        && wraps(&r.lines[d].text, &r.lines[d + 1].text)
    {
        let next = r.lines[d + 1].clone();
        let line = &mut r.lines[d];
        line.text.push(' ');
        line.text.push_str(&next.text);
        line.end = next.end;
        line.cleaned = true;
        r.roles[d + 1] = Role::Joined;
    }

    // Times: the date line first, then other lines not read as something else.
    let mut order: Vec<usize> = date_line.into_iter().collect();
    order.extend((0..n).filter(|&i| Some(i) != date_line && (r.free(i) || r.roles[i] == Role::Label)));
    let mut mentions: Vec<(usize, times::TimeMention)> = Vec::new();
    for i in order {
        let skip: Vec<(usize, usize)> = dates[i].iter().map(|d| d.range).collect();
        mentions.extend(times::find_times(&r.lines[i].text, &skip).into_iter().map(|m| (i, m)));
    }
    read_times(&mut r, &mentions, the_date, &mut event);

    // A compiler line outside the front matter ("Rapporteur: X" at the end).
    if event.compiled_by.is_none() {
        for bi in (0..doc.blocks.len()).filter(|b| !blocks.contains(b)) {
            let b = &doc.blocks[bi];
            let Some(text) = doc.text.get(b.content.0..b.content.1) else {
                continue;
            };
            if text.len() > 160 || text.contains('\n') {
                continue;
            }
            let cleaned = clean(text);
            if let Some(c) = COMPILED.captures(&cleaned)
                && let Some(m) = c.get(1).or_else(|| c.get(2))
            {
                let v = m.as_str().trim().trim_end_matches('.').trim();
                if person_like(v) || several_names(v) {
                    let v = compiler_name(v);
                    event.compiled_by = Some(v.to_string());
                    r.diags.push(Diagnostic::info(
                        "event.compiled-by-outside-front-matter",
                        format!("The compiler \"{v}\" was read from a line outside the front matter."),
                        Some(doc.block_span(bi)),
                    ));
                    break;
                }
            }
        }
    }

    // The same organizer named twice (above the title and in an
    // "Organised by" line) is one.
    let mut seen: Vec<String> = Vec::new();
    event.organizers.retain(|o| {
        let key = without_article(o).to_lowercase();
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });

    FrontMatter {
        event,
        presenter_names: presenters,
        diagnostics: r.diags,
    }
}

/// Organizers from the lines before "Present": one per line, "and" lines
/// separate, wrapped lines are joined, "X and Y" is split only when both are
/// clearly organizations.
fn read_organizers(r: &mut Reader, org_lines: &[(usize, String)], out: &mut Vec<String>) {
    let mut groups: Vec<(Vec<usize>, String)> = Vec::new();
    let mut separated = true;
    for (i, text) in org_lines {
        let i = *i;
        r.roles[i] = Role::Organizer;
        let mut t = text.trim();
        if let Some(m) = ORG_LABEL.find(t) {
            t = t[m.end()..].trim();
        }
        if t.is_empty() || is_and(t) || t.eq_ignore_ascii_case("in cooperation with") {
            separated = true;
            continue;
        }
        let (body, trailing_and) = match t.strip_suffix(" and").or_else(|| t.strip_suffix(" &")) {
            Some(b) => (b.trim_end(), true),
            None => (t, false),
        };
        let body = body.strip_prefix("and ").unwrap_or(body).trim();
        let continues = !separated
            && groups.last().is_some_and(|(_, prev)| {
                body.chars().next().is_some_and(char::is_lowercase)
                    || prev
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| word_is(w, LOWER_JOINERS) && w != "and")
            });
        match groups.last_mut() {
            Some((idx, prev)) if continues => {
                prev.push(' ');
                prev.push_str(body);
                idx.push(i);
            }
            _ => groups.push((vec![i], body.to_string())),
        }
        separated = trailing_and;
    }
    for (idx, name) in groups {
        let first = idx.first().copied().unwrap_or(0);
        if idx.len() > 1 {
            let span = r.doc.span(r.lines[first].start, r.lines[idx[idx.len() - 1]].end);
            r.diags.push(Diagnostic::info(
                "event.organizer-joined",
                format!("Lines joined into one organizer name: \"{name}\"."),
                Some(span),
            ));
        }
        for &i in &idx {
            r.note_cleaned(i, "organizer");
        }
        match split_orgs(&name) {
            Some(parts) => {
                let span = r.span(first);
                r.diags.push(Diagnostic::info(
                    "event.organizers-split",
                    format!("\"{name}\" read as {} organizers.", parts.len()),
                    Some(span),
                ));
                out.extend(parts);
            }
            None => out.push(name),
        }
    }
}

/// Resolves the places of the time mentions and computes the start instant.
fn read_times(r: &mut Reader, mentions: &[(usize, times::TimeMention)], date: Option<Date>, event: &mut Event) {
    struct Entry {
        line: usize,
        local: LocalTime,
        hour: i8,
        minute: i8,
        zone: Option<zones::Resolved>,
        span: Span,
    }
    let mut entries: Vec<Entry> = Vec::new();
    for (i, m) in mentions {
        let i = *i;
        let Some((a, b)) = m.place else {
            if mentions.iter().all(|(_, o)| o.place.is_none()) {
                let span = r.sub_span(i, m.range.0, m.range.1);
                r.diags.push(Diagnostic::warning(
                    "event.time-without-zone",
                    format!(
                        "The time {:02}:{:02} names no place or zone; the start instant is unknown.",
                        m.hour, m.minute
                    ),
                    Some(span),
                ));
            }
            continue;
        };
        let place = r.lines[i].text.get(a..b).unwrap_or("").trim().to_string();
        let span = r.sub_span(i, m.range.0, b);
        let zone = zones::resolve(&place);
        entries.push(Entry {
            line: i,
            local: LocalTime {
                place,
                local: format!("{:02}:{:02}", m.hour, m.minute),
                time_zone: zone.as_ref().and_then(|z| z.id.clone()),
                utc_offset: None,
            },
            hour: m.hour,
            minute: m.minute,
            zone,
            span,
        });
    }

    let mut first: Option<(Timestamp, String)> = None;
    let mut disagree: Vec<String> = Vec::new();
    for e in &mut entries {
        let Some(z) = &e.zone else {
            r.diags.push(Diagnostic::warning(
                "event.zone-unresolved",
                format!("The place \"{}\" could not be matched to a time zone.", e.local.place),
                Some(e.span),
            ));
            continue;
        };
        match &z.source {
            zones::Source::Database => r.diags.push(Diagnostic::info(
                "event.zone-from-database",
                format!(
                    "\"{}\" read as the zone {} by its city name.",
                    e.local.place,
                    z.id.as_deref().unwrap_or("?")
                ),
                Some(e.span),
            )),
            zones::Source::Abbreviation { also: Some(also), .. } => r.diags.push(Diagnostic::warning(
                "event.zone-abbreviation-ambiguous",
                format!(
                    "\"{}\" is ambiguous (also {also}); read as {}.",
                    e.local.place,
                    z.id.as_deref().unwrap_or("?")
                ),
                Some(e.span),
            )),
            _ => {}
        }
        let Some(d) = date else {
            // Without a date only a fixed offset is known.
            if z.source == zones::Source::Offset
                && let Ok(o) = z.tz.to_fixed_offset()
            {
                e.local.utc_offset = Some(fmt_offset(o));
            }
            continue;
        };
        let at = |day: Date| -> Option<(Timestamp, bool)> {
            let amb = z.tz.to_ambiguous_timestamp(day.at(e.hour, e.minute, 0, 0));
            let unclear = !matches!(amb.offset(), AmbiguousOffset::Unambiguous { .. });
            amb.compatible().ok().map(|ts| (ts, unclear))
        };
        let chosen = match &first {
            None => at(d),
            Some((ts0, _)) => {
                // Another place may be on the day before or after.
                let days = [Some(d), d.yesterday().ok(), d.tomorrow().ok()];
                let cands: Vec<(Timestamp, bool)> = days.iter().flatten().filter_map(|&day| at(day)).collect();
                cands
                    .iter()
                    .copied()
                    .find(|(ts, _)| ts == ts0)
                    .or_else(|| cands.first().copied())
            }
        };
        let Some((ts, unclear)) = chosen else { continue };
        let info = z.tz.to_offset_info(ts);
        e.local.utc_offset = Some(fmt_offset(info.offset()));
        if unclear {
            r.diags.push(Diagnostic::warning(
                "event.local-time-ambiguous",
                format!(
                    "{} in {} falls in a daylight-saving change; the earlier reading was used.",
                    e.local.local, e.local.place
                ),
                Some(e.span),
            ));
        }
        if let zones::Source::Abbreviation { dst: Some(dst), .. } = z.source
            && dst != info.dst().is_dst()
        {
            r.diags.push(Diagnostic::warning(
                "event.zone-abbreviation-season",
                format!(
                    "\"{}\" names {} time, but on that date {} observes {} time (UTC{}); the zone's rule was used.",
                    e.local.place,
                    if dst { "daylight-saving" } else { "standard" },
                    z.id.as_deref().unwrap_or("the zone"),
                    if dst { "standard" } else { "daylight-saving" },
                    fmt_offset(info.offset())
                ),
                Some(e.span),
            ));
        }
        match &first {
            None => first = Some((ts, e.local.place.clone())),
            Some((ts0, _)) if *ts0 != ts => disagree.push(format!("{} {}", e.local.local, e.local.place)),
            Some(_) => {}
        }
    }
    if date.is_none() && entries.iter().any(|e| e.zone.is_some()) {
        let span = entries.first().map(|e| e.span);
        r.diags.push(Diagnostic::warning(
            "event.no-date-for-times",
            "Times are given but no date was found: offsets and the start instant are unknown.",
            span,
        ));
    }
    if let Some((ts0, place0)) = &first {
        event.start_utc = Some(fmt_utc(*ts0));
        if !disagree.is_empty() {
            let span = entries.first().map(|e| {
                let last = entries.last().map_or(e.span.end, |l| l.span.end);
                let same = entries.iter().all(|x| x.line == e.line);
                if same {
                    r.doc.span(e.span.start, last.max(e.span.end))
                } else {
                    e.span
                }
            });
            r.diags.push(Diagnostic::warning(
                "event.times-disagree",
                format!(
                    "These times do not name the same instant as {place0} ({}): {}; the first was kept.",
                    fmt_utc(*ts0),
                    disagree.join(", ")
                ),
                span,
            ));
        }
    }
    event.local_times = entries.into_iter().map(|e| e.local).collect();
}

#[cfg(test)]
mod tests;
