//! How a document's text shown (light Markdown's markup left out, a web
//! page's article extracted: see `crux::document`) is drawn on a terminal:
//! control characters made visible (via `crate::text`), a tab as four
//! spaces. Offsets stay those of the text shown; only the glyphs differ.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use crate::text::visible;

const TAB: &str = "    ";

/// What is drawn for `text`, a run of one row of the text shown.
pub fn drawn(text: &str) -> Cow<'_, str> {
    match visible(text) {
        shown if shown.contains('\t') => Cow::Owned(shown.replace('\t', TAB)),
        shown => shown,
    }
}

/// How many columns char `c` takes once drawn.
pub fn width(c: char) -> usize {
    drawn(c.encode_utf8(&mut [0; 4])).width()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_tabs_spaces() {
        assert_eq!(drawn("a\u{1b}[31mb quote"), "a␛[31mb quote");
        assert_eq!(drawn("lone\rcr\ttab"), "lone␍cr    tab");
        assert_eq!(drawn("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(width('\u{1b}'), 1);
        assert_eq!(width('\t'), 4);
        assert_eq!(width('\u{202e}'), 8);
        assert_eq!(width('日'), 2);
    }
}
