//! Fuzzy search over claims: id, text, quotes, topic and sources.
//!
//! Typing narrows: a claim that does not contain a query as a fuzzy
//! subsequence cannot contain it with one more character, so each typed
//! character rescores only the claims the previous query could reach, and
//! an erased character goes back to a result already computed.

use std::cell::RefCell;
use std::rc::Rc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Dataset;

/// A field must score this much per query character to count as a match,
/// so scattered letters across a long quote do not.
const MIN_SCORE_PER_CHAR: i64 = 16;

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
        let needed = MIN_SCORE_PER_CHAR * query.chars().count() as i64;
        let mut reachable = Vec::new();
        let mut matched = vec![false; self.fields.len()];
        for &claim in candidates {
            let mut scores = self.fields[claim]
                .iter()
                .filter_map(|f| self.matcher.fuzzy_match(f, query))
                .peekable();
            if scores.peek().is_some() {
                reachable.push(claim);
                matched[claim] = scores.any(|score| score >= needed);
            }
        }
        Found {
            query: query.to_string(),
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

    #[test]
    fn an_empty_query_matches_everything() {
        assert_eq!(Search::new(&shipped()).matching(""), None);
    }
}
