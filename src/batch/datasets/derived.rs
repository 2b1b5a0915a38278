//! The batch-wide outputs made from the finished per-document datasets:
//! `persons.jsonl` ([`super::persons`]), `roles.jsonl` ([`super::roles`])
//! and, with `run --csv`, `csv/events.csv`, `csv/people.csv`,
//! `csv/turns.csv` and `csv/dispatch_phases.csv`.
//!
//! They are read from the JSONL datasets as the run leaves them (the files
//! in place, or with `check` the bytes that would be written), so they are
//! the same whether a document was processed or reused. Each is written
//! atomically only when its bytes change (with `check`, compared), and
//! recorded in the manifest's `datasets`; one recorded by the previous run
//! and not made by this one (`--csv` left out) is deleted.
//!
//! CSV files are RFC 4180 (the `csv` crate: comma, `"` quoting where needed,
//! `\n` line ends), UTF-8 without a byte order mark, with a header row.
//! Lists are joined with `; `, a turn's paragraphs with a blank line.

use std::io::{BufRead, Write};
use std::path::Path;

use serde_json::Value;

use super::manifest_entry;
use super::persons::{PeopleRow, PersonIndex};
use super::roles::RoleIndex;
use super::rows::{DISPATCHES, EVENTS, PEOPLE, TURNS};
use crate::batch::Change;
use crate::batch::manifest::DatasetEntry;
use crate::emit;

/// The batch-wide JSONL outputs.
pub const PERSONS: &str = "persons.jsonl";
pub const ROLES: &str = "roles.jsonl";
/// The CSV outputs of `--csv`, with the dataset each is made from.
pub const CSV_FILES: [(&str, usize); 4] = [
    ("csv/events.csv", EVENTS),
    ("csv/people.csv", PEOPLE),
    ("csv/turns.csv", TURNS),
    ("csv/dispatch_phases.csv", DISPATCHES),
];

/// Every file this module may write (and so delete when no longer made).
pub fn all_names() -> impl Iterator<Item = &'static str> {
    [PERSONS, ROLES].into_iter().chain(CSV_FILES.iter().map(|(n, _)| *n))
}

/// One output being produced: written to a temporary file while compared
/// with the file in place (or only compared, with `check`).
struct Output {
    name: &'static str,
    cmp: emit::Comparing<MaybeFile>,
    rows: u64,
    bytes: u64,
}

impl Output {
    fn new(out: &Path, name: &'static str, check: bool) -> std::io::Result<Output> {
        let path = out.join(name);
        let file = if check {
            None
        } else {
            let dir = path.parent().unwrap_or(out);
            emit::create_dirs_under(out, dir)?;
            Some(emit::AtomicFile::create(&path)?)
        };
        Ok(Output {
            name,
            cmp: emit::Comparing::new(MaybeFile(file), &path),
            rows: 0,
            bytes: 0,
        })
    }

    /// Puts the file in place if it changed (or records the change, with
    /// `check`), and returns its manifest record.
    fn finish(
        self,
        changes: &mut Vec<Change>,
        before_replace: &dyn Fn() -> std::io::Result<()>,
    ) -> std::io::Result<DatasetEntry> {
        let (state, file) = self.cmp.finish();
        match file.0 {
            Some(f) if state != emit::Comparison::Same => {
                before_replace()?;
                f.commit()?
            }
            Some(_) => {}
            None => changes.extend(Change::from_comparison(self.name, state)),
        }
        Ok(manifest_entry(self.name, self.rows, self.bytes))
    }
}

/// The temporary file of an [`Output`], none with `check`.
struct MaybeFile(Option<emit::AtomicFile>);

impl Write for MaybeFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.0 {
            Some(f) => f.write(buf),
            None => Ok(buf.len()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.as_mut().map_or(Ok(()), |f| f.flush())
    }
}

/// A CSV file being produced: records are formatted by the `csv` crate
/// straight into the [`Output`].
struct CsvOutput {
    writer: csv::Writer<Output>,
    rows: u64,
}

impl CsvOutput {
    fn new(out: &Path, name: &'static str, header: &[&str], check: bool) -> std::io::Result<CsvOutput> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Output::new(out, name, check)?);
        writer.write_record(header).map_err(std::io::Error::other)?;
        Ok(CsvOutput { writer, rows: 0 })
    }

    fn record(&mut self, fields: &[String]) -> std::io::Result<()> {
        self.rows += 1;
        self.writer.write_record(fields).map_err(std::io::Error::other)
    }

    fn finish(
        self,
        changes: &mut Vec<Change>,
        before_replace: &dyn Fn() -> std::io::Result<()>,
    ) -> std::io::Result<DatasetEntry> {
        let mut output = self.writer.into_inner().map_err(|e| e.into_error())?;
        output.rows = self.rows;
        output.finish(changes, before_replace)
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.cmp.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.cmp.flush()
    }
}

