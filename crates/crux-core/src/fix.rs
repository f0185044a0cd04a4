//! Which quotes `crux fix` can rewrite to the exact text of their source,
//! and to what. Pure: the command and the UI both apply the fixes as edits.
//!
//! A span is fixed when its diagnostic carries a repairable suggestion:
//! the quote matched only after normalization (`W0001`); it was found but
//! its `prefix`/`suffix` no longer fit (`W0011`, the context is updated);
//! or it was not found (`E0014`) and one passage is alike enough
//! ([`MIN_SCORE`]) and clearly better than the next ([`crate::anchor::clearly_better`]).
//! Every fix is checked to resolve exactly, to that passage, with crux's own
//! anchoring (without the position hint) before it is offered, and records
//! the line the quote starts on as the span's position hint (`line = N`).

use std::ops::Range;

pub use crate::anchor::MIN_SCORE;
use crate::anchor::{QuoteQuery, Resolution, disambiguate, resolve_all, same_but_for_whitespace};
use crate::diag::{Code, Diagnostic, Passage, Score, SuggestionKind};
use crate::document::{Document, Quotable};
use crate::edit::Edit;
use crate::ix::ClaimIx;
use crate::model::{Claim, Dataset, Span};

/// The diagnostics a fix can make go away.
const FIXABLE: [Code; 3] = [
    Code::QuoteNormalized,
    Code::QuoteContextChanged,
    Code::QuoteNotFound,
];

/// One quote to rewrite.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteFix {
    pub claim: String,
    /// 0-based, in file order.
    pub span: usize,
    pub old_quote: String,
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub why: FixReason,
    /// Where the rewritten quote points, as `path:line:col`.
    pub place: String,
    /// The line of the document it starts on, written as the span's
    /// position hint (`line = N`).
    pub line: usize,
    /// The diagnostic this fix makes go away.
    pub resolves: Diagnostic,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FixReason {
    /// The quote matched only after normalization.
    Normalized,
    /// The quote is there; the text around it changed.
    Context,
    /// The quote was not found; this passage is `score` alike.
    Edited { score: Score },
}

impl QuoteFix {
    pub fn edit(&self) -> Edit {
        Edit::SetQuote {
            claim: self.claim.clone(),
            span: self.span,
            quote: self.quote.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            line: Some(self.line),
        }
    }

    /// A short description, with the score of an edited passage:
    /// `claim-id: quote 1 rewritten to the passage at a.txt:3:5 (score 0.93)`.
    pub fn describe(&self) -> String {
        let (claim, n, place) = (&self.claim, self.span + 1, &self.place);
        match self.why {
            FixReason::Normalized => {
                format!("{claim}: quote {n} rewritten to the exact source text at {place}")
            }
            FixReason::Context => {
                format!("{claim}: prefix/suffix of quote {n} updated to the text around {place}")
            }
            FixReason::Edited { score } => format!(
                "{claim}: quote {n} rewritten to the passage at {place} (score {:.2})",
                score.get()
            ),
        }
    }
}

/// Every quote of `dataset` that can be rewritten, in claim and span order.
pub fn plan(dataset: &Dataset) -> Vec<QuoteFix> {
    plan_with(dataset, MIN_SCORE)
}

/// [`plan`], repairing edited passages only when they score at least
/// `min_score` (never less than [`MIN_SCORE`]).
pub fn plan_with(dataset: &Dataset, min_score: f64) -> Vec<QuoteFix> {
    let mut fixes = Vec::new();
    for claim in &dataset.claims {
        for (index, span) in claim.spans.iter().enumerate() {
            let Some(document) = dataset
                .source(&span.source)
                .and_then(|s| s.document.as_deref())
                .map(Document::quotable)
            else {
                continue;
            };
            if let Some(fix) = fix_span(dataset, claim, index, span, document, min_score) {
                fixes.push(fix);
            }
        }
    }
    fixes
}

