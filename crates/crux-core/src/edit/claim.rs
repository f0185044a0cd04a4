//! Adding a claim (and its topic, when new) and removing one.

use std::ops::Range;

use toml_edit::{Document, Item};

use super::doc::{
    Container, Splice, all_headers, claim, headers, item_end, key_text, model, parse, splice_all,
    verify,
};
use super::entries::remove_entry;
use super::layout::{
    is_blank_line, line_ending, line_start, next_line_start, previous_line_start, whole_lines,
};
use super::links::linking_to;
use super::{EditError, NewClaim};
use crate::text::{one_line, toml_string, visible_line};

pub(super) fn add_claim(text: &str, new: &NewClaim) -> Result<String, EditError> {
    let unsupported = |why: String| Err(EditError::Unsupported(why));
    let doc = parse(text)?;
    let plain = model(text).unwrap_or_default();
    let has = |table: &str, id: &str| {
        plain
            .get(table)
            .and_then(toml::Value::as_table)
            .is_some_and(|t| t.contains_key(id))
    };
    if has("claims", &new.id) {
        return unsupported(format!("there is already a claim `{}`", new.id));
    }
    if !has("sources", &new.source) {
        return unsupported(format!("there is no source `{}`", new.source));
    }
    let question = match (&new.new_topic_question, has("topics", &new.topic)) {
        (Some(_), true) => {
            return unsupported(format!("there is already a topic `{}`", new.topic));
        }
        (None, false) => {
            return unsupported(format!(
                "there is no topic `{}`; give its question to create it",
                new.topic
            ));
        }
        (Some(question), false) => question.clone(),
        (None, true) => topic_question(&plain, &new.topic),
    };

    let claim_lines = claim_lines(new);
    let mut splices = Vec::new();
    let mut end_block: Vec<String> = Vec::new();
    if let Some(question) = &new.new_topic_question {
        let topic_lines = vec![
            format!("[topics.{}]", key_text(&new.topic)),
            format!("question = {}", toml_string(question)),
        ];
        match last_table_end(&doc, "topics", |_| true) {
            Some(end) => splices.push(block_after(text, end, &topic_lines)),
            None => match first_topic_place(text, &doc, &topic_lines) {
                Some(splice) => splices.push(splice),
                None => {
                    end_block.extend(topic_lines);
                    end_block.push(String::new());
                }
            },
        }
    }
    let last_of_topic = last_table_end(&doc, "claims", |item| {
        Container::of(item)
            .and_then(|t| t.value("topic")?.as_str())
            .is_some_and(|topic| topic == new.topic)
    });
    match last_of_topic {
        Some(end) => splices.push(block_after(text, end, &claim_lines)),
        None => {
            end_block.push(format!("# {}", visible_line(&one_line(&question))));
            end_block.extend(claim_lines);
        }
    }
    if !end_block.is_empty() {
        splices.push(block_at_end(text, &end_block));
    }
    verify(text, splice_all(text, splices), |model| {
        if new.new_topic_question.is_some() {
            let mut topic = toml::Table::new();
            topic.insert("question".into(), question.as_str().into());
            table_in(model, "topics").insert(new.topic.clone(), topic.into());
        }
        table_in(model, "claims").insert(new.id.clone(), claim_value(new));
    })
}

fn topic_question(plain: &toml::Table, topic: &str) -> String {
    plain
        .get("topics")
        .and_then(|t| t.get(topic)?.get("question")?.as_str())
        .unwrap_or(topic)
        .to_string()
}

fn claim_lines(new: &NewClaim) -> Vec<String> {
    let mut span = format!(
        "  {{ source = {}, quote = {}",
        toml_string(&new.source),
        toml_string(&new.quote)
    );
    for (key, value) in [("prefix", &new.prefix), ("suffix", &new.suffix)] {
        if let Some(value) = value {
            span.push_str(&format!(", {key} = {}", toml_string(value)));
        }
    }
    span.push_str(" },");
    vec![
        format!("[claims.{}]", key_text(&new.id)),
        format!("topic = {}", toml_string(&new.topic)),
        format!("text = {}", toml_string(&new.text)),
        "spans = [".to_string(),
        span,
        "]".to_string(),
    ]
}

