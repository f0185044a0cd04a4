//! Where an annotation's passage is in the local copy of its document:
//! its position first, when the text there is its quote; else its quote
//! with its context; else its quote alone, when it occurs once.

use std::ops::Range;

use super::Selectors;
use crate::anchor::{Candidate, QuoteQuery, Resolution, resolve_all};
use crate::document::Quotable;
use crate::export::w3c::bytes_of;

#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// The passage's byte range.
    At(Range<usize>),
    /// The quote is not in the document; the passage most like it, when
    /// one is alike enough to suggest.
    NotFound { nearest: Option<Candidate> },
    /// The quote occurs at each of these places and nothing tells which.
    Ambiguous(Vec<Range<usize>>),
    /// The annotation has neither a quote nor a position.
    Nothing,
}

pub fn place<'t>(document: impl Into<Quotable<'t>>, selectors: &Selectors) -> Placed {
    let document = document.into();
    let text = document.text;
    let exact = selectors.exact.as_deref().filter(|e| !e.trim().is_empty());
    let at_position = selectors
        .position
        .clone()
        .and_then(|points| bytes_of(text, points))
        .filter(|bytes| !text[bytes.clone()].trim().is_empty());
    match (exact, at_position) {
        (None, Some(bytes)) => return Placed::At(bytes),
        (None, None) => return Placed::Nothing,
        (Some(exact), Some(bytes)) if text[bytes.clone()] == *exact => {
            return Placed::At(bytes);
        }
        _ => {}
    }
    let exact = exact.expect("handled above when absent");
    let query = QuoteQuery {
        quote: exact,
        prefix: selectors.prefix.as_deref().filter(|p| !p.trim().is_empty()),
        suffix: selectors.suffix.as_deref().filter(|s| !s.trim().is_empty()),
        occurrence: None,
        hint: None,
    };
    // Context that no longer fits is only a hint: the anchoring picks a
    // place by it only when the quote occurs once or one context is clearly
    // the most alike, the rule `crux check` follows.
    match resolve_all(document, &[query]).remove(0) {
        Resolution::Exact(range) | Resolution::Normalized(range) => Placed::At(range),
        Resolution::ContextChanged { place, .. } => Placed::At(place.range),
        Resolution::Ambiguous(places) => {
            Placed::Ambiguous(places.into_iter().map(|place| place.range).collect())
        }
        Resolution::NotFound { nearest, .. } => Placed::NotFound {
            nearest: nearest.into_iter().next(),
        },
        Resolution::NoSuchOccurrence { .. } => Placed::NotFound { nearest: None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(exact: &str, prefix: &str, suffix: &str, position: Option<Range<usize>>) -> Selectors {
        let given = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Selectors {
            exact: given(exact),
            prefix: given(prefix),
            suffix: given(suffix),
            position,
        }
    }

    const TEXT: &str = "Azərbaycan: four drones. Later, four drones again.";

    #[test]
    fn the_position_wins_when_its_text_is_the_quote() {
        let second = TEXT.rfind("four drones").unwrap();
        // Code points 32..43: "ə" is one code point, two bytes.
        let placed = place(TEXT, &quote("four drones", "", "", Some(32..43)));
        assert_eq!(placed, Placed::At(second..second + 11));
    }

    #[test]
    fn a_stale_position_falls_back_to_the_quote_and_its_context() {
        let second = TEXT.rfind("four drones").unwrap();
        let placed = place(TEXT, &quote("four drones", "Later, ", "", Some(0..11)));
        assert_eq!(placed, Placed::At(second..second + 11));
    }

    #[test]
    fn context_that_no_longer_matches_still_finds_a_quote_that_occurs_once() {
        let placed = place(TEXT, &quote("drones again", "Earlier, four ", "", None));
        let at = TEXT.find("drones again").unwrap();
        assert_eq!(placed, Placed::At(at..at + 12));
    }

    #[test]
    fn a_repeated_quote_without_context_is_ambiguous_not_guessed() {
        let placed = place(TEXT, &quote("four drones", "", "", None));
        assert!(matches!(placed, Placed::Ambiguous(places) if places.len() == 2));
        let placed = place(TEXT, &quote("four drones", "nowhere ", "", None));
        assert!(matches!(placed, Placed::Ambiguous(places) if places.len() == 2));
    }

    #[test]
    fn a_quote_not_found_comes_with_the_passage_most_like_it() {
        let Placed::NotFound {
            nearest: Some(nearest),
        } = place(TEXT, &quote("four drones agian", "", "", None))
        else {
            panic!("not found, with a nearest passage");
        };
        assert_eq!(&TEXT[nearest.range], "four drones again");
        assert!(matches!(
            place(
                TEXT,
                &quote("Completely unrelated words here", "", "", None)
            ),
            Placed::NotFound { nearest: None }
        ));
    }

    #[test]
    fn nothing_to_place_is_said() {
        assert_eq!(place(TEXT, &quote("", "", "", None)), Placed::Nothing);
        assert_eq!(
            place(TEXT, &quote("", "", "", Some(100..120))),
            Placed::Nothing
        );
        assert!(matches!(
            place(TEXT, &quote("five drones", "", "", None)),
            Placed::NotFound { .. }
        ));
    }
}
