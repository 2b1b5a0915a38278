//! The command line: each subcommand and exit code, the batch layout,
//! failures among good documents, determinism, `--check`, incremental runs,
//! the lock, and outputs that cannot escape `--out`.

mod common;

use std::path::Path;

use common::{assert_no_temp_files, assert_same_tree, cmd, manifest, run, seed, small_doc, tree};
use predicates::prelude::*;

/// An input folder with the seed, two small documents (one in a sub-folder)
/// and `extra` files.
fn input_dir(root: &Path, extra: &[(&str, &[u8])]) -> std::path::PathBuf {
    let dir = root.join("in");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("hisajima.txt"), seed()).unwrap();
    std::fs::write(dir.join("a.txt"), small_doc(1)).unwrap();
    std::fs::write(dir.join("sub/b.MD"), small_doc(2)).unwrap();
    std::fs::write(dir.join("ignored.doc"), "not an input").unwrap();
    for (name, bytes) in extra {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn schema_prints_the_json_schema() {
    let out = cmd().arg("schema").assert().success().get_output().stdout.clone();
    let schema: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(schema, rapporteur::report::json_schema());
}

#[test]
fn extract_prints_a_report_and_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.txt");
    std::fs::write(&f, seed()).unwrap();
    let out = cmd()
        .arg("extract")
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: rapporteur::Report = serde_json::from_slice(&out).unwrap();
    assert_eq!(report.source.file, "doc.txt", "no absolute path in the report");
    assert_eq!(report.source.media_type, rapporteur::report::MediaType::Text);
    let text = cmd()
        .arg("extract")
        .arg("--text")
        .arg(&f)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(report.source.text_sha256, rapporteur::pipeline::sha256_hex(&text));
}

#[test]
fn extract_reads_stdin_with_a_format() {
    let out = cmd()
        .args(["extract", "-", "--format", "md"])
        .write_stdin(small_doc(3))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: rapporteur::Report = serde_json::from_slice(&out).unwrap();
    assert_eq!(report.source.media_type, rapporteur::report::MediaType::Markdown);
    // Without --format, stdin is sniffed: text here.
    let out = cmd()
        .args(["extract", "-"])
        .write_stdin(small_doc(3))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: rapporteur::Report = serde_json::from_slice(&out).unwrap();
    assert_eq!(report.source.media_type, rapporteur::report::MediaType::Text);
}

#[test]
fn extract_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    // A document that fails: exit 1 with the file and the code.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    cmd()
        .arg("extract")
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("empty.txt").and(predicate::str::contains("input.empty")));
    // A file that cannot be read: a setup error, exit 2.
    cmd()
        .arg("extract")
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"));
    // Over a limit: exit 1, limit.bytes.
    let f = dir.path().join("f.txt");
    std::fs::write(&f, small_doc(1)).unwrap();
    cmd()
        .args(["extract", "--max-bytes", "10"])
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("limit.bytes"));
}

#[test]
fn usage_errors_exit_2() {
    cmd().assert().code(2);
    cmd().args(["run", "--no-such-flag"]).assert().code(2);
    cmd().args(["extract"]).assert().code(2);
    cmd().arg("--version").assert().success();
    cmd().arg("--help").assert().success();
}

#[test]
fn setup_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    // Missing input folder.
    cmd()
        .arg("run")
        .arg(dir.path().join("nope"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the input"));
    // Output folder that cannot be created (a file is in the way).
    let input = input_dir(dir.path(), &[]);
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    cmd()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(blocker.join("out"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write the output folder"));
}

#[cfg(unix)]
#[test]
fn unreadable_input_folder_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read_dir(&input).is_ok(); // root ignores permissions
    let assert = run(&input, &dir.path().join("out"), &[]);
    std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o755)).unwrap();
    if !readable {
        assert.code(2);
    }
}

#[test]
fn batch_writes_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = dir.path().join("out");
    run(&input, &out, &[])
        .success()
        .stderr(predicate::str::contains("3 ok, 0 failed"));
    let files: Vec<String> = tree(&out).into_keys().collect();
    assert_eq!(
        files,
        [
            "diagnostics.jsonl",
            "dispatches.jsonl",
            "events.jsonl",
            "manifest.json",
            "people.jsonl",
            "persons.jsonl",
            "reports/a.txt.json",
            "reports/hisajima.txt.json",
            "reports/sub/b.MD.json",
            "roles.jsonl",
            "text/a.txt.txt",
            "text/hisajima.txt.txt",
            "text/sub/b.MD.txt",
            "turns.jsonl",
        ]
    );
    let m = manifest(&out);
    assert_eq!(m["complete"], true);
    assert_eq!(m["summary"]["ok"], 3);
    let docs = m["documents"].as_array().unwrap();
    let names: Vec<&str> = docs.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(names, ["a.txt", "hisajima.txt", "sub/b.MD"]);
    let text = String::from_utf8(std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert!(
        !text.contains(&*dir.path().to_string_lossy()),
        "absolute path in the manifest"
    );
    // JSONL rows name their document first.
    for ds in ["turns.jsonl", "people.jsonl", "dispatches.jsonl"] {
        for line in std::fs::read_to_string(out.join(ds)).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let keys: Vec<&String> = v.as_object().unwrap().keys().take(2).collect();
            assert_eq!(keys, ["document", "sha256"]);
        }
    }
    // Each report's text sits next to it, with the hash the report names.
    let report: rapporteur::Report =
        serde_json::from_slice(&std::fs::read(out.join("reports/sub/b.MD.json")).unwrap()).unwrap();
    assert_eq!(report.source.file, "sub/b.MD");
    let text = std::fs::read(out.join("text/sub/b.MD.txt")).unwrap();
    assert_eq!(report.source.text_sha256, rapporteur::pipeline::sha256_hex(&text));
}

