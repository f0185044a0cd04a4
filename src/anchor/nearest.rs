//! The passage of a source that looks most like a quote that was not found.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Below this share of the quote's words found in one place, a passage is
/// more likely a coincidence than the quote's true origin.
const MIN_SHARED_WORDS_PERCENT: usize = 40;

/// A word of a normalized text: lowercased, with its byte range in that text.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub lower: String,
    pub range: Range<usize>,
}

/// Alphanumeric runs of `s`, lowercased so that matching ignores case.
pub(crate) fn words(s: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, ch) in s.char_indices().chain([(s.len(), ' ')]) {
        match (ch.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(begin)) => {
                words.push(Word {
                    lower: s[begin..i].to_lowercase(),
                    range: begin..i,
                });
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// The normalized byte range of the window of `text_words` sharing the most
/// words and word pairs with `quote_words`, trimmed to its first and last
/// shared word; `None` if even the best window shares too few words.
pub(crate) fn nearest_passage(text_words: &[Word], quote_words: &[Word]) -> Option<Range<usize>> {
    if quote_words.is_empty() || text_words.is_empty() {
        return None;
    }
    let mut vocabulary: HashMap<&str, usize> = HashMap::new();
    let mut needed: Vec<usize> = Vec::new();
    let quote_ids: Vec<usize> = quote_words
        .iter()
        .map(|word| {
            let id = *vocabulary.entry(word.lower.as_str()).or_insert_with(|| {
                needed.push(0);
                needed.len() - 1
            });
            needed[id] += 1;
            id
        })
        .collect();
    let quote_pairs: HashSet<(usize, usize)> = quote_ids
        .windows(2)
        .map(|pair| (pair[0], pair[1]))
        .collect();
    let text_ids: Vec<Option<usize>> = text_words
        .iter()
        .map(|word| vocabulary.get(word.lower.as_str()).copied())
        .collect();
    let pair_shared: Vec<bool> = text_ids
        .windows(2)
        .map(|pair| matches!(pair, [Some(a), Some(b)] if quote_pairs.contains(&(*a, *b))))
        .collect();

    let width = quote_words.len() + quote_words.len() / 4 + 1;
    let mut counts = vec![0usize; needed.len()];
    let mut shared_words = 0;
    let mut shared_pairs = 0;
    let mut start = 0;
    let mut best: Option<(usize, Range<usize>, usize)> = None;
    for end in 0..text_ids.len() {
        if let Some(id) = text_ids[end] {
            counts[id] += 1;
            if counts[id] <= needed[id] {
                shared_words += 1;
            }
        }
        if end > start && pair_shared[end - 1] {
            shared_pairs += 1;
        }
        if end + 1 - start > width {
            if let Some(id) = text_ids[start] {
                if counts[id] <= needed[id] {
                    shared_words -= 1;
                }
                counts[id] -= 1;
            }
            if pair_shared[start] {
                shared_pairs -= 1;
            }
            start += 1;
        }
        let score = 2 * shared_words + shared_pairs;
        if best
            .as_ref()
            .is_none_or(|(best_score, _, _)| score > *best_score)
        {
            best = Some((score, start..end + 1, shared_words));
        }
    }

    let (_, window, shared_words) = best?;
    if shared_words == 0 || shared_words * 100 < quote_words.len() * MIN_SHARED_WORDS_PERCENT {
        return None;
    }
    let first = window.clone().find(|&i| text_ids[i].is_some())?;
    let last = window.rev().find(|&i| text_ids[i].is_some())?;
    Some(text_words[first].range.start..text_words[last].range.end)
}
