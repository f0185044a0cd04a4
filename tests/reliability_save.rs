//! crux writing claims.toml: only the edited value changes, outside edits
//! are never overwritten, and a crash, a full disk or a read-only directory
//! never leaves a mixed or lost file.

mod common;

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crux::edit::{Applied, Edit, EditError, Fault, inject_fault, write_status};
use crux::model::Status;
use crux::tui::action::{Action, ClaimAction};
use crux::tui::app::{App, update};
use crux::tui::effect::Effect;
use crux::watch::{Changed, FileWatcher, content_differs};

const CLAIMS: &str = "# Harbour claims\r\n\
[sources.gazette]\r\n\
path = \"gazette.txt\"   # the first report\r\n\
\r\n\
[topics.when]\r\n\
question = \"When?\"\r\n\
\r\n\
[claims.march]\r\n\
topic = \"when\"\r\n\
text = \"March.\"\r\n\
spans = [{ source = \"gazette\", quote = \"March\" }]\r\n\
status = \"unreviewed\"   # first pass\r\n\
contradicts = [\"april\"]\r\n\
\r\n\
\r\n\
# April, by radio\r\n\
[claims.april]\r\n\
text = \"April.\"\r\n\
topic = \"when\"\r\n\
spans = [{ source = \"gazette\", quote = \"April\" }]";

fn project(claims: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("gazette.txt"),
        "Closed in March. Or April.\n",
    )
    .unwrap();
    let path = dir.path().join("claims.toml");
    fs::write(&path, claims).unwrap();
    (dir, path)
}

/// The one status change an effect asks for: (claim, status).
fn status_save(effect: &Effect) -> (String, Status) {
    match effect {
        Effect::Apply {
            edit: Edit::SetStatus { claim, status },
            ..
        } => (claim.clone(), *status),
        other => panic!("expected a status save, got {other:?}"),
    }
}

/// Selects `claim` in the review UI, sets `status` through `update`, and
/// carries out the save as the terminal loop does.
fn set_in_ui(app: &mut App, path: &Path, claim: &str, status: Status) -> Result<Applied, String> {
    app.select_claim(app.dataset().claim_index(claim).unwrap());
    let effects = update(app, Action::Claim(ClaimAction::SetStatus(status)));
    assert_eq!(effects.len(), 1, "{effects:?}");
    status_save(&effects[0]);
    let Some(Effect::Apply { edit, base }) = effects.into_iter().next() else {
        unreachable!("checked above");
    };
    crux::tui::save::apply(app, path, edit, base).map_err(|e| e.to_string())
}

fn ui_on(path: &Path) -> App {
    App::new(crux::load(path))
}

// ── Case 5: a status change through the UI changes that value alone ────

fn assert_ui_edit(claims: &str, claim: &str, expected: &str) {
    let (_dir, path) = project(claims);
    let mut app = ui_on(&path);
    set_in_ui(&mut app, &path, claim, Status::Confirmed).unwrap();
    assert_eq!(fs::read(&path).unwrap(), expected.as_bytes());
    assert_eq!(*app.dataset().text, *expected, "the UI knows the new text");
    let claim = app.dataset().claim(claim).unwrap();
    assert_eq!(claim.status, Status::Confirmed);
}

#[test]
fn a_ui_status_change_keeps_crlf_comments_order_and_no_final_newline() {
    let expected = CLAIMS.replace(
        "status = \"unreviewed\"   # first pass",
        "status = \"confirmed\"   # first pass",
    );
    assert_ne!(expected, CLAIMS);
    assert_ui_edit(CLAIMS, "march", &expected);

    let with_bom = format!("\u{feff}{CLAIMS}");
    assert_ui_edit(&with_bom, "march", &format!("\u{feff}{expected}"));

    let inserted = format!("{CLAIMS}\r\nstatus = \"confirmed\"");
    assert_ui_edit(CLAIMS, "april", &inserted);
}

#[test]
fn a_ui_status_change_in_an_inline_table_claim() {
    let claims = "[topics.t]\nquestion = \"?\"\n\n[claims]\n\
a = { topic = \"t\", text = \"A.\", spans = [], status = 'disputed' } # keep\n\
b = {topic=\"t\",text=\"B.\",spans=[]}\n";
    let expected = claims.replace("'disputed'", "'confirmed'");
    assert_ui_edit(claims, "a", &expected);
    let expected = claims.replace("spans=[]}", "spans=[], status = \"confirmed\"}");
    assert_ui_edit(claims, "b", &expected);
}

