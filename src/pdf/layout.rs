//! Page layout: from positioned glyphs to lines in reading order.
//!
//! Glyphs are chained into runs in content order (same baseline, moving
//! forward), runs on one baseline are merged into line fragments unless a
//! gap as wide as a column gutter separates them, and words are split where a
//! space glyph is shown or the gap between glyphs exceeds a fraction of the
//! font size (so TJ offsets and absolute positioning make spaces too).
//! [`super::columns`] puts the fragments in reading order. Hands on
//! [`PageLines`]: lines in reading order, each with its geometry, region and
//! column, for the normalize stage ([`crate::normalize`]).

use std::collections::HashSet;
use std::hash::Hasher;

use super::columns;
use super::interp::{FontInfo, Glyph, PageGlyphs};

/// One line of text on a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
    /// Where the text after a list marker starts (x0 when there is none).
    pub text_x: f32,
    /// The line starts with a list marker (bullet or number).
    pub marker: bool,
    /// Most of the line is set in a bold font.
    pub bold: bool,
    /// The line starts in a bold font (a speaker's name, a run-in heading).
    pub lead_bold: bool,
    /// Every glyph is in a pagination artifact.
    pub artifact: bool,
    /// Reading-order region (column section) of the page.
    pub region: u16,
    /// Left and right edge of the region the line belongs to.
    pub region_x0: f32,
    pub region_x1: f32,
    /// Writing direction (see [`Glyph::dir`]).
    pub dir: u8,
    /// Column of the line in its band of the page, from the left (0 on a
    /// page or band of one column).
    pub column: u8,
    /// Baseline distance to the previous line of the same region (0 for the
    /// first line of a region).
    pub gap_before: f32,
    /// The margin line number printed beside the line (transcripts number
    /// their lines down the left margin); the number is not in `text`.
    pub line_number: Option<u32>,
}

/// The lines of one page in reading order.
#[derive(Debug, Clone, Default)]
pub struct PageLines {
    pub lines: Vec<Line>,
    pub width: f32,
    pub height: f32,
    /// Most columns found side by side in a band of the page.
    pub columns: u8,
    /// Column edges that nearly passed as gutters but were not used (x of
    /// the edge, share of the lines beside it in bands with text on both
    /// sides): the page was read as fewer columns than it may have.
    pub column_doubts: Vec<(f32, f32)>,
    /// Margin line numbers taken out of the text.
    pub line_numbers: usize,
}

/// A word break is inserted where the gap between two glyphs exceeds this
/// share of the font size.
const WORD_GAP: f32 = 0.15;
/// Runs on one baseline further apart than this share of the font size stay
/// separate fragments (column gutters, table cells).
const FRAGMENT_GAP: f32 = 1.0;

#[derive(Debug, Clone)]
struct Run {
    glyphs: Vec<u32>,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    dir: u8,
}

/// Lays out one page.
pub fn layout_page(pg: &PageGlyphs, fonts: &[FontInfo]) -> PageLines {
    let mut out = PageLines {
        width: pg.width,
        height: pg.height,
        ..Default::default()
    };
    let glyphs = dedup(pg);
    let mut dirs: Vec<u8> = glyphs.iter().map(|&i| pg.glyphs[i as usize].dir).collect();
    dirs.sort_unstable();
    dirs.dedup();
    // Horizontal text first, other directions after it.
    let mut region_base = 0u16;
    for dir in dirs {
        let sel: Vec<u32> = glyphs
            .iter()
            .copied()
            .filter(|&i| pg.glyphs[i as usize].dir == dir)
            .collect();
        let runs = runs(pg, &sel);
        let frags = fragments(pg, fonts, runs);
        let ordered = columns::reading_order(frags);
        out.columns = out.columns.max(ordered.columns);
        out.column_doubts.extend(ordered.doubts);
        out.line_numbers += ordered.line_numbers;
        let mut max_region = 0;
        for mut l in ordered.lines {
            max_region = max_region.max(l.region);
            l.region = l.region.saturating_add(region_base);
            out.lines.push(l);
        }
        region_base = region_base.saturating_add(max_region).saturating_add(1);
    }
    out
}

/// A small multiplicative hash of a glyph's text for [`dedup`] (SipHash cost
/// more than the rest of the layout).
#[derive(Default)]
struct FxHasher(u64);

impl FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The identity of a glyph for [`dedup`]: its text (hashed), its cell on a
/// grid of a fifth of its size, the cell size and the writing direction.
#[derive(PartialEq, Eq)]
struct DedupKey {
    text: u64,
    x: i64,
    y: i64,
    q: u32,
    dir: u8,
}

