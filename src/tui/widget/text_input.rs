//! A one-line text input: its state, the editing keys as pure functions,
//! pasted text, and drawing that scrolls sideways to keep the cursor in
//! view. Every prompt uses it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::text::visible_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextEdit {
    Left,
    Right,
    Home,
    End,
    WordLeft,
    WordRight,
    Backspace,
    Delete,
    DeleteWord,
    DeleteToStart,
}

impl TextEdit {
    pub fn description(self) -> &'static str {
        match self {
            TextEdit::Left => "cursor left",
            TextEdit::Right => "cursor right",
            TextEdit::Home => "cursor to the start",
            TextEdit::End => "cursor to the end",
            TextEdit::WordLeft => "cursor a word left",
            TextEdit::WordRight => "cursor a word right",
            TextEdit::Backspace => "delete the character before the cursor",
            TextEdit::Delete => "delete the character under the cursor",
            TextEdit::DeleteWord => "delete the word before the cursor",
            TextEdit::DeleteToStart => "delete everything before the cursor",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    pub text: String,
    /// Byte offset in `text`, on a char boundary.
    pub cursor: usize,
}

impl TextInput {
    /// `text` with the cursor at its end.
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        TextInput {
            cursor: text.len(),
            text,
        }
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Inserts text at the cursor, in one step whatever its length; the
    /// cursor goes after it.
    pub fn insert_str(&mut self, text: &str) {
        self.text.insert_str(self.cursor, text);
        self.cursor += text.len();
    }

    pub fn edit(&mut self, edit: TextEdit) {
        let at = self.cursor;
        match edit {
            TextEdit::Left => self.cursor = self.prev_char(at),
            TextEdit::Right => self.cursor = self.next_char(at),
            TextEdit::Home => self.cursor = 0,
            TextEdit::End => self.cursor = self.text.len(),
            TextEdit::WordLeft => self.cursor = self.word_left(at),
            TextEdit::WordRight => self.cursor = self.word_right(at),
            TextEdit::Backspace => self.delete(self.prev_char(at)..at),
            TextEdit::Delete => self.delete(at..self.next_char(at)),
            TextEdit::DeleteWord => self.delete(self.word_left(at)..at),
            TextEdit::DeleteToStart => self.delete(0..at),
        }
    }

    fn delete(&mut self, range: std::ops::Range<usize>) {
        self.cursor = range.start;
        self.text.replace_range(range, "");
    }

    fn prev_char(&self, at: usize) -> usize {
        self.text[..at]
            .chars()
            .next_back()
            .map_or(at, |c| at - c.len_utf8())
    }

    fn next_char(&self, at: usize) -> usize {
        self.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8())
    }

    /// The start of the word before `at` (spaces before it skipped).
    fn word_left(&self, at: usize) -> usize {
        let before = self.text[..at].trim_end_matches(|c: char| !c.is_alphanumeric());
        before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(0, |(i, _)| i)
    }

    /// The end of the word after `at`.
    fn word_right(&self, at: usize) -> usize {
        let rest = &self.text[at..];
        let skipped = rest.len()
            - rest
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let word = rest[skipped..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len() - skipped);
        at + skipped + word
    }
}

/// What [`pasted`] changed in a paste so that it could be typed text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PasteChanges {
    /// Line breaks became spaces (a one-line field).
    pub joined_lines: bool,
    /// Control characters (ESC, BEL, ...) were left out.
    pub dropped_controls: bool,
}

/// Pasted text as a prompt takes it: never keys, only text. CRLF and CR
/// (what terminals send for a pasted line break) are line breaks; a
/// one-line field gets a space for each, a field that `keeps_lines` keeps
/// them as `\n`. Tabs become spaces; other control characters (ESC and
/// the escape sequences it starts, BEL, DEL, C1) are left out, so pasted
/// bytes never act as keys or terminal commands.
pub fn pasted(text: &str, keeps_lines: bool) -> (String, PasteChanges) {
    let mut out = String::with_capacity(text.len());
    let mut changes = PasteChanges::default();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                if keeps_lines {
                    out.push('\n');
                } else {
                    changes.joined_lines = true;
                    out.push(' ');
                }
            }
            '\t' => out.push(' '),
            c if c.is_control() => changes.dropped_controls = true,
            c => out.push(c),
        }
    }
    (out, changes)
}

/// Draws an input on one row: the text made safe to print, scrolled so the
/// cursor (a reversed cell) stays in view.
pub struct InputLine<'a> {
    pub input: &'a TextInput,
    pub style: Style,
}

