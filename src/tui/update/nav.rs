//! Moving in the current screen: up and down its list or pane, between
//! panes, opening the selected item and going back.

use super::super::action::NavAction;
use super::super::app::{App, Mode};
use super::super::screen::{Cx, Screen, delta};

pub fn navigate(app: &mut App, action: NavAction) {
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
    let follow = match app.screen {
        Screen::Claims => app.screens.claims.navigate(&mut cx, action),
        Screen::Contradictions => app.screens.pairs.navigate(&mut cx, action),
        Screen::Sources => app.screens.sources.navigate(&mut cx, action),
        Screen::Diagnostics => app.screens.diagnostics.navigate(&mut cx, action),
    };
    if let Some(follow) = follow {
        app.follow(follow);
    }
}
