//! Reads each document once and places all of its quotes in one pass.
//!
//! A [`Plan`] holds what that needs of a dataset, owned, so a front end can
//! show the claims while the documents are read on other threads; each
//! document's [`Anchored`] result is then filled into the dataset. Every
//! load goes this way: the command line's and the language server's on this
//! thread and its helpers, the UI's on a thread of its own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::cache::{AnchorCache, CachedDocument, QuoteKey, Reuse};
use super::in_order::InOrder;
use super::judging::QuoteContext;
use super::sources::read_source;
use crate::anchor::{QuoteQuery, resolve_all};
use crate::diag::{Code, Diagnostic};
use crate::document::Document;
use crate::ix::{self, ClaimIx, SourceIx};
use crate::model::{Anchor, Dataset, Source};

/// Below this many documents, threads are not worth starting. (Their sizes
/// are not known before reading them; stat-ing paths that may lead outside
/// the claims file's directory is not an option.)
const PARALLEL_MIN_SOURCES: usize = 4;

/// The name of the threads that read and anchor documents.
pub const ANCHORING_THREAD: &str = "anchoring";

/// Reads and anchors every document of `dataset` on all cores, reusing
/// what `cache` kept of a load before, and fills the results in, in source
/// order.
pub fn read_and_anchor(dataset: &mut Dataset, cache: &mut AnchorCache) {
    let plan = Plan::cached(dataset, cache);
    run_and_fill_in(&plan, dataset, cache, true);
}

/// [`read_and_anchor`], letting each document go once it is filled in
/// (every source's `document` is left `None`), for a front end that
/// needs only the diagnostics: the documents are never all held at once.
pub(super) fn read_and_anchor_letting_documents_go(dataset: &mut Dataset) {
    let mut cache = AnchorCache::keeping_nothing();
    let plan = Plan::cached(dataset, &mut cache);
    run_and_fill_in(&plan, dataset, &mut cache, false);
}

/// Runs `plan`, filling each document's results in as soon as those of
/// the documents before it are, in source order: only the few that
/// arrive early wait, rather than the places and diagnostics of all.
fn run_and_fill_in(
    plan: &Plan,
    dataset: &mut Dataset,
    cache: &mut AnchorCache,
    keep_documents: bool,
) {
    let order = plan.documents.iter().map(|d| d.source).collect();
    let filling = Mutex::new((InOrder::new(order), &mut *dataset, cache));
    plan.run(&AtomicBool::new(false), |anchored| {
        let mut filling = filling.lock().unwrap_or_else(|e| e.into_inner());
        let (in_order, dataset, cache) = &mut *filling;
        in_order.arrive(anchored.source, anchored, |a| {
            let source = a.source;
            a.fill_in(dataset, cache);
            if !keep_documents && let Some(source) = dataset.sources.get_mut(source.0) {
                source.document = None;
            }
        });
    });
    drop(filling);
    super::sort_diagnostics(dataset);
}

/// What reading and anchoring a dataset's documents needs of it: each
/// document's path, the quotes to place in it, and what a load before kept
/// of it.
#[derive(Debug)]
pub struct Plan {
    base: PathBuf,
    documents: Vec<Planned>,
    /// Whether what is read and placed is handed back for a cache.
    keep: bool,
}

#[derive(Debug)]
struct Planned {
    source: SourceIx,
    path: String,
    /// (claim, span, quote) for each quote of the document; taken, like
    /// `cached`, by the thread that anchors it, so that the quotes of the
    /// documents done are not held until the last one is.
    quotes: Mutex<Vec<(ClaimIx, usize, QuoteKey)>>,
    /// Taken by the one thread that anchors this document.
    cached: Mutex<Option<CachedDocument>>,
}

/// One document read and its quotes placed.
#[derive(Debug)]
pub struct Anchored {
    source: SourceIx,
    document: Result<Arc<Document>, Diagnostic>,
    quotes: Vec<Placed>,
    /// The document and its placed quotes, for the next load.
    cached: Option<CachedDocument>,
    /// Where the cache keeps it: the claims file's directory, and the
    /// path as written.
    base: PathBuf,
    path: String,
    /// Whether the document was read from disk (not kept from a load before).
    read: bool,
    /// How many of the quotes were not placed by a load before.
    fresh: usize,
}

/// Where a quote was placed, and the diagnostic about it: shared by every
/// claim that quotes it this way (each use puts its own claim and span on
/// the diagnostic).
#[derive(Debug)]
struct Placed {
    claim: ClaimIx,
    span: usize,
    anchor: Option<Anchor>,
    diagnostic: Option<Diagnostic>,
}

impl Plan {
    /// The documents of `dataset` (sources with a path), in source order.
    pub fn new(dataset: &Dataset) -> Plan {
        Plan::cached(dataset, &mut AnchorCache::new())
    }

