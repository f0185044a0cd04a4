//! The Contradictions screen: every contradicting pair, grouped by who
//! disagrees, one selected; its two passages side by side scroll together.
//! `d` shows the other differences instead (updates, refinements, rivals,
//! contrasts), each list keeping its own place.

use super::{Cx, Follow, Jump, Pane, ScreenState, delta, moved};
use crate::ix::RelationIx;
use crate::tui::action::NavAction;
use crate::tui::data::Data;
use crate::tui::keymap::Context;
use crate::tui::pair_lists::{Grouped, PairView};

#[derive(Debug)]
pub struct Pairs {
    pub view: PairView,
    /// Index into the shown list.
    pub cursor: usize,
    /// The place in the list not shown.
    pub other_cursor: usize,
    pub focus: Pane,
    /// Rows the two passages are scrolled away from their quotes.
    pub passage_scroll: isize,
}

impl Default for Pairs {
    fn default() -> Pairs {
        Pairs {
            view: PairView::Contradictions,
            cursor: 0,
            other_cursor: 0,
            focus: Pane::List,
            passage_scroll: 0,
        }
    }
}

impl Pairs {
    /// The list shown.
    pub fn list<'a>(&self, data: &'a Data) -> &'a Grouped {
        data.pairs(self.view)
    }

    /// The selected pair's relation.
    pub fn selected(&self, data: &Data) -> Option<RelationIx> {
        self.list(data).get(self.cursor)
    }

    /// The other list, at the place it was left.
    pub fn toggle_view(&mut self) {
        self.view = self.view.other();
        std::mem::swap(&mut self.cursor, &mut self.other_cursor);
        self.passage_scroll = 0;
    }

    /// Back where a link was followed from.
    pub fn jump_back(&mut self, view: PairView, cursor: usize, data: &Data) {
        if view != self.view {
            self.toggle_view();
        }
        self.cursor = cursor.min(self.list(data).len().saturating_sub(1));
    }
}

impl ScreenState for Pairs {
    fn navigate(&mut self, cx: &mut Cx, nav: NavAction) -> Option<Follow> {
        if let Some(delta) = delta(nav, cx.page_rows) {
            match self.focus {
                Pane::List => {
                    self.cursor = moved(self.cursor, delta, self.list(cx.data).len());
                    self.passage_scroll = 0;
                }
                _ => self.passage_scroll += delta.clamp(-10_000, 10_000),
            }
            return None;
        }
        match nav {
            NavAction::NextPane | NavAction::PreviousPane => {
                self.focus = match self.focus {
                    Pane::List => Pane::Passage,
                    _ => Pane::List,
                };
                None
            }
            NavAction::Open => {
                let relation = self.selected(cx.data)?;
                let claim = cx.data.dataset.relations[relation].from;
                Some(Follow::claim(Jump::Pair(self.view, self.cursor), claim))
            }
            _ => None,
        }
    }

    fn context(&self) -> Context {
        Context::Pairs
    }

    /// The contradictions, whichever list shows: the other differences are
    /// never counted as contradictions.
    fn count(&self, data: &Data) -> usize {
        data.contradictions.len()
    }

    /// For the status bar: which of how many.
    fn position(&self, data: &Data) -> String {
        let count = self.list(data).len();
        format!(
            "{} {}/{count}",
            self.view.item(),
            (self.cursor + 1).min(count)
        )
    }

    /// Where in the claims file the selected pair's link is declared.
    fn decl(&self, data: &Data) -> Option<usize> {
        self.selected(data)
            .map(|r| data.dataset.relations[r].decl.start)
    }

    fn focus_list(&mut self) {
        self.focus = Pane::List;
    }

    /// The file was loaded again: in each list the same link, found by
    /// its kind and its two claims' ids, else the same place.
    fn reload(&mut self, old: &Data, new: &Data) {
        let key = |data: &Data, relation: RelationIx| {
            let rel = &data.dataset.relations[relation];
            let claims = &data.dataset.claims;
            (
                rel.kind,
                claims[rel.from].id.clone(),
                claims[rel.to].id.clone(),
            )
        };
        let kept = |view: PairView, cursor: usize| {
            let (old_list, new_list) = (old.pairs(view), new.pairs(view));
            let pair = old_list.get(cursor).map(|r| key(old, r));
            pair.and_then(|pair| new_list.relations.iter().position(|&r| key(new, r) == pair))
                .unwrap_or(cursor.min(new_list.len().saturating_sub(1)))
        };
        self.cursor = kept(self.view, self.cursor);
        self.other_cursor = kept(self.view.other(), self.other_cursor);
    }
}
