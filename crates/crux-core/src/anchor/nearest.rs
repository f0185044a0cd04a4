//! The passages of a source most like quotes that were not found: one pass
//! over the normalized text for all of them, in memory that does not grow
//! with the text.

use std::ops::Range;

use super::approx::{self, Pattern, Search, squeezed, squeezed_chars};
use super::candidate::{
    Candidate, RUNNER_UP_FACTOR, RUNNER_UP_SLACK, WantedContext, clearly_better,
};
use super::qgram::{self, Filtered, Stretches};
use super::segments::NormalizedSource;

/// Passages less alike than this are not worth suggesting: the search
/// allows this share of the quote's chars to differ. It is more than twice
/// what a repair allows (1 - [`super::MIN_SCORE`]), so that a runner-up
/// that would stop a repair is always seen.
const MAX_ERROR_SHARE: f64 = 0.55;
/// Quotes longer than this (squeezed chars) get no approximate search: the
/// work per document char grows with the quote's length.
pub const MAX_QUOTE_CHARS: usize = 4096;

/// Whether `quote` is too long for passages like it to be looked for.
pub fn too_long_to_search(quote: &str) -> bool {
    approx::squeeze(&super::normalize(quote)).len() > MAX_QUOTE_CHARS
}
/// In texts longer than this, a quote the q-gram filter did not settle is
/// answered with what the filter found, and with its bound on what it
/// skipped (so it is not repaired), rather than searched along the whole
/// text: that search costs time in proportion to the text and the quote.
const FULL_SEARCH_MAX_BYTES: usize = 4 << 20;
/// Most candidates kept per quote.
const KEPT: usize = 6;
/// The q-gram filter is tried with these shares of the quote's chars of
/// edits, fewest first: a strict filter settles one typo cheaply, a looser
/// one a changed word (fewer for short quotes, whose q-grams are too few
/// to filter that many).
const FILTER_ERROR_SHARES: [f64; 2] = [0.06, 0.2];

/// A quote to look for, with the context its span asks for.
pub(crate) struct Wanted<'a> {
    pub quote: &'a str,
    pub context: WantedContext,
    /// The span has a position hint, which may pick between passages
    /// about as alike: what was left out matters even then.
    pub hinted: bool,
}

/// A quote as the approximate search compares it.
pub(crate) fn squeezed_quote(quote: &str) -> Vec<char> {
    approx::squeeze(&super::normalize(quote))
}

/// Whether a text of `len` normalized bytes is searched only where the
/// q-gram filter points, all shares of edits filtered in one pass.
pub(crate) fn is_long(len: usize) -> bool {
    len > FULL_SEARCH_MAX_BYTES
}

/// The filters of the one round of a long text for `quotes` (squeezed):
/// those whose stretches [`nearest_passages`] can be handed.
pub(crate) fn long_text_filters(quotes: &[Vec<char>]) -> Vec<(usize, Filtered<'_>)> {
    let searchable = |i: usize| !quotes[i].is_empty() && quotes[i].len() <= MAX_QUOTE_CHARS;
    round_filters(quotes, &FILTER_ERROR_SHARES, searchable, |_, _| false)
}

/// The filters of a round: each quote `searched` with each share of
/// edits, unless it was `tried` with that many edits before.
fn round_filters<'q>(
    quotes: &'q [Vec<char>],
    shares: &[f64],
    searched: impl Fn(usize) -> bool,
    tried: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, Filtered<'q>)> {
    let mut entries: Vec<(usize, Filtered<'_>)> = Vec::new();
    for &share in shares {
        for i in (0..quotes.len()).filter(|&i| searched(i)) {
            let len = quotes[i].len();
            // As many edits as the filter can let through and still filter.
            let max_errors = ((len as f64 * share).ceil() as usize)
                .min(((len + 1).saturating_sub(qgram::MIN_THRESHOLD) / qgram::Q).saturating_sub(1));
            let filter = Filtered {
                quote: &quotes[i],
                max_errors,
            };
            let again = tried(i, max_errors)
                || entries
                    .iter()
                    .any(|(j, f)| *j == i && f.max_errors == max_errors);
            if filter.threshold().is_some() && !again {
                entries.push((i, filter));
            }
        }
    }
    entries
}

