//! Hyphenation pass: the one rule deciding what a hyphen at a line end is:
//! the producer's word break (dropped), part of a compound or a range (kept,
//! no space), or a dash between words (a space). Both paths use it: the
//! geometry pass over a PDF's lines and the text pass over dumps and
//! Markdown. The document's own spelling ([`Vocab`], built from its words)
//! and the producer's hints (soft hyphens, U+2010) decide first, then the
//! lexicon's compound words, then how often the producer breaks words.

use std::borrow::Cow;
use std::cell::OnceCell;

use foldhash::HashSet;

use super::*;

/// How to join a line ending in a hyphen with the next line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Join {
    /// With a space: not a hyphen at a word's end.
    Space,
    /// Drop the line-end hyphen and join the word.
    Dehyphenate,
    /// Keep the hyphen, no space (a compound, a name, a range).
    KeepHyphen,
}

/// The document's spelling as written inside lines: words split at a line
/// end are left out, so that they do not vouch for themselves.
#[derive(Default)]
pub(super) struct Vocab {
    words: HashSet<String>,
    hyphenated: HashSet<String>,
    /// U+2010 is used only at line ends: the producer's hyphenation mark.
    u2010_marks_breaks: bool,
    /// Some line ends with a soft hyphen: the producer marks its breaks, so
    /// a hyphen-minus left at a line end is a compound's. (U+2010 marks
    /// breaks only when it stands nowhere else: groff sets every hyphen so.)
    marked_breaks: bool,
    /// Line ends of a letter and a hyphen-minus before a lowercase letter are
    /// frequent (more than one in 30 wrapped lines): the producer hyphenates words,
    /// so a hyphen with no other evidence is its mark. Word processors that do
    /// not hyphenate leave only real compounds at line ends.
    auto_hyphenation: bool,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{ad}')
}

/// `s.to_lowercase()`, borrowed when that changes nothing (ASCII without
/// capitals: most words; spares an allocation per word of the document).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

fn word_core(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

impl Vocab {
    /// Builds the vocabulary from the document's lines, page by page.
    pub(super) fn build<'a, P, L>(pages: P) -> Vocab
    where
        P: IntoIterator<Item = L>,
        L: IntoIterator<Item = &'a str>,
    {
        let mut v = Vocab::default();
        let (mut mid, mut end) = (0usize, 0usize);
        let (mut lines, mut breaks) = (0usize, 0usize);
        for page in pages {
            let mut prev_hyphen = false;
            let mut prev_break = false;
            let mut prev_filled = false;
            for text in page {
                let text = text.trim();
                // Wrapped lines: a line followed on its page by another (a
                // PDF's lines all are; a text file's paragraph may be one
                // line, a blank line after it).
                if prev_filled && !text.is_empty() {
                    lines += 1;
                }
                prev_filled = !text.is_empty();
                if prev_break && text.starts_with(char::is_lowercase) {
                    breaks += 1;
                }
                let mut tail = text.chars().rev();
                let last = tail.next();
                prev_break = last == Some('-') && tail.next().is_some_and(char::is_alphabetic);
                v.marked_breaks |= last == Some('\u{ad}');
                let toks: Vec<&str> = text.split(' ').collect();
                let n = toks.len();
                // Looked for per token only in the few lines that have one.
                let has_u2010 = text.contains('\u{2010}');
                for (k, t) in toks.iter().enumerate() {
                    let at_end = k + 1 == n;
                    if has_u2010 {
                        if t.ends_with('\u{2010}') && at_end {
                            end += 1;
                        } else if t.contains('\u{2010}') {
                            mid += 1;
                        }
                    }
                    if (k == 0 && prev_hyphen) || (at_end && t.ends_with(is_hyphen)) {
                        continue;
                    }
                    v.add_word(t);
                }
                prev_hyphen = text.ends_with(is_hyphen);
            }
        }
        v.u2010_marks_breaks = end > 0 && mid == 0;
        // Three at least: a statistic, not a single compound.
        v.auto_hyphenation = breaks >= 3 && breaks * 30 > lines;
        v
    }

    fn add_word(&mut self, token: &str) {
        let core = lowercase(word_core(token));
        if core.is_empty() {
            return;
        }
        if core.contains(is_hyphen) {
            for part in core.split(is_hyphen) {
                if !part.is_empty() {
                    self.words.insert(part.to_string());
                }
            }
            self.hyphenated.insert(core.replace(is_hyphen, "-"));
        } else if !self.words.contains(core.as_ref()) {
            self.words.insert(core.into_owned());
        }
    }
}

/// A [`Vocab`] of page texts, built on first use (only a line-end hyphen
/// asks, and most text inputs have none).
pub(super) struct LazyVocab<'a> {
    pages: &'a [String],
    vocab: OnceCell<Vocab>,
}

