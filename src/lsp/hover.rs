//! What the cursor is on, in words: a claim (its text, status, who asserts
//! it, its first quote in context), a quote (its passage with a line
//! before and after, the source and `file:line:col`), a topic's question,
//! a source's title, a party's or a period's name.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::analysis::Analysis;
use super::index::{Kind, quote_at};
use super::markdown::{code, code_block, escape};
use crate::describe;
use crate::ix::ClaimIx;
use crate::model::{Dataset, Span};
use crate::text::floor_char_boundary;

/// Characters of the document shown on each side of a claim's first quote.
const CONTEXT_CHARS: usize = 80;
/// Longest line of a document shown around a quote.
const LINE_CHARS: usize = 600;

pub fn hover(analysis: &Analysis, byte: usize) -> Option<Hover> {
    let dataset = &analysis.dataset;
    let text = if let Some(found) = analysis.index().at(byte) {
        match found.kind {
            Kind::Claim => claim(dataset, dataset.claim_index(&found.id)?),
            Kind::Topic => {
                let topic = dataset.topic(&found.id)?;
                let count = dataset
                    .claims
                    .iter()
                    .filter(|c| c.topic == topic.id)
                    .count();
                let mut out = format!(
                    "**topic** {} — {count} claim(s)\n\n{}",
                    code(&topic.id),
                    escape(&topic.question)
                );
                if let Some(note) = &topic.note {
                    out.push_str(&format!("\n\n*{}*", escape(note)));
                }
                out
            }
            Kind::Source => {
                let source = dataset.source(&found.id)?;
                let mut out = format!(
                    "**source** {}: {}\n\n{}",
                    code(&source.id),
                    escape(source.title.as_deref().unwrap_or("(no title)")),
                    code(&source.path)
                );
                for (what, value) in [
                    ("author", &source.author),
                    ("outlet", &source.outlet),
                    ("date", &source.date),
                ] {
                    if let Some(value) = value {
                        out.push_str(&format!("\n\n{what}: {}", escape(value)));
                    }
                }
                out
            }
            Kind::Party => {
                let party = dataset.party(&found.id)?;
                let mut out = format!("**party** {}: {}", code(&party.id), escape(&party.name));
                if let Some(description) = &party.description {
                    out.push_str(&format!("\n\n{}", escape(description)));
                }
                out
            }
            Kind::Period => {
                let period = dataset.period(&found.id)?;
                let days = period.span.map(|s| s.to_string()).unwrap_or_default();
                format!(
                    "**period** {}: {} ({})",
                    code(&period.id),
                    escape(&period.name),
                    escape(&days)
                )
            }
        }
    } else {
        let (c, s) = quote_at(dataset, byte)?;
        quote(dataset, &dataset.claims[c].spans[s])?
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: None,
    })
}

fn claim(dataset: &Dataset, index: ClaimIx) -> String {
    let claim = &dataset.claims[index];
    let mut out = format!(
        "**claim** {} — {}\n\n{}\n\nby {} · {}",
        code(&claim.id),
        claim.status.as_str(),
        escape(&claim.text),
        escape(&describe::assertor(dataset, index)),
        escape(&describe::how(claim)),
    );
    if let Some(about) = describe::about(dataset, index) {
        out.push_str(&format!(" · about {}", escape(&about.label)));
    }
    let first = claim.spans.first().and_then(|span| {
        let source = dataset.source(&span.source)?;
        let (text, anchor) = (source.text()?, span.anchor.as_ref()?);
        let bytes = &anchor.bytes;
        let before = start_of_context(text, bytes.start);
        let after = end_of_context(text, bytes.end);
        Some(format!(
            "\n\n> …{}**{}**{}…\n\n— {}, {}",
            escape(&text[before..bytes.start]),
            escape(&text[bytes.clone()]),
            escape(&text[bytes.end..after]),
            escape(source.display_name()),
            code(&format!(
                "{}:{}:{}",
                source.path, anchor.start.line, anchor.start.col
            ))
        ))
    });
    out.push_str(&first.unwrap_or_else(|| "\n\n(its first quote is not placed)".to_string()));
    out
}

fn quote(dataset: &Dataset, span: &Span) -> Option<String> {
    let source = dataset.source(&span.source)?;
    let place = format!(
        "**quote** from {} ({})",
        escape(source.display_name()),
        code(&source.id)
    );
    let (Some(text), Some(anchor)) = (source.text(), span.anchor.as_ref()) else {
        return Some(format!("{place}\n\nnot found in {}", code(&source.path)));
    };
    let lines: Vec<String> = lines_around(text, &anchor.bytes)
        .map(|line| line.chars().take(LINE_CHARS).collect())
        .collect();
    Some(format!(
        "{place} at {}\n\n{}",
        code(&format!(
            "{}:{}:{}",
            source.path, anchor.start.line, anchor.start.col
        )),
        code_block(&lines.join("\n"))
    ))
}

/// The lines of `text` that `bytes` is on, with one line before and one after.
fn lines_around<'t>(text: &'t str, bytes: &std::ops::Range<usize>) -> std::str::Lines<'t> {
    let line_start = |at: usize| crate::text::line_start(text, at);
    let line_end = |at: usize| crate::text::line_end(text, at);
    let start = line_start(bytes.start);
    let first = if start == 0 { 0 } else { line_start(start - 1) };
    let end = line_end(bytes.end);
    let last = if end == text.len() {
        end
    } else {
        line_end(end + 1)
    };
    text[first..last].lines()
}

fn start_of_context(text: &str, at: usize) -> usize {
    let floor = floor_char_boundary(text, at.saturating_sub(CONTEXT_CHARS * 4));
    let chars: Vec<usize> = text[floor..at]
        .char_indices()
        .map(|(i, _)| floor + i)
        .collect();
    let from = chars.len().saturating_sub(CONTEXT_CHARS);
    let start = chars.get(from).copied().unwrap_or(at);
    // Not across a paragraph.
    text[start..at]
        .rfind('\n')
        .map_or(start, |nl| start + nl + 1)
}

fn end_of_context(text: &str, at: usize) -> usize {
    let end = text[at..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| at + i);
    text[at..end].find('\n').map_or(end, |nl| at + nl)
}
