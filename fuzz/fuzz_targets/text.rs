//! Fuzzes the whole text pipeline: `rapporteur::extract` on the input as a
//! text document (decoding, normalize, segment, event, people, grammar,
//! report assembly). It may fail only with an input error, never panic; a
//! report must keep every span inside the normalized text, and two runs on
//! the same input must give the same JSON. Run with `scripts/fuzz.sh`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapporteur::ingest::SourceDoc;
use rapporteur::report::MediaType;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let doc = SourceDoc {
        file: "fuzz.txt".into(),
        bytes: data.to_vec(),
        media_type: MediaType::Text,
    };
    match rapporteur::extract(&doc, &rapporteur::Options::default()) {
        Ok(x) => {
            common::check(&x);
            let again = rapporteur::extract(&doc, &rapporteur::Options::default()).expect("second run fails");
            assert!(
                rapporteur::emit::report_json(&x.report) == rapporteur::emit::report_json(&again.report),
                "two runs on the same input give different reports"
            );
        }
        Err(e) => assert!(e.code().starts_with("input."), "text input failed with {e}"),
    }
});
