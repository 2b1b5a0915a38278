//! Putting the workers' outcomes back in name order, with the rows of those
//! that wait long spilled to a temporary file.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};

use super::datasets::Rows;
use super::worker::Outcome;

/// Outcomes that arrived before an earlier document's, until their turn.
///
/// Workers take documents in name order, so usually about one per worker
/// waits here. But a slow document (a long PDF, a descheduled thread) holds
/// back everything after it; past [`KEEP_IN_MEMORY`] waiting outcomes, the
/// rows of the next ones (most of an outcome's size) are spilled to an
/// anonymous temporary file and read back when their turn comes, so memory
/// stays bounded without making the workers wait.
pub(super) struct Reorder {
    waiting: BTreeMap<usize, Outcome>,
    spill: Option<std::fs::File>,
    spill_end: u64,
    /// Spilled rows by input index: offset, block lengths, row counts.
    spilled: HashMap<usize, (u64, [usize; super::datasets::N], [u64; super::datasets::N])>,
}

/// Waiting outcomes kept whole in memory (see [`Reorder`]).
const KEEP_IN_MEMORY: usize = 16;

impl Reorder {
    pub(super) fn new() -> Reorder {
        Reorder {
            waiting: BTreeMap::new(),
            spill: None,
            spill_end: 0,
            spilled: HashMap::new(),
        }
    }

    pub(super) fn insert(&mut self, mut outcome: Outcome) -> std::io::Result<()> {
        if self.waiting.len() >= KEEP_IN_MEMORY
            && let Some(rows) = outcome.rows.take()
        {
            use std::io::{Seek, SeekFrom};
            if self.spill.is_none() {
                self.spill = Some(tempfile::tempfile()?);
            }
            let file = self.spill.as_mut().ok_or_else(|| std::io::Error::other("spill file"))?;
            file.seek(SeekFrom::Start(self.spill_end))?;
            let mut lens = [0usize; super::datasets::N];
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
    pub(super) fn take(&mut self, index: usize) -> std::io::Result<Option<Outcome>> {
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
    pub(super) fn drain(&mut self) -> std::io::Result<Vec<Outcome>> {
        let keys: Vec<usize> = self.waiting.keys().copied().collect();
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            out.extend(self.take(k)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Failure;
    use crate::error::{Error, ErrorKind};

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
            let failure = Failure::unread(Error::new(ErrorKind::Empty));
            let mut o = Outcome::failed(i, &format!("f{i}"), &failure);
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
}
