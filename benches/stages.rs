//! Per-stage benchmarks (criterion): the PDF text layer per page, normalize +
//! segment per MB of text, the dispatch grammar per 1,000 entries, JSON
//! emission per report, and the whole pipeline on one text report.
//!
//! `cargo bench --bench stages` runs them all; `cargo bench --bench stages --
//! grammar` one group. Inputs are the repository's `input/` documents, else
//! the shared ones beside the repository (`../shared/documents/`); a group
//! whose input is missing says so and is skipped. The dispatch entries are
//! generated (deterministic) in the style of a proceedings' dispatch record.
//! `docs/performance.md` has the figures and where the time goes.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
use rapporteur::ingest::SourceDoc;
use rapporteur::report::MediaType;
use rapporteur::text::RawText;
use rapporteur::{emit, grammar, normalize, pdf, pipeline, segment};

/// Files with extension `ext` in the first of `input/` and
/// `../shared/documents/` that has any, sorted by name.
fn inputs(ext: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [root.join("input"), root.join("../shared/documents")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext)))
            .collect();
        found.sort();
        if !found.is_empty() {
            return found;
        }
    }
    eprintln!("stages: no .{ext} input under input/ or ../shared/documents/; skipping");
    Vec::new()
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn seed_text() -> Option<String> {
    let path = inputs("txt").into_iter().next()?;
    std::fs::read_to_string(path).ok()
}

fn raw_text(text: &str) -> RawText {
    RawText {
        pages: vec![text.to_string()],
        paged: false,
        diagnostics: Vec::new(),
    }
}

fn text_doc(name: &str, text: &str) -> SourceDoc {
    SourceDoc {
        file: name.to_string(),
        bytes: text.as_bytes().to_vec(),
        media_type: MediaType::Text,
    }
}

/// A small deterministic generator (xorshift), so the generated input is the
/// same on every machine without a dependency.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// `n` numbered dispatch entries under a record heading, in the style of a
/// proceedings' "record of dispatch" list: mission, locations, a date range,
/// then units with personnel counts and rotations.
fn dispatch_record(n: usize) -> String {
    let mut out = String::from("Record of Dispatch to Peace Operations since 1992:\n\n");
    for (i, entry) in dispatch_entries(n).iter().enumerate() {
        out.push_str(&format!("- {}. {entry}\n\n", i + 1));
    }
    out
}

/// The entries of [`dispatch_record`] without their list markers.
fn dispatch_entries(n: usize) -> Vec<String> {
    const MISSIONS: &[&str] = &[
        "UNTAC", "ONUMOZ", "UNDOF", "UNMISS", "MINUSTAH", "UNMIT", "UNMIN", "MFO", "UNIFIL",
    ];
    const PLACES: &[&str] = &[
        "Cambodia",
        "Mozambique",
        "Israel, Syria and Lebanon",
        "South Sudan",
        "Haiti",
        "Timor-Leste",
        "Nepal",
        "Sinai Peninsula",
        "Lebanon",
    ];
    const ROLES: &[&str] = &[
        "Staff Officers",
        "Engineering Units",
        "Civilian Police",
        "Military Observers",
        "Transport Units",
        "Movement Control Units",
        "Liaison & Coordination Personnel",
    ];
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let from_year = 1992 + g.below(28);
        let from = format!("{:02}.{from_year}", 1 + g.below(12));
        let to = if g.below(4) == 0 {
            "present".to_string()
        } else {
            format!("{:02}.{}", 1 + g.below(12), from_year + 1 + g.below(6))
        };
        let mut units = Vec::new();
        for _ in 0..1 + g.below(3) {
            let role = g.pick(ROLES);
            let count = match g.below(4) {
                0 => format!("({})", 1 + g.below(700)),
                1 => format!("(max {})", 1 + g.below(9)),
                2 => format!(
                    "({}x{}, in {} {}x1)",
                    1 + g.below(400),
                    1 + g.below(6),
                    from_year,
                    1 + g.below(50)
                ),
                _ => format!("({}x{})", 1 + g.below(700), 1 + g.below(6)),
            };
            units.push(format!("{role} {count}"));
        }
        let sep = if g.below(3) == 0 { "" } else { "," };
        out.push(format!(
            "{}{sep} {} {from}-{to}: {};",
            g.pick(MISSIONS),
            g.pick(PLACES),
            units.join(", ")
        ));
    }
    out
}

fn pdf_text_layer(c: &mut Criterion) {
    let mut group = c.benchmark_group("pdf_text_layer");
    let opts = pdf::PdfOptions::default();
    for path in inputs("pdf") {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok(first) = pdf::extract(&bytes, &opts) else {
            eprintln!("stages: {} does not extract; skipping", path.display());
            continue;
        };
        group.throughput(Throughput::Elements(u64::from(first.page_count.max(1))));
        group.bench_with_input(BenchmarkId::new("pages", name_of(&path)), &bytes, |b, bytes| {
            // The reader's lines and the geometry pass that renders them.
            b.iter(|| pdf::extract(black_box(bytes), &opts).map(|p| normalize::pdf_text(p.lines, p.diagnostics)))
        });
    }
    group.finish();
}

