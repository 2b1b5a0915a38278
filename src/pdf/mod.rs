//! PDF ingestion on lopdf: our own text layer, the lines of each page.
//!
//! lopdf parses the file (with a decompression cap, empty-password
//! decryption and its cross-reference recovery); everything above the object
//! level is ours: [`lexer`] tokenizes content streams tolerantly,
//! [`interp`] runs them into positioned glyphs through the fonts of [`font`],
//! and [`layout`] builds lines in reading order per page, with their
//! geometry. The reader ends there: hands on a [`PdfText`] (the lines of
//! each page, the page count, the document information dictionary, and
//! diagnostics of everything repaired or unread); furniture, paragraphs and
//! hyphenation are the normalize stage's ([`crate::normalize`]).

pub mod cff;
pub mod cmap;
pub mod columns;
pub mod crypt;
pub mod encoding;
pub mod font;
pub mod glyphlist;
pub mod guard;
mod inflate;
pub mod interp;
pub mod layout;
pub mod lexer;
pub mod metrics;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use lopdf::{Document, LoadOptions, Object};

use crate::diagnostics::Code;
use crate::document::deadline::{self, Deadline};
use crate::error::{Error, ErrorKind, Position};
use crate::report::{Diagnostic, PdfInfo, Span};

/// Limits that apply while reading one PDF.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub max_pages: u64,
    /// Total decompressed bytes.
    pub max_inflate: u64,
    /// When set, reading stops with [`ErrorKind::Timeout`] once this instant
    /// passes (checked at least once per page and per content stream).
    pub deadline: Option<std::time::Instant>,
    /// The budget the deadline came from (for the error message).
    pub budget: std::time::Duration,
    /// The user password of an encrypted PDF (the empty one is always tried).
    pub password: Option<crate::document::Password>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_pages: 10_000,
            max_inflate: 1 << 30,
            deadline: None,
            budget: std::time::Duration::ZERO,
            password: None,
        }
    }
}

/// The text layer of a PDF: its lines, page by page, for the normalize
/// stage ([`crate::normalize::pdf_text`]).
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// The lines of each page in reading order, with their geometry.
    pub lines: Vec<layout::PageLines>,
    /// What the reader repaired or could not read.
    pub diagnostics: Vec<Diagnostic>,
    pub page_count: u32,
    pub info: PdfInfo,
}

/// A limit hit while reading content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Timeout,
    Inflate,
}

/// Time and decompression budget of one document.
#[derive(Debug)]
pub struct Budget {
    deadline: Option<Instant>,
    /// The document's deadline token ([`crate::document::deadline`]), when
    /// one was entered: cancelled by the batch's watchdog, and entered again
    /// on the threads that read pages.
    token: Option<Deadline>,
    /// Shared by the threads reading pages of one document.
    inflated: AtomicU64,
    max_inflate: u64,
}

impl Budget {
    /// A budget without limits (for tools and tests).
    pub fn unlimited() -> Self {
        Budget::new(&PdfOptions::default())
    }

    fn new(opts: &PdfOptions) -> Self {
        Budget {
            deadline: opts.deadline,
            token: deadline::current(),
            inflated: AtomicU64::new(0),
            max_inflate: opts.max_inflate,
        }
    }

    /// Fails once the deadline has passed (or the document's deadline
    /// token has expired or been cancelled).
    pub fn check_time(&self) -> Result<(), Limit> {
        let passed = self.deadline.is_some_and(|d| Instant::now() >= d);
        match passed || self.token.as_ref().is_some_and(Deadline::expired) {
            true => Err(Limit::Timeout),
            false => Ok(()),
        }
    }

    /// Enters the document's deadline token on this thread (for the loops
    /// that check it without a budget at hand, such as the CMap parser).
    fn enter(&self) -> Option<deadline::Entered> {
        self.token.as_ref().map(Deadline::enter)
    }

