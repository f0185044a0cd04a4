//! `crux lsp` over JSON-RPC with the real binary, on the shipped example:
//! completion, rename and code actions. Every change comes back as an
//! edit for the editor; the file on disk is never written.

#[path = "lsp/client.rs"]
mod client;

use client::{Client, apply, open_shipped, position, position_in, range_of, url};
use serde_json::{Value, json};

struct Session {
    dir: tempfile::TempDir,
    client: Client,
    uri: String,
    shipped: String,
    version: i64,
}

fn session() -> Session {
    let (dir, client, uri, text) = open_shipped();
    Session {
        dir,
        client,
        uri,
        shipped: text,
        version: 1,
    }
}

impl Session {
    /// The buffer becomes `text`; its diagnostics.
    fn edit(&mut self, text: &str) -> Vec<Value> {
        self.version += 1;
        let (uri, version) = (self.uri.clone(), self.version);
        self.client.change(&uri, version, text);
        self.client.diagnostics(&uri, version)
    }

    fn complete(&mut self, text: &str, cursor: usize) -> Vec<String> {
        self.edit(text);
        let params = client::at(&self.uri, position(text, cursor));
        let list = self.client.result("textDocument/completion", params);
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["textEdit"]["newText"].as_str().unwrap().to_string())
            .collect()
    }

    fn actions(&mut self, text: &str, range: Value) -> Vec<Value> {
        self.edit(text);
        let params = json!({
            "textDocument": { "uri": self.uri },
            "range": range,
            "context": { "diagnostics": [] }
        });
        self.client
            .result("textDocument/codeAction", params)
            .as_array()
            .unwrap()
            .clone()
    }

    fn unchanged_on_disk(&self) {
        let on_disk = std::fs::read_to_string(self.dir.path().join("claims.toml")).unwrap();
        assert!(
            on_disk == self.shipped,
            "the server wrote to the claims file"
        );
    }
}

/// `text` with `insert` put right after the first `after`; and the byte
/// where it ends.
fn typed(text: &str, after: &str, insert: &str) -> (String, usize) {
    let at = text.find(after).unwrap_or_else(|| panic!("{after:?}")) + after.len();
    (
        format!("{}{insert}{}", &text[..at], &text[at..]),
        at + insert.len(),
    )
}

#[test]
fn completion_offers_ids_values_keys_and_passages_for_what_is_typed() {
    let mut s = session();
    let shipped = s.shipped.clone();
    let four = "[claims.inss-four-drones]\n";

    // A link's claim id: the claims of the same topic first.
    let (text, cursor) = typed(&shipped, four, "contrasts = [\"hus");
    let items = s.complete(&text, cursor);
    assert_eq!(
        items[0], "huseynov-several-drones",
        "same topic first: {items:?}"
    );
    assert!(items.iter().all(|i| i.contains("hus")), "{items:?}");
    assert!(items.len() > 3, "{items:?}");
    let (text, cursor) = typed(&shipped, four, "contrasts = [{ claim = \"");
    let items = s.complete(&text, cursor);
    assert_eq!(
        &items[..2],
        ["huseynov-several-drones", "inss-one-intercepted"],
        "{items:?}"
    );
    assert!(
        !items.contains(&"inss-four-drones".to_string()),
        "not itself"
    );

    let (text, cursor) = typed(&shipped, four, "topic = \"dro");
    assert_eq!(s.complete(&text, cursor), ["drone-count"]);
    let (text, cursor) = typed(&shipped, four, "x = [{ source = \"");
    assert_eq!(
        s.complete(&text, cursor),
        ["brief", "huseynov", "faultlines", "inss", "exercise"]
    );
    let (text, cursor) = typed(&shipped, four, "status = \"");
    assert_eq!(
        s.complete(&text, cursor),
        ["unreviewed", "confirmed", "disputed", "rejected"]
    );
    let (text, cursor) = typed(&shipped, four, "con");
    assert_eq!(s.complete(&text, cursor), ["contradicts", "contrasts"]);

    // A quote: passages of the span's source starting with what is typed.
    let (text, cursor) = typed(
        &shipped,
        four,
        "spans = [{ source = \"inss\", quote = \"that four",
    );
    assert_eq!(
        s.complete(&text, cursor),
        ["that four Iranian drones had taken part in the attack."]
    );
    let (text, cursor) = typed(
        &shipped,
        four,
        "spans = [{ source = \"huseynov\", quote = \"Azerbaijan's c",
    );
    assert_eq!(
        s.complete(&text, cursor),
        [
            "Azerbaijan's careful efforts to remain neutral during the latest escalation between Iran and Israel.",
            "Azerbaijan's close strategic cooperation with Israel and the broader geopolitical shifts that followed the Second Karabakh War.",
        ]
    );
    s.unchanged_on_disk();
}

