//! Authoring edits on the bytes of a claims file: each one changes only
//! what it must, in the file's own style, and its inverse gives the file
//! back byte for byte.

use crux::edit::{Edit, EditError, NewClaim};
use crux::model::{RelationKind, Status};

const BASE: &str = r#"# Claims about the harbour closure.
title = "Harbour"

[sources.gazette]
path = "gazette.txt"

[sources.radio]
path = "radio.txt"

[topics.date]
question = "When did the harbour close?"

# --- When did it close? ---
[claims.gazette-march]
topic = "date"
text = "It closed in March."   # the headline
spans = [
  { source = "gazette", quote = "closed in March" },
]
contradicts = [
  { claim = "radio-april", note = "a month apart" },
]
note = 'checked twice' # by Ann

[claims.radio-april]
topic = "date"
text = 'It closed in April.'
spans = [{ source = "radio", quote = "April", prefix = "in" }]
"#;

fn apply(edit: &Edit, text: &str) -> String {
    edit.apply(text)
        .unwrap_or_else(|e| panic!("{edit:?} failed: {e}"))
}

/// Applies `edit` to `before`, checks the result is `expected` and that
/// the inverse gives `before` back.
fn check(edit: Edit, before: &str, expected: &str) {
    let after = apply(&edit, before);
    assert_eq!(after, expected, "after {edit:?}");
    let inverse = edit.inverse(before).expect("an inverse");
    assert_eq!(
        apply(&inverse, &after),
        before,
        "undoing {edit:?} with {inverse:?}"
    );
}

/// Like [`check`], for an edit whose inverse cannot give the same bytes
/// back (a removed line's comment, a string style that had to change):
/// the inverse gives `undone`.
fn check_lossy(edit: Edit, before: &str, expected: &str, undone: &str) {
    let after = apply(&edit, before);
    assert_eq!(after, expected, "after {edit:?}");
    let inverse = edit.inverse(before).expect("an inverse");
    assert_eq!(
        apply(&inverse, &after),
        undone,
        "undoing {edit:?} with {inverse:?}"
    );
}

fn unsupported(edit: Edit, text: &str) -> String {
    match edit.apply(text) {
        Err(EditError::Unsupported(why)) => why,
        other => panic!("expected Unsupported for {edit:?}, got {other:?}"),
    }
}

fn set_text(claim: &str, text: &str) -> Edit {
    Edit::SetText {
        claim: claim.into(),
        text: text.into(),
    }
}

fn set_note(claim: &str, note: Option<&str>) -> Edit {
    Edit::SetNote {
        claim: claim.into(),
        note: note.map(Into::into),
    }
}

#[test]
fn set_text_replaces_the_value_keeping_comment_and_quote_style() {
    check(
        set_text("gazette-march", "It shut in \"March\"."),
        BASE,
        &BASE.replace(
            "text = \"It closed in March.\"   # the headline",
            "text = \"It shut in \\\"March\\\".\"   # the headline",
        ),
    );
    check(
        set_text("radio-april", "Shut in April."),
        BASE,
        &BASE.replace("text = 'It closed in April.'", "text = 'Shut in April.'"),
    );
}

#[test]
fn a_literal_string_that_cannot_hold_the_value_becomes_a_basic_one() {
    check_lossy(
        set_text("radio-april", "It's April."),
        BASE,
        &BASE.replace("text = 'It closed in April.'", "text = \"It's April.\""),
        &BASE.replace(
            "text = 'It closed in April.'",
            "text = \"It closed in April.\"",
        ),
    );
}

#[test]
fn set_note_replaces_inserts_and_removes_the_line() {
    check(
        set_note("gazette-march", Some("once")),
        BASE,
        &BASE.replace("note = 'checked twice' # by Ann", "note = 'once' # by Ann"),
    );
    check_lossy(
        set_note("gazette-march", None),
        BASE,
        &BASE.replace("note = 'checked twice' # by Ann\n", ""),
        &BASE.replace(
            "note = 'checked twice' # by Ann",
            "note = \"checked twice\"",
        ),
    );
    check(
        set_note("radio-april", Some("from the 6 pm bulletin")),
        BASE,
        &format!("{BASE}note = \"from the 6 pm bulletin\"\n"),
    );
}

