//! Ingestion: from input bytes to [`RawText`].
//!
//! Owns media-type detection (extension, then content sniffing) and the
//! decoding of text inputs (UTF-8 with or without BOM, UTF-16 with BOM,
//! Windows-1252/Latin-1, lossy UTF-8), each fallback reported as a
//! diagnostic. PDFs are handed to [`crate::pdf`].

use crate::diagnostics::Code;
use crate::error::{Error, ErrorKind};
use crate::report::{Diagnostic, MediaType};
use crate::text::RawText;

/// One input document, as read from disk or stdin.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path relative to the input root, `/` separators.
    pub file: String,
    pub bytes: Vec<u8>,
    pub media_type: MediaType,
}

/// The media type a file name says, by extension (any case).
pub fn media_type_from_name(name: &str) -> Option<MediaType> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => Some(MediaType::Pdf),
        "txt" | "text" => Some(MediaType::Text),
        "md" | "markdown" => Some(MediaType::Markdown),
        _ => None,
    }
}

/// The media type the content says: PDF if `%PDF-` occurs in the first
/// kilobyte (as readers accept), else plain text.
pub fn sniff_media_type(bytes: &[u8]) -> MediaType {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        MediaType::Pdf
    } else {
        MediaType::Text
    }
}

/// The media type to read `bytes` as: the content wins over the name. A
/// file named as text whose content is a PDF (`%PDF-` in the first
/// kilobyte) is read as a PDF, with a warning saying so; a name without a
/// known extension takes the content's type.
pub fn media_type_of(name: &str, bytes: &[u8]) -> (MediaType, Option<Diagnostic>) {
    let by_content = sniff_media_type(bytes);
    match media_type_from_name(name) {
        Some(by_name) if by_name != MediaType::Pdf && by_content == MediaType::Pdf => (
            MediaType::Pdf,
            Some(Diagnostic::warning(
                Code::InputFormatMismatch,
                "the file is named as text but its content is a PDF (%PDF- near the start): it was read as a PDF",
                None,
            )),
        ),
        Some(by_name) => (by_name, None),
        None => (by_content, None),
    }
}

/// Decodes a text input to a String, reporting any fallback.
pub fn decode_text(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_text_utf8(rest, diags);
    }
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some(true)
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(false)
    } else {
        None
    };
    if let Some(little) = utf16 {
        let body = &bytes[2..];
        let units: Vec<u16> = body
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if little {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        let text = String::from_utf16_lossy(&units);
        let encoding = if little { "UTF-16LE" } else { "UTF-16BE" };
        diags.push(Diagnostic::info(
            Code::InputEncoding,
            format!("The text was decoded from {encoding} (byte order mark found)."),
            None,
        ));
        if body.len() % 2 == 1 || text.contains('\u{FFFD}') {
            diags.push(Diagnostic::warning(
                Code::InputInvalidUtf16,
                "The UTF-16 text has invalid code units; they were replaced by U+FFFD.",
                None,
            ));
        }
        return (text, diags);
    }
    decode_text_utf8(bytes, diags)
}

fn decode_text_utf8(bytes: &[u8], mut diags: Vec<Diagnostic>) -> (String, Vec<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), diags),
        Err(err) => {
            // A file with valid multi-byte UTF-8 sequences is UTF-8 with some
            // damage; one without any is a single-byte encoding.
            let has_utf8_multibyte = String::from_utf8_lossy(bytes)
                .chars()
                .any(|c| c as u32 >= 0x80 && c != '\u{FFFD}');
            if has_utf8_multibyte {
                let text = String::from_utf8_lossy(bytes).into_owned();
                let bad = text.matches('\u{FFFD}').count();
                diags.push(Diagnostic::warning(
                    Code::InputInvalidUtf8,
                    format!(
                        "The text is not valid UTF-8 (first bad byte at offset {}); {bad} invalid sequence(s) were replaced by U+FFFD.",
                        err.valid_up_to()
                    ),
                    None,
                ));
                (text, diags)
            } else {
                let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
                diags.push(Diagnostic::info(
                    Code::InputEncoding,
                    format!(
                        "The text is not UTF-8 (byte {} is 0x{:02X}); it was decoded as Windows-1252/Latin-1.",
                        err.valid_up_to(),
                        bytes[err.valid_up_to()]
                    ),
                    None,
                ));
                (text, diags)
            }
        }
    }
}

