//! The quote, and the least context, that anchor a chosen passage.

use std::ops::Range;

use super::{QuoteQuery, Resolution, resolve_all};
use crate::document::Quotable;

/// Most words of context tried on each side before giving up.
const MAX_CONTEXT_WORDS: usize = 24;

/// The exact text at `range` of `document` (outer whitespace trimmed) and,
/// when that text occurs more than once, the shortest prefix and/or suffix,
/// grown word by word from the surrounding text, with which crux's own
/// anchoring resolves to exactly that passage. When no context up to
/// [`MAX_CONTEXT_WORDS`] words does, the longest tried is returned.
pub fn disambiguate<'t>(
    document: impl Into<Quotable<'t>>,
    range: Range<usize>,
) -> (String, Option<String>, Option<String>) {
    let quotable = document.into();
    let document = quotable.text;
    let passage = &document[range.clone()];
    let start = range.start + (passage.len() - passage.trim_start().len());
    let end = start + passage.trim().len();
    let quote = &document[start..end];
    let resolves = |prefix: Option<&str>, suffix: Option<&str>| {
        let query = QuoteQuery {
            quote,
            prefix,
            suffix,
            occurrence: None,
            hint: None,
        };
        resolve_all(quotable, &[query])[0] == Resolution::Exact(start..end)
    };
    if resolves(None, None) {
        return (quote.to_string(), None, None);
    }
    let mut last = (None, None);
    for words in 1..=MAX_CONTEXT_WORDS {
        let prefix = words_before(document, start, words);
        let suffix = words_after(document, end, words);
        for (p, s) in [(prefix, None), (None, suffix), (prefix, suffix)] {
            if (p.is_some() || s.is_some()) && resolves(p, s) {
                return (
                    quote.to_string(),
                    p.map(str::to_string),
                    s.map(str::to_string),
                );
            }
        }
        last = (prefix, suffix);
    }
    (
        quote.to_string(),
        last.0.map(str::to_string),
        last.1.map(str::to_string),
    )
}

/// The last `count` whitespace-separated words before byte `at`.
pub fn words_before(text: &str, at: usize, count: usize) -> Option<&str> {
    let before = text[..at].trim_end();
    let mut start = before.len();
    for _ in 0..count {
        let rest = before[..start].trim_end();
        if rest.is_empty() {
            break;
        }
        start = rest
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
    }
    let words = before[start..].trim();
    (!words.is_empty()).then_some(words)
}

/// The first `count` whitespace-separated words after byte `at`.
pub fn words_after(text: &str, at: usize, count: usize) -> Option<&str> {
    let after = text[at..].trim_start();
    let mut end = 0;
    for _ in 0..count {
        let rest = &after[end..];
        let skipped = rest.len() - rest.trim_start().len();
        if rest.trim_start().is_empty() {
            break;
        }
        let word = rest.trim_start();
        end += skipped + word.find(char::is_whitespace).unwrap_or(word.len());
    }
    let words = after[..end].trim();
    (!words.is_empty()).then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(
        document: &str,
        (quote, prefix, suffix): &(String, Option<String>, Option<String>),
    ) -> Resolution {
        let query = QuoteQuery {
            quote,
            prefix: prefix.as_deref(),
            suffix: suffix.as_deref(),
            occurrence: None,
            hint: None,
        };
        resolve_all(document, &[query]).remove(0)
    }

    #[test]
    fn a_unique_passage_needs_no_context() {
        let doc = "Four drones struck. The airport was hit.";
        let found = disambiguate(doc, 20..40);
        assert_eq!(found, ("The airport was hit.".to_string(), None, None));
        assert_eq!(resolve(doc, &found), Resolution::Exact(20..40));
    }

    #[test]
    fn a_repeated_passage_gets_the_shortest_context_that_picks_it() {
        let doc =
            "Baku said drones struck. Tehran said drones struck. Baku said drones struck again.";
        let second = doc.find("Tehran said ").unwrap() + "Tehran said ".len();
        let found = disambiguate(doc, second..second + "drones struck".len());
        assert_eq!(
            found,
            (
                "drones struck".to_string(),
                Some("Tehran said".to_string()),
                None
            )
        );
        assert_eq!(resolve(doc, &found), Resolution::Exact(second..second + 13));

        let third = doc.rfind("drones struck").unwrap();
        let found = disambiguate(doc, third..third + 13);
        assert_eq!(
            found,
            (
                "drones struck".to_string(),
                None,
                Some("again.".to_string())
            )
        );
        assert_eq!(resolve(doc, &found), Resolution::Exact(third..third + 13));

        let first = doc.find("drones struck").unwrap();
        let found = disambiguate(doc, first..first + 13);
        assert_eq!(
            found,
            (
                "drones struck".to_string(),
                None,
                Some(". Tehran".to_string())
            )
        );
        assert_eq!(resolve(doc, &found), Resolution::Exact(first..first + 13));
    }

    #[test]
    fn context_words_split_at_multi_byte_spaces() {
        // No-break and thin spaces between the words before the quote.
        let doc = "Baku\u{a0}said\u{2009}drones struck. Tehran\u{a0}said drones struck.";
        let second = doc.rfind("drones struck").unwrap();
        let found = disambiguate(doc, second..second + "drones struck".len());
        assert_eq!(found.0, "drones struck");
        assert_eq!(
            resolve(doc, &found),
            Resolution::Exact(second..second + "drones struck".len())
        );
    }

    #[test]
    fn outer_whitespace_is_left_out_of_the_quote() {
        let doc = "one two\n three two";
        let found = disambiguate(doc, 3..9);
        assert_eq!(found.0, "two");
        assert_eq!(resolve(doc, &found), Resolution::Exact(4..7));
    }
}
