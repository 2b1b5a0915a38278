//! The memory one document may take while its streams are inflated: the
//! decoded bytes of a decompression bomb never exceed `--max-inflate` (plus
//! one chunk), where buffers grown by doubling used to reach twice it.
//!
//! Its own test binary: the peak is measured with a counting allocator, so
//! no other test may allocate at the same time.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::raw_pdf::RawPdf;
use rapporteur::ingest::SourceDoc;
use rapporteur::pdf::PdfOptions;
use rapporteur::report::MediaType;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only
// the byte counts are recorded.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn deflate_zeros(n: usize) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..n >> 20 {
        enc.write_all(&chunk).unwrap();
    }
    enc.finish().unwrap()
}

/// One page whose content stream is `data` under `filter`.
fn bomb_pdf(filter: &str, data: &[u8]) -> Vec<u8> {
    RawPdf::new()
        .obj("<< /Type /Catalog /Pages 2 0 R >>")
        .obj("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>")
        .obj("<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>")
        .obj(RawPdf::stream(&format!("/Filter {filter}"), data))
        .build()
}

/// The peak of live heap bytes above what was live before, while `pdf` is
/// read with `max_inflate`, and the error code it gives.
fn peak_while_reading(pdf: Vec<u8>, max_inflate: u64) -> (usize, String) {
    let doc = SourceDoc {
        file: "bomb.pdf".into(),
        bytes: pdf,
        media_type: MediaType::Pdf,
    };
    let opts = rapporteur::Options {
        pdf: PdfOptions {
            max_inflate,
            ..PdfOptions::default()
        },
        ..Default::default()
    };
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let code = match rapporteur::extract(&doc, &opts) {
        Ok(_) => "ok".to_string(),
        Err(e) => e.code().to_string(),
    };
    (PEAK.load(Ordering::Relaxed) - before, code)
}

#[test]
fn a_bomb_holds_no_more_than_the_inflate_budget() {
    // Just over a power of two: a buffer grown by doubling to hold it
    // would take twice the budget.
    let budget: u64 = (32 << 20) + (1 << 20);
    let once = deflate_zeros(96 << 20);
    let twice = {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&once).unwrap();
        enc.finish().unwrap()
    };
    for (filter, data) in [("/FlateDecode", &once), ("[/FlateDecode /FlateDecode]", &twice)] {
        let (peak, code) = peak_while_reading(bomb_pdf(filter, data), budget);
        assert_eq!(code, "limit.inflate", "{filter}");
        eprintln!("{filter}: peak {peak} bytes, budget {budget}");
        let bound = budget + budget / 8 + data.len() as u64 * 2;
        assert!(
            (peak as u64) < bound,
            "{filter}: {peak} bytes live at the peak, over {bound} (budget {budget})"
        );
    }
}
