//! The command line for bulk use (issue 15): `--check` that a CI job over
//! an archive with known-bad files can pass, a failure tally by code,
//! limits with units (`--doc-timeout 1.5`), passwords of encrypted PDFs, `extract -o` with warnings on stderr and the path the
//! user gave in errors, bounded reads of stdin, `--version` on every
//! subcommand, shell completions and the man page.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use common::{bin, cmd, manifest, manifest_files, run, run_cmd, seed, small_doc, tree};
use predicates::prelude::*;

#[test]
fn check_passes_when_failures_are_recorded_identically() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.txt"), small_doc(1)).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("empty2.txt"), "").unwrap();
    let out = dir.path().join("out");
    // The run fails two documents, and ends with a tally by code.
    run(&input, &out, &[])
        .code(1)
        .stderr(predicate::str::contains("failed by code: input.empty 2"));
    // Nothing would change: --check passes although documents fail.
    run(&input, &out, &["--check"]).success().stdout("");
    // A failure that changes is a change.
    std::fs::write(input.join("empty2.txt"), small_doc(2)).unwrap();
    run(&input, &out, &["--check"])
        .code(1)
        .stdout(predicate::str::contains("reports/empty2.txt.json"));
}

#[test]
fn limits_take_units() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("f.txt");
    std::fs::write(&f, seed()).unwrap();
    cmd()
        .args(["extract", "--max-bytes", "256M"])
        .arg(&f)
        .assert()
        .success();
    cmd()
        .args(["extract", "--max-bytes", "1K"])
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("over the limit of 1024"));
    cmd()
        .args(["extract", "--max-bytes", "12parsecs"])
        .arg(&f)
        .assert()
        .code(2);
}

/// `--doc-timeout` takes fractions and units; the budget is kept to the
/// millisecond and named readably in the failure. Fault injection
/// (`RAPPORTEUR_FAULT`) exists in debug builds only.
#[cfg(debug_assertions)]
#[test]
fn doc_timeout_takes_fractions_and_units() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.txt"), small_doc(1)).unwrap();
    let out = dir.path().join("out");
    let started = std::time::Instant::now();
    cmd()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--doc-timeout", "500ms", "--jobs", "1"])
        .env("RAPPORTEUR_FAULT", "hang:a.txt")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("budget of 0.5 s").and(predicate::str::contains("abandoned after 1 s")));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    let f = input.join("a.txt");
    for ok in ["1.5", "2m", "0", "0.25s"] {
        cmd().args(["extract", "--doc-timeout", ok]).arg(&f).assert().success();
    }
    for bad in ["12parsecs", "1.2.3", "s"] {
        cmd()
            .args(["extract", "--doc-timeout", bad])
            .arg(&f)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--doc-timeout"));
    }
}

/// An encrypted PDF opens with `--password`, `--password-file` or
/// `RAPPORTEUR_PASSWORD`; a wrong password is `pdf.wrong-password`; the
/// password is never written anywhere.
#[test]
fn encrypted_pdfs_open_with_the_password() {
    const LINE: &str = "The seminar opened with a welcome address.";
    const RIGHT: &str = "hunter2-right";
    const WRONG: &str = "letmein-wrong";
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let pdf = input.join("locked.pdf");
    std::fs::write(&pdf, common::lopdf_pdf::pages(&[LINE], Some(RIGHT))).unwrap();
    let never_shows = |bytes: &[u8]| {
        let s = String::from_utf8_lossy(bytes);
        assert!(!s.contains(RIGHT) && !s.contains(WRONG), "a password was written: {s}");
    };
    cmd()
        .args(["extract", "--text"])
        .arg(&pdf)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[pdf.encrypted]"));
    let ok = cmd()
        .args(["extract", "--text", "--password", RIGHT])
        .arg(&pdf)
        .assert()
        .success()
        .stdout(predicate::str::contains("welcome address"));
    never_shows(&ok.get_output().stderr);
    let report = cmd()
        .args(["extract", "--password", RIGHT])
        .arg(&pdf)
        .assert()
        .success();
    let out = report.get_output();
    never_shows(&out.stdout);
    assert!(String::from_utf8_lossy(&out.stdout).contains("pdf.decrypted-with-password"));
    let bad = cmd()
        .args(["extract", "--password", WRONG])
        .arg(&pdf)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the password given does not open it [pdf.wrong-password]",
        ));
    never_shows(&bad.get_output().stderr);
    let file = dir.path().join("password.txt");
    std::fs::write(&file, format!("{RIGHT}\n")).unwrap();
    cmd()
        .args(["extract", "--text", "--password-file"])
        .arg(&file)
        .arg(&pdf)
        .assert()
        .success()
        .stdout(predicate::str::contains("welcome address"));
    cmd()
        .args(["extract", "--password", RIGHT, "--password-file"])
        .arg(&file)
        .arg(&pdf)
        .assert()
        .code(2);
    // `run`, with the password from the environment: a wrong one fails the
    // document, the right one reads it; neither is in any output.
    let out = dir.path().join("out");
    let failed = run_cmd(&input, &out, &[])
        .env("RAPPORTEUR_PASSWORD", WRONG)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pdf.wrong-password"));
    never_shows(&failed.get_output().stderr);
    assert_eq!(manifest(&out)["documents"][0]["error"]["code"], "pdf.wrong-password");
    tree(&out).values().for_each(|b| never_shows(b));
    let done = run_cmd(&input, &out, &[])
        .env("RAPPORTEUR_PASSWORD", RIGHT)
        .assert()
        .success();
    never_shows(&done.get_output().stderr);
    let written = tree(&out);
    written.values().for_each(|b| never_shows(b));
    assert!(
        String::from_utf8_lossy(&written["text/locked.pdf.txt"]).contains("welcome address"),
        "{:?}",
        written.keys().collect::<Vec<_>>()
    );
}