impl LazyVocab<'_> {
    pub(super) fn get(&self) -> &Vocab {
        self.vocab
            .get_or_init(|| Vocab::build(self.pages.iter().map(|p| p.lines())))
    }
}

pub(super) fn word_set(pages: &[String]) -> LazyVocab<'_> {
    LazyVocab {
        pages,
        vocab: OnceCell::new(),
    }
}

/// Decides how a line ending `prev` joins the next line starting `next`.
pub(super) fn join_kind(prev: &str, next: &str, vocab: &Vocab) -> Join {
    let Some(h) = prev.chars().next_back() else {
        return Join::Space;
    };
    let last_tok = prev.rsplit(' ').next().unwrap_or("");
    let stem = &last_tok[..last_tok.len() - h.len_utf8()];
    let (Some(before), Some(after)) = (stem.chars().next_back(), next.chars().next()) else {
        return Join::Space;
    };
    if matches!(h, '–' | '—') {
        return if before.is_ascii_digit() && after.is_ascii_digit() {
            Join::KeepHyphen
        } else {
            Join::Space
        };
    }
    if !is_hyphen(h) || !before.is_alphanumeric() {
        return Join::Space;
    }
    if h == '\u{ad}' {
        return Join::Dehyphenate;
    }
    if !(before.is_alphabetic() && after.is_lowercase()) {
        // "Timor-" "Leste", "09.1992-" "09.1993", "COVID-" "19".
        return Join::KeepHyphen;
    }
    if vocab.u2010_marks_breaks {
        // The producer marks its own hyphenation with U+2010: a hyphen-minus
        // at a line end is part of the text ("civil-" "society").
        return if h == '\u{2010}' {
            Join::Dehyphenate
        } else {
            Join::KeepHyphen
        };
    }
    let stem_core = word_core(stem).to_lowercase();
    let next_core = word_core(next.split(' ').next().unwrap_or("")).to_lowercase();
    let joined = format!("{stem_core}{next_core}");
    if vocab.hyphenated.contains(&format!("{stem_core}-{next_core}")) {
        return Join::KeepHyphen;
    }
    if vocab.words.contains(&joined) {
        return Join::Dehyphenate;
    }
    if lexicon::CLOSED_COMPOUNDS.iter().any(|w| joined.starts_with(w)) {
        return Join::Dehyphenate;
    }
    if vocab.marked_breaks {
        return Join::KeepHyphen;
    }
    // Two words of their own ("self-" "defense"): a compound.
    let stem_last = stem_core.rsplit(is_hyphen).next().unwrap_or("");
    let known = |w: &str| w.chars().count() >= 2 && vocab.words.contains(w);
    if known(stem_last) && known(&next_core) {
        return Join::KeepHyphen;
    }
    // A producer that hyphenates words ("short-" "age"): its mark.
    if vocab.auto_hyphenation {
        return Join::Dehyphenate;
    }
    // Otherwise a hyphen is the text's own after a word that forms
    // compounds ("self-" "reliance") or a word of the document on one side;
    // between two pieces that are no words ("con-" "cerned") it breaks a
    // word, whoever made it.
    if lexicon::COMPOUND_PREFIXES.contains(&stem_last) || known(stem_last) || known(&next_core) {
        Join::KeepHyphen
    } else {
        Join::Dehyphenate
    }
}

/// The one wording of a line-end hyphen repair, `stem` and `tail` being the
/// two pieces of the word.
pub(super) fn describe(kind: Join, stem: &str, tail: &str) -> String {
    match kind {
        Join::Dehyphenate => format!("Joined the word hyphenated across a line break ({stem}{tail})."),
        _ => format!("Joined the hyphenated word across a line break, keeping its hyphen ({stem}-{tail})."),
    }
}

