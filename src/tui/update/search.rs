//! The claim list's fuzzy search and filters. Both narrow the Claims
//! screen's list, and show it when used from another screen.

use super::super::action::{FilterAction, SearchAction};
use super::super::app::{App, Mode};
use super::super::screen::Pane;
use super::super::screen::Screen;
use super::claims::claim_changed;
use crate::filter::ClaimFilter;
use crate::model::Status;

pub fn search(app: &mut App, action: SearchAction) {
    match action {
        SearchAction::Start => {
            app.screen = Screen::Claims;
            app.focus = Pane::List;
            app.mode = Mode::Search;
            app.query.clear();
            app.refresh_visible(None);
        }
        SearchAction::Input(c) => type_text(app, c.encode_utf8(&mut [0; 4])),
        SearchAction::DeleteChar => {
            app.query.pop();
            app.refresh_visible(None);
        }
        SearchAction::Accept => {
            app.mode = Mode::Normal;
            if app.visible.is_empty() {
                app.warn(format!("no claim matches /{}", app.query));
            }
        }
        SearchAction::Cancel => {
            app.mode = Mode::Normal;
            app.query.clear();
            app.refresh_visible(None);
        }
        SearchAction::NextMatch => next_match(app, true),
        SearchAction::PreviousMatch => next_match(app, false),
    }
}

/// Text typed or pasted into the search: the list narrows, its first claim selected.
pub fn type_text(app: &mut App, text: &str) {
    app.query.push_str(text);
    app.refresh_visible(None);
    app.cursor = 0;
}

fn next_match(app: &mut App, forward: bool) {
    if app.query.is_empty() {
        app.say("no search: press / to search");
    } else if !app.visible.is_empty() {
        let n = app.visible.len();
        app.cursor = (app.cursor + if forward { 1 } else { n - 1 }) % n;
        app.screen = Screen::Claims;
        claim_changed(app);
    }
}

pub fn filter(app: &mut App, action: FilterAction) {
    match action {
        FilterAction::OpenMenu => {
            app.screen = Screen::Claims;
            app.mode = Mode::FilterMenu;
        }
        FilterAction::Clear => {
            app.filter = ClaimFilter::default();
            app.query.clear();
            app.refresh_visible(None);
            app.say("filters cleared");
        }
        FilterAction::CycleStatus => {
            app.filter.status = cycle(&Status::ALL, app.filter.status.as_ref()).copied();
            app.refresh_visible(None);
        }
        FilterAction::CycleTopic => {
            let ids: Vec<String> = app.dataset().topics.iter().map(|t| t.id.clone()).collect();
            app.filter.topic = cycle(&ids, app.filter.topic.as_ref()).cloned();
            app.refresh_visible(None);
        }
        FilterAction::CycleSource => {
            let ids: Vec<String> = app.dataset().sources.iter().map(|s| s.id.clone()).collect();
            app.filter.source = cycle(&ids, app.filter.source.as_ref()).cloned();
            app.refresh_visible(None);
        }
        FilterAction::ToggleContradicted => {
            app.filter.contradicted_only = !app.filter.contradicted_only;
            app.refresh_visible(None);
        }
    }
}

/// The next value after `current` in `values`, then `None`, then the first.
fn cycle<'a, T: PartialEq>(values: &'a [T], current: Option<&T>) -> Option<&'a T> {
    match current.and_then(|c| values.iter().position(|v| v == c)) {
        None => values.first(),
        Some(i) => values.get(i + 1),
    }
}
