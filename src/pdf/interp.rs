//! The content-stream interpreter: from a page's operators to positioned glyphs.
//!
//! Tracks the graphics state (`q`/`Q`, `cm`), the text state (`Tf Tc Tw Tz TL
//! Ts Tr`), the text and line matrices (`BT ET Tm Td TD T*`), shows strings
//! (`Tj TJ ' "`) through the fonts of [`super::font`], enters Form XObjects
//! (`Do`) with their own resources and matrix (depth-limited, cycle-checked),
//! and honours `/ActualText` and pagination artifacts of marked content.
//!
//! Hands on a [`PageGlyphs`] per page: glyphs in display space (origin at the
//! top left of the crop box as the page is shown, y growing downwards, page
//! rotation applied), each in the frame of its own writing direction.

use std::collections::HashSet;

use foldhash::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, FontCache};
use super::lexer::{Lexer, Operand, Token};
use super::{Budget, Limit};

/// An affine matrix `[a b c d e f]` (PDF row-vector convention).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix {
            e: x,
            f: y,
            ..Matrix::IDENTITY
        }
    }

    /// `self × other`: first `self`, then `other`.
    pub fn then(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.a + y * self.c + self.e, x * self.b + y * self.d + self.f)
    }

    fn apply_vec(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.a + y * self.c, x * self.b + y * self.d)
    }

    fn from_operands(ops: &[Operand]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let v: Vec<f32> = ops[ops.len() - 6..].iter().filter_map(|o| o.num()).collect();
        if v.len() != 6 {
            return None;
        }
        Some(Matrix {
            a: v[0],
            b: v[1],
            c: v[2],
            d: v[3],
            e: v[4],
            f: v[5],
        })
    }

    fn from_object(doc: &Document, o: &Object) -> Option<Matrix> {
        let arr = doc.dereference(o).ok()?.1.as_array().ok()?;
        if arr.len() != 6 {
            return None;
        }
        let v: Vec<f32> = arr
            .iter()
            .filter_map(|x| doc.dereference(x).ok()?.1.as_float().ok())
            .filter(|x| x.is_finite())
            .collect();
        (v.len() == 6).then(|| Matrix {
            a: v[0],
            b: v[1],
            c: v[2],
            d: v[3],
            e: v[4],
            f: v[5],
        })
    }
}

/// One shown glyph in display space, in the frame of its writing direction
/// (for `dir` 0, x grows to the right and y downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Start of the glyph on its baseline.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width along the baseline (without character or word spacing,
    /// except for a space: its real advance, so a cancelled space is narrow).
    pub w: f32,
    /// Effective font size (page units).
    pub size: f32,
    /// Byte range of the glyph's text in [`PageGlyphs::text`].
    pub start: u32,
    pub end: u32,
    /// Index into [`DocFonts::infos`].
    pub font: u16,
    /// The glyph is white space.
    pub space: bool,
    /// Writing direction: 0 left-to-right, 1 top-to-bottom, 2 upside down,
    /// 3 bottom-to-top (quarter turns clockwise in display space).
    pub dir: u8,
    /// Inside a pagination artifact (header, footer, page number).
    pub artifact: bool,
}

/// The glyphs of one page.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    pub glyphs: Vec<Glyph>,
    /// Text of all glyphs, indexed by [`Glyph::start`]..[`Glyph::end`].
    pub text: String,
    /// Page size as shown (after rotation).
    pub width: f32,
    pub height: f32,
    /// Bytes of content that could not be tokenized.
    pub garbage: usize,
    /// Unknown operators skipped (outside `BX`/`EX`).
    pub unknown_ops: usize,
    /// Form XObjects not entered (depth limit or cycle).
    pub forms_skipped: usize,
    /// Characters with text drawn outside the page's visible area (the crop
    /// box, clipped to the media box), which were left out.
    pub off_page: usize,
    /// Images drawn (a page with images and no text may need OCR).
    pub images: usize,
}

impl PageGlyphs {
    pub fn glyph_text(&self, g: &Glyph) -> &str {
        self.text.get(g.start as usize..g.end as usize).unwrap_or("")
    }
}

