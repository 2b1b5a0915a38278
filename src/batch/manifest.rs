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
    /// The JSONL datasets as written by a complete run (null while a run is
    /// under way). A later run reuses a dataset's rows only when the file
    /// still has the size recorded here.
    #[serde(default)]
    pub datasets: Option<Vec<DatasetEntry>>,
    /// `review/index.html`, when the run wrote review pages (`--review`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<crate::review::IndexEntry>,
}

/// One JSONL dataset of a complete run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetEntry {
    /// `dispatches.jsonl`, `turns.jsonl` or `people.jsonl`.
    pub file: String,
    /// Lines (rows) in the file.
    pub rows: u64,
    /// Size of the file in bytes.
    pub bytes: u64,
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
    /// Size in bytes of the report file as written (null on failure): a
    /// rerun reuses a document's outputs only if both still have their size.
    #[serde(default)]
    pub report_bytes: Option<u64>,
    /// Size in bytes of the text file as written (null on failure).
    #[serde(default)]
    pub text_bytes: Option<u64>,
    pub pages: Option<u32>,
    pub counts: Option<Counts>,
    pub diagnostics: Option<DiagnosticCounts>,
    /// The document's review page, when the run wrote review pages (`--review`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<crate::review::PageEntry>,
}

/// Something under an input root that was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoredEntry {
    pub file: String,
    pub reason: String,
}

impl Entry {
    /// The entry of a document whose report (`report_bytes` long) and text
    /// (`text_bytes`) were written.
    pub fn ok(report: &Report, report_path: String, text_path: String, report_bytes: u64, text_bytes: u64) -> Entry {
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
            report_bytes: Some(report_bytes),
            text_bytes: Some(text_bytes),
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
            review: None,
        }
    }

    /// The entry of a failed document: its error's code and detail
    /// ([`crate::Error::detail`]), and what is known of its input. Every
    /// failure the batch records is built here.
    pub fn of_failure(file: &str, failure: &crate::document::Failure) -> Entry {
        Entry::failed(
            file.to_string(),
            failure.sha256.clone(),
            crate::ingest::media_type_from_name(file),
            failure.bytes,
            failure.error.code(),
            failure.error.detail(),
        )
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
            report_bytes: None,
            text_bytes: None,
            pages: None,
            counts: None,
            diagnostics: None,
            review: None,
        }
    }
}

impl Manifest {
    /// A manifest of `documents` (sorted here) and `ignored`.
    pub fn new(mut documents: Vec<Entry>, ignored: Vec<IgnoredEntry>, complete: bool) -> Manifest {
        documents.sort_by(|a, b| a.file.cmp(&b.file));
        let mut summary = Summary::default();
        documents.iter().for_each(|d| summary.add(d));
        Manifest {
            documents,
            ..Manifest::head(summary, ignored, complete, None)
        }
    }

    /// The manifest without its documents (which [`write_streamed`] adds):
    /// `summary` and `datasets` as given.
    pub fn head(
        summary: Summary,
        mut ignored: Vec<IgnoredEntry>,
        complete: bool,
        datasets: Option<Vec<DatasetEntry>>,
    ) -> Manifest {
        ignored.sort_by(|a, b| a.file.cmp(&b.file));
        Manifest {
            format: FORMAT.to_string(),
            version: 1,
            generator: Generator::current(),
            complete,
            summary,
            documents: Vec::new(),
            ignored,
            datasets,
            review: None,
        }
    }

    /// Reads a manifest; None if it is missing, unreadable or of another format.
    pub fn load(path: &std::path::Path) -> Option<Manifest> {
        let bytes = std::fs::read(path).ok()?;
        let m: Manifest = serde_json::from_slice(&bytes).ok()?;
        (m.format == FORMAT && m.version == 1).then_some(m)
    }
}

impl Summary {
    /// Counts one more document.
    pub fn add(&mut self, entry: &Entry) {
        self.documents += 1;
        match entry.status {
            Status::Ok => self.ok += 1,
            Status::Failed => self.failed += 1,
        }
        self.pages += u64::from(entry.pages.unwrap_or(0));
    }
}

