//! The library's error type: what went wrong with one document, and where.
//!
//! One [`Error`] per failed document, with a stable dotted code (the same
//! vocabulary as diagnostics), a sentence a person understands, the file, and
//! the position (page, line, byte) where that is known.

use std::fmt;
use std::time::Duration;

use crate::diagnostics::Code;

/// Where in an input an error happened. Every field is optional: a PDF error
/// knows a page and maybe a byte, a text error a line and a byte.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// 1-based PDF page.
    pub page: Option<u32>,
    /// 1-based line of a text input.
    pub line: Option<u64>,
    /// 0-based byte offset in the input.
    pub byte: Option<u64>,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(p) = self.page {
            parts.push(format!("page {p}"));
        }
        if let Some(l) = self.line {
            parts.push(format!("line {l}"));
        }
        if let Some(b) = self.byte {
            parts.push(format!("byte {b}"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error("cannot read the input: {0}")]
    Io(String),
    #[error("the input is empty")]
    Empty,
    #[error("the input holds no text, only NUL bytes or other control characters")]
    NoText,
    #[error("the input was replaced after the walk found it ({0}); it was not read")]
    Replaced(String),
    #[error("the input is {actual} bytes, over the limit of {limit} (--max-bytes)")]
    TooLarge { actual: u64, limit: u64 },
    #[error("the PDF has {actual} pages, over the limit of {limit} (--max-pages)")]
    TooManyPages { actual: u64, limit: u64 },
    #[error("the PDF inflates to more than {limit} bytes (--max-inflate): a decompression bomb or a very large file")]
    InflateLimit { limit: u64 },
    #[error("processing took longer than the budget of {} s (--doc-timeout)", seconds(budget))]
    Timeout { budget: Duration },
    /// Still running `after` it started, a document the batch's watchdog
    /// gave up on (its deadline is cancelled, so it stops at its next check).
    #[error(
        "processing took longer than the budget of {} s (--doc-timeout); it did not stop and was abandoned after {} s",
        seconds(budget),
        seconds(after)
    )]
    Abandoned { budget: Duration, after: Duration },
    #[error("the PDF has no text layer (scanned images only): it needs OCR")]
    NoTextLayer,
    #[error("the PDF is encrypted with a password")]
    Encrypted,
    #[error("the PDF is encrypted and the password given does not open it")]
    WrongPassword,
    #[error("the PDF is damaged: {0}")]
    Damaged(String),
    #[error("the input is not a {expected} file: {found}")]
    WrongFormat { expected: &'static str, found: String },
    #[error("cannot write the outputs: {0}")]
    Output(String),
    #[error("internal error (a bug in rapporteur): {0}")]
    Internal(String),
}

impl ErrorKind {
    /// Stable dotted code, as used in the manifest.
    pub fn code(&self) -> &'static str {
        self.registry_code().as_str()
    }

    /// This failure's entry in the registry of codes ([`crate::diagnostics`]).
    pub fn registry_code(&self) -> Code {
        match self {
            ErrorKind::Io(_) => Code::InputIo,
            ErrorKind::Empty => Code::InputEmpty,
            ErrorKind::NoText => Code::InputNoText,
            ErrorKind::Replaced(_) => Code::InputReplaced,
            ErrorKind::TooLarge { .. } => Code::LimitBytes,
            ErrorKind::TooManyPages { .. } => Code::LimitPages,
            ErrorKind::InflateLimit { .. } => Code::LimitInflate,
            ErrorKind::Timeout { .. } | ErrorKind::Abandoned { .. } => Code::LimitTimeout,
            ErrorKind::NoTextLayer => Code::PdfNoTextLayer,
            ErrorKind::Encrypted => Code::PdfEncrypted,
            ErrorKind::WrongPassword => Code::PdfWrongPassword,
            ErrorKind::Damaged(_) => Code::PdfDamaged,
            ErrorKind::WrongFormat { .. } => Code::InputWrongFormat,
            ErrorKind::Output(_) => Code::OutputIo,
            ErrorKind::Internal(_) => Code::Internal,
        }
    }
}

/// A duration as messages show it: seconds to the millisecond, without
/// trailing zeros (`120`, `1.5`, `0.25`).
pub fn seconds(d: &Duration) -> String {
    let millis = d.as_millis();
    let (whole, frac) = (millis / 1000, millis % 1000);
    match frac {
        0 => whole.to_string(),
        _ => format!("{whole}.{frac:03}").trim_end_matches('0').to_string(),
    }
}

/// A document that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// The input file (relative to its root), once known.
    pub file: Option<String>,
    pub position: Position,
}

impl Error {
    pub fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            file: None,
            position: Position::default(),
        }
    }
    pub fn at(mut self, position: Position) -> Self {
        self.position = position;
        self
    }
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// What went wrong and where, without the file and the code: the
    /// message a manifest entry records beside them (`page 3: the PDF is
    /// damaged: bad xref`).
    pub fn detail(&self) -> String {
        let pos = self.position.to_string();
        match pos.is_empty() {
            true => self.kind.to_string(),
            false => format!("{pos}: {}", self.kind),
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            let pos = self.position.to_string();
            if !pos.is_empty() {
                write!(f, " ({pos})")?;
            }
            write!(f, ": ")?;
        } else {
            let pos = self.position.to_string();
            if !pos.is_empty() {
                write!(f, "{pos}: ")?;
            }
        }
        write!(f, "{} [{}]", self.kind, self.kind.code())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_position_and_code() {
        let e = Error::new(ErrorKind::Damaged("bad xref".into()))
            .in_file("a/b.pdf")
            .at(Position {
                page: Some(3),
                line: None,
                byte: Some(120),
            });
        assert_eq!(
            e.to_string(),
            "a/b.pdf (page 3, byte 120): the PDF is damaged: bad xref [pdf.damaged]"
        );
        assert_eq!(e.detail(), "page 3, byte 120: the PDF is damaged: bad xref");
    }

    #[test]
    fn budgets_read_as_seconds() {
        for (d, want) in [
            (Duration::from_secs(120), "120"),
            (Duration::from_millis(1500), "1.5"),
            (Duration::from_millis(250), "0.25"),
            (Duration::from_millis(1), "0.001"),
            (Duration::ZERO, "0"),
        ] {
            assert_eq!(seconds(&d), want);
        }
        let e = ErrorKind::Abandoned {
            budget: Duration::from_millis(500),
            after: Duration::from_secs(1),
        };
        assert_eq!(
            e.to_string(),
            "processing took longer than the budget of 0.5 s (--doc-timeout); it did not stop and was abandoned after 1 s"
        );
    }
}
