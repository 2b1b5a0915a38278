//! PDF ingestion on lopdf: our own text layer, with pages.
//!
//! SCAFFOLD: lopdf's `extract_text` per page (issue 5 replaces it with a
//! content-stream interpreter, fonts and layout).

pub mod cmap;
pub mod encoding;
pub mod font;
pub mod glyphlist;
pub mod guard;
pub mod metrics;

use crate::error::{Error, ErrorKind};
use crate::report::PdfInfo;
use crate::text::RawText;

/// Limits that apply while reading one PDF.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub max_pages: u64,
    /// Total decompressed bytes.
    pub max_inflate: u64,
    /// When set, reading stops with [`ErrorKind::Timeout`] once this instant
    /// passes (checked at least once per page and per content stream).
    pub deadline: Option<std::time::Instant>,
    /// The budget the deadline came from, in seconds (for the error message).
    pub budget_seconds: u64,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_pages: 10_000,
            max_inflate: 1 << 30,
            deadline: None,
            budget_seconds: 0,
        }
    }
}

/// The text layer of a PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// Text per page (paragraphs separated by blank lines).
    pub raw: RawText,
    pub page_count: u32,
    pub info: PdfInfo,
}

/// Reads the text layer of a PDF.
pub fn extract(bytes: &[u8], opts: &PdfOptions) -> Result<PdfText, Error> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| Error::new(ErrorKind::Damaged(e.to_string())))?;
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    if pages.len() as u64 > opts.max_pages {
        return Err(ErrorKind::TooManyPages {
            actual: pages.len() as u64,
            limit: opts.max_pages,
        }
        .into());
    }
    let mut raw = RawText {
        paged: true,
        ..Default::default()
    };
    for p in &pages {
        raw.pages.push(doc.extract_text(&[*p]).unwrap_or_default());
    }
    Ok(PdfText {
        raw,
        page_count: pages.len() as u32,
        info: PdfInfo::default(),
    })
}
