//! FlateDecode under the document's budget: inflated in chunks, each chunk
//! charged to the one decompression budget of the document before it is
//! kept, and the deadline checked between chunks.
//!
//! Why not lopdf's decoder alone: it inflates a stream to its end with
//! `read_to_end` under a per-call cap, growing its buffer by doubling, and
//! cannot be interrupted. Here a bomb stops at the budget (never holding
//! more than the budget plus one chunk and the buffer's growth, which is
//! capped at the budget), a document over its deadline stops within one
//! chunk, and several threads reading pages of one document share one
//! budget as they go. Anything unusual (a filter chain, decode parameters,
//! a stream that does not inflate cleanly) is left to lopdf, whose lenient
//! recovery decides what the bytes are, exactly as before.

use std::io::Read;

use super::Limit;

/// Bytes inflated between two checks (a buffer on the stack: a heap one of
/// this size per stream would be its own mapping, see `batch::memory`).
const CHUNK: usize = 32 << 10;

/// What [`inflate`] made of a stream.
pub(super) enum Inflated {
    /// The stream's decoded bytes (already charged to the budget).
    Done(Vec<u8>),
    /// Over the budget or the deadline.
    Stopped(Limit),
    /// Not a plain zlib stream, or damaged: decode it the lenient way.
    /// Whatever was charged for it has been given back.
    Fallback,
}

/// How many `FlateDecode` layers this stream has, when [`inflate`] decodes
/// it: only `FlateDecode` filters (at most four), no decode parameters.
pub(super) fn layers(stream: &lopdf::Stream) -> Option<usize> {
    let filters = stream.filters().ok()?;
    let plain = stream.dict.get(b"DecodeParms").is_err()
        && (1..=4).contains(&filters.len())
        && filters.iter().all(|f| *f == b"FlateDecode")
        && !stream.content.is_empty();
    plain.then_some(filters.len())
}

/// Inflates `data` (zlib). `charge(n)` takes `n` more bytes from the budget
/// and says how many are left after them (`None`: the budget is exceeded);
/// `refund(n)` gives bytes back; `expired()` says the deadline has passed.
pub(super) fn inflate(
    data: &[u8],
    charge: impl Fn(usize) -> Option<usize>,
    refund: impl Fn(usize),
    expired: impl Fn() -> bool,
) -> Inflated {
    let mut decoder = flate2::read::ZlibDecoder::new(data);
    let mut chunk = [0u8; CHUNK];
    let mut out: Vec<u8> = Vec::new();
    loop {
        if expired() {
            refund(out.len());
            return Inflated::Stopped(Limit::Timeout);
        }
        let n = match decoder.read(&mut chunk) {
            Ok(0) => return Inflated::Done(out),
            Ok(n) => n,
            Err(_) => {
                refund(out.len());
                return Inflated::Fallback;
            }
        };
        let Some(left) = charge(n) else {
            refund(out.len() + n);
            return Inflated::Stopped(Limit::Inflate);
        };
        if out.capacity() - out.len() < n {
            // Doubling, but never to more than the budget still allows.
            let want = (out.capacity() * 2)
                .max(out.len() + n)
                .min((out.len() + n).saturating_add(left));
            out.reserve_exact(want - out.len());
        }
        out.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::io::Write;

    fn zeros(n: usize) -> Vec<u8> {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&vec![0u8; n]).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn the_deadline_is_checked_between_chunks() {
        let data = zeros(16 << 20);
        let (checks, charged) = (Cell::new(0), Cell::new(0usize));
        let r = inflate(
            &data,
            |n| {
                charged.set(charged.get() + n);
                Some(usize::MAX)
            },
            |n| charged.set(charged.get() - n),
            || {
                checks.set(checks.get() + 1);
                checks.get() > 3
            },
        );
        assert!(matches!(r, Inflated::Stopped(Limit::Timeout)));
        assert_eq!(checks.get(), 4, "stopped at the first check past the deadline");
        assert_eq!(charged.get(), 0, "what it charged was given back");
    }

    #[test]
    fn the_budget_stops_a_bomb_within_a_chunk() {
        let data = zeros(16 << 20);
        let budget = 1usize << 20;
        let used = Cell::new(0usize);
        let r = inflate(
            &data,
            |n| {
                used.set(used.get() + n);
                budget.checked_sub(used.get())
            },
            |_| {},
            || false,
        );
        assert!(matches!(r, Inflated::Stopped(Limit::Inflate)));
        assert!(used.get() <= budget + CHUNK, "{}", used.get());
        // Within the budget the bytes are lopdf's, exactly.
        let small = zeros(100_000);
        let Inflated::Done(out) = inflate(&small, |_| Some(usize::MAX), |_| {}, || false) else {
            panic!("inflates");
        };
        assert_eq!(out, vec![0u8; 100_000]);
    }
}
