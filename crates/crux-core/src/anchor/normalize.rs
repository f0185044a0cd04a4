//! The forgiving form in which quotes and sources are compared, and the way
//! back from that form to the bytes of the original text.

use std::ops::Range;

use unicode_normalization::char::decompose_canonical;

#[cfg(test)]
use crate::document::markdown::markup_spans_byte_by_byte;
use crate::document::markdown::{Extent, markup_spans};
use crate::document::{MapBuilder, OffsetMap, Quotable};

/// The normalized form used for matching: whitespace runs collapsed to one
/// space and trimmed, typographic quotes, dashes and ellipses folded to ASCII,
/// light Markdown and HTML emphasis removed, accented letters decomposed
/// (Unicode's NFD, so that one written as one code point matches one
/// written as a letter and a combining accent). Case is kept. For a quote or
/// another slice of a document: a link bracket it leaves open is markup.
pub fn normalize(s: &str) -> String {
    NormalizedText::build(s, Some(Extent::Slice)).text
}

/// A normalized copy of a text that remembers, for every byte, which char of
/// the original text produced it.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    text: String,
    map: OffsetMap,
}

impl NormalizedText {
    /// The normalized copy of a light-Markdown document.
    pub fn new(original: &str) -> Self {
        NormalizedText::of(Quotable::from(original))
    }

    /// The normalized copy of a document; its markup is left out when it
    /// is light Markdown, by the same rule as its text shown.
    pub fn of(quotable: Quotable<'_>) -> Self {
        NormalizedText::build(quotable.text, quotable.markup.then_some(Extent::Whole))
    }

    fn build(original: &str, markup: Option<Extent>) -> Self {
        let mut builder = Builder::with_capacity(original.len());
        let mut from = 0;
        let end = original.len()..original.len();
        let markup = match markup {
            Some(extent) => markup_spans(original, extent),
            None => Vec::new(),
        };
        for markup in markup.into_iter().chain([end]) {
            builder.push_segment(original, from..markup.start);
            from = markup.end;
        }
        let (text, map) = builder.out.finish(original.len());
        NormalizedText { text, map }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original bytes from the first to the last char that produced
    /// `normalized`; an empty range maps to an empty range at its position.
    pub fn original_range(&self, normalized: Range<usize>) -> Range<usize> {
        self.map.source_range(normalized)
    }

    /// The first normalized byte produced at or after `original` byte offset.
    #[cfg(test)]
    pub(crate) fn normalized_offset(&self, original: usize) -> usize {
        self.map.derived_offset(original)
    }
}

/// The normalized text and, for every byte, the start and end of the
/// original char that produced it, computed one char at a time with a map
/// per byte: the reference [`NormalizedText`] is tested against.
#[cfg(test)]
pub(crate) fn reference_normalization(original: &str) -> (String, Vec<usize>, Vec<usize>) {
    let mut text = String::new();
    let (mut starts, mut ends) = (Vec::new(), Vec::new());
    let mut pending_space: Option<Range<usize>> = None;
    let mut emit = |text: &mut String, s: &str, origin: Range<usize>| {
        text.push_str(s);
        for _ in 0..s.len() {
            starts.push(origin.start);
            ends.push(origin.end);
        }
    };
    let mut markup = markup_spans_byte_by_byte(original, Extent::Whole)
        .into_iter()
        .peekable();
    for (start, ch) in original.char_indices() {
        while markup.next_if(|span| span.end <= start).is_some() {}
        if markup.peek().is_some_and(|span| span.start <= start) {
            continue;
        }
        let origin = start..start + ch.len_utf8();
        if ch.is_whitespace() {
            if !text.is_empty() && pending_space.is_none() {
                pending_space = Some(origin);
            }
            continue;
        }
        if is_invisible(ch) {
            continue;
        }
        if let Some(space) = pending_space.take() {
            emit(&mut text, " ", space);
        }
        let mut decomposed = String::new();
        match folded(ch) {
            Some(replacement) => emit(&mut text, replacement, origin),
            None => emit(&mut text, decompose(ch, &mut decomposed), origin),
        }
    }
    (text, starts, ends)
}

pub(super) struct Builder {
    out: MapBuilder,
    /// The text goes on from a part of it already written (a segment
    /// boundary, where no space is pending): a space is not leading.
    continued: bool,
    pending_space: Option<Range<usize>>,
    /// The decomposition of the last char, kept to spare an allocation per char.
    decomposed: String,
}

impl Builder {
    fn with_capacity(capacity: usize) -> Self {
        Builder::continuing(capacity, false)
    }

