//! The dispatch-record grammar: finds dispatch record lists and "Current
//! dispatch" blocks among the list groups segmentation found, parses them,
//! and hands on [`Records`] (the report's `dispatches` and `deployments`,
//! which groups were consumed, and diagnostics for every repair and error).
//!
//! - [`entry`]: the nom grammar of one entry (`docs/grammar.md`);
//! - [`countries`]: ISO 3166 names and codes, and the split of location lists;
//! - [`roles`]: the unit-role lexicon and spelling repair;
//! - [`deployment`]: "Current dispatch" blocks.
//!
//! A group is a dispatch record when its heading reads like "Record of ...
//! Dispatch ..." or "... Dispatches to ... Operations" and at least one item
//! parses, or when most of its entries parse. An item that does not parse
//! and does not start an entry is joined to the one before (a wrapped
//! entry). An entry that does not parse yields an `error` diagnostic with
//! the byte where parsing stopped and its raw text; when its head (mission
//! to colon) parsed, a partial [`Dispatch`] with the units that parsed is
//! emitted as well.

pub mod countries;
pub mod deployment;
pub mod entry;
pub mod roles;

use std::sync::LazyLock;

use regex::Regex;

pub use entry::{EntryError, ParsedEntry, parse_entry, starts_entry};

use crate::diagnostics::Code;
use crate::lexicon;
use crate::report::{Deployment, Diagnostic, Dispatch, Phase, Span, Unit};
use crate::text::{BlockKind, ListGroup, Normalized};
use entry::{DateTok, EndTok};

/// What the grammar took from the list groups.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub dispatches: Vec<Dispatch>,
    pub deployments: Vec<Deployment>,
    /// Per list group, true when it was a dispatch record or deployment
    /// block (it then does not appear among the report's `lists`).
    pub consumed: Vec<bool>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A heading that announces a dispatch record list.
static RECORD_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\brecords?\b.*\bdispatch|\bdispatch(?:es)?\b.*\bto\b.*\boperations?\b").expect("static regex")
});

/// At most this many list items are joined into one wrapped entry.
const MAX_JOIN: usize = 4;

/// Finds dispatch records and deployment blocks among the list groups.
pub fn extract(doc: &Normalized, groups: &[ListGroup]) -> Records {
    let mut rec = Records {
        consumed: vec![false; groups.len()],
        ..Default::default()
    };
    let mut last_was_deployment = false;
    for (gi, group) in groups.iter().enumerate() {
        if deployment::is_deployment_group(doc, group) {
            let deps = deployment::read_group(doc, group, &mut rec.diagnostics);
            rec.deployments.extend(deps);
            rec.consumed[gi] = true;
            last_was_deployment = true;
            continue;
        }
        if last_was_deployment
            && deployment::is_trailing_fields(doc, group)
            && let Some(dep) = rec.deployments.last_mut()
        {
            deployment::attach_fields(doc, group, dep, &mut rec.diagnostics);
            rec.consumed[gi] = true;
            continue;
        }
        last_was_deployment = false;
        if let Some((dispatches, diagnostics)) = dispatch_group(doc, group) {
            rec.dispatches.extend(dispatches);
            rec.diagnostics.extend(diagnostics);
            rec.consumed[gi] = true;
        }
    }
    // The record's vocabulary is the document's: a record the layout split
    // into several list groups (a wrapped line set apart) is still one.
    repair_from_record(&mut rec.dispatches, &mut rec.diagnostics);
    rec
}

/// True when a heading announces a dispatch record list.
pub fn is_record_heading(text: &str) -> bool {
    text.len() < 300 && RECORD_HEADING.is_match(text)
}

/// The text of one entry: one block's content, or several blocks' contents
/// joined by line breaks for a wrapped entry, with the map back to the
/// document.
struct EntryText {
    text: String,
    /// (offset in `text`, offset in the document) where each item starts.
    pieces: Vec<(usize, usize)>,
    /// Document range from the first item's content to the last's.
    range: (usize, usize),
    /// The first item's block.
    first: usize,
}

