//! `crux init`: write a starting claims.toml for a folder of documents.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{InitArgs, display_path};
use crux::init::{Document, claims_toml};

const EXTENSIONS: [&str; 2] = ["txt", "md"];

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
        match fs::read(args.dir.join(relative.iter().collect::<PathBuf>())) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => documents.push(Document { path: shown, text }),
                Err(_) => eprintln!(
                    "warning: skipped {}: not UTF-8 text",
                    crux::text::visible_line(&shown)
                ),
            },
            Err(e) => eprintln!("warning: skipped {}: {e}", crux::text::visible_line(&shown)),
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

/// Every `.txt` and `.md` file under `dir`, as path components relative to
/// `root`; hidden entries and `target` folders are skipped.
fn collect(root: &Path, dir: &Path, out: &mut Vec<Vec<String>>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if name != "target" {
                collect(root, &path, out)?;
            }
        } else if kind.is_file()
            && path
                .extension()
                .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().as_ref()))
        {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            out.push(
                relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect(),
            );
        }
    }
    Ok(())
}
