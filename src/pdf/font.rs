//! Fonts: from a font dictionary to a decoder of shown strings.
//!
//! Owns [`Font`] (one resolved font: how shown strings split into codes, the
//! Unicode text and width of each code, writing mode, vertical metrics and
//! what could not be read) and [`FontCache`] (fonts resolved once per
//! document). Simple fonts (Type1, MMType1, TrueType, Type3) decode through
//! ToUnicode first, then their encoding ([`super::encoding`], `/Differences`
//! through [`super::glyphlist`]); Type0 fonts through ToUnicode, then the
//! text-bearing predefined CMaps ([`super::cmap`]). Codes that map to nothing
//! decode to `text: None`, never to a guessed character. The content-stream
//! interpreter hands the decoded glyphs on to layout.

use foldhash::HashMap;
use std::borrow::Cow;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::cff::{self, CffEncoding};
use super::cmap::{CMap, Codespace, Predefined, collection_unicode};
use super::encoding::{BaseEncoding, truetype_builtin, truetype_glyph_texts, zapf_dingbats_char, zapf_dingbats_code};
use super::glyphlist::glyph_text;
use super::metrics::{Standard14, strip_subset_tag};

/// Largest embedded stream (font program, CMap) read while resolving a font.
const MAX_STREAM_BYTES: usize = 32 << 20;
/// Widest CID range of a `/W` entry that is stored code by code.
const MAX_W_EXPAND: u32 = 4096;

/// One decoded character code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedGlyph {
    /// The character code as read from the string (1 to 4 bytes).
    pub code: u32,
    /// How many bytes the code took.
    pub len: u8,
    /// Unicode text of the glyph; None when the code maps to nothing.
    pub text: Option<String>,
    /// Displacement in glyph space units (thousandths of text space, the
    /// /Widths convention; Type3 widths already scaled so). Horizontal for
    /// horizontal fonts; for vertical fonts ([`Font::is_vertical`]) the
    /// downward vertical advance (`-w1y` of /W2 or /DW2, normally 1000).
    pub width: f32,
    /// True for the single-byte code 32, to which word spacing (Tw) applies.
    pub is_space_code: bool,
}

/// What kind of font program the dictionary describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Kind {
    /// Type1, MMType1, TrueType: one-byte codes.
    #[default]
    Simple,
    /// Type3: one-byte codes, glyphs drawn by content streams.
    Type3,
    /// Type0 (composite): codes split by the encoding CMap.
    Type0,
}

/// Width of CIDs: single entries and ranges from `/W`.
#[derive(Debug, Clone, Default)]
struct CidWidths {
    single: HashMap<u32, f32>,
    ranges: Vec<(u32, u32, f32)>,
    default: f32,
}

impl CidWidths {
    fn get(&self, cid: u32) -> f32 {
        if let Some(w) = self.single.get(&cid) {
            return *w;
        }
        self.ranges
            .iter()
            .find(|(a, b, _)| *a <= cid && cid <= *b)
            .map_or(self.default, |r| r.2)
    }
}

