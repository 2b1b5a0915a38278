//! Every report the test suite can produce validates against the published
//! JSON Schema (`report::json_schema()`, what `rapporteur schema` prints) and
//! deserializes back into `Report` (which denies unknown fields) to the same
//! bytes.
//!
//! Inputs: every `.txt`, `.md` and `.pdf` under `fixtures/` and `input/`, plus
//! a few generated documents (other encodings, Markdown, an empty-ish file).

use std::path::{Path, PathBuf};

use rapporteur::ingest::{self, SourceDoc};
use rapporteur::report::{self, MediaType, Report};
use rapporteur::{emit, pipeline};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "md" | "pdf"))
        {
            out.push(p);
        }
    }
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&report::json_schema()).expect("the published schema is a valid JSON Schema")
}

/// Checks one document; returns false when the pipeline refused it (an
/// error is a legitimate outcome for a malformed fixture).
fn check(v: &jsonschema::Validator, name: &str, bytes: Vec<u8>, media_type: MediaType) -> bool {
    let doc = SourceDoc {
        file: name.to_string(),
        bytes,
        media_type,
    };
    // The batch's limits, tighter: a malformed fixture may be a bomb.
    let limits = rapporteur::batch::Limits {
        max_bytes: 64 << 20,
        max_inflate: 256 << 20,
        doc_timeout: std::time::Duration::from_secs(60),
        ..Default::default()
    };
    let Ok(x) = rapporteur::extract(&doc, &limits.options()) else {
        return false;
    };
    let bytes = emit::report_json(&x.report);
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{name}: report does not match the schema:\n{}",
        errors.join("\n")
    );
    let back: Report = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        emit::report_json(&back),
        bytes,
        "{name}: the report does not round-trip"
    );
    // Spans point into the normalized text, on char boundaries.
    let text = &x.text;
    for d in &x.report.diagnostics {
        if let Some(s) = d.span {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{name}: diagnostic span out of range"
            );
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }
    for t in &x.report.turns {
        assert!(t.span.end <= text.len() && text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
    }
    assert_eq!(x.report.source.text_sha256, pipeline::sha256_hex(text.as_bytes()));
    true
}

#[test]
fn every_fixture_and_input_report_matches_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("fixtures"), &mut files);
    collect(&root.join("input"), &mut files);
    assert!(!files.is_empty(), "no input documents found");
    let v = validator();
    let mut produced = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let name = f.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let mt = ingest::media_type_from_name(&name).unwrap_or_else(|| ingest::sniff_media_type(&bytes));
        if check(&v, &name, bytes, mt) {
            produced += 1;
        }
    }
    assert!(produced > 0, "no document produced a report");
}

#[test]
fn generated_variants_match_the_schema() {
    let v = validator();
    let seed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("input/hisajima-2022-07-27.txt")).unwrap();
    let seed_text = String::from_utf8_lossy(&seed).into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in seed_text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let cases: Vec<(&str, Vec<u8>, MediaType)> = vec![
        ("seed.md", seed.clone(), MediaType::Markdown),
        ("utf16.txt", utf16, MediaType::Text),
        (
            "latin1.txt",
            b"Caf\xe9 report\n\nMr. J\xf6rg M\xfcller (Chair)\n\nHello.\n".to_vec(),
            MediaType::Text,
        ),
        (
            "damaged.txt",
            [seed.as_slice(), b"\xff\xfe\x80"].concat(),
            MediaType::Text,
        ),
        ("tiny.txt", b"x".to_vec(), MediaType::Text),
        (
            "crlf.txt",
            seed_text.replace('\n', "\r\n").into_bytes(),
            MediaType::Text,
        ),
        (
            "md-heading.md",
            b"# Seminar\n\n## Part I: Talk\n\n- one\n- two\n\n1. a\n2. b\n".to_vec(),
            MediaType::Markdown,
        ),
    ];
    for (name, bytes, mt) in cases {
        // A one-letter document may legitimately be refused; the others not.
        let produced = check(&v, name, bytes, mt);
        assert!(produced || name == "tiny.txt", "{name}: the pipeline refused it");
    }
}

#[test]
fn schema_names_the_format_fields() {
    let schema = report::json_schema();
    let props = schema["properties"].as_object().expect("top-level properties");
    for key in [
        "format",
        "version",
        "generator",
        "source",
        "event",
        "people",
        "sections",
        "turns",
        "dispatches",
        "deployments",
        "lists",
        "diagnostics",
    ] {
        assert!(props.contains_key(key), "schema lacks {key}");
    }
}

/// The format promises additive change within a version: a report from a
/// later release, with fields this schema does not know (at the top, in an
/// object, in an array's items), still validates. What the schema does
/// pin stays pinned: a missing required field, a wrong type or another
/// major version is refused.
#[test]
fn a_report_with_added_fields_validates() {
    let v = validator();
    let seed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("input/hisajima-2022-07-27.txt")).unwrap();
    let doc = SourceDoc {
        file: "seed.txt".to_string(),
        bytes: seed,
        media_type: MediaType::Text,
    };
    let x = rapporteur::extract(&doc, &rapporteur::Options::default()).unwrap();
    let report: serde_json::Value = serde_json::from_slice(&emit::report_json(&x.report)).unwrap();
    assert!(v.is_valid(&report));
    assert!(!report["diagnostics"].as_array().unwrap().is_empty() && !report["turns"].as_array().unwrap().is_empty());

    let mut added = report.clone();
    added["added_later"] = serde_json::json!({"anything": [1, 2]});
    added["source"]["added_later"] = serde_json::json!(true);
    added["event"]["added_later"] = serde_json::json!("x");
    added["diagnostics"][0]["added_later"] = serde_json::json!(3);
    added["turns"][0]["added_later"] = serde_json::json!(null);
    let errors: Vec<String> = v
        .iter_errors(&added)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "added fields are refused:\n{}", errors.join("\n"));

    let mut missing = report.clone();
    missing["diagnostics"][0].as_object_mut().unwrap().remove("code");
    assert!(!v.is_valid(&missing), "a diagnostic without its code validates");
    let mut wrong = report.clone();
    wrong["turns"][0]["span"] = serde_json::json!("here");
    assert!(!v.is_valid(&wrong), "a span that is a string validates");
    let mut other = report;
    other["version"] = serde_json::json!(2);
    assert!(!v.is_valid(&other), "version 2 validates against the version 1 schema");
}

#[test]
fn the_published_schema_closes_no_object() {
    let text = serde_json::to_string(&report::json_schema()).unwrap();
    assert!(!text.contains("\"additionalProperties\":false"), "{text}");
}
