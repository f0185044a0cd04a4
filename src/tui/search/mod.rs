//! Fuzzy search over claims: id, text, quotes, topic and sources.
//!
//! Typing narrows: a claim that does not contain a query as a fuzzy
//! subsequence cannot contain it with one more character, so each typed
//! character rescores only the claims the previous query could reach, and
//! an erased character goes back to a result already computed. A claim
//! matches when one of its fields scores high enough ([`score`]); the same
//! field always scores the same, whichever thread scores it.

use std::cell::RefCell;
use std::rc::Rc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Dataset;

pub mod score;

/// A field must score this much per query character to count as a match,
/// so scattered letters across a long quote do not.
const MIN_SCORE_PER_CHAR: i64 = 16;

/// Fewer candidates than this are not worth another thread.
const PER_THREAD_MIN: usize = 2_000;

/// A query, and what decides cheaply whether a field matches it.
struct Query<'q> {
    text: &'q str,
    chars: Vec<char>,
    /// The score a field must reach.
    needed: i64,
}

enum Judged {
    /// The query is not a fuzzy subsequence of the field.
    Unreachable,
    /// It is, without scoring high enough.
    Reachable,
    Matches,
}

impl<'q> Query<'q> {
    fn new(text: &'q str) -> Query<'q> {
        Query {
            text,
            chars: text.chars().collect(),
            needed: MIN_SCORE_PER_CHAR * text.chars().count() as i64,
        }
    }

    /// What the fuzzy score (see [`score`]) says of `field`, without
    /// scoring when the answer is sure. It compares ASCII letters whatever
    /// their case and anything else exactly, so for an ASCII query a field
    /// without the query's bytes in order (ASCII case aside) has no match.
    /// Characters found side by side score at least 18 per character less
    /// 5 (a match is 16, 14 in the other case; each next one adds at least
    /// 4; the first is -1 plus a bonus of 0 or more), so three or more
    /// match without their score; two do in the same case (20 each less 5),
    /// and one letter does at the start of a word (-1, 8 for a word's
    /// start, 14 or more).
    fn judge(&self, field: &str) -> Judged {
        let query = self.text.as_bytes();
        if self.text.is_ascii() {
            if !in_order(field.as_bytes(), query) {
                return Judged::Unreachable;
            }
            let field = field.as_bytes();
            let sure = match query.len() {
                1 => query[0].is_ascii_alphabetic() && starts_a_word(field, query[0]),
                2 => memchr::memmem::find(field, query).is_some(),
                _ => side_by_side(field, query),
            };
            if sure {
                return Judged::Matches;
            }
        }
        match score::score(field, &self.chars) {
            None => Judged::Unreachable,
            Some(score) if score >= self.needed => Judged::Matches,
            Some(_) => Judged::Reachable,
        }
    }
}

/// The claims among `candidates` with a field that holds the query as
/// a fuzzy subsequence, each with whether a field scores high enough.
fn reach(fields: &[Vec<String>], query: &Query, candidates: &[usize]) -> Vec<(usize, bool)> {
    let mut reached = Vec::new();
    for &claim in candidates {
        let mut reachable = false;
        for field in &fields[claim] {
            match query.judge(field) {
                Judged::Unreachable => {}
                Judged::Reachable => reachable = true,
                Judged::Matches => {
                    reachable = true;
                    reached.push((claim, true));
                    break;
                }
            }
        }
        if reachable && reached.last().is_none_or(|&(c, _)| c != claim) {
            reached.push((claim, false));
        }
    }
    reached
}

/// Where ASCII byte `byte` next occurs in `text`, in either case.
fn next_of(text: &[u8], byte: u8) -> Option<usize> {
    let (lower, upper) = (byte.to_ascii_lowercase(), byte.to_ascii_uppercase());
    if lower == upper {
        memchr::memchr(byte, text)
    } else {
        memchr::memchr2(lower, upper, text)
    }
}

/// Whether the bytes of `query` occur in `text` in order, ASCII case aside.
fn in_order(text: &[u8], query: &[u8]) -> bool {
    let mut from = 0;
    for &byte in query {
        match next_of(&text[from..], byte) {
            Some(at) => from += at + 1,
            None => return false,
        }
    }
    true
}

/// Whether letter `letter` starts `text` or a word after a space, in either case.
fn starts_a_word(text: &[u8], letter: u8) -> bool {
    if text
        .first()
        .is_some_and(|b| b.eq_ignore_ascii_case(&letter))
    {
        return true;
    }
    let mut from = 0;
    while let Some(at) = memchr::memchr(b' ', &text[from..]) {
        let next = from + at + 1;
        if text
            .get(next)
            .is_some_and(|b| b.eq_ignore_ascii_case(&letter))
        {
            return true;
        }
        from = next;
    }
    false
}

/// Whether `query` occurs in `text` as it is, ASCII case aside.
fn side_by_side(text: &[u8], query: &[u8]) -> bool {
    let Some((&first, rest)) = query.split_first() else {
        return true;
    };
    let mut from = 0;
    while let Some(at) = next_of(&text[from..], first) {
        let start = from + at;
        let end = start + query.len();
        if end > text.len() {
            return false;
        }
        if text[start + 1..end].eq_ignore_ascii_case(rest) {
            return true;
        }
        from = start + 1;
    }
    false
}

pub struct Search {
    matcher: SkimMatcherV2,
    /// What each claim is searched by, field by field, built once per load.
    fields: Vec<Vec<String>>,
    /// Results of the current query and of each of its prefixes that was
    /// asked for, shortest first.
    narrowing: RefCell<Vec<Found>>,
}

/// The claims a query reaches.
struct Found {
    query: String,
    /// Claims with a field that holds the query as a fuzzy subsequence,
    /// whatever its score.
    reachable: Vec<usize>,
    /// Per claim: whether it matches (a field scores high enough).
    matched: Rc<Vec<bool>>,
}

impl Search {
    pub fn new(dataset: &Dataset) -> Search {
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
        Search {
            matcher: SkimMatcherV2::default().ignore_case(),
            fields,
            narrowing: RefCell::default(),
        }
    }