/// A font, resolved once per document.
#[derive(Debug, Clone, Default)]
pub struct Font {
    name: String,
    kind: Kind,
    /// Simple fonts: text per code (ToUnicode, else the encoding).
    simple_text: Vec<Option<Box<str>>>,
    /// Simple fonts: width per code, glyph space thousandths.
    simple_width: Vec<f32>,
    /// Type0: how strings split into codes.
    codespace: Codespace,
    /// Type0: ToUnicode.
    to_unicode: Option<CMap>,
    /// Type0: an embedded encoding CMap (code to CID).
    cid_cmap: Option<CMap>,
    /// Type0: the predefined encoding CMap, when named.
    predefined: Option<Predefined>,
    /// Type0 without ToUnicode: text per glyph id from the embedded
    /// TrueType program, and the CIDToGIDMap (None: identity).
    gid_text: Option<HashMap<u16, Box<str>>>,
    cid_to_gid: Option<Vec<u16>>,
    /// Type0 without ToUnicode in one of Adobe's CJK collections: that
    /// collection's CID-to-Unicode map.
    collection: Option<&'static CMap>,
    /// Type0: CID widths (/W, /DW), or vertical advances (/W2, /DW2).
    cid_widths: CidWidths,
    vertical: bool,
    ascent: f32,
    descent: f32,
    problems: Vec<String>,
    undecodable: bool,
    bold: bool,
    italic: bool,
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read is recorded
    /// in [`Font::problems`].
    pub fn from_dict(doc: &Document, dict: &Dictionary) -> Font {
        let name = name_of(doc, dict, b"BaseFont")
            .or_else(|| name_of(doc, dict, b"Name"))
            .unwrap_or_default();
        let subtype = name_of(doc, dict, b"Subtype").unwrap_or_default();
        let mut font = Font {
            name,
            ascent: 800.0,
            descent: -200.0,
            ..Font::default()
        };
        let fd = if subtype == "Type0" {
            dict.get(b"DescendantFonts")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| dict_of(doc, Some(o)))
                .and_then(|d| dict_of(doc, d.get(b"FontDescriptor").ok()))
        } else {
            dict_of(doc, dict.get(b"FontDescriptor").ok())
        };
        font.read_style(doc, fd);
        match subtype.as_str() {
            "Type0" => {
                font.kind = Kind::Type0;
                font.read_type0(doc, dict);
            }
            "Type3" => {
                font.kind = Kind::Type3;
                font.read_simple(doc, dict);
            }
            other => {
                if !matches!(other, "Type1" | "MMType1" | "TrueType" | "") {
                    font.problem(format!("has the unknown subtype /{other}; it is read as a simple font"));
                }
                font.read_simple(doc, dict);
            }
        }
        font
    }

    fn problem(&mut self, what: String) {
        let name = if self.name.is_empty() { "(unnamed)" } else { &self.name };
        self.problems.push(format!("Font {name} {what}."));
    }

    /// Splits a shown string into codes and decodes each.
    pub fn decode(&self, bytes: &[u8]) -> Vec<DecodedGlyph> {
        let mut out = Vec::with_capacity(bytes.len());
        self.decode_each(bytes, |code, len, text, width, is_space_code| {
            out.push(DecodedGlyph {
                code,
                len,
                text: text.map(str::to_owned),
                width,
                is_space_code,
            })
        });
        out
    }

    /// Like [`Font::decode`] without allocating per glyph: calls `f` with
    /// (code, length, text, width, is_space_code) for each code.
    pub fn decode_each(&self, bytes: &[u8], mut f: impl FnMut(u32, u8, Option<&str>, f32, bool)) {
        if self.kind != Kind::Type0 {
            for &b in bytes {
                let text = self.simple_text.get(b as usize).and_then(|t| t.as_deref());
                let width = self.simple_width.get(b as usize).copied().unwrap_or(0.0);
                f(b as u32, 1, text, width, b == 32);
            }
            return;
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len) = self.codespace.next_code(rest);
            let n = (len as usize).clamp(1, rest.len());
            let code_bytes = &rest[..n];
            rest = &rest[n..];
            let width = self.cid_widths.get(self.cid_of(code));
            let borrowed = self.to_unicode.as_ref().and_then(|tu| tu.unicode(code));
            let owned = match borrowed {
                Some(_) => None,
                None => self
                    .to_unicode
                    .as_ref()
                    .and_then(|tu| tu.unicode_owned(code))
                    .or_else(|| self.predefined.and_then(|p| p.text(code_bytes)))
                    .or_else(|| self.gid_text_of(code))
                    .or_else(|| self.collection_text_of(code)),
            };
            let text = borrowed.or(owned.as_deref());
            f(code, n as u8, text, width, n == 1 && code == 32);
        }
    }

    /// Text of a code through CID, glyph id and the embedded TrueType tables.
    fn gid_text_of(&self, code: u32) -> Option<String> {
        let texts = self.gid_text.as_ref()?;
        let cid = self.cid_of(code);
        let gid = match &self.cid_to_gid {
            Some(map) => *map.get(cid as usize)?,
            None => u16::try_from(cid).ok()?,
        };
        texts.get(&gid).map(|t| t.to_string())
    }

    /// Text of a code through its CID and the character collection's map.
    fn collection_text_of(&self, code: u32) -> Option<String> {
        let cid = self.cid_of(code);
        // CID 0 is .notdef in every collection.
        if cid == 0 || cid == u32::MAX {
            return None;
        }
        self.collection?.unicode_owned(cid)
    }

    /// The CID of a Type0 code (the code itself when unknown).
    fn cid_of(&self, code: u32) -> u32 {
        if let Some(cid) = self.cid_cmap.as_ref().and_then(|c| c.cid(code)) {
            return cid;
        }
        match self.predefined {
            // The CIDs of the other predefined CMaps are unknown: /DW applies.
            Some(p) if p != Predefined::Identity => u32::MAX,
            _ => code,
        }
    }

    /// True for vertical writing (Identity-V and other -V CMaps).
    pub fn is_vertical(&self) -> bool {
        self.vertical
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
        self.undecodable
    }

    /// Ascent above the baseline, thousandths of text space (positive).
    pub fn ascent(&self) -> f32 {
        self.ascent
    }

    /// Descent below the baseline, thousandths of text space (negative).
    pub fn descent(&self) -> f32 {
        self.descent
    }

    /// True for a bold face: by FontDescriptor (FontWeight of 600 or more,
    /// the ForceBold flag) or by name (Bold, Black, Heavy, Semibold, Demi).
    pub fn is_bold(&self) -> bool {
        self.bold
    }

    /// True for an italic or oblique face: by FontDescriptor (the Italic
    /// flag, a non-zero ItalicAngle) or by name (Italic, Oblique).
    pub fn is_italic(&self) -> bool {
        self.italic
    }

    fn read_style(&mut self, doc: &Document, fd: Option<&Dictionary>) {
        let lower = strip_subset_tag(&self.name).to_ascii_lowercase();
        let by_name = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        let flags = fd.and_then(|fd| num(doc, fd.get(b"Flags").ok())).unwrap_or(0.0) as u32;
        let weight = fd.and_then(|fd| num(doc, fd.get(b"FontWeight").ok())).unwrap_or(0.0);
        let angle = fd.and_then(|fd| num(doc, fd.get(b"ItalicAngle").ok())).unwrap_or(0.0);
        self.bold =
            weight >= 600.0 || flags & (1 << 18) != 0 || by_name(&["bold", "black", "heavy", "semibold", "demi"]);
        self.italic = flags & (1 << 6) != 0 || angle.abs() > 0.5 || by_name(&["italic", "oblique"]);
    }

    /// Reads ascent and descent from a FontDescriptor, else keeps `fallback`.
    fn read_vertical_metrics(&mut self, doc: &Document, fd: Option<&Dictionary>, fallback: (f32, f32)) {
        let (mut a, mut d) = fallback;
        if let Some(fd) = fd {
            let bbox = num_array(doc, fd.get(b"FontBBox").ok());
            if let Some(v) = num(doc, fd.get(b"Ascent").ok()).filter(|v| *v != 0.0) {
                a = v;
            } else if let Some(ury) = bbox.get(3).filter(|v| **v > 0.0) {
                a = *ury;
            }
            if let Some(v) = num(doc, fd.get(b"Descent").ok()).filter(|v| *v != 0.0) {
                d = v;
            } else if let Some(lly) = bbox.get(1).filter(|v| **v < 0.0) {
                d = *lly;
            }
        }
        self.ascent = a.abs().clamp(1.0, 5000.0);
        self.descent = -d.abs().min(5000.0);
    }

    // ----- simple fonts -------------------------------------------------

    fn read_simple(&mut self, doc: &Document, dict: &Dictionary) {
        let is_type3 = self.kind == Kind::Type3;
        let subtype = name_of(doc, dict, b"Subtype").unwrap_or_default();
        let fd = dict_of(doc, dict.get(b"FontDescriptor").ok());
        let flags = fd.and_then(|fd| num(doc, fd.get(b"Flags").ok())).unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let base_name = strip_subset_tag(&self.name).to_owned();
        let std14 = (!is_type3).then(|| Standard14::from_base_font(&base_name)).flatten();
        let embedded = fd.is_some_and(|fd| fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3"));

        // 1. Glyph names per code: base encoding, then /Differences.
        let mut names: Vec<Option<Cow<'static, str>>> = vec![None; 256];
        let mut zapf = std14 == Some(Standard14::ZapfDingbats);
        let enc_obj = dict.get(b"Encoding").ok().and_then(|o| deref(doc, o));
        let (enc_name, diffs) = match enc_obj {
            Some(Object::Name(n)) => (Some(n.clone()), None),
            Some(Object::Dictionary(d)) => (
                d.get(b"BaseEncoding")
                    .ok()
                    .and_then(|o| deref(doc, o))
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec),
                d.get(b"Differences")
                    .ok()
                    .and_then(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok()),
            ),
            Some(Object::Stream(_)) => {
                self.problem("has a CMap stream as the encoding of a simple font; the stream is ignored".into());
                (None, None)
            }
            _ => (None, None),
        };
        let named = enc_name.as_deref().and_then(BaseEncoding::from_name);
        if let (Some(n), None) = (&enc_name, named) {
            self.problem(format!(
                "names the unknown encoding /{}; its built-in encoding is used instead",
                String::from_utf8_lossy(n)
            ));
        }
        let mut builtin_unknown = false;
        let mut builtin_text: Option<Vec<Option<String>>> = None;
        let base = match named {
            Some(b) => Some(b),
            None if is_type3 => None,
            None => match std14 {
                Some(Standard14::Symbol) => Some(BaseEncoding::Symbol),
                Some(Standard14::ZapfDingbats) => Some(BaseEncoding::ZapfDingbats),
                _ => {
                    let from_program = (subtype != "TrueType")
                        .then(|| fd.and_then(|fd| type1_builtin_encoding(doc, fd)))
                        .flatten();
                    match from_program {
                        Some(BuiltinEncoding::Standard) => Some(BaseEncoding::Standard),
                        Some(BuiltinEncoding::Names(list)) => {
                            for (code, name) in list {
                                names[code as usize] = Some(Cow::Owned(name));
                            }
                            None
                        }
                        // An unembedded Latin standard font (or alias): its
                        // built-in encoding is the standard one.
                        None if !embedded && std14.is_some() && subtype == "TrueType" => Some(BaseEncoding::WinAnsi),
                        None if !embedded && std14.is_some() => Some(BaseEncoding::Standard),
                        None if symbolic && subtype == "TrueType" && embedded => {
                            builtin_text = fd
                                .and_then(|fd| truetype_program(doc, fd))
                                .and_then(|p| truetype_builtin(&p));
                            builtin_unknown = builtin_text.is_none();
                            None
                        }
                        None if symbolic => {
                            builtin_unknown = true;
                            None
                        }
                        None if subtype == "TrueType" => Some(BaseEncoding::WinAnsi),
                        None => Some(BaseEncoding::Standard),
                    }
                }
            },
        };
        if let Some(b) = base {
            zapf |= b == BaseEncoding::ZapfDingbats;
            for (slot, n) in names.iter_mut().zip(b.names().iter()) {
                if !n.is_empty() {
                    *slot = Some(Cow::Borrowed(*n));
                }
            }
        }
        if let Some(diffs) = diffs {
            let mut code: i64 = -1;
            for item in diffs {
                match deref(doc, item) {
                    Some(Object::Integer(i)) => code = *i,
                    Some(Object::Real(r)) => code = *r as i64,
                    Some(Object::Name(n)) => {
                        if (0..256).contains(&code) {
                            names[code as usize] = Some(Cow::Owned(String::from_utf8_lossy(n).into_owned()));
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }

        // 2. Text per code: ToUnicode first, then the glyph name.
        let to_unicode = self.read_to_unicode(doc, dict);
        let mut meaningless: Vec<String> = Vec::new();
        let mut texts: Vec<Option<Box<str>>> = Vec::with_capacity(256);
        for (code, name) in names.iter().enumerate() {
            let from_cmap = to_unicode.as_ref().and_then(|c| c.unicode_owned(code as u32));
            let text = from_cmap.or_else(|| {
                let Some(name) = name.as_deref() else {
                    return builtin_text.as_ref().and_then(|b| b.get(code).cloned().flatten());
                };
                if zapf {
                    let zc = if base == Some(BaseEncoding::ZapfDingbats)
                        && BaseEncoding::ZapfDingbats.names()[code] == name
                    {
                        Some(code as u8)
                    } else {
                        zapf_dingbats_code(name)
                    };
                    if let Some(c) = zc.and_then(zapf_dingbats_char) {
                        return Some(c.to_string());
                    }
                }
                let t = glyph_text(name);
                if t.is_none() && name != ".notdef" && meaningless.len() < 1000 {
                    meaningless.push(name.to_owned());
                }
                t
            });
            texts.push(text.map(String::into_boxed_str));
        }
        if !meaningless.is_empty() {
            let numeric = read_numeric_glyph_names(&names, &mut texts);
            if numeric > 0 {
                self.problem(format!(
                    "names {numeric} glyph(s) by number (e.g. {}); those numbers were read as character codes",
                    meaningless[0]
                ));
                meaningless.retain(|n| numeric_glyph_code(n, false).is_none() && numeric_glyph_code(n, true).is_none());
            }
        }
        if !meaningless.is_empty() {
            let examples: Vec<&str> = meaningless.iter().take(3).map(String::as_str).collect();
            self.problem(format!(
                "uses {} glyph name(s) with no Unicode meaning (e.g. {}); those codes are left unmapped",
                meaningless.len(),
                examples.join(", ")
            ));
        }
        let any_text = texts.iter().any(Option::is_some);
        if !any_text {
            self.undecodable = true;
            if builtin_unknown {
                self.problem(format!(
                    "is a symbolic {} font with neither an encoding nor a ToUnicode map; its codes cannot be read as text",
                    if subtype.is_empty() { "simple" } else { subtype.as_str() }
                ));
            } else {
                self.problem("maps none of its codes to Unicode; its text cannot be decoded".into());
            }
        } else if builtin_unknown && to_unicode.is_none() {
            self.problem(
                "is symbolic with an unknown built-in encoding; codes not named by /Differences or ToUnicode are left unmapped"
                    .into(),
            );
        }
        self.simple_text = texts;

        // 3. Widths.
        let scale = if is_type3 {
            let m = num_array(doc, dict.get(b"FontMatrix").ok());
            m.first()
                .copied()
                .filter(|a| a.is_finite() && *a != 0.0)
                .unwrap_or(0.001)
                * 1000.0
        } else {
            1.0
        };
        let first = num(doc, dict.get(b"FirstChar").ok()).unwrap_or(0.0).max(0.0) as usize;
        let widths = dict
            .get(b"Widths")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok());
        let missing = fd.and_then(|fd| num(doc, fd.get(b"MissingWidth").ok()));
        let substitute = match (widths, std14) {
            (None, None) if !is_type3 => {
                let s = substitute_metrics(&base_name, flags);
                self.problem(format!(
                    "has no /Widths and is not a standard font; widths of {s:?} are used"
                ));
                Some(s)
            }
            _ => None,
        };
        let metrics = std14.or(substitute);
        let mut w = vec![0f32; 256];
        for (code, slot) in w.iter_mut().enumerate() {
            let from_array = widths
                .and_then(|a| code.checked_sub(first).and_then(|i| a.get(i)))
                .and_then(|o| num(doc, Some(o)));
            let name = names[code].as_deref().unwrap_or("");
            let from_afm = || {
                let m = metrics?;
                let code_in_builtin = if m.is_symbolic() {
                    // Symbol/ZapfDingbats widths are by built-in code.
                    match m {
                        Standard14::ZapfDingbats => zapf_dingbats_code(name).unwrap_or(code as u8),
                        _ => BaseEncoding::Symbol
                            .names()
                            .iter()
                            .position(|n| *n == name && !name.is_empty())
                            .map_or(code as u8, |i| i as u8),
                    }
                } else {
                    code as u8
                };
                m.width(name, code_in_builtin)
            };
            *slot = match (from_array, widths.is_some()) {
                (Some(v), _) => v * scale,
                (None, true) => missing.or_else(from_afm).unwrap_or(0.0) * scale,
                (None, false) => from_afm().or(missing).unwrap_or(0.0) * scale,
            };
        }
        self.simple_width = w;

        let fallback = metrics.map_or((800.0, -200.0), Standard14::ascent_descent);
        if is_type3 {
            // FontBBox of a Type3 font is in glyph space.
            let bbox = num_array(doc, dict.get(b"FontBBox").ok());
            let m = num_array(doc, dict.get(b"FontMatrix").ok());
            let d = m
                .get(3)
                .copied()
                .filter(|v| v.is_finite() && *v != 0.0)
                .unwrap_or(0.001)
                * 1000.0;
            match (bbox.get(1), bbox.get(3)) {
                (Some(lly), Some(ury)) if ury * d > 0.0 => {
                    self.ascent = (ury * d).abs().clamp(1.0, 5000.0);
                    self.descent = -(lly * d).abs().min(5000.0);
                }
                _ => self.read_vertical_metrics(doc, fd, fallback),
            }
        } else {
            self.read_vertical_metrics(doc, fd, fallback);
        }
    }

    /// Reads /ToUnicode; records problems; None when absent or empty.
    fn read_to_unicode(&mut self, doc: &Document, dict: &Dictionary) -> Option<CMap> {
        let obj = dict.get(b"ToUnicode").ok()?;
        let target = deref(doc, obj);
        let stream = match target {
            Some(Object::Stream(s)) => s,
            Some(Object::Name(n)) if n.as_slice() == b"Identity" => return None,
            _ => {
                self.problem("has a /ToUnicode entry that is not a stream; it is ignored".into());
                return None;
            }
        };
        let data = match stream.get_plain_content_with_limit(MAX_STREAM_BYTES) {
            Ok(d) => d,
            Err(e) => {
                self.problem(format!(
                    "has a ToUnicode stream that cannot be decompressed ({e}); it is ignored"
                ));
                return None;
            }
        };
        let cm = CMap::parse(&data);
        if cm.broken_entries > 0 {
            self.problem(format!(
                "has a ToUnicode CMap with {} unreadable entr{}; they were skipped",
                cm.broken_entries,
                if cm.broken_entries == 1 { "y" } else { "ies" }
            ));
        }
        if cm.truncated {
            self.problem("has a ToUnicode CMap that breaks off; the entries before the break are used".into());
        }
        if !cm.has_unicode() {
            self.problem("has a ToUnicode CMap with no usable mappings; it is ignored".into());
            return None;
        }
        Some(cm)
    }

    // ----- Type0 fonts --------------------------------------------------

    fn read_type0(&mut self, doc: &Document, dict: &Dictionary) {
        let desc = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| dict_of(doc, Some(o)));
        if desc.is_none() {
            self.problem("is a Type0 font without a readable descendant font".into());
        }

        // Encoding CMap: code splitting, CIDs, writing mode.
        let mut codespace = Codespace::default();
        // Whether codes lead to known CIDs (Identity or an embedded CMap).
        let mut cids_known = true;
        match dict.get(b"Encoding").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Name(n)) => {
                let name = String::from_utf8_lossy(n).into_owned();
                match Predefined::from_name(&name) {
                    Some((p, vertical)) => {
                        cids_known = p == Predefined::Identity;
                        self.predefined = Some(p);
                        self.vertical = vertical;
                        codespace = p.codespace();
                    }
                    None => {
                        cids_known = false;
                        self.problem(format!(
                            "uses the predefined CMap /{name}, which is not supported; codes are split as two bytes"
                        ));
                    }
                }
            }
            Some(Object::Stream(s)) => match s.get_plain_content_with_limit(MAX_STREAM_BYTES) {
                Ok(data) => {
                    let cm = CMap::parse(&data);
                    self.vertical = cm.wmode == 1 || s.dict.get(b"WMode").ok().and_then(|o| o.as_i64().ok()) == Some(1);
                    if cm.codespace.is_empty() {
                        let used = cm.usecmap.as_deref().and_then(Predefined::from_name);
                        if let Some((p, v)) = used {
                            codespace = p.codespace();
                            self.vertical |= v;
                        }
                    } else {
                        codespace = cm.codespace.clone();
                    }
                    if cm.broken_entries > 0 || cm.truncated {
                        self.problem("has an encoding CMap with unreadable parts; they were skipped".into());
                    }
                    self.cid_cmap = Some(cm);
                }
                Err(e) => self.problem(format!("has an encoding CMap that cannot be decompressed ({e})")),
            },
            _ => self.problem("is a Type0 font without an encoding; codes are split as two bytes".into()),
        }

        let to_unicode = self.read_to_unicode(doc, dict);
        if codespace.is_empty() {
            codespace = match &to_unicode {
                Some(tu) if !tu.codespace.is_empty() => tu.codespace.clone(),
                _ => Codespace::fixed(2),
            };
        }
        self.codespace = codespace;

        // Widths (or vertical advances) of CIDs.
        let fd = desc.and_then(|d| dict_of(doc, d.get(b"FontDescriptor").ok()));
        if let Some(desc) = desc {
            if self.vertical {
                let dw2 = num_array(doc, desc.get(b"DW2").ok());
                let default = dw2.get(1).map_or(1000.0, |w1y| -w1y);
                self.cid_widths = read_widths(doc, desc.get(b"W2").ok(), default, true);
            } else {
                let default = num(doc, desc.get(b"DW").ok()).unwrap_or(1000.0);
                self.cid_widths = read_widths(doc, desc.get(b"W").ok(), default, false);
            }
        } else {
            self.cid_widths.default = 1000.0;
        }
        self.read_vertical_metrics(doc, fd, (880.0, -120.0));

        // Can anything be decoded?
        let text_cmap = matches!(
            self.predefined,
            Some(Predefined::Ucs2 | Predefined::Utf16 | Predefined::Utf8 | Predefined::Utf32 | Predefined::Legacy(_))
        );
        if to_unicode.is_none() && !text_cmap {
            self.read_glyph_texts(doc, desc);
        }
        if to_unicode.is_none() && !text_cmap && self.gid_text.is_some() {
            self.problem(
                "has no ToUnicode map; its text is read from the character map of the embedded TrueType program".into(),
            );
        } else if to_unicode.is_none() && !text_cmap {
            self.undecodable = true;
            let ordering = desc
                .and_then(|d| dict_of(doc, d.get(b"CIDSystemInfo").ok()))
                .map(|si| {
                    let reg = str_of(doc, si.get(b"Registry").ok()).unwrap_or_default();
                    let ord = str_of(doc, si.get(b"Ordering").ok()).unwrap_or_default();
                    format!("{reg}-{ord}")
                })
                .unwrap_or_default();
            if let Some(table) = collection_unicode(&ordering).filter(|_| cids_known) {
                self.undecodable = false;
                self.collection = Some(table);
                self.problem(format!(
                    "is a CID font without a ToUnicode map; its CIDs are read through the {ordering} CID-to-Unicode table"
                ));
            } else if collection_unicode(&ordering).is_some() {
                self.problem(format!(
                    "is a CID font ({ordering}) without a ToUnicode map whose encoding does not give its CIDs; its text cannot be decoded"
                ));
            } else {
                self.problem("is a CID font without a ToUnicode map; its text cannot be decoded".into());
            }
        }
        self.to_unicode = to_unicode;
    }
}