#[test]
fn a_corrupt_file_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(
        dir.path(),
        &[
            // Not a PDF at all: no header, no objects, no trailer.
            ("broken.pdf", b"\x00\x01\x02 this is no PDF \xff\xfe".as_slice()),
            ("empty.txt", b"".as_slice()),
        ],
    );
    let out = dir.path().join("out");
    run(&input, &out, &[]).code(1).stderr(
        predicate::str::contains("broken.pdf")
            .and(predicate::str::contains("empty.txt"))
            .and(predicate::str::contains("input.empty"))
            .and(predicate::str::contains("3 ok, 2 failed")),
    );
    let m = manifest(&out);
    let docs = m["documents"].as_array().unwrap();
    let failed: Vec<(&str, &str)> = docs
        .iter()
        .filter(|d| d["status"] == "failed")
        .map(|d| (d["file"].as_str().unwrap(), d["error"]["code"].as_str().unwrap()))
        .collect();
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].0, "broken.pdf");
    assert_eq!(failed[1], ("empty.txt", "input.empty"));
    assert!(out.join("reports/a.txt.json").is_file());
    assert!(out.join("reports/hisajima.txt.json").is_file());
    assert!(!out.join("reports/empty.txt.json").exists());
    assert_no_temp_files(&out);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_fails_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[("locked.txt", small_doc(9).as_bytes())]);
    std::fs::set_permissions(input.join("locked.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(input.join("locked.txt")).is_ok() {
        return; // running as root: permissions do not apply
    }
    let out = dir.path().join("out");
    run(&input, &out, &[])
        .code(1)
        .stderr(predicate::str::contains("locked.txt").and(predicate::str::contains("input.io")));
    let m = manifest(&out);
    assert_eq!(m["summary"]["failed"], 1);
    assert_eq!(m["summary"]["ok"], 3);
}

#[test]
fn output_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    for i in 0..20 {
        std::fs::write(input.join(format!("gen{i:02}.txt")), small_doc(i)).unwrap();
    }
    let (o1, o2, o3) = (dir.path().join("o1"), dir.path().join("o2"), dir.path().join("o3"));
    run(&input, &o1, &["--jobs", "1"]).success();
    run(&input, &o2, &["--jobs", "2"]).success();
    run(&input, &o3, &["--jobs", "3"]).success();
    assert_same_tree(&o1, &o2);
    assert_same_tree(&o1, &o3);
    // A forced second run over the same folder gives the same bytes.
    let before = tree(&o1);
    run(&input, &o1, &["--force"]).success();
    assert_eq!(before, tree(&o1));
    assert_no_temp_files(&o1);
}

#[test]
fn incremental_runs_skip_what_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = dir.path().join("out");
    run(&input, &out, &[]).success();
    let first = tree(&out);
    run(&input, &out, &[])
        .success()
        .stderr(predicate::str::contains("0 ok, 0 failed, 3 skipped"));
    assert_eq!(first, tree(&out), "a run with nothing to do changed the output");
    // A changed input is processed again; the rest is skipped.
    std::fs::write(input.join("a.txt"), small_doc(7)).unwrap();
    run(&input, &out, &[])
        .success()
        .stderr(predicate::str::contains("1 ok, 0 failed, 2 skipped"));
    // A damaged report is noticed and rewritten.
    std::fs::write(out.join("reports/hisajima.txt.json"), "{}").unwrap();
    run(&input, &out, &[])
        .success()
        .stderr(predicate::str::contains("1 ok, 0 failed, 2 skipped"));
    // A removed input loses its outputs and rows.
    std::fs::remove_file(input.join("sub/b.MD")).unwrap();
    run(&input, &out, &[]).success();
    assert!(!out.join("reports/sub").exists());
    assert!(!out.join("text/sub").exists());
    // --force processes everything; the bytes equal a clean run.
    run(&input, &out, &[]);
    run(&input, &out, &["--force"])
        .success()
        .stderr(predicate::str::contains("2 ok, 0 failed, 0 skipped"));
    let clean = dir.path().join("clean");
    run(&input, &clean, &[]).success();
    assert_same_tree(&out, &clean);
}

