//! `crux lsp` over JSON-RPC with the real binary, on the shipped example:
//! hover, go to definition, find references and the outline.

#[path = "lsp/client.rs"]
mod client;

use client::{Client, at, open_shipped, position, position_in, range_of};
use serde_json::{Value, json};

struct Session {
    _dir: tempfile::TempDir,
    client: Client,
    uri: String,
    text: String,
}

fn session() -> Session {
    let (dir, client, uri, text) = open_shipped();
    Session {
        _dir: dir,
        client,
        uri,
        text,
    }
}

impl Session {
    fn ask(&mut self, method: &str, needle: &str, offset: usize) -> Value {
        let params = at(&self.uri, position_in(&self.text, needle, offset));
        self.client.result(method, params)
    }
    fn hover(&mut self, needle: &str, offset: usize) -> String {
        let hover = self.ask("textDocument/hover", needle, offset);
        assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
        hover["contents"]["value"].as_str().unwrap().to_string()
    }
}

#[test]
fn hover_tells_what_a_claim_a_quote_a_topic_and_a_source_are() {
    let mut s = session();
    // A claim id in a link.
    let claim = s.hover("{ claim = \"huseynov-several-drones\"", 14);
    assert!(
        claim.starts_with("**claim** `huseynov-several-drones` — unreviewed"),
        "{claim}"
    );
    assert!(
        claim.contains("Several Iranian-made drones struck targets in Nakhchivan on 5 March."),
        "{claim}"
    );
    assert!(
        claim.contains("by the document's own voice · asserted · about 2026-03-05"),
        "{claim}"
    );
    assert!(
        claim.contains("**On March 5, several Iranian-made drones struck targets in Azerbaijan's Nakhchivan Autonomous Republic**"),
        "the first quote, in context: {claim}"
    );
    assert!(claim.contains("— Azerbaijan's strategic balancing act amid regional turbulence, `seeds/001_38e6418e6546200a.txt:"), "{claim}");
    // The same claim from its own header.
    assert_eq!(s.hover("[claims.huseynov-several-drones]", 10), claim);

    // A quote: the passage with a line before and after, where it is.
    let quote = s.hover("quote = \"that four Iranian drones had taken part", 12);
    assert!(quote.starts_with("**quote** from Alignment and Restraint: Azerbaijan following the 2026 Iran War (`inss`) at `seeds/003_58c47bfb15e2261f.txt:25:203`"), "{quote}");
    let document =
        std::fs::read_to_string(s._dir.path().join("seeds/003_58c47bfb15e2261f.txt")).unwrap();
    let lines: Vec<&str> = document.lines().collect();
    for line in &lines[23..=25] {
        assert!(quote.contains(line), "line {line:?} missing from {quote}");
    }
    assert!(!quote.contains(lines[22]) || lines[22].is_empty() || lines[23].contains(lines[22]));

    let topic = s.hover("topic = \"drone-count\"", 10);
    assert!(
        topic.contains("How many drones struck Nakhchivan on 5 March 2026?"),
        "{topic}"
    );
    let source = s.hover("{ source = \"inss\", quote = \"that four", 12);
    assert!(
        source.contains("Alignment and Restraint: Azerbaijan following the 2026 Iran War"),
        "{source}"
    );
    let party = s.hover("asserted_by = \"azerbaijan-mod\"", 16);
    assert!(party.starts_with("**party** `azerbaijan-mod`"), "{party}");

    // Nothing under the cursor: no hover.
    assert_eq!(
        s.ask("textDocument/hover", "# --- How many drones", 3),
        Value::Null
    );
}