/// What the layout needs to know about a font.
#[derive(Debug, Clone, Default)]
pub struct FontInfo {
    pub name: String,
    pub bold: bool,
    /// Codes shown that map to no text.
    pub unmapped: u64,
    /// Glyphs shown.
    pub shown: u64,
    pub undecodable: bool,
    pub problems: Vec<String>,
}

/// Fonts of a document, resolved once, with a small index for glyphs.
#[derive(Debug, Default)]
pub struct DocFonts {
    cache: FontCache,
    index: HashMap<usize, u16>,
    pub infos: Vec<FontInfo>,
    keep: Vec<Arc<Font>>,
}

impl DocFonts {
    fn resolve(&mut self, doc: &Document, obj: &Object) -> Option<(Arc<Font>, u16)> {
        let font = self.cache.get(doc, obj)?;
        let key = Arc::as_ptr(&font) as usize;
        if let Some(&i) = self.index.get(&key) {
            return Some((font, i));
        }
        if self.infos.len() >= u16::MAX as usize {
            return Some((font, u16::MAX));
        }
        let i = self.infos.len() as u16;
        let name = font.name().to_string();
        let lower = name.to_ascii_lowercase();
        let bold = ["bold", "black", "heavy", "semibold", "demi"]
            .iter()
            .any(|w| lower.contains(w));
        self.infos.push(FontInfo {
            name,
            bold,
            undecodable: font.is_undecodable(),
            problems: font.problems().to_vec(),
            ..Default::default()
        });
        self.index.insert(key, i);
        // Keep the Arc alive so its address stays unique.
        self.keep.push(font.clone());
        Some((font, i))
    }
}

/// Per-document interpreter state shared by all pages.
pub struct DocCtx<'d> {
    pub doc: &'d Document,
    pub fonts: DocFonts,
    forms: HashMap<ObjectId, Arc<Vec<u8>>>,
}

impl<'d> DocCtx<'d> {
    pub fn new(doc: &'d Document) -> Self {
        DocCtx {
            doc,
            fonts: DocFonts::default(),
            forms: HashMap::default(),
        }
    }
}

/// Maximum nesting of Form XObjects.
const MAX_FORM_DEPTH: usize = 12;
/// Maximum Form XObjects entered per page (guards against DAG blow-up).
const MAX_FORMS_PER_PAGE: usize = 2_000;
/// Maximum operators interpreted per page.
const MAX_OPS_PER_PAGE: usize = 5_000_000;
/// Maximum glyphs kept per page.
const MAX_GLYPHS_PER_PAGE: usize = 1_000_000;
/// Maximum depth of the graphics state stack.
const MAX_Q_DEPTH: usize = 256;

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<(Arc<Font>, u16)>,
    size: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    rise: f32,
    render: i32,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

struct Marked {
    /// Glyph index where the marked content started, with its ActualText.
    actual: Option<(usize, String)>,
    artifact: bool,
}

struct PageRun<'a, 'd> {
    ctx: &'a mut DocCtx<'d>,
    budget: &'a Budget,
    out: PageGlyphs,
    /// Default user space to display space.
    display: Matrix,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    ops: usize,
    forms: usize,
    form_stack: Vec<ObjectId>,
    marked: Vec<Marked>,
    artifact_depth: usize,
    bx: usize,
}

/// Reads a number from a possibly indirect object.
fn num(doc: &Document, o: &Object) -> Option<f32> {
    let v = doc.dereference(o).ok()?.1.as_float().ok()?;
    v.is_finite().then_some(v)
}

