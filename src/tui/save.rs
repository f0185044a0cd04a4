//! Carrying out an [`Effect::Apply`](super::effect::Effect::Apply): the one
//! place the review UI writes the claims file, and how the UI follows.

use std::path::Path;

use super::app::{App, Change};
use crate::edit::{Edit, EditError, Saved};
use crate::model::Status;

/// Saves `edit`, checked against `base` (the file's text it was decided
/// on), and updates `app`: a status change to the file as shown is followed
/// in place; anything else (or an edit merged into an outside change)
/// reloads the file. A failure is shown in the status bar and kept
/// retryable, with the same base; it is also returned, for callers that
/// want the details.
pub fn apply(
    app: &mut App,
    path: &Path,
    edit: Edit,
    base: String,
    undoing: bool,
) -> Result<Saved, EditError> {
    let on_screen = base == app.dataset().text;
    let located = located_status(app, &edit).filter(|_| on_screen);
    // An undo is not itself undone: no inverse to work out for it.
    let undo = match &located {
        _ if undoing => None,
        // The loader read this status: no need to parse the file again.
        Some((claim, old, _)) => Some(Edit::SetStatus {
            claim: claim.clone(),
            status: *old,
        }),
        None => edit.inverse(&base),
    };
    let result = match (&edit, located) {
        (Edit::SetStatus { status, .. }, Some((claim, _, Some(value)))) => {
            crate::edit::save_status_at(path, &base, &claim, *status, value)
        }
        _ => crate::edit::save(path, &base, &edit),
    };
    match result {
        Ok(saved) => {
            // The file already held it, by someone else's hand: undoing it
            // would undo their change, not crux's.
            let undo = undo.filter(|_| !saved.already_on_disk);
            if on_screen && !saved.reapplied && matches!(edit, Edit::SetStatus { .. }) {
                app.status_saved(&edit, undo, saved.text.clone());
            } else {
                // The text just written, not a second read of the file.
                app.edit_saved(&edit, undo, crate::load_str(path, saved.text.clone()));
                if saved.already_on_disk {
                    app.say(format!("{} (already so on disk)", edit.describe()));
                } else if saved.reapplied {
                    app.say("saved onto the file as changed on disk");
                }
            }
            Ok(saved)
        }
        Err(e) => {
            app.edit_not_saved(Change { edit, base }, undoing, &e);
            Err(e)
        }
    }
}

/// For a status change: the claim's id, its status as loaded and where the
/// loader found that status's value in the file.
fn located_status(
    app: &App,
    edit: &Edit,
) -> Option<(String, Status, Option<std::ops::Range<usize>>)> {
    let Edit::SetStatus { claim, .. } = edit else {
        return None;
    };
    let loaded = app.dataset().claim(claim)?;
    Some((claim.clone(), loaded.status, loaded.status_value.clone()))
}
