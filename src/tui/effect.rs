//! What `app::update` asks the outside world to do; `tui::run` carries it
//! out and reports back.

use crate::model::Status;
use crate::report::Format;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write one claim's status to the claims file.
    Save {
        claim: String,
        status: Status,
        /// The write restores an undone status: if it fails, the undo
        /// entry goes back on the stack.
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
