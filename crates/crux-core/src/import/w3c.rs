//! Reading W3C Web Annotations: an AnnotationCollection with an embedded
//! first page (what `crux export --format w3c` writes), an AnnotationPage,
//! one Annotation, or a JSON array of annotations.

use serde_json::Value;

use super::json::{has, locate, one_or_many, string};
use super::{Annotation, Incoming, Link, Selectors};
use crate::diag::{Code, Diagnostic};
use crate::export::percent_decode;

/// Reads the W3C annotations in `text` (the import file's content); `Err`
/// is the file's JSON syntax error, with its line and column.
pub fn read(text: &str) -> Result<Incoming, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut incoming = Incoming::default();
    let items = if root.is_array() {
        one_or_many(Some(&root))
    } else if has(&root, "type", "AnnotationCollection") {
        match root.get("first") {
            Some(page @ Value::Object(_)) => one_or_many(page.get("items")),
            Some(_) => {
                incoming.problems.push(
                    Diagnostic::new(
                        Code::MissingField,
                        "the collection's first page is not in the file",
                    )
                    .help("export the collection with its pages embedded, then import that file"),
                );
                Vec::new()
            }
            None => Vec::new(),
        }
    } else if has(&root, "type", "AnnotationPage") {
        one_or_many(root.get("items"))
    } else {
        vec![&root]
    };
    for (index, item) in items.into_iter().enumerate() {
        read_item(text, item, index, &mut incoming);
    }
    Ok(incoming)
}

fn read_item(text: &str, item: &Value, index: usize, incoming: &mut Incoming) {
    let iri = string(item, "id");
    let at = iri.as_deref().and_then(|id| locate(text, "id", id));
    let name = match &iri {
        Some(id) => format!("annotation `{id}`"),
        None => format!("annotation {} (it has no id)", index + 1),
    };
    if !item.is_object() || !has(item, "type", "Annotation") {
        let mut problem = Diagnostic::new(
            Code::InvalidValue,
            format!("{name} is not a W3C Annotation"),
        )
        .label("its `type` is not `Annotation`")
        .help("crux reads W3C Web Annotations: objects with `\"type\": \"Annotation\"`");
        problem.span = at;
        incoming.problems.push(problem);
        return;
    }
    let bodies = bodies(item);
    let tags = bodies
        .iter()
        .filter(|(purpose, _)| purpose.as_deref() == Some("tagging"))
        .map(|(_, value)| value.clone())
        .collect();
    let first = |wanted: &str| {
        bodies
            .iter()
            .find(|(purpose, _)| purpose.as_deref() == Some(wanted))
            .map(|(_, value)| value.clone())
    };
    if has(item, "motivation", "linking") {
        let targets = one_or_many(item.get("target"))
            .into_iter()
            .filter_map(|t| t.as_str().or_else(|| t.get("id")?.as_str()))
            .map(str::to_string)
            .collect();
        incoming.links.push(Link {
            at,
            name,
            targets,
            tags,
            note: first("commenting"),
        });
        return;
    }
    let described = first("describing");
    let (text_body, note) = match described {
        Some(text) => (Some(text), first("commenting")),
        None => {
            let untagged = bodies
                .iter()
                .find(|(purpose, _)| purpose.as_deref() != Some("tagging"))
                .map(|(_, value)| value.clone());
            (untagged, None)
        }
    };
    let target = one_or_many(item.get("target")).into_iter().next();
    let uri = target.and_then(|t| {
        t.as_str()
            .or_else(|| t.get("source")?.as_str())
            .or_else(|| t.get("source")?.get("id")?.as_str())
            .or_else(|| t.get("id")?.as_str())
            .map(str::to_string)
    });
    let selectors = target.map(selectors).unwrap_or_default();
    incoming.annotations.push(Annotation {
        at,
        name,
        crux_span: iri.as_deref().and_then(crux_span),
        iri,
        uri,
        selectors,
        text: text_body,
        tags,
        question: first("questioning"),
        note,
        provenance: None,
    });
}

/// Each body's purpose and text: TextualBody values and `bodyValue`.
fn bodies(item: &Value) -> Vec<(Option<String>, String)> {
    let mut out: Vec<(Option<String>, String)> = one_or_many(item.get("body"))
        .into_iter()
        .filter_map(|body| match body {
            Value::String(_) => None,
            _ => Some((
                one_or_many(body.get("purpose"))
                    .first()
                    .and_then(|p| p.as_str())
                    .map(str::to_string),
                string(body, "value")?,
            )),
        })
        .collect();
    if let Some(value) = item.get("bodyValue").and_then(Value::as_str) {
        out.push((None, value.to_string()));
    }
    out
}

/// The TextQuoteSelector and TextPositionSelector of a target, also inside
/// a RangeSelector's ends.
pub(super) fn selectors(target: &Value) -> Selectors {
    let mut found = Selectors::default();
    for selector in one_or_many(target.get("selector")) {
        let kind = selector.get("type").and_then(Value::as_str);
        match kind {
            Some("TextQuoteSelector") if found.exact.is_none() => {
                found.exact = string(selector, "exact");
                found.prefix = string(selector, "prefix");
                found.suffix = string(selector, "suffix");
            }
            Some("TextPositionSelector") if found.position.is_none() => {
                let number = |key| {
                    let n = selector.get(key)?.as_u64()?;
                    usize::try_from(n).ok()
                };
                if let (Some(start), Some(end)) = (number("start"), number("end"))
                    && start <= end
                {
                    found.position = Some(start..end);
                }
            }
            _ => {}
        }
    }
    found
}

/// The claim id and span index of an IRI `crux export` made:
/// `urn:crux:claim:<id>:span:<n>`.
pub fn crux_span(iri: &str) -> Option<(String, usize)> {
    let rest = iri.strip_prefix("urn:crux:claim:")?;
    let (id, number) = rest.rsplit_once(":span:")?;
    let number: usize = number.parse().ok()?;
    Some((percent_decode(id)?, number.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crux_iris_name_their_claim_and_span() {
        assert_eq!(
            crux_span("urn:crux:claim:a%20b%3A1:span:2"),
            Some(("a b:1".to_string(), 1))
        );
        assert_eq!(crux_span("urn:crux:claim:x:span:0"), None);
        assert_eq!(crux_span("https://hypothes.is/a/x"), None);
    }

    #[test]
    fn json_syntax_errors_say_where() {
        let error = read("{\n  \"type\": ,\n}").unwrap_err();
        assert!(error.contains("line 2 column"), "{error}");
    }
}