#[test]
fn a_passage_with_quotes_is_completed_as_a_valid_toml_string() {
    let mut s = session();
    let shipped = s.shipped.clone();
    let document =
        std::fs::read_to_string(s.dir.path().join("seeds/003_58c47bfb15e2261f.txt")).unwrap();
    let start = "In a piece of good news for Baku";
    let sentence = &document[document.find(start).expect("the sentence in 003")..];
    assert!(
        sentence[..sentence.find('.').unwrap()].contains('"'),
        "a double quote in it"
    );
    let (text, cursor) = typed(
        &shipped,
        "[claims.inss-four-drones]\n",
        &format!("spans = [{{ source = \"inss\", quote = \"{start}"),
    );
    let items = s.complete(&text, cursor);
    let first = items
        .iter()
        .find(|i| i.contains("\\\""))
        .expect("an escaped quote");
    let as_toml: toml::Value = toml::from_str(&format!("q = \"{first}\"")).unwrap();
    assert!(
        sentence.starts_with(as_toml["q"].as_str().unwrap()),
        "{first}"
    );
}

#[test]
fn rename_changes_the_header_and_every_reference_in_one_edit() {
    let mut s = session();
    let shipped = s.shipped.clone();
    let uri = s.uri.clone();
    let rename = |s: &mut Session, needle: &str, new: &str| {
        let params = json!({
            "textDocument": { "uri": s.uri },
            "position": position_in(&s.shipped, needle, 12),
            "newName": new
        });
        s.client.request("textDocument/rename", params)
    };
    let prepared = s.client.result(
        "textDocument/prepareRename",
        client::at(
            &uri,
            position_in(&shipped, "{ claim = \"huseynov-several-drones\"", 14),
        ),
    );
    assert_eq!(prepared["placeholder"], "huseynov-several-drones");
    assert_eq!(
        prepared["range"],
        range_of(&shipped, "huseynov-several-drones\", note = \"'Several'").pipe_start(23)
    );

    let answer = rename(
        &mut s,
        "[claims.huseynov-several-drones]",
        "huseynov-drones-struck",
    );
    let renamed = apply(&shipped, &answer["result"], &uri);
    assert_eq!(
        renamed,
        shipped.replace("huseynov-several-drones", "huseynov-drones-struck")
    );
    assert_eq!(s.edit(&renamed), Vec::<Value>::new(), "still clean");

    s.edit(&shipped);
    let answer = rename(&mut s, "[topics.drone-count]", "drone tally");
    let renamed = apply(&shipped, &answer["result"], &uri);
    let expected = shipped
        .replace("[topics.drone-count]", "[topics.\"drone tally\"]")
        .replace("\"drone-count\"", "\"drone tally\"");
    assert_eq!(renamed, expected);
    assert_eq!(s.edit(&renamed), Vec::<Value>::new());

    s.edit(&shipped);
    let taken = rename(
        &mut s,
        "[claims.huseynov-several-drones]",
        "inss-four-drones",
    );
    assert!(
        taken["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already a claim `inss-four-drones`"),
        "{taken}"
    );
    s.unchanged_on_disk();
}

#[test]
fn rename_refuses_what_it_cannot_change_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "one two three").unwrap();
    let text = "[sources.a]\npath = \"a.txt\"\n[topics.t]\nquestion = \"q?\"\n[claims]\nc.topic = \"t\"\nc.text = \"x\"\nc.spans = [{ source = \"a\", quote = \"two\" }]\n";
    std::fs::write(dir.path().join("claims.toml"), text).unwrap();
    let uri = url(&dir.path().join("claims.toml"));
    let mut client = Client::start(dir.path());
    client.open(&uri, text);
    client.diagnostics(&uri, 1);
    let answer = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": position_in(text, "c.topic", 0), "newName": "d" }),
    );
    let message = answer["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("{answer}"));
    assert!(message.contains("cannot rename `c` safely"), "{message}");
}

trait StartAt {
    fn pipe_start(self, len: usize) -> Value;
}
impl StartAt for Value {
    /// The range of `len` bytes (ASCII) from this range's start.
    fn pipe_start(self, len: usize) -> Value {
        let start = self["start"].clone();
        let end = json!({ "line": start["line"], "character": start["character"].as_u64().unwrap() + len as u64 });
        json!({ "start": start, "end": end })
    }
}

fn titled<'a>(actions: &'a [Value], start: &str) -> Option<&'a Value> {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(start)))
}

