//! The claim list as far as it is known: a key lists the claims a screen
//! shows, and the rest is listed between keys ([`Claims::list_between_keys`])
//! or at once when something needs the whole list (the last claim, going
//! round, a count said to be exact).
//!
//! The list is always the first claims of the whole list, in display
//! order: `visible` holds those of the first `listed` claims of
//! `data.order` that the filter and search let through.

use std::time::{Duration, Instant};

use super::Claims;
use crate::ix::ClaimIx;
use crate::tui::data::Data;
use crate::tui::search::{Known, Work};

/// Claims listed past the cursor before a key's frame is drawn: more
/// than a screen holds.
pub const AHEAD: usize = 100;

/// Candidates the search judges between looks at the list.
const STEP: usize = 32;

/// How long a key may search for the rows of its frame when few claims
/// match; at least [`KEY_MIN_JUDGED`] candidates are judged first, so a
/// small list is always found whole.
const KEY_BUDGET: Duration = Duration::from_millis(5);
const KEY_MIN_JUDGED: usize = 512;

/// How often the count is redrawn while the list is completed between
/// keys, when nothing else on the screen changes.
const COUNT_EVERY: Duration = Duration::from_millis(250);

impl Claims {
    /// Whether every claim the filter and search let through is listed.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// How many claims are listed, "+" after it while more may come.
    pub fn count_label(&self, data: &Data) -> String {
        let more = if self.complete && !data.first_claims_only {
            ""
        } else {
            "+"
        };
        format!("{}{more}", self.visible.len())
    }

    /// The list starts again, empty.
    pub(super) fn relist(&mut self) {
        self.visible.clear();
        self.listed = 0;
        self.complete = false;
    }

    /// Lists the claims placed before `end` in display order, as the
    /// filter and `known` (what the search knows; `None`: no search)
    /// let them through.
    fn list_to(&mut self, data: &Data, known: Option<&Known>, end: usize) {
        let end = end.min(data.order.len()).max(self.listed);
        for &claim in &data.order[self.listed..end] {
            if known.is_none_or(|known| known.matches(claim))
                && self
                    .filter
                    .matches(&data.dataset, &data.dataset.graph, claim)
            {
                self.visible.push(claim);
            }
        }
        self.listed = end;
        self.complete = end == data.order.len();
    }

    /// Lists what the search knows, after a few more candidates are
    /// searched when it knows no more than is listed; everything when
    /// there is no search, as the filter alone costs little.
    fn list_a_few(&mut self, data: &Data) {
        let query = self.query.clone();
        let known = data.search.progress(&query, self.listed, Work::Next(STEP));
        let end = known.as_ref().map_or(data.order.len(), Known::end);
        self.list_to(data, known.as_ref(), end);
    }

    /// Lists until `enough` or the list is complete; with a `deadline`,
    /// until then once [`KEY_MIN_JUDGED`] candidates are judged.
    pub(super) fn list_until(
        &mut self,
        data: &Data,
        enough: impl Fn(&Claims) -> bool,
        deadline: Option<Instant>,
    ) {
        let mut judged = 0;
        while !self.complete && !enough(self) {
            if judged >= KEY_MIN_JUDGED && deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
            self.list_a_few(data);
            judged += STEP;
        }
    }

    /// Lists [`AHEAD`] claims past the cursor, or what a key's time
    /// finds of them.
    pub fn list_ahead(&mut self, data: &Data) {
        let deadline = Instant::now() + KEY_BUDGET;
        self.list_until(data, |c| c.visible.len() > c.cursor + AHEAD, Some(deadline));
    }

    /// Lists through the claim placed at `place` in display order: whether
    /// it is listed is then known.
    pub(super) fn list_through(&mut self, data: &Data, place: usize) {
        self.list_until(data, |c| c.listed > place, None);
    }

    /// Lists until the list holds position `position`, or is complete.
    pub fn list_to_position(&mut self, data: &Data, position: usize) {
        self.list_until(data, |c| c.visible.len() > position, None);
    }

    /// Lists every claim the filter and search let through.
    pub fn list_all(&mut self, data: &Data) {
        if self.complete {
            return;
        }
        let query = self.query.clone();
        let known = data.search.progress(&query, self.listed, Work::All);
        self.list_to(data, known.as_ref(), data.order.len());
    }

    /// Lists more for about `budget`, as the time between keys allows;
    /// whether a frame is due: the list is complete, or it grew while it
    /// held less than a screen past the cursor, or the count was last
    /// drawn a while ago.
    /// `key_waiting` is asked between blocks of the search: a key that
    /// came ends the slice.
    pub fn list_between_keys(
        &mut self,
        data: &Data,
        budget: Duration,
        key_waiting: &dyn Fn() -> bool,
    ) -> bool {
        let before = self.visible.len();
        let query = self.query.clone();
        let known = data.search.slice(&query, self.listed, budget, key_waiting);
        let end = known.as_ref().map_or(data.order.len(), Known::end);
        self.list_to(data, known.as_ref(), end);
        let grew_on_screen = before <= self.cursor + AHEAD && self.visible.len() > before;
        let count_due = self.counted.elapsed() >= COUNT_EVERY;
        let due = self.complete || grew_on_screen || count_due;
        if due {
            self.counted = Instant::now();
        }
        due
    }

    /// The position of the first claim `wanted` says yes to, going round
    /// the list from the cursor, forward or back; the cursor's own claim
    /// last when `or_cursor`. Lists only as far as the answer needs.
    pub fn round_from_cursor(
        &mut self,
        data: &Data,
        forward: bool,
        or_cursor: bool,
        wanted: impl Fn(ClaimIx) -> bool,
    ) -> Option<usize> {
        let start = self.cursor;
        if forward {
            let mut position = start + 1;
            loop {
                if let Some(&claim) = self.visible.get(position) {
                    if wanted(claim) {
                        return Some(position);
                    }
                    position += 1;
                } else if self.complete {
                    break;
                } else {
                    self.list_a_few(data);
                }
            }
            let last = if or_cursor { start + 1 } else { start };
            return (0..last.min(self.visible.len())).find(|&p| wanted(self.visible[p]));
        }
        if let Some(found) = (0..start.min(self.visible.len()))
            .rev()
            .find(|&p| wanted(self.visible[p]))
        {
            return Some(found);
        }
        self.list_all(data);
        let first = if or_cursor { start } else { start + 1 };
        (first..self.visible.len())
            .rev()
            .find(|&p| wanted(self.visible[p]))
    }
}
