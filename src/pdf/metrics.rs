//! Metrics of the standard 14 fonts, for unembedded fonts without `/Widths`.
//!
//! Owns [`Standard14`]: which standard font a `/BaseFont` name means
//! (including the usual aliases such as `Arial,Bold` or `TimesNewRomanPSMT`)
//! and its glyph widths (from Adobe's AFM files, as distributed with groff's
//! `devps` fonts) and vertical metrics. Widths are in thousandths of an em.

/// One of the standard 14 fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard14 {
    Helvetica,
    HelveticaBold,
    HelveticaOblique,
    HelveticaBoldOblique,
    TimesRoman,
    TimesBold,
    TimesItalic,
    TimesBoldItalic,
    Courier,
    CourierBold,
    CourierOblique,
    CourierBoldOblique,
    Symbol,
    ZapfDingbats,
}

impl Standard14 {
    /// The standard font a base font name stands for, after removing a
    /// subset tag (`ABCDEF+`). Known aliases (Arial, Times New Roman,
    /// Courier New) map to their metric-compatible standard font.
    pub fn from_base_font(name: &str) -> Option<Standard14> {
        let name = strip_subset_tag(name);
        let (family, style) = match name.find([',', '-']) {
            Some(i) => (&name[..i], &name[i + 1..]),
            None => (name, ""),
        };
        let family = family.to_ascii_lowercase();
        let style = style.to_ascii_lowercase();
        let bold = style.contains("bold") || style.contains("black") || style.contains("heavy");
        let italic = style.contains("italic") || style.contains("oblique");
        use Standard14::*;
        Some(match family.as_str() {
            "helvetica" | "arial" | "arialmt" | "helveticaneue" | "liberationsans" | "nimbussans" => {
                match (bold, italic) {
                    (false, false) => Helvetica,
                    (true, false) => HelveticaBold,
                    (false, true) => HelveticaOblique,
                    (true, true) => HelveticaBoldOblique,
                }
            }
            "times" | "timesnewroman" | "timesnewromanps" | "timesnewromanpsmt" | "liberationserif" => {
                // "Times-Roman" has the style "roman".
                match (bold, italic) {
                    (false, false) => TimesRoman,
                    (true, false) => TimesBold,
                    (false, true) => TimesItalic,
                    (true, true) => TimesBoldItalic,
                }
            }
            "courier" | "couriernew" | "couriernewpsmt" | "liberationmono" | "nimbusmono" => match (bold, italic) {
                (false, false) => Courier,
                (true, false) => CourierBold,
                (false, true) => CourierOblique,
                (true, true) => CourierBoldOblique,
            },
            "symbol" | "symbolmt" => Symbol,
            "zapfdingbats" | "itczapfdingbats" => ZapfDingbats,
            _ => return None,
        })
    }

    /// True for Symbol and ZapfDingbats, which have their own encodings.
    pub fn is_symbolic(self) -> bool {
        matches!(self, Standard14::Symbol | Standard14::ZapfDingbats)
    }

    /// The width of a glyph: by name for the Latin fonts, by built-in code
    /// for Symbol and ZapfDingbats (whose `name` is ignored).
    pub fn width(self, name: &str, code: u8) -> Option<f32> {
        use Standard14::*;
        let table: &[u16; 229] = match self {
            Courier | CourierBold | CourierOblique | CourierBoldOblique => {
                return latin_index(name).map(|_| 600.0);
            }
            Symbol => return nonzero(SYMBOL[code as usize]),
            ZapfDingbats => return nonzero(ZAPF_DINGBATS[code as usize]),
            Helvetica => &HELVETICA,
            HelveticaBold => &HELVETICA_BOLD,
            HelveticaOblique => &HELVETICA_OBLIQUE,
            HelveticaBoldOblique => &HELVETICA_BOLD_OBLIQUE,
            TimesRoman => &TIMES_ROMAN,
            TimesBold => &TIMES_BOLD,
            TimesItalic => &TIMES_ITALIC,
            TimesBoldItalic => &TIMES_BOLD_ITALIC,
        };
        latin_index(name).and_then(|i| nonzero(table[i]))
    }

