//! Fuzzes PDF ingestion: the pre-parse guard, then `rapporteur::extract` on
//! the input as a PDF (lopdf, our text layer, then the whole pipeline),
//! with a 64 MiB decompression cap so a bomb trips the limit instead of the
//! fuzzer's memory limit. Any error is acceptable except `internal` (a
//! caught panic); a report must keep every span inside the text and its
//! pages inside the page count. Run with `scripts/fuzz.sh`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapporteur::ingest::SourceDoc;
use rapporteur::pdf::{PdfOptions, guard};
use rapporteur::report::MediaType;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if guard::check(data, guard::DEFAULT_MAX_DEPTH).is_err() {
        return;
    }
    let doc = SourceDoc {
        file: "fuzz.pdf".into(),
        bytes: data.to_vec(),
        media_type: MediaType::Pdf,
    };
    let opts = rapporteur::Options {
        pdf: PdfOptions {
            max_pages: 1000,
            max_inflate: 64 << 20,
            ..Default::default()
        },
        ..Default::default()
    };
    match rapporteur::extract(&doc, &opts) {
        Ok(x) => common::check(&x),
        Err(e) => assert!(e.code() != "internal", "{e}"),
    }
});
