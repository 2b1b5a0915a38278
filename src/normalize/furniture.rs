//! Furniture pass: what stands on a page but is not the document's text.
//!
//! Works on the whole line stream because its evidence is document-wide:
//! - margin line numbers (court and hearing transcripts number every line,
//!   and text dumps keep the numbers at the start of each line): most lines
//!   open with a number that counts up by one from the line before;
//! - page numbers ([`lexicon::is_page_number`]): a page-number line standing
//!   alone between paragraphs, or first or last on a sheet (a page, or the
//!   piece of one between form feeds);
//! - running headers and footers: a line first or last on its piece of page
//!   (pages being cut by form feeds, page ends and page-number lines) on at
//!   least two pieces, and on half of them (three at least) when the same
//!   line also stands inside a page (the title repeated as a running
//!   header, a speaker's name). Only the occurrences at the edges are
//!   furniture.
//!
//! Marks the lines ([`Line::furniture`]) and records on each what was
//! removed; the blocks pass skips them and reports the repair.

use std::collections::HashMap;

use super::*;

/// What a furniture line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Furniture {
    /// A page number; it also ends a sheet for the page-break rejoin.
    PageNumber,
    /// A running header or footer.
    Running,
}

/// Runs the furniture rules over the sheets, in order: margin line numbers
/// first (they hide every other cue), then page numbers, then running lines.
///
/// `placed`: the input's pages were laid out by the geometry pass, which
/// removed their headers, footers and page numbers by their place on the
/// page; what is left at a piece's edge there is text, so only the margin
/// line numbers are looked for.
pub(super) fn mark(sheets: &mut [Sheet], placed: bool) {
    strip_line_numbers(sheets);
    if !placed {
        mark_page_numbers(sheets);
        mark_running_lines(sheets);
    }
}

/// The comparison key of a line for running headers and footers, in text
/// and in PDFs alike: lower-cased, spaces removed, each run of digits (page
/// and year numbers) read as one `#`. Written into `out` (cleared first),
/// so that one buffer serves every line.
pub(super) fn furniture_key_into(text: &str, out: &mut String) {
    out.clear();
    let mut last_digit = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('#');
            }
            last_digit = true;
        } else {
            last_digit = false;
            if !c.is_whitespace() {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// [`furniture_key_into`] into a new string.
pub(super) fn furniture_key(text: &str) -> String {
    let mut k = String::with_capacity(text.len());
    furniture_key_into(text, &mut k);
    k
}

/// The number a line opens with, and the byte offset of what follows it
/// (its spaces skipped): "12  The witness" gives (12, 4). At most three
/// digits, then a space or the line's end.
fn leading_number(text: &str) -> Option<(u32, usize)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 || text.as_bytes().get(digits).is_some_and(|&b| b != b' ') {
        return None;
    }
    let n = text[..digits].parse().ok()?;
    let rest = text[digits..].len() - text[digits..].trim_start().len();
    Some((n, digits + rest))
}

/// Margin line numbers: when at least three quarters of the non-blank lines
/// (and at least ten) open with a number, and at least three quarters of
/// those count up by one from the numbered line before (numbering restarts
/// on each page, so a drop is allowed), the numbers are removed from every
/// line that has one. A list ("1. ...") is not matched: its marker carries
/// a dot.
fn strip_line_numbers(sheets: &mut [Sheet]) {
    let (mut lines, mut numbered, mut counting) = (0usize, 0usize, 0usize);
    let mut prev: Option<u32> = None;
    for l in sheets
        .iter()
        .flat_map(|s| s.lines.iter())
        .filter(|l| !l.text.is_empty())
    {
        lines += 1;
        if let Some((n, _)) = leading_number(&l.text) {
            numbered += 1;
            if prev.is_some_and(|p| n == p + 1) {
                counting += 1;
            }
            prev = Some(n);
        }
    }
    if lines < 10 || numbered * 4 < lines * 3 || counting * 4 < numbered * 3 {
        return;
    }
    for l in sheets.iter_mut().flat_map(|s| s.lines.iter_mut()) {
        if let Some((_, at)) = leading_number(&l.text) {
            l.text.drain(..at);
            if !l.text.is_empty() {
                l.repairs.push((
                    "normalize.line-number-removed",
                    "Removed the margin line numbers at the start of each line.".to_string(),
                ));
            }
        }
    }
}

/// Indices of the non-blank lines of a sheet.
fn filled(sheet: &Sheet) -> impl Iterator<Item = usize> + '_ {
    (0..sheet.lines.len()).filter(|&i| !sheet.lines[i].text.is_empty() && !sheet.lines[i].rule)
}

