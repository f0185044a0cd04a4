//! `crux export --format w3c`: a W3C Web Annotation AnnotationCollection
//! that meets the model's requirements and places every quote where the
//! document has it.

mod common;

use common::Fixture;
use common::w3c_model::{annotation_problems, collection_problems, is_absolute_uri};
use serde_json::Value;

const BOM_DOC: &str =
    "\u{feff}Azərbaycan: “four” drones 🛩 struck Nakhchivan.\r\nThe ministry said four drones.\r\n";
const PLAIN_DOC: &str = "Several drones struck. Baku said nothing.\n";

fn fixture() -> Fixture {
    Fixture::new(&[
        ("docs/a.txt", BOM_DOC),
        ("docs/b.txt", PLAIN_DOC),
        (
            "claims.toml",
            r#"title = "Drones"

[sources.a]
path = "docs/a.txt"
url = "https://example.org/news/a?id=1"

[sources.b]
path = "docs/b.txt"

[topics.count]
question = "How many drones?"

[parties.mod]
name = "The Ministry of Defense"

[claims.a-four]
topic = "count"
text = "Four drones struck."
status = "confirmed"
note = "The ministry's figure."
spans = [
  { source = "a", quote = "“four” drones 🛩 struck" },
  { source = "a", quote = "four drones", suffix = "." },
]
contradicts = [{ claim = "b-several", note = "four vs several" }]

[claims.b-several]
topic = "count"
text = "Several drones struck."
asserted_by = "mod"
spans = [{ source = "b", quote = "Several drones struck" }]
"#,
        ),
    ])
}

fn export(fixture: &Fixture, args: &[&str]) -> Value {
    let mut all = vec!["export", "--format", "w3c"];
    all.extend_from_slice(args);
    let run = fixture.crux(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("the export is JSON")
}

fn items(collection: &Value) -> &Vec<Value> {
    collection["first"]["items"].as_array().expect("items")
}

fn by_id<'c>(collection: &'c Value, id: &str) -> &'c Value {
    items(collection)
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no annotation {id}"))
}

fn selector<'a>(annotation: &'a Value, kind: &str) -> &'a Value {
    annotation["target"]["selector"]
        .as_array()
        .expect("selectors")
        .iter()
        .find(|s| s["type"] == kind)
        .unwrap_or_else(|| panic!("no {kind}"))
}

fn tags(annotation: &Value) -> Vec<&str> {
    annotation["body"]
        .as_array()
        .expect("bodies")
        .iter()
        .filter(|b| b["purpose"] == "tagging")
        .map(|b| b["value"].as_str().expect("a tag"))
        .collect()
}

fn body(annotation: &Value, purpose: &str) -> Option<String> {
    annotation["body"]
        .as_array()?
        .iter()
        .find(|b| b["purpose"] == purpose)
        .map(|b| b["value"].as_str().expect("a string").to_string())
}

#[test]
fn the_collection_meets_the_model() {
    let collection = export(&fixture(), &[]);
    assert_eq!(collection_problems(&collection), Vec::<String>::new());
    assert_eq!(collection["label"], "Drones");
    // Three spans and one relation.
    assert_eq!(collection["total"], 4);
    assert_eq!(items(&collection).len(), 4);
}

#[test]
fn positions_count_code_points_after_the_byte_order_mark() {
    let collection = export(&fixture(), &[]);
    let first = by_id(&collection, "urn:crux:claim:a-four:span:1");
    // "Azərbaycan: " is 12 code points (ə is two bytes); the BOM is not text.
    assert_eq!(selector(first, "TextPositionSelector")["start"], 12);
    // “four” drones 🛩 struck: 22 code points, the emoji one of them.
    assert_eq!(selector(first, "TextPositionSelector")["end"], 34);
    let quote = selector(first, "TextQuoteSelector");
    assert_eq!(quote["exact"], "“four” drones 🛩 struck");
    assert_eq!(quote["prefix"], "Azərbaycan: ");
    assert_eq!(quote["suffix"], " Nakhchivan.\r\nThe ministry said ");
    let second = by_id(&collection, "urn:crux:claim:a-four:span:2");
    assert_eq!(selector(second, "TextPositionSelector")["start"], 66);
    assert_eq!(
        selector(second, "TextQuoteSelector")["exact"],
        "four drones"
    );
}

