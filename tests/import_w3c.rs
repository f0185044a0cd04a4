//! `crux import w3c`: what `crux export --format w3c` writes comes back as
//! the same claims, spans and relations, through the format-preserving
//! edit path, and importing it again adds nothing.

mod common;

use std::path::Path;

use common::Fixture;

/// The claims, spans (source and byte range in the document), topics and
/// relations of a claims file, in a form to compare.
fn meaning(path: &Path) -> String {
    let dataset = crux::load(path);
    let mut out = Vec::new();
    for topic in &dataset.topics {
        out.push(format!("topic {} {:?}", topic.id, topic.question));
    }
    let mut claims: Vec<String> = dataset
        .claims
        .iter()
        .map(|c| {
            let spans: Vec<String> = c
                .spans
                .iter()
                .map(|s| {
                    format!(
                        "{}@{:?}",
                        s.source,
                        s.anchor.as_ref().map(|a| a.bytes.clone())
                    )
                })
                .collect();
            format!(
                "claim {} topic={} status={} text={:?} note={:?} spans={spans:?}",
                c.id,
                c.topic,
                c.status.as_str(),
                c.text,
                c.note
            )
        })
        .collect();
    claims.sort();
    out.extend(claims);
    let mut relations: Vec<String> = dataset
        .relations
        .iter()
        .map(|r| {
            let (a, b) = (&dataset.claims[r.from].id, &dataset.claims[r.to].id);
            // Which claim declares `refines` or `updates` is part of what it says.
            let (a, b) = if a < b || r.kind.is_directional() {
                (a, b)
            } else {
                (b, a)
            };
            format!("{} {a} {b} {:?}", r.kind.as_str(), r.note)
        })
        .collect();
    relations.sort();
    out.extend(relations);
    out.join("\n")
}

/// The `[sources.*]` tables of a claims file, and nothing else.
fn sources_only(claims: &str) -> String {
    let table: toml::Table = toml::from_str(claims).expect("TOML");
    let mut only = toml::Table::new();
    only.insert("sources".into(), table["sources"].clone());
    toml::to_string(&only).expect("TOML")
}

const BOM_DOC: &str = "\u{feff}Azərbaycan: “four” drones 🛩 struck Nakhchivan.\r\nThe ministry said four drones. Four drones, said the ministry.\r\n";
const PLAIN_DOC: &str = "Several drones struck. Baku said nothing.\n";

const CLAIMS: &str = r#"title = "Drones"

[sources.a]
path = "docs/a.txt"
url = "https://example.org/news/a"

[sources.b]
path = "docs/b.txt"

[topics.count]
question = "How many drones?"

[topics.reply]
question = "What did Baku say?"

[claims.a-four]
topic = "count"
text = "Four drones struck."
status = "confirmed"
note = "The ministry's figure.\nSecond line."
spans = [
  { source = "a", quote = "“four” drones 🛩 struck" },
  { source = "a", quote = "four drones", suffix = "." },
  { source = "b", quote = "drones struck" },
]
contradicts = [{ claim = "b-several", note = "four vs several" }]

[claims.b-several]
topic = "count"
text = "Several drones struck."
status = "disputed"
spans = [{ source = "b", quote = "Several drones struck" }]

[claims."b-silent ç:1"]
topic = "reply"
text = "Baku said nothing."
spans = [{ source = "b", quote = "Baku said nothing" }]
agrees = ["b-several"]
"#;

fn project(claims: &str) -> Fixture {
    Fixture::new(&[
        ("docs/a.txt", BOM_DOC),
        ("docs/b.txt", PLAIN_DOC),
        ("claims.toml", claims),
    ])
}

fn export_of(fixture: &Fixture) -> String {
    let run = fixture.crux(&["export", "--format", "w3c"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn a_round_trip_gives_the_same_claims_spans_and_relations() {
    let original = project(CLAIMS);
    let exported = export_of(&original);
    let copy = project(&sources_only(CLAIMS));
    common::write(&copy.path("export.jsonld"), exported.as_bytes());
    let run = copy.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("imported 3 claim(s) and 2 link(s); 0 annotation(s) already there"),
        "{}",
        run.stderr
    );
    assert_eq!(
        meaning(&copy.path("claims.toml")),
        meaning(&original.path("claims.toml"))
    );
    // Every quote is written as the document has it: no error, no W0001.
    let check = copy.crux(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("W0001"), "{}", check.stderr);
}

#[test]
fn the_shipped_example_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let claims = std::fs::read_to_string(root.join("claims.toml")).unwrap();
    let mut files: Vec<(String, String)> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = format!("seeds/{}", path.file_name().unwrap().to_str().unwrap());
            (name, std::fs::read_to_string(path).unwrap())
        })
        .collect();
    files.push(("claims.toml".into(), sources_only(&claims)));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let copy = Fixture::new(&borrowed);
    let exported = std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["export", "--format", "w3c"])
        .current_dir(root)
        .output()
        .unwrap();
    common::write(&copy.path("export.jsonld"), &exported.stdout);
    let run = copy.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        meaning(&copy.path("claims.toml")),
        meaning(&root.join("claims.toml"))
    );
}

