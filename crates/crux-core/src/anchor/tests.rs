use std::ops::Range;

use proptest::prelude::*;

use super::*;

const BALANCING_ACT: &str = include_str!("../../../../seeds/001_38e6418e6546200a.txt");
const ALIGNMENT_AND_RESTRAINT: &str = include_str!("../../../../seeds/003_58c47bfb15e2261f.txt");

fn resolve(text: &str, query: QuoteQuery<'_>) -> Resolution {
    let mut resolutions = resolve_all(text, &[query]);
    assert_eq!(resolutions.len(), 1);
    resolutions.remove(0)
}

fn quote(quote: &str) -> QuoteQuery<'_> {
    QuoteQuery {
        quote,
        ..QuoteQuery::default()
    }
}

fn normalized_range(resolution: Resolution) -> Range<usize> {
    match resolution {
        Resolution::Normalized(range) => range,
        other => panic!("expected a normalized match, got {other:?}"),
    }
}

/// The best passage suggested for a quote that was not found.
fn nearest(resolution: Resolution) -> Option<Range<usize>> {
    match resolution {
        Resolution::NotFound { nearest, .. } => nearest.first().map(|c| c.range.clone()),
        other => panic!("expected no match, got {other:?}"),
    }
}

/// Verbatim places with no context to score them.
/// Whether nothing alike enough to suggest was found.
fn nothing_near(resolution: &Resolution) -> bool {
    matches!(resolution, Resolution::NotFound { nearest, .. } if nearest.is_empty())
}

fn places(ranges: &[Range<usize>]) -> Vec<Candidate> {
    ranges
        .iter()
        .map(|range| Candidate {
            range: range.clone(),
            similarity: 1.0,
            ..Candidate::default()
        })
        .collect()
}

// --- normalization rules ---

#[test]
fn whitespace_runs_and_line_breaks_collapse_to_one_space() {
    assert_eq!(
        normalize("  were\n\nwidely \t interpreted\r\nas  "),
        "were widely interpreted as"
    );
}

#[test]
fn unicode_spaces_collapse_like_ascii_ones() {
    assert_eq!(
        normalize("a\u{a0}b\u{2007}c\u{202f}d\u{a0} \u{2028}e"),
        "a b c d e"
    );
}

#[test]
fn curly_and_prime_quotes_become_straight() {
    assert_eq!(normalize("Azerbaijan’s"), "Azerbaijan's");
    assert_eq!(normalize("‘a’ ‚b‛ c′ dʼ"), "'a' 'b' c' d'");
    assert_eq!(
        normalize("“iron fist” „x‟ 5″ «y»"),
        "\"iron fist\" \"x\" 5\" \"y\""
    );
}

#[test]
fn dash_variants_become_hyphens() {
    assert_eq!(normalize("a‐b‑c‒d–e—f―g−h"), "a-b-c-d-e-f-g-h");
}

#[test]
fn ellipsis_becomes_three_dots() {
    assert_eq!(normalize("wait… what"), "wait... what");
}

#[test]
fn links_keep_their_words_and_drop_the_url() {
    assert_eq!(
        normalize("In June, [CNN reported](#) that"),
        "In June, CNN reported that"
    );
    assert_eq!(
        normalize("see [the report](https://example.org/a?b=1) now"),
        "see the report now"
    );
    assert_eq!(normalize("[sic] and [1] (note)"), "[sic] and [1] (note)");
}

#[test]
fn pieces_of_a_cut_link_are_dropped_too() {
    assert_eq!(normalize("reported](#) that"), "reported that");
    assert_eq!(normalize("as “[entirely"), "as \"entirely");
}

#[test]
fn bold_markers_are_dropped() {
    assert_eq!(
        normalize("**The Nakhichevan Strikes**"),
        "The Nakhichevan Strikes"
    );
    assert_eq!(normalize("a __strong__ word"), "a strong word");
}

