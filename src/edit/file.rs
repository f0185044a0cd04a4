//! The one way crux writes the claims file: a synced temporary file in the
//! same directory, renamed over the target.
//!
//! A crash between the two steps leaves the target whole (old content) and
//! a `.<name>.*.crux-tmp` file beside it; the next save removes it.

use std::cell::Cell;
use std::ffi::OsString;
use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const TEMP_SUFFIX: &str = ".crux-tmp";

use super::EditError;

/// The file's text; `None` when it is gone or no longer UTF-8, both of
/// which count as changed on disk.
pub(super) fn read_if_text(path: &Path) -> Result<Option<String>, EditError> {
    match fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8(bytes).ok()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub(super) fn conflict_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".crux-conflict");
    path.with_file_name(name)
}

pub(super) fn replace(path: &Path, text: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    write_atomically(&target, text, Some(permissions))
}

pub(super) fn write_atomically(
    target: &Path,
    text: &str,
    permissions: Option<Permissions>,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let prefix = temp_prefix(target);
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    let temp = fault_before_rename(temp)?;
    let ours = temp.path().to_path_buf();
    temp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir);
    remove_stale_temps(dir, &prefix, &ours);
    Ok(())
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
/// temporary file and renaming it into place.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The write fails with this OS error (e.g. 28, `ENOSPC`); the
    /// temporary file is removed as on any failed save.
    OsError(i32),
    /// The process "dies": the save stops with an error and the temporary
    /// file stays on disk, as after a crash or `kill -9`.
    Crash,
}

thread_local! {
    static FAULT: Cell<Option<Fault>> = const { Cell::new(None) };
}

/// Test hook: injects `fault` into the next save made on this thread.
#[doc(hidden)]
pub fn inject_fault(fault: Fault) {
    FAULT.with(|f| f.set(Some(fault)));
}

/// Test hook, for a test that kills a real process mid-save: with
/// `CRUX_TEST_PAUSE_BEFORE_RENAME=<path>` set, a save creates `<path>` once
/// its temporary file is written, then waits forever for the kill.
const PAUSE_VAR: &str = "CRUX_TEST_PAUSE_BEFORE_RENAME";

fn fault_before_rename(temp: tempfile::NamedTempFile) -> io::Result<tempfile::NamedTempFile> {
    if let Some(signal) = std::env::var_os(PAUSE_VAR) {
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