impl EntryText {
    fn new(doc: &Normalized, items: &[usize]) -> Self {
        let mut text = String::new();
        let mut pieces = Vec::with_capacity(items.len());
        for &b in items {
            if !text.is_empty() {
                text.push('\n');
            }
            pieces.push((text.len(), doc.blocks[b].content.0));
            text.push_str(doc.content(b));
        }
        let first = items.first().copied().unwrap_or(0);
        let last = items.last().copied().unwrap_or(first);
        EntryText {
            text,
            pieces,
            range: (doc.blocks[first].content.0, doc.blocks[last].content.1),
            first,
        }
    }

    /// The document offset of an offset in `text`.
    fn to_doc(&self, off: usize) -> usize {
        let i = self.pieces.partition_point(|&(t, _)| t <= off).saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(t, d)) => (d + (off - t)).min(self.range.1),
            None => self.range.0,
        }
    }

    /// The document offset of a slice of `text`.
    fn doc_of(&self, slice: &str) -> (usize, usize) {
        let start = (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        (self.to_doc(start), self.to_doc(start + slice.len()))
    }
}

/// One entry's outcome.
struct Outcome {
    ok: bool,
    /// The entry parsed and ends with a `,` (it may continue on the next item).
    comma_ended: bool,
    /// The entry parsed and ends with no terminator (it may continue too:
    /// "... Transport" + "Units (40x10);").
    unterminated: bool,
    /// Every unit has phases in parentheses.
    phased: bool,
    dispatch: Option<Dispatch>,
    /// Why the entry did not parse (reported before `diagnostics`).
    error: Option<ParseFailure>,
    diagnostics: Vec<Diagnostic>,
}

/// Where and why an entry did not parse, kept until its diagnostic is
/// needed.
struct ParseFailure {
    stop: usize,
    expected: &'static str,
    /// The entry's head parsed: the units before the failure are kept.
    partial: bool,
    raw: String,
    span: Span,
}

impl Outcome {
    /// The outcome's diagnostics: the parse error first, then the rest.
    fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        let mut out = Vec::with_capacity(self.diagnostics.len() + 1);
        if let Some(e) = self.error.take() {
            out.push(Diagnostic::error(
                Code::DispatchParse,
                format!(
                    "Dispatch entry does not parse: expected {} at byte {}{}; the entry as written: {:?}.",
                    e.expected,
                    e.stop,
                    if e.partial {
                        " (the mission, dates and the units before it are kept)"
                    } else {
                        ""
                    },
                    e.raw
                ),
                Some(e.span),
            ));
        }
        out.append(&mut self.diagnostics);
        out
    }
}

