//! `update`: what each action does to the [`App`], and which effects it asks for.
//! Reading and selecting in a document is in `reader`, the authoring
//! dialogs in `author`.

mod author;
mod reader;

use super::action::{Action, Screen};
use super::app::{App, Jump, Mode, Pane, Reader};
use super::effect::Effect;
use super::widget::text_input::pasted;
use crate::edit::Edit;
use crate::filter::ClaimFilter;
use crate::model::{RelationKind, Status};
use crate::report::Format;

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
        Action::Quit => return vec![Effect::Quit],
        Action::Interrupt => return vec![Effect::Interrupt],
        Action::Help => {
            app.mode = if app.mode == Mode::Help {
                Mode::Normal
            } else {
                Mode::Help
            };
            app.help_scroll = 0;
        }
        Action::Show(screen) => {
            app.mode = Mode::Normal;
            app.screen = screen;
            app.focus = Pane::List;
        }
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::Top => step(app, isize::MIN / 2),
        Action::Bottom => step(app, isize::MAX / 2),
        Action::HalfPageDown => step(app, (app.page_rows / 2).max(1) as isize),
        Action::HalfPageUp => step(app, -((app.page_rows / 2).max(1) as isize)),
        Action::PageDown => step(app, app.page_rows.max(1) as isize),
        Action::PageUp => step(app, -(app.page_rows.max(1) as isize)),
        Action::NextPane | Action::PreviousPane => cycle_pane(app, action == Action::NextPane),
        Action::Open => open(app),
        Action::Back => back(app),
        Action::JumpBack => jump_back(app),
        Action::NextContradicted => next_contradicted(app, true),
        Action::PreviousContradicted => next_contradicted(app, false),
        Action::NextSpan | Action::PreviousSpan => {
            reader::next_span_or_match(app, action == Action::NextSpan)
        }
        Action::NextQuote | Action::PreviousQuote => {
            reader::next_quote(app, action == Action::NextQuote)
        }
        Action::ToggleSelection => reader::toggle_selection(app),
        Action::Motion(unit, forward) => reader::motion(app, unit, forward),
        Action::SwapSelectionEnds => reader::swap_ends(app),
        Action::FindInSource => reader::start_find(app),
        Action::NewClaim => reader::new_claim(app),
        Action::StartLink => author::start_link(app),
        Action::RemoveLink => author::remove_link(app),
        Action::EditClaimText => author::edit_field(app, false),
        Action::EditClaimNote => author::edit_field(app, true),
        Action::FixQuote => author::fix_quote(app),
        Action::RetrySave => match app.history.retryable() {
            Some(_) => return vec![Effect::Retry],
            None => app.say("nothing to try again"),
        },
        // Only meaningful inside a dialog or a prompt.
        Action::Input(_)
        | Action::InputEdit(_)
        | Action::Accept
        | Action::Cancel
        | Action::ChooseKind(_)
        | Action::Yes => {}
        Action::StartSearch => {
            app.screen = Screen::Claims;
            app.focus = Pane::List;
            app.mode = Mode::Search;
            app.query.clear();
            app.refresh_visible(None);
        }
        Action::SearchInput(c) => {
            app.query.push(c);
            app.refresh_visible(None);
            app.cursor = 0;
        }
        Action::Paste(text) if app.mode == Mode::Search => {
            app.query.push_str(&pasted(&text, false).0);
            app.refresh_visible(None);
            app.cursor = 0;
        }
        Action::Paste(_) => app.say("paste ignored: not in a text field"),
        Action::SearchDeleteChar => {
            app.query.pop();
            app.refresh_visible(None);
        }
        Action::SearchAccept => {
            app.mode = Mode::Normal;
            if app.visible.is_empty() {
                app.warn(format!("no claim matches /{}", app.query));
            }
        }
        Action::SearchCancel => {
            app.mode = Mode::Normal;
            app.query.clear();
            app.refresh_visible(None);
        }
        Action::NextMatch | Action::PreviousMatch => {
            if app.query.is_empty() {
                app.say("no search: press / to search");
            } else if !app.visible.is_empty() {
                let n = app.visible.len();
                let forward = action == Action::NextMatch;
                app.cursor = (app.cursor + if forward { 1 } else { n - 1 }) % n;
                app.screen = Screen::Claims;
                claim_changed(app);
            }
        }
        Action::OpenFilters => {
            app.screen = Screen::Claims;
            app.mode = Mode::FilterMenu;
        }
        Action::ClearFilters => {
            app.filter = ClaimFilter::default();
            app.query.clear();
            app.refresh_visible(None);
            app.say("filters cleared");
        }
        Action::CycleStatusFilter => {
            app.filter.status = cycle(&Status::ALL, app.filter.status.as_ref()).copied();
            app.refresh_visible(None);
        }
        Action::CycleTopicFilter => {
            let ids: Vec<String> = app.dataset().topics.iter().map(|t| t.id.clone()).collect();
            app.filter.topic = cycle(&ids, app.filter.topic.as_ref()).cloned();
            app.refresh_visible(None);
        }
        Action::CycleSourceFilter => {
            let ids: Vec<String> = app.dataset().sources.iter().map(|s| s.id.clone()).collect();
            app.filter.source = cycle(&ids, app.filter.source.as_ref()).cloned();
            app.refresh_visible(None);
        }
        Action::ToggleContradictedFilter => {
            app.filter.contradicted_only = !app.filter.contradicted_only;
            app.refresh_visible(None);
        }
        Action::SetStatus(status) => return set_status(app, status),
        Action::ConfirmAndNext => {
            let effects = set_status(app, Status::Confirmed);
            if let Some(next) = app.unreviewed_after(app.cursor) {
                app.cursor = next;
                claim_changed(app);
            } else {
                app.say("no other unreviewed claim");
            }
            return effects;
        }
        Action::Undo => {
            let Some(undo) = app.history.next_undo() else {
                app.say("nothing to undo");
                return Vec::new();
            };
            let claim = claim_of(&undo.edit).and_then(|id| app.dataset().claim_index(id));
            if let Some(index) = claim {
                app.select_claim(index);
            }
            return vec![Effect::Undo];
        }
        Action::OpenEditor => {
            return vec![Effect::OpenEditor {
                line: editor_line(app),
            }];
        }
        Action::Export => return vec![Effect::Export(app.export_format)],
        Action::CycleExportFormat => {
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

/// The next value after `current` in `values`, then `None`, then the first.
fn cycle<'a, T: PartialEq>(values: &'a [T], current: Option<&T>) -> Option<&'a T> {
    match current.and_then(|c| values.iter().position(|v| v == c)) {
        None => values.first(),
        Some(i) => values.get(i + 1),
    }
}

