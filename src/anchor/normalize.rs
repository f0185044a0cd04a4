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
    origin_starts: Vec<usize>,
    origin_ends: Vec<usize>,
    original_len: usize,
}

impl NormalizedText {
    pub fn new(original: &str) -> Self {
        let mut builder = Builder::with_capacity(original.len());
        let mut markup = markup_spans(original).into_iter().peekable();
        for (start, ch) in original.char_indices() {
            while markup.next_if(|span| span.end <= start).is_some() {}
            if markup.peek().is_some_and(|span| span.start <= start) {
                continue;
            }
            builder.push(ch, start..start + ch.len_utf8());
        }
        NormalizedText {
            text: builder.text,
            origin_starts: builder.origin_starts,
            origin_ends: builder.origin_ends,
            original_len: original.len(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original bytes from the first to the last char that produced
    /// `normalized`; an empty range maps to an empty range at its position.
    pub fn original_range(&self, normalized: Range<usize>) -> Range<usize> {
        let start = self
            .origin_starts
            .get(normalized.start)
            .copied()
            .unwrap_or(self.original_len);
        let last = normalized.end.min(self.text.len());
        if last <= normalized.start {
            return start..start;
        }
        start..self.origin_ends[last - 1]
    }

    /// The first normalized byte produced at or after `original` byte offset.
    pub(crate) fn normalized_offset(&self, original: usize) -> usize {
        self.origin_starts
            .partition_point(|&start| start < original)
    }
}

struct Builder {
    text: String,
    origin_starts: Vec<usize>,
    origin_ends: Vec<usize>,
    pending_space: Option<Range<usize>>,
}

impl Builder {
    fn with_capacity(capacity: usize) -> Self {
        Builder {
            text: String::with_capacity(capacity),
            origin_starts: Vec::with_capacity(capacity),
            origin_ends: Vec::with_capacity(capacity),
            pending_space: None,
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

    fn emit(&mut self, s: &str, origin: Range<usize>) {
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.origin_starts.push(origin.start);
            self.origin_ends.push(origin.end);
        }
    }
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
fn markup_spans(s: &str) -> Vec<Range<usize>> {
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
