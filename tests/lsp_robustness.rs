//! `crux lsp` with what an editor and a careless or hostile user send it:
//! a buffer full of syntax errors, documents changing on disk, protocol
//! misuse, control characters in the file. It answers, or refuses with an
//! error, and never crashes or hangs.

#[path = "lsp/client.rs"]
mod client;

use client::{Client, at, position_in, shipped, url};
use serde_json::{Value, json};

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_buffer_with_syntax_errors_gets_partial_results_and_no_crash() {
    let dir = shipped();
    let text = std::fs::read_to_string(dir.path().join("claims.toml")).unwrap();
    let uri = url(&dir.path().join("claims.toml"));
    let mut client = Client::start(dir.path());
    // A string left open halfway through, and a stray bracket near the end.
    let mut broken = text.replacen(
        "text = \"One drone was neutralised",
        "text = \"One drone was neutralised\nnote = \"unclosed",
        1,
    );
    broken.push_str("\n[[[claims\n= = =\n\"\u{0}\"\n");
    client.open(&uri, &broken);
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(
        codes(&diagnostics).contains(&"E0001".to_string()),
        "{diagnostics:?}"
    );

    // What comes before the break is still known.
    let hover = client.result(
        "textDocument/hover",
        at(&uri, position_in(&broken, "[claims.inss-four-drones]", 10)),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("four Iranian drones"),
        "{hover}"
    );
    let symbols = client.result(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.contains(&"inss-four-drones") && names.contains(&"drone-count"),
        "{names:?}"
    );
    let definition = client.result(
        "textDocument/definition",
        at(
            &uri,
            position_in(&broken, "{ claim = \"huseynov-several-drones\"", 14),
        ),
    );
    assert_eq!(
        definition["range"]["start"],
        position_in(&broken, "[claims.huseynov-several-drones]", 8)
    );
    let completion = client.result(
        "textDocument/completion",
        at(&uri, position_in(&broken, "note = \"unclosed", 16)),
    );
    assert!(
        completion.is_null() || completion["items"].is_array(),
        "{completion}"
    );
    let actions = client.result(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": position_in(&broken, "[claims.inss-four-drones]", 3), "end": position_in(&broken, "[claims.inss-four-drones]", 3) }, "context": { "diagnostics": [] } }),
    );
    assert!(actions.is_array(), "{actions}");

    // Every position in the broken tail is answered without a crash.
    let tail = broken.find("[[[claims").unwrap();
    for offset in 0..broken.len() - tail {
        let position = client::position(&broken, tail + offset);
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
        ] {
            let answer = client.request(method, at(&uri, position.clone()));
            assert!(
                answer.get("error").is_none(),
                "{method} at {position}: {answer}"
            );
        }
    }
    // Fixed: back to clean.
    client.change(&uri, 2, &text);
    assert_eq!(client.diagnostics(&uri, 2), Vec::<Value>::new());
    assert!(client.shutdown().success());
}

#[test]
fn a_source_document_changing_on_disk_refreshes_the_claims_files_diagnostics() {
    let dir = shipped();
    let text = std::fs::read_to_string(dir.path().join("claims.toml")).unwrap();
    let uri = url(&dir.path().join("claims.toml"));
    let document = dir.path().join("seeds/003_58c47bfb15e2261f.txt");
    let original = std::fs::read_to_string(&document).unwrap();
    let mut client = Client::start(dir.path());
    client.open(&uri, &text);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    client.log_line("; 5 document(s) read");

    // The document is corrected and re-published; the editor says nothing.
    let edited = original.replace("had taken part in the attack", "took part in the attack");
    assert_ne!(edited, original);
    std::fs::write(&document, &edited).unwrap();
    let diagnostics = client.next_diagnostics(&uri);
    assert!(
        codes(&diagnostics).contains(&"E0014".to_string()),
        "{diagnostics:?}"
    );
    let log = client.log_line("document(s) read");
    assert!(
        log.contains("; 1 document(s) read,"),
        "only the changed document is read again: {log}"
    );

    std::fs::write(&document, &original).unwrap();
    assert_eq!(client.next_diagnostics(&uri), Vec::<Value>::new());
    assert!(client.shutdown().success());
}

#[test]
fn documents_are_read_and_quotes_placed_again_only_when_they_changed() {
    let dir = shipped();
    let text = std::fs::read_to_string(dir.path().join("claims.toml")).unwrap();
    let uri = url(&dir.path().join("claims.toml"));
    let mut client = Client::start(dir.path());
    client.open(&uri, &text);
    let first = client.log_line("document(s) read");
    assert!(first.contains("; 5 document(s) read, "), "{first}");

    // A claim's text changes: nothing is read or placed again.
    let reworded = text.replacen(
        "Several Iranian-made drones struck",
        "Several drones struck",
        1,
    );
    client.change(&uri, 2, &reworded);
    client.diagnostics(&uri, 2);
    let log = client.log_line("document(s) read");
    assert!(
        log.contains("; 0 document(s) read, 0 quote(s) placed, "),
        "{log}"
    );

    // One quote changes: that quote alone is placed again.
    let requoted = reworded.replacen("had taken part in the attack\"", "had taken part\"", 1);
    client.change(&uri, 3, &requoted);
    client.diagnostics(&uri, 3);
    let log = client.log_line("document(s) read");
    assert!(
        log.contains("; 0 document(s) read, 1 quote(s) placed, "),
        "{log}"
    );
}

