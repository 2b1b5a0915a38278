//! Serialization of reports and dataset rows, and atomic file writes.
//!
//! Owns the byte form of everything rapporteur writes: pretty JSON with a
//! trailing newline for reports and the manifest, one compact object per line
//! for JSONL (the row's `document` and `sha256` first, then its own fields).
//! Every file is written to a temporary file (`.rapporteur-*.tmp`) in its
//! own folder and renamed into place, so a reader never sees half a file.

use std::io::{Read, Write};
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
    let mut out = Vec::with_capacity(256);
    jsonl_row_into(&mut out, document, sha256, row);
    out
}

/// [`jsonl_row`] appended to `out`.
///
/// The row is serialized once and spliced after the two leading fields
/// (its `{` becomes a `,`), instead of going through a `serde_json::Value`
/// map: a row is serialized for every turn, dispatch and person of every
/// report, and the map cost as much as the rest of the batch's writing.
/// A row that is not a JSON object, or that has its own `document` or
/// `sha256` field, takes the map path (the row's fields win over neither).
pub fn jsonl_row_into<T: Serialize>(out: &mut Vec<u8>, document: &str, sha256: &str, row: &T) {
    let start = out.len();
    out.extend_from_slice(b"{\"document\":");
    write_json_str(out, document);
    out.extend_from_slice(b",\"sha256\":");
    write_json_str(out, sha256);
    let fields = out.len();
    let spliced = serde_json::to_writer(&mut *out, row).is_ok()
        && out.get(fields) == Some(&b'{')
        && !has_top_level_key(&out[fields..], &["document", "sha256"]);
    if !spliced {
        out.truncate(start);
        out.extend_from_slice(&jsonl_row_via_map(document, sha256, row));
        return;
    }
    if &out[fields..] == b"{}" {
        out.truncate(fields);
        out.push(b'}');
    } else {
        out[fields] = b',';
    }
    out.push(b'\n');
}