impl Font {
    /// For a CIDFontType2 with an embedded program: glyph texts and the
    /// CIDToGIDMap.
    fn read_glyph_texts(&mut self, doc: &Document, desc: Option<&Dictionary>) {
        let Some(desc) = desc else { return };
        if name_of(doc, desc, b"Subtype").as_deref() != Some("CIDFontType2") {
            return;
        }
        let Some(fd) = dict_of(doc, desc.get(b"FontDescriptor").ok()) else {
            return;
        };
        let Some(texts) = truetype_program(doc, fd).and_then(|p| truetype_glyph_texts(&p)) else {
            return;
        };
        // Identity, absent or malformed: CID = glyph id.
        if let Some(Object::Stream(s)) = desc.get(b"CIDToGIDMap").ok().and_then(|o| deref(doc, o)) {
            let Ok(map) = s.get_plain_content_with_limit(MAX_STREAM_BYTES) else {
                return;
            };
            self.cid_to_gid = Some(map.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect());
        }
        self.gid_text = Some(texts.into_iter().collect());
    }
}

/// Fills the unmapped codes whose glyph names are numbers ("/32", "/a39",
/// "/G3A", "/cid12" is not one: see [`numeric_glyph_code`]) with the
/// characters those numbers name; returns how many were filled. As poppler
/// does for such fonts (mostly Type 3 fonts from TeX and PDF generators that
/// name glyphs after their codes): the numbers are hexadecimal when some
/// name of the font has the form `Lxx` or `xx` with a hex letter, decimal
/// otherwise. Control characters are not text and stay unmapped.
fn read_numeric_glyph_names(names: &[Option<Cow<'_, str>>], texts: &mut [Option<Box<str>>]) -> usize {
    let hex = names.iter().flatten().any(|n| is_hex_glyph_name(n));
    let mut filled = 0;
    for (name, text) in names.iter().zip(texts.iter_mut()) {
        let Some(name) = name.as_deref() else { continue };
        if text.is_some() || name == ".notdef" {
            continue;
        }
        let Some(c) = numeric_glyph_code(name, hex).and_then(char::from_u32) else {
            continue;
        };
        if !c.is_control() {
            *text = Some(c.to_string().into_boxed_str());
            filled += 1;
        }
    }
    filled
}

/// `Lxx` or `xx` with at least one hex letter among the `xx`.
fn is_hex_glyph_name(name: &str) -> bool {
    let b = name.as_bytes();
    let digits = match b.len() {
        3 if b[0].is_ascii_alphabetic() => &b[1..],
        2 => b,
        _ => return false,
    };
    digits.iter().all(u8::is_ascii_hexdigit) && digits.iter().any(u8::is_ascii_alphabetic)
}

/// The code a numeric glyph name stands for (poppler's forms, 0-255):
/// hexadecimal `Lxx` and `xx` when `hex`; else decimal `dd`-`dddd`, or the
/// decimal part after one or two leading characters (`a39`, `Cd12`). None
/// for any other name.
fn numeric_glyph_code(name: &str, hex: bool) -> Option<u32> {
    let b = name.as_bytes();
    let n = b.len();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let decimal = |from: usize| -> Option<u32> {
        let tail = &name[from..];
        let end = tail.bytes().take_while(u8::is_ascii_digit).count();
        tail[..end].parse().ok()
    };
    let code = if hex && n == 3 && b[0].is_ascii_alphabetic() && b[1..].iter().all(u8::is_ascii_hexdigit) {
        u32::from_str_radix(&name[1..], 16).ok()
    } else if hex && n == 2 && b.iter().all(u8::is_ascii_hexdigit) {
        u32::from_str_radix(name, 16).ok()
    } else if !hex && (2..=4).contains(&n) && b.iter().all(u8::is_ascii_digit) {
        name.parse().ok()
    } else if (3..=5).contains(&n) && digit(1) && digit(2) && name[1..].bytes().all(|c| c.is_ascii_digit()) {
        decimal(1)
    } else if (4..=6).contains(&n) && digit(2) && digit(3) && name[2..].bytes().all(|c| c.is_ascii_digit()) {
        decimal(2)
    } else {
        None
    };
    code.filter(|c| *c <= 0xFF)
}

/// The encoding a Type1 font program declares.
enum BuiltinEncoding {
    Standard,
    Names(Vec<(u8, String)>),
}

/// Reads the built-in encoding from the clear-text part of an embedded Type1
/// program (`/Encoding StandardEncoding def` or `dup <code> /<name> put`).
fn type1_builtin_encoding(doc: &Document, fd: &Dictionary) -> Option<BuiltinEncoding> {
    if let Some(Object::Stream(s)) = fd.get(b"FontFile3").ok().and_then(|o| deref(doc, o)) {
        let data = s.get_plain_content_with_limit(MAX_STREAM_BYTES).ok()?;
        return match cff::builtin_encoding(&data)? {
            CffEncoding::Standard => Some(BuiltinEncoding::Standard),
            CffEncoding::Names(names) => (!names.is_empty()).then_some(BuiltinEncoding::Names(names)),
        };
    }
    let Some(Object::Stream(s)) = fd.get(b"FontFile").ok().and_then(|o| deref(doc, o)) else {
        return None;
    };
    let data = s.get_plain_content_with_limit(MAX_STREAM_BYTES).ok()?;
    let clear_len = s
        .dict
        .get(b"Length1")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_i64().ok())
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(data.len())
        .min(data.len());
    let mut clear = &data[..clear_len];
    if let Some(p) = find(clear, b"eexec") {
        clear = &clear[..p];
    }
    let enc_at = find(clear, b"/Encoding")?;
    let after = &clear[enc_at + 9..];
    let head = &after[..after.len().min(40)];
    if find(head, b"StandardEncoding").is_some() {
        return Some(BuiltinEncoding::Standard);
    }
    let mut out = Vec::new();
    let text = String::from_utf8_lossy(after);
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if *w == "readonly" || *w == "def" {
            if out.is_empty() {
                continue;
            }
            break;
        }
        if *w != "dup" {
            continue;
        }
        if let (Some(code), Some(name), Some(&"put")) = (words.get(i + 1), words.get(i + 2), words.get(i + 3))
            && let (Ok(code), Some(name)) = (code.parse::<u8>(), name.strip_prefix('/'))
        {
            out.push((code, name.to_owned()));
        }
    }
    (!out.is_empty()).then_some(BuiltinEncoding::Names(out))
}

