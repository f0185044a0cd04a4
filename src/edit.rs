//! Writing a claim's review status back into the hand-edited claims file.
//!
//! toml_edit's spanned parse says where the status value (or the claim's
//! last key) sits; the change is then a splice of those bytes alone. Letting
//! `DocumentMut` re-render the file instead would drop a UTF-8 BOM and turn
//! CRLF line endings into LF, and the reviewer's formatting must survive.
//! Every result is re-parsed to check the claim now has the new status.

use std::fmt;
use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml_edit::{Document, InlineTable, Item, Table, TomlError, Value};

use crate::model::Status;
use crate::text::LineIndex;

/// What [`write_status`] did.
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
                "the claims file is not valid TOML ({message}); fix it, then set the status again"
            ),
            EditError::Unsupported(what) => write!(
                f,
                "cannot change the status safely: {what}; edit the claims file by hand"
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

/// Returns `text` with only claim `claim_id`'s status changed: the value
/// replaced in place if present (keeping its quote style, same-line comment
/// and surrounding whitespace), or a `status = "..."` line inserted in the
/// claim's table (after its last key line, before trailing blank lines and
/// comments, using the file's line ending) if absent. Works for
/// `[claims.id]` tables (quoted ids too), inline tables and dotted keys.
/// Nothing else in the file changes: comments, key order, blank lines, CRLF,
/// a UTF-8 BOM and a missing final newline all stay.
pub fn set_status(text: &str, claim_id: &str, status: Status) -> Result<String, EditError> {
    let doc = parse(text)?;
    let (range, replacement) = plan(text, &doc, claim_id, status)?;
    let mut out = String::with_capacity(text.len() + replacement.len());
    out.push_str(&text[..range.start]);
    out.push_str(&replacement);
    out.push_str(&text[range.end..]);
    let reread = parse(&out)
        .map_err(|e| EditError::Unsupported(format!("the edit would break the file ({e})")))?;
    if status_of(&reread, claim_id) != Some(status.as_str()) {
        return Err(EditError::Unsupported(format!(
            "claim `{claim_id}` would not read back as {}",
            status.as_str()
        )));
    }
    Ok(out)
}

fn parse(text: &str) -> Result<Document<&str>, EditError> {
    Document::parse(text).map_err(|e| unparsable(text, &e))
}

fn unparsable(text: &str, error: &TomlError) -> EditError {
    let message = error.message().trim();
    EditError::Unparsable(match error.span() {
        Some(span) => {
            let at = LineIndex::new(text).line_col(text, span.start);
            format!("line {}, column {}: {message}", at.line, at.col)
        }
        None => message.to_string(),
    })
}

fn claim<'d>(doc: &'d Document<&str>, claim_id: &str) -> Option<&'d Item> {
    doc.get("claims")?.get(claim_id)
}

fn status_of<'d>(doc: &'d Document<&str>, claim_id: &str) -> Option<&'d str> {
    claim(doc, claim_id)?.get("status")?.as_str()
}

/// The byte range to replace and what to put there.
fn plan(
    text: &str,
    doc: &Document<&str>,
    claim_id: &str,
    status: Status,
) -> Result<(Range<usize>, String), EditError> {
    let unsupported = |why: &str| Err(EditError::Unsupported(format!("claim `{claim_id}` {why}")));
    let Some(item) = claim(doc, claim_id) else {
        return Err(EditError::NoSuchClaim(claim_id.to_string()));
    };
    let existing = match item {
        Item::Table(t) => t.get("status").map(|i| i.as_value().and_then(Value::span)),
        Item::Value(Value::InlineTable(t)) => t.get("status").map(Value::span),
        _ => return unsupported("is not a table"),
    };
    if let Some(value) = existing {
        let Some(span) = value else {
            return unsupported("has a `status` that is not a plain value");
        };
        let replacement = quoted_like(&text[span.clone()], status);
        return Ok((span, replacement));
    }
    let line = format!("status = \"{}\"", status.as_str());
    match item {
        Item::Table(t) if !t.is_implicit() => {
            let header = t.span().expect("a parsed table header has a span");
            let (indent, after) = match last_value_in(t) {
                Some(last) => (indentation(text, last.start), last.end),
                None => ("", header.end),
            };
            Ok(insert_line(text, after, &format!("{indent}{line}")))
        }
        Item::Table(t) if t.is_dotted() => {
            let Some((key, value)) = t
                .iter()
                .filter_map(|(k, i)| Some((k, i.as_value()?.span()?)))
                .max_by_key(|(_, span)| span.end)
            else {
                return unsupported("has no key of its own to place `status` next to");
            };
            let key_start = t
                .key(key)
                .and_then(|k| k.span())
                .map_or(value.start, |s| s.start);
            // Repeat the dotted path as written (`a.`, `claims."odd id".`).
            let path = &text[line_start(text, key_start)..key_start];
            Ok(insert_line(text, value.end, &format!("{path}{line}")))
        }
        Item::Value(Value::InlineTable(t)) if !t.is_dotted() => Ok(insert_inline(t, &line)),
        _ => unsupported("has no table of its own to add `status` to"),
    }
}

