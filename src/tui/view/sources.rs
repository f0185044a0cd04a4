//! Sources screen: the documents with their metadata and claim counts;
//! Enter reads one whole, every quote marked, n/N moving quote to quote.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{draw_document, field};
use crate::ix::SourceIx;
use crate::text::visible_line;
use crate::tui::data::Data;
use crate::tui::screen::{Reader, Sources};
use crate::tui::widget::claim_list::status_glyph;
use crate::tui::widget::{fit, pane, window_top};

pub fn draw(frame: &mut Frame, data: &Data, state: &Sources, area: Rect) {
    match &state.reader {
        Some(reader) => draw_reader(frame, data, area, reader),
        None => draw_list(frame, data, state.cursor, area),
    }
}

fn draw_list(frame: &mut Frame, data: &Data, cursor: usize, area: Rect) {
    let dataset = &data.dataset;
    let [list, detail] = Layout::vertical([Constraint::Min(4), Constraint::Length(8)]).areas(area);
    let block = pane(" Sources — Enter reads one ".into(), true);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let width = inner.width as usize;
    let height = inner.height as usize;
    let top = window_top(cursor, height, dataset.sources.len());
    let lines: Vec<Line> = dataset
        .sources
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, s)| {
            let count = data.claims_citing(SourceIx(i));
            let date = s.date.as_deref().unwrap_or("");
            let marker = if i == cursor { "›" } else { " " };
            let noun = if count == 1 { "claim " } else { "claims" };
            let text = format!(
                "{marker}{count:>3} {noun}  {date:<10}  {}",
                s.display_name()
            );
            let style = if i == cursor {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Line::styled(fit(&text, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);

    let Some(s) = dataset.sources.get(cursor) else {
        return;
    };
    let block = pane(format!(" {} ", visible_line(&s.id)), false);
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    let width = inner.width.saturating_sub(9) as usize;
    let mut lines = vec![field("title", fit(s.display_name(), width))];
    for (label, value) in [
        ("author", &s.author),
        ("outlet", &s.outlet),
        ("date", &s.date),
        ("note", &s.note),
    ] {
        if let Some(value) = value {
            lines.push(field(label, fit(value, width)));
        }
    }
    let readable = if s.document.is_some() {
        ""
    } else if data.is_pending(SourceIx(cursor)) {
        "  (not read yet)"
    } else {
        "  (could not be read)"
    };
    lines.push(field(
        "path",
        fit(&format!("{}{readable}", visible_line(&s.path)), width),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_reader(frame: &mut Frame, data: &Data, area: Rect, reader: &Reader) {
    let dataset = &data.dataset;
    let source = &dataset.sources[reader.source];
    let placed = data.placed(reader.source);
    let [text_area, claim_area] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(4)]).areas(area);
    let keys = match reader.selection() {
        Some(selected) => format!(
            "selected {} chars — l/h w/b )/( / extend, c makes a claim, Esc drops",
            data.shown_text(reader.source)
                .get(selected)
                .map_or(0, |s| s.chars().count())
        ),
        None => "n/N next/previous, Enter goes to its claim, v selects, Esc back".to_string(),
    };
    let title = format!(
        " {} — quote {}/{} — {keys} ",
        visible_line(source.display_name()),
        (reader.span + 1).min(placed.len()),
        placed.len()
    );
    let block = pane(fit(&title, area.width.saturating_sub(2) as usize), true);
    let inner = block.inner(text_area);
    frame.render_widget(block, text_area);
    let current = placed.get(reader.span);
    draw_document(
        frame,
        data,
        inner,
        reader.source,
        current.map(|p| p.display.clone()),
        reader.scroll,
        Some(reader),
    );
    let block = pane(" Claim ".into(), false);
    let inner = block.inner(claim_area);
    frame.render_widget(block, claim_area);
    let Some(current) = current else {
        frame.render_widget(Paragraph::new("no claim quotes this document"), inner);
        return;
    };
    let claim = &dataset.claims[current.claim];
    let width = inner.width as usize;
    let text = format!(
        "{} {}: {}",
        status_glyph(claim.status),
        claim.id,
        claim.text
    );
    frame.render_widget(Paragraph::new(vec![Line::raw(fit(&text, width))]), inner);
}
