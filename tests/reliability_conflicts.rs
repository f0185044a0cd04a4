//! An undo or a dialog's save never overwrites an outside edit of the value
//! it changes, even after the file watcher has reloaded that edit: the file
//! keeps the outside version, crux's goes to `claims.toml.crux-conflict`,
//! and the status bar says so. An outside edit of anything else still gets
//! the change made on top of it.
//!
//! The UI is driven as the event loop drives it: keys through the keymap
//! and `update`, each save through `save::apply`, and the watcher's reload
//! as the loop does it (`content_differs`, then `replace_dataset` of a
//! fresh load).

mod common;

use std::fs;
use std::path::PathBuf;

use common::keys::key_event;
use crux::model::Status;
use crux::tui::app::{App, update};
use crux::tui::effect::Effect;
use crux::tui::keymap::{Key, lookup};
use crux::watch::content_differs;

const CLAIMS: &str = "# Harbour claims\n\
[sources.gazette]\n\
path = \"gazette.txt\"\n\
\n\
[topics.when]\n\
question = \"When did the harbour close?\"\n\
\n\
[claims.march]\n\
topic = \"when\"\n\
text = \"It closed in March.\"\n\
spans = [{ source = \"gazette\", quote = \"closed in March\" }]\n\
status = \"unreviewed\"\n\
\n\
[claims.april]\n\
topic = \"when\"\n\
text = \"It closed in April.\"\n\
spans = [{ source = \"gazette\", quote = \"Or April\" }]\n\
note = \"By radio.\"\n\
contradicts = [{ claim = \"march\", note = \"A month apart.\" }]\n\
\n\
[claims.may]\n\
topic = \"when\"\n\
text = \"It reopened in May.\"\n\
spans = [{ source = \"gazette\", quote = \"reopened in May\" }]\n";

const GAZETTE: &str = "The harbour closed in March. Or April, by radio. It reopened in May. Ships waited at anchor.\n";

struct Session {
    _dir: Option<tempfile::TempDir>,
    path: PathBuf,
    app: App,
}

/// The review UI open on a fresh copy of the harbour project.
fn session() -> Session {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("gazette.txt"), GAZETTE).unwrap();
    let path = dir.path().join("claims.toml");
    fs::write(&path, CLAIMS).unwrap();
    let app = App::new(crux::load(&path));
    Session {
        _dir: Some(dir),
        path,
        app,
    }
}

impl Session {
    /// A second crux on the same file, opened now.
    fn second_crux(&self) -> Session {
        Session {
            _dir: None,
            path: self.path.clone(),
            app: App::new(crux::load(&self.path)),
        }
    }

    /// Types `typed` (see [`key_event`]), carrying out
    /// each key's saves before the next key, as the event loop does.
    fn keys(&mut self, typed: &str) {
        for c in typed.chars() {
            let key = Key::from_event(&key_event(c));
            let Some(action) = lookup(self.app.context(), key) else {
                continue;
            };
            for effect in update(&mut self.app, action) {
                let (app, path) = (&mut self.app, &self.path);
                match effect {
                    Effect::Apply { edit, base } => {
                        let _ = crux::tui::save::apply(app, path, edit, base);
                    }
                    Effect::Undo => {
                        crux::tui::save::undo(app, path);
                    }
                    Effect::Retry => {
                        crux::tui::save::retry(app, path);
                    }
                    other => panic!("only saves expected, got {other:?}"),
                }
            }
        }
    }

    fn select(&mut self, id: &str) {
        let index = self.app.dataset().claim_index(id).unwrap();
        self.app.select_claim(index);
    }

    /// Someone else's editor writes the claims file, and the watcher picks
    /// it up as the event loop does.
    fn outside_edit(&mut self, change: impl FnOnce(&str) -> String) -> String {
        let theirs = change(&self.disk());
        fs::write(&self.path, &theirs).unwrap();
        self.watcher_reload();
        theirs
    }

    fn watcher_reload(&mut self) {
        assert!(
            content_differs(&self.path, &self.app.dataset().text),
            "the loop reloads only a file that differs from what it holds"
        );
        self.app.replace_dataset(crux::load(&self.path));
        assert_eq!(*self.app.dataset().text, self.disk());
    }

    fn disk(&self) -> String {
        fs::read_to_string(&self.path).unwrap()
    }

    fn conflict_file(&self) -> PathBuf {
        self.path.with_file_name("claims.toml.crux-conflict")
    }

    /// crux's version, kept beside the file.
    fn kept(&self) -> String {
        fs::read_to_string(self.conflict_file()).expect("a conflict file")
    }

