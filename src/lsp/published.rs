//! The diagnostics last sent for a document, so that an analysis that
//! finds the same ones does not send them again: on a large file that is
//! most changes, and each send is a megabyte the editor parses.
//!
//! An editor moves the diagnostics it shows along with the user's edits,
//! and may shrink or drop one whose text was edited. Diagnostics found
//! equal are therefore sent again anyway when an edit since the last send
//! touched a line one of them covers, or replaced the whole text.

use std::sync::Arc;

use lsp_types::{Diagnostic, TextDocumentContentChangeEvent};

use super::position::Positions;

#[derive(Default)]
pub struct Published {
    diagnostics: Option<Arc<Vec<Diagnostic>>>,
    /// The first and last line of each diagnostic sent, moved as the
    /// edits since have moved their text.
    lines: Vec<(u32, u32)>,
    /// An edit since the last send may have changed how the editor shows it.
    touched: bool,
}

impl Published {
    /// Follows one of the editor's edits (in the text as it was before it).
    pub fn edited(&mut self, change: &TextDocumentContentChangeEvent) {
        let Some(range) = change.range else {
            self.touched = true;
            return;
        };
        let (first, last) = (range.start.line, range.end.line.max(range.start.line));
        let added = Positions::new(&change.text).line_breaks() as i64;
        let shift = added - i64::from(last - first);
        for lines in &mut self.lines {
            if lines.0 > last {
                let moved = |line: u32| u32::try_from(i64::from(line) + shift).unwrap_or(0);
                *lines = (moved(lines.0), moved(lines.1));
            } else if lines.1 >= first {
                self.touched = true;
            }
        }
    }

    /// Whether `diagnostics` must be sent: they differ from the last sent,
    /// or the editor may no longer show those as they were sent.
    pub fn needs(&self, diagnostics: &[Diagnostic]) -> bool {
        self.touched || self.diagnostics.as_deref().map(Vec::as_slice) != Some(diagnostics)
    }

    pub fn sent(&mut self, diagnostics: Arc<Vec<Diagnostic>>) {
        self.lines = diagnostics
            .iter()
            .map(|d| (d.range.start.line, d.range.end.line))
            .collect();
        self.diagnostics = Some(diagnostics);
        self.touched = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn at_lines(first: u32, last: u32) -> Diagnostic {
        Diagnostic {
            range: Range::new(Position::new(first, 2), Position::new(last, 5)),
            message: "m".into(),
            ..Diagnostic::default()
        }
    }

    fn edit(from: (u32, u32), to: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(from.0, from.1),
                Position::new(to.0, to.1),
            )),
            range_length: None,
            text: text.into(),
        }
    }

    fn sent(lines: &[(u32, u32)]) -> (Published, Vec<Diagnostic>) {
        let diagnostics: Vec<Diagnostic> = lines.iter().map(|&(a, b)| at_lines(a, b)).collect();
        let mut published = Published::default();
        assert!(published.needs(&diagnostics), "nothing sent yet");
        published.sent(Arc::new(diagnostics.clone()));
        (published, diagnostics)
    }

    #[test]
    fn the_same_diagnostics_are_not_sent_again_after_an_edit_on_other_lines() {
        let (mut published, same) = sent(&[(3, 3), (10, 12)]);
        published.edited(&edit((6, 4), (6, 4), "x"));
        published.edited(&edit((13, 0), (13, 9), ""));
        assert!(!published.needs(&same));
        let mut other = same.clone();
        other[1].message = "changed".into();
        assert!(published.needs(&other));
    }

    #[test]
    fn an_edit_on_a_line_a_diagnostic_covers_sends_it_again() {
        for line in [10, 11, 12] {
            let (mut published, same) = sent(&[(3, 3), (10, 12)]);
            published.edited(&edit((line, 0), (line, 0), "x"));
            assert!(published.needs(&same), "edit on line {line}");
        }
        // An edit spanning the diagnostic's lines from outside them.
        let (mut published, same) = sent(&[(10, 12)]);
        published.edited(&edit((8, 0), (14, 0), "x"));
        assert!(published.needs(&same));
    }

    #[test]
    fn lines_added_above_move_what_was_sent_before_it_is_checked() {
        let (mut published, same) = sent(&[(10, 10)]);
        // Two lines in above; the diagnostic is now on line 12 ...
        published.edited(&edit((2, 0), (2, 0), "a\nb\r\n"));
        // ... where a later edit touches it.
        published.edited(&edit((12, 1), (12, 1), "y"));
        assert!(published.needs(&same));

        let (mut published, same) = sent(&[(10, 10)]);
        published.edited(&edit((2, 0), (4, 0), ""));
        published.edited(&edit((10, 1), (10, 1), "y"));
        assert!(!published.needs(&same), "line 10 is now line 8");
    }

    #[test]
    fn the_whole_text_replaced_sends_them_again() {
        let (mut published, same) = sent(&[(1, 1)]);
        published.edited(&TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "anything".into(),
        });
        assert!(published.needs(&same));
    }
}