/// A JSON value as a CSV field: strings as they are, null as empty, lists
/// joined with `; `, anything else as compact JSON.
fn field(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(field).collect::<Vec<_>>().join("; "),
        Value::Object(_) => v.to_string(),
    }
}

fn fields(row: &Value, paths: &[&str]) -> Vec<String> {
    paths
        .iter()
        .map(|p| field(row.pointer(p).unwrap_or(&Value::Null)))
        .collect()
}

const EVENT_COLUMNS: [(&str, &str); 19] = [
    ("document", "/document"),
    ("sha256", "/sha256"),
    ("row_id", "/row_id"),
    ("title", "/title"),
    ("date", "/date"),
    ("weekday", "/weekday"),
    ("start_utc", "/start_utc"),
    ("organizers", "/organizers"),
    ("presenters", "/presenters"),
    ("compiled_by", "/compiled_by"),
    ("media_type", "/media_type"),
    ("pages", "/pages"),
    ("people", "/counts/people"),
    ("sections", "/counts/sections"),
    ("turns", "/counts/turns"),
    ("dispatches", "/counts/dispatches"),
    ("deployments", "/counts/deployments"),
    ("lists", "/counts/lists"),
    ("diagnostics", "/counts/diagnostics"),
];

const PEOPLE_COLUMNS: [(&str, &str); 12] = [
    ("document", "/document"),
    ("sha256", "/sha256"),
    ("row_id", "/row_id"),
    ("id", "/id"),
    ("person_key", "/person_key"),
    ("name", "/name"),
    ("honorific", "/honorific"),
    ("given_name", "/given_name"),
    ("family_name", "/family_name"),
    ("affiliation", "/affiliation"),
    ("variants", "/variants"),
    ("turns", "/turns"),
];

/// Turn columns; `text` (the paragraphs) is added after them.
const TURN_COLUMNS: [(&str, &str); 16] = [
    ("document", "/document"),
    ("sha256", "/sha256"),
    ("row_id", "/row_id"),
    ("index", "/index"),
    ("section", "/section"),
    ("speaker", "/speaker"),
    ("speaker_id", "/speaker_id"),
    ("person_key", "/person_key"),
    ("role", "/role"),
    ("convention", "/convention"),
    ("language", "/language"),
    ("header", "/header"),
    ("span_start", "/span/start"),
    ("span_end", "/span/end"),
    ("page", "/span/page"),
    ("page_end", "/span/page_end"),
];

/// Dispatch columns of a phase row, then its unit's, then its own.
const PHASE_DISPATCH_COLUMNS: [(&str, &str); 10] = [
    ("document", "/document"),
    ("sha256", "/sha256"),
    ("dispatch_row_id", "/row_id"),
    ("dispatch_index", "/index"),
    ("mission", "/mission"),
    ("locations", "/locations"),
    ("location_codes", "/location_codes"),
    ("start", "/start"),
    ("end", "/end"),
    ("ongoing", "/ongoing"),
];
const PHASE_UNIT_COLUMNS: [(&str, &str); 3] = [("role", "/role"), ("role_key", "/role_key"), ("role_raw", "/role_raw")];
const PHASE_COLUMNS: [(&str, &str); 6] = [
    ("qualifier", "/qualifier"),
    ("from", "/from"),
    ("personnel", "/personnel"),
    ("rotations", "/rotations"),
    ("max", "/max"),
    ("approximate", "/approximate"),
];

fn names(cols: &[(&'static str, &str)]) -> Vec<&'static str> {
    cols.iter().map(|(n, _)| *n).collect()
}

fn paths<'a>(cols: &[(&str, &'a str)]) -> Vec<&'a str> {
    cols.iter().map(|(_, p)| *p).collect()
}

/// Calls `each` with every row of a JSONL source, parsed.
fn for_each_row(
    source: &mut dyn BufRead,
    dataset: &str,
    mut each: impl FnMut(Value) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        if source.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        number += 1;
        let row: Value = serde_json::from_slice(&line).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{dataset} line {number}: {e} (run with --force to rebuild it)"),
            )
        })?;
        each(row)?;
    }
}

