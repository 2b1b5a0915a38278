//! The line stream every later pass reads: the input cut into sheets (a
//! page, or the piece of one between form feeds) of cleaned [`Line`]s, and
//! what the whole file says about its line wrapping ([`LineStats`]).
//!
//! Text dumps of PDFs (pdftotext, mutool) keep the page's line breaks: a
//! paragraph is hard-wrapped at a width that only the file's own line
//! lengths tell, and a line that ends well short of it was broken on
//! purpose.

use super::*;

/// A page of the input, or the piece of one between form feeds.
#[derive(Debug, Clone, Default)]
pub(super) struct Sheet {
    /// 0-based page of [`RawText::pages`] the sheet is on.
    pub(super) page: usize,
    pub(super) lines: Vec<Line>,
}

/// Cuts the raw pages into sheets of cleaned lines (line ends `\r\n` and a
/// lone `\r` read as `\n`).
pub(super) fn read_sheets(raw: &RawText) -> Vec<Sheet> {
    let mut sheets = Vec::with_capacity(raw.pages.len());
    for (page, text) in raw.pages.iter().enumerate() {
        let text = unify_newlines(text);
        for chunk in text.split('\u{c}') {
            sheets.push(Sheet {
                page,
                lines: chunk.split('\n').map(clean_line).collect(),
            });
        }
    }
    sheets
}

/// What the file's own line lengths say about its wrapping.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct LineStats {
    /// The width (in characters, indentation included) at which the file's
    /// paragraphs are hard-wrapped, when enough lines show it.
    pub(super) wrap: Option<usize>,
}

/// Lines known to have been wrapped that the wrap width is read from.
const MIN_WRAPPED_LINES: usize = 8;

impl LineStats {
    /// Reads the wrap width from lines that are certainly wrapped: a line
    /// followed (on its sheet) by a line that goes on in lower case. The
    /// width is the 90th percentile of their lengths: a line breaks where
    /// the next word would not fit, so wrapped lines end a little short of
    /// the width, and a few are longer (a merged line, a wider block), left
    /// out when they exceed the median by more than 30%.
    pub(super) fn of(sheets: &[Sheet]) -> LineStats {
        let mut lens: Vec<usize> = Vec::new();
        for sheet in sheets {
            let mut prev: Option<&Line> = None;
            for l in &sheet.lines {
                if l.text.is_empty() || l.furniture.is_some() {
                    prev = None;
                    continue;
                }
                if let Some(p) = prev
                    && l.text.starts_with(char::is_lowercase)
                {
                    lens.push(p.indent + p.text.chars().count());
                }
                prev = Some(l);
            }
        }
        if lens.len() < MIN_WRAPPED_LINES {
            return LineStats::default();
        }
        lens.sort_unstable();
        // Lines that a converter merged with the next (pdftotext does so
        // with some justified text) are about twice as long: only lengths
        // near the median are the wrapping's.
        let median = lens[lens.len() / 2];
        lens.retain(|&n| n * 10 <= median * 13);
        LineStats {
            wrap: Some(lens[(lens.len() * 9 / 10).min(lens.len() - 1)]),
        }
    }
}
