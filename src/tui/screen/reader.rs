//! A source open on the Sources screen: read whole, a quote current, a
//! cursor that can select a passage, and a find.

use std::ops::Range;

use crate::ix::SourceIx;
use crate::tui::data::Data;
use crate::tui::selection;
use crate::tui::widget::text_input::TextInput;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub source: SourceIx,
    /// Index into `Data::placed[source]`.
    pub span: usize,
    /// Extra rows scrolled away from the cursor's row.
    pub scroll: isize,
    /// A byte offset in the source's display text; the moving end of a selection.
    pub cursor: usize,
    /// The selection's fixed end, while selecting.
    pub anchor: Option<usize>,
    /// What `/` looks for in the document.
    pub find: TextInput,
    /// Where the cursor was when the find started (Esc goes back there).
    pub find_from: usize,
}

impl Reader {
    /// Source `source` opened at its quote `span`, the cursor on that quote.
    pub fn new(data: &Data, source: SourceIx, span: usize) -> Reader {
        let cursor = data.placed(source).get(span).map_or(0, |p| p.display.start);
        Reader {
            source,
            span,
            scroll: 0,
            cursor,
            anchor: None,
            find: TextInput::default(),
            find_from: cursor,
        }
    }

    pub fn selection(&self) -> Option<Range<usize>> {
        self.anchor
            .map(|anchor| selection::range(anchor, self.cursor))
    }

    /// The text shown: the source's display text, empty when unreadable.
    pub fn text<'a>(&self, data: &'a Data) -> &'a str {
        data.shown_text(self.source)
    }

    /// The same reader on the file loaded again, if its source is still
    /// declared: every offset kept on a character of the new text.
    pub fn reloaded(self, old: &Data, new: &Data) -> Option<Reader> {
        let source = new
            .dataset
            .source_index(&old.dataset.sources[self.source].id)?;
        let text = new.shown_text(source);
        let floor = |at: usize| crate::text::floor_char_boundary(text, at);
        let spans = new.placed(source).len();
        Some(Reader {
            source,
            span: self.span.min(spans.saturating_sub(1)),
            cursor: floor(self.cursor),
            anchor: self.anchor.map(floor),
            find_from: floor(self.find_from),
            ..self
        })
    }
}
