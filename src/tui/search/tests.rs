use super::*;

fn shipped() -> Dataset {
    crate::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims.toml"))
}

/// The shipped claims, listed backwards: a display order unlike the file's.
fn search_of(dataset: &Dataset) -> Search {
    let order: Vec<ClaimIx> = ClaimIx::all(dataset.claims.len()).rev().collect();
    Search::new(dataset, &order)
}

fn count(found: &Option<Vec<bool>>) -> usize {
    found
        .as_ref()
        .map_or(0, |f| f.iter().filter(|&&m| m).count())
}

#[test]
fn typing_and_erasing_gives_what_a_fresh_search_gives() {
    let dataset = shipped();
    let typed = search_of(&dataset);
    let mut counts = Vec::new();
    for word in ["drones", "baku neutral", "nakhchivan airport", "xqzv"] {
        let steps: Vec<&str> = (1..=word.len())
            .chain((1..word.len()).rev())
            .map(|n| &word[..n])
            .collect();
        for query in steps {
            let fresh = search_of(&dataset).matching(query);
            let narrowed = typed.matching(query);
            assert_eq!(narrowed, fresh, "{query:?}");
            counts.push((query, count(&narrowed)));
        }
    }
    let of = |q: &str| counts.iter().find(|(query, _)| *query == q).unwrap().1;
    assert!(of("drones") >= 5, "{counts:?}");
    assert!(of("d") > of("drones"), "{counts:?}");
    assert_eq!(of("xqzv"), 0);
}

/// Typed a few candidates at a time, each query left unfinished before the
/// next character: what is known always agrees with the whole search, and
/// finishing gives the same.
#[test]
fn searching_a_little_at_a_time_knows_only_what_is_so() {
    let dataset = shipped();
    let search = search_of(&dataset);
    let total = dataset.claims.len();
    for word in ["drones", "baku neutral", "ab"] {
        let steps: Vec<&str> = (1..=word.len())
            .chain((1..word.len()).rev())
            .map(|n| &word[..n])
            .collect();
        for query in steps {
            let whole = search_of(&dataset).matching(query).unwrap();
            let mut listed = 0;
            let mut ends = Vec::new();
            loop {
                let known = search.progress(query, listed, Work::Next(7)).unwrap();
                for &claim in &search.order[..known.end()] {
                    assert_eq!(known.matches(ClaimIx(claim)), whole[claim], "{query:?}");
                }
                ends.push(known.end());
                listed = known.end();
                if listed == total || ends.len() == 3 {
                    break;
                }
            }
            assert!(ends.windows(2).all(|w| w[0] <= w[1]), "{ends:?}");
        }
        let query = word;
        let slice = search.progress(query, 0, Work::For(Duration::from_micros(50)));
        assert!(slice.unwrap().end() > 0);
        let known = search.progress(query, 0, Work::All).unwrap();
        assert_eq!(known.end(), total);
        let whole = search_of(&dataset).matching(query).unwrap();
        assert_eq!(known.found.matched, whole, "{query:?}");
    }
}

#[test]
fn an_empty_query_matches_everything() {
    let dataset = shipped();
    assert_eq!(search_of(&dataset).matching(""), None);
    assert!(search_of(&dataset).progress("", 0, Work::All).is_none());
}
