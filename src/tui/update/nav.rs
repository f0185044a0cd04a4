//! Moving in the current screen: up and down its list or pane, between
//! panes, opening the selected item and going back.

use super::super::action::NavAction;
use super::super::app::{App, Mode};
use super::super::screen::{Cx, Follow, Jump, Pane, Screen, delta, moved};
use super::claims::{claim_changed, link_targets};

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
        Screen::Contradictions => app.screens.pairs.navigate(&mut cx, action),
        Screen::Sources => app.screens.sources.navigate(&mut cx, action),
        Screen::Diagnostics => app.screens.diagnostics.navigate(&mut cx, action),
        _ => return old_navigate(app, action, step),
    };
    if let Some(follow) = follow {
        app.follow(follow);
    }
}

fn old_navigate(app: &mut App, action: NavAction, step: Option<isize>) {
    match action {
        NavAction::NextPane => cycle_pane(app, true),
        NavAction::PreviousPane => cycle_pane(app, false),
        NavAction::Open => open(app),
        NavAction::Back => back(app),
        _ => step_by(app, step.unwrap_or(0)),
    }
}

fn step_by(app: &mut App, delta: isize) {
    match app.screen {
        Screen::Claims => match app.focus {
            Pane::List => {
                let before = app.cursor;
                app.cursor = moved(app.cursor, delta, app.visible.len());
                if app.cursor != before {
                    claim_changed(app);
                }
            }
            Pane::Detail => {
                let links = app
                    .selected_claim()
                    .map_or(0, |c| link_targets(app, c).len());
                app.link = moved(app.link, delta, links);
            }
            Pane::Passage => app.passage_scroll += delta.clamp(-10_000, 10_000),
        },
        Screen::Contradictions | Screen::Sources | Screen::Diagnostics => {}
    }
}

fn cycle_pane(app: &mut App, forward: bool) {
    let panes: &[Pane] = match app.screen {
        Screen::Claims => &[Pane::List, Pane::Detail, Pane::Passage],
        _ => &[Pane::List],
    };
    let at = panes.iter().position(|&p| p == app.focus).unwrap_or(0);
    let n = panes.len();
    app.focus = panes[(at + if forward { 1 } else { n - 1 }) % n];
}

fn open(app: &mut App) {
    match app.screen {
        Screen::Claims => match app.focus {
            Pane::List => {
                if app.selected_claim().is_some() {
                    app.focus = Pane::Detail;
                    app.link = 0;
                }
            }
            Pane::Detail => {
                let Some(claim) = app.selected_claim() else {
                    return;
                };
                if let Some(&target) = link_targets(app, claim).get(app.link) {
                    let id = app.dataset().claims[claim].id.clone();
                    follow(app, Jump::Claim(id), target);
                }
            }
            Pane::Passage => {
                let count = app.selected_claim().map_or(0, |c| app.data.placed_count(c));
                if count > 0 {
                    app.passage_span = (app.passage_span + 1) % count;
                    app.passage_scroll = 0;
                }
            }
        },
        Screen::Contradictions | Screen::Sources | Screen::Diagnostics => {}
    }
}

fn follow(app: &mut App, from: Jump, claim: usize) {
    app.follow(Follow { from, claim });
}

fn back(app: &mut App) {
    match app.screen {
        Screen::Claims if app.focus != Pane::List => app.focus = Pane::List,
        Screen::Claims if !app.query.is_empty() => {
            app.query.clear();
            app.refresh_visible(None);
        }
        _ => {}
    }
}