/// Stdin is read only up to --max-bytes: an endless producer costs no more
/// than the limit, and the document fails with limit.bytes.
#[test]
fn stdin_is_read_with_a_bound() {
    let mut child = std::process::Command::new(bin())
        .args(["extract", "--format", "txt", "--max-bytes", "64K", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // 64 MiB offered; the program stops reading after 64 KiB and exits, so
    // the writes fail with a broken pipe long before the end.
    let writer = std::thread::spawn(move || {
        let block = vec![b'a'; 1 << 16];
        let mut written = 0usize;
        for _ in 0..1024 {
            if stdin.write_all(&block).is_err() {
                break;
            }
            written += block.len();
        }
        written
    });
    let output = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("limit.bytes"));
    assert!(written < 32 << 20, "the whole stream was read: {written} bytes");
}

#[test]
fn extract_writes_to_a_file_and_names_the_path_given() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.txt");
    std::fs::write(&f, seed()).unwrap();
    let report = dir.path().join("doc.json");
    cmd()
        .arg("extract")
        .arg(&f)
        .arg("-o")
        .arg(&report)
        .assert()
        .success()
        .stdout("");
    let r: rapporteur::Report = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(r.source.file, "doc.txt");
    // A failure names the path as given, control characters escaped.
    let sub = dir.path().join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let odd = sub.join("bad\x1b[31mname.txt");
    std::fs::write(&odd, "").unwrap();
    let assert = cmd().arg("extract").arg(&odd).assert().code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains(&sub.display().to_string()), "{stderr}");
    assert!(stderr.contains("bad\\u{1b}[31mname.txt"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "{stderr}");
}

#[test]
fn extract_prints_warnings_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    // A PDF saved as .txt: read as a PDF, with a warning on stderr too.
    let f = dir.path().join("saved-as.txt");
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf/hisajima-2022-07-27.chromium.pdf");
    std::fs::copy(pdf, &f).unwrap();
    let assert = cmd().arg("extract").arg(&f).assert().success();
    let output = assert.get_output();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let warnings = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .count();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(warnings >= 1);
    assert_eq!(stderr.matches("rapporteur: warning: ").count(), warnings, "{stderr}");
    assert!(stderr.contains("[input.format-mismatch]"), "{stderr}");
}

#[test]
fn every_subcommand_has_version_completions_and_a_man_page() {
    for sub in ["run", "extract", "schema"] {
        cmd()
            .args([sub, "--version"])
            .assert()
            .success()
            .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    }
    for shell in ["bash", "zsh", "fish"] {
        cmd()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("max-bytes").and(predicate::str::contains("rapporteur")));
    }
    cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH rapporteur").and(predicate::str::contains("extract")));
}

/// `run DIR --out DIR`: the run's own outputs are never read back as
/// documents, however often it runs.
#[test]
fn the_input_folder_as_output_never_reads_its_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.txt"), seed()).unwrap();
    std::fs::write(input.join("b.md"), small_doc(3)).unwrap();
    for _ in 0..3 {
        run(&input, &input, &["--allow-foreign-out"]).success();
        let m = manifest(&input);
        let files = manifest_files(&m, "documents");
        assert_eq!(files, ["a.txt", "b.md"]);
        assert!(
            m["ignored"].as_array().unwrap().is_empty(),
            "own outputs listed as ignored: {}",
            m["ignored"]
        );
    }
}

/// Every file under the inputs that is not read is listed with its reason.
#[test]
fn files_not_read_are_listed_as_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("a.txt"), small_doc(1)).unwrap();
    for name in ["board.docx", "sub/data.json", "sub/table.tsv"] {
        std::fs::write(input.join(name), "x").unwrap();
    }
    let out = dir.path().join("out");
    run(&input, &out, &[]).success().stderr(predicate::str::contains(
        "ignored: board.docx: not a .pdf, .txt or .md file",
    ));
    let m = manifest(&out);
    let ignored = manifest_files(&m, "ignored");
    assert_eq!(ignored, ["board.docx", "sub/data.json", "sub/table.tsv"]);
}

/// A PDF saved as `.txt` is read as the PDF it is, with a warning.
#[test]
fn content_wins_over_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let pdf =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf/hisajima-2022-07-27.chromium.pdf"))
            .unwrap();
    std::fs::write(input.join("saved-as.txt"), &pdf).unwrap();
    let out = dir.path().join("out");
    run(&input, &out, &[]).success();
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("reports/saved-as.txt.json")).unwrap()).unwrap();
    assert_eq!(report["source"]["media_type"], "application/pdf");
    assert!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "input.format-mismatch" && d["severity"] == "warning")
    );
}
