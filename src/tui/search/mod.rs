//! Fuzzy search over claims: id, text, quotes, topic and sources.
//!
//! A query's matches are found in display order and only as far as asked
//! ([`Work`]): a key needs the claims a screen shows, and the rest is found
//! between keys, so a key costs the rows drawn rather than the claims held.
//! [`Known`] says how far the answer is sure: every claim before
//! [`Known::end`] in display order is known to match or not.
//!
//! Typing narrows: a claim that does not contain a query as a fuzzy
//! subsequence cannot contain it with one more character, so a typed
//! character judges only the claims the previous query reached (and those
//! it had not judged yet), and an erased character goes back to a result
//! already begun. A claim matches when one of its fields scores high
//! enough ([`score`]); the same field always scores the same, whichever
//! thread scores it.

use std::cell::{Ref, RefCell};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::beside::at_once;
use crate::ix::ClaimIx;
use crate::model::Dataset;

mod judge;
pub mod score;

use judge::{Query, reach};

/// Fewer candidates than this are not worth another thread.
const PER_THREAD_MIN: usize = 2_000;

/// Candidates a thread takes at a time in [`Work::For`]: it looks at the
/// clock between blocks, so a slice ends within a block of its time.
const BLOCK: usize = 16;

/// How much more of a query to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// This many more candidates, in display order, on this thread; none
    /// when more than the caller has listed is known already.
    Next(usize),
    /// About this long, on every core, or until a key is waiting (see
    /// [`Search::slice`]).
    For(Duration),
    /// All that is left, on every core.
    All,
}

pub struct Search {
    matcher: SkimMatcherV2,
    /// What each claim is searched by, field by field, built once per load.
    fields: Vec<Vec<String>>,
    /// Claim indices in display order.
    order: Vec<usize>,
    /// Per claim: its place in `order`.
    place: Vec<usize>,
    /// The current query's search and that of each of its prefixes that
    /// was asked for, shortest first.
    narrowing: RefCell<Vec<Found>>,
}

/// A query's search, as far as it has come.
struct Found {
    query: String,
    /// The claims that may match, in display order: every claim, or what
    /// the previous query reached and the claims it had not judged.
    candidates: Vec<usize>,
    /// How many of `candidates` are judged.
    judged: usize,
    /// Judged claims with a field that holds the query as a fuzzy
    /// subsequence, whatever its score, in display order.
    reachable: Vec<usize>,
    /// Per claim: judged, and a field scores high enough.
    matched: Vec<bool>,
}

/// What is known of a query's matches.
pub struct Known<'s> {
    found: Ref<'s, Found>,
    end: usize,
}

impl Known<'_> {
    /// Every claim placed before this in display order is known to match
    /// or not; the display order's length once the search is complete.
    pub fn end(&self) -> usize {
        self.end
    }

    /// Whether `claim` matches; for a claim placed at or after
    /// [`end`](Known::end), whether it is known to yet.
    pub fn matches(&self, claim: ClaimIx) -> bool {
        self.found.matched[claim.0]
    }
}

impl Search {
    /// The search of `dataset`'s claims, listed in `order`.
    pub fn new(dataset: &Dataset, order: &[ClaimIx]) -> Search {
        let fields = dataset
            .claims
            .iter()
            .map(|claim| {
                let mut fields = vec![claim.id.clone(), claim.text.clone(), claim.topic.clone()];
                for span in &claim.spans {
                    fields.push(span.quote.clone());
                    fields.push(span.source.clone());
                    if let Some(title) = dataset.source(&span.source).and_then(|s| s.title.clone())
                    {
                        fields.push(title);
                    }
                }
                fields
            })
            .collect();
        let order: Vec<usize> = order.iter().map(|c| c.0).collect();
        let mut place = vec![0; order.len()];
        for (at, &claim) in order.iter().enumerate() {
            place[claim] = at;
        }
        Search {
            matcher: SkimMatcherV2::default().ignore_case(),
            fields,
            order,
            place,
            narrowing: RefCell::default(),
        }
    }

    /// Where `claim` is in display order; `None` for a claim of another
    /// load (one kept selected across a reload) past this one's claims.
    pub fn place(&self, claim: ClaimIx) -> Option<usize> {
        self.place.get(claim.0).copied()
    }