/// Page numbers: a page-number line alone between blank lines after some
/// text (text converters leave them so), or the first or last line of a
/// sheet when the input has more than one.
fn mark_page_numbers(sheets: &mut [Sheet]) {
    let several = sheets.len() > 1;
    let mut seen_text = false;
    for sheet in sheets.iter_mut() {
        let idx: Vec<usize> = filled(sheet).collect();
        for (k, &i) in idx.iter().enumerate() {
            let lines = &sheet.lines;
            if !lexicon::is_page_number(&lines[i].text) {
                seen_text = true;
                continue;
            }
            let blank = |j: Option<usize>| j.is_none_or(|j| lines[j].text.is_empty() || lines[j].rule);
            let alone = blank(i.checked_sub(1)) && blank((i + 1 < lines.len()).then_some(i + 1));
            let edge = several && (k == 0 || k + 1 == idx.len());
            if (alone && seen_text) || edge {
                sheet.lines[i].furniture = Some(Furniture::PageNumber);
            } else {
                seen_text = true;
            }
        }
    }
}

/// Running headers and footers (see the module docs).
fn mark_running_lines(sheets: &mut [Sheet]) {
    // Pieces: runs of non-furniture lines between page ends, form feeds and
    // page-number lines; their first and last lines are the edges.
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut inner: Vec<(usize, usize)> = Vec::new();
    let mut pieces = 0usize;
    for (s, sheet) in sheets.iter().enumerate() {
        let mut piece: Vec<usize> = Vec::new();
        let mut close = |piece: &mut Vec<usize>| {
            if let (Some(&first), Some(&last)) = (piece.first(), piece.last()) {
                pieces += 1;
                edges.push((s, first));
                if last != first {
                    edges.push((s, last));
                }
                if piece.len() > 2 {
                    inner.extend(piece[1..piece.len() - 1].iter().map(|&i| (s, i)));
                }
            }
            piece.clear();
        };
        for i in filled(sheet) {
            if sheet.lines[i].furniture.is_some() {
                close(&mut piece);
            } else {
                piece.push(i);
            }
        }
        close(&mut piece);
    }
    if pieces < 2 {
        return;
    }
    let mut key = String::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for &(s, i) in &edges {
        let text = &sheets[s].lines[i].text;
        if text.chars().count() <= 80 {
            furniture_key_into(text, &mut key);
            *counts.entry(key.clone()).or_default() += 1;
        }
    }
    counts.retain(|_, n| *n >= 2);
    if counts.is_empty() {
        return;
    }
    // A line that also stands inside a page must be at the edge of half of
    // the pieces, and of three at least, to count as running.
    for &(s, i) in &inner {
        furniture_key_into(&sheets[s].lines[i].text, &mut key);
        if let Some(n) = counts.get(&key)
            && (*n * 2 < pieces || *n < 3)
        {
            counts.remove(&key);
        }
    }
    let mut running: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    for (s, i) in edges {
        furniture_key_into(&sheets[s].lines[i].text, &mut key);
        if counts.contains_key(&key) {
            running.insert((s, i));
        }
    }
    let mut order: Vec<(usize, usize)> = running.iter().copied().collect();
    order.sort_unstable();
    for (s, i) in order {
        let sheet = &sheets[s];
        // Never empty a sheet: running lines that are all it holds (besides
        // page numbers) are its text, kept and reported.
        let text_left = filled(sheet).any(|j| sheet.lines[j].furniture.is_none() && !running.contains(&(s, j)));
        let line = &mut sheets[s].lines[i];
        if text_left {
            line.furniture = Some(Furniture::Running);
        } else {
            line.repairs.push((
                "normalize.furniture-kept",
                "Kept a line that repeats at page edges like a running header: it is all its page holds.".to_string(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_keys_fold_digits_case_and_spaces() {
        assert_eq!(furniture_key("Page 12 of 30"), "page#of#");
        assert_eq!(furniture_key("PAGE  3 of 30"), furniture_key("Page 4 of 30"));
    }
}
