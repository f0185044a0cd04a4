//! Text from a claims file or a document, made safe to show as Markdown:
//! control and invisible characters made visible (as on the terminal),
//! and nothing read as markup or HTML.

use crate::text::{visible, visible_line};

/// Characters that are markup wherever they are.
const MARKUP: &str = "\\`*_[]<>|~&";
/// Characters that are markup at the start of a paragraph.
const MARKUP_FIRST: &str = "#-+=";

/// One line of text, its Markdown punctuation escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in visible_line(text).chars().enumerate() {
        if MARKUP.contains(c) || (i == 0 && MARKUP_FIRST.contains(c)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline code: one line shown as it is, between enough backticks.
pub fn code(text: &str) -> String {
    let text = visible_line(text);
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// Lines shown as they are, in a fenced block longer than any run of
/// backticks inside it.
pub fn code_block(text: &str) -> String {
    let text = visible(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{text}\n{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_in_text_stay_text() {
        assert_eq!(
            escape("**bold** [link](x) <img src=x> `code` a_b"),
            "\\*\\*bold\\*\\* \\[link\\](x) \\<img src=x\\> \\`code\\` a\\_b"
        );
        assert_eq!(
            escape("Tehran's view, 2026-03: yes."),
            "Tehran's view, 2026-03: yes."
        );
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert!(!escape("x\u{1b}[2J\u{202e}").contains(['\u{1b}', '\u{202e}']));
        assert_eq!(code_block("a ``` b"), "````text\na ``` b\n````");
        assert_eq!(code("a_b"), "`a_b`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }
}
