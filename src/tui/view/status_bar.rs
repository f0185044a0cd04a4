//! The bottom line: position, review progress, file, filters, errors and
//! the latest message; the step of an open dialog, or the find or search
//! prompt while typing one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::text::visible_line;
use crate::tui::app::{App, Message, Mode};
use crate::tui::data::Data;
use crate::tui::flow::Flow;
use crate::tui::screen::{Claims, Reader, Screen};
use crate::tui::widget::fit;
use crate::tui::widget::text_input::visible_tail;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let width = area.width as usize;
    let message = app.message.as_ref();
    let line = match (&app.flow, app.mode, &app.screens.sources.reader) {
        (Some(flow), _, _) => dialog_line(flow, message, width),
        (None, Mode::Find, Some(reader)) => find_line(reader, message, width),
        (None, Mode::Search, _) => search_line(&app.screens.claims, &app.data, width),
        _ => status_line(app, width),
    };
    frame.render_widget(line, area);
}

fn bold() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

fn dim() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

/// The latest message after the line's other parts.
fn message_span(message: &Message) -> Span<'static> {
    Span::raw(format!(" │ {}", visible_line(&message.text)))
}

/// The open dialog's step, and the latest message.
fn dialog_line(flow: &Flow, message: Option<&Message>, width: usize) -> Line<'static> {
    let mut parts = vec![Span::styled(fit(&flow.hint(), width), bold())];
    parts.extend(message.map(message_span));
    Line::from(parts)
}

/// Columns left for typed text between `before` and `after` on a line of
/// `width`: a find or search too long for the line shows its end, where
/// the cursor is, and what follows it stays in view.
fn typed_width(width: usize, before: &str, after: &str) -> usize {
    width
        .saturating_sub(before.width() + 1 + after.width())
        .max(10)
}

/// The find being typed in the reader.
fn find_line(reader: &Reader, message: Option<&Message>, width: usize) -> Line<'static> {
    let hint = "  Enter keeps the place, Esc goes back";
    let typed = visible_tail(&reader.find.text, typed_width(width, "find: ", hint));
    let mut parts = vec![
        Span::styled(format!("find: {typed}"), bold()),
        Span::raw("█"),
        Span::styled(hint, dim()),
    ];
    parts.extend(message.map(message_span));
    Line::from(parts)
}

/// The claim search being typed, and how many claims it matches.
fn search_line(claims: &Claims, data: &Data, width: usize) -> Line<'static> {
    let count = format!(
        "  {} matching — Enter keeps, Esc clears",
        claims.count_label(data)
    );
    let prompt = format!(
        "/{}",
        visible_tail(&claims.query, typed_width(width, "/", &count))
    );
    Line::from(vec![
        Span::styled(prompt, bold()),
        Span::raw("█"),
        Span::styled(count, dim()),
    ])
}

/// Where the selection is, the review's progress, the file, the filters,
/// the errors and the latest message; `? help` at the right when it fits.
fn status_line(app: &App, width: usize) -> Line<'static> {
    let data = &app.data;
    let mut parts = vec![
        Span::raw(app.screens.get(app.screen).position(data)),
        Span::raw(format!(
            " │ {}/{}{} reviewed",
            data.reviewed_count(),
            data.dataset.claims.len(),
            if data.first_claims_only { "+" } else { "" }
        )),
        Span::raw(format!(" │ {}", data.file_name())),
    ];
    if data.first_claims_only {
        parts.push(Span::raw(" │ reading the rest of the claims"));
    } else if let Some(anchoring) = &data.anchoring {
        let style = match anchoring.failed {
            Some(_) => bold(),
            None => Style::default(),
        };
        parts.push(Span::styled(format!(" │ {}", anchoring.describe()), style));
    }
    let filters = filters(&app.screens.claims);
    if !filters.is_empty() {
        parts.push(Span::styled(format!(" │ filter: {filters}"), bold()));
    }
    let errors = data.dataset.error_count();
    if errors > 0 && app.screen != Screen::Diagnostics {
        let s = if errors == 1 { "" } else { "s" };
        parts.push(Span::styled(
            format!(" │ {errors} error{s} — press 4"),
            bold(),
        ));
    }
    if let Some(message) = &app.message {
        let style = if message.is_error {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        } else {
            Style::default()
        };
        parts.push(Span::styled(
            format!(" │ {}", visible_line(&message.text)),
            style,
        ));
    }
    with_help(parts, width)
}

/// The claim list's filters and search, as the status bar names them.
fn filters(claims: &Claims) -> String {
    let mut filters = visible_line(&claims.filter.describe()).into_owned();
    if !claims.query.is_empty() {
        if !filters.is_empty() {
            filters.push(' ');
        }
        filters.push('/');
        filters.push_str(&visible_line(&claims.query));
    }
    filters
}

/// `parts`, then `? help` at the right edge; when they do not all fit,
/// `parts` alone cut to the width.
fn with_help(mut parts: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let used: usize = parts.iter().map(|s| s.width()).sum();
    let help = " ? help ";
    if used + help.len() < width {
        parts.push(Span::raw(" ".repeat(width - used - help.len())));
        parts.push(Span::styled(help, dim()));
        Line::from(parts)
    } else {
        let text: String = parts.iter().map(|s| s.content.as_ref()).collect();
        Line::raw(fit(&text, width))
    }
}
