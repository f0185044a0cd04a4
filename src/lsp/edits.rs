//! crux's format-preserving edits, handed to the editor as the text
//! edits that turn its buffer into the edited text.

use std::collections::HashMap;

use lsp_types::{TextEdit, Url, WorkspaceEdit};

use super::position::Positions;

/// The one replacement that turns `old` into `new`: everything between
/// their common start and their common end.
pub fn text_edit(old: &str, new: &str) -> TextEdit {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let longest_end = old.len().min(new.len()) - start;
    let mut end = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(longest_end)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - end) || !new.is_char_boundary(new.len() - end) {
        end -= 1;
    }
    let positions = Positions::new(old);
    TextEdit {
        range: positions.range(&(start..old.len() - end)),
        new_text: new[start..new.len() - end].to_string(),
    }
}

/// An edit of the claims buffer at `uri` from `old` to `new`.
pub fn workspace_edit(uri: &Url, old: &str, new: &str) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![text_edit(old, new)])])),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    /// `old` with the edit made, computed from its position range.
    fn applied(old: &str, edit: &TextEdit) -> String {
        let p = Positions::new(old);
        let mut out = old.to_string();
        out.replace_range(
            p.byte(edit.range.start)..p.byte(edit.range.end),
            &edit.new_text,
        );
        out
    }

    #[test]
    fn the_edit_covers_only_what_changed_and_splits_no_character() {
        let old = "a = \"é\"\nb = 1\n";
        let new = "a = \"è\"\nb = 1\n";
        let edit = text_edit(old, new);
        assert_eq!(
            edit.range,
            Range::new(Position::new(0, 5), Position::new(0, 6))
        );
        assert_eq!(edit.new_text, "è");
        for (old, new) in [
            (old, new),
            ("", "x"),
            ("x", ""),
            ("aaa", "aa"),
            ("ab\r\ncd", "ab\r\nXcd"),
            ("𝄞𝄞", "𝄞"),
        ] {
            assert_eq!(
                applied(old, &text_edit(old, new)),
                new,
                "{old:?} -> {new:?}"
            );
        }
    }
}
