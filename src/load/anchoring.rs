//! Reads each document once and places all of its quotes in one pass.

use std::path::Path;

use super::sources::read_source;
use crate::anchor::{QuoteQuery, Resolution, resolve_all};
use crate::diag::{Code, Diagnostic};
use crate::model::{Anchor, Dataset, MatchKind, Source};
use crate::text::{LineIndex, visible_line};

/// Longest excerpt of a document quoted in a diagnostic.
const EXCERPT_CHARS: usize = 160;
/// Most places listed for an ambiguous quote.
const PLACES_LISTED: usize = 8;

pub fn read_and_anchor(dataset: &mut Dataset, base: &Path) {
    let mut diagnostics = Vec::new();
    for source in &mut dataset.sources {
        if source.path.trim().is_empty() {
            continue;
        }
        match read_source(base, &source.path) {
            Ok(text) => {
                source.lines = LineIndex::new(&text);
                source.text = Some(text);
            }
            Err(d) => {
                diagnostics.push(d.at(source.path_value.clone()));
            }
        }
    }
    let mut by_source: Vec<Vec<(usize, usize)>> = vec![Vec::new(); dataset.sources.len()];
    for (c, claim) in dataset.claims.iter().enumerate() {
        for (s, span) in claim.spans.iter().enumerate() {
            if let Some(source) = dataset.source_index(&span.source) {
                by_source[source].push((c, s));
            }
        }
    }
    for (source_index, members) in by_source.iter().enumerate() {
        let source = &dataset.sources[source_index];
        let Some(text) = source.text.as_deref() else {
            continue;
        };
        let queries: Vec<QuoteQuery<'_>> = members
            .iter()
            .map(|&(c, s)| {
                let span = &dataset.claims[c].spans[s];
                QuoteQuery {
                    quote: &span.quote,
                    prefix: span.prefix.as_deref(),
                    suffix: span.suffix.as_deref(),
                    occurrence: span.occurrence,
                }
            })
            .collect();
        let resolutions = resolve_all(text, &queries);
        let mut anchors = Vec::with_capacity(members.len());
        for (&(c, s), resolution) in members.iter().zip(resolutions) {
            let claim = &dataset.claims[c];
            let span = &claim.spans[s];
            let context = QuoteContext {
                source,
                text,
                claim_id: &claim.id,
                quote_value: span.quote_value.clone(),
            };
            let (anchor, diagnostic) = context.judge(resolution);
            anchors.push((c, s, anchor));
            diagnostics.extend(diagnostic);
        }
        for (c, s, anchor) in anchors {
            dataset.claims[c].spans[s].anchor = anchor;
        }
    }
    dataset.diagnostics.extend(diagnostics);
}

struct QuoteContext<'a> {
    source: &'a Source,
    text: &'a str,
    claim_id: &'a str,
    quote_value: std::ops::Range<usize>,
}

impl QuoteContext<'_> {
    fn anchor(&self, bytes: std::ops::Range<usize>, kind: MatchKind) -> Anchor {
        let lines = &self.source.lines;
        Anchor {
            chars: lines.char_range(self.text, &bytes),
            start: lines.line_col(self.text, bytes.start),
            end: lines.line_col(self.text, bytes.end),
            bytes,
            kind,
        }
    }

    fn place(&self, bytes: &std::ops::Range<usize>) -> String {
        let at = self.source.lines.line_col(self.text, bytes.start);
        format!("{}:{}:{}", self.source.path, at.line, at.col)
    }

    fn excerpt(&self, bytes: &std::ops::Range<usize>) -> String {
        let passage = &self.text[bytes.clone()];
        let mut short: String = visible_line(passage).chars().take(EXCERPT_CHARS).collect();
        if passage.chars().count() > EXCERPT_CHARS {
            short.push('…');
        }
        short
    }

    fn diagnostic(&self, code: Code, message: String) -> Diagnostic {
        Diagnostic::new(code, message)
            .at(self.quote_value.clone())
            .claim(self.claim_id)
    }

    fn judge(&self, resolution: Resolution) -> (Option<Anchor>, Option<Diagnostic>) {
        let path = &self.source.path;
        match resolution {
            Resolution::Exact(bytes) => (Some(self.anchor(bytes, MatchKind::Exact)), None),
            Resolution::Normalized(bytes) => {
                let d = self
                    .diagnostic(
                        Code::QuoteNormalized,
                        format!("quote matches `{path}` only after normalization"),
                    )
                    .label(format!(
                        "found at {} once spacing, quotes, dashes or markup are ignored",
                        self.place(&bytes)
                    ))
                    .help(format!(
                        "paste the exact source text: {}",
                        toml_string(&self.text[bytes.clone()])
                    ));
                (Some(self.anchor(bytes, MatchKind::Normalized)), Some(d))
            }
            Resolution::Ambiguous(places) => {
                let mut d = self
                    .diagnostic(Code::QuoteAmbiguous, format!("quote matches {} places in `{path}`", places.len()))
                    .label("ambiguous")
                    .help("add `prefix` or `suffix` (the text right before or after), or `occurrence = N`, to pick one");
                for (n, bytes) in places.iter().take(PLACES_LISTED).enumerate() {
                    d = d.note(format!("occurrence {} at {}", n + 1, self.place(bytes)));
                }
                if places.len() > PLACES_LISTED {
                    d = d.note(format!("and {} more", places.len() - PLACES_LISTED));
                }
                (None, Some(d))
            }
            Resolution::NoSuchOccurrence { requested, found } => {
                let d = self
                    .diagnostic(Code::NoSuchOccurrence, format!("occurrence {requested} asked for, but the quote matches {found} time(s) in `{path}`"))
                    .label("no such occurrence")
                    .help(format!("use an `occurrence` from 1 to {found}"));
                (None, Some(d))
            }
            Resolution::NotFound { nearest } => {
                let d = self
                    .diagnostic(Code::QuoteNotFound, format!("quote not found in `{path}`"))
                    .label("not in the document");
                let d = match nearest {
                    Some(bytes) => d.help(format!("did you mean {}: \"{}\"", self.place(&bytes), self.excerpt(&bytes))),
                    None => d.help(format!("no similar passage in `{path}`; check the span's `source` and copy the quote from the document")),
                };
                (None, Some(d))
            }
        }
    }
}

/// `text` as a TOML basic string, ready to paste.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || visible_line(c.encode_utf8(&mut [0; 4])).len() != c.len_utf8() =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
