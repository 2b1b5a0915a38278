//! Review pages: static HTML an archivist opens to check what was extracted
//! beside the text it came from.
//!
//! This module owns the pages' markup and what they link to. It hands on
//! bytes: [`document`] renders one document's page from its report and the
//! normalized text its spans point into, [`index`] the index of a batch
//! from its manifest. The batch ([`crate::batch`], with `--review`) writes
//! them under `review/` and lists them in the manifest; `rapporteur review`
//! writes one page.
//!
//! The pages are self-contained (CSS and a little vanilla JavaScript
//! inlined, no network, no framework), work from `file://`, print (the
//! panes stack, nothing is hidden), escape every text from the document
//! ([`html`]), and are deterministic: the same report, text and links give
//! the same bytes.

pub mod document;
pub mod html;
pub mod index;
pub mod text_view;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::report::{MediaType, Report};
pub use document::Links;

/// The folder of the review pages inside the output folder.
pub const DIR: &str = "review";
/// The index page, relative to the output folder.
pub const INDEX: &str = "review/index.html";

/// A document's review page as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageEntry {
    /// `review/<name>.html`, relative to the output folder.
    pub page: String,
    /// Size of the page in bytes as written (a rerun rewrites a page that
    /// lost it).
    pub bytes: u64,
    /// How many diagnostics of each code the report has (for the index's
    /// filter by code).
    pub diagnostic_codes: BTreeMap<String, usize>,
}

/// The index page as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    /// Always [`INDEX`].
    pub page: String,
    pub bytes: u64,
}

/// A page that cannot be made (the `review` command's errors).
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a rapporteur report (line {line}, column {column}: {message})")]
    NotAReport {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{report}: no normalized text found (looked for {looked}); pass it with --text")]
    NoText { report: String, looked: String },
    #[error("{text} is not the text of {report}: its sha256 is {actual}, the report's text_sha256 is {expected}")]
    TextMismatch {
        report: String,
        text: String,
        actual: String,
        expected: String,
    },
}

/// The review page path of the document named `name`, relative to the
/// output folder (`review/sub/a.pdf.html` for `sub/a.pdf`).
pub fn page_path(name: &str) -> String {
    let p = crate::batch::names::output_path(Path::new(DIR), name, ".html");
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The links of the page at `page` (a path) for a document read from
/// `source`: the PDF (for PDFs) and, when `index` is given, the index page.
pub fn links(page: &Path, source: Option<&Path>, media_type: MediaType, index: Option<&Path>) -> Links {
    let dir = page
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let rel = |to: &Path| html::relative_path(&dir, to).map(|r| html::url_of_relative(&r));
    Links {
        pdf: source.filter(|_| media_type == MediaType::Pdf).and_then(rel),
        index: index.and_then(rel),
    }
}

/// The diagnostic codes of a report, with how often each occurs.
pub fn diagnostic_codes(report: &Report) -> BTreeMap<String, usize> {
    let mut codes = BTreeMap::new();
    for d in &report.diagnostics {
        *codes.entry(d.code.clone()).or_insert(0) += 1;
    }
    codes
}

/// Reads a report and the normalized text its spans point into: `text`, or
/// else the batch layout's `text/<name>.txt` beside `reports/<name>.json`.
/// The text must be the one the report was made from (its `text_sha256`).
pub fn load(report_path: &Path, text_path: Option<&Path>) -> Result<(Report, String), ReviewError> {
    let read = |p: &Path| {
        std::fs::read(p).map_err(|source| ReviewError::Read {
            path: p.display().to_string(),
            source,
        })
    };
    let bytes = read(report_path)?;
    let report: Report = serde_json::from_slice(&bytes).map_err(|e| ReviewError::NotAReport {
        path: report_path.display().to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let text_path = match text_path {
        Some(p) => p.to_path_buf(),
        None => {
            let guess = batch_text_path(report_path);
            match guess.as_ref().filter(|p| p.is_file()) {
                Some(p) => p.clone(),
                None => {
                    return Err(ReviewError::NoText {
                        report: report_path.display().to_string(),
                        looked: guess
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| "a text/ folder beside reports/".into()),
                    });
                }
            }
        }
    };
    let text_bytes = read(&text_path)?;
    let actual = crate::pipeline::sha256_hex(&text_bytes);
    let text = String::from_utf8(text_bytes)
        .ok()
        .filter(|_| actual == report.source.text_sha256);
    match text {
        Some(text) => Ok((report, text)),
        None => Err(ReviewError::TextMismatch {
            report: report_path.display().to_string(),
            text: text_path.display().to_string(),
            actual,
            expected: report.source.text_sha256.clone(),
        }),
    }
}

/// `<out>/text/<name>.txt` for `<out>/reports/<name>.json`.
fn batch_text_path(report_path: &Path) -> Option<PathBuf> {
    let comps: Vec<_> = report_path.components().collect();
    let at = comps.iter().rposition(|c| c.as_os_str() == "reports")?;
    let mut p: PathBuf = comps[..at].iter().collect();
    p.push("text");
    for c in &comps[at + 1..comps.len() - 1] {
        p.push(c);
    }
    let file = report_path.file_name()?.to_string_lossy();
    p.push(format!("{}.txt", file.strip_suffix(".json")?));
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_follow_the_report_names() {
        assert_eq!(page_path("sub/a.pdf"), "review/sub/a.pdf.html");
        assert_eq!(page_path("../x.txt"), "review/__/x.txt.html");
    }

    #[test]
    fn the_text_of_a_batch_report_is_found_beside_it() {
        assert_eq!(
            batch_text_path(Path::new("out/reports/sub/a.pdf.json")),
            Some(PathBuf::from("out/text/sub/a.pdf.txt"))
        );
        assert_eq!(batch_text_path(Path::new("elsewhere/a.json")), None);
    }

    #[test]
    fn links_are_relative_to_the_page() {
        let l = links(
            Path::new("/o/review/sub/a b.pdf.html"),
            Some(Path::new("/in/sub/a b.pdf")),
            MediaType::Pdf,
            Some(Path::new("/o/review/index.html")),
        );
        assert_eq!(l.pdf.as_deref(), Some("../../../in/sub/a%20b.pdf"));
        assert_eq!(l.index.as_deref(), Some("../index.html"));
        let l = links(
            Path::new("/o/review/a.txt.html"),
            Some(Path::new("/in/a.txt")),
            MediaType::Text,
            None,
        );
        assert_eq!(l, Links::default());
    }
}
