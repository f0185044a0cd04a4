//! The one place that maps byte offsets to line:column, and the one
//! sanitizer that makes document and claims-file text safe to print.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Line starts of a text, for byte -> line:col and byte -> char offset lookups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Number of chars before each line start.
    chars_before_line: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut chars_before_line = vec![0];
        let mut chars = 0;
        let mut last = 0;
        for newline in memchr::memchr_iter(b'\n', text.as_bytes()) {
            chars += text[last..=newline].chars().count();
            last = newline + 1;
            line_starts.push(last);
            chars_before_line.push(chars);
        }
        LineIndex {
            line_starts,
            chars_before_line,
        }
    }

    /// The index of `new`, which is `old` (this index's text) with
    /// `old[start..old_end]` replaced by `new[start..new_end]`: the lines
    /// before the change kept, those after it moved, only the changed ones
    /// counted again.
    pub fn spliced(&self, new: &str, start: usize, old_end: usize, new_end: usize) -> LineIndex {
        // Lines that start at or before the change are unchanged.
        let kept = self.line_starts.partition_point(|&s| s <= start);
        let mut line_starts = self.line_starts[..kept].to_vec();
        let mut chars_before_line = self.chars_before_line[..kept].to_vec();
        let mut last = line_starts[kept - 1];
        let mut chars = chars_before_line[kept - 1];
        // Lines starting inside the new text of the change, counted afresh.
        let from = last;
        for newline in memchr::memchr_iter(b'\n', &new.as_bytes()[from..new_end]) {
            let newline = from + newline;
            chars += new[last..=newline].chars().count();
            last = newline + 1;
            line_starts.push(last);
            chars_before_line.push(chars);
        }
        // Lines after the change: the old ones past it, moved.
        let after = self.line_starts.partition_point(|&s| s <= old_end);
        if let Some(&old_start) = self.line_starts.get(after) {
            // Chars from `last` to the first moved line start, in the new text.
            let moved_start = old_start - old_end + new_end;
            chars += new[last..moved_start].chars().count();
            let char_shift = chars as isize - self.chars_before_line[after] as isize;
            for line in after..self.line_starts.len() {
                line_starts.push(self.line_starts[line] - old_end + new_end);
                chars_before_line
                    .push((self.chars_before_line[line] as isize + char_shift) as usize);
            }
        }
        LineIndex {
            line_starts,
            chars_before_line,
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line holding `byte` (a byte past the end maps to the last line).
    pub fn line_of(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= byte) - 1
    }

    /// Byte range of 0-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_starts[line.min(self.line_starts.len() - 1)];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    /// 1-based line and character column of `byte` in `text`.
    pub fn line_col(&self, text: &str, byte: usize) -> LineCol {
        let byte = floor_char_boundary(text, byte);
        let line = self.line_of(byte);
        let col = text[self.line_starts[line]..byte].chars().count() + 1;
        LineCol {
            line: line + 1,
            col,
        }
    }

    /// Character offset of `byte` from the start of `text`.
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        let byte = floor_char_boundary(text, byte);
        let line = self.line_of(byte);
        self.chars_before_line[line] + text[self.line_starts[line]..byte].chars().count()
    }

    /// Character range for a byte range.
    pub fn char_range(&self, text: &str, bytes: &Range<usize>) -> Range<usize> {
        self.char_offset(text, bytes.start)..self.char_offset(text, bytes.end)
    }
}

/// Where the first invalid byte of non-UTF-8 `bytes` is: its 1-based line
/// and column (in chars), counted over the valid text before it.
pub fn invalid_utf8_at(bytes: &[u8], valid_up_to: usize) -> LineCol {
    let before = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    LineIndex::new(before).line_col(before, before.len())
}

/// The char boundary at or before `byte` (clamped to the text).
/// The byte where the line holding `byte` starts.
pub fn line_start(text: &str, byte: usize) -> usize {
    text[..byte].rfind('\n').map_or(0, |i| i + 1)
}

/// The byte where the line holding `byte` ends (its `\n`, or the text's end).
pub fn line_end(text: &str, byte: usize) -> usize {
    text[byte..].find('\n').map_or(text.len(), |i| byte + i)
}

