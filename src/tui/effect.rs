//! What `app::update` asks the outside world to do; `tui::run` carries it
//! out and reports back.

use crate::edit::Edit;
use crate::report::Format;
use crate::shared_text::SharedText;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Make one change to the claims file.
    Apply {
        edit: Edit,
        /// The claims file's text the change was decided on: what the UI
        /// showed when the key was pressed or the dialog opened. An outside
        /// edit of the same value since then is a conflict, never
        /// overwritten.
        base: SharedText,
    },
    /// Undo the newest saved change (see [`History::undo`](crate::edit::History::undo)).
    Undo,
    /// Try the change that could not be saved again (see
    /// [`History::retry`](crate::edit::History::retry)).
    Retry,
    /// Load the claims file and its documents again.
    Reload,
    /// Open the claims file in the user's editor at this 1-based line.
    OpenEditor {
        line: usize,
    },
    /// Write the report next to the claims file.
    Export(Format),
    Quit,
    /// Quit as an interrupted program does (Ctrl-C).
    Interrupt,
}