#[test]
fn note_edits_keep_crlf_bom_and_a_missing_final_newline() {
    let text = "\u{feff}[claims.a]\r\ntopic = \"t\"\r\nnote = \"x\" # why\r\n\r\n[claims.b]\r\ntopic = \"t\"";
    check_lossy(
        set_note("a", None),
        text,
        "\u{feff}[claims.a]\r\ntopic = \"t\"\r\n\r\n[claims.b]\r\ntopic = \"t\"",
        "\u{feff}[claims.a]\r\ntopic = \"t\"\r\nnote = \"x\"\r\n\r\n[claims.b]\r\ntopic = \"t\"",
    );
    check(
        set_note("b", Some("y")),
        text,
        "\u{feff}[claims.a]\r\ntopic = \"t\"\r\nnote = \"x\" # why\r\n\r\n[claims.b]\r\ntopic = \"t\"\r\nnote = \"y\"",
    );
}

#[test]
fn text_and_note_in_inline_and_dotted_claims() {
    let text =
        "[claims]\na = { topic = \"t\", note = \"x\" } # keep\nb.topic = \"t\"\nb.text = \"old\"\n";
    check(
        set_note("a", None),
        text,
        "[claims]\na = { topic = \"t\" } # keep\nb.topic = \"t\"\nb.text = \"old\"\n",
    );
    assert_eq!(
        apply(&set_text("a", "new"), text),
        "[claims]\na = { topic = \"t\", note = \"x\", text = \"new\" } # keep\nb.topic = \"t\"\nb.text = \"old\"\n",
    );
    check(
        set_text("b", "new"),
        text,
        "[claims]\na = { topic = \"t\", note = \"x\" } # keep\nb.topic = \"t\"\nb.text = \"new\"\n",
    );
    check(
        set_note("b", Some("n")),
        text,
        "[claims]\na = { topic = \"t\", note = \"x\" } # keep\nb.topic = \"t\"\nb.text = \"old\"\nb.note = \"n\"\n",
    );
}

#[test]
fn multi_line_strings_keep_their_style() {
    let text = "[claims.a]\ntext = '''\nfirst line\nsecond'''\n";
    check(
        set_text("a", "one\ntwo"),
        text,
        "[claims.a]\ntext = '''\none\ntwo'''\n",
    );
    let text = "[claims.a]\ntext = \"\"\"old\"\"\"\n";
    check(
        set_text("a", "say \"hi\"\nback\\slash"),
        text,
        "[claims.a]\ntext = \"\"\"say \\\"hi\\\"\nback\\\\slash\"\"\"\n",
    );
}

#[test]
fn text_edits_refuse_unknown_claims_and_odd_values() {
    assert!(matches!(
        set_text("nobody", "x").apply(BASE),
        Err(EditError::NoSuchClaim(id)) if id == "nobody"
    ));
    let why = unsupported(set_text("a", "x"), "[claims.a]\ntext = 3\n");
    assert!(why.contains("not a plain string"), "{why}");
}

#[test]
fn status_inverse_goes_back_to_the_old_status_or_unreviewed() {
    let edit = Edit::SetStatus {
        claim: "radio-april".into(),
        status: Status::Confirmed,
    };
    assert_eq!(
        edit.inverse(BASE),
        Some(Edit::SetStatus {
            claim: "radio-april".into(),
            status: Status::Unreviewed
        })
    );
}

fn add_link(claim: &str, other: &str, kind: RelationKind, note: Option<&str>) -> Edit {
    Edit::AddLink {
        claim: claim.into(),
        other: other.into(),
        kind,
        note: note.map(Into::into),
    }
}

fn remove_link(claim: &str, other: &str, kind: RelationKind) -> Edit {
    Edit::RemoveLink {
        claim: claim.into(),
        other: other.into(),
        kind,
    }
}

const LINKS: &str = "[claims.a]\ntopic = \"t\"\nagrees = [\n  \"b\",   # same month\n  { claim = \"c\", note = \"n\" },\n]\n\n[claims.b]\ntopic = \"t\"\ncontradicts = [\"c\"]\n\n[claims.c]\ntopic = \"t\" # last\n\n[claims.d]\ntopic = \"t\"\nagrees = [\n  \"b\"\n]\n\n[claims.e]\ntopic = \"t\"\n";

