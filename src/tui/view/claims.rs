//! Claims screen: the grouped list, the selected claim's detail, and its
//! quote in the source.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{draw_passage, field};
use crate::describe;
use crate::ix::ClaimIx;
use crate::model::Claim;
use crate::text::visible_line;
use crate::tui::data::Data;
use crate::tui::screen::{Claims, Pane, detail_links};
use crate::tui::widget::claim_list::{CONTRADICTED, ClaimList, status_glyph};
use crate::tui::widget::{fit, pane, wrap, wrap_head};

pub fn draw(frame: &mut Frame, data: &Data, state: &Claims, area: Rect) {
    let list_width = (area.width * 2 / 5).clamp(28, 64);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(10)]).areas(area);
    let title = format!(" Claims {} ", position(state, data));
    let block = pane(title, state.focus == Pane::List);
    let inner = block.inner(left);
    frame.render_widget(block, left);
    frame.render_widget(
        ClaimList {
            data,
            claims: state,
            focused: state.focus == Pane::List,
        },
        inner,
    );
    let [detail, passage] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
    draw_detail(frame, data, state, detail);
    draw_claim_passage(frame, data, state, passage);
}

fn position(state: &Claims, data: &Data) -> String {
    if state.visible.is_empty() {
        "0/0".to_string()
    } else {
        format!("{}/{}", state.cursor + 1, state.count_label(data))
    }
}

fn draw_detail(frame: &mut Frame, data: &Data, state: &Claims, area: Rect) {
    let focused = state.focus == Pane::Detail;
    let block = pane(" Detail ".into(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(claim) = state.selected() else {
        return;
    };
    let link = focused.then_some(state.link);
    let (lines, link_line) = detail_lines(data, claim, link, inner.width as usize, inner.height);
    let top = if focused {
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

/// The detail's lines, and which line holds the selected link (`link`,
/// while the detail has the keys). A text or note longer than the pane
/// (`height` rows) is cut there, so that a long one costs a frame no more
/// than the rows it can show.
fn detail_lines(
    data: &Data,
    claim: ClaimIx,
    link: Option<usize>,
    width: usize,
    height: u16,
) -> (Vec<Line<'static>>, Option<usize>) {
    let rows = height as usize;
    let c = &data.dataset.claims[claim];
    let mut lines = vec![head_line(data, claim)];
    for row in wrap_head(&c.text, width, rows) {
        lines.push(Line::raw(row));
    }
    let question = data
        .dataset
        .topic(&c.topic)
        .map_or("(unknown topic)", |t| &t.question);
    let topic = format!("{} — {}", c.topic, question);
    lines.push(field("topic", fit(&topic, width.saturating_sub(7))));
    let dataset = &data.dataset;
    lines.push(field(
        "by",
        fit(&describe::by(dataset, claim), width.saturating_sub(4)),
    ));
    lines.push(field(
        "how",
        fit(&describe::how(c), width.saturating_sub(5)),
    ));
    lines.push(field(
        "when",
        fit(&describe::when(dataset, claim), width.saturating_sub(6)),
    ));
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
    push_quotes(&mut lines, data, c, width);
    let link_line = push_links(&mut lines, data, claim, link, width);
    let line = data.dataset.location(c.decl.start).line;
    let file = data.file_name();
    lines.push(Line::styled(
        format!("{file} line {line}"),
        Style::default().add_modifier(Modifier::DIM),
    ));
    (lines, link_line)
}

/// The claim's id, status and whether it is contradicted.
fn head_line(data: &Data, claim: ClaimIx) -> Line<'static> {
    let c = &data.dataset.claims[claim];
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
    if data.dataset.graph.is_contradicted(claim) {
        head.push(Span::raw(format!("  {CONTRADICTED} contradicted")));
    }
    Line::from(head)
}

/// Each quote: where it is, then its text.
fn push_quotes(lines: &mut Vec<Line<'static>>, data: &Data, c: &Claim, width: usize) {
    for span in &c.spans {
        let source = data.dataset.source(&span.source);
        let name = source.map_or(span.source.as_str(), |s| s.display_name());
        let pending = data
            .dataset
            .source_index(&span.source)
            .is_some_and(|s| data.is_pending(s));
        let place = match &span.anchor {
            Some(anchor) => anchor.cited_line(),
            None if pending => "not read yet".to_string(),
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
}

/// The linked claims under a title per kind, link `selected_link`
/// selected;
/// which line that is.
fn push_links(
    lines: &mut Vec<Line<'static>>,
    data: &Data,
    claim: ClaimIx,
    selected_link: Option<usize>,
    width: usize,
) -> Option<usize> {
    let dataset = &data.dataset;
    let mut link_line = None;
    let mut title = "";
    for (link_index, link) in detail_links(data, claim).into_iter().enumerate() {
        if link.title != title {
            title = link.title;
            lines.push(Line::styled(
                format!("{title}:"),
                Style::default().add_modifier(Modifier::DIM),
            ));
        }
        let o = &dataset.claims[link.other];
        let selected = selected_link == Some(link_index);
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
        let relation = &dataset.relations[link.relation];
        let class = dataset
            .disagreement(relation)
            .map(|class| format!("[{}] ", class.describe()));
        if class.is_some() || relation.note.is_some() {
            let note = relation
                .note
                .as_deref()
                .map(visible_line)
                .unwrap_or_default();
            let text = format!("     {}{note}", class.unwrap_or_default());
            lines.push(Line::styled(
                fit(&text, width),
                Style::default().add_modifier(Modifier::ITALIC),
            ));
        }
    }
    link_line
}

fn draw_claim_passage(frame: &mut Frame, data: &Data, state: &Claims, area: Rect) {
    let focused = state.focus == Pane::Passage;
    let placed = state
        .selected()
        .and_then(|c| data.nth_placed(c, state.passage_span).map(|p| (c, p)));
    let Some((claim, (source, span))) = placed else {
        let block = pane(" Passage ".into(), focused);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let note = match state.selected() {
            Some(claim) if data.claim_pending(claim) => data.not_read_yet(),
            Some(_) => "(no quote of this claim was found in its source)".to_string(),
            None => String::new(),
        };
        frame.render_widget(Paragraph::new(note), inner);
        return;
    };
    let dataset = &data.dataset;
    let s = &dataset.sources[source];
    let count = data.placed_count(claim);
    let line = dataset.claims[claim].spans[span.span]
        .anchor
        .as_ref()
        .map_or(0, |a| a.start.line);
    let which = if count > 1 {
        format!(" — quote {}/{count}", state.passage_span + 1)
    } else {
        String::new()
    };
    let title = format!(" {} — line {line}{which} ", visible_line(s.display_name()));
    let block = pane(fit(&title, area.width.saturating_sub(2) as usize), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    draw_passage(
        frame,
        data,
        inner,
        source,
        Some(span.display.clone()),
        state.passage_scroll,
    );
}