#[test]
fn a_ui_status_change_with_spans_as_tables() {
    let claims = "[topics.t]\nquestion = \"?\"\n\n\
[claims.a]\ntopic = \"t\"\ntext = \"A.\"\n\n\
[[claims.a.spans]]\nsource = \"s\"\nquote = \"x\"\n\n\
[[claims.a.spans]]\nsource = \"s\"\nquote = \"y\"\n";
    let expected = claims.replace("text = \"A.\"\n", "text = \"A.\"\nstatus = \"confirmed\"\n");
    assert_ui_edit(claims, "a", &expected);

    let with_status = claims.replace(
        "text = \"A.\"\n",
        "text = \"A.\"\nstatus = \"rejected\" # no\n",
    );
    let expected = with_status.replace("\"rejected\" # no", "\"confirmed\" # no");
    assert_ui_edit(&with_status, "a", &expected);
}

// ── Case 6: claims.toml edited on disk after crux read it ───────────────

/// Rewrites `path` with `text` and puts its modification time back, so only
/// the content tells the change apart.
fn edit_behind_crux(path: &Path, text: &str) {
    let before = fs::metadata(path).unwrap().modified().unwrap();
    assert_eq!(
        fs::read(path).unwrap().len(),
        text.len(),
        "a same-size edit"
    );
    fs::write(path, text).unwrap();
    let file = fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_modified(before).unwrap();
    drop(file);
    assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), before);
}

#[test]
fn a_same_size_outside_edit_with_the_old_mtime_is_kept() {
    let (_dir, path) = project(CLAIMS);
    let mut app = ui_on(&path);
    let theirs = CLAIMS.replace("text = \"April.\"", "text = \"Abril.\"");
    edit_behind_crux(&path, &theirs);
    assert!(content_differs(&path, &app.dataset().text));

    let saved = set_in_ui(&mut app, &path, "march", Status::Rejected).unwrap();
    assert!(saved.reapplied);
    let expected = theirs.replace("\"unreviewed\"   # first", "\"rejected\"   # first");
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
}

#[test]
fn a_same_size_outside_edit_of_the_same_value_is_a_conflict() {
    let (dir, path) = project(CLAIMS);
    let mut app = ui_on(&path);
    let theirs = CLAIMS.replace("status = \"unreviewed\"  ", "status = \"disputed\"    ");
    edit_behind_crux(&path, &theirs);

    let error = set_in_ui(&mut app, &path, "march", Status::Rejected).unwrap_err();
    assert!(error.contains("changed on disk"), "{error}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "theirs untouched"
    );
    let kept = fs::read_to_string(dir.path().join("claims.toml.crux-conflict")).unwrap();
    assert_eq!(
        kept,
        theirs.replace("\"disputed\"", "\"rejected\""),
        "crux's version differs from theirs in that one value"
    );
    assert!(app.message.as_ref().unwrap().is_error);
}

// ── Case 7: killed mid-save ─────────────────────────────────────────────

fn temp_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".crux-tmp"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_crash_before_the_rename_leaves_the_old_file_and_a_temp_the_next_save_removes() {
    let (dir, path) = project(CLAIMS);
    inject_fault(Fault::Crash);
    let error = write_status(&path, CLAIMS, "march", Status::Confirmed).unwrap_err();
    assert!(matches!(error, EditError::Io(_)), "{error:?}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        CLAIMS,
        "the old version, whole"
    );
    let left = temp_files(dir.path());
    assert_eq!(left.len(), 1, "the crash leaves its temp file");
    assert!(left[0].starts_with(".claims.toml."), "{left:?}");

    // The loader reads claims.toml only; the leftover changes nothing.
    let dataset = crux::load(&path);
    assert_eq!(*dataset.text, *CLAIMS);
    assert_eq!(dataset.claim("march").unwrap().status, Status::Unreviewed);

    let saved = write_status(&path, CLAIMS, "march", Status::Confirmed).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), saved.text);
    assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "cleaned up");
}

#[test]
fn other_files_temp_files_are_not_removed() {
    let (dir, path) = project(CLAIMS);
    let unrelated = dir.path().join(".other.toml.abc.crux-tmp");
    fs::write(&unrelated, "x").unwrap();
    write_status(&path, CLAIMS, "march", Status::Confirmed).unwrap();
    assert!(unrelated.exists());
}

/// Runs in a child process of the test below: saves with the pause hook
/// set, and is killed while paused.
#[test]
#[ignore = "run by a_process_killed_mid_save_leaves_the_file_whole"]
fn save_until_killed() {
    let Some(path) = std::env::var_os("CRUX_TEST_CLAIMS") else {
        return;
    };
    let _ = write_status(Path::new(&path), CLAIMS, "march", Status::Confirmed);
    unreachable!("the save pauses until killed");
}

