//! Helpers shared by the CLI and batch tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

pub mod gold;
pub mod lopdf_pdf;
pub mod raw_pdf;
pub mod synth;
pub mod wer;

/// The built `rapporteur` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rapporteur"))
}

/// `rapporteur` as an assert_cmd command, with `CI` set (no progress bar).
pub fn cmd() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::new(bin());
    c.env("CI", "1");
    c
}

/// The bundled seed document.
pub fn seed() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("input/hisajima-2022-07-27.txt")).unwrap()
}

/// A small report-like text, different for each `i`.
pub fn small_doc(i: usize) -> String {
    format!(
        "Seminar {i} on Peace Operations\n\nDate: 2022-07-{:02}\n\nMr. Taro YAMADA{i} (Chair)\n\nWelcome to seminar number {i}. \
         We discuss item {i}.\n\nMs. Hanako SATO (Speaker)\n\nThank you, Mr. Yamada{i}.\n",
        1 + i % 28
    )
}

/// Every file under `dir` (relative path with `/`) and its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).follow_links(false).into_iter().flatten() {
        if e.file_type().is_file() || e.file_type().is_symlink() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap_or_default());
        }
    }
    out
}

/// Names of temporary files (ours) anywhere under `dir`.
pub fn temp_files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|k| {
            let name = k.rsplit('/').next().unwrap_or(k);
            name.starts_with(".rapporteur-") && name.ends_with(".tmp")
        })
        .collect()
}

/// Asserts two trees are byte-identical, naming the first difference.
pub fn assert_same_tree(a: &Path, b: &Path) {
    let ta = tree(a);
    let tb = tree(b);
    let ka: Vec<&String> = ta.keys().collect();
    let kb: Vec<&String> = tb.keys().collect();
    assert_eq!(ka, kb, "the two outputs hold different files");
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between {} and {}", a.display(), b.display());
    }
}

/// Asserts that no temporary file of ours is left anywhere under `dir`.
pub fn assert_no_temp_files(dir: &Path) {
    let left = temp_files(dir);
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// `rapporteur run INPUT --out OUT EXTRA...`, to add to (an environment, a
/// timeout) before it runs.
pub fn run_cmd(input: &Path, out: &Path, extra: &[&str]) -> assert_cmd::Command {
    let mut c = cmd();
    c.arg("run").arg(input).arg("--out").arg(out).args(extra);
    c
}

/// `rapporteur run INPUT --out OUT EXTRA...`, run to its end.
pub fn run(input: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    run_cmd(input, out, extra).assert()
}

/// `rapporteur run INPUT --out OUT EXTRA...` started in the background, for
/// tests that act on a run part-way (kill it, signal it, change its inputs):
/// `CI` set, stdout discarded, stderr piped when `keep_stderr` (else
/// discarded), `env` added.
pub fn spawn_run(
    input: &Path,
    out: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
    keep_stderr: bool,
) -> std::process::Child {
    std::process::Command::new(bin())
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(extra)
        .env("CI", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(if keep_stderr { Stdio::piped() } else { Stdio::null() })
        .spawn()
        .expect("rapporteur starts")
}

/// The parsed manifest of an output folder.
pub fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

/// The `file` of each entry of the manifest's list `key` (`documents`,
/// `ignored`), in order.
pub fn manifest_files<'m>(m: &'m serde_json::Value, key: &str) -> Vec<&'m str> {
    m[key]
        .as_array()
        .unwrap_or_else(|| panic!("the manifest has no list {key}"))
        .iter()
        .map(|d| d["file"].as_str().expect("every entry names its file"))
        .collect()
}
