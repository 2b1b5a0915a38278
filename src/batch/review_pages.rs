//! The batch's review pages (`run --review`): the hook that writes a
//! document's page from its finished report, and the index from the
//! manifest. The pages themselves are [`crate::review`]'s.
//!
//! Pages obey the batch's rules: deterministic bytes, written through a
//! temporary file and a rename, left alone when their bytes are unchanged,
//! and listed in the manifest (each entry's `review`, the manifest's
//! `review`) so reruns and the stale-output sweep know them as ours. A
//! skipped document keeps its page while the file has the size the
//! manifest recorded; otherwise the page is made again from the report and
//! text on disk.

use std::path::{Path, PathBuf};

use super::Change;
use super::manifest::{Entry, Manifest};
use super::walk;
use crate::emit;
use crate::report::Report;
use crate::review::{self, IndexEntry, PageEntry};

/// The page of a document just processed: compared with the file (`check`)
/// or written when it differs. Returns its manifest record and, with
/// `check`, the change it would make.
pub(super) fn document_page(
    out: &Path,
    input: &walk::Input,
    report: &Report,
    text: &str,
    check: bool,
) -> std::io::Result<(PageEntry, Option<Change>)> {
    let rel = review::page_path(&input.name);
    let path = out.join(&rel);
    let links = review::links(
        &path,
        Some(&input.path),
        report.source.media_type,
        Some(&out.join(review::INDEX)),
    );
    let bytes = review::document::page(report, text, &links);
    let change = put(out, &path, &rel, &bytes, check)?;
    let entry = PageEntry {
        page: rel,
        bytes: bytes.len() as u64,
        diagnostic_codes: review::diagnostic_codes(report),
    };
    Ok((entry, change))
}

/// The page of a document skipped as up to date (`entry` is its previous
/// record): kept when the file still has its recorded size, else made
/// again from the report and text on disk. None when that fails (the
/// document is then processed again).
pub(super) fn skipped_page(out: &Path, input: &walk::Input, entry: &Entry) -> Option<PageEntry> {
    if let Some(old) = &entry.review
        && old.page == review::page_path(&input.name)
        && std::fs::symlink_metadata(out.join(&old.page)).is_ok_and(|m| m.is_file() && m.len() == old.bytes)
    {
        return Some(old.clone());
    }
    let report_path = out.join(entry.report.as_deref()?);
    let text_path = out.join(entry.text.as_deref()?);
    let (report, text) = review::load(&report_path, Some(&text_path)).ok()?;
    if report.source.file != input.name || Some(&report.source.sha256) != entry.sha256.as_ref() {
        return None;
    }
    document_page(out, input, &report, &text, false)
        .ok()
        .map(|(page, _)| page)
}

/// The index of `manifest` (the run's final manifest, without its own
/// `review`): compared (`check`) or written when it differs.
pub(super) fn index_page(
    out: &Path,
    manifest: &Manifest,
    check: bool,
) -> std::io::Result<(IndexEntry, Option<Change>)> {
    let path = out.join(review::INDEX);
    let bytes = review::index::page(manifest);
    let change = put(out, &path, review::INDEX, &bytes, check)?;
    Ok((
        IndexEntry {
            page: review::INDEX.to_string(),
            bytes: bytes.len() as u64,
        },
        change,
    ))
}

/// Compares `bytes` with the file (`check`), or writes them unless the file
/// already holds them.
fn put(out: &Path, path: &Path, rel: &str, bytes: &[u8], check: bool) -> std::io::Result<Option<Change>> {
    if check {
        let state =
            emit::compare_with_file(path, |w| std::io::Write::write_all(w, bytes)).unwrap_or(emit::Comparison::Missing);
        return Ok(Change::from_comparison(rel, state));
    }
    let dir: PathBuf = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| out.to_path_buf());
    emit::create_dirs_under(out, &dir)?;
    emit::write_if_changed(path, false, |w| w.write_all(bytes))?;
    Ok(None)
}
