//! The review UI's input as the event loop hands it over (`tui::input`),
//! without a terminal: pasted text is text in a prompt and nothing
//! elsewhere, never keys; a paste of any size lands whole; on a terminal
//! too small to show anything only q and Ctrl-C act. The real terminal's
//! side (bracketed paste, queued input, signals while busy) is in
//! `e2e_input` and `e2e_signals`.

mod common;

use std::path::{Path, PathBuf};

use common::keys::key_event;
use crux::model::Status;
use crux::tui::app::{App, Mode};
use crux::tui::effect::Effect;
use crux::tui::input::handle;
use crux::tui::view;
use crux::tui::widget::text_input::{InputLine, TextInput};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Rect, Size};
use ratatui::style::Style;
use ratatui::widgets::Widget;

const BIG: Size = Size {
    width: 160,
    height: 48,
};

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui/claims.toml")
}

fn app() -> App {
    App::new(crux::load(&fixture_path()))
}

fn key_in(app: &mut App, code: KeyCode, modifiers: KeyModifiers, size: Size) -> Vec<Effect> {
    handle(app, Event::Key(KeyEvent::new(code, modifiers)), size)
}

/// Types `typed` on a big terminal (see [`key_event`]).
fn keys(app: &mut App, typed: &str) -> Vec<Effect> {
    typed
        .chars()
        .flat_map(|c| handle(app, Event::Key(key_event(c)), BIG))
        .collect()
}

fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    handle(app, Event::Paste(text.to_string()), BIG)
}

/// The text of the open prompt (`t`, `m`, a dialog step).
fn prompt(app: &App) -> &str {
    let (_, input) = app
        .flow
        .as_ref()
        .and_then(|flow| flow.prompt())
        .expect("a prompt is open");
    &input.text
}

fn message(app: &App) -> &str {
    app.message.as_ref().map_or("", |m| m.text.as_str())
}

fn statuses(app: &App) -> Vec<Status> {
    app.dataset().claims.iter().map(|c| c.status).collect()
}

#[test]
fn a_paste_into_the_text_prompt_is_text_and_never_keys() {
    let mut app = app();
    let before = statuses(&app);
    keys(&mut app, "t");
    // Newline then keys that, typed, would save the text and review claims.
    let effects = paste(&mut app, "Text\njadjdjr");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        prompt(&app),
        "The drones were launched from Iranian territory.Text jadjdjr"
    );
    assert_eq!(
        message(&app),
        "pasted: line breaks became spaces (this field is one line)"
    );
    assert_eq!(app.screens.claims.cursor, 0, "no j moved the cursor");
    assert_eq!(statuses(&app), before);
    // A CR (what terminals send for a pasted line break) and CRLF alike.
    keys(&mut app, "\x15");
    paste(&mut app, "a\rb\r\nc");
    assert_eq!(prompt(&app), "a b c");
}

#[test]
fn a_note_keeps_pasted_line_breaks() {
    let mut app = app();
    keys(&mut app, "m\x15");
    let effects = paste(&mut app, "first paragraph\r\n\r\nsecond\rthird\n");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(prompt(&app), "first paragraph\n\nsecond\nthird\n");
    assert_eq!(message(&app), "", "nothing was changed to say so");
}

#[test]
fn control_characters_in_a_paste_are_left_out_never_acted_on() {
    let mut app = app();
    keys(&mut app, "t\x15");
    // ESC sequences (clear screen, cursor up, an OSC title), BEL, DEL, a C1
    // CSI, a tab.
    let effects = paste(&mut app, "a\x1b[2Jb\x1b[Ac\x1b]0;title\x07d\x7fe\u{9b}f\tg");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(prompt(&app), "a[2Jb[Ac]0;titledef g");
    assert_eq!(message(&app), "pasted: control characters left out");
    // Enter saves what the prompt holds, and only that.
    let effects = keys(&mut app, "\n");
    assert!(
        matches!(&effects[..], [Effect::Apply { edit: crux::edit::Edit::SetText { text, .. }, .. }]
            if text == "a[2Jb[Ac]0;titledef g"),
        "{effects:?}"
    );
}

