//! The Timeline screen: claims by the time they are about, with the
//! documents' publication dates among them, one selected; `]` and `[` step
//! from one time to the next, Enter opens the claim (or the document),
//! `o` the claim's quote in its document.

use super::{Cx, Follow, Jump, Pane, ScreenState, Target, delta, moved};
use crate::ix::ClaimIx;
use crate::tui::action::NavAction;
use crate::tui::data::Data;
use crate::tui::keymap::Context;
use crate::tui::timeline::Row;

#[derive(Debug)]
pub struct Timeline {
    /// Index into `Data::timeline.stops`.
    pub cursor: usize,
    pub focus: Pane,
    /// Rows the passage is scrolled away from its quote.
    pub passage_scroll: isize,
}

impl Default for Timeline {
    fn default() -> Timeline {
        Timeline {
            cursor: 0,
            focus: Pane::List,
            passage_scroll: 0,
        }
    }
}

impl Timeline {
    /// The selected row.
    pub fn selected<'a>(&self, data: &'a Data) -> Option<&'a Row> {
        let timeline = &data.timeline;
        timeline.stops.get(self.cursor).map(|&r| &timeline.rows[r])
    }

    /// The selected claim, when a claim is selected.
    pub fn selected_claim(&self, data: &Data) -> Option<ClaimIx> {
        match self.selected(data)? {
            Row::Claim(claim) => Some(*claim),
            _ => None,
        }
    }

    fn select(&mut self, stop: usize) {
        if stop != self.cursor {
            self.cursor = stop;
            self.passage_scroll = 0;
        }
    }

    /// `]` / `[`: the first stop of the next (or previous) time or
    /// publication; whether there was one.
    pub fn step_moment(&mut self, data: &Data, forward: bool) -> bool {
        let timeline = &data.timeline;
        let n = timeline.stops.len();
        let found = if forward {
            (self.cursor + 1..n).find(|&s| timeline.starts_moment(s))
        } else {
            (0..self.cursor.min(n))
                .rev()
                .find(|&s| timeline.starts_moment(s))
        };
        match found {
            Some(stop) => {
                self.select(stop);
                true
            }
            None => false,
        }
    }

    /// `o`: the selected claim's first quote, in its document.
    pub fn quote(&self, data: &Data) -> Option<Follow> {
        let claim = self.selected_claim(data)?;
        let (source, placed) = data.nth_placed(claim, 0)?;
        let span = data
            .placed(source)
            .iter()
            .position(|p| p.claim == claim && p.span == placed.span);
        Some(Follow {
            from: Jump::Timeline(self.cursor),
            to: Target::Document { source, span },
        })
    }

    /// Back where a link was followed from.
    pub fn jump_back(&mut self, stop: usize, data: &Data) {
        self.cursor = stop.min(data.timeline.stops.len().saturating_sub(1));
        self.passage_scroll = 0;
    }
}

impl ScreenState for Timeline {
    fn navigate(&mut self, cx: &mut Cx, nav: NavAction) -> Option<Follow> {
        if let Some(delta) = delta(nav, cx.page_rows) {
            match self.focus {
                Pane::List => {
                    let stop = moved(self.cursor, delta, cx.data.timeline.stops.len());
                    self.select(stop);
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
                let from = Jump::Timeline(self.cursor);
                match self.selected(cx.data)? {
                    Row::Claim(claim) => Some(Follow::claim(from, *claim)),
                    Row::Published { source, .. } => Some(Follow {
                        from,
                        to: Target::Document {
                            source: *source,
                            span: None,
                        },
                    }),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn context(&self) -> Context {
        Context::Timeline
    }

    /// The claims that state a time.
    fn count(&self, data: &Data) -> usize {
        data.timeline.dated
    }

    /// For the status bar: the time the selection is under, and which stop.
    fn position(&self, data: &Data) -> String {
        let stops = data.timeline.stops.len();
        let at = format!("{}/{stops}", (self.cursor + 1).min(stops));
        match data.timeline.moment(self.cursor) {
            Some(Row::Time { label, .. }) => format!("{label} · {at}"),
            Some(Row::Published { date, .. }) => format!("published {date} · {at}"),
            _ if stops == 0 => "timeline 0/0".to_string(),
            _ => format!("undated · {at}"),
        }
    }

    /// Where in the claims file the selected claim or source is declared.
    fn decl(&self, data: &Data) -> Option<usize> {
        let dataset = &data.dataset;
        match self.selected(data)? {
            Row::Claim(claim) => Some(dataset.claims[*claim].decl.start),
            Row::Published { source, .. } => Some(dataset.sources[*source].decl.start),
            _ => None,
        }
    }

    fn focus_list(&mut self) {
        self.focus = Pane::List;
    }

    /// The file was loaded again: the same claim (or publication) by id,
    /// else the same place.
    fn reload(&mut self, old: &Data, new: &Data) {
        let id = |data: &Data, row: &Row| match row {
            Row::Claim(claim) => Some(("claim", data.dataset.claims[*claim].id.clone())),
            Row::Published { source, .. } => {
                Some(("source", data.dataset.sources[*source].id.clone()))
            }
            _ => None,
        };
        let kept = self.selected(old).and_then(|row| id(old, row));
        let timeline = &new.timeline;
        let found = kept.and_then(|kept| {
            timeline
                .stops
                .iter()
                .position(|&r| id(new, &timeline.rows[r]).as_ref() == Some(&kept))
        });
        self.cursor = found.unwrap_or(self.cursor.min(timeline.stops.len().saturating_sub(1)));
    }
}
