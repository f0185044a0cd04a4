//! The position hint (a span's `line`), whitespace-only differences, and
//! accents in either Unicode form.

use std::ops::Range;

use super::*;

fn resolve(text: &str, query: QuoteQuery<'_>) -> Resolution {
    resolve_all(text, &[query]).remove(0)
}

/// The bytes of 1-based line `n` of `text`, without its line break.
fn line(text: &str, n: usize) -> HintedLine {
    let mut start = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == n {
            return (start..start + line.trim_end_matches('\n').len()).into();
        }
        start += line.len();
    }
    panic!("no line {n}");
}

fn hinted<'q>(quote: &'q str, text: &str, n: usize) -> QuoteQuery<'q> {
    QuoteQuery {
        quote,
        hint: Some(line(text, n)),
        ..QuoteQuery::default()
    }
}

/// The place the hint picked: reported as a changed context, since the
/// span's own context (if any) no longer picks it alone.
fn picked(resolution: Resolution) -> Range<usize> {
    match resolution {
        Resolution::ContextChanged { place, normalized } if place.by_hint => {
            assert!(!normalized);
            place.range
        }
        other => panic!("expected a place picked by the hint, got {other:?}"),
    }
}

fn nth(text: &str, quote: &str, n: usize) -> Range<usize> {
    let start = text.match_indices(quote).nth(n).expect("an occurrence").0;
    start..start + quote.len()
}

const TWICE: &str = "Four drones struck the airport.\n\
    Officials gave no figure.\n\
    Four drones struck the airport.\n";

#[test]
fn the_hint_picks_the_nearer_of_two_identical_passages() {
    let quote = "Four drones struck the airport.";
    assert!(matches!(
        resolve(
            TWICE,
            QuoteQuery {
                quote,
                ..QuoteQuery::default()
            }
        ),
        Resolution::Ambiguous(_)
    ));
    assert_eq!(
        picked(resolve(TWICE, hinted(quote, TWICE, 3))),
        nth(TWICE, quote, 1)
    );
    assert_eq!(
        picked(resolve(TWICE, hinted(quote, TWICE, 1))),
        nth(TWICE, quote, 0)
    );
}

#[test]
fn the_hint_picks_between_places_whose_context_fits_alike() {
    let text = "Baku said: drones struck.\nTehran denied it.\nBaku said: drones struck.\n";
    let query = |hint| QuoteQuery {
        quote: "drones struck",
        prefix: Some("Baku said:"),
        hint,
        ..QuoteQuery::default()
    };
    assert!(matches!(
        resolve(text, query(None)),
        Resolution::Ambiguous(_)
    ));
    assert_eq!(
        picked(resolve(text, query(Some(line(text, 3))))),
        nth(text, "drones struck", 1)
    );
}

#[test]
fn the_hint_picks_between_places_whose_stale_context_is_about_as_alike() {
    let text =
        "Then Baku said: drones struck.\nTehran denied it.\nThen Baku said: drones struck.\n";
    let query = QuoteQuery {
        quote: "drones struck",
        prefix: Some("Moscow said:"),
        hint: Some(line(text, 3)),
        ..QuoteQuery::default()
    };
    assert_eq!(picked(resolve(text, query)), nth(text, "drones struck", 1));
}

#[test]
fn a_hint_halfway_between_two_places_picks_neither() {
    let text = "Drones struck.\nOne.\nTwo.\nThree.\nFour.\nDrones struck.\n";
    // Line 2 starts 15 bytes after the first place does, and ends 19
    // before the second: neither is half as far as the other.
    assert!(matches!(
        resolve(text, hinted("Drones struck.", text, 2)),
        Resolution::Ambiguous(_)
    ));
    // On the first place's line, it is clearly the nearer.
    assert_eq!(
        picked(resolve(text, hinted("Drones struck.", text, 1))),
        nth(text, "Drones struck.", 0)
    );
}

#[test]
fn two_places_on_the_hinted_line_stay_ambiguous() {
    let text = "drones struck, and drones struck again.\nNothing else.\n";
    assert!(matches!(
        resolve(text, hinted("drones struck", text, 1)),
        Resolution::Ambiguous(_)
    ));
}

#[test]
fn a_stale_hint_never_beats_a_better_match() {
    // Verbatim on line 1, an edited copy on the hinted line 3.
    let text = "Four drones struck the airport.\nNothing.\nFour drones struck the port.\n";
    assert_eq!(
        resolve(text, hinted("Four drones struck the airport.", text, 3)),
        Resolution::Exact(nth(text, "Four drones struck the airport.", 0))
    );
    // A context that clearly fits one place wins over the hint.
    let text = "Baku said: drones struck.\nTehran denied it.\nMoscow said: drones struck.\n";
    let query = QuoteQuery {
        quote: "drones struck",
        prefix: Some("Baku sad:"),
        hint: Some(line(text, 3)),
        ..QuoteQuery::default()
    };
    let Resolution::ContextChanged { place, .. } = resolve(text, query) else {
        panic!("expected the place whose context fits");
    };
    assert_eq!(place.range, nth(text, "drones struck", 0));
    assert!(!place.by_hint);
}

