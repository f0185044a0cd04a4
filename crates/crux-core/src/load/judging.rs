//! What a quote's search found, judged: the anchor it gets and the
//! diagnostic that says what is wrong with it, located in the claims file
//! and in the document, with the passage and the repair to offer.

use std::ops::Range;

use crate::anchor::{
    Candidate, MAX_QUOTE_CHARS, MIN_SCORE, Resolution, Verdict, too_long_to_search, verdict,
    words_after, words_before,
};
use crate::diag::{Code, Diagnostic, Passage, Score, Suggestion, SuggestionKind};
use crate::document::Document;
use crate::model::{Anchor, MatchKind};
use crate::text::visible_line;

/// Longest excerpt of a document quoted in a diagnostic.
const EXCERPT_CHARS: usize = 160;
/// Most places listed for an ambiguous quote.
const PLACES_LISTED: usize = 8;
/// A quote whose surroundings are less alike than this to its prefix and
/// suffix is said to have moved rather than to have new neighbours.
const MOVED_BELOW: f64 = 0.5;

/// One quote and where it was looked for: the document (`path` as the
/// claims file names it, `text` its quotable text) and the claim's
/// `quote_value` in the claims file, where its diagnostic points.
pub(super) struct QuoteContext<'a> {
    pub path: &'a str,
    pub document: &'a Document,
    pub text: &'a str,
    pub claim_id: &'a str,
    pub quote_value: Range<usize>,
    pub quote: &'a str,
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
}

