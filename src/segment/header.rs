//! Speaker-header lines: honorific + name + affiliation, names without an
//! honorific, "Question:"/"Answer:" labels, and the name mentions in body
//! text that tell where a name ends.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{self, is_affiliation_word, is_all_caps, is_name_word, is_particle};
use crate::text::Normalized;

/// A name mention in running text: an honorific and the name words after
/// it ("Mr. Tanaka's" -> tokens `["Tanaka"]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the mention (honorific to last name word) in the text
    /// that was scanned.
    pub start: usize,
    pub end: usize,
    pub honorific: String,
    /// Up to three name words, the last one without a possessive.
    pub tokens: Vec<String>,
    /// True when the name words are followed by another capitalized word
    /// (the mention may be the start of a header rather than a reference).
    pub open: bool,
}

/// Finds honorific + name mentions in `s`.
pub fn find_mentions(s: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut skip_to = 0;
    // Only an ASCII capital that may open an honorific is tried: the byte
    // scan skips every other character (an ASCII byte is always a character
    // boundary).
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(k) = bytes
        .get(from..)
        .and_then(|b| b.iter().position(|&b| lexicon::may_start_honorific(b)))
    {
        let i = from + k;
        from = i + 1;
        if i < skip_to {
            continue;
        }
        // The character before: an ASCII byte is one, else decode it.
        let at_word = match i.checked_sub(1).and_then(|p| bytes.get(p)) {
            None => true,
            Some(&p) if p.is_ascii() => char::from(p).is_whitespace() || matches!(p, b'(' | b'"' | b'[' | b'/'),
            Some(_) => s[..i]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || matches!(p, '“' | '‘')),
        };
        if !at_word {
            continue;
        }
        let Some((honorific, off)) = lexicon::leading_honorific(&s[i..]) else {
            continue;
        };
        let base = i + off;
        let mut words: Vec<String> = Vec::new();
        let mut end = base;
        let mut open = false;
        // At most 7 tokens are read (3 particles, 3 name words, one more)
        // and a particle looks ahead to the next non-particle: collect just
        // that much. Tokenizing the whole rest of the block for every
        // mention made long paragraphs quadratic.
        let toks = head_tokens(&s[base..]);
        let mut particles = 0;
        for (j, &(k, tok)) in toks.iter().enumerate() {
            let core = tok.trim_end_matches([',', '.', ';', ':', ')', '?', '!', '"', '”', '’']);
            let core = if lexicon::is_initial(tok) { tok } else { core };
            let core = lexicon::strip_possessive(core);
            // "Dr van der Berg", "Ms. Ana de la Cruz": particles followed by
            // a name word are part of the name and do not count as words.
            if core == tok && is_particle(core) && particles < 3 {
                let next = toks[j + 1..].iter().map(|t| t.1).find(|t| !is_particle(t));
                if next.is_some_and(|t| is_name_word(t.trim_end_matches([',', '.', ';', ':', ')', '\'']))) {
                    particles += 1;
                    words.push(core.to_string());
                    continue;
                }
            }
            let is_name = is_name_word(core) && (!core.contains('.') || lexicon::is_initial(core));
            if !is_name {
                break;
            }
            if words.len() - particles >= 3 {
                open = true;
                break;
            }
            words.push(core.to_string());
            end = base + k + core.len();
            if core.len() != tok.len() && !lexicon::is_initial(tok) {
                break;
            }
        }
        while words.last().is_some_and(|w| is_particle(w)) {
            words.pop();
        }
        if !words.is_empty() {
            skip_to = end;
            out.push(Mention {
                start: i,
                end,
                honorific,
                tokens: words,
                open,
            });
        }
    }
    out
}

/// How often each name word (folded) is mentioned alone after an honorific
/// in running text ("Mr. Tanaka noted"): evidence that it is a family
/// name.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    single: HashMap<String, usize>,
    /// Mentions of two or three words, folded and joined by a space.
    multi: HashMap<String, usize>,
    /// Every mention found in each block's content ([`find_mentions`] of
    /// `doc.content(i)`), kept so that later readers need not scan again.
    blocks: Vec<Vec<Mention>>,
}

