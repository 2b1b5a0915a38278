//! Helpers shared by the CLI and batch tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod score;
pub mod synth;

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

/// The parsed manifest of an output folder.
pub fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap()
}
