//! Writing a file crux generates (a report, an export) without ever
//! writing over what the user wrote.
//!
//! The output is refused when it is, under any name (`..`, `./`, a symlink,
//! a hard link), the claims file or one of its declared sources, and when
//! it is a directory or not a regular file (a FIFO, a device). It is then
//! written atomically: a reader sees the old report or the new one, never
//! part of one.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::model::Dataset;

/// What to do when the output path is a symlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Write to the file it points to, as a shell's `>` does: the path was
    /// given by the user.
    Follow,
    /// Refuse: the path is one crux chose, and a link there was planted
    /// (a cloned repository can hold one).
    Refuse,
}

#[derive(Debug)]
pub enum OutputError {
    /// The output is the claims file or a source; `what` says which.
    Protected {
        path: PathBuf,
        what: String,
    },
    Directory(PathBuf),
    /// A FIFO, socket or device.
    NotAFile(PathBuf),
    /// A symlink where [`Links::Refuse`] applies.
    Symlink(PathBuf),
    /// A symlink to nothing: following it would create a file elsewhere.
    DanglingSymlink(PathBuf),
    Io(PathBuf, io::Error),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |path: &Path| crate::text::visible_line(&path.to_string_lossy()).into_owned();
        match self {
            OutputError::Protected { path, what } => write!(
                f,
                "{} is {what}; crux never writes a report or an export over it",
                shown(path)
            ),
            OutputError::Directory(path) => write!(f, "{} is a directory", shown(path)),
            OutputError::NotAFile(path) => write!(
                f,
                "{} is not a regular file (it is a FIFO, socket or device)",
                shown(path)
            ),
            OutputError::Symlink(path) => write!(
                f,
                "{0} is a symbolic link; remove the link (rm {0}) and try again: crux does not write through it",
                shown(path)
            ),
            OutputError::DanglingSymlink(path) => write!(
                f,
                "{} is a symbolic link to a file that does not exist; crux does not create files through links",
                shown(path)
            ),
            OutputError::Io(path, e) => write!(f, "cannot write {}: {e}", shown(path)),
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

/// Writes `text` to `path`, unless that would write over `dataset`'s
/// claims file or one of its sources, or `path` is not a regular file (or
/// a symlink, with [`Links::Refuse`]). An existing file keeps its
/// permissions; a new one gets the mode a new file gets.
pub fn write(dataset: &Dataset, path: &Path, text: &str, links: Links) -> Result<(), OutputError> {
    write_with(dataset, path, links, |out| out.write_all(text.as_bytes()))
}

/// [`write`] of what `fill` writes as it goes: the output is checked
/// before `fill` runs, and a failing `fill` leaves the file as it was.
pub fn write_with(
    dataset: &Dataset,
    path: &Path,
    links: Links,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    let io_error = |e| OutputError::Io(path.to_path_buf(), e);
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match links {
            Links::Refuse => return Err(OutputError::Symlink(path.to_path_buf())),
            Links::Follow => match fs::canonicalize(path) {
                Ok(target) => target,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(OutputError::DanglingSymlink(path.to_path_buf()));
                }
                Err(e) => return Err(io_error(e)),
            },
        },
        Ok(_) => path.to_path_buf(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(io_error(e)),
    };
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_error(e)),
    };
    if let Some(what) = protected_as(dataset, path, &target) {
        return Err(OutputError::Protected {
            path: path.to_path_buf(),
            what,
        });
    }
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(OutputError::Directory(path.to_path_buf()));
        }
        if !meta.is_file() {
            return Err(OutputError::NotAFile(path.to_path_buf()));
        }
    }
    let permissions = existing.map(|meta| meta.permissions());
    crate::edit::write_atomically_with(&target, permissions, fill).map_err(io_error)
}

/// What `output` (spelt `spelt`) is among the files the user wrote, when
/// it is one of them: `the claims file`, `source `id``, and the name the
/// dataset knows it by when `spelt` is another. A declared source that does
/// not exist yet counts too: the report would become that document.
fn protected_as(dataset: &Dataset, spelt: &Path, output: &Path) -> Option<String> {
    let shown = |path: &Path| crate::text::visible_line(&path.to_string_lossy()).into_owned();
    let known_as = |path: &Path| {
        if path == spelt {
            String::new()
        } else {
            format!(" ({})", shown(path))
        }
    };
    if same_file(&dataset.path, output) {
        return Some(format!("the claims file{}", known_as(&dataset.path)));
    }
    let base = dataset.path.parent().unwrap_or(Path::new(""));
    dataset.sources.iter().find_map(|source| {
        let path = base.join(&source.path);
        same_file(&path, output).then(|| {
            let id = crate::text::visible_line(&source.id);
            format!("source `{id}`{}", known_as(&path))
        })
    })
}

/// Whether `a` and `b` name the same file: the same inode when both exist,
/// else the same name in the same directory.
fn same_file(a: &Path, b: &Path) -> bool {
    same_inode(a, b) || same_place(a, b)
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let id = |path| fs::metadata(path).map(|meta| (meta.dev(), meta.ino()));
    matches!((id(a), id(b)), (Ok(a), Ok(b)) if a == b)
}

/// Without inode numbers a hard link goes unseen; the same path, however
/// spelt, is still caught.
#[cfg(not(unix))]
fn same_inode(a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

fn same_place(a: &Path, b: &Path) -> bool {
    let place = |path: &Path| {
        let name = path.file_name()?;
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        Some(fs::canonicalize(dir).ok()?.join(name))
    };
    matches!((place(a), place(b)), (Some(a), Some(b)) if a == b)
}
