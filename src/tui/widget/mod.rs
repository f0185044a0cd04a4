//! Pieces the screens share.

pub mod claim_list;
pub mod passage;
pub mod picker;
pub mod text_input;

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::visible_line;

/// `text` on one line, safe for the terminal (control and invisible
/// characters made visible, see [`visible_line`]), cut to `width` columns
/// with `…` when cut. Escaping here means no caller can forget it; text
/// already escaped comes through unchanged.
pub fn fit(text: &str, width: usize) -> String {
    let text = visible_line(text);
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The first row to draw so that `selected` stays in a window of `height`.
pub fn window_top(selected: usize, height: usize, len: usize) -> usize {
    if len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

/// Word-wrapped lines of plain text (one line: use `crate::text::visible_line` first).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    passage::wrap_rows(text, width)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

/// The first `rows` rows of [`wrap`] of `text` made safe to print, the
/// last one `…` when more follow. Only the start of the text that can fill
/// them is looked at.
pub fn wrap_head(text: &str, width: usize, rows: usize) -> Vec<String> {
    // No row holds more than `width` characters of width one or more.
    let enough = (rows + 1).saturating_mul(width.max(1));
    let head = text
        .char_indices()
        .nth(enough)
        .map_or(text, |(end, _)| &text[..end]);
    let mut wrapped = wrap(&visible_line(head), width);
    if wrapped.len() > rows || head.len() < text.len() {
        wrapped.truncate(rows.saturating_sub(1));
        wrapped.push("…".to_string());
    }
    wrapped
}

/// A `width` x `height` rectangle centred in `area` (clipped to it).
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A bordered pane; the focused one gets a thick border and a bold title.
pub fn pane(title: String, focused: bool) -> Block<'static> {
    let block = Block::default().borders(Borders::ALL).title(title);
    if focused {
        block
            .border_type(BorderType::Thick)
            .title_style(Style::default().add_modifier(Modifier::BOLD))
    } else {
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_columns_not_bytes() {
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("a\u{1b}[2J\u{202e}b", 40), "a␛[2J\\u{202e}b");
        assert_eq!(
            fit("a␛[2J\\u{202e}b", 40),
            "a␛[2J\\u{202e}b",
            "escaped once"
        );
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語テキスト", 7), "日本語…");
    }

    #[test]
    fn wrap_head_keeps_the_first_rows_and_marks_the_cut() {
        assert_eq!(wrap_head("one two three", 8, 5), ["one two ", "three"]);
        assert_eq!(wrap_head("one two three four", 8, 2), ["one two ", "…"]);
        let long = "ab ".repeat(1_000_000);
        assert_eq!(wrap_head(&long, 6, 2), ["ab ab ", "…"]);
        assert_eq!(wrap_head("a\u{1b}b", 8, 2), ["a␛b"]);
    }

    #[test]
    fn window_keeps_selection_visible() {
        assert_eq!(window_top(0, 10, 5), 0);
        assert_eq!(window_top(50, 10, 100), 45);
        assert_eq!(window_top(99, 10, 100), 90);
    }
}
