//! `run --review` and `rapporteur review` outside the browser: the pages
//! are written, listed in the manifest, deterministic, left alone by a
//! rerun, made again when lost, removed by a run without `--review`, and
//! compared by `--check`.

mod common;

use std::path::Path;

use rapporteur::batch::manifest::Manifest;

fn inputs(dir: &Path) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), common::seed()).unwrap();
    std::fs::write(dir.join("sub/b.txt"), common::small_doc(1)).unwrap();
    std::fs::write(dir.join("broken.pdf"), b"%PDF-1.4 not really").unwrap();
}

/// `rapporteur run INPUT --out OUT --quiet EXTRA...`.
fn run(input: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    common::run(input, out, &[&["--quiet"], extra].concat())
}

/// `rapporteur review SOURCE EXTRA... -o PAGE`.
fn review(source: &Path, extra: &[&std::ffi::OsStr], page: &Path) -> assert_cmd::assert::Assert {
    common::cmd()
        .arg("review")
        .arg(source)
        .args(extra)
        .arg("-o")
        .arg(page)
        .assert()
}

fn manifest(out: &Path) -> Manifest {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

fn mtime(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn run_review_writes_listed_pages_and_reruns_keep_them() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    inputs(&input);
    run(&input, &out, &["--review"]).code(1); // broken.pdf fails
    let m = manifest(&out);
    assert_eq!(m.review.as_ref().unwrap().page, "review/index.html");
    let pages: Vec<String> = m
        .documents
        .iter()
        .filter_map(|d| d.review.as_ref().map(|r| r.page.clone()))
        .collect();
    assert_eq!(pages, ["review/a.txt.html", "review/sub/b.txt.html"]);
    for d in &m.documents {
        if let Some(r) = &d.review {
            assert_eq!(std::fs::metadata(out.join(&r.page)).unwrap().len(), r.bytes);
        }
    }
    let index = std::fs::read_to_string(out.join("review/index.html")).unwrap();
    assert!(index.contains("href=\"sub/b.txt.html\""), "{index}");
    assert!(index.contains("broken.pdf") && index.contains("data-status=\"failed\""));
    let sub = std::fs::read_to_string(out.join("review/sub/b.txt.html")).unwrap();
    assert!(sub.contains("href=\"../index.html\""));

    // A rerun leaves every page alone.
    let page = out.join("review/a.txt.html");
    let (t_page, t_index) = (mtime(&page), mtime(&out.join("review/index.html")));
    let bytes = std::fs::read(&page).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    run(&input, &out, &["--review"]).code(1);
    assert_eq!(mtime(&page), t_page);
    assert_eq!(mtime(&out.join("review/index.html")), t_index);
    // The failure (broken.pdf) is recorded identically: no change, exit 0.
    run(&input, &out, &["--review", "--check"]).success().stdout("");

    // A lost page comes back, from the report on disk, with the same bytes.
    std::fs::remove_file(&page).unwrap();
    run(&input, &out, &["--review", "--check"])
        .code(1)
        .stdout("would create: review/a.txt.html\n");
    run(&input, &out, &["--review"])
        .code(1)
        .stderr(predicates::str::contains("2 skipped"));
    assert_eq!(std::fs::read(&page).unwrap(), bytes);

    // A run without --review removes them (they are ours: the manifest says so).
    run(&input, &out, &[]).code(1);
    let left: Vec<_> = walkdir::WalkDir::new(out.join("review"))
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(manifest(&out).documents.iter().all(|d| d.review.is_none()));
}

#[test]
fn pages_do_not_depend_on_the_number_of_workers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    inputs(&input);
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    run(&input, &one, &["--review", "-j", "1"]).code(1);
    run(&input, &two, &["--review", "-j", "2", "--force"]).code(1);
    for rel in [
        "review/index.html",
        "review/a.txt.html",
        "review/sub/b.txt.html",
        "manifest.json",
    ] {
        assert_eq!(
            std::fs::read(one.join(rel)).unwrap(),
            std::fs::read(two.join(rel)).unwrap(),
            "{rel}"
        );
    }
}

#[test]
fn review_command_renders_a_report_or_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let (input, out) = (dir.path().join("in"), dir.path().join("out"));
    inputs(&input);
    run(&input, &out, &[]).code(1);
    let from_report = dir.path().join("from-report.html");
    review(&out.join("reports/a.txt.json"), &[], &from_report).success();
    let from_input = dir.path().join("from-input.html");
    review(&input.join("a.txt"), &[], &from_input).success();
    let a = std::fs::read_to_string(&from_report).unwrap();
    assert_eq!(
        a,
        std::fs::read_to_string(&from_input).unwrap(),
        "a text input has no source link"
    );
    assert!(a.contains("data-turn=\"0\"") && !a.contains("All documents"));
    // The wrong text is refused, naming both files.
    let wrong_text = out.join("text/sub/b.txt.txt");
    review(
        &out.join("reports/a.txt.json"),
        &["--text".as_ref(), wrong_text.as_os_str()],
        &dir.path().join("x.html"),
    )
    .code(2)
    .stderr(predicates::str::contains("is not the text of"));
    // A report whose text cannot be found says how to give it.
    let lone = dir.path().join("lone.json");
    std::fs::copy(out.join("reports/a.txt.json"), &lone).unwrap();
    review(&lone, &[], Path::new("-"))
        .code(2)
        .stderr(predicates::str::contains("--text"));
}