const EDITED_TWICE: &str = "Drones struck the old airport at dawn.\n\
    Nobody was hurt.\n\
    Drones struck the old airport at dawn.\n";

#[test]
fn the_hint_picks_the_nearer_of_two_equally_alike_passages_to_repair() {
    let typed = "Drones struck the new airport at dawn.";
    let Resolution::NotFound { nearest, unseen } = resolve(
        EDITED_TWICE,
        QuoteQuery {
            quote: typed,
            ..QuoteQuery::default()
        },
    ) else {
        panic!("expected no exact match");
    };
    assert!(matches!(
        verdict(&nearest, unseen, MIN_SCORE),
        Verdict::TooClose(..)
    ));

    let Resolution::NotFound { nearest, unseen } =
        resolve(EDITED_TWICE, hinted(typed, EDITED_TWICE, 3))
    else {
        panic!("expected no exact match");
    };
    let second = nth(EDITED_TWICE, "Drones struck the old airport at dawn.", 1);
    assert_eq!(nearest[0].range, second);
    assert!(nearest[0].by_hint);
    assert!(!nearest[1].by_hint);
    assert_eq!(
        verdict(&nearest, unseen, MIN_SCORE),
        Verdict::Repair(&nearest[0])
    );
}

#[test]
fn a_stale_hint_never_beats_a_clearly_more_alike_passage() {
    // One letter off on line 1; a whole word off on the hinted line 3.
    let text = "Drones struck the old airport at dawn.\n\
        Nobody was hurt.\n\
        Drones struck the new harbour at dawn.\n";
    let Resolution::NotFound { nearest, unseen } = resolve(
        text,
        hinted("Drones struck the old airpart at dawn.", text, 3),
    ) else {
        panic!("expected no exact match");
    };
    assert_eq!(
        nearest[0].range,
        nth(text, "Drones struck the old airport at dawn.", 0)
    );
    assert!(!nearest[0].by_hint);
    assert_eq!(
        verdict(&nearest, unseen, MIN_SCORE),
        Verdict::Repair(&nearest[0])
    );
}

#[test]
fn the_hint_does_not_pick_a_passage_a_few_edits_further() {
    // "new" is one edit from "now", three from "old": the hint, on the
    // line of "old", is worth less than that.
    let text = "Drones struck the now airport.\nNobody was hurt.\nDrones struck the old airport.\n";
    let Resolution::NotFound { nearest, .. } =
        resolve(text, hinted("Drones struck the new airport.", text, 3))
    else {
        panic!("expected no exact match");
    };
    assert!(nearest.iter().all(|c| !c.by_hint), "{nearest:?}");
}

// --- whitespace and Unicode forms ---

#[test]
fn a_quote_that_differs_only_in_line_breaks_is_exact() {
    let text = "Four drones\nstruck the   airport\r\nat dawn.";
    assert_eq!(
        resolve(
            text,
            QuoteQuery {
                quote: "drones struck the airport at",
                ..QuoteQuery::default()
            }
        ),
        Resolution::Exact(5..text.find(" dawn").unwrap())
    );
    // A no-break space is whitespace too.
    let text = "Four\u{a0}drones struck.";
    assert_eq!(
        resolve(
            text,
            QuoteQuery {
                quote: "Four drones",
                ..QuoteQuery::default()
            }
        ),
        Resolution::Exact(0.."Four\u{a0}drones".len())
    );
}

#[test]
fn quotes_dashes_markup_and_glued_words_still_count_as_changes() {
    let text = "the “four drones” struck — at **dawn**";
    for typed in ["the \"four drones\" struck", "struck - at", "at dawn"] {
        assert!(
            matches!(
                resolve(
                    text,
                    QuoteQuery {
                        quote: typed,
                        ..QuoteQuery::default()
                    }
                ),
                Resolution::Normalized(_)
            ),
            "{typed}"
        );
    }
    // A space taken out is not whitespace that differs: the words differ.
    assert!(matches!(
        resolve(
            "four drones",
            QuoteQuery {
                quote: "fourdrones",
                ..QuoteQuery::default()
            }
        ),
        Resolution::NotFound { .. }
    ));
}

#[test]
fn an_accent_in_the_other_unicode_form_matches_after_normalization() {
    let composed = "the D\u{e9}tente held";
    let decomposed = "the De\u{301}tente held";
    assert_eq!(
        resolve(
            decomposed,
            QuoteQuery {
                quote: "D\u{e9}tente held",
                ..QuoteQuery::default()
            }
        ),
        Resolution::Normalized(4..decomposed.len())
    );
    assert_eq!(
        resolve(
            composed,
            QuoteQuery {
                quote: "De\u{301}tente held",
                ..QuoteQuery::default()
            }
        ),
        Resolution::Normalized(4..composed.len())
    );
    // One accent for another is a different letter.
    assert!(matches!(
        resolve(
            composed,
            QuoteQuery {
                quote: "D\u{e8}tente held",
                ..QuoteQuery::default()
            }
        ),
        Resolution::NotFound { .. }
    ));
}
