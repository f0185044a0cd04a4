//! Carrying out an [`Effect::Apply`](super::effect::Effect::Apply): the one
//! place the review UI writes the claims file, and how the UI follows.

use std::path::Path;

use super::app::App;
use crate::edit::{Edit, EditError, Saved};

/// Saves `edit` and updates `app`: a status change is followed in place;
/// anything else (or an edit merged into an outside change) reloads the
/// file. A failure is shown in the status bar and kept retryable; it is
/// also returned, for callers that want the details.
pub fn apply(app: &mut App, path: &Path, edit: Edit, undoing: bool) -> Result<Saved, EditError> {
    let before = app.dataset().text.clone();
    let (undo, result) = match &edit {
        Edit::SetStatus { claim, status } if let Some(loaded) = app.dataset().claim(claim) => {
            // The loader read this status and located its value: no need to
            // parse the file again for the undo or for the change.
            let undo = Edit::SetStatus {
                claim: claim.clone(),
                status: loaded.status,
            };
            let result = match loaded.status_value.clone() {
                Some(value) => crate::edit::save_status_at(path, &before, claim, *status, value),
                None => crate::edit::save(path, &before, &edit),
            };
            (Some(undo), result)
        }
        // An undo is not itself undone: no inverse to work out for it.
        _ => (
            (!undoing).then(|| edit.inverse(&before)).flatten(),
            crate::edit::save(path, &before, &edit),
        ),
    };
    let undo = undo.filter(|_| !undoing);
    match result {
        Ok(saved) => {
            if !saved.reapplied && matches!(edit, Edit::SetStatus { .. }) {
                app.status_saved(&edit, undo, saved.text.clone());
            } else {
                // The text just written, not a second read of the file.
                app.edit_saved(&edit, undo, crate::load_str(path, saved.text.clone()));
                if saved.reapplied {
                    app.say("saved onto the file as changed on disk");
                }
            }
            Ok(saved)
        }
        Err(e) => {
            app.edit_not_saved(edit, undoing, &e.to_string());
            Err(e)
        }
    }
}