#[test]
fn italic_markers_are_dropped_but_word_underscores_stay() {
    assert_eq!(
        normalize("“Iron Fist” (*Dəmir Yumruq*)"),
        "\"Iron Fist\" (Dəmir Yumruq)"
    );
    assert_eq!(normalize("snake_case name"), "snake_case name");
}

#[test]
fn sup_and_emphasis_tags_are_dropped_with_their_content_kept() {
    // (The accent is decomposed, as every accent is.)
    assert_eq!(
        normalize("Elie Houé<sup>1</sup> | No. 2166"),
        "Elie Houe\u{301}1 | No. 2166"
    );
    assert_eq!(
        normalize("<em>a</em> <STRONG>b</STRONG> H<sub>2</sub>O"),
        "a b H2O"
    );
    assert_eq!(normalize("<span>kept</span>"), "<span>kept</span>");
}

#[test]
fn heading_marks_at_line_start_are_dropped() {
    assert_eq!(
        normalize("### **The Nakhichevan Strikes and Their Aftermath**\n\nOn March 5"),
        "The Nakhichevan Strikes and Their Aftermath On March 5"
    );
    assert_eq!(normalize("intro\n## Title"), "intro Title");
    assert_eq!(normalize("C# is #1\n#tag\n---"), "C# is #1 #tag ---");
}

#[test]
fn byte_order_mark_is_invisible() {
    assert_eq!(normalize("\u{feff}# Title"), "Title");
}

#[test]
fn case_is_kept() {
    assert_eq!(normalize("Baku BAKU baku"), "Baku BAKU baku");
}

#[test]
fn offset_map_points_at_the_chars_that_produced_each_byte() {
    let normalized = NormalizedText::new("a \n **b…");
    assert_eq!(normalized.as_str(), "a b...");
    assert_eq!(normalized.original_range(0..6), 0..10);
    assert_eq!(normalized.original_range(1..2), 1..2);
    assert_eq!(normalized.original_range(2..3), 6..7);
    assert_eq!(normalized.original_range(4..5), 7..10);
    assert_eq!(normalized.original_range(3..3), 7..7);
    assert_eq!(normalized.original_range(6..6), 10..10);
}

// --- resolving quotes in the seed articles ---

#[test]
fn quote_without_link_markup_resolves_from_the_first_word() {
    let range = normalized_range(resolve(
        ALIGNMENT_AND_RESTRAINT,
        quote("CNN reported that Israel had deployed special forces"),
    ));
    assert_eq!(range.start, 3206);
    assert_eq!(
        &ALIGNMENT_AND_RESTRAINT[range],
        "CNN reported](#) that Israel had deployed special forces"
    );
}

#[test]
fn quote_with_link_markup_is_found_verbatim() {
    let pasted = "[CNN reported](#) that Israel";
    assert_eq!(
        resolve(ALIGNMENT_AND_RESTRAINT, quote(pasted)),
        Resolution::Exact(3205..3234)
    );
}

#[test]
fn straight_quotes_match_curly_ones() {
    let range = normalized_range(resolve(
        ALIGNMENT_AND_RESTRAINT,
        quote("Baku rejected the account as \"entirely baseless.\""),
    ));
    assert_eq!(
        &ALIGNMENT_AND_RESTRAINT[range],
        "Baku rejected the account as “[entirely baseless](#).”"
    );
    let range = normalized_range(resolve(
        ALIGNMENT_AND_RESTRAINT,
        quote("Nakhichevan, Azerbaijan's exclave on the Iranian border"),
    ));
    assert_eq!(
        &ALIGNMENT_AND_RESTRAINT[range],
        "Nakhichevan, Azerbaijan’s exclave on the Iranian border"
    );
}

