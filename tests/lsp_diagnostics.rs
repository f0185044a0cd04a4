//! `crux lsp` diagnostics, over JSON-RPC with the real binary: what
//! `crux check` reports for the editor's unsaved buffer, as it changes.

#[path = "lsp/client.rs"]
mod client;

use std::process::Command;

use client::{Client, position, shipped, url};
use serde_json::Value;

const GOOD: &str = "that four Iranian drones had taken part in the attack";
const BROKEN: &str = "that four Iranian drones took part in the attack";

/// (code, severity, start, end) of each diagnostic `crux check --format
/// json` gives for `text`, saved as a file next to the shipped one.
fn checked(dir: &std::path::Path, text: &str) -> Vec<(String, i64, Value, Value)> {
    let file = dir.join("as-checked.toml");
    std::fs::write(&file, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let mut found: Vec<_> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let d: Value = serde_json::from_str(line).unwrap();
            let [start, end] = [0, 1].map(|i| d["byte_range"][i].as_u64().unwrap() as usize);
            let severity = if d["severity"] == "error" { 1 } else { 2 };
            let code = d["code"].as_str().unwrap().to_string();
            (code, severity, position(text, start), position(text, end))
        })
        .collect();
    std::fs::remove_file(file).unwrap();
    found.sort_by_key(|d| format!("{d:?}"));
    found
}

fn published(diagnostics: &[Value]) -> Vec<(String, i64, Value, Value)> {
    let mut found: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_i64().unwrap(),
                d["range"]["start"].clone(),
                d["range"]["end"].clone(),
            )
        })
        .collect();
    found.sort_by_key(|d| format!("{d:?}"));
    found
}

#[test]
fn a_broken_quote_in_the_unsaved_buffer_is_reported_as_crux_check_reports_it() {
    let dir = shipped();
    let shipped_text = std::fs::read_to_string(dir.path().join("claims.toml")).unwrap();
    let uri = url(&dir.path().join("claims.toml"));
    let mut client = Client::start(dir.path());

    client.open(&uri, &shipped_text);
    assert_eq!(
        client.diagnostics(&uri, 1),
        Vec::<Value>::new(),
        "the shipped file is clean"
    );

    // The file on disk stays as shipped: only the buffer is broken.
    let broken = shipped_text.replace(GOOD, BROKEN);
    client.change(&uri, 2, &broken);
    let diagnostics = client.diagnostics(&uri, 2);
    assert_eq!(published(&diagnostics), checked(dir.path(), &broken));
    let quote = diagnostics
        .iter()
        .find(|d| d["code"] == "E0014")
        .expect("E0014");
    let at = broken.find(&format!("quote = \"{BROKEN}")).unwrap() + "quote = ".len();
    assert_eq!(quote["range"]["start"], position(&broken, at));
    assert_eq!(
        quote["range"]["end"],
        position(&broken, at + BROKEN.len() + 2)
    );
    assert_eq!(quote["source"], "crux");
    let message = quote["message"].as_str().unwrap();
    assert!(
        message.starts_with("quote not found in `seeds/003_58c47bfb15e2261f.txt`"),
        "{message}"
    );
    assert!(
        message.contains("help: did you mean seeds/003_58c47bfb15e2261f.txt:25:203 (")
            && message.contains(GOOD),
        "{message}"
    );
    let passage = &quote["relatedInformation"][0];
    assert!(
        passage["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/seeds/003_58c47bfb15e2261f.txt")
    );
    assert_eq!(
        passage["location"]["range"]["start"],
        serde_json::json!({"line": 24, "character": 202})
    );

    // Fixed again in the buffer: nothing left.
    client.change(&uri, 3, &shipped_text);
    assert_eq!(client.diagnostics(&uri, 3), Vec::<Value>::new());
    assert!(client.shutdown().success());
}

