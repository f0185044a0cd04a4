use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::model::RelationKind;
use crate::shared_text::SharedText;

const CLAIMS: &str = "\u{feff}# Harbour claims\r\n\
[topics.when]\r\n\
question = \"When did the harbour close?\"\r\n\
\r\n\
[claims.march]\r\n\
topic = \"when\"\r\n\
text = \"It closed in March.\"\r\n\
spans = []\r\n\
status = \"unreviewed\"\r\n\
\r\n\
[claims.april]\r\n\
topic = \"when\"\r\n\
text = \"It closed in April.\"   # by radio\r\n\
spans = []\r\n\
status = 'unreviewed'\r\n";

fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.toml");
    fs::write(&path, CLAIMS).unwrap();
    (dir, path)
}

fn disk(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

fn status(claim: &str, status: Status) -> Edit {
    Edit::SetStatus {
        claim: claim.into(),
        status,
    }
}

fn text(claim: &str, text: &str) -> Edit {
    Edit::SetText {
        claim: claim.into(),
        text: text.into(),
    }
}

#[test]
fn edits_are_undone_newest_first_back_to_the_very_bytes() {
    let (_dir, path) = project();
    let mut history = History::new();
    let mut base: SharedText = CLAIMS.into();
    let edits = [
        status("march", Status::Confirmed),
        text("april", "It closed in April 1921."),
        Edit::AddLink {
            claim: "april".into(),
            other: "march".into(),
            kind: RelationKind::Contradicts,
            note: Some("A month apart.".into()),
        },
        status("april", Status::Disputed),
    ];
    let mut after = vec![CLAIMS.to_string()];
    for edit in edits {
        let applied = history.apply(&path, edit, base, None).unwrap();
        assert_eq!(*applied.text, disk(&path));
        after.push(disk(&path));
        base = applied.text;
    }
    assert_eq!(history.undo_len(), 4);
    assert_eq!(
        history.next_undo().map(|u| (&u.edit, &*u.base)),
        Some((&status("april", Status::Unreviewed), &*after[4])),
        "the newest undo, checked against the file as its save left it"
    );
    for expected in after.iter().rev().skip(1) {
        let undone = history.undo(&path, None).unwrap().unwrap();
        assert_eq!(disk(&path), *expected);
        assert_eq!(*undone.text, *expected);
    }
    assert!(history.undo(&path, None).is_none(), "nothing left to undo");
    assert_eq!(fs::read(&path).unwrap(), CLAIMS.as_bytes());
}

#[test]
fn an_undo_is_not_itself_kept_to_undo() {
    let (_dir, path) = project();
    let mut history = History::new();
    history
        .apply(
            &path,
            status("march", Status::Confirmed),
            CLAIMS.into(),
            None,
        )
        .unwrap();
    history.undo(&path, None).unwrap().unwrap();
    assert_eq!(history.undo_len(), 0);
    assert!(history.undo(&path, None).is_none());
}

#[test]
fn a_status_the_loader_located_is_followed_in_place() {
    let (_dir, path) = project();
    let mut dataset = crate::load(&path);
    let mut history = History::new();
    let edit = status("march", Status::Rejected);
    let base = dataset.text.clone();
    let applied = history.apply(&path, edit, base, Some(&dataset)).unwrap();
    assert!(applied.follow(&mut dataset).is_none(), "no reload");
    assert_eq!(*dataset.text, disk(&path));
    assert!(
        SharedText::ptr_eq(&dataset.text, &applied.text),
        "one copy of the text"
    );
    let april = dataset.claim("april").unwrap();
    assert_eq!(&dataset.text[april.decl.clone()], "april", "ranges moved");
    assert_eq!(dataset.claim("march").unwrap().status, Status::Rejected);
    let undo = history.next_undo().unwrap();
    assert_eq!(undo.edit, status("march", Status::Unreviewed));
    assert!(
        SharedText::ptr_eq(&undo.base, &dataset.text),
        "the undo shares it too"
    );

    let undone = history.undo(&path, Some(&dataset)).unwrap().unwrap();
    assert!(undone.follow(&mut dataset).is_none());
    assert_eq!(*dataset.text, *CLAIMS);
    assert_eq!(dataset.claim("march").unwrap().status, Status::Unreviewed);
}

#[test]
fn anything_else_is_followed_by_loading_the_saved_text() {
    let (_dir, path) = project();
    let mut dataset = crate::load(&path);
    let mut history = History::new();
    let applied = history
        .apply(
            &path,
            text("march", "Closed in March."),
            dataset.text.clone(),
            Some(&dataset),
        )
        .unwrap();
    let reloaded = crate::load_str(&path, applied.follow(&mut dataset).expect("a fresh load"));
    assert_eq!(reloaded.claim("march").unwrap().text, "Closed in March.");
    assert_eq!(*reloaded.text, disk(&path));
    assert_eq!(*dataset.text, *CLAIMS, "left for the caller to replace");

    // A status change decided on another text than the one loaded is not
    // followed in place either.
    let applied = history
        .apply(
            &path,
            status("march", Status::Confirmed),
            reloaded.text.clone(),
            Some(&dataset),
        )
        .unwrap();
    let reloaded = crate::load_str(&path, applied.follow(&mut dataset).expect("a fresh load"));
    assert_eq!(reloaded.claim("march").unwrap().status, Status::Confirmed);
}

#[test]
fn a_change_already_on_disk_is_not_kept_to_undo() {
    let (_dir, path) = project();
    let theirs = CLAIMS.replace("\"unreviewed\"", "\"confirmed\"");
    fs::write(&path, &theirs).unwrap();
    let mut history = History::new();
    let applied = history
        .apply(
            &path,
            status("march", Status::Confirmed),
            CLAIMS.into(),
            None,
        )
        .unwrap();
    assert!(applied.already_on_disk);
    assert_eq!(*applied.text, theirs);
    assert!(
        history.next_undo().is_none(),
        "undoing it would undo theirs"
    );
}

#[test]
fn an_undo_after_an_outside_edit_elsewhere_is_made_on_top_of_it() {
    let (_dir, path) = project();
    let mut history = History::new();
    history
        .apply(
            &path,
            status("march", Status::Confirmed),
            CLAIMS.into(),
            None,
        )
        .unwrap();
    let theirs = disk(&path).replace("# by radio", "# by telegraph");
    fs::write(&path, &theirs).unwrap();
    let undone = history.undo(&path, None).unwrap().unwrap();
    assert!(undone.reapplied);
    assert_eq!(disk(&path), CLAIMS.replace("# by radio", "# by telegraph"));
}

#[test]
fn a_conflicting_undo_keeps_the_file_and_the_entry() {
    let (_dir, path) = project();
    let mut history = History::new();
    history
        .apply(
            &path,
            status("march", Status::Confirmed),
            CLAIMS.into(),
            None,
        )
        .unwrap();
    let before = history.next_undo().cloned();
    let theirs = disk(&path).replace("\"confirmed\"", "\"disputed\"");
    fs::write(&path, &theirs).unwrap();
    let Some(Err(EditError::Conflict { kept })) = history.undo(&path, None) else {
        panic!("a conflict expected");
    };
    assert_eq!(disk(&path), theirs, "their edit stays");
    assert_eq!(
        fs::read_to_string(kept).unwrap(),
        CLAIMS,
        "crux's version beside it"
    );
    assert_eq!(history.next_undo().cloned(), before, "to undo again");
    assert!(history.retryable().is_none(), "an undo is not retried by R");
}

#[test]
fn a_failed_edit_is_kept_to_retry_with_its_base() {
    let (_dir, path) = project();
    let mut history = History::new();
    assert!(history.retry(&path, None).is_none(), "nothing to try again");
    let edit = text("march", "Closed in March.");
    let theirs = CLAIMS.replace("It closed in March.", "Shut in March.");
    fs::write(&path, &theirs).unwrap();
    let result = history.apply(&path, edit.clone(), CLAIMS.into(), None);
    assert!(
        matches!(result, Err(EditError::Conflict { .. })),
        "{result:?}"
    );
    assert_eq!(
        history.retryable(),
        Some(&Change {
            edit: edit.clone(),
            base: CLAIMS.into(),
        })
    );
    assert!(history.next_undo().is_none());

    // Still in conflict: kept again, the file untouched.
    let again = history.retry(&path, None).unwrap();
    assert!(matches!(again, Err(EditError::Conflict { .. })));
    assert_eq!(disk(&path), theirs);
    assert!(history.retryable().is_some());

    // Their edit reverted: the retry goes through, and can be undone.
    fs::write(&path, CLAIMS).unwrap();
    history.retry(&path, None).unwrap().unwrap();
    assert!(disk(&path).contains("text = \"Closed in March.\""));
    assert!(history.retryable().is_none());
    assert_eq!(history.undo_len(), 1);
}

#[test]
fn saving_the_pending_edit_another_way_drops_the_retry() {
    let (_dir, path) = project();
    let mut history = History::new();
    let edit = status("march", Status::Confirmed);
    fs::remove_file(&path).unwrap();
    assert!(
        history
            .apply(&path, edit.clone(), CLAIMS.into(), None)
            .is_err()
    );
    assert!(history.retryable().is_some());
    fs::write(&path, CLAIMS).unwrap();
    history.apply(&path, edit, CLAIMS.into(), None).unwrap();
    assert!(history.retryable().is_none(), "saved: nothing to retry");
}
