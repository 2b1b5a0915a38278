//! The batch run: walk the inputs, process documents in parallel, write the
//! output layout of the spec (`reports/`, `text/`, three JSONL datasets and
//! `manifest.json`) under one output folder.
//!
//! How a run goes:
//! 1. [`walk`] finds and names the inputs (sorted by name, see [`names`]);
//! 2. the output folder is locked ([`lock`]) and temporary files left by a
//!    killed run are removed;
//! 3. a rayon pool (big worker stacks) takes the inputs one at a time in
//!    name order, skips each that the previous manifest says is up to date
//!    (same input sha256, outputs present with their recorded sizes), else
//!    runs the pipeline under its limits and `catch_unwind`, writes its
//!    report and text at once, and builds its dataset rows from the report
//!    in memory;
//! 4. the main thread puts the outcomes back in name order (a few wait for
//!    an earlier one) and hands each to the collector: its manifest entry
//!    goes to a spool file, its rows to the JSONL datasets ([`datasets`]),
//!    so nothing per document stays in memory; an interim manifest is
//!    written now and then from the spool (a killed run loses only the
//!    documents in flight);
//! 5. at the end the datasets are renamed into place (or left alone when
//!    they equal the previous ones), stale outputs are removed, and the
//!    final manifest is streamed from the spool (and not rewritten when its
//!    bytes are unchanged).
//!
//! With `check`, nothing is written: every output is produced in memory and
//! compared with what is on disk, and the paths that would change are listed.
//! Output bytes never depend on the number of threads, the order documents
//! finish in, the time or the machine.

pub mod datasets;
pub mod interrupt;
pub mod lock;
pub mod manifest;
pub mod names;
pub mod ownership;
pub mod review_pages;
pub mod walk;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::emit;
use crate::error::{Error, ErrorKind};
use crate::ingest::{self, SourceDoc};
use crate::pdf::PdfOptions;
use crate::pipeline::{self, Extraction, Options};
use crate::report::{Generator, Report};
use datasets::{Datasets, DocRows, Rows};
use manifest::{Entry, IgnoredEntry, MANIFEST_NAME, Manifest, Status};

pub use datasets::DATASETS;

/// Per-document limits (the `--max-*` and `--doc-timeout` flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Inputs larger than this fail with `limit.bytes` (0: no limit).
    pub max_bytes: u64,
    /// PDFs with more pages fail with `limit.pages`.
    pub max_pages: u64,
    /// PDFs whose streams inflate to more fail with `limit.inflate`.
    pub max_inflate: u64,
    /// Seconds one document may take (0: no limit); over it: `limit.timeout`.
    pub doc_timeout: u64,
}

impl Default for Limits {
    fn default() -> Self {
        let pdf = PdfOptions::default();
        Limits {
            max_bytes: 256 << 20,
            max_pages: pdf.max_pages,
            max_inflate: pdf.max_inflate,
            doc_timeout: 120,
        }
    }
}

impl Limits {
    /// Pipeline options for a document that starts now.
    pub fn options(&self) -> Options {
        let deadline = (self.doc_timeout > 0).then(|| Instant::now() + Duration::from_secs(self.doc_timeout));
        // Field by field over the defaults, so options other stages add
        // later keep their defaults here.
        let mut pdf = PdfOptions {
            max_pages: self.max_pages,
            ..PdfOptions::default()
        };
        pdf.max_inflate = self.max_inflate;
        pdf.deadline = deadline;
        pdf.budget_seconds = self.doc_timeout;
        let mut opts = Options {
            pdf,
            ..Options::default()
        };
        opts.max_bytes = self.max_bytes;
        opts.deadline = deadline;
        opts
    }
}

/// Settings of one `rapporteur run`.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Input files and folders (the roots).
    pub inputs: Vec<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    pub limits: Limits,
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// Process every document, even those the manifest says are up to date.
    pub force: bool,
    /// Write nothing; list the outputs that would change.
    pub check: bool,
    /// Follow symbolic links out of the input roots.
    pub follow_links: bool,
    /// Write into a non-empty output folder that holds no manifest of ours.
    pub allow_foreign_out: bool,
    /// Show a progress bar (else only failures and the summary line).
    pub progress_bar: bool,
    /// Also write the review pages (`review/`, see [`review_pages`]).
    pub review: bool,
    /// Also write the CSV datasets (`csv/`, see [`datasets::derived`]).
    pub csv: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    pub ok: usize,
    pub failed: usize,
    /// Documents reused from the previous run (counted in `ok` too).
    pub skipped: usize,
    pub pages: u64,
    pub elapsed: Duration,
    /// With `check`: output paths (relative to the output folder, sorted)
    /// that would be written or deleted, each with what would happen.
    pub changes: Vec<Change>,
    /// Failed documents by error code (the tally printed at the end).
    pub failures_by_code: BTreeMap<String, usize>,
}

/// One output that `--check` found out of date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// Relative to the output folder, `/` separators.
    pub path: String,
    pub kind: ChangeKind,
}

/// What a run would do to an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// The file does not exist yet.
    Create,
    /// The file exists with other bytes.
    Modify,
    /// The file is stale and would be deleted.
    Delete,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            ChangeKind::Create => "would create",
            ChangeKind::Modify => "would change",
            ChangeKind::Delete => "would delete",
        };
        write!(f, "{what}: {}", self.path)
    }
}

impl Change {
    /// The change to `path` that a comparison with the file calls for.
    pub fn from_comparison(path: &str, state: emit::Comparison) -> Option<Change> {
        let kind = match state {
            emit::Comparison::Same => return None,
            emit::Comparison::Differs => ChangeKind::Modify,
            emit::Comparison::Missing => ChangeKind::Create,
        };
        Some(Change {
            path: path.to_string(),
            kind,
        })
    }
}

impl RunSummary {
    /// The one-line summary printed at the end of a run.
    pub fn line(&self) -> String {
        format!(
            "rapporteur: {} ok, {} failed, {} skipped (up to date); {} pages; {:.1} s",
            self.ok - self.skipped.min(self.ok),
            self.failed,
            self.skipped,
            self.pages,
            self.elapsed.as_secs_f64()
        )
    }

