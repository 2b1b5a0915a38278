//! Bare CFF font programs (FontFile3 /Type1C): the built-in encoding.
//!
//! Owns [`builtin_encoding`], which reads from a CFF program the glyph name
//! each one-byte code selects: the Top DICT's Encoding (standard, or a custom
//! table of format 0 or 1 with its supplements), the charset (glyph id to
//! string id, predefined ISOAdobe or formats 0-2) and the strings (the
//! spec's 391 standard strings, then the String INDEX). Expert encodings and
//! charsets and CID-keyed programs answer None: no names are guessed.

/// The built-in encoding of a CFF program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CffEncoding {
    /// StandardEncoding (no Encoding operator, or the predefined 0).
    Standard,
    /// Glyph names per code, from a custom encoding.
    Names(Vec<(u8, String)>),
}

/// Most glyphs read from a charset (CFF allows 65,535).
const MAX_GLYPHS: usize = 65_535;

/// The built-in encoding of a bare CFF program; None when it is CID-keyed,
/// Expert, or cannot be read.
pub fn builtin_encoding(cff: &[u8]) -> Option<CffEncoding> {
    let hdr = *cff.get(2)? as usize;
    let (_, after_names) = index(cff, hdr)?;
    let (tops, after_tops) = index(cff, after_names)?;
    let &(a, b) = tops.first()?;
    let top = TopDict::parse(cff.get(a..b)?)?;
    if top.cid_keyed {
        return None;
    }
    let encoding_at = match top.encoding {
        None | Some(0) => return Some(CffEncoding::Standard),
        Some(1) => return None, // ExpertEncoding
        Some(at) => at,
    };
    let (strings, _) = index(cff, after_tops)?;
    let glyphs = index(cff, top.char_strings?)?.0.len().min(MAX_GLYPHS);
    let sids = charset(cff, top.charset.unwrap_or(0), glyphs)?;
    let name = |sid: u16| -> Option<String> {
        let sid = sid as usize;
        match STANDARD_STRINGS.get(sid) {
            Some(n) => Some((*n).to_owned()),
            None => {
                let &(a, b) = strings.get(sid - STANDARD_STRINGS.len())?;
                Some(String::from_utf8_lossy(cff.get(a..b)?).into_owned())
            }
        }
    };
    let mut out = Vec::new();
    let format = *cff.get(encoding_at)?;
    let count = *cff.get(encoding_at + 1)? as usize;
    let mut at = encoding_at + 2;
    // Glyph id 0 is .notdef: codes are given for glyph ids 1, 2, ...
    let mut gid = 1usize;
    let assign = |code: u8, gid: usize, out: &mut Vec<(u8, String)>| {
        if let Some(n) = sids.get(gid).and_then(|&sid| name(sid)) {
            out.push((code, n));
        }
    };
    match format & 0x7F {
        0 => {
            for &code in cff.get(at..at + count)? {
                assign(code, gid, &mut out);
                gid += 1;
            }
            at += count;
        }
        1 => {
            for r in cff.get(at..at + 2 * count)?.chunks_exact(2) {
                for code in (r[0] as usize..=r[0] as usize + r[1] as usize).take_while(|c| *c < 256) {
                    assign(code as u8, gid, &mut out);
                    gid += 1;
                }
            }
            at += 2 * count;
        }
        _ => return None,
    }
    if format & 0x80 != 0 {
        let n = *cff.get(at)? as usize;
        for s in cff.get(at + 1..at + 1 + 3 * n)?.chunks_exact(3) {
            if let Some(name) = name(u16::from_be_bytes([s[1], s[2]])) {
                out.push((s[0], name));
            }
        }
    }
    Some(CffEncoding::Names(out))
}

/// The Top DICT entries read here (operand offsets into the program).
#[derive(Default)]
struct TopDict {
    charset: Option<usize>,
    encoding: Option<usize>,
    char_strings: Option<usize>,
    cid_keyed: bool,
}

