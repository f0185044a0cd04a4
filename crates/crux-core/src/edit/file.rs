//! The one way crux writes a file: the new version goes to a synced
//! temporary file in the same directory, which is renamed over the target.
//!
//! A crash between the two steps leaves the target whole (old content) and
//! a `.<name>.*.crux-tmp` file beside it; the next save removes it.
//!
//! The claims file keeps what a rename would lose, as vim's
//! `backupcopy=auto` does: its owner and group are given to the new version,
//! and when the rename would break hard links (or cannot keep the owner) the
//! file is rewritten in place instead, after a synced copy of the old
//! version, `<name>.*.crux-backup`, is made beside it; the copy is removed
//! once the new version is synced, and stays if the process dies mid-write.

use std::cell::Cell;
use std::ffi::OsString;
use std::fs::{self, Metadata, Permissions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

const TEMP_SUFFIX: &str = ".crux-tmp";
const BACKUP_SUFFIX: &str = ".crux-backup";

use super::EditError;

/// The file's text; `None` when it is gone or no longer UTF-8, both of
/// which count as changed on disk.
/// Read the way the loader reads it, so a FIFO or a device swapped in
/// cannot block or flood a save; anything but a regular text file within
/// the limit counts as changed on disk.
pub(super) fn read_if_text(path: &Path) -> Result<Option<String>, EditError> {
    use crate::load::file::{CLAIMS_FILE_LIMIT, ReadError, read_regular};
    match read_regular(path, CLAIMS_FILE_LIMIT) {
        Ok(bytes) => Ok(String::from_utf8(bytes).ok()),
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(ReadError::Io(e)) => Err(e.into()),
        Err(ReadError::NotRegular(_) | ReadError::TooLarge { .. }) => Ok(None),
    }
}

/// Whether the file at `path` holds exactly `text`: what comparing
/// [`read_if_text`] with it says, found by comparing as it reads, a block at
/// a time, without a second copy of the file in memory.
pub(super) fn holds(path: &Path, text: &str) -> Result<bool, EditError> {
    use crate::load::file::{CLAIMS_FILE_LIMIT, ReadError, open_regular};
    let mut file = match open_regular(path, CLAIMS_FILE_LIMIT) {
        Ok((file, metadata)) if metadata.len() == text.len() as u64 => file,
        // A length that differs may be wrong (some file systems report 0):
        // the caller reads the file whole to find out.
        Ok(_) => return Ok(false),
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(ReadError::Io(e)) => return Err(e.into()),
        Err(ReadError::NotRegular(_) | ReadError::TooLarge { .. }) => return Ok(false),
    };
    let mut rest = text.as_bytes();
    let mut block = vec![0; COMPARED_BLOCK];
    loop {
        let read = match file.read(&mut block) {
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        if read == 0 {
            return Ok(rest.is_empty());
        }
        match rest.split_at_checked(read) {
            Some((expected, after)) if block[..read] == *expected => rest = after,
            _ => return Ok(false),
        }
    }
}

/// Small enough to stay in cache between the read and the comparison.
const COMPARED_BLOCK: usize = 64 << 10;

pub(super) fn conflict_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".crux-conflict");
    path.with_file_name(name)
}

/// Writes `text` over the claims file at `path` (through a symlink to its
/// target), keeping its permissions, owner, group and hard links. A
/// read-only file is refused, not rewritten.
pub(super) fn replace(path: &Path, text: &str) -> Result<(), EditError> {
    let target = fs::canonicalize(path)?;
    let meta = fs::metadata(&target)?;
    if is_read_only(&target, &meta) {
        return Err(EditError::ReadOnly(path.to_path_buf()));
    }
    if platform::hard_linked(&meta) {
        return Ok(rewrite_in_place(&target, text)?);
    }
    let (temp, owner_kept) = temp_beside(&target, Mode::Like(&meta), |file| {
        file.write_all(text.as_bytes())
    })?;
    if !owner_kept {
        drop(temp);
        return Ok(rewrite_in_place(&target, text)?);
    }
    Ok(rename_over(temp, &target)?)
}

/// Read-only as vim judges it: the owner may not write it (the mode bits,
/// so this holds for root, who writes past them), or this user may not.
fn is_read_only(target: &Path, meta: &Metadata) -> bool {
    let denied = || {
        let opened = fs::OpenOptions::new().write(true).open(target);
        opened.is_err_and(|e| e.kind() == io::ErrorKind::PermissionDenied)
    };
    !platform::owner_may_write(meta) || denied()
}