impl Mentions {
    /// Counts single-word mentions in every block of the document.
    pub fn build(doc: &Normalized) -> Self {
        let mut single = HashMap::new();
        let mut multi = HashMap::new();
        let mut blocks = Vec::with_capacity(doc.blocks.len());
        for i in 0..doc.blocks.len() {
            let content = doc.content(i);
            let found = find_mentions(content);
            for m in &found {
                if followed_by_name(content, m.end) {
                    continue;
                }
                if m.tokens.len() == 1 {
                    *single.entry(lexicon::fold(&m.tokens[0])).or_insert(0) += 1;
                } else {
                    let key = m.tokens.iter().map(|t| lexicon::fold(t)).collect::<Vec<_>>().join(" ");
                    *multi.entry(key).or_insert(0) += 1;
                }
            }
            blocks.push(found);
            count_rank_mentions(content, &mut single, &mut multi);
        }
        Mentions { single, multi, blocks }
    }

    /// The mentions found in the content of block `i` (offsets relative to
    /// the content), when these counts were built from that block.
    pub fn in_block(&self, i: usize) -> Option<&[Mention]> {
        self.blocks.get(i).map(Vec::as_slice)
    }

    /// The number of blocks these mentions were found in.
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    /// Number of mentions of exactly these words ("Mendoza Ruiz").
    pub fn count_words(&self, words: &[String]) -> usize {
        let key = words.iter().map(|t| lexicon::fold(t)).collect::<Vec<_>>().join(" ");
        self.multi.get(&key).copied().unwrap_or(0)
    }

    /// Number of single-word mentions of `tok`.
    pub fn count(&self, tok: &str) -> usize {
        self.single.get(lexicon::fold_cow(tok).as_ref()).copied().unwrap_or(0)
    }
}

/// Counts the mentions after a rank or office that opens a sentence
/// ("General Gómez Costa asked ...", [`lexicon::RANK_TITLES`]): the title,
/// one to three name words (particles inside), then a lower-case word.
/// They are not [`Mention`]s (the title also opens "General Assembly
/// resolutions ..."), but they are evidence of how the person is addressed.
fn count_rank_mentions(s: &str, single: &mut HashMap<String, usize>, multi: &mut HashMap<String, usize>) {
    let toks: Vec<&str> = s.split_whitespace().collect();
    for k in 0..toks.len() {
        let opens = k == 0 || toks[k - 1].ends_with(['.', '?', '!']);
        if !opens || !lexicon::RANK_TITLES.contains(&toks[k]) {
            continue;
        }
        let run: Vec<&str> = toks[k + 1..]
            .iter()
            .take(4)
            .take_while(|t| is_name_word(t) || is_particle(t))
            .copied()
            .collect();
        let verb = toks.get(k + 1 + run.len());
        if run.is_empty()
            || run.len() > 3
            || !run.last().is_some_and(|t| is_name_word(t))
            || run.iter().any(|t| is_affiliation_word(t))
            || !verb.is_some_and(|v| lexicon::starts_lowercase(v) && !is_particle(v))
        {
            continue;
        }
        if run.len() == 1 {
            *single.entry(lexicon::fold(run[0])).or_insert(0) += 1;
        } else {
            let key = run.iter().map(|t| lexicon::fold(t)).collect::<Vec<_>>().join(" ");
            *multi.entry(key).or_insert(0) += 1;
        }
    }
}

/// True when the word after byte `at` of `s` is a capitalized word
/// (so a one-word mention might be the start of a longer name).
fn followed_by_name(s: &str, at: usize) -> bool {
    let Some(rest) = s.get(at..) else { return false };
    if !rest.starts_with(' ') {
        return false;
    }
    rest.split_whitespace()
        .next()
        .is_some_and(|w| is_name_word(w.trim_end_matches([',', '.'])))
}

/// A name read from a header, with its honorific and affiliation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedName {
    pub honorific: Option<String>,
    /// The name as written ("Akira TANAKA").
    pub name: String,
    pub affiliation: Option<String>,
    /// True when the name/affiliation boundary was a default guess.
    pub guessed: bool,
}

/// What a line that starts with an honorific is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineShape {
    /// Not a header: no honorific, no name, or a sentence ("Mr. Ito noted").
    NotHeader,
    /// Honorific and name only.
    NameOnly(ParsedName),
    /// Honorific, name and affiliation.
    WithAffiliation(ParsedName),
    /// "Mr. Ito: text": the body starts at this byte offset of the line.
    Inline(ParsedName, usize),
}

/// Whitespace-separated tokens with their byte offsets.
pub(crate) fn tokens(s: &str) -> Vec<(usize, &str)> {
    token_iter(s).collect()
}

