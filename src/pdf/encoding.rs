//! Simple-font encodings: code (one byte) to glyph name.
//!
//! Owns the base encodings of PDF 32000-1 Annex D (Standard, WinAnsi,
//! MacRoman, MacExpert, PDFDoc), the built-in encodings of the Symbol and
//! ZapfDingbats fonts, and the ZapfDingbats glyph-to-Unicode rule (its `aNN`
//! names are not in the AGL). [`super::font`] applies `/Differences` on top
//! and turns names into text through [`super::glyphlist`].

/// A named base encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    PdfDoc,
    /// The built-in encoding of the Symbol font.
    Symbol,
    /// The built-in encoding of the ZapfDingbats font.
    ZapfDingbats,
}

impl BaseEncoding {
    /// The encoding an `/Encoding` or `/BaseEncoding` name stands for.
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        Some(match name {
            b"StandardEncoding" => BaseEncoding::Standard,
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"MacExpertEncoding" => BaseEncoding::MacExpert,
            b"PDFDocEncoding" => BaseEncoding::PdfDoc,
            _ => return None,
        })
    }

    /// Glyph name per code; "" where the code is undefined.
    pub fn names(self) -> &'static [&'static str; 256] {
        match self {
            BaseEncoding::Standard => &STANDARD,
            BaseEncoding::WinAnsi => &WIN_ANSI,
            BaseEncoding::MacRoman => &MAC_ROMAN,
            BaseEncoding::MacExpert => &MAC_EXPERT,
            BaseEncoding::PdfDoc => &PDF_DOC,
            BaseEncoding::Symbol => &SYMBOL,
            BaseEncoding::ZapfDingbats => &ZAPF_DINGBATS,
        }
    }
}

/// Unicode for a code of the ZapfDingbats built-in encoding. The Unicode
/// Dingbats block follows the font's layout (code 0x21.. at U+2701..,
/// 0xA1.. at U+2761..); the holes of that block hold characters that already
/// existed elsewhere, listed here.
pub fn zapf_dingbats_char(code: u8) -> Option<char> {
    let cp = match code {
        0x20 => 0x20,
        0x25 => 0x260E,
        0x2A => 0x261B,
        0x2B => 0x261E,
        0x48 => 0x2605,
        0x6C => 0x25CF,
        0x6E => 0x25A0,
        0x73 => 0x25B2,
        0x74 => 0x25BC,
        0x75 => 0x25C6,
        0x77 => 0x25D7,
        0x21..=0x7E => 0x2700 + (code as u32 - 0x20),
        0x80..=0x8D => 0x2768 + (code as u32 - 0x80),
        0xA8 => 0x2663,
        0xA9 => 0x2666,
        0xAA => 0x2665,
        0xAB => 0x2660,
        0xAC..=0xB5 => 0x2460 + (code as u32 - 0xAC),
        0xD5 => 0x2192,
        0xD6 => 0x2194,
        0xD7 => 0x2195,
        0xF0 | 0xFF => return None,
        0xA1..=0xFE => 0x2700 + (code as u32 - 0x40),
        _ => return None,
    };
    char::from_u32(cp)
}

/// The ZapfDingbats code of one of its glyph names (`a1` ...), for
/// `/Differences` that use those names.
pub fn zapf_dingbats_code(name: &str) -> Option<u8> {
    if name.is_empty() {
        return None;
    }
    ZAPF_DINGBATS
        .iter()
        .position(|n| *n == name)
        .and_then(|i| u8::try_from(i).ok())
}

use std::collections::HashMap;

/// Reads big-endian integers out of a font program without panicking.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b = self.0.get(at..at.checked_add(2)?)?;
        Some(u16::from_be_bytes([b[0], b[1]]))
    }
    fn u32(&self, at: usize) -> Option<u32> {
        let b = self.0.get(at..at.checked_add(4)?)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// One `cmap` subtable of a TrueType program (formats 0, 4 and 6).
struct CmapSubtable<'a> {
    data: Reader<'a>,
    at: usize,
}

