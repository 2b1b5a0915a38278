//! Text dumps of PDFs, as other extractors leave them, scored on the gold.
//!
//! `fixtures/dumps/<doc>.<producer>.<tool>.txt` is what `pdftotext`,
//! `pdftotext -layout`, `pdftotext -raw` or `mutool draw -F txt` made of a
//! PDF of `<doc>` (the shared seminar report's Chromium and LibreOffice
//! PDFs, and groff -ms renderings of the seed and the held-out reports;
//! `fixtures/dumps/README.md` says how each was made). Each must score
//! within 0.01 of a perfect extraction, except the shortfalls listed below
//! with the score they reach today (a listed dump that reaches the target
//! fails the test too, so the list only shrinks). Variants made here from a
//! dump (CR-only line ends, court-style line numbers) must score as the dump
//! does.

mod common;

use std::path::{Path, PathBuf};

use rapporteur::ingest::SourceDoc;
use rapporteur::report::MediaType;
use rapporteur::{Options, extract};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The gold of a dump: by its document stem, in the seed or the held-out set.
fn gold_of(dump: &Path) -> Value {
    let name = dump.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let path = [
        root().join(format!("fixtures/seed/{stem}.gold.json")),
        root().join(format!("fixtures/heldout/{stem}.gold.json")),
    ]
    .into_iter()
    .find(|p| p.exists())
    .unwrap_or_else(|| panic!("no gold for {name}"));
    serde_json::from_slice(&std::fs::read(path).expect("gold readable")).expect("gold is JSON")
}

fn score_of(name: &str, bytes: Vec<u8>, gold: &Value) -> f64 {
    let doc = SourceDoc {
        media_type: MediaType::Text,
        file: name.to_string(),
        bytes,
    };
    let x = extract(&doc, &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let rep = serde_json::to_value(&x.report).expect("report serializes");
    common::gold::score(gold, &rep).overall()
}

/// The target: within 0.01 of a perfect extraction (as the scorer rounds,
/// to three places).
const TARGET: f64 = 0.9895;

/// Dumps that miss the target today, with the score they reach and why.
const SHORTFALLS: &[(&str, f64, &str)] = &[
    (
        "hisajima-2022-07-27.chromium.pdftotext.txt",
        0.971,
        "title: the running header repeats it",
    ),
    (
        "hisajima-2022-07-27.libreoffice.pdftotext.txt",
        0.964,
        "title; pdftotext joined Timor-Leste",
    ),
    (
        "hisajima-2022-07-27.groff.pdftotext.txt",
        0.935,
        "pdftotext merged lines of two speakers",
    ),
    (
        "arctic-sar-2023.groff.pdftotext.txt",
        0.800,
        "the groff PDF itself scores 1.000",
    ),
    (
        "bangladesh-women-2022.groff.pdftotext.txt",
        0.867,
        "the groff PDF itself scores 0.867",
    ),
    (
        "canada-peacekeeping-2024.groff.pdftotext.txt",
        0.767,
        "the groff PDF itself scores 0.767",
    ),
    (
        "ceasefire-monitoring-2023.groff.pdftotext.txt",
        0.901,
        "the groff PDF itself scores 0.435",
    ),
    (
        "korea-police-2022.groff.pdftotext.txt",
        0.833,
        "the groff PDF itself scores 0.826",
    ),
    (
        "mine-action-2022.groff.pdftotext.txt",
        0.919,
        "the groff PDF itself scores 0.600",
    ),
    (
        "protection-civilians-2023.groff.pdftotext.txt",
        0.767,
        "the groff PDF itself scores 0.864",
    ),
    (
        "refugee-education-2023.groff.pdftotext.txt",
        0.869,
        "the groff PDF itself scores 0.267",
    ),
];

#[test]
fn text_dumps_score_like_their_pdf() {
    let mut dumps: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/dumps"))
        .expect("fixtures/dumps exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    dumps.sort();
    assert!(dumps.len() >= 20, "expected the dumps, found {}", dumps.len());
    let mut failures = Vec::new();
    for d in &dumps {
        let name = d.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let score = score_of(name, std::fs::read(d).expect("dump readable"), &gold_of(d));
        match SHORTFALLS.iter().find(|s| s.0 == name) {
            Some((_, floor, why)) if score + 0.0005 < *floor => {
                failures.push(format!("{name}: {score:.3}, below its known {floor:.3} ({why})"))
            }
            Some((_, floor, _)) if score >= TARGET => failures.push(format!(
                "{name}: {score:.3} reaches the target (was {floor:.3}): remove it from SHORTFALLS"
            )),
            Some(_) => {}
            None if score < TARGET => failures.push(format!("{name}: {score:.3} < {TARGET}")),
            None => {}
        }
    }
    assert!(failures.is_empty(), "text dumps:\n  {}", failures.join("\n  "));
}

/// Court and hearing transcripts number every line of a page from 1; a dump
/// keeps the numbers at the start of each line.
fn with_line_numbers(text: &str) -> String {
    let mut out = String::new();
    for (k, sheet) in text.split('\u{c}').enumerate() {
        if k > 0 {
            out.push('\u{c}');
        }
        let lines: Vec<&str> = sheet.split('\n').collect();
        for (i, line) in lines.iter().enumerate() {
            if i + 1 == lines.len() && line.is_empty() {
                break;
            }
            out.push_str(&format!("{:>2}  {line}\n", i + 1));
        }
    }
    out
}

#[test]
fn cr_line_ends_and_margin_line_numbers_score_as_the_dump() {
    for name in [
        "hisajima-2022-07-27.chromium.raw.txt",
        "hisajima-2022-07-27.libreoffice.layout.txt",
        "japan-sdf-2023.groff.pdftotext.txt",
    ] {
        let path = root().join("fixtures/dumps").join(name);
        let text = std::fs::read_to_string(&path).expect("dump readable");
        let gold = gold_of(&path);
        let base = score_of(name, text.clone().into_bytes(), &gold);
        let cr = score_of(name, text.replace('\n', "\r").into_bytes(), &gold);
        let numbered = score_of(name, with_line_numbers(&text).into_bytes(), &gold);
        assert!(base >= TARGET, "{name}: {base:.3}");
        assert!(
            (cr - base).abs() < 0.005,
            "{name} with CR line ends: {cr:.3} against {base:.3}"
        );
        assert!(
            (numbered - base).abs() < 0.005,
            "{name} with margin line numbers: {numbered:.3} against {base:.3}"
        );
    }
}
