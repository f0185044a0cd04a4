//! A place a quote may belong, how well it fits, and whether that is sure
//! enough to rewrite the quote to it.

use std::ops::Range;

use super::approx::{self, squeezed};
use super::segments::NormalizedSource;

/// Weights of the quote's own likeness and of each side of its context in
/// the rank of a candidate; the context is a hint, the quote decides.
const QUOTE_WEIGHT: f64 = 50.0;
const CONTEXT_WEIGHT: f64 = 20.0;
/// Longest context, in squeezed chars, compared on each side.
pub(crate) const CONTEXT_CHARS: usize = 64;

/// A quote is repaired only to a passage at least this alike to it ...
pub const MIN_SCORE: f64 = 0.75;
/// ... and only when the next best place is clearly worse: it ranks at
/// least this much lower ...
pub const MARGIN: f64 = 0.1;
/// ... or it is at least this many times as far from a perfect rank ...
pub const RUNNER_UP_FACTOR: f64 = 2.0;
/// ... plus this much.
pub const RUNNER_UP_SLACK: f64 = 0.02;
/// Among several verbatim places whose context no longer fits exactly,
/// the best context picks one when it is at least this alike ...
pub const MIN_CONTEXT: f64 = 0.5;
/// ... and at least this much more alike than the next best.
pub const CONTEXT_MARGIN: f64 = 0.2;
/// What the position hint (`line`) is worth: it chooses only between places
/// that rank within this of the best (one char in 50), and only one
/// [`clearly_nearer`] the hinted line than every other such place.
pub const HINT_TIE: f64 = 0.02;

/// A place in the document for a quote, with how alike it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    /// Bytes of the original document.
    pub range: Range<usize>,
    /// 0..=1: how alike the passage is to the quote: one minus the share of
    /// the quote's chars that must change (edit distance over the quote's
    /// length), once normalized, ignoring case and whitespace; 1 for a
    /// verbatim match.
    pub similarity: f64,
    /// 0..=1: how alike the text around it is to the span's `prefix` and
    /// `suffix` (their mean); `None` when the span has neither.
    pub context: Option<f64>,
    /// Put first by the span's position hint: it ranks within [`HINT_TIE`]
    /// of the best, is clearly nearer the hinted line than every place that
    /// close, and clearly better than every other place.
    pub by_hint: bool,
}

impl Candidate {
    /// Whether this is clearly more like the quote than any passage at
    /// most `unseen` alike, on the quote alone: the search leaves out
    /// passages too unlike the quote to be it, whatever their context.
    pub(crate) fn beats_unseen(&self, unseen: f64) -> bool {
        let quote_only = |similarity| Candidate {
            similarity,
            ..Candidate::default()
        };
        clearly_better(&quote_only(self.similarity), &quote_only(unseen))
    }

    /// What candidates are ordered by: the quote's likeness, and the
    /// context's when the span has one.
    pub fn rank(&self) -> f64 {
        match self.context {
            None => self.similarity,
            Some(context) => {
                (QUOTE_WEIGHT * self.similarity + 2.0 * CONTEXT_WEIGHT * context)
                    / (QUOTE_WEIGHT + 2.0 * CONTEXT_WEIGHT)
            }
        }
    }
}