#[test]
fn a_paste_outside_a_text_field_is_ignored_with_a_note() {
    let mut app = app();
    let before = statuses(&app);
    // The claims list, the detail pane, the help, the filter menu.
    for open in ["", "\t", "?", "f"] {
        let mut app = self::app();
        keys(&mut app, open);
        let (cursor, mode, focus) = (
            app.screens.claims.cursor,
            app.mode,
            app.screens.claims.focus,
        );
        let effects = paste(&mut app, "jjjadr\n");
        assert!(effects.is_empty(), "{open:?}: {effects:?}");
        assert_eq!(
            (
                app.screens.claims.cursor,
                app.mode,
                app.screens.claims.focus
            ),
            (cursor, mode, focus),
            "{open:?}"
        );
        assert_eq!(message(&app), "paste ignored: not in a text field");
    }
    // Yes/no and the link kind take no text: a pasted "y" or "a" does nothing.
    keys(&mut app, "\tjD");
    assert!(app.flow.is_some(), "the remove-link question is open");
    assert!(paste(&mut app, "y").is_empty());
    assert!(app.flow.is_some(), "still asked");
    assert_eq!(message(&app), "paste ignored: not in a text field");
    keys(&mut app, "\x1b");
    assert_eq!(statuses(&app), before);
}

#[test]
fn a_paste_in_the_reader_while_selecting_moves_nothing() {
    let mut app = app();
    keys(&mut app, "3jj\nvw");
    let reader = app
        .screens
        .sources
        .reader
        .clone()
        .expect("the reader is open");
    assert!(reader.anchor.is_some(), "selecting");
    let effects = paste(&mut app, "wwwc)\n");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.screens.sources.reader.as_ref(), Some(&reader));
    assert!(app.flow.is_none(), "no new-claim dialog");
    assert_eq!(message(&app), "paste ignored: not in a text field");
}

#[test]
fn a_paste_into_the_find_line_searches_for_it() {
    let mut app = app();
    keys(&mut app, "3jj\n/");
    assert_eq!(app.mode, Mode::Find);
    paste(&mut app, "Nakhichevan\nAzerbaijan");
    let reader = app.screens.sources.reader.as_ref().unwrap();
    assert_eq!(reader.find.text, "Nakhichevan Azerbaijan");
    assert_eq!(app.mode, Mode::Find, "the line break was not Enter");
}

#[test]
fn a_paste_while_a_picker_is_open_filters_it() {
    let mut app = app();
    keys(&mut app, "L");
    let picker = app.flow.as_ref().and_then(|f| f.picker()).expect("picker");
    let all = picker.matches.len();
    paste(&mut app, "crossings\nreopened");
    let picker = app.flow.as_ref().and_then(|f| f.picker()).unwrap();
    assert_eq!(picker.input.text, "crossings reopened");
    assert!(
        picker.matches.len() < all,
        "{} of {all}",
        picker.matches.len()
    );
    let first = &picker.items[picker.matches[0]].id;
    assert_eq!(first, "crossings-reopened");
}

#[test]
fn a_paste_into_the_new_claim_dialog_is_its_text() {
    let mut app = app();
    // Select a passage in the reader, c: the topic picker, Enter: the text.
    keys(&mut app, "3jj\nvww");
    keys(&mut app, "c\n\x15");
    paste(&mut app, "Drones hit\nNakhchivan.");
    assert_eq!(prompt(&app), "Drones hit Nakhchivan.");
}

#[test]
fn a_very_long_paste_into_the_search_line_is_one_query() {
    let mut app = app();
    keys(&mut app, "/");
    let long = "drone ".repeat(20_000);
    let effects = paste(&mut app, &long);
    assert!(effects.is_empty());
    assert_eq!(app.screens.claims.query, long);
    assert_eq!(app.mode, Mode::Search);
    assert!(
        app.screens.claims.visible.is_empty(),
        "nothing matches 120 KB of query"
    );
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal.draw(|frame| view::draw(frame, &app)).unwrap();
    // The status line shows the query's end, the cursor and the count.
    let buffer = terminal.backend().buffer();
    let status: String = (0..160).map(|x| buffer[(x, 47)].symbol()).collect();
    assert!(
        status.starts_with("/") && status.contains("drone drone █  0 matching"),
        "{status}"
    );
}

