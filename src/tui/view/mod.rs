//! Drawing: one function per screen, overlays on top. Reads the [`App`], never changes it.

mod claims;
mod contradictions;
mod diagnostics;
mod dialog;
mod help;
mod sources;
mod status_bar;
mod timeline;

use std::ops::Range;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Mode};
use super::data::{Data, WrappedRows};
use super::screen::{Reader, Screen, Screens};
use super::widget::passage::{PAGE_GUTTER, Passage, wrap_rows};
use crate::ix::SourceIx;

/// The smallest terminal every screen and popup fits: the filter menu is 60
/// columns and the claims screen's detail and passage panes need a few rows
/// of text each under the tab and status lines.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// Whether a terminal of this size shows the screens (else only a notice).
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if !fits(area.width, area.height) {
        too_small(frame, area);
        return;
    }
    let [tabs, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (data, screens) = (&app.data, &app.screens);
    draw_tabs(frame, data, screens, app.screen, tabs);
    match app.screen {
        Screen::Claims => claims::draw(frame, data, &screens.claims, body),
        Screen::Contradictions => contradictions::draw(frame, data, &screens.pairs, body),
        Screen::Sources => sources::draw(frame, data, &screens.sources, body),
        Screen::Diagnostics => diagnostics::draw(frame, data, &screens.diagnostics, body),
        Screen::Timeline => timeline::draw(frame, data, &screens.timeline, body),
    }
    status_bar::draw(frame, app, bottom);
    match app.mode {
        Mode::Help => help::draw(frame, app.help_scroll, body),
        Mode::FilterMenu => help::draw_filter_menu(frame, &screens.claims, data, body),
        Mode::Normal | Mode::Search | Mode::Find => {}
    }
    if let Some(flow) = &app.flow {
        dialog::draw(frame, flow, data, body);
    }
}

/// Rows of the main list for a terminal of this height (page moves).
pub fn page_rows(height: u16) -> usize {
    height.saturating_sub(5).max(1) as usize
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "terminal too small (need at least {MIN_WIDTH}x{MIN_HEIGHT}, now {}x{}); q quits",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

/// One tab a screen, with its count; the one `shown` stands out.
fn draw_tabs(frame: &mut Frame, data: &Data, screens: &Screens, shown: Screen, area: Rect) {
    let tabs: Vec<(Screen, usize)> = Screen::ALL
        .iter()
        .map(|&screen| (screen, screens.get(screen).count(data)))
        .collect();
    // While the claims file is read, every count may grow.
    let more = if data.first_claims_only { "+" } else { "" };
    let label = |i: usize, screen: Screen, count: usize, titled: bool| {
        if titled {
            format!(" {} {} {count}{more} ", i + 1, screen.title())
        } else {
            format!(" {}:{count}{more} ", i + 1)
        }
    };
    let full_width: usize = tabs
        .iter()
        .enumerate()
        .map(|(i, &(screen, count))| label(i, screen, count, true).width() + 1)
        .sum();
    // On a narrow terminal only the current screen keeps its title, so that
    // every screen's number stays visible.
    let all_titled = full_width <= area.width as usize;
    let mut spans = Vec::new();
    for (i, &(screen, count)) in tabs.iter().enumerate() {
        let current = screen == shown;
        let style = if current {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        spans.push(Span::styled(
            label(i, screen, count, all_titled || current),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    if let Some(title) = &data.dataset.title {
        spans.push(Span::styled(
            crate::text::visible_line(title).into_owned(),
            Style::default().add_modifier(Modifier::DIM),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Draws source `source`'s text in `area` with `current` highlighted.
pub fn draw_passage(
    frame: &mut Frame,
    data: &Data,
    area: Rect,
    source: SourceIx,
    current: Option<Range<usize>>,
    scroll: isize,
) {
    draw_document(frame, data, area, source, current, scroll, None);
}

/// [`draw_passage`] with the reader's cursor and selection.
pub fn draw_document(
    frame: &mut Frame,
    data: &Data,
    area: Rect,
    source: SourceIx,
    current: Option<Range<usize>>,
    scroll: isize,
    reader: Option<&Reader>,
) {
    let Some(document) = data.document(source) else {
        let note = if data.is_pending(source) {
            data.not_read_yet()
        } else {
            "(the document could not be read)".to_string()
        };
        frame.render_widget(Paragraph::new(note), area);
        return;
    };
    let rows = wrapped(data, source, area.width);
    let others = data
        .placed(source)
        .iter()
        .map(|p| p.display.clone())
        .filter(|r| Some(r) != current.as_ref())
        .collect();
    let passage = Passage {
        document,
        rows: &rows,
        others,
        current,
        scroll,
        cursor: reader.map(|r| r.cursor),
        selection: reader.and_then(|r| r.selection()),
    };
    frame.render_widget(passage, area);
}

/// A source's rows at `width`, wrapped once and cached.
fn wrapped(data: &Data, source: SourceIx, width: u16) -> WrappedRows {
    let mut cache = data.wrapped.borrow_mut();
    cache
        .entry((source, width))
        .or_insert_with(|| {
            let text = data.shown_text(source);
            let paged = data.document(source).is_some_and(|d| !d.pages().is_empty());
            let gutter = if paged { PAGE_GUTTER } else { 0 };
            Rc::new(wrap_rows(
                text,
                (width as usize).saturating_sub(gutter).max(1),
            ))
        })
        .clone()
}

/// A dimmed label followed by a value.
fn field(label: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{label}: "),
            Style::default().add_modifier(Modifier::DIM),
        ),
        Span::raw(value.into()),
    ])
}
