//! A terminal event in, effects out: keys through the one key table,
//! pasted text as text, and while the terminal is too small to show what
//! a key would do, nothing but quitting.

use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::Size;

use super::action::{Action, GlobalAction, PromptAction};
use super::app::{App, update};
use super::effect::Effect;
use super::keymap::{self, Context, Key};
use super::view;

/// What `event` does to `app` in a terminal of `size`.
pub fn handle(app: &mut App, event: Event, size: Size) -> Vec<Effect> {
    action(app, event, size).map_or_else(Vec::new, |action| update(app, action))
}

/// The action `event` asks of `app` in a terminal of `size`, if any.
pub fn action(app: &App, event: Event, size: Size) -> Option<Action> {
    let fits = view::fits(size.width, size.height);
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            let key = Key::from_event(&key);
            if fits {
                keymap::lookup(app.context(), key)
            } else {
                // The notice says "q quits": q and Ctrl-C, whatever is open.
                keymap::lookup(Context::Global, key).filter(|action| {
                    matches!(
                        action,
                        Action::Global(GlobalAction::Quit | GlobalAction::Interrupt)
                    )
                })
            }
        }
        Event::Paste(text) if fits => Some(Action::Prompt(PromptAction::Paste(text))),
        _ => None,
    }
}
