//! Reading the claims file for an edit: toml_edit's spanned parse, the
//! claim tables in whichever form they are written, and the check that a
//! result reads back exactly as intended.

use std::ops::Range;

use toml_edit::{Document, InlineTable, Item, Table, TomlError, Value};

use super::EditError;
use crate::text::LineIndex;

pub(super) fn parse(text: &str) -> Result<Document<&str>, EditError> {
    Document::parse(text).map_err(|e| unparsable(text, &e))
}

pub(super) fn unparsable(text: &str, error: &TomlError) -> EditError {
    let message = error.message().trim();
    EditError::Unparsable(match error.span() {
        Some(span) => {
            let at = LineIndex::new(text).line_col(text, span.start);
            format!("line {}, column {}: {message}", at.line, at.col)
        }
        None => message.to_string(),
    })
}

pub(super) fn claim<'d>(doc: &'d Document<&str>, claim_id: &str) -> Option<&'d Item> {
    doc.get("claims")?.get(claim_id)
}

/// The table a claim (or a span) is written as.
#[derive(Clone, Copy)]
pub(super) enum Container<'d> {
    /// `[claims.id]` or `[[claims.id.spans]]`.
    Table(&'d Table),
    /// `id.key = ...` lines under `[claims]`, or `claims.id.key = ...`.
    Dotted(&'d Table),
    /// `id = { ... }`, or a span `{ source = ..., quote = ... }`.
    Inline(&'d InlineTable),
}

impl<'d> Container<'d> {
    pub(super) fn of(item: &'d Item) -> Option<Container<'d>> {
        match item {
            Item::Table(t) if t.is_dotted() => Some(Container::Dotted(t)),
            Item::Table(t) if !t.is_implicit() => Some(Container::Table(t)),
            Item::Value(Value::InlineTable(t)) if !t.is_dotted() => Some(Container::Inline(t)),
            _ => None,
        }
    }

    pub(super) fn item(self, key: &str) -> Option<&'d Item> {
        match self {
            Container::Table(t) | Container::Dotted(t) => t.get(key),
            Container::Inline(_) => None,
        }
    }

    pub(super) fn value(self, key: &str) -> Option<&'d Value> {
        match self {
            Container::Table(t) | Container::Dotted(t) => t.get(key)?.as_value(),
            Container::Inline(t) => t.get(key),
        }
    }

    /// Where `key` starts (its first byte, the dotted path excluded).
    pub(super) fn key_start(self, key: &str) -> Option<usize> {
        let key = match self {
            Container::Table(t) | Container::Dotted(t) => t.key(key)?,
            Container::Inline(t) => t.key(key)?,
        };
        Some(key.span()?.start)
    }

    /// The spans of the table's own values, in file order.
    pub(super) fn value_spans(self) -> Vec<Range<usize>> {
        let mut spans: Vec<Range<usize>> = match self {
            Container::Table(t) | Container::Dotted(t) => own_value_spans(t),
            Container::Inline(t) => t.iter().filter_map(|(_, v)| v.span()).collect(),
        };
        spans.sort_by_key(|s| s.start);
        spans
    }
}

fn own_value_spans(table: &Table) -> Vec<Range<usize>> {
    table
        .iter()
        .flat_map(|(_, item)| match item {
            Item::Value(v) => v.span().into_iter().collect(),
            Item::Table(t) if t.is_dotted() => own_value_spans(t),
            _ => Vec::new(),
        })
        .collect()
}

/// The last byte of anything `item` holds, sub-tables under their own
/// headers (`[[claims.x.spans]]`) included.
pub(super) fn item_end(item: &Item) -> Option<usize> {
    match item {
        Item::Value(v) => v.span().map(|s| s.end),
        Item::Table(t) => table_end(t),
        Item::ArrayOfTables(tables) => tables.iter().filter_map(table_end).max(),
        Item::None => None,
    }
}

fn table_end(table: &Table) -> Option<usize> {
    let own = table.span().map(|s| s.end);
    table
        .iter()
        .filter_map(|(_, i)| item_end(i))
        .chain(own)
        .max()
}

/// Every table header (`[a.b]`, `[[a.b]]`) at or under `item`, as byte ranges.
pub(super) fn headers(item: &Item) -> Vec<Range<usize>> {
    fn walk(item: &Item, out: &mut Vec<Range<usize>>) {
        let tables: Vec<&Table> = match item {
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(tables) => tables.iter().collect(),
            _ => return,
        };
        for table in tables {
            if !table.is_implicit()
                && !table.is_dotted()
                && let Some(span) = table.span()
            {
                out.push(span);
            }
            for (_, child) in table.iter() {
                walk(child, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(item, &mut out);
    out
}

/// Every table header in the file.
pub(super) fn all_headers(doc: &Document<&str>) -> Vec<Range<usize>> {
    doc.as_table()
        .iter()
        .flat_map(|(_, item)| headers(item))
        .collect()
}

/// A TOML key as written in a header: bare when it can be, else quoted.
pub(super) fn key_text(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        id.to_string()
    } else {
        crate::text::toml_string(id)
    }
}

/// `value` as a string in the same kind of string as `old` (`'`, `'''`,
/// `"""`) when that kind can hold it, else as a basic `"..."` string.
pub(super) fn string_like(old: &str, value: &str) -> String {
    let lead = |opening: &str| {
        let rest = &old[opening.len()..];
        if rest.starts_with("\r\n") {
            "\r\n"
        } else if rest.starts_with('\n') {
            "\n"
        } else {
            ""
        }
    };
    let styled = if old.starts_with("'''") {
        Some(format!("'''{}{value}'''", lead("'''")))
    } else if old.starts_with("\"\"\"") {
        Some(format!(
            "\"\"\"{}{}\"\"\"",
            lead("\"\"\""),
            escape_multiline(value)
        ))
    } else if old.starts_with('\'') {
        Some(format!("'{value}'"))
    } else {
        None
    };
    styled
        .filter(|raw| reads_as(raw, value))
        .unwrap_or_else(|| crate::text::toml_string(value))
}

fn escape_multiline(value: &str) -> String {
    let basic = crate::text::toml_string(value);
    // A basic string's escapes, with real line breaks kept.
    basic[1..basic.len() - 1].replace("\\n", "\n")
}

fn reads_as(raw: &str, value: &str) -> bool {
    let line = format!("v = {raw}");
    Document::parse(line.as_str())
        .ok()
        .and_then(|doc| doc.get("v")?.as_str().map(|s| s == value))
        .unwrap_or(false)
}

/// The file as plain TOML values, for comparing what it means before and
/// after an edit (`None` when it does not parse).
pub(super) fn model(text: &str) -> Option<toml::Table> {
    text.trim_start_matches('\u{feff}').parse().ok()
}

/// Checks that `after` means exactly what `before` meant with `change`
/// made, so a splice that went wrong is never written.
pub(super) fn verify(
    before: &str,
    after: String,
    change: impl FnOnce(&mut toml::Table),
) -> Result<String, EditError> {
    if let Err(e) = Document::parse(after.as_str()) {
        return Err(EditError::Unsupported(format!(
            "the edit would break the file ({})",
            e.message().trim()
        )));
    }
    let mut expected = model(before).ok_or_else(|| {
        parse(before)
            .err()
            .unwrap_or_else(|| EditError::Unparsable("the file does not read as TOML".to_string()))
    })?;
    change(&mut expected);
    if model(&after).as_ref() != Some(&expected) {
        return Err(EditError::Unsupported(
            "the file would not read back as intended".to_string(),
        ));
    }
    Ok(after)
}

/// A claim's table in the plain model.
pub(super) fn claim_mut<'m>(model: &'m mut toml::Table, id: &str) -> Option<&'m mut toml::Table> {
    model
        .get_mut("claims")?
        .as_table_mut()?
        .get_mut(id)?
        .as_table_mut()
}

pub(super) fn claim_in<'m>(model: &'m toml::Table, id: &str) -> Option<&'m toml::Table> {
    model.get("claims")?.as_table()?.get(id)?.as_table()
}

/// One byte range replaced by new text.
pub(super) type Splice = (Range<usize>, String);

/// `text` with every splice made; only removals may overlap. Two insertions
/// at one place go in the order given.
pub(super) fn splice_all(text: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (range, replacement) in splices {
        // Two removals may share a blank line; it goes once.
        let start = range.start.max(at);
        out.push_str(&text[at..start]);
        out.push_str(&replacement);
        at = range.end.max(at);
    }
    out.push_str(&text[at..]);
    out
}