/// Counts of the hyphen repairs of a pass that reports them as one summary.
#[derive(Default)]
pub(super) struct HyphenStats {
    joined: usize,
    kept: usize,
    examples: Vec<String>,
}

impl HyphenStats {
    /// Records a join of `stem` (the line's last word without its hyphen)
    /// and `tail` (the next line's first word).
    pub(super) fn record(&mut self, kind: Join, stem: &str, tail: &str) {
        match kind {
            Join::Space => return,
            Join::Dehyphenate => self.joined += 1,
            Join::KeepHyphen => self.kept += 1,
        }
        if self.examples.len() < 5 {
            self.examples.push(describe(kind, stem, tail));
        }
    }

    /// The summary diagnostic, if any hyphen was repaired.
    pub(super) fn diagnostic(&self) -> Option<Diagnostic> {
        if self.joined + self.kept == 0 {
            return None;
        }
        let mut msg = format!(
            "Line-end hyphens: {} removed to rejoin words split across lines, {} kept as part of compounds or ranges.",
            self.joined, self.kept
        );
        if !self.examples.is_empty() {
            msg.push_str(&format!(" Examples: {}", self.examples.join(" ")));
        }
        Some(Diagnostic::info("pdf.dehyphenated", msg, None))
    }
}

/// Appends `next` to `para` as `kind` says (the geometry pass's join).
pub(super) fn join_text(para: &mut String, next: &str, kind: Join, stats: &mut HyphenStats) {
    if kind == Join::Space {
        para.push(' ');
        para.push_str(next);
        return;
    }
    if let Some(h) = para.pop() {
        let stem = word_core(para.rsplit(' ').next().unwrap_or("")).to_string();
        stats.record(kind, &stem, word_core(next.split(' ').next().unwrap_or("")));
        if kind == Join::KeepHyphen {
            para.push(h);
        }
    }
    para.push_str(next);
}

/// A word hyphenated across a page break is completed on the first page:
/// the continuation moves up ("Rus-" | "sia's aggression" becomes "Russia's" |
/// "aggression"), so the normalize stage only has to rejoin paragraphs.
pub(super) fn join_across_pages(pages: &mut [String], vocab: &Vocab, stats: &mut HyphenStats) {
    for i in 1..pages.len() {
        let (head, tail) = pages.split_at_mut(i);
        let (prev, next) = (&mut head[i - 1], &mut tail[0]);
        let Some(last) = prev.rsplit(['\n', ' ']).next() else {
            continue;
        };
        if !last.ends_with(is_hyphen) || next.is_empty() {
            continue;
        }
        let kind = join_kind(prev, next, vocab);
        if kind == Join::Space {
            continue;
        }
        let word_end = next.find([' ', '\n']).unwrap_or(next.len());
        let word = next[..word_end].to_string();
        join_text(prev, &word, kind, stats);
        let rest = next[word_end..].trim_start().to_string();
        *next = rest;
    }
}