#[cfg(unix)]
#[test]
fn a_process_killed_mid_save_leaves_the_file_whole() {
    let (dir, path) = project(CLAIMS);
    let signal = dir.path().join("paused");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "save_until_killed", "--ignored", "--nocapture"])
        .env("CRUX_TEST_CLAIMS", &path)
        .env("CRUX_TEST_PAUSE_BEFORE_RENAME", &signal)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Waits for the child to reach the pause: not a timed assertion.
    while !signal.exists() {
        assert!(child.try_wait().unwrap().is_none(), "the child ended early");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        CLAIMS,
        "old version, whole"
    );
    let temp = PathBuf::from(fs::read_to_string(&signal).unwrap());
    let expected = CLAIMS.replace("\"unreviewed\"   # first", "\"confirmed\"   # first");
    assert_eq!(
        fs::read_to_string(&temp).unwrap(),
        expected,
        "the new version, whole, in the temp file"
    );
    write_status(&path, CLAIMS, "march", Status::Disputed).unwrap();
    assert!(!temp.exists(), "the next save removes the leftover");
}

// ── Case 8: a full disk or a read-only directory ────────────────────────

fn assert_failed_save_is_retryable(app: &mut App, path: &Path, error: &str) {
    assert!(error.starts_with("could not save"), "{error}");
    assert_eq!(
        fs::read_to_string(path).unwrap(),
        CLAIMS,
        "original untouched"
    );
    let message = app.message.clone().unwrap();
    assert!(
        message.is_error && message.text.contains("not saved"),
        "{message:?}"
    );
    let claim = app.dataset().claim("march").unwrap();
    assert_eq!(
        claim.status,
        Status::Unreviewed,
        "the UI shows what is on disk"
    );
    assert_eq!(
        app.history.undo_len(),
        0,
        "nothing to undo: nothing changed"
    );

    let again = update(
        app,
        Action::Claim(ClaimAction::SetStatus(Status::Confirmed)),
    );
    assert_eq!(
        status_save(&again[0]).1,
        Status::Confirmed,
        "the key retries"
    );
}

#[test]
fn a_full_disk_keeps_the_change_retryable() {
    let (dir, path) = project(CLAIMS);
    let mut app = ui_on(&path);
    inject_fault(Fault::OsError(28));
    let error = set_in_ui(&mut app, &path, "march", Status::Confirmed).unwrap_err();
    assert!(error.contains("No space left on device"), "{error}");
    assert_failed_save_is_retryable(&mut app, &path, &error);
    assert!(
        temp_files(dir.path()).is_empty(),
        "no partial temp file left"
    );

    set_in_ui(&mut app, &path, "march", Status::Confirmed).unwrap();
    assert_eq!(
        app.dataset().claim("march").unwrap().status,
        Status::Confirmed
    );
}

/// Where the child run of `save_into_read_only_directory` finds its project.
const READ_ONLY_PROJECT: &str = "CRUX_TEST_READ_ONLY_PROJECT";
/// Printed by that child once every check has passed.
const READ_ONLY_CHECKED: &str = "read-only directory save checked";

/// Makes `dir` writable again when dropped, so a failed check still lets
/// the temp dir be removed.
#[cfg(unix)]
struct WritableOnDrop<'a>(&'a Path);

#[cfg(unix)]
impl Drop for WritableOnDrop<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(self.0, fs::Permissions::from_mode(0o755));
    }
}

/// In the project `dir`, already mode 555: loads it, saves a status change
/// through the UI and checks the failure is shown and retryable.
fn save_into_read_only(dir: &Path) {
    assert!(
        fs::write(dir.join("probe"), "").is_err(),
        "mode 555 must stop this user from writing in {}",
        dir.display()
    );
    let path = dir.join("claims.toml");
    let mut app = ui_on(&path);
    let error = set_in_ui(&mut app, &path, "march", Status::Confirmed).unwrap_err();
    assert!(error.contains("Permission denied"), "{error}");
    assert_failed_save_is_retryable(&mut app, &path, &error);
    assert!(temp_files(dir).is_empty(), "no temp file left");
}

