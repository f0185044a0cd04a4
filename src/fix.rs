//! Which quotes `crux fix` can rewrite to the exact text of their source,
//! and to what. Pure: the command and the UI both apply the fixes as edits.
//!
//! A quote is fixed when it matched only after normalization (`W0001`), or
//! when it was not found (`E0014`) but one passage of its source is close
//! and unambiguous: at least [`MIN_SIMILARITY`] alike character by
//! character (after normalization), with the next best passage at least
//! [`MIN_MARGIN`] less alike. Every fix is checked to resolve exactly with
//! crux's own anchoring before it is offered.

use std::ops::Range;

use crate::anchor::{QuoteQuery, Resolution, disambiguate, normalize, resolve_all};
use crate::diag::{Code, Diagnostic};
use crate::edit::Edit;
use crate::model::{Claim, Dataset, MatchKind, Span};

/// How alike a not-found quote and a passage must be to replace one by the other.
pub const MIN_SIMILARITY: f64 = 0.85;
/// How much less alike the next best passage must be.
pub const MIN_MARGIN: f64 = 0.2;

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
    /// The diagnostic this fix makes go away.
    pub resolves: Diagnostic,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FixReason {
    /// The quote matched only after normalization.
    Normalized,
    /// The quote was not found; this passage is `similarity` alike.
    Close { similarity: f64 },
}

impl QuoteFix {
    pub fn edit(&self) -> Edit {
        Edit::SetQuote {
            claim: self.claim.clone(),
            span: self.span,
            quote: self.quote.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
        }
    }

    /// A short description: `claim-id: quote 1 rewritten to the exact source text`.
    pub fn describe(&self) -> String {
        let why = match self.why {
            FixReason::Normalized => "the exact source text".to_string(),
            FixReason::Close { similarity } => {
                format!("the passage {:.0}% alike", similarity * 100.0)
            }
        };
        format!("{}: quote {} rewritten to {why}", self.claim, self.span + 1)
    }
}

/// Every quote of `dataset` that can be rewritten, in claim and span order.
pub fn plan(dataset: &Dataset) -> Vec<QuoteFix> {
    let mut fixes = Vec::new();
    for claim in &dataset.claims {
        for (index, span) in claim.spans.iter().enumerate() {
            let Some(document) = dataset.source(&span.source).and_then(|s| s.text.as_deref())
            else {
                continue;
            };
            if let Some(fix) = fix_span(dataset, claim, index, span, document) {
                fixes.push(fix);
            }
        }
    }
    fixes
}

fn fix_span(
    dataset: &Dataset,
    claim: &Claim,
    index: usize,
    span: &Span,
    document: &str,
) -> Option<QuoteFix> {
    let diagnostic = |code: Code| {
        dataset.diagnostics.iter().find(|d| {
            d.code == code
                && d.claim.as_deref() == Some(&claim.id)
                && d.span.as_ref() == Some(&span.quote_value)
        })
    };
    let (range, why, resolves) = match &span.anchor {
        Some(anchor) if anchor.kind == MatchKind::Normalized => (
            anchor.bytes.clone(),
            FixReason::Normalized,
            diagnostic(Code::QuoteNormalized)?,
        ),
        Some(_) => return None,
        None => {
            let resolves = diagnostic(Code::QuoteNotFound)?;
            let (range, similarity) = close_passage(document, &span.quote)?;
            (range, FixReason::Close { similarity }, resolves)
        }
    };
    let (quote, mut prefix, mut suffix) = disambiguate(document, range.clone());
    if span.occurrence.is_some() || (prefix.is_none() && suffix.is_none()) {
        prefix = span.prefix.clone();
        suffix = span.suffix.clone();
    }
    let exact = document[range].trim();
    let query = QuoteQuery {
        quote: &quote,
        prefix: prefix.as_deref(),
        suffix: suffix.as_deref(),
        occurrence: span.occurrence,
    };
    let start = exact.as_ptr() as usize - document.as_ptr() as usize;
    if resolve_all(document, &[query])[0] != Resolution::Exact(start..start + exact.len()) {
        return None;
    }
    Some(QuoteFix {
        claim: claim.id.clone(),
        span: index,
        old_quote: span.quote.clone(),
        quote,
        prefix,
        suffix,
        why,
        resolves: resolves.clone(),
    })
}

/// The one passage of `document` close enough to `quote` to replace it,
/// with how alike they are.
fn close_passage(document: &str, quote: &str) -> Option<(Range<usize>, f64)> {
    let best = nearest(document, quote)?;
    let wanted = normalize(quote);
    let similarity = alike(&wanted, &document[best.clone()]);
    if similarity < MIN_SIMILARITY || normalize(&document[best.clone()]) == wanted {
        return None;
    }
    // The runner-up: the nearest passage once the best one is blanked out.
    let mut rest = document.to_string();
    rest.replace_range(best.clone(), &" ".repeat(best.len()));
    if let Some(second) = nearest(&rest, quote)
        && alike(&wanted, &rest[second]) > similarity - MIN_MARGIN
    {
        return None;
    }
    Some((best, similarity))
}

fn nearest(document: &str, quote: &str) -> Option<Range<usize>> {
    let query = QuoteQuery {
        quote,
        ..QuoteQuery::default()
    };
    match resolve_all(document, &[query]).remove(0) {
        Resolution::NotFound { nearest } => nearest,
        // Found once blanked out: the quote is there twice, nothing is close.
        _ => None,
    }
}

/// 0..=1: how alike two texts are, character by character, once normalized.
fn alike(normalized_quote: &str, passage: &str) -> f64 {
    let passage = normalize(passage);
    f64::from(similar::TextDiff::from_chars(normalized_quote, passage.as_str()).ratio())
}
