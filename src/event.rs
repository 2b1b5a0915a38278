//! Front matter: from the front-matter blocks to the report's `event`.
//!
//! SCAFFOLD: finds nothing yet (issue 3).

use std::ops::Range;

use crate::report::{Diagnostic, Event};
use crate::text::Normalized;

/// The event, plus the presenter names as written (the people registry
/// resolves them to ids).
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub event: Event,
    pub presenter_names: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the event from the front-matter blocks `blocks`.
pub fn extract(_doc: &Normalized, _blocks: Range<usize>) -> FrontMatter {
    FrontMatter::default()
}
