//! A q-gram filter in front of the approximate search: the stretches of a
//! text where a quote may occur with at most `k` edits, found in one pass
//! for all quotes, so that the edit-distance search runs there only.
//!
//! A passage within `k` edits of a quote of `m` squeezed chars keeps at
//! least `m + 1 - Q·(k + 1)` of the quote's `Q`-grams (the q-gram lemma),
//! and is at most `m + k` chars long: wherever fewer of the quote's
//! `Q`-grams end within `m + k` chars, no such passage ends. Hash
//! collisions only count more, never fewer, so nothing is missed.
//!
//! When `k` is small, only every `h`-th text position is looked at
//! (q-samples): the passage, at least `m - k` chars long, holds at least
//! `⌊(m - k - Q + 1) / h⌋` of those positions, and an edit spoils the
//! q-grams ending at no more than `Q` positions in a row, so at most
//! `⌈Q / h⌉` of those looked at: at least `⌊(m - k - Q + 1) / h⌋ -
//! k·⌈Q / h⌉` of them hold one of the quote's q-grams.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub(crate) use super::grams::Q;
use super::grams::{Bitmap, Flagged, Scanner, hash_of};
use super::segments::NormalizedSource;

/// Below this many shared q-grams the filter lets too much through to pay.
pub(crate) const MIN_THRESHOLD: usize = 8;
/// A quote flagged in more stretches than this is searched everywhere.
const MAX_STRETCHES: usize = 4096;

/// Where a quote may end: squeezed-char positions `first..=last` of
/// q-grams that met the threshold, with the byte offset in the text just
/// past the char at `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub first: usize,
    pub first_byte: usize,
    pub last: usize,
}

/// For each quote filtered, the stretches where it may end, or `None`
/// when it is flagged so often that searching everywhere is as cheap.
pub(crate) type Stretches = Vec<Option<Vec<Stretch>>>;

/// One quote for the filter.
pub(crate) struct Filtered<'a> {
    pub quote: &'a [char],
    pub max_errors: usize,
}

impl Filtered<'_> {
    /// The q-grams that must survive, or `None` when too few do for the
    /// filter to be worth it.
    pub fn threshold(&self) -> Option<usize> {
        self.threshold_every(1)
    }

    /// The same when only every `step`-th position is looked at (see the
    /// module's documentation).
    fn threshold_every(&self, step: usize) -> Option<usize> {
        let (m, k) = (self.quote.len(), self.max_errors);
        let kept = if step == 1 {
            (m + 1).checked_sub(Q * (k + 1))
        } else {
            (m.saturating_sub(k + Q - 1) / step).checked_sub(k * Q.div_ceil(step))
        };
        kept.filter(|&t| t >= MIN_THRESHOLD)
    }

    fn window(&self) -> usize {
        self.quote.len() + self.max_errors
    }
}

/// The positions of a quote's q-grams flagged lately, in text order.
#[derive(Default)]
struct Recent {
    positions: Vec<usize>,
    /// Those before it are out of every window still to come.
    start: usize,
}

impl Recent {
    /// Adds position `at`; how many flagged positions are within the
    /// `window` chars ending at it.
    fn count_after(&mut self, at: usize, window: usize) -> usize {
        self.positions.push(at);
        while self.positions[self.start] + window <= at {
            self.start += 1;
        }
        if self.start > 1024 && self.start * 2 > self.positions.len() {
            self.positions.drain(..self.start);
            self.start = 0;
        }
        self.positions.len() - self.start
    }
}

/// Keys that are hashes already: used as they are.
#[derive(Default)]
struct Hashed(u64);

impl Hasher for Hashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// For each quote (all with a threshold), the stretches where it may end
/// within its `max_errors`, or `None` when it is flagged so often that
/// searching everywhere is as cheap.
pub(crate) fn stretches(text: &NormalizedSource<'_>, quotes: &[Filtered<'_>]) -> Stretches {
    let mut finder = StretchFinder::new(quotes);
    for part in text.parts(0) {
        finder.feed(&part.text[..part.own], part.base);
    }
    finder.finish()
}

/// The pass of [`stretches`], fed the text a part at a time (by another
/// pass over the text, too).
pub(crate) struct StretchFinder<'q> {
    quotes: &'q [Filtered<'q>],
    owners: HashMap<u32, Vec<usize>, BuildHasherDefault<Hashed>>,
    bitmap: Box<Bitmap>,
    thresholds: Vec<usize>,
    hits: Vec<Recent>,
    found: Stretches,
    scanner: Scanner,
    flagged: Vec<Flagged>,
}

