//! Authoring from the keyboard, without a terminal: selecting a passage in
//! the reader, the new-claim and link dialogs, editing text and notes, and
//! the edits they ask to be saved.

mod common;

use std::ops::Range;
use std::path::{Path, PathBuf};

use common::keys::{key_with, press};
use common::{carry_out, tui_project};
use crux::edit::{Change, Edit, Fault, NewClaim, inject_fault};
use crux::model::{RelationKind, Status};
use crux::tui::app::App;
use crux::tui::effect::Effect;
use crux::tui::screen::Pane;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/claims.toml")
}

fn app() -> App {
    App::new(crux::load(&fixture_path()))
}

/// The reader open on the Houé article (the third source).
fn reading_houe() -> App {
    reading_houe_in(app())
}

fn reading_houe_in(mut app: App) -> App {
    press(&mut app, "3jj\n");
    let reader = app
        .screens
        .sources
        .reader
        .as_ref()
        .expect("the reader is open");
    assert_eq!(app.dataset().sources[reader.source].id, "houe");
    app
}

fn shown(app: &App) -> &str {
    let reader = app.screens.sources.reader.as_ref().unwrap();
    app.data.shown_text(reader.source)
}

fn selection(app: &App) -> Range<usize> {
    app.screens
        .sources
        .reader
        .as_ref()
        .unwrap()
        .selection()
        .expect("a selection")
}

fn selected(app: &App) -> &str {
    &shown(app)[selection(app)]
}

/// The byte range of `text`'s first occurrence in what the reader shows.
fn at(app: &App, text: &str) -> Range<usize> {
    let start = shown(app).find(text).expect("text in the document");
    start..start + text.len()
}

fn select_id(app: &mut App, id: &str) {
    let index = app.dataset().claim_index(id).unwrap();
    app.select_claim(index);
}

#[test]
fn the_selection_grows_by_word_char_and_sentence() {
    let mut app = reading_houe();
    press(&mut app, "/barely a day\n");
    let barely = at(&app, "barely a day").start;
    assert_eq!(app.screens.sources.reader.as_ref().unwrap().cursor, barely);
    press(&mut app, "vw");
    assert_eq!(selection(&app), barely..barely + "barely".len());
    press(&mut app, "w");
    assert_eq!(selected(&app), "barely a");
    press(&mut app, "l");
    assert_eq!(selected(&app), "barely a ");
    press(&mut app, "hb");
    assert_eq!(selected(&app), "barely ");
    press(&mut app, ")");
    let sentence = at(
        &app,
        "barely a day after that condolence visit, drones launched from Iranian territory \
         struck Nakhichevan, Azerbaijan’s exclave on the Iranian border.",
    );
    assert_eq!(selection(&app), sentence);
    press(&mut app, "(");
    let on_march = at(&app, "On March 5, barely").start;
    assert_eq!(
        selection(&app),
        on_march..barely,
        "back past the anchor selects before it"
    );
    press(&mut app, "(");
    let heading = at(&app, "The Nakhichevan Strikes and Their Aftermath").start;
    assert_eq!(selection(&app), heading..barely, "a heading is a sentence");
    press(&mut app, "o");
    assert_eq!(
        app.screens.sources.reader.as_ref().unwrap().cursor,
        barely,
        "ends swapped"
    );
    press(&mut app, "\x1b");
    assert_eq!(
        app.screens.sources.reader.as_ref().unwrap().anchor,
        None,
        "Esc drops it"
    );
    assert!(
        app.screens.sources.reader.is_some(),
        "and leaves the reader open"
    );
}

