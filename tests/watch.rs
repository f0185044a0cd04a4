use std::fs;
use std::path::Path;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use crux::watch::{Changed, FileWatcher, content_differs};

/// Saves like an editor: a new file written beside the old one, then renamed over it.
fn save_by_rename(path: &Path, text: &str) {
    let temp = path.with_extension("toml.swp");
    fs::write(&temp, text).unwrap();
    fs::rename(&temp, path).unwrap();
}

#[test]
fn a_save_by_rename_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.toml");
    fs::write(&claims, "title = \"a\"\n").unwrap();
    let (_watcher, events) = FileWatcher::start(&claims, &[]).unwrap();

    save_by_rename(&claims, "title = \"b\"\n");
    let changed = events.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(
        changed,
        Changed {
            claims_file: true,
            sources: vec![]
        }
    );
}

#[test]
fn a_changed_source_is_reported_by_the_path_given() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.toml");
    fs::write(&claims, "").unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    let source = dir.path().join("docs").join("a.txt");
    let other = dir.path().join("docs").join("b.txt");
    fs::write(&source, "one").unwrap();
    fs::write(&other, "one").unwrap();
    let sources = [source.clone(), other];
    let (_watcher, events) = FileWatcher::start(&claims, &sources).unwrap();

    fs::write(&source, "two").unwrap();
    let changed = events.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(
        changed,
        Changed {
            claims_file: false,
            sources: vec![source]
        }
    );
}

#[test]
fn other_files_in_the_directory_are_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.toml");
    fs::write(&claims, "").unwrap();
    let (_watcher, events) = FileWatcher::start(&claims, &[]).unwrap();

    fs::write(dir.path().join("notes.txt"), "x").unwrap();
    fs::write(dir.path().join("claims.toml.crux-conflict"), "x").unwrap();
    save_by_rename(&dir.path().join("other.toml"), "x");
    assert_eq!(
        events.recv_timeout(Duration::from_secs(1)),
        Err(RecvTimeoutError::Timeout)
    );
}

#[test]
fn content_differs_compares_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.toml");
    fs::write(&claims, "a").unwrap();
    assert!(!content_differs(&claims, "a"));
    assert!(content_differs(&claims, "b"));
    assert!(content_differs(&dir.path().join("gone.toml"), "a"));
}

#[test]
fn a_save_by_crux_can_be_told_apart_by_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims.toml");
    let text = "[claims.a]\ntopic = \"t\"\n";
    fs::write(&claims, text).unwrap();
    let (_watcher, events) = FileWatcher::start(&claims, &[]).unwrap();

    let saved =
        crux::edit::write_status(&claims, text, "a", crux::model::Status::Confirmed).unwrap();
    let changed = events.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(changed.claims_file);
    assert!(!content_differs(&claims, &saved.text), "nothing to reload");
}
