//! The output folder's lock: one `rapporteur run` per output folder.
//!
//! `<out>/.rapporteur.lock` is held with an exclusive advisory lock
//! (`flock` on Unix, `LockFileEx` on Windows, through the standard
//! library's [`File::try_lock`]). The kernel releases it when the process
//! ends, however it ends, so a killed run never blocks the next one: what
//! decides is whether some process holds the lock, never what the file
//! says. The file holds the owner's process id only as information for
//! the message a refused run prints. The lock file is removed when the
//! run ends; it is never part of the output (`--check` ignores it).

use std::fs::{File, TryLockError};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

/// File name of the lock inside the output folder.
pub const LOCK_NAME: &str = ".rapporteur.lock";

/// A held lock; dropping it removes the file and releases the lock.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another rapporteur run (process {pid}) is writing to {dir}; wait for it to finish")]
    Busy { pid: String, dir: String },
    #[error("cannot take the lock file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl LockError {
    fn busy(dir: &Path, lock: &Path) -> LockError {
        let pid = std::fs::read_to_string(lock).unwrap_or_default();
        let pid = pid.trim();
        LockError::Busy {
            pid: if pid.is_empty() || pid.len() > 20 {
                "unknown".into()
            } else {
                pid.into()
            },
            dir: dir.display().to_string(),
        }
    }
}

/// True when a run holds the lock of `dir` (for `--check`, which takes no
/// lock but must not read a folder that is being written). A lock file no
/// process holds (left by a killed run) is not a run.
pub fn held(dir: &Path) -> Result<(), LockError> {
    let path = dir.join(LOCK_NAME);
    let Ok(file) = File::open(&path) else {
        return Ok(());
    };
    match file.try_lock_shared() {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => Err(LockError::busy(dir, &path)),
        // A file system without advisory locks: nothing to learn from it.
        Err(TryLockError::Error(_)) => Ok(()),
    }
}

impl Lock {
    /// Takes the lock of `dir` (which must exist), or refuses when another
    /// process holds it.
    pub fn acquire(dir: &Path) -> Result<Lock, LockError> {
        let path = dir.join(LOCK_NAME);
        let io = |source| LockError::Io {
            path: path.display().to_string(),
            source,
        };
        // A run ending removes the file while holding the lock; one that
        // opened it just before then holds a lock on a file no longer at
        // the path, and must open the new one. A bounded number of tries.
        for _ in 0..8 {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(LockError::busy(dir, &path)),
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            writeln!(file, "{}", std::process::id()).map_err(io)?;
            return Ok(Lock { path, file });
        }
        Err(LockError::busy(dir, &path))
    }
}

/// True when `path` still names the open `file`.
fn same_file(file: &File, path: &Path) -> bool {
    let (Ok(opened), Ok(named)) = (file.metadata(), std::fs::metadata(path)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        opened.dev() == named.dev() && opened.ino() == named.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (opened, named);
        true
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so no other run can take a lock on a
        // file that is about to disappear; closing the file releases it.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(dir.path()).unwrap();
        let Err(LockError::Busy { pid, .. }) = Lock::acquire(dir.path()) else {
            panic!("a second lock was granted");
        };
        assert_eq!(pid, std::process::id().to_string());
        assert!(held(dir.path()).is_err());
        drop(lock);
        assert!(!dir.path().join(LOCK_NAME).exists());
        assert!(held(dir.path()).is_ok());
        let _again = Lock::acquire(dir.path()).unwrap();
    }

    /// What a killed run leaves: a lock file no process holds, empty (killed
    /// before it wrote its pid) or naming a process that is alive but is
    /// not a run (a reused pid; here this very process).
    #[test]
    fn a_lock_file_no_process_holds_does_not_block() {
        for content in [String::new(), format!("{}\n", std::process::id()), "garbage".into()] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join(LOCK_NAME), &content).unwrap();
            assert!(held(dir.path()).is_ok(), "{content:?}");
            let _lock = Lock::acquire(dir.path()).unwrap();
            let pid = std::fs::read_to_string(dir.path().join(LOCK_NAME)).unwrap();
            assert_eq!(pid.trim(), std::process::id().to_string());
        }
    }
}
