//! CMaps: embedded CMap streams (ToUnicode and CID encodings) and the
//! predefined CMap names.
//!
//! Owns [`Codespace`] (splitting a shown string into 1-4 byte codes),
//! [`CMap`] (what a CMap stream says: codespace ranges, `bfchar`/`bfrange`
//! Unicode destinations, `cidchar`/`cidrange`, `WMode`, `usecmap`) and
//! [`Predefined`] (the meaning of a CMap name such as `Identity-H` or
//! `UniJIS-UCS2-H`). The parser is lenient: a broken entry is counted and
//! skipped, the rest is kept. [`super::font`] combines these into fonts.

use foldhash::HashMap;

use super::glyphlist::{glyph_text, push_expanded};
use crate::document::deadline::Ticker;

/// Largest CMap stream read (bytes); larger ones are cut there.
const MAX_CMAP_BYTES: usize = 16 << 20;
/// Most single mappings a bfrange/cidrange is expanded into; larger ranges
/// stay ranges.
const MAX_EXPANDED: u32 = 1 << 16;
/// Most code-to-Unicode entries kept from one CMap.
const MAX_UNICODE_ENTRIES: usize = 1 << 20;

/// One codespace range: codes of `len` bytes whose every byte lies between
/// the bytes of `low` and `high`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodespaceRange {
    pub len: u8,
    pub low: [u8; 4],
    pub high: [u8; 4],
}

impl CodespaceRange {
    /// A range from its two hex strings; None unless they have the same
    /// length of 1 to 4 bytes.
    pub fn new(low: &[u8], high: &[u8]) -> Option<CodespaceRange> {
        if low.len() != high.len() || low.is_empty() || low.len() > 4 {
            return None;
        }
        let mut r = CodespaceRange {
            len: low.len() as u8,
            low: [0; 4],
            high: [0; 4],
        };
        r.low[..low.len()].copy_from_slice(low);
        r.high[..high.len()].copy_from_slice(high);
        Some(r)
    }

    fn contains(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.len as usize
            && bytes
                .iter()
                .zip(self.low.iter().zip(&self.high))
                .all(|(b, (lo, hi))| lo <= b && b <= hi)
    }
}

/// The codespace of a font: how a shown string splits into codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Codespace {
    ranges: Vec<CodespaceRange>,
}

impl Codespace {
    /// A codespace of fixed-length codes covering every byte value.
    pub fn fixed(len: u8) -> Codespace {
        let len = len.clamp(1, 4);
        Codespace {
            ranges: vec![CodespaceRange {
                len,
                low: [0; 4],
                high: [0xFF; 4],
            }],
        }
    }

    pub fn push(&mut self, r: CodespaceRange) {
        self.ranges.push(r);
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The shortest code length of the codespace (1 when empty).
    pub fn min_len(&self) -> u8 {
        self.ranges.iter().map(|r| r.len).min().unwrap_or(1)
    }

    /// Splits the next code off `bytes` (which must not be empty): the
    /// shortest prefix inside a codespace range; when none matches, the
    /// shortest code length (as much as is left). Returns (code, length).
    pub fn next_code(&self, bytes: &[u8]) -> (u32, u8) {
        // One range (Identity-H and most embedded CMaps): only its length can match.
        if let [r] = self.ranges.as_slice()
            && let Some(head) = bytes.get(..r.len as usize)
            && r.contains(head)
        {
            return (be(head), r.len);
        }
        for len in 1..=4usize.min(bytes.len()) {
            let head = &bytes[..len];
            if self.ranges.iter().any(|r| r.contains(head)) {
                return (be(head), len as u8);
            }
        }
        let len = (self.min_len() as usize).min(bytes.len()).max(1);
        (be(&bytes[..len.min(bytes.len())]), len as u8)
    }
}

/// Big-endian value of up to 4 bytes.
pub fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

/// An incrementing `bfrange` too large to expand: codes `start..=end` map to
/// `base` with its last UTF-16 unit raised by `code - start`.
#[derive(Debug, Clone, PartialEq)]
struct BfRange {
    start: u32,
    end: u32,
    base: Vec<u16>,
}

/// What a CMap stream says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CMap {
    pub codespace: Codespace,
    /// Code to Unicode (bfchar and bfrange), invalid destinations left out.
    unicode: HashMap<u32, Box<str>>,
    big_ranges: Vec<BfRange>,
    /// Code to CID (cidchar and small cidranges).
    cids: HashMap<u32, u32>,
    /// Large cidranges: (start, end, first CID).
    cid_ranges: Vec<(u32, u32, u32)>,
    /// 1 for vertical writing.
    pub wmode: u8,
    /// The name given to `usecmap`, if any.
    pub usecmap: Option<String>,
    /// Entries that could not be read.
    pub broken_entries: usize,
    /// True when the stream stopped in the middle of a section.
    pub truncated: bool,
}

