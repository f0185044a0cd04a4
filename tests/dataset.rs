//! Guards the shipped example `claims.toml`: it is read as raw TOML so that
//! these checks hold whatever the loader does, and fail loudly the moment a
//! seed document or a quote drifts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::{Table, Value};

const MUST_HAVE_TOPICS: [&str; 3] = ["drone-count", "launch-origin", "azerbaijan-neutral"];

struct Dataset {
    sources: Table,
    topics: Table,
    claims: Table,
}

fn dataset() -> Dataset {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("claims.toml")).expect("claims.toml is readable");
    let mut doc: Table = toml::from_str(&text).expect("claims.toml is valid TOML");
    let mut take = |key: &str| match doc.remove(key) {
        Some(Value::Table(t)) => t,
        other => panic!("`{key}` should be a table, found {other:?}"),
    };
    Dataset {
        sources: take("sources"),
        topics: take("topics"),
        claims: take("claims"),
    }
}

fn table<'a>(value: &'a Value, what: &str) -> &'a Table {
    value
        .as_table()
        .unwrap_or_else(|| panic!("{what} should be a table"))
}

fn string<'a>(table: &'a Table, key: &str, what: &str) -> &'a str {
    table
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{what} should have a string `{key}`"))
}

fn array<'a>(table: &'a Table, key: &str) -> &'a [Value] {
    table
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The spans of one claim as (source id, span table).
fn spans<'a>(id: &str, claim: &'a Table) -> Vec<(&'a str, &'a Table)> {
    array(claim, "spans")
        .iter()
        .map(|span| {
            let span = table(span, &format!("a span of `{id}`"));
            (string(span, "source", &format!("a span of `{id}`")), span)
        })
        .collect()
}

/// Every `contradicts` entry of every claim as (from, to, note).
fn contradictions(data: &Dataset) -> Vec<(&str, &str, Option<&str>)> {
    let mut out = Vec::new();
    for (id, claim) in &data.claims {
        let claim = table(claim, id);
        for entry in array(claim, "contradicts") {
            match entry {
                Value::String(to) => out.push((id.as_str(), to.as_str(), None)),
                Value::Table(t) => out.push((
                    id.as_str(),
                    string(t, "claim", &format!("a contradiction of `{id}`")),
                    t.get("note").and_then(Value::as_str),
                )),
                other => panic!("`{id}`: unexpected contradicts entry {other:?}"),
            }
        }
    }
    out
}

fn topic_of<'a>(data: &'a Dataset, id: &str) -> &'a str {
    let claim = data
        .claims
        .get(id)
        .unwrap_or_else(|| panic!("link to unknown claim `{id}`"));
    string(table(claim, id), "topic", id)
}

#[test]
fn every_quote_is_found_verbatim_exactly_once_in_its_source() {
    let data = dataset();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut documents = BTreeMap::new();
    for (id, source) in &data.sources {
        let path = string(table(source, id), "path", id);
        let text = std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("source `{id}` ({path}) is unreadable: {e}"));
        documents.insert(id.as_str(), text);
    }
    let mut problems = Vec::new();
    for (id, claim) in &data.claims {
        for (source, span) in spans(id, table(claim, id)) {
            let document = documents
                .get(source)
                .unwrap_or_else(|| panic!("`{id}` quotes unknown source `{source}`"));
            let quote = string(span, "quote", id);
            let prefix = span.get("prefix").and_then(Value::as_str).unwrap_or("");
            let suffix = span.get("suffix").and_then(Value::as_str).unwrap_or("");
            let needle = format!("{prefix}{quote}{suffix}");
            let matches = document.matches(needle.as_str()).count();
            let ok = match span.get("occurrence").and_then(Value::as_integer) {
                Some(n) => n >= 1 && usize::try_from(n).is_ok_and(|n| n <= matches),
                None => matches == 1,
            };
            if !ok {
                problems.push(format!(
                    "`{id}`: {matches} matches in `{source}` for {quote:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_claim_names_a_declared_topic_and_every_topic_has_two_claims() {
    let data = dataset();
    let mut per_topic: BTreeMap<&str, usize> =
        data.topics.keys().map(|t| (t.as_str(), 0)).collect();
    for (id, claim) in &data.claims {
        let topic = string(table(claim, id), "topic", id);
        *per_topic
            .get_mut(topic)
            .unwrap_or_else(|| panic!("`{id}` names undeclared topic `{topic}`")) += 1;
    }
    let thin: Vec<_> = per_topic.iter().filter(|(_, n)| **n < 2).collect();
    assert!(
        thin.is_empty(),
        "topics with fewer than two claims: {thin:?}"
    );
}

#[test]
fn every_contradiction_carries_a_note() {
    let data = dataset();
    let bare: Vec<_> = contradictions(&data)
        .into_iter()
        .filter(|(_, _, note)| note.is_none_or(|n| n.trim().is_empty()))
        .map(|(from, to, _)| format!("{from} -> {to}"))
        .collect();
    assert!(bare.is_empty(), "contradictions without a note: {bare:?}");
}

#[test]
fn every_link_names_an_existing_other_claim() {
    let data = dataset();
    for (id, claim) in &data.claims {
        let claim = table(claim, id);
        for key in ["agrees", "contradicts"] {
            for entry in array(claim, key) {
                let target = match entry {
                    Value::String(s) => s.as_str(),
                    Value::Table(t) => string(t, "claim", id),
                    other => panic!("`{id}`: unexpected {key} entry {other:?}"),
                };
                assert_ne!(target, id, "`{id}` is linked to itself");
                assert!(
                    data.claims.contains_key(target),
                    "`{id}` {key} unknown claim `{target}`"
                );
            }
        }
    }
}

#[test]
fn every_source_has_at_least_one_claim() {
    let data = dataset();
    let quoted: BTreeSet<&str> = data
        .claims
        .iter()
        .flat_map(|(id, claim)| spans(id, table(claim, id)))
        .map(|(source, _)| source)
        .collect();
    let silent: Vec<_> = data
        .sources
        .keys()
        .filter(|s| !quoted.contains(s.as_str()))
        .collect();
    assert!(silent.is_empty(), "sources without claims: {silent:?}");
}

#[test]
fn the_example_is_large_enough_to_be_worth_shipping() {
    let data = dataset();
    assert!(data.claims.len() >= 90, "only {} claims", data.claims.len());
    assert!(data.topics.len() >= 15, "only {} topics", data.topics.len());
}

#[test]
fn the_must_have_topics_each_hold_a_contradiction() {
    let data = dataset();
    let links = contradictions(&data);
    for topic in MUST_HAVE_TOPICS {
        assert!(
            data.topics.contains_key(topic),
            "topic `{topic}` is missing"
        );
        let inside = links
            .iter()
            .filter(|(from, to, _)| topic_of(&data, from) == topic || topic_of(&data, to) == topic)
            .count();
        assert!(inside >= 1, "topic `{topic}` has no contradiction");
    }
}
