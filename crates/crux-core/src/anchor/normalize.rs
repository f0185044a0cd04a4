//! The forgiving form in which quotes and sources are compared, and the way
//! back from that form to the bytes of the original text.

use std::ops::Range;

use memchr::memchr2;

/// Markup that carries no words of its own; the text between tags is kept.
const DROPPED_TAGS: [&str; 12] = [
    "<sup>",
    "</sup>",
    "<sub>",
    "</sub>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
];

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// The normalized form used for matching: whitespace runs collapsed to one
/// space and trimmed, typographic quotes, dashes and ellipses folded to ASCII,
/// light Markdown and HTML emphasis removed. Case is kept.
pub fn normalize(s: &str) -> String {
    NormalizedText::new(s).text
}

/// A normalized copy of a text that remembers, for every byte, which char of
/// the original text produced it.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    text: String,
    /// The map back to the original text, in stretches sorted by `at`.
    pieces: Vec<Piece>,
    original_len: usize,
}

/// A stretch of the normalized text and where it comes from. Most of a
/// document is copied as it is, so a few pieces map a whole text where a
/// map per byte took 16 bytes of memory per byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Its first byte in the normalized text.
    at: usize,
    /// The original byte its first byte comes from.
    origin: usize,
    /// `None`: copied, byte `k` of the piece comes from original byte
    /// `origin + k` alone. `Some(len)`: every byte of the piece comes from
    /// the one original char at `origin`, `len` bytes long.
    from_char: Option<usize>,
}