impl Widget for InputLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = area.width as usize;
        if width == 0 || area.height == 0 {
            return;
        }
        // Only the columns around the cursor are made safe and measured,
        // so a long text costs a frame no more than a short one.
        let text = &self.input.text;
        let cursor = self.input.cursor;
        let before_start = columns_before(text, cursor, width);
        let after_end = columns_after(text, cursor, width);
        let before = visible_line(&text[before_start..cursor]);
        let after = visible_line(&text[cursor..after_end]);
        // Keep one column for the cursor at the end.
        let mut shown_before: &str = &before;
        while shown_before.width() + 1 > width {
            let cut = shown_before.chars().next().map_or(0, char::len_utf8);
            shown_before = &shown_before[cut..];
        }
        let x = area.x + shown_before.width() as u16;
        buf.set_stringn(area.x, area.y, shown_before, width, self.style);
        let left = width - shown_before.width();
        let mut chars = after.chars();
        let under = chars.next();
        let cursor_style = self.style.add_modifier(Modifier::REVERSED);
        let mut cursor_symbol = [0u8; 4];
        let cursor_text = under.map_or(" ", |c| c.encode_utf8(&mut cursor_symbol));
        let (next_x, _) = buf.set_stringn(x, area.y, cursor_text, left, cursor_style);
        let used = (next_x - area.x) as usize;
        if used < width {
            buf.set_stringn(next_x, area.y, chars.as_str(), width - used, self.style);
        }
    }
}

/// The end of `text` made safe to print, at most `width` columns: what a
/// one-line prompt with the cursor at the end shows of a long text.
pub fn visible_tail(text: &str, width: usize) -> String {
    let start = columns_before(text, text.len(), width);
    let shown = visible_line(&text[start..]);
    let mut tail: &str = &shown;
    while tail.width() > width {
        let cut = tail.chars().next().map_or(0, char::len_utf8);
        tail = &tail[cut..];
    }
    tail.to_string()
}

/// The columns `c` takes once made safe to print (`␛`, `\u{202e}`, ...).
fn shown_width(c: char) -> usize {
    visible_line(c.encode_utf8(&mut [0; 4])).width()
}

/// Where the text starts that fills `width` columns before `at`.
fn columns_before(text: &str, at: usize, width: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[..at].char_indices().rev() {
        used += shown_width(c);
        if used > width {
            return i;
        }
    }
    0
}

/// Where the text ends that fills `width` columns from `at`.
fn columns_after(text: &str, at: usize, width: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[at..].char_indices() {
        if used > width {
            return at + i;
        }
        used += shown_width(c);
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(text: &str, cursor: usize, edits: &[TextEdit]) -> (String, usize) {
        let mut input = TextInput {
            text: text.to_string(),
            cursor,
        };
        for &e in edits {
            input.edit(e);
        }
        (input.text, input.cursor)
    }

    #[test]
    fn word_moves_and_deletes() {
        use TextEdit::*;
        assert_eq!(
            edited("four drones, one", 16, &[WordLeft]),
            ("four drones, one".into(), 13)
        );
        assert_eq!(edited("four drones, one", 16, &[WordLeft, WordLeft]).1, 5);
        assert_eq!(edited("four drones, one", 0, &[WordRight, WordRight]).1, 11);
        assert_eq!(
            edited("four drones, one", 12, &[DeleteWord]),
            ("four  one".into(), 5)
        );
        assert_eq!(
            edited("four drones", 5, &[DeleteToStart]),
            ("drones".into(), 0)
        );
    }

    #[test]
    fn chars_move_and_delete_whole_chars() {
        use TextEdit::*;
        assert_eq!(edited("né", 3, &[Left]), ("né".into(), 1));
        assert_eq!(edited("né", 3, &[Backspace]), ("n".into(), 1));
        assert_eq!(edited("né", 1, &[Delete]), ("n".into(), 1));
        assert_eq!(
            edited("né", 1, &[Home, Right, Right, Right]).1,
            3,
            "stops at the end"
        );
        assert_eq!(edited("né", 0, &[Backspace]), ("né".into(), 0));
    }

    #[test]
    fn the_tail_of_a_long_text_fits_its_columns() {
        let long = format!("{}the end", "x".repeat(100_000));
        assert_eq!(visible_tail(&long, 7), "the end");
        assert_eq!(visible_tail("a\u{1b}b", 10), "a␛b");
        assert_eq!(visible_tail("日本語", 5), "本語");
        assert_eq!(visible_tail("", 5), "");
    }

    #[test]
    fn a_long_text_scrolls_to_keep_the_cursor_in_view() {
        let input = TextInput::new("abcdefghij");
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        InputLine {
            input: &input,
            style: Style::default(),
        }
        .render(buf.area, &mut buf);
        let row: String = (0..5).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert_eq!(row, "ghij ");
        assert!(buf[(4, 0)].modifier.contains(Modifier::REVERSED));
        assert!(!buf[(3, 0)].modifier.contains(Modifier::REVERSED));
    }
}
