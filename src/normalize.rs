//! Text repair: from [`RawText`] to [`Normalized`].
//!
//! Owns the normalized text that every span of the report points into. Per
//! line it applies Unicode NFC, folds odd spaces, removes converter
//! artifacts (TeX math-mode lines, Markdown emphasis and escapes) and
//! recognizes Markdown headings and list markers. Lines are grouped into
//! blocks: a blank line, a form feed or a page end closes a paragraph, a
//! list marker opens an item, and inside a paragraph a line that ends well
//! short of the paragraph's width (the next word would have fit) is a
//! deliberate break. Line-end hyphenation is repaired, and a paragraph that a
//! page break or a stray blank line cut mid-sentence is joined to its rest.
//! The text is then rewritten block by block (blocks separated by a blank
//! line), so each block, joined ones included, is one contiguous range.
//! Every repair is an `info` diagnostic whose span points into that text.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::lexicon;
use crate::report::Diagnostic;
use crate::text::{Block, BlockKind, Normalized, PageMap, RawText};

/// Repairs raw text into the normalized text that spans point into.
pub fn normalize(raw: &RawText) -> Normalized {
    let words = word_set(&raw.pages);
    let running = running_lines(&raw.pages);
    let mut pres: Vec<Pre> = Vec::new();
    let mut key = String::new();
    for (page, text) in raw.pages.iter().enumerate() {
        let text = unify_newlines(text);
        for chunk in text.split('\u{c}') {
            let mut para: Vec<Line> = Vec::new();
            for raw_line in chunk.split('\n') {
                let line = clean_line(raw_line);
                if !line.text.is_empty() && !running.is_empty() && {
                    running_key_into(&line.text, &mut key);
                    running.contains(&key)
                } {
                    if let Some(prev) = pres.last_mut() {
                        let at = prev.body.len();
                        prev.repairs.push(Repair {
                            code: "normalize.running-line-removed",
                            message: format!("Removed the running header or footer line \"{}\".", line.text),
                            range: (at, at),
                        });
                    }
                    continue;
                }
                if line.text.is_empty() || line.rule {
                    if !para.is_empty() {
                        close_para(&para, page, &words, &mut pres);
                        para.clear();
                    }
                    continue;
                }
                para.push(line);
            }
            if !para.is_empty() {
                close_para(&para, page, &words, &mut pres);
            }
        }
    }
    let pres = rejoin(pres);
    let depths = list_depths(&pres);
    emit(pres, &depths, raw)
}

/// A page number standing alone between paragraphs, as text converters
/// leave them: "12", "- 12 -", "– 12 –", "Page 3", "Page 3 of 7", "3/7".
static PAGE_FOLIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[-–—]\s*)?(?:\d{1,3}|page\s+\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?$").expect("regex")
});

/// True when `s` is a lone page-number line ([`PAGE_FOLIO`]). The pattern
/// starts with a dash, a digit or "page" and ends with a digit or a dash;
/// other lines are turned away before the regex runs.
fn is_page_folio(s: &str) -> bool {
    let first = s
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '-' | '–' | '—' | 'p' | 'P') || c.is_numeric());
    let last = s
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '-' | '–' | '—') || c.is_numeric());
    first && last && PAGE_FOLIO.is_match(s)
}

/// `\r\n` and lone `\r` as `\n` (borrowed when there are none).
fn unify_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The comparison key of a line for running headers and footers: spaces
/// folded, digits (page and year numbers) read as one class. Written into
/// `out` (cleared first), so that one buffer serves every line.
fn running_key_into(text: &str, out: &mut String) {
    out.clear();
    for (k, word) in text.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }));
    }
}

/// [`running_key_into`] into a new string.
fn running_key(text: &str) -> String {
    let mut out = String::new();
    running_key_into(text, &mut out);
    out
}

/// Running headers and footers: a short line that stands at the edge of a
/// page (first or last line of text, a page being cut by a form feed, a
/// page end or a lone page-number line) on at least two pages. Page-number
/// lines themselves are left to [`close_para`].
fn running_lines(pages: &[String]) -> HashSet<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Lines inside a page; their keys are only needed when some edge line
    // stands on two pages (most documents have none).
    let mut inner: Vec<&str> = Vec::new();
    let pages: Vec<Cow<str>> = pages.iter().map(|p| unify_newlines(p)).collect();
    for page in &pages {
        for chunk in page.split('\u{c}') {
            // Lone page-number lines also cut pages (text without form feeds).
            let mut piece: Vec<&str> = Vec::new();
            let mut pieces: Vec<Vec<&str>> = Vec::new();
            for l in chunk.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if is_page_folio(l) {
                    pieces.push(std::mem::take(&mut piece));
                } else {
                    piece.push(l);
                }
            }
            pieces.push(piece);
            for p in &pieces {
                let last = p.len().saturating_sub(1);
                for (i, l) in p.iter().enumerate() {
                    if i == 0 || i == last {
                        if l.chars().count() <= 80 {
                            *counts.entry(running_key(l)).or_default() += 1;
                        }
                    } else {
                        inner.push(l);
                    }
                }
            }
        }
    }
    let mut running: HashSet<String> = counts.into_iter().filter(|(_, n)| *n >= 2).map(|(k, _)| k).collect();
    // A line that also stands inside a page (a repeated speaker header) is
    // text, not a running line.
    if !running.is_empty() {
        let mut key = String::new();
        for l in inner {
            running_key_into(l, &mut key);
            running.remove(&key);
        }
    }
    running
}