/// The first tokens of `s`: eight, then on to the next token that is not a
/// particle. Enough for every reader of a name (at most seven tokens, and a
/// particle's look-ahead to the next non-particle), without tokenizing the
/// rest of a long paragraph.
fn head_tokens(s: &str) -> Vec<(usize, &str)> {
    let mut toks: Vec<(usize, &str)> = Vec::with_capacity(10);
    for t in token_iter(s) {
        let enough = toks.len() >= 8 && !is_particle(t.1);
        toks.push(t);
        if enough {
            break;
        }
    }
    toks
}

/// The tokens of [`tokens`], one at a time.
fn token_iter(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
        let &(start, _) = chars.peek()?;
        let mut end = s.len();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, &s[start..end]))
    })
}

/// The run of name-like words at the start of `toks`: their count, and the
/// terminator (`,`, `:`, `;`) that closed the run, if any.
///
/// After an honorific the name may open with a lower-case particle ("Mr.
/// van der Berg", "Dr. de Souza").
fn name_run(toks: &[(usize, &str)], after_honorific: bool) -> (usize, Option<char>) {
    let mut n = 0;
    while n < toks.len() && n < 6 {
        let tok = toks[n].1;
        let term = tok.chars().last().filter(|c| matches!(c, ',' | ':' | ';'));
        let core = tok.trim_end_matches([',', ':', ';']);
        // A particle continues the name when a name word follows it,
        // perhaps after more particles ("van der Berg", "de la Cruz").
        let is_name = is_name_word(core)
            || ((n > 0 || after_honorific) && is_particle(core) && term.is_none() && {
                let after: Vec<&str> = toks[n + 1..]
                    .iter()
                    .map(|t| t.1)
                    .skip_while(|t| is_particle(t))
                    .take(1)
                    .collect();
                toks[n + 1..].iter().take_while(|t| is_particle(t.1)).count() <= 2
                    && after
                        .first()
                        .is_some_and(|t| is_name_word(t.trim_end_matches([',', ':', ';'])))
            });
        if !is_name {
            return (n, None);
        }
        n += 1;
        if term.is_some() {
            return (n, term);
        }
    }
    (n, None)
}

/// How many of the `n` name-like words `toks[..n]` are the name.
/// Returns (k, guessed).
fn split_name(toks: &[&str], mentions: &Mentions, honorific: bool) -> (usize, bool) {
    let n = toks.len();
    if n <= 1 {
        return (n, false);
    }
    let core = |t: &str| t.trim_end_matches([',', ':', ';']).to_string();
    // 1. Evidence from running text: "Mr. Ito" marks Ito as the family name.
    if honorific {
        for (i, t) in toks.iter().enumerate().take(6) {
            let c = core(t);
            if is_affiliation_word(&c) && i > 0 {
                break;
            }
            if is_particle(&c) {
                continue;
            }
            let run_at_from = |a: usize, k: usize| -> Vec<String> { toks[a..=k].iter().map(|t| core(t)).collect() };
            let run_at = |k: usize| run_at_from(i, k);
            // A run that text writes whole more often than its first word
            // alone ("Professor Rocha Castro" but never "Professor Rocha").
            let whole_run = |k: usize| {
                k < n && !is_affiliation_word(&core(toks[k])) && mentions.count_words(&run_at(k)) > mentions.count(&c)
            };
            // A family name that opens with particles is mentioned with
            // them ("Ambassador de Vries"): the particles and the word.
            let lead = toks[..i].iter().rev().take_while(|t| is_particle(&core(t))).count();
            let with_particles = lead > 0 && mentions.count_words(&run_at_from(i - lead, i)) > 0;
            if mentions.count(&c) > 0 || with_particles || whole_run(i + 1) {
                // A patronymic goes on through its link and the father's
                // name ("Rashid bin Ahmad", addressed as "Dr. Rashid").
                if i + 2 < n && lexicon::is_patronymic_link(&core(toks[i + 1])) {
                    return (i + 3, false);
                }
                // A double family name that text writes whole ("Dr.
                // Ramírez Ortega") ends after its second word.
                let mut k = i + 1;
                while whole_run(k) {
                    k += 1;
                }
                if i >= 1 || k > i + 1 {
                    return (k, false);
                }
                // Family name first: the family and one given name.
                let second = core(toks[1]);
                return (if is_affiliation_word(&second) { 1 } else { 2 }, false);
            }
        }
    }
    // 2. A patronymic runs through its link and the father's name
    // ("Faisal bin Abdullah African Union Commission").
    if n >= 3 && lexicon::is_patronymic_link(&core(toks[1])) && !is_affiliation_word(&core(toks[2])) {
        return (3, false);
    }
    // A role or organization word starts the affiliation; after a family
    // name first in capitals and one given name ("MORI Takeshi Stimson
    // Center"), the affiliation starts right after the given name.
    if let Some(i) = (1..n.min(5)).find(|&i| is_affiliation_word(&core(toks[i]))) {
        let family_first = i > 2 && is_all_caps(&core(toks[0])) && !is_all_caps(&core(toks[1]));
        return (if family_first { 2 } else { i }, false);
    }
    // 3. An all-caps family name ends (or, first, starts) the name.
    // Particles before it belong to it ("Jan van der BERG").
    let max_at = 3 + toks.iter().take(5).filter(|t| is_particle(&core(t))).count();
    if let Some(i) = (0..n.min(max_at)).find(|&i| is_all_caps(&core(toks[i]))) {
        if i == 0 {
            let second = core(toks[1]);
            return (if is_all_caps(&second) { 1 } else { 2 }, false);
        }
        let mut k = i + 1;
        while k < n.min(4) && is_all_caps(&core(toks[k])) {
            k += 1;
        }
        return (k, false);
    }
    // 4. Default: given and family name, with initials and particles.
    let mut k = 2;
    while k < n.min(6) {
        let prev = core(toks[k - 1]);
        if lexicon::is_initial(&prev) || is_particle(&prev) {
            k += 1;
        } else {
            break;
        }
    }
    (k.min(n), n > k)
}

