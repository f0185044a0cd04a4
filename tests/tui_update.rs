//! The review UI's update logic driven by keys, without a terminal.

mod common;

use std::path::{Path, PathBuf};

use common::keys::{key, key_with, press};
use common::{carry_out, tui_project};
use crux::edit::{Change, Edit, Fault, inject_fault};
use crux::model::Status;
use crux::tui::app::{App, Mode};
use crux::tui::effect::Effect;
use crux::tui::screen::{Pane, Screen};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/claims.toml")
}

fn app() -> App {
    App::new(crux::load(&fixture_path()))
}

fn selected_id(app: &App) -> &str {
    &app.dataset().claims[app.selected_claim().expect("a claim is selected")].id
}

fn visible_ids(app: &App) -> Vec<&str> {
    app.screens
        .claims
        .visible
        .iter()
        .map(|&c| app.dataset().claims[c].id.as_str())
        .collect()
}

#[test]
fn claims_are_grouped_by_topic_and_navigable() {
    let mut app = app();
    assert_eq!(app.screen, Screen::Claims);
    assert_eq!(selected_id(&app), "launched-from-iran");
    press(&mut app, "jj");
    assert_eq!(selected_id(&app), "iran-denies");
    key(&mut app, KeyCode::Down);
    assert_eq!(selected_id(&app), "false-flag");
    press(&mut app, "G");
    assert_eq!(selected_id(&app), "crossings-reopened");
    key(&mut app, KeyCode::Home);
    assert_eq!(selected_id(&app), "launched-from-iran");
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Up);
    assert_eq!(selected_id(&app), "first-convoy");
    key_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(
        app.screens.claims.cursor, 0,
        "half a page up clamps at the top"
    );
}

#[test]
fn brackets_walk_the_contradicted_claims() {
    let mut app = app();
    press(&mut app, "G");
    press(&mut app, "]");
    assert_eq!(
        selected_id(&app),
        "launched-from-iran",
        "wraps to the first"
    );
    press(&mut app, "[");
    assert_eq!(selected_id(&app), "aligned-not-neutral");
}

#[test]
fn search_filters_live_and_enter_keeps_it() {
    let mut app = app();
    press(&mut app, "/drone");
    assert_eq!(app.mode, Mode::Search);
    assert_eq!(
        visible_ids(&app),
        [
            "launched-from-iran",
            "baku-says-iran",
            "iran-denies",
            "false-flag"
        ]
    );
    key(&mut app, KeyCode::Down);
    assert_eq!(
        selected_id(&app),
        "baku-says-iran",
        "arrows move while typing"
    );
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.screens.claims.query, "drone");
    press(&mut app, "n");
    assert_eq!(selected_id(&app), "baku-says-iran");
    press(&mut app, "N");
    press(&mut app, "N");
    assert_eq!(selected_id(&app), "false-flag", "previous wraps around");
    press(&mut app, "/xyzzy");
    assert!(app.screens.claims.visible.is_empty());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screens.claims.query, "");
    assert_eq!(app.screens.claims.visible.len(), 10);
}

#[test]
fn typing_a_search_does_not_trigger_commands() {
    let mut app = app();
    let effects = press(&mut app, "/quad");
    assert!(effects.is_empty(), "q inside a search is text: {effects:?}");
    assert_eq!(app.screens.claims.query, "quad");
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.screens.claims.query, "qua");
    let quit = key_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(quit, [Effect::Interrupt], "Ctrl-c quits as an interrupt");
}

#[test]
fn filter_menu_cycles_and_clears() {
    let mut app = app();
    press(&mut app, "f");
    assert_eq!(app.mode, Mode::FilterMenu);
    press(&mut app, "s");
    assert_eq!(app.screens.claims.filter.status, Some(Status::Unreviewed));
    assert_eq!(
        visible_ids(&app),
        [
            "baku-says-iran",
            "iran-denies",
            "stayed-neutral",
            "largely-neutral",
            "crossings-reopened"
        ]
    );
    press(&mut app, "c");
    assert!(app.screens.claims.filter.contradicted_only);
    assert_eq!(app.screens.claims.visible.len(), 4);
    press(&mut app, "tt");
    assert_eq!(
        app.screens.claims.filter.topic.as_deref(),
        Some("neutrality")
    );
    assert_eq!(visible_ids(&app), ["stayed-neutral", "largely-neutral"]);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, "F");
    assert!(!app.screens.claims.filter.is_active());
    assert_eq!(app.screens.claims.visible.len(), 10);
}

fn set_status(claim: &str, status: Status) -> Edit {
    Edit::SetStatus {
        claim: claim.into(),
        status,
    }
}

/// A save of `edit`, decided on the claims file's text `base`.
fn apply(edit: Edit, base: &str) -> Effect {
    Effect::Apply {
        edit,
        base: base.into(),
    }
}

