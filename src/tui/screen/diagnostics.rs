//! The Diagnostics screen: what `crux check` reports, one selected; Enter
//! goes to the claim it is about.

use super::{Cx, Follow, Jump, ScreenState, delta, moved};
use crate::diag::Diagnostic;
use crate::tui::action::NavAction;
use crate::tui::data::Data;
use crate::tui::keymap::Context;

#[derive(Debug, Default)]
pub struct Diagnostics {
    pub cursor: usize,
}

impl Diagnostics {
    pub fn selected<'a>(&self, data: &'a Data) -> Option<&'a Diagnostic> {
        data.dataset.diagnostics.get(self.cursor)
    }

    /// Back where a link was followed from.
    pub fn jump_back(&mut self, cursor: usize) {
        self.cursor = cursor;
    }
}

impl ScreenState for Diagnostics {
    fn navigate(&mut self, cx: &mut Cx, nav: NavAction) -> Option<Follow> {
        if let Some(delta) = delta(nav, cx.page_rows) {
            self.cursor = moved(self.cursor, delta, cx.data.dataset.diagnostics.len());
            return None;
        }
        if nav != NavAction::Open {
            return None;
        }
        let target = self
            .selected(cx.data)
            .and_then(|d| d.claim.as_deref())
            .and_then(|id| cx.data.dataset.claim_index(id));
        match target {
            Some(claim) => Some(Follow::claim(Jump::Diagnostic(self.cursor), claim)),
            None => {
                cx.say("this diagnostic is not about one claim");
                None
            }
        }
    }

    fn context(&self) -> Context {
        Context::Diagnostics
    }

    fn count(&self, data: &Data) -> usize {
        data.dataset.diagnostics.len()
    }

    /// For the status bar: which diagnostic of how many.
    fn position(&self, data: &Data) -> String {
        let count = data.dataset.diagnostics.len();
        format!("{}/{count}", (self.cursor + 1).min(count))
    }

    /// Where in the claims file the selected diagnostic points.
    fn decl(&self, data: &Data) -> Option<usize> {
        self.selected(data)
            .and_then(|d| d.span.as_ref())
            .map(|s| s.start)
    }

    /// The file was loaded again: the same place in the new list.
    fn reload(&mut self, _old: &Data, new: &Data) {
        self.cursor = self
            .cursor
            .min(new.dataset.diagnostics.len().saturating_sub(1));
    }
}
