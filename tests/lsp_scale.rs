//! `crux lsp` on a 10,000-claim file (100 generated documents): a change
//! to the claims file places no quote again, costs less than the first
//! analysis, and a burst of changes is analysed once or a few times, not
//! once per change. How long a keystroke takes against a `crux check` of
//! the same file is a benchmark's figure (`scripts/lsp-bench.sh`, release
//! build), not a test's: on a loaded debug build the two swing apart.

#[path = "lsp/client.rs"]
mod client;
#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use client::{Client, at, position_in, url};
use serde_json::json;

/// The milliseconds an analysis took, from its log line.
fn took(log: &str) -> u64 {
    let ms = log
        .split("analysed in ")
        .nth(1)
        .and_then(|s| s.split(" ms").next());
    ms.and_then(|ms| ms.parse().ok())
        .unwrap_or_else(|| panic!("{log}"))
}

#[test]
fn a_change_to_a_large_claims_file_reuses_every_placed_quote() {
    let dir = tempfile::tempdir().unwrap();
    let summary =
        gen_corpus::generate(&gen_corpus::Params::new(100, 10_000, 3), dir.path()).unwrap();
    assert_eq!(summary.claims, 10_000);
    let path = dir.path().join("claims.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = url(&path);
    let mut client = Client::start(dir.path());

    client.open(&uri, &text);
    let first = client.diagnostics(&uri, 1);
    assert!(
        first.iter().all(|d| d["severity"] == 2),
        "the corpus has warnings only"
    );
    let cold = client.log_line("document(s) read");
    assert!(
        cold.contains("10000 claims") && cold.contains("; 100 document(s) read, "),
        "{cold}"
    );

    // A claim's text changes, as a person types: one small edit.
    let claim = text.find("\ntext = \"").unwrap() + "\ntext = \"".len();
    let position = client::position(&text, claim);
    let edit = |version: i64, insert: &str| {
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": { "start": position, "end": position }, "text": insert }]
        })
    };
    client.notify("textDocument/didChange", edit(2, "x"));
    let warm = client.log_line("; version 2: ");
    assert!(
        warm.contains("; 0 document(s) read, 0 quote(s) placed, "),
        "{warm}"
    );
    eprintln!("cold: {cold}\nwarm: {warm}");
    assert!(
        took(&warm) < took(&cold),
        "a change that places no quote costs less than the first analysis: {warm} / {cold}"
    );

    // Twenty keystrokes in a burst: analysed together, not twenty times.
    client.drain();
    for version in 3..23 {
        client.notify("textDocument/didChange", edit(version, "y"));
    }
    let hover = client.result(
        "textDocument/hover",
        at(&uri, position_in(&text, "[claims.", 9)),
    );
    assert!(hover["contents"]["value"].is_string(), "{hover}");
    client.analysed(&uri, 22);
    let analyses = client
        .pending
        .iter()
        .filter(|m| m["method"] == "window/logMessage")
        .count();
    assert!(
        (1..=10).contains(&analyses),
        "{analyses} analyses for 20 changes"
    );
    assert!(client.shutdown().success());
}
