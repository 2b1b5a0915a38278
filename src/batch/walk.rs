//! Finding the inputs: walks the roots for `.pdf`, `.txt`, `.md` (any case),
//! names each input (see [`super::names`]) and sorts them by name.
//!
//! Symbolic links are not followed out of their root unless asked
//! (`--follow-links`): a link whose target lies inside the root is read, one
//! pointing elsewhere is listed as ignored with the reason.

use std::path::{Path, PathBuf};

use super::names;
use crate::ingest;

/// One input document found by the walk.
#[derive(Debug, Clone)]
pub struct Input {
    /// Output name (also the report's `source.file`).
    pub name: String,
    /// Where to read it.
    pub path: PathBuf,
    /// The file the walk saw at `path`: reading checks that it opened this
    /// very file, so one swapped in after the walk (a symbolic link planted
    /// in its place, or in place of a folder above it) is refused.
    pub seen: Option<FileId>,
    /// The walk accepted `path` as a symbolic link (one pointing inside its
    /// root, a root named on the command line, or `--follow-links`): opening
    /// may follow a link there. Otherwise a link at `path` is refused.
    pub via_link: bool,
}

pub use crate::document::read::FileId;

/// Something under a root that looked like an input and was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub file: String,
    pub reason: String,
}

/// Everything the walk found.
#[derive(Debug, Default)]
pub struct Found {
    pub inputs: Vec<Input>,
    pub ignored: Vec<Ignored>,
    /// Entries that could not be read (an unreadable sub-folder): `(name, message)`.
    pub errors: Vec<(String, String)>,
}

/// A root that cannot be read at all (a setup error, exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("cannot read the input {path}: {message}")]
pub struct RootError {
    pub path: String,
    pub message: String,
}

fn is_input_name(name: &str) -> bool {
    ingest::media_type_from_name(name).is_some_and(|_| {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        matches!(ext.as_str(), "pdf" | "txt" | "md")
    })
}

/// Walks `roots` and returns the inputs sorted by name. The folder
/// `exclude` (the output folder, when it lies inside a root) is not entered:
/// a run must not read its own outputs.
pub fn find_inputs(roots: &[PathBuf], follow_links: bool, exclude: Option<&Path>) -> Result<Found, RootError> {
    let labels = names::root_labels(roots);
    let exclude = exclude.and_then(|p| std::fs::canonicalize(p).ok());
    // The output folder, and its output folders when it is a root itself
    // (`run . --out .`): never entered.
    let excluded_dirs: Vec<PathBuf> = exclude
        .iter()
        .flat_map(|x| {
            [
                x.clone(),
                x.join("reports"),
                x.join("text"),
                x.join(crate::review::DIR),
                x.join("csv"),
            ]
        })
        .collect();
    let excluded = |p: &Path| std::fs::canonicalize(p).is_ok_and(|c| excluded_dirs.contains(&c));
    // The run's own files at the top of the output folder.
    let is_own_output = |p: &Path| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (name == super::manifest::MANIFEST_NAME
            || name == super::lock::LOCK_NAME
            || super::datasets::all_files().contains(&name.as_str()))
            && p.parent()
                .and_then(|d| std::fs::canonicalize(d).ok())
                .is_some_and(|d| exclude.as_ref() == Some(&d))
    };
    let mut found = Found::default();
    // The root each input, ignored file and error was found under (by
    // position in its list), to tell apart names that several roots give.
    let mut root_of: [Vec<usize>; 3] = Default::default();
    for (root_index, root) in roots.iter().enumerate() {
        let mark = |found: &Found, root_of: &mut [Vec<usize>; 3]| {
            for (list, len) in root_of
                .iter_mut()
                .zip([found.inputs.len(), found.ignored.len(), found.errors.len()])
            {
                list.resize(len, root_index);
            }
        };
        let meta = std::fs::metadata(root).map_err(|e| RootError {
            path: root.display().to_string(),
            message: e.to_string(),
        })?;
        if meta.is_file() {
            let file_name = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = names::sanitize_component(&file_name);
            let via_link = std::fs::symlink_metadata(root).is_ok_and(|m| m.file_type().is_symlink());
            found.inputs.push(Input {
                name,
                path: root.clone(),
                seen: FileId::of(&meta),
                via_link,
            });
            mark(&found, &mut root_of);
            continue;
        }
        // Reading the folder itself must work, or the run cannot start.
        std::fs::read_dir(root).map_err(|e| RootError {
            path: root.display().to_string(),
            message: e.to_string(),
        })?;
        let canon_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let walker = walkdir::WalkDir::new(root)
            .follow_links(follow_links)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !(e.depth() > 0 && e.file_type().is_dir() && excluded(e.path())));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let rel = e
                        .path()
                        .and_then(|p| p.strip_prefix(root).ok())
                        .map(names::relative_name)
                        .unwrap_or_else(|| "_".into());
                    let msg = e
                        .io_error()
                        .map(|io| io.kind().to_string())
                        .unwrap_or_else(|| "a symbolic link loop".into());
                    found.errors.push((rel, msg));
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            let rel_path = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let name = names::relative_name(rel_path);
            let file_name = entry.file_name().to_string_lossy();
            let ft = entry.file_type();
            if ft.is_symlink() {
                // Only reached without --follow-links.
                if !is_input_name(&file_name) {
                    if std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
                        found.ignored.push(Ignored {
                            file: name,
                            reason: "a symbolic link to a folder (not followed without --follow-links)".into(),
                        });
                    }
                    continue;
                }
                match std::fs::canonicalize(entry.path()) {
                    Ok(target) if target.starts_with(&canon_root) && target.is_file() => found.inputs.push(Input {
                        name,
                        path: entry.path().to_path_buf(),
                        seen: std::fs::metadata(&target).ok().as_ref().and_then(FileId::of),
                        via_link: true,
                    }),
                    Ok(target) if target.starts_with(&canon_root) => {}
                    Ok(_) => found.ignored.push(Ignored {
                        file: name,
                        reason: "a symbolic link pointing outside the input folder (use --follow-links)".into(),
                    }),
                    Err(_) => found.ignored.push(Ignored {
                        file: name,
                        reason: "a broken symbolic link".into(),
                    }),
                }
                continue;
            }
            if ft.is_file() && is_input_name(&file_name) {
                // With --follow-links the entry may be a link the walker
                // followed; its metadata is then the target's.
                found.inputs.push(Input {
                    name,
                    path: entry.path().to_path_buf(),
                    seen: entry.metadata().ok().as_ref().and_then(FileId::of),
                    via_link: entry.path_is_symlink(),
                });
            } else if !ft.is_dir() && !is_own_output(entry.path()) {
                found.ignored.push(Ignored {
                    file: name,
                    reason: if ft.is_file() {
                        "not a .pdf, .txt or .md file".into()
                    } else {
                        "not a regular file".into()
                    },
                });
            }
        }
        mark(&found, &mut root_of);
    }
    label_shared_names(&mut found, &root_of, &labels);
    // Sort by name, then by path for equal names; then make names unique.
    found
        .inputs
        .sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
    let mut all: Vec<String> = found.inputs.iter().map(|i| i.name.clone()).collect();
    names::dedupe(&mut all);
    for (input, name) in found.inputs.iter_mut().zip(all) {
        input.name = name;
    }
    found
        .inputs
        .sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
    found.ignored.sort_by(|a, b| a.file.cmp(&b.file));
    found.errors.sort();
    Ok(found)
}

