//! Reads each document once and places all of its quotes in one pass.
//!
//! A [`Plan`] holds what that needs of a dataset, owned, so a front end can
//! show the claims while the documents are read on other threads; each
//! document's [`Anchored`] result is then filled into the dataset.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use super::sources::read_source;

use crate::anchor::{
    Candidate, MAX_QUOTE_CHARS, MIN_SCORE, QuoteQuery, Resolution, Verdict, resolve_all,
    too_long_to_search, verdict, words_after, words_before,
};
use crate::diag::{Code, Diagnostic, Passage, Score, Suggestion, SuggestionKind};
use crate::model::{Anchor, Dataset, MatchKind};
use crate::text::{LineIndex, visible_line};

/// Longest excerpt of a document quoted in a diagnostic.
const EXCERPT_CHARS: usize = 160;
/// Most places listed for an ambiguous quote.
const PLACES_LISTED: usize = 8;
/// A quote whose surroundings are less alike than this to its prefix and
/// suffix is said to have moved rather than to have new neighbours.
const MOVED_BELOW: f64 = 0.5;

/// Below this many documents, threads are not worth starting. (Their sizes
/// are not known before reading them; stat-ing paths that may lead outside
/// the claims file's directory is not an option.)
const PARALLEL_MIN_SOURCES: usize = 4;

/// The name of the threads that read and anchor documents.
pub const ANCHORING_THREAD: &str = "anchoring";