#[test]
fn a_1_mb_paste_lands_whole_in_the_prompt() {
    let mut app = app();
    keys(&mut app, "m\x15");
    let text: String = "Azərbaycan’s drones, 4 of them — “several”. "
        .chars()
        .cycle()
        .take(1_000_000)
        .collect();
    paste(&mut app, &text);
    assert_eq!(prompt(&app), text);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal.draw(|frame| view::draw(frame, &app)).unwrap();
    // Typing goes on at the end of it.
    keys(&mut app, "!");
    assert_eq!(prompt(&app), format!("{text}!"));
}

/// What an input line of `width` columns shows of `text` with the cursor
/// at byte `cursor`.
fn input_row(text: &str, cursor: usize, width: u16) -> String {
    let input = TextInput {
        text: text.to_string(),
        cursor,
    };
    let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
    InputLine {
        input: &input,
        style: Style::default(),
    }
    .render(buf.area, &mut buf);
    (0..width).map(|x| buf[(x, 0)].symbol()).collect()
}

#[test]
fn a_long_input_shows_the_columns_around_the_cursor() {
    let long = format!("{}needle{}", "a".repeat(100_000), "b".repeat(100_000));
    let at = long.find("needle").unwrap();
    assert_eq!(input_row(&long, at, 8), "aaaaaaan");
    assert_eq!(input_row(&long, at + 3, 8), "aaaaneed");
    assert_eq!(input_row(&long, 0, 8), "aaaaaaaa");
    assert_eq!(input_row(&long, long.len(), 8), "bbbbbbb ");
    // Control and invisible characters near the cursor are shown escaped.
    let hostile = format!("{}x\u{1b}y\u{202e}z", "a".repeat(100_000));
    assert_eq!(input_row(&hostile, hostile.len(), 14), "ax␛y\\u{202e}z ");
}

#[test]
fn on_a_too_small_terminal_only_q_and_ctrl_c_act() {
    let small = Size::new(50, 12);
    let mut app = app();
    let before = statuses(&app);
    for code in [
        'j', 'a', 'd', 'r', ' ', 't', 'm', 'e', 'x', 'U', '3', '/', '?',
    ] {
        let effects = key_in(&mut app, KeyCode::Char(code), KeyModifiers::NONE, small);
        assert!(effects.is_empty(), "{code:?}: {effects:?}");
    }
    for code in [KeyCode::Down, KeyCode::Enter, KeyCode::Tab, KeyCode::End] {
        assert!(key_in(&mut app, code, KeyModifiers::NONE, small).is_empty());
    }
    assert!(handle(&mut app, Event::Paste("jjja".into()), small).is_empty());
    assert_eq!(app.screens.claims.cursor, 0);
    assert!(app.flow.is_none() && app.mode == Mode::Normal);
    assert_eq!(statuses(&app), before);
    // Big enough again: keys act.
    handle(&mut app, Event::Resize(BIG.width, BIG.height), BIG);
    keys(&mut app, "j");
    assert_eq!(app.screens.claims.cursor, 1);
    // q quits and Ctrl-C interrupts, even from a prompt (the notice says q quits).
    keys(&mut app, "t");
    let q = key_in(&mut app, KeyCode::Char('q'), KeyModifiers::NONE, small);
    assert!(matches!(q[..], [Effect::Quit]), "{q:?}");
    let c = key_in(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL, small);
    assert!(matches!(c[..], [Effect::Interrupt]), "{c:?}");
    // One column or row short is too small; the minimum itself is not.
    for size in [Size::new(59, 15), Size::new(60, 14)] {
        let mut app = self::app();
        assert!(key_in(&mut app, KeyCode::Char('j'), KeyModifiers::NONE, size).is_empty());
        assert_eq!(app.screens.claims.cursor, 0, "{size:?}");
    }
    let mut app = self::app();
    key_in(
        &mut app,
        KeyCode::Char('j'),
        KeyModifiers::NONE,
        Size::new(60, 15),
    );
    assert_eq!(app.screens.claims.cursor, 1);
}