impl TopDict {
    fn parse(dict: &[u8]) -> Option<TopDict> {
        let mut top = TopDict::default();
        let (mut i, mut last) = (0, 0i64);
        let offset = |v: i64| usize::try_from(v).ok();
        while i < dict.len() {
            let b0 = dict[i];
            match b0 {
                12 => {
                    if dict.get(i + 1) == Some(&30) {
                        top.cid_keyed = true;
                    }
                    i += 2;
                }
                15 => (top.charset, i) = (offset(last), i + 1),
                16 => (top.encoding, i) = (offset(last), i + 1),
                17 => (top.char_strings, i) = (offset(last), i + 1),
                0..=21 => i += 1,
                28 => {
                    last = i16::from_be_bytes([*dict.get(i + 1)?, *dict.get(i + 2)?]) as i64;
                    i += 3;
                }
                29 => {
                    let v = dict.get(i + 1..i + 5)?;
                    last = i32::from_be_bytes([v[0], v[1], v[2], v[3]]) as i64;
                    i += 5;
                }
                30 => {
                    i += 1;
                    while i < dict.len() && dict[i] & 0x0F != 0x0F && dict[i] >> 4 != 0x0F {
                        i += 1;
                    }
                    i += 1;
                    last = -1;
                }
                32..=246 => {
                    last = b0 as i64 - 139;
                    i += 1;
                }
                247..=250 => {
                    last = (b0 as i64 - 247) * 256 + *dict.get(i + 1)? as i64 + 108;
                    i += 2;
                }
                251..=254 => {
                    last = -(b0 as i64 - 251) * 256 - *dict.get(i + 1)? as i64 - 108;
                    i += 2;
                }
                _ => i += 1,
            }
        }
        Some(top)
    }
}

/// An INDEX at `at`: the (start, end) of each item, and where it ends.
fn index(d: &[u8], at: usize) -> Option<(Vec<(usize, usize)>, usize)> {
    let count = u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]) as usize;
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let off_size = *d.get(at + 2)? as usize;
    if !(1..=4).contains(&off_size) {
        return None;
    }
    let offs_at = at + 3;
    let data_at = offs_at + (count + 1) * off_size - 1;
    let off = |i: usize| -> Option<usize> {
        let b = d.get(offs_at + i * off_size..offs_at + (i + 1) * off_size)?;
        Some(b.iter().fold(0usize, |a, &x| (a << 8) | x as usize))
    };
    let mut items = Vec::with_capacity(count);
    for i in 0..count {
        items.push((data_at + off(i)?, data_at + off(i + 1)?));
    }
    Some((items, data_at + off(count)?))
}

/// String id per glyph id (glyph 0 is .notdef) from the charset at `at`
/// (0: the predefined ISOAdobe charset).
fn charset(d: &[u8], at: usize, glyphs: usize) -> Option<Vec<u16>> {
    match at {
        0 => return Some((0..glyphs.min(229) as u16).collect()),
        1 | 2 => return None, // Expert, ExpertSubset
        _ => {}
    }
    let mut sids = Vec::with_capacity(glyphs);
    sids.push(0);
    let format = *d.get(at)?;
    let mut i = at + 1;
    while sids.len() < glyphs {
        match format {
            0 => {
                sids.push(u16::from_be_bytes([*d.get(i)?, *d.get(i + 1)?]));
                i += 2;
            }
            1 | 2 => {
                let first = u16::from_be_bytes([*d.get(i)?, *d.get(i + 1)?]);
                let left = if format == 1 {
                    i += 3;
                    *d.get(i - 1)? as u16
                } else {
                    i += 4;
                    u16::from_be_bytes([*d.get(i - 2)?, *d.get(i - 1)?])
                };
                for k in 0..=left {
                    if sids.len() == glyphs {
                        break;
                    }
                    sids.push(first.checked_add(k)?);
                }
            }
            _ => return None,
        }
    }
    Some(sids)
}

