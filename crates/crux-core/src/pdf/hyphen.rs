//! Whether a hyphen at the end of a line breaks a word or belongs to it.
//!
//! A soft hyphen says the word was broken. A plain hyphen is the
//! document's own spelling when the document writes the word with a
//! hyphen elsewhere; the hyphenation of the typesetter when it writes it
//! whole elsewhere; and otherwise the hyphenation only between two
//! lowercase letters: next to a capital, a digit or a stop
//! (`IRGC-affiliated`, `2025-2026`, `Iran-Israel`, `U.S.-brokered`)
//! compounds are the rule and hyphenation the exception, and so are
//! compound numbers (`sixty-four`). A dash ending a word (`and—`) is
//! joined to the next word without a space.

use std::collections::HashSet;

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineEnd {
    /// A soft hyphen, alone or before the hyphen glyph drawn for it.
    SoftHyphen,
    /// A hyphen ending a word.
    Hyphen,
    /// An en or em dash ending a word, as in `and—significantly—with`.
    Dash,
    Other,
}

pub(crate) fn line_end(text: &str) -> LineEnd {
    let mut chars = text.chars().rev();
    match chars.next() {
        Some('\u{ad}') => LineEnd::SoftHyphen,
        Some('-' | '\u{2010}' | '\u{2011}') => match chars.next() {
            Some('\u{ad}') => LineEnd::SoftHyphen,
            Some(c) if !c.is_whitespace() => LineEnd::Hyphen,
            _ => LineEnd::Other,
        },
        Some('–' | '—') => match chars.next() {
            Some(c) if !c.is_whitespace() => LineEnd::Dash,
            _ => LineEnd::Other,
        },
        _ => LineEnd::Other,
    }
}

/// The words a document writes within its lines, lowercased: each piece
/// between hyphens and each hyphenated pair (`irgc-affiliated`), so that
/// a line end can be checked against the document's own spelling.
#[derive(Debug, Default)]
pub(crate) struct Spellings {
    words: HashSet<String>,
}

impl Spellings {
    /// `lines`: the text of every line; the first and last word of a line
    /// may be halves of a broken word, so only the words between count.
    pub(crate) fn new<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words = HashSet::new();
        for line in lines {
            let tokens: Vec<&str> = line.split(' ').collect();
            if tokens.len() < 3 {
                continue;
            }
            for token in &tokens[1..tokens.len() - 1] {
                let token = trim_punctuation(token).replace('\u{ad}', "").to_lowercase();
                let pieces: Vec<&str> = token.split(['-', '\u{2010}', '\u{2011}']).collect();
                for pair in pieces.windows(2) {
                    words.insert(format!("{}-{}", pair[0], pair[1]));
                }
                words.extend(pieces.into_iter().map(str::to_string));
            }
        }
        Spellings { words }
    }

    /// Whether `before` (the line's last word, its hyphen removed) and
    /// `after` (the next line's first word) are one word broken by the
    /// typesetter: true to join them without the hyphen.
    pub(crate) fn is_broken_word(&self, before: &str, after: &str) -> bool {
        let left = before
            .rsplit(['-', '\u{2010}', '\u{2011}'])
            .next()
            .unwrap_or(before);
        let right = after
            .split(['-', '\u{2010}', '\u{2011}'])
            .next()
            .unwrap_or(after);
        let right = trim_punctuation(right);
        let (Some(last), Some(first)) = (left.chars().last(), right.chars().next()) else {
            return false;
        };
        let (left_lower, right_lower) = (left.to_lowercase(), right.to_lowercase());
        if self.words.contains(&format!("{left_lower}-{right_lower}")) {
            return false;
        }
        if self.words.contains(&format!("{left_lower}{right_lower}")) {
            return true;
        }
        let number = TENS.contains(&left_lower.as_str()) && UNITS.contains(&right_lower.as_str());
        last.is_lowercase() && first.is_lowercase() && !number
    }
}

/// Compound numbers (`sixty-four`) are always written with their hyphen.
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const UNITS: [&str; 9] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

fn trim_punctuation(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric() && c != '\u{ad}')
}
