//! Overlays: the help generated from the key table, and the filter menu.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::text::visible_line;
use crate::tui::keymap::{Group, help_entries};
use crate::tui::screen::Claims;
use crate::tui::widget::{fit, pane};

pub fn help_lines() -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for group in Group::ALL {
        lines.push(Line::styled(
            group.title().to_string(),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        for (keys, context, action) in help_entries(group) {
            if context == crate::tui::keymap::Context::Help {
                continue;
            }
            let context = match context {
                crate::tui::keymap::Context::Global => String::new(),
                other => format!(" ({})", other.title()),
            };
            lines.push(Line::from(vec![
                Span::raw(format!("  {keys:<22}")),
                Span::raw(action.description()),
                Span::styled(context, Style::default().add_modifier(Modifier::DIM)),
            ]));
        }
    }
    lines.push(Line::raw(
        "  letters           type into the search (while typing one)",
    ));
    lines
}

pub fn draw(frame: &mut Frame, scroll: usize, area: Rect) {
    let popup = crate::tui::widget::popup(area, 84, area.height.saturating_sub(2));
    let lines = help_lines();
    let block = pane(" Help — Esc or ? closes, j/k scroll ".into(), true);
    let inner = block.inner(popup);
    let max_top = lines.len().saturating_sub(inner.height as usize);
    let top = scroll.min(max_top);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

pub fn draw_filter_menu(frame: &mut Frame, claims: &Claims, area: Rect) {
    let filter = &claims.filter;
    let show =
        |value: Option<&str>| value.map_or("any".to_string(), |v| visible_line(v).into_owned());
    let rows = [
        ("s", "status", show(filter.status.map(|s| s.as_str()))),
        ("t", "topic", show(filter.topic.as_deref())),
        ("o", "source", show(filter.source.as_deref())),
        (
            "c",
            "contradicted only",
            if filter.contradicted_only {
                "yes"
            } else {
                "no"
            }
            .to_string(),
        ),
    ];
    let popup = crate::tui::widget::popup(area, 48, rows.len() as u16 + 5);
    let block = pane(" Filter ".into(), true);
    let inner = block.inner(popup);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(key, name, value)| {
            Line::from(vec![
                Span::styled(
                    format!(" {key} "),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(fit(&format!("{name:<18} {value}"), width.saturating_sub(4))),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            " {} claims shown — F clears, Esc closes",
            claims.visible.len()
        ),
        Style::default().add_modifier(Modifier::DIM),
    ));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines), inner);
}