/// Trims separators around an affiliation and unwraps "(...)".
pub(crate) fn clean_affiliation(s: &str) -> Option<String> {
    let t = s.trim().trim_start_matches([',', ';', ':', '–', '—', '-', ' ']).trim();
    let t = match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) if parens_balanced(inner) => inner,
        _ => t,
    };
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// True when every ")" in `s` closes an earlier "(" and all are closed, so
/// that "(Chief of Staff (ret.), Nigeria)" unwraps but "(a) and (b)" does not.
fn parens_balanced(s: &str) -> bool {
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

/// Reads a line that may be a speaker header opening with an honorific.
pub fn parse_honorific_line(s: &str, mentions: &Mentions) -> LineShape {
    let Some((honorific, at)) = lexicon::leading_honorific(s) else {
        return LineShape::NotHeader;
    };
    let rest = &s[at..];
    // `name_run` reads at most 6 tokens and looks past particles: the head
    // of the line is enough.
    let toks = head_tokens(rest);
    let (n, term) = name_run(&toks, true);
    if n == 0 {
        return LineShape::NotHeader;
    }
    let words: Vec<&str> = toks[..n].iter().map(|t| t.1).collect();
    let next = toks.get(n).map(|t| t.1);
    let (k, guessed) = split_name(&words, mentions, true);
    // A run closed by a separator or by the end of the line is the name
    // unless evidence (mention, role word, all-caps) says where it ends.
    // A bracket or dash after the run sets the affiliation off as a
    // separator does ("Beatriz Vidal Ribeiro (Deputy Head ...)").
    let set_off = next.is_some_and(|w| w.starts_with('(') || matches!(w, "–" | "—" | "-"));
    let closed = (term.is_some() || set_off) && n <= 3 || next.is_none() && term.is_none() && n <= 4;
    let (k, guessed) = if guessed && closed { (n, false) } else { (k, guessed) };
    let k = k.clamp(1, n);
    // A lower-case word right after the whole name: a sentence ("Mr. Ito
    // noted", "Mr. Yuki Mori is").
    if k == n
        && term.is_none()
        && let Some(w) = next
        && (lexicon::starts_lowercase(w) && !is_particle(w) || w.starts_with(|c: char| c.is_ascii_digit()))
    {
        return LineShape::NotHeader;
    }
    let name_end = toks[k - 1].0 + toks[k - 1].1.trim_end_matches([',', ':', ';']).len();
    let name = rest[..name_end].to_string();
    let after = &rest[name_end..];
    let parsed = |affiliation| ParsedName {
        honorific: Some(honorific.clone()),
        name: name.clone(),
        affiliation,
        guessed,
    };
    // "Mr. Ito: text" or "Mr. Ito (UN): text".
    if let Some(colon) = inline_colon(after) {
        let body_at = at + name_end + colon;
        let affil = clean_affiliation(&after[..colon.saturating_sub(1)]);
        if s[body_at..].trim().is_empty() {
            return LineShape::NameOnly(parsed(affil));
        }
        return LineShape::Inline(
            parsed(affil),
            body_at + (s[body_at..].len() - s[body_at..].trim_start().len()),
        );
    }
    // Header and body in one paragraph: the body opens by naming the
    // speaker ("... United Nations Mr. Ito presented ...").
    if let Some(m) = self_mention(after, &name) {
        let body_at = at + name_end + m;
        return LineShape::Inline(parsed(clean_affiliation(&after[..m])), body_at);
    }
    match clean_affiliation(after) {
        None => LineShape::NameOnly(parsed(None)),
        Some(a) => LineShape::WithAffiliation(parsed(Some(a))),
    }
}

/// Byte offset in `s` of the first mention of a word of `name` after an
/// honorific that opens a sentence ("Mr. Ito presented"), if any.
pub fn self_mention(s: &str, name: &str) -> Option<usize> {
    self_mention_in(s, &find_mentions(s), name)
}

/// [`self_mention`] with the mentions of `s` already found.
pub fn self_mention_in(s: &str, mentions: &[Mention], name: &str) -> Option<usize> {
    let words: Vec<String> = name.split_whitespace().map(lexicon::fold).collect();
    mentions.iter().find_map(|m| {
        let ours = m.tokens.iter().any(|t| {
            let t = lexicon::fold_cow(t);
            words.iter().any(|w| *w == t)
        });
        let next = s.get(m.end..)?.split_whitespace().next()?;
        (ours && m.start > 0 && lexicon::starts_lowercase(next) && !is_particle(next)).then_some(m.start)
    })
}

/// If `after` (the text after a name) is `:` or `(...):` followed by text,
/// the offset just past the colon.
fn inline_colon(after: &str) -> Option<usize> {
    let t = after.trim_start();
    let lead = after.len() - t.len();
    if t.starts_with(':') {
        return Some(lead + 1);
    }
    if t.starts_with('(')
        && let Some(close) = t.find(')')
        && t[close + 1..].trim_start().starts_with(':')
    {
        let colon = close + 1 + t[close + 1..].find(':')?;
        return Some(lead + colon + 1);
    }
    None
}

/// Reads a line that may be a header without honorific: two to four name
/// words, then the end of the line or a separated affiliation
/// ("Akira Tanaka, Director-General, Ministry of Health").
pub fn parse_plain_line(s: &str, mentions: &Mentions) -> Option<ParsedName> {
    // A line closed by a sentence end, a colon or a semicolon (a list
    // entry's continuation, "Police Officers (max 12);") is no header.
    if !lexicon::at_most_words(s, 25) || lexicon::ends_sentence(s) || s.trim_end().ends_with([':', ';']) {
        return None;
    }
    let toks = tokens(s);
    let (n, term) = name_run(&toks, false);
    if n < 2 {
        return None;
    }
    let first = toks[0].1.trim_end_matches([',', ':', ';']);
    let opener = first.to_lowercase();
    if is_affiliation_word(first)
        || COMMON_OPENERS.contains(&opener.as_str())
        || lexicon::MONTHS.contains(&opener.as_str())
    {
        return None;
    }
    let words: Vec<&str> = toks[..n].iter().map(|t| t.1).collect();
    let next = toks.get(n).map(|t| t.1);
    if term.is_none()
        && let Some(w) = next
        && !w.starts_with(['(', '–', '—', '-'])
    {
        // Without an honorific the affiliation must be set off: by a
        // separator, or by a role or organization word that opens it after
        // a name of two words or more ("KIM Min-jun University of Ghana",
        // a name line and an affiliation line run together).
        let inner = words[2.min(n)..]
            .iter()
            .any(|t| is_affiliation_word(t.trim_end_matches([',', ':', ';'])));
        if !is_affiliation_word(w) && !inner {
            return None;
        }
    }
    let (k, guessed) = split_name(&words, mentions, false);
    let closed = (term.is_some() || next.is_none()) && n <= 4;
    let (k, guessed) = if guessed && closed { (n, false) } else { (k, guessed) };
    if !(2..=4).contains(&k) {
        return None;
    }
    let name_end = toks[k - 1].0 + toks[k - 1].1.trim_end_matches([',', ':', ';']).len();
    Some(ParsedName {
        honorific: None,
        name: s[..name_end].to_string(),
        affiliation: clean_affiliation(&s[name_end..]),
        guessed,
    })
}

/// Capitalized words that open titles and sentences, not names (and the
/// month names of [`lexicon::MONTHS`]).
const COMMON_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "for",
    "and",
    "part",
    "session",
    "section",
    "chapter",
    "report",
    "question",
    "questions",
    "answer",
    "answers",
    "discussion",
    "presentation",
    "summary",
    "introduction",
    "closing",
    "opening",
    "welcome",
    "remarks",
    "panel",
    "keynote",
    "this",
    "that",
    "these",
    "there",
    "it",
    "we",
    "he",
    "she",
    "they",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<label>Questions?|Answers?|Q|A|Comments?|Responses?|Reply|Replies|Remarks?|Intervention)
          (?:\s+\d{1,3})?
          (?:\s*\((?P<paren>[^)]{1,160})\)|\s+(?:from|by)\s+(?P<by>[^:]{1,160}?))?
          \s*[:：]\s*(?P<rest>.*)$",
    )
    .expect("regex")
});