/// The new status in the same kind of string as `old` (`"`, `'`, `"""`, `'''`).
fn quoted_like(old: &str, status: Status) -> String {
    let quote = ["'''", "\"\"\"", "'", "\""]
        .into_iter()
        .find(|q| old.starts_with(q))
        .unwrap_or("\"");
    format!("{quote}{}{quote}", status.as_str())
}

/// The span of the value that ends last in the table's own section: its
/// keys and dotted keys, not sub-tables declared under their own headers.
fn last_value_in(table: &Table) -> Option<Range<usize>> {
    table
        .iter()
        .filter_map(|(_, item)| match item {
            Item::Value(v) => v.span(),
            Item::Table(t) if t.is_dotted() => last_value_in(t),
            _ => None,
        })
        .max_by_key(|span| span.end)
}

fn line_start(text: &str, byte: usize) -> usize {
    text[..byte].rfind('\n').map_or(0, |i| i + 1)
}

fn indentation(text: &str, byte: usize) -> &str {
    let line = &text[line_start(text, byte)..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// Inserts `line` as a new line after the line holding byte `after`.
fn insert_line(text: &str, after: usize, line: &str) -> (Range<usize>, String) {
    let eol = line_ending(text);
    match text[after..].find('\n') {
        Some(i) => {
            let at = after + i + 1;
            (at..at, format!("{line}{eol}"))
        }
        // The last line has no line ending; the file keeps ending without one.
        None => (text.len()..text.len(), format!("{eol}{line}")),
    }
}

fn insert_inline(table: &InlineTable, entry: &str) -> (Range<usize>, String) {
    let last = table
        .iter()
        .filter_map(|(_, v)| v.span())
        .max_by_key(|span| span.end);
    match last {
        Some(span) => (span.end..span.end, format!(", {entry}")),
        None => {
            let open = table
                .span()
                .expect("a parsed inline table has a span")
                .start
                + 1;
            (open..open, format!(" {entry} "))
        }
    }
}

/// Atomic, conflict-checked save of one status change. `read_text` is the
/// content crux last read from `path`.
///
/// If the file still holds `read_text`, the edit is written. If it changed on
/// disk, the edit is applied to the disk version when that is unambiguous
/// (the claim is still there, and its status was not changed elsewhere) and
/// `reapplied` is set. Otherwise the file is left alone, crux's intended
/// version goes to `<file name>.crux-conflict` beside it, and the result is
/// [`EditError::Conflict`]. Writes go through a temporary file in the same
/// directory that is synced and renamed over the target; a symlink is
/// followed (the link stays a link) and the file's permissions are kept.
pub fn write_status(
    path: &Path,
    read_text: &str,
    claim_id: &str,
    status: Status,
) -> Result<Saved, EditError> {
    let on_disk = read_if_text(path)?;
    let intended = set_status(read_text, claim_id, status)?;
    if on_disk.as_deref() == Some(read_text) {
        replace_file(path, &intended)?;
        return Ok(Saved {
            text: intended,
            reapplied: false,
        });
    }
    if let Some(disk) = on_disk
        && let Some(text) = reapply(&disk, read_text, claim_id, status)
    {
        if text != disk {
            replace_file(path, &text)?;
        }
        return Ok(Saved {
            text,
            reapplied: true,
        });
    }
    let kept = conflict_path(path);
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    write_atomically(&kept, &intended, permissions)?;
    Err(EditError::Conflict { kept })
}

/// The file's text; `None` when it is gone or no longer UTF-8, both of
/// which count as changed on disk.
fn read_if_text(path: &Path) -> Result<Option<String>, EditError> {
    match fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8(bytes).ok()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn reapply(disk: &str, read_text: &str, claim_id: &str, status: Status) -> Option<String> {
    let (theirs, ours) = (
        Document::parse(disk).ok()?,
        Document::parse(read_text).ok()?,
    );
    let disk_status = status_of(&theirs, claim_id);
    // Someone else set this claim's status too; picking a winner is the reviewer's call.
    if disk_status != status_of(&ours, claim_id) && disk_status != Some(status.as_str()) {
        return None;
    }
    set_status(disk, claim_id, status).ok()
}

fn conflict_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".crux-conflict");
    path.with_file_name(name)
}

fn replace_file(path: &Path, text: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let permissions = fs::metadata(&target)?.permissions();
    write_atomically(&target, text, Some(permissions))
}

fn write_atomically(target: &Path, text: &str, permissions: Option<Permissions>) -> io::Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(target.file_name().unwrap_or_default());
    prefix.push(".");
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".crux-tmp")
        .tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    temp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable. The new content is already in place, so
/// a failure here is not worth failing the save over.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
