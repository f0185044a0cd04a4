//! The Web Annotation Data Model's MUSTs (W3C Recommendation, sections 3,
//! 4 and 5), as the W3C's annotation-model test definitions state them,
//! checked on JSON: every required property and every value constraint
//! they put on the properties crux writes. Written from the model, not from
//! crux's exporter, so that it can disagree with it.
#![allow(dead_code)]

use serde_json::Value;

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Motivations and purposes the model defines (section 3.3.5).
const MOTIVATIONS: [&str; 13] = [
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
];

/// Every violation found in an AnnotationCollection, as `path: what`.
pub fn collection_problems(collection: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let at = "collection";
    context(collection, at, &mut out);
    single_uri(collection, "id", at, true, &mut out);
    has_type(collection, "AnnotationCollection", at, &mut out);
    if let Some(label) = collection.get("label") {
        strings(label, &format!("{at}.label"), &mut out);
    }
    let total = collection.get("total");
    if let Some(total) = total
        && !non_negative(total)
    {
        out.push(format!("{at}.total: not one integer >= 0"));
    }
    let has_items = total.and_then(Value::as_u64).is_some_and(|t| t > 0);
    match collection.get("first") {
        None if has_items => out.push(format!("{at}: total > 0 but no `first`")),
        None => {}
        Some(Value::String(s)) if is_absolute_uri(s) => {}
        Some(page @ Value::Object(_)) => page_problems(page, &format!("{at}.first"), &mut out),
        Some(_) => out.push(format!("{at}.first: neither an IRI nor an AnnotationPage")),
    }
    if let Some(last) = collection.get("last")
        && !last.as_str().is_some_and(is_absolute_uri)
    {
        out.push(format!("{at}.last: not an IRI"));
    }
    out
}

fn page_problems(page: &Value, at: &str, out: &mut Vec<String>) {
    single_uri(page, "id", at, true, out);
    has_type(page, "AnnotationPage", at, out);
    if let Some(start) = page.get("startIndex")
        && !non_negative(start)
    {
        out.push(format!("{at}.startIndex: not one integer >= 0"));
    }
    for key in ["partOf", "next", "prev"] {
        if let Some(value) = page.get(key)
            && !value.as_str().is_some_and(is_absolute_uri)
        {
            out.push(format!("{at}.{key}: not an IRI"));
        }
    }
    match page.get("items").and_then(Value::as_array) {
        None => out.push(format!("{at}: no `items` array")),
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) if is_absolute_uri(s) => {}
                    Value::Object(_) => {
                        out.extend(annotation_problems(item, &format!("{at}.items[{i}]")));
                    }
                    _ => out.push(format!("{at}.items[{i}]: neither an IRI nor an Annotation")),
                }
            }
        }
    }
}

/// Every violation found in one Annotation (section 3).
pub fn annotation_problems(annotation: &Value, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    context(annotation, at, &mut out);
    single_uri(annotation, "id", at, true, &mut out);
    has_type(annotation, "Annotation", at, &mut out);
    if annotation.get("body").is_some() && annotation.get("bodyValue").is_some() {
        out.push(format!("{at}: both `body` and `bodyValue`"));
    }
    if let Some(motivation) = annotation.get("motivation") {
        motivations(motivation, &format!("{at}.motivation"), &mut out);
    }
    for (i, body) in one_or_many(annotation.get("body")).iter().enumerate() {
        resource(body, &format!("{at}.body[{i}]"), &mut out);
    }
    let targets = one_or_many(annotation.get("target"));
    if targets.is_empty() {
        out.push(format!("{at}: no `target`"));
    }
    for (i, target) in targets.iter().enumerate() {
        resource(target, &format!("{at}.target[{i}]"), &mut out);
    }
    out
}

/// A body or target: an IRI, an External Web Resource (with an `id`), a
/// TextualBody (with a `value`) or a Specific Resource (with one `source`
/// and selectors the model defines).
fn resource(value: &Value, at: &str, out: &mut Vec<String>) {
    let Some(object) = value.as_object() else {
        if !value.as_str().is_some_and(is_uri_reference) {
            out.push(format!("{at}: neither an IRI nor a resource"));
        }
        return;
    };
    if let Some(purpose) = object.get("purpose") {
        motivations(purpose, &format!("{at}.purpose"), out);
    }
    let is_type = |name: &str| one_or_many(object.get("type")).iter().any(|t| t == name);
    if is_type("TextualBody") {
        if !object.get("value").is_some_and(Value::is_string) {
            out.push(format!("{at}: a TextualBody without a string `value`"));
        }
        return;
    }
    if let Some(source) = object.get("source") {
        match source {
            Value::String(s) if is_uri_reference(s) => {}
            Value::Object(o) if o.get("id").and_then(Value::as_str).is_some() => {}
            _ => out.push(format!("{at}.source: not exactly one IRI or resource")),
        }
        for (i, selector) in one_or_many(object.get("selector")).iter().enumerate() {
            selector_problems(selector, &format!("{at}.selector[{i}]"), out);
        }
        return;
    }
    if !object
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(is_uri_reference)
    {
        out.push(format!("{at}: no `id`, `source` or TextualBody `value`"));
    }
}

