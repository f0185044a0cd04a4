//! Reading loosely shaped JSON-LD: one value or an array of them, and
//! where a value sits in the file.

use std::ops::Range;

use serde_json::Value;

/// `value` as a list: an array's items, or the value alone.
pub(super) fn one_or_many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    }
}

pub(super) fn string(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_string)
}

/// Whether `value`'s `key` is `name`, or a list holding it.
pub(super) fn has(value: &Value, key: &str, name: &str) -> bool {
    one_or_many(value.get(key)).iter().any(|v| *v == name)
}

/// Where `"id": "<id>"` (or another `key`) is written in `text`: the
/// string's byte range.
pub(super) fn locate(text: &str, key: &str, id: &str) -> Option<Range<usize>> {
    let literal = serde_json::to_string(id).ok()?;
    let mut from = 0;
    while let Some(found) = text[from..].find(&literal) {
        let start = from + found;
        let before = text[..start].trim_end();
        if let Some(before) = before.strip_suffix(':')
            && before.trim_end().ends_with(&format!("\"{key}\""))
        {
            return Some(start..start + literal.len());
        }
        from = start + literal.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_found_where_it_is_declared_not_where_it_is_named() {
        let text = r#"{"target": ["x:1"], "items": [{ "id" : "x:1" }]}"#;
        let at = locate(text, "id", "x:1").unwrap();
        assert_eq!(&text[at.clone()], "\"x:1\"");
        assert!(at.start > text.find("items").unwrap());
        assert_eq!(locate(text, "id", "x:2"), None);
    }
}