impl std::hash::Hash for DedupKey {
    /// All fields folded into one word for the set's hasher (one round
    /// instead of one per field; equality still compares every field).
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(
            self.text
                ^ (self.x as u64).rotate_left(17)
                ^ (self.y as u64).rotate_left(41)
                ^ (u64::from(self.q) << 8 | u64::from(self.dir)).rotate_left(29),
        );
    }
}

/// Drops glyphs drawn twice at (nearly) the same place: fake bold, shadows.
fn dedup(pg: &PageGlyphs) -> Vec<u32> {
    let mut seen: HashSet<DedupKey, foldhash::fast::RandomState> =
        HashSet::with_capacity_and_hasher(pg.glyphs.len(), Default::default());
    let mut keep = Vec::with_capacity(pg.glyphs.len());
    for (i, g) in pg.glyphs.iter().enumerate() {
        if g.space {
            keep.push(i as u32);
            continue;
        }
        let q = (0.2 * g.size).max(0.5);
        let mut h = FxHasher::default();
        h.write(pg.glyph_text(g).as_bytes());
        // The cell size is part of the key: cells of different sizes overlap.
        let key = DedupKey {
            text: h.finish(),
            x: round_i64(g.x / q),
            y: round_i64(g.y / q),
            q: q.to_bits(),
            dir: g.dir,
        };
        if seen.insert(key) {
            keep.push(i as u32);
        }
    }
    keep
}

/// `v.round() as i64` without the call into libm that `f32::round` is on
/// baseline x86-64 (two per glyph were 1.5% of reading a PDF). Below 2^23 the
/// fraction `v - trunc(v)` is exact and decides the rounding (halfway away
/// from zero, as `round`); above it every f32 is an integer. NaN gives 0 and
/// infinities saturate, as the cast does.
fn round_i64(v: f32) -> i64 {
    let i = v as i64;
    if v.abs() < 8_388_608.0 {
        let frac = v - i as f32;
        if frac >= 0.5 {
            return i + 1;
        }
        if frac <= -0.5 {
            return i - 1;
        }
    }
    i
}

/// Chains glyphs into runs in content order.
fn runs(pg: &PageGlyphs, sel: &[u32]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for &i in sel {
        let g = &pg.glyphs[i as usize];
        if let Some(r) = out.last_mut()
            && continues(r, g)
        {
            r.glyphs.push(i);
            if !g.space {
                if r.x1 < r.x0 {
                    // The run had only spaces so far.
                    r.x0 = g.x;
                    r.y = g.y;
                    r.size = g.size;
                }
                r.x1 = r.x1.max(g.x + g.w);
                r.x0 = r.x0.min(g.x);
                if g.size > r.size * 1.2 {
                    // A bigger glyph after small ones: its baseline rules.
                    r.y = g.y;
                    r.size = g.size;
                }
            }
            continue;
        }
        let (x0, x1) = if g.space {
            (f32::MAX, f32::MIN)
        } else {
            (g.x, g.x + g.w)
        };
        let mut glyphs = Vec::with_capacity(16);
        glyphs.push(i);
        out.push(Run {
            glyphs,
            x0,
            x1,
            y: g.y,
            size: g.size.max(0.1),
            dir: g.dir,
        });
    }
    // Runs of spaces only carry nothing.
    out.retain(|r| r.x1 >= r.x0);
    out
}

fn continues(r: &Run, g: &Glyph) -> bool {
    if g.dir != r.dir {
        return false;
    }
    let size = r.size.max(g.size);
    let dy = g.y - r.y;
    let same_baseline = dy.abs() <= 0.3 * size;
    // Superscripts and subscripts: smaller glyphs slightly off the baseline.
    let script = g.size < 0.85 * r.size && dy > -0.6 * r.size && dy < 0.35 * r.size;
    if !(same_baseline || script) {
        return false;
    }
    if r.x1 < r.x0 {
        return true;
    }
    if g.space {
        return g.x >= r.x1 - 0.5 * size && g.x <= r.x1 + 2.0 * size;
    }
    g.x >= r.x1 - 0.5 * size && g.x <= r.x1 + FRAGMENT_GAP * size
}