/// What `U` would save: `edit`, checked against `base`.
fn undo_entry(app: &App) -> Option<(&Edit, &str)> {
    app.history.next_undo().map(|u| (&u.edit, &*u.base))
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

#[test]
fn review_keys_save_and_undo_restores_the_previous_status() {
    let (_dir, path, mut app) = saving_app();
    press(&mut app, "j");
    let effects = press(&mut app, "a");
    assert_eq!(
        effects,
        [apply(
            set_status("baku-says-iran", Status::Confirmed),
            &app.dataset().text,
        )]
    );
    saved(&mut app, &path, effects);
    let confirmed = app.dataset().text.clone();
    assert_eq!(app.dataset().claims[1].status, Status::Confirmed);
    assert_eq!(app.data.reviewed_count(), 6);

    let effects = press(&mut app, "jd");
    saved(&mut app, &path, effects);
    press(&mut app, "G");
    let text = app.dataset().text.clone();
    assert_eq!(
        undo_entry(&app),
        Some((&set_status("iran-denies", Status::Unreviewed), &*text))
    );
    let undo = key_with(&mut app, KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(undo, [Effect::Undo]);
    assert_eq!(
        selected_id(&app),
        "iran-denies",
        "undo selects the claim it restores"
    );
    saved(&mut app, &path, undo);
    assert_eq!(
        undo_entry(&app),
        Some((
            &set_status("baku-says-iran", Status::Unreviewed),
            &*confirmed
        )),
        "checked against the file as that save left it"
    );
    let undo = press(&mut app, "U");
    assert_eq!(undo, [Effect::Undo]);
    saved(&mut app, &path, undo);
    assert_eq!(app.dataset().claims[1].status, Status::Unreviewed);
    assert!(press(&mut app, "U").is_empty(), "nothing left to undo");
}

#[test]
fn confirm_and_next_moves_to_the_next_unreviewed_claim() {
    let mut app = app();
    let effects = key(&mut app, KeyCode::Char(' '));
    assert!(effects.is_empty(), "already confirmed: nothing to write");
    assert_eq!(selected_id(&app), "baku-says-iran");
    let effects = press(&mut app, "A");
    assert_eq!(
        effects,
        [apply(
            set_status("baku-says-iran", Status::Confirmed),
            &app.dataset().text,
        )]
    );
    assert_eq!(selected_id(&app), "iran-denies");
}

#[test]
fn a_failed_save_leaves_nothing_to_undo_and_can_be_retried() {
    let (_dir, path, mut app) = saving_app();
    let effects = press(&mut app, "r");
    let [Effect::Apply { edit, base }] = effects.as_slice() else {
        panic!("expected a save, got {effects:?}");
    };
    let change = Change {
        edit: edit.clone(),
        base: base.clone(),
    };
    inject_fault(Fault::OsError(28));
    let [Err(_)] = carry_out(&mut app, &path, effects).as_slice() else {
        panic!("the save fails");
    };
    assert_eq!(app.history.undo_len(), 0);
    assert!(app.message.as_ref().unwrap().is_error);
    assert_eq!(
        app.history.retryable(),
        Some(&change),
        "R tries the same change again"
    );
    let retry = press(&mut app, "R");
    assert_eq!(retry, [Effect::Retry]);
    saved(&mut app, &path, retry);
    assert_eq!(app.dataset().claims[0].status, Status::Rejected);
    assert!(press(&mut app, "R").is_empty(), "only once");
}

#[test]
fn a_failed_undo_keeps_its_entry_for_another_try() {
    let (_dir, path, mut app) = saving_app();
    let effects = press(&mut app, "r");
    saved(&mut app, &path, effects);
    let effects = press(&mut app, "jd");
    saved(&mut app, &path, effects);
    assert_eq!(app.history.undo_len(), 2, "the older entry below");
    let entry = app.history.next_undo().cloned().unwrap();
    assert_eq!(entry.edit, set_status("baku-says-iran", Status::Unreviewed));
    let undo = press(&mut app, "U");
    assert_eq!(undo, [Effect::Undo]);
    inject_fault(Fault::OsError(28));
    let [Err(_)] = carry_out(&mut app, &path, undo.clone()).as_slice() else {
        panic!("the undo fails");
    };
    assert_eq!(app.history.undo_len(), 2);
    assert_eq!(app.history.next_undo(), Some(&entry));
    let retry = press(&mut app, "U");
    assert_eq!(retry, undo, "the same undo is offered again");
}

#[test]
fn following_links_pushes_a_jump_stack_that_backspace_walks_back() {
    let mut app = app();
    press(&mut app, "jj");
    assert_eq!(selected_id(&app), "iran-denies");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screens.claims.focus, Pane::Detail);
    // iran-denies agrees with false-flag, contradicts launched-from-iran.
    press(&mut app, "j");
    key(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "launched-from-iran");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "baku-says-iran");
    assert_eq!(app.jumps().len(), 2);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(selected_id(&app), "launched-from-iran");
    key_with(&mut app, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(selected_id(&app), "iran-denies");
    assert!(app.jumps().is_empty());
}

#[test]
fn following_a_link_clears_filters_that_hide_the_target() {
    let mut app = app();
    press(&mut app, "/launched");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        visible_ids(&app),
        ["launched-from-iran", "baku-says-iran", "iran-denies"]
    );
    key(&mut app, KeyCode::Tab);
    press(&mut app, "j");
    key(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "iran-denies");
    press(&mut app, "jj");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "false-flag");
    assert_eq!(
        app.screens.claims.query, "",
        "the search was cleared to show false-flag"
    );
}

