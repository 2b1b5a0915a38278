//! A worker: takes documents one at a time, in name order, and turns each
//! into an [`Outcome`]: skipped (the previous outputs are up to date), or
//! read and run through [`crate::document`], its report and text written at
//! once (or, with `--check`, compared with the files), its dataset rows
//! built in memory; or failed, with its one [`Failure`].

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::datasets::Rows;
use super::manifest::{Entry, Status};
use super::{Change, RunConfig, interrupt, names, ownership, review_pages, walk};
use crate::document::{self, Deadline, Failure, isolate};
use crate::emit;
use crate::error::{Error, ErrorKind};
use crate::ingest::{self, SourceDoc};
use crate::pipeline::{self, Extraction};
use crate::report::{Generator, Report};

/// Relative output paths of a document's report and text.
pub(super) fn output_names(name: &str) -> (String, String) {
    let rel = |base: &str, suffix: &str| {
        let p = names::output_path(Path::new(base), name, suffix);
        p.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    (rel("reports", ".json"), rel("text", ".txt"))
}

/// What happened to one document.
pub(super) struct Outcome {
    /// Position of the document in the run's inputs (name order).
    pub(super) index: usize,
    pub(super) entry: Entry,
    pub(super) skipped: bool,
    /// The document's dataset rows; none for a failed document, and for a
    /// skipped one whose rows come from the previous datasets.
    pub(super) rows: Option<Rows>,
    /// For the failure message on stderr.
    pub(super) failure: Option<String>,
    pub(super) changes: Vec<Change>,
}

impl Outcome {
    /// The outcome of a document that failed: its manifest entry and its
    /// line on stderr, both made from the one [`Failure`].
    pub(super) fn failed(index: usize, name: &str, failure: &Failure) -> Outcome {
        Outcome {
            index,
            entry: Entry::of_failure(name, failure),
            skipped: false,
            rows: None,
            failure: Some(failure.error.to_string()),
            changes: Vec::new(),
        }
    }

    fn done(index: usize, entry: Entry, rows: Option<Rows>, changes: Vec<Change>) -> Outcome {
        Outcome {
            index,
            entry,
            skipped: false,
            rows,
            failure: None,
            changes,
        }
    }
}

/// A document being processed: when it started, and its deadline (which
/// the watchdog cancels when it gives up on it).
pub(super) struct InFlight {
    pub(super) started: Instant,
    pub(super) deadline: Deadline,
}

/// What the workers share with the main thread (owned: a worker that hangs
/// may outlive [`super::run`]).
pub(super) struct Ctx {
    pub(super) cfg: RunConfig,
    /// The previous run's entries (same program version), sorted by file.
    pub(super) old: std::sync::Arc<Vec<Entry>>,
    /// Skipped documents bring no rows: the previous datasets are reused.
    pub(super) reuse_rows: bool,
    pub(super) bar: Option<indicatif::ProgressBar>,
    /// Documents being processed, by input index (for the watchdog).
    pub(super) in_flight: Mutex<HashMap<usize, InFlight>>,
    /// Workers write outputs under a read lock; the main thread sets it to
    /// true (write lock) before the final stage, so a document abandoned by
    /// the watchdog can never write after the run has moved on.
    pub(super) closed: std::sync::RwLock<bool>,
    /// Marks the manifest incomplete before the first output is replaced.
    pub(super) incomplete: ownership::IncompleteMark,
}

impl Ctx {
    pub(super) fn old_entry(&self, name: &str) -> Option<&Entry> {
        let i = self.old.binary_search_by(|e| e.file.as_str().cmp(name)).ok()?;
        self.old.get(i)
    }
}

/// The dataset rows of a report.
fn report_rows(report: &Report) -> Rows {
    super::datasets::report_rows(report)
}

/// Is the previous run's output for this document still what this program
/// would write? The previous manifest (of this program version) must say
/// the same input bytes gave these outputs, and both files must still be
/// there with the sizes it recorded. (Outputs are written atomically, so a
/// file of the right size is the file that was written, unless someone
/// edited it in place; `--check` compares bytes, `--force` rewrites.)
fn up_to_date(ctx: &Ctx, name: &str, sha: &str) -> Option<Entry> {
    let old = ctx.old_entry(name)?;
    if old.status != Status::Ok || old.sha256.as_deref() != Some(sha) {
        return None;
    }
    let (report_rel, text_rel) = output_names(name);
    if old.report.as_deref() != Some(report_rel.as_str()) || old.text.as_deref() != Some(text_rel.as_str()) {
        return None;
    }
    let size_is = |rel: &str, want: Option<u64>| {
        std::fs::symlink_metadata(ctx.cfg.out.join(rel)).is_ok_and(|m| m.is_file() && Some(m.len()) == want)
    };
    if !size_is(&report_rel, old.report_bytes) || !size_is(&text_rel, old.text_bytes) {
        return None;
    }
    Some(old.clone())
}

/// The rows of a skipped document, from its report on disk (when the
/// previous datasets cannot be reused). None if the report cannot be read
/// back as the report of this input: the document is then processed again.
fn rows_from_disk(ctx: &Ctx, entry: &Entry) -> Option<Rows> {
    let bytes = std::fs::read(ctx.cfg.out.join(entry.report.as_deref()?)).ok()?;
    let report: Report = serde_json::from_slice(&bytes).ok()?;
    if Some(&report.source.sha256) != entry.sha256.as_ref()
        || report.source.file != entry.file
        || report.generator != Generator::current()
    {
        return None;
    }
    Some(report_rows(&report))
}

/// Compares `bytes` with the file at `rel` under the output folder.
fn compare(out: &Path, rel: &str, bytes: &[u8]) -> Option<Change> {
    // An unreadable file is as good as missing: it would be written.
    let state = emit::compare_with_file(&out.join(rel), |w| w.write_all(bytes)).unwrap_or(emit::Comparison::Missing);
    Change::from_comparison(rel, state)
}

/// Reads an input the walk found, checked to be that very file.
pub(super) fn read_input(input: &walk::Input, max_bytes: u64) -> Result<Vec<u8>, ErrorKind> {
    let expected = document::read::Expected {
        seen: input.seen,
        via_link: input.via_link,
    };
    document::read::read_expected(&input.path, expected, max_bytes)
}

/// One document, from its input to its outcome.
fn process(ctx: &Ctx, index: usize, input: &walk::Input) -> Outcome {
    let cfg = &ctx.cfg;
    if let Some(bar) = &ctx.bar {
        bar.set_message(input.name.clone());
    }
    let bytes = match read_input(input, cfg.limits.max_bytes) {
        Ok(b) => b,
        Err(kind) => {
            return Outcome::failed(
                index,
                &input.name,
                &Failure::unread(Error::new(kind).in_file(&input.name)),
            );
        }
    };
    let sha = pipeline::sha256_hex(&bytes);
    let len = bytes.len() as u64;
    if !cfg.force
        && !cfg.check
        && let Some(outcome) = skipped(ctx, index, input, &sha)
    {
        return outcome;
    }
    let failed = |error: Error| Outcome::failed(index, &input.name, &Failure::of_input(error, &sha, len));
    let (media_type, mismatch) = ingest::media_type_of(&input.name, &bytes);
    let doc = SourceDoc {
        file: input.name.clone(),
        media_type,
        bytes,
    };
    let deadline = cfg.limits.deadline();
    if let Ok(mut f) = ctx.in_flight.lock()
        && let Some(d) = f.get_mut(&index)
    {
        d.deadline = deadline.clone();
    }
    let opts = cfg.reading.apply(cfg.limits.options_until(&deadline));
    let mut x = match document::extract_until(&doc, &opts, &deadline) {
        Ok(x) => x,
        Err(err) => return failed(err),
    };
    x.report.diagnostics.extend(mismatch);
    drop(doc);
    match write_outputs(ctx, index, input, &x) {
        Ok(outcome) => outcome,
        Err(err) => failed(err.in_file(&input.name)),
    }
}

/// The outcome of a document whose previous outputs are up to date (with
/// its rows, from the previous datasets or its report on disk), if so.
fn skipped(ctx: &Ctx, index: usize, input: &walk::Input, sha: &str) -> Option<Outcome> {
    let mut entry = up_to_date(ctx, &input.name, sha)?;
    let rows = if ctx.reuse_rows {
        None
    } else {
        Some(rows_from_disk(ctx, &entry)?)
    };
    // The previous entry's page is kept only when this run writes pages.
    entry.review = match ctx.cfg.review {
        true => Some(review_pages::skipped_page(&ctx.cfg.out, input, &entry)?),
        false => None,
    };
    Some(Outcome {
        index,
        entry,
        skipped: true,
        rows,
        failure: None,
        changes: Vec::new(),
    })
}

/// Writes (or with `--check` compares) a document's report, text and review
/// page; the error is the document's `output.io`.
fn write_outputs(ctx: &Ctx, index: usize, input: &walk::Input, x: &Extraction) -> Result<Outcome, Error> {
    let cfg = &ctx.cfg;
    let (report_rel, text_rel) = output_names(&input.name);
    let report_bytes = emit::report_json(&x.report);
    let mut entry = Entry::ok(
        &x.report,
        report_rel.clone(),
        text_rel.clone(),
        report_bytes.len() as u64,
        x.text.len() as u64,
    );
    let rows = Some(report_rows(&x.report));
    let mut changes = Vec::new();
    if cfg.check {
        changes.extend(compare(&cfg.out, &report_rel, &report_bytes));
        changes.extend(compare(&cfg.out, &text_rel, x.text.as_bytes()));
        review_page(cfg, input, x, &mut entry, &mut changes)
            .map_err(|e| Error::new(ErrorKind::Output(format!("cannot render the review page: {e}"))))?;
        return Ok(Outcome::done(index, entry, rows, changes));
    }
    let closed = ctx.closed.read().unwrap_or_else(|e| e.into_inner());
    if *closed {
        // Abandoned by the watchdog: the run has moved on without it.
        return Ok(Outcome::done(index, entry, None, changes));
    }
    ctx.incomplete
        .ensure()
        .map_err(std::io::Error::other)
        .and_then(|()| emit::write_atomic_under(&cfg.out, &cfg.out.join(&report_rel), &report_bytes, false))
        .and_then(|()| emit::write_atomic_under(&cfg.out, &cfg.out.join(&text_rel), x.text.as_bytes(), false))
        .and_then(|()| review_page(cfg, input, x, &mut entry, &mut changes))
        .map_err(|e| Error::new(ErrorKind::Output(e.to_string())))?;
    Ok(Outcome::done(index, entry, rows, changes))
}

/// With `--review`, the document's review page (written, or compared with
/// `check`), recorded in its manifest entry.
fn review_page(
    cfg: &RunConfig,
    input: &walk::Input,
    x: &Extraction,
    entry: &mut Entry,
    changes: &mut Vec<Change>,
) -> std::io::Result<()> {
    if cfg.review {
        let (page, change) = review_pages::document_page(&cfg.out, input, &x.report, &x.text, cfg.check)?;
        entry.review = Some(page);
        changes.extend(change);
    }
    Ok(())
}

/// A worker's loop: takes the next document from the shared counter until
/// none is left, and sends one outcome for each (a panic outside the
/// pipeline's own isolation is caught here too, so the main thread always
/// hears about every document that does not hang).
///
/// Outcomes of skipped documents are sent in batches of up to
/// [`SKIPPED_PER_MESSAGE`]: a rerun produces them in tens of microseconds
/// each, and one message (and one wake-up of the main thread) per document
/// was most of a rerun's system time. Any other outcome is sent at once,
/// with the skipped ones before it.
pub(super) fn work(
    ctx: &Ctx,
    inputs: &[walk::Input],
    next: &AtomicUsize,
    tx: &std::sync::mpsc::SyncSender<Vec<Outcome>>,
) {
    isolate::install_panic_hook();
    let mut batch: Vec<Outcome> = Vec::new();
    loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        let Some(input) = inputs.get(i).filter(|_| !interrupt::requested()) else {
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            break;
        };
        if let Ok(mut f) = ctx.in_flight.lock() {
            let deadline = Deadline::default();
            f.insert(
                i,
                InFlight {
                    started: Instant::now(),
                    deadline,
                },
            );
        }
        let outcome = isolate::isolate(|| Ok(process(ctx, i, input)))
            .unwrap_or_else(|err| Outcome::failed(i, &input.name, &Failure::unread(err.in_file(&input.name))));
        if let Ok(mut f) = ctx.in_flight.lock() {
            f.remove(&i);
        }
        let send_now = !outcome.skipped;
        batch.push(outcome);
        if (send_now || batch.len() >= SKIPPED_PER_MESSAGE) && tx.send(std::mem::take(&mut batch)).is_err() {
            break;
        }
    }
}

