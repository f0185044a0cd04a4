//! An editing session on one claims file: every change goes through
//! [`save`](super::save) with the text it was decided on, what undoes it is
//! worked out and kept, and a change that could not be saved is kept to try
//! again. Front ends (the review UI, `crux fix`) call this and follow the
//! text it returns; none of them decides an undo or a base itself.

mod stack;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::path::Path;

use super::{Edit, EditError, Saved};
use crate::model::{Dataset, Status};
use crate::shared_text::SharedText;
use stack::UndoStack;

/// An edit with the claims file's text it was decided on (its base: see
/// [`save`](super::save)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub edit: Edit,
    pub base: SharedText,
}

/// A saved edit, and how to follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub edit: Edit,
    /// The claims file's new content.
    pub text: SharedText,
    /// The file had changed on disk and the edit was applied to that version.
    pub reapplied: bool,
    /// The file on disk already held what the edit makes: nothing was written.
    pub already_on_disk: bool,
    base: SharedText,
    /// A status change to the very text loaded: the loaded dataset can
    /// follow it in place.
    in_place: bool,
    /// Where a status line added in place put its value.
    added_status: Option<Range<usize>>,
}

impl Applied {
    /// Brings `dataset` up to the saved file. A status change to the text
    /// `dataset` holds is made in place, its byte ranges moved past it,
    /// without reading the documents again: `None`. Anything else gives
    /// the saved text, for the caller to load afresh in place of `dataset`
    /// (with [`load_str`](crate::load_str), or its documents read later:
    /// not a second read of the claims file either way).
    pub fn follow(&self, dataset: &mut Dataset) -> Option<SharedText> {
        if !(self.in_place && same_text(&dataset.text, &self.base)) {
            return Some(self.text.clone());
        }
        let claim = match &self.edit {
            Edit::SetStatus { claim, status } => dataset.claim_index(claim).map(|i| (i, *status)),
            _ => None,
        };
        super::follow::follow_edit(dataset, self.text.clone());
        if let Some((index, status)) = claim {
            let claim = &mut dataset.claims[index];
            claim.status = status;
            if let Some(added) = &self.added_status {
                // The next change swaps this value.
                claim.status_value = Some(added.clone());
                claim.status_after = None;
            }
        }
        None
    }
}

/// The edits saved to one claims file, to undo them newest first, and the
/// last one that could not be saved, to try again.
#[derive(Debug, Default)]
pub struct History {
    undo: UndoStack,
    retry: Option<Change>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Saves `edit`, decided on `base`, to the claims file at `path`, and
    /// keeps what undoes it (unless the file already held the change: undoing
    /// that would undo someone else's edit). `loaded` is the dataset the
    /// caller holds, if any: when it was loaded from `base`, a status change
    /// it located is written without parsing the file. On failure the edit
    /// is kept for [`retry`](History::retry), with the same base.
    pub fn apply(
        &mut self,
        path: &Path,
        edit: Edit,
        base: SharedText,
        loaded: Option<&Dataset>,
    ) -> Result<Applied, EditError> {
        let change = Change { edit, base };
        let result = self.save(path, &change, loaded, true);
        if result.is_err() {
            self.retry = Some(change);
        }
        result
    }

    /// Saves the edit that undoes the newest saved one, checked against the
    /// file as that save left it, so an outside edit of the same value since
    /// is a conflict, never overwritten. `None`: nothing to undo. On failure
    /// the entry stays, to undo again.
    pub fn undo(
        &mut self,
        path: &Path,
        loaded: Option<&Dataset>,
    ) -> Option<Result<Applied, EditError>> {
        let change = self.undo.pop()?;
        let result = self.save(path, &change, loaded, false);
        if result.is_err() {
            self.undo.push(change);
        }
        Some(result)
    }

    /// Tries the edit that could not be saved again, with its base: after a
    /// conflict it succeeds only once the value on disk is back to that
    /// base. `None`: nothing to try again.
    pub fn retry(
        &mut self,
        path: &Path,
        loaded: Option<&Dataset>,
    ) -> Option<Result<Applied, EditError>> {
        let Change { edit, base } = self.retry.take()?;
        Some(self.apply(path, edit, base, loaded))
    }