fn claim_changed(app: &mut App) {
    app.link = 0;
    app.passage_span = 0;
    app.passage_scroll = 0;
}

fn moved(cursor: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    cursor.saturating_add_signed(delta).min(len - 1)
}

fn step(app: &mut App, delta: isize) {
    if app.mode == Mode::Help {
        app.help_scroll = app
            .help_scroll
            .saturating_add_signed(delta.clamp(-1000, 1000));
        return;
    }
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
        Screen::Contradictions => match app.focus {
            Pane::List => {
                app.pair_cursor = moved(app.pair_cursor, delta, app.data.pairs.len());
                app.passage_scroll = 0;
            }
            _ => app.passage_scroll += delta.clamp(-10_000, 10_000),
        },
        Screen::Sources => match &mut app.reader {
            Some(reader) => reader.scroll += delta.clamp(-100_000, 100_000),
            None => {
                let n = app.data.dataset.sources.len();
                app.source_cursor = moved(app.source_cursor, delta, n);
            }
        },
        Screen::Diagnostics => {
            let n = app.data.dataset.diagnostics.len();
            app.diagnostic_cursor = moved(app.diagnostic_cursor, delta, n);
        }
    }
}

fn cycle_pane(app: &mut App, forward: bool) {
    let panes: &[Pane] = match app.screen {
        Screen::Claims => &[Pane::List, Pane::Detail, Pane::Passage],
        Screen::Contradictions => &[Pane::List, Pane::Passage],
        _ => &[Pane::List],
    };
    let at = panes.iter().position(|&p| p == app.focus).unwrap_or(0);
    let n = panes.len();
    app.focus = panes[(at + if forward { 1 } else { n - 1 }) % n];
}

/// The claims the detail pane links to: agreeing first, then contradicting.
pub fn link_targets(app: &App, claim: usize) -> Vec<usize> {
    detail_links(app, claim)
        .into_iter()
        .map(|link| link.other)
        .collect()
}

/// One link as the detail pane lists it.
pub struct DetailLink {
    /// How the link reads from the selected claim: "agrees with".
    pub title: &'static str,
    pub other: usize,
    pub relation: usize,
}

/// The detail pane's links in the order it lists them: by kind (agreeing,
/// contradicting, then the others), a directional kind's outgoing links
/// before its incoming ones.
pub fn detail_links(app: &App, claim: usize) -> Vec<DetailLink> {
    let relations = &app.dataset().relations;
    let mut links = Vec::new();
    for kind in RelationKind::ALL {
        for declaring in [true, false] {
            if !kind.is_directional() && !declaring {
                continue;
            }
            let title = match kind {
                RelationKind::Contradicts => "contradicted by",
                _ => kind.phrase(declaring).trim_start_matches("is "),
            };
            for &(other, relation) in app.data.graph.linked(claim, kind) {
                if kind.is_directional() && (relations[relation].from == claim) != declaring {
                    continue;
                }
                links.push(DetailLink {
                    title,
                    other,
                    relation,
                });
            }
        }
    }
    links
}

