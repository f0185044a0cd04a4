//! A file whose name is not UTF-8 cannot be named in claims.toml, and is
//! printed with U+FFFD in place of its bad bytes; a path copied from such a
//! printout names no file. This finds the file it was copied from.

use std::fs;
use std::path::{Component, Path};

use crate::text::visible_path;

/// When `written` (relative to `base`) names no file because the first
/// missing component is the lossy copy of a name that is not UTF-8, that
/// name with its bad bytes escaped, e.g. `docs/caf\xff.txt`. Only
/// directories inside `root` are listed.
pub fn not_utf8_namesake(base: &Path, root: &Path, written: &Path) -> Option<String> {
    let mut dir = base.to_path_buf();
    let mut shown = std::path::PathBuf::new();
    for component in written.components() {
        let Component::Normal(name) = component else {
            dir.push(component);
            continue;
        };
        let next = dir.join(name);
        if fs::symlink_metadata(&next).is_ok() {
            shown.push(name);
            dir = next;
            continue;
        }
        let wanted = name.to_str().filter(|n| n.contains('\u{fffd}'))?;
        if !fs::canonicalize(&dir).ok()?.starts_with(root) {
            return None;
        }
        let found = fs::read_dir(&dir)
            .ok()?
            .flatten()
            .map(|entry| entry.file_name())
            .find(|n| n.to_str().is_none() && n.to_string_lossy() == wanted)?;
        shown.push(found);
        return Some(visible_path(&shown));
    }
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn the_lossy_copy_of_a_name_finds_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(root.join("docs")).unwrap();
        fs::write(
            root.join("docs").join(OsStr::from_bytes(b"caf\xff.txt")),
            "x",
        )
        .unwrap();
        let found = not_utf8_namesake(&root, &root, Path::new("docs/caf\u{fffd}.txt"));
        assert_eq!(found.as_deref(), Some("docs/caf\\xff.txt"));
        assert_eq!(
            not_utf8_namesake(&root, &root, Path::new("docs/cafe.txt")),
            None
        );
        assert_eq!(
            not_utf8_namesake(&root, &root, Path::new("other/caf\u{fffd}.txt")),
            None
        );
    }
}
