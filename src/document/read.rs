//! Reading one input's bytes under `--max-bytes`: a file the batch's walk
//! found (checked to be that very file), a path given on the command line,
//! or a stream (stdin, a pipe, a device) read with a bound.

use std::io::Read;
use std::path::Path;

use crate::error::ErrorKind;

/// The identity of a file (device and inode): what an open must find again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
}

impl FileId {
    /// The identity of the file `meta` describes (`None` off Unix).
    pub fn of(meta: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId {
                dev: meta.dev(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// What a file found earlier (by a walk) must still be when it is opened.
#[derive(Debug, Clone, Copy, Default)]
pub struct Expected {
    /// The file seen then (`None`: not checked).
    pub seen: Option<FileId>,
    /// The path was accepted as a symbolic link: opening may follow a link
    /// there. Otherwise a link at the path is refused.
    pub via_link: bool,
}

fn io_kind(e: std::io::Error) -> ErrorKind {
    ErrorKind::Io(e.kind().to_string())
}

/// Reads a file read-only, refusing one over `max_bytes` (0: no limit)
/// from its size before reading it, and refusing a file that is not the
/// one `expected` describes (a link, FIFO or other file swapped in).
pub fn read_expected(path: &Path, expected: Expected, max_bytes: u64) -> Result<Vec<u8>, ErrorKind> {
    let file = open_expected(path, expected)?;
    let meta = file.metadata().map_err(io_kind)?;
    if !meta.is_file() {
        return Err(ErrorKind::Replaced("it is no longer a regular file".into()));
    }
    if expected.seen.is_some() && FileId::of(&meta) != expected.seen {
        return Err(ErrorKind::Replaced(
            "another file is now at its path, or a folder above it was replaced".into(),
        ));
    }
    refuse_over(meta.len(), max_bytes)?;
    let mut bytes = Vec::with_capacity(meta.len().min(max_bytes.max(1)) as usize);
    read_bounded_into(file, max_bytes, &mut bytes).map_err(io_kind)??;
    Ok(bytes)
}

/// Opens a file read-only. Unless `expected.via_link`, a symbolic link at
/// the path is not followed (`O_NOFOLLOW`); the open never blocks on a FIFO
/// swapped in (`O_NONBLOCK`; a regular file ignores it).
fn open_expected(path: &Path, expected: Expected) -> Result<std::fs::File, ErrorKind> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if expected.via_link { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(nofollow | libc::O_NONBLOCK);
    }
    options.open(path).map_err(|e| {
        #[cfg(unix)]
        if !expected.via_link && e.raw_os_error() == Some(libc::ELOOP) {
            return ErrorKind::Replaced("it is now a symbolic link, not followed without --follow-links".into());
        }
        io_kind(e)
    })
}

/// Reads a path given by the user: a regular file over `max_bytes` is
/// refused from its size; anything else (a device, a FIFO) is read through
/// [`read_bounded`]. The outer error is an open or read failure.
pub fn read_path(path: &Path, max_bytes: u64) -> std::io::Result<Result<Vec<u8>, ErrorKind>> {
    let f = std::fs::File::open(path)?;
    if let Some(len) = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len())
        && let Err(e) = refuse_over(len, max_bytes)
    {
        return Ok(Err(e));
    }
    read_bounded(f, max_bytes)
}

/// Reads at most `max_bytes` (0: no limit) from `reader`; more fails with
/// `limit.bytes` as soon as the limit is passed, so a pipe or a device that
/// never ends costs no more than the limit.
pub fn read_bounded(reader: impl Read, max_bytes: u64) -> std::io::Result<Result<Vec<u8>, ErrorKind>> {
    let mut buf = Vec::new();
    Ok(read_bounded_into(reader, max_bytes, &mut buf)?.map(|()| buf))
}

fn read_bounded_into(reader: impl Read, max_bytes: u64, buf: &mut Vec<u8>) -> std::io::Result<Result<(), ErrorKind>> {
    let cap = if max_bytes > 0 { max_bytes + 1 } else { u64::MAX };
    let read = reader.take(cap).read_to_end(buf)? as u64;
    // Past the limit, the size of the whole input is not known without
    // reading it all: the bytes read so far are reported.
    Ok(refuse_over(read, max_bytes))
}

/// `limit.bytes` when `len` is over `max_bytes` (0: no limit).
pub fn refuse_over(len: u64, max_bytes: u64) -> Result<(), ErrorKind> {
    match max_bytes > 0 && len > max_bytes {
        true => Err(ErrorKind::TooLarge {
            actual: len,
            limit: max_bytes,
        }),
        false => Ok(()),
    }
}
