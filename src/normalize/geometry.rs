//! The geometry pass over a PDF's laid-out pages (the lines the PDF reader
//! hands on): running headers, footers and page numbers by their place on
//! the page, paragraphs and list items by line spacing, indents and
//! alignment, and line-end hyphens.
//!
//! Works on every page at once because its evidence is document-wide: a
//! header is a line repeated at the same place on most pages, the usual line
//! spacing tells a paragraph gap from a line break, and a hyphen at a line
//! end is dropped only where the joined word is used elsewhere in the
//! document (or the producer marks automatic hyphenation with U+2010 or a
//! soft hyphen). Hands on one string per page (paragraphs separated by a blank
//! line, list items one per line) and the diagnostics of what was repaired.

use std::borrow::Cow;

use foldhash::{HashMap, HashSet};

use super::furniture::furniture_key;
use crate::diagnostics::Code;
use crate::lexicon::is_page_number;
use crate::pdf::layout::{Line, PageLines};
use crate::report::Diagnostic;

/// Share of the page height, at the top and at the bottom, where running
/// headers and footers are looked for.
const BAND: f32 = 0.085;
/// A wider band for lines set apart from the body by a gap of two lines or
/// more: LaTeX puts page numbers about 14% of an A4 page above its bottom
/// edge, and a layout made for Letter printed on A4 moves a footer up 50 pt.
const WIDE_BAND: f32 = 0.15;

/// Renders the pages to text.
pub(super) fn render(mut pages: Vec<PageLines>, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    remove_furniture(&mut pages, diags);
    let step = usual_line_step(&pages);
    let vocab = Vocab::build(&pages);
    let mut stats = HyphenStats::default();
    let mut out: Vec<String> = pages.iter().map(|p| render_page(p, step, &vocab, &mut stats)).collect();
    join_across_pages(&mut out, &vocab, &mut stats);
    if stats.joined + stats.kept > 0 {
        let mut msg = format!(
            "Line-end hyphens: {} removed to rejoin words split across lines, {} kept as part of compounds or ranges.",
            stats.joined, stats.kept
        );
        if !stats.examples.is_empty() {
            msg.push_str(&format!(" Examples: {}.", stats.examples.join(", ")));
        }
        diags.push(Diagnostic::info(Code::PdfDehyphenated, msg, None));
    }
    out
}

