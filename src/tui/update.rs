//! `update`: what an action does to the [`App`], and which effects it asks
//! for. This module only routes: an open dialog or find takes its typing
//! first, then each family of actions goes to the module that owns it, and
//! moves to the screen showing.

mod author;
mod claims;
mod diagnostics;
mod global;
mod pairs;
mod reader;
mod search;
mod timeline;

use super::action::{Action, NavAction, PromptAction};
use super::app::{App, Mode};
use super::effect::Effect;
use super::screen::{Cx, delta};
use super::widget::text_input::pasted;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    app.message = None;
    if app.flow.is_some()
        && let Some(effects) = author::in_flow(app, &action)
    {
        return effects;
    }
    if app.mode == Mode::Find && reader::in_find(app, &action) {
        return Vec::new();
    }
    match action {
        Action::Global(action) => return global::update(app, action),
        Action::Nav(action) => navigate(app, action),
        Action::Claim(action) => return claims::update(app, action),
        Action::Search(action) => search::search(app, action),
        Action::Filter(action) => search::filter(app, action),
        Action::Pairs(action) => pairs::update(app, action),
        Action::Timeline(action) => timeline::update(app, action),
        Action::Reader(action) => reader::update(app, action),
        Action::Diagnostic(action) => diagnostics::update(app, action),
        Action::Prompt(action) => outside_prompts(app, action),
    }
    Vec::new()
}

/// Moving: the help scrolls while it shows, Esc leaves a prompt or menu,
/// and otherwise the screen showing moves.
fn navigate(app: &mut App, action: NavAction) {
    let step = delta(action, app.page_rows);
    if app.mode == Mode::Help
        && let Some(delta) = step
    {
        app.help_scroll = app
            .help_scroll
            .saturating_add_signed(delta.clamp(-1000, 1000));
        return;
    }
    if action == NavAction::Back && app.mode != Mode::Normal {
        app.mode = Mode::Normal;
        return;
    }
    let mut cx = Cx {
        data: &app.data,
        page_rows: app.page_rows,
        message: &mut app.message,
    };
    if let Some(follow) = app.screens.get_mut(app.screen).navigate(&mut cx, action) {
        app.follow(follow);
    }
}

/// Typing with no dialog or find open: a paste goes into a search being
/// typed; the rest means nothing here.
fn outside_prompts(app: &mut App, action: PromptAction) {
    match action {
        PromptAction::Paste(text) if app.mode == Mode::Search => {
            search::type_text(app, &pasted(&text, false).0);
        }
        PromptAction::Paste(_) => app.say("paste ignored: not in a text field"),
        PromptAction::Input(_)
        | PromptAction::Edit(_)
        | PromptAction::Accept
        | PromptAction::Cancel
        | PromptAction::ChooseKind(..)
        | PromptAction::Yes => {}
    }
}
