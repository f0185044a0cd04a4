//! Light Markdown, the one definition of it: what is markup (dropped from
//! the text shown, and ignored when quotes are matched) and what it means
//! (headings, bold, italics, link text).
//!
//! Markup is judged so that a slice of a text reads the same as the whole:
//! a `](url)` tail is markup even without its `[`, and every `*` is markup.
//! A `[` is markup when it opens a link; in a quote ([`Extent::Slice`]),
//! also when it is never closed, since the quote may end inside the link's
//! words. A quote cut from inside a link then matches the document it was
//! cut from, and a document's own stray `[` is text.

use std::ops::Range;

use memchr::{memchr2, memchr3};

use super::map::MapBuilder;
use super::{Block, BlockKind, Emphasis, Extracted};

/// HTML tags that carry no words of their own; the text between them is kept.
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

pub const BYTE_ORDER_MARK: &str = "\u{feff}";

/// What a text is: a whole document, or a slice of one (a quote, its
/// context, a passage compared with a quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    Whole,
    Slice,
}

/// The text shown for a light-Markdown document: its markup, the
/// byte-order mark and the CR of each CRLF left out; with its emphasis
/// and its headings and paragraphs.
pub fn extract(original: &str) -> Extracted {
    let mut shown = Shown {
        out: MapBuilder::with_capacity(original.len()),
        emphasis: Vec::new(),
        open: Open::default(),
        heading_lines: Vec::new(),
    };
    let mut from = if original.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    for span in markup_spans(original, Extent::Whole) {
        shown.segment(original, from..span.start);
        shown.markup(&original[span.clone()]);
        from = span.end;
    }
    shown.segment(original, from..original.len());
    shown.end_line();
    let Shown {
        out,
        mut emphasis,
        heading_lines,
        ..
    } = shown;
    let (text, map) = out.finish(original.len());
    emphasis.sort_by_key(|(range, _)| range.start);
    let blocks = blocks(&text, &heading_lines);
    Extracted {
        text,
        map,
        blocks,
        emphasis,
        ..Extracted::default()
    }
}

/// Emphasis opened and not yet closed, by where it starts in the text shown.
#[derive(Default)]
struct Open {
    bold: Option<usize>,
    italic: Option<usize>,
    link: Option<usize>,
    heading: Option<(usize, u8)>,
}

struct Shown {
    out: MapBuilder,
    emphasis: Vec<(Range<usize>, Emphasis)>,
    open: Open,
    /// Shown ranges of heading lines, with their level.
    heading_lines: Vec<(Range<usize>, u8)>,
}

impl Shown {
    /// Copies `original[range]` (no markup in it), less the CR of each CRLF;
    /// emphasis still open ends with its line.
    fn segment(&mut self, original: &str, range: Range<usize>) {
        let mut at = range.start;
        let segment = &original[range.clone()];
        for newline in memchr::memchr_iter(b'\n', segment.as_bytes()) {
            let newline = range.start + newline;
            let cr = newline > at && original.as_bytes()[newline - 1] == b'\r';
            self.out.copy(&original[at..newline - usize::from(cr)], at);
            self.end_line();
            self.out.copy("\n", newline);
            at = newline + 1;
        }
        self.out.copy(&original[at..range.end], at);
    }

    fn end_line(&mut self) {
        let here = self.out.text.len();
        let open = std::mem::take(&mut self.open);
        for (from, emphasis) in [
            (open.bold, Emphasis::Bold),
            (open.italic, Emphasis::Italic),
            (open.link, Emphasis::Link),
        ] {
            if let Some(from) = from {
                self.push(from..here, emphasis);
            }
        }
        if let Some((from, level)) = open.heading {
            self.push(from..here, Emphasis::Heading);
            self.heading_lines.push((from..here, level));
        }
    }

