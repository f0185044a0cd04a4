//! `crux check` on bad input: every diagnostic with its code, location,
//! message and exit code.

mod common;

use common::{Fixture, Run};
use serde_json::Value;

const DOC_A: &str = "On March 5, several Iranian-made drones struck Nakhchivan.\nThe airport in Nakhchivan was hit.\n";
const DOC_B: &str = "Four Iranian drones took part in the attack, the ministry said.\n";

const CLAIMS: &str = r#"title = "Test"

[sources.a]
path = "docs/a.txt"

[sources.b]
path = "docs/b.txt"

[topics.count]
question = "How many drones?"

[claims.a-several]
topic = "count"
text = "Several drones struck."
spans = [{ source = "a", quote = "several Iranian-made drones struck Nakhchivan" }]
contradicts = [{ claim = "b-four", note = "several vs four" }]

[claims.b-four]
topic = "count"
text = "Four drones."
spans = [{ source = "b", quote = "Four Iranian drones took part" }]
"#;

/// The valid example with `from` replaced by `to` (which must occur once).
fn claims_with(from: &str, to: &str) -> String {
    assert_eq!(
        CLAIMS.matches(from).count(),
        1,
        "fixture edit must be unambiguous: {from}"
    );
    CLAIMS.replacen(from, to, 1)
}

fn fixture(claims: &str) -> Fixture {
    Fixture::new(&[
        ("claims.toml", claims),
        ("docs/a.txt", DOC_A),
        ("docs/b.txt", DOC_B),
    ])
}

fn check_json(claims: &str) -> Run {
    fixture(claims).crux(&["check", "--format", "json"])
}

/// The one diagnostic with `code`, asserting its start line and column.
fn only(run: &Run, code: &str, line: u64, col: u64) -> Value {
    let all = run.diagnostics();
    let found: Vec<&Value> = all.iter().filter(|d| d["code"] == code).collect();
    assert_eq!(found.len(), 1, "expected one {code} in {all:#?}");
    let d = found[0].clone();
    assert_eq!(
        (d["start"]["line"].as_u64(), d["start"]["col"].as_u64()),
        (Some(line), Some(col)),
        "{d:#}"
    );
    d
}