    pub(super) fn continuing(capacity: usize, continued: bool) -> Self {
        Builder {
            out: MapBuilder::with_capacity(capacity),
            continued,
            pending_space: None,
            decomposed: String::new(),
        }
    }

    /// Bytes of normalized text written so far.
    pub(super) fn len(&self) -> usize {
        self.out.text.len()
    }

    pub(super) fn finish(self, source_len: usize) -> (String, OffsetMap) {
        self.out.finish(source_len)
    }

    /// Pushes the chars of `original[segment]` (which holds no markup).
    /// Runs of printable ASCII, with single spaces between them, are copied
    /// as they are: no rule changes them, and most of a document is made of
    /// them.
    pub(super) fn push_segment(&mut self, original: &str, segment: Range<usize>) {
        let bytes = &original.as_bytes()[..segment.end];
        let mut at = segment.start;
        while at < segment.end {
            if bytes[at].is_ascii_graphic() {
                let run_end = plain_run_end(bytes, at);
                if let Some(space) = self.pending_space.take() {
                    self.out.emit(" ", space);
                }
                self.out.copy(&original[at..run_end], at);
                at = run_end;
            } else {
                let ch = original[at..].chars().next().expect("a char boundary");
                let len = ch.len_utf8();
                self.push(ch, at..at + len);
                at += len;
            }
        }
    }

    fn push(&mut self, ch: char, origin: Range<usize>) {
        if ch.is_whitespace() {
            // Leading whitespace is dropped; a run is represented by its first char.
            if (self.continued || !self.out.text.is_empty()) && self.pending_space.is_none() {
                self.pending_space = Some(origin);
            }
            return;
        }
        if is_invisible(ch) {
            return;
        }
        if let Some(space) = self.pending_space.take() {
            self.out.emit(" ", space);
        }
        match folded(ch) {
            Some(replacement) => self.out.emit(replacement, origin),
            None => self.out.emit(decompose(ch, &mut self.decomposed), origin),
        }
    }
}

/// `ch` in Unicode's canonical decomposition (itself when it has none),
/// written into `buffer`.
fn decompose(ch: char, buffer: &mut String) -> &str {
    buffer.clear();
    decompose_canonical(ch, |part| buffer.push(part));
    buffer
}

/// End of the run starting at `at` (a printable ASCII byte) of printable
/// ASCII bytes and single spaces between them: bytes normalization keeps as
/// they are, each where it was. Most of a text is such runs: they are
/// looked at eight bytes at a time.
fn plain_run_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at + 1;
    while let Some(chunk) = bytes.get(end..end + 9) {
        let word = u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes"));
        if !all_plain(word, chunk[8]) {
            break;
        }
        end += 8;
    }
    plain_run_end_bytewise(bytes, end)
}

/// [`plain_run_end`] a byte at a time, from `end` (inside a run).
fn plain_run_end_bytewise(bytes: &[u8], mut end: usize) -> usize {
    while end < bytes.len() {
        if bytes[end].is_ascii_graphic() {
            end += 1;
        } else if bytes[end] == b' ' && bytes.get(end + 1).is_some_and(u8::is_ascii_graphic) {
            end += 2;
        } else {
            break;
        }
    }
    end
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether the eight bytes of `word` (the first lowest), followed by
/// `next`, are all printable ASCII or spaces followed by printable ASCII.
fn all_plain(word: u64, next: u8) -> bool {
    if word & HIGH != 0 {
        return false;
    }
    // Every byte is below 0x80 now, so no sum carries into the next byte.
    let at_least_space = (word + 0x60 * ONES) & HIGH;
    let above_tilde = (word + ONES) & HIGH;
    if at_least_space & !above_tilde != HIGH {
        return false;
    }
    // Bytes that are spaces: those of `x` that are zero, exactly (no borrow
    // runs into the next byte).
    let x = word ^ (0x20 * ONES);
    let spaces = !(((x & !HIGH) + !HIGH) | x) & HIGH;
    let two_spaces = spaces & (spaces >> 8) != 0;
    let last_is_space = spaces >> 56 != 0;
    !two_spaces && (!last_is_space || next.is_ascii_graphic())
}

fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{feff}' | '\u{200b}' | '\u{2060}' | '\u{00ad}')
}

fn folded(ch: char) -> Option<&'static str> {
    match ch {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' => Some("'"),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            Some("\"")
        }
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => Some("-"),
        '\u{2026}' => Some("..."),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn runs_end_where_the_byte_by_byte_scan_ends_them(
            text in "[a-c~!][a-c \t\n~\u{7f}é]{0,40}",
        ) {
            let bytes = text.as_bytes();
            prop_assert_eq!(plain_run_end(bytes, 0), plain_run_end_bytewise(bytes, 1));
        }
    }
}