#[test]
fn a_quote_across_a_blank_line_is_placed_as_it_is() {
    // Only whitespace differs: placed exactly, with no normalization to report.
    let Resolution::Exact(range) = resolve(
        BALANCING_ACT,
        quote("were widely interpreted as a rare show of force"),
    ) else {
        panic!("expected an exact match");
    };
    assert_eq!(
        &BALANCING_ACT[range],
        "were\n\nwidely interpreted as a rare show of force"
    );
}

#[test]
fn bold_heading_matches_its_plain_words() {
    let range = normalized_range(resolve(
        ALIGNMENT_AND_RESTRAINT,
        quote("The Nakhichevan Strikes and Their Aftermath On March 5"),
    ));
    assert_eq!(
        &ALIGNMENT_AND_RESTRAINT[range],
        "The Nakhichevan Strikes and Their Aftermath**\n\nOn March 5"
    );
}

const NAKHCHIVAN_PLACES: [Range<usize>; 6] = [
    139..149,
    955..965,
    1018..1028,
    3389..3399,
    6766..6776,
    7478..7488,
];

#[test]
fn repeated_quote_is_ambiguous_with_every_place() {
    assert_eq!(
        resolve(BALANCING_ACT, quote("Nakhchivan")),
        Resolution::Ambiguous(places(&NAKHCHIVAN_PLACES))
    );
    assert_eq!(
        resolve("a cat, a cat", quote("a cat")),
        Resolution::Ambiguous(places(&[0..5, 7..12]))
    );
}

#[test]
fn overlapping_places_are_all_reported() {
    assert_eq!(
        resolve("aaaa", quote("aa")),
        Resolution::Ambiguous(places(&[0..2, 1..3, 2..4]))
    );
}

#[test]
fn prefix_picks_one_place_regardless_of_whitespace() {
    for prefix in ["damaging infrastructure at the", "at the ", "at  the\n"] {
        let query = QuoteQuery {
            prefix: Some(prefix),
            ..quote("Nakhchivan")
        };
        assert_eq!(resolve(BALANCING_ACT, query), Resolution::Exact(1018..1028));
    }
}

#[test]
fn suffix_picks_one_place_even_across_markup() {
    let query = QuoteQuery {
        suffix: Some(" International Airport"),
        ..quote("Nakhchivan")
    };
    assert_eq!(resolve(BALANCING_ACT, query), Resolution::Exact(1018..1028));
    let query = QuoteQuery {
        suffix: Some("that Israel had"),
        ..quote("CNN reported")
    };
    assert_eq!(
        resolve(ALIGNMENT_AND_RESTRAINT, query),
        Resolution::Exact(3206..3218)
    );
}

#[test]
fn occurrence_picks_the_nth_place() {
    let query = QuoteQuery {
        occurrence: Some(4),
        ..quote("Nakhchivan")
    };
    assert_eq!(resolve(BALANCING_ACT, query), Resolution::Exact(3389..3399));
}

#[test]
fn occurrence_counts_only_places_that_fit_the_context() {
    let query = QuoteQuery {
        suffix: Some("Autonomous Republic"),
        occurrence: Some(2),
        ..quote("Nakhchivan")
    };
    assert_eq!(resolve(BALANCING_ACT, query), Resolution::Exact(6766..6776));
}

#[test]
fn occurrence_beyond_the_places_found_is_reported() {
    let query = QuoteQuery {
        occurrence: Some(7),
        ..quote("Nakhchivan")
    };
    assert_eq!(
        resolve(BALANCING_ACT, query),
        Resolution::NoSuchOccurrence {
            requested: 7,
            found: 6
        }
    );
    let single = QuoteQuery {
        occurrence: Some(2),
        ..quote("rare show of force")
    };
    assert_eq!(
        resolve(BALANCING_ACT, single),
        Resolution::NoSuchOccurrence {
            requested: 2,
            found: 1
        }
    );
    let zeroth = QuoteQuery {
        occurrence: Some(0),
        ..quote("cat")
    };
    assert_eq!(
        resolve("cat", zeroth),
        Resolution::NoSuchOccurrence {
            requested: 0,
            found: 1
        }
    );
}