/// Indentation of an entry inside the manifest's `documents` array.
const ENTRY_INDENT: &[u8] = b"    ";

/// One entry as it appears inside the pretty manifest's `documents` array:
/// indented, without the separating comma or a final newline.
///
/// Pretty JSON never holds a raw newline inside a string (it is escaped),
/// so indenting after every newline gives exactly what serializing the
/// whole manifest gives (a test checks it).
pub fn entry_block(entry: &Entry, out: &mut Vec<u8>) {
    let pretty = serde_json::to_vec_pretty(entry).expect("manifest entries always serialize");
    out.reserve(pretty.len() + pretty.len() / 8);
    out.extend_from_slice(ENTRY_INDENT);
    for (i, line) in pretty.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend_from_slice(ENTRY_INDENT);
        }
        out.extend_from_slice(line);
    }
}

/// Separator between two entry blocks.
pub const ENTRY_SEPARATOR: &[u8] = b",\n";

/// Writes the manifest `head` (whose `documents` must be empty) with the
/// documents written by `documents`: entry blocks ([`entry_block`]) joined
/// by [`ENTRY_SEPARATOR`], or nothing when `any_documents` is false. The
/// bytes are those of [`crate::emit::to_pretty`] on the whole manifest, but
/// the documents never have to be in memory at once.
pub fn write_streamed<W: std::io::Write + ?Sized>(
    w: &mut W,
    head: &Manifest,
    any_documents: bool,
    documents: impl FnOnce(&mut W) -> std::io::Result<()>,
) -> std::io::Result<()> {
    debug_assert!(head.documents.is_empty());
    let bytes = crate::emit::to_pretty(head);
    const MARK: &[u8] = b"\n  \"documents\": [";
    let at = bytes
        .windows(MARK.len())
        .position(|win| win == MARK)
        .map(|p| p + MARK.len())
        .filter(|_| any_documents);
    let Some(at) = at else {
        return w.write_all(&bytes);
    };
    w.write_all(&bytes[..at])?;
    w.write_all(b"\n")?;
    documents(w)?;
    w.write_all(b"\n  ")?;
    // What follows the mark is the empty array's `]`.
    w.write_all(&bytes[at..])
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

    #[test]
    fn streamed_manifest_equals_the_serialized_one() {
        let mut ok = Entry::failed(
            "we\"ird\nname.txt".into(),
            Some("ab".into()),
            None,
            Some(3),
            "x",
            "m".into(),
        );
        ok.status = Status::Ok;
        ok.error = None;
        ok.counts = Some(Counts::default());
        ok.pages = Some(2);
        let failed = Entry::failed("z.pdf".into(), None, None, None, "pdf.damaged", "page 3: bad".into());
        let ignored = vec![IgnoredEntry {
            file: "q.doc".into(),
            reason: "not a report".into(),
        }];
        for docs in [vec![], vec![failed.clone()], vec![ok.clone(), failed.clone()]] {
            for datasets in [
                None,
                Some(vec![DatasetEntry {
                    file: "turns.jsonl".into(),
                    rows: 4,
                    bytes: 10,
                }]),
            ] {
                let mut whole = Manifest::new(docs.clone(), ignored.clone(), true);
                whole.datasets = datasets.clone();
                let mut summary = Summary::default();
                docs.iter().for_each(|d| summary.add(d));
                assert_eq!(summary, whole.summary);
                let head = Manifest::head(summary, ignored.clone(), true, datasets);
                let mut streamed = Vec::new();
                write_streamed(&mut streamed, &head, !docs.is_empty(), |w| {
                    for (i, d) in docs.iter().enumerate() {
                        if i > 0 {
                            w.extend_from_slice(ENTRY_SEPARATOR);
                        }
                        entry_block(d, w);
                    }
                    Ok(())
                })
                .unwrap();
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(crate::emit::to_pretty(&whole)).unwrap()
                );
            }
        }
    }
}
