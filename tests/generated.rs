//! Generated reports of the genre (`tests/common/synth.rs`, documented in
//! `docs/generator.md`), scored against the gold the generator knows with
//! the port of `score_gold.py` (`tests/common/score.rs`).
//!
//! 500 fixed seeds; the mean per area must reach the bars of issue 12
//! (overall >= 0.99, every area >= 0.98). A failure prints the worst seeds
//! with what they missed; `GEN_SEED=N cargo test --test generated -- --nocapture dump`
//! writes seed N's document and gold to `target/generated/`.

mod common;

use common::gold::{Score, score};
use common::synth::{Generated, generate};
use rapporteur::ingest::{SourceDoc, media_type_from_name};
use rapporteur::report::MediaType;
use rapporteur::{Options, extract};

const SEEDS: u64 = 500;

/// One area's score of a report.
type Area = fn(&Score) -> f64;

/// The bars the means must reach: (area, minimum). Issue 12 asks for
/// overall >= 0.99 and every area >= 0.98; these are the measured floors,
/// above those bars (a ratchet: raise them with each fix, never lower them).
const BARS: &[(&str, f64)] = &[
    ("event", 0.9999),
    ("people", 0.9999),
    ("turns", 0.9999),
    ("dispatches", 0.9999),
    ("overall", 0.9999),
];

fn report_of(g: &Generated) -> serde_json::Value {
    let doc = SourceDoc {
        media_type: media_type_from_name(&g.file_name).unwrap_or(MediaType::Text),
        file: g.file_name.clone(),
        bytes: g.text.as_bytes().to_vec(),
    };
    let x = extract(&doc, &Options::default()).unwrap_or_else(|e| panic!("seed {}: extract failed: {e}", g.seed));
    serde_json::to_value(&x.report).expect("report serializes")
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

#[test]
fn generated_reports_score_by_area() {
    let scored: Vec<(u64, Score)> = (0..SEEDS)
        .map(|seed| {
            let g = generate(seed);
            (seed, score(&g.gold, &report_of(&g)))
        })
        .collect();
    let areas: [(&str, Area); 5] = [
        ("event", |s| s.event),
        ("people", |s| s.people),
        ("turns", |s| s.turns),
        ("dispatches", |s| s.dispatches),
        ("overall", Score::overall),
    ];
    let means: Vec<(&str, f64)> = areas
        .iter()
        .map(|(n, f)| (*n, mean(scored.iter().map(|(_, s)| f(s)))))
        .collect();
    let table: Vec<String> = means.iter().map(|(n, m)| format!("{n} {m:.4}")).collect();
    eprintln!("generated reports ({SEEDS} seeds): {}", table.join(", "));
    let mut worst: Vec<&(u64, Score)> = scored.iter().filter(|(_, s)| s.overall() < 1.0).collect();
    worst.sort_by(|a, b| a.1.overall().total_cmp(&b.1.overall()));
    let report: Vec<String> = worst
        .iter()
        .take(8)
        .map(|(seed, s)| {
            format!(
                "seed {seed}: overall {:.3}\n    {}",
                s.overall(),
                s.misses.join("\n    ")
            )
        })
        .collect();
    let ok = means
        .iter()
        .all(|(n, m)| BARS.iter().all(|(b, min)| b != n || m >= min));
    assert!(
        ok,
        "generated reports below the bar: {}\n{} of {SEEDS} imperfect; the worst:\n{}",
        table.join(", "),
        worst.len(),
        report.join("\n")
    );
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    let a = generate(7);
    let b = generate(7);
    assert_eq!(a.text, b.text);
    assert_eq!(a.gold, b.gold);
    let texts: std::collections::HashSet<String> = (0..50).map(|s| generate(s).text).collect();
    assert_eq!(texts.len(), 50, "50 seeds must give 50 different documents");
}

#[test]
fn dump() {
    let Some(seed) = std::env::var("GEN_SEED").ok().and_then(|s| s.parse().ok()) else {
        return;
    };
    let g = generate(seed);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/generated");
    std::fs::create_dir_all(&dir).expect("target/generated");
    let stem = format!("seed-{seed}");
    let ext = if g.file_name.ends_with(".md") { "md" } else { "txt" };
    std::fs::write(dir.join(format!("{stem}.{ext}")), &g.text).expect("write");
    std::fs::write(
        dir.join(format!("{stem}.gold.json")),
        serde_json::to_string_pretty(&g.gold).expect("json"),
    )
    .expect("write");
    let s = score(&g.gold, &report_of(&g));
    eprintln!("seed {seed}: overall {:.3}\n  {}", s.overall(), s.misses.join("\n  "));
}

/// `GEN_CENSUS=1 cargo test --test generated -- --nocapture census`: the
/// misses of all seeds by kind, most frequent first, with an example seed
/// (`GEN_CENSUS=all` also prints every miss with its seed).
#[test]
fn census() {
    if std::env::var("GEN_CENSUS").is_err() {
        return;
    }
    let mut kinds: std::collections::BTreeMap<String, (usize, u64, String)> = Default::default();
    for seed in 0..SEEDS {
        let g = generate(seed);
        let s = score(&g.gold, &report_of(&g));
        for m in &s.misses {
            if std::env::var("GEN_CENSUS").is_ok_and(|v| v == "all") {
                eprintln!("seed {seed}: {m}");
            }
            let kind: String = m.split([':', '(']).next().unwrap_or("").to_string();
            let e = kinds.entry(kind).or_insert((0, seed, m.clone()));
            e.0 += 1;
        }
    }
    let mut v: Vec<_> = kinds.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1.0));
    for (k, (n, seed, ex)) in v {
        eprintln!("{n:6} {k} (seed {seed}: {ex})");
    }
}