#[test]
fn context_like_no_place_leaves_a_repeated_quote_ambiguous_with_scores() {
    let query = QuoteQuery {
        prefix: Some("Armenia's"),
        ..quote("Nakhchivan")
    };
    let Resolution::Ambiguous(places) = resolve(BALANCING_ACT, query) else {
        panic!("expected ambiguous");
    };
    let ranges: Vec<Range<usize>> = places.iter().map(|p| p.range.clone()).collect();
    assert_eq!(ranges, NAKHCHIVAN_PLACES);
    assert!(places.iter().all(|p| p.context.is_some_and(|c| c < 0.5)));
}

// --- context as a hint ---

#[test]
fn a_unique_quote_whose_context_changed_is_still_placed() {
    let text = "Officials in Baku said four drones struck the airport.";
    let query = QuoteQuery {
        prefix: Some("Officials in Tehran said"),
        suffix: Some("the terminal."),
        ..quote("four drones struck")
    };
    let Resolution::ContextChanged { place, normalized } = resolve(text, query) else {
        panic!("expected the quote placed with a changed context");
    };
    assert_eq!(&text[place.range.clone()], "four drones struck");
    assert!(!normalized);
    let context = place.context.unwrap();
    assert!(context > 0.5 && context < 1.0, "{context}");
}

#[test]
fn the_place_whose_context_is_clearly_most_alike_wins() {
    let text = "Baku said that drones struck. Later Tehran claimed that drones struck.";
    let query = QuoteQuery {
        prefix: Some("Tehran has claimed that"),
        ..quote("drones struck")
    };
    let second = text.rfind("drones struck").unwrap();
    let Resolution::ContextChanged { place, .. } = resolve(text, query) else {
        panic!("expected the second place");
    };
    assert_eq!(place.range, second..second + "drones struck".len());
}

#[test]
fn contexts_about_as_alike_leave_the_quote_ambiguous() {
    let text = "Baku said drones struck. Baku sad drones struck.";
    let query = QuoteQuery {
        prefix: Some("Baku sid"),
        ..quote("drones struck")
    };
    let Resolution::Ambiguous(places) = resolve(text, query) else {
        panic!("expected ambiguous");
    };
    assert_eq!(places.len(), 2);
    assert!(places.iter().all(|p| p.context.is_some()));
}

#[test]
fn a_stale_context_with_an_occurrence_picks_that_occurrence() {
    let text = "drones struck, then drones struck again";
    let query = QuoteQuery {
        prefix: Some("someone said"),
        occurrence: Some(2),
        ..quote("drones struck")
    };
    let Resolution::ContextChanged { place, .. } = resolve(text, query) else {
        panic!("expected the second place");
    };
    assert_eq!(place.range, 20..33);
}

#[test]
fn verbatim_match_wins_over_normalized_ones() {
    assert_eq!(
        resolve("one\u{a0}two, one two", quote("one two")),
        Resolution::Exact(10..17)
    );
}

#[test]
fn context_can_select_a_normalized_place_when_verbatim_ones_do_not_fit() {
    let query = QuoteQuery {
        prefix: Some("second:"),
        ..quote("it's two")
    };
    let text = "first: it's two; second: it’s two";
    assert_eq!(
        resolve(text, query),
        Resolution::Normalized(text.find("it’s").unwrap()..text.len())
    );
    // Where it differs only in its spaces, the place is as written.
    let query = QuoteQuery {
        prefix: Some("second:"),
        ..quote("one two")
    };
    assert_eq!(
        resolve("first: one two; second: one\u{a0}two", query),
        Resolution::Exact(24..32)
    );
}

// --- quotes that are not in the source ---

