//! `crux check` on relation kinds, parties, modes and times: every bad
//! value located with a did-you-mean, and the checks that read who asserts
//! a claim, how and about when.

mod common;

use common::{Fixture, Run};
use serde_json::Value;

const DOC_A: &str = "On March 5, several Iranian-made drones struck Nakhchivan.\n\
Azerbaijani authorities stated that the drones were launched from Iranian territory.\n\
Iranian representatives denied that the attacks were launched from Iranian territory.\n\
It seems more likely that Tehran sent a message.\n";
const DOC_B: &str = "Four Iranian drones took part in the attack, the ministry said.\n\
In June 2025 Azerbaijan was largely neutral.\n\
In 2026 Azerbaijan stood with the side fighting Iran.\n";

const CLAIMS: &str = r#"[sources.a]
path = "docs/a.txt"

[sources.b]
path = "docs/b.txt"

[topics.count]
question = "How many drones?"

[topics.origin]
question = "Where were the drones launched from?"

[parties.baku]
name = "Azerbaijani authorities"

[parties.tehran]
name = "Iranian representatives"
description = "Officials who spoke to Baku by phone."

[periods.strikes]
name = "the March 2026 strikes"
when = "2026-03-05..2026-03-08"

[claims.a-several]
topic = "count"
text = "Several drones struck on 5 March."
when = "2026-03-05"
spans = [{ source = "a", quote = "several Iranian-made drones struck Nakhchivan" }]

[claims.b-four]
topic = "count"
text = "The ministry said four drones took part."
asserted_by = "baku"
when = "strikes"
spans = [{ source = "b", quote = "Four Iranian drones took part" }]
refines = [{ claim = "a-several", note = "several vs four" }]

[claims.a-baku]
topic = "origin"
text = "Baku said the drones were launched from Iranian territory."
asserted_by = "baku"
spans = [{ source = "a", quote = "stated that the drones were launched from Iranian territory" }]

[claims.a-tehran]
topic = "origin"
text = "Tehran denied that they were."
asserted_by = "tehran"
spans = [{ source = "a", quote = "denied that the attacks were launched" }]
contradicts = [{ claim = "a-baku", note = "Baku against Tehran, both reported by a" }]

[claims.a-message]
topic = "origin"
text = "More likely, Tehran sent a message."
hedge = "it seems"
spans = [{ source = "a", quote = "It seems more likely that Tehran sent a message" }]
contrasts = ["a-tehran"]
"#;

/// The valid example with `from` replaced by `to` (which must occur once).
fn claims_with(from: &str, to: &str) -> String {
    assert_eq!(CLAIMS.matches(from).count(), 1, "ambiguous edit: {from}");
    CLAIMS.replacen(from, to, 1)
}

fn check(claims: &str) -> Run {
    Fixture::new(&[
        ("claims.toml", claims),
        ("docs/a.txt", DOC_A),
        ("docs/b.txt", DOC_B),
    ])
    .crux(&["check", "--format", "json"])
}

/// 1-based line and column (in chars) of `needle` in `text`, found after
/// the first occurrence of `after`.
fn place(text: &str, after: &str, needle: &str) -> (u64, u64) {
    let start = text.find(after).expect("context in the fixture");
    let at = start + text[start..].find(needle).expect("needle in the fixture");
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let col = text[line_start..at].chars().count() + 1;
    (line as u64, col as u64)
}

