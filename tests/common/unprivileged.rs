//! Scenarios that need file permissions to bite: root ignores them, so a
//! test run as root runs that part in a child process as `nobody`.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

/// The uid and gid of `nobody` (and `nogroup`).
pub const NOBODY: u32 = 65534;

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Hands `dir` and everything under it to nobody, so the tree is theirs as
/// a user's project is theirs; modes are left as they are.
pub fn give_to_nobody(dir: &Path) {
    std::os::unix::fs::lchown(dir, Some(NOBODY), Some(NOBODY))
        .unwrap_or_else(|e| panic!("chown {} to nobody: {e}", dir.display()));
    if fs::symlink_metadata(dir).unwrap().is_dir() {
        for entry in fs::read_dir(dir).unwrap() {
            give_to_nobody(&entry.unwrap().path());
        }
    }
}

/// Whether nobody holds any of the `rwx` bits in `wanted` (4, 2 or 1) on
/// `path`, judged by its owner, group and mode.
fn nobody_may(path: &Path, wanted: u32) -> Result<(), String> {
    let meta = fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mode = meta.permissions().mode();
    let bits = if meta.uid() == NOBODY {
        mode >> 6
    } else if meta.gid() == NOBODY {
        mode >> 3
    } else {
        mode
    };
    if bits & wanted == wanted {
        Ok(())
    } else {
        Err(format!(
            "{} (mode {:o}, owner {}:{})",
            path.display(),
            mode & 0o7777,
            meta.uid(),
            meta.gid()
        ))
    }
}

/// Panics, naming the path in the way, unless nobody can search every
/// directory above `path` and has the `wanted` bits on `path` itself. A
/// skip here would hide the case the child process is there to check.
pub fn assert_nobody_can(path: &Path, wanted: u32, why: &str) {
    let path = fs::canonicalize(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut blocked = path
        .ancestors()
        .skip(1)
        .map(|dir| nobody_may(dir, 0o1))
        .chain([nobody_may(&path, wanted)])
        .filter_map(Result::err);
    if let Some(blocked) = blocked.next() {
        panic!(
            "this test runs as root, so it runs {} as nobody (uid {NOBODY}) {why}; \
             nobody cannot get there: {blocked}. Make the path readable and \
             searchable by others, or run the tests as a normal user.",
            path.display()
        );
    }
}

/// `program` as a command run by nobody, after checking nobody can run it.
pub fn command_as_nobody(program: &Path, why: &str) -> Command {
    assert_nobody_can(program, 0o5, why);
    let mut command = Command::new(program);
    // std drops root's supplementary groups before setuid.
    command.uid(NOBODY).gid(NOBODY);
    command
}
