//! Completion inside a string value, by the key it is the value of: claim
//! ids in a link (`claim = "`, `agrees = ["`), same topic first; topic,
//! source, party and period ids; status and mode values; in `quote = "`,
//! the passages of the span's source that start with what is typed. At
//! the start of a line in a claim table: its keys, the relation kinds first.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionResponse, CompletionTextEdit,
    TextEdit,
};

use super::analysis::Analysis;
use super::context::{Context, at};
use super::index::{claim_at, quote_at};
use super::position::Positions;
use crate::model::{Dataset, Mode, RelationKind, Status};
use crate::text::{toml_string, visible_line};

/// Most items sent at once; the list says it is incomplete past this.
const MOST: usize = 200;
/// Longest passage offered for a quote, in characters.
const PASSAGE_CHARS: usize = 300;

pub fn complete(
    analysis: &Analysis,
    earlier: Option<&Analysis>,
    byte: usize,
) -> Option<CompletionResponse> {
    let dataset = &analysis.dataset;
    let text: &str = &dataset.text;
    let items = match at(text, byte)? {
        Context::Key { typed } => {
            claim_at(dataset, byte)?;
            let others = crate::load::CLAIM_KEYS
                .iter()
                .copied()
                .filter(|k| RelationKind::parse(k).is_none());
            let keys = RelationKind::ALL.iter().map(|k| k.as_str()).chain(others);
            let items = keys
                .filter(|k| k.starts_with(typed.as_str()))
                .map(|k| item(k, CompletionItemKind::PROPERTY, None))
                .collect();
            return Some(list(text, byte - typed.len()..byte, items, false, false));
        }
        Context::Value { key, typed, quoted } => {
            let ids = |pick: fn(&Dataset) -> Vec<(String, String)>| {
                let mut all = pick(dataset);
                if let Some(earlier) = earlier {
                    all.extend(pick(&earlier.dataset));
                }
                let mut seen = std::collections::HashSet::new();
                all.retain(|(id, _)| seen.insert(id.clone()));
                all
            };
            let start = byte - typed.len();
            let items: Vec<CompletionItem> = match key.as_str() {
                "claim" => claims(dataset, earlier, &ids(claim_ids), byte),
                k if RelationKind::parse(k).is_some() => {
                    claims(dataset, earlier, &ids(claim_ids), byte)
                }
                "topic" => labelled(ids(topic_ids), CompletionItemKind::MODULE),
                "source" => labelled(ids(source_ids), CompletionItemKind::FILE),
                "asserted_by" => labelled(ids(party_ids), CompletionItemKind::CLASS),
                "when" => labelled(ids(period_ids), CompletionItemKind::EVENT),
                "status" => words(Status::ALL.map(Status::as_str)),
                "mode" => words(Mode::ALL.map(Mode::as_str)),
                "quote" => {
                    let source = quote_source(dataset, text, byte)?;
                    passages(dataset, &source, &typed)
                }
                _ => return None,
            };
            let filtered: Vec<CompletionItem> = if key == "quote" {
                items
            } else {
                let typed = typed.to_lowercase();
                items
                    .into_iter()
                    .filter(|i| i.label.to_lowercase().contains(&typed))
                    .collect()
            };
            (filtered, start, quoted)
        }
    };
    let (items, start, quoted) = items;
    let incomplete = items.len() > MOST;
    let items = items.into_iter().take(MOST).collect();
    Some(list(text, start..byte, items, incomplete, quoted))
}

fn list(
    text: &str,
    replace: std::ops::Range<usize>,
    items: Vec<CompletionItem>,
    incomplete: bool,
    quoted: bool,
) -> CompletionResponse {
    let range = Positions::new(text).range(&replace);
    let items = items
        .into_iter()
        .enumerate()
        .map(|(n, mut item)| {
            let value = item
                .insert_text
                .take()
                .unwrap_or_else(|| item.label.clone());
            let new_text = if quoted { in_string(&value) } else { value };
            item.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text)));
            item.sort_text = Some(format!("{n:05}"));
            item
        })
        .collect();
    CompletionResponse::List(CompletionList {
        is_incomplete: incomplete,
        items,
    })
}

/// `value` as the inside of a TOML basic string.
fn in_string(value: &str) -> String {
    let quoted = toml_string(value);
    quoted[1..quoted.len() - 1].to_string()
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..CompletionItem::default()
    }
}

fn words<const N: usize>(words: [&str; N]) -> Vec<CompletionItem> {
    words
        .iter()
        .map(|w| item(w, CompletionItemKind::ENUM_MEMBER, None))
        .collect()
}

