//! Contradictions screen: the contradicting pairs grouped by who
//! disagrees (or, after `d`, the other differences grouped by kind); for
//! the selected pair, both claims, who asserts each, and both passages
//! side by side.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{draw_passage, field};
use crate::describe;
use crate::ix::{ClaimIx, RelationIx};
use crate::model::{Dataset, Relation};
use crate::text::visible_line;
use crate::tui::data::Data;
use crate::tui::pair_lists::PairView;
use crate::tui::screen::{Pairs, Pane};
use crate::tui::widget::claim_list::{CONTRADICTED, status_glyph};
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
        frame.render_widget(Paragraph::new(empty_note(data, state.view)), inner);
        return;
    };
    let rel = &data.dataset.relations[relation];
    let [head, sides] = Layout::vertical([Constraint::Length(5), Constraint::Min(4)]).areas(right);
    let title = match state.view {
        PairView::Contradictions => " Why they clash ",
        PairView::Differences => " How they differ ",
    };
    let block = pane(title.into(), false);
    let inner = block.inner(head);
    frame.render_widget(block, head);
    frame.render_widget(
        Paragraph::new(head_lines(data, rel, inner.width as usize)),
        inner,
    );
    let [a, b] = Layout::horizontal([Constraint::Percentage(50); 2]).areas(sides);
    draw_side(frame, data, state, a, rel.from);
    draw_side(frame, data, state, b, rel.to);
}

/// What an empty list says, and where to look instead.
fn empty_note(data: &Data, view: PairView) -> Vec<Line<'static>> {
    let (none, other) = match view {
        PairView::Contradictions => ("no claims contradict each other", "other differences"),
        PairView::Differences => (
            "no updates, refinements, rivals or contrasts",
            "contradictions",
        ),
    };
    vec![
        Line::raw(none),
        Line::styled(
            format!("d shows the {other} ({})", data.pairs(view.other()).len()),
            Style::default().add_modifier(Modifier::DIM),
        ),
    ]
}

/// Who disagrees (or how the claims differ), the topic, and the link's note.
fn head_lines(data: &Data, rel: &Relation, width: usize) -> Vec<Line<'static>> {
    let dataset = &data.dataset;
    let first = match dataset.disagreement(rel) {
        Some(class) => field("who", fit(class.describe(), width.saturating_sub(5))),
        None => {
            let (from, to) = (&dataset.claims[rel.from].id, &dataset.claims[rel.to].id);
            let how = format!("{from} {} {to}", rel.kind.phrase(true));
            field("kind", fit(&how, width.saturating_sub(6)))
        }
    };
    let note = rel.note.as_deref().unwrap_or("(no note on this link)");
    let topic = &dataset.claims[rel.from].topic;
    let question = dataset
        .topic(topic)
        .map_or(topic.as_str(), |t| t.question.as_str());
    vec![
        first,
        field("topic", fit(question, width.saturating_sub(7))),
        field("note", fit(note, width.saturating_sub(6))),
    ]
}

/// One row of the list.
enum Row {
    Group(String),
    Topic(String),
    Pair(usize, RelationIx),
}

fn rows(data: &Data, state: &Pairs) -> Vec<Row> {
    let dataset = &data.dataset;
    let list = state.list(data);
    let mut rows = Vec::new();
    let mut position = 0;
    for group in &list.groups {
        rows.push(Row::Group(format!("{} ({})", group.title, group.len)));
        let mut topic: Option<&str> = None;
        for &relation in &list.relations[position..position + group.len] {
            let this = dataset.claims[dataset.relations[relation].from]
                .topic
                .as_str();
            if topic != Some(this) {
                topic = Some(this);
                let question = dataset.topic(this).map_or(this, |t| t.question.as_str());
                rows.push(Row::Topic(question.to_string()));
            }
            rows.push(Row::Pair(position, relation));
            position += 1;
        }
    }
    rows
}

fn draw_list(frame: &mut Frame, data: &Data, state: &Pairs, area: Rect) {
    let dataset = &data.dataset;
    let count = state.list(data).len();
    let title = format!(
        " {} {}/{count} ",
        state.view.title(),
        (state.cursor + 1).min(count),
    );
    let block = pane(title, state.focus == Pane::List);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let rows = rows(data, state);
    let selected_row = rows
        .iter()
        .position(|r| matches!(r, Row::Pair(p, _) if *p == state.cursor))
        .unwrap_or(0);
    let height = inner.height as usize;
    let top = window_top(selected_row, height, rows.len());
    let lines: Vec<Line> = rows
        .iter()
        .skip(top)
        .take(height)
        .map(|row| match row {
            Row::Group(title) => Line::styled(
                fit(title, width),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Row::Topic(question) => Line::styled(
                fit(&format!(" {question}"), width),
                Style::default().add_modifier(Modifier::DIM),
            ),
            Row::Pair(position, relation) => {
                let rel = &dataset.relations[*relation];
                let selected = *position == state.cursor;
                let cursor = if selected { "›" } else { " " };
                let (a, b) = (&dataset.claims[rel.from].id, &dataset.claims[rel.to].id);
                let text = format!("{cursor}{a} {} {b}", link_mark(rel));
                let style = if selected {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                };
                Line::styled(fit(&text, width), style)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Between the two ids: a contradiction, a link read from the first claim
/// to the second (refines, updates), or a link read both ways.
fn link_mark(rel: &Relation) -> &'static str {
    if rel.kind == crate::model::RelationKind::Contradicts {
        CONTRADICTED
    } else if rel.kind.is_directional() {
        "→"
    } else {
        "↔"
    }
}

fn draw_side(frame: &mut Frame, data: &Data, state: &Pairs, area: Rect, claim: ClaimIx) {
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
    lines.push(field(
        "by",
        fit(&describe::assertor(dataset, claim), width.saturating_sub(4)),
    ));
    let placed = data.nth_placed(claim, 0);
    if let Some(source) = placed
        .map(|(s, _)| &dataset.sources[s])
        .or_else(|| c.spans.first().and_then(|s| dataset.source(&s.source)))
    {
        let mut about: Vec<&str> = [&source.author, &source.date]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        about.push(source.display_name());
        lines.push(field(
            "in",
            fit(&about.join(" · "), width.saturating_sub(4)),
        ));
    }
    lines.extend(how_and_when(dataset, claim, width));
    // The passage keeps at least half the pane.
    let info_height = (lines.len() as u16 + 1).min(inner.height.div_ceil(2));
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

/// `how: hedged ("it seems") · when: 2026-03`: one line when it fits
/// `width`, else one line each.
fn how_and_when(dataset: &Dataset, claim: ClaimIx, width: usize) -> Vec<Line<'static>> {
    let how = visible_line(&describe::how(&dataset.claims[claim])).into_owned();
    let when = visible_line(&describe::when(dataset, claim)).into_owned();
    if "how: ".len() + how.width() + " · when: ".width() + when.width() <= width {
        let dim = Style::default().add_modifier(Modifier::DIM);
        return vec![Line::from(vec![
            Span::styled("how: ", dim),
            Span::raw(how),
            Span::styled(" · when: ", dim),
            Span::raw(when),
        ])];
    }
    vec![
        field("how", fit(&how, width.saturating_sub(5))),
        field("when", fit(&when, width.saturating_sub(6))),
    ]
}
