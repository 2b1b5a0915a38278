//! The JSONL datasets of a batch. The per-document ones ([`DATASETS`]:
//! `dispatches.jsonl`, `turns.jsonl`, `people.jsonl`, `events.jsonl`,
//! `diagnostics.jsonl`; rows built by [`rows`], keys by [`keys`]) are
//! written in name order while the run goes on; the batch-wide ones
//! (`persons.jsonl`, `roles.jsonl`, and the `--csv` files; [`derived`]) are
//! made from them when they are finished.
//!
//! Rows reach [`Datasets::push`] one document at a time, in the order of the
//! manifest. A processed document brings its rows (built by the worker from
//! the report in memory). A document skipped as up to date brings none when
//! the previous run's datasets can be reused ([`reusable`]): its block of
//! rows is then taken from the previous file, whose blocks are in the order
//! of the previous manifest, `counts` rows each. As long as the new dataset
//! equals a prefix of the previous one, nothing is read or written; at the
//! first difference the prefix is copied into a new file, which goes on from
//! there. A rerun with nothing changed thus leaves the datasets untouched.
//!
//! With `check`, rows are compared with the files instead of written. Memory does not depend on the number of documents.

use std::io::{BufRead, BufReader, Seek, Write};
use std::path::{Path, PathBuf};

use super::Change;
use super::manifest::{DatasetEntry, Entry, Manifest, Status};
use crate::emit;

pub mod derived;
pub mod keys;
pub mod persons;
pub mod roles;
pub mod rows;

pub use rows::report_rows;

/// Names of the per-document JSONL datasets, in the order they are written.
pub const DATASETS: [&str; N] = [
    "dispatches.jsonl",
    "turns.jsonl",
    "people.jsonl",
    "events.jsonl",
    "diagnostics.jsonl",
];

/// How many per-document datasets there are.
pub const N: usize = 5;

/// Every file name directly under the output folder or in `csv/` that the
/// datasets may write.
pub fn all_files() -> Vec<&'static str> {
    DATASETS.iter().copied().chain(derived::all_names()).collect()
}

/// What the manifest records of a dataset file.
fn manifest_entry(file: &str, rows: u64, bytes: u64) -> DatasetEntry {
    DatasetEntry {
        file: file.to_string(),
        rows,
        bytes,
    }
}

/// One document's rows for the per-document datasets, each block ending in
/// a newline.
#[derive(Debug, Default)]
pub struct Rows {
    pub blocks: [Vec<u8>; N],
    pub counts: [u64; N],
}

/// What a document contributes, in manifest order.
pub enum DocRows<'a> {
    /// New rows (a processed document).
    Fresh(&'a Rows),
    /// The document's rows of the previous run, unchanged.
    Reused,
    /// No rows (a failed document).
    None,
}

/// Rows of each dataset in a previous entry's block.
fn block_rows(e: &Entry) -> [u64; N] {
    match (&e.status, &e.counts) {
        (Status::Ok, Some(c)) => {
            let diagnostics = e.diagnostics.as_ref().map_or(0, |d| d.error + d.warning + d.info);
            let mut n = [0; N];
            n[rows::DISPATCHES] = c.dispatches as u64;
            n[rows::TURNS] = c.turns as u64;
            n[rows::PEOPLE] = c.people as u64;
            n[rows::EVENTS] = 1;
            n[rows::DIAGNOSTICS] = diagnostics as u64;
            n
        }
        _ => [0; N],
    }
}

/// Can the previous run's datasets serve as the rows of skipped documents?
/// Only if that run completed, recorded its datasets, and each file still
/// has the recorded size and as many rows as its entries' counts add up to.
pub fn reusable(out: &Path, old: &Manifest) -> Option<[DatasetEntry; N]> {
    if !old.complete {
        return None;
    }
    let recorded = old.datasets.as_ref()?;
    let mut totals = [0u64; N];
    for e in &old.documents {
        for (t, n) in totals.iter_mut().zip(block_rows(e)) {
            *t += n;
        }
    }
    let mut found: Vec<DatasetEntry> = Vec::with_capacity(N);
    for (i, name) in DATASETS.iter().enumerate() {
        let d = recorded.iter().find(|d| d.file == *name)?;
        let len = std::fs::symlink_metadata(out.join(name)).ok()?;
        if !len.is_file() || len.len() != d.bytes || d.rows != totals[i] {
            return None;
        }
        found.push(d.clone());
    }
    found.try_into().ok()
}

/// Where a dataset's new bytes go: a file being written, or (with `check`)
/// a comparison with the file on disk, the bytes kept in an anonymous
/// temporary file for [`derived`].
enum Sink {
    File(emit::AtomicFile),
    Compare(emit::Comparing<std::fs::File>),
}

impl Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::File(f) => f.write_all(bytes),
            Sink::Compare(c) => c.write_all(bytes),
        }
    }
}

