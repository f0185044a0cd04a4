//! A W3C Web Annotation Data Model AnnotationCollection (JSON-LD): one
//! annotation for each span of a claim, one `linking` annotation for each
//! relation. `crux import w3c` reads it back (see `docs/INTEROP.md`).

use std::ops::Range;

use serde_json::{Value, json};

use super::uri::percent_encode;
use super::{Export, Selection, mapping};
use crate::model::{Claim, Dataset, Source, Span};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Code points of context quoted before and after each passage, as web
/// annotators (Hypothesis among them) quote it.
pub const CONTEXT_CHARS: usize = 32;
/// Tags carrying the topic and the status, `topic:<id>` and `status:<status>`.
pub const TOPIC_TAG: &str = "topic:";
pub const STATUS_TAG: &str = "status:";
/// The party a claim is `asserted_by`, by id; the document's own voice has none.
pub const ASSERTED_BY_TAG: &str = "asserted-by:";
const BYTE_ORDER_MARK: char = '\u{feff}';

/// The IRI of span `index` (0-based) of claim `id`.
pub fn span_iri(id: &str, index: usize) -> String {
    format!(
        "urn:crux:claim:{}:span:{}",
        percent_encode(id, b""),
        index + 1
    )
}

/// The IRI of the annotation linking claims `from` and `to`.
fn link_iri(from: &str, kind: &str, to: &str) -> String {
    format!(
        "urn:crux:link:{}:{kind}:{}",
        percent_encode(from, b""),
        percent_encode(to, b"")
    )
}