#[test]
fn check_lists_what_would_change_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = dir.path().join("out");
    // Nothing there yet: everything would be created, nothing is written.
    run(&input, &out, &["--check"])
        .code(1)
        .stdout(predicate::str::contains("would create: reports/a.txt.json"));
    assert!(!out.exists(), "--check wrote something");
    run(&input, &out, &[]).success();
    let check = || run(&input, &out, &["--check"]);
    check().success().stdout("");
    // A modified report, a report of a removed input, a file we did not
    // write (never deleted) and a modified dataset.
    std::fs::write(out.join("reports/a.txt.json"), "{}\n").unwrap();
    std::fs::remove_file(input.join("sub/b.MD")).unwrap();
    std::fs::write(out.join("reports/old.txt.json"), "{}\n").unwrap();
    std::fs::write(out.join("turns.jsonl"), "").unwrap();
    let before = tree(&out);
    let assert = check().code(1);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("would change: reports/a.txt.json"), "{stdout}");
    assert!(stdout.contains("would delete: reports/sub/b.MD.json"), "{stdout}");
    assert!(!stdout.contains("old.txt.json"), "{stdout}");
    let seed_has_turns = !std::fs::read_to_string(dir.path().join("in/hisajima.txt"))
        .unwrap()
        .is_empty();
    if seed_has_turns && !before["turns.jsonl"].is_empty() {
        assert!(stdout.contains("turns.jsonl"));
    }
    assert!(!stdout.contains("hisajima"), "{stdout}");
    assert_eq!(before, tree(&out), "--check wrote something");
    // A run repairs it all.
    run(&input, &out, &[]).success();
    check().success();
}

#[test]
fn a_second_run_on_a_locked_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // A live run holds the lock: this test's process, as a run would.
    let held = std::fs::File::create(out.join(".rapporteur.lock")).unwrap();
    held.try_lock().unwrap();
    std::fs::write(out.join(".rapporteur.lock"), "4242\n").unwrap();
    run(&input, &out, &[])
        .code(2)
        .stderr(predicate::str::contains("another rapporteur run (process 4242)"));
    run(&input, &out, &["--check"]).code(2);
    assert!(!out.join("manifest.json").exists());
    drop(held);
    run(&input, &out, &[]).success();
    assert!(!out.join(".rapporteur.lock").exists(), "the lock outlived the run");
}

/// What a run killed at any moment leaves behind: a lock file no process
/// holds, empty (killed before it wrote its pid) or naming a live process
/// that is not a run (a reused pid). Neither blocks a run or `--check`.
#[test]
fn a_lock_file_left_by_a_killed_run_does_not_block() {
    for content in [String::new(), format!("{}\n", std::process::id())] {
        let dir = tempfile::tempdir().unwrap();
        let input = input_dir(dir.path(), &[]);
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(".rapporteur.lock"), &content).unwrap();
        run(&input, &out, &["--check"]).code(1);
        run(&input, &out, &[]).success();
        assert!(!out.join(".rapporteur.lock").exists(), "{content:?}");
    }
}

#[cfg(unix)]
#[test]
fn outputs_cannot_escape_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(
        dir.path(),
        &[
            ("..\\..\\evil.txt", small_doc(5).as_bytes()),
            ("..txt", small_doc(6).as_bytes()),
            ("a:b*c?.txt", small_doc(8).as_bytes()),
        ],
    );
    let out = dir.path().join("out");
    run(&input, &out, &[]).success();
    let outside: Vec<String> = tree(dir.path())
        .into_keys()
        .filter(|k| !k.starts_with("in/") && !k.starts_with("out/"))
        .collect();
    assert!(outside.is_empty(), "written outside --out: {outside:?}");
    assert!(out.join("reports/.._.._evil.txt.json").is_file());
    assert!(out.join("reports/..txt.json").is_file());
    assert!(out.join("reports/a_b_c_.txt.json").is_file());

    // A symbolic link planted inside --out is not written through.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let out2 = dir.path().join("out2");
    std::fs::create_dir(&out2).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out2.join("reports")).unwrap();
    // Not a folder of ours: refused before anything is written.
    run(&input, &out2, &[]).code(2);
    assert!(!out2.join("manifest.json").exists());
    // A folder of ours whose reports/ became a link: nothing goes through.
    std::fs::remove_file(out2.join("reports")).unwrap();
    run(&input, &out2, &[]).success();
    std::fs::rename(out2.join("reports"), dir.path().join("reports-moved")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out2.join("reports")).unwrap();
    let code = run(&input, &out2, &[]).get_output().status.code();
    assert!(matches!(code, Some(1 | 2)), "{code:?}");
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "wrote through the link"
    );

    // A link in the input tree pointing outside is not followed.
    std::fs::write(dir.path().join("secret.txt"), small_doc(10)).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), input.join("leak.txt")).unwrap();
    let out3 = dir.path().join("out3");
    run(&input, &out3, &[])
        .success()
        .stderr(predicate::str::contains("leak.txt"));
    assert!(!out3.join("reports/leak.txt.json").exists());
    let ignored = manifest(&out3)["ignored"].clone();
    let leak = ignored
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["file"] == "leak.txt")
        .unwrap();
    assert!(leak["reason"].as_str().unwrap().contains("outside"), "{leak}");
    let out4 = dir.path().join("out4");
    run(&input, &out4, &["--follow-links"]).success();
    assert!(out4.join("reports/leak.txt.json").is_file());
}

