//! Fuzzy search over claims: id, text, quotes, topic and sources.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Dataset;

/// A field must score this much per query character to count as a match,
/// so scattered letters across a long quote do not.
const MIN_SCORE_PER_CHAR: i64 = 16;

pub struct Search {
    matcher: SkimMatcherV2,
    /// What each claim is searched by, field by field, built once per load.
    fields: Vec<Vec<String>>,
}

impl Search {
    pub fn new(dataset: &Dataset) -> Search {
        let fields = dataset
            .claims
            .iter()
            .map(|claim| {
                let mut fields = vec![claim.id.clone(), claim.text.clone(), claim.topic.clone()];
                for span in &claim.spans {
                    fields.push(span.quote.clone());
                    fields.push(span.source.clone());
                    if let Some(title) = dataset.source(&span.source).and_then(|s| s.title.clone())
                    {
                        fields.push(title);
                    }
                }
                fields
            })
            .collect();
        Search {
            matcher: SkimMatcherV2::default().ignore_case(),
            fields,
        }
    }

    /// Whether claim `index` matches `query` (an empty query matches all).
    pub fn matches(&self, index: usize, query: &str) -> bool {
        if query.is_empty() {
            return true;
        }
        let needed = MIN_SCORE_PER_CHAR * query.chars().count() as i64;
        self.fields.get(index).is_some_and(|fields| {
            fields
                .iter()
                .filter_map(|f| self.matcher.fuzzy_match(f, query))
                .any(|score| score >= needed)
        })
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
