//! Adding, replacing and removing `key = value` entries of a table in any
//! of its forms, and items of an array, as splices of the file's bytes.

use std::ops::Range;

use toml_edit::{Array, Value};

use super::doc::{Container, Splice, string_like};
use super::layout::{
    indentation, insert_inline, insert_line, line_ending, line_start, next_line_start,
    rest_of_line_is_free, whole_lines,
};
use crate::text::toml_string;

/// Makes string `key` hold `value`, or removes it when `value` is `None`.
pub(super) fn set_string(
    text: &str,
    table: Container<'_>,
    key: &str,
    value: Option<&str>,
) -> Result<Vec<Splice>, String> {
    match (table.value(key), value) {
        (Some(old), Some(value)) => {
            let span = old
                .span()
                .filter(|_| old.is_str())
                .ok_or_else(|| format!("`{key}` is not a plain string"))?;
            Ok(vec![(span.clone(), string_like(&text[span], value))])
        }
        (Some(_), None) => remove_entry(text, table, key),
        (None, Some(value)) => {
            let raw = toml_string(value);
            Ok(vec![insert_entry(text, table, key, |_, _| raw.clone())?])
        }
        (None, None) if table.item(key).is_some() => Err(format!("`{key}` is written as a table")),
        (None, None) => Ok(Vec::new()),
    }
}

/// Makes integer `key` hold `value`, or removes it when `value` is `None`.
pub(super) fn set_integer(
    text: &str,
    table: Container<'_>,
    key: &str,
    value: Option<i64>,
) -> Result<Vec<Splice>, String> {
    match (table.value(key), value) {
        (Some(old), Some(value)) => {
            let span = old
                .span()
                .filter(|_| old.is_integer())
                .ok_or_else(|| format!("`{key}` is not an integer"))?;
            Ok(vec![(span, value.to_string())])
        }
        (Some(_), None) => remove_entry(text, table, key),
        (None, Some(value)) => Ok(vec![insert_entry(text, table, key, |_, _| {
            value.to_string()
        })?]),
        (None, None) if table.item(key).is_some() => Err(format!("`{key}` is written as a table")),
        (None, None) => Ok(Vec::new()),
    }
}

/// A new `key = value` entry after the table's last one, in its form. The
/// value is made by `raw(indent, line_ending)`, for values that span lines.
pub(super) fn insert_entry(
    text: &str,
    table: Container<'_>,
    key: &str,
    raw: impl Fn(&str, &str) -> String,
) -> Result<Splice, String> {
    let eol = line_ending(text);
    let last = table.value_spans().into_iter().max_by_key(|s| s.end);
    match table {
        Container::Table(t) => {
            let header = t.span().ok_or("the table has no header")?;
            let (indent, after) = match last {
                Some(last) => (indentation(text, last.start), last.end),
                None => ("", header.end),
            };
            let value = raw(indent, eol);
            Ok(insert_line(
                text,
                after,
                &format!("{indent}{key} = {value}"),
            ))
        }
        Container::Dotted(_) => {
            let last = last.ok_or("it has no key of its own to write next to")?;
            let start = line_start(text, last.start);
            // Repeat the dotted path as written (`a.`, `claims."odd id".`).
            let path = dotted_path(&text[start..last.start])
                .ok_or("its keys are not written one per line")?;
            let value = raw("", eol);
            Ok(insert_line(
                text,
                last.end,
                &format!("{path}{key} = {value}"),
            ))
        }
        Container::Inline(t) => Ok(insert_inline(t, &format!("{key} = {}", raw("", " ")))),
    }
}

/// `claims.a.` of `claims.a.status = `: the dotted path before the last key.
fn dotted_path(assignment: &str) -> Option<&str> {
    let lhs = &assignment[..assignment.find('=')?];
    let mut in_quote = None;
    let mut last_dot = None;
    for (i, c) in lhs.char_indices() {
        match (c, in_quote) {
            ('"' | '\'', None) => in_quote = Some(c),
            (q, Some(open)) if q == open => in_quote = None,
            ('.', None) => last_dot = Some(i),
            _ => {}
        }
    }
    Some(&lhs[..last_dot? + 1])
}