pub(super) fn export(selection: &Selection<'_>) -> Export {
    let dataset = selection.dataset;
    let mut notes = Vec::new();
    let mut items = Vec::new();
    for &c in &selection.claims {
        let claim = &dataset.claims[c];
        if claim.spans.is_empty() {
            notes.push(format!(
                "claim `{}` has no span: it has no annotation, nor do its links",
                claim.id
            ));
        }
        for (index, span) in claim.spans.iter().enumerate() {
            items.push(span_annotation(dataset, claim, index, span, &mut notes));
        }
    }
    for relation in &selection.relations {
        let (from, to) = (&dataset.claims[relation.from], &dataset.claims[relation.to]);
        if from.spans.is_empty() || to.spans.is_empty() {
            continue;
        }
        let tag = mapping(relation.kind).w3c_tag;
        let mut body = vec![tag_body(tag)];
        if let Some(note) = &relation.note {
            body.push(text_body("commenting", note));
        }
        items.push(json!({
            "@context": CONTEXT,
            "id": link_iri(&from.id, tag, &to.id),
            "type": "Annotation",
            "motivation": "linking",
            "body": body,
            "target": [span_iri(&from.id, 0), span_iri(&to.id, 0)],
        }));
    }
    let unlocated = dataset
        .sources
        .iter()
        .filter(|s| s.url.is_none())
        .filter(|s| {
            selection
                .claims
                .iter()
                .any(|&c| quotes(&dataset.claims[c], s))
        })
        .count();
    if unlocated > 0 {
        notes.push(format!(
            "{unlocated} source(s) have no `url`: their annotations target the document's path, \
             relative to the claims file; declare `url` to target the published page"
        ));
    }
    let name = file_name(dataset);
    let collection = percent_encode(&name, b"");
    let collection = json!({
        "@context": CONTEXT,
        "id": format!("urn:crux:collection:{collection}"),
        "type": "AnnotationCollection",
        "label": dataset.title.clone().unwrap_or(name),
        "total": items.len(),
        "first": {
            "id": format!("urn:crux:collection:{collection}:page:1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    let json = serde_json::to_string_pretty(&collection).expect("JSON values serialize");
    let mut text = crate::text::json_for_terminal(json);
    text.push('\n');
    Export { text, notes }
}

fn quotes(claim: &Claim, source: &Source) -> bool {
    claim.spans.iter().any(|span| span.source == source.id)
}

fn file_name(dataset: &Dataset) -> String {
    dataset
        .path
        .file_name()
        .map_or_else(|| "claims".into(), |n| n.to_string_lossy().into_owned())
}

fn span_annotation(
    dataset: &Dataset,
    claim: &Claim,
    index: usize,
    span: &Span,
    notes: &mut Vec<String>,
) -> Value {
    let mut body = vec![
        text_body("describing", &claim.text),
        tag_body(&format!("{TOPIC_TAG}{}", claim.topic)),
        tag_body(&format!("{STATUS_TAG}{}", claim.status.as_str())),
    ];
    if let Some(party) = &claim.asserted_by {
        body.push(tag_body(&format!("{ASSERTED_BY_TAG}{}", party.value)));
    }
    if let Some(topic) = dataset.topic(&claim.topic) {
        body.push(text_body("questioning", &topic.question));
    }
    if let Some(note) = &claim.note {
        body.push(text_body("commenting", note));
    }
    let source = dataset.source(&span.source);
    let target_source = match source {
        Some(Source { url: Some(url), .. }) => url.clone(),
        Some(source) => percent_encode(&source.path, b"/"),
        None => percent_encode(&span.source, b"/"),
    };
    let placed = source.and_then(|s| Some((s.text()?, span.anchor.as_ref()?)));
    let selector = match placed {
        Some((text, anchor)) => {
            let (exact, prefix, suffix) = quote_in_context(text, anchor.bytes.clone());
            let positions = code_points(text, anchor.bytes.clone());
            let mut quote = json!({ "type": "TextQuoteSelector", "exact": exact });
            for (key, value) in [("prefix", prefix), ("suffix", suffix)] {
                if !value.is_empty() {
                    quote[key] = value.into();
                }
            }
            json!([
                quote,
                { "type": "TextPositionSelector", "start": positions.start, "end": positions.end },
            ])
        }
        None => {
            notes.push(format!(
                "claim `{}`: quote {} is not placed in its document; it is exported \
                 without a position",
                claim.id,
                index + 1
            ));
            let mut quote = json!({ "type": "TextQuoteSelector", "exact": span.quote });
            for (key, value) in [("prefix", &span.prefix), ("suffix", &span.suffix)] {
                if let Some(value) = value {
                    quote[key] = value.as_str().into();
                }
            }
            json!([quote])
        }
    };
    let motivation = if claim.status.is_reviewed() {
        "assessing"
    } else {
        "highlighting"
    };
    json!({
        "@context": CONTEXT,
        "id": span_iri(&claim.id, index),
        "type": "Annotation",
        "motivation": motivation,
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": target_source,
            "selector": selector,
        },
    })
}

fn text_body(purpose: &str, value: &str) -> Value {
    json!({ "type": "TextualBody", "purpose": purpose, "value": value })
}

fn tag_body(value: &str) -> Value {
    text_body("tagging", value)
}

/// The passage at `bytes` and up to [`CONTEXT_CHARS`] code points of text
/// on each side (a leading byte order mark is not text).
fn quote_in_context(text: &str, bytes: Range<usize>) -> (&str, String, String) {
    let body = text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text);
    let skipped = text.len() - body.len();
    let start = bytes.start.saturating_sub(skipped);
    let end = bytes.end.saturating_sub(skipped);
    let before: Vec<char> = body[..start].chars().rev().take(CONTEXT_CHARS).collect();
    let prefix = before.into_iter().rev().collect();
    let suffix = body[end..].chars().take(CONTEXT_CHARS).collect();
    (&body[start..end], prefix, suffix)
}

/// The code-point range of a byte range of `text`, counted as the W3C's
/// TextPositionSelector counts: from the start of the text, not of the
/// byte order mark a file may begin with.
pub fn code_points(text: &str, bytes: Range<usize>) -> Range<usize> {
    let skipped = usize::from(text.starts_with(BYTE_ORDER_MARK));
    let count = |end: usize| text[..end].chars().count() - skipped;
    count(bytes.start.max(skipped * BYTE_ORDER_MARK.len_utf8()))
        ..count(bytes.end.max(skipped * BYTE_ORDER_MARK.len_utf8()))
}

/// The byte range of a code-point range of `text` (counted as
/// [`code_points`] counts); `None` when it is not inside the text.
pub fn bytes_of(text: &str, points: Range<usize>) -> Option<Range<usize>> {
    let skipped = if text.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len_utf8()
    } else {
        0
    };
    let body = &text[skipped..];
    let mut offsets = body
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(body.len()));
    if points.start > points.end {
        return None;
    }
    let start = offsets.nth(points.start)?;
    let end = if points.end == points.start {
        start
    } else {
        offsets.nth(points.end - points.start - 1)?
    };
    Some(skipped + start..skipped + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points_not_bytes() {
        // "Azərbaycan" has a two-byte ə; "🛩" is four bytes, one code point.
        let text = "Azərbaycan 🛩 drones";
        let start = text.find("drones").unwrap();
        assert_eq!(start, 17);
        assert_eq!(code_points(text, start..text.len()), 13..19);
        assert_eq!(bytes_of(text, 13..19), Some(start..text.len()));
    }

    #[test]
    fn a_byte_order_mark_is_not_counted() {
        let text = "\u{feff}ə drones";
        let start = text.find("drones").unwrap();
        assert_eq!(code_points(text, start..start + 6), 2..8);
        assert_eq!(bytes_of(text, 2..8), Some(start..start + 6));
        assert_eq!(bytes_of(text, 0..1), Some(3..5));
    }

    #[test]
    fn positions_outside_the_text_are_none() {
        assert_eq!(bytes_of("abc", 2..4), None);
        assert_eq!(bytes_of("abc", 3..3), Some(3..3));
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 2..1;
        assert_eq!(bytes_of("abc", backwards), None);
    }

    #[test]
    fn context_is_32_code_points_each_side() {
        let text = format!("{}QUOTE{}", "ə".repeat(40), "🛩".repeat(40));
        let start = "ə".len() * 40;
        let (exact, prefix, suffix) = quote_in_context(&text, start..start + 5);
        assert_eq!(exact, "QUOTE");
        assert_eq!(prefix, "ə".repeat(32));
        assert_eq!(suffix, "🛩".repeat(32));
        let (_, prefix, suffix) = quote_in_context("\u{feff}ab", 3..4);
        assert_eq!((prefix.as_str(), suffix.as_str()), ("", "b"));
    }
}