#[test]
fn two_roots_with_the_same_names_do_not_collide() {
    let dir = tempfile::tempdir().unwrap();
    let r1 = dir.path().join("x/in");
    let r2 = dir.path().join("y/in");
    for (r, i) in [(&r1, 1), (&r2, 2)] {
        std::fs::create_dir_all(r).unwrap();
        std::fs::write(r.join("a.txt"), small_doc(i)).unwrap();
    }
    let out = dir.path().join("out");
    cmd()
        .arg("run")
        .arg(&r1)
        .arg(&r2)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("reports/a.txt.json").is_file());
    assert!(out.join("reports/in~2/a.txt.json").is_file());
}

#[test]
fn limits_fail_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = dir.path().join("out");
    run(&input, &out, &["--max-bytes", "5000"])
        .code(1)
        .stderr(predicate::str::contains("hisajima.txt").and(predicate::str::contains("--max-bytes")));
    let m = manifest(&out);
    let failed: Vec<&serde_json::Value> = m["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["error"]["code"], "limit.bytes");
}

#[test]
fn default_paths_are_input_and_output() {
    let dir = tempfile::tempdir().unwrap();
    input_dir(dir.path(), &[]);
    std::fs::rename(dir.path().join("in"), dir.path().join("input")).unwrap();
    cmd().current_dir(dir.path()).arg("run").assert().success();
    assert!(dir.path().join("output/manifest.json").is_file());
    assert!(dir.path().join("output/reports/hisajima.txt.json").is_file());
}

/// Fault injection exists in debug builds only (what `cargo test` builds).
#[cfg(debug_assertions)]
#[test]
fn a_panic_costs_only_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = dir.path().join("out");
    common::run_cmd(&input, &out, &[])
        .env("RAPPORTEUR_FAULT", "panic:a.txt")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("a.txt")
                .and(predicate::str::contains("injected fault in a.txt"))
                .and(predicate::str::contains("[internal]"))
                .and(predicate::str::contains("2 ok, 1 failed"))
                // The default panic hook's report is silenced.
                .and(predicate::str::contains("thread '").not()),
        );
    let m = manifest(&out);
    let a = &m["documents"][0];
    assert_eq!(a["file"], "a.txt");
    assert_eq!(a["error"]["code"], "internal");
    assert!(out.join("reports/hisajima.txt.json").is_file());
}

#[cfg(debug_assertions)]
#[test]
fn a_document_that_never_stops_is_abandoned() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = dir.path().join("out");
    // One worker: the rest of the batch needs the stuck one replaced.
    common::run_cmd(&input, &out, &["--doc-timeout", "1", "--jobs", "1"])
        .env("RAPPORTEUR_FAULT", "hang:a.txt")
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a.txt").and(predicate::str::contains("abandoned")));
    let m = manifest(&out);
    assert_eq!(m["documents"][0]["error"]["code"], "limit.timeout");
    assert_eq!(m["summary"]["ok"], 2);
    assert!(!out.join("reports/a.txt.json").exists());
    assert!(!out.join(".rapporteur.lock").exists());
}

#[test]
fn an_output_folder_inside_the_input_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = input.join("out");
    run(&input, &out, &[]).success();
    run(&input, &out, &[])
        .success()
        .stderr(predicate::str::contains("0 ok, 0 failed, 3 skipped"));
    assert_eq!(manifest(&out)["summary"]["documents"], 3);
}

#[test]
fn single_files_can_be_given() {
    let dir = tempfile::tempdir().unwrap();
    let input = input_dir(dir.path(), &[]);
    let out = dir.path().join("out");
    cmd()
        .arg("run")
        .arg(input.join("a.txt"))
        .arg(input.join("sub/b.MD"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let names: Vec<String> = tree(&out.join("reports")).into_keys().collect();
    assert_eq!(names, ["a.txt.json", "b.MD.json"]);
}