    /// Decodes a stream within what is left of the decompression budget. A
    /// stream whose filters fail is taken as it is (as viewers do). A plain
    /// FlateDecode stream is inflated chunk by chunk (`pdf::inflate`), charged
    /// to the budget as it goes and stopped at the deadline.
    pub fn decode(&self, stream: &lopdf::Stream) -> Result<Vec<u8>, Limit> {
        self.check_time()?;
        if let Some(layers) = inflate::layers(stream) {
            match self.inflate_layers(&stream.content, layers) {
                inflate::Inflated::Done(data) => return Ok(data),
                inflate::Inflated::Stopped(limit) => return Err(limit),
                inflate::Inflated::Fallback => {}
            }
        }
        let left = self.max_inflate.saturating_sub(self.inflated.load(Ordering::Relaxed));
        let cap = usize::try_from(left).unwrap_or(usize::MAX);
        let data = match stream.get_plain_content_with_limit(cap) {
            Ok(d) => d,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(Limit::Inflate);
            }
            Err(_) => stream.content.clone(),
        };
        let total = self.inflated.fetch_add(data.len() as u64, Ordering::Relaxed) + data.len() as u64;
        if total > self.max_inflate {
            return Err(Limit::Inflate);
        }
        Ok(data)
    }
}

impl Budget {
    /// Inflates `layers` FlateDecode layers: the inner ones bounded by what
    /// is left of the budget (not charged: a stream is charged once, for its
    /// decoded bytes), the last one charged to it.
    fn inflate_layers(&self, data: &[u8], layers: usize) -> inflate::Inflated {
        let expired = || self.check_time().is_err();
        let mut current: Option<Vec<u8>> = None;
        for _ in 1..layers {
            let bound = self.max_inflate.saturating_sub(self.inflated.load(Ordering::Relaxed));
            let used = std::cell::Cell::new(0u64);
            let charge = |n: usize| {
                used.set(used.get() + n as u64);
                (used.get() <= bound).then(|| usize::try_from(bound - used.get()).unwrap_or(usize::MAX))
            };
            let input = current.as_deref().unwrap_or(data);
            match inflate::inflate(input, charge, |_| {}, expired) {
                inflate::Inflated::Done(next) => current = Some(next),
                other => return other,
            }
        }
        let charge = |n: usize| {
            let total = self.inflated.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
            (total <= self.max_inflate).then(|| usize::try_from(self.max_inflate - total).unwrap_or(usize::MAX))
        };
        let refund = |n: usize| {
            self.inflated.fetch_sub(n as u64, Ordering::Relaxed);
        };
        inflate::inflate(current.as_deref().unwrap_or(data), charge, refund, expired)
    }
}

fn limit_error(limit: Limit, opts: &PdfOptions, page: Option<u32>) -> Error {
    let kind = match limit {
        Limit::Timeout => ErrorKind::Timeout { budget: opts.budget },
        Limit::Inflate => ErrorKind::InflateLimit {
            limit: opts.max_inflate,
        },
    };
    Error::new(kind).at(Position {
        page,
        ..Default::default()
    })
}

/// Decodes a PDF text string: UTF-16BE or UTF-8 with a byte order mark,
/// otherwise PDFDocEncoding.
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{fffd}'))
            .filter(|c| *c != '\0')
            .collect();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().filter_map(|&b| pdfdoc_char(b)).collect()
}

/// One byte of PDFDocEncoding.
fn pdfdoc_char(b: u8) -> Option<char> {
    const HIGH: [char; 33] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚', '™', 'ﬁ', 'ﬂ', 'Ł',
        'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{fffd}', '€',
    ];
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    match b {
        0 => None,
        0x18..=0x1f => Some(LOW[(b - 0x18) as usize]),
        0x80..=0xa0 => Some(HIGH[(b - 0x80) as usize]),
        0xad => None,
        _ => Some(b as char),
    }
}

