//! `crux init`: write a starting claims.toml for a folder of documents.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{InitArgs, display_path};
use crux::document::Document;
use crux::init::{Found, claims_toml};
use crux::load::{encoding, file};
use crux::text::visible_path;

const EXTENSIONS: [&str; 5] = ["txt", "md", "html", "htm", "pdf"];

pub(super) fn run(args: &InitArgs) -> ExitCode {
    let target = args.dir.join("claims.toml");
    if fs::symlink_metadata(&target).is_ok() {
        eprintln!(
            "error: {} already exists; crux init never overwrites it (move it aside, or edit it instead)",
            display_path(&target)
        );
        return ExitCode::from(2);
    }
    let mut paths = Vec::new();
    if let Err(e) = collect(&args.dir, &args.dir, &mut paths) {
        eprintln!("error: cannot read {}: {e}", display_path(&args.dir));
        return ExitCode::from(2);
    }
    paths.sort();
    let mut documents = Vec::new();
    for relative in paths {
        let shown = relative.join("/");
        let path = args.dir.join(relative.iter().collect::<PathBuf>());
        match read_document(&path, &shown) {
            Ok(document) => documents.push(Found {
                document,
                path: shown,
            }),
            Err(why) => warn_skipped(&shown, &why),
        }
    }
    let text = claims_toml(&documents);
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .and_then(|mut file| io::Write::write_all(&mut file, text.as_bytes()));
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", display_path(&target));
        return ExitCode::from(2);
    }
    eprintln!(
        "wrote {} with {} source(s); run `crux check {}` next",
        display_path(&target),
        documents.len(),
        display_path(&target)
    );
    ExitCode::SUCCESS
}

/// The document, or why it is left out.
fn read_document(path: &Path, shown: &str) -> Result<Document, String> {
    let bytes = file::read_regular(path, file::DOCUMENT_LIMIT).map_err(|e| e.what())?;
    if let Some(utf16) = encoding::utf16(&bytes) {
        return Err(format!(
            "it is {}, not UTF-8; convert it (`{}`) and add it to claims.toml",
            utf16.describe(),
            utf16.convert_command(&display_path(path))
        ));
    }
    crux::load::document_of(shown, bytes).map_err(|d| match d.help {
        Some(help) => format!("{}; {help}", d.message),
        None => d.message,
    })
}

fn warn_skipped(shown: &str, why: &str) {
    eprintln!(
        "warning: skipped {}: {}",
        crux::text::visible_line(shown),
        crux::text::visible_line(why)
    );
}

/// Every `.txt`, `.md`, `.html`, `.htm` and `.pdf` file under `dir`, as path components relative to
/// `root`; hidden entries and `target` folders are skipped. Only `root`
/// itself must be readable: a folder below it that is not is skipped with a
/// warning, as is a name claims.toml cannot hold.
fn collect(root: &Path, dir: &Path, out: &mut Vec<Vec<String>>) -> io::Result<()> {
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if dir == root => return Err(e),
        Err(e) => {
            let shown = format!("{}/", visible_path(&relative(dir)));
            warn_skipped(&shown, &format!("cannot read this folder ({})", why(&e)));
            return Ok(());
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let shown = format!("{}/", visible_path(&relative(dir)));
                warn_skipped(&shown, &format!("cannot list this folder ({})", why(&e)));
                return Ok(());
            }
        };
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                warn_skipped(&visible_path(&relative(&path)), &why(&e));
                continue;
            }
        };
        let is_document = kind.is_file()
            && path.extension().is_some_and(|e| {
                EXTENSIONS
                    .iter()
                    .any(|x| e.as_encoded_bytes() == x.as_bytes())
            });
        let Some(name) = name.to_str() else {
            if kind.is_dir() || is_document {
                let (shown, what) = if kind.is_dir() {
                    let shown = format!("{}/", visible_path(&relative(&path)));
                    (shown, "the documents in it")
                } else {
                    (visible_path(&relative(&path)), "it")
                };
                warn_skipped(
                    &shown,
                    &format!(
                        "its name is not valid UTF-8, so claims.toml (UTF-8 text) cannot name {what}; rename it to a UTF-8 name"
                    ),
                );
            }
            continue;
        };
        if kind.is_dir() {
            if name != "target" {
                collect(root, &path, out)?;
            }
        } else if is_document {
            out.push(
                relative(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect(),
            );
        }
    }
    Ok(())
}

fn why(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}
