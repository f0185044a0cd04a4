//! Renaming a claim, topic, source, party or period id: its table header
//! and every value that names it, in one edit, checked before it is
//! offered to mean the same file with only the id changed.

use std::collections::HashMap;

use lsp_types::{PrepareRenameResponse, TextEdit, Url, WorkspaceEdit};

use super::analysis::Analysis;
use super::index::{Index, Kind, Occurrence};
use crate::text::toml_string;

pub fn prepare(analysis: &Analysis, byte: usize) -> Option<PrepareRenameResponse> {
    let found = analysis.index().at(byte)?;
    analysis.index().declaration(found.kind, &found.id)?;
    let positions = analysis.positions();
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: positions.range(&found.inner),
        placeholder: found.id.clone(),
    })
}

pub fn rename(
    analysis: &Analysis,
    uri: &Url,
    byte: usize,
    new: &str,
) -> Result<WorkspaceEdit, String> {
    let found = analysis
        .index()
        .at(byte)
        .ok_or("put the cursor on a claim, topic, source, party or period id")?;
    let (kind, old) = (found.kind, found.id.as_str());
    if analysis.index().declaration(kind, old).is_none() {
        return Err(format!(
            "there is no {} `{old}` to rename: declare it first",
            kind.name()
        ));
    }
    if new.trim().is_empty() || new.chars().any(char::is_control) {
        return Err("an id must have visible characters and no control characters".into());
    }
    if new != old && analysis.index().declaration(kind, new).is_some() {
        return Err(format!("there is already a {} `{new}`", kind.name()));
    }
    let text: &str = &analysis.dataset.text;
    let mut splices: Vec<(std::ops::Range<usize>, String)> = analysis
        .index()
        .all(kind, old)
        .map(|o| splice(text, o, new))
        .collect();
    splices.sort_by_key(|(range, _)| range.start);
    check(analysis, kind, old, new, &splices)?;
    let positions = analysis.positions();
    let edits = splices
        .into_iter()
        .map(|(range, replacement)| TextEdit::new(positions.range(&range), replacement))
        .collect();
    Ok(WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    })
}

/// What replaces one occurrence: the id alone inside a value or key
/// written without escapes when the new id needs none there, else the
/// whole value or key, written anew.
fn splice(text: &str, o: &Occurrence, new: &str) -> (std::ops::Range<usize>, String) {
    let bare = !new.is_empty()
        && new
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let written = &text[o.span.clone()];
    if o.declaration && o.inner == o.span && !written.starts_with(['"', '\'']) {
        let key = if bare {
            new.to_string()
        } else {
            toml_string(new)
        };
        return (o.span.clone(), key);
    }
    let quote = written.chars().next().unwrap_or('"');
    let plain_inside = match quote {
        '\'' => !new.contains(['\'', '\n', '\r']),
        _ => toml_string(new) == format!("\"{new}\""),
    };
    if o.inner != o.span && plain_inside {
        (o.inner.clone(), new.to_string())
    } else {
        (o.span.clone(), toml_string(new))
    }
}

/// Refuses a rename that would not mean the same file with the id
/// changed: the id also written where the index does not see it (a
/// dotted key, say), or any other diagnostic appearing or going away.
fn check(
    analysis: &Analysis,
    kind: Kind,
    old: &str,
    new: &str,
    splices: &[(std::ops::Range<usize>, String)],
) -> Result<(), String> {
    let before = &analysis.dataset;
    let mut after_text = before.text.to_string();
    for (range, replacement) in splices.iter().rev() {
        after_text.replace_range(range.clone(), replacement);
    }
    let after = crate::load_str(&before.path, after_text);
    let index = Index::new(&after);
    let codes = |d: &crate::Dataset| {
        let mut codes: Vec<&str> = d.diagnostics.iter().map(|d| d.code.id()).collect();
        codes.sort_unstable();
        codes
    };
    let same = index.all(kind, new).count() == splices.len()
        && (new == old || index.all(kind, old).count() == 0)
        && codes(before) == codes(&after);
    if same {
        Ok(())
    } else {
        Err(format!(
            "cannot rename `{old}` safely: it is also written in a form crux does not rename (such as a dotted key); rename it by hand"
        ))
    }
}