/// Groups one input paragraph into blocks, except a lone page-number line
/// after some text: that is dropped (and reported on the block before it),
/// so that a sentence the page break cut can be rejoined around it.
fn close_para(para: &[Line], page: usize, words: &Spelling, pres: &mut Vec<Pre>) {
    if let [line] = para
        && is_page_folio(&line.text)
        && let Some(prev) = pres.last_mut()
    {
        let at = prev.body.len();
        prev.repairs.push(Repair {
            code: "normalize.page-number-removed",
            message: format!("Removed the page number line \"{}\" between paragraphs.", line.text),
            range: (at, at),
        });
        return;
    }
    group_lines(para, page, words, pres);
}

/// A cleaned line of input.
#[derive(Debug, Clone)]
struct Line {
    /// Indentation width (tab = 4).
    indent: usize,
    text: String,
    /// Markdown horizontal rule (`---`): a paragraph break, not text.
    rule: bool,
    repairs: Vec<(&'static str, String)>,
}

/// What a block will be.
#[derive(Debug, Clone, PartialEq)]
enum PreKind {
    Para,
    Heading(u8),
    Item {
        indent: usize,
        marker: String,
        number: Option<u32>,
    },
}

/// A repair inside a block: code, message, byte range in `Pre::body`.
#[derive(Debug, Clone)]
struct Repair {
    code: &'static str,
    message: String,
    range: (usize, usize),
}

/// A block before emission.
#[derive(Debug, Clone)]
struct Pre {
    kind: PreKind,
    body: String,
    /// Page (0-based) where the block starts.
    page: usize,
    /// Byte offsets in `body` where text of a later page starts.
    page_marks: Vec<(usize, usize)>,
    repairs: Vec<Repair>,
    /// Number of input lines merged into this block (for layout rules).
    lines: usize,
    /// True when the block's last input line runs to the paragraph's full
    /// width (a wrapped paragraph that a page end may have cut).
    full_last_line: bool,
}

static MATH_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\$([^$]+)\$$").expect("regex"));
static MATH_INLINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\$([^$\s][^$]*\\[^$]*[^$\s])\$").expect("regex"));
static TEX_WRAPPER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\(?:text|mathrm|textbf|textit|mathbf|mbox|emph)\{([^{}]*)\}").expect("regex"));
static TEX_ESCAPE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\\([ {}_&%$#,;:!])").expect("regex"));
static MD_ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\\([\\`*_{}\[\]()#+\-.!|<>~'"&$%@^=/,:;?])"#).expect("regex"));
static MD_STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*(\S(?:.*?\S)?)\*\*|__(\S(?:.*?\S)?)__").expect("regex"));
static MD_EM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^\w*])\*([^\s*](?:[^*]*?[^\s*])?)\*($|[^\w*])").expect("regex"));
static MD_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$").expect("regex"));
static MD_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:-\s*){3,}$|^(?:\*\s*){3,}$|^(?:_\s*){3,}$").expect("regex"));
/// A list marker at the start of a line: a bullet, optionally followed by a
/// second marker ("- 1.", "- o"), or a number/letter marker ("1)", "a.").
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(
            (?:[-*+•◦▪▫‣⁃●○■□∙·–]|o)
            (?:\s+(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[ivx]{1,4}[.)]|o|[•◦▪▫‣●○■□]))?
          | \(?\d{1,3}[.)]
          | \([a-z]\)|[a-z][.)]
          | [ivx]{1,4}[.)]
        )(?:\s+|$)",
    )
    .expect("regex")
});
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{1,3}").expect("regex"));

/// Folds spaces, applies NFC and removes converter artifacts on one line.
fn clean_line(raw: &str) -> Line {
    let mut repairs = Vec::new();
    // Most lines are already NFC and fold to themselves: one byte scan
    // tells, and spares them the character-by-character work below.
    let plain = is_plain(raw);
    // Most lines are already NFC (ASCII always is): the quick check spares
    // them the decomposition and recomposition.
    let nfc: Cow<str> = if plain || raw.is_ascii() || is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.nfc().collect())
    };
    if matches!(&nfc, Cow::Owned(composed) if composed != raw) {
        repairs.push((
            "normalize.unicode-nfc",
            "Composed characters to Unicode NFC.".to_string(),
        ));
    }
    // Indentation before folding (tabs count 4).
    let mut indent = 0;
    for c in nfc.chars() {
        match c {
            ' ' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => indent += 1,
            '\t' => indent += 4,
            _ => break,
        }
    }
    let mut odd = false;
    let mut folded = String::with_capacity(nfc.len());
    let mut last_space = true;
    let slow: &str = if plain {
        folded.push_str(&nfc);
        ""
    } else {
        &nfc
    };
    for c in slow.chars() {
        let c = match c {
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' => {
                if c != '\t' {
                    odd = true;
                }
                ' '
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {
                odd = true;
                continue;
            }
            c if c.is_control() => {
                odd = true;
                ' '
            }
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        folded.push(c);
    }
    let trimmed = folded.trim_end().len();
    folded.truncate(trimmed);
    let mut text = folded;
    if odd {
        repairs.push((
            "normalize.space-folded",
            "Folded non-breaking, zero-width or odd spaces.".to_string(),
        ));
    }
    if text.starts_with(['-', '*', '_']) && MD_RULE.is_match(&text) {
        return Line {
            indent,
            text,
            rule: true,
            repairs,
        };
    }
    // TeX math mode as some PDF-to-Markdown converters write it.
    let dollar = text.contains('$');
    if let Some(c) = dollar.then(|| MATH_LINE.captures(&text)).flatten() {
        let inner = c.get(1).map_or("", |m| m.as_str());
        if inner.contains('\\') || inner.split_whitespace().count() == 1 && inner.chars().any(|c| c.is_alphabetic()) {
            text = untex(inner);
            repairs.push((
                "normalize.math-mode",
                "Removed TeX math-mode markup left by a converter.".to_string(),
            ));
        }
    } else if dollar && MATH_INLINE.is_match(&text) {
        text = MATH_INLINE
            .replace_all(&text, |c: &regex::Captures| untex(&c[1]))
            .into_owned();
        repairs.push((
            "normalize.math-mode",
            "Removed TeX math-mode markup left by a converter.".to_string(),
        ));
    }
    // A byte scan: `contains(['*', '_'])` decodes every character.
    if text.bytes().any(|b| b == b'*' || b == b'_') && (MD_STRONG.is_match(&text) || MD_EM.is_match(&text)) {
        let t = MD_STRONG.replace_all(&text, "$1$2");
        let t = MD_EM.replace_all(&t, "$1$2$3");
        text = t.into_owned();
        repairs.push((
            "normalize.markdown-emphasis",
            "Read Markdown emphasis as plain text.".to_string(),
        ));
    }
    if text.contains('\\') && MD_ESCAPE.is_match(&text) {
        text = MD_ESCAPE.replace_all(&text, "$1").into_owned();
        repairs.push((
            "normalize.markdown-escape",
            "Removed Markdown backslash escapes.".to_string(),
        ));
    }
    Line {
        indent,
        text,
        rule: false,
        repairs,
    }
}

/// True when `line` is in NFC and folding its spaces changes nothing: no
/// leading or doubled space, no control character, and only characters
/// that are NFC quick-check "yes" with combining class 0 and are not odd
/// spaces: ASCII, U+00A1 to U+02FF, and U+2010 to U+203F except U+202F (a
/// test checks these ranges). Other lines take the general path.
fn is_plain(line: &str) -> bool {
    let b = line.as_bytes();
    if b.first() == Some(&b' ') {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' if b.get(i + 1) == Some(&b' ') => return false,
            0x20..=0x7e => i += 1,
            // U+00A1..U+00BF (not C1 controls, not the no-break space).
            0xc2 if b.get(i + 1).is_some_and(|&x| x >= 0xa1) => i += 2,
            // U+00C0..U+02FF.
            0xc3..=0xcb => i += 2,
            // U+2010..U+202E and U+2030..U+203F: dashes, quotes, bullets.
            0xe2 if b.get(i + 1) == Some(&0x80)
                && b.get(i + 2).is_some_and(|&x| (0x90..=0xbf).contains(&x) && x != 0xaf) =>
            {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

/// Plain text of TeX math content: escaped spaces and symbols unescaped,
/// `\text{...}` wrappers removed.
fn untex(s: &str) -> String {
    let mut t = s.to_string();
    // Wrappers may nest; a few passes suffice and bound the work.
    for _ in 0..4 {
        let next = TEX_WRAPPER.replace_all(&t, "$1").into_owned();
        if next == t {
            break;
        }
        t = next;
    }
    let t = TEX_ESCAPE.replace_all(&t, "$1").replace('~', " ");
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The list marker of a line: (marker as written, number, byte offset of
/// the content).
fn list_marker(text: &str) -> Option<(String, Option<u32>, usize)> {
    // Every marker starts with a bullet, "(", a digit, or a lower-case
    // letter followed by "." or ")" (or i, v, x, o): other lines are turned
    // away before the regex runs.
    let mut chars = text.chars();
    let first = chars.next()?;
    let second = chars.next();
    let may_mark = match first {
        'a'..='z' => matches!(first, 'i' | 'v' | 'x' | 'o') || matches!(second, Some('.' | ')')),
        '(' | '-' | '*' | '+' | '•' | '◦' | '▪' | '▫' | '‣' | '⁃' | '●' | '○' | '■' | '□' | '∙' | '·' | '–' => {
            true
        }
        c => c.is_numeric(),
    };
    if !may_mark {
        return None;
    }
    let m = LIST_MARKER.captures(text)?;
    let marker = m.get(1)?.as_str().to_string();
    let whole = m.get(0)?.end();
    // "o" alone is only a bullet when followed by text, and a dash followed
    // by nothing is not a list.
    if whole >= text.len() && matches!(marker.as_str(), "-" | "–" | "o" | "*" | "+" | "·") {
        return None;
    }
    let number = DIGITS.find(&marker).and_then(|d| d.as_str().parse().ok());
    Some((marker, number, whole))
}

/// What the whole input says about its spelling, used to decide whether a
/// line-end hyphen belongs to the word.
struct Spelling<'a> {
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

fn word_set(pages: &[String]) -> Spelling<'_> {
    let soft_hyphens = pages
        .iter()
        .any(|p| p.lines().any(|l| l.trim_end().ends_with(['\u{2010}', '\u{ad}'])));
    Spelling {
        pages,
        words: std::cell::OnceCell::new(),
        soft_hyphens,
    }
}

/// Cuts one input paragraph (lines between blank lines) into blocks.
fn group_lines(lines: &[Line], page: usize, words: &Spelling<'_>, out: &mut Vec<Pre>) {
    let width = lines.iter().map(|l| l.text.chars().count()).max().unwrap_or(0);
    let mut cur: Option<Pre> = None;
    let mut awaiting_content = false;
    let mut prev_len = 0usize;
    let opens = indent_openings(lines);
    for (li, line) in lines.iter().enumerate() {
        let text = line.text.trim_start();
        if let Some(c) = text.starts_with('#').then(|| MD_HEADING.captures(text)).flatten() {
            flush(&mut cur, out);
            let level = c.get(1).map_or(1, |m| m.as_str().len()) as u8;
            let mut pre = new_pre(PreKind::Heading(level), page);
            append_line(&mut pre, c.get(2).map_or("", |m| m.as_str()), line, "");
            out.push(pre);
            awaiting_content = false;
            prev_len = 0;
            continue;
        }
        // Inside a wrapped paragraph a line may start with a dash or a
        // number that is running text ("... agenda\n– this is"): a marker
        // opens an item only after a line that could end one.
        let marker = list_marker(text).filter(|(m, _, at)| match &cur {
            None => true,
            Some(pre) => {
                !matches!(m.as_str(), "-" | "–" | "—")
                    || *at >= text.len()
                    || matches!(pre.kind, PreKind::Item { .. })
                    || lexicon::ends_closed(&pre.body)
                    || pre.body.ends_with([',', '-', '\u{2010}'])
            }
        });
        if let Some((marker, number, at)) = marker {
            flush(&mut cur, out);
            let mut pre = new_pre(
                PreKind::Item {
                    indent: line.indent,
                    marker,
                    number,
                },
                page,
            );
            let rest = &text[at..];
            awaiting_content = rest.is_empty();
            append_line(&mut pre, rest, line, "");
            cur = Some(pre);
            prev_len = line.text.chars().count();
            continue;
        }
        let len = text.chars().count();
        match cur.as_mut() {
            Some(pre) if awaiting_content => {
                append_line(pre, text, line, "");
                awaiting_content = false;
            }
            Some(pre) => {
                let next_word = text.split_whitespace().next().map_or(0, |w| w.chars().count());
                // The previous line ended well short of the paragraph's
                // width although the next word would have fit: a
                // deliberate line break, so a new block.
                let hyphenated = pre.body.ends_with(['-', '\u{2010}', '\u{ad}']);
                let deliberate = !hyphenated && width > 0 && (prev_len + 1 + next_word) * 100 < width * 85;
                // A section heading, or a speaker-header line after a
                // finished sentence, is a block of its own whatever the
                // line widths say.
                let own_line = crate::lexicon::is_section_heading(text)
                    || (lexicon::ends_sentence(&pre.body) && header_like(text) && lexicon::at_most_words(text, 40))
                    // "Mr. WARNER. Mr. President, ...": a Record label.
                    || (lexicon::ends_closed(&pre.body) && lexicon::opens_capitals_label(text))
                    // A "Label:" line ("Report compiled by: X", "Venue: Y").
                    || label_line(text)
                    // A list's heading line after a finished item.
                    || (matches!(pre.kind, PreKind::Item { .. })
                        && pre.body.ends_with(['.', ';'])
                        && text.ends_with(':')
                        && lexicon::at_most_words(text, 20));
                let deliberate = deliberate || own_line || opens[li];
                if deliberate {
                    flush(&mut cur, out);
                    let mut pre = new_pre(PreKind::Para, page);
                    append_line(&mut pre, text, line, "");
                    cur = Some(pre);
                } else {
                    join_line(pre, text, line, words);
                }
            }
            None => {
                let mut pre = new_pre(PreKind::Para, page);
                append_line(&mut pre, text, line, "");
                cur = Some(pre);
            }
        }
        prev_len = len;
        if let Some(pre) = cur.as_mut() {
            pre.full_last_line = lines.len() >= 2 && pre.lines >= 2 && len * 100 >= width * 92;
        }
    }
    flush(&mut cur, out);
}

/// Per line of a paragraph, whether its indent alone opens a new paragraph:
/// text that marks paragraphs by a first-line indent and no blank line
/// (the Congressional Record, typed transcripts). The step is the most
/// common indent (1 to 8 columns past the least indented line); the
/// convention holds when at least four in five indented lines use it, some
/// lines are not indented, and no unindented line opens a list item (a
/// list's hanging indent is not a paragraph mark). A line at the step
/// opens a paragraph; a deeper one (a table, a quotation) does not.
fn indent_openings(lines: &[Line]) -> Vec<bool> {
    let mut opens = vec![false; lines.len()];
    let Some(base) = lines.iter().map(|l| l.indent).min() else {
        return opens;
    };
    let mut counts = [0usize; 9];
    let mut indented = 0;
    for l in lines {
        let d = l.indent - base;
        if d > 0 {
            indented += 1;
            if d <= 8 {
                counts[d] += 1;
            }
        }
    }
    let Some((step, &n)) = counts
        .iter()
        .enumerate()
        .skip(1)
        .max_by_key(|&(d, n)| (*n, std::cmp::Reverse(d)))
    else {
        return opens;
    };
    let hanging = lines
        .iter()
        .any(|l| l.indent == base && list_marker(l.text.trim_start()).is_some());
    if lines.len() < 3 || n == 0 || n * 5 < indented * 4 || indented == lines.len() || hanging {
        return opens;
    }
    for (k, l) in lines.iter().enumerate().skip(1) {
        opens[k] = l.indent - base == step;
    }
    opens
}

fn new_pre(kind: PreKind, page: usize) -> Pre {
    Pre {
        kind,
        body: String::new(),
        page,
        page_marks: Vec::new(),
        repairs: Vec::new(),
        lines: 0,
        full_last_line: false,
    }
}

fn flush(cur: &mut Option<Pre>, out: &mut Vec<Pre>) {
    if let Some(pre) = cur.take() {
        out.push(pre);
    }
}

/// Appends `text` (a line's content) to a block after `sep`, carrying the
/// line's repairs over with their range.
fn append_line(pre: &mut Pre, text: &str, line: &Line, sep: &str) {
    pre.body.push_str(sep);
    let start = pre.body.len();
    pre.body.push_str(text.trim());
    let end = pre.body.len();
    for (code, message) in &line.repairs {
        pre.repairs.push(Repair {
            code,
            message: message.clone(),
            range: (start, end),
        });
    }
    pre.lines += 1;
}

/// Joins a continuation line to a block, repairing line-end hyphenation.
fn join_line(pre: &mut Pre, text: &str, line: &Line, words: &Spelling<'_>) {
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
            } else if CLOSED_COMPOUNDS.iter().any(|w| closed.starts_with(w)) {
                true
            } else {
                soft || !(words.soft_hyphens || COMPOUND_PREFIXES.contains(&stem.as_str()))
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
            code: "normalize.hyphenation-joined",
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

/// Compounds the genre writes closed (UN usage), joined without a hyphen
/// when the document gives no spelling of its own; matched as word starts
/// so that inflections ("peacekeepers") count.
const CLOSED_COMPOUNDS: &[&str] = &["peacekeep", "peacebuild", "peacemak", "peacetime"];

/// Words that form hyphenated compounds ("self-defense", "non-combat").
const COMPOUND_PREFIXES: &[&str] = &[
    "self",
    "non",
    "co",
    "ex",
    "anti",
    "post",
    "multi",
    "cross",
    "well",
    "long",
    "short",
    "high",
    "low",
    "semi",
    "quasi",
    "half",
    "full",
    "mid",
    "counter",
    "vice",
    "capacity",
    "decision",
    "trust",
    "confidence",
    "follow",
    "cease",
    "socio",
    "state",
    "first",
    "third",
    "large",
    "small",
    "far",
];

/// True when a line opens with a capitalized label of up to four words, a
/// colon and a value ("Report compiled by: Ann Lee", "Venue: Kyoto").
fn label_line(text: &str) -> bool {
    let Some((label, value)) = text.split_once(':') else {
        return false;
    };
    let words = label.split_whitespace().take(5).count();
    !value.trim().is_empty()
        && (1..=4).contains(&words)
        && label.starts_with(char::is_uppercase)
        && label.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && !crate::lexicon::is_section_heading(label)
}

/// True when a block reads like a speaker header or name line that a
/// lower-case line could not continue ("Mr. Akira TANAKA").
fn header_like(s: &str) -> bool {
    let Some((_, at)) = lexicon::leading_honorific(s) else {
        return false;
    };
    let mut names = 0;
    for tok in s[at..].split_whitespace() {
        if lexicon::is_name_word(tok.trim_end_matches(',')) {
            names += 1;
            if tok.ends_with(',') {
                return true;
            }
        } else {
            return names > 0 && !lexicon::starts_lowercase(tok);
        }
    }
    names > 0
}

/// Joins paragraphs that a page break or a stray blank line cut
/// mid-sentence: the first does not end with closing punctuation, the
/// second starts in lower case and is neither a heading nor a list item.
fn rejoin(pres: Vec<Pre>) -> Vec<Pre> {
    let mut out: Vec<Pre> = Vec::with_capacity(pres.len());
    for pre in pres {
        if let Some(prev) = out.last_mut()
            && pre.kind == PreKind::Para
            && matches!(prev.kind, PreKind::Para | PreKind::Item { .. })
            && !lexicon::at_most_words(&prev.body, 5)
            && !header_like(&prev.body)
            && (!lexicon::ends_closed(&prev.body)
                && (lexicon::starts_lowercase(&pre.body) || continues_on_next_page(prev, &pre))
                || cut_at_page_end(prev, &pre))
        {
            let last_word = prev.body.rfind(' ').map_or(0, |i| i + 1);
            prev.body.push(' ');
            let at = prev.body.len();
            if pre.page != prev.page || prev.page_marks.last().is_some_and(|m| m.1 != pre.page) {
                prev.page_marks.push((at, pre.page));
            }
            prev.body.push_str(&pre.body);
            for (off, page) in pre.page_marks {
                prev.page_marks.push((at + off, page));
            }
            for r in pre.repairs {
                prev.repairs.push(Repair {
                    range: (r.range.0 + at, r.range.1 + at),
                    ..r
                });
            }
            let first_end = prev.body[at..].find(' ').map_or(prev.body.len(), |i| at + i);
            prev.repairs.push(Repair {
                code: "normalize.paragraph-rejoined",
                message: if pre.page != prev.page || prev.page_marks.last().is_some_and(|m| m.1 != pre.page) {
                    "Rejoined a paragraph split by a page break.".to_string()
                } else {
                    "Rejoined a paragraph split by a blank line mid-sentence.".to_string()
                },
                range: (last_word, first_end),
            });
            prev.lines += pre.lines;
            prev.full_last_line = pre.full_last_line;
            continue;
        }
        out.push(pre);
    }
    out
}

/// True when `next`, on a later page than the end of `prev`, continues
/// `prev`'s sentence although it does not start in lower case ("... the
/// \[page\] Member States agreed."): `prev` has running words, `next` has
/// running words too (or is a short sentence end, or starts with a digit)
/// and is neither a heading nor a header line.
fn continues_on_next_page(prev: &Pre, next: &Pre) -> bool {
    let prev_page = prev.page_marks.last().map_or(prev.page, |m| m.1);
    let last_word = prev.body.split_whitespace().last().unwrap_or("");
    let item = matches!(prev.kind, PreKind::Item { .. });
    next.page > prev_page
        && (!next.body.starts_with(char::is_uppercase)
            || lexicon::is_function_word(&last_word.to_lowercase())
            || (item || lexicon::has_content_lowercase_words(&prev.body, 1))
                && (lexicon::has_content_lowercase_words(&next.body, 1)
                    || lexicon::ends_closed(&next.body) && lexicon::at_most_words(&next.body, 12)))
        && !header_like(&next.body)
        && !crate::lexicon::is_section_heading(&next.body)
}

/// True when a wrapped paragraph whose last line runs to full width ends
/// a page and prose starts the next page: a paragraph cut by the page end
/// at a sentence boundary (a paragraph's own last line is rarely full).
fn cut_at_page_end(prev: &Pre, next: &Pre) -> bool {
    let prev_page = prev.page_marks.last().map_or(prev.page, |m| m.1);
    next.page > prev_page
        && prev.full_last_line
        && matches!(prev.kind, PreKind::Para)
        && lexicon::is_prose(&next.body)
        && !header_like(&next.body)
        && !crate::lexicon::is_section_heading(&next.body)
}

/// Nesting depth of each list item: the rank of its indentation among the
/// indentations of its run of consecutive items.
fn list_depths(pres: &[Pre]) -> Vec<u8> {
    let mut depths = vec![0u8; pres.len()];
    let mut i = 0;
    while i < pres.len() {
        if !matches!(pres[i].kind, PreKind::Item { .. }) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut indents = Vec::new();
        while j < pres.len() {
            match &pres[j].kind {
                PreKind::Item { indent, .. } => indents.push(*indent),
                _ => break,
            }
            j += 1;
        }
        let mut distinct = indents.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for (k, ind) in indents.iter().enumerate() {
            let rank = distinct.iter().position(|d| d == ind).unwrap_or(0);
            depths[i + k] = rank.min(u8::MAX as usize) as u8;
        }
        i = j;
    }
    depths
}

/// Writes the normalized text (blocks separated by a blank line), the
/// blocks, the page map and the repair diagnostics.
fn emit(pres: Vec<Pre>, depths: &[u8], raw: &RawText) -> Normalized {
    let mut text = String::new();
    let mut blocks = Vec::with_capacity(pres.len());
    let npages = raw.pages.len();
    let mut first_at: Vec<Option<usize>> = vec![None; npages];
    let mut diagnostics = raw.diagnostics.clone();
    let mut pending = Vec::new();
    for (i, pre) in pres.into_iter().enumerate() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        let prefix = match &pre.kind {
            PreKind::Para => String::new(),
            PreKind::Heading(level) => format!("{} ", "#".repeat(*level as usize)),
            PreKind::Item { marker, .. } => format!("{marker} "),
        };
        text.push_str(&prefix);
        let content_start = text.len();
        text.push_str(&pre.body);
        let end = text.len();
        if let Some(slot) = first_at.get_mut(pre.page)
            && slot.is_none()
        {
            *slot = Some(start);
        }
        for (off, page) in &pre.page_marks {
            if let Some(slot) = first_at.get_mut(*page)
                && slot.is_none()
            {
                *slot = Some(content_start + off);
            }
        }
        let kind = match pre.kind {
            PreKind::Para => BlockKind::Paragraph,
            PreKind::Heading(level) => BlockKind::Heading { level },
            PreKind::Item { marker, number, .. } => BlockKind::ListItem {
                depth: depths.get(i).copied().unwrap_or(0),
                marker,
                number,
            },
        };
        blocks.push(Block {
            kind,
            span: (start, end),
            content: (content_start, end),
        });
        // Merge a block's repairs of the same code into one diagnostic.
        let mut by_code: Vec<(&'static str, String, usize, usize)> = Vec::new();
        for r in pre.repairs {
            let (s, e) = (content_start + r.range.0, content_start + r.range.1);
            // Joins are one repair each; line-level repairs are merged.
            let each = matches!(r.code, "normalize.paragraph-rejoined" | "normalize.hyphenation-joined");
            if !each && let Some(x) = by_code.iter_mut().find(|x| x.0 == r.code && x.1 == r.message) {
                x.2 = x.2.min(s);
                x.3 = x.3.max(e);
            } else {
                by_code.push((r.code, r.message, s, e));
            }
        }
        for (code, message, s, e) in by_code {
            pending.push((code, message, s, e));
        }
    }
    text.push('\n');
    let pages = if raw.paged {
        let mut starts = vec![0usize; npages];
        let mut next = text.len();
        for p in (0..npages).rev() {
            if let Some(at) = first_at[p] {
                next = next.min(at);
            }
            starts[p] = next;
        }
        if let Some(s) = starts.first_mut() {
            *s = 0;
        }
        // Keep the starts ascending whatever the joins did.
        for p in 1..npages {
            if starts[p] < starts[p - 1] {
                starts[p] = starts[p - 1];
            }
        }
        PageMap { starts }
    } else {
        PageMap::default()
    };
    for (code, message, mut s, e) in pending {
        let mut e = e.min(text.len()).max(s);
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        while !text.is_char_boundary(e) {
            e += 1;
        }
        diagnostics.push(Diagnostic::info(code, message, Some(pages.span(s, e))));
    }
    Normalized {
        text,
        pages,
        blocks,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_ranges_are_nfc_and_fold_to_themselves() {
        use unicode_normalization::char::canonical_combining_class;
        let ranges = [
            ('\u{a1}', '\u{2ff}'),
            ('\u{2010}', '\u{202e}'),
            ('\u{2030}', '\u{203f}'),
        ];
        for (lo, hi) in ranges {
            for c in lo..=hi {
                let s = format!("a{c}b");
                assert!(is_plain(&s), "{c:?}");
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                let line = clean_line(&s);
                assert_eq!(line.text, s, "{c:?}");
                assert!(line.repairs.is_empty(), "{c:?}");
            }
        }
        for s in [
            " a",
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "a\u{2003}b",
            "a\u{202f}b",
            "a\u{200b}b",
            "a\u{85}b",
            "e\u{301}",
            "\u{2000}",
        ] {
            assert!(!is_plain(s), "{s:?}");
        }
        assert!(is_plain("Peace – “keeping” — it’s… •"));
    }

    use super::*;

    fn norm(s: &str) -> Normalized {
        normalize(&RawText {
            pages: vec![s.to_string()],
            paged: false,
            diagnostics: vec![],
        })
    }

    fn contents(n: &Normalized) -> Vec<&str> {
        (0..n.blocks.len()).map(|i| n.content(i)).collect()
    }

    #[test]
    fn math_mode_lines_become_plain() {
        let n = norm("$Kyoto\\ Peace\\ Center\\ (KPC)$\n\nNext");
        assert_eq!(contents(&n), vec!["Kyoto Peace Center (KPC)", "Next"]);
        assert!(n.diagnostics.iter().any(|d| d.code == "normalize.math-mode"));
        // A price is not math.
        assert_eq!(
            contents(&norm("It cost $5 and $10 in total.")),
            vec!["It cost $5 and $10 in total."]
        );
    }

    #[test]
    fn emphasis_and_escapes_are_read_as_plain() {
        let n = norm("**Mr. Ken Abe** said *this* and 1\\. that");
        assert_eq!(n.content(0), "Mr. Ken Abe said this and 1. that");
    }

    #[test]
    fn odd_spaces_fold_and_nfc_applies() {
        let n = norm("Caf\u{65}\u{301}\u{a0}au  lait\u{200b}");
        assert_eq!(n.content(0), "Café au lait");
        assert!(n.diagnostics.iter().any(|d| d.code == "normalize.space-folded"));
        assert!(n.diagnostics.iter().any(|d| d.code == "normalize.unicode-nfc"));
    }

    #[test]
    fn running_headers_and_footers_are_dropped() {
        let page = |n: u32, body: &str| format!("Annual Forum Proceedings 2021\n\n{body}\n\n- {n} -\n");
        let text = [
            page(1, "The forum opened with a welcome by the chair of the\nboard."),
            page(2, "Speakers then took the floor."),
            page(3, "The forum closed."),
        ]
        .join("\u{c}");
        let n = norm(&text);
        assert_eq!(
            contents(&n),
            vec![
                "The forum opened with a welcome by the chair of the board.",
                "Speakers then took the floor.",
                "The forum closed."
            ]
        );
        assert!(n.diagnostics.iter().any(|d| d.code == "normalize.running-line-removed"));
        // Without form feeds, page-number lines cut the pages.
        let n = norm("Forum Report\n\nFirst part.\n\nPage 1\n\nForum Report\n\nSecond part.\n\nPage 2\n");
        assert_eq!(contents(&n), vec!["First part.", "Second part."]);
        // A line that also stands inside a page is text (a repeated header).
        let n = norm("Dr. A\n\nSpoke.\n\nDr. B\n\nAsked.\n\nDr. A\n\nReplied.\n\u{c}Dr. A\n\nMore.");
        assert_eq!(contents(&n).iter().filter(|c| **c == "Dr. A").count(), 3);
    }

    #[test]
    fn list_markers_are_structure() {
        let n = norm("Heading:\n\n- 1. First,\n- 2. Second\n - o Nested\n• Bullet\n1) Paren\na. Letter");
        let kinds: Vec<_> = n.blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(kinds[0], BlockKind::Paragraph);
        assert_eq!(
            kinds[1],
            BlockKind::ListItem {
                depth: 0,
                marker: "- 1.".into(),
                number: Some(1)
            }
        );
        assert_eq!(
            kinds[3],
            BlockKind::ListItem {
                depth: 1,
                marker: "- o".into(),
                number: None
            }
        );
        assert_eq!(
            contents(&n)[1..],
            ["First,", "Second", "Nested", "Bullet", "Paren", "Letter"]
        );
        assert_eq!(&n.text[n.blocks[1].span.0..n.blocks[1].span.1], "- 1. First,");
    }

    #[test]
    fn marker_alone_on_a_line_takes_the_next_line() {
        let n = norm("1.\nUN Operations,\n2.\nOther operations");
        assert_eq!(contents(&n), vec!["UN Operations,", "Other operations"]);
    }

    #[test]
    fn split_paragraphs_are_rejoined_contiguously() {
        let n = norm("He spoke about the end of\n\nthe Cold War and more.\n\nNext one.");
        assert_eq!(
            contents(&n),
            vec!["He spoke about the end of the Cold War and more.", "Next one."]
        );
        let d = n.diagnostics.iter().find(|d| d.code == "normalize.paragraph-rejoined");
        let span = d.and_then(|d| d.span).expect("span");
        assert_eq!(&n.text[span.start..span.end], "of the");
    }

    #[test]
    fn page_breaks_split_and_rejoin_with_page_map() {
        let raw = RawText {
            pages: vec![
                "Intro line.\n\nThe delegates spoke at length of the".into(),
                "matter at hand.\n\nNew para.".into(),
            ],
            paged: true,
            diagnostics: vec![],
        };
        let n = normalize(&raw);
        assert_eq!(n.content(1), "The delegates spoke at length of the matter at hand.");
        let at = n.text.find("matter").expect("found");
        assert_eq!(n.pages.starts, vec![0, at]);
        let s = n.block_span(1);
        assert_eq!((s.page, s.page_end), (Some(1), Some(2)));
    }

    #[test]
    fn capitalized_continuation_joins_only_across_pages() {
        let raw = RawText {
            pages: vec![
                "The delegates agreed that the proposals of the".into(),
                "Member States needed further work before the vote.\n\nShort Title".into(),
            ],
            paged: true,
            diagnostics: vec![],
        };
        let n = normalize(&raw);
        assert_eq!(n.blocks.len(), 2);
        assert!(
            n.content(0)
                .ends_with("of the Member States needed further work before the vote.")
        );
        let n = norm(
            "The delegates agreed that the proposals of the\n\nMember States needed further work before the vote.",
        );
        assert_eq!(n.blocks.len(), 2);
    }

    #[test]
    fn full_last_line_at_a_page_end_continues() {
        let page1 = "The delegates agreed on the text of the resolution after a long night.\n\
                     They then turned to the budget, which took the rest of the week to settle.";
        let page2 = "Nobody expected the final vote to be unanimous, yet it was in the end.";
        let raw = RawText {
            pages: vec![page1.into(), page2.into()],
            paged: true,
            diagnostics: vec![],
        };
        assert_eq!(normalize(&raw).blocks.len(), 1);
        // A short last line ends the paragraph.
        let page1 = "The delegates agreed on the text of the resolution after a long night.\nThey stopped.";
        let raw = RawText {
            pages: vec![page1.into(), page2.into()],
            paged: true,
            diagnostics: vec![],
        };
        assert_eq!(normalize(&raw).blocks.len(), 2);
    }

    #[test]
    fn numbered_marker_lines_and_list_headings_in_wrapped_text() {
        let n = norm(
            "running footer 8\n5.\nThe use of force is limited.\n12.\nMFO Sinai 2019: Staff (2).\nCurrent Dispatch to Missions:",
        );
        let kinds: Vec<bool> = n
            .blocks
            .iter()
            .map(|b| matches!(b.kind, BlockKind::ListItem { .. }))
            .collect();
        assert_eq!(kinds, vec![false, true, true, false]);
        assert_eq!(n.content(3), "Current Dispatch to Missions:");
    }

    #[test]
    fn label_lines_are_blocks_of_their_own() {
        let n = norm(
            "Wednesday, 27 July 2022 8:00 p.m. Tokyo, 1:00 p.m. Paris, 7:00 a.m. New York\nReport compiled by: Ann Lee",
        );
        assert_eq!(n.blocks.len(), 2);
        assert_eq!(n.content(1), "Report compiled by: Ann Lee");
    }

    #[test]
    fn dashes_inside_wrapped_lines_are_text() {
        let n = norm("a new conference had to be called to draw a separate agenda\n– this is not a holistic approach.");
        assert_eq!(n.blocks.len(), 1);
        let n = norm("Items:\n– first item,\n– second item.");
        assert_eq!(n.blocks.len(), 3);
    }

    #[test]
    fn no_rejoin_after_closing_punctuation_or_name_lines() {
        let n = norm("A full sentence ends here.\n\nlowercase start\n\nMr. Naoto HISAJIMA\n\non");
        assert_eq!(n.blocks.len(), 4);
    }

    #[test]
    fn form_feed_is_a_paragraph_break_that_can_rejoin() {
        let n = norm("The committee agreed after a long debate that the\u{c}report was ready.");
        assert_eq!(
            contents(&n),
            vec!["The committee agreed after a long debate that the report was ready."]
        );
    }

    #[test]
    fn wrapped_lines_join_and_short_lines_break() {
        let text = "Mr. Naoto Hisajima\nDirector-General, Secretariat of the International Peace Headquarters,\nCabinet Office, Government of Japan";
        let n = norm(text);
        assert_eq!(
            contents(&n),
            vec![
                "Mr. Naoto Hisajima",
                "Director-General, Secretariat of the International Peace Headquarters, Cabinet Office, Government of Japan"
            ]
        );
    }

    #[test]
    fn hyphenation_across_lines() {
        let n = norm(
            "the Inter\u{2010}\nnational Peace Cooperation and the self-\ndefense forces of the self-defense kind",
        );
        assert_eq!(
            n.content(0),
            "the International Peace Cooperation and the self-defense forces of the self-defense kind"
        );
    }

    #[test]
    fn hard_hyphens_are_compounds_where_soft_ones_hyphenate() {
        let n = norm(
            "a long line of text that ends with a broken Inter\u{2010}\nnational word and then civil-\nsociety groups",
        );
        assert_eq!(
            n.content(0),
            "a long line of text that ends with a broken International word and then civil-society groups"
        );
        let n = norm("a long line of text that ends with a broken inter-\nnational word and then self-\nreliance");
        assert_eq!(
            n.content(0),
            "a long line of text that ends with a broken international word and then self-reliance"
        );
    }

    #[test]
    fn genre_compounds_close_without_evidence_and_follow_it_with() {
        let n = norm("field positions in peace-\nkeeping missions and peace-\nbuilders");
        assert_eq!(
            n.content(0),
            "field positions in peacekeeping missions and peacebuilders"
        );
        // The document's own spelling wins.
        let n = norm("peace-keeping is old. field positions in peace-\nkeeping missions");
        assert_eq!(
            n.content(0),
            "peace-keeping is old. field positions in peace-keeping missions"
        );
    }

    #[test]
    fn lone_page_numbers_are_removed_and_the_sentence_rejoined() {
        for folio in ["- 2 -", "12", "– 7 –", "Page 3", "Page 3 of 7", "3/7"] {
            let n = norm(&format!(
                "The first part of the sentence runs on to the\n\n{folio}\n\n\u{c}rest of it here."
            ));
            assert_eq!(n.blocks.len(), 1, "{folio}");
            assert_eq!(
                n.content(0),
                "The first part of the sentence runs on to the rest of it here."
            );
            assert!(
                n.diagnostics.iter().any(|d| d.code == "normalize.page-number-removed"),
                "{folio}"
            );
        }
        // Not page numbers: a year, a numbered marker, a number in a sentence.
        for keep in ["2022", "1.", "12 delegates attended."] {
            let n = norm(&format!("Some text.\n\n{keep}"));
            assert_eq!(n.blocks.len(), 2, "{keep}");
        }
    }

    #[test]
    fn markdown_headings() {
        let n = norm("# Part I: Presentation\n\nText.");
        assert_eq!(n.blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(n.content(0), "Part I: Presentation");
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for s in [
            "",
            "\n\n",
            "\u{c}",
            "-",
            "1.",
            "$",
            "$$",
            "**",
            "- \n- ",
            "é\u{2010}\nü",
        ] {
            let n = norm(s);
            for b in &n.blocks {
                assert!(n.text.get(b.span.0..b.span.1).is_some());
            }
        }
    }
}
