//! Speaker turns of the transcript conventions beyond seminar reports
//! (`fixtures/transcripts/`): every fixture was written from the
//! convention it shows, and `<name>.expected.json` gives its turns in order
//! (speaker, role, first words) and the people it names.

use std::path::{Path, PathBuf};

use rapporteur::ingest::{SourceDoc, media_type_from_name};
use rapporteur::{Options, extract};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn report(path: &Path) -> Value {
    let name = path.file_name().and_then(|n| n.to_str()).expect("file name");
    let doc = SourceDoc {
        file: name.to_string(),
        media_type: media_type_from_name(name).expect("a known media type"),
        bytes: std::fs::read(path).expect("fixture is readable"),
    };
    let ex = extract(&doc, &Options::default()).expect("fixture extracts");
    serde_json::to_value(&ex.report).expect("report serializes")
}

fn first_words(s: &str) -> String {
    s.split_whitespace().take(4).collect::<Vec<_>>().join(" ")
}

#[test]
fn transcript_conventions_give_their_turns_and_people() {
    let dir = root().join("fixtures/transcripts");
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/transcripts exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    entries.sort();
    for path in entries {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{stem}.expected.json"))).expect("expected answers"),
        )
        .expect("expected answers parse");
        let got = report(&path);
        let turns: Vec<Value> = got["turns"]
            .as_array()
            .expect("turns")
            .iter()
            .map(|t| {
                serde_json::json!({
                    "speaker": t["speaker"],
                    "role": t["role"],
                    "starts": first_words(t["paragraphs"][0].as_str().unwrap_or("")),
                })
            })
            .collect();
        assert_eq!(Value::Array(turns), want["turns"], "turns of {stem}");
        let mut people: Vec<&str> = got["people"]
            .as_array()
            .expect("people")
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        people.sort_unstable();
        let mut want_people: Vec<&str> = want["people"]
            .as_array()
            .expect("people")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        want_people.sort_unstable();
        assert_eq!(people, want_people, "people of {stem}");
        // No role ever becomes a person.
        for p in &people {
            assert!(!rapporteur::lexicon::is_address_name(p), "{stem}: role as person {p}");
        }
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} transcript fixtures");
}