#[test]
fn add_link_appends_to_a_multi_line_array_in_its_style() {
    check(
        add_link("a", "d", RelationKind::Agrees, Some("also \"March\"")),
        LINKS,
        &LINKS.replace(
            "  { claim = \"c\", note = \"n\" },\n]",
            "  { claim = \"c\", note = \"n\" },\n  { claim = \"d\", note = \"also \\\"March\\\"\" },\n]",
        ),
    );
    // No trailing comma: the last entry gets one, the new one does not.
    check_lossy(
        add_link("d", "c", RelationKind::Agrees, None),
        LINKS,
        &LINKS.replace("agrees = [\n  \"b\"\n]", "agrees = [\n  \"b\",\n  \"c\"\n]"),
        &LINKS.replace("agrees = [\n  \"b\"\n]", "agrees = [\n  \"b\",\n]"),
    );
}

#[test]
fn add_link_appends_to_a_one_line_array() {
    check(
        add_link("b", "e", RelationKind::Contradicts, None),
        LINKS,
        &LINKS.replace("contradicts = [\"c\"]", "contradicts = [\"c\", \"e\"]"),
    );
}

#[test]
fn add_link_creates_the_array_in_the_multi_line_style() {
    check(
        add_link("c", "d", RelationKind::Contradicts, Some("n")),
        LINKS,
        &LINKS.replace(
            "topic = \"t\" # last\n",
            "topic = \"t\" # last\ncontradicts = [\n  { claim = \"d\", note = \"n\" },\n]\n",
        ),
    );
    let inline = "[claims]\na = { topic = \"t\" }\nb = { topic = \"t\", agrees = [] }\n";
    check(
        add_link("a", "b", RelationKind::Agrees, None),
        inline,
        "[claims]\na = { topic = \"t\", agrees = [\"b\"] }\nb = { topic = \"t\", agrees = [] }\n",
    );
    assert_eq!(
        apply(&add_link("b", "a", RelationKind::Agrees, None), inline),
        "[claims]\na = { topic = \"t\" }\nb = { topic = \"t\", agrees = [\"a\"] }\n",
    );
}

#[test]
fn links_of_the_new_kinds_are_written_under_their_own_key() {
    check(
        add_link("c", "e", RelationKind::Updates, Some("later count")),
        LINKS,
        &LINKS.replace(
            "topic = \"t\" # last\n",
            "topic = \"t\" # last\nupdates = [\n  { claim = \"e\", note = \"later count\" },\n]\n",
        ),
    );
    check(
        add_link("e", "d", RelationKind::Contrasts, None),
        LINKS,
        &format!("{LINKS}contrasts = [\n  \"d\",\n]\n"),
    );
    let why = unsupported(add_link("c", "b", RelationKind::Rivals, None), LINKS);
    assert!(
        why.contains("already linked (contradicts, declared on `b`)"),
        "{why}"
    );
}

#[test]
fn undoing_the_removal_of_a_directional_link_declares_it_on_its_side_again() {
    let text = "[claims.a]\ntopic = \"t\"\n\n[claims.b]\ntopic = \"t\"\nrefines = [\n  \"a\",\n]\n";
    let removal = remove_link("a", "b", RelationKind::Refines);
    let after = apply(&removal, text);
    assert_eq!(
        after,
        "[claims.a]\ntopic = \"t\"\n\n[claims.b]\ntopic = \"t\"\n"
    );
    let undo = removal.inverse(text).expect("an inverse");
    assert_eq!(undo, add_link("b", "a", RelationKind::Refines, None));
    assert_eq!(apply(&undo, &after), text);
}

#[test]
fn add_link_keeps_crlf() {
    let text = "[claims.a]\r\ntopic = \"t\"\r\n\r\n[claims.b]\r\ntopic = \"t\"\r\n";
    check(
        add_link("a", "b", RelationKind::Agrees, None),
        text,
        "[claims.a]\r\ntopic = \"t\"\r\nagrees = [\r\n  \"b\",\r\n]\r\n\r\n[claims.b]\r\ntopic = \"t\"\r\n",
    );
}