/// Is `text` a list marker on its own ("1.", "a)", "•")?
pub fn is_marker(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 6 {
        return false;
    }
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    if t.chars().count() == 1 {
        return is_bullet(first);
    }
    // (1) (a)
    let inner = if let Some(rest) = t.strip_prefix('(') {
        match rest.strip_suffix(')') {
            Some(x) => x,
            None => return false,
        }
    } else if let Some(x) = t.strip_suffix('.').or_else(|| t.strip_suffix(')')) {
        x
    } else {
        return false;
    };
    if inner.is_empty() {
        return false;
    }
    if inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // 1.2. 3.1)
    if inner.len() <= 5
        && inner
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    if inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
        return true;
    }
    matches!(
        inner,
        "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x" | "xi" | "xii"
    )
}

/// Characters used as bullets.
pub fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '‣'
            | '⁃'
            | '∙'
            | '·'
            | '-'
            | '–'
            | '—'
            | '*'
            | '➢'
            | '►'
            | '▶'
            | '✓'
            | '❖'
            | '\u{f0b7}'
            | '\u{f0a7}'
            | '\u{f0d8}'
            | '\u{f076}'
            | '\u{f0fc}'
    )
}

/// Starts `text` with a list marker followed by text? Returns the marker's
/// length in bytes.
pub fn marker_prefix(text: &str) -> Option<usize> {
    let (first, rest) = text.split_once(' ')?;
    if rest.trim().is_empty() {
        return None;
    }
    if is_marker(first) {
        return Some(first.len());
    }
    // "o Item" as written by word processors with a Courier "o" bullet.
    if first == "o" && rest.chars().next().is_some_and(|c| c.is_uppercase()) {
        return Some(1);
    }
    None
}

