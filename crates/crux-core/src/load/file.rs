//! Reading a file crux holds whole in memory (the claims file, a document):
//! only a regular file, never more than a set size, and opened so that a
//! FIFO swapped in after the check cannot block the open.

use std::fs::{self, File, FileType, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// Largest claims file read. It is parsed whole, and loading it peaks at a
/// few times its size; no hand-edited file comes near this.
pub const CLAIMS_FILE_LIMIT: u64 = 256 << 20;
/// Largest document read. A document is held whole, with its line index and
/// a normalized copy for matching, by `check` and by the review UI at once.
pub const DOCUMENT_LIMIT: u64 = 256 << 20;

#[derive(Debug)]
pub enum ReadError {
    /// Something other than a regular file, e.g. "a FIFO".
    NotRegular(&'static str),
    /// Over `limit` bytes: `size` when known from the file system, `None`
    /// when the file grew past the limit while it was read.
    TooLarge {
        size: Option<u64>,
        limit: u64,
    },
    Io(io::Error),
}

impl ReadError {
    /// What is wrong, to follow a subject: "is not a regular file: a FIFO".
    pub fn what(&self) -> String {
        match self {
            ReadError::NotRegular(kind) => format!("is not a regular file: {kind}"),
            ReadError::TooLarge {
                size: Some(size),
                limit,
            } => format!("is {}, over the {} limit", mib(*size), mib(*limit)),
            ReadError::TooLarge { size: None, limit } => {
                format!("grew past the {} limit while being read", mib(*limit))
            }
            ReadError::Io(e) => format!("cannot be read: {e}"),
        }
    }
}

/// The bytes of the regular file at `path` (symlinks followed), refused
/// when it is anything else or holds more than `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, metadata) = open_regular(path, limit)?;
    read_at_most(file, limit, metadata.len())
}

/// The regular file at `path` opened for reading, with its metadata as
/// opened, under the same checks as [`read_regular`].
pub fn open_regular(path: &Path, limit: u64) -> Result<(File, Metadata), ReadError> {
    check(&fs::metadata(path).map_err(ReadError::Io)?, limit)?;
    let file = open_without_blocking(path).map_err(ReadError::Io)?;
    // What was opened may not be what was checked: check it again.
    let metadata = file.metadata().map_err(ReadError::Io)?;
    check(&metadata, limit)?;
    Ok((file, metadata))
}

fn check(metadata: &Metadata, limit: u64) -> Result<(), ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind(&metadata.file_type())));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(metadata.len()),
            limit,
        });
    }
    Ok(())
}

/// Opening a FIFO for reading waits for a writer; O_NONBLOCK makes it
/// return at once, and changes nothing for a regular file.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Everything `reader` gives, refused past `limit` bytes; `expected` (the
/// size the file had) sizes the buffer once.
fn read_at_most(reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(limit)).unwrap_or(0));
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

fn kind(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// `bytes` as binary mebibytes, e.g. `256 MiB` (rounded up, so a file just
/// over a limit never reads as equal to it).
fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes.div_ceil(1 << 20))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_that_never_ends_is_cut_at_the_limit() {
        let endless = io::repeat(b'a');
        match read_at_most(endless, 1000, 10) {
            Err(ReadError::TooLarge { size: None, limit }) => assert_eq!(limit, 1000),
            other => panic!("expected too large, got {other:?}"),
        }
        let exact = read_at_most(&[b'a'; 1000][..], 1000, 1000).unwrap();
        assert_eq!(exact.len(), 1000);
        assert!(read_at_most(&[b'a'; 1001][..], 1000, 0).is_err());
    }

    #[test]
    fn sizes_are_named_in_mebibytes_rounded_up() {
        assert_eq!(mib(256 << 20), "256 MiB");
        assert_eq!(mib((256 << 20) + 1), "257 MiB");
        let error = ReadError::TooLarge {
            size: Some(300 << 20),
            limit: 256 << 20,
        };
        assert_eq!(error.what(), "is 300 MiB, over the 256 MiB limit");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo has no other preconditions.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
        assert!(matches!(
            read_regular(&fifo, 100),
            Err(ReadError::NotRegular("a FIFO"))
        ));
        // The open itself must not block either (the check after the open
        // is what catches a FIFO swapped in after the first check).
        let opened = open_without_blocking(&fifo).unwrap();
        assert!(matches!(
            check(&opened.metadata().unwrap(), 100),
            Err(ReadError::NotRegular("a FIFO"))
        ));
    }

    #[test]
    fn a_directory_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::NotRegular("a directory"))
        ));
    }
}