impl NormalizedText {
    pub fn new(original: &str) -> Self {
        let mut builder = Builder::with_capacity(original.len());
        let mut from = 0;
        let end = original.len()..original.len();
        for markup in markup_spans(original).into_iter().chain([end]) {
            builder.push_segment(original, from..markup.start);
            from = markup.end;
        }
        NormalizedText {
            text: builder.text,
            pieces: builder.pieces,
            original_len: original.len(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original bytes from the first to the last char that produced
    /// `normalized`; an empty range maps to an empty range at its position.
    pub fn original_range(&self, normalized: Range<usize>) -> Range<usize> {
        let start = if normalized.start < self.text.len() {
            self.origin(normalized.start).start
        } else {
            self.original_len
        };
        let last = normalized.end.min(self.text.len());
        if last <= normalized.start {
            return start..start;
        }
        start..self.origin(last - 1).end
    }

    /// The first normalized byte produced at or after `original` byte offset.
    pub(crate) fn normalized_offset(&self, original: usize) -> usize {
        let next = self.pieces.partition_point(|p| p.origin < original);
        if let Some(before) = next.checked_sub(1) {
            let piece = self.pieces[before];
            let len = self.piece_end(before) - piece.at;
            if piece.from_char.is_none() && piece.origin + len > original {
                return piece.at + (original - piece.origin);
            }
        }
        self.pieces.get(next).map_or(self.text.len(), |p| p.at)
    }

    /// The original char that produced normalized byte `byte` (< text length).
    fn origin(&self, byte: usize) -> Range<usize> {
        let piece = self.pieces[self.pieces.partition_point(|p| p.at <= byte) - 1];
        match piece.from_char {
            None => {
                let origin = piece.origin + (byte - piece.at);
                origin..origin + 1
            }
            Some(len) => piece.origin..piece.origin + len,
        }
    }

    fn piece_end(&self, index: usize) -> usize {
        self.pieces
            .get(index + 1)
            .map_or(self.text.len(), |next| next.at)
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
    let mut markup = markup_spans_byte_by_byte(original).into_iter().peekable();
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
        match folded(ch) {
            Some(replacement) => emit(&mut text, replacement, origin),
            None => emit(&mut text, ch.encode_utf8(&mut [0; 4]), origin),
        }
    }
    (text, starts, ends)
}

struct Builder {
    text: String,
    pieces: Vec<Piece>,
    pending_space: Option<Range<usize>>,
}

impl Builder {
    fn with_capacity(capacity: usize) -> Self {
        Builder {
            text: String::with_capacity(capacity),
            pieces: Vec::new(),
            pending_space: None,
        }
    }

    /// Pushes the chars of `original[segment]` (which holds no markup).
    /// Runs of printable ASCII, with single spaces between them, are copied
    /// as they are: no rule changes them, and most of a document is made of
    /// them.
    fn push_segment(&mut self, original: &str, segment: Range<usize>) {
        let bytes = &original.as_bytes()[..segment.end];
        let mut at = segment.start;
        while at < segment.end {
            if bytes[at].is_ascii_graphic() {
                let run_end = plain_run_end(bytes, at);
                if let Some(space) = self.pending_space.take() {
                    self.emit(" ", space);
                }
                self.copy(&original[at..run_end], at);
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
            if !self.text.is_empty() && self.pending_space.is_none() {
                self.pending_space = Some(origin);
            }
            return;
        }
        if is_invisible(ch) {
            return;
        }
        if let Some(space) = self.pending_space.take() {
            self.emit(" ", space);
        }
        match folded(ch) {
            Some(replacement) => self.emit(replacement, origin),
            None => self.emit(ch.encode_utf8(&mut [0; 4]), origin),
        }
    }

    /// Appends `s`, every byte of which comes from the original char `origin`.
    fn emit(&mut self, s: &str, origin: Range<usize>) {
        if s.len() == 1 && origin.len() == 1 {
            // One byte from one byte maps like a copied byte.
            return self.copy(s, origin.start);
        }
        self.pieces.push(Piece {
            at: self.text.len(),
            origin: origin.start,
            from_char: Some(origin.len()),
        });
        self.text.push_str(s);
    }

    /// Appends `s`, whose byte `k` comes from original byte `origin + k`.
    fn copy(&mut self, s: &str, origin: usize) {
        let at = self.text.len();
        let continues = self
            .pieces
            .last()
            .is_some_and(|last| last.from_char.is_none() && last.origin + (at - last.at) == origin);
        if !continues {
            self.pieces.push(Piece {
                at,
                origin,
                from_char: None,
            });
        }
        self.text.push_str(s);
    }
}

/// End of the run starting at `at` (a printable ASCII byte) of printable
/// ASCII bytes and single spaces between them: bytes normalization keeps as
/// they are, each where it was.
fn plain_run_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at + 1;
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

/// Byte spans of markup to drop, sorted and disjoint. All markup is ASCII, so
/// scanning bytes never splits a char.
///
/// Link brackets are judged without seeing the whole link: a `](url)` tail is
/// dropped even without its `[`, and a `[` is dropped when it opens a link or
/// is never closed. A slice of text that starts or ends inside a link's words
/// then normalizes the same way as the full text does.
///
/// Only the bytes that can start markup are looked at; whether a `#` starts
/// its line is judged by looking back from it.
fn markup_spans(s: &str) -> Vec<Range<usize>> {
    let bytes = s.as_bytes();
    let mut spans = Vec::new();
    let first = if s.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    let mut i = first;
    while let Some(offset) = bytes[i..].iter().position(|&b| MARKUP_START[b as usize]) {
        i += offset;
        let span_end = match bytes[i] {
            b'*' => Some(i + 1),
            b'_' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'_').count();
                // A lone `_` is part of a word (snake_case); longer runs are emphasis.
                if run < 2 { None } else { Some(i + run) }
            }
            b'<' => dropped_tag_len(&bytes[i..]).map(|len| i + len),
            b'#' if starts_line(bytes, first, i) => {
                heading_marks_len(&bytes[i..]).map(|len| i + len)
            }
            b'[' => bracket_is_markup(bytes, i).then_some(i + 1),
            b']' => link_tail_end(bytes, i),
            _ => None,
        };
        match span_end {
            Some(end) => {
                spans.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    spans
}

/// The bytes [`markup_spans`] stops at.
static MARKUP_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let starts = b"*_<#[]";
    while k < starts.len() {
        table[starts[k] as usize] = true;
        k += 1;
    }
    table
};

/// Whether only blanks come between the start of the line (or `first`) and
/// `at`. A markup span never ends in a blank, so one before `at` on the same
/// line stops the look-back as any other char does.
fn starts_line(bytes: &[u8], first: usize, at: usize) -> bool {
    let mut j = at;
    while j > first && matches!(bytes[j - 1], b' ' | b'\t' | b'\r') {
        j -= 1;
    }
    j == first || bytes[j - 1] == b'\n'
}

/// [`markup_spans`] one byte at a time, tracking line starts as it goes:
/// the reference the faster version is tested against.
#[cfg(test)]
fn markup_spans_byte_by_byte(s: &str) -> Vec<Range<usize>> {
    let bytes = s.as_bytes();
    let mut spans = Vec::new();
    let mut at_line_start = true;
    let mut i = if s.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    while i < bytes.len() {
        let byte = bytes[i];
        let span_end = match byte {
            b'*' => Some(i + 1),
            b'_' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'_').count();
                // A lone `_` is part of a word (snake_case); longer runs are emphasis.
                if run < 2 { None } else { Some(i + run) }
            }
            b'<' => dropped_tag_len(&bytes[i..]).map(|len| i + len),
            b'#' if at_line_start => heading_marks_len(&bytes[i..]).map(|len| i + len),
            b'[' => bracket_is_markup(bytes, i).then_some(i + 1),
            b']' => link_tail_end(bytes, i),
            _ => None,
        };
        match span_end {
            Some(end) => {
                spans.push(i..end);
                i = end;
                at_line_start = false;
            }
            None => {
                i += 1;
                at_line_start =
                    byte == b'\n' || (at_line_start && matches!(byte, b' ' | b'\t' | b'\r'));
            }
        }
    }
    spans
}

fn dropped_tag_len(rest: &[u8]) -> Option<usize> {
    DROPPED_TAGS
        .iter()
        .find(|tag| {
            rest.get(..tag.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(tag.as_bytes()))
        })
        .map(|tag| tag.len())
}

fn heading_marks_len(rest: &[u8]) -> Option<usize> {
    let marks = rest.iter().take_while(|&&b| b == b'#').count();
    let followed_by_blank = matches!(rest.get(marks), Some(b' ' | b'\t'));
    (marks <= 6 && followed_by_blank).then_some(marks)
}

fn bracket_is_markup(bytes: &[u8], open: usize) -> bool {
    match memchr2(b'[', b']', &bytes[open + 1..]) {
        None => true,
        Some(offset) => {
            let next = open + 1 + offset;
            bytes[next] == b'[' || link_tail_end(bytes, next).is_some()
        }
    }
}

/// End of `](url)` starting at `close`, where the url has no whitespace or brackets.
fn link_tail_end(bytes: &[u8], close: usize) -> Option<usize> {
    if bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let url_start = close + 2;
    let url_len = bytes[url_start..]
        .iter()
        .take_while(|&&b| !b.is_ascii_whitespace() && !b"()[]<>".contains(&b))
        .count();
    let paren = url_start + url_len;
    (bytes.get(paren) == Some(&b')')).then_some(paren + 1)
}
