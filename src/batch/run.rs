//! The run itself: set up (inputs, lock, ownership, the previous manifest),
//! schedule the documents on the workers and take their outcomes back in
//! name order (with the watchdog and the checkpoints), then finish (the
//! datasets, stale outputs, the final manifest).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::collector::{Collector, path_key, stale_outputs};
use super::datasets::{self, Datasets};
use super::manifest::{Entry, IgnoredEntry, MANIFEST_NAME, Manifest};
use super::reorder::Reorder;
use super::worker::{Ctx, Outcome, work};
use super::{
    Change, ChangeKind, RunConfig, RunError, RunSummary, interrupt, lock, memory, output_error, ownership,
    review_pages, walk, watchdog,
};
use crate::document::Failure;
use crate::document::isolate::{WORKER_PREFIX, WORKER_STACK};
use crate::emit;
use crate::error::{Error, ErrorKind};
use crate::report::Generator;

/// Interim manifests are written at most this often, and the time between
/// two is at least [`CHECKPOINT_COST_FACTOR`] times what the last one took
/// (the manifest grows with the batch; this keeps its cost to a tenth).
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);
const CHECKPOINT_COST_FACTOR: u32 = 10;
/// A first checkpoint is written as soon as this many documents are done.
const CHECKPOINT_FIRST_DOCS: usize = 200;