impl<'q> StretchFinder<'q> {
    pub fn new(quotes: &'q [Filtered<'q>]) -> Self {
        let mut owners: HashMap<u32, Vec<usize>, BuildHasherDefault<Hashed>> = HashMap::default();
        let mut bitmap = Box::new(Bitmap::new());
        for (i, quote) in quotes.iter().enumerate() {
            for chars in quote.quote.windows(Q) {
                let h = hash_of(chars);
                let list = owners.entry(h).or_default();
                if list.last() != Some(&i) && !list.contains(&i) {
                    list.push(i);
                }
                bitmap.set(h);
            }
        }
        // The widest step every quote keeps a threshold with (1 always does).
        let step = (1..=Q)
            .rev()
            .find(|&step| quotes.iter().all(|q| q.threshold_every(step).is_some()))
            .unwrap_or(1);
        let thresholds: Vec<usize> = quotes
            .iter()
            .map(|q| {
                q.threshold_every(step)
                    .expect("only quotes with a threshold are filtered")
            })
            .collect();
        StretchFinder {
            quotes,
            owners,
            bitmap,
            thresholds,
            hits: (0..quotes.len()).map(|_| Recent::default()).collect(),
            found: vec![Some(Vec::new()); quotes.len()],
            scanner: Scanner::new(step),
            flagged: Vec::new(),
        }
    }

    /// Goes on with `part`, the text from normalized byte `base` on, which
    /// comes right after the parts fed before.
    pub fn feed(&mut self, part: &str, base: usize) {
        if self.quotes.is_empty() {
            return;
        }
        loop {
            self.flagged.clear();
            if !self
                .scanner
                .flag(part, base, &self.bitmap, &mut self.flagged)
            {
                return;
            }
            self.note_flagged();
        }
    }

    fn note_flagged(&mut self) {
        let quotes = self.quotes;
        for &Flagged { at, hash: h } in &self.flagged {
            let owned = match quotes.len() {
                // One quote owns every q-gram the bitmap flags.
                1 => &[0][..],
                _ => match self.owners.get(&h) {
                    Some(list) => list.as_slice(),
                    None => continue,
                },
            };
            for &i in owned {
                let window = quotes[i].window();
                if self.hits[i].count_after(at, window) < self.thresholds[i] {
                    continue;
                }
                let Some(list) = &mut self.found[i] else {
                    continue;
                };
                if let Some(last) = list.last_mut().filter(|last| last.last + window >= at) {
                    last.last = at;
                } else if list.len() >= MAX_STRETCHES {
                    self.found[i] = None;
                } else {
                    list.push(Stretch {
                        first: at,
                        first_byte: self.scanner.byte_after(at),
                        last: at,
                    });
                }
            }
        }
    }

    pub fn finish(self) -> Stretches {
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::approx::{Pattern, Search, squeeze};
    use crate::document::Quotable;
    use proptest::prelude::*;

    /// The text without markup, normalized in segments of a few bytes.
    fn plain(text: &str) -> NormalizedSource<'_> {
        NormalizedSource::with_segment_bytes(
            Quotable {
                text,
                markup: false,
            },
            16,
        )
    }

    proptest! {
        /// Every end the full search finds within the limit lies in a
        /// stretch (or within a window after its last flagged q-gram).
        #[test]
        fn no_end_within_the_limit_is_outside_the_stretches(
            quote in prop_oneof!["[abcd ]{20,60}", "[a-h ]{60,160}"],
            text in "[abcde ]{0,400}",
            share in prop_oneof![0.0f64..0.2, 0.0f64..0.05],
        ) {
            let chars = squeeze(&quote);
            let max_errors = (chars.len() as f64 * share) as usize;
            let filtered = || Filtered { quote: &chars, max_errors };
            prop_assume!(filtered().threshold().is_some());
            // Alone, and with another quote (which takes another way through).
            let other = squeeze("zzzz yyyy xxxx wwww");
            let with_other = Filtered { quote: &other, max_errors: 0 };
            let source = plain(&text);
            let alone = stretches(&source, &[filtered()]).remove(0);
            let together = stretches(&source, &[filtered(), with_other]).remove(0);
            let pattern = Pattern::new(&chars);
            for found in [alone, together].into_iter().flatten() {
                let mut search = Search::new(&pattern, max_errors);
                for (position, ch) in squeeze(&text).into_iter().enumerate() {
                    if search.step(ch).is_some() {
                        let window = chars.len() + max_errors;
                        prop_assert!(
                            found.iter().any(|s| s.first <= position && position < s.last + window),
                            "end {} outside {:?}", position, found
                        );
                    }
                }
            }
        }

        /// The same with the quote in the text, edited: the passages the
        /// filter must let through are there.
        #[test]
        fn an_edited_copy_of_the_quote_is_in_a_stretch(
            quote in "[a-h ]{40,160}",
            before in "[a-h ]{0,200}",
            after in "[a-h ]{0,200}",
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, "[a-i]"), 0..8),
            share in prop_oneof![0.0f64..0.2, 0.0f64..0.06],
        ) {
            let mut edited: Vec<char> = quote.chars().collect();
            for (at, op, ch) in &edits {
                let ch = ch.chars().next().unwrap();
                let at = at.index(edited.len() + 1);
                match op {
                    0 => edited.insert(at, ch),
                    1 if at < edited.len() => { edited.remove(at); }
                    _ if at < edited.len() => edited[at] = ch,
                    _ => {}
                }
            }
            let text = format!("{before}{}{after}", edited.iter().collect::<String>());
            let chars = squeeze(&quote);
            let max_errors = (chars.len() as f64 * share) as usize;
            let filtered = Filtered { quote: &chars, max_errors };
            prop_assume!(filtered.threshold().is_some());
            let Some(found) = stretches(&plain(&text), &[filtered]).remove(0) else { return Ok(()) };
            let pattern = Pattern::new(&chars);
            let mut search = Search::new(&pattern, max_errors);
            let window = chars.len() + max_errors;
            for (position, ch) in squeeze(&text).into_iter().enumerate() {
                if search.step(ch).is_some() {
                    prop_assert!(
                        found.iter().any(|s| s.first <= position && position < s.last + window),
                        "end {} outside {:?}", position, found
                    );
                }
            }
        }
    }
}