/// One dataset being produced.
struct Set {
    path: PathBuf,
    /// The previous file (reuse mode only), opened when first read.
    old: Option<DatasetEntry>,
    old_reader: Option<BufReader<std::fs::File>>,
    /// The new dataset so far equals the previous file's first `consumed`
    /// rows (nothing read or written yet).
    identical: bool,
    /// Rows of the previous file accounted for.
    consumed: u64,
    sink: Option<Sink>,
    rows: u64,
    bytes: u64,
}

impl Set {
    fn reader(&mut self) -> std::io::Result<&mut BufReader<std::fs::File>> {
        if self.old_reader.is_none() {
            let f = std::fs::File::open(&self.path)?;
            self.old_reader = Some(BufReader::with_capacity(1 << 16, f));
        }
        self.old_reader
            .as_mut()
            .ok_or_else(|| std::io::Error::other("dataset reader"))
    }

    /// Copies (or, without `keep`, skips) the next `n` rows of the previous
    /// file.
    fn take_old(&mut self, n: u64, keep: bool) -> std::io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        if self.identical {
            if keep {
                self.consumed += n;
                self.rows += n;
                return Ok(());
            }
            self.diverge()?;
        }
        self.consumed += n;
        // The reader is taken out while it feeds the sink (two borrows of
        // self), and put back afterwards.
        self.reader()?;
        let mut reader = self
            .old_reader
            .take()
            .ok_or_else(|| std::io::Error::other("dataset reader"))?;
        let copied = self.copy_rows(&mut reader, n, keep);
        self.old_reader = Some(reader);
        copied?;
        if keep {
            self.rows += n;
        }
        Ok(())
    }

    /// Copies (or skips) `n` rows from `reader` into the sink.
    fn copy_rows(&mut self, reader: &mut BufReader<std::fs::File>, n: u64, keep: bool) -> std::io::Result<()> {
        let mut left = n;
        while left > 0 {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!(
                        "{}: fewer rows than the previous manifest records (run with --force to rebuild it)",
                        self.path.display()
                    ),
                ));
            }
            let mut used = buf.len();
            let mut rows_here = 0;
            for nl in memchr::memchr_iter(b'\n', buf) {
                rows_here += 1;
                if rows_here == left {
                    used = nl + 1;
                    break;
                }
            }
            if keep {
                self.write(&buf[..used])?;
            }
            left -= rows_here;
            reader.consume(used);
        }
        Ok(())
    }

    /// The new dataset stops following the previous one: the rows taken
    /// over so far are copied into a new file.
    fn diverge(&mut self) -> std::io::Result<()> {
        self.identical = false;
        self.sink = Some(Sink::File(emit::AtomicFile::create(&self.path)?));
        let prefix = std::mem::take(&mut self.consumed);
        self.rows -= prefix;
        self.take_old(prefix, true)
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.bytes += bytes.len() as u64;
        match &mut self.sink {
            Some(s) => s.write(bytes),
            None => Err(std::io::Error::other("dataset written before it was opened")),
        }
    }

    fn push(&mut self, block: &[u8], n: u64) -> std::io::Result<()> {
        if n == 0 {
            return Ok(());
        }
        if self.identical {
            self.diverge()?;
        }
        self.rows += n;
        self.write(block)
    }
}

/// The datasets of a run.
pub struct Datasets {
    out: PathBuf,
    sets: Vec<Set>,
    /// Also write the CSV files (`run --csv`).
    csv: bool,
    check: bool,
    /// Dataset files the previous manifest recorded.
    previous: Vec<String>,
    /// The previous manifest's entries (reuse mode), sorted by file, and
    /// how many of them have been passed.
    old_docs: std::sync::Arc<Vec<Entry>>,
    cursor: usize,
    reuse: bool,
}

impl Datasets {
    /// Datasets under `out`. With `reuse` (from [`reusable`]), rows of
    /// skipped documents come from the previous files, whose blocks follow
    /// `old_docs`. With `check`, nothing is written. `csv` and `previous`
    /// (the dataset files the previous manifest records) are for [`derived`].
    pub fn new(
        out: &Path,
        old_docs: std::sync::Arc<Vec<Entry>>,
        reuse: Option<[DatasetEntry; N]>,
        check: bool,
        csv: bool,
        previous: Vec<String>,
    ) -> std::io::Result<Datasets> {
        let reuse = reuse.filter(|_| !check);
        let reuse_on = reuse.is_some();
        let olds: Vec<Option<DatasetEntry>> = match reuse {
            Some(r) => r.into_iter().map(Some).collect(),
            None => vec![None; N],
        };
        let mut sets = Vec::with_capacity(N);
        for (name, old) in DATASETS.iter().zip(olds) {
            let path = out.join(name);
            let sink = match (&old, check) {
                (Some(_), _) => None,
                (None, true) => Some(Sink::Compare(emit::Comparing::new(tempfile::tempfile()?, &path))),
                (None, false) => Some(Sink::File(emit::AtomicFile::create(&path)?)),
            };
            sets.push(Set {
                path,
                identical: old.is_some(),
                old,
                old_reader: None,
                consumed: 0,
                sink,
                rows: 0,
                bytes: 0,
            });
        }
        Ok(Datasets {
            out: out.to_path_buf(),
            sets,
            csv,
            check,
            previous,
            old_docs,
            cursor: 0,
            reuse: reuse_on,
        })
    }