fn remove_furniture(pages: &mut [PageLines], diags: &mut Vec<Diagnostic>) {
    // Candidate lines: the first and last few lines by position, in the bands.
    let mut candidates: Vec<Vec<(usize, bool, String)>> = Vec::with_capacity(pages.len());
    for p in pages.iter() {
        let mut c = Vec::new();
        let h = if p.height > 0.0 { p.height } else { 792.0 };
        let mut by_y: Vec<usize> = (0..p.lines.len()).filter(|&i| p.lines[i].dir == 0).collect();
        by_y.sort_by(|&a, &b| p.lines[a].y.total_cmp(&p.lines[b].y));
        // Set apart: two line heights or more from the next line inwards, on
        // a page with a body of several lines.
        let apart = |i: usize, next: Option<&usize>| {
            let l = &p.lines[i];
            by_y.len() >= 4 && next.is_some_and(|&j| (p.lines[j].y - l.y).abs() >= 2.0 * l.size.max(p.lines[j].size))
        };
        for (k, &i) in by_y.iter().enumerate().take(3) {
            let y = p.lines[i].y;
            if y < BAND * h || (y < WIDE_BAND * h && apart(i, by_y.get(k + 1))) {
                c.push((i, true, furniture_key(&p.lines[i].text)));
            }
        }
        for (k, &i) in by_y.iter().rev().enumerate().take(3) {
            let y = p.lines[i].y;
            let next = by_y.len().checked_sub(k + 2).and_then(|j| by_y.get(j));
            let in_band = y > (1.0 - BAND) * h || (y > (1.0 - WIDE_BAND) * h && apart(i, next));
            if in_band && !c.iter().any(|x| x.0 == i) {
                c.push((i, false, furniture_key(&p.lines[i].text)));
            }
        }
        candidates.push(c);
    }
    let text_pages = pages.iter().filter(|p| !p.lines.is_empty()).count();
    let mut count: HashMap<(bool, &str), usize> = HashMap::default();
    for c in &candidates {
        let mut seen = HashSet::default();
        for (_, top, key) in c {
            if seen.insert((*top, key.as_str())) {
                *count.entry((*top, key.as_str())).or_default() += 1;
            }
        }
    }
    let mut remove: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    let mut reported: HashMap<String, (String, Vec<usize>)> = HashMap::default();
    for (pi, c) in candidates.iter().enumerate() {
        for (li, top, key) in c {
            let line = &pages[pi].lines[*li];
            let n = count.get(&(*top, key.as_str())).copied().unwrap_or(0);
            let repeated = text_pages >= 2 && n >= 2 && n * 2 >= text_pages;
            let page_no = is_page_number(&line.text);
            if repeated || page_no || line.artifact {
                remove[pi].push(*li);
                let kind = if page_no {
                    "page numbers like"
                } else if *top {
                    "running header"
                } else {
                    "running footer"
                };
                let e = reported
                    .entry(format!("{kind}\u{0}{key}"))
                    .or_insert_with(|| (format!("{kind} \"{}\"", line.text), Vec::new()));
                e.1.push(pi + 1);
            }
        }
    }
    // Artifact lines elsewhere on the page (tagged PDFs mark furniture).
    for (pi, p) in pages.iter().enumerate() {
        for (li, l) in p.lines.iter().enumerate() {
            if l.artifact && !remove[pi].contains(&li) {
                remove[pi].push(li);
                let e = reported
                    .entry(format!("artifact\u{0}{}", furniture_key(&l.text)))
                    .or_insert_with(|| (format!("pagination artifact \"{}\"", l.text), Vec::new()));
                e.1.push(pi + 1);
            }
        }
    }
    let mut msgs: Vec<(usize, String)> = reported
        .into_values()
        .map(|(what, pages)| {
            let first = pages.first().copied().unwrap_or(0);
            (first, format!("Removed the {what} on {}.", page_list(&pages)))
        })
        .collect();
    msgs.sort();
    for (_, m) in msgs {
        diags.push(Diagnostic::info(Code::PdfFurnitureRemoved, m, None));
    }
    for (p, mut rm) in pages.iter_mut().zip(remove) {
        rm.sort_unstable();
        rm.dedup();
        for li in rm.into_iter().rev() {
            p.lines.remove(li);
        }
    }
}

fn page_list(pages: &[usize]) -> String {
    if pages.len() == 1 {
        return format!("page {}", pages[0]);
    }
    let shown: Vec<String> = pages.iter().take(12).map(|p| p.to_string()).collect();
    let more = if pages.len() > 12 { ", ..." } else { "" };
    format!("pages {}{more}", shown.join(", "))
}

/// The most common baseline distance between consecutive lines, as a share
/// of the font size.
fn usual_line_step(pages: &[PageLines]) -> f32 {
    let mut hist: HashMap<i32, usize> = HashMap::default();
    for p in pages {
        for w in p.lines.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.region != b.region || a.dir != b.dir {
                continue;
            }
            let size = a.size.max(b.size);
            if size <= 0.0 || (a.size - b.size).abs() > 0.1 * size {
                continue;
            }
            let r = (b.y - a.y) / size;
            if (0.9..=2.5).contains(&r) {
                *hist.entry((r * 40.0).round() as i32).or_default() += 1;
            }
        }
    }
    hist.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k as f32 / 40.0)
        .unwrap_or(1.2)
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '’', '”', ')', ']']);
    t.ends_with(['.', '!', '?', ':'])
}