/// A "Question:"/"Answer:" label, with the name it gives, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// "Question", "Answer", ...
    pub label: String,
    /// The header part as written ("Question (Ms. Mori):").
    pub header: String,
    pub person: Option<ParsedName>,
    /// Byte offset of the inline body, if text follows the colon.
    pub body_at: Option<usize>,
}

/// Reads a "Question:"/"Answer (Mr. Ito):" label line.
pub fn parse_label(s: &str, mentions: &Mentions) -> Option<Label> {
    // Every label word starts with one of these capitals (LABEL is case
    // sensitive).
    if !s.starts_with(['Q', 'A', 'C', 'R', 'I']) {
        return None;
    }
    let c = LABEL.captures(s)?;
    let label = c.name("label")?.as_str().to_string();
    let rest = c.name("rest")?;
    let who = c.name("paren").or(c.name("by")).map(|m| m.as_str().trim());
    let person = who.and_then(|w| match parse_honorific_line(w, mentions) {
        LineShape::NameOnly(p) | LineShape::WithAffiliation(p) => Some(p),
        _ => parse_plain_line(w, mentions).or_else(|| {
            // A bare name inside the parentheses: "Answer (Tanaka):".
            let toks: Vec<&str> = w.split([',', ';']).next()?.split_whitespace().collect();
            (!toks.is_empty() && toks.len() <= 4 && toks.iter().all(|t| is_name_word(t))).then(|| ParsedName {
                honorific: None,
                name: toks.join(" "),
                affiliation: w.split_once(',').and_then(|(_, a)| clean_affiliation(a)),
                guessed: false,
            })
        }),
    });
    let mut body_at = (!rest.as_str().trim().is_empty()).then_some(rest.start());
    let mut person = person;
    // "Q: Rev. Tom Hill (Pax Christi): Is ...": the label before an inline
    // speaker header names the speaker.
    if who.is_none()
        && let LineShape::Inline(p, at) = parse_honorific_line(rest.as_str(), mentions)
    {
        person = Some(p);
        body_at = Some(rest.start() + at);
    }
    let header = s[..body_at.unwrap_or(rest.start())].trim_end().to_string();
    Some(Label {
        label,
        header,
        person,
        body_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_offsets_across_odd_white_space() {
        let s = "  Mr.\u{2003}Ito\t spoke,\n  then  ";
        assert_eq!(tokens(s), vec![(2, "Mr."), (8, "Ito"), (13, "spoke,"), (22, "then")]);
        assert!(tokens(" \t ").is_empty());
        assert_eq!(tokens("x"), vec![(0, "x")]);
    }

    #[test]
    fn mentions_are_kept_per_block() {
        let doc = crate::normalize::normalize(&crate::text::RawText {
            pages: vec!["Mr. Ito spoke.\n\nNobody here.\n\nDr. Ann Lee and Ms. Mori agreed.".to_string()],
            paged: false,
            diagnostics: vec![],
        });
        let m = Mentions::build(&doc);
        assert_eq!(m.block_count(), doc.blocks.len());
        for i in 0..doc.blocks.len() {
            assert_eq!(m.in_block(i), Some(&find_mentions(doc.content(i))[..]));
        }
        assert_eq!(m.in_block(2).map(<[Mention]>::len), Some(2));
        assert_eq!(m.in_block(3), None);
    }

    fn mentions(words: &[&str]) -> Mentions {
        Mentions {
            single: words.iter().map(|w| (w.to_lowercase(), 1)).collect(),
            multi: HashMap::new(),
            blocks: Vec::new(),
        }
    }

    fn with_aff(s: &str, m: &Mentions) -> (String, Option<String>) {
        match parse_honorific_line(s, m) {
            LineShape::WithAffiliation(p) | LineShape::NameOnly(p) => (p.name, p.affiliation),
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn name_and_affiliation_split_by_mentions() {
        let m = mentions(&["Ranganathan", "Hasegawa"]);
        assert_eq!(
            with_aff("Ms. Vasanti Ranganathan Resource Head, Lake View Center", &m),
            (
                "Vasanti Ranganathan".into(),
                Some("Resource Head, Lake View Center".into())
            )
        );
        assert_eq!(
            with_aff("Mr. Hasegawa Sukehiro Former Special Representative", &m),
            ("Hasegawa Sukehiro".into(), Some("Former Special Representative".into()))
        );
    }

    #[test]
    fn parenthesized_affiliations_unwrap_when_balanced() {
        assert_eq!(
            clean_affiliation("(Chief of Defence Staff (ret.), Nigeria)").as_deref(),
            Some("Chief of Defence Staff (ret.), Nigeria")
        );
        assert_eq!(
            clean_affiliation(" – (Adviser, UNDP)").as_deref(),
            Some("Adviser, UNDP")
        );
        assert_eq!(clean_affiliation("(a) and (b)").as_deref(), Some("(a) and (b)"));
        let m = Mentions::default();
        assert_eq!(
            with_aff("Gen. Sam Obi (Chief of Staff (ret.), Nigeria)", &m),
            ("Sam Obi".into(), Some("Chief of Staff (ret.), Nigeria".into()))
        );
    }

    #[test]
    fn mentions_with_particles() {
        let ms = find_mentions("Dr van der Berg said so, and Ms. Ana de la Cruz agreed with Mr. van Rooyen.");
        let toks: Vec<Vec<&str>> = ms
            .iter()
            .map(|m| m.tokens.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            toks,
            [
                vec!["van", "der", "Berg"],
                vec!["Ana", "de", "la", "Cruz"],
                vec!["van", "Rooyen"]
            ]
        );
    }

    #[test]
    fn patronymics_particles_and_brackets_end_the_name() {
        let none = Mentions::default();
        assert_eq!(
            with_aff("Maj. Gen. Faisal bin Abdullah African Union Commission", &none),
            ("Faisal bin Abdullah".into(), Some("African Union Commission".into()))
        );
        let doc = crate::normalize::normalize(&crate::text::RawText {
            pages: vec!["Ambassador de Vries opened the session.".to_string()],
            paged: false,
            diagnostics: vec![],
        });
        let m = Mentions::build(&doc);
        assert_eq!(
            with_aff("Amb. Kwame de Vries Clingendael Institute", &m),
            ("Kwame de Vries".into(), Some("Clingendael Institute".into()))
        );
        assert_eq!(
            with_aff("Maj. Gen. Beatriz Vidal Ribeiro (Deputy Head of Mission)", &none),
            ("Beatriz Vidal Ribeiro".into(), Some("Deputy Head of Mission".into()))
        );
    }

    #[test]
    fn rank_titles_opening_a_sentence_count_as_mentions() {
        let doc = crate::normalize::normalize(&crate::text::RawText {
            pages: vec![
                "General Whitfield added a point. General Gómez Costa asked. General Assembly resolutions.".to_string(),
            ],
            paged: false,
            diagnostics: vec![],
        });
        let m = Mentions::build(&doc);
        assert_eq!(m.count("Whitfield"), 1);
        assert_eq!(m.count_words(&["Gómez".to_string(), "Costa".to_string()]), 1);
        assert_eq!(m.count("Assembly"), 0);
    }

    #[test]
    fn names_with_particles() {
        let m = Mentions::default();
        assert_eq!(
            with_aff("Dr Jan van der BERG, Senior Researcher, Peace Institute", &m),
            (
                "Jan van der BERG".into(),
                Some("Senior Researcher, Peace Institute".into())
            )
        );
        assert_eq!(
            with_aff("Ambassador Maria de la CRUZ, Permanent Representative", &m),
            ("Maria de la CRUZ".into(), Some("Permanent Representative".into()))
        );
        assert_eq!(
            with_aff("Ms. Ana de la Cruz Director, Peace Fund", &m),
            ("Ana de la Cruz".into(), Some("Director, Peace Fund".into()))
        );
    }

    #[test]
    fn name_and_affiliation_split_by_role_words_and_caps() {
        let m = Mentions::default();
        assert_eq!(
            with_aff("Dr. Amina Diallo Senior Fellow, Institute of Peace", &m),
            ("Amina Diallo".into(), Some("Senior Fellow, Institute of Peace".into()))
        );
        assert_eq!(
            with_aff("Prof. Maria GARCIA LOPEZ Chair of Economics", &m),
            ("Maria GARCIA LOPEZ".into(), Some("Chair of Economics".into()))
        );
        assert_eq!(
            with_aff("Mr. TANAKA Hiroshi Kobe", &m),
            ("TANAKA Hiroshi".into(), Some("Kobe".into()))
        );
        assert_eq!(
            with_aff("H.E. Ms. Jane Roe, Permanent Representative", &m),
            ("Jane Roe".into(), Some("Permanent Representative".into()))
        );
        assert_eq!(with_aff("Mr. Naoto HISAJIMA", &m), ("Naoto HISAJIMA".into(), None));
        assert_eq!(
            with_aff("Mr. Taro Nishikawa Master's student at Hertie School", &m),
            (
                "Taro Nishikawa".into(),
                Some("Master's student at Hertie School".into())
            )
        );
    }

    #[test]
    fn sentences_are_not_headers() {
        let m = Mentions::default();
        assert_eq!(
            parse_honorific_line("Mr. Hisajima replied that it was hard.", &m),
            LineShape::NotHeader
        );
        assert_eq!(
            parse_honorific_line("Mr. Daiki Inoue is a member of the board.", &m),
            LineShape::NotHeader
        );
        assert_eq!(parse_honorific_line("Former Ambassador", &m), LineShape::NotHeader);
    }

    #[test]
    fn header_and_body_in_one_paragraph() {
        let m = Mentions::default();
        let s = "Mr. Takeshi Ono Senior Manager, Peace Office Mr. Ono presented the plan. It worked.";
        match parse_honorific_line(s, &m) {
            LineShape::Inline(p, at) => {
                assert_eq!(p.name, "Takeshi Ono");
                assert_eq!(p.affiliation.as_deref(), Some("Senior Manager, Peace Office"));
                assert_eq!(&s[at..], "Mr. Ono presented the plan. It worked.");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn inline_turns() {
        let m = Mentions::default();
        let s = "Dr. Lee: We should act now.";
        match parse_honorific_line(s, &m) {
            LineShape::Inline(p, at) => {
                assert_eq!(p.name, "Lee");
                assert_eq!(&s[at..], "We should act now.");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn plain_headers_need_a_set_off_affiliation() {
        let m = Mentions::default();
        let p = parse_plain_line("Amina Diallo, Senior Fellow, Institute of Peace", &m).expect("header");
        assert_eq!(p.name, "Amina Diallo");
        assert_eq!(p.affiliation.as_deref(), Some("Senior Fellow, Institute of Peace"));
        assert!(parse_plain_line("Japan's International Peace Cooperation: Past, Present", &m).is_none());
        assert!(parse_plain_line("Part I: Presentation", &m).is_none());
        assert!(parse_plain_line("Police Officers (max 12);", &m).is_none());
        let p = parse_plain_line("MORI Takeshi Stimson Center", &m).expect("header");
        assert_eq!(p.name, "MORI Takeshi");
        assert_eq!(p.affiliation.as_deref(), Some("Stimson Center"));
        assert!(parse_plain_line("Peace Operations in Africa", &m).is_none());
    }

    #[test]
    fn labels() {
        let m = Mentions::default();
        let l = parse_label("Question (Ms. Yoko Sato, JICA): How do we start?", &m).expect("label");
        assert_eq!(l.label, "Question");
        assert_eq!(l.person.map(|p| p.name), Some("Yoko Sato".into()));
        assert_eq!(l.header, "Question (Ms. Yoko Sato, JICA):");
        assert!(l.body_at.is_some());
        let q = parse_label("Q: Rev. Tom Hill (Pax Christi): Is it late?", &m).expect("label");
        assert_eq!(q.person.map(|p| p.name), Some("Tom Hill".to_string()));
        assert_eq!(q.header, "Q: Rev. Tom Hill (Pax Christi):");
        let a = parse_label("Answer:", &m).expect("label");
        assert!(a.person.is_none() && a.body_at.is_none());
        assert!(parse_label("Report compiled by: X", &m).is_none());
    }

    #[test]
    fn mentions_in_text() {
        let ms = find_mentions("He thanked Mr. Hisajima's office and Dr. Ann Lee. Ms. Kaneko noted");
        let toks: Vec<_> = ms.iter().map(|m| m.tokens.join(" ")).collect();
        assert_eq!(toks, vec!["Hisajima", "Ann Lee", "Kaneko"]);
    }
}
