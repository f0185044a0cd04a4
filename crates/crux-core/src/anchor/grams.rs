//! The q-grams of a text's squeezed chars, and which of them a set of
//! quotes holds, at the speed of a pass over the text.
//!
//! Every char of a text goes through here once per filter pass, so the work
//! is split in two tight loops per block of the text: one squeezes the
//! bytes into a buffer of one byte per char (the char's low 8 bits), the
//! other reads each q-gram from that buffer as one 8-byte load and tests
//! its hash against a bitmap. Chars that share their low 8 bits make the
//! same q-gram, and hashes share bitmap bits: both only flag more q-grams,
//! never fewer.

use super::approx::squeezed;

/// Chars per q-gram.
pub(crate) const Q: usize = 5;
/// Bits of the table that says which q-gram hashes any quote has: small
/// enough to stay in the fastest cache, as every q-gram of the text tests it.
const BITMAP_BITS: u32 = 16;
const WORDS: usize = (1 << BITMAP_BITS) / 64;
/// Text bytes squeezed at a time (at most: a block ends on a char boundary).
const BLOCK: usize = 16 * 1024;
/// Room for the chars of a block, those kept from the block before and an
/// 8-byte load past the last: a power of two, so that a masked index
/// needs no bounds check.
const ROOM: usize = 2 * BLOCK;

/// The low 8 bits of [`Q`] chars, the oldest lowest.
type Gram = u64;
const GRAM_BITS: Gram = (1 << (8 * Q)) - 1;

/// How each byte takes part: an ASCII char squeezed (lowercased),
/// [`WHITESPACE`] (left out), or [`NOT_ASCII`] (part of a char squeezed
/// whole).
static SQUEEZED_BYTE: [u8; 256] = squeezed_bytes();
const NOT_ASCII: u8 = 0x80;
const WHITESPACE: u8 = 0xFF;

const fn squeezed_bytes() -> [u8; 256] {
    let mut table = [NOT_ASCII; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_whitespace() {
            WHITESPACE
        } else {
            b.to_ascii_lowercase()
        };
        byte += 1;
    }
    table
}

fn low_byte(ch: char) -> u8 {
    (u32::from(ch) & 0xFF) as u8
}

/// The hash of the q-gram of `chars` (exactly [`Q`] of them).
pub(crate) fn hash_of(chars: &[char]) -> u32 {
    let gram = chars
        .iter()
        .rev()
        .fold(0, |gram: Gram, &ch| (gram << 8) | Gram::from(low_byte(ch)));
    hash(gram)
}

