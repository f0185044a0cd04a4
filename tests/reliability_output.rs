//! crux writing files of its own (a report, an export, a new claims.toml)
//! and saving claims.toml never writes over what the user wrote: not
//! through another name, a symlink or a hard link, not a read-only file,
//! and never changing the file's owner or breaking its hard links.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, Run};
use crux::edit::{Fault, inject_fault, write_status};
use crux::model::Status;
use crux::output::{Links, OutputError};
use crux::report::Format;
use crux::tui::action::{Action, ClaimAction, GlobalAction};
use crux::tui::app::{App, update};
use crux::tui::effect::Effect;

const CLAIMS: &str = r#"# Harbour claims, written by hand
[sources.gazette]
path = "seeds/gazette.txt"

[sources.radio]
path = "seeds/radio.txt"

[topics.when]
question = "When did the harbour close?"

[claims.march]
topic = "when"
text = "The harbour closed in March."
spans = [{ source = "gazette", quote = "closed in March" }]
status = "unreviewed"
contradicts = ["april"]

[claims.april]
topic = "when"
text = "The harbour closed in April."
spans = [{ source = "radio", quote = "closed in April" }]
"#;
const GAZETTE: &str = "The harbour closed in March.\n";
const RADIO: &str = "The harbour closed in April.\n";

fn project() -> Fixture {
    Fixture::new(&[
        ("claims.toml", CLAIMS),
        ("seeds/gazette.txt", GAZETTE),
        ("seeds/radio.txt", RADIO),
    ])
}

