//! The bottom line: position, review progress, file, filters, errors and
//! the latest message; the search prompt while typing one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::text::visible_line;
use crate::tui::app::{App, Mode};
use crate::tui::screen::Screen;
use crate::tui::widget::fit;
use crate::tui::widget::text_input::visible_tail;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    if let Some(flow) = &app.flow {
        let mut parts = vec![Span::styled(
            fit(&flow.hint(), area.width as usize),
            Style::default().add_modifier(Modifier::BOLD),
        )];
        if let Some(message) = &app.message {
            parts.push(Span::raw(format!(" │ {}", visible_line(&message.text))));
        }
        frame.render_widget(Line::from(parts), area);
        return;
    }
    // A find or search too long for the line shows its end, where the
    // cursor is, and what follows it stays in view.
    let typed_width = |after: &str, before: &str| {
        (area.width as usize)
            .saturating_sub(before.width() + 1 + after.width())
            .max(10)
    };
    if app.mode == Mode::Find
        && let Some(reader) = &app.screens.sources.reader
    {
        let hint = "  Enter keeps the place, Esc goes back";
        let typed = visible_tail(&reader.find.text, typed_width(hint, "find: "));
        let mut parts = vec![
            Span::styled(
                format!("find: {typed}"),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::raw("█"),
            Span::styled(hint, Style::default().add_modifier(Modifier::DIM)),
        ];
        if let Some(message) = &app.message {
            parts.push(Span::raw(format!(" │ {}", visible_line(&message.text))));
        }
        frame.render_widget(Line::from(parts), area);
        return;
    }
    if app.mode == Mode::Search {
        let claims = &app.screens.claims;
        let count = format!(
            "  {} matching — Enter keeps, Esc clears",
            claims.visible.len()
        );
        let prompt = format!("/{}", visible_tail(&claims.query, typed_width(&count, "/")));
        let line = Line::from(vec![
            Span::styled(prompt, Style::default().add_modifier(Modifier::BOLD)),
            Span::raw("█"),
            Span::styled(count, Style::default().add_modifier(Modifier::DIM)),
        ]);
        frame.render_widget(line, area);
        return;
    }
    let dataset = app.dataset();
    let total = dataset.claims.len();
    let mut parts: Vec<Span> = Vec::new();
    let position = match app.screen {
        Screen::Claims => app.screens.claims.position(),
        Screen::Contradictions => app.screens.pairs.position(&app.data),
        Screen::Sources => app.screens.sources.position(&app.data),
        Screen::Diagnostics => app.screens.diagnostics.position(&app.data),
    };
    parts.push(Span::raw(position));
    parts.push(Span::raw(format!(
        " │ {}/{total} reviewed",
        app.data.reviewed_count()
    )));
    parts.push(Span::raw(format!(" │ {}", app.data.file_name())));
    let claims = &app.screens.claims;
    let mut filters = visible_line(&claims.filter.describe()).into_owned();
    if !claims.query.is_empty() {
        if !filters.is_empty() {
            filters.push(' ');
        }
        filters.push('/');
        filters.push_str(&visible_line(&claims.query));
    }
    if !filters.is_empty() {
        parts.push(Span::styled(
            format!(" │ filter: {filters}"),
            Style::default().add_modifier(Modifier::BOLD),
        ));
    }
    let errors = dataset.error_count();
    if errors > 0 && app.screen != Screen::Diagnostics {
        let s = if errors == 1 { "" } else { "s" };
        parts.push(Span::styled(
            format!(" │ {errors} error{s} — press 4"),
            Style::default().add_modifier(Modifier::BOLD),
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
    let used: usize = parts.iter().map(|s| s.width()).sum();
    let help = " ? help ";
    let width = area.width as usize;
    if used + help.len() < width {
        parts.push(Span::raw(" ".repeat(width - used - help.len())));
        parts.push(Span::styled(
            help,
            Style::default().add_modifier(Modifier::DIM),
        ));
        frame.render_widget(Line::from(parts), area);
    } else {
        let text: String = parts.iter().map(|s| s.content.as_ref()).collect();
        frame.render_widget(Line::raw(fit(&text, width)), area);
    }
}
