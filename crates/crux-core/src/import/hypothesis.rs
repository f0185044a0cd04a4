//! Reading Hypothesis annotations: the client's export file
//! (`{"annotations": [...]}`) or the API's search response
//! (`{"rows": [...]}`), each annotation with `uri`, `text`, `tags` and
//! `target[].selector`.

use serde_json::Value;

use super::json::{locate, one_or_many, string};
use super::w3c::selectors;
use super::{Annotation, Incoming};
use crate::diag::{Code, Diagnostic};

/// Reads the Hypothesis annotations in `text`; `Err` is the file's JSON
/// syntax error, with its line and column.
pub fn read(text: &str) -> Result<Incoming, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut incoming = Incoming::default();
    let items = match (&root, root.get("annotations"), root.get("rows")) {
        (Value::Array(_), _, _) => one_or_many(Some(&root)),
        (_, Some(list @ Value::Array(_)), _) | (_, _, Some(list @ Value::Array(_))) => {
            one_or_many(Some(list))
        }
        _ => {
            incoming.problems.push(
                Diagnostic::new(
                    Code::MissingField,
                    "the file holds no Hypothesis annotations: no `annotations` or `rows` array",
                )
                .help("give the client's JSON export, or the API's search response"),
            );
            Vec::new()
        }
    };
    for (index, item) in items.into_iter().enumerate() {
        match annotation(text, item, index) {
            Ok(annotation) => incoming.annotations.push(annotation),
            Err(problem) => incoming.problems.push(problem),
        }
    }
    Ok(incoming)
}

fn annotation(text: &str, item: &Value, index: usize) -> Result<Annotation, Diagnostic> {
    let id = string(item, "id");
    let at = id.as_deref().and_then(|id| locate(text, "id", id));
    let name = match &id {
        Some(id) => format!("annotation `{id}`"),
        None => format!("annotation {} (it has no id)", index + 1),
    };
    let fail = |message: String, help: &str| {
        let mut d = Diagnostic::new(Code::EmptyValue, format!("{name} {message}")).help(help);
        d.span = at.clone();
        d
    };
    if !item.is_object() {
        return Err(fail(
            "is not an object".into(),
            "each annotation is a JSON object",
        ));
    }
    if !one_or_many(item.get("references")).is_empty() {
        return Err(fail(
            "is a reply to another annotation: it quotes no passage".into(),
            "import the annotation it replies to; a reply's text can go in that claim's note by hand",
        ));
    }
    let target = one_or_many(item.get("target"))
        .into_iter()
        .find(|t| t.get("selector").is_some());
    let Some(target) = target else {
        return Err(fail(
            "is a page note: it quotes no passage".into(),
            "highlight the passage it is about, then export again",
        ));
    };
    let uri = string(item, "uri").or_else(|| string(target, "source"));
    let user = string(item, "user").map(|u| {
        let account = u.strip_prefix("acct:").unwrap_or(&u).to_string();
        account.split('@').next().unwrap_or(&account).to_string()
    });
    let link = item
        .get("links")
        .and_then(|l| l.get("html"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| id.as_ref().map(|id| format!("https://hypothes.is/a/{id}")));
    let provenance = link.map(|link| {
        let mut from = format!("Hypothesis annotation {link}");
        if let Some(user) = user {
            from.push_str(&format!(" by {user}"));
        }
        if let Some(day) = string(item, "created").and_then(|c| c.get(..10).map(str::to_string)) {
            from.push_str(&format!(", {day}"));
        }
        from
    });
    let tags = one_or_many(item.get("tags"))
        .into_iter()
        .filter_map(|t| t.as_str().map(str::to_string))
        .collect();
    Ok(Annotation {
        at,
        name,
        iri: id,
        crux_span: None,
        uri,
        selectors: selectors(target),
        text: string(item, "text"),
        tags,
        question: None,
        note: None,
        provenance,
    })
}