impl QuoteContext<'_> {
    fn anchor(&self, bytes: Range<usize>, kind: MatchKind) -> Anchor {
        Anchor {
            chars: self.document.char_range(&bytes),
            start: self.document.line_col(bytes.start),
            end: self.document.line_col(bytes.end),
            page: self.document.page_line(bytes.start),
            bytes,
            kind,
        }
    }

    fn place(&self, bytes: &Range<usize>) -> String {
        let at = self.document.line_col(bytes.start);
        format!("{}:{}:{}", self.path, at.line, at.col)
    }

    fn excerpt(&self, bytes: &Range<usize>) -> String {
        self.excerpt_of(&self.text[bytes.clone()])
    }

    fn diagnostic(&self, code: Code, message: String) -> Diagnostic {
        Diagnostic::new(code, message)
            .at(self.quote_value.clone())
            .claim(self.claim_id)
    }

    /// The document's text at `place`, with the context the span would need there.
    fn passage(&self, place: &Candidate) -> Passage {
        let bytes = trimmed(self.text, place.range.clone());
        let context_words =
            |written: Option<&str>| written.map(|w| w.split_whitespace().count().max(1));
        let prefix = context_words(self.prefix).map(|n| {
            words_before(self.text, bytes.start, n)
                .unwrap_or_default()
                .to_string()
        });
        let suffix = context_words(self.suffix).map(|n| {
            words_after(self.text, bytes.end, n)
                .unwrap_or_default()
                .to_string()
        });
        Passage {
            file: self.path.to_string(),
            start: self.document.line_col(bytes.start),
            end: self.document.line_col(bytes.end),
            byte_range: [bytes.start, bytes.end],
            text: self.text[bytes].to_string(),
            score: Score::new(place.similarity),
            context: place.context.map(Score::new),
            prefix,
            suffix,
        }
    }

    /// The anchor and the diagnostic that what the search found gives.
    pub fn judge(&self, resolution: Resolution) -> (Option<Anchor>, Option<Diagnostic>) {
        match resolution {
            Resolution::Exact(bytes) => (Some(self.anchor(bytes, MatchKind::Exact)), None),
            Resolution::Normalized(bytes) => {
                let d = self.normalized(&bytes);
                (Some(self.anchor(bytes, MatchKind::Normalized)), Some(d))
            }
            Resolution::ContextChanged { place, normalized } => {
                let d = self.context_changed(&place, normalized);
                let kind = if normalized {
                    MatchKind::Normalized
                } else {
                    MatchKind::Exact
                };
                (Some(self.anchor(place.range, kind)), Some(d))
            }
            Resolution::Ambiguous(places) => (None, Some(self.ambiguous(places))),
            Resolution::NoSuchOccurrence { requested, found } => {
                let path = self.path;
                let d = self
                    .diagnostic(Code::NoSuchOccurrence, format!("occurrence {requested} asked for, but the quote matches {found} time(s) in `{path}`"))
                    .label("no such occurrence")
                    .help(format!("use an `occurrence` from 1 to {found}"));
                (None, Some(d))
            }
            Resolution::NotFound { nearest, unseen } => {
                (None, Some(self.not_found(nearest, unseen)))
            }
        }
    }

    fn normalized(&self, bytes: &Range<usize>) -> Diagnostic {
        let path = self.path;
        let place = Candidate {
            range: bytes.clone(),
            similarity: 1.0,
            ..Candidate::default()
        };
        let mut d = self
            .diagnostic(
                Code::QuoteNormalized,
                format!("quote matches `{path}` only after normalization"),
            )
            .label(format!(
                "found at {} once quotes, dashes, accent forms, spacing or markup are ignored",
                self.place(bytes)
            ));
        if in_other_unicode_forms(self.quote, &self.text[bytes.clone()]) {
            d = d.note(OTHER_UNICODE_FORMS);
        }
        d.help(format!(
            "paste the exact source text: {}",
            crate::text::toml_string(&self.text[bytes.clone()])
        ))
        .suggest(self.suggestion(SuggestionKind::Normalized, vec![place], None))
    }

    fn context_changed(&self, place: &Candidate, normalized: bool) -> Diagnostic {
        let path = self.path;
        let kind = if place.context.is_some_and(|c| c < MOVED_BELOW) {
            SuggestionKind::Moved
        } else {
            SuggestionKind::ContextChanged
        };
        let passage = self.passage(place);
        let message = if place.by_hint {
            format!(
                "quote found more than once in `{path}`; placed at the one nearest its `line` hint"
            )
        } else {
            format!(
                "quote found in `{path}`, but the text around it is no longer its prefix/suffix"
            )
        };
        let mut d = self
            .diagnostic(Code::QuoteContextChanged, message)
            .label(format!(
                "found at {}{}",
                self.place(&place.range),
                if normalized {
                    " once quotes, dashes, accent forms, spacing or markup are ignored"
                } else {
                    ""
                }
            ));
        for (key, now) in [("prefix", &passage.prefix), ("suffix", &passage.suffix)] {
            if let Some(now) = now {
                d = d.note(format!(
                    "the document's {key} there is now \"{}\"",
                    self.excerpt_of(now)
                ));
            }
        }
        d.help(if place.by_hint {
            "`crux fix` writes the prefix/suffix that picks this place, and its line"
        } else {
            "`crux fix` updates the prefix/suffix to the document's text"
        })
        .suggest(self.suggestion(kind, vec![place.clone()], None))
    }

    fn ambiguous(&self, places: Vec<Candidate>) -> Diagnostic {
        let path = self.path;
        let mut d = self
            .diagnostic(Code::QuoteAmbiguous, format!("quote matches {} places in `{path}`", places.len()))
            .label("ambiguous")
            .help("add `prefix` or `suffix` (the text right before or after), or `occurrence = N`, to pick one");
        for (n, place) in places.iter().take(PLACES_LISTED).enumerate() {
            let context = place
                .context
                .map(|c| format!(" (context {}% alike)", Score::new(c).percent()))
                .unwrap_or_default();
            d = d.note(format!(
                "occurrence {} at {}{context}",
                n + 1,
                self.place(&place.range)
            ));
        }
        if places.len() > PLACES_LISTED {
            d = d.note(format!("and {} more", places.len() - PLACES_LISTED));
        }
        let listed = places.into_iter().take(PLACES_LISTED).collect();
        let why = "several places fit; pick one with `prefix`, `suffix` or `occurrence`";
        d.suggest(self.suggestion(SuggestionKind::Ambiguous, listed, Some(why.into())))
    }

    fn not_found(&self, nearest: Vec<Candidate>, unseen: f64) -> Diagnostic {
        let path = self.path;
        let mut d = self
            .diagnostic(Code::QuoteNotFound, format!("quote not found in `{path}`"))
            .label("not in the document");
        if let Some(best) = nearest.first()
            && in_other_unicode_forms(self.quote, &self.text[best.range.clone()])
        {
            d = d.note(OTHER_UNICODE_FORMS);
        }
        let alike = |c: &Candidate| format!("{}% alike", Score::new(c.similarity).percent());
        let (help, kind, why) = match verdict(&nearest, unseen, MIN_SCORE) {
            Verdict::Nothing if too_long_to_search(self.quote) => {
                return d.help(format!("the quote is over {MAX_QUOTE_CHARS} characters, too long for crux to look for a similar passage; copy it from the document"));
            }
            Verdict::Nothing => {
                return d.help(format!("no similar passage in `{path}`; check the span's `source` and copy the quote from the document"));
            }
            Verdict::Repair(best) => (
                format!(
                    "did you mean {} ({}): \"{}\"; `crux fix` rewrites the quote to it",
                    self.place(&best.range),
                    alike(best),
                    self.excerpt(&best.range)
                ),
                SuggestionKind::Edited,
                None,
            ),
            Verdict::TooFar(best) => (
                format!(
                    "the most alike passage, {} ({}), is too different to repair: \"{}\"",
                    self.place(&best.range),
                    alike(best),
                    self.excerpt(&best.range)
                ),
                SuggestionKind::Edited,
                Some(format!(
                    "the most alike passage is {}, below the {}% crux repairs",
                    alike(best),
                    Score::new(MIN_SCORE).percent()
                )),
            ),
            Verdict::Unsure(best) => (
                format!(
                    "did you mean {} ({}): \"{}\"? Passages too different to list could be about as alike, so `crux fix` leaves it to you",
                    self.place(&best.range),
                    alike(best),
                    self.excerpt(&best.range)
                ),
                SuggestionKind::Edited,
                Some(
                    "a passage too different to list could be about as alike; a person must choose"
                        .to_string(),
                ),
            ),
            Verdict::TooClose(best, second) => (
                format!(
                    "two passages are about as alike, {} ({}) and {} ({}); copy the right one from the document",
                    self.place(&best.range),
                    alike(best),
                    self.place(&second.range),
                    alike(second)
                ),
                SuggestionKind::Ambiguous,
                Some("two passages are about as alike; a person must choose".to_string()),
            ),
        };
        let listed = match kind {
            SuggestionKind::Ambiguous => nearest,
            _ => nearest.into_iter().take(1).collect(),
        };
        d.help(help).suggest(self.suggestion(kind, listed, why))
    }

    fn suggestion(
        &self,
        kind: SuggestionKind,
        places: Vec<Candidate>,
        not_repaired: Option<String>,
    ) -> Suggestion {
        Suggestion {
            kind,
            passages: places.iter().map(|place| self.passage(place)).collect(),
            repairable: not_repaired.is_none(),
            not_repaired,
        }
    }

    fn excerpt_of(&self, text: &str) -> String {
        let mut short: String = visible_line(text).chars().take(EXCERPT_CHARS).collect();
        if text.chars().count() > EXCERPT_CHARS {
            short.push('…');
        }
        short
    }
}

const OTHER_UNICODE_FORMS: &str = "the quote and the document write accented letters in different Unicode forms (composed and decomposed: NFC and NFD); they look alike but are different characters";

/// Whether one of two texts is in Unicode's composed form (NFC) and the
/// other is not: their accented letters look alike but are other chars.
fn in_other_unicode_forms(a: &str, b: &str) -> bool {
    use unicode_normalization::is_nfc;
    is_nfc(a) != is_nfc(b)
}

/// `range` without the whitespace at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let passage = &text[range.clone()];
    let start = range.start + (passage.len() - passage.trim_start().len());
    start..start + passage.trim().len()
}
