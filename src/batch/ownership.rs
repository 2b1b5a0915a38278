//! What a run may touch in the output folder: only what a manifest of ours
//! says we wrote.
//!
//! A run refuses an output folder that holds files but no manifest of ours
//! (unless `--allow-foreign-out`), deletes only the outputs an earlier
//! manifest lists and this run no longer produces, and before it replaces
//! or deletes its first output it marks the manifest on disk incomplete, so
//! a run killed at any moment never leaves `complete: true` over outputs
//! that disagree with it.

use std::collections::HashSet;
use std::path::{Component, Path};
use std::sync::OnceLock;

use super::lock::LOCK_NAME;
use super::manifest::{MANIFEST_NAME, Manifest};
use crate::emit;

/// The output folders a manifest's outputs may lie in.
const OUTPUT_DIRS: [&str; 3] = ["reports", "text", crate::review::DIR];

/// An output folder this program may not write into.
#[derive(Debug, thiserror::Error)]
#[error(
    "the output folder {dir} holds files but no manifest of rapporteur ({MANIFEST_NAME}), \
     so its files may not be ours: nothing was written. Choose an empty or new folder, \
     or pass --allow-foreign-out to write there (files we did not write are never deleted)"
)]
pub struct ForeignOut {
    pub dir: String,
}

/// Something in the output folder stands where the run must write: found
/// before any work, so nothing is read, written or deleted.
#[derive(Debug, thiserror::Error)]
#[error(
    "{path} is {what}, where the run writes its {role}: nothing was written. \
     Move it away, or choose another --out"
)]
pub struct BlockedOutput {
    pub path: String,
    pub what: &'static str,
    pub role: &'static str,
}

/// Checks that nothing in `out` stands where the run writes: `reports/`
/// and `text/` must be missing or real folders (a regular file there would
/// make every document fail; a symbolic link would send the outputs
/// elsewhere), the manifest and the datasets missing or regular files.
pub fn check_tree(out: &Path, datasets: &[&str]) -> Result<(), BlockedOutput> {
    let kind = |path: &Path| {
        std::fs::symlink_metadata(path).ok().map(|m| {
            let t = m.file_type();
            if t.is_symlink() {
                "a symbolic link"
            } else if t.is_dir() {
                "a folder"
            } else if t.is_file() {
                "a regular file"
            } else {
                "a special file"
            }
        })
    };
    let blocked = |path: &Path, what, role| BlockedOutput {
        path: path.display().to_string(),
        what,
        role,
    };
    for (dir, role) in OUTPUT_DIRS.iter().zip(["reports", "text files", "review pages"]) {
        let path = out.join(dir);
        match kind(&path) {
            None | Some("a folder") => {}
            Some(what) => return Err(blocked(&path, what, role)),
        }
    }
    for name in std::iter::once(&MANIFEST_NAME).chain(datasets) {
        let path = out.join(name);
        match kind(&path) {
            None | Some("a regular file") => {}
            Some(what) => return Err(blocked(&path, what, "manifest and datasets")),
        }
    }
    Ok(())
}

/// Checks that `out` is ours to write into: it does not exist, holds
/// nothing but our lock, temporary files and empty folders, or holds a
/// manifest of ours. Returns that manifest (of any program version).
pub fn claim(out: &Path, allow_foreign: bool) -> Result<Option<Manifest>, ForeignOut> {
    let manifest = Manifest::load(&out.join(MANIFEST_NAME));
    if manifest.is_some() || allow_foreign || holds_nothing(out) {
        return Ok(manifest);
    }
    Err(ForeignOut {
        dir: out.display().to_string(),
    })
}

/// True when `dir` is missing or holds only our lock file, our temporary
/// files and folders that hold nothing else.
fn holds_nothing(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return !dir.exists();
    };
    entries.flatten().all(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        match e.file_type() {
            Ok(t) if t.is_dir() => holds_nothing(&e.path()),
            Ok(t) if t.is_file() => name == LOCK_NAME || emit::is_temp_name(&name),
            _ => false,
        }
    })
}

/// The report, text and review-page paths a manifest says we wrote, as relative paths
/// with `/` separators. Paths that could not be ours (absolute, with `..`,
/// outside `reports/`, `text/` and `review/`) are left out: a manifest edited by hand
/// cannot make a run delete anything else.
pub fn owned_outputs(manifest: &Manifest) -> HashSet<String> {
    manifest
        .documents
        .iter()
        .flat_map(|d| {
            [
                d.report.as_deref(),
                d.text.as_deref(),
                d.review.as_ref().map(|r| r.page.as_str()),
            ]
        })
        .flatten()
        .chain(manifest.review.as_ref().map(|r| r.page.as_str()))
        .filter(|rel| is_output_path(rel))
        .map(str::to_owned)
        .collect()
}

/// A relative path inside one of [`OUTPUT_DIRS`] made only of normal names.
fn is_output_path(rel: &str) -> bool {
    let path = Path::new(rel);
    path.components().all(|c| matches!(c, Component::Normal(_)))
        && path.components().count() >= 2
        && OUTPUT_DIRS.iter().any(|d| path.starts_with(d))
}

