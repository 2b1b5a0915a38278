//! Segmentation: from [`Normalized`] blocks to front matter, sections,
//! speaker turns and list groups.
//!
//! SCAFFOLD: finds nothing yet (issue 3).

use std::ops::Range;

use crate::report::Diagnostic;
use crate::text::{ListGroup, Normalized};

/// A section heading ("Part I: Presentation").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionMark {
    pub title: String,
    /// Block index of the heading.
    pub block: usize,
}

/// A speaker header as written, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerHeader {
    /// The header joined to one line.
    pub text: String,
    pub honorific: Option<String>,
    /// The name as written, without honorific ("Naoto HISAJIMA").
    pub name: String,
    pub affiliation: Option<String>,
}

/// One speaker turn: header blocks and the body blocks that follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnSeg {
    /// Index into [`Segmented::sections`] of the enclosing section.
    pub section: Option<usize>,
    pub header: SpeakerHeader,
    /// Block indices of the header (one or more lines).
    pub header_blocks: Range<usize>,
    /// Block indices of the body (paragraphs, list items), in order.
    pub body_blocks: Vec<usize>,
    /// Byte range of the whole turn in the normalized text.
    pub span: (usize, usize),
}

/// What segmentation found.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Block indices of the front matter.
    pub front_matter: Range<usize>,
    pub sections: Vec<SectionMark>,
    pub turns: Vec<TurnSeg>,
    pub list_groups: Vec<ListGroup>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Segments a normalized document.
pub fn segment(doc: &Normalized) -> Segmented {
    Segmented {
        front_matter: 0..doc.blocks.len().min(1),
        ..Default::default()
    }
}