/// Every file the user wrote, as written.
fn assert_untouched(fixture: &Fixture) {
    for (path, text) in [
        ("claims.toml", CLAIMS),
        ("seeds/gazette.txt", GAZETTE),
        ("seeds/radio.txt", RADIO),
    ] {
        assert_eq!(
            fs::read_to_string(fixture.path(path)).unwrap(),
            text,
            "{path} changed"
        );
    }
    let check = fixture.crux(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// `crux args...` in the fixture; a run that blocks (opening a FIFO) is
/// killed after 20 s and fails the test instead of hanging it.
fn crux_in_time(fixture: &Fixture, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crux"))
        .args(args)
        .current_dir(fixture.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("crux {args:?} blocked for 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run::from(child.wait_with_output().unwrap())
}

fn assert_refused(run: &Run, output: &str, what: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("error: {output} is {what}")),
        "{output}: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: give -o another file"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("wrote"), "{}", run.stderr);
}

// ── crux report -o ──────────────────────────────────────────────────────

#[test]
fn a_report_over_the_claims_file_is_refused_however_it_is_spelt() {
    let fixture = project();
    symlink("claims.toml", fixture.path("link.toml")).unwrap();
    fs::hard_link(fixture.path("claims.toml"), fixture.path("hard.toml")).unwrap();
    symlink(".", fixture.path("here")).unwrap();
    let absolute = fixture.path("claims.toml");
    for (output, what) in [
        ("claims.toml", "the claims file;"),
        ("./claims.toml", "the claims file (claims.toml)"),
        ("seeds/../claims.toml", "the claims file (claims.toml)"),
        (absolute.to_str().unwrap(), "the claims file (claims.toml)"),
        ("link.toml", "the claims file (claims.toml)"),
        ("hard.toml", "the claims file (claims.toml)"),
        ("here/claims.toml", "the claims file (claims.toml)"),
    ] {
        for format in ["md", "html", "json"] {
            let run = fixture.crux(&["report", "--format", format, "-o", output]);
            assert_refused(&run, output, what);
        }
    }
    assert_untouched(&fixture);
}

#[test]
fn a_report_over_a_source_is_refused_however_it_is_spelt() {
    let fixture = project();
    fs::hard_link(fixture.path("seeds/radio.txt"), fixture.path("copy.txt")).unwrap();
    symlink("seeds/gazette.txt", fixture.path("gazette-link.txt")).unwrap();
    for (output, what) in [
        ("seeds/gazette.txt", "source `gazette`;"),
        (
            "./seeds/gazette.txt",
            "source `gazette` (seeds/gazette.txt)",
        ),
        (
            "seeds/./../seeds/radio.txt",
            "source `radio` (seeds/radio.txt)",
        ),
        ("gazette-link.txt", "source `gazette` (seeds/gazette.txt)"),
        ("copy.txt", "source `radio` (seeds/radio.txt)"),
    ] {
        let run = fixture.crux(&["report", "-o", output]);
        assert_refused(&run, output, what);
    }
    assert_untouched(&fixture);
}

#[test]
fn a_report_at_a_declared_source_that_does_not_exist_yet_is_refused() {
    let claims = format!("{CLAIMS}\n[sources.later]\npath = \"seeds/later.txt\"\n");
    let fixture = Fixture::new(&[
        ("claims.toml", claims.as_str()),
        ("seeds/gazette.txt", GAZETTE),
        ("seeds/radio.txt", RADIO),
    ]);
    for (output, what) in [
        ("seeds/later.txt", "source `later`;"),
        (
            "./seeds/../seeds/later.txt",
            "source `later` (seeds/later.txt)",
        ),
    ] {
        let run = fixture.crux(&["report", "-o", output]);
        assert_refused(&run, output, what);
    }
    assert!(!fixture.path("seeds/later.txt").exists());
}

#[test]
fn a_report_to_a_directory_a_fifo_or_a_device_is_refused() {
    let fixture = project();
    let fifo = fixture.path("fifo");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo has no other precondition.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    for (output, what) in [
        ("seeds", "a directory"),
        ("fifo", "not a regular file"),
        ("/dev/null", "not a regular file"),
    ] {
        let run = crux_in_time(&fixture, &["report", "-o", output]);
        assert_refused(&run, output, what);
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_untouched(&fixture);
}

#[test]
fn a_report_through_a_link_to_nothing_creates_nothing() {
    let fixture = project();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("planted.md");
    symlink(&target, fixture.path("report.md")).unwrap();
    let run = fixture.crux(&["report", "-o", "report.md"]);
    assert_refused(
        &run,
        "report.md",
        "a symbolic link to a file that does not exist",
    );
    assert!(!target.exists(), "nothing created through the link");
    assert_untouched(&fixture);
}

#[test]
fn a_report_through_a_link_to_an_old_report_replaces_that_report() {
    let fixture = project();
    fs::create_dir(fixture.path("out")).unwrap();
    fs::write(fixture.path("out/old.md"), "old report\n").unwrap();
    fs::set_permissions(
        fixture.path("out/old.md"),
        fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    symlink("out/old.md", fixture.path("report.md")).unwrap();
    let run = fixture.crux(&["report", "-o", "report.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let link = fs::symlink_metadata(fixture.path("report.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let report = fs::read_to_string(fixture.path("out/old.md")).unwrap();
    assert!(report.contains("The harbour closed in March."), "{report}");
    let mode = fs::metadata(fixture.path("out/old.md")).unwrap().mode() & 0o777;
    assert_eq!(mode, 0o640, "the old report's permissions are kept");
    assert_untouched(&fixture);
}

#[test]
fn a_report_into_a_missing_directory_says_so_plainly() {
    let fixture = project();
    let run = fixture.crux(&["report", "-o", "nodir/report.md"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: cannot write nodir/report.md: No such file or directory (os error 2)\n"
    );
}

#[test]
fn a_new_report_gets_the_mode_of_a_new_file() {
    let fixture = project();
    let crux = env!("CARGO_BIN_EXE_crux");
    let output = Command::new("sh")
        .args([
            "-c",
            &format!("umask 022 && exec '{crux}' report -o new.md"),
        ])
        .current_dir(fixture.dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let mode = fs::metadata(fixture.path("new.md")).unwrap().mode() & 0o777;
    assert_eq!(mode, 0o644, "0666 less the umask, as `>` would make it");
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".crux-"))
        .collect()
}

#[test]
fn a_report_that_fails_midway_leaves_the_old_report_whole() {
    let fixture = project();
    let dataset = crux::load(&fixture.path("claims.toml"));
    let report = fixture.path("report.md");
    fs::write(&report, "old report\n").unwrap();
    inject_fault(Fault::OsError(28));
    let error = crux::output::write(&dataset, &report, "new report\n", Links::Follow).unwrap_err();
    assert!(matches!(error, OutputError::Io(..)), "{error}");
    assert!(
        error.to_string().contains("No space left on device"),
        "{error}"
    );
    assert_eq!(fs::read_to_string(&report).unwrap(), "old report\n");
    assert!(temp_files(fixture.dir.path()).is_empty());

    inject_fault(Fault::Crash);
    crux::output::write(&dataset, &report, "new report\n", Links::Follow).unwrap_err();
    assert_eq!(
        fs::read_to_string(&report).unwrap(),
        "old report\n",
        "a crash before the rename leaves the old report, not part of the new"
    );
}

// ── Export from the review UI ───────────────────────────────────────────

fn ui_on(fixture: &Fixture) -> (App, PathBuf) {
    let path = fixture.path("claims.toml");
    (App::new(crux::load(&path)), path)
}

fn export_effect(app: &mut App) -> Format {
    let effects = update(app, Action::Global(GlobalAction::Export));
    match effects.as_slice() {
        [Effect::Export(format)] => *format,
        other => panic!("expected an export, got {other:?}"),
    }
}

#[test]
fn an_export_writes_the_report_next_to_the_claims_file() {
    let fixture = project();
    let (mut app, path) = ui_on(&fixture);
    let format = export_effect(&mut app);
    crux::tui::export::export(&mut app, &path, format).unwrap();
    let report = fs::read_to_string(fixture.path("crux-report.md")).unwrap();
    assert!(report.contains("The harbour closed in April."), "{report}");
    let message = app.message.unwrap();
    assert!(
        !message.is_error && message.text.starts_with("exported to"),
        "{message:?}"
    );
}

#[test]
fn an_export_never_writes_through_a_planted_symlink() {
    let fixture = project();
    let outside = tempfile::tempdir().unwrap();
    for format in [Format::Markdown, Format::Html, Format::Json] {
        let name = crux::report::default_file_name(format);
        let victim = outside.path().join(format!("victim-{name}"));
        fs::write(&victim, "not crux's\n").unwrap();
        symlink(&victim, fixture.path(name)).unwrap();
        let (mut app, path) = ui_on(&fixture);
        let error = crux::tui::export::export(&mut app, &path, format).unwrap_err();
        assert!(matches!(error, OutputError::Symlink(_)), "{error}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "not crux's\n");
        let link = fs::symlink_metadata(fixture.path(name)).unwrap();
        assert!(
            link.file_type().is_symlink(),
            "the link is left for the user"
        );
        let message = app.message.unwrap();
        assert!(message.is_error, "{message:?}");
        assert!(
            message.text.starts_with("not exported: ")
                && message.text.contains(&format!("{name} is a symbolic link"))
                && message.text.contains("remove the link (rm "),
            "{message:?}"
        );
    }
    assert_untouched(&fixture);
}

#[test]
fn an_export_over_the_claims_file_or_a_source_is_refused() {
    let fixture = project();
    fs::hard_link(fixture.path("claims.toml"), fixture.path("crux-report.md")).unwrap();
    fs::hard_link(
        fixture.path("seeds/radio.txt"),
        fixture.path("crux-report.html"),
    )
    .unwrap();
    let (mut app, path) = ui_on(&fixture);
    for (format, what) in [
        (Format::Markdown, "is the claims file ("),
        (Format::Html, "is source `radio` ("),
    ] {
        let error = crux::tui::export::export(&mut app, &path, format).unwrap_err();
        assert!(matches!(error, OutputError::Protected { .. }), "{error}");
        let message = app.message.clone().unwrap();
        assert!(
            message.is_error && message.text.contains(what),
            "{message:?}"
        );
    }
    assert_untouched(&fixture);
}

// ── Saving claims.toml ──────────────────────────────────────────────────

const CONFIRMED: &str = "status = \"confirmed\"";

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Sets march's status in the review UI and saves it as the event loop does.
fn save_in_ui(app: &mut App, path: &Path, action: Action) -> Result<(), String> {
    app.select_claim(app.dataset().claim_index("march").unwrap());
    let mut effects = update(app, action);
    let result = match effects.pop() {
        Some(Effect::Apply { edit, base }) => crux::tui::save::apply(app, path, edit, base),
        Some(Effect::Retry) => crux::tui::save::retry(app, path).expect("a change to retry"),
        other => panic!("expected a save, got {other:?}"),
    };
    result.map(drop).map_err(|e| e.to_string())
}

#[test]
fn a_read_only_claims_file_is_refused_and_the_change_stays_retryable() {
    let fixture = project();
    let (mut app, path) = ui_on(&fixture);
    chmod(&path, 0o444);
    let error = save_in_ui(
        &mut app,
        &path,
        Action::Claim(ClaimAction::SetStatus(Status::Confirmed)),
    )
    .unwrap_err();
    let expected = format!(
        "{0} is read-only; make it writable (chmod u+w {0}) to save",
        path.display()
    );
    assert_eq!(error, expected);
    assert_untouched(&fixture);
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o444);
    let message = app.message.clone().unwrap();
    assert!(message.is_error, "{message:?}");
    assert_eq!(
        message.text,
        format!("not saved: {expected} — R tries again")
    );
    assert_eq!(
        app.dataset().claim("march").unwrap().status,
        Status::Unreviewed
    );

    chmod(&path, 0o644);
    save_in_ui(&mut app, &path, Action::Global(GlobalAction::RetrySave)).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        CLAIMS.replacen("status = \"unreviewed\"", CONFIRMED, 1)
    );
}

#[test]
fn crux_fix_refuses_a_read_only_claims_file_once() {
    let claims = CLAIMS.replace(
        "quote = \"closed in March\"",
        "quote = \"harbour's gates closed in March\"",
    );
    let fixture = Fixture::new(&[
        ("claims.toml", &claims),
        (
            "seeds/gazette.txt",
            "The harbour’s gates closed in March.\n",
        ),
        ("seeds/radio.txt", RADIO),
    ]);
    chmod(&fixture.path("claims.toml"), 0o444);
    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: claims.toml is read-only; make it writable (chmod u+w claims.toml) to save\n"
    );
    assert_eq!(
        fs::read_to_string(fixture.path("claims.toml")).unwrap(),
        claims
    );

    chmod(&fixture.path("claims.toml"), 0o644);
    let run = fixture.crux(&["fix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fixed = fs::read_to_string(fixture.path("claims.toml")).unwrap();
    assert!(
        fixed.contains("quote = \"harbour’s gates closed in March\""),
        "{fixed}"
    );
}

#[test]
fn a_save_keeps_the_owner_group_and_mode() {
    if !common::unprivileged::is_root() {
        eprintln!("skipped: only root can hand the file to another owner");
        return;
    }
    let fixture = project();
    let path = fixture.path("claims.toml");
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    chmod(&path, 0o640);
    write_status(&path, CLAIMS, "march", Status::Confirmed).unwrap();
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert_eq!(meta.mode() & 0o777, 0o640);
    assert!(fs::read_to_string(&path).unwrap().contains(CONFIRMED));
}

fn names_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect()
}

#[test]
fn a_save_keeps_hard_links() {
    let fixture = project();
    let path = fixture.path("claims.toml");
    let other = fixture.path("seeds/also-claims.toml");
    fs::hard_link(&path, &other).unwrap();
    let inode = fs::metadata(&path).unwrap().ino();
    write_status(&path, CLAIMS, "march", Status::Confirmed).unwrap();
    let expected = CLAIMS.replacen("status = \"unreviewed\"", CONFIRMED, 1);
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(
        fs::read_to_string(&other).unwrap(),
        expected,
        "the link sees it"
    );
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.ino(), meta.nlink()), (inode, 2));
    assert!(
        temp_files(fixture.dir.path()).is_empty(),
        "no backup or temp left"
    );
}

#[test]
fn a_crash_during_an_in_place_save_leaves_the_file_and_a_backup_whole() {
    let fixture = project();
    let path = fixture.path("claims.toml");
    fs::hard_link(&path, fixture.path("also-claims.toml")).unwrap();
    inject_fault(Fault::Crash);
    write_status(&path, CLAIMS, "march", Status::Confirmed).unwrap_err();
    assert_eq!(fs::read_to_string(&path).unwrap(), CLAIMS);
    let backups = names_ending(fixture.dir.path(), ".crux-backup");
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(
        backups[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("claims.toml."),
        "{backups:?}"
    );
    assert_eq!(fs::read_to_string(&backups[0]).unwrap(), CLAIMS);

    write_status(&path, CLAIMS, "march", Status::Confirmed).unwrap();
    assert!(
        backups[0].exists(),
        "a backup a crash left is the user's to remove"
    );
}

/// Where the child run of `save_as_nobody` finds its project.
const NOBODYS_PROJECT: &str = "CRUX_TEST_NOBODYS_PROJECT";

/// Run as nobody by the tests below: saves a status change and prints the
/// outcome.
#[test]
#[ignore = "run by the tests that save as nobody"]
fn save_as_nobody() {
    let Some(dir) = std::env::var_os(NOBODYS_PROJECT) else {
        return;
    };
    let path = Path::new(&dir).join("claims.toml");
    match write_status(&path, CLAIMS, "march", Status::Confirmed) {
        Ok(_) => println!("outcome: saved"),
        Err(e) => println!("outcome: {e}"),
    }
}

/// As root: hands the project to nobody but claims.toml to root with
/// `mode`, saves as nobody, and returns what the save printed.
fn save_roots_file_as_nobody(fixture: &Fixture, mode: u32) -> String {
    use common::unprivileged;
    unprivileged::give_to_nobody(fixture.dir.path());
    let path = fixture.path("claims.toml");
    std::os::unix::fs::chown(&path, Some(0), Some(0)).unwrap();
    chmod(&path, mode);
    let why = "to save a file root owns";
    unprivileged::assert_nobody_can(fixture.dir.path(), 0o7, why);
    let output = unprivileged::command_as_nobody(&std::env::current_exe().unwrap(), why)
        .args(["--exact", "save_as_nobody", "--ignored", "--nocapture"])
        .env(NOBODYS_PROJECT, fixture.dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the save as nobody:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let outcome = stdout.lines().find_map(|l| l.strip_prefix("outcome: "));
    outcome.expect("the child saved").to_string()
}

/// A rename would hand the file to the user saving it: it is written in
/// place instead, as vim does.
#[test]
fn a_save_by_another_user_keeps_the_owner() {
    if !common::unprivileged::is_root() {
        eprintln!("skipped: needs root to run the save as nobody");
        return;
    }
    let fixture = project();
    assert_eq!(save_roots_file_as_nobody(&fixture, 0o666), "saved");
    let path = fixture.path("claims.toml");
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid(), meta.mode() & 0o777), (0, 0, 0o666));
    assert!(fs::read_to_string(&path).unwrap().contains(CONFIRMED));
    assert!(
        temp_files(fixture.dir.path()).is_empty(),
        "no backup or temp left"
    );
}

/// The directory is nobody's, so a rename would go through; the file is
/// not: refused, as vim refuses it.
#[test]
fn a_file_this_user_may_not_write_is_refused() {
    if !common::unprivileged::is_root() {
        eprintln!("skipped: needs root to run the save as nobody");
        return;
    }
    let fixture = project();
    let path = fixture.path("claims.toml");
    assert_eq!(
        save_roots_file_as_nobody(&fixture, 0o644),
        format!(
            "{0} is read-only; make it writable (chmod u+w {0}) to save",
            path.display()
        )
    );
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (0, 0));
    assert_eq!(fs::read_to_string(&path).unwrap(), CLAIMS);
}

// ── crux init ───────────────────────────────────────────────────────────

#[test]
fn init_does_not_follow_a_symlink_at_claims_toml() {
    let outside = tempfile::tempdir().unwrap();
    let existing = outside.path().join("existing.toml");
    fs::write(&existing, "# someone else's\n").unwrap();
    let missing = outside.path().join("missing.toml");
    for target in [&existing, &missing] {
        let fixture = Fixture::new(&[("notes.txt", "A note.\n")]);
        symlink(target, fixture.path("claims.toml")).unwrap();
        let run = fixture.crux(&["init"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    }
    assert_eq!(fs::read_to_string(&existing).unwrap(), "# someone else's\n");
    assert!(
        !missing.exists(),
        "nothing created through a link to nothing"
    );
}
