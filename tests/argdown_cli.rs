//! `crux export --format argdown`, parsed by the real Argdown CLI
//! (`@argdown/cli`, installed by `.ci/run` into `tests/node`): every claim
//! a statement with its text, every link one relation of its kind.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Fixture;
use serde_json::Value;

/// The Argdown CLI, or `None` (after saying why) where it may be missing:
/// under CI it must be there.
fn argdown() -> Option<PathBuf> {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/node/node_modules/@argdown/cli/dist/cli.js");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if bin.is_file() && node {
        return Some(bin);
    }
    let why = format!(
        "the Argdown CLI is not installed ({} missing or no node): run `npm ci --prefix tests/node`",
        bin.display()
    );
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{why}");
    }
    eprintln!("skipped: {why}");
    None
}

/// The Argdown CLI's JSON for `source`; panics with its syntax errors.
fn parse(cli: &Path, source: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("map.argdown");
    std::fs::write(&input, source).unwrap();
    let out = Command::new("node")
        .arg(cli)
        .args(["json", "map.argdown", "out"])
        .current_dir(dir.path())
        .output()
        .expect("run the Argdown CLI");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && !said.contains("syntax error"),
        "{said}\n{source}"
    );
    let json =
        std::fs::read_to_string(dir.path().join("out/map.json")).expect("the CLI wrote JSON");
    serde_json::from_str(&json).unwrap()
}

/// Each statement's title and text, as Argdown read them.
fn statements(parsed: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = parsed["statements"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(title, class)| {
            class["members"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(move |m| Some((title.clone(), m.get("text")?.as_str()?.to_string())))
        })
        .collect();
    found.sort();
    found
}

fn relations(parsed: &Value) -> Vec<(String, String, String)> {
    let mut found: Vec<(String, String, String)> = parsed["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            symmetric(s("relationType"), s("from"), s("to"))
        })
        .collect();
    found.sort();
    found
}

/// A contradiction has no direction: its ends in order.
fn symmetric(kind: String, from: String, to: String) -> (String, String, String) {
    if kind == "contradictory" && from > to {
        (kind, to, from)
    } else {
        (kind, from, to)
    }
}

fn export(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["export", "--format", "argdown"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_shipped_example_parses_with_one_relation_per_link() {
    let Some(cli) = argdown() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let parsed = parse(&cli, &export(root, &[]));
    let dataset = crux::load(&root.join("claims.toml"));
    let mut expected: Vec<(String, String)> = dataset
        .claims
        .iter()
        .map(|c| (c.id.clone(), format!("{} #{}", c.text, c.status.as_str())))
        .collect();
    expected.sort();
    assert_eq!(statements(&parsed), expected);
    // `+ [b]` under `[a]`: b supports a; `+> [b]`: a supports b; `>< [b]`:
    // they are contradictory. The other kinds have no Argdown relation.
    let mut links: Vec<(String, String, String)> = dataset
        .relations
        .iter()
        .filter_map(|r| {
            use crux::model::RelationKind::*;
            let (from, to) = (
                dataset.claims[r.from].id.clone(),
                dataset.claims[r.to].id.clone(),
            );
            let (kind, from, to) = match r.kind {
                Agrees => ("support", to, from),
                Refines => ("support", from, to),
                Contradicts => ("contradictory", to, from),
                Updates | Rivals | Contrasts => return None,
            };
            Some(symmetric(kind.to_string(), from, to))
        })
        .collect();
    assert!(
        links.len() >= 3,
        "the shipped example exercises the mapped kinds"
    );
    links.sort();
    assert_eq!(relations(&parsed), links);
    let sections = parsed["sections"].as_array().unwrap();
    assert_eq!(sections.len(), dataset.topics.len());
    assert_eq!(
        sections[1]["title"],
        "How many drones struck Nakhchivan on 5 March 2026?"
    );
}

#[test]
fn markup_in_texts_ids_and_questions_is_read_as_text() {
    let Some(cli) = argdown() else { return };
    let text = r#"Text with [brackets], <angle>, #hash, @mention, *stars*, _under_, {curly: 1}, // slashes /* c */ and "quotes" — ə 🛩 + - > < \ back."#;
    let fixture = Fixture::new(&[
        ("d.txt", "alpha beta gamma delta\n"),
        (
            "claims.toml",
            &format!(
                "[sources.s]\npath = \"d.txt\"\n[topics.t]\nquestion = \"Is [it] #1 / *the* one?\"\n\
                 [claims.\"odd [id]\"]\ntopic = \"t\"\ntext = {text:?}\nnote = \"*/ a note\\nsecond // line\"\n\
                 spans = [{{ source = \"s\", quote = \"alpha\" }}]\n\
                 contradicts = [{{ claim = \"b silent ç:1\", note = \"[x] // y\" }}]\n\
                 [claims.\"b silent ç:1\"]\ntopic = \"t\"\ntext = \"Line one.\\nLine two.\"\n\
                 spans = [{{ source = \"s\", quote = \"beta\" }}]\n"
            ),
        ),
    ]);
    let exported = export(fixture.dir.path(), &[]);
    let parsed = parse(&cli, &exported);
    assert_eq!(
        statements(&parsed),
        [
            (
                "b silent ç:1".to_string(),
                "Line one. Line two. #unreviewed".to_string()
            ),
            ("odd _id_".to_string(), format!("{text} #unreviewed")),
        ]
    );
    assert_eq!(
        relations(&parsed),
        [symmetric(
            "contradictory".into(),
            "odd _id_".into(),
            "b silent ç:1".into()
        )]
    );
    assert_eq!(parsed["sections"][0]["title"], "Is [it] #1 / *the* one?");
}

#[test]
fn filters_keep_the_links_between_kept_claims_only() {
    let Some(cli) = argdown() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let parsed = parse(&cli, &export(root, &["--topic", "drone-count"]));
    let titles: Vec<String> = statements(&parsed).into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        titles,
        [
            "huseynov-several-drones",
            "inss-four-drones",
            "inss-one-intercepted"
        ]
    );
    assert_eq!(relations(&parsed).len(), 3);
}