    /// [`Plan::new`], taking out of `cache` the documents a load before
    /// read and placed quotes in: each is used again if its file is
    /// unchanged. [`Anchored::fill_in`] puts them back.
    pub fn cached(dataset: &Dataset, cache: &mut AnchorCache) -> Plan {
        let base = dataset
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let paths: Vec<&str> = dataset.sources.iter().map(|s| s.path.as_str()).collect();
        cache.last = Reuse::default();
        let mut documents: Vec<Planned> = ix::enumerate(&dataset.sources, SourceIx)
            .zip(cache.take(&base, &paths))
            .map(|((source, s), cached)| Planned {
                source,
                path: s.path.clone(),
                quotes: Mutex::default(),
                cached: Mutex::new(cached),
            })
            .collect();
        for (c, claim) in ix::enumerate(&dataset.claims, ClaimIx) {
            for (s, span) in claim.spans.iter().enumerate() {
                if let Some(source) = dataset.source_index(&span.source) {
                    let quotes = documents[source.0].quotes.get_mut();
                    let quotes = quotes.unwrap_or_else(|e| e.into_inner());
                    quotes.push((c, s, QuoteKey::of(span)));
                }
            }
        }
        documents.retain(|d| dataset.sources[d.source].has_document());
        for document in &mut documents {
            let quotes = document.quotes.get_mut();
            quotes.unwrap_or_else(|e| e.into_inner()).shrink_to_fit();
        }
        Plan {
            base,
            documents,
            keep: cache.keeps(),
        }
    }

    /// How many documents it reads.
    pub fn documents(&self) -> usize {
        self.documents.len()
    }