/// The rewrite of one quote (span `span` of claim `claim`, as indices), by
/// the same rule as [`plan`]; `None` when [`plan`] would leave it alone.
pub fn plan_span(dataset: &Dataset, claim: ClaimIx, span: usize) -> Option<QuoteFix> {
    let claim = dataset.claims.get(claim.0)?;
    let quote = claim.spans.get(span)?;
    let document = dataset.source(&quote.source)?.document.as_deref()?;
    fix_span(dataset, claim, span, quote, document.quotable(), MIN_SCORE)
}

fn fix_span(
    dataset: &Dataset,
    claim: &Claim,
    index: usize,
    span: &Span,
    document: Quotable<'_>,
    min_score: f64,
) -> Option<QuoteFix> {
    let resolves = dataset.diagnostics.iter().find(|d| {
        FIXABLE.contains(&d.code)
            && d.claim.as_deref() == Some(&claim.id)
            && d.span.as_ref() == Some(&span.quote_value)
    })?;
    let suggestion = resolves.suggestion.as_deref().filter(|s| s.repairable)?;
    let passage = suggestion.passages.first()?;
    let why = match suggestion.kind {
        SuggestionKind::Normalized => FixReason::Normalized,
        SuggestionKind::Moved | SuggestionKind::ContextChanged => FixReason::Context,
        SuggestionKind::Edited if passage.score.get() >= min_score.max(MIN_SCORE) => {
            FixReason::Edited {
                score: passage.score,
            }
        }
        SuggestionKind::Edited | SuggestionKind::Ambiguous => return None,
    };
    let range = passage.byte_range[0]..passage.byte_range[1];
    if document.text.get(range.clone()) != Some(passage.text.as_str()) {
        return None;
    }
    let (quote, prefix, suffix) = anchoring_text(document, span, passage, range)?;
    Some(QuoteFix {
        claim: claim.id.clone(),
        span: index,
        old_quote: span.quote.clone(),
        quote,
        prefix,
        suffix,
        why,
        place: format!(
            "{}:{}:{}",
            passage.file, passage.start.line, passage.start.col
        ),
        line: passage.start.line,
        resolves: resolves.clone(),
    })
}

/// The quote, prefix and suffix that place the span exactly at `range`:
/// the span's own context keys kept and brought up to date with the
/// document, else the least context that picks the passage.
fn anchoring_text(
    document: Quotable<'_>,
    span: &Span,
    passage: &Passage,
    range: Range<usize>,
) -> Option<(String, Option<String>, Option<String>)> {
    let written = |had: &Option<String>, now: &Option<String>| {
        had.as_ref()
            .and(now.as_ref())
            .filter(|now| !now.is_empty())
            .cloned()
    };
    // The quote as written when only its whitespace differs from the
    // document's (a page's own line breaks are no better than a space).
    let quote = |document_text: String| {
        if same_but_for_whitespace(&span.quote, &document_text) {
            span.quote.trim().to_string()
        } else {
            document_text
        }
    };
    let updated = (
        quote(passage.text.clone()),
        written(&span.prefix, &passage.prefix),
        written(&span.suffix, &passage.suffix),
    );
    if resolves_exactly(document, &updated, span.occurrence, &range) {
        return Some(updated);
    }
    if span.occurrence.is_some() {
        return None;
    }
    let (text, prefix, suffix) = disambiguate(document, range.clone());
    let least = (quote(text), prefix, suffix);
    resolves_exactly(document, &least, None, &range).then_some(least)
}

fn resolves_exactly(
    document: Quotable<'_>,
    (quote, prefix, suffix): &(String, Option<String>, Option<String>),
    occurrence: Option<usize>,
    range: &Range<usize>,
) -> bool {
    let query = QuoteQuery {
        quote,
        prefix: prefix.as_deref(),
        suffix: suffix.as_deref(),
        occurrence,
        hint: None,
    };
    resolve_all(document, &[query])[0] == Resolution::Exact(range.clone())
}
