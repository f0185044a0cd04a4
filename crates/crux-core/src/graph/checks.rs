//! Checks that read who asserts a claim, how and about when: contradictions
//! across times or inside one document's voice, dropped hedges, topics
//! that mix periods.

use super::Disagreement;
use crate::beside::{CLAIMS_PER_THREAD, at_once};
use crate::diag::{Code, Diagnostic};
use crate::ix::{ClaimIx, PeriodIx};
use crate::model::{Dataset, Mode, RelationKind, part_of_value};
use crate::when::When;

pub fn check(dataset: &Dataset) -> Vec<Diagnostic> {
    if dataset.claims.len() < CLAIMS_PER_THREAD {
        return one_by_one(dataset);
    }
    // The passes read the dataset alone, so they run at once: they come
    // before the first frame and before anchoring.
    let passes = PASSES.map(|pass| {
        move || {
            let mut out = Vec::new();
            pass(dataset, &mut out);
            out
        }
    });
    at_once(passes).concat()
}

type Pass = fn(&Dataset, &mut Vec<Diagnostic>);

const PASSES: [Pass; 3] = [contradictions, dropped_hedges, topics_across_periods];

fn one_by_one(dataset: &Dataset) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pass in PASSES {
        pass(dataset, &mut out);
    }
    out
}

/// How a claim's time reads in a message: as written, with a named
/// period's name.
fn time_of(dataset: &Dataset, claim: ClaimIx) -> String {
    match dataset.claims[claim].when.as_ref().map(|w| &w.value) {
        Some(When::Period(id)) => match dataset.period(id) {
            Some(period) => format!("{} ({id})", period.name),
            None => id.clone(),
        },
        Some(When::Dates(span)) => span.to_string(),
        None => "no stated time".to_string(),
    }
}

fn contradictions(dataset: &Dataset, out: &mut Vec<Diagnostic>) {
    for relation in &dataset.relations {
        if relation.kind != RelationKind::Contradicts {
            continue;
        }
        let (a, b) = (relation.from, relation.to);
        let (id_a, id_b) = (&dataset.claims[a].id, &dataset.claims[b].id);
        if let (Some(time_a), Some(time_b)) = (dataset.claim_time(a), dataset.claim_time(b))
            && !time_a.overlaps(&time_b)
        {
            out.push(
                Diagnostic::new(
                    Code::ContradictionAcrossTimes,
                    format!("`{id_a}` and `{id_b}` contradict each other but are about different times"),
                )
                .at(relation.decl.clone())
                .label("declared to contradict")
                .note(format!("`{id_a}` is about {}", time_of(dataset, a)))
                .note(format!("`{id_b}` is about {}", time_of(dataset, b)))
                .help("claims about different times can both be true: if the later one replaces the earlier, declare `updates` on it instead; if they only pull apart, use `contrasts`")
                .claim(id_a),
            );
        }
        if dataset.disagreement(relation) == Some(Disagreement::SelfContradiction) {
            let shared: Vec<&str> = dataset
                .claim_sources(a)
                .into_iter()
                .filter(|s| dataset.claim_sources(b).contains(s))
                .map(|s| dataset.sources[s].id.as_str())
                .collect();
            out.push(
                Diagnostic::new(
                    Code::SelfContradiction,
                    format!(
                        "source `{}` contradicts itself: `{id_a}` and `{id_b}` are both in its own voice",
                        shared.join("`, `")
                    ),
                )
                .at(relation.decl.clone())
                .label("declared to contradict")
                .help("if the document reports someone else's view, name them with `asserted_by`; if it sets out alternatives, link them with `rivals`; if both can be true, use `contrasts`")
                .claim(id_a),
            );
        }
    }
}

/// Words and phrases that hedge a statement. A quote holding one is kept
/// faithfully when the claim's text holds one too, or its mode says how it
/// is put forward.
pub const HEDGES: &[&str] = &[
    "it seems",
    "seems",
    "seem",
    "appears",
    "appear",
    "apparently",
    "likely",
    "unlikely",
    "probably",
    "possibly",
    "possible",
    "perhaps",
    "potentially",
    "potential",
    "reportedly",
    "allegedly",
    "alleged",
    "may",
    "might",
    "could",
    "suggest",
    "suggests",
    "suggesting",
    "suggested",
];

/// The first hedge in `text` as a whole word (case-insensitive), with its
/// byte range. A capitalised "May" is the month, not the modal.
///
/// A whole word is a maximal run of letters, digits and hyphens, so the
/// text is read once, word by word, and each word is compared with the
/// hedges that end with such a word (this runs on every claim and quote of
/// every load).
pub fn find_hedge(text: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut at = 0;
    // Byte by byte where the text is ASCII; the end closes the last word.
    while at <= bytes.len() {
        let (in_word, width) = match bytes.get(at) {
            None => (false, 1),
            Some(&byte) if byte.is_ascii() => (byte.is_ascii_alphanumeric() || byte == b'-', 1),
            Some(_) => {
                let c = text[at..].chars().next().unwrap_or(' ');
                (is_word_char(c), c.len_utf8())
            }
        };
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(word)) => {
                start = None;
                if may_end_hedge(&text[word..at])
                    && let Some(found) = hedge_ending(text, word, at)
                {
                    return Some(found);
                }
            }
            _ => {}
        }
        at += width;
    }
    None
}

