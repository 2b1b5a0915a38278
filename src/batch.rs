//! The batch run: walk inputs, process documents in parallel, write the
//! output layout of the spec.
//!
//! SCAFFOLD (issue 2 makes this complete).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::emit;
use crate::ingest::{self, SourceDoc};
use crate::pipeline::{self, Options};

/// Settings of one `rapporteur run`.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub options: Options,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    pub ok: usize,
    pub failed: usize,
}

/// Runs the batch.
pub fn run(cfg: &RunConfig) -> std::io::Result<RunSummary> {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for root in &cfg.inputs {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry?;
            if entry.file_type().is_file()
                && ingest::media_type_from_name(&entry.file_name().to_string_lossy()).is_some()
            {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                files.push((entry.path().to_path_buf(), rel.to_string_lossy().replace('\\', "/")));
            }
        }
    }
    let results: Vec<_> = files
        .par_iter()
        .map(|(path, rel)| {
            let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
            let media_type = ingest::media_type_from_name(rel).unwrap_or_else(|| ingest::sniff_media_type(&bytes));
            let doc = SourceDoc {
                file: rel.clone(),
                bytes,
                media_type,
            };
            pipeline::extract(&doc, &cfg.options).map_err(|e| e.to_string())
        })
        .collect();
    let mut summary = RunSummary::default();
    for ((_, rel), result) in files.iter().zip(results) {
        match result {
            Ok(x) => {
                emit::write_atomic(
                    &cfg.out.join("reports").join(format!("{rel}.json")),
                    &emit::report_json(&x.report),
                )?;
                emit::write_atomic(&cfg.out.join("text").join(format!("{rel}.txt")), x.text.as_bytes())?;
                summary.ok += 1;
            }
            Err(e) => {
                eprintln!("{e}");
                summary.failed += 1;
            }
        }
    }
    let _ = Path::new("");
    Ok(summary)
}
