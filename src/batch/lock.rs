//! The output folder's lock: one `rapporteur run` per output folder.
//!
//! `<out>/.rapporteur.lock` is created with `create_new` and holds the
//! owner's process id. A second run finds it and refuses (exit code 2)
//! unless the process that wrote it is gone (a killed run): then the lock is
//! stale and taken over. The lock is removed when the run ends; it is never
//! part of the output (`--check` ignores it).

use std::io::Write;
use std::path::{Path, PathBuf};

/// File name of the lock inside the output folder.
pub const LOCK_NAME: &str = ".rapporteur.lock";

/// A held lock; dropping it removes the file.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another rapporteur run (process {pid}) is writing to {dir}; wait for it to finish, or delete {lock} if that process is gone"
    )]
    Busy { pid: String, dir: String, lock: String },
    #[error("cannot create the lock file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Is the process `pid` still running? Linux answers through `/proc`;
/// elsewhere a lock is assumed live (the user deletes a stale one).
fn process_alive(pid: &str) -> bool {
    let Ok(n) = pid.trim().parse::<u32>() else {
        return false;
    };
    if n == std::process::id() {
        return true;
    }
    let proc_root = Path::new("/proc");
    if proc_root.join("self").exists() {
        let stat = proc_root.join(n.to_string()).join("stat");
        match std::fs::read_to_string(stat) {
            // A zombie (state Z) is dead for our purposes.
            Ok(s) => !s
                .rsplit_once(')')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
            Err(_) => false,
        }
    } else {
        true
    }
}

/// The pid of a live run holding the lock in `dir`, if any (for `--check`,
/// which takes no lock but must not read a folder that is being written).
pub fn live_owner(dir: &Path) -> Option<String> {
    let pid = std::fs::read_to_string(dir.join(LOCK_NAME)).ok()?;
    process_alive(&pid).then(|| pid.trim().to_string())
}

impl Lock {
    /// Takes the lock of `dir` (which must exist).
    pub fn acquire(dir: &Path) -> Result<Lock, LockError> {
        let path = dir.join(LOCK_NAME);
        for _ in 0..2 {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    writeln!(f, "{}", std::process::id()).map_err(|source| LockError::Io {
                        path: path.display().to_string(),
                        source,
                    })?;
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let pid = std::fs::read_to_string(&path).unwrap_or_default();
                    if pid.trim().is_empty() || process_alive(&pid) {
                        // An empty lock may be one being written right now.
                        return Err(LockError::Busy {
                            pid: if pid.trim().is_empty() {
                                "unknown".into()
                            } else {
                                pid.trim().into()
                            },
                            dir: dir.display().to_string(),
                            lock: path.display().to_string(),
                        });
                    }
                    // Stale: its owner is gone.
                    let _ = std::fs::remove_file(&path);
                }
                Err(source) => {
                    return Err(LockError::Io {
                        path: path.display().to_string(),
                        source,
                    });
                }
            }
        }
        Err(LockError::Busy {
            pid: "unknown".into(),
            dir: dir.display().to_string(),
            lock: path.display().to_string(),
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(dir.path()).unwrap();
        assert!(matches!(Lock::acquire(dir.path()), Err(LockError::Busy { .. })));
        drop(lock);
        assert!(!dir.path().join(LOCK_NAME).exists());
        let _again = Lock::acquire(dir.path()).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stale_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // Process ids above the kernel's pid_max (at most 2^22) never exist.
        std::fs::write(dir.path().join(LOCK_NAME), "4999999\n").unwrap();
        let _lock = Lock::acquire(dir.path()).unwrap();
        let pid = std::fs::read_to_string(dir.path().join(LOCK_NAME)).unwrap();
        assert_eq!(pid.trim(), std::process::id().to_string());
    }
}