    fn message(&self) -> (String, bool) {
        let message = self.app.message.clone().expect("a status bar message");
        (message.text, message.is_error)
    }

    /// The status bar reports a conflict: what was not done, and where
    /// crux's version is.
    fn assert_conflict_reported(&self, not_done: &str) {
        let (text, is_error) = self.message();
        assert!(is_error, "{text}");
        assert!(text.starts_with(not_done), "{text}");
        assert!(text.contains("changed on disk"), "{text}");
        assert!(text.contains("claims.toml.crux-conflict"), "{text}");
        assert!(text.contains("compare the two, then reload"), "{text}");
    }

    fn status_of(&self, id: &str) -> Status {
        self.app.dataset().claim(id).unwrap().status
    }
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} once in\n{text}");
    text.replacen(from, to, 1)
}

// ── Undo of a status ────────────────────────────────────────────────────

#[test]
fn undo_after_an_outside_edit_of_the_same_status_keeps_that_edit() {
    let mut s = session();
    s.select("march");
    s.keys("a");
    assert_eq!(s.message().0, "march: confirmed (saved)");
    let theirs =
        s.outside_edit(|t| replace_once(t, "status = \"confirmed\"", "status = \"disputed\""));
    assert_eq!(
        s.status_of("march"),
        Status::Disputed,
        "the UI shows theirs"
    );

    s.keys("U");
    assert_eq!(s.disk(), theirs, "the outside status stays");
    assert_eq!(
        s.kept(),
        replace_once(&theirs, "\"disputed\"", "\"unreviewed\""),
        "crux's version: theirs with the undo made"
    );
    s.assert_conflict_reported("not undone");
    assert_eq!(s.status_of("march"), Status::Disputed);
    assert_eq!(s.app.history.undo_len(), 1, "the undo stays to try again");

    s.keys("U");
    assert_eq!(s.disk(), theirs, "trying again does not overwrite either");
    s.assert_conflict_reported("not undone");
}

#[test]
fn undo_after_a_second_crux_changed_the_same_status_keeps_its_change() {
    let mut first = session();
    first.select("march");
    first.keys("a");
    let mut second = first.second_crux();
    second.select("march");
    second.keys("r");
    assert_eq!(second.message().0, "march: rejected (saved)");
    let theirs = first.disk();
    first.watcher_reload();

    first.keys("U");
    assert_eq!(first.disk(), theirs);
    assert!(theirs.contains("status = \"rejected\""));
    assert_eq!(
        first.kept(),
        replace_once(&theirs, "\"rejected\"", "\"unreviewed\"")
    );
    first.assert_conflict_reported("not undone");
}

#[test]
fn undo_after_an_unrelated_outside_edit_is_made_on_top_of_it() {
    let mut s = session();
    s.select("march");
    s.keys("a");
    let theirs = s.outside_edit(|t| replace_once(t, "It closed in April.", "April, by radio."));

    s.keys("U");
    assert_eq!(
        s.disk(),
        replace_once(&theirs, "\"confirmed\"", "\"unreviewed\"")
    );
    assert!(!s.conflict_file().exists());
    assert!(!s.message().1, "{:?}", s.message());
    assert_eq!(s.status_of("march"), Status::Unreviewed);
    assert_eq!(s.app.history.undo_len(), 0);
}

#[test]
fn undo_after_the_outside_set_the_same_value_writes_nothing() {
    let mut s = session();
    s.select("march");
    s.keys("a");
    // Back to unreviewed, in their own quoting.
    let theirs = s.outside_edit(|t| replace_once(t, "\"confirmed\"", "'unreviewed'"));

    s.keys("U");
    assert_eq!(s.disk(), theirs, "byte for byte: nothing written");
    assert!(!s.conflict_file().exists());
    assert_eq!(
        s.message(),
        ("march: unreviewed (already so on disk)".to_string(), false)
    );
    assert_eq!(s.app.history.undo_len(), 0, "the undo is done");
}

#[test]
fn a_status_already_set_on_disk_is_not_written_nor_undone() {
    let mut s = session();
    s.select("march");
    // Written before the watcher has reported it.
    let theirs = replace_once(&s.disk(), "\"unreviewed\"", "'confirmed'");
    fs::write(&s.path, &theirs).unwrap();

    s.keys("a");
    assert_eq!(s.disk(), theirs, "nothing written");
    assert_eq!(
        s.message(),
        ("march: confirmed (already so on disk)".to_string(), false)
    );
    assert_eq!(s.status_of("march"), Status::Confirmed);
    s.keys("U");
    assert_eq!(s.message(), ("nothing to undo".to_string(), false));
    assert_eq!(s.disk(), theirs, "their confirmation is theirs to undo");
}