    /// Searches `query` further by `work`, for a caller that has listed the
    /// first `listed` claims in display order; what is known of its
    /// matches. `None` for an empty query, which matches every claim.
    pub fn progress(&self, query: &str, listed: usize, work: Work) -> Option<Known<'_>> {
        self.progress_or_key(query, listed, work, &|| false)
    }

    /// [`progress`](Search::progress) by `Work::For(time)`, ended early
    /// when `key_waiting` says a key came: it is asked between blocks of
    /// candidates, on this thread.
    pub fn slice(
        &self,
        query: &str,
        listed: usize,
        time: Duration,
        key_waiting: &dyn Fn() -> bool,
    ) -> Option<Known<'_>> {
        self.progress_or_key(query, listed, Work::For(time), key_waiting)
    }

    fn progress_or_key(
        &self,
        query: &str,
        listed: usize,
        work: Work,
        key_waiting: &dyn Fn() -> bool,
    ) -> Option<Known<'_>> {
        if query.is_empty() {
            return None;
        }
        {
            let mut narrowing = self.narrowing.borrow_mut();
            self.narrow_to(&mut narrowing, query);
            let found = narrowing.last_mut().expect("narrowed to the query");
            if !(matches!(work, Work::Next(_)) && self.end(found) > listed) {
                self.judge(found, work, key_waiting);
            }
        }
        let found = Ref::map(self.narrowing.borrow(), |n| n.last().expect("narrowed"));
        let end = self.end(&found);
        Some(Known { found, end })
    }

    /// Per claim, whether it matches `query`, the search completed;
    /// `None` for an empty query, which matches every claim.
    pub fn matching(&self, query: &str) -> Option<Vec<bool>> {
        self.progress(query, 0, Work::All)
            .map(|known| known.found.matched.clone())
    }

    /// Makes the last of `narrowing` the search of `query`.
    fn narrow_to(&self, narrowing: &mut Vec<Found>, query: &str) {
        while narrowing
            .last()
            .is_some_and(|found| !query.starts_with(&found.query))
        {
            narrowing.pop();
        }
        if narrowing.last().is_some_and(|found| found.query == query) {
            return;
        }
        let candidates = match narrowing.last() {
            Some(found) => {
                let mut candidates = found.reachable.clone();
                candidates.extend_from_slice(&found.candidates[found.judged..]);
                candidates
            }
            None => self.order.clone(),
        };
        narrowing.push(Found {
            query: query.to_string(),
            candidates,
            judged: 0,
            reachable: Vec::new(),
            matched: vec![false; self.fields.len()],
        });
    }

    /// Where in display order what `found` does not know yet begins.
    fn end(&self, found: &Found) -> usize {
        found
            .candidates
            .get(found.judged)
            .map_or(self.order.len(), |&claim| self.place[claim])
    }

    fn judge(&self, found: &mut Found, work: Work, key_waiting: &dyn Fn() -> bool) {
        let query = Query::new(&found.query);
        let rest = &found.candidates[found.judged..];
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let (taken, parts) = match work {
            Work::Next(n) => {
                let taken = n.min(rest.len());
                (taken, vec![reach(&self.fields, &query, &rest[..taken])])
            }
            Work::For(time) => {
                let deadline = Instant::now() + time;
                self.reach_until(&query, rest, deadline, threads, key_waiting)
            }
            Work::All => {
                let per_thread = rest.len().div_ceil(threads).max(PER_THREAD_MIN);
                (rest.len(), self.reach_on_threads(&query, rest, per_thread))
            }
        };
        found.judged += taken;
        for (claim, matches) in parts.into_iter().flatten() {
            found.reachable.push(claim);
            found.matched[claim] = matches;
        }
    }

    /// [`reach`] of the first blocks of `candidates`, on `threads` threads
    /// taking the next block in turn until `deadline` or until this
    /// thread, between its blocks, finds `key_waiting` (a block each at
    /// least): how many candidates were judged (every block taken is
    /// judged, so they are the first), and the parts in their order.
    fn reach_until(
        &self,
        query: &Query,
        candidates: &[usize],
        deadline: Instant,
        threads: usize,
        key_waiting: &dyn Fn() -> bool,
    ) -> (usize, Vec<Vec<(usize, bool)>>) {
        let blocks: Vec<&[usize]> = candidates.chunks(BLOCK).collect();
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let fields = &self.fields;
        let work = |stop_now: &dyn Fn() -> bool| {
            let mut done = Vec::new();
            // One block at least, so that every slice gets on.
            loop {
                let block = next.fetch_add(1, Ordering::Relaxed);
                let Some(chunk) = blocks.get(block) else {
                    break;
                };
                done.push((block, reach(fields, query, chunk)));
                if Instant::now() >= deadline || stop.load(Ordering::Relaxed) || stop_now() {
                    break;
                }
            }
            done
        };
        let mut parts: Vec<(usize, Vec<(usize, bool)>)> = std::thread::scope(|scope| {
            // A helper that cannot start leaves its blocks to the others.
            let helpers: Vec<_> = (1..threads.min(blocks.len()))
                .filter_map(|_| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, || work(&|| false))
                        .ok()
                })
                .collect();
            // A key read as soon as it comes is read alone: Esc then a
            // letter read together would be Alt and the letter.
            let mut parts = work(&|| {
                let waiting = key_waiting();
                if waiting {
                    stop.store(true, Ordering::Relaxed);
                }
                waiting
            });
            for helper in helpers {
                match helper.join() {
                    Ok(part) => parts.extend(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            parts
        });
        parts.sort_unstable_by_key(|&(block, _)| block);
        let taken = parts.iter().map(|(block, _)| blocks[*block].len()).sum();
        (taken, parts.into_iter().map(|(_, part)| part).collect())
    }

    /// [`reach`] of `candidates` in chunks of `per_thread`, one a thread,
    /// the parts in the candidates' order.
    fn reach_on_threads(
        &self,
        query: &Query,
        candidates: &[usize],
        per_thread: usize,
    ) -> Vec<Vec<(usize, bool)>> {
        let fields = &self.fields;
        let reach = |chunk| reach(fields, query, chunk);
        at_once(
            candidates
                .chunks(per_thread)
                .map(|chunk| move || reach(chunk)),
        )
    }

    /// Char indices of `shown` that match `query`, for highlighting.
    pub fn highlights(&self, shown: &str, query: &str) -> Vec<usize> {
        if query.is_empty() {
            return Vec::new();
        }
        self.matcher
            .fuzzy_indices(shown, query)
            .map(|(_, indices)| indices)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