/// The width of the first word of `l` and a space before it, estimated from
/// the line's average character width.
fn first_word_width(l: &Line) -> f32 {
    let chars = l.text.chars().count().max(1) as f32;
    let first = l.text.split(' ').next().map_or(0, |w| w.chars().count() + 1) as f32;
    (l.x1 - l.x0) * first / chars
}

/// Does `cur` start a new paragraph after `prev` (same region)?
///
/// `item` is where the open list item's marker and its text start.
fn starts_paragraph(prev: &Line, cur: &Line, item: Option<(f32, f32)>, lead_bold: bool, step: f32) -> bool {
    if cur.marker {
        return true;
    }
    let size = prev.size.max(cur.size).max(1.0);
    if (prev.size - cur.size).abs() > 0.15 * size {
        return true;
    }
    let dy = cur.y - prev.y;
    if dy > (step + 0.2) * size || dy < -0.5 * size {
        return true;
    }
    let width = (cur.region_x1 - cur.region_x0).max(1.0);
    if let Some((marker_x, text_x)) = item {
        // After a list item: continuation lines are indented to its text, or,
        // without a hanging indent, start where the marker does (or left of
        // it) after a line that was wrapped without ending a sentence.
        if cur.x0 >= text_x - 0.5 * size {
            return false;
        }
        // The line before was full, or ragged but the next word would not
        // have fit on it.
        let full = prev.x1 >= cur.region_x1 - 2.0 * size;
        let wrapped = full || prev.x1 + first_word_width(cur) > cur.region_x1 - 0.5 * size;
        // At the marker, or left of it (a numbered paragraph with a
        // first-line indent goes on at the margin).
        // A colon does not end the item here: a following list would come
        // with markers of its own.
        let at_marker = cur.x0 <= marker_x + 0.5 * size;
        let ended = ends_sentence(&prev.text) && !prev.text.ends_with(':');
        return !(at_marker && wrapped && !ended);
    }
    // Centred lines (a title block) are lines of their own, unless the line
    // before was wrapped: the next line's first word would not have fit on it.
    // Text that starts further left after a centred line is a new paragraph.
    let centred =
        |l: &Line| l.x0 > l.region_x0 + 2.0 * size && ((l.x0 + l.x1) - (l.region_x0 + l.region_x1)).abs() < 2.0 * size;
    if centred(prev) && !centred(cur) && cur.x0 < prev.x0 - size {
        return true;
    }
    if centred(prev) && centred(cur) && prev.x1 - prev.x0 + first_word_width(cur) < width - 0.5 * size {
        return true;
    }
    // A first-line indent (a centred line after a wider one is no indent:
    // a wrapped title).
    if cur.x0 > prev.x0 + 1.0 * size
        && cur.x0 < prev.x0 + 8.0 * size
        && cur.x0 > cur.region_x0 + 1.0 * size
        && !centred(cur)
    {
        return true;
    }
    // A short line ends its paragraph if it ends a sentence, or if the
    // paragraph began in bold and the short line is not (a speaker's bold
    // name, then the affiliation in roman, then the speech). A bold line alone
    // may be a name whose affiliation follows, so it does not end anything.
    let short = prev.x1 < cur.region_x1 - (4.0 * size).max(0.15 * width);
    short && (ends_sentence(&prev.text) || (lead_bold && !prev.bold && !cur.lead_bold))
}

#[derive(Default)]
struct HyphenStats {
    joined: usize,
    kept: usize,
    examples: Vec<String>,
}

