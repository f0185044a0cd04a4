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

[parties.baku]
name = "Azerbaijani authorities"

[parties.tehran]
name = "Iranian representatives"

[periods.strikes]
name = "the Nakhchivan strikes"
when = "2026-03-05"

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
asserted_by = "baku"
when = "strikes"
spans = [{ source = "doc", quote = "Baku called it terror" }]
contradicts = [{ claim = "doc-denial", note = "terror vs denial" }]

[claims.doc-denial]
topic = "blame"
text = "Tehran denied, it seems."
asserted_by = "tehran"
hedge = "it seems"
when = "2026-03"
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
fn show_never_prints_raw_control_characters_from_a_party_or_period() {
    let hostile = CLAIMS
        .replace(
            "name = \"Azerbaijani authorities\"",
            "name = \"Baku \\u001b[2J\\u202e\"",
        )
        .replace(
            "name = \"the Nakhchivan strikes\"",
            "name = \"strikes \\u001b]0;x\\u0007\"",
        );
    let f = Fixture::new(&[("claims.toml", &hostile), ("doc.txt", DOC)]);
    let run = f.crux(&["show", "doc-terror"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{:?}",
        run.stdout
    );
    assert!(run.stdout.contains("by      Baku ␛[2J"), "{}", run.stdout);
    assert!(
        run.stdout.contains("when    strikes ␛]0;x"),
        "{}",
        run.stdout
    );
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
    let expected = "claim   doc-terror [unreviewed]  (claims.toml:36)
topic   blame: Who?
text    Baku: terror ␛[31m.
by      Azerbaijani authorities (party `baku`)
how     asserted
when    the Nakhchivan strikes (2026-03-05)
spans
  doc.txt:1:32 (The doc)
    \"Baku called it terror\"
contradicts
  doc-denial [parties dispute each other, as reported] — terror vs denial
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
    assert_eq!(claim["contradicts"][0]["disagreement"], "parties");
    assert_eq!(claim["asserted_by"], "tehran");
    assert_eq!(claim["assertor"], "Iranian representatives");
    assert_eq!(claim["mode"], "hedged");
    assert_eq!(claim["hedge"], "it seems");
    assert_eq!(claim["how"], "hedged (\"it seems\")");
    assert_eq!(
        claim["about"],
        serde_json::json!({
            "written": "2026-03",
            "period": null,
            "period_name": null,
            "first": "2026-03-01",
            "last": "2026-03-31",
            "label": "2026-03",
        })
    );
}

#[test]
fn show_names_the_documents_own_voice_and_a_missing_time() {
    let run = fixture().crux(&["show", "doc-four"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("by      the document's own voice\nhow     asserted\nwhen    not stated\n"),
        "{}",
        run.stdout
    );
    let json = fixture().crux(&["show", "doc-terror", "--json"]);
    let claim: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(claim["about"]["period"], "strikes");
    assert_eq!(claim["about"]["period_name"], "the Nakhchivan strikes");
    assert_eq!(
        claim["about"]["label"],
        "the Nakhchivan strikes (2026-03-05)"
    );
}

#[test]
fn list_filters_by_party() {
    let f = fixture();
    assert_eq!(
        first_words(&f.crux(&["list", "--party", "tehran"]).stdout),
        ["doc-denial"]
    );
    assert_eq!(
        first_words(
            &f.crux(&["list", "--party", "baku", "--topic", "count"])
                .stdout
        ),
        Vec::<&str>::new()
    );
    let run = f.crux(&["list", "--json", "--party", "baku"]);
    let claims: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(claims.as_array().unwrap().len(), 1);
    assert_eq!(claims[0]["asserted_by"], "baku");
}

#[test]
fn an_unknown_party_is_a_usage_error_with_a_suggestion() {
    let f = fixture();
    let run = f.crux(&["list", "--party", "tehrna"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "error: --party: no party `tehrna` in claims.toml\n  help: did you mean `tehran`?\n"
    );
    let far = f.crux(&["report", "--party", "ministry-of-defence"]);
    assert_eq!(far.code, 2);
    assert!(
        far.stderr
            .contains("help: the party ids are `baku`, `tehran`"),
        "{}",
        far.stderr
    );
}

#[test]
fn an_empty_id_lists_the_ids_rather_than_suggesting_one() {
    let f = fixture();
    let run = f.crux(&["list", "--party", ""]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: --party: no party `` in claims.toml\n  help: the party ids are `baku`, `tehran`\n"
    );
    let topic = f.crux(&["report", "--topic", ""]);
    assert_eq!(topic.code, 2);
    assert!(
        topic
            .stderr
            .contains("help: the topic ids are `count`, `blame`"),
        "{}",
        topic.stderr
    );
}

#[test]
fn an_unknown_party_in_a_file_without_parties_says_there_are_none() {
    let f = Fixture::new(&[
        (
            "claims.toml",
            "[sources.doc]\npath = \"doc.txt\"\n[topics.t]\nquestion = \"?\"\n[claims.a]\ntopic = \"t\"\ntext = \"A.\"\nspans = [{ source = \"doc\", quote = \"Four\" }]\n",
        ),
        ("doc.txt", DOC),
    ]);
    let run = f.crux(&["list", "--party", "baku"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("help: the file declares no parties"),
        "{}",
        run.stderr
    );
}

#[test]
fn report_filters_by_party() {
    let f = fixture();
    let run = f.crux(&["report", "--party", "baku", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["filter"]["party"], "baku");
    assert_eq!(report["filter"]["description"], "party=baku");
    let ids: Vec<&str> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["doc-terror"]);
    let md = f.crux(&["report", "--party", "baku"]).stdout;
    assert!(md.contains("- Filter: party=baku (1 of 4 claims)"), "{md}");
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
