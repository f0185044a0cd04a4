//! `update`: what an action does to the [`App`], and which effects it asks
//! for. This module only routes: an open dialog or find takes its typing
//! first, then each family of actions goes to the module that owns it.

mod author;
mod claims;
mod diagnostics;
mod global;
mod nav;
mod reader;
mod search;

use super::action::{Action, PromptAction};
use super::app::{App, Mode};
use super::effect::Effect;
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
        Action::Nav(action) => nav::navigate(app, action),
        Action::Claim(action) => return claims::update(app, action),
        Action::Search(action) => search::search(app, action),
        Action::Filter(action) => search::filter(app, action),
        Action::Reader(action) => reader::update(app, action),
        Action::Diagnostic(action) => diagnostics::update(app, action),
        Action::Prompt(action) => outside_prompts(app, action),
    }
    Vec::new()
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
        | PromptAction::ChooseKind(_)
        | PromptAction::Yes => {}
    }
}