/// See [`work`].
const SKIPPED_PER_MESSAGE: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    /// Swaps made after the walk, each of which used to make the run read a
    /// file outside the input folder.
    #[cfg(unix)]
    #[test]
    fn an_input_swapped_after_the_walk_is_not_read() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
        std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
        std::fs::write(dir.path().join("elsewhere/b.txt"), "SECRET").unwrap();
        for f in ["a.txt", "sub/b.txt", "c.txt", "d.txt"] {
            std::fs::write(root.join(f), "report").unwrap();
        }
        symlink(root.join("d.txt"), root.join("alias.txt")).unwrap();
        let found = walk::find_inputs(std::slice::from_ref(&root), false, None).unwrap();
        let input = |name: &str| found.inputs.iter().find(|i| i.name == name).unwrap();
        for i in &found.inputs {
            assert_eq!(read_input(i, 0).unwrap(), b"report", "{}", i.name);
        }
        // A link in place of the file.
        std::fs::remove_file(root.join("a.txt")).unwrap();
        symlink(dir.path().join("secret.txt"), root.join("a.txt")).unwrap();
        let err = read_input(input("a.txt"), 0).unwrap_err();
        assert_eq!(err.code(), "input.replaced", "{err}");
        // A link in place of a folder above it.
        std::fs::rename(root.join("sub"), dir.path().join("sub-moved")).unwrap();
        symlink(dir.path().join("elsewhere"), root.join("sub")).unwrap();
        assert_eq!(read_input(input("sub/b.txt"), 0).unwrap_err().code(), "input.replaced");
        // Another file renamed into place.
        std::fs::write(dir.path().join("other.txt"), "SECRET").unwrap();
        std::fs::rename(dir.path().join("other.txt"), root.join("c.txt")).unwrap();
        assert_eq!(read_input(input("c.txt"), 0).unwrap_err().code(), "input.replaced");
        // A link the walk accepted (inside the root) whose target is swapped.
        std::fs::remove_file(root.join("alias.txt")).unwrap();
        symlink(dir.path().join("secret.txt"), root.join("alias.txt")).unwrap();
        assert_eq!(read_input(input("alias.txt"), 0).unwrap_err().code(), "input.replaced");
        // A FIFO in place of the file: refused without blocking.
        std::fs::remove_file(root.join("d.txt")).unwrap();
        let fifo = std::ffi::CString::new(root.join("d.txt").as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert_eq!(read_input(input("d.txt"), 0).unwrap_err().code(), "input.replaced");
    }

    #[test]
    fn output_names_keep_extension_and_nest() {
        assert_eq!(
            output_names("sub/a.txt"),
            ("reports/sub/a.txt.json".to_string(), "text/sub/a.txt.txt".to_string())
        );
    }
}
