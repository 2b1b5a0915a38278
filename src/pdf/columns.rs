//! Reading order of one page's line fragments: margin line numbers, column
//! gutters, and the bands between full-width lines.
//!
//! A column gutter is found from its right edge: the common left edge of the
//! lines of the next column (justified text makes word gaps vary, but every
//! line of a column starts at the same x). For a candidate edge every
//! fragment is left of it, right of it, or crosses it; fragments that cross
//! (a title block, a full-width heading or paragraph, a footnote across the
//! page) cut the page into bands, and the edge is a gutter when most of the
//! lines left and right of it sit in bands that have text on both sides,
//! like text columns (filled lines, not labels). Within a band the left side
//! is read before the right; each side and each run of crossing lines is
//! searched again for more columns (three columns, a two-column band under a
//! one-column one). Margin line numbers (1-25 down the left edge of a
//! transcript) are taken out first, so that they are never read as a column,
//! and kept on the line they number. Hands on the lines in reading order with
//! their region, column and gap to the previous line, the most columns found,
//! and doubts: edges that looked like a gutter but did not pass.

use super::layout::Line;

/// Fragments crossing this close to a candidate edge (share of the font
/// size) still count as left of it: the narrowest gutter read as one.
const MIN_GUTTER: f32 = 0.5;
/// Bands with text on both sides must hold this share of the lines beside
/// the edge for it to be a gutter.
const TWO_SIDED_SHARE: f32 = 0.7;
/// Below this share (and above [`DOUBT_SHARE`]) an edge is reported as a
/// doubt.
const DOUBT_SHARE: f32 = 0.45;
/// Bands with text on both sides hold at least this many lines a side on
/// average.
const MIN_BAND_LINES: usize = 3;
/// A column is at least this many times the font size wide.
const MIN_COLUMN_WIDTH: f32 = 6.0;
/// Candidate edges tried per set of fragments (the most shared left edges).
const MAX_CANDIDATES: usize = 8;

/// Lines of a page in reading order.
#[derive(Debug, Default)]
pub struct Ordered {
    pub lines: Vec<Line>,
    /// Most columns side by side in one band.
    pub columns: u8,
    /// Edges that nearly passed as a gutter: (x of the edge, share of lines
    /// in two-sided bands).
    pub doubts: Vec<(f32, f32)>,
    /// Margin line numbers taken out of the text.
    pub line_numbers: usize,
}

/// One region of the page: fragments read together, top to bottom.
struct Region {
    frags: Vec<usize>,
    column: u8,
}

/// Orders the fragments of one writing direction.
pub fn reading_order(mut frags: Vec<Line>) -> Ordered {
    let numbers = margin_line_numbers(&mut frags);
    let set: Vec<usize> = (0..frags.len()).filter(|i| !numbers.contains(i)).collect();
    let mut ctx = Splitter {
        frags: &frags,
        regions: Vec::new(),
        doubts: Vec::new(),
    };
    let columns = ctx.split(set, 0, 0);
    let Splitter { regions, doubts, .. } = ctx;
    let mut lines = Vec::with_capacity(frags.len());
    for (ri, reg) in regions.into_iter().enumerate() {
        merge_region(&frags, &reg, ri, &mut lines);
    }
    Ordered {
        lines,
        columns,
        doubts,
        line_numbers: numbers.len(),
    }
}

/// Joins the fragments of one region that share a baseline into lines.
fn merge_region(frags: &[Line], reg: &Region, index: usize, out: &mut Vec<Line>) {
    let mut reg_lines: Vec<&Line> = reg.frags.iter().map(|&i| &frags[i]).collect();
    reg_lines.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let rx0 = reg_lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let rx1 = reg_lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let mut prev_y: Option<f32> = None;
    let mut k = 0;
    while k < reg_lines.len() {
        let first = reg_lines[k];
        let mut m = k + 1;
        while m < reg_lines.len() && (reg_lines[m].y - first.y).abs() <= 0.3 * first.size.max(1.0) {
            m += 1;
        }
        let mut line = first.clone();
        if m > k + 1 {
            let mut parts: Vec<&Line> = reg_lines[k..m].to_vec();
            parts.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            line = parts[0].clone();
            for p in &parts[1..] {
                line.text.push(' ');
                line.text.push_str(&p.text);
                line.x1 = line.x1.max(p.x1);
                line.bold = line.bold && p.bold;
                line.artifact = line.artifact && p.artifact;
                line.size = line.size.max(p.size);
                line.line_number = line.line_number.or(p.line_number);
            }
        }
        line.region = index.min(u16::MAX as usize) as u16;
        line.region_x0 = rx0;
        line.region_x1 = rx1;
        line.column = reg.column;
        line.gap_before = prev_y.map_or(0.0, |y| line.y - y);
        prev_y = Some(line.y);
        out.push(line);
        k = m;
    }
}