#[test]
fn add_link_refuses_existing_self_and_unknown_links() {
    let why = unsupported(add_link("b", "a", RelationKind::Contradicts, None), LINKS);
    assert!(
        why.contains("already linked (agrees, declared on `a`)"),
        "{why}"
    );
    let why = unsupported(add_link("c", "b", RelationKind::Agrees, None), LINKS);
    assert!(
        why.contains("already linked (contradicts, declared on `b`)"),
        "{why}"
    );
    let why = unsupported(add_link("a", "a", RelationKind::Agrees, None), LINKS);
    assert!(why.contains("itself"), "{why}");
    let why = unsupported(add_link("a", "zz", RelationKind::Agrees, None), LINKS);
    assert!(why.contains("no claim `zz`"), "{why}");
}

#[test]
fn remove_link_removes_the_whole_line_or_the_item() {
    // The line goes with its comment; the inverse comes back at the end.
    check_lossy(
        remove_link("b", "a", RelationKind::Agrees),
        LINKS,
        &LINKS.replace("  \"b\",   # same month\n", ""),
        &LINKS.replace(
            "  \"b\",   # same month\n  { claim = \"c\", note = \"n\" },\n",
            "  { claim = \"c\", note = \"n\" },\n  \"b\",\n",
        ),
    );
    check(
        remove_link("a", "c", RelationKind::Agrees),
        LINKS,
        &LINKS.replace("  { claim = \"c\", note = \"n\" },\n", ""),
    );
    let text = "[claims.a]\nagrees = [\"b\", \"c\"] # two\n[claims.b]\n[claims.c]\n";
    check_lossy(
        remove_link("a", "b", RelationKind::Agrees),
        text,
        "[claims.a]\nagrees = [\"c\"] # two\n[claims.b]\n[claims.c]\n",
        "[claims.a]\nagrees = [\"c\", \"b\"] # two\n[claims.b]\n[claims.c]\n",
    );
    check(
        remove_link("c", "a", RelationKind::Agrees),
        text,
        "[claims.a]\nagrees = [\"b\"] # two\n[claims.b]\n[claims.c]\n",
    );
}

#[test]
fn remove_link_drops_an_emptied_array_and_both_declarations() {
    // Re-created in the multi-line style.
    check_lossy(
        remove_link("b", "c", RelationKind::Contradicts),
        LINKS,
        &LINKS.replace("contradicts = [\"c\"]\n", ""),
        &LINKS.replace("contradicts = [\"c\"]\n", "contradicts = [\n  \"c\",\n]\n"),
    );
    check_lossy(
        remove_link("b", "d", RelationKind::Agrees),
        LINKS,
        &LINKS.replace("\nagrees = [\n  \"b\"\n]\n", "\n"),
        &LINKS.replace("agrees = [\n  \"b\"\n]", "agrees = [\n  \"b\",\n]"),
    );
    let both = "[claims.a]\ncontradicts = [\"b\"]\n\n[claims.b]\ncontradicts = [\"a\"]\n";
    assert_eq!(
        apply(&remove_link("a", "b", RelationKind::Contradicts), both),
        "[claims.a]\n\n[claims.b]\n"
    );
    let why = unsupported(remove_link("a", "b", RelationKind::Agrees), both);
    assert!(why.contains("no `agrees` link"), "{why}");
}

fn new_claim(id: &str, topic: &str, question: Option<&str>) -> NewClaim {
    NewClaim {
        id: id.into(),
        topic: topic.into(),
        new_topic_question: question.map(Into::into),
        text: "It closed on 3 March.".into(),
        source: "gazette".into(),
        quote: "closed \"on 3 March\"".into(),
        prefix: None,
        suffix: Some("after".into()),
    }
}

const NEW_CLAIM: &str = "[claims.gazette-3-march]\ntopic = \"date\"\ntext = \"It closed on 3 March.\"\nspans = [\n  { source = \"gazette\", quote = \"closed \\\"on 3 March\\\"\", suffix = \"after\" },\n]\n";

#[test]
fn add_claim_goes_after_the_last_claim_of_its_topic() {
    let text = BASE.replace(
        "[claims.radio-april]",
        "[claims.radio-april]\n# (kept with radio-april)",
    ) + "\n# --- Other ---\n[claims.other]\ntopic = \"other\"\n";
    let expected = text.replace(
        "prefix = \"in\" }]\n",
        &format!("prefix = \"in\" }}]\n\n{NEW_CLAIM}"),
    );
    check(
        Edit::AddClaim(new_claim("gazette-3-march", "date", None)),
        &text,
        &expected,
    );
}