/// The CFF standard strings (CFF specification, appendix A).
static STANDARD_STRINGS: [&str; 391] = [
    ".notdef",
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quoteright",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "quoteleft",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
    "exclamdown",
    "cent",
    "sterling",
    "fraction",
    "yen",
    "florin",
    "section",
    "currency",
    "quotesingle",
    "quotedblleft",
    "guillemotleft",
    "guilsinglleft",
    "guilsinglright",
    "fi",
    "fl",
    "endash",
    "dagger",
    "daggerdbl",
    "periodcentered",
    "paragraph",
    "bullet",
    "quotesinglbase",
    "quotedblbase",
    "quotedblright",
    "guillemotright",
    "ellipsis",
    "perthousand",
    "questiondown",
    "grave",
    "acute",
    "circumflex",
    "tilde",
    "macron",
    "breve",
    "dotaccent",
    "dieresis",
    "ring",
    "cedilla",
    "hungarumlaut",
    "ogonek",
    "caron",
    "emdash",
    "AE",
    "ordfeminine",
    "Lslash",
    "Oslash",
    "OE",
    "ordmasculine",
    "ae",
    "dotlessi",
    "lslash",
    "oslash",
    "oe",
    "germandbls",
    "onesuperior",
    "logicalnot",
    "mu",
    "trademark",
    "Eth",
    "onehalf",
    "plusminus",
    "Thorn",
    "onequarter",
    "divide",
    "brokenbar",
    "degree",
    "thorn",
    "threequarters",
    "twosuperior",
    "registered",
    "minus",
    "eth",
    "multiply",
    "threesuperior",
    "copyright",
    "Aacute",
    "Acircumflex",
    "Adieresis",
    "Agrave",
    "Aring",
    "Atilde",
    "Ccedilla",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Egrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Igrave",
    "Ntilde",
    "Oacute",
    "Ocircumflex",
    "Odieresis",
    "Ograve",
    "Otilde",
    "Scaron",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Ugrave",
    "Yacute",
    "Ydieresis",
    "Zcaron",
    "aacute",
    "acircumflex",
    "adieresis",
    "agrave",
    "aring",
    "atilde",
    "ccedilla",
    "eacute",
    "ecircumflex",
    "edieresis",
    "egrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "igrave",
    "ntilde",
    "oacute",
    "ocircumflex",
    "odieresis",
    "ograve",
    "otilde",
    "scaron",
    "uacute",
    "ucircumflex",
    "udieresis",
    "ugrave",
    "yacute",
    "ydieresis",
    "zcaron",
    "exclamsmall",
    "Hungarumlautsmall",
    "dollaroldstyle",
    "dollarsuperior",
    "ampersandsmall",
    "Acutesmall",
    "parenleftsuperior",
    "parenrightsuperior",
    "twodotenleader",
    "onedotenleader",
    "zerooldstyle",
    "oneoldstyle",
    "twooldstyle",
    "threeoldstyle",
    "fouroldstyle",
    "fiveoldstyle",
    "sixoldstyle",
    "sevenoldstyle",
    "eightoldstyle",
    "nineoldstyle",
    "commasuperior",
    "threequartersemdash",
    "periodsuperior",
    "questionsmall",
    "asuperior",
    "bsuperior",
    "centsuperior",
    "dsuperior",
    "esuperior",
    "isuperior",
    "lsuperior",
    "msuperior",
    "nsuperior",
    "osuperior",
    "rsuperior",
    "ssuperior",
    "tsuperior",
    "ff",
    "ffi",
    "ffl",
    "parenleftinferior",
    "parenrightinferior",
    "Circumflexsmall",
    "hyphensuperior",
    "Gravesmall",
    "Asmall",
    "Bsmall",
    "Csmall",
    "Dsmall",
    "Esmall",
    "Fsmall",
    "Gsmall",
    "Hsmall",
    "Ismall",
    "Jsmall",
    "Ksmall",
    "Lsmall",
    "Msmall",
    "Nsmall",
    "Osmall",
    "Psmall",
    "Qsmall",
    "Rsmall",
    "Ssmall",
    "Tsmall",
    "Usmall",
    "Vsmall",
    "Wsmall",
    "Xsmall",
    "Ysmall",
    "Zsmall",
    "colonmonetary",
    "onefitted",
    "rupiah",
    "Tildesmall",
    "exclamdownsmall",
    "centoldstyle",
    "Lslashsmall",
    "Scaronsmall",
    "Zcaronsmall",
    "Dieresissmall",
    "Brevesmall",
    "Caronsmall",
    "Dotaccentsmall",
    "Macronsmall",
    "figuredash",
    "hypheninferior",
    "Ogoneksmall",
    "Ringsmall",
    "Cedillasmall",
    "questiondownsmall",
    "oneeighth",
    "threeeighths",
    "fiveeighths",
    "seveneighths",
    "onethird",
    "twothirds",
    "zerosuperior",
    "foursuperior",
    "fivesuperior",
    "sixsuperior",
    "sevensuperior",
    "eightsuperior",
    "ninesuperior",
    "zeroinferior",
    "oneinferior",
    "twoinferior",
    "threeinferior",
    "fourinferior",
    "fiveinferior",
    "sixinferior",
    "seveninferior",
    "eightinferior",
    "nineinferior",
    "centinferior",
    "dollarinferior",
    "periodinferior",
    "commainferior",
    "Agravesmall",
    "Aacutesmall",
    "Acircumflexsmall",
    "Atildesmall",
    "Adieresissmall",
    "Aringsmall",
    "AEsmall",
    "Ccedillasmall",
    "Egravesmall",
    "Eacutesmall",
    "Ecircumflexsmall",
    "Edieresissmall",
    "Igravesmall",
    "Iacutesmall",
    "Icircumflexsmall",
    "Idieresissmall",
    "Ethsmall",
    "Ntildesmall",
    "Ogravesmall",
    "Oacutesmall",
    "Ocircumflexsmall",
    "Otildesmall",
    "Odieresissmall",
    "OEsmall",
    "Oslashsmall",
    "Ugravesmall",
    "Uacutesmall",
    "Ucircumflexsmall",
    "Udieresissmall",
    "Yacutesmall",
    "Thornsmall",
    "Ydieresissmall",
    "001.000",
    "001.001",
    "001.002",
    "001.003",
    "Black",
    "Bold",
    "Book",
    "Light",
    "Medium",
    "Regular",
    "Roman",
    "Semibold",
];

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An INDEX of the given items (offset size 2).
    fn index_of(items: &[&[u8]]) -> Vec<u8> {
        let mut d = (items.len() as u16).to_be_bytes().to_vec();
        if items.is_empty() {
            return d;
        }
        d.push(2);
        let mut off = 1u16;
        d.extend(off.to_be_bytes());
        for it in items {
            off += it.len() as u16;
            d.extend(off.to_be_bytes());
        }
        for it in items {
            d.extend(*it);
        }
        d
    }

    /// A CFF program with a custom encoding of the given glyph names
    /// (codes, custom string names, format 0 or 1 for the encoding): the
    /// charset is format 0, and the glyphs, in order, get `codes`.
    pub(crate) fn custom_cff(glyphs: &[(u8, &str)], ranged: bool) -> Vec<u8> {
        let mut strings: Vec<&[u8]> = Vec::new();
        let mut sids = Vec::new();
        for (_, n) in glyphs {
            match STANDARD_STRINGS.iter().position(|s| s == n) {
                Some(p) => sids.push(p as u16),
                None => {
                    sids.push((391 + strings.len()) as u16);
                    strings.push(n.as_bytes());
                }
            }
        }
        let mut charset = vec![0u8];
        for s in &sids {
            charset.extend(s.to_be_bytes());
        }
        let mut encoding = Vec::new();
        if ranged {
            // One range per glyph keeps the test simple.
            encoding.extend([1, glyphs.len() as u8]);
            for (c, _) in glyphs {
                encoding.extend([*c, 0]);
            }
        } else {
            encoding.extend([0, glyphs.len() as u8]);
            encoding.extend(glyphs.iter().map(|g| g.0));
        }
        let char_strings = index_of(&vec![&[14u8][..]; glyphs.len() + 1]);
        let names = index_of(&[b"Foo"]);
        // Top DICT with 5-byte operands: charset (15), Encoding (16), CharStrings (17).
        let top_len = 3 * 6;
        let top_index_len = 2 + 1 + 4 + top_len;
        let strings_index = index_of(&strings);
        let gsubrs = index_of(&[]);
        let base = 4 + names.len() + top_index_len + strings_index.len() + gsubrs.len();
        let (cs_at, enc_at, chars_at) = (base, base + charset.len(), base + charset.len() + encoding.len());
        let mut top = Vec::new();
        for (v, op) in [(cs_at, 15u8), (enc_at, 16), (chars_at, 17)] {
            top.push(29);
            top.extend((v as i32).to_be_bytes());
            top.push(op);
        }
        let mut d = vec![1, 0, 4, 2];
        d.extend(names);
        d.extend(index_of(&[&top]));
        d.extend(strings_index);
        d.extend(gsubrs);
        d.extend(charset);
        d.extend(encoding);
        d.extend(char_strings);
        d
    }

    #[test]
    fn custom_encodings_name_glyphs_through_charset_and_strings() {
        let glyphs = [(11u8, "ff"), (65, "A"), (0x7B, "endash"), (200, "uni2203")];
        for ranged in [false, true] {
            let Some(CffEncoding::Names(names)) = builtin_encoding(&custom_cff(&glyphs, ranged)) else {
                panic!("no custom encoding read");
            };
            let want: Vec<(u8, String)> = glyphs.iter().map(|(c, n)| (*c, n.to_string())).collect();
            assert_eq!(names, want);
        }
    }

    #[test]
    fn standard_expert_and_broken_programs() {
        let top = |t: &[u8]| {
            let mut d = vec![1, 0, 4, 1];
            d.extend([0, 1, 1, 1, 4, b'F', b'o', b'o']);
            d.extend([0, 1, 1, 1, 1 + t.len() as u8]);
            d.extend(t);
            d
        };
        assert_eq!(builtin_encoding(&top(&[139, 0])), Some(CffEncoding::Standard));
        assert_eq!(builtin_encoding(&top(&[139, 16])), Some(CffEncoding::Standard));
        assert_eq!(builtin_encoding(&top(&[140, 16])), None, "Expert");
        assert_eq!(builtin_encoding(&top(&[139, 139, 139, 12, 30])), None, "CID-keyed");
        assert_eq!(
            builtin_encoding(&top(&[28, 0, 200, 16])),
            None,
            "custom encoding past the end"
        );
        assert_eq!(builtin_encoding(b"\x01"), None);
    }

    proptest::proptest! {
        #[test]
        fn reader_never_panics(flips in proptest::collection::vec((0usize..200, proptest::prelude::any::<u8>()), 0..12)) {
            let mut d = custom_cff(&[(65, "A"), (66, "Bee")], true);
            for (at, b) in flips {
                let n = d.len();
                d[at % n] = b;
            }
            let _ = builtin_encoding(&d);
        }
    }
}