/// Takes margin line numbers out of `frags`: returns their indices and sets
/// [`Line::line_number`] on the fragment each one numbers.
///
/// Margin numbers are fragments of one to three digits, at least five on the
/// page, left of every other fragment in their vertical range, aligned on a
/// common right (or left) edge, and counting up down the page.
fn margin_line_numbers(frags: &mut [Line]) -> Vec<usize> {
    let mut cands: Vec<(usize, u32)> = frags
        .iter()
        .enumerate()
        .filter(|(_, l)| l.dir == 0 && l.text.len() <= 3 && l.text.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|(i, l)| l.text.parse::<u32>().ok().map(|n| (i, n)))
        .collect();
    if cands.len() < 5 {
        return Vec::new();
    }
    // The numbers sharing the most common right edge (2 pt tolerance).
    let mut x1s: Vec<f32> = cands.iter().map(|&(i, _)| frags[i].x1).collect();
    x1s.sort_by(|a, b| a.total_cmp(b));
    let edge = most_shared(&x1s, 2.0);
    cands.retain(|&(i, _)| (frags[i].x1 - edge).abs() <= 2.0);
    if cands.len() < 5 {
        return Vec::new();
    }
    cands.sort_by(|a, b| frags[a.0].y.total_cmp(&frags[b.0].y));
    let rising = cands.windows(2).filter(|w| w[1].1 > w[0].1).count();
    if (rising as f32) < 0.8 * (cands.len() - 1) as f32 {
        return Vec::new();
    }
    let (top, bottom) = (frags[cands[0].0].y, frags[cands[cands.len() - 1].0].y);
    let size = frags[cands[0].0].size.max(1.0);
    let is_cand = |i: usize| cands.iter().any(|c| c.0 == i);
    let body_x0 = frags
        .iter()
        .enumerate()
        .filter(|(i, l)| !is_cand(*i) && l.y >= top - size && l.y <= bottom + size)
        .map(|(_, l)| l.x0)
        .fold(f32::MAX, f32::min);
    if body_x0 == f32::MAX || edge > body_x0 - 0.5 * size {
        return Vec::new();
    }
    for &(i, n) in &cands {
        let y = frags[i].y;
        let target = frags
            .iter()
            .enumerate()
            .filter(|(j, l)| !is_cand(*j) && (l.y - y).abs() <= 0.3 * l.size.max(1.0))
            .min_by(|a, b| a.1.x0.total_cmp(&b.1.x0))
            .map(|(j, _)| j);
        if let Some(j) = target {
            frags[j].line_number = Some(n);
        }
    }
    cands.into_iter().map(|c| c.0).collect()
}

/// The value of sorted `xs` that the most others are within `tol` of.
fn most_shared(xs: &[f32], tol: f32) -> f32 {
    let mut best = (0usize, xs.first().copied().unwrap_or(0.0));
    let mut lo = 0;
    for (hi, &x) in xs.iter().enumerate() {
        while x - xs[lo] > tol {
            lo += 1;
        }
        if hi + 1 - lo > best.0 {
            best = (hi + 1 - lo, xs[lo]);
        }
    }
    best.1
}

fn median(mut v: Vec<f32>) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// A candidate gutter and the page split along it.
struct Split {
    /// The left edge of the right side.
    hi: f32,
    /// Bands top to bottom: left side, right side, crossing lines below.
    bands: Vec<Band>,
    /// Lines in bands with text on both sides, and the smaller side's count.
    two_sided: usize,
    balance: usize,
    share: f32,
}

#[derive(Default)]
struct Band {
    left: Vec<usize>,
    right: Vec<usize>,
    /// The lines crossing the gutter below the band.
    crossing: Vec<usize>,
}

struct Splitter<'a> {
    frags: &'a [Line],
    regions: Vec<Region>,
    doubts: Vec<(f32, f32)>,
}

