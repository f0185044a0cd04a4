//! The claim search on a generated corpus of a few thousand claims: a key
//! lists only the claims a screen shows and says "N+ matching"; the rest
//! is listed between keys, after which the list and its count are those
//! of the whole search. Moves that need the whole list get it.

mod common;

#[path = "../examples/gen-corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::time::Duration;

use common::keys::press;
use common::screen::{draw, text_of};
use crux::ix::ClaimIx;
use crux::model::Status;
use crux::tui::app::App;
use crux::tui::search::Search;
use crux::tui::search::score::score;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The UI on a generated corpus of 2,000 claims (short documents), in a
/// temporary directory.
fn generated() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut params = gen_corpus::Params::new(20, 2_000, 11);
    params.doc_bytes = 3_000;
    gen_corpus::generate(&params, dir.path()).unwrap();
    let app = App::new(crux::load(&dir.path().join("claims.toml")));
    (dir, app)
}

/// The list the whole search gives for `query` under the current filter,
/// found at once by a search of its own.
fn whole_list(app: &App, query: &str) -> Vec<ClaimIx> {
    let data = &app.data;
    let matched = Search::new(&data.dataset, &data.order).matching(query);
    let filter = &app.screens.claims.filter;
    data.order
        .iter()
        .copied()
        .filter(|&c| filter.matches(&data.dataset, &data.dataset.graph, c))
        .filter(|&c| matched.as_ref().is_none_or(|m| m[c.0]))
        .collect()
}

/// The claims matching `query` as the search's rule says, field by field
/// with the scorer alone: a field scoring 16 per query character.
fn by_the_rule(app: &App, query: &str) -> Vec<ClaimIx> {
    let dataset = &app.data.dataset;
    let chars: Vec<char> = query.chars().collect();
    let needed = 16 * chars.len() as i64;
    let matches = |field: &str| score(field, &chars).is_some_and(|s| s >= needed);
    app.data
        .order
        .iter()
        .copied()
        .filter(|&c| {
            let claim = &dataset.claims[c];
            [&claim.id, &claim.text, &claim.topic]
                .into_iter()
                .any(|f| matches(f))
                || claim.spans.iter().any(|span| {
                    matches(&span.quote)
                        || matches(&span.source)
                        || dataset
                            .source(&span.source)
                            .and_then(|s| s.title.as_deref())
                            .is_some_and(matches)
                })
        })
        .collect()
}

/// The work between keys, done as the event loop does it; how many slices.
fn between_keys(app: &mut App) -> usize {
    let mut slices = 0;
    while app.has_work_between_keys() {
        app.work_between_keys(Duration::from_millis(1), &|| false);
        slices += 1;
        assert!(slices < 1_000_000, "the list never completes");
    }
    slices
}

/// After each key the list is the start of the whole search's list, and
/// says so when it is not all of it; between keys it becomes all of it.
#[test]
fn the_list_completed_between_keys_is_the_whole_search() {
    let (_dir, mut app) = generated();
    let mut partial = 0;
    let mut check = |app: &mut App, keys: &str| {
        let kept = app.selected_claim();
        press(app, keys);
        let query = app.screens.claims.query.clone();
        let whole = whole_list(app, &query);
        let claims = &app.screens.claims;
        assert!(whole.starts_with(&claims.visible), "{query:?}");
        if claims.is_complete() {
            assert_eq!(claims.visible, whole, "{query:?}");
            assert_eq!(claims.count_label(&app.data), whole.len().to_string());
        } else {
            partial += 1;
            assert_eq!(
                claims.count_label(&app.data),
                format!("{}+", claims.visible.len())
            );
        }
        if keys.chars().all(|c| c.is_alphanumeric()) {
            assert_eq!(app.selected_claim(), whole.first().copied(), "{query:?}");
        } else {
            assert_eq!(app.selected_claim(), kept, "{query:?}");
        }
        between_keys(app);
        let claims = &app.screens.claims;
        assert_eq!(claims.visible, whole, "{query:?}");
        assert_eq!(claims.count_label(&app.data), whole.len().to_string());
    };
    // Each key left unfinished but the last: a query narrows one whose
    // search is not complete.
    press(&mut app, "/dron");
    check(&mut app, "e");
    for keys in ["\x08", "\x08", "ne", "s", "\x08\x08\x08\x08", "a"] {
        check(&mut app, keys);
    }
    press(&mut app, "\x1b");
    app.screens.claims.filter.status = Some(Status::Confirmed);
    app.screens.claims.refresh(&app.data, None);
    for keys in ["/", "d", "r", "o", "\x08"] {
        check(&mut app, keys);
    }
    assert!(
        partial >= 3,
        "the key left the list unfinished {partial} times"
    );
}

