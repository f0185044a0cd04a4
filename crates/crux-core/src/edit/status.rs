//! Setting a claim's review status.

use std::ops::Range;

use toml_edit::{Document, Item, Table, Value};

use super::EditError;
use super::doc::{claim, parse};
use super::layout::{indentation, insert_inline, insert_line, line_start};
use crate::model::Status;

/// Returns `text` with only claim `claim_id`'s status changed: the value
/// replaced in place if present (keeping its quote style, same-line comment
/// and surrounding whitespace), or a `status = "..."` line inserted in the
/// claim's table (after its last key line, before trailing blank lines and
/// comments, using the file's line ending) if absent. Works for
/// `[claims.id]` tables (quoted ids too), inline tables and dotted keys.
/// Nothing else in the file changes: comments, key order, blank lines, CRLF,
/// a UTF-8 BOM and a missing final newline all stay.
pub fn set_status(text: &str, claim_id: &str, status: Status) -> Result<String, EditError> {
    let doc = parse(text)?;
    let (range, replacement) = plan(text, &doc, claim_id, status)?;
    let mut out = String::with_capacity(text.len() + replacement.len());
    out.push_str(&text[..range.start]);
    out.push_str(&replacement);
    out.push_str(&text[range.end..]);
    let reread = parse(&out)
        .map_err(|e| EditError::Unsupported(format!("the edit would break the file ({e})")))?;
    if status_of(&reread, claim_id) != Some(status.as_str()) {
        return Err(EditError::Unsupported(format!(
            "claim `{claim_id}` would not read back as {}",
            status.as_str()
        )));
    }
    Ok(out)
}

fn status_of<'d>(doc: &'d Document<&str>, claim_id: &str) -> Option<&'d str> {
    claim(doc, claim_id)?.get("status")?.as_str()
}

/// The byte range to replace and what to put there.
fn plan(
    text: &str,
    doc: &Document<&str>,
    claim_id: &str,
    status: Status,
) -> Result<(Range<usize>, String), EditError> {
    let unsupported = |why: &str| Err(EditError::Unsupported(format!("claim `{claim_id}` {why}")));
    let Some(item) = claim(doc, claim_id) else {
        return Err(EditError::NoSuchClaim(claim_id.to_string()));
    };
    let existing = match item {
        Item::Table(t) => t.get("status").map(|i| i.as_value().and_then(Value::span)),
        Item::Value(Value::InlineTable(t)) => t.get("status").map(Value::span),
        _ => return unsupported("is not a table"),
    };
    if let Some(value) = existing {
        let Some(span) = value else {
            return unsupported("has a `status` that is not a plain value");
        };
        let replacement = quoted_like(&text[span.clone()], status);
        return Ok((span, replacement));
    }
    let line = format!("status = \"{}\"", status.as_str());
    match item {
        Item::Table(t) if !t.is_implicit() => {
            let header = t.span().expect("a parsed table header has a span");
            let (indent, after) = match last_value_in(t) {
                Some(last) => (indentation(text, last.start), last.end),
                None => ("", header.end),
            };
            Ok(insert_line(text, after, &format!("{indent}{line}")))
        }
        Item::Table(t) if t.is_dotted() => {
            let Some((key, value)) = t
                .iter()
                .filter_map(|(k, i)| Some((k, i.as_value()?.span()?)))
                .max_by_key(|(_, span)| span.end)
            else {
                return unsupported("has no key of its own to place `status` next to");
            };
            let key_start = t
                .key(key)
                .and_then(|k| k.span())
                .map_or(value.start, |s| s.start);
            // Repeat the dotted path as written (`a.`, `claims."odd id".`).
            let path = &text[line_start(text, key_start)..key_start];
            Ok(insert_line(text, value.end, &format!("{path}{line}")))
        }
        Item::Value(Value::InlineTable(t)) if !t.is_dotted() => Ok(insert_inline(t, &line)),
        _ => unsupported("has no table of its own to add `status` to"),
    }
}

/// The new status in the same kind of string as `old` (`"`, `'`, `"""`, `'''`).
fn quoted_like(old: &str, status: Status) -> String {
    let quote = ["'''", "\"\"\"", "'", "\""]
        .into_iter()
        .find(|q| old.starts_with(q))
        .unwrap_or("\"");
    format!("{quote}{}{quote}", status.as_str())
}

