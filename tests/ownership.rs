//! The output folder belongs to the user: a run deletes or replaces only
//! what a manifest of ours says we wrote, refuses a non-empty folder that
//! holds no manifest of ours, and marks its manifest incomplete before it
//! touches the first output.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{manifest, run, small_doc, spawn_run, tree};
use predicates::prelude::*;

fn inputs(dir: &Path, names: &[&str]) -> std::path::PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (i, name) in names.iter().enumerate() {
        std::fs::write(input.join(name), small_doc(i)).unwrap();
    }
    input
}

/// Files of the user's that a run must never touch.
fn plant_foreign_files(out: &Path) -> Vec<(String, Vec<u8>)> {
    let files = [
        ("reports/q1.xlsx", b"spreadsheet".to_vec()),
        ("text/board.docx", b"minutes".to_vec()),
        ("turns.jsonl", b"{\"mine\":1}\n".to_vec()),
        ("notes/readme.txt", b"keep me".to_vec()),
    ];
    for (rel, bytes) in &files {
        let p = out.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    files.iter().map(|(r, b)| (r.to_string(), b.clone())).collect()
}

#[test]
fn a_non_empty_folder_without_our_manifest_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), &["a.txt", "b.txt"]);
    let out = dir.path().join("out");
    plant_foreign_files(&out);
    let before = tree(&out);
    for extra in [&[][..], &["--check"][..], &["--force"][..]] {
        run(&input, &out, extra)
            .code(2)
            .stderr(predicates::str::contains("no manifest of rapporteur"));
        assert_eq!(tree(&out), before, "{extra:?} touched the folder");
    }
}

#[test]
fn the_input_folder_as_output_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), &["a.txt", "b.txt"]);
    std::fs::create_dir_all(input.join("reports")).unwrap();
    std::fs::write(input.join("reports/c.txt"), small_doc(9)).unwrap();
    let before = tree(&input);
    run(&input, &input, &[]).code(2);
    assert_eq!(tree(&input), before);
}

#[test]
fn files_we_did_not_write_survive_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), &["a.txt", "b.txt", "c.txt"]);
    let out = dir.path().join("out");
    let foreign = plant_foreign_files(&out);
    run(&input, &out, &["--allow-foreign-out"]).success();
    assert!(out.join("reports/a.txt.json").is_file());
    // A document removed from the input: its outputs go, nothing else.
    std::fs::remove_file(input.join("b.txt")).unwrap();
    std::fs::write(out.join("reports/board.docx"), b"dropped in later").unwrap();
    run(&input, &out, &[]).success();
    assert!(!out.join("reports/b.txt.json").exists());
    assert!(!out.join("text/b.txt.txt").exists());
    assert_eq!(
        std::fs::read(out.join("reports/board.docx")).unwrap(),
        b"dropped in later"
    );
    for (rel, bytes) in foreign {
        if rel.ends_with(".jsonl") {
            continue; // ours by name once the user allowed the folder
        }
        assert_eq!(std::fs::read(out.join(&rel)).unwrap(), bytes, "{rel}");
    }
}

#[test]
fn a_manifest_edited_to_point_elsewhere_deletes_nothing_there() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), &["a.txt"]);
    let out = dir.path().join("out");
    run(&input, &out, &[]).success();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::write(input.join("keep.txt"), "x").unwrap();
    let path = out.join("manifest.json");
    let mut m: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let mut entry = m["documents"][0].clone();
    entry["file"] = "zzz.txt".into();
    entry["report"] = format!("reports/../../{}", victim.file_name().unwrap().to_string_lossy()).into();
    entry["text"] = victim.display().to_string().into();
    m["documents"].as_array_mut().unwrap().push(entry);
    std::fs::write(&path, serde_json::to_vec(&m).unwrap()).unwrap();
    run(&input, &out, &["--force"]).success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// A rerun that replaces a report must not leave the old `complete: true`
