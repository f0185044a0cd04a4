//! A window on a source's display text: the current quote highlighted
//! (REVERSED + BOLD, readable without colour) and centred, the source's other
//! quotes underlined, markup emphasis kept; in the reader, the cursor and a
//! selection (REVERSED + ITALIC, never bold, so it differs from a quote).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::document::{Document, Emphasis};
use crate::tui::markup::{drawn, width as drawn_width};

pub const HIGHLIGHT: Modifier = Modifier::REVERSED.union(Modifier::BOLD);
pub const SELECTION: Modifier = Modifier::REVERSED.union(Modifier::ITALIC);
pub const CURSOR: Modifier = Modifier::REVERSED.union(Modifier::UNDERLINED);

/// Byte ranges of `text`'s rows when word-wrapped to `width` columns.
pub fn wrap_rows(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut row_start = line_start;
        let mut used = 0;
        let mut last_space: Option<usize> = None;
        for (offset, c) in line.char_indices() {
            let at = line_start + offset;
            let w = drawn_width(c);
            if used + w > width && at > row_start {
                let cut = match last_space {
                    Some(space) if space > row_start => space + 1,
                    _ => at,
                };
                rows.push(row_start..cut);
                used = text[cut..at].chars().map(drawn_width).sum();
                row_start = cut;
                last_space = None;
            }
            if c == ' ' {
                last_space = Some(at);
            }
            used += w;
        }
        rows.push(row_start..line_start + line.len());
        line_start += line.len() + 1;
    }
    rows
}

/// Columns kept free at the right of a paged document (a PDF) for the
/// number of the page each page's first row starts.
pub const PAGE_GUTTER: usize = 8;

pub struct Passage<'a> {
    pub document: &'a Document,
    pub rows: &'a [Range<usize>],
    /// Display ranges of the source's other quotes.
    pub others: Vec<Range<usize>>,
    /// The quote to highlight and centre.
    pub current: Option<Range<usize>>,
    /// Rows scrolled away from the centred position.
    pub scroll: isize,
    /// The reader's cursor: kept in view instead of the quote, drawn when
    /// nothing is selected.
    pub cursor: Option<usize>,
    pub selection: Option<Range<usize>>,
}

impl Passage<'_> {
    /// The first row drawn in a window of `height` rows.
    pub fn top(&self, height: usize) -> usize {
        let focus = self.cursor.or(self.current.as_ref().map(|c| c.start));
        let focus_row = focus.map_or(0, |focus| {
            self.rows
                .partition_point(|row| row.end < focus)
                .min(self.rows.len().saturating_sub(1))
        });
        let centred = focus_row.saturating_sub(height.saturating_sub(1) / 3) as isize;
        let max_top = self.rows.len().saturating_sub(height) as isize;
        (centred + self.scroll).clamp(0, max_top.max(0)) as usize
    }

    fn style_at(&self, byte: usize) -> Style {
        let mut style = match self.document.emphasis_at(byte) {
            Some(Emphasis::Heading | Emphasis::Bold) => {
                Style::default().add_modifier(Modifier::BOLD)
            }
            Some(Emphasis::Link | Emphasis::Italic) => {
                Style::default().add_modifier(Modifier::ITALIC)
            }
            None => Style::default(),
        };
        if self.selection.as_ref().is_some_and(|r| r.contains(&byte)) {
            return Style::default().add_modifier(SELECTION);
        }
        let cursor = if self.selection.is_none() && self.cursor == Some(byte) {
            CURSOR
        } else {
            Modifier::empty()
        };
        if self.current.as_ref().is_some_and(|r| r.contains(&byte)) {
            return Style::default().add_modifier(HIGHLIGHT | cursor);
        }
        if self.others.iter().any(|r| r.contains(&byte)) {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        style.add_modifier(cursor)
    }

    fn line(&self, row: &Range<usize>) -> Line<'_> {
        let text = self.document.text();
        let mut spans: Vec<Span> = Vec::new();
        let mut run_start = row.start;
        let mut run_style = self.style_at(row.start);
        for (offset, _) in text[row.clone()].char_indices() {
            let at = row.start + offset;
            let style = self.style_at(at);
            if style != run_style {
                spans.push(Span::styled(drawn(&text[run_start..at]), run_style));
                run_start = at;
                run_style = style;
            }
        }
        spans.push(Span::styled(drawn(&text[run_start..row.end]), run_style));
        Line::from(spans)
    }
}

