//! Places the verbatim quotes of claims in their source text.
//!
//! Every quote of one source is resolved in one pass over that source: first
//! verbatim, then, for quotes not found verbatim, in a normalized copy that
//! forgives whitespace, typography and light markup.

mod disambiguate;
mod nearest;
mod normalize;
mod search;
#[cfg(test)]
mod tests;

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

pub use disambiguate::disambiguate;
pub use normalize::{NormalizedText, normalize};

/// One quote to place in a source text.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuoteQuery<'a> {
    pub quote: &'a str,
    /// Text that must come right before the match.
    pub prefix: Option<&'a str>,
    /// Text that must come right after the match.
    pub suffix: Option<&'a str>,
    /// 1-based: pick the nth of several matches.
    pub occurrence: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Found verbatim: `&text[range] == quote` (quote trimmed of outer whitespace).
    Exact(Range<usize>),
    /// Found only after normalization; the range is in the original text's
    /// bytes, from the first to the last original char that takes part in the match.
    Normalized(Range<usize>),
    /// Several places match and neither prefix/suffix nor occurrence picks one.
    Ambiguous(Vec<Range<usize>>),
    /// `occurrence` asked for the nth match but only `found` exist.
    NoSuchOccurrence { requested: usize, found: usize },
    /// No match even after normalization; the nearest plausibly related passage.
    NotFound { nearest: Option<Range<usize>> },
}

/// Resolves every query against `text`; the answers are in the order of `queries`.
pub fn resolve_all(text: &str, queries: &[QuoteQuery<'_>]) -> Vec<Resolution> {
    let source = Source::new(text);
    let quotes: Vec<&str> = queries.iter().map(|query| query.quote.trim()).collect();
    let exact_candidates = find_every_occurrence(text, &quotes);

    let mut resolutions: Vec<Option<Resolution>> = vec![None; queries.len()];
    // Queries left for the normalized pass, with the place to suggest if that fails too.
    let mut unresolved: Vec<(usize, Option<Range<usize>>)> = Vec::new();
    for (index, (query, candidates)) in queries.iter().zip(exact_candidates).enumerate() {
        if quotes[index].is_empty() {
            resolutions[index] = Some(Resolution::NotFound { nearest: None });
            continue;
        }
        let first = candidates.first().cloned();
        let fitting = source.fitting_context(query, candidates);
        if fitting.is_empty() {
            unresolved.push((index, first));
        } else {
            resolutions[index] = Some(choose(fitting, query.occurrence, Resolution::Exact));
        }
    }

    if !unresolved.is_empty() {
        let normalized_quotes: Vec<String> = unresolved
            .iter()
            .map(|&(index, _)| normalize(quotes[index]))
            .collect();
        let patterns: Vec<&str> = normalized_quotes.iter().map(String::as_str).collect();
        let normalized = source.normalized();
        let found = find_every_occurrence(normalized.as_str(), &patterns);
        for ((index, first_exact), (matches, normalized_quote)) in unresolved
            .into_iter()
            .zip(found.into_iter().zip(&normalized_quotes))
        {
            let query = &queries[index];
            let mut candidates: Vec<Range<usize>> = matches
                .into_iter()
                .map(|range| normalized.original_range(range))
                .collect();
            // Matches inside one expanded char (the dots of `…`) are one place.
            candidates.dedup();
            let first = first_exact.or_else(|| candidates.first().cloned());
            let fitting = source.fitting_context(query, candidates);
            resolutions[index] = Some(if !fitting.is_empty() {
                choose(fitting, query.occurrence, Resolution::Normalized)
            } else {
                let nearest = first.or_else(|| source.nearest_passage(normalized_quote));
                Resolution::NotFound { nearest }
            });
        }
    }

    resolutions
        .into_iter()
        .map(|resolution| resolution.unwrap_or(Resolution::NotFound { nearest: None }))
        .collect()
}

fn choose(
    candidates: Vec<Range<usize>>,
    occurrence: Option<usize>,
    found: fn(Range<usize>) -> Resolution,
) -> Resolution {
    match occurrence {
        Some(requested) => match requested.checked_sub(1).and_then(|i| candidates.get(i)) {
            Some(range) => found(range.clone()),
            None => Resolution::NoSuchOccurrence {
                requested,
                found: candidates.len(),
            },
        },
        None if candidates.len() == 1 => found(candidates[0].clone()),
        None => Resolution::Ambiguous(candidates),
    }
}

/// A source text with its derived forms, each built the first time it is needed.
struct Source<'t> {
    text: &'t str,
    normalized: OnceCell<NormalizedText>,
    words: OnceCell<Vec<nearest::Word>>,
}

impl<'t> Source<'t> {
    fn new(text: &'t str) -> Self {
        Source {
            text,
            normalized: OnceCell::new(),
            words: OnceCell::new(),
        }
    }

    fn normalized(&self) -> &NormalizedText {
        self.normalized
            .get_or_init(|| NormalizedText::new(self.text))
    }

    /// The candidates whose surroundings match the query's prefix and suffix,
    /// compared in normalized form and regardless of whitespace at the junction.
    fn fitting_context(
        &self,
        query: &QuoteQuery<'_>,
        candidates: Vec<Range<usize>>,
    ) -> Vec<Range<usize>> {
        let prefix = query.prefix.map(normalize).unwrap_or_default();
        let suffix = query.suffix.map(normalize).unwrap_or_default();
        if candidates.is_empty() || (prefix.is_empty() && suffix.is_empty()) {
            return candidates;
        }
        let normalized = self.normalized();
        let text = normalized.as_str();
        candidates
            .into_iter()
            .filter(|range| {
                let before = &text[..normalized.normalized_offset(range.start)];
                let after = &text[normalized.normalized_offset(range.end)..];
                before.trim_end().ends_with(&prefix) && after.trim_start().starts_with(&suffix)
            })
            .collect()
    }

    fn nearest_passage(&self, normalized_quote: &str) -> Option<Range<usize>> {
        let words = self
            .words
            .get_or_init(|| nearest::words(self.normalized().as_str()));
        let passage = nearest::nearest_passage(words, &nearest::words(normalized_quote))?;
        Some(self.normalized().original_range(passage))
    }
}

/// Every occurrence, overlapping ones included, of each pattern in
/// `haystack`, in one pass; empty patterns occur nowhere.
fn find_every_occurrence(haystack: &str, patterns: &[&str]) -> Vec<Vec<Range<usize>>> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut distinct: Vec<&[u8]> = Vec::new();
    let pattern_ids: Vec<usize> = patterns
        .iter()
        .map(|&pattern| {
            *ids.entry(pattern).or_insert_with(|| {
                distinct.push(pattern.as_bytes());
                distinct.len() - 1
            })
        })
        .collect();
    let occurrences = search::find_all(haystack.as_bytes(), &distinct);
    pattern_ids
        .into_iter()
        .map(|id| occurrences[id].clone())
        .collect()
}

#[cfg(test)]
fn find_overlapping(haystack: &str, pattern: &str) -> Vec<Range<usize>> {
    let finder = memchr::memmem::Finder::new(pattern);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = finder.find(&haystack.as_bytes()[from..]) {
        let start = from + offset;
        found.push(start..start + pattern.len());
        from = start + 1;
    }
    found
}
