//! Guards the shipped example `claims.toml`: it is read as raw TOML so that
//! these checks hold whatever the loader does, and fail loudly the moment a
//! seed document or a quote drifts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::{Table, Value};

const MUST_HAVE_TOPICS: [&str; 3] = ["drone-count", "launch-origin", "azerbaijan-neutral"];

/// Topics where claims cannot both be true: Baku's account against
/// Tehran's, and 001's neutrality against 003's alignment.
const CONTRADICTED_TOPICS: [&str; 2] = ["launch-origin", "azerbaijan-neutral"];

/// The relation keys of a claim table.
const LINK_KINDS: [&str; 6] = [
    "agrees",
    "contradicts",
    "refines",
    "updates",
    "rivals",
    "contrasts",
];

/// Words that hedge a statement, kept apart from crux's own list so that
/// this check holds whatever the loader does.
const HEDGES: [&str; 24] = [
    "it seems",
    "seems",
    "seem",
    "appears",
    "appear",
    "apparently",
    "likely",
    "unlikely",
    "probably",
    "possibly",
    "possible",
    "perhaps",
    "potentially",
    "potential",
    "reportedly",
    "allegedly",
    "alleged",
    "may",
    "might",
    "could",
    "suggest",
    "suggests",
    "suggesting",
    "suggested",
];

/// What a link's note says when the two claims can both be true.
const COMPATIBLE: [&str; 9] = [
    "compatible",
    "both can be true",
    "both can hold",
    "not a contradiction",
    "difference of precision",
    "difference of emphasis",
    "not exclusive",
    "not a conflict",
    "rather than a conflict",
];

/// Verbs by which a claim's text reports someone else's words.
const REPORTING: [&str; 12] = [
    "stated",
    "said",
    "denied",
    "accused",
    "claimed",
    "insisted",
    "warned",
    "suggested",
    "emphasised",
    "stressed",
    "rejected",
    "condemned",
];

struct Dataset {
    sources: Table,
    topics: Table,
    parties: Table,
    claims: Table,
}

fn dataset() -> Dataset {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("claims.toml")).expect("claims.toml is readable");
    let mut doc: Table = toml::from_str(&text).expect("claims.toml is valid TOML");
    // Files without parties are still valid: every claim is then in its
    // documents' own voice.
    let mut take = |key: &str, optional: bool| match doc.remove(key) {
        Some(Value::Table(t)) => t,
        None if optional => Table::new(),
        other => panic!("`{key}` should be a table, found {other:?}"),
    };
    Dataset {
        sources: take("sources", false),
        topics: take("topics", false),
        parties: take("parties", true),
        claims: take("claims", false),
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

/// Every `kind` entry of every claim as (from, to, note).
fn links<'a>(data: &'a Dataset, kind: &str) -> Vec<(&'a str, &'a str, Option<&'a str>)> {
    let mut out = Vec::new();
    for (id, claim) in &data.claims {
        let claim = table(claim, id);
        for entry in array(claim, kind) {
            match entry {
                Value::String(to) => out.push((id.as_str(), to.as_str(), None)),
                Value::Table(t) => out.push((
                    id.as_str(),
                    string(t, "claim", &format!("a `{kind}` entry of `{id}`")),
                    t.get("note").and_then(Value::as_str),
                )),
                other => panic!("`{id}`: unexpected {kind} entry {other:?}"),
            }
        }
    }
    out
}

fn contradictions(data: &Dataset) -> Vec<(&str, &str, Option<&str>)> {
    links(data, "contradicts")
}