#[test]
fn add_claim_with_a_new_topic_adds_the_topic_and_a_group_at_the_end() {
    let expected = BASE
        .replace(
            "question = \"When did the harbour close?\"\n",
            "question = \"When did the harbour close?\"\n\n[topics.reopen]\nquestion = \"When will it\\nreopen?\"\n",
        )
        + "\n# When will it reopen?\n"
        + &NEW_CLAIM.replace("\"date\"", "\"reopen\"").replace("gazette-3-march", "\"odd id\"");
    check(
        Edit::AddClaim(new_claim("odd id", "reopen", Some("When will it\nreopen?"))),
        BASE,
        &expected,
    );
}

/// A file as `crux init` writes it: sections announced by comments, no
/// topic or claim yet.
const STARTED: &str = "# claims.toml: the claims, then topics and more.\n\n# ── Sources ──\n\n[sources.gazette]\npath = \"g.txt\"\n\n# ── Topics ──\n# An example:\n# [topics.example]\n\n# ── Claims ──\n#\n# [claims.example]\n";

#[test]
fn the_first_topic_goes_under_the_comment_that_announces_topics() {
    let expected = STARTED.replace(
        "# [topics.example]\n",
        "# [topics.example]\n\n[topics.date]\nquestion = \"When?\"\n",
    ) + "\n# When?\n"
        + NEW_CLAIM;
    check(
        Edit::AddClaim(new_claim("gazette-3-march", "date", Some("When?"))),
        STARTED,
        &expected,
    );
}

#[test]
fn without_a_topics_comment_the_first_topic_goes_at_the_end() {
    let text = "[sources.gazette]\npath = \"g.txt\"\n";
    let expected = format!("{text}\n[topics.date]\nquestion = \"When?\"\n\n# When?\n{NEW_CLAIM}");
    check(
        Edit::AddClaim(new_claim("gazette-3-march", "date", Some("When?"))),
        text,
        &expected,
    );
}

#[test]
fn a_question_with_a_control_character_is_shown_visibly_in_its_comment() {
    let text = "[sources.gazette]\npath = \"g.txt\"\n";
    let after = apply(
        &Edit::AddClaim(new_claim("gazette-3-march", "date", Some("When?\u{1}"))),
        text,
    );
    assert!(after.contains("\n# When?\u{2401}\n"), "{after}");
    assert!(after.contains("question = \"When?\\u0001\""), "{after}");
}

#[test]
fn add_claim_keeps_crlf_and_a_missing_final_newline() {
    let text = "[sources.gazette]\r\npath = \"g.txt\"\r\n\r\n[topics.date]\r\nquestion = \"Q\"\r\n\r\n[claims.a]\r\ntopic = \"date\"";
    let expected = format!(
        "{text}\r\n\r\n{}",
        NEW_CLAIM.trim_end().replace('\n', "\r\n")
    );
    check(
        Edit::AddClaim(new_claim("gazette-3-march", "date", None)),
        text,
        &expected,
    );
}

#[test]
fn add_claim_refuses_duplicates_and_unknown_names() {
    let why = unsupported(Edit::AddClaim(new_claim("radio-april", "date", None)), BASE);
    assert!(why.contains("already a claim `radio-april`"), "{why}");
    let why = unsupported(Edit::AddClaim(new_claim("x", "date", Some("Q?"))), BASE);
    assert!(why.contains("already a topic `date`"), "{why}");
    let why = unsupported(Edit::AddClaim(new_claim("x", "nope", None)), BASE);
    assert!(why.contains("no topic `nope`"), "{why}");
}

