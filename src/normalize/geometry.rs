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

use foldhash::{HashMap, HashSet};

use super::furniture::furniture_key;
use super::hyphenation::{HyphenStats, Vocab, join_across_pages, join_kind, join_text};
use crate::diagnostics::Code;
use crate::lexicon::is_page_number;
use crate::pdf::layout::{Line, PageLines};
use crate::report::{Diagnostic, Span};

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
    let vocab = Vocab::build(pages.iter().map(|p| p.lines.iter().map(|l| l.text.as_str())));
    let mut stats = HyphenStats::default();
    let mut out: Vec<String> = pages.iter().map(|p| render_page(p, step, &vocab, &mut stats)).collect();
    join_across_pages(&mut out, &vocab, &mut stats);
    diags.extend(stats.diagnostic());
    out
}

/// A line the furniture rules take from a page.
#[derive(Clone)]
struct Removal {
    line: usize,
    /// What it is, as the diagnostic says it ("running header").
    kind: &'static str,
    key: String,
    /// Furniture only because it repeats (not a page number or an artifact).
    by_repetition: bool,
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
    let mut remove: Vec<Vec<Removal>> = vec![Vec::new(); pages.len()];
    for (pi, c) in candidates.iter().enumerate() {
        for (li, top, key) in c {
            let line = &pages[pi].lines[*li];
            let n = count.get(&(*top, key.as_str())).copied().unwrap_or(0);
            let repeated = text_pages >= 2 && n >= 2 && n * 2 >= text_pages;
            let page_no = is_page_number(&line.text);
            if !(repeated || page_no || line.artifact) {
                continue;
            }
            let kind = if page_no {
                "page numbers like"
            } else if *top {
                "running header"
            } else {
                "running footer"
            };
            // Page numbers and tagged artifacts are furniture whatever else
            // the page holds; a line that is furniture only by repetition
            // may be the page's text.
            remove[pi].push(Removal {
                line: *li,
                kind,
                key: key.clone(),
                by_repetition: !(page_no || line.artifact),
            });
        }
        // Artifact lines elsewhere on the page (tagged PDFs mark furniture).
        for (li, l) in pages[pi].lines.iter().enumerate() {
            if l.artifact && !remove[pi].iter().any(|r| r.line == li) {
                remove[pi].push(Removal {
                    line: li,
                    kind: "pagination artifact",
                    key: furniture_key(&l.text),
                    by_repetition: false,
                });
            }
        }
    }
    let kept = keep_page_text(pages, &mut remove);
    report_furniture(pages, &remove, &kept, diags);
    for (p, rm) in pages.iter_mut().zip(remove) {
        let mut rm: Vec<usize> = rm.into_iter().map(|r| r.line).collect();
        rm.sort_unstable();
        rm.dedup();
        for li in rm.into_iter().rev() {
            p.lines.remove(li);
        }
    }
}

/// Furniture removal never empties a page: where the running lines are all
/// a page holds ("Speech by the Minister, part 2" repeated at the top of
/// every page), they are its text. Page numbers and tagged artifacts still
/// go. Returns the kept lines as (page, line).
fn keep_page_text(pages: &[PageLines], remove: &mut [Vec<Removal>]) -> Vec<(usize, usize)> {
    let mut kept = Vec::new();
    for (pi, rm) in remove.iter_mut().enumerate() {
        let lines = pages[pi].lines.len();
        let gone = |li: usize| rm.iter().any(|r| r.line == li);
        let surely_gone = |li: usize| rm.iter().any(|r| r.line == li && !r.by_repetition);
        if (0..lines).all(gone) && !(0..lines).all(surely_gone) {
            kept.extend(rm.iter().filter(|r| r.by_repetition).map(|r| (pi, r.line)));
            rm.retain(|r| !r.by_repetition);
        }
    }
    kept
}

