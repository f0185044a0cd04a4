//! The Sources screen: the documents, one selected; Enter opens it in the
//! reader, whose quotes lead to their claims.

use super::reader::Reader;
use super::{Cx, Follow, Jump, ScreenState, delta, moved};
use crate::ix::SourceIx;
use crate::tui::action::NavAction;
use crate::tui::data::Data;
use crate::tui::keymap::Context;

#[derive(Debug, Default)]
pub struct Sources {
    pub cursor: usize,
    /// The document being read, over the list.
    pub reader: Option<Reader>,
}

impl Sources {
    /// The document `source` open at its quote `span` (an index into
    /// `Data::placed[source]`), or at its start.
    pub fn open(&mut self, data: &Data, source: SourceIx, span: Option<usize>) {
        if source.0 < data.dataset.sources.len() {
            self.cursor = source.0;
            let last = data.placed(source).len().saturating_sub(1);
            let mut reader = Reader::new(data, source, span.unwrap_or(0).min(last));
            if span.is_none() {
                reader.cursor = 0;
                reader.find_from = 0;
            }
            self.reader = Some(reader);
        }
    }
}

impl ScreenState for Sources {
    fn navigate(&mut self, cx: &mut Cx, nav: NavAction) -> Option<Follow> {
        let data = cx.data;
        if let Some(delta) = delta(nav, cx.page_rows) {
            match &mut self.reader {
                Some(reader) => reader.scroll += delta.clamp(-100_000, 100_000),
                None => self.cursor = moved(self.cursor, delta, data.dataset.sources.len()),
            }
            return None;
        }
        match (nav, &mut self.reader) {
            (NavAction::Open, None) if self.cursor < data.dataset.sources.len() => {
                self.reader = Some(Reader::new(data, SourceIx(self.cursor), 0));
            }
            (NavAction::Open, Some(reader)) => {
                let (source, span) = (reader.source, reader.span);
                let placed = data.placed(source).get(span)?;
                return Some(Follow::claim(Jump::Reader { source, span }, placed.claim));
            }
            (NavAction::Back, Some(reader)) if reader.anchor.is_some() => reader.anchor = None,
            (NavAction::Back, Some(_)) => self.reader = None,
            _ => {}
        }
        None
    }

    fn context(&self) -> Context {
        match self.reader {
            Some(_) => Context::Reader,
            None => Context::Global,
        }
    }

    fn count(&self, data: &Data) -> usize {
        data.dataset.sources.len()
    }

    /// For the status bar: the quote in the open document, else the source.
    fn position(&self, data: &Data) -> String {
        match &self.reader {
            Some(r) => {
                let count = data.placed(r.source).len();
                format!("quote {}/{count}", (r.span + 1).min(count))
            }
            None => format!("source {}/{}", self.cursor + 1, data.dataset.sources.len()),
        }
    }

    /// Where in the claims file the selected source is declared.
    fn decl(&self, data: &Data) -> Option<usize> {
        data.dataset.sources.get(self.cursor).map(|s| s.decl.start)
    }

    /// The file was loaded again: the same source by id, and the reader on
    /// it if it is still declared.
    fn reload(&mut self, old: &Data, new: &Data) {
        let id = old.dataset.sources.get(self.cursor).map(|s| &s.id);
        self.cursor = id
            .and_then(|id| new.dataset.source_index(id))
            .map_or(0, |s| s.0);
        self.reader = self
            .reader
            .take()
            .and_then(|reader| reader.reloaded(old, new));
    }
}
