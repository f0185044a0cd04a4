//! Replacing one span's quote, prefix and suffix; adding a span.

use toml_edit::{Item, Value};

use super::EditError;
use super::doc::{Container, claim, claim_mut, parse, splice_all, verify};
use super::entries::{append_to_array, set_integer, set_string};
use crate::text::toml_string;

pub(super) struct NewQuote<'a> {
    pub quote: &'a str,
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
}

pub(super) fn set_quote(
    text: &str,
    claim_id: &str,
    index: usize,
    new: NewQuote<'_>,
    line: Option<usize>,
) -> Result<String, EditError> {
    let unsupported = |why: String| EditError::Unsupported(format!("claim `{claim_id}` {why}"));
    let doc = parse(text)?;
    let item = claim(&doc, claim_id).ok_or_else(|| EditError::NoSuchClaim(claim_id.into()))?;
    let table = Container::of(item).ok_or_else(|| unsupported("has no table of its own".into()))?;
    let span = match (table.value("spans"), table.item("spans")) {
        (Some(Value::Array(spans)), _) => spans
            .get(index)
            .and_then(Value::as_inline_table)
            .map(Container::Inline),
        (_, Some(Item::ArrayOfTables(spans))) => spans.get(index).map(Container::Table),
        _ => None,
    };
    let span = span.ok_or_else(|| unsupported(format!("has no span {}", index + 1)))?;
    let mut splices = Vec::new();
    for (key, value) in [
        ("quote", Some(new.quote)),
        ("prefix", new.prefix),
        ("suffix", new.suffix),
    ] {
        let changed = set_string(text, span, key, value)
            .map_err(|why| unsupported(format!("span {}: {why}", index + 1)))?;
        splices.extend(changed);
    }
    let line = line.and_then(|n| i64::try_from(n).ok());
    let changed = set_integer(text, span, "line", line)
        .map_err(|why| unsupported(format!("span {}: {why}", index + 1)))?;
    splices.extend(changed);
    verify(text, splice_all(text, splices), |model| {
        let span = claim_mut(model, claim_id).and_then(|c| {
            c.get_mut("spans")?
                .as_array_mut()?
                .get_mut(index)?
                .as_table_mut()
        });
        if let Some(span) = span {
            for (key, value) in [
                ("quote", Some(new.quote)),
                ("prefix", new.prefix),
                ("suffix", new.suffix),
            ] {
                match value {
                    Some(value) => span.insert(key.into(), value.into()),
                    None => span.remove(key),
                };
            }
            match line {
                Some(line) => span.insert("line".into(), line.into()),
                None => span.remove("line"),
            };
        }
    })
}

/// Appends a span to a claim whose spans are an array of inline tables.
pub(super) fn add_span(
    text: &str,
    claim_id: &str,
    source: &str,
    new: NewQuote<'_>,
) -> Result<String, EditError> {
    let unsupported = |why: String| EditError::Unsupported(format!("claim `{claim_id}` {why}"));
    let doc = parse(text)?;
    let item = claim(&doc, claim_id).ok_or_else(|| EditError::NoSuchClaim(claim_id.into()))?;
    let table = Container::of(item).ok_or_else(|| unsupported("has no table of its own".into()))?;
    let Some(Value::Array(spans)) = table.value("spans") else {
        return Err(unsupported("has no `spans = [...]` array to add to".into()));
    };
    let mut entry = format!(
        "{{ source = {}, quote = {}",
        toml_string(source),
        toml_string(new.quote)
    );
    for (key, value) in [("prefix", new.prefix), ("suffix", new.suffix)] {
        if let Some(value) = value {
            entry.push_str(&format!(", {key} = {}", toml_string(value)));
        }
    }
    entry.push_str(" }");
    let splices = append_to_array(text, spans, &entry).map_err(unsupported)?;
    verify(text, splice_all(text, splices), |model| {
        let spans = claim_mut(model, claim_id).and_then(|c| c.get_mut("spans")?.as_array_mut());
        if let Some(spans) = spans {
            let mut span = toml::Table::new();
            span.insert("source".into(), source.into());
            span.insert("quote".into(), new.quote.into());
            for (key, value) in [("prefix", new.prefix), ("suffix", new.suffix)] {
                if let Some(value) = value {
                    span.insert(key.into(), value.into());
                }
            }
            spans.push(span.into());
        }
    })
}