/// Whether some hedge ends with a word of this length and first letter.
/// Most words do not, and are passed over without trying each hedge: the
/// check reads every claim and quote at each load, which the language
/// server repeats on every change.
fn may_end_hedge(word: &str) -> bool {
    let first = word.as_bytes().first().map(u8::to_ascii_lowercase);
    first.is_some_and(|first| {
        HEDGE_LAST_WORDS
            .get(word.len())
            .is_some_and(|firsts| firsts.get(usize::from(first)) == Some(&true))
    })
}

/// By length, the first letters of the hedges' last words.
static HEDGE_LAST_WORDS: [[bool; 128]; 16] = {
    let mut table = [[false; 128]; 16];
    let mut i = 0;
    while i < HEDGES.len() {
        let hedge = HEDGES[i].as_bytes();
        let mut start = hedge.len();
        while start > 0 && hedge[start - 1] != b' ' {
            start -= 1;
        }
        table[hedge.len() - start][hedge[start] as usize] = true;
        i += 1;
    }
    table
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// The hedge that ends with the word `text[start..end]`, with its range:
/// the longest one, which starts first (`it seems` before `seems`).
fn hedge_ending(
    text: &str,
    start: usize,
    end: usize,
) -> Option<(&'static str, std::ops::Range<usize>)> {
    let word = &text[start..end];
    if word == "May" {
        return None;
    }
    HEDGES
        .iter()
        .filter_map(|&hedge| {
            // `hedge` ends with the word, after a space or nothing.
            let last = hedge.len().checked_sub(word.len())?;
            let tail = hedge.get(last..)?;
            if !tail.eq_ignore_ascii_case(word) {
                return None;
            }
            if last == 0 {
                return Some((hedge, start..end));
            }
            let words_before = hedge[..last].strip_suffix(' ')?;
            // The words before, then one space, as a whole word too.
            let from = start.checked_sub(last)?;
            let written = text.get(from..start)?;
            let whole = text[..from]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word_char(c));
            let same = written
                .strip_suffix(' ')
                .is_some_and(|w| w.eq_ignore_ascii_case(words_before));
            (whole && same).then_some((hedge, from..end))
        })
        .min_by_key(|(_, range)| range.start)
}

fn dropped_hedges(dataset: &Dataset, out: &mut Vec<Diagnostic>) {
    for claim in &dataset.claims {
        if claim.mode != Mode::Asserted || find_hedge(&claim.text).is_some() {
            continue;
        }
        let Some((span, (hedge, at))) = claim
            .spans
            .iter()
            .find_map(|s| find_hedge(&s.quote).map(|found| (s, found)))
        else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Code::HedgeDropped,
                format!("claim `{}` states flatly what its quote hedges with `{hedge}`", claim.id),
            )
            .at(part_of_value(&dataset.text, &span.quote_value, &span.quote, at))
            .label("hedged in the document")
            .help(format!("keep the hedge: say it in the claim's text, or add `hedge = \"{hedge}\"` (or the `mode` that fits: hypothesis, forecast, recommendation)"))
            .claim(&claim.id),
        );
    }
}