/// The one diagnostic with `code`, asserting where it starts.
fn only(run: &Run, code: &str, (line, col): (u64, u64)) -> Value {
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
fn kinds_parties_modes_and_times_check_clean() {
    let f = Fixture::new(&[
        ("claims.toml", CLAIMS),
        ("docs/a.txt", DOC_A),
        ("docs/b.txt", DOC_B),
    ]);
    let run = f.crux(&["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("claims.toml: ok (5 claims, 2 topics, 2 sources, 3 relations)"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_party_is_located_with_a_did_you_mean() {
    let claims = claims_with("asserted_by = \"tehran\"", "asserted_by = \"teheran\"");
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(
        &run,
        "E0020",
        place(&claims, "[claims.a-tehran]", "\"teheran\""),
    );
    assert_eq!(d["message"], "unknown party `teheran` in claim `a-tehran`");
    assert_eq!(d["help"], "did you mean `tehran`?");
}

#[test]
fn an_unknown_relation_kind_is_an_unknown_key_with_a_did_you_mean() {
    let claims = claims_with("refines = [", "refine = [");
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(&run, "E0003", place(&claims, "[claims.b-four]", "refine ="));
    assert_eq!(d["message"], "unknown key `refine` in claim `b-four`");
    assert_eq!(d["help"], "did you mean `refines`?");
}

#[test]
fn a_malformed_month_is_pointed_at_inside_the_time() {
    let claims = claims_with("when = \"2026-03-05\"", "when = \"2026-13-05\"");
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(&run, "E0016", place(&claims, "[claims.a-several]", "13-05"));
    assert_eq!(
        d["message"],
        "`2026-13-05` in claim `a-several` is not a time: 13 is not a month (01 to 12)"
    );
    assert_eq!(
        d["end"]["col"].as_u64(),
        d["start"]["col"].as_u64().map(|c| c + 2)
    );
}

#[test]
fn a_range_that_ends_before_it_starts_is_refused() {
    let claims = claims_with("\"2026-03-05..2026-03-08\"", "\"2026-03-08..2026-03-05\"");
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(
        &run,
        "E0016",
        place(&claims, "[periods.strikes]", "2026-03-08.."),
    );
    assert_eq!(
        d["message"],
        "`2026-03-08..2026-03-05` in period `strikes` is not a time: the range ends (2026-03-05) before it starts (2026-03-08)"
    );
}

#[test]
fn an_unknown_period_is_located_with_a_did_you_mean() {
    let claims = claims_with("when = \"strikes\"", "when = \"strike\"");
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(
        &run,
        "E0021",
        place(&claims, "[claims.b-four]", "\"strike\""),
    );
    assert_eq!(d["message"], "unknown period `strike` in claim `b-four`");
    assert_eq!(d["help"], "did you mean `strikes`?");
}

#[test]
fn a_period_defined_by_a_period_is_refused() {
    let claims = claims_with("when = \"2026-03-05..2026-03-08\"", "when = \"strikes\"");
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(
        &run,
        "E0016",
        place(&claims, "[periods.strikes]", "\"strikes\""),
    );
    assert_eq!(d["message"], "the `when` of period `strikes` must be dates");
}

#[test]
fn an_unknown_mode_gets_a_did_you_mean() {
    let claims = claims_with("asserted_by = \"baku\"\nspans", "mode = \"forcast\"\nspans");
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(
        &run,
        "E0016",
        place(&claims, "[claims.a-baku]", "\"forcast\""),
    );
    assert_eq!(d["message"], "`forcast` is not a mode");
    assert_eq!(d["help"], "did you mean `forecast`?");
}

#[test]
fn a_hedged_mode_without_its_hedge_word_is_an_error() {
    let claims = claims_with("hedge = \"it seems\"", "mode = \"hedged\"");
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(
        &run,
        "E0004",
        place(&claims, "[claims.a-message]", "\"hedged\""),
    );
    assert_eq!(
        d["message"],
        "claim `a-message` is hedged but keeps no hedge word"
    );
}

#[test]
fn an_asserted_mode_with_a_hedge_is_an_error() {
    let claims = claims_with(
        "hedge = \"it seems\"",
        "hedge = \"it seems\"\nmode = \"asserted\"",
    );
    let run = check(&claims);
    assert_eq!(run.code, 1);
    let d = only(
        &run,
        "E0016",
        place(&claims, "[claims.a-message]", "\"asserted\""),
    );
    assert_eq!(
        d["message"],
        "claim `a-message` is `asserted` but keeps the hedge `it seems`"
    );
}

#[test]
fn an_update_declared_both_ways_is_an_error() {
    let claims = claims_with(
        "refines = [{ claim = \"a-several\", note = \"several vs four\" }]",
        "updates = [\"a-message\"]",
    )
    .replacen(
        "contrasts = [\"a-tehran\"]\n",
        "contrasts = [\"a-tehran\"]\nupdates = [\"b-four\"]\n",
        1,
    );
    let run = check(&claims);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = only(
        &run,
        "E0009",
        place(&claims, "updates = [\"b-four\"]", "\"b-four\""),
    );
    assert_eq!(
        d["message"],
        "`a-message` and `b-four` each declare that they update the other"
    );
}

#[test]
fn a_contradiction_between_different_times_suggests_an_update() {
    let claims = claims_with(
        "refines = [{ claim = \"a-several\", note = \"several vs four\" }]",
        "when = \"2026-07\"\ncontradicts = [{ claim = \"a-several\", note = \"count\" }]",
    )
    .replacen("when = \"strikes\"\n", "", 1);
    let run = check(&claims);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d = only(
        &run,
        "W0007",
        place(&claims, "contradicts = [{ claim = \"a-several\"", "{ claim"),
    );
    assert_eq!(
        d["message"],
        "`b-four` and `a-several` contradict each other but are about different times"
    );
    assert_eq!(d["notes"][0], "`b-four` is about 2026-07");
    assert_eq!(d["notes"][1], "`a-several` is about 2026-03-05");
    assert!(d["help"].as_str().unwrap().contains("declare `updates`"));
}

#[test]
fn a_document_contradicting_itself_in_its_own_voice_is_pointed_out() {
    let claims = claims_with("asserted_by = \"baku\"\nspans", "spans").replacen(
        "asserted_by = \"tehran\"\n",
        "",
        1,
    );
    let run = check(&claims);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d = only(
        &run,
        "W0008",
        place(&claims, "contradicts = [{ claim = \"a-baku\"", "{ claim"),
    );
    assert_eq!(
        d["message"],
        "source `a` contradicts itself: `a-tehran` and `a-baku` are both in its own voice"
    );
}

#[test]
fn a_document_reporting_two_parties_does_not_contradict_itself() {
    let run = check(CLAIMS);
    assert!(
        !run.codes().contains(&"W0008".to_string()),
        "{:?}",
        run.codes()
    );
}

#[test]
fn a_hedge_dropped_from_the_claim_is_a_warning_at_the_hedge_word() {
    let claims =
        claims_with("hedge = \"it seems\"\n", "").replacen("More likely, Tehran", "Tehran", 1);
    let run = check(&claims);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d = only(
        &run,
        "W0009",
        place(&claims, "[claims.a-message]", "It seems more"),
    );
    assert_eq!(
        d["message"],
        "claim `a-message` states flatly what its quote hedges with `it seems`"
    );
    assert_eq!(
        d["end"]["col"].as_u64(),
        d["start"]["col"].as_u64().map(|c| c + 8)
    );
}

#[test]
fn a_hypothesis_or_a_hedge_word_kept_in_the_text_is_not_flat() {
    let kept_in_text = claims_with("hedge = \"it seems\"\n", "");
    assert!(!check(&kept_in_text).codes().contains(&"W0009".to_string()));
    let hypothesis = claims_with("hedge = \"it seems\"\n", "mode = \"hypothesis\"\n").replacen(
        "More likely, Tehran",
        "Tehran",
        1,
    );
    assert!(!check(&hypothesis).codes().contains(&"W0009".to_string()));
}

#[test]
fn a_topic_with_claims_about_two_periods_gets_a_hint() {
    let claims = format!(
        "{}\n[periods.war-2025]\nname = \"the June 2025 war\"\nwhen = \"2025-06\"\n",
        claims_with("when = \"2026-03-05\"", "when = \"war-2025\"")
    );
    let run = check(&claims);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d = only(&run, "W0010", place(&claims, "[topics.count]", "count"));
    assert_eq!(
        d["message"],
        "topic `count` has claims about the June 2025 war and about the March 2026 strikes"
    );
    assert!(d["help"].as_str().unwrap().starts_with("hint: "));
}

#[test]
fn show_lists_links_of_every_kind_with_their_direction() {
    let f = Fixture::new(&[
        ("claims.toml", CLAIMS),
        ("docs/a.txt", DOC_A),
        ("docs/b.txt", DOC_B),
    ]);
    let precise = f.crux(&["show", "b-four"]);
    assert_eq!(precise.code, 0, "{}", precise.stderr);
    assert!(
        precise
            .stdout
            .ends_with("refines\n  a-several — several vs four\n"),
        "{}",
        precise.stdout
    );
    let vague = f.crux(&["show", "a-several"]);
    assert!(
        vague
            .stdout
            .ends_with("refined by\n  b-four — several vs four\n"),
        "{}",
        vague.stdout
    );
    let json: Value =
        serde_json::from_str(&f.crux(&["show", "a-several", "--json"]).stdout).unwrap();
    assert_eq!(
        json["refines"],
        serde_json::json!([{ "claim": "b-four", "from": "b-four", "note": "several vs four" }])
    );
    assert_eq!(json["contradicts"], serde_json::json!([]));
}