/// Parses the entries of a group; None when the group is not a dispatch
/// record list.
fn dispatch_group(doc: &Normalized, group: &ListGroup) -> Option<(Vec<Dispatch>, Vec<Diagnostic>)> {
    let items = &group.items;
    if items.is_empty() {
        return None;
    }
    let mut outcomes = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let mut end = i + 1;
        let mut blocks = vec![items[i]];
        let mut outcome = parse_item(doc, &blocks);
        // An entry that fails, or that ends with a comma, continues into
        // the next items that do not start an entry; a comma-ended entry
        // takes them only when that makes it parse.
        while (!outcome.ok || outcome.comma_ended || outcome.unterminated)
            && end < items.len()
            && blocks.len() < MAX_JOIN
            && !starts_new_entry(doc, items[end])
        {
            let mut trial = blocks.clone();
            trial.push(items[end]);
            let joined = parse_item(doc, &trial);
            if outcome.ok && !joined.ok {
                break;
            }
            blocks = trial;
            end += 1;
            outcome = joined;
        }
        if (!outcome.ok || outcome.comma_ended || outcome.unterminated) && end == items.len() {
            // The list's last entry may wrap into paragraphs right after it
            // (a continuation line layout did not indent); taken only when
            // that makes the entry parse, and after a comma only when every
            // unit has its phases (prose does not read as a unit then).
            let mut trial = blocks.clone();
            let mut next = blocks.last().map_or(usize::MAX, |&b| b + 1);
            // Units the entry already read may have no phases ("Level 2
            // Hospital,"): only those the continuation adds must have them.
            let had = outcome.dispatch.as_ref().map_or(0, |d| d.units.len());
            while trial.len() < MAX_JOIN && doc.blocks.get(next).is_some_and(|b| b.kind == BlockKind::Paragraph) {
                trial.push(next);
                let o = parse_item(doc, &trial);
                // After an entry that parsed, a paragraph of prose is not its
                // continuation unless it completes the phases.
                // Each added unit has its phases or is a role of the
                // lexicon ("Level 2 Hospital;"): prose reads as neither.
                let added_phased = o.dispatch.as_ref().is_some_and(|d| {
                    d.units.len() > had
                        && d.units[had..]
                            .iter()
                            .all(|u| !u.phases.is_empty() || roles::is_known(&u.role))
                });
                let continues = !outcome.ok
                    || o.phased
                    || added_phased
                    || (outcome.unterminated && !lexicon::is_prose(doc.content(next)));
                if o.ok && (!outcome.comma_ended || o.phased || added_phased) && continues {
                    outcome = o;
                    break;
                }
                next += 1;
            }
        }
        outcomes.push(outcome);
        i = end;
    }
    let parsed = outcomes.iter().filter(|o| o.ok).count();
    let headed = group.heading.is_some_and(|h| is_record_heading(doc.content(h)));
    if parsed == 0 || !(headed || parsed * 2 > outcomes.len()) {
        return None;
    }
    let mut dispatches = Vec::with_capacity(outcomes.len());
    let mut diagnostics = Vec::new();
    for mut o in outcomes {
        diagnostics.extend(o.take_diagnostics());
        dispatches.extend(o.dispatch);
    }
    Some((dispatches, diagnostics))
}

/// Repairs roles the lexicon does not know, or knows as close as one of
/// the record's, against the roles the same record (the document's
/// dispatches) writes elsewhere ("Riverine Units" ... "Rivreine Units"): a role
/// written at least twice as is, or once when the misspelling is not, is
/// the record's own vocabulary. Each repair is a warning.
fn repair_from_record(dispatches: &mut [Dispatch], diags: &mut Vec<Diagnostic>) {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for u in dispatches.iter().flat_map(|d| &d.units) {
        if u.role == u.role_raw {
            match counts.iter_mut().find(|(r, _)| r.eq_ignore_ascii_case(&u.role)) {
                Some((_, n)) => *n += 1,
                None => counts.push((u.role.clone(), 1)),
            }
        }
    }
    for d in dispatches.iter_mut() {
        for u in d.units.iter_mut() {
            // A role the lexicon repaired may be as close to a role this
            // record writes ("Signasl Units": "Signal Units" by the lexicon,
            // "Signals Units" by the record): the record's own wins.
            if u.role != u.role_raw {
                let vocabulary: Vec<String> = counts.iter().map(|(r, _)| r.clone()).collect();
                // Compared whole, number included: "Engineering Unites" stays
                // "Engineering Units" (1 edit), not the record's
                // "Engineering Unit" (2).
                let dist = |r: &str| roles::osa_distance(&u.role_raw.to_lowercase(), &r.to_lowercase());
                if let Some(own) = roles::repair_from(&u.role_raw, &vocabulary)
                    && !own.eq_ignore_ascii_case(&u.role)
                    && dist(own) <= dist(&u.role)
                {
                    diags.push(Diagnostic::warning(
                        Code::DispatchRoleSpelling,
                        format!(
                            "Unit role {:?} read as {own:?}, a role the same record writes elsewhere, rather than {:?}.",
                            u.role_raw, u.role
                        ),
                        Some(d.span),
                    ));
                    u.role = own.to_string();
                }
                continue;
            }
            if roles::is_known(&u.role) {
                continue;
            }
            let own = counts
                .iter()
                .find(|(r, _)| r.eq_ignore_ascii_case(&u.role))
                .map_or(0, |c| c.1);
            let vocabulary: Vec<String> = counts
                .iter()
                .filter(|(_, n)| *n > own)
                .map(|(r, _)| r.clone())
                .collect();
            if let Some(fixed) = roles::repair_from(&u.role_raw, &vocabulary) {
                diags.push(Diagnostic::warning(
                    Code::DispatchRoleSpelling,
                    format!(
                        "Unit role {:?} read as {fixed:?}, a role the same record writes elsewhere.",
                        u.role_raw
                    ),
                    Some(d.span),
                ));
                u.role = fixed.to_string();
            }
        }
    }
}

