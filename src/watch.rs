//! Watching the claims file and its documents for changes made outside crux.
//!
//! Directories are watched, not files, so editors that save by writing a
//! new file and renaming it over the old one are seen too.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

const DEBOUNCE: Duration = Duration::from_millis(200);

/// Which watched files changed in one burst of events.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changed {
    pub claims_file: bool,
    pub sources: Vec<PathBuf>,
}

/// Keeps the watch alive; dropping it stops watching.
pub struct FileWatcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

impl FileWatcher {
    /// Watches `claims` and `sources` (paths as they can be opened from the
    /// current directory). crux's own saves are reported too: compare the
    /// file with what crux last wrote ([`content_differs`]) before reloading.
    pub fn start(
        claims: &Path,
        sources: &[PathBuf],
    ) -> Result<(FileWatcher, Receiver<Changed>), notify::Error> {
        let claims = absolute(claims);
        let sources: Vec<PathBuf> = sources.iter().map(|s| absolute(s)).collect();
        let mut directories: HashSet<PathBuf> = HashSet::new();
        for file in std::iter::once(&claims).chain(&sources) {
            if let Some(dir) = file.parent() {
                directories.insert(dir.to_path_buf());
            }
        }
        let (sender, receiver) = channel();
        let watched_claims = claims.clone();
        let watched_sources = sources.clone();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let mut changed = Changed::default();
            for path in events.iter().flat_map(|e| e.paths.iter()) {
                if *path == watched_claims {
                    changed.claims_file = true;
                } else if watched_sources.contains(path) && !changed.sources.contains(path) {
                    changed.sources.push(path.clone());
                }
            }
            if changed != Changed::default() {
                let _ = sender.send(changed);
            }
        })?;
        for dir in &directories {
            debouncer.watch(dir, RecursiveMode::NonRecursive)?;
        }
        Ok((
            FileWatcher {
                _debouncer: debouncer,
            },
            receiver,
        ))
    }
}

/// The path made absolute without resolving symlinks, so it compares equal
/// to the paths notify reports.
fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (joined.parent(), joined.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .unwrap_or(dir.to_path_buf())
            .join(name),
        _ => joined,
    }
}

/// Whether the file at `path` now holds something other than `known`
/// (unreadable counts as different).
pub fn content_differs(path: &Path, known: &str) -> bool {
    std::fs::read_to_string(path).map_or(true, |now| now != known)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_save_by_rename_is_seen_and_an_unrelated_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let claims = dir.path().join("claims.toml");
        let doc = dir.path().join("doc.txt");
        std::fs::write(&claims, "a").unwrap();
        std::fs::write(&doc, "d").unwrap();
        let (_watcher, changes) = FileWatcher::start(&claims, std::slice::from_ref(&doc)).unwrap();

        std::fs::write(dir.path().join("unrelated.txt"), "x").unwrap();
        assert_eq!(changes.recv_timeout(Duration::from_millis(800)).ok(), None);

        let temp = dir.path().join(".claims.toml.tmp");
        std::fs::write(&temp, "b").unwrap();
        std::fs::rename(&temp, &claims).unwrap();
        let changed = changes
            .recv_timeout(Duration::from_secs(5))
            .expect("a change event");
        assert!(changed.claims_file, "{changed:?}");

        std::fs::write(&doc, "d2").unwrap();
        let changed = changes
            .recv_timeout(Duration::from_secs(5))
            .expect("a change event");
        assert_eq!(changed.sources, [absolute(&doc)]);
    }

    #[test]
    fn content_differs_compares_content() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "same").unwrap();
        assert!(!content_differs(&file, "same"));
        assert!(content_differs(&file, "other"));
        assert!(content_differs(&dir.path().join("missing"), "same"));
    }
}