    /// The failures by error code, most frequent first (`None` without
    /// failures): `failed by code: pdf.encrypted 31, input.io 2`.
    pub fn tally(&self) -> Option<String> {
        let mut codes: Vec<(&String, &usize)> = self.failures_by_code.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        (!codes.is_empty()).then(|| {
            let parts: Vec<String> = codes.iter().map(|(code, n)| format!("{code} {n}")).collect();
            format!("rapporteur: failed by code: {}", parts.join(", "))
        })
    }
}

/// A run that could not start or finish (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Root(#[from] walk::RootError),
    #[error(transparent)]
    Lock(#[from] lock::LockError),
    #[error(transparent)]
    ForeignOut(#[from] ownership::ForeignOut),
    #[error(transparent)]
    BlockedOutput(#[from] ownership::BlockedOutput),
    #[error(
        "interrupted: {done} of {total} documents done; the manifest is marked incomplete \
         (run again to finish)"
    )]
    Interrupted { done: usize, total: usize },
    #[error("cannot write the output folder {path}: {source}")]
    Output {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn output_error(path: &Path, source: std::io::Error) -> RunError {
    RunError::Output {
        path: path.display().to_string(),
        source,
    }
}

// ---------------------------------------------------------------------------
// One document, isolated.

thread_local! {
    static IN_DOCUMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs (once) a panic hook that keeps panics inside document
/// processing quiet (their message becomes the document's `internal` error)
/// and leaves every other panic to the default hook.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Quiet inside a document, and on the batch's workers (a panic in
            // a rayon job runs the hook on the thread that ran the job, and
            // reaches the document's catch_unwind through the join).
            let on_worker = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(WORKER_PREFIX));
            if IN_DOCUMENT.with(|c| c.get()) || on_worker {
                // No absolute paths in outputs: a dependency's file is
                // named by its last three components.
                let at = info
                    .location()
                    .map(|l| {
                        let p = std::path::Path::new(l.file());
                        let file = if p.is_absolute() {
                            let parts: Vec<String> = p.iter().map(|c| c.to_string_lossy().into_owned()).collect();
                            parts[parts.len().saturating_sub(3)..].join("/")
                        } else {
                            l.file().to_string()
                        };
                        format!(" at {file}:{}", l.line())
                    })
                    .unwrap_or_default();
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(at));
            } else {
                default(info);
            }
        }));
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Runs `f` so that a panic becomes [`ErrorKind::Internal`] with its message
/// (and where it happened, when the panic was on this thread).
pub fn isolate<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    install_panic_hook();
    let was_inside = IN_DOCUMENT.with(|c| c.replace(true));
    LAST_PANIC.with(|p| p.borrow_mut().take());
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    IN_DOCUMENT.with(|c| c.set(was_inside));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let at = LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_default();
            Err(Error::new(ErrorKind::Internal(format!(
                "panic: {}{at}",
                panic_message(payload.as_ref())
            ))))
        }
    }
}

/// One document through the pipeline under `opts`: the size limit checked
/// first, the deadline checked again after the last stage, panics caught.
pub fn extract_limited(doc: &SourceDoc, opts: &Options) -> Result<Extraction, Error> {
    if opts.max_bytes > 0 && doc.bytes.len() as u64 > opts.max_bytes {
        return Err(Error::new(ErrorKind::TooLarge {
            actual: doc.bytes.len() as u64,
            limit: opts.max_bytes,
        })
        .in_file(&doc.file));
    }
    let x = isolate(|| pipeline::extract(doc, opts))
        .map_err(|e| if e.file.is_none() { e.in_file(&doc.file) } else { e })?;
    if let Some(deadline) = opts.deadline
        && Instant::now() > deadline
    {
        return Err(Error::new(ErrorKind::Timeout {
            seconds: opts.pdf.budget_seconds,
        })
        .in_file(&doc.file));
    }
    Ok(x)
}