/// Joins a continuation line to a block (the text pass), repairing
/// line-end hyphenation with a repair whose span is the joined word.
pub(super) fn join_line(pre: &mut Pre, text: &str, line: &Line, words: &LazyVocab<'_>) {
    let body = pre.body.trim_end();
    let ends_in_dash = body.ends_with(|c: char| is_hyphen(c) || matches!(c, '–' | '—'));
    let kind = if ends_in_dash {
        join_kind(body, text.trim_start(), words.get())
    } else {
        Join::Space
    };
    if kind == Join::Space {
        pre.body.truncate(body.len());
        append_line(pre, text, line, " ");
        return;
    }
    let h = body.chars().next_back().map_or(0, char::len_utf8);
    let cut = body.len() - h;
    let stem_start = body[..cut]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let stem = body[stem_start..cut].to_lowercase();
    let tail: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let dash = body[cut..].to_string();
    pre.body.truncate(cut);
    for r in &mut pre.repairs {
        r.range = (r.range.0.min(cut), r.range.1.min(cut));
    }
    if kind == Join::KeepHyphen {
        // A compound keeps a plain hyphen; a range keeps its own dash.
        pre.body.push_str(if is_hyphen(dash.chars().next().unwrap_or('-')) {
            "-"
        } else {
            &dash
        });
    }
    append_line(pre, text, line, "");
    let end = (pre.body[stem_start..]
        .find(' ')
        .map_or(pre.body.len(), |i| stem_start + i))
    .max(stem_start);
    pre.repairs.push(Repair {
        code: "normalize.hyphenation-joined",
        message: describe(kind, &stem, &tail),
        range: (stem_start, end),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str], hyph: &[&str], u2010: bool) -> Vocab {
        Vocab {
            words: words.iter().map(|s| s.to_string()).collect(),
            hyphenated: hyph.iter().map(|s| s.to_string()).collect(),
            u2010_marks_breaks: u2010,
            marked_breaks: false,
            auto_hyphenation: true,
        }
    }

    #[test]
    fn hyphen_rules() {
        let v = vocab(
            &["reconstruction", "self", "defense", "ceasefire"],
            &["cease-fire"],
            false,
        );
        assert_eq!(join_kind("the Recon-", "struction began", &v), Join::Dehyphenate);
        assert_eq!(join_kind("the Cease-", "fire held", &v), Join::KeepHyphen);
        assert_eq!(join_kind("UNMIT Timor-", "Leste 01.2007", &v), Join::KeepHyphen);
        assert_eq!(join_kind("09.1992-", "09.1993", &v), Join::KeepHyphen);
        assert_eq!(join_kind("COVID-", "19 measures", &v), Join::KeepHyphen);
        assert_eq!(join_kind("of self-", "defense forces", &v), Join::KeepHyphen);
        assert_eq!(join_kind("a line", "next", &v), Join::Space);
        assert_eq!(join_kind("list -", "next", &v), Join::Space);
        assert_eq!(join_kind("soft\u{ad}", "ware", &v), Join::Dehyphenate);
        assert_eq!(join_kind("the peace-", "keepers", &v), Join::Dehyphenate);
        let v2 = vocab(&["cease", "fire"], &[], true);
        assert_eq!(join_kind("Inter\u{2010}", "national", &v2), Join::Dehyphenate);
        assert_eq!(join_kind("civil-", "society", &v2), Join::KeepHyphen);
        // Without hyphenation by the producer, a split with a word of the
        // document on one side stays a compound; one of two non-words is a
        // word break.
        let v3 = Vocab {
            auto_hyphenation: false,
            ..vocab(&["economic"], &[], false)
        };
        assert_eq!(join_kind("the peace-", "building", &v3), Join::Dehyphenate);
        assert_eq!(join_kind("the socio-", "economic", &v3), Join::KeepHyphen);
        assert_eq!(join_kind("the Recon-", "struction", &v3), Join::Dehyphenate);
        // Soft hyphens mark the producer's breaks: a hard one is a compound's.
        let v4 = Vocab {
            marked_breaks: true,
            ..vocab(&[], &[], false)
        };
        assert_eq!(join_kind("the long-", "standing", &v4), Join::KeepHyphen);
    }

    #[test]
    fn vocab_leaves_out_words_split_at_line_ends() {
        let v = Vocab::build([[
            "the recon-",
            "struction of self-defense and the re-",
            "sults of the inves-",
            "tigation",
        ]]);
        assert!(!v.words.contains("recon") && !v.words.contains("struction"));
        assert!(v.hyphenated.contains("self-defense") && v.words.contains("defense"));
        assert!(v.auto_hyphenation && !v.marked_breaks);
        // Fewer than three breaks are no statistic of the producer's.
        assert!(!Vocab::build([["the recon-", "struction"]]).auto_hyphenation);
        let v = Vocab::build([["Inter\u{2010}", "national"]]);
        assert!(v.u2010_marks_breaks && !v.marked_breaks);
        let v = Vocab::build([["a soft\u{ad}", "ware"]]);
        assert!(v.marked_breaks);
    }

    #[test]
    fn hyphenated_words_are_completed_across_pages() {
        let v = vocab(&["russia's"], &[], false);
        let mut pages = vec!["War until Rus-".to_string(), "sia's aggression.\n\nNext.".to_string()];
        join_across_pages(&mut pages, &v, &mut HyphenStats::default());
        assert_eq!(pages, vec!["War until Russia's", "aggression.\n\nNext."]);
        let mut pages = vec!["UNMIT Timor-".to_string(), "Leste".to_string(), "x".to_string()];
        join_across_pages(&mut pages, &v, &mut HyphenStats::default());
        assert_eq!(pages, vec!["UNMIT Timor-Leste", "", "x"]);
    }
}