/// Turns `D:YYYYMMDDHHmmSSOHH'mm'` into RFC 3339 where it parses.
fn pdf_date(raw: &str) -> String {
    let s = raw.trim();
    let d = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = d.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 8 {
        return raw.to_string();
    }
    let part = |a: usize, b: usize, default: &str| digits.get(a..b).unwrap_or(default).to_string();
    let (y, mo, da) = (part(0, 4, ""), part(4, 6, "01"), part(6, 8, "01"));
    let (h, mi, se) = (part(8, 10, "00"), part(10, 12, "00"), part(12, 14, "00"));
    let rest = &d[digits.len()..];
    let offset = match rest.chars().next() {
        Some('Z') | None => "Z".to_string(),
        Some(sign @ ('+' | '-')) => {
            let tz: String = rest[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            let oh = tz.get(0..2).unwrap_or("00");
            let om = tz.get(2..4).unwrap_or("00");
            format!("{sign}{oh}:{om}")
        }
        _ => return raw.to_string(),
    };
    let candidate = format!("{y}-{mo}-{da}T{h}:{mi}:{se}{offset}");
    match candidate.parse::<jiff::Timestamp>() {
        Ok(_) => candidate,
        Err(_) => raw.to_string(),
    }
}

fn read_info(doc: &Document) -> PdfInfo {
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return PdfInfo::default();
    };
    let get = |key: &[u8]| -> Option<String> {
        let o = doc.dereference(info.get(key).ok()?).ok()?.1;
        let s = match o {
            Object::String(bytes, _) => decode_text_string(bytes),
            Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
            _ => return None,
        };
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    PdfInfo {
        title: get(b"Title"),
        author: get(b"Author"),
        creator: get(b"Creator"),
        producer: get(b"Producer"),
        creation_date: get(b"CreationDate").map(|d| pdf_date(&d)),
    }
}

fn load(bytes: &[u8], opts: &PdfOptions, diags: &mut Vec<Diagnostic>) -> Result<Document, Error> {
    let mut doc = parse(bytes, opts, None)?;
    let locked = |doc: &Document| !doc.was_encrypted() && doc.trailer.get(b"Encrypt").is_ok();
    if doc.was_encrypted() {
        diags.push(Diagnostic::info(
            Code::PdfDecrypted,
            "The PDF is encrypted with an empty user password; it was decrypted to read it.",
            None,
        ));
    } else if locked(&doc) && crypt::only_attachments_encrypted(&doc) {
        doc = parse(&crypt::without_encrypt_entry(bytes), opts, None)?;
        diags.push(Diagnostic::info(
            Code::PdfAttachmentsEncrypted,
            "Only the PDF's attachments are encrypted (its pages and strings are stored in clear); the pages were read without the password, the attachments were not.",
            None,
        ));
    } else if locked(&doc) {
        // Only a PDF that needs it is read again with the password given.
        if let Some(password) = &opts.password {
            doc = parse(bytes, opts, Some(password))?;
        }
        if locked(&doc) {
            return Err(not_decrypted(&doc, opts).into());
        }
        diags.push(Diagnostic::info(
            Code::PdfDecryptedWithPassword,
            "The PDF is encrypted; it was decrypted with the password given.",
            None,
        ));
    }
    resolve_stream_filters(&mut doc);
    if let Some(r) = doc.xref_recovery {
        diags.push(Diagnostic::warning(
            Code::PdfXrefRecovered,
            format!("The PDF's cross-reference data was damaged and had to be recovered ({r:?})."),
            None,
        ));
    }
    Ok(doc)
}

/// Why lopdf loaded an encrypted PDF without decrypting it: no password
/// opens it (`pdf.encrypted`), the one given does not
/// (`pdf.wrong-password`), or one does but its security handler is not
/// supported.
fn not_decrypted(doc: &Document, opts: &PdfOptions) -> ErrorKind {
    let given = opts.password.as_ref().map(|p| p.expose());
    if doc.authenticate_password("").is_ok() || given.is_some_and(|p| doc.authenticate_password(p).is_ok()) {
        return ErrorKind::Damaged("the PDF uses an encryption method that cannot be read".into());
    }
    match given {
        Some(_) => ErrorKind::WrongPassword,
        None => ErrorKind::Encrypted,
    }
}

/// lopdf's parse of the whole file, its failures as our errors.
fn parse(bytes: &[u8], opts: &PdfOptions, password: Option<&crate::document::Password>) -> Result<Document, Error> {
    let options = LoadOptions {
        max_decompressed_size: Some(usize::try_from(opts.max_inflate).unwrap_or(usize::MAX)),
        password: password.map(|p| p.expose().to_string()),
        ..LoadOptions::default()
    };
    match Document::load_mem_with_options(bytes, options) {
        Ok(d) => Ok(d),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(ErrorKind::InflateLimit {
                limit: opts.max_inflate,
            }
            .into())
        }
        Err(lopdf::Error::InvalidPassword) if password.is_some() => Err(ErrorKind::WrongPassword.into()),
        Err(lopdf::Error::InvalidPassword) => Err(ErrorKind::Encrypted.into()),
        Err(e) => {
            let byte = match &e {
                lopdf::Error::InvalidOffset(o) => Some(*o as u64),
                _ => None,
            };
            Err(Error::new(ErrorKind::Damaged(e.to_string())).at(Position {
                byte,
                ..Default::default()
            }))
        }
    }
}

