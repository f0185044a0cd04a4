//! Changes crux writes into the hand-edited claims file.
//!
//! toml_edit's spanned parse says where a value (or a table's last key)
//! sits; a change is then a splice of those bytes alone. Letting
//! `DocumentMut` re-render the file instead would drop a UTF-8 BOM and turn
//! CRLF line endings into LF, and the reviewer's formatting must survive.
//! Every result is re-parsed to check it reads back as intended.
//!
//! [`Edit`] names one change; [`save`] is the one write path for all of
//! them: atomic, and checked against what is on disk now. [`History`]
//! carries a session of edits: their bases, their undos, a retry.

mod claim;
mod doc;
mod entries;
mod file;
mod follow;
mod history;
mod layout;
mod links;
mod quote;
mod reverse;
mod status;
mod text;
mod topic;

use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::model::{RelationKind, Status};

#[doc(hidden)]
pub use file::Fault;
#[cfg(feature = "test-hooks")]
pub use file::inject_fault;
pub(crate) use file::write_atomically_with;
pub use history::{Applied, Change, History};
pub use reverse::declare_reverse_link;
pub use status::set_status;
pub use topic::add_topic;

/// What [`save`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file's new content.
    pub text: String,
    /// The file had changed on disk and the edit was applied to that version.
    pub reapplied: bool,
    /// The file on disk already held what the edit makes: nothing was written.
    pub already_on_disk: bool,
}

