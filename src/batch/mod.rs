//! The batch run: walk the inputs, process documents in parallel, write the
//! output layout of the spec (`reports/`, `text/`, three JSONL datasets and
//! `manifest.json`) under one output folder.
//!
//! The batch owns scheduling, ordering and outputs; one document's life
//! (reading under the limits, the deadline, isolation, the pipeline, its
//! one failure value) is [`crate::document`]'s. One concern per file:
//! 1. [`walk`] finds and names the inputs (sorted by name, see [`names`]);
//! 2. `run` locks the output folder ([`lock`]), checks that it is ours and
//!    has room ([`ownership`]), removes temporary files left by a killed
//!    run, and starts a pool of workers (big stacks);
//! 3. each worker (`worker`) takes the inputs one at a time in name order,
//!    skips each that the previous manifest says is up to date (same input
//!    sha256, outputs present with their recorded sizes), else hands it to
//!    [`crate::document`], writes its report and text at once, and builds
//!    its dataset rows from the report in memory;
//! 4. the main thread puts the outcomes back in name order (`reorder`: a
//!    few wait for an earlier one, spilled to disk past a bound) and hands
//!    each to the `collector`: its manifest entry goes to a spool file, its
//!    rows to the JSONL datasets ([`datasets`]), so nothing per document
//!    stays in memory; an interim manifest is written now and then from the
//!    spool (a killed run loses only the documents in flight); the
//!    `watchdog` gives up on a document stuck past twice its budget and
//!    cancels its deadline; `memory` keeps the allocator's footprint flat;
//! 5. at the end the datasets are renamed into place (or left alone when
//!    they equal the previous ones), stale outputs are removed, and the
//!    final manifest is streamed from the spool (and not rewritten when its
//!    bytes are unchanged).
//!
//! With `check`, nothing is written: every output is produced in memory and
//! compared with what is on disk, and the paths that would change are listed.
//! Output bytes never depend on the number of threads, the order documents
//! finish in, the time or the machine.

mod collector;
pub mod datasets;
pub mod interrupt;
pub mod lock;
pub mod manifest;
mod memory;
pub mod names;
pub mod ownership;
mod reorder;
pub mod review_pages;
mod run;
pub mod walk;
mod watchdog;
mod worker;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use crate::document::{Limits, Reading};
use crate::emit;
pub use run::run;

/// Names of the JSONL datasets, in the order they are written.
pub use datasets::DATASETS;

/// Settings of one `rapporteur run`.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Input files and folders (the roots).
    pub inputs: Vec<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    pub limits: Limits,
    /// What to read of each document (the password of encrypted PDFs).
    pub reading: Reading,
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// Process every document, even those the manifest says are up to date.
    pub force: bool,
    /// Write nothing; list the outputs that would change.
    pub check: bool,
    /// Follow symbolic links out of the input roots.
    pub follow_links: bool,
    /// Write into a non-empty output folder that holds no manifest of ours.
    pub allow_foreign_out: bool,
    /// Show a progress bar (else only failures and the summary line).
    pub progress_bar: bool,
    /// Also write the review pages (`review/`, see [`review_pages`]).
    pub review: bool,
    /// Also write the CSV datasets (`csv/`, see [`datasets::derived`]).
    pub csv: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    pub ok: usize,
    pub failed: usize,
    /// Documents reused from the previous run (counted in `ok` too).
    pub skipped: usize,
    pub pages: u64,
    pub elapsed: Duration,
    /// With `check`: output paths (relative to the output folder, sorted)
    /// that would be written or deleted, each with what would happen.
    pub changes: Vec<Change>,
    /// Failed documents by error code (the tally printed at the end).
    pub failures_by_code: BTreeMap<String, usize>,
}

/// One output that `--check` found out of date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Relative to the output folder, `/` separators.
    pub path: String,
    pub kind: ChangeKind,
}

/// What a run would do to an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// The file does not exist yet.
    Create,
    /// The file exists with other bytes.
    Modify,
    /// The file is stale and would be deleted.
    Delete,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            ChangeKind::Create => "would create",
            ChangeKind::Modify => "would change",
            ChangeKind::Delete => "would delete",
        };
        write!(f, "{what}: {}", self.path)
    }
}

impl Change {
    /// The change to `path` that a comparison with the file calls for.
    pub fn from_comparison(path: &str, state: emit::Comparison) -> Option<Change> {
        let kind = match state {
            emit::Comparison::Same => return None,
            emit::Comparison::Differs => ChangeKind::Modify,
            emit::Comparison::Missing => ChangeKind::Create,
        };
        Some(Change {
            path: path.to_string(),
            kind,
        })
    }
}

impl RunSummary {
    /// The one-line summary printed at the end of a run.
    pub fn line(&self) -> String {
        format!(
            "rapporteur: {} ok, {} failed, {} skipped (up to date); {} pages; {:.1} s",
            self.ok - self.skipped.min(self.ok),
            self.failed,
            self.skipped,
            self.pages,
            self.elapsed.as_secs_f64()
        )
    }

    /// The failures by error code, most frequent first (`None` without
    /// failures): `failed by code: pdf.encrypted 31, input.io 2`.
    pub fn tally(&self) -> Option<String> {
        let mut codes: Vec<(&String, &usize)> = self.failures_by_code.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        (!codes.is_empty()).then(|| {
            let parts: Vec<String> = codes.iter().map(|(code, n)| format!("{code} {n}")).collect();
            format!("rapporteur: failed by code: {}", parts.join(", "))
        })
    }
}

/// A run that could not start or finish (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Root(#[from] walk::RootError),
    #[error(transparent)]
    Lock(#[from] lock::LockError),
    #[error(transparent)]
    ForeignOut(#[from] ownership::ForeignOut),
    #[error(transparent)]
    BlockedOutput(#[from] ownership::BlockedOutput),
    #[error(
        "interrupted: {done} of {total} documents done; the manifest is marked incomplete \
         (run again to finish)"
    )]
    Interrupted { done: usize, total: usize },
    #[error("cannot write the output folder {path}: {source}")]
    Output {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn output_error(path: &Path, source: std::io::Error) -> RunError {
    RunError::Output {
        path: path.display().to_string(),
        source,
    }
}