impl CmapSubtable<'_> {
    fn format(&self) -> Option<u16> {
        self.data.u16(self.at)
    }

    /// Glyph id of a character code.
    fn glyph(&self, code: u32) -> Option<u16> {
        let d = &self.data;
        let t = self.at;
        let gid = match self.format()? {
            0 => {
                let c = usize::try_from(code).ok().filter(|c| *c < 256)?;
                *d.0.get(t + 6 + c)? as u16
            }
            6 => {
                let first = d.u16(t + 6)? as u32;
                let count = d.u16(t + 8)? as u32;
                let i = code.checked_sub(first).filter(|i| *i < count)?;
                d.u16(t + 10 + 2 * i as usize)?
            }
            4 => {
                let segs = (d.u16(t + 6)? / 2) as usize;
                let code = u16::try_from(code).ok()?;
                let i = (0..segs).find(|&i| d.u16(t + 14 + 2 * i).is_some_and(|e| e >= code))?;
                self.segment_glyph(segs, i, code)?
            }
            _ => return None,
        };
        (gid != 0).then_some(gid)
    }

    /// Glyph of `code` in segment `i` of a format 4 subtable with `segs`
    /// segments (0 when unmapped).
    fn segment_glyph(&self, segs: usize, i: usize, code: u16) -> Option<u16> {
        let d = &self.data;
        let ends = self.at + 14;
        let starts = ends + 2 * segs + 2;
        let deltas = starts + 2 * segs;
        let offsets = deltas + 2 * segs;
        let start = d.u16(starts + 2 * i)?;
        if code < start || code > d.u16(ends + 2 * i)? {
            return Some(0);
        }
        let delta = d.u16(deltas + 2 * i)?;
        let ro = d.u16(offsets + 2 * i)? as usize;
        Some(if ro == 0 {
            code.wrapping_add(delta)
        } else {
            match d.u16(offsets + 2 * i + ro + 2 * (code - start) as usize)? {
                0 => 0,
                g => g.wrapping_add(delta),
            }
        })
    }

    /// Every (code, glyph) pair of a format 4 or 0 subtable, bounded.
    fn pairs(&self) -> Vec<(u32, u16)> {
        let d = &self.data;
        let t = self.at;
        let mut out = Vec::new();
        match self.format() {
            Some(0) => (0..256).for_each(|c| out.extend(self.glyph(c).map(|g| (c, g)))),
            Some(4) => {
                let segs = d.u16(t + 6).map_or(0, |v| v / 2) as usize;
                // At most this many codes are visited, mapped or not.
                let mut budget: u32 = 1 << 17;
                for i in 0..segs {
                    let (Some(start), Some(end)) = (d.u16(t + 16 + 2 * segs + 2 * i), d.u16(t + 14 + 2 * i)) else {
                        break;
                    };
                    for c in start..=end.min(0xFFFE) {
                        if budget == 0 {
                            return out;
                        }
                        budget -= 1;
                        if let Some(g) = self.segment_glyph(segs, i, c).filter(|g| *g != 0) {
                            out.push((c as u32, g));
                        }
                    }
                }
            }
            _ => {}
        }
        out
    }
}

/// The Macintosh standard order of glyph names (`post` table indices below 258).
#[rustfmt::skip]
static MAC_GLYPHS: [&str; 258] = [
    ".notdef", ".null", "nonmarkingreturn", "space", "exclam", "quotedbl", "numbersign", "dollar", "percent",
    "ampersand", "quotesingle", "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "colon", "semicolon", "less",
    "equal", "greater", "question", "at", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "bracketleft", "backslash", "bracketright",
    "asciicircum", "underscore", "grave", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde",
    "Adieresis", "Aring", "Ccedilla", "Eacute", "Ntilde", "Odieresis", "Udieresis", "aacute", "agrave",
    "acircumflex", "adieresis", "atilde", "aring", "ccedilla", "eacute", "egrave", "ecircumflex", "edieresis",
    "iacute", "igrave", "icircumflex", "idieresis", "ntilde", "oacute", "ograve", "ocircumflex", "odieresis",
    "otilde", "uacute", "ugrave", "ucircumflex", "udieresis", "dagger", "degree", "cent", "sterling", "section",
    "bullet", "paragraph", "germandbls", "registered", "copyright", "trademark", "acute", "dieresis", "notequal",
    "AE", "Oslash", "infinity", "plusminus", "lessequal", "greaterequal", "yen", "mu", "partialdiff", "summation",
    "product", "pi", "integral", "ordfeminine", "ordmasculine", "Omega", "ae", "oslash", "questiondown",
    "exclamdown", "logicalnot", "radical", "florin", "approxequal", "Delta", "guillemotleft", "guillemotright",
    "ellipsis", "nonbreakingspace", "Agrave", "Atilde", "Otilde", "OE", "oe", "endash", "emdash", "quotedblleft",
    "quotedblright", "quoteleft", "quoteright", "divide", "lozenge", "ydieresis", "Ydieresis", "fraction",
    "currency", "guilsinglleft", "guilsinglright", "fi", "fl", "daggerdbl", "periodcentered", "quotesinglbase",
    "quotedblbase", "perthousand", "Acircumflex", "Ecircumflex", "Aacute", "Edieresis", "Egrave", "Iacute",
    "Icircumflex", "Idieresis", "Igrave", "Oacute", "Ocircumflex", "apple", "Ograve", "Uacute", "Ucircumflex",
    "Ugrave", "dotlessi", "circumflex", "tilde", "macron", "breve", "dotaccent", "ring", "cedilla", "hungarumlaut",
    "ogonek", "caron", "Lslash", "lslash", "Scaron", "scaron", "Zcaron", "zcaron", "brokenbar", "Eth", "eth",
    "Yacute", "yacute", "Thorn", "thorn", "minus", "multiply", "onesuperior", "twosuperior", "threesuperior",
    "onehalf", "onequarter", "threequarters", "franc", "Gbreve", "gbreve", "Idotaccent", "Scedilla", "scedilla",
    "Cacute", "cacute", "Ccaron", "ccaron", "dcroat",
];

