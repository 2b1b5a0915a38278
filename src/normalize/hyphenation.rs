//! Hyphenation pass: the one rule deciding whether a hyphen at a line end
//! is the producer's word break (dropped) or part of a compound (kept).
//! The document's own spelling decides first, then the producer's hints
//! (soft hyphens, U+2010), then the lexicon's compound vocabulary.

use super::*;
use crate::diagnostics::Code;

/// What the whole input says about its spelling, used to decide whether a
/// line-end hyphen belongs to the word.
pub(super) struct Spelling<'a> {
    pages: &'a [String],
    /// Lower-cased words, hyphenated ones included; built on first use (only
    /// a line-end hyphen asks, and most documents have none).
    words: std::cell::OnceCell<HashSet<String>>,
    /// True when some line ends with a soft or typographic hyphen.
    soft_hyphens: bool,
}

impl Spelling<'_> {
    fn words(&self) -> &HashSet<String> {
        self.words.get_or_init(|| {
            let mut set = HashSet::new();
            for p in self.pages {
                for w in p.split(|c: char| !(c.is_alphabetic() || c == '-')) {
                    let w = w.trim_matches('-');
                    if w.chars().count() >= 2 {
                        set.insert(w.to_lowercase());
                    }
                }
            }
            set
        })
    }
}

pub(super) fn word_set(pages: &[String]) -> Spelling<'_> {
    let soft_hyphens = pages
        .iter()
        .any(|p| p.lines().any(|l| l.trim_end().ends_with(['\u{2010}', '\u{ad}'])));
    Spelling {
        pages,
        words: std::cell::OnceCell::new(),
        soft_hyphens,
    }
}

/// Joins a continuation line to a block, repairing line-end hyphenation.
pub(super) fn join_line(pre: &mut Pre, text: &str, line: &Line, words: &Spelling<'_>) {
    let body = pre.body.trim_end();
    let hyphen = body.chars().last().filter(|c| matches!(c, '-' | '\u{2010}' | '\u{ad}'));
    let before_hyphen = hyphen.and_then(|h| body[..body.len() - h.len_utf8()].chars().last());
    let next_first = text.chars().next();
    if let (Some(h), Some(b), Some(n)) = (hyphen, before_hyphen, next_first)
        && b.is_alphabetic()
        && n.is_alphabetic()
    {
        let stem_start = body[..body.len() - h.len_utf8()]
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let stem = body[stem_start..body.len() - h.len_utf8()].to_lowercase();
        let tail: String = text
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let closed = format!("{stem}{tail}");
        let open = format!("{stem}-{tail}");
        let soft = h != '-';
        // The document's own spelling decides: the closed word written
        // elsewhere means hyphenation, the hyphenated word means a compound.
        // Without evidence, a soft or typographic hyphen is hyphenation; a
        // hard hyphen is a compound's when the document hyphenates with soft
        // hyphens elsewhere (as PDF renderers do) or when it follows a
        // prefix that forms compounds ("self-", "non-"), else hyphenation.
        let drop = n.is_lowercase()
            && if words.words().contains(&closed) != words.words().contains(&open) {
                words.words().contains(&closed)
            } else if lexicon::CLOSED_COMPOUNDS.iter().any(|w| closed.starts_with(w)) {
                true
            } else {
                soft || !(words.soft_hyphens || lexicon::COMPOUND_PREFIXES.contains(&stem.as_str()))
            };
        let cut = body.len() - h.len_utf8();
        pre.body.truncate(cut);
        for r in &mut pre.repairs {
            r.range = (r.range.0.min(cut), r.range.1.min(cut));
        }
        if !drop {
            pre.body.push('-');
        }
        let at = stem_start;
        append_line(pre, text, line, "");
        let end = (pre.body[at..].find(' ').map_or(pre.body.len(), |i| at + i)).max(at);
        pre.repairs.push(Repair {
            code: Code::NormalizeHyphenationJoined,
            message: if drop {
                format!("Joined the word hyphenated across a line break ({closed}).")
            } else {
                format!("Joined the hyphenated word across a line break, keeping its hyphen ({open}).")
            },
            range: (at, end),
        });
        return;
    }
    pre.body.truncate(body.len());
    append_line(pre, text, line, " ");
}