    /// What [`undo`](History::undo) would save.
    pub fn next_undo(&self) -> Option<&Change> {
        self.undo.top()
    }

    /// How many saves can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// What [`retry`](History::retry) would save.
    pub fn retryable(&self) -> Option<&Change> {
        self.retry.as_ref()
    }

    fn save(
        &mut self,
        path: &Path,
        change: &Change,
        loaded: Option<&Dataset>,
        keep_undo: bool,
    ) -> Result<Applied, EditError> {
        let Change { edit, base } = change;
        let shown = loaded.is_some_and(|d| same_text(&d.text, base));
        let located = match loaded.filter(|_| shown) {
            Some(dataset) => located_status(dataset, edit),
            None => parsed_status(base, edit),
        };
        let undo = match &located {
            // An undo is not itself undone: no inverse to work out for it.
            _ if !keep_undo => None,
            // The loader read this status: no need to parse the file again.
            Some(status) => Some(Edit::SetStatus {
                claim: status.claim.clone(),
                status: status.old,
            }),
            None => edit.inverse(base),
        };
        let saved = match (edit, located.clone()) {
            (
                Edit::SetStatus { claim, status },
                Some(LocatedStatus {
                    value: Some(value), ..
                }),
            ) => super::save_status_at(path, base, claim, *status, value)?,
            (
                Edit::SetStatus { claim, status },
                Some(LocatedStatus {
                    after: Some(last), ..
                }),
            ) => super::save_status_after(path, base, claim, *status, last)?,
            _ => super::save(path, base, edit)?,
        };
        let Saved {
            text,
            reapplied,
            already_on_disk,
        } = saved;
        let text: SharedText = text.into();
        let added_status = match (edit, &located) {
            (
                Edit::SetStatus { status, .. },
                Some(LocatedStatus {
                    value: None,
                    after: Some(last),
                    ..
                }),
            ) if !reapplied => super::status::inserted_status_value(base, last.clone(), *status)
                .filter(|value| {
                    text.get(value.clone()) == Some(&format!("\"{}\"", status.as_str()))
                }),
            _ => None,
        };
        if let Some(undo) = undo.filter(|_| !already_on_disk) {
            self.undo.push(Change {
                edit: undo,
                base: text.clone(),
            });
        }
        if self.retry.as_ref().is_some_and(|r| r.edit == *edit) {
            self.retry = None;
        }
        Ok(Applied {
            edit: edit.clone(),
            text,
            reapplied,
            already_on_disk,
            base: base.clone(),
            in_place: shown && !reapplied && matches!(edit, Edit::SetStatus { .. }),
            added_status,
        })
    }
}

fn same_text(a: &SharedText, b: &SharedText) -> bool {
    SharedText::ptr_eq(a, b) || a == b
}

/// A status change's claim as loaded: its status and where the loader
/// found that status's value in the file, or, without one, the value a
/// status line goes after.
#[derive(Clone)]
struct LocatedStatus {
    claim: String,
    old: Status,
    value: Option<Range<usize>>,
    after: Option<Range<usize>>,
}

/// [`located_status`] for a caller that holds no dataset of `base`: one
/// parse of the file, not the three of the general edit (its place, the
/// check of the result, the undo).
fn parsed_status(base: &str, edit: &Edit) -> Option<LocatedStatus> {
    let Edit::SetStatus { claim, .. } = edit else {
        return None;
    };
    let place = crate::load::status_place(base, claim)?;
    Some(LocatedStatus {
        claim: claim.clone(),
        old: place.status,
        value: place.value,
        after: place.after,
    })
}

fn located_status(dataset: &Dataset, edit: &Edit) -> Option<LocatedStatus> {
    let Edit::SetStatus { claim, .. } = edit else {
        return None;
    };
    let loaded = dataset.claim(claim)?;
    Some(LocatedStatus {
        claim: claim.clone(),
        old: loaded.status,
        value: loaded.status_value.clone(),
        after: loaded.status_after.clone(),
    })
}