    fn markup(&mut self, markup: &str) {
        let here = self.out.text.len();
        let toggle = |open: &mut Option<usize>| match open.take() {
            Some(from) => Some(from..here),
            None => {
                *open = Some(here);
                None
            }
        };
        let bytes = markup.as_bytes();
        let closed = match bytes[0] {
            // `**` is two spans of one `*`: the second finds the first at the same place.
            b'*' if self.open.italic == Some(here) => {
                self.open.italic = None;
                toggle(&mut self.open.bold).map(|r| (r, Emphasis::Bold))
            }
            b'*' => toggle(&mut self.open.italic).map(|r| (r, Emphasis::Italic)),
            b'_' => toggle(&mut self.open.bold).map(|r| (r, Emphasis::Bold)),
            b'#' => {
                let level = bytes.iter().take_while(|&&b| b == b'#').count() as u8;
                self.open.heading = Some((here, level));
                None
            }
            b'[' => {
                self.open.link = Some(here);
                None
            }
            b']' => self
                .open
                .link
                .take()
                .map(|from| (from..here, Emphasis::Link)),
            _ => {
                let tag = markup.to_ascii_lowercase();
                let closing = tag.starts_with("</");
                let open = match tag.trim_start_matches(['<', '/']) {
                    "b>" | "strong>" => Some((&mut self.open.bold, Emphasis::Bold)),
                    "i>" | "em>" => Some((&mut self.open.italic, Emphasis::Italic)),
                    _ => None,
                };
                match open {
                    Some((open, emphasis)) if closing => {
                        open.take().map(|from| (from..here, emphasis))
                    }
                    Some((open, _)) => {
                        *open = Some(here);
                        None
                    }
                    None => None,
                }
            }
        };
        if let Some((range, emphasis)) = closed {
            self.push(range, emphasis);
        }
    }

    fn push(&mut self, range: Range<usize>, emphasis: Emphasis) {
        if !range.is_empty() {
            self.emphasis.push((range, emphasis));
        }
    }
}

/// Headings (the lines given, in text order) and paragraphs (runs of other
/// non-blank lines).
fn blocks(text: &str, headings: &[(Range<usize>, u8)]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Option<Range<usize>> = None;
    let mut start = 0;
    // Headings before a line belong to none after it: each line looks only
    // at those from here on, not at every heading of the document.
    let mut ahead = headings;
    let flush = |paragraph: &mut Option<Range<usize>>, blocks: &mut Vec<Block>| {
        if let Some(range) = paragraph.take() {
            blocks.push(Block {
                range,
                kind: BlockKind::Paragraph,
            });
        }
    };
    for line in text.split_inclusive('\n') {
        let range = start..start + line.trim_end_matches('\n').len();
        start += line.len();
        let passed = ahead
            .iter()
            .take_while(|(h, _)| h.start < range.start)
            .count();
        ahead = &ahead[passed..];
        let heading = ahead
            .iter()
            .take_while(|(h, _)| h.start <= range.end)
            .find(|(h, _)| range.contains(&h.start) || (h.is_empty() && h.start == range.start));
        if let Some((_, level)) = heading {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block {
                range,
                kind: BlockKind::Heading(*level),
            });
        } else if line.trim().is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else {
            let from = paragraph.take().map_or(range.start, |p| p.start);
            paragraph = Some(from..range.end);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

/// Byte spans of markup, sorted and disjoint. All markup is ASCII, so
/// scanning bytes never splits a char.
///
/// Only the bytes that can start markup are looked at; whether a `#` starts
/// its line is judged by looking back from it.
pub fn markup_spans(s: &str, extent: Extent) -> Vec<Range<usize>> {
    MarkupSpans::from(s, extent, 0).collect()
}

/// The markup spans of `s` (see [`markup_spans`]) from a byte on, one at a
/// time. Started at a byte no span of the whole text runs across, it gives
/// the whole text's spans from there: whether a byte starts markup depends
/// only on the bytes from it on and on its line.
pub struct MarkupSpans<'s> {
    bytes: &'s [u8],
    extent: Extent,
    /// Where the text starts, past a byte-order mark.
    first: usize,
    at: usize,
    /// The first `*`, `_` or `<`, and the first `#`, `[` or `]`, from a
    /// byte at or before `at` (the text's length for none): each is looked
    /// for again only once `at` is past it.
    next_emphasis: usize,
    next_other: usize,
}

impl<'s> MarkupSpans<'s> {
    pub fn from(s: &'s str, extent: Extent, at: usize) -> Self {
        let first = if s.starts_with(BYTE_ORDER_MARK) {
            BYTE_ORDER_MARK.len()
        } else {
            0
        };
        let mut spans = MarkupSpans {
            bytes: s.as_bytes(),
            extent,
            first,
            at: at.max(first),
            next_emphasis: 0,
            next_other: 0,
        };
        spans.next_emphasis = spans.first_of(b"*_<");
        spans.next_other = spans.first_of(b"#[]");
        spans
    }

    /// The first of `three` bytes from `at` on, or the text's length.
    fn first_of(&self, three: &[u8; 3]) -> usize {
        let [a, b, c] = *three;
        memchr3(a, b, c, &self.bytes[self.at..]).map_or(self.bytes.len(), |offset| self.at + offset)
    }

    /// The first byte from `at` on that may start markup.
    fn next_start(&mut self) -> Option<usize> {
        if self.next_emphasis < self.at {
            self.next_emphasis = self.first_of(b"*_<");
        }
        if self.next_other < self.at {
            self.next_other = self.first_of(b"#[]");
        }
        let next = self.next_emphasis.min(self.next_other);
        (next < self.bytes.len()).then_some(next)
    }
}

impl Iterator for MarkupSpans<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let (bytes, first) = (self.bytes, self.first);
        while let Some(i) = self.next_start() {
            let span_end = match bytes[i] {
                b'#' if starts_line(bytes, first, i) => {
                    heading_marks_len(&bytes[i..]).map(|len| i + len)
                }
                b'#' => None,
                _ => markup_end(bytes, i, self.extent),
            };
            match span_end {
                Some(end) => {
                    self.at = end;
                    return Some(i..end);
                }
                None => self.at = i + 1,
            }
        }
        self.at = bytes.len();
        None
    }
}

