//! The Claims screen: the claim list as searched and filtered, the
//! selected claim's detail with its links, and its quote in the source.

use std::time::Instant;

use super::{Cx, Follow, Jump, Pane, ScreenState, delta, moved};
use crate::filter::ClaimFilter;
use crate::ix::{ClaimIx, RelationIx};
use crate::model::RelationKind;
use crate::tui::action::NavAction;
use crate::tui::data::Data;
use crate::tui::keymap::Context;

mod listing;

#[derive(Debug)]
pub struct Claims {
    pub focus: Pane,
    pub filter: ClaimFilter,
    /// The fuzzy search, empty when none.
    pub query: String,
    /// Claims shown, in display order: the first of them, while the list
    /// is not complete (see [`listing`]).
    pub visible: Vec<ClaimIx>,
    /// How many claims of the display order the list has looked at.
    listed: usize,
    /// Whether it has looked at all of them.
    complete: bool,
    /// When the count was last said to be due for a frame.
    counted: Instant,
    /// Index into `visible`.
    pub cursor: usize,
    /// Selected link in the detail, as [`detail_links`] orders them.
    pub link: usize,
    /// Which of the selected claim's quotes the passage pane shows.
    pub passage_span: usize,
    /// Rows the passage is scrolled away from its quote.
    pub passage_scroll: isize,
}

impl Claims {
    /// Every claim listed, the first selected.
    pub fn new(data: &Data) -> Claims {
        let mut claims = Claims {
            focus: Pane::List,
            filter: ClaimFilter::default(),
            query: String::new(),
            visible: Vec::new(),
            listed: 0,
            complete: false,
            counted: Instant::now(),
            cursor: 0,
            link: 0,
            passage_span: 0,
            passage_scroll: 0,
        };
        claims.refresh(data, None);
        claims
    }

    pub fn selected(&self) -> Option<ClaimIx> {
        self.visible.get(self.cursor).copied()
    }

    /// Lists the claims the filter and search let through again, keeping
    /// `keep` (or the current claim) selected when it is still listed.
    pub fn refresh(&mut self, data: &Data, keep: Option<ClaimIx>) {
        let keep = keep.or_else(|| self.selected());
        let cursor = self.cursor;
        self.relist();
        if let Some(place) = keep.and_then(|k| data.search.place(k)) {
            self.list_through(data, place);
        }
        match keep.and_then(|k| self.visible.iter().position(|&c| c == k)) {
            Some(position) => self.cursor = position,
            None => {
                self.list_to_position(data, cursor);
                self.cursor = cursor.min(self.visible.len().saturating_sub(1));
            }
        }
        self.list_ahead(data);
    }

    /// Lists the claims the filter and search let through again, the
    /// first selected.
    pub fn refresh_at_top(&mut self, data: &Data) {
        self.relist();
        self.cursor = 0;
        self.list_ahead(data);
    }

    /// Selects claim `index`, clearing the filter and search if they hide
    /// it; whether they did and were cleared.
    pub fn show_claim(&mut self, data: &Data, index: ClaimIx) -> bool {
        let mut cleared = false;
        if let Some(place) = data.search.place(index) {
            self.list_through(data, place);
        }
        if !self.visible.contains(&index) {
            cleared = self.filter.is_active() || !self.query.is_empty();
            self.filter = ClaimFilter::default();
            self.query.clear();
        }
        self.refresh(data, Some(index));
        self.claim_changed();
        cleared
    }

    /// Another claim is selected: its detail and passage start afresh.
    pub fn claim_changed(&mut self) {
        self.link = 0;
        self.passage_span = 0;
        self.passage_scroll = 0;
    }

    /// The position of the next claim in the list not yet reviewed after
    /// the cursor, going round.
    pub fn unreviewed_after_cursor(&mut self, data: &Data) -> Option<usize> {
        let claims = &data.dataset.claims;
        self.round_from_cursor(data, true, false, |c| !claims[c].status.is_reviewed())
    }

    fn step(&mut self, data: &Data, delta: isize) {
        match self.focus {
            Pane::List => {
                let before = self.cursor;
                if delta > 0 {
                    self.list_to_position(data, before.saturating_add_signed(delta));
                }
                self.cursor = moved(self.cursor, delta, self.visible.len());
                if self.cursor != before {
                    self.claim_changed();
                }
                self.list_ahead(data);
            }
            Pane::Detail => {
                let links = self.selected().map_or(0, |c| link_targets(data, c).len());
                self.link = moved(self.link, delta, links);
            }
            Pane::Passage => self.passage_scroll += delta.clamp(-10_000, 10_000),
        }
    }