/// True when a list item begins a new entry rather than continuing one.
fn starts_new_entry(doc: &Normalized, block: usize) -> bool {
    matches!(doc.blocks[block].kind, BlockKind::ListItem { number: Some(_), .. }) || starts_entry(doc.content(block))
}

/// Parses the entry made of one or more consecutive items.
fn parse_item(doc: &Normalized, items: &[usize]) -> Outcome {
    let et = EntryText::new(doc, items);
    let block_number = match doc.blocks[et.first].kind {
        BlockKind::ListItem { number, .. } => number,
        _ => None,
    };
    let raw = doc.text.get(et.range.0..et.range.1).unwrap_or_default().to_string();
    let span = doc.span(et.range.0, et.range.1);
    match parse_entry(&et.text) {
        Ok(parsed) => {
            let mut diagnostics = Vec::new();
            let dispatch = to_dispatch(doc, &et, &parsed, block_number, raw, &mut diagnostics);
            Outcome {
                ok: true,
                comma_ended: parsed.terminator == Some(','),
                unterminated: parsed.terminator.is_none(),
                phased: parsed.units.iter().all(|u| !u.phases.is_empty()),
                dispatch: Some(dispatch),
                error: None,
                diagnostics,
            }
        }
        Err(err) => {
            // The message is written only if the outcome is kept (most
            // failed trials are not): see `Outcome::take_diagnostics`.
            let error = ParseFailure {
                stop: et.to_doc(err.pos),
                expected: err.expected,
                partial: err.partial.is_some(),
                raw: raw.clone(),
                span,
            };
            let mut diagnostics = Vec::new();
            let dispatch = err
                .partial
                .as_ref()
                .map(|p| to_dispatch(doc, &et, p, block_number, raw, &mut diagnostics));
            Outcome {
                ok: false,
                comma_ended: false,
                unterminated: false,
                phased: false,
                dispatch,
                error: Some(error),
                diagnostics,
            }
        }
    }
}

