//! A tolerant tokenizer for content streams.
//!
//! lopdf's `Content::decode` stops at the first token it cannot parse and the
//! rest of the page is lost silently. This lexer never stops: a byte that
//! cannot start a token is skipped and counted, so the text before and after
//! a damaged stretch survives and the caller can report the gap. Inline image
//! data (`BI ... ID <binary> EI`) is skipped.
//!
//! Hands on [`Token`]s: operands (numbers, strings, names, arrays, dictionaries)
//! and operator keywords, borrowed from the stream where possible.
//!
//! Speed matters here (tokenizing is a large share of reading a PDF): byte
//! classes come from a table, strings that must be decoded (hex strings,
//! escapes) are built in a small inline buffer rather than on the heap (a
//! text-showing operator usually shows a few glyph codes), and short decimal
//! numbers are parsed without `str::parse`.

use std::fmt;
use std::ops::Deref;

/// Decoded strings up to this many bytes are kept inline in [`Bytes`].
const INLINE: usize = 22;

/// The bytes of a string operand: borrowed from the stream when they need no
/// decoding, otherwise decoded inline (short) or on the heap (long).
#[derive(Clone)]
pub enum Bytes<'a> {
    Borrowed(&'a [u8]),
    Inline(u8, [u8; INLINE]),
    Owned(Vec<u8>),
}

impl<'a> Bytes<'a> {
    fn new() -> Self {
        Bytes::Inline(0, [0; INLINE])
    }

    #[inline]
    fn push(&mut self, b: u8) {
        match self {
            Bytes::Inline(len, buf) => {
                let n = *len as usize;
                if n < INLINE {
                    buf[n] = b;
                    *len += 1;
                } else {
                    let mut v = Vec::with_capacity(2 * INLINE);
                    v.extend_from_slice(buf);
                    v.push(b);
                    *self = Bytes::Owned(v);
                }
            }
            Bytes::Owned(v) => v.push(b),
            Bytes::Borrowed(s) => {
                let mut v = s.to_vec();
                v.push(b);
                *self = Bytes::Owned(v);
            }
        }
    }
}

impl Deref for Bytes<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Borrowed(s) => s,
            Bytes::Inline(len, buf) => &buf[..(*len as usize).min(INLINE)],
            Bytes::Owned(v) => v,
        }
    }
}

