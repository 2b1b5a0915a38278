//! One document's life, from its bytes to its [`Extraction`] or its one
//! [`Error`]: the owner of everything that happens to a single document,
//! used alike by the library's [`extract`], by
//! `rapporteur extract` and by each of the batch's workers.
//!
//! - [`read`]: the input's bytes under `--max-bytes` (a file checked to be
//!   the one a walk found, a path, or a stream read with a bound);
//! - [`deadline`]: the `--doc-timeout` budget as a token every long loop
//!   checks and the batch's watchdog can cancel;
//! - [`password`]: the user password of encrypted PDFs, a secret no
//!   output shows;
//! - [`isolate`]: panics caught and turned into the document's `internal`
//!   error, and the workers' stack size;
//! - this module: the limits ([`Limits`]) and [`extract_until`], which runs
//!   the [`pipeline`] under them and hands on one `Result`: every failure,
//!   whatever stage raised it, is an [`Error`] naming the file.
//!
//! What happens to the result (outputs, the manifest, skipping unchanged
//! inputs) is the batch's ([`crate::batch`]).

pub mod deadline;
pub mod isolate;
pub mod password;
pub mod read;

use crate::error::{Error, ErrorKind};
use crate::ingest::SourceDoc;
use crate::pdf::PdfOptions;
use crate::pipeline::{self, Extraction, Options};
pub use deadline::Deadline;
pub use password::Password;
use std::time::Duration;

/// Per-document limits (the `--max-*` and `--doc-timeout` flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Inputs larger than this fail with `limit.bytes` (0: no limit).
    pub max_bytes: u64,
    /// PDFs with more pages fail with `limit.pages`.
    pub max_pages: u64,
    /// PDFs whose streams inflate to more fail with `limit.inflate`.
    pub max_inflate: u64,
    /// How long one document may take (zero: no limit); over it:
    /// `limit.timeout`.
    pub doc_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let pdf = PdfOptions::default();
        Limits {
            max_bytes: 256 << 20,
            max_pages: pdf.max_pages,
            max_inflate: pdf.max_inflate,
            doc_timeout: Duration::from_secs(120),
        }
    }
}

impl Limits {
    /// Pipeline options for a document that starts now.
    pub fn options(&self) -> Options {
        let deadline = Deadline::after(self.doc_timeout);
        self.options_until(&deadline)
    }

    /// Pipeline options for a document with this deadline (made by
    /// [`Limits::deadline`]).
    pub fn options_until(&self, deadline: &Deadline) -> Options {
        // Field by field over the defaults, so options other stages add
        // later keep their defaults here.
        let mut pdf = PdfOptions {
            max_pages: self.max_pages,
            ..PdfOptions::default()
        };
        pdf.max_inflate = self.max_inflate;
        pdf.deadline = deadline.instant();
        pdf.budget = self.doc_timeout;
        let mut opts = Options {
            pdf,
            ..Options::default()
        };
        opts.max_bytes = self.max_bytes;
        opts.deadline = deadline.instant();
        opts
    }

    /// The deadline of a document that starts now.
    pub fn deadline(&self) -> Deadline {
        Deadline::after(self.doc_timeout)
    }
}

/// What to read of every document, beside the limits: the settings that
/// `run`, `extract` and `review` take alike.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// The user password of encrypted PDFs (none: only the empty one).
    pub password: Option<Password>,
}

impl Reading {
    /// `opts` with these settings.
    pub fn apply(&self, mut opts: Options) -> Options {
        opts.pdf.password = self.password.clone();
        opts
    }
}

/// One document through the pipeline under `opts` (see [`extract_until`]),
/// with the deadline `opts` names (the earlier of `opts.deadline` and
/// `opts.pdf.deadline`, when both are set).
pub fn extract(doc: &SourceDoc, opts: &Options) -> Result<Extraction, Error> {
    let at = match (opts.deadline, opts.pdf.deadline) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    extract_until(doc, opts, &Deadline::at(at, opts.pdf.budget))
}

