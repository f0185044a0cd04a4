//! Diagnostics screen: what `crux check` reports; Enter goes to the claim.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::field;
use crate::diag::{Diagnostic, Severity};
use crate::text::visible_line;
use crate::tui::data::Data;
use crate::tui::screen::Diagnostics;
use crate::tui::widget::{fit, pane, window_top, wrap};

pub fn draw(frame: &mut Frame, data: &Data, state: &Diagnostics, area: Rect) {
    let dataset = &data.dataset;
    let title = format!(
        " Diagnostics: {} errors, {} warnings ",
        dataset.error_count(),
        dataset.warning_count()
    );
    let [list, detail] =
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
    let block = pane(title, true);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if dataset.diagnostics.is_empty() {
        let note = match &data.anchoring {
            _ if data.first_claims_only => {
                format!(
                    "nothing checked yet: reading the rest of {}",
                    data.file_name()
                )
            }
            Some(anchoring) => format!("nothing to report so far: {}", anchoring.describe()),
            None => "nothing to report: the file checks clean".to_string(),
        };
        frame.render_widget(Paragraph::new(note), inner);
        return;
    }
    draw_list(frame, data, state.cursor, inner);
    if let Some(d) = state.selected(data) {
        draw_detail(frame, data, d, detail);
    }
}

fn draw_list(frame: &mut Frame, data: &Data, cursor: usize, inner: Rect) {
    let dataset = &data.dataset;
    let width = inner.width as usize;
    let height = inner.height as usize;
    let top = window_top(cursor, height, dataset.diagnostics.len());
    let lines: Vec<Line> = dataset
        .diagnostics
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, d)| {
            let line = d
                .span
                .as_ref()
                .map_or(0, |s| dataset.location(s.start).line);
            let severity = match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warn ",
            };
            let marker = if i == cursor { "›" } else { " " };
            let text = format!(
                "{marker}{severity} {} line {line:<4} {}",
                d.code.id(),
                d.message
            );
            let mut style = Style::default();
            if d.is_error() {
                style = style.add_modifier(Modifier::BOLD);
            }
            if i == cursor {
                style = style.add_modifier(Modifier::REVERSED);
            }
            Line::styled(fit(&text, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_detail(frame: &mut Frame, data: &Data, d: &Diagnostic, area: Rect) {
    let block = pane(format!(" {} — {} ", d.code.id(), d.code.summary()), false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = wrap(&visible_line(&d.message), width)
        .into_iter()
        .map(Line::raw)
        .collect();
    if let Some(span) = &d.span {
        let at = data.dataset.location(span.start);
        let file = data.file_name();
        lines.push(field("at", format!("{file}:{}:{}", at.line, at.col)));
    }
    if let Some(help) = &d.help {
        lines.push(field("help", fit(help, width.saturating_sub(6))));
    }
    for note in &d.notes {
        lines.push(field("note", fit(note, width.saturating_sub(6))));
    }
    if let Some(claim) = &d.claim {
        lines.push(Line::from(vec![
            Span::styled("claim: ", Style::default().add_modifier(Modifier::DIM)),
            Span::raw(format!("{} (Enter goes there)", visible_line(claim))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
