//! `crux fix` on the shipped example after its documents changed: quotes
//! that still match loosely, or closely and unambiguously, are rewritten to
//! the exact document text; the rest are left alone and reported.

mod common;

use std::path::Path;

use common::{Fixture, write};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The shipped claims.toml and seeds/ in a temp dir.
fn shipped() -> Fixture {
    let fixture = Fixture::new(&[]);
    let claims = std::fs::read(Path::new(ROOT).join("claims.toml")).unwrap();
    write(&fixture.path("claims.toml"), &claims);
    for entry in std::fs::read_dir(Path::new(ROOT).join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        write(
            &fixture.path(&format!("seeds/{name}")),
            &std::fs::read(&path).unwrap(),
        );
    }
    fixture
}

/// Replaces the one occurrence of `from` in the document starting `prefix`.
fn edit_document(fixture: &Fixture, prefix: &str, from: &str, to: &str) {
    let dir = fixture.path("seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn changed_documents() -> Fixture {
    let fixture = shipped();
    // A straight apostrophe made curly: matches only after normalization.
    edit_document(
        &fixture,
        "001",
        "underscored Baku's intention",
        "underscored Baku’s intention",
    );
    // A word inserted: not found, but one passage is close.
    edit_document(
        &fixture,
        "003",
        "drones had taken part",
        "drones had indeed taken part",
    );
    // A line break and a double space: only whitespace, nothing to fix.
    edit_document(
        &fixture,
        "004",
        "remains vital for both",
        "remains vital\nfor  both",
    );
    // A passage repeated: ambiguous, left alone.
    edit_document(
        &fixture,
        "000",
        "as it could become an important factor",
        "as it could become an important factor (The alleged launch of drones by Iran in the direction of Azerbaijan has become a serious issue in bilateral relations, again)",
    );
    // A passage rewritten beyond recognition: not found, left alone.
    edit_document(
        &fixture,
        "000",
        "its potential significance in a possible",
        "what it might come to mean in any",
    );
    fixture
}

fn expected_claims() -> String {
    let original = std::fs::read_to_string(Path::new(ROOT).join("claims.toml")).unwrap();
    let mut expected = original.clone();
    for (from, to) in [
        // Each rewritten quote gets the line it starts on.
        (
            r#"quote = "that four Iranian drones had taken part in the attack" }"#,
            r#"quote = "that four Iranian drones had indeed taken part in the attack", line = 25 }"#,
        ),
        (
            r#"quote = "The aid shipment underscored Baku's intention to maintain cooperative relations with its southern neighbour even amid the ongoing crisis." }"#,
            r#"quote = "The aid shipment underscored Baku’s intention to maintain cooperative relations with its southern neighbour even amid the ongoing crisis.", line = 39 }"#,
        ),
    ] {
        assert_eq!(expected.matches(from).count(), 1, "{from}");
        expected = expected.replacen(from, to, 1);
    }
    expected
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let fixture = changed_documents();
    let before = std::fs::read(fixture.path("claims.toml")).unwrap();
    let run = fixture.crux(&["fix", "--dry-run"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read(fixture.path("claims.toml")).unwrap(), before);
    assert!(
        run.stdout
            .starts_with("--- a/claims.toml\n+++ b/claims.toml\n"),
        "{}",
        run.stdout
    );
    for line in [
        "-  { source = \"inss\", quote = \"that four Iranian drones had taken part in the attack\" },",
        "+  { source = \"inss\", quote = \"that four Iranian drones had indeed taken part in the attack\", line = 25 },",
    ] {
        assert!(
            run.stdout.lines().any(|l| l == line),
            "{line} not in\n{}",
            run.stdout
        );
    }
    assert_eq!(
        run.stdout.lines().filter(|l| l.starts_with("+  {")).count(),
        2
    );
    assert!(
        run.stderr
            .contains("would fix 2 quote(s), 2 left to fix by hand"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[E0015]"), "{}", run.stderr);
    assert!(run.stderr.contains("error[E0014]"), "{}", run.stderr);
}

#[test]
fn fix_rewrites_only_the_quotes_and_check_agrees() {
    let fixture = changed_documents();
    let before = fixture.crux(&["check", "--format", "json"]);
    let codes = |run: &common::Run| -> Vec<String> {
        let mut codes = run.codes();
        codes.sort();
        codes
    };
    assert_eq!(codes(&before), ["E0014", "E0014", "E0015", "W0001"]);

    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("fixed 2 quote(s), 2 left to fix by hand"),
        "{}",
        run.stderr
    );
    let after = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    assert_eq!(after, expected_claims());

    let check = fixture.crux(&["check", "--format", "json"]);
    assert_eq!(codes(&check), ["E0014", "E0015"]);
    // Fixing again finds nothing more to do.
    let again = fixture.crux(&["fix"]);
    assert_eq!(again.stdout, "");
    assert_eq!(
        std::fs::read_to_string(fixture.path("claims.toml")).unwrap(),
        after
    );
}

#[test]
fn nothing_to_fix_exits_zero_and_a_missing_file_two() {
    let fixture = shipped();
    let run = fixture.crux(&["fix"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    let run = fixture.crux(&["fix", "nope.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_dry_run_with_everything_fixable_still_exits_1() {
    let fixture = shipped();
    edit_document(
        &fixture,
        "003",
        "drones had taken part",
        "drones had indeed taken part",
    );
    let dry = fixture.crux(&["fix", "--dry-run"]);
    assert_eq!(dry.code, 1, "something is left to rewrite: {}", dry.stderr);
    assert!(
        dry.stderr
            .contains("would fix 1 quote(s), 0 left to fix by hand"),
        "{}",
        dry.stderr
    );
    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = fixture.crux(&["fix", "--dry-run"]);
    assert_eq!((again.code, again.stdout.as_str()), (0, ""));
}

/// Replaces `from` by `to` in the shipped claims file, where it occurs once.
fn edit_claims(fixture: &Fixture, from: &str, to: &str) {
    let path = fixture.path("claims.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_misspelt_last_word_is_repaired_whole_and_the_score_printed() {
    let fixture = shipped();
    edit_document(&fixture, "003", "in the attack", "in the atack");
    edit_document(
        &fixture,
        "003",
        "Supreme Leader Ali Khamenei.",
        "Supreme Leader Ali Kahmenei.",
    );
    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    assert!(
        after.contains(
            r#"quote = "that four Iranian drones had taken part in the atack", line = 25 }"#
        ),
        "{after}"
    );
    assert!(
        after.contains(r#"quote = "on 28 February 2026, the United States and Israel launched Operation Epic Fury, whose opening salvo killed Supreme Leader Ali Kahmenei", line = 11 }"#),
        "{after}"
    );
    assert!(
        run.stderr.contains(
            "fixed inss-four-drones: quote 1 rewritten to the passage at seeds/003_58c47bfb15e2261f.txt:25:203 (score 0.98)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn min_score_leaves_a_passage_below_it_alone() {
    let fixture = shipped();
    edit_document(&fixture, "003", "in the attack", "in the atack");
    let run = fixture.crux(&["fix", "--min-score", "0.99"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("fixed 0 quote(s), 1 left to fix by hand"),
        "{}",
        run.stderr
    );
    let run = fixture.crux(&["fix", "--min-score", "1.5"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("not a score from 0 to 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_stale_prefix_of_a_unique_quote_warns_and_fix_updates_it() {
    let fixture = shipped();
    edit_claims(
        &fixture,
        r#"quote = "that four Iranian drones had taken part in the attack" }"#,
        r#"quote = "that four Iranian drones had taken part in the attack", prefix = "The Ministry of Defence said" }"#,
    );
    let check = fixture.crux(&["check", "--format", "json"]);
    assert_eq!(check.codes(), ["W0011"], "{}", check.stdout);
    let d = &check.diagnostics()[0];
    assert_eq!(d["suggestion"]["kind"], "context_changed", "{d}");
    assert_eq!(
        d["suggestion"]["passages"][0]["prefix"], "[Azerbaijan’s Ministry of Defense stated](#)",
        "{d}"
    );

    // The report lists it as open, with the same suggestion.
    let report = fixture.crux(&["report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let open = &report["open"]["quotes"];
    assert_eq!(open.as_array().unwrap().len(), 1, "{open}");
    assert_eq!(open[0]["match"], "exact");
    assert_eq!(open[0]["suggestion"], d["suggestion"]);

    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    assert!(
        after.contains(r#"quote = "that four Iranian drones had taken part in the attack", prefix = "[Azerbaijan’s Ministry of Defense stated](#)", line = 25 }"#),
        "{after}"
    );
    assert_eq!(
        fixture.crux(&["check", "--format", "json"]).codes(),
        Vec::<String>::new()
    );
}

#[test]
fn decomposed_accents_in_the_document_are_a_normalization_named_and_repaired() {
    let fixture = shipped();
    // "é" as "e" and a combining acute accent (NFD), as some tools save it.
    edit_document(
        &fixture,
        "002",
        "diplomatic détente",
        "diplomatic de\u{301}tente",
    );
    let check = fixture.crux(&["check", "--format", "json"]);
    // Found (after normalization), not missing: accents are compared decomposed.
    assert_eq!(check.codes(), ["W0001"], "{}", check.stdout);
    let d = &check.diagnostics()[0];
    assert!(
        d["notes"][0]
            .as_str()
            .unwrap()
            .contains("different Unicode forms"),
        "{d}"
    );
    assert_eq!(d["suggestion"]["kind"], "normalized", "{d}");

    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    assert!(
        after.contains("quote = \"both sides have made efforts to maintain a fragile diplomatic de\u{301}tente\""),
        "{after}"
    );
}