/// One diagnostic per kind of removed line (and per kept one), its span
/// carrying the first page it stands on (see [`RawText::diagnostics`]).
///
/// [`RawText::diagnostics`]: crate::text::RawText::diagnostics
fn report_furniture(
    pages: &[PageLines],
    remove: &[Vec<Removal>],
    kept: &[(usize, usize)],
    diags: &mut Vec<Diagnostic>,
) {
    let mut reported: HashMap<String, (String, Vec<usize>)> = HashMap::default();
    for (pi, rm) in remove.iter().enumerate() {
        for r in rm {
            let e = reported
                .entry(format!("{}\u{0}{}", r.kind, r.key))
                .or_insert_with(|| (format!("{} \"{}\"", r.kind, pages[pi].lines[r.line].text), Vec::new()));
            if e.1.last() != Some(&(pi + 1)) {
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
    for (page, m) in msgs {
        diags.push(Diagnostic::info(Code::PdfFurnitureRemoved, m, Some(page_span(page))));
    }
    let mut kept_by_key: Vec<(String, String, Vec<usize>)> = Vec::new();
    for &(pi, li) in kept {
        let text = &pages[pi].lines[li].text;
        let key = furniture_key(text);
        match kept_by_key.iter_mut().find(|k| k.0 == key) {
            Some(k) => k.2.push(pi + 1),
            None => kept_by_key.push((key, text.clone(), vec![pi + 1])),
        }
    }
    for (_, text, pages) in kept_by_key {
        diags.push(Diagnostic::warning(
            Code::PdfFurnitureKept,
            format!(
                "Kept \"{text}\" on {}: it repeats at the page edge like a running header, but it is all the page holds.",
                page_list(&pages)
            ),
            Some(page_span(pages[0])),
        ));
    }
}

/// A span that names only a (1-based) page: the normalize stage places it
/// at the start of that page's text.
fn page_span(page: usize) -> Span {
    Span {
        start: 0,
        end: 0,
        page: Some(page as u32),
        page_end: Some(page as u32),
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
    smallest_strong_step(&hist).unwrap_or(1.2)
}

/// The line step from a histogram of steps (in fortieths of the font size).
///
/// Bins are smoothed over their neighbours, because a producer that rounds
/// positions spreads one step over two bins (11.3 and 11.4 points on a 10
/// point font). The step is then the smallest one that is common (at least
/// 40% of the most common): the gap between paragraphs of a document with
/// blank lines between short paragraphs can be more frequent than the line
/// step itself, and is a multiple of it.
fn smallest_strong_step(hist: &HashMap<i32, usize>) -> Option<f32> {
    let smoothed = |k: i32| -> usize { (k - 1..=k + 1).filter_map(|j| hist.get(&j)).sum() };
    let mut bins: Vec<i32> = hist.keys().copied().collect();
    bins.sort_unstable();
    let best = bins.iter().map(|&k| smoothed(k)).max()?;
    let mut k = bins.into_iter().find(|&k| smoothed(k) * 5 >= best * 2)?;
    // Climb to the top of that peak.
    while smoothed(k + 1) > smoothed(k) {
        k += 1;
    }
    // The weighted centre of the chosen bin and its neighbours.
    let (mut sum, mut n) = (0usize, 0usize);
    for j in k - 1..=k + 1 {
        let c = hist.get(&j).copied().unwrap_or(0);
        sum += j as usize * c;
        n += c;
    }
    Some(sum as f32 / n.max(1) as f32 / 40.0)
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
    short
        && (ends_sentence(&prev.text) || next_word_fits(prev, cur, size) || (lead_bold && !prev.bold && !cur.lead_bold))
}

/// Was the line break before `cur` made by the writer rather than by
/// wrapping? True when `cur`'s first word (and a space, and a margin of one
/// font size for the estimate) would have fitted on `prev` before the
/// region's right edge: a producer that wraps would have put it there. The
/// region's edge is the rightmost line end, never past the true margin, so
/// the test errs towards "wrapped". A line ending in a hyphen was broken
/// inside a word and is always a wrap; a bold line may be a speaker's name
/// whose affiliation follows on the next line (one header), so it is left to
/// the bold rule.
fn next_word_fits(prev: &Line, cur: &Line, size: f32) -> bool {
    if prev.bold || prev.text.ends_with(['-', '\u{ad}', '\u{2010}']) {
        return false;
    }
    prev.x1 + first_word_width(cur) + size < cur.region_x1
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
            let kind = join_kind(&para, &l.text, vocab);
            join_text(&mut para, &l.text, kind, stats);
        }
        prev = Some(l);
    }
    flush(&mut out, &mut para, para_is_item, &mut prev_item);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(bins: &[(i32, usize)]) -> HashMap<i32, usize> {
        bins.iter().copied().collect()
    }

    #[test]
    fn the_line_step_is_the_smallest_common_step_not_the_paragraph_gap() {
        // Blank lines between short paragraphs (2.27) are more frequent than
        // any one bin of the line step, which rounding spreads over 1.13 and
        // 1.15 (45 and 46 fortieths).
        let h = hist(&[(45, 20), (46, 18), (91, 30)]);
        let step = smallest_strong_step(&h).unwrap();
        assert!((1.12..1.16).contains(&step), "{step}");
    }

    #[test]
    fn a_few_tight_lines_do_not_set_the_step() {
        // Three lines at 1.0 among a hundred at 1.2 are noise.
        let h = hist(&[(40, 3), (48, 100)]);
        assert_eq!(smallest_strong_step(&h), Some(1.2));
        assert_eq!(smallest_strong_step(&HashMap::default()), None);
    }
}