/// Reads an input read-only, refusing files over `max_bytes` before reading
/// them, and refusing a file that is not the one the walk found.
fn read_input(input: &walk::Input, max_bytes: u64) -> Result<Vec<u8>, ErrorKind> {
    let io = |e: std::io::Error| ErrorKind::Io(e.kind().to_string());
    let file = open_input(input)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ErrorKind::Replaced("it is no longer a regular file".into()));
    }
    if input.seen.is_some() && walk::FileId::of(&meta) != input.seen {
        return Err(ErrorKind::Replaced(
            "another file is now at its path, or a folder above it was replaced".into(),
        ));
    }
    let len = meta.len();
    if max_bytes > 0 && len > max_bytes {
        return Err(ErrorKind::TooLarge {
            actual: len,
            limit: max_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(len.min(max_bytes.max(1)) as usize);
    let cap = if max_bytes > 0 { max_bytes + 1 } else { u64::MAX };
    file.take(cap).read_to_end(&mut bytes).map_err(io)?;
    if max_bytes > 0 && bytes.len() as u64 > max_bytes {
        return Err(ErrorKind::TooLarge {
            actual: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

/// Opens an input read-only. Unless the walk accepted its path as a link,
/// a symbolic link found there now is not followed (`O_NOFOLLOW`); the open
/// never blocks on a FIFO swapped in (`O_NONBLOCK`; a regular file ignores it).
fn open_input(input: &walk::Input) -> Result<std::fs::File, ErrorKind> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if input.via_link { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(nofollow | libc::O_NONBLOCK);
    }
    options.open(&input.path).map_err(|e| {
        #[cfg(unix)]
        if !input.via_link && e.raw_os_error() == Some(libc::ELOOP) {
            return ErrorKind::Replaced("it is now a symbolic link, not followed without --follow-links".into());
        }
        ErrorKind::Io(e.kind().to_string())
    })
}

// ---------------------------------------------------------------------------
// The run.

/// Relative output paths of a document's report and text.
fn output_names(name: &str) -> (String, String) {
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
struct Outcome {
    /// Position of the document in the run's inputs (name order).
    index: usize,
    entry: Entry,
    skipped: bool,
    /// The document's dataset rows; none for a failed document, and for a
    /// skipped one whose rows come from the previous datasets.
    rows: Option<Rows>,
    /// For the failure message on stderr.
    failure: Option<String>,
    changes: Vec<Change>,
}

impl Outcome {
    fn failed(index: usize, entry: Entry, failure: String) -> Outcome {
        Outcome {
            index,
            entry,
            skipped: false,
            rows: None,
            failure: Some(failure),
            changes: Vec::new(),
        }
    }
}

/// What the workers share with the main thread (owned: a worker that hangs
/// may outlive [`run`]).
struct Ctx {
    cfg: RunConfig,
    /// The previous run's entries (same program version), sorted by file.
    old: std::sync::Arc<Vec<Entry>>,
    /// Skipped documents bring no rows: the previous datasets are reused.
    reuse_rows: bool,
    bar: Option<indicatif::ProgressBar>,
    /// Documents being processed (by input index) and when each started
    /// (for the watchdog).
    in_flight: Mutex<HashMap<usize, Instant>>,
    /// Workers write outputs under a read lock; the main thread sets it to
    /// true (write lock) before the final stage, so a document abandoned by
    /// the watchdog can never write after the run has moved on.
    closed: std::sync::RwLock<bool>,
    /// Marks the manifest incomplete before the first output is replaced.
    incomplete: ownership::IncompleteMark,
}

impl Ctx {
    fn old_entry(&self, name: &str) -> Option<&Entry> {
        let i = self.old.binary_search_by(|e| e.file.as_str().cmp(name)).ok()?;
        self.old.get(i)
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    pipeline::sha256_hex(bytes)
}

/// The dataset rows of a report.
fn report_rows(report: &Report) -> Rows {
    datasets::report_rows(report)
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

/// Fault injection for the tests of isolation (debug builds only):
/// `RAPPORTEUR_FAULT=panic:<name>` makes that document panic in the
/// pipeline, `hang:<name>` makes it spin without checking its deadline.
#[cfg(debug_assertions)]
fn injected_fault(name: &str) {
    let Some(spec) = std::env::var_os("RAPPORTEUR_FAULT") else {
        return;
    };
    let spec = spec.to_string_lossy().into_owned();
    if spec.strip_prefix("panic:") == Some(name) {
        panic!("injected fault in {name}");
    }
    if spec.strip_prefix("hang:") == Some(name) {
        loop {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[cfg(not(debug_assertions))]
fn injected_fault(_name: &str) {}

fn process(ctx: &Ctx, index: usize, input: &walk::Input) -> Outcome {
    let cfg = &ctx.cfg;
    if let Some(bar) = &ctx.bar {
        bar.set_message(input.name.clone());
    }
    let media_type = ingest::media_type_from_name(&input.name);
    let fail = |sha: Option<String>, bytes: Option<u64>, err: &Error, code: &str| {
        let message = err.to_string();
        let mut kind_msg = err.kind.to_string();
        let pos = err.position.to_string();
        if !pos.is_empty() {
            kind_msg = format!("{pos}: {kind_msg}");
        }
        Outcome::failed(
            index,
            Entry::failed(input.name.clone(), sha, media_type, bytes, code, kind_msg),
            message,
        )
    };
    let bytes = match read_input(input, cfg.limits.max_bytes) {
        Ok(b) => b,
        Err(kind) => {
            let size = match kind {
                ErrorKind::TooLarge { actual, .. } => Some(actual),
                _ => None,
            };
            let err = Error::new(kind).in_file(&input.name);
            return fail(None, size, &err, err.code());
        }
    };
    let sha = sha256_hex(&bytes);
    let len = bytes.len() as u64;
    if !cfg.force
        && !cfg.check
        && let Some(mut entry) = up_to_date(ctx, &input.name, &sha)
    {
        let rows = if ctx.reuse_rows {
            Some(None)
        } else {
            rows_from_disk(ctx, &entry).map(Some)
        };
        let review = match cfg.review {
            true => review_pages::skipped_page(&cfg.out, input, &entry).map(Some),
            false => Some(None),
        };
        if let (Some(rows), Some(review)) = (rows, review) {
            entry.review = review;
            return Outcome {
                index,
                entry,
                skipped: true,
                rows,
                failure: None,
                changes: Vec::new(),
            };
        }
    }
    let (media_type, mismatch) = ingest::media_type_of(&input.name, &bytes);
    let doc = SourceDoc {
        file: input.name.clone(),
        media_type,
        bytes,
    };
    let opts = cfg.limits.options();
    let x = match extract_limited(&doc, &opts).and_then(|x| {
        isolate(|| {
            injected_fault(&input.name);
            Ok(x)
        })
        .map_err(|e| e.in_file(&input.name))
    }) {
        Ok(x) => x,
        Err(err) => return fail(Some(sha), Some(len), &err, err.code()),
    };
    let mut x = x;
    x.report.diagnostics.extend(mismatch);
    drop(doc);
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
        if let Err(e) = review_page(cfg, input, &x, &mut entry, &mut changes) {
            let err = Error::new(ErrorKind::Output(format!("cannot render the review page: {e}"))).in_file(&input.name);
            return fail(Some(sha), Some(len), &err, err.code());
        }
    } else {
        let closed = ctx.closed.read().unwrap_or_else(|e| e.into_inner());
        if *closed {
            // Abandoned by the watchdog: the run has moved on without it.
            return Outcome {
                index,
                entry,
                skipped: false,
                rows: None,
                failure: None,
                changes,
            };
        }
        let written = ctx
            .incomplete
            .ensure()
            .map_err(std::io::Error::other)
            .and_then(|()| emit::write_atomic_under(&cfg.out, &cfg.out.join(&report_rel), &report_bytes, false))
            .and_then(|()| emit::write_atomic_under(&cfg.out, &cfg.out.join(&text_rel), x.text.as_bytes(), false))
            .and_then(|()| review_page(cfg, input, &x, &mut entry, &mut changes));
        if let Err(e) = written {
            let err = Error::new(ErrorKind::Output(e.to_string())).in_file(&input.name);
            return fail(Some(sha), Some(len), &err, err.code());
        }
    }
    Outcome {
        index,
        entry,
        skipped: false,
        rows,
        failure: None,
        changes,
    }
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

/// Removes temporary files left in the output folder by a killed run.
fn remove_stale_temps(out: &Path) {
    for entry in walkdir::WalkDir::new(out).follow_links(false).into_iter().flatten() {
        if entry.file_type().is_file() && emit::is_temp_name(&entry.file_name().to_string_lossy()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A 64-bit key of an output path: the set of a run's expected outputs is
/// kept as keys, not strings (a collision could only keep a stale file).
fn path_key(rel: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // DefaultHasher::new() has fixed keys: the same key in every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rel.hash(&mut h);
    h.finish()
}

/// Outputs an earlier manifest says we wrote that no document of this run
/// produces (relative paths, sorted): the only files a run deletes.
fn stale_outputs(owned: &HashSet<String>, expected: &HashSet<u64>) -> Vec<String> {
    let mut stale: Vec<String> = owned
        .iter()
        .filter(|rel| !expected.contains(&path_key(rel)))
        .cloned()
        .collect();
    stale.sort();
    stale
}

/// Takes the outcomes in name order, as the manifest lists them: each
/// entry goes to the spool (the manifest's `documents`, already formatted,
/// in an anonymous temporary file) and its rows to the datasets. Nothing
/// per document stays in memory but a 64-bit key of its outputs.
struct Collector {
    spool: std::io::BufWriter<std::fs::File>,
    spooled: u64,
    summary: manifest::Summary,
    /// Folders the walk could not read, as failed entries (sorted), merged
    /// in at their place.
    walk_errors: std::iter::Peekable<std::vec::IntoIter<Entry>>,
    /// Taken by [`Collector::finish_datasets`].
    datasets: Option<Datasets>,
    /// Keys ([`path_key`]) of the outputs of the ok documents.
    expected: HashSet<u64>,
    /// Failed documents by error code.
    failures_by_code: BTreeMap<String, usize>,
    scratch: Vec<u8>,
}

impl Collector {
    fn new(walk_errors: Vec<Entry>, datasets: Datasets) -> std::io::Result<Collector> {
        Ok(Collector {
            spool: std::io::BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            spooled: 0,
            summary: manifest::Summary::default(),
            walk_errors: walk_errors.into_iter().peekable(),
            datasets: Some(datasets),
            expected: HashSet::new(),
            failures_by_code: BTreeMap::new(),
            scratch: Vec::new(),
        })
    }

    fn spool_entry(&mut self, entry: &Entry) -> std::io::Result<()> {
        self.scratch.clear();
        if self.spooled > 0 {
            self.scratch.extend_from_slice(manifest::ENTRY_SEPARATOR);
        }
        manifest::entry_block(entry, &mut self.scratch);
        self.spool.write_all(&self.scratch)?;
        self.spooled += 1;
        self.summary.add(entry);
        if let Some(e) = &entry.error {
            *self.failures_by_code.entry(e.code.clone()).or_default() += 1;
        }
        if entry.status == Status::Ok {
            for rel in [&entry.report, &entry.text].into_iter().flatten() {
                self.expected.insert(path_key(rel));
            }
            if let Some(review) = &entry.review {
                self.expected.insert(path_key(&review.page));
            }
        } else if entry
            .error
            .as_ref()
            .is_some_and(|e| e.code == ErrorKind::Output(String::new()).code())
        {
            // Outputs that could not be written leave the previous ones in
            // place: a good report is never deleted because this run could
            // not write its successor.
            let (report, text) = output_names(&entry.file);
            self.expected.insert(path_key(&report));
            self.expected.insert(path_key(&text));
        }
        Ok(())
    }

    /// Walk errors that sort before `file` (all of them with None).
    fn flush_walk_errors(&mut self, before: Option<&str>) -> std::io::Result<()> {
        while let Some(e) = self.walk_errors.next_if(|e| before.is_none_or(|f| e.file.as_str() < f)) {
            self.push_rows(&e.file, DocRows::None)?;
            self.spool_entry(&e)?;
        }
        Ok(())
    }

    fn add(&mut self, outcome: &Outcome) -> std::io::Result<()> {
        let entry = &outcome.entry;
        self.flush_walk_errors(Some(&entry.file))?;
        let rows = match (&outcome.rows, outcome.skipped) {
            (Some(r), _) => DocRows::Fresh(r),
            (None, true) => DocRows::Reused,
            (None, false) => DocRows::None,
        };
        self.push_rows(&entry.file, rows)?;
        self.spool_entry(entry)
    }

    fn push_rows(&mut self, file: &str, rows: DocRows<'_>) -> std::io::Result<()> {
        match &mut self.datasets {
            Some(d) => d.push(file, rows),
            None => Err(std::io::Error::other("a document after the datasets were finished")),
        }
    }

    /// Finishes the datasets (see [`Datasets::finish`]).
    fn finish_datasets(
        &mut self,
        changes: &mut Vec<Change>,
        before_replace: &dyn Fn() -> std::io::Result<()>,
    ) -> std::io::Result<Vec<manifest::DatasetEntry>> {
        match self.datasets.take() {
            Some(d) => d.finish(changes, before_replace),
            None => Ok(Vec::new()),
        }
    }

    /// Writes a manifest: the spooled entries, then `after` (entries that
    /// sort after every spooled one), with `summary` over both.
    fn write_manifest<W: Write + ?Sized>(
        &mut self,
        w: &mut W,
        head: &Manifest,
        after: &[&Entry],
    ) -> std::io::Result<()> {
        self.spool.flush()?;
        let spooled = self.spooled;
        let file = self.spool.get_mut();
        manifest::write_streamed(w, head, spooled > 0 || !after.is_empty(), |w| {
            use std::io::Seek;
            let end = file.stream_position()?;
            file.seek(std::io::SeekFrom::Start(0))?;
            let copied = std::io::copy(&mut Read::by_ref(file).take(end), w);
            file.seek(std::io::SeekFrom::Start(end))?;
            copied?;
            let mut block = Vec::new();
            for (i, e) in after.iter().enumerate() {
                block.clear();
                if spooled > 0 || i > 0 {
                    block.extend_from_slice(manifest::ENTRY_SEPARATOR);
                }
                manifest::entry_block(e, &mut block);
                w.write_all(&block)?;
            }
            Ok(())
        })
    }
}

/// Gives the free pages of the heap back to the system.
///
/// Documents allocate and free a few megabytes each; with glibc's
/// allocator the holes left between long-lived allocations are reused only
/// in part, so a long batch's resident memory crept up by about 400 bytes
/// a document although nothing per document is kept (measured: 11.9 MB
/// after 100 documents, 13.6 MB after 4,000, one worker). `malloc_trim`
/// returns whole free pages anywhere in the heap; called at each
/// checkpoint (at most every half second), its cost is part of the
/// checkpoint time that spaces checkpoints out.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory the allocator holds free;
    // it takes the allocator's own locks and is safe to call at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Makes the allocator give large blocks their own mappings, returned to
/// the system when freed.
///
/// Each document allocates a few buffers of 64 KB and more (its report
/// JSON, its dataset rows). glibc raises its mmap threshold each time such
/// a mapped block is freed, after which those buffers come from the heap
/// and leave holes there; over thousands of documents the resident memory
/// crept up (measured on 2 workers: 14.6 MB after 100 documents, 16.3 MB
/// after 4,000; with the threshold fixed at 64 KB: 14.3 and 15.5).
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt changes an allocator parameter; glibc takes its own
    // lock, and the value is one it documents as valid.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 10);
    }
}

/// Outcomes that arrived before an earlier document's, until their turn.
///
/// Workers take documents in name order, so usually about one per worker
/// waits here. But a slow document (a long PDF, a descheduled thread) holds
/// back everything after it; past [`KEEP_IN_MEMORY`] waiting outcomes, the
/// rows of the next ones (most of an outcome's size) are spilled to an
/// anonymous temporary file and read back when their turn comes, so memory
/// stays bounded without making the workers wait.
struct Reorder {
    waiting: BTreeMap<usize, Outcome>,
    spill: Option<std::fs::File>,
    spill_end: u64,
    /// Spilled rows by input index: offset, block lengths, row counts.
    spilled: HashMap<usize, (u64, [usize; datasets::N], [u64; datasets::N])>,
}

/// Waiting outcomes kept whole in memory (see [`Reorder`]).
const KEEP_IN_MEMORY: usize = 16;

impl Reorder {
    fn new() -> Reorder {
        Reorder {
            waiting: BTreeMap::new(),
            spill: None,
            spill_end: 0,
            spilled: HashMap::new(),
        }
    }

    fn insert(&mut self, mut outcome: Outcome) -> std::io::Result<()> {
        if self.waiting.len() >= KEEP_IN_MEMORY
            && let Some(rows) = outcome.rows.take()
        {
            use std::io::{Seek, SeekFrom};
            if self.spill.is_none() {
                self.spill = Some(tempfile::tempfile()?);
            }
            let file = self.spill.as_mut().ok_or_else(|| std::io::Error::other("spill file"))?;
            file.seek(SeekFrom::Start(self.spill_end))?;
            let mut lens = [0usize; datasets::N];
            for (len, block) in lens.iter_mut().zip(&rows.blocks) {
                file.write_all(block)?;
                *len = block.len();
            }
            self.spilled.insert(outcome.index, (self.spill_end, lens, rows.counts));
            self.spill_end += lens.iter().sum::<usize>() as u64;
        }
        self.waiting.insert(outcome.index, outcome);
        Ok(())
    }

    /// The outcome of input `index`, if it has arrived (its rows read back).
    fn take(&mut self, index: usize) -> std::io::Result<Option<Outcome>> {
        let Some(mut outcome) = self.waiting.remove(&index) else {
            return Ok(None);
        };
        if let Some((offset, lens, counts)) = self.spilled.remove(&index) {
            use std::io::{Seek, SeekFrom};
            let file = self.spill.as_mut().ok_or_else(|| std::io::Error::other("spill file"))?;
            file.seek(SeekFrom::Start(offset))?;
            let mut rows = Rows {
                counts,
                ..Rows::default()
            };
            for (block, len) in rows.blocks.iter_mut().zip(lens) {
                block.resize(len, 0);
                file.read_exact(block)?;
            }
            outcome.rows = Some(rows);
            if self.spilled.is_empty() {
                // Nothing spilled is waiting: start the file over.
                file.set_len(0)?;
                self.spill_end = 0;
            }
        }
        Ok(Some(outcome))
    }

    /// Whatever is left, in input order.
    fn drain(&mut self) -> std::io::Result<Vec<Outcome>> {
        let keys: Vec<usize> = self.waiting.keys().copied().collect();
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            out.extend(self.take(k)?);
        }
        Ok(out)
    }
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
fn work(ctx: &Ctx, inputs: &[walk::Input], next: &AtomicUsize, tx: &std::sync::mpsc::SyncSender<Vec<Outcome>>) {
    install_panic_hook();
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
            f.insert(i, Instant::now());
        }
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| process(ctx, i, input))).unwrap_or_else(|payload| {
            let message = format!("panic: {}", panic_message(payload.as_ref()));
            let err = Error::new(ErrorKind::Internal(message)).in_file(&input.name);
            Outcome::failed(
                i,
                Entry::failed(
                    input.name.clone(),
                    None,
                    ingest::media_type_from_name(&input.name),
                    None,
                    err.code(),
                    err.kind.to_string(),
                ),
                err.to_string(),
            )
        });
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

/// Name prefix of the worker threads.
const WORKER_PREFIX: &str = "rapporteur-worker-";

/// Stack size of the worker threads: deep (but bounded) recursion in a
/// parser on hostile input must not overflow.
pub const WORKER_STACK: usize = 64 << 20;

/// Interim manifests are written at most this often, and the time between
/// two is at least [`CHECKPOINT_COST_FACTOR`] times what the last one took
/// (the manifest grows with the batch; this keeps its cost to a tenth).
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);
const CHECKPOINT_COST_FACTOR: u32 = 10;
/// A first checkpoint is written as soon as this many documents are done.
const CHECKPOINT_FIRST_DOCS: usize = 200;

/// Writes an interim manifest (`complete: false`): the documents collected
/// so far, then the previous entries of those in `pending` (not reached
/// yet), so that a run stopped here loses nothing the manifest knew.
fn write_checkpoint(
    ctx: &Ctx,
    collector: &mut Collector,
    pending: &[walk::Input],
    manifest_path: &Path,
) -> Result<(), RunError> {
    let pending: Vec<&Entry> = pending.iter().filter_map(|i| ctx.old_entry(&i.name)).collect();
    let mut interim = collector.summary.clone();
    pending.iter().for_each(|e| interim.add(e));
    let head = Manifest::head(interim, Vec::new(), false, None);
    let mut file = emit::AtomicFile::create(manifest_path).map_err(|e| output_error(manifest_path, e))?;
    collector
        .write_manifest(&mut file, &head, &pending)
        .and_then(|()| file.commit_unsynced())
        .map_err(|e| output_error(manifest_path, e))
}

/// Ends a run stopped by a signal: waits until no worker is writing an
/// output, closes the run to them, and (unless `--check`) leaves an
/// incomplete manifest of what was collected.
fn stop_interrupted(
    ctx: &Ctx,
    collector: &mut Collector,
    inputs: &[walk::Input],
    next_in_order: usize,
    manifest_path: &Path,
) -> RunError {
    *ctx.closed.write().unwrap_or_else(|e| e.into_inner()) = true;
    if let Some(bar) = &ctx.bar {
        bar.finish_and_clear();
    }
    if !ctx.cfg.check {
        let written = ctx
            .incomplete
            .ensure()
            .map_err(|e| output_error(manifest_path, std::io::Error::other(e)))
            .and_then(|()| write_checkpoint(ctx, collector, &inputs[next_in_order..], manifest_path));
        if let Err(e) = written {
            return e;
        }
    }
    RunError::Interrupted {
        done: next_in_order,
        total: inputs.len(),
    }
}

/// The dataset files a previous manifest records.
fn loaded_datasets(m: Option<&Manifest>) -> Vec<String> {
    m.and_then(|m| m.datasets.as_ref())
        .map(|d| d.iter().map(|e| e.file.clone()).collect())
        .unwrap_or_default()
}

/// Runs the batch.
pub fn run(cfg: &RunConfig) -> Result<RunSummary, RunError> {
    let started = Instant::now();
    interrupt::install();
    tune_allocator();
    let found = walk::find_inputs(&cfg.inputs, cfg.follow_links, Some(&cfg.out))?;
    let out = &cfg.out;

    let _lock = if cfg.check {
        lock::held(out)?;
        None
    } else {
        std::fs::create_dir_all(out).map_err(|e| output_error(out, e))?;
        let lock = lock::Lock::acquire(out)?;
        Some(lock)
    };
    // Nothing is touched before the folder is known to be ours, and to
    // have room for every output.
    let loaded = ownership::claim(out, cfg.allow_foreign_out)?;
    ownership::check_tree(out, &datasets::all_files())?;
    if !cfg.check {
        remove_stale_temps(out);
    }
    let owned = loaded.as_ref().map(ownership::owned_outputs).unwrap_or_default();

    let manifest_path = out.join(MANIFEST_NAME);
    let previous = loaded.filter(|m| m.generator == Generator::current());
    let reuse = previous
        .as_ref()
        .filter(|_| !cfg.force && !cfg.check)
        .and_then(|m| datasets::reusable(out, m));
    let previous_datasets = loaded_datasets(previous.as_ref());
    let mut old_docs = previous.map(|m| m.documents).unwrap_or_default();
    // Sorted already when written by this program; sorted again in case.
    if !old_docs.is_sorted_by(|a, b| a.file < b.file) {
        old_docs.sort_by(|a, b| a.file.cmp(&b.file));
        old_docs.dedup_by(|a, b| a.file == b.file);
    }
    let old_docs = std::sync::Arc::new(old_docs);

    let bar = cfg.progress_bar.then(|| {
        let bar = indicatif::ProgressBar::new(found.inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} docs  {rate}  ETA {eta}  {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.1} docs/s", state.per_sec());
                    },
                ),
        );
        bar
    });

    // Folders the walk could not read are failures too (reported at the end).
    let walk_errors: Vec<(String, Error)> = found
        .errors
        .iter()
        .map(|(name, msg)| (name.clone(), Error::new(ErrorKind::Io(msg.clone())).in_file(name)))
        .collect();
    let walk_error_entries: Vec<Entry> = walk_errors
        .iter()
        .map(|(name, err)| Entry::failed(name.clone(), None, None, None, err.code(), err.kind.to_string()))
        .collect();
    let datasets = Datasets::new(out, old_docs.clone(), reuse, cfg.check, cfg.csv, previous_datasets)
        .map_err(|e| output_error(out, e))?;
    let ctx = std::sync::Arc::new(Ctx {
        cfg: cfg.clone(),
        old: old_docs,
        reuse_rows: datasets.reuses(),
        bar,
        in_flight: Mutex::new(HashMap::new()),
        closed: std::sync::RwLock::new(false),
        incomplete: ownership::IncompleteMark::new(out),
    });
    let mut collector = Collector::new(walk_error_entries, datasets).map_err(|e| output_error(out, e))?;

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("{WORKER_PREFIX}{i}"))
        .build()
        .map_err(|e| output_error(out, std::io::Error::other(e.to_string())))?;

    let mut summary = RunSummary::default();
    let mut changes: Vec<Change> = Vec::new();
    let say = |line: &str| match &ctx.bar {
        Some(bar) => bar.println(line),
        None => eprintln!("{line}"),
    };

    let total = found.inputs.len();
    if total == 0 {
        say("rapporteur: no .pdf, .txt or .md files found in the input");
    }
    // Bounded: when the main thread falls behind (a checkpoint being
    // written), workers wait instead of piling up outcomes (their rows are
    // most of a document's memory).
    let workers = if cfg.jobs == 0 {
        rayon::current_num_threads()
    } else {
        cfg.jobs
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(2 * workers.max(1));
    let inputs = std::sync::Arc::new(found.inputs);
    let next = std::sync::Arc::new(AtomicUsize::new(0));
    {
        // Not a scoped thread: a worker stuck in a loop that never checks its
        // deadline is abandoned by the watchdog below, and the run finishes
        // without waiting for it. Every thread of the pool pulls documents
        // in name order from one shared counter.
        let (ctx, inputs, next, tx) = (ctx.clone(), inputs.clone(), next.clone(), tx.clone());
        std::thread::Builder::new()
            .name("rapporteur-batch".into())
            .spawn(move || pool.broadcast(|_| work(&ctx, &inputs, &next, &tx)))
            .map_err(|e| output_error(out, e))?;
    }
    // The watchdog gives up on a document still running at twice its budget.
    let hard_limit = (cfg.limits.doc_timeout > 0).then(|| Duration::from_secs(cfg.limits.doc_timeout * 2));
    let mut abandoned: HashSet<usize> = HashSet::new();
    let mut received = 0usize;
    // Outcomes that arrived before an earlier document's: workers take
    // documents in name order, so this holds about one per worker.
    let mut waiting = Reorder::new();
    let mut next_in_order = 0usize;
    let mut last_checkpoint = Instant::now();
    let mut checkpoint_cost = Duration::ZERO;
    let mut since_checkpoint = 0usize;
    let mut checkpoints = 0usize;
    while received + abandoned.len() < total {
        let mut arrived: Vec<Outcome> = Vec::new();
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(batch) => {
                for outcome in batch {
                    if !abandoned.contains(&outcome.index) {
                        received += 1;
                        arrived.push(outcome);
                    }
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let Some(limit) = hard_limit else { continue };
                let stuck: Vec<usize> = ctx
                    .in_flight
                    .lock()
                    .map(|f| {
                        f.iter()
                            .filter(|(i, t)| t.elapsed() > limit && !abandoned.contains(*i))
                            .map(|(i, _)| *i)
                            .collect()
                    })
                    .unwrap_or_default();
                for index in stuck {
                    let Some(name) = inputs.get(index).map(|i| i.name.clone()) else {
                        continue;
                    };
                    let message = format!(
                        "{}; it did not stop and was abandoned after {} s",
                        ErrorKind::Timeout {
                            seconds: cfg.limits.doc_timeout
                        },
                        limit.as_secs()
                    );
                    let media_type = ingest::media_type_from_name(&name);
                    let failure = format!("{name}: {message} [limit.timeout]");
                    let entry = Entry::failed(name, None, media_type, None, "limit.timeout", message);
                    abandoned.insert(index);
                    waiting
                        .insert(Outcome::failed(index, entry, failure.clone()))
                        .map_err(|e| output_error(out, e))?;
                    say(&format!("rapporteur: failed: {failure}"));
                    since_checkpoint += 1;
                    // The stuck thread is lost to the run: replace it while
                    // documents remain.
                    if next.load(Ordering::SeqCst) < total {
                        let (ctx, inputs, next, tx) = (ctx.clone(), inputs.clone(), next.clone(), tx.clone());
                        let _ = std::thread::Builder::new()
                            .name(format!("{WORKER_PREFIX}r{}", abandoned.len()))
                            .stack_size(WORKER_STACK)
                            .spawn(move || work(&ctx, &inputs, &next, &tx));
                    }
                    if let Some(bar) = &ctx.bar {
                        bar.inc(1);
                    }
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
        for mut outcome in arrived {
            if let Some(msg) = &outcome.failure {
                say(&format!("rapporteur: failed: {msg}"));
            }
            if outcome.skipped {
                summary.skipped += 1;
            } else {
                // Skipped documents change nothing a checkpoint would save.
                since_checkpoint += 1;
            }
            changes.append(&mut outcome.changes);
            if let Some(bar) = &ctx.bar {
                bar.inc(1);
            }
            waiting.insert(outcome).map_err(|e| output_error(out, e))?;
        }
        while let Some(outcome) = waiting.take(next_in_order).map_err(|e| output_error(out, e))? {
            collector.add(&outcome).map_err(|e| output_error(out, e))?;
            next_in_order += 1;
        }
        let due = last_checkpoint.elapsed() >= (checkpoint_cost * CHECKPOINT_COST_FACTOR).max(CHECKPOINT_EVERY)
            || (checkpoints == 0 && since_checkpoint >= CHECKPOINT_FIRST_DOCS);
        if !cfg.check && since_checkpoint > 0 && due {
            // A checkpoint for an interrupted run, superseded by the final
            // (synced) manifest: streamed, and not forced to disk (a file
            // sync per checkpoint dominated the wall time of fast batches).
            let t = Instant::now();
            write_checkpoint(&ctx, &mut collector, &inputs[next_in_order..], &manifest_path)?;
            release_free_memory();
            checkpoint_cost = t.elapsed();
            last_checkpoint = Instant::now();
            since_checkpoint = 0;
            checkpoints += 1;
        }
        if interrupt::requested() {
            return Err(stop_interrupted(
                &ctx,
                &mut collector,
                &inputs,
                next_in_order,
                &manifest_path,
            ));
        }
    }
    // From here on no worker writes: an abandoned one finds the run closed.
    *ctx.closed.write().unwrap_or_else(|e| e.into_inner()) = true;
    if let Some(bar) = &ctx.bar {
        bar.finish_and_clear();
    }
    // Anything still waiting (only after a disconnect) goes in, in order.
    for outcome in waiting.drain().map_err(|e| output_error(out, e))? {
        collector.add(&outcome).map_err(|e| output_error(out, e))?;
    }
    collector.flush_walk_errors(None).map_err(|e| output_error(out, e))?;
    for (_, err) in &walk_errors {
        say(&format!("rapporteur: failed: {err}"));
    }
    for ig in &found.ignored {
        say(&format!("rapporteur: ignored: {}: {}", ig.file, ig.reason));
    }

    let ignored: Vec<IgnoredEntry> = found
        .ignored
        .iter()
        .map(|i| IgnoredEntry {
            file: i.file.clone(),
            reason: i.reason.clone(),
        })
        .collect();
    let mark = || ctx.incomplete.ensure().map_err(std::io::Error::other);
    let recorded = collector
        .finish_datasets(&mut changes, &mark)
        .map_err(|e| output_error(out, e))?;
    let doc_summary = collector.summary.clone();
    let mut head = Manifest::head(doc_summary.clone(), ignored, true, Some(recorded));
    if cfg.review {
        // The index is made from the manifest as it stands without it.
        let mut bytes = Vec::new();
        collector
            .write_manifest(&mut bytes, &head, &[])
            .map_err(|e| output_error(&manifest_path, e))?;
        let manifest: Manifest =
            serde_json::from_slice(&bytes).map_err(|e| output_error(&manifest_path, std::io::Error::other(e)))?;
        if !cfg.check {
            mark().map_err(|e| output_error(&manifest_path, e))?;
        }
        let (index, change) = review_pages::index_page(out, &manifest, cfg.check).map_err(|e| output_error(out, e))?;
        collector.expected.insert(path_key(&index.page));
        changes.extend(change);
        head.review = Some(index);
    }

    let stale = stale_outputs(&owned, &std::mem::take(&mut collector.expected));
    if cfg.check {
        let state = emit::compare_with_file(&manifest_path, |w| collector.write_manifest(w, &head, &[]))
            .map_err(|e| output_error(&manifest_path, e))?;
        changes.extend(Change::from_comparison(MANIFEST_NAME, state));
        changes.extend(stale.into_iter().map(|path| Change {
            path,
            kind: ChangeKind::Delete,
        }));
    } else {
        // Streamed from the spool; left alone (no rename, no sync) when a
        // rerun produced the same bytes.
        emit::write_if_changed(&manifest_path, true, |w| collector.write_manifest(w, &head, &[]))
            .map_err(|e| output_error(&manifest_path, e))?;
        if !stale.is_empty() {
            mark().map_err(|e| output_error(out, e))?;
            ownership::remove_outputs(out, &stale);
        }
    }

    summary.ok = doc_summary.ok;
    summary.failed = doc_summary.failed;
    summary.pages = doc_summary.pages;
    summary.failures_by_code = std::mem::take(&mut collector.failures_by_code);
    changes.sort();
    changes.dedup();
    summary.changes = changes;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let r: Result<(), Error> = isolate(|| panic!("boom {}", 42));
        let e = r.unwrap_err();
        assert_eq!(e.code(), "internal");
        assert!(e.to_string().contains("boom 42"), "{e}");
        // And the thread is usable afterwards.
        assert_eq!(isolate(|| Ok(7)).unwrap(), 7);
    }

    #[test]
    fn a_panic_in_a_parallel_job_is_caught_with_its_message() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .thread_name(|i| format!("{WORKER_PREFIX}{i}"))
            .build()
            .unwrap();
        let r: Result<(), Error> = pool.install(|| {
            isolate(|| {
                (0..100u32).into_par_iter().for_each(|i| {
                    if i == 77 {
                        panic!("job {i}");
                    }
                });
                Ok(())
            })
        });
        let e = r.unwrap_err();
        assert!(e.to_string().contains("panic: job 77"), "{e}");
    }

    #[test]
    fn the_size_limit_is_checked_before_the_pipeline() {
        let doc = SourceDoc {
            file: "big.txt".into(),
            bytes: vec![b'a'; 100],
            media_type: crate::report::MediaType::Text,
        };
        let opts = Options {
            max_bytes: 10,
            ..Default::default()
        };
        let e = extract_limited(&doc, &opts).unwrap_err();
        assert_eq!(e.code(), "limit.bytes");
        assert!(e.to_string().starts_with("big.txt: "), "{e}");
    }

    #[test]
    fn an_expired_deadline_is_a_timeout() {
        let doc = SourceDoc {
            file: "slow.txt".into(),
            bytes: b"Some text.\n".to_vec(),
            media_type: crate::report::MediaType::Text,
        };
        let past = Instant::now()
            .checked_sub(Duration::from_secs(1))
            .unwrap_or_else(Instant::now);
        let mut opts = Options {
            deadline: Some(past),
            ..Default::default()
        };
        opts.pdf.budget_seconds = 1;
        let e = extract_limited(&doc, &opts).unwrap_err();
        assert_eq!(e.code(), "limit.timeout");
    }

    #[test]
    fn outcomes_come_back_in_order_with_their_rows_even_when_spilled() {
        let mut r = Reorder::new();
        let n = 3 * KEEP_IN_MEMORY + 5;
        let rows_of = |i: usize| Rows {
            blocks: [
                format!("d{i}\n").into_bytes(),
                "t\n".repeat(i % 4).into_bytes(),
                Vec::new(),
                b"e\n".to_vec(),
                Vec::new(),
            ],
            counts: [1, (i % 4) as u64, 0, 1, 0],
        };
        // All but the first arrive early, in reverse.
        for i in (1..n).rev() {
            let mut o = Outcome::failed(
                i,
                Entry::failed(format!("f{i}"), None, None, None, "x", String::new()),
                String::new(),
            );
            o.rows = Some(rows_of(i));
            r.insert(o).unwrap();
        }
        assert!(!r.spilled.is_empty(), "some rows were spilled");
        assert!(r.take(0).unwrap().is_none());
        for i in 1..n {
            let o = r.take(i).unwrap().expect("waiting");
            let rows = o.rows.expect("rows back");
            let want = rows_of(i);
            assert_eq!(rows.blocks, want.blocks, "outcome {i}");
            assert_eq!(rows.counts, want.counts);
        }
        assert_eq!(r.spill_end, 0, "the spill file starts over once empty");
        assert!(r.drain().unwrap().is_empty());
    }

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
