//! The report format, version 1 (`shared/spec/report-format.md` in the project's
//! brief, `docs/report-format.md` here): the Rust types that are serialized to
//! JSON, and the JSON Schema generated from them.
//!
//! This module owns the format. Every other stage produces its own typed
//! output; `crate::pipeline` assembles those into a [`Report`]. Field order in
//! the structs is the key order in the JSON, so output is deterministic.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Code;

/// The `format` tag of every report.
pub const FORMAT: &str = "rapporteur.report";
/// Major version of the report format.
pub const FORMAT_VERSION: u32 = 1;

/// What `rapporteur` writes for one input document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always `"rapporteur.report"`.
    pub format: String,
    /// Major version of this format (1).
    pub version: u32,
    /// The program and version that wrote the report.
    pub generator: Generator,
    /// What was read.
    pub source: Source,
    /// The front matter.
    pub event: Event,
    /// Everyone who has a speaker header or is named as presenter.
    pub people: Vec<Person>,
    /// Parts of the report in order.
    pub sections: Vec<Section>,
    /// Speaker turns in document order, across all sections.
    pub turns: Vec<Turn>,
    /// Entries of a dispatch record list.
    pub dispatches: Vec<Dispatch>,
    /// "Current dispatch" blocks.
    pub deployments: Vec<Deployment>,
    /// Other numbered or bulleted lists, with their heading.
    pub lists: Vec<List>,
    /// Everything the pipeline repaired, guessed or could not read.
    pub diagnostics: Vec<Diagnostic>,
}

/// The program that wrote a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

impl Generator {
    /// This program.
    pub fn current() -> Self {
        Generator {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// Media types rapporteur reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum MediaType {
    #[serde(rename = "application/pdf")]
    Pdf,
    #[serde(rename = "text/plain")]
    Text,
    #[serde(rename = "text/markdown")]
    Markdown,
}

impl MediaType {
    /// The IANA media type string.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Text => "text/plain",
            MediaType::Markdown => "text/markdown",
        }
    }
}

/// What was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Path relative to the input root, `/` separators.
    pub file: String,
    /// Hex SHA-256 of the input bytes.
    pub sha256: String,
    pub media_type: MediaType,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// PDF page count, null for text inputs.
    pub pages: Option<u32>,
    /// Byte offsets in the normalized text where each PDF page starts
    /// (`page_starts[0]` is page 1); absent for text inputs. Lets a reader
    /// put page numbers beside the text (the review page does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_starts: Option<Vec<usize>>,
    /// Hex SHA-256 of the normalized text that all spans point into.
    pub text_sha256: String,
    /// The PDF's document information dictionary, null for text inputs.
    pub pdf_info: Option<PdfInfo>,
}

/// Entries of a PDF's document information dictionary, decoded to Unicode.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfInfo {
    pub title: Option<String>,
    pub author: Option<String>,
    pub creator: Option<String>,
    pub producer: Option<String>,
    /// As written in the PDF (`D:20220727...`), or RFC 3339 where it parses.
    pub creation_date: Option<String>,
}

/// The front matter of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The weekday as written.
    pub weekday: Option<String>,
    /// RFC 3339 UTC instant of the start, null if no time is given.
    pub start_utc: Option<String>,
    pub local_times: Vec<LocalTime>,
    /// Names as written, artifacts removed.
    pub organizers: Vec<String>,
    /// Person ids.
    pub presenters: Vec<String>,
    pub compiled_by: Option<String>,
}

/// The start time of the event in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalTime {
    /// The place as written ("Tokyo"), or the zone abbreviation ("JST").
    pub place: String,
    /// 24-hour local time, `HH:MM`.
    pub local: String,
    /// IANA time zone id.
    pub time_zone: Option<String>,
    /// Offset from UTC on the event's date, `+09:00`.
    pub utc_offset: Option<String>,
}

/// A person with a speaker header or named as presenter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable slug of the canonical name (`akira-tanaka`).
    pub id: String,
    /// Canonical "Given Family" in normal capitalization.
    pub name: String,
    /// As written ("Mr.", "Dr.", "H.E." ...).
    pub honorific: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// Role/affiliation text of the person's first header.
    pub affiliation: Option<String>,
    /// Every distinct way the document writes the person.
    pub variants: Vec<String>,
}

/// A part of the report ("Part I: Presentation").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub span: Span,
}

/// One speaker turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    /// 0-based position among the turns.
    pub index: usize,
    /// Title of the enclosing section, or null.
    pub section: Option<String>,
    /// Canonical name of the speaker.
    pub speaker: String,
    /// Person id; null (with a diagnostic) when the header resolves to nobody.
    pub speaker_id: Option<String>,
    /// The header text as written, joined to one line.
    pub header: String,
    /// The turn's text, one string per paragraph.
    pub paragraphs: Vec<String>,
    pub span: Span,
    /// The role the header gives the speaker ("Presiding Officer",
    /// "Speaker pro tempore", "Minister for Energy"), with or without a
    /// person; null for a header that names a person only.
    #[serde(default)]
    pub role: Option<String>,
    /// The header convention the turn was read in: "seminar", "record",
    /// "chamber", "court", "inline-name" or "minutes".
    #[serde(default)]
    pub convention: Option<String>,
    /// The language the speaker used, as the record notes it ("French" of
    /// "(spoke in French)").
    #[serde(default)]
    pub language: Option<String>,
}

