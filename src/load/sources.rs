//! Reading source documents safely: a path must stay inside the claims
//! file's directory, and a file that escapes it is never opened.

use std::fs;
use std::path::{Component, Path};

use crate::diag::{Code, Diagnostic};

/// The document's text, or the diagnostic saying why it cannot be used.
pub fn read_source(base: &Path, written: &str) -> Result<String, Diagnostic> {
    let path = Path::new(written);
    if written.trim().is_empty() {
        return Err(Diagnostic::new(Code::EmptyValue, "source path is empty")
            .label("empty path")
            .help("give the document's path relative to the claims file, e.g. `path = \"seeds/article.txt\"`"));
    }
    if written.contains('\0') {
        return Err(
            Diagnostic::new(Code::InvalidValue, "source path contains a NUL character")
                .label("NUL in the path; the file was not read")
                .help("remove the `\\u0000` from the path"),
        );
    }
    if path.is_absolute()
        || written.starts_with('/')
        || written.starts_with('\\')
        || has_drive_prefix(written)
    {
        return Err(Diagnostic::new(
            Code::AbsolutePath,
            format!("source path `{written}` is absolute"),
        )
        .label("absolute path")
        .help("write the path relative to the claims file's directory so the project can move"));
    }
    if path.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(escapes(written, "it climbs out with `..`"));
    }
    let joined = base.join(path);
    let resolved = fs::canonicalize(&joined).map_err(|e| unreadable(written, &e))?;
    let root = fs::canonicalize(base).map_err(|e| unreadable(written, &e))?;
    if !resolved.starts_with(&root) {
        return Err(escapes(written, "a symlink on the way points outside"));
    }
    if resolved.is_dir() {
        return Err(Diagnostic::new(
            Code::SourceUnreadable,
            format!("source path `{written}` is a directory"),
        )
        .label("a directory, not a document")
        .help("point `path` at a text file"));
    }
    let bytes = fs::read(&resolved).map_err(|e| unreadable(written, &e))?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Diagnostic::new(
            Code::SourceNotText,
            format!("source `{written}` is a binary file"),
        )
        .label("contains NUL bytes")
        .help("crux reads plain UTF-8 text; convert the document to text first"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = crate::text::invalid_utf8_at(e.as_bytes(), valid).line;
        Diagnostic::new(
            Code::SourceNotText,
            format!("source `{written}` is not valid UTF-8"),
        )
        .label(format!(
            "invalid UTF-8 at byte {valid} (line {line} of the document)"
        ))
        .help("re-save the document as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)")
    })
}

fn has_drive_prefix(written: &str) -> bool {
    let bytes = written.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

fn escapes(written: &str, how: &str) -> Diagnostic {
    Diagnostic::new(
        Code::PathEscapes,
        format!("source path `{written}` leads outside the claims file's directory"),
    )
    .label(format!("{how}; the file was not read"))
    .help("keep documents in the claims file's directory or below it (copy them in)")
}

fn unreadable(written: &str, error: &std::io::Error) -> Diagnostic {
    let (what, help) = match error.kind() {
        std::io::ErrorKind::NotFound => (
            "does not exist".to_string(),
            "check the path; it is relative to the claims file's directory",
        ),
        std::io::ErrorKind::PermissionDenied => (
            "cannot be read (permission denied)".to_string(),
            "make the file readable (`chmod +r`)",
        ),
        _ => (
            format!("cannot be read ({error})"),
            "check that the file is readable",
        ),
    };
    Diagnostic::new(Code::SourceUnreadable, format!("source `{written}` {what}"))
        .label(what)
        .help(help)
}