/// Glyph names from a `post` table of format 2.0, by glyph id.
fn post_names(d: &Reader<'_>, at: usize, len: usize) -> Vec<Option<String>> {
    if d.u32(at) != Some(0x0002_0000) {
        return Vec::new();
    }
    let Some(n) = d.u16(at + 32).map(usize::from) else {
        return Vec::new();
    };
    let end = at.saturating_add(len).min(d.0.len());
    let mut extra: Vec<String> = Vec::new();
    let mut p = at + 34 + 2 * n;
    while p < end {
        let l = d.0[p] as usize;
        let Some(bytes) = d.0.get(p + 1..p + 1 + l) else { break };
        extra.push(String::from_utf8_lossy(bytes).into_owned());
        p += 1 + l;
    }
    (0..n)
        .map(|g| {
            let i = d.u16(at + 34 + 2 * g)? as usize;
            match i {
                0..258 => Some(MAC_GLYPHS[i].to_owned()),
                _ => extra.get(i - 258).cloned(),
            }
        })
        .collect()
}

/// The tables of an embedded TrueType program that name its glyphs.
struct TrueType<'a> {
    sym: Option<CmapSubtable<'a>>,
    mac: Option<CmapSubtable<'a>>,
    uni: Option<CmapSubtable<'a>>,
    /// Glyph names from `post` (format 2.0), by glyph id.
    names: Vec<Option<String>>,
    /// The first character the Unicode cmap gives each glyph.
    by_glyph: HashMap<u16, char>,
}

impl<'a> TrueType<'a> {
    fn open(program: &'a [u8]) -> Option<TrueType<'a>> {
        let d = Reader(program);
        let tables = d.u16(4)? as usize;
        let (mut cmap, mut post) = (None, None);
        for i in 0..tables.min(256) {
            let rec = 12 + 16 * i;
            let tag = d.0.get(rec..rec + 4)?;
            let off = d.u32(rec + 8)? as usize;
            let len = d.u32(rec + 12)? as usize;
            match tag {
                b"cmap" => cmap = Some(off),
                b"post" => post = Some((off, len)),
                _ => {}
            }
        }
        let mut tt = TrueType {
            sym: None,
            mac: None,
            uni: None,
            names: post.map(|(at, len)| post_names(&d, at, len)).unwrap_or_default(),
            by_glyph: HashMap::new(),
        };
        if let Some(cmap) = cmap {
            for i in 0..d.u16(cmap + 2).unwrap_or(0).min(64) as usize {
                let rec = cmap + 4 + 8 * i;
                let (Some(pid), Some(eid), Some(off)) = (d.u16(rec), d.u16(rec + 2), d.u32(rec + 4)) else {
                    break;
                };
                let sub = CmapSubtable {
                    data: Reader(program),
                    at: cmap + off as usize,
                };
                match (pid, eid) {
                    (3, 0) => tt.sym = tt.sym.or(Some(sub)),
                    (1, 0) => tt.mac = tt.mac.or(Some(sub)),
                    (3, 1) | (0, _) => tt.uni = tt.uni.or(Some(sub)),
                    _ => {}
                }
            }
        }
        if let Some(u) = &tt.uni {
            for (c, g) in u.pairs() {
                if let Some(ch) = char::from_u32(c).filter(|ch| !('\u{E000}'..='\u{F8FF}').contains(ch)) {
                    tt.by_glyph.entry(g).or_insert(ch);
                }
            }
        }
        (tt.sym.is_some() || tt.mac.is_some() || tt.uni.is_some() || !tt.names.is_empty()).then_some(tt)
    }

    /// Text of a glyph: from the Unicode cmap, else from its `post` name.
    fn glyph_text(&self, gid: u16) -> Option<String> {
        if let Some(ch) = self.by_glyph.get(&gid) {
            let mut s = String::new();
            super::glyphlist::push_expanded(&mut s, *ch);
            return Some(s);
        }
        let name = self.names.get(gid as usize)?.as_deref()?;
        super::glyphlist::glyph_text(name)
    }
}

/// Text per one-byte code from an embedded TrueType program's own tables,
/// for symbolic fonts without /Encoding: the code goes through the (3,0)
/// symbol cmap (0xF000 + code), else the (1,0) Macintosh cmap, else the
/// (3,1) Unicode cmap, to a glyph; the glyph's text comes from the Unicode
/// cmap (reversed) or its `post` name. None when the program has no cmap;
/// codes whose glyph cannot be named stay None.
pub fn truetype_builtin(program: &[u8]) -> Option<Vec<Option<String>>> {
    let tt = TrueType::open(program)?;
    if tt.sym.is_none() && tt.mac.is_none() && tt.uni.is_none() {
        return None;
    }
    let mut out = vec![None; 256];
    for (code, slot) in out.iter_mut().enumerate() {
        let c = code as u32;
        let (gid, direct) = if let Some(s) = &tt.sym {
            (s.glyph(0xF000 + c).or_else(|| s.glyph(c)), None)
        } else if let Some(m) = &tt.mac {
            (m.glyph(c), None)
        } else if let Some(u) = &tt.uni {
            // A symbolic font with only a Unicode cmap: the code is looked up
            // as a character, so that character is what the glyph shows.
            (u.glyph(c), char::from_u32(c).filter(|ch| !ch.is_control()))
        } else {
            (None, None)
        };
        let Some(gid) = gid else { continue };
        *slot = tt.glyph_text(gid).or_else(|| direct.map(String::from));
    }
    Some(out)
}

/// Text per glyph id of an embedded TrueType program (Unicode cmap reversed,
/// else `post` names), for CID fonts without ToUnicode whose CIDs map to
/// glyph ids. None when the program names no glyph.
pub fn truetype_glyph_texts(program: &[u8]) -> Option<HashMap<u16, Box<str>>> {
    let tt = TrueType::open(program)?;
    let mut out = HashMap::new();
    let named = tt.names.len().min(u16::MAX as usize);
    for gid in tt.by_glyph.keys().copied().chain((0..named).map(|g| g as u16)) {
        if let std::collections::hash_map::Entry::Vacant(e) = out.entry(gid)
            && let Some(t) = tt.glyph_text(gid)
        {
            e.insert(t.into_boxed_str());
        }
    }
    (!out.is_empty()).then_some(out)
}

#[rustfmt::skip]
pub(crate) static STANDARD: [&str; 256] = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quoteright",
    "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
    "at", "A", "B", "C", "D", "E", "F", "G",
    "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W",
    "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
    "quoteleft", "a", "b", "c", "d", "e", "f", "g",
    "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "exclamdown", "cent", "sterling", "fraction", "yen", "florin", "section",
    "currency", "quotesingle", "quotedblleft", "guillemotleft", "guilsinglleft", "guilsinglright", "fi", "fl",
    "", "endash", "dagger", "daggerdbl", "periodcentered", "", "paragraph", "bullet",
    "quotesinglbase", "quotedblbase", "quotedblright", "guillemotright", "ellipsis", "perthousand", "", "questiondown",
    "", "grave", "acute", "circumflex", "tilde", "macron", "breve", "dotaccent",
    "dieresis", "", "ring", "cedilla", "", "hungarumlaut", "ogonek", "caron",
    "emdash", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "AE", "", "ordfeminine", "", "", "", "",
    "Lslash", "Oslash", "OE", "ordmasculine", "", "", "", "",
    "", "ae", "", "", "", "dotlessi", "", "",
    "lslash", "oslash", "oe", "germandbls", "", "", "", "",
];

