//! The people registry: merges the ways one person is written.
//!
//! SCAFFOLD: one person per distinct header name (issue 3).

use crate::report::{Diagnostic, Person};
use crate::segment::Segmented;
use crate::text::Normalized;

/// The registry and how each turn's header resolved.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub people: Vec<Person>,
    /// Per turn of the segmentation, the index in `people` of its speaker.
    pub turn_speakers: Vec<Option<usize>>,
    /// Per presenter name, the index in `people`.
    pub presenters: Vec<Option<usize>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the registry from speaker headers, presenter names and mentions.
pub fn resolve(_doc: &Normalized, seg: &Segmented, presenter_names: &[String]) -> People {
    People {
        turn_speakers: vec![None; seg.turns.len()],
        presenters: vec![None; presenter_names.len()],
        ..Default::default()
    }
}
