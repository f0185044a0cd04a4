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
