//! Changes crux writes into the hand-edited claims file.
//!
//! toml_edit's spanned parse says where a value (or a table's last key)
//! sits; a change is then a splice of those bytes alone. Letting
//! `DocumentMut` re-render the file instead would drop a UTF-8 BOM and turn
//! CRLF line endings into LF, and the reviewer's formatting must survive.
//! Every result is re-parsed to check it reads back as intended.
//!
//! [`Edit`] names one change; [`save`] is the one write path for all of
//! them: atomic, and checked against what is on disk now.

mod file;
mod layout;
mod status;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::{RelationKind, Status};

#[doc(hidden)]
pub use file::{Fault, inject_fault};
pub use status::set_status;

/// What [`save`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file's new content.
    pub text: String,
    /// The file had changed on disk and the edit was applied to that version.
    pub reapplied: bool,
}

#[derive(Debug)]
pub enum EditError {
    NoSuchClaim(String),
    /// The claims file is not valid TOML (toml_edit's message, with its place).
    Unparsable(String),
    /// The claim is written in a form this edit cannot change safely.
    Unsupported(String),
    /// The file changed on disk in a way the edit could not be merged into;
    /// the intended version was written to `kept` instead.
    Conflict {
        kept: PathBuf,
    },
    Io(io::Error),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchClaim(id) => write!(
                f,
                "there is no claim `{id}` in the claims file; reload it to see the current claims"
            ),
            EditError::Unparsable(message) => write!(
                f,
                "the claims file is not valid TOML ({message}); fix it, then try again"
            ),
            EditError::Unsupported(what) => write!(
                f,
                "cannot make this change safely: {what}; edit the claims file by hand"
            ),
            EditError::Conflict { kept } => write!(
                f,
                "the claims file changed on disk and the change could not be merged; \
                 crux's version is in {}: compare the two, then reload",
                kept.display()
            ),
            EditError::Io(e) => write!(
                f,
                "could not save the claims file: {e}; check the path and its permissions"
            ),
        }
    }
}

impl std::error::Error for EditError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EditError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for EditError {
    fn from(e: io::Error) -> Self {
        EditError::Io(e)
    }
}

/// One change to the claims file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    SetStatus {
        claim: String,
        status: Status,
    },
    SetText {
        claim: String,
        text: String,
    },
    /// `None` removes the note.
    SetNote {
        claim: String,
        note: Option<String>,
    },
    /// Declared on `claim`'s side.
    AddLink {
        claim: String,
        other: String,
        kind: RelationKind,
        note: Option<String>,
    },
    /// Removes the link between the two claims wherever it is declared
    /// (either side, or both).
    RemoveLink {
        claim: String,
        other: String,
        kind: RelationKind,
    },
    AddClaim(NewClaim),
    /// Removes a claim's table; with `topic`, also that topic's table when
    /// no other claim uses it (the undo of adding a claim with a new topic).
    RemoveClaim {
        claim: String,
        topic: Option<String>,
    },
    /// Replaces span `span` (0-based, in file order) of `claim`.
    SetQuote {
        claim: String,
        span: usize,
        quote: String,
        prefix: Option<String>,
        suffix: Option<String>,
    },
}

/// A claim to add, written inside its topic's group of claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClaim {
    pub id: String,
    pub topic: String,
    /// Set when the topic is new: its `[topics.<id>]` table is added too.
    pub new_topic_question: Option<String>,
    pub text: String,
    pub source: String,
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

impl Edit {
    /// `text` with this change made and nothing else touched.
    pub fn apply(&self, text: &str) -> Result<String, EditError> {
        match self {
            Edit::SetStatus { claim, status } => set_status(text, claim, *status),
            _ => Err(EditError::Unsupported(format!(
                "`{}` is not supported yet",
                self.describe()
            ))),
        }
    }

    /// What this edit changes, as it stands in `text` (`None` when absent
    /// or unreadable). [`save`] merges into an outside change only when it
    /// left this alone, or already made the same change.
    pub fn touched(&self, text: &str) -> Option<String> {
        match self {
            Edit::SetStatus { claim, .. } => status::status_in(text, claim),
            _ => None,
        }
    }

    /// A short description for messages: `claim-id: confirmed`.
    pub fn describe(&self) -> String {
        match self {
            Edit::SetStatus { claim, status } => format!("{claim}: {}", status.as_str()),
            other => format!("{other:?}"),
        }
    }
}

/// Atomic, conflict-checked save of one edit. `read_text` is the content
/// crux last read from `path`.
///
/// If the file still holds `read_text`, the edit is written. If it changed on
/// disk, the edit is applied to the disk version when that is unambiguous
/// (what the edit touches is unchanged there, or already changed the same
/// way) and `reapplied` is set. Otherwise the file is left alone, crux's
/// intended version goes to `<file name>.crux-conflict` beside it, and the
/// result is [`EditError::Conflict`]. Writes go through a temporary file in
/// the same directory that is synced and renamed over the target; a symlink
/// is followed (the link stays a link) and the file's permissions are kept.
pub fn save(path: &Path, read_text: &str, edit: &Edit) -> Result<Saved, EditError> {
    let on_disk = file::read_if_text(path)?;
    let intended = edit.apply(read_text)?;
    if on_disk.as_deref() == Some(read_text) {
        file::replace(path, &intended)?;
        return Ok(Saved {
            text: intended,
            reapplied: false,
        });
    }
    if let Some(disk) = on_disk
        && let Some(text) = reapply(&disk, read_text, &intended, edit)
    {
        if text != disk {
            file::replace(path, &text)?;
        }
        return Ok(Saved {
            text,
            reapplied: true,
        });
    }
    let kept = file::conflict_path(path);
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    file::write_atomically(&kept, &intended, permissions)?;
    Err(EditError::Conflict { kept })
}

/// [`save`] of one status change.
pub fn write_status(
    path: &Path,
    read_text: &str,
    claim_id: &str,
    status: Status,
) -> Result<Saved, EditError> {
    let edit = Edit::SetStatus {
        claim: claim_id.to_string(),
        status,
    };
    save(path, read_text, &edit)
}

fn reapply(disk: &str, read_text: &str, intended: &str, edit: &Edit) -> Option<String> {
    let theirs = edit.touched(disk);
    // Someone else changed the same thing; picking a winner is the reviewer's call.
    if theirs != edit.touched(read_text) && theirs != edit.touched(intended) {
        return None;
    }
    edit.apply(disk).ok()
}
