//! rapporteur turns seminar and event reports (PDF or text) into normalized,
//! provenance-carrying JSON.
//!
//! One module per stage, each handing a typed output to the next:
//! [`ingest`] (bytes to text) and [`pdf`] (the PDF text layer) produce
//! [`text::RawText`]; [`normalize`] repairs it into [`text::Normalized`];
//! [`segment`] finds front matter, sections, speaker turns and lists;
//! [`event`] reads the front matter; [`people`] builds the registry of
//! people; [`grammar`] parses dispatch records; [`pipeline`] assembles the
//! [`report::Report`]; [`document`] owns one document's life (read
//! under the limits, deadline, isolation, the pipeline, its one error);
//! [`emit`] serializes it and [`batch`] runs many documents in parallel; [`review`] renders the HTML review pages. [`lexicon`] is the shared vocabulary (honorifics,
//! section headings, months, affiliation words) that every stage reads.

pub mod batch;
pub mod document;
pub mod emit;
pub mod error;
pub mod event;
pub mod grammar;
pub mod ingest;
pub mod lexicon;
pub mod normalize;
pub mod pdf;
pub mod people;
pub mod pipeline;
pub mod report;
pub mod review;
pub mod segment;
pub mod text;

pub use document::extract;
pub use error::{Error, ErrorKind};
pub use pipeline::{Extraction, Options};
pub use report::Report;