#[test]
fn two_undos_after_an_unrelated_outside_edit_both_apply() {
    let mut s = session();
    s.select("march");
    s.keys("a");
    s.select("april");
    s.keys("d");
    let theirs = s.outside_edit(|t| t.replace("# Harbour claims", "# Harbour claims, checked"));

    s.keys("UU");
    let expected = replace_once(&theirs, "\"confirmed\"", "\"unreviewed\"");
    let expected = replace_once(&expected, "\"disputed\"", "\"unreviewed\"");
    assert_eq!(s.disk(), expected);
    assert!(!s.conflict_file().exists());
    assert_eq!(s.app.history.undo_len(), 0);
}

#[test]
fn the_second_of_two_undos_conflicts_alone() {
    let mut s = session();
    s.select("march");
    s.keys("a");
    s.select("april");
    s.keys("d");
    let theirs =
        s.outside_edit(|t| replace_once(t, "status = \"confirmed\"", "status = \"rejected\""));

    s.keys("U");
    let april_undone = replace_once(&theirs, "\"disputed\"", "\"unreviewed\"");
    assert_eq!(s.disk(), april_undone, "the first undo is made");
    s.keys("U");
    assert_eq!(s.disk(), april_undone, "march stays rejected");
    assert_eq!(
        s.kept(),
        replace_once(&april_undone, "\"rejected\"", "\"unreviewed\""),
        "crux's version keeps the first undo"
    );
    s.assert_conflict_reported("not undone");
}

// ── A write the watcher has not reported yet ────────────────────────────

impl Session {
    /// Another editor rewrites the file in place just before a save, to the
    /// same length, and puts its modification time back (as `touch -r` or
    /// a copy that keeps times does): only the content says it changed.
    fn unseen_write_of_same_length(&self, change: impl FnOnce(&str) -> String) -> String {
        let before = fs::metadata(&self.path).unwrap();
        let theirs = change(&self.disk());
        assert_eq!(theirs.len() as u64, before.len(), "the same length");
        fs::write(&self.path, &theirs).unwrap();
        let file = fs::File::options().write(true).open(&self.path).unwrap();
        file.set_modified(before.modified().unwrap()).unwrap();
        let after = fs::metadata(&self.path).unwrap();
        assert_eq!(after.modified().unwrap(), before.modified().unwrap());
        theirs
    }
}

#[test]
fn a_status_key_after_an_unseen_same_length_edit_of_that_status_keeps_it() {
    let mut s = session();
    s.select("march");
    s.keys("d");
    assert_eq!(s.message().0, "march: disputed (saved)");
    let theirs = s.unseen_write_of_same_length(|t| replace_once(t, "\"disputed\"", "\"rejected\""));

    s.keys("a");
    assert_eq!(s.disk(), theirs, "their status stays");
    assert_eq!(
        s.kept(),
        replace_once(&theirs, "\"rejected\"", "\"confirmed\"")
    );
    s.assert_conflict_reported("not saved");
}

#[test]
fn a_status_key_after_an_unseen_same_length_edit_elsewhere_keeps_both() {
    let mut s = session();
    s.select("may");
    s.keys("d");
    let theirs = s.unseen_write_of_same_length(|t| {
        replace_once(t, "It closed in March.", "It closed in MARCH.")
    });

    // `may` had no status line: the one saved is swapped in place.
    s.keys("a");
    assert_eq!(
        s.disk(),
        replace_once(&theirs, "\"disputed\"", "\"confirmed\"")
    );
    assert!(!s.conflict_file().exists());
    assert_eq!(
        s.message(),
        ("saved onto the file as changed on disk".to_string(), false)
    );
}

#[test]
fn adding_a_status_line_after_an_unseen_same_length_edit_keeps_it() {
    let mut s = session();
    s.select("may");
    let theirs = s.unseen_write_of_same_length(|t| {
        replace_once(
            t,
            "quote = \"reopened in May\"",
            "quote = \"reopened in JUN\"",
        )
    });

    s.keys("r");
    let ours = s.disk();
    assert!(ours.contains("reopened in JUN"), "{ours}");
    assert_eq!(
        ours,
        replace_once(
            &theirs,
            "quote = \"reopened in JUN\" }]\n",
            "quote = \"reopened in JUN\" }]\nstatus = \"rejected\"\n"
        )
    );
    assert_eq!(
        s.message(),
        ("saved onto the file as changed on disk".to_string(), false)
    );
}

// ── Undo of a new claim ─────────────────────────────────────────────────