/// Reads and anchors every document of `dataset` on all cores, and fills
/// the results in, in source order.
pub fn read_and_anchor(dataset: &mut Dataset) {
    let plan = Plan::new(dataset);
    let results: Mutex<Vec<Option<Anchored>>> =
        Mutex::new((0..dataset.sources.len()).map(|_| None).collect());
    plan.run(&AtomicBool::new(false), |anchored| {
        let mut results = results.lock().unwrap_or_else(|e| e.into_inner());
        let source = anchored.source;
        results[source] = Some(anchored);
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    for anchored in results.into_iter().flatten() {
        anchored.fill_in(dataset);
    }
    super::sort_diagnostics(dataset);
}

/// What reading and anchoring a dataset's documents needs of it: each
/// document's path and the quotes to place in it.
#[derive(Debug, Clone)]
pub struct Plan {
    base: PathBuf,
    documents: Vec<Document>,
}

#[derive(Debug, Clone)]
struct Document {
    source: usize,
    path: String,
    quotes: Vec<Quote>,
}

#[derive(Debug, Clone)]
struct Quote {
    claim: usize,
    span: usize,
    claim_id: String,
    quote_value: Range<usize>,
    quote: String,
    prefix: Option<String>,
    suffix: Option<String>,
    occurrence: Option<usize>,
}

/// One document read and its quotes placed.
#[derive(Debug)]
pub struct Anchored {
    source: usize,
    text: Result<String, Diagnostic>,
    lines: LineIndex,
    quotes: Vec<Placed>,
}

#[derive(Debug)]
struct Placed {
    claim: usize,
    span: usize,
    anchor: Option<Anchor>,
    diagnostic: Option<Diagnostic>,
}

impl Plan {
    /// The documents of `dataset` (sources with a path), in source order.
    pub fn new(dataset: &Dataset) -> Plan {
        let base = dataset
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let mut documents: Vec<Document> = dataset
            .sources
            .iter()
            .enumerate()
            .map(|(source, s)| Document {
                source,
                path: s.path.clone(),
                quotes: Vec::new(),
            })
            .collect();
        for (c, claim) in dataset.claims.iter().enumerate() {
            for (s, span) in claim.spans.iter().enumerate() {
                if let Some(source) = dataset.source_index(&span.source) {
                    documents[source].quotes.push(Quote {
                        claim: c,
                        span: s,
                        claim_id: claim.id.clone(),
                        quote_value: span.quote_value.clone(),
                        quote: span.quote.clone(),
                        prefix: span.prefix.clone(),
                        suffix: span.suffix.clone(),
                        occurrence: span.occurrence,
                    });
                }
            }
        }
        documents.retain(|d| dataset.sources[d.source].has_document());
        Plan { base, documents }
    }

    /// How many documents it reads.
    pub fn documents(&self) -> usize {
        self.documents.len()
    }

    /// Reads and anchors each document, on as many threads as there are
    /// cores (this one included): each takes the next document not yet
    /// taken and hands its result to `done` as soon as it is ready. Once
    /// `stop` is set no more documents are taken. A panic in any thread is
    /// raised again here once the others have stopped.
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

    fn anchor(&self, document: &Document, taken: usize) -> Anchored {
        panic_if_asked_by_test(taken);
        let source = document.source;
        let text = match read_source(&self.base, &document.path) {
            Ok(text) => text,
            Err(d) => {
                return Anchored {
                    source,
                    text: Err(d),
                    lines: LineIndex::default(),
                    quotes: Vec::new(),
                };
            }
        };
        let lines = LineIndex::new(&text);
        let queries: Vec<QuoteQuery<'_>> = document
            .quotes
            .iter()
            .map(|q| QuoteQuery {
                quote: &q.quote,
                prefix: q.prefix.as_deref(),
                suffix: q.suffix.as_deref(),
                occurrence: q.occurrence,
            })
            .collect();
        let resolutions = resolve_all(&text, &queries);
        let quotes = document
            .quotes
            .iter()
            .zip(resolutions)
            .map(|(quote, resolution)| {
                let context = QuoteContext {
                    path: &document.path,
                    lines: &lines,
                    text: &text,
                    claim_id: &quote.claim_id,
                    quote_value: quote.quote_value.clone(),
                    quote: &quote.quote,
                    prefix: quote.prefix.as_deref(),
                    suffix: quote.suffix.as_deref(),
                };
                let (anchor, diagnostic) = context.judge(resolution);
                Placed {
                    claim: quote.claim,
                    span: quote.span,
                    anchor,
                    diagnostic,
                }
            })
            .collect();
        Anchored {
            source,
            text: Ok(text),
            lines,
            quotes,
        }
    }
}

impl Anchored {
    /// The index of the source this is the document of.
    pub fn source(&self) -> usize {
        self.source
    }

    /// Puts the document's text and its quotes' places into `dataset`: the
    /// dataset the plan was made from, or the same claims since edited in
    /// place (a status written: byte ranges moved, claims and spans the
    /// same). Each diagnostic goes where its quote or path is in `dataset`
    /// now. Diagnostics are added unsorted: see
    /// [`sort_diagnostics`](super::sort_diagnostics).
    pub fn fill_in(self, dataset: &mut Dataset) {
        let Some(source) = dataset.sources.get_mut(self.source) else {
            return;
        };
        match self.text {
            Ok(text) => {
                source.lines = self.lines;
                source.text = Some(text);
            }
            Err(d) => {
                let at = source.path_value.clone();
                dataset.diagnostics.push(d.at(at));
            }
        }
        for placed in self.quotes {
            let Some(span) = dataset
                .claims
                .get_mut(placed.claim)
                .and_then(|c| c.spans.get_mut(placed.span))
            else {
                continue;
            };
            span.anchor = placed.anchor;
            if let Some(d) = placed.diagnostic {
                let at = span.quote_value.clone();
                dataset.diagnostics.push(d.at(at));
            }
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

struct QuoteContext<'a> {
    path: &'a str,
    lines: &'a LineIndex,
    text: &'a str,
    claim_id: &'a str,
    quote_value: Range<usize>,
    quote: &'a str,
    prefix: Option<&'a str>,
    suffix: Option<&'a str>,
}

impl QuoteContext<'_> {
    fn anchor(&self, bytes: Range<usize>, kind: MatchKind) -> Anchor {
        let lines = self.lines;
        Anchor {
            chars: lines.char_range(self.text, &bytes),
            start: lines.line_col(self.text, bytes.start),
            end: lines.line_col(self.text, bytes.end),
            bytes,
            kind,
        }
    }

    fn place(&self, bytes: &Range<usize>) -> String {
        let at = self.lines.line_col(self.text, bytes.start);
        format!("{}:{}:{}", self.path, at.line, at.col)
    }

    fn excerpt(&self, bytes: &Range<usize>) -> String {
        self.excerpt_of(&self.text[bytes.clone()])
    }

    fn diagnostic(&self, code: Code, message: String) -> Diagnostic {
        Diagnostic::new(code, message)
            .at(self.quote_value.clone())
            .claim(self.claim_id)
    }

    /// The document's text at `place`, with the context the span would need there.
    fn passage(&self, place: &Candidate) -> Passage {
        let bytes = trimmed(self.text, place.range.clone());
        let context_words =
            |written: Option<&str>| written.map(|w| w.split_whitespace().count().max(1));
        let prefix = context_words(self.prefix).map(|n| {
            words_before(self.text, bytes.start, n)
                .unwrap_or_default()
                .to_string()
        });
        let suffix = context_words(self.suffix).map(|n| {
            words_after(self.text, bytes.end, n)
                .unwrap_or_default()
                .to_string()
        });
        Passage {
            file: self.path.to_string(),
            start: self.lines.line_col(self.text, bytes.start),
            end: self.lines.line_col(self.text, bytes.end),
            byte_range: [bytes.start, bytes.end],
            text: self.text[bytes].to_string(),
            score: Score::new(place.similarity),
            context: place.context.map(Score::new),
            prefix,
            suffix,
        }
    }

    fn judge(&self, resolution: Resolution) -> (Option<Anchor>, Option<Diagnostic>) {
        let path = self.path;
        match resolution {
            Resolution::Exact(bytes) => (Some(self.anchor(bytes, MatchKind::Exact)), None),
            Resolution::Normalized(bytes) => {
                let place = Candidate {
                    range: bytes.clone(),
                    similarity: 1.0,
                    context: None,
                };
                let d = self
                    .diagnostic(
                        Code::QuoteNormalized,
                        format!("quote matches `{path}` only after normalization"),
                    )
                    .label(format!(
                        "found at {} once spacing, quotes, dashes or markup are ignored",
                        self.place(&bytes)
                    ))
                    .help(format!(
                        "paste the exact source text: {}",
                        crate::text::toml_string(&self.text[bytes.clone()])
                    ))
                    .suggest(self.suggestion(SuggestionKind::Normalized, vec![place], None));
                (Some(self.anchor(bytes, MatchKind::Normalized)), Some(d))
            }
            Resolution::ContextChanged { place, normalized } => {
                let kind = if place.context.is_some_and(|c| c < MOVED_BELOW) {
                    SuggestionKind::Moved
                } else {
                    SuggestionKind::ContextChanged
                };
                let passage = self.passage(&place);
                let mut d = self
                    .diagnostic(
                        Code::QuoteContextChanged,
                        format!("quote found in `{path}`, but the text around it is no longer its prefix/suffix"),
                    )
                    .label(format!("found at {}{}", self.place(&place.range), if normalized { " once spacing, quotes, dashes or markup are ignored" } else { "" }));
                for (key, now) in [("prefix", &passage.prefix), ("suffix", &passage.suffix)] {
                    if let Some(now) = now {
                        d = d.note(format!(
                            "the document's {key} there is now \"{}\"",
                            self.excerpt_of(now)
                        ));
                    }
                }
                let d = d
                    .help("`crux fix` updates the prefix/suffix to the document's text")
                    .suggest(self.suggestion(kind, vec![place.clone()], None));
                let kind = if normalized {
                    MatchKind::Normalized
                } else {
                    MatchKind::Exact
                };
                (Some(self.anchor(place.range, kind)), Some(d))
            }
            Resolution::Ambiguous(places) => {
                let mut d = self
                    .diagnostic(Code::QuoteAmbiguous, format!("quote matches {} places in `{path}`", places.len()))
                    .label("ambiguous")
                    .help("add `prefix` or `suffix` (the text right before or after), or `occurrence = N`, to pick one");
                for (n, place) in places.iter().take(PLACES_LISTED).enumerate() {
                    let context = place
                        .context
                        .map(|c| format!(" (context {}% alike)", Score::new(c).percent()))
                        .unwrap_or_default();
                    d = d.note(format!(
                        "occurrence {} at {}{context}",
                        n + 1,
                        self.place(&place.range)
                    ));
                }
                if places.len() > PLACES_LISTED {
                    d = d.note(format!("and {} more", places.len() - PLACES_LISTED));
                }
                let listed = places.into_iter().take(PLACES_LISTED).collect();
                let why = "several places fit; pick one with `prefix`, `suffix` or `occurrence`";
                let d =
                    d.suggest(self.suggestion(SuggestionKind::Ambiguous, listed, Some(why.into())));
                (None, Some(d))
            }
            Resolution::NoSuchOccurrence { requested, found } => {
                let d = self
                    .diagnostic(Code::NoSuchOccurrence, format!("occurrence {requested} asked for, but the quote matches {found} time(s) in `{path}`"))
                    .label("no such occurrence")
                    .help(format!("use an `occurrence` from 1 to {found}"));
                (None, Some(d))
            }
            Resolution::NotFound { nearest, unseen } => {
                (None, Some(self.not_found(nearest, unseen)))
            }
        }
    }

    fn not_found(&self, nearest: Vec<Candidate>, unseen: f64) -> Diagnostic {
        let path = self.path;
        let mut d = self
            .diagnostic(Code::QuoteNotFound, format!("quote not found in `{path}`"))
            .label("not in the document");
        if let Some(best) = nearest.first()
            && same_but_for_unicode_form(self.quote, &self.text[best.range.clone()])
        {
            d = d.note("the quote and the document write accented letters in different Unicode forms (composed and decomposed: NFC and NFD); they look alike but are different characters");
        }
        let alike = |c: &Candidate| format!("{}% alike", Score::new(c.similarity).percent());
        let (help, kind, why) = match verdict(&nearest, unseen, MIN_SCORE) {
            Verdict::Nothing if too_long_to_search(self.quote) => {
                return d.help(format!("the quote is over {MAX_QUOTE_CHARS} characters, too long for crux to look for a similar passage; copy it from the document"));
            }
            Verdict::Nothing => {
                return d.help(format!("no similar passage in `{path}`; check the span's `source` and copy the quote from the document"));
            }
            Verdict::Repair(best) => (
                format!(
                    "did you mean {} ({}): \"{}\"; `crux fix` rewrites the quote to it",
                    self.place(&best.range),
                    alike(best),
                    self.excerpt(&best.range)
                ),
                SuggestionKind::Edited,
                None,
            ),
            Verdict::TooFar(best) => (
                format!(
                    "the most alike passage, {} ({}), is too different to repair: \"{}\"",
                    self.place(&best.range),
                    alike(best),
                    self.excerpt(&best.range)
                ),
                SuggestionKind::Edited,
                Some(format!(
                    "the most alike passage is {}, below the {}% crux repairs",
                    alike(best),
                    Score::new(MIN_SCORE).percent()
                )),
            ),
            Verdict::Unsure(best) => (
                format!(
                    "did you mean {} ({}): \"{}\"? Passages too different to list could be about as alike, so `crux fix` leaves it to you",
                    self.place(&best.range),
                    alike(best),
                    self.excerpt(&best.range)
                ),
                SuggestionKind::Edited,
                Some(
                    "a passage too different to list could be about as alike; a person must choose"
                        .to_string(),
                ),
            ),
            Verdict::TooClose(best, second) => (
                format!(
                    "two passages are about as alike, {} ({}) and {} ({}); copy the right one from the document",
                    self.place(&best.range),
                    alike(best),
                    self.place(&second.range),
                    alike(second)
                ),
                SuggestionKind::Ambiguous,
                Some("two passages are about as alike; a person must choose".to_string()),
            ),
        };
        let listed = match kind {
            SuggestionKind::Ambiguous => nearest,
            _ => nearest.into_iter().take(1).collect(),
        };
        d.help(help).suggest(self.suggestion(kind, listed, why))
    }

    fn suggestion(
        &self,
        kind: SuggestionKind,
        places: Vec<Candidate>,
        not_repaired: Option<String>,
    ) -> Suggestion {
        Suggestion {
            kind,
            passages: places.iter().map(|place| self.passage(place)).collect(),
            repairable: not_repaired.is_none(),
            not_repaired,
        }
    }

    fn excerpt_of(&self, text: &str) -> String {
        let mut short: String = visible_line(text).chars().take(EXCERPT_CHARS).collect();
        if text.chars().count() > EXCERPT_CHARS {
            short.push('…');
        }
        short
    }
}

/// Whether two texts differ, and are the same once normalized and both in
/// Unicode's composed form (NFC).
fn same_but_for_unicode_form(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let composed = |s: &str| crate::anchor::normalize(s).nfc().collect::<String>();
    crate::anchor::normalize(a) != crate::anchor::normalize(b) && composed(a) == composed(b)
}

/// `range` without the whitespace at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let passage = &text[range.clone()];
    let start = range.start + (passage.len() - passage.trim_start().len());
    start..start + passage.trim().len()
}