/// Writes `text` to `target` by renaming a new file over it. The new file
/// gets `permissions`, or, when `None`, the mode a new file gets (0666 less
/// the umask).
pub(crate) fn write_atomically(
    target: &Path,
    text: &str,
    permissions: Option<Permissions>,
) -> io::Result<()> {
    write_atomically_with(target, permissions, |out| out.write_all(text.as_bytes()))
}

/// [`write_atomically`] of what `fill` writes, buffered: a large output is
/// never held whole.
pub(crate) fn write_atomically_with(
    target: &Path,
    permissions: Option<Permissions>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mode = permissions.map_or(Mode::NewFile, Mode::Permissions);
    let (temp, _) = temp_beside(target, mode, |file| {
        let mut buffered = io::BufWriter::new(file);
        fill(&mut buffered)?;
        buffered.flush()
    })?;
    rename_over(temp, target)
}

fn parent_dir(target: &Path) -> &Path {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// What a new version takes from the file it replaces.
enum Mode<'a> {
    /// Nothing: a new file's mode (0666 less the umask).
    NewFile,
    Permissions(Permissions),
    /// Permissions, owner and group.
    Like(&'a Metadata),
}

/// A temporary file beside `target` holding what `fill` writes, synced
/// once it has its `mode`. The flag is false when the owner or group asked
/// for could not be given.
fn temp_beside(
    target: &Path,
    mode: Mode,
    fill: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<(NamedTempFile, bool)> {
    let prefix = temp_prefix(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    if let Mode::NewFile = mode {
        platform::as_new_file(&mut builder);
    }
    let mut temp = builder
        .tempfile_in(parent_dir(target))
        .map_err(without_temp_name)?;
    fill(temp.as_file_mut())?;
    let file = temp.as_file();
    let owner_kept = match mode {
        Mode::NewFile => true,
        Mode::Permissions(permissions) => {
            file.set_permissions(permissions)?;
            true
        }
        Mode::Like(original) => {
            let kept = platform::give_owner(file, original)?;
            file.set_permissions(original.permissions())?;
            kept
        }
    };
    file.sync_all()?;
    Ok((temp, owner_kept))
}

/// tempfile names its random temporary file in its errors, which tells
/// the user nothing: the caller names the file being written.
fn without_temp_name(e: io::Error) -> io::Error {
    let message = e.to_string();
    match message.split_once(" at path ") {
        Some((cause, _)) => io::Error::new(e.kind(), cause),
        None => e,
    }
}

fn rename_over(temp: NamedTempFile, target: &Path) -> io::Result<()> {
    let dir = parent_dir(target);
    let prefix = temp_prefix(target);
    let temp = fault_before_replacing(temp)?;
    let ours = temp.path().to_path_buf();
    temp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir);
    remove_stale_temps(dir, &prefix, &ours);
    Ok(())
}

/// Overwrites `target`'s own inode, so every hard link to it sees the new
/// version. The old version is copied beside it first; if the overwrite
/// fails, the old bytes are written back, and if even that fails the copy
/// stays and the error names it.
fn rewrite_in_place(target: &Path, text: &str) -> io::Result<()> {
    let old = fs::read(target)?;
    let mut prefix = target.file_name().unwrap_or_default().to_os_string();
    prefix.push(".");
    let mut backup = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(BACKUP_SUFFIX)
        .tempfile_in(parent_dir(target))
        .map_err(without_temp_name)?;
    backup.write_all(&old)?;
    backup.as_file().sync_all()?;
    sync_dir(parent_dir(target));
    let backup = fault_before_replacing(backup)?;
    let written = overwrite(target, text.as_bytes());
    if let Err(e) = written {
        if overwrite(target, &old).is_ok() {
            return Err(e);
        }
        let kept = backup.into_temp_path().keep().map_err(|k| k.error)?;
        return Err(io::Error::new(
            e.kind(),
            format!(
                "{e}; the file may be partly written: its previous version is in {}",
                kept.display()
            ),
        ));
    }
    Ok(())
}

fn overwrite(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(target)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)?;
    file.sync_all()
}

fn temp_prefix(target: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(target.file_name().unwrap_or_default());
    prefix.push(".");
    prefix
}

/// Removes what earlier saves interrupted by a crash left behind. Another
/// crux saving the same file at this very moment would see its save fail
/// and can retry; nothing written is lost either way.
fn remove_stale_temps(dir: &Path, prefix: &OsString, ours: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = prefix.as_encoded_bytes();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.as_encoded_bytes();
        let stale = name.starts_with(prefix)
            && name.ends_with(TEMP_SUFFIX.as_bytes())
            && entry.path() != ours
            && entry.file_type().is_ok_and(|t| t.is_file());
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Test hook: what the next save on this thread meets between writing its
/// temporary file (or, for an in-place save, its backup copy) and putting
/// the new version in place.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The write fails with this OS error (e.g. 28, `ENOSPC`); the
    /// temporary file is removed as on any failed save.
    OsError(i32),
    /// The process "dies": the save stops with an error and the temporary
    /// file (or backup copy) stays on disk, as after a crash or `kill -9`.
    Crash,
}

thread_local! {
    static FAULT: Cell<Option<Fault>> = const { Cell::new(None) };
}

/// Test hook (only in `test-hooks` builds): injects `fault` into the next
/// save made on this thread.
#[doc(hidden)]
#[cfg(feature = "test-hooks")]
pub fn inject_fault(fault: Fault) {
    FAULT.with(|f| f.set(Some(fault)));
}

/// Test hook, for a test that kills a real process mid-save: with
/// `CRUX_TEST_PAUSE_BEFORE_RENAME=<path>` set, a save creates `<path>` once
/// its temporary file is written, then waits forever for the kill.
const PAUSE_VAR: &str = "CRUX_TEST_PAUSE_BEFORE_RENAME";

fn fault_before_replacing(temp: NamedTempFile) -> io::Result<NamedTempFile> {
    if let Some(signal) = crate::hooks::var(PAUSE_VAR) {
        fs::write(signal, temp.path().as_os_str().as_encoded_bytes())?;
        loop {
            std::thread::park();
        }
    }
    match FAULT.with(Cell::take) {
        None => Ok(temp),
        Some(Fault::OsError(code)) => Err(io::Error::from_raw_os_error(code)),
        Some(Fault::Crash) => {
            temp.into_temp_path().keep().map_err(|e| e.error)?;
            Err(io::Error::other("simulated crash before the rename"))
        }
    }
}

/// Makes the rename itself durable. The new content is already in place, so
/// a failure here is not worth failing the save over.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(unix)]
mod platform {
    use std::fs::{File, Metadata, Permissions};
    use std::io;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    pub(super) fn hard_linked(meta: &Metadata) -> bool {
        meta.nlink() > 1
    }

    pub(super) fn owner_may_write(meta: &Metadata) -> bool {
        meta.permissions().mode() & 0o200 != 0
    }

    /// The mode a new file gets from `open`, 0666 less the umask, rather
    /// than the 0600 of a temporary file.
    pub(super) fn as_new_file(builder: &mut tempfile::Builder) {
        builder.permissions(Permissions::from_mode(0o666));
    }

    /// Gives `file` the owner and group of `original`; false when this
    /// user may not (EPERM) and the file's owner or group would differ.
    pub(super) fn give_owner(file: &File, original: &Metadata) -> io::Result<bool> {
        match std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                let now = file.metadata()?;
                Ok(now.uid() == original.uid() && now.gid() == original.gid())
            }
            Err(e) => Err(e),
        }
    }
}

