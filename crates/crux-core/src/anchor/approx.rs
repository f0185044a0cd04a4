//! Character-level approximate matching: Myers' bit-parallel edit-distance
//! algorithm in Hyyrö's block form, with Ukkonen's cut-off so that only the
//! blocks that can still stay under the error limit are computed (the same
//! approach as the `approx-string-match` package web annotators use).
//!
//! Texts are compared as "squeezed" chars: lowercased, whitespace left out,
//! accents taken off (the base letter of a char's canonical decomposition,
//! combining marks left out), so glued (`NetherfieldParkis`) and split
//! words, case, and composed against decomposed accents (NFC and NFD) cost
//! nothing.

use std::collections::HashMap;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

const W: usize = 64;

/// A char as it takes part in approximate matching; `None` for whitespace.
pub(crate) fn squeezed(ch: char) -> Option<char> {
    if ch.is_ascii() {
        return (!ch.is_ascii_whitespace()).then(|| ch.to_ascii_lowercase());
    }
    if ch.is_whitespace() || is_combining_mark(ch) {
        return None;
    }
    let mut base = None;
    decompose_canonical(ch, |part| {
        base.get_or_insert(part);
    });
    let base = base.unwrap_or(ch);
    Some(base.to_lowercase().next().unwrap_or(base))
}

/// The squeezed chars of `text`, each with the byte offset just past it;
/// ASCII, most of any text, is taken a byte at a time.
pub(crate) fn squeezed_chars(text: &str) -> SqueezedChars<'_> {
    SqueezedChars { text, at: 0 }
}

pub(crate) struct SqueezedChars<'t> {
    text: &'t str,
    at: usize,
}

impl Iterator for SqueezedChars<'_> {
    type Item = (usize, char);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            if byte.is_ascii() {
                self.at += 1;
                if !byte.is_ascii_whitespace() {
                    return Some((self.at, char::from(byte.to_ascii_lowercase())));
                }
            } else {
                let ch = self.text[self.at..]
                    .chars()
                    .next()
                    .expect("a char boundary");
                self.at += ch.len_utf8();
                if let Some(ch) = squeezed(ch) {
                    return Some((self.at, ch));
                }
            }
        }
        None
    }
}

/// The squeezed chars of `s`.
pub(crate) fn squeeze(s: &str) -> Vec<char> {
    s.chars().filter_map(squeezed).collect()
}

/// A pattern prepared for the bit-parallel search: for each char, the
/// positions where it occurs, one bit per pattern position, in blocks of 64.
pub(crate) struct Pattern {
    len: usize,
    blocks: usize,
    /// `ascii[c * blocks + b]`: block `b` of the mask of ASCII char `c`.
    ascii: Vec<u64>,
    /// The same for other chars; chars absent from the pattern are not here.
    other: HashMap<char, Vec<u64>>,
    absent: Vec<u64>,
    /// The bit of the last row in the last block.
    last_bit: u64,
}

impl Pattern {
    pub fn new(chars: &[char]) -> Self {
        let blocks = chars.len().div_ceil(W).max(1);
        let mut pattern = Pattern {
            len: chars.len(),
            blocks,
            ascii: vec![0; 128 * blocks],
            other: HashMap::new(),
            absent: vec![0; blocks],
            last_bit: 1 << ((chars.len().max(1) - 1) % W),
        };
        for (i, &ch) in chars.iter().enumerate() {
            let bit = 1 << (i % W);
            if ch.is_ascii() {
                pattern.ascii[ch as usize * blocks + i / W] |= bit;
            } else {
                pattern.other.entry(ch).or_insert_with(|| vec![0; blocks])[i / W] |= bit;
            }
        }
        pattern
    }

    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    fn masks(&self, ch: char) -> &[u64] {
        if ch.is_ascii() {
            let at = ch as usize * self.blocks;
            &self.ascii[at..at + self.blocks]
        } else {
            self.other.get(&ch).unwrap_or(&self.absent)
        }
    }