/// End of the markup starting at `bytes[i]` (not a heading's `#`), if it is markup.
fn markup_end(bytes: &[u8], i: usize, extent: Extent) -> Option<usize> {
    match bytes[i] {
        b'*' => Some(i + 1),
        b'_' => {
            let run = bytes[i..].iter().take_while(|&&b| b == b'_').count();
            // A lone `_` is part of a word (snake_case); longer runs are emphasis.
            if run < 2 { None } else { Some(i + run) }
        }
        b'<' => dropped_tag_len(&bytes[i..]).map(|len| i + len),
        b'[' => bracket_is_markup(bytes, i, extent).then_some(i + 1),
        b']' => link_tail_end(bytes, i),
        _ => None,
    }
}

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
pub(crate) fn markup_spans_byte_by_byte(s: &str, extent: Extent) -> Vec<Range<usize>> {
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
            b'#' if at_line_start => heading_marks_len(&bytes[i..]).map(|len| i + len),
            b'#' => None,
            _ => markup_end(bytes, i, extent),
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

/// The heading marks and the blank after them.
fn heading_marks_len(rest: &[u8]) -> Option<usize> {
    let marks = rest.iter().take_while(|&&b| b == b'#').count();
    let followed_by_blank = matches!(rest.get(marks), Some(b' ' | b'\t'));
    (marks <= 6 && followed_by_blank).then_some(marks + 1)
}

fn bracket_is_markup(bytes: &[u8], open: usize, extent: Extent) -> bool {
    let slice = extent == Extent::Slice;
    match memchr2(b'[', b']', &bytes[open + 1..]) {
        None => slice,
        Some(offset) => {
            let next = open + 1 + offset;
            (slice && bytes[next] == b'[') || link_tail_end(bytes, next).is_some()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`blocks`] looking at every heading for every line.
    fn blocks_scanning_every_heading(text: &str, headings: &[(Range<usize>, u8)]) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut paragraph: Option<Range<usize>> = None;
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let range = start..start + line.trim_end_matches('\n').len();
            start += line.len();
            let heading = headings.iter().find(|(h, _)| {
                range.contains(&h.start) || (h.is_empty() && h.start == range.start)
            });
            if let Some((_, level)) = heading {
                blocks.extend(paragraph.take().map(|range| Block {
                    range,
                    kind: BlockKind::Paragraph,
                }));
                blocks.push(Block {
                    range,
                    kind: BlockKind::Heading(*level),
                });
            } else if line.trim().is_empty() {
                blocks.extend(paragraph.take().map(|range| Block {
                    range,
                    kind: BlockKind::Paragraph,
                }));
            } else {
                let from = paragraph.take().map_or(range.start, |p| p.start);
                paragraph = Some(from..range.end);
            }
        }
        blocks.extend(paragraph.map(|range| Block {
            range,
            kind: BlockKind::Paragraph,
        }));
        blocks
    }

    proptest::proptest! {
        #[test]
        fn blocks_are_those_found_by_scanning_every_heading(
            lines in proptest::collection::vec(("[a b]{0,6}", 0usize..4, 1u8..4), 0..30),
        ) {
            // A heading is the end of its line from some byte on, as the
            // text shown gives them: from after the marks to the line's end.
            let mut text = String::new();
            let mut headings = Vec::new();
            for (line, heading, level) in &lines {
                let start = text.len();
                text.push_str(line);
                if *heading == 0 {
                    let from = start + line.len().min(*level as usize);
                    headings.push((from..text.len(), *level));
                }
                text.push('\n');
            }
            proptest::prop_assert_eq!(
                blocks(&text, &headings),
                blocks_scanning_every_heading(&text, &headings)
            );
        }
    }
}
