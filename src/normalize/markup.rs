//! Markup cleanup pass, line by line: Unicode NFC, odd and zero-width
//! spaces folded, converter artifacts (TeX math mode, Markdown emphasis and
//! escapes, horizontal rules) read as plain text. Hands on a cleaned
//! [`Line`] with its indentation and the repairs made on it.

use super::*;
use crate::diagnostics::Code;

/// `\r\n` and lone `\r` as `\n` (borrowed when there are none).
pub(super) fn unify_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

pub(super) static MATH_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\$([^$]+)\$$").expect("regex"));
pub(super) static MATH_INLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$([^$\s][^$]*\\[^$]*[^$\s])\$").expect("regex"));
pub(super) static TEX_WRAPPER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\(?:text|mathrm|textbf|textit|mathbf|mbox|emph)\{([^{}]*)\}").expect("regex"));
pub(super) static TEX_ESCAPE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\\([ {}_&%$#,;:!])").expect("regex"));
pub(super) static MD_ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\\([\\`*_{}\[\]()#+\-.!|<>~'"&$%@^=/,:;?])"#).expect("regex"));
pub(super) static MD_STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*(\S(?:.*?\S)?)\*\*|__(\S(?:.*?\S)?)__").expect("regex"));
pub(super) static MD_EM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[^\w*])\*([^\s*](?:[^*]*?[^\s*])?)\*($|[^\w*])").expect("regex"));
pub(super) static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$").expect("regex"));
pub(super) static MD_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:-\s*){3,}$|^(?:\*\s*){3,}$|^(?:_\s*){3,}$").expect("regex"));

/// Folds spaces, applies NFC and removes converter artifacts on one line.
pub(super) fn clean_line(raw: &str) -> Line {
    let mut repairs = Vec::new();
    // Most lines are already NFC and fold to themselves: one byte scan
    // tells, and spares them the character-by-character work below.
    let plain = is_plain(raw);
    // Most lines are already NFC (ASCII always is): the quick check spares
    // them the decomposition and recomposition.
    let nfc: Cow<str> = if plain || raw.is_ascii() || is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.nfc().collect())
    };
    if matches!(&nfc, Cow::Owned(composed) if composed != raw) {
        repairs.push((
            Code::NormalizeUnicodeNfc,
            "Composed characters to Unicode NFC.".to_string(),
        ));
    }
    // Indentation before folding (tabs count 4).
    let mut indent = 0;
    for c in nfc.chars() {
        match c {
            ' ' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => indent += 1,
            '\t' => indent += 4,
            _ => break,
        }
    }
    let mut odd = false;
    let mut folded = String::with_capacity(nfc.len());
    let mut last_space = true;
    let slow: &str = if plain {
        folded.push_str(&nfc);
        ""
    } else {
        &nfc
    };
    for c in slow.chars() {
        let c = match c {
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' => {
                if c != '\t' {
                    odd = true;
                }
                ' '
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {
                odd = true;
                continue;
            }
            c if c.is_control() => {
                odd = true;
                ' '
            }
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        folded.push(c);
    }
    let trimmed = folded.trim_end().len();
    folded.truncate(trimmed);
    let mut text = folded;
    if odd {
        repairs.push((
            Code::NormalizeSpaceFolded,
            "Folded non-breaking, zero-width or odd spaces.".to_string(),
        ));
    }
    if text.starts_with(['-', '*', '_']) && MD_RULE.is_match(&text) {
        return Line {
            indent,
            text,
            rule: true,
            repairs,
            furniture: None,
        };
    }
    // TeX math mode as some PDF-to-Markdown converters write it.
    let dollar = text.contains('$');
    if let Some(c) = dollar.then(|| MATH_LINE.captures(&text)).flatten() {
        let inner = c.get(1).map_or("", |m| m.as_str());
        if inner.contains('\\') || inner.split_whitespace().count() == 1 && inner.chars().any(|c| c.is_alphabetic()) {
            text = untex(inner);
            repairs.push((
                Code::NormalizeMathMode,
                "Removed TeX math-mode markup left by a converter.".to_string(),
            ));
        }
    } else if dollar && MATH_INLINE.is_match(&text) {
        text = MATH_INLINE
            .replace_all(&text, |c: &regex::Captures| untex(&c[1]))
            .into_owned();
        repairs.push((
            Code::NormalizeMathMode,
            "Removed TeX math-mode markup left by a converter.".to_string(),
        ));
    }
    // A byte scan: `contains(['*', '_'])` decodes every character.
    if text.bytes().any(|b| b == b'*' || b == b'_') && (MD_STRONG.is_match(&text) || MD_EM.is_match(&text)) {
        let t = MD_STRONG.replace_all(&text, "$1$2");
        let t = MD_EM.replace_all(&t, "$1$2$3");
        text = t.into_owned();
        repairs.push((
            Code::NormalizeMarkdownEmphasis,
            "Read Markdown emphasis as plain text.".to_string(),
        ));
    }
    if text.contains('\\') && MD_ESCAPE.is_match(&text) {
        text = MD_ESCAPE.replace_all(&text, "$1").into_owned();
        repairs.push((
            Code::NormalizeMarkdownEscape,
            "Removed Markdown backslash escapes.".to_string(),
        ));
    }
    Line {
        indent,
        text,
        rule: false,
        repairs,
        furniture: None,
    }
}

/// True when `line` is in NFC and folding its spaces changes nothing: no
/// leading or doubled space, no control character, and only characters
/// that are NFC quick-check "yes" with combining class 0 and are not odd
/// spaces: ASCII, U+00A1 to U+02FF, and U+2010 to U+203F except U+202F (a
/// test checks these ranges). Other lines take the general path.
pub(super) fn is_plain(line: &str) -> bool {
    let b = line.as_bytes();
    if b.first() == Some(&b' ') {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' if b.get(i + 1) == Some(&b' ') => return false,
            0x20..=0x7e => i += 1,
            // U+00A1..U+00BF (not C1 controls, not the no-break space).
            0xc2 if b.get(i + 1).is_some_and(|&x| x >= 0xa1) => i += 2,
            // U+00C0..U+02FF.
            0xc3..=0xcb => i += 2,
            // U+2010..U+202E and U+2030..U+203F: dashes, quotes, bullets.
            0xe2 if b.get(i + 1) == Some(&0x80)
                && b.get(i + 2).is_some_and(|&x| (0x90..=0xbf).contains(&x) && x != 0xaf) =>
            {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

/// Plain text of TeX math content: escaped spaces and symbols unescaped,
/// `\text{...}` wrappers removed.
pub(super) fn untex(s: &str) -> String {
    let mut t = s.to_string();
    // Wrappers may nest; a few passes suffice and bound the work.
    for _ in 0..4 {
        let next = TEX_WRAPPER.replace_all(&t, "$1").into_owned();
        if next == t {
            break;
        }
        t = next;
    }
    let t = TEX_ESCAPE.replace_all(&t, "$1").replace('~', " ");
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}