/// The whole search itself keeps the rule: a claim matches when one of
/// its fields scores 16 per query character.
#[test]
fn the_whole_search_keeps_the_rule() {
    let (_dir, mut app) = generated();
    for query in ["drone", "baku", "zq"] {
        press(&mut app, &format!("/{query}"));
        between_keys(&mut app);
        assert_eq!(
            app.screens.claims.visible,
            by_the_rule(&app, query),
            "{query:?}"
        );
        press(&mut app, "\x1b");
    }
}

#[test]
fn the_count_says_more_may_come_until_the_list_is_complete() {
    let (_dir, mut app) = generated();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    press(&mut app, "/d");
    let shown = app.screens.claims.visible.len();
    let whole = whole_list(&app, "d").len();
    assert!(shown < whole, "{shown} of {whole}");
    let text = text_of(&draw(&mut terminal, &mut app));
    assert!(text.contains(&format!("/d█  {shown}+ matching")), "{text}");
    assert!(text.contains(&format!("Claims 1/{shown}+ ")), "{text}");
    between_keys(&mut app);
    let text = text_of(&draw(&mut terminal, &mut app));
    assert!(text.contains(&format!("/d█  {whole} matching")), "{text}");
    assert!(text.contains(&format!("Claims 1/{whole} ")), "{text}");
    assert!(!text.contains('+'), "{text}");
}

/// The last claim, the one before the first, the next past what a key
/// listed and the next contradicted claim going round are those of the
/// whole list, though the key listed only its start. Each with a query of
/// its own, whose search has not begun.
#[test]
fn moves_that_need_the_whole_list_list_it() {
    let (_dir, mut app) = generated();
    press(&mut app, "/d\n");
    let whole = whole_list(&app, "d");
    assert!(!app.screens.claims.is_complete());
    press(&mut app, "N");
    assert_eq!(app.selected_claim(), whole.last().copied());
    assert_eq!(app.screens.claims.visible, whole);

    press(&mut app, "\x1b/e\n");
    let whole = whole_list(&app, "e");
    assert!(!app.screens.claims.is_complete());
    press(&mut app, "G");
    assert_eq!(app.selected_claim(), whole.last().copied());

    press(&mut app, "\x1b/a\n");
    let whole = whole_list(&app, "a");
    let listed = app.screens.claims.visible.len();
    assert!(!app.screens.claims.is_complete());
    for _ in 0..listed + 5 {
        press(&mut app, "n");
    }
    assert_eq!(app.selected_claim(), Some(whole[listed + 5]));

    press(&mut app, "\x1b/o\n");
    let whole = whole_list(&app, "o");
    assert!(!app.screens.claims.is_complete());
    let last = app.screens.claims.visible.len() - 1;
    app.screens.claims.cursor = last;
    press(&mut app, "]");
    let next = (last + 1..whole.len())
        .chain(0..=last)
        .find(|&p| contradicted(&app, whole[p]));
    assert_eq!(app.screens.claims.cursor, next.unwrap());
    assert_eq!(app.selected_claim(), Some(whole[next.unwrap()]));

    press(&mut app, "\x1b/i\n");
    let whole = whole_list(&app, "i");
    assert!(!app.screens.claims.is_complete());
    press(&mut app, "[");
    let previous = (0..whole.len())
        .rev()
        .find(|&p| contradicted(&app, whole[p]));
    assert_eq!(app.screens.claims.cursor, previous.unwrap());
    assert_eq!(app.selected_claim(), Some(whole[previous.unwrap()]));
}

fn contradicted(app: &App, claim: ClaimIx) -> bool {
    app.data.dataset.graph.is_contradicted(claim)
}
