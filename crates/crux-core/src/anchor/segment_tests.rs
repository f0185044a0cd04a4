//! A long document is normalized and searched a segment at a time: the
//! answers must be those of the document as one segment, wherever the
//! segments end, in particular inside a match.

use std::ops::Range;

use proptest::prelude::*;

use super::segments::NormalizedSource;
use super::tests::{PIECES, pieces};
use super::*;

fn quote(quote: &str) -> QuoteQuery<'_> {
    QuoteQuery {
        quote,
        ..QuoteQuery::default()
    }
}

/// The bytes of `passage`, which occurs once in `text`.
fn bytes_of(text: &str, passage: &str) -> Range<usize> {
    let start = text.find(passage).expect("the passage is in the text");
    assert_eq!(
        text.rfind(passage),
        Some(start),
        "{passage:?} is not unique"
    );
    start..start + passage.len()
}

/// Every segment length, from one byte to the whole text, gives `expected`.
fn in_segments_of_every_length(text: &str, query: QuoteQuery<'_>, expected: &[Resolution]) {
    for bytes in 1..=text.len() {
        let found = resolve_all_in_segments(text, &[query], bytes);
        assert_eq!(found, expected, "segments of {bytes} bytes");
    }
}

#[test]
fn a_normalized_match_across_a_segment_end_is_found() {
    let text =
        "In Baku’s view the “strategic partnership” with Ankara held firm, while Tehran’s did not.";
    let query = quote("the \"strategic partnership\" with Ankara held firm");
    let expected = Resolution::Normalized(bytes_of(
        text,
        "the “strategic partnership” with Ankara held firm",
    ));
    let expected = [expected];
    assert_eq!(resolve_all(text, &[query]), expected);
    in_segments_of_every_length(text, query, &expected);
}

#[test]
fn a_passage_like_a_quote_across_a_segment_end_is_suggested() {
    let text = "Officials in Baku said the drones struck near Nakhchivan at dawn. \
                Officials in Tehran denied any role in the attack on the border post.";
    let query = quote("the drones strck near Nakhchivan at dawn");
    let whole = resolve_all(text, &[query]);
    let Resolution::NotFound { nearest, .. } = &whole[0] else {
        panic!("expected no match, got {whole:?}");
    };
    assert_eq!(
        nearest[0].range,
        bytes_of(text, "the drones struck near Nakhchivan at dawn")
    );
    in_segments_of_every_length(text, query, &whole);
}

#[test]
fn a_context_read_across_segment_ends_picks_the_same_place() {
    let text = "Baku said drones struck. Tehran said drones struck. Ankara said nothing.";
    let query = QuoteQuery {
        quote: "drones struck",
        prefix: Some("Tehran  said"),
        suffix: Some(". Ankara"),
        ..QuoteQuery::default()
    };
    let second = text.rfind("drones struck").unwrap();
    let expected = Resolution::Exact(second..second + "drones struck".len());
    let expected = [expected];
    assert_eq!(resolve_all(text, &[query]), expected);
    in_segments_of_every_length(text, query, &expected);
}

fn text_of(pieces: &[usize]) -> String {
    pieces.iter().map(|&i| PIECES[i].0).collect()
}