/// An inheritable page attribute (walks `/Parent`, cycle-safe).
fn inherited<'d>(doc: &'d Document, page: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    let mut dict = page;
    let mut seen = HashSet::new();
    for _ in 0..64 {
        if let Ok(v) = dict.get(key) {
            return doc.dereference(v).ok().map(|x| x.1);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        if !seen.insert(parent) {
            return None;
        }
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn rect(doc: &Document, o: &Object) -> Option<(f32, f32, f32, f32)> {
    let arr = o.as_array().ok()?;
    if arr.len() != 4 {
        return None;
    }
    let v: Vec<f32> = arr.iter().filter_map(|x| num(doc, x)).collect();
    if v.len() != 4 {
        return None;
    }
    let (x0, x1) = (v[0].min(v[2]), v[0].max(v[2]));
    let (y0, y1) = (v[1].min(v[3]), v[1].max(v[3]));
    (x1 - x0 > 1.0 && y1 - y0 > 1.0).then_some((x0, y0, x1, y1))
}

/// The display transform for a page: crop box and rotation.
fn page_geometry(doc: &Document, page: &Dictionary) -> (Matrix, f32, f32, (f32, f32, f32, f32)) {
    let media = inherited(doc, page, b"MediaBox").and_then(|o| rect(doc, o));
    let crop = inherited(doc, page, b"CropBox").and_then(|o| rect(doc, o));
    let bx = match (crop, media) {
        (Some(c), Some(m)) => {
            // The crop box is clipped to the media box.
            let r = (c.0.max(m.0), c.1.max(m.1), c.2.min(m.2), c.3.min(m.3));
            if r.2 - r.0 > 1.0 && r.3 - r.1 > 1.0 { r } else { m }
        }
        (Some(c), None) => c,
        (None, Some(m)) => m,
        (None, None) => (0.0, 0.0, 612.0, 792.0),
    };
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    let (llx, lly, urx, ury) = bx;
    let (w, h) = (urx - llx, ury - lly);
    // x' = x*a + y*c + e ; y' = x*b + y*d + f
    let m = match rotate {
        90 => Matrix {
            a: 0.0,
            b: 1.0,
            c: 1.0,
            d: 0.0,
            e: -lly,
            f: -llx,
        },
        180 => Matrix {
            a: -1.0,
            b: 0.0,
            c: 0.0,
            d: 1.0,
            e: urx,
            f: -lly,
        },
        270 => Matrix {
            a: 0.0,
            b: -1.0,
            c: -1.0,
            d: 0.0,
            e: ury,
            f: urx,
        },
        _ => Matrix {
            a: 1.0,
            b: 0.0,
            c: 0.0,
            d: -1.0,
            e: -llx,
            f: ury,
        },
    };
    let (dw, dh) = if rotate == 90 || rotate == 270 { (h, w) } else { (w, h) };
    (m, dw, dh, bx)
}

/// Decodes a PDF text string (ActualText and the like).
pub fn text_string(bytes: &[u8]) -> String {
    super::decode_text_string(bytes)
}

/// Interprets one page.
pub fn run_page(ctx: &mut DocCtx, budget: &Budget, page_id: ObjectId) -> Result<PageGlyphs, Limit> {
    let doc = ctx.doc;
    let Ok(page) = doc.get_dictionary(page_id) else {
        return Ok(PageGlyphs::default());
    };
    let (display, width, height, _) = page_geometry(doc, page);
    let resources = inherited(doc, page, b"Resources").and_then(|o| o.as_dict().ok());
    // The page's content: every stream, decoded within the budget.
    let mut content = Vec::new();
    for id in doc.get_page_contents(page_id) {
        budget.check_time()?;
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        let data = budget.decode(stream)?;
        content.extend_from_slice(&data);
        content.push(b'\n');
    }
    // Contents written directly as a stream in the page dictionary.
    if let Ok(Object::Stream(stream)) = page.get(b"Contents") {
        let data = budget.decode(stream)?;
        content.extend_from_slice(&data);
    }
    let mut run = PageRun {
        ctx,
        budget,
        out: PageGlyphs {
            width,
            height,
            ..Default::default()
        },
        display,
        gs: GState::default(),
        stack: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        ops: 0,
        forms: 0,
        form_stack: Vec::new(),
        marked: Vec::new(),
        artifact_depth: 0,
        bx: 0,
    };
    run.execute(&content, resources)?;
    run.annotations(page, resources)?;
    Ok(run.out)
}

impl<'a, 'd> PageRun<'a, 'd> {
    fn execute(&mut self, content: &[u8], resources: Option<&'d Dictionary>) -> Result<(), Limit> {
        let mut lx = Lexer::new(content);
        let mut operands: Vec<Operand> = Vec::with_capacity(8);
        while let Some(tok) = lx.next_token() {
            match tok {
                Token::Operand(o) => {
                    if operands.len() < 64 {
                        operands.push(o);
                    }
                }
                Token::Op(op) => {
                    self.ops += 1;
                    if self.ops > MAX_OPS_PER_PAGE {
                        break;
                    }
                    if self.ops.is_multiple_of(65_536) {
                        self.budget.check_time()?;
                    }
                    self.op(op, &operands, resources)?;
                    // The array of a `TJ` goes back to the lexer for reuse.
                    if matches!(operands.last(), Some(Operand::Array(_)))
                        && let Some(o) = operands.pop()
                    {
                        lx.recycle(o);
                    }
                    operands.clear();
                }
            }
        }
        self.out.garbage += lx.garbage;
        Ok(())
    }

    fn op(&mut self, op: &[u8], args: &[Operand], resources: Option<&'d Dictionary>) -> Result<(), Limit> {
        let n = |i: usize| -> Option<f32> {
            // Operands are taken from the end (extra leading ones are ignored).
            let k = args.len().checked_sub(i)?;
            args.get(k)?.num()
        };
        match op {
            b"q" => {
                if self.stack.len() < MAX_Q_DEPTH {
                    self.stack.push(self.gs.clone());
                }
            }
            b"Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" => {
                if let Some(m) = Matrix::from_operands(args) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tf" => {
                if let Some(size) = n(1) {
                    self.gs.size = size;
                }
                let name = args.iter().rev().find_map(|o| match o {
                    Operand::Name(n) => Some(*n),
                    _ => None,
                });
                if let Some(name) = name {
                    self.gs.font = self.font(resources, name);
                }
            }
            b"Tc" => self.gs.tc = n(1).unwrap_or(self.gs.tc),
            b"Tw" => self.gs.tw = n(1).unwrap_or(self.gs.tw),
            b"Tz" => self.gs.th = n(1).map(|v| v / 100.0).unwrap_or(self.gs.th),
            b"TL" => self.gs.tl = n(1).unwrap_or(self.gs.tl),
            b"Ts" => self.gs.rise = n(1).unwrap_or(self.gs.rise),
            b"Tr" => self.gs.render = n(1).map(|v| v as i32).unwrap_or(self.gs.render),
            b"Td" => {
                if let (Some(x), Some(y)) = (n(2), n(1)) {
                    self.next_line(x, y);
                }
            }
            b"TD" => {
                if let (Some(x), Some(y)) = (n(2), n(1)) {
                    self.gs.tl = -y;
                    self.next_line(x, y);
                }
            }
            b"Tm" => {
                if let Some(m) = Matrix::from_operands(args) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(0.0, -self.gs.tl),
            b"Tj" => {
                if let Some(Operand::Str(s)) = args.last() {
                    self.show(s);
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.tl);
                if let Some(Operand::Str(s)) = args.last() {
                    self.show(s);
                }
            }
            b"\"" => {
                if let (Some(aw), Some(ac)) = (n(3), n(2)) {
                    self.gs.tw = aw;
                    self.gs.tc = ac;
                }
                self.next_line(0.0, -self.gs.tl);
                if let Some(Operand::Str(s)) = args.last() {
                    self.show(s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = args.last() {
                    for it in items {
                        match it {
                            Operand::Str(s) => self.show(s),
                            Operand::Num(v) if v.is_finite() => self.adjust(*v),
                            _ => {}
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(Operand::Name(name)) = args.last() {
                    self.do_xobject(resources, name)?;
                }
            }
            b"BDC" | b"BMC" => self.begin_marked(args),
            b"EMC" => self.end_marked(),
            b"BX" => self.bx += 1,
            b"EX" => self.bx = self.bx.saturating_sub(1),
            b"EI" => self.out.images += 1,
            // Operators with no effect on text.
            b"w" | b"J" | b"j" | b"M" | b"d" | b"ri" | b"i" | b"gs" | b"m" | b"l" | b"c" | b"v" | b"y" | b"h"
            | b"re" | b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" | b"W" | b"W*" | b"CS"
            | b"cs" | b"SC" | b"SCN" | b"sc" | b"scn" | b"G" | b"g" | b"RG" | b"rg" | b"K" | b"k" | b"sh" | b"BI"
            | b"MP" | b"DP" | b"d0" | b"d1" => {}
            _ => {
                if self.bx == 0 {
                    self.out.unknown_ops += 1;
                }
            }
        }
        Ok(())
    }

    fn next_line(&mut self, x: f32, y: f32) {
        self.tlm = Matrix::translate(x, y).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn adjust(&mut self, v: f32) {
        let amount = -v / 1000.0 * self.gs.size;
        let vertical = self.gs.font.as_ref().is_some_and(|(f, _)| f.is_vertical());
        if vertical {
            self.tm = Matrix::translate(0.0, amount).then(&self.tm);
        } else {
            self.tm = Matrix::translate(amount * self.gs.th, 0.0).then(&self.tm);
        }
    }

    fn font(&mut self, resources: Option<&'d Dictionary>, name: &[u8]) -> Option<(Arc<Font>, u16)> {
        let doc = self.ctx.doc;
        let fonts = resources?.get(b"Font").ok()?;
        let fonts = doc.dereference(fonts).ok()?.1.as_dict().ok()?;
        let entry = fonts.get(name).ok()?;
        self.ctx.fonts.resolve(doc, entry)
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some((font, font_idx)) = self.gs.font.clone() else {
            return;
        };
        let vertical = font.is_vertical();
        let size = self.gs.size;
        let th = self.gs.th;
        let trm_base = self.tm.then(&self.gs.ctm).then(&self.display);
        // Font size and direction in display space.
        let up = trm_base.apply_vec(0.0, size);
        let eff_size = (up.0 * up.0 + up.1 * up.1).sqrt();
        // Vertical writing advances down the text space's y axis.
        let base = if vertical {
            trm_base.apply_vec(0.0, -1.0)
        } else {
            trm_base.apply_vec(1.0, 0.0)
        };
        let dir = direction(base, up);
        let invisible = !eff_size.is_finite();
        let artifact = self.artifact_depth > 0;
        let record = font_idx != u16::MAX;
        let (mut shown, mut unmapped) = (0u64, 0u64);
        font.decode_each(bytes, |_code, _len, text, width, is_space_code| {
            shown += 1;
            let w0 = width / 1000.0;
            let spacing = self.gs.tc + if is_space_code { self.gs.tw } else { 0.0 };
            let (tx, ty) = if vertical {
                (0.0, -(size + spacing))
            } else {
                ((w0 * size + spacing) * th, 0.0)
            };
            let m = self.tm.then(&self.gs.ctm).then(&self.display);
            let (x, y) = m.apply(0.0, self.gs.rise);
            let adv = if vertical { size } else { w0 * size * th };
            let (ax, ay) = if vertical {
                m.apply_vec(0.0, -adv)
            } else {
                m.apply_vec(adv, 0.0)
            };
            let w = (ax * ax + ay * ay).sqrt();
            match text {
                None => unmapped += 1,
                Some(text) if !invisible && self.out.glyphs.len() < MAX_GLYPHS_PER_PAGE => {
                    let inside = x.is_finite()
                        && y.is_finite()
                        && x > -2.0 * eff_size
                        && y > -eff_size
                        && x < self.out.width + eff_size
                        && y < self.out.height + 2.0 * eff_size;
                    if !inside && !text.trim().is_empty() {
                        self.out.off_page += 1;
                    }
                    if inside && !text.is_empty() {
                        let start = self.out.text.len() as u32;
                        // Most glyphs are one ASCII character: no copy call.
                        let space = match text.as_bytes() {
                            &[b] if b.is_ascii() => {
                                self.out.text.push(char::from(b));
                                char::from(b).is_whitespace()
                            }
                            _ => {
                                self.out.text.push_str(text);
                                text.chars().all(char::is_whitespace)
                            }
                        };
                        // A space's width is its real advance, character and
                        // word spacing included: producers (Ghostscript) cancel
                        // a space with a negative Tw inside a word.
                        let w = if space && !vertical {
                            let (sx, sy) = m.apply_vec(tx.max(0.0), 0.0);
                            (sx * sx + sy * sy).sqrt()
                        } else {
                            w
                        };
                        let (cx, cy) = canonical(dir, x, y);
                        self.out.glyphs.push(Glyph {
                            x: cx,
                            y: cy,
                            w,
                            size: eff_size,
                            start,
                            end: self.out.text.len() as u32,
                            font: font_idx,
                            space,
                            dir,
                            artifact,
                        });
                    }
                }
                Some(_) => {}
            }
            self.tm = Matrix::translate(tx, ty).then(&self.tm);
        });
        if record && let Some(info) = self.ctx.fonts.infos.get_mut(font_idx as usize) {
            info.shown += shown;
            info.unmapped += unmapped;
        }
    }

    fn do_xobject(&mut self, resources: Option<&'d Dictionary>, name: &[u8]) -> Result<(), Limit> {
        let doc = self.ctx.doc;
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|o| o.1.as_dict().ok())
        else {
            return Ok(());
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else {
            return Ok(());
        };
        let id = *id;
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            return Ok(());
        };
        let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        if subtype == b"Image" {
            self.out.images += 1;
            return Ok(());
        }
        if subtype != b"Form" {
            return Ok(());
        }
        self.run_form(id, stream, resources, Matrix::IDENTITY)
    }

    /// Runs a form XObject (or an annotation appearance) with `outer` set
    /// before its own matrix.
    fn run_form(
        &mut self,
        id: ObjectId,
        stream: &'d lopdf::Stream,
        resources: Option<&'d Dictionary>,
        outer: Matrix,
    ) -> Result<(), Limit> {
        let doc = self.ctx.doc;
        if self.form_stack.len() >= MAX_FORM_DEPTH || self.form_stack.contains(&id) || self.forms >= MAX_FORMS_PER_PAGE
        {
            self.out.forms_skipped += 1;
            return Ok(());
        }
        self.budget.check_time()?;
        self.forms += 1;
        let data = match self.ctx.forms.get(&id) {
            Some(d) => d.clone(),
            None => {
                let d = Arc::new(self.budget.decode(stream)?);
                self.ctx.forms.insert(id, d.clone());
                d
            }
        };
        let form_res = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|o| o.1.as_dict().ok())
            .or(resources);
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| Matrix::from_object(doc, o))
            .unwrap_or(Matrix::IDENTITY);
        // The form runs in its own graphics state.
        let saved_gs = self.gs.clone();
        let saved_stack = self.stack.len();
        let (saved_tm, saved_tlm) = (self.tm, self.tlm);
        self.gs.ctm = matrix.then(&outer).then(&self.gs.ctm);
        self.form_stack.push(id);
        let r = self.execute(&data, form_res);
        self.form_stack.pop();
        self.gs = saved_gs;
        self.stack.truncate(saved_stack);
        self.tm = saved_tm;
        self.tlm = saved_tlm;
        r
    }

    /// Draws the normal appearance of the page's visible annotations (form
    /// fields, free text, stamps) as viewers and pdftotext do.
    fn annotations(&mut self, page: &'d Dictionary, resources: Option<&'d Dictionary>) -> Result<(), Limit> {
        let doc = self.ctx.doc;
        let Some(annots) = page
            .get(b"Annots")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|o| o.1.as_array().ok())
        else {
            return Ok(());
        };
        for a in annots.iter().take(10_000) {
            let Some(annot) = doc.dereference(a).ok().and_then(|o| o.1.as_dict().ok()) else {
                continue;
            };
            let subtype = annot.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
            if matches!(subtype, b"Link" | b"Popup") {
                continue;
            }
            let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            if flags & (2 | 32) != 0 {
                // Hidden or NoView.
                continue;
            }
            let Some(normal) = annot
                .get(b"AP")
                .ok()
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|o| o.1.as_dict().ok())
                .and_then(|ap| ap.get(b"N").ok())
            else {
                continue;
            };
            // The appearance, or the one for the annotation's state.
            let (id, obj) = match doc.dereference(normal) {
                Ok((Some(id), obj)) => (id, obj),
                _ => continue,
            };
            let (id, stream) = match obj {
                Object::Stream(st) => (id, st),
                Object::Dictionary(states) => {
                    let Some(state) = annot.get(b"AS").and_then(Object::as_name).ok() else {
                        continue;
                    };
                    match states.get(state).ok().and_then(|o| doc.dereference(o).ok()) {
                        Some((Some(sid), Object::Stream(st))) => (sid, st),
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let Some(area) = annot.get(b"Rect").ok().and_then(|o| rect(doc, o)) else {
                continue;
            };
            let bbox = stream.dict.get(b"BBox").ok().and_then(|o| rect(doc, o)).unwrap_or(area);
            let matrix = stream
                .dict
                .get(b"Matrix")
                .ok()
                .and_then(|o| Matrix::from_object(doc, o))
                .unwrap_or(Matrix::IDENTITY);
            // Fit the transformed bounding box to the annotation rectangle.
            let corners = [(bbox.0, bbox.1), (bbox.2, bbox.1), (bbox.0, bbox.3), (bbox.2, bbox.3)]
                .map(|(x, y)| matrix.apply(x, y));
            let min_x = corners.iter().map(|c| c.0).fold(f32::MAX, f32::min);
            let max_x = corners.iter().map(|c| c.0).fold(f32::MIN, f32::max);
            let min_y = corners.iter().map(|c| c.1).fold(f32::MAX, f32::min);
            let max_y = corners.iter().map(|c| c.1).fold(f32::MIN, f32::max);
            if max_x - min_x <= 0.0 || max_y - min_y <= 0.0 {
                continue;
            }
            let sx = (area.2 - area.0) / (max_x - min_x);
            let sy = (area.3 - area.1) / (max_y - min_y);
            let fit = Matrix {
                a: sx,
                b: 0.0,
                c: 0.0,
                d: sy,
                e: area.0 - min_x * sx,
                f: area.1 - min_y * sy,
            };
            // Annotations are drawn in default user space.
            let saved = self.gs.ctm;
            self.gs.ctm = Matrix::IDENTITY;
            let r = self.run_form(id, stream, resources, fit);
            self.gs.ctm = saved;
            r?;
        }
        Ok(())
    }

    fn begin_marked(&mut self, args: &[Operand]) {
        let tag = args.first().and_then(|o| match o {
            Operand::Name(n) => Some(*n),
            _ => None,
        });
        let props = args.get(1);
        let mut actual = None;
        let mut artifact = false;
        if let Some(Operand::Dict(items)) = props {
            for (k, v) in items {
                if *k == b"ActualText"
                    && let Operand::Str(s) = v
                {
                    actual = Some((self.out.glyphs.len(), text_string(s)));
                }
            }
            if tag == Some(b"Artifact") {
                artifact = items.iter().any(|(k, v)| {
                    (*k == b"Type" || *k == b"Subtype")
                        && matches!(v, Operand::Name(n) if matches!(*n, b"Pagination" | b"Header" | b"Footer" | b"PageNum"))
                });
            }
        }
        if artifact {
            self.artifact_depth += 1;
        }
        if self.marked.len() < 256 {
            self.marked.push(Marked { actual, artifact });
        }
    }

    fn end_marked(&mut self) {
        let Some(m) = self.marked.pop() else { return };
        if m.artifact {
            self.artifact_depth = self.artifact_depth.saturating_sub(1);
        }
        let Some((from, text)) = m.actual else { return };
        let glyphs = &mut self.out.glyphs;
        if from >= glyphs.len() {
            return;
        }
        // Replace the glyphs of the span by one glyph carrying the text.
        let first = glyphs[from];
        let last = glyphs[glyphs.len() - 1];
        let same_line = glyphs[from..]
            .iter()
            .all(|g| g.dir == first.dir && (g.y - first.y).abs() < 0.5 * first.size);
        if !same_line {
            return;
        }
        let x1 = glyphs[from..].iter().map(|g| g.x + g.w).fold(last.x + last.w, f32::max);
        glyphs.truncate(from);
        let start = self.out.text.len() as u32;
        self.out.text.push_str(&text);
        glyphs.push(Glyph {
            w: x1 - first.x,
            start,
            end: self.out.text.len() as u32,
            space: text.chars().all(char::is_whitespace),
            ..first
        });
    }
}

/// Quarter turns of a baseline in display space (y down).
fn direction(base: (f32, f32), up: (f32, f32)) -> u8 {
    let (bx, by) = if base.0 == 0.0 && base.1 == 0.0 {
        (-up.1, up.0)
    } else {
        base
    };
    if bx.abs() >= by.abs() {
        if bx >= 0.0 { 0 } else { 2 }
    } else if by > 0.0 {
        1
    } else {
        3
    }
}

/// Rotates a display-space point into the frame of writing direction `dir`.
fn canonical(dir: u8, x: f32, y: f32) -> (f32, f32) {
    match dir {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}