#[test]
fn definition_leads_from_an_id_to_its_table_and_from_a_quote_into_its_document() {
    let mut s = session();
    let uri = s.uri.clone();
    let found = s.ask(
        "textDocument/definition",
        "{ claim = \"huseynov-several-drones\"",
        20,
    );
    assert_eq!(found["uri"], uri.as_str());
    let header = s.text.find("[claims.huseynov-several-drones]").unwrap() + "[claims.".len();
    assert_eq!(
        found["range"],
        json!({ "start": position(&s.text, header), "end": position(&s.text, header + "huseynov-several-drones".len()) })
    );
    let topic = s.ask("textDocument/definition", "topic = \"drone-count\"", 12);
    let topic_header = s.text.find("[topics.drone-count]").unwrap() + "[topics.".len();
    assert_eq!(
        topic["range"]["start"],
        position(&s.text, topic_header),
        "{topic}"
    );
    assert_eq!(
        topic["range"]["end"],
        position(&s.text, topic_header + "drone-count".len())
    );
    let party = s.ask(
        "textDocument/definition",
        "asserted_by = \"azerbaijan-mod\"",
        16,
    );
    assert_eq!(
        party["range"]["start"],
        position_in(&s.text, "[parties.azerbaijan-mod]", 9)
    );
    let source = s.ask("textDocument/definition", "{ source = \"inss\"", 12);
    assert_eq!(
        source["range"]["start"],
        position_in(&s.text, "[sources.inss]", 9)
    );

    // A quote leads into the document, at the passage.
    let quote = s.ask(
        "textDocument/definition",
        "quote = \"that four Iranian drones had taken part",
        15,
    );
    assert!(
        quote["uri"]
            .as_str()
            .unwrap()
            .ends_with("/seeds/003_58c47bfb15e2261f.txt"),
        "{quote}"
    );
    let document =
        std::fs::read_to_string(s._dir.path().join("seeds/003_58c47bfb15e2261f.txt")).unwrap();
    assert_eq!(
        quote["range"],
        range_of(
            &document,
            "that four Iranian drones had taken part in the attack"
        )
    );
    assert_eq!(
        quote["range"]["start"],
        json!({ "line": 24, "character": 202 })
    );
}

#[test]
fn references_list_every_place_an_id_is_written() {
    let mut s = session();
    let uri = s.uri.clone();
    let params = json!({
        "textDocument": { "uri": uri },
        "position": position_in(&s.text, "[claims.huseynov-several-drones]", 10),
        "context": { "includeDeclaration": true }
    });
    let found = s.client.result("textDocument/references", params.clone());
    let starts: Vec<Value> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"]["start"].clone())
        .collect();
    let expected: Vec<Value> = s
        .text
        .match_indices("huseynov-several-drones")
        .map(|(i, _)| position(&s.text, i))
        .collect();
    assert_eq!(starts, expected, "the header and every link naming it");
    assert_eq!(expected.len(), 3);

    let mut without = params;
    without["context"]["includeDeclaration"] = json!(false);
    assert_eq!(
        s.client
            .result("textDocument/references", without)
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // A topic: its header and every claim on it.
    let topic = json!({
        "textDocument": { "uri": uri },
        "position": position_in(&s.text, "[topics.drone-count]", 10),
        "context": { "includeDeclaration": true }
    });
    let found = s.client.result("textDocument/references", topic);
    let written = s.text.matches("\"drone-count\"").count() + 1;
    assert_eq!(found.as_array().unwrap().len(), written);

    // A source: every span quoting it.
    let source = json!({
        "textDocument": { "uri": uri },
        "position": position_in(&s.text, "[sources.inss]", 10),
        "context": { "includeDeclaration": false }
    });
    let found = s.client.result("textDocument/references", source);
    assert_eq!(
        found.as_array().unwrap().len(),
        s.text.matches("source = \"inss\"").count()
    );
}

#[test]
fn the_outline_lists_sources_topics_and_claims_in_file_order() {
    let mut s = session();
    let uri = s.uri.clone();
    let symbols = s.client.result(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let symbols = symbols.as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    let headers: Vec<&str> = s
        .text
        .lines()
        .filter_map(|l| l.strip_prefix('[')?.strip_suffix(']'))
        .filter_map(|h| h.split_once('.').map(|(_, id)| id))
        .collect();
    assert_eq!(names, headers);
    let inss = symbols.iter().find(|s| s["name"] == "inss").unwrap();
    assert_eq!(inss["kind"], 1, "a file");
    assert_eq!(
        inss["detail"],
        "source: Alignment and Restraint: Azerbaijan following the 2026 Iran War"
    );
    let topic = symbols.iter().find(|s| s["name"] == "drone-count").unwrap();
    assert_eq!(
        topic["detail"],
        "topic: How many drones struck Nakhchivan on 5 March 2026?"
    );
    let claim = symbols
        .iter()
        .find(|s| s["name"] == "inss-four-drones")
        .unwrap();
    let header = s.text.find("[claims.inss-four-drones]").unwrap() + "[claims.".len();
    assert_eq!(
        claim["selectionRange"],
        json!({ "start": position(&s.text, header), "end": position(&s.text, header + "inss-four-drones".len()) })
    );
    assert_eq!(
        claim["range"]["start"],
        position_in(&s.text, "[claims.inss-four-drones]", 0)
    );
    assert_eq!(
        claim["range"]["end"],
        position_in(&s.text, "[claims.inss-one-intercepted]", 0)
    );
}