fn claim_value(new: &NewClaim) -> toml::Value {
    let mut span = toml::Table::new();
    span.insert("source".into(), new.source.as_str().into());
    span.insert("quote".into(), new.quote.as_str().into());
    for (key, value) in [("prefix", &new.prefix), ("suffix", &new.suffix)] {
        if let Some(value) = value {
            span.insert(key.into(), value.as_str().into());
        }
    }
    let mut claim = toml::Table::new();
    claim.insert("topic".into(), new.topic.as_str().into());
    claim.insert("text".into(), new.text.as_str().into());
    claim.insert("spans".into(), vec![toml::Value::Table(span)].into());
    claim.into()
}

pub(super) fn table_in<'m>(model: &'m mut toml::Table, key: &str) -> &'m mut toml::Table {
    let entry = model
        .entry(key)
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if !entry.is_table() {
        *entry = toml::Value::Table(toml::Table::new());
    }
    entry.as_table_mut().expect("made a table just above")
}

/// Where the last `[<root>.<id>]` table picked by `wanted` ends; `None`
/// also when the last one is not under a header of its own, since a new
/// header right after it could capture the keys that follow.
pub(super) fn last_table_end(
    doc: &Document<&str>,
    root: &str,
    wanted: impl Fn(&Item) -> bool,
) -> Option<usize> {
    let tables = doc.get(root)?.as_table_like()?;
    let (end, item) = tables
        .iter()
        .filter(|(_, item)| wanted(item))
        .filter_map(|(_, item)| Some((item_end(item)?, item)))
        .max_by_key(|(end, _)| *end)?;
    matches!(Container::of(item), Some(Container::Table(_))).then_some(end)
}

/// Where the first topic table goes in a file that has none: after a
/// comment block that announces the topics (`# ── Topics ──`, as `crux init`
/// writes), else right above the first claim table and the comments that
/// lead into it. `None`: at the end of the file.
pub(super) fn first_topic_place(
    text: &str,
    doc: &Document<&str>,
    lines: &[String],
) -> Option<Splice> {
    let first_claim = doc
        .get("claims")
        .and_then(Item::as_table)
        .into_iter()
        .flat_map(|claims| claims.iter())
        .filter_map(|(_, item)| item.as_table()?.span())
        .map(|header| header.start)
        .min();
    let before = &text[..first_claim.unwrap_or(text.len())];
    let mut offset = 0;
    let mut announced: Option<usize> = None;
    for line in before.split_inclusive('\n') {
        let comment = line.trim_start().starts_with('#');
        match announced {
            None if comment && announces_topics(line) => {
                announced = Some(offset);
            }
            Some(_) if comment => announced = Some(offset),
            Some(last) => return Some(block_after(text, last, lines)),
            None => {}
        }
        offset += line.len();
    }
    if let Some(last) = announced {
        return Some(block_after(text, last, lines));
    }
    let header = first_claim?;
    let start = line_start(text, header);
    let lead = text[..start]
        .split_inclusive('\n')
        .rev()
        .take_while(|l| l.trim_start().starts_with('#'))
        .map(str::len)
        .sum::<usize>();
    let eol = line_ending(text);
    let at = start - lead;
    Some((at..at, format!("{}{eol}{eol}", lines.join(eol))))
}

/// A section comment such as `# ── Topics ──` or `# Topics: the questions`.
fn announces_topics(line: &str) -> bool {
    let words =
        line.trim_start_matches(|c: char| c == '#' || c.is_whitespace() || "─━-=*".contains(c));
    words.to_lowercase().starts_with("topics")
}

/// `lines` as a new block after the line holding byte `end`, one blank
/// line before it.
pub(super) fn block_after(text: &str, end: usize, lines: &[String]) -> Splice {
    let eol = line_ending(text);
    let at = next_line_start(text, end);
    if at == text.len() && !text.ends_with('\n') {
        return (at..at, format!("{eol}{eol}{}", lines.join(eol)));
    }
    (at..at, format!("{eol}{}{eol}", lines.join(eol)))
}

/// `lines` at the end of the file, after one blank line; a file without a
/// final line ending keeps ending without one.
pub(super) fn block_at_end(text: &str, lines: &[String]) -> Splice {
    let eol = line_ending(text);
    let end = text.len();
    let block = lines.join(eol);
    let with = if text.trim_start_matches('\u{feff}').is_empty() {
        format!("{block}{eol}")
    } else if !text.ends_with('\n') {
        format!("{eol}{eol}{block}")
    } else if text.ends_with("\n\n") || text.ends_with("\n\r\n") {
        format!("{block}{eol}")
    } else {
        format!("{eol}{block}{eol}")
    };
    (end..end, with)
}

