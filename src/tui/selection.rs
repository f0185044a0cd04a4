//! A passage being selected in the reader, and how its moving end steps
//! through the text: by character, word, sentence or search match. Offsets
//! are bytes of the text shown and always fall on char boundaries.

use std::ops::Range;

use crate::text::floor_char_boundary;

/// The bytes between a selection's fixed end and its moving end.
pub fn range(anchor: usize, head: usize) -> Range<usize> {
    anchor.min(head)..anchor.max(head)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Char,
    Word,
    Sentence,
}

/// Where `at` moves by one `unit`: forward to the end of the next unit,
/// backward to the start of the previous one.
pub fn step(text: &str, at: usize, unit: Unit, forward: bool) -> usize {
    let at = floor_char_boundary(text, at.min(text.len()));
    match (unit, forward) {
        (Unit::Char, true) => text[at..].chars().next().map_or(at, |c| at + c.len_utf8()),
        (Unit::Char, false) => text[..at]
            .chars()
            .next_back()
            .map_or(at, |c| at - c.len_utf8()),
        (Unit::Word, true) => word_end(text, at),
        (Unit::Word, false) => word_start(text, at),
        (Unit::Sentence, true) => sentence_end(text, at),
        (Unit::Sentence, false) => sentence_start(text, at),
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

fn word_end(text: &str, at: usize) -> usize {
    let mut chars = text[at..].char_indices().peekable();
    while chars.next_if(|&(_, c)| !is_word(c)).is_some() {}
    while chars.next_if(|&(_, c)| is_word(c)).is_some() {}
    chars.peek().map_or(text.len(), |&(i, _)| at + i)
}

fn word_start(text: &str, at: usize) -> usize {
    let mut chars = text[..at].char_indices().rev().peekable();
    while chars.next_if(|&(_, c)| !is_word(c)).is_some() {}
    let mut start = chars.peek().map_or(0, |&(i, c)| i + c.len_utf8());
    while let Some((i, _)) = chars.next_if(|&(_, c)| is_word(c)) {
        start = i;
    }
    start
}

/// Closing marks that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Byte offsets just past each sentence end in `text`: `.`, `!` or `?` (with
/// any closing quotes) followed by whitespace or the end, and blank lines.
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    text.char_indices().filter_map(move |(i, c)| {
        let end = i + c.len_utf8();
        let next = text[end..].chars().next();
        let ends_sentence = match c {
            '.' | '!' | '?' => next.is_none_or(|n| n.is_whitespace() || is_closer(n)),
            c if is_closer(c) => {
                let before = text[..i].chars().next_back();
                matches!(before, Some('.' | '!' | '?')) && next.is_none_or(char::is_whitespace)
            }
            '\n' => bytes.get(end) == Some(&b'\n'),
            _ => false,
        };
        let closed = c != '\n' && next.is_some_and(is_closer);
        (ends_sentence && !closed).then_some(if c == '\n' { i } else { end })
    })
}

fn sentence_end(text: &str, at: usize) -> usize {
    let skipped = at + text[at..].len() - text[at..].trim_start().len();
    sentence_ends(text)
        .find(|&end| end > skipped)
        .unwrap_or(text.len())
}

fn sentence_start(text: &str, at: usize) -> usize {
    let before = text[..at].trim_end().len();
    let start = sentence_ends(text)
        .take_while(|&end| end < before)
        .last()
        .unwrap_or(0);
    start + text[start..].len() - text[start..].trim_start().len()
}

/// The next match of `query` (ignoring case) starting after `from` going
/// forward, or before `from` going backward; wraps around the text.
pub fn find(text: &str, query: &str, from: usize, forward: bool) -> Option<Range<usize>> {
    if query.is_empty() {
        return None;
    }
    let matches: Vec<Range<usize>> = text
        .char_indices()
        .filter_map(|(i, _)| match_at(text, i, query).map(|end| i..end))
        .collect();
    let found = if forward {
        matches.iter().find(|m| m.start >= from).or(matches.first())
    } else {
        matches
            .iter()
            .rev()
            .find(|m| m.start < from)
            .or(matches.last())
    };
    found.cloned()
}

/// The end of a match of `query` at byte `at`, comparing chars without
/// case, and a run of spaces in the query with any run of whitespace in
/// the text: a PDF's phrase may be broken across printed lines.
fn match_at(text: &str, at: usize, query: &str) -> Option<usize> {
    let mut end = at;
    let mut rest = text[at..].chars().peekable();
    let mut query = query.chars().peekable();
    while let Some(q) = query.next() {
        if q.is_whitespace() {
            while query.next_if(|c| c.is_whitespace()).is_some() {}
            let before = end;
            while let Some(c) = rest.next_if(|c| c.is_whitespace()) {
                end += c.len_utf8();
            }
            if end == before {
                return None;
            }
            continue;
        }
        let c = rest.next()?;
        if !c.to_lowercase().eq(q.to_lowercase()) {
            return None;
        }
        end += c.len_utf8();
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Baku said “no.” Then it went on. Next one!\n\nNew para.";

    fn walk(at: usize, unit: Unit, forward: bool, times: usize) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut here = at;
        for _ in 0..times {
            let next = step(TEXT, here, unit, forward);
            let (a, b) = (here.min(next), here.max(next));
            out.push(&TEXT[a..b]);
            here = next;
        }
        out
    }

    #[test]
    fn a_space_in_a_find_matches_a_line_break_in_the_text() {
        let text = "four Iranian\ndrones, four  Iranian drones";
        assert_eq!(find(text, "IRANIAN DRONES", 0, true), Some(5..19));
        assert_eq!(find(text, "iranian  drones", 6, true), Some(27..41));
        assert_eq!(find(text, "iraniandrones", 0, true), None);
    }

    #[test]
    fn words_step_to_word_ends_and_starts() {
        assert_eq!(walk(0, Unit::Word, true, 3), ["Baku", " said", " “no"]);
        let end = TEXT.find("went").unwrap() + 4;
        assert_eq!(walk(end, Unit::Word, false, 2), ["went", "it "]);
    }

    #[test]
    fn sentences_keep_their_closing_quotes() {
        assert_eq!(
            walk(0, Unit::Sentence, true, 4),
            [
                "Baku said “no.”",
                " Then it went on.",
                " Next one!",
                "\n\nNew para."
            ]
        );
        assert_eq!(
            walk(TEXT.len(), Unit::Sentence, false, 2),
            ["New para.", "Next one!\n\n"]
        );
    }

    #[test]
    fn chars_step_over_multibyte_chars() {
        let at = TEXT.find('“').unwrap();
        assert_eq!(step(TEXT, at, Unit::Char, true), at + '“'.len_utf8());
        assert_eq!(
            step(TEXT, at + 1, Unit::Char, false),
            at - 1,
            "from inside a char"
        );
    }

    #[test]
    fn find_wraps_and_ignores_case() {
        let then = TEXT.find("Then").unwrap();
        assert_eq!(find(TEXT, "then", 0, true), Some(then..then + 4));
        let new = TEXT.find("New").unwrap();
        assert_eq!(find(TEXT, "NEW", then, true), Some(new..new + 3));
        assert_eq!(find(TEXT, "baku", 10, true), Some(0..4), "wraps");
        assert_eq!(find(TEXT, "baku", 0, false), Some(0..4));
        assert_eq!(find(TEXT, "zzz", 0, true), None);
    }
}
