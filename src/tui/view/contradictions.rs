//! Contradictions screen: every contradicting pair by topic; for the
//! selected pair, both claims and both passages side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{draw_passage, field};
use crate::text::visible_line;
use crate::tui::data::Data;
use crate::tui::screen::{Pairs, Pane};
use crate::tui::widget::claim_list::status_glyph;
use crate::tui::widget::{fit, pane, window_top, wrap};

pub fn draw(frame: &mut Frame, data: &Data, state: &Pairs, area: Rect) {
    let list_width = (area.width / 3).clamp(24, 50);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(area);
    draw_list(frame, data, state, left);
    let Some(relation) = state.selected(data) else {
        let block = pane(" Pair ".into(), false);
        let inner = block.inner(right);
        frame.render_widget(block, right);
        frame.render_widget(Paragraph::new("no claims contradict each other"), inner);
        return;
    };
    let dataset = &data.dataset;
    let rel = &dataset.relations[relation];
    let [head, sides] = Layout::vertical([Constraint::Length(4), Constraint::Min(4)]).areas(right);
    let block = pane(" Why they clash ".into(), false);
    let inner = block.inner(head);
    frame.render_widget(block, head);
    let note = rel.note.as_deref().unwrap_or("(no note on this link)");
    let topic = &dataset.claims[rel.from].topic;
    let question = dataset
        .topic(topic)
        .map_or(topic.as_str(), |t| t.question.as_str());
    let width = inner.width as usize;
    frame.render_widget(
        Paragraph::new(vec![
            field("topic", fit(question, width.saturating_sub(7))),
            field("note", fit(note, width.saturating_sub(6))),
        ]),
        inner,
    );
    let [a, b] = Layout::horizontal([Constraint::Percentage(50); 2]).areas(sides);
    draw_side(frame, data, state, a, rel.from);
    draw_side(frame, data, state, b, rel.to);
}

fn draw_list(frame: &mut Frame, data: &Data, state: &Pairs, area: Rect) {
    let dataset = &data.dataset;
    let title = format!(
        " Pairs {}/{} ",
        (state.cursor + 1).min(data.pairs.len()),
        data.pairs.len()
    );
    let block = pane(title, state.focus == Pane::List);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut topic: Option<&str> = None;
    for (position, &r) in data.pairs.iter().enumerate() {
        let rel = &dataset.relations[r];
        let this = dataset.claims[rel.from].topic.as_str();
        if topic != Some(this) {
            topic = Some(this);
            let header = dataset.topic(this).map_or(this, |t| t.question.as_str());
            lines.push(Line::styled(
                fit(header, width),
                Style::default().add_modifier(Modifier::BOLD),
            ));
        }
        let selected = position == state.cursor;
        let cursor = if selected { "›" } else { " " };
        let (a, b) = (&dataset.claims[rel.from].id, &dataset.claims[rel.to].id);
        let text = format!("{cursor}{a} ⚡ {b}");
        let style = if selected {
            selected_line = lines.len();
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        lines.push(Line::styled(fit(&text, width), style));
    }
    let height = inner.height as usize;
    let top = window_top(selected_line, height, lines.len());
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

fn draw_side(frame: &mut Frame, data: &Data, state: &Pairs, area: Rect, claim: usize) {
    let dataset = &data.dataset;
    let c = &dataset.claims[claim];
    let title = format!(" {} {} ", status_glyph(c.status), visible_line(&c.id));
    let block = pane(
        fit(&title, area.width.saturating_sub(2) as usize),
        state.focus == Pane::Passage,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = wrap(&visible_line(&c.text), width)
        .into_iter()
        .take(3)
        .map(Line::raw)
        .collect();
    let placed = data.nth_placed(claim, 0);
    if let Some(source) = placed
        .map(|(s, _)| &dataset.sources[s])
        .or_else(|| c.spans.first().and_then(|s| dataset.source(&s.source)))
    {
        let mut who: Vec<&str> = [&source.author, &source.date]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        who.push(source.display_name());
        let who = format!("says {}", visible_line(&who.join(" · ")));
        lines.push(Line::styled(
            fit(&who, width),
            Style::default().add_modifier(Modifier::DIM),
        ));
    }
    let info_height = (lines.len() as u16 + 1).min(inner.height);
    let [info, passage] =
        Layout::vertical([Constraint::Length(info_height), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(lines), info);
    if let Some((source, span)) = placed {
        draw_passage(
            frame,
            data,
            passage,
            source,
            Some(span.display.clone()),
            state.passage_scroll,
        );
    } else {
        frame.render_widget(Paragraph::new("(quote not found in its source)"), passage);
    }
}