#[test]
fn every_selector_names_the_text_at_its_position() {
    // The shipped example: five real articles, 147 claims.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["export", "--format", "w3c"])
        .current_dir(root)
        .output()
        .expect("run crux");
    assert!(run.status.success());
    let collection: Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(collection_problems(&collection), Vec::<String>::new());
    let claims: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("claims.toml")).expect("claims.toml"))
            .expect("TOML");
    let spans: usize = claims["claims"]
        .as_table()
        .expect("claims")
        .values()
        .map(|c| c["spans"].as_array().expect("spans").len())
        .sum();
    let (quoting, linking): (Vec<&Value>, Vec<&Value>) = items(&collection)
        .iter()
        .partition(|a| a["motivation"] != "linking");
    assert_eq!(quoting.len(), spans);
    assert!(linking.len() > 100, "{}", linking.len());
    for annotation in quoting {
        let path = annotation["target"]["source"].as_str().expect("a source");
        let document: Vec<char> = std::fs::read_to_string(root.join(path))
            .expect("the document")
            .trim_start_matches('\u{feff}')
            .chars()
            .collect();
        let position = selector(annotation, "TextPositionSelector");
        let start = position["start"].as_u64().unwrap() as usize;
        let end = position["end"].as_u64().unwrap() as usize;
        let text = |range: std::ops::Range<usize>| document[range].iter().collect::<String>();
        let quote = selector(annotation, "TextQuoteSelector");
        assert_eq!(quote["exact"], text(start..end), "{}", annotation["id"]);
        let prefix = quote["prefix"].as_str().unwrap_or("");
        assert_eq!(prefix, text(start.saturating_sub(32)..start));
        let suffix = quote["suffix"].as_str().unwrap_or("");
        assert_eq!(suffix, text(end..(end + 32).min(document.len())));
    }
}

#[test]
fn bodies_carry_text_topic_status_question_note_and_who_asserts() {
    let collection = export(&fixture(), &[]);
    let reviewed = by_id(&collection, "urn:crux:claim:a-four:span:1");
    assert_eq!(reviewed["motivation"], "assessing");
    assert_eq!(body(reviewed, "describing").unwrap(), "Four drones struck.");
    assert_eq!(tags(reviewed), ["topic:count", "status:confirmed"]);
    assert_eq!(body(reviewed, "questioning").unwrap(), "How many drones?");
    assert_eq!(
        body(reviewed, "commenting").unwrap(),
        "The ministry's figure."
    );
    let unreviewed = by_id(&collection, "urn:crux:claim:b-several:span:1");
    assert_eq!(unreviewed["motivation"], "highlighting");
    assert_eq!(
        tags(unreviewed),
        ["topic:count", "status:unreviewed", "asserted-by:mod"]
    );
    assert_eq!(body(unreviewed, "commenting"), None);
}