/// Makes the claim `ships` from "Ships waited at anchor" in the reader,
/// on the topic `when` or on a new topic; returns the file as saved.
fn add_ships_claim(s: &mut Session, new_topic: bool) -> String {
    s.keys("3\n/Ships waited\nv/anchor\nc");
    if new_topic {
        s.keys("↓\nDid ships wait?\n\x15waiting\n");
    } else {
        s.keys("when\n");
    }
    s.keys("\x15Ships waited at anchor.\n\x15ships\n");
    let (message, is_error) = s.message();
    assert!(!is_error && message.ends_with("(saved)"), "{message}");
    assert!(s.app.dataset().claim("ships").is_some());
    s.disk()
}

#[test]
fn undo_of_a_new_claim_after_an_unrelated_comment_removes_it() {
    let mut s = session();
    add_ships_claim(&mut s, false);
    s.outside_edit(|t| t.replace("# Harbour claims\n", "# Harbour claims\n# Seen.\n"));

    s.keys("U");
    assert_eq!(
        s.disk(),
        CLAIMS.replace("# Harbour claims\n", "# Harbour claims\n# Seen.\n")
    );
    assert!(!s.conflict_file().exists());
    assert!(s.app.dataset().claim("ships").is_none());
}

#[test]
fn undo_of_a_new_claim_someone_edited_keeps_the_claim() {
    let mut s = session();
    add_ships_claim(&mut s, false);
    let theirs = s.outside_edit(|t| {
        replace_once(
            t,
            "text = \"Ships waited at anchor.\"",
            "text = \"Ships waited.\"",
        )
    });

    s.keys("U");
    assert_eq!(s.disk(), theirs, "their claim stays");
    assert_eq!(
        s.kept(),
        CLAIMS,
        "crux's version: theirs without the claim, which is all of theirs"
    );
    s.assert_conflict_reported("not undone");
    assert_eq!(
        s.app.dataset().claim("ships").unwrap().text,
        "Ships waited."
    );
}

#[test]
fn undo_of_a_new_claim_keeps_an_outside_edit_of_its_new_topic() {
    let mut s = session();
    let saved = add_ships_claim(&mut s, true);
    assert!(saved.contains("[topics.waiting]\nquestion = \"Did ships wait?\"\n"));
    let theirs =
        s.outside_edit(|t| replace_once(t, "\"Did ships wait?\"", "\"Did ships wait at anchor?\""));

    s.keys("U");
    assert_eq!(s.disk(), theirs, "the topic and its claim stay");
    s.assert_conflict_reported("not undone");
    let kept = s.kept();
    assert!(
        !kept.contains("waiting"),
        "crux's version removes both:\n{kept}"
    );
}

// ── Dialogs: the value when the prompt opened is the base ───────────────

#[test]
fn a_text_edited_on_disk_while_its_prompt_was_open_is_kept() {
    let mut s = session();
    s.select("march");
    s.keys("t\x15It shut in March.");
    let theirs =
        s.outside_edit(|t| replace_once(t, "\"It closed in March.\"", "\"It closed on 3 March.\""));

    s.keys("\n");
    assert_eq!(s.disk(), theirs, "their text stays");
    assert_eq!(
        s.kept(),
        replace_once(
            &theirs,
            "\"It closed on 3 March.\"",
            "\"It shut in March.\""
        ),
        "the typed text is not lost"
    );
    s.assert_conflict_reported("not saved");
    let (message, _) = s.message();
    assert!(!message.contains("R tries again"), "{message}");

    s.keys("R");
    assert_eq!(s.disk(), theirs, "R does not overwrite either");
    s.assert_conflict_reported("not saved");
}

#[test]
fn a_text_edited_while_something_else_changed_on_disk_is_saved_on_top() {
    let mut s = session();
    s.select("march");
    s.keys("t\x15It shut in March.");
    let theirs = s.outside_edit(|t| replace_once(t, "\"By radio.\"", "\"By radio, at noon.\""));

    s.keys("\n");
    assert_eq!(
        s.disk(),
        replace_once(&theirs, "\"It closed in March.\"", "\"It shut in March.\"")
    );
    assert!(!s.conflict_file().exists());
    assert_eq!(
        s.message(),
        ("saved onto the file as changed on disk".to_string(), false)
    );
}

#[test]
fn an_unchanged_prompt_does_not_write_back_the_old_text() {
    let mut s = session();
    s.select("march");
    s.keys("t");
    let theirs =
        s.outside_edit(|t| replace_once(t, "\"It closed in March.\"", "\"It closed on 3 March.\""));

    s.keys("\n");
    assert_eq!(s.message(), ("unchanged".to_string(), false));
    assert_eq!(s.disk(), theirs);
    assert!(!s.conflict_file().exists());
}