    /// Per claim, whether it matches `query`; `None` for an empty query,
    /// which matches every claim.
    pub fn matching(&self, query: &str) -> Option<Rc<Vec<bool>>> {
        if query.is_empty() {
            return None;
        }
        let mut narrowing = self.narrowing.borrow_mut();
        while narrowing
            .last()
            .is_some_and(|found| !query.starts_with(&found.query))
        {
            narrowing.pop();
        }
        if let Some(found) = narrowing.last()
            && found.query == query
        {
            return Some(found.matched.clone());
        }
        let all: Vec<usize>;
        let candidates = match narrowing.last() {
            Some(found) => &found.reachable,
            None => {
                all = (0..self.fields.len()).collect();
                &all
            }
        };
        let found = self.find(query, candidates);
        let matched = found.matched.clone();
        narrowing.push(found);
        Some(matched)
    }

    fn find(&self, query: &str, candidates: &[usize]) -> Found {
        let query = Query::new(query);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per_thread = candidates.len().div_ceil(threads).max(PER_THREAD_MIN);
        let fields = &self.fields;
        let reach = |chunk| reach(fields, &query, chunk);
        let parts: Vec<Vec<(usize, bool)>> = std::thread::scope(|scope| {
            let helpers: Vec<_> = candidates
                .chunks(per_thread)
                .skip(1)
                .map(|chunk| scope.spawn(move || reach(chunk)))
                .collect();
            let first = candidates.chunks(per_thread).next().unwrap_or(&[]);
            let mut parts = vec![reach(first)];
            for helper in helpers {
                match helper.join() {
                    Ok(part) => parts.push(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            parts
        });
        let mut reachable = Vec::new();
        let mut matched = vec![false; self.fields.len()];
        for (claim, matches) in parts.into_iter().flatten() {
            reachable.push(claim);
            matched[claim] = matches;
        }
        Found {
            query: query.text.to_string(),
            reachable,
            matched: Rc::new(matched),
        }
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
mod tests {
    use super::*;

    fn shipped() -> Dataset {
        crate::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims.toml"))
    }

    fn count(found: &Option<Rc<Vec<bool>>>) -> usize {
        found
            .as_ref()
            .map_or(0, |f| f.iter().filter(|&&m| m).count())
    }

    #[test]
    fn typing_and_erasing_gives_what_a_fresh_search_gives() {
        let dataset = shipped();
        let typed = Search::new(&dataset);
        let mut counts = Vec::new();
        for word in ["drones", "baku neutral", "nakhchivan airport", "xqzv"] {
            let steps: Vec<&str> = (1..=word.len())
                .chain((1..word.len()).rev())
                .map(|n| &word[..n])
                .collect();
            for query in steps {
                let fresh = Search::new(&dataset).matching(query);
                let narrowed = typed.matching(query);
                assert_eq!(narrowed, fresh, "{query:?}");
                counts.push((query, count(&narrowed)));
            }
        }
        let of = |q: &str| counts.iter().find(|(query, _)| *query == q).unwrap().1;
        assert!(of("drones") >= 5, "{counts:?}");
        assert!(of("d") > of("drones"), "{counts:?}");
        assert_eq!(of("xqzv"), 0);
    }

    /// What skim's matcher alone says of `field`, asked for the first time.
    fn judged_by_the_matcher(query: &Query, field: &str) -> u8 {
        let matcher = SkimMatcherV2::default().ignore_case();
        match matcher.fuzzy_match(field, query.text) {
            None => 0,
            Some(score) if score >= query.needed => 2,
            Some(_) => 1,
        }
    }

    proptest::proptest! {
        #[test]
        fn the_shortcuts_say_what_the_matcher_says(
            field in "[a-eA-E é’9_.-]{0,40}",
            query in "[a-eA-E é9-]{1,6}",
        ) {
            let query = Query::new(&query);
            let judged = match query.judge(&field) {
                Judged::Unreachable => 0,
                Judged::Reachable => 1,
                Judged::Matches => 2,
            };
            proptest::prop_assert_eq!(judged, judged_by_the_matcher(&query, &field));
        }
    }

    #[test]
    fn an_empty_query_matches_everything() {
        assert_eq!(Search::new(&shipped()).matching(""), None);
    }
}
