//! The collector: the outcomes, in name order, into the manifest's spool and
//! the datasets; and which outputs a run expects (so it can tell the stale
//! ones it deletes).

use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};

use super::Change;
use super::datasets::{Datasets, DocRows};
use super::manifest::{self, Entry, Manifest, Status};
use super::worker::{Outcome, output_names};
use crate::error::ErrorKind;

/// A 64-bit key of an output path: the set of a run's expected outputs is
/// kept as keys, not strings (a collision could only keep a stale file).
pub(super) fn path_key(rel: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // DefaultHasher::new() has fixed keys: the same key in every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rel.hash(&mut h);
    h.finish()
}

/// Outputs an earlier manifest says we wrote that no document of this run
/// produces (relative paths, sorted): the only files a run deletes.
pub(super) fn stale_outputs(owned: &HashSet<String>, expected: &HashSet<u64>) -> Vec<String> {
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
pub(super) struct Collector {
    spool: std::io::BufWriter<std::fs::File>,
    spooled: u64,
    pub(super) summary: manifest::Summary,
    /// Folders the walk could not read, as failed entries (sorted), merged
    /// in at their place.
    walk_errors: std::iter::Peekable<std::vec::IntoIter<Entry>>,
    /// Taken by [`Collector::finish_datasets`].
    datasets: Option<Datasets>,
    /// Keys ([`path_key`]) of the outputs of the ok documents.
    pub(super) expected: HashSet<u64>,
    /// Failed documents by error code.
    pub(super) failures_by_code: BTreeMap<String, usize>,
    scratch: Vec<u8>,
}

impl Collector {
    pub(super) fn new(walk_errors: Vec<Entry>, datasets: Datasets) -> std::io::Result<Collector> {
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
    pub(super) fn flush_walk_errors(&mut self, before: Option<&str>) -> std::io::Result<()> {
        while let Some(e) = self.walk_errors.next_if(|e| before.is_none_or(|f| e.file.as_str() < f)) {
            self.push_rows(&e.file, DocRows::None)?;
            self.spool_entry(&e)?;
        }
        Ok(())
    }

    pub(super) fn add(&mut self, outcome: &Outcome) -> std::io::Result<()> {
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
    pub(super) fn finish_datasets(
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
    pub(super) fn write_manifest<W: Write + ?Sized>(
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
