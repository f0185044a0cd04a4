//! Carrying out the save effects ([`Effect::Apply`](super::effect::Effect::Apply),
//! `Undo`, `Retry`): the one place the review UI writes the claims file,
//! through the session's [`History`](crate::edit::History), and how the UI
//! follows.

use std::path::Path;

use super::app::App;
use crate::edit::{Applied, Edit, EditError};
use crate::shared_text::SharedText;

/// Saves `edit`, decided on `base` (the file's text it was decided on), and
/// updates `app`. A failure is shown in the status bar and kept retryable,
/// with the same base; it is also returned, for callers that want the
/// details.
pub fn apply(
    app: &mut App,
    path: &Path,
    edit: Edit,
    base: SharedText,
) -> Result<Applied, EditError> {
    let result = app.history.apply(path, edit, base, Some(&app.data.dataset));
    followed(app, result, false)
}

/// Undoes the newest saved change; `None` when there is none.
pub fn undo(app: &mut App, path: &Path) -> Option<Result<Applied, EditError>> {
    let result = app.history.undo(path, Some(&app.data.dataset))?;
    Some(followed(app, result, true))
}

/// Tries the change that could not be saved again; `None` when there is none.
pub fn retry(app: &mut App, path: &Path) -> Option<Result<Applied, EditError>> {
    let result = app.history.retry(path, Some(&app.data.dataset))?;
    Some(followed(app, result, false))
}

fn followed(
    app: &mut App,
    result: Result<Applied, EditError>,
    undoing: bool,
) -> Result<Applied, EditError> {
    match &result {
        Ok(applied) => app.saved(applied),
        Err(e) => app.not_saved(undoing, e),
    }
    result
}