/// Runs as nobody in a child process of the test below, when that test
/// runs as root: root writes into any directory.
#[test]
#[ignore = "run by a_read_only_directory_keeps_the_change_retryable"]
fn save_into_read_only_directory() {
    let Some(dir) = std::env::var_os(READ_ONLY_PROJECT) else {
        return;
    };
    save_into_read_only(Path::new(&dir));
    println!("{READ_ONLY_CHECKED}");
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_keeps_the_change_retryable() {
    use common::unprivileged;
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = project(CLAIMS);
    let as_root = unprivileged::is_root();
    if as_root {
        // A project of nobody's own, as a user's project is theirs.
        unprivileged::give_to_nobody(dir.path());
    }
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let _restore = WritableOnDrop(dir.path());
    if !as_root {
        save_into_read_only(dir.path());
        return;
    }
    let why = "to save into a read-only directory";
    unprivileged::assert_nobody_can(dir.path(), 0o5, why);
    let output = unprivileged::command_as_nobody(&std::env::current_exe().unwrap(), why)
        .args([
            "--exact",
            "save_into_read_only_directory",
            "--ignored",
            "--nocapture",
        ])
        .env(READ_ONLY_PROJECT, dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains(READ_ONLY_CHECKED),
        "the save as nobody:\n{stdout}\n{stderr}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        CLAIMS,
        "original untouched"
    );
}

// ── Case 9: claims.toml is a symlink ────────────────────────────────────

#[cfg(unix)]
#[test]
fn saving_through_a_relative_link_chain_updates_the_target_only() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let (dir, _) = project("");
    fs::create_dir_all(dir.path().join("data/real")).unwrap();
    let target = dir.path().join("data/real/claims.toml");
    fs::write(&target, CLAIMS).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o604)).unwrap();
    // claims.toml -> data/current.toml -> real/claims.toml, both relative.
    let first = dir.path().join("claims.toml");
    fs::remove_file(&first).unwrap();
    symlink("data/current.toml", &first).unwrap();
    symlink("real/claims.toml", dir.path().join("data/current.toml")).unwrap();

    let mut app = ui_on(&first);
    let saved = set_in_ui(&mut app, &first, "march", Status::Disputed).unwrap();
    assert_eq!(
        fs::read_link(&first).unwrap(),
        Path::new("data/current.toml")
    );
    assert_eq!(
        fs::read_link(dir.path().join("data/current.toml")).unwrap(),
        Path::new("real/claims.toml")
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), *saved.text);
    assert!(saved.text.contains("status = \"disputed\"   # first pass"));
    let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o604);
    let mut beside: Vec<_> = fs::read_dir(dir.path().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["current.toml", "real"], "nothing else written");
}

// ── Case 10: the watcher ────────────────────────────────────────────────

fn next_change(events: &Receiver<Changed>) -> Changed {
    // A bound on waiting for the file system, not a timing assertion.
    events.recv_timeout(Duration::from_secs(10)).unwrap()
}

#[test]
fn every_save_by_rename_is_seen() {
    let (dir, path) = project(CLAIMS);
    let (_watcher, events) = FileWatcher::start(&path, &[]).unwrap();
    for n in 1..=3 {
        let text = CLAIMS.replace("April.", &format!("April {n}."));
        let temp = dir.path().join(format!(".claims.toml.swp{n}"));
        fs::write(&temp, &text).unwrap();
        fs::rename(&temp, &path).unwrap();
        assert!(next_change(&events).claims_file, "rename-save {n}");
        assert!(content_differs(&path, CLAIMS));
        while events.try_recv().is_ok() {}
    }
}

#[test]
fn cruxs_own_save_does_not_cause_a_reload() {
    let (_dir, path) = project(CLAIMS);
    let (_watcher, events) = FileWatcher::start(&path, &[]).unwrap();
    let mut known = CLAIMS.to_string();
    for status in [Status::Confirmed, Status::Disputed, Status::Rejected] {
        let saved = write_status(&path, &known, "march", status).unwrap();
        assert!(!saved.reapplied);
        known = saved.text;
        assert!(next_change(&events).claims_file);
        assert!(
            !content_differs(&path, &known),
            "no reload for our own write"
        );
    }
}

#[test]
fn a_claims_file_swapped_for_a_fifo_mid_session_is_not_read_by_a_save() {
    let (_dir, path) = project(CLAIMS);
    let read = fs::read_to_string(&path).unwrap();
    fs::remove_file(&path).unwrap();
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
    let (done, finished) = std::sync::mpsc::channel();
    let target = path.clone();
    std::thread::spawn(move || {
        let _ = done.send(write_status(&target, &read, "march", Status::Confirmed));
    });
    // Opening a FIFO for reading blocks until a writer comes: a save that
    // reads it that way never returns.
    let saved = finished
        .recv_timeout(Duration::from_secs(10))
        .expect("the save blocked on the FIFO");
    assert!(
        matches!(saved, Err(EditError::Conflict { .. })),
        "{saved:?}"
    );
    assert!(fs::symlink_metadata(&path).unwrap().file_type().is_fifo());
}
