//! What one load of a claims file can hand to the next: each document as
//! read, and how each of its quotes was placed. A front end that loads the
//! same file again and again (the language server, on every change) passes
//! one [`AnchorCache`] to [`super::load_str_cached`]; a document is read and
//! its quotes placed again only when the file on disk changed, and a quote
//! only when its text, context or occurrence changed.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use std::sync::Arc;

use crate::anchor::QuoteQuery;
use crate::diag::Diagnostic;
use crate::document::Document;
use crate::model::{Anchor, Span};

/// Documents and placed quotes kept between loads.
#[derive(Debug)]
pub struct AnchorCache {
    pub(super) documents: HashMap<PathBuf, CachedDocument>,
    /// What the last load did.
    pub last: Reuse,
    /// Whether loads leave anything here; see [`AnchorCache::keeping_nothing`].
    keeps: bool,
}

impl Default for AnchorCache {
    fn default() -> Self {
        AnchorCache {
            documents: HashMap::new(),
            last: Reuse::default(),
            keeps: true,
        }
    }
}

/// How much of a load was done anew.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reuse {
    /// Documents read from disk.
    pub documents_read: usize,
    /// Quotes looked for in their documents (a quote written twice in
    /// one document is looked for once, and counted twice).
    pub quotes_placed: usize,
    /// Quotes whose placement by an earlier load was kept.
    pub quotes_reused: usize,
}

/// A quote as the matcher sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct QuoteKey {
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub occurrence: Option<usize>,
    pub line: Option<usize>,
}

impl QuoteKey {
    pub fn of(span: &Span) -> QuoteKey {
        QuoteKey {
            quote: span.quote.clone(),
            prefix: span.prefix.clone(),
            suffix: span.suffix.clone(),
            occurrence: span.occurrence,
            line: span.line,
        }
    }

    pub fn query(&self) -> QuoteQuery<'_> {
        QuoteQuery {
            quote: &self.quote,
            prefix: self.prefix.as_deref(),
            suffix: self.suffix.as_deref(),
            occurrence: self.occurrence,
            hint: None,
        }
    }
}

/// A document as read, and its quotes as placed: the anchor and the
/// diagnostic (its span and claim are the first claim's; each use sets its own).
#[derive(Debug)]
pub(super) struct CachedDocument {
    /// `None` when the file could not be looked at again: never reused.
    stamp: Option<Stamp>,
    /// Shared with the datasets of the loads that kept it.
    pub document: Arc<Document>,
    pub placed: HashMap<QuoteKey, (Option<Anchor>, Option<Diagnostic>)>,
}

impl CachedDocument {
    /// A document just read (through the loader's checks) from `written`.
    pub fn read(base: &Path, written: &str, document: Arc<Document>) -> CachedDocument {
        CachedDocument {
            stamp: Stamp::of(base, written),
            document,
            placed: HashMap::new(),
        }
    }

    /// A document read for a load that keeps nothing: never reused.
    pub fn unkept(document: Arc<Document>) -> CachedDocument {
        CachedDocument {
            stamp: None,
            document,
            placed: HashMap::new(),
        }
    }

    /// This document, if the file `written` names is still the one read.
    pub fn if_unchanged(self, base: &Path, written: &str) -> Option<CachedDocument> {
        (self.stamp.is_some() && Stamp::of(base, written) == self.stamp).then_some(self)
    }
}

/// Which file a path led to and what it looked like: the directory it must
/// stay in, the file it resolves to, its size, times and inode. A file
/// rewritten, replaced by a rename or a symlink retargeted gives another.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    root: PathBuf,
    resolved: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    changed: (i64, i64, u64),
}

impl Stamp {
    fn of(base: &Path, written: &str) -> Option<Stamp> {
        let root = fs::canonicalize(base).ok()?;
        let resolved = fs::canonicalize(base.join(written)).ok()?;
        let meta = fs::metadata(&resolved).ok()?;
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt;
            (meta.ctime(), meta.ctime_nsec(), meta.ino())
        };
        #[cfg(not(unix))]
        let changed = (0, 0, 0);
        Some(Stamp {
            root,
            resolved,
            len: meta.len(),
            modified: meta.modified().ok(),
            changed,
        })
    }
}

impl AnchorCache {
    pub fn new() -> Self {
        AnchorCache::default()
    }

    /// A cache for a load that no later load reuses: it keeps nothing,
    /// which spares a copy of every quote and of every diagnostic about
    /// one, and the look at each document's file that reuse would need.
    pub fn keeping_nothing() -> Self {
        AnchorCache {
            keeps: false,
            ..AnchorCache::default()
        }
    }

