//! `manifest.json`: every input of a run, its status and what came of it.
//!
//! The manifest is rewritten atomically while the run goes on, so a run that
//! is interrupted leaves a manifest of the documents already written
//! (`complete: false`); the next run reuses those and does the rest. It holds
//! no timestamps and no absolute paths: the same inputs and program version
//! give the same bytes.

use serde::{Deserialize, Serialize};

use crate::report::{Generator, MediaType, Report, Severity};

/// File name of the manifest inside the output folder.
pub const MANIFEST_NAME: &str = "manifest.json";
/// The `format` tag of the manifest.
pub const FORMAT: &str = "rapporteur.manifest";

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always `"rapporteur.manifest"`.
    pub format: String,
    /// Version of the manifest format (1).
    pub version: u32,
    pub generator: Generator,
    /// False while a run is under way (or was interrupted).
    pub complete: bool,
    pub summary: Summary,
    /// One entry per input, sorted by `file`.
    pub documents: Vec<Entry>,
    /// Things under the input roots that were not read, with the reason.
    pub ignored: Vec<IgnoredEntry>,
}

/// Totals over [`Manifest::documents`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub documents: usize,
    pub ok: usize,
    pub failed: usize,
    pub pages: u64,
}

/// Status of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Failed,
}

/// Why an input failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorEntry {
    /// Stable dotted code (`pdf.damaged`, `limit.bytes`, `internal`, ...).
    pub code: String,
    pub message: String,
}

/// How many of each a report holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    pub people: usize,
    pub sections: usize,
    pub turns: usize,
    pub dispatches: usize,
    pub deployments: usize,
    pub lists: usize,
}

/// Diagnostics of a report by severity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiagnosticCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

/// One input of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The input's name (the report's `source.file`).
    pub file: String,
    /// Hex SHA-256 of the input bytes (null when it could not be read).
    pub sha256: Option<String>,
    pub media_type: Option<MediaType>,
    pub bytes: Option<u64>,
    pub status: Status,
    /// Null when the status is ok.
    pub error: Option<ErrorEntry>,
    /// `reports/<name>.json`, relative to the output folder (null on failure).
    pub report: Option<String>,
    /// `text/<name>.txt` (null on failure).
    pub text: Option<String>,
    pub pages: Option<u32>,
    pub counts: Option<Counts>,
    pub diagnostics: Option<DiagnosticCounts>,
}

/// Something under an input root that was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoredEntry {
    pub file: String,
    pub reason: String,
}

impl Entry {
    /// The entry of a document whose report was written.
    pub fn ok(report: &Report, report_path: String, text_path: String) -> Entry {
        let mut diags = DiagnosticCounts::default();
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => diags.error += 1,
                Severity::Warning => diags.warning += 1,
                Severity::Info => diags.info += 1,
            }
        }
        Entry {
            file: report.source.file.clone(),
            sha256: Some(report.source.sha256.clone()),
            media_type: Some(report.source.media_type),
            bytes: Some(report.source.bytes),
            status: Status::Ok,
            error: None,
            report: Some(report_path),
            text: Some(text_path),
            pages: report.source.pages,
            counts: Some(Counts {
                people: report.people.len(),
                sections: report.sections.len(),
                turns: report.turns.len(),
                dispatches: report.dispatches.len(),
                deployments: report.deployments.len(),
                lists: report.lists.len(),
            }),
            diagnostics: Some(diags),
        }
    }

    /// The entry of a document that failed.
    pub fn failed(
        file: String,
        sha256: Option<String>,
        media_type: Option<MediaType>,
        bytes: Option<u64>,
        code: &str,
        message: String,
    ) -> Entry {
        Entry {
            file,
            sha256,
            media_type,
            bytes,
            status: Status::Failed,
            error: Some(ErrorEntry {
                code: code.to_string(),
                message,
            }),
            report: None,
            text: None,
            pages: None,
            counts: None,
            diagnostics: None,
        }
    }
}

impl Manifest {
    /// A manifest of `documents` (sorted here) and `ignored`.
    pub fn new(mut documents: Vec<Entry>, mut ignored: Vec<IgnoredEntry>, complete: bool) -> Manifest {
        documents.sort_by(|a, b| a.file.cmp(&b.file));
        ignored.sort_by(|a, b| a.file.cmp(&b.file));
        let mut summary = Summary {
            documents: documents.len(),
            ..Default::default()
        };
        for d in &documents {
            match d.status {
                Status::Ok => summary.ok += 1,
                Status::Failed => summary.failed += 1,
            }
            summary.pages += u64::from(d.pages.unwrap_or(0));
        }
        Manifest {
            format: FORMAT.to_string(),
            version: 1,
            generator: Generator::current(),
            complete,
            summary,
            documents,
            ignored,
        }
    }

    /// Reads a manifest; None if it is missing, unreadable or of another format.
    pub fn load(path: &std::path::Path) -> Option<Manifest> {
        let bytes = std::fs::read(path).ok()?;
        let m: Manifest = serde_json::from_slice(&bytes).ok()?;
        (m.format == FORMAT && m.version == 1).then_some(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_and_sorting() {
        let a = Entry::failed("b.txt".into(), None, None, None, "input.io", "cannot read".into());
        let mut b = a.clone();
        b.file = "a.txt".into();
        b.status = Status::Ok;
        b.error = None;
        b.pages = Some(3);
        let m = Manifest::new(vec![a, b], vec![], true);
        assert_eq!(m.documents[0].file, "a.txt");
        assert_eq!(
            m.summary,
            Summary {
                documents: 2,
                ok: 1,
                failed: 1,
                pages: 3
            }
        );
        let back: Manifest = serde_json::from_slice(&crate::emit::to_pretty(&m)).unwrap();
        assert_eq!(back, m);
    }
}