#[test]
fn protocol_misuse_is_answered_with_errors_and_the_server_goes_on() {
    let dir = shipped();
    let uri = url(&dir.path().join("claims.toml"));
    let mut client = Client::spawn(dir.path());
    let early = client.request(
        "textDocument/hover",
        at(&uri, json!({ "line": 0, "character": 0 })),
    );
    assert_eq!(
        early["error"]["code"], -32002,
        "not initialized yet: {early}"
    );
    let answer = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    assert!(
        answer["result"]["capabilities"]["hoverProvider"] == true,
        "{answer}"
    );
    client.notify("initialized", json!({}));

    let unknown = client.request("workspace/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let invalid = client.request("textDocument/hover", json!({ "textDocument": 7 }));
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    // A document never opened: nothing to say about it.
    let closed = client.request(
        "textDocument/hover",
        at(&uri, json!({ "line": 0, "character": 0 })),
    );
    assert_eq!(closed["result"], Value::Null, "{closed}");
    // A position far past the end of the buffer, and a change past it too.
    client.open(&uri, "title = \"x\"\n");
    client.diagnostics(&uri, 1);
    let far = client.request(
        "textDocument/hover",
        at(
            &uri,
            json!({ "line": 4000000000u64, "character": 4000000000u64 }),
        ),
    );
    assert!(far.get("error").is_none(), "{far}");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 90, "character": 9 }, "end": { "line": 3, "character": 0 } }, "text": "# end\n" }
        ] }),
    );
    let diagnostics = client.analysed(&uri, 2).unwrap_or_default();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert!(client.shutdown().success());
}

#[test]
fn exit_without_shutdown_and_garbage_end_the_server_with_a_failure() {
    let dir = shipped();
    let mut client = Client::start(dir.path());
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(1));

    let mut client = Client::start(dir.path());
    client.send_raw(b"Content-Length: 12\r\n\r\nnot json at all");
    assert!(!client.wait().success());

    let mut client = Client::start(dir.path());
    client.send_raw(b"Content-Length: 999999\r\n\r\n{\"jsonrpc\"");
    assert!(!client.wait().success(), "input ends inside a message");
}

#[test]
fn control_characters_and_markup_in_the_file_reach_the_editor_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "plain words here").unwrap();
    let text = "[sources.a]\npath = \"a.txt\"\n[topics.t]\nquestion = \"<img src=x onerror=alert(1)> \\u001b[2J\"\n[claims.c]\ntopic = \"t\"\ntext = \"**x** \\u202e\"\nspans = [{ source = \"a\", quote = \"words\\u001b]0;pwned\\u0007\" }]\n";
    let uri = url(&dir.path().join("claims.toml"));
    let mut client = Client::start(dir.path());
    client.open(&uri, text);
    let diagnostics = client.diagnostics(&uri, 1);
    for d in &diagnostics {
        let message = d["message"].as_str().unwrap();
        assert!(
            !message.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{message:?}"
        );
    }
    for needle in ["topic = \"t\"", "[claims.c]"] {
        let hover = client.result("textDocument/hover", at(&uri, position_in(text, needle, 9)));
        let shown = hover["contents"]["value"].as_str().unwrap();
        assert!(
            !shown.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{shown:?}"
        );
        let unescaped = shown
            .match_indices('<')
            .any(|(i, _)| !shown[..i].ends_with('\\'));
        assert!(!unescaped, "HTML reaches the editor: {shown}");
    }
}

#[test]
fn a_toml_file_that_is_not_a_claims_file_gets_nothing_said_about_it() {
    let dir = tempfile::tempdir().unwrap();
    let cargo = "[package]\nname = \"x\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = \"1\"\n";
    let uri = url(&dir.path().join("Cargo.toml"));
    let mut client = Client::start(dir.path());
    client.open(&uri, cargo);
    assert_eq!(client.next_diagnostics(&uri), Vec::<Value>::new());
    let hover = client.result(
        "textDocument/hover",
        at(&uri, position_in(cargo, "serde", 1)),
    );
    assert_eq!(hover, Value::Null);
    // Once it declares a claim, it is one.
    client.change(&uri, 2, &format!("{cargo}[claims.c]\ntopic = \"t\"\n"));
    let diagnostics = client.diagnostics(&uri, 2);
    assert!(
        codes(&diagnostics).contains(&"E0003".to_string()),
        "{diagnostics:?}"
    );
}
