//! The dispatch-record grammar (nom): dispatch entries and deployment blocks.
//!
//! SCAFFOLD: finds nothing yet (issue 4).

use crate::report::{Deployment, Diagnostic, Dispatch};
use crate::text::{ListGroup, Normalized};

/// What the grammar took from the list groups.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub dispatches: Vec<Dispatch>,
    pub deployments: Vec<Deployment>,
    /// Per list group, true when it was a dispatch record or deployment
    /// block (it then does not appear among the report's `lists`).
    pub consumed: Vec<bool>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds dispatch records and deployment blocks among the list groups.
pub fn extract(_doc: &Normalized, groups: &[ListGroup]) -> Records {
    Records {
        consumed: vec![false; groups.len()],
        ..Default::default()
    }
}