#[test]
fn the_fix_for_one_quote_is_crux_fixs_and_only_when_crux_fix_would_make_it() {
    let mut s = session();
    let uri = s.uri.clone();
    let shipped = s.shipped.clone();
    let good = "that four Iranian drones had taken part in the attack\"";
    let typo = shipped.replace(
        good,
        "that four Iranian drones had taken part in the atack\"",
    );
    let actions = s.actions(&typo, range_of(&typo, "in the atack"));
    let fix = titled(&actions, "crux fix: inss-four-drones: quote 1 rewritten")
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "E0014");
    // The quote as it was, with the line it starts on as its position hint.
    let repaired = shipped.replace(
        "that four Iranian drones had taken part in the attack\" }",
        "that four Iranian drones had taken part in the attack\", line = 25 }",
    );
    assert_eq!(apply(&typo, &fix["edit"], &uri), repaired);

    // Too far from any passage: crux fix leaves it, and so does the action.
    let far = shipped.replace(good, "nothing of the sort was ever written anywhere\"");
    let actions = s.actions(&far, range_of(&far, "nothing of the sort"));
    assert!(titled(&actions, "crux fix").is_none(), "{actions:?}");
    s.unchanged_on_disk();
}

#[test]
fn a_missing_topic_is_created_with_its_question_left_to_write() {
    let mut s = session();
    let uri = s.uri.clone();
    let text = s.shipped.replacen(
        "topic = \"drone-count\"\ntext = \"Azerbaijan's",
        "topic = \"drone-total\"\ntext = \"Azerbaijan's",
        1,
    );
    let actions = s.actions(&text, range_of(&text, "\"drone-total\""));
    let create =
        titled(&actions, "Create topic `drone-total`").unwrap_or_else(|| panic!("{actions:?}"));
    let created = apply(&text, &create["edit"], &uri);
    let last_topic = "[topics.war-outcome]\n";
    let after = text
        .find(last_topic)
        .expect("the shipped file's last topic changed");
    let next_line =
        after + last_topic.len() + text[after + last_topic.len()..].find('\n').unwrap() + 1;
    let expected = format!(
        "{}\n[topics.drone-total]\nquestion = \"\"\n{}",
        &text[..next_line],
        &text[next_line..]
    );
    assert_eq!(created, expected);
    let diagnostics = s.edit(&created);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"E0017") && !codes.contains(&"E0006"),
        "{codes:?}"
    );
}

#[test]
fn a_link_declared_on_the_other_claim_can_be_declared_here_with_its_note() {
    let mut s = session();
    let uri = s.uri.clone();
    let shipped = s.shipped.clone();
    let actions = s.actions(
        &shipped,
        range_of(&shipped, "[claims.inss-drones-struck-nakhichevan]"),
    );
    let reverse = titled(
        &actions,
        "Declare the reverse link here: agrees `huseynov-several-drones`, with its note",
    )
    .unwrap_or_else(|| panic!("{actions:?}"));
    let linked = apply(&shipped, &reverse["edit"], &uri);
    let table = &linked[linked
        .find("[claims.inss-drones-struck-nakhichevan]")
        .unwrap()..];
    let table = &table[..table[1..].find("\n[").unwrap()];
    assert!(
        table.contains(
            "agrees = [\n  { claim = \"huseynov-several-drones\", note = \"Same strike, same date."
        ),
        "{table}"
    );
    assert_eq!(
        s.edit(&linked),
        Vec::<Value>::new(),
        "the same link, the same note: no warning"
    );
    // Directional links are declared on one side only.
    let actions = s.actions(
        &shipped,
        range_of(&shipped, "[claims.huseynov-several-drones]"),
    );
    assert!(
        titled(&actions, "Declare the reverse link here: refines").is_none(),
        "{actions:?}"
    );
}

#[test]
fn the_status_of_the_claim_under_the_cursor_can_be_set() {
    let mut s = session();
    let uri = s.uri.clone();
    let shipped = s.shipped.clone();
    let actions = s.actions(
        &shipped,
        range_of(&shipped, "Azerbaijan's Ministry of Defense stated"),
    );
    let titles: Vec<&str> = actions
        .iter()
        .filter_map(|a| a["title"].as_str())
        .filter(|t| t.starts_with("Mark"))
        .collect();
    assert_eq!(
        titles,
        [
            "Mark `inss-four-drones` confirmed",
            "Mark `inss-four-drones` disputed",
            "Mark `inss-four-drones` rejected"
        ]
    );
    let confirm = titled(&actions, "Mark `inss-four-drones` confirmed").unwrap();
    let confirmed = apply(&shipped, &confirm["edit"], &uri);
    let table = &confirmed[confirmed.find("[claims.inss-four-drones]").unwrap()
        ..confirmed.find("[claims.inss-one-intercepted]").unwrap()];
    assert!(table.contains("\nstatus = \"confirmed\"\n"), "{table}");
    assert_eq!(
        confirmed.len(),
        shipped.len() + "status = \"confirmed\"\n".len()
    );
    s.unchanged_on_disk();
}
