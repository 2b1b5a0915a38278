//! Serialization of reports and dataset rows, and atomic file writes.
//!
//! Owns the byte form of everything rapporteur writes: pretty JSON with a
//! trailing newline for reports, one compact object per line for JSONL.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::report::Report;

/// A report as the bytes written to `reports/<name>.json` and to stdout.
pub fn report_json(report: &Report) -> Vec<u8> {
    to_pretty(report)
}

/// Pretty JSON with a trailing newline.
pub fn to_pretty<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).expect("report types always serialize");
    out.push(b'\n');
    out
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed and synced, then renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".rapporteur-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
