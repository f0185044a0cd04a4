//! `crux export --format dot`, read by Graphviz itself (`dot -Tjson`,
//! installed by `.ci/run`): one node per claim inside its topic's cluster,
//! one edge per link, drawn by its kind.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::Fixture;
use serde_json::Value;

/// Whether Graphviz is here; under CI it must be.
fn graphviz() -> bool {
    if Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return true;
    }
    let why = "Graphviz's `dot` is not installed (apt-get install graphviz)";
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{why}");
    }
    eprintln!("skipped: {why}");
    false
}

fn layout(source: &str) -> Value {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dot");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "{stderr}\n{source}"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn export(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["export", "--format", "dot"])
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
fn the_shipped_example_is_one_node_per_claim_and_one_edge_per_link() {
    if !graphviz() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let graph = layout(&export(root, &[]));
    let dataset = crux::load(&root.join("claims.toml"));
    let objects = graph["objects"].as_array().unwrap();
    let clusters: Vec<&Value> = objects
        .iter()
        .filter(|o| o.get("nodes").is_some())
        .collect();
    let nodes: Vec<&Value> = objects
        .iter()
        .filter(|o| o.get("nodes").is_none())
        .collect();
    assert_eq!(clusters.len(), dataset.topics.len());
    assert_eq!(nodes.len(), dataset.claims.len());
    for cluster in &clusters {
        let members: Vec<&str> = cluster["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                objects[i.as_u64().unwrap() as usize]["name"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        let topics: Vec<&str> = members
            .iter()
            .map(|id| dataset.claim(id).unwrap().topic.as_str())
            .collect();
        assert!(
            topics.windows(2).all(|w| w[0] == w[1]),
            "a cluster mixes topics: {members:?}"
        );
        let question = &dataset.topic(topics[0]).unwrap().question;
        assert_eq!(
            cluster["label"].as_str().unwrap().replace("\\n", " "),
            *question
        );
    }
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(edges.len(), dataset.relations.len());
    let name = |i: &Value| {
        objects[i.as_u64().unwrap() as usize]["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let attribute = |e: &Value, key: &str| e[key].as_str().unwrap_or("").to_string();
    let mut drawn: Vec<[String; 5]> = edges
        .iter()
        .map(|e| {
            [
                name(&e["tail"]),
                name(&e["head"]),
                attribute(e, "style"),
                attribute(e, "color"),
                attribute(e, "dir"),
            ]
        })
        .collect();
    // Each kind its own look; an arrow from the more precise or later claim.
    let mut declared: Vec<[String; 5]> = dataset
        .relations
        .iter()
        .map(|r| {
            use crux::model::RelationKind::*;
            let (style, color, dir) = match r.kind {
                Agrees => ("solid", "#1b7837", ""),
                Contradicts => ("dashed", "#b2182b", ""),
                Refines => ("solid", "#2166ac", "forward"),
                Updates => ("dashed", "#762a83", "forward"),
                Rivals => ("dotted", "#e08214", ""),
                Contrasts => ("dotted", "#5e5e5e", ""),
            };
            [
                dataset.claims[r.from].id.clone(),
                dataset.claims[r.to].id.clone(),
                style.to_string(),
                color.to_string(),
                dir.to_string(),
            ]
        })
        .collect();
    let kinds: std::collections::HashSet<_> = dataset.relations.iter().map(|r| r.kind).collect();
    assert_eq!(kinds.len(), 6, "the shipped example links by every kind");
    drawn.sort();
    declared.sort();
    assert_eq!(drawn, declared);
}

#[test]
fn hostile_ids_and_texts_stay_inside_their_labels() {
    if !graphviz() {
        return;
    }
    let fixture = Fixture::new(&[
        ("d.txt", "alpha beta\n"),
        (
            "claims.toml",
            "[sources.s]\npath = \"d.txt\"\n[topics.t]\nquestion = \"Who said \\\"}\\\" -- or \\\\N?\"\n\
             [claims.\"a\\\" -- \\\"b\"]\ntopic = \"t\"\ntext = \"Quote \\\" brace } backslash \\\\G\\nline\\u001b\"\n\
             spans = [{ source = \"s\", quote = \"alpha\" }]\ncontradicts = [{ claim = \"b\", note = \"]; x -- y [\" }]\n\
             [claims.b]\ntopic = \"t\"\ntext = \"B.\"\nspans = [{ source = \"s\", quote = \"beta\" }]\n",
        ),
    ]);
    let graph = layout(&export(fixture.dir.path(), &[]));
    let objects = graph["objects"].as_array().unwrap();
    let names: Vec<&str> = objects.iter().filter_map(|o| o["name"].as_str()).collect();
    assert_eq!(names, ["cluster_0", "a\" -- \"b", "b"]);
    assert_eq!(
        objects[1]["label"],
        "Quote \" brace } backslash \\\\G line␛\\n[unreviewed]"
    );
    assert_eq!(graph["edges"].as_array().unwrap().len(), 1);
}