#[test]
fn a_find_extends_the_selection_to_the_end_of_the_match() {
    let mut app = reading_houe();
    press(&mut app, "/barely\nv/four iranian");
    let expected = at(
        &app,
        "barely a day after that condolence visit, drones launched from Iranian territory \
         struck Nakhichevan, Azerbaijan’s exclave on the Iranian border. Azerbaijan’s \
         Ministry of Defense stated that four Iranian",
    );
    assert_eq!(selection(&app), expected, "incremental, before Enter");
    press(&mut app, "\n");
    let reader = app.screens.sources.reader.as_ref().unwrap();
    assert_eq!(reader.find.text, "four iranian");
    // `n` goes on to the next "four" match in the document, if any, else wraps.
    let before = selection(&app);
    press(&mut app, "\x1b");
    press(&mut app, "/zzzq");
    assert!(app.message.as_ref().unwrap().is_error, "not found is said");
    press(&mut app, "\x1b");
    assert_eq!(
        app.screens.sources.reader.as_ref().unwrap().cursor,
        before.end,
        "Esc in a find goes back to where it started"
    );
}

#[test]
fn n_walks_the_find_matches_and_offsets_stay_on_char_boundaries() {
    let mut app = reading_houe();
    press(&mut app, "/azerbaijan’s\n");
    let first = shown(&app).find("Azerbaijan’s").unwrap();
    assert_eq!(app.screens.sources.reader.as_ref().unwrap().cursor, first);
    press(&mut app, "n");
    let second = first + 1 + shown(&app)[first + 1..].find("Azerbaijan’s").unwrap();
    assert_eq!(app.screens.sources.reader.as_ref().unwrap().cursor, second);
    press(&mut app, "N");
    assert_eq!(app.screens.sources.reader.as_ref().unwrap().cursor, first);
    // Stepping over the curly apostrophe (3 bytes) lands on boundaries.
    press(&mut app, "v");
    for _ in 0.."Azerbaijan’s".chars().count() {
        press(&mut app, "l");
        let cursor = app.screens.sources.reader.as_ref().unwrap().cursor;
        assert!(shown(&app).is_char_boundary(cursor));
    }
    assert_eq!(selected(&app), "Azerbaijan’s");
}

#[test]
fn brackets_step_through_quotes_even_during_a_find() {
    let mut app = reading_houe();
    let quotes = app
        .data
        .placed(app.screens.sources.reader.as_ref().unwrap().source)
        .len();
    assert!(quotes >= 2, "the fixture marks several quotes");
    press(&mut app, "/azerbaijan’s\n");
    let span = app.screens.sources.reader.as_ref().unwrap().span;
    press(&mut app, "]");
    assert_eq!(
        app.screens.sources.reader.as_ref().unwrap().span,
        (span + 1) % quotes
    );
    press(&mut app, "[");
    assert_eq!(app.screens.sources.reader.as_ref().unwrap().span, span);
}

#[test]
fn n_moves_on_while_a_selection_grows_backwards() {
    let mut app = reading_houe();
    press(&mut app, "/azerbaijan’s\n");
    let first = app.screens.sources.reader.as_ref().unwrap().cursor;
    press(&mut app, "nvN");
    assert_eq!(
        app.screens.sources.reader.as_ref().unwrap().cursor,
        first,
        "back to the first"
    );
    press(&mut app, "n");
    assert_ne!(
        app.screens.sources.reader.as_ref().unwrap().cursor,
        first,
        "n moves on, not onto the match it is at"
    );
}

/// Selects "four Iranian drones had taken part in the attack" in the reader.
fn select_four_drones(app: &mut App) {
    press(app, "/four iranian drones\nv/attack\n");
    assert_eq!(
        selected(app),
        "four Iranian drones had taken part in the attack"
    );
}

/// The save of a new claim from `select_four_drones`, decided on the
/// claims file's text `base`.
fn the_new_claim(
    base: &str,
    id: &str,
    topic: &str,
    question: Option<&str>,
    text: &str,
) -> Vec<Effect> {
    vec![Effect::Apply {
        edit: Edit::AddClaim(NewClaim {
            id: id.into(),
            topic: topic.into(),
            new_topic_question: question.map(str::to_string),
            text: text.into(),
            source: "houe".into(),
            quote: "four Iranian drones had taken part in the attack".into(),
            prefix: None,
            suffix: None,
        }),
        base: base.into(),
    }]
}