/// Collapses runs of whitespace (a wrapped line) to one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Turns a parse into a [`Dispatch`], reporting repairs and odd values.
fn to_dispatch(
    doc: &Normalized,
    et: &EntryText,
    p: &ParsedEntry<'_>,
    block_number: Option<u32>,
    raw: String,
    diags: &mut Vec<Diagnostic>,
) -> Dispatch {
    let span_of = |s: &str| {
        let (a, b) = et.doc_of(s);
        doc.span(a, b)
    };
    let mut locations = Vec::new();
    let mut location_codes = Vec::new();
    for (a, b) in countries::split_locations(p.locations) {
        let name = one_line(p.locations[a..b].trim_matches(['(', ')']));
        let code = countries::code_of(&name);
        if code.is_none() {
            diags.push(Diagnostic::info(
                Code::DispatchLocationNotCountry,
                format!("Location {name:?} is not in the country table; its code is null."),
                Some(span_of(&p.locations[a..b])),
            ));
        }
        locations.push(name);
        location_codes.push(code.map(str::to_string));
    }
    if !p.colon {
        let (_, at) = et.doc_of(p.end.text());
        diags.push(Diagnostic::warning(
            Code::DispatchMissingColon,
            "The colon after the date range is missing; the units are read from after the dates.",
            Some(doc.span(at, at)),
        ));
    }
    check_date(&p.start, diags, &span_of);
    let (end, ongoing) = match &p.end {
        EndTok::Date(d) => {
            check_date(d, diags, &span_of);
            if d.dash_separated {
                diags.push(Diagnostic::warning(
                    Code::DispatchDateSeparator,
                    format!(
                        "Date {:?} has a dash between month and year; read as {}.",
                        d.text,
                        d.iso()
                    ),
                    Some(span_of(d.text)),
                ));
            }
            if (d.year, d.month.unwrap_or(12)) < (p.start.year, p.start.month.unwrap_or(1)) {
                diags.push(Diagnostic::warning(
                    Code::DispatchDateOrder,
                    format!(
                        "The dispatch starts ({}) after it ends ({}); kept as written.",
                        p.start.iso(),
                        d.iso()
                    ),
                    Some(span_of(d.text)),
                ));
            }
            (Some(d.iso()), false)
        }
        EndTok::Open(_) => (None, true),
    };
    if p.start.dash_separated {
        diags.push(Diagnostic::warning(
            Code::DispatchDateSeparator,
            format!(
                "Date {:?} has a dash between month and year; read as {}.",
                p.start.text,
                p.start.iso()
            ),
            Some(span_of(p.start.text)),
        ));
    }
    let units = p
        .units
        .iter()
        .map(|u| {
            let role_raw = one_line(u.role);
            let role = match roles::repair(&role_raw) {
                Some(fixed) => {
                    diags.push(Diagnostic::warning(
                        Code::DispatchRoleSpelling,
                        format!(
                            "Unit role {role_raw:?} read as {:?}.",
                            roles::keep_number(fixed, &role_raw)
                        ),
                        Some(span_of(u.role)),
                    ));
                    roles::keep_number(fixed, &role_raw)
                }
                None => role_raw.clone(),
            };
            let phases = u
                .phases
                .iter()
                .map(|ph| {
                    if ph.rotations == Some(0) {
                        diags.push(Diagnostic::warning(
                            Code::DispatchZeroRotations,
                            format!("Phase {:?} has a rotation count of 0; kept as written.", ph.text),
                            Some(span_of(ph.text)),
                        ));
                    }
                    if let Some(w) = ph.when
                        && w.month.is_some_and(|m| !(1..=12).contains(&m))
                    {
                        diags.push(Diagnostic::warning(
                            Code::DispatchMonthRange,
                            format!("Phase {:?} names a month outside 1-12; kept as written.", ph.text),
                            Some(span_of(ph.text)),
                        ));
                    }
                    Phase {
                        qualifier: ph.qualifier.map(str::to_string),
                        from: ph.when.map(|w| w.iso()),
                        personnel: ph.personnel,
                        rotations: ph.rotations,
                        max: ph.max,
                        approximate: ph.approximate,
                    }
                })
                .collect();
            Unit {
                role_key: lexicon::role_key(&role),
                role,
                role_raw,
                phases,
            }
        })
        .collect();
    Dispatch {
        index: p.number.or(block_number),
        mission: one_line(p.mission),
        locations,
        location_codes,
        start: Some(p.start.iso()),
        end,
        ongoing,
        units,
        raw,
        span: doc.span(et.range.0, et.range.1),
    }
}

/// Warns about a month outside 1-12.
fn check_date(d: &DateTok<'_>, diags: &mut Vec<Diagnostic>, span_of: &dyn Fn(&str) -> crate::report::Span) {
    if d.month.is_some_and(|m| !(1..=12).contains(&m)) {
        diags.push(Diagnostic::warning(
            Code::DispatchMonthRange,
            format!("Date {:?} has a month outside 1-12; kept as written.", d.text),
            Some(span_of(d.text)),
        ));
    }
}

#[cfg(test)]
pub(crate) mod testutil;

#[cfg(test)]
mod tests;