/// Names that several roots give (equal ignoring case) stay with the first
/// of those roots on the command line; under the later ones they are
/// prefixed by the root's label. A root added at the end of the command
/// line thus never renames the documents of the roots before it.
fn label_shared_names(found: &mut Found, root_of: &[Vec<usize>; 3], labels: &[String]) {
    let mut first_root: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let names = found
        .inputs
        .iter()
        .map(|i| &i.name)
        .zip(&root_of[0])
        .chain(found.ignored.iter().map(|i| &i.file).zip(&root_of[1]))
        .chain(found.errors.iter().map(|e| &e.0).zip(&root_of[2]));
    for (name, &root) in names {
        let first = first_root.entry(name.to_lowercase()).or_insert(root);
        *first = (*first).min(root);
    }
    let relabel = |name: &mut String, root: usize| {
        if first_root.get(&name.to_lowercase()).is_some_and(|&first| first < root) {
            *name = names::with_label(&labels[root], name);
        }
    };
    for (input, &root) in found.inputs.iter_mut().zip(&root_of[0]) {
        relabel(&mut input.name, root);
    }
    for (ignored, &root) in found.ignored.iter_mut().zip(&root_of[1]) {
        relabel(&mut ignored.file, root);
    }
    for (error, &root) in found.errors.iter_mut().zip(&root_of[2]) {
        relabel(&mut error.0, root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inputs_in_any_case_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        for f in ["b.TXT", "a.pdf", "a.txt", "sub/c.Md", "skip.doc", "notes.markdown"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let found = find_inputs(std::slice::from_ref(&root), false, None).unwrap();
        let names: Vec<&str> = found.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["a.pdf", "a.txt", "b.TXT", "sub/c.Md"]);
    }

    #[test]
    fn the_output_folder_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("output/text")).unwrap();
        std::fs::write(root.join("output/text/a.txt.txt"), "x").unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        let found = find_inputs(std::slice::from_ref(&root), false, Some(&root.join("output"))).unwrap();
        let names: Vec<&str> = found.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["a.txt"]);
    }

    #[test]
    fn two_roots_do_not_collide() {
        let dir = tempfile::tempdir().unwrap();
        let r1 = dir.path().join("x/in");
        let r2 = dir.path().join("y/in");
        for r in [&r1, &r2] {
            std::fs::create_dir_all(r).unwrap();
            std::fs::write(r.join("a.txt"), "x").unwrap();
        }
        let found = find_inputs(&[r1, r2], false, None).unwrap();
        let names: Vec<&str> = found.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["a.txt", "in~2/a.txt"]);
    }

    #[test]
    fn missing_root_is_an_error() {
        assert!(find_inputs(&[PathBuf::from("/nonexistent/rapporteur-test")], false, None).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_root_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        std::fs::write(root.join("real.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("real.txt"), root.join("alias.txt")).unwrap();
        let found = find_inputs(std::slice::from_ref(&root), false, None).unwrap();
        let names: Vec<&str> = found.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["alias.txt", "real.txt"]);
        assert_eq!(found.ignored.len(), 1);
        assert_eq!(found.ignored[0].file, "leak.txt");
        std::fs::write(root.join("q1.xlsx"), "x").unwrap();
        let found = find_inputs(std::slice::from_ref(&root), false, None).unwrap();
        let ignored: Vec<(&str, &str)> = found
            .ignored
            .iter()
            .map(|i| (i.file.as_str(), i.reason.as_str()))
            .collect();
        assert_eq!(ignored[1], ("q1.xlsx", "not a .pdf, .txt or .md file"));
        let followed = find_inputs(&[root], true, None).unwrap();
        assert_eq!(followed.inputs.len(), 3);
    }
}