impl Widget for Passage<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let height = area.height as usize;
        let top = self.top(height);
        for (i, row) in self.rows.iter().enumerate().skip(top).take(height) {
            let y = area.y + (i - top) as u16;
            buf.set_line(area.x, y, &self.line(row), area.width);
            if let Some(page) = self.page_starting_in(row) {
                let label = format!("p. {page}");
                let width = label.len() as u16;
                if width < area.width {
                    let x = area.x + area.width - width;
                    buf.set_string(x, y, label, Style::default().add_modifier(Modifier::DIM));
                }
            }
            if self.cursor_after(i) {
                let x = drawn(&self.document.text()[row.clone()]).width();
                if x < area.width as usize {
                    let cell = Rect::new(area.x + x as u16, y, 1, 1);
                    buf.set_style(cell, Style::default().add_modifier(CURSOR));
                }
            }
        }
    }
}

impl Passage<'_> {
    /// The 1-based number of the last page whose text starts on `row`.
    fn page_starting_in(&self, row: &Range<usize>) -> Option<usize> {
        let pages = self.document.pages();
        let starts_by = |end: usize| {
            pages.partition_point(|page| self.document.display_range(page).start < end)
        };
        let end = if row.is_empty() { row.end + 1 } else { row.end };
        let last = starts_by(end).checked_sub(1)?;
        (self.document.display_range(&pages[last]).start >= row.start).then_some(last + 1)
    }

    /// Whether the cursor sits just past row `i`'s last character, on a
    /// line break or the end of the text, where no character shows it.
    fn cursor_after(&self, i: usize) -> bool {
        let row = &self.rows[i];
        self.selection.is_none()
            && self.cursor == Some(row.end)
            && self
                .rows
                .get(i + 1)
                .is_none_or(|next| next.start != row.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_keeps_every_byte() {
        let text = "one two three four\n\nfive";
        let rows = wrap_rows(text, 9);
        let shown: Vec<&str> = rows.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["one two ", "three ", "four", "", "five"]);
    }

    fn cursor_cells(text: &str, cursor: usize) -> Vec<(u16, u16)> {
        let document = Document::light_markup(text);
        let rows = wrap_rows(document.text(), 10);
        let passage = Passage {
            document: &document,
            rows: &rows,
            others: Vec::new(),
            current: None,
            scroll: 0,
            cursor: Some(cursor),
            selection: None,
        };
        let area = Rect::new(0, 0, 10, 4);
        let mut buf = Buffer::empty(area);
        passage.render(area, &mut buf);
        area.positions()
            .filter(|p| buf[(p.x, p.y)].modifier.contains(CURSOR))
            .map(|p| (p.x, p.y))
            .collect()
    }

    #[test]
    fn each_page_of_a_pdf_is_numbered_in_the_gutter_of_its_first_row() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/pdf/seeds/003-chromium.pdf"
        );
        let document = Document::pdf(&std::fs::read(path).unwrap()).unwrap();
        let pages = document.pages().to_vec();
        assert!(pages.len() >= 2, "a multi-page fixture");
        let width = 60u16;
        let rows = wrap_rows(document.text(), width as usize - PAGE_GUTTER);
        let first_row_of = |start: usize| rows.iter().position(|r| r.start >= start).unwrap();
        let second = first_row_of(pages[1].start);
        let passage = Passage {
            document: &document,
            rows: &rows,
            others: Vec::new(),
            current: Some(pages[1].start..pages[1].start + 1),
            scroll: 0,
            cursor: None,
            selection: None,
        };
        let area = Rect::new(0, 0, width, 20);
        let mut buf = Buffer::empty(area);
        let top = passage.top(area.height as usize);
        passage.render(area, &mut buf);
        let y = (second - top) as u16;
        let label: String = (width - 4..width).map(|x| buf[(x, y)].symbol()).collect();
        assert_eq!(label, "p. 2");
        assert!(buf[(width - 1, y)].modifier.contains(Modifier::DIM));
        let others_labelled = (0..area.height)
            .filter(|&row| row != y)
            .filter(|&row| buf[(width - 4, row)].symbol() == "p")
            .count();
        assert_eq!(others_labelled, 0, "only the page's first row is numbered");
    }

    #[test]
    fn the_cursor_shows_on_a_character_a_line_break_and_the_end() {
        assert_eq!(cursor_cells("ab\n\ncd", 1), [(1, 0)], "on `b`");
        assert_eq!(cursor_cells("ab\n\ncd", 2), [(2, 0)], "on the line break");
        assert_eq!(cursor_cells("ab\n\ncd", 3), [(0, 1)], "on the empty line");
        assert_eq!(cursor_cells("ab\n\ncd", 6), [(2, 2)], "at the end");
        assert_eq!(
            cursor_cells("one two three", 8),
            [(0, 1)],
            "at a wrap, on the next row's first character"
        );
    }

    #[test]
    fn wide_characters_wrap_by_columns() {
        let text = "日本語のテキスト";
        let rows = wrap_rows(text, 6);
        let shown: Vec<&str> = rows.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["日本語", "のテキ", "スト"]);
    }
}
