//! Golden tests of normalize, segment and people on variant documents
//! (`fixtures/variants/`) and the seed (`fixtures/seed/`).
//!
//! Each document runs through the whole pipeline; the snapshot holds the
//! parts these stages own (sections, turns, people, lists and their
//! diagnostics), so changes in the event or dispatch stages do not churn
//! it. Review changes with `cargo insta review` or `INSTA_UPDATE=always`.

use std::path::Path;

use rapporteur::ingest::{SourceDoc, media_type_from_name};
use rapporteur::report::MediaType;
use rapporteur::{Options, extract};
use serde_json::{Value, json};

fn view(path: &Path) -> Value {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("doc").to_string();
    let bytes = std::fs::read(path).expect("fixture readable");
    let doc = SourceDoc {
        media_type: media_type_from_name(&name).unwrap_or(MediaType::Text),
        file: name,
        bytes,
    };
    let x = extract(&doc, &Options::default()).expect("extracts");
    let r = &x.report;
    // Every span points into the normalized text.
    for t in &r.turns {
        assert!(x.text.get(t.span.start..t.span.end).is_some(), "turn span inside text");
    }
    let mine =
        |code: &str| code.starts_with("normalize.") || code.starts_with("segment.") || code.starts_with("people.");
    json!({
        "sections": r.sections.iter().map(|s| s.title.clone()).collect::<Vec<_>>(),
        "people": r.people,
        "presenters": r.event.presenters,
        "turns": r.turns.iter().map(|t| json!({
            "section": t.section,
            "speaker": t.speaker,
            "speaker_id": t.speaker_id,
            "header": t.header,
            "paragraphs": t.paragraphs,
        })).collect::<Vec<_>>(),
        "lists": r.lists.iter().map(|l| json!({"title": l.title, "items": l.items})).collect::<Vec<_>>(),
        "diagnostics": r.diagnostics.iter().filter(|d| mine(&d.code)).map(|d| json!({
            "severity": d.severity,
            "code": d.code,
            "text": d.span.and_then(|s| x.text.get(s.start..s.end)).map(|t| t.chars().take(80).collect::<String>()),
        })).collect::<Vec<_>>(),
    })
}

#[test]
fn variant_documents() {
    insta::glob!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"), "variants/*", |path| {
        insta::assert_json_snapshot!(view(path));
    });
}

#[test]
fn seed_document() {
    insta::glob!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"), "seed/*.txt", |path| {
        insta::assert_json_snapshot!(view(path));
    });
}

/// The seed's turns, people and joins as the gold file states them, checked
/// without the snapshot (so a snapshot update cannot hide a regression).
#[test]
fn seed_matches_gold_essentials() {
    let v = view(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seed/hisajima-2022-07-27.txt"
    )));
    let turns = v["turns"].as_array().expect("turns");
    assert_eq!(turns.len(), 24);
    assert_eq!(v["people"].as_array().map(|p| p.len()), Some(13));
    let sections: Vec<&str> = turns.iter().filter_map(|t| t["section"].as_str()).collect();
    assert_eq!(sections.iter().filter(|s| s.starts_with("Part III")).count(), 19);
    assert!(turns.iter().all(|t| t["speaker_id"].is_string()));
    let joined = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "normalize.paragraph-rejoined")
        .count();
    assert_eq!(joined, 8);
    let ambiguous = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "people.ambiguous-mention")
        .count();
    assert!(ambiguous >= 1);
}
