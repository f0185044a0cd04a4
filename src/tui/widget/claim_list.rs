//! The claim list: claims grouped under their topic's question, with a
//! status glyph, a contradiction marker and the search's matched characters.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{fit, window_top};
use crate::ix::ClaimIx;
use crate::model::Status;
use crate::text::visible_line;
use crate::tui::data::Data;
use crate::tui::screen::Claims;

pub const CONTRADICTED: &str = "⚡";

pub fn status_glyph(status: Status) -> &'static str {
    match status {
        Status::Unreviewed => "·",
        Status::Confirmed => "✓",
        Status::Disputed => "?",
        Status::Rejected => "✗",
    }
}

/// A row of the list: a topic's heading (the topic of the claim that
/// follows it, its text made when drawn) or a claim at its position.
enum Row {
    Topic(ClaimIx),
    Claim(usize, ClaimIx),
}

pub struct ClaimList<'a> {
    pub data: &'a Data,
    pub claims: &'a Claims,
    pub focused: bool,
}

impl ClaimList<'_> {
    fn rows(&self) -> Vec<Row> {
        let dataset = &self.data.dataset;
        let mut rows = Vec::new();
        let mut topic: Option<&str> = None;
        for (position, &claim) in self.claims.visible.iter().enumerate() {
            let this = dataset.claims[claim].topic.as_str();
            if topic != Some(this) {
                topic = Some(this);
                rows.push(Row::Topic(claim));
            }
            rows.push(Row::Claim(position, claim));
        }
        rows
    }

    /// The heading of claim `claim`'s topic: its question.
    fn heading(&self, claim: ClaimIx) -> String {
        let this = self.data.dataset.claims[claim].topic.as_str();
        let header = match self.data.dataset.topic(this) {
            Some(t) if !t.question.is_empty() => t.question.as_str(),
            _ if this.is_empty() => "(no topic)",
            _ => this,
        };
        visible_line(header).into_owned()
    }

    fn claim_line(&self, position: usize, claim: ClaimIx, width: usize) -> Line<'static> {
        let data = self.data;
        let c = &data.dataset.claims[claim];
        let selected = position == self.claims.cursor;
        let marker = if data.dataset.graph.is_contradicted(claim) {
            CONTRADICTED
        } else {
            " "
        };
        let cursor = if selected { "›" } else { " " };
        let prefix = format!("{cursor}{} {} ", status_glyph(c.status), marker);
        let text = fit(&c.text, width.saturating_sub(prefix.chars().count() + 1));
        let matched = data.search.highlights(&text, &self.claims.query);
        let base = if selected {
            let style = Style::default().add_modifier(Modifier::REVERSED);
            if self.focused {
                style
            } else {
                style.add_modifier(Modifier::DIM)
            }
        } else {
            Style::default()
        };
        let mut spans = vec![Span::styled(prefix, base)];
        for (i, ch) in text.chars().enumerate() {
            let style = if matched.contains(&i) {
                base.add_modifier(Modifier::UNDERLINED | Modifier::ITALIC)
            } else {
                base
            };
            spans.push(Span::styled(ch.to_string(), style));
        }
        if selected {
            spans.push(Span::styled(" ", base));
        }
        Line::from(spans)
    }
}

impl Widget for ClaimList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = self.rows();
        if rows.is_empty() {
            let note = if self.claims.query.is_empty() && !self.claims.filter.is_active() {
                "no claims yet: 3 opens a document, v selects a passage, c makes a claim"
            } else {
                "no claim matches (F clears)"
            };
            buf.set_string(
                area.x + 1,
                area.y,
                fit(note, area.width as usize),
                Style::default(),
            );
            return;
        }
        let selected_row = rows
            .iter()
            .position(|r| matches!(r, Row::Claim(p, _) if *p == self.claims.cursor))
            .unwrap_or(0);
        let height = area.height as usize;
        let top = window_top(selected_row, height, rows.len());
        let width = area.width as usize;
        for (i, row) in rows.iter().skip(top).take(height).enumerate() {
            let line = match row {
                Row::Topic(claim) => Line::styled(
                    fit(&self.heading(*claim), width),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Row::Claim(position, claim) => self.claim_line(*position, *claim, width),
            };
            buf.set_line(area.x, area.y + i as u16, &line, area.width);
        }
    }
}