pub fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Text safe to write to a terminal: C0/C1 controls become their visible
/// pictures (ESC -> `␛`, a CR not ending a line -> `␍`), bidi and other
/// invisible format characters become `\u{202e}`-style escapes. Newlines
/// and tabs are kept; the CR of a CRLF is dropped.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !any_needs_escape(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            c => push_visible(&mut out, c),
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], for a single line: line breaks and tabs become spaces.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| needs_escape(c) || c == '\n' || c == '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(' '),
            '\r' if chars.peek() == Some(&'\n') => {}
            _ => push_visible(&mut out, c),
        }
    }
    Cow::Owned(out)
}

/// A path as one printable line that names that file and no other: bytes
/// that are not UTF-8 shown as `\xff` (a lossy `\u{fffd}` would name a
/// different file), control characters made visible.
pub fn visible_path(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&visible_line(chunk.valid()));
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        visible_line(&path.to_string_lossy()).into_owned()
    }
}

/// Serialized JSON made safe for a terminal: invisible format characters
/// (bidi overrides and the like) inside strings become `\uXXXX` escapes,
/// which JSON parsers read back as the same characters. serde_json already
/// escapes C0 controls.
pub fn json_for_terminal(json: String) -> String {
    if !any_needs_escape(&json) {
        return json;
    }
    let mut out = Vec::with_capacity(json.len() + 16);
    write_json_for_terminal(&json, &mut out).expect("writing to memory succeeds");
    String::from_utf8(out).expect("escapes keep UTF-8 valid")
}

/// Writes serialized JSON, or a piece of a JSON string's contents, to
/// `out` made safe as [`json_for_terminal`] makes it: for output written
/// as it is serialized.
pub fn write_json_for_terminal<W: Write + ?Sized>(json: &str, out: &mut W) -> io::Result<()> {
    let bytes = json.as_bytes();
    let mut run = 0;
    for (at, c) in escapes(json) {
        out.write_all(&bytes[run..at])?;
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            write!(out, "\\u{unit:04x}")?;
        }
        run = at + c.len_utf8();
    }
    out.write_all(&bytes[run..])
}

