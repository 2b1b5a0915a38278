//! Loss-free batch runs: a run killed with SIGKILL part-way, then run again,
//! ends byte-identical to a clean run with no temporary file left; and the
//! manifest written during a run is a valid, sorted partial manifest.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{assert_no_temp_files, assert_same_tree, manifest, manifest_files, run, small_doc, spawn_run};

/// A new temporary folder holding `n` generated documents in `in/`, spread
/// over ten sub-folders: (the folder, the input folder).
fn batch_inputs(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..n {
        let sub = input.join(format!("batch{:02}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("doc{i:04}.txt")), small_doc(i)).unwrap();
    }
    (dir, input)
}

/// Documents recorded in the manifest on disk right now (0 if none yet).
fn manifest_documents(out: &Path) -> usize {
    std::fs::read(out.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|m| m["documents"].as_array().map(|d| d.len()))
        .unwrap_or(0)
}

#[cfg(unix)]
#[test]
fn a_killed_run_resumes_to_the_same_bytes() {
    use std::os::unix::process::ExitStatusExt;

    let n = 1500;
    let (dir, input) = batch_inputs(n);

    // The interrupted run: killed once the manifest records some documents.
    let out = dir.path().join("out");
    let mut child = spawn_run(&input, &out, &["--jobs", "2"], &[], false);
    let start = Instant::now();
    let mut killed_midway = false;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the first run failed: {status:?}");
            break;
        }
        let done = manifest_documents(&out);
        if done > 0 {
            child.kill().unwrap(); // SIGKILL
            let status = child.wait().unwrap();
            killed_midway = status.signal() == Some(9);
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the run never wrote a manifest"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    eprintln!("killed part-way: {killed_midway}");
    if killed_midway {
        let m = manifest(&out);
        assert_eq!(
            m["complete"], false,
            "an interrupted run's manifest says it is incomplete"
        );
        let names = manifest_files(&m, "documents");
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert!(names.len() < n, "the run finished before it was killed");
        eprintln!("{} of {n} documents in the interrupted manifest", names.len());
    }

    // The resumed run reuses what the killed one finished.
    let assert = run(&input, &out, &[]).success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    if killed_midway {
        assert!(!stderr.contains(" 0 skipped"), "nothing was reused: {stderr}");
    }
    assert_no_temp_files(&out);
    assert!(!out.join(".rapporteur.lock").exists());

    // A clean run gives the same bytes.
    let clean = dir.path().join("clean");
    run(&input, &clean, &[]).success();
    assert_same_tree(&out, &clean);
    let m = manifest(&out);
    assert_eq!(m["complete"], true);
    assert_eq!(m["summary"]["ok"], n);
}

#[test]
fn leftover_temporary_files_are_removed() {
    let (dir, input) = batch_inputs(3);
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("reports/batch00")).unwrap();
    std::fs::write(out.join("reports/batch00/.rapporteur-abc.tmp"), "half").unwrap();
    std::fs::write(out.join(".rapporteur-x.tmp"), "half").unwrap();
    run(&input, &out, &[]).success();
    assert_no_temp_files(&out);
    let clean = dir.path().join("clean");
    run(&input, &clean, &[]).success();
    assert_same_tree(&out, &clean);
}

/// Runs `rapporteur run input --out out` (extra args after), expects exit 0
/// or 1, and returns stderr.
fn run_into(input: &Path, out: &Path, extra: &[&str]) -> String {
    let assert = run(input, out, extra);
    let output = assert.get_output();
    assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `n` generated inputs under a new temporary folder, run once into `out`:
/// (the folder, the input folder, the output folder).
fn batch_run_once(n: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, input) = batch_inputs(n);
    let out = dir.path().join("out");
    run_into(&input, &out, &[]);
    (dir, input, out)
}

/// After each change to the inputs, an incremental run (reusing the
/// previous outputs and datasets) must end byte-identical to a clean run.
#[test]
fn incremental_runs_equal_clean_runs_after_every_kind_of_change() {
    let (dir, input, out) = batch_run_once(40);
    let manifest_before = std::fs::read(out.join("manifest.json")).unwrap();

    // Nothing changed: everything skipped, the manifest and the datasets
    // are left as they were (same bytes, same files).
    let stamp = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let datasets = ["dispatches.jsonl", "turns.jsonl", "people.jsonl", "manifest.json"];
    let stamps: Vec<_> = datasets.iter().map(|d| stamp(&out.join(d))).collect();
    std::thread::sleep(Duration::from_millis(20));
    let err = run_into(&input, &out, &[]);
    assert!(err.contains(" 40 skipped"), "{err}");
    assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), manifest_before);
    let after: Vec<_> = datasets.iter().map(|d| stamp(&out.join(d))).collect();
    assert_eq!(stamps, after, "unchanged outputs were rewritten");

    type Change = Box<dyn Fn(&Path)>;
    let changes: Vec<(&str, Change)> = vec![
        (
            "a document in the middle changed",
            Box::new(|i: &Path| std::fs::write(i.join("batch05/doc0015.txt"), small_doc(999)).unwrap()),
        ),
        (
            "the first document removed",
            Box::new(|i: &Path| std::fs::remove_file(i.join("batch00/doc0000.txt")).unwrap()),
        ),
        (
            "the last document removed",
            Box::new(|i: &Path| std::fs::remove_file(i.join("batch09/doc0039.txt")).unwrap()),
        ),
        (
            "a document added between others",
            Box::new(|i: &Path| std::fs::write(i.join("batch03/doc0013b.txt"), small_doc(777)).unwrap()),
        ),
        (
            "a document now fails",
            Box::new(|i: &Path| std::fs::write(i.join("batch07/doc0017.txt"), [0xffu8, 0xfe, 0, 0xd8]).unwrap()),
        ),
        (
            "a document with no rows",
            Box::new(|i: &Path| std::fs::write(i.join("batch02/doc0002.txt"), "Nothing to see.\n").unwrap()),
        ),
        ("a report edited in place", Box::new(|_: &Path| ())),
    ];
    for (what, change) in changes {
        change(&input);
        if what == "a report edited in place" {
            // Same size, other bytes: a rerun trusts it (sizes only), the
            // check finds it, --force mends it.
            let p = out.join("reports/batch01/doc0011.txt.json");
            let mut bytes = std::fs::read(&p).unwrap();
            let at = bytes.iter().position(|&b| b == b'S').unwrap();
            bytes[at] = b'Z';
            std::fs::write(&p, bytes).unwrap();
            let check = run(&input, &out, &["--check"]).code(1);
            let said = String::from_utf8_lossy(&check.get_output().stdout).into_owned()
                + &String::from_utf8_lossy(&check.get_output().stderr);
            assert!(said.contains("reports/batch01/doc0011.txt.json"), "{said}");
            run_into(&input, &out, &["--force"]);
        } else {
            run_into(&input, &out, &[]);
        }
        let clean = dir.path().join(format!("clean-{}", what.replace(' ', "-")));
        run_into(&input, &clean, &[]);
        eprintln!("checking: {what}");
        assert_same_tree(&out, &clean);
        run(&input, &out, &["--check"]).success();
    }
}

