//! The Contradictions screen: every contradicting pair by topic, one
//! selected; its two passages side by side scroll together.

use super::{Cx, Follow, Jump, Pane, ScreenState, delta, moved};
use crate::tui::action::NavAction;
use crate::tui::data::Data;

#[derive(Debug)]
pub struct Pairs {
    /// Index into `Data::pairs`.
    pub cursor: usize,
    pub focus: Pane,
    /// Rows the two passages are scrolled away from their quotes.
    pub passage_scroll: isize,
}

impl Default for Pairs {
    fn default() -> Pairs {
        Pairs {
            cursor: 0,
            focus: Pane::List,
            passage_scroll: 0,
        }
    }
}

impl Pairs {
    /// The selected pair's `contradicts` relation.
    pub fn selected(&self, data: &Data) -> Option<usize> {
        data.pairs.get(self.cursor).copied()
    }

    /// Back where a link was followed from.
    pub fn jump_back(&mut self, cursor: usize, data: &Data) {
        self.cursor = cursor.min(data.pairs.len().saturating_sub(1));
    }
}

impl ScreenState for Pairs {
    fn navigate(&mut self, cx: &mut Cx, nav: NavAction) -> Option<Follow> {
        if let Some(delta) = delta(nav, cx.page_rows) {
            match self.focus {
                Pane::List => {
                    self.cursor = moved(self.cursor, delta, cx.data.pairs.len());
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
                Some(Follow {
                    from: Jump::Pair(self.cursor),
                    claim: cx.data.dataset.relations[relation].from,
                })
            }
            _ => None,
        }
    }

    fn count(&self, data: &Data) -> usize {
        data.pairs.len()
    }

    /// For the status bar: which pair of how many.
    fn position(&self, data: &Data) -> String {
        let count = data.pairs.len();
        format!("pair {}/{count}", (self.cursor + 1).min(count))
    }

    /// Where in the claims file the selected pair's link is declared.
    fn decl(&self, data: &Data) -> Option<usize> {
        self.selected(data)
            .map(|r| data.dataset.relations[r].decl.start)
    }

    fn focus_list(&mut self) {
        self.focus = Pane::List;
    }

    /// The file was loaded again: the same pair, found by its two claims'
    /// ids, else the same place in the new list.
    fn reload(&mut self, old: &Data, new: &Data) {
        let ids = |data: &Data, relation: usize| {
            let rel = &data.dataset.relations[relation];
            let claims = &data.dataset.claims;
            (claims[rel.from].id.clone(), claims[rel.to].id.clone())
        };
        let pair = self.selected(old).map(|r| ids(old, r));
        self.cursor = pair
            .and_then(|pair| new.pairs.iter().position(|&r| ids(new, r) == pair))
            .unwrap_or(self.cursor.min(new.pairs.len().saturating_sub(1)));
    }
}
