//! Loss-free batch runs: a run killed with SIGKILL part-way, then run again,
//! ends byte-identical to a clean run with no temporary file left; and the
//! manifest written during a run is a valid, sorted partial manifest.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{assert_same_tree, bin, cmd, small_doc, temp_files};

fn make_inputs(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let sub = dir.join(format!("batch{:02}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("doc{i:04}.txt")), small_doc(i)).unwrap();
    }
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

    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let n = 1500;
    make_inputs(&input, n);

    // The interrupted run: killed once the manifest records some documents.
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(bin())
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--jobs", "2"])
        .env("CI", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
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
        let m: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(
            m["complete"], false,
            "an interrupted run's manifest says it is incomplete"
        );
        let names: Vec<&str> = m["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file"].as_str().unwrap())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert!(names.len() < n, "the run finished before it was killed");
        eprintln!("{} of {n} documents in the interrupted manifest", names.len());
    }

    // The resumed run reuses what the killed one finished.
    let assert = cmd().arg("run").arg(&input).arg("--out").arg(&out).assert().success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    if killed_midway {
        assert!(!stderr.contains(" 0 skipped"), "nothing was reused: {stderr}");
    }
    assert!(
        temp_files(&out).is_empty(),
        "temporary files left: {:?}",
        temp_files(&out)
    );
    assert!(!out.join(".rapporteur.lock").exists());

    // A clean run gives the same bytes.
    let clean = dir.path().join("clean");
    cmd().arg("run").arg(&input).arg("--out").arg(&clean).assert().success();
    assert_same_tree(&out, &clean);
    let m = common::manifest(&out);
    assert_eq!(m["complete"], true);
    assert_eq!(m["summary"]["ok"], n);
}

#[test]
fn leftover_temporary_files_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    make_inputs(&input, 3);
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("reports/batch00")).unwrap();
    std::fs::write(out.join("reports/batch00/.rapporteur-abc.tmp"), "half").unwrap();
    std::fs::write(out.join(".rapporteur-x.tmp"), "half").unwrap();
    cmd().arg("run").arg(&input).arg("--out").arg(&out).assert().success();
    assert!(temp_files(&out).is_empty());
    let clean = dir.path().join("clean");
    cmd().arg("run").arg(&input).arg("--out").arg(&clean).assert().success();
    assert_same_tree(&out, &clean);
}