/// Whether a quote that was not found can be rewritten to a candidate.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict<'c> {
    /// One passage is alike enough and clearly the best.
    Repair(&'c Candidate),
    /// The best passage is less alike than the minimum score.
    TooFar(&'c Candidate),
    /// Two passages rank too close to each other.
    TooClose(&'c Candidate, &'c Candidate),
    /// A passage too different to be listed could still rank too close.
    Unsure(&'c Candidate),
    /// No passage is alike at all.
    Nothing,
}

/// The rule `crux fix` and the UI's repair follow for `candidates`, best
/// first, when no passage left out is more than `unseen` alike: the best
/// must score at least `min_score` and be [`clearly_better`] than the next,
/// and than any passage left out could be.
pub fn verdict(candidates: &[Candidate], unseen: f64, min_score: f64) -> Verdict<'_> {
    let Some(best) = candidates.first() else {
        return Verdict::Nothing;
    };
    if best.similarity < min_score {
        return Verdict::TooFar(best);
    }
    match candidates.get(1) {
        Some(second) if !best.by_hint && !clearly_better(best, second) => {
            Verdict::TooClose(best, second)
        }
        _ if !best.beats_unseen(unseen) => Verdict::Unsure(best),
        _ => Verdict::Repair(best),
    }
}

/// Whether `best` ranks clearly above `other`: at least [`MARGIN`] higher,
/// or `other` is at least [`RUNNER_UP_FACTOR`] times as far from a perfect
/// rank, plus [`RUNNER_UP_SLACK`]. Twins never are; a changed word against
/// a passage sharing one word is, and so is one typo against four edits.
pub fn clearly_better(best: &Candidate, other: &Candidate) -> bool {
    let (best, other) = (best.rank(), other.rank());
    best - other >= MARGIN || 1.0 - other >= RUNNER_UP_FACTOR * (1.0 - best) + RUNNER_UP_SLACK
}

/// Of `places`, the one the position hint picks: when several rank within
/// [`HINT_TIE`] of the best, the one of them [`clearly_nearer`] `hinted`
/// (the bytes of the line the quote was last placed on) than each of the
/// others, if every place ranked lower is `clearly_worse` than it.
pub(crate) fn picked_by_hint(
    places: &[Candidate],
    hinted: &Range<usize>,
    rank: impl Fn(&Candidate) -> f64,
    clearly_worse: impl Fn(&Candidate, &Candidate) -> bool,
) -> Option<usize> {
    let best = places.iter().map(&rank).max_by(f64::total_cmp)?;
    let (tied, lower): (Vec<usize>, Vec<usize>) =
        (0..places.len()).partition(|&i| rank(&places[i]) >= best - HINT_TIE);
    if tied.len() < 2 {
        return None;
    }
    let distance = |i: usize| distance_from_line(&places[i].range, hinted);
    let nearest = *tied.iter().min_by_key(|&&i| distance(i))?;
    let nearer = tied
        .iter()
        .all(|&i| i == nearest || clearly_nearer(distance(nearest), distance(i)));
    let better = lower
        .iter()
        .all(|&i| clearly_worse(&places[nearest], &places[i]));
    (nearer && better).then_some(nearest)
}

/// Whether a place `near` bytes from the hinted line is clearly nearer it
/// than one `far` bytes from it: on the line while the other is not, or
/// less than half as far.
pub(crate) fn clearly_nearer(near: usize, far: usize) -> bool {
    far > 2 * near
}

/// Bytes from the hinted line to where `range` starts: 0 on the line.
fn distance_from_line(range: &Range<usize>, line: &Range<usize>) -> usize {
    if range.start < line.start {
        line.start - range.start
    } else {
        range.start.saturating_sub(line.end)
    }
}

/// The context a span asks for, squeezed for comparison.
#[derive(Debug, Default)]
pub(crate) struct WantedContext {
    prefix: Option<Vec<char>>,
    suffix: Option<Vec<char>>,
}

impl WantedContext {
    pub fn new(prefix: Option<&str>, suffix: Option<&str>) -> Self {
        let squeeze = |s: &str| {
            let chars = approx::squeeze(&super::normalize(s));
            (!chars.is_empty()).then_some(chars)
        };
        let mut prefix = prefix.and_then(squeeze);
        if let Some(prefix) = &mut prefix {
            let extra = prefix.len().saturating_sub(CONTEXT_CHARS);
            prefix.drain(..extra);
        }
        let mut suffix = suffix.and_then(squeeze);
        if let Some(suffix) = &mut suffix {
            suffix.truncate(CONTEXT_CHARS);
        }
        WantedContext { prefix, suffix }
    }

    /// How alike the normalized text around `normalized[range]` is to the
    /// wanted context; `None` when the span has none.
    pub fn similarity(
        &self,
        normalized: &NormalizedSource<'_>,
        range: Range<usize>,
    ) -> Option<f64> {
        let mut sides = Vec::new();
        if let Some(prefix) = &self.prefix {
            let mut before: Vec<char> = normalized
                .chars_before(range.start)
                .filter_map(|(_, ch)| squeezed(ch))
                .take(prefix.len())
                .collect();
            before.reverse();
            sides.push(approx::similarity(prefix, &before));
        }
        if let Some(suffix) = &self.suffix {
            let after: Vec<char> = normalized
                .chars_from(range.end)
                .filter_map(|(_, ch)| squeezed(ch))
                .take(suffix.len())
                .collect();
            sides.push(approx::similarity(suffix, &after));
        }
        (!sides.is_empty()).then(|| sides.iter().sum::<f64>() / sides.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(similarity: f64, context: Option<f64>) -> Candidate {
        Candidate {
            range: 0..1,
            similarity,
            context,
            by_hint: false,
        }
    }

    #[test]
    fn a_clear_best_above_the_minimum_is_repaired() {
        let list = [candidate(0.95, None), candidate(0.80, None)];
        assert_eq!(verdict(&list, 0.0, MIN_SCORE), Verdict::Repair(&list[0]));
        assert_eq!(
            verdict(&list[..1], 0.0, MIN_SCORE),
            Verdict::Repair(&list[0])
        );
    }

    #[test]
    fn two_close_places_or_a_low_best_are_not_repaired() {
        let close = [candidate(0.95, None), candidate(0.90, None)];
        assert_eq!(
            verdict(&close, 0.0, MIN_SCORE),
            Verdict::TooClose(&close[0], &close[1])
        );
        let low = [candidate(0.70, None)];
        assert_eq!(verdict(&low, 0.0, MIN_SCORE), Verdict::TooFar(&low[0]));
        assert_eq!(verdict(&low, 0.0, 0.6), Verdict::Repair(&low[0]));
        let strict = [candidate(0.9, None)];
        assert_eq!(verdict(&strict, 0.0, 0.95), Verdict::TooFar(&strict[0]));
        assert_eq!(verdict(&[], 0.0, MIN_SCORE), Verdict::Nothing);
    }

    #[test]
    fn a_passage_left_out_that_could_be_as_alike_leaves_it_unsure() {
        let list = [candidate(0.9, None)];
        assert_eq!(verdict(&list, 0.85, MIN_SCORE), Verdict::Unsure(&list[0]));
        assert_eq!(verdict(&list, 0.78, MIN_SCORE), Verdict::Repair(&list[0]));
    }

    #[test]
    fn a_stale_context_does_not_make_a_left_out_passage_a_rival() {
        let list = [candidate(0.96, Some(0.2))];
        assert_eq!(verdict(&list, 0.72, MIN_SCORE), Verdict::Repair(&list[0]));
    }

    #[test]
    fn one_typo_is_clearly_better_than_four_edits() {
        let list = [candidate(0.987, None), candidate(0.95, None)];
        assert_eq!(verdict(&list, 0.0, MIN_SCORE), Verdict::Repair(&list[0]));
    }

    #[test]
    fn context_separates_two_equally_alike_passages() {
        let list = [candidate(0.9, Some(1.0)), candidate(0.9, Some(0.2))];
        assert_eq!(verdict(&list, 0.0, MIN_SCORE), Verdict::Repair(&list[0]));
    }

    #[test]
    fn context_similarity_compares_the_text_right_around_the_place() {
        let text = "Baku said drones struck. Tehran said drones struck.";
        let normalized = NormalizedSource::new(text.into());
        let second = text.rfind("drones").unwrap();
        let range = second..second + "drones struck".len();
        let exact = WantedContext::new(Some("Tehran said"), Some("."));
        assert_eq!(exact.similarity(&normalized, range.clone()), Some(1.0));
        let stale = WantedContext::new(Some("Tehran  SAID"), None);
        assert_eq!(stale.similarity(&normalized, range.clone()), Some(1.0));
        let other = WantedContext::new(Some("Baku said"), None);
        let alike = other.similarity(&normalized, range.clone()).unwrap();
        assert!(alike < 0.6, "{alike}");
        assert_eq!(
            WantedContext::new(None, None).similarity(&normalized, range),
            None
        );
    }
}
