//! Timeline screen: the claims by the time they are about, the documents'
//! publications among them, then the claims that state no time; the
//! selected claim (or document) in detail, and its passage.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{draw_passage, field};
use crate::describe;
use crate::ix::{ClaimIx, SourceIx};
use crate::model::Source;
use crate::text::visible_line;
use crate::tui::data::Data;
use crate::tui::screen::{Pane, Timeline};
use crate::tui::timeline::Row;
use crate::tui::widget::claim_list::status_glyph;
use crate::tui::widget::{fit, pane, window_top, wrap_head};

pub fn draw(frame: &mut Frame, data: &Data, state: &Timeline, area: Rect) {
    let list_width = (area.width * 11 / 20).clamp(36, 100);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(area);
    draw_list(frame, data, state, left);
    let [detail, passage] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(right);
    let block = pane(" Detail ".into(), false);
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    let width = inner.width as usize;
    let lines = match state.selected(data) {
        Some(Row::Claim(claim)) => claim_lines(data, *claim, width, inner.height),
        Some(Row::Published { source, .. }) => source_lines(data, *source, width, inner.height),
        _ => vec![Line::raw("no claims yet")],
    };
    frame.render_widget(Paragraph::new(lines), inner);
    draw_selected_passage(frame, data, state, passage);
}

fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

fn dim() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