#[test]
fn changed_word_suggests_the_passage_it_came_from() {
    let text = "Officials said four Iranian-made drones struck the airport on Thursday.";
    let range = nearest(resolve(
        text,
        quote("four Iranian drones struck the airport"),
    ))
    .unwrap();
    assert_eq!(&text[range], "four Iranian-made drones struck the airport");
}

#[test]
fn typo_suggests_the_passage_it_came_from() {
    let range = nearest(resolve(
        ALIGNMENT_AND_RESTRAINT,
        quote("stated that four Iranain drones had taken part in the attack"),
    ))
    .unwrap();
    assert_eq!(
        &ALIGNMENT_AND_RESTRAINT[range],
        "stated](#) that four Iranian drones had taken part in the attack"
    );
}

/// The document with one edit, which must occur exactly once.
fn edited(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn a_misspelt_last_word_stays_in_the_suggested_passage() {
    let text = edited(ALIGNMENT_AND_RESTRAINT, "in the attack", "in the atack");
    let range = nearest(resolve(
        &text,
        quote("that four Iranian drones had taken part in the attack"),
    ))
    .unwrap();
    assert_eq!(
        &text[range],
        "that four Iranian drones had taken part in the atack"
    );
}

#[test]
fn a_misspelt_name_at_the_end_keeps_the_passage_where_it_starts() {
    let text = edited(
        ALIGNMENT_AND_RESTRAINT,
        "killed Supreme Leader Ali Khamenei.",
        "killed Supreme Leader Ali Kahmenei.",
    );
    let quote_text = "whose opening salvo killed Supreme Leader Ali Khamenei";
    let range = nearest(resolve(&text, quote(quote_text))).unwrap();
    assert_eq!(
        &text[range],
        "whose opening salvo killed Supreme Leader Ali Kahmenei"
    );
}

#[test]
fn a_long_quote_with_one_typo_does_not_grow_into_the_heading_above() {
    let paragraph = "On March 5, drones struck Nakhchivan International Airport";
    let text = format!(
        "### **The Nakhichevan Strikes and Their Aftermath**\n\n{paragraph}, wounding four civilians and damaging the terminal building."
    );
    let typed = "On March 5, drones struck Nakhchivan International Airprot, wounding four civilians and damaging the terminal building";
    let range = nearest(resolve(&text, quote(typed))).unwrap();
    assert_eq!(
        &text[range],
        "On March 5, drones struck Nakhchivan International Airport, wounding four civilians and damaging the terminal building"
    );
}

#[test]
fn glued_words_and_a_dropped_letter_are_found() {
    let text = "It is said that NetherfieldParkis let at last, and the day befor us was fine.";
    let range = nearest(resolve(text, quote("Netherfield Park is let at last"))).unwrap();
    assert_eq!(&text[range], "NetherfieldParkis let at last");
    let range = nearest(resolve(text, quote("the day before us was"))).unwrap();
    assert_eq!(&text[range], "the day befor us was");
}

#[test]
fn a_short_quote_with_one_other_word_is_suggested_whole() {
    let text = "Long before the war, the old road was closed to trucks.";
    let Resolution::NotFound { nearest, .. } = resolve(text, quote("the new road was closed"))
    else {
        panic!("expected no exact match");
    };
    assert_eq!(&text[nearest[0].range.clone()], "the old road was closed");
}

#[test]
fn a_passage_edited_the_same_way_twice_gives_two_equal_candidates() {
    let text = "Drones struck the old airport. Later, drones struck the old airport.";
    let Resolution::NotFound { nearest, unseen } =
        resolve(text, quote("drones struck the new airport"))
    else {
        panic!("expected no exact match");
    };
    assert_eq!(nearest.len(), 2);
    assert_eq!(nearest[0].similarity, nearest[1].similarity);
    assert!(matches!(
        verdict(&nearest, unseen, MIN_SCORE),
        Verdict::TooClose(..)
    ));
}

#[test]
fn unrelated_quote_suggests_nothing() {
    let resolution = resolve(
        BALANCING_ACT,
        quote("Quantum chromodynamics predicts gluon confinement"),
    );
    assert!(nothing_near(&resolution), "{resolution:?}");
}

#[test]
fn quote_from_another_article_is_not_found() {
    let resolution = resolve(
        BALANCING_ACT,
        quote("Baku rejected the account as entirely baseless"),
    );
    assert!(matches!(resolution, Resolution::NotFound { .. }));
}

// --- edge cases ---

#[test]
fn empty_and_blank_quotes_are_not_found() {
    let resolutions = resolve_all("some text", &[quote(""), quote(" \n\t"), quote("**")]);
    let nothing = Resolution::not_found();
    assert_eq!(resolutions, vec![nothing.clone(), nothing.clone(), nothing]);
}

#[test]
fn empty_text_and_overlong_quotes_are_not_found() {
    assert!(nothing_near(&resolve("", quote("anything"))));
    assert!(nothing_near(&resolve(
        "short",
        quote("short text followed by many other words")
    )));
}

#[test]
fn multibyte_text_resolves_on_char_boundaries() {
    let text = "Əliyev dedi: “Biz hazırıq” 🙂 — 東京 ok";
    let range = normalized_range(resolve(text, quote("\"Biz hazırıq\" 🙂 - 東京")));
    assert_eq!(&text[range], "“Biz hazırıq” 🙂 — 東京");
    assert_eq!(resolve(text, quote("東京")), Resolution::Exact(43..49));
    assert_eq!(resolve(text, quote("Əliyev")), Resolution::Exact(0..7));
}

#[test]
fn crlf_and_byte_order_mark_are_handled() {
    let text = "\u{feff}first line\r\nsecond line";
    assert_eq!(resolve(text, quote("first")), Resolution::Exact(3..8));
    let Resolution::Exact(range) = resolve(text, quote("line second")) else {
        panic!("a line break for a space is placed as written");
    };
    assert_eq!(&text[range], "line\r\nsecond");
}

#[test]
fn answers_keep_the_order_of_queries_and_share_patterns() {
    let text = "a cat, a dog, a cat";
    let first = QuoteQuery {
        occurrence: Some(1),
        ..quote("a cat")
    };
    let second = QuoteQuery {
        occurrence: Some(2),
        ..quote(" a cat ")
    };
    let answers = resolve_all(text, &[first, quote("dog"), second, quote("bird")]);
    assert_eq!(
        answers[..3],
        [
            Resolution::Exact(0..5),
            Resolution::Exact(9..12),
            Resolution::Exact(14..19),
        ]
    );
    assert!(nothing_near(&answers[3]), "{answers:?}");
}

// --- properties ---

/// Pieces of source text, each with the plain form a person might type when quoting it.
pub(super) const PIECES: &[(&str, &str)] = &[
    ("alpha", "alpha"),
    ("beta", "beta"),
    ("Gamma", "Gamma"),
    ("dəmir", "dəmir"),
    ("東京", "東京"),
    ("🙂", "🙂"),
    ("x", "x"),
    (" ", " "),
    ("  ", " "),
    ("\t", " "),
    ("\r\n", " "),
    ("\n\n", " "),
    ("\u{a0}", " "),
    ("“", "\""),
    ("”", "\""),
    ("’", "'"),
    ("'", "'"),
    ("—", "-"),
    ("–", "-"),
    ("-", "-"),
    ("**", ""),
    ("*", ""),
    ("[x](#)", "x"),
    ("[two words](#)", "two words"),
    ("<sup>1</sup>", "1"),
];

pub(super) fn pieces() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..PIECES.len(), 0..40)
}

