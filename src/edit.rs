//! Format-preserving edits of the claims file, and the one save path.
//!
//! toml_edit locates the value with its spans; the edit is then a splice of
//! those bytes, so by construction nothing else in the file moves: comments,
//! key order, blank lines, CRLF, a BOM and a missing final newline all stay.

use std::fmt;
use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml_edit::{Document, Item, Table, Value};

use crate::model::Status;

#[derive(Debug)]
pub enum EditError {
    NoSuchClaim(String),
    Unparsable(String),
    /// The claim is written in a shape crux does not rewrite (e.g. dotted keys).
    Unsupported(String),
    /// The file changed on disk in a way the edit cannot be re-applied to;
    /// the disk file is untouched and crux's version was written to `kept`.
    Conflict {
        kept: PathBuf,
    },
    Io(std::io::Error),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchClaim(id) => {
                write!(f, "no claim `{id}` in the file; reload and try again")
            }
            EditError::Unparsable(e) => write!(
                f,
                "the claims file does not parse ({e}); fix it, then retry"
            ),
            EditError::Unsupported(what) => write!(f, "{what}; set the status by hand (press e)"),
            EditError::Conflict { kept } => write!(
                f,
                "the file changed on disk and the edit no longer applies; your version was kept in {}",
                kept.display()
            ),
            EditError::Io(e) => write!(f, "could not save: {e}"),
        }
    }
}

impl std::error::Error for EditError {}

impl From<std::io::Error> for EditError {
    fn from(e: std::io::Error) -> Self {
        EditError::Io(e)
    }
}

/// `text` with only claim `claim_id`'s status changed: the value replaced in
/// place (same quote style) when present, else a `status = "..."` line added
/// at the end of the claim's table.
pub fn set_status(text: &str, claim_id: &str, status: Status) -> Result<String, EditError> {
    let document =
        Document::parse(text).map_err(|e| EditError::Unparsable(e.message().trim().to_string()))?;
    let claims = document
        .get("claims")
        .ok_or_else(|| EditError::NoSuchClaim(claim_id.to_string()))?;
    let claim = claims
        .get(claim_id)
        .ok_or_else(|| EditError::NoSuchClaim(claim_id.to_string()))?;
    let (range, replacement) = match claim {
        Item::Table(table) => match table.get("status") {
            Some(item) => replace_value(text, item.span(), status)?,
            None => append_to_table(text, table, claim_id, status)?,
        },
        Item::Value(Value::InlineTable(table)) => match table.get("status") {
            Some(value) => replace_value(text, value.span(), status)?,
            None => {
                let span = table.span().ok_or_else(|| unsupported(claim_id))?;
                let close = text[..span.end]
                    .rfind('}')
                    .ok_or_else(|| unsupported(claim_id))?;
                let insert_at = text[..close].trim_end().len();
                let separator = if table.is_empty() { " " } else { ", " };
                (
                    insert_at..insert_at,
                    format!("{separator}status = \"{}\"", status.as_str()),
                )
            }
        },
        _ => return Err(unsupported(claim_id)),
    };
    let mut edited = String::with_capacity(text.len() + replacement.len());
    edited.push_str(&text[..range.start]);
    edited.push_str(&replacement);
    edited.push_str(&text[range.end..]);
    Ok(edited)
}

fn unsupported(claim_id: &str) -> EditError {
    EditError::Unsupported(format!(
        "claim `{claim_id}` is written with dotted keys or an unusual layout"
    ))
}

/// The range of an existing status value and its replacement, keeping the
/// quote style.
fn replace_value(
    text: &str,
    span: Option<Range<usize>>,
    status: Status,
) -> Result<(Range<usize>, String), EditError> {
    let span =
        span.ok_or_else(|| EditError::Unsupported("the status value has no position".into()))?;
    let quote = if text[span.clone()].starts_with('\'') {
        "'"
    } else {
        "\""
    };
    Ok((span, format!("{quote}{}{quote}", status.as_str())))
}

/// An insertion point right after the table's last key line, with a new
/// `status = "..."` line in the file's own line ending and indentation.
fn append_to_table(
    text: &str,
    table: &Table,
    claim_id: &str,
    status: Status,
) -> Result<(Range<usize>, String), EditError> {
    if table.is_dotted() || table.is_implicit() {
        return Err(unsupported(claim_id));
    }
    let mut last_line_start = None;
    let mut last_end = None;
    for (key, item) in table.iter() {
        let Some((key, _)) = table.get_key_value(key) else {
            continue;
        };
        if let (Some(key_span), Some(item_span)) = (key.span(), item.span())
            && last_end.is_none_or(|end| item_span.end > end)
        {
            last_end = Some(item_span.end);
            last_line_start = Some(text[..key_span.start].rfind('\n').map_or(0, |i| i + 1));
        }
    }
    let header_end = table.span().map(|s| s.end);
    let (after, indent) = match (last_end, last_line_start) {
        (Some(end), Some(line)) => {
            let indent: String = text[line..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            (end, indent)
        }
        _ => (
            header_end.ok_or_else(|| unsupported(claim_id))?,
            String::new(),
        ),
    };
    let line_end = text[after..].find('\n').map_or(text.len(), |i| after + i);
    let insert_at = if line_end > 0 && text.as_bytes().get(line_end - 1) == Some(&b'\r') {
        line_end - 1
    } else {
        line_end
    };
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Ok((
        insert_at..insert_at,
        format!("{eol}{indent}status = \"{}\"", status.as_str()),
    ))
}

/// The result of a successful save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file's content after the save.
    pub text: String,
    /// The file had changed on disk and the edit was applied to that version.
    pub reapplied: bool,
}

/// Sets one claim's status in the file at `path`, atomically. `read_text`
/// is the content crux last read: when the disk differs, the edit is
/// re-applied to the disk version if it still applies; otherwise the disk
/// file is left alone and crux's version goes to `<file>.crux-conflict`.
pub fn write_status(
    path: &Path,
    read_text: &str,
    claim_id: &str,
    status: Status,
) -> Result<Saved, EditError> {
    let target = fs::canonicalize(path)?;
    let on_disk = fs::read_to_string(&target)?;
    if on_disk == read_text {
        let text = set_status(read_text, claim_id, status)?;
        atomic_write(&target, &text)?;
        return Ok(Saved {
            text,
            reapplied: false,
        });
    }
    match set_status(&on_disk, claim_id, status) {
        Ok(text) => {
            atomic_write(&target, &text)?;
            Ok(Saved {
                text,
                reapplied: true,
            })
        }
        Err(EditError::Io(e)) => Err(EditError::Io(e)),
        Err(_) => {
            let ours = set_status(read_text, claim_id, status)?;
            let mut name = target.file_name().unwrap_or_default().to_os_string();
            name.push(".crux-conflict");
            let kept = target.with_file_name(name);
            atomic_write(&kept, &ours)?;
            Err(EditError::Conflict { kept })
        }
    }
}

/// Temp file in the same directory, fsync, rename over `target`, keeping
/// the target's permissions. `target` must not be a symlink (callers
/// canonicalize), so a link to it stays a link.
fn atomic_write(target: &Path, text: &str) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    if let Ok(metadata) = fs::metadata(target) {
        fs::set_permissions(temp.path(), metadata.permissions())?;
    }
    temp.persist(target).map_err(|e| e.error)?;
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}