fn topics_across_periods(dataset: &Dataset, out: &mut Vec<Diagnostic>) {
    // The named periods of each topic's claims, in one pass over the claims.
    let mut periods_of: Vec<Vec<PeriodIx>> = vec![Vec::new(); dataset.topics.len()];
    for claim in &dataset.claims {
        if let Some(When::Period(id)) = claim.when.as_ref().map(|w| &w.value)
            && let Some(period) = dataset.period_index(id)
            && let Some(topic) = dataset.topic_index(&claim.topic)
            && !periods_of[topic.0].contains(&period)
        {
            periods_of[topic.0].push(period);
        }
    }
    for (topic, periods) in dataset.topics.iter().zip(&periods_of) {
        let apart = periods.iter().enumerate().find_map(|(i, &p)| {
            let span = dataset.periods[p].span?;
            periods[i + 1..].iter().find_map(|&q| {
                let other = dataset.periods[q].span?;
                (!span.overlaps(&other)).then_some((p, q))
            })
        });
        if let Some((p, q)) = apart {
            let (p, q) = (&dataset.periods[p], &dataset.periods[q]);
            out.push(
                Diagnostic::new(
                    Code::TopicSpansPeriods,
                    format!(
                        "topic `{}` has claims about {} and about {}",
                        topic.id, p.name, q.name
                    ),
                )
                .at(topic.decl.clone())
                .label("two periods in one topic")
                .note(format!("periods `{}` and `{}` do not overlap", p.id, q.id))
                .help("hint: a topic asks one question about one time; split it into one topic per period, and link across them with `updates` or `contrasts`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passes_run_at_once_give_what_they_give_one_by_one() {
        let mut text = String::from(
            "[sources.s]\npath = \"s.txt\"\n[topics.t]\nquestion = \"q?\"\n\
             [periods.spring]\nname = \"spring\"\nwhen = \"2026-03\"\n\
             [periods.war]\nname = \"the war\"\nwhen = \"2025-06\"\n",
        );
        for n in 0..CLAIMS_PER_THREAD + 10 {
            let when = if n % 2 == 0 { "spring" } else { "war" };
            text.push_str(&format!(
                "[claims.c{n}]\ntopic = \"t\"\ntext = \"Claim {n} is so.\"\nwhen = \"{when}\"\n\
                 spans = [{{ source = \"s\", quote = \"it may be claim {n}\" }}]\n\
                 contradicts = [\"c{}\"]\n",
                n + 1
            ));
        }
        let dataset = crate::load::str_without_documents(std::path::Path::new("c.toml"), text);
        let together = check(&dataset);
        let codes: Vec<Code> = together.iter().map(|d| d.code).collect();
        for code in [
            Code::ContradictionAcrossTimes,
            Code::HedgeDropped,
            Code::TopicSpansPeriods,
        ] {
            assert!(
                codes.contains(&code),
                "{code:?} is among {} diagnostics",
                codes.len()
            );
        }
        assert_eq!(together, one_by_one(&dataset));
    }

    #[test]
    fn hedges_are_found_as_whole_words() {
        assert_eq!(
            find_hedge("Israel will likely seek closer cooperation"),
            Some(("likely", 12..18))
        );
        assert_eq!(
            find_hedge("It seems neither side wanted it"),
            Some(("it seems", 0..8))
        );
        assert_eq!(
            find_hedge("the strikes may have been"),
            Some(("may", 12..15))
        );
        assert_eq!(find_hedge("The alleged launch"), Some(("alleged", 4..11)));
        assert_eq!(find_hedge("is only 'alleged'."), Some(("alleged", 9..16)));
        assert_eq!(
            find_hedge("a “potential” staging ground"),
            Some(("potential", 5..14))
        );
        assert_eq!(
            find_hedge("the last one reportedly hit"),
            Some(("reportedly", 13..23))
        );
    }

    #[test]
    fn words_that_only_contain_a_hedge_are_not_hedges() {
        assert_eq!(find_hedge("a mayor could"), Some(("could", 8..13)));
        assert_eq!(
            find_hedge("In May 2026 the likelihood of strikes grew"),
            None
        );
        assert_eq!(find_hedge("Four civilians were reported injured."), None);
        assert_eq!(find_hedge("four Iranian drones had taken part"), None);
    }

    #[test]
    fn the_earliest_hedge_is_named() {
        assert_eq!(find_hedge("could, it seems, be"), Some(("could", 0..5)));
    }

    /// The search as it was before it read word by word: each hedge looked
    /// for in the lowercased text, the earliest whole-word match kept.
    fn find_hedge_by_search(text: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
        let lower = text.to_ascii_lowercase();
        let is_word = |c: char| c.is_alphanumeric() || c == '-';
        let mut best: Option<(&'static str, std::ops::Range<usize>)> = None;
        for &hedge in HEDGES {
            for (at, _) in lower.match_indices(hedge) {
                let end = at + hedge.len();
                let before = lower[..at].chars().next_back();
                let after = lower[end..].chars().next();
                if before.is_some_and(is_word) || after.is_some_and(is_word) {
                    continue;
                }
                if hedge == "may" && text.get(at..end) == Some("May") {
                    continue;
                }
                if best.as_ref().is_none_or(|(_, r)| at < r.start) {
                    best = Some((hedge, at..end));
                }
                break;
            }
        }
        best
    }

    proptest::proptest! {
        #[test]
        fn reading_word_by_word_finds_what_searching_found(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "it", "It", "IT", "seems", "Seem", "seem", "may", "May", "MAY", "mayor",
                    "could", "suggest", "suggests", "likely", "un-likely", "possible",
                    "possibly", "İ", "é", "9", "drones", "potential", "potentially",
                ]),
                0..8,
            ),
            separators in proptest::collection::vec(
                proptest::sample::select(vec![" ", "  ", "-", ",", "’", "\n", "", "“"]),
                8,
            ),
        ) {
            let mut text = String::new();
            for (word, separator) in words.iter().zip(&separators) {
                text.push_str(word);
                text.push_str(separator);
            }
            proptest::prop_assert_eq!(find_hedge(&text), find_hedge_by_search(&text), "{:?}", text);
        }
    }

    #[test]
    fn offsets_are_bytes_of_the_text_as_written() {
        // 'İ' lowercases to two chars; offsets must not shift.
        assert_eq!(find_hedge("İstanbul may"), Some(("may", 10..13)));
    }
}