/// The first of `words` in `text` as a whole word, ignoring case; a
/// capitalised "May" is the month.
fn find_word<'w>(text: &str, words: &[&'w str]) -> Option<&'w str> {
    let lower = text.to_ascii_lowercase();
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    words.iter().copied().find(|word| {
        lower.match_indices(word).any(|(at, _)| {
            let end = at + word.len();
            let clear = !lower[..at].chars().next_back().is_some_and(is_word)
                && !lower[end..].chars().next().is_some_and(is_word);
            clear && !(*word == "may" && &text[at..end] == "May")
        })
    })
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
        for key in LINK_KINDS {
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
fn the_disputed_topics_each_hold_a_contradiction() {
    let data = dataset();
    for topic in MUST_HAVE_TOPICS {
        assert!(
            data.topics.contains_key(topic),
            "topic `{topic}` is missing"
        );
    }
    let links = contradictions(&data);
    for topic in CONTRADICTED_TOPICS {
        let inside = links
            .iter()
            .filter(|(from, to, _)| topic_of(&data, from) == topic || topic_of(&data, to) == topic)
            .count();
        assert!(inside >= 1, "topic `{topic}` has no contradiction");
    }
}

#[test]
fn several_drones_against_four_is_a_refinement_not_a_contradiction() {
    let data = dataset();
    let pair = |(from, to, _): &(&str, &str, Option<&str>)| {
        let mut ends = [*from, *to];
        ends.sort_unstable();
        ends == ["huseynov-several-drones", "inss-four-drones"]
    };
    assert!(!contradictions(&data).iter().any(pair));
    assert!(
        links(&data, "refines")
            .iter()
            .any(|l| pair(l) && l.0 == "inss-four-drones"),
        "the ministry's 'four' should refine 001's 'several'"
    );
}

#[test]
fn every_claim_has_a_resolved_assertor() {
    let data = dataset();
    let mut problems = Vec::new();
    for (id, claim) in &data.claims {
        let claim = table(claim, id);
        match claim.get("asserted_by") {
            // The documents' own voice: a claim must quote a declared source.
            None => {
                if !spans(id, claim)
                    .iter()
                    .any(|(source, _)| data.sources.contains_key(*source))
                {
                    problems.push(format!("`{id}`: own voice, but quotes no declared source"));
                }
            }
            Some(Value::String(party)) if data.parties.contains_key(party) => {
                let party = table(&data.parties[party], party);
                assert!(!string(party, "name", id).trim().is_empty());
            }
            Some(other) => problems.push(format!(
                "`{id}`: asserted_by {other} is not a declared party"
            )),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_claim_reporting_someone_elses_words_names_them() {
    let data = dataset();
    let unnamed: Vec<String> = data
        .claims
        .iter()
        .filter(|(_, claim)| table(claim, "a claim").get("asserted_by").is_none())
        .filter_map(|(id, claim)| {
            let text = string(table(claim, id), "text", id);
            find_word(text, &REPORTING).map(|verb| format!("`{id}` ({verb}): {text}"))
        })
        .collect();
    assert!(
        unnamed.is_empty(),
        "claims that report someone's words in the author's voice:\n{}",
        unnamed.join("\n")
    );
}

#[test]
fn every_hedged_quote_keeps_its_hedge_in_the_text_or_the_mode() {
    let data = dataset();
    let mut flat = Vec::new();
    for (id, claim) in &data.claims {
        let claim = table(claim, id);
        let mode = claim.get("mode").and_then(Value::as_str);
        let hedge = claim.get("hedge").and_then(Value::as_str);
        let kept = hedge.is_some()
            || mode.is_some_and(|m| m != "asserted")
            || find_word(string(claim, "text", id), &HEDGES).is_some();
        for (_, span) in spans(id, claim) {
            let quote = string(span, "quote", id);
            if let Some(word) = find_word(quote, &HEDGES)
                && !kept
            {
                flat.push(format!("`{id}` drops `{word}` from {quote:?}"));
            }
        }
        if let Some(hedge) = hedge {
            let quoted = spans(id, claim)
                .iter()
                .any(|(_, span)| find_word(string(span, "quote", id), &[hedge]).is_some());
            if !quoted {
                flat.push(format!(
                    "`{id}`: its hedge `{hedge}` is in none of its quotes"
                ));
            }
        }
    }
    assert!(flat.is_empty(), "{}", flat.join("\n"));
}

#[test]
fn no_contradiction_is_called_compatible_by_its_own_note() {
    let data = dataset();
    let compatible: Vec<String> = contradictions(&data)
        .into_iter()
        .filter_map(|(from, to, note)| {
            let lower = note?.to_lowercase();
            let phrase = COMPATIBLE.iter().find(|p| lower.contains(*p))?;
            Some(format!("{from} -> {to}: \"{phrase}\""))
        })
        .collect();
    assert!(
        compatible.is_empty(),
        "contradictions whose note says they can both be true:\n{}",
        compatible.join("\n")
    );
}

#[test]
fn a_directional_link_is_declared_on_one_side_only() {
    let data = dataset();
    for kind in ["refines", "updates"] {
        let declared = links(&data, kind);
        for (from, to, _) in &declared {
            assert!(
                !declared.iter().any(|(f, t, _)| f == to && t == from),
                "`{from}` and `{to}` each declare that they {kind} the other"
            );
        }
    }
}
