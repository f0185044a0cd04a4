//! What works from anywhere: quitting, the help, switching screens,
//! jumping back, undo and retry, the editor and exports.

use super::super::action::GlobalAction;
use super::super::app::{App, Mode};
use super::super::effect::Effect;
use super::super::screen::{Jump, Pane, Screen};
use crate::edit::Edit;
use crate::report::Format;

pub fn update(app: &mut App, action: GlobalAction) -> Vec<Effect> {
    match action {
        GlobalAction::Quit => return vec![Effect::Quit],
        GlobalAction::Interrupt => return vec![Effect::Interrupt],
        GlobalAction::Help => {
            app.mode = if app.mode == Mode::Help {
                Mode::Normal
            } else {
                Mode::Help
            };
            app.help_scroll = 0;
        }
        GlobalAction::Show(screen) => {
            app.mode = Mode::Normal;
            app.screen = screen;
            app.screens.focus_lists();
        }
        GlobalAction::JumpBack => jump_back(app),
        GlobalAction::Undo => return undo(app),
        GlobalAction::RetrySave => match app.history.retryable() {
            Some(_) => return vec![Effect::Retry],
            None => app.say("nothing to try again"),
        },
        GlobalAction::OpenEditor => {
            return vec![Effect::OpenEditor {
                line: editor_line(app),
            }];
        }
        GlobalAction::Export => match &app.data.anchoring {
            // A report of some documents would look like one of all.
            Some(anchoring) => app.warn(format!(
                "not exported: {}; a report needs every document read",
                anchoring.describe()
            )),
            None => return vec![Effect::Export(app.export_format)],
        },
        GlobalAction::CycleExportFormat => {
            app.export_format = match app.export_format {
                Format::Markdown => Format::Html,
                Format::Html => Format::Json,
                Format::Json => Format::Markdown,
            };
            let name = crate::report::default_file_name(app.export_format);
            app.say(format!("export format: {name} (x to export)"));
        }
    }
    Vec::new()
}

fn jump_back(app: &mut App) {
    let Some(jump) = app.jumps.pop() else {
        app.say("no jump to go back to");
        return;
    };
    app.mode = Mode::Normal;
    app.screens.focus_lists();
    match jump {
        Jump::Claim(id) => {
            if let Some(index) = app.dataset().claim_index(&id) {
                app.select_claim(index);
                app.screens.claims.focus = Pane::Detail;
            }
        }
        Jump::Pair(view, cursor) => {
            app.screen = Screen::Contradictions;
            app.screens.pairs.jump_back(view, cursor, &app.data);
        }
        Jump::Timeline(stop) => {
            app.screen = Screen::Timeline;
            app.screens.timeline.jump_back(stop, &app.data);
        }
        Jump::Diagnostic(cursor) => {
            app.screen = Screen::Diagnostics;
            app.screens.diagnostics.jump_back(cursor);
        }
        Jump::Reader { source, span } => {
            app.screen = Screen::Sources;
            app.screens.sources.open(&app.data, source, Some(span));
        }
    }
}

/// `U`: the claim the newest change is about is shown while it is undone.
fn undo(app: &mut App) -> Vec<Effect> {
    let Some(undo) = app.history.next_undo() else {
        app.say("nothing to undo");
        return Vec::new();
    };
    let claim = claim_of(&undo.edit).and_then(|id| app.dataset().claim_index(id));
    if let Some(index) = claim {
        app.select_claim(index);
    }
    vec![Effect::Undo]
}

/// The claim an edit is about, to show it while undoing.
fn claim_of(edit: &Edit) -> Option<&str> {
    match edit {
        Edit::SetStatus { claim, .. }
        | Edit::SetText { claim, .. }
        | Edit::SetNote { claim, .. }
        | Edit::AddLink { claim, .. }
        | Edit::RemoveLink { claim, .. }
        | Edit::RemoveClaim { claim, .. }
        | Edit::SetQuote { claim, .. }
        | Edit::AddSpan { claim, .. } => Some(claim),
        Edit::AddClaim(new) => Some(&new.id),
    }
}

fn editor_line(app: &App) -> usize {
    let byte = app.screens.get(app.screen).decl(&app.data);
    byte.map_or(1, |b| app.dataset().location(b).line)
}
