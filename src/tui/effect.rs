//! What `app::update` asks the outside world to do; `tui::run` carries it
//! out and reports back.

use crate::edit::Edit;
use crate::report::Format;

#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "a few effects per key press, each carried out at once"
)]
pub enum Effect {
    /// Make one change to the claims file.
    Apply {
        edit: Edit,
        /// The claims file's text the change was decided on: what the UI
        /// showed when the key was pressed or the dialog opened, or, for an
        /// undo, right after the save it undoes. An outside edit of the
        /// same value since then is a conflict, never overwritten.
        base: String,
        /// The edit undoes an earlier one: if it fails, it goes back on the
        /// undo stack.
        undoing: bool,
    },
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
