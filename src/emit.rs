//! Serialization of reports and dataset rows, and atomic file writes.
//!
//! Owns the byte form of everything rapporteur writes: pretty JSON with a
//! trailing newline for reports and the manifest, one compact object per line
//! for JSONL (the row's `document` and `sha256` first, then its own fields).
//! Every file is written to a temporary file (`.rapporteur-*.tmp`) in its
//! own folder and renamed into place, so a reader never sees half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::report::Report;

/// Prefix of temporary files; with [`TMP_SUFFIX`], how stale ones left by a
/// killed run are recognized and removed.
pub const TMP_PREFIX: &str = ".rapporteur-";
/// Suffix of temporary files.
pub const TMP_SUFFIX: &str = ".tmp";

/// A report as the bytes written to `reports/<name>.json` and to stdout.
pub fn report_json(report: &Report) -> Vec<u8> {
    to_pretty(report)
}

/// Pretty JSON with a trailing newline.
pub fn to_pretty<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).expect("report types always serialize");
    out.push(b'\n');
    out
}

/// One JSONL line: `{"document": .., "sha256": .., <the row's fields>}\n`.
pub fn jsonl_row<T: Serialize>(document: &str, sha256: &str, row: &T) -> Vec<u8> {
    let mut map = serde_json::Map::new();
    map.insert("document".into(), document.into());
    map.insert("sha256".into(), sha256.into());
    if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(row) {
        for (k, v) in fields {
            if k != "document" && k != "sha256" {
                map.insert(k, v);
            }
        }
    }
    let mut out = serde_json::to_vec(&serde_json::Value::Object(map)).expect("JSON values always serialize");
    out.push(b'\n');
    out
}

/// Is `path` a temporary file of ours?
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)
}

/// Creates the folders from `base` down to `dir` (which must lie under
/// `base`), refusing to go through a symbolic link or a non-folder: a link
/// planted inside the output folder cannot redirect a write elsewhere.
pub fn create_dirs_under(base: &Path, dir: &Path) -> std::io::Result<()> {
    let rel = dir.strip_prefix(base).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is not inside {}", dir.display(), base.display()),
        )
    })?;
    let mut cur = base.to_path_buf();
    for comp in rel.components() {
        match comp {
            std::path::Component::Normal(c) => cur.push(c),
            _ => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("refusing the path component {comp:?} in an output path"),
                ));
            }
        }
        match std::fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(std::io::Error::other(format!(
                    "refusing to write through the symbolic link {}",
                    cur.display()
                )));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(std::io::Error::other(format!(
                    "{} exists and is not a folder",
                    cur.display()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match std::fs::create_dir(&cur) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed and synced, then renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

/// Writes `value` as pretty JSON (with a trailing newline, the bytes of
/// [`to_pretty`]) to `path` atomically, streamed through the temporary file
/// rather than built in memory first. With `sync` false the file is not
/// forced to disk before the rename (see [`write_atomic_under`]): for
/// checkpoints that a later synced write supersedes.
pub fn write_pretty<T: Serialize>(path: &Path, value: &T, sync: bool) -> std::io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    serde_json::to_writer_pretty(&mut f, value).map_err(std::io::Error::other)?;
    f.write_all(b"\n")?;
    if sync { f.commit() } else { f.commit_unsynced() }
}

/// Atomic write of a `path` under `base`, creating folders with
/// [`create_dirs_under`] (no symbolic links followed below `base`).
///
/// Without `sync` the data is not forced to disk before the rename: still
/// atomic against a killed process (the rename happens after the write),
/// but after a power cut the file may be empty. The batch uses that for
/// per-document outputs, which it re-validates (parse and hash) before it
/// ever reuses them; a file sync per document would dominate a large run.
pub fn write_atomic_under(base: &Path, path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(base);
    create_dirs_under(base, dir)?;
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    if sync { f.commit() } else { f.commit_unsynced() }
}

/// A file being written: bytes go to a temporary file beside `path`;
/// [`AtomicFile::commit`] renames it into place, dropping it without commit
/// removes it.
pub struct AtomicFile {
    tmp: std::io::BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing `path` (its folder is created if missing).
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            std::fs::create_dir_all(dir)?;
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(TMP_PREFIX).suffix(TMP_SUFFIX);
        // tempfile creates 0600 files; outputs are datasets others read.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let tmp = builder.tempfile_in(dir)?;
        Ok(AtomicFile {
            tmp: std::io::BufWriter::with_capacity(1 << 16, tmp),
            path: path.to_path_buf(),
        })
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(self) -> std::io::Result<()> {
        self.finish(true)
    }

    /// Flushes and renames the file into place without forcing it to disk
    /// (see [`write_atomic_under`]).
    pub fn commit_unsynced(self) -> std::io::Result<()> {
        self.finish(false)
    }

    fn finish(self, sync: bool) -> std::io::Result<()> {
        let tmp = self.tmp.into_inner().map_err(|e| e.into_error())?;
        if sync {
            tmp.as_file().sync_all()?;
        }
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_pretty_writes_the_bytes_of_to_pretty() {
        let dir = tempfile::tempdir().expect("temp dir");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let p = dir.path().join("mode.json");
            write_atomic(&p, b"{}").unwrap();
            assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o644);
        }
        let value = serde_json::json!({"a": [1, 2], "b": "x\u{e9}"});
        for sync in [true, false] {
            let path = dir.path().join(format!("v-{sync}.json"));
            write_pretty(&path, &value, sync).expect("written");
            assert_eq!(std::fs::read(&path).expect("read back"), to_pretty(&value));
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .filter(|e| is_temp_name(&e.file_name().to_string_lossy()))
            .collect();
        assert!(left.is_empty(), "no temporary file is left behind");
    }

    #[test]
    fn jsonl_row_puts_document_first() {
        #[derive(Serialize)]
        struct R {
            a: u32,
            b: &'static str,
        }
        let line = jsonl_row("x.txt", "abc", &R { a: 1, b: "q" });
        assert_eq!(
            line,
            b"{\"document\":\"x.txt\",\"sha256\":\"abc\",\"a\":1,\"b\":\"q\"}\n"
        );
    }

    #[test]
    fn atomic_write_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/f.json");
        write_atomic_under(dir.path(), &p, b"one", true).unwrap();
        write_atomic_under(dir.path(), &p, b"two", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub")).unwrap().collect();
        assert_eq!(names.len(), 1);
        // An uncommitted file disappears.
        let mut f = AtomicFile::create(&dir.path().join("g")).unwrap();
        f.write_all(b"x").unwrap();
        drop(f);
        assert!(!dir.path().join("g").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn no_write_through_a_symlinked_folder() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), out.join("reports")).unwrap();
        let err = write_atomic_under(&out, &out.join("reports/a.json"), b"x", false).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }
}