/// `text` on one line: runs of whitespace, line breaks included, become
/// one space, and the ends are trimmed.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` as a TOML basic string, ready to paste into a claims file:
/// quotes, backslashes and control or invisible characters escaped.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || visible_line(c.encode_utf8(&mut [0; 4])).len() != c.len_utf8() =>
            {
                if c > '\u{ffff}' {
                    out.push_str(&format!("\\U{:08X}", c as u32))
                } else {
                    out.push_str(&format!("\\u{:04X}", c as u32))
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn push_visible(out: &mut String, c: char) {
    use std::fmt::Write;
    match c {
        '\n' | '\t' => out.push(c),
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('␡'),
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// Whether any character of `text` needs escaping.
fn any_needs_escape(text: &str) -> bool {
    escapes(text).next().is_some()
}

/// The characters of `text` that need escaping, with their byte offsets.
/// Printable ASCII, most of any text, is passed a byte at a time without
/// decoding characters: this scan runs over all the JSON crux prints.
fn escapes(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let byte = bytes[at];
            if (0x20..0x7f).contains(&byte) || byte == b'\t' || byte == b'\n' {
                at += 1;
                continue;
            }
            let c = text[at..]
                .chars()
                .next()
                .expect("`at` is on a character boundary");
            let here = at;
            at += c.len_utf8();
            if needs_escape(c) {
                return Some((here, c));
            }
        }
        None
    })
}

fn needs_escape(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}'                // Arabic letter mark (bidi)
        | '\u{200b}'..='\u{200f}'   // zero-width and directional marks
        | '\u{2028}'..='\u{202e}'   // line/paragraph separators, bidi embeddings and overrides
        | '\u{2060}'..='\u{2069}'   // word joiner, bidi isolates
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}') // tag characters: invisible text
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_spliced_index_is_the_index_of_the_new_text(
            old in "[ab\né\r]{0,30}",
            inserted in "[ab\né]{0,8}",
            at in 0usize..40,
            removed in 0usize..8,
        ) {
            let start = floor_char_boundary(&old, at.min(old.len()));
            let old_end = floor_char_boundary(&old, (start + removed).min(old.len())).max(start);
            let new = format!("{}{inserted}{}", &old[..start], &old[old_end..]);
            let spliced = LineIndex::new(&old).spliced(&new, start, old_end, start + inserted.len());
            proptest::prop_assert_eq!(&spliced, &LineIndex::new(&new));
            // The smallest byte difference, which may cut a character.
            let (a, b) = (old.as_bytes(), new.as_bytes());
            let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            let most = a.len().min(b.len()) - prefix;
            let suffix = a.iter().rev().zip(b.iter().rev()).take(most).take_while(|(x, y)| x == y).count();
            let spliced = LineIndex::new(&old).spliced(&new, prefix, a.len() - suffix, b.len() - suffix);
            proptest::prop_assert_eq!(spliced, LineIndex::new(&new));
        }
    }

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "ab\nAzərbaycan x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, col: 12 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, col: 1 });
        assert_eq!(index.char_offset(text, x), 14);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_shows_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let path = std::path::Path::new(std::ffi::OsStr::from_bytes(b"d\x1b/caf\xff.txt"));
        assert_eq!(visible_path(path), "d␛/caf\\xff.txt");
    }

    #[test]
    fn line_range_drops_crlf() {
        let text = "one\r\ntwo\r\nthree";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_range(text, 0)], "one");
        assert_eq!(&text[index.line_range(text, 1)], "two");
        assert_eq!(&text[index.line_range(text, 2)], "three");
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_char_are_clamped() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), LineCol { line: 1, col: 1 });
        assert_eq!(index.line_col(text, 99), LineCol { line: 1, col: 2 });
    }

    #[test]
    fn escape_and_bidi_characters_are_made_visible() {
        assert_eq!(visible("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(visible("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(visible("keep\nlines\tand tabs"), "keep\nlines\tand tabs");
        assert_eq!(visible_line("one\ntwo\r\n"), "one two ");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_carriage_return_is_shown_unless_it_ends_a_line() {
        assert_eq!(visible("one\r\ntwo\rover"), "one\ntwo␍over");
        assert_eq!(visible_line("one\r\ntwo\rover\r"), "one two␍over␍");
        assert_eq!(visible("\r"), "␍");
    }

    #[test]
    fn c1_zero_width_and_invisible_characters_are_escaped() {
        assert_eq!(visible("a\u{9b}2Jb"), "a\\u{9b}2Jb");
        assert_eq!(visible("\u{85}\u{7f}\u{8}\u{7}"), "\\u{85}␡␈␇");
        assert_eq!(
            visible_line("z\u{200b}w\u{200d}j\u{feff}b\u{2066}i\u{61c}t\u{e0041}"),
            "z\\u{200b}w\\u{200d}j\\u{feff}b\\u{2066}i\\u{61c}t\\u{e0041}"
        );
        let json = json_for_terminal(serde_json::to_string("\u{9b}\u{e0041}").unwrap());
        assert_eq!(json, r#""\u009b\udb40\udc41""#);
    }

    #[test]
    fn toml_strings_read_back_as_the_text_they_escape() {
        for text in [
            "plain",
            "a \"q\" \\ b\n\t",
            "esc\u{1b}[2J",
            "rlo\u{202e}x",
            "tag\u{e0041}z",
        ] {
            let parsed: toml::Value =
                toml::from_str(&format!("v = {}", toml_string(text))).unwrap();
            assert_eq!(parsed["v"].as_str(), Some(text), "{text:?}");
        }
        assert_eq!(toml_string("\u{e0041}"), "\"\\U000E0041\"");
    }

    #[test]
    fn the_fast_check_agrees_with_the_character_check() {
        let samples = [
            "plain ascii\twith tab\nand newline",
            "carriage\rreturn",
            "del\u{7f}",
            "caf\u{e9} na\u{ef}ve \u{2014} dash",
            "bidi \u{202e} override",
            "tag \u{e0041} char",
            "c1 \u{85} next line",
            "",
        ];
        for sample in samples {
            assert_eq!(
                any_needs_escape(sample),
                sample.chars().any(needs_escape),
                "{sample:?}"
            );
        }
        assert!(!any_needs_escape("caf\u{e9}\tok\n"));
        assert!(any_needs_escape("x\u{202e}"));
    }

    #[test]
    fn pieces_of_json_strings_are_written_escaped() {
        let mut out = Vec::new();
        write_json_for_terminal("a\u{202e}b \u{e0041}é\u{7f}\t", &mut out).unwrap();
        assert_eq!(out, b"a\\u202eb \\udb40\\udc41\xc3\xa9\\u007f\t");
    }

    #[test]
    fn json_for_terminal_escapes_bidi_overrides_and_round_trips() {
        let json = serde_json::to_string("a\u{202e}b\u{1b}").unwrap();
        let safe = json_for_terminal(json);
        assert_eq!(safe, r#""a\u202eb\u001b""#);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{202e}b\u{1b}");
    }
}