/// Windows-1252 decoding of one byte (Latin-1 with the C1 range replaced by
/// the characters Windows puts there). Hand-written: 32 table entries do not
/// justify the `encoding_rs` dependency.
fn windows_1252(b: u8) -> char {
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => C1[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Reads a text or Markdown input into [`RawText`].
pub fn read_text(doc: &SourceDoc) -> Result<RawText, Error> {
    if doc.bytes.is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    let (text, diagnostics) = decode_text(&doc.bytes);
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    // NUL bytes (a sparse or zeroed file) and other control characters
    // are no text: failing says so, where a report would be silently empty.
    if text.chars().all(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::new(ErrorKind::NoText));
    }
    // A form feed is a page break as PDF-to-text converters write it; keep
    // it as a paragraph break so the normalize stage can rejoin splits.
    Ok(RawText {
        pages: vec![text],
        paged: false,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_of_nul_bytes_is_no_text() {
        let doc = SourceDoc {
            file: "zero.txt".into(),
            bytes: vec![0; 4096],
            media_type: MediaType::Text,
        };
        assert_eq!(read_text(&doc).unwrap_err().code(), "input.no-text");
    }

    #[test]
    fn content_wins_over_the_name() {
        let pdf = b"%PDF-1.7\n%...";
        let (t, warning) = media_type_of("report.txt", pdf);
        assert_eq!(t, MediaType::Pdf);
        assert_eq!(warning.unwrap().code, "input.format-mismatch");
        assert_eq!(media_type_of("report.pdf", pdf), (MediaType::Pdf, None));
        assert_eq!(media_type_of("notes.md", b"# notes"), (MediaType::Markdown, None));
        assert_eq!(media_type_of("README", b"plain"), (MediaType::Text, None));
    }

    #[test]
    fn media_type_by_extension_in_any_case() {
        assert_eq!(media_type_from_name("a/B.PDF"), Some(MediaType::Pdf));
        assert_eq!(media_type_from_name("x.Md"), Some(MediaType::Markdown));
        assert_eq!(media_type_from_name("x.txt"), Some(MediaType::Text));
        assert_eq!(media_type_from_name("x.doc"), None);
        assert_eq!(media_type_from_name("noext"), None);
    }

    #[test]
    fn sniffing_finds_pdf_header() {
        assert_eq!(sniff_media_type(b"%PDF-1.7\n"), MediaType::Pdf);
        assert_eq!(sniff_media_type(b"hello"), MediaType::Text);
    }

    #[test]
    fn utf16_with_bom_is_decoded_and_reported() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Mr. Müller".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, diags) = decode_text(&bytes);
        assert_eq!(text, "Mr. Müller");
        assert_eq!(diags[0].code, "input.encoding");
    }

    #[test]
    fn latin1_is_decoded_and_reported() {
        let (text, diags) = decode_text(b"Caf\xe9 \x93quoted\x94");
        assert_eq!(text, "Café “quoted”");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("Windows-1252"));
    }

    #[test]
    fn damaged_utf8_is_decoded_lossily_with_a_warning() {
        let (text, diags) = decode_text(
            "Müller \u{2013} ok "
                .as_bytes()
                .iter()
                .copied()
                .chain([0xFF])
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert!(text.starts_with("Müller"));
        assert!(text.ends_with('\u{FFFD}'));
        assert_eq!(diags[0].code, "input.invalid-utf8");
    }

    #[test]
    fn bom_is_stripped() {
        let (text, diags) = decode_text(b"\xEF\xBB\xBFabc");
        assert_eq!(text, "abc");
        assert!(diags.is_empty());
    }
}