/// The decompressed embedded TrueType program (/FontFile2).
fn truetype_program(doc: &Document, fd: &Dictionary) -> Option<Vec<u8>> {
    match fd.get(b"FontFile2").ok().and_then(|o| deref(doc, o))? {
        Object::Stream(s) => s.get_plain_content_with_limit(MAX_STREAM_BYTES).ok(),
        _ => None,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A standard font with metrics like those of a font without /Widths.
fn substitute_metrics(name: &str, flags: u32) -> Standard14 {
    let lower = name.to_ascii_lowercase();
    let bold = lower.contains("bold") || lower.contains("black") || flags & (1 << 18) != 0;
    let italic = lower.contains("italic") || lower.contains("oblique") || flags & (1 << 6) != 0;
    use Standard14::*;
    if flags & 1 != 0 {
        [Courier, CourierBold, CourierOblique, CourierBoldOblique][usize::from(bold) + 2 * usize::from(italic)]
    } else if flags & 2 != 0 {
        [TimesRoman, TimesBold, TimesItalic, TimesBoldItalic][usize::from(bold) + 2 * usize::from(italic)]
    } else {
        [Helvetica, HelveticaBold, HelveticaOblique, HelveticaBoldOblique][usize::from(bold) + 2 * usize::from(italic)]
    }
}

/// Reads /W (`c [w1 w2 ...]` and `cfirst clast w`) or, when `vertical`,
/// /W2 (`c [w1y vx vy ...]` and `cfirst clast w1y vx vy`: a triple per CID,
/// of which the advance w1y is kept, negated into a downward advance).
fn read_widths(doc: &Document, w: Option<&Object>, default: f32, vertical: bool) -> CidWidths {
    let mut out = CidWidths {
        default,
        ..CidWidths::default()
    };
    let Some(items) = w.and_then(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) else {
        return out;
    };
    // Numbers per CID in the array form.
    let per_cid = if vertical { 3 } else { 1 };
    let advance = |v: f32| if vertical { -v } else { v };
    let mut i = 0;
    while i < items.len() {
        let Some(first) = num(doc, items.get(i)).filter(|v| *v >= 0.0) else {
            i += 1;
            continue;
        };
        let first = first as u32;
        match items.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, group) in ws.chunks(per_cid).enumerate() {
                    if let Some(v) = num(doc, group.first()) {
                        out.single.insert(first.saturating_add(k as u32), advance(v));
                    }
                }
                i += 2;
            }
            Some(_) => {
                let last = num(doc, items.get(i + 1)).unwrap_or(-1.0);
                if let (true, Some(v)) = (last >= first as f32, num(doc, items.get(i + 2))) {
                    let last = last as u32;
                    // Small /W ranges are expanded for lookups by CID; /W2
                    // ranges are kept (singles take precedence over ranges).
                    if !vertical && last - first < MAX_W_EXPAND {
                        for c in first..=last {
                            out.single.insert(c, v);
                        }
                    } else {
                        out.ranges.push((first, last, advance(v)));
                    }
                }
                i += 2 + per_cid;
            }
            None => break,
        }
    }
    out
}

