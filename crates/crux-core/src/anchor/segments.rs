//! A document's normalized form (see [`super::normalize`]) made a segment
//! at a time, never whole: a long document would otherwise be held twice
//! over, as read and normalized, with the map between the two.
//!
//! A segment ends between two ASCII letters or digits outside markup,
//! [`SEGMENT_BYTES`] or a little more after it starts (a document up to
//! [`WHOLE_BYTES`] long is one segment). Nothing of the
//! normalization runs across such a place (no whitespace is pending there,
//! no markup span is open, something was written before it), so a segment
//! normalized alone is byte for byte that stretch of the whole normalized
//! text, with the same map. The first time the text is gone through, where
//! each segment starts is kept, in the document and in the normalized
//! text; after that any segment can be made again alone, and the last few
//! made are kept.
//!
//! Passes over the whole text take it in parts of several segments; a part
//! may be followed by as many bytes of the text after it as the longest
//! quote needs, so that a match starting in one part and ending in the
//! next is found whole, in the first.

use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;

use super::normalize::Builder;
use crate::document::markdown::{Extent, MarkupSpans};
use crate::document::{OffsetMap, Quotable};

/// A document up to this long is one segment, normalized once and kept:
/// it costs little memory, and its passes and look-ups then share it.
const WHOLE_BYTES: usize = 4 << 20;
/// Bytes of a longer document, about, in a segment: what a look-up around
/// a place normalizes again when its segment is no longer kept.
const SEGMENT_BYTES: usize = 64 << 10;
/// Segments in a part of a pass over the whole text.
const PART_SEGMENTS: usize = 64;
/// Bytes of normalized text kept once made, for the look-ups around the
/// places found: a document up to about this long is normalized at most
/// once more for them, whatever their order.
const KEPT_BYTES: usize = 16 << 20;

/// Where a segment starts, in the document and in the normalized text.
#[derive(Debug, Clone, Copy)]
struct Start {
    original: usize,
    normalized: usize,
}

/// The normalized text of some consecutive segments, with its map back to
/// the document.
pub(crate) struct Part {
    /// Its first segment, and the one after its last.
    first: usize,
    end: usize,
    /// Where its text starts in the whole normalized text.
    pub base: usize,
    pub text: String,
    /// Bytes of `text` from its own segments; any after them are the text
    /// that follows.
    pub own: usize,
    /// From `text`'s bytes to the document's.
    map: OffsetMap,
}

impl Part {
    /// The document's bytes from the first to the last char that produced
    /// `text[local]` (not empty).
    pub fn original_range(&self, local: Range<usize>) -> Range<usize> {
        self.map.source_range(local)
    }
}

/// A document's normalized text, made a segment at a time.
pub(crate) struct NormalizedSource<'t> {
    original: &'t str,
    markup: Option<Extent>,
    segment_bytes: usize,
    /// Where each segment starts, as far as the text was gone through; once
    /// it was to the end, that end too.
    starts: RefCell<Vec<Start>>,
    finished: Cell<bool>,
    /// The segments made last, the most recent last, and their bytes.
    kept: RefCell<Vec<Rc<Part>>>,
    kept_bytes: Cell<usize>,
}

impl<'t> NormalizedSource<'t> {
    pub fn new(quotable: Quotable<'t>) -> Self {
        let len = quotable.text.len();
        let segment_bytes = if len <= WHOLE_BYTES {
            len
        } else {
            SEGMENT_BYTES
        };
        NormalizedSource::with_segment_bytes(quotable, segment_bytes)
    }

    /// With segments of about `segment_bytes` (made small in tests).
    pub fn with_segment_bytes(quotable: Quotable<'t>, segment_bytes: usize) -> Self {
        NormalizedSource {
            original: quotable.text,
            markup: quotable.markup.then_some(Extent::Whole),
            segment_bytes: segment_bytes.max(1),
            starts: RefCell::new(vec![Start {
                original: 0,
                normalized: 0,
            }]),
            finished: Cell::new(false),
            kept: RefCell::new(Vec::new()),
            kept_bytes: Cell::new(0),
        }
    }