#[test]
fn remove_claim_takes_its_lines_and_one_blank_line() {
    let text = "[claims.a]\ntopic = \"t\"\n\n# about b\n[claims.b]\ntopic = \"t\"\n\n[[claims.b.spans]]\nsource = \"s\"\n\n# about c\n[claims.c]\ntopic = \"t\"\n";
    assert_eq!(
        apply(
            &Edit::RemoveClaim {
                claim: "b".into(),
                topic: None
            },
            text
        ),
        "[claims.a]\ntopic = \"t\"\n\n# about b\n# about c\n[claims.c]\ntopic = \"t\"\n"
    );
    assert_eq!(
        apply(
            &Edit::RemoveClaim {
                claim: "c".into(),
                topic: Some("t".into())
            },
            text
        ),
        "[claims.a]\ntopic = \"t\"\n\n# about b\n[claims.b]\ntopic = \"t\"\n\n[[claims.b.spans]]\nsource = \"s\"\n\n# about c\n"
    );
    let inline = "[claims]\na = { topic = \"t\" }\nb = { topic = \"t\" } # b\n";
    assert_eq!(
        apply(
            &Edit::RemoveClaim {
                claim: "b".into(),
                topic: None
            },
            inline
        ),
        "[claims]\na = { topic = \"t\" }\n"
    );
}

#[test]
fn remove_claim_refuses_a_claim_others_link_to() {
    let why = unsupported(
        Edit::RemoveClaim {
            claim: "radio-april".into(),
            topic: None,
        },
        BASE,
    );
    assert!(
        why.contains("`gazette-march` link(s) to `radio-april`"),
        "{why}"
    );
}

fn set_quote(
    claim: &str,
    span: usize,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Edit {
    Edit::SetQuote {
        claim: claim.into(),
        span,
        quote: quote.into(),
        prefix: prefix.map(Into::into),
        suffix: suffix.map(Into::into),
        line: None,
    }
}

#[test]
fn set_quote_in_inline_spans() {
    check(
        set_quote("gazette-march", 0, "closed in “March”", None, Some("1999")),
        BASE,
        &BASE.replace(
            "{ source = \"gazette\", quote = \"closed in March\" }",
            "{ source = \"gazette\", quote = \"closed in “March”\", suffix = \"1999\" }",
        ),
    );
    check(
        set_quote("radio-april", 0, "April", Some("in early"), None),
        BASE,
        &BASE.replace("prefix = \"in\" }]", "prefix = \"in early\" }]"),
    );
    check_lossy(
        set_quote("radio-april", 0, "in April", None, None),
        BASE,
        &BASE.replace(
            "quote = \"April\", prefix = \"in\" }]",
            "quote = \"in April\" }]",
        ),
        BASE,
    );
}

#[test]
fn set_quote_in_array_of_tables_spans() {
    let text = "[claims.a]\ntopic = \"t\"\n\n[[claims.a.spans]]\nsource = \"s\"\nquote = 'one'\n\n[[claims.a.spans]]\nsource = \"s\"\nquote = 'two' # second\nprefix = \"x\"\n";
    check(
        set_quote("a", 1, "three", None, Some("after")),
        text,
        "[claims.a]\ntopic = \"t\"\n\n[[claims.a.spans]]\nsource = \"s\"\nquote = 'one'\n\n[[claims.a.spans]]\nsource = \"s\"\nquote = 'three' # second\nsuffix = \"after\"\n",
    );
    let why = unsupported(set_quote("a", 2, "x", None, None), text);
    assert!(why.contains("has no span 3"), "{why}");
}

mod sequences {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use std::path::Path;

    const IDS: [&str; 3] = ["gazette-march", "radio-april", "x"];

    fn fixture() -> String {
        format!(
            "{BASE}\n# odd layout\n[claims.x]\n  topic = \"date\"\n  text = \"x\"\n  spans = [{{ source = \"radio\", quote = \"April\" }}]\n"
        )
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let id = (0..3usize).prop_map(|i| IDS[i].to_string());
        // The loader trims outer whitespace, so values start and end with a letter.
        let words = "[a-zA-Z]([a-zA-Z '\"\\\\é]{0,10}[a-z])?";
        let kind = (0..RelationKind::ALL.len()).prop_map(|i| RelationKind::ALL[i]);
        prop_oneof![
            (id.clone(), words).prop_map(|(claim, text)| Edit::SetText { claim, text }),
            (id.clone(), proptest::option::of(words))
                .prop_map(|(claim, note)| Edit::SetNote { claim, note }),
            (
                id.clone(),
                id.clone(),
                kind.clone(),
                proptest::option::of(words)
            )
                .prop_map(|(claim, other, kind, note)| Edit::AddLink {
                    claim,
                    other,
                    kind,
                    note
                }),
            (id.clone(), id, kind).prop_map(|(claim, other, kind)| Edit::RemoveLink {
                claim,
                other,
                kind
            }),
        ]
    }

    type Links = BTreeMap<(String, String), RelationKind>;

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.min(b).to_string(), a.max(b).to_string())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn the_loader_reads_back_every_edit(edits in proptest::collection::vec(edit(), 1..12)) {
            let mut text = fixture();
            let mut texts: BTreeMap<String, String> = BTreeMap::new();
            let mut notes: BTreeMap<String, Option<String>> = BTreeMap::new();
            let mut links: Links = BTreeMap::new();
            links.insert(pair("gazette-march", "radio-april"), RelationKind::Contradicts);
            for edit in edits {
                let Ok(next) = edit.apply(&text) else { continue };
                match &edit {
                    Edit::SetText { claim, text } => { texts.insert(claim.clone(), text.clone()); }
                    Edit::SetNote { claim, note } => { notes.insert(claim.clone(), note.clone()); }
                    Edit::AddLink { claim, other, kind, .. } => {
                        prop_assert!(links.insert(pair(claim, other), *kind).is_none());
                    }
                    Edit::RemoveLink { claim, other, kind } => {
                        prop_assert_eq!(links.remove(&pair(claim, other)), Some(*kind));
                    }
                    _ => unreachable!(),
                }
                text = next;
                let dataset = crux::load_str(Path::new("claims.toml"), text.clone());
                prop_assert!(dataset.diagnostics.iter().all(|d| d.code.id() != "E0001"));
                for (id, value) in &texts {
                    prop_assert_eq!(&dataset.claim(id).unwrap().text, value);
                }
                for (id, value) in &notes {
                    prop_assert_eq!(&dataset.claim(id).unwrap().note, value);
                }
                let read: Links = dataset
                    .relations
                    .iter()
                    .map(|r| (pair(&dataset.claims[r.from].id, &dataset.claims[r.to].id), r.kind))
                    .collect();
                prop_assert_eq!(&read, &links);
            }
        }
    }
}