/// The span of the value that ends last in the table's own section: its
/// keys and dotted keys, not sub-tables declared under their own headers.
fn last_value_in(table: &Table) -> Option<Range<usize>> {
    table
        .iter()
        .filter_map(|(_, item)| match item {
            Item::Value(v) => v.span(),
            Item::Table(t) if t.is_dotted() => last_value_in(t),
            _ => None,
        })
        .max_by_key(|span| span.end)
}

/// The claim's status as written in `text`.
pub(super) fn status_in(text: &str, claim_id: &str) -> Option<String> {
    let doc = Document::parse(text).ok()?;
    status_of(&doc, claim_id).map(str::to_string)
}

/// `text` with the string literal at `value` (a claim's status, as the
/// loader located it) holding `status` instead; `None` unless that literal
/// is a one-line `"word"` or `'word'` of a known status. Such a literal has
/// no escapes and no quotes inside, so swapping its word for another status
/// word leaves every other token of the file as it was: no re-parse needed.
pub(super) fn replace_status_literal(
    text: &str,
    value: Range<usize>,
    status: Status,
) -> Option<String> {
    let literal = text.get(value.clone())?;
    let quote = literal.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let word = literal.strip_prefix(quote)?.strip_suffix(quote)?;
    Status::parse(word)?;
    let mut out = String::with_capacity(text.len() + 12);
    out.push_str(&text[..value.start]);
    out.push(quote);
    out.push_str(status.as_str());
    out.push(quote);
    out.push_str(&text[value.end..]);
    Some(out)
}

/// `text` with a `status = "<status>"` line added after the line holding
/// the value at `last` (a claim table's last value, as the loader located
/// it for a claim without a status), indented like it: what
/// [`set_status`] adds there, without parsing the file.
pub(super) fn insert_status_line(text: &str, last: Range<usize>, status: Status) -> Option<String> {
    let (at, inserted, _) = status_line(text, last, status)?;
    let mut out = String::with_capacity(text.len() + inserted.len());
    out.push_str(&text[..at.start]);
    out.push_str(&inserted);
    out.push_str(&text[at.end..]);
    Some(out)
}

/// Where [`insert_status_line`] puts the status value in its result.
pub(super) fn inserted_status_value(
    text: &str,
    last: Range<usize>,
    status: Status,
) -> Option<Range<usize>> {
    status_line(text, last, status).map(|(_, _, value)| value)
}

/// The range to replace, the line (with its line ending) put there, and
/// where the status value is in the result.
fn status_line(
    text: &str,
    last: Range<usize>,
    status: Status,
) -> Option<(Range<usize>, String, Range<usize>)> {
    text.get(last.clone())?;
    let key = "status = ";
    let line = format!(
        "{}{key}\"{}\"",
        indentation(text, last.start),
        status.as_str()
    );
    let (at, inserted) = insert_line(text, last.end, &line);
    let start = at.start + inserted.find(key)? + key.len();
    let value = start..start + status.as_str().len() + 2;
    Some((at, inserted, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, literal: &str) -> Range<usize> {
        let start = text.find(literal).unwrap();
        start..start + literal.len()
    }

    #[test]
    fn a_plain_status_literal_is_swapped_in_place() {
        let text = "[claims.a]\nstatus = 'disputed'  # why\n";
        assert_eq!(
            replace_status_literal(text, at(text, "'disputed'"), Status::Confirmed).as_deref(),
            Some("[claims.a]\nstatus = 'confirmed'  # why\n")
        );
    }

    #[test]
    fn anything_but_a_plain_status_literal_is_left_to_the_full_edit() {
        for (text, literal) in [
            ("status = \"\"\"disputed\"\"\"\n", "\"\"\"disputed\"\"\""),
            ("status = \"disput\\u0065d\"\n", "\"disput\\u0065d\""),
            ("status = \"disputed\"\n", "status"),
            ("status = \"maybe\"\n", "\"maybe\""),
            ("text = \"disputed'\n", "\"disputed'"),
        ] {
            let value = at(text, literal);
            assert_eq!(
                replace_status_literal(text, value, Status::Confirmed),
                None,
                "{text:?}"
            );
        }
        assert_eq!(replace_status_literal("ab", 1..9, Status::Confirmed), None);
    }
}