/// One document through the pipeline: the size limit checked first, the
/// deadline entered for every loop to check (and checked once more after
/// the last stage, so a stage cut short never gives a report), panics
/// caught. The error names the document's file.
pub fn extract_until(doc: &SourceDoc, opts: &Options, deadline: &Deadline) -> Result<Extraction, Error> {
    let named = |e: Error| if e.file.is_none() { e.in_file(&doc.file) } else { e };
    read::refuse_over(doc.bytes.len() as u64, opts.max_bytes).map_err(|k| Error::new(k).in_file(&doc.file))?;
    let _entered = deadline.enter();
    let x = isolate::isolate(|| {
        let x = pipeline::extract(doc, opts)?;
        isolate::injected_fault(&doc.file);
        Ok(x)
    })
    .map_err(named)?;
    deadline.check().map_err(named)?;
    Ok(x)
}

/// A document that failed, as the batch records it: its error (built
/// through [`Error`], whatever went wrong), and what is known of its bytes.
#[derive(Debug, Clone)]
pub struct Failure {
    pub error: Error,
    /// SHA-256 of the input, when it was read.
    pub sha256: Option<String>,
    /// Size of the input, when known (read, or from a size over the limit).
    pub bytes: Option<u64>,
}

impl Failure {
    /// A failure before (or instead of) reading the input.
    pub fn unread(error: Error) -> Failure {
        let bytes = match error.kind {
            ErrorKind::TooLarge { actual, .. } => Some(actual),
            _ => None,
        };
        Failure {
            error,
            sha256: None,
            bytes,
        }
    }

    /// A failure of an input that was read.
    pub fn of_input(error: Error, sha256: &str, bytes: u64) -> Failure {
        Failure {
            error,
            sha256: Some(sha256.to_string()),
            bytes: Some(bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn text_doc(name: &str, bytes: &[u8]) -> SourceDoc {
        SourceDoc {
            file: name.into(),
            bytes: bytes.to_vec(),
            media_type: crate::report::MediaType::Text,
        }
    }

    #[test]
    fn the_size_limit_is_checked_before_the_pipeline() {
        let opts = Options {
            max_bytes: 10,
            ..Default::default()
        };
        let e = extract(&text_doc("big.txt", &[b'a'; 100]), &opts).unwrap_err();
        assert_eq!(e.code(), "limit.bytes");
        assert!(e.to_string().starts_with("big.txt: "), "{e}");
    }

    #[test]
    fn the_library_entry_point_applies_max_bytes() {
        // `rapporteur::extract` is this module's: the limit of `Options`
        // holds for every caller of the library, not only the command line.
        let opts = Options {
            max_bytes: 10,
            ..Default::default()
        };
        let e = crate::extract(&text_doc("big.txt", &[b'a'; 100]), &opts).unwrap_err();
        assert_eq!(e.code(), "limit.bytes");
    }

    #[test]
    fn an_expired_deadline_is_a_timeout() {
        let past = Instant::now()
            .checked_sub(Duration::from_secs(1))
            .unwrap_or_else(Instant::now);
        let mut opts = Options {
            deadline: Some(past),
            ..Default::default()
        };
        opts.pdf.budget = Duration::from_secs(1);
        let e = extract(&text_doc("slow.txt", b"Some text.\n"), &opts).unwrap_err();
        assert_eq!(e.code(), "limit.timeout");
    }

    #[test]
    fn a_cancelled_document_fails_as_a_timeout() {
        let d = Deadline::at(None, Duration::from_secs(3));
        d.cancel();
        let e = extract_until(&text_doc("a.txt", b"Some text.\n"), &Options::default(), &d).unwrap_err();
        assert_eq!(e.code(), "limit.timeout");
        assert!(e.to_string().starts_with("a.txt: "), "{e}");
    }
}