/// The shipped file with a problem of each kind put in.
fn problems(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("claims.toml"))
        .unwrap()
        .replacen("topic = \"drone-count\"", "topic = \"drone-cuont\"", 1)
        .replacen("source = \"inss\"", "source = \"insss\"", 1)
        .replacen(GOOD, BROKEN, 1)
        .replacen("status = \"", "status = \"maybe", 1)
        + "\n[claims.lonely]\ntopic = \"war-start\"\ntext = \"x\"\nspans = []\nagrees = [\"lonely\", \"huseynov-several-drone\"]\n"
}

#[test]
fn every_code_of_a_file_full_of_problems_has_crux_checks_range_and_severity() {
    let dir = shipped();
    let text = problems(dir.path());
    let uri = url(&dir.path().join("claims.toml"));
    let mut client = Client::start(dir.path());
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    let expected = checked(dir.path(), &text);
    assert!(expected.len() >= 6, "{expected:?}");
    assert_eq!(published(&diagnostics), expected);
    let topic = diagnostics.iter().find(|d| d["code"] == "E0006").unwrap();
    assert!(
        topic["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `drone-count`?"),
        "{topic}"
    );
}

/// Sends one ranged edit, `bytes` of `text` replaced by `insert`, as
/// `version`, and makes it in `text` too.
fn edit(
    client: &mut Client,
    uri: &str,
    text: &mut String,
    version: i64,
    bytes: std::ops::Range<usize>,
    insert: &str,
) {
    let range = serde_json::json!({ "start": position(text, bytes.start), "end": position(text, bytes.end) });
    client.notify(
        "textDocument/didChange",
        serde_json::json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": range, "text": insert }]
        }),
    );
    text.replace_range(bytes, insert);
}

/// The diagnostics a server started afresh on `text` publishes.
fn fresh(dir: &std::path::Path, text: &str) -> Vec<Value> {
    let uri = url(&dir.join("claims.toml"));
    let mut client = Client::start(dir);
    client.open(&uri, text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(client.shutdown().success());
    diagnostics
}

#[test]
fn diagnostics_found_unchanged_are_sent_again_only_when_an_edit_may_have_moved_them() {
    let dir = shipped();
    let mut text = problems(dir.path());
    let uri = url(&dir.path().join("claims.toml"));
    let mut client = Client::start(dir.path());
    client.open(&uri, &text);
    let mut shown = client.diagnostics(&uri, 1);
    assert!(shown.len() >= 6, "{shown:?}");

    // A word typed at the end of a claim's text, on a line no diagnostic
    // covers: the same diagnostics, in the same places; nothing is sent.
    let claim_text = text.find("Ali Khamenei.\"").unwrap() + "Ali Khamenei.".len();
    edit(
        &mut client,
        &uri,
        &mut text,
        2,
        claim_text..claim_text,
        " x",
    );
    assert_eq!(client.analysed(&uri, 2), None, "nothing new to send");

    // A line added above them all: every one moves, and all are sent,
    // saying what a server started on this text says.
    let top = text.find("[claims.").unwrap();
    edit(&mut client, &uri, &mut text, 3, top..top, "\n");
    shown = client
        .analysed(&uri, 3)
        .expect("moved diagnostics are sent");
    assert_eq!(published(&shown), checked(dir.path(), &text));

    // A space after the misspelt topic: the diagnostic on that line stays
    // as it was, but the editor may have stretched or moved it: sent again.
    let topic = text.find("topic = \"drone-cuont\"").unwrap() + "topic = \"drone-cuont\"".len();
    edit(&mut client, &uri, &mut text, 4, topic..topic, " ");
    let again = client
        .analysed(&uri, 4)
        .expect("sent again after an edit on its line");
    assert_eq!(again, shown);
    assert!(client.shutdown().success());

    // What the editor was last sent is what a fresh server says, notes,
    // help and related passages included.
    assert_eq!(shown, fresh(dir.path(), &text));
}