fn hash(gram: Gram) -> u32 {
    (gram.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

/// Which q-gram hashes any quote has, by their top [`BITMAP_BITS`] bits.
pub(crate) struct Bitmap([u64; WORDS]);

impl Bitmap {
    pub fn new() -> Self {
        Bitmap([0; WORDS])
    }

    pub fn set(&mut self, h: u32) {
        let bit = h >> (32 - BITMAP_BITS);
        self.0[bit as usize / 64] |= 1 << (bit % 64);
    }

    #[inline(always)]
    fn has(&self, h: u32) -> bool {
        let bit = h >> (32 - BITMAP_BITS);
        self.0[bit as usize / 64] & (1 << (bit % 64)) != 0
    }
}

/// A q-gram of the text whose hash the bitmap has.
pub(crate) struct Flagged {
    /// Its last char's squeezed position.
    pub at: usize,
    pub hash: u32,
}

/// Walks a text's squeezed chars and the q-grams ending at every
/// `step`-th position (from position `step - 1` on), a block at a time.
/// The text is handed over in consecutive parts, each as many times as it
/// has blocks left.
pub(crate) struct Scanner {
    step: usize,
    /// The bytes of the block last squeezed, in the whole text.
    block: std::ops::Range<usize>,
    /// Squeezed chars before that block, and in it.
    first: usize,
    count: usize,
    /// The last `Q - 1` chars before the block, then the block's chars.
    chars: Box<[u8; ROOM]>,
    /// For the block's `n`th char, at `ends[n]`, the byte just past it
    /// (from the block's start).
    ends: Box<[u16; ROOM]>,
}

impl Scanner {
    pub fn new(step: usize) -> Self {
        let mut chars = Box::new([0; ROOM]);
        // The q-grams of the first Q - 1 chars hold this filler: they may
        // be flagged, which only lets more through.
        chars[..Q - 1].fill(0xFF);
        Scanner {
            step,
            block: 0..0,
            first: 0,
            count: 0,
            chars,
            ends: Box::new([0; ROOM]),
        }
    }

    /// Adds to `out` the q-grams of the next block of `part` (the part of
    /// the text from byte `base`, which follows the parts handed over
    /// before) that the bitmap flags; `false` once the part is done.
    pub fn flag(
        &mut self,
        part: &str,
        base: usize,
        bitmap: &Bitmap,
        out: &mut Vec<Flagged>,
    ) -> bool {
        let start = self.block.end.max(base);
        if start >= base + part.len() {
            return false;
        }
        // Keep the last Q - 1 chars for the q-grams that end in this block.
        self.chars.copy_within(self.count..self.count + Q - 1, 0);
        self.first += self.count;
        self.block = start..self.squeeze_block(part, base, start);
        let (first, count, step) = (self.first, self.count, self.step);
        // Position p of the text is chars[p - first + Q - 1]; the q-gram
        // ending there starts at chars[p - first].
        let mut p = first + (step - 1 - first % step) % step;
        while p < first + count {
            let i = p - first;
            let gram = u64::from_le_bytes(self.chars[i..i + 8].try_into().expect("eight bytes"));
            let h = hash(gram & GRAM_BITS);
            if bitmap.has(h) {
                out.push(Flagged { at: p, hash: h });
            }
            p += step;
        }
        true
    }

    /// The byte just past the char at squeezed position `at`, which is in
    /// the block last squeezed.
    pub fn byte_after(&self, at: usize) -> usize {
        self.block.start + usize::from(self.ends[(at - self.first) % ROOM])
    }

    /// Squeezes the text from byte `start`, at most [`BLOCK`] bytes of it
    /// (to a char boundary) and no further than `part` (the text from byte
    /// `base`), into `chars` after the `Q - 1` kept; the byte it stopped at.
    fn squeeze_block(&mut self, part: &str, base: usize, start: usize) -> usize {
        let (text, start) = (part, start - base);
        let mut stop = (start + BLOCK).min(text.len());
        while !text.is_char_boundary(stop) {
            stop -= 1;
        }
        let block = &text.as_bytes()[start..stop];
        let (chars, ends) = (&mut *self.chars, &mut *self.ends);
        let mut count = 0;
        let mut at = 0;
        while at < block.len() {
            (at, count) = squeeze_ascii(block, at, chars, ends, count);
            if at < block.len() {
                let ch = text[start + at..].chars().next().expect("a char boundary");
                at += ch.len_utf8();
                if let Some(ch) = squeezed(ch) {
                    chars[(Q - 1 + count) % ROOM] = low_byte(ch);
                    ends[count % ROOM] = at as u16;
                    count += 1;
                }
            }
        }
        // Nothing stale within an 8-byte load past the last char.
        chars[Q - 1 + count..Q - 1 + count + 8].fill(0);
        self.count = count;
        base + stop
    }
}

/// Squeezes the ASCII of `block` from byte `at` into `chars` (the block's
/// `n`th char at `Q - 1 + n`) and `ends`, after `count` chars; where the
/// run of ASCII ended, and the count then. Kept out of line: its loop is
/// the hottest of all, and compiles tighter alone.
#[inline(never)]
fn squeeze_ascii(
    block: &[u8],
    at: usize,
    chars: &mut [u8; ROOM],
    ends: &mut [u16; ROOM],
    mut count: usize,
) -> (usize, usize) {
    for (offset, &byte) in block[at..].iter().enumerate() {
        let squeezed_byte = SQUEEZED_BYTE[usize::from(byte)];
        if squeezed_byte == NOT_ASCII {
            return (at + offset, count);
        }
        // Written either way; kept (counted) unless whitespace.
        chars[(Q - 1 + count) % ROOM] = squeezed_byte;
        ends[count % ROOM] = (at + offset + 1) as u16;
        count += usize::from(squeezed_byte != WHITESPACE);
    }
    (block.len(), count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::approx::squeezed_chars;
    use proptest::prelude::*;

    proptest! {
        /// Every q-gram of the squeezed text, at every step, is looked at
        /// with the hash its chars give; the byte past its last char is
        /// found while its block is the last squeezed.
        #[test]
        fn every_qgram_is_seen_with_its_hash_and_end(
            text in "(\\PC|[aB \t\n])*",
            step in 1usize..=Q,
        ) {
            let squeezed: Vec<(usize, char)> = squeezed_chars(&text).collect();
            let mut all = Bitmap::new();
            all.0 = [u64::MAX; WORDS];
            let mut scanner = Scanner::new(step);
            let mut flagged = Vec::new();
            loop {
                let from = flagged.len();
                if !scanner.flag(&text, 0, &all, &mut flagged) {
                    break;
                }
                for f in &flagged[from..] {
                    prop_assert_eq!(scanner.byte_after(f.at), squeezed[f.at].0);
                }
            }
            let expected: Vec<usize> = (0..squeezed.len()).filter(|p| p % step == step - 1).collect();
            prop_assert_eq!(flagged.iter().map(|f| f.at).collect::<Vec<_>>(), expected);
            for f in &flagged {
                if f.at + 1 >= Q {
                    let chars: Vec<char> = squeezed[f.at + 1 - Q..=f.at].iter().map(|&(_, c)| c).collect();
                    prop_assert_eq!(f.hash, hash_of(&chars));
                }
            }
        }
    }

    #[test]
    fn blocks_join_without_losing_a_qgram() {
        let text = "abcdefghij ".repeat(BLOCK / 5);
        let mut all = Bitmap::new();
        all.0 = [u64::MAX; WORDS];
        let mut scanner = Scanner::new(1);
        let mut flagged = Vec::new();
        while scanner.flag(&text, 0, &all, &mut flagged) {}
        let squeezed: Vec<char> = squeezed_chars(&text).map(|(_, c)| c).collect();
        assert_eq!(flagged.len(), squeezed.len());
        for f in flagged.iter().skip(Q) {
            assert_eq!(f.hash, hash_of(&squeezed[f.at + 1 - Q..=f.at]));
        }
    }
}