fn assert_on_char_boundaries(text: &str, range: &Range<usize>) {
    assert!(range.start <= range.end && range.end <= text.len());
    assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
}

/// Checks the promises every successful resolution makes about its ranges.
fn assert_places_match(text: &str, quote: &str, resolution: &Resolution) {
    let ranges: Vec<Range<usize>> = match resolution {
        Resolution::Exact(range) => {
            assert_on_char_boundaries(text, range);
            let place = &text[range.clone()];
            assert!(
                place.split_whitespace().eq(quote.split_whitespace()),
                "{place:?} is not {quote:?} but for whitespace"
            );
            return;
        }
        Resolution::Normalized(range) => vec![range.clone()],
        Resolution::Ambiguous(places) => places.iter().map(|p| p.range.clone()).collect(),
        other => panic!("{quote:?} not placed in {text:?}: {other:?}"),
    };
    for range in &ranges {
        assert_on_char_boundaries(text, range);
        assert_eq!(normalize(&text[range.clone()]), normalize(quote));
    }
}

#[test]
fn many_quotes_per_source_are_found_in_one_pass_like_one_by_one() {
    let text = ALIGNMENT_AND_RESTRAINT;
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(7).collect();
    let quotes: Vec<&str> = starts
        .windows(3)
        .map(|w| &text[w[0]..w[2]])
        .filter(|q| !q.trim().is_empty())
        .collect();
    assert!(quotes.len() > 1000, "{}", quotes.len());
    let together = find_every_occurrence(text, &quotes);
    for (quote, found) in quotes.iter().zip(together) {
        assert_eq!(found, find_overlapping(text, quote), "{quote:?}");
    }
}