#[test]
fn importing_again_adds_nothing_and_writes_nothing() {
    let original = project(CLAIMS);
    let exported = export_of(&original);
    let copy = project(&sources_only(CLAIMS));
    common::write(&copy.path("export.jsonld"), exported.as_bytes());
    assert_eq!(copy.crux(&["import", "w3c", "export.jsonld"]).code, 0);
    let once = std::fs::read(copy.path("claims.toml")).unwrap();
    let again = copy.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("imported 0 claim(s) and 0 link(s); 5 annotation(s) already there"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read(copy.path("claims.toml")).unwrap(), once);
    // Into the original itself: everything is already there.
    common::write(&original.path("export.jsonld"), exported.as_bytes());
    let same = original.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(same.code, 0, "{}", same.stderr);
    assert_eq!(
        std::fs::read_to_string(original.path("claims.toml")).unwrap(),
        CLAIMS
    );
}

#[test]
fn comments_and_layout_survive_and_new_claims_follow_their_topic() {
    let original = project(CLAIMS);
    let exported = export_of(&original);
    // The copy keeps one claim of each topic, with comments and CRLF.
    let kept = "# Hand-written header comment\r\n\r\n[sources.a]\r\npath = \"docs/a.txt\"\r\n\
        url = \"https://example.org/news/a\"\r\n\r\n[sources.b]\r\npath = \"docs/b.txt\"  # trailing\r\n\r\n\
        [topics.count]\r\nquestion = \"How many drones?\"\r\n\r\n[topics.reply]\r\nquestion = \"What did Baku say?\"\r\n\r\n\
        # ── count ──\r\n[claims.b-several]\r\ntopic = \"count\"\r\ntext = \"Several drones struck.\"\r\n\
        status = \"disputed\"\r\nspans = [{ source = \"b\", quote = \"Several drones struck\" }]\r\n\r\n\
        # ── reply ──\r\n[claims.x-other]\r\ntopic = \"reply\"\r\ntext = \"Something else.\"\r\n\
        spans = [{ source = \"b\", quote = \"Baku said\" }]\r\n";
    let copy = project(kept);
    common::write(&copy.path("export.jsonld"), exported.as_bytes());
    let run = copy.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(copy.path("claims.toml")).unwrap();
    // Every line of the file is still there, in order: only lines were added.
    let mut rest = after.as_str();
    for line in kept.split_inclusive('\n') {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("lost {line:?} in\n{after}"));
        rest = &rest[at + line.len()..];
    }
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "LF line endings crept in"
    );
    let position = |needle: &str| after.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    // The new count claim goes after b-several, before the reply section.
    assert!(position("[claims.a-four]") > position("[claims.b-several]"));
    assert!(position("[claims.a-four]") < position("# ── reply ──"));
    assert!(position("[claims.\"b-silent ç:1\"]") > position("[claims.x-other]"));
}

#[test]
fn annotations_that_do_not_anchor_are_reported_where_they_are_and_the_rest_imported() {
    let original = project(CLAIMS);
    let exported = export_of(&original);
    // The copy's document b says something else: its quotes are gone.
    let copy = Fixture::new(&[
        ("docs/a.txt", BOM_DOC),
        ("docs/b.txt", "Nothing of the kind was said.\n"),
        ("claims.toml", &sources_only(CLAIMS)),
    ]);
    common::write(&copy.path("export.jsonld"), exported.as_bytes());
    let run = copy.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = exported
        .lines()
        .position(|l| l.contains("\"id\": \"urn:crux:claim:b-several:span:1\""))
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!("--> export.jsonld:{line}:")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[E0014]: annotation `urn:crux:claim:b-several:span:1`: its quote is not in `docs/b.txt`"), "{}", run.stderr);
    // a-four quotes b too: not half imported.
    assert!(run.stderr.contains("urn:crux:claim:a-four:span:3"));
    // The links to claims not imported are said, not dropped.
    assert!(run.stderr.contains("error[E0005]"), "{}", run.stderr);
    assert!(run.stderr.contains("imported 0 claim(s)"), "{}", run.stderr);
}

#[test]
fn a_document_no_source_declares_is_named_with_the_fix() {
    let original = project(CLAIMS);
    let exported =
        export_of(&original).replace("https://example.org/news/a", "https://example.org/moved");
    let copy = project(&sources_only(CLAIMS));
    common::write(&copy.path("export.jsonld"), exported.as_bytes());
    let before = std::fs::read(copy.path("claims.toml")).unwrap();
    let run = copy.crux(&["import", "w3c", "export.jsonld", "--dry-run"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[E0007]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--map 'https://example.org/moved=SOURCE'"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(copy.path("claims.toml")).unwrap(),
        before,
        "a dry run writes"
    );
    let mapped = copy.crux(&[
        "import",
        "w3c",
        "export.jsonld",
        "--map",
        "https://example.org/moved=a",
    ]);
    assert_eq!(mapped.code, 0, "{}", mapped.stderr);
    assert_eq!(
        meaning(&copy.path("claims.toml")),
        meaning(&original.path("claims.toml"))
    );
    let typo = copy.crux(&["import", "w3c", "export.jsonld", "--map", "x=aa"]);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("did you mean `a`?"), "{}", typo.stderr);
}

