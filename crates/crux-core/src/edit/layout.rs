//! Where a new line or entry goes, in the file's own style.

use std::ops::Range;

use toml_edit::InlineTable;

pub(super) use crate::text::line_start;

pub(super) fn indentation(text: &str, byte: usize) -> &str {
    let line = &text[line_start(text, byte)..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

pub(super) fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// Inserts `line` as a new line after the line holding byte `after`.
pub(super) fn insert_line(text: &str, after: usize, line: &str) -> (Range<usize>, String) {
    let eol = line_ending(text);
    match text[after..].find('\n') {
        Some(i) => {
            let at = after + i + 1;
            (at..at, format!("{line}{eol}"))
        }
        // The last line has no line ending; the file keeps ending without one.
        None => (text.len()..text.len(), format!("{eol}{line}")),
    }
}

pub(super) fn insert_inline(table: &InlineTable, entry: &str) -> (Range<usize>, String) {
    let last = table
        .iter()
        .filter_map(|(_, v)| v.span())
        .max_by_key(|span| span.end);
    match last {
        Some(span) => (span.end..span.end, format!(", {entry}")),
        None => {
            let open = table
                .span()
                .expect("a parsed inline table has a span")
                .start
                + 1;
            (open..open, format!(" {entry} "))
        }
    }
}

/// Where the line after the one holding byte `at` starts (the end of the
/// file when it is the last line).
pub(super) fn next_line_start(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// Whether the text from `at` to the end of its line is only blanks and
/// perhaps a comment.
pub(super) fn rest_of_line_is_free(text: &str, at: usize) -> bool {
    let rest = &text[at..next_line_start(text, at)];
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with('#') || rest.starts_with('\n') || rest.starts_with("\r\n")
}

/// The line starting at `start` holds only blanks (or is past the end).
pub(super) fn is_blank_line(text: &str, start: usize) -> bool {
    start < text.len() && text[start..next_line_start(text, start)].trim().is_empty()
}

/// Where the line before the one starting at `start` starts.
pub(super) fn previous_line_start(text: &str, start: usize) -> Option<usize> {
    (start > 0).then(|| line_start(text, start - 1))
}

/// The lines from `start` (a line start) to `end` (a line start or the end
/// of the file) as a range to remove: when they are the last lines of a
/// file without a final line ending, the line ending before them goes
/// instead, so the file keeps ending without one.
pub(super) fn whole_lines(text: &str, start: usize, end: usize) -> Range<usize> {
    if end == text.len() && !text.ends_with('\n') && start > 0 {
        let before = &text[..start - 1];
        let start = if before.ends_with('\r') {
            start - 2
        } else {
            start - 1
        };
        return start..end;
    }
    start..end
}