#[test]
fn targets_are_the_url_when_declared_else_the_relative_path() {
    let fixture = fixture();
    let collection = export(&fixture, &[]);
    let a = by_id(&collection, "urn:crux:claim:a-four:span:1");
    assert_eq!(a["target"]["source"], "https://example.org/news/a?id=1");
    assert!(is_absolute_uri(a["target"]["source"].as_str().unwrap()));
    let b = by_id(&collection, "urn:crux:claim:b-several:span:1");
    assert_eq!(b["target"]["source"], "docs/b.txt");
    let run = fixture.crux(&["export", "--format", "w3c"]);
    assert!(
        run.stderr.contains(
            "note: 1 source(s) have no `url`: their annotations target the document's path"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn each_relation_is_a_linking_annotation_between_the_claims_annotations() {
    let collection = export(&fixture(), &[]);
    let link = items(&collection)
        .iter()
        .find(|a| a["motivation"] == "linking")
        .expect("a linking annotation");
    assert_eq!(
        link["target"],
        serde_json::json!([
            "urn:crux:claim:a-four:span:1",
            "urn:crux:claim:b-several:span:1"
        ])
    );
    assert_eq!(tags(link), ["contradicts"]);
    assert_eq!(body(link, "commenting").unwrap(), "four vs several");
    for target in link["target"].as_array().unwrap() {
        by_id(&collection, target.as_str().unwrap());
    }
}

#[test]
fn filters_select_claims_and_only_links_between_them() {
    let collection = export(&fixture(), &["--status", "unreviewed"]);
    assert_eq!(collection_problems(&collection), Vec::<String>::new());
    let ids: Vec<&str> = items(&collection)
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["urn:crux:claim:b-several:span:1"]);
    let run = fixture().crux(&["export", "--format", "w3c", "--topic", "cuont"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `count`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn ids_with_any_characters_are_valid_iris() {
    let fixture = Fixture::new(&[
        ("d.txt", "one two three\n"),
        (
            "claims.toml",
            "[sources.s]\npath = \"d.txt\"\n[topics.t]\nquestion = \"q\"\n\
             [claims.\"a b/ç:1\"]\ntopic = \"t\"\ntext = \"x\"\nspans = [{ source = \"s\", quote = \"two\" }]\n",
        ),
    ]);
    let collection = export(&fixture, &[]);
    assert_eq!(collection_problems(&collection), Vec::<String>::new());
    assert_eq!(
        items(&collection)[0]["id"],
        "urn:crux:claim:a%20b%2F%C3%A7%3A1:span:1"
    );
}

#[test]
fn a_quote_not_in_its_document_is_exported_without_a_position_and_said() {
    let fixture = Fixture::new(&[
        ("d.txt", "one two three\n"),
        (
            "claims.toml",
            "[sources.s]\npath = \"d.txt\"\n[topics.t]\nquestion = \"q\"\n\
             [claims.c]\ntopic = \"t\"\ntext = \"x\"\nspans = [{ source = \"s\", quote = \"four\" }]\n",
        ),
    ]);
    let run = fixture.crux(&["export", "--format", "w3c"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("note: claim `c`: quote 1 is not placed in its document"),
        "{}",
        run.stderr
    );
    let collection: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(collection_problems(&collection), Vec::<String>::new());
    let selectors = items(&collection)[0]["target"]["selector"]
        .as_array()
        .unwrap();
    assert_eq!(
        selectors,
        &[serde_json::json!({"type": "TextQuoteSelector", "exact": "four"})]
    );
}

#[test]
fn the_model_check_rejects_what_the_model_forbids() {
    // The check itself must be able to fail.
    let collection = export(&fixture(), &[]);
    let mut broken = collection.clone();
    broken["first"]["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("id");
    broken["first"]["items"][1]["target"]["selector"][1]
        .as_object_mut()
        .unwrap()
        .remove("end");
    broken["first"]["items"][2]["motivation"] = "disagreeing".into();
    broken["first"]["items"][3]["bodyValue"] = "x".into();
    let problems = collection_problems(&broken);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    let mut no_target = collection["first"]["items"][0].clone();
    no_target.as_object_mut().unwrap().remove("target");
    assert_eq!(annotation_problems(&no_target, "a"), ["a: no `target`"]);
}

#[test]
fn the_export_never_writes_over_the_claims_file_or_a_source() {
    let fixture = fixture();
    let before = std::fs::read(fixture.path("claims.toml")).unwrap();
    for target in ["claims.toml", "./docs/../claims.toml", "docs/a.txt"] {
        let run = fixture.crux(&["export", "--format", "w3c", "-o", target]);
        assert_eq!(run.code, 2, "{target}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("crux never writes a report or an export over it")
        );
    }
    assert_eq!(std::fs::read(fixture.path("claims.toml")).unwrap(), before);
    assert_eq!(
        std::fs::read_to_string(fixture.path("docs/a.txt")).unwrap(),
        BOM_DOC
    );
    let run = fixture.crux(&["export", "--format", "w3c", "-o", "out.jsonld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture.path("out.jsonld")).unwrap())
            .unwrap();
    assert_eq!(written, export(&fixture, &[]));
}
