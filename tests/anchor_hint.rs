//! A span's position hint (`line = N`) through the claims file, `crux
//! check` and `crux fix`; quotes that differ from their document only in
//! whitespace or in the Unicode form of an accent.

mod common;

use common::Fixture;
use crux::diag::Code;
use crux::model::Dataset;

const HEAD: &str = "[sources.d]\npath = \"d.txt\"\n\n[topics.t]\nquestion = \"q\"\n\n";

fn claims(span: &str) -> String {
    format!("{HEAD}[claims.c]\ntopic = \"t\"\ntext = \"x\"\nspans = [{span}]\n")
}

fn project(document: &str, span: &str) -> Fixture {
    Fixture::new(&[("d.txt", document), ("claims.toml", &claims(span))])
}

fn load(fixture: &Fixture) -> Dataset {
    crux::load(&fixture.path("claims.toml"))
}

/// The codes of the diagnostics about quotes, and anything that is an error.
fn quote_codes(dataset: &Dataset) -> Vec<&'static str> {
    dataset
        .diagnostics
        .iter()
        .filter(|d| {
            d.is_error() || d.code == Code::QuoteNormalized || d.code == Code::QuoteContextChanged
        })
        .map(|d| d.code.id())
        .collect()
}

fn start_line(dataset: &Dataset) -> Option<usize> {
    dataset.claims[0].spans[0]
        .anchor
        .as_ref()
        .map(|a| a.start.line)
}

const TWICE: &str =
    "Four drones struck the airport.\nOfficials gave no figure.\nFour drones struck the airport.\n";