#[rustfmt::skip]
pub(crate) static WIN_ANSI: [&str; 256] = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quotesingle",
    "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
    "at", "A", "B", "C", "D", "E", "F", "G",
    "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W",
    "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
    "grave", "a", "b", "c", "d", "e", "f", "g",
    "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "bullet",
    "Euro", "bullet", "quotesinglbase", "florin", "quotedblbase", "ellipsis", "dagger", "daggerdbl",
    "circumflex", "perthousand", "Scaron", "guilsinglleft", "OE", "bullet", "Zcaron", "bullet",
    "bullet", "quoteleft", "quoteright", "quotedblleft", "quotedblright", "bullet", "endash", "emdash",
    "tilde", "trademark", "scaron", "guilsinglright", "oe", "bullet", "zcaron", "Ydieresis",
    "space", "exclamdown", "cent", "sterling", "currency", "yen", "brokenbar", "section",
    "dieresis", "copyright", "ordfeminine", "guillemotleft", "logicalnot", "hyphen", "registered", "macron",
    "degree", "plusminus", "twosuperior", "threesuperior", "acute", "mu", "paragraph", "periodcentered",
    "cedilla", "onesuperior", "ordmasculine", "guillemotright", "onequarter", "onehalf", "threequarters", "questiondown",
    "Agrave", "Aacute", "Acircumflex", "Atilde", "Adieresis", "Aring", "AE", "Ccedilla",
    "Egrave", "Eacute", "Ecircumflex", "Edieresis", "Igrave", "Iacute", "Icircumflex", "Idieresis",
    "Eth", "Ntilde", "Ograve", "Oacute", "Ocircumflex", "Otilde", "Odieresis", "multiply",
    "Oslash", "Ugrave", "Uacute", "Ucircumflex", "Udieresis", "Yacute", "Thorn", "germandbls",
    "agrave", "aacute", "acircumflex", "atilde", "adieresis", "aring", "ae", "ccedilla",
    "egrave", "eacute", "ecircumflex", "edieresis", "igrave", "iacute", "icircumflex", "idieresis",
    "eth", "ntilde", "ograve", "oacute", "ocircumflex", "otilde", "odieresis", "divide",
    "oslash", "ugrave", "uacute", "ucircumflex", "udieresis", "yacute", "thorn", "ydieresis",
];