proptest! {
    /// The segments together are the whole normalized text, byte for byte
    /// and with the same way back to the document, wherever they end.
    #[test]
    fn segments_make_the_whole_normalized_text_and_map(
        text in prop_oneof![
            pieces().prop_map(|p| text_of(&p)),
            "[\\[\\]()#*_<>/a-z0-9 \t\r\n…é\u{a0}’\u{feff}]{0,80}",
            any::<String>(),
        ],
        markup: bool,
        segment_bytes in 1usize..48,
        lookahead in 0usize..24,
    ) {
        let quotable = Quotable { text: &text, markup };
        let whole = NormalizedText::of(quotable);
        let whole_text = whole.as_str();
        let segments = NormalizedSource::with_segment_bytes(quotable, segment_bytes);
        let mut joined = String::new();
        for part in segments.parts(lookahead) {
            prop_assert_eq!(part.base, joined.len());
            prop_assert_eq!(&part.text[..], &whole_text[part.base..part.base + part.text.len()]);
            prop_assert!(part.text.len() >= part.own + lookahead || part.base + part.text.len() == whole_text.len());
            for i in 0..part.text.len() {
                prop_assert_eq!(part.original_range(i..i + 1), whole.original_range(part.base + i..part.base + i + 1));
            }
            joined.push_str(&part.text[..part.own]);
        }
        prop_assert_eq!(joined.as_str(), whole_text);
        let segments = NormalizedSource::with_segment_bytes(quotable, segment_bytes);
        prop_assert_eq!(segments.len(), whole_text.len());
        for i in 0..=whole_text.len() + 1 {
            prop_assert_eq!(segments.original_range(i..i + 1), whole.original_range(i..i + 1), "byte {}", i);
        }
        for original in 0..=text.len() {
            prop_assert_eq!(segments.normalized_offset(original), whole.normalized_offset(original), "original {}", original);
        }
        let forward: Vec<(usize, char)> = whole_text.char_indices().collect();
        let mut boundaries: Vec<usize> = forward.iter().map(|&(i, _)| i).collect();
        boundaries.push(whole_text.len());
        for &at in &boundaries {
            let after: Vec<(usize, char)> = segments.chars_from(at).collect();
            let before: Vec<(usize, char)> = segments.chars_before(at).collect();
            prop_assert_eq!(after, whole_text[at..].char_indices().map(|(i, c)| (at + i, c)).collect::<Vec<_>>());
            prop_assert_eq!(before, whole_text[..at].char_indices().rev().collect::<Vec<_>>());
        }
    }

    /// Quotes found verbatim, normalized, by context or nowhere: the same
    /// answers with segments of a few bytes as with one segment.
    #[test]
    fn segments_of_any_size_give_the_same_answers(
        pieces in pieces(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()), 1..4),
        typo in any::<prop::sample::Index>(),
        context in any::<bool>(),
        segment_bytes in 1usize..48,
    ) {
        let text = text_of(&pieces);
        let mut quotes = Vec::new();
        let mut contexts = Vec::new();
        for (a, b, plain) in &cuts {
            let (a, b) = (a.index(pieces.len() + 1), b.index(pieces.len() + 1));
            let chosen = &pieces[a.min(b)..a.max(b)];
            let mut typed: String = chosen.iter().map(|&i| if *plain { PIECES[i].1 } else { PIECES[i].0 }).collect();
            if !typed.is_empty() && typo.index(3) == 0 {
                let at = typed.char_indices().nth(typo.index(typed.chars().count())).unwrap().0;
                typed.insert(at, 'q');
            }
            quotes.push(typed);
            contexts.push((text_of(&pieces[a.min(b).saturating_sub(2)..a.min(b)]), text_of(&pieces[a.max(b)..(a.max(b) + 2).min(pieces.len())])));
        }
        let queries: Vec<QuoteQuery<'_>> = quotes
            .iter()
            .zip(&contexts)
            .map(|(quote, (prefix, suffix))| QuoteQuery {
                quote,
                prefix: context.then_some(prefix.as_str()),
                suffix: context.then_some(suffix.as_str()),
                ..QuoteQuery::default()
            })
            .collect();
        let whole = resolve_all(text.as_str(), &queries);
        prop_assert_eq!(resolve_all_in_segments(&text, &queries, segment_bytes), whole);
    }
}

/// The q-gram filter fed along with the normalized pass finds what its
/// own pass finds, and gives nothing once one of its quotes is found.
#[test]
fn the_filter_fed_by_the_normalized_pass_finds_what_its_own_pass_finds() {
    let article = include_str!("../../../../seeds/003_58c47bfb15e2261f.txt");
    let text = article.repeat(4);
    let typed = [
        "Quantum chromodynamics predicts gluon confinement at low energies",
        "bound to Israel by oil, arms and inteligence, and to Washington by a steadily deepening",
    ];
    let squeezed: Vec<Vec<char>> = typed.iter().map(|q| nearest::squeezed_quote(q)).collect();
    let filters: Vec<qgram::Filtered<'_>> = nearest::long_text_filters(&squeezed)
        .into_iter()
        .map(|(_, filter)| filter)
        .collect();
    let normalized: Vec<String> = typed.iter().map(|q| normalize(q)).collect();
    let patterns: Vec<&str> = normalized.iter().map(String::as_str).collect();
    let source = NormalizedSource::with_segment_bytes(text.as_str().into(), 4096);
    let (found, fed) = find_normalized_and_filter(&source, &patterns, &[0, 1], &filters);
    assert!(found.iter().all(Vec::is_empty), "{found:?}");
    let own_pass = qgram::stretches(&NormalizedSource::new(text.as_str().into()), &filters);
    assert!(
        own_pass.iter().flatten().any(|s| !s.is_empty()),
        "{own_pass:?}"
    );
    assert_eq!(fed, Some(own_pass));

    let in_text = "Azerbaijan";
    let with_found = [patterns[0], patterns[1], in_text];
    let (found, fed) = find_normalized_and_filter(&source, &with_found, &[0, 1, 2], &filters);
    assert!(!found[2].is_empty());
    assert_eq!(fed, None);
}