fn add_span(claim: &str, source: &str, quote: &str, suffix: Option<&str>) -> Edit {
    Edit::AddSpan {
        claim: claim.into(),
        source: source.into(),
        quote: quote.into(),
        prefix: None,
        suffix: suffix.map(str::to_string),
    }
}

#[test]
fn add_span_appends_in_the_array_s_own_style() {
    let after = apply(
        &add_span("gazette-march", "radio", "in \"April\"", None),
        BASE,
    );
    assert_eq!(
        after,
        BASE.replace(
            "  { source = \"gazette\", quote = \"closed in March\" },\n]",
            "  { source = \"gazette\", quote = \"closed in March\" },\n  \
             { source = \"radio\", quote = \"in \\\"April\\\"\" },\n]"
        )
    );
    let after = apply(
        &add_span("radio-april", "gazette", "March", Some(".")),
        BASE,
    );
    assert_eq!(
        after,
        BASE.replace(
            "prefix = \"in\" }]",
            "prefix = \"in\" }, { source = \"gazette\", quote = \"March\", suffix = \".\" }]"
        )
    );
    let crlf = BASE.replace('\n', "\r\n");
    let after = apply(&add_span("gazette-march", "radio", "April", None), &crlf);
    assert!(after.contains("},\r\n  { source = \"radio\", quote = \"April\" },\r\n]"));
    assert!(!after.replace("\r\n", "").contains('\n'));
}

#[test]
fn add_span_refuses_what_it_cannot_write_safely() {
    assert!(matches!(
        add_span("nobody", "radio", "April", None).apply(BASE),
        Err(EditError::NoSuchClaim(_))
    ));
    let tables = "[claims.c]\ntopic = \"t\"\ntext = \"x\"\n[[claims.c.spans]]\nsource = \"s\"\nquote = \"q\"\n";
    let refused = unsupported(add_span("c", "s", "r", None), tables);
    assert!(
        refused.contains("has no `spans = [...]` array"),
        "{refused}"
    );
    // Nothing to undo it with: the review UI never adds a span.
    assert_eq!(
        add_span("gazette-march", "radio", "April", None).inverse(BASE),
        None
    );
}