    /// Reads and anchors each document, on as many threads as there are
    /// cores (this one included): each takes the next document not yet
    /// taken and hands its result to `done` as soon as it is ready. Once
    /// `stop` is set no more documents are taken. A panic in any thread is
    /// raised again here once the others have stopped. A plan runs once:
    /// what it takes is not there for a second run.
    pub fn run(&self, stop: &AtomicBool, done: impl Fn(Anchored) + Sync) {
        let next = AtomicUsize::new(0);
        let work = || {
            while !stop.load(Ordering::Relaxed) {
                let taken = next.fetch_add(1, Ordering::Relaxed);
                let Some(document) = self.documents.get(taken) else {
                    return;
                };
                hold_if_asked_by_test(taken, stop);
                done(self.anchor(document, taken));
            }
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(self.documents.len());
        if threads < 2 || self.documents.len() < PARALLEL_MIN_SOURCES {
            work();
            return;
        }
        std::thread::scope(|scope| {
            // Fewer helpers than asked for (the system refusing a thread)
            // only makes it slower.
            let helpers: Vec<_> = (1..threads)
                .filter_map(|_| {
                    std::thread::Builder::new()
                        .name(ANCHORING_THREAD.into())
                        .spawn_scoped(scope, work)
                        .ok()
                })
                .collect();
            work();
            for helper in helpers {
                if let Err(panic) = helper.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        });
    }

    fn anchor(&self, planned: &Planned, taken: usize) -> Anchored {
        panic_if_asked_by_test(taken);
        let cached = planned
            .cached
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let planned_quotes =
            std::mem::take(&mut *planned.quotes.lock().unwrap_or_else(|e| e.into_inner()));
        let kept = cached.and_then(|c| c.if_unchanged(&self.base, &planned.path));
        let read = kept.is_none();
        let cached = match kept {
            Some(cached) => Ok(cached),
            None => read_source(&self.base, &planned.path).map(|d| match self.keep {
                true => CachedDocument::read(&self.base, &planned.path, Arc::new(d)),
                false => CachedDocument::unkept(Arc::new(d)),
            }),
        };
        let (document, quotes, fresh, cached) = match cached {
            Ok(mut cached) => {
                let (quotes, fresh) =
                    place_quotes(&planned.path, &planned_quotes, &mut cached, self.keep);
                let document = Ok(cached.document.clone());
                (document, quotes, fresh, self.keep.then_some(cached))
            }
            Err(d) => (Err(d), Vec::new(), 0, None),
        };
        Anchored {
            source: planned.source,
            document,
            quotes,
            cached,
            base: self.base.clone(),
            path: planned.path.clone(),
            read,
            fresh,
        }
    }
}

/// Places `quotes` in the document of `cached`, each quote not placed by a
/// load before looked for once however many claims quote it this way.
/// Returns each quote's place and how many were looked for; `cached` keeps
/// the places of these quotes alone, so a quote typed a character at a time
/// leaves no trail of its drafts.
fn place_quotes(
    path: &str,
    quotes: &[(ClaimIx, usize, QuoteKey)],
    cached: &mut CachedDocument,
    keep: bool,
) -> (Vec<Placed>, usize) {
    let mut placed = std::mem::take(&mut cached.placed);
    let mut new_keys: Vec<&QuoteKey> = quotes
        .iter()
        .map(|(_, _, key)| key)
        .filter(|k| !placed.contains_key(k))
        .collect();
    let fresh = new_keys.len();
    new_keys.sort();
    new_keys.dedup();
    let document = &cached.document;
    let queries: Vec<QuoteQuery<'_>> = new_keys
        .iter()
        .map(|key| QuoteQuery {
            hint: key
                .line
                .and_then(|line| document.quoted_line(line))
                .map(Into::into),
            ..key.query()
        })
        .collect();
    let resolutions = resolve_all(document.quotable(), &queries);
    for (key, resolution) in new_keys.iter().zip(resolutions) {
        let context = QuoteContext {
            path,
            document,
            text: document.quoted(),
            claim_id: "",
            quote_value: 0..0,
            quote: &key.quote,
            prefix: key.prefix.as_deref(),
            suffix: key.suffix.as_deref(),
        };
        placed.insert((*key).clone(), context.judge(resolution));
    }
    let mut used = HashMap::with_capacity(if keep { quotes.len() } else { 0 });
    let mut places = Vec::with_capacity(quotes.len());
    for (claim, span, key) in quotes {
        let Some((anchor, diagnostic)) = placed.get(key) else {
            continue;
        };
        places.push(Placed {
            claim: *claim,
            span: *span,
            anchor: anchor.clone(),
            diagnostic: diagnostic.clone(),
        });
        if keep {
            used.entry(key.clone())
                .or_insert_with(|| (anchor.clone(), diagnostic.clone()));
        }
    }
    cached.placed = used;
    (places, fresh)
}

impl Anchored {
    /// The index of the source this is the document of.
    pub fn source(&self) -> SourceIx {
        self.source
    }

    /// Puts the document and its quotes' places into `dataset`: the
    /// dataset the plan was made from, or the same claims since edited in
    /// place (a status written: byte ranges moved, claims and spans the
    /// same). Each diagnostic goes where its quote or path is in `dataset`
    /// now. Diagnostics are added unsorted: see
    /// [`sort_diagnostics`](super::sort_diagnostics). What a later load can
    /// reuse goes back into `cache`.
    pub fn fill_in(self, dataset: &mut Dataset, cache: &mut AnchorCache) {
        cache.last.documents_read += usize::from(self.read);
        cache.last.quotes_placed += self.fresh;
        cache.last.quotes_reused += self.quotes.len() - self.fresh;
        if let Some(kept) = self.cached {
            cache.put(&self.base, &self.path, kept);
        }
        let Some(source) = dataset.sources.get_mut(self.source.0) else {
            return;
        };
        match self.document {
            Ok(document) => {
                let missing = self.quotes.iter().any(|placed| {
                    placed
                        .diagnostic
                        .as_ref()
                        .is_some_and(|d| d.code == Code::QuoteNotFound)
                });
                let warnings = document.warnings(&source.path, missing).into_iter();
                let at = source.path_value.clone();
                dataset
                    .diagnostics
                    .extend(warnings.map(|d| d.at(at.clone())));
                fill_from_metadata(source, &document);
                source.document = Some(document);
            }
            Err(d) => {
                let at = source.path_value.clone();
                dataset.diagnostics.push(d.at(at));
            }
        }
        for placed in self.quotes {
            let Some(claim) = dataset.claims.get_mut(placed.claim.0) else {
                continue;
            };
            let Some(span) = claim.spans.get_mut(placed.span) else {
                continue;
            };
            span.anchor = placed.anchor;
            if let Some(mut d) = placed.diagnostic {
                d.span = Some(span.quote_value.clone());
                d.claim = Some(claim.id.clone());
                dataset.diagnostics.push(d);
            }
        }
    }
}

/// The title, author, date and address a document gives of itself (a web
/// page's metadata), where the claims file gives none: its own always wins.
fn fill_from_metadata(source: &mut Source, document: &Document) {
    let meta = document.metadata();
    for (field, value) in [
        (&mut source.title, &meta.title),
        (&mut source.author, &meta.author),
        (&mut source.date, &meta.date),
        (&mut source.url, &meta.url),
    ] {
        if field.is_none() {
            field.clone_from(value);
        }
    }
}

/// Test hook (only in `test-hooks` builds): with
/// `CRUX_TEST_ANCHOR_GATE=<file>`, the document taken `taken`-th waits
/// until `<file>` holds a number above `taken` (a missing file counts as
/// 0), so a test can see a front end while anchoring is under way.
fn hold_if_asked_by_test(taken: usize, stop: &AtomicBool) {
    let Some(gate) = crate::hooks::var("CRUX_TEST_ANCHOR_GATE") else {
        return;
    };
    let open = || {
        std::fs::read_to_string(&gate)
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
            .is_some_and(|n| n > taken)
    };
    while !open() && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Test hook (only in `test-hooks` builds): with
/// `CRUX_TEST_ANCHOR_PANIC=<n>`, anchoring the `n`-th document taken
/// panics, as a bug would.
fn panic_if_asked_by_test(taken: usize) {
    let at =
        crate::hooks::var("CRUX_TEST_ANCHOR_PANIC").and_then(|s| s.to_str()?.parse::<usize>().ok());
    if at == Some(taken) {
        panic!("CRUX_TEST_ANCHOR_PANIC is set: anchoring document {taken} panics");
    }
}
