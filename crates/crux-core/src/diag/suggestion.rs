//! The machine-readable side of a quote diagnostic: where in the document
//! the quote may belong, how alike that passage is, and whether `crux fix`
//! rewrites the quote to it.

use serde::{Serialize, Serializer};

use crate::text::LineCol;

/// What happened to a quote's passage, as far as crux can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// The passage is there once spacing, quotes, dashes or markup are ignored.
    Normalized,
    /// The quote is there, but none of the text around it is what the
    /// span's `prefix`/`suffix` says: it sits in new surroundings.
    Moved,
    /// The quote is there, but the text right around it changed.
    ContextChanged,
    /// The passage itself was edited: a word changed, a typo fixed.
    Edited,
    /// Several places are about as alike; a person must choose.
    Ambiguous,
}

/// A score from 0 to 1, kept in thousandths so that diagnostics compare exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score(u16);

impl Score {
    pub fn new(value: f64) -> Self {
        Score((value.clamp(0.0, 1.0) * 1000.0).round() as u16)
    }

    pub fn get(self) -> f64 {
        f64::from(self.0) / 1000.0
    }

    /// Whole percent, rounded down so that 99.9% never shows as 100%.
    pub fn percent(self) -> u16 {
        self.0 / 10
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.get())
    }
}

/// One passage of a document a quote may belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// The document's path as the claims file writes it.
    pub file: String,
    pub start: LineCol,
    pub end: LineCol,
    pub byte_range: [usize; 2],
    /// The document's exact text there.
    pub text: String,
    /// How alike the passage is to the quote (1 when it is the quote).
    pub score: Score,
    /// How alike the text around it is to the span's `prefix`/`suffix`;
    /// absent when the span has neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Score>,
    /// The document's text right before and after the passage, as many
    /// words as the span's `prefix`/`suffix`; absent when the span has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    /// Best first; for an ambiguous quote, every place listed.
    pub passages: Vec<Passage>,
    /// Whether `crux fix` rewrites the span to the first passage.
    pub repairable: bool,
    /// Why it does not, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_repaired: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_round_to_thousandths_and_serialize_as_numbers() {
        assert_eq!(Score::new(0.93456).get(), 0.935);
        assert_eq!(Score::new(1.7).get(), 1.0);
        assert_eq!(Score::new(-1.0).get(), 0.0);
        assert_eq!(Score::new(0.9996).percent(), 100);
        assert_eq!(Score::new(0.9994).percent(), 99);
        assert_eq!(serde_json::to_string(&Score::new(0.5)).unwrap(), "0.5");
    }
}
