//! Glyph names to Unicode: the Adobe Glyph List plus the AGL specification's
//! rules for names outside it.
//!
//! Owns [`glyph_text`], used by the simple-font encodings in
//! [`super::font`]. The list itself is `data/glyphlist.txt` (AGL 2.0,
//! BSD-3-Clause), parsed once on first use.

use std::sync::OnceLock;

use foldhash::HashMap;

static GLYPHLIST: &str = include_str!("data/glyphlist.txt");

fn table() -> &'static HashMap<&'static str, char> {
    static TABLE: OnceLock<HashMap<&'static str, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::with_capacity_and_hasher(4600, Default::default());
        for line in GLYPHLIST.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((name, hex)) = line.split_once(';') else {
                continue;
            };
            if let Some(c) = u32::from_str_radix(hex.trim(), 16).ok().and_then(char::from_u32) {
                map.insert(name, c);
            }
        }
        map
    })
}

/// The Unicode character the AGL gives a glyph name (no suffix handling).
pub fn agl_char(name: &str) -> Option<char> {
    table().get(name).copied()
}

/// Expands the Latin ligature presentation forms (U+FB00..U+FB06) to their
/// letters; other characters are pushed unchanged.
pub fn push_expanded(out: &mut String, c: char) {
    match c {
        '\u{FB00}' => out.push_str("ff"),
        '\u{FB01}' => out.push_str("fi"),
        '\u{FB02}' => out.push_str("fl"),
        '\u{FB03}' => out.push_str("ffi"),
        '\u{FB04}' => out.push_str("ffl"),
        '\u{FB05}' => out.push_str("\u{17F}t"),
        '\u{FB06}' => out.push_str("st"),
        c => out.push(c),
    }
}

/// Reads `uniXXXX[XXXX...]` (groups of four hex digits, no surrogates) or
/// `uXXXX[XX]` (one code point of 4 to 6 hex digits).
fn uni_name(name: &str, out: &mut String) -> bool {
    let is_upper_hex = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b));
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.is_empty() || hex.len() % 4 != 0 || !is_upper_hex(hex) {
            return false;
        }
        let start = out.len();
        for chunk in hex.as_bytes().chunks(4) {
            // Chunks of ASCII hex digits are valid UTF-8.
            let v = std::str::from_utf8(chunk)
                .ok()
                .and_then(|s| u32::from_str_radix(s, 16).ok());
            match v.filter(|v| !(0xD800..=0xDFFF).contains(v)).and_then(char::from_u32) {
                Some(c) => push_expanded(out, c),
                None => {
                    out.truncate(start);
                    return false;
                }
            }
        }
        return true;
    }
    if let Some(hex) = name.strip_prefix('u') {
        if !(4..=6).contains(&hex.len()) || !is_upper_hex(hex) {
            return false;
        }
        let v = u32::from_str_radix(hex, 16).ok();
        if let Some(c) = v.filter(|v| !(0xD800..=0xDFFF).contains(v)).and_then(char::from_u32) {
            push_expanded(out, c);
            return true;
        }
    }
    false
}

/// One component of a glyph name (no `_`, no `.`).
fn component(name: &str, out: &mut String) -> bool {
    if name.is_empty() {
        return false;
    }
    if let Some(c) = agl_char(name) {
        push_expanded(out, c);
        return true;
    }
    if uni_name(name, out) {
        return true;
    }
    // TeX names the AGL lacks.
    let extra = match name {
        "visiblespace" => "\u{2423}",
        "Germandbls" => "SS",
        "angbracketleft" => "\u{27E8}",
        "angbracketright" => "\u{27E9}",
        "ceilingleft" => "\u{2308}",
        "ceilingright" => "\u{2309}",
        "floorleft" => "\u{230A}",
        "floorright" => "\u{230B}",
        _ => return false,
    };
    out.push_str(extra);
    true
}

/// Unicode text for a glyph name, following the AGL specification: the part
/// before the first `.` is split on `_` into components, each looked up in
/// the AGL or read as `uniXXXX`/`uXXXX[XX]`. Ligature code points are
/// expanded to letters. Names that carry no meaning (`g12`, `cid123`,
/// `glyph5`, `.notdef`) and unknown names give `None`: never a guess.
pub fn glyph_text(name: &str) -> Option<String> {
    let base = match name.find('.') {
        Some(0) => return None,
        Some(i) => &name[..i],
        None => name,
    };
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for part in base.split('_') {
        if !component(part, &mut out) {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agl_names() {
        assert_eq!(glyph_text("A").as_deref(), Some("A"));
        assert_eq!(glyph_text("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_text("quoteright").as_deref(), Some("\u{2019}"));
        assert_eq!(glyph_text("Euro").as_deref(), Some("€"));
        assert_eq!(glyph_text("alpha").as_deref(), Some("α"));
        assert_eq!(glyph_text("space").as_deref(), Some(" "));
        assert_eq!(glyph_text("visiblespace").as_deref(), Some("\u{2423}"));
    }

    #[test]
    fn uni_and_u_names() {
        assert_eq!(glyph_text("uni0042").as_deref(), Some("B"));
        assert_eq!(glyph_text("uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_text("u1F600").as_deref(), Some("\u{1F600}"));
        assert_eq!(glyph_text("u0041").as_deref(), Some("A"));
        assert_eq!(glyph_text("uniD800"), None);
        assert_eq!(glyph_text("uni004"), None);
        assert_eq!(glyph_text("uni004g"), None);
        assert_eq!(glyph_text("uni00e9"), None, "lower-case hex is not a uni name");
    }

    #[test]
    fn ligatures_suffixes_and_meaningless_names() {
        assert_eq!(glyph_text("fi").as_deref(), Some("fi"));
        assert_eq!(glyph_text("ffi").as_deref(), Some("ffi"));
        assert_eq!(glyph_text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_text("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_text("one.alt").as_deref(), Some("1"));
        assert_eq!(glyph_text("T_h.liga").as_deref(), Some("Th"));
        assert_eq!(glyph_text("g12"), None);
        assert_eq!(glyph_text("cid123"), None);
        assert_eq!(glyph_text("glyph5"), None);
        assert_eq!(glyph_text(".notdef"), None);
        assert_eq!(glyph_text(""), None);
        assert_eq!(glyph_text("a_g12"), None);
    }
}
