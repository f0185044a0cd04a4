//! The passages of a source most like quotes that were not found: one pass
//! over the normalized text for all of them, in memory that does not grow
//! with the text.

use std::ops::Range;

use super::NormalizedText;
use super::approx::{self, Pattern, Search, squeezed};
use super::candidate::{Candidate, WantedContext};

/// Passages less alike than this are not worth suggesting: the search
/// allows this share of the quote's chars to differ.
const MAX_ERROR_SHARE: f64 = 0.4;
/// Once a passage is found, passages this much less alike than it cannot
/// compete and are no longer looked for.
const RUNNER_UP_WINDOW: f64 = 0.25;
/// Quotes longer than this (squeezed chars) get no approximate search: the
/// work per document char grows with the quote's length.
pub(crate) const MAX_QUOTE_CHARS: usize = 4096;
/// Most candidates kept per quote.
const KEPT: usize = 6;

/// A quote to look for, with the context its span asks for.
pub(crate) struct Wanted<'a> {
    pub quote: &'a str,
    pub context: WantedContext,
}

/// For each quote, its best candidates in `normalized` (best first),
/// mapped to `original`'s bytes.
pub(crate) fn nearest_passages(
    original: &str,
    normalized: &NormalizedText,
    wanted: &[Wanted<'_>],
) -> Vec<Vec<Candidate>> {
    let quotes: Vec<Vec<char>> = wanted
        .iter()
        .map(|w| approx::squeeze(&super::normalize(w.quote)))
        .collect();
    let patterns: Vec<Option<Pattern>> = quotes
        .iter()
        .map(|q| (!q.is_empty() && q.len() <= MAX_QUOTE_CHARS).then(|| Pattern::new(q)))
        .collect();
    let mut searches: Vec<(usize, Search<'_>, Ends)> = patterns
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let p = p.as_ref()?;
            let max_errors = (p.len() as f64 * MAX_ERROR_SHARE) as usize;
            Some((i, Search::new(p, max_errors), Ends::new(p.len())))
        })
        .collect();
    let text = normalized.as_str();
    let mut position = 0usize;
    for (offset, ch) in text.char_indices() {
        let Some(ch) = squeezed(ch) else { continue };
        for (i, search, ends) in &mut searches {
            if let Some(errors) = search.step(ch) {
                let alike = quotes[*i].last().is_some_and(|&last| same_class(last, ch));
                ends.push(position, offset + ch.len_utf8(), errors, alike);
                let window = (ends.len as f64 * RUNNER_UP_WINDOW).ceil() as usize;
                search.limit(ends.best_errors + window);
            }
        }
        position += 1;
    }

    let mut found = vec![Vec::new(); wanted.len()];
    for (i, _, ends) in searches {
        let quote = &quotes[i];
        let mut candidates: Vec<Candidate> = ends
            .best()
            .into_iter()
            .filter_map(|end| {
                let start = match_start(text, quote, end.byte, end.errors)?;
                let range =
                    snap_to_words(original, normalized.original_range(start..end.byte), quote);
                Some(candidate(
                    original,
                    normalized,
                    range,
                    quote,
                    &wanted[i].context,
                ))
            })
            .collect();
        candidates.sort_by(|a, b| {
            b.rank()
                .total_cmp(&a.rank())
                .then(a.range.start.cmp(&b.range.start))
        });
        let mut distinct: Vec<Candidate> = Vec::new();
        for c in candidates {
            if distinct
                .iter()
                .all(|d| d.range.end <= c.range.start || c.range.end <= d.range.start)
            {
                distinct.push(c);
            }
        }
        found[i] = distinct;
    }
    found
}

/// The scored candidate for the original bytes `range`.
pub(crate) fn candidate(
    original: &str,
    normalized: &NormalizedText,
    range: Range<usize>,
    quote: &[char],
    context: &WantedContext,
) -> Candidate {
    let passage = approx::squeeze(&super::normalize(&original[range.clone()]));
    let inner = normalized.normalized_offset(range.start)..normalized.normalized_offset(range.end);
    Candidate {
        similarity: approx::similarity(quote, &passage),
        context: context.similarity(normalized.as_str(), inner),
        range,
    }
}

