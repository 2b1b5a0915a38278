//! The whole pipeline for one document: ingest, normalize, segment, event,
//! people, grammar, then the [`Report`] assembled from their outputs.
//!
//! Owns the order of the stages and the mapping of their typed outputs onto
//! the report format; hands one [`Extraction`] (report + normalized text) to
//! [`crate::document`], which runs it under the limits.

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::ingest::{self, SourceDoc};
use crate::report::{self, Diagnostic, List, MediaType, Report, Section, Source, Turn};
use crate::text::Normalized;
use crate::{event, grammar, normalize, pdf, people, segment};

/// Per-document limits and settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub pdf: pdf::PdfOptions,
    /// Inputs larger than this many bytes fail with `limit.bytes` (0: no limit).
    pub max_bytes: u64,
    /// When set, a document still being processed at this instant fails
    /// with `limit.timeout` (stages check it at their loop boundaries).
    pub deadline: Option<std::time::Instant>,
}

/// One document's report and the normalized text its spans point into.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub report: Report,
    pub text: String,
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Runs every stage on one document, without the size limit or panic
/// isolation ([`crate::extract`] adds them).
pub fn extract(doc: &SourceDoc, opts: &Options) -> Result<Extraction, Error> {
    let (raw, pages, pdf_info) = match doc.media_type {
        MediaType::Pdf => {
            let pdf = pdf::extract(&doc.bytes, &opts.pdf).map_err(|e| e.in_file(&doc.file))?;
            (
                normalize::pdf_text(pdf.lines, pdf.diagnostics),
                Some(pdf.page_count),
                Some(pdf.info),
            )
        }
        MediaType::Text | MediaType::Markdown => {
            let raw = ingest::read_text(doc).map_err(|e| e.in_file(&doc.file))?;
            (raw, None, None)
        }
    };
    check_deadline(opts, doc)?;
    let normalized = normalize::normalize(&raw);
    check_deadline(opts, doc)?;
    let report = assemble(doc, &normalized, pages, pdf_info);
    Ok(Extraction {
        report,
        text: normalized.text,
    })
}

/// Fails with `limit.timeout` once `opts.deadline` has passed or the
/// deadline entered for the document ([`crate::document::deadline`]) has
/// expired or been cancelled: checked between stages, so a stage whose loop
/// stopped early at the deadline never hands on a partial result.
fn check_deadline(opts: &Options, doc: &SourceDoc) -> Result<(), Error> {
    let passed = opts.deadline.is_some_and(|d| std::time::Instant::now() > d);
    match passed || crate::document::deadline::expired() {
        true => Err(Error::new(crate::error::ErrorKind::Timeout {
            budget: opts.pdf.budget,
        })
        .in_file(&doc.file)),
        false => Ok(()),
    }
}

fn assemble(doc: &SourceDoc, norm: &Normalized, pages: Option<u32>, pdf_info: Option<report::PdfInfo>) -> Report {
    let seg = segment::segment(norm);
    let front = event::extract(norm, seg.front_matter.clone());
    let registry = people::resolve(norm, &seg, &front.presenter_names);
    let records = grammar::extract(norm, &seg.list_groups);

    let mut event = front.event.clone();
    event.presenters = registry
        .presenters
        .iter()
        .flatten()
        .map(|&i| registry.people[i].id.clone())
        .collect();

    let sections: Vec<Section> = seg
        .sections
        .iter()
        .map(|s| Section {
            title: s.title.clone(),
            span: norm.block_span(s.block),
        })
        .collect();

    let turns: Vec<Turn> = seg
        .turns
        .iter()
        .enumerate()
        .map(|(index, t)| {
            let person = registry
                .turn_speakers
                .get(index)
                .copied()
                .flatten()
                .map(|i| &registry.people[i]);
            Turn {
                index,
                section: t.section.map(|s| seg.sections[s].title.clone()),
                speaker: person.map(|p| p.name.clone()).unwrap_or_else(|| {
                    if t.header.name.is_empty() {
                        t.header.role.clone().or(t.header.label.clone()).unwrap_or_default()
                    } else {
                        t.header.name.clone()
                    }
                }),
                speaker_id: person.map(|p| p.id.clone()),
                header: t.header.text.clone(),
                paragraphs: t
                    .paragraphs
                    .iter()
                    .filter_map(|&(s, e)| norm.text.get(s..e))
                    .map(|p| p.trim().to_string())
                    .collect(),
                span: norm.span(t.span.0, t.span.1),
                role: t.header.role.clone(),
                convention: Some(t.header.profile.name().to_string()),
                language: t.header.language.clone(),
            }
        })
        .collect();

    let lists: Vec<List> = seg
        .list_groups
        .iter()
        .zip(records.consumed.iter().copied().chain(std::iter::repeat(false)))
        .filter(|(_, consumed)| !consumed)
        .map(|(g, _)| {
            let first = g.heading.or(g.items.first().copied()).unwrap_or(0);
            let last = g.items.last().copied().unwrap_or(first);
            let start = norm.blocks[first].span.0;
            let end = norm.blocks[last].span.1;
            List {
                title: g.heading.map(|h| segment::heading_line(norm.content(h)).to_string()),
                items: g.items.iter().map(|&i| norm.content(i).to_string()).collect(),
                span: norm.span(start, end),
            }
        })
        .collect();

    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    diagnostics.extend(norm.diagnostics.iter().cloned());
    diagnostics.extend(seg.diagnostics.iter().cloned());
    diagnostics.extend(segment::swallowed::check(norm, &seg));
    diagnostics.extend(front.diagnostics.iter().cloned());
    diagnostics.extend(registry.diagnostics.iter().cloned());
    diagnostics.extend(records.diagnostics.iter().cloned());
    // Document order, then severity, then code: deterministic and readable.
    diagnostics.sort_by(|a, b| {
        let ka = a.span.map(|s| (s.start, s.end));
        let kb = b.span.map(|s| (s.start, s.end));
        ka.cmp(&kb).then(a.severity.cmp(&b.severity)).then(a.code.cmp(&b.code))
    });

    Report {
        format: report::FORMAT.to_string(),
        version: report::FORMAT_VERSION,
        generator: report::Generator::current(),
        source: Source {
            file: doc.file.clone(),
            sha256: sha256_hex(&doc.bytes),
            media_type: doc.media_type,
            bytes: doc.bytes.len() as u64,
            pages,
            page_starts: (!norm.pages.starts.is_empty()).then(|| norm.pages.starts.clone()),
            text_sha256: sha256_hex(norm.text.as_bytes()),
            pdf_info,
        },
        event,
        people: registry.people.clone(),
        sections,
        turns,
        dispatches: records.dispatches,
        deployments: records.deployments,
        lists,
        diagnostics,
    }
}