/// For each quote, its best candidates in `normalized` (best first),
/// mapped to `original`'s bytes, and how alike, at most, a passage left
/// out is. `prefiltered`: in a long text, the stretches of these quotes'
/// [`long_text_filters`], when another pass over the text found them.
///
/// Quotes long enough for the q-gram filter are first searched only where
/// they may be within [`FILTER_ERROR_SHARE`] of edits; when what that finds
/// is so good that nothing outside could compete (see [`decisive`]), that
/// is the answer. The others are searched along the whole text, together.
pub(crate) fn nearest_passages(
    original: &str,
    normalized: &NormalizedSource<'_>,
    wanted: &[Wanted<'_>],
    mut prefiltered: Option<Stretches>,
) -> Vec<(Vec<Candidate>, f64)> {
    let text = normalized;
    let quotes: Vec<Vec<char>> = wanted.iter().map(|w| squeezed_quote(w.quote)).collect();
    let patterns: Vec<Option<Pattern>> = quotes
        .iter()
        .map(|q| (!q.is_empty() && q.len() <= MAX_QUOTE_CHARS).then(|| Pattern::new(q)))
        .collect();
    let scored = |i: usize, ends: Ends| {
        candidates(original, normalized, &quotes[i], &wanted[i].context, ends)
    };
    let mut found: Vec<Option<(Vec<Candidate>, f64)>> = vec![None; wanted.len()];
    // What the loosest filter tried found for a quote it did not settle,
    // and with how many edits.
    let mut filtered_only: Vec<Option<(Vec<Candidate>, usize)>> = vec![None; wanted.len()];

    // In a long text every share of edits is filtered in one pass (a pass
    // costs more there than the extra stretches); in a short one, a looser
    // share is filtered only for the quotes a stricter one did not settle.
    let long = is_long(text.len());
    let rounds: Vec<&[f64]> = if long {
        vec![&FILTER_ERROR_SHARES[..]]
    } else {
        FILTER_ERROR_SHARES.chunks(1).collect()
    };
    for shares in rounds {
        let entries = round_filters(
            &quotes,
            shares,
            |i| patterns[i].is_some() && found[i].is_none(),
            |i, max_errors| {
                filtered_only[i]
                    .as_ref()
                    .is_some_and(|(_, k)| *k == max_errors)
            },
        );
        if entries.is_empty() {
            continue;
        }
        let (ids, filters): (Vec<usize>, Vec<Filtered<'_>>) = entries.into_iter().unzip();
        let all_stretches = match prefiltered.take().filter(|_| long) {
            Some(stretches) => stretches,
            None => qgram::stretches(text, &filters),
        };
        debug_assert_eq!(all_stretches.len(), filters.len());
        for ((i, filter), stretches) in ids.into_iter().zip(&filters).zip(all_stretches) {
            let (Some(pattern), Some(stretches), None) = (&patterns[i], stretches, &found[i])
            else {
                continue;
            };
            let window = pattern.len() + filter.max_errors;
            let mut ends = Ends::new(pattern.len());
            for stretch in stretches {
                let (start, position) = back_from(text, stretch.first_byte, stretch.first, window);
                let mut search = [(i, Search::new(pattern, filter.max_errors), ends)];
                let until = Some(stretch.last + window);
                scan(text, start, position, until, &quotes, &mut search);
                let [(_, _, kept)] = search;
                ends = kept;
            }
            let candidates = scored(i, ends);
            let unseen = unseen(pattern.len(), filter.max_errors);
            if settled(&candidates, unseen, wanted[i].hinted) {
                found[i] = Some((candidates, unseen));
            } else {
                filtered_only[i] = Some((candidates, filter.max_errors));
            }
        }
    }
    if long {
        for ((found, filtered), quote) in found.iter_mut().zip(&mut filtered_only).zip(&quotes) {
            if found.is_none() {
                *found = filtered
                    .take()
                    .map(|(candidates, max_errors)| (candidates, unseen(quote.len(), max_errors)));
            }
        }
    }

    search_whole_text(text, &quotes, &patterns, &mut found, scored);
    found
        .into_iter()
        .map(|f| f.unwrap_or((Vec::new(), 0.0)))
        .collect()
}

/// The quotes nothing has settled yet, searched for along the whole text
/// together, in one scan.
fn search_whole_text(
    text: &NormalizedSource<'_>,
    quotes: &[Vec<char>],
    patterns: &[Option<Pattern>],
    found: &mut [Option<(Vec<Candidate>, f64)>],
    scored: impl Fn(usize, Ends) -> Vec<Candidate>,
) {
    let mut searches: Vec<(usize, Search<'_>, Ends)> = (0..quotes.len())
        .filter(|&i| found[i].is_none())
        .filter_map(|i| {
            let pattern = patterns[i].as_ref()?;
            let max_errors = (pattern.len() as f64 * MAX_ERROR_SHARE) as usize;
            Some((
                i,
                Search::new(pattern, max_errors),
                Ends::new(pattern.len()),
            ))
        })
        .collect();
    if !searches.is_empty() {
        scan(text, 0, 0, None, quotes, &mut searches);
    }
    for (i, search, ends) in searches {
        let unseen = unseen(quotes[i].len(), search.max_errors());
        found[i] = Some((scored(i, ends), unseen));
    }
}

/// Whether what was left out cannot change the verdict on `candidates`:
/// the best is clearly better than anything left out could be, or the
/// next best found is already too close to it (unless a position `hinted`
/// may still pick one of the two).
fn settled(candidates: &[Candidate], unseen: f64, hinted: bool) -> bool {
    let Some(best) = candidates.first() else {
        return false;
    };
    best.beats_unseen(unseen)
        || (!hinted
            && candidates
                .get(1)
                .is_some_and(|second| !clearly_better(best, second)))
}

/// The most alike a passage more than `max_errors` edits from a quote of
/// `len` chars can be.
fn unseen(len: usize, max_errors: usize) -> f64 {
    (1.0 - (max_errors + 1) as f64 / len as f64).max(0.0)
}

/// Edits beyond which no passage can stop a repair to one `best` edits
/// away (see [`clearly_better`]: one that many edits away is always
/// clearly worse), with room for the words a passage grows by when its
/// ends are snapped to whole words.
fn runner_up_limit(best: usize, len: usize) -> usize {
    let needed = RUNNER_UP_FACTOR * best as f64 + RUNNER_UP_SLACK * len as f64;
    needed.ceil() as usize + (len / 20) + 2
}

/// Feeds the squeezed chars of `text` from byte `start` (squeezed position
/// `position`) to every search, up to squeezed position `until`.
fn scan(
    text: &NormalizedSource<'_>,
    start: usize,
    mut position: usize,
    until: Option<usize>,
    quotes: &[Vec<char>],
    searches: &mut [(usize, Search<'_>, Ends)],
) {
    let mut segment = text.segment_at(start);
    let mut from = start;
    while let Some(part) = segment {
        let local = from - part.base;
        for (end, ch) in squeezed_chars(&part.text[local..]) {
            if until.is_some_and(|until| position > until) {
                return;
            }
            for (i, search, ends) in searches.iter_mut() {
                if let Some(errors) = search.step(ch) {
                    let alike = quotes[*i].last().is_some_and(|&last| same_class(last, ch));
                    ends.push(position, from + end, errors, alike);
                    search.limit(runner_up_limit(ends.best_errors, ends.len));
                }
            }
            position += 1;
        }
        from = part.base + part.text.len();
        segment = text.segment_at(from);
    }
}

/// The byte offset and squeezed position `count` squeezed chars before
/// the char at squeezed position `position`, which ends at byte `end`.
fn back_from(
    text: &NormalizedSource<'_>,
    end: usize,
    position: usize,
    count: usize,
) -> (usize, usize) {
    let mut seen = 0;
    for (offset, ch) in text.chars_before(end) {
        if squeezed(ch).is_none() {
            continue;
        }
        if seen == count || seen == position {
            return (offset, position - seen);
        }
        seen += 1;
    }
    (0, 0)
}

/// The candidates the kept ends lead to, best first, none overlapping.
fn candidates(
    original: &str,
    normalized: &NormalizedSource<'_>,
    quote: &[char],
    context: &WantedContext,
    ends: Ends,
) -> Vec<Candidate> {
    let text = normalized;
    let mut candidates: Vec<Candidate> = ends
        .best()
        .into_iter()
        .filter_map(|end| {
            let start = match_start(text, quote, end.byte, end.errors)?;
            let range = snap_to_words(original, normalized.original_range(start..end.byte), quote);
            Some(candidate(original, normalized, range, quote, context))
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
    distinct
}

/// The scored candidate for the original bytes `range`.
pub(crate) fn candidate(
    original: &str,
    normalized: &NormalizedSource<'_>,
    range: Range<usize>,
    quote: &[char],
    context: &WantedContext,
) -> Candidate {
    let passage = approx::squeeze(&super::normalize(&original[range.clone()]));
    let inner = normalized.normalized_offset(range.start)..normalized.normalized_offset(range.end);
    Candidate {
        similarity: approx::quote_similarity(quote, &passage),
        context: context.similarity(normalized, inner),
        range,
        by_hint: false,
    }
}

/// Where the match of `quote` ending at normalized byte `end` with `errors`
/// edits starts: the reversed quote searched backwards from `end`, the
/// start with the fewest edits. Of two next to each other with as few, the
/// wider one when its extra char takes the place of the quote's first char
/// (`;` for `.`, a letter for a letter), not when it is a neighbour.
fn match_start(
    text: &NormalizedSource<'_>,
    quote: &[char],
    end: usize,
    errors: usize,
) -> Option<usize> {
    let reversed: Vec<char> = quote.iter().rev().copied().collect();
    let pattern = Pattern::new(&reversed);
    let mut search = Search::new(&pattern, errors);
    let mut best: Option<(usize, usize, usize)> = None;
    let mut seen = 0;
    for (offset, ch) in text.chars_before(end) {
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
