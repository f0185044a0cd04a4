//! Claims screen: the grouped list, the selected claim's detail, and its
//! quote in the source.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{draw_passage, field};
use crate::text::visible_line;
use crate::tui::app::{App, Pane};
use crate::tui::update::detail_links;
use crate::tui::widget::claim_list::{CONTRADICTED, ClaimList, status_glyph};
use crate::tui::widget::{fit, pane, wrap, wrap_head};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let list_width = (area.width * 2 / 5).clamp(28, 64);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(10)]).areas(area);
    let title = format!(" Claims {} ", position(app));
    let block = pane(title, app.focus == Pane::List);
    let inner = block.inner(left);
    frame.render_widget(block, left);
    frame.render_widget(
        ClaimList {
            app,
            focused: app.focus == Pane::List,
        },
        inner,
    );
    let [detail, passage] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
    draw_detail(frame, app, detail);
    draw_claim_passage(frame, app, passage);
}

fn position(app: &App) -> String {
    if app.visible.is_empty() {
        "0/0".to_string()
    } else {
        format!("{}/{}", app.cursor + 1, app.visible.len())
    }
}

fn draw_detail(frame: &mut Frame, app: &App, area: Rect) {
    let block = pane(" Detail ".into(), app.focus == Pane::Detail);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(claim) = app.selected_claim() else {
        return;
    };
    let (lines, link_line) = detail_lines(app, claim, inner.width as usize, inner.height);
    let top = if app.focus == Pane::Detail {
        link_line.map_or(0, |l| {
            l.saturating_sub(inner.height.saturating_sub(2) as usize)
        })
    } else {
        0
    };
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The detail's lines, and which line holds the selected link.
/// A text or note longer than the pane (`height` rows) is cut there, so
/// that a long one costs a frame no more than the rows it can show.
fn detail_lines(
    app: &App,
    claim: usize,
    width: usize,
    height: u16,
) -> (Vec<Line<'static>>, Option<usize>) {
    let rows = height as usize;
    let dataset = app.dataset();
    let c = &dataset.claims[claim];
    let mut lines = Vec::new();
    let mut head = vec![
        Span::styled(
            visible_line(&c.id).into_owned(),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(
            "  {} {}",
            status_glyph(c.status),
            c.status.as_str()
        )),
    ];
    if app.data.graph.is_contradicted(claim) {
        head.push(Span::raw(format!("  {CONTRADICTED} contradicted")));
    }
    lines.push(Line::from(head));
    for row in wrap_head(&c.text, width, rows) {
        lines.push(Line::raw(row));
    }
    let question = dataset
        .topic(&c.topic)
        .map_or("(unknown topic)", |t| &t.question);
    let topic = format!("{} — {}", c.topic, question);
    lines.push(field("topic", fit(&topic, width.saturating_sub(7))));
    if let Some(note) = &c.note {
        for (i, row) in wrap_head(note, width.saturating_sub(6), rows)
            .into_iter()
            .enumerate()
        {
            lines.push(if i == 0 {
                field("note", row)
            } else {
                Line::raw(format!("      {row}"))
            });
        }
    }
    for span in &c.spans {
        let source = dataset.source(&span.source);
        let name = source.map_or(span.source.as_str(), |s| s.display_name());
        let place = match &span.anchor {
            Some(anchor) => format!("line {}", anchor.start.line),
            None => "not found".to_string(),
        };
        let origin = format!("{name}, {place}");
        lines.push(field("quote", fit(&origin, width.saturating_sub(7))));
        let quote = format!("“{}”", visible_line(&span.quote));
        for row in wrap(&quote, width.saturating_sub(2)) {
            lines.push(Line::styled(
                format!("  {row}"),
                Style::default().add_modifier(Modifier::ITALIC),
            ));
        }
    }
    let mut link_line = None;
    let mut title = "";
    for (link_index, link) in detail_links(app, claim).into_iter().enumerate() {
        if link.title != title {
            title = link.title;
            lines.push(Line::styled(
                format!("{title}:"),
                Style::default().add_modifier(Modifier::DIM),
            ));
        }
        let o = &dataset.claims[link.other];
        let selected = app.focus == Pane::Detail && link_index == app.link;
        let cursor = if selected { "›" } else { " " };
        if selected {
            link_line = Some(lines.len());
        }
        let style = if selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let text = format!("{cursor}{} {}: {}", status_glyph(o.status), o.id, o.text);
        lines.push(Line::styled(fit(&text, width), style));
        if let Some(note) = &dataset.relations[link.relation].note {
            let note = format!("     {}", visible_line(note));
            lines.push(Line::styled(
                fit(&note, width),
                Style::default().add_modifier(Modifier::ITALIC),
            ));
        }
    }
    let line = dataset.location(c.decl.start).line;
    let file = app.file_name();
    lines.push(Line::styled(
        format!("{file} line {line}"),
        Style::default().add_modifier(Modifier::DIM),
    ));
    (lines, link_line)
}

fn draw_claim_passage(frame: &mut Frame, app: &App, area: Rect) {
    let placed = app
        .selected_claim()
        .and_then(|c| app.data.nth_placed(c, app.passage_span).map(|p| (c, p)));
    let Some((claim, (source, span))) = placed else {
        let block = pane(" Passage ".into(), app.focus == Pane::Passage);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let note = if app.selected_claim().is_some() {
            "(no quote of this claim was found in its source)"
        } else {
            ""
        };
        frame.render_widget(Paragraph::new(note), inner);
        return;
    };
    let dataset = app.dataset();
    let s = &dataset.sources[source];
    let count = app.data.placed_count(claim);
    let line = dataset.claims[claim].spans[span.span]
        .anchor
        .as_ref()
        .map_or(0, |a| a.start.line);
    let which = if count > 1 {
        format!(" — quote {}/{count}", app.passage_span + 1)
    } else {
        String::new()
    };
    let title = format!(" {} — line {line}{which} ", visible_line(s.display_name()));
    let block = pane(
        fit(&title, area.width.saturating_sub(2) as usize),
        app.focus == Pane::Passage,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let scroll = app.passage_scroll;
    draw_passage(
        frame,
        app,
        inner,
        source,
        Some(span.display.clone()),
        scroll,
    );
}
