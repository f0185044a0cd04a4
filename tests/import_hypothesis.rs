//! `crux import hypothesis`: a realistic Hypothesis export of the five
//! shipped articles (the client's export file and the API's search
//! response) imports with every annotation anchored, and importing it
//! again adds nothing.

mod common;

use std::path::Path;

use common::Fixture;
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/hypothesis";

/// The seeds and the fixture's claims file and exports, in a temp dir.
fn project() -> Fixture {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in ["seeds", FIXTURE] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let name = if dir == "seeds" {
                format!("seeds/{name}")
            } else {
                name
            };
            files.push((name, std::fs::read(&path).unwrap()));
        }
    }
    let fixture = Fixture::new(&[]);
    for (name, bytes) in files {
        common::write(&fixture.path(&name), &bytes);
    }
    fixture
}

fn annotations(file: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURE)
        .join(file);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let list = json
        .get("annotations")
        .or_else(|| json.get("rows"))
        .unwrap();
    list.as_array().unwrap().clone()
}

fn quote_selector(annotation: &Value) -> &Value {
    annotation["target"][0]["selector"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")
        .unwrap()
}

/// Curly quotes and dashes as a web page may print them straight.
fn plain(text: &str) -> String {
    text.replace('’', "'").replace('—', "-")
}

#[test]
fn the_fixture_is_shaped_as_hypothesis_serves_it() {
    let export = annotations("export.json");
    let search = annotations("search.json");
    let ids = |list: &[Value]| -> Vec<String> {
        list.iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    let mut all = ids(&export);
    all.extend(ids(&search));
    all.sort();
    all.dedup();
    assert!(all.len() >= 20, "{} annotations", all.len());
    for annotation in export.iter().chain(&search) {
        for key in [
            "id", "created", "user", "uri", "text", "tags", "target", "links",
        ] {
            assert!(annotation.get(key).is_some(), "no {key}: {annotation}");
        }
        let kinds: Vec<&str> = annotation["target"][0]["selector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["RangeSelector", "TextPositionSelector", "TextQuoteSelector"]
        );
    }
    // Positions on the INSS page count its navigation too: they must be
    // stale in the local copy, so the quote and context have to place them.
    let inss = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/003_58c47bfb15e2261f.txt"),
    )
    .unwrap();
    let chars: Vec<char> = inss.chars().collect();
    let stale = export
        .iter()
        .chain(&search)
        .filter(|a| a["uri"].as_str().unwrap().contains("/inss/"))
        .filter(|a| {
            let position = a["target"][0]["selector"][1].clone();
            let (start, end) = (
                position["start"].as_u64().unwrap() as usize,
                position["end"].as_u64().unwrap() as usize,
            );
            chars.get(start..end).map(|c| c.iter().collect::<String>())
                != quote_selector(a)["exact"].as_str().map(str::to_string)
        })
        .count();
    assert!(stale >= 3, "{stale}");
}

#[test]
fn every_annotation_is_anchored_and_importing_again_adds_nothing() {
    let project = project();
    let first = project.crux(&[
        "import",
        "hypothesis",
        "export.json",
        "--topic",
        "strike-damage",
    ]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains(
            "imported 14 claim(s) and 0 link(s); 0 annotation(s) already there, 0 not imported"
        ),
        "{}",
        first.stderr
    );
    // The search response repeats two annotations of the export file.
    let second = project.crux(&[
        "import",
        "hypothesis",
        "search.json",
        "--topic",
        "strike-damage",
    ]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stderr.contains(
            "imported 10 claim(s) and 0 link(s); 2 annotation(s) already there, 0 not imported"
        ),
        "{}",
        second.stderr
    );

    let check = project.crux(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        !check.stderr.contains("W0001"),
        "a quote not written as the document has it: {}",
        check.stderr
    );

    let dataset = crux::load(&project.path("claims.toml"));
    assert_eq!(dataset.claims.len(), 24);
    for annotation in annotations("export.json")
        .iter()
        .chain(&annotations("search.json"))
    {
        let link = annotation["links"]["html"].as_str().unwrap();
        let claim = dataset
            .claims
            .iter()
            .find(|c| c.note.as_deref().is_some_and(|n| n.contains(link)))
            .unwrap_or_else(|| panic!("no claim from {link}"));
        let span = &claim.spans[0];
        let source = dataset.source(&span.source).unwrap();
        assert_eq!(source.url.as_deref(), annotation["uri"].as_str());
        let anchor = span.anchor.as_ref().expect("anchored");
        let passage = &source.text().unwrap()[anchor.bytes.clone()];
        assert_eq!(
            plain(passage),
            plain(quote_selector(annotation)["exact"].as_str().unwrap())
        );
        let text = annotation["text"].as_str().unwrap();
        let expected = if text.is_empty() { passage } else { text };
        assert_eq!(claim.text, expected);
        let tagged = annotation["tags"].as_array().unwrap().iter().find_map(|t| {
            let t = t.as_str().unwrap();
            let t = t.strip_prefix("topic:").unwrap_or(t);
            dataset.topic(t).map(|_| t.to_string())
        });
        assert_eq!(
            claim.topic,
            tagged.unwrap_or_else(|| "strike-damage".into())
        );
    }

    let once = std::fs::read(project.path("claims.toml")).unwrap();
    for file in ["export.json", "search.json"] {
        let again = project.crux(&["import", "hypothesis", file, "--topic", "strike-damage"]);
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert!(
            again.stderr.contains("imported 0 claim(s)"),
            "{}",
            again.stderr
        );
    }
    assert_eq!(std::fs::read(project.path("claims.toml")).unwrap(), once);
}

#[test]
fn a_claim_edited_after_its_import_is_still_recognised() {
    let project = project();
    assert_eq!(
        project
            .crux(&[
                "import",
                "hypothesis",
                "export.json",
                "--topic",
                "strike-damage"
            ])
            .code,
        0
    );
    let path = project.path("claims.toml");
    let imported = std::fs::read_to_string(&path).unwrap();
    let edited = imported.replace(
        "text = \"Airport infrastructure hit.\"",
        "text = \"The airport's infrastructure was damaged.\"",
    );
    assert_ne!(edited, imported);
    std::fs::write(&path, &edited).unwrap();
    let again = project.crux(&[
        "import",
        "hypothesis",
        "export.json",
        "--topic",
        "strike-damage",
    ]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("imported 0 claim(s)"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn what_cannot_be_imported_is_reported_where_it_is_and_the_rest_is_imported() {
    let project = project();
    let good = annotations("export.json")[1].clone();
    let mut reply = good.clone();
    reply["id"] = "reply0000000000000000a".into();
    reply["references"] = serde_json::json!([good["id"]]);
    reply["target"] = serde_json::json!([{ "source": good["uri"] }]);
    let mut page_note = good.clone();
    page_note["id"] = "pagenote00000000000000".into();
    page_note["target"] = serde_json::json!([{ "source": good["uri"] }]);
    let mut elsewhere = good.clone();
    elsewhere["id"] = "elsewhere0000000000000".into();
    elsewhere["uri"] = "https://example.net/not-a-source".into();
    let mut changed = good.clone();
    changed["id"] = "changed00000000000000a".into();
    changed["target"][0]["selector"][1] =
        serde_json::json!({"type": "TextPositionSelector", "start": 5, "end": 20});
    changed["target"][0]["selector"][2]["exact"] = "that five Iranian drones had taken part".into();
    let mut untagged = good.clone();
    untagged["id"] = "untagged00000000000000".into();
    untagged["tags"] = serde_json::json!(["Nakhchivan"]);
    let file = serde_json::to_string_pretty(&serde_json::json!({
        "total": 6,
        "rows": [reply, page_note, elsewhere, changed, untagged, good],
    }))
    .unwrap();
    common::write(&project.path("mixed.json"), file.as_bytes());
    let run = project.crux(&["import", "hypothesis", "mixed.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line_of = |id: &str| {
        file.lines()
            .position(|l| l.contains(&format!("\"id\": \"{id}\"")))
            .unwrap()
            + 1
    };
    for (id, code, what) in [
        (
            "reply0000000000000000a",
            "E0017",
            "is a reply to another annotation",
        ),
        ("pagenote00000000000000", "E0017", "is a page note"),
        (
            "elsewhere0000000000000",
            "E0007",
            "no source is the document `https://example.net/not-a-source`",
        ),
        (
            "changed00000000000000a",
            "E0014",
            "its quote is not in `seeds/003_58c47bfb15e2261f.txt`",
        ),
        (
            "untagged00000000000000",
            "E0006",
            "none of its tags is a topic",
        ),
    ] {
        assert!(
            run.stderr
                .contains(&format!("error[{code}]: annotation `{id}`")),
            "{id}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(what), "{what}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("--> mixed.json:{}:", line_of(id))),
            "{id}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("nearest passage: seeds/003_58c47bfb15e2261f.txt:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "imported 1 claim(s) and 0 link(s); 0 annotation(s) already there, 5 not imported"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn files_that_are_not_a_hypothesis_export_are_refused() {
    let project = project();
    let before = std::fs::read(project.path("claims.toml")).unwrap();
    common::write(&project.path("other.json"), br#"{"data": []}"#);
    let run = project.crux(&["import", "hypothesis", "other.json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no `annotations` or `rows` array"),
        "{}",
        run.stderr
    );
    common::write(
        &project.path("bad.json"),
        b"{\"rows\": [\n  {\"id\": 1,}\n]}",
    );
    let run = project.crux(&["import", "hypothesis", "bad.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("bad.json is not valid JSON: trailing comma at line 2 column"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(project.path("claims.toml")).unwrap(), before);
}

#[test]
fn an_annotation_given_twice_in_one_file_is_imported_once() {
    let project = project();
    let mut twice = annotations("export.json");
    twice.push(twice[0].clone());
    let file = serde_json::json!({ "total": twice.len(), "rows": twice }).to_string();
    common::write(&project.path("twice.json"), file.as_bytes());
    let run = project.crux(&[
        "import",
        "hypothesis",
        "twice.json",
        "--topic",
        "strike-damage",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("imported 14 claim(s) and 0 link(s); 1 annotation(s) already there"),
        "{}",
        run.stderr
    );
    assert_eq!(crux::load(&project.path("claims.toml")).claims.len(), 14);
}