fn labelled(ids: Vec<(String, String)>, kind: CompletionItemKind) -> Vec<CompletionItem> {
    ids.iter()
        .map(|(id, detail)| item(id, kind, Some(visible_line(detail).into_owned())))
        .collect()
}

fn claim_ids(d: &Dataset) -> Vec<(String, String)> {
    d.claims
        .iter()
        .map(|c| (c.id.clone(), c.text.clone()))
        .collect()
}
fn topic_ids(d: &Dataset) -> Vec<(String, String)> {
    d.topics
        .iter()
        .map(|t| (t.id.clone(), t.question.clone()))
        .collect()
}
fn source_ids(d: &Dataset) -> Vec<(String, String)> {
    d.sources
        .iter()
        .map(|s| (s.id.clone(), s.display_name().to_string()))
        .collect()
}
fn party_ids(d: &Dataset) -> Vec<(String, String)> {
    d.parties
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect()
}
fn period_ids(d: &Dataset) -> Vec<(String, String)> {
    d.periods
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect()
}

/// Claim ids for a link from the claim around `byte`: its own topic's
/// claims first, itself left out. A claim whose topic the half-typed value
/// hides from this analysis has the topic the earlier one saw.
fn claims(
    dataset: &Dataset,
    earlier: Option<&Analysis>,
    ids: &[(String, String)],
    byte: usize,
) -> Vec<CompletionItem> {
    let here = claim_at(dataset, byte).map(|c| dataset.claims[c].id.as_str());
    let topic_of = |id: &str| {
        let now = dataset
            .claim(id)
            .map(|c| c.topic.as_str())
            .filter(|t| !t.is_empty());
        now.or_else(|| {
            let before = earlier?.dataset.claim(id)?;
            Some(before.topic.as_str()).filter(|t| !t.is_empty())
        })
    };
    let here_topic = here.and_then(topic_of);
    let mut ranked: Vec<(bool, &(String, String))> = ids
        .iter()
        .filter(|(id, _)| here != Some(id.as_str()))
        .map(|entry| {
            let same = here_topic.is_some() && topic_of(&entry.0) == here_topic;
            (!same, entry)
        })
        .collect();
    ranked.sort_by_key(|(other_topic, _)| *other_topic);
    ranked
        .into_iter()
        .map(|(_, (id, text))| {
            item(
                id,
                CompletionItemKind::REFERENCE,
                Some(visible_line(text).into_owned()),
            )
        })
        .collect()
}

/// The source id of the span whose quote is being typed at `byte`: the
/// `source = "..."` written before it in the same inline table, else the
/// span the loader placed there.
fn quote_source(dataset: &Dataset, text: &str, byte: usize) -> Option<String> {
    let table_start = text[..byte].rfind('{');
    if let Some(start) = table_start
        && let Some(id) = super::context::string_value_of(&text[start..byte], "source")
    {
        return Some(id);
    }
    let (c, s) = quote_at(dataset, byte)?;
    Some(dataset.claims[c].spans[s].source.clone())
}

/// Passages of the source that start with `typed`, each to the end of its
/// sentence, in document order, each once.
fn passages(dataset: &Dataset, source: &str, typed: &str) -> Vec<CompletionItem> {
    let Some(document) = dataset.source(source).and_then(|s| s.text()) else {
        return Vec::new();
    };
    if typed.trim().is_empty() || typed.contains('\\') {
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    memchr::memmem::find_iter(document.as_bytes(), typed.as_bytes())
        .map(|start| &document[start..sentence_end(document, start + typed.len())])
        .filter(|passage| seen.insert(*passage))
        .take(MOST + 1)
        .map(|passage| {
            let mut i = item(
                &visible_line(passage),
                CompletionItemKind::TEXT,
                Some(format!("from {source}")),
            );
            i.insert_text = Some(passage.to_string());
            i
        })
        .collect()
}

/// Where the sentence or line going on at `from` ends (its final
/// punctuation included), at most [`PASSAGE_CHARS`] characters on.
fn sentence_end(text: &str, from: usize) -> usize {
    let limit = text[from..]
        .char_indices()
        .nth(PASSAGE_CHARS)
        .map_or(text.len(), |(i, _)| from + i);
    let rest = &text[from..limit];
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' || c == '\r' {
            return from + i;
        }
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|(_, next)| next.is_whitespace())
        {
            return from + i + 1;
        }
    }
    limit
}