/// Words of the document as written inside lines.
struct Vocab {
    words: HashSet<String>,
    hyphenated: HashSet<String>,
    /// U+2010 is used only at line ends: the producer's hyphenation mark.
    u2010_marks_breaks: bool,
    /// Line ends of a letter and a hyphen-minus before a lowercase letter are
    /// frequent (more than one in 30 lines): the producer hyphenates words,
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
    fn build(pages: &[PageLines]) -> Vocab {
        let mut words = HashSet::default();
        let mut hyphenated = HashSet::default();
        let (mut mid, mut end) = (0usize, 0usize);
        let (mut lines, mut breaks) = (0usize, 0usize);
        for p in pages {
            let mut prev_hyphen = false;
            let mut prev_break = false;
            for l in &p.lines {
                lines += 1;
                if prev_break && l.text.starts_with(char::is_lowercase) {
                    breaks += 1;
                }
                let mut tail = l.text.chars().rev();
                prev_break = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
                let toks: Vec<&str> = l.text.split(' ').collect();
                let n = toks.len();
                // Looked for per token only in the few lines that have one.
                let has_u2010 = l.text.contains('\u{2010}');
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
                    let core = lowercase(word_core(t));
                    if core.is_empty() {
                        continue;
                    }
                    if core.contains(is_hyphen) {
                        for part in core.split(is_hyphen) {
                            if !part.is_empty() {
                                words.insert(part.to_string());
                            }
                        }
                        hyphenated.insert(core.replace(is_hyphen, "-"));
                    } else if !words.contains(core.as_ref()) {
                        words.insert(core.into_owned());
                    }
                }
                prev_hyphen = l.text.ends_with(is_hyphen);
            }
        }
        Vocab {
            words,
            hyphenated,
            u2010_marks_breaks: end > 0 && mid == 0,
            auto_hyphenation: breaks * 30 > lines,
        }
    }
}

/// How to join a line ending in `prev` with the next line starting `next`.
enum Join {
    /// With a space.
    Space,
    /// Drop the line-end hyphen and join the word.
    Dehyphenate,
    /// Keep the hyphen, no space.
    KeepHyphen,
}

fn join_kind(prev: &str, next: &str, vocab: &Vocab) -> Join {
    let Some(h) = prev.chars().next_back() else {
        return Join::Space;
    };
    let last_tok = prev.rsplit(' ').next().unwrap_or("");
    let stem = &last_tok[..last_tok.len() - h.len_utf8()];
    let before = stem.chars().next_back();
    let after = next.chars().next();
    let (Some(before), Some(after)) = (before, after) else {
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
        // "Timor-" "Leste", "09.1992-" "09.1993".
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
    let next_word = word_core(next.split(' ').next().unwrap_or(""));
    let stem_core = word_core(stem).to_lowercase();
    let next_core = next_word.to_lowercase();
    let joined = format!("{stem_core}{next_core}");
    let hyph = format!("{stem_core}-{next_core}");
    if vocab.hyphenated.contains(&hyph) {
        return Join::KeepHyphen;
    }
    if vocab.words.contains(&joined) {
        return Join::Dehyphenate;
    }
    // Two words of their own ("self-" "defense"): a compound.
    let stem_last = stem_core.rsplit(is_hyphen).next().unwrap_or("");
    if stem_last.chars().count() >= 2
        && vocab.words.contains(stem_last)
        && next_core.chars().count() >= 2
        && vocab.words.contains(&next_core)
    {
        return Join::KeepHyphen;
    }
    if vocab.auto_hyphenation {
        Join::Dehyphenate
    } else {
        Join::KeepHyphen
    }
}

/// A word hyphenated across a page break is completed on the first page:
/// the continuation moves up ("Rus-" | "sia's aggression" becomes "Russia's" |
/// "aggression"), so the normalize stage only has to rejoin paragraphs.
fn join_across_pages(pages: &mut [String], vocab: &Vocab, stats: &mut HyphenStats) {
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
        let word_end = next.find([' ', '\n']).unwrap_or(next.len());
        let word = next[..word_end].to_string();
        match kind {
            Join::Space => continue,
            Join::Dehyphenate => {
                prev.pop();
                stats.joined += 1;
            }
            Join::KeepHyphen => stats.kept += 1,
        }
        prev.push_str(&word);
        let rest = next[word_end..].trim_start().to_string();
        *next = rest;
    }
}

