//! `crux list` and `crux show`: claims for scripts and pipes.

mod common;

use common::Fixture;

const DOC: &str = "Four Iranian drones took part. Baku called it terror. Tehran denied it.\n";

const CLAIMS: &str = r#"[sources.doc]
path = "doc.txt"
title = "The doc"

[sources.other]
path = "doc.txt"

[topics.count]
question = "How many?"

[topics.blame]
question = "Who?"

[claims.doc-four]
topic = "count"
text = "Four drones."
spans = [{ source = "doc", quote = "Four Iranian drones" }]
agrees = [{ claim = "other-four", note = "same number" }]
status = "confirmed"

[claims.other-four]
topic = "count"
text = "Four, again."
spans = [{ source = "other", quote = "Four Iranian drones" }]

[claims.doc-terror]
topic = "blame"
text = "Baku: terror \u001b[31m."
spans = [{ source = "doc", quote = "Baku called it terror" }]
contradicts = [{ claim = "doc-denial", note = "terror vs denial" }]

[claims.doc-denial]
topic = "blame"
text = "Tehran denied."
spans = [{ source = "doc", quote = "Tehran denied it" }]
"#;

fn fixture() -> Fixture {
    Fixture::new(&[("claims.toml", CLAIMS), ("doc.txt", DOC)])
}

fn first_words(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect()
}

#[test]
fn list_prints_one_line_per_claim_in_file_order() {
    let run = fixture().crux(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        first_words(&run.stdout),
        ["doc-four", "other-four", "doc-terror", "doc-denial"]
    );
    assert!(
        run.stdout.lines().next().unwrap().contains("confirmed"),
        "{}",
        run.stdout
    );
}

#[test]
fn list_filters_by_topic_status_and_source() {
    let f = fixture();
    assert_eq!(
        first_words(&f.crux(&["list", "--topic", "blame"]).stdout),
        ["doc-terror", "doc-denial"]
    );
    assert_eq!(
        first_words(&f.crux(&["list", "--status", "confirmed"]).stdout),
        ["doc-four"]
    );
    assert_eq!(
        first_words(&f.crux(&["list", "--source", "other"]).stdout),
        ["other-four"]
    );
    assert_eq!(f.crux(&["list", "--status", "maybe"]).code, 2);
}

#[test]
fn list_never_prints_raw_control_characters() {
    let run = fixture().crux(&["list"]);
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(run.stdout.contains("Baku: terror ␛[31m."), "{}", run.stdout);
}

#[test]
fn list_json_is_an_array_of_claims_with_anchors() {
    let run = fixture().crux(&["list", "--json", "--topic", "count"]);
    let claims: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(claims.as_array().unwrap().len(), 2);
    assert_eq!(claims[0]["id"], "doc-four");
    assert_eq!(
        claims[0]["spans"][0]["anchor"]["bytes"],
        serde_json::json!({"start": 0, "end": 19})
    );
    assert_eq!(claims[0]["agrees"][0]["claim"], "other-four");
    assert_eq!(
        claims[1]["agrees"][0]["note"], "same number",
        "links are symmetric"
    );
}

#[test]
fn show_prints_the_claim_its_quotes_and_links() {
    let run = fixture().crux(&["show", "doc-terror"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "claim   doc-terror [unreviewed]  (claims.toml:26)
topic   blame: Who?
text    Baku: terror ␛[31m.
spans
  doc.txt:1:32 (The doc)
    \"Baku called it terror\"
contradicts
  doc-denial — terror vs denial
";
    assert_eq!(run.stdout, expected);
}

#[test]
fn show_json_carries_line_and_column() {
    let run = fixture().crux(&["show", "doc-denial", "--json"]);
    let claim: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        claim["spans"][0]["anchor"]["start"],
        serde_json::json!({"line": 1, "col": 55})
    );
    assert_eq!(claim["contradicts"][0]["claim"], "doc-terror");
}

#[test]
fn show_an_unknown_id_suggests_the_nearest() {
    let run = fixture().crux(&["show", "doc-terorr"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no claim `doc-terorr`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `doc-terror`?"),
        "{}",
        run.stderr
    );
}