impl Splitter<'_> {
    /// Splits `set` into regions in reading order; returns how many columns
    /// stand side by side in it at most.
    fn split(&mut self, set: Vec<usize>, depth: usize, column: u8) -> u8 {
        if depth >= 4 || set.len() < 6 {
            return self.leaf(set, column);
        }
        let Some(split) = self.best_split(&set, 0) else {
            return self.leaf(set, column);
        };
        let mut columns = 1u8;
        for band in split.bands {
            let mut across = 0u8;
            if !band.left.is_empty() {
                across += self.split(band.left, depth + 1, column);
            }
            if !band.right.is_empty() {
                across += self.split(band.right, depth + 1, column + across.max(1));
            }
            columns = columns.max(across);
            if !band.crossing.is_empty() {
                columns = columns.max(self.split(band.crossing, depth + 1, column));
            }
        }
        columns
    }

    fn leaf(&mut self, set: Vec<usize>, column: u8) -> u8 {
        if !set.is_empty() {
            self.regions.push(Region { frags: set, column });
        }
        1
    }

    /// The candidate edge that splits `set` best, if any passes. `probe` > 0
    /// asks whether a side has columns of its own (nothing is recorded; the
    /// value bounds the nesting).
    fn best_split(&mut self, set: &[usize], probe: usize) -> Option<Split> {
        let frags = self.frags;
        let size = median(set.iter().map(|&i| frags[i].size).collect()).max(1.0);
        let lx = set.iter().map(|&i| frags[i].x0).fold(f32::MAX, f32::min);
        let rx = set.iter().map(|&i| frags[i].x1).fold(f32::MIN, f32::max);
        if rx - lx < 2.0 * MIN_COLUMN_WIDTH * size {
            return None;
        }
        let mut by_y = set.to_vec();
        by_y.sort_by(|&a, &b| {
            frags[a]
                .y
                .total_cmp(&frags[b].y)
                .then(frags[a].x0.total_cmp(&frags[b].x0))
        });
        let mut best: Option<Split> = None;
        let mut doubt: Option<(f32, f32)> = None;
        for edge in candidate_edges(frags, set, lx + MIN_COLUMN_WIDTH * size, rx - MIN_COLUMN_WIDTH * size) {
            let Some(s) = self.try_edge(&by_y, edge, size, probe) else {
                continue;
            };
            if s.share < TWO_SIDED_SHARE {
                if s.share >= DOUBT_SHARE && doubt.is_none_or(|d| s.share > d.1) {
                    doubt = Some((s.hi, s.share));
                }
                continue;
            }
            if best
                .as_ref()
                .is_none_or(|b| (s.balance, s.two_sided) > (b.balance, b.two_sided))
            {
                best = Some(s);
            }
        }
        if best.is_none()
            && probe == 0
            && let Some(d) = doubt
        {
            self.doubts.push(d);
        }
        best
    }

    /// Splits `by_y` (sorted top to bottom) at the column edge `edge`, if the
    /// two sides look like text columns.
    fn try_edge(&mut self, by_y: &[usize], edge: f32, size: f32, probe: usize) -> Option<Split> {
        let frags = self.frags;
        // Left (0), right (1) or crossing (2) of the edge. A fragment on the
        // baseline of a crossing one is part of that line (a justified line
        // in pieces): text beside a gutter never shares a baseline with text
        // across it.
        let mut side: Vec<u8> = by_y
            .iter()
            .map(|&i| {
                let l = &frags[i];
                if l.x0 >= edge - 1.0 {
                    1
                } else if l.x1 <= edge - MIN_GUTTER * size {
                    0
                } else {
                    2
                }
            })
            .collect();
        // A fragment that starts in the white space right of the left side
        // (a heading set out into the gutter) is on the right.
        let left_end = (0..by_y.len())
            .filter(|&k| side[k] == 0)
            .map(|k| frags[by_y[k]].x1)
            .fold(f32::MIN, f32::max);
        for k in 0..by_y.len() {
            if side[k] == 2 && frags[by_y[k]].x0 >= left_end + MIN_GUTTER * size {
                side[k] = 1;
            }
        }
        for k in 0..by_y.len() {
            if side[k] != 2 {
                continue;
            }
            let y = frags[by_y[k]].y;
            let near = |j: usize| (frags[by_y[j]].y - y).abs() <= 0.3 * size;
            for j in (0..k).rev().take_while(|&j| near(j)) {
                side[j] = 2;
            }
            for j in (k + 1..by_y.len()).take_while(|&j| near(j)) {
                side[j] = 2;
            }
        }
        let mut bands = vec![Band::default()];
        for (k, &i) in by_y.iter().enumerate() {
            let band = bands.last_mut().expect("one band");
            if side[k] == 1 {
                if !band.crossing.is_empty() {
                    bands.push(Band::default());
                }
                bands.last_mut().expect("one band").right.push(i);
            } else if side[k] == 0 {
                if !band.crossing.is_empty() {
                    bands.push(Band::default());
                }
                bands.last_mut().expect("one band").left.push(i);
            } else {
                band.crossing.push(i);
            }
        }
        let is_two = |b: &Band| b.left.len() >= 2 && b.right.len() >= 2;
        let two: Vec<&Band> = bands.iter().filter(|b| is_two(b)).collect();
        let (nl, nr) = two
            .iter()
            .fold((0, 0), |(l, r), b| (l + b.left.len(), r + b.right.len()));
        // Columns are read down several lines before a line crosses them: a
        // band of two or three lines a side between crossing lines is a row
        // of a table or a justified line in pieces.
        if nl + nr < 6 || nl < 3 || nr < 3 || nl + nr < 2 * MIN_BAND_LINES * two.len() {
            return None;
        }
        // Lines beside the edge, and the lines crossing it between the first
        // and the last two-sided band (crossing lines interleaved with the
        // columns speak against them; a title above or a footnote below
        // does not).
        let first = bands.iter().position(is_two).unwrap_or(0);
        let last = bands.iter().rposition(is_two).unwrap_or(0);
        let beside: usize = bands.iter().map(|b| b.left.len() + b.right.len()).sum::<usize>()
            + bands[first..last].iter().map(|b| b.crossing.len()).sum::<usize>();
        let left: Vec<usize> = two.iter().flat_map(|b| b.left.iter().copied()).collect();
        let right: Vec<usize> = two.iter().flat_map(|b| b.right.iter().copied()).collect();
        let lo = left.iter().map(|&i| frags[i].x1).fold(f32::MIN, f32::max);
        let l_x0 = left.iter().map(|&i| frags[i].x0).fold(f32::MAX, f32::min);
        let r_x1 = right.iter().map(|&i| frags[i].x1).fold(f32::MIN, f32::max);
        if lo - l_x0 < MIN_COLUMN_WIDTH * size || r_x1 - edge < MIN_COLUMN_WIDTH * size {
            return None;
        }
        // Both sides are filled like text columns, not short labels. A
        // justified line may come as several fragments, so widths are
        // measured per baseline.
        // A side with columns of its own (three or more columns whose
        // baselines do not line up) is filled column by column.
        let mut filled = |side: &[usize], extent: f32| {
            median(baseline_widths(frags, side)) >= 0.5 * extent
                || (probe < 2 && self.best_split(side, probe + 1).is_some())
        };
        if !filled(&left, lo - l_x0) || !filled(&right, r_x1 - edge) {
            return None;
        }
        Some(Split {
            hi: edge,
            bands,
            two_sided: nl + nr,
            balance: nl.min(nr),
            share: (nl + nr) as f32 / beside as f32,
        })
    }
}

