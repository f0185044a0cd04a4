//! Placeholder until the anchoring module lands: exact matches only.
use std::ops::Range;

#[derive(Debug, Clone, Copy, Default)]
pub struct QuoteQuery<'a> {
    pub quote: &'a str,
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
    pub occurrence: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Exact(Range<usize>),
    Normalized(Range<usize>),
    Ambiguous(Vec<Range<usize>>),
    NoSuchOccurrence { requested: usize, found: usize },
    NotFound { nearest: Option<Range<usize>> },
}

pub fn resolve_all(text: &str, queries: &[QuoteQuery<'_>]) -> Vec<Resolution> {
    queries
        .iter()
        .map(|q| {
            let found: Vec<_> = text
                .match_indices(q.quote.trim())
                .map(|(i, m)| i..i + m.len())
                .collect();
            match found.len() {
                0 => Resolution::NotFound { nearest: None },
                1 => Resolution::Exact(found[0].clone()),
                _ => Resolution::Ambiguous(found),
            }
        })
        .collect()
}
