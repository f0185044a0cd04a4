//! Noticing outside changes to the claims file and its source documents.
//!
//! Directories are watched rather than files: editors that save by writing
//! a new file and renaming it over the old one replace the watched inode, so
//! a watch on the file itself would go quiet after the first save.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

const DEBOUNCE: Duration = Duration::from_millis(200);

/// Which watched files changed in one burst of file-system activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub claims_file: bool,
    /// The changed source documents, as given to [`FileWatcher::start`].
    pub sources: Vec<PathBuf>,
}

/// Watches the claims file and its source documents until dropped.
///
/// crux's own saves are reported too. Before reloading on an event, ask
/// [`content_differs`] whether the file still holds the text crux last read
/// or wrote (e.g. [`crate::edit::Saved::text`]) and ignore the event if not.
pub struct FileWatcher {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Claims,
    Source(usize),
}

impl FileWatcher {
    /// Starts watching; events arrive on the returned receiver as `Changed`,
    /// coalesced over about 200 ms. Other files in the same directories
    /// (temporary files, `.crux-conflict` copies) are not reported. A source
    /// whose directory does not exist is not watched.
    pub fn start(
        claims: &Path,
        sources: &[PathBuf],
    ) -> Result<(FileWatcher, Receiver<Changed>), notify::Error> {
        let mut watched = names(claims)
            .map_err(notify::Error::io)?
            .into_iter()
            .map(|name| (name, Role::Claims))
            .collect::<Vec<_>>();
        for (i, source) in sources.iter().enumerate() {
            if let Ok(names) = names(source) {
                watched.extend(names.into_iter().map(|name| (name, Role::Source(i))));
            }
        }
        let dirs: BTreeSet<PathBuf> = watched
            .iter()
            .filter_map(|(name, _)| name.parent().map(Path::to_path_buf))
            .collect();

        let sources = sources.to_vec();
        let (sender, receiver) = mpsc::channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            if let Some(changed) = classify(&watched, &sources, result) {
                // The receiver is gone only when the caller stopped listening.
                let _ = sender.send(changed);
            }
        })?;
        for dir in &dirs {
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

/// The absolute names under which changes to `path` show up: the name
/// itself, and the file it links to when it is a symlink.
fn names(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let file_name = path.file_name().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} does not name a file", path.display()),
        )
    })?;
    let mut names = vec![fs::canonicalize(dir)?.join(file_name)];
    if let Ok(target) = fs::canonicalize(path)
        && target != names[0]
    {
        names.push(target);
    }
    Ok(names)
}

fn classify(
    watched: &[(PathBuf, Role)],
    sources: &[PathBuf],
    result: DebounceEventResult,
) -> Option<Changed> {
    // Errors carry no reliable path; the next event or a manual reload covers them.
    let events = result.ok()?;
    let mut roles = Vec::new();
    for event in &events {
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        if event.need_rescan() {
            roles.extend(watched.iter().map(|(_, role)| *role));
        }
        for path in &event.paths {
            roles.extend(
                watched
                    .iter()
                    .filter(|(name, _)| name == path)
                    .map(|(_, role)| *role),
            );
        }
    }
    let changed = Changed {
        claims_file: roles.contains(&Role::Claims),
        sources: (0..sources.len())
            .filter(|i| roles.contains(&Role::Source(*i)))
            .map(|i| sources[i].clone())
            .collect(),
    };
    (changed.claims_file || !changed.sources.is_empty()).then_some(changed)
}

/// Whether the file at `path` no longer holds `known`, the text crux last
/// read or wrote there. An unreadable or missing file differs.
pub fn content_differs(path: &Path, known: &str) -> bool {
    // Read as the loader reads it: a FIFO swapped in must not block the UI.
    crate::load::file::read_regular(path, crate::load::file::CLAIMS_FILE_LIMIT)
        .map_or(true, |bytes| bytes != known.as_bytes())
}
