//! Places the verbatim quotes of claims in their source text.
//!
//! Every quote of one source is resolved in one pass over that source: first
//! verbatim, then, for quotes not found verbatim, in a normalized copy that
//! forgives whitespace, typography and light markup. A span's `prefix` and
//! `suffix` pick among the places found; when none fits them exactly, they
//! are a hint that scores the places. Quotes found nowhere get the passages
//! most like them, char by char, from one more pass.

mod approx;
mod candidate;
mod disambiguate;
mod grams;
#[cfg(test)]
mod hint_tests;
mod nearest;
mod normalize;
mod qgram;
mod search;
#[cfg(test)]
mod segment_tests;
mod segments;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;

pub use candidate::{
    CONTEXT_MARGIN, Candidate, HINT_TIE, MARGIN, MIN_CONTEXT, MIN_SCORE, RUNNER_UP_FACTOR,
    RUNNER_UP_SLACK, Verdict, clearly_better, verdict,
};
pub use disambiguate::{disambiguate, words_after, words_before};
pub use nearest::{MAX_QUOTE_CHARS, too_long_to_search};
pub use normalize::{NormalizedText, normalize};

use candidate::{WantedContext, picked_by_hint};
use qgram::{StretchFinder, Stretches};
use segments::{NormalizedSource, Part};

use crate::document::Quotable;

/// One quote to place in a source text.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuoteQuery<'a> {
    pub quote: &'a str,
    /// Text that should come right before the match.
    pub prefix: Option<&'a str>,
    /// Text that should come right after the match.
    pub suffix: Option<&'a str>,
    /// 1-based: pick the nth of several matches.
    pub occurrence: Option<usize>,
    /// Where the quote was last placed (its span's `line`): a tie-breaker
    /// between places the text cannot tell apart.
    pub hint: Option<HintedLine>,
}

/// The bytes of the text on the line a quote was last placed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintedLine {
    pub start: usize,
    pub end: usize,
}