/// Deletes the outputs `stale` (relative paths from [`owned_outputs`]):
/// each only if it is a regular file reached through real folders (never
/// through a symbolic link planted in the output folder). Folders that
/// this emptied are removed up to `reports/`, `text/` or `review/`.
pub fn remove_outputs(out: &Path, stale: &[String]) {
    for rel in stale {
        if !reached_without_links(out, rel) {
            continue;
        }
        let path = out.join(rel);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) && std::fs::remove_file(&path).is_ok() {
            remove_emptied_parents(out, Path::new(rel));
        }
    }
}

/// True when every folder from `out` down to `rel`'s parent is a real
/// folder, not a symbolic link.
fn reached_without_links(out: &Path, rel: &str) -> bool {
    let mut dir = out.to_path_buf();
    let Some(parent) = Path::new(rel).parent() else {
        return false;
    };
    parent.components().all(|c| {
        dir.push(c);
        std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir())
    })
}

/// Removes `rel`'s parent folders while they are empty, stopping below the
/// top output folder (`reports/`, `text/`).
fn remove_emptied_parents(out: &Path, rel: &Path) {
    let mut parent = rel.parent();
    while let Some(p) = parent {
        if p.components().count() < 2 || std::fs::remove_dir(out.join(p)).is_err() {
            break;
        }
        parent = p.parent();
    }
}

/// Marks the manifest on disk incomplete once, before the run's first
/// output is replaced or deleted. Without a manifest it writes an empty
/// incomplete one, which also marks the folder as ours for the next run
/// (a run killed before its first checkpoint must not leave a folder the
/// next run refuses).
pub struct IncompleteMark {
    manifest: std::path::PathBuf,
    done: OnceLock<Result<(), String>>,
}

impl IncompleteMark {
    pub fn new(out: &Path) -> IncompleteMark {
        IncompleteMark {
            manifest: out.join(MANIFEST_NAME),
            done: OnceLock::new(),
        }
    }

    /// Writes the mark if no one has yet; every caller waits for it. The
    /// error (a message) is the same for every caller.
    pub fn ensure(&self) -> Result<(), String> {
        self.done.get_or_init(|| self.write()).clone()
    }

    fn write(&self) -> Result<(), String> {
        let mut manifest: serde_json::Value = match std::fs::read(&self.manifest) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
            Err(_) => serde_json::Value::Null,
        };
        match manifest.get_mut("complete") {
            Some(serde_json::Value::Bool(false)) => return Ok(()),
            Some(complete) => *complete = serde_json::Value::Bool(false),
            None => {
                manifest = serde_json::to_value(Manifest::head(Default::default(), Vec::new(), false, None))
                    .map_err(|e| e.to_string())?
            }
        }
        let dir = self.manifest.parent().unwrap_or(Path::new("."));
        emit::write_atomic_under(dir, &self.manifest, &emit::to_pretty(&manifest), false)
            .map_err(|e| format!("cannot mark the manifest {} incomplete: {e}", self.manifest.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn anything_standing_where_outputs_go_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        assert!(check_tree(out, &["turns.jsonl"]).is_ok());
        std::fs::create_dir_all(out.join("reports")).unwrap();
        std::fs::write(out.join("manifest.json"), "{}").unwrap();
        assert!(check_tree(out, &["turns.jsonl"]).is_ok());
        std::fs::write(out.join("text"), "x").unwrap();
        let e = check_tree(out, &["turns.jsonl"]).unwrap_err();
        assert_eq!((e.what, e.role), ("a regular file", "text files"), "{e}");
        std::fs::remove_file(out.join("text")).unwrap();
        std::fs::remove_dir(out.join("reports")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("reports")).unwrap();
        assert_eq!(check_tree(out, &[]).unwrap_err().what, "a symbolic link");
        std::fs::remove_file(out.join("reports")).unwrap();
        std::fs::create_dir(out.join("turns.jsonl")).unwrap();
        assert_eq!(check_tree(out, &["turns.jsonl"]).unwrap_err().what, "a folder");
    }

    #[test]
    fn only_plain_paths_under_the_output_folders_are_owned() {
        for ok in ["reports/a.txt.json", "text/x/y.pdf.txt", "review/a.txt.html"] {
            assert!(is_output_path(ok), "{ok}");
        }
        for bad in [
            "/etc/passwd",
            "reports/../input/a.pdf",
            "reports",
            "input/a.pdf",
            "./reports/a.json",
            "manifest.json",
        ] {
            assert!(!is_output_path(bad), "{bad}");
        }
    }

    #[test]
    fn a_folder_with_only_our_lock_and_empty_folders_holds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(holds_nothing(&dir.path().join("missing")));
        std::fs::create_dir_all(dir.path().join("reports/sub")).unwrap();
        std::fs::write(dir.path().join(LOCK_NAME), "").unwrap();
        assert!(holds_nothing(dir.path()));
        std::fs::write(dir.path().join("reports/sub/q1.xlsx"), "x").unwrap();
        assert!(!holds_nothing(dir.path()));
    }
}