proptest! {
    #[test]
    fn normalization_maps_every_byte_like_the_char_by_char_reference(
        text in prop_oneof![
            any::<String>(),
            pieces().prop_map(|p| p.iter().map(|&i| PIECES[i].0).collect()),
            "[\\[\\]()#*_<>/a-z \t\r\n…é\u{a0}’]{0,60}",
        ]
    ) {
        let fast = NormalizedText::new(&text);
        let (reference, starts, ends) = normalize::reference_normalization(&text);
        prop_assert_eq!(fast.as_str(), reference.as_str());
        for i in 0..reference.len() {
            prop_assert_eq!(fast.original_range(i..i + 1), starts[i]..ends[i], "byte {}", i);
        }
        for original in 0..=text.len() + 1 {
            prop_assert_eq!(
                fast.normalized_offset(original),
                starts.partition_point(|&start| start < original),
                "original byte {}", original
            );
        }
    }

    #[test]
    fn any_substring_of_the_text_is_placed(
        pieces in pieces(),
        cut in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
    ) {
        let text: String = pieces.iter().map(|&i| PIECES[i].0).collect();
        let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        boundaries.push(text.len());
        let (a, b) = (cut.0.get(&boundaries), cut.1.get(&boundaries));
        let quote = &text[*a.min(b)..*a.max(b)];
        if quote.trim().is_empty() {
            return Ok(());
        }
        let resolution = resolve(&text, QuoteQuery { quote, ..QuoteQuery::default() });
        assert_places_match(&text, quote, &resolution);
    }

    #[test]
    fn plainly_typed_quote_of_a_passage_is_placed(
        pieces in pieces(),
        cut in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
    ) {
        let text: String = pieces.iter().map(|&i| PIECES[i].0).collect();
        let (a, b) = (cut.0.index(pieces.len() + 1), cut.1.index(pieces.len() + 1));
        let quote: String = pieces[a.min(b)..a.max(b)].iter().map(|&i| PIECES[i].1).collect();
        if normalize(&quote).is_empty() {
            return Ok(());
        }
        let resolution = resolve(&text, QuoteQuery { quote: &quote, ..QuoteQuery::default() });
        assert_places_match(&text, &quote, &resolution);
    }

    #[test]
    fn offset_map_is_monotonic_and_points_at_the_source_chars(
        text in prop_oneof![
            any::<String>(),
            pieces().prop_map(|p| p.iter().map(|&i| PIECES[i].0).collect()),
            "[\\[\\]()#*_<>/a-z \n…é]{0,40}",
        ]
    ) {
        let normalized = NormalizedText::new(&text);
        let folded = normalized.as_str();
        prop_assert_eq!(folded, normalize::reference_normalization(&text).0);
        let mut previous = 0..0;
        for (i, ch) in folded.char_indices() {
            let origin = normalized.original_range(i..i + ch.len_utf8());
            assert_on_char_boundaries(&text, &origin);
            prop_assert!(origin.start < origin.end);
            prop_assert!(origin.start >= previous.start && origin.end >= previous.end);
            let source_char = text[origin.clone()].chars().next().unwrap();
            let mut parts = Vec::new();
            unicode_normalization::char::decompose_canonical(source_char, |p| parts.push(p));
            prop_assert!(
                source_char == ch
                    || (ch == ' ' && source_char.is_whitespace())
                    || "'\"-.".contains(ch)
                    || parts.contains(&ch),
                "{:?} came from {:?}", ch, source_char
            );
            previous = origin;
        }
    }

    #[test]
    fn resolving_never_panics_and_keeps_char_boundaries(
        text in "(\\PC|[\\[\\]()#*_ \r\n])*",
        quote in "(\\PC|[\\[\\]()#*_ \r\n])*",
        prefix in prop::option::of("\\PC{0,5}"),
        suffix in prop::option::of("\\PC{0,5}"),
        occurrence in prop::option::of(0usize..4),
        hint in prop::option::of((0usize..80, 0usize..80)),
    ) {
        let hint = hint.map(|(start, end)| HintedLine { start, end });
        let query = QuoteQuery { quote: &quote, prefix: prefix.as_deref(), suffix: suffix.as_deref(), occurrence, hint };
        let ranges = match resolve(&text, query) {
            Resolution::Exact(range) | Resolution::Normalized(range) => vec![range],
            Resolution::ContextChanged { place, .. } => vec![place.range],
            Resolution::Ambiguous(places) | Resolution::NotFound { nearest: places, .. } => {
                places.into_iter().map(|p| p.range).collect()
            }
            Resolution::NoSuchOccurrence { .. } => vec![],
        };
        for range in &ranges {
            assert_on_char_boundaries(&text, range);
        }
    }
}

