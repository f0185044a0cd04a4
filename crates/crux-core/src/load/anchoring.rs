//! Reads each document once and places all of its quotes in one pass.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::cache::{AnchorCache, CachedDocument, QuoteKey, Reuse};
use super::sources::read_source;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;

use crate::anchor::{
    Candidate, MAX_QUOTE_CHARS, MIN_SCORE, QuoteQuery, Resolution, Verdict, resolve_all,
    too_long_to_search, verdict, words_after, words_before,
};
use crate::diag::{Code, Diagnostic, Passage, Score, Suggestion, SuggestionKind};
use crate::document::Document;
use crate::model::{Anchor, Dataset, MatchKind, Source};
use crate::text::visible_line;

/// Longest excerpt of a document quoted in a diagnostic.
const EXCERPT_CHARS: usize = 160;
/// Most places listed for an ambiguous quote.
const PLACES_LISTED: usize = 8;
/// A quote whose surroundings are less alike than this to its prefix and
/// suffix is said to have moved rather than to have new neighbours.
const MOVED_BELOW: f64 = 0.5;

/// Below this many sources, threads are not worth starting. (Their sizes
/// are not known before reading them; stat-ing paths that may lead outside
/// the claims file's directory is not an option.)
const PARALLEL_MIN_SOURCES: usize = 4;

pub fn read_and_anchor(dataset: &mut Dataset, base: &Path, cache: &mut AnchorCache) {
    let mut by_source: Vec<Vec<(usize, usize)>> = vec![Vec::new(); dataset.sources.len()];
    for (c, claim) in dataset.claims.iter().enumerate() {
        for (s, span) in claim.spans.iter().enumerate() {
            if let Some(source) = dataset.source_index(&span.source) {
                by_source[source].push((c, s));
            }
        }
    }
    let paths: Vec<&str> = dataset.sources.iter().map(|s| s.path.as_str()).collect();
    let cached: Vec<Mutex<Option<CachedDocument>>> = cache
        .take(base, &paths)
        .into_iter()
        .map(Mutex::new)
        .collect();
    let done = anchor_every_source(dataset, base, &by_source, &cached);

    let mut read_errors = Vec::new();
    let mut quote_diagnostics = Vec::new();
    cache.last = Reuse::default();
    for (source, result) in dataset.sources.iter_mut().zip(done) {
        let Some(mut result) = result else { continue };
        cache.last.documents_read += usize::from(result.read);
        cache.last.quotes_placed += result.placed;
        cache.last.quotes_reused += result.anchors.len() - result.placed;
        match result.document {
            Ok(document) => {
                fill_from_metadata(source, &document);
                source.document = Some(document);
            }
            Err(d) => read_errors.push(d.at(source.path_value.clone())),
        }
        if let Some(kept) = result.cached.take() {
            cache.put(base, &source.path, kept);
        }
        for (c, s, anchor) in result.anchors {
            dataset.claims[c].spans[s].anchor = anchor;
        }
        quote_diagnostics.extend(result.diagnostics);
    }
    dataset.diagnostics.extend(read_errors);
    dataset.diagnostics.extend(quote_diagnostics);
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

/// What reading one source and placing its quotes gave.
struct SourceResult {
    document: Result<Arc<Document>, Diagnostic>,
    /// (claim, span, anchor) for each quote of the source.
    anchors: Vec<(usize, usize, Option<Anchor>)>,
    diagnostics: Vec<Diagnostic>,
    /// The document and its placed quotes, for the next load.
    cached: Option<CachedDocument>,
    /// Whether the document was read from disk (not kept from a load before).
    read: bool,
    /// How many of the quotes were not placed by a load before.
    placed: usize,
}

/// Reads and anchors every source (`None` for those without a path), on as
/// many threads as there are cores. Sources are independent; each thread takes the next one
/// not yet taken, and the results come back in source order.
fn anchor_every_source(
    dataset: &Dataset,
    base: &Path,
    by_source: &[Vec<(usize, usize)>],
    cached: &[Mutex<Option<CachedDocument>>],
) -> Vec<Option<SourceResult>> {
    let count = dataset.sources.len();
    let one = |index: usize| {
        let source = &dataset.sources[index];
        let cached = cached[index].lock().ok().and_then(|mut c| c.take());
        (!source.path.trim().is_empty())
            .then(|| anchor_source(dataset, base, source, &by_source[index], cached))
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count);
    if threads < 2 || count < PARALLEL_MIN_SOURCES {
        return (0..count).map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<SourceResult>> = (0..count).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= count {
                            return done;
                        }
                        done.push((index, one(index)));
                    }
                })
            })
            .collect();
        for worker in workers {
            for (index, result) in worker.join().expect("an anchoring thread panicked") {
                results[index] = result;
            }
        }
    });
    results
}