#[test]
fn the_valid_example_checks_clean() {
    let run = fixture(CLAIMS).crux(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("claims.toml: ok (2 claims, 1 topics, 2 sources, 1 relations)"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_toml_is_located_by_the_parser() {
    let run = check_json(&claims_with(
        "text = \"Four drones.\"",
        "text = \"Four drones.",
    ));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0001", 20, 21);
    assert_eq!(d["severity"], "error");
}

#[test]
fn a_wrong_type_points_at_the_value() {
    let run = check_json(&claims_with("text = \"Four drones.\"", "text = 4"));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0002", 20, 8);
    assert_eq!(
        d["message"],
        "`text` in claim `b-four` must be a string, found an integer"
    );
    assert_eq!(d["claim"], "b-four");
}

#[test]
fn an_unknown_key_suggests_the_known_one() {
    let run = check_json(&claims_with("contradicts = [", "contradict = ["));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0003", 16, 1);
    assert_eq!(d["help"], "did you mean `contradicts`?");
}

#[test]
fn a_missing_field_points_at_the_table_header() {
    let run = check_json(&claims_with(
        "topic = \"count\"\ntext = \"Four",
        "text = \"Four",
    ));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0004", 18, 9);
    assert_eq!(d["message"], "claim `b-four` has no `topic`");
    assert!(d["help"].as_str().unwrap().contains("add `topic = "), "{d}");
}

#[test]
fn an_unknown_claim_id_suggests_the_nearest() {
    let run = check_json(&claims_with("claim = \"b-four\"", "claim = \"b-fuor\""));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0005", 16, 26);
    assert_eq!(d["help"], "did you mean `b-four`?");
}

#[test]
fn an_unknown_topic_suggests_the_nearest() {
    let run = check_json(&claims_with(
        "topic = \"count\"\ntext = \"Four",
        "topic = \"cuont\"\ntext = \"Four",
    ));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0006", 19, 9);
    assert_eq!(d["help"], "did you mean `count`?");
}

#[test]
fn an_unknown_source_is_reported_at_the_span() {
    let run = check_json(&claims_with("{ source = \"b\"", "{ source = \"bb\""));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0007", 21, 21);
    assert_eq!(d["help"], "did you mean `b`?");
}

#[test]
fn a_self_link_is_an_error() {
    let run = check_json(&claims_with("claim = \"b-four\"", "claim = \"a-several\""));
    assert_eq!(run.code, 1);
    only(&run, "E0008", 16, 26);
}

#[test]
fn a_pair_declared_to_agree_and_contradict_is_an_error() {
    let claims = format!("{CLAIMS}agrees = [\"a-several\"]\n");
    let run = check_json(&claims);
    assert_eq!(run.code, 1);
    let d = only(&run, "E0009", 22, 11);
    assert_eq!(d["notes"][0], "declared to contradict at line 16:16");
}

#[test]
fn an_absolute_source_path_is_refused() {
    let run = check_json(&claims_with(
        "path = \"docs/b.txt\"",
        "path = \"/etc/hostname\"",
    ));
    assert_eq!(run.code, 1);
    only(&run, "E0010", 7, 8);
}

#[test]
fn a_path_climbing_out_with_dot_dot_is_refused_unread() {
    let run = check_json(&claims_with(
        "path = \"docs/b.txt\"",
        "path = \"docs/../../b.txt\"",
    ));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0011", 7, 8);
    assert!(
        d["label"]
            .as_str()
            .unwrap()
            .contains("the file was not read"),
        "{d}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_pointing_outside_is_refused_unread() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), DOC_B).unwrap();
    let f = fixture(&claims_with(
        "path = \"docs/b.txt\"",
        "path = \"docs/link.txt\"",
    ));
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), f.path("docs/link.txt")).unwrap();
    let run = f.crux(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let d = only(&run, "E0011", 7, 8);
    assert!(d["label"].as_str().unwrap().contains("symlink"), "{d}");
    assert!(
        run.diagnostics().iter().all(|d| d["code"] != "E0014"),
        "the escaping file must not be searched"
    );
}

#[test]
fn a_missing_source_file_is_reported_at_its_path() {
    let run = check_json(&claims_with(
        "path = \"docs/b.txt\"",
        "path = \"docs/nope.txt\"",
    ));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0012", 7, 8);
    assert_eq!(d["message"], "source `docs/nope.txt` does not exist");
}

#[test]
fn a_directory_as_source_is_unreadable() {
    let run = check_json(&claims_with("path = \"docs/b.txt\"", "path = \"docs\""));
    assert_eq!(run.code, 1);
    only(&run, "E0012", 7, 8);
}

#[test]
fn binary_and_non_utf8_sources_are_refused() {
    let f = fixture(&claims_with(
        "path = \"docs/b.txt\"",
        "path = \"docs/c.bin\"",
    ));
    common::write(&f.path("docs/c.bin"), b"\x89PNG\r\n\x1a\n\0\0\0");
    let run = f.crux(&["check", "--format", "json"]);
    let d = only(&run, "E0013", 7, 8);
    assert_eq!(d["message"], "source `docs/c.bin` is a binary file");

    common::write(&f.path("docs/c.bin"), b"caf\xe9 latin-1\n");
    let run = f.crux(&["check", "--format", "json"]);
    let d = only(&run, "E0013", 7, 8);
    assert_eq!(
        d["label"],
        "invalid UTF-8 at byte 3 (line 1 of the document)"
    );
}

#[test]
fn a_quote_not_found_names_the_nearest_passage() {
    let run = check_json(&claims_with(
        "quote = \"Four Iranian drones took part\"",
        "quote = \"Four Iranian drones took a part\"",
    ));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0014", 21, 34);
    assert_eq!(d["message"], "quote not found in `docs/b.txt`");
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .starts_with("did you mean docs/b.txt:1:1 (96% alike):"),
        "{d}"
    );
    let suggestion = &d["suggestion"];
    assert_eq!(suggestion["kind"], "edited", "{d}");
    assert_eq!(suggestion["repairable"], true, "{d}");
    let passage = &suggestion["passages"][0];
    assert_eq!(passage["text"], "Four Iranian drones took part", "{d}");
    assert_eq!(passage["file"], "docs/b.txt");
    assert_eq!(passage["start"]["line"], 1);
    assert_eq!(passage["byte_range"][0], 0);
    // "fouriraniandronestookapart": 26 chars once squeezed, one of them extra.
    assert_eq!(passage["score"], 0.962, "{d}");
}

#[test]
fn an_ambiguous_quote_lists_every_place() {
    let run = check_json(&claims_with(
        "quote = \"several Iranian-made drones struck Nakhchivan\"",
        "quote = \"Nakhchivan\"",
    ));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0015", 15, 34);
    assert_eq!(d["message"], "quote matches 2 places in `docs/a.txt`");
    assert_eq!(d["notes"][0], "occurrence 1 at docs/a.txt:1:48");
    assert_eq!(d["notes"][1], "occurrence 2 at docs/a.txt:2:16");
}

#[test]
fn prefix_or_occurrence_resolve_an_ambiguous_quote() {
    let with_occurrence = claims_with(
        "quote = \"several Iranian-made drones struck Nakhchivan\"",
        "quote = \"Nakhchivan\", occurrence = 2",
    );
    assert_eq!(check_json(&with_occurrence).code, 0);
    let with_prefix = claims_with(
        "quote = \"several Iranian-made drones struck Nakhchivan\"",
        "quote = \"Nakhchivan\", prefix = \"The airport in \"",
    );
    assert_eq!(check_json(&with_prefix).code, 0);
}

#[test]
fn an_occurrence_beyond_the_matches_is_an_error() {
    let run = check_json(&claims_with(
        "quote = \"several Iranian-made drones struck Nakhchivan\"",
        "quote = \"Nakhchivan\", occurrence = 3",
    ));
    assert_eq!(run.code, 1);
    only(&run, "E0018", 15, 34);
}

#[test]
fn a_zero_occurrence_and_an_unknown_status_are_invalid_values() {
    let run = check_json(&claims_with(
        "spans = [{ source = \"b\", quote = \"Four Iranian drones took part\" }]",
        "spans = [{ source = \"b\", quote = \"Four Iranian drones took part\", occurrence = 0 }]\nstatus = \"maybe\"",
    ));
    assert_eq!(run.code, 1);
    let codes = run.codes();
    assert_eq!(codes, ["E0016", "E0016"]);
}

#[test]
fn a_normalized_match_warns_with_the_exact_text_to_paste() {
    // Only whitespace differs: the quote is the document's text, no warning.
    let f = fixture(&claims_with(
        "quote = \"Four Iranian drones took part\"",
        "quote = \"Four  Iranian drones\\ntook part\"",
    ));
    let run = f.crux(&["check", "--format", "json"]);
    assert_eq!(run.codes(), Vec::<String>::new(), "{}", run.stdout);

    let f = fixture(&claims_with(
        "quote = \"Four Iranian drones took part\"",
        "quote = \"Four Iranian **drones** took part\"",
    ));
    let run = f.crux(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "warnings alone pass");
    let d = only(&run, "W0001", 21, 34);
    assert_eq!(
        d["help"],
        "paste the exact source text: \"Four Iranian drones took part\""
    );
    assert_eq!(f.crux(&["check", "--deny-warnings"]).code, 1);
}

#[test]
fn a_chain_of_agreements_that_contradicts_is_printed() {
    let claims = format!(
        "{}\n[claims.c-mid]\ntopic = \"count\"\ntext = \"Bridge.\"\nspans = [{{ source = \"a\", quote = \"The airport\" }}]\nagrees = [\"a-several\", \"b-four\"]\n",
        CLAIMS
    );
    let run = check_json(&claims);
    assert_eq!(run.code, 0);
    let d = only(&run, "W0002", 16, 16);
    assert_eq!(
        d["notes"][0],
        "agreement chain: a-several -> c-mid -> b-four"
    );
}

#[test]
fn unrelated_claims_thin_topics_and_unused_sources_warn() {
    let claims = claims_with(
        "contradicts = [{ claim = \"b-four\", note = \"several vs four\" }]\n",
        "",
    ) + "\n[topics.lonely]\nquestion = \"Alone?\"\n\n[sources.unused]\npath = \"docs/a.txt\"\n";
    let run = check_json(&claims);
    assert_eq!(run.code, 0);
    let found: Vec<(String, u64, u64)> = run
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
                d["start"]["col"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("W0003", 12, 9),
        ("W0003", 17, 9),
        ("W0004", 22, 9),
        ("W0005", 25, 10),
    ];
    assert_eq!(
        found,
        expected.map(|(c, l, col)| (c.to_string(), l, col)),
        "{}",
        run.stdout
    );
}

#[test]
fn every_problem_is_reported_in_one_run_and_valid_claims_still_load() {
    let claims = claims_with(
        "topic = \"count\"\ntext = \"Four",
        "topic = \"nope\"\ntitle = 1\ntext = \"Four",
    )
    .replace(
        "quote = \"several Iranian-made drones struck Nakhchivan\"",
        "quote = \"not there at all\"",
    );
    let f = fixture(&claims);
    let run = f.crux(&["check", "--format", "json"]);
    let codes = run.codes();
    assert_eq!(
        codes,
        ["W0004", "E0014", "E0006", "E0003"],
        "{}",
        run.stdout
    );
    let list = f.crux(&["list"]);
    assert_eq!(list.code, 0);
    assert_eq!(list.stdout.lines().count(), 2, "{}", list.stdout);
}

#[test]
fn human_output_looks_like_rustc() {
    let run = fixture(&claims_with("claim = \"b-four\"", "claim = \"b-fuor\"")).crux(&["check"]);
    assert_eq!(run.code, 1);
    let expected = "error[E0005]: unknown claim `b-fuor` in claim `a-several`
  --> claims.toml:16:26
   |
16 | contradicts = [{ claim = \"b-fuor\", note = \"several vs four\" }]
   |                          ^^^^^^^^ no claim has this id
   |
   = help: did you mean `b-four`?
";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(
        run.stderr.trim_end().ends_with(
            "claims.toml: 1 error(s), 2 warning(s) (2 claims, 1 topics, 2 sources, 0 relations)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn control_characters_from_the_file_never_reach_the_terminal() {
    let run = fixture(&claims_with(
        "topic = \"count\"\ntext = \"Four",
        "topic = \"x\\u001b[2J\\u202e\"\ntext = \"Four",
    ))
    .crux(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{202e}'),
        "{:?}",
        run.stderr
    );
    assert!(run.stderr.contains("x␛[2J\\u{202e}"), "{}", run.stderr);
}

#[test]
fn a_crlf_file_with_a_bom_checks_clean_with_right_lines() {
    let crlf = format!("\u{feff}{}", CLAIMS.replace('\n', "\r\n"));
    let run = check_json(&crlf.replacen("claim = \"b-four\"", "claim = \"b-fuor\"", 1));
    only(&run, "E0005", 16, 26);
    assert_eq!(check_json(&crlf).code, 0);
}

#[test]
fn usage_errors_exit_with_2() {
    let f = fixture(CLAIMS);
    assert_eq!(f.crux(&["check", "--no-such-flag"]).code, 2);
    assert_eq!(f.crux(&["check", "--format", "yaml"]).code, 2);
}

#[test]
fn a_missing_claims_file_is_an_error_not_a_panic() {
    let f = Fixture::new(&[]);
    let run = f.crux(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("cannot read claims.toml"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_shipped_example_checks_clean_with_warnings_denied() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(["check", "--deny-warnings", "claims.toml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.starts_with("claims.toml: ok ("), "{stderr}");
}

#[test]
fn a_source_url_must_be_a_non_empty_string() {
    let run = check_json(&claims_with(
        "path = \"docs/b.txt\"\n",
        "path = \"docs/b.txt\"\nurl = \"  \"\n",
    ));
    assert_eq!(run.code, 1);
    let d = only(&run, "E0017", 8, 7);
    assert_eq!(d["message"], "`url` in source `b` is empty");
    let run = check_json(&claims_with(
        "path = \"docs/b.txt\"\n",
        "path = \"docs/b.txt\"\nurl = 1\n",
    ));
    only(&run, "E0002", 8, 7);
    let run = check_json(&claims_with(
        "path = \"docs/b.txt\"\n",
        "path = \"docs/b.txt\"\nurl = \"https://example.org/b\"\n",
    ));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_quote_too_long_to_search_says_so() {
    let long = "Four Iranian drones took part ".repeat(200);
    let run = check_json(&claims_with(
        "quote = \"Four Iranian drones took part\"",
        &format!("quote = \"{long}\""),
    ));
    let d = only(&run, "E0014", 21, 34);
    assert_eq!(
        d["help"],
        "the quote is over 4096 characters, too long for crux to look for a similar passage; copy it from the document"
    );
}