#[test]
fn screens_switch_by_number_and_keep_their_place() {
    let mut app = app();
    press(&mut app, "2j");
    assert_eq!(app.screen, Screen::Contradictions);
    assert_eq!(app.screens.pairs.cursor, 1);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Claims);
    assert_eq!(selected_id(&app), "false-flag");
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.screen, Screen::Contradictions);
    assert_eq!(app.screens.pairs.cursor, 1);
    press(&mut app, "4");
    assert_eq!(app.screen, Screen::Diagnostics);
    press(&mut app, "1");
    assert_eq!(app.screen, Screen::Claims);
    press(&mut app, "?");
    assert_eq!(app.mode, Mode::Help);
    assert!(
        press(&mut app, "q").is_empty(),
        "q closes the help, not crux"
    );
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(press(&mut app, "q"), [Effect::Quit]);
}

#[test]
fn the_source_reader_steps_through_quotes_and_opens_their_claims() {
    let mut app = app();
    press(&mut app, "3jj");
    key(&mut app, KeyCode::Enter);
    let reader = app.screens.sources.reader.clone().expect("reader open");
    assert_eq!(app.dataset().sources[reader.source].id, "houe");
    press(&mut app, "nn");
    assert_eq!(app.screens.sources.reader.as_ref().unwrap().span, 2);
    press(&mut app, "N[");
    assert_eq!(app.screens.sources.reader.as_ref().unwrap().span, 0);
    press(&mut app, "N");
    let last = app.data.placed(reader.source).len() - 1;
    assert_eq!(
        app.screens.sources.reader.as_ref().unwrap().span,
        last,
        "previous wraps to the last"
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Claims);
    let claim = app.data.placed(reader.source)[last].claim;
    assert_eq!(app.selected_claim(), Some(claim));
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.screen, Screen::Sources);
    assert_eq!(app.screens.sources.reader.as_ref().unwrap().span, last);
    key(&mut app, KeyCode::Esc);
    assert!(app.screens.sources.reader.is_none());
}

#[test]
fn diagnostics_lead_to_their_claim_and_the_editor_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[topics.t]\nquestion = \"q\"\n\n[claims.a]\ntopic = \"t\"\ntext = \"a\"\nspans = []\n\n[claims.b]\ntopic = \"nope\"\ntext = \"b\"\nspans = []\n";
    let path = dir.path().join("claims.toml");
    std::fs::write(&path, text).unwrap();
    let mut app = App::new(crux::load(&path));
    assert!(app.dataset().error_count() > 0);
    assert_eq!(
        app.screen,
        Screen::Claims,
        "errors do not change the start screen"
    );
    press(&mut app, "4");
    let unknown_topic = app
        .dataset()
        .diagnostics
        .iter()
        .position(|d| d.message.contains("nope"))
        .unwrap();
    for _ in 0..unknown_topic {
        press(&mut app, "j");
    }
    assert_eq!(press(&mut app, "e"), [Effect::OpenEditor { line: 10 }]);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Claims);
    assert_eq!(selected_id(&app), "b");
    assert_eq!(press(&mut app, "e"), [Effect::OpenEditor { line: 9 }]);
}

#[test]
fn export_uses_the_chosen_format() {
    let mut app = app();
    assert_eq!(
        press(&mut app, "x"),
        [Effect::Export(crux::report::Format::Markdown)]
    );
    press(&mut app, "X");
    assert_eq!(
        press(&mut app, "x"),
        [Effect::Export(crux::report::Format::Html)]
    );
}

#[test]
fn a_reload_keeps_the_selected_claim_by_id() {
    let mut app = app();
    press(&mut app, "jjj");
    assert_eq!(selected_id(&app), "false-flag");
    let path = fixture_path();
    let text = std::fs::read_to_string(&path).unwrap();
    // Drop the first claim: indices shift, the id stays selected.
    let start = text.find("[claims.launched-from-iran]").unwrap();
    let end = text.find("[claims.baku-says-iran]").unwrap();
    let edited = format!("{}{}", &text[..start], &text[end..]);
    app.replace_dataset(crux::load_str(&path, edited));
    assert_eq!(selected_id(&app), "false-flag");
    assert_eq!(app.screens.claims.visible.len(), 9);
}