fn follow(app: &mut App, from: Jump, target: usize) {
    app.jumps.push(from);
    app.mode = Mode::Normal;
    app.focus = Pane::List;
    app.select_claim(target);
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
        Screen::Contradictions => {
            if let Some(r) = app.selected_pair() {
                let target = app.dataset().relations[r].from;
                follow(app, Jump::Pair(app.pair_cursor), target);
            }
        }
        Screen::Sources => match &app.reader {
            None => {
                if app.source_cursor < app.dataset().sources.len() {
                    app.reader = Some(Reader::new(&app.data, app.source_cursor, 0));
                }
            }
            Some(reader) => {
                let (source, span) = (reader.source, reader.span);
                if let Some(placed) = app.data.placed[source].get(span) {
                    let target = placed.claim;
                    follow(app, Jump::Reader { source, span }, target);
                }
            }
        },
        Screen::Diagnostics => {
            let diagnostic = app.dataset().diagnostics.get(app.diagnostic_cursor);
            let target = diagnostic
                .and_then(|d| d.claim.as_deref())
                .and_then(|id| app.dataset().claim_index(id));
            match target {
                Some(target) => follow(app, Jump::Diagnostic(app.diagnostic_cursor), target),
                None => app.say("this diagnostic is not about one claim"),
            }
        }
    }
}

fn back(app: &mut App) {
    if app.mode != Mode::Normal {
        app.mode = Mode::Normal;
        return;
    }
    match app.screen {
        Screen::Sources if app.reader.as_ref().is_some_and(|r| r.anchor.is_some()) => {
            reader::toggle_selection(app)
        }
        Screen::Sources if app.reader.is_some() => app.reader = None,
        Screen::Claims if app.focus != Pane::List => app.focus = Pane::List,
        Screen::Claims if !app.query.is_empty() => {
            app.query.clear();
            app.refresh_visible(None);
        }
        _ => {}
    }
}

fn jump_back(app: &mut App) {
    let Some(jump) = app.jumps.pop() else {
        app.say("no jump to go back to");
        return;
    };
    app.mode = Mode::Normal;
    app.focus = Pane::List;
    match jump {
        Jump::Claim(id) => {
            if let Some(index) = app.dataset().claim_index(&id) {
                app.select_claim(index);
                app.focus = Pane::Detail;
            }
        }
        Jump::Pair(cursor) => {
            app.screen = Screen::Contradictions;
            app.pair_cursor = cursor.min(app.data.pairs.len().saturating_sub(1));
        }
        Jump::Diagnostic(cursor) => {
            app.screen = Screen::Diagnostics;
            app.diagnostic_cursor = cursor;
        }
        Jump::Reader { source, span } => {
            app.screen = Screen::Sources;
            if source < app.dataset().sources.len() {
                app.source_cursor = source;
                let span = span.min(app.data.placed[source].len().saturating_sub(1));
                app.reader = Some(Reader::new(&app.data, source, span));
            }
        }
    }
}

fn next_contradicted(app: &mut App, forward: bool) {
    let n = app.visible.len();
    let found = (1..=n)
        .map(|step| {
            if forward {
                (app.cursor + step) % n
            } else {
                (app.cursor + n * 2 - step) % n
            }
        })
        .find(|&p| app.data.graph.is_contradicted(app.visible[p]));
    match found {
        Some(position) => {
            app.cursor = position;
            claim_changed(app);
        }
        None => app.say("no contradicted claim in the list"),
    }
}

fn set_status(app: &mut App, status: Status) -> Vec<Effect> {
    let Some(claim) = app.selected_claim() else {
        app.say("no claim selected");
        return Vec::new();
    };
    let current = &app.dataset().claims[claim];
    if current.status == status {
        app.say(format!("{} is already {}", current.id, status.as_str()));
        return Vec::new();
    }
    let edit = Edit::SetStatus {
        claim: current.id.clone(),
        status,
    };
    vec![Effect::Apply {
        edit,
        base: app.dataset().text.clone(),
    }]
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
    let dataset = app.dataset();
    let byte = match app.screen {
        Screen::Diagnostics => dataset
            .diagnostics
            .get(app.diagnostic_cursor)
            .and_then(|d| d.span.as_ref())
            .map(|s| s.start),
        Screen::Contradictions => app.selected_pair().map(|r| dataset.relations[r].decl.start),
        Screen::Sources => dataset.sources.get(app.source_cursor).map(|s| s.decl.start),
        Screen::Claims => app.selected_claim().map(|c| dataset.claims[c].decl.start),
    };
    byte.map_or(1, |b| dataset.location(b).line)
}