/// Replaces indirect references in the `/Filter` and `/DecodeParms` of
/// every stream by the objects they name (the format allows any value to
/// be indirect; the decoder reads only direct names and dictionaries, and a
/// content stream it cannot decode would read as a page without text).
fn resolve_stream_filters(doc: &mut Document) {
    const KEYS: [&[u8]; 2] = [b"Filter", b"DecodeParms"];
    let resolve = |doc: &Document, value: &lopdf::Object| -> Option<lopdf::Object> {
        let direct = |o: &lopdf::Object| match o {
            lopdf::Object::Reference(id) => doc.get_object(*id).ok().cloned(),
            other => Some(other.clone()),
        };
        let mut value = direct(value)?;
        if let lopdf::Object::Array(items) = &mut value {
            for item in items.iter_mut() {
                *item = direct(item)?;
            }
        }
        Some(value)
    };
    let mut changes = Vec::new();
    for (id, object) in &doc.objects {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        for key in KEYS {
            let Ok(value) = stream.dict.get(key) else { continue };
            let indirect = matches!(value, lopdf::Object::Reference(_))
                || matches!(value, lopdf::Object::Array(a) if a.iter().any(|o| matches!(o, lopdf::Object::Reference(_))));
            if indirect && let Some(resolved) = resolve(doc, value) {
                changes.push((*id, key, resolved));
            }
        }
    }
    for (id, key, value) in changes {
        if let Some(lopdf::Object::Stream(stream)) = doc.objects.get_mut(&id) {
            match value {
                lopdf::Object::Null => stream.dict.remove(key),
                value => {
                    stream.dict.set(key, value);
                    None
                }
            };
        }
    }
}

/// Documents up to this many pages are read by one thread when the caller is
/// itself a thread of a rayon pool (see [`extract`]).
const SEQUENTIAL_MAX_PAGES: usize = 32;

/// Reads the text layer of a PDF.
pub fn extract(bytes: &[u8], opts: &PdfOptions) -> Result<PdfText, Error> {
    // The last line of defence: a panic in lopdf or here becomes an error.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract_inner(bytes, opts))) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(ErrorKind::Internal(format!("PDF reader panicked: {msg}")).into())
        }
    }
}

fn extract_inner(bytes: &[u8], opts: &PdfOptions) -> Result<PdfText, Error> {
    let mut diags = Vec::new();
    let (laid, info) = read_layout(bytes, opts, &mut diags)?;
    Ok(PdfText {
        page_count: laid.len() as u32,
        lines: laid,
        diagnostics: diags,
        info,
    })
}

/// The lines of every page in reading order, as [`layout`] hands them on
/// (before the document pass), with the diagnostics of reading them.
pub fn page_lines(bytes: &[u8], opts: &PdfOptions) -> Result<(Vec<layout::PageLines>, Vec<Diagnostic>), Error> {
    let mut diags = Vec::new();
    let (laid, _) = read_layout(bytes, opts, &mut diags)?;
    Ok((laid, diags))
}