#[derive(Debug)]
pub enum EditError {
    NoSuchClaim(String),
    /// The claims file is not valid TOML (toml_edit's message, with its place).
    Unparsable(String),
    /// The claim is written in a form this edit cannot change safely.
    Unsupported(String),
    /// What the edit changes was changed on disk too (or the file is gone
    /// or no longer text); the file is left alone and crux's version was
    /// written to `kept` instead.
    Conflict {
        kept: PathBuf,
    },
    Io(io::Error),
    /// The claims file's owner may not write it (`chmod u-w`): refused, as
    /// vim refuses, rather than rewritten.
    ReadOnly(PathBuf),
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
                "changed on disk meanwhile; crux's version is in {}: \
                 compare the two, then reload",
                kept.display()
            ),
            EditError::Io(e) => write!(
                f,
                "could not save the claims file: {e}; check the path and its permissions"
            ),
            EditError::ReadOnly(path) => write!(
                f,
                "{0} is read-only; make it writable (chmod u+w {0}) to save",
                crate::text::visible_line(&path.to_string_lossy())
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
    /// Adds a span after the claim's last one (spans written as an inline
    /// array only). Not undone: nothing in the review UI adds a span.
    AddSpan {
        claim: String,
        source: String,
        quote: String,
        prefix: Option<String>,
        suffix: Option<String>,
    },
    /// Replaces span `span` (0-based, in file order) of `claim`, with the
    /// line of its document the quote starts on (`line`), or none.
    SetQuote {
        claim: String,
        span: usize,
        quote: String,
        prefix: Option<String>,
        suffix: Option<String>,
        line: Option<usize>,
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
    /// `text` with this change made and nothing else touched: comments,
    /// blank lines, key order, quote styles, CRLF, a BOM and a missing final
    /// newline all stay. The result is checked to mean exactly the old file
    /// with this one change.
    pub fn apply(&self, text: &str) -> Result<String, EditError> {
        match self {
            Edit::SetStatus { claim, status } => set_status(text, claim, *status),
            Edit::SetText { claim, text: value } => {
                text::set_claim_string(text, claim, "text", Some(value))
            }
            Edit::SetNote { claim, note } => {
                text::set_claim_string(text, claim, "note", note.as_deref())
            }
            Edit::AddLink {
                claim,
                other,
                kind,
                note,
            } => links::add_link(text, claim, other, *kind, note.as_deref()),
            Edit::RemoveLink { claim, other, kind } => {
                links::remove_link(text, claim, other, *kind)
            }
            Edit::AddClaim(new) => claim::add_claim(text, new),
            Edit::RemoveClaim { claim, topic } => {
                claim::remove_claim(text, claim, topic.as_deref())
            }
            Edit::AddSpan {
                claim,
                source,
                quote,
                prefix,
                suffix,
            } => quote::add_span(
                text,
                claim,
                source,
                quote::NewQuote {
                    quote,
                    prefix: prefix.as_deref(),
                    suffix: suffix.as_deref(),
                },
            ),
            Edit::SetQuote {
                claim,
                span,
                quote,
                prefix,
                suffix,
                line,
            } => quote::set_quote(
                text,
                claim,
                *span,
                quote::NewQuote {
                    quote,
                    prefix: prefix.as_deref(),
                    suffix: suffix.as_deref(),
                },
                *line,
            ),
        }
    }

    /// What this edit changes, as it stands in `text` (`None` when the
    /// claim is absent or the file unreadable). [`save`] merges into an
    /// outside change only when it left this alone, or already made the
    /// same change.
    pub fn touched(&self, text: &str) -> Option<String> {
        if let Edit::SetStatus { claim, .. } = self {
            return status::status_in(text, claim);
        }
        let model = doc::model(text)?;
        let claim_of = |id: &str| doc::claim_in(&model, id);
        let key = |id: &str, key: &str| Some(format!("{:?}", claim_of(id)?.get(key)));
        match self {
            Edit::SetStatus { .. } => None,
            Edit::SetText { claim, .. } => key(claim, "text"),
            Edit::SetNote { claim, .. } => key(claim, "note"),
            Edit::AddLink { claim, other, .. } | Edit::RemoveLink { claim, other, .. } => Some(
                format!("{:?}", links::declared_between(&model, claim, other)),
            ),
            Edit::AddClaim(new) => {
                let topic = model.get("topics").and_then(|t| t.get(&new.topic));
                Some(format!("{:?} {topic:?}", claim_of(&new.id)))
            }
            Edit::RemoveClaim { claim: id, topic } => {
                // The topic goes too when no other claim uses it: an outside
                // edit of its question must not be lost with it.
                let topic = topic
                    .as_ref()
                    .map(|t| model.get("topics").and_then(|topics| topics.get(t)));
                Some(format!(
                    "{:?} {:?} {topic:?}",
                    claim_of(id),
                    links::linking_to(&model, id)
                ))
            }
            Edit::SetQuote { claim, span, .. } => Some(format!(
                "{:?}",
                claim_of(claim)?.get("spans")?.as_array()?.get(*span)
            )),
            Edit::AddSpan { claim, .. } => key(claim, "spans"),
        }
    }

    /// A short description for the status bar: `claim-id: confirmed`.
    pub fn describe(&self) -> String {
        match self {
            Edit::SetStatus { claim, status } => format!("{claim}: {}", status.as_str()),
            Edit::SetText { claim, .. } => format!("{claim}: text changed"),
            Edit::SetNote {
                claim,
                note: Some(_),
            } => format!("{claim}: note set"),
            Edit::SetNote { claim, note: None } => format!("{claim}: note removed"),
            Edit::AddLink {
                claim, other, kind, ..
            } => format!("linked {claim} ⟷ {other} ({})", kind.as_str()),
            Edit::RemoveLink { claim, other, kind } => {
                format!("unlinked {claim} ⟷ {other} ({})", kind.as_str())
            }
            Edit::AddClaim(new) if new.new_topic_question.is_some() => {
                format!("added claim {} and topic {}", new.id, new.topic)
            }
            Edit::AddClaim(new) => format!("added claim {}", new.id),
            Edit::RemoveClaim { claim, .. } => format!("removed claim {claim}"),
            Edit::SetQuote { claim, span, .. } => {
                format!("{claim}: quote {} replaced", span + 1)
            }
            Edit::AddSpan { claim, .. } => format!("{claim}: quote added"),
        }
    }

    /// The edit that undoes this one, given the file as it was before this
    /// one was applied; `None` when there is nothing to go back to (the
    /// claim is not in `before`, or the edit removed a whole claim).
    ///
    /// A removed link comes back at the end of its array, on the side it
    /// was declared on (the first side, when it was declared on both).
    pub fn inverse(&self, before: &str) -> Option<Edit> {
        let model = doc::model(before)?;
        let old = |id: &str, key: &str| -> Option<Option<String>> {
            let claim = doc::claim_in(&model, id)?;
            Some(claim.get(key).and_then(|v| v.as_str()).map(str::to_string))
        };
        Some(match self {
            Edit::SetStatus { claim, .. } => Edit::SetStatus {
                claim: claim.clone(),
                status: old(claim, "status")?
                    .and_then(|s| Status::parse(&s))
                    .unwrap_or_default(),
            },
            Edit::SetText { claim, .. } => Edit::SetText {
                claim: claim.clone(),
                text: old(claim, "text")??,
            },
            Edit::SetNote { claim, .. } => Edit::SetNote {
                claim: claim.clone(),
                note: old(claim, "note")?,
            },
            Edit::AddLink {
                claim, other, kind, ..
            } => Edit::RemoveLink {
                claim: claim.clone(),
                other: other.clone(),
                kind: *kind,
            },
            Edit::RemoveLink { claim, other, kind } => {
                let declared = links::declared_between(&model, claim, other);
                let link = declared.into_iter().find(|d| d.kind == *kind)?;
                Edit::AddLink {
                    claim: link.on,
                    other: link.other,
                    kind: link.kind,
                    note: link.note,
                }
            }
            Edit::AddClaim(new) => Edit::RemoveClaim {
                claim: new.id.clone(),
                topic: new.new_topic_question.as_ref().map(|_| new.topic.clone()),
            },
            Edit::RemoveClaim { .. } | Edit::AddSpan { .. } => return None,
            Edit::SetQuote { claim, span, .. } => {
                let span_table = doc::claim_in(&model, claim)?
                    .get("spans")?
                    .as_array()?
                    .get(*span)?
                    .as_table()?;
                let text = |key: &str| {
                    span_table
                        .get(key)
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                };
                Edit::SetQuote {
                    claim: claim.clone(),
                    span: *span,
                    quote: text("quote")?,
                    prefix: text("prefix"),
                    suffix: text("suffix"),
                    line: span_table
                        .get("line")
                        .and_then(|v| v.as_integer())
                        .and_then(|n| usize::try_from(n).ok()),
                }
            }
        })
    }
}

/// Atomic, conflict-checked save of one edit. `base` is the content of
/// `path` the edit was decided on: what crux last read or wrote when the
/// user asked for it (when a prompt opened, or, for an undo, right after
/// the save it undoes), even if the file was read again since.
///
/// If the file still holds `base`, the edit is written. If it changed on
/// disk, what the edit touches decides: unchanged from `base`, the edit is
/// applied to the disk version (`reapplied`); already as the edit makes it,
/// nothing is written (`already_on_disk`). Otherwise someone else changed
/// the same thing: the file is left alone, crux's version (the file on
/// disk with this edit made, so the two differ only there) goes to
/// `<file name>.crux-conflict` beside it, and the result is
/// [`EditError::Conflict`]. Writes go through a temporary file in the same
/// directory that is synced and renamed over the target; a symlink is
/// followed (the link stays a link) and the file's permissions are kept.
pub fn save(path: &Path, base: &str, edit: &Edit) -> Result<Saved, EditError> {
    let intended = edit.apply(base)?;
    save_intended(path, base, edit, intended)
}

/// [`save`] of `intended`, what `edit` makes of `base`.
fn save_intended(
    path: &Path,
    base: &str,
    edit: &Edit,
    intended: String,
) -> Result<Saved, EditError> {
    if file::holds(path, base)? {
        return replaced(path, intended);
    }
    let Some(disk) = file::read_if_text(path)? else {
        return keep_aside(path, &intended);
    };
    if disk == base {
        return replaced(path, intended);
    }
    let theirs = edit.touched(&disk);
    if theirs == edit.touched(&intended) {
        return Ok(Saved {
            text: disk,
            reapplied: true,
            already_on_disk: true,
        });
    }
    let ours = edit.apply(&disk);
    // Someone else changed the same thing: picking a winner is the reviewer's call.
    if theirs != edit.touched(base) {
        return keep_aside(path, ours.as_deref().unwrap_or(&intended));
    }
    let Ok(text) = ours else {
        return keep_aside(path, &intended);
    };
    file::replace(path, &text)?;
    Ok(Saved {
        text,
        reapplied: true,
        already_on_disk: false,
    })
}

/// Writes `intended` over the file, which holds the edit's base.
fn replaced(path: &Path, intended: String) -> Result<Saved, EditError> {
    file::replace(path, &intended)?;
    Ok(Saved {
        text: intended,
        reapplied: false,
        already_on_disk: false,
    })
}

/// Writes crux's version beside the claims file, which stays as it is.
fn keep_aside(path: &Path, ours: &str) -> Result<Saved, EditError> {
    let kept = file::conflict_path(path);
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    file::write_atomically(&kept, ours, permissions)?;
    Err(EditError::Conflict { kept })
}

/// [`save`] of one status change.
pub fn write_status(
    path: &Path,
    base: &str,
    claim_id: &str,
    status: Status,
) -> Result<Saved, EditError> {
    let edit = Edit::SetStatus {
        claim: claim_id.to_string(),
        status,
    };
    save(path, base, &edit)
}

/// [`write_status`] for a status the loader located at `value` in `base`.
/// While the file on disk still holds `base`, the change is a swap of that
/// one string literal, made without parsing the file twice as [`save`]
/// does; otherwise (or for a status written in another form) this is
/// [`save`], checked against the same `base`.
pub fn save_status_at(
    path: &Path,
    base: &str,
    claim_id: &str,
    status: Status,
    value: Range<usize>,
) -> Result<Saved, EditError> {
    let intended = status::replace_status_literal(base, value, status);
    save_located(path, base, claim_id, status, intended)
}

/// [`write_status`] for a claim without a status whose table's last value
/// the loader located at `last` in `base` (`Claim::status_after`): while
/// the file on disk still holds `base`, a `status` line is added after that
/// value's line as [`set_status`] adds it, without parsing the file;
/// otherwise this is [`save`], checked against the same `base`.
pub fn save_status_after(
    path: &Path,
    base: &str,
    claim_id: &str,
    status: Status,
    last: Range<usize>,
) -> Result<Saved, EditError> {
    let intended = status::insert_status_line(base, last, status);
    save_located(path, base, claim_id, status, intended)
}

/// `intended` (the located edit's result, if it could be made) written
/// while the file on disk holds `base`; else the general [`save`].
fn save_located(
    path: &Path,
    base: &str,
    claim_id: &str,
    status: Status,
    intended: Option<String>,
) -> Result<Saved, EditError> {
    let edit = Edit::SetStatus {
        claim: claim_id.to_string(),
        status,
    };
    match intended {
        Some(intended) => save_intended(path, base, &edit, intended),
        None => save(path, base, &edit),
    }
}