/// Where the match of `quote` ending at normalized byte `end` with `errors`
/// edits starts: the reversed quote searched backwards from `end`, the
/// start with the fewest edits. Of two next to each other with as few, the
/// wider one when its extra char takes the place of the quote's first char
/// (`;` for `.`, a letter for a letter), not when it is a neighbour.
fn match_start(text: &str, quote: &[char], end: usize, errors: usize) -> Option<usize> {
    let reversed: Vec<char> = quote.iter().rev().copied().collect();
    let pattern = Pattern::new(&reversed);
    let mut search = Search::new(&pattern, errors);
    let mut best: Option<(usize, usize, usize)> = None;
    let mut seen = 0;
    for (offset, ch) in text[..end].char_indices().rev() {
        let Some(ch) = squeezed(ch) else { continue };
        if let Some(found) = search.step(ch) {
            let better = match best {
                None => true,
                Some((errors, _, at)) => {
                    found < errors
                        || (found == errors && at + 1 == seen && same_class(quote[0], ch))
                }
            };
            if better {
                best = Some((found, offset, seen));
            }
        }
        seen += 1;
        if seen >= quote.len() + errors {
            break;
        }
    }
    best.map(|(_, start, _)| start)
}

/// Whether two chars are both letters or digits, or both neither.
fn same_class(a: char, b: char) -> bool {
    a.is_alphanumeric() == b.is_alphanumeric()
}

/// `range` widened to whole words at each end where the quote itself
/// starts or ends with a letter or digit: an edited edge word is part of
/// the passage, a neighbouring word is not.
fn snap_to_words(original: &str, range: Range<usize>, quote: &[char]) -> Range<usize> {
    let mut range = range;
    if quote.first().is_some_and(|c| c.is_alphanumeric()) {
        while let Some(before) = original[..range.start].chars().next_back() {
            let at = original[range.start..].chars().next();
            if !(before.is_alphanumeric() && at.is_some_and(char::is_alphanumeric)) {
                break;
            }
            range.start -= before.len_utf8();
        }
    }
    if quote.last().is_some_and(|c| c.is_alphanumeric()) {
        while let Some(after) = original[range.end..].chars().next() {
            let last = original[..range.end].chars().next_back();
            if !(after.is_alphanumeric() && last.is_some_and(char::is_alphanumeric)) {
                break;
            }
            range.end += after.len_utf8();
        }
    }
    range
}

/// A match end: where, and with how many edits.
#[derive(Debug, Clone, Copy)]
struct End {
    /// Squeezed chars before it.
    position: usize,
    /// Normalized byte offset.
    byte: usize,
    errors: usize,
}

/// The best match ends found so far, one per cluster of overlapping ends,
/// at most a few times [`KEPT`] of them.
struct Ends {
    len: usize,
    kept: Vec<End>,
    /// The fewest edits of any end seen.
    best_errors: usize,
}

impl Ends {
    fn new(len: usize) -> Self {
        Ends {
            len,
            kept: Vec::new(),
            best_errors: usize::MAX,
        }
    }

    /// `alike`: the char ending here is of the same class as the quote's
    /// last (see [`match_start`]); on a tie with the end just before, it wins.
    fn push(&mut self, position: usize, byte: usize, errors: usize, alike: bool) {
        let end = End {
            position,
            byte,
            errors,
        };
        self.best_errors = self.best_errors.min(errors);
        match self.kept.last_mut() {
            Some(last) if position - last.position <= self.len / 2 => {
                let next_to = position == last.position + 1;
                if errors < last.errors || (errors == last.errors && next_to && alike) {
                    *last = end;
                }
            }
            _ => self.kept.push(end),
        }
        if self.kept.len() > 4 * KEPT {
            self.prune();
        }
    }

    fn prune(&mut self) {
        self.kept.sort_by_key(|e| (e.errors, e.position));
        self.kept.truncate(KEPT);
        self.kept.sort_by_key(|e| e.position);
    }

    fn best(mut self) -> Vec<End> {
        self.prune();
        self.kept
    }
}