/// Follows references (lopdf bounds the chain).
fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn dict_of<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Dictionary> {
    match deref(doc, o?)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn num(doc: &Document, o: Option<&Object>) -> Option<f32> {
    match deref(doc, o?)? {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn num_array(doc: &Document, o: Option<&Object>) -> Vec<f32> {
    o.and_then(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .map(|a| a.iter().map(|x| num(doc, Some(x)).unwrap_or(0.0)).collect())
        .unwrap_or_default()
}

fn name_of(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    let o = deref(doc, dict.get(key).ok()?)?;
    o.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned())
}

fn str_of(doc: &Document, o: Option<&Object>) -> Option<String> {
    match deref(doc, o?)? {
        Object::String(s, _) => Some(String::from_utf8_lossy(s).into_owned()),
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// Fonts of one document, resolved once each.
#[derive(Debug, Default)]
pub struct FontCache {
    by_id: HashMap<ObjectId, Arc<Font>>,
    /// Inline font dictionaries, by address inside the (unchanging)
    /// document the cache belongs to.
    by_addr: HashMap<usize, Arc<Font>>,
}

impl FontCache {
    /// The font a resource entry points to (a reference or an inline dict).
    pub fn get(&mut self, doc: &Document, font: &Object) -> Option<Arc<Font>> {
        match font {
            Object::Reference(id) => {
                if let Some(f) = self.by_id.get(id) {
                    return Some(f.clone());
                }
                let dict = dict_of(doc, Some(font))?;
                let f = Arc::new(Font::from_dict(doc, dict));
                self.by_id.insert(*id, f.clone());
                Some(f)
            }
            Object::Dictionary(dict) => {
                let addr = dict as *const Dictionary as usize;
                let f = self
                    .by_addr
                    .entry(addr)
                    .or_insert_with(|| Arc::new(Font::from_dict(doc, dict)));
                Some(f.clone())
            }
            _ => None,
        }
    }

    /// Number of fonts resolved so far.
    pub fn len(&self) -> usize {
        self.by_id.len() + self.by_addr.len()
    }

    /// True when no font has been resolved yet.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty() && self.by_addr.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::encoding::tests::{symbolic_truetype, truetype_with_cmap};
    use lopdf::content::Content;
    use lopdf::{Stream, dictionary};

    /// Text of a shown string, `?` for unmapped codes.
    fn text(f: &Font, bytes: &[u8]) -> String {
        f.decode(bytes)
            .iter()
            .map(|g| g.text.clone().unwrap_or_else(|| "?".into()))
            .collect()
    }

    fn widths(f: &Font, bytes: &[u8]) -> Vec<f32> {
        f.decode(bytes).iter().map(|g| g.width).collect()
    }

    fn stream(doc: &mut Document, content: &str) -> Object {
        Object::Reference(doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec())))
    }

    fn cmap(body: &str) -> String {
        format!(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n{body}\nendcmap \
             CMapName currentdict /CMap defineresource pop end end"
        )
    }

    #[test]
    fn base_encodings_and_standard_14_widths() {
        let doc = Document::with_version("1.5");
        let helv = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding" };
        let f = Font::from_dict(&doc, &helv);
        assert_eq!(text(&f, b"\x93caf\xe9\x94 \x80"), "\u{201C}café\u{201D} €");
        assert_eq!(widths(&f, b"A a"), vec![667.0, 278.0, 556.0]);
        assert!(f.problems().is_empty(), "{:?}", f.problems());
        assert!(!f.is_undecodable());
        assert_eq!((f.ascent(), f.descent()), (718.0, -207.0));
        assert!(!f.is_bold() && !f.is_italic());
        let bi = dictionary! { "Subtype" => "Type1", "BaseFont" => "ABCDEF+Minion-BoldIt" };
        assert!(Font::from_dict(&doc, &bi).is_bold());
        let g = f.decode(b" ");
        assert!(g[0].is_space_code && g[0].len == 1 && g[0].code == 32);

        // No /Encoding on a Type1 font: StandardEncoding.
        let times = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman" };
        let f = Font::from_dict(&doc, &times);
        assert_eq!(text(&f, b"It'`s \xae\xaf"), "It\u{2019}\u{2018}s fifl");
        assert_eq!(widths(&f, b"a"), vec![444.0]);

        let mac = dictionary! { "Subtype" => "Type1", "BaseFont" => "Courier-Bold", "Encoding" => "MacRomanEncoding" };
        let f = Font::from_dict(&doc, &mac);
        assert_eq!(text(&f, b"\x8e\xd5"), "é\u{2019}");
        assert_eq!(widths(&f, b"\x8eW"), vec![600.0, 600.0]);

        let pdfdoc = dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "PDFDocEncoding" };
        assert_eq!(text(&Font::from_dict(&doc, &pdfdoc), b"\x80\xa0"), "•€");

        let expert = dictionary! { "Subtype" => "Type1", "BaseFont" => "Foo", "Encoding" => "MacExpertEncoding",
        "Widths" => vec![500.into()], "FirstChar" => 32 };
        let f = Font::from_dict(&doc, &expert);
        assert_eq!(text(&f, b" "), " ");

        let symbol = dictionary! { "Subtype" => "Type1", "BaseFont" => "Symbol" };
        let f = Font::from_dict(&doc, &symbol);
        assert_eq!(text(&f, b"abp"), "αβπ");
        assert_eq!(widths(&f, b"a"), vec![631.0]);
        let zapf = dictionary! { "Subtype" => "Type1", "BaseFont" => "ZapfDingbats" };
        let f = Font::from_dict(&doc, &zapf);
        assert_eq!(text(&f, b"!l"), "\u{2701}\u{25CF}");
        assert_eq!(widths(&f, b"!"), vec![974.0]);
    }

    #[test]
    fn differences_through_the_glyph_list() {
        let doc = Document::with_version("1.5");
        let diffs: Vec<Object> = vec![
            1.into(),
            Object::Name(b"uni0042".to_vec()),
            Object::Name(b"g12".to_vec()),
            Object::Name(b"fi".to_vec()),
            Object::Name(b"u1F600".to_vec()),
            65.into(),
            Object::Name(b"a.sc".to_vec()),
            Object::Name(b"T_h".to_vec()),
            Object::Name(b"cid77".to_vec()),
        ];
        let font = dictionary! { "Subtype" => "Type1", "BaseFont" => "ABCDEF+Minion",
        "FirstChar" => 1, "Widths" => vec![100.into(), 200.into(), 300.into()],
        "Encoding" => dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => diffs } };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"\x01\x02\x03\x04"), "B?fi\u{1F600}");
        assert_eq!(text(&f, b"ABC\xe9"), "aTh?é");
        assert_eq!(widths(&f, b"\x01\x02\x03\x04"), vec![100.0, 200.0, 300.0, 0.0]);
        assert!(f.problems().iter().any(|p| p.contains("g12")), "{:?}", f.problems());
        assert!(!f.is_undecodable());
    }

    #[test]
    fn to_unicode_takes_precedence_over_the_encoding() {
        let mut doc = Document::with_version("1.5");
        let tu = stream(
            &mut doc,
            &cmap(
                "1 begincodespacerange <00> <FF> endcodespacerange\n\
                 2 beginbfchar <41> <00660069> <42> <6771> endbfchar\n\
                 1 beginbfrange <61> <63> <0058> endbfrange\n\
                 1 beginbfrange <64> <65> [<0031> <D83DDE00>] endbfrange",
            ),
        );
        let font = dictionary! { "Subtype" => "TrueType", "BaseFont" => "Arial",
        "Encoding" => "WinAnsiEncoding", "ToUnicode" => tu,
        "FirstChar" => 65, "Widths" => vec![722.into(), 667.into()] };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"AB abcde C"), "fi東 XYZ1\u{1F600} C");
        assert!(f.problems().is_empty(), "{:?}", f.problems());
        assert_eq!(widths(&f, b"AB"), vec![722.0, 667.0]);
    }

    #[test]
    fn broken_to_unicode_falls_back_to_the_encoding() {
        let mut doc = Document::with_version("1.5");
        let tu = stream(
            &mut doc,
            "2 beginbfchar <41> <0058> <42> oops <43> <0059> endbfchar 1 beginbfrange <50>",
        );
        let font = dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica", "ToUnicode" => tu };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"ABCD"), "XBYD");
        assert!(f.problems().len() >= 2, "{:?}", f.problems());
        assert!(!f.is_undecodable());

        let not_a_stream = dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica", "ToUnicode" => 5 };
        let f = Font::from_dict(&doc, &not_a_stream);
        assert_eq!(text(&f, b"AB"), "AB");
        assert_eq!(f.problems().len(), 1);
    }

    #[test]
    fn w_and_w2_share_one_reader() {
        let doc = Document::with_version("1.5");
        let arr = |v: Vec<Object>| Some(Object::Array(v));
        let n = |v: i64| Object::Integer(v);
        // /W: a list from 16, a range 20..=22 (expanded), a huge range (kept).
        let w = arr(vec![
            n(16),
            Object::Array(vec![n(500), n(600)]),
            n(20),
            n(22),
            n(700),
            n(1000),
            n(900_000),
            n(300),
        ]);
        let cw = read_widths(&doc, w.as_ref(), 1000.0, false);
        let got: Vec<f32> = [15, 16, 17, 20, 22, 23, 5000].iter().map(|&c| cw.get(c)).collect();
        assert_eq!(got, vec![1000.0, 500.0, 600.0, 700.0, 700.0, 1000.0, 300.0]);
        // /W2: triples per CID (w1y vx vy), ranges of five numbers; the
        // advance is -w1y; a single CID wins over a range covering it.
        let w2 = arr(vec![
            n(16),
            Object::Array(vec![n(-900), n(500), n(880), n(-800), n(500), n(880)]),
            n(20),
            n(30),
            n(-950),
            n(500),
            n(880),
            n(25),
            Object::Array(vec![n(-700), n(0), n(0)]),
        ]);
        let cw = read_widths(&doc, w2.as_ref(), 1000.0, true);
        let got: Vec<f32> = [16, 17, 18, 20, 25, 30, 31].iter().map(|&c| cw.get(c)).collect();
        assert_eq!(got, vec![900.0, 800.0, 1000.0, 950.0, 700.0, 950.0, 1000.0]);
        // Damaged arrays: a negative or non-numeric start is skipped.
        let bad = arr(vec![
            n(-3),
            Object::Name(b"x".to_vec()),
            n(2),
            Object::Array(vec![n(250)]),
        ]);
        let cw = read_widths(&doc, bad.as_ref(), 1000.0, false);
        assert_eq!((cw.get(2), cw.get(3)), (250.0, 1000.0));
    }

    #[test]
    fn identity_h_with_both_w_forms() {
        let mut doc = Document::with_version("1.5");
        let tu = stream(
            &mut doc,
            &cmap(
                "1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
                 1 beginbfrange <0010> <0012> <0055> endbfrange\n1 beginbfchar <0020> <0020> endbfchar",
            ),
        );
        let w: Vec<Object> = vec![
            16.into(),
            vec![500.into(), 600.into()].into(),
            18.into(),
            20.into(),
            700.into(),
        ];
        let cid = dictionary! { "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Foo",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "FontDescriptor" => dictionary! { "FontWeight" => 700, "ItalicAngle" => -12, "Ascent" => 900, "Descent" => -250 },
        "W" => w };
        let cid_id = doc.add_object(cid);
        let font = dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Foo",
        "Encoding" => "Identity-H", "DescendantFonts" => vec![cid_id.into()], "ToUnicode" => tu };
        let f = Font::from_dict(&doc, &font);
        let g = f.decode(&[0x00, 0x10, 0x00, 0x11, 0x00, 0x12, 0x00, 0x20, 0x00, 0x30]);
        let t: Vec<Option<&str>> = g.iter().map(|g| g.text.as_deref()).collect();
        assert_eq!(t, vec![Some("U"), Some("V"), Some("W"), Some(" "), None]);
        assert_eq!(
            g.iter().map(|g| g.width).collect::<Vec<_>>(),
            vec![500.0, 600.0, 700.0, 1000.0, 1000.0]
        );
        assert!(g.iter().all(|g| g.len == 2 && !g.is_space_code));
        assert!(!f.is_vertical());
        assert!(!f.is_undecodable());
        assert!(
            f.is_bold() && f.is_italic(),
            "style from the descendant's FontDescriptor"
        );
        assert_eq!((f.ascent(), f.descent()), (900.0, -250.0));
        // An odd trailing byte is one short code, not a panic.
        assert_eq!(f.decode(&[0x00, 0x10, 0x00]).len(), 2);

        let vert = dictionary! { "Subtype" => "Type0", "BaseFont" => "Foo", "Encoding" => "Identity-V",
        "DescendantFonts" => vec![cid_id.into()], "ToUnicode" => stream(&mut doc, "1 beginbfchar <0001> <6771> endbfchar") };
        let f = Font::from_dict(&doc, &vert);
        assert!(f.is_vertical());
        assert_eq!(widths(&f, &[0, 1]), vec![1000.0]);
        assert_eq!(text(&f, &[0, 1]), "東");
    }

    #[test]
    fn mixed_one_and_two_byte_codes_from_an_embedded_cmap() {
        let mut doc = Document::with_version("1.5");
        let enc = stream(
            &mut doc,
            &cmap(
                "2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange\n\
                 2 begincidrange <20> <7E> 1 <8000> <80FF> 200 endcidrange",
            ),
        );
        let tu = stream(
            &mut doc,
            "1 beginbfrange <20> <7E> <0020> endbfrange 1 beginbfchar <8001> <6771> endbfchar",
        );
        let cid = doc.add_object(dictionary! { "Subtype" => "CIDFontType0", "BaseFont" => "Bar",
        "DW" => 900, "W" => vec![34.into(), vec![400.into()].into(), 201.into(), 201.into(), 1000.into()] });
        let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "Bar", "Encoding" => enc,
        "DescendantFonts" => vec![cid.into()], "ToUnicode" => tu };
        let f = Font::from_dict(&doc, &font);
        let g = f.decode(b"A \x80\x01B");
        assert_eq!(g.iter().map(|g| g.len).collect::<Vec<_>>(), vec![1, 1, 2, 1]);
        assert_eq!(text(&f, b"A \x80\x01B"), "A 東B");
        assert!(g[1].is_space_code, "one-byte code 32 takes word spacing");
        assert_eq!(
            g.iter().map(|g| g.width).collect::<Vec<_>>(),
            vec![400.0, 900.0, 1000.0, 900.0]
        );
    }

    #[test]
    fn predefined_unicode_cmaps() {
        let mut doc = Document::with_version("1.5");
        let cid = doc.add_object(dictionary! { "Subtype" => "CIDFontType0", "BaseFont" => "HeiseiMin-W3",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Japan1"), "Supplement" => 2 } });
        let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "HeiseiMin-W3",
        "Encoding" => "UniJIS-UCS2-H", "DescendantFonts" => vec![cid.into()] };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, &[0x67, 0x71, 0x4E, 0xAC]), "東京");
        assert!(!f.is_undecodable());
        let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "HeiseiMin-W3",
        "Encoding" => "90ms-RKSJ-H", "DescendantFonts" => vec![cid.into()] };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"A\x93\x8c"), "A東");
        let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => "Weird-H",
        "DescendantFonts" => vec![cid.into()] };
        let f = Font::from_dict(&doc, &font);
        assert!(f.is_undecodable());
        assert!(f.problems().iter().any(|p| p.contains("Weird-H")), "{:?}", f.problems());
    }

    #[test]
    fn cjk_collections_without_to_unicode_use_the_collection_tables() {
        let mut doc = Document::with_version("1.5");
        let font_in = |doc: &mut Document, ordering: &str, encoding: &str| {
            let cid = doc.add_object(dictionary! { "Subtype" => "CIDFontType0", "BaseFont" => "X",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal(ordering), "Supplement" => 2 } });
            let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "X", "Encoding" => encoding,
            "DescendantFonts" => vec![cid.into()] };
            Font::from_dict(doc, &font)
        };
        // Adobe-Japan1 CIDs 526 and 3284 are あ and 日; 36 is in the proportional Latin range.
        let f = font_in(&mut doc, "Japan1", "Identity-H");
        assert!(!f.is_undecodable());
        assert_eq!(text(&f, &[0x02, 0x0E, 0x0C, 0xD4, 0x00, 0x24]), "あ日C");
        assert!(
            f.problems().iter().any(|p| p.contains("Adobe-Japan1 CID-to-Unicode")),
            "{:?}",
            f.problems()
        );
        // Each collection has its own table: the same CID is a different character.
        let gb = font_in(&mut doc, "GB1", "Identity-H");
        let korea = font_in(&mut doc, "Korea1", "Identity-H");
        let cns = font_in(&mut doc, "CNS1", "Identity-H");
        let chars: Vec<String> = [&gb, &korea, &cns].iter().map(|f| text(f, &[0x04, 0x00])).collect();
        assert!(chars.iter().all(|c| c != "?" && !c.is_empty()), "{chars:?}");
        assert!(chars[0] != chars[1] || chars[1] != chars[2], "{chars:?}");
        // An encoding whose CIDs are unknown cannot use the table: flagged, not guessed.
        let f = font_in(&mut doc, "Japan1", "Weird-H");
        assert!(f.is_undecodable());
    }

    #[test]
    fn undecodable_fonts_are_flagged_not_guessed() {
        let mut doc = Document::with_version("1.5");
        let cid = doc.add_object(dictionary! { "Subtype" => "CIDFontType2", "BaseFont" => "MSMincho",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 } });
        let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "MSMincho", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()] };
        let f = Font::from_dict(&doc, &font);
        assert!(f.is_undecodable());
        assert_eq!(text(&f, &[0, 0x24, 0, 0x25]), "??");
        assert!(
            f.problems().iter().any(|p| p.contains("cannot be decoded")),
            "{:?}",
            f.problems()
        );

        let program = doc.add_object(Stream::new(Dictionary::new(), b"\x00\x01\x00\x00".to_vec()));
        let good = doc.add_object(Stream::new(Dictionary::new(), symbolic_truetype(&["uni00E9"])));
        let fd_good = doc.add_object(dictionary! { "Flags" => 4, "FontFile2" => good });
        let font = dictionary! { "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Sym", "FontDescriptor" => fd_good };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(
            text(&f, b"ABC"),
            "Aé?",
            "built-in encoding read from the program's cmap and post"
        );
        assert!(!f.is_undecodable());
        let fd = doc.add_object(dictionary! { "Type" => "FontDescriptor", "FontName" => "Wingdings",
        "Flags" => 4, "FontFile2" => program });
        let font = dictionary! { "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Wingdings",
        "FontDescriptor" => fd, "FirstChar" => 32, "Widths" => vec![1000.into()] };
        let f = Font::from_dict(&doc, &font);
        assert!(f.is_undecodable());
        assert_eq!(text(&f, b"AB"), "??");
        assert_eq!(widths(&f, b" "), vec![1000.0]);
        assert!(
            f.problems().iter().any(|p| p.contains("symbolic")),
            "{:?}",
            f.problems()
        );
    }

    #[test]
    fn cid_truetype_without_to_unicode_reads_the_program() {
        let mut doc = Document::with_version("1.5");
        let program = doc.add_object(Stream::new(Dictionary::new(), truetype_with_cmap(1, &["uni00E9"])));
        let fd = doc.add_object(dictionary! { "Flags" => 4, "FontFile2" => program });
        let map = doc.add_object(Stream::new(Dictionary::new(), vec![0, 0, 0, 2, 0, 1]));
        let cid = doc.add_object(dictionary! { "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+Foo",
        "FontDescriptor" => fd, "CIDToGIDMap" => map });
        let font = dictionary! { "Subtype" => "Type0", "BaseFont" => "ABCDEF+Foo", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()] };
        let f = Font::from_dict(&doc, &font);
        assert!(!f.is_undecodable());
        assert_eq!(text(&f, &[0, 1, 0, 2, 0, 3]), "éA?");
        assert_eq!(f.problems().len(), 1, "the repair is reported");
    }

    #[test]
    fn type3_widths_scale_by_the_font_matrix() {
        let doc = Document::with_version("1.5");
        let m: Vec<Object> = vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()];
        let font = dictionary! { "Subtype" => "Type3", "FontMatrix" => m,
        "FontBBox" => vec![0.into(), (-20).into(), 100.into(), 80.into()],
        "FirstChar" => 1, "Widths" => vec![50.into(), 60.into()],
        "Encoding" => dictionary! { "Differences" => vec![1.into(), Object::Name(b"H".to_vec()), Object::Name(b"i".to_vec())] } };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"\x01\x02\x03"), "Hi?");
        assert_eq!(widths(&f, b"\x01\x02"), vec![500.0, 600.0]);
        assert_eq!((f.ascent(), f.descent()), (800.0, -200.0));
    }

    #[test]
    fn type3_numeric_glyph_names_are_read_as_codes() {
        let doc = Document::with_version("1.5");
        let type3 = |diffs: Vec<Object>| {
            let m: Vec<Object> = vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()];
            dictionary! { "Subtype" => "Type3", "FontMatrix" => m,
            "FontBBox" => vec![0.into(), 0.into(), 1000.into(), 1000.into()],
            "Encoding" => dictionary! { "Differences" => diffs } }
        };
        let name = |n: &str| Object::Name(n.as_bytes().to_vec());
        // Decimal: the name is the code ("/72") or follows a letter ("/a105").
        let f = Font::from_dict(
            &doc,
            &type3(vec![
                72.into(),
                name("72"),
                105.into(),
                name("a105"),
                5.into(),
                name("5"),
            ]),
        );
        assert_eq!(text(&f, b"Hi\x05"), "Hi?", "control characters stay unmapped");
        assert!(!f.is_undecodable());
        assert!(
            f.problems().iter().any(|p| p.contains("by number")),
            "{:?}",
            f.problems()
        );
        // Hexadecimal when some name has a hex letter: /G48 /G6F /G4B.
        let f = Font::from_dict(&doc, &type3(vec![1.into(), name("G4F"), name("G4B"), name("G3A")]));
        assert_eq!(text(&f, b"\x01\x02\x03"), "OK:");
        // Names that are not numbers stay unmapped, and are reported.
        let f = Font::from_dict(&doc, &type3(vec![1.into(), name("glyph"), name("one7x")]));
        assert!(f.is_undecodable());
    }

    #[test]
    fn embedded_type1_builtin_encoding() {
        let mut doc = Document::with_version("1.5");
        let program = b"%!PS-AdobeFont-1.0: CMMI10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
            dup 11 /alpha put\ndup 65 /A put\nreadonly def\ncurrentfile eexec\n\x00\x01binary";
        let mut s = Stream::new(Dictionary::new(), program.to_vec());
        s.dict.set("Length1", (program.len() - 8) as i64);
        let ff = doc.add_object(s);
        let fd = doc.add_object(dictionary! { "Flags" => 4, "FontFile" => ff });
        let font = dictionary! { "Subtype" => "Type1", "BaseFont" => "ABCDEF+CMMI10", "FontDescriptor" => fd,
        "FirstChar" => 11, "Widths" => vec![640.into()] };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"\x0bAB"), "αA?");
        assert!(!f.is_undecodable());
    }

    /// A bare CFF program with the given Top DICT bytes.
    fn cff(top: &[u8]) -> Vec<u8> {
        let mut d = vec![1, 0, 4, 1];
        d.extend([0, 1, 1, 1, 4, b'F', b'o', b'o']); // Name INDEX: "Foo"
        d.extend([0, 1, 1, 1, 1 + top.len() as u8]); // Top DICT INDEX
        d.extend(top);
        d
    }

    #[test]
    fn cff_builtin_encoding() {
        let mut doc = Document::with_version("1.5");
        let mut program = Stream::new(Dictionary::new(), cff(&[139, 0]));
        program.dict.set("Subtype", "Type1C");
        let ff = doc.add_object(program);
        let fd = doc.add_object(dictionary! { "Flags" => 4, "FontFile3" => ff });
        let font = dictionary! { "Subtype" => "Type1", "BaseFont" => "ABCDEF+Serif", "FontDescriptor" => fd,
        "FirstChar" => 32, "Widths" => vec![250.into()] };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"It's"), "It\u{2019}s");
        assert!(f.problems().is_empty(), "{:?}", f.problems());
    }

    #[test]
    fn cff_custom_encoding_and_a_partial_to_unicode() {
        // A TeX font as XeLaTeX writes it: symbolic, a custom CFF encoding,
        // and a ToUnicode that covers only the ligatures.
        let mut doc = Document::with_version("1.5");
        let glyphs = [(11u8, "ff"), (72, "H"), (105, "i"), (124, "emdash")];
        let mut program = Stream::new(Dictionary::new(), crate::pdf::cff::tests::custom_cff(&glyphs, false));
        program.dict.set("Subtype", "Type1C");
        let ff = doc.add_object(program);
        let fd = doc.add_object(dictionary! { "Flags" => 4, "FontFile3" => ff });
        let tu = stream(&mut doc, &cmap("1 beginbfchar\n<0B> <00660066>\nendbfchar"));
        let font = dictionary! { "Subtype" => "Type1", "BaseFont" => "ABCDEF+CMR10", "FontDescriptor" => fd,
        "FirstChar" => 0, "Widths" => vec![500.into(); 256], "ToUnicode" => tu };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"Hi\x0b\x7cA"), "Hiff\u{2014}?");
        assert!(!f.is_undecodable());
    }

    #[test]
    fn symbolic_flags_with_known_answers() {
        let mut doc = Document::with_version("1.5");
        // Unembedded Arial flagged symbolic: still a standard Latin font.
        let fd = doc.add_object(dictionary! { "Flags" => 4 });
        let font = dictionary! { "Subtype" => "TrueType", "BaseFont" => "Arial", "FontDescriptor" => fd };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"Hi"), "Hi");
        assert_eq!(widths(&f, b"H"), vec![722.0]);
        // Embedded symbolic CFF with a custom encoding but a ToUnicode: no complaint.
        let program = doc.add_object(Stream::new(Dictionary::new(), cff(&[28, 0, 200, 16])));
        let fd = doc.add_object(dictionary! { "Flags" => 4, "FontFile3" => program });
        let tu = stream(&mut doc, "1 beginbfrange <01> <03> <0061> endbfrange");
        let font = dictionary! { "Subtype" => "Type1", "BaseFont" => "ABCDEF+Serif", "FontDescriptor" => fd,
        "ToUnicode" => tu, "FirstChar" => 1, "Widths" => vec![500.into(), 500.into(), 500.into()] };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(text(&f, b"\x01\x02\x03\x04"), "abc?");
        assert!(f.problems().is_empty(), "{:?}", f.problems());
        // The same without ToUnicode: nothing can be read, and it says so.
        let font = dictionary! { "Subtype" => "Type1", "BaseFont" => "ABCDEF+Serif", "FontDescriptor" => fd };
        let f = Font::from_dict(&doc, &font);
        assert!(f.is_undecodable());
        assert!(
            f.problems().iter().any(|p| p.contains("symbolic")),
            "{:?}",
            f.problems()
        );
    }

    #[test]
    fn missing_widths_use_substitute_metrics() {
        let mut doc = Document::with_version("1.5");
        let fd = doc.add_object(dictionary! { "Flags" => 32 | 2, "MissingWidth" => 250 });
        let font = dictionary! { "Subtype" => "TrueType", "BaseFont" => "Garamond", "FontDescriptor" => fd };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(widths(&f, b"a"), vec![444.0], "serif flag: Times metrics");
        assert!(f.problems().iter().any(|p| p.contains("no /Widths")));
        let font = dictionary! { "Subtype" => "TrueType", "BaseFont" => "Garamond", "FontDescriptor" => fd,
        "FirstChar" => 97, "Widths" => vec![500.into()] };
        let f = Font::from_dict(&doc, &font);
        assert_eq!(widths(&f, b"ab"), vec![500.0, 250.0], "outside /Widths: MissingWidth");
    }

    #[test]
    fn cache_resolves_each_font_once() {
        let mut doc = Document::with_version("1.5");
        let id = doc.add_object(dictionary! { "Subtype" => "Type1", "BaseFont" => "Helvetica" });
        let mut cache = FontCache::default();
        let a = cache.get(&doc, &Object::Reference(id));
        let b = cache.get(&doc, &Object::Reference(id));
        assert!(matches!((&a, &b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)));
        assert_eq!(cache.len(), 1);
        assert!(cache.get(&doc, &Object::Integer(3)).is_none());
        let inline = Object::Dictionary(dictionary! { "Subtype" => "Type1", "BaseFont" => "Courier" });
        let a = cache.get(&doc, &inline);
        let b = cache.get(&doc, &inline);
        assert!(
            matches!((&a, &b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
            "inline dicts are cached too"
        );
        assert_eq!(cache.len(), 2);
        assert!(cache.get(&doc, &Object::Reference((999, 0))).is_none());
    }

    /// Every shown string of the shared PDFs decodes without unmapped codes.
    #[test]
    fn shared_pdfs_decode_fully() {
        for name in ["chromium", "libreoffice"] {
            let path = format!("{}/input/hisajima-2022-07-27.{name}.pdf", env!("CARGO_MANIFEST_DIR"));
            let doc = Document::load(&path).expect("the bundled seed PDFs are in input/");
            let mut cache = FontCache::default();
            let (mut glyphs, mut unmapped, mut text) = (0usize, 0usize, String::new());
            for (_, page) in doc.get_pages() {
                let mut resolved: HashMap<Vec<u8>, Arc<Font>> = HashMap::default();
                let Ok((inline, ids)) = doc.get_page_resources(page) else {
                    continue;
                };
                let dicts = inline
                    .into_iter()
                    .chain(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
                for res in dicts {
                    let Some(font_dict) = dict_of(&doc, res.get(b"Font").ok()) else {
                        continue;
                    };
                    for (key, entry) in font_dict.iter() {
                        if let Some(f) = cache.get(&doc, entry) {
                            assert!(!f.is_undecodable(), "{name}: {}", f.name());
                            assert!(f.problems().is_empty(), "{name}: {:?}", f.problems());
                            resolved.insert(key.clone(), f);
                        }
                    }
                }
                let content = Content::decode(&doc.get_page_content(page)).unwrap_or(Content { operations: vec![] });
                let mut cur: Option<Arc<Font>> = None;
                for op in content.operations {
                    match op.operator.as_str() {
                        "Tf" => {
                            cur = op
                                .operands
                                .first()
                                .and_then(|o| o.as_name().ok())
                                .and_then(|n| resolved.get(n).cloned())
                        }
                        "Tj" | "TJ" | "'" | "\"" => {
                            let Some(f) = &cur else { continue };
                            let mut strings = Vec::new();
                            for o in &op.operands {
                                match o {
                                    Object::String(s, _) => strings.push(s.clone()),
                                    Object::Array(a) => {
                                        strings.extend(a.iter().filter_map(|x| x.as_str().ok().map(<[u8]>::to_vec)))
                                    }
                                    _ => {}
                                }
                            }
                            for s in strings {
                                for g in f.decode(&s) {
                                    glyphs += 1;
                                    match g.text {
                                        Some(t) => text.push_str(&t),
                                        None => unmapped += 1,
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            eprintln!(
                "{name}: {glyphs} glyphs, fonts {}: {}",
                cache.len(),
                &text[..text.len().min(200)]
            );
            assert!(glyphs > 5000, "{name}: only {glyphs} glyphs");
            assert_eq!(unmapped, 0, "{name}: {unmapped} of {glyphs} codes unmapped");
            assert!(!cache.is_empty());
            assert!(text.contains("Timor"), "{name}: {}", &text[..text.len().min(300)]);
        }
    }
}
