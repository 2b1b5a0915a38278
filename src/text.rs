//! The document text model shared by every stage after ingestion.
//!
//! Ingestion hands on [`RawText`] (text per page). The normalize stage turns
//! it into [`Normalized`]: one repaired string that every span of the report
//! points into, the byte offsets where PDF pages start, and the text cut into
//! typed [`Block`]s (paragraphs, list items, headings). Segmentation, the
//! dispatch grammar and the people registry all read `Normalized`.

use crate::report::{Diagnostic, Span};

/// Text as ingestion produced it, before repair.
#[derive(Debug, Clone, Default)]
pub struct RawText {
    /// Text of each page, in order. Text inputs have exactly one "page".
    pub pages: Vec<String>,
    /// True when `pages` are real PDF pages (spans then carry page numbers),
    /// laid out by the geometry pass: their running headers, footers and
    /// page numbers are removed already, by their place on the page.
    pub paged: bool,
    /// What ingestion repaired or could not read. The normalized text does
    /// not exist yet: spans are null here, or name only a page (`page`,
    /// offsets 0) for what is about one page, which the normalize stage
    /// places at the start of that page's text.
    pub diagnostics: Vec<Diagnostic>,
}

/// Byte offsets in the normalized text where each PDF page starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMap {
    /// `starts[i]` is the offset where page `i + 1` starts; ascending.
    /// Empty for text inputs.
    pub starts: Vec<usize>,
}

impl PageMap {
    /// The 1-based page that `offset` falls on, or None for text inputs.
    pub fn page_of(&self, offset: usize) -> Option<u32> {
        if self.starts.is_empty() {
            return None;
        }
        let idx = self.starts.partition_point(|&s| s <= offset);
        Some(idx.max(1) as u32)
    }

    /// A [`Span`] for `start..end` with its pages filled in.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let last = if end > start { end - 1 } else { start };
        Span {
            start,
            end,
            page: self.page_of(start),
            page_end: self.page_of(last),
        }
    }
}

/// What a block of normalized text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (or a single short line such as a header line).
    Paragraph,
    /// A Markdown heading (`#`), with its level.
    Heading { level: u8 },
    /// An item of a numbered or bulleted list.
    ListItem {
        /// Nesting depth, 0 for top level.
        depth: u8,
        /// The marker as written (`- 1.`, `o`, `•`, `1)`).
        marker: String,
        /// The item's number, where the marker has one.
        number: Option<u32>,
    },
}

/// A block of normalized text: `text[span.0..span.1]` is the whole block as
/// it stands in the normalized text, `text[content.0..content.1]` the block
/// without its list marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: (usize, usize),
    pub content: (usize, usize),
}

/// Repaired text, the blocks it is made of, and what was repaired.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub pages: PageMap,
    pub blocks: Vec<Block>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Normalized {
    /// The content of block `i` (marker removed).
    pub fn content(&self, i: usize) -> &str {
        let b = &self.blocks[i];
        &self.text[b.content.0..b.content.1]
    }

    /// A report span for a byte range of the normalized text.
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.pages.span(start, end)
    }

    /// The report span of block `i`.
    pub fn block_span(&self, i: usize) -> Span {
        let b = &self.blocks[i];
        self.pages.span(b.span.0, b.span.1)
    }
}

/// A run of consecutive list-item blocks with the heading line before it.
/// Segmentation finds these; the dispatch grammar decides which are dispatch
/// records or deployment blocks, and the rest become the report's `lists`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListGroup {
    /// Block index of the heading line before the list, if there is one.
    pub heading: Option<usize>,
    /// Block indices of the items, in order (nested items included; their
    /// depth is in the block kind).
    pub items: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_of_finds_the_page_an_offset_falls_on() {
        let map = PageMap {
            starts: vec![0, 10, 25],
        };
        assert_eq!(map.page_of(0), Some(1));
        assert_eq!(map.page_of(9), Some(1));
        assert_eq!(map.page_of(10), Some(2));
        assert_eq!(map.page_of(100), Some(3));
        let s = map.span(5, 12);
        assert_eq!((s.page, s.page_end), (Some(1), Some(2)));
        assert_eq!(PageMap::default().page_of(3), None);
    }
}
