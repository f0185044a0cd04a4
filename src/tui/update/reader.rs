//! The reader: its cursor, selecting a passage, finding text in the
//! document, and turning a selection into a new claim.

use super::super::action::{Action, PromptAction, ReaderAction};
use super::super::app::{App, Mode};
use super::super::flow::{Flow, NewClaimFlow, NewClaimStep};
use super::super::screen::Reader;
use super::super::selection::{self, Unit};
use super::super::widget::picker::{PickItem, Picker};
use super::super::widget::text_input::pasted;

pub fn update(app: &mut App, action: ReaderAction) {
    match action {
        ReaderAction::NextSpan => next_span_or_match(app, true),
        ReaderAction::PreviousSpan => next_span_or_match(app, false),
        ReaderAction::NextQuote => next_quote(app, true),
        ReaderAction::PreviousQuote => next_quote(app, false),
        ReaderAction::ToggleSelection => toggle_selection(app),
        ReaderAction::Motion(unit, forward) => motion(app, unit, forward),
        ReaderAction::SwapSelectionEnds => swap_ends(app),
        ReaderAction::Find => start_find(app),
        ReaderAction::NewClaim => new_claim(app),
    }
}

/// The open reader and the text it shows (empty when unreadable).
fn reader_and_text(app: &mut App) -> Option<(&mut Reader, &str)> {
    let reader = app.screens.sources.reader.as_mut()?;
    let text = reader.text(&app.data);
    Some((reader, text))
}

fn toggle_selection(app: &mut App) {
    let Some(reader) = app.screens.sources.reader.as_mut() else {
        return;
    };
    if reader.anchor.take().is_none() {
        reader.anchor = Some(reader.cursor);
        app.say("selecting: l/h w/b )/( or / extend it, c makes a claim, Esc drops it");
    }
}

fn motion(app: &mut App, unit: Unit, forward: bool) {
    if let Some((reader, text)) = reader_and_text(app) {
        reader.cursor = selection::step(text, reader.cursor, unit, forward);
        reader.scroll = 0;
    }
}

fn swap_ends(app: &mut App) {
    if let Some(reader) = app.screens.sources.reader.as_mut()
        && let Some(anchor) = reader.anchor
    {
        reader.anchor = Some(reader.cursor);
        reader.cursor = anchor;
        reader.scroll = 0;
    }
}

fn start_find(app: &mut App) {
    if let Some(reader) = app.screens.sources.reader.as_mut() {
        reader.find.text.clear();
        reader.find.cursor = 0;
        reader.find_from = reader.cursor;
        app.mode = Mode::Find;
    }
}

/// Typing a find: every change looks again from where the find started.
/// Returns whether the action was the find's.
pub fn in_find(app: &mut App, action: &Action) -> bool {
    let Some(reader) = app.screens.sources.reader.as_mut() else {
        app.mode = Mode::Normal;
        return false;
    };
    match action {
        Action::Prompt(PromptAction::Input(c)) => reader.find.insert(*c),
        Action::Prompt(PromptAction::Paste(text)) => {
            reader.find.insert_str(&pasted(text, false).0);
        }
        Action::Prompt(PromptAction::Edit(edit)) => reader.find.edit(*edit),
        Action::Prompt(PromptAction::Accept) => {
            app.mode = Mode::Normal;
            return true;
        }
        Action::Prompt(PromptAction::Cancel) => {
            reader.cursor = reader.find_from;
            reader.find = Default::default();
            reader.scroll = 0;
            app.mode = Mode::Normal;
            return true;
        }
        _ => return false,
    }
    let from = reader.find_from;
    if !go_to_match(app, from, true)
        && app
            .screens
            .sources
            .reader
            .as_ref()
            .is_some_and(|r| !r.find.text.is_empty())
    {
        app.warn("not found in this document");
    }
    true
}

/// Moves the cursor to the next match of the find from `from`: onto its
/// start, or, while selecting forward, past its end.
fn go_to_match(app: &mut App, from: usize, forward: bool) -> bool {
    let Some((reader, text)) = reader_and_text(app) else {
        return false;
    };
    let Some(found) = selection::find(text, &reader.find.text, from, forward) else {
        return false;
    };
    reader.cursor = match reader.anchor {
        Some(anchor) if found.start >= anchor => found.end,
        _ => found.start,
    };
    reader.scroll = 0;
    true
}

/// `n`/`N` in the reader: the next find match when there is a find, else
/// the next marked quote.
fn next_span_or_match(app: &mut App, forward: bool) {
    let Some((reader, text)) = reader_and_text(app) else {
        return;
    };
    if !reader.find.text.is_empty() {
        let query = &reader.find.text;
        let from = match (forward, reader.anchor) {
            // Selecting forward, the cursor is past a match's end already.
            (true, Some(anchor)) if reader.cursor >= anchor => reader.cursor,
            (true, _) => selection::step(text, reader.cursor, Unit::Char, true),
            // From the start of a match the cursor ends, so `N` does not find it again.
            (false, _) => match selection::find(text, query, reader.cursor, false) {
                Some(m) if m.end == reader.cursor => m.start,
                _ => reader.cursor,
            },
        };
        go_to_match(app, from, forward);
        return;
    }
    next_quote(app, forward);
}

/// `]`/`[` in the reader: the next marked quote.
fn next_quote(app: &mut App, forward: bool) {
    let Some(reader) = app.screens.sources.reader.as_mut() else {
        return;
    };
    let spans = app.data.placed(reader.source);
    if !spans.is_empty() {
        let count = spans.len();
        reader.span = (reader.span + if forward { 1 } else { count - 1 }) % count;
        reader.scroll = 0;
        if reader.anchor.is_none() {
            reader.cursor = spans[reader.span].display.start;
        }
    }
}

/// `c`: a claim from the selected passage; asks for its topic first.
fn new_claim(app: &mut App) {
    let Some(reader) = &app.screens.sources.reader else {
        return;
    };
    let selected = reader.selection().filter(|r| !r.is_empty());
    let source = &app.data.dataset.sources[reader.source];
    let (Some(selected), Some(document)) = (selected, app.data.document(reader.source)) else {
        app.warn("select a passage first: v starts a selection, w ) or / extend it");
        return;
    };
    let quoted = document.quoted_range(&selected);
    if document.quoted()[quoted.clone()].trim().is_empty() {
        app.warn("the selection is only blank space: extend it over some words");
        return;
    }
    let (quote, prefix, suffix) = crate::anchor::disambiguate(document.quotable(), quoted);
    let topics = app
        .dataset()
        .topics
        .iter()
        .map(|t| PickItem {
            id: t.id.clone(),
            detail: t.question.clone(),
            group: 0,
        })
        .collect();
    let picker = Picker::new("topic", topics, Some("new topic…".to_string()));
    app.flow = Some(Flow::NewClaim(NewClaimFlow {
        source: source.id.clone(),
        quote,
        prefix,
        suffix,
        topic: String::new(),
        new_topic_question: None,
        text: String::new(),
        step: NewClaimStep::Topic(picker),
        base: app.dataset().text.clone(),
    }));
}