pub(super) fn remove_claim(
    text: &str,
    claim_id: &str,
    topic: Option<&str>,
) -> Result<String, EditError> {
    let unsupported = |why: String| Err(EditError::Unsupported(why));
    let doc = parse(text)?;
    let plain = model(text).unwrap_or_default();
    let Some(item) = claim(&doc, claim_id) else {
        return Err(EditError::NoSuchClaim(claim_id.to_string()));
    };
    let linking = linking_to(&plain, claim_id);
    if !linking.is_empty() {
        return unsupported(format!(
            "{} link(s) to `{claim_id}`; remove those links first",
            linking
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let topic = topic.filter(|topic| {
        let claims = plain.get("claims").and_then(toml::Value::as_table);
        let still_used = claims.into_iter().flatten().any(|(id, claim)| {
            id != claim_id && claim.get("topic").and_then(toml::Value::as_str) == Some(topic)
        });
        let exists = plain.get("topics").and_then(|t| t.get(*topic)).is_some();
        exists && !still_used
    });

    let mut splices = Vec::new();
    match Container::of(item) {
        Some(Container::Table(_)) => {
            let region = table_region(text, &doc, item, topic.is_some())
                .map_err(|why| EditError::Unsupported(format!("claim `{claim_id}` {why}")))?;
            splices.push((region, String::new()));
        }
        Some(Container::Inline(_)) => {
            let claims = doc.get("claims").and_then(Container::of);
            let removed = claims
                .ok_or_else(|| "its `[claims]` table has no header".to_string())
                .and_then(|claims| remove_entry(text, claims, claim_id))
                .map_err(|why| EditError::Unsupported(format!("claim `{claim_id}`: {why}")))?;
            splices.extend(removed);
        }
        _ => return unsupported(format!("claim `{claim_id}` is written with dotted keys")),
    }
    if let Some(topic) = topic {
        let item = doc
            .get("topics")
            .and_then(|t| t.get(topic))
            .filter(|item| matches!(Container::of(item), Some(Container::Table(_))));
        let Some(item) = item else {
            return unsupported(format!(
                "topic `{topic}` is not written as a `[topics.{topic}]` table"
            ));
        };
        let region = table_region(text, &doc, item, false)
            .map_err(|why| EditError::Unsupported(format!("topic `{topic}` {why}")))?;
        splices.push((region, String::new()));
    }
    verify(text, splice_all(text, splices), |model| {
        for (root, id) in [("claims", Some(claim_id)), ("topics", topic)] {
            if let (Some(id), Some(table)) =
                (id, model.get_mut(root).and_then(|t| t.as_table_mut()))
            {
                table.remove(id);
                if table.is_empty() {
                    // No `[claims.*]` header is left to imply the table.
                    model.remove(root);
                }
            }
        }
    })
}

/// The lines of a table, from its header through its last line, with one
/// blank line next to it (the one before, else the one after). With
/// `with_comments`, the comment lines right above the header go too.
fn table_region(
    text: &str,
    doc: &Document<&str>,
    item: &Item,
    with_comments: bool,
) -> Result<Range<usize>, String> {
    let own = headers(item);
    let header = own.iter().min_by_key(|h| h.start).ok_or("has no header")?;
    let mut start = line_start(text, header.start);
    let end = next_line_start(text, item_end(item).ok_or("is empty")?);
    let foreign = all_headers(doc)
        .into_iter()
        .any(|h| h.start > start && h.start < end && !own.contains(&h));
    if foreign {
        return Err("is split by another table; remove it by hand".to_string());
    }
    if with_comments {
        while let Some(previous) = previous_line_start(text, start)
            && text[previous..start].trim_start().starts_with('#')
        {
            start = previous;
        }
    }
    if let Some(previous) = previous_line_start(text, start)
        && is_blank_line(text, previous)
    {
        return Ok(whole_lines(text, previous, end));
    }
    if is_blank_line(text, end) {
        return Ok(start..next_line_start(text, end));
    }
    Ok(whole_lines(text, start, end))
}
