//! A q-gram filter in front of the approximate search: the stretches of a
//! text where a quote may occur with at most `k` edits, found in one pass
//! for all quotes, so that the edit-distance search runs there only.
//!
//! A passage within `k` edits of a quote of `m` squeezed chars keeps at
//! least `m + 1 - Q·(k + 1)` of the quote's `Q`-grams (the q-gram lemma),
//! and is at most `m + k` chars long: wherever fewer of the quote's
//! `Q`-grams end within `m + k` chars, no such passage ends. Hash
//! collisions only count more, never fewer, so nothing is missed.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use super::approx::squeezed;

pub(crate) const Q: usize = 4;
/// Below this many shared q-grams the filter lets too much through to pay.
pub(crate) const MIN_THRESHOLD: usize = 8;
/// Bits of the table that says which q-gram hashes any quote has: small
/// enough to stay in the fastest cache, as every char of the text tests it.
const BITMAP_BITS: u32 = 16;
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

/// One quote for the filter.
pub(crate) struct Filtered<'a> {
    pub quote: &'a [char],
    pub max_errors: usize,
}

impl Filtered<'_> {
    /// The q-grams that must survive, or `None` when too few do for the
    /// filter to be worth it.
    pub fn threshold(&self) -> Option<usize> {
        let lost = Q * (self.max_errors + 1);
        (self.quote.len() + 1)
            .checked_sub(lost)
            .filter(|&t| t >= MIN_THRESHOLD)
    }

    fn window(&self) -> usize {
        self.quote.len() + self.max_errors
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

/// The last [`Q`] chars, the low 16 bits of each, newest lowest. Chars
/// that share their low bits make the same q-gram: that only counts more
/// q-grams as shared, never fewer.
type Gram = u64;

fn push(gram: Gram, ch: char) -> Gram {
    (gram << 16) | Gram::from(low_bits(ch))
}

fn low_bits(ch: char) -> u16 {
    (u32::from(ch) & 0xFFFF) as u16
}

const WORDS: usize = (1 << BITMAP_BITS) / 64;

/// Which q-gram hashes any quote has, by their top [`BITMAP_BITS`] bits.
struct Bitmap([u64; WORDS]);

impl Bitmap {
    fn set(&mut self, h: u32) {
        let bit = h >> (32 - BITMAP_BITS);
        self.0[bit as usize / 64] |= 1 << (bit % 64);
    }

    #[inline(always)]
    fn has(&self, h: u32) -> bool {
        let bit = h >> (32 - BITMAP_BITS);
        self.0[bit as usize / 64] & (1 << (bit % 64)) != 0
    }
}

fn hash(gram: Gram) -> u32 {
    (gram.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

/// For each quote (all with a threshold), the stretches where it may end
/// within its `max_errors`, or `None` when it is flagged so often that
/// searching everywhere is as cheap.
pub(crate) fn stretches(text: &str, quotes: &[Filtered<'_>]) -> Vec<Option<Vec<Stretch>>> {
    let mut owners: HashMap<u32, Vec<usize>, BuildHasherDefault<Hashed>> = HashMap::default();
    let mut bitmap = Bitmap([0; WORDS]);
    for (i, quote) in quotes.iter().enumerate() {
        for chars in quote.quote.windows(Q) {
            let h = hash(chars.iter().fold(0, |gram, &ch| push(gram, ch)));
            let list = owners.entry(h).or_default();
            if list.last() != Some(&i) && !list.contains(&i) {
                list.push(i);
            }
            bitmap.set(h);
        }
    }
    let thresholds: Vec<usize> = quotes
        .iter()
        .map(|q| {
            q.threshold()
                .expect("only quotes with a threshold are filtered")
        })
        .collect();
    let mut hits: Vec<VecDeque<usize>> = vec![VecDeque::new(); quotes.len()];
    let mut found: Vec<Option<Vec<Stretch>>> = vec![Some(Vec::new()); quotes.len()];
    let mut gram: Gram = 0;
    // Squeezed chars seen; the first Q - 1 make no q-gram.
    let mut position = 0usize;
    let bytes = text.as_bytes();
    let mut end = 0;
    // Every char of the text passes here: ASCII, most of any text, is
    // squeezed a byte at a time, and the bitmap is a fixed-size array.
    while end < bytes.len() {
        let byte = bytes[end];
        let ch = if byte.is_ascii() {
            end += 1;
            if byte.is_ascii_whitespace() {
                continue;
            }
            u16::from(byte.to_ascii_lowercase())
        } else {
            let ch = text[end..].chars().next().expect("a char boundary");
            end += ch.len_utf8();
            match squeezed(ch) {
                Some(ch) => low_bits(ch),
                None => continue,
            }
        };
        gram = (gram << 16) | Gram::from(ch);
        position += 1;
        if position < Q {
            continue;
        }
        let at = position - 1;
        let h = hash(gram);
        if !bitmap.has(h) {
            continue;
        }
        let Some(list) = owners.get(&h) else { continue };
        for &i in list {
            let window = quotes[i].window();
            let recent = &mut hits[i];
            recent.push_back(at);
            while recent.front().is_some_and(|&front| front + window <= at) {
                recent.pop_front();
            }
            if recent.len() < thresholds[i] {
                continue;
            }
            let Some(list) = &mut found[i] else { continue };
            if let Some(last) = list.last_mut().filter(|last| last.last + window >= at) {
                last.last = at;
            } else if list.len() >= MAX_STRETCHES {
                found[i] = None;
            } else {
                list.push(Stretch {
                    first: at,
                    first_byte: end,
                    last: at,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::approx::{Pattern, Search, squeeze};
    use proptest::prelude::*;

    proptest! {
        /// Every end the full search finds within the limit lies in a
        /// stretch (or within a window after its last flagged q-gram).
        #[test]
        fn no_end_within_the_limit_is_outside_the_stretches(
            quote in "[abcd ]{20,60}",
            text in "[abcde ]{0,400}",
            share in 0.0f64..0.2,
        ) {
            let chars = squeeze(&quote);
            let max_errors = (chars.len() as f64 * share) as usize;
            let filtered = Filtered { quote: &chars, max_errors };
            prop_assume!(filtered.threshold().is_some());
            let found = stretches(&text, &[filtered]).remove(0);
            let Some(found) = found else { return Ok(()) };
            let pattern = Pattern::new(&chars);
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
}