impl CMap {
    /// Unicode text of a code, if the CMap maps it to something usable.
    pub fn unicode(&self, code: u32) -> Option<&str> {
        if let Some(s) = self.unicode.get(&code) {
            return Some(s);
        }
        None
    }

    /// Like [`CMap::unicode`], also consulting ranges too large to expand
    /// (the result is then built).
    pub fn unicode_owned(&self, code: u32) -> Option<String> {
        if let Some(s) = self.unicode(code) {
            return Some(s.to_owned());
        }
        let r = self.big_ranges.iter().find(|r| r.start <= code && code <= r.end)?;
        incremented(&r.base, code - r.start).and_then(|u| utf16_text(&u))
    }

    /// True when the CMap maps at least one code to Unicode.
    pub fn has_unicode(&self) -> bool {
        !self.unicode.is_empty() || !self.big_ranges.is_empty()
    }

    /// Number of codes mapped to Unicode (ranges counted in full).
    pub fn unicode_len(&self) -> usize {
        self.unicode.len()
            + self
                .big_ranges
                .iter()
                .map(|r| (r.end - r.start) as usize + 1)
                .sum::<usize>()
    }

    /// The CID of a code, if the CMap has a `cidchar`/`cidrange` for it.
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(c) = self.cids.get(&code) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .find(|(s, e, _)| *s <= code && code <= *e)
            .map(|(s, _, c)| c.saturating_add(code - s))
    }

    /// True when the CMap has CID mappings.
    pub fn has_cids(&self) -> bool {
        !self.cids.is_empty() || !self.cid_ranges.is_empty()
    }

    /// Parses a CMap stream's (decompressed) content. Never fails: what
    /// cannot be read is counted in `broken_entries` / `truncated`.
    pub fn parse(data: &[u8]) -> CMap {
        let data = &data[..data.len().min(MAX_CMAP_BYTES)];
        let toks = tokenize(data);
        let mut cm = CMap::default();
        let mut i = 0;
        let mut tick = Ticker::new();
        while i < toks.len() {
            // Past the document's deadline the parse stops; the page reading
            // it then fails with limit.timeout. One section can stand for
            // 65,535 mappings (a full bfrange), so the clock is read at every
            // section start, and every `Ticker::EVERY` other tokens.
            let section_start = matches!(&toks[i], Tok::Kw(k) if k.starts_with(b"begin"));
            if (section_start && crate::document::deadline::expired()) || tick.expired() {
                break;
            }
            match &toks[i] {
                Tok::Kw(k) => match k.as_slice() {
                    b"begincodespacerange" => i = cm.section(&toks, i + 1, b"endcodespacerange", 2, Self::codespace),
                    b"beginbfchar" => i = cm.section(&toks, i + 1, b"endbfchar", 2, Self::bfchar),
                    b"beginbfrange" => i = cm.section(&toks, i + 1, b"endbfrange", 3, Self::bfrange),
                    b"begincidchar" => i = cm.section(&toks, i + 1, b"endcidchar", 2, Self::cidchar),
                    b"begincidrange" => i = cm.section(&toks, i + 1, b"endcidrange", 3, Self::cidrange),
                    b"usecmap" => {
                        if let Some(Tok::Name(n)) = i.checked_sub(1).and_then(|j| toks.get(j)) {
                            cm.usecmap = Some(String::from_utf8_lossy(n).into_owned());
                        }
                        i += 1;
                    }
                    _ => i += 1,
                },
                Tok::Name(n) if n.as_slice() == b"WMode" => {
                    if let Some(Tok::Int(v)) = toks.get(i + 1) {
                        cm.wmode = u8::from(*v == 1);
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        cm
    }

    /// Reads entries of `arity` operands up to `end`; returns the index
    /// after it.
    fn section(
        &mut self,
        toks: &[Tok],
        mut i: usize,
        end: &[u8],
        arity: usize,
        f: fn(&mut CMap, &[Tok]) -> bool,
    ) -> usize {
        let mut tick = Ticker::new();
        loop {
            if tick.expired() {
                return toks.len();
            }
            match toks.get(i) {
                None => {
                    self.truncated = true;
                    return i;
                }
                Some(Tok::Kw(k)) if k.as_slice() == end => return i + 1,
                Some(Tok::Kw(k)) if k.starts_with(b"begin") || k.starts_with(b"end") => {
                    // A section left open: resume at the next one.
                    self.truncated = true;
                    return i;
                }
                Some(_) => {
                    let Some(entry) = toks.get(i..i + arity) else {
                        self.truncated = true;
                        return toks.len();
                    };
                    if entry.iter().any(|t| matches!(t, Tok::Kw(_))) {
                        // Resynchronize on the next token.
                        self.broken_entries += 1;
                        i += 1;
                        continue;
                    }
                    if !f(self, entry) {
                        self.broken_entries += 1;
                    }
                    i += arity;
                }
            }
        }
    }

    fn codespace(&mut self, e: &[Tok]) -> bool {
        match (&e[0], &e[1]) {
            (Tok::Hex(lo), Tok::Hex(hi)) => match CodespaceRange::new(lo, hi) {
                Some(r) => {
                    self.codespace.push(r);
                    true
                }
                None => false,
            },
            _ => false,
        }
    }

    fn insert_unicode(&mut self, code: u32, text: Option<String>) {
        if let Some(t) = text.filter(|t| usable(t))
            && self.unicode.len() < MAX_UNICODE_ENTRIES
        {
            self.unicode.insert(code, t.into_boxed_str());
        }
    }

    fn bfchar(&mut self, e: &[Tok]) -> bool {
        let Tok::Hex(src) = &e[0] else { return false };
        if src.is_empty() || src.len() > 4 {
            return false;
        }
        let text = match &e[1] {
            Tok::Hex(dst) => utf16_text(&units(dst)),
            Tok::Name(n) => glyph_text(&String::from_utf8_lossy(n)),
            _ => return false,
        };
        self.insert_unicode(be(src), text);
        true
    }

    fn bfrange(&mut self, e: &[Tok]) -> bool {
        let (Tok::Hex(lo), Tok::Hex(hi)) = (&e[0], &e[1]) else {
            return false;
        };
        if lo.is_empty() || lo.len() > 4 || hi.len() != lo.len() {
            return false;
        }
        let (start, end) = (be(lo), be(hi));
        if end < start {
            return false;
        }
        match &e[2] {
            Tok::Hex(dst) => {
                let base = units(dst);
                if base.is_empty() {
                    return false;
                }
                if end - start >= MAX_EXPANDED {
                    self.big_ranges.push(BfRange { start, end, base });
                    return true;
                }
                let mut tick = Ticker::new();
                for off in 0..=(end - start) {
                    if tick.expired() {
                        break;
                    }
                    let text = incremented(&base, off).and_then(|u| utf16_text(&u));
                    self.insert_unicode(start + off, text);
                }
                true
            }
            Tok::Array(items) => {
                for (off, item) in items.iter().enumerate() {
                    let Some(code) = start.checked_add(off as u32).filter(|c| *c <= end) else {
                        break;
                    };
                    let text = match item {
                        Tok::Hex(dst) => utf16_text(&units(dst)),
                        Tok::Name(n) => glyph_text(&String::from_utf8_lossy(n)),
                        _ => None,
                    };
                    self.insert_unicode(code, text);
                }
                true
            }
            _ => false,
        }
    }

    fn cidchar(&mut self, e: &[Tok]) -> bool {
        match (&e[0], &e[1]) {
            (Tok::Hex(src), Tok::Int(cid)) if !src.is_empty() && src.len() <= 4 && *cid >= 0 => {
                self.cids.insert(be(src), *cid as u32);
                true
            }
            _ => false,
        }
    }

    fn cidrange(&mut self, e: &[Tok]) -> bool {
        match (&e[0], &e[1], &e[2]) {
            (Tok::Hex(lo), Tok::Hex(hi), Tok::Int(cid))
                if !lo.is_empty() && lo.len() <= 4 && hi.len() == lo.len() && *cid >= 0 =>
            {
                let (s, en) = (be(lo), be(hi));
                if en < s {
                    return false;
                }
                let cid = *cid as u32;
                if en - s < 256 {
                    for off in 0..=(en - s) {
                        self.cids.insert(s + off, cid.saturating_add(off));
                    }
                } else {
                    self.cid_ranges.push((s, en, cid));
                }
                true
            }
            _ => false,
        }
    }
}

/// False for destinations that mean "nothing": empty, NUL or U+FFFD only.
fn usable(t: &str) -> bool {
    !t.is_empty() && !t.chars().all(|c| c == '\0' || c == '\u{FFFD}')
}

/// Big-endian UTF-16 units of a byte string (an odd last byte is dropped).
fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect()
}

/// `base` with its last unit raised by `off`; None when it overflows.
fn incremented(base: &[u16], off: u32) -> Option<Vec<u16>> {
    let (last, head) = base.split_last()?;
    let v = u16::try_from(*last as u32 + off).ok()?;
    let mut u = head.to_vec();
    u.push(v);
    Some(u)
}

/// UTF-16 to text; None when not valid UTF-16 (lone surrogates).
/// Ligature presentation forms (U+FB00..U+FB06) come out as their letters.
pub fn utf16_text(units: &[u16]) -> Option<String> {
    if units.is_empty() {
        return None;
    }
    let s = String::from_utf16(units).ok()?;
    if !s.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return Some(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        push_expanded(&mut out, c);
    }
    Some(out)
}

/// PostScript tokens of a CMap.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Int(i64),
    Real,
    Kw(Vec<u8>),
    Array(Vec<Tok>),
    Other,
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

/// Tokenizes a CMap. Arrays nest one level (as bfrange destinations do);
/// deeper nesting is flattened.
fn tokenize(d: &[u8]) -> Vec<Tok> {
    let mut tick = Ticker::new();
    let mut out: Vec<Tok> = Vec::new();
    let mut array: Option<Vec<Tok>> = None;
    let mut i = 0;
    while i < d.len() {
        if tick.expired() {
            break;
        }
        let b = d[i];
        let tok = if is_ws(b) {
            i += 1;
            continue;
        } else if b == b'%' {
            while i < d.len() && d[i] != b'\n' && d[i] != b'\r' {
                i += 1;
            }
            continue;
        } else if b == b'<' && d.get(i + 1) == Some(&b'<') {
            i += 2;
            Tok::Other
        } else if b == b'>' {
            i += if d.get(i + 1) == Some(&b'>') { 2 } else { 1 };
            Tok::Other
        } else if b == b'<' {
            i += 1;
            let mut hex = Vec::new();
            let mut bad = false;
            while i < d.len() && d[i] != b'>' {
                let c = d[i];
                i += 1;
                if is_ws(c) {
                    continue;
                }
                match (c as char).to_digit(16) {
                    Some(v) => hex.push(v as u8),
                    None => bad = true,
                }
            }
            i += 1;
            if hex.len() % 2 == 1 {
                hex.push(0);
            }
            if bad {
                Tok::Other
            } else {
                Tok::Hex(hex.chunks_exact(2).map(|p| (p[0] << 4) | p[1]).collect())
            }
        } else if b == b'(' {
            i += 1;
            let mut depth = 1;
            let mut s = Vec::new();
            while i < d.len() {
                let c = d[i];
                i += 1;
                match c {
                    b'\\' => {
                        if let Some(&n) = d.get(i) {
                            s.push(n);
                            i += 1;
                        }
                    }
                    b'(' => {
                        depth += 1;
                        s.push(c);
                    }
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                        s.push(c);
                    }
                    _ => s.push(c),
                }
            }
            Tok::Str(s)
        } else if b == b'[' {
            i += 1;
            if let Some(a) = array.take() {
                out.push(Tok::Array(a));
            }
            array = Some(Vec::new());
            continue;
        } else if b == b']' {
            i += 1;
            match array.take() {
                Some(a) => Tok::Array(a),
                None => Tok::Other,
            }
        } else if b == b'/' {
            i += 1;
            let s = i;
            while i < d.len() && !is_ws(d[i]) && !is_delim(d[i]) {
                i += 1;
            }
            Tok::Name(d[s..i].to_vec())
        } else if b == b'{' || b == b'}' || b == b')' {
            i += 1;
            Tok::Other
        } else {
            let s = i;
            while i < d.len() && !is_ws(d[i]) && !is_delim(d[i]) {
                i += 1;
            }
            let w = &d[s..i];
            let text = std::str::from_utf8(w).unwrap_or("");
            if let Ok(v) = text.parse::<i64>() {
                Tok::Int(v)
            } else if text.parse::<f64>().is_ok() {
                Tok::Real
            } else {
                Tok::Kw(w.to_vec())
            }
        };
        match (&mut array, tok) {
            // A keyword inside an array means the array was never closed.
            (Some(_), t @ Tok::Kw(_)) => {
                if let Some(a) = array.take() {
                    out.push(Tok::Array(a));
                }
                out.push(t);
            }
            (Some(a), t) => a.push(t),
            (None, t) => out.push(t),
        }
    }
    if let Some(a) = array {
        out.push(Tok::Array(a));
    }
    out
}

/// What a predefined CMap name means for decoding.
/// The CID-to-Unicode map of one of Adobe's CJK character collections
/// (`"Adobe-Japan1"`, `"Adobe-GB1"`, `"Adobe-CNS1"`, `"Adobe-Korea1"`, as a
/// font's `/CIDSystemInfo` names them), for CID fonts without ToUnicode.
/// The tables are Adobe's `Adobe-*-UCS2` CMaps embedded in the binary (see
/// `src/pdf/data/cid2unicode/README.md`), each parsed on first use.
pub fn collection_unicode(collection: &str) -> Option<&'static CMap> {
    use std::sync::OnceLock;
    static TABLES: [(&str, &[u8], OnceLock<CMap>); 4] = [
        (
            "Adobe-Japan1",
            include_bytes!("data/cid2unicode/Adobe-Japan1-UCS2.cmap"),
            OnceLock::new(),
        ),
        (
            "Adobe-GB1",
            include_bytes!("data/cid2unicode/Adobe-GB1-UCS2.cmap"),
            OnceLock::new(),
        ),
        (
            "Adobe-CNS1",
            include_bytes!("data/cid2unicode/Adobe-CNS1-UCS2.cmap"),
            OnceLock::new(),
        ),
        (
            "Adobe-Korea1",
            include_bytes!("data/cid2unicode/Adobe-Korea1-UCS2.cmap"),
            OnceLock::new(),
        ),
    ];
    let (_, data, table) = TABLES.iter().find(|(name, _, _)| *name == collection)?;
    Some(table.get_or_init(|| CMap::parse(data)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predefined {
    /// Identity-H/V: 2-byte codes, CID = code, no Unicode.
    Identity,
    /// Uni*-UCS2-*: 2-byte codes that are UCS-2.
    Ucs2,
    /// Uni*-UTF16-*: UTF-16BE codes (2 or 4 bytes).
    Utf16,
    /// Uni*-UTF8-*: UTF-8 codes.
    Utf8,
    /// Uni*-UTF32-*: UTF-32BE codes.
    Utf32,
    /// A legacy byte encoding, decoded through `encoding_rs`.
    Legacy(&'static encoding_rs::Encoding),
}

impl Predefined {
    /// Reads a CMap name; returns the kind and whether it is vertical.
    pub fn from_name(name: &str) -> Option<(Predefined, bool)> {
        let vertical = name.ends_with("-V");
        let kind = if name == "Identity-H" || name == "Identity-V" {
            Predefined::Identity
        } else if name.starts_with("Uni") && name.contains("-UCS2") {
            Predefined::Ucs2
        } else if name.starts_with("Uni") && name.contains("-UTF16") {
            Predefined::Utf16
        } else if name.starts_with("Uni") && name.contains("-UTF8") {
            Predefined::Utf8
        } else if name.starts_with("Uni") && name.contains("-UTF32") {
            Predefined::Utf32
        } else if name.contains("RKSJ") {
            Predefined::Legacy(encoding_rs::SHIFT_JIS)
        } else if name.starts_with("EUC-") {
            Predefined::Legacy(encoding_rs::EUC_JP)
        } else if name.starts_with("GBK")
            || name.starts_with("GBpc-EUC")
            || name.starts_with("GBK2K")
            || name.starts_with("GB-EUC")
        {
            Predefined::Legacy(encoding_rs::GBK)
        } else if name.starts_with("B5pc") || name.starts_with("ETen-B5") || name.starts_with("HKscs-B5") {
            Predefined::Legacy(encoding_rs::BIG5)
        } else if name.starts_with("KSC-EUC") || name.starts_with("KSCms-UHC") || name.starts_with("KSCpc-EUC") {
            Predefined::Legacy(encoding_rs::EUC_KR)
        } else {
            return None;
        };
        Some((kind, vertical))
    }

    /// The codespace of the CMap.
    pub fn codespace(self) -> Codespace {
        let r = |lo: &[u8], hi: &[u8]| CodespaceRange::new(lo, hi);
        let ranges: Vec<Option<CodespaceRange>> = match self {
            Predefined::Identity | Predefined::Ucs2 => return Codespace::fixed(2),
            Predefined::Utf32 => return Codespace::fixed(4),
            Predefined::Utf16 => vec![
                r(&[0xD8, 0x00, 0xDC, 0x00], &[0xDB, 0xFF, 0xDF, 0xFF]),
                r(&[0x00, 0x00], &[0xD7, 0xFF]),
                r(&[0xE0, 0x00], &[0xFF, 0xFF]),
            ],
            Predefined::Utf8 => vec![
                r(&[0x00], &[0x7F]),
                r(&[0xC2, 0x80], &[0xDF, 0xBF]),
                r(&[0xE0, 0x80, 0x80], &[0xEF, 0xBF, 0xBF]),
                r(&[0xF0, 0x80, 0x80, 0x80], &[0xF4, 0xBF, 0xBF, 0xBF]),
            ],
            Predefined::Legacy(enc) if enc == encoding_rs::SHIFT_JIS => vec![
                r(&[0x00], &[0x80]),
                r(&[0xA0], &[0xDF]),
                r(&[0xFD], &[0xFF]),
                r(&[0x81, 0x40], &[0x9F, 0xFC]),
                r(&[0xE0, 0x40], &[0xFC, 0xFC]),
            ],
            Predefined::Legacy(enc) if enc == encoding_rs::EUC_JP || enc == encoding_rs::EUC_KR => vec![
                r(&[0x00], &[0x80]),
                r(&[0x8E, 0xA0], &[0x8E, 0xDF]),
                r(&[0xA1, 0xA1], &[0xFE, 0xFE]),
            ],
            Predefined::Legacy(_) => vec![r(&[0x00], &[0x80]), r(&[0x81, 0x40], &[0xFE, 0xFE])],
        };
        let mut cs = Codespace::default();
        for range in ranges.into_iter().flatten() {
            cs.push(range);
        }
        cs
    }

    /// Unicode text of a code's bytes, for the CMaps whose codes are text.
    pub fn text(self, bytes: &[u8]) -> Option<String> {
        let s = match self {
            Predefined::Identity => return None,
            Predefined::Ucs2 | Predefined::Utf16 => utf16_text(&units(bytes))?,
            Predefined::Utf8 => std::str::from_utf8(bytes).ok()?.to_owned(),
            Predefined::Utf32 => char::from_u32(be(bytes))?.to_string(),
            Predefined::Legacy(enc) => enc
                .decode_without_bom_handling_and_without_replacement(bytes)?
                .into_owned(),
        };
        usable(&s).then_some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &str = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
        /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
        1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
        4 beginbfchar\n<0013> <FB04>\n<0003> <0020>\n<0011> <00660069>\n<0012> <D83DDE00>\nendbfchar\n\
        2 beginbfrange\n<0020> <0022> <0041>\n<0030> <0032> [<0078> <0079> <007A>]\nendbfrange\n\
        endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

    #[test]
    fn a_passed_deadline_stops_the_parse_at_the_next_section() {
        // Two sections: with the document's deadline passed, neither is read
        // (the check sits inside the parse, not only at page boundaries).
        let data = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            1 beginbfrange <0000> <FFFE> <0041> endbfrange\n";
        let passed =
            crate::document::deadline::Deadline::at(Some(std::time::Instant::now()), std::time::Duration::from_secs(1));
        let stopped = {
            let _entered = passed.enter();
            CMap::parse(data)
        };
        assert_eq!(
            stopped.unicode(0x0001),
            None,
            "the bfrange after the deadline is not expanded"
        );
        let read = CMap::parse(data);
        assert_eq!(
            read.unicode(0x0001),
            Some("B"),
            "without a deadline the same data is read"
        );
    }

    #[test]
    fn bfchar_and_both_bfrange_forms() {
        let cm = CMap::parse(TO_UNICODE.as_bytes());
        assert_eq!(cm.unicode(0x0003), Some(" "));
        assert_eq!(cm.unicode(0x0011), Some("fi"), "multi-char destination");
        assert_eq!(cm.unicode(0x0013), Some("ffl"), "ligature code point expanded");
        assert_eq!(cm.unicode(0x0012), Some("\u{1F600}"), "surrogate pair");
        assert_eq!(cm.unicode(0x0020), Some("A"));
        assert_eq!(cm.unicode(0x0022), Some("C"), "incrementing form");
        assert_eq!(cm.unicode(0x0030), Some("x"));
        assert_eq!(cm.unicode(0x0032), Some("z"), "array form");
        assert_eq!(cm.unicode(0x0033), None);
        assert_eq!(cm.broken_entries, 0);
        assert!(!cm.truncated);
        assert_eq!(cm.codespace.next_code(&[0x00, 0x41, 0x00]), (0x41, 2));
    }

    #[test]
    fn incrementing_carries_into_the_high_byte() {
        let cm = CMap::parse(b"1 beginbfrange <10> <12> <00FF> endbfrange");
        assert_eq!(cm.unicode(0x10), Some("\u{FF}"));
        assert_eq!(cm.unicode(0x11), Some("\u{100}"));
    }

    #[test]
    fn mixed_codespace_splits_codes() {
        let cm = CMap::parse(b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange");
        let cs = &cm.codespace;
        assert_eq!(cs.next_code(b"A"), (0x41, 1));
        assert_eq!(cs.next_code(&[0x82, 0xA0]), (0x82A0, 2));
        assert_eq!(cs.next_code(&[0x81, 0x40, 0x41]), (0x8140, 2));
        // Not in any range: the shortest length.
        assert_eq!(cs.next_code(&[0xFF, 0x41]), (0xFF, 1));
        let four = Codespace::fixed(4);
        assert_eq!(four.next_code(&[1, 2, 3, 4]), (0x01020304, 4));
        assert_eq!(four.next_code(&[1, 2]), (0x0102, 2), "short tail: what is left");
    }

    #[test]
    fn broken_cmaps_keep_what_parsed() {
        let cm =
            CMap::parse(b"2 beginbfchar <01> <0041> <02> foo <03> <0043> endbfchar 1 beginbfrange <05> <04> <0041>");
        assert_eq!(cm.unicode(1), Some("A"));
        assert_eq!(cm.unicode(3), Some("C"));
        assert!(cm.broken_entries > 0);
        assert!(cm.truncated);
        let junk = CMap::parse(b"\x00\xff garbage ( unterminated");
        assert!(!junk.has_unicode());
        let nul = CMap::parse(b"1 beginbfchar <01> <0000> endbfchar");
        assert_eq!(nul.unicode(1), None, "NUL destinations are unmapped");
    }

    #[test]
    fn cid_ranges_wmode_and_usecmap() {
        let cm = CMap::parse(
            b"/WMode 1 def /Adobe-Japan1-6 usecmap 1 begincidrange <0020> <007e> 1 endcidrange \
              1 begincidchar <8140> 633 endcidchar",
        );
        assert_eq!(cm.wmode, 1);
        assert_eq!(cm.usecmap.as_deref(), Some("Adobe-Japan1-6"));
        assert_eq!(cm.cid(0x20), Some(1));
        assert_eq!(cm.cid(0x41), Some(0x22));
        assert_eq!(cm.cid(0x8140), Some(633));
        assert_eq!(cm.cid(0x10), None);
    }

    #[test]
    fn predefined_cmaps() {
        assert_eq!(Predefined::from_name("Identity-V"), Some((Predefined::Identity, true)));
        let (ucs2, v) = Predefined::from_name("UniJIS-UCS2-H").unwrap_or((Predefined::Identity, true));
        assert_eq!((ucs2, v), (Predefined::Ucs2, false));
        assert_eq!(ucs2.text(&[0x67, 0x71]).as_deref(), Some("東"));
        let (u16k, _) = Predefined::from_name("UniGB-UTF16-H").unwrap_or((Predefined::Identity, true));
        let cs = u16k.codespace();
        assert_eq!(cs.next_code(&[0xD8, 0x3D, 0xDE, 0x00]), (0xD83DDE00, 4));
        assert_eq!(u16k.text(&[0xD8, 0x3D, 0xDE, 0x00]).as_deref(), Some("\u{1F600}"));
        let (sj, _) = Predefined::from_name("90ms-RKSJ-H").unwrap_or((Predefined::Identity, true));
        assert_eq!(sj.codespace().next_code(&[0x93, 0x8C]), (0x938C, 2));
        assert_eq!(sj.text(&[0x93, 0x8C]).as_deref(), Some("東"));
        assert_eq!(sj.text(b"A").as_deref(), Some("A"));
        assert_eq!(Predefined::Identity.text(&[0, 65]), None);
        assert_eq!(Predefined::from_name("Nonsense-H"), None);
    }

    proptest::proptest! {
        #[test]
        fn parser_and_splitter_never_panic(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
                                           shown in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..20)) {
            let mut text = b"2 begincodespacerange <00> <7f> <8000> <ffff> endcodespacerange 1 beginbfrange ".to_vec();
            text.extend(&data);
            let cm = CMap::parse(&text);
            let (_, len) = cm.codespace.next_code(&shown);
            proptest::prop_assert!(len as usize <= shown.len() && len >= 1);
            let _ = cm.unicode_owned(u32::from(shown[0]));
            let _ = CMap::parse(&data);
        }
    }
}