fn normalize_segment(c: &mut Criterion) {
    let Some(seed) = seed_text() else { return };
    let mut group = c.benchmark_group("normalize_segment");
    // The seed report as it is, and about 1 MB of reports one after another
    // (a cost that grows faster than the text shows up as lower MB/s there).
    let mut big = String::new();
    while big.len() < 1_000_000 {
        big.push_str(&seed);
        big.push_str("\n\n");
    }
    for (name, text) in [("seed", seed.as_str()), ("1MB", big.as_str())] {
        let raw = raw_text(text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("bytes", name), &raw, |b, raw| {
            b.iter(|| {
                let norm = normalize::normalize(black_box(raw));
                let seg = segment::segment(&norm);
                (norm, seg)
            })
        });
    }
    group.finish();
}

fn dispatch_grammar(c: &mut Criterion) {
    let mut group = c.benchmark_group("dispatch_grammar");
    let entries = dispatch_entries(1000);
    let parsed = entries.iter().filter(|e| grammar::parse_entry(e).is_ok()).count();
    let text = dispatch_record(1000);
    let norm = normalize::normalize(&raw_text(&text));
    let seg = segment::segment(&norm);
    let records = grammar::extract(&norm, &seg.list_groups);
    // Say what the timed work produced, so a grammar that stops reading the
    // generated entries shows here rather than as a speed-up.
    eprintln!(
        "stages: generated 1000 entries: {parsed} parse alone; the record yields {} dispatches",
        records.dispatches.len()
    );
    group.throughput(Throughput::Elements(1000));
    group.bench_function("parse_entry_1000", |b| {
        b.iter(|| {
            entries
                .iter()
                .filter(|e| grammar::parse_entry(black_box(e)).is_ok())
                .count()
        })
    });
    group.bench_function("extract_1000_entries", |b| {
        b.iter(|| grammar::extract(black_box(&norm), black_box(&seg.list_groups)))
    });
    group.finish();
}

fn json_emission(c: &mut Criterion) {
    let Some(seed) = seed_text() else { return };
    let Ok(x) = pipeline::extract(&text_doc("seed.txt", &seed), &pipeline::Options::default()) else {
        eprintln!("stages: the seed text does not extract; skipping emission");
        return;
    };
    let mut group = c.benchmark_group("json_emission");
    group.throughput(Throughput::Elements(1));
    group.bench_function("report_json", |b| b.iter(|| emit::report_json(black_box(&x.report))));
    group.finish();
}

fn whole_pipeline(c: &mut Criterion) {
    let Some(seed) = seed_text() else { return };
    let doc = text_doc("seed.txt", &seed);
    let opts = pipeline::Options::default();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("text_report", |b| {
        b.iter(|| {
            let x = pipeline::extract(black_box(&doc), &opts).ok();
            x.map(|x| emit::report_json(&x.report))
        })
    });
    group.finish();
}

fn config() -> Criterion {
    // Short runs: the benchmark machine is small and shared.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = stages;
    config = config();
    targets = pdf_text_layer, normalize_segment, dispatch_grammar, json_emission, whole_pipeline
}
/// Instruction-count mode for `valgrind --tool=callgrind`: with
/// `STAGES_PROFILE_DIR=dir`, runs `pipeline::extract` on every `.txt` and
/// `.md` file in `dir` twice (the first pass compiles the regexes the files
/// reach) and exits without running criterion.
/// Collect only the measured part with
/// `--toggle-collect='stages::profile_dir'`.
fn profile_mode() -> bool {
    let Some(dir) = std::env::var_os("STAGES_PROFILE_DIR") else {
        return false;
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("stages: cannot read {}", Path::new(&dir).display());
        return true;
    };
    let mut docs: Vec<SourceDoc> = Vec::new();
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let media_type = match path.extension().and_then(|x| x.to_str()) {
            Some("txt") => MediaType::Text,
            Some("md") => MediaType::Markdown,
            _ => continue,
        };
        let Ok(bytes) = std::fs::read(&path) else { continue };
        docs.push(SourceDoc {
            file: name_of(&path),
            bytes,
            media_type,
        });
    }
    let opts = pipeline::Options::default();
    // A first pass compiles every regex that the documents reach.
    profile_warm_up(&docs, &opts);
    let (n, bytes) = profile_dir(&docs, &opts);
    eprintln!("stages: extracted {n} of {} documents, {bytes} bytes", docs.len());
    true
}

#[inline(never)]
fn profile_warm_up(docs: &[SourceDoc], opts: &pipeline::Options) {
    for doc in docs {
        black_box(pipeline::extract(doc, opts).ok());
    }
}

#[inline(never)]
fn profile_dir(docs: &[SourceDoc], opts: &pipeline::Options) -> (usize, usize) {
    let mut n = 0;
    let mut bytes = 0;
    for doc in docs {
        if let Ok(x) = pipeline::extract(black_box(doc), opts) {
            n += 1;
            bytes += black_box(x).text.len();
        }
    }
    (n, bytes)
}

fn main() {
    if profile_mode() {
        return;
    }
    stages();
    Criterion::default().configure_from_args().final_summary();
}