/// Removes `key`'s entry: its whole line (with a same-line comment) in a
/// table, or the entry and one comma in an inline table.
pub(super) fn remove_entry(
    text: &str,
    table: Container<'_>,
    key: &str,
) -> Result<Vec<Splice>, String> {
    let value = table
        .value(key)
        .and_then(Value::span)
        .ok_or_else(|| format!("`{key}` is not a plain value"))?;
    let key_start = table.key_start(key).unwrap_or(value.start);
    match table {
        Container::Inline(_) => Ok(vec![(
            inline_item(text, key_start..value.end),
            String::new(),
        )]),
        Container::Table(_) | Container::Dotted(_) => {
            let start = line_start(text, key_start);
            let before = &text[start..key_start];
            let own_line = match table {
                Container::Table(_) => before.trim().is_empty(),
                _ => !before.contains('='),
            };
            if !own_line || !rest_of_line_is_free(text, value.end) {
                return Err(format!("`{key}` shares its line with something else"));
            }
            Ok(vec![(
                whole_lines(text, start, next_line_start(text, value.end)),
                String::new(),
            )])
        }
    }
}

/// An item of an inline list (`{ ... }` or `[ ... ]`) with the comma that
/// joins it to the next item, or else to the previous one.
pub(super) fn inline_item(text: &str, item: Range<usize>) -> Range<usize> {
    let after = &text[item.end..];
    let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
    if after[blanks..].starts_with(',') {
        let rest = &after[blanks + 1..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        return item.start..item.end + blanks + 1 + spaces;
    }
    let before = text[..item.start].trim_end_matches([' ', '\t']);
    if before.ends_with(',') {
        return before.len() - 1..item.end;
    }
    item.start..item.end + blanks
}

/// Appends `entry` to `array`, in its style: a new line with the others'
/// indentation and trailing comma in a multi-line array, `, entry` in a
/// one-line array.
pub(super) fn append_to_array(
    text: &str,
    array: &Array,
    entry: &str,
) -> Result<Vec<Splice>, String> {
    let span = array.span().ok_or("the array has no place in the file")?;
    let close = span.end - 1;
    let multiline = text[span.clone()].contains('\n');
    let last = array.iter().filter_map(Value::span).max_by_key(|s| s.end);
    match last {
        Some(last) if multiline && next_line_start(text, last.end) <= close => {
            let indent = indentation(text, last.start);
            let mut splices = Vec::new();
            let comma = if array.trailing_comma() {
                ","
            } else {
                splices.push((last.end..last.end, ",".to_string()));
                ""
            };
            splices.push(insert_line(
                text,
                last.end,
                &format!("{indent}{entry}{comma}"),
            ));
            Ok(splices)
        }
        Some(last) => Ok(vec![(last.end..last.end, format!(", {entry}"))]),
        None if multiline => {
            let indent = format!("{}  ", indentation(text, span.start));
            Ok(vec![insert_line(
                text,
                span.start,
                &format!("{indent}{entry},"),
            )])
        }
        None => Ok(vec![(span.start + 1..span.start + 1, entry.to_string())]),
    }
}

/// Removes the array items at `items` (byte ranges of values in it): the
/// whole line of an item alone on its line, else the item and its comma.
pub(super) fn remove_from_array(text: &str, items: &[Range<usize>]) -> Vec<Splice> {
    items
        .iter()
        .map(|item| {
            let start = line_start(text, item.start);
            let alone = text[start..item.start].trim().is_empty() && {
                let after = text[item.end..].trim_start_matches([' ', '\t']);
                let after_comma = after.strip_prefix(',').unwrap_or(after);
                let offset = text.len() - after_comma.len();
                rest_of_line_is_free(text, offset)
            };
            let range = if alone {
                whole_lines(text, start, next_line_start(text, item.end))
            } else {
                inline_item(text, item.clone())
            };
            (range, String::new())
        })
        .collect()
}
