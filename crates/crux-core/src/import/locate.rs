//! Where each annotation is: its source (by `--map`, `url` or path) and
//! its passage in the local copy of the document, written as a quote that
//! crux's own anchoring places there and nowhere else.

use std::ops::Range;

use super::Annotation;
use super::place::{Placed, place};
use super::plan::Options;
use crate::anchor::{QuoteQuery, Resolution, disambiguate, resolve_all};
use crate::diag::{Code, Diagnostic, Score};
use crate::document::Document;
use crate::export::percent_decode;
use crate::model::{Dataset, Source};
use crate::text::one_line;

/// One annotation placed in its document.
#[derive(Debug, Clone)]
pub(super) struct Placement<'a> {
    pub annotation: &'a Annotation,
    pub source: &'a Source,
    /// The passage, outer whitespace trimmed.
    pub bytes: Range<usize>,
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

pub(super) fn problem(annotation: &Annotation, code: Code, message: String) -> Diagnostic {
    let mut d = Diagnostic::new(code, message);
    d.span = annotation.at.clone();
    d
}

pub(super) fn placement<'a>(
    dataset: &'a Dataset,
    annotation: &'a Annotation,
    options: &Options,
) -> Result<Placement<'a>, Diagnostic> {
    let name = &annotation.name;
    let source = source_of(dataset, annotation, options)?;
    let Some(document) = source.document.as_deref() else {
        return Err(problem(
            annotation,
            Code::SourceUnreadable,
            format!(
                "{name}: the document of source `{}` cannot be read",
                source.id
            ),
        )
        .help("run `crux check` to see why"));
    };
    let text = document.quoted();
    let bytes = match place(document.quotable(), &annotation.selectors) {
        Placed::At(bytes) => bytes,
        Placed::Nothing => {
            return Err(problem(
                annotation,
                Code::EmptyValue,
                format!("{name} quotes nothing: it has no TextQuoteSelector or position"),
            )
            .label("no passage"));
        }
        Placed::Ambiguous(places) => {
            let at: Vec<String> = places
                .iter()
                .map(|r| where_in(source, document, r.start))
                .collect();
            return Err(problem(
                annotation,
                Code::QuoteAmbiguous,
                format!(
                    "{name}: its quote occurs {} times in `{}`",
                    places.len(),
                    source.path
                ),
            )
            .label("cannot tell which passage")
            .note(format!("it occurs at {}", at.join(", ")))
            .help("give the annotation more context (prefix or suffix), then import again"));
        }
        Placed::NotFound { nearest } => {
            let mut d = problem(
                annotation,
                Code::QuoteNotFound,
                format!("{name}: its quote is not in `{}`", source.path),
            )
            .label("does not anchor")
            .help("the local copy may differ from the annotated page: compare them");
            if let Some(nearest) = nearest {
                let excerpt: String = one_line(&text[nearest.range.clone()])
                    .chars()
                    .take(60)
                    .collect();
                d = d.note(format!(
                    "nearest passage: {}: \"{excerpt}\" ({}% alike)",
                    where_in(source, document, nearest.range.start),
                    Score::new(nearest.similarity).percent()
                ));
            }
            return Err(d);
        }
    };
    let (quote, prefix, suffix) = disambiguate(document.quotable(), bytes.clone());
    let passage = &text[bytes.clone()];
    let start = bytes.start + (passage.len() - passage.trim_start().len());
    let trimmed = start..start + passage.trim().len();
    let query = QuoteQuery {
        quote: &quote,
        prefix: prefix.as_deref(),
        suffix: suffix.as_deref(),
        occurrence: None,
        hint: None,
    };
    if resolve_all(document.quotable(), &[query])[0] != Resolution::Exact(trimmed.clone()) {
        return Err(problem(
            annotation,
            Code::QuoteAmbiguous,
            format!(
                "{name}: no quote with context of up to 24 words tells its passage from others in `{}`",
                source.path
            ),
        )
        .label("cannot be quoted unambiguously"));
    }
    Ok(Placement {
        annotation,
        source,
        bytes: trimmed,
        quote,
        prefix,
        suffix,
    })
}

fn where_in(source: &Source, document: &Document, byte: usize) -> String {
    let at = document.line_col(byte);
    format!("{}:{}:{}", source.path, at.line, at.col)
}

/// The source an annotation's document is: named by `--map`, declared
/// with its `url`, or (for crux's own exports) its path.
fn source_of<'a>(
    dataset: &'a Dataset,
    annotation: &Annotation,
    options: &Options,
) -> Result<&'a Source, Diagnostic> {
    let Some(uri) = annotation.uri.as_deref() else {
        return Err(problem(
            annotation,
            Code::MissingField,
            format!(
                "{} names no document (its target has no source)",
                annotation.name
            ),
        ));
    };
    let without_fragment = |u: &str| {
        u.split('#')
            .next()
            .unwrap_or(u)
            .trim_end_matches('/')
            .to_string()
    };
    let mapped = options
        .map
        .iter()
        .find(|(from, _)| without_fragment(from) == without_fragment(uri))
        .and_then(|(_, id)| dataset.source(id));
    let declared = || {
        dataset.sources.iter().find(|s| {
            s.url
                .as_deref()
                .is_some_and(|url| without_fragment(url) == without_fragment(uri))
        })
    };
    let by_path = || {
        let path = percent_decode(uri)?;
        dataset.sources.iter().find(|s| s.path == path)
    };
    mapped.or_else(declared).or_else(by_path).ok_or_else(|| {
        let shown = crate::text::visible_line(uri);
        problem(
            annotation,
            Code::UnknownSource,
            format!("{}: no source is the document `{shown}`", annotation.name),
        )
        .label("unknown document")
        .help(format!(
            "add `url = \"{shown}\"` to its source in the claims file, or give `--map '{shown}=SOURCE'`"
        ))
    })
}