#[rustfmt::skip]
pub(crate) static MAC_ROMAN: [&str; 256] = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quotesingle",
    "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
    "at", "A", "B", "C", "D", "E", "F", "G",
    "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W",
    "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
    "grave", "a", "b", "c", "d", "e", "f", "g",
    "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "",
    "Adieresis", "Aring", "Ccedilla", "Eacute", "Ntilde", "Odieresis", "Udieresis", "aacute",
    "agrave", "acircumflex", "adieresis", "atilde", "aring", "ccedilla", "eacute", "egrave",
    "ecircumflex", "edieresis", "iacute", "igrave", "icircumflex", "idieresis", "ntilde", "oacute",
    "ograve", "ocircumflex", "odieresis", "otilde", "uacute", "ugrave", "ucircumflex", "udieresis",
    "dagger", "degree", "cent", "sterling", "section", "bullet", "paragraph", "germandbls",
    "registered", "copyright", "trademark", "acute", "dieresis", "notequal", "AE", "Oslash",
    "infinity", "plusminus", "lessequal", "greaterequal", "yen", "mu", "partialdiff", "summation",
    "product", "pi", "integral", "ordfeminine", "ordmasculine", "Omega", "ae", "oslash",
    "questiondown", "exclamdown", "logicalnot", "radical", "florin", "approxequal", "Delta", "guillemotleft",
    "guillemotright", "ellipsis", "space", "Agrave", "Atilde", "Otilde", "OE", "oe",
    "endash", "emdash", "quotedblleft", "quotedblright", "quoteleft", "quoteright", "divide", "lozenge",
    "ydieresis", "Ydieresis", "fraction", "currency", "guilsinglleft", "guilsinglright", "fi", "fl",
    "daggerdbl", "periodcentered", "quotesinglbase", "quotedblbase", "perthousand", "Acircumflex", "Ecircumflex", "Aacute",
    "Edieresis", "Egrave", "Iacute", "Icircumflex", "Idieresis", "Igrave", "Oacute", "Ocircumflex",
    "apple", "Ograve", "Uacute", "Ucircumflex", "Ugrave", "dotlessi", "circumflex", "tilde",
    "macron", "breve", "dotaccent", "ring", "cedilla", "hungarumlaut", "ogonek", "caron",
];

#[rustfmt::skip]
pub(crate) static MAC_EXPERT: [&str; 256] = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "exclamsmall", "Hungarumlautsmall", "centoldstyle", "dollaroldstyle", "dollarsuperior", "ampersandsmall", "Acutesmall",
    "parenleftsuperior", "parenrightsuperior", "twodotenleader", "onedotenleader", "comma", "hyphen", "period", "fraction",
    "zerooldstyle", "oneoldstyle", "twooldstyle", "threeoldstyle", "fouroldstyle", "fiveoldstyle", "sixoldstyle", "sevenoldstyle",
    "eightoldstyle", "nineoldstyle", "colon", "semicolon", "", "threequartersemdash", "", "questionsmall",
    "", "", "", "", "Ethsmall", "", "", "onequarter",
    "onehalf", "threequarters", "oneeighth", "threeeighths", "fiveeighths", "seveneighths", "onethird", "twothirds",
    "", "", "", "", "", "", "ff", "fi",
    "fl", "ffi", "ffl", "parenleftinferior", "", "parenrightinferior", "Circumflexsmall", "hypheninferior",
    "Gravesmall", "Asmall", "Bsmall", "Csmall", "Dsmall", "Esmall", "Fsmall", "Gsmall",
    "Hsmall", "Ismall", "Jsmall", "Ksmall", "Lsmall", "Msmall", "Nsmall", "Osmall",
    "Psmall", "Qsmall", "Rsmall", "Ssmall", "Tsmall", "Usmall", "Vsmall", "Wsmall",
    "Xsmall", "Ysmall", "Zsmall", "colonmonetary", "onefitted", "rupiah", "Tildesmall", "",
    "", "asuperior", "centsuperior", "", "", "", "", "Aacutesmall",
    "Agravesmall", "Acircumflexsmall", "Adieresissmall", "Atildesmall", "Aringsmall", "Ccedillasmall", "Eacutesmall", "Egravesmall",
    "Ecircumflexsmall", "Edieresissmall", "Iacutesmall", "Igravesmall", "Icircumflexsmall", "Idieresissmall", "Ntildesmall", "Oacutesmall",
    "Ogravesmall", "Ocircumflexsmall", "Odieresissmall", "Otildesmall", "Uacutesmall", "Ugravesmall", "Ucircumflexsmall", "Udieresissmall",
    "", "eightsuperior", "fourinferior", "threeinferior", "sixinferior", "eightinferior", "seveninferior", "Scaronsmall",
    "", "centinferior", "twoinferior", "", "Dieresissmall", "", "Caronsmall", "osuperior",
    "fiveinferior", "", "commainferior", "periodinferior", "Yacutesmall", "", "dollarinferior", "",
    "", "Thornsmall", "", "nineinferior", "zeroinferior", "Zcaronsmall", "AEsmall", "Oslashsmall",
    "questiondownsmall", "oneinferior", "Lslashsmall", "", "", "", "", "",
    "", "Cedillasmall", "", "", "", "", "", "OEsmall",
    "figuredash", "hyphensuperior", "", "", "", "", "exclamdownsmall", "",
    "Ydieresissmall", "", "onesuperior", "twosuperior", "threesuperior", "foursuperior", "fivesuperior", "sixsuperior",
    "sevensuperior", "ninesuperior", "zerosuperior", "", "esuperior", "rsuperior", "tsuperior", "",
    "", "isuperior", "ssuperior", "dsuperior", "", "", "", "",
    "", "lsuperior", "Ogoneksmall", "Brevesmall", "Macronsmall", "bsuperior", "nsuperior", "msuperior",
    "commasuperior", "periodsuperior", "Dotaccentsmall", "Ringsmall", "", "", "", "",
];