    fn cycle_pane(&mut self, forward: bool) {
        let panes = [Pane::List, Pane::Detail, Pane::Passage];
        let at = panes.iter().position(|&p| p == self.focus).unwrap_or(0);
        let n = panes.len();
        self.focus = panes[(at + if forward { 1 } else { n - 1 }) % n];
    }

    /// Enter: the list opens the detail, a link is followed, the passage
    /// shows the claim's next quote.
    fn open(&mut self, data: &Data) -> Option<Follow> {
        let claim = self.selected()?;
        match self.focus {
            Pane::List => {
                self.focus = Pane::Detail;
                self.link = 0;
            }
            Pane::Detail => {
                let &target = link_targets(data, claim).get(self.link)?;
                let from = Jump::Claim(data.dataset.claims[claim].id.clone());
                return Some(Follow::claim(from, target));
            }
            Pane::Passage => {
                let count = data.placed_count(claim);
                if count > 0 {
                    self.passage_span = (self.passage_span + 1) % count;
                    self.passage_scroll = 0;
                }
            }
        }
        None
    }
}

impl ScreenState for Claims {
    fn navigate(&mut self, cx: &mut Cx, nav: NavAction) -> Option<Follow> {
        let data = cx.data;
        if let Some(delta) = delta(nav, cx.page_rows) {
            self.step(data, delta);
            return None;
        }
        match nav {
            NavAction::NextPane => self.cycle_pane(true),
            NavAction::PreviousPane => self.cycle_pane(false),
            NavAction::Open => return self.open(data),
            NavAction::Back if self.focus != Pane::List => self.focus = Pane::List,
            NavAction::Back if !self.query.is_empty() => {
                self.query.clear();
                self.refresh(data, None);
            }
            _ => {}
        }
        None
    }

    fn context(&self) -> Context {
        Context::Claims
    }

    fn count(&self, data: &Data) -> usize {
        data.dataset.claims.len()
    }

    /// For the status bar: which claim of the list.
    fn position(&self, data: &Data) -> String {
        if self.visible.is_empty() {
            "claim 0/0".to_string()
        } else {
            format!("claim {}/{}", self.cursor + 1, self.count_label(data))
        }
    }

    /// Where in the claims file the selected claim is declared.
    fn decl(&self, data: &Data) -> Option<usize> {
        self.selected().map(|c| data.dataset.claims[c].decl.start)
    }

    fn focus_list(&mut self) {
        self.focus = Pane::List;
    }

    /// The file was loaded again: the same claim by id if it is still
    /// listed.
    fn reload(&mut self, old: &Data, new: &Data) {
        let id = self.selected().map(|c| &old.dataset.claims[c].id);
        let keep = id.and_then(|id| new.dataset.claim_index(id));
        self.refresh(new, keep);
        self.link = 0;
    }
}

/// The claims the detail pane links to, in the order it lists them.
pub fn link_targets(data: &Data, claim: ClaimIx) -> Vec<ClaimIx> {
    detail_links(data, claim)
        .into_iter()
        .map(|link| link.other)
        .collect()
}

/// One link as the detail pane lists it.
pub struct DetailLink {
    /// How the link reads from the selected claim: "agrees with".
    pub title: &'static str,
    pub other: ClaimIx,
    pub relation: RelationIx,
}

/// The detail pane's links in the order it lists them: by kind (agreeing,
/// contradicting, then the others), a directional kind's outgoing links
/// before its incoming ones.
pub fn detail_links(data: &Data, claim: ClaimIx) -> Vec<DetailLink> {
    let relations = &data.dataset.relations;
    let mut links = Vec::new();
    for kind in RelationKind::ALL {
        for declaring in [true, false] {
            if !kind.is_directional() && !declaring {
                continue;
            }
            let title = match kind {
                RelationKind::Contradicts => "contradicted by",
                _ => kind.phrase(declaring).trim_start_matches("is "),
            };
            for &(other, relation) in data.dataset.graph.linked(claim, kind) {
                if kind.is_directional() && (relations[relation].from == claim) != declaring {
                    continue;
                }
                links.push(DetailLink {
                    title,
                    other,
                    relation,
                });
            }
        }
    }
    links
}