/// Expands ligatures and drops invisible characters while appending text.
fn push_clean(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Merges runs into line fragments and builds their text.
fn fragments(pg: &PageGlyphs, fonts: &[FontInfo], mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        // Runs whose baselines agree form one visual line.
        let y0 = runs[i].y;
        let s0 = runs[i].size;
        let mut j = i + 1;
        while j < runs.len() && runs[j].y - y0 <= 0.3 * s0.min(runs[j].size).max(1.0) {
            j += 1;
        }
        let mut group: Vec<&Run> = runs[i..j].iter().collect();
        group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // Split at wide gaps.
        let mut cur: Vec<&Run> = Vec::new();
        let mut cur_x1 = f32::MIN;
        for r in group {
            if let Some(last) = cur.last() {
                let size = last.size.max(r.size);
                let gap = r.x0 - cur_x1;
                let marker_only = cur.len() == 1 && is_marker(&run_text(pg, last));
                let wide = gap > FRAGMENT_GAP * size && !(marker_only && gap < 8.0 * size);
                if wide {
                    lines.push(build_line(pg, fonts, &cur));
                    cur.clear();
                    cur_x1 = f32::MIN;
                }
            }
            cur_x1 = cur_x1.max(r.x1);
            cur.push(r);
        }
        if !cur.is_empty() {
            lines.push(build_line(pg, fonts, &cur));
        }
        i = j;
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

fn run_text(pg: &PageGlyphs, r: &Run) -> String {
    let mut s = String::new();
    for &i in &r.glyphs {
        s.push_str(pg.glyph_text(&pg.glyphs[i as usize]));
    }
    s
}

fn build_line(pg: &PageGlyphs, fonts: &[FontInfo], runs: &[&Run]) -> Line {
    let mut idx: Vec<u32> = runs.iter().flat_map(|r| r.glyphs.iter().copied()).collect();
    // Keep content order among glyphs at the same place (stable sort).
    if runs.len() > 1
        || idx
            .windows(2)
            .any(|w| pg.glyphs[w[1] as usize].x + 0.01 < pg.glyphs[w[0] as usize].x)
    {
        idx.sort_by(|&a, &b| pg.glyphs[a as usize].x.total_cmp(&pg.glyphs[b as usize].x));
    }
    let main = runs.iter().max_by(|a, b| a.size.total_cmp(&b.size)).copied();
    let (y, size, dir) = main.map(|r| (r.y, r.size, r.dir)).unwrap_or((0.0, 1.0, 0));
    let mut text = String::with_capacity(idx.len() + idx.len() / 4 + 8);
    let mut x0 = f32::MAX;
    let mut x1 = f32::MIN;
    let mut prev_end: Option<f32> = None;
    let mut pending_space = false;
    let mut word_starts: Vec<(usize, f32)> = Vec::new();
    let (mut ink, mut bold, mut artifact) = (0usize, 0usize, 0usize);
    let mut lead_bold = None;
    for &i in &idx {
        let g = &pg.glyphs[i as usize];
        if g.space {
            // A space that does not advance (cancelled by word spacing) is no
            // word break; the gap to the next glyph still decides.
            if g.w >= WORD_GAP * g.size.max(0.1).min(size) {
                pending_space = true;
            }
            continue;
        }
        let gs = g.size.max(0.1);
        if let Some(end) = prev_end {
            let gap = g.x - end;
            if (pending_space || gap > WORD_GAP * gs.min(size)) && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        if text.is_empty() || text.ends_with(' ') {
            word_starts.push((text.len(), g.x));
        }
        pending_space = false;
        let before = text.len();
        push_clean(&mut text, pg.glyph_text(g));
        if text.len() == before {
            continue;
        }
        ink += 1;
        let is_bold = fonts.get(g.font as usize).is_some_and(|f| f.bold);
        if is_bold {
            bold += 1;
        }
        lead_bold.get_or_insert(is_bold);
        if g.artifact {
            artifact += 1;
        }
        x0 = x0.min(g.x);
        x1 = x1.max(g.x + g.w);
        prev_end = Some(prev_end.map_or(g.x + g.w, |e| e.max(g.x + g.w)));
    }
    // Collapse space runs that came from the text itself.
    if text.contains("  ") {
        let mut t = String::with_capacity(text.len());
        for w in text.split(' ').filter(|w| !w.is_empty()) {
            if !t.is_empty() {
                t.push(' ');
            }
            t.push_str(w);
        }
        text = t;
        word_starts.clear();
    }
    let mut text = text.trim().to_string();
    // Soft hyphens inside a line are invisible; one at the end marks a break,
    // unless a visible hyphen drawn before it already does (Chromium shows
    // U+2010 and keeps the soft hyphen after it).
    if let Some(body) = text.strip_suffix('\u{ad}')
        && body.ends_with(['-', '\u{2010}'])
    {
        text.truncate(body.len());
    }
    let body = text.strip_suffix('\u{ad}').unwrap_or(&text);
    if body.contains('\u{ad}') {
        let end_soft = body.len() < text.len();
        let mut t: String = body.chars().filter(|&c| c != '\u{ad}').collect();
        if end_soft {
            t.push('\u{ad}');
        }
        text = t;
    }
    let marker = marker_prefix(&text).is_some();
    let text_x = if marker {
        word_starts.get(1).map(|w| w.1).unwrap_or(x0)
    } else {
        x0
    };
    Line {
        text,
        x0,
        x1,
        y,
        size,
        text_x,
        marker,
        bold: ink > 0 && bold * 2 > ink,
        lead_bold: lead_bold.unwrap_or(false),
        artifact: ink > 0 && artifact == ink,
        region: 0,
        region_x0: x0,
        region_x1: x1,
        dir,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_i64_is_round_then_cast() {
        let mut vals: Vec<f32> = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999997,
            -0.49999997,
            8_388_607.5,
            -8_388_607.5,
            8_388_608.0,
            16_777_217.0,
            1e20,
            -1e20,
            f32::MAX,
            f32::MIN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            f32::MIN_POSITIVE,
            1e-40,
        ];
        let mut x: u32 = 0x1234_5678;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let v = f32::from_bits(x);
            vals.push(v);
            vals.push(v.fract() + (x % 2000) as f32 - 1000.0);
            vals.push((x % 100_000) as f32 / 64.0 - 700.0);
        }
        for v in vals {
            assert_eq!(round_i64(v), v.round() as i64, "{v:?}");
        }
    }

    #[test]
    fn markers() {
        for m in ["1.", "12)", "(3)", "a)", "iv.", "•", "-", "2.1.", "\u{f0b7}"] {
            assert!(is_marker(m), "{m}");
        }
        for m in ["1992.", "Mr.", "A.", "ab)", "", "x1."] {
            assert!(!is_marker(m), "{m}");
        }
        assert_eq!(marker_prefix("1. UN Peacekeeping"), Some(2));
        assert_eq!(marker_prefix("o Protection of civilians"), Some(1));
        assert_eq!(marker_prefix("o rather not"), None);
        assert_eq!(marker_prefix("1."), None);
    }

    #[test]
    fn ligatures_are_expanded() {
        let mut s = String::new();
        push_clean(&mut s, "\u{fb01}rst e\u{fb00}ort\u{200b}\u{a0}x");
        assert_eq!(s, "first effort x");
    }
}
