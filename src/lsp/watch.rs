//! The source documents of each open claims file, watched on disk: a
//! document saved, replaced or deleted has its claims file analysed again.
//! Changes to the claims file itself are left alone: the editor's buffer
//! is what the server reads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crossbeam_channel::Sender;
use lsp_types::Url;

use crate::model::Dataset;
use crate::watch::FileWatcher;

#[derive(Default)]
pub struct Watches {
    by_document: HashMap<Url, Watch>,
}

struct Watch {
    sources: Vec<PathBuf>,
    _watcher: FileWatcher,
}

impl Watches {
    /// Watches the sources `dataset` names, if they are not the ones
    /// watched already; a change sends `uri` on `changed`.
    pub fn follow(&mut self, uri: &Url, path: &Path, dataset: &Dataset, changed: &Sender<Url>) {
        let base = path.parent().unwrap_or(Path::new("."));
        let sources: Vec<PathBuf> = dataset
            .sources
            .iter()
            .filter(|s| !s.path.trim().is_empty())
            .map(|s| base.join(&s.path))
            .collect();
        if self
            .by_document
            .get(uri)
            .is_some_and(|w| w.sources == sources)
        {
            return;
        }
        self.by_document.remove(uri);
        let Ok((watcher, events)) = FileWatcher::start(path, &sources) else {
            return;
        };
        let (document, changed) = (uri.clone(), changed.clone());
        // Ends when the watcher is dropped (its sender goes with it) or
        // the server stops listening.
        std::thread::spawn(move || {
            for event in events {
                if !event.sources.is_empty() && changed.send(document.clone()).is_err() {
                    return;
                }
            }
        });
        self.by_document.insert(
            uri.clone(),
            Watch {
                sources,
                _watcher: watcher,
            },
        );
    }

    pub fn forget(&mut self, uri: &Url) {
        self.by_document.remove(uri);
    }
}
