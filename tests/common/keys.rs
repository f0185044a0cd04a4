//! Keys typed into the review UI without a terminal: through the one key
//! table into `update`, as the event loop hands them over.

use crux::tui::app::{App, update};
use crux::tui::effect::Effect;
use crux::tui::keymap::{Key, lookup};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The key a character of a typed string stands for: `\n` Enter, `\t`
/// Tab, `\x1b` Esc, `\x08` Backspace, `\x15` Ctrl-U, `↓` Down; any other
/// character its own key.
pub fn key_event(c: char) -> KeyEvent {
    let (code, modifiers) = match c {
        '\n' => (KeyCode::Enter, KeyModifiers::NONE),
        '\t' => (KeyCode::Tab, KeyModifiers::NONE),
        '\x1b' => (KeyCode::Esc, KeyModifiers::NONE),
        '\x08' => (KeyCode::Backspace, KeyModifiers::NONE),
        '\x15' => (KeyCode::Char('u'), KeyModifiers::CONTROL),
        '↓' => (KeyCode::Down, KeyModifiers::NONE),
        c => (KeyCode::Char(c), KeyModifiers::NONE),
    };
    KeyEvent::new(code, modifiers)
}

/// Presses one key with `modifiers`; the effects it asks for.
pub fn key_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    pressed(app, KeyEvent::new(code, modifiers))
}

pub fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    key_with(app, code, KeyModifiers::NONE)
}

/// Types `typed` (see [`key_event`]); the effects asked for, in order.
pub fn press(app: &mut App, typed: &str) -> Vec<Effect> {
    typed
        .chars()
        .flat_map(|c| pressed(app, key_event(c)))
        .collect()
}

fn pressed(app: &mut App, event: KeyEvent) -> Vec<Effect> {
    match lookup(app.context(), Key::from_event(&event)) {
        Some(action) => update(app, action),
        None => Vec::new(),
    }
}