#[test]
fn a_claim_from_the_selection_on_a_topic_picked_by_fuzzy_query() {
    let mut app = reading_houe();
    select_four_drones(&mut app);
    assert!(press(&mut app, "c").is_empty());
    assert!(app.flow.is_some());
    assert!(press(&mut app, "origin\n").is_empty());
    let effects = press(
        &mut app,
        "\x15Four Iranian drones took part.\n\x15houe-four-drones\n",
    );
    assert_eq!(
        effects,
        the_new_claim(
            &app.dataset().text,
            "houe-four-drones",
            "drone-origin",
            None,
            "Four Iranian drones took part."
        )
    );
    assert!(app.flow.is_none(), "the dialog closes");
}

#[test]
fn a_passage_that_occurs_twice_gets_a_prefix_or_suffix_that_finds_the_one_selected() {
    let mut app = reading_houe();
    press(&mut app, "/azerbaijan’s\nnv");
    for _ in 0.."Azerbaijan’s".chars().count() {
        press(&mut app, "l");
    }
    assert_eq!(selected(&app), "Azerbaijan’s");
    press(&mut app, "corigin\n\x15Its own.\n");
    let effects = press(&mut app, "\x15houe-own\n");
    let [Effect::Apply { edit, .. }] = effects.as_slice() else {
        panic!("one save: {effects:?}");
    };
    let Edit::AddClaim(new) = edit else {
        panic!("a new claim: {edit:?}");
    };
    assert_eq!(new.quote, "Azerbaijan’s");
    assert!(
        new.prefix.is_some() || new.suffix.is_some(),
        "the quote alone matches twice: {new:?}"
    );

    // Written and loaded again, the quote lands on the selected place.
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixture_path();
    let from = fixture.parent().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    for entry in std::fs::read_dir(from.join("docs")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            dir.path().join("docs").join(entry.file_name()),
        )
        .unwrap();
    }
    let path = dir.path().join("claims.toml");
    let text = std::fs::read_to_string(&fixture).unwrap();
    std::fs::write(&path, edit.apply(&text).unwrap()).unwrap();
    let dataset = crux::load(&path);
    assert_eq!(dataset.error_count(), 0, "{:?}", dataset.diagnostics);
    let claim = dataset.claim("houe-own").unwrap();
    let anchor = claim.spans[0].anchor.as_ref().unwrap();
    let document = dataset.source("houe").unwrap().text().unwrap();
    let first = document.find("Azerbaijan’s").unwrap();
    let second_in_document = first + 1 + document[first + 1..].find("Azerbaijan’s").unwrap();
    assert_eq!(anchor.bytes.start, second_in_document);
}

