//! Reading source documents safely: a path must stay inside the claims
//! file's directory, and a file that escapes it is never opened; only a
//! regular file of bounded size is read.

use std::fs;
use std::path::{Component, Path};

use super::encoding::utf16;
use super::file::{DOCUMENT_LIMIT, ReadError, read_regular};
use super::names::not_utf8_namesake;
use crate::diag::{Code, Diagnostic};
use crate::document::{Document, Format, cache, html};
use crate::pdf::PdfError;

/// The document, or the diagnostic saying why it cannot be used.
pub fn read_source(base: &Path, written: &str) -> Result<Document, Diagnostic> {
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
    let root = fs::canonicalize(base).map_err(|e| unreadable(written, &e))?;
    let resolved =
        fs::canonicalize(&joined).map_err(|e| match not_utf8_namesake(base, &root, path) {
            Some(name) => name_not_utf8(written, &name),
            None => unreadable(written, &e),
        })?;
    if !resolved.starts_with(&root) {
        return Err(escapes(written, "a symlink on the way points outside"));
    }
    let bytes = read_regular(&resolved, DOCUMENT_LIMIT).map_err(|e| refused(written, e))?;
    document_of(written, bytes)
}

/// The document file `written` holds, from its bytes: the text read as
/// its format says, or why it cannot be.
pub fn document_of(written: &str, bytes: Vec<u8>) -> Result<Document, Diagnostic> {
    let format = Format::of_path(written);
    if format == Format::Pdf {
        return read_pdf_cached(&bytes).map_err(|error| unreadable_pdf(written, &error));
    }
    if let Some(utf16) = utf16(&bytes) {
        return Err(Diagnostic::new(
            Code::SourceNotText,
            format!("source `{written}` is {}, not UTF-8", utf16.describe()),
        )
        .label("UTF-16 text")
        .help(format!(
            "convert it to UTF-8, from the claims file's directory: `{}`",
            utf16.convert_command(written)
        )));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Diagnostic::new(
            Code::SourceNotText,
            format!("source `{written}` is a binary file"),
        )
        .label("contains NUL bytes")
        .help("crux reads plain UTF-8 text; convert the document to text first"));
    }
    let charset = match format {
        Format::Html => crate::document::html::declared_charset(&bytes),
        Format::LightMarkup | Format::Pdf => None,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = crate::text::invalid_utf8_at(e.as_bytes(), valid).line;
        match charset.filter(|c| !matches!(c.as_str(), "utf-8" | "utf8")) {
            Some(charset) => Diagnostic::new(
                Code::SourceNotText,
                format!("source `{written}` is a web page in `{charset}`, which crux cannot read"),
            )
            .label(format!("declares charset `{charset}`; not UTF-8 at byte {valid} (line {line})"))
            .help(format!(
                "convert it to UTF-8, from the claims file's directory: `iconv -f {} -t UTF-8 {written} > {written}.utf8` (then point `path` at the new file; its charset declaration no longer matters)",
                charset.to_ascii_uppercase()
            )),
            None => Diagnostic::new(
                Code::SourceNotText,
                format!("source `{written}` is not valid UTF-8"),
            )
            .label(format!(
                "invalid UTF-8 at byte {valid} (line {line} of the document)"
            ))
            .help("re-save the document as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"),
        }
    })?;
    read_cached(format, text).map_err(|problem| unreadable_page(written, problem))
}

/// The document of `text`, its extraction taken from the cache when there.
fn read_cached(format: Format, text: String) -> Result<Document, html::Problem> {
    if format != Format::Html {
        return Document::new(format, text);
    }
    let dir = cache::directory();
    let cached = |d: &Path| cache::load(d, format, text.as_bytes());
    if let Some(extracted) = dir.as_deref().and_then(cached) {
        return Ok(Document::from_extracted(format, text, extracted));
    }
    let extracted = html::extract(&text)?;
    if let Some(dir) = dir {
        cache::store(&dir, format, text.as_bytes(), &extracted);
    }
    Ok(Document::from_extracted(format, text, extracted))
}

/// The document of a PDF's bytes, its extraction taken from the cache
/// when there.
fn read_pdf_cached(bytes: &[u8]) -> Result<Document, PdfError> {
    let dir = cache::directory();
    if let Some(extracted) = dir
        .as_deref()
        .and_then(|d| cache::load(d, Format::Pdf, bytes))
    {
        return Ok(Document::from_text_extraction(extracted));
    }
    let extracted = Document::pdf_extraction(bytes)?;
    if let Some(dir) = dir {
        cache::store(&dir, Format::Pdf, bytes, &extracted);
    }
    Ok(Document::from_text_extraction(extracted))
}

fn unreadable_pdf(written: &str, error: &PdfError) -> Diagnostic {
    let label = match error {
        PdfError::Encrypted => "encrypted",
        PdfError::NoTextLayer { .. } => "no text layer",
        PdfError::Damaged { .. } => "damaged",
        PdfError::TooLarge(_) => "too large",
    };
    Diagnostic::new(
        Code::SourceNotText,
        format!(
            "source `{written}` is an unreadable PDF: {}",
            error.message()
        ),
    )
    .label(label)
    .help(error.help())
}

fn unreadable_page(written: &str, problem: html::Problem) -> Diagnostic {
    match problem {
        html::Problem::NoText => Diagnostic::new(
            Code::SourceNotText,
            format!("source `{written}` is a web page with no text"),
        )
        .label("no text in the page")
        .help("the page may be filled in by scripts when shown: save it from the browser after it has loaded (\"Save page as\", \"Web page, complete\"), or save its text as a .txt file"),
        html::Problem::NoArticle => Diagnostic::new(
            Code::SourceNotText,
            format!("source `{written}` is a web page with no article found"),
        )
        .label("only menus, banners, footers and other page chrome")
        .help("save the article's own page rather than an index or a front page, or copy the article's text into a .txt file and quote that"),
    }
}

fn refused(written: &str, error: ReadError) -> Diagnostic {
    match error {
        ReadError::Io(e) => unreadable(written, &e),
        ReadError::NotRegular(kind) => Diagnostic::new(
            Code::SourceUnreadable,
            format!("source `{written}` {}; a source must be a file", error.what()),
        )
        .label(format!("{kind}, not a file"))
        .help("point `path` at a text file (crux does not read pipes, devices or directories, which may never end)"),
        ReadError::TooLarge { .. } => Diagnostic::new(
            Code::FileTooLarge,
            format!("source `{written}` {} for a document", error.what()),
        )
        .label("too large")
        .help("crux holds each document whole in memory; split the document into parts of a few MiB and quote each part as its own source"),
    }
}

fn name_not_utf8(written: &str, on_disk: &str) -> Diagnostic {
    Diagnostic::new(
        Code::SourceUnreadable,
        format!("source `{written}` names no file; the file there is named `{on_disk}`, which is not valid UTF-8"),
    )
    .label("name not valid UTF-8")
    .help("a claims file (UTF-8) cannot name it: rename the file to a UTF-8 name (e.g. `mv` it) and write that name here")
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