#[rustfmt::skip]
pub(crate) static PDF_DOC: [&str; 256] = [
    "", "", "", "", "", "", "", "",
    "", "controlHT", "controlLF", "", "", "controlCR", "", "",
    "", "", "", "", "", "", "", "",
    "breve", "caron", "circumflex", "dotaccent", "hungarumlaut", "ogonek", "ring", "tilde",
    "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quotesingle",
    "parenleft", "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
    "at", "A", "B", "C", "D", "E", "F", "G",
    "H", "I", "J", "K", "L", "M", "N", "O",
    "P", "Q", "R", "S", "T", "U", "V", "W",
    "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum", "underscore",
    "grave", "a", "b", "c", "d", "e", "f", "g",
    "h", "i", "j", "k", "l", "m", "n", "o",
    "p", "q", "r", "s", "t", "u", "v", "w",
    "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde", "",
    "bullet", "dagger", "daggerdbl", "ellipsis", "emdash", "endash", "florin", "fraction",
    "guilsinglleft", "guilsinglright", "minus", "perthousand", "quotedblbase", "quotedblleft", "quotedblright", "quoteleft",
    "quoteright", "quotesinglbase", "trademark", "fi", "fl", "Lslash", "OE", "Scaron",
    "Ydieresis", "Zcaron", "dotlessi", "lslash", "oe", "scaron", "zcaron", "",
    "Euro", "exclamdown", "cent", "sterling", "currency", "yen", "brokenbar", "section",
    "dieresis", "copyright", "ordfeminine", "guillemotleft", "logicalnot", "", "registered", "macron",
    "degree", "plusminus", "twosuperior", "threesuperior", "acute", "mu", "paragraph", "periodcentered",
    "cedilla", "onesuperior", "ordmasculine", "guillemotright", "onequarter", "onehalf", "threequarters", "questiondown",
    "Agrave", "Aacute", "Acircumflex", "Atilde", "Adieresis", "Aring", "AE", "Ccedilla",
    "Egrave", "Eacute", "Ecircumflex", "Edieresis", "Igrave", "Iacute", "Icircumflex", "Idieresis",
    "Eth", "Ntilde", "Ograve", "Oacute", "Ocircumflex", "Otilde", "Odieresis", "multiply",
    "Oslash", "Ugrave", "Uacute", "Ucircumflex", "Udieresis", "Yacute", "Thorn", "germandbls",
    "agrave", "aacute", "acircumflex", "atilde", "adieresis", "aring", "ae", "ccedilla",
    "egrave", "eacute", "ecircumflex", "edieresis", "igrave", "iacute", "icircumflex", "idieresis",
    "eth", "ntilde", "ograve", "oacute", "ocircumflex", "otilde", "odieresis", "divide",
    "oslash", "ugrave", "uacute", "ucircumflex", "udieresis", "yacute", "thorn", "ydieresis",
];