/// Runs the batch.
pub fn run(cfg: &RunConfig) -> Result<RunSummary, RunError> {
    let started = Instant::now();
    interrupt::install();
    memory::tune_allocator();
    let mut batch = Batch::prepare(cfg)?;
    let mut summary = RunSummary::default();
    let mut changes = Vec::new();
    batch.schedule(&mut summary, &mut changes)?;
    batch.finish(&mut summary, changes)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// A run between its setup and its end.
struct Batch {
    ctx: Arc<Ctx>,
    collector: Collector,
    inputs: Arc<Vec<walk::Input>>,
    /// Folders the walk could not read (reported at the end).
    walk_errors: Vec<Error>,
    ignored: Vec<walk::Ignored>,
    /// The outputs the previous manifest says we wrote.
    owned: HashSet<String>,
    manifest_path: PathBuf,
    /// Held until the run ends (none with `--check`).
    _lock: Option<lock::Lock>,
}

impl Batch {
    /// Everything before the first document: the walk, the lock, the checks
    /// that the output folder is ours and has room, the previous manifest.
    fn prepare(cfg: &RunConfig) -> Result<Batch, RunError> {
        let found = walk::find_inputs(&cfg.inputs, cfg.follow_links, Some(&cfg.out))?;
        let out = &cfg.out;
        let lock = if cfg.check {
            lock::held(out)?;
            None
        } else {
            std::fs::create_dir_all(out).map_err(|e| output_error(out, e))?;
            Some(lock::Lock::acquire(out)?)
        };
        // Nothing is touched before the folder is known to be ours, and to
        // have room for every output.
        let loaded = ownership::claim(out, cfg.allow_foreign_out)?;
        ownership::check_tree(out, &datasets::all_files())?;
        if !cfg.check {
            remove_stale_temps(out);
        }
        let owned = loaded.as_ref().map(ownership::owned_outputs).unwrap_or_default();
        let previous = loaded.filter(|m| m.generator == Generator::current());
        let reuse = previous
            .as_ref()
            .filter(|_| !cfg.force && !cfg.check)
            .and_then(|m| datasets::reusable(out, m));
        let previous_datasets: Vec<String> = previous
            .as_ref()
            .and_then(|m| m.datasets.as_ref())
            .map(|d| d.iter().map(|e| e.file.clone()).collect())
            .unwrap_or_default();
        let mut old_docs = previous.map(|m| m.documents).unwrap_or_default();
        // Sorted already when written by this program; sorted again in case.
        if !old_docs.is_sorted_by(|a, b| a.file < b.file) {
            old_docs.sort_by(|a, b| a.file.cmp(&b.file));
            old_docs.dedup_by(|a, b| a.file == b.file);
        }
        let old_docs = Arc::new(old_docs);
        // Folders the walk could not read are failures too.
        let walk_errors: Vec<Error> = found
            .errors
            .iter()
            .map(|(name, msg)| Error::new(ErrorKind::Io(msg.clone())).in_file(name))
            .collect();
        let walk_error_entries: Vec<Entry> = walk_errors
            .iter()
            .map(|err| {
                let name = err.file.as_deref().unwrap_or_default();
                // A folder has no media type, whatever its name says.
                Entry {
                    media_type: None,
                    ..Entry::of_failure(name, &Failure::unread(err.clone()))
                }
            })
            .collect();
        let datasets = Datasets::new(out, old_docs.clone(), reuse, cfg.check, cfg.csv, previous_datasets)
            .map_err(|e| output_error(out, e))?;
        let ctx = Arc::new(Ctx {
            cfg: cfg.clone(),
            old: old_docs,
            reuse_rows: datasets.reuses(),
            bar: cfg.progress_bar.then(|| progress_bar(found.inputs.len())),
            in_flight: Mutex::new(HashMap::new()),
            closed: std::sync::RwLock::new(false),
            incomplete: ownership::IncompleteMark::new(out),
        });
        let collector = Collector::new(walk_error_entries, datasets).map_err(|e| output_error(out, e))?;
        Ok(Batch {
            ctx,
            collector,
            inputs: Arc::new(found.inputs),
            walk_errors,
            ignored: found.ignored,
            owned,
            manifest_path: out.join(MANIFEST_NAME),
            _lock: lock,
        })
    }

    /// A line on stderr (above the progress bar, when there is one).
    fn say(&self, line: &str) {
        say(&self.ctx, line);
    }

    /// Starts the workers and takes every document's outcome, in name order,
    /// to the collector; abandons documents stuck past twice their budget;
    /// writes checkpoints; stops cleanly on a signal.
    fn schedule(&mut self, summary: &mut RunSummary, changes: &mut Vec<Change>) -> Result<(), RunError> {
        let ctx = self.ctx.clone();
        let (cfg, out) = (&ctx.cfg, &ctx.cfg.out);
        let total = self.inputs.len();
        if total == 0 {
            self.say("rapporteur: no .pdf, .txt or .md files found in the input");
        }
        let workers = Workers::start(&self.ctx, &self.inputs)?;
        let watchdog = watchdog::Watchdog::new(cfg.limits.doc_timeout);
        let mut abandoned: HashSet<usize> = HashSet::new();
        let mut received = 0usize;
        // Outcomes that arrived before an earlier document's: workers take
        // documents in name order, so this holds about one per worker.
        let mut waiting = Reorder::new();
        let mut next_in_order = 0usize;
        let mut checkpoints = Checkpoints::new();
        while received + abandoned.len() < total {
            let mut arrived: Vec<Outcome> = Vec::new();
            match workers.rx.recv_timeout(Duration::from_millis(200)) {
                Ok(batch) => {
                    for outcome in batch.into_iter().filter(|o| !abandoned.contains(&o.index)) {
                        received += 1;
                        arrived.push(outcome);
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    for outcome in watchdog.abandon_stuck(&self.ctx, &self.inputs, &mut abandoned) {
                        self.say(&format!(
                            "rapporteur: failed: {}",
                            outcome.failure.as_deref().unwrap_or_default()
                        ));
                        checkpoints.since += 1;
                        workers.replace_one(&self.ctx, &self.inputs, abandoned.len());
                        waiting.insert(outcome).map_err(|e| output_error(out, e))?;
                        self.tick();
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            }
            for mut outcome in arrived {
                if let Some(msg) = &outcome.failure {
                    self.say(&format!("rapporteur: failed: {msg}"));
                }
                if outcome.skipped {
                    summary.skipped += 1;
                } else {
                    // Skipped documents change nothing a checkpoint would save.
                    checkpoints.since += 1;
                }
                changes.append(&mut outcome.changes);
                self.tick();
                waiting.insert(outcome).map_err(|e| output_error(out, e))?;
            }
            while let Some(outcome) = waiting.take(next_in_order).map_err(|e| output_error(out, e))? {
                self.collector.add(&outcome).map_err(|e| output_error(out, e))?;
                next_in_order += 1;
            }
            if !cfg.check && checkpoints.due() {
                // A checkpoint for an interrupted run, superseded by the
                // final (synced) manifest: streamed, and not forced to disk
                // (a file sync per checkpoint dominated the wall time of
                // fast batches).
                let t = Instant::now();
                self.write_checkpoint(next_in_order)?;
                memory::release_free_memory();
                checkpoints.written(t.elapsed());
            }
            if interrupt::requested() {
                return Err(self.stop_interrupted(next_in_order));
            }
        }
        // From here on no worker writes: an abandoned one finds the run closed.
        *self.ctx.closed.write().unwrap_or_else(|e| e.into_inner()) = true;
        if let Some(bar) = &self.ctx.bar {
            bar.finish_and_clear();
        }
        // Anything still waiting (only after a disconnect) goes in, in order.
        for outcome in waiting.drain().map_err(|e| output_error(out, e))? {
            self.collector.add(&outcome).map_err(|e| output_error(out, e))?;
        }
        Ok(())
    }

    /// One more document on the progress bar.
    fn tick(&self) {
        if let Some(bar) = &self.ctx.bar {
            bar.inc(1);
        }
    }

    /// Writes an interim manifest (`complete: false`): the documents
    /// collected so far, then the previous entries of those not reached yet
    /// (from `next_in_order`), so that a run stopped here loses nothing the
    /// manifest knew.
    fn write_checkpoint(&mut self, next_in_order: usize) -> Result<(), RunError> {
        let path = &self.manifest_path;
        let pending: Vec<&Entry> = self.inputs[next_in_order..]
            .iter()
            .filter_map(|i| self.ctx.old_entry(&i.name))
            .collect();
        let mut interim = self.collector.summary.clone();
        pending.iter().for_each(|e| interim.add(e));
        let head = Manifest::head(interim, Vec::new(), false, None);
        let mut file = emit::AtomicFile::create(path).map_err(|e| output_error(path, e))?;
        self.collector
            .write_manifest(&mut file, &head, &pending)
            .and_then(|()| file.commit_unsynced())
            .map_err(|e| output_error(path, e))
    }

    /// Ends a run stopped by a signal: waits until no worker is writing an
    /// output, closes the run to them, and (unless `--check`) leaves an
    /// incomplete manifest of what was collected.
    fn stop_interrupted(&mut self, next_in_order: usize) -> RunError {
        *self.ctx.closed.write().unwrap_or_else(|e| e.into_inner()) = true;
        if let Some(bar) = &self.ctx.bar {
            bar.finish_and_clear();
        }
        if !self.ctx.cfg.check {
            let written = self
                .ctx
                .incomplete
                .ensure()
                .map_err(|e| output_error(&self.manifest_path, std::io::Error::other(e)))
                .and_then(|()| self.write_checkpoint(next_in_order));
            if let Err(e) = written {
                return e;
            }
        }
        RunError::Interrupted {
            done: next_in_order,
            total: self.inputs.len(),
        }
    }

    /// After the last document: the walk's failures and ignored files on
    /// stderr, the datasets and the review index finished, stale outputs
    /// removed, the final manifest written (or, with `--check`, compared).
    fn finish(mut self, summary: &mut RunSummary, mut changes: Vec<Change>) -> Result<(), RunError> {
        let cfg = self.ctx.cfg.clone();
        let (out, manifest_path) = (&cfg.out, self.manifest_path.clone());
        self.collector
            .flush_walk_errors(None)
            .map_err(|e| output_error(out, e))?;
        for err in &self.walk_errors {
            self.say(&format!("rapporteur: failed: {err}"));
        }
        for ig in &self.ignored {
            self.say(&format!("rapporteur: ignored: {}: {}", ig.file, ig.reason));
        }
        let ignored: Vec<IgnoredEntry> = self
            .ignored
            .iter()
            .map(|i| IgnoredEntry {
                file: i.file.clone(),
                reason: i.reason.clone(),
            })
            .collect();
        let ctx = self.ctx.clone();
        let mark = || ctx.incomplete.ensure().map_err(std::io::Error::other);
        let collector = &mut self.collector;
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
            let (index, change) =
                review_pages::index_page(out, &manifest, cfg.check).map_err(|e| output_error(out, e))?;
            collector.expected.insert(path_key(&index.page));
            changes.extend(change);
            head.review = Some(index);
        }
        let stale = stale_outputs(&self.owned, &std::mem::take(&mut collector.expected));
        if cfg.check {
            let state = emit::compare_with_file(&manifest_path, |w| collector.write_manifest(w, &head, &[]))
                .map_err(|e| output_error(&manifest_path, e))?;
            changes.extend(Change::from_comparison(MANIFEST_NAME, state));
            changes.extend(stale.into_iter().map(|path| Change {
                path,
                kind: ChangeKind::Delete,
            }));
        } else {
            // Streamed from the spool; left alone (no rename, no sync) when
            // a rerun produced the same bytes.
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
        Ok(())
    }
}

/// A line on stderr (above the progress bar, when there is one).
fn say(ctx: &Ctx, line: &str) {
    match &ctx.bar {
        Some(bar) => bar.println(line),
        None => eprintln!("{line}"),
    }
}

/// The progress bar of a run of `total` documents.
fn progress_bar(total: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total as u64);
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
}

/// The worker threads and the channel their outcomes come back on.
struct Workers {
    rx: std::sync::mpsc::Receiver<Vec<Outcome>>,
    tx: std::sync::mpsc::SyncSender<Vec<Outcome>>,
    /// The next input to take (shared by every worker: name order).
    next: Arc<AtomicUsize>,
}

impl Workers {
    /// Starts a pool of `--jobs` threads (big stacks) on the inputs.
    fn start(ctx: &Arc<Ctx>, inputs: &Arc<Vec<walk::Input>>) -> Result<Workers, RunError> {
        let out = &ctx.cfg.out;
        let jobs = ctx.cfg.jobs;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .stack_size(WORKER_STACK)
            .thread_name(|i| format!("{WORKER_PREFIX}{i}"))
            .build()
            .map_err(|e| output_error(out, std::io::Error::other(e.to_string())))?;
        // Bounded: when the main thread falls behind (a checkpoint being
        // written), workers wait instead of piling up outcomes (their rows
        // are most of a document's memory).
        let workers = if jobs == 0 { rayon::current_num_threads() } else { jobs };
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(2 * workers.max(1));
        let next = Arc::new(AtomicUsize::new(0));
        // Not a scoped thread: a worker stuck in a loop that never checks
        // its deadline is abandoned by the watchdog, and the run finishes
        // without waiting for it. Every thread of the pool pulls documents
        // in name order from one shared counter.
        let (c, i, n, t) = (ctx.clone(), inputs.clone(), next.clone(), tx.clone());
        std::thread::Builder::new()
            .name("rapporteur-batch".into())
            .spawn(move || pool.broadcast(|_| work(&c, &i, &n, &t)))
            .map_err(|e| output_error(out, e))?;
        Ok(Workers { rx, tx, next })
    }

    /// A thread in place of one lost to a stuck document, while documents
    /// remain (so even `--jobs 1` finishes).
    fn replace_one(&self, ctx: &Arc<Ctx>, inputs: &Arc<Vec<walk::Input>>, nth: usize) {
        if self.next.load(Ordering::SeqCst) < inputs.len() {
            let (c, i, n, t) = (ctx.clone(), inputs.clone(), self.next.clone(), self.tx.clone());
            let _ = std::thread::Builder::new()
                .name(format!("{WORKER_PREFIX}r{nth}"))
                .stack_size(WORKER_STACK)
                .spawn(move || work(&c, &i, &n, &t));
        }
    }
}

/// When the next checkpoint is due (see [`CHECKPOINT_EVERY`]).
struct Checkpoints {
    last: Instant,
    cost: Duration,
    /// Documents collected since the last checkpoint.
    since: usize,
    written: usize,
}

impl Checkpoints {
    fn new() -> Checkpoints {
        Checkpoints {
            last: Instant::now(),
            cost: Duration::ZERO,
            since: 0,
            written: 0,
        }
    }

    fn due(&self) -> bool {
        self.since > 0
            && (self.last.elapsed() >= (self.cost * CHECKPOINT_COST_FACTOR).max(CHECKPOINT_EVERY)
                || (self.written == 0 && self.since >= CHECKPOINT_FIRST_DOCS))
    }

    fn written(&mut self, cost: Duration) {
        self.cost = cost;
        self.last = Instant::now();
        self.since = 0;
        self.written += 1;
    }
}

/// Removes temporary files left in the output folder by a killed run.
fn remove_stale_temps(out: &Path) {
    for entry in walkdir::WalkDir::new(out).follow_links(false).into_iter().flatten() {
        if entry.file_type().is_file() && emit::is_temp_name(&entry.file_name().to_string_lossy()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