/// Loads the document and lays out every page.
fn read_layout(
    bytes: &[u8],
    opts: &PdfOptions,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Vec<layout::PageLines>, PdfInfo), Error> {
    // Linear pre-checks before lopdf's recursive parser sees the bytes.
    guard::check(bytes, guard::DEFAULT_MAX_DEPTH)?;
    let document = load(bytes, opts, diags)?;
    // Our own page walk: lopdf's stops a cycle only at the object count.
    let tree = guard::page_tree(&document);
    diags.extend(tree.diagnostic());
    let mut pages: Vec<(u32, lopdf::ObjectId)> = (1..).zip(tree.pages).collect();
    if pages.is_empty() {
        pages = orphan_pages(&document);
        if !pages.is_empty() {
            diags.push(Diagnostic::warning(
                Code::PdfPageTreeDamaged,
                format!(
                    "The PDF's page tree is damaged; {} page objects found in the file were read in the order they are numbered.",
                    pages.len()
                ),
                None,
            ));
        }
    }
    if pages.len() as u64 > opts.max_pages {
        return Err(ErrorKind::TooManyPages {
            actual: pages.len() as u64,
            limit: opts.max_pages,
        }
        .into());
    }
    if pages.is_empty() {
        return Err(ErrorKind::Damaged("the PDF has no readable pages".into()).into());
    }
    let info = read_info(&document);
    let budget = Budget::new(opts);
    // Pages are read in parallel chunks, each with its own font cache. On a
    // thread of a rayon pool (a batch worker: the other workers are reading
    // other documents) a short document is read in one chunk: splitting it
    // only loads its fonts once per chunk.
    let threads = if rayon::current_thread_index().is_some() && pages.len() <= SEQUENTIAL_MAX_PAGES {
        1
    } else {
        rayon::current_num_threads().max(1)
    };
    let chunk = pages.len().div_ceil(threads).max(4);
    let chunks: Vec<Result<PagesRead, Error>> = pages
        .par_chunks(chunk)
        .map(|part| read_pages(&document, &budget, opts, part))
        .collect();
    let mut laid = Vec::with_capacity(pages.len());
    let mut glyph_total = 0usize;
    let mut image_total = 0usize;
    let mut fonts: Vec<interp::FontInfo> = Vec::new();
    let mut font_index = HashMap::new();
    for c in chunks {
        let (outs, infos) = c?;
        for p in outs {
            glyph_total += p.glyphs;
            image_total += p.images;
            diags.extend(p.diags);
            laid.push(p.lines);
        }
        merge_fonts(&mut fonts, &mut font_index, infos);
    }
    font_diagnostics(&fonts, diags);
    let shown: u64 = fonts.iter().map(|f| f.shown).sum();
    if glyph_total == 0 && shown == 0 {
        // No text and no image in a file whose cross-reference data had to
        // be rebuilt is damage (a truncated file), not a scan needing OCR.
        if image_total == 0 && document.xref_recovery.is_some() {
            return Err(ErrorKind::Damaged(
                "no page content could be read (the file looks truncated; its cross-reference data had to be recovered)"
                    .into(),
            )
            .into());
        }
        return Err(ErrorKind::NoTextLayer.into());
    }
    Ok((laid, info))
}

/// Page objects of a file whose page tree cannot be walked, by object number.
fn orphan_pages(doc: &Document) -> Vec<(u32, lopdf::ObjectId)> {
    doc.objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .ok()
                .and_then(|d| d.get(b"Type").ok())
                .and_then(|t| t.as_name().ok())
                == Some(b"Page".as_slice())
        })
        .map(|(id, _)| *id)
        .enumerate()
        .map(|(i, id)| (i as u32 + 1, id))
        .collect()
}

/// Pages read by one thread, with the statistics of the fonts it used.
type PagesRead = (Vec<PageOut>, Vec<interp::FontInfo>);

/// One page read and laid out.
struct PageOut {
    lines: layout::PageLines,
    /// Glyphs with ink.
    glyphs: usize,
    /// Images drawn.
    images: usize,
    diags: Vec<Diagnostic>,
}

/// Reads and lays out consecutive pages with one font cache.
fn read_pages(
    document: &Document,
    budget: &Budget,
    opts: &PdfOptions,
    part: &[(u32, lopdf::ObjectId)],
) -> Result<PagesRead, Error> {
    let _entered = budget.enter();
    let mut ctx = interp::DocCtx::new(document);
    let mut out = Vec::with_capacity(part.len());
    for &(num, id) in part {
        budget.check_time().map_err(|l| limit_error(l, opts, Some(num)))?;
        let pg = interp::run_page(&mut ctx, budget, id).map_err(|l| limit_error(l, opts, Some(num)))?;
        let lines = layout::layout_page(&pg, &ctx.fonts.infos);
        let diags = page_diagnostics(num, &pg, &lines);
        out.push(PageOut {
            lines,
            glyphs: pg.glyphs.iter().filter(|g| !g.space).count(),
            images: pg.images,
            diags,
        });
    }
    Ok((out, ctx.fonts.infos))
}

