//! The claim list's fuzzy search and filters. Both narrow the Claims
//! screen's list, and show it when used from another screen.

use super::super::action::{FilterAction, SearchAction};
use super::super::app::{App, Mode};
use super::super::screen::Screen;
use crate::filter::ClaimFilter;
use crate::model::Status;

pub fn search(app: &mut App, action: SearchAction) {
    let claims = &mut app.screens.claims;
    match action {
        SearchAction::Start => {
            app.screen = Screen::Claims;
            app.screens.focus_lists();
            app.mode = Mode::Search;
            let claims = &mut app.screens.claims;
            claims.query.clear();
            claims.refresh(&app.data, None);
        }
        SearchAction::Input(c) => type_text(app, c.encode_utf8(&mut [0; 4])),
        SearchAction::DeleteChar => {
            claims.query.pop();
            claims.refresh(&app.data, None);
        }
        SearchAction::Accept => {
            app.mode = Mode::Normal;
            claims.list_to_position(&app.data, 0);
            if claims.visible.is_empty() {
                let query = claims.query.clone();
                app.warn(format!("no claim matches /{query}"));
            }
        }
        SearchAction::Cancel => {
            app.mode = Mode::Normal;
            claims.query.clear();
            claims.refresh(&app.data, None);
        }
        SearchAction::NextMatch => next_match(app, true),
        SearchAction::PreviousMatch => next_match(app, false),
    }
}

/// Text typed or pasted into the search: the list narrows, its first claim selected.
pub fn type_text(app: &mut App, text: &str) {
    let claims = &mut app.screens.claims;
    claims.query.push_str(text);
    claims.refresh_at_top(&app.data);
}

fn next_match(app: &mut App, forward: bool) {
    let claims = &mut app.screens.claims;
    if claims.query.is_empty() {
        app.say("no search: press / to search");
    } else {
        // Going round needs the whole list: its end is the next after the
        // last, and the one before the first.
        if forward {
            claims.list_to_position(&app.data, claims.cursor + 1);
        } else if claims.cursor == 0 {
            claims.list_all(&app.data);
        }
        if !claims.visible.is_empty() {
            let n = claims.visible.len();
            claims.cursor = (claims.cursor + if forward { 1 } else { n - 1 }) % n;
            claims.claim_changed();
            claims.list_ahead(&app.data);
            app.screen = Screen::Claims;
        }
    }
}

pub fn filter(app: &mut App, action: FilterAction) {
    let claims = &mut app.screens.claims;
    let dataset = &app.data.dataset;
    let filter = &mut claims.filter;
    match action {
        FilterAction::OpenMenu => {
            app.screen = Screen::Claims;
            app.mode = Mode::FilterMenu;
            return;
        }
        FilterAction::Clear => {
            *filter = ClaimFilter::default();
            claims.query.clear();
            claims.refresh(&app.data, None);
            app.say("filters cleared");
            return;
        }
        FilterAction::CycleStatus => {
            filter.status = cycle(&Status::ALL, filter.status.as_ref()).copied();
        }
        FilterAction::CycleTopic => {
            let ids: Vec<String> = dataset.topics.iter().map(|t| t.id.clone()).collect();
            filter.topic = cycle(&ids, filter.topic.as_ref()).cloned();
        }
        FilterAction::CycleSource => {
            let ids: Vec<String> = dataset.sources.iter().map(|s| s.id.clone()).collect();
            filter.source = cycle(&ids, filter.source.as_ref()).cloned();
        }
        FilterAction::CycleParty => {
            let ids: Vec<String> = dataset.parties.iter().map(|p| p.id.clone()).collect();
            filter.party = cycle(&ids, filter.party.as_ref()).cloned();
        }
        FilterAction::ToggleContradicted => {
            filter.contradicted_only = !filter.contradicted_only;
        }
    }
    claims.refresh(&app.data, None);
}

/// The next value after `current` in `values`, then `None`, then the first.
fn cycle<'a, T: PartialEq>(values: &'a [T], current: Option<&T>) -> Option<&'a T> {
    match current.and_then(|c| values.iter().position(|v| v == c)) {
        None => values.first(),
        Some(i) => values.get(i + 1),
    }
}