/// A dataset that no longer has the size the manifest records is rebuilt
/// from the reports rather than reused.
#[test]
fn a_damaged_dataset_is_rebuilt_not_reused() {
    let (dir, input, out) = batch_run_once(12);
    let turns = out.join("turns.jsonl");
    let full = std::fs::read(&turns).unwrap();
    std::fs::write(&turns, &full[..full.len() / 2]).unwrap();
    std::fs::write(input.join("batch04/doc0004.txt"), small_doc(555)).unwrap();
    run_into(&input, &out, &[]);
    let clean = dir.path().join("clean");
    run_into(&input, &clean, &[]);
    assert_same_tree(&out, &clean);
}

/// Input files replaced by symbolic links to a file outside the input
/// folder while a run is under way: no output may contain that file's text.
/// Each swapped document is either read as it was or refused as replaced.
#[cfg(unix)]
#[test]
fn links_swapped_in_during_a_run_are_not_read() {
    let (dir, input) = batch_inputs(300);
    let secret = dir.path().join("secret.txt");
    std::fs::write(
        &secret,
        "Mr. Leaked Secret\n\nTOP-SECRET-MARKER line of a file outside the input.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let mut child = spawn_run(&input, &out, &["--jobs", "2", "--quiet"], &[], false);
    // Swap every file for a link (rename over it: atomic), from last to
    // first, while the run reads them in name order.
    let mut paths: Vec<_> = walkdir::WalkDir::new(&input)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    for p in paths.iter().rev() {
        let tmp = p.with_extension("swap");
        std::os::unix::fs::symlink(&secret, &tmp).unwrap();
        std::fs::rename(&tmp, p).unwrap();
    }
    let status = child.wait().unwrap();
    assert!(status.code().is_some_and(|c| c <= 1), "{status:?}");
    for entry in walkdir::WalkDir::new(&out).into_iter().flatten() {
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("TOP-SECRET-MARKER"),
                "{} holds the linked file's text",
                entry.path().display()
            );
        }
    }
}

/// SIGINT or SIGTERM part-way: the run stops taking documents, leaves an
/// incomplete manifest, no lock and no temporary file, exits 130; the next
/// run ends in the bytes of a clean run.
#[cfg(unix)]
#[test]
fn a_signalled_run_stops_cleanly_and_resumes_to_the_same_bytes() {
    let n = 600;
    let (dir, input) = batch_inputs(n);
    let clean = dir.path().join("clean");
    run(&input, &clean, &[]).success();
    for (round, signal) in [libc::SIGTERM, libc::SIGINT].into_iter().enumerate() {
        let out = dir.path().join(format!("out{round}"));
        let mut child = spawn_run(&input, &out, &["--jobs", "2"], &[], true);
        let start = Instant::now();
        // Signalled once the first report exists: the run is under way.
        while !out.join("reports").exists() && child.try_wait().unwrap().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "the run never started writing"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.code() == Some(0) {
            eprintln!("round {round}: finished before the signal");
        } else {
            assert_eq!(output.status.code(), Some(130), "{stderr}");
            assert!(stderr.contains("interrupted"), "{stderr}");
            assert_eq!(manifest(&out)["complete"], false);
        }
        assert!(!out.join(".rapporteur.lock").exists(), "the lock outlived the run");
        assert_no_temp_files(&out);
        run(&input, &out, &[]).success();
        assert_same_tree(&out, &clean);
    }
}