#[test]
fn a_line_hint_places_a_quote_found_twice_with_a_warning_that_fix_settles() {
    let quote = r#"{ source = "d", quote = "Four drones struck the airport." }"#;
    let dataset = load(&project(TWICE, quote));
    assert_eq!(quote_codes(&dataset), ["E0015"]);

    for line in [3, 1] {
        let hinted = format!(
            r#"{{ source = "d", quote = "Four drones struck the airport.", line = {line} }}"#
        );
        let fixture = project(TWICE, &hinted);
        let dataset = load(&fixture);
        // Placed, and said so: the span's context does not pick the place.
        assert_eq!(quote_codes(&dataset), ["W0011"]);
        let d = dataset
            .diagnostics
            .iter()
            .find(|d| d.code == Code::QuoteContextChanged)
            .unwrap();
        assert!(
            d.message.contains("nearest its `line` hint"),
            "{}",
            d.message
        );
        assert_eq!(start_line(&dataset), Some(line));

        let run = fixture.crux(&["fix"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let dataset = load(&fixture);
        assert_eq!(quote_codes(&dataset), Vec::<&str>::new());
        assert_eq!(start_line(&dataset), Some(line));
        let span = &dataset.claims[0].spans[0];
        assert!(span.prefix.is_some() || span.suffix.is_some(), "{span:?}");
    }
}

#[test]
fn a_line_hint_follows_the_passage_when_a_line_is_added_above_it() {
    let document = format!("A new first line.\n{TWICE}");
    let hinted = r#"{ source = "d", quote = "Four drones struck the airport.", line = 3 }"#;
    let dataset = load(&project(&document, hinted));
    assert_eq!(quote_codes(&dataset), ["W0011"]);
    assert_eq!(start_line(&dataset), Some(4));
}

#[test]
fn a_line_hint_past_the_end_or_between_the_places_picks_nothing() {
    let document = "Four drones struck the airport.\nOne.\nTwo.\nThree.\nFour.\nFive.\nFour drones struck the airport.\n";
    for line in [99, 3] {
        let span = format!(
            r#"{{ source = "d", quote = "Four drones struck the airport.", line = {line} }}"#
        );
        let dataset = load(&project(document, &span));
        assert_eq!(quote_codes(&dataset), ["E0015"], "line {line}");
    }
}

#[test]
fn a_line_that_is_not_a_positive_integer_is_a_located_error() {
    for (value, code) in [("0", "E0016"), ("\"3\"", "E0002"), ("-2", "E0016")] {
        let span =
            format!(r#"{{ source = "d", quote = "Officials gave no figure.", line = {value} }}"#);
        let text = claims(&span);
        let fixture = project(TWICE, &span);
        let dataset = load(&fixture);
        let d = dataset
            .diagnostics
            .iter()
            .find(|d| d.code.id() == code)
            .unwrap_or_else(|| panic!("{value}: no {code} in {:?}", dataset.diagnostics));
        let at = d.span.clone().expect("located");
        assert_eq!(&text[at], value, "{value}");
    }
}

#[test]
fn crux_fix_writes_the_line_of_a_repaired_quote() {
    let document = "A heading\n\nThen four drones struck the airport at dawn.\n";
    let fixture = project(
        document,
        r#"{ source = "d", quote = "four drones struck the airpot at dawn" }"#,
    );
    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    assert_eq!(
        after,
        claims(r#"{ source = "d", quote = "four drones struck the airport at dawn", line = 3 }"#)
    );
    assert_eq!(quote_codes(&load(&fixture)), Vec::<&str>::new());
}

#[test]
fn crux_fix_updates_a_stale_line_and_keeps_the_span_table_form() {
    let document = "One.\nTwo.\nThen four drones struck the airport at dawn.\n";
    let before = format!(
        "{HEAD}[claims.c]\ntopic = \"t\"\ntext = \"x\"\n\n[[claims.c.spans]]\nsource = \"d\"\nquote = \"four drones struck the airpot at dawn\"\nline = 1 # where it was\n"
    );
    let fixture = Fixture::new(&[("d.txt", document), ("claims.toml", &before)]);
    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    assert_eq!(
        after,
        before
            .replace("airpot", "airport")
            .replace("line = 1 #", "line = 3 #")
    );
}

const EDITED_TWICE: &str = "Drones struck the old airport at dawn.\nNobody was hurt.\nDrones struck the old airport at dawn.\n";

#[test]
fn the_line_hint_lets_crux_fix_choose_between_two_equally_alike_passages() {
    let typed = r#"quote = "Drones struck the new airport at dawn.""#;
    let fixture = project(EDITED_TWICE, &format!(r#"{{ source = "d", {typed} }}"#));
    let run = fixture.crux(&["fix"]);
    assert_eq!(
        run.code, 1,
        "two passages as alike: left alone: {}",
        run.stderr
    );
    assert!(run.stderr.contains("fixed 0 quote(s)"), "{}", run.stderr);

    let fixture = project(
        EDITED_TWICE,
        &format!(r#"{{ source = "d", {typed}, line = 3 }}"#),
    );
    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    // The new quote gets the context that picks it, and its line.
    assert_eq!(
        after,
        claims(
            r#"{ source = "d", quote = "Drones struck the old airport at dawn.", line = 3, prefix = "hurt." }"#
        ),
    );
    let dataset = load(&fixture);
    assert_eq!(quote_codes(&dataset), Vec::<&str>::new());
    assert_eq!(start_line(&dataset), Some(3));
}

#[test]
fn a_rewrapped_document_raises_no_warning_but_curly_quotes_still_do() {
    // A page rendered with other line breaks and spacing than the quote.
    let document =
        "The strike hit the\nairport  at\r\ndawn, officials said \u{201c}four drones\u{201d}.\n";
    let fixture = project(
        document,
        r#"{ source = "d", quote = "The strike hit the airport at dawn," }, { source = "d", quote = "said \"four drones\"" }"#,
    );
    let dataset = load(&fixture);
    assert_eq!(quote_codes(&dataset), ["W0001"]);
    assert!(dataset.claims[0].spans[0].anchor.is_some());
    let d = &dataset
        .diagnostics
        .iter()
        .find(|d| d.code == Code::QuoteNormalized)
        .unwrap();
    assert_eq!(d.span, Some(dataset.claims[0].spans[1].quote_value.clone()));
}

#[test]
fn an_accent_in_the_other_unicode_form_is_a_normalization_warning_that_fix_repairs() {
    // The document writes é as e and a combining accent (NFD); the quote
    // as one code point (NFC).
    let document = "The de\u{301}tente held until March.\n";
    let fixture = project(
        document,
        "{ source = \"d\", quote = \"The d\u{e9}tente held\" }",
    );
    let dataset = load(&fixture);
    assert_eq!(quote_codes(&dataset), ["W0001"]);
    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("rewritten to the exact source text"),
        "{}",
        run.stderr
    );
    let after = std::fs::read_to_string(fixture.path("claims.toml")).unwrap();
    assert!(
        after.contains("quote = \"The de\u{301}tente held\", line = 1"),
        "{after}"
    );
    assert_eq!(quote_codes(&load(&fixture)), Vec::<&str>::new());
}