    pub(super) fn keeps(&self) -> bool {
        self.keeps
    }

    /// The cached documents for `paths` (as written, relative to `base`),
    /// taken out of the cache; the rest is forgotten.
    pub(super) fn take(&mut self, base: &Path, paths: &[&str]) -> Vec<Option<CachedDocument>> {
        let taken = paths
            .iter()
            .map(|p| self.documents.remove(&base.join(p)))
            .collect();
        self.documents.clear();
        taken
    }

    pub(super) fn put(&mut self, base: &Path, written: &str, document: CachedDocument) {
        self.documents.insert(base.join(written), document);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load_str, load_str_cached};

    const CLAIMS: &str = r#"[sources.a]
path = "a.txt"
[sources.b]
path = "b.txt"
[topics.t]
question = "q?"
[claims.one]
topic = "t"
text = "x"
spans = [{ source = "a", quote = "the quick  brown fox" }, { source = "b", quote = "lazy dgo" }]
"#;

    #[test]
    fn a_cache_keeping_nothing_is_left_empty_by_a_load_that_says_the_same() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "the quick brown fox jumps").unwrap();
        std::fs::write(dir.path().join("b.txt"), "over the lazy dog.").unwrap();
        let path = dir.path().join("claims.toml");

        let mut kept = AnchorCache::new();
        let keeping = load_str_cached(&path, CLAIMS, &mut kept);
        assert_eq!(kept.documents.len(), 2);
        let mut nothing = AnchorCache::keeping_nothing();
        let once = load_str_cached(&path, CLAIMS, &mut nothing);
        assert!(nothing.documents.is_empty());
        assert_eq!(nothing.last.documents_read, 2);
        assert_eq!(summary(&once), summary(&keeping));
        assert_eq!(
            once.claims[0].spans[0].anchor,
            keeping.claims[0].spans[0].anchor
        );

        // Nothing kept, so a second load reads and places everything again.
        load_str_cached(&path, CLAIMS, &mut nothing);
        assert_eq!(
            (nothing.last.documents_read, nothing.last.quotes_placed),
            (2, 2)
        );
    }

    fn summary(d: &crate::model::Dataset) -> Vec<(String, Option<std::ops::Range<usize>>)> {
        d.diagnostics
            .iter()
            .map(|d| (d.message.clone(), d.span.clone()))
            .collect()
    }

    #[test]
    fn a_second_load_reads_and_places_only_what_changed_and_says_the_same() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "the quick brown fox jumps").unwrap();
        std::fs::write(dir.path().join("b.txt"), "over the lazy dog.").unwrap();
        let path = dir.path().join("claims.toml");
        let mut cache = AnchorCache::new();

        let first = load_str_cached(&path, CLAIMS, &mut cache);
        assert_eq!(cache.last.documents_read, 2);
        assert_eq!(cache.last.quotes_placed, 2);
        assert_eq!(summary(&first), summary(&load_str(&path, CLAIMS)));

        // The claim's text grows: every quote moves, none changes.
        let edited = CLAIMS.replace("text = \"x\"", "text = \"a longer text\"");
        let second = load_str_cached(&path, edited.as_str(), &mut cache);
        assert_eq!(
            cache.last,
            Reuse {
                documents_read: 0,
                quotes_placed: 0,
                quotes_reused: 2
            }
        );
        assert_eq!(summary(&second), summary(&load_str(&path, edited.as_str())));
        assert!(second.claims[0].spans[0].anchor.is_some());

        // One quote corrected: that one alone is placed again.
        let fixed = edited.replace("lazy dgo", "lazy dog");
        let third = load_str_cached(&path, fixed.as_str(), &mut cache);
        assert_eq!(
            (cache.last.documents_read, cache.last.quotes_placed),
            (0, 1)
        );
        assert_eq!(summary(&third), summary(&load_str(&path, fixed.as_str())));

        // A document rewritten on disk is read again.
        std::fs::write(
            dir.path().join("b.txt"),
            "over the lazy dog, twice: lazy dog",
        )
        .unwrap();
        let fourth = load_str_cached(&path, fixed.as_str(), &mut cache);
        assert_eq!(
            (cache.last.documents_read, cache.last.quotes_placed),
            (1, 1)
        );
        assert_eq!(summary(&fourth), summary(&load_str(&path, fixed.as_str())));
        assert!(
            fourth
                .diagnostics
                .iter()
                .any(|d| d.code == crate::diag::Code::QuoteAmbiguous),
            "{:?}",
            summary(&fourth)
        );
    }
}
