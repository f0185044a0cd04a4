//! The review UI on the first claims of a large claims file while the rest
//! is read, driven without a terminal: the counts say more may come, the
//! whole file takes their place with the selection kept, a whole file
//! read for a dataset no longer shown is dropped, and no key that acts
//! before the whole file is read writes or opens a dialog.

mod common;

use std::path::PathBuf;

use common::keys::press;
use common::screen::{render, text_of};
use common::write;
use crux::load::{Begun, begin, without_documents};
use crux::model::Dataset;
use crux::tui::app::{App, update};
use crux::tui::effect::Effect;
use crux::tui::keymap::BINDINGS;
use crux::tui::screen::Screen;
use ratatui::style::Modifier;

const CLAIMS: usize = 3000;

/// A claims file of about 700 KB, every tenth claim confirmed; each claim
/// agrees with the next, so the first claims link to claims not yet read.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("a.txt"), b"The quick brown fox jumps.\n");
    let mut text = String::from(
        "[sources.a]\npath = \"a.txt\"\n[topics.t]\nquestion = \"What did the fox do?\"\n",
    );
    for i in 0..CLAIMS {
        let status = if i % 10 == 0 {
            "status = \"confirmed\"\n"
        } else {
            ""
        };
        text.push_str(&format!(
            "\n[claims.c{i:05}]\ntopic = \"t\"\ntext = \"Claim {i:05}: the fox jumped, {}\"\n\
             {status}agrees = [\"c{:05}\"]\nspans = [{{ source = \"a\", quote = \"quick brown\" }}]\n",
            "said at some length ".repeat(8),
            (i + 1) % CLAIMS
        ));
    }
    let path = dir.path().join("claims.toml");
    write(&path, text.as_bytes());
    (dir, path)
}

fn first_claims(path: &std::path::Path) -> Dataset {
    match begin(path) {
        Begun::Large(large) => large.first_claims(path).expect("first claims"),
        Begun::Whole(_) => panic!("a {CLAIMS}-claim file read whole at once"),
    }
}

fn status_bar(app: &mut App) -> String {
    let screen = text_of(&render(app, 160, 30));
    screen.lines().last().unwrap().to_string()
}

#[test]
fn the_counts_say_more_claims_may_come() {
    let (_dir, path) = project();
    let first = first_claims(&path);
    let shown = first.claims.len();
    let reviewed = first
        .claims
        .iter()
        .filter(|c| c.status.is_reviewed())
        .count();
    assert!(shown > 10 && shown < CLAIMS / 4, "{shown}");
    let mut app = App::first_claims(first);
    let buffer = render(&mut app, 160, 30);
    let screen = text_of(&buffer);
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains(&format!("claim 1/{shown}+ │ {reviewed}/{shown}+ reviewed")),
        "{status}"
    );
    assert!(
        status.contains("reading the rest of the claims"),
        "{status}"
    );
    assert!(!status.contains("anchoring"), "{status}");
    let tabs = screen.lines().next().unwrap();
    assert!(tabs.contains(&format!(" 1 Claims {shown}+ ")), "{tabs}");
    assert!(tabs.contains(" 4 Diagnostics 0+ "), "{tabs}");
    // The current tab stands out, its "+" with it.
    let plus = tabs.find(&format!("{shown}+")).unwrap() + shown.to_string().len();
    let cell = &buffer[(tabs[..plus].chars().count() as u16, 0)];
    assert_eq!(cell.symbol(), "+");
    assert!(cell.modifier.contains(Modifier::REVERSED));

    app.screen = Screen::Diagnostics;
    let screen = text_of(&render(&mut app, 160, 30));
    assert!(
        screen.contains("nothing checked yet: reading the rest of claims.toml"),
        "{screen}"
    );
}

#[test]
fn the_whole_file_takes_their_place_with_the_selection_kept() {
    let (_dir, path) = project();
    let mut app = App::first_claims(first_claims(&path));
    press(&mut app, "jjj");
    let selected = app.dataset().claims[app.selected_claim().unwrap()]
        .id
        .clone();
    let whole = without_documents(&path);
    let reviewed = whole
        .claims
        .iter()
        .filter(|c| c.status.is_reviewed())
        .count();
    let generation = app.generation;
    app.read_whole(generation, whole);
    assert!(!app.data.first_claims_only);
    assert_eq!(app.dataset().claims.len(), CLAIMS);
    assert_eq!(
        app.dataset().error_count(),
        0,
        "{:?}",
        app.dataset().diagnostics.first()
    );
    assert_eq!(
        app.dataset().claims[app.selected_claim().unwrap()].id,
        selected
    );
    let status = status_bar(&mut app);
    assert!(
        status.contains(&format!("/{CLAIMS} │ {reviewed}/{CLAIMS} reviewed")),
        "{status}"
    );
    assert!(status.contains("anchoring 0/1 documents"), "{status}");
}

#[test]
fn a_whole_file_read_for_a_dataset_no_longer_shown_is_dropped() {
    let (_dir, path) = project();
    let mut app = App::first_claims(first_claims(&path));
    let generation = app.generation;
    // Loaded again meanwhile (after the editor, say): a later dataset.
    app.replace_anchoring(without_documents(&path));
    let before = app.dataset().text.clone();
    let mut stale = without_documents(&path);
    stale.claims.truncate(5);
    app.read_whole(generation, stale);
    assert_eq!(app.dataset().claims.len(), CLAIMS);
    assert!(crux::shared_text::SharedText::ptr_eq(
        &app.dataset().text,
        &before
    ));
}

/// Every key's action, on every screen, while only the first claims are
/// read: one that does not wait for the whole file neither writes, nor
/// exports, nor opens the editor or a dialog.
#[test]
fn no_action_that_acts_on_the_first_claims_writes_or_opens_a_dialog() {
    let (_dir, path) = project();
    let mut waited = 0;
    for binding in BINDINGS {
        if binding.action.needs_whole_file() {
            waited += 1;
            continue;
        }
        for screen in Screen::ALL {
            let mut app = App::first_claims(first_claims(&path));
            app.screen = screen;
            let effects = update(&mut app, binding.action.clone());
            // Named short: an edit's base is the whole text read.
            let writes: Vec<String> = effects
                .iter()
                .filter(|e| !matches!(e, Effect::Quit | Effect::Interrupt))
                .map(|e| format!("{e:?}").chars().take(60).collect())
                .collect();
            assert!(
                writes.is_empty() && app.flow.is_none(),
                "{:?} on {screen:?}: {writes:?}, dialog {}",
                binding.action,
                app.flow.is_some()
            );
        }
    }
    // The status keys, links, notes, undo, export and the editor.
    assert!(waited >= 12, "{waited} actions wait");
}