#[test]
fn a_note_edited_on_disk_while_its_prompt_was_open_is_kept() {
    let mut s = session();
    s.select("april");
    s.keys("m\x15Heard on the radio.");
    let theirs = s.outside_edit(|t| replace_once(t, "\"By radio.\"", "\"Radio, unconfirmed.\""));

    s.keys("\n");
    assert_eq!(s.disk(), theirs);
    assert_eq!(
        s.kept(),
        replace_once(
            &theirs,
            "\"Radio, unconfirmed.\"",
            "\"Heard on the radio.\""
        )
    );
    s.assert_conflict_reported("not saved");
}

#[test]
fn a_link_made_on_disk_while_the_link_dialog_was_open_is_kept() {
    let mut s = session();
    s.select("march");
    s.keys("Lmay\na");
    let theirs = s.outside_edit(|t| {
        replace_once(
            t,
            "status = \"unreviewed\"\n",
            "status = \"unreviewed\"\nagrees = [\"may\"]\n",
        )
    });

    s.keys("Same week.\n");
    assert_eq!(s.disk(), theirs);
    // On theirs the link would be a duplicate: crux's version is the file
    // the dialog opened on, with the link.
    assert_eq!(
        s.kept(),
        replace_once(
            CLAIMS,
            "status = \"unreviewed\"\n",
            "status = \"unreviewed\"\nagrees = [\n  { claim = \"may\", note = \"Same week.\" },\n]\n",
        )
    );
    s.assert_conflict_reported("not saved");
}

#[test]
fn a_link_note_edited_on_disk_before_the_yes_to_remove_it_is_kept() {
    let mut s = session();
    s.select("april");
    s.keys("\tD");
    let theirs = s.outside_edit(|t| replace_once(t, "\"A month apart.\"", "\"Weeks apart.\""));

    s.keys("y");
    assert_eq!(s.disk(), theirs, "the link and its new note stay");
    assert!(!s.kept().contains("contradicts"), "{}", s.kept());
    s.assert_conflict_reported("not saved");
}

// ── The real binary in tmux ─────────────────────────────────────────────

/// `text` with the first `from` after `after` replaced by `to`.
fn replace_after(text: &str, after: &str, from: &str, to: &str) -> String {
    let start = text.find(after).unwrap();
    let at = start + text[start..].find(from).unwrap();
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

#[test]
fn undo_in_a_real_terminal_keeps_a_status_changed_on_disk_meanwhile() {
    use common::tmux::{self, Tmux, copy_dir, fixture_dir};
    if !tmux::available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_dir(), dir.path());
    let command = format!(
        "sh -c '\"{}\" claims.toml; echo CRUX-EXITED; sleep 600'",
        env!("CARGO_BIN_EXE_crux")
    );
    let tmux = Tmux::start(dir.path(), &command, 160, 48);
    let claims = dir.path().join("claims.toml");
    tmux.wait_for("claim 1/10");
    tmux.send(&["j"]);
    tmux.wait_for("baku-says-iran  · unreviewed");
    tmux.send(&["a"]);
    tmux.wait_for("baku-says-iran: confirmed (saved)");

    let saved = fs::read_to_string(&claims).unwrap();
    let theirs = replace_after(
        &saved,
        "[claims.baku-says-iran]",
        "status = \"confirmed\"",
        "status = \"rejected\"",
    );
    // A plain write, as a script or an editor that does not rename would.
    fs::write(&claims, &theirs).unwrap();
    tmux.wait_for("baku-says-iran  ✗ rejected");
    tmux.wait_for("reloaded: changed on disk");

    tmux.send(&["U"]);
    let screen = tmux.wait_for("compare the two, then reload");
    assert!(
        screen.contains(
            "not undone: changed on disk meanwhile; crux's version is in claims.toml.crux-conflict"
        ),
        "{screen}"
    );
    assert!(screen.contains("baku-says-iran  ✗ rejected"), "{screen}");
    assert_eq!(fs::read_to_string(&claims).unwrap(), theirs);
    let kept = fs::read_to_string(dir.path().join("claims.toml.crux-conflict")).unwrap();
    assert_eq!(
        kept,
        replace_after(
            &theirs,
            "[claims.baku-says-iran]",
            "status = \"rejected\"",
            "status = \"unreviewed\"",
        )
    );

    tmux.send(&["q"]);
    tmux.wait_for("CRUX-EXITED");
    assert_eq!(fs::read_to_string(&claims).unwrap(), theirs);
}