/// One entry of a dispatch record list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dispatch {
    /// Its number in the list.
    pub index: Option<u32>,
    pub mission: String,
    pub locations: Vec<String>,
    /// ISO 3166-1 alpha-3 per location, null for places that are not countries.
    pub location_codes: Vec<Option<String>>,
    /// `YYYY-MM`.
    pub start: Option<String>,
    /// `YYYY-MM`, null when ongoing.
    pub end: Option<String>,
    pub ongoing: bool,
    pub units: Vec<Unit>,
    /// The entry as written.
    pub raw: String,
    pub span: Span,
}

/// One unit of a dispatch entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Spelling repaired.
    pub role: String,
    /// `role` folded word by word through the lexicon's role vocabulary
    /// (abbreviations expanded, plurals singularized, activity nouns reduced
    /// to the agent noun): "Engineering Units" and "Engineer Unit" both give
    /// `engineer-unit`, so spellings of one role can be counted together.
    #[serde(default)]
    pub role_key: String,
    /// As written.
    pub role_raw: String,
    pub phases: Vec<Phase>,
}

/// One strength figure of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// "from", "in" or null.
    pub qualifier: Option<String>,
    /// `YYYY` or `YYYY-MM` that the qualifier names.
    pub from: Option<String>,
    pub personnel: Option<u64>,
    /// The "x3" of "43x3".
    pub rotations: Option<u64>,
    /// For "max 6".
    pub max: Option<u64>,
    /// True when the record writes the figure as approximate ("approx. 40",
    /// "about 40", "c. 40"); omitted when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// A "current dispatch" block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    pub name: String,
    /// Text as written.
    pub dispatch: Option<String>,
    /// `YYYY-MM` or null.
    pub since: Option<String>,
    pub mandate: Vec<String>,
    pub military_personnel: Option<u64>,
    pub contributing_countries: Option<u64>,
    pub contributors: Vec<String>,
    pub span: Span,
}

/// A numbered or bulleted list with its heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// The heading line before the list.
    pub title: Option<String>,
    /// Items with their markers removed.
    pub items: Vec<String>,
    pub span: Span,
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Something the pipeline repaired, guessed or could not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable dotted code (`dispatch.date-separator`), one of
    /// [`crate::diagnostics::REGISTRY`] (docs/diagnostics.md).
    pub code: String,
    /// One sentence a person understands.
    pub message: String,
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A diagnostic with a registered code ([`crate::diagnostics`]); the
    /// severity must be one the registry lists for it (checked in debug
    /// builds, and for every call site by `tests/diagnostics.rs`).
    pub fn new(severity: Severity, code: Code, message: impl Into<String>, span: Option<Span>) -> Self {
        debug_assert!(code.allows(severity), "{code} is not registered at {severity:?}");
        Diagnostic {
            severity,
            code: code.as_str().to_string(),
            message: message.into(),
            span,
        }
    }
    pub fn info(code: Code, message: impl Into<String>, span: Option<Span>) -> Self {
        Self::new(Severity::Info, code, message, span)
    }
    pub fn warning(code: Code, message: impl Into<String>, span: Option<Span>) -> Self {
        Self::new(Severity::Warning, code, message, span)
    }
    pub fn error(code: Code, message: impl Into<String>, span: Option<Span>) -> Self {
        Self::new(Severity::Error, code, message, span)
    }
}

/// Byte offsets into the normalized text, with the PDF pages they fall on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// 1-based page the span starts on (null for text inputs).
    pub page: Option<u32>,
    /// 1-based page the span ends on (null for text inputs).
    pub page_end: Option<u32>,
}

/// The JSON Schema of [`Report`], as published by `rapporteur schema`.
///
/// The format grows by adding fields within a major version, so the
/// published schema accepts properties it does not name: a consumer that
/// validates against it is not broken by a newer report. (The Rust types
/// still deny unknown fields when this program reads a report back, which
/// keeps its own tests strict.) The `version` field pins the major version.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Report);
    let mut value = serde_json::to_value(schema).expect("a schema always serializes");
    open_objects(&mut value);
    if let Some(version) = value.pointer_mut("/properties/version").and_then(|v| v.as_object_mut()) {
        version.insert("const".into(), FORMAT_VERSION.into());
    }
    if let Some(top) = value.as_object_mut() {
        let said = top
            .get("description")
            .and_then(|d| d.as_str())
            .unwrap_or_default()
            .to_string();
        let note = format!(
            "{said} Format version {FORMAT_VERSION}: fields may be added within a version, never renamed or removed; \
             objects accept properties this schema does not list."
        );
        top.insert("description".into(), note.trim_start().into());
    }
    value
}

/// Drops every `additionalProperties: false` (from `deny_unknown_fields`).
fn open_objects(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("additionalProperties") == Some(&serde_json::Value::Bool(false)) {
                map.remove("additionalProperties");
            }
            map.values_mut().for_each(open_objects);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(open_objects),
        _ => {}
    }
}