    /// The bit of the pattern's last row within block `b`.
    #[inline]
    fn last_row_bit(&self, b: usize) -> u64 {
        if b + 1 == self.blocks {
            self.last_bit
        } else {
            1 << (W - 1)
        }
    }
}

/// The state of one search of a pattern along a text, fed one char at a time.
pub(crate) struct Search<'p> {
    pattern: &'p Pattern,
    pv: Vec<u64>,
    mv: Vec<u64>,
    /// The edit distance at the last row of each computed block.
    score: Vec<usize>,
    /// The last block computed (Ukkonen's cut-off).
    y: usize,
    max_errors: usize,
}

impl<'p> Search<'p> {
    pub fn new(pattern: &'p Pattern, max_errors: usize) -> Self {
        let blocks = pattern.blocks;
        let y = max_errors.div_ceil(W).saturating_sub(1).min(blocks - 1);
        let mut score = vec![0; blocks];
        for (b, s) in score.iter_mut().enumerate().take(y + 1) {
            *s = ((b + 1) * W).min(pattern.len);
        }
        Search {
            pattern,
            pv: vec![!0; blocks],
            mv: vec![0; blocks],
            score,
            y,
            max_errors,
        }
    }

    pub fn max_errors(&self) -> usize {
        self.max_errors
    }

    /// Lowers (never raises) the error limit for the rest of the text.
    pub fn limit(&mut self, max_errors: usize) {
        self.max_errors = self.max_errors.min(max_errors);
    }

    /// Advances over `ch`; the edit distance of the best match of the whole
    /// pattern ending here, when it is within the error limit.
    #[inline]
    pub fn step(&mut self, ch: char) -> Option<usize> {
        let masks = self.pattern.masks(ch);
        let last = self.pattern.blocks - 1;
        if last == 0 {
            // One block: no cut-off to keep.
            let out = self.advance(masks[0], 0, 0);
            self.score[0] = add(self.score[0], out);
            return (self.score[0] <= self.max_errors).then_some(self.score[0]);
        }
        let mut carry = 0i8;
        for (b, &eq) in masks.iter().enumerate().take(self.y + 1) {
            carry = self.advance(eq, b, carry);
            self.score[b] = add(self.score[b], carry);
        }
        let y = self.y;
        if y < last
            && self.score[y] - usize::from(carry == 1) + usize::from(carry == -1) <= self.max_errors
            && (masks[y + 1] & 1 != 0 || carry < 0)
        {
            self.y += 1;
            let y = self.y;
            self.pv[y] = !0;
            self.mv[y] = 0;
            let block_rows = if y == last {
                self.pattern.len - y * W
            } else {
                W
            };
            let out = self.advance(masks[y], y, carry);
            self.score[y] = add(add(self.score[y - 1] + block_rows, -carry), out);
        } else {
            while self.y > 0 && self.score[self.y] >= self.max_errors + W {
                self.y -= 1;
            }
        }
        (self.y == last && self.score[last] <= self.max_errors).then_some(self.score[last])
    }

    #[inline(always)]
    fn advance(&mut self, eq: u64, b: usize, carry_in: i8) -> i8 {
        let (pv, mv) = (self.pv[b], self.mv[b]);
        let negative = u64::from(carry_in < 0);
        let eq = eq | negative;
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        let last_row = self.pattern.last_row_bit(b);
        let out = i8::from(ph & last_row != 0) - i8::from(mh & last_row != 0);
        ph = (ph << 1) | u64::from(carry_in > 0);
        mh = (mh << 1) | negative;
        self.pv[b] = mh | !(xv | ph);
        self.mv[b] = ph & xv;
        out
    }
}

fn add(value: usize, delta: i8) -> usize {
    value.wrapping_add_signed(isize::from(delta))
}