#[rustfmt::skip]
pub(crate) static SYMBOL: [&str; 256] = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "exclam", "universal", "numbersign", "existential", "percent", "ampersand", "suchthat",
    "parenleft", "parenright", "asteriskmath", "plus", "comma", "minus", "period", "slash",
    "zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "colon", "semicolon", "less", "equal", "greater", "question",
    "congruent", "Alpha", "Beta", "Chi", "Delta", "Epsilon", "Phi", "Gamma",
    "Eta", "Iota", "theta1", "Kappa", "Lambda", "Mu", "Nu", "Omicron",
    "Pi", "Theta", "Rho", "Sigma", "Tau", "Upsilon", "sigma1", "Omega",
    "Xi", "Psi", "Zeta", "bracketleft", "therefore", "bracketright", "perpendicular", "underscore",
    "radicalex", "alpha", "beta", "chi", "delta", "epsilon", "phi", "gamma",
    "eta", "iota", "phi1", "kappa", "lambda", "mu", "nu", "omicron",
    "pi", "theta", "rho", "sigma", "tau", "upsilon", "omega1", "omega",
    "xi", "psi", "zeta", "braceleft", "bar", "braceright", "similar", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "Euro", "Upsilon1", "minute", "lessequal", "fraction", "infinity", "florin", "club",
    "diamond", "heart", "spade", "arrowboth", "arrowleft", "arrowup", "arrowright", "arrowdown",
    "degree", "plusminus", "second", "greaterequal", "multiply", "proportional", "partialdiff", "bullet",
    "divide", "notequal", "equivalence", "approxequal", "ellipsis", "arrowvertex", "arrowhorizex", "carriagereturn",
    "aleph", "Ifraktur", "Rfraktur", "weierstrass", "circlemultiply", "circleplus", "emptyset", "intersection",
    "union", "propersuperset", "reflexsuperset", "notsubset", "propersubset", "reflexsubset", "element", "notelement",
    "angle", "gradient", "registerserif", "copyrightserif", "trademarkserif", "product", "radical", "dotmath",
    "logicalnot", "logicaland", "logicalor", "arrowdblboth", "arrowdblleft", "arrowdblup", "arrowdblright", "arrowdbldown",
    "lozenge", "angleleft", "registersans", "copyrightsans", "trademarksans", "summation", "parenlefttp", "parenleftex",
    "parenleftbt", "bracketlefttp", "bracketleftex", "bracketleftbt", "bracelefttp", "braceleftmid", "braceleftbt", "braceex",
    "", "angleright", "integral", "integraltp", "integralex", "integralbt", "parenrighttp", "parenrightex",
    "parenrightbt", "bracketrighttp", "bracketrightex", "bracketrightbt", "bracerighttp", "bracerightmid", "bracerightbt", "",
];

