//! One document's rows of the per-document datasets, built from its report
//! in memory: each row is the report's own item (same field names) with the
//! keys of [`super::keys`] added.

use std::collections::HashMap;

use serde::Serialize;

use super::keys::{person_key, role_key, row_id};
use super::{N, Rows};
use crate::emit;
use crate::report::{Diagnostic, Dispatch, LocalTime, MediaType, Person, Report, Turn};

/// Where each dataset's rows go in [`Rows::blocks`].
pub const DISPATCHES: usize = 0;
pub const TURNS: usize = 1;
pub const PEOPLE: usize = 2;
pub const EVENTS: usize = 3;
pub const DIAGNOSTICS: usize = 4;

#[derive(Serialize)]
struct TurnRow<'a> {
    row_id: String,
    #[serde(flatten)]
    turn: &'a Turn,
    /// The speaker's `person_key` (null when `speaker_id` is).
    person_key: Option<&'a str>,
}

#[derive(Serialize)]
struct PersonRow<'a> {
    row_id: String,
    #[serde(flatten)]
    person: &'a Person,
    person_key: &'a str,
    /// Turns of this person in the document.
    turns: usize,
}

#[derive(Serialize)]
struct EventCounts {
    people: usize,
    sections: usize,
    turns: usize,
    dispatches: usize,
    deployments: usize,
    lists: usize,
    diagnostics: usize,
}

#[derive(Serialize)]
struct EventRow<'a> {
    row_id: String,
    title: Option<&'a str>,
    date: Option<&'a str>,
    weekday: Option<&'a str>,
    start_utc: Option<&'a str>,
    local_times: &'a [LocalTime],
    organizers: &'a [String],
    presenters: &'a [String],
    compiled_by: Option<&'a str>,
    media_type: MediaType,
    pages: Option<u32>,
    counts: EventCounts,
}

#[derive(Serialize)]
struct DiagnosticRow<'a> {
    row_id: String,
    /// 0-based position among the document's diagnostics.
    position: usize,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

/// A dispatch row: the report's dispatch with `row_id` and `position` (and
/// each unit's `role_key`, filled in if an older report lacks it). Built
/// through a JSON value so that fields added to [`Dispatch`] reach the
/// dataset without a change here.
fn dispatch_row(document: &str, position: usize, d: &Dispatch) -> serde_json::Value {
    let mut row = serde_json::Map::new();
    row.insert("row_id".into(), row_id(document, "dispatch", position).into());
    row.insert("position".into(), position.into());
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(d) else {
        return serde_json::Value::Object(row);
    };
    for (k, v) in fields {
        let v = match (k.as_str(), v) {
            ("units", serde_json::Value::Array(units)) => {
                serde_json::Value::Array(units.into_iter().map(unit_with_key).collect())
            }
            (_, v) => v,
        };
        row.insert(k, v);
    }
    serde_json::Value::Object(row)
}

/// The report's units carry `role_key`; a report read back from an older
/// version may not, so it is filled in from `role` where missing.
fn unit_with_key(unit: serde_json::Value) -> serde_json::Value {
    let serde_json::Value::Object(fields) = unit else {
        return unit;
    };
    let missing = fields
        .get("role_key")
        .and_then(|k| k.as_str())
        .is_none_or(str::is_empty);
    let mut out = serde_json::Map::new();
    for (k, v) in fields {
        if k == "role_key" && missing {
            continue;
        }
        let key = (k == "role" && missing).then(|| v.as_str().map(role_key)).flatten();
        out.insert(k, v);
        if let Some(key) = key {
            out.insert("role_key".into(), key.into());
        }
    }
    serde_json::Value::Object(out)
}

/// The rows of `report` for every per-document dataset.
pub fn report_rows(report: &Report) -> Rows {
    let (doc, sha) = (report.source.file.as_str(), report.source.sha256.as_str());
    let mut rows = Rows::default();
    for (i, d) in report.dispatches.iter().enumerate() {
        emit::jsonl_row_into(&mut rows.blocks[DISPATCHES], doc, sha, &dispatch_row(doc, i, d));
    }
    let keys: Vec<String> = report.people.iter().map(person_key).collect();
    let key_of: HashMap<&str, &str> = report
        .people
        .iter()
        .zip(&keys)
        .map(|(p, k)| (p.id.as_str(), k.as_str()))
        .collect();
    let mut turns_of: HashMap<&str, usize> = HashMap::new();
    for t in &report.turns {
        let person_key = t.speaker_id.as_deref().and_then(|id| key_of.get(id).copied());
        if let Some(id) = &t.speaker_id {
            *turns_of.entry(id.as_str()).or_default() += 1;
        }
        let row = TurnRow {
            row_id: row_id(doc, "turn", t.index),
            turn: t,
            person_key,
        };
        emit::jsonl_row_into(&mut rows.blocks[TURNS], doc, sha, &row);
    }
    for (p, key) in report.people.iter().zip(&keys) {
        let row = PersonRow {
            row_id: row_id(doc, "person", &p.id),
            person: p,
            person_key: key,
            turns: turns_of.get(p.id.as_str()).copied().unwrap_or(0),
        };
        emit::jsonl_row_into(&mut rows.blocks[PEOPLE], doc, sha, &row);
    }
    let e = &report.event;
    let event = EventRow {
        row_id: row_id(doc, "event", 0),
        title: e.title.as_deref(),
        date: e.date.as_deref(),
        weekday: e.weekday.as_deref(),
        start_utc: e.start_utc.as_deref(),
        local_times: &e.local_times,
        organizers: &e.organizers,
        presenters: &e.presenters,
        compiled_by: e.compiled_by.as_deref(),
        media_type: report.source.media_type,
        pages: report.source.pages,
        counts: EventCounts {
            people: report.people.len(),
            sections: report.sections.len(),
            turns: report.turns.len(),
            dispatches: report.dispatches.len(),
            deployments: report.deployments.len(),
            lists: report.lists.len(),
            diagnostics: report.diagnostics.len(),
        },
    };
    emit::jsonl_row_into(&mut rows.blocks[EVENTS], doc, sha, &event);
    for (i, d) in report.diagnostics.iter().enumerate() {
        let row = DiagnosticRow {
            row_id: row_id(doc, "diagnostic", i),
            position: i,
            diagnostic: d,
        };
        emit::jsonl_row_into(&mut rows.blocks[DIAGNOSTICS], doc, sha, &row);
    }
    let mut counts = [0u64; N];
    counts[DISPATCHES] = report.dispatches.len() as u64;
    counts[TURNS] = report.turns.len() as u64;
    counts[PEOPLE] = report.people.len() as u64;
    counts[EVENTS] = 1;
    counts[DIAGNOSTICS] = report.diagnostics.len() as u64;
    rows.counts = counts;
    rows
}