    /// Do skipped documents bring no rows (they come from the previous files)?
    pub fn reuses(&self) -> bool {
        self.reuse
    }

    /// Passes the previous entries before `file` (all that are left with
    /// None), dropping their rows, and returns the rows of the previous
    /// entry of `file` itself, if any.
    fn advance_to(&mut self, file: Option<&str>) -> std::io::Result<Option<[u64; N]>> {
        if !self.reuse {
            return Ok(None);
        }
        let docs = self.old_docs.clone();
        while let Some(e) = docs.get(self.cursor) {
            let order = file.map_or(std::cmp::Ordering::Less, |f| e.file.as_str().cmp(f));
            match order {
                std::cmp::Ordering::Less => {
                    for (set, n) in self.sets.iter_mut().zip(block_rows(e)) {
                        set.take_old(n, false)?;
                    }
                    self.cursor += 1;
                }
                std::cmp::Ordering::Equal => {
                    self.cursor += 1;
                    return Ok(Some(block_rows(e)));
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        Ok(None)
    }

    /// The rows of the next document, in manifest order.
    pub fn push(&mut self, file: &str, rows: DocRows<'_>) -> std::io::Result<()> {
        let old_block = self.advance_to(Some(file))?;
        let keep = matches!(rows, DocRows::Reused);
        if let Some(block) = old_block {
            for (set, n) in self.sets.iter_mut().zip(block) {
                set.take_old(n, keep)?;
            }
        } else if keep {
            return Err(std::io::Error::other(format!(
                "{file}: no rows in the previous datasets to reuse (run with --force to rebuild them)"
            )));
        }
        if let DocRows::Fresh(r) = rows {
            for (i, set) in self.sets.iter_mut().enumerate() {
                set.push(&r.blocks[i], r.counts[i])?;
            }
        }
        Ok(())
    }

    /// Finishes the datasets: previous rows of documents no longer in the
    /// run are dropped; each file that differs from the previous one is
    /// renamed into place (synced), one that is the same is left alone.
    /// With `check`, the datasets that would change are added to `changes`.
    /// Returns what the manifest records of them. `before_replace` runs
    /// before the first file is renamed into place.
    pub fn finish(
        mut self,
        changes: &mut Vec<Change>,
        before_replace: &dyn Fn() -> std::io::Result<()>,
    ) -> std::io::Result<Vec<DatasetEntry>> {
        self.advance_to(None)?;
        let mut recorded = Vec::with_capacity(N);
        // What each dataset holds now, for the derived outputs.
        let mut sources: Vec<Box<dyn BufRead>> = Vec::with_capacity(N);
        let sets = std::mem::take(&mut self.sets);
        for (name, mut set) in DATASETS.iter().zip(sets) {
            let path = set.path.clone();
            let in_place = || -> std::io::Result<Box<dyn BufRead>> {
                Ok(Box::new(BufReader::with_capacity(1 << 16, std::fs::File::open(&path)?)))
            };
            if set.identical {
                // Still a prefix of the previous file: it is the whole file
                // only if every previous row was taken over.
                let old = set.old.clone().unwrap_or(manifest_entry(name, 0, 0));
                if set.consumed == old.rows {
                    recorded.push(old);
                    sources.push(in_place()?);
                    continue;
                }
                set.diverge()?;
            }
            let (rows, bytes) = (set.rows, set.bytes);
            match set.sink.take() {
                Some(Sink::File(f)) => {
                    before_replace()?;
                    f.commit()?;
                    sources.push(in_place()?);
                }
                Some(Sink::Compare(c)) => {
                    let (state, mut kept) = c.finish();
                    changes.extend(Change::from_comparison(name, state));
                    kept.seek(std::io::SeekFrom::Start(0))?;
                    sources.push(Box::new(BufReader::with_capacity(1 << 16, kept)));
                }
                None => sources.push(in_place()?),
            }
            recorded.push(manifest_entry(name, rows, bytes));
        }
        let made = derived::write_all(&self.out, &mut sources, self.csv, self.check, changes, before_replace)?;
        derived::remove_unmade(&self.out, &self.previous, &made, self.check, changes)?;
        recorded.extend(made);
        Ok(recorded)
    }
}