#[test]
fn a_claim_on_a_new_topic_with_the_quote_as_its_text() {
    let mut app = reading_houe();
    select_four_drones(&mut app);
    press(&mut app, "c");
    // Three topics, then "new topic…".
    for _ in 0..3 {
        key_with(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    press(&mut app, "\nHow many drones struck Nakhchivan?\n");
    let flow = app.flow.as_ref().unwrap();
    let (asked, input) = flow.prompt().unwrap();
    assert_eq!(asked, "new topic's id");
    assert_eq!(input.text, "how-many-drones-struck-nakhchivan");
    let effects = press(&mut app, "\x15drone-count\n\n");
    assert!(effects.is_empty());
    let (asked, input) = app.flow.as_ref().unwrap().prompt().unwrap();
    assert_eq!(asked, "claim id");
    assert_eq!(
        input.text, "houe-four-iranian-drones",
        "suggested from the text"
    );
    let effects = press(&mut app, "\n");
    assert_eq!(
        effects,
        the_new_claim(
            &app.dataset().text,
            "houe-four-iranian-drones",
            "drone-count",
            Some("How many drones struck Nakhchivan?"),
            "four Iranian drones had taken part in the attack"
        )
    );
}

#[test]
fn esc_cancels_the_new_claim_at_every_step() {
    for steps in ["", "origin\n", "origin\nMy text.\n"] {
        let mut app = reading_houe();
        select_four_drones(&mut app);
        press(&mut app, "c");
        assert!(press(&mut app, steps).is_empty());
        assert!(app.flow.is_some(), "still asking after {steps:?}");
        assert!(press(&mut app, "\x1b").is_empty());
        assert!(app.flow.is_none(), "cancelled after {steps:?}");
        assert!(
            app.screens
                .sources
                .reader
                .as_ref()
                .unwrap()
                .anchor
                .is_some(),
            "the selection stays"
        );
    }
}

#[test]
fn wrong_answers_are_asked_again() {
    let mut app = reading_houe();
    press(&mut app, "c");
    assert!(app.flow.is_none());
    assert!(app.message.as_ref().unwrap().is_error, "nothing selected");
    select_four_drones(&mut app);
    press(&mut app, "c");
    press(&mut app, "origin\n\x15\n");
    assert!(app.message.as_ref().unwrap().is_error, "an empty text");
    press(&mut app, "Text.\n\x15launched-from-iran\n");
    let message = app.message.clone().unwrap();
    assert!(message.text.contains("already a claim"), "{message:?}");
    assert!(press(&mut app, "\x15has space\n").is_empty());
    assert!(app.flow.is_some(), "still asking for the id");
}

#[test]
fn a_link_to_a_picked_claim_same_topic_first() {
    let mut app = app();
    select_id(&mut app, "thirty-tons");
    press(&mut app, "L");
    let picker = app.flow.as_ref().unwrap().picker().unwrap();
    let ids: Vec<&str> = picker
        .matches
        .iter()
        .map(|&i| picker.items[i].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "crossings-reopened",
            "launched-from-iran",
            "baku-says-iran",
            "iran-denies",
            "false-flag",
            "stayed-neutral",
            "largely-neutral",
            "aligned-not-neutral",
        ],
        "itself and first-convoy (already linked) are left out"
    );
    press(&mut app, "largely\n");
    assert!(press(&mut app, "x").is_empty(), "only a kind's key");
    let effects = press(&mut app, "cTons are not a stance.\n");
    assert_eq!(
        effects,
        [Effect::Apply {
            edit: Edit::AddLink {
                claim: "thirty-tons".into(),
                other: "largely-neutral".into(),
                kind: RelationKind::Contradicts,
                note: Some("Tons are not a stance.".into()),
            },
            base: app.dataset().text.clone(),
        }]
    );
    press(&mut app, "Lcross\na");
    assert_eq!(
        press(&mut app, "\n"),
        [Effect::Apply {
            edit: Edit::AddLink {
                claim: "thirty-tons".into(),
                other: "crossings-reopened".into(),
                kind: RelationKind::Agrees,
                note: None,
            },
            base: app.dataset().text.clone(),
        }]
    );
}

#[test]
fn the_selected_link_is_removed_after_a_yes() {
    let mut app = app();
    select_id(&mut app, "iran-denies");
    assert!(
        press(&mut app, "D").is_empty(),
        "the list has no link cursor"
    );
    assert!(app.flow.is_none());
    // iran-denies agrees with false-flag, contradicts launched-from-iran.
    press(&mut app, "\tj");
    assert_eq!(app.screens.claims.focus, Pane::Detail);
    press(&mut app, "D");
    assert!(press(&mut app, "n").is_empty());
    assert!(app.flow.is_none(), "n keeps the link");
    press(&mut app, "D");
    assert_eq!(
        press(&mut app, "y"),
        [Effect::Apply {
            edit: Edit::RemoveLink {
                claim: "iran-denies".into(),
                other: "launched-from-iran".into(),
                kind: RelationKind::Contradicts,
            },
            base: app.dataset().text.clone(),
        }]
    );
}

#[test]
fn text_and_note_are_edited_in_place() {
    let mut app = app();
    select_id(&mut app, "first-convoy");
    press(&mut app, "t");
    let ctrl_w = key_with(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert!(ctrl_w.is_empty());
    key_with(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    key_with(&mut app, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(
        press(&mut app, "the Astara crossing.\n"),
        [Effect::Apply {
            edit: Edit::SetText {
                claim: "first-convoy".into(),
                text: "A first convoy of roughly thirty tons went through the Astara crossing."
                    .into(),
            },
            base: app.dataset().text.clone(),
        }]
    );
    assert_eq!(
        press(&mut app, "m\x15\n"),
        [Effect::Apply {
            edit: Edit::SetNote {
                claim: "first-convoy".into(),
                note: None,
            },
            base: app.dataset().text.clone(),
        }],
        "an emptied note is removed"
    );
    assert!(
        press(&mut app, "t\n").is_empty(),
        "unchanged text: nothing to save"
    );
    select_id(&mut app, "thirty-tons");
    assert_eq!(
        press(&mut app, "m Check the date. \n"),
        [Effect::Apply {
            edit: Edit::SetNote {
                claim: "thirty-tons".into(),
                note: Some("Check the date.".into()),
            },
            base: app.dataset().text.clone(),
        }]
    );
}

/// The review UI on a copy of the test project, which saves go to.
fn saving_app() -> (tempfile::TempDir, PathBuf, App) {
    let (dir, path) = tui_project();
    let app = App::new(crux::load(&path));
    (dir, path, app)
}

/// Carries out `effects`, each save expected to succeed.
fn saved(app: &mut App, path: &Path, effects: Vec<Effect>) {
    for result in carry_out(app, path, effects) {
        result.unwrap();
    }
}

/// Carries out `effects` on a full disk: each save fails.
fn not_saved(app: &mut App, path: &Path, effects: Vec<Effect>) {
    inject_fault(Fault::OsError(28));
    for result in carry_out(app, path, effects) {
        assert!(result.is_err(), "{result:?}");
    }
}

#[test]
fn undo_applies_the_edit_that_undoes_the_last_save() {
    let (_dir, path, mut app) = saving_app();
    select_id(&mut app, "thirty-tons");
    let effects = press(&mut app, "Lcross\na\n");
    let [Effect::Apply { .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    saved(&mut app, &path, effects);
    select_id(&mut app, "first-convoy");
    let undo = Change {
        edit: Edit::RemoveLink {
            claim: "thirty-tons".into(),
            other: "crossings-reopened".into(),
            kind: RelationKind::Agrees,
        },
        base: app.dataset().text.clone(),
    };
    assert_eq!(app.history.next_undo(), Some(&undo));
    let effects = press(&mut app, "U");
    assert_eq!(effects, [Effect::Undo]);
    assert_eq!(
        app.dataset().claims[app.selected_claim().unwrap()].id,
        "thirty-tons",
        "undo shows the claim it changes"
    );
    not_saved(&mut app, &path, effects);
    assert_eq!(
        app.history.next_undo(),
        Some(&undo),
        "a failed undo can be tried again"
    );
    assert_eq!(app.history.undo_len(), 1);
}

#[test]
fn a_new_claim_that_failed_to_save_is_kept_for_another_try() {
    let (_dir, path, app) = saving_app();
    let mut app = reading_houe_in(app);
    select_four_drones(&mut app);
    let effects = press(&mut app, "corigin\n\n\x15four\n");
    let [Effect::Apply { edit, base }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let change = Change {
        edit: edit.clone(),
        base: base.clone(),
    };
    not_saved(&mut app, &path, effects);
    let message = app.message.clone().unwrap();
    assert!(message.is_error && message.text.contains("R tries again"));
    assert_eq!(app.history.retryable(), Some(&change));
    let retry = press(&mut app, "R");
    assert_eq!(retry, [Effect::Retry]);
    saved(&mut app, &path, retry);
    assert!(app.dataset().claim("four").is_some(), "saved on the retry");
}

#[test]
fn a_saved_claim_is_selected_on_the_claims_screen() {
    let (_dir, path, app) = saving_app();
    let mut app = reading_houe_in(app);
    select_four_drones(&mut app);
    let effects = press(&mut app, "corigin\n\n\x15four\n");
    assert!(
        app.screens
            .sources
            .reader
            .as_ref()
            .unwrap()
            .selection()
            .is_some()
    );
    saved(&mut app, &path, effects);
    assert_eq!(app.screen, crux::tui::screen::Screen::Claims);
    let selected = app.selected_claim().unwrap();
    assert_eq!(app.dataset().claims[selected].id, "four");
    assert_eq!(app.dataset().claims[selected].status, Status::Unreviewed);
    assert_eq!(
        app.screens.sources.reader.as_ref().map(|r| r.selection()),
        Some(None),
        "the selection the claim was made from is dropped"
    );
}

#[test]
fn a_loosely_matching_quote_is_repaired_after_a_yes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("doc.txt"),
        "Officials said the “four drones” struck at dawn.\n",
    )
    .unwrap();
    let path = dir.path().join("claims.toml");
    std::fs::write(
        &path,
        "[sources.d]\npath = \"doc.txt\"\n\n[topics.t]\nquestion = \"How many?\"\n\n\
         [claims.four]\ntopic = \"t\"\ntext = \"Four drones.\"\n\
         spans = [{ source = \"d\", quote = 'the \"four drones\" struck' }]\n\n\
         [claims.other]\ntopic = \"t\"\ntext = \"Other.\"\nspans = []\n",
    )
    .unwrap();
    let mut app = App::new(crux::load(&path));
    press(&mut app, "4");
    let codes: Vec<&str> = app
        .dataset()
        .diagnostics
        .iter()
        .map(|d| d.code.id())
        .collect();
    let normalized = codes
        .iter()
        .position(|&c| c == "W0001")
        .unwrap_or_else(|| panic!("no W0001 in {codes:?}"));
    let other = codes
        .iter()
        .position(|&c| c != "W0001")
        .unwrap_or_else(|| panic!("only W0001 in {codes:?}"));
    for _ in 0..other {
        press(&mut app, "j");
    }
    press(&mut app, "f");
    assert!(app.flow.is_none(), "not a quote crux can repair");
    press(&mut app, "g");
    for _ in 0..normalized {
        press(&mut app, "j");
    }
    assert!(press(&mut app, "f").is_empty());
    let Some(crux::tui::flow::Flow::Confirm { question, .. }) = &app.flow else {
        panic!("asks first");
    };
    assert_eq!(question[1], "old: “the \"four drones\" struck”");
    assert_eq!(question[2], "new: “the “four drones” struck”");
    let effects = press(&mut app, "y");
    assert_eq!(
        effects,
        [Effect::Apply {
            edit: Edit::SetQuote {
                claim: "four".into(),
                span: 0,
                quote: "the “four drones” struck".into(),
                prefix: None,
                suffix: None,
                line: Some(1),
            },
            base: app.dataset().text.clone(),
        }]
    );

    // Saved; U on the Diagnostics screen undoes it.
    saved(&mut app, &path, effects);
    assert_eq!(app.screen, crux::tui::screen::Screen::Diagnostics);
    assert_eq!(
        app.history.next_undo(),
        Some(&Change {
            edit: Edit::SetQuote {
                claim: "four".into(),
                span: 0,
                quote: "the \"four drones\" struck".into(),
                prefix: None,
                suffix: None,
                line: None,
            },
            base: std::fs::read_to_string(&path).unwrap().into(),
        })
    );
    assert_eq!(press(&mut app, "U"), [Effect::Undo]);
}