fn write_json_str(out: &mut Vec<u8>, s: &str) {
    // Serializing a str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Does the compact JSON object `obj` have one of `keys` at its top level?
/// (Only called on serde_json's own compact output: no whitespace.)
fn has_top_level_key(obj: &[u8], keys: &[&str]) -> bool {
    // Almost always answered by a vectorized search for `"key":` anywhere.
    let anywhere = keys.iter().any(|k| {
        let quoted = format!("\"{k}\":");
        memchr::memmem::find(obj, quoted.as_bytes()).is_some()
    });
    if !anywhere {
        return false;
    }
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    let mut key_start: Option<usize> = None;
    for (i, &b) in obj.iter().enumerate() {
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
                if let Some(k) = key_start.take()
                    && obj.get(i + 1) == Some(&b':')
                    && keys.iter().any(|key| key.as_bytes() == &obj[k..i])
                {
                    return true;
                }
            }
            continue;
        }
        match b {
            b'"' => {
                in_str = true;
                let prev = if i > 0 { obj[i - 1] } else { b' ' };
                if depth == 1 && (prev == b'{' || prev == b',') {
                    key_start = Some(i + 1);
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The general form of [`jsonl_row`], through a `serde_json::Value` map.
fn jsonl_row_via_map<T: Serialize>(document: &str, sha256: &str, row: &T) -> Vec<u8> {
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
/// per-document outputs, which it re-validates (the sizes recorded in the
/// manifest; a file emptied by a power cut fails that) before it
/// ever reuses them; a file sync per document would dominate a large run.
pub fn write_atomic_under(base: &Path, path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(base);
    create_dirs_under(base, dir)?;
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    if sync { f.commit() } else { f.commit_unsynced() }
}

/// How bytes compare with what a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// The file holds exactly these bytes.
    Same,
    /// The file holds other bytes.
    Differs,
    /// There is no file (or it cannot be read).
    Missing,
}

/// A writer that passes bytes on to `inner` and compares them with the file
/// it was opened on, without holding either in memory.
pub struct Comparing<W: Write> {
    inner: W,
    old: Option<std::io::BufReader<std::fs::File>>,
    existed: bool,
    same: bool,
    scratch: Vec<u8>,
}

impl<W: Write> Comparing<W> {
    /// Compares what is written with the file at `path`.
    pub fn new(inner: W, path: &Path) -> Comparing<W> {
        let old = std::fs::File::open(path)
            .ok()
            .map(|f| std::io::BufReader::with_capacity(1 << 16, f));
        Comparing {
            inner,
            existed: old.is_some(),
            same: old.is_some(),
            old,
            scratch: Vec::new(),
        }
    }

    /// The comparison of everything written with the whole file, and the
    /// inner writer.
    pub fn finish(mut self) -> (Comparison, W) {
        if self.same
            && let Some(old) = &mut self.old
        {
            let mut one = [0u8; 1];
            self.same = matches!(old.read(&mut one), Ok(0));
        }
        let state = match (self.existed, self.same) {
            (false, _) => Comparison::Missing,
            (true, true) => Comparison::Same,
            (true, false) => Comparison::Differs,
        };
        (state, self.inner)
    }
}

impl<W: Write> Write for Comparing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        if self.same
            && let Some(old) = &mut self.old
        {
            self.scratch.resize(n, 0);
            self.same = old.read_exact(&mut self.scratch).is_ok() && self.scratch[..] == buf[..n];
            if !self.same {
                self.old = None;
            }
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Compares the bytes `write` produces with the file at `path`, writing
/// nothing.
pub fn compare_with_file(
    path: &Path,
    write: impl FnOnce(&mut Comparing<std::io::Sink>) -> std::io::Result<()>,
) -> std::io::Result<Comparison> {
    let mut c = Comparing::new(std::io::sink(), path);
    write(&mut c)?;
    Ok(c.finish().0)
}

/// Writes the bytes `write` produces to `path` atomically, unless the file
/// already holds exactly those bytes: then nothing is written, renamed or
/// synced and the file is left as it is. `write` is called once to compare
/// and, if the file differs, once more to write. Returns whether the file
/// was written.
///
/// A rerun with nothing changed rewrites the same manifest; skipping the
/// rename and its `fsync` is most of what such a rerun saves.
pub fn write_if_changed(
    path: &Path,
    sync: bool,
    mut write: impl FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    // Compared first without writing anything (no temporary file created
    // and removed for an unchanged file); written only if different.
    if compare_with_file(path, |w| write(w))? == Comparison::Same {
        return Ok(false);
    }
    let mut file = AtomicFile::create(path)?;
    write(&mut file)?;
    if sync {
        file.commit()?
    } else {
        file.commit_unsynced()?
    }
    Ok(true)
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
            // Small: whole outputs are written in one call, which bypasses the buffer.
            tmp: std::io::BufWriter::with_capacity(1 << 13, tmp),
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
    fn spliced_rows_equal_the_map_form() {
        let rows = [
            serde_json::json!({}),
            serde_json::json!({"a": {"document": 1}, "z": [1, {"sha256": 2}]}),
            serde_json::json!({"document": "theirs", "b": 1}),
            serde_json::json!({"x\"document": 1, "s": "a\\\"sha256\":"}),
            serde_json::json!({"b": "line\nbreak \u{e9}", "sha256": "x"}),
            serde_json::json!([1, 2]),
            serde_json::json!("not an object"),
        ];
        for row in &rows {
            for doc in ["a.txt", "we\"ird\\name\u{1}.pdf"] {
                assert_eq!(
                    String::from_utf8(jsonl_row(doc, "abc", row)).unwrap(),
                    String::from_utf8(jsonl_row_via_map(doc, "abc", row)).unwrap(),
                    "{row}"
                );
            }
        }
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

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.json");
        let put = |bytes: &'static [u8]| {
            write_if_changed(&p, false, |w| {
                // In pieces, as a streaming writer does.
                for chunk in bytes.chunks(3) {
                    w.write_all(chunk)?;
                }
                Ok(())
            })
            .unwrap()
        };
        assert!(put(b"hello world"), "a missing file is written");
        let inode = |p: &Path| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                std::fs::metadata(p).unwrap().ino()
            }
            #[cfg(not(unix))]
            {
                let _ = p;
                0
            }
        };
        let before = inode(&p);
        assert!(!put(b"hello world"), "the same bytes are not written again");
        assert_eq!(inode(&p), before, "the file was left in place");
        assert!(put(b"hello world!"), "a longer content is written");
        assert!(put(b"hello"), "a prefix of the old content is written");
        assert!(put(b"hellO"), "a change is written");
        assert_eq!(std::fs::read(&p).unwrap(), b"hellO");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
        let cmp = |bytes: &[u8]| compare_with_file(&p, |w| w.write_all(bytes)).unwrap();
        assert_eq!(cmp(b"hellO"), Comparison::Same);
        assert_eq!(cmp(b"hell"), Comparison::Differs);
        assert_eq!(cmp(b""), Comparison::Differs);
        assert_eq!(
            compare_with_file(&dir.path().join("none"), |w| w.write_all(b"x")).unwrap(),
            Comparison::Missing
        );
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