fn anchor_source(
    dataset: &Dataset,
    base: &Path,
    source: &Source,
    members: &[(usize, usize)],
    cached: Option<CachedDocument>,
) -> SourceResult {
    let kept = cached.and_then(|c| c.if_unchanged(base, &source.path));
    let read = kept.is_none();
    let mut cached = match kept {
        Some(cached) => cached,
        None => match read_source(base, &source.path) {
            Ok(document) => CachedDocument::read(base, &source.path, Arc::new(document)),
            Err(d) => {
                return SourceResult {
                    document: Err(d),
                    anchors: Vec::new(),
                    diagnostics: Vec::new(),
                    cached: None,
                    read,
                    placed: 0,
                };
            }
        },
    };
    let keys: Vec<QuoteKey> = members
        .iter()
        .map(|&(c, s)| QuoteKey::of(&dataset.claims[c].spans[s]))
        .collect();
    let mut placed = std::mem::take(&mut cached.placed);
    let mut new_keys: Vec<&QuoteKey> = keys.iter().filter(|k| !placed.contains_key(k)).collect();
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
        // Judged once for every claim quoting it this way; each use below
        // puts its own claim and span on the diagnostic.
        let context = QuoteContext {
            path: &source.path,
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
    let mut anchors = Vec::with_capacity(members.len());
    let mut diagnostics = Vec::new();
    // Only the quotes of this load are kept: a quote typed a character at
    // a time leaves no trail of its drafts.
    let mut used = HashMap::with_capacity(keys.len());
    for (&(c, s), key) in members.iter().zip(keys) {
        let Some((anchor, diagnostic)) = placed.get(&key).cloned() else {
            continue;
        };
        let claim = &dataset.claims[c];
        anchors.push((c, s, anchor.clone()));
        diagnostics.extend(diagnostic.clone().map(|mut d| {
            d.span = Some(claim.spans[s].quote_value.clone());
            d.claim = Some(claim.id.clone());
            d
        }));
        used.entry(key).or_insert((anchor, diagnostic));
    }
    cached.placed = used;
    SourceResult {
        document: Ok(cached.document.clone()),
        anchors,
        diagnostics,
        cached: Some(cached),
        read,
        placed: fresh,
    }
}

struct QuoteContext<'a> {
    path: &'a str,
    document: &'a Document,
    text: &'a str,
    claim_id: &'a str,
    quote_value: Range<usize>,
    quote: &'a str,
    prefix: Option<&'a str>,
    suffix: Option<&'a str>,
}

impl QuoteContext<'_> {
    fn anchor(&self, bytes: Range<usize>, kind: MatchKind) -> Anchor {
        Anchor {
            chars: self.document.char_range(&bytes),
            start: self.document.line_col(bytes.start),
            end: self.document.line_col(bytes.end),
            page: self.document.page_line(bytes.start),
            bytes,
            kind,
        }
    }

    fn place(&self, bytes: &Range<usize>) -> String {
        let at = self.document.line_col(bytes.start);
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
            start: self.document.line_col(bytes.start),
            end: self.document.line_col(bytes.end),
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
                    ..Candidate::default()
                };
                let mut d = self
                    .diagnostic(
                        Code::QuoteNormalized,
                        format!("quote matches `{path}` only after normalization"),
                    )
                    .label(format!(
                        "found at {} once quotes, dashes, accent forms, spacing or markup are ignored",
                        self.place(&bytes)
                    ));
                if in_other_unicode_forms(self.quote, &self.text[bytes.clone()]) {
                    d = d.note(OTHER_UNICODE_FORMS);
                }
                let d = d
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
                let message = if place.by_hint {
                    format!(
                        "quote found more than once in `{path}`; placed at the one nearest its `line` hint"
                    )
                } else {
                    format!(
                        "quote found in `{path}`, but the text around it is no longer its prefix/suffix"
                    )
                };
                let mut d = self
                    .diagnostic(Code::QuoteContextChanged, message)
                    .label(format!(
                        "found at {}{}",
                        self.place(&place.range),
                        if normalized {
                            " once quotes, dashes, accent forms, spacing or markup are ignored"
                        } else {
                            ""
                        }
                    ));
                for (key, now) in [("prefix", &passage.prefix), ("suffix", &passage.suffix)] {
                    if let Some(now) = now {
                        d = d.note(format!(
                            "the document's {key} there is now \"{}\"",
                            self.excerpt_of(now)
                        ));
                    }
                }
                let d = d
                    .help(if place.by_hint {
                        "`crux fix` writes the prefix/suffix that picks this place, and its line"
                    } else {
                        "`crux fix` updates the prefix/suffix to the document's text"
                    })
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
            && in_other_unicode_forms(self.quote, &self.text[best.range.clone()])
        {
            d = d.note(OTHER_UNICODE_FORMS);
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

const OTHER_UNICODE_FORMS: &str = "the quote and the document write accented letters in different Unicode forms (composed and decomposed: NFC and NFD); they look alike but are different characters";

/// Whether one of two texts is in Unicode's composed form (NFC) and the
/// other is not: their accented letters look alike but are other chars.
fn in_other_unicode_forms(a: &str, b: &str) -> bool {
    use unicode_normalization::is_nfc;
    is_nfc(a) != is_nfc(b)
}

/// `range` without the whitespace at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let passage = &text[range.clone()];
    let start = range.start + (passage.len() - passage.trim_start().len());
    start..start + passage.trim().len()
}
