//! Fonts: from a font dictionary to a decoder of shown strings.
//!
//! INTERFACE STUB (the fonts work of issue 5 replaces the body): every byte is
//! a code, decoded as Latin-1, with /Widths where present.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// One decoded character code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedGlyph {
    /// The character code as read from the string (1 to 4 bytes).
    pub code: u32,
    /// How many bytes the code took.
    pub len: u8,
    /// Unicode text of the glyph; None when the code maps to nothing.
    pub text: Option<String>,
    /// Horizontal displacement in glyph space units (thousandths of text
    /// space, the /Widths convention; Type3 widths already scaled so).
    pub width: f32,
    /// True for the single-byte code 32, to which word spacing (Tw) applies.
    pub is_space_code: bool,
}

/// A font, resolved once per document.
#[derive(Debug, Clone, Default)]
pub struct Font {
    name: String,
    first_char: u32,
    widths: Vec<f32>,
    problems: Vec<String>,
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read is recorded
    /// in [`Font::problems`].
    pub fn from_dict(doc: &Document, dict: &Dictionary) -> Font {
        let name = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let first_char = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0)
            .max(0) as u32;
        let widths = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| match o {
                Object::Reference(id) => doc.get_object(*id).ok(),
                other => Some(other),
            })
            .and_then(|o| o.as_array().ok())
            .map(|a| a.iter().map(|w| w.as_float().unwrap_or(0.0)).collect())
            .unwrap_or_default();
        Font {
            name,
            first_char,
            widths,
            problems: Vec::new(),
        }
    }

    /// Splits a shown string into codes and decodes each.
    pub fn decode(&self, bytes: &[u8]) -> Vec<DecodedGlyph> {
        bytes
            .iter()
            .map(|&b| {
                let code = b as u32;
                let width = code
                    .checked_sub(self.first_char)
                    .and_then(|i| self.widths.get(i as usize))
                    .copied()
                    .unwrap_or(500.0);
                DecodedGlyph {
                    code,
                    len: 1,
                    text: Some((b as char).to_string()),
                    width,
                    is_space_code: b == 32,
                }
            })
            .collect()
    }

    /// True for vertical writing (Identity-V and other -V CMaps).
    pub fn is_vertical(&self) -> bool {
        false
    }

    /// The BaseFont name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What could not be read (broken ToUnicode, unknown encoding ...).
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// True when no code of this font can be decoded to text at all.
    pub fn is_undecodable(&self) -> bool {
        false
    }
}

/// Fonts of one document, resolved once each.
#[derive(Debug, Default)]
pub struct FontCache {
    by_id: HashMap<ObjectId, Arc<Font>>,
}

impl FontCache {
    /// The font a resource entry points to (a reference or an inline dict).
    pub fn get(&mut self, doc: &Document, font: &Object) -> Option<Arc<Font>> {
        match font {
            Object::Reference(id) => {
                if let Some(f) = self.by_id.get(id) {
                    return Some(f.clone());
                }
                let dict = doc.get_object(*id).ok()?.as_dict().ok()?;
                let f = Arc::new(Font::from_dict(doc, dict));
                self.by_id.insert(*id, f.clone());
                Some(f)
            }
            Object::Dictionary(dict) => Some(Arc::new(Font::from_dict(doc, dict))),
            _ => None,
        }
    }
}