    /// Ascender and descender from the AFM (thousandths of an em).
    pub fn ascent_descent(self) -> (f32, f32) {
        use Standard14::*;
        match self {
            Helvetica | HelveticaOblique => (718.0, -207.0),
            HelveticaBold | HelveticaBoldOblique => (718.0, -207.0),
            TimesRoman | TimesItalic | TimesBold | TimesBoldItalic => (683.0, -217.0),
            Courier | CourierBold | CourierOblique | CourierBoldOblique => (629.0, -157.0),
            Symbol => (1010.0, -293.0),
            ZapfDingbats => (820.0, -143.0),
        }
    }
}

/// Removes a subset tag: six upper-case letters and a `+`.
pub fn strip_subset_tag(name: &str) -> &str {
    let b = name.as_bytes();
    if b.len() > 7 && b[6] == b'+' && b[..6].iter().all(u8::is_ascii_uppercase) {
        &name[7..]
    } else {
        name
    }
}

fn nonzero(w: u16) -> Option<f32> {
    (w != 0).then_some(w as f32)
}

fn latin_index(name: &str) -> Option<usize> {
    LATIN_NAMES.binary_search(&name).ok()
}

// Generated from the AFM widths in groff's devps font files (Adobe's
// 1997-1999 AFMs): widths per name of LATIN_NAMES (sorted), 0 = no glyph;
// Symbol and ZapfDingbats by code of their built-in encodings.
#[rustfmt::skip]
pub(crate) static LATIN_NAMES: [&str; 229] = [
    "A", "AE", "Aacute", "Acircumflex", "Adieresis", "Agrave", "Aring", "Atilde",
    "B", "C", "Ccedilla", "D", "E", "Eacute", "Ecircumflex", "Edieresis",
    "Egrave", "Eth", "Euro", "F", "G", "H", "I", "Iacute",
    "Icircumflex", "Idieresis", "Igrave", "J", "K", "L", "Lslash", "M",
    "N", "Ntilde", "O", "OE", "Oacute", "Ocircumflex", "Odieresis", "Ograve",
    "Oslash", "Otilde", "P", "Q", "R", "S", "Scaron", "T",
    "Thorn", "U", "Uacute", "Ucircumflex", "Udieresis", "Ugrave", "V", "W",
    "X", "Y", "Yacute", "Ydieresis", "Z", "Zcaron", "a", "aacute",
    "acircumflex", "acute", "adieresis", "ae", "agrave", "ampersand", "aring", "asciicircum",
    "asciitilde", "asterisk", "at", "atilde", "b", "backslash", "bar", "braceleft",
    "braceright", "bracketleft", "bracketright", "breve", "brokenbar", "bullet", "c", "caron",
    "ccedilla", "cedilla", "cent", "circumflex", "colon", "comma", "copyright", "currency",
    "d", "dagger", "daggerdbl", "degree", "dieresis", "divide", "dollar", "dotaccent",
    "dotlessi", "e", "eacute", "ecircumflex", "edieresis", "egrave", "eight", "ellipsis",
    "emdash", "endash", "equal", "eth", "exclam", "exclamdown", "f", "fi",
    "five", "fl", "florin", "four", "fraction", "g", "germandbls", "grave",
    "greater", "guillemotleft", "guillemotright", "guilsinglleft", "guilsinglright", "h", "hungarumlaut", "hyphen",
    "i", "iacute", "icircumflex", "idieresis", "igrave", "j", "k", "l",
    "less", "logicalnot", "lslash", "m", "macron", "minus", "mu", "multiply",
    "n", "nine", "ntilde", "numbersign", "o", "oacute", "ocircumflex", "odieresis",
    "oe", "ogonek", "ograve", "one", "onehalf", "onequarter", "onesuperior", "ordfeminine",
    "ordmasculine", "oslash", "otilde", "p", "paragraph", "parenleft", "parenright", "percent",
    "period", "periodcentered", "perthousand", "plus", "plusminus", "q", "question", "questiondown",
    "quotedbl", "quotedblbase", "quotedblleft", "quotedblright", "quoteleft", "quoteright", "quotesinglbase", "quotesingle",
    "r", "registered", "ring", "s", "scaron", "section", "semicolon", "seven",
    "six", "slash", "space", "sterling", "t", "thorn", "three", "threequarters",
    "threesuperior", "tilde", "trademark", "two", "twosuperior", "u", "uacute", "ucircumflex",
    "udieresis", "ugrave", "underscore", "v", "w", "x", "y", "yacute",
    "ydieresis", "yen", "z", "zcaron", "zero",
];
#[rustfmt::skip]
pub(crate) static HELVETICA: [u16; 229] = [
    667, 1000, 667, 667, 667, 667, 667, 667, 667, 722, 722, 722, 667, 667, 667, 667,
    667, 722, 556, 611, 778, 722, 278, 278, 278, 278, 278, 500, 667, 556, 556, 833,
    722, 722, 778, 1000, 778, 778, 778, 778, 778, 778, 667, 778, 722, 667, 667, 611,
    667, 722, 722, 722, 722, 722, 667, 944, 667, 667, 667, 667, 611, 611, 556, 556,
    556, 333, 556, 889, 556, 667, 556, 469, 584, 389, 1015, 556, 556, 278, 260, 334,
    334, 278, 278, 333, 260, 350, 500, 333, 500, 333, 556, 333, 278, 278, 737, 556,
    556, 556, 556, 400, 333, 584, 556, 333, 278, 556, 556, 556, 556, 556, 556, 1000,
    1000, 556, 584, 556, 278, 333, 278, 500, 556, 500, 556, 556, 167, 556, 611, 333,
    584, 556, 556, 333, 333, 556, 333, 333, 222, 278, 278, 278, 278, 222, 500, 222,
    584, 584, 222, 833, 333, 584, 578, 584, 556, 556, 556, 556, 556, 556, 556, 556,
    944, 333, 556, 556, 834, 834, 333, 370, 365, 611, 556, 556, 537, 333, 333, 889,
    278, 278, 1000, 584, 584, 556, 556, 611, 355, 333, 333, 333, 222, 222, 222, 191,
    333, 737, 333, 500, 500, 556, 278, 556, 556, 278, 278, 556, 278, 556, 556, 834,
    333, 333, 1000, 556, 333, 556, 556, 556, 556, 556, 556, 500, 722, 500, 500, 500,
    500, 556, 500, 500, 556,
];
#[rustfmt::skip]
pub(crate) static HELVETICA_BOLD: [u16; 229] = [
    722, 1000, 722, 722, 722, 722, 722, 722, 722, 722, 722, 722, 667, 667, 667, 667,
    667, 722, 556, 611, 778, 722, 278, 278, 278, 278, 278, 556, 722, 611, 611, 833,
    722, 722, 778, 1000, 778, 778, 778, 778, 778, 778, 667, 778, 722, 667, 667, 611,
    667, 722, 722, 722, 722, 722, 667, 944, 667, 667, 667, 667, 611, 611, 556, 556,
    556, 333, 556, 889, 556, 722, 556, 584, 584, 389, 975, 556, 611, 278, 280, 389,
    389, 333, 333, 333, 280, 350, 556, 333, 556, 333, 556, 333, 333, 278, 737, 556,
    611, 556, 556, 400, 333, 584, 556, 333, 278, 556, 556, 556, 556, 556, 556, 1000,
    1000, 556, 584, 611, 333, 333, 333, 611, 556, 611, 556, 556, 167, 611, 611, 333,
    584, 556, 556, 333, 333, 611, 333, 333, 278, 278, 278, 278, 278, 278, 556, 278,
    584, 584, 278, 889, 333, 584, 611, 584, 611, 556, 611, 556, 611, 611, 611, 611,
    944, 333, 611, 556, 834, 834, 333, 370, 365, 611, 611, 611, 556, 333, 333, 889,
    278, 278, 1000, 584, 584, 611, 611, 611, 474, 500, 500, 500, 278, 278, 278, 238,
    389, 737, 333, 556, 556, 556, 333, 556, 556, 278, 278, 556, 333, 611, 556, 834,
    333, 333, 1000, 556, 333, 611, 611, 611, 611, 611, 556, 556, 778, 556, 556, 556,
    556, 556, 500, 500, 556,
];
#[rustfmt::skip]
pub(crate) static HELVETICA_OBLIQUE: [u16; 229] = [
    667, 1000, 667, 667, 667, 667, 667, 667, 667, 722, 722, 722, 667, 667, 667, 667,
    667, 722, 556, 611, 778, 722, 278, 278, 278, 278, 278, 500, 667, 556, 556, 833,
    722, 722, 778, 1000, 778, 778, 778, 778, 778, 778, 667, 778, 722, 667, 667, 611,
    667, 722, 722, 722, 722, 722, 667, 944, 667, 667, 667, 667, 611, 611, 556, 556,
    556, 333, 556, 889, 556, 667, 556, 469, 584, 389, 1015, 556, 556, 278, 260, 334,
    334, 278, 278, 333, 260, 350, 500, 333, 500, 333, 556, 333, 278, 278, 737, 556,
    556, 556, 556, 400, 333, 584, 556, 333, 278, 556, 556, 556, 556, 556, 556, 1000,
    1000, 556, 584, 556, 278, 333, 278, 500, 556, 500, 556, 556, 167, 556, 611, 333,
    584, 556, 556, 333, 333, 556, 333, 333, 222, 278, 278, 278, 278, 222, 500, 222,
    584, 584, 222, 833, 333, 584, 578, 584, 556, 556, 556, 556, 556, 556, 556, 556,
    944, 333, 556, 556, 834, 834, 333, 370, 365, 611, 556, 556, 537, 333, 333, 889,
    278, 278, 1000, 584, 584, 556, 556, 611, 355, 333, 333, 333, 222, 222, 222, 191,
    333, 737, 333, 500, 500, 556, 278, 556, 556, 278, 278, 556, 278, 556, 556, 834,
    333, 333, 1000, 556, 333, 556, 556, 556, 556, 556, 556, 500, 722, 500, 500, 500,
    500, 556, 500, 500, 556,
];
#[rustfmt::skip]
pub(crate) static HELVETICA_BOLD_OBLIQUE: [u16; 229] = [
    722, 1000, 722, 722, 722, 722, 722, 722, 722, 722, 722, 722, 667, 667, 667, 667,
    667, 722, 556, 611, 778, 722, 278, 278, 278, 278, 278, 556, 722, 611, 611, 833,
    722, 722, 778, 1000, 778, 778, 778, 778, 778, 778, 667, 778, 722, 667, 667, 611,
    667, 722, 722, 722, 722, 722, 667, 944, 667, 667, 667, 667, 611, 611, 556, 556,
    556, 333, 556, 889, 556, 722, 556, 584, 584, 389, 975, 556, 611, 278, 280, 389,
    389, 333, 333, 333, 280, 350, 556, 333, 556, 333, 556, 333, 333, 278, 737, 556,
    611, 556, 556, 400, 333, 584, 556, 333, 278, 556, 556, 556, 556, 556, 556, 1000,
    1000, 556, 584, 611, 333, 333, 333, 611, 556, 611, 556, 556, 167, 611, 611, 333,
    584, 556, 556, 333, 333, 611, 333, 333, 278, 278, 278, 278, 278, 278, 556, 278,
    584, 584, 278, 889, 333, 584, 611, 584, 611, 556, 611, 556, 611, 611, 611, 611,
    944, 333, 611, 556, 834, 834, 333, 370, 365, 611, 611, 611, 556, 333, 333, 889,
    278, 278, 1000, 584, 584, 611, 611, 611, 474, 500, 500, 500, 278, 278, 278, 238,
    389, 737, 333, 556, 556, 556, 333, 556, 556, 278, 278, 556, 333, 611, 556, 834,
    333, 333, 1000, 556, 333, 611, 611, 611, 611, 611, 556, 556, 778, 556, 556, 556,
    556, 556, 500, 500, 556,
];
#[rustfmt::skip]
pub(crate) static TIMES_ROMAN: [u16; 229] = [
    722, 889, 722, 722, 722, 722, 722, 722, 667, 667, 667, 722, 611, 611, 611, 611,
    611, 722, 500, 556, 722, 722, 333, 333, 333, 333, 333, 389, 722, 611, 611, 889,
    722, 722, 722, 889, 722, 722, 722, 722, 722, 722, 556, 722, 667, 556, 556, 611,
    556, 722, 722, 722, 722, 722, 722, 944, 722, 722, 722, 722, 611, 611, 444, 444,
    444, 333, 444, 667, 444, 778, 444, 469, 541, 500, 921, 444, 500, 278, 200, 480,
    480, 333, 333, 333, 200, 350, 444, 333, 444, 333, 500, 333, 278, 250, 760, 500,
    500, 500, 500, 400, 333, 564, 500, 333, 278, 444, 444, 444, 444, 444, 500, 1000,
    1000, 500, 564, 500, 333, 333, 333, 556, 500, 556, 500, 500, 167, 500, 500, 333,
    564, 500, 500, 333, 333, 500, 333, 333, 278, 278, 278, 278, 278, 278, 500, 278,
    564, 564, 278, 778, 333, 564, 510, 564, 500, 500, 500, 500, 500, 500, 500, 500,
    722, 333, 500, 500, 750, 750, 300, 276, 310, 500, 500, 500, 453, 333, 333, 833,
    250, 250, 1000, 564, 564, 500, 444, 444, 408, 444, 444, 444, 333, 333, 333, 180,
    333, 760, 333, 389, 389, 500, 278, 500, 500, 278, 250, 500, 278, 500, 500, 750,
    300, 333, 980, 500, 300, 500, 500, 500, 500, 500, 500, 500, 722, 500, 500, 500,
    500, 500, 444, 444, 500,
];
#[rustfmt::skip]
pub(crate) static TIMES_BOLD: [u16; 229] = [
    722, 1000, 722, 722, 722, 722, 722, 722, 667, 722, 722, 722, 667, 667, 667, 667,
    667, 722, 500, 611, 778, 778, 389, 389, 389, 389, 389, 500, 778, 667, 667, 944,
    722, 722, 778, 1000, 778, 778, 778, 778, 778, 778, 611, 778, 722, 556, 556, 667,
    611, 722, 722, 722, 722, 722, 722, 1000, 722, 722, 722, 722, 667, 667, 500, 500,
    500, 333, 500, 722, 500, 833, 500, 581, 520, 500, 930, 500, 556, 278, 220, 394,
    394, 333, 333, 333, 220, 350, 444, 333, 444, 333, 500, 333, 333, 250, 747, 500,
    556, 500, 500, 400, 333, 570, 500, 333, 278, 444, 444, 444, 444, 444, 500, 1000,
    1000, 500, 570, 500, 333, 333, 333, 556, 500, 556, 500, 500, 167, 500, 556, 333,
    570, 500, 500, 333, 333, 556, 333, 333, 278, 278, 278, 278, 278, 333, 556, 278,
    570, 570, 278, 833, 333, 570, 601, 570, 556, 500, 556, 500, 500, 500, 500, 500,
    722, 333, 500, 500, 750, 750, 300, 300, 330, 500, 500, 556, 540, 333, 333, 1000,
    250, 250, 1000, 570, 570, 556, 500, 500, 555, 500, 500, 500, 333, 333, 333, 278,
    444, 747, 333, 389, 389, 500, 333, 500, 500, 278, 250, 500, 333, 556, 500, 750,
    300, 333, 1000, 500, 300, 556, 556, 556, 556, 556, 500, 500, 722, 500, 500, 500,
    500, 500, 444, 444, 500,
];
#[rustfmt::skip]
pub(crate) static TIMES_ITALIC: [u16; 229] = [
    611, 889, 611, 611, 611, 611, 611, 611, 611, 667, 667, 722, 611, 611, 611, 611,
    611, 722, 500, 611, 722, 722, 333, 333, 333, 333, 333, 444, 667, 556, 556, 833,
    667, 667, 722, 944, 722, 722, 722, 722, 722, 722, 611, 722, 611, 500, 500, 556,
    611, 722, 722, 722, 722, 722, 611, 833, 611, 556, 556, 556, 556, 556, 500, 500,
    500, 333, 500, 667, 500, 778, 500, 422, 541, 500, 920, 500, 500, 278, 275, 400,
    400, 389, 389, 333, 275, 350, 444, 333, 444, 333, 500, 333, 333, 250, 760, 500,
    500, 500, 500, 400, 333, 675, 500, 333, 278, 444, 444, 444, 444, 444, 500, 889,
    889, 500, 675, 500, 333, 389, 278, 500, 500, 500, 500, 500, 167, 500, 500, 333,
    675, 500, 500, 333, 333, 500, 333, 333, 278, 278, 278, 278, 278, 278, 444, 278,
    675, 675, 278, 722, 333, 675, 514, 675, 500, 500, 500, 500, 500, 500, 500, 500,
    667, 333, 500, 500, 750, 750, 300, 276, 310, 500, 500, 500, 523, 333, 333, 833,
    250, 250, 1000, 675, 675, 500, 500, 500, 420, 556, 556, 556, 333, 333, 333, 214,
    389, 760, 333, 389, 389, 500, 333, 500, 500, 278, 250, 500, 278, 500, 500, 750,
    300, 333, 980, 500, 300, 500, 500, 500, 500, 500, 500, 444, 667, 444, 444, 444,
    444, 500, 389, 389, 500,
];
#[rustfmt::skip]
pub(crate) static TIMES_BOLD_ITALIC: [u16; 229] = [
    667, 944, 667, 667, 667, 667, 667, 667, 667, 667, 667, 722, 667, 667, 667, 667,
    667, 722, 500, 667, 722, 778, 389, 389, 389, 389, 389, 500, 667, 611, 611, 889,
    722, 722, 722, 944, 722, 722, 722, 722, 722, 722, 611, 722, 667, 556, 556, 611,
    611, 722, 722, 722, 722, 722, 667, 889, 667, 611, 611, 611, 611, 611, 500, 500,
    500, 333, 500, 722, 500, 778, 500, 570, 570, 500, 832, 500, 500, 278, 220, 348,
    348, 333, 333, 333, 220, 350, 444, 333, 444, 333, 500, 333, 333, 250, 747, 500,
    500, 500, 500, 400, 333, 570, 500, 333, 278, 444, 444, 444, 444, 444, 500, 1000,
    1000, 500, 570, 500, 389, 389, 333, 556, 500, 556, 500, 500, 167, 500, 500, 333,
    570, 500, 500, 333, 333, 556, 333, 333, 278, 278, 278, 278, 278, 278, 500, 278,
    570, 606, 278, 778, 333, 606, 532, 570, 556, 500, 556, 500, 500, 500, 500, 500,
    722, 333, 500, 500, 750, 750, 300, 266, 300, 500, 500, 500, 500, 333, 333, 833,
    250, 250, 1000, 570, 570, 500, 500, 500, 555, 500, 500, 500, 333, 333, 333, 278,
    389, 747, 333, 389, 389, 500, 333, 500, 500, 278, 250, 500, 278, 500, 500, 750,
    300, 333, 1000, 500, 300, 556, 556, 556, 556, 556, 500, 444, 667, 500, 444, 444,
    444, 500, 389, 389, 500,
];
#[rustfmt::skip]
pub(crate) static SYMBOL: [u16; 256] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    250, 333, 713, 500, 549, 833, 778, 439, 333, 333, 500, 549, 250, 549, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 549, 549, 549, 444,
    549, 722, 667, 722, 612, 611, 763, 603, 722, 333, 631, 722, 686, 889, 722, 722,
    768, 741, 556, 592, 611, 690, 439, 768, 645, 795, 611, 333, 863, 333, 658, 500,
    500, 631, 549, 549, 494, 439, 521, 411, 603, 329, 603, 549, 549, 576, 521, 549,
    549, 521, 549, 603, 439, 576, 713, 686, 493, 686, 494, 480, 200, 480, 549, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    750, 620, 247, 549, 167, 713, 500, 753, 753, 753, 753, 1042, 987, 603, 987, 603,
    400, 549, 411, 549, 549, 713, 494, 460, 549, 549, 549, 549, 1000, 603, 1000, 658,
    823, 686, 795, 987, 768, 768, 823, 768, 768, 713, 713, 713, 713, 713, 713, 713,
    768, 713, 790, 790, 890, 823, 549, 250, 713, 603, 603, 1042, 987, 603, 987, 603,
    494, 329, 790, 790, 786, 713, 384, 384, 384, 384, 384, 384, 494, 494, 494, 494,
    0, 329, 274, 686, 686, 686, 384, 384, 384, 384, 384, 384, 494, 494, 494, 0,
];
#[rustfmt::skip]
pub(crate) static ZAPF_DINGBATS: [u16; 256] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    278, 974, 961, 974, 980, 719, 789, 790, 791, 690, 960, 939, 549, 855, 911, 933,
    911, 945, 974, 755, 846, 762, 761, 571, 677, 763, 760, 759, 754, 494, 552, 537,
    577, 692, 786, 788, 788, 790, 793, 794, 816, 823, 789, 841, 823, 833, 816, 831,
    923, 744, 723, 749, 790, 792, 695, 776, 768, 792, 759, 707, 708, 682, 701, 826,
    815, 789, 789, 707, 687, 696, 689, 786, 787, 713, 791, 785, 791, 873, 761, 762,
    762, 759, 759, 892, 892, 788, 784, 438, 138, 277, 415, 392, 392, 668, 668, 0,
    390, 390, 317, 317, 276, 276, 509, 509, 410, 410, 234, 234, 334, 334, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 732, 544, 544, 910, 667, 760, 760, 776, 595, 694, 626, 788, 788, 788, 788,
    788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788,
    788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788, 788,
    788, 788, 788, 788, 894, 838, 1016, 458, 748, 924, 748, 918, 927, 928, 928, 834,
    873, 828, 924, 924, 917, 930, 931, 463, 883, 836, 836, 867, 867, 696, 696, 874,
    0, 874, 760, 946, 771, 865, 771, 888, 967, 888, 831, 873, 927, 970, 918, 0,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        assert_eq!(Standard14::from_base_font("Helvetica"), Some(Standard14::Helvetica));
        assert_eq!(
            Standard14::from_base_font("Helvetica-BoldOblique"),
            Some(Standard14::HelveticaBoldOblique)
        );
        assert_eq!(Standard14::from_base_font("Times-Roman"), Some(Standard14::TimesRoman));
        assert_eq!(
            Standard14::from_base_font("Times-BoldItalic"),
            Some(Standard14::TimesBoldItalic)
        );
        assert_eq!(
            Standard14::from_base_font("Arial,Bold"),
            Some(Standard14::HelveticaBold)
        );
        assert_eq!(
            Standard14::from_base_font("TimesNewRomanPSMT"),
            Some(Standard14::TimesRoman)
        );
        assert_eq!(
            Standard14::from_base_font("ABCDEF+CourierNew-Italic"),
            Some(Standard14::CourierOblique)
        );
        assert_eq!(
            Standard14::from_base_font("ZapfDingbats"),
            Some(Standard14::ZapfDingbats)
        );
        assert_eq!(Standard14::from_base_font("Garamond"), None);
        assert_eq!(strip_subset_tag("ABCDEF+Foo"), "Foo");
        assert_eq!(strip_subset_tag("ABCDEFG"), "ABCDEFG");
    }

    #[test]
    fn afm_widths() {
        assert!(
            LATIN_NAMES.windows(2).all(|w| w[0] < w[1]),
            "LATIN_NAMES must be sorted"
        );
        assert_eq!(Standard14::Helvetica.width("A", 65), Some(667.0));
        assert_eq!(Standard14::Helvetica.width("space", 32), Some(278.0));
        assert_eq!(Standard14::HelveticaBold.width("a", 97), Some(556.0));
        assert_eq!(Standard14::TimesRoman.width("a", 97), Some(444.0));
        assert_eq!(Standard14::TimesBold.width("A", 65), Some(722.0));
        assert_eq!(Standard14::TimesItalic.width("m", 109), Some(722.0));
        assert_eq!(Standard14::Courier.width("W", 87), Some(600.0));
        assert_eq!(Standard14::Courier.width("nosuchglyph", 87), None);
        assert_eq!(Standard14::Symbol.width("", 0x61), Some(631.0));
        assert_eq!(Standard14::ZapfDingbats.width("", 0x21), Some(974.0));
        assert_eq!(Standard14::Helvetica.width("nosuchglyph", 1), None);
    }
}