#[rustfmt::skip]
pub(crate) static ZAPF_DINGBATS: [&str; 256] = [
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "space", "a1", "a2", "a202", "a3", "a4", "a5", "a119",
    "a118", "a117", "a11", "a12", "a13", "a14", "a15", "a16",
    "a105", "a17", "a18", "a19", "a20", "a21", "a22", "a23",
    "a24", "a25", "a26", "a27", "a28", "a6", "a7", "a8",
    "a9", "a10", "a29", "a30", "a31", "a32", "a33", "a34",
    "a35", "a36", "a37", "a38", "a39", "a40", "a41", "a42",
    "a43", "a44", "a45", "a46", "a47", "a48", "a49", "a50",
    "a51", "a52", "a53", "a54", "a55", "a56", "a57", "a58",
    "a59", "a60", "a61", "a62", "a63", "a64", "a65", "a66",
    "a67", "a68", "a69", "a70", "a71", "a72", "a73", "a74",
    "a203", "a75", "a204", "a76", "a77", "a78", "a79", "a81",
    "a82", "a83", "a84", "a97", "a98", "a99", "a100", "",
    "a89", "a90", "a93", "a94", "a91", "a92", "a205", "a85",
    "a206", "a86", "a87", "a88", "a95", "a96", "", "",
    "", "", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "",
    "", "a101", "a102", "a103", "a104", "a106", "a107", "a108",
    "a112", "a111", "a110", "a109", "a120", "a121", "a122", "a123",
    "a124", "a125", "a126", "a127", "a128", "a129", "a130", "a131",
    "a132", "a133", "a134", "a135", "a136", "a137", "a138", "a139",
    "a140", "a141", "a142", "a143", "a144", "a145", "a146", "a147",
    "a148", "a149", "a150", "a151", "a152", "a153", "a154", "a155",
    "a156", "a157", "a158", "a159", "a160", "a161", "a163", "a164",
    "a196", "a165", "a192", "a166", "a167", "a168", "a169", "a170",
    "a171", "a172", "a173", "a162", "a174", "a175", "a176", "a177",
    "a178", "a179", "a193", "a180", "a199", "a181", "a200", "a182",
    "", "a201", "a183", "a184", "a197", "a185", "a194", "a198",
    "a186", "a195", "a187", "a188", "a189", "a190", "a191", "",
];

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn tables_agree_with_the_spec() {
        let s = BaseEncoding::Standard.names();
        assert_eq!(s[0x27], "quoteright");
        assert_eq!(s[0x60], "quoteleft");
        assert_eq!(s[0xAE], "fi");
        assert_eq!(s[0xE9], "Oslash");
        let w = BaseEncoding::WinAnsi.names();
        assert_eq!(w[0x27], "quotesingle");
        assert_eq!(w[0x80], "Euro");
        assert_eq!(w[0x93], "quotedblleft");
        assert_eq!(w[0xE9], "eacute");
        let m = BaseEncoding::MacRoman.names();
        assert_eq!(m[0x8E], "eacute");
        assert_eq!(m[0xD5], "quoteright");
        let p = BaseEncoding::PdfDoc.names();
        assert_eq!(p[0x80], "bullet");
        assert_eq!(p[0xA0], "Euro");
        let y = BaseEncoding::Symbol.names();
        assert_eq!(y[0x61], "alpha");
        assert_eq!(y[0x6A], "phi1");
        assert_eq!(BaseEncoding::ZapfDingbats.names()[0x21], "a1");
        assert_eq!(BaseEncoding::from_name(b"WinAnsiEncoding"), Some(BaseEncoding::WinAnsi));
        assert_eq!(BaseEncoding::from_name(b"Nonsense"), None);
    }

    /// A minimal TrueType program: a (3,0) cmap of format 4 mapping
    /// 0xF041..0xF042 to glyphs 1..2, and a post table naming them.
    pub(crate) fn symbolic_truetype(post_names: &[&str]) -> Vec<u8> {
        truetype_with_cmap(0, post_names)
    }

    /// Like [`symbolic_truetype`] with a cmap of encoding `eid` (0 symbol,
    /// 1 Unicode) under platform 3.
    pub(crate) fn truetype_with_cmap(eid: u16, post_names: &[&str]) -> Vec<u8> {
        let mut cmap = Vec::new();
        cmap.extend([0u16, 1, 3, eid].iter().flat_map(|v| v.to_be_bytes()));
        cmap.extend(12u32.to_be_bytes());
        // format 4, two segments: F041..F042 (delta to 1) and the final FFFF.
        let seg: [u16; 16] = [
            4,
            32,
            0,
            4,
            0,
            0,
            0,
            0xF042,
            0xFFFF,
            0,
            0xF041,
            0xFFFF,
            0x10000u32.wrapping_sub(0xF040) as u16,
            1,
            0,
            0,
        ];
        cmap.extend(seg.iter().flat_map(|v| v.to_be_bytes()));
        let mut post = Vec::new();
        post.extend(0x0002_0000u32.to_be_bytes());
        post.extend([0u8; 28]);
        post.extend(3u16.to_be_bytes());
        post.extend([0u16, 36, 258].iter().flat_map(|v| v.to_be_bytes()));
        for n in post_names {
            post.push(n.len() as u8);
            post.extend(n.as_bytes());
        }
        let mut font = Vec::new();
        font.extend(0x0001_0000u32.to_be_bytes());
        font.extend([2u16, 0, 0, 0].iter().flat_map(|v| v.to_be_bytes()));
        let head = 12 + 32;
        for (tag, off, len) in [(b"cmap", head, cmap.len()), (b"post", head + cmap.len(), post.len())] {
            font.extend(tag);
            font.extend(0u32.to_be_bytes());
            font.extend((off as u32).to_be_bytes());
            font.extend((len as u32).to_be_bytes());
        }
        font.extend(cmap);
        font.extend(post);
        font
    }

    #[test]
    fn truetype_builtin_encoding_from_cmap_and_post() {
        assert_eq!(MAC_GLYPHS[36], "A");
        assert_eq!(MAC_GLYPHS[257], "dcroat");
        let font = symbolic_truetype(&["uni00E9"]);
        let t = truetype_builtin(&font).unwrap_or_default();
        assert_eq!(t.len(), 256);
        assert_eq!(t[0x41].as_deref(), Some("A"));
        assert_eq!(t[0x42].as_deref(), Some("é"));
        assert_eq!(t[0x43], None);
        assert_eq!(truetype_builtin(b"junk"), None);
        let uni = truetype_with_cmap(1, &["uni00E9"]);
        let g = truetype_glyph_texts(&uni).unwrap_or_default();
        assert_eq!(
            g.get(&1).map(|s| &**s),
            Some("A"),
            "post name wins over a PUA cmap entry"
        );
        assert_eq!(g.get(&2).map(|s| &**s), Some("é"));
        assert_eq!(truetype_builtin(&font[..40]), None);
    }

    #[test]
    fn zapf_dingbats() {
        assert_eq!(zapf_dingbats_char(0x21), Some('\u{2701}'));
        assert_eq!(zapf_dingbats_char(0x25), Some('\u{260E}'));
        assert_eq!(zapf_dingbats_char(0x6C), Some('\u{25CF}'));
        assert_eq!(zapf_dingbats_char(0xA1), Some('\u{2761}'));
        assert_eq!(zapf_dingbats_char(0xAC), Some('\u{2460}'));
        assert_eq!(zapf_dingbats_char(0xD8), Some('\u{2798}'));
        assert_eq!(zapf_dingbats_char(0xF0), None);
        assert_eq!(zapf_dingbats_char(0x10), None);
        assert_eq!(zapf_dingbats_code("a1"), Some(0x21));
        assert_eq!(zapf_dingbats_code(""), None);
    }

    proptest::proptest! {
        #[test]
        fn truetype_reader_never_panics(flips in proptest::collection::vec((0usize..400, proptest::prelude::any::<u8>()), 0..12)) {
            let mut font = symbolic_truetype(&["uni00E9", "Q"]);
            for (at, b) in flips {
                if let Some(slot) = font.get_mut(at) {
                    *slot = b;
                }
            }
            let _ = truetype_builtin(&font);
        }
    }
}