fn selector_problems(selector: &Value, at: &str, out: &mut Vec<String>) {
    let kind = selector.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "TextQuoteSelector" => {
            if !selector.get("exact").is_some_and(Value::is_string) {
                out.push(format!(
                    "{at}: a TextQuoteSelector without a string `exact`"
                ));
            }
            for key in ["prefix", "suffix"] {
                if selector.get(key).is_some_and(|v| !v.is_string()) {
                    out.push(format!("{at}.{key}: not a string"));
                }
            }
        }
        "TextPositionSelector" => {
            let start = selector.get("start").and_then(Value::as_u64);
            let end = selector.get("end").and_then(Value::as_u64);
            match (start, end) {
                (Some(start), Some(end)) if start <= end => {}
                (Some(_), Some(_)) => out.push(format!("{at}: `start` after `end`")),
                _ => out.push(format!(
                    "{at}: a TextPositionSelector needs integer `start` and `end` >= 0"
                )),
            }
        }
        "FragmentSelector" | "CssSelector" | "XPathSelector" => {
            if !selector.get("value").is_some_and(Value::is_string) {
                out.push(format!("{at}: a {kind} without a string `value`"));
            }
        }
        "RangeSelector" => {
            for key in ["startSelector", "endSelector"] {
                match selector.get(key) {
                    Some(inner) => selector_problems(inner, &format!("{at}.{key}"), out),
                    None => out.push(format!("{at}: a RangeSelector without `{key}`")),
                }
            }
        }
        other => out.push(format!(
            "{at}: `{other}` is not a selector the model defines"
        )),
    }
}

fn context(value: &Value, at: &str, out: &mut Vec<String>) {
    let found = one_or_many(value.get("@context"))
        .iter()
        .any(|c| c == CONTEXT);
    if !found {
        out.push(format!("{at}: `@context` does not include {CONTEXT}"));
    }
}

fn single_uri(value: &Value, key: &str, at: &str, absolute: bool, out: &mut Vec<String>) {
    let ok = match value.get(key) {
        Some(Value::String(s)) => s,
        Some(Value::Array(a)) if a.len() == 1 => a[0].as_str().unwrap_or(""),
        _ => "",
    };
    let valid = if absolute {
        is_absolute_uri(ok)
    } else {
        is_uri_reference(ok)
    };
    if !valid {
        out.push(format!("{at}.{key}: not exactly one IRI"));
    }
}

fn has_type(value: &Value, name: &str, at: &str, out: &mut Vec<String>) {
    if !one_or_many(value.get("type")).iter().any(|t| t == name) {
        out.push(format!("{at}.type: does not include {name}"));
    }
}

fn strings(value: &Value, at: &str, out: &mut Vec<String>) {
    let ok = match value {
        Value::String(_) => true,
        Value::Array(a) => !a.is_empty() && a.iter().all(Value::is_string),
        _ => false,
    };
    if !ok {
        out.push(format!("{at}: not one or more strings"));
    }
}

fn motivations(value: &Value, at: &str, out: &mut Vec<String>) {
    let values = one_or_many(Some(value));
    let ok = !values.is_empty()
        && values
            .iter()
            .all(|v| v.as_str().is_some_and(|m| MOTIVATIONS.contains(&m)));
    if !ok {
        out.push(format!("{at}: not a motivation the model defines"));
    }
}

fn non_negative(value: &Value) -> bool {
    match value {
        Value::Array(a) => a.len() == 1 && a[0].as_u64().is_some(),
        other => other.as_u64().is_some(),
    }
}

fn one_or_many(value: Option<&Value>) -> Vec<Value> {
    match value {
        None => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(one) => vec![one.clone()],
    }
}

/// RFC 3986 `absolute-URI`: a scheme, `:`, and only characters a URI may hold.
pub fn is_absolute_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut letters = scheme.chars();
    letters.next().is_some_and(|c| c.is_ascii_alphabetic())
        && letters.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && uri_characters(rest)
}

/// RFC 3986 `URI-reference`: an absolute URI or a relative reference.
pub fn is_uri_reference(text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let first_segment = text.split(['/', '?', '#']).next().unwrap_or("");
    if first_segment.contains(':') {
        return is_absolute_uri(text);
    }
    uri_characters(text)
}

fn uri_characters(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}