#[test]
fn a_dry_run_prints_the_diff_and_writes_nothing() {
    let original = project(CLAIMS);
    let exported = export_of(&original);
    let copy = project(&sources_only(CLAIMS));
    common::write(&copy.path("export.jsonld"), exported.as_bytes());
    let before = std::fs::read(copy.path("claims.toml")).unwrap();
    let run = copy.crux(&["import", "w3c", "export.jsonld", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("+[claims.a-four]"), "{}", run.stdout);
    assert!(run.stderr.contains("would import 3 claim(s) and 2 link(s)"));
    assert_eq!(std::fs::read(copy.path("claims.toml")).unwrap(), before);
}

#[test]
fn broken_files_are_refused_with_their_place_and_nothing_is_written() {
    let copy = project(&sources_only(CLAIMS));
    let before = std::fs::read(copy.path("claims.toml")).unwrap();
    for (content, expected) in [
        (
            "{\n  \"type\": \"AnnotationCollection\",\n  \"first\": [\n}",
            "is not valid JSON: ",
        ),
        ("\u{0}\u{ff}", "is not valid JSON"),
        ("", "is not valid JSON: EOF while parsing"),
    ] {
        common::write(&copy.path("in.json"), content.as_bytes());
        let run = copy.crux(&["import", "w3c", "in.json"]);
        assert_eq!(run.code, 2, "{content:?}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{content:?}: {}", run.stderr);
    }
    common::write(&copy.path("in.json"), b"[1, {\"type\": \"Note\"}]");
    let run = copy.crux(&["import", "w3c", "in.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("is not a W3C Annotation").count(),
        2,
        "{}",
        run.stderr
    );
    let run = copy.crux(&["import", "w3c", "missing.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("error: missing.json cannot be read"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(copy.path("claims.toml")).unwrap(), before);
}

#[test]
fn a_span_given_twice_is_imported_once() {
    let original = project(CLAIMS);
    let mut exported: serde_json::Value = serde_json::from_str(&export_of(&original)).unwrap();
    let items = exported["first"]["items"].as_array_mut().unwrap();
    let first = items[0].clone();
    items.push(first);
    let copy = project(&sources_only(CLAIMS));
    common::write(&copy.path("export.jsonld"), exported.to_string().as_bytes());
    let run = copy.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("imported 3 claim(s) and 2 link(s); 1 annotation(s) already there"),
        "{}",
        run.stderr
    );
    assert_eq!(
        meaning(&copy.path("claims.toml")),
        meaning(&original.path("claims.toml"))
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_claims_file_is_left_alone_and_the_error_is_one_line() {
    use std::os::unix::fs::PermissionsExt;
    let copy = Fixture::new(&[
        ("d.txt", "Alpha beta gamma.\n"),
        ("claims.toml", "[sources.s]\npath = \"d.txt\"\n"),
        (
            "in.json",
            r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:crux:claim:a%0Ab%1B%5B2J:span:1",
                "type": "Annotation",
                "body": [{"type": "TextualBody", "purpose": "tagging", "value": "topic:t"},
                         {"type": "TextualBody", "purpose": "questioning", "value": "Q?"}],
                "target": {"source": "d.txt", "selector": {"type": "TextQuoteSelector", "exact": "beta"}}}"#,
        ),
    ]);
    let path = copy.path("claims.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = copy.crux(&["import", "w3c", "in.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let error = run
        .stderr
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap();
    assert!(
        error.contains("added claim a b␛[2J and topic t: claims.toml is read-only"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{1b}'));
    assert!(
        run.stderr
            .contains("0 of 1 change(s) were saved; importing the file again adds the rest")
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[sources.s]\npath = \"d.txt\"\n"
    );
}

#[test]
fn a_directional_link_declared_the_other_way_is_refused_not_skipped() {
    let forward = CLAIMS.replace(
        "contradicts = [{ claim = \"b-several\", note = \"four vs several\" }]",
        "refines = [\"b-several\"]",
    );
    let exported = export_of(&project(&forward));
    assert!(exported.contains("urn:crux:link:a-four:refines:b-several"));
    let several = "spans = [{ source = \"b\", quote = \"Several drones struck\" }]\n";
    let backward = forward
        .replace("refines = [\"b-several\"]\n", "")
        .replace(several, &format!("{several}refines = [\"a-four\"]\n"));
    let copy = project(&backward);
    common::write(&copy.path("export.jsonld"), exported.as_bytes());
    let before = std::fs::read_to_string(copy.path("claims.toml")).unwrap();
    let run = copy.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[E0009]: annotation `urn:crux:link:a-four:refines:b-several`: `a-four` and `b-several` are already linked the other way (`b-several` refines it); left as they are"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(copy.path("claims.toml")).unwrap(),
        before
    );
    // Declared the same way, it is already there.
    let same = project(&forward);
    common::write(&same.path("export.jsonld"), exported.as_bytes());
    let run = same.crux(&["import", "w3c", "export.jsonld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