#[cfg(not(unix))]
mod platform {
    use std::fs::{File, Metadata};
    use std::io;

    pub(super) fn hard_linked(_: &Metadata) -> bool {
        false
    }

    pub(super) fn owner_may_write(meta: &Metadata) -> bool {
        !meta.permissions().readonly()
    }

    pub(super) fn as_new_file(_: &mut tempfile::Builder) {}

    pub(super) fn give_owner(_: &File, _: &Metadata) -> io::Result<bool> {
        Ok(true)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_file_holds_a_text_only_byte_for_byte_to_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.toml");
        // Past one compared block, so a difference in a later block counts.
        let text = "status = \"confirmed\"\n".repeat(COMPARED_BLOCK / 10);
        fs::write(&path, &text).unwrap();
        assert!(holds(&path, &text).unwrap());
        let last = text.len() - 3;
        for other in [
            format!("{}x{}", &text[..last], &text[last + 1..]),
            format!("x{}", &text[1..]),
            text[..last].to_string(),
            format!("{text}\n"),
            String::new(),
        ] {
            fs::write(&path, &other).unwrap();
            assert!(!holds(&path, &text).unwrap(), "{}", other.len());
        }
        fs::write(&path, "").unwrap();
        assert!(holds(&path, "").unwrap());
        assert!(!holds(&dir.path().join("gone.toml"), "").unwrap());
        assert!(!holds(dir.path(), "").unwrap());
    }

    #[test]
    fn rewriting_in_place_fits_the_file_to_the_new_text_and_leaves_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.toml");
        let link = dir.path().join("link.toml");
        fs::write(&path, "0123456789").unwrap();
        fs::hard_link(&path, &link).unwrap();
        for text in ["short", "a text longer than the file was"] {
            rewrite_in_place(&path, text).unwrap();
            assert_eq!(fs::read_to_string(&link).unwrap(), text);
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