impl PartialEq for Bytes<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Bytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// An operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Num(f32),
    Str(Bytes<'a>),
    Name(&'a [u8]),
    Array(Vec<Operand<'a>>),
    Dict(Vec<(&'a [u8], Operand<'a>)>),
    /// `true`, `false`, `null`.
    Other,
}

impl Operand<'_> {
    pub fn num(&self) -> Option<f32> {
        match self {
            Operand::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// A token: an operand or an operator keyword.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Operand(Operand<'a>),
    Op(&'a [u8]),
}

/// Nesting limit for arrays and dictionaries inside a content stream.
const MAX_NESTING: usize = 32;

/// Streams tokens from a content stream.
pub struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Bytes skipped because no token could start there.
    pub garbage: usize,
    /// Offset of the first skipped byte, if any.
    pub first_garbage: Option<usize>,
    /// Emptied array buffers handed back by [`Lexer::recycle`] (a `TJ`
    /// array per line of text would otherwise be allocated and grown anew).
    spare: Vec<Vec<Operand<'a>>>,
}

/// Byte classes of PDF syntax (ISO 32000-1, 7.2.2): white space, delimiters,
/// and the regular characters that make up names, numbers and keywords.
const WHITE: u8 = 1;
const DELIM: u8 = 2;
/// Not a hex digit (see [`HEX`]).
const NO_HEX: u8 = 0xff;

const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let white = b" \t\n\r\x0c\0";
    let mut i = 0;
    while i < white.len() {
        t[white[i] as usize] = WHITE;
        i += 1;
    }
    let delim = b"()<>[]{}/%";
    let mut i = 0;
    while i < delim.len() {
        t[delim[i] as usize] = DELIM;
        i += 1;
    }
    t
}

const fn hex_values() -> [u8; 256] {
    let mut t = [NO_HEX; 256];
    let mut i = 0u8;
    while i < 10 {
        t[(b'0' + i) as usize] = i;
        i += 1;
    }
    let mut i = 0u8;
    while i < 6 {
        t[(b'a' + i) as usize] = 10 + i;
        t[(b'A' + i) as usize] = 10 + i;
        i += 1;
    }
    t
}

static CLASS: [u8; 256] = byte_classes();
static HEX: [u8; 256] = hex_values();

#[inline]
fn is_white(b: u8) -> bool {
    CLASS[b as usize] == WHITE
}

#[inline]
fn is_delim(b: u8) -> bool {
    CLASS[b as usize] == DELIM
}

#[inline]
fn is_regular(b: u8) -> bool {
    CLASS[b as usize] == 0
}

#[inline]
fn hex_val(b: u8) -> Option<u8> {
    let v = HEX[b as usize];
    (v != NO_HEX).then_some(v)
}

impl<'a> Lexer<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Lexer {
            buf,
            pos: 0,
            garbage: 0,
            first_garbage: None,
            spare: Vec::new(),
        }
    }

    /// Takes back an operand once the caller is done with it, keeping the
    /// buffer of an array for the next one.
    #[inline]
    pub fn recycle(&mut self, operand: Operand<'a>) {
        if let Operand::Array(mut items) = operand
            && self.spare.len() < 8
            && items.capacity() <= 4096
        {
            items.clear();
            self.spare.push(items);
        }
    }

    /// Current byte offset in the stream.
    pub fn pos(&self) -> usize {
        self.pos
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.buf.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.buf.len() && !matches!(self.buf[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The end of the run of regular bytes starting at `from`.
    #[inline]
    fn regular_end(&self, from: usize) -> usize {
        let rest = self.buf.get(from..).unwrap_or_default();
        from + rest.iter().position(|&b| !is_regular(b)).unwrap_or(rest.len())
    }

    fn note_garbage(&mut self, n: usize) {
        if self.first_garbage.is_none() {
            self.first_garbage = Some(self.pos);
        }
        self.garbage += n;
    }

    /// The next token, or None at the end of the stream.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_white();
            let b = *self.buf.get(self.pos)?;
            match b {
                b')' | b'>' | b']' | b'}' | b'{' => {
                    // Cannot start a token here: skip it.
                    self.note_garbage(1);
                    self.pos += 1;
                    continue;
                }
                b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    // Most tokens are numbers: parsed here, without a call.
                    if let Some((end, n)) = scan_decimal(self.buf, self.pos) {
                        self.pos = end;
                        return Some(Token::Operand(Operand::Num(n)));
                    }
                    if let Some(operand) = self.operand(0) {
                        return Some(Token::Operand(operand));
                    }
                }
                b'(' | b'<' | b'/' | b'[' => {
                    if let Some(operand) = self.operand(0) {
                        return Some(Token::Operand(operand));
                    }
                }
                _ => {}
            }
            // A keyword (operator).
            let start = self.pos;
            self.pos = self.regular_end(start);
            if self.pos == start {
                // Defensive: never loop without progress.
                self.note_garbage(1);
                self.pos += 1;
                continue;
            }
            let word = &self.buf[start..self.pos];
            match word {
                b"true" | b"false" | b"null" => return Some(Token::Operand(Operand::Other)),
                b"ID" => {
                    self.skip_inline_image();
                    return Some(Token::Op(b"EI"));
                }
                _ => return Some(Token::Op(word)),
            }
        }
    }

    /// Skips inline image data after `ID` up to and including `EI`.
    fn skip_inline_image(&mut self) {
        // One white-space byte follows ID; the data may contain anything.
        let data_start = (self.pos + 1).min(self.buf.len());
        let mut i = data_start;
        while i + 1 < self.buf.len() {
            if self.buf[i] == b'E'
                && self.buf[i + 1] == b'I'
                && (i == data_start || is_white(self.buf[i - 1]))
                && self.buf.get(i + 2).is_none_or(|&c| is_white(c) || is_delim(c))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = self.buf.len();
    }

    /// Parses an operand at the current position, or returns None (position
    /// unchanged) when a keyword starts here.
    fn operand(&mut self, depth: usize) -> Option<Operand<'a>> {
        let b = *self.buf.get(self.pos)?;
        match b {
            b'(' => Some(Operand::Str(self.literal_string())),
            b'<' => {
                if self.buf.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Some(self.dict(depth))
                } else {
                    Some(Operand::Str(self.hex_string()))
                }
            }
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                self.pos = self.regular_end(start);
                Some(Operand::Name(&self.buf[start..self.pos]))
            }
            b'[' => {
                self.pos += 1;
                Some(self.array(depth))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let start = self.pos;
                if let Some((end, n)) = scan_decimal(self.buf, start) {
                    self.pos = end;
                    return Some(Operand::Num(n));
                }
                let end = self.regular_end(start);
                let word = &self.buf[start..end];
                let n = parse_number(word)?;
                self.pos = end;
                Some(Operand::Num(n))
            }
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = self.spare.pop().unwrap_or_default();
        loop {
            self.skip_white();
            let Some(&b) = self.buf.get(self.pos) else { break };
            if b == b']' {
                self.pos += 1;
                break;
            }
            if depth >= MAX_NESTING {
                self.pos += 1;
                continue;
            }
            // The usual items of a `TJ` array (numbers and hex strings)
            // without the operand call.
            if matches!(b, b'+' | b'-' | b'.' | b'0'..=b'9')
                && let Some((end, n)) = scan_decimal(self.buf, self.pos)
            {
                self.pos = end;
                items.push(Operand::Num(n));
                continue;
            }
            if b == b'<' && self.buf.get(self.pos + 1) != Some(&b'<') {
                items.push(Operand::Str(self.hex_string()));
                continue;
            }
            if let Some(o) = self.operand(depth + 1) {
                items.push(o);
            } else if is_regular(b) {
                // A keyword inside an array: true/false/null or garbage.
                let start = self.pos;
                self.pos = self.regular_end(start);
                let w = &self.buf[start..self.pos];
                if !matches!(w, b"true" | b"false" | b"null") {
                    // An operator inside an array: the array was never closed.
                    self.pos = start;
                    break;
                }
                items.push(Operand::Other);
            } else {
                self.note_garbage(1);
                self.pos += 1;
            }
        }
        Operand::Array(items)
    }

    fn dict(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        loop {
            self.skip_white();
            let Some(&b) = self.buf.get(self.pos) else { break };
            if b == b'>' {
                self.pos += if self.buf.get(self.pos + 1) == Some(&b'>') {
                    2
                } else {
                    1
                };
                break;
            }
            if b != b'/' || depth >= MAX_NESTING {
                // Not a key: skip a token's worth.
                if self.operand(depth + 1).is_none() {
                    self.pos += 1;
                }
                continue;
            }
            let Some(Operand::Name(key)) = self.operand(depth + 1) else {
                continue;
            };
            self.skip_white();
            match self.operand(depth + 1) {
                Some(v) => items.push((key, v)),
                None => {
                    let start = self.pos;
                    self.pos = self.regular_end(start);
                    if self.pos == start {
                        self.pos += 1;
                    }
                    items.push((key, Operand::Other));
                }
            }
        }
        Operand::Dict(items)
    }

    fn literal_string(&mut self) -> Bytes<'a> {
        // self.buf[self.pos] == b'('
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes and balanced parentheses.
        let mut depth = 1usize;
        let mut i = start;
        while i < self.buf.len() {
            match self.buf[i] {
                b'\\' | b'\r' => break,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = i + 1;
                        return Bytes::Borrowed(&self.buf[start..i]);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let mut out = Bytes::new();
        let mut depth = 1usize;
        let mut i = start;
        while i < self.buf.len() {
            let c = self.buf[i];
            i += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\r' => {
                    out.push(b'\n');
                    if self.buf.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                }
                b'\\' => {
                    let Some(&e) = self.buf.get(i) else { break };
                    i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.buf.get(i) == Some(&b'\n') {
                                i += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.buf.get(i) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        self.pos = i;
        out
    }

    fn hex_string(&mut self) -> Bytes<'a> {
        self.pos += 1;
        // Fast path: pairs of hex digits up to `>`, short enough to keep
        // inline (glyph codes); anything else goes the general way.
        let mut buf = [0u8; INLINE];
        let mut i = self.pos;
        for slot in buf.iter_mut() {
            match self.buf.get(i..i + 2) {
                Some([b'>', ..]) => {
                    let n = (i - self.pos) / 2;
                    self.pos = i + 1;
                    return Bytes::Inline(n as u8, buf);
                }
                Some(&[h, l]) => match (hex_val(h), hex_val(l)) {
                    (Some(h), Some(l)) => *slot = h << 4 | l,
                    _ => break,
                },
                _ => break,
            }
            i += 2;
        }
        let mut out = Bytes::new();
        let mut hi: Option<u8> = None;
        while self.pos < self.buf.len() {
            let c = self.buf[self.pos];
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => hi = Some(v),
                }
            } else if !is_white(c) {
                // Not hex: the string is damaged; stop here.
                self.note_garbage(1);
                break;
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }
}

/// Parses a PDF number (`12`, `-3.5`, `.5`, `4.`), tolerating a doubled sign.
fn parse_number(word: &[u8]) -> Option<f32> {
    if let Some(v) = parse_short_decimal(word) {
        return Some(v);
    }
    let s = std::str::from_utf8(word).ok()?;
    if let Ok(v) = s.parse::<f32>() {
        return Some(v);
    }
    // Producers write things like `--5` or `1.2.3`: keep the numeric prefix.
    let t = s.trim_start_matches(['+', '-']);
    let neg = s.len() - t.len() > 0 && s.starts_with('-');
    let mut end = 0;
    let mut dot = false;
    for (i, ch) in t.char_indices() {
        if ch.is_ascii_digit() {
            end = i + 1;
        } else if ch == '.' && !dot {
            dot = true;
            end = i + 1;
        } else {
            break;
        }
    }
    let num = &t[..end];
    if num.is_empty() || num == "." {
        return None;
    }
    let v: f32 = num.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Powers of ten exact in `f32`.
const POW10: [f32; 8] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7];
/// Powers of ten exact in `f64`.
const POW10_F64: [f64; 16] = [
    1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The common case of [`parse_number`] without `str::parse` (a content
/// stream is mostly numbers; parsing them was a tenth of the PDF time):
/// `[+-]digits[.digits]` with at most 15 digits in all. Anything else
/// returns None. The result is exactly what `str::parse::<f32>` returns:
///
/// - up to 7 digits, the digits as an integer (< 2^24) and the power of ten
///   are both exact in `f32`, and one IEEE division rounds correctly;
/// - up to 15 digits, both are exact in `f64` (< 2^53) and the `f64`
///   division rounds correctly; rounding that to `f32` again gives the
///   correctly rounded `f32` unless the `f64` quotient lies exactly halfway
///   between two `f32` values (every such midpoint is an `f64`, so a quotient
///   off the midpoint is on the same side of it as the exact value). That
///   case returns None and goes the slow way.
fn parse_short_decimal(word: &[u8]) -> Option<f32> {
    scan_decimal(word, 0).and_then(|(end, v)| (end == word.len()).then_some(v))
}

/// Reads the digits at `buf[i..]`: the index after them and their value
/// (wrapping; only used when there are at most 15 of them).
#[inline(always)]
fn digits_at(buf: &[u8], mut i: usize, mut m: u64) -> (usize, u64) {
    while let Some(&b) = buf.get(i) {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        m = m.wrapping_mul(10).wrapping_add(u64::from(d));
        i += 1;
    }
    (i, m)
}

/// [`parse_short_decimal`] on the word starting at `buf[start]`, scanning
/// and parsing in one pass: the end of the word and its value, or None when
/// the word is not such a number (the caller then takes the slow way).
#[inline(always)]
fn scan_decimal(buf: &[u8], start: usize) -> Option<(usize, f32)> {
    let (neg, from) = match buf.get(start)? {
        b'-' => (true, start + 1),
        b'+' => (false, start + 1),
        _ => (false, start),
    };
    let (mut i, mut m) = digits_at(buf, from, 0);
    let int_digits = i - from;
    let mut k = 0;
    if buf.get(i) == Some(&b'.') {
        let f = i + 1;
        (i, m) = digits_at(buf, f, m);
        k = i - f;
    }
    let digits = int_digits + k;
    if digits == 0 || digits > 15 || buf.get(i).is_some_and(|&b| is_regular(b)) {
        return None;
    }
    let v = if digits <= 7 {
        m as f32 / POW10[k]
    } else {
        let q = m as f64 / POW10_F64[k];
        // The 29 low mantissa bits are what rounding to f32 drops.
        if q.to_bits() & ((1 << 29) - 1) == 1 << 28 {
            return None;
        }
        q as f32
    };
    Some((i, if neg { -v } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decimals_parse_exactly_as_str_parse() {
        let mut words: Vec<String> = Vec::new();
        for m in (0u32..10_000_000).step_by(997).chain([0, 1, 9_999_999, 16_777_215]) {
            let d = m.to_string();
            for dot in 0..=d.len() {
                let w = format!("{}.{}", &d[..dot], &d[dot..]);
                words.push(w.clone());
                words.push(format!("-{w}"));
                words.push(format!("+{w}"));
            }
            words.push(d.clone());
            words.push(format!("-{d}"));
            words.push(format!("00{d}"));
        }
        for w in &words {
            let fast = parse_short_decimal(w.as_bytes());
            let slow: Option<f32> = w.parse().ok();
            if let Some(v) = fast {
                assert_eq!(Some(v.to_bits()), slow.map(f32::to_bits), "{w}");
            }
            assert_eq!(
                parse_number(w.as_bytes()).map(f32::to_bits),
                slow.map(f32::to_bits),
                "{w}"
            );
        }
        for w in [
            "",
            "-",
            ".",
            "-.",
            "1.2.3",
            "--5",
            "1234567890123456",
            "1e5",
            "0x10",
            "4-",
        ] {
            assert_eq!(parse_short_decimal(w.as_bytes()), None, "{w}");
        }
    }

    #[test]
    fn long_decimals_parse_exactly_as_str_parse() {
        // 8 to 15 digits (as producers write them: `5.0279694`, `841.91998`),
        // from a fixed pseudo-random sequence, and f32 midpoints written out
        // in full, which must go the slow way.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut words: Vec<String> = Vec::new();
        for i in 0..300_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = 8 + (i % 8) as usize;
            let d = format!("{:015}", x % 1_000_000_000_000_000);
            let d = &d[15 - len..];
            let dot = (x >> 50) as usize % (len + 1);
            words.push(format!("{}.{}", &d[..dot], &d[dot..]));
            words.push(format!("-{d}"));
        }
        // 1 + 2^-24 is halfway between 1 and the next f32: 0.5 up to 2^-24 = 5.96e-8.
        for w in [
            "1.00000005960464477539",
            "16777217",
            "16777217.0",
            "33554434.5",
            "0.100000001490116119384765625",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            let slow: Option<f32> = w.parse().ok();
            if let Some(v) = parse_short_decimal(w.as_bytes()) {
                assert_eq!(Some(v.to_bits()), slow.map(f32::to_bits), "{w}");
            }
            assert_eq!(
                parse_number(w.as_bytes()).map(f32::to_bits),
                slow.map(f32::to_bits),
                "{w}"
            );
        }
        assert!(parse_short_decimal(b"5.0279694").is_some());
        assert!(parse_short_decimal(b"-841.919983").is_some());
        // 16777217 = 2^24 + 1 lies halfway between two f32 values.
        assert_eq!(parse_short_decimal(b"16777217"), None);
        assert_eq!(parse_number(b"16777217"), Some(16_777_216.0));
    }

    fn tokens(s: &[u8]) -> Vec<Token<'_>> {
        let mut lx = Lexer::new(s);
        std::iter::from_fn(|| lx.next_token()).collect()
    }

    #[test]
    fn reads_operands_and_operators() {
        let t = tokens(b"BT /F1 12 Tf 1 0 0 1 72 700 Tm (Hello \\(x\\)) Tj [(A) -250.5 (B)] TJ ET");
        assert_eq!(t[0], Token::Op(b"BT"));
        assert_eq!(t[1], Token::Operand(Operand::Name(b"F1")));
        assert_eq!(t[2], Token::Operand(Operand::Num(12.0)));
        assert!(matches!(&t[11], Token::Operand(Operand::Str(s)) if s.as_ref() == b"Hello (x)"));
        assert!(matches!(&t[13], Token::Operand(Operand::Array(a)) if a.len() == 3 && a[1] == Operand::Num(-250.5)));
        assert_eq!(t.last(), Some(&Token::Op(b"ET")));
    }

    #[test]
    fn escapes_and_hex_strings() {
        let t = tokens(b"(a\\101\\nb) <48 656C6C6F> <4>");
        assert_eq!(t[0], Token::Operand(Operand::Str(Bytes::Owned(b"aA\nb".to_vec()))));
        assert_eq!(t[1], Token::Operand(Operand::Str(Bytes::Borrowed(b"Hello"))));
        assert_eq!(t[2], Token::Operand(Operand::Str(Bytes::Owned(vec![0x40]))));
    }

    #[test]
    fn garbage_is_skipped_not_fatal() {
        let mut lx = Lexer::new(b"(before) Tj ))}} {{ (after) Tj");
        let t: Vec<_> = std::iter::from_fn(|| lx.next_token()).collect();
        assert_eq!(t.len(), 4);
        assert_eq!(t[3], Token::Op(b"Tj"));
        assert!(lx.garbage >= 6);
    }

    #[test]
    fn inline_images_are_skipped() {
        let t = tokens(b"BI /W 2 /H 2 ID \x00EI\xff\x01 EI (x) Tj");
        assert!(t.contains(&Token::Op(b"EI")));
        assert_eq!(t[t.len() - 1], Token::Op(b"Tj"));
        assert_eq!(t[t.len() - 2], Token::Operand(Operand::Str(Bytes::Borrowed(b"x"))));
    }

    #[test]
    fn dictionaries_and_odd_numbers() {
        let t = tokens(b"/Span <</ActualText (fi) /MCID 3>> BDC --5 Td");
        assert!(matches!(&t[1], Token::Operand(Operand::Dict(d)) if d.len() == 2 && d[0].0 == b"ActualText"));
        assert_eq!(t[3], Token::Operand(Operand::Num(-5.0)));
    }

    #[test]
    fn unterminated_things_end_cleanly() {
        for s in [&b"(abc"[..], b"<414", b"[1 2", b"<< /A (x", b"BI ID xxx", b"/"] {
            let _ = tokens(s);
        }
    }
}
