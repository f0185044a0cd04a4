//! What remains open in a report: quotes not placed exactly, unreviewed
//! contradictions, unrelated claims.

use std::collections::HashMap;

use serde::Serialize;

use super::model::{SpanMatch, span_match};
use crate::diag::{Code, Diagnostic, Suggestion};
use crate::ix::ClaimIx;
use crate::model::Dataset;

#[derive(Debug, Clone, Serialize, Default)]
pub struct OpenProblems {
    pub quotes: Vec<QuoteProblem>,
    /// Indices into `relations` of contradictions with an unreviewed claim.
    pub unreviewed_contradictions: Vec<usize>,
    /// Claims with no `agrees` or `contradicts` link at all.
    pub unrelated_claims: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteProblem {
    pub claim: String,
    pub source: String,
    pub quote: String,
    #[serde(rename = "match")]
    pub match_kind: SpanMatch,
    /// Why, as `crux check` says it.
    pub reason: String,
    /// Where in the document the quote may belong, as `crux check --format json` gives it.
    pub suggestion: Option<Suggestion>,
}

pub(super) fn quote_problems(dataset: &Dataset, selected: &[ClaimIx]) -> Vec<QuoteProblem> {
    let mut out = Vec::new();
    let mut said_of_claim: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for diagnostic in &dataset.diagnostics {
        if let Some(claim) = diagnostic.claim.as_deref() {
            said_of_claim.entry(claim).or_default().push(diagnostic);
        }
    }
    for &c in selected {
        let claim = &dataset.claims[c];
        let said_of_this = said_of_claim
            .get(claim.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        for span in &claim.spans {
            let kind = span_match(span.anchor.as_ref());
            let said = said_of_this.iter().copied().find(|d| {
                d.span.as_ref() == Some(&span.quote_value)
                    || d.span.as_ref() == Some(&span.source_value)
            });
            // A quote placed verbatim is open only while its context is stale.
            if kind == SpanMatch::Exact && said.is_none_or(|d| d.code != Code::QuoteContextChanged)
            {
                continue;
            }
            let reason = match (said, dataset.source(&span.source)) {
                (Some(d), _) => d.message.clone(),
                (None, None) => format!("unknown source `{}`", span.source),
                (None, Some(s)) if s.document.is_none() => {
                    format!("source `{}` could not be read", s.path)
                }
                (None, Some(_)) => "the quote was not placed".to_string(),
            };
            out.push(QuoteProblem {
                claim: claim.id.clone(),
                source: span.source.clone(),
                quote: span.quote.clone(),
                match_kind: kind,
                reason,
                suggestion: said.and_then(|d| d.suggestion.as_deref().cloned()),
            });
        }
    }
    out
}