/// What reading one page repaired or guessed: damage skipped, forms not
/// read, columns found or doubted, margin line numbers taken out.
fn page_diagnostics(num: u32, pg: &interp::PageGlyphs, lines: &layout::PageLines) -> Vec<Diagnostic> {
    type Make = fn(Code, String, Option<Span>) -> Diagnostic;
    let mut found: Vec<(Make, Code, String)> = Vec::new();
    if pg.garbage > 0 || pg.unknown_ops > 0 {
        let (garbage, ops) = (pg.garbage, pg.unknown_ops);
        let what = format!(
            "Page {num}: the content stream is damaged ({garbage} unreadable bytes, {ops} unknown operators were skipped); text around the damage was kept."
        );
        found.push((Diagnostic::warning, Code::PdfContentDamaged, what));
    }
    if pg.forms_skipped > 0 {
        let n = pg.forms_skipped;
        let what =
            format!("Page {num}: {n} nested form objects were not read (nesting too deep, cyclic, or too many).");
        found.push((Diagnostic::warning, Code::PdfFormSkipped, what));
    }
    if pg.off_page > 0 {
        let n = pg.off_page;
        let what =
            format!("Page {num}: {n} characters drawn outside the page's visible area (its crop box) were left out.");
        found.push((Diagnostic::warning, Code::PdfTextOffPage, what));
    }
    if lines.columns > 1 {
        let what = format!("Page {num} was read as {} columns.", lines.columns);
        found.push((Diagnostic::info, Code::PdfColumns, what));
    }
    for &(x, share) in &lines.column_doubts {
        let percent = 100.0 * share;
        let what = format!(
            "Page {num}: text left and right of x = {x:.0} pt looks partly like two columns ({percent:.0}% of its lines sit side by side); it was read as one column, which may interleave lines if it is not."
        );
        found.push((Diagnostic::warning, Code::PdfColumnsUncertain, what));
    }
    if lines.line_numbers > 0 {
        let n = lines.line_numbers;
        let what =
            format!("Page {num}: {n} margin line numbers were taken out of the text (kept as the lines' numbers).");
        found.push((Diagnostic::info, Code::PdfLineNumbers, what));
    }
    found
        .into_iter()
        .map(|(make, code, what)| make(code, what, None))
        .collect()
}

/// Adds the font statistics of one chunk of pages (fonts by name).
fn merge_fonts(
    all: &mut Vec<interp::FontInfo>,
    index: &mut HashMap<(String, bool), usize>,
    part: Vec<interp::FontInfo>,
) {
    for f in part {
        match index.get(&(f.name.clone(), f.undecodable)) {
            Some(&i) => {
                all[i].shown += f.shown;
                all[i].unmapped += f.unmapped;
            }
            None => {
                index.insert((f.name.clone(), f.undecodable), all.len());
                all.push(f);
            }
        }
    }
}

fn font_diagnostics(fonts: &[interp::FontInfo], diags: &mut Vec<Diagnostic>) {
    for f in fonts {
        if f.shown == 0 {
            continue;
        }
        let name = if f.name.is_empty() {
            "(unnamed)"
        } else {
            f.name.as_str()
        };
        if f.undecodable || (f.unmapped == f.shown && f.shown > 0) {
            diags.push(Diagnostic::warning(
                Code::PdfUnsupportedFont,
                format!(
                    "The font {name} cannot be decoded to text; its {} glyphs were left out and the rest of the page kept.",
                    f.shown
                ),
                None,
            ));
        } else if f.unmapped > 0 {
            diags.push(Diagnostic::warning(
                Code::PdfUnmappedCodes,
                format!(
                    "{} of {} character codes shown in the font {name} map to no Unicode text; they were left out.",
                    f.unmapped, f.shown
                ),
                None,
            ));
        }
        for p in &f.problems {
            diags.push(Diagnostic::info(
                Code::PdfFontProblem,
                format!("Font {name}: {p}"),
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings() {
        assert_eq!(decode_text_string(b"\xfe\xff\x00A\x00\xe9"), "Aé");
        assert_eq!(decode_text_string(b"caf\xe9 \x93"), "café ﬁ");
    }

    #[test]
    fn dates() {
        assert_eq!(pdf_date("D:20220727120000+09'00'"), "2022-07-27T12:00:00+09:00");
        assert_eq!(pdf_date("D:20220727"), "2022-07-27T00:00:00Z");
        assert_eq!(pdf_date("yesterday"), "yesterday");
        assert_eq!(pdf_date("D:20221399"), "D:20221399");
    }
}
