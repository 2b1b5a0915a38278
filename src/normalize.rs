//! Text repair: from [`RawText`] to [`Normalized`].
//!
//! SCAFFOLD: pages are joined and cut into paragraphs at blank lines. The
//! real stage (issue 3) repairs artifacts, rejoins split paragraphs and
//! recognizes list structure.

use crate::text::{Block, BlockKind, Normalized, PageMap, RawText};

/// Repairs raw text into the normalized text that spans point into.
pub fn normalize(raw: &RawText) -> Normalized {
    let mut text = String::new();
    let mut starts = Vec::new();
    for page in &raw.pages {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        starts.push(text.len());
        text.push_str(page.trim_end());
    }
    text.push('\n');
    let mut blocks = Vec::new();
    let mut offset = 0;
    for para in text.split("\n\n") {
        let start = offset + (para.len() - para.trim_start().len());
        let end = offset + para.trim_end().len();
        if end > start {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                span: (start, end),
                content: (start, end),
            });
        }
        offset += para.len() + 2;
    }
    Normalized {
        text,
        pages: if raw.paged {
            PageMap { starts }
        } else {
            PageMap::default()
        },
        blocks,
        diagnostics: raw.diagnostics.clone(),
    }
}