    pub fn original(&self) -> &'t str {
        self.original
    }

    /// The length of the whole normalized text (which is gone through to
    /// its end, if it was not yet).
    pub fn len(&self) -> usize {
        while !self.finished.get() {
            self.next_unknown();
        }
        self.starts.borrow().last().expect("the end").normalized
    }

    /// The whole text in parts, in order, each followed by at least
    /// `lookahead` bytes of the text after it (where there are any).
    pub fn parts(&self, lookahead: usize) -> impl Iterator<Item = Rc<Part>> + '_ {
        let mut next = 0;
        std::iter::from_fn(move || {
            if !self.has_segment(next) {
                return None;
            }
            let part = self.part(next, lookahead);
            next = part.end;
            Some(part)
        })
    }

    /// The document's bytes from the first to the last char that produced
    /// normalized `range`; an empty range maps to an empty range at its
    /// position (as [`OffsetMap::source_range`]).
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let origin = |at: usize| {
            self.segment_at(at).map(|part| {
                let local = at - part.base;
                part.map.source_range(local..local + 1)
            })
        };
        let Some(start) = origin(range.start).map(|first| first.start) else {
            let end = self.original.len();
            return end..end;
        };
        if range.end <= range.start {
            return start..start;
        }
        match origin(range.end - 1) {
            Some(last) => start..last.end,
            None => start..origin(self.len() - 1).expect("a byte of the text").end,
        }
    }

    /// The first normalized byte produced at or after document byte `original`.
    pub fn normalized_offset(&self, original: usize) -> usize {
        let part = self.segment_holding(original);
        part.base + part.map.derived_offset(original)
    }

    /// The chars from normalized byte `at` on, each with its offset.
    pub fn chars_from(&self, at: usize) -> Chars<'_, 't> {
        let part = self.segment_at(at);
        let local = part.as_ref().map_or(0, |part| at - part.base);
        Chars {
            source: self,
            part,
            at: local,
        }
    }

    /// The chars before normalized byte `at`, last first, each with its offset.
    pub fn chars_before(&self, at: usize) -> CharsBefore<'_, 't> {
        let part = at.checked_sub(1).and_then(|last| self.segment_at(last));
        let local = part.as_ref().map_or(0, |part| at - part.base);
        CharsBefore {
            source: self,
            part,
            at: local,
        }
    }

    /// The segment holding normalized byte `at`, or `None` past the end.
    pub fn segment_at(&self, at: usize) -> Option<Rc<Part>> {
        while !self.finished.get() && self.last_start().normalized <= at {
            self.next_unknown();
        }
        let index = self.starts.borrow().partition_point(|s| s.normalized <= at) - 1;
        self.segment(index)
    }

    /// Segment `index`, or `None` past the last.
    pub fn segment(&self, index: usize) -> Option<Rc<Part>> {
        if let Some(kept) = self.kept_segment(index) {
            return Some(kept);
        }
        while self.starts.borrow().len() <= index && !self.finished.get() {
            self.next_unknown();
        }
        self.has_segment(index).then(|| self.part(index, 0))
    }

    /// The segment holding document byte `original` (the last at the end).
    fn segment_holding(&self, original: usize) -> Rc<Part> {
        while !self.finished.get() && self.last_start().original <= original {
            self.next_unknown();
        }
        let starts = self.starts.borrow();
        let mut index = starts.partition_point(|s| s.original <= original) - 1;
        if index + 1 == starts.len() && self.finished.get() {
            // The end is not a segment: the last one holds it.
            index = index.saturating_sub(1);
        }
        drop(starts);
        self.segment(index).expect("a segment")
    }

    fn last_start(&self) -> Start {
        *self.starts.borrow().last().expect("a start")
    }

    /// Makes the first segment whose end is not known yet, to know it.
    fn next_unknown(&self) {
        let index = self.starts.borrow().len() - 1;
        self.part(index, 0);
    }

    fn has_segment(&self, index: usize) -> bool {
        let known = self.starts.borrow().len();
        index + 1 < known || (index + 1 == known && !self.finished.get())
    }

    fn kept_segment(&self, index: usize) -> Option<Rc<Part>> {
        let mut kept = self.kept.borrow_mut();
        let at = kept.iter().position(|part| part.first == index)?;
        let part = kept.remove(at);
        kept.push(Rc::clone(&part));
        Some(part)
    }

    /// The part starting at segment `first` (which exists) and `lookahead`
    /// bytes after it: a kept segment when that is all the text from there,
    /// else made (and kept when it is one segment).
    fn part(&self, first: usize, lookahead: usize) -> Rc<Part> {
        let last = !self.has_segment(first + 1);
        if (lookahead == 0 || last)
            && let Some(kept) = self.kept_segment(first)
        {
            return kept;
        }
        let segments = if lookahead == 0 { 1 } else { PART_SEGMENTS };
        let part = Rc::new(self.make(first, segments, lookahead));
        if part.end == first + 1 && part.own == part.text.len() {
            let mut kept = self.kept.borrow_mut();
            let mut bytes = self.kept_bytes.get() + part.text.len();
            while bytes > KEPT_BYTES && !kept.is_empty() {
                bytes -= kept.remove(0).text.len();
            }
            kept.push(Rc::clone(&part));
            self.kept_bytes.set(bytes);
        }
        part
    }

    /// Normalizes up to `segments` segments from `first`, then more until
    /// `lookahead` bytes follow them or the text ends.
    fn make(&self, first: usize, segments: usize, lookahead: usize) -> Part {
        let start = self.starts.borrow()[first];
        let capacity = (self.segment_bytes * segments).min(self.original.len() - start.original);
        let mut builder = Builder::continuing(capacity, start.original > 0);
        let mut next = first;
        while next < first + segments && self.has_segment(next) {
            self.push_segment(&mut builder, next, start.normalized);
            next += 1;
        }
        let own = builder.len();
        let mut after = next;
        while builder.len() < own + lookahead && self.has_segment(after) {
            self.push_segment(&mut builder, after, start.normalized);
            after += 1;
        }
        let (text, map) = builder.finish(self.original.len());
        Part {
            first,
            end: next,
            base: start.normalized,
            text,
            own,
            map,
        }
    }

    /// Appends segment `index` to `builder`, whose text starts at
    /// normalized byte `base`; notes where the next segment starts if that
    /// was not known.
    fn push_segment(&self, builder: &mut Builder, index: usize, base: usize) {
        let original = self.original;
        let start = self.starts.borrow()[index].original;
        let known_end = self.starts.borrow().get(index + 1).map(|s| s.original);
        let mut end = known_end.unwrap_or_else(|| self.boundary(start + self.segment_bytes));
        let mut from = start;
        if let Some(extent) = self.markup {
            for span in MarkupSpans::from(original, extent, start) {
                if span.start >= end {
                    break;
                }
                if span.end > end {
                    // Only while the end is being chosen: a known one is
                    // never inside markup.
                    end = self.boundary(span.end);
                }
                builder.push_segment(original, from..span.start);
                from = span.end;
            }
        }
        builder.push_segment(original, from..end);
        if known_end.is_none() {
            self.starts.borrow_mut().push(Start {
                original: end,
                normalized: base + builder.len(),
            });
            self.finished.set(end == original.len());
        }
    }

    /// The first place from `at` on between two ASCII letters or digits
    /// (so on a char boundary, past at least one char written), or the end.
    fn boundary(&self, at: usize) -> usize {
        let bytes = self.original.as_bytes();
        let from = at.max(1);
        if from >= bytes.len() {
            return bytes.len();
        }
        bytes[from - 1..]
            .windows(2)
            .position(|pair| pair[0].is_ascii_alphanumeric() && pair[1].is_ascii_alphanumeric())
            .map_or(bytes.len(), |offset| from + offset)
    }
}

/// See [`NormalizedSource::chars_from`].
pub(crate) struct Chars<'s, 't> {
    source: &'s NormalizedSource<'t>,
    part: Option<Rc<Part>>,
    at: usize,
}

impl Iterator for Chars<'_, '_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            let part = self.part.as_ref()?;
            if let Some(ch) = part.text[self.at..].chars().next() {
                let at = part.base + self.at;
                self.at += ch.len_utf8();
                return Some((at, ch));
            }
            let next = part.end;
            self.part = self.source.segment(next);
            self.at = 0;
        }
    }
}

/// See [`NormalizedSource::chars_before`].
pub(crate) struct CharsBefore<'s, 't> {
    source: &'s NormalizedSource<'t>,
    part: Option<Rc<Part>>,
    at: usize,
}

impl Iterator for CharsBefore<'_, '_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        loop {
            let part = self.part.as_ref()?;
            if let Some(ch) = part.text[..self.at].chars().next_back() {
                self.at -= ch.len_utf8();
                return Some((part.base + self.at, ch));
            }
            let previous = part.first.checked_sub(1);
            self.part = previous.and_then(|index| self.source.segment(index));
            self.at = self.part.as_ref().map_or(0, |part| part.text.len());
        }
    }
}
