//! The one mapping between byte offsets and LSP positions: 0-based lines
//! (ended by `\n`, `\r\n` or a lone `\r`, as the protocol counts them) and
//! columns in UTF-16 code units, the encoding every client supports.

use std::borrow::Cow;
use std::ops::Range;

use lsp_types::Position;

/// Where each line of a text starts, by the protocol's line breaks.
pub struct Positions<'t> {
    text: &'t str,
    line_starts: Cow<'t, [usize]>,
}

/// The byte where each line of `text` starts, to be kept with a text that
/// is mapped often (see [`Positions::with_line_starts`]).
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut line_starts = vec![0];
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
        if !crlf {
            line_starts.push(at + 1);
        }
    }
    line_starts
}

impl<'t> Positions<'t> {
    pub fn new(text: &'t str) -> Self {
        Positions {
            text,
            line_starts: Cow::Owned(line_starts(text)),
        }
    }

    /// The positions of `text` by its [`line_starts`], computed before.
    pub fn with_line_starts(text: &'t str, line_starts: &'t [usize]) -> Self {
        Positions {
            text,
            line_starts: Cow::Borrowed(line_starts),
        }
    }

    /// How many line breaks the text holds.
    pub fn line_breaks(&self) -> usize {
        self.line_starts.len() - 1
    }

    /// The position of `byte` (clamped to the text, and to the start of
    /// the character it falls in).
    pub fn position(&self, byte: usize) -> Position {
        let byte = crate::text::floor_char_boundary(self.text, byte);
        let line = self.line_starts.partition_point(|&start| start <= byte) - 1;
        let start = self.line_starts[line];
        let character: usize = self.text[start..byte].chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, bytes: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(self.position(bytes.start), self.position(bytes.end))
    }

    /// The byte at `position`: a line past the end is the end of the text,
    /// a column past the end of its line is the line's end, and a column
    /// inside a character (half of a surrogate pair) is that character's start.
    pub fn byte(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self.content_end(position.line as usize);
        let mut units = 0;
        for (offset, c) in self.text[start..end].char_indices() {
            units += c.len_utf16();
            if units > position.character as usize {
                return start + offset;
            }
        }
        end
    }

    /// Where line `line`'s text ends, before its line break.
    fn content_end(&self, line: usize) -> usize {
        let Some(&next) = self.line_starts.get(line + 1) else {
            return self.text.len();
        };
        let bytes = self.text.as_bytes();
        if next >= 2 && bytes[next - 1] == b'\n' && bytes[next - 2] == b'\r' {
            next - 2
        } else {
            next - 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_and_every_line_break_counts() {
        // "é" is one unit in two bytes, "𝄞" two units in four bytes.
        let text = "aé𝄞b\r\nx\ry\nz";
        let p = Positions::new(text);
        assert_eq!(p.position(0), Position::new(0, 0));
        assert_eq!(p.position(3), Position::new(0, 2), "after é");
        assert_eq!(p.position(7), Position::new(0, 4), "after the clef");
        assert_eq!(p.position(8), Position::new(0, 5), "at the CR of CRLF");
        assert_eq!(p.position(10), Position::new(1, 0), "after CRLF");
        assert_eq!(p.position(12), Position::new(2, 0), "after a lone CR");
        assert_eq!(p.position(14), Position::new(3, 0));
        assert_eq!(p.position(99), Position::new(3, 1), "clamped to the end");
    }

    #[test]
    fn positions_map_back_to_bytes_and_out_of_range_ones_are_clamped() {
        let text = "aé𝄞b\r\nx\ry\nz";
        let p = Positions::new(text);
        for byte in [0, 1, 3, 7, 8, 10, 12, 14, 15] {
            assert_eq!(p.byte(p.position(byte)), byte, "byte {byte}");
        }
        assert_eq!(p.byte(Position::new(0, 3)), 3, "inside the surrogate pair");
        assert_eq!(p.byte(Position::new(0, 40)), 8, "past the line's end");
        assert_eq!(
            p.byte(Position::new(9, 0)),
            text.len(),
            "past the last line"
        );
        assert_eq!(p.position(2), Position::new(0, 1), "inside é");
    }
}