/// Makes the derived outputs from `sources` (one reader per per-document
/// dataset, in [`super::DATASETS`] order). Returns their manifest records.
pub fn write_all(
    out: &Path,
    sources: &mut [Box<dyn BufRead>],
    csv: bool,
    check: bool,
    changes: &mut Vec<Change>,
    before_replace: &dyn Fn() -> std::io::Result<()>,
) -> std::io::Result<Vec<DatasetEntry>> {
    let mut recorded = Vec::new();
    let mut csvs: Vec<Option<CsvOutput>> = Vec::new();
    for (name, dataset) in CSV_FILES {
        let header: Vec<&str> = match dataset {
            EVENTS => names(&EVENT_COLUMNS),
            PEOPLE => names(&PEOPLE_COLUMNS),
            TURNS => [names(&TURN_COLUMNS), vec!["text"]].concat(),
            _ => [
                names(&PHASE_DISPATCH_COLUMNS),
                vec!["unit", "phase"],
                names(&PHASE_UNIT_COLUMNS),
                names(&PHASE_COLUMNS),
            ]
            .concat(),
        };
        csvs.push(if csv {
            Some(CsvOutput::new(out, name, &header, check)?)
        } else {
            None
        });
    }
    let dataset_name = |i: usize| super::DATASETS[i];

    let mut persons = PersonIndex::default();
    let mut people_csv = csvs[1].take();
    for_each_row(&mut *sources[PEOPLE], dataset_name(PEOPLE), |row| {
        if let Some(c) = &mut people_csv {
            c.record(&fields(&row, &paths(&PEOPLE_COLUMNS)))?;
        }
        let person: PeopleRow = serde_json::from_value(row).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", dataset_name(PEOPLE)),
            )
        })?;
        persons.add(person);
        Ok(())
    })?;
    let mut roles = RoleIndex::default();
    let mut phases_csv = csvs[3].take();
    for_each_row(&mut *sources[DISPATCHES], dataset_name(DISPATCHES), |row| {
        let document = row["document"].as_str().unwrap_or_default().to_string();
        let head = fields(&row, &paths(&PHASE_DISPATCH_COLUMNS));
        for (u, unit) in row["units"].as_array().into_iter().flatten().enumerate() {
            let role = unit["role"].as_str().unwrap_or_default();
            let key = unit["role_key"].as_str().unwrap_or_default();
            roles.add(&document, key, role, unit["role_raw"].as_str().unwrap_or(role));
            let Some(c) = &mut phases_csv else { continue };
            let unit_fields = fields(unit, &paths(&PHASE_UNIT_COLUMNS));
            for (k, phase) in unit["phases"].as_array().into_iter().flatten().enumerate() {
                let mut record = head.clone();
                record.extend([u.to_string(), k.to_string()]);
                record.extend(unit_fields.iter().cloned());
                let mut own = fields(phase, &paths(&PHASE_COLUMNS));
                // Omitted when false in the JSON.
                if own[5].is_empty() {
                    own[5] = "false".into();
                }
                record.extend(own);
                c.record(&record)?;
            }
        }
        Ok(())
    })?;
    if let Some(mut c) = csvs[0].take() {
        for_each_row(&mut *sources[EVENTS], dataset_name(EVENTS), |row| {
            c.record(&fields(&row, &paths(&EVENT_COLUMNS)))
        })?;
        recorded.push(c.finish(changes, before_replace)?);
    }
    if let Some(c) = people_csv {
        recorded.push(c.finish(changes, before_replace)?);
    }
    if let Some(mut c) = csvs[2].take() {
        for_each_row(&mut *sources[TURNS], dataset_name(TURNS), |row| {
            let mut record = fields(&row, &paths(&TURN_COLUMNS));
            let paragraphs: Vec<&str> = row["paragraphs"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            record.push(paragraphs.join("\n\n"));
            c.record(&record)
        })?;
        recorded.push(c.finish(changes, before_replace)?);
    }
    if let Some(c) = phases_csv {
        recorded.push(c.finish(changes, before_replace)?);
    }
    for (name, index) in [(PERSONS, 0), (ROLES, 1)] {
        let mut o = Output::new(out, name, check)?;
        let mut sink = |line: &[u8]| o.write_all(line);
        let rows = if index == 0 {
            persons.rows(&mut sink)?
        } else {
            roles.rows(&mut sink)?
        };
        o.rows = rows;
        recorded.push(o.finish(changes, before_replace)?);
    }
    recorded.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(recorded)
}

/// Deletes (or, with `check`, lists) the derived outputs that the previous
/// run recorded and this one did not make.
pub fn remove_unmade(
    out: &Path,
    previous: &[String],
    made: &[DatasetEntry],
    check: bool,
    changes: &mut Vec<Change>,
) -> std::io::Result<()> {
    for name in all_names() {
        if !previous.iter().any(|p| p == name) || made.iter().any(|m| m.file == name) {
            continue;
        }
        let path = out.join(name);
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            continue;
        }
        if check {
            changes.push(Change {
                path: name.to_string(),
                kind: crate::batch::ChangeKind::Delete,
            });
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    if !check {
        // The csv folder, once empty, goes too.
        let _ = std::fs::remove_dir(out.join("csv"));
    }
    Ok(())
}