fn draw_list(frame: &mut Frame, data: &Data, state: &Timeline, area: Rect) {
    let timeline = &data.timeline;
    let stops = timeline.stops.len();
    let title = format!(" Timeline {}/{stops} ", (state.cursor + 1).min(stops));
    let block = pane(title, state.focus == Pane::List);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let selected_row = timeline.stops.get(state.cursor).copied();
    let mut lines: Vec<Line> = Vec::new();
    let height = inner.height as usize;
    let mut total = timeline.rows.len();
    if !timeline.undated_sources.is_empty() {
        total += 1;
    }
    let top = window_top(selected_row.unwrap_or(0), height, total);
    for (index, row) in timeline.rows.iter().enumerate().skip(top).take(height) {
        let selected = Some(index) == selected_row;
        lines.push(row_line(data, row, selected, width));
    }
    if !timeline.undated_sources.is_empty() && lines.len() < height {
        let ids: Vec<&str> = timeline
            .undated_sources
            .iter()
            .map(|&s| data.dataset.sources[s].id.as_str())
            .collect();
        let note = format!("No publication date: {}", ids.join(", "));
        lines.push(Line::styled(fit(&note, width), dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_line(data: &Data, row: &Row, selected: bool, width: usize) -> Line<'static> {
    let dataset = &data.dataset;
    let cursor = if selected { "›" } else { " " };
    let base = if selected {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default()
    };
    match row {
        Row::Time { label, claims } => {
            Line::styled(fit(&format!("{label} ({claims})"), width), bold())
        }
        Row::Undated(claims) => Line::styled(fit(&format!("Undated ({claims})"), width), bold()),
        Row::Published { date, source } => {
            let name = dataset.sources[*source].display_name();
            let text = format!("{cursor}▸ published {date}: {name}");
            Line::styled(fit(&text, width), base.add_modifier(Modifier::ITALIC))
        }
        Row::Claim(claim) => {
            let c = &dataset.claims[*claim];
            let prefix = format!("{cursor}{} ", status_glyph(c.status));
            let suffix = fit(
                &format!("  {}", where_published(data, *claim, width < 60)),
                (width / 3).max(21),
            );
            let room = width.saturating_sub(prefix.width() + suffix.width());
            let text = fit(&c.text, room);
            let pad = " ".repeat(room.saturating_sub(text.width()));
            Line::from(vec![
                Span::styled(prefix, base),
                Span::styled(text, base),
                Span::styled(pad, base),
                Span::styled(suffix, base.add_modifier(Modifier::DIM)),
            ])
        }
    }
}

/// The documents that make a claim, each with its publication date
/// (`huseynov 2026-03-14, brief 2026-03-10`); in a narrow list, the dates
/// alone.
fn where_published(data: &Data, claim: ClaimIx, narrow: bool) -> String {
    let dataset = &data.dataset;
    let sources: Vec<String> = dataset
        .claim_sources(claim)
        .into_iter()
        .map(|s| {
            let source = &dataset.sources[s];
            match (&source.date, narrow) {
                (Some(date), true) => date.clone(),
                (None, true) => "undated".to_string(),
                (Some(date), false) => format!("{} {date}", source.id),
                (None, false) => source.id.clone(),
            }
        })
        .collect();
    sources.join(", ")
}

fn claim_lines(data: &Data, claim: ClaimIx, width: usize, height: u16) -> Vec<Line<'static>> {
    let dataset = &data.dataset;
    let c = &dataset.claims[claim];
    let mut lines = vec![Line::from(vec![
        Span::styled(visible_line(&c.id).into_owned(), bold()),
        Span::raw(format!(
            "  {} {}",
            status_glyph(c.status),
            c.status.as_str()
        )),
    ])];
    for row in wrap_head(&c.text, width, (height as usize / 3).max(1)) {
        lines.push(Line::raw(row));
    }
    let fitted =
        |label: &str, value: &str| field(label, fit(value, width - width.min(label.len() + 2)));
    lines.push(fitted("when", &describe::when(dataset, claim)));
    lines.push(fitted("by", &describe::by(dataset, claim)));
    lines.push(fitted("how", &describe::how(c)));
    for source in dataset.claim_sources(claim) {
        let source = &dataset.sources[source];
        lines.push(fitted("in", &published(source)));
    }
    let question = dataset
        .topic(&c.topic)
        .map_or(c.topic.as_str(), |t| t.question.as_str());
    lines.push(fitted("topic", question));
    lines.push(Line::styled(
        fit("Enter: the claim · o: its quote in the document", width),
        dim(),
    ));
    lines
}

/// `published 2026-03-14: Title`, or `no publication date: Title`: the
/// date first, where a narrow pane does not cut it.
fn published(source: &Source) -> String {
    match &source.date {
        Some(date) => format!("published {date}: {}", source.display_name()),
        None => format!("no publication date: {}", source.display_name()),
    }
}

fn source_lines(data: &Data, index: SourceIx, width: usize, height: u16) -> Vec<Line<'static>> {
    let source = &data.dataset.sources[index];
    let mut lines = vec![Line::styled(fit(source.display_name(), width), bold())];
    let fitted =
        |label: &str, value: &str| field(label, fit(value, width - width.min(label.len() + 2)));
    let date = source.date.as_deref().unwrap_or("not given");
    lines.push(fitted("published", date));
    for (label, value) in [("author", &source.author), ("outlet", &source.outlet)] {
        if let Some(value) = value {
            lines.push(fitted(label, value));
        }
    }
    let claims = data.claims_citing(index);
    lines.push(fitted("claims", &format!("{claims} quote it")));
    if let Some(note) = &source.note {
        for row in wrap_head(
            note,
            width,
            (height as usize).saturating_sub(lines.len() + 1),
        ) {
            lines.push(Line::styled(
                row,
                Style::default().add_modifier(Modifier::ITALIC),
            ));
        }
    }
    lines.push(Line::styled(fit("Enter: read the document", width), dim()));
    lines
}

fn draw_selected_passage(frame: &mut Frame, data: &Data, state: &Timeline, area: Rect) {
    let focused = state.focus == Pane::Passage;
    let dataset = &data.dataset;
    let (source, current) = match state.selected(data) {
        Some(Row::Claim(claim)) => match data.nth_placed(*claim, 0) {
            Some((source, placed)) => (Some(source), Some(placed.display.clone())),
            None => (None, None),
        },
        Some(Row::Published { source, .. }) => (Some(*source), None),
        _ => (None, None),
    };
    let Some(source) = source else {
        let block = pane(" Passage ".into(), focused);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if state.selected_claim(data).is_some() {
            frame.render_widget(
                Paragraph::new("(no quote of this claim was found in its source)")
                    .wrap(Wrap { trim: true }),
                inner,
            );
        }
        return;
    };
    let title = format!(" {} ", visible_line(dataset.sources[source].display_name()));
    let block = pane(fit(&title, area.width.saturating_sub(2) as usize), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    draw_passage(frame, data, inner, source, current, state.passage_scroll);
}