/// Left edges shared by three or more fragments between `from` and `to`,
/// the most shared first.
fn candidate_edges(frags: &[Line], set: &[usize], from: f32, to: f32) -> Vec<f32> {
    let mut xs: Vec<f32> = set
        .iter()
        .map(|&i| frags[i].x0)
        .filter(|&x| x > from && x < to)
        .collect();
    xs.sort_by(|a, b| a.total_cmp(b));
    let mut edges: Vec<(usize, f32)> = Vec::new();
    let mut k = 0;
    while k < xs.len() {
        let mut m = k + 1;
        while m < xs.len() && xs[m] - xs[m - 1] <= 1.0 {
            m += 1;
        }
        if m - k >= 3 {
            edges.push((m - k, xs[k]));
        }
        k = m;
    }
    edges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)));
    edges.truncate(MAX_CANDIDATES);
    edges.into_iter().map(|e| e.1).collect()
}

/// The width of each visual line (fragments on one baseline joined) among
/// the fragments `sel`.
fn baseline_widths(frags: &[Line], sel: &[usize]) -> Vec<f32> {
    let mut ls: Vec<&Line> = sel.iter().map(|&i| &frags[i]).collect();
    ls.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut widths = Vec::new();
    let mut k = 0;
    while k < ls.len() {
        let first = ls[k];
        let (mut x0, mut x1) = (first.x0, first.x1);
        let mut m = k + 1;
        while m < ls.len() && (ls[m].y - first.y).abs() <= 0.3 * first.size.max(1.0) {
            x0 = x0.min(ls[m].x0);
            x1 = x1.max(ls[m].x1);
            m += 1;
        }
        widths.push(x1 - x0);
        k = m;
    }
    widths
}
