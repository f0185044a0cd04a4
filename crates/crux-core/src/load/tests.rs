use std::path::Path;

use super::load_str;

/// Three claims, one quoting twice, linked both ways and once more.
const CLAIMS: &str = r#"[sources.a]
path = "a.txt"
[topics.t]
question = "q?"
[claims.one]
topic = "t"
text = "x"
spans = [{ source = "a", quote = "the quick" }]
agrees = ["two"]
[claims.two]
topic = "t"
text = "y"
spans = [{ source = "a", quote = "brown" }, { source = "a", quote = "fox" }]
agrees = ["one"]
contrasts = ["three"]
[claims.three]
topic = "t"
text = "z"
spans = [{ source = "a", quote = "jumps" }]
"#;

#[test]
fn the_loaded_tables_hold_no_room_they_do_not_use() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "the quick brown fox jumps").unwrap();
    let dataset = load_str(&dir.path().join("claims.toml"), CLAIMS);
    assert_eq!(dataset.error_count(), 0, "{:?}", dataset.diagnostics);
    let room = |len: usize, capacity: usize| (len, capacity);
    assert_eq!(
        room(dataset.claims.len(), dataset.claims.capacity()),
        (3, 3)
    );
    for claim in &dataset.claims {
        assert_eq!(claim.spans.capacity(), claim.spans.len(), "{}", claim.id);
    }
    // The link declared on both sides is one relation.
    assert_eq!(
        room(dataset.relations.len(), dataset.relations.capacity()),
        (2, 2)
    );
    assert_eq!(
        room(dataset.link_targets.len(), dataset.link_targets.capacity()),
        (3, 3)
    );
    assert_eq!(dataset.sources.capacity(), 1);
    assert_eq!(dataset.topics.capacity(), 1);
}

#[test]
fn a_claim_with_a_span_missing_its_quote_keeps_the_others() {
    let text = CLAIMS.replace(
        r#"{ source = "a", quote = "brown" }"#,
        r#"{ source = "a" }"#,
    );
    let dataset = load_str(Path::new("claims.toml"), text);
    let two = dataset.claim("two").unwrap();
    assert_eq!(two.spans.len(), 1);
    assert_eq!(two.spans[0].quote, "fox");
}

#[test]
fn a_load_letting_documents_go_holds_none_and_says_what_a_load_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "the quick brown fox jumps").unwrap();
    let path = dir.path().join("claims.toml");
    let text = CLAIMS.replace("\"fox\"", "\"fix\"") + "[sources.b]\npath = \"missing.txt\"\n";
    std::fs::write(&path, &text).unwrap();
    let kept = super::load(&path);
    let let_go = super::load_letting_documents_go(&path);
    assert!(kept.sources[0].document.is_some());
    assert!(let_go.sources.iter().all(|s| s.document.is_none()));
    // A quote not found, and a document that cannot be read.
    assert!(kept.diagnostics.len() >= 2, "{:?}", kept.diagnostics);
    assert_eq!(let_go.diagnostics, kept.diagnostics);
    let anchors = |d: &crate::model::Dataset| -> Vec<_> {
        d.claims
            .iter()
            .flat_map(|c| c.spans.iter().map(|s| s.anchor.clone()))
            .collect()
    };
    assert_eq!(anchors(&let_go), anchors(&kept));
}