/// manifest on disk while it does: killed at that moment, the next run
/// would trust outputs that disagree with the manifest.
#[cfg(unix)]
#[test]
fn the_manifest_is_marked_incomplete_before_the_first_output_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), &["a.txt", "b.txt", "c.txt"]);
    let out = dir.path().join("out");
    run(&input, &out, &[]).success();
    let old_report = std::fs::read(out.join("reports/a.txt.json")).unwrap();
    std::fs::write(input.join("a.txt"), small_doc(40)).unwrap();
    std::fs::write(input.join("c.txt"), small_doc(41)).unwrap();
    // c.txt hangs (debug builds' fault injection) after a.txt is written.
    let mut child = spawn_run(
        &input,
        &out,
        &["--jobs", "1", "--quiet"],
        &[("RAPPORTEUR_FAULT", "hang:c.txt")],
        false,
    );
    let start = Instant::now();
    while std::fs::read(out.join("reports/a.txt.json")).ok().as_ref() == Some(&old_report) {
        assert!(start.elapsed() < Duration::from_secs(60), "a.txt was never rewritten");
        std::thread::sleep(Duration::from_millis(5));
    }
    let m = manifest(&out);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(m["complete"], false, "a replaced report under a complete manifest");
    // The next run repairs everything.
    run(&input, &out, &[]).success();
}

/// A regular file or a symbolic link where the run writes its outputs
/// refuses the run before any work (exit 2): the good reports of the
/// previous run stay, the manifest is not rewritten.
#[cfg(unix)]
#[test]
fn something_standing_where_outputs_go_stops_the_run_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), &["a.txt", "b.txt"]);
    let out = dir.path().join("out");
    run(&input, &out, &[]).success();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    type Plant = fn(&Path, &Path);
    let plants: [(&str, &str, Plant); 3] = [
        ("text", "a regular file", |out, _| {
            std::fs::rename(out.join("text"), out.join("text.moved")).unwrap();
            std::fs::write(out.join("text"), "x").unwrap();
        }),
        ("reports", "a symbolic link", |out, elsewhere| {
            std::fs::rename(out.join("reports"), out.join("reports.moved")).unwrap();
            std::os::unix::fs::symlink(elsewhere, out.join("reports")).unwrap();
        }),
        ("turns.jsonl", "a folder", |out, _| {
            std::fs::rename(out.join("turns.jsonl"), out.join("turns.moved")).unwrap();
            std::fs::create_dir(out.join("turns.jsonl")).unwrap();
        }),
    ];
    for (name, what, plant) in plants {
        let fresh = dir.path().join(format!("out-{name}"));
        run(&input, &fresh, &[]).success();
        plant(&fresh, &elsewhere);
        let before = tree(&fresh);
        for extra in [&[][..], &["--check"][..], &["--force"][..]] {
            run(&input, &fresh, extra)
                .code(2)
                .stderr(predicates::str::contains(format!("{name} is {what}")));
            assert_eq!(tree(&fresh), before, "{name}: {extra:?} touched the folder");
        }
        assert!(std::fs::read_dir(&elsewhere).unwrap().next().is_none());
    }
}

/// A document whose outputs cannot be written fails (`output.io`) without
/// costing the previous run's outputs: no good report is deleted because
/// its successor could not be written, and the other documents are fine.
#[cfg(unix)]
#[test]
fn an_output_that_cannot_be_written_deletes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = inputs(dir.path(), &["a.txt"]);
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("sub/b.txt"), small_doc(7)).unwrap();
    let out = dir.path().join("out");
    run(&input, &out, &[]).success();
    // A file where the sub-folder of text outputs goes.
    std::fs::remove_dir_all(out.join("text/sub")).unwrap();
    std::fs::write(out.join("text/sub"), "in the way").unwrap();
    std::fs::write(input.join("sub/b.txt"), small_doc(8)).unwrap();
    run(&input, &out, &[])
        .code(1)
        .stderr(predicate::str::contains("sub/b.txt").and(predicate::str::contains("[output.io]")));
    assert!(out.join("reports/sub/b.txt.json").is_file(), "the report was deleted");
    assert!(out.join("reports/a.txt.json").is_file());
    assert_eq!(std::fs::read(out.join("text/sub")).unwrap(), b"in the way");
    let m = manifest(&out);
    assert_eq!(m["complete"], true);
    assert_eq!(m["documents"][1]["error"]["code"], "output.io");
}