impl HintedLine {
    fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for HintedLine {
    fn from(line: Range<usize>) -> Self {
        HintedLine {
            start: line.start,
            end: line.end,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Found as written: `&text[range]` is the quote, or differs from it
    /// only in whitespace (a run of spaces or a line break for a space).
    Exact(Range<usize>),
    /// Found only after normalization; the range is in the original text's
    /// bytes, from the first to the last original char that takes part in the match.
    Normalized(Range<usize>),
    /// Found (verbatim, or after normalization when `normalized`), but the
    /// text around it no longer is the span's `prefix`/`suffix`: the place is
    /// the only one, or the one whose context is clearly the most alike; or
    /// the span's context (if any) fits several places and its position
    /// hint picked this one (`place.by_hint`).
    ContextChanged { place: Candidate, normalized: bool },
    /// Several places match and neither context nor occurrence picks one;
    /// in text order, scored on their context when the span has one.
    Ambiguous(Vec<Candidate>),
    /// `occurrence` asked for the nth match but only `found` exist.
    NoSuchOccurrence { requested: usize, found: usize },
    /// No match even after normalization; the passages most like the
    /// quote, best first (empty when none is alike enough to suggest), and
    /// how alike, at most, any passage left out is.
    NotFound {
        nearest: Vec<Candidate>,
        unseen: f64,
    },
}

impl Resolution {
    fn not_found() -> Self {
        Resolution::NotFound {
            nearest: Vec::new(),
            unseen: 0.0,
        }
    }
}

/// Resolves every query against `text` (light Markdown unless it says
/// otherwise); the answers are in the order of `queries`.
pub fn resolve_all<'t>(
    text: impl Into<Quotable<'t>>,
    queries: &[QuoteQuery<'_>],
) -> Vec<Resolution> {
    resolve_in(Source::new(NormalizedSource::new(text.into())), queries)
}

/// [`resolve_all`] with the text normalized in segments of about
/// `segment_bytes`, so that tests can put segment ends anywhere.
#[cfg(test)]
fn resolve_all_in_segments(
    text: &str,
    queries: &[QuoteQuery<'_>],
    segment_bytes: usize,
) -> Vec<Resolution> {
    let normalized = NormalizedSource::with_segment_bytes(text.into(), segment_bytes);
    resolve_in(Source::new(normalized), queries)
}

fn resolve_in(source: Source<'_>, queries: &[QuoteQuery<'_>]) -> Vec<Resolution> {
    let text = source.text;
    let quotes: Vec<&str> = queries.iter().map(|query| query.quote.trim()).collect();
    let exact_candidates = find_every_occurrence(text, &quotes);

    let mut resolutions: Vec<Option<Resolution>> = vec![None; queries.len()];
    // Queries left for the normalized pass, with their verbatim places.
    let mut unresolved: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
    for (index, (query, candidates)) in queries.iter().zip(exact_candidates).enumerate() {
        if quotes[index].is_empty() {
            resolutions[index] = Some(Resolution::not_found());
            continue;
        }
        let fitting = source.fitting_context(query, &candidates);
        if fitting.is_empty() {
            unresolved.push((index, candidates));
        } else {
            resolutions[index] = Some(choose(fitting, query, |_| false));
        }
    }

    let mut not_found: Vec<usize> = Vec::new();
    // In a long text, the quotes found nowhere verbatim (as indices of
    // `queries`) are likely found nowhere: the q-gram filter that the
    // search for passages like them starts with goes through the text
    // together with the normalized pass, and its answer is kept for them.
    let mut ahead: Vec<usize> = Vec::new();
    let mut prefiltered = None;
    if !unresolved.is_empty() {
        let normalized_quotes: Vec<String> = unresolved
            .iter()
            .map(|(index, _)| normalize(quotes[*index]))
            .collect();
        let patterns: Vec<&str> = normalized_quotes.iter().map(String::as_str).collect();
        let ahead_patterns: Vec<usize> = (0..unresolved.len())
            .filter(|&k| nearest::is_long(text.len()) && unresolved[k].1.is_empty())
            .collect();
        ahead = ahead_patterns.iter().map(|&k| unresolved[k].0).collect();
        let squeezed: Vec<Vec<char>> = ahead
            .iter()
            .map(|&index| nearest::squeezed_quote(quotes[index]))
            .collect();
        let filters: Vec<qgram::Filtered<'_>> = nearest::long_text_filters(&squeezed)
            .into_iter()
            .map(|(_, filter)| filter)
            .collect();
        let found;
        (found, prefiltered) =
            find_normalized_and_filter(source.normalized(), &patterns, &ahead_patterns, &filters);
        for ((index, verbatim), mut candidates) in unresolved.into_iter().zip(found) {
            let query = &queries[index];
            // Matches inside one expanded char (the dots of `…`) are one place.
            candidates.dedup();
            let fitting = source.fitting_context(query, &candidates);
            let normalized = |range: &Range<usize>| {
                !same_but_for_whitespace(quotes[index], &text[range.clone()])
            };
            resolutions[index] = Some(if !fitting.is_empty() {
                choose(fitting, query, normalized)
            } else if !verbatim.is_empty() {
                source.choose_by_context(query, verbatim, false)
            } else if !candidates.is_empty() {
                source.choose_by_context(query, candidates, true)
            } else {
                not_found.push(index);
                continue;
            });
        }
    }

    if !not_found.is_empty() {
        let wanted: Vec<nearest::Wanted<'_>> = not_found
            .iter()
            .map(|&index| nearest::Wanted {
                quote: quotes[index],
                context: WantedContext::new(queries[index].prefix, queries[index].suffix),
                hinted: queries[index].hint.is_some(),
            })
            .collect();
        let prefiltered = prefiltered
            .filter(|_| not_found == ahead && nearest::is_long(source.normalized().len()));
        let found = nearest::nearest_passages(text, source.normalized(), &wanted, prefiltered);
        for (index, (mut nearest, unseen)) in not_found.into_iter().zip(found) {
            if let Some(hint) = queries[index].hint {
                put_hinted_first(&mut nearest, hint);
            }
            resolutions[index] = Some(Resolution::NotFound { nearest, unseen });
        }
    }

    resolutions
        .into_iter()
        .map(|resolution| resolution.unwrap_or_else(Resolution::not_found))
        .collect()
}

/// Whether `passage` is `quote` but for whitespace: where one has a run of
/// spaces or line breaks, so has the other (a line wrapped elsewhere, a
/// page rendered from another format).
pub fn same_but_for_whitespace(quote: &str, passage: &str) -> bool {
    quote.split_whitespace().eq(passage.split_whitespace())
}

/// Puts first the passage the position hint picks among those about as
/// alike (see [`picked_by_hint`]), marked so, when the others it has to be
/// clearly better than are.
fn put_hinted_first(nearest: &mut Vec<Candidate>, hint: HintedLine) {
    if let Some(index) = picked_by_hint(nearest, &hint.range(), Candidate::rank, clearly_better) {
        let mut picked = nearest.remove(index);
        picked.by_hint = true;
        nearest.insert(0, picked);
    }
}

/// Of the places of a quote whose context fits (or that has none): the
/// only one, the `occurrence` asked for, or the one the position hint picks
/// (then as a changed context: the span's own context no longer picks it);
/// else ambiguous. `normalized`: whether the text at a place differs from
/// the quote in more than whitespace.
fn choose(
    candidates: Vec<Range<usize>>,
    query: &QuoteQuery<'_>,
    normalized: impl Fn(&Range<usize>) -> bool,
) -> Resolution {
    let found = |range: Range<usize>| {
        if normalized(&range) {
            Resolution::Normalized(range)
        } else {
            Resolution::Exact(range)
        }
    };
    let places = || {
        candidates
            .iter()
            .map(|range| Candidate {
                range: range.clone(),
                similarity: 1.0,
                ..Candidate::default()
            })
            .collect::<Vec<_>>()
    };
    match query.occurrence {
        Some(requested) => match requested.checked_sub(1).and_then(|i| candidates.get(i)) {
            Some(range) => found(range.clone()),
            None => Resolution::NoSuchOccurrence {
                requested,
                found: candidates.len(),
            },
        },
        None if candidates.len() == 1 => found(candidates[0].clone()),
        None => {
            let places = places();
            let picked = query.hint.and_then(|hint| {
                picked_by_hint(&places, &hint.range(), |p| p.similarity, |_, _| true)
            });
            match picked {
                Some(index) => Resolution::ContextChanged {
                    normalized: normalized(&places[index].range),
                    place: Candidate {
                        by_hint: true,
                        ..places[index].clone()
                    },
                },
                None => Resolution::Ambiguous(places),
            }
        }
    }
}

/// A source text with its normalized form, made as far as it is needed.
struct Source<'t> {
    text: &'t str,
    normalized: NormalizedSource<'t>,
}

impl<'t> Source<'t> {
    fn new(normalized: NormalizedSource<'t>) -> Self {
        Source {
            text: normalized.original(),
            normalized,
        }
    }

    fn normalized(&self) -> &NormalizedSource<'t> {
        &self.normalized
    }

    /// The candidates whose surroundings match the query's prefix and suffix,
    /// compared in normalized form and regardless of whitespace at the junction.
    fn fitting_context(
        &self,
        query: &QuoteQuery<'_>,
        candidates: &[Range<usize>],
    ) -> Vec<Range<usize>> {
        let prefix = query.prefix.map(normalize).unwrap_or_default();
        let suffix = query.suffix.map(normalize).unwrap_or_default();
        if candidates.is_empty() || (prefix.is_empty() && suffix.is_empty()) {
            return candidates.to_vec();
        }
        let normalized = self.normalized();
        candidates
            .iter()
            .filter(|range| {
                let before = normalized.chars_before(normalized.normalized_offset(range.start));
                let after = normalized.chars_from(normalized.normalized_offset(range.end));
                starts_with_after_whitespace(before, prefix.chars().rev())
                    && starts_with_after_whitespace(after, suffix.chars())
            })
            .cloned()
            .collect()
    }

    /// Places of the quote none of whose surroundings fit the context
    /// exactly, scored on how alike their surroundings are: the only one,
    /// the `occurrence` asked for, one whose context clearly beats the
    /// others' ([`MIN_CONTEXT`], [`CONTEXT_MARGIN`]), or, of those about as
    /// alike, the one the position hint picks; else ambiguous.
    fn choose_by_context(
        &self,
        query: &QuoteQuery<'_>,
        ranges: Vec<Range<usize>>,
        normalized: bool,
    ) -> Resolution {
        let wanted = WantedContext::new(query.prefix, query.suffix);
        let text = self.normalized();
        let places: Vec<Candidate> = ranges
            .into_iter()
            .map(|range| {
                let inner = text.normalized_offset(range.start)..text.normalized_offset(range.end);
                Candidate {
                    context: wanted.similarity(text, inner),
                    similarity: 1.0,
                    range,
                    by_hint: false,
                }
            })
            .collect();
        // Found only after normalization, unless it differs only in whitespace.
        let changed = |place: &Candidate| Resolution::ContextChanged {
            place: place.clone(),
            normalized: normalized
                && !same_but_for_whitespace(query.quote, &self.text[place.range.clone()]),
        };
        if let Some(requested) = query.occurrence {
            return match requested.checked_sub(1).and_then(|i| places.get(i)) {
                Some(place) => changed(place),
                None => Resolution::NoSuchOccurrence {
                    requested,
                    found: places.len(),
                },
            };
        }
        let context = |place: &Candidate| place.context.unwrap_or(0.0);
        let mut order: Vec<&Candidate> = places.iter().collect();
        order.sort_by(|a, b| context(b).total_cmp(&context(a)));
        let best = order[0];
        let clear = order.get(1).is_none_or(|second| {
            context(best) >= MIN_CONTEXT && context(best) - context(second) >= CONTEXT_MARGIN
        });
        if clear {
            return changed(best);
        }
        let clearly_worse =
            |a: &Candidate, b: &Candidate| context(a) - context(b) >= CONTEXT_MARGIN;
        let picked = query
            .hint
            .and_then(|hint| picked_by_hint(&places, &hint.range(), context, clearly_worse));
        match picked {
            Some(index) => changed(&Candidate {
                by_hint: true,
                ..places[index].clone()
            }),
            None => Resolution::Ambiguous(places),
        }
    }
}

/// Whether `chars`, leading whitespace left out, start with `wanted` (the
/// text before a place read backwards, or the text after it).
fn starts_with_after_whitespace(
    chars: impl Iterator<Item = (usize, char)>,
    wanted: impl Iterator<Item = char>,
) -> bool {
    let mut chars = chars.map(|(_, ch)| ch).skip_while(|ch| ch.is_whitespace());
    wanted.into_iter().all(|ch| chars.next() == Some(ch))
}

/// Every occurrence, overlapping ones included, of each pattern in the
/// normalized text, as the document's bytes from the first to the last
/// char that produced it; in text order. A part of the text is searched
/// with the bytes after it that a match starting in it may reach into.
/// Each part, once searched, is handed to `also` with what was found so far.
fn find_every_normalized_occurrence(
    normalized: &NormalizedSource<'_>,
    patterns: &[&str],
    mut also: impl FnMut(&Part, &[Vec<Range<usize>>]),
) -> Vec<Vec<Range<usize>>> {
    let longest = patterns.iter().map(|p| p.len()).max().unwrap_or(0);
    let mut found = vec![Vec::new(); patterns.len()];
    for part in normalized.parts(longest.saturating_sub(1)) {
        let in_part = find_every_occurrence(&part.text, patterns);
        for (all, matches) in found.iter_mut().zip(in_part) {
            let starting_here = matches.into_iter().filter(|m| m.start < part.own);
            all.extend(starting_here.map(|m| part.original_range(m)));
        }
        also(&part, &found);
    }
    found
}

/// [`find_every_normalized_occurrence`], the text also fed to the q-gram
/// filter of `filters` (of the quotes of patterns `ahead`) until one of
/// those patterns is found; the filter's stretches if none was.
fn find_normalized_and_filter(
    normalized: &NormalizedSource<'_>,
    patterns: &[&str],
    ahead: &[usize],
    filters: &[qgram::Filtered<'_>],
) -> (Vec<Vec<Range<usize>>>, Option<Stretches>) {
    let mut finder = (!filters.is_empty()).then(|| StretchFinder::new(filters));
    let found = find_every_normalized_occurrence(normalized, patterns, |part, found| {
        if ahead.iter().any(|&k| !found[k].is_empty()) {
            finder = None;
        }
        if let Some(finder) = &mut finder {
            finder.feed(&part.text[..part.own], part.base);
        }
    });
    (found, finder.map(StretchFinder::finish))
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