/// The edit distance between two char sequences, bit-parallel (Myers'
/// global variant): the first row costs one edit per text char.
pub(crate) fn distance(pattern: &[char], text: &[char]) -> usize {
    if pattern.is_empty() {
        return text.len();
    }
    let prepared = Pattern::new(pattern);
    let mut pv = vec![!0u64; prepared.blocks];
    let mut mv = vec![0u64; prepared.blocks];
    let mut score = pattern.len();
    for &ch in text {
        let masks = prepared.masks(ch);
        let mut carry = 1i8;
        for b in 0..prepared.blocks {
            let negative = u64::from(carry < 0);
            let eq = masks[b] | negative;
            let xv = eq | mv[b];
            let xh = ((eq & pv[b]).wrapping_add(pv[b]) ^ pv[b]) | eq;
            let ph = mv[b] | !(xh | pv[b]);
            let mh = pv[b] & xh;
            let last_row = prepared.last_row_bit(b);
            let out = i8::from(ph & last_row != 0) - i8::from(mh & last_row != 0);
            let ph = (ph << 1) | u64::from(carry > 0);
            let mh = (mh << 1) | negative;
            pv[b] = mh | !(xv | ph);
            mv[b] = ph & xv;
            carry = out;
        }
        score = add(score, carry);
    }
    score
}

/// 0..=1: one minus the share of `quote`'s chars that must change to give `passage`.
pub(crate) fn quote_similarity(quote: &[char], passage: &[char]) -> f64 {
    if quote.is_empty() {
        return 0.0;
    }
    (1.0 - distance(quote, passage) as f64 / quote.len() as f64).max(0.0)
}

/// 0..=1: one minus the edit distance over the longer length.
pub(crate) fn similarity(a: &[char], b: &[char]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - distance(a, b) as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The textbook dynamic programme, one cell at a time.
    fn reference_distance(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = if ca == cb {
                    diagonal
                } else {
                    1 + diagonal.min(above).min(row[j])
                };
                diagonal = above;
            }
        }
        row[b.len()]
    }

    /// For each end position of the text, the least edit distance of the
    /// pattern to any substring ending there: the reference for `Search`.
    fn reference_ends(pattern: &[char], text: &[char]) -> Vec<usize> {
        let mut column: Vec<usize> = (0..=pattern.len()).collect();
        let mut ends = Vec::new();
        for &t in text {
            let mut diagonal = column[0];
            column[0] = 0;
            for (i, &p) in pattern.iter().enumerate() {
                let left = column[i + 1];
                column[i + 1] = if p == t {
                    diagonal
                } else {
                    1 + diagonal.min(left).min(column[i])
                };
                diagonal = left;
            }
            ends.push(column[pattern.len()]);
        }
        ends
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(distance(&chars(""), &chars("abc")), 3);
        assert_eq!(distance(&chars("abc"), &chars("")), 3);
        assert_eq!(distance(&chars("Azərbaycan"), &chars("Azerbaycan")), 1);
    }

    #[test]
    fn squeezing_drops_whitespace_and_case() {
        assert_eq!(squeeze("Netherfield Park is"), squeeze("NetherfieldParkis"));
        assert_eq!(squeeze("ƏLİ\u{a0}X y"), chars("əlixy"));
        // Composed (NFC) and decomposed (NFD) accents, and none at all.
        assert_eq!(squeeze("Détente"), chars("detente"));
        assert_eq!(squeeze("De\u{301}tente"), chars("detente"));
    }

    proptest! {
        #[test]
        fn search_reports_every_end_within_the_limit_with_its_distance(
            pattern in "[abc]{1,150}",
            text in "[abcd]{0,300}",
            max_errors in 0usize..80,
        ) {
            let (pattern, text) = (chars(&pattern), chars(&text));
            let prepared = Pattern::new(&pattern);
            let mut search = Search::new(&prepared, max_errors);
            let found: Vec<Option<usize>> = text.iter().map(|&c| search.step(c)).collect();
            let expected: Vec<Option<usize>> = reference_ends(&pattern, &text)
                .into_iter()
                .map(|d| (d <= max_errors).then_some(d))
                .collect();
            prop_assert_eq!(found, expected);
        }

        #[test]
        fn distance_is_the_textbook_edit_distance(
            a in "[abc]{0,150}",
            b in "[abcé]{0,150}",
        ) {
            let (a, b) = (chars(&a), chars(&b));
            prop_assert_eq!(distance(&a, &b), reference_distance(&a, &b));
        }
    }
}
