//! `crux init` on a folder of documents.

mod common;

use common::Fixture;

fn folder() -> Fixture {
    Fixture::new(&[
        (
            "harbour.md",
            "# The Harbour Closure\n\nThe harbour closed in March. It reopened later.\n",
        ),
        (
            "radio notes.txt",
            "it closed in april, the radio said, and nobody objected to that.\n",
        ),
        (
            "reports/Gazette Report.TXT.txt",
            "Gazette Weekly Report\n\nThe gazette says March.\n",
        ),
        (
            "reports/harbour.txt",
            "Another harbour text with several words in it.\n",
        ),
        (".hidden/secret.md", "# Secret\n"),
        ("target/build.txt", "Not a document.\n"),
        ("image.png", "not text"),
    ])
}

#[test]
fn init_writes_one_source_per_document_and_the_file_loads() {
    let fixture = folder();
    let run = fixture.crux(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    let expected = r#"# claims.toml: the claims these documents make, and where they agree or
# contradict. Written by `crux init`; see docs/FORMAT.md for every key.
#
# Layout: sources, then topics (the neutral questions the claims answer),
# then claims grouped by topic. Each claim quotes its source verbatim;
# `crux check` re-finds every quote, `crux` opens the review UI.

# ── Sources: the documents ──

[sources.harbour]
path = "harbour.md"
title = "The Harbour Closure"

[sources.radio-notes]
path = "radio notes.txt"

[sources.gazette-report-txt]
path = "reports/Gazette Report.TXT.txt"
title = "Gazette Weekly Report"

[sources.harbour-2]
path = "reports/harbour.txt"

# ── Topics ──
# An example topic and claim: remove the leading `# ` to use them.
#
# [topics.example]
# question = "What does harbour.md say first?"

# ── Claims, grouped by topic ──
#
# [claims.harbour-example]
# topic = "example"
# text = "What the document says first, in your own words."
# spans = [
#   { source = "harbour", quote = "The harbour closed in March." },
# ]
"#;
    assert_eq!(written, expected);

    let check = fixture.crux(&["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let codes = check.codes();
    assert_eq!(codes, ["W0005", "W0005", "W0005", "W0005"]);
}

#[test]
fn the_commented_example_is_valid_once_uncommented() {
    let fixture = folder();
    assert_eq!(fixture.crux(&["init"]).code, 0);
    let written = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    let uncommented = written
        .replace("\n# [", "\n[")
        .replace("\n# question", "\nquestion")
        .replace("\n# topic", "\ntopic")
        .replace("\n# text", "\ntext")
        .replace("\n# spans", "\nspans")
        .replace("\n#   {", "\n  {")
        .replace("\n# ]", "\n]");
    std::fs::write(fixture.path("claims.toml"), uncommented).unwrap();
    let check = fixture.crux(&["check", "--format", "json"]);
    let codes = check.codes();
    // The example quote is found: only the unused sources, the lone claim
    // and the one-claim topic are reported.
    assert_eq!(
        codes,
        ["W0005", "W0005", "W0005", "W0004", "W0003"],
        "{}",
        check.stdout
    );
}

#[test]
fn init_in_another_folder_and_never_over_an_existing_file() {
    let fixture = folder();
    assert_eq!(fixture.crux(&["init", "reports"]).code, 0);
    let written = std::fs::read_to_string(fixture.path("reports/claims.toml")).unwrap();
    assert!(
        written.contains("[sources.harbour]\npath = \"harbour.txt\"\n"),
        "{written}"
    );

    let existing = "# mine\r\n[sources.x]\npath = \"harbour.md\"";
    std::fs::write(fixture.path("claims.toml"), existing).unwrap();
    let run = fixture.crux(&["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("claims.toml already exists"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(fixture.path("claims.toml")).unwrap(),
        existing
    );
}
