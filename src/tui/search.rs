//! Fuzzy search over claims: id, text, quotes, topic and source titles.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Dataset;

pub struct Search {
    matcher: SkimMatcherV2,
    /// What each claim is searched by, built once per load.
    haystacks: Vec<String>,
}

impl Search {
    pub fn new(dataset: &Dataset) -> Search {
        let haystacks = dataset
            .claims
            .iter()
            .map(|claim| {
                let mut text = format!("{} {} {}", claim.id, claim.text, claim.topic);
                if let Some(topic) = dataset.topic(&claim.topic) {
                    text.push(' ');
                    text.push_str(&topic.question);
                }
                for span in &claim.spans {
                    text.push(' ');
                    text.push_str(&span.quote);
                    text.push(' ');
                    text.push_str(&span.source);
                    if let Some(source) = dataset.source(&span.source) {
                        text.push(' ');
                        text.push_str(source.display_name());
                    }
                }
                text
            })
            .collect();
        Search {
            matcher: SkimMatcherV2::default().ignore_case(),
            haystacks,
        }
    }

    /// Whether claim `index` matches `query` (an empty query matches all).
    pub fn matches(&self, index: usize, query: &str) -> bool {
        query.is_empty()
            || self
                .haystacks
                .get(index)
                .is_some_and(|h| self.matcher.fuzzy_match(h, query).is_some())
    }

    /// Char indices of `shown` that match `query`, for highlighting.
    pub fn highlights(&self, shown: &str, query: &str) -> Vec<usize> {
        if query.is_empty() {
            return Vec::new();
        }
        self.matcher
            .fuzzy_indices(shown, query)
            .map(|(_, indices)| indices)
            .unwrap_or_default()
    }
}