#[test]
fn a_quote_nowhere_in_a_long_text_is_answered_from_the_filter_alone() {
    // Longer than the text the whole-text search is kept for.
    let text = ALIGNMENT_AND_RESTRAINT.repeat((5 << 20) / ALIGNMENT_AND_RESTRAINT.len() + 1);
    let typed = "Quantum chromodynamics predicts gluon confinement at low energies";
    let Resolution::NotFound { nearest, unseen } = resolve(&text, quote(typed)) else {
        panic!("expected no match");
    };
    assert!(nearest.is_empty(), "{nearest:?}");
    // 58 squeezed chars, filtered with up to 9 edits (the most whose 5-gram
    // threshold, 59 - 5 * 10 = 9, stays at least 8): anything skipped is
    // at most 1 - 10/58 alike.
    assert!((unseen - (1.0 - 10.0 / 58.0)).abs() < 1e-9, "{unseen}");
    assert!(matches!(
        verdict(&nearest, unseen, MIN_SCORE),
        Verdict::Nothing
    ));
}

#[test]
fn a_stray_bracket_is_text_in_a_document_and_forgiven_in_a_quote() {
    let document = "as “[entirely baseless](#).” Then a[i and \u{1b}[2J.";
    assert_eq!(
        NormalizedText::new(document).as_str(),
        "as \"entirely baseless.\" Then a[i and \u{1b}[2J."
    );
    assert_eq!(normalize("as “[entirely"), "as \"entirely");
    let found = resolve(document, quote("as \"[entirely"));
    assert_eq!(&document[normalized_range(found)], "as “[entirely");
}
