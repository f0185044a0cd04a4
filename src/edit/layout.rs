//! Where a new line or entry goes, in the file's own style.

use std::ops::Range;

use toml_edit::InlineTable;

pub(super) fn line_start(text: &str, byte: usize) -> usize {
    text[..byte].rfind('\n').map_or(0, |i| i + 1)
}

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