fn render_page(p: &PageLines, step: f32, vocab: &Vocab, stats: &mut HyphenStats) -> String {
    let mut out = String::new();
    let mut para = String::new();
    let mut para_is_item = false;
    let mut prev_item = false;
    let mut item: Option<(f32, f32)> = None;
    let mut lead_bold = false;
    let mut prev: Option<&Line> = None;
    let flush = |out: &mut String, para: &mut String, is_item: bool, prev_item: &mut bool| {
        if para.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push_str(if is_item && *prev_item { "\n" } else { "\n\n" });
        }
        out.push_str(para);
        para.clear();
        *prev_item = is_item;
    };
    for l in &p.lines {
        let new_para = match prev {
            None => true,
            Some(pr) if pr.region != l.region => {
                // A new column: the paragraph goes on if the last line was full
                // and did not end a sentence.
                let size = pr.size.max(1.0);
                let full = pr.x1 >= pr.region_x1 - 2.0 * size;
                l.marker || !full || ends_sentence(&pr.text) || (pr.size - l.size).abs() > 0.15 * size
            }
            Some(pr) => starts_paragraph(pr, l, item, lead_bold, step),
        };
        if new_para {
            flush(&mut out, &mut para, para_is_item, &mut prev_item);
            para_is_item = l.marker;
            item = l.marker.then_some((l.x0, l.text_x));
            lead_bold = l.lead_bold;
            para.push_str(&l.text);
        } else {
            match join_kind(&para, &l.text, vocab) {
                Join::Space => {
                    para.push(' ');
                    para.push_str(&l.text);
                }
                Join::Dehyphenate => {
                    if let Some(h) = para.pop() {
                        stats.joined += 1;
                        if stats.examples.len() < 5 {
                            let stem = para.rsplit(' ').next().unwrap_or("");
                            let next = l.text.split(' ').next().unwrap_or("");
                            stats.examples.push(format!("\"{stem}{h}{next}\" -> \"{stem}{next}\""));
                        }
                    }
                    para.push_str(&l.text);
                }
                Join::KeepHyphen => {
                    stats.kept += 1;
                    para.push_str(&l.text);
                }
            }
        }
        prev = Some(l);
    }
    flush(&mut out, &mut para, para_is_item, &mut prev_item);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str], hyph: &[&str], u2010: bool) -> Vocab {
        Vocab {
            words: words.iter().map(|s| s.to_string()).collect(),
            hyphenated: hyph.iter().map(|s| s.to_string()).collect(),
            u2010_marks_breaks: u2010,
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
        assert!(matches!(
            join_kind("the Recon-", "struction began", &v),
            Join::Dehyphenate
        ));
        assert!(matches!(join_kind("the Cease-", "fire held", &v), Join::KeepHyphen));
        assert!(matches!(
            join_kind("UNMIT Timor-", "Leste 01.2007", &v),
            Join::KeepHyphen
        ));
        assert!(matches!(join_kind("09.1992-", "09.1993", &v), Join::KeepHyphen));
        assert!(matches!(join_kind("of self-", "defense forces", &v), Join::KeepHyphen));
        assert!(matches!(join_kind("a line", "next", &v), Join::Space));
        assert!(matches!(join_kind("list -", "next", &v), Join::Space));
        assert!(matches!(join_kind("soft\u{ad}", "ware", &v), Join::Dehyphenate));
        let v2 = vocab(&["cease", "fire"], &[], true);
        assert!(matches!(join_kind("Inter\u{2010}", "national", &v2), Join::Dehyphenate));
        assert!(matches!(join_kind("civil-", "society", &v2), Join::KeepHyphen));
        // Without hyphenation by the producer, an unknown split stays a compound.
        let v3 = Vocab {
            auto_hyphenation: false,
            ..vocab(&[], &[], false)
        };
        assert!(matches!(join_kind("the peace-", "building", &v3), Join::KeepHyphen));
        assert!(matches!(join_kind("the Recon-", "struction", &v3), Join::KeepHyphen));
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
